#pragma once
// The queue engine: the job store (SQLite, WAL, in the given database) plus the scheduler that starts
// runnable jobs on worker threads within the per-resource limits, retries transient failures with
// backoff, and follows pause / resume / cancel / retry / reorder. Everything a job reports is written
// to the store as it happens, so a queue killed at any moment reopens with its jobs, logs and curves;
// jobs that were running are queued again (their runners resume from what they stored).
//
// A job is runnable when it is Queued, its notBefore time has come, and every dependency is Done.
// A job whose dependency Failed or was Canceled stays Queued (blocked) until that one is retried.
// Runnable jobs start in queue order (position, then id) while their resource has a free slot.
//
// Threading: a JobQueue lives on one thread with an event loop (the JobQueueService's, or the CLI's
// main thread); call it from there. Each running job gets a thread of its own.
//
// Several processes may share one database (the app and `apedesk-cli jobs ...`), and so may several
// queues of one process. A queue takes a job atomically (only one can), marks it as its own, and
// never writes over what another queue changed meanwhile. Opening, and a poll about once a second,
// queue again only the jobs whose owner process is gone (killed, crashed): a live queue keeps its
// running jobs, and picks up those of a queue that died. Cancel and pause reach a job another live
// queue runs through the database; it stops the job within about a second. Resource limits count
// the running jobs of every queue on the database.

#include "jobtypes.h"

#include <QObject>

#include <memory>
#include <optional>

namespace apedesk::distill {

struct ResourceLimits
{
    int network = 1;   // one paid API stream at a time (its rate limit is the job's own)
    int cpu = 2;
    int gpu = 1;
    int limit(JobResource resource) const;
};

struct RetryPolicy
{
    qint64 baseMs = 5000;      // attempt n waits baseMs · 2^(n−1), at most maxMs
    qint64 maxMs = 300000;     // … unless the job asked for longer (Retry-After)
};

class JobStore;

class JobQueue : public QObject
{
    Q_OBJECT
public:
    // `runners`: the runner for each kind; defaultRunners() (jobrunners.h) in the product.
    explicit JobQueue(RunnerLookup runners, QObject *parent = nullptr);
    ~JobQueue() override;   // cancels running jobs and waits for their threads

    // Opens (creates) the store and queues again the jobs a crash left Running (those whose owner
    // process is gone). The dispatcher is stopped until start() is called.
    Status open(const QString &databasePath);
    bool isOpen() const;
    QString databasePath() const;

    void setLimits(const ResourceLimits &limits);
    ResourceLimits limits() const;
    void setRetryPolicy(const RetryPolicy &policy);

    // Dispatching: start() begins starting runnable jobs; stop() starts no new ones (running jobs go
    // on); shutdown() cancels the running ones and waits up to `timeoutMs` for them.
    void start();
    void stop();
    bool isStarted() const;
    bool shutdown(int timeoutMs = 10000);

    Result<qint64> add(const JobSpec &spec);
    Result<QList<qint64>> addPipeline(const PipelineSpec &pipeline);   // ids in the spec's order

    // Steering. Errors name why (no such job, not in a state that allows it). Pause and cancel of a
    // job another live queue runs ask that queue to stop it and return at once; the job's state
    // changes when that queue has stopped it. Resume, retry and remove refuse a running job wherever it runs.
    Status pause(qint64 id);      // Queued → Paused; Running → stopped, then Paused (resumes from its stored state)
    Status resume(qint64 id);     // Paused → Queued
    Status cancel(qint64 id);     // Queued / Paused / Running → Canceled (a running child process is stopped)
    Status retry(qint64 id);      // Failed / Canceled → Queued, attempts reset, error kept until it runs
    Status move(qint64 id, int toIndex);   // a new place in the queue order (0 = first)
    Status remove(qint64 id);     // a finished job (and its logs and metrics) nobody depends on

    QList<JobRecord> jobs() const;                       // queue order
    std::optional<JobRecord> job(qint64 id) const;
    QList<JobLogLine> logs(qint64 id, qint64 afterLogId = 0, int limit = 0) const;
    QList<JobMetricPoint> metrics(qint64 id) const;
    // The job runs in this queue (not in another process's, or another queue's, on the same database).
    bool isRunningHere(qint64 id) const;
    // Who this queue is in the database's owner column: processOwner() (jobstore.h) with a tag of its own.
    QString ownerIdentity() const;
    // Some job is running, or queued (or waiting for its retry time) with dependencies that can still
    // all be Done. `jobs run` ends when this turns false.
    bool hasPendingWork() const;

Q_SIGNALS:
    void jobChanged(apedesk::distill::JobRecord job);        // any field of one job (progress at most ~10/s per job)
    void jobsChanged();                                      // jobs added, removed or reordered
    void logAppended(apedesk::distill::JobLogLine line);
    void metricAppended(apedesk::distill::JobMetricPoint point);
    void drained();                                          // hasPendingWork() became false
    void storeFailed(apedesk::Error error);                  // the database refused a write

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace apedesk::distill
