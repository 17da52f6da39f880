#pragma once
// FRY alpha: how much each venue's update counts in a federated round. Instead of FedAvg's data size,
// a venue weighs by how well the current model hedges there and how well the agent trades there:
//
//   raw = 1/(RMSE + ε)                        hedging accuracy dominates (a 2× smaller error ≈ 2× the weight)
//       × (1 + 0.5 · clamp(slippage efficiency, 0, 1))
//       × (1 + 0.3 · clamp(arb ROI score, 0, 1))
//       × (1 + 0.2 · clamp(mint-rate score, 0, 1))
//       × (0.6 if the venue's circuit breaker is active)
//       × clamp(regime confidence, 0, 1)
//   weight = raw / Σ raw over the round's venues      (sums to 1)
//
// Score scalings (FryAlphaConfig):
// - ε = 0.01. The target is a hedge ratio in [0, 1]; RMSE differences below 1 % of that range are
//   noise, and ε bounds the factor at 100 so a venue reporting RMSE 0 (an overfit or trivial data set)
//   gets at most ~11× a venue at RMSE 0.1 instead of an unbounded share.
// - arb ROI score = ROI / 0.02. ROI is arbitrage profit over deployed capital in the round, as a
//   fraction. ETH/USDC cross-venue spreads are a few basis points per trade, so 2 % over one round
//   (a day of simulated trading) is an excellent venue: it earns the whole 30 % bonus, and one lucky
//   arbitrage cannot earn more. A loss scores 0 (no bonus, no penalty: penalising is the RMSE's job).
// - mint-rate score = rate / reference. FRY's units depend on the token's emission schedule, so the
//   default reference is relative: the highest mint rate among the round's valid venues (the best
//   venue earns the whole 20 % bonus, the others in proportion). Set mintRateReference > 0 for an
//   absolute reference in the metric's own units.
// - slippage efficiency is a share (harvested / available slippage) and is clamped to [0, 1];
//   regime confidence is the classifier's probability and is clamped to [0, 1].
//
// Invalid metrics (NaN or infinite values, a negative RMSE, a negative mint rate) give that venue a
// zero weight with the reason in its breakdown: one venue's broken report must not stop the round for
// the others. Only when no venue keeps a positive weight is the round an error.

#include "common/error.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace apedesk::federated {

struct VenueMetrics
{
    QString venue;
    double hedgeRmse = 0;              // RMSE of predicted vs realised optimal hedge ratio (ratio units, [0, 1] target)
    double slippageEfficiency = 0;     // harvested / available slippage, a share
    double arbitrageRoi = 0;           // arbitrage profit / deployed capital over the round (0.01 = 1 %)
    double fryMintRate = 0;            // FRY minted per round (non-negative; see mintRateReference)
    bool circuitBreakerActive = false;
    QString regime;                    // "crisis" | "volatile" | "trending_bull" | "trending_bear" (the classifier's key)
    double regimeConfidence = 1;       // the classifier's probability of that regime
};

struct FryAlphaConfig
{
    double epsilon = 0.01;
    double slippageBonus = 0.5;
    double arbBonus = 0.3;
    double mintBonus = 0.2;
    double circuitBreakerFactor = 0.6;
    double arbRoiReference = 0.02;     // ROI that earns the full arbitrage bonus
    double mintRateReference = 0;      // > 0: absolute reference; 0: the round's highest mint rate
};

// Every factor of one venue's weight, for the dashboard and the CLI.
struct FryAlphaBreakdown
{
    QString venue;
    bool valid = true;
    QString invalidReason;             // why the weight is zero, when !valid
    double rmseFactor = 0;             // 1/(RMSE + ε)
    double slippageFactor = 1;         // 1 + 0.5 · clamped efficiency
    double arbScore = 0;               // ROI / reference, before clamping
    double arbFactor = 1;
    double mintScore = 0;              // rate / reference, before clamping
    double mintFactor = 1;
    double circuitBreakerFactor = 1;   // 0.6 when active
    double confidenceFactor = 1;       // clamped regime confidence
    double rawWeight = 0;              // the product
    double weight = 0;                 // normalised over the round
};

struct FryAlphaRound
{
    QList<FryAlphaBreakdown> venues;   // in the order given
    QMap<QString, double> weights() const;   // venue → normalised weight (every venue, zeros included)
    double weightOf(const QString &venue) const;   // 0 when absent
};

// One venue's factors with a given mint-rate reference (> 0; otherwise the mint score is 0). The
// breakdown's `weight` is left 0: normalising needs the round.
FryAlphaBreakdown fryAlphaBreakdown(const VenueMetrics &metrics, const FryAlphaConfig &config, double mintRateReference);

// The round's weights. Errors: no venues, a venue listed twice or without a name, a configuration
// that is not finite and positive where it must be, or no venue with a positive weight.
Result<FryAlphaRound> computeFryAlpha(const QList<VenueMetrics> &venues, const FryAlphaConfig &config = {});

// Client sampling: which venues train this round. ceil(fraction · n) of them, at least minVenues
// (never more than n), chosen uniformly without replacement by a generator seeded from (seed, round),
// so a run is reproducible and rounds differ. The chosen venues keep their order in `all`.
// Errors: fraction not in (0, 1], minVenues < 1, duplicate names, or fewer than minVenues venues
// available (the coordinator skips such a round with this message).
Result<QStringList> sampleVenues(const QStringList &all, double fraction, int minVenues, quint64 seed, int round);

// Early stopping: training has converged when the global loss improved by less than
// minRelativeImprovement (relative to the best loss so far) for `patience` rounds in a row. A
// non-finite loss counts as a round without improvement.
class ConvergenceMonitor
{
public:
    explicit ConvergenceMonitor(double minRelativeImprovement = 0.001, int patience = 3);

    // Records one round's global loss; returns converged().
    bool addRound(double globalLoss);
    bool converged() const { return m_stalled >= m_patience; }
    int rounds() const { return m_rounds; }
    int stalledRounds() const { return m_stalled; }
    double bestLoss() const { return m_best; }       // NaN before the first finite loss
    int bestRound() const { return m_bestRound; }    // 0-based index of addRound calls; -1 before
    // A sentence for the round table once converged, empty before.
    QString reason() const;
    void reset();

private:
    double m_minRelativeImprovement;
    int m_patience;
    int m_rounds = 0;
    int m_stalled = 0;
    double m_best;
    int m_bestRound = -1;
};

} // namespace apedesk::federated
