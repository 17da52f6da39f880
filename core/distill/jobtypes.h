#pragma once
// The distillation job queue's vocabulary: what a job is (kind, state, the resource it occupies, its
// parameters and dependencies), what it reports while it runs (JobContext) and how it ends
// (JobOutcome). A job's runner is a plain function run on a worker thread of its own; it sees only its
// record and its context, so each kind can be tested without the queue.

#include "common/error.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>

namespace apedesk::distill {

enum class JobKind { Teacher, Prepare, FineTune, Fuse, Convert, Quantize, Register, Evaluate };
enum class JobState { Queued, Running, Paused, Failed, Done, Canceled };
// What a job occupies while it runs; the queue limits how many jobs run at once per resource.
enum class JobResource { Network, Cpu, Gpu };

// Stable keys for the database, the CLI and JSON: "teacher", "prepare", "finetune", "fuse", "convert",
// "quantize", "register", "evaluate"; "queued", "running", "paused", "failed", "done", "canceled";
// "network", "cpu", "gpu".
QString jobKindKey(JobKind kind);
std::optional<JobKind> jobKindFromKey(const QString &key);
QString jobStateKey(JobState state);
std::optional<JobState> jobStateFromKey(const QString &key);
QString jobResourceKey(JobResource resource);
std::optional<JobResource> jobResourceFromKey(const QString &key);
// For people (translated).
QString jobKindTitle(JobKind kind);
QString jobStateTitle(JobState state);
QList<JobKind> allJobKinds();

// Teacher → network (a paid API), Evaluate and FineTune → GPU (the model runs on the local
// accelerator), the rest → CPU.
JobResource defaultResource(JobKind kind);

struct JobSpec
{
    JobKind kind = JobKind::Prepare;
    QString title;                       // empty: the kind's title
    QJsonObject params;                  // the kind's parameters (jobparams.h)
    QList<qint64> dependsOn;             // ids of jobs that must be Done first
    QList<int> dependsOnIndex;           // within a PipelineSpec only: indexes of earlier jobs in it
    QString pipeline;                    // the pipeline a job belongs to; empty for a lone job
    int maxAttempts = 3;                 // runs before a transiently failing job is Failed for good
    std::optional<JobResource> resource; // default: defaultResource(kind)
};

// A whole chain, added in one transaction.
struct PipelineSpec
{
    QString name;
    QList<JobSpec> jobs;                 // dependencies by dependsOnIndex (each index < its own)
};

struct JobRecord
{
    qint64 id = 0;
    JobKind kind = JobKind::Prepare;
    QString title;
    JobState state = JobState::Queued;
    JobResource resource = JobResource::Cpu;
    QJsonObject params;
    QList<qint64> dependsOn;
    QString pipeline;
    int position = 0;                    // queue order: lower runs first among runnable jobs
    int attempts = 0;                    // runs started so far
    int maxAttempts = 3;
    double progress = 0;                 // 0..1
    QString progressText;                // "Sample 12 of 100", "Iter 120: train loss 1.234"
    qint64 etaSeconds = -1;              // -1: unknown
    qint64 promptTokens = 0;             // accounting, summed over all attempts
    qint64 completionTokens = 0;
    double costUsd = 0;
    QString error;                       // the last failure in words (kept while it is retried)
    QJsonObject result;                  // what a Done job produced (paths, counts, figures)
    qint64 createdMs = 0;                // unix milliseconds; 0: not yet
    qint64 startedMs = 0;                // the latest run's start
    qint64 finishedMs = 0;
    qint64 notBeforeMs = 0;              // a retry waits until then (backoff / Retry-After)

    bool isFinished() const { return state == JobState::Done || state == JobState::Failed || state == JobState::Canceled; }
    QJsonObject toJson() const;          // for `jobs list --json`: keys as the database columns
};

enum class JobLogStream { Info, Out, Err };
struct JobLogLine
{
    qint64 id = 0;                       // increasing per database
    qint64 jobId = 0;
    qint64 timeMs = 0;
    JobLogStream stream = JobLogStream::Info;
    QString text;                        // one line, without its newline
};

// One point of a curve a job draws: "train_loss" / "val_loss" at iteration `step`, ...
struct JobMetricPoint
{
    qint64 jobId = 0;
    QString series;
    double step = 0;
    double value = 0;
};

// What a running job reports. All calls are thread safe and cheap (the queue batches the writes).
class JobContext
{
public:
    virtual ~JobContext() = default;
    virtual const JobRecord &job() const = 0;      // as it was when this run started
    virtual bool canceled() const = 0;             // cancel, pause or shutdown asked this run to stop
    virtual void progress(double fraction, const QString &text = {}, qint64 etaSeconds = -1) = 0;
    virtual void log(const QString &line, JobLogStream stream = JobLogStream::Info) = 0;
    virtual void metric(const QString &series, double step, double value) = 0;
    // Adds to the job's token and cost accounting (each paid request once, when it is answered).
    virtual void usage(qint64 promptTokens, qint64 completionTokens, double costUsd) = 0;
};

struct JobOutcome
{
    enum class End {
        Done,        // finished; `result` is stored
        Failed,      // will fail the same way again (bad input, a missing tool): no retry
        RetryLater,  // transient (server down, rate limited, a tool crashed): retried with backoff
        Canceled,    // stopped because canceled() said so
    };
    End end = End::Done;
    Error error;                 // Failed / RetryLater: what went wrong
    qint64 retryAfterMs = -1;    // RetryLater: at least this long (a server's Retry-After); -1: the queue's backoff
    QJsonObject result;

    static JobOutcome done(QJsonObject result = {}) { return {End::Done, {}, -1, std::move(result)}; }
    static JobOutcome failed(Error error) { return {End::Failed, std::move(error), -1, {}}; }
    static JobOutcome retryLater(Error error, qint64 afterMs = -1) { return {End::RetryLater, std::move(error), afterMs, {}}; }
    static JobOutcome canceled() { return {End::Canceled, Error::canceled(), -1, {}}; }
};

// Runs one attempt of a job on a worker thread; must return soon after context.canceled() turns true.
using JobRunner = std::function<JobOutcome(JobContext &context)>;
using RunnerLookup = std::function<JobRunner(JobKind kind)>;

} // namespace apedesk::distill

Q_DECLARE_METATYPE(apedesk::distill::JobRecord)
Q_DECLARE_METATYPE(apedesk::distill::JobLogLine)
Q_DECLARE_METATYPE(apedesk::distill::JobMetricPoint)
Q_DECLARE_METATYPE(QList<apedesk::distill::JobRecord>)
Q_DECLARE_METATYPE(QList<apedesk::distill::JobLogLine>)
Q_DECLARE_METATYPE(QList<apedesk::distill::JobMetricPoint>)
