#pragma once
// The trading agent on its own worker thread: the loop (market → rebalance check → model → parse →
// size → trade → journal), observation modes, the stateful memory and honest P&L marking. It follows
// the chain the chain service is connected to and trades through the chain service's swaps, so the
// wallet pane shows the agent's trades and there is one nonce per account. Every public method is
// thread safe and returns at once; results come back as queued signals carrying plain values.

#include "agentconfig.h"
#include "agenttypes.h"
#include "chain/chaintypes.h"
#include "llmbackend.h"
#include "service.h"

#include <QList>
#include <QMutex>

#include <memory>

namespace apedesk {

class ChainService;
class MarketService;

namespace agent {
class AgentLoop;
class DecisionJournal;

struct AgentState
{
    enum class Phase { Stopped, Observing, Running, Stopping };
    Phase phase = Phase::Stopped;
    QString runId;
    quint64 cycle = 0;
    QString backend;               // "ollama" | "openai" | "builtin"
    QString model;
    QString text;                  // one sentence: what happens now / why it stopped
    QString backendNote;           // why this backend decides, when it is not the one asked for
    int observeCyclesLeft = 0;     // observation progress (the modes that count)
    double contextRatio = 0;       // stateful memory: estimated tokens / capacity
    double modelPnlUsd = 0;        // marked P&L of this run's model trades
    double rebalancePnlUsd = 0;    // ... and of its rebalances, kept apart
    bool running() const { return phase == Phase::Observing || phase == Phase::Running; }
};
} // namespace agent

struct AgentServiceConfig
{
    QString databasePath;          // the journal (Paths::database())
};

class AgentService : public Service
{
    Q_OBJECT
public:
    explicit AgentService(AgentServiceConfig config = {}, QObject *parent = nullptr);
    ~AgentService() override;

    // Where the agent reads the market and sends its trades (set before start; Core wires these).
    void setChainService(ChainService *chain);
    void setMarketService(MarketService *market);

    agent::AgentState state() const;
    QList<agent::DecisionRecord> recentDecisions() const;   // this session's, oldest first (≤ 500)
    QString databasePath() const { return m_config.databasePath; }

    // Requests (queued to the service thread).
    void startAgent(const agent::AgentConfig &config);
    void stopAgent();
    // Models the server offers -> modelsListed (for the model picker).
    void listModels(const agent::BackendSpec &spec);
    // Journal export as JSONL -> exportFinished.
    quint64 exportJournal(const QString &path);

Q_SIGNALS:
    void agentStateChanged(apedesk::agent::AgentState state);
    // A decision appeared (Thinking), changed (answer, trade, P&L), each as the whole record.
    void decisionChanged(apedesk::agent::DecisionRecord record);
    // Tokens of the decision being answered, as they stream in.
    void decisionToken(qint64 decisionId, QString delta);
    void modelsListed(QString spec, bool ok, apedesk::Error error, QList<apedesk::agent::ModelInfo> models);
    void exportFinished(quint64 id, bool ok, apedesk::Error error, int rows);

protected:
    void onStarted() override;
    void onStopping() override;

private:
    void publishState(const agent::AgentState &state);
    void publishDecision(const agent::DecisionRecord &record);

    AgentServiceConfig m_config;
    ChainService *m_chain = nullptr;
    MarketService *m_market = nullptr;
    std::unique_ptr<agent::DecisionJournal> m_journal;   // the writer, on the service thread
    bool m_runActive = false;              // service thread only: a run holds m_journal
    bool m_closeJournalAfterRun = false;
    QAtomicInteger<quint64> m_runGeneration{0};   // bumped by start and stop: a run ends when it changed
    QAtomicInteger<quint64> m_nextExportId{1};

    mutable QMutex m_mutex;
    agent::AgentState m_state;
    QList<agent::DecisionRecord> m_recent;
};

class Settings;
AgentServiceConfig agentServiceConfigFromSettings(const Settings &settings);

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::agent::AgentState)
