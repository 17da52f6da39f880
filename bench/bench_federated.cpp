// bench_federated: speed of federated rounds with the libtorch hedge-ratio model (core/federated,
// core/ml), in process, the venues training on the coordinator's threads.
//
// It measures:
//   - seconds per round for the demo's 3 venues (binance and okx from the real swaps,
//     <shared>/data/base_eth_usdc_swaps.csv, and the simulated bybit) and for 30 venues (those three
//     and sim-1 … sim-27), with the run defaults (5 local epochs, FRY-alpha weights, robust
//     aggregation, evaluation of the new global model on every venue; no store or registry) and early
//     stopping off. A round's time is its FederatedRoundRecord::durationSeconds (sampling to
//     evaluation); the data preparation is timed separately. Venues train --parallel at once
//     (0: the machine's cores), one libtorch thread each;
//   - the aggregation of 100 venue updates of the hedge-ratio layout (7,297 values each): aggregate()
//     with FRY-alpha (given) weights, with FedAvg's sample-count weights for comparison, and with
//     clipping and DP noise; median of --repeats repetitions.
//
// Usage: bench_federated [--shared DIR] [--rounds N=3] [--rounds30 N=2] [--parallel N=0] [--repeats N=15]

#include "federated/coordinator.h"
#include "federated/demovenues.h"
#include "federated/robustaggregation.h"
#include "hedgeratiobackend.h"
#include "hedgeratiomodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QStringList>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

QString sharedDir(const QStringList &args)
{
    const int at = int(args.indexOf(QStringLiteral("--shared")));
    if (at >= 0 && at + 1 < args.size())
        return args[at + 1];
    const QString env = qEnvironmentVariable("APEDESK_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(APEDESK_DEFAULT_SHARED) : env;
}

int intOption(const QStringList &args, const QString &name, int fallback)
{
    const int at = int(args.indexOf(name));
    return at >= 0 && at + 1 < args.size() ? args[at + 1].toInt() : fallback;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

// Runs `rounds` rounds over `venues`; prints preparation time and seconds per round. False on error.
bool benchRounds(const QString &label, const QList<VenueSpec> &venues, int rounds, int parallel,
                 const std::shared_ptr<const FederatedModelBackend> &backend)
{
    FederatedRunConfig config;
    config.venues = venues;
    config.rounds = rounds;
    config.earlyStopping = false;
    config.minVenues = 2;
    config.parallelVenues = parallel;
    FederatedCoordinator coordinator(config, backend);

    QElapsedTimer timer;
    timer.start();
    if (Status prepared = coordinator.prepare(); !prepared) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(label), qPrintable(prepared.error().toString()));
        return false;
    }
    const double prepareSeconds = timer.nsecsElapsed() / 1e9;
    std::vector<double> seconds;
    Result<FederatedRunRecord> run = coordinator.run({}, [&seconds](const FederatedRoundRecord &round) {
        seconds.push_back(round.durationSeconds);
    });
    if (!run) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(label), qPrintable(run.error().toString()));
        return false;
    }
    double total = 0;
    for (const double s : seconds)
        total += s;
    QString each;
    for (const double s : seconds)
        each += QStringLiteral(" %1").arg(s, 0, 'f', 2);
    std::printf("%-10s %3d venues  prepare %6.2f s   %.2f s per round (mean of %d; median %.2f; rounds:%s)\n",
                qPrintable(label), int(venues.size()), prepareSeconds, seconds.empty() ? 0 : total / double(seconds.size()),
                int(seconds.size()), median(seconds), qPrintable(each));
    std::fflush(stdout);
    return true;
}

// 100 plausible updates: the global model plus a small seeded change each (one venue's local training
// moves it by ~0.5 in norm), positive FRY-alpha-like weights and sample counts.
QList<VenueUpdate> hundredUpdates(const ModelParameters &global)
{
    std::mt19937_64 engine(42);
    const auto uniform = [&engine] { return double(engine() >> 11) * 0x1.0p-53; };
    QList<VenueUpdate> updates;
    for (int k = 0; k < 100; ++k) {
        VenueUpdate update;
        update.venue = QStringLiteral("venue-%1").arg(k + 1);
        update.parameters = global;
        for (ParameterTensor &tensor : update.parameters) {
            for (float &v : tensor.values)
                v += float((uniform() - 0.5) * 0.02);
        }
        update.weight = 0.2 + uniform();
        update.sampleCount = 1000 + qint64(uniform() * 3000);
        updates.append(update);
    }
    return updates;
}

bool benchAggregation(int repeats)
{
    const ModelParameters global = ml::initialHedgeRatioParameters(1);
    const QList<VenueUpdate> updates = hundredUpdates(global);

    struct Variant
    {
        const char *label;
        AggregationOptions options;
    };
    AggregationOptions fry;
    AggregationOptions fedAvg;
    fedAvg.weighting = AggregationOptions::Weighting::SampleCount;
    AggregationOptions dp;
    dp.clipNorm = 0.5;
    dp.dpNoiseSigma = 0.1;
    dp.seed = 7;
    const Variant variants[] = {{"FRY-alpha weights", fry}, {"FedAvg (sample counts)", fedAvg}, {"FRY alpha + clip 0.5 + DP sigma 0.1", dp}};

    std::printf("aggregation of %d updates x %lld values (median of %d):\n", int(updates.size()),
                static_cast<long long>(elementCount(global)), repeats);
    for (const Variant &variant : variants) {
        std::vector<double> ms;
        for (int r = 0; r < repeats; ++r) {
            QElapsedTimer timer;
            timer.start();
            Result<AggregationResult> result = aggregate(global, updates, variant.options);
            ms.push_back(timer.nsecsElapsed() / 1e6);
            if (!result || result->acceptedVenues().size() != updates.size()) {
                std::fprintf(stderr, "%s: %s\n", variant.label,
                             result ? "not every update was accepted" : qPrintable(result.error().toString()));
                return false;
            }
        }
        std::printf("  %-36s %8.2f ms  (min %.2f, max %.2f)\n", variant.label, median(ms),
                    *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()));
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.info=false\napedesk.*.debug=false"));
    const QStringList args = app.arguments();
    const QString csv = sharedDir(args) + QStringLiteral("/data/base_eth_usdc_swaps.csv");
    const int rounds = std::max(1, intOption(args, QStringLiteral("--rounds"), 3));
    const int rounds30 = std::max(1, intOption(args, QStringLiteral("--rounds30"), 2));
    const int parallel = std::max(0, intOption(args, QStringLiteral("--parallel"), 0));
    const int repeats = std::max(1, intOption(args, QStringLiteral("--repeats"), 15));

    const auto backend = std::make_shared<ml::HedgeRatioBackend>();
    std::printf("bench_federated: %s, %d venue(s) training at once, one libtorch thread each, %d cores\n",
                qPrintable(backend->modelName()), parallel > 0 ? parallel : QThread::idealThreadCount(),
                QThread::idealThreadCount());
    std::printf("swaps: %s\n", qPrintable(csv));

    Result<QList<VenueSpec>> three = demoVenues(demoVenueNames(0), csv);
    Result<QList<VenueSpec>> thirty = demoVenues(demoVenueNames(27), csv);
    if (!three || !thirty) {
        std::fprintf(stderr, "%s\n", qPrintable((!three ? three.error() : thirty.error()).toString()));
        return 1;
    }
    if (!benchRounds(QStringLiteral("demo"), *three, rounds, parallel, backend))
        return 1;
    if (!benchRounds(QStringLiteral("demo+sim"), *thirty, rounds30, parallel, backend))
        return 1;
    return benchAggregation(repeats) ? 0 : 1;
}
