// apedesk-cli balances / quote / swap: the wallet pane's chain work without a window. The venue
// (pool and contracts) comes from the recorded deployment of a sandbox that `sandbox up` (or the app)
// started at that URL, else from the BASE profile when the node is chain 8453.

#include "commandline.h"
#include "chainlink.h"
#include "walletoptions.h"

#include "chain/networkprofile.h"
#include "chain/sandboxregistry.h"
#include "common/paths.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/noncemanager.h"
#include "eth/rpcawait.h"
#include "eth/sender.h"
#include "eth/units.h"
#include "uniswap/permit2.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swaperrors.h"
#include "uniswap/swapexecutor.h"
#include "uniswap/tickmath.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QUrl>

#include <memory>

namespace apedesk::cli {
namespace {

constexpr quint64 kBaseChainId = 8453;

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

Result<SwapDirection> directionFrom(const ParsedArgs &args)
{
    const auto direction = swapDirectionFromKey(args.value(QStringLiteral("--direction")));
    if (!direction)
        return usage(Cli::tr("--direction is eth-to-usdc or usdc-to-eth"));
    return *direction;
}

// --amount in the input token's units ("0.1" ETH, "300" USDC).
Result<eth::u256> amountFrom(const ParsedArgs &args, SwapDirection direction, int usdcDecimals)
{
    if (!args.has(QStringLiteral("--amount")))
        return usage(Cli::tr("--amount is required (in ETH or USDC, e.g. 0.1)"));
    auto amount = eth::parseUnits(args.value(QStringLiteral("--amount")),
                                  direction == SwapDirection::EthToUsdc ? 18 : usdcDecimals);
    if (!amount)
        return usage(QStringLiteral("--amount: ") + amount.error().message);
    if (*amount == 0)
        return usage(Cli::tr("--amount must be more than 0"));
    return *amount;
}

Result<int> slippageFrom(const ParsedArgs &args)
{
    if (!args.has(QStringLiteral("--slippage")))
        return 50;
    bool ok = false;
    const double percent = args.value(QStringLiteral("--slippage")).toDouble(&ok);
    if (!ok || percent < 0.01 || percent > 50)
        return usage(Cli::tr("--slippage is a percentage from 0.01 to 50"));
    return static_cast<int>(percent * 100 + 0.5);
}

QString tokenIn(SwapDirection direction) { return direction == SwapDirection::EthToUsdc ? QStringLiteral("ETH") : QStringLiteral("USDC"); }
QString tokenOut(SwapDirection direction) { return direction == SwapDirection::EthToUsdc ? QStringLiteral("USDC") : QStringLiteral("ETH"); }
int decimalsIn(SwapDirection direction, int usdc) { return direction == SwapDirection::EthToUsdc ? 18 : usdc; }
int decimalsOut(SwapDirection direction, int usdc) { return direction == SwapDirection::EthToUsdc ? usdc : 18; }

int balancesCommand(const QStringList &rawArgs, const Output &out)
{
    auto args = ParsedArgs::parse(rawArgs, {QStringLiteral("--rpc"), QStringLiteral("--account")}, {});
    if (!args)
        return fail(out, args.error());
    auto account = eth::Address::fromString(args->value(QStringLiteral("--account")));
    if (!account)
        return fail(out, usage(Cli::tr("--account needs an address: %1").arg(account.error().message)));
    auto link = connectTo(args->value(QStringLiteral("--rpc")));
    if (!link)
        return fail(out, link.error());
    eth::JsonRpcClient *client = (*link)->client.get();
    eth::EthRpc rpc(client);
    auto wei = eth::awaitRpc<eth::u256>(client, [&](auto done) {
        return rpc.getBalance(*account, eth::BlockTag::latest(), done);
    });
    if (!wei)
        return fail(out, wei.error().toError());
    eth::CallRequest call;
    call.to = (*link)->venue.usdc;
    call.data = uniswap::encodeErc20BalanceOf(*account);
    auto bytes = eth::awaitRpc<QByteArray>(client, [&](auto done) { return rpc.call(call, eth::BlockTag::latest(), done); });
    if (!bytes)
        return fail(out, bytes.error().toError());
    auto units = uniswap::decodeUint256(*bytes);
    if (!units)
        return fail(out, units.error());
    const int usdcDecimals = (*link)->venue.usdcDecimals;
    out.record({{QStringLiteral("account"), account->toChecksumString()},
                {QStringLiteral("chain_id"), QString::number((*link)->chainId)},
                {QStringLiteral("eth"), eth::formatUnits(*wei, 18)},
                {QStringLiteral("usdc"), eth::formatUnits(*units, usdcDecimals)},
                {QStringLiteral("eth_wei"), eth::toDecimal(*wei)},
                {QStringLiteral("usdc_units"), eth::toDecimal(*units)}});
    return Ok;
}

int quoteCommand(const QStringList &rawArgs, const Output &out)
{
    auto args = ParsedArgs::parse(rawArgs,
                                  {QStringLiteral("--rpc"), QStringLiteral("--direction"), QStringLiteral("--amount"),
                                   QStringLiteral("--slippage"), QStringLiteral("--account")},
                                  {});
    if (!args)
        return fail(out, args.error());
    auto direction = directionFrom(*args);
    if (!direction)
        return fail(out, direction.error());
    auto slippage = slippageFrom(*args);
    if (!slippage)
        return fail(out, slippage.error());
    auto link = connectTo(args->value(QStringLiteral("--rpc")));
    if (!link)
        return fail(out, link.error());
    const int usdcDecimals = (*link)->venue.usdcDecimals;
    auto amount = amountFrom(*args, *direction, usdcDecimals);
    if (!amount)
        return fail(out, amount.error());
    SwapOrder order;
    order.direction = *direction;
    order.amountIn = *amount;
    order.slippageBps = *slippage;
    if (args->has(QStringLiteral("--account"))) {
        auto account = eth::Address::fromString(args->value(QStringLiteral("--account")));
        if (!account)
            return fail(out, usage(Cli::tr("--account needs an address: %1").arg(account.error().message)));
        order.account = *account;
    }
    eth::NonceManager nonces(eth::EthRpc((*link)->client.get()));
    eth::TransactionSender sender((*link)->client.get(), &nonces);
    uniswap::SwapExecutor executor((*link)->client.get(), &sender, (*link)->venue, (*link)->chainId);
    const SwapQuote quote = executor.quote(order);
    if (!quote.ok)
        return fail(out, quote.error);
    out.record({{QStringLiteral("direction"), swapDirectionKey(*direction)},
                {QStringLiteral("amount_in"), eth::formatUnits(*amount, decimalsIn(*direction, usdcDecimals))},
                {QStringLiteral("token_in"), tokenIn(*direction)},
                {QStringLiteral("expected_out"), eth::formatUnits(quote.expectedOut, decimalsOut(*direction, usdcDecimals))},
                {QStringLiteral("minimum_out"), eth::formatUnits(quote.minimumOut, decimalsOut(*direction, usdcDecimals))},
                {QStringLiteral("token_out"), tokenOut(*direction)},
                {QStringLiteral("expected_out_units"), eth::toDecimal(quote.expectedOut)},
                {QStringLiteral("minimum_out_units"), eth::toDecimal(quote.minimumOut)},
                {QStringLiteral("price"), quote.expectedPrice},
                {QStringLiteral("price_impact_pct"), QString::number(quote.priceImpactPercent, 'f', 4)},
                {QStringLiteral("gas_estimate"), eth::toDecimal(quote.gasEstimate)}});
    return Ok;
}

int swapCommand(const QStringList &rawArgs, const Output &out)
{
    QStringList translated = rawArgs;
    for (QString &arg : translated) {   // the short spelling of the key option
        if (arg == QLatin1String("--key-env"))
            arg = QStringLiteral("--private-key-env");
        else if (arg.startsWith(QLatin1String("--key-env=")))
            arg.replace(0, 9, QStringLiteral("--private-key-env"));
    }
    QStringList valued{QStringLiteral("--rpc"), QStringLiteral("--direction"), QStringLiteral("--amount"),
                       QStringLiteral("--slippage")};
    valued << keySourceOptions();
    auto args = ParsedArgs::parse(translated, valued, {QStringLiteral("--live")});
    if (!args)
        return fail(out, args.error());
    auto direction = directionFrom(*args);
    if (!direction)
        return fail(out, direction.error());
    auto slippage = slippageFrom(*args);
    if (!slippage)
        return fail(out, slippage.error());
    auto key = loadKey(*args);
    if (!key)
        return fail(out, key.error());
    auto link = connectTo(args->value(QStringLiteral("--rpc")));
    if (!link)
        return fail(out, link.error());
    // Paper by default: signing for anything but a local chain 8453 needs --live.
    const bool paper = chain::isLoopbackUrl((*link)->url) && (*link)->chainId == kBaseChainId;
    if (!paper && !args->has(QStringLiteral("--live")))
        return fail(out, usage(Cli::tr("%1 is not a local chain 8453; add --live to trade there with real funds")
                                   .arg((*link)->url.toDisplayString(QUrl::RemoveUserInfo))));
    const int usdcDecimals = (*link)->venue.usdcDecimals;
    auto amount = amountFrom(*args, *direction, usdcDecimals);
    if (!amount)
        return fail(out, amount.error());

    SwapOrder order;
    order.direction = *direction;
    order.amountIn = *amount;
    order.slippageBps = *slippage;
    order.account = key->address();
    // The sender asks for the key at signing; the CLI holds it for its one swap (and approvals).
    auto held = std::make_shared<eth::PrivateKey>(std::move(*key));
    const eth::KeySource keySource = [held]() -> Result<eth::PrivateKey> {
        return eth::PrivateKey::fromBytes(eth::SecretBytes(QByteArray(held->secret().bytes().constData(), held->secret().bytes().size())));
    };

    eth::NonceManager nonces(eth::EthRpc((*link)->client.get()));
    eth::TransactionSender sender((*link)->client.get(), &nonces);
    sender.setPollIntervalMs(chain::isLoopbackUrl((*link)->url) ? 20 : 500);
    uniswap::SwapExecutor executor((*link)->client.get(), &sender, (*link)->venue, (*link)->chainId);
    SwapRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.direction = order.direction;
    record.account = order.account;
    record.amountIn = order.amountIn;
    uniswap::SwapExecutor::Hooks hooks;
    hooks.stage = [&out](SwapStage, const QString &text) { out.text(text); };
    record = executor.execute(record, order, keySource, hooks);
    if (record.status != SwapRecord::Status::Succeeded) {
        Error error = record.error;
        if (!record.txHash.isZero())
            error.detail = record.txHash.toHex() + (error.detail.isEmpty() ? QString() : QStringLiteral("; ") + error.detail);
        return fail(out, error);
    }
    out.record({{QStringLiteral("tx_hash"), record.txHash.toHex()},
                {QStringLiteral("direction"), swapDirectionKey(record.direction)},
                {QStringLiteral("account"), record.account.toChecksumString()},
                {QStringLiteral("amount_in"), eth::formatUnits(record.amountIn, decimalsIn(record.direction, usdcDecimals))},
                {QStringLiteral("token_in"), tokenIn(record.direction)},
                {QStringLiteral("amount_out"), eth::formatUnits(record.amountOut, decimalsOut(record.direction, usdcDecimals))},
                {QStringLiteral("token_out"), tokenOut(record.direction)},
                {QStringLiteral("amount_in_units"), eth::toDecimal(record.amountIn)},
                {QStringLiteral("amount_out_units"), eth::toDecimal(record.amountOut)},
                {QStringLiteral("effective_price"), record.effectivePrice},
                {QStringLiteral("gas_used"), eth::toDecimal(record.gasUsed)},
                {QStringLiteral("gas_fee_eth"), eth::formatUnits(record.gasFeeWei, 18)}});
    return Ok;
}

} // namespace

int balancesEntry(const QStringList &args, const Output &out) { return balancesCommand(args, out); }
int quoteEntry(const QStringList &args, const Output &out) { return quoteCommand(args, out); }
int swapEntry(const QStringList &args, const Output &out) { return swapCommand(args, out); }

} // namespace apedesk::cli
