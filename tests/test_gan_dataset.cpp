// The GAN lab's dataset: features, windows, conditions, split, normalisation, loaders, sampling.

#include "gandataset.h"
#include "market/swapcsv.h"
#include "market/swapstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

QString sharedCsvPath()
{
    return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv");
}

// The raw value of feature f at synthetic row i: distinct per row and feature, with negative
// amounts, zeros and a non-constant price, so a wrong row or column shows.
double syntheticValue(int i, int f)
{
    const double sign = i % 2 ? -1.0 : 1.0;
    switch (f) {
    case GanPrice: return 3000.0 + 0.5 * i + std::sin(i);
    case GanAmount0Eth: return i % 7 == 0 ? 0.0 : sign * 0.01 * (i + 1);
    case GanAmount1Usdc: return i % 7 == 0 ? 0.0 : -sign * 31.0 * (i + 1);
    case GanTick: return -195000.0 + 3 * i;
    case GanVolume: return i % 7 == 0 ? 0.0 : 31.0 * (i + 1);
    case GanVolatility: return 0.1 * i;
    case GanVolumeMa: return 1.0 + 0.2 * i;
    case GanTickChange: return i % 3 - 1.0;
    case GanTimeDiff: return i % 4;
    case GanLiquidityUsage: return 1e-6 * i;
    }
    return 0;
}

QVector<market::ProcessedSwap> syntheticSwaps(int n)
{
    QVector<market::ProcessedSwap> rows(n);
    for (int i = 0; i < n; ++i) {
        market::ProcessedSwap &r = rows[i];
        r.price = syntheticValue(i, GanPrice);
        r.amount0Eth = syntheticValue(i, GanAmount0Eth);
        r.amount1Usdc = syntheticValue(i, GanAmount1Usdc);
        r.swap.tick = static_cast<int>(syntheticValue(i, GanTick));
        r.volume = syntheticValue(i, GanVolume);
        r.volatility = syntheticValue(i, GanVolatility);
        r.volumeMa = syntheticValue(i, GanVolumeMa);
        r.tickChange = syntheticValue(i, GanTickChange);
        r.timeDiff = syntheticValue(i, GanTimeDiff);
        r.liquidityUsage = syntheticValue(i, GanLiquidityUsage);
    }
    return rows;
}

bool closeTo(double actual, double expected, double relative, double absolute = 0)
{
    return std::abs(actual - expected) <= relative * std::abs(expected) + absolute;
}

Result<market::RawCsvImport> importSharedCsv()
{
    QFile file(sharedCsvPath());
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("cannot open ") + sharedCsvPath());
    return market::readRawSwapCsv(file, market::chainKey(8453, false));
}

} // namespace

class TestGanDataset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void featureNamesInTutorialOrder();
    void featuresMatchDefinitionsOnRealRows();
    void windowsAreConsecutiveRows();
    void conditionMatchesHandComputation();
    void splitIsSequentialWithoutStraddle();
    void tooFewRowsIsAClearError();
    void normalizerFittedOnTrainingOnly();
    void normalizeInverseRoundTrip();
    void jsonRoundTripAndBadJson();
    void fullFileLoads();
    void quickOptionIsContiguousSlice();
    void loadsFromStore();
    void conditionSamplingDrawsRealRows();
};

void TestGanDataset::featureNamesInTutorialOrder()
{
    const QStringList expected{QStringLiteral("price"),       QStringLiteral("amount0_eth"),
                               QStringLiteral("amount1_usdc"), QStringLiteral("tick"),
                               QStringLiteral("volume"),       QStringLiteral("volatility"),
                               QStringLiteral("volume_ma"),    QStringLiteral("tick_change"),
                               QStringLiteral("time_diff"),    QStringLiteral("liquidity_usage")};
    for (int f = 0; f < kGanFeatureCount; ++f)
        QCOMPARE(ganFeatureName(f), expected[f]);
}

// The first rows of the real file, recomputed here from the CSV text with the tutorial's
// definitions (independent parsing, long double price from sqrtPriceX96).
void TestGanDataset::featuresMatchDefinitionsOnRealRows()
{
    QFile file(sharedCsvPath());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(sharedCsvPath()));
    const QList<QByteArray> lines = file.readAll().split('\n');
    constexpr int kRows = 30;
    QVERIFY(lines.size() > kRows);

    struct Raw { quint64 block; double amount0, amount1; long double sqrtP; double liquidity; int tick; qint64 time; };
    // The file is not in block order (the tutorial's parallel collector): take its distinct lines,
    // stable-sorted by block (rows in one block keep the file's order), as the definitions say.
    QVector<Raw> raw;
    QSet<QByteArray> seen;
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || seen.contains(line))
            continue;
        seen.insert(line);
        const QList<QByteArray> c = line.split(',');
        QCOMPARE(c.size(), 13);
        raw.push_back(Raw{c[0].toULongLong(), c[6].toDouble(), c[7].toDouble(), std::strtold(c[8].constData(), nullptr),
                          c[9].toDouble(), c[10].toInt(), c[12].toLongLong()});
    }
    std::stable_sort(raw.begin(), raw.end(), [](const Raw &a, const Raw &b) { return a.block < b.block; });

    auto imported = importSharedCsv();
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
    const QVector<GanFeatureRow> rows = ganFeatureRows(market::processSwaps(imported->swaps));
    QCOMPARE(rows.size(), raw.size());   // exact repeats dropped, nothing else

    QVector<double> prices, volumes;
    for (int i = 0; i < kRows; ++i) {
        const Raw &r = raw[i];
        const long double q = r.sqrtP / std::pow(2.0L, 96);
        const double price = static_cast<double>(q * q * 1e12L);
        const double volume = std::abs(r.amount1 / 1e6);
        prices.push_back(price);
        volumes.push_back(volume);
        double volatility = 0;
        const int from3 = std::max(0, i - 2);
        if (i - from3 >= 1) {
            double mean = 0;
            for (int j = from3; j <= i; ++j)
                mean += prices[j];
            mean /= i - from3 + 1;
            double squares = 0;
            for (int j = from3; j <= i; ++j)
                squares += (prices[j] - mean) * (prices[j] - mean);
            volatility = std::sqrt(squares / (i - from3));
        }
        const int from5 = std::max(0, i - 4);
        double volumeMa = 0;
        for (int j = from5; j <= i; ++j)
            volumeMa += volumes[j];
        volumeMa /= i - from5 + 1;

        const GanFeatureRow &row = rows[i];
        QVERIFY2(closeTo(row[GanPrice], price, 1e-12), qPrintable(QString::number(i)));
        QVERIFY(closeTo(row[GanAmount0Eth], r.amount0 / 1e18, 1e-14));
        QVERIFY(closeTo(row[GanAmount1Usdc], r.amount1 / 1e6, 1e-14));
        QCOMPARE(row[GanTick], double(r.tick));
        QVERIFY(closeTo(row[GanVolume], volume, 1e-14));
        QVERIFY2(closeTo(row[GanVolatility], volatility, 1e-6, 1e-9), qPrintable(QString::number(i)));
        QVERIFY(closeTo(row[GanVolumeMa], volumeMa, 1e-12));
        QCOMPARE(row[GanTickChange], i == 0 ? 0.0 : double(r.tick - raw[i - 1].tick));
        QCOMPARE(row[GanTimeDiff], i == 0 ? 0.0 : double(r.time - raw[i - 1].time));
        QVERIFY(closeTo(row[GanLiquidityUsage], volume / (r.liquidity + 1), 1e-12));
    }
    // Amounts keep their sign: the first swap paid ETH in and received USDC.
    QVERIFY(rows[0][GanAmount0Eth] < 0);
    QVERIFY(rows[0][GanAmount1Usdc] > 0);
}

void TestGanDataset::windowsAreConsecutiveRows()
{
    auto dataset = buildGanDataset(syntheticSwaps(100));
    QVERIFY2(dataset, dataset ? "" : qPrintable(dataset.error().toString()));
    const GanNormalizer &norm = dataset->normalizer;
    const int perWindow = kGanSequenceLength * kGanFeatureCount;
    QCOMPARE(dataset->trainSequences.size(), dataset->trainCount * perWindow);
    QCOMPARE(dataset->validationSequences.size(), dataset->validationCount * perWindow);
    QCOMPARE(dataset->trainConditions.size(), dataset->trainCount * kGanConditionCount);
    QCOMPARE(dataset->validationConditions.size(), dataset->validationCount * kGanConditionCount);

    const auto check = [&](const QVector<float> &sequences, int window, int start) {
        for (int s = 0; s < kGanSequenceLength; ++s)
            for (int f = 0; f < kGanFeatureCount; ++f) {
                const float stored = sequences[(window * kGanSequenceLength + s) * kGanFeatureCount + f];
                const float expected = static_cast<float>(norm.normalize(f, syntheticValue(start + s, f)));
                if (stored != expected)
                    return false;
            }
        return true;
    };
    for (int k = 0; k < dataset->trainCount; ++k)
        QVERIFY2(check(dataset->trainSequences, k, k), qPrintable(QStringLiteral("train window %1").arg(k)));
    for (int j = 0; j < dataset->validationCount; ++j)
        QVERIFY2(check(dataset->validationSequences, j, dataset->validationFirstStart + j),
                 qPrintable(QStringLiteral("validation window %1").arg(j)));
    // Denormalising a stored step gives the row back (float precision).
    const float price = dataset->trainSequences[(5 * kGanSequenceLength + 3) * kGanFeatureCount + GanPrice];
    QVERIFY(closeTo(norm.denormalize(GanPrice, price), syntheticValue(8, GanPrice), 1e-6));
}

void TestGanDataset::conditionMatchesHandComputation()
{
    QVector<GanFeatureRow> rows(40);
    for (int i = 0; i < rows.size(); ++i) {
        rows[i].fill(0);
        rows[i][GanPrice] = i;
        rows[i][GanVolume] = 2.0 * i;
        rows[i][GanTickChange] = i % 2 ? 3 : -1;
        rows[i][GanTimeDiff] = 10;
    }
    rows[4][GanPrice] = 10;   // prices of rows 0..4: 0 1 2 3 10

    const GanConditionRow first = ganWindowCondition(rows, 0);
    for (double v : first)
        QCOMPARE(v, 0.0);

    const GanConditionRow one = ganWindowCondition(rows, 1);   // one previous row: row 0
    QCOMPARE(one[GanMeanPrice], 0.0);
    QCOMPARE(one[GanStdPrice], 0.0);
    QCOMPARE(one[GanMeanVolume], 0.0);
    QCOMPARE(one[GanMeanTickChange], -1.0);
    QCOMPARE(one[GanMeanTimeDiff], 10.0);

    const GanConditionRow five = ganWindowCondition(rows, 5);   // rows 0..4
    QCOMPARE(five[GanMeanPrice], 16.0 / 5);                      // (0+1+2+3+10)/5
    // deviations −3.2 −2.2 −1.2 −0.2 6.8: squares 10.24 + 4.84 + 1.44 + 0.04 + 46.24 = 62.8, / 4
    QVERIFY(closeTo(five[GanStdPrice], std::sqrt(62.8 / 4), 1e-14));
    QCOMPARE(five[GanMeanVolume], 4.0);                          // 2·(0+1+2+3+4)/5
    QCOMPARE(five[GanMeanTickChange], (-1 + 3 - 1 + 3 - 1) / 5.0);
    QCOMPARE(five[GanMeanTimeDiff], 10.0);

    const GanConditionRow capped = ganWindowCondition(rows, 30);   // the previous 20 rows: 10..29
    QCOMPARE(capped[GanMeanPrice], 19.5);
    QVERIFY(closeTo(capped[GanStdPrice], std::sqrt(35.0), 1e-14));   // 20 consecutive integers: n(n+1)/12
    QCOMPARE(capped[GanMeanVolume], 39.0);
    QCOMPARE(capped[GanMeanTickChange], 1.0);

    // The dataset's stored conditions are these, normalised.
    auto dataset = buildGanDataset(syntheticSwaps(100));
    QVERIFY(dataset);
    for (int k : {0, 1, 7, 30}) {
        const GanConditionRow expected = ganWindowCondition(dataset->rows, k);
        for (int c = 0; c < kGanConditionCount; ++c)
            QCOMPARE(dataset->trainConditions[k * kGanConditionCount + c],
                     static_cast<float>(dataset->normalizer.normalizeCondition(c, expected[c])));
    }
}

void TestGanDataset::splitIsSequentialWithoutStraddle()
{
    for (int n = 53; n <= 400; n += 7) {
        auto dataset = buildGanDataset(syntheticSwaps(n));
        QVERIFY2(dataset, dataset ? "" : qPrintable(dataset.error().toString()));
        const int windows = n - kGanSequenceLength + 1;
        const int boundary = int(std::floor(0.8 * windows));
        QCOMPARE(dataset->boundaryRow, boundary);
        QCOMPARE(dataset->trainCount, boundary - 23);
        QCOMPARE(dataset->validationCount, windows - boundary);
        QCOMPARE(dataset->trainCount + dataset->validationCount + dataset->droppedWindows, windows);
        // The last training window's last row lies before the first validation window's first row.
        const int lastTrainRow = dataset->trainCount - 1 + kGanSequenceLength - 1;
        QVERIFY(lastTrainRow < dataset->boundaryRow);
        QCOMPARE(dataset->validationFirstStart, dataset->boundaryRow);
        QCOMPARE(dataset->validationFirstStart + dataset->validationCount - 1, n - kGanSequenceLength);
    }
    // Time order: on synthetic rows prices rise, so every training step precedes every validation step.
    auto dataset = buildGanDataset(syntheticSwaps(100));
    QVERIFY(dataset);
    QCOMPARE(dataset->trainCount, 38);   // W = 77, B = floor(61.6) = 61, starts 0..37
    QCOMPARE(dataset->validationCount, 16);   // starts 61..76
}

void TestGanDataset::tooFewRowsIsAClearError()
{
    auto none = buildGanDataset(syntheticSwaps(23));
    QVERIFY(!none);
    QCOMPARE(none.error().kind, Error::Kind::Usage);
    QVERIFY2(none.error().message.contains(QLatin1String("Too few swaps for one GAN window")),
             qPrintable(none.error().message));
    auto noSplit = buildGanDataset(syntheticSwaps(30));   // 7 windows: no room for a training window
    QVERIFY(!noSplit);
    QCOMPARE(noSplit.error().kind, Error::Kind::Usage);
    QVERIFY(buildGanDataset(syntheticSwaps(53)));   // the smallest split: 1 training window
    QVERIFY(!buildGanDataset(syntheticSwaps(52)));
}

void TestGanDataset::normalizerFittedOnTrainingOnly()
{
    QVector<market::ProcessedSwap> swaps = syntheticSwaps(100);
    auto base = buildGanDataset(swaps);
    QVERIFY(base);
    const int boundary = base->boundaryRow;

    // Hand computation of the price scale over rows [0, B).
    double mean = 0;
    for (int i = 0; i < boundary; ++i)
        mean += syntheticValue(i, GanPrice);
    mean /= boundary;
    double squares = 0;
    for (int i = 0; i < boundary; ++i)
        squares += std::pow(syntheticValue(i, GanPrice) - mean, 2);
    QVERIFY(closeTo(base->normalizer.feature(GanPrice).mean, mean, 1e-14));
    QVERIFY(closeTo(base->normalizer.feature(GanPrice).std, std::sqrt(squares / (boundary - 1)), 1e-12));

    QVector<market::ProcessedSwap> changedValidation = swaps;
    for (int i = boundary; i < changedValidation.size(); ++i) {
        changedValidation[i].price *= 10;
        changedValidation[i].volume += 1e6;
        changedValidation[i].amount0Eth = -50;
        changedValidation[i].timeDiff = 999;
    }
    auto validationChanged = buildGanDataset(changedValidation);
    QVERIFY(validationChanged);
    QVERIFY(validationChanged->normalizer == base->normalizer);
    QVERIFY(validationChanged->validationSequences != base->validationSequences);

    QVector<market::ProcessedSwap> changedTraining = swaps;
    changedTraining[boundary - 1].price *= 10;
    auto trainingChanged = buildGanDataset(changedTraining);
    QVERIFY(trainingChanged);
    QVERIFY(!(trainingChanged->normalizer == base->normalizer));
}

void TestGanDataset::normalizeInverseRoundTrip()
{
    auto dataset = loadGanDatasetFromCsv(sharedCsvPath(), GanDatasetOptions::quick());
    QVERIFY2(dataset, dataset ? "" : qPrintable(dataset.error().toString()));
    const GanNormalizer &norm = dataset->normalizer;
    QCOMPARE(norm.feature(GanVolume).transform, GanTransform::Log);
    QCOMPARE(norm.feature(GanVolumeMa).transform, GanTransform::Log);
    QCOMPARE(norm.feature(GanAmount0Eth).transform, GanTransform::SignedLog);
    QCOMPARE(norm.feature(GanAmount1Usdc).transform, GanTransform::SignedLog);
    QCOMPARE(norm.feature(GanPrice).transform, GanTransform::Standard);

    // Relative 1e-9. Zero (and 1e-18 ETH) have no relative scale, and the affine step x·σ + μ rounds
    // at the scale of μ (tick: μ ≈ −195,000), so an absolute floor of 1e-12 plus 1e-13·(|μ| + σ) for
    // the untransformed features.
    const auto roundTrips = [&](int f, double x) {
        const double back = norm.denormalize(f, norm.normalize(f, x));
        const GanScale &scale = norm.feature(f);
        const double floor = 1e-12
            + (scale.transform == GanTransform::Standard ? 1e-13 * (std::abs(scale.mean) + scale.std) : 0.0);
        return closeTo(back, x, 1e-9, floor);
    };
    const QVector<double> extras{0.0, 1e-18, 1e-6, 0.5, 1.0, 3.25, 2500.0, 1e7};
    for (int f = 0; f < kGanFeatureCount; ++f) {
        QVector<double> values;
        for (const GanFeatureRow &row : dataset->rows)
            values.push_back(row[f]);
        for (double e : extras) {
            values.push_back(e);
            if (norm.feature(f).transform != GanTransform::Log)   // log features are non-negative
                values.push_back(-e);
        }
        for (double x : values)
            QVERIFY2(roundTrips(f, x), qPrintable(QStringLiteral("%1 = %2").arg(ganFeatureName(f)).arg(x, 0, 'g', 17)));
    }
    QVERIFY(dataset->rows.constFirst()[GanAmount0Eth] != 0);
    // Zero stays exactly zero through signed_log.
    QCOMPARE(norm.denormalize(GanAmount0Eth, norm.normalize(GanAmount0Eth, 0.0)), 0.0);
    for (int c = 0; c < kGanConditionCount; ++c)
        for (double x : {-3.5, 0.0, 2800.25})
            QVERIFY(closeTo(norm.denormalizeCondition(c, norm.normalizeCondition(c, x)), x, 1e-12, 1e-12));
}

void TestGanDataset::jsonRoundTripAndBadJson()
{
    auto dataset = buildGanDataset(syntheticSwaps(100));
    QVERIFY(dataset);
    const GanNormalizer &norm = dataset->normalizer;

    const QJsonObject json = norm.toJson();
    QCOMPARE(json.size(), kGanFeatureCount + 1);
    QCOMPARE(json.value(QStringLiteral("volume")).toObject().value(QStringLiteral("transform")).toString(),
             QStringLiteral("log"));
    QCOMPARE(json.value(QStringLiteral("amount1_usdc")).toObject().value(QStringLiteral("transform")).toString(),
             QStringLiteral("signed_log"));
    QCOMPARE(json.value(QStringLiteral("price")).toObject().value(QStringLiteral("mean")).toDouble(),
             norm.feature(GanPrice).mean);
    QCOMPARE(json.value(QStringLiteral("condition")).toObject().size(), kGanConditionCount);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("normalization_params.json"));
    const Status saved = norm.save(path);
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    auto loaded = GanNormalizer::load(path);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().toString()));
    QVERIFY(*loaded == norm);   // bit-exact doubles

    const auto bad = [](const QByteArray &text) {
        auto r = GanNormalizer::fromJson(text);
        return !r && r.error().kind == Error::Kind::Format;
    };
    QVERIFY(bad("{not json"));
    QVERIFY(bad("[]"));
    QVERIFY(bad("{}"));
    QJsonObject missingCondition = json;
    missingCondition.remove(QStringLiteral("condition"));
    QVERIFY(bad(QJsonDocument(missingCondition).toJson()));
    QJsonObject badStd = json;
    badStd.insert(QStringLiteral("tick"), QJsonObject{{QStringLiteral("mean"), 1.0}, {QStringLiteral("std"), -2.0},
                                                       {QStringLiteral("transform"), QStringLiteral("standard")}});
    QVERIFY(bad(QJsonDocument(badStd).toJson()));
    QJsonObject wrongTransform = json;
    wrongTransform.insert(QStringLiteral("volume"),
                          QJsonObject{{QStringLiteral("mean"), 1.0}, {QStringLiteral("std"), 2.0},
                                      {QStringLiteral("transform"), QStringLiteral("standard")}});
    QVERIFY(bad(QJsonDocument(wrongTransform).toJson()));
    QVERIFY(GanNormalizer::fromJson(QJsonDocument(json).toJson()));   // the unchanged object loads

    auto missing = GanNormalizer::load(dir.filePath(QStringLiteral("absent.json")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Io);
}

void TestGanDataset::fullFileLoads()
{
    QElapsedTimer timer;
    timer.start();
    auto dataset = loadGanDatasetFromCsv(sharedCsvPath());
    const qint64 ms = timer.elapsed();
    QVERIFY2(dataset, dataset ? "" : qPrintable(dataset.error().toString()));
    qInfo("Loaded the 8,000-swap file into GAN windows in %lld ms", ms);

    // 8,000 data lines, 24 of them exact repeats of earlier lines (the tutorial's boundary blocks).
    auto imported = importSharedCsv();
    QVERIFY(imported);
    QCOMPARE(imported->rowsRead, 8000);
    QCOMPARE(imported->duplicateRows, 24);
    const int n = 7976;
    QCOMPARE(dataset->rows.size(), n);
    // W = 7976 − 23 = 7953 windows, B = floor(0.8 · 7953) = 6362.
    QCOMPARE(dataset->boundaryRow, 6362);
    QCOMPARE(dataset->trainCount, 6339);        // starts 0 … 6338
    QCOMPARE(dataset->validationCount, 1591);   // starts 6362 … 7952
    QCOMPARE(dataset->trainSequences.size(), 6339 * 24 * 10);
    for (float v : dataset->trainSequences)
        QVERIFY(std::isfinite(v));
    for (float v : dataset->validationConditions)
        QVERIFY(std::isfinite(v));

    auto absent = loadGanDatasetFromCsv(QStringLiteral("/nonexistent/swaps.csv"));
    QVERIFY(!absent);
    QCOMPARE(absent.error().kind, Error::Kind::Io);

    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.csv"));
    QFile g(garbage);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write("this,is,not\na,swap,file\n");
    g.close();
    auto bad = loadGanDatasetFromCsv(garbage);
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, Error::Kind::Format);

    QFile full(sharedCsvPath());
    QVERIFY(full.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = full.readAll().split('\n');
    const QString shortPath = dir.filePath(QStringLiteral("short.csv"));
    QFile s(shortPath);
    QVERIFY(s.open(QIODevice::WriteOnly));
    for (int i = 0; i <= 10; ++i)
        s.write(lines[i] + '\n');
    s.close();
    auto tooShort = loadGanDatasetFromCsv(shortPath);
    QVERIFY(!tooShort);
    QCOMPARE(tooShort.error().kind, Error::Kind::Usage);
    QVERIFY2(tooShort.error().message.contains(QLatin1String("10 rows")), qPrintable(tooShort.error().message));
}

void TestGanDataset::quickOptionIsContiguousSlice()
{
    auto full = loadGanDatasetFromCsv(sharedCsvPath());
    auto quick = loadGanDatasetFromCsv(sharedCsvPath(), GanDatasetOptions::quick());
    QVERIFY(full && quick);
    QCOMPARE(quick->rows.size(), 1000);
    QVERIFY(quick->rows == full->rows.mid(full->rows.size() - 1000));   // the last 1000, in order
    QCOMPARE(quick->trainCount, 758);        // W = 977, B = floor(781.6) = 781
    QCOMPARE(quick->validationCount, 196);
}

void TestGanDataset::loadsFromStore()
{
    auto imported = importSharedCsv();
    QVERIFY(imported);
    const QList<market::PoolSwap> swaps = imported->swaps.mid(0, 200);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("swaps.sqlite"));
    {
        auto store = market::SwapStore::open(path);
        QVERIFY2(store, store ? "" : qPrintable(store.error().toString()));
        auto inserted = (*store)->insert(swaps);
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().toString()));
        QCOMPARE(*inserted, 200);
    }
    auto fromStore = loadGanDatasetFromStore(path, swaps.first().chain, swaps.first().poolId);
    QVERIFY2(fromStore, fromStore ? "" : qPrintable(fromStore.error().toString()));
    auto direct = buildGanDataset(market::processSwaps(swaps));
    QVERIFY(direct);
    QVERIFY(fromStore->rows == direct->rows);
    QVERIFY(fromStore->normalizer == direct->normalizer);
    QCOMPARE(fromStore->trainSequences, direct->trainSequences);

    auto otherPool = loadGanDatasetFromStore(path, swaps.first().chain, eth::Hash32());
    QVERIFY(!otherPool);
    QCOMPARE(otherPool.error().kind, Error::Kind::Usage);

    const QString absent = dir.filePath(QStringLiteral("absent.sqlite"));
    auto missing = loadGanDatasetFromStore(absent, swaps.first().chain, swaps.first().poolId);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Io);
    QVERIFY(!QFile::exists(absent));   // never created
}

void TestGanDataset::conditionSamplingDrawsRealRows()
{
    auto dataset = loadGanDatasetFromCsv(sharedCsvPath(), GanDatasetOptions::quick());
    QVERIFY(dataset);

    // The training conditions (window 0's no-history row excluded) are z-scored: mean ≈ 0, std ≈ 1.
    QSet<QByteArray> real;
    for (int c = 0; c < kGanConditionCount; ++c) {
        double sum = 0, squares = 0;
        const int n = dataset->trainCount - 1;
        for (int k = 1; k < dataset->trainCount; ++k)
            sum += dataset->trainConditions[k * kGanConditionCount + c];
        for (int k = 1; k < dataset->trainCount; ++k)
            squares += std::pow(dataset->trainConditions[k * kGanConditionCount + c] - sum / n, 2);
        QVERIFY2(std::abs(sum / n) < 1e-4, qPrintable(ganConditionName(c)));
        QVERIFY2(std::abs(std::sqrt(squares / (n - 1)) - 1) < 1e-4, qPrintable(ganConditionName(c)));
    }
    const auto key = [](const float *row) {
        return QByteArray(reinterpret_cast<const char *>(row), kGanConditionCount * sizeof(float));
    };
    for (int k = 1; k < dataset->trainCount; ++k)
        real.insert(key(dataset->trainConditions.constData() + k * kGanConditionCount));
    const QByteArray noHistory = key(dataset->trainConditions.constData());

    const QVector<float> a = sampleGanConditions(*dataset, 500, 42);
    QCOMPARE(a.size(), 500 * kGanConditionCount);
    QSet<QByteArray> distinct;
    for (int i = 0; i < 500; ++i) {
        const QByteArray row = key(a.constData() + i * kGanConditionCount);
        QVERIFY(real.contains(row));
        QVERIFY(row != noHistory);
        distinct.insert(row);
    }
    QVERIFY(distinct.size() > 200);   // spread over the distribution, not one row repeated
    QCOMPARE(sampleGanConditions(*dataset, 500, 42), a);
    QVERIFY(sampleGanConditions(*dataset, 500, 43) != a);
    QVERIFY(sampleGanConditions(*dataset, 0, 42).isEmpty());
}

QTEST_GUILESS_MAIN(TestGanDataset)
#include "test_gan_dataset.moc"
