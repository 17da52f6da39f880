#pragma once
// The stateful agent's memory (seed facts §4, "Stateful"): bounded rings of market states and
// decisions, rebalance and model P&L lists, the current strategy, the token estimate of everything
// the next prompt carries, and summarisation at 90 % of the model's context (with a cooldown) that
// keeps exactly what the retention rules keep. Serialises to JSON so a restart continues.

#include "agenttypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <deque>
#include <optional>

namespace apedesk::agent {

// The tutorial's estimate: max(⌊1.3·words + 0.5·specials + 0.5·whitespace⌋, ⌊chars / 4⌋).
int estimateTokens(const QString &text);

struct MarketState
{
    qint64 timestamp = 0;          // unix seconds
    double ethPrice = 0;
    double priceChangePercent = 0; // over the metrics window
    double volumeEth = 0;
    double volumeUsdc = 0;
    int swapCount = 0;
};

struct MemoryDecision
{
    qint64 timestamp = 0;
    DecisionType type = DecisionType::LlmDecision;
    QString tradeType;             // "ETH_TO_USDC" | "USDC_TO_ETH" | "" (no trade)
    double amount = 0;             // ETH (or its equivalent)
    QString reasoning;             // the model's full text, or the insight / strategy text
    MarketState market;
    double valueBefore = 0;        // portfolio USD value before
    double valueAfter = 0;
    std::optional<bool> success;   // unset: no trade was attempted
    std::optional<double> profitLoss;   // fraction, marked to market (see DecisionRecord::pnlUsd)
};

struct MarketTrend
{
    double priceTrend = 0;         // (last − first) / first over the last 60 minutes of states
    double volumeTrend = 0;
    double volatility = 0;         // population std of the prices / their mean
};

struct SummaryReport
{
    int decisionsBefore = 0, decisionsAfter = 0;
    int statesBefore = 0, statesAfter = 0;
    int tokensBefore = 0, tokensAfter = 0;
    QStringList insights;          // the LEARNING_INSIGHT texts written
};

class AgentMemory
{
public:
    static constexpr int kMaxMarketStates = 100;
    static constexpr int kMaxDecisions = 100;
    static constexpr double kSummaryThreshold = 0.9;
    static constexpr int kSummaryCooldownSeconds = 120;

    explicit AgentMemory(int contextCapacityTokens = 32768);

    int capacity() const { return m_capacity; }
    void setCapacity(int tokens) { m_capacity = tokens; }

    void addMarketState(const MarketState &state);
    void addDecision(const MemoryDecision &decision);
    // A trade's honest P&L arrived (marked later): fills in the decision with this timestamp.
    void setProfitLoss(qint64 decisionTimestamp, double profitLoss);
    void recordPnl(DecisionType type, double profitLoss);   // into rebalance_pl or llm_pl

    const std::deque<MarketState> &marketStates() const { return m_states; }
    const std::deque<MemoryDecision> &decisions() const { return m_decisions; }
    const QList<double> &rebalancePl() const { return m_rebalancePl; }
    const QList<double> &llmPl() const { return m_llmPl; }

    QString strategy() const { return m_strategy; }
    qint64 strategyStart() const { return m_strategyStart; }
    int strategyDurationSeconds() const { return m_strategyDuration; }
    void setStrategy(const QString &text, qint64 start, int durationSeconds);

    MarketTrend trend(qint64 now, int windowSeconds = 3600) const;

    // prompt estimate + Σ estimates of the decisions' reasoning + 20 per market state.
    int estimatedTokens(const QString &prompt) const;
    double contextRatio(const QString &prompt) const;
    // The ratio of the last prompt built (the short prompt variant is used above 0.7).
    double lastContextRatio() const { return m_lastRatio; }
    void setLastContextRatio(double ratio) { m_lastRatio = ratio; }

    // Over 90 % and not within the cooldown since the last summary.
    bool needsSummary(const QString &prompt, qint64 now) const;
    // Keeps: the 2 longest learning insights (cut to 200 characters + "..."), the last 3 rebalance and
    // the last 3 model P&L values, the strategy, the last 2 market states, the most profitable
    // successful trade and the most recent trade if different; then adds the new insight texts
    // (success rate, average P&L of sells and buys, profitable trades' average price and |Δ|,
    // last-5 trend, average loss and its price).
    SummaryReport summarize(qint64 now);
    qint64 lastSummaryAt() const { return m_lastSummary; }

    QJsonObject toJson() const;
    static Result<AgentMemory> fromJson(const QJsonObject &object);

private:
    int m_capacity;
    std::deque<MarketState> m_states;
    std::deque<MemoryDecision> m_decisions;
    QList<double> m_rebalancePl;
    QList<double> m_llmPl;
    QString m_strategy;
    qint64 m_strategyStart = 0;
    int m_strategyDuration = 0;
    qint64 m_lastSummary = 0;
    double m_lastRatio = 0;
};

} // namespace apedesk::agent
