#include "livemonitor.h"

#include "chain/networkprofile.h"
#include "common/logging.h"
#include "eth/jsonrpcapi.h"
#include "poolmetrics.h"
#include "swaplogs.h"

#include <QSet>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace apedesk::market {
namespace {

constexpr int kPieceRetries = 3;          // logs and blocks that disagree: fetch the piece again
constexpr int kDivergencePageRows = 64;   // stored rows checked per step when looking for a reorg's start
constexpr int kDivergencePages = 16;

QString problemText(const eth::RpcError &error) { return error.message(); }

} // namespace

LiveMonitor::LiveMonitor(SwapStore *store, MonitorConfig config, QObject *parent)
    : QObject(parent), m_store(store), m_config(std::move(config)), m_timer(new QTimer(this)),
      m_rolling(std::make_unique<RollingMetrics>())
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &LiveMonitor::poll);
    m_metrics.windowSeconds = m_config.windowSeconds;
}

LiveMonitor::~LiveMonitor() { stop(); }

void LiveMonitor::start()
{
    if (m_running)
        return;
    const QUrl url(m_config.rpcUrl, QUrl::StrictMode);
    if (!m_client) {
        m_client = new eth::JsonRpcClient({url}, chain::chainRpcOptions(url), this);
    }
    m_running = true;
    m_seeded = false;
    m_tip.reset();
    m_floor.reset();
    m_rolling->setWindow(m_config.windowSeconds);
    qCInfo(lcMarket).noquote() << "monitor: following pool" << m_config.poolId.toHex() << "on" << m_config.chain << "at"
                               << endpointName(url);
    m_timer->start(0);
}

void LiveMonitor::stop()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_timer->stop();
    if (m_client)
        m_client->cancelAll();
    m_inFlight = false;
    m_pieces.clear();
    m_fresh.clear();
}

void LiveMonitor::setWindowSeconds(qint64 seconds)
{
    if (seconds <= 0)
        return;
    m_config.windowSeconds = seconds;
    m_rolling->setWindow(seconds);
    if (m_seeded) {
        // A longer window needs older rows than the rolling metrics keep.
        if (const Status seeded = reseed(); !seeded) {
            m_hadProblem = true;
            Q_EMIT problem(seeded.error().message);
        }
    }
    publishMetrics();
}

void LiveMonitor::scheduleNext()
{
    if (m_running)
        m_timer->start(std::max(10, m_config.pollMs));
}

void LiveMonitor::finishPoll(const QString &failure)
{
    m_inFlight = false;
    m_pieces.clear();
    // What a failed poll committed before it failed is news as well.
    const QString flushFailure = flushFresh();
    const QString text = failure.isEmpty() ? flushFailure : failure;
    if (!text.isEmpty()) {
        qCInfo(lcMarket).noquote() << "monitor: poll failed:" << text;
        m_hadProblem = true;
        Q_EMIT problem(text);
    } else if (m_hadProblem) {
        m_hadProblem = false;
        Q_EMIT problem(QString());
    }
    scheduleNext();
}

void LiveMonitor::poll()
{
    if (!m_running || m_inFlight)
        return;
    m_inFlight = true;
    m_fresh.clear();
    m_pieceRetries = 0;
    const quint64 generation = m_generation;
    eth::EthRpc(m_client).blockNumber([this, generation](eth::RpcResult<quint64> head) {
        if (!current(generation))
            return;
        if (!head)
            return finishPoll(problemText(head.error()));
        onHead(*head);
    });
}

// The newest stored block this monitor can check against the node: the last one it stored, else
// the stored block at the end of the coverage, else the block of the newest stored row.
std::optional<BlockInfo> LiveMonitor::storedAnchor() const
{
    if (m_tip)
        return m_tip;
    auto coverage = m_store->coverage(m_config.chain, m_config.poolId);
    if (coverage && !coverage->isEmpty()) {
        auto block = m_store->block(m_config.chain, coverage->last().to);
        if (block && *block)
            return **block;
    }
    SwapQuery query;
    query.chain = m_config.chain;
    query.poolId = m_config.poolId;
    query.limit = 1;
    query.newestFirst = true;
    auto newest = m_store->swaps(query);
    if (newest && !newest->isEmpty()) {
        auto block = m_store->block(m_config.chain, newest->last().blockNumber);
        if (block && *block)
            return **block;
    }
    return std::nullopt;
}

void LiveMonitor::onHead(quint64 head)
{
    const quint64 confirmations = static_cast<quint64>(std::max(0, m_config.confirmations));
    if (head < confirmations)
        return finishPoll();
    m_safeHead = head - confirmations;
    if (!m_floor) {
        // lookbackBlocks back, or from the end of the stored coverage when that is older: the
        // monitor goes on where it (or a collection) stopped, without a hole.
        const quint64 lookback = std::max<quint64>(1, m_config.lookbackBlocks);
        m_floor = m_safeHead + 1 >= lookback ? m_safeHead + 1 - lookback : 0;
        auto coverage = m_store->coverage(m_config.chain, m_config.poolId);
        if (!coverage)
            return finishPoll(coverage.error().message);
        if (!coverage->isEmpty() && coverage->last().to < *m_floor)
            m_floor = coverage->last().to + 1;
    }
    if (auto anchor = storedAnchor())
        verifyAnchor(*anchor);
    else
        extend();
}

// Is the newest stored block still the node's block at that height?
void LiveMonitor::verifyAnchor(const BlockInfo &anchor)
{
    const quint64 generation = m_generation;
    eth::EthRpc(m_client).getBlockByNumber(
        eth::BlockTag::number(anchor.number), [this, generation, anchor](eth::RpcResult<std::optional<eth::Block>> block) {
            if (!current(generation))
                return;
            if (!block)
                return finishPoll(problemText(block.error()));
            if (*block && (*block)->hash == anchor.hash) {
                m_tip = anchor;
                return extend();
            }
            qCInfo(lcMarket).noquote() << "monitor: block" << anchor.number << "is no longer on the node's chain";
            m_tip.reset();
            searchDivergence(anchor.number == 0 ? 0 : anchor.number - 1, kDivergencePageRows, kDivergencePages);
        });
}

// Walks back through the stored rows' blocks, newest first, a page at a time (pages double), until
// a stored block matches the node; the rows after it are dropped. No match at all: the node's chain
// is another one (a reset sandbox), and every stored row of this chain goes.
void LiveMonitor::searchDivergence(quint64 bound, int pageRows, int pagesLeft)
{
    SwapQuery query;
    query.chain = m_config.chain;
    query.poolId = m_config.poolId;
    query.toBlock = bound;
    query.limit = pageRows;
    query.newestFirst = true;
    auto rows = m_store->swaps(query);
    if (!rows)
        return finishPoll(rows.error().message);
    if (rows->isEmpty() || pagesLeft <= 0)
        return resetFrom(0);
    QList<quint64> numbers = blockNumbersOf(*rows);
    std::reverse(numbers.begin(), numbers.end());   // newest first
    auto stored = m_store->blocks(m_config.chain, numbers);
    if (!stored)
        return finishPoll(stored.error().message);
    QList<quint64> checkable;
    for (quint64 number : std::as_const(numbers))
        if (stored->contains(number))
            checkable.append(number);
    const quint64 oldest = rows->first().blockNumber;
    const bool more = rows->size() == pageRows && oldest > 0;
    if (checkable.isEmpty()) {
        if (!more)
            return resetFrom(0);
        return searchDivergence(oldest - 1, pageRows * 2, pagesLeft - 1);
    }
    QList<eth::RpcRequest> requests;
    for (quint64 number : std::as_const(checkable))
        requests.append(blockRequest(number));
    const quint64 generation = m_generation;
    const QHash<quint64, BlockInfo> hashes = *stored;
    m_client->batch(requests, [this, generation, checkable, hashes, oldest, more, pageRows,
                               pagesLeft](eth::RpcResult<QList<eth::RpcResult<QJsonValue>>> answers) {
        if (!current(generation))
            return;
        if (!answers)
            return finishPoll(problemText(answers.error()));
        for (qsizetype i = 0; i < checkable.size() && i < answers->size(); ++i) {
            const auto &answer = answers->at(i);
            if (!answer)
                return finishPoll(problemText(answer.error()));
            if (answer->isNull())
                continue;   // the node's chain is shorter
            auto block = eth::json::block(*answer);
            if (!block)
                return finishPoll(problemText(block.error()));
            if (block->hash == hashes.value(checkable.at(i)).hash)
                return resetFrom(checkable.at(i) + 1);   // the newest block both chains share
        }
        if (!more)
            return resetFrom(0);
        searchDivergence(oldest - 1, pageRows * 2, pagesLeft - 1);
    });
}

void LiveMonitor::resetFrom(quint64 block)
{
    qCInfo(lcMarket).noquote() << "monitor: the chain changed; dropping stored rows of" << m_config.chain << "from block"
                               << block;
    const Status dropped = m_store->truncateFrom(m_config.chain, block);
    if (!dropped)
        return finishPoll(dropped.error().message);
    m_tip.reset();
    m_seeded = false;
    const quint64 lookback = std::max<quint64>(1, m_config.lookbackBlocks);
    const quint64 windowStart = m_safeHead + 1 >= lookback ? m_safeHead + 1 - lookback : 0;
    m_floor = std::max(windowStart, std::min(*m_floor, block));
    Q_EMIT chainReset(block);
    extend();
}

// The ranges of [floor, safe head] not covered yet, in pieces the provider takes.
void LiveMonitor::extend()
{
    m_pieces.clear();
    if (*m_floor <= m_safeHead) {
        auto gaps = m_store->gaps(m_config.chain, m_config.poolId, {*m_floor, m_safeHead});
        if (!gaps)
            return finishPoll(gaps.error().message);
        for (const BlockRange &gap : *gaps)
            for (quint64 from = gap.from; from <= gap.to;) {
                const quint64 to = std::min(gap.to, from + kMaxPieceBlocks - 1);
                m_pieces.push_back({from, to});
                if (to == gap.to)
                    break;
                from = to + 1;
            }
    }
    if (m_pieces.empty() && m_tip && m_tip->number == m_safeHead) {   // nothing new
        if (!m_seeded) {
            m_windowEnd = m_tip->timestamp;
            m_headChanged = true;
        }
        return finishPoll();
    }
    if (m_pieces.empty())   // covered already (by a collection), but this monitor has not seen the head
        m_pieces.push_back(BlockRange{m_safeHead + 1, m_safeHead});   // from > to: the head block only
    fetchNextPiece();
}

void LiveMonitor::fetchNextPiece()
{
    if (m_pieces.empty())
        return finishPoll();
    const BlockRange piece = m_pieces.front();
    const quint64 generation = m_generation;
    if (piece.from > piece.to) {   // head only
        m_pieces.pop_front();
        eth::EthRpc(m_client).getBlockByNumber(
            eth::BlockTag::number(piece.to), [this, generation](eth::RpcResult<std::optional<eth::Block>> block) {
                if (!current(generation))
                    return;
                if (!block)
                    return finishPoll(problemText(block.error()));
                if (!*block)
                    return finishPoll(tr("The node does not have its own newest block %1.").arg(m_safeHead));
                const BlockInfo info{(*block)->number, (*block)->hash, static_cast<qint64>((*block)->timestamp)};
                const Status put = m_store->putBlocks(m_config.chain, {info});
                if (!put)
                    return finishPoll(put.error().message);
                m_tip = info;
                m_windowEnd = info.timestamp;
                m_headChanged = true;
                fetchNextPiece();
            });
        return;
    }
    const eth::RpcRequest request = swapLogsRequest(m_config.poolManager, m_config.poolId, piece.from, piece.to);
    m_client->call(
        request.method, request.params, [this, generation, piece](eth::RpcResult<QJsonValue> logs) {
            if (!current(generation))
                return;
            if (!logs) {
                if (isRangeTooLarge(logs.error()) && piece.to > piece.from) {
                    const quint64 mid = piece.from + (piece.to - piece.from) / 2;
                    m_pieces.pop_front();
                    m_pieces.push_front({mid + 1, piece.to});
                    m_pieces.push_front({piece.from, mid});
                    return fetchNextPiece();
                }
                return finishPoll(problemText(logs.error()));
            }
            onPieceLogs(piece, *logs);
        });
}

// Decodes a piece's logs, fetches the blocks it needs (its rows' blocks not stored yet, and its
// last block as the new anchor) in one batch, checks their hashes and commits.
void LiveMonitor::onPieceLogs(const BlockRange &piece, const QJsonValue &logs)
{
    auto decoded = decodeSwapLogs(logs, m_config.chain, m_config.poolManager, m_config.poolId);
    if (!decoded)
        return finishPoll(decoded.error().message);
    QHash<quint64, BlockInfo> known;
    QList<BlockInfo> learnt = blocksFromLogs(*decoded);   // timestamps that came with the logs
    for (const BlockInfo &block : std::as_const(learnt))
        known.insert(block.number, block);
    QList<quint64> numbers;
    for (quint64 number : blockNumbersOf(decoded->swaps))
        if (!known.contains(number))
            numbers.append(number);
    auto cached = m_store->blocks(m_config.chain, numbers);
    if (!cached)
        return finishPoll(cached.error().message);
    QList<quint64> missing;
    for (quint64 number : std::as_const(numbers)) {
        const auto it = cached->constFind(number);
        if (it != cached->constEnd() && it->hash == decoded->blockHashes.value(number))
            known.insert(number, *it);
        else
            missing.append(number);
    }
    if (!missing.contains(piece.to))
        missing.append(piece.to);
    QList<eth::RpcRequest> requests;
    for (quint64 number : std::as_const(missing))
        requests.append(blockRequest(number));
    const quint64 generation = m_generation;
    DecodedSwaps rows = std::move(decoded).value();
    m_client->batch(requests, [this, generation, piece, missing, known, learnt,
                               rows](eth::RpcResult<QList<eth::RpcResult<QJsonValue>>> answers) mutable {
        if (!current(generation))
            return;
        if (!answers)
            return finishPoll(problemText(answers.error()));
        auto blocks = parseBlocks(*answers, missing);
        if (!blocks)
            return finishPoll(problemText(blocks.error()));
        BlockInfo last;
        for (const BlockInfo &block : std::as_const(*blocks)) {
            known.insert(block.number, block);
            if (block.number == piece.to)
                last = block;
        }
        if (!applyBlocks(rows.swaps, rows.blockHashes, known).isEmpty()) {
            // The chain moved between the two requests: fetch the piece again.
            if (++m_pieceRetries > kPieceRetries)
                return finishPoll(tr("The chain keeps reorganizing around block %1.").arg(piece.to));
            return fetchNextPiece();
        }
        // Rows stored already without coverage (an imported CSV) are not new.
        QList<PoolSwap> fresh = rows.swaps;
        if (!fresh.isEmpty()) {
            SwapQuery query;
            query.chain = m_config.chain;
            query.poolId = m_config.poolId;
            query.fromBlock = piece.from;
            query.toBlock = piece.to;
            auto existing = m_store->swaps(query);
            if (!existing)
                return finishPoll(existing.error().message);
            if (!existing->isEmpty()) {
                QSet<QPair<QByteArray, quint64>> stored;
                for (const PoolSwap &row : std::as_const(*existing))
                    if (row.logIndexExact)
                        stored.insert({row.txHash.bytes(), row.logIndex});
                fresh.erase(std::remove_if(fresh.begin(), fresh.end(),
                                           [&](const PoolSwap &s) { return stored.contains({s.txHash.bytes(), s.logIndex}); }),
                            fresh.end());
            }
        }
        learnt.append(*blocks);
        auto committed = m_store->commitBatch(rows.swaps, learnt, m_config.chain, m_config.poolId, piece);
        if (!committed)
            return finishPoll(committed.error().message);
        m_pieceRetries = 0;
        m_pieces.pop_front();
        m_tip = last;
        m_windowEnd = last.timestamp;
        m_fresh.append(fresh);
        m_headChanged = true;
        fetchNextPiece();
    });
}

// The end of a poll, whole or not: the new rows go out and the metrics move to the newest block.
QString LiveMonitor::flushFresh()
{
    if (!m_headChanged && m_fresh.isEmpty())
        return {};
    QString failure;
    if (!m_seeded) {
        const Status seeded = reseed();   // the store has the new rows already
        if (!seeded)
            failure = seeded.error().message;
    } else
        for (const PoolSwap &swap : std::as_const(m_fresh))
            m_rolling->append(toSwapPoint(swap));
    const QList<PoolSwap> fresh = std::exchange(m_fresh, {});
    if (m_headChanged && m_tip)
        Q_EMIT headChanged(m_tip->number, m_tip->timestamp);
    m_headChanged = false;
    if (!fresh.isEmpty())
        Q_EMIT swapsAppended(fresh);
    publishMetrics();
    return failure;
}

// The window's rows from the store (after a start, a reset or a new window length).
Status LiveMonitor::reseed()
{
    m_rolling = std::make_unique<RollingMetrics>();
    m_rolling->setWindow(m_config.windowSeconds);
    SwapQuery query;
    query.chain = m_config.chain;
    query.poolId = m_config.poolId;
    query.fromTime = m_windowEnd - m_config.windowSeconds;
    query.toTime = m_windowEnd;
    auto points = m_store->points(query);
    if (!points)
        return points.error();
    m_rolling->append(*points);
    m_seeded = true;
    return {};
}

void LiveMonitor::publishMetrics()
{
    m_metrics = m_rolling->at(m_windowEnd);
    Q_EMIT metricsChanged(m_metrics);
}

} // namespace apedesk::market
