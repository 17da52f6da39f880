#include "roundstore.h"

#include "common/logging.h"
#include "common/processowner.h"
#include "common/sqlitefile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace apedesk::federated {

namespace {

// Kept in the shared meta table under this module's own key (see common/sqlitefile.h).
constexpr int kSchemaVersion = 1;
const QLatin1String kSchemaKey("fed_rounds_schema");

QString tr(const char *text) { return QCoreApplication::translate("apedesk::federated::RoundStore", text); }

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error::make(Error::Kind::Io, tr("The federated round history could not be used: %1.").arg(what), error.text());
}

Error notOpen() { return Error::make(Error::Kind::Usage, tr("The federated round history is not open.")); }

Error unknownRun(qint64 runId)
{
    return Error::make(Error::Kind::Usage, tr("There is no federated run %1 in the history (it may have been removed).").arg(runId));
}

const QStringList &schema()
{
    static const QStringList statements{
        QStringLiteral("CREATE TABLE IF NOT EXISTS fed_runs ("
                       "run_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " started_ms INTEGER NOT NULL,"          // unix milliseconds, UTC
                       " finished_ms INTEGER,"                  // NULL while running
                       " state TEXT NOT NULL,"                  // runStateKey
                       " reason TEXT NOT NULL DEFAULT '',"
                       " config TEXT NOT NULL,"                 // FederatedRunConfig::toJson
                       " venues TEXT NOT NULL,"                 // JSON array of names
                       " planned_rounds INTEGER NOT NULL,"
                       " best_model_version INTEGER NOT NULL DEFAULT 0,"
                       " best_global_rmse REAL,"               // NULL: NaN
                       " owner TEXT)"),                         // processOwner() of the process running it
        QStringLiteral("CREATE TABLE IF NOT EXISTS fed_rounds ("
                       "run_id INTEGER NOT NULL,"
                       " round INTEGER NOT NULL,"
                       " state TEXT NOT NULL,"                  // roundStateKey
                       " reason TEXT NOT NULL DEFAULT '',"
                       " started_ms INTEGER,"                   // NULL: unknown
                       " duration_seconds REAL,"                // REAL columns: NULL stands for NaN
                       " learning_rate REAL,"
                       " sampled_venues INTEGER NOT NULL,"
                       " reporting_venues INTEGER NOT NULL,"
                       " mean_weight REAL,"
                       " global_rmse REAL,"
                       " global_loss REAL,"
                       " noise_std REAL,"
                       " median_norm REAL,"
                       " model_version INTEGER NOT NULL DEFAULT 0,"
                       " converged INTEGER NOT NULL DEFAULT 0,"
                       " PRIMARY KEY (run_id, round))"),
        // One row per venue and round: the numbers the dashboard queries as columns, and the whole
        // record (FRY-alpha breakdown, trading result) as JSON, which is what loadRun() reads.
        QStringLiteral("CREATE TABLE IF NOT EXISTS fed_round_venues ("
                       "run_id INTEGER NOT NULL,"
                       " round INTEGER NOT NULL,"
                       " position INTEGER NOT NULL,"            // the venue's place in the run's order
                       " venue TEXT NOT NULL,"
                       " status TEXT NOT NULL,"                 // venueRoundStatusKey
                       " reason TEXT NOT NULL DEFAULT '',"
                       " weight REAL,"
                       " local_train_loss REAL,"
                       " local_rmse REAL,"
                       " global_rmse REAL,"
                       " update_norm REAL,"                     // NULL: none
                       " train_samples INTEGER NOT NULL DEFAULT 0,"
                       " train_seconds REAL,"
                       " hedge_rmse REAL,"                      // the trading columns are NULL without trading
                       " slippage_efficiency REAL,"
                       " slippage_harvested_usdc REAL,"
                       " arbitrage_roi REAL,"
                       " arbitrage_profit_usdc REAL,"
                       " fry_minted REAL,"
                       " fry_mint_rate REAL,"
                       " circuit_breaker INTEGER,"
                       " regime TEXT,"
                       " regime_confidence REAL,"
                       " record TEXT NOT NULL,"                 // VenueRoundRecord::toJson
                       " PRIMARY KEY (run_id, round, position))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS fed_runs_state ON fed_runs (state)"),
    };
    return statements;
}

QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
QString compact(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

// SQLite stores NaN as NULL: bind NULL for any non-finite value and read NULL back as NaN.
QVariant real(double v) { return std::isfinite(v) ? QVariant(v) : QVariant(QMetaType(QMetaType::Double)); }
double realOf(const QVariant &v) { return v.isNull() ? std::nan("") : v.toDouble(); }

QVariant timeMs(const QDateTime &t) { return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong)); }
QDateTime timeOf(const QVariant &v) { return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC); }

QVariant text(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }

const QLatin1String kRunColumns("run_id, started_ms, finished_ms, state, reason, config, venues, planned_rounds,"
                                " best_model_version, best_global_rmse");

Result<FederatedRunRecord> runFromRow(const QSqlQuery &q)
{
    FederatedRunRecord r;
    r.runId = q.value(0).toLongLong();
    r.startedAt = timeOf(q.value(1));
    r.finishedAt = timeOf(q.value(2));
    const auto state = runStateFromKey(q.value(3).toString());
    if (!state)
        return Error::make(Error::Kind::Format, tr("Federated run %1 in the history is damaged (unknown state).").arg(r.runId),
                           q.value(3).toString());
    r.state = *state;
    r.reason = q.value(4).toString();
    r.config = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array())
        r.venues << v.toString();
    r.plannedRounds = q.value(7).toInt();
    r.bestModelVersion = q.value(8).toLongLong();
    r.bestGlobalRmse = realOf(q.value(9));
    return r;
}

bool runExists(const QSqlDatabase &db, qint64 runId, bool &exists, QSqlError &error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM fed_runs WHERE run_id = ?"));
    q.addBindValue(runId);
    if (!q.exec()) {
        error = q.lastError();
        return false;
    }
    exists = q.next();
    return true;
}

} // namespace

RoundStore::RoundStore() = default;

RoundStore::~RoundStore() { closeSqliteConnection(m_connection); }

bool RoundStore::isOpen() const
{
    return !m_connection.isEmpty() && QSqlDatabase::database(m_connection, false).isOpen();
}

Status RoundStore::open(const QString &path)
{
    closeSqliteConnection(m_connection);
    auto opened = openSqliteFile(path, QStringLiteral("apedesk-fed-rounds-"),
                                 {QString(kSchemaKey), kSchemaVersion, schema(), tr("the federated round history")});
    if (!opened) {
        qCWarning(lcFederated) << "round store:" << opened.error().toString();
        return opened.error();
    }
    m_connection = std::move(opened).value();
    return {};
}

Result<qint64> RoundStore::beginRun(const FederatedRunConfig &config, int plannedRounds)
{
    if (!isOpen())
        return notOpen();
    if (const Status valid = config.validate(); !valid)
        return valid.error();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO fed_runs (started_ms, finished_ms, state, reason, config, venues, planned_rounds,"
                             " best_model_version, best_global_rmse, owner) VALUES (?, NULL, ?, '', ?, ?, ?, 0, 0, ?)"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(runStateKey(FederatedRunRecord::State::Running));
    q.addBindValue(compact(config.toJson()));
    q.addBindValue(compact(config.venueNames()));
    q.addBindValue(plannedRounds);
    q.addBindValue(processOwner(QStringLiteral("fed")));
    if (!q.exec())
        return sqlError(tr("starting a run"), q.lastError());
    const qint64 id = q.lastInsertId().toLongLong();
    qCInfo(lcFederated) << "round store: run" << id << "started with" << config.venues.size() << "venues";
    return id;
}

Status RoundStore::saveRound(const FederatedRoundRecord &round)
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QString what = tr("storing round %1 of run %2").arg(round.round + 1).arg(round.runId);
    if (!db.transaction())
        return sqlError(what, db.lastError());
    auto fail = [&](const QSqlError &error) {
        const Error e = sqlError(what, error);
        db.rollback();
        return e;
    };
    bool exists = false;
    QSqlError error;
    if (!runExists(db, round.runId, exists, error))
        return fail(error);
    if (!exists) {
        db.rollback();
        return unknownRun(round.runId);
    }
    {
        // A retried round replaces the old one with all its venues.
        QSqlQuery del(db);
        del.prepare(QStringLiteral("DELETE FROM fed_round_venues WHERE run_id = ? AND round = ?"));
        del.addBindValue(round.runId);
        del.addBindValue(round.round);
        if (!del.exec())
            return fail(del.lastError());
    }
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO fed_rounds (run_id, round, state, reason, started_ms, duration_seconds,"
                                 " learning_rate, sampled_venues, reporting_venues, mean_weight, global_rmse, global_loss,"
                                 " noise_std, median_norm, model_version, converged)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(round.runId);
        q.addBindValue(round.round);
        q.addBindValue(roundStateKey(round.state));
        q.addBindValue(text(round.reason));
        q.addBindValue(timeMs(round.startedAt));
        q.addBindValue(real(round.durationSeconds));
        q.addBindValue(real(round.learningRate));
        q.addBindValue(round.sampledVenues);
        q.addBindValue(round.reportingVenues);
        q.addBindValue(real(round.meanWeight));
        q.addBindValue(real(round.globalRmse));
        q.addBindValue(real(round.globalLoss));
        q.addBindValue(real(round.noiseStd));
        q.addBindValue(real(round.medianNorm));
        q.addBindValue(round.modelVersion);
        q.addBindValue(round.converged ? 1 : 0);
        if (!q.exec())
            return fail(q.lastError());
    }
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral("INSERT INTO fed_round_venues (run_id, round, position, venue, status, reason, weight,"
                               " local_train_loss, local_rmse, global_rmse, update_norm, train_samples, train_seconds,"
                               " hedge_rmse, slippage_efficiency, slippage_harvested_usdc, arbitrage_roi, arbitrage_profit_usdc,"
                               " fry_minted, fry_mint_rate, circuit_breaker, regime, regime_confidence, record)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariant nullReal{QMetaType(QMetaType::Double)};
    for (int i = 0; i < round.venues.size(); ++i) {
        const VenueRoundRecord &v = round.venues[i];
        ins.addBindValue(round.runId);
        ins.addBindValue(round.round);
        ins.addBindValue(i);
        ins.addBindValue(text(v.venue));
        ins.addBindValue(venueRoundStatusKey(v.status));
        ins.addBindValue(text(v.reason));
        ins.addBindValue(real(v.weight));
        ins.addBindValue(real(v.localTrainLoss));
        ins.addBindValue(real(v.localRmse));
        ins.addBindValue(real(v.globalRmse));
        ins.addBindValue(v.updateNorm ? real(*v.updateNorm) : nullReal);
        ins.addBindValue(v.trainSamples);
        ins.addBindValue(real(v.trainSeconds));
        if (v.trading) {
            const VenueTradingResult &t = *v.trading;
            ins.addBindValue(real(t.hedgeRmse));
            ins.addBindValue(real(t.slippageEfficiency));
            ins.addBindValue(real(t.slippageHarvestedUsdc));
            ins.addBindValue(real(t.arbitrageRoi));
            ins.addBindValue(real(t.arbitrageProfitUsdc));
            ins.addBindValue(real(t.fryMinted));
            ins.addBindValue(real(t.fryMintRate));
            ins.addBindValue(t.circuitBreakerActive ? 1 : 0);
            ins.addBindValue(regimeKey(t.regime));
            ins.addBindValue(real(t.regimeConfidence));
        } else {
            for (int c = 0; c < 7; ++c)
                ins.addBindValue(nullReal);
            ins.addBindValue(QVariant(QMetaType(QMetaType::Int)));
            ins.addBindValue(QVariant(QMetaType(QMetaType::QString)));
            ins.addBindValue(nullReal);
        }
        ins.addBindValue(compact(v.toJson()));
        if (!ins.exec())
            return fail(ins.lastError());
    }
    if (!db.commit())
        return fail(db.lastError());
    qCDebug(lcFederated) << "round store: run" << round.runId << "round" << round.round << roundStateKey(round.state)
                         << round.venues.size() << "venues";
    return {};
}

Status RoundStore::finishRun(qint64 runId, FederatedRunRecord::State state, const QString &reason,
                             qint64 bestModelVersion, double bestGlobalRmse)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE fed_runs SET finished_ms = ?, state = ?, reason = ?, best_model_version = ?,"
                             " best_global_rmse = ? WHERE run_id = ?"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(runStateKey(state));
    q.addBindValue(text(reason));
    q.addBindValue(bestModelVersion);
    q.addBindValue(real(bestGlobalRmse));
    q.addBindValue(runId);
    if (!q.exec())
        return sqlError(tr("finishing run %1").arg(runId), q.lastError());
    if (q.numRowsAffected() < 1)
        return unknownRun(runId);
    qCInfo(lcFederated) << "round store: run" << runId << runStateKey(state) << reason;
    return {};
}

Result<int> RoundStore::markInterruptedRuns(const std::function<bool(const QString &owner)> &stillRunning)
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Only runs whose process is gone: the app and `apedesk-cli fed simulate --db` may share the file.
    QSqlQuery running(db);
    if (!running.exec(QStringLiteral("SELECT run_id, owner FROM fed_runs WHERE state = '%1'")
                          .arg(runStateKey(FederatedRunRecord::State::Running))))
        return sqlError(tr("marking interrupted runs"), running.lastError());
    QList<qint64> orphaned;
    while (running.next()) {
        const QString owner = running.value(1).toString();
        const bool alive = stillRunning ? stillRunning(owner) : (!owner.isEmpty() && ownerAlive(owner));
        if (!alive)
            orphaned << running.value(0).toLongLong();
    }
    running.finish();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE fed_runs SET state = ?, reason = ?, finished_ms = ?, owner = NULL WHERE run_id = ? AND state = ?"));
    int count = 0;
    for (qint64 id : std::as_const(orphaned)) {
        q.addBindValue(runStateKey(FederatedRunRecord::State::Interrupted));
        q.addBindValue(tr("The run was interrupted: its process stopped before it finished. Its completed rounds are kept."));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(id);
        q.addBindValue(runStateKey(FederatedRunRecord::State::Running));
        if (!q.exec())
            return sqlError(tr("marking interrupted runs"), q.lastError());
        count += std::max(0, q.numRowsAffected());
    }
    if (count > 0)
        qCInfo(lcFederated) << "round store:" << count << "run(s) whose process had stopped were marked interrupted";
    return count;
}

Result<QList<FederatedRunRecord>> RoundStore::runs(int limit) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT ") + kRunColumns + QStringLiteral(" FROM fed_runs ORDER BY run_id DESC LIMIT ?"));
    q.addBindValue(limit > 0 ? limit : -1);   // SQLite: a negative limit is no limit
    if (!q.exec())
        return sqlError(tr("listing runs"), q.lastError());
    QList<FederatedRunRecord> out;
    while (q.next()) {
        auto run = runFromRow(q);
        if (!run)
            return run.error();
        out << std::move(run).value();
    }
    return out;
}

Result<FederatedRunRecord> RoundStore::loadRun(qint64 runId) const
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QString what = tr("reading run %1").arg(runId);
    // One read transaction: a round being written by another connection is seen whole or not at all.
    if (!db.transaction())
        return sqlError(what, db.lastError());
    auto finish = [&db](auto result) {
        db.rollback();
        return result;
    };
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + kRunColumns + QStringLiteral(" FROM fed_runs WHERE run_id = ?"));
    q.addBindValue(runId);
    if (!q.exec())
        return finish(Result<FederatedRunRecord>(sqlError(what, q.lastError())));
    if (!q.next())
        return finish(Result<FederatedRunRecord>(unknownRun(runId)));
    auto loaded = runFromRow(q);
    if (!loaded)
        return finish(loaded);
    FederatedRunRecord run = std::move(loaded).value();
    q.finish();

    QSqlQuery rounds(db);
    rounds.prepare(QStringLiteral("SELECT round, state, reason, started_ms, duration_seconds, learning_rate, sampled_venues,"
                                  " reporting_venues, mean_weight, global_rmse, global_loss, noise_std, median_norm,"
                                  " model_version, converged FROM fed_rounds WHERE run_id = ? ORDER BY round"));
    rounds.addBindValue(runId);
    if (!rounds.exec())
        return finish(Result<FederatedRunRecord>(sqlError(what, rounds.lastError())));
    while (rounds.next()) {
        FederatedRoundRecord r;
        r.runId = runId;
        r.round = rounds.value(0).toInt();
        const auto state = roundStateFromKey(rounds.value(1).toString());
        if (!state)
            return finish(Result<FederatedRunRecord>(Error::make(
                Error::Kind::Format, tr("Round %1 of federated run %2 in the history is damaged (unknown state).").arg(r.round + 1).arg(runId),
                rounds.value(1).toString())));
        r.state = *state;
        r.reason = rounds.value(2).toString();
        r.startedAt = timeOf(rounds.value(3));
        r.durationSeconds = realOf(rounds.value(4));
        r.learningRate = realOf(rounds.value(5));
        r.sampledVenues = rounds.value(6).toInt();
        r.reportingVenues = rounds.value(7).toInt();
        r.meanWeight = realOf(rounds.value(8));
        r.globalRmse = realOf(rounds.value(9));
        r.globalLoss = realOf(rounds.value(10));
        r.noiseStd = realOf(rounds.value(11));
        r.medianNorm = realOf(rounds.value(12));
        r.modelVersion = rounds.value(13).toLongLong();
        r.converged = rounds.value(14).toInt() != 0;
        run.rounds << r;
    }
    rounds.finish();

    QSqlQuery venues(db);
    venues.prepare(QStringLiteral("SELECT round, record FROM fed_round_venues WHERE run_id = ? ORDER BY round, position"));
    venues.addBindValue(runId);
    if (!venues.exec())
        return finish(Result<FederatedRunRecord>(sqlError(what, venues.lastError())));
    int index = 0;   // rounds and venue rows are both in round order: walk them together
    while (venues.next()) {
        const int roundNumber = venues.value(0).toInt();
        while (index < run.rounds.size() && run.rounds[index].round < roundNumber)
            ++index;
        if (index >= run.rounds.size() || run.rounds[index].round != roundNumber)
            continue;   // cannot happen: a round and its venues are written together
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(venues.value(1).toString().toUtf8(), &parseError);
        auto record = doc.isObject() ? VenueRoundRecord::fromJson(doc.object())
                                     : Result<VenueRoundRecord>(Error::make(Error::Kind::Format, QString(), parseError.errorString()));
        if (!record)
            return finish(Result<FederatedRunRecord>(Error::make(
                Error::Kind::Format, tr("Round %1 of federated run %2 in the history is damaged.").arg(roundNumber + 1).arg(runId),
                record.error().toString())));
        run.rounds[index].venues << std::move(record).value();
    }
    venues.finish();
    db.rollback();   // read only
    return run;
}

Result<std::optional<FederatedRunRecord>> RoundStore::latestRun() const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT max(run_id) FROM fed_runs")) || !q.next())
        return sqlError(tr("finding the latest run"), q.lastError());
    if (q.value(0).isNull())
        return std::optional<FederatedRunRecord>();
    const qint64 newest = q.value(0).toLongLong();
    q.finish();
    auto loaded = loadRun(newest);
    if (!loaded)
        return loaded.error();
    return std::optional<FederatedRunRecord>(std::move(loaded).value());
}

Status RoundStore::removeRun(qint64 runId)
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QString what = tr("removing run %1").arg(runId);
    if (!db.transaction())
        return sqlError(what, db.lastError());
    int removed = 0;
    for (const char *table : {"fed_round_venues", "fed_rounds", "fed_runs"}) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE run_id = ?").arg(QLatin1String(table)));
        q.addBindValue(runId);
        if (!q.exec()) {
            const Error e = sqlError(what, q.lastError());
            db.rollback();
            return e;
        }
        removed = q.numRowsAffected();   // the last: the run itself
    }
    if (removed < 1) {
        db.rollback();
        return unknownRun(runId);
    }
    if (!db.commit()) {
        const Error e = sqlError(what, db.lastError());
        db.rollback();
        return e;
    }
    qCInfo(lcFederated) << "round store: run" << runId << "removed";
    return {};
}

} // namespace apedesk::federated
