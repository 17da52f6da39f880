#include "rlevaluation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

namespace apedesk::ml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::RlEvaluation", text);
}

// Every policy walks the same prices: each sequence from its first decision step to its end, flat,
// no episode limit.
TradingEnvConfig walkConfig(TradingEnvConfig env)
{
    env.episodeSteps = 0;
    env.randomStart = false;
    return env;
}

// mean / std (ddof 1) × sqrt(n); 0 when the returns do not vary (a constant equity has no risk to
// divide by, and rounding noise must not turn a constant return into a huge ratio).
double sharpeOf(const QVector<double> &returns)
{
    const int n = int(returns.size());
    if (n < 2)
        return 0;
    double sum = 0;
    for (double r : returns)
        sum += r;
    const double mean = sum / n;
    double squares = 0;
    for (double r : returns)
        squares += (r - mean) * (r - mean);
    const double std = std::sqrt(squares / (n - 1));
    if (!(std > 1e-12 * std::max(1.0, std::abs(mean))))
        return 0;
    return mean / std * std::sqrt(double(n));
}

double maxDrawdownOf(const QVector<double> &equity)
{
    double peak = 0, worst = 0;
    for (double e : equity) {
        peak = std::max(peak, e);
        if (peak > 0)
            worst = std::max(worst, (peak - e) / peak);
    }
    return worst;
}

QJsonObject metricsJson(const PolicyMetrics &m, bool withEquity)
{
    QJsonObject o{{QStringLiteral("total_return"), m.totalReturn},
                  {QStringLiteral("sharpe"), m.sharpe},
                  {QStringLiteral("max_drawdown"), m.maxDrawdown},
                  {QStringLiteral("trades"), m.trades},
                  {QStringLiteral("fees"), m.fees}};
    if (withEquity) {
        QJsonArray equity;
        for (double e : m.equity)
            equity.append(e);
        o.insert(QStringLiteral("equity"), equity);
    }
    return o;
}

Error formatError(const QString &detail)
{
    return Error::make(Error::Kind::Format, tr("The evaluation result is not valid."), detail);
}

Result<PolicyMetrics> metricsFromJson(const QJsonObject &parent, const QString &name)
{
    const QJsonValue value = parent.value(name);
    if (!value.isObject())
        return formatError(QStringLiteral("missing \"%1\"").arg(name));
    const QJsonObject o = value.toObject();
    PolicyMetrics m;
    m.name = name;
    const auto number = [&o, &name](const char *key, double &out) -> Status {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble())
            return formatError(QStringLiteral("\"%1.%2\" must be a number").arg(name, QLatin1String(key)));
        out = v.toDouble();
        return {};
    };
    double trades = 0;
    for (const auto &entry : {std::make_pair("total_return", &m.totalReturn), std::make_pair("sharpe", &m.sharpe),
                              std::make_pair("max_drawdown", &m.maxDrawdown), std::make_pair("trades", &trades),
                              std::make_pair("fees", &m.fees)})
        if (auto s = number(entry.first, *entry.second); !s)
            return s.error();
    if (trades < 0 || trades != std::floor(trades) || trades > std::numeric_limits<int>::max())
        return formatError(QStringLiteral("\"%1.trades\" must be a whole number").arg(name));
    m.trades = int(trades);
    const QJsonValue equity = o.value(QStringLiteral("equity"));
    if (equity.isArray()) {
        for (const QJsonValue &e : equity.toArray()) {
            if (!e.isDouble())
                return formatError(QStringLiteral("\"%1.equity\" holds a value that is not a number").arg(name));
            m.equity.push_back(e.toDouble());
        }
    } else if (!equity.isUndefined()) {
        return formatError(QStringLiteral("\"%1.equity\" must be an array").arg(name));
    }
    return m;
}

} // namespace

PolicyMetrics evaluatePolicy(const TradingSeries &heldOut, const TradingEnvConfig &env, const PolicyFunction &policy,
                             const QString &name)
{
    PolicyMetrics metrics;
    metrics.name = name;
    metrics.equity.push_back(1.0);
    QVector<double> returns;
    returns.reserve(heldOut.decisionStepCount());
    TradingEnv walker(&heldOut, walkConfig(env), 0);
    double equity = 1.0;
    for (int s = 0; s < heldOut.sequenceCount(); ++s) {
        const int first = heldOut.sequenceBegin(s) + kRlWindow;
        if (first + 1 >= heldOut.sequenceEnd(s))
            continue;   // too short for one decision
        Result<RlObservation> observation = walker.resetAt(first, false);
        if (!observation)
            continue;   // cannot happen: `first` is a decision step
        RlObservation state = *observation;
        for (;;) {
            const EnvStep step = walker.step(policy(state));
            const double r = step.valueAfter / step.valueBefore - 1;
            returns.push_back(r);
            equity *= 1 + r;
            metrics.equity.push_back(equity);
            metrics.fees += step.fee;
            metrics.trades += step.traded ? 1 : 0;
            state = step.observation;
            if (step.terminated || step.truncated)
                break;
        }
    }
    metrics.totalReturn = equity - 1;
    metrics.sharpe = sharpeOf(returns);
    metrics.maxDrawdown = maxDrawdownOf(metrics.equity);
    return metrics;
}

PolicyMetrics evaluateBuyAndHold(const TradingSeries &heldOut, const TradingEnvConfig &env)
{
    // Every sequence starts flat: BUY while flat (its first step), then HOLD.
    return evaluatePolicy(
        heldOut, env,
        [](const RlObservation &observation) {
            return observation[kRlObservationSize - 1] > 0.5f ? TradeAction::Hold : TradeAction::Buy;
        },
        QStringLiteral("buy_and_hold"));
}

PolicyMetrics evaluateRandom(const TradingSeries &heldOut, const TradingEnvConfig &env, quint64 seed)
{
    // std::mt19937_64's sequence is fixed by the standard; the mapping to an action is ours (rejection,
    // no distribution object), so the draws are the same everywhere.
    auto rng = std::make_shared<std::mt19937_64>(seed);
    return evaluatePolicy(
        heldOut, env,
        [rng](const RlObservation &) {
            const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % kRlActionCount;
            quint64 x = (*rng)();
            while (x >= limit)
                x = (*rng)();
            return TradeAction(int(x % kRlActionCount));
        },
        QStringLiteral("random"));
}

RlEvaluation evaluateAgainstBaselines(const TradingSeries &heldOut, const TradingEnvConfig &env,
                                      const PolicyFunction &policy, quint64 randomSeed)
{
    RlEvaluation evaluation;
    evaluation.policy = evaluatePolicy(heldOut, env, policy, QStringLiteral("policy"));
    evaluation.buyAndHold = evaluateBuyAndHold(heldOut, env);
    evaluation.random = evaluateRandom(heldOut, env, randomSeed);
    evaluation.steps = heldOut.decisionStepCount();
    for (int s = 0; s < heldOut.sequenceCount(); ++s)
        evaluation.sequences += heldOut.sequenceEnd(s) - heldOut.sequenceBegin(s) >= kRlWindow + 2 ? 1 : 0;
    evaluation.description = heldOut.description;
    return evaluation;
}

QJsonObject rlEvaluationJson(const RlEvaluation &evaluation, bool withEquity)
{
    return QJsonObject{{QStringLiteral("policy"), metricsJson(evaluation.policy, withEquity)},
                       {QStringLiteral("buy_and_hold"), metricsJson(evaluation.buyAndHold, withEquity)},
                       {QStringLiteral("random"), metricsJson(evaluation.random, withEquity)},
                       {QStringLiteral("steps"), evaluation.steps},
                       {QStringLiteral("sequences"), evaluation.sequences},
                       {QStringLiteral("description"), evaluation.description}};
}

Result<RlEvaluation> rlEvaluationFromJson(const QJsonObject &object)
{
    RlEvaluation evaluation;
    Result<PolicyMetrics> policy = metricsFromJson(object, QStringLiteral("policy"));
    if (!policy)
        return policy.error();
    Result<PolicyMetrics> buyAndHold = metricsFromJson(object, QStringLiteral("buy_and_hold"));
    if (!buyAndHold)
        return buyAndHold.error();
    Result<PolicyMetrics> random = metricsFromJson(object, QStringLiteral("random"));
    if (!random)
        return random.error();
    evaluation.policy = *policy;
    evaluation.buyAndHold = *buyAndHold;
    evaluation.random = *random;
    const QJsonValue steps = object.value(QStringLiteral("steps"));
    const QJsonValue sequences = object.value(QStringLiteral("sequences"));
    if (!steps.isDouble() || !sequences.isDouble() || steps.toDouble() < 0 || sequences.toDouble() < 0)
        return formatError(QStringLiteral("\"steps\" and \"sequences\" must be numbers ≥ 0"));
    evaluation.steps = steps.toInt();
    evaluation.sequences = sequences.toInt();
    evaluation.description = object.value(QStringLiteral("description")).toString();
    return evaluation;
}

} // namespace apedesk::ml
