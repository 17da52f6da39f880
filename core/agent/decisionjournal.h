#pragma once
// The decision journal in SQLite (the app's database, WAL): every decision with its prompt, the raw
// response, how it was read, the trade and its honest P&L; the stateful memory of each profile; JSONL
// export; canary statistics per model. One connection per object; use it on one thread.

#include "agentmemory.h"
#include "agenttypes.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace apedesk::agent {

struct JournalFilter
{
    QString runId;
    QString backend;               // "ollama" | "openai" | "builtin" | "rebalancer"
    QString model;
    std::optional<Canary> canary;
    std::optional<DecisionRecord::Status> status;
    bool tradesOnly = false;
    qint64 fromTime = 0;           // unix seconds, 0: no bound
    qint64 toTime = 0;
    int limit = 0;                 // 0: all; newest first when limited
};

// Per model: how often it answered with a canary word, and what it chose.
struct CanaryStats
{
    QString backend;
    QString model;
    int answers = 0;               // model decisions (not rebalances, not failed calls)
    int withCanary = 0;
    int apeIn = 0, apeOut = 0, apeNeutral = 0;
    int otherFormat = 0;           // TRADE fields or BUY/SELL/HOLD
    int unreadable = 0;
    double canaryShare() const { return answers ? double(withCanary) / answers : 0; }
};

class DecisionJournal
{
public:
    DecisionJournal();
    ~DecisionJournal();
    DecisionJournal(const DecisionJournal &) = delete;
    DecisionJournal &operator=(const DecisionJournal &) = delete;

    Status open(const QString &path);
    bool isOpen() const;

    // Stores a new decision (id 0) and returns its id, or updates the row with the record's id.
    Result<qint64> save(const DecisionRecord &record);
    std::optional<DecisionRecord> find(qint64 id) const;
    Result<QList<DecisionRecord>> list(const JournalFilter &filter = {}) const;   // oldest first
    // Traded decisions whose mark time has come and that have no P&L yet.
    Result<QList<DecisionRecord>> dueForMarking(qint64 now) const;
    Result<QList<CanaryStats>> canaryStats(const JournalFilter &filter = {}) const;
    // One JSON object per line (the journal's fields, prompt and response included); rows written.
    Result<int> exportJsonl(const QString &path, const JournalFilter &filter = {}) const;
    static QJsonObject toJson(const DecisionRecord &record);

    // The stateful memory of a profile (e.g. the backend spec + account), so a restart continues.
    Status saveMemory(const QString &profile, const AgentMemory &memory);
    Result<std::optional<AgentMemory>> loadMemory(const QString &profile) const;

private:
    QString m_connection;
};

} // namespace apedesk::agent
