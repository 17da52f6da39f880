#pragma once
// How the decision log writes a decision's parts in words: backend and model, the action, the amount
// and price, the transaction, the P&L. Shared by the table and the detail view so both say the same.

#include "agent/agenttypes.h"

#include <QCoreApplication>
#include <QString>

namespace apedesk::ui {

class DecisionText
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::ui::DecisionText)
public:
    static QString backendName(const QString &backendKey);          // "ollama" → "Ollama"
    static QString backendModel(const agent::DecisionRecord &record); // "Ollama · qwen3:4b"
    // The canary word, or what the answer was instead ("TRADE fields", "BUY/SELL/HOLD", "unreadable").
    static QString canaryCell(const agent::DecisionRecord &record);
    static QString formatName(agent::ParsedAnswer::Format format);
    static QString action(const agent::DecisionRecord &record);     // "Sell ETH", "Hold", "Rebalance: buy ETH"
    static QString amount(const agent::DecisionRecord &record);     // the sized input "0.05 ETH", or "—"
    static QString amountOut(const agent::DecisionRecord &record);  // "149.2 USDC", empty before a fill
    static QString price(const agent::DecisionRecord &record);      // effective price, else the price seen
    static bool priceIsEffective(const agent::DecisionRecord &record);
    static QString shortHash(const agent::DecisionRecord &record);  // "0x1a2b3c…9f8e", empty before sending
    static QString pnl(const agent::DecisionRecord &record);        // "+1.23 USD", "due 14:05", "—"
    static QString usd(double value);                               // "+1.23 USD" / "−0.40 USD"
    static QString parsedSummary(const agent::DecisionRecord &record);
    static QString sizedSummary(const agent::DecisionRecord &record);
    static QString time(const QDateTime &utc);                      // local "HH:mm:ss"; older days "MM-dd HH:mm"
    static QString dash();
};

} // namespace apedesk::ui
