#include "sqlitefile.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace apedesk {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::SqliteFile", text); }

Error sqlError(const SqliteSchema &schema, const QString &doing, const QSqlError &error)
{
    return Error::make(Error::Kind::Io, tr("Could not use %1: %2.").arg(schema.what, doing), error.text());
}

Status createSchema(QSqlDatabase &db, const SqliteSchema &schema, const QString &name)
{
    QStringList statements{QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")};
    statements += schema.statements;
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            return sqlError(schema, tr("creating its tables in %1").arg(name), q.lastError());
    }
    QSqlQuery version(db);
    version.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    version.addBindValue(schema.versionKey);
    if (!version.exec())
        return sqlError(schema, tr("reading its version"), version.lastError());
    if (version.next()) {
        const int found = version.value(0).toInt();
        version.finish();
        if (found > schema.version)
            return Error::make(Error::Kind::Format,
                               tr("%1 was written by a newer ApeDesk (schema %2 of %3); this version reads schema %4.")
                                   .arg(name)
                                   .arg(found)
                                   .arg(schema.what)
                                   .arg(schema.version));
        return {};
    }
    version.finish();
    QSqlQuery set(db);
    set.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
    set.addBindValue(schema.versionKey);
    set.addBindValue(QString::number(schema.version));
    if (!set.exec())
        return sqlError(schema, tr("writing its version"), set.lastError());
    return {};
}

Status setUp(const QString &connection, const QString &path, const SqliteSchema &schema, const QStringList &extraPragmas)
{
    const QString name = QFileInfo(path).fileName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    // The service writes while the panes and the CLI read: wait for a lock instead of failing.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (path.isEmpty())
        return Error::make(Error::Kind::Usage, tr("No file was given for %1.").arg(schema.what));
    if (!db.open())
        return Error::make(Error::Kind::Io, tr("The file %1 of %2 could not be opened.").arg(path, schema.what),
                           db.lastError().text());
    QSqlQuery probe(db);
    if (!probe.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !probe.next())
        return Error::make(Error::Kind::Format, tr("%1 is not an ApeDesk database (or it is damaged).").arg(name),
                           probe.lastError().text());
    probe.finish();
    // Outside any transaction: SQLite ignores some pragmas (foreign_keys) inside one.
    for (const QString &sql : extraPragmas) {
        QSqlQuery pragma(db);
        if (!pragma.exec(sql))
            return sqlError(schema, tr("opening %1").arg(name), pragma.lastError());
    }
    QSqlQuery(db).exec(QStringLiteral("PRAGMA synchronous=NORMAL"));   // an optimisation: a failure changes nothing

    // IMMEDIATE takes the write lock up front (waiting up to the busy timeout): two processes opening
    // the file at once could not both upgrade a deferred read to the INSERT of their version.
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(schema, tr("opening %1").arg(name), begin.lastError());
    const Status created = createSchema(db, schema, name);
    QSqlQuery end(db);
    if (!created) {
        end.exec(QStringLiteral("ROLLBACK"));
        return created;
    }
    if (!end.exec(QStringLiteral("COMMIT"))) {
        const QSqlError error = end.lastError();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return sqlError(schema, tr("creating its tables in %1").arg(name), error);
    }
    return {};
}

} // namespace

Result<QString> openSqliteFile(const QString &path, const QString &connectionPrefix, const SqliteSchema &schema,
                               const QStringList &extraPragmas)
{
    static QAtomicInteger<quint64> counter{0};
    QString connection = connectionPrefix + QString::number(++counter);
    const Status opened = setUp(connection, path, schema, extraPragmas);
    if (!opened) {
        closeSqliteConnection(connection);
        return opened.error();
    }
    return connection;
}

void closeSqliteConnection(QString &connection)
{
    if (connection.isEmpty())
        return;
    {
        // Scoped: removeDatabase warns while a handle to the connection is alive.
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    connection.clear();
}

} // namespace apedesk
