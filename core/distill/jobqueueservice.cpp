#include "jobqueueservice.h"

#include "common/logging.h"
#include "common/paths.h"
#include "distill/jobrunners.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace apedesk {

namespace {

constexpr int kSnapshotIntervalMs = 100;   // at most ten whole lists a second, however busy the jobs are
constexpr int kStopTimeoutMs = 1500;       // within Core's quit budget: running jobs are queued for the next start

} // namespace

JobQueueService::JobQueueService(QString databasePath, distill::RunnerLookup runners, QObject *parent)
    : Service(QStringLiteral("JobQueueService"), parent), m_databasePath(std::move(databasePath)), m_runners(std::move(runners))
{
    qRegisterMetaType<distill::JobRecord>();
    qRegisterMetaType<distill::JobLogLine>();
    qRegisterMetaType<distill::JobMetricPoint>();
    qRegisterMetaType<QList<distill::JobRecord>>();
    qRegisterMetaType<QList<distill::JobLogLine>>();
    qRegisterMetaType<QList<distill::JobMetricPoint>>();
}

JobQueueService::~JobQueueService() = default;

void JobQueueService::onStarted()
{
    m_snapshotTimer = new QTimer(this);
    m_snapshotTimer->setSingleShot(true);
    connect(m_snapshotTimer, &QTimer::timeout, this, &JobQueueService::sendSnapshot);

    const QString path = m_databasePath.isEmpty() ? Paths::database() : m_databasePath;
    auto *queue = new distill::JobQueue(m_runners ? m_runners : distill::defaultRunners(), this);
    const Status opened = queue->open(path);
    if (!opened) {
        delete queue;
        qCWarning(lcDistill).noquote() << "job queue service:" << opened.error().toString();
        setStatus(ServiceStatus::State::Failed, opened.error().message);
        Q_EMIT actionFailed(opened.error());
        return;
    }
    m_queue = queue;
    connect(m_queue, &distill::JobQueue::jobChanged, this, &JobQueueService::scheduleSnapshot);
    connect(m_queue, &distill::JobQueue::jobsChanged, this, &JobQueueService::scheduleSnapshot);
    connect(m_queue, &distill::JobQueue::logAppended, this, &JobQueueService::jobLogAppended);
    connect(m_queue, &distill::JobQueue::metricAppended, this, &JobQueueService::jobMetricAppended);
    connect(m_queue, &distill::JobQueue::storeFailed, this, &JobQueueService::actionFailed);
    m_queue->start();
    Q_EMIT dispatchingChanged(true);
    sendSnapshot();
}

void JobQueueService::onStopping()
{
    if (!m_queue)
        return;
    m_snapshotTimer->stop();
    // Running jobs are asked to stop and go back to Queued, so the next start resumes them.
    m_queue->shutdown(kStopTimeoutMs);
}

void JobQueueService::post(std::function<void(distill::JobQueue &)> step)
{
    QMetaObject::invokeMethod(
        this,
        [this, step = std::move(step)] {
            if (!m_queue) {
                Q_EMIT actionFailed(Error::make(Error::Kind::Usage, tr("The job queue is not open.")));
                return;
            }
            step(*m_queue);
        },
        Qt::QueuedConnection);
}

void JobQueueService::report(const Status &status)
{
    if (status)
        return;
    qCInfo(lcDistill).noquote() << "job queue service: refused:" << status.error().toString();
    Q_EMIT actionFailed(status.error());
}

void JobQueueService::addJob(const distill::JobSpec &spec)
{
    post([this, spec](distill::JobQueue &queue) {
        const auto id = queue.add(spec);
        if (!id)
            report(id.error());
    });
}

void JobQueueService::addPipeline(const distill::PipelineSpec &pipeline)
{
    post([this, pipeline](distill::JobQueue &queue) {
        const auto ids = queue.addPipeline(pipeline);
        if (!ids)
            report(ids.error());
    });
}

void JobQueueService::pauseJob(qint64 id)
{
    post([this, id](distill::JobQueue &queue) { report(queue.pause(id)); });
}

void JobQueueService::resumeJob(qint64 id)
{
    post([this, id](distill::JobQueue &queue) { report(queue.resume(id)); });
}

void JobQueueService::cancelJob(qint64 id)
{
    post([this, id](distill::JobQueue &queue) { report(queue.cancel(id)); });
}

void JobQueueService::retryJob(qint64 id)
{
    post([this, id](distill::JobQueue &queue) { report(queue.retry(id)); });
}

void JobQueueService::moveJob(qint64 id, int toIndex)
{
    post([this, id, toIndex](distill::JobQueue &queue) { report(queue.move(id, toIndex)); });
}

void JobQueueService::removeJob(qint64 id)
{
    post([this, id](distill::JobQueue &queue) { report(queue.remove(id)); });
}

void JobQueueService::setDispatching(bool on)
{
    post([this, on](distill::JobQueue &queue) {
        if (on == queue.isStarted())
            return;
        if (on)
            queue.start();
        else
            queue.stop();
        Q_EMIT dispatchingChanged(on);
        scheduleSnapshot();
    });
}

void JobQueueService::setLimits(const distill::ResourceLimits &limits)
{
    post([limits](distill::JobQueue &queue) { queue.setLimits(limits); });
}

void JobQueueService::requestSnapshot()
{
    post([this](distill::JobQueue &) { scheduleSnapshot(); });
}

void JobQueueService::requestDetails(qint64 id)
{
    post([this, id](distill::JobQueue &queue) {
        if (!queue.job(id)) {
            report(Error::make(Error::Kind::Usage, tr("There is no job %1.").arg(id)));
            return;
        }
        Q_EMIT jobDetails(id, queue.logs(id), queue.metrics(id));
    });
}

void JobQueueService::scheduleSnapshot()
{
    if (!m_queue || m_snapshotTimer->isActive())
        return;   // one is on its way and will carry this change too
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - m_lastSnapshotMs;
    m_snapshotTimer->start(int(std::clamp<qint64>(kSnapshotIntervalMs - since, 0, kSnapshotIntervalMs)));
}

void JobQueueService::sendSnapshot()
{
    if (!m_queue)
        return;
    m_lastSnapshotMs = QDateTime::currentMSecsSinceEpoch();
    const QList<distill::JobRecord> jobs = m_queue->jobs();
    updateStatus(jobs);
    Q_EMIT jobsSnapshot(jobs);
}

void JobQueueService::updateStatus(const QList<distill::JobRecord> &jobs)
{
    int running = 0, queued = 0, paused = 0, failed = 0;
    for (const distill::JobRecord &job : jobs) {
        switch (job.state) {
        case distill::JobState::Running: ++running; break;
        case distill::JobState::Queued: ++queued; break;
        case distill::JobState::Paused: ++paused; break;
        case distill::JobState::Failed: ++failed; break;
        default: break;
        }
    }
    if (running + queued + paused + failed == 0) {
        setStatus(ServiceStatus::State::Idle, jobs.isEmpty() ? tr("Job queue empty.")
                                                             : tr("Nothing waiting; %n job(s) finished.", nullptr, int(jobs.size())));
        return;
    }
    QStringList parts{tr("%1 running").arg(running), tr("%1 queued").arg(queued)};
    if (paused > 0)
        parts << tr("%1 paused").arg(paused);
    if (failed > 0)
        parts << tr("%1 failed").arg(failed);
    if (!m_queue->isStarted())
        parts << tr("not starting new jobs");
    setStatus(running > 0 ? ServiceStatus::State::Busy : ServiceStatus::State::Idle, parts.join(QStringLiteral(", ")));
}

} // namespace apedesk
