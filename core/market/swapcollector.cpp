#include "swapcollector.h"

#include "chain/networkprofile.h"
#include "common/logging.h"
#include "eth/jsonrpcapi.h"

#include <QEventLoop>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace apedesk::market {
namespace {

constexpr int kCancelPollMs = 50;
constexpr int kRateLimitRetries = 5;

quint64 blockCount(const BlockRange &range) { return range.to - range.from + 1; }

} // namespace

SwapCollector::SwapCollector(SwapStore *store, CollectRequest request, eth::JsonRpcOptions rpcOptions)
    : m_store(store), m_request(std::move(request)), m_rpcOptions(std::move(rpcOptions)),
      m_limiter(m_request.maxRequestsPerSecond)
{
}

SwapCollector::~SwapCollector() = default;

bool SwapCollector::canceled() const { return m_hooks && m_hooks->canceled && m_hooks->canceled(); }

// Sleeps in a local event loop (the thread keeps serving its other events); false when canceled.
bool SwapCollector::wait(qint64 ms)
{
    if (canceled())
        return false;
    if (ms <= 0)
        return true;
    QEventLoop loop;
    QTimer done;
    done.setSingleShot(true);
    QObject::connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (canceled())
            loop.quit();
    });
    done.start(static_cast<int>(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    poll.start(kCancelPollMs);
    loop.exec();
    return !canceled();
}

// A getLogs request in flight; dropping it unanswered cancels it.
class SwapCollector::LogsCall
{
public:
    LogsCall(eth::JsonRpcClient *client, BlockRange range) : client(client), range(range) {}
    ~LogsCall()
    {
        if (client && !slot->has_value())
            client->cancel(id);
    }
    LogsCall(const LogsCall &) = delete;
    LogsCall &operator=(const LogsCall &) = delete;

    eth::JsonRpcClient *client;
    BlockRange range;
    quint64 id = 0;
    std::shared_ptr<std::optional<eth::RpcResult<QJsonValue>>> slot =
        std::make_shared<std::optional<eth::RpcResult<QJsonValue>>>();
};

// Runs local event loops until the call's answer is in `slot` (answers of other calls in flight,
// such as the next batch's logs, wake it too and are left for later). False when canceled
// meanwhile (the call is then canceled as well) or when the thread is quitting.
template <typename T>
bool SwapCollector::await(const std::shared_ptr<std::optional<eth::RpcResult<T>>> &slot, quint64 id)
{
    if (!slot->has_value()) {
        QEventLoop loop;
        QPointer<QEventLoop> guard(&loop);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
            if (canceled())
                loop.quit();
        });
        m_wake = [guard] {
            if (guard)
                guard->quit();
        };
        poll.start(kCancelPollMs);
        while (!slot->has_value() && !canceled()) {
            if (loop.exec() < 0)   // the thread is quitting: exec() refuses to run
                break;
        }
        m_wake = nullptr;
    }
    if (!slot->has_value()) {
        m_client->cancel(id);
        return false;
    }
    return true;
}

// One rate-limited call, waited for in a local loop that also watches for cancellation. A
// provider's rate-limit answer is waited out and tried again a few times.
template <typename T, typename Start>
eth::RpcResult<T> SwapCollector::call(int cost, Start start)
{
    for (int attempt = 0;; ++attempt) {
        if (!wait(m_limiter.reserveMs(cost)))
            return eth::RpcError::canceled();
        m_result.requests += cost;
        auto slot = std::make_shared<std::optional<eth::RpcResult<T>>>();
        const quint64 id = start([this, slot](eth::RpcResult<T> value) {
            slot->emplace(std::move(value));
            if (m_wake)
                m_wake();
        });
        if (!await(slot, id))
            return eth::RpcError::canceled();
        eth::RpcResult<T> result = std::move(**slot);
        if (!result && isRateLimited(result.error()) && attempt < kRateLimitRetries) {
            qCInfo(lcMarket).noquote() << "collector: rate limited by" << result.error().endpoint << "- waiting";
            if (!wait(1000LL << attempt))
                return eth::RpcError::canceled();
            continue;
        }
        return result;
    }
}

// Sends eth_getLogs for `range` (after the rate limit's wait); nullptr when canceled meanwhile.
std::unique_ptr<SwapCollector::LogsCall> SwapCollector::sendLogs(const BlockRange &range)
{
    if (!wait(m_limiter.reserveMs(1)))
        return nullptr;
    ++m_result.requests;
    auto call = std::make_unique<LogsCall>(m_client.get(), range);
    const eth::RpcRequest request = swapLogsRequest(m_request.poolManager, m_request.poolId, range.from, range.to);
    call->id = m_client->call(request.method, request.params, [this, slot = call->slot](eth::RpcResult<QJsonValue> value) {
        slot->emplace(std::move(value));
        if (m_wake)
            m_wake();
    });
    return call;
}

eth::RpcResult<QJsonValue> SwapCollector::receiveLogs(std::unique_ptr<LogsCall> call)
{
    for (int attempt = 0;; ++attempt) {
        if (!call || !await(call->slot, call->id))
            return eth::RpcError::canceled();
        eth::RpcResult<QJsonValue> result = std::move(**call->slot);
        if (result || !isRateLimited(result.error()) || attempt >= kRateLimitRetries)
            return result;
        qCInfo(lcMarket).noquote() << "collector: rate limited by" << result.error().endpoint << "- waiting";
        if (!wait(1000LL << attempt))
            return eth::RpcError::canceled();
        call = sendLogs(call->range);
    }
}

// Several calls in as few HTTP requests as providers allow; the answers in request order.
eth::RpcResult<QList<eth::RpcResult<QJsonValue>>> SwapCollector::batch(const QList<eth::RpcRequest> &requests)
{
    QList<eth::RpcResult<QJsonValue>> answers;
    answers.reserve(requests.size());
    for (qsizetype start = 0; start < requests.size(); start += kMaxBatchCalls) {
        const QList<eth::RpcRequest> chunk = requests.mid(start, kMaxBatchCalls);
        auto part = call<QList<eth::RpcResult<QJsonValue>>>(static_cast<int>(chunk.size()), [&](auto done) {
            return m_client->batch(chunk, done);
        });
        if (!part)
            return part.error();
        for (const auto &item : *part) {
            if (!item && isRateLimited(item.error()))
                return item.error();
            answers.append(item);
        }
    }
    return answers;
}

QString SwapCollector::endpoint() const
{
    if (!m_client)
        return {};
    const QList<QUrl> urls = m_client->endpoints();
    for (int i = 0; i < urls.size(); ++i)
        if (!m_client->isEndpointDown(i))
            return endpointName(urls.at(i));
    return urls.isEmpty() ? QString() : endpointName(urls.first());
}

void SwapCollector::report(const QString &text)
{
    const double seconds = m_clock.elapsed() / 1000.0;
    m_progress.eventsStored = m_result.eventsStored;
    m_progress.eventsSeen = m_result.eventsSeen;
    m_progress.blocksPerSecond = seconds > 0 ? m_blocksThisRun / seconds : 0;
    const quint64 left = m_progress.blocksTotal - std::min(m_progress.blocksDone, m_progress.blocksTotal);
    m_progress.etaSeconds = left == 0 ? 0 : (m_progress.blocksPerSecond > 0 ? left / m_progress.blocksPerSecond : -1);
    m_progress.endpoint = endpoint();
    m_progress.text = m_note.isEmpty() ? text : QString(m_note + QLatin1Char(' ') + text);
    if (m_hooks && m_hooks->progress)
        m_hooks->progress(m_progress);
}

Result<CollectResult> SwapCollector::run(const Hooks &hooks)
{
    m_hooks = &hooks;
    auto result = collect();
    m_hooks = nullptr;   // the hooks belong to the caller
    return result;
}

Result<CollectResult> SwapCollector::collect()
{
    m_clock.start();
    m_result = CollectResult{};
    m_blocksThisRun = 0;
    m_note.clear();

    if (!m_store)
        return Error::make(Error::Kind::Usage, tr("No swap store to collect into."));
    if (m_request.rpcUrls.isEmpty())
        return Error::make(Error::Kind::Usage, tr("Give at least one RPC endpoint to collect from."));
    if (m_request.batchBlocks < 1 || m_request.confirmations < 0)
        return Error::make(Error::Kind::Usage, tr("The batch size must be at least 1 block and the confirmation depth 0 or more."));
    QList<QUrl> urls;
    for (const QString &text : m_request.rpcUrls) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return Error::make(Error::Kind::Usage, tr("%1 is not the http(s) URL of a node.").arg(text));
        urls.append(url);
    }
    m_client = std::make_unique<eth::JsonRpcClient>(urls, m_rpcOptions);

    // The chain and its head in one request.
    auto first = batch({eth::EthRpc::chainIdRequest(), eth::RpcRequest{QStringLiteral("eth_blockNumber"), {}}});
    if (!first)
        return first.error().kind == eth::RpcError::Kind::Canceled ? Error::canceled() : first.error().toError();
    for (const auto &answer : std::as_const(*first))
        if (!answer)
            return answer.error().toError();
    auto chainId = eth::json::quantity64(first->at(0).value(), "chainId");
    auto head = eth::json::quantity64(first->at(1).value(), "blockNumber");
    if (!chainId)
        return chainId.error().toError();
    if (!head)
        return head.error().toError();
    m_chain = chainKey(*chainId, chain::isLoopbackUrl(urls.first()));
    const quint64 confirmations = static_cast<quint64>(m_request.confirmations);
    if (*head < confirmations || *head - confirmations < m_request.fromBlock)
        return Error::make(Error::Kind::Usage,
                           tr("Block %1 is not confirmed yet: the node's newest block is %2 and %3 confirmations are asked for.")
                               .arg(m_request.fromBlock)
                               .arg(*head)
                               .arg(confirmations));
    const quint64 lastFinal = *head - confirmations;
    quint64 toBlock = lastFinal;
    if (m_request.toBlock) {
        if (*m_request.toBlock < m_request.fromBlock)
            return Error::make(Error::Kind::Usage, tr("The range ends (block %1) before it starts (block %2).")
                                                       .arg(*m_request.toBlock)
                                                       .arg(m_request.fromBlock));
        if (*m_request.toBlock > lastFinal)
            m_note = tr("Block %1 is not confirmed yet; collecting up to block %2.").arg(*m_request.toBlock).arg(lastFinal);
        else
            toBlock = *m_request.toBlock;
    }
    const BlockRange range{m_request.fromBlock, toBlock};
    m_result.fromBlock = range.from;
    m_result.toBlock = range.to;
    m_progress = CollectProgress{};
    m_progress.fromBlock = range.from;
    m_progress.toBlock = range.to;
    m_progress.blocksTotal = blockCount(range);

    auto gaps = m_store->gaps(m_chain, m_request.poolId, range);
    if (!gaps)
        return gaps.error();
    quint64 missing = 0;
    for (const BlockRange &gap : *gaps)
        missing += blockCount(gap);
    m_progress.blocksDone = m_progress.blocksTotal - missing;
    qCInfo(lcMarket).noquote() << "collect" << m_chain << m_request.poolId.toHex() << "blocks" << range.from << "-"
                               << range.to << ":" << gaps->size() << "gaps," << missing << "blocks to fetch";
    report(missing == 0 ? tr("Blocks %1–%2 are collected already.").arg(range.from).arg(range.to)
                        : tr("Collecting blocks %1–%2 (%3 not collected yet).").arg(range.from).arg(range.to).arg(missing));

    for (const BlockRange &gap : *gaps) {
        const Status status = collectRange(gap);
        if (!status) {
            m_result.seconds = m_clock.elapsed() / 1000.0;
            return status.error();
        }
    }
    m_result.seconds = m_clock.elapsed() / 1000.0;
    report(tr("Done: blocks %1–%2, %3 new swaps.").arg(range.from).arg(range.to).arg(m_result.eventsStored));
    return m_result;
}

// One gap, in batches. The next batch's eth_getLogs goes out before the current batch is decoded
// and stored, so the node works while this thread does. A batch the provider finds too large is
// asked again in halves (and the smaller size kept for the rest of the gap, so the provider's limit
// is not hit on every batch).
Status SwapCollector::collectRange(const BlockRange &gap)
{
    quint64 span = static_cast<quint64>(m_request.batchBlocks);
    const auto batchFrom = [&](quint64 from) {
        return BlockRange{from, gap.to - from + 1 <= span ? gap.to : from + span - 1};
    };
    std::unique_ptr<LogsCall> next = sendLogs(batchFrom(gap.from));
    while (true) {
        if (!next || canceled())
            return Error::canceled();
        const BlockRange range = next->range;
        auto logs = receiveLogs(std::move(next));
        if (!logs) {
            if (logs.error().kind == eth::RpcError::Kind::Canceled)
                return Error::canceled();
            if (!isRangeTooLarge(logs.error()))
                return logs.error().toError();
            if (range.from == range.to)
                return Error::make(Error::Kind::Network,
                                   tr("The node refuses to return the Swap logs of even a single block (%1).").arg(range.from),
                                   logs.error().detail());
            span = std::max<quint64>(1, (range.to - range.from + 1) / 2);
            qCInfo(lcMarket).noquote() << "collect: range" << range.from << "-" << range.to << "too large, trying" << span
                                       << "blocks:" << logs.error().detail();
            next = sendLogs(batchFrom(range.from));
            continue;
        }
        if (range.to < gap.to && m_limiter.waitMs() == 0)
            next = sendLogs(batchFrom(range.to + 1));
        auto stored = storeBatch(range, std::move(logs).value());
        if (!stored)
            return stored.error();
        m_blocksThisRun += range.to - range.from + 1;
        m_progress.blocksDone += range.to - range.from + 1;
        report(tr("Collected blocks up to %1 of %2: %3 new swaps so far.")
                   .arg(range.to)
                   .arg(m_progress.toBlock)
                   .arg(m_result.eventsStored));
        if (range.to == gap.to)
            return {};
        if (!next)
            next = sendLogs(batchFrom(range.to + 1));
    }
}

// Decodes, timestamps, checks and commits one batch. Logs whose blocks disagree with the blocks
// fetched after them (a reorg under way) are fetched again.
Result<int> SwapCollector::storeBatch(const BlockRange &range, QJsonValue logs)
{
    for (int attempt = 0;; ++attempt) {
        auto decoded = decodeSwapLogs(logs, m_chain, m_request.poolManager, m_request.poolId);
        if (!decoded)
            return decoded.error();
        bool reorg = false;
        auto blocks = resolveBlocks(decoded->swaps, *decoded, &reorg);
        if (!blocks)
            return blocks.error();
        if (reorg) {
            if (attempt + 1 >= kReorgRetries)
                return Error::make(Error::Kind::Chain,
                                   tr("The chain keeps reorganizing blocks %1–%2; try again later or with more confirmations.")
                                       .arg(range.from)
                                       .arg(range.to));
            qCInfo(lcMarket).noquote() << "collect: logs and blocks of" << range.from << "-" << range.to
                                       << "disagree (reorg); fetching again";
            auto again = receiveLogs(sendLogs(range));
            if (!again)
                return again.error().kind == eth::RpcError::Kind::Canceled ? Error::canceled() : again.error().toError();
            logs = std::move(again).value();
            continue;
        }
        m_result.eventsSeen += decoded->swaps.size();
        if (m_request.withOrigins) {
            const Status origins = resolveOrigins(decoded->swaps);
            if (!origins)
                return origins.error();
        }
        // Which rows are new, for the hook: only asked when someone listens.
        QList<PoolSwap> fresh;
        if (m_hooks->stored && !decoded->swaps.isEmpty()) {
            SwapQuery query;
            query.chain = m_chain;
            query.poolId = m_request.poolId;
            query.fromBlock = range.from;
            query.toBlock = range.to;
            auto existing = m_store->swaps(query);
            if (!existing)
                return existing.error();
            QSet<QPair<QByteArray, quint64>> known;
            for (const PoolSwap &row : std::as_const(*existing))
                if (row.logIndexExact)
                    known.insert({row.txHash.bytes(), row.logIndex});
            for (const PoolSwap &swap : std::as_const(decoded->swaps))
                if (!known.contains({swap.txHash.bytes(), swap.logIndex}))
                    fresh.append(swap);
        }
        if (canceled())
            return Error::canceled();
        auto committed = m_store->commitBatch(decoded->swaps, *blocks, m_chain, m_request.poolId, range);
        if (!committed)
            return committed.error();
        m_result.eventsStored += *committed;
        if (m_hooks->stored && !fresh.isEmpty())
            m_hooks->stored(fresh);
        return *committed;
    }
}

// Timestamps for the rows: from the logs when they carry them, else stored blocks whose hash
// matches the logs', else one batch of eth_getBlockByNumber. Returns the blocks to store (learnt
// now). *reorg: a fetched block's hash differs from the logs'.
Result<QList<BlockInfo>> SwapCollector::resolveBlocks(QList<PoolSwap> &swaps, const DecodedSwaps &decoded, bool *reorg)
{
    *reorg = false;
    QList<BlockInfo> learnt = blocksFromLogs(decoded);
    QHash<quint64, BlockInfo> known;
    for (const BlockInfo &block : std::as_const(learnt))
        known.insert(block.number, block);
    QList<quint64> numbers;
    for (quint64 number : blockNumbersOf(swaps))
        if (!known.contains(number))
            numbers.append(number);
    if (!numbers.isEmpty()) {
        auto cached = m_store->blocks(m_chain, numbers);
        if (!cached)
            return cached.error();
        QList<quint64> missing;
        for (quint64 number : std::as_const(numbers)) {
            const auto it = cached->constFind(number);
            if (it != cached->constEnd() && it->hash == decoded.blockHashes.value(number))
                known.insert(number, *it);
            else
                missing.append(number);   // not seen yet, or stored from another chain history
        }
        if (!missing.isEmpty()) {
            QList<eth::RpcRequest> requests;
            requests.reserve(missing.size());
            for (quint64 number : std::as_const(missing))
                requests.append(blockRequest(number));
            auto answers = batch(requests);
            if (!answers)
                return answers.error().kind == eth::RpcError::Kind::Canceled ? Error::canceled()
                                                                             : answers.error().toError();
            auto blocks = parseBlocks(*answers, missing);
            if (!blocks)
                return blocks.error().toError();
            for (const BlockInfo &block : std::as_const(*blocks)) {
                known.insert(block.number, block);
                learnt.append(block);
            }
        }
    }
    *reorg = !applyBlocks(swaps, decoded.blockHashes, known).isEmpty();
    return learnt;
}

// The transaction's sender for each row, and whether that sender has code: one batch of
// eth_getTransactionByHash per batch of rows, one of eth_getCode for senders not seen yet.
Status SwapCollector::resolveOrigins(QList<PoolSwap> &swaps)
{
    QList<eth::Hash32> txs;
    QSet<eth::Hash32> seen;
    for (const PoolSwap &swap : swaps)
        if (!seen.contains(swap.txHash)) {
            seen.insert(swap.txHash);
            txs.append(swap.txHash);
        }
    if (txs.isEmpty())
        return {};
    QList<eth::RpcRequest> requests;
    for (const eth::Hash32 &tx : txs)
        requests.append(transactionRequest(tx));
    auto answers = batch(requests);
    if (!answers)
        return answers.error().kind == eth::RpcError::Kind::Canceled ? Error::canceled() : answers.error().toError();
    QHash<eth::Hash32, eth::Address> from;
    for (qsizetype i = 0; i < txs.size(); ++i) {
        const auto &answer = answers->at(i);
        if (!answer)
            return answer.error().toError();
        if (answer->isNull())
            return Error::make(Error::Kind::Protocol, tr("The node does not know transaction %1 of a Swap log.")
                                                          .arg(txs.at(i).toHex()));
        auto info = eth::json::transactionInfo(*answer);
        if (!info)
            return info.error().toError();
        from.insert(txs.at(i), info->from);
    }
    QList<eth::Address> unknown;
    QSet<eth::Address> asked;
    for (const eth::Address &origin : std::as_const(from))
        if (!m_originIsContract.contains(origin) && !asked.contains(origin)) {
            asked.insert(origin);
            unknown.append(origin);
        }
    if (!unknown.isEmpty()) {
        QList<eth::RpcRequest> codeRequests;
        for (const eth::Address &origin : unknown)
            codeRequests.append(codeRequest(origin));
        auto codes = batch(codeRequests);
        if (!codes)
            return codes.error().kind == eth::RpcError::Kind::Canceled ? Error::canceled() : codes.error().toError();
        for (qsizetype i = 0; i < unknown.size(); ++i) {
            const auto &answer = codes->at(i);
            if (!answer)
                return answer.error().toError();
            auto code = eth::json::bytes(*answer);
            if (!code)
                return code.error().toError();
            m_originIsContract.insert(unknown.at(i), !code->isEmpty());
        }
    }
    for (PoolSwap &swap : swaps) {
        swap.origin = from.value(swap.txHash);
        swap.originIsContract = m_originIsContract.value(*swap.origin);
    }
    return {};
}

} // namespace apedesk::market
