#pragma once
// Federated rounds in the app: one FederatedCoordinator at a time on a run thread of its own (the
// venues train on worker threads; the service thread stays free to answer the dashboard's requests
// while a run goes on, with its own connections to the same database), its rounds in the app's database (RoundStore) and its global
// versions in the model registry, so the dashboard can be closed and reopened. Every method is thread
// safe and returns at once; answers come back as queued signals carrying plain values. The model comes
// from federatedModelBackend() (registered by apedesk_ml); without one a start is refused in words.

#include "federatedtypes.h"
#include "modelregistry.h"
#include "service.h"

#include <QDeadlineTimer>
#include <QList>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace apedesk {

namespace federated {
class FederatedModelBackend;
}

struct FederatedRunState
{
    enum class Phase { Idle, Preparing, Running, Stopping };
    Phase phase = Phase::Idle;
    qint64 runId = 0;
    int round = 0;                        // the round in progress (0-based)
    int rounds = 0;
    double fraction = 0;                  // of the run, [0, 1]
    QString text;                         // one sentence for the pane
};

class FederatedService : public Service
{
    Q_OBJECT
public:
    // The database: Paths::database() when empty.
    explicit FederatedService(QString databasePath = {}, QObject *parent = nullptr);
    explicit FederatedService(QObject *parent) : FederatedService(QString(), parent) {}
    ~FederatedService() override;

    // Starts a run (refused with runFinished(0, false, error) while one runs, or without a model).
    void startRun(const apedesk::federated::FederatedRunConfig &config);
    // Stops after the venues' current batch; the run is recorded as stopped (runFinished follows).
    void stopRun();
    FederatedRunState state() const;     // thread safe

    void requestRuns();                   // → runsListed (newest first, without rounds)
    void requestRun(qint64 runId);        // → runLoaded (with rounds)
    void requestVersions();               // → versionsListed (registry, newest first)
    void rollbackTo(qint64 version);      // → rolledBack, then versionsListed

Q_SIGNALS:
    void stateChanged(apedesk::FederatedRunState state);
    void runStarted(apedesk::federated::FederatedRunRecord run);
    void roundFinished(apedesk::federated::FederatedRoundRecord round);
    // ok false: failed or refused (runId 0 when it never started); a stop is ok with state stopped.
    void runFinished(qint64 runId, bool ok, apedesk::Error error, apedesk::federated::FederatedRunRecord run);
    void runsListed(QList<apedesk::federated::FederatedRunRecord> runs);
    void runLoaded(apedesk::federated::FederatedRunRecord run);
    void versionsListed(QList<apedesk::federated::ModelVersion> versions);
    void rolledBack(bool ok, apedesk::Error error, apedesk::federated::ModelVersion version);
    void actionFailed(apedesk::Error error);      // a request that could not be answered

protected:
    void onStarted() override;
    void onStopping() override;

private:
    struct Stores;
    QString databasePath() const;
    void setState(const FederatedRunState &state);
    Status openStores();                  // service thread
    void onServiceThread(std::function<void(Stores &)> step);   // queued; actionFailed when no store opens
    void runOnThread(const apedesk::federated::FederatedRunConfig &config,
                     std::shared_ptr<const apedesk::federated::FederatedModelBackend> backend);
    bool stopRunThread(QDeadlineTimer deadline);   // asks the run to stop and reaps its thread
    static QString runSentence(const apedesk::federated::FederatedRunRecord &run);

    QString m_databasePath;
    Stores *m_stores = nullptr;           // service thread only
    QMutex m_threadMutex;                 // m_runThread
    QThread *m_runThread = nullptr;
    mutable QMutex m_stateMutex;
    FederatedRunState m_state;
    std::atomic<bool> m_busy{false};
    std::atomic<bool> m_stop{false};
};

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::FederatedRunState)
Q_DECLARE_METATYPE(apedesk::federated::ModelVersion)
