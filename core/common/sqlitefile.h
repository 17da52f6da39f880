#pragma once
// Opening one module's tables in the app's shared SQLite file (apedesk.sqlite): every module opens
// its own connection, the same way, and keeps its schema version under its own key in the shared
// `meta` table (PRAGMA user_version is one number for the whole file, which every module would have
// to agree on).

#include "common/error.h"

#include <QString>
#include <QStringList>

namespace apedesk {

struct SqliteSchema
{
    QString versionKey;       // the module's key in `meta`, e.g. "agent_schema"
    int version = 1;          // the schema this build writes and reads
    QStringList statements;   // idempotent (CREATE ... IF NOT EXISTS); `meta` itself is created by the helper
    QString what;             // translated, for messages: "the decision journal"
};

// Opens path on a new connection named connectionPrefix + a number: busy timeout, WAL, the schema
// in one IMMEDIATE transaction and the version check (a newer schema is refused with a sentence).
// extraPragmas run before the schema, outside any transaction, and must succeed. On failure
// nothing is left registered. Returns the connection name.
Result<QString> openSqliteFile(const QString &path, const QString &connectionPrefix, const SqliteSchema &schema,
                               const QStringList &extraPragmas = {});

// Closes and removes the connection (if any) and clears the name.
void closeSqliteConnection(QString &connection);

} // namespace apedesk
