// The model registry in SQLite: the last 10 versions kept (older ones pruned, numbers never reused),
// parameters and metrics read back exactly, rollback as a new version that copies an old one, the
// registry reopened from its file, regime-specific best models (and their surviving the pruning), a
// file shared with other tables, and clear errors for a damaged blob, a pruned or unknown version, a
// non-finite model, a file that is not SQLite and a newer schema.
#include "federated/modelregistry.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

// A small model whose values all equal `value`.
ModelParameters model(float value)
{
    return {ParameterTensor{QStringLiteral("fc1.weight"), {2, 3}, QVector<float>(6, value)},
            ParameterTensor{QStringLiteral("fc1.bias"), {2}, {value, -value}}};
}

QJsonObject rmse(double value) { return {{QStringLiteral("global_rmse"), value}}; }

QList<qint64> versionsOf(const QList<ModelVersion> &list)
{
    QList<qint64> out;
    for (const ModelVersion &v : list)
        out << v.version;
    return out;
}

// Runs SQL on the registry's file through a separate connection (the way a damaged disk or another
// program would change it).
void execOn(const QString &path, const QString &sql, const QVariantList &values = {})
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(sql));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
}

QByteArray blobOf(const QString &path, qint64 version)
{
    QByteArray blob;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT parameters FROM fed_model_versions WHERE version = ?"));
            q.addBindValue(version);
            if (q.exec() && q.next())
                blob = q.value(0).toByteArray();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return blob;
}

} // namespace

class TestModelRegistry : public QObject
{
    Q_OBJECT

    QString m_path;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("apedesk-%1.sqlite").arg(++n));
    }

    void keepsTheLastTen()
    {
        ModelRegistry registry;
        QVERIFY(registry.open(m_path).ok());
        QVERIFY(registry.list()->isEmpty());
        QVERIFY(!registry.current()->has_value());
        for (int round = 1; round <= 13; ++round) {
            const auto added = registry.add(round, model(float(round)), rmse(1.0 / round));
            QVERIFY(added.ok());
            QCOMPARE(added->version, qint64(round));
            QCOMPARE(added->round, round);
            QCOMPARE(added->parameterCount, qint64(8));
            QVERIFY(added->blobBytes > 32);
        }
        const auto list = registry.list();
        QVERIFY(list.ok());
        QCOMPARE(versionsOf(*list), (QList<qint64>{13, 12, 11, 10, 9, 8, 7, 6, 5, 4}));
        QCOMPARE(list->first().metrics.value(QStringLiteral("global_rmse")).toDouble(), 1.0 / 13);
        QVERIFY(list->first().parameters.isEmpty());   // the list carries no parameters

        const auto pruned = registry.load(3);
        QVERIFY(!pruned.ok());
        QVERIFY(pruned.error().message.contains(QStringLiteral("pruned")));
        const auto kept = registry.load(4);
        QVERIFY(kept.ok());
        QCOMPARE(kept->parameters, model(4));
        QCOMPARE(kept->round, 4);

        const auto current = registry.current();
        QVERIFY(current.ok() && current->has_value());
        QCOMPARE((*current)->version, qint64(13));
        QCOMPARE((*current)->parameters, model(13));

        // A pruned number is never handed out again.
        QCOMPARE(registry.add(14, model(14), rmse(0.05))->version, qint64(14));
        QCOMPARE(registry.list()->size(), 10);
    }

    void rollbackAddsACopyAsCurrent()
    {
        ModelRegistry registry;
        QVERIFY(registry.open(m_path).ok());
        registry.add(1, model(1), rmse(0.3), {QStringLiteral("volatile")});
        registry.add(2, model(2), rmse(0.2));
        registry.add(3, model(3), rmse(0.9), {}, QStringLiteral("diverged"));
        const auto back = registry.rollback(2);
        QVERIFY(back.ok());
        QCOMPARE(back->version, qint64(4));
        QCOMPARE(back->rolledBackFrom, qint64(2));
        QCOMPARE(back->round, 2);
        QCOMPARE(back->metrics, rmse(0.2));
        QVERIFY(back->note.contains(QStringLiteral("2")));
        const auto current = registry.current();
        QCOMPARE((*current)->version, qint64(4));
        QCOMPARE((*current)->parameters, model(2));
        QCOMPARE(registry.list()->size(), 4);
        QCOMPARE(registry.load(3)->note, QStringLiteral("diverged"));
        QCOMPARE(registry.load(1)->regimes, QStringList{QStringLiteral("volatile")});

        QVERIFY(!registry.rollback(99).ok());
        QCOMPARE(registry.list()->size(), 4);
    }

    void reopensFromItsFile()
    {
        {
            ModelRegistry registry;
            QVERIFY(registry.open(m_path).ok());
            for (int round = 1; round <= 3; ++round)
                QVERIFY(registry.add(round, model(float(round) / 4), rmse(0.1 * round), {QStringLiteral("crisis")}).ok());
        }
        ModelRegistry again;
        QVERIFY(again.open(m_path).ok());
        const auto list = again.list();
        QCOMPARE(versionsOf(*list), (QList<qint64>{3, 2, 1}));
        QCOMPARE(list->last().regimes, QStringList{QStringLiteral("crisis")});
        QVERIFY(list->last().createdAt.isValid());
        QCOMPARE(again.load(2)->parameters, model(0.5f));
        QCOMPARE(again.add(4, model(1), rmse(0.4))->version, qint64(4));

        // Two registries on one WAL file see each other's versions.
        ModelRegistry second;
        QVERIFY(second.open(m_path).ok());
        QCOMPARE(second.list()->size(), 4);
    }

    void sharesTheAppDatabase()
    {
        execOn(m_path, QStringLiteral("CREATE TABLE swaps (id INTEGER PRIMARY KEY, amount REAL)"));
        execOn(m_path, QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
        execOn(m_path, QStringLiteral("INSERT INTO meta VALUES ('swap_schema', '3')"));
        ModelRegistry registry;
        QVERIFY(registry.open(m_path).ok());
        QVERIFY(registry.add(1, model(1), rmse(0.1)).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        {
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT key, value FROM meta ORDER BY key")));
            QStringList rows;
            while (q.next())
                rows << q.value(0).toString() + QLatin1Char('=') + q.value(1).toString();
            QCOMPARE(rows, (QStringList{QStringLiteral("fed_registry_schema=1"), QStringLiteral("swap_schema=3")}));
            QSqlQuery mode(db);
            QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
            QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void bestForRegime()
    {
        ModelRegistry registry;
        QVERIFY(registry.open(m_path).ok());
        const QString crisis = QStringLiteral("crisis"), bull = QStringLiteral("trending_bull");
        registry.add(1, model(1), {{QStringLiteral("global_rmse"), 0.20}, {QStringLiteral("reward"), 5}}, {crisis});
        registry.add(2, model(2), {{QStringLiteral("global_rmse"), 0.10}, {QStringLiteral("reward"), 1}}, {crisis, bull});
        registry.add(3, model(3), {{QStringLiteral("global_rmse"), 0.15}, {QStringLiteral("reward"), 9}}, {bull});
        registry.add(4, model(4), {{QStringLiteral("global_rmse"), 0.01}}, {});   // untagged: never a regime's best
        registry.add(5, model(5), {{QStringLiteral("global_rmse"), 0.10}}, {crisis});   // ties version 2: newer wins

        QCOMPARE((*registry.bestForRegime(crisis))->version, qint64(5));
        QCOMPARE((*registry.bestForRegime(bull))->version, qint64(2));
        QCOMPARE((*registry.bestForRegime(bull, QStringLiteral("reward"), false))->version, qint64(3));
        QCOMPARE((*registry.bestForRegime(crisis, QStringLiteral("reward"), false))->version, qint64(1));
        QVERIFY(!registry.bestForRegime(QStringLiteral("trending_bear"))->has_value());
        QVERIFY(!registry.bestForRegime(crisis, QStringLiteral("no_such_metric"))->has_value());
    }

    void regimeBestSurvivesPruning()
    {
        ModelRegistry registry;
        QVERIFY(registry.open(m_path).ok());
        registry.add(1, model(1), rmse(0.01), {QStringLiteral("crisis")});
        registry.add(2, model(2), rmse(0.50), {QStringLiteral("crisis")});
        for (int round = 3; round <= 14; ++round)
            registry.add(round, model(float(round)), rmse(0.1), {QStringLiteral("volatile")});
        const auto list = registry.list();
        QCOMPARE(list->size(), 11);   // the newest 10 plus crisis' best
        QCOMPARE(list->last().version, qint64(1));
        QCOMPARE((*registry.bestForRegime(QStringLiteral("crisis")))->version, qint64(1));
        QCOMPARE(registry.load(1)->parameters, model(1));
        QVERIFY(!registry.load(2).ok());

        // Without the protection the registry keeps exactly the newest 10.
        ModelRegistryOptions options;
        options.keepRegimeBest = false;
        ModelRegistry plain(options);
        QVERIFY(plain.open(m_dir.filePath(QStringLiteral("plain.sqlite"))).ok());
        plain.add(1, model(1), rmse(0.01), {QStringLiteral("crisis")});
        for (int round = 2; round <= 12; ++round)
            plain.add(round, model(float(round)), rmse(0.1), {QStringLiteral("volatile")});
        QCOMPARE(plain.list()->size(), 10);
        QVERIFY(!plain.bestForRegime(QStringLiteral("crisis"))->has_value());
    }

    void corruptedBlobIsAnError()
    {
        ModelRegistry registry;
        QVERIFY(registry.open(m_path).ok());
        QVERIFY(registry.add(1, model(1), rmse(0.1)).ok());
        QVERIFY(registry.add(2, model(2), rmse(0.2)).ok());
        QByteArray blob = blobOf(m_path, 1);
        QVERIFY(blob.size() > 40);
        blob[blob.size() / 2] = char(blob[blob.size() / 2] ^ 0x01);   // one bit flipped in the payload
        execOn(m_path, QStringLiteral("UPDATE fed_model_versions SET parameters = ? WHERE version = 1"), {blob});
        execOn(m_path, QStringLiteral("UPDATE fed_model_versions SET parameters = ? WHERE version = 2"), {QByteArray("junk")});

        for (const qint64 version : {qint64(1), qint64(2)}) {
            const auto loaded = registry.load(version);
            QVERIFY(!loaded.ok());
            QCOMPARE(loaded.error().kind, Error::Kind::Format);
            QVERIFY(loaded.error().message.contains(QStringLiteral("damaged")));
            QVERIFY(loaded.error().message.contains(QString::number(version)));
        }
        QVERIFY(!registry.current().ok());   // the newest is damaged: said, not hidden
        QVERIFY(!registry.rollback(1).ok());   // a damaged version never becomes current
        QCOMPARE(registry.list()->size(), 2);
    }

    void refusesBadModelsAndFiles()
    {
        ModelRegistry registry;
        QVERIFY(!registry.add(1, model(1), {}).ok());   // not open
        QVERIFY(registry.open(m_path).ok());
        ModelParameters nan = model(1);
        nan[1].values[0] = std::numeric_limits<float>::quiet_NaN();
        const auto refused = registry.add(1, nan, {});
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("NaN at tensor fc1.bias index 0")));
        ModelParameters inconsistent = model(1);
        inconsistent[0].values.removeLast();
        QVERIFY(!registry.add(1, inconsistent, {}).ok());
        QVERIFY(registry.list()->isEmpty());

        const QString notSqlite = m_dir.filePath(QStringLiteral("not-sqlite.sqlite"));
        QFile file(notSqlite);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        ModelRegistry other;
        const Status opened = other.open(notSqlite);
        QVERIFY(!opened.ok());
        QVERIFY(!other.isOpen());
        QVERIFY(!other.open(QString()).ok());

        const QString newer = m_dir.filePath(QStringLiteral("newer.sqlite"));
        execOn(newer, QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
        execOn(newer, QStringLiteral("INSERT INTO meta VALUES ('fed_registry_schema', '2')"));
        const Status tooNew = other.open(newer);
        QVERIFY(!tooNew.ok());
        QVERIFY(tooNew.error().message.contains(QStringLiteral("newer")));
    }
};

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "test_model_registry.moc"
