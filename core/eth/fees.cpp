#include "fees.h"

#include <QCoreApplication>

#include <algorithm>

namespace apedesk::eth {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Fees)
};

const u256 kGwei = 1'000'000'000;

u256 median(QList<u256> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}
} // namespace

QString formatGwei(const u256 &wei)
{
    const u256 whole = wei / kGwei;
    u256 fraction = wei % kGwei;
    if (fraction == 0)
        return Messages::tr("%1 gwei").arg(toDecimal(whole));
    QString digits = toDecimal(fraction).rightJustified(9, QLatin1Char('0'));
    while (digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    return Messages::tr("%1 gwei").arg(toDecimal(whole) + QLatin1Char('.') + digits);
}

Result<FeeSuggestion> suggestFees(const FeeHistory &history, const FeePolicy &policy,
                                  std::optional<u256> nodePriorityFee)
{
    if (history.baseFeePerGas.isEmpty())
        return Error::make(Error::Kind::Protocol, Messages::tr("The node did not report a base fee."),
                           QStringLiteral("eth_feeHistory without baseFeePerGas"));
    FeeSuggestion out;
    out.baseFee = history.baseFeePerGas.last();

    // Empty blocks report a zero reward that says nothing about what it takes to get included.
    QList<u256> rewards;
    for (qsizetype i = 0; i < history.reward.size(); ++i) {
        const bool empty = i < history.gasUsedRatio.size() && history.gasUsedRatio.at(i) <= 0.0;
        if (!empty && !history.reward.at(i).isEmpty())
            rewards.append(history.reward.at(i).first());
    }
    if (!rewards.isEmpty())
        out.maxPriorityFeePerGas = median(rewards);
    else
        out.maxPriorityFeePerGas = nodePriorityFee.value_or(policy.fallbackPriorityFee);
    out.maxPriorityFeePerGas = std::max(out.maxPriorityFeePerGas, policy.minPriorityFee);

    const u256 needed = out.baseFee + out.maxPriorityFeePerGas;
    if (policy.maxFeeCap && needed > *policy.maxFeeCap)
        return Error::make(Error::Kind::Chain,
                           Messages::tr("Network fees are %1 per gas right now, above your limit of %2; try again later or "
                              "raise the limit in the settings.")
                               .arg(formatGwei(needed), formatGwei(*policy.maxFeeCap)),
                           QStringLiteral("base fee %1 wei, priority fee %2 wei")
                               .arg(toDecimal(out.baseFee), toDecimal(out.maxPriorityFeePerGas)));

    out.maxFeePerGas = out.baseFee * u256(std::max(policy.baseFeeMarginPercent, 100)) / 100 + out.maxPriorityFeePerGas;
    if (policy.maxFeeCap)
        out.maxFeePerGas = std::min(out.maxFeePerGas, *policy.maxFeeCap);
    return out;
}

u256 gasLimitWithMargin(const u256 &estimate, const FeePolicy &policy)
{
    const u256 withMargin = estimate * u256(std::max(policy.gasMarginPercent, 100)) / 100;
    return std::min(std::max(withMargin, u256(21000)), std::max(policy.maxGasLimit, estimate));
}

} // namespace apedesk::eth
