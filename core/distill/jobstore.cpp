#include "jobstore.h"

#include "common/logging.h"
#include "common/sqlitefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <functional>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <csignal>
#include <unistd.h>
#endif

namespace apedesk::distill {

namespace {


// The queue's schema version, in the app database's shared `meta` table under its own key (as the
// swap store and the decision journal do): PRAGMA user_version is one number for the whole file,
// which every module sharing apedesk.sqlite would have to agree on.
constexpr int kSchemaVersion = 1;
const QLatin1String kSchemaKey("distill_schema");

QString tr(const char *text) { return QCoreApplication::translate("apedesk::distill::JobStore", text); }

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error::make(Error::Kind::Io, tr("The job queue database could not be used: %1.").arg(what), error.text());
}

Error notOpen() { return Error::make(Error::Kind::Usage, tr("The job queue database is not open.")); }

Error noSuchJob(qint64 id) { return Error::make(Error::Kind::Usage, tr("There is no job %1.").arg(id)); }

Error damagedRow(qint64 id, const QString &what)
{
    return Error::make(Error::Kind::Format, tr("The job queue database holds a damaged row."),
                       QStringLiteral("job %1: %2").arg(id).arg(what));
}

QStringList schema()
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS distill_jobs ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " kind TEXT NOT NULL, title TEXT NOT NULL, state TEXT NOT NULL, resource TEXT NOT NULL,"
                       " params TEXT NOT NULL,"          // JSON object
                       " pipeline TEXT NOT NULL, position INTEGER NOT NULL,"
                       " attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL,"
                       " progress REAL NOT NULL, progress_text TEXT NOT NULL, eta_seconds INTEGER NOT NULL,"
                       " prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,"
                       " error TEXT NOT NULL,"
                       " result TEXT NOT NULL,"          // JSON object
                       " created_ms INTEGER NOT NULL, started_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL,"
                       " not_before_ms INTEGER NOT NULL,"
                       " owner TEXT,"                    // processOwner() of the queue running it; NULL otherwise
                       " requested TEXT)"),              // NULL, 'cancel' or 'pause': asked by another process
        QStringLiteral("CREATE INDEX IF NOT EXISTS distill_jobs_by_position ON distill_jobs (position, id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS distill_jobs_by_state ON distill_jobs (state)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS distill_job_deps ("
                       " job_id INTEGER NOT NULL REFERENCES distill_jobs (id) ON DELETE CASCADE,"
                       " depends_on INTEGER NOT NULL REFERENCES distill_jobs (id) ON DELETE CASCADE,"
                       " PRIMARY KEY (job_id, depends_on))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS distill_job_deps_by_dependency ON distill_job_deps (depends_on)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS distill_job_logs ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " job_id INTEGER NOT NULL REFERENCES distill_jobs (id) ON DELETE CASCADE,"
                       " time_ms INTEGER NOT NULL, stream TEXT NOT NULL, text TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS distill_job_logs_by_job ON distill_job_logs (job_id, id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS distill_job_metrics ("
                       " job_id INTEGER NOT NULL REFERENCES distill_jobs (id) ON DELETE CASCADE,"
                       " series TEXT NOT NULL, step REAL NOT NULL, value REAL NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS distill_job_metrics_by_job ON distill_job_metrics (job_id)"),
    };
}

// The column order of every job SELECT; recordFromRow reads by these indexes.
const QLatin1String kJobColumns("id, kind, title, state, resource, params, pipeline, position, attempts, max_attempts,"
                                " progress, progress_text, eta_seconds, prompt_tokens, completion_tokens, cost_usd,"
                                " error, result, created_ms, started_ms, finished_ms, not_before_ms");

// The driver binds a null QString as SQL NULL; the text columns are NOT NULL.
QVariant text(const QString &value) { return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value); }

QString compact(const QJsonObject &object) { return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)); }

QString streamKey(JobLogStream stream)
{
    switch (stream) {
    case JobLogStream::Info: return QStringLiteral("info");
    case JobLogStream::Out: return QStringLiteral("out");
    case JobLogStream::Err: return QStringLiteral("err");
    }
    return QStringLiteral("info");
}

JobLogStream streamFromKey(const QString &key)
{
    if (key == QLatin1String("out"))
        return JobLogStream::Out;
    if (key == QLatin1String("err"))
        return JobLogStream::Err;
    return JobLogStream::Info;
}

Result<QJsonObject> objectFrom(const QString &json, qint64 id, const char *column)
{
    if (json.isEmpty())
        return QJsonObject();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return damagedRow(id, QStringLiteral("%1 is not a JSON object").arg(QLatin1String(column)));
    return document.object();
}

Result<JobRecord> recordFromRow(const QSqlQuery &q)
{
    JobRecord r;
    r.id = q.value(0).toLongLong();
    const auto kind = jobKindFromKey(q.value(1).toString());
    const auto state = jobStateFromKey(q.value(3).toString());
    const auto resource = jobResourceFromKey(q.value(4).toString());
    if (!kind || !state || !resource)
        return damagedRow(r.id, QStringLiteral("unknown kind, state or resource"));
    r.kind = *kind;
    r.title = q.value(2).toString();
    if (r.title.isEmpty())   // a job added without a title shows its kind's, in the language of now
        r.title = jobKindTitle(r.kind);
    r.state = *state;
    r.resource = *resource;
    auto params = objectFrom(q.value(5).toString(), r.id, "params");
    if (!params)
        return params.error();
    r.params = *params;
    r.pipeline = q.value(6).toString();
    r.position = q.value(7).toInt();
    r.attempts = q.value(8).toInt();
    r.maxAttempts = q.value(9).toInt();
    r.progress = q.value(10).toDouble();
    r.progressText = q.value(11).toString();
    r.etaSeconds = q.value(12).toLongLong();
    r.promptTokens = q.value(13).toLongLong();
    r.completionTokens = q.value(14).toLongLong();
    r.costUsd = q.value(15).toDouble();
    r.error = q.value(16).toString();
    auto result = objectFrom(q.value(17).toString(), r.id, "result");
    if (!result)
        return result.error();
    r.result = *result;
    r.createdMs = q.value(18).toLongLong();
    r.startedMs = q.value(19).toLongLong();
    r.finishedMs = q.value(20).toLongLong();
    r.notBeforeMs = q.value(21).toLongLong();
    return r;
}

bool isUnfinished(const QString &stateKey)
{
    const auto state = jobStateFromKey(stateKey);
    return state && (*state == JobState::Queued || *state == JobState::Running || *state == JobState::Paused);
}

} // namespace

JobStore::JobStore() = default;

JobStore::~JobStore() { close(); }

void JobStore::close()
{
    closeSqliteConnection(m_connection);
    m_path.clear();
}

bool JobStore::isOpen() const
{
    return !m_connection.isEmpty() && QSqlDatabase::database(m_connection, false).isOpen();
}

Status JobStore::open(const QString &path)
{
    close();
    // foreign_keys is per connection and off by default: deleting a job cascades to its dependency rows.
    auto opened = openSqliteFile(path, QStringLiteral("apedesk-distill-jobs-"),
                                 {QString(kSchemaKey), kSchemaVersion, schema(), tr("the job queue database")},
                                 {QStringLiteral("PRAGMA foreign_keys=ON")});
    if (!opened) {
        qCWarning(lcDistill) << "job store:" << opened.error().toString();
        return opened.error();
    }
    m_connection = std::move(opened).value();
    m_path = path;
    return {};
}

Status JobStore::transaction(const std::function<Status()> &work)
{
    if (m_connection.isEmpty())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // IMMEDIATE takes the write lock up front (waiting up to the busy timeout): a deferred transaction
    // that reads first cannot upgrade while another connection writes, and SQLite would fail it at once.
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(tr("starting a write"), begin.lastError());
    const Status status = work();
    QSqlQuery end(db);
    if (!status.ok()) {
        end.exec(QStringLiteral("ROLLBACK"));
        return status;
    }
    if (!end.exec(QStringLiteral("COMMIT"))) {
        const QSqlError error = end.lastError();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return sqlError(tr("saving a change"), error);
    }
    return {};
}

Result<qint64> JobStore::insertJob(const JobSpec &spec, const QList<qint64> &dependencies, const QString &pipeline,
                                   int position, qint64 nowMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (spec.maxAttempts < 1)
        return Error::make(Error::Kind::Usage, tr("A job needs at least one attempt (max attempts is %1).").arg(spec.maxAttempts));
    for (qint64 dependency : dependencies) {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT 1 FROM distill_jobs WHERE id = ?"));
        exists.addBindValue(dependency);
        if (!exists.exec())
            return sqlError(tr("checking a dependency"), exists.lastError());
        if (!exists.next())
            return Error::make(Error::Kind::Usage,
                               tr("The job depends on job %1, which does not exist.").arg(dependency));
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO distill_jobs (kind, title, state, resource, params, pipeline, position,"
                             " attempts, max_attempts, progress, progress_text, eta_seconds, prompt_tokens,"
                             " completion_tokens, cost_usd, error, result, created_ms, started_ms, finished_ms,"
                             " not_before_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0, '', -1, 0, 0, 0, '', '{}', ?, 0, 0, 0)"));
    q.addBindValue(jobKindKey(spec.kind));
    q.addBindValue(text(spec.title));
    q.addBindValue(jobStateKey(JobState::Queued));
    q.addBindValue(jobResourceKey(spec.resource.value_or(defaultResource(spec.kind))));
    q.addBindValue(compact(spec.params));
    q.addBindValue(text(pipeline));
    q.addBindValue(position);
    q.addBindValue(spec.maxAttempts);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(tr("adding a job"), q.lastError());
    const qint64 id = q.lastInsertId().toLongLong();
    for (qint64 dependency : dependencies) {
        QSqlQuery dep(db);
        dep.prepare(QStringLiteral("INSERT OR IGNORE INTO distill_job_deps (job_id, depends_on) VALUES (?, ?)"));
        dep.addBindValue(id);
        dep.addBindValue(dependency);
        if (!dep.exec())
            return sqlError(tr("adding a job's dependencies"), dep.lastError());
    }
    return id;
}

Result<qint64> JobStore::add(const JobSpec &spec, qint64 nowMs)
{
    if (!spec.dependsOnIndex.isEmpty())
        return Error::make(Error::Kind::Usage, tr("Dependencies by index are only allowed inside a pipeline."));
    PipelineSpec single;
    single.name = spec.pipeline;
    single.jobs = {spec};
    auto ids = addPipeline(single, nowMs);
    if (!ids)
        return ids.error();
    return ids->first();
}

Result<QList<qint64>> JobStore::addPipeline(const PipelineSpec &pipeline, qint64 nowMs)
{
    if (!isOpen())
        return notOpen();
    if (pipeline.jobs.isEmpty())
        return Error::make(Error::Kind::Usage, tr("The pipeline has no jobs."));
    // Checked before writing anything, so the message names the job by its place in the spec.
    for (int i = 0; i < pipeline.jobs.size(); ++i)
        for (int index : pipeline.jobs.at(i).dependsOnIndex)
            if (index < 0 || index >= i)
                return Error::make(Error::Kind::Usage,
                                   tr("Job %1 of the pipeline depends on job %2; a job can only depend on an earlier one.")
                                       .arg(i + 1)
                                       .arg(index + 1));
    QList<qint64> ids;
    const Status written = transaction([&]() -> Status {
        QSqlQuery last(QSqlDatabase::database(m_connection, false));
        if (!last.exec(QStringLiteral("SELECT COALESCE(MAX(position), -1) FROM distill_jobs")) || !last.next())
            return sqlError(tr("reading the queue order"), last.lastError());
        int position = last.value(0).toInt() + 1;
        last.finish();
        for (const JobSpec &spec : pipeline.jobs) {
            QList<qint64> dependencies;
            for (qint64 dependency : spec.dependsOn)
                if (!dependencies.contains(dependency))
                    dependencies.append(dependency);
            for (int index : spec.dependsOnIndex)
                if (!dependencies.contains(ids.at(index)))
                    dependencies.append(ids.at(index));
            auto id = insertJob(spec, dependencies, spec.pipeline.isEmpty() ? pipeline.name : spec.pipeline,
                                position++, nowMs);
            if (!id)
                return id.error();
            ids.append(*id);
        }
        return {};
    });
    if (!written)
        return written.error();
    return ids;
}

Result<std::optional<JobRecord>> JobStore::find(qint64 id) const
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + kJobColumns + QStringLiteral(" FROM distill_jobs WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(tr("reading a job"), q.lastError());
    if (!q.next())
        return std::optional<JobRecord>();
    auto record = recordFromRow(q);
    if (!record)
        return record.error();
    q.finish();
    QSqlQuery deps(db);
    deps.prepare(QStringLiteral("SELECT depends_on FROM distill_job_deps WHERE job_id = ? ORDER BY rowid"));
    deps.addBindValue(id);
    if (!deps.exec())
        return sqlError(tr("reading a job's dependencies"), deps.lastError());
    while (deps.next())
        record->dependsOn.append(deps.value(0).toLongLong());
    return std::optional<JobRecord>(std::move(record).value());
}

Result<QList<JobRecord>> JobStore::list() const
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QHash<qint64, QList<qint64>> dependencies;
    {
        QSqlQuery deps(db);
        deps.setForwardOnly(true);
        if (!deps.exec(QStringLiteral("SELECT job_id, depends_on FROM distill_job_deps ORDER BY rowid")))
            return sqlError(tr("reading dependencies"), deps.lastError());
        while (deps.next())
            dependencies[deps.value(0).toLongLong()].append(deps.value(1).toLongLong());
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + kJobColumns + QStringLiteral(" FROM distill_jobs ORDER BY position, id")))
        return sqlError(tr("reading the jobs"), q.lastError());
    QList<JobRecord> out;
    while (q.next()) {
        auto record = recordFromRow(q);
        if (!record)
            return record.error();
        record->dependsOn = dependencies.value(record->id);
        out.append(std::move(record).value());
    }
    return out;
}

Result<bool> JobStore::updateRow(const JobRecord &r, std::optional<JobState> expected, const QString &owner)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    // Leaving Running ends the run: nobody owns the row any more and its stop request is answered.
    q.prepare(QStringLiteral("UPDATE distill_jobs SET state = ?, attempts = ?, max_attempts = ?, progress = ?,"
                             " progress_text = ?, eta_seconds = ?, error = ?, result = ?, started_ms = ?,"
                             " finished_ms = ?, not_before_ms = ?")
              + (r.state == JobState::Running ? QString() : QStringLiteral(", owner = NULL, requested = NULL"))
              + QStringLiteral(" WHERE id = ?") + (expected ? QStringLiteral(" AND state = ?") : QString())
              + (owner.isEmpty() ? QString() : QStringLiteral(" AND owner = ?")));
    q.addBindValue(jobStateKey(r.state));
    q.addBindValue(r.attempts);
    q.addBindValue(r.maxAttempts);
    q.addBindValue(r.progress);
    q.addBindValue(text(r.progressText));
    q.addBindValue(r.etaSeconds);
    q.addBindValue(text(r.error));
    q.addBindValue(compact(r.result));
    q.addBindValue(r.startedMs);
    q.addBindValue(r.finishedMs);
    q.addBindValue(r.notBeforeMs);
    q.addBindValue(r.id);
    if (expected)
        q.addBindValue(jobStateKey(*expected));
    if (!owner.isEmpty())
        q.addBindValue(owner);
    if (!q.exec())
        return sqlError(tr("saving job %1").arg(r.id), q.lastError());
    if (q.numRowsAffected() == 1)
        return true;
    if (!expected && owner.isEmpty())
        return noSuchJob(r.id);
    return false;
}

Status JobStore::update(const JobRecord &record)
{
    if (!isOpen())
        return notOpen();
    auto written = updateRow(record);   // one statement: its own transaction
    if (!written)
        return written.error();
    return {};
}

Result<bool> JobStore::updateIf(const JobRecord &record, JobState expected, const QString &owner, QList<JobLogLine> &lines)
{
    if (!isOpen())
        return notOpen();
    QList<JobLogLine> staged = lines;   // ids only once the transaction stands
    bool matched = false;
    const Status written = transaction([&]() -> Status {
        auto updated = updateRow(record, expected, owner);
        if (!updated)
            return updated.error();
        matched = *updated;
        if (!matched) {
            // Tell a vanished job from a changed one.
            auto found = find(record.id);
            if (!found)
                return found.error();
            if (!*found)
                return noSuchJob(record.id);
            return {};
        }
        return insertLogs(staged);
    });
    if (!written)
        return written.error();
    if (matched)
        lines = staged;
    return matched;
}

Result<std::optional<JobRecord>> JobStore::claim(qint64 id, const QString &owner, qint64 nowMs)
{
    if (!isOpen())
        return notOpen();
    if (owner.isEmpty())
        return Error::make(Error::Kind::Usage, tr("A job can only be claimed by a named queue."));
    std::optional<JobRecord> claimed;
    const Status written = transaction([&]() -> Status {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        // The state test is what makes this atomic: of two connections, the second finds it Running.
        q.prepare(QStringLiteral("UPDATE distill_jobs SET state = 'running', owner = ?, requested = NULL,"
                                 " attempts = attempts + 1, started_ms = ?, finished_ms = 0, not_before_ms = 0,"
                                 " eta_seconds = -1, error = '' WHERE id = ? AND state = 'queued' AND not_before_ms <= ?"));
        q.addBindValue(owner);
        q.addBindValue(nowMs);
        q.addBindValue(id);
        q.addBindValue(nowMs);
        if (!q.exec())
            return sqlError(tr("starting job %1").arg(id), q.lastError());
        if (q.numRowsAffected() != 1)
            return {};
        auto found = find(id);
        if (!found)
            return found.error();
        claimed = *found;
        return {};
    });
    if (!written)
        return written.error();
    return claimed;
}

Result<std::optional<QString>> JobStore::runningOwner(qint64 id) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT state, owner FROM distill_jobs WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(tr("reading a job"), q.lastError());
    if (!q.next())
        return noSuchJob(id);
    if (q.value(0).toString() != jobStateKey(JobState::Running))
        return std::optional<QString>();
    return std::optional<QString>(q.value(1).toString());
}

Result<StopAsk> JobStore::requestStop(qint64 id, bool cancel, JobLogLine &line)
{
    if (!isOpen())
        return notOpen();
    StopAsk answer = StopAsk::NotRunning;
    const Status written = transaction([&]() -> Status {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery read(db);
        read.prepare(QStringLiteral("SELECT state, requested FROM distill_jobs WHERE id = ?"));
        read.addBindValue(id);
        if (!read.exec())
            return sqlError(tr("reading a job"), read.lastError());
        if (!read.next())
            return noSuchJob(id);
        const bool running = read.value(0).toString() == jobStateKey(JobState::Running);
        const bool canceling = read.value(1).toString() == QLatin1String("cancel");
        read.finish();
        if (!running)
            return {};
        if (!cancel && canceling) {
            answer = StopAsk::BeingCanceled;
            return {};
        }
        QSqlQuery set(db);
        set.prepare(QStringLiteral("UPDATE distill_jobs SET requested = ? WHERE id = ?"));
        set.addBindValue(cancel ? QStringLiteral("cancel") : QStringLiteral("pause"));
        set.addBindValue(id);
        if (!set.exec())
            return sqlError(tr("asking job %1 to stop").arg(id), set.lastError());
        QList<JobLogLine> lines{line};
        if (Status s = insertLogs(lines); !s)
            return s;
        line.id = lines.first().id;
        answer = StopAsk::Asked;
        return {};
    });
    if (!written)
        return written.error();
    return answer;
}

Result<QHash<qint64, bool>> JobStore::stopRequests(const QString &owner) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, requested FROM distill_jobs WHERE state = 'running' AND owner = ?"
                             " AND requested IS NOT NULL"));
    q.addBindValue(owner);
    if (!q.exec())
        return sqlError(tr("reading requests to stop jobs"), q.lastError());
    QHash<qint64, bool> requests;
    while (q.next())
        requests.insert(q.value(0).toLongLong(), q.value(1).toString() == QLatin1String("cancel"));
    return requests;
}

Status JobStore::addUsage(qint64 id, qint64 promptTokens, qint64 completionTokens, double costUsd)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE distill_jobs SET prompt_tokens = prompt_tokens + ?,"
                             " completion_tokens = completion_tokens + ?, cost_usd = cost_usd + ? WHERE id = ?"));
    q.addBindValue(promptTokens);
    q.addBindValue(completionTokens);
    q.addBindValue(costUsd);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(tr("saving the usage of job %1").arg(id), q.lastError());
    if (q.numRowsAffected() != 1)
        return noSuchJob(id);
    return {};
}

Status JobStore::insertLogs(QList<JobLogLine> &lines)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO distill_job_logs (job_id, time_ms, stream, text) VALUES (?, ?, ?, ?)"));
    for (JobLogLine &line : lines) {
        q.bindValue(0, line.jobId);
        q.bindValue(1, line.timeMs);
        q.bindValue(2, streamKey(line.stream));
        q.bindValue(3, text(line.text));
        if (!q.exec())
            return sqlError(tr("writing the log of job %1").arg(line.jobId), q.lastError());
        line.id = q.lastInsertId().toLongLong();
    }
    return {};
}

Status JobStore::insertMetrics(const QList<JobMetricPoint> &points)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO distill_job_metrics (job_id, series, step, value) VALUES (?, ?, ?, ?)"));
    for (const JobMetricPoint &point : points) {
        q.bindValue(0, point.jobId);
        q.bindValue(1, text(point.series));
        q.bindValue(2, point.step);
        q.bindValue(3, point.value);
        if (!q.exec())
            return sqlError(tr("writing the curves of job %1").arg(point.jobId), q.lastError());
    }
    return {};
}

Status JobStore::appendLogs(QList<JobLogLine> &lines)
{
    if (lines.isEmpty())
        return {};
    return transaction([&] { return insertLogs(lines); });
}

Status JobStore::appendMetrics(const QList<JobMetricPoint> &points)
{
    if (points.isEmpty())
        return {};
    return transaction([&] { return insertMetrics(points); });
}

Status JobStore::writeBatch(QList<JobLogLine> &lines, const QList<JobMetricPoint> &points, const QList<JobRecord> &records,
                           const QString &owner, QList<qint64> *skipped)
{
    if (lines.isEmpty() && points.isEmpty() && records.isEmpty())
        return {};
    QList<JobLogLine> staged = lines;   // ids only once the transaction stands
    QList<qint64> notOwned;
    const Status written = transaction([&]() -> Status {
        notOwned.clear();
        if (Status s = insertLogs(staged); !s)
            return s;
        if (Status s = insertMetrics(points); !s)
            return s;
        for (const JobRecord &record : records) {
            auto updated = owner.isEmpty() ? updateRow(record) : updateRow(record, JobState::Running, owner);
            if (!updated)
                return updated.error();
            if (!*updated)
                notOwned.append(record.id);
        }
        return {};
    });
    if (written) {
        lines = staged;
        if (skipped)
            *skipped = notOwned;
    }
    return written;
}

Result<QList<JobLogLine>> JobStore::logs(qint64 jobId, qint64 afterId, int limit) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, time_ms, stream, text FROM distill_job_logs WHERE job_id = ? AND id > ?"
                             " ORDER BY id")
              + (limit > 0 ? QStringLiteral(" LIMIT %1").arg(limit) : QString()));
    q.addBindValue(jobId);
    q.addBindValue(afterId);
    if (!q.exec())
        return sqlError(tr("reading the log of job %1").arg(jobId), q.lastError());
    QList<JobLogLine> out;
    while (q.next()) {
        JobLogLine line;
        line.id = q.value(0).toLongLong();
        line.jobId = jobId;
        line.timeMs = q.value(1).toLongLong();
        line.stream = streamFromKey(q.value(2).toString());
        line.text = q.value(3).toString();
        out.append(line);
    }
    return out;
}

Result<QList<JobMetricPoint>> JobStore::metrics(qint64 jobId) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT series, step, value FROM distill_job_metrics WHERE job_id = ? ORDER BY rowid"));
    q.addBindValue(jobId);
    if (!q.exec())
        return sqlError(tr("reading the curves of job %1").arg(jobId), q.lastError());
    QList<JobMetricPoint> out;
    while (q.next())
        out.append({jobId, q.value(0).toString(), q.value(1).toDouble(), q.value(2).toDouble()});
    return out;
}

Status JobStore::move(qint64 id, int toIndex)
{
    if (!isOpen())
        return notOpen();
    return transaction([&]() -> Status {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QList<qint64> order;
        QHash<qint64, int> positions;
        {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (!q.exec(QStringLiteral("SELECT id, position FROM distill_jobs ORDER BY position, id")))
                return sqlError(tr("reading the queue order"), q.lastError());
            while (q.next()) {
                order.append(q.value(0).toLongLong());
                positions.insert(order.last(), q.value(1).toInt());
            }
        }
        const int from = int(order.indexOf(id));
        if (from < 0)
            return noSuchJob(id);
        order.removeAt(from);
        order.insert(std::clamp(toIndex, 0, int(order.size())), id);
        QSqlQuery set(db);
        set.prepare(QStringLiteral("UPDATE distill_jobs SET position = ? WHERE id = ?"));
        for (int i = 0; i < order.size(); ++i) {
            if (positions.value(order.at(i)) == i)
                continue;
            set.bindValue(0, i);
            set.bindValue(1, order.at(i));
            if (!set.exec())
                return sqlError(tr("writing the queue order"), set.lastError());
        }
        return {};
    });
}

Status JobStore::remove(qint64 id)
{
    if (!isOpen())
        return notOpen();
    return transaction([&]() -> Status {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery job(db);
        job.prepare(QStringLiteral("SELECT state FROM distill_jobs WHERE id = ?"));
        job.addBindValue(id);
        if (!job.exec())
            return sqlError(tr("reading a job"), job.lastError());
        if (!job.next())
            return noSuchJob(id);
        const QString state = job.value(0).toString();
        job.finish();
        if (isUnfinished(state))
            return Error::make(Error::Kind::Usage,
                               tr("Job %1 is %2; only a finished job can be removed.")
                                   .arg(id)
                                   .arg(jobStateTitle(jobStateFromKey(state).value_or(JobState::Queued)).toLower()));
        // A dependent that is not Done may still run (a Failed or Canceled one can be retried) and
        // must keep its dependency.
        QSqlQuery dependents(db);
        dependents.prepare(QStringLiteral("SELECT j.id FROM distill_job_deps d JOIN distill_jobs j ON j.id = d.job_id"
                                          " WHERE d.depends_on = ? AND j.state <> 'done' ORDER BY j.id LIMIT 1"));
        dependents.addBindValue(id);
        if (!dependents.exec())
            return sqlError(tr("reading a job's dependents"), dependents.lastError());
        if (dependents.next())
            return Error::make(Error::Kind::Usage, tr("Job %1 cannot be removed: job %2 depends on it and may still run.")
                                                       .arg(id)
                                                       .arg(dependents.value(0).toLongLong()));
        dependents.finish();
        const QStringList deletes{
            QStringLiteral("DELETE FROM distill_job_logs WHERE job_id = ?"),
            QStringLiteral("DELETE FROM distill_job_metrics WHERE job_id = ?"),
            QStringLiteral("DELETE FROM distill_job_deps WHERE job_id = ?"),
            QStringLiteral("DELETE FROM distill_job_deps WHERE depends_on = ?"),
            QStringLiteral("DELETE FROM distill_jobs WHERE id = ?"),
        };
        for (const QString &sql : deletes) {
            QSqlQuery q(db);
            q.prepare(sql);
            q.addBindValue(id);
            if (!q.exec())
                return sqlError(tr("removing job %1").arg(id), q.lastError());
        }
        return {};
    });
}

Result<QList<qint64>> JobStore::recoverInterrupted(const std::function<bool(qint64, const QString &)> &stillRunning)
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QList<qint64> ids;
    const auto collect = [&]() -> Status {
        ids.clear();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, owner FROM distill_jobs WHERE state = 'running' ORDER BY position, id")))
            return sqlError(tr("reading interrupted jobs"), q.lastError());
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const QString owner = q.value(1).toString();
            const bool running = stillRunning ? stillRunning(id, owner) : (!owner.isEmpty() && ownerAlive(owner));
            if (!running)
                ids.append(id);
        }
        return {};
    };
    // A read first: the queues poll this every second, and most times there is nothing to take the
    // write lock for.
    if (Status s = collect(); !s)
        return s.error();
    if (ids.isEmpty())
        return ids;
    const Status recovered = transaction([&]() -> Status {
        if (Status s = collect(); !s)
            return s;
        QSqlQuery set(db);
        // What was asked of the dead owner still holds, as if it had stopped the run itself: a pause
        // does not spend an attempt, a cancel ends the job now.
        set.prepare(QStringLiteral("UPDATE distill_jobs SET"
                                   " state = CASE requested WHEN 'cancel' THEN 'canceled' WHEN 'pause' THEN 'paused'"
                                   " ELSE 'queued' END,"
                                   " attempts = CASE requested WHEN 'pause' THEN MAX(attempts - 1, 0) ELSE attempts END,"
                                   " finished_ms = CASE requested WHEN 'cancel'"
                                   " THEN CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) ELSE finished_ms END,"
                                   " eta_seconds = -1, owner = NULL, requested = NULL WHERE id = ? AND state = 'running'"));
        for (qint64 id : std::as_const(ids)) {
            set.bindValue(0, id);
            if (!set.exec())
                return sqlError(tr("queueing interrupted jobs again"), set.lastError());
        }
        return {};
    });
    if (!recovered)
        return recovered.error();
    return ids;
}

qint64 JobStore::dataVersion() const
{
    if (!isOpen())
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace apedesk::distill
