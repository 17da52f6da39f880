#pragma once
// The 15 inputs of the hedge-ratio model and its target, computed from one venue's swaps. Every value
// is defined here and in docs/federated-venue-data.md (with its observed range on the real swaps);
// windows count swaps, not seconds, so real, simulated and GAN markets are read the same way.
//
// No lookahead: the features at row t read rows ≤ t only; the target at row t reads the prices of rows
// t … t + H (the future it is the answer for) and the cost at row t.
//
// Scales are chosen so each feature is O(1) on real data (no z-scoring is needed, and a venue's data
// never has to be normalised with another venue's statistics):
//   0 liquidity pressure   Σ USDC volume of the last W swaps / depth₁%, clamped to [0, 10]
//   1 volatility           1000 · sample std (ddof 1) of the last W per-swap log returns (‰ per swap),
//                          clamped to [0, 10]
//   2 volume ratio         mean USDC volume of the last W swaps / that of the last WL swaps, clamped to [0, 10]
//   3 price change %       100 · (p[t] / p[t − W] − 1), clamped to [−10, 10]
//   4 effective spread %   100 · mean of the sell and buy costs of the reference size (fee + price impact),
//                          clamped to [0, 10]
//   5 order-flow imbalance (buy − sell USDC volume) / total over the last W swaps, in [−1, 1]
//   6 RSI / 100            Σ gains / (Σ gains + Σ losses) over the last n price changes (0.5 when flat)
//   7 Bollinger position   (p − lower) / (upper − lower), bands mean ± k · population std of the last m
//                          prices, clamped to [0, 1] (0.5 when the band has no width)
//   8 position size        reference size (USDC) / depth₁%, clamped to [0, 10]
//   9 previous hedge ratio the realised optimal hedge ratio of the horizon that just ended, rows t − H … t
//  10–13 regime one-hot    crisis, volatile, trending bull, trending bear (RegimeClassifier)
//  14 regime confidence    in [0, 1]
// depth₁% = the USDC that moves the price up 1 % within the current liquidity: L · √P · (√1.01 − 1) / 10⁶
// (L the in-range liquidity, √P = √(price · 10⁶ / 10¹⁸), the pool's raw sqrt price).
//
// Target (realisedHedgeRatio): a long position of the reference size is hedged at row t by selling a
// fraction h of it, paying the effective spread c (feature 4 / 100, unclamped) on what is sold. As a
// fraction of the position, its P&L path is π_0 = −h·c right after hedging and, after k more swaps,
// π_k = (1 − h)·a_k − h·c with a_k = p[t+k]/p[t] − 1. The target is the h that minimises the realised
// variance (quadratic variation) of that path over the next H swaps,
//   QV(h) = (π_0 − 0)² + Σ_{k=1..H} (π_k − π_{k−1})² = h²c² + (1 − h)²·RV,  RV = Σ_{k=1..H} (a_k − a_{k−1})²,
// that is h* = RV / (RV + c²) ∈ [0, 1] (0 when RV and c are both 0). A costless hedge of a moving
// position is full (h* = 1); a quiet market is not worth the spread (h* → 0); the direction of the
// moves does not matter, only their size against the cost.

#include "regimeclassifier.h"

#include <QString>
#include <QVector>

#include <array>

namespace apedesk::federated {

// One swap of a venue's market, in time order.
struct VenueSwap
{
    qint64 timestamp = 0;            // unix seconds
    double price = 0;                // USDC per ETH after the swap (> 0)
    double ethAmount = 0;            // the swapper's ETH delta, signed: > 0 bought ETH, < 0 sold ETH
    double usdcVolume = 0;           // |USDC| of the swap
    double liquidity = 0;            // the pool's in-range liquidity L (raw, as in the Swap event)
    double feeFraction = 0.0005;     // the pool fee (500 pips = 0.05 %)
};

enum VenueFeature {
    FeatureLiquidityPressure,
    FeatureVolatility,
    FeatureVolumeRatio,
    FeaturePriceChangePercent,
    FeatureEffectiveSpread,
    FeatureOrderFlowImbalance,
    FeatureRsi,
    FeatureBollingerPosition,
    FeaturePositionSize,
    FeaturePreviousHedgeRatio,
    FeatureRegimeCrisis,
    FeatureRegimeVolatile,
    FeatureRegimeTrendingBull,
    FeatureRegimeTrendingBear,
    FeatureRegimeConfidence,
};
constexpr int kVenueFeatureCount = 15;
using VenueFeatureRow = std::array<float, kVenueFeatureCount>;

// Stable snake_case names in feature order ("liquidity_pressure", …, "regime_confidence").
QString venueFeatureName(int feature);

struct VenueFeatureConfig
{
    int window = 20;                 // W: volatility, price change, pressure, imbalance, volume ratio
    int longWindow = 200;            // WL: the volume ratio's baseline
    int rsiPeriod = 14;              // n price changes
    int bollingerWindow = 20;        // m prices
    double bollingerWidth = 2;       // k
    int horizon = 20;                // H: swaps ahead the target looks (and behind, for feature 9)
    double referenceUsdc = 10000;    // the position being hedged and the reference trade size
    RegimeThresholds regime;

    // The first row with a full history for every feature: max(WL − 1, W, n, m − 1, R, H).
    int firstFeatureRow() const;
};

// --- The features one by one (each reads rows ≤ t only; t must have its full window) ---
double liquidityDepthUsdc(const VenueSwap &swap);   // depth₁%
double liquidityPressure(const QVector<VenueSwap> &swaps, int t, int window);
double volatilityPerMille(const QVector<double> &prices, int t, int window);
double volumeRatio(const QVector<VenueSwap> &swaps, int t, int window, int longWindow);
double priceChangePercent(const QVector<double> &prices, int t, int window);
// Exact-input swaps within the current liquidity (one V4 swap step, no tick crossed), in doubles:
// sell: x = size/p ETH in, √P' = L·√P / (L + x(1−f)·10¹⁸·√P), out = L(√P − √P')/10⁶ USDC;
// buy:  size USDC in, √P' = √P + size(1−f)·10⁶ / L, out = L(1/√P − 1/√P')/10¹⁸ ETH;
// cost = 1 − value out / value in at the mid price p; the result is 100 · (cost_sell + cost_buy) / 2.
double effectiveSpreadPercent(const VenueSwap &swap, double sizeUsdc);
double orderFlowImbalance(const QVector<VenueSwap> &swaps, int t, int window);
double rsiNormalized(const QVector<double> &prices, int t, int period);
double bollingerPosition(const QVector<double> &prices, int t, int window, double width);
double positionSize(const VenueSwap &swap, double sizeUsdc);
// RV / (RV + c²) over prices[t … t + horizon] with cost c (a fraction); reads nothing else.
double realisedHedgeRatio(const QVector<double> &prices, int t, int horizon, double costFraction);

// All 15 features at row t (t ≥ config.firstFeatureRow()). `prices` is the swaps' price column
// (passed in so a whole series is not copied per row).
VenueFeatureRow venueFeatures(const QVector<VenueSwap> &swaps, const QVector<double> &prices, int t,
                              const VenueFeatureConfig &config, const RegimeClassifier &classifier);
// The target at row t (t + config.horizon < swaps.size()).
double venueTarget(const QVector<VenueSwap> &swaps, const QVector<double> &prices, int t,
                   const VenueFeatureConfig &config);

QVector<double> venuePrices(const QVector<VenueSwap> &swaps);

} // namespace apedesk::federated
