#include "decisiontext.h"

#include "wallet/amounttext.h"

#include <QLocale>

#include <cmath>

namespace apedesk::ui {

using agent::DecisionRecord;
using agent::ParsedAnswer;

//: Shown where there is no value
QString DecisionText::dash() { return tr("—"); }

QString DecisionText::backendName(const QString &backendKey)
{
    if (backendKey == QLatin1String("ollama"))
        return tr("Ollama");
    if (backendKey == QLatin1String("openai"))
        return tr("OpenAI-compatible");
    if (backendKey == QLatin1String("builtin"))
        return tr("Built-in");
    if (backendKey == QLatin1String("rebalancer"))
        return tr("Rebalancer");
    return backendKey;
}

QString DecisionText::backendModel(const DecisionRecord &record)
{
    const QString backend = backendName(record.backend);
    if (record.model.isEmpty())
        return backend;
    //: Backend and model of a decision, e.g. "Ollama · qwen3:4b"
    return tr("%1 · %2").arg(backend, record.model);
}

QString DecisionText::formatName(ParsedAnswer::Format format)
{
    switch (format) {
    case ParsedAnswer::Format::Canary: return tr("canary word");
    case ParsedAnswer::Format::TradeFields: return tr("TRADE fields");
    case ParsedAnswer::Format::NaturalLanguage: return tr("BUY/SELL/HOLD");
    case ParsedAnswer::Format::None: break;
    }
    return tr("unreadable");
}

QString DecisionText::canaryCell(const DecisionRecord &record)
{
    if (record.parsed.canary != agent::Canary::None)
        return agent::canaryText(record.parsed.canary);   // the model's own words, never translated
    if (record.status == DecisionRecord::Status::Thinking)
        return tr("…");
    if (record.type == agent::DecisionType::Rebalance)
        return dash();
    if (record.status == DecisionRecord::Status::Failed && record.parsed.format == ParsedAnswer::Format::None)
        return dash();   // no answer to read
    return formatName(record.parsed.format);
}

QString DecisionText::action(const DecisionRecord &record)
{
    if (record.type == agent::DecisionType::Rebalance) {
        return record.sized.direction == SwapDirection::EthToUsdc ? tr("Rebalance: sell ETH")
                                                                  : tr("Rebalance: buy ETH");
    }
    if (record.status == DecisionRecord::Status::Thinking)
        return tr("Thinking…");
    switch (record.parsed.action) {
    case ParsedAnswer::Action::Buy: return record.observing ? tr("Buy ETH (observed)") : tr("Buy ETH");
    case ParsedAnswer::Action::Sell: return record.observing ? tr("Sell ETH (observed)") : tr("Sell ETH");
    case ParsedAnswer::Action::Hold: return tr("Hold");
    case ParsedAnswer::Action::None: break;
    }
    return record.observing || record.type == agent::DecisionType::Observation ? tr("Observe") : tr("None");
}

QString DecisionText::amount(const DecisionRecord &record)
{
    if (!record.sized.trade)
        return dash();
    return AmountText::tokenAmount(record.sized.amountIn, record.sized.direction == SwapDirection::EthToUsdc);
}

QString DecisionText::amountOut(const DecisionRecord &record)
{
    if (!record.sized.trade || record.amountOut == 0)
        return {};
    return AmountText::tokenAmount(record.amountOut, record.sized.direction == SwapDirection::UsdcToEth);
}

bool DecisionText::priceIsEffective(const DecisionRecord &record) { return !record.effectivePrice.isEmpty(); }

QString DecisionText::price(const DecisionRecord &record)
{
    if (priceIsEffective(record)) {
        const QString text = AmountText::price(record.effectivePrice);
        if (!text.isEmpty())
            return text;
    }
    const double seen = record.observation.portfolio.price > 0 ? record.observation.portfolio.price
                                                                : record.observation.market.lastPrice;
    return seen > 0 ? AmountText::price(QString::number(seen, 'f', 6)) : dash();
}

QString DecisionText::shortHash(const DecisionRecord &record)
{
    if (record.txHash.isZero())
        return {};
    const QString hex = record.txHash.toHex();
    return QString(hex.left(8) + QStringLiteral("…") + hex.right(4));
}

QString DecisionText::usd(double value)
{
    const QString number = QLocale().toString(std::abs(value), 'f', 2);
    if (value > 0.004)
        return tr("+%1 USD").arg(number);
    if (value < -0.004)
        //: A loss in US dollars; the minus sign is U+2212
        return tr("−%1 USD").arg(number);
    return tr("%1 USD").arg(QLocale().toString(0.0, 'f', 2));
}

QString DecisionText::pnl(const DecisionRecord &record)
{
    if (record.pnlUsd)
        return usd(*record.pnlUsd);
    if (record.markDueAt > 0)
        //: The P&L of a trade is marked at this time
        return tr("due %1").arg(QDateTime::fromSecsSinceEpoch(record.markDueAt).toString(QStringLiteral("HH:mm")));
    return dash();
}

QString DecisionText::parsedSummary(const DecisionRecord &record)
{
    const ParsedAnswer &parsed = record.parsed;
    if (record.type == agent::DecisionType::Rebalance)
        return tr("No model: the allocation drifted past the threshold, so the rebalancer traded.");
    if (record.status == DecisionRecord::Status::Thinking)
        return tr("Waiting for the answer…");
    if (parsed.format == ParsedAnswer::Format::None) {
        return parsed.why.isEmpty() ? tr("Nothing readable in the answer: an observation, no trade.")
                                    : tr("Unreadable: %1").arg(parsed.why);
    }
    QString text = parsed.canary != agent::Canary::None ? agent::canaryText(parsed.canary)
                                                        : agent::actionText(parsed.action);
    if (!parsed.amountText.isEmpty())
        text += QLatin1Char(' ') + parsed.amountText;
    //: A parsed answer and the format it was written in, e.g. "APE OUT 0.05 ETH (canary word)"
    return tr("%1 (%2)").arg(text, formatName(parsed.format));
}

QString DecisionText::sizedSummary(const DecisionRecord &record)
{
    if (!record.sized.trade) {
        if (!record.sized.note.isEmpty())
            return tr("No trade: %1").arg(record.sized.note);
        return record.status == DecisionRecord::Status::Thinking ? dash() : tr("No trade.");
    }
    const QString text = tr("%1, %2").arg(AmountText::direction(record.sized.direction), amount(record));
    // The sizer's note starts with the amount; only what it adds (a cap that applied) is worth showing.
    const bool onlyTheAmount = record.type != agent::DecisionType::Rebalance && !record.sized.note.contains(QLatin1Char('('));
    return record.sized.note.isEmpty() || onlyTheAmount ? text : tr("%1 (%2)").arg(text, record.sized.note);
}

QString DecisionText::time(const QDateTime &utc)
{
    if (!utc.isValid())
        return dash();
    const QDateTime local = utc.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(QStringLiteral("HH:mm:ss"));
    return local.toString(QStringLiteral("MM-dd HH:mm"));   // as narrow as a time of today
}

} // namespace apedesk::ui
