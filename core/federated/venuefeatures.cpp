#include "venuefeatures.h"

#include <algorithm>
#include <cmath>

namespace apedesk::federated {

namespace {

// ETH has 18 decimals, USDC 6: the pool's raw price is USDC units per wei.
constexpr double kEthUnit = 1e18;
constexpr double kUsdcUnit = 1e6;
constexpr double kMaxRatio = 10;     // clamp of the depth-relative features (a pool emptied to nothing)

double rawSqrtPrice(double price)
{
    return std::sqrt(price * kUsdcUnit / kEthUnit);
}

double clampRatio(double value)
{
    if (!std::isfinite(value))
        return kMaxRatio;
    return std::clamp(value, 0.0, kMaxRatio);
}

} // namespace

QString venueFeatureName(int feature)
{
    static const char *const names[kVenueFeatureCount] = {
        "liquidity_pressure", "volatility", "volume_ratio", "price_change_pct", "effective_spread_pct",
        "order_flow_imbalance", "rsi", "bollinger_position", "position_size", "previous_hedge_ratio",
        "regime_crisis", "regime_volatile", "regime_trending_bull", "regime_trending_bear", "regime_confidence"};
    if (feature < 0 || feature >= kVenueFeatureCount)
        return {};
    return QString::fromLatin1(names[feature]);
}

int VenueFeatureConfig::firstFeatureRow() const
{
    return std::max({longWindow - 1, window, rsiPeriod, bollingerWindow - 1, regime.window, horizon});
}

QVector<double> venuePrices(const QVector<VenueSwap> &swaps)
{
    QVector<double> prices;
    prices.reserve(swaps.size());
    for (const VenueSwap &swap : swaps)
        prices.append(swap.price);
    return prices;
}

double liquidityDepthUsdc(const VenueSwap &swap)
{
    static const double onePercentSqrt = std::sqrt(1.01) - 1.0;
    return swap.liquidity * rawSqrtPrice(swap.price) * onePercentSqrt / kUsdcUnit;
}

double liquidityPressure(const QVector<VenueSwap> &swaps, int t, int window)
{
    double volume = 0;
    for (int i = t - window + 1; i <= t; ++i)
        volume += swaps[i].usdcVolume;
    const double depth = liquidityDepthUsdc(swaps[t]);
    return depth > 0 ? clampRatio(volume / depth) : kMaxRatio;
}

double volatilityPerMille(const QVector<double> &prices, int t, int window)
{
    if (window < 2)
        return 0;
    double mean = 0;
    for (int i = t - window + 1; i <= t; ++i)
        mean += std::log(prices[i] / prices[i - 1]);
    mean /= window;
    double squares = 0;
    for (int i = t - window + 1; i <= t; ++i) {
        const double d = std::log(prices[i] / prices[i - 1]) - mean;
        squares += d * d;
    }
    return 1000.0 * std::sqrt(squares / (window - 1));
}

double volumeRatio(const QVector<VenueSwap> &swaps, int t, int window, int longWindow)
{
    double shortSum = 0;
    double longSum = 0;
    for (int i = t - longWindow + 1; i <= t; ++i) {
        longSum += swaps[i].usdcVolume;
        if (i > t - window)
            shortSum += swaps[i].usdcVolume;
    }
    const double longMean = longSum / longWindow;
    // No volume at all in the long window: nothing to compare with, so "as usual".
    return longMean > 0 ? clampRatio((shortSum / window) / longMean) : 1.0;
}

double priceChangePercent(const QVector<double> &prices, int t, int window)
{
    return 100.0 * (prices[t] / prices[t - window] - 1.0);
}

double effectiveSpreadPercent(const VenueSwap &swap, double sizeUsdc)
{
    const double L = swap.liquidity;
    const double sqrtP = rawSqrtPrice(swap.price);
    const double f = swap.feeFraction;
    if (!(L > 0) || !(sqrtP > 0) || !(sizeUsdc > 0))
        return 100.0;   // no liquidity: the whole trade is lost
    // Sell size/p ETH for USDC (zeroForOne: the price falls). √P − √P' = √P · x√P / (L + x√P),
    // written so a deep pool does not subtract two nearly equal numbers.
    const double ethIn = sizeUsdc / swap.price * kEthUnit * (1.0 - f);
    const double xs = ethIn * sqrtP;
    const double usdcOut = L * sqrtP * (xs / (L + xs)) / kUsdcUnit;
    const double sellCost = 1.0 - usdcOut / sizeUsdc;
    // Buy ETH with size USDC (oneForZero: the price rises). 1/√P − 1/√P' = (y/L) / (√P · √P').
    const double usdcIn = sizeUsdc * kUsdcUnit * (1.0 - f);
    const double sqrtAfterBuy = sqrtP + usdcIn / L;
    const double ethOut = L * ((usdcIn / L) / (sqrtP * sqrtAfterBuy)) / kEthUnit;
    const double buyCost = 1.0 - ethOut * swap.price / sizeUsdc;
    return std::clamp(100.0 * (sellCost + buyCost) / 2.0, 0.0, 100.0);
}

double orderFlowImbalance(const QVector<VenueSwap> &swaps, int t, int window)
{
    double buy = 0;
    double sell = 0;
    double total = 0;
    for (int i = t - window + 1; i <= t; ++i) {
        const VenueSwap &swap = swaps[i];
        total += swap.usdcVolume;
        if (swap.ethAmount > 0)
            buy += swap.usdcVolume;
        else if (swap.ethAmount < 0)
            sell += swap.usdcVolume;
    }
    return total > 0 ? std::clamp((buy - sell) / total, -1.0, 1.0) : 0.0;
}

double rsiNormalized(const QVector<double> &prices, int t, int period)
{
    // Cutler's RSI (simple sums, no Wilder smoothing): a pure function of the last n changes, so it
    // never depends on where the series started. RSI/100 = 1 − 1/(1 + G/L) = G / (G + L).
    double gains = 0;
    double losses = 0;
    for (int i = t - period + 1; i <= t; ++i) {
        const double change = prices[i] - prices[i - 1];
        if (change > 0)
            gains += change;
        else
            losses -= change;
    }
    return gains + losses > 0 ? gains / (gains + losses) : 0.5;
}

double bollingerPosition(const QVector<double> &prices, int t, int window, double width)
{
    double mean = 0;
    for (int i = t - window + 1; i <= t; ++i)
        mean += prices[i];
    mean /= window;
    double squares = 0;
    for (int i = t - window + 1; i <= t; ++i)
        squares += (prices[i] - mean) * (prices[i] - mean);
    const double std = std::sqrt(squares / window);   // population std, as Bollinger defines the bands
    if (!(std > 0) || !(width > 0))
        return 0.5;
    const double lower = mean - width * std;
    const double upper = mean + width * std;
    return std::clamp((prices[t] - lower) / (upper - lower), 0.0, 1.0);
}

double positionSize(const VenueSwap &swap, double sizeUsdc)
{
    const double depth = liquidityDepthUsdc(swap);
    return depth > 0 ? clampRatio(sizeUsdc / depth) : kMaxRatio;
}

double realisedHedgeRatio(const QVector<double> &prices, int t, int horizon, double costFraction)
{
    // QV(h) = h²c² + (1 − h)²·RV is minimal at h* = RV / (RV + c²).
    double realisedVariance = 0;
    for (int k = 1; k <= horizon; ++k) {
        const double move = (prices[t + k] - prices[t + k - 1]) / prices[t];
        realisedVariance += move * move;
    }
    const double costSquared = costFraction * costFraction;
    if (!(realisedVariance + costSquared > 0))
        return 0.0;   // no move and no cost: nothing to hedge
    return std::clamp(realisedVariance / (realisedVariance + costSquared), 0.0, 1.0);
}

VenueFeatureRow venueFeatures(const QVector<VenueSwap> &swaps, const QVector<double> &prices, int t,
                              const VenueFeatureConfig &config, const RegimeClassifier &classifier)
{
    VenueFeatureRow row{};
    const VenueSwap &now = swaps[t];
    row[FeatureLiquidityPressure] = float(liquidityPressure(swaps, t, config.window));
    // The crash of 3 Feb 2025 has windows with 4 % per-swap moves and a 65 % spread (liquidity pulled
    // out of range): clamp the unbounded features at ±10, beyond their 99th percentiles on real data,
    // so one such window cannot dominate a batch's gradient.
    row[FeatureVolatility] = float(std::min(volatilityPerMille(prices, t, config.window), kMaxRatio));
    row[FeatureVolumeRatio] = float(volumeRatio(swaps, t, config.window, config.longWindow));
    row[FeaturePriceChangePercent] = float(std::clamp(priceChangePercent(prices, t, config.window), -kMaxRatio, kMaxRatio));
    row[FeatureEffectiveSpread] = float(std::min(effectiveSpreadPercent(now, config.referenceUsdc), kMaxRatio));
    row[FeatureOrderFlowImbalance] = float(orderFlowImbalance(swaps, t, config.window));
    row[FeatureRsi] = float(rsiNormalized(prices, t, config.rsiPeriod));
    row[FeatureBollingerPosition] = float(bollingerPosition(prices, t, config.bollingerWindow, config.bollingerWidth));
    row[FeaturePositionSize] = float(positionSize(now, config.referenceUsdc));
    // The horizon that ended at t: its prices are all known at t, its cost was known at t − H.
    const int past = t - config.horizon;
    row[FeaturePreviousHedgeRatio] = float(realisedHedgeRatio(
        prices, past, config.horizon, effectiveSpreadPercent(swaps[past], config.referenceUsdc) / 100.0));
    const RegimeReading reading = classifier.classifyAt(prices, t);
    row[FeatureRegimeCrisis + int(reading.regime)] = 1.0f;
    row[FeatureRegimeConfidence] = float(reading.confidence);
    return row;
}

double venueTarget(const QVector<VenueSwap> &swaps, const QVector<double> &prices, int t,
                   const VenueFeatureConfig &config)
{
    return realisedHedgeRatio(prices, t, config.horizon,
                              effectiveSpreadPercent(swaps[t], config.referenceUsdc) / 100.0);
}

} // namespace apedesk::federated
