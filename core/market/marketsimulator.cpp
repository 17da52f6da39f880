#include "marketsimulator.h"

#include "chain/networkprofile.h"
#include "chain/sandboxdeployment.h"
#include "common/logging.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/noncemanager.h"
#include "eth/rpcawait.h"
#include "eth/sendawait.h"
#include "eth/sender.h"
#include "eth/units.h"
#include "uniswap/permit2.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swapexecutor.h"
#include "uniswap/tickmath.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

namespace apedesk::market {

using eth::u256;
using eth::u512;

namespace {

const u256 kEther = u256(1'000'000'000'000'000'000ULL);
const u256 kTraderEth = u256(10'000) * kEther;                          // 10,000 ETH each
const u256 kTraderUsdc = u256(50'000'000) * u256(1'000'000);            // 50,000,000 USDC each
const u256 kGasReserve = kEther;                                        // never traded away
const u256 kMinEthIn = u256(1'000'000'000'000ULL);                      // the executor's smallest swaps:
const u256 kMinUsdcIn = u256(10'000);                                   // 0.000001 ETH, 0.01 USDC
constexpr double kSecondsPerDay = 86400.0;

Error chainError(const QString &message, const QString &detail = {})
{
    return Error::make(Error::Kind::Chain, message, detail);
}

// A uniform double in [0, 1) from the engine's top 53 bits: exactly one draw, the same on every
// platform (std::*_distribution may differ between standard libraries).
double uniform(std::mt19937_64 &rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Box–Muller: exactly two draws.
double standardNormal(std::mt19937_64 &rng)
{
    const double u1 = 1.0 - uniform(rng);   // (0, 1]
    const double u2 = uniform(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

// A non-negative double as an integer of base units (rounded down); 0 for anything not positive.
u256 toUnits(double amount, double unitsPerWhole)
{
    const double units = amount * unitsPerWhole;
    if (!(units >= 1))
        return 0;
    int exponent = 0;
    const double mantissa = std::frexp(units, &exponent);   // units = mantissa · 2^exponent, mantissa in [0.5, 1)
    const auto top = static_cast<unsigned long long>(std::ldexp(mantissa, 53));
    return exponent >= 53 ? u256(top) << (exponent - 53) : u256(top) >> (53 - exponent);
}

// The storage layout of the venue's USDC: BASE's FiatToken, else the sandbox's MockERC20. Funding reads
// the balance back, so a wrong guess is reported, never silently ignored.
chain::NetworkProfile usdcProfile(const uniswap::Venue &venue)
{
    const chain::NetworkProfile base = chain::NetworkProfile::base();
    if (venue.usdc == base.usdc)
        return base;
    chain::NetworkProfile sandbox;   // usdcBalanceMappingSlot 3: solmate MockERC20's balanceOf
    sandbox.usdc = venue.usdc;
    return sandbox;
}

struct Trader
{
    int accountIndex = 0;
    eth::Address address;
    std::shared_ptr<eth::PrivateKey> key;

    eth::KeySource keySource() const
    {
        return [held = key]() -> Result<eth::PrivateKey> {
            const QByteArray &secret = held->secret().bytes();
            return eth::PrivateKey::fromBytes(eth::SecretBytes(QByteArray(secret.constData(), secret.size())));
        };
    }
};

// The pool and the trader's balances, read in one batch.
struct Snapshot
{
    u256 sqrtPriceX96;
    u256 liquidity;
    quint32 lpFee = 0;
    u256 ethBalance;
    u256 usdcBalance;
};

} // namespace

QList<eth::Address> simulatorTraders()
{
    const QList<eth::Address> all = chain::sandboxAccounts();
    return all.mid(kFirstTraderAccount, kTraderCount);
}

struct MarketSimulator::Impl
{
    SimulatorTarget target;
    SimulatorConfig config;
    quint64 seed = 0;
    std::mt19937_64 rng;        // the trades
    std::mt19937_64 delayRng;   // the waits between them
    std::unique_ptr<eth::JsonRpcClient> client;
    std::unique_ptr<eth::NonceManager> nonces;
    std::unique_ptr<eth::TransactionSender> sender;
    std::unique_ptr<uniswap::SwapExecutor> executor;
    QList<Trader> traders;
    bool prepared = false;
    QElapsedTimer sinceStep;
    quint64 steps = 0;
    quint64 nextRecordId = 1;
    int failuresInRow = 0;
    double initialPoolPrice = 0;
    SimulatorState state;

    eth::EthRpc rpc() const { return eth::EthRpc(client.get()); }
    bool nodeDown() const { return client && client->isEndpointDown(0); }

    Status connect();
    Status fund(const Trader &trader);
    Status approve(const Trader &trader, const Canceled &canceled);
    // One JSON-RPC batch of reads; the first failed answer fails all.
    Result<QList<QJsonValue>> batchRead(const QList<eth::RpcRequest> &requests);
    Result<eth::TransactionReceipt> sendAndWait(const eth::SendRequest &request, const eth::KeySource &key,
                                                const Canceled &canceled);
    Result<Snapshot> snapshot(const eth::Address &account);
    Result<double> poolPrice();
    Result<u256> amountToTarget(const Snapshot &pool, double targetPrice, bool raise) const;
};

MarketSimulator::MarketSimulator(SimulatorTarget target, SimulatorConfig config) : d(std::make_unique<Impl>())
{
    d->target = std::move(target);
    d->config = config;
    d->seed = config.seed != 0 ? config.seed : QRandomGenerator::global()->generate64() | 1;
    d->rng.seed(d->seed);
    d->delayRng.seed(d->seed ^ 0x9e3779b97f4a7c15ULL);
}

MarketSimulator::~MarketSimulator()
{
    // The executor and sender use the client: end them first.
    d->executor.reset();
    d->sender.reset();
    d->nonces.reset();
    d->client.reset();
}

const SimulatorConfig &MarketSimulator::config() const { return d->config; }
quint64 MarketSimulator::seed() const { return d->seed; }
double MarketSimulator::initialPoolPrice() const { return d->initialPoolPrice; }
SimulatorState MarketSimulator::state() const { return d->state; }

Status MarketSimulator::validate(const SimulatorConfig &config)
{
    auto usage = [](const QString &message) { return Error::make(Error::Kind::Usage, message); };
    if (!std::isfinite(config.driftPerDay) || std::abs(config.driftPerDay) > 1000)
        return usage(tr("The drift must be a number between −1000 and 1000 per day."));
    if (!std::isfinite(config.volatilityPerDay) || config.volatilityPerDay < 0 || config.volatilityPerDay > 100)
        return usage(tr("The volatility must be between 0 and 100 per √day."));
    if (!std::isfinite(config.swapsPerMinute) || config.swapsPerMinute < 0 || config.swapsPerMinute > 60000)
        return usage(tr("The swap rate must be between 0 (as fast as possible) and 60,000 per minute."));
    if (!std::isfinite(config.medianTradeEth) || config.medianTradeEth < 0.0001 || config.medianTradeEth > 1000)
        return usage(tr("The median trade must be between 0.0001 and 1,000 ETH."));
    if (!std::isfinite(config.noiseTradeShare) || config.noiseTradeShare < 0 || config.noiseTradeShare > 1)
        return usage(tr("The share of noise trades must be between 0 and 1."));
    if (config.maxSwaps < 0)
        return usage(tr("The number of swaps cannot be negative."));
    if (config.driftPerDay == 0 && config.volatilityPerDay == 0 && config.noiseTradeShare == 0)
        return usage(tr("With no drift, no volatility and no noise trades nothing would ever trade."));
    return {};
}

Status MarketSimulator::Impl::connect()
{
    const QUrl url(target.rpcUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Error::make(Error::Kind::Usage, tr("The market simulator needs the http(s) URL of the node."));
    // Never on a real network: the traders are anvil's public test accounts and funding uses anvil's
    // cheat methods. The sandbox and forks are nodes on this machine.
    if (!chain::isLoopbackUrl(url))
        return Error::make(Error::Kind::Usage,
                           tr("The market simulator trades only on a node on this machine (the sandbox or a fork), "
                              "not on %1.")
                               .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{url}, chain::chainRpcOptions(url));
    nonces = std::make_unique<eth::NonceManager>(rpc());
    sender = std::make_unique<eth::TransactionSender>(client.get(), nonces.get());
    sender->setPollIntervalMs(20);
    executor = std::make_unique<uniswap::SwapExecutor>(client.get(), sender.get(), target.venue, target.chainId);

    eth::EthRpc api = rpc();
    auto id = eth::awaitRpc<quint64>(client.get(), [&](auto done) { return api.chainId(done); });
    if (!id)
        return id.error().toError();
    if (*id != target.chainId)
        return chainError(tr("The node is on chain %1, not on chain %2 the simulator was set up for.").arg(*id).arg(target.chainId));
    // Funding uses anvil's cheat methods and the traders' keys are public: an anvil node only (a
    // local node of the real network would refuse them anyway; this says so up front).
    auto version = eth::awaitRpc<QJsonValue>(client.get(), [&](auto done) {
        return client->call(QStringLiteral("web3_clientVersion"), QJsonArray(), done);
    });
    if (!version)
        return version.error().toError();
    if (!version->toString().startsWith(QLatin1String("anvil"), Qt::CaseInsensitive))
        return Error::make(Error::Kind::Usage,
                           tr("The market simulator trades only on an anvil node (the sandbox or a fork); this node is "
                              "%1.")
                               .arg(version->toString().left(60)));
    const QList<QPair<QString, eth::Address>> contracts{{QStringLiteral("PoolManager"), target.venue.poolManager},
                                                        {QStringLiteral("StateView"), target.venue.stateView},
                                                        {QStringLiteral("V4Quoter"), target.venue.quoter},
                                                        {QStringLiteral("UniversalRouter"), target.venue.universalRouter},
                                                        {QStringLiteral("Permit2"), target.venue.permit2},
                                                        {QStringLiteral("USDC"), target.venue.usdc}};
    for (const auto &contract : contracts) {
        // Named copies: C++17 lambdas cannot capture structured bindings.
        const QString &name = contract.first;
        const eth::Address &address = contract.second;
        auto code = eth::awaitRpc<QByteArray>(
            client.get(), [&](auto done) { return api.getCode(address, eth::BlockTag::latest(), done); });
        if (!code)
            return code.error().toError();
        if (code->isEmpty())
            return chainError(tr("There is no %1 contract at %2 on this node.").arg(name, address.toChecksumString()));
    }
    return {};
}

Status MarketSimulator::Impl::fund(const Trader &trader)
{
    eth::EthRpc api = rpc();
    auto wei = eth::awaitRpc<u256>(
        client.get(), [&](auto done) { return api.getBalance(trader.address, eth::BlockTag::latest(), done); });
    if (!wei)
        return wei.error().toError();
    if (*wei < kTraderEth) {
        auto set = eth::awaitRpc<void>(client.get(),
                                       [&](auto done) { return api.anvilSetBalance(trader.address, kTraderEth, done); });
        if (!set)
            return set.error().toError();
    }

    eth::CallRequest balanceOf;
    balanceOf.to = target.venue.usdc;
    balanceOf.data = uniswap::encodeErc20BalanceOf(trader.address);
    auto readUsdc = [&]() -> Result<u256> {
        auto bytes = eth::awaitRpc<QByteArray>(
            client.get(), [&](auto done) { return api.call(balanceOf, eth::BlockTag::latest(), done); });
        if (!bytes)
            return bytes.error().toError();
        return uniswap::decodeUint256(*bytes);
    };
    auto usdc = readUsdc();
    if (!usdc)
        return usdc.error();
    if (*usdc >= kTraderUsdc)
        return {};
    const u256 slot = chain::usdcBalanceSlot(trader.address, usdcProfile(target.venue));
    auto write = eth::awaitRpc<void>(client.get(), [&](auto done) {
        return api.anvilSetStorageAt(target.venue.usdc, slot, kTraderUsdc, done);
    });
    if (!write)
        return write.error().toError();
    auto after = readUsdc();
    if (!after)
        return after.error();
    if (*after != kTraderUsdc)
        return chainError(tr("The traders' USDC balance could not be set on this chain."),
                          QStringLiteral("slot %1 of %2").arg(eth::toHexQuantity(slot), target.venue.usdc.toChecksumString()));
    return {};
}

Result<QList<QJsonValue>> MarketSimulator::Impl::batchRead(const QList<eth::RpcRequest> &requests)
{
    auto answers = eth::awaitRpc<QList<eth::RpcResult<QJsonValue>>>(
        client.get(), [&](auto done) { return client->batch(requests, done); });
    if (!answers)
        return answers.error().toError();
    QList<QJsonValue> values;
    for (const auto &answer : *answers) {
        if (!answer)
            return answer.error().toError();
        values.append(answer.value());
    }
    return values;
}

Result<eth::TransactionReceipt> MarketSimulator::Impl::sendAndWait(const eth::SendRequest &request,
                                                                   const eth::KeySource &key, const Canceled &canceled)
{
    eth::SendWaitHooks hooks;
    hooks.canceled = [&] { return (canceled && canceled()) || nodeDown(); };
    const eth::SendOutcome outcome = eth::awaitSend(sender.get(), request, key, hooks);
    if (!outcome.receipt)
        return outcome.error;
    return *outcome.receipt;
}

Status MarketSimulator::Impl::approve(const Trader &trader, const Canceled &canceled)
{
    const uniswap::Venue &venue = target.venue;
    eth::CallRequest tokenAllowance;
    tokenAllowance.to = venue.usdc;
    tokenAllowance.data = uniswap::encodeErc20Allowance(trader.address, venue.permit2);
    eth::CallRequest routerAllowance;
    routerAllowance.to = venue.permit2;
    routerAllowance.data = uniswap::encodePermit2Allowance(trader.address, venue.usdc, venue.universalRouter);
    const QList<eth::RpcRequest> requests{eth::EthRpc::callRequest(tokenAllowance, eth::BlockTag::latest()),
                                          eth::EthRpc::callRequest(routerAllowance, eth::BlockTag::latest()),
                                          {QStringLiteral("eth_getBlockByNumber"), QJsonArray{QStringLiteral("latest"), false}}};
    auto answers = batchRead(requests);
    if (!answers)
        return answers.error();
    auto tokenBytes = eth::json::bytes(answers->at(0));
    auto routerBytes = eth::json::bytes(answers->at(1));
    auto block = eth::json::block(answers->at(2));
    if (!tokenBytes || !routerBytes || !block)
        return Error::make(Error::Kind::Protocol, tr("The node sent an answer that is not valid."));
    auto toPermit2 = uniswap::decodeUint256(*tokenBytes);
    if (!toPermit2)
        return toPermit2.error();
    auto toRouter = uniswap::decodePermit2Allowance(*routerBytes);
    if (!toRouter)
        return toRouter.error();
    const quint64 now = std::max<quint64>(block->timestamp, QDateTime::currentSecsSinceEpoch());
    const uniswap::Permit2Plan plan = uniswap::planPermit2(*toPermit2, *toRouter, kTraderUsdc, now);

    auto send = [&](const eth::Address &to, const QByteArray &data) -> Status {
        eth::SendRequest request;
        request.chainId = target.chainId;
        request.from = trader.address;
        request.to = to;
        request.data = data;
        auto receipt = sendAndWait(request, trader.keySource(), canceled);
        if (!receipt)
            return receipt.error();
        if (!receipt->status)
            return chainError(tr("A trader's USDC approval was reverted."), receipt->transactionHash.toHex());
        return {};
    };
    if (plan.approveToken) {
        if (Status s = send(venue.usdc, uniswap::encodeErc20Approve(venue.permit2, eth::maxUnsigned(256))); !s)
            return s;
    }
    if (plan.approveRouter) {
        if (Status s = send(venue.permit2, uniswap::encodePermit2Approve(venue.usdc, venue.universalRouter,
                                                                           eth::maxUnsigned(160), plan.newExpiration));
            !s)
            return s;
    }
    return {};
}

Result<Snapshot> MarketSimulator::Impl::snapshot(const eth::Address &account)
{
    const uniswap::Venue &venue = target.venue;
    eth::CallRequest slot0;
    slot0.to = venue.stateView;
    slot0.data = uniswap::encodeGetSlot0(venue.poolId());
    eth::CallRequest liquidity;
    liquidity.to = venue.stateView;
    liquidity.data = uniswap::encodeGetLiquidity(venue.poolId());
    eth::CallRequest usdc;
    usdc.to = venue.usdc;
    usdc.data = uniswap::encodeErc20BalanceOf(account);
    const QList<eth::RpcRequest> requests{eth::EthRpc::callRequest(slot0, eth::BlockTag::latest()),
                                          eth::EthRpc::callRequest(liquidity, eth::BlockTag::latest()),
                                          eth::EthRpc::getBalanceRequest(account, eth::BlockTag::latest()),
                                          eth::EthRpc::callRequest(usdc, eth::BlockTag::latest())};
    auto answers = batchRead(requests);
    if (!answers)
        return answers.error();
    auto slot0Bytes = eth::json::bytes(answers->at(0));
    auto liquidityBytes = eth::json::bytes(answers->at(1));
    auto wei = eth::json::quantity(answers->at(2));
    auto usdcBytes = eth::json::bytes(answers->at(3));
    if (!slot0Bytes || !liquidityBytes || !wei || !usdcBytes)
        return Error::make(Error::Kind::Protocol, tr("The node sent an answer that is not valid."));
    auto decodedSlot0 = uniswap::decodeSlot0(*slot0Bytes);
    if (!decodedSlot0)
        return decodedSlot0.error();
    auto decodedLiquidity = uniswap::decodeLiquidity(*liquidityBytes);
    if (!decodedLiquidity)
        return decodedLiquidity.error();
    auto units = uniswap::decodeUint256(*usdcBytes);
    if (!units)
        return units.error();
    Snapshot snap;
    snap.sqrtPriceX96 = decodedSlot0->sqrtPriceX96;
    snap.lpFee = decodedSlot0->lpFee;
    snap.liquidity = *decodedLiquidity;
    snap.ethBalance = *wei;
    snap.usdcBalance = *units;
    return snap;
}

Result<double> MarketSimulator::Impl::poolPrice()
{
    eth::CallRequest slot0;
    slot0.to = target.venue.stateView;
    slot0.data = uniswap::encodeGetSlot0(target.venue.poolId());
    eth::EthRpc api = rpc();
    auto bytes = eth::awaitRpc<QByteArray>(client.get(),
                                           [&](auto done) { return api.call(slot0, eth::BlockTag::latest(), done); });
    if (!bytes)
        return bytes.error().toError();
    auto decoded = uniswap::decodeSlot0(*bytes);
    if (!decoded)
        return decoded.error();
    return priceFromSqrtPriceX96(decoded->sqrtPriceX96);
}

// The input that moves the price from the pool's to the target within the current liquidity, fee
// included (rounded down, so the trade stops short of the target rather than past it).
Result<u256> MarketSimulator::Impl::amountToTarget(const Snapshot &pool, double targetPrice, bool raise) const
{
    auto sqrtTarget = uniswap::sqrtPriceFromPrice(QString::number(targetPrice, 'f', 6), 18, target.venue.usdcDecimals);
    if (!sqrtTarget)
        return sqrtTarget.error();
    const u512 liquidity = pool.liquidity;
    const u512 current = pool.sqrtPriceX96;
    const u512 wanted = *sqrtTarget;
    u512 delta = 0;
    if (raise && wanted > current)
        delta = liquidity * (wanted - current) >> 96;                              // Δy, USDC units
    else if (!raise && wanted < current && wanted > 0)
        delta = (liquidity << 96) / wanted - (liquidity << 96) / current;          // Δx, wei
    // The fee comes off the input before it moves the price.
    const u512 feeDenominator = 1'000'000 - std::min<quint32>(pool.lpFee, 999'999);
    delta = delta * 1'000'000 / feeDenominator;
    const u512 cap = eth::maxUnsigned(128);   // the quoter's amounts are uint128
    return u256(std::min(delta, cap));
}

Status MarketSimulator::prepare(const Canceled &canceled)
{
    auto stopped = [&] { return canceled && canceled(); };
    if (Status valid = validate(d->config); !valid)
        return valid;
    d->state = SimulatorState();
    d->state.text = tr("Connecting to the node");
    if (Status connected = d->connect(); !connected)
        return connected;
    if (stopped())
        return Error::canceled();

    d->traders.clear();
    const QList<eth::Address> addresses = simulatorTraders();
    for (int i = 0; i < addresses.size(); ++i) {
        auto key = chain::sandboxAccountKey(kFirstTraderAccount + i);
        if (!key)
            return key.error();
        Trader trader;
        trader.accountIndex = kFirstTraderAccount + i;
        trader.address = addresses.at(i);
        trader.key = std::make_shared<eth::PrivateKey>(std::move(*key));
        d->traders.append(trader);
    }
    for (const Trader &trader : std::as_const(d->traders)) {
        if (Status funded = d->fund(trader); !funded)
            return funded;
        if (stopped())
            return Error::canceled();
        if (Status approved = d->approve(trader, canceled); !approved)
            return approved;
        if (stopped())
            return Error::canceled();
    }
    auto price = d->poolPrice();
    if (!price)
        return price.error();
    d->initialPoolPrice = *price;
    d->state.running = true;
    d->state.poolPrice = *price;
    d->state.targetPrice = *price;
    d->state.text = tr("Trading toward a target price that starts at the pool's %1 USDC per ETH.")
                        .arg(QString::number(*price, 'f', 2));
    d->prepared = true;
    d->sinceStep.start();
    qCInfo(lcMarket).noquote() << "market simulator ready on" << d->target.rpcUrl << "seed" << d->seed << "price"
                               << *price;
    return {};
}

qint64 MarketSimulator::nextDelayMs()
{
    if (d->config.swapsPerMinute <= 0)
        return 0;
    const double meanMs = 60000.0 / d->config.swapsPerMinute;
    const double u = uniform(d->delayRng);
    return static_cast<qint64>(std::llround(-std::log(1.0 - u) * meanMs));
}

Result<MarketSimulator::Step> MarketSimulator::step(const Canceled &canceled)
{
    if (!d->prepared)
        return Error::make(Error::Kind::Usage, tr("The market simulator is not prepared."));
    Impl &s = *d;
    const SimulatorConfig &config = s.config;

    // Every draw of the step up front, a fixed number, so a seed replays the same trades.
    const double gbmShock = standardNormal(s.rng);
    const double noiseDraw = uniform(s.rng);
    const double directionDraw = uniform(s.rng);
    const double sizeShock = standardNormal(s.rng);
    const Trader &trader = s.traders.at(static_cast<int>(s.steps % s.traders.size()));
    ++s.steps;

    // The target's GBM increment: exact lognormal step over dt days.
    const double seconds = config.swapsPerMinute > 0 ? s.sinceStep.nsecsElapsed() / 1e9 : kNominalStepSeconds;
    s.sinceStep.restart();
    const double dt = seconds / kSecondsPerDay;
    const double mu = config.driftPerDay;
    const double sigma = config.volatilityPerDay;
    s.state.targetPrice *= std::exp((mu - 0.5 * sigma * sigma) * dt + sigma * std::sqrt(dt) * gbmShock);

    Step result;
    result.targetPrice = s.state.targetPrice;
    auto fail = [&](const Error &error) -> Result<Step> {
        ++s.state.swapsFailed;
        ++s.failuresInRow;
        s.state.text = tr("A swap failed: %1").arg(error.message);
        qCWarning(lcMarket).noquote() << "simulated swap failed:" << error.toString();
        return error;
    };
    auto skip = [&](const QString &why) -> Result<Step> {
        result.poolPriceAfter = s.state.poolPrice;
        s.state.text = why;
        return result;
    };

    auto pool = s.snapshot(trader.address);
    if (!pool)
        return fail(pool.error());
    const double price = priceFromSqrtPriceX96(pool->sqrtPriceX96);
    s.state.poolPrice = price;

    // Direction and the most that makes sense in it.
    const bool noise = noiseDraw < config.noiseTradeShare;
    bool ethIn = false;
    std::optional<u256> targetCap;
    if (noise) {
        ethIn = directionDraw < 0.5;
    } else {
        const double gapBps = (s.state.targetPrice / price - 1.0) * 10000.0;
        if (std::abs(gapBps) < kAtTargetBps)
            return skip(tr("The pool sits at the target price."));
        if (pool->liquidity == 0)
            return skip(tr("The pool has no liquidity at this price."));
        ethIn = gapBps < 0;   // selling ETH lowers the price
        auto needed = s.amountToTarget(*pool, s.state.targetPrice, !ethIn);
        if (!needed)
            return fail(needed.error());
        targetCap = *needed;
    }

    // A log-normal size around the median, in the input token.
    const double sizeEth = config.medianTradeEth * std::min(std::exp(kSizeLogSigma * sizeShock), kMaxSizeMultiple);
    u256 amount = ethIn ? toUnits(sizeEth, 1e18) : toUnits(sizeEth * price, std::pow(10.0, s.target.venue.usdcDecimals));
    if (targetCap)
        amount = std::min(amount, *targetCap);
    // At most half of what the trader holds (and never the ETH kept for gas).
    const u256 spendable = ethIn ? (pool->ethBalance > kGasReserve ? (pool->ethBalance - kGasReserve) / 2 : u256(0))
                                 : pool->usdcBalance / 2;
    amount = std::min(amount, spendable);
    if (amount < (ethIn ? kMinEthIn : kMinUsdcIn)) {
        if (spendable < (ethIn ? kMinEthIn : kMinUsdcIn))
            return fail(chainError(tr("Trader %1 has run out of %2.")
                                       .arg(trader.address.toChecksumString(), ethIn ? QStringLiteral("ETH") : QStringLiteral("USDC"))));
        return skip(tr("The pool is close enough to the target."));
    }

    SwapOrder order;
    order.direction = ethIn ? SwapDirection::EthToUsdc : SwapDirection::UsdcToEth;
    order.amountIn = amount;
    order.slippageBps = kSlippageBps;
    order.account = trader.address;
    SwapRecord record;
    record.id = s.nextRecordId++;
    record.time = QDateTime::currentDateTimeUtc();
    record.direction = order.direction;
    record.account = order.account;
    record.amountIn = order.amountIn;
    uniswap::SwapExecutor::Hooks hooks;
    // A stop abandons a swap that is not sent yet; one that is sent is seen through to its receipt
    // (tens of ms on anvil), unless the node is gone.
    bool sent = false;
    hooks.sent = [&](const eth::Hash32 &) { sent = true; };
    hooks.canceled = [&] { return (!sent && canceled && canceled()) || s.nodeDown(); };
    record = s.executor->execute(record, order, trader.keySource(), hooks);
    if (record.status != SwapRecord::Status::Succeeded) {
        // Stopped on request while the swap was in flight: abandoned, not a failure of the market.
        if (record.error.kind == Error::Kind::Canceled && canceled && canceled() && !s.nodeDown()) {
            s.state.text = tr("Stopped.");
            return record.error;
        }
        return fail(record.error);
    }

    s.failuresInRow = 0;
    ++s.state.swapsDone;
    auto after = s.poolPrice();
    s.state.poolPrice = after ? *after : price;
    result.swapped = true;
    result.noise = noise;
    result.record = record;
    result.poolPriceAfter = s.state.poolPrice;
    s.state.text = tr("%n swap(s) made; target %1, pool %2 USDC per ETH.", nullptr, static_cast<int>(s.state.swapsDone))
                       .arg(QString::number(s.state.targetPrice, 'f', 2), QString::number(s.state.poolPrice, 'f', 2));
    return result;
}

QString MarketSimulator::stopReason(const Error &error) const
{
    if (error.kind == Error::Kind::Network || error.kind == Error::Kind::Timeout)
        return tr("The market simulator stopped because the node stopped answering: %1").arg(error.message);
    if (d->nodeDown())
        return tr("The market simulator stopped because the node stopped answering.");
    if (d->failuresInRow >= kMaxFailuresInRow)
        return tr("The market simulator stopped after %1 failed swaps in a row. The last one: %2")
            .arg(d->failuresInRow)
            .arg(error.message);
    return {};
}

} // namespace apedesk::market
