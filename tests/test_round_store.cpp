// The federated round history in SQLite (federated/roundstore.h) and the values it keeps
// (federated/federatedtypes.h): the schema and its version key; a run begun, its rounds saved and the run
// finished, read back field by field (a hand-made round with every venue status, trading results, a
// missing and a present update norm, a NaN); a retried round replacing the old one; runs left running
// marked interrupted; the run list's order and limit; unknown ids; a second connection seeing committed
// rounds; the file reopened. The JSON of venue and round records (the CLI's line: weights, venue RMSE,
// rejected), the configuration's validation and the dashboard's totals.

#include "federated/federatedtypes.h"
#include "common/processowner.h"
#include "federated/roundstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <memory>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

VenueSpec venue(const QString &name)
{
    VenueSpec spec;
    spec.name = name;
    spec.description = QStringLiteral("A test venue.");
    spec.source = VenueSpec::Source::RealSwaps;
    spec.real.csvPath = QStringLiteral("/nowhere/swaps.csv");
    return spec;
}

FederatedRunConfig runConfig()
{
    FederatedRunConfig config;
    config.venues = {venue(QStringLiteral("binance")), venue(QStringLiteral("okx")), venue(QStringLiteral("bybit")),
                     venue(QStringLiteral("sim-1"))};
    config.venues[2].source = VenueSpec::Source::Simulated;
    config.rounds = 4;
    config.minVenues = 2;
    config.seed = 0xFFFFFFFFFFFFFFF1ull;   // above 2^53: must survive as a string
    return config;
}

VenueTradingResult tradingResult(const QString &name, int round, double scale, bool breaker, MarketRegime regime)
{
    VenueTradingResult t;
    t.venue = name;
    t.round = round;
    t.windowStart = 200 * round;
    t.windowSamples = 200;
    t.firstTimestamp = 1738800000 + round;
    t.lastTimestamp = 1738886400 + round;
    t.hedgeRmse = 0.1234567891234 * scale;
    t.windowRmse = 0.111 * scale;
    t.meanHedgeRatio = 0.4321;
    t.unhedgedPnlUsdc = -102.5 * scale;
    t.hedgedPnlUsdc = -51.25 * scale;
    t.hedgeCostUsdc = 12.5 * scale;
    t.slippageAvailableUsdc = 100 * scale;
    t.slippageHarvestedUsdc = 30 * scale;
    t.slippageEfficiency = 0.3;
    t.arbitrageTrades = 7;
    t.arbitrageProfitUsdc = 4.5 * scale;
    t.arbitrageCapitalUsdc = 10000;
    t.arbitrageRoi = 0.00045 * scale;
    t.fryMinted = 34.5 * scale;
    t.fryMintRate = 34.5 * scale;
    t.circuitBreakerActive = breaker;
    t.circuitBreakerReason = breaker ? QStringLiteral("One swap moved the price by 6.00 %.") : QString();
    t.regime = regime;
    t.regimeConfidence = 0.625;
    return t;
}

FryAlphaBreakdown breakdown(const QString &name, double weight)
{
    FryAlphaBreakdown b;
    b.venue = name;
    b.rmseFactor = 7.5;
    b.slippageFactor = 1.15;
    b.arbScore = 0.0225;
    b.arbFactor = 1.00675;
    b.mintScore = 0.8;
    b.mintFactor = 1.16;
    b.circuitBreakerFactor = 1;
    b.confidenceFactor = 0.625;
    b.rawWeight = 6.3;
    b.weight = weight;
    return b;
}

// A round with every venue status: accepted (with a norm and trading), rejected (a 100× norm and a NaN
// loss), dropped out (no norm, no trading) and not sampled (nothing but its global RMSE).
FederatedRoundRecord handRound(qint64 runId, int round)
{
    FederatedRoundRecord r;
    r.runId = runId;
    r.round = round;
    r.state = FederatedRoundRecord::State::Completed;
    r.reason = QStringLiteral("");
    r.startedAt = QDateTime(QDate(2025, 2, 3), QTime(12, 34, 56, 789), Qt::UTC).addSecs(60 * round);
    r.durationSeconds = 1.25 + round;
    r.learningRate = 0.01 * std::pow(0.95, round);
    r.sampledVenues = 3;
    r.reportingVenues = 2;
    r.meanWeight = 1.0;
    r.globalRmse = 0.123456789012345 / (round + 1);
    r.globalLoss = r.globalRmse * r.globalRmse;
    r.noiseStd = 0.001;
    r.medianNorm = 1.5;
    r.modelVersion = 10 + round;
    r.converged = round == 2;

    VenueRoundRecord accepted;
    accepted.venue = QStringLiteral("binance");
    accepted.status = VenueRoundRecord::Status::Accepted;
    accepted.weight = 1.0;
    accepted.fryAlpha = breakdown(accepted.venue, 1.0);
    accepted.localTrainLoss = 0.0123;
    accepted.localRmse = 0.11;
    accepted.globalRmse = 0.105;
    accepted.updateNorm = 1.5;
    accepted.trainSamples = 2900;
    accepted.trainSeconds = 0.75;
    accepted.trading = tradingResult(accepted.venue, round, 1, false, MarketRegime::TrendingBull);

    VenueRoundRecord rejected;
    rejected.venue = QStringLiteral("okx");
    rejected.status = VenueRoundRecord::Status::Rejected;
    rejected.reason = QStringLiteral("Its update's norm (150) is more than 10 × the round's median (1.5).");
    rejected.fryAlpha = breakdown(rejected.venue, 0.0);
    rejected.fryAlpha.valid = false;
    rejected.fryAlpha.invalidReason = QStringLiteral("Its hedge RMSE is not a number.");
    rejected.localTrainLoss = std::nan("");
    rejected.localRmse = 0.2;
    rejected.globalRmse = 0.19;
    rejected.updateNorm = 150;
    rejected.trainSamples = 3100;
    rejected.trainSeconds = 0.5;
    rejected.trading = tradingResult(rejected.venue, round, 2, true, MarketRegime::Crisis);

    VenueRoundRecord dropped;
    dropped.venue = QStringLiteral("bybit");
    dropped.status = VenueRoundRecord::Status::DroppedOut;
    dropped.reason = QStringLiteral("It stopped reporting during local training.");
    dropped.globalRmse = 0.3;

    VenueRoundRecord notSampled;
    notSampled.venue = QStringLiteral("sim-1");
    notSampled.status = VenueRoundRecord::Status::NotSampled;
    notSampled.globalRmse = 0.25;

    r.venues = {accepted, rejected, dropped, notSampled};
    return r;
}

QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// Runs one query on the store's file through a connection of its own.
QVariant scalar(const QString &path, const QString &sql)
{
    QVariant out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-round-store-probe"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                out = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-round-store-probe"));
    return out;
}

QString errorText(const Status &s) { return s ? QString() : s.error().toString(); }
template <typename T>
QString errorText(const Result<T> &r) { return r ? QString() : r.error().toString(); }

} // namespace

class TestRoundStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup() { m_dir.reset(); }

    void openAndSchema();
    void notOpenErrors();
    void roundTripEveryField();
    void replacingARound();
    void interruptedRuns();
    void listOrderAndLimit();
    void unknownIdsAndRemove();
    void secondConnectionSeesCommittedRounds();
    void reopenKeepsData();

    void venueRecordJson();
    void roundRecordJson();
    void damagedJson();
    void stateKeys();
    void configValidate();
    void configJson();
    void totals();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestRoundStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("apedesk.sqlite"));
}

void TestRoundStore::openAndSchema()
{
    RoundStore store;
    QVERIFY(!store.isOpen());
    const Status opened = store.open(m_path);
    QVERIFY2(opened, qPrintable(errorText(opened)));
    QVERIFY(store.isOpen());
    for (const char *table : {"fed_runs", "fed_rounds", "fed_round_venues"}) {
        const QVariant count = scalar(m_path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                                  .arg(QLatin1String(table)));
        QVERIFY2(count.toInt() == 1, table);
    }
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT value FROM meta WHERE key = 'fed_rounds_schema'")).toString(), QStringLiteral("1"));
    QCOMPARE(scalar(m_path, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    // Opening again (the schema statements are idempotent) keeps working.
    QVERIFY(store.open(m_path));
    QVERIFY(store.isOpen());

    // A file that is not a database is refused with a sentence.
    const QString junk = m_dir->filePath(QStringLiteral("junk.sqlite"));
    QFile file(junk);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    RoundStore other;
    const Status refused = other.open(junk);
    QVERIFY(!refused);
    QVERIFY(!refused.error().message.isEmpty());
    QVERIFY(!other.isOpen());
}

void TestRoundStore::notOpenErrors()
{
    RoundStore store;
    QVERIFY(!store.beginRun(runConfig(), 4));
    QCOMPARE(store.beginRun(runConfig(), 4).error().kind, Error::Kind::Usage);
    QVERIFY(!store.saveRound(handRound(1, 0)));
    QVERIFY(!store.finishRun(1, FederatedRunRecord::State::Finished, {}));
    QVERIFY(!store.markInterruptedRuns());
    QVERIFY(!store.runs());
    QVERIFY(!store.loadRun(1));
    QVERIFY(!store.latestRun());
    QVERIFY(!store.removeRun(1));
}

void TestRoundStore::roundTripEveryField()
{
    RoundStore store;
    QVERIFY(store.open(m_path));
    const FederatedRunConfig config = runConfig();
    // An invalid configuration is not stored.
    FederatedRunConfig bad = config;
    bad.fraction = 0;
    QVERIFY(!store.beginRun(bad, 4));

    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    auto id = store.beginRun(config, 4);
    QVERIFY2(id, qPrintable(errorText(id)));
    QVERIFY(*id > 0);
    {
        auto running = store.loadRun(*id);
        QVERIFY2(running, qPrintable(errorText(running)));
        QCOMPARE(running->state, FederatedRunRecord::State::Running);
        QVERIFY(!running->finishedAt.isValid());
        QVERIFY(running->rounds.isEmpty());
    }
    // Saved out of order, read in order.
    const FederatedRoundRecord round1 = handRound(*id, 1);
    const FederatedRoundRecord round0 = handRound(*id, 0);
    FederatedRoundRecord round2 = handRound(*id, 2);
    round2.state = FederatedRoundRecord::State::Skipped;
    round2.reason = QStringLiteral("Only 1 venue reported; the round needs 2.");
    round2.globalRmse = std::nan("");   // no new model
    round2.globalLoss = std::nan("");
    round2.startedAt = QDateTime();
    QVERIFY(store.saveRound(round1));
    QVERIFY(store.saveRound(round0));
    QVERIFY(store.saveRound(round2));
    const Status finished = store.finishRun(*id, FederatedRunRecord::State::Converged,
                                            QStringLiteral("The global loss stopped improving."), 11, 0.0617);
    QVERIFY2(finished, qPrintable(errorText(finished)));

    auto loaded = store.loadRun(*id);
    QVERIFY2(loaded, qPrintable(errorText(loaded)));
    const FederatedRunRecord &run = *loaded;
    QCOMPARE(run.runId, *id);
    QCOMPARE(run.state, FederatedRunRecord::State::Converged);
    QCOMPARE(run.reason, QStringLiteral("The global loss stopped improving."));
    QCOMPARE(run.venues, config.venueNames());
    QCOMPARE(run.plannedRounds, 4);
    // As text after one parse on both sides: Qt reads back 5e+16 as the integer 50000000000000000.
    QCOMPARE(json(run.config), json(QJsonDocument::fromJson(json(config.toJson())).object()));
    QCOMPARE(run.config.value(QStringLiteral("seed")).toString(), QString::number(config.seed));
    QCOMPARE(run.bestModelVersion, qint64(11));
    QCOMPARE(run.bestGlobalRmse, 0.0617);
    QVERIFY(run.startedAt.isValid());
    QVERIFY(run.startedAt >= before);
    QVERIFY(run.finishedAt.isValid());
    QVERIFY(run.finishedAt >= run.startedAt);
    QCOMPARE(run.startedAt.timeSpec(), Qt::UTC);

    QCOMPARE(run.rounds.size(), 3);
    const FederatedRoundRecord *expected[] = {&round0, &round1, &round2};
    for (int i = 0; i < 3; ++i) {
        const FederatedRoundRecord &got = run.rounds[i];
        const FederatedRoundRecord &want = *expected[i];
        QCOMPARE(got.round, i);
        // toJson holds every field (NaN as null): equal JSON, equal records.
        QCOMPARE(json(got.toJson()), json(want.toJson()));
        QCOMPARE(got.startedAt, want.startedAt);
        QCOMPARE(got.venues.size(), 4);
        QCOMPARE(got.venues[0].updateNorm.value(), 1.5);
        QVERIFY(!got.venues[2].updateNorm.has_value());
        QVERIFY(!got.venues[2].trading.has_value());
        QVERIFY(!got.venues[3].trading.has_value());
        QVERIFY(std::isnan(got.venues[1].localTrainLoss));
        QCOMPARE(got.venues[1].trading->circuitBreakerActive, true);
        QCOMPARE(got.venues[1].trading->regime, MarketRegime::Crisis);
        QCOMPARE(got.venues[1].trading->hedgeRmse, want.venues[1].trading->hedgeRmse);
        QCOMPARE(got.venues[1].fryAlpha.valid, false);
        QCOMPARE(got.venues[1].fryAlpha.invalidReason, want.venues[1].fryAlpha.invalidReason);
        QCOMPARE(got.globalRmse == want.globalRmse || (std::isnan(got.globalRmse) && std::isnan(want.globalRmse)), true);
        QCOMPARE(got.learningRate, want.learningRate);
        QCOMPARE(got.converged, want.converged);
    }
    QVERIFY(!run.rounds[2].startedAt.isValid());
    QCOMPARE(run.rounds[2].state, FederatedRoundRecord::State::Skipped);
    QVERIFY(std::isnan(run.rounds[2].globalRmse));

    // The per-venue columns hold the main numbers for queries.
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT count(*) FROM fed_round_venues WHERE run_id = %1").arg(*id)).toInt(), 12);
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT weight FROM fed_round_venues WHERE run_id = %1 AND round = 0 AND venue = 'binance'").arg(*id))
                 .toDouble(),
             1.0);
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT sum(circuit_breaker) FROM fed_round_venues WHERE run_id = %1").arg(*id)).toInt(), 3);
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT regime FROM fed_round_venues WHERE run_id = %1 AND venue = 'okx' AND round = 1").arg(*id))
                 .toString(),
             QStringLiteral("crisis"));
    QVERIFY(scalar(m_path, QStringLiteral("SELECT update_norm FROM fed_round_venues WHERE run_id = %1 AND venue = 'bybit' AND round = 0").arg(*id))
                .isNull());
}

void TestRoundStore::replacingARound()
{
    RoundStore store;
    QVERIFY(store.open(m_path));
    const qint64 id = *store.beginRun(runConfig(), 4);
    QVERIFY(store.saveRound(handRound(id, 0)));
    QVERIFY(store.saveRound(handRound(id, 1)));
    FederatedRoundRecord retried = handRound(id, 0);
    retried.state = FederatedRoundRecord::State::Failed;
    retried.reason = QStringLiteral("Aggregation failed.");
    retried.venues = {retried.venues[0], retried.venues[3]};
    QVERIFY(store.saveRound(retried));
    auto run = store.loadRun(id);
    QVERIFY(run);
    QCOMPARE(run->rounds.size(), 2);
    QCOMPARE(run->rounds[0].state, FederatedRoundRecord::State::Failed);
    QCOMPARE(run->rounds[0].reason, QStringLiteral("Aggregation failed."));
    QCOMPARE(run->rounds[0].venues.size(), 2);
    QCOMPARE(run->rounds[0].venues[1].venue, QStringLiteral("sim-1"));
    QCOMPARE(run->rounds[1].venues.size(), 4);
    QCOMPARE(json(run->rounds[0].toJson()), json(retried.toJson()));
}

void TestRoundStore::interruptedRuns()
{
    RoundStore store;
    QVERIFY(store.open(m_path));
    const qint64 finished = *store.beginRun(runConfig(), 4);
    const qint64 killed = *store.beginRun(runConfig(), 4);
    QVERIFY(store.saveRound(handRound(killed, 0)));
    QVERIFY(store.finishRun(finished, FederatedRunRecord::State::Finished, {}, 3, 0.08));
    // This process still runs the run it began: nothing is marked.
    QCOMPARE(store.markInterruptedRuns().value(), 0);
    QCOMPARE(store.loadRun(killed)->state, FederatedRunRecord::State::Running);
    // Its process gone (as after a kill -9), the run is marked, once.
    QStringList owners;
    const auto gone = [&owners](const QString &owner) {
        owners << owner;
        return false;
    };
    QCOMPARE(store.markInterruptedRuns(gone).value(), 1);
    QCOMPARE(owners, QStringList{processOwner(QStringLiteral("fed"))});   // the run recorded who ran it
    QCOMPARE(store.markInterruptedRuns(gone).value(), 0);   // nothing left running

    auto run = store.loadRun(killed);
    QVERIFY(run);
    QCOMPARE(run->state, FederatedRunRecord::State::Interrupted);
    QVERIFY(!run->reason.isEmpty());
    QVERIFY(run->finishedAt.isValid());
    QCOMPARE(run->rounds.size(), 1);   // its completed rounds are kept
    auto other = store.loadRun(finished);
    QVERIFY(other);
    QCOMPARE(other->state, FederatedRunRecord::State::Finished);
    QCOMPARE(other->bestModelVersion, qint64(3));
}

void TestRoundStore::listOrderAndLimit()
{
    RoundStore store;
    QVERIFY(store.open(m_path));
    auto empty = store.latestRun();
    QVERIFY(empty);
    QVERIFY(!empty->has_value());
    QVERIFY(store.runs()->isEmpty());

    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        FederatedRunConfig config = runConfig();
        config.rounds = 10 + i;
        ids << *store.beginRun(config, config.rounds);
        QVERIFY(store.saveRound(handRound(ids.last(), 0)));
    }
    auto all = store.runs();
    QVERIFY2(all, qPrintable(errorText(all)));
    QCOMPARE(all->size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(all->at(i).runId, ids[4 - i]);   // newest first
        QCOMPARE(all->at(i).plannedRounds, 14 - i);
        QVERIFY(all->at(i).rounds.isEmpty());    // without rounds
        QCOMPARE(all->at(i).state, FederatedRunRecord::State::Running);
    }
    auto two = store.runs(2);
    QVERIFY(two);
    QCOMPARE(two->size(), 2);
    QCOMPARE(two->at(0).runId, ids[4]);
    QCOMPARE(two->at(1).runId, ids[3]);
    QCOMPARE(store.runs(0)->size(), 5);   // no limit

    auto latest = store.latestRun();
    QVERIFY(latest);
    QVERIFY(latest->has_value());
    QCOMPARE((*latest)->runId, ids[4]);
    QCOMPARE((*latest)->rounds.size(), 1);
    QCOMPARE((*latest)->rounds[0].venues.size(), 4);
}

void TestRoundStore::unknownIdsAndRemove()
{
    RoundStore store;
    QVERIFY(store.open(m_path));
    auto missing = store.loadRun(999);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Usage);
    QVERIFY(missing.error().message.contains(QStringLiteral("999")));
    QVERIFY(!store.finishRun(999, FederatedRunRecord::State::Stopped, QStringLiteral("stopped")));
    QVERIFY(!store.saveRound(handRound(999, 0)));
    QVERIFY(!store.removeRun(999));
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT count(*) FROM fed_rounds")).toInt(), 0);   // nothing half-written

    const qint64 keep = *store.beginRun(runConfig(), 4);
    const qint64 drop = *store.beginRun(runConfig(), 4);
    QVERIFY(store.saveRound(handRound(keep, 0)));
    QVERIFY(store.saveRound(handRound(drop, 0)));
    QVERIFY(store.saveRound(handRound(drop, 1)));
    const Status removed = store.removeRun(drop);
    QVERIFY2(removed, qPrintable(errorText(removed)));
    QVERIFY(!store.loadRun(drop));
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT count(*) FROM fed_rounds WHERE run_id = %1").arg(drop)).toInt(), 0);
    QCOMPARE(scalar(m_path, QStringLiteral("SELECT count(*) FROM fed_round_venues WHERE run_id = %1").arg(drop)).toInt(), 0);
    auto kept = store.loadRun(keep);
    QVERIFY(kept);
    QCOMPARE(kept->rounds.size(), 1);
    QCOMPARE(store.runs()->size(), 1);
}

void TestRoundStore::secondConnectionSeesCommittedRounds()
{
    RoundStore writer;
    RoundStore reader;
    QVERIFY(writer.open(m_path));
    QVERIFY(reader.open(m_path));
    const qint64 id = *writer.beginRun(runConfig(), 4);
    QVERIFY(writer.saveRound(handRound(id, 0)));
    auto seen = reader.loadRun(id);
    QVERIFY2(seen, qPrintable(errorText(seen)));
    QCOMPARE(seen->rounds.size(), 1);
    QVERIFY(writer.saveRound(handRound(id, 1)));
    seen = reader.loadRun(id);
    QVERIFY(seen);
    QCOMPARE(seen->rounds.size(), 2);
    QCOMPARE(json(seen->rounds[1].toJson()), json(handRound(id, 1).toJson()));
    // The reader can mark and finish too: it is the same file.
    QCOMPARE(reader.markInterruptedRuns([](const QString &) { return false; }).value(), 1);
    auto marked = writer.loadRun(id);
    QVERIFY(marked);
    QCOMPARE(marked->state, FederatedRunRecord::State::Interrupted);
}

void TestRoundStore::reopenKeepsData()
{
    qint64 id = 0;
    {
        RoundStore store;
        QVERIFY(store.open(m_path));
        id = *store.beginRun(runConfig(), 4);
        QVERIFY(store.saveRound(handRound(id, 0)));
        QVERIFY(store.finishRun(id, FederatedRunRecord::State::Stopped, QStringLiteral("Stopped by the user.")));
    }
    RoundStore again;
    QVERIFY(again.open(m_path));
    auto run = again.loadRun(id);
    QVERIFY2(run, qPrintable(errorText(run)));
    QCOMPARE(run->state, FederatedRunRecord::State::Stopped);
    QCOMPARE(run->reason, QStringLiteral("Stopped by the user."));
    QCOMPARE(run->rounds.size(), 1);
    QCOMPARE(json(run->rounds[0].toJson()), json(handRound(id, 0).toJson()));
    // Ids keep growing after a reopen.
    QVERIFY(*again.beginRun(runConfig(), 4) > id);
}

void TestRoundStore::venueRecordJson()
{
    const FederatedRoundRecord round = handRound(3, 1);
    for (const VenueRoundRecord &v : round.venues) {
        const QJsonObject o = v.toJson();
        QCOMPARE(o.value(QStringLiteral("venue")).toString(), v.venue);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), venueRoundStatusKey(v.status));
        QVERIFY(o.value(QStringLiteral("fry_alpha")).isObject());
        QCOMPARE(o.contains(QStringLiteral("update_norm")), v.updateNorm.has_value());
        QCOMPARE(o.contains(QStringLiteral("trading")), v.trading.has_value());
        auto back = VenueRoundRecord::fromJson(o);
        QVERIFY2(back, qPrintable(errorText(back)));
        QCOMPARE(json(back->toJson()), json(o));
        QCOMPARE(back->status, v.status);
        QCOMPARE(back->updateNorm.has_value(), v.updateNorm.has_value());
        QCOMPARE(back->trading.has_value(), v.trading.has_value());
        QCOMPARE(back->fryAlpha.rawWeight, v.fryAlpha.rawWeight);
        QCOMPARE(back->fryAlpha.confidenceFactor, v.fryAlpha.confidenceFactor);
    }
    // NaN is written as null and read back as NaN.
    const QJsonObject rejected = round.venues[1].toJson();
    QVERIFY(rejected.value(QStringLiteral("local_train_loss")).isNull());
    QVERIFY(std::isnan(VenueRoundRecord::fromJson(rejected)->localTrainLoss));
    const QJsonObject trading = rejected.value(QStringLiteral("trading")).toObject();
    QCOMPARE(trading.value(QStringLiteral("regime")).toString(), QStringLiteral("crisis"));
    QCOMPARE(trading.value(QStringLiteral("circuit_breaker_active")).toBool(), true);
    QCOMPARE(rejected.value(QStringLiteral("fry_alpha")).toObject().value(QStringLiteral("valid")).toBool(), false);
}

void TestRoundStore::roundRecordJson()
{
    const FederatedRoundRecord round = handRound(3, 1);
    // The maps behind the CLI's line.
    QCOMPARE(round.weights(), (QMap<QString, double>{{QStringLiteral("binance"), 1.0}}));
    const QMap<QString, double> rmse = round.venueRmse();
    QCOMPARE(rmse.size(), 4);
    QCOMPARE(rmse.value(QStringLiteral("sim-1")), 0.25);
    QCOMPARE(rmse.value(QStringLiteral("okx")), 0.19);
    const QMap<QString, QString> rejected = round.rejected();
    QCOMPARE(rejected.size(), 2);
    QVERIFY(rejected.value(QStringLiteral("okx")).contains(QStringLiteral("median")));
    QVERIFY(rejected.value(QStringLiteral("bybit")).contains(QStringLiteral("stopped reporting")));

    const QJsonObject o = round.toJson();
    QCOMPARE(o.value(QStringLiteral("round")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    QCOMPARE(o.value(QStringLiteral("global_rmse")).toDouble(), round.globalRmse);
    QCOMPARE(o.value(QStringLiteral("weights")).toObject(), (QJsonObject{{QStringLiteral("binance"), 1.0}}));
    QCOMPARE(o.value(QStringLiteral("venue_rmse")).toObject().size(), 4);
    QCOMPARE(o.value(QStringLiteral("rejected")).toObject().keys(), (QStringList{QStringLiteral("bybit"), QStringLiteral("okx")}));
    for (const char *key : {"run_id", "reason", "started_at", "duration_seconds", "learning_rate", "sampled_venues", "reporting_venues",
                            "mean_weight", "global_loss", "noise_std", "median_norm", "model_version", "converged"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QStringLiteral("started_at")).toString(), QStringLiteral("2025-02-03T12:35:56.789Z"));
    const QJsonArray venues = o.value(QStringLiteral("venues")).toArray();
    QCOMPARE(venues.size(), 4);
    QVERIFY(venues[0].toObject().value(QStringLiteral("trading")).toObject().contains(QStringLiteral("slippage_efficiency")));
    QVERIFY(venues[0].toObject().value(QStringLiteral("fry_alpha")).toObject().contains(QStringLiteral("rmse_factor")));

    auto back = FederatedRoundRecord::fromJson(o);
    QVERIFY2(back, qPrintable(errorText(back)));
    QCOMPARE(json(back->toJson()), json(o));
    QCOMPARE(back->startedAt, round.startedAt);
    QCOMPARE(back->venues.size(), 4);

    // A skipped round made no model: no RMSE per venue, and nobody's weight.
    FederatedRoundRecord skipped = round;
    skipped.state = FederatedRoundRecord::State::Skipped;
    skipped.venues[0].status = VenueRoundRecord::Status::NotSampled;
    QVERIFY(skipped.venueRmse().isEmpty());
    QVERIFY(skipped.weights().isEmpty());
    QCOMPARE(skipped.toJson().value(QStringLiteral("state")).toString(), QStringLiteral("skipped"));
}

void TestRoundStore::damagedJson()
{
    const QJsonObject venueJson = handRound(3, 1).venues[0].toJson();
    QJsonObject broken = venueJson;
    broken.remove(QStringLiteral("status"));
    auto noStatus = VenueRoundRecord::fromJson(broken);
    QVERIFY(!noStatus);
    QCOMPARE(noStatus.error().kind, Error::Kind::Format);
    QVERIFY(noStatus.error().message.contains(QStringLiteral("status")));
    broken = venueJson;
    broken.insert(QStringLiteral("status"), QStringLiteral("maybe"));
    QVERIFY(!VenueRoundRecord::fromJson(broken));
    broken = venueJson;
    broken.insert(QStringLiteral("weight"), QStringLiteral("heavy"));
    QVERIFY(!VenueRoundRecord::fromJson(broken));
    broken = venueJson;
    QJsonObject trading = broken.value(QStringLiteral("trading")).toObject();
    trading.remove(QStringLiteral("fry_minted"));
    broken.insert(QStringLiteral("trading"), trading);
    QVERIFY(!VenueRoundRecord::fromJson(broken));

    const QJsonObject roundJson = handRound(3, 1).toJson();
    QJsonObject badRound = roundJson;
    badRound.insert(QStringLiteral("state"), QStringLiteral("paused"));
    QVERIFY(!FederatedRoundRecord::fromJson(badRound));
    badRound = roundJson;
    badRound.insert(QStringLiteral("started_at"), QStringLiteral("yesterday"));
    QVERIFY(!FederatedRoundRecord::fromJson(badRound));
    badRound = roundJson;
    badRound.insert(QStringLiteral("venues"), QJsonArray{1, 2});
    QVERIFY(!FederatedRoundRecord::fromJson(badRound));
}

void TestRoundStore::stateKeys()
{
    QCOMPARE(venueRoundStatusKey(VenueRoundRecord::Status::Accepted), QStringLiteral("accepted"));
    QCOMPARE(venueRoundStatusKey(VenueRoundRecord::Status::Rejected), QStringLiteral("rejected"));
    QCOMPARE(venueRoundStatusKey(VenueRoundRecord::Status::DroppedOut), QStringLiteral("dropped_out"));
    QCOMPARE(venueRoundStatusKey(VenueRoundRecord::Status::NotSampled), QStringLiteral("not_sampled"));
    QCOMPARE(roundStateKey(FederatedRoundRecord::State::Completed), QStringLiteral("completed"));
    QCOMPARE(roundStateKey(FederatedRoundRecord::State::Skipped), QStringLiteral("skipped"));
    QCOMPARE(roundStateKey(FederatedRoundRecord::State::Failed), QStringLiteral("failed"));
    QCOMPARE(runStateKey(FederatedRunRecord::State::Running), QStringLiteral("running"));
    QCOMPARE(runStateKey(FederatedRunRecord::State::Finished), QStringLiteral("finished"));
    QCOMPARE(runStateKey(FederatedRunRecord::State::Converged), QStringLiteral("converged"));
    QCOMPARE(runStateKey(FederatedRunRecord::State::Stopped), QStringLiteral("stopped"));
    QCOMPARE(runStateKey(FederatedRunRecord::State::Failed), QStringLiteral("failed"));
    QCOMPARE(runStateKey(FederatedRunRecord::State::Interrupted), QStringLiteral("interrupted"));
}

void TestRoundStore::configValidate()
{
    const FederatedRunConfig good = runConfig();
    QVERIFY2(good.validate(), qPrintable(errorText(good.validate())));
    QCOMPARE(good.venueNames(), (QStringList{QStringLiteral("binance"), QStringLiteral("okx"), QStringLiteral("bybit"), QStringLiteral("sim-1")}));

    struct Case
    {
        const char *what;
        std::function<void(FederatedRunConfig &)> change;
        QString needle;
    };
    const QList<Case> cases{
        {"no venues", [](FederatedRunConfig &c) { c.venues.clear(); }, QStringLiteral("at least one venue")},
        {"duplicate", [](FederatedRunConfig &c) { c.venues[1].name = QStringLiteral("binance"); }, QStringLiteral("binance")},
        {"nameless", [](FederatedRunConfig &c) { c.venues[1].name = QStringLiteral(" "); }, QStringLiteral("name")},
        {"rounds", [](FederatedRunConfig &c) { c.rounds = 0; }, QStringLiteral("round")},
        {"fraction 0", [](FederatedRunConfig &c) { c.fraction = 0; }, QStringLiteral("fraction")},
        {"fraction > 1", [](FederatedRunConfig &c) { c.fraction = 1.5; }, QStringLiteral("fraction")},
        {"fraction NaN", [](FederatedRunConfig &c) { c.fraction = std::nan(""); }, QStringLiteral("fraction")},
        {"min venues 0", [](FederatedRunConfig &c) { c.minVenues = 0; }, QStringLiteral("minimum")},
        {"min venues > n", [](FederatedRunConfig &c) { c.minVenues = 5; }, QStringLiteral("only 4")},
        {"epochs", [](FederatedRunConfig &c) { c.epochs = 0; }, QStringLiteral("epoch")},
        {"learning rate", [](FederatedRunConfig &c) { c.baseLearningRate = -0.1; }, QStringLiteral("learning rate")},
        {"decay", [](FederatedRunConfig &c) { c.learningRateDecay = 1.5; }, QStringLiteral("decay")},
        {"batch", [](FederatedRunConfig &c) { c.batchSize = 0; }, QStringLiteral("batch")},
        {"weight decay", [](FederatedRunConfig &c) { c.weightDecay = -1; }, QStringLiteral("weight decay")},
        {"clip", [](FederatedRunConfig &c) { c.clipNorm = -1; }, QStringLiteral("clipping")},
        {"noise", [](FederatedRunConfig &c) { c.dpNoiseSigma = -0.1; }, QStringLiteral("noise")},
        {"epsilon", [](FederatedRunConfig &c) { c.fryAlpha.epsilon = 0; }, QStringLiteral("FRY-alpha")},
        {"bonus", [](FederatedRunConfig &c) { c.fryAlpha.arbBonus = -1; }, QStringLiteral("FRY-alpha")},
        {"trading", [](FederatedRunConfig &c) { c.trading.windowSamples = 0; }, QStringLiteral("trading window")},
        {"patience", [](FederatedRunConfig &c) { c.patience = 0; }, QStringLiteral("patience")},
        {"improvement", [](FederatedRunConfig &c) { c.minRelativeImprovement = -1; }, QStringLiteral("improvement")},
        {"dropout", [](FederatedRunConfig &c) { c.dropoutProbability = 1; }, QStringLiteral("dropout")},
        {"timeout", [](FederatedRunConfig &c) { c.roundTimeoutSeconds = -1; }, QStringLiteral("deadline")},
        {"parallel", [](FederatedRunConfig &c) { c.parallelVenues = -1; }, QStringLiteral("at once")},
        {"version", [](FederatedRunConfig &c) { c.initialVersion = -1; }, QStringLiteral("version")},
    };
    for (const Case &c : cases) {
        FederatedRunConfig config = good;
        c.change(config);
        const Status s = config.validate();
        QVERIFY2(!s, c.what);
        QCOMPARE(s.error().kind, Error::Kind::Usage);
        const QString message = QStringLiteral("%1: %2").arg(QLatin1String(c.what), s.error().message);
        QVERIFY2(s.error().message.contains(c.needle, Qt::CaseInsensitive), qPrintable(message));
    }
    // Limits that are allowed.
    FederatedRunConfig edge = good;
    edge.fraction = 1;
    edge.minVenues = 4;
    edge.dropoutProbability = 0;
    edge.clipNorm = 0;
    edge.normMultiplier = 0;   // the outlier test off
    QVERIFY(edge.validate());
}

void TestRoundStore::configJson()
{
    const FederatedRunConfig config = runConfig();
    const QJsonObject o = config.toJson();
    const QJsonArray venues = o.value(QStringLiteral("venues")).toArray();
    QCOMPARE(venues.size(), 4);
    QCOMPARE(venues[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("binance"));
    QCOMPARE(venues[0].toObject().value(QStringLiteral("source")).toString(), QStringLiteral("real_swaps"));
    QCOMPARE(venues[2].toObject().value(QStringLiteral("source")).toString(), QStringLiteral("simulated"));
    QCOMPARE(o.value(QStringLiteral("rounds")).toInt(), 4);
    QCOMPARE(o.value(QStringLiteral("min_venues")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("fraction")).toDouble(), 1.0);
    QCOMPARE(o.value(QStringLiteral("seed")).toString(), QString::number(config.seed));
    QVERIFY(o.value(QStringLiteral("trading")).toObject().contains(QStringLiteral("window_samples")));
    QVERIFY(o.value(QStringLiteral("fry_alpha")).toObject().contains(QStringLiteral("epsilon")));
}

void TestRoundStore::totals()
{
    FederatedRoundRecord first = handRound(1, 0);
    FederatedRoundRecord second = handRound(1, 1);
    second.venues[0].trading->fryMinted = std::nan("");   // a broken report does not poison the totals
    FederatedRoundRecord skipped = handRound(1, 2);
    skipped.state = FederatedRoundRecord::State::Skipped;
    skipped.venues = {skipped.venues[2], skipped.venues[3]};   // a dropout, no trading
    FederatedRoundRecord failed = handRound(1, 3);
    failed.state = FederatedRoundRecord::State::Failed;
    failed.venues.clear();

    const FederatedTotals t = federatedTotals({first, second, skipped, failed});
    QCOMPARE(t.completedRounds, 2);
    QCOMPARE(t.skippedRounds, 1);
    QCOMPARE(t.rejectedUpdates, 2);
    QCOMPARE(t.dropouts, 3);
    // Trading of binance (scale 1) and okx (scale 2) in rounds 0 and 1, binance's round-1 FRY lost.
    QCOMPARE(t.fryMinted, 34.5 * (1 + 2 + 2));
    QCOMPARE(t.slippageHarvestedUsdc, 30.0 * (1 + 2) * 2);
    QCOMPARE(t.arbitrageProfitUsdc, 4.5 * (1 + 2) * 2);
    QCOMPARE(t.circuitBreakerActivations, 2);
    QCOMPARE(t.regimeRounds[int(MarketRegime::TrendingBull)], 2);
    QCOMPARE(t.regimeRounds[int(MarketRegime::Crisis)], 2);
    QCOMPARE(t.regimeRounds[int(MarketRegime::Volatile)], 0);
    QCOMPARE(t.regimeRounds[int(MarketRegime::TrendingBear)], 0);

    const FederatedTotals none = federatedTotals({});
    QCOMPARE(none.completedRounds, 0);
    QCOMPARE(none.fryMinted, 0.0);
}

QTEST_GUILESS_MAIN(TestRoundStore)
#include "test_round_store.moc"
