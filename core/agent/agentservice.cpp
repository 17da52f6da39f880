#include "agentservice.h"

#include "agentloop.h"
#include "chain/chainservice.h"
#include "common/logging.h"
#include "common/paths.h"
#include "common/settings.h"
#include "decisionjournal.h"
#include "market/marketservice.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QUuid>

namespace apedesk {

namespace {
struct MetaTypes
{
    MetaTypes() { qRegisterMetaType<agent::AgentState>(); }
};
const MetaTypes registerOnLoad;

constexpr int kRecentKept = 500;

// The market service's last rolling metrics (a thread-safe snapshot).
class MarketServiceSource : public agent::MarketSource
{
public:
    explicit MarketServiceSource(MarketService *market) : m_market(market) {}
    Result<agent::MarketView> market() override { return m_market ? m_market->metrics() : agent::MarketView{}; }

private:
    MarketService *m_market;
};

// Waits `ms` on the calling worker thread while its events run; false when canceled meanwhile.
bool pause(int ms, const std::function<bool()> &canceled)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (canceled() || clock.elapsed() >= ms)
            loop.quit();
    });
    tick.start(std::min(50, std::max(1, ms)));
    if (!canceled() && ms > 0)
        loop.exec();
    return !canceled();
}
} // namespace

AgentService::AgentService(AgentServiceConfig config, QObject *parent)
    : Service(QStringLiteral("AgentService"), parent), m_config(std::move(config))
{
}

AgentService::~AgentService() = default;

void AgentService::setChainService(ChainService *chain) { m_chain = chain; }
void AgentService::setMarketService(MarketService *market) { m_market = market; }

agent::AgentState AgentService::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

QList<agent::DecisionRecord> AgentService::recentDecisions() const
{
    QMutexLocker lock(&m_mutex);
    return m_recent;
}

void AgentService::onStarted()
{
    if (!m_config.databasePath.isEmpty()) {
        m_journal = std::make_unique<agent::DecisionJournal>();
        if (Status opened = m_journal->open(m_config.databasePath); !opened) {
            qCWarning(lcAgent) << "journal:" << opened.error().toString();
            m_journal.reset();
            setStatus(ServiceStatus::State::Failed, tr("The decision journal could not be opened: %1").arg(opened.error().message));
            return;
        }
    }
    agent::AgentState state;
    state.text = tr("Agent stopped.");
    publishState(state);
    setStatus(ServiceStatus::State::Idle, state.text);
}

void AgentService::onStopping()
{
    stopAgent();
    // A stop can arrive while a run waits in a local event loop (this runs inside it): the run still
    // holds the journal, and closes it itself when it ends.
    if (m_runActive)
        m_closeJournalAfterRun = true;
    else
        m_journal.reset();
}

void AgentService::publishState(const agent::AgentState &state)
{
    {
        QMutexLocker lock(&m_mutex);
        m_state = state;
    }
    Q_EMIT agentStateChanged(state);
}

void AgentService::publishDecision(const agent::DecisionRecord &record)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = std::find_if(m_recent.begin(), m_recent.end(), [&](const agent::DecisionRecord &r) { return r.id == record.id; });
        if (record.id != 0 && it != m_recent.end())
            *it = record;
        else
            m_recent.append(record);
        while (m_recent.size() > kRecentKept)
            m_recent.removeFirst();
    }
    Q_EMIT decisionChanged(record);
}

void AgentService::stopAgent()
{
    m_runGeneration.fetchAndAddOrdered(1);
}

void AgentService::startAgent(const agent::AgentConfig &requested)
{
    // A new run replaces the one going: that one ends at its next check, this one starts after it.
    const quint64 generation = m_runGeneration.fetchAndAddOrdered(1) + 1;
    runTask(tr("Trading agent"), [this, requested, generation](const TaskContext &context) -> Status {
        const auto canceled = [this, &context, generation] {
            return context.canceled() || isStopping() || m_runGeneration.loadAcquire() != generation;
        };
        if (canceled())
            return {};
        agent::AgentState state;
        state.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto stopped = [&](const QString &text, const Error &error = {}) -> Status {
            state.phase = agent::AgentState::Phase::Stopped;
            state.text = text;
            publishState(state);
            setStatus(ServiceStatus::State::Idle, text);
            if (!error.message.isEmpty())
                return error;
            return {};
        };

        if (!m_chain)
            return stopped(tr("The agent has no chain to trade on."));
        const ChainState chainState = m_chain->state();
        if (!chainState.connected() || !chainState.venue)
            return stopped(tr("Connect to a chain with the ETH/USDC pool before starting the agent."));
        if (!chainState.canSign)
            return stopped(tr("This chain is not a paper chain and live trading is off: the agent does not trade here."));
        agent::AgentConfig config = requested;
        if (config.account.isZero())
            config.account = m_chain->selectedAccount();
        if (config.account.isZero())
            return stopped(tr("Choose an account in the wallet pane first."));

        // The backend, on this thread; one that does not answer gives way to the built-in policy.
        std::unique_ptr<agent::LlmBackend> backend = agent::makeBackend(config.backend);
        QString fallbackNote;
        if (config.backend.kind != agent::BackendSpec::Kind::Builtin) {
            state.phase = agent::AgentState::Phase::Running;
            state.text = tr("Asking %1 whether it answers…").arg(backend->endpoint());
            publishState(state);
            std::optional<Result<QString>> probed;
            QEventLoop loop;
            backend->probe([&](Result<QString> answer) {
                probed = std::move(answer);
                loop.quit();
            });
            if (!probed)
                loop.exec();
            if (!*probed) {
                fallbackNote = tr("%1 did not answer (%2); the built-in policy decides.")
                                   .arg(backend->endpoint(), probed->error().message);
                qCWarning(lcAgent) << fallbackNote;
                config.backend = agent::BackendSpec{};
                backend = agent::makeBackend(config.backend);
            }
        }

        m_runActive = true;
        agent::ChainServiceGateway gateway(m_chain, chainState.connectUrl, *chainState.venue, config.account, config.password);
        config.password.clear();
        MarketServiceSource market(m_market);
        agent::AgentLoop loop(config, backend.get(), &gateway, &market, m_journal.get());
        if (Status begun = loop.begin(state.runId, QDateTime::currentSecsSinceEpoch()); !begun) {
            m_runActive = false;
            return stopped(tr("The agent could not start: %1").arg(begun.error().message), begun.error());
        }
        state.backend = loop.backendKind();
        state.model = loop.modelName();
        state.backendNote = fallbackNote;

        agent::LoopHooks hooks;
        hooks.canceled = canceled;
        hooks.changed = [this](const agent::DecisionRecord &record) { publishDecision(record); };
        hooks.token = [this](qint64 decisionId, const QString &delta) { Q_EMIT decisionToken(decisionId, delta); };

        setStatus(ServiceStatus::State::Busy, tr("Agent running."));
        while (!canceled()) {
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            const bool observing = loop.observingNext(now);
            state.phase = observing ? agent::AgentState::Phase::Observing : agent::AgentState::Phase::Running;
            state.cycle = loop.totals().cycles + 1;
            state.observeCyclesLeft = loop.observeCyclesLeft();
            state.text = fallbackNote.isEmpty()
                             ? (observing ? tr("Observing: cycle %1 (no trades).").arg(state.cycle)
                                          : tr("Deciding: cycle %1.").arg(state.cycle))
                             : fallbackNote;
            publishState(state);

            loop.runCycle(hooks);
            const agent::RunTotals &totals = loop.totals();
            state.cycle = totals.cycles;
            state.contextRatio = totals.contextRatio;
            state.modelPnlUsd = totals.modelPnlUsd;
            state.rebalancePnlUsd = totals.rebalancePnlUsd;
            state.observeCyclesLeft = loop.observeCyclesLeft();
            if (config.maxCycles > 0 && totals.cycles >= quint64(config.maxCycles))
                break;
            state.text = tr("Waiting %1 s for the next decision.").arg(config.intervalMs / 1000.0, 0, 'f', 1);
            publishState(state);
            if (!pause(config.intervalMs, canceled))
                break;
        }
        if (Status saved = loop.finish(); !saved)
            qCWarning(lcAgent) << "memory:" << saved.error().toString();
        m_runActive = false;
        if (m_closeJournalAfterRun)
            m_journal.reset();
        return stopped(tr("Agent stopped after %n decision(s).", nullptr, int(loop.totals().cycles)));
    });
}

void AgentService::listModels(const agent::BackendSpec &spec)
{
    QMetaObject::invokeMethod(this, [this, spec] {
        // The backend lives until its answer arrives (a child of this service, on its thread).
        agent::LlmBackend *backend = agent::makeBackend(spec, this).release();
        const QString key = spec.toString();
        backend->listModels([this, backend, key](Result<QList<agent::ModelInfo>> models) {
            if (models)
                Q_EMIT modelsListed(key, true, Error(), *models);
            else
                Q_EMIT modelsListed(key, false, models.error(), {});
            backend->deleteLater();
        });
    }, Qt::QueuedConnection);
}

quint64 AgentService::exportJournal(const QString &path)
{
    // Not a task: the agent's run is one long task, and an export must not wait for it to end. It runs
    // on this thread between the run's steps (the run waits in local event loops), on the same connection.
    const quint64 id = m_nextExportId.fetchAndAddOrdered(1);
    QMetaObject::invokeMethod(this, [this, id, path] {
        if (!m_journal) {
            Q_EMIT exportFinished(id, false, Error::make(Error::Kind::Io, tr("The decision journal is not open.")), 0);
            return;
        }
        auto rows = m_journal->exportJsonl(path);
        if (rows)
            Q_EMIT exportFinished(id, true, Error(), *rows);
        else
            Q_EMIT exportFinished(id, false, rows.error(), 0);
    }, Qt::QueuedConnection);
    return id;
}

AgentServiceConfig agentServiceConfigFromSettings(const Settings &)
{
    AgentServiceConfig config;
    config.databasePath = Paths::database();
    return config;
}

} // namespace apedesk
