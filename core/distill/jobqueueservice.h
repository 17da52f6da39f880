#pragma once
// The distillation job queue in the app: a JobQueue on this service's thread, in the app's database.
// Every method is thread safe (it queues the call onto the service thread); answers come back as
// signals. The queue starts dispatching when the service starts unless told otherwise.

#include "distill/jobqueue.h"
#include "distill/jobtypes.h"
#include "service.h"

#include <functional>

class QTimer;

namespace apedesk {

class JobQueueService : public Service
{
    Q_OBJECT
public:
    // The queue database: Paths::database() when empty. `runners`: defaultRunners() when empty.
    explicit JobQueueService(QString databasePath = {}, distill::RunnerLookup runners = {}, QObject *parent = nullptr);
    explicit JobQueueService(QObject *parent) : JobQueueService(QString(), {}, parent) {}
    ~JobQueueService() override;

    void addJob(const distill::JobSpec &spec);
    void addPipeline(const distill::PipelineSpec &pipeline);
    void pauseJob(qint64 id);
    void resumeJob(qint64 id);
    void cancelJob(qint64 id);
    void retryJob(qint64 id);
    void moveJob(qint64 id, int toIndex);
    void removeJob(qint64 id);
    void setDispatching(bool on);                 // start / stop starting new jobs
    void setLimits(const distill::ResourceLimits &limits);
    void requestSnapshot();                       // → jobsSnapshot
    void requestDetails(qint64 id);               // → jobDetails (the whole log and every metric point)

Q_SIGNALS:
    // The whole list in queue order, after any change (at most ~10 per second).
    void jobsSnapshot(QList<apedesk::distill::JobRecord> jobs);
    void jobLogAppended(apedesk::distill::JobLogLine line);
    void jobMetricAppended(apedesk::distill::JobMetricPoint point);
    void jobDetails(qint64 id, QList<apedesk::distill::JobLogLine> log, QList<apedesk::distill::JobMetricPoint> metrics);
    void dispatchingChanged(bool on);
    void actionFailed(apedesk::Error error);      // a steering call or an add was refused

protected:
    void onStarted() override;
    void onStopping() override;

private:
    // Runs `step` on the service thread with the open queue; refused (actionFailed) while none is open.
    void post(std::function<void(distill::JobQueue &)> step);
    void report(const Status &status);            // a refused step → actionFailed
    void scheduleSnapshot();                      // coalesces changes into ≤10 snapshots a second
    void sendSnapshot();
    void updateStatus(const QList<distill::JobRecord> &jobs);

    QString m_databasePath;
    distill::RunnerLookup m_runners;
    distill::JobQueue *m_queue = nullptr;         // lives on the service thread
    QTimer *m_snapshotTimer = nullptr;            // service thread
    qint64 m_lastSnapshotMs = 0;
};

} // namespace apedesk
