#include "journalreader.h"

#include "common/logging.h"

#include <QtConcurrent>

namespace apedesk::ui {

JournalSnapshot JournalReader::read(const QString &path, int limit)
{
    JournalSnapshot snapshot;
    agent::DecisionJournal journal;
    if (const Status opened = journal.open(path); !opened) {
        snapshot.error = opened.error();
        return snapshot;
    }
    if (limit > 0) {
        agent::JournalFilter filter;
        filter.limit = limit;
        auto records = journal.list(filter);
        if (!records) {
            snapshot.error = records.error();
            return snapshot;
        }
        snapshot.records = std::move(records).value();
        snapshot.hasRecords = true;
    }
    auto stats = journal.canaryStats();
    if (!stats) {
        snapshot.error = stats.error();
        return snapshot;
    }
    snapshot.stats = std::move(stats).value();
    snapshot.ok = true;
    return snapshot;
}

QFuture<JournalSnapshot> JournalReader::readAsync(const QString &path, int limit)
{
    return QtConcurrent::run([path, limit] { return read(path, limit); });
}

} // namespace apedesk::ui
