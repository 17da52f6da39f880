// FRY alpha, case by case: each factor alone against its hand-computed value, the circuit breaker's
// 0.6, the caps of the arbitrage and mint-rate scores, the slippage and confidence clamps, a three-venue
// round normalised to 1 with hand-computed weights, invalid metrics (zero weight with a reason, or an
// error when nobody is left), client sampling (deterministic, minimum venues, order kept, roughly
// uniform) and the early-stopping monitor.
#include "federated/fryalpha.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// RMSE 0.09 + ε 0.01 → an RMSE factor of exactly 10, every other factor 1.
VenueMetrics plain(const QString &venue)
{
    VenueMetrics m;
    m.venue = venue;
    m.hedgeRmse = 0.09;
    m.regime = QStringLiteral("volatile");
    m.regimeConfidence = 1;
    return m;
}

bool near(double a, double b, double tolerance = 1e-12) { return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b)); }

FryAlphaBreakdown single(const VenueMetrics &m, const FryAlphaConfig &config = {}, double mintReference = 0)
{
    return fryAlphaBreakdown(m, config, mintReference);
}

} // namespace

class TestFryAlpha : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rmseFactorAlone()
    {
        const FryAlphaBreakdown b = single(plain(QStringLiteral("a")));
        QVERIFY(b.valid);
        QVERIFY(near(b.rmseFactor, 10));
        QCOMPARE(b.slippageFactor, 1.0);
        QCOMPARE(b.arbFactor, 1.0);
        QCOMPARE(b.mintFactor, 1.0);
        QCOMPARE(b.circuitBreakerFactor, 1.0);
        QCOMPARE(b.confidenceFactor, 1.0);
        QVERIFY(near(b.rawWeight, 10));

        VenueMetrics perfect = plain(QStringLiteral("a"));
        perfect.hedgeRmse = 0;   // ε bounds the factor
        QVERIFY(near(single(perfect).rawWeight, 100));
        VenueMetrics worse = plain(QStringLiteral("a"));
        worse.hedgeRmse = 0.19;   // twice the error + ε → half the weight
        QVERIFY(near(single(worse).rawWeight, 5));
    }

    void slippageAloneAndClamped()
    {
        VenueMetrics m = plain(QStringLiteral("a"));
        m.slippageEfficiency = 0.5;
        QVERIFY(near(single(m).slippageFactor, 1.25));
        QVERIFY(near(single(m).rawWeight, 12.5));
        m.slippageEfficiency = 1.7;   // above 1: clamped
        QVERIFY(near(single(m).slippageFactor, 1.5));
        m.slippageEfficiency = -0.3;  // below 0: clamped
        QCOMPARE(single(m).slippageFactor, 1.0);
    }

    void arbitrageScoreAndCap()
    {
        VenueMetrics m = plain(QStringLiteral("a"));
        m.arbitrageRoi = 0.01;   // half the 2 % reference
        FryAlphaBreakdown b = single(m);
        QVERIFY(near(b.arbScore, 0.5));
        QVERIFY(near(b.arbFactor, 1.15));
        QVERIFY(near(b.rawWeight, 11.5));
        m.arbitrageRoi = 0.02;
        QVERIFY(near(single(m).arbFactor, 1.3));
        m.arbitrageRoi = 0.10;   // score 5, capped at 1
        b = single(m);
        QVERIFY(near(b.arbScore, 5));
        QVERIFY(near(b.arbFactor, 1.3));
        m.arbitrageRoi = -0.05;  // a loss: no bonus, no penalty
        QCOMPARE(single(m).arbFactor, 1.0);

        FryAlphaConfig config;
        config.arbRoiReference = 0.05;
        m.arbitrageRoi = 0.01;
        QVERIFY(near(single(m, config).arbFactor, 1.06));
    }

    void mintScoreAbsoluteAndCap()
    {
        FryAlphaConfig config;
        config.mintRateReference = 100;
        VenueMetrics m = plain(QStringLiteral("a"));
        m.fryMintRate = 50;
        auto round = computeFryAlpha({m}, config);
        QVERIFY(round.ok());
        QVERIFY(near(round->venues[0].mintScore, 0.5));
        QVERIFY(near(round->venues[0].mintFactor, 1.1));
        QVERIFY(near(round->venues[0].rawWeight, 11));
        m.fryMintRate = 400;   // score 4, capped
        round = computeFryAlpha({m}, config);
        QVERIFY(near(round->venues[0].mintFactor, 1.2));
    }

    void mintScoreRelativeToTheRoundsBest()
    {
        VenueMetrics a = plain(QStringLiteral("a"));
        VenueMetrics b = plain(QStringLiteral("b"));
        a.fryMintRate = 10;
        b.fryMintRate = 40;
        const auto round = computeFryAlpha({a, b});
        QVERIFY(round.ok());
        QVERIFY(near(round->venues[0].mintScore, 0.25));
        QVERIFY(near(round->venues[0].mintFactor, 1.05));
        QVERIFY(near(round->venues[1].mintFactor, 1.2));
        QVERIFY(near(round->weightOf(QStringLiteral("a")) / round->weightOf(QStringLiteral("b")), 1.05 / 1.2));

        // Nobody minted: no bonus for anyone, no division by zero.
        a.fryMintRate = b.fryMintRate = 0;
        const auto none = computeFryAlpha({a, b});
        QVERIFY(none.ok());
        QCOMPARE(none->venues[0].mintFactor, 1.0);
        QVERIFY(near(none->weightOf(QStringLiteral("a")), 0.5));
    }

    void circuitBreakerIsSixTenths()
    {
        VenueMetrics calm = plain(QStringLiteral("calm"));
        VenueMetrics tripped = plain(QStringLiteral("tripped"));
        tripped.circuitBreakerActive = true;
        QCOMPARE(single(tripped).circuitBreakerFactor, 0.6);
        QVERIFY(near(single(tripped).rawWeight, 6));
        const auto round = computeFryAlpha({calm, tripped});
        QVERIFY(round.ok());
        QVERIFY(near(round->weightOf(QStringLiteral("tripped")) / round->weightOf(QStringLiteral("calm")), 0.6));
        QVERIFY(near(round->weightOf(QStringLiteral("calm")), 1.0 / 1.6));
    }

    void regimeConfidenceScalesAndClamps()
    {
        VenueMetrics m = plain(QStringLiteral("a"));
        m.regimeConfidence = 0.5;
        QVERIFY(near(single(m).rawWeight, 5));
        m.regimeConfidence = 1.4;
        QCOMPARE(single(m).confidenceFactor, 1.0);
        m.regimeConfidence = -0.2;   // clamped to 0: a valid venue with no weight
        const FryAlphaBreakdown b = single(m);
        QVERIFY(b.valid);
        QCOMPARE(b.rawWeight, 0.0);

        // Everyone at confidence 0: nothing to normalise over.
        VenueMetrics other = plain(QStringLiteral("b"));
        other.regimeConfidence = 0;
        const auto round = computeFryAlpha({m, other});
        QVERIFY(!round.ok());
        QCOMPARE(round.error().kind, Error::Kind::Model);
    }

    void roundNormalisesToHandComputedWeights()
    {
        FryAlphaConfig config;
        config.mintRateReference = 100;
        VenueMetrics a = plain(QStringLiteral("binance"));   // 10 × 1.25 × 1.15 × 1.2 × 0.8 = 13.8
        a.slippageEfficiency = 0.5;
        a.arbitrageRoi = 0.01;
        a.fryMintRate = 100;
        a.regimeConfidence = 0.8;
        VenueMetrics b = plain(QStringLiteral("okx"));       // 5 × 1.5 × 1.3 × 0.6 = 5.85
        b.hedgeRmse = 0.19;
        b.slippageEfficiency = 1;
        b.arbitrageRoi = 0.04;
        b.circuitBreakerActive = true;
        VenueMetrics c = plain(QStringLiteral("bybit"));     // 2.5 × 1.1 = 2.75
        c.hedgeRmse = 0.39;
        c.fryMintRate = 50;

        const auto round = computeFryAlpha({a, b, c}, config);
        QVERIFY(round.ok());
        QCOMPARE(round->venues.size(), 3);
        QVERIFY(near(round->venues[0].rawWeight, 13.8));
        QVERIFY(near(round->venues[1].rawWeight, 5.85));
        QVERIFY(near(round->venues[2].rawWeight, 2.75));
        const double total = 13.8 + 5.85 + 2.75;
        const QMap<QString, double> w = round->weights();
        QVERIFY(near(w.value(QStringLiteral("binance")), 13.8 / total));
        QVERIFY(near(w.value(QStringLiteral("okx")), 5.85 / total));
        QVERIFY(near(w.value(QStringLiteral("bybit")), 2.75 / total));
        double sum = 0;
        for (const double v : w)
            sum += v;
        QVERIFY(near(sum, 1));
        QVERIFY(near(w.value(QStringLiteral("binance")) / w.value(QStringLiteral("okx")), 13.8 / 5.85));
        // The order given is kept for the dashboard.
        QCOMPARE(round->venues[2].venue, QStringLiteral("bybit"));
    }

    void invalidMetricsGetZeroWeightWithAReason_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("NaN RMSE") << 0 << kNaN << QStringLiteral("hedge RMSE");
        QTest::newRow("negative RMSE") << 0 << -0.1 << QStringLiteral("negative");
        QTest::newRow("NaN slippage") << 1 << kNaN << QStringLiteral("slippage");
        QTest::newRow("infinite ROI") << 2 << kInf << QStringLiteral("arbitrage ROI");
        QTest::newRow("negative mint rate") << 3 << -1.0 << QStringLiteral("mint rate");
        QTest::newRow("NaN confidence") << 4 << kNaN << QStringLiteral("regime confidence");
    }

    void invalidMetricsGetZeroWeightWithAReason()
    {
        QFETCH(int, field);
        QFETCH(double, value);
        QFETCH(QString, expected);
        VenueMetrics bad = plain(QStringLiteral("broken"));
        double *fields[] = {&bad.hedgeRmse, &bad.slippageEfficiency, &bad.arbitrageRoi, &bad.fryMintRate, &bad.regimeConfidence};
        *fields[field] = value;
        const auto round = computeFryAlpha({plain(QStringLiteral("a")), bad, plain(QStringLiteral("b"))});
        QVERIFY(round.ok());
        const FryAlphaBreakdown &b = round->venues[1];
        QVERIFY(!b.valid);
        QCOMPARE(b.weight, 0.0);
        const QString message = QStringLiteral("reason: ") + b.invalidReason;
        QVERIFY2(b.invalidReason.contains(QStringLiteral("broken")) && b.invalidReason.contains(expected), qPrintable(message));
        QVERIFY(near(round->weightOf(QStringLiteral("a")), 0.5));
        QVERIFY(near(round->weightOf(QStringLiteral("b")), 0.5));

        // Nobody left with a weight: an error that carries the reasons.
        const auto alone = computeFryAlpha({bad});
        QVERIFY(!alone.ok());
        QVERIFY(alone.error().detail.contains(QStringLiteral("broken")));
    }

    void roundErrors()
    {
        QVERIFY(!computeFryAlpha({}).ok());
        QVERIFY(!computeFryAlpha({plain(QStringLiteral("a")), plain(QStringLiteral("a"))}).ok());
        QVERIFY(!computeFryAlpha({plain(QString())}).ok());
        FryAlphaConfig config;
        config.epsilon = 0;
        QVERIFY(!computeFryAlpha({plain(QStringLiteral("a"))}, config).ok());
        config = {};
        config.arbRoiReference = kNaN;
        QVERIFY(!computeFryAlpha({plain(QStringLiteral("a"))}, config).ok());
        config = {};
        config.mintBonus = -1;
        QVERIFY(!computeFryAlpha({plain(QStringLiteral("a"))}, config).ok());
    }

    void samplingIsDeterministicAndKeepsOrder()
    {
        const QStringList all{QStringLiteral("binance"), QStringLiteral("okx"), QStringLiteral("bybit"), QStringLiteral("kraken"),
                              QStringLiteral("coinbase"), QStringLiteral("uniswap"), QStringLiteral("curve"), QStringLiteral("dydx"),
                              QStringLiteral("gmx"), QStringLiteral("bitget")};
        const auto first = sampleVenues(all, 0.3, 2, 42, 5);
        const auto again = sampleVenues(all, 0.3, 2, 42, 5);
        QVERIFY(first.ok() && again.ok());
        QCOMPARE(*first, *again);
        QCOMPARE(first->size(), 3);   // ceil(0.3 × 10)
        int previous = -1;
        for (const QString &v : *first) {   // the order of `all`
            QVERIFY(all.indexOf(v) > previous);
            previous = int(all.indexOf(v));
        }
        // Other rounds and seeds draw other samples (some of them, at least).
        int differentRounds = 0, differentSeeds = 0;
        for (int round = 0; round < 20; ++round) {
            differentRounds += *sampleVenues(all, 0.3, 2, 42, round) != *first;
            differentSeeds += *sampleVenues(all, 0.3, 2, quint64(round) + 1000, 5) != *first;
        }
        QVERIFY(differentRounds >= 10);
        QVERIFY(differentSeeds >= 10);
    }

    void samplingHonoursTheMinimum()
    {
        const QStringList three{QStringLiteral("binance"), QStringLiteral("okx"), QStringLiteral("bybit")};
        QCOMPARE(sampleVenues(three, 0.1, 2, 1, 1)->size(), 2);   // ceil(0.3) = 1, raised to 2
        QCOMPARE(*sampleVenues(three, 1.0, 1, 1, 1), three);
        QCOMPARE(sampleVenues(three, 0.5, 1, 1, 1)->size(), 2);   // ceil(1.5)
        const auto tooFew = sampleVenues(three, 0.5, 4, 1, 1);
        QVERIFY(!tooFew.ok());
        QVERIFY(tooFew.error().message.contains(QStringLiteral("3")));
        QVERIFY(!sampleVenues(three, 0, 1, 1, 1).ok());
        QVERIFY(!sampleVenues(three, 1.5, 1, 1, 1).ok());
        QVERIFY(!sampleVenues(three, kNaN, 1, 1, 1).ok());
        QVERIFY(!sampleVenues(three, 0.5, 0, 1, 1).ok());
        QVERIFY(!sampleVenues({QStringLiteral("a"), QStringLiteral("a")}, 1, 1, 1, 1).ok());
    }

    void samplingIsRoughlyUniform()
    {
        // Seeded, so this is deterministic; it checks that no venue is favoured by the draw.
        const QStringList three{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        QMap<QString, int> counts;
        for (int round = 0; round < 3000; ++round)
            ++counts[sampleVenues(three, 0.2, 1, 7, round)->first()];
        for (const QString &v : three)
            QVERIFY2(counts.value(v) > 850 && counts.value(v) < 1150, qPrintable(QString::number(counts.value(v))));
    }

    void convergenceAfterPatienceRoundsWithoutImprovement()
    {
        ConvergenceMonitor monitor(0.001, 3);
        QVERIFY(!monitor.addRound(1.0));
        QVERIFY(!monitor.addRound(0.5));
        QVERIFY(!monitor.addRound(0.4));
        QCOMPARE(monitor.stalledRounds(), 0);
        QVERIFY(!monitor.addRound(0.39999));   // 0.0025 % better: stalls
        QVERIFY(!monitor.addRound(0.41));      // worse: stalls
        QVERIFY(monitor.reason().isEmpty());
        QVERIFY(monitor.addRound(0.3999));     // third stalled round in a row
        QVERIFY(monitor.converged());
        QCOMPARE(monitor.bestRound(), 5);
        QVERIFY(std::abs(monitor.bestLoss() - 0.3999) < 1e-12);
        QVERIFY(!monitor.reason().isEmpty());

        // A real improvement resets the count.
        ConvergenceMonitor resets(0.01, 2);
        resets.addRound(1.0);
        resets.addRound(0.999);
        QCOMPARE(resets.stalledRounds(), 1);
        resets.addRound(0.9);
        QCOMPARE(resets.stalledRounds(), 0);
        QVERIFY(!resets.converged());

        // A NaN loss is a round without improvement.
        ConvergenceMonitor nan(0.01, 2);
        nan.addRound(kNaN);
        QVERIFY(std::isnan(nan.bestLoss()));
        QVERIFY(nan.addRound(kNaN));
        nan.reset();
        QCOMPARE(nan.rounds(), 0);
        QVERIFY(!nan.converged());
    }
};

QTEST_GUILESS_MAIN(TestFryAlpha)
#include "test_fry_alpha.moc"
