#pragma once
// Every federated run and round, in the app's SQLite database (WAL; tables fed_runs, fed_rounds,
// fed_round_venues; schema version under "fed_rounds_schema" in the shared meta table; opened with
// common/sqlitefile like the registry), so the dashboard shows past runs after a restart. A round is
// written in one transaction with all its venues: a killed process leaves whole rounds only. Each run
// records the process running it (processOwner); a run still "running" whose process is gone is marked
// "interrupted" by markInterruptedRuns().
//
// One connection per object; use it on one thread.

#include "federatedtypes.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace apedesk::federated {

class RoundStore
{
public:
    RoundStore();
    ~RoundStore();
    RoundStore(const RoundStore &) = delete;
    RoundStore &operator=(const RoundStore &) = delete;

    Status open(const QString &path);
    bool isOpen() const;

    // A new run (state running); returns its id.
    Result<qint64> beginRun(const FederatedRunConfig &config, int plannedRounds);
    // One round with its venues (replaces a round of the same number, e.g. a retried one).
    Status saveRound(const FederatedRoundRecord &round);
    Status finishRun(qint64 runId, FederatedRunRecord::State state, const QString &reason,
                     qint64 bestModelVersion = 0, double bestGlobalRmse = 0);
    // Runs left "running" by a process that is gone (a crash or kill) become "interrupted" with a
    // reason; returns how many. A run whose process still runs (another app or CLI on the same file)
    // is left alone. stillRunning replaces the liveness check of a run's owner (tests).
    Result<int> markInterruptedRuns(const std::function<bool(const QString &owner)> &stillRunning = {});

    // Runs, newest first, without rounds.
    Result<QList<FederatedRunRecord>> runs(int limit = 50) const;
    // One run with its rounds in order; an error for an unknown id.
    Result<FederatedRunRecord> loadRun(qint64 runId) const;
    Result<std::optional<FederatedRunRecord>> latestRun() const;
    Status removeRun(qint64 runId);

private:
    QString m_connection;
};

} // namespace apedesk::federated
