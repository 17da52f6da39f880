// apedesk-cli market simulate: the sandbox market without a window. Anvil's accounts 7, 8 and 9 swap
// toward a random-walk target price (MarketSimulator) on a sandbox that `sandbox up` (or the app)
// started, or on a local anvil fork of BASE. Any other node is refused before a transaction is made:
// this command never trades on a real network.

#include "commandline.h"
#include "walletoptions.h"

#include "chain/networkprofile.h"
#include "chain/sandboxregistry.h"
#include "common/paths.h"
#include "common/unixsignals.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/rpcawait.h"
#include "eth/units.h"
#include "market/marketsimulator.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

#include <cmath>
#include <cstdio>

namespace apedesk::cli {
namespace {

constexpr quint64 kBaseChainId = 8453;
// A run whose market stays put this many steps in a row ends (settings with almost no movement).
constexpr int kMaxIdleSteps = 1000;

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

// The sandbox recorded at this URL, or a loopback anvil fork of BASE; anything else is refused.
Result<market::SimulatorTarget> resolveTarget(const QString &rpc)
{
    const QUrl url(rpc, QUrl::StrictMode);
    if (rpc.isEmpty() || !url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return usage(Cli::tr("--rpc needs the http(s) URL of a sandbox (see: apedesk-cli sandbox up)"));
    market::SimulatorTarget target;
    target.rpcUrl = url.toString();
    if (auto recorded = chain::SandboxRegistry(Paths::chainDir()).findByRpcUrl(url)) {
        target.venue = chain::NetworkProfile::fromSandbox(recorded->deployment).venue();
        target.chainId = recorded->deployment.chainId;
        return target;
    }
    if (!chain::isLoopbackUrl(url))
        return usage(Cli::tr("market simulate trades only on a sandbox or a local anvil fork of BASE, never on a real "
                             "network; %1 is not on this machine")
                         .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    // A fork: chain 8453 with BASE's PoolManager (MarketSimulator::prepare also insists on anvil).
    eth::JsonRpcClient client({url}, chain::chainRpcOptions(url));
    eth::EthRpc api(&client);
    auto id = eth::awaitRpc<quint64>(&client, [&](auto done) { return api.chainId(done); });
    if (!id)
        return id.error().toError();
    const chain::NetworkProfile base = chain::NetworkProfile::base();
    bool hasPool = false;
    if (*id == kBaseChainId) {
        auto code = eth::awaitRpc<QByteArray>(
            &client, [&](auto done) { return api.getCode(base.poolManager, eth::BlockTag::latest(), done); });
        if (!code)
            return code.error().toError();
        hasPool = !code->isEmpty();
    }
    if (!hasPool)
        return Error::make(Error::Kind::Chain,
                           Cli::tr("%1 is neither a recorded sandbox nor a local fork of BASE (chain %2); start a sandbox "
                                   "with: apedesk-cli sandbox up")
                               .arg(url.toDisplayString(QUrl::RemoveUserInfo))
                               .arg(*id));
    target.venue = base.venue();
    target.chainId = kBaseChainId;
    return target;
}

Result<double> doubleOption(const ParsedArgs &args, const QString &name, double fallback)
{
    if (!args.has(name))
        return fallback;
    bool ok = false;
    const double value = args.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return usage(Cli::tr("%1 needs a number").arg(name));
    return value;
}

QString tokenIn(SwapDirection direction) { return direction == SwapDirection::EthToUsdc ? QStringLiteral("ETH") : QStringLiteral("USDC"); }
QString tokenOut(SwapDirection direction) { return direction == SwapDirection::EthToUsdc ? QStringLiteral("USDC") : QStringLiteral("ETH"); }
int decimalsIn(SwapDirection direction) { return direction == SwapDirection::EthToUsdc ? 18 : 6; }
int decimalsOut(SwapDirection direction) { return direction == SwapDirection::EthToUsdc ? 6 : 18; }

void printSwap(const Output &out, qint64 index, qint64 total, const market::MarketSimulator::Step &step)
{
    const SwapRecord &r = step.record;
    if (out.json()) {
        out.record({{QStringLiteral("event"), QStringLiteral("swap")},
                    {QStringLiteral("index"), index},
                    {QStringLiteral("tx_hash"), r.txHash.toHex()},
                    {QStringLiteral("account"), r.account.toChecksumString()},
                    {QStringLiteral("direction"), swapDirectionKey(r.direction)},
                    {QStringLiteral("amount_in"), eth::formatUnits(r.amountIn, decimalsIn(r.direction))},
                    {QStringLiteral("amount_out"), eth::formatUnits(r.amountOut, decimalsOut(r.direction))},
                    {QStringLiteral("noise"), step.noise},
                    {QStringLiteral("pool_price"), step.poolPriceAfter},
                    {QStringLiteral("target_price"), step.targetPrice}});
    } else {
        const QString line = Cli::tr("swap %1/%2  %3 %4 -> %5 %6  pool %7  target %8  %9")
                                 .arg(index)
                                 .arg(total)
                                 .arg(eth::formatUnits(r.amountIn, decimalsIn(r.direction), 6), tokenIn(r.direction),
                                      eth::formatUnits(r.amountOut, decimalsOut(r.direction), 6), tokenOut(r.direction),
                                      QString::number(step.poolPriceAfter, 'f', 2),
                                      QString::number(step.targetPrice, 'f', 2), r.txHash.toHex());
        out.text(step.noise ? line + Cli::tr("  (noise)") : line);
    }
    std::fflush(stdout);
}

int simulateCommand(const QStringList &rawArgs, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--rpc"), QStringLiteral("--swaps"), QStringLiteral("--rate"),
                                   QStringLiteral("--drift"), QStringLiteral("--volatility"), QStringLiteral("--median-eth"),
                                   QStringLiteral("--noise"), QStringLiteral("--seed")},
                                  {QStringLiteral("--json"), QStringLiteral("--progress")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("market simulate: unexpected argument %1").arg(args->positional().first()));
    if (!args->has(QStringLiteral("--rpc")))
        return out.fail(UsageError, Cli::tr("--rpc is required: the URL of a sandbox (see: apedesk-cli sandbox up)"));
    if (!args->has(QStringLiteral("--swaps")))
        return out.fail(UsageError, Cli::tr("--swaps is required: how many swaps to make"));
    auto swaps = parseUint64(args->value(QStringLiteral("--swaps")), QStringLiteral("--swaps"));
    if (!swaps)
        return fail(out, swaps.error());
    if (*swaps == 0 || *swaps > 10'000'000)
        return out.fail(UsageError, Cli::tr("--swaps must be between 1 and 10000000"));

    market::SimulatorConfig config;
    config.swapsPerMinute = 0;
    config.maxSwaps = static_cast<int>(*swaps);
    const struct
    {
        const char *name;
        double *field;
    } numbers[] = {{"--rate", &config.swapsPerMinute},      {"--drift", &config.driftPerDay},
                   {"--volatility", &config.volatilityPerDay}, {"--median-eth", &config.medianTradeEth},
                   {"--noise", &config.noiseTradeShare}};
    for (const auto &number : numbers) {
        auto value = doubleOption(*args, QLatin1String(number.name), *number.field);
        if (!value)
            return fail(out, value.error());
        *number.field = *value;
    }
    if (args->has(QStringLiteral("--seed"))) {
        auto seed = parseUint64(args->value(QStringLiteral("--seed")), QStringLiteral("--seed"));
        if (!seed)
            return fail(out, seed.error());
        config.seed = *seed;
    }
    if (Status valid = market::MarketSimulator::validate(config); !valid)
        return fail(out, valid.error());

    // From here on SIGINT / SIGTERM end the run after the swap in flight, with the summary.
    UnixSignalWatcher watcher;
    bool stopRequested = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&] { stopRequested = true; });
    const auto canceled = [&] { return stopRequested; };

    auto target = resolveTarget(args->value(QStringLiteral("--rpc")));
    if (!target)
        return fail(out, target.error());
    market::MarketSimulator simulator(*target, config);
    if (Status prepared = simulator.prepare(canceled); !prepared)
        return fail(out, prepared.error());

    const bool progress = args->has(QStringLiteral("--progress"));
    QElapsedTimer clock;
    clock.start();
    QString stopReason;
    int idleSteps = 0;
    while (!stopRequested && simulator.state().swapsDone < config.maxSwaps) {
        auto step = simulator.step(canceled);
        if (step && step->swapped) {
            idleSteps = 0;
            if (progress)
                printSwap(out, simulator.state().swapsDone, config.maxSwaps, *step);
        } else if (step && ++idleSteps >= kMaxIdleSteps) {
            stopReason = Cli::tr("the pool stayed at the target for %1 steps in a row; give the market some drift, "
                                 "volatility or noise trades")
                             .arg(kMaxIdleSteps);
            break;
        }
        if (!step) {
            if (stopRequested)
                break;
            stopReason = simulator.stopReason(step.error());
            if (!stopReason.isEmpty())
                break;
            if (progress) {
                std::fprintf(stderr, "apedesk-cli: %s\n", qPrintable(step.error().toString()));
                std::fflush(stderr);
            }
        }
        if (simulator.state().swapsDone >= config.maxSwaps)
            break;
        if (const qint64 delay = simulator.nextDelayMs(); delay > 0 && !stopRequested) {
            QEventLoop wait;
            QTimer::singleShot(delay, &wait, &QEventLoop::quit);
            QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &wait, &QEventLoop::quit);
            wait.exec();
        }
    }

    const market::SimulatorState state = simulator.state();
    const double seconds = clock.nsecsElapsed() / 1e9;
    out.record({{QStringLiteral("swaps"), state.swapsDone},
                {QStringLiteral("failed"), state.swapsFailed},
                {QStringLiteral("first_pool_price"), simulator.initialPoolPrice()},
                {QStringLiteral("last_pool_price"), state.poolPrice},
                {QStringLiteral("target_price"), state.targetPrice},
                {QStringLiteral("seconds"), std::round(seconds * 1000) / 1000},
                {QStringLiteral("swaps_per_second"), seconds > 0 ? std::round(state.swapsDone / seconds * 100) / 100 : 0.0},
                {QStringLiteral("seed"), QString::number(simulator.seed())},
                {QStringLiteral("interrupted"), stopRequested}});
    std::fflush(stdout);
    if (!stopReason.isEmpty())
        return out.fail(Failure, stopReason);
    return Ok;
}

} // namespace

int marketCommand(const QStringList &args, const Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("simulate"))
        return simulateCommand(args.mid(1), out);
    if (sub.isEmpty())
        return out.fail(UsageError, Cli::tr("market: name a subcommand: simulate"));
    return out.fail(UsageError, Cli::tr("market: unknown subcommand %1 (simulate)").arg(sub));
}

} // namespace apedesk::cli
