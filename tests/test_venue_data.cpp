// Venue data for the federated hedge-ratio model: each of the 15 features on hand-made series against
// values worked out by hand (or from an independent closed form), the regime classifier on a steady
// rise, a crash, a choppy sideways market and a calm one, the target on constructed paths, no lookahead
// (features at t do not move when later rows change), the train / purged / held-out split, the GAN
// sequence reader's stitching, the sources' errors, and the default demo venues built from the real
// BASE swaps (../shared/data): finite, targets in [0, 1], three distinct markets, deterministic.

#include "federated/regimeclassifier.h"
#include "federated/venuedata.h"
#include "federated/venuefeatures.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

QString swapsCsv() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

QVector<VenueSwap> fromPrices(const QVector<double> &prices)
{
    QVector<VenueSwap> swaps;
    for (int i = 0; i < prices.size(); ++i) {
        VenueSwap swap;
        swap.timestamp = 1000 + i;
        swap.price = prices[i];
        swap.usdcVolume = 100;
        swap.ethAmount = i % 2 ? 0.03 : -0.03;
        swap.liquidity = 1e17;
        swaps.append(swap);
    }
    return swaps;
}

// p[i] = start · exp(Σ returns[0..i−1]).
QVector<double> pathFromReturns(double start, const QVector<double> &returns)
{
    QVector<double> prices{start};
    for (double r : returns)
        prices.append(prices.last() * std::exp(r));
    return prices;
}

bool allFinite(const QVector<float> &values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}

SimulatedMarketSpec smallMarket(quint64 seed, int swaps)
{
    SimulatedMarketSpec spec;
    spec.simulator.driftPerDay = 0.05;
    spec.simulator.volatilityPerDay = 0.04;
    spec.simulator.swapsPerMinute = 2;
    spec.simulator.medianTradeEth = 0.1;
    spec.simulator.noiseTradeShare = 0.3;
    spec.simulator.seed = seed;
    spec.swapCount = swaps;
    spec.startPrice = 2500;
    return spec;
}


float quantile(const QVector<float> &sorted, double p)
{
    return sorted[std::min(int(sorted.size()) - 1, int(p * sorted.size()))];
}

// APEDESK_VENUE_QUANTILES=1: each feature's and the target's quantiles per venue, the figures quoted in
// docs/federated-venue-data.md.
void printQuantiles(const VenueDataset &data)
{
    for (int f = 0; f <= kVenueFeatureCount; ++f) {
        QVector<float> column;
        for (int s = 0; s < data.sampleCount(); ++s)
            column.append(f < kVenueFeatureCount ? data.features[s * kVenueFeatureCount + f] : data.targets[s]);
        std::sort(column.begin(), column.end());
        const QString name = f < kVenueFeatureCount ? venueFeatureName(f) : QStringLiteral("target");
        qInfo("%s %-22s min %.4g p1 %.4g p5 %.4g p25 %.4g p50 %.4g p75 %.4g p95 %.4g p99 %.4g max %.4g",
              qPrintable(data.venue), qPrintable(name), column.first(), quantile(column, 0.01), quantile(column, 0.05),
              quantile(column, 0.25), quantile(column, 0.5), quantile(column, 0.75), quantile(column, 0.95),
              quantile(column, 0.99), column.last());
    }
}

} // namespace

class TestVenueData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void featureNames();
    void rsi();
    void bollinger();
    void orderFlowImbalance();
    void volumeRatio();
    void priceChangeAndVolatility();
    void spreadAndDepth();
    void regimeClassifier_data();
    void regimeClassifier();
    void regimeKeys();
    void target();
    void noLookahead();
    void datasetSplit();
    void simulatedMarket();
    void ganSequences();
    void sourceErrors();
    void demoVenues();
};

void TestVenueData::featureNames()
{
    QSet<QString> names;
    for (int f = 0; f < kVenueFeatureCount; ++f)
        names.insert(venueFeatureName(f));
    QCOMPARE(names.size(), kVenueFeatureCount);
    QCOMPARE(venueFeatureName(FeatureRsi), QStringLiteral("rsi"));
    QCOMPARE(venueFeatureName(FeatureRegimeConfidence), QStringLiteral("regime_confidence"));
    QVERIFY(venueFeatureName(kVenueFeatureCount).isEmpty());
    // Regime one-hot columns follow MarketRegime's order.
    QCOMPARE(FeatureRegimeCrisis + int(MarketRegime::TrendingBear), int(FeatureRegimeTrendingBear));
}

void TestVenueData::rsi()
{
    // Changes +2, −1, +2, +1: gains 5, losses 1 → RS 5, RSI 100 − 100/6 = 83.33 → 5/6.
    const QVector<double> prices{100, 102, 101, 103, 104};
    QCOMPARE(rsiNormalized(prices, 4, 4), 5.0 / 6.0);
    // The last two changes only (+2, +1): no loss → 1. Over −1, +2: 2/3.
    QCOMPARE(rsiNormalized(prices, 4, 2), 1.0);
    QCOMPARE(rsiNormalized(prices, 3, 2), 2.0 / 3.0);
    QCOMPARE(rsiNormalized(QVector<double>{7, 7, 7}, 2, 2), 0.5);
    QCOMPARE(rsiNormalized(QVector<double>{9, 8, 6}, 2, 2), 0.0);
}

void TestVenueData::bollinger()
{
    // Prices 1, 2, 3, 4: mean 2.5, population std √1.25; k = 2 → (4 − 2.5 + 2√1.25) / (4√1.25).
    const QVector<double> prices{1, 2, 3, 4};
    QVERIFY(qFuzzyCompare(bollingerPosition(prices, 3, 4, 2.0), 0.5 + 1.5 / (4.0 * std::sqrt(1.25))));
    QVERIFY(std::abs(bollingerPosition(prices, 3, 4, 2.0) - 0.8354102) < 1e-7);
    // The first price of a rising window sits below the middle: (1 − 2.5 + 2√1.25)/(4√1.25) = 0.16459.
    const QVector<double> reversed{4, 3, 2, 1};
    QVERIFY(std::abs(bollingerPosition(reversed, 3, 4, 2.0) - 0.1645898) < 1e-7);
    // A narrow band (k = 0.5: 2.5 ± 0.559) puts 4 above the upper band: clamped to 1.
    QCOMPARE(bollingerPosition(prices, 3, 4, 0.5), 1.0);
    QCOMPARE(bollingerPosition(reversed, 3, 4, 0.5), 0.0);
    QCOMPARE(bollingerPosition(QVector<double>{5, 5, 5}, 2, 3, 2.0), 0.5);
}

void TestVenueData::orderFlowImbalance()
{
    QVector<VenueSwap> swaps = fromPrices({1, 1, 1, 1});
    swaps[0].ethAmount = -5;  swaps[0].usdcVolume = 1000;   // outside the window
    swaps[1].ethAmount = 1;   swaps[1].usdcVolume = 100;    // buy
    swaps[2].ethAmount = -1;  swaps[2].usdcVolume = 50;     // sell
    swaps[3].ethAmount = 2;   swaps[3].usdcVolume = 250;    // buy
    // (350 − 50) / 400
    QCOMPARE(federated::orderFlowImbalance(swaps, 3, 3), 0.75);
    // Window of 4: (350 − 1050) / 1400 = −0.5.
    QCOMPARE(federated::orderFlowImbalance(swaps, 3, 4), -0.5);
    // A swap without an ETH side counts in the total only.
    swaps[2].ethAmount = 0;
    QCOMPARE(federated::orderFlowImbalance(swaps, 3, 3), 350.0 / 400.0);
    for (VenueSwap &swap : swaps)
        swap.usdcVolume = 0;
    QCOMPARE(federated::orderFlowImbalance(swaps, 3, 3), 0.0);
}

void TestVenueData::volumeRatio()
{
    QVector<VenueSwap> swaps = fromPrices({1, 1, 1, 1});
    for (int i = 0; i < 4; ++i)
        swaps[i].usdcVolume = 10.0 * (i + 1);   // 10, 20, 30, 40
    // mean(30, 40) / mean(10, 20, 30, 40) = 35 / 25.
    QCOMPARE(federated::volumeRatio(swaps, 3, 2, 4), 1.4);
    QCOMPARE(federated::volumeRatio(swaps, 3, 4, 4), 1.0);
    // Clamped at 10: one huge swap after 29 quiet ones (1e9 / mean ≈ 30).
    QVector<VenueSwap> quiet = fromPrices(QVector<double>(30, 1.0));
    quiet.last().usdcVolume = 1e9;
    QCOMPARE(federated::volumeRatio(quiet, 29, 1, 30), 10.0);
    quiet.last().usdcVolume = 500;   // 500 / ((19 · 100 + 500) / 20) = 500 / 120
    QVERIFY(std::abs(federated::volumeRatio(quiet, 29, 1, 20) - 500.0 / 120.0) < 1e-12);
    for (VenueSwap &swap : swaps)
        swap.usdcVolume = 0;
    QCOMPARE(federated::volumeRatio(swaps, 3, 2, 4), 1.0);
}

void TestVenueData::priceChangeAndVolatility()
{
    QCOMPARE(priceChangePercent(QVector<double>{100, 101, 105}, 2, 2), 5.0);
    QVERIFY(std::abs(priceChangePercent(QVector<double>{100, 101, 95}, 2, 1) - (95.0 / 101.0 - 1) * 100) < 1e-12);
    // Log returns 0.01, 0.02, 0.03: sample std 0.01 → 10 ‰.
    const QVector<double> prices = pathFromReturns(100, {0.01, 0.02, 0.03});
    QVERIFY(std::abs(volatilityPerMille(prices, 3, 3) - 10.0) < 1e-9);
    // A constant return has no spread.
    QVERIFY(std::abs(volatilityPerMille(pathFromReturns(100, {0.02, 0.02, 0.02}), 3, 3)) < 1e-9);
}

void TestVenueData::spreadAndDepth()
{
    // L = 1e17 at 2500 USDC/ETH: √P = 5e−5 (raw), virtual reserves X = L/√P = 2000 ETH and
    // Y = L·√P = 5,000,000 USDC; within one range the pool is the constant product X·Y.
    VenueSwap swap;
    swap.price = 2500;
    swap.liquidity = 1e17;
    swap.feeFraction = 0.0005;
    const double X = 2000, Y = 5e6, f = 0.0005, size = 10000;
    // Depth: Y·(√1.01 − 1) USDC moves the price up 1 %.
    QVERIFY(std::abs(liquidityDepthUsdc(swap) - Y * (std::sqrt(1.01) - 1)) < 1e-6);
    // Sell 4 ETH: out = Y·x/(X + x) with x = 4(1 − f); buy with 10,000 USDC: out = X·y/(Y + y).
    const double sellOut = Y * 4 * (1 - f) / (X + 4 * (1 - f));
    const double buyOut = X * size * (1 - f) / (Y + size * (1 - f));
    const double expected = 100 * ((1 - sellOut / size) + (1 - buyOut * 2500 / size)) / 2;
    QVERIFY2(std::abs(effectiveSpreadPercent(swap, size) - expected) < 1e-9,
             qPrintable(QStringLiteral("%1 vs %2").arg(effectiveSpreadPercent(swap, size), 0, 'g', 17).arg(expected, 0, 'g', 17)));
    QVERIFY(std::abs(expected - 0.24937) < 1e-4);   // ≈ fee 0.05 % + impact 0.2 %
    // Endless liquidity leaves the fee alone; no liquidity loses everything.
    swap.liquidity = 1e30;
    QVERIFY(std::abs(effectiveSpreadPercent(swap, size) - 0.05) < 1e-6);
    swap.liquidity = 0;
    QCOMPARE(effectiveSpreadPercent(swap, size), 100.0);

    // Liquidity pressure: 3 × 100 USDC over depth 24,937.8 USDC; position size 10,000 / depth.
    QVector<VenueSwap> swaps = fromPrices({2500, 2500, 2500});
    const double depth = Y * (std::sqrt(1.01) - 1);
    QVERIFY(std::abs(liquidityPressure(swaps, 2, 3) - 300 / depth) < 1e-12);
    QVERIFY(std::abs(positionSize(swaps[2], 10000) - 10000 / depth) < 1e-12);
    swaps[2].liquidity = 1;   // a pool emptied to nothing: clamped
    QCOMPARE(liquidityPressure(swaps, 2, 3), 10.0);
    QCOMPARE(positionSize(swaps[2], 10000), 10.0);
}

void TestVenueData::regimeClassifier_data()
{
    QTest::addColumn<QVector<double>>("returns");
    QTest::addColumn<int>("regime");
    QTest::addColumn<double>("minConfidence");
    QTest::addColumn<double>("maxConfidence");

    QVector<double> rise, crash, choppy, fall, calm, calmDown;
    for (int i = 0; i < 50; ++i) {
        rise.append(i % 2 ? 0.0014 : 0.0006);              // +0.1 %/swap ± 0.04 %: σ 0.0004, z ≈ 17.7
        crash.append(i < 30 ? (i % 2 ? 0.0003 : -0.0003) : -0.002);   // −4 % in the last 20 swaps
        choppy.append(i % 2 ? 0.005 : -0.005);             // ±0.5 %: σ 0.005, no drift, drawdown 0.5 %
        fall.append(i % 2 ? -0.0006 : -0.0002);            // −0.04 %/swap: −2 % over the window, steady
        calm.append((i % 2 ? 0.0003 : -0.0003) + 0.00001); // ±0.03 % with a hint of drift
        calmDown.append((i % 2 ? 0.0003 : -0.0003) - 0.00001);
    }
    QTest::newRow("steady rise") << rise << int(MarketRegime::TrendingBull) << 0.9 << 1.0;
    // d = 1 − e^−0.04 = 0.0392: confidence 0.0392 / (0.0392 + 0.0225) = 0.636.
    QTest::newRow("crash") << crash << int(MarketRegime::Crisis) << 0.62 << 0.65;
    // σ = 0.00505 (ddof 1): 0.00505 / (0.00505 + 0.00175) = 0.743.
    QTest::newRow("high-vol sideways") << choppy << int(MarketRegime::Volatile) << 0.73 << 0.76;
    // −1.98 % from the start, but below the crisis drawdown (2.25 %): a clear bear trend.
    QTest::newRow("steady fall") << fall << int(MarketRegime::TrendingBear) << 0.9 << 1.0;
    // z = 0.0005 / (0.000303 · √50) = 0.233: the bull side, confidence 0.233 / 1.033 = 0.226 < 0.5.
    QTest::newRow("calm, drifting up") << calm << int(MarketRegime::TrendingBull) << 0.2 << 0.25;
    QTest::newRow("calm, drifting down") << calmDown << int(MarketRegime::TrendingBear) << 0.2 << 0.25;
}

void TestVenueData::regimeClassifier()
{
    QFETCH(QVector<double>, returns);
    QFETCH(int, regime);
    QFETCH(double, minConfidence);
    QFETCH(double, maxConfidence);
    const RegimeClassifier classifier;
    const QVector<double> prices = pathFromReturns(3000, returns);
    const RegimeReading reading = classifier.classify(prices);
    const QString text = QStringLiteral("regime %1 confidence %2 (d %3, σ %4, z %5)")
                             .arg(regimeKey(reading.regime)).arg(reading.confidence)
                             .arg(reading.statistics.drawdown).arg(reading.statistics.sigma).arg(reading.statistics.trendZ);
    QVERIFY2(int(reading.regime) == regime, qPrintable(text));
    QVERIFY2(reading.confidence >= minConfidence && reading.confidence <= maxConfidence, qPrintable(text));
    QVERIFY(reading.confidence >= 0 && reading.confidence <= 1);
    // classifyAt over a longer series reads only the last R returns up to t, and nothing after t.
    QVector<double> longer = pathFromReturns(2000, QVector<double>(30, 0.01));
    const double scale = prices.first() / longer.last();
    for (double &p : longer)
        p *= scale;
    longer.removeLast();
    longer += prices;
    const int t = int(longer.size()) - 1;
    longer += QVector<double>{1.0, 1e6};
    const RegimeReading at = classifier.classifyAt(longer, t);
    QCOMPARE(int(at.regime), regime);
    QVERIFY(std::abs(at.confidence - reading.confidence) < 1e-9);
}

void TestVenueData::regimeKeys()
{
    for (int r = 0; r < kMarketRegimeCount; ++r) {
        const auto regime = static_cast<MarketRegime>(r);
        QCOMPARE(regimeFromKey(regimeKey(regime)), std::optional<MarketRegime>(regime));
        QVERIFY(!regimeDisplayName(regime).isEmpty());
    }
    QCOMPARE(regimeKey(MarketRegime::TrendingBull), QStringLiteral("trending_bull"));
    QVERIFY(!regimeFromKey(QStringLiteral("calm")).has_value());
    // At the threshold exactly, confidence 0.5; a flat window, 0.
    const RegimeClassifier classifier;
    QVector<double> flat(51, 3000.0);
    QCOMPARE(classifier.classify(flat).confidence, 0.0);
    RegimeThresholds thresholds;
    thresholds.crisisDrawdown = 1.0 - 90.0 / 100.0;   // exactly the drop below
    const QVector<double> drop{100, 90};
    QVERIFY(std::abs(RegimeClassifier(thresholds).classify(drop).confidence - 0.5) < 1e-12);
    QCOMPARE(int(RegimeClassifier(thresholds).classify(drop).regime), int(MarketRegime::Crisis));
}

void TestVenueData::target()
{
    // Jump +1 % then flat, cost 0.25 %: RV = 0.01², h = 1e−4 / (1e−4 + 0.0025²) = 16/17.
    QVector<double> jump{100};
    for (int k = 0; k < 5; ++k)
        jump.append(101);
    QVERIFY(std::abs(realisedHedgeRatio(jump, 0, 5, 0.0025) - 16.0 / 17.0) < 1e-12);
    // Without a cost the hedge is perfectly correlated with the position: a full hedge removes all
    // variance, whatever the path.
    QCOMPARE(realisedHedgeRatio(jump, 0, 5, 0.0), 1.0);
    QCOMPARE(realisedHedgeRatio(pathFromReturns(100, {0.01, -0.03, 0.02, 0.005}), 0, 4, 0.0), 1.0);
    // Three moves of 1 % against a 0.25 % cost: RV = 3e−4, h = 3e−4 / (3e−4 + 6.25e−6) = 48/49; the
    // direction does not matter.
    QVERIFY(std::abs(realisedHedgeRatio(QVector<double>{100, 99, 98, 97}, 0, 3, 0.0025) - 48.0 / 49.0) < 1e-12);
    QVERIFY(std::abs(realisedHedgeRatio(QVector<double>{100, 101, 102, 103}, 0, 3, 0.0025) - 48.0 / 49.0) < 1e-12);
    // Moves the size of the cost: h = ½.
    QVERIFY(std::abs(realisedHedgeRatio(QVector<double>{100, 100.25}, 0, 1, 0.0025) - 0.5) < 1e-12);
    // Flat: hedging only costs → 0. Nothing moves and nothing costs → 0.
    QCOMPARE(realisedHedgeRatio(QVector<double>{100, 100, 100}, 0, 2, 0.0025), 0.0);
    QCOMPARE(realisedHedgeRatio(QVector<double>{100, 100, 100}, 0, 2, 0.0), 0.0);
    // Only the horizon counts: a crash after it changes nothing.
    QCOMPARE(realisedHedgeRatio(QVector<double>{100, 100.25, 100.25, 50}, 0, 2, 0.0025), 0.5);
    // venueTarget uses the spread at t (reference size, unclamped) as the cost and the prices after t.
    QVector<VenueSwap> swaps = fromPrices({2500, 2500, 2525, 2525});
    VenueFeatureConfig config;
    config.horizon = 2;
    config.referenceUsdc = 10000;
    const double c = effectiveSpreadPercent(swaps[1], 10000) / 100;
    QVERIFY(std::abs(c - 0.0024937) < 1e-6);
    // Moves 0.01 then 0: RV = 1e−4.
    QVERIFY(std::abs(venueTarget(swaps, venuePrices(swaps), 1, config) - 1e-4 / (1e-4 + c * c)) < 1e-12);
}

void TestVenueData::noLookahead()
{
    auto series = simulateVenueMarket(smallMarket(7, 600));
    QVERIFY2(series, qPrintable(series ? QString() : series.error().toString()));
    const VenueFeatureConfig config;
    const RegimeClassifier classifier(config.regime);
    const int t = 400;
    const QVector<double> prices = venuePrices(*series);
    const VenueFeatureRow before = venueFeatures(*series, prices, t, config, classifier);
    const double targetBefore = venueTarget(*series, prices, t, config);

    QVector<VenueSwap> changed = *series;
    for (int i = t + 1; i < changed.size(); ++i) {
        changed[i].price *= 0.5 + 0.002 * (i - t);
        changed[i].usdcVolume *= 25;
        changed[i].ethAmount = -changed[i].ethAmount;
        changed[i].liquidity /= 7;
    }
    const QVector<double> changedPrices = venuePrices(changed);
    const VenueFeatureRow after = venueFeatures(changed, changedPrices, t, config, classifier);
    for (int f = 0; f < kVenueFeatureCount; ++f) {
        const QString text = QStringLiteral("feature %1 moved: %2 → %3").arg(venueFeatureName(f)).arg(before[f]).arg(after[f]);
        QVERIFY2(before[f] == after[f], qPrintable(text));
    }
    // The target is about the future, so it does move.
    QVERIFY(venueTarget(changed, changedPrices, t, config) != targetBefore);
    // And the features do read row t itself (the check above is not vacuous).
    changed[t].price *= 1.03;
    changed[t].usdcVolume *= 25;
    const VenueFeatureRow moved = venueFeatures(changed, venuePrices(changed), t, config, classifier);
    QVERIFY(moved[FeaturePriceChangePercent] != before[FeaturePriceChangePercent]);
    QVERIFY(moved[FeatureVolumeRatio] != before[FeatureVolumeRatio]);
    QVERIFY(moved[FeatureRsi] != before[FeatureRsi]);
}

void TestVenueData::datasetSplit()
{
    auto series = simulateVenueMarket(smallMarket(11, 700));
    QVERIFY(series);
    VenueFeatureConfig config;   // first feature row 199, horizon 20
    QCOMPARE(config.firstFeatureRow(), 199);
    auto data = buildVenueDataset(QStringLiteral("sim"), *series, config, 0.2);
    QVERIFY2(data, qPrintable(data ? QString() : data.error().toString()));
    const int n = 700 - 199 - 20;   // rows 199 … 679
    QCOMPARE(data->sampleCount(), n);
    QCOMPARE(data->features.size(), n * kVenueFeatureCount);
    const int split = int(std::floor(0.8 * n));
    QCOMPARE(data->heldOutStart, split);
    QCOMPARE(data->trainCount, split - 20);
    QCOMPARE(data->heldOutCount(), n - split);
    QCOMPARE(data->stats.trainSamples + data->stats.purgedSamples + data->stats.heldOutSamples, n);
    QCOMPARE(data->sampleRows.first(), 199);
    QCOMPARE(data->sampleRows.last(), 679);
    // The last training target's horizon ends before the first held-out sample's row.
    QVERIFY(data->sampleRows[data->trainCount - 1] + config.horizon < data->sampleRows[data->heldOutStart]);
    QCOMPARE(data->trainFeatures().size(), data->trainCount * kVenueFeatureCount);
    QCOMPARE(data->heldOutTargets().size(), n - split);
    QCOMPARE(data->heldOutFeatures().size(), (n - split) * kVenueFeatureCount);
    // Each sample is the row's features and target.
    const QVector<double> prices = venuePrices(*series);
    const RegimeClassifier classifier(config.regime);
    for (int s : {0, 137, n - 1}) {
        const int t = data->sampleRows[s];
        const VenueFeatureRow row = venueFeatures(*series, prices, t, config, classifier);
        for (int f = 0; f < kVenueFeatureCount; ++f)
            QCOMPARE(data->features[s * kVenueFeatureCount + f], row[f]);
        QCOMPARE(data->targets[s], float(venueTarget(*series, prices, t, config)));
    }
    // Too short: the error names the length needed.
    auto shortData = buildVenueDataset(QStringLiteral("short"), series->mid(0, 240), config, 0.2);
    QVERIFY(!shortData);
    QCOMPARE(shortData.error().kind, Error::Kind::Usage);
    QVERIFY2(shortData.error().message.contains(QStringLiteral("at least 246")), qPrintable(shortData.error().message));
}

void TestVenueData::simulatedMarket()
{
    auto a = simulateVenueMarket(smallMarket(42, 2000));
    auto b = simulateVenueMarket(smallMarket(42, 2000));
    auto c = simulateVenueMarket(smallMarket(43, 2000));
    QVERIFY(a && b && c);
    QCOMPARE(a->size(), 2000);
    bool same = true;
    bool differs = false;
    for (int i = 0; i < 2000; ++i) {
        same = same && std::memcmp(&(*a)[i], &(*b)[i], sizeof(VenueSwap)) == 0;
        differs = differs || (*a)[i].price != (*c)[i].price;
    }
    QVERIFY(same);
    QVERIFY(differs);
    // Swaps are consistent with the within-range pool: a buy (ETH out) raises the price, a sell lowers
    // it; timestamps never go back; volumes positive.
    double previous = 2500;
    for (int i = 0; i < a->size(); ++i) {
        const VenueSwap &s = (*a)[i];
        QVERIFY(s.usdcVolume > 0 && std::isfinite(s.price));
        if (s.ethAmount > 0)
            QVERIFY(s.price > previous);
        else
            QVERIFY(s.price < previous);
        if (i > 0)
            QVERIFY(s.timestamp >= (*a)[i - 1].timestamp);
        previous = s.price;
    }
    // 2 swaps a minute: 2000 swaps take about 1000 minutes.
    const double minutes = (a->last().timestamp - a->first().timestamp) / 60.0;
    QVERIFY2(minutes > 850 && minutes < 1150, qPrintable(QString::number(minutes)));
    // A strong drift with little noise shows in the path (the pool follows the target).
    SimulatedMarketSpec bull = smallMarket(5, 3000);
    bull.simulator.driftPerDay = 0.5;
    bull.simulator.volatilityPerDay = 0.01;
    auto up = simulateVenueMarket(bull);
    QVERIFY(up);
    QVERIFY2(up->last().price > 2500 * 1.3, qPrintable(QString::number(up->last().price)));
    // Settings that cannot make a market.
    SimulatedMarketSpec bad = smallMarket(1, 10);
    bad.simulator.medianTradeEth = 0;
    auto refused = simulateVenueMarket(bad);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Usage);
}

void TestVenueData::ganSequences()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("synthetic.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("sequence_id,step,timestamp,price,amount0_eth,amount1_usdc,tick,volume,volatility,volume_ma,"
               "tick_change,time_diff,liquidity_usage\n");
    const int sequences = 40;
    // Written in reverse sequence order: the reader orders by (sequence_id, step).
    for (int s = sequences - 1; s >= 0; --s) {
        for (int k = 0; k < 24; ++k) {
            const double price = 3000 + 10 * s + k;
            const double volume = 50 + k;
            // Sequence 3 has no usable liquidity_usage (0): it gets the fallback.
            const double usage = s == 3 ? 0.0 : volume / 4e16;
            file.write(QStringLiteral("%1,%2,%3,%4,%5,%6,-196000,%7,1.5,60,0,1,%8\n")
                           .arg(s).arg(k).arg(1700000000 + s * 24 + k).arg(price, 0, 'g', 17)
                           .arg(k % 3 ? 0.02 : -0.02).arg(k % 3 ? -volume : volume).arg(volume).arg(usage, 0, 'g', 17)
                           .toUtf8());
        }
    }
    file.close();

    GanSequencesSpec spec;
    spec.csvPath = path;
    spec.fallbackLiquidity = 7e16;
    auto series = loadGanSequences(spec);
    QVERIFY2(series, qPrintable(series ? QString() : series.error().toString()));
    QCOMPARE(series->size(), sequences * 24);
    QCOMPARE((*series)[0].price, 3000.0);
    QCOMPARE((*series)[23].price, 3023.0);
    // Sequence 1 (3010 … 3033) is scaled to start where sequence 0 ended.
    QVERIFY(std::abs((*series)[24].price - 3023.0) < 1e-9);
    QVERIFY(std::abs((*series)[25].price - 3011.0 * 3023.0 / 3010.0) < 1e-9);
    QVERIFY(std::abs((*series)[0].liquidity / 4e16 - 1) < 1e-12);
    QCOMPARE((*series)[3 * 24].liquidity, 7e16);
    QCOMPARE((*series)[1].ethAmount, 0.02);
    QCOMPARE((*series)[1].usdcVolume, 51.0);
    QCOMPARE((*series)[0].feeFraction, 0.0005);

    VenueSpec venue;
    venue.name = QStringLiteral("gan");
    venue.source = VenueSpec::Source::GanSequences;
    venue.gan = spec;
    auto data = buildVenueDataset(venue);
    QVERIFY2(data, qPrintable(data ? QString() : data.error().toString()));
    QCOMPARE(data->source, VenueSpec::Source::GanSequences);
    QCOMPARE(data->sampleCount(), sequences * 24 - 199 - 20);
    QVERIFY(allFinite(data->features));

    // A file without the columns is refused.
    QFile other(dir.filePath(QStringLiteral("other.csv")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("a,b\n1,2\n");
    other.close();
    spec.csvPath = other.fileName();
    auto refused = loadGanSequences(spec);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Format);
}

void TestVenueData::sourceErrors()
{
    RealSwapSlice slice;
    slice.csvPath = QStringLiteral("/nonexistent/swaps.csv");
    auto missing = loadRealSwapSlice(slice);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Io);
    QVERIFY(missing.error().message.contains(QStringLiteral("/nonexistent/swaps.csv")));

    VenueFeatureConfig config;
    config.window = 1;
    auto bad = buildVenueDataset(QStringLiteral("x"), fromPrices(QVector<double>(500, 1.0)), config, 0.2);
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, Error::Kind::Usage);
    QVector<VenueSwap> zero = fromPrices(QVector<double>(500, 1.0));
    zero[10].price = 0;
    auto zeroPrice = buildVenueDataset(QStringLiteral("x"), zero, VenueFeatureConfig{}, 0.2);
    QVERIFY(!zeroPrice);
    QVERIFY(zeroPrice.error().message.contains(QStringLiteral("row 10")));
}

void TestVenueData::demoVenues()
{
    if (!QFile::exists(swapsCsv()))
        QSKIP("../shared/data/base_eth_usdc_swaps.csv is not available");
    const QList<VenueSpec> specs = defaultDemoVenues(swapsCsv());
    QCOMPARE(specs.size(), 3);
    QCOMPARE(specs[0].name, QStringLiteral("binance"));
    QCOMPARE(specs[1].name, QStringLiteral("okx"));
    QCOMPARE(specs[2].name, QStringLiteral("bybit"));

    QList<VenueDataset> sets;
    for (const VenueSpec &spec : specs) {
        auto data = buildVenueDataset(spec);
        QVERIFY2(data, qPrintable(data ? QString() : data.error().toString()));
        if (qEnvironmentVariableIsSet("APEDESK_VENUE_QUANTILES"))
            printQuantiles(*data);
        QVERIFY(data->trainCount > 2500);
        QVERIFY(data->heldOutCount() > 700);
        QVERIFY(allFinite(data->features));
        QVERIFY(allFinite(data->targets));
        for (float target : data->targets)
            QVERIFY(target >= 0.0f && target <= 1.0f);
        for (int s = 0; s < data->sampleCount(); ++s) {
            const float *row = data->features.constData() + s * kVenueFeatureCount;
            QCOMPARE(row[FeatureRegimeCrisis] + row[FeatureRegimeVolatile] + row[FeatureRegimeTrendingBull]
                         + row[FeatureRegimeTrendingBear], 1.0f);
            QVERIFY(row[FeatureRegimeConfidence] >= 0 && row[FeatureRegimeConfidence] <= 1);
            QVERIFY(row[FeatureRsi] >= 0 && row[FeatureRsi] <= 1);
            QVERIFY(row[FeatureBollingerPosition] >= 0 && row[FeatureBollingerPosition] <= 1);
            QVERIFY(row[FeatureOrderFlowImbalance] >= -1 && row[FeatureOrderFlowImbalance] <= 1);
            // O(1): the unbounded features are clamped to ±10.
            for (int f = 0; f < kVenueFeatureCount; ++f)
                QVERIFY2(std::abs(row[f]) <= 10, qPrintable(QStringLiteral("%1 = %2").arg(venueFeatureName(f)).arg(row[f])));
        }
        // The target is not constant: something to learn.
        QVERIFY(data->stats.targetStd > 0.05);
        qInfo("%s", QJsonDocument(QJsonObject{{QStringLiteral("venue"), data->venue}, {QStringLiteral("stats"), data->stats.toJson()}})
                        .toJson(QJsonDocument::Compact).constData());
        sets.append(*data);
    }
    const VenueDatasetStats &binance = sets[0].stats;
    const VenueDatasetStats &okx = sets[1].stats;
    const VenueDatasetStats &bybit = sets[2].stats;
    // The markets the doc describes: the crash is in binance's slice, bybit rises, okx ranges.
    QVERIFY(binance.regimeCounts[int(MarketRegime::Crisis)] > 50);
    QVERIFY(binance.lastPrice < binance.firstPrice);
    QVERIFY(bybit.lastPrice > bybit.firstPrice * 1.1);
    QVERIFY(bybit.regimeCounts[int(MarketRegime::TrendingBull)] > bybit.regimeCounts[int(MarketRegime::TrendingBear)] * 2);
    QVERIFY(okx.regimeCounts[int(MarketRegime::Crisis)] < binance.regimeCounts[int(MarketRegime::Crisis)]);
    // Distinct distributions: every pair differs by more than a third of a pooled std in some feature
    // mean, and their regime mixes differ (total variation distance over 0.1).
    for (int i = 0; i < 3; ++i) {
        for (int j = i + 1; j < 3; ++j) {
            const VenueDatasetStats &a = sets[i].stats;
            const VenueDatasetStats &b = sets[j].stats;
            double largest = 0;
            for (int f = 0; f < kVenueFeatureCount; ++f) {
                const double pooled = std::sqrt(0.5 * (a.featureStd[f] * a.featureStd[f] + b.featureStd[f] * b.featureStd[f]));
                if (pooled > 0)
                    largest = std::max(largest, std::abs(a.featureMean[f] - b.featureMean[f]) / pooled);
            }
            double distance = 0;
            for (int r = 0; r < kMarketRegimeCount; ++r)
                distance += 0.5 * std::abs(double(a.regimeCounts[r]) / a.samples - double(b.regimeCounts[r]) / b.samples);
            const QString text = QStringLiteral("%1 vs %2: largest mean gap %3 std, regime distance %4")
                                     .arg(sets[i].venue, sets[j].venue).arg(largest).arg(distance);
            qInfo("%s", qPrintable(text));
            QVERIFY2(largest > 0.33, qPrintable(text));
            QVERIFY2(distance > 0.1, qPrintable(text));
        }
    }
    // Deterministic: the same specs give the same bytes.
    for (int v = 0; v < 3; ++v) {
        auto again = buildVenueDataset(specs[v]);
        QVERIFY(again);
        QCOMPARE(again->features.size(), sets[v].features.size());
        QVERIFY(std::memcmp(again->features.constData(), sets[v].features.constData(), sets[v].features.size() * sizeof(float)) == 0);
        QVERIFY(again->targets == sets[v].targets);
    }
}

QTEST_GUILESS_MAIN(TestVenueData)
#include "test_venue_data.moc"
