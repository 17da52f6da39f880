#pragma once
// The job queue's persistence: jobs, their dependencies, logs and metric curves in SQLite (WAL), in
// tables prefixed distill_ so they can share the app's apedesk.sqlite. One JobStore is one connection
// and belongs to the thread that opened it (Qt SQL connections are per thread); open another JobStore
// on the same file for another thread.
//
// Usage accounting (tokens, cost) is only ever added to (addUsage), never written back from a record,
// so a paid request counted from a job's worker thread is not undone by the queue's next update().
//
// Several processes share the file (the app, `apedesk-cli jobs ...`). A Running row names the queue
// running it (owner, see processOwner()); it is taken with claim(), which only one connection can win,
// and the owner's own writes are guarded by it, so another process never runs a job twice and never
// has a state it wrote (cancel, pause) overwritten. Only rows whose owner is gone are recovered.
// Another process asks the owner to stop a job through requestStop() (the row's `requested` column).

#include "jobtypes.h"

#include <QHash>
#include <QList>
#include "common/processowner.h"

#include <QString>

#include <functional>
#include <optional>

namespace apedesk::distill {

// Who runs a job: processOwner() with the queue's tag; ownerAlive() says whether it still runs.
using apedesk::ownerAlive;
using apedesk::processOwner;

enum class StopAsk { Asked, NotRunning, BeingCanceled };

class JobStore
{
public:
    JobStore();
    ~JobStore();
    JobStore(const JobStore &) = delete;
    JobStore &operator=(const JobStore &) = delete;

    // Opens (creates) the file and the tables. Reopening closes the previous connection first.
    Status open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    // New jobs get state Queued, createdMs = nowMs and the next positions at the end of the queue.
    Result<qint64> add(const JobSpec &spec, qint64 nowMs);
    // One transaction: every job or none. dependsOnIndex refers to earlier jobs of the same spec; a
    // job's empty `pipeline` becomes the pipeline's name. Ids are returned in the spec's order.
    Result<QList<qint64>> addPipeline(const PipelineSpec &pipeline, qint64 nowMs);

    Result<std::optional<JobRecord>> find(qint64 id) const;
    Result<QList<JobRecord>> list() const;   // queue order: position, then id

    // Writes what changes while a job lives: state, attempts, maxAttempts, progress, progressText,
    // etaSeconds, error, result, startedMs, finishedMs, notBeforeMs. Not position (move()), not usage
    // (addUsage()), not what the job is (kind, params, dependencies). A state other than Running
    // clears the row's owner and stop request.
    Status update(const JobRecord &record);
    // update() with `lines` (ids set), in one transaction, only while the row is still in state
    // `expected` and, when `owner` is not empty, owned by it. False, with nothing written, when another
    // connection changed the row first.
    Result<bool> updateIf(const JobRecord &record, JobState expected, const QString &owner, QList<JobLogLine> &lines);
    // Takes a Queued job whose notBefore has come for `owner`: Running, one attempt more, started now,
    // the previous error cleared. nullopt when it is no longer Queued (another process took it first)
    // or must still wait; otherwise the record as written.
    Result<std::optional<JobRecord>> claim(qint64 id, const QString &owner, qint64 nowMs);
    // The owner of a Running job (empty when none is recorded); nullopt when the job is not Running.
    Result<std::optional<QString>> runningOwner(qint64 id) const;
    // Asks the owner of Running job `id` to stop it (cancel, or pause when `cancel` is false), with
    // `line` in its log. A cancel overrides a pause, not the other way round.
    Result<StopAsk> requestStop(qint64 id, bool cancel, JobLogLine &line);
    // The stop requests for jobs `owner` runs: job id → true for cancel, false for pause. They stay
    // until the owner writes the job's end (a state other than Running clears them).
    Result<QHash<qint64, bool>> stopRequests(const QString &owner) const;
    Status addUsage(qint64 id, qint64 promptTokens, qint64 completionTokens, double costUsd);

    // A batch of lines or points in one transaction. appendLogs sets each line's id.
    Status appendLogs(QList<JobLogLine> &lines);
    Status appendMetrics(const QList<JobMetricPoint> &points);
    // Everything a running job reported since the last flush, in one transaction: its lines (ids set),
    // points and changed records. With an `owner`, a record is only written while its row is Running
    // and owned by it; the others are left as they are (their ids go to `skipped` when given).
    Status writeBatch(QList<JobLogLine> &lines, const QList<JobMetricPoint> &points, const QList<JobRecord> &records,
                      const QString &owner = QString(), QList<qint64> *skipped = nullptr);

    // Lines with id > afterId in id order; limit 0: all.
    Result<QList<JobLogLine>> logs(qint64 jobId, qint64 afterId = 0, int limit = 0) const;
    Result<QList<JobMetricPoint>> metrics(qint64 jobId) const;   // in the order they were written

    // Moves a job to `toIndex` of the queue order (clamped) and renumbers every position 0..n−1.
    Status move(qint64 id, int toIndex);
    // Only a finished job that no unfinished job depends on; its logs, metrics and dependency rows go too.
    Status remove(qint64 id);
    // Jobs left Running by a queue that ended without stopping them → Queued, or Canceled / Paused when
    // that had been asked (requestStop). Which rows: those `stillRunning(id, owner)` says are not
    // running; by default those whose owner is empty or not alive (ownerAlive). Their ids.
    Result<QList<qint64>> recoverInterrupted(const std::function<bool(qint64, const QString &)> &stillRunning = {});

    // Changes when another connection (another JobStore, another process) commits. -1 on error.
    qint64 dataVersion() const;

private:
    Status transaction(const std::function<Status()> &work);
    Result<qint64> insertJob(const JobSpec &spec, const QList<qint64> &dependencies, const QString &pipeline,
                             int position, qint64 nowMs);
    Status insertLogs(QList<JobLogLine> &lines);
    Status insertMetrics(const QList<JobMetricPoint> &points);
    Result<bool> updateRow(const JobRecord &record, std::optional<JobState> expected = std::nullopt,
                           const QString &owner = QString());

    QString m_connection;
    QString m_path;
};

} // namespace apedesk::distill
