// apedesk-cli fed: federated rounds without a window. `simulate` runs the in-process federation (the
// venues train on worker threads of this process, FRY-alpha weights, robust aggregation) and prints one
// line per round as it ends — with --json the round's JSON (round, weights, global_rmse, venue_rmse,
// rejected and the rest) — then a summary. With --db FILE the rounds and the global model versions are
// stored there (the app's dashboard reads the same tables); without it nothing is written. SIGINT /
// SIGTERM stop the run after the venues' current batch. `runs` lists the runs stored in a database.

#include "commandline.h"
#include "options.h"
#include "walletoptions.h"

#include "common/settings.h"
#include "common/unixsignals.h"
#include "federated/coordinator.h"
#include "federated/demovenues.h"
#include "federated/modelregistry.h"
#include "federated/roundstore.h"
#include "hedgeratiobackend.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QThread>

#include <atomic>
#include <cmath>

namespace apedesk::cli {
namespace {

using namespace apedesk::federated;

QJsonValue finiteOr(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

// "binance 0.41, okx 0.33" for the text lines.
QString venueNumbers(const QMap<QString, double> &values, int precision)
{
    QStringList parts;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value(), 0, 'f', precision);
    return parts.isEmpty() ? Cli::tr("none") : parts.join(QStringLiteral(", "));
}

QString roundText(const FederatedRoundRecord &round)
{
    if (round.state != FederatedRoundRecord::State::Completed)
        return Cli::tr("round %1: %2 — %3").arg(round.round + 1).arg(roundStateKey(round.state), round.reason);
    QStringList rejected;
    const QMap<QString, QString> reasons = round.rejected();
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
        rejected << QStringLiteral("%1 (%2)").arg(it.key(), it.value());
    return Cli::tr("round %1: global RMSE %2 · weights %3 · venue RMSE %4 · rejected: %5 · %6 s")
        .arg(round.round + 1)
        .arg(round.globalRmse, 0, 'f', 4)
        .arg(venueNumbers(round.weights(), 3), venueNumbers(round.venueRmse(), 4),
             rejected.isEmpty() ? Cli::tr("none") : rejected.join(QStringLiteral("; ")))
        .arg(round.durationSeconds, 0, 'f', 1);
}

// A round as one JSON line (event "round") or one text line.
void printRound(const Output &out, const FederatedRoundRecord &round)
{
    if (out.json()) {
        QJsonObject line = round.toJson();
        line.insert(QStringLiteral("event"), QStringLiteral("round"));
        out.record(line);
    } else {
        out.text(roundText(round));
    }
}

// The real-swap venues read the tutorial's CSV: --csv, else the dashboard's setting.
QString swapCsv(const ParsedArgs &args)
{
    if (args.has(QStringLiteral("--csv")))
        return QFileInfo(args.value(QStringLiteral("--csv"))).absoluteFilePath();
    Settings settings;
    return settings.value(Settings::Key::FederatedSwapCsv).toString();
}

Result<FederatedRunConfig> simulateConfig(const ParsedArgs &args)
{
    if (!args.has(QStringLiteral("--venues")))
        return usage(Cli::tr("fed simulate needs --venues, e.g. --venues binance,okx,bybit (or sim-1, sim-2, …)"));
    const QStringList names = args.value(QStringLiteral("--venues")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    Result<QList<VenueSpec>> venues = demoVenues(names, swapCsv(args));
    if (!venues)
        return venues.error();
    FederatedRunConfig config;
    config.venues = *venues;
    Result<qint64> rounds = intOption(args, QStringLiteral("--rounds"), 10, 1, 10000);
    if (!rounds)
        return rounds.error();
    Result<double> fraction = numberOption(args, QStringLiteral("--fraction"), 1.0, 1e-9, 1.0);
    if (!fraction)
        return fraction.error();
    Result<qint64> minVenues = intOption(args, QStringLiteral("--min-venues"), qMin<qint64>(2, names.size()), 1, 100000);
    if (!minVenues)
        return minVenues.error();
    Result<double> noise = numberOption(args, QStringLiteral("--dp-noise"), 0.0, 0.0, 1e6);
    if (!noise)
        return noise.error();
    Result<double> clip = numberOption(args, QStringLiteral("--clip"), 0.0, 0.0, 1e9);
    if (!clip)
        return clip.error();
    Result<qint64> epochs = intOption(args, QStringLiteral("--epochs"), config.epochs, 1, 1000);
    if (!epochs)
        return epochs.error();
    Result<double> weightDecay = numberOption(args, QStringLiteral("--weight-decay"), config.weightDecay, 0.0, 10.0);
    if (!weightDecay)
        return weightDecay.error();
    Result<double> dropout = numberOption(args, QStringLiteral("--dropout"), 0.0, 0.0, 1.0);
    if (!dropout)
        return dropout.error();
    Result<qint64> seed = intOption(args, QStringLiteral("--seed"), qint64(config.seed), 0, std::numeric_limits<qint64>::max());
    if (!seed)
        return seed.error();
    Result<qint64> parallel = intOption(args, QStringLiteral("--parallel"), 0, 0, 1024);
    if (!parallel)
        return parallel.error();
    config.rounds = int(*rounds);
    config.fraction = *fraction;
    config.minVenues = int(*minVenues);
    config.dpNoiseSigma = *noise;
    config.clipNorm = *clip;
    config.epochs = int(*epochs);
    config.weightDecay = *weightDecay;
    config.dropoutProbability = *dropout;
    config.seed = quint64(*seed);
    config.parallelVenues = int(*parallel);
    config.earlyStopping = !args.has(QStringLiteral("--no-early-stop"));
    if (Status valid = config.validate(); !valid)
        return Error::make(Error::Kind::Usage, valid.error().message, valid.error().detail);
    return config;
}

QJsonObject baselineJson(const QList<SingleVenueBaseline> &baselines)
{
    QJsonObject object;
    for (const SingleVenueBaseline &baseline : baselines) {
        QJsonObject rmse;
        for (auto it = baseline.venueRmse.cbegin(); it != baseline.venueRmse.cend(); ++it)
            rmse.insert(it.key(), finiteOr(it.value()));
        object.insert(baseline.trainedOn, QJsonObject{{QStringLiteral("venue_rmse"), rmse},
                                                      {QStringLiteral("pooled_rmse"), finiteOr(baseline.pooledRmse)}});
    }
    return object;
}

int simulateCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--venues"), QStringLiteral("--rounds"), QStringLiteral("--fraction"),
                                   QStringLiteral("--min-venues"), QStringLiteral("--dp-noise"), QStringLiteral("--clip"),
                                   QStringLiteral("--epochs"), QStringLiteral("--weight-decay"), QStringLiteral("--dropout"),
                                   QStringLiteral("--seed"), QStringLiteral("--parallel"), QStringLiteral("--csv"),
                                   QStringLiteral("--db")},
                                  {QStringLiteral("--json"), QStringLiteral("--no-early-stop"), QStringLiteral("--baseline")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("fed simulate")); !ok)
        return fail(out, ok.error());
    Result<FederatedRunConfig> config = simulateConfig(*args);
    if (!config)
        return fail(out, config.error());
    ml::registerHedgeRatioBackend();
    const auto backend = federatedModelBackend();
    if (!backend)
        return out.fail(Failure, Cli::tr("fed simulate needs the hedge-ratio model, which this build lacks"));

    const bool persist = args->has(QStringLiteral("--db"));
    const QString databasePath = args->value(QStringLiteral("--db"));

    // The run goes on a thread of its own (which also owns the database connections, as SQLite
    // connections belong to the thread that opens them): this thread's event loop reads SIGINT / SIGTERM.
    std::atomic<bool> stop{false};
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&stop] { stop = true; });
    const auto canceled = [&stop] { return stop.load(); };

    Result<FederatedRunRecord> result = Error::canceled();
    std::optional<Result<QList<SingleVenueBaseline>>> baselines;
    Status prepared;
    qint64 runId = 0;
    QEventLoop loop;
    QThread *worker = QThread::create([&] {
        RoundStore store;
        ModelRegistry registry;
        if (persist) {
            prepared = store.open(databasePath);
            if (prepared)
                prepared = registry.open(databasePath);
            if (!prepared)
                return;
        }
        FederatedCoordinator coordinator(*config, backend, persist ? &store : nullptr, persist ? &registry : nullptr);
        prepared = coordinator.prepare(canceled);
        if (!prepared)
            return;
        result = coordinator.run(canceled, [&out](const FederatedRoundRecord &round) { printRound(out, round); });
        runId = coordinator.runId();
        if (result && args->has(QStringLiteral("--baseline")) && !stop.load())
            baselines = trainSingleVenueBaselines(*config, coordinator.datasets(), *backend, canceled);
    });
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;

    if (!prepared)
        return fail(out, prepared.error());
    const bool interrupted = stop.load();
    if (!result && !(interrupted && result.error().kind == Error::Kind::Canceled))
        return fail(out, result.error());
    if (baselines && !*baselines)
        return fail(out, baselines->error());

    FederatedRunRecord run = result ? *result : FederatedRunRecord{};
    if (!result) {
        run.state = FederatedRunRecord::State::Stopped;
        run.runId = runId;
    }
    QJsonObject summary{{QStringLiteral("event"), QStringLiteral("summary")},
                        {QStringLiteral("run_id"), run.runId},
                        {QStringLiteral("state"), runStateKey(run.state)},
                        {QStringLiteral("reason"), run.reason},
                        {QStringLiteral("venues"), QJsonArray::fromStringList(config->venueNames())},
                        {QStringLiteral("rounds"), config->rounds},
                        {QStringLiteral("best_model_version"), run.bestModelVersion},
                        {QStringLiteral("best_global_rmse"), finiteOr(run.bestGlobalRmse)},
                        {QStringLiteral("interrupted"), interrupted},
                        {QStringLiteral("stored"), persist}};
    if (baselines)
        summary.insert(QStringLiteral("single_venue_baselines"), baselineJson(**baselines));
    if (out.json()) {
        out.record(summary);
    } else {
        out.text(Cli::tr("run %1 %2%3 · best global RMSE %4")
                     .arg(run.runId)
                     .arg(runStateKey(run.state))
                     .arg(run.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(run.reason))
                     .arg(run.bestGlobalRmse, 0, 'f', 4));
        if (baselines)
            for (const SingleVenueBaseline &baseline : **baselines)
                out.text(Cli::tr("trained on %1 alone: venue RMSE %2 · pooled %3")
                             .arg(baseline.trainedOn, venueNumbers(baseline.venueRmse, 4))
                             .arg(baseline.pooledRmse, 0, 'f', 4));
    }
    return Ok;
}

int runsCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs, {QStringLiteral("--db"), QStringLiteral("--run")}, {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (Status ok = noPositional(*args, QStringLiteral("fed runs")); !ok)
        return fail(out, ok.error());
    if (!args->has(QStringLiteral("--db")))
        return out.fail(UsageError, Cli::tr("fed runs needs --db FILE: the database the runs were stored in"));
    RoundStore store;
    if (Status opened = store.open(args->value(QStringLiteral("--db"))); !opened)
        return fail(out, opened.error());
    if (args->has(QStringLiteral("--run"))) {
        Result<qint64> id = intOption(*args, QStringLiteral("--run"), 0, 1, std::numeric_limits<qint64>::max());
        if (!id)
            return fail(out, id.error());
        Result<FederatedRunRecord> run = store.loadRun(*id);
        if (!run)
            return fail(out, run.error());
        for (const FederatedRoundRecord &round : run->rounds)
            printRound(out, round);
        return Ok;
    }
    Result<QList<FederatedRunRecord>> runs = store.runs();
    if (!runs)
        return fail(out, runs.error());
    for (const FederatedRunRecord &run : *runs) {
        if (out.json())
            out.record({{QStringLiteral("run_id"), run.runId},
                        {QStringLiteral("state"), runStateKey(run.state)},
                        {QStringLiteral("reason"), run.reason},
                        {QStringLiteral("started_at"), run.startedAt.toString(Qt::ISODate)},
                        {QStringLiteral("venues"), QJsonArray::fromStringList(run.venues)},
                        {QStringLiteral("planned_rounds"), run.plannedRounds},
                        {QStringLiteral("best_global_rmse"), finiteOr(run.bestGlobalRmse)}});
        else
            out.text(Cli::tr("run %1 · %2 · %3 · %4 · best global RMSE %5")
                         .arg(run.runId)
                         .arg(runStateKey(run.state), run.startedAt.toString(Qt::ISODate), run.venues.join(QLatin1Char(',')))
                         .arg(run.bestGlobalRmse, 0, 'f', 4));
    }
    return Ok;
}

} // namespace

int fedCommand(const QStringList &args, const Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("simulate"))
        return simulateCommand(args.mid(1), out);
    if (sub == QLatin1String("runs"))
        return runsCommand(args.mid(1), out);
    if (sub.isEmpty())
        return out.fail(UsageError, Cli::tr("fed: name a subcommand: simulate or runs"));
    return out.fail(UsageError, Cli::tr("fed: unknown subcommand %1 (simulate, runs)").arg(sub));
}

} // namespace apedesk::cli
