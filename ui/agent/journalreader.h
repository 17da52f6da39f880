#pragma once
// Reads the decision journal for the pane on a pool thread, with a DecisionJournal connection of its
// own (the service keeps the writer): the newest decisions for the log and the canary statistics per
// model. The GUI thread only starts it and takes the result.

#include "agent/decisionjournal.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace apedesk::ui {

struct JournalSnapshot
{
    bool ok = false;
    Error error;                               // when !ok, in words
    bool hasRecords = false;                   // a stats-only read leaves the records alone
    QList<agent::DecisionRecord> records;      // oldest first
    QList<agent::CanaryStats> stats;
};

class JournalReader
{
public:
    // Opens `path`, reads the newest `limit` decisions (none when `limit` is 0) and the canary stats.
    static JournalSnapshot read(const QString &path, int limit);
    // read() on the global thread pool.
    static QFuture<JournalSnapshot> readAsync(const QString &path, int limit);
};

} // namespace apedesk::ui
