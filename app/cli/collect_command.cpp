// apedesk-cli data collect: the pool's Swap logs over a block range into a swap database, through
// SwapCollector. The pool is the recorded sandbox's at the URL(s), else BASE's on chain 8453,
// else --pool-manager / --pool-id. The database's coverage is the checkpoint: the same command run
// again (after Ctrl-C, a kill or a crash) goes on where the last one stopped.

#include "commandline.h"
#include "options.h"
#include "walletoptions.h"

#include "chain/networkprofile.h"
#include "chain/sandboxregistry.h"
#include "common/paths.h"
#include "common/unixsignals.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/rpcawait.h"
#include "market/swapcollector.h"
#include "market/swapstore.h"

#include <QJsonObject>
#include <QUrl>

#include <cmath>
#include <cstdio>

namespace apedesk::cli {
namespace {

constexpr quint64 kBaseChainId = 8453;


// ParsedArgs takes each option once; --rpc may repeat, so it is taken out first.
QStringList takeRepeated(QStringList &args, const QString &name, QString *missingValue)
{
    QStringList values;
    const QString prefix = name + QLatin1Char('=');
    for (int i = 0; i < args.size();) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--"))
            break;
        if (arg == name) {
            if (i + 1 >= args.size()) {
                *missingValue = name;
                args.removeAt(i);
                continue;
            }
            values << args.at(i + 1);
            args.remove(i, 2);
        } else if (arg.startsWith(prefix)) {
            values << arg.mid(prefix.size());
            args.removeAt(i);
        } else {
            ++i;
        }
    }
    return values;
}

struct Pool
{
    eth::Address poolManager;
    eth::Hash32 poolId;
    QString source;   // "sandbox", "BASE", "options"
};

// The pool to collect: the options, else the recorded sandbox at one of the URLs, else BASE on 8453.
Result<Pool> poolFor(const ParsedArgs &args, const QList<QUrl> &urls)
{
    const bool hasManager = args.has(QStringLiteral("--pool-manager"));
    const bool hasId = args.has(QStringLiteral("--pool-id"));
    if (hasManager != hasId)
        return usage(Cli::tr("--pool-manager and --pool-id go together"));
    if (hasManager) {
        auto manager = eth::Address::fromString(args.value(QStringLiteral("--pool-manager")));
        if (!manager)
            return usage(Cli::tr("--pool-manager needs an address: %1").arg(manager.error().message));
        auto id = eth::Hash32::fromString(args.value(QStringLiteral("--pool-id")));
        if (!id)
            return usage(Cli::tr("--pool-id needs a 32-byte hex id: %1").arg(id.error().message));
        return Pool{*manager, *id, QStringLiteral("options")};
    }
    // Any of the URLs may be the sandbox (the first one may be the dead one).
    const chain::SandboxRegistry registry(Paths::chainDir());
    for (const QUrl &url : urls)
        if (auto recorded = registry.findByRpcUrl(url))
            return Pool{recorded->deployment.poolManager, recorded->deployment.poolId, QStringLiteral("sandbox")};
    eth::JsonRpcClient client(urls, chain::chainRpcOptions(urls.first()));
    eth::EthRpc rpc(&client);
    auto chainId = eth::awaitRpc<quint64>(&client, [&](auto done) { return rpc.chainId(done); });
    if (!chainId)
        return chainId.error().toError();
    if (*chainId == kBaseChainId) {
        const chain::NetworkProfile base = chain::NetworkProfile::base();
        return Pool{base.poolManager, base.poolId, QStringLiteral("BASE")};
    }
    return usage(Cli::tr("no ETH/USDC pool is known on chain %1 (not a recorded sandbox, not BASE); "
                         "name it with --pool-manager ADDR --pool-id ID")
                     .arg(*chainId));
}

QString formatProgress(const market::CollectProgress &p)
{
    const double percent = p.blocksTotal ? 100.0 * double(p.blocksDone) / double(p.blocksTotal) : 100.0;
    QString line = Cli::tr("collect: %1/%2 blocks (%3 %), %4 new swaps, %5 blocks/s")
                       .arg(p.blocksDone)
                       .arg(p.blocksTotal)
                       .arg(percent, 0, 'f', 1)
                       .arg(p.eventsStored)
                       .arg(p.blocksPerSecond, 0, 'f', 1);
    if (p.etaSeconds >= 0)
        line += Cli::tr(", ETA %1 s").arg(std::ceil(p.etaSeconds), 0, 'f', 0);
    if (!p.endpoint.isEmpty())
        line += Cli::tr(", via %1").arg(p.endpoint);
    return line;
}

} // namespace

int dataCollectCommand(const QStringList &rawArgs, const Output &globalOut)
{
    QStringList rest = rawArgs;
    if (!rest.isEmpty() && rest.first() == QLatin1String("collect"))
        rest.removeFirst();
    QString missing;
    const QStringList rpcs = takeRepeated(rest, QStringLiteral("--rpc"), &missing);
    if (!missing.isEmpty())
        return fail(globalOut, usage(Cli::tr("%1 needs a value").arg(missing)));
    auto args = ParsedArgs::parse(rest,
                                  {QStringLiteral("--from"), QStringLiteral("--to"), QStringLiteral("--db"),
                                   QStringLiteral("--batch"), QStringLiteral("--confirmations"), QStringLiteral("--rate"),
                                   QStringLiteral("--pool-manager"), QStringLiteral("--pool-id")},
                                  {QStringLiteral("--origins"), QStringLiteral("--json"), QStringLiteral("--progress")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (!args->positional().isEmpty())
        return fail(out, usage(Cli::tr("unexpected argument %1").arg(args->positional().first())));

    if (rpcs.isEmpty())
        return fail(out, usage(Cli::tr("--rpc URL is required (repeat it for fallback endpoints)")));
    QList<QUrl> urls;
    for (const QString &rpc : rpcs) {
        const QUrl url(rpc, QUrl::StrictMode);
        if (rpc.isEmpty() || !url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return fail(out, usage(Cli::tr("--rpc needs the http(s) URL of a node: %1").arg(rpc)));
        urls << url;
    }
    if (!args->has(QStringLiteral("--from")))
        return fail(out, usage(Cli::tr("--from BLOCK is required")));
    auto from = parseUint64(args->value(QStringLiteral("--from")), QStringLiteral("--from"));
    if (!from)
        return fail(out, from.error());
    std::optional<quint64> to;
    const QString toText = args->value(QStringLiteral("--to")).trimmed();
    if (!toText.isEmpty() && toText != QLatin1String("latest")) {
        auto parsed = parseUint64(toText, QStringLiteral("--to"));
        if (!parsed)
            return fail(out, parsed.error());
        if (*parsed < *from)
            return fail(out, usage(Cli::tr("--to must not be below --from")));
        to = *parsed;
    }
    if (!args->has(QStringLiteral("--db")) || args->value(QStringLiteral("--db")).isEmpty())
        return fail(out, usage(Cli::tr("--db FILE is required (the swap database; created when missing)")));
    auto batch = intOption(*args, QStringLiteral("--batch"), 200, 1, 1'000'000);
    if (!batch)
        return fail(out, batch.error());
    auto confirmations = intOption(*args, QStringLiteral("--confirmations"), 0, 0, 100'000);
    if (!confirmations)
        return fail(out, confirmations.error());
    double rate = 0;
    if (args->has(QStringLiteral("--rate"))) {
        bool ok = false;
        rate = args->value(QStringLiteral("--rate")).toDouble(&ok);
        if (!ok || !(rate > 0) || !std::isfinite(rate))
            return fail(out, usage(Cli::tr("--rate is requests per second, more than 0")));
    }

    auto pool = poolFor(*args, urls);
    if (!pool)
        return fail(out, pool.error());
    auto store = market::SwapStore::open(args->value(QStringLiteral("--db")));
    if (!store)
        return fail(out, store.error());

    market::CollectRequest request;
    request.rpcUrls = rpcs;
    request.poolManager = pool->poolManager;
    request.poolId = pool->poolId;
    request.fromBlock = *from;
    request.toBlock = to;
    request.batchBlocks = *batch;
    request.confirmations = *confirmations;
    request.maxRequestsPerSecond = rate;
    request.withOrigins = args->has(QStringLiteral("--origins"));

    // Ctrl-C / SIGTERM: the batch in flight is dropped, what was committed stays.
    UnixSignalWatcher watcher;
    bool stopRequested = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&] { stopRequested = true; });

    const bool showProgress = args->has(QStringLiteral("--progress"));
    market::CollectProgress last;
    market::SwapCollector::Hooks hooks;
    hooks.canceled = [&] { return stopRequested; };
    hooks.progress = [&](const market::CollectProgress &progress) {
        last = progress;
        if (showProgress) {
            std::fprintf(stderr, "%s\n", qPrintable(formatProgress(progress)));
            std::fflush(stderr);
        }
    };
    market::SwapCollector collector(store->get(), request, chain::chainRpcOptions(urls.first()));
    auto result = collector.run(hooks);
    if (!result) {
        if (result.error().kind == Error::Kind::Canceled)
            return out.fail(Failure, Cli::tr("stopped: blocks %1–%2 are %3/%4 collected, %5 new swaps stored; "
                                             "run the same command again to go on")
                                         .arg(last.fromBlock)
                                         .arg(last.toBlock)
                                         .arg(last.blocksDone)
                                         .arg(last.blocksTotal)
                                         .arg(last.eventsStored));
        return fail(out, result.error());
    }
    const double seconds = result->seconds;
    QJsonObject record{{QStringLiteral("chain"), collector.chain()},
                {QStringLiteral("pool_id"), request.poolId.toHex()},
                {QStringLiteral("pool_source"), pool->source},
                {QStringLiteral("from"), static_cast<qint64>(result->fromBlock)},
                {QStringLiteral("to"), static_cast<qint64>(result->toBlock)},
                {QStringLiteral("events_stored"), result->eventsStored},
                {QStringLiteral("events_seen"), result->eventsSeen},
                {QStringLiteral("requests"), result->requests},
                {QStringLiteral("seconds"), std::round(seconds * 1000.0) / 1000.0},
                {QStringLiteral("events_per_second"),
                 seconds > 0 ? std::round(double(result->eventsSeen) / seconds * 10.0) / 10.0 : 0.0}};
    if (to && *to > result->toBlock)
        record.insert(QStringLiteral("note"), Cli::tr("block %1 is not confirmed yet; collected up to block %2")
                                                  .arg(*to)
                                                  .arg(result->toBlock));
    out.record(record);
    if (!last.text.isEmpty() && !out.json())
        out.text(last.text);
    return Ok;
}

} // namespace apedesk::cli
