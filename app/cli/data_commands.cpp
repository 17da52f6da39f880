// apedesk-cli data: the pool's swap history in a swap database (SwapStore). `collect` (from nodes)
// lives in collect_command.cpp; here are `import-csv` (the tutorial's raw CSV), `export` (raw or
// processed CSV, written atomically) and `metrics` (rolling metrics over a time window ending at the
// newest stored swap, or at --at).

#include "commandline.h"
#include "walletoptions.h"

#include "market/poolmetrics.h"
#include "market/swapcsv.h"
#include "market/swapstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <memory>

namespace apedesk::cli {

int dataCollectCommand(const QStringList &args, const Output &out);   // collect_command.cpp

namespace {

using market::SwapStore;

// The tutorial's data is BASE mainnet (chain id 8453, not a local node).
const QString kDefaultChain = QStringLiteral("8453");
const QString kDefaultWindow = QStringLiteral("10m");

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

// JSON: the whole object; text: its "message" only.
void report(const Output &out, const QJsonObject &object)
{
    if (out.json())
        out.record(object);
    else
        out.text(object.value(QStringLiteral("message")).toString());
}

// "600", "600s", "10m", "1h", "1d" -> seconds.
Result<qint64> parseWindow(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,9})([smhd]?)$"));
    const auto match = pattern.match(text.trimmed());
    const qint64 value = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    if (value <= 0)
        return usage(Cli::tr("--window is a duration such as 600s, 10m, 1h or 1d (got \"%1\")").arg(text));
    const QString unit = match.captured(2);
    const qint64 scale = unit == QLatin1String("m") ? 60 : unit == QLatin1String("h") ? 3600 : unit == QLatin1String("d") ? 86400 : 1;
    return value * scale;
}

Result<QString> chainFrom(const ParsedArgs &args)
{
    if (!args.has(QStringLiteral("--chain")))
        return kDefaultChain;
    static const QRegularExpression pattern(QStringLiteral("^[0-9]{1,20}(-local)?$"));
    const QString chain = args.value(QStringLiteral("--chain"));
    if (!pattern.match(chain).hasMatch())
        return usage(Cli::tr("--chain is a chain id such as 8453, or 8453-local for a node on this machine"));
    return chain;
}

QString dbPathFrom(const ParsedArgs &args) { return args.value(QStringLiteral("--db")); }

// An existing database: export and metrics never create an empty one by mistake.
Result<std::unique_ptr<SwapStore>> openExisting(const QString &path)
{
    if (path.isEmpty())
        return usage(Cli::tr("--db FILE is required"));
    if (!QFileInfo(path).isFile())
        return Error::make(Error::Kind::Io, Cli::tr("there is no swap database at %1").arg(path));
    return SwapStore::open(path);
}

QString describe(const SwapStore::PoolSummary &pool)
{
    return Cli::tr("--chain %1 --pool-id %2 (%3 swaps)").arg(pool.chain, pool.poolId.toHex()).arg(pool.rows);
}

// The pool that --chain / --pool-id name, or the only one stored.
Result<SwapStore::PoolSummary> choosePool(const SwapStore &store, const ParsedArgs &args)
{
    auto pools = store.pools();
    if (!pools)
        return pools.error();
    if (pools->isEmpty())
        return Error::make(Error::Kind::Generic, Cli::tr("the database %1 holds no swaps").arg(store.path()));
    std::optional<eth::Hash32> poolId;
    if (args.has(QStringLiteral("--pool-id"))) {
        QString text = args.value(QStringLiteral("--pool-id"));
        if (!text.startsWith(QLatin1String("0x")))
            text.prepend(QStringLiteral("0x"));
        auto id = eth::Hash32::fromString(text);
        if (!id)
            return usage(Cli::tr("--pool-id is the pool's 32-byte id in hex: %1").arg(id.error().message));
        poolId = *id;
    }
    const bool chainGiven = args.has(QStringLiteral("--chain"));
    QList<SwapStore::PoolSummary> matching;
    for (const auto &pool : std::as_const(*pools))
        if ((!chainGiven || pool.chain == args.value(QStringLiteral("--chain"))) && (!poolId || pool.poolId == *poolId))
            matching << pool;
    if (matching.size() == 1)
        return matching.first();
    QStringList listed;
    for (const auto &pool : std::as_const(*pools))
        listed << describe(pool);
    if (matching.isEmpty())
        return usage(Cli::tr("no stored pool matches; the database holds: %1").arg(listed.join(QStringLiteral("; "))));
    return usage(Cli::tr("the database holds several pools; choose one: %1").arg(listed.join(QStringLiteral("; "))));
}

int importCsv(const QStringList &rest, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rest, {QStringLiteral("--db"), QStringLiteral("--chain")}, {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (args->positional().size() != 1)
        return fail(out, usage(Cli::tr("import-csv needs one CSV file: data import-csv FILE --db FILE")));
    if (dbPathFrom(*args).isEmpty())
        return fail(out, usage(Cli::tr("--db FILE is required")));
    auto chain = chainFrom(*args);
    if (!chain)
        return fail(out, chain.error());

    const QString path = args->positional().first();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(out, Error::make(Error::Kind::Io, Cli::tr("%1 could not be opened: %2").arg(path, file.errorString())));
    auto imported = market::readRawSwapCsv(file, *chain);
    if (!imported)
        return fail(out, Error::make(imported.error().kind, path + QStringLiteral(": ") + imported.error().message,
                                     imported.error().detail));
    auto store = SwapStore::open(dbPathFrom(*args));
    if (!store)
        return fail(out, store.error());
    auto added = (*store)->insert(imported->swaps);
    if (!added)
        return fail(out, added.error());

    const int known = static_cast<int>(imported->swaps.size()) - *added;
    report(out, {{QStringLiteral("file"), path},
                 {QStringLiteral("db"), dbPathFrom(*args)},
                 {QStringLiteral("chain"), *chain},
                 {QStringLiteral("rows_read"), imported->rowsRead},
                 {QStringLiteral("rows_new"), *added},
                 {QStringLiteral("rows_already_stored"), known},
                 {QStringLiteral("duplicate_rows"), imported->duplicateRows},
                 {QStringLiteral("message"),
                  Cli::tr("%1 rows read: %2 new, %3 already stored, %4 duplicate rows dropped")
                      .arg(imported->rowsRead)
                      .arg(*added)
                      .arg(known)
                      .arg(imported->duplicateRows)}});
    return Ok;
}

int exportCsv(const QStringList &rest, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rest,
                                  {QStringLiteral("--db"), QStringLiteral("--out"), QStringLiteral("--chain"),
                                   QStringLiteral("--pool-id")},
                                  {QStringLiteral("--processed"), QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (!args->positional().isEmpty())
        return fail(out, usage(Cli::tr("export takes no file argument; name the output with --out FILE.csv")));
    const QString outPath = args->value(QStringLiteral("--out"));
    if (outPath.isEmpty())
        return fail(out, usage(Cli::tr("--out FILE.csv is required")));
    if (args->has(QStringLiteral("--chain")))
        if (auto chain = chainFrom(*args); !chain)
            return fail(out, chain.error());
    auto store = openExisting(dbPathFrom(*args));
    if (!store)
        return fail(out, store.error());
    auto pool = choosePool(**store, *args);
    if (!pool)
        return fail(out, pool.error());
    market::SwapQuery query;
    query.chain = pool->chain;
    query.poolId = pool->poolId;
    auto swaps = (*store)->swaps(query);
    if (!swaps)
        return fail(out, swaps.error());

    // Written beside the target and renamed over it at the end: a failed export leaves no half file.
    const bool processed = args->has(QStringLiteral("--processed"));
    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(out, Error::make(Error::Kind::Io, Cli::tr("%1 could not be written: %2").arg(outPath, file.errorString())));
    const Status written = processed ? market::writeProcessedSwapCsv(file, *swaps) : market::writeRawSwapCsv(file, *swaps);
    if (!written) {
        file.cancelWriting();
        return fail(out, written.error());
    }
    if (!file.commit())
        return fail(out, Error::make(Error::Kind::Io, Cli::tr("%1 could not be written: %2").arg(outPath, file.errorString())));

    report(out, {{QStringLiteral("db"), dbPathFrom(*args)},
                 {QStringLiteral("out"), outPath},
                 {QStringLiteral("chain"), pool->chain},
                 {QStringLiteral("pool_id"), pool->poolId.toHex()},
                 {QStringLiteral("processed"), processed},
                 {QStringLiteral("rows"), static_cast<qint64>(swaps->size())},
                 {QStringLiteral("message"), (processed ? Cli::tr("%1 swaps written to %2 (processed CSV)")
                                                        : Cli::tr("%1 swaps written to %2 (raw CSV)"))
                                                 .arg(swaps->size())
                                                 .arg(outPath)}});
    return Ok;
}

int metrics(const QStringList &rest, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rest,
                                  {QStringLiteral("--db"), QStringLiteral("--window"), QStringLiteral("--at"),
                                   QStringLiteral("--chain"), QStringLiteral("--pool-id")},
                                  {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (!args->positional().isEmpty())
        return fail(out, usage(Cli::tr("metrics takes no file argument; name the database with --db FILE")));
    auto window = parseWindow(args->has(QStringLiteral("--window")) ? args->value(QStringLiteral("--window")) : kDefaultWindow);
    if (!window)
        return fail(out, window.error());
    std::optional<qint64> at;
    if (args->has(QStringLiteral("--at"))) {
        bool ok = false;
        const qint64 value = args->value(QStringLiteral("--at")).toLongLong(&ok);
        if (!ok || value < 0)
            return fail(out, usage(Cli::tr("--at is a unix time in seconds")));
        at = value;
    }
    if (args->has(QStringLiteral("--chain")))
        if (auto chain = chainFrom(*args); !chain)
            return fail(out, chain.error());
    auto store = openExisting(dbPathFrom(*args));
    if (!store)
        return fail(out, store.error());
    auto pool = choosePool(**store, *args);
    if (!pool)
        return fail(out, pool.error());

    // Only the window's rows are read: (end − window, end].
    const qint64 end = at.value_or(pool->lastTime);
    market::SwapQuery query;
    query.chain = pool->chain;
    query.poolId = pool->poolId;
    query.fromTime = end - *window + 1;
    query.toTime = end;
    auto points = (*store)->points(query);
    if (!points)
        return fail(out, points.error());
    const market::PoolMetrics m = market::computePoolMetrics(*points, end, *window);

    out.record({{QStringLiteral("chain"), pool->chain},
                {QStringLiteral("pool_id"), pool->poolId.toHex()},
                {QStringLiteral("valid"), m.valid},
                {QStringLiteral("window_seconds"), m.windowSeconds},
                {QStringLiteral("window_end"), m.windowEnd},
                {QStringLiteral("swap_count"), m.swapCount},
                {QStringLiteral("first_price"), m.firstPrice},
                {QStringLiteral("last_price"), m.lastPrice},
                {QStringLiteral("price_change_percent"), m.priceChangePercent},
                {QStringLiteral("volume_eth"), m.volumeEth},
                {QStringLiteral("volume_usdc"), m.volumeUsdc},
                {QStringLiteral("volatility_percent"), m.volatilityPercent}});
    return Ok;
}

} // namespace

int dataCommand(const QStringList &args, const Output &out)
{
    if (args.isEmpty())
        return out.fail(UsageError, Cli::tr("data needs collect, import-csv, export or metrics; see apedesk-cli help data"));
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("collect"))
        return dataCollectCommand(rest, out);
    if (sub == QLatin1String("import-csv"))
        return importCsv(rest, out);
    if (sub == QLatin1String("export"))
        return exportCsv(rest, out);
    if (sub == QLatin1String("metrics"))
        return metrics(rest, out);
    return out.fail(UsageError, Cli::tr("data: unknown subcommand %1 (collect, import-csv, export or metrics)").arg(sub));
}

} // namespace apedesk::cli
