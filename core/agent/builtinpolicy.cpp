#include "builtinpolicy.h"

#include "common/logging.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace apedesk::agent {

namespace {

const QString kMomentum = QStringLiteral("momentum");

QString percentText(double value) { return QString::number(value, 'f', 2); }
QString ethText(double value) { return QString::number(value, 'f', 4); }
QString usdText(double value) { return QStringLiteral("$") + QString::number(value, 'f', 2); }

QString windowText(qint64 seconds)
{
    if (seconds > 0 && seconds % 60 == 0)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 s").arg(seconds);
}

QString neutral(const QString &reasoning)
{
    return reasoning + QStringLiteral("\nRECOMMENDATION: APE NEUTRAL");
}

// "<situation>, so I <action>." with the canary line, or APE NEUTRAL when the amount is too small
// to be worth a trade (a 0.0000 recommendation would only be read as an observation).
QString trade(const QString &situation, const QString &action, Canary canary, double amountEth, const TradeLimits &limits)
{
    const double minimum = std::max(limits.minTradeEth, 0.0001);
    if (!(amountEth >= minimum))
        return neutral(situation + QStringLiteral(", but a trade of %1 ETH would be below the %2 ETH minimum, so I hold.")
                                       .arg(ethText(amountEth), ethText(minimum)));
    return situation + QStringLiteral(", so I ") + action + QStringLiteral(".\nRECOMMENDATION: ") + canaryText(canary)
           + QLatin1Char(' ') + ethText(amountEth) + QStringLiteral(" ETH");
}

// A finished answer played back word by word, each on its own event-loop turn, as a model streams.
class BuiltinCall : public LlmCall
{
public:
    BuiltinCall(QObject *backend, QString model) : LlmCall(backend), m_model(std::move(model)) { m_clock.start(); }

    void answer(const QString &text)
    {
        static const QRegularExpression word(QStringLiteral("\\s*\\S+\\s*"));
        for (auto it = word.globalMatch(text); it.hasNext();)
            m_tokens.append(it.next().captured());
        m_text = text;
        QTimer::singleShot(0, this, [this] { next(); });
    }

    void refuse(const QString &message)
    {
        QTimer::singleShot(0, this, [this, message] { end(LlmReply::Failure::Server, message); });
    }

    void cancel() override { end(LlmReply::Failure::Canceled, tr("The built-in policy was canceled.")); }

private:
    void next()
    {
        if (isFinished())
            return;
        if (m_index < m_tokens.size()) {
            if (m_firstTokenMs < 0)
                m_firstTokenMs = m_clock.elapsed();
            Q_EMIT token(m_tokens.at(m_index++));
            QTimer::singleShot(0, this, [this] { next(); });
            return;
        }
        LlmReply reply;
        reply.ok = true;
        reply.text = m_text;
        reply.model = m_model;
        reply.finishReason = QStringLiteral("stop");
        reply.completionTokens = int(m_tokens.size());
        reply.elapsedMs = m_clock.elapsed();
        reply.firstTokenMs = m_firstTokenMs;
        finish(std::move(reply));
    }

    void end(LlmReply::Failure failure, const QString &message)
    {
        if (isFinished())
            return;
        LlmReply reply;
        reply.failure = failure;
        reply.error = Error::make(failure == LlmReply::Failure::Canceled ? Error::Kind::Canceled : Error::Kind::Model, message);
        reply.text = m_tokens.mid(0, m_index).join(QString());
        reply.model = m_model;
        reply.elapsedMs = m_clock.elapsed();
        reply.firstTokenMs = m_firstTokenMs;
        qCWarning(lcAgent).noquote() << "built-in policy:" << message;
        finish(std::move(reply));
    }

    QString m_model;
    QString m_text;
    QStringList m_tokens;
    qsizetype m_index = 0;
    QElapsedTimer m_clock;
    qint64 m_firstTokenMs = -1;
};

} // namespace

BuiltinPolicyBackend::BuiltinPolicyBackend(QString policy, QObject *parent)
    : LlmBackend(parent), m_policy(policy.isEmpty() ? kMomentum : std::move(policy))
{
}

QString BuiltinPolicyBackend::kind() const
{
    return backendKindKey(BackendSpec::Kind::Builtin);
}

QString BuiltinPolicyBackend::endpoint() const
{
    return QStringLiteral("built-in");
}

QStringList BuiltinPolicyBackend::policies()
{
    return {kMomentum};
}

LlmCall *BuiltinPolicyBackend::chat(const LlmRequest &request)
{
    auto *call = new BuiltinCall(this, m_policy);
    if (!policies().contains(m_policy))
        call->refuse(tr("There is no built-in policy named \"%1\".").arg(m_policy));
    else if (!request.observation)
        call->refuse(tr("The built-in policy needs the market view, and this request has none."));
    else
        call->answer(answer(*request.observation));
    return call;
}

void BuiltinPolicyBackend::listModels(std::function<void(Result<QList<ModelInfo>>)> done)
{
    QList<ModelInfo> models;
    for (const QString &name : policies()) {
        ModelInfo info;
        info.name = name;
        models.append(info);
    }
    // Later, like every backend's answer.
    QTimer::singleShot(0, this, [done = std::move(done), models] { done(models); });
}

void BuiltinPolicyBackend::probe(std::function<void(Result<QString>)> done)
{
    const QString text = tr("built-in %1 policy").arg(m_policy);
    QTimer::singleShot(0, this, [done = std::move(done), text] { done(text); });
}

QString BuiltinPolicyBackend::answer(const Observation &observation)
{
    const Portfolio &portfolio = observation.portfolio;
    const MarketView &market = observation.market;
    const TradeLimits &limits = observation.limits;
    const RebalanceConfig &rebalance = observation.rebalance;

    const double price = portfolio.price > 0 ? portfolio.price : market.lastPrice;
    const double eth = portfolio.eth();
    const double usdc = portfolio.usdc();
    const double total = eth * price + usdc;
    if (!(price > 0) || !(total > 0))
        return neutral(QStringLiteral("I see no price or no holdings to trade, so I hold."));

    const double weight = eth * price / total;
    const double deviation = weight - rebalance.targetEthAllocation;
    const QString allocation = QStringLiteral("ETH is %1% of the %2 portfolio against a %3% target")
                                   .arg(percentText(weight * 100), usdText(total),
                                        percentText(rebalance.targetEthAllocation * 100));

    // 1. Rebalancing first: the allocation matters more than a short trend.
    if (rebalance.enabled && std::abs(deviation) > rebalance.threshold / 2) {
        const double amount = std::min(std::abs(deviation) * total / price, limits.maxTradeEth);
        const bool overweight = deviation > 0;
        const QString situation = allocation
            + QStringLiteral(", more than half the %1% threshold away").arg(percentText(rebalance.threshold * 100));
        const QString action = QStringLiteral("%1 %2 ETH at %3 to move back toward the target")
                                   .arg(overweight ? QStringLiteral("sell") : QStringLiteral("buy"), ethText(amount),
                                        usdText(price));
        return trade(situation, action, overweight ? Canary::ApeOut : Canary::ApeIn, amount, limits);
    }

    // 2. Momentum on the live window.
    const QString window = windowText(market.windowSeconds);
    if (!market.valid)
        return neutral(QStringLiteral("There are no live market metrics yet, and %1, so I hold.").arg(allocation));
    if (market.swapCount < kMinSwaps)
        return neutral(QStringLiteral("Only %1 %2 in the last %3 are too few to read a trend, and %4, so I hold.")
                           .arg(QString::number(market.swapCount),
                                market.swapCount == 1 ? QStringLiteral("swap") : QStringLiteral("swaps"), window,
                                allocation));
    const double change = market.priceChangePercent;
    const QString across = QStringLiteral("over the last %1 across %2 swaps").arg(window).arg(market.swapCount);
    const QString share = percentText(limits.defaultShare * 100).remove(QRegularExpression(QStringLiteral("\\.?0+$")));
    if (change >= kMomentumThresholdPercent) {
        const double amount = std::min(limits.defaultShare * usdc / price, limits.maxTradeEth);
        return trade(QStringLiteral("The price rose %1% %2").arg(percentText(change), across),
                     QStringLiteral("follow the momentum and buy %1 ETH with %2% of the USDC (at most %3 ETH)")
                         .arg(ethText(amount), share, ethText(limits.maxTradeEth)),
                     Canary::ApeIn, amount, limits);
    }
    if (change <= -kMomentumThresholdPercent) {
        const double spendable = std::max(0.0, eth - limits.gasReserveEth);
        const double amount = std::min(limits.defaultShare * spendable, limits.maxTradeEth);
        return trade(QStringLiteral("The price fell %1% %2").arg(percentText(-change), across),
                     QStringLiteral("follow the momentum and sell %1 ETH, %2% of the spendable ETH (at most %3 ETH)")
                         .arg(ethText(amount), share, ethText(limits.maxTradeEth)),
                     Canary::ApeOut, amount, limits);
    }
    return neutral(QStringLiteral("The price moved %1% %2, inside the \u00b1%3% band, and %4, so I hold.")
                       .arg(QString((change >= 0 ? QStringLiteral("+") : QString()) + percentText(change)), across,
                            percentText(kMomentumThresholdPercent), allocation));
}

} // namespace apedesk::agent
