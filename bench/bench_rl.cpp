// bench_rl: speed of the DQN trader (core/ml) on the real swaps
// ($APEDESK_SHARED_DIR/data/base_eth_usdc_swaps.csv, 7,976 steps in one sequence).
//
// It measures, each for about --seconds:
//   - environment steps per second: TradingEnv with the default settings (random starts, 200-step
//     episodes), uniformly random actions, a reset at every episode end; each step builds the
//     31-value observation and does the accounting. Once alone, once with the transition added to a
//     10,000-transition ReplayBuffer (what the trainer adds per step before any learning);
//   - DQN training steps per second with DqnTrainer (run folders in a QTemporaryDir, SB3 defaults),
//     in two phases reported separately:
//       learning starts: what the first 1,000 steps of a run do (environment, random actions, replay
//       buffer, episode and metrics rows; no network work), measured for --seconds on a run whose
//       learning never starts, so the figure is not a 1,000-step blip;
//       learning: the default run after its 1,000 learning-starts steps: ε-greedy actions (each greedy
//       one a Q-network forward pass), a gradient step on a batch of 64 every 4 environment steps and
//       the target copy every 500. The ε schedule is shortened so that this phase runs at the final
//       ε 0.1 (90 % greedy), as 80 % of a default 100,000-step run does.
//     Periodic checkpoints are off (a real run writes one every 5,000 steps).
// libtorch uses the trainer's default thread count (one: the network is small, 31 → 64 → 64 → 3,
// and one thread is as fast as many) or --threads. On a machine shared with other work, OpenMP's
// spinning threads can make the network phase much slower at 2+ threads; try
// `OMP_WAIT_POLICY=PASSIVE bench_rl --threads 2` there (the settings in effect are printed).
//
// Usage: bench_rl [--seconds S=5] [--threads N]

#include "dqntrainer.h"
#include "torchruntime.h"
#include "tradingenv.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>
#include <random>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

QString sharedDir()
{
    const QString env = qEnvironmentVariable("APEDESK_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(APEDESK_DEFAULT_SHARED) : env;
}

double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

struct Measurement
{
    QString phase;
    qint64 steps = 0;
    qint64 gradientSteps = 0;
    double seconds = 0;
    double cpuSeconds = 0;
};

void printRow(const Measurement &m)
{
    const double perSecond = m.seconds > 0 ? m.steps / m.seconds : 0;
    const QString gradient = m.gradientSteps > 0 ? QString::number(m.gradientSteps / m.seconds, 'f', 1) : QStringLiteral("-");
    std::printf("%-40s %10lld %8.2f %12.0f %12s %14.2f\n", qPrintable(m.phase), static_cast<long long>(m.steps), m.seconds,
                perSecond, qPrintable(gradient), m.steps > 0 ? 1e6 * m.cpuSeconds / m.steps : 0.0);
}

// Random actions on the environment for `seconds`, optionally storing each transition.
Measurement measureEnvironment(const TradingSeries &series, double seconds, bool withBuffer)
{
    TradingEnv env(&series, TradingEnvConfig(), 42);
    ReplayBuffer buffer(DqnConfig().bufferSize);
    std::mt19937_64 rng(7);
    Measurement m;
    m.phase = withBuffer ? QStringLiteral("environment + replay buffer") : QStringLiteral("environment");
    RlObservation observation = env.reset();
    const double cpuStart = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    double checksum = 0;   // keeps the work observable
    for (;;) {
        for (int i = 0; i < 4096; ++i) {
            const TradeAction action = TradeAction(int(rng() % kRlActionCount));
            const EnvStep step = env.step(action);
            if (withBuffer)
                buffer.add(observation, action, float(step.reward), step.observation, step.terminated);
            checksum += step.reward;
            observation = step.terminated || step.truncated ? env.reset() : step.observation;
        }
        m.steps += 4096;
        if (timer.nsecsElapsed() >= qint64(seconds * 1e9))
            break;
    }
    m.seconds = timer.nsecsElapsed() / 1e9;
    m.cpuSeconds = cpuSeconds() - cpuStart;
    if (!std::isfinite(checksum))
        std::printf("warning: a reward was not finite\n");
    return m;
}

int usage()
{
    std::fprintf(stderr, "usage: bench_rl [--seconds S] [--threads N]\n");
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.debug=false\napedesk.*.info=false"));
    const QStringList args = app.arguments().mid(1);
    double seconds = 5;
    int threads = DqnTrainingConfig().threads > 0 ? DqnTrainingConfig().threads : QThread::idealThreadCount();
    for (int i = 0; i < args.size(); i += 2) {
        const QString &a = args.at(i);
        const QString value = args.value(i + 1);
        bool ok = i + 1 < args.size();
        if (a == QLatin1String("--seconds"))
            seconds = value.toDouble(&ok);
        else if (a == QLatin1String("--threads"))
            threads = value.toInt(&ok);
        else
            return usage();
        if (!ok || !(seconds > 0) || threads < 1)
            return usage();
    }

    const QString csv = sharedDir() + QStringLiteral("/data/base_eth_usdc_swaps.csv");
    Result<TradingSeries> series = loadTradingSeriesFromCsv(csv);
    if (!series) {
        std::fprintf(stderr, "bench_rl: %s\n", qPrintable(series.error().toString()));
        return 1;
    }

    setThreads(threads);
    const RuntimeInfo info = runtimeInfo();
    std::printf("bench_rl: DQN trader speed on %s (%d decision steps)\n", qPrintable(series->description),
                series->decisionStepCount());
    std::printf("libtorch %s, %d threads, BLAS %s%s; about %.0f s per measurement\n", qPrintable(info.torchVersion),
                info.threads, qPrintable(info.blasLibrary), info.blasIsOptimized ? "" : " (reference BLAS: slow)", seconds);
    QStringList environment;
    for (const char *name : {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_NUM_THREADS"})
        if (qEnvironmentVariableIsSet(name))
            environment.append(QString::fromLatin1(name) + QLatin1Char('=') + qEnvironmentVariable(name));
    std::printf("environment: %s\n\n", environment.isEmpty() ? "no OpenMP / OpenBLAS settings" : qPrintable(environment.join(QLatin1Char(' '))));
    std::printf("%-40s %10s %8s %12s %12s %14s\n", "phase", "env steps", "seconds", "env steps/s", "grad steps/s",
                "CPU µs/step");

    printRow(measureEnvironment(*series, seconds, false));
    printRow(measureEnvironment(*series, seconds, true));

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_rl: cannot create a temporary folder\n");
        return 1;
    }
    DqnTrainingConfig config;
    config.threads = threads;
    config.checkpointEverySteps = 1000000000;
    config.dqn.timesteps = 1000000000;
    // ε reaches its final 0.1 when learning starts (see the header comment).
    config.dqn.explorationFraction = double(config.dqn.learningStarts) / double(config.dqn.timesteps);

    // Trains `chunk` steps at a time for about `seconds` (or `maxSteps`); 0 steps on failure.
    const auto measure = [&](DqnTrainer &trainer, const QString &phase, qint64 chunk, qint64 maxSteps) {
        Measurement m;
        m.phase = phase;
        const qint64 begin = trainer.step();
        const double cpuStart = cpuSeconds();
        QElapsedTimer timer;
        timer.start();
        while (timer.nsecsElapsed() < qint64(seconds * 1e9) && m.steps < maxSteps) {
            const DqnTrainingResult result = trainer.trainSteps(std::min(chunk, maxSteps - m.steps));
            m.steps += result.steps;
            if (result.end != DqnTrainingResult::End::Finished) {
                std::fprintf(stderr, "bench_rl: %s\n", qPrintable(result.message));
                m.steps = 0;
                return m;
            }
        }
        m.seconds = timer.nsecsElapsed() / 1e9;
        m.cpuSeconds = cpuSeconds() - cpuStart;
        // Every step after learningStarts whose number is a multiple of trainFrequency trains once.
        const DqnConfig &dqn = trainer.config().dqn;
        const auto trained = [&dqn](qint64 step) {
            return step <= dqn.learningStarts ? 0 : step / dqn.trainFrequency - dqn.learningStarts / dqn.trainFrequency;
        };
        m.gradientSteps = (trained(trainer.step()) - trained(begin)) * dqn.gradientSteps;
        return m;
    };

    // The learning-starts phase, measured over many steps: a run whose learning never starts.
    DqnTrainingConfig startsConfig = config;
    startsConfig.dqn.learningStarts = int(std::min<qint64>(config.dqn.timesteps - 1, std::numeric_limits<int>::max()));
    Result<std::unique_ptr<DqnTrainer>> startsTrainer =
        DqnTrainer::create(dir.filePath(QStringLiteral("learning-starts")), *series, startsConfig);
    if (!startsTrainer) {
        std::fprintf(stderr, "bench_rl: %s\n", qPrintable(startsTrainer.error().toString()));
        return 1;
    }
    const Measurement starts = measure(**startsTrainer, QStringLiteral("DQN, learning starts (no network)"), 20000,
                                       std::numeric_limits<qint64>::max());
    if (starts.steps == 0)
        return 1;
    printRow(starts);

    // The learning phase: the default run, past its 1,000 learning-starts steps.
    Result<std::unique_ptr<DqnTrainer>> trainer = DqnTrainer::create(dir.filePath(QStringLiteral("learning")), *series, config);
    if (!trainer) {
        std::fprintf(stderr, "bench_rl: %s\n", qPrintable(trainer.error().toString()));
        return 1;
    }
    if ((*trainer)->trainSteps(config.dqn.learningStarts).steps != config.dqn.learningStarts) {
        std::fprintf(stderr, "bench_rl: the learning-starts phase did not complete\n");
        return 1;
    }
    const Measurement learning = measure(**trainer, QStringLiteral("DQN, learning (ε 0.1, a gradient step / 4)"), 500,
                                         std::numeric_limits<qint64>::max());
    if (learning.steps == 0)
        return 1;
    printRow(learning);

    std::printf("\nenv steps/s: environment steps per wall-clock second; grad steps/s: gradient steps (batch %d) per second;\n"
                "CPU µs/step: process CPU time (all threads) per environment step.\n",
                config.dqn.batchSize);
    // 1,000 steps at the first rate, 99,000 at the second (an upper bound: early steps explore more).
    const double estimate = 1000.0 * starts.seconds / starts.steps + 99000.0 * learning.seconds / learning.steps;
    std::printf("A default 100,000-step run: at most about %.0f s of training on this machine and thread count.\n", estimate);
    return 0;
}
