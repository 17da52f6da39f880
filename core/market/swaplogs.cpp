#include "swaplogs.h"

#include "uniswap/swapevent.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

namespace apedesk::market {
namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::market", text); }

bool swapLess(const PoolSwap &a, const PoolSwap &b)
{
    return a.blockNumber != b.blockNumber ? a.blockNumber < b.blockNumber : a.logIndex < b.logIndex;
}

} // namespace

eth::LogFilter swapLogFilter(const eth::Address &poolManager, const eth::Hash32 &poolId, quint64 fromBlock,
                             quint64 toBlock)
{
    eth::LogFilter filter;
    filter.fromBlock = eth::BlockTag::number(fromBlock);
    filter.toBlock = eth::BlockTag::number(toBlock);
    filter.addresses = {poolManager};
    filter.topics = {{uniswap::swapEventTopic()}, {poolId}};
    return filter;
}

Result<DecodedSwaps> decodeSwapLogs(const QList<eth::Log> &logs, const QString &chain,
                                    const eth::Address &poolManager, const eth::Hash32 &poolId)
{
    DecodedSwaps out;
    out.swaps.reserve(logs.size());
    const eth::Hash32 topic = uniswap::swapEventTopic();
    for (const eth::Log &log : logs) {
        if (log.removed) {
            ++out.removed;
            continue;
        }
        if (log.address != poolManager || log.topics.size() < 2 || log.topics.at(0) != topic
            || log.topics.at(1) != poolId)
            continue;
        if (!log.blockNumber || !log.blockHash || !log.transactionHash || !log.logIndex)
            return Error::make(Error::Kind::Protocol,
                               tr("The node sent a Swap log without its block, transaction or position."),
                               QStringLiteral("log of tx %1").arg(log.transactionHash ? log.transactionHash->toHex()
                                                                                     : QStringLiteral("?")));
        auto event = uniswap::decodeSwapEvent(log);
        if (!event)
            return Error::make(Error::Kind::Protocol, tr("The node sent a Swap log that does not decode."),
                               QStringLiteral("tx %1 log %2: %3")
                                   .arg(log.transactionHash->toHex())
                                   .arg(*log.logIndex)
                                   .arg(event.error().toString()));
        const auto known = out.blockHashes.constFind(*log.blockNumber);
        if (known == out.blockHashes.constEnd())
            out.blockHashes.insert(*log.blockNumber, *log.blockHash);
        else if (*known != *log.blockHash)
            return Error::make(Error::Kind::Protocol, tr("The node sent logs of two different blocks %1.")
                                                          .arg(*log.blockNumber));
        PoolSwap swap;
        swap.chain = chain;
        swap.poolId = event->poolId;
        swap.blockNumber = *log.blockNumber;
        swap.txHash = *log.transactionHash;
        swap.logIndex = *log.logIndex;
        swap.sender = event->sender;
        swap.amount0 = event->amount0;
        swap.amount1 = event->amount1;
        swap.sqrtPriceX96 = event->sqrtPriceX96;
        swap.liquidity = event->liquidity;
        swap.tick = event->tick;
        swap.fee = event->fee;
        out.swaps.append(std::move(swap));
    }
    sortSwaps(out.swaps);
    // The same log twice (a provider that pages with overlap): keep one.
    out.swaps.erase(std::unique(out.swaps.begin(), out.swaps.end(),
                                [](const PoolSwap &a, const PoolSwap &b) {
                                    return a.blockNumber == b.blockNumber && a.logIndex == b.logIndex;
                                }),
                    out.swaps.end());
    return out;
}

Result<DecodedSwaps> decodeSwapLogs(const QJsonValue &result, const QString &chain, const eth::Address &poolManager,
                                    const eth::Hash32 &poolId)
{
    auto logs = eth::json::logs(result);
    if (!logs)
        return Error::make(Error::Kind::Protocol, tr("The node sent Swap logs that do not parse."), logs.error().detail());
    auto decoded = decodeSwapLogs(*logs, chain, poolManager, poolId);
    if (!decoded)
        return decoded;
    const QJsonArray items = result.toArray();
    for (qsizetype i = 0; i < items.size() && i < logs->size(); ++i) {
        const eth::Log &log = logs->at(i);
        if (log.removed || !log.blockNumber || !decoded->blockHashes.contains(*log.blockNumber))
            continue;
        const QJsonValue stamp = items.at(i).toObject().value(QLatin1String("blockTimestamp"));
        if (stamp.isUndefined() || stamp.isNull())
            continue;
        auto seconds = eth::json::quantity64(stamp, "log.blockTimestamp");
        if (!seconds || *seconds > quint64(std::numeric_limits<qint64>::max()))
            return Error::make(Error::Kind::Protocol, tr("The node sent a log with a bad block timestamp."),
                               seconds ? QString::number(*seconds) : seconds.error().detail());
        const auto known = decoded->blockTimestamps.constFind(*log.blockNumber);
        if (known != decoded->blockTimestamps.constEnd() && *known != qint64(*seconds))
            return Error::make(Error::Kind::Protocol,
                               tr("The node sent two timestamps for block %1.").arg(*log.blockNumber));
        decoded->blockTimestamps.insert(*log.blockNumber, qint64(*seconds));
    }
    return decoded;
}

eth::RpcRequest swapLogsRequest(const eth::Address &poolManager, const eth::Hash32 &poolId, quint64 fromBlock,
                                quint64 toBlock)
{
    return {QStringLiteral("eth_getLogs"), QJsonArray{swapLogFilter(poolManager, poolId, fromBlock, toBlock).toJson()}};
}

QList<BlockInfo> blocksFromLogs(const DecodedSwaps &decoded)
{
    QList<BlockInfo> blocks;
    for (auto it = decoded.blockTimestamps.constBegin(); it != decoded.blockTimestamps.constEnd(); ++it)
        blocks.append(BlockInfo{it.key(), decoded.blockHashes.value(it.key()), it.value()});
    std::sort(blocks.begin(), blocks.end(), [](const BlockInfo &a, const BlockInfo &b) { return a.number < b.number; });
    return blocks;
}

void sortSwaps(QList<PoolSwap> &swaps) { std::stable_sort(swaps.begin(), swaps.end(), swapLess); }

QList<quint64> blockNumbersOf(const QList<PoolSwap> &swaps)
{
    QList<quint64> numbers;
    for (const PoolSwap &swap : swaps)
        if (numbers.isEmpty() || numbers.last() != swap.blockNumber)
            numbers.append(swap.blockNumber);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

eth::RpcRequest blockRequest(quint64 number)
{
    return {QStringLiteral("eth_getBlockByNumber"), QJsonArray{eth::toHexQuantity(number), false}};
}

eth::RpcResult<QList<BlockInfo>> parseBlocks(const QList<eth::RpcResult<QJsonValue>> &answers,
                                              const QList<quint64> &numbers)
{
    if (answers.size() != numbers.size())
        return eth::RpcError::malformed(QStringLiteral("%1 block answers for %2 requests").arg(answers.size()).arg(numbers.size()));
    QList<BlockInfo> blocks;
    blocks.reserve(numbers.size());
    for (qsizetype i = 0; i < answers.size(); ++i) {
        if (!answers.at(i))
            return answers.at(i).error();
        if (answers.at(i).value().isNull())
            return eth::RpcError::malformed(QStringLiteral("the node does not have block %1").arg(numbers.at(i)));
        auto block = eth::json::block(answers.at(i).value());
        if (!block)
            return block.error();
        if (block->number != numbers.at(i))
            return eth::RpcError::malformed(
                QStringLiteral("asked for block %1, got block %2").arg(numbers.at(i)).arg(block->number));
        blocks.append(BlockInfo{block->number, block->hash, static_cast<qint64>(block->timestamp)});
    }
    return blocks;
}

QList<quint64> applyBlocks(QList<PoolSwap> &swaps, const QHash<quint64, eth::Hash32> &logBlockHashes,
                           const QHash<quint64, BlockInfo> &blocks)
{
    QList<quint64> mismatched;
    for (PoolSwap &swap : swaps) {
        const auto block = blocks.constFind(swap.blockNumber);
        const auto logHash = logBlockHashes.constFind(swap.blockNumber);
        if (block == blocks.constEnd() || (logHash != logBlockHashes.constEnd() && *logHash != block->hash)) {
            if (mismatched.isEmpty() || mismatched.last() != swap.blockNumber)
                mismatched.append(swap.blockNumber);
            continue;
        }
        swap.timestamp = block->timestamp;
    }
    return mismatched;
}

eth::RpcRequest transactionRequest(const eth::Hash32 &hash)
{
    return {QStringLiteral("eth_getTransactionByHash"), QJsonArray{hash.toHex()}};
}

eth::RpcRequest codeRequest(const eth::Address &account)
{
    return {QStringLiteral("eth_getCode"), QJsonArray{account.toLowerHex(), QStringLiteral("latest")}};
}

bool isRateLimited(const eth::RpcError &error)
{
    if (error.kind == eth::RpcError::Kind::HttpStatus)
        return error.httpStatus == 429;
    if (error.kind != eth::RpcError::Kind::JsonRpc)
        return false;
    const QString text = error.rpcMessage.toLower();
    return error.code == 429 || text.contains(QLatin1String("rate limit")) || text.contains(QLatin1String("rate-limit"))
        || text.contains(QLatin1String("request count")) || text.contains(QLatin1String("per second"))
        || text.contains(QLatin1String("too many requests")) || text.contains(QLatin1String("throttl"))
        || text.contains(QLatin1String("capacity"));
}

bool isRangeTooLarge(const eth::RpcError &error)
{
    if (error.kind == eth::RpcError::Kind::HttpStatus)
        return error.httpStatus == 413;
    if (error.kind == eth::RpcError::Kind::Malformed)
        return error.reason.startsWith(QLatin1String("the answer exceeds"));   // JsonRpcClient's size limit
    if (error.kind != eth::RpcError::Kind::JsonRpc || isRateLimited(error))
        return false;
    const QString text = error.rpcMessage.toLower();
    const bool rangeWords = text.contains(QLatin1String("block range")) || text.contains(QLatin1String("range"))
        || text.contains(QLatin1String("blocks"));
    const bool sizeWords = text.contains(QLatin1String("more than")) || text.contains(QLatin1String("exceed"))
        || text.contains(QLatin1String("limit")) || text.contains(QLatin1String("too many"))
        || text.contains(QLatin1String("too large")) || text.contains(QLatin1String("too big"))
        || text.contains(QLatin1String("response size")) || text.contains(QLatin1String("max results"));
    if (error.code == -32005)   // Infura and others: "query returned more than 10000 results", "limit exceeded"
        return true;
    if (error.code == -32602)   // invalid params: only when it is about the range
        return rangeWords || text.contains(QLatin1String("response size"));
    return (rangeWords && sizeWords) || text.contains(QLatin1String("query returned more than"))
        || text.contains(QLatin1String("too many results")) || text.contains(QLatin1String("log response size"));
}

RequestRateLimiter::RequestRateLimiter(double requestsPerSecond)
    : m_rate(requestsPerSecond > 0 && std::isfinite(requestsPerSecond) ? requestsPerSecond : 0)
{
    m_clock.start();
}

qint64 RequestRateLimiter::reserveMs(int cost)
{
    if (m_rate <= 0 || cost <= 0)
        return 0;
    const double now = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
    // Never bank unused time from an idle spell: a burst after a pause still keeps the rate.
    const double start = std::max(now, m_nextFreeMs);
    m_nextFreeMs = start + 1000.0 * cost / m_rate;
    // The first of the reserved requests may go at `start`.
    return static_cast<qint64>(std::ceil(start - now));
}

qint64 RequestRateLimiter::waitMs() const
{
    if (m_rate <= 0)
        return 0;
    const double now = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
    return m_nextFreeMs > now ? static_cast<qint64>(std::ceil(m_nextFreeMs - now)) : 0;
}

QString endpointName(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString();
}

} // namespace apedesk::market
