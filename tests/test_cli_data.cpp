// apedesk-cli data import-csv / export / metrics on the 8,000 real BASE swaps, in a private HOME:
// the import stores every unique row (a second import adds none), the processed export is byte for
// byte what processSwaps of the same CSV writes, the raw export reads back to the same swaps, the
// metrics equal computePoolMetrics over the same rows, and bad input (a missing database, a bad
// window, a malformed CSV, an unwritable output, two pools and no choice) is one line and exit 1 or 2,
// leaving no half-written file.

#include "processrunner.h"

#include "market/poolmetrics.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::market;

namespace {

QString dataPath() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last()).object();
}

bool oneLine(const QByteArray &err) { return err.trimmed().count('\n') == 0 && err.startsWith("apedesk-cli: "); }

} // namespace

class TestCliData : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    QString m_db;
    RawCsvImport m_direct;   // the same CSV imported in this process

    ProcessResult run(const QStringList &args) { return runProcess(m_cli, args, isolatedEnvironment(m_home), 120000); }

    QString path(const QString &name) const { return m_home.filePath(name); }

    void verifyMetrics(const QStringList &extra, qint64 end, qint64 window)
    {
        const ProcessResult r = run(QStringList{QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), m_db,
                                                QStringLiteral("--json")}
                                    + extra);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = lastJson(r.out);
        QVector<SwapPoint> points;
        for (const PoolSwap &s : m_direct.swaps)
            points << toSwapPoint(s);
        const PoolMetrics m = computePoolMetrics(points, end, window);
        QVERIFY(m.swapCount > 0);
        QCOMPARE(j.value(QStringLiteral("valid")).toBool(), true);
        QCOMPARE(j.value(QStringLiteral("window_seconds")).toInteger(), window);
        QCOMPARE(j.value(QStringLiteral("window_end")).toInteger(), end);
        QCOMPARE(j.value(QStringLiteral("swap_count")).toInt(), m.swapCount);
        QCOMPARE(j.value(QStringLiteral("chain")).toString(), QStringLiteral("8453"));
        QCOMPARE(j.value(QStringLiteral("pool_id")).toString(), m_direct.swaps.first().poolId.toHex());
        const std::pair<const char *, double> fields[] = {
            {"first_price", m.firstPrice},       {"last_price", m.lastPrice},   {"price_change_percent", m.priceChangePercent},
            {"volume_eth", m.volumeEth},         {"volume_usdc", m.volumeUsdc}, {"volatility_percent", m.volatilityPercent},
        };
        for (const auto &[name, expected] : fields) {
            const double got = j.value(QLatin1String(name)).toDouble();
            QVERIFY2(std::abs(got - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(QLatin1String(name)).arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli");
        QVERIFY(m_home.isValid());
        m_db = path(QStringLiteral("swaps.sqlite"));
        QFile file(dataPath());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(dataPath()));
        auto imported = readRawSwapCsv(file, QStringLiteral("8453"));
        QVERIFY(imported.ok());
        m_direct = *imported;
    }

    void importStoresEveryUniqueRowOnce()
    {
        const ProcessResult first = run({QStringLiteral("data"), QStringLiteral("import-csv"), dataPath(), QStringLiteral("--db"),
                                         m_db, QStringLiteral("--json")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonObject j = lastJson(first.out);
        QCOMPARE(j.value(QStringLiteral("rows_read")).toInt(), 8000);
        QCOMPARE(j.value(QStringLiteral("rows_new")).toInt(), int(m_direct.swaps.size()));
        QCOMPARE(j.value(QStringLiteral("duplicate_rows")).toInt(), m_direct.duplicateRows);
        QCOMPARE(j.value(QStringLiteral("chain")).toString(), QStringLiteral("8453"));

        const ProcessResult again = run({QStringLiteral("data"), QStringLiteral("import-csv"), dataPath(), QStringLiteral("--db"),
                                         m_db, QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(lastJson(again.out).value(QStringLiteral("rows_new")).toInt(), 0);
        QCOMPARE(lastJson(again.out).value(QStringLiteral("rows_already_stored")).toInt(), int(m_direct.swaps.size()));

        // Text mode: one sentence with the counts.
        const ProcessResult text = run({QStringLiteral("data"), QStringLiteral("import-csv"), dataPath(), QStringLiteral("--db"), m_db});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("8000 rows read: 0 new"), text.out.constData());
    }

    void processedExportEqualsADirectProcessing()
    {
        const QString out = path(QStringLiteral("processed.csv"));
        const ProcessResult r = run({QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--processed"), QStringLiteral("--out"), out, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(lastJson(r.out).value(QStringLiteral("rows")).toInteger(), qint64(m_direct.swaps.size()));
        QBuffer expected;
        expected.open(QIODevice::WriteOnly);
        QVERIFY(writeProcessedSwapCsv(expected, m_direct.swaps).ok());
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QCOMPARE(bytes.size(), expected.data().size());
        QVERIFY(bytes == expected.data());
        QVERIFY(bytes.startsWith(QByteArray(processedSwapCsvColumns().join(QLatin1Char(',')).toLatin1() + '\n')));
    }

    void rawExportReadsBackTheSame()
    {
        const QString out = path(QStringLiteral("raw.csv"));
        const ProcessResult r = run({QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto again = readRawSwapCsv(file, QStringLiteral("8453"));
        QVERIFY(again.ok());
        QCOMPARE(again->duplicateRows, 0);
        QCOMPARE(again->swaps, m_direct.swaps);
    }

    void metricsEqualComputePoolMetrics()
    {
        const qint64 newest = m_direct.swaps.last().timestamp;
        // Default: a 10-minute window ending at the newest stored swap.
        verifyMetrics({}, newest, 600);
        verifyMetrics({QStringLiteral("--window"), QStringLiteral("1h")}, newest, 3600);
        const qint64 middle = m_direct.swaps.at(m_direct.swaps.size() / 2).timestamp;
        verifyMetrics({QStringLiteral("--window"), QStringLiteral("86400s"), QStringLiteral("--at"), QString::number(middle)},
                      middle, 86400);
        verifyMetrics({QStringLiteral("--window=2d"), QStringLiteral("--pool-id"), m_direct.swaps.first().poolId.toHex().mid(2),
                       QStringLiteral("--chain"), QStringLiteral("8453")},
                      newest, 2 * 86400);

        // Text mode names every field.
        const ProcessResult text = run({QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), m_db});
        QCOMPARE(text.exitCode, 0);
        for (const char *key : {"valid: true", "window_seconds: 600", "window_end:", "swap_count:", "first_price:",
                                "last_price:", "price_change_percent:", "volume_eth:", "volume_usdc:", "volatility_percent:"})
            QVERIFY2(text.out.contains(key), key);
    }

    void badInputIsOneLine()
    {
        struct Case
        {
            QStringList args;
            int exitCode;
            const char *says;
        };
        QFile bad(path(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("block_number,transaction_hash,pool_id,router_address,original_sender,is_contract_sender,amount0,amount1,"
                  "sqrt_price_x96,liquidity,tick,fee,timestamp\n1,2,3\n");
        bad.close();
        const QString missingDb = path(QStringLiteral("nowhere/swaps.sqlite"));
        const QString unwritable = path(QStringLiteral("no-such-dir/out.csv"));
        const QList<Case> cases{
            {{QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), missingDb}, 1, "no swap database"},
            {{QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), missingDb, QStringLiteral("--out"), unwritable}, 1, "no swap database"},
            {{QStringLiteral("data"), QStringLiteral("import-csv"), dataPath(), QStringLiteral("--db"), missingDb}, 1, "swap database"},
            {{QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), m_db, QStringLiteral("--window"), QStringLiteral("10x")}, 2, "--window"},
            {{QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), m_db, QStringLiteral("--window"), QStringLiteral("0m")}, 2, "--window"},
            {{QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), m_db, QStringLiteral("--at"), QStringLiteral("soon")}, 2, "--at"},
            {{QStringLiteral("data"), QStringLiteral("metrics"), QStringLiteral("--db"), m_db, QStringLiteral("--pool-id"), QStringLiteral("0x12")}, 2, "--pool-id"},
            {{QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), m_db}, 2, "--out"},
            {{QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), unwritable}, 1, "could not be written"},
            {{QStringLiteral("data"), QStringLiteral("import-csv"), bad.fileName(), QStringLiteral("--db"), m_db}, 1, "Line 2 has 3 fields"},
            {{QStringLiteral("data"), QStringLiteral("import-csv"), path(QStringLiteral("absent.csv")), QStringLiteral("--db"), m_db}, 1, "could not be opened"},
            {{QStringLiteral("data"), QStringLiteral("import-csv"), dataPath(), QStringLiteral("--db"), m_db, QStringLiteral("--chain"), QStringLiteral("base")}, 2, "--chain"},
            {{QStringLiteral("data"), QStringLiteral("import-csv"), dataPath()}, 2, "--db"},
            {{QStringLiteral("data"), QStringLiteral("frobnicate")}, 2, "unknown subcommand"},
            {{QStringLiteral("data")}, 2, "import-csv"},
        };
        for (const Case &c : cases) {
            const ProcessResult r = run(c.args);
            const QByteArray what = c.args.join(QLatin1Char(' ')).toUtf8() + " -> " + QByteArray::number(r.exitCode) + ": " + r.err;
            QVERIFY2(r.exitCode == c.exitCode, what.constData());
            QVERIFY2(oneLine(r.err), what.constData());
            QVERIFY2(r.err.contains(c.says), what.constData());
        }
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("nowhere"))));   // no database created by a failed command
        QVERIFY(!QFileInfo::exists(unwritable));
    }

    void twoPoolsNeedAChoice()
    {
        // The same rows under a second chain key: now the database holds two pools.
        QFile source(dataPath());
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = source.readAll().split('\n');
        QFile small(path(QStringLiteral("small.csv")));
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write(lines.mid(0, 11).join('\n') + '\n');
        small.close();
        const ProcessResult imported = run({QStringLiteral("data"), QStringLiteral("import-csv"), small.fileName(),
                                            QStringLiteral("--db"), m_db, QStringLiteral("--chain"), QStringLiteral("8453-local"),
                                            QStringLiteral("--json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(lastJson(imported.out).value(QStringLiteral("rows_new")).toInt(), 10);

        const QString out = path(QStringLiteral("choice.csv"));
        const ProcessResult ambiguous = run({QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                             QStringLiteral("--out"), out});
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY(oneLine(ambiguous.err));
        QVERIFY2(ambiguous.err.contains("--chain 8453 --pool-id") && ambiguous.err.contains("--chain 8453-local --pool-id"),
                 ambiguous.err.constData());
        QVERIFY(!QFileInfo::exists(out));

        const ProcessResult chosen = run({QStringLiteral("data"), QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                          QStringLiteral("--out"), out, QStringLiteral("--chain"), QStringLiteral("8453-local"),
                                          QStringLiteral("--json")});
        QVERIFY2(chosen.exitCode == 0, chosen.err.constData());
        QCOMPARE(lastJson(chosen.out).value(QStringLiteral("rows")).toInteger(), qint64(10));
        // The main pool's metrics are unchanged by the other pool's rows.
        verifyMetrics({QStringLiteral("--chain"), QStringLiteral("8453")}, m_direct.swaps.last().timestamp, 600);
    }
};

QTEST_GUILESS_MAIN(TestCliData)
#include "test_cli_data.moc"
