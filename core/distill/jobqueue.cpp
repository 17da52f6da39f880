#include "jobqueue.h"

#include "common/logging.h"
#include "jobstore.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <functional>

namespace apedesk::distill {

namespace {

constexpr int kFlushIntervalMs = 100;     // logs, metrics and progress reach the store and the signals this often
constexpr int kExternalPollMs = 1000;     // another process (the CLI) may change the queue's tables, or die
constexpr int kSteerTries = 3;            // reads of a job that another process keeps changing before giving up

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString tr(const char *text) { return JobQueue::tr(text); }

// "250 ms", "10 s", "5 min", "2 h": how long a retry waits, for the job's log.
QString formatDelay(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 120 * 1000)
        return tr("%1 s").arg((ms + 999) / 1000);
    if (ms < 120 * 60 * 1000)
        return tr("%1 min").arg((ms + 59999) / 60000);
    return tr("%1 h").arg(QString::number(ms / 3600000.0, 'f', 1));
}

// An error's sentence inside a longer one: "Attempt 1 of 3 failed: The server answered 503; retrying …".
QString clause(const Error &error)
{
    QString text = error.toString();
    if (text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1String("..")))
        text.chop(1);
    return text;
}

// What one run reports, taken by the queue's thread at each flush.
struct Pending
{
    struct Progress
    {
        double fraction = 0;
        QString text;
        qint64 etaSeconds = -1;
        qint64 atMs = 0;
    };
    std::optional<Progress> progress;
    QList<JobLogLine> lines;
    QList<JobMetricPoint> points;
    // Usage already in the store (written from the job's thread) and usage the queue still has to write.
    qint64 shownPrompt = 0, shownCompletion = 0;
    double shownCost = 0;
    qint64 unstoredPrompt = 0, unstoredCompletion = 0;
    double unstoredCost = 0;

    bool isEmpty() const
    {
        return !progress && lines.isEmpty() && points.isEmpty() && shownPrompt == 0 && shownCompletion == 0
            && shownCost == 0 && unstoredPrompt == 0 && unstoredCompletion == 0 && unstoredCost == 0;
    }
};

// The JobContext of one run. Its reporting calls come from the job's thread (or any other) and only
// touch this object under its mutex; the queue's thread collects them every kFlushIntervalMs.
class RunContext final : public JobContext
{
public:
    RunContext(JobRecord job, QString databasePath) : m_job(std::move(job)), m_databasePath(std::move(databasePath)) {}

    const JobRecord &job() const override { return m_job; }
    bool canceled() const override { return m_stop.loadAcquire() != 0; }

    void progress(double fraction, const QString &text, qint64 etaSeconds) override
    {
        const QMutexLocker lock(&m_mutex);
        m_pending.progress = Pending::Progress{std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0), text,
                                               etaSeconds, nowMs()};
    }

    void log(const QString &line, JobLogStream stream) override
    {
        const qint64 at = nowMs();
        const QMutexLocker lock(&m_mutex);
        // One stored line per line of text, so a pasted block reads as it was printed.
        for (QString part : line.split(QLatin1Char('\n'))) {
            if (part.endsWith(QLatin1Char('\r')))
                part.chop(1);
            m_pending.lines.append(JobLogLine{0, m_job.id, at, stream, part});
        }
    }

    void metric(const QString &series, double step, double value) override
    {
        const QMutexLocker lock(&m_mutex);
        m_pending.points.append(JobMetricPoint{m_job.id, series, step, value});
    }

    void usage(qint64 promptTokens, qint64 completionTokens, double costUsd) override
    {
        // Paid requests are written at once, from the job's own thread on a connection of its own, so
        // a process killed right after an answer still has it counted. From any other thread (a
        // connection belongs to one thread) or when that write fails, the queue writes it at its next flush.
        bool stored = false;
        if (QThread::currentThread() == m_runnerThread.loadAcquire()) {
            if (!m_store) {
                m_store = std::make_unique<JobStore>();
                if (!m_store->open(m_databasePath))
                    m_store.reset();
            }
            if (m_store) {
                const Status written = m_store->addUsage(m_job.id, promptTokens, completionTokens, costUsd);
                stored = written.ok();
                if (!stored)
                    qCWarning(lcDistill) << "job" << m_job.id << "usage:" << written.error().toString();
            }
        }
        const QMutexLocker lock(&m_mutex);
        m_pending.shownPrompt += promptTokens;
        m_pending.shownCompletion += completionTokens;
        m_pending.shownCost += costUsd;
        if (!stored) {
            m_pending.unstoredPrompt += promptTokens;
            m_pending.unstoredCompletion += completionTokens;
            m_pending.unstoredCost += costUsd;
        }
    }

    void requestStop() { m_stop.storeRelease(1); }

    Pending take()
    {
        const QMutexLocker lock(&m_mutex);
        Pending taken = std::move(m_pending);
        m_pending = Pending();
        return taken;
    }
    // Usage the queue could not write either: kept for the next flush rather than lost.
    void giveBackUnstored(const Pending &pending)
    {
        const QMutexLocker lock(&m_mutex);
        m_pending.unstoredPrompt += pending.unstoredPrompt;
        m_pending.unstoredCompletion += pending.unstoredCompletion;
        m_pending.unstoredCost += pending.unstoredCost;
    }

    // On the job's thread.
    void runOn(QThread *thread) { m_runnerThread.storeRelease(thread); }
    void finish(JobOutcome outcome)
    {
        m_store.reset();   // its connection belongs to this thread: closed here
        const QMutexLocker lock(&m_mutex);
        m_outcome = std::move(outcome);
    }
    JobOutcome outcome() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_outcome.value_or(JobOutcome::failed(
            Error::make(Error::Kind::Generic, tr("The job's thread ended without an outcome."))));
    }

private:
    const JobRecord m_job;
    const QString m_databasePath;
    QAtomicInt m_stop{0};
    QAtomicPointer<QThread> m_runnerThread{nullptr};
    std::unique_ptr<JobStore> m_store;   // the job thread's own connection, for usage
    mutable QMutex m_mutex;
    Pending m_pending;
    std::optional<JobOutcome> m_outcome;
};

} // namespace

int ResourceLimits::limit(JobResource resource) const
{
    switch (resource) {
    case JobResource::Network: return network;
    case JobResource::Cpu: return cpu;
    case JobResource::Gpu: return gpu;
    }
    return 1;
}

struct JobQueue::Private
{
    enum class Stop { None, Shutdown, Pause, Cancel, Lost };   // a later one overrides an earlier one

    struct Run
    {
        quint64 serial = 0;
        JobRecord record;                       // the queue's current view; written at each flush
        std::shared_ptr<RunContext> context;
        QThread *thread = nullptr;
        Stop stop = Stop::None;
        qint64 firstProgressMs = -1;            // the ETA estimate: progress rate since the first report
        double firstProgress = 0;
    };

    JobQueue *q;
    RunnerLookup runners;
    const QString owner;   // this queue in the rows it runs
    JobStore store;
    ResourceLimits limits;
    RetryPolicy retryPolicy;
    bool started = false;
    bool dispatchPosted = false;
    bool lastPending = false;
    bool storeFailing = false;
    qint64 dataVersion = -1;
    quint64 nextSerial = 1;
    QHash<qint64, std::shared_ptr<Run>> running;
    QTimer wakeTimer;      // the next notBefore
    QTimer flushTimer;     // while jobs run
    QTimer pollTimer;      // changes by other connections

    static QString newOwner()
    {
        static QAtomicInteger<quint64> queues{0};
        return processOwner(QString::number(++queues));
    }

    explicit Private(JobQueue *queue, RunnerLookup lookup) : q(queue), runners(std::move(lookup)), owner(newOwner()) {}

    void fail(const Error &error)
    {
        qCWarning(lcDistill).noquote() << "job queue:" << error.toString();
        Q_EMIT q->storeFailed(error);
    }

    JobLogLine infoLine(qint64 id, const QString &text) const { return JobLogLine{0, id, nowMs(), JobLogStream::Info, text}; }

    // Writes a job's new state with the log line that says why, in one transaction, only while its
    // row is still in state `expected` (and, given `byOwner`, run by it): another process may have
    // changed it since it was read. False, with nothing written, when it had.
    Result<bool> save(const JobRecord &record, JobState expected, const QString &why, const QString &byOwner = QString())
    {
        QList<JobLogLine> lines;
        if (!why.isEmpty())
            lines.append(infoLine(record.id, why));
        const auto written = store.updateIf(record, expected, byOwner, lines);
        if (!written) {
            fail(written.error());
            return written.error();
        }
        if (!*written) {
            qCInfo(lcDistill).noquote() << "job" << record.id << "changed in another process; not written:"
                                        << jobStateKey(record.state) << why;
            return false;
        }
        qCInfo(lcDistill).noquote() << "job" << record.id << jobStateKey(record.state) << why;
        for (const JobLogLine &line : std::as_const(lines))
            Q_EMIT q->logAppended(line);
        Q_EMIT q->jobChanged(record);
        return true;
    }

    std::optional<JobRecord> load(qint64 id, Error *error)
    {
        if (auto it = running.constFind(id); it != running.constEnd())
            return (*it)->record;
        auto found = store.find(id);
        if (!found) {
            *error = found.error();
            return std::nullopt;
        }
        if (!*found)
            *error = Error::make(Error::Kind::Usage, tr("There is no job %1.").arg(id));
        return *found;
    }

    QList<JobRecord> all() const
    {
        auto listed = store.list();
        if (!listed) {
            qCWarning(lcDistill).noquote() << "job queue:" << listed.error().toString();
            return {};
        }
        QList<JobRecord> jobs = *listed;
        for (JobRecord &job : jobs)
            if (auto it = running.constFind(job.id); it != running.constEnd())
                job = (*it)->record;
        return jobs;
    }

    bool pendingIn(const QList<JobRecord> &jobs) const
    {
        if (!running.isEmpty())
            return true;
        QHash<qint64, const JobRecord *> byId;
        for (const JobRecord &job : jobs)
            byId.insert(job.id, &job);
        // Whether a job is Done or can still become Done without a person's step (memoised; the
        // graph is acyclic by construction).
        QHash<qint64, bool> memo;
        std::function<bool(qint64)> canFinish = [&](qint64 id) -> bool {
            if (auto it = memo.constFind(id); it != memo.constEnd())
                return *it;
            const JobRecord *job = byId.value(id);
            bool ok = false;
            if (job && job->state == JobState::Done) {
                ok = true;
            } else if (job && (job->state == JobState::Queued || job->state == JobState::Running)) {
                ok = std::all_of(job->dependsOn.begin(), job->dependsOn.end(), canFinish);
            }
            memo.insert(id, ok);
            return ok;
        };
        return std::any_of(jobs.begin(), jobs.end(),
                           [&](const JobRecord &job) { return job.state == JobState::Queued && canFinish(job.id); });
    }

    void checkDrained()
    {
        const bool pending = pendingIn(all());
        const bool drainedNow = lastPending && !pending;
        lastPending = pending;
        if (drainedNow)
            Q_EMIT q->drained();
    }

    void postDispatch()
    {
        if (dispatchPosted)
            return;
        dispatchPosted = true;
        QMetaObject::invokeMethod(q, [this] {
            dispatchPosted = false;
            dispatch();
        }, Qt::QueuedConnection);
    }

    void dispatch()
    {
        if (!started || !store.isOpen())
            return;
        const QList<JobRecord> jobs = all();
        QHash<qint64, JobState> states;
        for (const JobRecord &job : jobs)
            states.insert(job.id, job.state);
        // Jobs other queues on this database run take their slots too: they share this machine.
        std::array<int, 3> busy{};   // by JobResource
        for (const JobRecord &job : jobs)
            if (job.state == JobState::Running)
                ++busy[size_t(job.resource)];
        const qint64 now = nowMs();
        qint64 nextWake = 0;
        bool stale = false;
        for (const JobRecord &job : jobs) {
            if (job.state != JobState::Queued || running.contains(job.id))
                continue;
            const bool ready = std::all_of(job.dependsOn.begin(), job.dependsOn.end(),
                                           [&](qint64 dependency) { return states.value(dependency) == JobState::Done
                                                                            && states.contains(dependency); });
            if (!ready)
                continue;
            if (job.notBeforeMs > now) {
                nextWake = nextWake == 0 ? job.notBeforeMs : std::min(nextWake, job.notBeforeMs);
                continue;
            }
            if (busy[size_t(job.resource)] >= limits.limit(job.resource))
                continue;
            const Start started = startRun(job.id);
            if (started == Start::Started)
                ++busy[size_t(job.resource)];
            if (started == Start::Lost) {
                stale = true;   // another queue changed it since the list was read: decide again on a fresh one
                break;
            }
        }
        if (stale)
            postDispatch();
        if (nextWake > 0)
            wakeTimer.start(int(std::clamp<qint64>(nextWake - now + 1, 1, 24 * 3600 * 1000)));
        else
            wakeTimer.stop();
    }

    enum class Start { Started, Lost, Failed };

    // Claims the job in the store (only one queue can) and starts its run.
    Start startRun(qint64 jobId)
    {
        // The claim counts the attempt and clears the error kept while it waited: this run's outcome
        // decides what shows.
        const auto claimed = store.claim(jobId, owner, nowMs());
        if (!claimed) {
            fail(claimed.error());
            return Start::Failed;
        }
        if (!*claimed) {
            qCInfo(lcDistill) << "job" << jobId << "was taken or changed by another queue; not started";
            return Start::Lost;
        }
        const JobRecord record = **claimed;
        QList<JobLogLine> started{infoLine(record.id, tr("Attempt %1 of %2 started.").arg(record.attempts).arg(record.maxAttempts))};
        if (const Status logged = store.appendLogs(started); !logged)
            fail(logged.error());   // the run goes on: the line is all that is lost
        else
            Q_EMIT q->logAppended(started.first());
        qCInfo(lcDistill).noquote() << "job" << record.id << jobStateKey(record.state) << started.first().text;
        Q_EMIT q->jobChanged(record);

        auto run = std::make_shared<Run>();
        run->serial = nextSerial++;
        run->record = record;
        run->context = std::make_shared<RunContext>(record, store.path());
        JobRunner runner = runners ? runners(record.kind) : JobRunner();
        const qint64 id = record.id;
        const quint64 serial = run->serial;
        std::shared_ptr<RunContext> context = run->context;
        const JobKind kind = record.kind;
        JobQueue *queue = q;
        run->thread = QThread::create([context, runner, queue, id, serial, kind] {
            context->runOn(QThread::currentThread());
            JobOutcome outcome;
            if (!runner) {
                outcome = JobOutcome::failed(Error::make(Error::Kind::Usage,
                                                         tr("This build has no runner for %1 jobs.").arg(jobKindTitle(kind))));
            } else {
                // No exception crosses a thread: a runner that throws fails its job.
                try {
                    outcome = runner(*context);
                } catch (const std::exception &e) {
                    outcome = JobOutcome::failed(Error::make(Error::Kind::Generic, tr("The job stopped with an internal error."),
                                                             QString::fromLocal8Bit(e.what())));
                } catch (...) {
                    outcome = JobOutcome::failed(Error::make(Error::Kind::Generic, tr("The job stopped with an internal error.")));
                }
            }
            context->finish(std::move(outcome));
            // The queue outlives every job thread (its destructor joins them), so posting to it is safe.
            QMetaObject::invokeMethod(queue, [queue, id, serial] { queue->d->reap(id, serial); }, Qt::QueuedConnection);
        });
        run->thread->setObjectName(QStringLiteral("DistillJob%1").arg(id));
        running.insert(id, run);
        if (!flushTimer.isActive())
            flushTimer.start();
        run->thread->start();
        return Start::Started;
    }

    // Applies what a run reported since the last flush; returns the lines to write (ids unset).
    bool collect(Run &run, Pending &pending, QList<JobLogLine> &lines, QList<JobMetricPoint> &points)
    {
        pending = run.context->take();
        if (pending.isEmpty())
            return false;
        JobRecord &r = run.record;
        if (pending.progress) {
            const Pending::Progress &p = *pending.progress;
            r.progress = p.fraction;
            if (!p.text.isEmpty())
                r.progressText = p.text;
            if (p.etaSeconds >= 0) {
                r.etaSeconds = p.etaSeconds;
            } else if (run.firstProgressMs < 0) {
                run.firstProgressMs = p.atMs;
                run.firstProgress = p.fraction;
                r.etaSeconds = -1;
            } else {
                const double done = p.fraction - run.firstProgress;
                const qint64 elapsed = p.atMs - run.firstProgressMs;
                // Only from a second of this run on: the first moments say little about the rate.
                if (done > 0 && elapsed >= 1000)
                    r.etaSeconds = qint64(std::ceil((1.0 - p.fraction) * double(elapsed) / done / 1000.0));
            }
        }
        r.promptTokens += pending.shownPrompt;
        r.completionTokens += pending.shownCompletion;
        r.costUsd += pending.shownCost;
        lines += pending.lines;
        points += pending.points;
        return true;
    }

    // Writes everything the running jobs reported, in one transaction, then tells the listeners.
    void flushAll()
    {
        QList<JobLogLine> lines;
        QList<JobMetricPoint> points;
        QList<JobRecord> records;
        QList<std::pair<std::shared_ptr<Run>, Pending>> taken;
        for (const auto &run : std::as_const(running)) {
            Pending pending;
            if (collect(*run, pending, lines, points)) {
                records.append(run->record);
                taken.append({run, std::move(pending)});
            }
        }
        if (records.isEmpty())
            return;
        write(lines, points, records, taken);
    }

    void write(QList<JobLogLine> &lines, const QList<JobMetricPoint> &points, const QList<JobRecord> &records,
               const QList<std::pair<std::shared_ptr<Run>, Pending>> &taken)
    {
        bool usageFailed = false;
        for (const auto &entry : taken) {
            const Pending &p = entry.second;
            if (p.unstoredPrompt == 0 && p.unstoredCompletion == 0 && p.unstoredCost == 0)
                continue;
            const Status stored = store.addUsage(entry.first->record.id, p.unstoredPrompt, p.unstoredCompletion, p.unstoredCost);
            if (!stored) {
                entry.first->context->giveBackUnstored(p);
                usageFailed = true;
                reportStore(stored);
            }
        }
        QList<qint64> lost;
        const Status written = store.writeBatch(lines, points, records, owner, &lost);
        reportStore(written);
        if (!written)
            return;   // the lines and points are lost; the records are written again at the next change
        if (!usageFailed)
            storeFailing = false;
        for (qint64 id : std::as_const(lost))
            loseRun(id);
        for (const JobLogLine &line : std::as_const(lines))
            Q_EMIT q->logAppended(line);
        for (const JobMetricPoint &point : points)
            Q_EMIT q->metricAppended(point);
        for (const JobRecord &record : records)
            if (!lost.contains(record.id))
                Q_EMIT q->jobChanged(record);
    }

    // The row of a job this queue runs is no longer its own (written over by someone who took this
    // queue for dead): the run stops, so the job does not run twice, and its end is not written.
    void loseRun(qint64 id)
    {
        const auto run = running.value(id);
        if (!run || run->stop == Stop::Lost)
            return;
        qCWarning(lcDistill) << "job" << id << "is no longer this queue's in the database; stopping its run";
        requestStop(*run, Stop::Lost);
        Q_EMIT q->jobsChanged();
    }

    // A failing database is reported once, not at every flush.
    void reportStore(const Status &status)
    {
        if (status.ok())
            return;
        if (!storeFailing)
            fail(status.error());
        else
            qCWarning(lcDistill).noquote() << "job queue:" << status.error().toString();
        storeFailing = true;
    }

    void flushOne(const std::shared_ptr<Run> &run)
    {
        QList<JobLogLine> lines;
        QList<JobMetricPoint> points;
        Pending pending;
        if (!collect(*run, pending, lines, points))
            return;
        QList<std::pair<std::shared_ptr<Run>, Pending>> taken{{run, std::move(pending)}};
        write(lines, points, {run->record}, taken);
    }

    qint64 backoffMs(int attempts) const
    {
        qint64 delay = std::max<qint64>(retryPolicy.baseMs, 0);
        for (int i = 1; i < attempts && delay < retryPolicy.maxMs; ++i)
            delay *= 2;
        return std::min(delay, retryPolicy.maxMs);
    }

    // A run's thread has ended: write its last reports and its outcome.
    void reap(qint64 id, quint64 serial)
    {
        const auto it = running.constFind(id);
        if (it == running.constEnd() || (*it)->serial != serial)
            return;   // already reaped by shutdown()
        const std::shared_ptr<Run> run = *it;
        run->thread->wait();   // it posted this as its last step
        delete run->thread;
        run->thread = nullptr;
        flushOne(run);
        running.remove(id);
        if (running.isEmpty())
            flushTimer.stop();

        JobRecord r = run->record;
        const JobOutcome outcome = run->context->outcome();
        const qint64 now = nowMs();
        r.finishedMs = now;
        r.etaSeconds = -1;
        const QString attempt = tr("Attempt %1 of %2").arg(r.attempts).arg(r.maxAttempts);
        const QString reason = outcome.error.kind == Error::Kind::Canceled || outcome.error.message.isEmpty()
            ? QString()
            : clause(outcome.error);
        QString why;
        if (outcome.end == JobOutcome::End::Done) {
            r.state = JobState::Done;
            r.result = outcome.result;
            r.error.clear();
            r.progress = 1.0;
            why = tr("%1 finished: done.").arg(attempt);
        } else if (run->stop == Stop::Cancel) {
            r.state = JobState::Canceled;
            why = reason.isEmpty() ? tr("Canceled while it ran.") : tr("Canceled while it ran (it ended with: %1).").arg(reason);
        } else if (run->stop == Stop::Pause) {
            // Stopped by the person, not by a failure: the run does not count against maxAttempts.
            r.state = JobState::Paused;
            --r.attempts;
            why = tr("Paused; it resumes from what it stored.");
        } else if (run->stop == Stop::Shutdown) {
            r.state = JobState::Queued;
            --r.attempts;
            why = tr("Stopped because the queue shut down; queued again for the next start.");
        } else if (outcome.end == JobOutcome::End::Canceled) {
            r.state = JobState::Canceled;
            why = tr("%1 ended: the job canceled itself.").arg(attempt);
        } else if (outcome.end == JobOutcome::End::Failed) {
            r.state = JobState::Failed;
            r.error = outcome.error.message;
            why = tr("%1 failed: %2.").arg(attempt, clause(outcome.error));
        } else if (r.attempts < r.maxAttempts) {
            const qint64 delay = std::max(backoffMs(r.attempts), outcome.retryAfterMs);
            r.state = JobState::Queued;
            r.error = outcome.error.message;
            r.notBeforeMs = now + delay;
            why = tr("%1 failed: %2; retrying in %3.").arg(attempt, clause(outcome.error), formatDelay(delay));
        } else {
            r.state = JobState::Failed;
            r.error = outcome.error.message;
            why = tr("%1 failed: %2; no attempts left.").arg(attempt, clause(outcome.error));
        }
        if (run->stop == Stop::Lost) {
            qCInfo(lcDistill) << "job" << id << "run ended; its row belongs to someone else now: not written";
        } else if (const auto saved = save(r, JobState::Running, why, owner); saved && !*saved) {
            qCWarning(lcDistill) << "job" << id << "changed in another process while it ran; its end is not written";
            Q_EMIT q->jobsChanged();
        }
        postDispatch();
        checkDrained();
    }

    Status requireOpen() const
    {
        if (!store.isOpen())
            return Error::make(Error::Kind::Usage, tr("The job queue is not open."));
        return {};
    }

    Error wrongState(const JobRecord &job, const QString &action) const
    {
        return Error::make(Error::Kind::Usage, tr("Job %1 is %2; it cannot be %3.")
                                                   .arg(job.id)
                                                   .arg(jobStateTitle(job.state).toLower(), action));
    }

    // Asks a running job to stop; its outcome, when its thread ends, takes it to the state asked for.
    void requestStop(Run &run, Stop stop)
    {
        run.stop = std::max(run.stop, stop);
        run.context->requestStop();
    }

    void pollExternal()
    {
        // A dead queue writes nothing, so this does not wait for the data version to change.
        reportStore(recoverDead());
        const qint64 version = store.dataVersion();
        if (version == dataVersion)
            return;
        dataVersion = version;
        followStopRequests();
        Q_EMIT q->jobsChanged();
        postDispatch();
        checkDrained();
    }

    // A job's queue is alive: this one (and the job is among its runs), or another whose process runs.
    bool stillRunning(qint64 id, const QString &who) const
    {
        if (who == owner)
            return running.contains(id);
        return !who.isEmpty() && ownerAlive(who);
    }

    // Queues again (or cancels / pauses, as had been asked) the Running jobs whose queue is gone.
    Status recoverDead()
    {
        const auto recovered = store.recoverInterrupted([this](qint64 id, const QString &who) { return stillRunning(id, who); });
        if (!recovered)
            return recovered.error();
        if (recovered->isEmpty())
            return {};
        QList<JobLogLine> lines;
        for (qint64 id : *recovered) {
            const auto found = store.find(id);
            const JobState state = found && *found ? (*found)->state : JobState::Queued;
            const QString what = state == JobState::Canceled ? tr("Interrupted: the app stopped while this job ran; canceled, as had been asked.")
                : state == JobState::Paused                  ? tr("Interrupted: the app stopped while this job ran; paused, as had been asked.")
                                                             : tr("Interrupted: the app stopped while this job ran; queued again.");
            lines.append(infoLine(id, what));
        }
        if (Status logged = store.appendLogs(lines); !logged)
            return logged;
        qCInfo(lcDistill) << "job queue: the queue running them is gone; recovered:" << *recovered;
        for (const JobLogLine &line : std::as_const(lines))
            Q_EMIT q->logAppended(line);
        Q_EMIT q->jobsChanged();
        postDispatch();
        checkDrained();
        return {};
    }

    // Cancel / pause that another process asked for jobs this queue runs: they stop as a local call
    // would stop them. The request stays in the row until the run's end is written.
    void followStopRequests()
    {
        if (running.isEmpty())
            return;
        const auto requests = store.stopRequests(owner);
        if (!requests) {
            reportStore(requests.error());
            return;
        }
        for (auto it = requests->constBegin(); it != requests->constEnd(); ++it) {
            const auto run = running.value(it.key());
            const Stop stop = it.value() ? Stop::Cancel : Stop::Pause;
            if (!run || run->stop >= stop)
                continue;
            qCInfo(lcDistill) << "job" << it.key() << "stopping: another process asked to" << (it.value() ? "cancel" : "pause");
            requestStop(*run, stop);
        }
    }

    // Another live queue runs the job: asks it to stop. True when asked, false when the job no
    // longer runs (read it again).
    Result<bool> askToStop(qint64 id, bool cancel)
    {
        JobLogLine line = infoLine(id, cancel ? tr("Asked the process running it to stop (cancel).")
                                              : tr("Asked the process running it to stop (pause)."));
        const auto asked = store.requestStop(id, cancel, line);
        if (!asked)
            return asked.error();
        switch (*asked) {
        case StopAsk::Asked:
            qCInfo(lcDistill).noquote() << "job" << id << line.text;
            Q_EMIT q->logAppended(line);
            return true;
        case StopAsk::NotRunning:
            return false;
        case StopAsk::BeingCanceled:
            break;
        }
        return Error::make(Error::Kind::Usage, tr("Job %1 is being canceled; it cannot be paused.").arg(id));
    }

    // One steering step on a job this queue does not run, on a fresh read of its row. The step's
    // write is guarded (it lands only if the row did not change since the read); when another
    // process changed it first, the step is decided again on what that process wrote.
    Status steer(qint64 id, const std::function<Result<bool>(JobRecord &)> &step)
    {
        for (int i = 0; i < kSteerTries; ++i) {
            if (Status recovered = recoverDead(); !recovered)
                return recovered;
            Error error;
            auto job = load(id, &error);
            if (!job)
                return error;
            const auto done = step(*job);
            if (!done)
                return done.error();
            if (*done) {
                checkDrained();
                postDispatch();
                return {};
            }
        }
        return Error::make(Error::Kind::Usage, tr("Job %1 keeps changing in another process; try again.").arg(id));
    }
};

JobQueue::JobQueue(RunnerLookup runners, QObject *parent) : QObject(parent), d(std::make_unique<Private>(this, std::move(runners)))
{
    d->wakeTimer.setSingleShot(true);
    d->wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&d->wakeTimer, &QTimer::timeout, this, [this] { d->dispatch(); });
    d->flushTimer.setInterval(kFlushIntervalMs);
    connect(&d->flushTimer, &QTimer::timeout, this, [this] { d->flushAll(); });
    d->pollTimer.setInterval(kExternalPollMs);
    connect(&d->pollTimer, &QTimer::timeout, this, [this] { d->pollExternal(); });
}

JobQueue::~JobQueue()
{
    shutdown();
    // A runner that ignored the request past the timeout is still waited for: its thread uses this queue.
    const QList<qint64> ids = d->running.keys();
    for (qint64 id : ids) {
        const auto run = d->running.value(id);
        if (!run)
            continue;
        run->thread->wait();
        d->reap(id, run->serial);
    }
}

Status JobQueue::open(const QString &databasePath)
{
    if (!d->running.isEmpty())
        return Error::make(Error::Kind::Usage, tr("The job queue cannot switch databases while jobs run."));
    d->pollTimer.stop();
    if (Status opened = d->store.open(databasePath); !opened)
        return opened;
    // Only jobs whose queue is gone: another process (the app, `jobs run`) may be running the others.
    if (Status recovered = d->recoverDead(); !recovered)
        return recovered;
    d->dataVersion = d->store.dataVersion();
    d->lastPending = d->pendingIn(d->all());
    d->pollTimer.start();
    Q_EMIT jobsChanged();
    d->postDispatch();
    return {};
}

bool JobQueue::isOpen() const { return d->store.isOpen(); }

QString JobQueue::databasePath() const { return d->store.path(); }

void JobQueue::setLimits(const ResourceLimits &limits)
{
    d->limits = limits;
    d->postDispatch();
}

ResourceLimits JobQueue::limits() const { return d->limits; }

void JobQueue::setRetryPolicy(const RetryPolicy &policy) { d->retryPolicy = policy; }

void JobQueue::start()
{
    d->started = true;
    d->postDispatch();
}

void JobQueue::stop()
{
    d->started = false;
    d->wakeTimer.stop();
}

bool JobQueue::isStarted() const { return d->started; }

bool JobQueue::shutdown(int timeoutMs)
{
    stop();
    for (const auto &run : std::as_const(d->running))
        d->requestStop(*run, Private::Stop::Shutdown);
    const QDeadlineTimer deadline(timeoutMs);
    bool allEnded = true;
    const QList<qint64> ids = d->running.keys();
    for (qint64 id : ids) {
        const auto run = d->running.value(id);
        if (!run)
            continue;
        if (run->thread->wait(deadline))
            d->reap(id, run->serial);
        else
            allEnded = false;
    }
    if (!allEnded)
        qCWarning(lcDistill) << "job queue: some jobs did not stop within" << timeoutMs << "ms";
    return allEnded;
}

Result<qint64> JobQueue::add(const JobSpec &spec)
{
    if (Status open = d->requireOpen(); !open)
        return open.error();
    auto id = d->store.add(spec, nowMs());
    if (!id)
        return id.error();
    Q_EMIT jobsChanged();
    d->checkDrained();
    d->postDispatch();
    return id;
}

Result<QList<qint64>> JobQueue::addPipeline(const PipelineSpec &pipeline)
{
    if (Status open = d->requireOpen(); !open)
        return open.error();
    auto ids = d->store.addPipeline(pipeline, nowMs());
    if (!ids)
        return ids.error();
    Q_EMIT jobsChanged();
    d->checkDrained();
    d->postDispatch();
    return ids;
}

Status JobQueue::pause(qint64 id)
{
    if (Status open = d->requireOpen(); !open)
        return open;
    if (auto it = d->running.constFind(id); it != d->running.constEnd()) {
        if ((*it)->stop == Private::Stop::Cancel)
            return Error::make(Error::Kind::Usage, tr("Job %1 is being canceled; it cannot be paused.").arg(id));
        d->requestStop(**it, Private::Stop::Pause);
        return {};
    }
    return d->steer(id, [this](JobRecord &job) -> Result<bool> {
        if (job.state == JobState::Running)
            return d->askToStop(job.id, false);
        if (job.state != JobState::Queued)
            return d->wrongState(job, tr("paused"));
        job.state = JobState::Paused;
        return d->save(job, JobState::Queued, tr("Paused by hand."));
    });
}

Status JobQueue::resume(qint64 id)
{
    if (Status open = d->requireOpen(); !open)
        return open;
    if (d->running.contains(id))
        return Error::make(Error::Kind::Usage, tr("Job %1 is still stopping; resume it once it is paused.").arg(id));
    return d->steer(id, [this](JobRecord &job) -> Result<bool> {
        if (job.state != JobState::Paused)
            return d->wrongState(job, tr("resumed"));
        job.state = JobState::Queued;
        return d->save(job, JobState::Paused, tr("Resumed: queued again."));
    });
}

Status JobQueue::cancel(qint64 id)
{
    if (Status open = d->requireOpen(); !open)
        return open;
    if (auto it = d->running.constFind(id); it != d->running.constEnd()) {
        d->requestStop(**it, Private::Stop::Cancel);
        return {};
    }
    return d->steer(id, [this](JobRecord &job) -> Result<bool> {
        if (job.state == JobState::Running)
            return d->askToStop(job.id, true);
        if (job.state != JobState::Queued && job.state != JobState::Paused)
            return d->wrongState(job, tr("canceled"));
        const JobState from = job.state;
        job.state = JobState::Canceled;
        job.finishedMs = nowMs();
        job.etaSeconds = -1;
        return d->save(job, from, tr("Canceled by hand."));
    });
}

Status JobQueue::retry(qint64 id)
{
    if (Status open = d->requireOpen(); !open)
        return open;
    return d->steer(id, [this](JobRecord &job) -> Result<bool> {
        if (job.state != JobState::Failed && job.state != JobState::Canceled)
            return d->wrongState(job, tr("retried"));
        const JobState from = job.state;
        job.state = JobState::Queued;
        job.attempts = 0;
        job.notBeforeMs = 0;
        job.finishedMs = 0;
        return d->save(job, from, tr("Retry asked: queued again with %n attempt(s).", nullptr, job.maxAttempts));
    });
}

Status JobQueue::move(qint64 id, int toIndex)
{
    if (Status open = d->requireOpen(); !open)
        return open;
    if (Status moved = d->store.move(id, toIndex); !moved)
        return moved;
    Q_EMIT jobsChanged();
    d->postDispatch();
    return {};
}

Status JobQueue::remove(qint64 id)
{
    if (Status open = d->requireOpen(); !open)
        return open;
    if (d->running.contains(id))
        return Error::make(Error::Kind::Usage, tr("Job %1 is running; only a finished job can be removed.").arg(id));
    if (Status recovered = d->recoverDead(); !recovered)   // a dead queue's job is not running any more
        return recovered;
    if (Status removed = d->store.remove(id); !removed)
        return removed;
    Q_EMIT jobsChanged();
    d->checkDrained();
    return {};
}

QList<JobRecord> JobQueue::jobs() const { return d->all(); }

std::optional<JobRecord> JobQueue::job(qint64 id) const
{
    if (auto it = d->running.constFind(id); it != d->running.constEnd())
        return (*it)->record;
    auto found = d->store.find(id);
    if (!found) {
        qCWarning(lcDistill).noquote() << "job queue:" << found.error().toString();
        return std::nullopt;
    }
    return *found;
}

QList<JobLogLine> JobQueue::logs(qint64 id, qint64 afterLogId, int limit) const
{
    auto lines = d->store.logs(id, afterLogId, limit);
    if (!lines) {
        qCWarning(lcDistill).noquote() << "job queue:" << lines.error().toString();
        return {};
    }
    return *lines;
}

QList<JobMetricPoint> JobQueue::metrics(qint64 id) const
{
    auto points = d->store.metrics(id);
    if (!points) {
        qCWarning(lcDistill).noquote() << "job queue:" << points.error().toString();
        return {};
    }
    return *points;
}

bool JobQueue::hasPendingWork() const { return d->pendingIn(d->all()); }

bool JobQueue::isRunningHere(qint64 id) const { return d->running.contains(id); }

QString JobQueue::ownerIdentity() const { return d->owner; }

} // namespace apedesk::distill
