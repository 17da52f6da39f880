#pragma once
// For the pool-data tests: a real anvil (chain 8453) with the sandbox deployer's Uniswap V4 venue,
// swaps in both directions made from anvil's accounts through the Universal Router (several in one
// block when asked: automine off, send, evm_mine), the Swap rows the receipts show, and a local
// JSON-RPC proxy that forwards to anvil but can misbehave the way providers do (refuse wide
// eth_getLogs ranges, send malformed JSON, be down), counting what it saw.

#include "chain/sandboxdeployer.h"
#include "chain/sandboxdeployment.h"
#include "eth/hex.h"
#include "eth/jsonrpcapi.h"
#include "eth/rpcawait.h"
#include "eth/tx.h"
#include "market/pooltypes.h"
#include "uniswap/permit2.h"
#include "uniswap/swapevent.h"
#include "uniswap/universalrouter.h"

#include "anvilnode.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

class SwapSandbox
{
public:
    AnvilNode anvil;
    std::unique_ptr<apedesk::eth::JsonRpcClient> client;
    apedesk::chain::SandboxDeployment deployment;
    QString lastError;

    QString chain() const { return apedesk::market::chainKey(8453, true); }
    apedesk::eth::EthRpc rpc() const { return apedesk::eth::EthRpc(client.get()); }

    bool start()
    {
        using namespace apedesk;
        AnvilNode::Options options;
        options.chainId = 8453;
        if (!anvil.start(options)) {
            lastError = anvil.lastError();
            return false;
        }
        client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{anvil.url()});
        chain::SandboxOptions sandbox;
        sandbox.fundAccounts = chain::sandboxAccounts();
        chain::SandboxDeployer deployer(client.get(), qEnvironmentVariable("APEDESK_NODE_MODULES"));
        auto deployed = deployer.deploy(sandbox);
        if (!deployed) {
            lastError = deployed.error().toString();
            return false;
        }
        deployment = *deployed;
        // Accounts 1..9 may sell USDC: ERC20 → Permit2 → router approvals, once.
        for (int account = 1; account < chain::kSandboxAccountCount; ++account) {
            if (!send(account, deployment.usdc, uniswap::encodeErc20Approve(uniswap::permit2Address(), ~eth::u256(0)), 0)
                || !send(account, deployment.permit2,
                         uniswap::encodePermit2Approve(deployment.usdc, deployment.universalRouter,
                                                       (eth::u256(1) << 160) - 1, 4'000'000'000ULL),
                         0))
                return false;
        }
        return true;
    }

    quint64 blockNumber()
    {
        auto api = rpc();
        auto n = apedesk::eth::awaitRpc<quint64>(client.get(), [&](auto done) { return api.blockNumber(done); });
        return n ? *n : 0;
    }

    bool setAutomine(bool on)
    {
        auto api = rpc();
        return apedesk::eth::awaitRpc<void>(client.get(), [&](auto done) { return api.evmSetAutomine(on, done); }).ok();
    }
    bool mine()
    {
        auto api = rpc();
        return apedesk::eth::awaitRpc<void>(client.get(), [&](auto done) { return api.evmMine(done); }).ok();
    }
    std::optional<apedesk::eth::u256> snapshot()
    {
        auto api = rpc();
        auto id = apedesk::eth::awaitRpc<apedesk::eth::u256>(client.get(), [&](auto done) { return api.evmSnapshot(done); });
        if (!id)
            return std::nullopt;
        return *id;
    }
    bool revert(const apedesk::eth::u256 &id)
    {
        auto api = rpc();
        auto ok = apedesk::eth::awaitRpc<bool>(client.get(), [&](auto done) { return api.evmRevert(id, done); });
        if (!ok || !*ok)
            return false;
        m_nonces.clear();   // the reverted transactions' nonces are free again
        return true;
    }

    // Signs and sends; with automine on, waits for a successful receipt.
    std::optional<apedesk::eth::Hash32> sendRaw(int account, const apedesk::eth::Address &to, const QByteArray &data,
                                                const apedesk::eth::u256 &value)
    {
        using namespace apedesk;
        auto key = chain::sandboxAccountKey(account);
        if (!key) {
            lastError = key.error().toString();
            return std::nullopt;
        }
        auto api = rpc();
        if (!m_nonces.contains(account)) {
            auto nonce = eth::awaitRpc<eth::u256>(client.get(), [&](auto done) {
                return api.getTransactionCount(key->address(), eth::BlockTag::pending(), done);
            });
            if (!nonce) {
                lastError = nonce.error().detail();
                return std::nullopt;
            }
            m_nonces.insert(account, *nonce);
        }
        eth::Transaction tx;
        tx.chainId = 8453;
        tx.nonce = m_nonces.value(account);
        tx.gasLimit = 600'000;
        tx.to = to;
        tx.value = value;
        tx.data = data;
        tx.maxPriorityFeePerGas = 1'000'000'000;
        tx.maxFeePerGas = 20'000'000'000ULL;
        auto signedTx = eth::signTransaction(tx, *key);
        if (!signedTx) {
            lastError = signedTx.error().toString();
            return std::nullopt;
        }
        auto hash = eth::awaitRpc<eth::Hash32>(client.get(), [&](auto done) { return api.sendRawTransaction(signedTx->raw, done); });
        if (!hash) {
            lastError = hash.error().detail();
            return std::nullopt;
        }
        m_nonces[account] = m_nonces.value(account) + 1;
        return *hash;
    }

    bool send(int account, const apedesk::eth::Address &to, const QByteArray &data, const apedesk::eth::u256 &value)
    {
        auto hash = sendRaw(account, to, data, value);
        if (!hash)
            return false;
        // anvil mines right after it answers, not before: poll for the receipt.
        std::optional<apedesk::eth::TransactionReceipt> receipt;
        for (int i = 0; i < 500 && !receipt; ++i) {
            receipt = this->receipt(*hash);
            if (!receipt)
                QTest::qWait(5);
        }
        if (!receipt || !receipt->status) {
            lastError = QStringLiteral("transaction %1 failed").arg(hash->toHex());
            return false;
        }
        return true;
    }

    std::optional<apedesk::eth::TransactionReceipt> receipt(const apedesk::eth::Hash32 &hash)
    {
        auto api = rpc();
        auto r = apedesk::eth::awaitRpc<std::optional<apedesk::eth::TransactionReceipt>>(
            client.get(), [&](auto done) { return api.getTransactionReceipt(hash, done); });
        if (!r || !*r)
            return std::nullopt;
        return **r;
    }

    // One router swap from `account`: ETH → USDC when `sellEth`, else USDC → ETH.
    std::optional<apedesk::eth::Hash32> sendSwap(int account, bool sellEth, QRandomGenerator &random)
    {
        using namespace apedesk;
        uniswap::ExactInSingle swap;
        swap.key = deployment.poolKey;
        swap.zeroForOne = sellEth;
        // 0.01 .. 0.5 ETH, or 30 .. 1500 USDC
        const quint64 milli = 10 + random.bounded(490);
        swap.amountIn = sellEth ? eth::u256(milli) * eth::u256(1'000'000'000'000'000ULL) : eth::u256(milli) * 3'000'000;
        swap.amountOutMinimum = 1;
        auto call = uniswap::encodeSwapExactInSingleCall(swap, uniswap::RouterVersion::V2_1, 4'000'000'000ULL);
        if (!call) {
            lastError = call.error().toString();
            return std::nullopt;
        }
        return sendRaw(account, deployment.universalRouter, call->calldata, call->value);
    }

    // `count` swaps in both directions over new blocks: 1 to maxPerBlock swaps in a block, and now
    // and then an empty block between. Returns the transactions, all mined and successful.
    QList<apedesk::eth::Hash32> makeSwaps(int count, quint32 seed, int maxPerBlock = 4)
    {
        QRandomGenerator random(seed);
        QList<apedesk::eth::Hash32> txs;
        if (!setAutomine(false))
            return {};
        while (txs.size() < count) {
            const int inBlock = std::min<int>(count - int(txs.size()), 1 + int(random.bounded(maxPerBlock)));
            QList<apedesk::eth::Hash32> pending;
            for (int i = 0; i < inBlock; ++i) {
                const int account = 1 + int(random.bounded(9));
                auto hash = sendSwap(account, random.bounded(2) == 0, random);
                if (!hash) {
                    setAutomine(true);
                    return {};
                }
                pending << *hash;
            }
            if (!mine()) {
                setAutomine(true);
                return {};
            }
            for (const auto &hash : std::as_const(pending)) {
                auto r = receipt(hash);
                if (!r || !r->status) {
                    lastError = QStringLiteral("swap %1 was not mined or reverted").arg(hash.toHex());
                    setAutomine(true);
                    return {};
                }
            }
            txs << pending;
            const int empty = random.bounded(4) == 0 ? 1 + int(random.bounded(3)) : 0;
            for (int i = 0; i < empty; ++i)
                mine();
        }
        setAutomine(true);
        return txs;
    }

    // The pool's Swap rows the receipts of `txs` show, with their blocks' timestamps, in
    // (block, log index) order.
    QList<apedesk::market::PoolSwap> expectedRows(const QList<apedesk::eth::Hash32> &txs)
    {
        using namespace apedesk;
        QList<market::PoolSwap> rows;
        QHash<quint64, qint64> timestamps;
        auto api = rpc();
        for (const eth::Hash32 &hash : txs) {
            auto r = receipt(hash);
            if (!r)
                return {};
            for (const eth::Log &log : r->logs) {
                if (log.address != deployment.poolManager || log.topics.size() < 2
                    || log.topics.at(0) != uniswap::swapEventTopic() || log.topics.at(1) != deployment.poolId)
                    continue;
                auto event = uniswap::decodeSwapEvent(log);
                if (!event)
                    return {};
                market::PoolSwap row;
                row.chain = chain();
                row.poolId = event->poolId;
                row.blockNumber = r->blockNumber;
                row.txHash = hash;
                row.logIndex = log.logIndex.value_or(~0ULL);
                row.sender = event->sender;
                row.amount0 = event->amount0;
                row.amount1 = event->amount1;
                row.sqrtPriceX96 = event->sqrtPriceX96;
                row.liquidity = event->liquidity;
                row.tick = event->tick;
                row.fee = event->fee;
                if (!timestamps.contains(r->blockNumber)) {
                    auto block = eth::awaitRpc<std::optional<eth::Block>>(client.get(), [&](auto done) {
                        return api.getBlockByNumber(eth::BlockTag::number(r->blockNumber), done);
                    });
                    if (!block || !*block)
                        return {};
                    timestamps.insert(r->blockNumber, static_cast<qint64>((*block)->timestamp));
                }
                row.timestamp = timestamps.value(r->blockNumber);
                rows << row;
            }
        }
        std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
            return a.blockNumber != b.blockNumber ? a.blockNumber < b.blockNumber : a.logIndex < b.logIndex;
        });
        return rows;
    }

private:
    QHash<int, apedesk::eth::u256> m_nonces;
};

// A JSON-RPC endpoint on a free loopback port that forwards to a node and can misbehave.
class RpcProxy : public QObject
{
public:
    enum class Mode {
        Pass,
        LimitRange,      // eth_getLogs over more than maxRange blocks: -32005 "query exceeds max block range N"
        MalformedLogs,   // the malformedAt-th eth_getLogs (1-based) gets a broken JSON body
        Down             // every request: HTTP 503
    };

    Mode mode = Mode::Pass;
    quint64 maxRange = 3;
    int malformedAt = 1;
    bool stripLogTimestamps = false;   // answer eth_getLogs without "blockTimestamp", as older nodes do

    // What it saw.
    int requests = 0;                                // JSON-RPC calls (a batch counts each)
    int getLogsCalls = 0;
    int refused = 0;
    int blockRequests = 0;                           // eth_getBlockByNumber calls
    QList<QPair<quint64, quint64>> servedLogRanges;  // eth_getLogs answered by the node

    explicit RpcProxy(quint16 targetPort) : m_target(targetPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void resetCounters()
    {
        requests = getLogsCalls = refused = blockRequests = 0;
        servedLogRanges.clear();
    }

private:
    void onReadable(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.toLower().startsWith("content-length:"))
                length = trimmed.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        const QByteArray body = buffer.mid(headerEnd + 4, length);
        m_buffers.remove(socket);
        int status = 200;
        const QByteArray answer = handle(body, &status);
        socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Service Unavailable")
                      + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                      + QByteArray::number(answer.size()) + "\r\n\r\n" + answer);
        socket->disconnectFromHost();
    }

    QByteArray handle(const QByteArray &body, int *status)
    {
        if (mode == Mode::Down) {
            *status = 503;
            return "down for maintenance";
        }
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (doc.isArray()) {
            requests += int(doc.array().size());
            for (const QJsonValue &item : doc.array())
                if (item.toObject().value(QStringLiteral("method")).toString() == QLatin1String("eth_getBlockByNumber"))
                    ++blockRequests;
            return AnvilNode::post(m_target, body, 15000);
        }
        ++requests;
        const QJsonObject request = doc.object();
        if (request.value(QStringLiteral("method")).toString() == QLatin1String("eth_getBlockByNumber"))
            ++blockRequests;
        if (request.value(QStringLiteral("method")).toString() == QLatin1String("eth_getLogs")) {
            ++getLogsCalls;
            const QJsonObject filter = request.value(QStringLiteral("params")).toArray().at(0).toObject();
            const quint64 from = filter.value(QStringLiteral("fromBlock")).toString().toULongLong(nullptr, 16);
            const quint64 to = filter.value(QStringLiteral("toBlock")).toString().toULongLong(nullptr, 16);
            const QJsonValue id = request.value(QStringLiteral("id"));
            if (mode == Mode::LimitRange && to - from + 1 > maxRange) {
                ++refused;
                return QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                                 {QStringLiteral("id"), id},
                                                 {QStringLiteral("error"),
                                                  QJsonObject{{QStringLiteral("code"), -32005},
                                                              {QStringLiteral("message"),
                                                               QStringLiteral("query exceeds max block range %1").arg(maxRange)}}}})
                    .toJson(QJsonDocument::Compact);
            }
            if (mode == Mode::MalformedLogs && getLogsCalls == malformedAt)
                return "{\"jsonrpc\":\"2.0\",\"id\":" + QByteArray::number(id.toInteger()) + ",\"result\":[{\"address\":";
            servedLogRanges.append({from, to});
            if (stripLogTimestamps) {
                QJsonObject answer = QJsonDocument::fromJson(AnvilNode::post(m_target, body, 15000)).object();
                QJsonArray logs = answer.value(QStringLiteral("result")).toArray();
                for (QJsonValueRef log : logs) {
                    QJsonObject object = log.toObject();
                    object.remove(QStringLiteral("blockTimestamp"));
                    log = object;
                }
                answer.insert(QStringLiteral("result"), logs);
                return QJsonDocument(answer).toJson(QJsonDocument::Compact);
            }
        }
        return AnvilNode::post(m_target, body, 15000);
    }

    QTcpServer m_server;
    quint16 m_target;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
