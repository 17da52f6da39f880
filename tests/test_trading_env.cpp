// The DQN trader's market: accounting, rewards, observations, sequence boundaries, random starts,
// state save/restore, loaders, the split, the evaluation against baselines and the replay buffer.

#include "dqntrainer.h"
#include "rlevaluation.h"
#include "tradingenv.h"

#include "market/swapcsv.h"
#include "market/swapfeatures.h"
#include "market/swapstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

// ctest sets APEDESK_SHARED_DIR; run by hand, ../shared next to the source tree (from APEDESK_SOURCE_DIR
// or this file's path).
QString sharedDir()
{
    const QString env = qEnvironmentVariable("APEDESK_SHARED_DIR");
    if (!env.isEmpty())
        return env;
    const QString source = qEnvironmentVariable("APEDESK_SOURCE_DIR");
    if (!source.isEmpty())
        return source + QStringLiteral("/../shared");
    return QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/../../shared");
}

QString sharedCsvPath()
{
    return sharedDir() + QStringLiteral("/data/base_eth_usdc_swaps.csv");
}

bool closeTo(double actual, double expected, double relative = 1e-9)
{
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

QByteArray describe(double actual, double expected)
{
    return QByteArray::number(actual, 'g', 17) + " vs expected " + QByteArray::number(expected, 'g', 17);
}

#define QCLOSE(actual, expected)                                                                                       \
    do {                                                                                                               \
        const double a_ = (actual), e_ = (expected);                                                                   \
        QVERIFY2(closeTo(a_, e_), describe(a_, e_).constData());                                                       \
    } while (false)

// One sequence with the given prices; volume and volatility vary so a wrong column shows.
TradingSeries seriesOf(const QVector<double> &prices)
{
    TradingSeries series;
    for (int i = 0; i < prices.size(); ++i)
        series.steps.push_back(MarketStep{prices[i], 10.0 + i % 7, 0.5 + i % 5, 1700000000 + i});
    series.sequenceStarts = {0};
    series.description = QStringLiteral("test prices");
    return series;
}

QVector<double> geometricPrices(int n, double start, double factor)
{
    QVector<double> prices;
    double p = start;
    for (int i = 0; i < n; ++i) {
        prices.push_back(p);
        p *= factor;
    }
    return prices;
}

// Several sequences of the given lengths at wildly different price levels, each with ≤ 0.3 % moves.
TradingSeries multiSequenceSeries(const QVector<int> &lengths, const QVector<double> &levels, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> move(-0.003, 0.003);
    TradingSeries series;
    for (int s = 0; s < lengths.size(); ++s) {
        series.sequenceStarts.push_back(int(series.steps.size()));
        double p = levels[s];
        for (int i = 0; i < lengths[s]; ++i) {
            series.steps.push_back(MarketStep{p, levels[s] * (1 + i % 3), levels[s] * 0.01 * (i % 4), i});
            p *= 1 + move(rng);
        }
    }
    series.description = QStringLiteral("several sequences");
    return series;
}

TradingEnvConfig fixedStartConfig()
{
    TradingEnvConfig config;
    config.randomStart = false;
    config.episodeSteps = 0;
    return config;
}

Status writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("cannot write ") + path);
    file.write(content);
    return {};
}

const char kSyntheticHeader[] = "sequence_id,step,timestamp,price,amount0_eth,amount1_usdc,tick,volume,volatility,"
                                "volume_ma,tick_change,time_diff,liquidity_usage\n";

// A GAN synthetic CSV: sequence ids in the given order, `steps` steps each; the price of sequence
// `id` at step t is 1000·(id+1) + t.
QByteArray syntheticCsv(const QVector<int> &ids, int steps)
{
    QByteArray csv(kSyntheticHeader);
    for (int id : ids)
        for (int t = 0; t < steps; ++t)
            csv += QByteArray::number(id) + ',' + QByteArray::number(t) + ',' + QByteArray::number(1700000000 + 100 * id + t)
                   + ',' + QByteArray::number(1000.0 * (id + 1) + t) + ",0.1,-300,-195000," + QByteArray::number(5.0 + t)
                   + ',' + QByteArray::number(0.25 * t) + ",1,0,1,0.001\n";
    return csv;
}

RlObservation markerObservation(float marker)
{
    RlObservation o{};
    for (int j = 0; j < kRlObservationSize; ++j)
        o[j] = marker + 0.001f * j;
    return o;
}

} // namespace

class TestTradingEnv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buyThenSellAtOnePriceLosesExactlyTwoFees();
    void rewardIsTheMarkedValueChange_data();
    void rewardIsTheMarkedValueChange();
    void invalidActionsAreNoOps();
    void observationLayout();
    void observationFromRecentSteps();
    void windowsNeverCrossSequenceBoundaries();
    void randomStartsVary();
    void resetAtRefusesNonDecisionSteps();
    void stateRestoreContinuesIdentically();
    void restoreStateRejectsForeignState();
    void configJsonRoundTrip();
    void loadsTheRealSwapCsv();
    void loadsFromStore();
    void loadsSyntheticCsvOneSequencePerId();
    void loaderErrorsAreClear();
    void splitsOneSequence();
    void splitsSeveralSequences();
    void buyAndHoldOnARisingSeries();
    void maxDrawdownAndSharpeOfKnownPaths();
    void constantEquityHasZeroSharpe();
    void randomPolicyIsSeeded();
    void evaluationChainsSequencesAndJson();
    void replayBufferWrapKeepsNewest();
    void replayBufferSamplesOnlyStoredTransitions();
    void replayBufferSerializeRoundTrip();
    void replayBufferRejectsCorruptBytes();
};

void TestTradingEnv::buyThenSellAtOnePriceLosesExactlyTwoFees()
{
    const TradingSeries series = seriesOf(QVector<double>(30, 2345.67));
    TradingEnv env(&series, fixedStartConfig(), 1);
    env.reset();
    QCOMPARE(env.currentStep(), kRlWindow);
    QCOMPARE(env.cash(), 1000.0);
    QVERIFY(!env.holding());

    const double initial = 1000;
    const double notional = 0.99 * initial;
    const EnvStep buy = env.step(TradeAction::Buy);
    QVERIFY(buy.traded);
    QCLOSE(buy.fee, 0.003 * notional);
    QVERIFY(env.holding());
    QCLOSE(env.eth(), notional / 2345.67);
    QCLOSE(env.cash(), initial - notional - 0.003 * notional);
    QCLOSE(buy.reward, 100 * (-0.003 * notional) / initial);
    QCOMPARE(buy.observation[kRlObservationSize - 1], 1.0f);

    const EnvStep sell = env.step(TradeAction::Sell);
    QVERIFY(sell.traded);
    QVERIFY(!env.holding());
    QCLOSE(sell.fee, 0.003 * notional);
    QCOMPARE(sell.observation[kRlObservationSize - 1], 0.0f);
    const double expected = initial - 0.003 * notional - 0.003 * notional;
    QCLOSE(env.portfolioValue(), expected);
    QCLOSE(env.cash(), expected);
    QCLOSE(env.feesPaid(), 2 * 0.003 * notional);
    QCOMPARE(env.trades(), 2);
    // The rewards add up to the loss: the two fees, nothing else.
    QCLOSE((1 + buy.reward / 100) * (1 + sell.reward / 100) * initial, expected);
}

void TestTradingEnv::rewardIsTheMarkedValueChange_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("rising 1 %") << 1.01;
    QTest::newRow("falling 1 %") << 0.99;
}

void TestTradingEnv::rewardIsTheMarkedValueChange()
{
    QFETCH(double, factor);
    const TradingSeries series = seriesOf(geometricPrices(80, 3000, factor));
    TradingEnv env(&series, fixedStartConfig(), 1);
    env.reset();

    // Flat HOLD: nothing changes.
    EnvStep hold = env.step(TradeAction::Hold);
    QCOMPARE(hold.reward, 0.0);
    // BUY: 7.03 USDC left, 990 USDC of ETH that moves with the price.
    EnvStep buy = env.step(TradeAction::Buy);
    QCLOSE(buy.valueBefore, 1000);
    QCLOSE(buy.valueAfter, 1000 - 990 - 2.97 + 990 * factor);
    QCLOSE(buy.reward, 100 * (buy.valueAfter - 1000) / 1000);
    // Holding: the reward is the marked change of the whole portfolio.
    const double cash = env.cash();
    const double eth = env.eth();
    const double p = env.price();
    EnvStep held = env.step(TradeAction::Hold);
    const double before = cash + eth * p;
    const double after = cash + eth * p * factor;
    QCLOSE(held.valueBefore, before);
    QCLOSE(held.valueAfter, after);
    QCLOSE(held.reward, 100 * (after - before) / before);
    QVERIFY(factor > 1 ? held.reward > 0.9 : held.reward < -0.9);

    // Any action sequence: reward = 100 × (V(p_{t+1}) − V(p_t)) / V(p_t), and V(p_{t+1}) is the value
    // the environment reports after the step.
    std::mt19937_64 rng(7);
    while (!env.episodeOver()) {
        const double valueBefore = env.portfolioValue();
        const EnvStep step = env.step(TradeAction(int(rng() % 3)));
        QCLOSE(step.valueBefore, valueBefore);
        QCLOSE(step.valueAfter, env.portfolioValue());
        QCLOSE(step.reward, 100 * (env.portfolioValue() - valueBefore) / valueBefore);
    }
}

void TestTradingEnv::invalidActionsAreNoOps()
{
    const TradingSeries series = seriesOf(geometricPrices(40, 2000, 1.004));
    TradingEnv acting(&series, fixedStartConfig(), 1);
    TradingEnv holding(&series, fixedStartConfig(), 1);

    // SELL while flat.
    acting.reset();
    holding.reset();
    EnvStep invalid = acting.step(TradeAction::Sell);
    EnvStep hold = holding.step(TradeAction::Hold);
    QVERIFY(!invalid.traded);
    QCOMPARE(invalid.fee, 0.0);
    QCOMPARE(invalid.reward, hold.reward);
    QCOMPARE(acting.cash(), 1000.0);
    QCOMPARE(acting.eth(), 0.0);
    QCOMPARE(acting.trades(), 0);
    QVERIFY(invalid.observation == hold.observation);

    // BUY while holding.
    QVERIFY(acting.resetAt(15, true));
    QVERIFY(holding.resetAt(15, true));
    const double eth = acting.eth();
    const double cash = acting.cash();
    QVERIFY(eth > 0);
    invalid = acting.step(TradeAction::Buy);
    hold = holding.step(TradeAction::Hold);
    QVERIFY(!invalid.traded);
    QCOMPARE(invalid.fee, 0.0);
    QCOMPARE(acting.eth(), eth);
    QCOMPARE(acting.cash(), cash);
    QCOMPARE(invalid.reward, hold.reward);
    QVERIFY(invalid.reward > 0);   // the held ETH rose
    QCOMPARE(acting.feesPaid(), 0.0);
    QCOMPARE(acting.trades(), 0);
}

void TestTradingEnv::observationLayout()
{
    // Prices with round percent changes; volumes whose window maximum is at step 4 (step 0, outside
    // the window of t = 10, is larger and must not count); volatility all zero (a zero maximum).
    const QVector<double> prices{100, 110, 99, 99, 198, 99, 100, 125, 100, 100, 150, 150};
    const QVector<double> volumes{1000, 1, 2, 3, 40, 5, 6, 7, 8, 9, 10, 80};
    TradingSeries series;
    for (int i = 0; i < prices.size(); ++i)
        series.steps.push_back(MarketStep{prices[i], volumes[i], 0.0, i});
    series.sequenceStarts = {0};
    QCOMPARE(series.decisionStepCount(), 1);

    TradingEnv env(&series, fixedStartConfig(), 1);
    const RlObservation flat = env.reset();
    const double pct[kRlWindow] = {10, -10, 0, 100, -50, 100.0 / 99.0, 25, -20, 0, 50};
    for (int i = 0; i < kRlWindow; ++i) {
        QVERIFY2(std::abs(flat[i] - pct[i]) < 1e-4, qPrintable(QStringLiteral("pct %1: %2").arg(i).arg(flat[i])));
        QCOMPARE(flat[kRlWindow + i], float(volumes[i + 1] / 40.0));
        QCOMPARE(flat[2 * kRlWindow + i], 0.0f);
    }
    QCOMPARE(flat[3 * kRlWindow], 0.0f);

    Result<RlObservation> held = env.resetAt(10, true);
    QVERIFY(held);
    QCOMPARE((*held)[3 * kRlWindow], 1.0f);
    for (int i = 0; i < 3 * kRlWindow; ++i)
        QCOMPARE((*held)[i], flat[i]);

    // Volatility scaled by its own window maximum.
    for (int i = 0; i < series.steps.size(); ++i)
        series.steps[i].volatility = i == 0 ? 99.0 : 0.5 * i;
    TradingEnv scaled(&series, fixedStartConfig(), 1);
    const RlObservation withVolatility = scaled.reset();
    for (int i = 0; i < kRlWindow; ++i)
        QCOMPARE(withVolatility[2 * kRlWindow + i], float((0.5 * (i + 1)) / 5.0));
}

void TestTradingEnv::observationFromRecentSteps()
{
    const TradingSeries series = seriesOf(geometricPrices(30, 2500, 1.002));
    TradingEnv env(&series, fixedStartConfig(), 1);
    QVERIFY(env.resetAt(20, true));
    // The last 11 steps ending at "now" give the environment's observation at that step.
    auto fromSteps = observationFromSteps(series.steps.mid(5, 16), true);
    QVERIFY2(fromSteps, fromSteps ? "" : qPrintable(fromSteps.error().toString()));
    QVERIFY(*fromSteps == env.observation());
    auto flat = observationFromSteps(series.steps.mid(10, 11), false);
    QVERIFY(flat);
    QCOMPARE((*flat)[3 * kRlWindow], 0.0f);

    auto tooFew = observationFromSteps(series.steps.mid(0, kRlWindow), false);
    QVERIFY(!tooFew);
    QCOMPARE(tooFew.error().kind, Error::Kind::Usage);
    QVector<MarketStep> zeroPrice = series.steps.mid(0, 11);
    zeroPrice[3].price = 0;
    QVERIFY(!observationFromSteps(zeroPrice, false));
}

void TestTradingEnv::windowsNeverCrossSequenceBoundaries()
{
    // Price levels 10^6 apart: a pct change across a boundary would be enormous.
    const TradingSeries series = multiSequenceSeries({14, 12, 300, 25, 11, 60, 13},
                                                     {1.0, 1e6, 3000, 0.01, 5e4, 7, 123456}, 3);
    QCOMPARE(series.decisionStepCount(), 3 + 1 + 289 + 14 + 0 + 49 + 2);
    TradingEnvConfig config;
    config.episodeSteps = 50;
    TradingEnv env(&series, config, 11);
    std::mt19937_64 actions(5);
    int terminations = 0, truncations = 0, steps = 0;
    for (int episode = 0; episode < 1500; ++episode) {
        RlObservation obs = env.reset();
        const int sequence = series.sequenceOf(env.currentStep());
        const int end = series.sequenceEnd(sequence);
        QVERIFY(env.currentStep() >= series.sequenceBegin(sequence) + kRlWindow);
        for (;;) {
            for (int i = 0; i < kRlWindow; ++i)
                QVERIFY2(std::abs(obs[i]) < 0.31f, qPrintable(QStringLiteral("pct %1 at step %2").arg(obs[i]).arg(env.currentStep())));
            const EnvStep step = env.step(TradeAction(int(actions() % 3)));
            ++steps;
            obs = step.observation;
            QCOMPARE(series.sequenceOf(env.currentStep()), sequence);
            QCOMPARE(step.terminated, env.currentStep() == end - 1);
            QVERIFY(!(step.terminated && step.truncated));
            if (step.truncated)
                QCOMPARE(env.episodeStep(), 50);
            terminations += step.terminated;
            truncations += step.truncated;
            if (step.terminated || step.truncated) {
                QVERIFY(env.episodeOver());
                for (int i = 0; i < kRlWindow; ++i)
                    QVERIFY(std::abs(obs[i]) < 0.31f);
                break;
            }
        }
    }
    QVERIFY(steps > 10000);
    QVERIFY(terminations > 100);
    QVERIFY(truncations > 100);
}

void TestTradingEnv::randomStartsVary()
{
    const TradingSeries series = multiSequenceSeries({40, 12, 100, 30}, {3000, 3100, 2900, 3050}, 4);
    const int decisions = series.decisionStepCount();
    QCOMPARE(decisions, 29 + 1 + 89 + 19);
    TradingEnv env(&series, TradingEnvConfig(), 99);
    QSet<int> starts;
    QVector<int> perSequence(series.sequenceCount());
    int holding = 0;
    const int resets = 20000;
    for (int i = 0; i < resets; ++i) {
        env.reset();
        const int t = env.currentStep();
        const int s = series.sequenceOf(t);
        QVERIFY(t >= series.sequenceBegin(s) + kRlWindow && t + 1 < series.sequenceEnd(s));
        QCOMPARE(env.episodeStep(), 0);
        QVERIFY(!env.episodeOver());
        QCOMPARE(env.portfolioValue() > 999.999 && env.portfolioValue() < 1000.001, true);
        starts.insert(t);
        ++perSequence[s];
        holding += env.holding() ? 1 : 0;
    }
    QCOMPARE(int(starts.size()), decisions);   // every decision step is drawn
    // Sequences in proportion to their decision steps.
    for (int s = 0; s < series.sequenceCount(); ++s) {
        const double expected = double(series.sequenceEnd(s) - series.sequenceBegin(s) - kRlWindow - 1) / decisions;
        QVERIFY2(std::abs(double(perSequence[s]) / resets - expected) < 0.015,
                 qPrintable(QStringLiteral("sequence %1: %2 of %3").arg(s).arg(perSequence[s]).arg(resets)));
    }
    QVERIFY(holding > resets * 0.45 && holding < resets * 0.55);

    // randomStart false: always the first decision step of sequence 0, flat.
    TradingEnv fixed(&series, fixedStartConfig(), 99);
    for (int i = 0; i < 10; ++i) {
        fixed.reset();
        QCOMPARE(fixed.currentStep(), kRlWindow);
        QVERIFY(!fixed.holding());
    }
}

void TestTradingEnv::resetAtRefusesNonDecisionSteps()
{
    const TradingSeries series = multiSequenceSeries({20, 15}, {3000, 10}, 5);
    TradingEnv env(&series, TradingEnvConfig(), 1);
    for (int step : {-1, 0, 9, 19, 20, 29, 34, 35, 1000}) {
        auto result = env.resetAt(step, false);
        QVERIFY2(!result, qPrintable(QStringLiteral("step %1 accepted").arg(step)));
        QCOMPARE(result.error().kind, Error::Kind::Usage);
        QVERIFY(result.error().message.contains(QString::number(step)));
    }
    for (int step : {10, 18, 30, 33})
        QVERIFY2(env.resetAt(step, true), qPrintable(QStringLiteral("step %1 refused").arg(step)));
}

void TestTradingEnv::stateRestoreContinuesIdentically()
{
    const TradingSeries series = multiSequenceSeries({120, 60, 90}, {3000, 2000, 4000}, 6);
    TradingEnvConfig config;
    config.episodeSteps = 30;
    TradingEnv a(&series, config, 123);
    std::mt19937_64 actions(9);
    a.reset();
    for (int i = 0; i < 47; ++i)
        if (a.step(TradeAction(int(actions() % 3))).terminated || a.episodeOver())
            a.reset();
    // Saved mid-episode while holding, so every part of the position matters.
    while (a.episodeOver() || !a.holding() || a.episodeStep() == 0) {
        if (a.episodeOver())
            a.reset();
        else
            a.step(TradeAction::Buy);
    }
    QVERIFY(a.eth() > 0 && a.feesPaid() > 0 && a.trades() > 0);
    // Through JSON text, as a checkpoint stores it.
    const QByteArray saved = QJsonDocument(a.state()).toJson(QJsonDocument::Compact);
    {
        TradingEnv copy(&series, config, 1);
        QVERIFY(copy.restoreState(QJsonDocument::fromJson(saved).object()));
        QCOMPARE(copy.currentStep(), a.currentStep());
        QCOMPARE(copy.episodeStep(), a.episodeStep());
        QCOMPARE(copy.episodeOver(), a.episodeOver());
        QCOMPARE(copy.cash(), a.cash());
        QCOMPARE(copy.eth(), a.eth());
        QCOMPARE(copy.feesPaid(), a.feesPaid());
        QCOMPARE(copy.trades(), a.trades());
        QVERIFY(copy.observation() == a.observation());
    }

    const auto run = [](TradingEnv &env, std::mt19937_64 actionRng) {
        QVector<double> trace;
        for (int i = 0; i < 600; ++i) {
            if (env.episodeOver()) {
                const RlObservation o = env.reset();
                trace.push_back(env.currentStep());
                trace.push_back(o[0]);
                trace.push_back(env.eth());
                continue;
            }
            const EnvStep step = env.step(TradeAction(int(actionRng() % 3)));
            trace.push_back(step.reward);
            trace.push_back(step.observation[3]);
            trace.push_back(env.cash());
            trace.push_back(step.terminated + 2 * step.truncated);
        }
        return trace;
    };
    const QVector<double> expected = run(a, actions);

    TradingEnv b(&series, config, 777);   // another seed: only the restored state may matter
    auto restored = b.restoreState(QJsonDocument::fromJson(saved).object());
    QVERIFY2(restored, restored ? "" : qPrintable(restored.error().toString()));
    const QVector<double> replay = run(b, actions);
    QCOMPARE(replay, expected);

    TradingEnv c(&series, config, 777);
    QVERIFY(run(c, actions) != expected);   // the state does matter
}

void TestTradingEnv::restoreStateRejectsForeignState()
{
    const TradingSeries series = seriesOf(geometricPrices(50, 3000, 1.001));
    const TradingSeries other = seriesOf(geometricPrices(51, 3000, 1.001));
    TradingEnv env(&series, TradingEnvConfig(), 1);
    env.reset();
    const QJsonObject good = env.state();

    TradingEnv wrongSeries(&other, TradingEnvConfig(), 1);
    auto s = wrongSeries.restoreState(good);
    QVERIFY(!s);
    QCOMPARE(s.error().kind, Error::Kind::Format);

    QJsonObject badRng = good;
    badRng.insert(QStringLiteral("rng"), QStringLiteral("not a generator"));
    QVERIFY(!env.restoreState(badRng));
    QJsonObject badStep = good;
    badStep.insert(QStringLiteral("step"), 3);   // no window before it
    QVERIFY(!env.restoreState(badStep));
    QJsonObject missing = good;
    missing.remove(QStringLiteral("cash"));
    QVERIFY(!env.restoreState(missing));
    QVERIFY(!env.restoreState(QJsonObject()));
    QVERIFY(env.restoreState(good));
}

void TestTradingEnv::configJsonRoundTrip()
{
    TradingEnvConfig config;
    config.initialCash = 5000;
    config.feeRate = 0.001;
    config.buyShare = 0.5;
    config.episodeSteps = 0;
    config.randomStart = false;
    config.startHoldingProbability = 0.25;
    config.rewardScale = 10;
    auto back = TradingEnvConfig::fromJson(config.toJson());
    QVERIFY2(back, back ? "" : qPrintable(back.error().toString()));
    QCOMPARE(back->toJson(), config.toJson());
    QCOMPARE(back->initialCash, 5000.0);
    QCOMPARE(back->randomStart, false);

    auto defaults = TradingEnvConfig::fromJson(QJsonObject());
    QVERIFY(defaults);
    QCOMPARE(defaults->toJson(), TradingEnvConfig().toJson());

    const QVector<QPair<QString, QJsonValue>> bad{{QStringLiteral("initialCash"), 0},
                                                   {QStringLiteral("feeRate"), -0.1},
                                                   {QStringLiteral("buyShare"), 1.0},   // no room for the fee
                                                   {QStringLiteral("episodeSteps"), 2.5},
                                                   {QStringLiteral("randomStart"), QStringLiteral("yes")},
                                                   {QStringLiteral("startHoldingProbability"), 1.5},
                                                   {QStringLiteral("rewardScale"), QStringLiteral("100")}};
    for (const auto &entry : bad) {
        QJsonObject o = TradingEnvConfig().toJson();
        o.insert(entry.first, entry.second);
        auto parsed = TradingEnvConfig::fromJson(o);
        QVERIFY2(!parsed, qPrintable(entry.first));
        QCOMPARE(parsed.error().kind, Error::Kind::Format);
        QVERIFY(parsed.error().detail.contains(entry.first));
    }
}

void TestTradingEnv::loadsTheRealSwapCsv()
{
    const QString path = sharedCsvPath();
    QVERIFY2(QFile::exists(path), qPrintable(path));
    auto series = loadTradingSeriesFromCsv(path);
    QVERIFY2(series, series ? "" : qPrintable(series.error().toString()));
    QCOMPARE(series->sequenceCount(), 1);
    QCOMPARE(int(series->steps.size()), 7976);   // 8,000 rows less the 24 boundary-block duplicates
    QCOMPARE(series->decisionStepCount(), 7976 - kRlWindow - 1);
    QVERIFY(series->description.contains(QStringLiteral("base_eth_usdc_swaps.csv")));
    for (int i = 0; i < series->steps.size(); ++i) {
        const MarketStep &s = series->steps[i];
        QVERIFY(s.price > 1000 && s.price < 10000);
        QVERIFY(s.volume >= 0 && s.volatility >= 0);
        if (i > 0)
            QVERIFY(s.timestamp >= series->steps[i - 1].timestamp);
    }
    // The same as the processed swaps.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto imported = market::readRawSwapCsv(file, market::chainKey(8453, false));
    QVERIFY(imported);
    const QVector<market::ProcessedSwap> processed = market::processSwaps(imported->swaps);
    for (int i : {0, 1, 500, 7975}) {
        QCOMPARE(series->steps[i].price, processed[i].price);
        QCOMPARE(series->steps[i].volume, processed[i].volume);
        QCOMPARE(series->steps[i].volatility, processed[i].volatility);
        QCOMPARE(series->steps[i].timestamp, processed[i].swap.timestamp);
    }
}

void TestTradingEnv::loadsFromStore()
{
    QFile file(sharedCsvPath());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(sharedCsvPath()));
    auto imported = market::readRawSwapCsv(file, market::chainKey(8453, false));
    QVERIFY(imported);
    const QList<market::PoolSwap> swaps = imported->swaps.mid(0, 300);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("swaps.sqlite"));
    {
        auto store = market::SwapStore::open(path);
        QVERIFY2(store, store ? "" : qPrintable(store.error().toString()));
        auto inserted = (*store)->insert(swaps);
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().toString()));
    }
    auto series = loadTradingSeriesFromStore(path, swaps.first().chain, swaps.first().poolId);
    QVERIFY2(series, series ? "" : qPrintable(series.error().toString()));
    QCOMPARE(int(series->steps.size()), 300);
    const QVector<market::ProcessedSwap> processed = market::processSwaps(swaps);
    QCOMPARE(series->steps[299].price, processed[299].price);

    auto otherPool = loadTradingSeriesFromStore(path, swaps.first().chain, eth::Hash32());
    QVERIFY(!otherPool);
    QCOMPARE(otherPool.error().kind, Error::Kind::Usage);
    const QString absent = dir.filePath(QStringLiteral("absent.sqlite"));
    auto missing = loadTradingSeriesFromStore(absent, swaps.first().chain, swaps.first().poolId);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Io);
    QVERIFY(!QFile::exists(absent));
}

void TestTradingEnv::loadsSyntheticCsvOneSequencePerId()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("synthetic.csv"));
    QVERIFY(writeFile(path, syntheticCsv({7, 3, 9}, 24)));
    auto series = loadTradingSeriesFromCsv(path);
    QVERIFY2(series, series ? "" : qPrintable(series.error().toString()));
    QCOMPARE(series->sequenceCount(), 3);
    QCOMPARE(series->sequenceStarts, (QVector<int>{0, 24, 48}));
    QCOMPARE(int(series->steps.size()), 72);
    QCOMPARE(series->decisionStepCount(), 3 * (24 - kRlWindow - 1));
    // File order of the ids; price, volume, volatility and timestamp by column name.
    QCOMPARE(series->steps[0].price, 8000.0);
    QCOMPARE(series->steps[24 + 5].price, 4005.0);
    QCOMPARE(series->steps[48 + 23].price, 10023.0);
    QCOMPARE(series->steps[30].volume, 11.0);
    QCOMPARE(series->steps[30].volatility, 1.5);
    QCOMPARE(series->steps[30].timestamp, qint64(1700000000 + 300 + 6));
    QCOMPARE(series->sequenceOf(23), 0);
    QCOMPARE(series->sequenceOf(24), 1);
    QCOMPARE(series->sequenceOf(71), 2);
    QVERIFY(series->description.contains(QStringLiteral("synthetic.csv")));
}

void TestTradingEnv::loaderErrorsAreClear()
{
    QTemporaryDir dir;
    const auto load = [&dir](const char *name, const QByteArray &content) {
        const QString path = dir.filePath(QLatin1String(name));
        writeFile(path, content);
        return loadTradingSeriesFromCsv(path);
    };

    auto missing = loadTradingSeriesFromCsv(dir.filePath(QStringLiteral("absent.csv")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::Io);
    QVERIFY(missing.error().message.contains(QStringLiteral("absent.csv")));

    auto empty = load("empty.csv", "\n\n");
    QVERIFY(!empty);
    QCOMPARE(empty.error().kind, Error::Kind::Format);
    QVERIFY(empty.error().message.contains(QStringLiteral("empty.csv")));

    auto notSwaps = load("other.csv", "a,b,c\n1,2,3\n");
    QVERIFY(!notSwaps);
    QCOMPARE(notSwaps.error().kind, Error::Kind::Format);
    QVERIFY(notSwaps.error().message.contains(QStringLiteral("other.csv")));

    // A raw swap CSV with one bad row: nothing is half loaded.
    QFile real(sharedCsvPath());
    QVERIFY2(real.open(QIODevice::ReadOnly), qPrintable(sharedCsvPath()));
    QList<QByteArray> lines = real.readAll().split('\n').mid(0, 40);
    lines[20].replace(",False,", ",Maybe,");
    auto badRow = load("bad_row.csv", lines.join('\n'));
    QVERIFY(!badRow);
    QCOMPARE(badRow.error().kind, Error::Kind::Format);
    QVERIFY(badRow.error().message.contains(QStringLiteral("bad_row.csv")));

    // Too short: 11 swaps cannot make one decision; 12 can.
    auto tooShort = load("short.csv", QList<QByteArray>(lines.mid(0, 12)).join('\n'));
    QVERIFY(!tooShort);
    QCOMPARE(tooShort.error().kind, Error::Kind::Usage);
    QVERIFY(tooShort.error().message.contains(QStringLiteral("short.csv")));
    auto justEnough = load("enough.csv", QList<QByteArray>(lines.mid(0, 13)).join('\n'));
    QVERIFY2(justEnough, justEnough ? "" : qPrintable(justEnough.error().toString()));
    QCOMPARE(justEnough->decisionStepCount(), 1);

    // Synthetic: sequences too short, a column missing, a bad number, a zero price.
    auto shortSequences = load("short_synthetic.csv", syntheticCsv({0, 1}, 11));
    QVERIFY(!shortSequences);
    QCOMPARE(shortSequences.error().kind, Error::Kind::Usage);
    QVERIFY(shortSequences.error().message.contains(QStringLiteral("short_synthetic.csv")));

    auto noVolatility = load("no_volatility.csv", "sequence_id,step,timestamp,price,volume\n0,0,1,3000,1\n");
    QVERIFY(!noVolatility);
    QCOMPARE(noVolatility.error().kind, Error::Kind::Format);
    QVERIFY(noVolatility.error().message.contains(QStringLiteral("volatility")));
    QVERIFY(noVolatility.error().message.contains(QStringLiteral("no_volatility.csv")));

    QByteArray badNumber = syntheticCsv({0}, 24);
    badNumber.replace(",1005,", ",abc,");
    auto notANumber = load("bad_number.csv", badNumber);
    QVERIFY(!notANumber);
    QCOMPARE(notANumber.error().kind, Error::Kind::Format);

    QByteArray zero = syntheticCsv({0}, 24);
    zero.replace(",1005,", ",0,");
    auto zeroPrice = load("zero_price.csv", zero);
    QVERIFY(!zeroPrice);
    QCOMPARE(zeroPrice.error().kind, Error::Kind::Format);
    QVERIFY(zeroPrice.error().message.contains(QStringLiteral("zero_price.csv")));

    // From swaps directly.
    QVector<market::ProcessedSwap> swaps(11);
    for (int i = 0; i < swaps.size(); ++i)
        swaps[i].price = 3000 + i;
    auto fromSwaps = tradingSeriesFromSwaps(swaps, QStringLiteral("eleven"));
    QVERIFY(!fromSwaps);
    QCOMPARE(fromSwaps.error().kind, Error::Kind::Usage);
    QVERIFY(!tradingSeriesFromSwaps({}, QStringLiteral("none")));
}

void TestTradingEnv::splitsOneSequence()
{
    const TradingSeries series = seriesOf(geometricPrices(100, 3000, 1.001));
    auto split = splitSeries(series, 0.8);
    QVERIFY2(split, split ? "" : qPrintable(split.error().toString()));
    QCOMPARE(int(split->train.steps.size()), 80);
    QCOMPARE(int(split->heldOut.steps.size()), 20);
    QCOMPARE(split->train.sequenceStarts, QVector<int>{0});
    QCOMPARE(split->heldOut.sequenceStarts, QVector<int>{0});
    QCOMPARE(split->train.steps[79].price, series.steps[79].price);
    QCOMPARE(split->heldOut.steps[0].price, series.steps[80].price);
    QCOMPARE(split->heldOut.decisionStepCount(), 20 - kRlWindow - 1);
    QVERIFY(split->heldOut.description.contains(series.description));
    QVERIFY(split->heldOut.description != split->train.description);

    auto floorCut = splitSeries(series, 0.555);   // floor(55.5)
    QVERIFY(floorCut);
    QCOMPARE(int(floorCut->train.steps.size()), 55);

    auto heldOutTooShort = splitSeries(series, 0.9);   // 10 held-out steps: no decision
    QVERIFY(!heldOutTooShort);
    QCOMPARE(heldOutTooShort.error().kind, Error::Kind::Usage);
    auto trainTooShort = splitSeries(series, 0.11);
    QVERIFY(!trainTooShort);
    QCOMPARE(trainTooShort.error().kind, Error::Kind::Usage);
    QVERIFY(!splitSeries(series, 0));
    QVERIFY(!splitSeries(series, 1));
    QVERIFY(!splitSeries(series, std::nan("")));
}

void TestTradingEnv::splitsSeveralSequences()
{
    const TradingSeries series = multiSequenceSeries({20, 30, 15, 25, 40}, {1, 2, 3, 4, 5}, 8);
    auto split = splitSeries(series, 0.8);
    QVERIFY2(split, split ? "" : qPrintable(split.error().toString()));
    QCOMPARE(split->train.sequenceCount(), 4);
    QCOMPARE(split->train.sequenceStarts, (QVector<int>{0, 20, 50, 65}));
    QCOMPARE(int(split->train.steps.size()), 90);
    QCOMPARE(split->heldOut.sequenceCount(), 1);
    QCOMPARE(split->heldOut.sequenceStarts, QVector<int>{0});
    QCOMPARE(int(split->heldOut.steps.size()), 40);
    QCOMPARE(split->heldOut.steps[0].price, series.steps[90].price);

    // round(0.5 × 5) = 3 (away from zero); at least one sequence on each side.
    auto half = splitSeries(series, 0.5);
    QVERIFY(half);
    QCOMPARE(half->train.sequenceCount(), 3);
    auto most = splitSeries(series, 0.99);
    QVERIFY(most);
    QCOMPARE(most->heldOut.sequenceCount(), 1);
    auto least = splitSeries(series, 0.01);
    QVERIFY(least);
    QCOMPARE(least->train.sequenceCount(), 1);

    // A held-out side whose only sequence is too short to trade.
    const TradingSeries shortTail = multiSequenceSeries({20, 30, 11}, {1, 2, 3}, 8);
    auto refused = splitSeries(shortTail, 0.67);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Usage);
}

void TestTradingEnv::buyAndHoldOnARisingSeries()
{
    const int n = 60;
    const TradingSeries series = seriesOf(geometricPrices(n, 2000, 1.01));
    const PolicyMetrics metrics = evaluateBuyAndHold(series, TradingEnvConfig());
    const int steps = n - kRlWindow - 1;
    QCOMPARE(metrics.name, QStringLiteral("buy_and_hold"));
    QCOMPARE(int(metrics.equity.size()), steps + 1);
    QCOMPARE(metrics.equity.front(), 1.0);
    QCOMPARE(metrics.trades, 1);
    QCLOSE(metrics.fees, 0.003 * 990);
    // 99 % of the cash compounds at 1 % a step, less the one fee; the rest stays cash.
    const double expected = 0.99 * std::pow(1.01, steps) + (1 - 0.99) - 0.003 * 0.99 - 1;
    QCLOSE(metrics.totalReturn, expected);
    QCLOSE(metrics.equity.back(), 1 + expected);
    QCOMPARE(metrics.maxDrawdown, 0.0);
    QVERIFY(metrics.sharpe > 10);   // rising every step
}

void TestTradingEnv::maxDrawdownAndSharpeOfKnownPaths()
{
    // No fee, everything in: the equity is price / entry price.
    TradingEnvConfig allIn;
    allIn.feeRate = 0;
    allIn.buyShare = 1;
    QVector<double> prices(kRlWindow, 100.0);
    for (double p : {100.0, 110.0, 120.0, 105.0, 90.0, 95.0, 130.0, 117.0})
        prices.push_back(p);
    const PolicyMetrics path = evaluateBuyAndHold(seriesOf(prices), allIn);
    QCOMPARE(int(path.equity.size()), 8);
    QCLOSE(path.equity.back(), 1.17);
    QCLOSE(path.totalReturn, 0.17);
    QCLOSE(path.maxDrawdown, 0.25);   // 120 → 90

    // Sharpe: mean / std (ddof 1) × sqrt(n) of the step returns.
    const QVector<double> returns{0.02, -0.01, 0.015, -0.005, 0.03, -0.02};
    QVector<double> sharpePrices(kRlWindow + 1, 50.0);
    for (double r : returns)
        sharpePrices.push_back(sharpePrices.back() * (1 + r));
    const PolicyMetrics sharpePath = evaluateBuyAndHold(seriesOf(sharpePrices), allIn);
    double mean = 0;
    for (double r : returns)
        mean += r / returns.size();
    double squares = 0;
    for (double r : returns)
        squares += (r - mean) * (r - mean);
    const double expected = mean / std::sqrt(squares / (returns.size() - 1)) * std::sqrt(double(returns.size()));
    QCLOSE(sharpePath.sharpe, expected);
}

void TestTradingEnv::constantEquityHasZeroSharpe()
{
    const TradingSeries series = seriesOf(geometricPrices(50, 3000, 1.003));
    const PolicyMetrics hold = evaluatePolicy(series, TradingEnvConfig(), [](const RlObservation &) { return TradeAction::Hold; });
    QCOMPARE(hold.name, QStringLiteral("policy"));
    QCOMPARE(hold.sharpe, 0.0);
    QCOMPARE(hold.totalReturn, 0.0);
    QCOMPARE(hold.maxDrawdown, 0.0);
    QCOMPARE(hold.trades, 0);
    QCOMPARE(hold.fees, 0.0);
    for (double e : hold.equity)
        QCOMPARE(e, 1.0);
}

void TestTradingEnv::randomPolicyIsSeeded()
{
    const TradingSeries series = seriesOf(geometricPrices(300, 3000, 1.0005));
    const PolicyMetrics a = evaluateRandom(series, TradingEnvConfig(), 5);
    const PolicyMetrics b = evaluateRandom(series, TradingEnvConfig(), 5);
    const PolicyMetrics c = evaluateRandom(series, TradingEnvConfig(), 6);
    QCOMPARE(a.name, QStringLiteral("random"));
    QCOMPARE(a.equity, b.equity);
    QCOMPARE(a.trades, b.trades);
    QCOMPARE(a.fees, b.fees);
    QVERIFY(a.trades > 50);   // about 2 of 9 actions change the position
    QVERIFY(a.equity != c.equity);
    QVERIFY(a.trades != c.trades || a.fees != c.fees);
}

void TestTradingEnv::evaluationChainsSequencesAndJson()
{
    const TradingSeries series = multiSequenceSeries({30, 11, 25}, {3000, 10, 2000}, 12);
    const auto always = [](const RlObservation &o) { return o[kRlObservationSize - 1] > 0.5f ? TradeAction::Sell : TradeAction::Buy; };
    const RlEvaluation evaluation = evaluateAgainstBaselines(series, TradingEnvConfig(), always, 3);
    QCOMPARE(evaluation.steps, 19 + 0 + 14);
    QCOMPARE(evaluation.sequences, 2);   // the 11-step sequence has no decision
    QCOMPARE(int(evaluation.policy.equity.size()), evaluation.steps + 1);
    QCOMPARE(int(evaluation.buyAndHold.equity.size()), evaluation.steps + 1);
    QCOMPARE(evaluation.buyAndHold.trades, 2);   // one BUY per sequence, each from the initial cash
    QCLOSE(evaluation.buyAndHold.fees, 2 * 0.003 * 990);
    QCOMPARE(evaluation.policy.trades, evaluation.steps);   // BUY, SELL, BUY, … every step
    QCOMPARE(evaluation.description, series.description);
    // Compounded across sequences: the total return is the product of the sequences' returns.
    double product = 1;
    for (int s : {0, 2}) {
        TradingSeries one;
        const int from = series.sequenceBegin(s);
        one.steps = series.steps.mid(from, series.sequenceEnd(s) - from);
        one.sequenceStarts = {0};
        product *= 1 + evaluateBuyAndHold(one, TradingEnvConfig()).totalReturn;
    }
    QCLOSE(evaluation.buyAndHold.totalReturn, product - 1);

    const QJsonObject json = rlEvaluationJson(evaluation);
    for (const char *policy : {"policy", "buy_and_hold", "random"}) {
        QVERIFY2(json.value(QLatin1String(policy)).isObject(), policy);
        const QJsonObject o = json.value(QLatin1String(policy)).toObject();
        for (const char *key : {"total_return", "sharpe", "max_drawdown", "trades", "fees"})
            QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
        QVERIFY(!o.contains(QStringLiteral("equity")));
    }
    QCOMPARE(json.value(QStringLiteral("policy")).toObject().value(QStringLiteral("trades")).toInt(), evaluation.policy.trades);
    QCOMPARE(json.value(QStringLiteral("steps")).toInt(), evaluation.steps);
    QCOMPARE(json.value(QStringLiteral("buy_and_hold")).toObject().value(QStringLiteral("total_return")).toDouble(),
             evaluation.buyAndHold.totalReturn);

    const QJsonObject withEquity = rlEvaluationJson(evaluation, true);
    QCOMPARE(withEquity.value(QStringLiteral("random")).toObject().value(QStringLiteral("equity")).toArray().size(),
             evaluation.steps + 1);
    auto back = rlEvaluationFromJson(QJsonDocument::fromJson(QJsonDocument(withEquity).toJson()).object());
    QVERIFY2(back, back ? "" : qPrintable(back.error().toString()));
    QCOMPARE(back->random.equity, evaluation.random.equity);
    QCOMPARE(back->policy.trades, evaluation.policy.trades);
    QCOMPARE(back->buyAndHold.sharpe, evaluation.buyAndHold.sharpe);
    QCOMPARE(back->sequences, 2);
    QJsonObject broken = json;
    broken.remove(QStringLiteral("random"));
    auto refused = rlEvaluationFromJson(broken);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Format);
}

void TestTradingEnv::replayBufferWrapKeepsNewest()
{
    ReplayBuffer buffer(5);
    QCOMPARE(buffer.capacity(), 5);
    QCOMPARE(buffer.size(), 0);
    for (int i = 0; i < 12; ++i) {
        buffer.add(markerObservation(float(i)), TradeAction(i % 3), float(i), markerObservation(i + 0.5f), i % 2 == 1);
        QCOMPARE(buffer.size(), std::min(i + 1, 5));
    }
    std::mt19937_64 rng(1);
    const ReplayBuffer::Batch batch = buffer.sample(2000, rng);
    QCOMPARE(batch.size, 2000);
    QSet<int> seen;
    for (int b = 0; b < batch.size; ++b) {
        const int marker = int(batch.rewards[b]);
        QVERIFY2(marker >= 7 && marker <= 11, qPrintable(QString::number(marker)));
        seen.insert(marker);
    }
    QCOMPARE(int(seen.size()), 5);
}

void TestTradingEnv::replayBufferSamplesOnlyStoredTransitions()
{
    ReplayBuffer buffer(100);
    for (int i = 0; i < 3; ++i)
        buffer.add(markerObservation(10.0f * i), TradeAction(i), float(i), markerObservation(10.0f * i + 5), i == 2);
    std::mt19937_64 rng(2);
    const ReplayBuffer::Batch batch = buffer.sample(64, rng);
    QCOMPARE(batch.size, 64);
    QCOMPARE(int(batch.states.size()), 64 * kRlObservationSize);
    QCOMPARE(int(batch.nextStates.size()), 64 * kRlObservationSize);
    QCOMPARE(int(batch.actions.size()), 64);
    QCOMPARE(int(batch.terminals.size()), 64);
    QSet<int> seen;
    for (int b = 0; b < batch.size; ++b) {
        const int i = int(batch.rewards[b]);
        QVERIFY(i >= 0 && i < 3);
        seen.insert(i);
        // Every field of a row comes from the same transition.
        const RlObservation state = markerObservation(10.0f * i);
        const RlObservation next = markerObservation(10.0f * i + 5);
        for (int j = 0; j < kRlObservationSize; ++j) {
            QCOMPARE(batch.states[b * kRlObservationSize + j], state[j]);
            QCOMPARE(batch.nextStates[b * kRlObservationSize + j], next[j]);
        }
        QCOMPARE(batch.actions[b], qint64(i));
        QCOMPARE(batch.terminals[b], i == 2 ? 1.0f : 0.0f);
    }
    QCOMPARE(int(seen.size()), 3);
    // The same generator state draws the same batch.
    std::mt19937_64 again(2);
    QCOMPARE(buffer.sample(64, again).rewards, batch.rewards);
    ReplayBuffer empty(10);
    QCOMPARE(empty.sample(8, again).size, 0);
}

void TestTradingEnv::replayBufferSerializeRoundTrip()
{
    for (int added : {0, 3, 7, 19}) {
        ReplayBuffer buffer(7);
        for (int i = 0; i < added; ++i)
            buffer.add(markerObservation(float(i)), TradeAction(i % 3), 0.25f * i - 1, markerObservation(i + 0.5f), i % 4 == 0);
        const QByteArray bytes = buffer.serialize();
        auto restored = ReplayBuffer::deserialize(bytes);
        QVERIFY2(restored, restored ? "" : qPrintable(restored.error().toString()));
        QCOMPARE(restored->size(), buffer.size());
        QCOMPARE(restored->capacity(), 7);
        QCOMPARE(restored->serialize(), bytes);
        if (added == 0)
            continue;
        // Same slots: the same generator draws the same batches (exact resume).
        std::mt19937_64 a(3), b(3);
        const ReplayBuffer::Batch x = buffer.sample(50, a);
        const ReplayBuffer::Batch y = restored->sample(50, b);
        QCOMPARE(y.states, x.states);
        QCOMPARE(y.nextStates, x.nextStates);
        QCOMPARE(y.actions, x.actions);
        QCOMPARE(y.rewards, x.rewards);
        QCOMPARE(y.terminals, x.terminals);
        // And both continue alike.
        buffer.add(markerObservation(100), TradeAction::Sell, 9, markerObservation(101), true);
        restored->add(markerObservation(100), TradeAction::Sell, 9, markerObservation(101), true);
        QCOMPARE(restored->serialize(), buffer.serialize());
    }
}

void TestTradingEnv::replayBufferRejectsCorruptBytes()
{
    ReplayBuffer buffer(10);
    for (int i = 0; i < 4; ++i)
        buffer.add(markerObservation(float(i)), TradeAction(i % 3), float(i), markerObservation(i + 0.5f), false);
    const QByteArray bytes = buffer.serialize();
    QVERIFY(ReplayBuffer::deserialize(bytes));

    QVector<QPair<const char *, QByteArray>> corrupt;
    corrupt.push_back({"empty", QByteArray()});
    corrupt.push_back({"truncated", bytes.left(bytes.size() - 1)});
    corrupt.push_back({"header only", bytes.left(20)});
    corrupt.push_back({"extra byte", bytes + '\0'});
    corrupt.push_back({"foreign", QByteArray("PK\x03\x04 this is a zip file, not a replay buffer at all", 54)});
    QByteArray badMagic = bytes;
    badMagic[0] = 'X';
    corrupt.push_back({"magic", badMagic});
    QByteArray badVersion = bytes;
    badVersion[4] = 9;
    corrupt.push_back({"version", badVersion});
    QByteArray badAction = bytes;
    badAction[badAction.size() - 1] = 7;   // the last transition's action
    corrupt.push_back({"action", badAction});
    QByteArray badSize = bytes;
    badSize[12] = 9;   // size 9 with 4 transitions' bytes
    corrupt.push_back({"size", badSize});
    for (const auto &entry : corrupt) {
        auto result = ReplayBuffer::deserialize(entry.second);
        QVERIFY2(!result, entry.first);
        QCOMPARE(result.error().kind, Error::Kind::Format);
    }
}

QTEST_GUILESS_MAIN(TestTradingEnv)
#include "test_trading_env.moc"
