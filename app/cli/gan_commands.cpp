// apedesk-cli gan: the GAN lab without a window. `train` and `resume` run the WGAN-GP training
// (GanTrainer) straight on this thread; SIGINT / SIGTERM end it after the step in flight with a
// checkpoint, so `gan resume` continues exactly. `generate` writes synthetic sequences from a run,
// `validate` grades synthetic sequences against real ones (KS per feature, autocorrelation, overall).

#include "commandline.h"
#include "options.h"
#include "storepool.h"
#include "trainingoutput.h"
#include "walletoptions.h"

#include "common/unixsignals.h"
#include "trainingservice.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonObject>

#include <cmath>
#include <utility>

namespace apedesk::cli {
namespace {

using ml::GanTrainer;
using ml::GanTrainingConfig;
using ml::GanTrainingResult;

QString endKey(GanTrainingResult::End end)
{
    switch (end) {
    case GanTrainingResult::End::Finished: return QStringLiteral("finished");
    case GanTrainingResult::End::EarlyStopped: return QStringLiteral("early_stopped");
    case GanTrainingResult::End::Stopped: return QStringLiteral("stopped");
    case GanTrainingResult::End::Diverged: return QStringLiteral("diverged");
    case GanTrainingResult::End::Failed: return QStringLiteral("failed");
    }
    return {};
}

QJsonObject stepJson(const ml::GanStepMetrics &m)
{
    QJsonObject o{{QStringLiteral("event"), QStringLiteral("step")},
                  {QStringLiteral("step"), m.step},
                  {QStringLiteral("epoch"), m.epoch},
                  {QStringLiteral("critic_loss"), finiteOrNull(m.criticLoss)},
                  {QStringLiteral("generator_loss"), finiteOrNull(m.generatorLoss)},
                  {QStringLiteral("gradient_penalty"), finiteOrNull(m.gradientPenalty)},
                  {QStringLiteral("wasserstein"), finiteOrNull(m.wasserstein)},
                  {QStringLiteral("lr_g"), finiteOrNull(m.learningRateG)},
                  {QStringLiteral("lr_d"), finiteOrNull(m.learningRateD)},
                  {QStringLiteral("seconds"), std::round(m.secondsElapsed * 1000) / 1000}};
    if (m.validationGeneratorLoss)
        o.insert(QStringLiteral("validation_generator_loss"), finiteOrNull(*m.validationGeneratorLoss));
    if (m.validationCriticLoss)
        o.insert(QStringLiteral("validation_critic_loss"), finiteOrNull(*m.validationCriticLoss));
    return o;
}

QString stepText(const ml::GanStepMetrics &m)
{
    // Epochs count from 1 for people (the JSON and the metrics files keep the trainer's 0-based index).
    QString line = Cli::tr("step %1  epoch %2  critic %3  generator %4  gp %5  wasserstein %6")
                       .arg(m.step)
                       .arg(m.epoch + 1)
                       .arg(QString::number(m.criticLoss, 'g', 5), QString::number(m.generatorLoss, 'g', 5),
                            QString::number(m.gradientPenalty, 'g', 5), QString::number(m.wasserstein, 'g', 5));
    if (m.validationGeneratorLoss)
        line += Cli::tr("  validation generator %1").arg(QString::number(*m.validationGeneratorLoss, 'g', 5));
    if (m.validationCriticLoss)
        line += Cli::tr("  validation critic %1").arg(QString::number(*m.validationCriticLoss, 'g', 5));
    return line;
}

// Trains until the end, a signal or divergence; prints the logged steps and one summary.
// `interrupted` is set by the caller's UnixSignalWatcher.
int runTraining(GanTrainer &trainer, const bool &interrupted, const Output &out, bool progress)
{
    TrainingOutput output(out, progress);
    ml::GanTrainingHooks hooks;
    hooks.metrics = [&output](const ml::GanStepMetrics &m) { output.logged(stepJson(m), stepText(m)); };
    hooks.progress = [&output](const ml::GanProgress &p) {
        output.progress(p.step, p.totalSteps, p.stepsPerSecond, p.etaSeconds, p.text,
                        {{QStringLiteral("epoch"), p.epoch}, {QStringLiteral("epochs"), p.epochs}});
    };
    hooks.stopRequested = [&interrupted] { return TrainingOutput::stopRequested(interrupted); };

    const GanTrainingResult result = trainer.train(hooks);
    return output.finish({{QStringLiteral("end"), endKey(result.end)},
                          {QStringLiteral("run"), trainer.runDirectory()},
                          {QStringLiteral("preset"), trainer.config().preset},
                          {QStringLiteral("step"), trainer.step()},   // the run's global step now
                          {QStringLiteral("steps"), result.steps},    // steps trained by this command
                          {QStringLiteral("epochs_done"), result.epochs},
                          {QStringLiteral("epochs"), trainer.config().model.epochs},
                          {QStringLiteral("best_validation_generator_loss"), finiteOrNull(result.bestValidationGeneratorLoss)},
                          {QStringLiteral("interrupted"), interrupted}},
                         result.end == GanTrainingResult::End::Diverged || result.end == GanTrainingResult::End::Failed,
                         result.message);
}

// --db FILE [--chain KEY --pool-id ID]: the pool these name, or the only one stored.
Status chooseStorePool(const ParsedArgs &args, GanTrainingConfig &config)
{
    Result<StorePool> pool = cli::chooseStorePool(args);
    if (!pool)
        return pool.error();
    config.dataKind = QStringLiteral("store");
    config.dataSource = pool->path;
    config.dataChain = pool->chain;
    config.dataPoolId = pool->poolId;
    return {};
}

Result<GanTrainingConfig> trainingConfig(const ParsedArgs &args)
{
    GanTrainingConfig config;
    const QString preset = args.value(QStringLiteral("--preset"));
    if (preset == QLatin1String("quick")) {
        config.model = ml::GanConfig::quick();
        // The tutorial's quick mode trains on 1,000 rows; here the newest 1,000, in time order.
        config.dataLastRows = ml::GanDatasetOptions::quick().lastRows;
    } else if (preset == QLatin1String("full")) {
        config.model = ml::GanConfig::full();
        config.dataLastRows = 0;
    } else {
        return usage(args.has(QStringLiteral("--preset")) ? Cli::tr("--preset is quick or full (got \"%1\")").arg(preset)
                                                          : Cli::tr("--preset quick|full is required"));
    }
    config.preset = preset;

    const bool csv = args.has(QStringLiteral("--data")), store = args.has(QStringLiteral("--db"));
    if (csv == store)
        return usage(Cli::tr("name the training data with exactly one of --data FILE.csv or --db FILE"));
    if (csv && (args.has(QStringLiteral("--chain")) || args.has(QStringLiteral("--pool-id"))))
        return usage(Cli::tr("--chain and --pool-id choose a pool in a swap database (--db); a CSV holds one pool"));
    if (csv) {
        const QString path = args.value(QStringLiteral("--data"));
        if (!QFileInfo(path).isFile())
            return Error::make(Error::Kind::Io, Cli::tr("there is no swap CSV at %1").arg(path));
        config.dataKind = QStringLiteral("csv");
        config.dataSource = QFileInfo(path).absoluteFilePath();
    } else if (Status chosen = chooseStorePool(args, config); !chosen) {
        return chosen.error();
    }

    auto epochs = intOption(args, QStringLiteral("--epochs"), config.model.epochs, 1, 100000);
    if (!epochs)
        return epochs.error();
    config.model.epochs = *epochs;
    auto lastRows = intOption(args, QStringLiteral("--last-rows"), config.dataLastRows, 0, 100000000);
    if (!lastRows)
        return lastRows.error();
    config.dataLastRows = *lastRows;
    auto threads = intOption(args, QStringLiteral("--threads"), 0, 0, 1024);
    if (!threads)
        return threads.error();
    config.threads = *threads;
    auto logEvery = intOption(args, QStringLiteral("--log-every"), config.logEverySteps, 1, 1000000);
    if (!logEvery)
        return logEvery.error();
    config.logEverySteps = *logEvery;
    if (args.has(QStringLiteral("--seed"))) {
        auto seed = parseUint64(args.value(QStringLiteral("--seed")), QStringLiteral("--seed"));
        if (!seed)
            return seed.error();
        config.model.seed = *seed;
    }
    return config;
}

int trainCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--data"), QStringLiteral("--db"), QStringLiteral("--chain"),
                                   QStringLiteral("--pool-id"), QStringLiteral("--preset"), QStringLiteral("--epochs"),
                                   QStringLiteral("--seed"), QStringLiteral("--run"), QStringLiteral("--last-rows"),
                                   QStringLiteral("--log-every"), QStringLiteral("--threads")},
                                  {QStringLiteral("--json"), QStringLiteral("--progress")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("gan train")); !ok)
        return fail(out, ok.error());
    if (!args->has(QStringLiteral("--run")) || args->value(QStringLiteral("--run")).isEmpty())
        return out.fail(UsageError, Cli::tr("--run DIR is required: a new folder for the run"));
    auto config = trainingConfig(*args);
    if (!config)
        return fail(out, config.error());

    // From here on SIGINT / SIGTERM end the training cleanly (a checkpoint, then the summary).
    UnixSignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&interrupted] { interrupted = true; });
    auto dataset = ml::loadGanDatasetForRun(*config);
    if (!dataset)
        return fail(out, dataset.error());
    auto trainer = GanTrainer::create(args->value(QStringLiteral("--run")), std::move(*dataset), *config);
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
    if (Status ok = noPositional(*args, QStringLiteral("gan resume")); !ok)
        return fail(out, ok.error());
    const QString run = args->value(QStringLiteral("--run"));
    if (run.isEmpty())
        return out.fail(UsageError, Cli::tr("--run DIR is required: the folder of the run to continue"));
    if (!QFileInfo(run).isDir())
        return out.fail(Failure, Cli::tr("there is no run folder at %1").arg(run));

    UnixSignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&interrupted] { interrupted = true; });
    auto config = GanTrainer::readRunConfig(run);
    if (!config)
        return fail(out, config.error());
    auto dataset = ml::loadGanDatasetForRun(*config);
    if (!dataset)
        return fail(out, dataset.error());
    auto trainer = GanTrainer::resume(run, std::move(*dataset));
    if (!trainer)
        return fail(out, trainer.error());
    return runTraining(**trainer, interrupted, out, args->has(QStringLiteral("--progress")));
}

int generateCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--run"), QStringLiteral("--sequences"), QStringLiteral("--out"),
                                   QStringLiteral("--seed")},
                                  {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("gan generate")); !ok)
        return fail(out, ok.error());
    const QString run = args->value(QStringLiteral("--run"));
    const QString outCsv = args->value(QStringLiteral("--out"));
    if (run.isEmpty())
        return out.fail(UsageError, Cli::tr("--run DIR is required: the trained run to generate from"));
    if (outCsv.isEmpty())
        return out.fail(UsageError, Cli::tr("--out FILE.csv is required: where the synthetic sequences go"));
    if (!args->has(QStringLiteral("--sequences")))
        return out.fail(UsageError, Cli::tr("--sequences N is required: how many 24-step sequences to generate"));
    auto count = intOption(*args, QStringLiteral("--sequences"), 0, 1, 1000000);
    if (!count)
        return fail(out, count.error());
    quint64 seed = 7;
    if (args->has(QStringLiteral("--seed"))) {
        auto parsed = parseUint64(args->value(QStringLiteral("--seed")), QStringLiteral("--seed"));
        if (!parsed)
            return fail(out, parsed.error());
        seed = *parsed;
    }
    if (!QFileInfo(run).isDir())
        return out.fail(Failure, Cli::tr("there is no run folder at %1").arg(run));

    auto config = GanTrainer::readRunConfig(run);
    if (!config)
        return fail(out, config.error());
    auto dataset = ml::loadGanDatasetForRun(*config);
    if (!dataset)
        return fail(out, dataset.error());
    auto generated = ml::generateSequences(run, *dataset, *count, seed);
    if (!generated)
        return fail(out, generated.error());
    if (Status written = ml::writeSyntheticCsv(outCsv, *generated, QDateTime::currentSecsSinceEpoch()); !written)
        return fail(out, written.error());
    out.record({{QStringLiteral("out"), outCsv},
                {QStringLiteral("sequences"), generated->count},
                {QStringLiteral("steps"), ml::kGanSequenceLength},
                {QStringLiteral("clamped_values"), generated->clampedValues},
                {QStringLiteral("seed"), QString::number(seed)},
                {QStringLiteral("run"), run}});
    return Ok;
}

int validateCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs, {QStringLiteral("--real"), QStringLiteral("--synthetic"), QStringLiteral("--report")},
                                  {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("gan validate")); !ok)
        return fail(out, ok.error());
    const QString real = args->value(QStringLiteral("--real"));
    const QString synthetic = args->value(QStringLiteral("--synthetic"));
    if (real.isEmpty() || synthetic.isEmpty())
        return out.fail(UsageError, Cli::tr("--real FILE.csv and --synthetic FILE.csv are both required"));
    if (args->has(QStringLiteral("--report")) && args->value(QStringLiteral("--report")).isEmpty())
        return out.fail(UsageError, Cli::tr("--report needs a file name"));

    auto report = ml::validateGanFiles(real, synthetic);
    if (!report)
        return fail(out, report.error());
    if (args->has(QStringLiteral("--report"))) {
        if (Status written = ml::writeValidationReport(args->value(QStringLiteral("--report")), *report); !written)
            return fail(out, written.error());
    }
    if (out.json())
        out.record(ml::validationReportJson(*report));
    else
        out.text(ml::validationReportText(*report));
    return Ok;
}

} // namespace

int ganCommand(const QStringList &args, const Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("train"))
        return trainCommand(args.mid(1), out);
    if (sub == QLatin1String("resume"))
        return resumeCommand(args.mid(1), out);
    if (sub == QLatin1String("generate"))
        return generateCommand(args.mid(1), out);
    if (sub == QLatin1String("validate"))
        return validateCommand(args.mid(1), out);
    if (sub.isEmpty())
        return out.fail(UsageError, Cli::tr("gan: name a subcommand: train, resume, generate or validate"));
    return out.fail(UsageError, Cli::tr("gan: unknown subcommand %1 (train, resume, generate, validate)").arg(sub));
}

} // namespace apedesk::cli
