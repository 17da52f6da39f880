// A venue's simulated trading (federated/venuetrading.h): the round's window walks through the held-out
// samples and wraps; the hedge's P&L and costs, the slippage harvest (against or with the swap, capped by
// the swap's size, nothing available), arbitrage round trips (closing when the deviation halved, at the
// horizon and at the window's end, fees twice), FRY minted and its rate per day, the circuit breaker
// (one big move, a drawdown, staying active), regime and confidence from the window's last sample, all
// worked out by hand on tiny hand-made data sets; the errors; and on the three demo venues built from
// the real BASE swaps: finite, efficiency a share, the realised targets trade with a lower RMSE than a
// constant 0.5, and metrics() feeds computeFryAlpha.

#include "federated/fryalpha.h"
#include "federated/venuedata.h"
#include "federated/venuetrading.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

QString swapsCsv() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

// A market of `prices` (one swap a minute, no volume, fee 0.05 %) with one sample per row from row 1
// (row 0 is only the first swap's previous price). Samples [heldOutStart, N) are held out. Every sample
// has an effective spread of `spreadPercent` and reads trending bull with confidence 0.625.
VenueDataset handDataset(const QVector<double> &prices, double spreadPercent = 1.0, int heldOutStart = 0,
                         double referenceUsdc = 1000, int horizon = 20)
{
    VenueDataset data;
    data.venue = QStringLiteral("hand");
    data.config.referenceUsdc = referenceUsdc;
    data.config.horizon = horizon;
    for (int i = 0; i < prices.size(); ++i) {
        VenueSwap swap;
        swap.timestamp = 1000 + 60 * i;
        swap.price = prices[i];
        swap.ethAmount = 0.1;
        swap.usdcVolume = 0;
        swap.liquidity = 1e17;
        swap.feeFraction = 0.0005;
        data.series.append(swap);
    }
    for (int row = 1; row < prices.size(); ++row) {
        VenueFeatureRow features{};
        features[FeatureEffectiveSpread] = float(spreadPercent);
        features[FeatureRegimeTrendingBull] = 1;
        features[FeatureRegimeConfidence] = 0.625f;
        for (float f : features)
            data.features.append(f);
        data.targets.append(0.5f);
        data.sampleRows.append(row);
    }
    data.heldOutStart = heldOutStart;
    data.trainCount = std::max(0, heldOutStart - horizon);
    return data;
}

// No arbitrage and a breaker that never trips: only the hedge trades.
VenueTradingConfig hedgeOnly()
{
    VenueTradingConfig config;
    config.windowSamples = 1000;
    config.arbEntryFeeMultiple = 1e6;
    config.circuitBreakerMove = 0.5;
    config.circuitBreakerDrawdown = 1.0;
    return config;
}

QVector<float> constant(int n, float value) { return QVector<float>(n, value); }

bool near(double a, double b, double tolerance = 1e-9) { return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b)); }

QString describe(double actual, double expected) { return QStringLiteral("%1, expected %2").arg(actual, 0, 'g', 12).arg(expected, 0, 'g', 12); }

#define COMPARE_NEAR(actual, expected)                                                                                 \
    do {                                                                                                               \
        const double a_ = (actual);                                                                                    \
        const double e_ = (expected);                                                                                  \
        const QString m_ = describe(a_, e_);                                                                           \
        QVERIFY2(near(a_, e_), qPrintable(m_));                                                                        \
    } while (false)

VenueTradingResult trade(const VenueDataset &data, const QVector<float> &predictions, int round, const VenueTradingConfig &config)
{
    auto result = simulateVenueTrading(data, predictions, round, config);
    if (!result)
        qFatal("simulateVenueTrading failed: %s", qPrintable(result.error().toString()));
    return *result;
}

} // namespace

class TestVenueTrading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowWalksAndWraps();
    void windowIndexesTheHeldOutSplit();
    void hedgePnlAndCost();
    void hedgeRmseOverSplitAndWindow();
    void slippageHarvestAgainstTheSwap();
    void slippageHarvestReverseAndCapped();
    void slippageNothingAvailable();
    void arbitrageClosesWhenDeviationHalves();
    void arbitrageClosesAtHorizonAndWindowEnd();
    void fryMintRateUnits();
    void circuitBreakerBySingleMove();
    void circuitBreakerByDrawdownStaysActive();
    void regimeFromLastSample();
    void errors();
    void jsonRoundTrip();
    void demoVenues();
};

void TestVenueTrading::windowWalksAndWraps()
{
    // w = min(windowSamples, heldOut); s = (r · w) mod (heldOut − w + 1).
    QCOMPARE(tradingWindowStart(1000, 200, 0), 0);
    QCOMPARE(tradingWindowStart(1000, 200, 1), 200);
    QCOMPARE(tradingWindowStart(1000, 200, 4), 800);
    QCOMPARE(tradingWindowStart(1000, 200, 5), 1000 % 801);   // wraps: 199
    QCOMPARE(tradingWindowStart(1000, 200, 6), 1200 % 801);
    QCOMPARE(tradingWindowStart(150, 200, 3), 0);             // the window is the whole split
    QCOMPARE(tradingWindowStart(0, 200, 3), 0);
    QCOMPARE(tradingWindowStart(1000, 0, 3), 0);
    const int negative = tradingWindowStart(1000, 200, -1);
    QVERIFY(negative >= 0 && negative <= 800);
    // Large rounds do not overflow.
    const int large = tradingWindowStart(1000, 200, 2000000000);
    QVERIFY(large >= 0 && large <= 800);
}

void TestVenueTrading::windowIndexesTheHeldOutSplit()
{
    QVector<double> prices;
    for (int i = 0; i < 61; ++i)
        prices << 100 + i;
    // 60 samples (rows 1..60), 10 of them before the held-out split: 50 held out.
    const VenueDataset data = handDataset(prices, 1.0, 10);
    QCOMPARE(data.heldOutCount(), 50);
    VenueTradingConfig config = hedgeOnly();
    config.windowSamples = 20;
    const QVector<float> h = constant(50, 0.5f);
    const int expectedStarts[] = {0, 20, 9, 29, 18};   // 40 mod 31 = 9, 60 mod 31 = 29, 80 mod 31 = 18
    for (int round = 0; round < 5; ++round) {
        const VenueTradingResult r = trade(data, h, round, config);
        QCOMPARE(r.round, round);
        QCOMPARE(r.windowStart, expectedStarts[round]);
        QCOMPARE(r.windowSamples, 20);
        // Held-out sample s is dataset sample 10 + s, series row 11 + s.
        QCOMPARE(r.firstTimestamp, data.series[11 + r.windowStart].timestamp);
        QCOMPARE(r.lastTimestamp, data.series[11 + r.windowStart + 19].timestamp);
        // Prices rise by 1 per row: the unhedged P&L is Σ E · (p_{k+1}/p_k − 1) over the window's 19 steps.
        double expected = 0;
        for (int k = 0; k < 19; ++k)
            expected += 1000 * (prices[12 + r.windowStart + k] / prices[11 + r.windowStart + k] - 1);
        COMPARE_NEAR(r.unhedgedPnlUsdc, expected);
        COMPARE_NEAR(r.hedgedPnlUsdc, expected / 2);   // half hedged, never rebalanced: no cost
        QCOMPARE(r.hedgeCostUsdc, 0.0);
    }
    // A window larger than the split trades all of it, every round.
    config.windowSamples = 500;
    const VenueTradingResult all = trade(data, h, 7, config);
    QCOMPARE(all.windowStart, 0);
    QCOMPARE(all.windowSamples, 50);
}

void TestVenueTrading::hedgePnlAndCost()
{
    // Samples at rows 1..4: prices 100, 110, 99, 99; hedge ratios 0.5, 0.75, 0.25, 0.25; spread 1 %; E = 1000.
    const VenueDataset data = handDataset({100, 100, 110, 99, 99}, 1.0);
    const VenueTradingResult r = trade(data, {0.5f, 0.75f, 0.25f, 0.25f}, 0, hedgeOnly());
    // Unhedged: 1000 · (0.1 − 0.1 + 0) = 0.
    COMPARE_NEAR(r.unhedgedPnlUsdc + 1, 1.0);
    // Costs: 0.25 · 1000 · 1 % (to 0.75) + 0.5 · 1000 · 1 % (to 0.25) + 0 = 7.5; the first ratio is free.
    COMPARE_NEAR(r.hedgeCostUsdc, 7.5);
    // Hedged: 0.5 · 100 + 0.25 · (−100) + 0.75 · 0 − 7.5 = 17.5.
    COMPARE_NEAR(r.hedgedPnlUsdc, 17.5);
    COMPARE_NEAR(r.meanHedgeRatio, (0.5 + 0.75 + 0.25 + 0.25) / 4);
    QVERIFY(!r.circuitBreakerActive);
    QVERIFY(r.circuitBreakerReason.isEmpty());
    QCOMPARE(r.arbitrageTrades, 0);

    // The position size: VenueTradingConfig::positionUsdc overrides the venue's reference size.
    VenueTradingConfig bigger = hedgeOnly();
    bigger.positionUsdc = 4000;
    const VenueTradingResult scaled = trade(data, {0.5f, 0.75f, 0.25f, 0.25f}, 0, bigger);
    COMPARE_NEAR(scaled.hedgeCostUsdc, 30);
    COMPARE_NEAR(scaled.hedgedPnlUsdc, 70);
}

void TestVenueTrading::hedgeRmseOverSplitAndWindow()
{
    VenueDataset data = handDataset({100, 100, 100, 100, 100, 100}, 1.0);   // 5 samples, all held out
    data.targets = {0.0f, 0.5f, 1.0f, 0.25f, 0.75f};
    const QVector<float> h{0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
    VenueTradingConfig config = hedgeOnly();
    config.windowSamples = 2;
    const VenueTradingResult r = trade(data, h, 1, config);   // window: held-out samples 2, 3
    QCOMPARE(r.windowStart, 2);
    // Split: errors 0.5, 0, 0.5, 0.25, 0.25 → √((0.25 + 0.25 + 0.0625 · 2) / 5) = √0.125.
    COMPARE_NEAR(r.hedgeRmse, std::sqrt(0.125));
    // Window: errors 0.5, 0.25 → √((0.25 + 0.0625) / 2).
    COMPARE_NEAR(r.windowRmse, std::sqrt(0.3125 / 2));
    // Perfect predictions: 0.
    const VenueTradingResult perfect = trade(data, data.targets, 1, config);
    QCOMPARE(perfect.hedgeRmse, 0.0);
    QCOMPARE(perfect.windowRmse, 0.0);
}

void TestVenueTrading::slippageHarvestAgainstTheSwap()
{
    // Samples at rows 1..3, prices 101, 102, 101.
    VenueDataset data = handDataset({100, 101, 102, 101}, 0.0);
    data.series[1].usdcVolume = 1000;
    data.series[1].ethAmount = 0.5;
    data.series[2].usdcVolume = 5000;   // bought ETH
    data.series[2].ethAmount = 2;
    data.series[3].usdcVolume = 100;    // sold ETH
    data.series[3].ethAmount = -0.05;
    // Available: each swap's volume · |move| / 2.
    const double s1 = 1000 * (101.0 / 100 - 1) / 2;
    const double s2 = 5000 * (102.0 / 101 - 1) / 2;
    const double s3 = 100 * std::abs(101.0 / 102 - 1) / 2;
    // Hedge 0 → 0.25 at row 2 (against the ETH buy: sells into it, 250 of 5000 USDC) → 0.5 at row 3
    // (with the ETH sale: nothing harvested).
    const VenueTradingResult r = trade(data, {0.0f, 0.25f, 0.5f}, 0, hedgeOnly());
    COMPARE_NEAR(r.slippageAvailableUsdc, s1 + s2 + s3);
    COMPARE_NEAR(r.slippageHarvestedUsdc, s2 * 250 / 5000);
    COMPARE_NEAR(r.slippageEfficiency, s2 * 0.05 / (s1 + s2 + s3));
    QVERIFY(r.slippageEfficiency > 0 && r.slippageEfficiency < 1);
}

void TestVenueTrading::slippageHarvestReverseAndCapped()
{
    VenueDataset data = handDataset({100, 101, 102, 101}, 0.0);
    data.series[1].usdcVolume = 1000;
    data.series[1].ethAmount = 0.5;
    data.series[2].usdcVolume = 5000;
    data.series[2].ethAmount = 2;
    data.series[3].usdcVolume = 100;
    data.series[3].ethAmount = -0.05;
    const double s1 = 1000 * (101.0 / 100 - 1) / 2;
    const double s2 = 5000 * (102.0 / 101 - 1) / 2;
    const double s3 = 100 * std::abs(101.0 / 102 - 1) / 2;
    // 0.75 → 0.5 at row 2 (buys back while the swap bought: with it, nothing) → 0 at row 3 (buys back
    // 500 USDC into an ETH sale of 100 USDC: against it, the whole swap's slippage, capped at its size).
    const VenueTradingResult r = trade(data, {0.75f, 0.5f, 0.0f}, 0, hedgeOnly());
    COMPARE_NEAR(r.slippageHarvestedUsdc, s3);
    COMPARE_NEAR(r.slippageEfficiency, s3 / (s1 + s2 + s3));
    // No rebalance, no harvest.
    const VenueTradingResult still = trade(data, {0.5f, 0.5f, 0.5f}, 0, hedgeOnly());
    QCOMPARE(still.slippageHarvestedUsdc, 0.0);
    QCOMPARE(still.slippageEfficiency, 0.0);
    COMPARE_NEAR(still.slippageAvailableUsdc, s1 + s2 + s3);
}

void TestVenueTrading::slippageNothingAvailable()
{
    // No volume anywhere (or no price move): nothing to harvest, efficiency 0, not NaN.
    const VenueDataset data = handDataset({100, 101, 102, 101}, 0.0);
    const VenueTradingResult r = trade(data, {0.0f, 1.0f, 0.0f}, 0, hedgeOnly());
    QCOMPARE(r.slippageAvailableUsdc, 0.0);
    QCOMPARE(r.slippageHarvestedUsdc, 0.0);
    QCOMPARE(r.slippageEfficiency, 0.0);
    VenueDataset flat = handDataset({100, 100, 100, 100}, 0.0);
    for (VenueSwap &s : flat.series)
        s.usdcVolume = 1000;
    const VenueTradingResult f = trade(flat, {0.0f, 1.0f, 0.0f}, 0, hedgeOnly());
    QCOMPARE(f.slippageAvailableUsdc, 0.0);
    QCOMPARE(f.slippageEfficiency, 0.0);
}

void TestVenueTrading::arbitrageClosesWhenDeviationHalves()
{
    // Span 1: the fair price is the previous swap's price. Samples at rows 1..5: 100, 100, 102, 101.5, 101.5.
    const VenueDataset data = handDataset({100, 100, 100, 102, 101.5, 101.5}, 0.0);
    VenueTradingConfig config = hedgeOnly();
    config.fairValueWindow = 1;
    config.arbEntryFeeMultiple = 2;   // opens above 0.1 %
    config.fryPerUsdc = 2;
    const QVector<float> h = constant(5, 0.0f);
    const VenueTradingResult r = trade(data, h, 0, config);
    // Row 3: +2 % above fair → sells 1000 USDC of ETH at 102; row 4: −0.49 % (halved) → buys back at 101.5.
    const double profit = 1000 * (1 - 101.5 / 102) - 1000 * 2 * 0.0005;
    QCOMPARE(r.arbitrageTrades, 1);
    COMPARE_NEAR(r.arbitrageProfitUsdc, profit);
    COMPARE_NEAR(r.arbitrageCapitalUsdc, 1000);
    COMPARE_NEAR(r.arbitrageRoi, profit / 1000);
    // FRY: 2 per USDC of positive profit (no slippage here); 4 minutes of market time.
    COMPARE_NEAR(r.fryMinted, 2 * profit);
    COMPARE_NEAR(r.fryMintRate, 2 * profit / (240.0 / 86400));

    // The capital: arbCapitalUsdc scales the profit, not the ROI.
    config.arbCapitalUsdc = 5000;
    const VenueTradingResult big = trade(data, h, 0, config);
    COMPARE_NEAR(big.arbitrageProfitUsdc, 5 * profit);
    COMPARE_NEAR(big.arbitrageCapitalUsdc, 5000);
    COMPARE_NEAR(big.arbitrageRoi, profit / 1000);

    // Below fair: buys ETH, sells when the deviation has halved.
    const VenueDataset below = handDataset({100, 100, 100, 98, 98.5, 98.5}, 0.0);
    config.arbCapitalUsdc = 0;
    const VenueTradingResult longTrade = trade(below, h, 0, config);
    // Row 3: −2 % → long at 98; row 4: +0.51 % against fair 98 (|d| ≤ 1 %: halved) → sells at 98.5.
    QCOMPARE(longTrade.arbitrageTrades, 1);
    COMPARE_NEAR(longTrade.arbitrageProfitUsdc, 1000 * (98.5 / 98 - 1) - 1000 * 2 * 0.0005);
    QVERIFY(longTrade.arbitrageRoi > 0);

    // No deviation above the threshold: no trade, ROI 0.
    config.arbEntryFeeMultiple = 100;   // 5 %
    const VenueTradingResult none = trade(data, h, 0, config);
    QCOMPARE(none.arbitrageTrades, 0);
    QCOMPARE(none.arbitrageProfitUsdc, 0.0);
    QCOMPARE(none.arbitrageRoi, 0.0);
    QCOMPARE(none.fryMinted, 0.0);
}

void TestVenueTrading::arbitrageClosesAtHorizonAndWindowEnd()
{
    // A slow fair price (span 1999) and a jump to 103 that stays: the deviation never halves.
    // Samples at rows 1..7 (k = 0..6): 100, 100, 103, 103, 103, 103, 103; horizon 2.
    const VenueDataset data = handDataset({100, 100, 100, 103, 103, 103, 103, 103}, 0.0, 0, 1000, 2);
    VenueTradingConfig config = hedgeOnly();
    config.fairValueWindow = 1999;
    config.arbEntryFeeMultiple = 2;
    const VenueTradingResult r = trade(data, constant(7, 0.0f), 0, config);
    // Opens at k = 2, closes at the horizon k = 4 (no move: −2 fees), opens again at k = 5 and is closed
    // at the window's last sample k = 6 (−2 fees). Never opens on the last sample.
    QCOMPARE(r.arbitrageTrades, 2);
    COMPARE_NEAR(r.arbitrageProfitUsdc, -2 * 1000 * 2 * 0.0005);
    COMPARE_NEAR(r.arbitrageRoi, -0.002);
    // A losing round mints nothing.
    QCOMPARE(r.fryMinted, 0.0);
    QCOMPARE(r.fryMintRate, 0.0);
}

void TestVenueTrading::fryMintRateUnits()
{
    // 3 samples, harvested slippage only: the mint rate is FRY per day of the window's market time.
    VenueDataset data = handDataset({100, 101, 102, 101}, 0.0);
    data.series[2].usdcVolume = 100;
    data.series[2].ethAmount = 1;
    const double harvested = 100 * (102.0 / 101 - 1) / 2;   // 0 → 1 buys 1000 USDC of hedge against 100: all of it
    data.series[1].timestamp = 0;
    data.series[2].timestamp = 6 * 3600;
    data.series[3].timestamp = 12 * 3600;                    // half a day
    VenueTradingConfig config = hedgeOnly();
    config.fryPerUsdc = 3;
    const VenueTradingResult r = trade(data, {0.0f, 1.0f, 1.0f}, 0, config);
    COMPARE_NEAR(r.slippageHarvestedUsdc, harvested);
    COMPARE_NEAR(r.fryMinted, 3 * harvested);
    COMPARE_NEAR(r.fryMintRate, 3 * harvested * 2);   // per day
    QCOMPARE(r.firstTimestamp, qint64(0));
    QCOMPARE(r.lastTimestamp, qint64(12 * 3600));
    // A window under a minute counts as one minute.
    for (VenueSwap &s : data.series)
        s.timestamp = 5000;
    const VenueTradingResult instant = trade(data, {0.0f, 1.0f, 1.0f}, 0, config);
    COMPARE_NEAR(instant.fryMintRate, 3 * harvested * 1440);
    QVERIFY(std::isfinite(instant.fryMintRate));
}

void TestVenueTrading::circuitBreakerBySingleMove()
{
    // Samples at rows 1..5: 100, 100, 106 (+6 % in one swap), 106, 106; hedge 0, 0.25, 0.5, 0.75, 1.
    const VenueDataset data = handDataset({100, 100, 100, 106, 106, 106}, 1.0);
    const QVector<float> h{0.0f, 0.25f, 0.5f, 0.75f, 1.0f};
    VenueTradingConfig loose = hedgeOnly();
    loose.fairValueWindow = 1;
    loose.arbEntryFeeMultiple = 2;
    const VenueTradingResult untripped = trade(data, h, 0, loose);
    QVERIFY(!untripped.circuitBreakerActive);
    COMPARE_NEAR(untripped.hedgeCostUsdc, 4 * 2.5);
    QCOMPARE(untripped.arbitrageTrades, 1);   // the jump opens one

    VenueTradingConfig strict = loose;
    strict.circuitBreakerMove = 0.05;
    const VenueTradingResult r = trade(data, h, 0, strict);
    QVERIFY(r.circuitBreakerActive);
    QVERIFY2(r.circuitBreakerReason.contains(QStringLiteral("6.00")), qPrintable(r.circuitBreakerReason));
    // Only the rebalance before the jump was paid; then the hedge stays at 0.25 and no arbitrage opens.
    COMPARE_NEAR(r.hedgeCostUsdc, 2.5);
    QCOMPARE(r.arbitrageTrades, 0);
    // The P&L after the trip still runs with the frozen hedge: 0.75 · 1000 · 6 % − 2.5.
    COMPARE_NEAR(r.hedgedPnlUsdc, 0.75 * 1000 * 0.06 - 2.5);
    // A move exactly below the limit does not trip it.
    strict.circuitBreakerMove = 0.0601;
    QVERIFY(!trade(data, h, 0, strict).circuitBreakerActive);
}

void TestVenueTrading::circuitBreakerByDrawdownStaysActive()
{
    // Ten falls of 1 % then ten rises of 3 %: unhedged (h = 0) the P&L falls 10 USDC a swap.
    QVector<double> prices{100, 100};
    for (int i = 0; i < 10; ++i)
        prices << prices.last() * 0.99;
    for (int i = 0; i < 10; ++i)
        prices << prices.last() * 1.03;
    const VenueDataset data = handDataset(prices, 1.0);
    const int n = data.heldOutCount();
    // Hedge 0 throughout the fall, then alternating 0.25 / 0 (rebalances that would cost).
    QVector<float> h(n, 0.0f);
    for (int k = 11; k < n; ++k)
        h[k] = k % 2 ? 0.25f : 0.0f;
    VenueTradingConfig config = hedgeOnly();
    const VenueTradingResult untripped = trade(data, h, 0, config);
    QVERIFY(!untripped.circuitBreakerActive);
    QVERIFY(untripped.hedgeCostUsdc > 0);

    config.circuitBreakerDrawdown = 0.055;   // trips when the loss passes 55 USDC: after the sixth fall
    const VenueTradingResult r = trade(data, h, 0, config);
    QVERIFY(r.circuitBreakerActive);
    QVERIFY2(r.circuitBreakerReason.contains(QStringLiteral("below its peak")), qPrintable(r.circuitBreakerReason));
    QCOMPARE(r.hedgeCostUsdc, 0.0);   // tripped before the alternating ratios: never rebalanced
    // Staying active: the rises lift the P&L above its old peak and the breaker is still on.
    QVERIFY(r.hedgedPnlUsdc > 0);
    COMPARE_NEAR(r.hedgedPnlUsdc, r.unhedgedPnlUsdc);   // frozen at h = 0
}

void TestVenueTrading::regimeFromLastSample()
{
    VenueDataset data = handDataset({100, 101, 102, 103, 104, 105, 106}, 1.0);   // 6 samples
    auto setRegime = [&data](int sample, VenueFeature oneHot, float confidence) {
        float *row = data.features.data() + sample * kVenueFeatureCount;
        for (int f = FeatureRegimeCrisis; f <= FeatureRegimeTrendingBear; ++f)
            row[f] = 0;
        row[oneHot] = 1;
        row[FeatureRegimeConfidence] = confidence;
    };
    setRegime(0, FeatureRegimeCrisis, 0.875f);
    setRegime(1, FeatureRegimeCrisis, 0.875f);
    setRegime(2, FeatureRegimeVolatile, 0.75f);
    setRegime(5, FeatureRegimeTrendingBear, 0.5f);
    VenueTradingConfig config = hedgeOnly();
    config.windowSamples = 3;
    const VenueTradingResult first = trade(data, constant(6, 0.5f), 0, config);   // samples 0..2
    QCOMPARE(first.regime, MarketRegime::Volatile);
    QCOMPARE(first.regimeConfidence, 0.75);
    const VenueTradingResult second = trade(data, constant(6, 0.5f), 1, config);   // samples 3..5
    QCOMPARE(second.windowStart, 3);
    QCOMPARE(second.regime, MarketRegime::TrendingBear);
    QCOMPARE(second.regimeConfidence, 0.5);
    const VenueMetrics m = second.metrics();
    QCOMPARE(m.regime, QStringLiteral("trending_bear"));
    QCOMPARE(m.regimeConfidence, 0.5);
}

void TestVenueTrading::errors()
{
    const VenueDataset data = handDataset({100, 101, 102, 103}, 1.0);
    auto expectUsage = [](const Result<VenueTradingResult> &r, const QString &needle) -> QString {
        if (r)
            return QStringLiteral("succeeded");
        if (r.error().kind != Error::Kind::Usage)
            return QString(QStringLiteral("wrong kind: ") + r.error().toString());
        if (!r.error().message.contains(needle))
            return QString(QStringLiteral("message: ") + r.error().message);
        return QString();
    };
    QString problem = expectUsage(simulateVenueTrading(data, {0.5f, 0.5f}, 0, hedgeOnly()), QStringLiteral("2 hedge ratios"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = expectUsage(simulateVenueTrading(data, {0.5f, std::nanf(""), 0.5f}, 0, hedgeOnly()), QStringLiteral("not a number"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = expectUsage(simulateVenueTrading(data, {0.5f, INFINITY, 0.5f}, 0, hedgeOnly()), QStringLiteral("hand"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    VenueDataset noHeldOut = data;
    noHeldOut.heldOutStart = noHeldOut.sampleCount();
    problem = expectUsage(simulateVenueTrading(noHeldOut, {}, 0, hedgeOnly()), QStringLiteral("no held-out"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    const QVector<float> h = constant(3, 0.5f);
    VenueTradingConfig bad = hedgeOnly();
    bad.windowSamples = 0;
    QVERIFY(!bad.validate());
    problem = expectUsage(simulateVenueTrading(data, h, 0, bad), QStringLiteral("window"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    bad = hedgeOnly();
    bad.circuitBreakerMove = 0;
    problem = expectUsage(simulateVenueTrading(data, h, 0, bad), QStringLiteral("circuit breaker"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    bad = hedgeOnly();
    bad.positionUsdc = -1;
    QVERIFY(!simulateVenueTrading(data, h, 0, bad));
    bad = hedgeOnly();
    bad.fryPerUsdc = std::nan("");
    QVERIFY(!simulateVenueTrading(data, h, 0, bad));
    bad = hedgeOnly();
    bad.fairValueWindow = 0;
    QVERIFY(!simulateVenueTrading(data, h, 0, bad));
    QVERIFY(VenueTradingConfig{}.validate());

    // No position to hedge: neither a trading position nor a reference size.
    VenueDataset noSize = data;
    noSize.config.referenceUsdc = 0;
    QVERIFY(!simulateVenueTrading(noSize, h, 0, hedgeOnly()));
}

void TestVenueTrading::jsonRoundTrip()
{
    VenueDataset data = handDataset({100, 100, 100, 106, 106, 106}, 1.0);
    data.series[3].usdcVolume = 500;
    data.series[3].ethAmount = 1;
    VenueTradingConfig config = hedgeOnly();
    config.circuitBreakerMove = 0.05;
    const VenueTradingResult r = trade(data, {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}, 3, config);
    const QJsonObject json = r.toJson();
    for (const char *key : {"venue", "round", "window_start", "hedge_rmse", "slippage_efficiency", "arbitrage_roi", "fry_mint_rate",
                            "circuit_breaker_active", "circuit_breaker_reason", "regime", "regime_confidence"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("regime")).toString(), QStringLiteral("trending_bull"));
    auto back = VenueTradingResult::fromJson(json);
    QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
    QCOMPARE(back->toJson(), json);   // every field is in the JSON, and doubles survive exactly
    QCOMPARE(back->hedgedPnlUsdc, r.hedgedPnlUsdc);
    QCOMPARE(back->circuitBreakerActive, true);
    QCOMPARE(back->circuitBreakerReason, r.circuitBreakerReason);
    QCOMPARE(back->regime, r.regime);
    QCOMPARE(back->lastTimestamp, r.lastTimestamp);

    QJsonObject damaged = json;
    damaged.remove(QStringLiteral("hedge_rmse"));
    auto missing = VenueTradingResult::fromJson(damaged);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Format);
    QVERIFY(missing.error().message.contains(QStringLiteral("hedge_rmse")));
    damaged = json;
    damaged.insert(QStringLiteral("regime"), QStringLiteral("sideways"));
    QVERIFY(!VenueTradingResult::fromJson(damaged));
}

void TestVenueTrading::demoVenues()
{
    if (!QFile::exists(swapsCsv()))
        QSKIP("../shared/data/base_eth_usdc_swaps.csv is not available");
    const bool table = qEnvironmentVariableIsSet("APEDESK_VENUE_TRADING_TABLE");
    QList<VenueMetrics> perfectMetrics;
    for (const VenueSpec &spec : defaultDemoVenues(swapsCsv())) {
        auto built = buildVenueDataset(spec);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().toString()));
        const VenueDataset &data = *built;
        QCOMPARE(data.config.referenceUsdc, spec.features.referenceUsdc);
        const QVector<float> realised = data.heldOutTargets();
        const QVector<float> half = constant(data.heldOutCount(), 0.5f);
        const int rounds = table ? 10 : 3;
        for (int round = 0; round < rounds; ++round) {
            for (int which = 0; which < 2; ++which) {
                const VenueTradingResult r = trade(data, which == 0 ? realised : half, round, VenueTradingConfig{});
                const QString where = QStringLiteral("%1 round %2 %3").arg(data.venue).arg(round).arg(which == 0 ? QLatin1String("targets") : QLatin1String("0.5"));
                QCOMPARE(r.venue, data.venue);
                QCOMPARE(r.windowSamples, std::min(200, data.heldOutCount()));
                for (const double v : {r.hedgeRmse, r.windowRmse, r.meanHedgeRatio, r.unhedgedPnlUsdc, r.hedgedPnlUsdc, r.hedgeCostUsdc,
                                       r.slippageAvailableUsdc, r.slippageHarvestedUsdc, r.slippageEfficiency, r.arbitrageProfitUsdc,
                                       r.arbitrageRoi, r.fryMinted, r.fryMintRate, r.regimeConfidence})
                    QVERIFY2(std::isfinite(v), qPrintable(where));
                QVERIFY2(r.slippageEfficiency >= 0 && r.slippageEfficiency <= 1, qPrintable(where));
                QVERIFY2(r.slippageAvailableUsdc > 0, qPrintable(where));   // real markets pay slippage
                QVERIFY2(r.hedgeCostUsdc >= 0 && r.fryMinted >= 0 && r.fryMintRate >= 0, qPrintable(where));
                QVERIFY2(r.regimeConfidence >= 0 && r.regimeConfidence <= 1, qPrintable(where));
                QVERIFY2(r.lastTimestamp > r.firstTimestamp, qPrintable(where));
                QCOMPARE(r.circuitBreakerActive, !r.circuitBreakerReason.isEmpty());
                if (which == 0) {
                    QCOMPARE(r.hedgeRmse, 0.0);
                    if (round == 0)
                        perfectMetrics << r.metrics();
                } else {
                    // The constant 0.5 never rebalances: no cost, nothing harvested.
                    QCOMPARE(r.hedgeCostUsdc, 0.0);
                    QCOMPARE(r.slippageHarvestedUsdc, 0.0);
                    QVERIFY2(r.hedgeRmse > 0.05, qPrintable(where));
                }
                if (table)
                    qInfo("%s", qPrintable(QStringLiteral("TABLE %1 | %2 | round %3 | window %4+%5 | rmse %6 | window rmse %7 | eff %8 | arb %9 trades roi %10 | "
                                                          "mint %11/day | fry %12 | breaker %13 | %14 %15 | unhedged %16 hedged %17 cost %18")
                                               .arg(data.venue, which == 0 ? QStringLiteral("targets") : QStringLiteral("0.5"))
                                               .arg(round).arg(r.windowStart).arg(r.windowSamples)
                                               .arg(r.hedgeRmse, 0, 'f', 4).arg(r.windowRmse, 0, 'f', 4)
                                               .arg(r.slippageEfficiency, 0, 'f', 4).arg(r.arbitrageTrades)
                                               .arg(r.arbitrageRoi, 0, 'f', 5).arg(r.fryMintRate, 0, 'f', 2).arg(r.fryMinted, 0, 'f', 3)
                                               .arg(r.circuitBreakerActive ? QStringLiteral("active") : QStringLiteral("-"))
                                               .arg(regimeKey(r.regime)).arg(r.regimeConfidence, 0, 'f', 3)
                                               .arg(r.unhedgedPnlUsdc, 0, 'f', 2).arg(r.hedgedPnlUsdc, 0, 'f', 2).arg(r.hedgeCostUsdc, 0, 'f', 2)));
            }
            // Better predictions, lower error: the realised targets against a constant, in every window.
            const VenueTradingResult best = trade(data, realised, round, VenueTradingConfig{});
            const VenueTradingResult flat = trade(data, half, round, VenueTradingConfig{});
            QVERIFY(best.windowRmse < flat.windowRmse);
            QVERIFY(best.hedgeRmse < flat.hedgeRmse);
            // Same market, same window: the regime and the unhedged P&L do not depend on the model.
            QCOMPARE(best.regime, flat.regime);
            QCOMPARE(best.unhedgedPnlUsdc, flat.unhedgedPnlUsdc);
            QCOMPARE(best.slippageAvailableUsdc, flat.slippageAvailableUsdc);
        }
        // Deterministic.
        QCOMPARE(trade(data, realised, 1, VenueTradingConfig{}).toJson(), trade(data, realised, 1, VenueTradingConfig{}).toJson());
    }

    // metrics() feeds computeFryAlpha: one breakdown per venue whose factors are the trading's numbers.
    QCOMPARE(perfectMetrics.size(), 3);
    auto round = computeFryAlpha(perfectMetrics);
    QVERIFY2(round, qPrintable(round ? QString() : round.error().toString()));
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
        const FryAlphaBreakdown &b = round->venues[i];
        const VenueMetrics &m = perfectMetrics[i];
        QCOMPARE(b.venue, m.venue);
        QVERIFY(b.valid);
        COMPARE_NEAR(b.rmseFactor, 1 / (m.hedgeRmse + 0.01));
        COMPARE_NEAR(b.slippageFactor, 1 + 0.5 * std::clamp(m.slippageEfficiency, 0.0, 1.0));
        COMPARE_NEAR(b.circuitBreakerFactor, m.circuitBreakerActive ? 0.6 : 1.0);
        COMPARE_NEAR(b.confidenceFactor, m.regimeConfidence);
        QVERIFY(b.weight >= 0);
        sum += b.weight;
    }
    COMPARE_NEAR(sum, 1.0);
}

QTEST_GUILESS_MAIN(TestVenueTrading)
#include "test_venue_trading.moc"
