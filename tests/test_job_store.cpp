// The job queue's SQLite store: schema and WAL mode in a file it may share with the rest of the app,
// every field through add / find / list, pipelines with dependencies by index, queue order, the
// remove rules, crash recovery, log and metric batches, and the same data after reopening the file.
// Sharing between processes: owner liveness (a reused pid, a zombie, another boot), claims that only
// one connection wins, writes guarded by the owner, stop requests, and recovery of dead owners only.

#include "distill/jobstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace apedesk;
using namespace apedesk::distill;

namespace {

JobSpec spec(JobKind kind, const QString &title = {})
{
    JobSpec s;
    s.kind = kind;
    s.title = title;
    return s;
}

QList<qint64> idsOf(const QList<JobRecord> &jobs)
{
    QList<qint64> ids;
    for (const JobRecord &job : jobs)
        ids.append(job.id);
    return ids;
}

// Reads one value through a connection of the test's own.
QVariant scalar(const QString &path, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return value;
}

// Fields 3 (state) and 22 (start time) of /proc/<pid>/stat, counted after the last ')'.
std::pair<QString, QString> stateAndStart(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 1).simplified().split(' ');
    if (fields.size() < 20)
        return {};
    return {QString::fromLatin1(fields.at(0)), QString::fromLatin1(fields.at(19))};
}

// An owner string like processOwner()'s, for another pid / start time.
QString ownerOf(qint64 pid, const QString &startTime, const QString &tag = QStringLiteral("1"))
{
    const QString boot = processOwner(QStringLiteral("x")).section(QLatin1Char(':'), 0, 0);
    return QStringList{boot, QString::number(pid), startTime, tag}.join(QLatin1Char(':'));
}

// A pid that was used a moment ago and is gone now.
qint64 finishedPid()
{
    QProcess process;
    process.start(QStringLiteral("true"), QStringList());
    if (!process.waitForStarted(10000))
        return 0;
    const qint64 pid = process.processId();
    process.waitForFinished(10000);
    return pid;
}

} // namespace

class TestJobStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("jobs-%1.sqlite").arg(++m_files)); }

private Q_SLOTS:
    void schemaAndWalMode()
    {
        const QString path = freshPath();
        {
            JobStore store;
            QVERIFY(!store.isOpen());
            QVERIFY(!store.add(spec(JobKind::Prepare), 1));   // not open: an error, not a crash
            const Status opened = store.open(path);
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
            QVERIFY(store.isOpen());
            QCOMPARE(store.path(), path);
        }
        QCOMPARE(scalar(path, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        for (const char *table : {"distill_jobs", "distill_job_deps", "distill_job_logs", "distill_job_metrics", "meta"}) {
            const QString sql = QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                    .arg(QLatin1String(table));
            QVERIFY2(scalar(path, sql).toInt() == 1, table);
        }
        QVERIFY(scalar(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'distill_%'"))
                    .toInt() >= 5);
        QCOMPARE(scalar(path, QStringLiteral("SELECT value FROM meta WHERE key = 'distill_schema'")).toString(),
                 QStringLiteral("1"));

        // Opening again (the tables exist) works; a newer schema is refused with a sentence.
        JobStore again;
        QVERIFY(again.open(path).ok());
        again.close();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'distill_schema'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        const Status newer = again.open(path);
        QVERIFY(!newer.ok());
        QVERIFY2(newer.error().message.contains(QStringLiteral("newer")), qPrintable(newer.error().message));
        QVERIFY(!again.isOpen());
    }

    void sharesTheFileWithOtherTables()
    {
        // The app's apedesk.sqlite already holds other modules' tables and meta keys.
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("INSERT INTO meta VALUES ('swap_schema', '3')")));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE swaps (id INTEGER PRIMARY KEY)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        JobStore store;
        QVERIFY(store.open(path).ok());
        QVERIFY(store.add(spec(JobKind::Teacher), 5).ok());
        store.close();
        QCOMPARE(scalar(path, QStringLiteral("SELECT value FROM meta WHERE key = 'swap_schema'")).toString(), QStringLiteral("3"));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM distill_jobs")).toInt(), 1);
    }

    void roundTripOfEveryField()
    {
        const QString path = freshPath();
        JobStore store;
        QVERIFY(store.open(path).ok());
        JobSpec first = spec(JobKind::Teacher, QStringLiteral("Teacher answers"));
        first.params = QJsonObject{{QStringLiteral("samples"), 100},
                                   {QStringLiteral("model"), QStringLiteral("qwen/qwq-32b")},
                                   {QStringLiteral("nested"), QJsonArray{1, 2.5, QStringLiteral("x")}}};
        first.maxAttempts = 5;
        first.pipeline = QStringLiteral("p1");
        const auto a = store.add(first, 1000);
        QVERIFY(a.ok());
        JobSpec second = spec(JobKind::FineTune);
        second.dependsOn = {*a, *a};   // duplicates collapse
        second.resource = JobResource::Cpu;   // overrides the kind's GPU
        const auto b = store.add(second, 2000);
        QVERIFY(b.ok());
        QVERIFY(*b > *a);

        auto found = store.find(*a);
        QVERIFY(found.ok() && found->has_value());
        JobRecord r = **found;
        QCOMPARE(r.id, *a);
        QCOMPARE(r.kind, JobKind::Teacher);
        QCOMPARE(r.title, QStringLiteral("Teacher answers"));
        QCOMPARE(r.state, JobState::Queued);
        QCOMPARE(r.resource, JobResource::Network);
        QCOMPARE(r.params, first.params);
        QVERIFY(r.dependsOn.isEmpty());
        QCOMPARE(r.pipeline, QStringLiteral("p1"));
        QCOMPARE(r.position, 0);
        QCOMPARE(r.attempts, 0);
        QCOMPARE(r.maxAttempts, 5);
        QCOMPARE(r.createdMs, qint64(1000));
        QCOMPARE(r.etaSeconds, qint64(-1));

        // Every changing field written by update() comes back; usage only through addUsage().
        r.state = JobState::Failed;
        r.attempts = 4;
        r.maxAttempts = 6;
        r.progress = 0.625;
        r.progressText = QStringLiteral("Sample 62 of 100");
        r.etaSeconds = 321;
        r.error = QStringLiteral("The server answered 503.");
        r.result = QJsonObject{{QStringLiteral("samples"), 62}, {QStringLiteral("path"), QStringLiteral("/tmp/t.jsonl")}};
        r.startedMs = 1500;
        r.finishedMs = 2500;
        r.notBeforeMs = 9999;
        r.promptTokens = 111;   // ignored by update()
        QVERIFY(store.update(r).ok());
        QVERIFY(store.addUsage(r.id, 120, 30, 0.0125).ok());
        QVERIFY(store.addUsage(r.id, 80, 20, 0.0075).ok());

        const auto listed = store.list();
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 2);
        const JobRecord got = listed->at(0);
        QCOMPARE(got.state, JobState::Failed);
        QCOMPARE(got.attempts, 4);
        QCOMPARE(got.maxAttempts, 6);
        QCOMPARE(got.progress, 0.625);
        QCOMPARE(got.progressText, r.progressText);
        QCOMPARE(got.etaSeconds, qint64(321));
        QCOMPARE(got.error, r.error);
        QCOMPARE(got.result, r.result);
        QCOMPARE(got.startedMs, qint64(1500));
        QCOMPARE(got.finishedMs, qint64(2500));
        QCOMPARE(got.notBeforeMs, qint64(9999));
        QCOMPARE(got.promptTokens, qint64(200));
        QCOMPARE(got.completionTokens, qint64(50));
        QCOMPARE(got.costUsd, 0.02);
        QCOMPARE(got.createdMs, qint64(1000));

        const JobRecord dependent = listed->at(1);
        QCOMPARE(dependent.id, *b);
        QCOMPARE(dependent.kind, JobKind::FineTune);
        QCOMPARE(dependent.title, jobKindTitle(JobKind::FineTune));   // none given: the kind's
        QCOMPARE(dependent.resource, JobResource::Cpu);
        QCOMPARE(dependent.dependsOn, QList<qint64>{*a});
        QCOMPARE(dependent.position, 1);
        QCOMPARE(dependent.pipeline, QString());

        // Errors name what is wrong and write nothing.
        JobRecord ghost = r;
        ghost.id = 4242;
        QVERIFY(!store.update(ghost).ok());
        QVERIFY(!store.addUsage(4242, 1, 1, 1).ok());
        JobSpec unknown = spec(JobKind::Prepare);
        unknown.dependsOn = {4242};
        const auto refused = store.add(unknown, 1);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("4242")), qPrintable(refused.error().message));
        JobSpec noAttempts = spec(JobKind::Prepare);
        noAttempts.maxAttempts = 0;
        QVERIFY(!store.add(noAttempts, 1).ok());
        JobSpec byIndex = spec(JobKind::Prepare);
        byIndex.dependsOnIndex = {0};
        QVERIFY(!store.add(byIndex, 1).ok());   // indexes mean something only inside a pipeline
        QCOMPARE(store.list()->size(), 2);
        auto missing = store.find(4242);
        QVERIFY(missing.ok() && !missing->has_value());
    }

    void pipelineDependenciesByIndex()
    {
        JobStore store;
        QVERIFY(store.open(freshPath()).ok());
        const auto lone = store.add(spec(JobKind::Teacher), 1);
        QVERIFY(lone.ok());

        PipelineSpec pipeline;
        pipeline.name = QStringLiteral("chain-1");
        pipeline.jobs = {spec(JobKind::Prepare), spec(JobKind::FineTune), spec(JobKind::Fuse), spec(JobKind::Evaluate)};
        pipeline.jobs[0].dependsOn = {*lone};   // an existing job by id
        pipeline.jobs[1].dependsOnIndex = {0};
        pipeline.jobs[2].dependsOnIndex = {1};
        pipeline.jobs[3].dependsOnIndex = {2, 0};
        pipeline.jobs[3].pipeline = QStringLiteral("own");
        const auto ids = store.addPipeline(pipeline, 10);
        QVERIFY(ids.ok());
        QCOMPARE(ids->size(), 4);
        const auto jobs = store.list();
        QVERIFY(jobs.ok());
        QCOMPARE(idsOf(*jobs), (QList<qint64>{*lone, ids->at(0), ids->at(1), ids->at(2), ids->at(3)}));
        QCOMPARE(jobs->at(1).dependsOn, QList<qint64>{*lone});
        QCOMPARE(jobs->at(2).dependsOn, QList<qint64>{ids->at(0)});
        QCOMPARE(jobs->at(3).dependsOn, QList<qint64>{ids->at(1)});
        QCOMPARE(jobs->at(4).dependsOn, (QList<qint64>{ids->at(2), ids->at(0)}));
        QCOMPARE(jobs->at(1).pipeline, QStringLiteral("chain-1"));
        QCOMPARE(jobs->at(4).pipeline, QStringLiteral("own"));
        for (int i = 0; i < jobs->size(); ++i)
            QCOMPARE(jobs->at(i).position, i);

        // A forward or self reference is refused before anything is written; so is an unknown id,
        // and then the jobs before it in the same spec are rolled back too.
        PipelineSpec forward;
        forward.jobs = {spec(JobKind::Prepare), spec(JobKind::FineTune)};
        forward.jobs[0].dependsOnIndex = {1};
        QVERIFY(!store.addPipeline(forward, 1).ok());
        PipelineSpec self;
        self.jobs = {spec(JobKind::Prepare)};
        self.jobs[0].dependsOnIndex = {0};
        QVERIFY(!store.addPipeline(self, 1).ok());
        PipelineSpec badId;
        badId.jobs = {spec(JobKind::Prepare), spec(JobKind::FineTune)};
        badId.jobs[1].dependsOn = {999};
        QVERIFY(!store.addPipeline(badId, 1).ok());
        QVERIFY(!store.addPipeline(PipelineSpec(), 1).ok());
        QCOMPARE(store.list()->size(), 5);
    }

    void moveRenumbersTheQueue()
    {
        JobStore store;
        QVERIFY(store.open(freshPath()).ok());
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i)
            ids.append(*store.add(spec(JobKind::Prepare), i));
        QVERIFY(store.move(ids[3], 0).ok());
        QCOMPARE(idsOf(*store.list()), (QList<qint64>{ids[3], ids[0], ids[1], ids[2]}));
        QVERIFY(store.move(ids[3], 2).ok());
        QCOMPARE(idsOf(*store.list()), (QList<qint64>{ids[0], ids[1], ids[3], ids[2]}));
        QVERIFY(store.move(ids[0], 100).ok());   // clamped to the end
        QCOMPARE(idsOf(*store.list()), (QList<qint64>{ids[1], ids[3], ids[2], ids[0]}));
        QVERIFY(store.move(ids[0], -5).ok());    // clamped to the front
        const auto jobs = store.list();
        QCOMPARE(idsOf(*jobs), (QList<qint64>{ids[0], ids[1], ids[3], ids[2]}));
        for (int i = 0; i < jobs->size(); ++i)
            QCOMPARE(jobs->at(i).position, i);
        QVERIFY(!store.move(4242, 0).ok());
        // A job added later goes to the end.
        const qint64 later = *store.add(spec(JobKind::Fuse), 9);
        QCOMPARE(store.list()->last().id, later);
    }

    void removeRules()
    {
        JobStore store;
        QVERIFY(store.open(freshPath()).ok());
        PipelineSpec pipeline;
        pipeline.jobs = {spec(JobKind::Prepare), spec(JobKind::FineTune)};
        pipeline.jobs[1].dependsOnIndex = {0};
        const QList<qint64> ids = *store.addPipeline(pipeline, 1);
        const qint64 root = ids[0], leaf = ids[1];

        // Unfinished: refused.
        QVERIFY(!store.remove(root).ok());
        JobRecord r = **store.find(root);
        for (JobState state : {JobState::Running, JobState::Paused}) {
            r.state = state;
            QVERIFY(store.update(r).ok());
            QVERIFY(!store.remove(root).ok());
        }
        // Finished, but a job that may still run depends on it: refused, naming that job.
        r.state = JobState::Done;
        QVERIFY(store.update(r).ok());
        const Status refused = store.remove(root);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QString::number(leaf)), qPrintable(refused.error().message));
        JobRecord l = **store.find(leaf);
        l.state = JobState::Failed;   // can be retried: still refused
        QVERIFY(store.update(l).ok());
        QVERIFY(!store.remove(root).ok());

        // The dependent is Done: the root goes, with its log, metrics and dependency rows.
        l.state = JobState::Done;
        QVERIFY(store.update(l).ok());
        QList<JobLogLine> lines{{0, root, 1, JobLogStream::Info, QStringLiteral("a")}};
        QVERIFY(store.appendLogs(lines).ok());
        QVERIFY(store.appendMetrics({{root, QStringLiteral("train_loss"), 1, 2}}).ok());
        const Status removed = store.remove(root);
        QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().toString()));
        QVERIFY(!store.find(root)->has_value());
        QVERIFY(store.logs(root)->isEmpty());
        QVERIFY(store.metrics(root)->isEmpty());
        QVERIFY(store.find(leaf)->value().dependsOn.isEmpty());
        QVERIFY(store.remove(leaf).ok());
        QVERIFY(store.list()->isEmpty());
        QVERIFY(!store.remove(root).ok());   // gone
    }

    void recoverInterrupted()
    {
        JobStore store;
        QVERIFY(store.open(freshPath()).ok());
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i)
            ids.append(*store.add(spec(JobKind::Prepare), i));
        for (int i : {0, 2}) {
            JobRecord r = **store.find(ids[i]);
            r.state = JobState::Running;
            r.attempts = 1;
            r.etaSeconds = 50;
            QVERIFY(store.update(r).ok());
        }
        const auto recovered = store.recoverInterrupted();
        QVERIFY(recovered.ok());
        QCOMPARE(*recovered, (QList<qint64>{ids[0], ids[2]}));
        const QList<JobRecord> jobs = *store.list();
        for (const JobRecord &job : jobs) {
            QCOMPARE(job.state, JobState::Queued);
            QCOMPARE(job.etaSeconds, qint64(-1));
        }
        QCOMPARE(store.find(ids[0])->value().attempts, 1);   // the interrupted run still counts
        QVERIFY(store.recoverInterrupted()->isEmpty());
    }

    void ownerLiveness()
    {
        const QString me = processOwner(QStringLiteral("7"));
        const QStringList parts = me.split(QLatin1Char(':'));
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts.at(1), QString::number(QCoreApplication::applicationPid()));
        QCOMPARE(parts.at(3), QStringLiteral("7"));
        QVERIFY(ownerAlive(me));
        QVERIFY(ownerAlive(processOwner(QStringLiteral("another queue"))));   // the tag does not count
        QCOMPARE(parts.at(2), stateAndStart(QCoreApplication::applicationPid()).second);
        // This pid with another start time: a process that used the pid before.
        QVERIFY(!ownerAlive(ownerOf(QCoreApplication::applicationPid(), QString::number(parts.at(2).toLongLong() + 1))));
        // Another boot.
        QVERIFY(!ownerAlive(QStringList{QStringLiteral("00000000-0000-0000-0000-000000000000"), parts.at(1), parts.at(2),
                                        QStringLiteral("1")}
                                .join(QLatin1Char(':'))));
        QVERIFY(!ownerAlive(QString()));
        QVERIFY(!ownerAlive(QStringLiteral("garbage")));
        const qint64 gone = finishedPid();
        QVERIFY(gone > 0);
        QVERIFY(!ownerAlive(ownerOf(gone, QStringLiteral("1"))));

        // A child that ended but was not reaped is a zombie: dead, although its pid and start time match.
        const pid_t child = ::fork();
        if (child == 0) {
            ::pause();   // until killed
            ::_exit(0);
        }
        QVERIFY(child > 0);
        const auto stat = stateAndStart(child);
        QVERIFY(!stat.second.isEmpty());
        const QString owner = ownerOf(child, stat.second);
        QVERIFY(ownerAlive(owner));
        ::kill(child, SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(stateAndStart(child).first, QStringLiteral("Z"), 10000);
        QVERIFY(!ownerAlive(owner));
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(!ownerAlive(owner));
    }

    void claimIsTakenOnce()
    {
        const QString path = freshPath();
        JobStore a, b;
        QVERIFY(a.open(path).ok());
        QVERIFY(b.open(path).ok());
        const qint64 id = *a.add(spec(JobKind::Prepare), 1);
        JobRecord failed = **a.find(id);
        failed.error = QStringLiteral("The last run failed.");
        QVERIFY(a.update(failed).ok());
        const QString ownerA = processOwner(QStringLiteral("a")), ownerB = processOwner(QStringLiteral("b"));

        const auto first = a.claim(id, ownerA, 1000);
        QVERIFY(first.ok() && first->has_value());
        const JobRecord claimed = **first;
        QCOMPARE(claimed.state, JobState::Running);
        QCOMPARE(claimed.attempts, 1);
        QCOMPARE(claimed.startedMs, qint64(1000));
        QVERIFY(claimed.error.isEmpty());
        const auto second = b.claim(id, ownerB, 1001);
        QVERIFY(second.ok());
        QVERIFY(!second->has_value());   // the other connection had it
        QCOMPARE(b.find(id)->value().attempts, 1);
        QCOMPARE(b.runningOwner(id)->value(), ownerA);

        // A job waiting for its retry time is not claimed before it.
        const qint64 later = *a.add(spec(JobKind::Prepare), 1);
        JobRecord waiting = **a.find(later);
        waiting.notBeforeMs = 5000;
        QVERIFY(a.update(waiting).ok());
        QVERIFY(!a.claim(later, ownerA, 4999)->has_value());
        QVERIFY(a.claim(later, ownerA, 5000)->has_value());
        QVERIFY(!a.claim(4242, ownerA, 1)->has_value());
        QVERIFY(!a.claim(id, QString(), 1).ok());   // a claim needs a name
    }

    void guardedWritesAndStopRequests()
    {
        const QString path = freshPath();
        JobStore owner, other;
        QVERIFY(owner.open(path).ok());
        QVERIFY(other.open(path).ok());
        const QString me = processOwner(QStringLiteral("owner")), them = processOwner(QStringLiteral("other"));
        const qint64 id = *owner.add(spec(JobKind::Teacher), 1);
        JobLogLine early{0, id, 1, JobLogStream::Info, QStringLiteral("early")};
        QCOMPARE(*other.requestStop(id, true, early), StopAsk::NotRunning);   // Queued: nobody runs it
        JobRecord running = owner.claim(id, me, 10)->value();

        // The owner's progress goes in; someone else's write as owner does not.
        running.progress = 0.5;
        QList<qint64> skipped;
        QList<JobLogLine> none;
        QVERIFY(owner.writeBatch(none, {}, {running}, me, &skipped).ok());
        QVERIFY(skipped.isEmpty());
        QCOMPARE(other.find(id)->value().progress, 0.5);
        JobRecord stale = running;
        stale.progress = 0.9;
        QVERIFY(other.writeBatch(none, {}, {stale}, them, &skipped).ok());
        QCOMPARE(skipped, QList<qint64>{id});
        QCOMPARE(owner.find(id)->value().progress, 0.5);

        // A stop request from the other connection: asked once, cancel over pause, not pause over cancel.
        JobLogLine pauseLine{0, id, 11, JobLogStream::Info, QStringLiteral("pause asked")};
        QCOMPARE(*other.requestStop(id, false, pauseLine), StopAsk::Asked);
        QVERIFY(pauseLine.id > 0);
        QCOMPARE(owner.stopRequests(me)->value(id, true), false);
        JobLogLine cancelLine{0, id, 12, JobLogStream::Info, QStringLiteral("cancel asked")};
        QCOMPARE(*other.requestStop(id, true, cancelLine), StopAsk::Asked);
        QCOMPARE(owner.stopRequests(me)->value(id, false), true);
        JobLogLine again{0, id, 13, JobLogStream::Info, QStringLiteral("pause again")};
        QCOMPARE(*other.requestStop(id, false, again), StopAsk::BeingCanceled);
        QVERIFY(owner.stopRequests(them)->isEmpty());
        QCOMPARE(owner.logs(id)->size(), 2);

        // Someone else's guarded end of the run does not land; the owner's does and clears owner and request.
        JobRecord canceled = running;
        canceled.state = JobState::Canceled;
        QList<JobLogLine> lines{{0, id, 14, JobLogStream::Info, QStringLiteral("ended")}};
        QCOMPARE(*other.updateIf(canceled, JobState::Running, them, lines), false);
        QCOMPARE(other.find(id)->value().state, JobState::Running);
        QCOMPARE(*owner.updateIf(canceled, JobState::Running, me, lines), true);
        QVERIFY(lines.first().id > 0);
        QVERIFY(!owner.runningOwner(id)->has_value());
        QVERIFY(owner.stopRequests(me)->isEmpty());
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM distill_jobs WHERE owner IS NULL AND requested IS NULL")).toInt(), 1);
        // Not running any more: nothing to ask; a state guard that no longer holds writes nothing.
        JobLogLine late{0, id, 15, JobLogStream::Info, QStringLiteral("late")};
        QCOMPARE(*other.requestStop(id, true, late), StopAsk::NotRunning);
        JobRecord queued = canceled;
        queued.state = JobState::Queued;
        QList<JobLogLine> noLines;
        QCOMPARE(*other.updateIf(queued, JobState::Failed, QString(), noLines), false);
        QCOMPARE(*other.updateIf(queued, JobState::Canceled, QString(), noLines), true);
        queued.id = 4242;
        QVERIFY(!other.updateIf(queued, JobState::Queued, QString(), noLines).ok());   // no such job
    }

    void recoveryKeepsLiveOwners()
    {
        JobStore store;
        QVERIFY(store.open(freshPath()).ok());
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids.append(*store.add(spec(JobKind::Prepare), i));
        const qint64 gone = finishedPid();
        const QString start = processOwner(QStringLiteral("x")).section(QLatin1Char(':'), 2, 2);
        const QString reused = ownerOf(QCoreApplication::applicationPid(), QString::number(start.toLongLong() + 1));
        QVERIFY(store.claim(ids[0], processOwner(QStringLiteral("live")), 1)->has_value());
        QVERIFY(store.claim(ids[1], ownerOf(gone, QStringLiteral("1")), 1)->has_value());
        QVERIFY(store.claim(ids[2], reused, 1)->has_value());
        QVERIFY(store.claim(ids[3], reused, 1)->has_value());
        QVERIFY(store.claim(ids[4], reused, 1)->has_value());
        JobLogLine line{0, ids[3], 2, JobLogStream::Info, QStringLiteral("cancel")};
        QCOMPARE(*store.requestStop(ids[3], true, line), StopAsk::Asked);
        line = {0, ids[4], 2, JobLogStream::Info, QStringLiteral("pause")};
        QCOMPARE(*store.requestStop(ids[4], false, line), StopAsk::Asked);

        const auto recovered = store.recoverInterrupted();
        QVERIFY(recovered.ok());
        QCOMPARE(*recovered, ids.mid(1));
        QCOMPARE(store.find(ids[0])->value().state, JobState::Running);   // its queue lives
        QCOMPARE(store.find(ids[1])->value().state, JobState::Queued);
        QCOMPARE(store.find(ids[1])->value().attempts, 1);
        QCOMPARE(store.find(ids[2])->value().state, JobState::Queued);
        // What had been asked of the dead queue holds.
        const JobRecord canceled = store.find(ids[3])->value();
        QCOMPARE(canceled.state, JobState::Canceled);
        QVERIFY(canceled.finishedMs > 1600000000000);
        const JobRecord paused = store.find(ids[4])->value();
        QCOMPARE(paused.state, JobState::Paused);
        QCOMPARE(paused.attempts, 0);
        QVERIFY(store.recoverInterrupted()->isEmpty());
        // A caller may judge liveness itself (a queue knows which of its own jobs it runs).
        QCOMPARE(*store.recoverInterrupted([](qint64, const QString &) { return false; }), QList<qint64>{ids[0]});
    }

    void logAndMetricBatches()
    {
        JobStore store;
        QVERIFY(store.open(freshPath()).ok());
        const qint64 a = *store.add(spec(JobKind::FineTune), 1);
        const qint64 b = *store.add(spec(JobKind::Teacher), 1);
        QList<JobLogLine> lines;
        for (int i = 0; i < 250; ++i)
            lines.append({0, i % 2 ? b : a, 1000 + i, i % 3 == 0 ? JobLogStream::Err : JobLogStream::Out,
                          QStringLiteral("line %1").arg(i)});
        QVERIFY(store.appendLogs(lines).ok());
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY(lines[i].id > lines[i - 1].id);   // ids set, increasing

        const auto all = store.logs(a);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 125);
        QCOMPARE(all->first().text, QStringLiteral("line 0"));
        QCOMPARE(all->first().stream, JobLogStream::Err);
        QCOMPARE(all->first().timeMs, qint64(1000));
        QCOMPARE(all->first().jobId, a);
        QCOMPARE(all->at(1).stream, JobLogStream::Out);
        const auto page = store.logs(a, all->at(9).id, 5);   // after id, limit
        QCOMPARE(page->size(), 5);
        QCOMPARE(page->first().id, all->at(10).id);
        QCOMPARE(page->last().text, all->at(14).text);
        QVERIFY(store.logs(a, all->last().id)->isEmpty());

        // Batch plus records in one transaction.
        QList<JobLogLine> more{{0, a, 5, JobLogStream::Info, QStringLiteral("Iter 10: Train loss 1.5")}};
        JobRecord r = **store.find(a);
        r.progress = 0.25;
        QList<JobMetricPoint> points;
        for (int i = 0; i < 40; ++i)
            points.append({a, i % 2 ? QStringLiteral("val_loss") : QStringLiteral("train_loss"), double(i * 10), 2.0 - i * 0.01});
        QVERIFY(store.writeBatch(more, points, {r}).ok());
        QVERIFY(more.first().id > all->last().id);
        QCOMPARE(store.find(a)->value().progress, 0.25);
        const auto curve = store.metrics(a);
        QCOMPARE(curve->size(), 40);
        QCOMPARE(curve->at(3).series, QStringLiteral("val_loss"));
        QCOMPARE(curve->at(3).step, 30.0);
        QCOMPARE(curve->at(3).value, 1.97);
        QVERIFY(store.metrics(b)->isEmpty());

        // A batch for a job that does not exist fails as a whole (foreign keys on).
        QList<JobLogLine> orphan{{0, a, 1, JobLogStream::Info, QStringLiteral("kept?")},
                                 {0, 4242, 1, JobLogStream::Info, QStringLiteral("orphan")}};
        QVERIFY(!store.appendLogs(orphan).ok());
        QCOMPARE(store.logs(a)->size(), 126);
    }

    void reopeningGivesTheSameData()
    {
        const QString path = freshPath();
        QList<JobRecord> before;
        QList<JobLogLine> logsBefore;
        QList<JobMetricPoint> metricsBefore;
        qint64 versionSeen = -1;
        {
            JobStore store;
            QVERIFY(store.open(path).ok());
            PipelineSpec pipeline;
            pipeline.name = QStringLiteral("keep");
            pipeline.jobs = {spec(JobKind::Teacher, QStringLiteral("T")), spec(JobKind::Prepare), spec(JobKind::Evaluate)};
            pipeline.jobs[0].params = QJsonObject{{QStringLiteral("samples"), 7}};
            pipeline.jobs[1].dependsOnIndex = {0};
            pipeline.jobs[2].dependsOnIndex = {1, 0};
            const QList<qint64> ids = *store.addPipeline(pipeline, 77);
            JobRecord r = **store.find(ids[0]);
            r.state = JobState::Done;
            r.result = QJsonObject{{QStringLiteral("out"), QStringLiteral("x")}};
            r.progress = 1;
            QVERIFY(store.update(r).ok());
            QVERIFY(store.addUsage(ids[0], 10, 20, 0.5).ok());
            QVERIFY(store.move(ids[2], 0).ok());
            QList<JobLogLine> lines{{0, ids[0], 3, JobLogStream::Info, QStringLiteral("hello")}};
            QVERIFY(store.appendLogs(lines).ok());
            QVERIFY(store.appendMetrics({{ids[1], QStringLiteral("m"), 1, 0.5}}).ok());
            before = *store.list();
            logsBefore = *store.logs(ids[0]);
            metricsBefore = *store.metrics(ids[1]);
            versionSeen = store.dataVersion();
            QVERIFY(versionSeen >= 0);

            // Another connection's commit changes the version this one sees; its own do not.
            JobStore other;
            QVERIFY(other.open(path).ok());
            QVERIFY(other.addUsage(ids[0], 1, 0, 0).ok());
            QVERIFY(store.dataVersion() != versionSeen);
        }
        JobStore reopened;
        QVERIFY(reopened.open(path).ok());
        const QList<JobRecord> after = *reopened.list();
        QCOMPARE(after.size(), before.size());
        for (int i = 0; i < after.size(); ++i) {
            QJsonObject expected = before[i].toJson();
            if (i == 1)   // the job the other connection added a token to
                expected[QStringLiteral("prompt_tokens")] = before[i].promptTokens + 1;
            QCOMPARE(after[i].toJson(), expected);
        }
        QCOMPARE(after[1].dependsOn, QList<qint64>());
        QCOMPARE(after[0].dependsOn, (QList<qint64>{after[2].id, after[1].id}));
        const auto logs = *reopened.logs(after[1].id);
        QCOMPARE(logs.size(), logsBefore.size());
        QCOMPARE(logs.first().id, logsBefore.first().id);
        QCOMPARE(logs.first().text, logsBefore.first().text);
        const auto points = *reopened.metrics(after[2].id);
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.first().value, metricsBefore.first().value);
    }
};

QTEST_GUILESS_MAIN(TestJobStore)
#include "test_job_store.moc"
