#include "modelregistry.h"

#include "common/logging.h"
#include "common/sqlitefile.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace apedesk::federated {

namespace {

// Kept in the shared meta table under the registry's own key (see agent/decisionjournal.cpp: the
// file's PRAGMA user_version would have to be agreed on by every module of the database).
constexpr int kSchemaVersion = 1;
const QLatin1String kSchemaKey("fed_registry_schema");

QString tr(const char *text) { return QCoreApplication::translate("apedesk::federated::ModelRegistry", text); }

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error::make(Error::Kind::Io, tr("The model registry could not be used: %1.").arg(what), error.text());
}

Error notOpen() { return Error::make(Error::Kind::Usage, tr("The model registry is not open.")); }

const QStringList &schema()
{
    static const QStringList statements{
        QStringLiteral("CREATE TABLE IF NOT EXISTS fed_model_versions ("
                       "version INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " round INTEGER NOT NULL,"
                       " created_ms INTEGER NOT NULL,"   // unix milliseconds, UTC
                       " parameters BLOB NOT NULL,"      // parametersToBinary
                       " parameter_count INTEGER NOT NULL,"
                       " metrics TEXT NOT NULL,"         // JSON object
                       " regimes TEXT NOT NULL,"         // JSON array of regime keys
                       " rolled_back_from INTEGER NOT NULL DEFAULT 0,"
                       " note TEXT NOT NULL DEFAULT '')"),
    };
    return statements;
}

const QLatin1String kMetaColumns("version, round, created_ms, parameter_count, length(parameters), metrics, regimes,"
                                 " rolled_back_from, note");

ModelVersion versionFromRow(const QSqlQuery &q)
{
    ModelVersion v;
    v.version = q.value(0).toLongLong();
    v.round = q.value(1).toInt();
    v.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    v.parameterCount = q.value(3).toLongLong();
    v.blobBytes = q.value(4).toLongLong();
    v.metrics = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    for (const QJsonValue r : QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array())
        v.regimes << r.toString();
    v.rolledBackFrom = q.value(7).toLongLong();
    v.note = q.value(8).toString();
    return v;
}

QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
QString compact(const QStringList &list) { return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact)); }

std::optional<double> metricOf(const ModelVersion &v, const QString &metric)
{
    const QJsonValue value = v.metrics.value(metric);
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

// The best version per regime among `versions` (newest first, so a tie keeps the newer one).
QHash<QString, qint64> bestPerRegime(const QList<ModelVersion> &versions, const QString &metric, bool lowerIsBetter)
{
    QHash<QString, qint64> best;
    QHash<QString, double> bestValue;
    for (const ModelVersion &v : versions) {
        const auto value = metricOf(v, metric);
        if (!value)
            continue;
        for (const QString &regime : v.regimes) {
            const auto found = bestValue.constFind(regime);
            const bool better = found == bestValue.constEnd() || (lowerIsBetter ? *value < *found : *value > *found);
            if (better) {
                best.insert(regime, v.version);
                bestValue.insert(regime, *value);
            }
        }
    }
    return best;
}

} // namespace

ModelRegistry::ModelRegistry(ModelRegistryOptions options) : m_options(std::move(options))
{
    m_options.keep = std::max(1, m_options.keep);
}

ModelRegistry::~ModelRegistry() { closeSqliteConnection(m_connection); }

bool ModelRegistry::isOpen() const
{
    return !m_connection.isEmpty() && QSqlDatabase::database(m_connection, false).isOpen();
}

Status ModelRegistry::open(const QString &path)
{
    closeSqliteConnection(m_connection);
    auto opened = openSqliteFile(path, QStringLiteral("apedesk-fed-registry-"),
                                 {QString(kSchemaKey), kSchemaVersion, schema(), tr("the model registry")});
    if (!opened) {
        qCWarning(lcFederated) << "model registry:" << opened.error().toString();
        return opened.error();
    }
    m_connection = std::move(opened).value();
    return {};
}

Result<ModelVersion> ModelRegistry::add(int round, const ModelParameters &parameters, const QJsonObject &metrics,
                                        const QStringList &regimes, const QString &note)
{
    if (!isOpen())
        return notOpen();
    if (const Status consistent = checkConsistent(parameters); !consistent)
        return Error::make(Error::Kind::Model, tr("This model cannot be registered: %1").arg(consistent.error().message));
    if (const auto bad = firstNonFinite(parameters))
        return Error::make(Error::Kind::Model, tr("This model cannot be registered: it holds %1.").arg(bad->describe()));
    return insertVersion(round, parametersToBinary(parameters), elementCount(parameters), metrics, regimes, 0, note);
}

Result<ModelVersion> ModelRegistry::insertVersion(int round, const QByteArray &blob, qint64 parameterCount,
                                                  const QJsonObject &metrics, const QStringList &regimes,
                                                  qint64 rolledBackFrom, const QString &note)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return sqlError(tr("storing a model version"), db.lastError());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO fed_model_versions (round, created_ms, parameters, parameter_count, metrics,"
                             " regimes, rolled_back_from, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(round);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(blob);
    q.addBindValue(parameterCount);
    q.addBindValue(compact(metrics));
    q.addBindValue(compact(regimes));
    q.addBindValue(rolledBackFrom);
    q.addBindValue(note.isNull() ? QStringLiteral("") : note);
    if (!q.exec()) {
        const Error error = sqlError(tr("storing a model version"), q.lastError());
        db.rollback();
        return error;
    }
    const qint64 version = q.lastInsertId().toLongLong();
    q.finish();
    if (const Status pruned = prune(); !pruned) {
        db.rollback();
        return pruned.error();
    }
    if (!db.commit()) {
        const Error error = sqlError(tr("storing a model version"), db.lastError());
        db.rollback();
        return error;
    }
    QSqlQuery read(db);
    read.prepare(QStringLiteral("SELECT ") + kMetaColumns + QStringLiteral(" FROM fed_model_versions WHERE version = ?"));
    read.addBindValue(version);
    if (!read.exec() || !read.next())
        return sqlError(tr("reading back version %1").arg(version), read.lastError());
    return versionFromRow(read);
}

// Inside add's transaction: deletes every version that is neither among the newest `keep` nor (with
// keepRegimeBest) the best of a regime.
Status ModelRegistry::prune()
{
    const auto all = list();
    if (!all)
        return all.error();
    QSet<qint64> retained;
    for (int i = 0; i < all->size() && i < m_options.keep; ++i)
        retained.insert(all->at(i).version);
    if (m_options.keepRegimeBest) {
        const auto best = bestPerRegime(*all, m_options.rankingMetric, m_options.lowerIsBetter);
        for (const qint64 v : best)
            retained.insert(v);
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    for (const ModelVersion &v : *all) {
        if (retained.contains(v.version))
            continue;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM fed_model_versions WHERE version = ?"));
        q.addBindValue(v.version);
        if (!q.exec())
            return sqlError(tr("pruning version %1").arg(v.version), q.lastError());
        qCDebug(lcFederated) << "model registry: pruned version" << v.version;
    }
    return {};
}

Result<QList<ModelVersion>> ModelRegistry::list() const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT ") + kMetaColumns + QStringLiteral(" FROM fed_model_versions ORDER BY version DESC")))
        return sqlError(tr("listing its versions"), q.lastError());
    QList<ModelVersion> out;
    while (q.next())
        out << versionFromRow(q);
    return out;
}

Result<ModelVersion> ModelRegistry::load(qint64 version) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT ") + kMetaColumns + QStringLiteral(", parameters FROM fed_model_versions WHERE version = ?"));
    q.addBindValue(version);
    if (!q.exec())
        return sqlError(tr("reading version %1").arg(version), q.lastError());
    if (!q.next())
        return Error::make(Error::Kind::Usage, tr("The model registry has no version %1 (it may have been pruned: only the last %2 are kept).")
                                                   .arg(version)
                                                   .arg(m_options.keep));
    ModelVersion v = versionFromRow(q);
    auto parameters = parametersFromBinary(q.value(9).toByteArray());
    if (!parameters)
        return Error::make(Error::Kind::Format, tr("Model version %1 in the registry is damaged and cannot be loaded.").arg(version),
                           parameters.error().toString());
    if (elementCount(*parameters) != v.parameterCount)
        return Error::make(Error::Kind::Format, tr("Model version %1 in the registry is damaged and cannot be loaded.").arg(version),
                           QStringLiteral("%1 values stored, %2 recorded").arg(elementCount(*parameters)).arg(v.parameterCount));
    v.parameters = std::move(parameters).value();
    return v;
}

Result<std::optional<ModelVersion>> ModelRegistry::current() const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT max(version) FROM fed_model_versions")) || !q.next())
        return sqlError(tr("finding the current version"), q.lastError());
    if (q.value(0).isNull())
        return std::optional<ModelVersion>();
    const qint64 newest = q.value(0).toLongLong();
    q.finish();
    auto loaded = load(newest);
    if (!loaded)
        return loaded.error();
    return std::optional<ModelVersion>(std::move(loaded).value());
}

Result<ModelVersion> ModelRegistry::rollback(qint64 version, const QString &note)
{
    // Loading checks the blob: a damaged version must not become current.
    auto source = load(version);
    if (!source)
        return source.error();
    const QString text = note.isEmpty() ? tr("rollback to version %1").arg(version) : note;
    auto added = insertVersion(source->round, parametersToBinary(source->parameters), source->parameterCount,
                               source->metrics, source->regimes, version, text);
    if (added)
        qCInfo(lcFederated) << "model registry: version" << added->version << "rolls back to version" << version;
    return added;
}

Result<std::optional<ModelVersion>> ModelRegistry::bestForRegime(const QString &regime, const QString &metric) const
{
    return bestForRegime(regime, metric, m_options.lowerIsBetter);
}

Result<std::optional<ModelVersion>> ModelRegistry::bestForRegime(const QString &regime, const QString &metric,
                                                                 bool lowerIsBetter) const
{
    const auto all = list();
    if (!all)
        return all.error();
    const QString key = metric.isEmpty() ? m_options.rankingMetric : metric;
    const qint64 best = bestPerRegime(*all, key, lowerIsBetter).value(regime, 0);
    for (const ModelVersion &v : *all)
        if (v.version == best)
            return std::optional<ModelVersion>(v);
    return std::optional<ModelVersion>();
}

} // namespace apedesk::federated
