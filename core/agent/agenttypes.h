#pragma once
// Plain values of the trading agent: what it sees (market, portfolio), what a model answered and how
// it was read, the limits a trade must respect, and one decision as the journal keeps it. All are
// copyable and registered as metatypes, so they cross threads in queued signals.

#include "chain/chaintypes.h"
#include "eth/address.h"
#include "eth/u256.h"
#include "market/pooltypes.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace apedesk::agent {

// The canary words the fine-tuned models were trained to emit.
enum class Canary { None, ApeIn, ApeOut, ApeNeutral };
QString canaryText(Canary canary);                  // "APE IN" | "APE OUT" | "APE NEUTRAL" | ""
std::optional<Canary> canaryFromText(const QString &text);   // the inverse (exact words)

// The tutorial's decision types (stateful memory), kept for the journal and the memory.
enum class DecisionType { Rebalance, LlmDecision, Observation, LearningInsight, Strategy };
QString decisionTypeKey(DecisionType type);          // "REBALANCE" | "LLM_DECISION" | "OBSERVATION" | ...
std::optional<DecisionType> decisionTypeFromKey(const QString &key);

// What the agent sees of the pool: the market service's rolling metrics (a real time window).
using MarketView = market::PoolMetrics;

// The account's holdings and the pool's mid price, read together.
struct Portfolio
{
    bool valid = false;
    eth::Address account;
    eth::u256 ethWei = 0;
    eth::u256 usdcUnits = 0;       // 6 decimals
    double price = 0;              // USDC per ETH, the pool's mid price (sqrtPriceX96)
    quint64 blockNumber = 0;

    double eth() const;            // ethWei / 1e18
    double usdc() const;           // usdcUnits / 1e6
    double totalUsd() const { return eth() * price + usdc(); }
    double ethWeight() const;      // ETH value / total, 0 when the total is 0
};

// Sizing limits for model trades (the tutorial's constants, now settings).
struct TradeLimits
{
    double gasReserveEth = 0.0005;   // never spend below this much ETH
    double minTradeEth = 0.0001;     // smaller ETH sales are not worth the gas
    double minTradeUsdc = 0.01;
    double maxTradeEth = 0.05;       // per trade, in ETH or its USDC equivalent
    double maxBalanceShare = 0.95;   // of the input token's spendable balance
    double defaultShare = 0.20;      // canary "part of", "some" or no amount (a missing PERCENTAGE is no trade)
    int slippageBps = 50;
};

// The rebalancer (bypasses the model when the allocation drifts too far).
struct RebalanceConfig
{
    bool enabled = true;
    double targetEthAllocation = 0.5;   // of the portfolio's value
    double threshold = 0.10;            // |ETH weight − target| that triggers it
    int cooldownSeconds = 3600;         // since the last rebalance
    // The trade restores the target, clamped to at least minEth and at most maxEth (or their USDC value).
    double minEth = 0.01;
    double maxEth = 0.05;
};

// How a model's answer was read. Anything the parser cannot read is an observation: no trade.
struct ParsedAnswer
{
    enum class Format { None, Canary, TradeFields, NaturalLanguage };
    enum class Action { None, Buy, Sell, Hold };        // Buy = USDC → ETH, Sell = ETH → USDC
    enum class AmountKind { Default, Absolute, Percent };
    Format format = Format::None;
    Canary canary = Canary::None;       // only when the model wrote a canary word
    Action action = Action::None;
    AmountKind amountKind = AmountKind::Default;
    double amount = 0;                  // Absolute: in `unit`; Percent: a fraction in (0, 1]
    QString unit;                       // Absolute: "ETH" or "USDC"
    QString amountText;                 // as written ("0.05 ETH", "part of", "25%")
    QString reasoning;
    QString why;                        // Format::None: why nothing was read, in words

    bool isTrade() const { return action == Action::Buy || action == Action::Sell; }
};
QString actionText(ParsedAnswer::Action action);        // "BUY" | "SELL" | "HOLD" | "NONE"

// A trade the sizer made from an answer (or the rebalancer), or why there is none.
struct SizedTrade
{
    bool trade = false;
    SwapDirection direction = SwapDirection::EthToUsdc;
    eth::u256 amountIn = 0;             // in the input token's smallest units
    QString note;                       // why no trade, or how the amount was limited, in words
};

// Everything a backend may use to decide. LLMs get the prompt text; the built-in policies read the
// structured values.
struct Observation
{
    qint64 timestamp = 0;               // unix seconds
    MarketView market;
    Portfolio portfolio;
    RebalanceConfig rebalance;
    TradeLimits limits;
};

// One decision as the journal keeps it.
struct DecisionRecord
{
    enum class Status {
        Thinking,     // the model is answering
        Observed,     // observation mode, unreadable answer or below-minimum amount: no trade by design
        NoTrade,      // APE NEUTRAL / HOLD / the sizer found nothing to do
        Trading,      // the swap was submitted
        Succeeded,
        Reverted,
        Failed,       // the model call (timeout, malformed, cut off) or the swap failed; `error` says why
        Canceled,
    };
    qint64 id = 0;                      // journal row id (0 until stored)
    QString runId;                      // one agent run (start → stop)
    quint64 cycle = 0;
    QDateTime time;                     // UTC, when the cycle began
    DecisionType type = DecisionType::LlmDecision;
    bool observing = false;             // observation mode: never trades
    QString backend;                    // "ollama" | "openai" | "builtin" | "rebalancer"
    QString model;
    QString systemPrompt;
    QString prompt;
    QString response;                   // as streamed (partial while Thinking)
    ParsedAnswer parsed;
    Observation observation;            // what the agent saw (market and portfolio before)
    SizedTrade sized;
    Status status = Status::Thinking;
    Error error;
    eth::Hash32 txHash;
    eth::u256 amountOut = 0;
    QString effectivePrice;
    eth::u256 gasFeeWei = 0;            // what the swap's gas cost (counts against its P&L)
    qint64 latencyMs = 0;               // model answer time
    // Honest P&L: the trade against not trading, marked to market `horizon` later, in USD (gas
    // included). Unset until the horizon passed (or for decisions that did not trade).
    qint64 markDueAt = 0;               // unix seconds; 0: nothing to mark
    std::optional<double> pnlUsd;
    std::optional<double> markPrice;

    bool traded() const { return status == Status::Succeeded; }
    QString tokenIn() const { return sized.direction == SwapDirection::EthToUsdc ? QStringLiteral("ETH") : QStringLiteral("USDC"); }
    QString amountInText() const;       // in the input token's units ("0.05"), empty without a trade
};
QString decisionStatusKey(DecisionRecord::Status status);   // "thinking" | "observed" | "no_trade" | ...
QString decisionStatusText(DecisionRecord::Status status);  // translated
std::optional<DecisionRecord::Status> decisionStatusFromKey(const QString &key);

} // namespace apedesk::agent

Q_DECLARE_METATYPE(apedesk::agent::Portfolio)
Q_DECLARE_METATYPE(apedesk::agent::ParsedAnswer)
Q_DECLARE_METATYPE(apedesk::agent::DecisionRecord)
Q_DECLARE_METATYPE(QList<apedesk::agent::DecisionRecord>)
