#pragma once
// A venue's own simulated trading with the agent, one round at a time: the metrics FRY alpha weighs
// (hedge RMSE, slippage harvest efficiency, arbitrage ROI, FRY mint rate, circuit breaker, regime and
// confidence) come from replaying the venue's market with the current model's hedge ratios, not from
// random numbers. Each round trades the next window of the venue's held-out samples (a "day" of
// trading), so the regime and the breaker change as the market does. Pure and deterministic.
// Definitions (also in docs/federated-venue-data.md):
//
// Position: the agent is long E USDC of ETH (E = positionUsdc, else the venue's referenceUsdc). At
// every sample t of the window (series row i_t) it holds a short hedge of h_t·E, h_t the model's
// prediction, and rebalances from h_{t−1} to h_t paying the sample's effective spread c_t (feature 4 /
// 100) on |h_t − h_{t−1}|·E (h before the window: the prediction at its first sample, no cost).
//   unhedged P&L  Σ E·(p_{t+1}/p_t − 1)                   over consecutive window samples
//   hedged P&L    Σ (1 − h_t)·E·(p_{t+1}/p_t − 1) − costs
//
// Slippage harvest: every swap j in the window pays price impact, the taker's average price against the
// pre-swap price, ≈ usdcVolume_j · |p_j/p_{j−1} − 1| / 2 (USDC): that is the slippage available. The
// agent harvests a share of it when its rebalance at that row trades against the swap (the swap bought
// ETH and the agent's hedge grows, i.e. it sells into the move, or the reverse): share
// min(|Δh|·E, usdcVolume_j) / usdcVolume_j. Efficiency = harvested / available (0 when nothing was
// available).
//
// Arbitrage: the fair price is an EMA of the venue's prices (span fairValueWindow swaps). When the pool
// deviates from it by more than arbEntryFeeMultiple × the fee, the agent trades arbCapitalUsdc
// (default E) toward the fair price and closes at the first later sample where the deviation has
// halved, or after the horizon H; each round trip pays the fee twice. ROI = Σ profit / arbitrage
// capital (a fraction, 0.01 = 1 %); a losing round is negative (FRY alpha scores it 0).
//
// FRY: fryPerUsdc FRY are minted per USDC of slippage harvested plus per USDC of positive arbitrage
// profit; the mint rate is FRY per day of the window's market time (the window's last timestamp minus
// its first; a window under a minute counts as one minute).
//
// Circuit breaker: trips when one swap moves the price by more than circuitBreakerMove, or when the
// hedged P&L falls more than circuitBreakerDrawdown × E below its running peak. Once tripped it stays
// active for the rest of the window (the agent stops rebalancing and arbitraging until the next round);
// the round's state is "active" when it tripped in the window.
//
// Regime and confidence: the classifier's reading at the window's last sample (features 10–14).
//
// Hedge RMSE: of the predictions against the realised optimal hedge ratios over the whole held-out
// split (what FRY alpha weighs: stable across rounds), and over the window (windowRmse, shown).

#include "common/error.h"
#include "fryalpha.h"
#include "regimeclassifier.h"
#include "venuedata.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace apedesk::federated {

struct VenueTradingConfig
{
    int windowSamples = 200;              // held-out samples traded per round
    double positionUsdc = 0;              // E; 0: the venue's VenueFeatureConfig::referenceUsdc
    double arbCapitalUsdc = 0;            // 0: E
    int fairValueWindow = 20;             // EMA span in swaps (α = 2/(span + 1))
    double arbEntryFeeMultiple = 2;       // |p/fair − 1| above this × fee opens an arbitrage
    double circuitBreakerMove = 0.05;     // one swap's |return| that trips the breaker
    double circuitBreakerDrawdown = 0.05; // hedged drawdown, as a share of E, that trips it
    double fryPerUsdc = 1;

    Status validate() const;              // Usage error naming the first bad value
};

struct VenueTradingResult
{
    QString venue;
    int round = 0;
    int windowStart = 0;                  // held-out sample index of the window's first sample
    int windowSamples = 0;
    qint64 firstTimestamp = 0;
    qint64 lastTimestamp = 0;

    double hedgeRmse = 0;                 // over the whole held-out split
    double windowRmse = 0;                // over the window
    double meanHedgeRatio = 0;            // mean prediction in the window

    double unhedgedPnlUsdc = 0;
    double hedgedPnlUsdc = 0;
    double hedgeCostUsdc = 0;

    double slippageAvailableUsdc = 0;
    double slippageHarvestedUsdc = 0;
    double slippageEfficiency = 0;

    int arbitrageTrades = 0;
    double arbitrageProfitUsdc = 0;       // net of fees
    double arbitrageCapitalUsdc = 0;
    double arbitrageRoi = 0;

    double fryMinted = 0;
    double fryMintRate = 0;               // FRY per day

    bool circuitBreakerActive = false;
    QString circuitBreakerReason;         // a sentence when active
    MarketRegime regime = MarketRegime::TrendingBull;
    double regimeConfidence = 0;

    VenueMetrics metrics() const;         // what FRY alpha reads
    QJsonObject toJson() const;           // snake_case keys; regime as regimeKey()
    static Result<VenueTradingResult> fromJson(const QJsonObject &object);
};

// The window of round r: held-out samples [s, s + w) with w = min(windowSamples, heldOut) and
// s = (r · w) mod (heldOut − w + 1), so successive rounds walk through the held-out market and wrap.
int tradingWindowStart(int heldOutSamples, int windowSamples, int round);

// `heldOutPredictions` are the model's hedge ratios for the dataset's held-out samples, in order
// (size = data.heldOutCount()). Errors (Usage): a size mismatch, a NaN/Inf prediction, a dataset
// without held-out samples, or a bad configuration.
Result<VenueTradingResult> simulateVenueTrading(const VenueDataset &data, const QVector<float> &heldOutPredictions,
                                                int round, const VenueTradingConfig &config = {});

} // namespace apedesk::federated
