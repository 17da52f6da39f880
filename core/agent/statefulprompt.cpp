// The stateful prompt (seed facts §4, "Stateful"): the one-sentence template the fine-tuned models
// were trained on, then the history, performance and pattern sections and the closing question. It is
// model input: no tr(), and every number goes through QString::number, which never uses the locale.
#include "agentmemory.h"
#include "prompts.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace apedesk::agent {

namespace {

constexpr int kHistoryInsights = 2;
constexpr int kHistoryTrades = 5;
constexpr double kPatternBand = 0.05;   // "within ±5 % of the current price"

QString fixed(double value, int decimals) { return QString::number(value, 'f', decimals); }
QString signedPercent(double fraction, int decimals)
{
    const QString text = fixed(fraction * 100, decimals);
    return text.startsWith(QLatin1Char('-')) ? text : QString(QLatin1Char('+') + text);
}
QString trades(qsizetype n) { return n == 1 ? QStringLiteral("1 trade") : QStringLiteral("%1 trades").arg(n); }

double mean(const std::vector<double> &values)
{
    return values.empty() ? 0 : std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

bool isTrade(const MemoryDecision &d) { return !d.tradeType.isEmpty(); }
bool isSell(const MemoryDecision &d) { return d.tradeType == QLatin1String("ETH_TO_USDC"); }
bool isBuy(const MemoryDecision &d) { return d.tradeType == QLatin1String("USDC_TO_ETH"); }

// The pool's mid price when the portfolio was read, else the newest swap's price.
double currentPrice(const Observation &observation)
{
    return observation.portfolio.price > 0 ? observation.portfolio.price : observation.market.lastPrice;
}

QString templateSentence(const AgentMemory &memory, const Observation &o)
{
    const double volatility = memory.trend(o.timestamp).volatility * 100;
    return QStringLiteral("Given ETH price is $%1 with volume of %2 and volatility of %3, recent price change of %4 "
                          "ticks, and I currently hold %5 ETH and %6 USDC")
        .arg(fixed(currentPrice(o), 2), fixed(o.market.volumeEth, 2), fixed(volatility, 4),
             fixed(o.market.priceChangePercent * 10, 4), fixed(o.portfolio.eth(), 1), fixed(o.portfolio.usdc(), 0));
}

// The last 2 learning insights (without "INSIGHT: ", up to their first '.'), then the last 5 trades
// whose outcome is known. The facts sheet says the block reads "No previous trades." when there is
// nothing; insights without trades are still shown, with that line under them.
QString historyBlock(const AgentMemory &memory)
{
    QStringList insights;
    QStringList tradeLines;
    const auto &decisions = memory.decisions();
    for (auto it = decisions.rbegin(); it != decisions.rend(); ++it) {
        if (it->type == DecisionType::LearningInsight && insights.size() < kHistoryInsights) {
            QString text = it->reasoning;
            if (text.startsWith(QLatin1String("INSIGHT: ")))
                text = text.mid(9);
            text = text.section(QLatin1Char('.'), 0, 0).trimmed();
            if (!text.isEmpty())
                insights.prepend(QStringLiteral("- ") + text);
        } else if (isTrade(*it) && it->success.has_value() && tradeLines.size() < kHistoryTrades) {
            const QString side = isSell(*it) ? QStringLiteral("SELL") : QStringLiteral("BUY");
            // "- SELL|BUY ±x.x%"; a failed trade or one not marked to market yet says so instead.
            QString outcome;
            if (!*it->success)
                outcome = QStringLiteral("failed");
            else if (it->profitLoss)
                outcome = signedPercent(*it->profitLoss, 1) + QLatin1Char('%');
            else
                outcome = QStringLiteral("(P&L pending)");
            tradeLines.prepend(QStringLiteral("- %1 %2").arg(side, outcome));
        }
    }
    QStringList lines{QStringLiteral("TRADING HISTORY & PERFORMANCE:")};
    if (!insights.isEmpty())
        lines << QStringLiteral("Insights:") << insights;
    if (tradeLines.isEmpty())
        lines << QStringLiteral("No previous trades.");
    else
        lines << QStringLiteral("Recent trades:") << tradeLines;
    return lines.join(QLatin1Char('\n'));
}

QString performanceBlock(const AgentMemory &memory)
{
    int known = 0, succeeded = 0;
    std::vector<double> sells, buys;
    for (const MemoryDecision &d : memory.decisions()) {
        if (!isTrade(d))
            continue;
        if (d.success) {
            ++known;
            succeeded += *d.success ? 1 : 0;
        }
        if (d.profitLoss && isSell(d))
            sells.push_back(*d.profitLoss);
        else if (d.profitLoss && isBuy(d))
            buys.push_back(*d.profitLoss);
    }
    QStringList lines{QStringLiteral("PERFORMANCE INSIGHTS:")};
    if (known > 0)
        lines << QStringLiteral("- Success rate: %1% (%2 of %3)")
                     .arg(fixed(100.0 * succeeded / known, 1), QString::number(succeeded), trades(known));
    if (!sells.empty())
        lines << QStringLiteral("- Average P&L of ETH sells: %1% (%2)").arg(signedPercent(mean(sells), 2), trades(qsizetype(sells.size())));
    if (!buys.empty())
        lines << QStringLiteral("- Average P&L of ETH buys: %1% (%2)").arg(signedPercent(mean(buys), 2), trades(qsizetype(buys.size())));
    if (lines.size() == 1)
        lines << QStringLiteral("- No completed trades yet.");
    return lines.join(QLatin1Char('\n'));
}

// Needs two profitable trades. "Trades within ±5 % of the current price" is read as the profitable
// trades made at a price within 5 % of the current one (the pattern is where profits were made).
QString patternBlock(const AgentMemory &memory, double price)
{
    std::vector<double> prices;
    for (const MemoryDecision &d : memory.decisions())
        if (isTrade(d) && d.profitLoss && *d.profitLoss > 0)
            prices.push_back(d.market.ethPrice);
    QStringList lines{QStringLiteral("MARKET PATTERN ANALYSIS:")};
    if (prices.size() < 2) {
        lines << QStringLiteral("- Not enough profitable trades to find a pattern yet.");
    } else {
        const auto near = std::count_if(prices.begin(), prices.end(), [price](double p) {
            return price > 0 && std::abs(p - price) <= kPatternBand * price;
        });
        lines << QStringLiteral("- Average price of profitable trades: $%1 (%2)").arg(fixed(mean(prices), 2), trades(qsizetype(prices.size())))
              << QStringLiteral("- Profitable trades within 5% of the current price: %1 of %2")
                     .arg(QString::number(near), QString::number(prices.size()));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

// The short variant is exactly "template + history" as the facts sheet says, without the closing
// question; sections are separated by a blank line; no trailing newline.
QString statefulPrompt(const AgentMemory &memory, const Observation &observation, bool shortVariant)
{
    QStringList parts{templateSentence(memory, observation), historyBlock(memory)};
    if (!shortVariant)
        parts << performanceBlock(memory) << patternBlock(memory, currentPrice(observation))
              << QStringLiteral("Based on this information, what trading action should I take on Uniswap?");
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace apedesk::agent
