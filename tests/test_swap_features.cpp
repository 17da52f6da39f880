// The tutorial's swap CSV and the processed features, on the 8,000 real BASE swaps: the import keeps
// every column exactly and drops only exact repeats, rows come out in (block, log index) order, every
// row's price is within 1e-9 of an exact computation from sqrtPriceX96 (and inside its tick), each
// derived column equals its definition recomputed naively here from the file's text, raw and
// processed CSVs read back to the same values, and malformed files fail whole with the line and
// column named.

#include "market/pooltypes.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace apedesk;
using namespace apedesk::market;

namespace {

const QString kChain = QStringLiteral("8453");
const QByteArray kHeader = "block_number,transaction_hash,pool_id,router_address,original_sender,is_contract_sender,"
                           "amount0,amount1,sqrt_price_x96,liquidity,tick,fee,timestamp";
QString dataPath() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

// The real file's first data row (block 25428824), read from ../shared/data; the malformed-input
// cases below edit copies of it.
QByteArray firstDataRow()
{
    QFile file(dataPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    file.readLine();
    return file.readLine().trimmed();
}
const QByteArray kRow = firstDataRow();

// The file's data lines as text, split into fields (the test's own reading, independent of the importer).
QList<QList<QByteArray>> fileRows(bool unique)
{
    QFile file(dataPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    QList<QList<QByteArray>> rows;
    QSet<QByteArray> seen;
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || (unique && seen.contains(line)))
            continue;
        seen.insert(line);
        rows << line.split(',');
    }
    return rows;
}

double exactPrice(const QByteArray &sqrtPriceText)
{
    using boost::multiprecision::cpp_int;
    using Float = boost::multiprecision::cpp_bin_float_100;
    const cpp_int sqrtP(sqrtPriceText.toStdString());
    const cpp_int numerator = sqrtP * sqrtP * cpp_int(1000000000000LL);
    const Float price = Float(numerator) / Float(cpp_int(1) << 192);
    return price.convert_to<double>();
}

double relative(double a, double b) { return b == 0 ? std::abs(a) : std::abs(a - b) / std::abs(b); }

Result<RawCsvImport> importText(const QByteArray &text)
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    return readRawSwapCsv(buffer, kChain);
}

} // namespace

class TestSwapFeatures : public QObject
{
    Q_OBJECT
private:
    RawCsvImport m_import;
    QVector<ProcessedSwap> m_rows;
    QList<QList<QByteArray>> m_text;   // the file's unique rows in (block, file order) order

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(dataPath());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(dataPath()));
        QVERIFY(kRow.startsWith("25428824,327d5a84"));   // the malformed-input cases edit this row
        QElapsedTimer timer;
        timer.start();
        auto imported = readRawSwapCsv(file, kChain);
        const qint64 importMs = timer.elapsed();
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().toString()));
        m_import = *imported;
        m_rows = processSwaps(m_import.swaps);
        const qint64 processMs = timer.elapsed() - importMs;
        QBuffer raw, processed;
        raw.open(QIODevice::WriteOnly);
        processed.open(QIODevice::WriteOnly);
        QVERIFY(writeRawSwapCsv(raw, m_import.swaps).ok());
        QVERIFY(writeProcessedSwapCsv(processed, m_import.swaps).ok());
        qInfo("8,000 real swaps: import %lld ms, features %lld ms, import + features + raw and processed export %lld ms",
              importMs, processMs, timer.elapsed());
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly))
            for (const QByteArray &line : status.readAll().split('\n'))
                if (line.startsWith("VmHWM"))
                    qInfo("peak memory of this test process: %s", line.mid(6).trimmed().constData());

        // The expected order: the unique rows by block, the file's order within a block.
        m_text = fileRows(true);
        std::stable_sort(m_text.begin(), m_text.end(), [](const QList<QByteArray> &a, const QList<QByteArray> &b) {
            return a[0].toULongLong() < b[0].toULongLong();
        });
    }

    void importCountsRowsAndDropsOnlyExactRepeats()
    {
        const int allRows = fileRows(false).size();
        QCOMPARE(allRows, 8000);
        QCOMPARE(m_import.rowsRead, 8000);
        QCOMPARE(m_import.swaps.size(), m_text.size());
        QCOMPARE(m_import.duplicateRows, allRows - int(m_text.size()));
        QVERIFY(m_import.duplicateRows > 0);   // the tutorial's boundary-block repeats are in this file
        QCOMPARE(m_rows.size(), m_import.swaps.size());
    }

    void rowsAreInBlockAndLogIndexOrder()
    {
        QHash<quint64, quint64> next;
        for (int i = 0; i < m_rows.size(); ++i) {
            const PoolSwap &s = m_rows[i].swap;
            QVERIFY(!s.logIndexExact);
            QCOMPARE(s.logIndex, next[s.blockNumber]++);   // 0, 1, 2 … within each block
            if (i > 0) {
                const PoolSwap &p = m_rows[i - 1].swap;
                QVERIFY(p.blockNumber < s.blockNumber || (p.blockNumber == s.blockNumber && p.logIndex < s.logIndex));
                QVERIFY(p.timestamp <= s.timestamp);
            }
            QCOMPARE(m_import.swaps[i], s);   // the import is already in that order
        }
    }

    void everyColumnIsImportedExactly()
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            const PoolSwap &s = m_rows[i].swap;
            const QList<QByteArray> &f = m_text[i];
            QCOMPARE(s.chain, kChain);
            QCOMPARE(QByteArray::number(s.blockNumber), f[0]);
            QCOMPARE(s.txHash.bytes().toHex(), f[1]);
            QCOMPARE(s.poolId.bytes().toHex(), f[2]);
            QCOMPARE(s.sender.toChecksumString().toLatin1(), f[3]);
            QVERIFY(s.origin.has_value());
            QCOMPARE(s.origin->toChecksumString().toLower().toLatin1(), f[4].toLower());
            QCOMPARE(s.originIsContract, std::optional<bool>(f[5] == "True"));
            QCOMPARE(eth::toDecimal(s.amount0).toLatin1(), f[6]);
            QCOMPARE(eth::toDecimal(s.amount1).toLatin1(), f[7]);
            QCOMPARE(eth::toDecimal(s.sqrtPriceX96).toLatin1(), f[8]);
            QCOMPARE(eth::toDecimal(s.liquidity).toLatin1(), f[9]);
            QCOMPARE(QByteArray::number(s.tick), f[10]);
            QCOMPARE(QByteArray::number(s.fee), f[11]);
            QCOMPARE(QByteArray::number(s.timestamp), f[12]);
        }
    }

    void priceIsExactFromSqrtPriceAndInsideItsTick()
    {
        double worst = 0;
        for (int i = 0; i < m_rows.size(); ++i) {
            const double exact = exactPrice(m_text[i][8]);
            const double error = relative(m_rows[i].price, exact);
            worst = std::max(worst, error);
            QVERIFY2(error <= 1e-9, qPrintable(QStringLiteral("row %1: %2 vs %3").arg(i).arg(m_rows[i].price, 0, 'g', 17).arg(exact, 0, 'g', 17)));
            // The tutorial's 1.0001^tick · 10^12 is the price at the tick's lower edge: the exact price
            // lies in [that, that · 1.0001).
            const double tickPrice = std::pow(1.0001, m_rows[i].swap.tick) * 1e12;
            QVERIFY(m_rows[i].price >= tickPrice * (1 - 1e-12));
            QVERIFY(m_rows[i].price < tickPrice * 1.0001 * (1 + 1e-12));
        }
        qInfo("largest relative price error against 100-digit arithmetic: %g", worst);
    }

    void derivedColumnsEqualTheirDefinitions()
    {
        // Recomputed naively from the file's text.
        QVector<double> price, volume;
        for (int i = 0; i < m_rows.size(); ++i) {
            const ProcessedSwap &r = m_rows[i];
            const QList<QByteArray> &f = m_text[i];
            const double p = exactPrice(f[8]);
            const double a0 = std::strtod(f[6].constData(), nullptr) / 1e18;
            const double a1 = std::strtod(f[7].constData(), nullptr) / 1e6;
            const double liquidity = std::strtod(f[9].constData(), nullptr);
            price << p;
            volume << std::abs(a1);
            QVERIFY(relative(r.amount0Eth, a0) <= 1e-15);
            QVERIFY(relative(r.amount1Usdc, a1) <= 1e-15);
            QVERIFY((r.amount0Eth < 0) == (f[6].startsWith('-')));
            QVERIFY(relative(r.volume, std::abs(a1)) <= 1e-15);
            QVERIFY(r.volume >= 0);
            QVERIFY(relative(r.liquidityUsage, std::abs(a1) / (liquidity + 1)) <= 1e-14);

            // volatility: sample std (ddof 1) of the last up-to-3 prices; one value -> 0.
            const int from3 = std::max(0, i - 2);
            const int n3 = i - from3 + 1;
            double expectedVolatility = 0;
            if (n3 > 1) {
                double mean = 0;
                for (int k = from3; k <= i; ++k)
                    mean += price[k] / n3;
                double ss = 0;
                for (int k = from3; k <= i; ++k)
                    ss += (price[k] - mean) * (price[k] - mean);
                expectedVolatility = std::sqrt(ss / (n3 - 1));
            }
            QVERIFY2(std::abs(r.volatility - expectedVolatility) <= 1e-11 * p,
                     qPrintable(QStringLiteral("row %1: %2 vs %3").arg(i).arg(r.volatility).arg(expectedVolatility)));
            QVERIFY(n3 > 1 || r.volatility == 0);

            // volume_ma: mean of the last up-to-5 volumes (min_periods 1).
            const int from5 = std::max(0, i - 4);
            double sum = 0;
            for (int k = from5; k <= i; ++k)
                sum += volume[k];
            QVERIFY(relative(r.volumeMa, sum / (i - from5 + 1)) <= 1e-12);

            const double tickChange = i == 0 ? 0 : f[10].toDouble() - m_text[i - 1][10].toDouble();
            const double timeDiff = i == 0 ? 0 : f[12].toDouble() - m_text[i - 1][12].toDouble();
            QVERIFY(r.tickChange == tickChange);
            QVERIFY(r.timeDiff == timeDiff);
            QVERIFY(r.timeDiff >= 0);   // (block, log index) order never goes back in time
            QVERIFY(std::isfinite(r.volatility) && std::isfinite(r.volumeMa) && std::isfinite(r.liquidityUsage));
        }
    }

    void processSortsItsInput()
    {
        QList<PoolSwap> reversed = m_import.swaps;
        std::reverse(reversed.begin(), reversed.end());
        const QVector<ProcessedSwap> again = processSwaps(reversed);
        QCOMPARE(again.size(), m_rows.size());
        for (int i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].swap, m_rows[i].swap);
            QVERIFY(again[i].volatility == m_rows[i].volatility);
            QVERIFY(again[i].volumeMa == m_rows[i].volumeMa);
        }
        QVERIFY(processSwaps({}).isEmpty());
    }

    void rawExportReadsBackTheSame()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(writeRawSwapCsv(out, m_import.swaps).ok());
        const QList<QByteArray> lines = out.data().split('\n');
        QCOMPARE(lines.first(), kHeader + ",log_index");
        // Unknown log indexes stay unknown (an empty cell), so a round trip does not invent exact ones;
        // the other columns are the file's own text.
        QCOMPARE(lines.at(1), m_text[0].join(',') + ',');
        auto again = importText(out.data());
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().toString()));
        QCOMPARE(qsizetype(again->rowsRead), m_import.swaps.size());
        QCOMPARE(again->duplicateRows, 0);
        QCOMPARE(again->swaps, m_import.swaps);

        // Exact log indexes (as collected) are written and read back as exact, in their order.
        QList<PoolSwap> exact = m_import.swaps;
        for (PoolSwap &s : exact) {
            s.logIndex = s.logIndex * 7 + 3;
            s.logIndexExact = true;
        }
        std::reverse(exact.begin(), exact.end());
        QBuffer out2;
        out2.open(QIODevice::WriteOnly);
        QVERIFY(writeRawSwapCsv(out2, exact).ok());
        auto exactAgain = importText(out2.data());
        QVERIFY(exactAgain.ok());
        std::reverse(exact.begin(), exact.end());
        QCOMPARE(exactAgain->swaps, exact);
        QVERIFY(exactAgain->swaps.first().logIndexExact);
    }

    void processedExportHasTheColumnsAndValues()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(writeProcessedSwapCsv(out, m_import.swaps).ok());
        const QList<QByteArray> lines = out.data().split('\n');
        QCOMPARE(lines.first(), kHeader + ",log_index,price,amount0_eth,amount1_usdc,volume,volatility,volume_ma,"
                                          "tick_change,time_diff,liquidity_usage");
        QCOMPARE(processedSwapCsvColumns().join(QLatin1Char(',')).toLatin1(), lines.first());
        QCOMPARE(lines.size(), m_rows.size() + 2);   // header, rows, the final newline
        QVERIFY(lines.last().isEmpty());
        for (int i = 0; i < m_rows.size(); ++i) {
            const QList<QByteArray> f = lines[i + 1].split(',');
            QCOMPARE(f.size(), qsizetype(23));
            QCOMPARE(f.mid(0, 13), m_text[i]);
            QVERIFY(f[13].isEmpty());
            const ProcessedSwap &r = m_rows[i];
            const double values[] = {r.price, r.amount0Eth, r.amount1Usdc, r.volume, r.volatility,
                                     r.volumeMa, r.tickChange, r.timeDiff, r.liquidityUsage};
            for (int k = 0; k < 9; ++k) {
                char *end = nullptr;
                const double parsed = std::strtod(f[14 + k].constData(), &end);
                QVERIFY2(parsed == values[k], qPrintable(QStringLiteral("row %1 column %2: %3").arg(i).arg(14 + k).arg(QString::fromLatin1(f[14 + k]))));
            }
        }
    }

    void acceptedVariants()
    {
        // CRLF, a BOM, empty lines, a 0x-prefixed hash (as cast writes it), an all-lower-case address,
        // an unknown origin, and our log_index column.
        QByteArray row2 = kRow;
        row2.replace("327d5a84", "0x427d5a84").replace("0x6fF5693b99212Da76ad316178A184AB56D299b43",
                                                        "0x6ff5693b99212da76ad316178a184ab56d299b43");
        const QByteArray text = "\xEF\xBB\xBF" + kHeader + "\r\n" + kRow + "\r\n\r\n" + row2 + "\r\n";
        auto imported = importText(text);
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().toString()));
        QCOMPARE(imported->swaps.size(), qsizetype(2));
        QCOMPARE(imported->swaps[0].sender, imported->swaps[1].sender);
        QCOMPARE(imported->swaps[1].txHash.bytes().toHex().left(8), QByteArray("427d5a84"));
        QCOMPARE(imported->swaps[1].logIndex, quint64(1));   // second row of block 25428824

        QByteArray unknownOrigin = kRow;
        unknownOrigin.replace(",0x4423B0D6955aF39B48cf215577a79Ce574299D3f,False,", ",,,");
        auto noOrigin = importText(kHeader + '\n' + unknownOrigin);
        QVERIFY(noOrigin.ok());
        QVERIFY(!noOrigin->swaps[0].origin.has_value());
        QVERIFY(!noOrigin->swaps[0].originIsContract.has_value());

        auto withIndex = importText(kHeader + ",log_index\n" + kRow + ",41\n");
        QVERIFY(withIndex.ok());
        QCOMPARE(withIndex->swaps[0].logIndex, quint64(41));
        QVERIFY(withIndex->swaps[0].logIndexExact);

        auto headerOnly = importText(kHeader + '\n');
        QVERIFY(headerOnly.ok());
        QCOMPARE(headerOnly->rowsRead, 0);
    }

    void malformedInputs_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");   // part of the message

        const QByteArray h = kHeader + '\n';
        auto row = [](const char *from, const char *to) { return QByteArray(kRow).replace(from, to); };
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("renamed column") << QByteArray(kHeader).replace("amount1", "amount_1") + '\n' + kRow
                                        << QStringLiteral("Line 1: header column 8");
        QTest::newRow("missing column") << QByteArray(kHeader).replace(",fee", "") + '\n' << QStringLiteral("Line 1");
        QTest::newRow("short row") << h + kRow + '\n' + row(",500,", ",") << QStringLiteral("Line 3 has 12 fields");
        QTest::newRow("long row") << h + kRow + ",7" << QStringLiteral("Line 2 has 14 fields");
        QTest::newRow("non-number") << h + row("319782", "3197x2") << QStringLiteral("Line 2, column amount1");
        QTest::newRow("float amount") << h + row("319782", "319782.0") << QStringLiteral("Line 2, column amount1");
        QTest::newRow("amount over int128")
            << h + row("-100000000000000,", "-170141183460469231731687303715884105729,") << QStringLiteral("Line 2, column amount0");
        QTest::newRow("short tx hash") << h + row("327d5a84", "327d5a8") << QStringLiteral("Line 2, column transaction_hash");
        QTest::newRow("bad hex") << h + row("96d4b53a", "96d4b53g") << QStringLiteral("Line 2, column pool_id");
        QTest::newRow("bad checksum") << h + kRow + '\n' + row("0x6fF5693b", "0x6ff5693b")
                                      << QStringLiteral("Line 3, column router_address: The address checksum");
        QTest::newRow("address without 0x") << h + row(",0x4423B0D6", ",4423B0D6") << QStringLiteral("Line 2, column original_sender");
        QTest::newRow("not a bool") << h + row("False", "no") << QStringLiteral("Line 2, column is_contract_sender");
        QTest::newRow("tick out of range") << h + row("-195714", "-887273") << QStringLiteral("Line 2, column tick");
        QTest::newRow("zero sqrt price") << h + row("4458936925670369649410795", "0") << QStringLiteral("Line 2, column sqrt_price_x96");
        QTest::newRow("sqrt price over uint160")
            << h + row("4458936925670369649410795", "1461501637330902918203684832716283019655932542976")
            << QStringLiteral("Line 2, column sqrt_price_x96");
        QTest::newRow("negative timestamp") << h + row("1737646995", "-1") << QStringLiteral("Line 2, column timestamp");
        QTest::newRow("line numbers count every line") << h + "\r\n" + kRow + "\r\n" + row("500", "5OO")
                                                       << QStringLiteral("Line 4, column fee");
        QTest::newRow("conflicting log index") << kHeader + ",log_index\n" + kRow + ",1\n" + row("319782", "319783") + ",1\n"
                                               << QStringLiteral("Line 3 has the transaction and log index of line 2");
        QTest::newRow("bad log index") << kHeader + ",log_index\n" + kRow + ",x\n" << QStringLiteral("Line 2, column log_index");
    }

    void malformedInputs()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        auto imported = importText(text);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error().kind, Error::Kind::Format);
        QVERIFY2(imported.error().message.contains(expected), qPrintable(imported.error().toString()));
        QVERIFY(!imported.error().message.contains(QLatin1String("..")));
    }

    void unreadableOrUnwritableDevice()
    {
        QBuffer closed;
        QCOMPARE(readRawSwapCsv(closed, kChain).error().kind, Error::Kind::Io);
        QCOMPARE(writeRawSwapCsv(closed, m_import.swaps).error().kind, Error::Kind::Io);
        QCOMPARE(writeProcessedSwapCsv(closed, m_import.swaps).error().kind, Error::Kind::Io);
    }
};

QTEST_GUILESS_MAIN(TestSwapFeatures)
#include "test_swap_features.moc"
