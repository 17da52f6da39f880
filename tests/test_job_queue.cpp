// The job queue's scheduler with injected runners: dependency order, per-resource limits, retries with
// backoff and Retry-After, pause / resume / cancel / retry / reorder of running and waiting jobs, the
// app-quit and crash paths (jobs queued again in a reopened database), everything a job reports
// stored and readable after reopening, drained(), and the JobQueueService inside a Core.
// Queues sharing a database: two queues in this process, and this test binary started again as a
// second process (APEDESK_TEST_QUEUE_CHILD=<database>) that races for the same jobs or is killed
// mid-run. A live queue's running jobs are left alone, stopped on request, run exactly once, and
// taken over when their process dies.

#include "common/settings.h"
#include "core.h"
#include "distill/jobqueue.h"
#include "distill/jobqueueservice.h"
#include "distill/jobstore.h"

#include "queuedspy.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace apedesk;
using namespace apedesk::distill;

namespace {

constexpr int kWaitMs = 20000;   // generous: a loaded 2-core machine

// What the test runners saw, shared between the runner threads and the test.
struct Probe
{
    QMutex mutex;
    QList<qint64> starts;                    // job ids in the order their runs began
    QHash<qint64, int> runs;                 // runs per job
    QHash<qint64, qint64> finishedAt;        // when each run returned (ms), the latest
    std::array<int, 3> concurrent{};         // by JobResource
    std::array<int, 3> maxConcurrent{};
    QList<qint64> sawCancel;                 // runs that returned because canceled() turned true
    QSemaphore release;                      // "block" runs wait for one of these

    int runsOf(qint64 id) { QMutexLocker lock(&mutex); return runs.value(id); }
    QList<qint64> startOrder() { QMutexLocker lock(&mutex); return starts; }
    int maxOf(JobResource r) { QMutexLocker lock(&mutex); return maxConcurrent[size_t(r)]; }
    bool canceled(qint64 id) { QMutexLocker lock(&mutex); return sawCancel.contains(id); }
};

// One runner for every kind; params.mode says what it does:
//   done                 → Done with result {"run": n}
//   block                → waits for probe.release (then Done) or for canceled() (then Canceled)
//   fail                 → Failed
//   retry (failTimes N, retryAfterMs M) → RetryLater for the first N runs of the job, then Done
//   failOnce             → Failed on its first run, Done after
//   report               → progress, logs, metrics and usage, then blocks like "block"
//   quick                → Done after a few milliseconds of work
// Every run logs "runner call in process <pid>" first, so runs can be counted across processes.
RunnerLookup probeRunners(std::shared_ptr<Probe> probe)
{
    return [probe](JobKind) -> JobRunner {
        return [probe](JobContext &context) -> JobOutcome {
            const JobRecord &job = context.job();
            const QString mode = job.params.value(QLatin1String("mode")).toString();
            const size_t resource = size_t(job.resource);
            context.log(QStringLiteral("runner call in process %1").arg(QCoreApplication::applicationPid()));
            int run = 0;
            {
                QMutexLocker lock(&probe->mutex);
                probe->starts.append(job.id);
                run = ++probe->runs[job.id];
                probe->maxConcurrent[resource] = std::max(probe->maxConcurrent[resource], ++probe->concurrent[resource]);
            }
            const auto end = [&](JobOutcome outcome) {
                QMutexLocker lock(&probe->mutex);
                --probe->concurrent[resource];
                probe->finishedAt[job.id] = QDateTime::currentMSecsSinceEpoch();
                if (outcome.end == JobOutcome::End::Canceled)
                    probe->sawCancel.append(job.id);
                return outcome;
            };
            const auto block = [&]() -> JobOutcome {
                while (!context.canceled())
                    if (probe->release.tryAcquire(1, 5))
                        return end(JobOutcome::done({{QStringLiteral("run"), run}}));
                return end(JobOutcome::canceled());
            };
            if (mode == QLatin1String("block"))
                return block();
            if (mode == QLatin1String("quick")) {
                QThread::msleep(30);   // the work: long enough for the other process to want the next job too
                return end(JobOutcome::done({{QStringLiteral("run"), run}}));
            }
            if (mode == QLatin1String("fail"))
                return end(JobOutcome::failed(Error::make(Error::Kind::Format, QStringLiteral("The input is broken."))));
            if (mode == QLatin1String("failOnce") && run == 1)
                return end(JobOutcome::failed(Error::make(Error::Kind::Io, QStringLiteral("The disk was full."))));
            if (mode == QLatin1String("retry") && run <= job.params.value(QLatin1String("failTimes")).toInt())
                return end(JobOutcome::retryLater(Error::make(Error::Kind::Network, QStringLiteral("The server answered 503.")),
                                                  job.params.value(QLatin1String("retryAfterMs")).toInteger(-1)));
            if (mode == QLatin1String("report")) {
                for (int i = 0; i < 2000; ++i)
                    context.progress(i / 4000.0, QStringLiteral("step %1").arg(i));
                context.progress(0.5, QStringLiteral("half way"), 42);
                for (int i = 0; i < 30; ++i) {
                    context.log(QStringLiteral("out %1").arg(i), JobLogStream::Out);
                    context.metric(QStringLiteral("train_loss"), i * 10, 3.0 - i * 0.05);
                }
                context.log(QStringLiteral("two\nlines"), JobLogStream::Err);
                for (int i = 0; i < 3; ++i)
                    context.usage(100, 20, 0.25);
                return block();
            }
            return end(JobOutcome::done({{QStringLiteral("run"), run}}));
        };
    };
}

JobSpec job(const QString &mode, JobKind kind = JobKind::Prepare, QJsonObject extra = {})
{
    JobSpec spec;
    spec.kind = kind;
    extra.insert(QStringLiteral("mode"), mode);
    spec.params = extra;
    return spec;
}

QStringList logTexts(const JobQueue &queue, qint64 id)
{
    QStringList texts;
    for (const JobLogLine &line : queue.logs(id))
        texts.append(line.text);
    return texts;
}

bool anyContains(const QStringList &texts, const QString &part)
{
    return std::any_of(texts.begin(), texts.end(), [&](const QString &t) { return t.contains(part); });
}

JobState stateOf(const JobQueue &queue, qint64 id)
{
    const auto record = queue.job(id);
    return record ? record->state : JobState::Canceled;
}

int runnerCalls(const JobQueue &queue, qint64 id)
{
    const QStringList texts = logTexts(queue, id);
    return int(std::count_if(texts.begin(), texts.end(), [](const QString &t) { return t.startsWith(QLatin1String("runner call")); }));
}

QString errorText(const Status &status) { return status.ok() ? QStringLiteral("(ok)") : status.error().message; }

// The second process: a queue with the probe runners on the given database, dispatching until it
// has nothing left to do (or it is killed). "block" jobs end only when canceled here.
int runChildQueue(const QString &path)
{
    int argc = 1;
    char name[] = "test_job_queue-child";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    JobQueue queue(probeRunners(std::make_shared<Probe>()));
    if (!queue.open(path))
        return 2;
    queue.setRetryPolicy({10, 50});
    queue.setLimits({2, 2, 2});
    QObject::connect(&queue, &JobQueue::drained, &app, &QCoreApplication::quit);
    QTimer::singleShot(120000, &app, &QCoreApplication::quit);   // left behind by a failed test: do not linger
    queue.start();
    std::fputs("ready\n", stdout);   // the parent starts its own queues now, so both race for the jobs
    std::fflush(stdout);
    if (!queue.hasPendingWork())
        return 0;
    return app.exec();
}

// Starts this test binary as the second process on `path`.
void startChild(QProcess &child, const QString &path)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("APEDESK_TEST_QUEUE_CHILD"), path);
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.info=false"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), QStringList());
}

} // namespace

class TestJobQueue : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("queue-%1.sqlite").arg(++m_files)); }

public:
    // Before QTest runs: the binary started as the second process runs its queue and exits.
    static void initMain()
    {
        const QString path = qEnvironmentVariable("APEDESK_TEST_QUEUE_CHILD");
        if (!path.isEmpty())
            std::exit(runChildQueue(path));
    }

private:
    // A started queue on a fresh file with tiny retry delays.
    std::unique_ptr<JobQueue> openQueue(const std::shared_ptr<Probe> &probe, const QString &path)
    {
        auto queue = std::make_unique<JobQueue>(probeRunners(probe));
        const Status opened = queue->open(path);
        if (!opened)
            qWarning() << opened.error().toString();
        queue->setRetryPolicy({10, 50});
        return queue;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<JobRecord>();
        qRegisterMetaType<JobLogLine>();
        qRegisterMetaType<JobMetricPoint>();
    }

    void dependenciesRunInOrder()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        QVERIFY(queue->isOpen());
        queue->setLimits({4, 4, 4});
        QSignalSpy drained(queue.get(), &JobQueue::drained);
        PipelineSpec pipeline;
        pipeline.name = QStringLiteral("chain");
        pipeline.jobs = {job(QStringLiteral("done")), job(QStringLiteral("done")), job(QStringLiteral("done")),
                         job(QStringLiteral("done"))};
        pipeline.jobs[1].dependsOnIndex = {0};
        pipeline.jobs[2].dependsOnIndex = {1};
        pipeline.jobs[3].dependsOnIndex = {0};
        const auto ids = queue->addPipeline(pipeline);
        QVERIFY(ids.ok());
        QVERIFY(queue->hasPendingWork());
        QVERIFY(!queue->isStarted());
        QTest::qWait(50);
        QVERIFY(probe->startOrder().isEmpty());   // nothing starts before start()
        queue->start();
        QTRY_VERIFY_WITH_TIMEOUT(drained.size() == 1, kWaitMs);
        QVERIFY(!queue->hasPendingWork());
        const QList<qint64> order = probe->startOrder();
        QCOMPARE(order.size(), 4);
        QCOMPARE(order.first(), ids->at(0));
        QVERIFY(order.indexOf(ids->at(1)) < order.indexOf(ids->at(2)));
        for (qint64 id : *ids) {
            const JobRecord r = *queue->job(id);
            QCOMPARE(r.state, JobState::Done);
            QCOMPARE(r.attempts, 1);
            QCOMPARE(r.progress, 1.0);
            QCOMPARE(r.result.value(QLatin1String("run")).toInt(), 1);
            QVERIFY(r.startedMs > 0 && r.finishedMs >= r.startedMs);
            for (qint64 dependency : r.dependsOn)
                QVERIFY(r.startedMs >= queue->job(dependency)->finishedMs);
            QVERIFY(anyContains(logTexts(*queue, id), QStringLiteral("Attempt 1 of 3 started")));
        }
        QCOMPARE(drained.size(), 1);
    }

    void resourceLimitsAreNeverExceeded()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        queue->setLimits({1, 2, 1});
        QList<qint64> ids;
        for (int i = 0; i < 6; ++i)
            ids.append(*queue->add(job(QStringLiteral("block"), JobKind::Prepare)));    // CPU
        for (int i = 0; i < 3; ++i)
            ids.append(*queue->add(job(QStringLiteral("block"), JobKind::FineTune)));   // GPU
        ids.append(*queue->add(job(QStringLiteral("block"), JobKind::Teacher)));        // network
        queue->start();
        const auto runningCount = [&] {
            int n = 0;
            for (const JobRecord &r : queue->jobs())
                n += r.state == JobState::Running;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(runningCount(), 4, kWaitMs);
        QTest::qWait(100);   // a dispatcher that over-starts would do it now
        QCOMPARE(runningCount(), 4);
        // Let them finish one at a time; each free slot is filled from the queue.
        for (int done = 1; done <= ids.size(); ++done) {
            probe->release.release(1);
            QTRY_VERIFY_WITH_TIMEOUT(std::count_if(ids.begin(), ids.end(), [&](qint64 id) {
                                         return stateOf(*queue, id) == JobState::Done;
                                     }) == done,
                                     kWaitMs);
        }
        QCOMPARE(probe->maxOf(JobResource::Cpu), 2);
        QCOMPARE(probe->maxOf(JobResource::Gpu), 1);
        QCOMPARE(probe->maxOf(JobResource::Network), 1);
        // Among jobs of one resource, queue order: the queue's "started" lines (log ids grow with
        // every write) say in which order it started them, whatever order their threads got going.
        QList<std::pair<qint64, qint64>> started;   // (log line id, job id)
        for (int i = 0; i < 6; ++i)
            for (const JobLogLine &line : queue->logs(ids[i]))
                if (line.text.contains(QStringLiteral("started")))
                    started.append({line.id, ids[i]});
        std::sort(started.begin(), started.end());
        QList<qint64> cpuOrder;
        for (const auto &entry : std::as_const(started))
            cpuOrder.append(entry.second);
        QCOMPARE(cpuOrder, ids.mid(0, 6));
    }

    void retriesWithBackoffThenDoneOrFailed()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        queue->setLimits({4, 4, 4});
        QSignalSpy changed(queue.get(), &JobQueue::jobChanged);
        const qint64 recovers = *queue->add(job(QStringLiteral("retry"), JobKind::Prepare, {{QStringLiteral("failTimes"), 2}}));
        JobSpec hopeless = job(QStringLiteral("retry"), JobKind::Prepare, {{QStringLiteral("failTimes"), 10}});
        hopeless.maxAttempts = 2;
        const qint64 gives = *queue->add(hopeless);
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, recovers), JobState::Done, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, gives), JobState::Failed, kWaitMs);

        const JobRecord ok = *queue->job(recovers);
        QCOMPARE(ok.attempts, 3);
        QCOMPARE(probe->runsOf(recovers), 3);
        QVERIFY(ok.error.isEmpty());
        const QStringList okLog = logTexts(*queue, recovers);
        QVERIFY2(anyContains(okLog, QStringLiteral("Attempt 1 of 3 failed: The server answered 503; retrying in 10 ms.")),
                 qPrintable(okLog.join(QLatin1Char('\n'))));
        QVERIFY(anyContains(okLog, QStringLiteral("Attempt 2 of 3 failed: The server answered 503; retrying in 20 ms.")));

        const JobRecord bad = *queue->job(gives);
        QCOMPARE(bad.attempts, 2);
        QCOMPARE(probe->runsOf(gives), 2);
        QCOMPARE(bad.error, QStringLiteral("The server answered 503."));
        QVERIFY(anyContains(logTexts(*queue, gives), QStringLiteral("Attempt 2 of 2 failed: The server answered 503; no attempts left.")));

        // While it waited for its retry, the job was Queued with the error kept and a notBefore.
        bool sawWaiting = false;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const auto r = args.at(0).value<JobRecord>();
            if (r.id == recovers && r.state == JobState::Queued && r.attempts == 1) {
                sawWaiting = true;
                QCOMPARE(r.error, QStringLiteral("The server answered 503."));
                QVERIFY(r.notBeforeMs >= r.finishedMs + 10);
            }
        }
        QVERIFY(sawWaiting);
    }

    void retryAfterIsHonoured()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        queue->setRetryPolicy({1, 5});
        QSignalSpy changed(queue.get(), &JobQueue::jobChanged);
        const qint64 id = *queue->add(job(QStringLiteral("retry"), JobKind::Teacher,
                                          {{QStringLiteral("failTimes"), 1}, {QStringLiteral("retryAfterMs"), 700}}));
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
        std::optional<JobRecord> waiting;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const auto r = args.at(0).value<JobRecord>();
            if (r.state == JobState::Queued && r.attempts == 1)
                waiting = r;
        }
        QVERIFY(waiting);
        QVERIFY2(waiting->notBeforeMs >= waiting->finishedMs + 700,
                 qPrintable(QStringLiteral("notBefore %1, finished %2").arg(waiting->notBeforeMs).arg(waiting->finishedMs)));
        const JobRecord done = *queue->job(id);
        QVERIFY(done.startedMs >= waiting->notBeforeMs);   // the second run waited
        QCOMPARE(done.attempts, 2);
        QVERIFY(anyContains(logTexts(*queue, id), QStringLiteral("retrying in 700 ms")));
    }

    void pauseAndResumeARunningJob()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        const qint64 id = *queue->add(job(QStringLiteral("block")));
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Running, kWaitMs);
        QVERIFY(queue->pause(id).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Paused, kWaitMs);
        QVERIFY(probe->canceled(id));
        QCOMPARE(queue->job(id)->attempts, 0);   // stopped by a person: not a spent attempt
        QVERIFY(!queue->hasPendingWork());
        QVERIFY(!queue->pause(id).ok());         // already paused
        QTest::qWait(100);
        QCOMPARE(probe->runsOf(id), 1);          // stays paused

        probe->release.release(1);
        QVERIFY(queue->resume(id).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
        QCOMPARE(probe->runsOf(id), 2);
        QCOMPARE(queue->job(id)->attempts, 1);
        const QStringList log = logTexts(*queue, id);
        QVERIFY(anyContains(log, QStringLiteral("Paused")));
        QVERIFY(anyContains(log, QStringLiteral("Resumed")));

        // A queued job pauses at once and does not start.
        queue->stop();
        const qint64 waiting = *queue->add(job(QStringLiteral("done")));
        QVERIFY(queue->pause(waiting).ok());
        QCOMPARE(stateOf(*queue, waiting), JobState::Paused);
        queue->start();
        QTest::qWait(100);
        QCOMPARE(probe->runsOf(waiting), 0);
        QVERIFY(!queue->resume(id).ok());        // Done: nothing to resume
    }

    void cancelARunningJob()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        QSignalSpy drained(queue.get(), &JobQueue::drained);
        const qint64 id = *queue->add(job(QStringLiteral("block")));
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Running, kWaitMs);
        QVERIFY(queue->cancel(id).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Canceled, kWaitMs);
        QVERIFY(probe->canceled(id));
        QVERIFY(queue->job(id)->finishedMs > 0);
        QVERIFY(anyContains(logTexts(*queue, id), QStringLiteral("Canceled while it ran")));
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kWaitMs);
        QVERIFY(!queue->cancel(id).ok());
        QVERIFY(!queue->cancel(4242).ok());
        // Canceled can be retried.
        probe->release.release(1);
        QVERIFY(queue->retry(id).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
    }

    void retryAFailedJob()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        const qint64 id = *queue->add(job(QStringLiteral("failOnce")));
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Failed, kWaitMs);
        QCOMPARE(probe->runsOf(id), 1);   // Failed is not retried by itself
        JobRecord failed = *queue->job(id);
        QCOMPARE(failed.error, QStringLiteral("The disk was full."));
        QCOMPARE(failed.attempts, 1);
        QVERIFY(anyContains(logTexts(*queue, id), QStringLiteral("Attempt 1 of 3 failed: The disk was full.")));
        QVERIFY(!queue->resume(id).ok());
        QVERIFY(!queue->retry(4242).ok());

        queue->stop();
        QVERIFY(queue->retry(id).ok());
        const JobRecord again = *queue->job(id);
        QCOMPARE(again.state, JobState::Queued);
        QCOMPARE(again.attempts, 0);
        QCOMPARE(again.error, QStringLiteral("The disk was full."));   // until it runs
        QVERIFY(!queue->retry(id).ok());   // Queued: nothing to retry
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
        QCOMPARE(queue->job(id)->attempts, 1);
        QVERIFY(queue->job(id)->error.isEmpty());
        QCOMPARE(probe->runsOf(id), 2);
    }

    void moveChangesTheStartOrder()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        queue->setLimits({1, 1, 1});
        QSignalSpy reordered(queue.get(), &JobQueue::jobsChanged);
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i)
            ids.append(*queue->add(job(QStringLiteral("done"))));
        QVERIFY(queue->move(ids[3], 0).ok());
        QVERIFY(queue->move(ids[0], 2).ok());
        QVERIFY(!queue->move(4242, 0).ok());
        QVERIFY(reordered.size() >= 6);
        QList<qint64> listed;
        for (const JobRecord &r : queue->jobs())
            listed.append(r.id);
        const QList<qint64> expected{ids[3], ids[1], ids[0], ids[2]};
        QCOMPARE(listed, expected);
        QSignalSpy drained(queue.get(), &JobQueue::drained);
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kWaitMs);
        QCOMPARE(probe->startOrder(), expected);
    }

    void removeOnlyFinishedJobs()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        const qint64 running = *queue->add(job(QStringLiteral("block")));
        const qint64 queued = *queue->add(job(QStringLiteral("done")));
        JobSpec dependent = job(QStringLiteral("done"));
        dependent.dependsOn = {running};
        const qint64 child = *queue->add(dependent);
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, running), JobState::Running, kWaitMs);
        QVERIFY(!queue->remove(running).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, queued), JobState::Done, kWaitMs);
        QSignalSpy changed(queue.get(), &JobQueue::jobsChanged);
        QVERIFY(queue->remove(queued).ok());
        QCOMPARE(changed.size(), 1);
        QVERIFY(!queue->job(queued));
        QVERIFY(queue->logs(queued).isEmpty());
        probe->release.release(1);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, child), JobState::Done, kWaitMs);
        QVERIFY(queue->remove(running).ok());   // its dependent is Done
        QCOMPARE(queue->jobs().size(), 1);
    }

    void shutdownQueuesRunningJobsForTheNextStart()
    {
        auto probe = std::make_shared<Probe>();
        const QString path = freshPath();
        qint64 id = 0, waiting = 0;
        {
            auto queue = openQueue(probe, path);
            id = *queue->add(job(QStringLiteral("block")));
            waiting = *queue->add(job(QStringLiteral("done"), JobKind::Prepare));
            queue->setLimits({1, 1, 1});
            queue->start();
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Running, kWaitMs);
            QVERIFY(queue->shutdown(kWaitMs));
            QVERIFY(!queue->isStarted());
            QCOMPARE(stateOf(*queue, id), JobState::Queued);
            QVERIFY(probe->canceled(id));
            QCOMPARE(queue->job(id)->attempts, 0);
            QCOMPARE(probe->runsOf(waiting), 0);   // nothing new starts while shutting down
            QVERIFY(queue->hasPendingWork());
        }
        // The app starts again.
        auto queue = openQueue(probe, path);
        QCOMPARE(stateOf(*queue, id), JobState::Queued);
        QVERIFY(anyContains(logTexts(*queue, id), QStringLiteral("queued again for the next start")));
        QVERIFY(!anyContains(logTexts(*queue, id), QStringLiteral("Interrupted")));
        probe->release.release(1);
        QSignalSpy drained(queue.get(), &JobQueue::drained);
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kWaitMs);
        QCOMPARE(stateOf(*queue, id), JobState::Done);
        QCOMPARE(stateOf(*queue, waiting), JobState::Done);
        QCOMPARE(probe->runsOf(id), 2);

        // The destructor alone does the same.
        const qint64 last = *queue->add(job(QStringLiteral("block")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, last), JobState::Running, kWaitMs);
        queue.reset();
        JobStore store;
        QVERIFY(store.open(path).ok());
        QCOMPARE(store.find(last)->value().state, JobState::Queued);
    }

    void crashedRunningJobsAreRecovered()
    {
        const QString path = freshPath();
        qint64 id = 0;
        {
            // What a process killed mid-run leaves: a Running row.
            JobStore store;
            QVERIFY(store.open(path).ok());
            id = *store.add(job(QStringLiteral("done")), 1);
            JobRecord r = **store.find(id);
            r.state = JobState::Running;
            r.attempts = 1;
            r.progress = 0.4;
            QVERIFY(store.update(r).ok());
        }
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, path);
        const JobRecord recovered = *queue->job(id);
        QCOMPARE(recovered.state, JobState::Queued);
        QCOMPARE(recovered.progress, 0.4);   // its runner resumes from what it stored
        QVERIFY(anyContains(logTexts(*queue, id),
                            QStringLiteral("Interrupted: the app stopped while this job ran; queued again.")));
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
        QCOMPARE(queue->job(id)->attempts, 2);
    }

    void reportsAreStoredAndSurviveReopening()
    {
        auto probe = std::make_shared<Probe>();
        const QString path = freshPath();
        qint64 id = 0;
        {
            auto queue = openQueue(probe, path);
            QSignalSpy changed(queue.get(), &JobQueue::jobChanged);
            QSignalSpy lines(queue.get(), &JobQueue::logAppended);
            QSignalSpy points(queue.get(), &JobQueue::metricAppended);
            id = *queue->add(job(QStringLiteral("report"), JobKind::Teacher));
            queue->start();
            QTRY_COMPARE_WITH_TIMEOUT(queue->metrics(id).size(), 30, kWaitMs);
            QTRY_COMPARE_WITH_TIMEOUT(queue->job(id)->promptTokens, qint64(300), kWaitMs);
            const JobRecord live = *queue->job(id);
            QCOMPARE(live.state, JobState::Running);
            QCOMPARE(live.progress, 0.5);
            QCOMPARE(live.progressText, QStringLiteral("half way"));
            QCOMPARE(live.etaSeconds, qint64(42));
            QCOMPARE(live.completionTokens, qint64(60));
            QCOMPARE(live.costUsd, 0.75);
            {
                // Paid usage is in the file while the job still runs.
                JobStore reader;
                QVERIFY(reader.open(path).ok());
                const JobRecord stored = reader.find(id)->value();
                QCOMPARE(stored.promptTokens, qint64(300));
                QCOMPARE(stored.costUsd, 0.75);
                QCOMPARE(stored.progressText, QStringLiteral("half way"));
            }
            // 2000 progress calls in a burst reach the listeners as a handful of changes.
            int progressSignals = 0;
            for (const QList<QVariant> &args : std::as_const(changed))
                progressSignals += args.at(0).value<JobRecord>().state == JobState::Running;
            QVERIFY2(progressSignals < 200, qPrintable(QString::number(progressSignals)));

            QTRY_VERIFY_WITH_TIMEOUT(points.size() == 30, kWaitMs);
            const QStringList log = logTexts(*queue, id);
            QVERIFY(log.contains(QStringLiteral("out 29")));
            QVERIFY(log.contains(QStringLiteral("two")) && log.contains(QStringLiteral("lines")));
            QTRY_VERIFY_WITH_TIMEOUT(lines.size() >= 33, kWaitMs);   // start line + 30 + 2
            probe->release.release(1);
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
            QCOMPARE(queue->job(id)->promptTokens, qint64(300));   // counted once
        }
        auto queue = openQueue(probe, path);
        const JobRecord r = *queue->job(id);
        QCOMPARE(r.state, JobState::Done);
        QCOMPARE(r.promptTokens, qint64(300));
        QCOMPARE(r.completionTokens, qint64(60));
        QCOMPARE(r.costUsd, 0.75);
        const QList<JobLogLine> log = queue->logs(id);
        QVERIFY(std::any_of(log.begin(), log.end(), [](const JobLogLine &l) {
            return l.text == QLatin1String("out 7") && l.stream == JobLogStream::Out;
        }));
        QVERIFY(std::any_of(log.begin(), log.end(), [](const JobLogLine &l) {
            return l.text == QLatin1String("lines") && l.stream == JobLogStream::Err;
        }));
        const QList<JobMetricPoint> curve = queue->metrics(id);
        QCOMPARE(curve.size(), 30);
        QCOMPARE(curve.at(10).series, QStringLiteral("train_loss"));
        QCOMPARE(curve.at(10).step, 100.0);
        QCOMPARE(curve.at(10).value, 2.5);
        QCOMPARE(queue->logs(id, log.at(2).id, 3).size(), 3);
    }

    void pendingWorkAndDrained()
    {
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, freshPath());
        QVERIFY(!queue->hasPendingWork());
        QSignalSpy drained(queue.get(), &JobQueue::drained);
        PipelineSpec pipeline;
        pipeline.jobs = {job(QStringLiteral("failOnce")), job(QStringLiteral("done")), job(QStringLiteral("done"))};
        pipeline.jobs[1].dependsOnIndex = {0};
        pipeline.jobs[2].dependsOnIndex = {1};
        const QList<qint64> ids = *queue->addPipeline(pipeline);
        QVERIFY(queue->hasPendingWork());
        queue->start();
        // The first fails; the others are blocked behind it and do not count as pending.
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 1, kWaitMs);
        QCOMPARE(stateOf(*queue, ids[0]), JobState::Failed);
        QCOMPARE(stateOf(*queue, ids[1]), JobState::Queued);
        QVERIFY(!queue->hasPendingWork());
        QTest::qWait(100);
        QCOMPARE(probe->runsOf(ids[1]), 0);
        // Retried, the chain runs to the end and drains again.
        QVERIFY(queue->retry(ids[0]).ok());
        QVERIFY(queue->hasPendingWork());
        QTRY_COMPARE_WITH_TIMEOUT(drained.size(), 2, kWaitMs);
        for (qint64 id : ids)
            QCOMPARE(stateOf(*queue, id), JobState::Done);
        // A paused job is not pending work (it waits for a person).
        queue->stop();
        const qint64 paused = *queue->add(job(QStringLiteral("done")));
        QVERIFY(queue->hasPendingWork());
        QVERIFY(queue->pause(paused).ok());
        QVERIFY(!queue->hasPendingWork());
        QCOMPARE(drained.size(), 3);
    }

    void missingRunnerFailsTheJob()
    {
        JobQueue queue([](JobKind) { return JobRunner(); });
        QVERIFY(queue.open(freshPath()).ok());
        const qint64 id = *queue.add(job(QStringLiteral("done")));
        queue.start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(queue, id), JobState::Failed, kWaitMs);
        QVERIFY(!queue.job(id)->error.isEmpty());
        QVERIFY(!JobQueue([](JobKind) { return JobRunner(); }).add(job(QStringLiteral("done"))).ok());   // not open
    }

    void aSecondQueueLeavesARunningJobAlone()
    {
        const QString path = freshPath();
        auto probe1 = std::make_shared<Probe>(), probe2 = std::make_shared<Probe>();
        auto first = openQueue(probe1, path);
        first->setLimits({1, 1, 1});
        const qint64 id = *first->add(job(QStringLiteral("block")));
        first->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*first, id), JobState::Running, kWaitMs);
        QVERIFY(first->isRunningHere(id));

        // As `apedesk-cli jobs list` or a second `jobs run` would open the file while the app runs the job.
        auto second = openQueue(probe2, path);
        QVERIFY(second->ownerIdentity() != first->ownerIdentity());
        QCOMPARE(stateOf(*second, id), JobState::Running);
        QVERIFY(!second->isRunningHere(id));
        QVERIFY(!anyContains(logTexts(*second, id), QStringLiteral("Interrupted")));
        second->setLimits({1, 1, 1});
        const qint64 waiting = *second->add(job(QStringLiteral("done")));   // CPU, like the running one
        second->start();
        QTest::qWait(1500);   // more than one poll: a queue that took the job for dead would have started it now
        QCOMPARE(stateOf(*second, id), JobState::Running);
        QCOMPARE(probe2->runsOf(id), 0);
        QCOMPARE(probe1->runsOf(id), 1);
        QCOMPARE(stateOf(*second, waiting), JobState::Queued);   // the CPU slot is taken, whichever queue runs it
        QVERIFY(!anyContains(logTexts(*second, id), QStringLiteral("Interrupted")));

        // What only a finished or stopped job allows is refused for a job another queue runs.
        for (const Status &refused : {second->retry(id), second->resume(id), second->remove(id)}) {
            const QString message = errorText(refused);
            QVERIFY2(!refused.ok() && message.contains(QStringLiteral("running")), qPrintable(message));
        }
        QCOMPARE(stateOf(*first, id), JobState::Running);

        probe1->release.release(1);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*second, id), JobState::Done, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*second, waiting), JobState::Done, kWaitMs);
        QCOMPARE(probe1->runsOf(waiting) + probe2->runsOf(waiting), 1);
        QCOMPARE(first->job(id)->attempts, 1);
    }

    void cancelAndPauseReachTheQueueRunningTheJob()
    {
        const QString path = freshPath();
        auto probe1 = std::make_shared<Probe>(), probe2 = std::make_shared<Probe>();
        auto runner = openQueue(probe1, path);
        auto other = openQueue(probe2, path);   // not dispatching: like the CLI's `jobs cancel`
        const qint64 canceled = *runner->add(job(QStringLiteral("block")));
        runner->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*other, canceled), JobState::Running, kWaitMs);

        QSignalSpy lines(other.get(), &JobQueue::logAppended);
        const Status asked = other->cancel(canceled);
        QVERIFY2(asked.ok(), qPrintable(errorText(asked)));
        QVERIFY(anyContains(logTexts(*other, canceled), QStringLiteral("Asked the process running it to stop (cancel)")));
        QCOMPARE(lines.size(), 1);
        const Status paused = other->pause(canceled);   // a pause does not override a cancel
        QVERIFY2(!paused.ok() && errorText(paused).contains(QStringLiteral("being canceled")), qPrintable(errorText(paused)));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*other, canceled), JobState::Canceled, kWaitMs);
        QVERIFY(probe1->canceled(canceled));
        QCOMPARE(stateOf(*runner, canceled), JobState::Canceled);
        QVERIFY(anyContains(logTexts(*runner, canceled), QStringLiteral("Canceled while it ran")));
        QVERIFY(!other->cancel(canceled).ok());   // nothing left to cancel

        const qint64 pausedId = *runner->add(job(QStringLiteral("block")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*other, pausedId), JobState::Running, kWaitMs);
        QVERIFY(other->pause(pausedId).ok());
        QVERIFY(anyContains(logTexts(*other, pausedId), QStringLiteral("Asked the process running it to stop (pause)")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*other, pausedId), JobState::Paused, kWaitMs);
        QVERIFY(probe1->canceled(pausedId));
        QCOMPARE(other->job(pausedId)->attempts, 0);   // stopped by a person: not a spent attempt
        QCOMPARE(probe2->runsOf(pausedId), 0);
        // Resumed from the other queue, the dispatching one runs it again.
        probe1->release.release(1);
        QVERIFY(other->resume(pausedId).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*other, pausedId), JobState::Done, kWaitMs);
        QCOMPARE(probe1->runsOf(pausedId), 2);
        QCOMPARE(probe2->runsOf(pausedId), 0);
    }

    void jobsOfADeadProcessAreRecovered()
    {
        const QString path = freshPath();
        qint64 leftByOpen = 0, leftLater = 0;
        QString boot, start;
        {
            const QStringList me = processOwner(QStringLiteral("x")).split(QLatin1Char(':'));
            boot = me.at(0);
            start = me.at(2);
        }
        // A pid that was used a moment ago and is gone.
        qint64 gonePid = 0;
        {
            QProcess t;
            t.start(QStringLiteral("true"), QStringList());
            QVERIFY(t.waitForStarted(kWaitMs));
            gonePid = t.processId();
            QVERIFY(t.waitForFinished(kWaitMs));
        }
        JobStore store;
        QVERIFY(store.open(path).ok());
        leftByOpen = *store.add(job(QStringLiteral("done")), 1);
        leftLater = *store.add(job(QStringLiteral("done")), 1);
        const QString dead = QStringList{boot, QString::number(gonePid), QStringLiteral("1"), QStringLiteral("1")}.join(QLatin1Char(':'));
        QVERIFY(store.claim(leftByOpen, dead, 1)->has_value());

        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, path);
        QCOMPARE(stateOf(*queue, leftByOpen), JobState::Queued);
        QVERIFY(anyContains(logTexts(*queue, leftByOpen), QStringLiteral("Interrupted: the app stopped while this job ran; queued again.")));
        // While this queue is open, a queue of a process whose pid this one now has (another start time)
        // is found running a job: it is dead, and the poll takes the job over.
        const QString reused = QStringList{boot, QString::number(QCoreApplication::applicationPid()),
                                           QString::number(start.toLongLong() + 1), QStringLiteral("1")}
                                   .join(QLatin1Char(':'));
        QVERIFY(store.claim(leftLater, reused, 1)->has_value());
        QCOMPARE(stateOf(*queue, leftLater), JobState::Running);
        queue->start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, leftByOpen), JobState::Done, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, leftLater), JobState::Done, kWaitMs);
        QVERIFY(anyContains(logTexts(*queue, leftLater), QStringLiteral("Interrupted")));
        QCOMPARE(probe->runsOf(leftByOpen), 1);
        QCOMPARE(probe->runsOf(leftLater), 1);
        QCOMPARE(queue->job(leftLater)->attempts, 2);   // the dead queue's run counts
    }

    void twoProcessesRunEachJobOnce()
    {
        const QString path = freshPath();
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, path);
        queue->setLimits({2, 2, 2});
        QList<qint64> ids;
        for (int i = 0; i < 40; ++i)
            ids.append(*queue->add(job(QStringLiteral("quick"), i % 2 ? JobKind::Prepare : JobKind::Evaluate)));
        // Two queues of this process start on the same jobs as well.
        auto sibling = openQueue(probe, path);
        sibling->setLimits({2, 2, 2});
        QProcess child;
        startChild(child, path);
        QVERIFY(child.waitForStarted(kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() == QProcess::NotRunning, kWaitMs);
        QCOMPARE(child.readLine().trimmed(), QByteArray("ready"));
        queue->start();
        sibling->start();
        const auto allDone = [&] {
            return std::all_of(ids.begin(), ids.end(), [&](qint64 id) { return stateOf(*queue, id) == JobState::Done; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(child.state(), QProcess::NotRunning, kWaitMs);
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        int here = 0;
        for (qint64 id : std::as_const(ids)) {
            const QString calls = QString::number(runnerCalls(*queue, id));
            QVERIFY2(runnerCalls(*queue, id) == 1, qPrintable(QStringLiteral("job %1: %2 runs").arg(id).arg(calls)));
            QCOMPARE(queue->job(id)->attempts, 1);
            here += probe->runsOf(id);
        }
        qInfo() << "runs in this process:" << here << "in the child:" << ids.size() - here;
    }

    void aKilledProcessesJobIsTakenOver()
    {
        const QString path = freshPath();
        auto probe = std::make_shared<Probe>();
        auto queue = openQueue(probe, path);   // not dispatching yet: the child takes the job
        const qint64 id = *queue->add(job(QStringLiteral("block")));
        QProcess child;
        startChild(child, path);
        QVERIFY(child.waitForStarted(kWaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Running, kWaitMs);
        QVERIFY(!queue->isRunningHere(id));
        queue->start();
        QTest::qWait(1200);   // a poll: the child lives, its job stays its own
        QCOMPARE(probe->runsOf(id), 0);
        QCOMPARE(stateOf(*queue, id), JobState::Running);

        child.kill();   // SIGKILL: no shutdown, the row stays Running
        QVERIFY(child.waitForFinished(kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(probe->runsOf(id) == 1, kWaitMs);
        QVERIFY(queue->isRunningHere(id));
        QVERIFY(anyContains(logTexts(*queue, id), QStringLiteral("Interrupted")));
        probe->release.release(1);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, id), JobState::Done, kWaitMs);
        QCOMPARE(runnerCalls(*queue, id), 2);   // the child's run and this one
        QCOMPARE(queue->job(id)->attempts, 2);
    }

    void serviceEndToEndInACore()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        const QString path = dir.filePath(QStringLiteral("apedesk.sqlite"));
        auto probe = std::make_shared<Probe>();
        qint64 blockedId = 0;
        {
            Core core(&settings);
            auto *service = core.add(std::make_unique<JobQueueService>(path, probeRunners(probe)));
            QueuedSpy snapshots(service, &JobQueueService::jobsSnapshot);
            QueuedSpy lines(service, &JobQueueService::jobLogAppended);
            QueuedSpy details(service, &JobQueueService::jobDetails);
            QueuedSpy failures(service, &JobQueueService::actionFailed);
            QueuedSpy dispatching(service, &JobQueueService::dispatchingChanged);
            service->requestSnapshot();   // (the first list, sent when it started, may have come before the spy)
            QVERIFY(snapshots.waitForCount(1, kWaitMs));
            QVERIFY(snapshots.first().at(0).value<QList<JobRecord>>().isEmpty());

            PipelineSpec pipeline;
            pipeline.name = QStringLiteral("e2e");
            pipeline.jobs = {job(QStringLiteral("done")), job(QStringLiteral("done"), JobKind::FineTune)};
            pipeline.jobs[1].dependsOnIndex = {0};
            service->addPipeline(pipeline);
            const auto lastList = [&] {
                return snapshots.isEmpty() ? QList<JobRecord>() : snapshots.last().at(0).value<QList<JobRecord>>();
            };
            const auto allDone = [&] {
                const QList<JobRecord> jobs = lastList();
                return jobs.size() == 2 && std::all_of(jobs.begin(), jobs.end(), [](const JobRecord &r) {
                    return r.state == JobState::Done;
                });
            };
            QTRY_VERIFY_WITH_TIMEOUT(allDone(), kWaitMs);
            QVERIFY(lines.size() >= 4);   // two start lines, two done lines
            const qint64 first = lastList().first().id;
            QCOMPARE(lastList().first().pipeline, QStringLiteral("e2e"));
            QTRY_COMPARE_WITH_TIMEOUT(service->status().text, QStringLiteral("Nothing waiting; 2 job(s) finished."), kWaitMs);

            service->requestDetails(first);
            QVERIFY(details.waitForCount(1, kWaitMs));
            QCOMPARE(details.first().at(0).toLongLong(), first);
            const auto log = details.first().at(1).value<QList<JobLogLine>>();
            QVERIFY(log.size() >= 2);
            QVERIFY(details.first().at(2).value<QList<JobMetricPoint>>().isEmpty());

            // Refused steps come back as actionFailed.
            service->cancelJob(4242);
            service->removeJob(4242);
            QVERIFY(failures.waitForCount(2, kWaitMs));
            QVERIFY(failures.first().at(0).value<Error>().message.contains(QStringLiteral("4242")));

            // Snapshots are coalesced: a burst of requests yields far fewer lists.
            const int before = snapshots.size();
            for (int i = 0; i < 200; ++i)
                service->requestSnapshot();
            QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() > before, kWaitMs);
            QTest::qWait(200);
            QVERIFY2(snapshots.size() - before < 100, qPrintable(QString::number(snapshots.size() - before)));

            // A job still running when the app quits is queued for the next start.
            service->setDispatching(false);
            QTRY_VERIFY_WITH_TIMEOUT(!dispatching.isEmpty() && !dispatching.last().at(0).toBool(), kWaitMs);
            service->addJob(job(QStringLiteral("block")));
            QTRY_VERIFY_WITH_TIMEOUT(lastList().size() == 3, kWaitMs);
            blockedId = lastList().last().id;
            QCOMPARE(lastList().last().state, JobState::Queued);
            QTRY_VERIFY_WITH_TIMEOUT(service->status().text.contains(QStringLiteral("1 queued")), kWaitMs);
            service->setDispatching(true);
            QTRY_VERIFY_WITH_TIMEOUT(lastList().size() == 3 && lastList().last().state == JobState::Running, kWaitMs);
            QTRY_COMPARE_WITH_TIMEOUT(service->status().state, ServiceStatus::State::Busy, kWaitMs);
            QVERIFY(service->status().text.contains(QStringLiteral("1 running")));
            QVERIFY(core.shutdown(5000));
        }
        QVERIFY(probe->canceled(blockedId));
        JobStore store;
        QVERIFY(store.open(path).ok());
        QCOMPARE(store.find(blockedId)->value().state, JobState::Queued);
    }
};

QTEST_MAIN(TestJobQueue)
#include "test_job_queue.moc"
