#include "agenttypes.h"

#include "eth/units.h"

#include <QCoreApplication>

namespace apedesk::agent {

namespace {
struct MetaTypes
{
    MetaTypes()
    {
        qRegisterMetaType<Portfolio>();
        qRegisterMetaType<ParsedAnswer>();
        qRegisterMetaType<DecisionRecord>();
        qRegisterMetaType<QList<DecisionRecord>>();
    }
};
const MetaTypes registerOnLoad;

double toDouble(const eth::u256 &value, int decimals)
{
    // Exact text first, so 18-decimal values keep their digits before the one rounding to double.
    return eth::formatUnits(value, decimals).toDouble();
}
} // namespace

QString canaryText(Canary canary)
{
    switch (canary) {
    case Canary::ApeIn: return QStringLiteral("APE IN");
    case Canary::ApeOut: return QStringLiteral("APE OUT");
    case Canary::ApeNeutral: return QStringLiteral("APE NEUTRAL");
    case Canary::None: break;
    }
    return {};
}

std::optional<Canary> canaryFromText(const QString &text)
{
    for (Canary canary : {Canary::None, Canary::ApeIn, Canary::ApeOut, Canary::ApeNeutral})
        if (canaryText(canary) == text)
            return canary;
    return std::nullopt;
}

QString decisionTypeKey(DecisionType type)
{
    switch (type) {
    case DecisionType::Rebalance: return QStringLiteral("REBALANCE");
    case DecisionType::LlmDecision: return QStringLiteral("LLM_DECISION");
    case DecisionType::Observation: return QStringLiteral("OBSERVATION");
    case DecisionType::LearningInsight: return QStringLiteral("LEARNING_INSIGHT");
    case DecisionType::Strategy: return QStringLiteral("STRATEGY");
    }
    return {};
}

std::optional<DecisionType> decisionTypeFromKey(const QString &key)
{
    for (DecisionType type : {DecisionType::Rebalance, DecisionType::LlmDecision, DecisionType::Observation,
                              DecisionType::LearningInsight, DecisionType::Strategy})
        if (decisionTypeKey(type) == key)
            return type;
    return std::nullopt;
}

double Portfolio::eth() const { return toDouble(ethWei, 18); }
double Portfolio::usdc() const { return toDouble(usdcUnits, 6); }

double Portfolio::ethWeight() const
{
    const double total = totalUsd();
    return total > 0 ? eth() * price / total : 0;
}

QString actionText(ParsedAnswer::Action action)
{
    switch (action) {
    case ParsedAnswer::Action::Buy: return QStringLiteral("BUY");
    case ParsedAnswer::Action::Sell: return QStringLiteral("SELL");
    case ParsedAnswer::Action::Hold: return QStringLiteral("HOLD");
    case ParsedAnswer::Action::None: break;
    }
    return QStringLiteral("NONE");
}

QString DecisionRecord::amountInText() const
{
    if (!sized.trade)
        return {};
    return eth::formatUnits(sized.amountIn, sized.direction == SwapDirection::EthToUsdc ? 18 : 6);
}

QString decisionStatusKey(DecisionRecord::Status status)
{
    using S = DecisionRecord::Status;
    switch (status) {
    case S::Thinking: return QStringLiteral("thinking");
    case S::Observed: return QStringLiteral("observed");
    case S::NoTrade: return QStringLiteral("no_trade");
    case S::Trading: return QStringLiteral("trading");
    case S::Succeeded: return QStringLiteral("succeeded");
    case S::Reverted: return QStringLiteral("reverted");
    case S::Failed: return QStringLiteral("failed");
    case S::Canceled: return QStringLiteral("canceled");
    }
    return {};
}

QString decisionStatusText(DecisionRecord::Status status)
{
    using S = DecisionRecord::Status;
    switch (status) {
    case S::Thinking: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Thinking");
    case S::Observed: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Observed");
    case S::NoTrade: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "No trade");
    case S::Trading: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Trading");
    case S::Succeeded: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Traded");
    case S::Reverted: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Reverted");
    case S::Failed: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Failed");
    case S::Canceled: return QCoreApplication::translate("apedesk::agent::DecisionRecord", "Canceled");
    }
    return {};
}

std::optional<DecisionRecord::Status> decisionStatusFromKey(const QString &key)
{
    using S = DecisionRecord::Status;
    for (S status : {S::Thinking, S::Observed, S::NoTrade, S::Trading, S::Succeeded, S::Reverted, S::Failed, S::Canceled})
        if (decisionStatusKey(status) == key)
            return status;
    return std::nullopt;
}

} // namespace apedesk::agent
