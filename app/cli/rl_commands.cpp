// apedesk-cli rl: the DQN trader without a window. `train` and `resume` run the DQN training
// (DqnTrainer) straight on this thread; SIGINT / SIGTERM end it after the step in flight with a
// checkpoint, so `rl resume` continues exactly. `eval` compares the trained policy with buy-and-hold
// and a random policy on the held-out range, `export` writes the distillation dataset (labels = the
// policy's own greedy decisions) and prints its class balance.

#include "commandline.h"
#include "options.h"
#include "storepool.h"
#include "trainingoutput.h"
#include "walletoptions.h"

#include "common/unixsignals.h"
#include "dqntrainer.h"
#include "rlexport.h"

#include <QFileInfo>
#include <QJsonObject>

#include <cmath>

namespace apedesk::cli {
namespace {

using ml::DqnTrainer;
using ml::DqnTrainingConfig;
using ml::DqnTrainingResult;

QString endKey(DqnTrainingResult::End end)
{
    switch (end) {
    case DqnTrainingResult::End::Finished: return QStringLiteral("finished");
    case DqnTrainingResult::End::Stopped: return QStringLiteral("stopped");
    case DqnTrainingResult::End::Diverged: return QStringLiteral("diverged");
    case DqnTrainingResult::End::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString numberText(double value) { return std::isfinite(value) ? QString::number(value, 'g', 5) : Cli::tr("—"); }

QJsonObject stepJson(const ml::DqnStepMetrics &m)
{
    return {{QStringLiteral("event"), QStringLiteral("step")},
            {QStringLiteral("step"), m.step},
            {QStringLiteral("episodes"), m.episodes},
            {QStringLiteral("episode_reward"), finiteOrNull(m.episodeReward)},
            {QStringLiteral("mean_episode_reward"), finiteOrNull(m.meanEpisodeReward)},
            {QStringLiteral("loss"), finiteOrNull(m.loss)},
            {QStringLiteral("mean_q"), finiteOrNull(m.meanQ)},
            {QStringLiteral("epsilon"), finiteOrNull(m.epsilon)},
            {QStringLiteral("seconds"), std::round(m.secondsElapsed * 1000) / 1000}};
}

QString stepText(const ml::DqnStepMetrics &m)
{
    return Cli::tr("step %1  episodes %2  reward %3  mean reward %4  loss %5  mean Q %6  epsilon %7")
        .arg(m.step)
        .arg(m.episodes)
        .arg(numberText(m.episodeReward), numberText(m.meanEpisodeReward), numberText(m.loss), numberText(m.meanQ),
             QString::number(m.epsilon, 'f', 3));
}

// Trains until the end, a signal or divergence; prints the logged steps and one summary.
// `interrupted` is set by the caller's UnixSignalWatcher.
int runTraining(DqnTrainer &trainer, const bool &interrupted, const Output &out, bool progress)
{
    TrainingOutput output(out, progress);
    ml::DqnTrainingHooks hooks;
    hooks.metrics = [&output](const ml::DqnStepMetrics &m) { output.logged(stepJson(m), stepText(m)); };
    hooks.progress = [&output](const ml::DqnProgress &p) {
        output.progress(p.step, p.totalSteps, p.stepsPerSecond, p.etaSeconds, p.text);
    };
    hooks.stopRequested = [&interrupted] { return TrainingOutput::stopRequested(interrupted); };

    const DqnTrainingResult result = trainer.train(hooks);
    return output.finish({{QStringLiteral("end"), endKey(result.end)},
                          {QStringLiteral("run"), trainer.runDirectory()},
                          {QStringLiteral("step"), trainer.step()},   // the run's global step now
                          {QStringLiteral("steps"), result.steps},    // steps trained by this command
                          {QStringLiteral("episodes"), result.episodes},
                          {QStringLiteral("timesteps"), trainer.config().dqn.timesteps},
                          {QStringLiteral("interrupted"), interrupted}},
                         result.end == DqnTrainingResult::End::Diverged || result.end == DqnTrainingResult::End::Failed,
                         result.message);
}

// --data FILE.csv | --db FILE [--chain KEY --pool-id ID] into the config's data fields. With
// `required` false and neither given, the config keeps the data it has.
Status chooseData(const ParsedArgs &args, DqnTrainingConfig &config, bool required)
{
    const bool csv = args.has(QStringLiteral("--data")), store = args.has(QStringLiteral("--db"));
    if ((csv && store) || (required && !csv && !store))
        return usage(Cli::tr("name the data with exactly one of --data FILE.csv or --db FILE"));
    if (!store && (args.has(QStringLiteral("--chain")) || args.has(QStringLiteral("--pool-id"))))
        return usage(Cli::tr("--chain and --pool-id choose a pool in a swap database (--db); a CSV holds one pool"));
    if (csv) {
        const QString path = args.value(QStringLiteral("--data"));
        if (!QFileInfo(path).isFile())
            return Error::make(Error::Kind::Io, Cli::tr("there is no CSV file at %1").arg(path));
        config.dataKind = QStringLiteral("csv");
        config.dataSource = QFileInfo(path).absoluteFilePath();
        config.dataChain.clear();
        config.dataPoolId.clear();
    } else if (store) {
        Result<StorePool> pool = chooseStorePool(args);
        if (!pool)
            return pool.error();
        config.dataKind = QStringLiteral("store");
        config.dataSource = pool->path;
        config.dataChain = pool->chain;
        config.dataPoolId = pool->poolId;
    }
    return {};
}

Result<DqnTrainingConfig> trainingConfig(const ParsedArgs &args)
{
    DqnTrainingConfig config;
    if (!args.has(QStringLiteral("--timesteps")))
        return usage(Cli::tr("--timesteps N is required: how many environment steps to train"));
    auto timesteps = intOption(args, QStringLiteral("--timesteps"), 0, 1, 1000000000);
    if (!timesteps)
        return timesteps.error();
    config.dqn.timesteps = *timesteps;
    auto threads = intOption(args, QStringLiteral("--threads"), config.threads, 0, 1024);
    if (!threads)
        return threads.error();
    config.threads = int(*threads);
    auto logEvery = intOption(args, QStringLiteral("--log-every"), config.logEverySteps, 1, 1000000);
    if (!logEvery)
        return logEvery.error();
    config.logEverySteps = int(*logEvery);
    if (args.has(QStringLiteral("--seed"))) {
        auto seed = parseUint64(args.value(QStringLiteral("--seed")), QStringLiteral("--seed"));
        if (!seed)
            return seed.error();
        config.dqn.seed = *seed;
    }
    if (Status valid = config.dqn.validate(); !valid)
        return valid.error();
    if (Status data = chooseData(args, config, true); !data)
        return data.error();
    return config;
}

// --run DIR naming an existing run folder.
Result<QString> existingRun(const ParsedArgs &args, const QString &purpose)
{
    const QString run = args.value(QStringLiteral("--run"));
    if (run.isEmpty())
        return usage(Cli::tr("--run DIR is required: %1").arg(purpose));
    if (!QFileInfo(run).isDir())
        return Error::make(Error::Kind::Io, Cli::tr("there is no run folder at %1").arg(run));
    return run;
}

int trainCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--data"), QStringLiteral("--db"), QStringLiteral("--chain"),
                                   QStringLiteral("--pool-id"), QStringLiteral("--timesteps"), QStringLiteral("--seed"),
                                   QStringLiteral("--run"), QStringLiteral("--log-every"), QStringLiteral("--threads")},
                                  {QStringLiteral("--json"), QStringLiteral("--progress")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("rl train")); !ok)
        return fail(out, ok.error());
    if (args->value(QStringLiteral("--run")).isEmpty())
        return out.fail(UsageError, Cli::tr("--run DIR is required: a new folder for the run"));
    auto config = trainingConfig(*args);
    if (!config)
        return fail(out, config.error());

    // From here on SIGINT / SIGTERM end the training cleanly (a checkpoint, then the summary).
    UnixSignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&interrupted] { interrupted = true; });
    auto series = ml::loadTradingSeriesForRun(*config);
    if (!series)
        return fail(out, series.error());
    auto trainer = DqnTrainer::create(args->value(QStringLiteral("--run")), *series, *config);
    if (!trainer)
        return fail(out, trainer.error());
    return runTraining(**trainer, interrupted, out, args->has(QStringLiteral("--progress")));
}

int resumeCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs, {QStringLiteral("--run")}, {QStringLiteral("--json"), QStringLiteral("--progress")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("rl resume")); !ok)
        return fail(out, ok.error());
    auto run = existingRun(*args, Cli::tr("the folder of the run to continue"));
    if (!run)
        return fail(out, run.error());

    UnixSignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&interrupted] { interrupted = true; });
    auto config = DqnTrainer::readRunConfig(*run);
    if (!config)
        return fail(out, config.error());
    auto series = ml::loadTradingSeriesForRun(*config);
    if (!series)
        return fail(out, series.error());
    auto trainer = DqnTrainer::resume(*run, *series);
    if (!trainer)
        return fail(out, trainer.error());
    return runTraining(**trainer, interrupted, out, args->has(QStringLiteral("--progress")));
}

// The evaluation as a small table: one row per policy.
void printEvaluationTable(const Output &out, const ml::RlEvaluation &evaluation)
{
    const auto percent = [](double share) { return QString::asprintf("%+.2f %%", share * 100); };
    out.text(Cli::tr("%1 held-out decision steps: %2").arg(evaluation.steps).arg(evaluation.description));
    out.text(QStringLiteral("%1 %2 %3 %4 %5 %6")
                 .arg(Cli::tr("policy"), -14)
                 .arg(Cli::tr("total return"), 13)
                 .arg(Cli::tr("Sharpe"), 8)
                 .arg(Cli::tr("max drawdown"), 13)
                 .arg(Cli::tr("trades"), 7)
                 .arg(Cli::tr("fees (USDC)"), 12));
    const std::pair<QString, const ml::PolicyMetrics *> rows[] = {{Cli::tr("DQN policy"), &evaluation.policy},
                                                                  {Cli::tr("buy and hold"), &evaluation.buyAndHold},
                                                                  {Cli::tr("random"), &evaluation.random}};
    for (const auto &row : rows) {
        const ml::PolicyMetrics &m = *row.second;
        out.text(QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(row.first, -14)
                     .arg(percent(m.totalReturn), 13)
                     .arg(QString::number(m.sharpe, 'f', 3), 8)
                     .arg(QString::asprintf("%.2f %%", m.maxDrawdown * 100), 13)
                     .arg(m.trades, 7)
                     .arg(QString::number(m.fees, 'f', 2), 12));
    }
}

int evalCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--run"), QStringLiteral("--data"), QStringLiteral("--db"),
                                   QStringLiteral("--chain"), QStringLiteral("--pool-id")},
                                  {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("rl eval")); !ok)
        return fail(out, ok.error());
    auto run = existingRun(*args, Cli::tr("the trained run to evaluate"));
    if (!run)
        return fail(out, run.error());
    auto config = DqnTrainer::readRunConfig(*run);
    if (!config)
        return fail(out, config.error());
    // Other data than the run trained on, when named; its held-out range is the run's split.
    if (Status data = chooseData(*args, *config, false); !data)
        return fail(out, data.error());
    auto series = ml::loadTradingSeriesForRun(*config);
    if (!series)
        return fail(out, series.error());
    auto evaluation = ml::evaluateRun(*run, *series);
    if (!evaluation)
        return fail(out, evaluation.error());
    if (out.json()) {
        QJsonObject json = ml::rlEvaluationJson(*evaluation);
        json.insert(QStringLiteral("run"), *run);
        out.record(json);
    } else {
        printEvaluationTable(out, *evaluation);
    }
    return Ok;
}

int exportCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--run"), QStringLiteral("--out"), QStringLiteral("--episodes"),
                                   QStringLiteral("--steps"), QStringLiteral("--seed")},
                                  {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("rl export")); !ok)
        return fail(out, ok.error());
    if (args->value(QStringLiteral("--run")).isEmpty())
        return out.fail(UsageError, Cli::tr("--run DIR is required: the trained run whose decisions to export"));
    const QString outJsonl = args->value(QStringLiteral("--out"));
    if (outJsonl.isEmpty())
        return out.fail(UsageError, Cli::tr("--out FILE.jsonl is required: where the dataset goes"));
    ml::DistillExportOptions options;
    auto episodes = intOption(*args, QStringLiteral("--episodes"), options.episodes, 1, 1000000);
    if (!episodes)
        return fail(out, episodes.error());
    options.episodes = int(*episodes);
    auto steps = intOption(*args, QStringLiteral("--steps"), options.stepsPerEpisode, 1, 1000000);
    if (!steps)
        return fail(out, steps.error());
    options.stepsPerEpisode = int(*steps);
    if (args->has(QStringLiteral("--seed"))) {
        auto seed = parseUint64(args->value(QStringLiteral("--seed")), QStringLiteral("--seed"));
        if (!seed)
            return fail(out, seed.error());
        options.seed = *seed;
    }
    auto run = existingRun(*args, Cli::tr("the trained run whose decisions to export"));
    if (!run)
        return fail(out, run.error());

    auto config = DqnTrainer::readRunConfig(*run);
    if (!config)
        return fail(out, config.error());
    auto series = ml::loadTradingSeriesForRun(*config);
    if (!series)
        return fail(out, series.error());
    auto report = ml::exportDistillation(*run, *series, outJsonl, options);
    if (!report)
        return fail(out, report.error());
    if (out.json()) {
        out.record(report->toJson());
        return Ok;
    }
    // The class balance first: labels that are the policy's own choices are rarely balanced.
    out.text(Cli::tr("%n examples from %1 episodes; labels are the policy's greedy actions:", nullptr, report->examples)
                 .arg(report->episodes));
    for (int a = 0; a < ml::kRlActionCount; ++a) {
        const double share = report->examples > 0 ? 100.0 * report->counts[a] / report->examples : 0.0;
        out.text(QStringLiteral("  %1 %2 %3")
                     .arg(ml::tradeActionName(static_cast<ml::TradeAction>(a)), -5)
                     .arg(report->counts[a], 7)
                     .arg(QString::asprintf("%5.1f %%", share)));
    }
    out.text(Cli::tr("written: %1, %2, %3, %4").arg(report->jsonlPath, report->chatPath, report->statesPath, report->reportPath));
    return Ok;
}

} // namespace

int rlCommand(const QStringList &args, const Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("train"))
        return trainCommand(args.mid(1), out);
    if (sub == QLatin1String("resume"))
        return resumeCommand(args.mid(1), out);
    if (sub == QLatin1String("eval"))
        return evalCommand(args.mid(1), out);
    if (sub == QLatin1String("export"))
        return exportCommand(args.mid(1), out);
    if (sub.isEmpty())
        return out.fail(UsageError, Cli::tr("rl: name a subcommand: train, resume, eval or export"));
    return out.fail(UsageError, Cli::tr("rl: unknown subcommand %1 (train, resume, eval, export)").arg(sub));
}

} // namespace apedesk::cli
