#pragma once
// One agent run as straight-line code for a worker thread (AgentService's, or the CLI's main thread):
//
//   mark due P&L -> read market and portfolio -> observation? -> rebalance (bypasses the model) ->
//   prompt -> model (streamed) -> parse -> size -> trade -> journal -> memory (summarise at 90 %)
//
// A failed model call, an unreadable answer, an observation cycle or a too-small amount never trades.
// Every decision is journalled as it changes (Thinking, then its outcome), with its prompt and answer.

#include "agentconfig.h"
#include "agentmemory.h"
#include "agenttypes.h"
#include "tradegateway.h"

#include <functional>
#include <optional>

namespace apedesk::agent {

class DecisionJournal;
class LlmBackend;

// Where the loop reads the pool's rolling metrics.
class MarketSource
{
public:
    virtual ~MarketSource() = default;
    virtual Result<MarketView> market() = 0;
};

struct LoopHooks
{
    std::function<void(const DecisionRecord &record)> changed;        // each time a decision changes
    std::function<void(qint64 decisionId, const QString &delta)> token;
    CancelCheck canceled;
};

// This run's totals, for the status strip and the CLI.
struct RunTotals
{
    quint64 cycles = 0;
    int trades = 0;
    double modelPnlUsd = 0;          // marked model decisions of this run
    double rebalancePnlUsd = 0;      // marked rebalances, kept apart
    double contextRatio = 0;         // stateful: the last prompt's estimate / capacity
};

class AgentLoop
{
public:
    // All pointers must outlive the loop. The journal may be null (nothing persists).
    AgentLoop(AgentConfig config, LlmBackend *backend, TradeGateway *gateway, MarketSource *market,
              DecisionJournal *journal);
    ~AgentLoop();

    // Starts a run: loads the stateful memory of the profile (a restart continues), notes the start.
    Status begin(const QString &runId, qint64 now);
    // One cycle; returns the decision as finally journalled.
    DecisionRecord runCycle(const LoopHooks &hooks);
    // Saves the memory. Called at the end of a run (also after a cancel).
    Status finish();

    // Whether the next cycle only observes.
    bool observingNext(qint64 now) const;
    int observeCyclesLeft() const;
    const RunTotals &totals() const { return m_totals; }
    const AgentMemory &memory() const { return m_memory; }
    QString memoryProfile() const;
    QString backendKind() const;
    QString modelName() const;

    // The honest P&L of a trade: what it gained against not trading, marked at `markPrice` (USDC per
    // ETH), gas included, in USD.
    static double markedPnlUsd(const DecisionRecord &record, double markPrice);

private:
    void markDue(qint64 now, double price, const LoopHooks &hooks);
    DecisionRecord decide(DecisionRecord record, const Observation &observation, bool observing, const LoopHooks &hooks);
    void trade(DecisionRecord &record, const LoopHooks &hooks);
    void remember(const DecisionRecord &record, const QString &prompt, qint64 now);
    void save(DecisionRecord &record, const LoopHooks &hooks);

    AgentConfig m_config;
    LlmBackend *m_backend;
    TradeGateway *m_gateway;
    MarketSource *m_market;
    DecisionJournal *m_journal;
    AgentMemory m_memory;
    QString m_runId;
    qint64 m_runStart = 0;
    qint64 m_lastRebalance = 0;
    quint64 m_cycle = 0;
    int m_observedTokens = 0;        // stateless token observation: estimates of the prompts and answers so far
    RunTotals m_totals;
};

} // namespace apedesk::agent
