#pragma once
// Evaluation of a trading policy on a held-out time range, against buy-and-hold and a random policy
// (plain C++, no libtorch). Each held-out sequence is walked from its first decision step to its end,
// starting flat with the environment's initial cash (no episode limit, no random start); sequences are
// chained by compounding their step returns, so the equity curve starts at 1 and every policy sees
// exactly the same prices.

#include "tradingenv.h"

#include <QJsonObject>
#include <QVector>

#include <functional>

namespace apedesk::ml {

struct PolicyMetrics
{
    QString name;                 // "policy" | "buy_and_hold" | "random"
    double totalReturn = 0;       // final equity − 1 (0.05: +5 %)
    // Mean / sample std (ddof 1) of the step returns × sqrt(step count): a Sharpe ratio over the
    // evaluated range, not annualised (swap steps have no fixed length in time). 0 when the std is 0.
    double sharpe = 0;
    double maxDrawdown = 0;       // largest peak-to-trough fall of the equity, as a fraction (0.1: −10 %)
    int trades = 0;               // position changes
    double fees = 0;              // USDC paid, summed over sequences (each starts from initialCash)
    QVector<double> equity;       // one value per step, starting at 1.0
};

struct RlEvaluation
{
    PolicyMetrics policy;
    PolicyMetrics buyAndHold;
    PolicyMetrics random;
    int steps = 0;                // decision steps evaluated
    int sequences = 0;
    QString description;          // which data and range
};

using PolicyFunction = std::function<TradeAction(const RlObservation &)>;

// Greedy or any other policy over the held-out series.
PolicyMetrics evaluatePolicy(const TradingSeries &heldOut, const TradingEnvConfig &env, const PolicyFunction &policy,
                             const QString &name = QStringLiteral("policy"));
// BUY at each sequence's first decision step, then HOLD.
PolicyMetrics evaluateBuyAndHold(const TradingSeries &heldOut, const TradingEnvConfig &env);
// Uniform random actions (seeded, the same on every platform).
PolicyMetrics evaluateRandom(const TradingSeries &heldOut, const TradingEnvConfig &env, quint64 seed);
// All three.
RlEvaluation evaluateAgainstBaselines(const TradingSeries &heldOut, const TradingEnvConfig &env,
                                      const PolicyFunction &policy, quint64 randomSeed = 1);

// {"policy": {total_return, sharpe, max_drawdown, trades, fees}, "buy_and_hold": {…}, "random": {…},
//  "steps", "sequences", "description"}; with `withEquity` each object also has "equity": [...].
QJsonObject rlEvaluationJson(const RlEvaluation &evaluation, bool withEquity = false);
Result<RlEvaluation> rlEvaluationFromJson(const QJsonObject &object);

} // namespace apedesk::ml
