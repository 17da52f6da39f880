// The acceptance run for the DQN trader: on a synthetic series with a learnable pattern (a noisy sine)
// the trained greedy policy beats buy-and-hold and a random policy on the held-out range by a clear
// margin, stated below. Trained with the DQN settings (SB3 defaults) on one libtorch thread.
//
// The series: one sequence of 8,000 steps, price 2000 × (1 + 5 % · sin(2π t / 40)) × (1 + ε), ε ~ N(0,
// 0.3 %) independent per step; volume 1000 + noise; volatility = |step return|. The last 25 % (2,000
// steps, 50 periods) are held out. A trader that buys near the troughs and sells near the peaks gains
// several percent per period after the 0.3 % fees; buy-and-hold ends near zero (the sine returns to its
// level) and random trading pays fees on every other step.

#include "dqntrainer.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

// Total return, as a fraction, by which the policy must beat each baseline: 100 percentage points. A
// trader that learned the cycle compounds several percent per period (measured with the issue's
// settings, seeds 1, 7, 42 and 123: +8,300 % to +10,500 %, against −5 % for buy-and-hold and −80 % to
// −88 % for random), so this is far from the edge; a policy that never trades (0 %) fails it.
// APEDESK_DQN_SEED=S runs the same check with another seed.
constexpr double kMargin = 1.0;

TradingSeries noisySine(int length, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 0.003);
    std::uniform_real_distribution<double> volumeNoise(0.0, 400.0);
    TradingSeries series;
    series.description = QStringLiteral("noisy sine (period 40, amplitude 5 %, noise 0.3 %), %1 steps").arg(length);
    series.sequenceStarts.append(0);
    double previous = 0;
    for (int t = 0; t < length; ++t) {
        MarketStep step;
        step.price = 2000 * (1 + 0.05 * std::sin(2 * M_PI * t / 40.0)) * (1 + noise(rng));
        step.volume = 1000 + volumeNoise(rng);
        step.volatility = t == 0 ? 0.0 : std::abs(step.price - previous) / previous;
        step.timestamp = 1700000000 + t;
        previous = step.price;
        series.steps.append(step);
    }
    return series;
}

QString describe(const PolicyMetrics &m)
{
    return QStringLiteral("%1: total return %2 %, Sharpe %3, max drawdown %4 %, %5 trades, fees %6 USDC")
        .arg(m.name, -13)
        .arg(m.totalReturn * 100, 0, 'f', 2)
        .arg(m.sharpe, 0, 'f', 2)
        .arg(m.maxDrawdown * 100, 0, 'f', 2)
        .arg(m.trades)
        .arg(m.fees, 0, 'f', 2);
}

bool beatsBaselines(const PolicyMetrics &policy, const RlEvaluation &e)
{
    return policy.totalReturn >= e.buyAndHold.totalReturn + kMargin && policy.totalReturn >= e.random.totalReturn + kMargin;
}

} // namespace

class TestDqnLearning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void learnsTheSine()
    {
        const TradingSeries series = noisySine(8000, 2024);
        DqnTrainingConfig config;   // the DQN: MLP (64, 64), buffer 10,000, learning starts 1,000,
                                    // batch 64, γ 0.99, target every 500, train every 4, ε 1.0 → 0.1 over 20 %, lr 1e-4
        config.dqn.timesteps = 100000;
        config.dqn.seed = qEnvironmentVariableIsSet("APEDESK_DQN_SEED") ? qEnvironmentVariable("APEDESK_DQN_SEED").toULongLong() : 42;
        config.trainFraction = 0.75;
        config.logEverySteps = 5000;
        config.checkpointEverySteps = 50000;
        config.threads = 1;   // deterministic, and fastest for a 64-unit MLP on a shared machine
        config.dataSource = QStringLiteral("test://noisy-sine");

        QTemporaryDir dir;
        const QString runDir = dir.filePath(QStringLiteral("run"));
        auto trainer = DqnTrainer::create(runDir, series, config);
        QVERIFY2(trainer, trainer ? "" : qPrintable(trainer.error().toString()));
        QElapsedTimer timer;
        timer.start();
        DqnTrainingHooks hooks;
        hooks.metrics = [](const DqnStepMetrics &m) {
            qInfo().noquote() << QStringLiteral("step %1: episodes %2, mean episode reward %3, loss %4, mean Q %5, ε %6")
                                     .arg(m.step).arg(m.episodes).arg(m.meanEpisodeReward, 0, 'f', 2).arg(m.loss, 0, 'g', 4)
                                     .arg(m.meanQ, 0, 'f', 2).arg(m.epsilon, 0, 'f', 2);
        };
        const DqnTrainingResult r = (*trainer)->train(hooks);
        const double seconds = timer.elapsed() / 1000.0;
        qInfo().noquote() << QStringLiteral("trained %1 steps in %2 s (%3 steps/s), seed %4: %5")
                                 .arg(r.steps).arg(seconds, 0, 'f', 1).arg(r.steps / seconds, 0, 'f', 0).arg(config.dqn.seed).arg(r.message);
        QCOMPARE(r.end, DqnTrainingResult::End::Finished);
        trainer->reset();

        auto evaluation = evaluateRun(runDir, series);
        QVERIFY2(evaluation, evaluation ? "" : qPrintable(evaluation.error().toString()));
        QCOMPARE(evaluation->steps, 2000 - kRlWindow - 1);
        for (const PolicyMetrics *m : {&evaluation->policy, &evaluation->buyAndHold, &evaluation->random})
            qInfo().noquote() << describe(*m);

        // The margin means something: a policy that never trades (return 0) does not clear it.
        auto split = splitSeries(series, config.trainFraction);
        QVERIFY(split);
        const PolicyMetrics hold = evaluatePolicy(split->heldOut, config.env, [](const RlObservation &) { return TradeAction::Hold; },
                                                  QStringLiteral("always_hold"));
        qInfo().noquote() << describe(hold);
        QVERIFY2(!beatsBaselines(hold, *evaluation), "the margin is too easy: a policy that never trades clears it");

        QVERIFY2(evaluation->policy.totalReturn >= evaluation->buyAndHold.totalReturn + kMargin,
                 qPrintable(QStringLiteral("policy %1 % vs buy-and-hold %2 %: needs %3 points more")
                                .arg(evaluation->policy.totalReturn * 100).arg(evaluation->buyAndHold.totalReturn * 100).arg(kMargin * 100)));
        QVERIFY2(evaluation->policy.totalReturn >= evaluation->random.totalReturn + kMargin,
                 qPrintable(QStringLiteral("policy %1 % vs random %2 %: needs %3 points more")
                                .arg(evaluation->policy.totalReturn * 100).arg(evaluation->random.totalReturn * 100).arg(kMargin * 100)));
        QVERIFY(evaluation->policy.trades > 0);
    }
};

QTEST_GUILESS_MAIN(TestDqnLearning)
#include "test_dqn_learning.moc"
