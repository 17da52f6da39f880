#include "swapexecutor.h"

#include "common/logging.h"
#include "eth/jsonrpcapi.h"
#include "eth/rpcawait.h"
#include "eth/units.h"
#include "permit2.h"
#include "poolcodec.h"
#include "swaperrors.h"
#include "swapevent.h"
#include "swapmath.h"
#include "tickmath.h"
#include "universalrouter.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace apedesk::uniswap {

using eth::u256;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::uniswap::SwapExecutor", text); }

Error chainError(const QString &message, const QString &detail = {})
{
    return Error::make(Error::Kind::Chain, message, detail);
}

Error rpcFailure(const eth::RpcError &error)
{
    return error.toError();
}

eth::RpcRequest blockRequest()
{
    return {QStringLiteral("eth_getBlockByNumber"), QJsonArray{QStringLiteral("latest"), false}};
}

} // namespace

SwapExecutor::SwapExecutor(eth::JsonRpcClient *client, eth::TransactionSender *sender, Venue venue, quint64 chainId)
    : m_client(client), m_sender(sender), m_venue(std::move(venue)), m_chainId(chainId)
{
}

QString SwapExecutor::outSymbol(const SwapOrder &order) const
{
    return order.direction == SwapDirection::EthToUsdc ? QStringLiteral("USDC") : QStringLiteral("ETH");
}

int SwapExecutor::outDecimals(const SwapOrder &order) const
{
    return order.direction == SwapDirection::EthToUsdc ? m_venue.usdcDecimals : 18;
}

Result<u256> SwapExecutor::quoteOut(const SwapOrder &order)
{
    eth::CallRequest call;
    call.to = m_venue.quoter;
    call.data = encodeQuoteExactInputSingle(m_venue.poolKey, order.direction == SwapDirection::EthToUsdc, order.amountIn);
    eth::EthRpc rpc(m_client);
    auto answer = eth::awaitRpc<QByteArray>(m_client, [&](auto done) { return rpc.call(call, eth::BlockTag::latest(), done); });
    if (!answer) {
        if (answer.error().isRevert())
            return chainError(tr("The pool cannot quote this amount; it may be more than its liquidity can fill."),
                              answer.error().detail());
        return rpcFailure(answer.error());
    }
    auto quote = decodeQuote(*answer);
    if (!quote)
        return quote.error();
    if (quote->amountOut == 0)
        return chainError(tr("The pool would give nothing for this amount; try a larger one."));
    return quote->amountOut;
}

SwapQuote SwapExecutor::quote(const SwapOrder &order)
{
    SwapQuote result;
    result.order = order;
    result.order.password.clear();
    const bool zeroForOne = order.direction == SwapDirection::EthToUsdc;
    if (order.amountIn == 0) {
        result.error = Error::make(Error::Kind::Usage, tr("Enter an amount to swap."));
        return result;
    }

    // Quote, price and fees in one request.
    eth::CallRequest quoteCall;
    quoteCall.to = m_venue.quoter;
    quoteCall.data = encodeQuoteExactInputSingle(m_venue.poolKey, zeroForOne, order.amountIn);
    eth::CallRequest slot0Call;
    slot0Call.to = m_venue.stateView;
    slot0Call.data = encodeGetSlot0(m_venue.poolId());
    const QList<eth::RpcRequest> requests{
        eth::EthRpc::callRequest(quoteCall, eth::BlockTag::latest()),
        eth::EthRpc::callRequest(slot0Call, eth::BlockTag::latest()),
        eth::EthRpc::feeHistoryRequest(5, eth::BlockTag::latest(), {50.0}),
    };
    auto answers = eth::awaitRpc<QList<eth::RpcResult<QJsonValue>>>(
        m_client, [&](auto done) { return m_client->batch(requests, done); });
    if (!answers) {
        result.error = rpcFailure(answers.error());
        return result;
    }
    const auto &list = *answers;
    if (!list.at(0)) {
        result.error = list.at(0).error().isRevert()
                           ? chainError(tr("The pool cannot quote this amount; it may be more than its liquidity can fill."),
                                        list.at(0).error().detail())
                           : rpcFailure(list.at(0).error());
        return result;
    }
    for (int i = 1; i < list.size(); ++i) {
        if (!list.at(i)) {
            result.error = rpcFailure(list.at(i).error());
            return result;
        }
    }
    auto quoteBytes = eth::json::bytes(list.at(0).value());
    auto slot0Bytes = eth::json::bytes(list.at(1).value());
    auto history = eth::json::feeHistory(list.at(2).value());
    if (!quoteBytes || !slot0Bytes || !history) {
        result.error = Error::make(Error::Kind::Protocol, tr("The node sent an answer that is not valid."));
        return result;
    }
    auto quoted = decodeQuote(*quoteBytes);
    auto slot0 = decodeSlot0(*slot0Bytes);
    if (!quoted) {
        result.error = quoted.error();
        return result;
    }
    if (!slot0) {
        result.error = slot0.error();
        return result;
    }
    if (quoted->amountOut == 0) {
        result.error = chainError(tr("The pool would give nothing for this amount; try a larger one."));
        return result;
    }
    auto minimum = minimumOut(quoted->amountOut, order.slippageBps);
    if (!minimum) {
        result.error = minimum.error();
        return result;
    }
    auto fees = eth::suggestFees(*history, m_sender->feePolicy());

    result.expectedOut = quoted->amountOut;
    result.minimumOut = *minimum;
    result.priceImpactPercent = priceImpactPercent(slot0->sqrtPriceX96, zeroForOne, order.amountIn, quoted->amountOut,
                                                   18, m_venue.usdcDecimals);
    result.expectedPrice = zeroForOne ? executionPrice(order.amountIn, quoted->amountOut)
                                      : executionPrice(quoted->amountOut, order.amountIn);
    // The swap's own gas: the router's estimate when the account could send it now (an ETH sale
    // always can), else the quoter's figure plus the router's usual overhead.
    result.gasEstimate = quoted->gasEstimate + 70000;
    auto call = encodeSwapExactInSingleCall(
        ExactInSingle{m_venue.poolKey, zeroForOne, order.amountIn, *minimum, {}}, m_venue.routerVersion,
        static_cast<quint64>(QDateTime::currentSecsSinceEpoch()) + kDeadlineSeconds * 10);
    if (call && !order.account.isZero()) {
        eth::CallRequest estimate;
        estimate.from = order.account;
        estimate.to = m_venue.universalRouter;
        estimate.value = call->value;
        estimate.data = call->calldata;
        eth::EthRpc rpc(m_client);
        auto gas = eth::awaitRpc<u256>(m_client, [&](auto done) { return rpc.estimateGas(estimate, done); });
        if (gas)
            result.gasEstimate = *gas;
    }
    if (fees)
        result.gasCostWei = result.gasEstimate * fees->maxFeePerGas;
    result.ok = true;
    return result;
}

eth::SendOutcome SwapExecutor::sendAndWait(const eth::SendRequest &request, const eth::KeySource &key,
                                           const Hooks &hooks)
{
    eth::SendWaitHooks waitHooks;
    waitHooks.sent = hooks.sent;
    waitHooks.canceled = hooks.canceled;
    eth::SendOutcome outcome = eth::awaitSend(m_sender, request, key, waitHooks);
    if (outcome.unknown)
        outcome.error = Error::make(outcome.error.kind,
                                    tr("The swap was sent, but the node stopped answering before it was "
                                       "mined, so whether it went through is not known."),
                                    outcome.error.toString());
    return outcome;
}

Status SwapExecutor::ensurePermit2(const SwapOrder &order, const eth::FeeSuggestion &fees, const eth::KeySource &key,
                                   quint64 nowSeconds, const Hooks &hooks)
{
    eth::CallRequest tokenAllowance;
    tokenAllowance.to = m_venue.usdc;
    tokenAllowance.data = encodeErc20Allowance(order.account, m_venue.permit2);
    eth::CallRequest routerAllowance;
    routerAllowance.to = m_venue.permit2;
    routerAllowance.data = encodePermit2Allowance(order.account, m_venue.usdc, m_venue.universalRouter);
    const QList<eth::RpcRequest> requests{eth::EthRpc::callRequest(tokenAllowance, eth::BlockTag::latest()),
                                          eth::EthRpc::callRequest(routerAllowance, eth::BlockTag::latest())};
    auto answers = eth::awaitRpc<QList<eth::RpcResult<QJsonValue>>>(
        m_client, [&](auto done) { return m_client->batch(requests, done); });
    if (!answers)
        return rpcFailure(answers.error());
    for (const auto &answer : *answers)
        if (!answer)
            return rpcFailure(answer.error());
    auto tokenBytes = eth::json::bytes(answers->at(0).value());
    auto routerBytes = eth::json::bytes(answers->at(1).value());
    if (!tokenBytes || !routerBytes)
        return Error::make(Error::Kind::Protocol, tr("The node sent an answer that is not valid."));
    auto toPermit2 = decodeUint256(*tokenBytes);
    auto toRouter = decodePermit2Allowance(*routerBytes);
    if (!toPermit2)
        return toPermit2.error();
    if (!toRouter)
        return toRouter.error();
    const Permit2Plan plan = planPermit2(*toPermit2, *toRouter, order.amountIn, nowSeconds);

    auto approve = [&](const eth::Address &to, const QByteArray &data, const QString &what) -> Status {
        if (hooks.stage)
            hooks.stage(SwapStage::Approving, what);
        eth::SendRequest request;
        request.chainId = m_chainId;
        request.from = order.account;
        request.to = to;
        request.data = data;
        request.fees = fees;
        Hooks quiet;
        quiet.canceled = hooks.canceled;
        const eth::SendOutcome outcome = sendAndWait(request, key, quiet);
        if (!outcome.receipt)
            return outcome.error;
        if (!outcome.receipt->status)
            return chainError(tr("The approval transaction was reverted."), outcome.receipt->transactionHash.toHex());
        return {};
    };
    if (plan.approveToken) {
        const Status status = approve(m_venue.usdc, encodeErc20Approve(m_venue.permit2, eth::maxUnsigned(256)),
                                      tr("Allowing Permit2 to move your USDC (once)"));
        if (!status)
            return status;
    }
    if (plan.approveRouter) {
        const Status status = approve(m_venue.permit2,
                                      encodePermit2Approve(m_venue.usdc, m_venue.universalRouter, eth::maxUnsigned(160),
                                                           plan.newExpiration),
                                      tr("Allowing the Universal Router to spend USDC through Permit2"));
        if (!status)
            return status;
    }
    return {};
}

QString SwapExecutor::revertInWords(const QByteArray &revertData, const SwapOrder &order, const u256 &quoted,
                                    const u256 &minimum) const
{
    SwapContext context;
    context.slippageBps = order.slippageBps;
    context.outSymbol = outSymbol(order);
    context.outDecimals = outDecimals(order);
    context.quotedOut = quoted;
    context.minimumOut = minimum;
    return describeSwapRevert(revertData, context);
}

SwapRecord SwapExecutor::execute(SwapRecord record, const SwapOrder &order, const eth::KeySource &key,
                                 const Hooks &hooks)
{
    auto stage = [&](SwapStage s, const QString &text) {
        if (hooks.stage)
            hooks.stage(s, text);
    };
    auto fail = [&](const Error &error) {
        record.status = SwapRecord::Status::Failed;
        record.error = error;
        stage(SwapStage::Failed, error.message);
        return record;
    };
    auto canceled = [&] { return hooks.canceled && hooks.canceled(); };
    const bool ethIn = order.direction == SwapDirection::EthToUsdc;

    // 1. Validate against fresh balances, the chain's clock and fees.
    stage(SwapStage::Validating, tr("Checking balances"));
    if (order.amountIn == 0)
        return fail(Error::make(Error::Kind::Usage, tr("Enter an amount to swap.")));
    const u256 minimumIn = ethIn ? u256(1'000'000'000'000ULL) : u256(10'000);   // 0.000001 ETH, 0.01 USDC
    if (order.amountIn < minimumIn)
        return fail(Error::make(Error::Kind::Usage,
                                ethIn ? tr("The smallest swap is 0.000001 ETH.") : tr("The smallest swap is 0.01 USDC.")));
    eth::CallRequest usdcBalance;
    usdcBalance.to = m_venue.usdc;
    usdcBalance.data = encodeErc20BalanceOf(order.account);
    const QList<eth::RpcRequest> requests{
        eth::EthRpc::getBalanceRequest(order.account, eth::BlockTag::latest()),
        eth::EthRpc::callRequest(usdcBalance, eth::BlockTag::latest()),
        blockRequest(),
        eth::EthRpc::feeHistoryRequest(5, eth::BlockTag::latest(), {50.0}),
    };
    auto answers = eth::awaitRpc<QList<eth::RpcResult<QJsonValue>>>(
        m_client, [&](auto done) { return m_client->batch(requests, done); });
    if (!answers)
        return fail(rpcFailure(answers.error()));
    for (const auto &answer : *answers)
        if (!answer)
            return fail(rpcFailure(answer.error()));
    auto ethBalance = eth::json::quantity(answers->at(0).value());
    auto usdcBytes = eth::json::bytes(answers->at(1).value());
    auto block = eth::json::block(answers->at(2).value());
    auto history = eth::json::feeHistory(answers->at(3).value());
    if (!ethBalance || !usdcBytes || !block || !history)
        return fail(Error::make(Error::Kind::Protocol, tr("The node sent an answer that is not valid.")));
    auto usdcHeld = decodeUint256(*usdcBytes);
    if (!usdcHeld)
        return fail(usdcHeld.error());
    auto fees = eth::suggestFees(*history, m_sender->feePolicy());
    if (!fees)
        return fail(fees.error());
    const u256 gasReserve = u256(kGasReserveUnits) * fees->maxFeePerGas;
    if (ethIn) {
        if (order.amountIn + gasReserve > *ethBalance)
            return fail(Error::make(
                Error::Kind::Usage,
                tr("Not enough ETH: you have %1 ETH; this swap needs %2 ETH plus up to %3 ETH for gas.")
                    .arg(eth::formatUnits(*ethBalance, 18, 6), eth::formatUnits(order.amountIn, 18, 18),
                         eth::formatUnits(gasReserve, 18, 6))));
    } else {
        if (order.amountIn > *usdcHeld)
            return fail(Error::make(Error::Kind::Usage,
                                    tr("Not enough USDC: you have %1 USDC; this swap needs %2 USDC.")
                                        .arg(eth::formatUnits(*usdcHeld, m_venue.usdcDecimals, 6),
                                             eth::formatUnits(order.amountIn, m_venue.usdcDecimals, 6))));
        if (gasReserve > *ethBalance)
            return fail(Error::make(Error::Kind::Usage,
                                    tr("Not enough ETH for gas: you have %1 ETH and need up to %2 ETH.")
                                        .arg(eth::formatUnits(*ethBalance, 18, 6), eth::formatUnits(gasReserve, 18, 6))));
    }
    if (canceled())
        return fail(Error::canceled());

    // 2. The quote the minimum out comes from.
    u256 quoted = order.quotedOut;
    if (quoted == 0) {
        stage(SwapStage::Quoting, tr("Getting a quote"));
        auto fresh = quoteOut(order);
        if (!fresh)
            return fail(fresh.error());
        quoted = *fresh;
    }
    auto minimum = minimumOut(quoted, order.slippageBps);
    if (!minimum)
        return fail(minimum.error());

    const quint64 chainNow = std::max<quint64>(block->timestamp, QDateTime::currentSecsSinceEpoch());
    // 3. USDC moves through Permit2.
    if (!ethIn) {
        const Status approved = ensurePermit2(order, *fees, key, chainNow, hooks);
        if (!approved)
            return fail(approved.error());
        if (canceled())
            return fail(Error::canceled());
    }

    // 4. The router call; estimating it shows a revert before anything is signed or paid.
    auto call = encodeSwapExactInSingleCall(ExactInSingle{m_venue.poolKey, ethIn, order.amountIn, *minimum, {}},
                                            m_venue.routerVersion, chainNow + kDeadlineSeconds);
    if (!call)
        return fail(call.error());
    eth::CallRequest estimate;
    estimate.from = order.account;
    estimate.to = m_venue.universalRouter;
    estimate.value = call->value;
    estimate.data = call->calldata;
    eth::EthRpc rpc(m_client);
    auto gas = eth::awaitRpc<u256>(m_client, [&](auto done) { return rpc.estimateGas(estimate, done); });
    if (!gas) {
        if (gas.error().isRevert()) {
            const QString words = revertInWords(gas.error().revertData.value_or(QByteArray()), order, quoted, *minimum);
            return fail(Error::make(Error::Kind::Chain, words, gas.error().detail()));
        }
        return fail(rpcFailure(gas.error()));
    }

    // 5. Sign, send, wait.
    stage(SwapStage::Signing, tr("Signing"));
    eth::SendRequest request;
    request.chainId = m_chainId;
    request.from = order.account;
    request.to = m_venue.universalRouter;
    request.value = call->value;
    request.data = call->calldata;
    request.gasLimit = eth::gasLimitWithMargin(*gas, m_sender->feePolicy());
    request.fees = *fees;
    Hooks sendHooks = hooks;
    sendHooks.sent = [&](const eth::Hash32 &hash) {
        record.txHash = hash;
        stage(SwapStage::Sent, tr("Sent %1").arg(hash.toHex()));
        if (hooks.sent)
            hooks.sent(hash);
    };
    const eth::SendOutcome outcome = sendAndWait(request, key, sendHooks);
    if (!outcome.receipt) {
        if (outcome.sent)
            record.txHash = outcome.hash;
        return fail(outcome.error);
    }
    const eth::TransactionReceipt &receipt = *outcome.receipt;
    record.txHash = receipt.transactionHash;
    record.gasUsed = receipt.gasUsed;
    record.gasFeeWei = receipt.fee();

    if (!receipt.status) {
        // Mined but reverted (the price moved between the estimate and the block): replay it on
        // the state it ran against to learn why.
        eth::CallRequest replay = estimate;
        replay.gas = receipt.gasUsed + 100000;
        auto again = eth::awaitRpc<QByteArray>(m_client, [&](auto done) {
            return rpc.call(replay, eth::BlockTag::number(receipt.blockNumber > 0 ? receipt.blockNumber - 1 : 0), done);
        });
        QString words = tr("The swap was reverted on chain.");
        if (!again && again.error().isRevert())
            words = revertInWords(again.error().revertData.value_or(QByteArray()), order, quoted, *minimum);
        record.status = SwapRecord::Status::Reverted;
        record.error = Error::make(Error::Kind::Chain, words, receipt.transactionHash.toHex());
        stage(SwapStage::Failed, words);
        return record;
    }

    // 6. What actually happened, from the pool's own Swap event.
    const auto event = findSwapEvent(receipt.logs, m_venue.poolManager, m_venue.poolId());
    if (!event) {
        record.status = SwapRecord::Status::Failed;
        record.error = chainError(tr("The transaction succeeded but the pool reported no swap."),
                                  receipt.transactionHash.toHex());
        stage(SwapStage::Failed, record.error.message);
        return record;
    }
    auto magnitude = [](const eth::i256 &v) { return u256(v < 0 ? -v : v); };
    const u256 ethAmount = magnitude(event->amount0);
    const u256 usdcAmount = magnitude(event->amount1);
    record.amountIn = ethIn ? ethAmount : usdcAmount;
    record.amountOut = ethIn ? usdcAmount : ethAmount;
    record.effectivePrice = executionPrice(ethAmount, usdcAmount);
    record.status = SwapRecord::Status::Succeeded;
    stage(SwapStage::Mined, tr("Mined in block %1").arg(receipt.blockNumber));
    return record;
}

} // namespace apedesk::uniswap
