// GAN validation statistics: KS test against scipy's ks_2samp, grades, autocorrelation, the report
// and the tutorial's synthetic CSV.
//
// Reference values come from scipy 1.10.1 (Debian python3-scipy), computed once with:
//   from scipy import stats; import numpy as np
//   r = stats.ks_2samp(a, b, method='auto'); print(r.statistic, r.pvalue)
//   stats.kstwo.sf(d, n)
// with the samples written out next to each check below (the generators are reproduced in C++).
// The identical and disjoint cases are also checked by hand: disjoint 3 vs 4 values gives
// p = 2 / C(7, 3) = 2/35.

#include "ganvalidation.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace apedesk::ml;

namespace {

bool closeRel(double actual, double expected, double rel)
{
    return std::abs(actual - expected) <= rel * std::abs(expected) + 1e-300;
}

#define QCOMPARE_REL(actual, expected, rel)                                                                        \
    QVERIFY2(closeRel((actual), (expected), (rel)),                                                                \
             qPrintable(QStringLiteral("%1 = %2, expected %3").arg(QLatin1String(#actual)).arg((actual), 0, 'g', 17)  \
                            .arg((expected), 0, 'g', 17)))

// x_t = phi x_{t-1} + e_t, started in the stationary distribution: lag-k correlation phi^k.
SequenceSet ar1(int count, int steps, int features, double phi, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    SequenceSet set;
    set.count = count;
    set.steps = steps;
    set.features = features;
    set.values.resize(static_cast<std::size_t>(count) * steps * features);
    for (int s = 0; s < count; ++s)
        for (int f = 0; f < features; ++f) {
            double x = normal(rng) / std::sqrt(1.0 - phi * phi);
            for (int t = 0; t < steps; ++t) {
                if (t > 0)
                    x = phi * x + normal(rng);
                set.values[(static_cast<std::size_t>(s) * steps + t) * features + f] = x + 10.0 * (f + 1);
            }
        }
    return set;
}

QStringList tenFeatures()
{
    return {QStringLiteral("price"), QStringLiteral("amount0_eth"), QStringLiteral("amount1_usdc"),
            QStringLiteral("tick"), QStringLiteral("volume"), QStringLiteral("volatility"),
            QStringLiteral("volume_ma"), QStringLiteral("tick_change"), QStringLiteral("time_diff"),
            QStringLiteral("liquidity_usage")};
}

QByteArray csvHeader()
{
    return "sequence_id,step,timestamp,price,amount0_eth,amount1_usdc,tick,volume,volatility,volume_ma,"
           "tick_change,time_diff,liquidity_usage\n";
}

QByteArray csvRow(int sequence, int step, double base)
{
    QByteArray row = QByteArray::number(sequence) + ',' + QByteArray::number(step) + ",2025-01-01 00:00:00";
    for (int f = 0; f < 10; ++f)
        row += ',' + QByteArray::number(base + f + step * 0.5, 'g', 12);
    return row + '\n';
}

apedesk::Result<SyntheticCsv> readCsv(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readSyntheticCsv(buffer);
}

} // namespace

class TestGanValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ksExactSmall()
    {
        // a=[0.1,0.4,0.7,1.2,2.5] b=[0.3,0.5,0.9,1.1,3.0,3.2,4.1]
        auto r = ksTwoSample({0.1, 0.4, 0.7, 1.2, 2.5}, {0.3, 0.5, 0.9, 1.1, 3.0, 3.2, 4.1});
        QVERIFY(r);
        QVERIFY(r->exact);
        QCOMPARE_REL(r->statistic, 0.42857142857142855, 1e-12);
        QCOMPARE_REL(r->pValue, 0.5454545454545454, 1e-10);
    }

    void ksExactTies()
    {
        // a=[1,2,2,3,3,3,5] b=[2,3,4,4,6,7]: ties within and across the samples
        auto r = ksTwoSample({1, 2, 2, 3, 3, 3, 5}, {2, 3, 4, 4, 6, 7});
        QVERIFY(r);
        QCOMPARE_REL(r->statistic, 0.5238095238095238, 1e-12);
        QCOMPARE_REL(r->pValue, 0.2773892773892773, 1e-10);
    }

    void ksExactEqualSizes()
    {
        // a=[1..8] b=[5..12]
        auto r = ksTwoSample({1, 2, 3, 4, 5, 6, 7, 8}, {5, 6, 7, 8, 9, 10, 11, 12});
        QVERIFY(r);
        QCOMPARE_REL(r->statistic, 0.5, 1e-12);
        QCOMPARE_REL(r->pValue, 0.2826728826728826, 1e-10);
    }

    void ksExactMedium()
    {
        // a=[sin(1.3 i)*3 for i<300] b=[cos(0.7 i)*3+0.4 for i<450]
        std::vector<double> a, b;
        for (int i = 0; i < 300; ++i)
            a.push_back(std::sin(i * 1.3) * 3);
        for (int i = 0; i < 450; ++i)
            b.push_back(std::cos(i * 0.7) * 3 + 0.4);
        auto r = ksTwoSample(a, b);
        QVERIFY(r);
        QVERIFY(r->exact);
        QCOMPARE_REL(r->statistic, 0.17, 1e-12);
        QCOMPARE_REL(r->pValue, 5.392216698159023e-05, 1e-8);
    }

    void ksIdenticalAndDisjoint()
    {
        auto same = ksTwoSample({1, 2, 3, 4}, {1, 2, 3, 4});
        QVERIFY(same);
        QCOMPARE(same->statistic, 0.0);
        QCOMPARE(same->pValue, 1.0);
        auto apart = ksTwoSample({1, 2, 3}, {10, 11, 12, 13});
        QVERIFY(apart);
        QCOMPARE(apart->statistic, 1.0);
        QCOMPARE_REL(apart->pValue, 2.0 / 35.0, 1e-12); // only the two "all of one sample first" paths
        // Order of the arguments does not matter for the two-sided test.
        auto swapped = ksTwoSample({10, 11, 12, 13}, {1, 2, 3});
        QCOMPARE_REL(swapped->pValue, 2.0 / 35.0, 1e-12);
        QVERIFY(!ksTwoSample({}, {1.0}));
        QVERIFY(!ksTwoSample({1.0, std::nan("")}, {1.0}));
    }

    void ksAsymptotic()
    {
        // a=[sin(0.37 i) for i<12000] b=[sin(0.53 i)*1.1+0.02 for i<2400]
        std::vector<double> a, b;
        for (int i = 0; i < 12000; ++i)
            a.push_back(std::sin(i * 0.37));
        for (int i = 0; i < 2400; ++i)
            b.push_back(std::sin(i * 0.53) * 1.1 + 0.02);
        auto r = ksTwoSample(a, b);
        QVERIFY(r);
        QVERIFY(!r->exact);
        QCOMPARE_REL(r->statistic, 0.1495833333333333, 1e-9);
        QCOMPARE_REL(r->pValue, 1.572247375176555e-39, 1e-6);

        // b=[0.5,0.6,0.7,0.9,0.95]: the effective n = round(12000*5/12005) = 5 is small
        auto tiny = ksTwoSample(a, {0.5, 0.6, 0.7, 0.9, 0.95});
        QVERIFY(tiny);
        QCOMPARE_REL(tiny->statistic, 0.6665, 1e-9);
        QCOMPARE_REL(tiny->pValue, 0.010368070639098254, 1e-6);
    }

    void ksAsymptoticBothLarge()
    {
        // a=[(i*7919 % 10007)/10007 for i<20000] b=[((i*104729) % 1009)/1009*1.05 for i<15000]
        std::vector<double> a, b;
        for (long long i = 0; i < 20000; ++i)
            a.push_back(double((i * 7919) % 10007) / 10007.0);
        for (long long i = 0; i < 15000; ++i)
            b.push_back(double((i * 104729) % 1009) / 1009.0 * 1.05);
        auto r = ksTwoSample(a, b);
        QVERIFY(r);
        QCOMPARE_REL(r->statistic, 0.04783333333333328, 1e-9);
        QCOMPARE_REL(r->pValue, 1.759203968515816e-17, 1e-6);

        // a=[i/20000 for i<20000] b=[(i+0.5)/15000*1.01 for i<15000]: small D, Pelz-Good region
        a.clear();
        b.clear();
        for (int i = 0; i < 20000; ++i)
            a.push_back(i / 20000.0);
        for (int i = 0; i < 15000; ++i)
            b.push_back((i + 0.5) / 15000.0 * 1.01);
        auto close = ksTwoSample(a, b);
        QVERIFY(close);
        QCOMPARE_REL(close->statistic, 0.00996666666666668, 1e-9);
        QCOMPARE_REL(close->pValue, 0.35979433074021416, 1e-6);
    }

    void kolmogorovOneSample_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("d");
        QTest::addColumn<double>("expected"); // scipy.stats.kstwo.sf(d, n)
        QTest::newRow("durbin small n") << 5 << 0.3 << 0.664;
        QTest::newRow("n<=140 mid") << 100 << 0.1 << 0.2526927570063874;
        QTest::newRow("n<=140 tail") << 100 << 0.2 << 0.0005551927327988775;
        QTest::newRow("d>=0.5") << 8 << 0.6 << 0.002778486523437502;
        QTest::newRow("ruben-gambino") << 10 << 0.08 << 0.9999978058034054;
        QTest::newRow("smirnov n>140") << 300 << 0.12 << 0.0003195501384250739;
        QTest::newRow("durbin n>140") << 2000 << 0.007 << 0.99996406321293;
        QTest::newRow("pelz-good 2000") << 2000 << 0.02 << 0.3953133626892045;
        QTest::newRow("smirnov 2000") << 2000 << 0.05 << 8.74309579589503e-05;
        QTest::newRow("pelz-good 50000") << 50000 << 0.004 << 0.3994316646755731;
        QTest::newRow("smirnov 50000") << 50000 << 0.01 << 9.018048811843602e-05;
        QTest::newRow("pelz-good 200000") << 200000 << 0.003 << 0.0545369786611305;
    }

    void kolmogorovOneSample()
    {
        QFETCH(int, n);
        QFETCH(double, d);
        QFETCH(double, expected);
        QCOMPARE_REL(ksOneSampleSf(n, d), expected, 1e-7);
    }

    void gradeBoundaries()
    {
        QCOMPARE(gradeFeature(0.0999, 0.0999, 0.1499), ValidationGrade::Excellent);
        QCOMPARE(gradeFeature(0.1, 0.0, 0.0), ValidationGrade::Good);   // KS cut-off is strict
        QCOMPARE(gradeFeature(0.0, 0.10, 0.0), ValidationGrade::Good);  // mean diff 10 %
        QCOMPARE(gradeFeature(0.0, 0.0, 0.15), ValidationGrade::Good);  // std diff 15 %
        QCOMPARE(gradeFeature(0.19, 0.19, 0.29), ValidationGrade::Good);
        QCOMPARE(gradeFeature(0.0, 0.0, 0.30), ValidationGrade::Fair);
        QCOMPARE(gradeFeature(0.29, 0.29, 0.49), ValidationGrade::Fair);
        QCOMPARE(gradeFeature(0.3, 0.0, 0.0), ValidationGrade::Poor);
        QCOMPARE(gradeFeature(0.0, 0.30, 0.0), ValidationGrade::Poor);
        QCOMPARE(gradeFeature(0.0, 0.0, 0.50), ValidationGrade::Poor);
        QCOMPARE(gradeAutocorrelation(0.0999), ValidationGrade::Excellent);
        QCOMPARE(gradeAutocorrelation(0.1), ValidationGrade::Good);
        QCOMPARE(gradeAutocorrelation(0.2), ValidationGrade::Fair);
        QCOMPARE(gradeAutocorrelation(0.3), ValidationGrade::Poor);
        QCOMPARE(gradeOverall(0.05, 0.05), ValidationGrade::Excellent);
        QCOMPARE(gradeOverall(0.05, 0.25), ValidationGrade::Fair);
        QCOMPARE(gradeOverall(0.35, 0.0), ValidationGrade::Poor);
        QCOMPARE(validationGradeKey(ValidationGrade::Fair), QStringLiteral("fair"));
        QCOMPARE(validationGradeText(ValidationGrade::Excellent), QStringLiteral("EXCELLENT"));
    }

    void autocorrelationKnown()
    {
        // Alternating +1/-1: lag 1 is exactly -1, lag 2 exactly +1.
        SequenceSet alt;
        alt.count = 3;
        alt.steps = 24;
        alt.features = 1;
        for (int s = 0; s < 3; ++s)
            for (int t = 0; t < 24; ++t)
                alt.values.push_back(t % 2 ? -1.0 : 1.0);
        QCOMPARE_REL(laggedAutocorrelation(alt, 0, 1), -1.0, 1e-12);
        QCOMPARE_REL(laggedAutocorrelation(alt, 0, 2), 1.0, 1e-12);
        // AR(1) with phi = 0.8: lag k correlation 0.8^k (92,000 pairs: standard error ~0.003).
        const SequenceSet set = ar1(4000, 24, 2, 0.8, 7);
        QVERIFY(std::abs(laggedAutocorrelation(set, 0, 1) - 0.8) < 0.02);
        QVERIFY(std::abs(laggedAutocorrelation(set, 1, 3) - 0.512) < 0.03);
        // A constant feature has no correlation; it counts as 0 rather than NaN.
        SequenceSet flat = alt;
        std::fill(flat.values.begin(), flat.values.end(), 2.0);
        QCOMPARE(laggedAutocorrelation(flat, 0, 1), 0.0);
    }

    void validateGoodAndPoor()
    {
        const QStringList names = tenFeatures();
        const SequenceSet real = ar1(600, 24, 10, 0.8, 1);
        const SequenceSet twin = ar1(300, 24, 10, 0.8, 2);
        auto good = validate(real, twin, names);
        QVERIFY2(good, good ? "" : qPrintable(good.error().toString()));
        QCOMPARE(int(good->features.size()), 10);
        QCOMPARE(good->features[0].name, QStringLiteral("price"));
        QCOMPARE(good->overall, ValidationGrade::Excellent);
        for (const FeatureValidation &f : good->features) {
            QCOMPARE(f.grade, ValidationGrade::Excellent);
            QVERIFY(f.ks < 0.1); // p-values of pooled, serially correlated steps are not checked: too optimistic
            QVERIFY(f.realMin <= f.realMedian && f.realMedian <= f.realMax);
        }

        // Same marginals without memory: KS stays small but the autocorrelation grade falls.
        const SequenceSet noMemory = ar1(300, 24, 10, 0.0, 3);
        auto poor = validate(real, noMemory, names);
        QVERIFY(poor);
        for (const AutocorrelationValidation &a : poor->autocorrelation)
            QCOMPARE(a.grade, ValidationGrade::Poor);
        QVERIFY(poor->overall != ValidationGrade::Excellent);

        // Floats in, shifted: mean diff shows up as a worse feature grade.
        std::vector<float> shifted(twin.values.begin(), twin.values.end());
        for (float &v : shifted)
            v *= 1.5f;
        auto scaled = validate(real, SequenceSet::fromFloats(shifted.data(), 300, 24, 10), names);
        QVERIFY(scaled);
        QCOMPARE(scaled->features[0].grade, ValidationGrade::Poor);
        QVERIFY(scaled->features[0].meanDiff > 0.45 && scaled->features[0].meanDiff < 0.55);

        // Shape mismatches are errors, not crashes.
        QVERIFY(!validate(real, ar1(10, 12, 10, 0.8, 4), names));
        QVERIFY(!validate(real, twin, names.mid(0, 9)));
        SequenceSet nan = twin;
        nan.values[5] = std::nan("");
        QVERIFY(!validate(real, nan, names));
    }

    void reportTextAndJson()
    {
        const QStringList names = tenFeatures();
        auto report = validate(ar1(200, 24, 10, 0.8, 1), ar1(100, 24, 10, 0.0, 9), names);
        QVERIFY(report);
        const QString text = validationReportText(*report);
        QVERIFY(text.contains(QStringLiteral("OVERALL GRADE: ") + validationGradeText(report->overall)));
        QVERIFY(text.contains(QStringLiteral("liquidity_usage: ") + validationGradeText(report->features[9].grade)));
        QVERIFY(text.contains(QStringLiteral("POOR"))); // the memoryless autocorrelation
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("summary_report.txt"));
        QVERIFY(writeValidationReport(path, *report));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), text);
        QVERIFY(text.contains(QStringLiteral("mean difference ") + QString::number(report->features[0].meanDiff * 100.0, 'f', 1)
                              + QLatin1Char('%')));
        QVERIFY(!writeValidationReport(dir.filePath(QStringLiteral("missing/dir/report.txt")), *report));

        const QJsonObject json = validationReportJson(*report);
        QCOMPARE(json.value(QStringLiteral("overall_grade")).toString(), validationGradeKey(report->overall));
        QCOMPARE(json.value(QStringLiteral("features")).toArray().size(), 10);
        QCOMPARE(json.value(QStringLiteral("autocorrelation")).toArray().at(0).toObject()
                     .value(QStringLiteral("real")).toArray().size(), kAutocorrelationLags);
        QVERIFY(!QJsonDocument(json).toJson().isEmpty());
    }

    void syntheticCsvReads()
    {
        QByteArray bytes = csvHeader();
        // Sequence 7 first, steps out of order: the reader groups and orders them.
        for (int step = 23; step >= 0; --step)
            bytes += csvRow(7, step, 100.0);
        bytes += '\n'; // blank lines are skipped
        for (int step = 0; step < 24; ++step)
            bytes += csvRow(2, step, 200.0);
        auto csv = readCsv(bytes);
        QVERIFY2(csv, csv ? "" : qPrintable(csv.error().toString()));
        QCOMPARE(csv->featureNames, tenFeatures());
        QCOMPARE(csv->sequences.count, 2);
        QCOMPARE(csv->sequences.steps, 24);
        QCOMPARE(csv->sequences.features, 10);
        QCOMPARE(csv->sequences.at(0, 0, 0), 100.0);
        QCOMPARE(csv->sequences.at(0, 23, 3), 100.0 + 3 + 23 * 0.5);
        QCOMPARE(csv->sequences.at(1, 1, 9), 200.0 + 9 + 0.5);
    }

    void syntheticCsvRejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("needle");
        QByteArray good;
        for (int step = 0; step < 24; ++step)
            good += csvRow(0, step, 1.0);
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("header only") << csvHeader() << QStringLiteral("no rows");
        QTest::newRow("bad header") << QByteArray("id,step,timestamp,price\n") + good << QStringLiteral("Line 1");
        QByteArray shortRow = csvHeader() + good;
        shortRow += "1,0,2025-01-01,1,2,3\n";
        QTest::newRow("columns") << shortRow << QStringLiteral("Line 26");
        QByteArray badNumber = csvHeader() + good;
        badNumber += csvRow(1, 0, 1.0).replace(",1,", ",abc,");
        QTest::newRow("number") << badNumber << QStringLiteral("not a finite number");
        QTest::newRow("bad step") << csvHeader() + QByteArray("0,x,2025,1,2,3,4,5,6,7,8,9,10\n")
                                  << QStringLiteral("step");
        QTest::newRow("duplicate step") << csvHeader() + good + csvRow(0, 5, 1.0) << QStringLiteral("twice");
        QByteArray shorter = csvHeader() + good;
        for (int step = 0; step < 20; ++step)
            shorter += csvRow(1, step, 1.0);
        QTest::newRow("length") << shorter << QStringLiteral("has 20 steps");
        QByteArray gap = csvHeader() + good;
        for (int step = 1; step <= 24; ++step)
            gap += csvRow(1, step, 1.0);
        QTest::newRow("numbering") << gap << QStringLiteral("0 to 23");
    }

    void syntheticCsvRejectsMalformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, needle);
        auto csv = readCsv(bytes);
        QVERIFY(!csv);
        QVERIFY2(csv.error().message.contains(needle), qPrintable(csv.error().message));
    }

    void syntheticCsvFile()
    {
        QVERIFY(!readSyntheticCsvFile(QStringLiteral("/nonexistent/synthetic.csv")));
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("synthetic.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray bytes = csvHeader();
        for (int s = 0; s < 3; ++s)
            for (int step = 0; step < 24; ++step)
                bytes += csvRow(s, step, s * 10.0);
        file.write(bytes);
        file.close();
        auto csv = readSyntheticCsvFile(file.fileName());
        QVERIFY2(csv, csv ? "" : qPrintable(csv.error().toString()));
        QCOMPARE(csv->sequences.count, 3);
    }
};

QTEST_GUILESS_MAIN(TestGanValidation)
#include "test_gan_validation.moc"
