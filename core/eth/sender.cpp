#include "sender.h"

#include "common/logging.h"
#include "hex.h"

#include <QLocale>

#include <QTimer>

namespace apedesk::eth {
namespace {
// How often a transaction that is still not mined is looked up by hash, to notice a node that
// restarted and forgot it between two receipt polls.
constexpr int kLookUpEveryMs = 2000;
constexpr int kMaxPollBackoffMs = 2000;

bool saysAlreadyKnown(const RpcError &e)
{
    const QString m = e.rpcMessage.toLower();
    return m.contains(QLatin1String("already known")) || m.contains(QLatin1String("already imported"))
        || m.contains(QLatin1String("known transaction")) || m.contains(QLatin1String("alreadyknown"));
}

bool saysNonceTooLow(const RpcError &e)
{
    const QString m = e.rpcMessage.toLower();
    return m.contains(QLatin1String("nonce too low")) || m.contains(QLatin1String("nonce is too low"))
        || m.contains(QLatin1String("oldnonce"));
}

QString shortHash(const Hash32 &hash) { return hash.toHex().left(10) + QStringLiteral("…"); }
} // namespace

struct TransactionSender::Op
{
    quint64 id = 0;
    SendRequest request;
    KeySource key;
    Stage stage = Stage::Estimating;
    std::optional<NonceLease> lease;
    QByteArray raw;                    // the signed bytes, kept to resend exactly these
    Hash32 hash;
    quint64 rpcCall = 0;               // in flight, for cancel()
    bool announced = false;            // sent() was emitted
    bool resending = false;            // the current send is a resend of the same bytes
    QTimer pollTimer;
    QElapsedTimer sinceSent;
    QElapsedTimer sinceLookUp;
    int failuresInRow = 0;
    std::optional<Error> lastPollError;
};

TransactionSender::TransactionSender(JsonRpcClient *client, NonceManager *nonces, QObject *parent)
    : QObject(parent), m_rpc(client), m_client(client), m_nonces(nonces)
{
    qRegisterMetaType<apedesk::eth::Hash32>();
    qRegisterMetaType<apedesk::eth::TransactionReceipt>();
    qRegisterMetaType<apedesk::Error>();
}

TransactionSender::~TransactionSender()
{
    // The client may be our parent and already on its way out; then its calls are gone with it.
    for (auto &entry : m_ops)
        if (entry.second->rpcCall && m_client)
            m_client->cancel(entry.second->rpcCall);
}

TransactionSender::Op *TransactionSender::find(quint64 id) const
{
    const auto it = m_ops.find(id);
    return it == m_ops.end() ? nullptr : it->second.get();
}

std::unique_ptr<TransactionSender::Op> TransactionSender::take(quint64 id)
{
    const auto it = m_ops.find(id);
    if (it == m_ops.end())
        return nullptr;
    std::unique_ptr<Op> op = std::move(it->second);
    m_ops.erase(it);
    op->pollTimer.stop();
    if (op->rpcCall && m_client)
        m_client->cancel(op->rpcCall);
    return op;
}

std::optional<TransactionSender::Stage> TransactionSender::stage(quint64 id) const
{
    const Op *op = find(id);
    return op ? std::optional<Stage>(op->stage) : std::nullopt;
}

QByteArray TransactionSender::rawTransaction(quint64 id) const
{
    const Op *op = find(id);
    return op ? op->raw : QByteArray();
}

quint64 TransactionSender::send(SendRequest request, KeySource key)
{
    auto op = std::make_unique<Op>();
    const quint64 id = m_nextId++;
    op->id = id;
    op->request = std::move(request);
    op->key = std::move(key);
    op->pollTimer.setSingleShot(true);
    connect(&op->pollTimer, &QTimer::timeout, this, [this, id] { poll(id); });
    m_ops.emplace(id, std::move(op));
    // Start on the next event-loop turn so the caller has the id before the first signal.
    QTimer::singleShot(0, this, [this, id] { begin(id); });
    return id;
}

quint64 TransactionSender::track(const QByteArray &rawSignedTransaction, int timeoutMs)
{
    const quint64 id = m_nextId++;
    auto decoded = decodeSignedTransaction(rawSignedTransaction);
    auto op = std::make_unique<Op>();
    op->id = id;
    op->pollTimer.setSingleShot(true);
    connect(&op->pollTimer, &QTimer::timeout, this, [this, id] { poll(id); });
    if (!decoded) {
        m_ops.emplace(id, std::move(op));
        const Error error = decoded.error();
        QTimer::singleShot(0, this, [this, id, error] { finishFailed(id, error, false); });
        return id;
    }
    op->request.chainId = decoded->tx.chainId;
    op->request.from = decoded->from;
    op->request.receiptTimeoutMs = timeoutMs;
    op->raw = rawSignedTransaction;
    op->hash = decoded->hash;
    op->stage = Stage::Unknown;
    op->announced = true;   // its hash is what the caller gave; nothing new to announce
    op->sinceSent.start();
    op->sinceLookUp.start();
    m_nonces->invalidate(op->request.chainId, op->request.from);
    Op &ref = *op;
    m_ops.emplace(id, std::move(op));
    schedulePoll(ref, 0);
    return id;
}

void TransactionSender::cancel(quint64 id)
{
    Op *op = find(id);
    if (!op)
        return;
    if (op->stage == Stage::Estimating || op->stage == Stage::Signing)
        finishFailed(id, Error::canceled(), true);
    else
        finishUnknown(id, Error::canceled());
}

// --- estimating -------------------------------------------------------------------------------

void TransactionSender::begin(quint64 id)
{
    Op *op = find(id);
    if (!op)
        return;
    op->stage = Stage::Estimating;
    Q_EMIT estimating(id);
    op = find(id);   // a slot may have canceled it
    if (!op)
        return;

    // One round trip: the chain id, the fee history and the gas estimate travel in one batch.
    QList<RpcRequest> requests{EthRpc::chainIdRequest()};
    if (!op->request.fees) {
        requests.append(EthRpc::feeHistoryRequest(m_policy.historyBlocks, BlockTag::latest(),
                                                  QList<double>{m_policy.rewardPercentile}));
        requests.append(EthRpc::maxPriorityFeePerGasRequest());
    }
    if (!op->request.gasLimit) {
        CallRequest call;
        call.from = op->request.from;
        call.to = op->request.to;
        call.value = op->request.value;
        call.data = op->request.data;
        requests.append(EthRpc::estimateGasRequest(call));
    }
    QPointer<TransactionSender> self(this);
    op->rpcCall = m_rpc.client()->batch(requests, [self, id](RpcResult<QList<RpcResult<QJsonValue>>> results) {
        if (self)
            self->onEstimated(id, std::move(results));
    });
}

void TransactionSender::onEstimated(quint64 id, RpcResult<QList<RpcResult<QJsonValue>>> results)
{
    Op *op = find(id);
    if (!op)
        return;
    op->rpcCall = 0;
    if (!results) {
        finishFailed(id, results.error().toError(), false);
        return;
    }
    const QList<RpcResult<QJsonValue>> &items = *results;
    qsizetype next = 0;

    const RpcResult<QJsonValue> &chainItem = items.at(next++);
    auto chainId = chainItem ? json::quantity64(*chainItem) : RpcResult<quint64>(chainItem.error());
    if (!chainId) {
        finishFailed(id, chainId.error().toError(), false);
        return;
    }
    if (*chainId != op->request.chainId) {
        finishFailed(id,
                     Error::make(Error::Kind::Chain,
                                 tr("The node is on chain %1, not on chain %2 this transaction is for; nothing was "
                                    "signed.")
                                     .arg(*chainId)
                                     .arg(op->request.chainId)),
                     false);
        return;
    }

    if (!op->request.fees) {
        const RpcResult<QJsonValue> &historyItem = items.at(next++);
        const RpcResult<QJsonValue> &tipItem = items.at(next++);
        auto history = historyItem ? json::feeHistory(*historyItem) : RpcResult<FeeHistory>(historyItem.error());
        if (!history) {
            finishFailed(id, history.error().toError(), false);
            return;
        }
        // Not every node has eth_maxPriorityFeePerGas; it is only a fallback.
        std::optional<u256> nodeTip;
        if (tipItem) {
            if (auto tip = json::quantity(*tipItem))
                nodeTip = *tip;
        }
        auto fees = suggestFees(*history, m_policy, nodeTip);
        if (!fees) {
            finishFailed(id, fees.error(), false);
            return;
        }
        op->request.fees = *fees;
    }
    if (!op->request.gasLimit) {
        const RpcResult<QJsonValue> &gasItem = items.at(next++);
        auto gas = gasItem ? json::quantity(*gasItem) : RpcResult<u256>(gasItem.error());
        if (!gas) {
            finishFailed(id, gas.error().toError(), false);
            return;
        }
        op->request.gasLimit = gasLimitWithMargin(*gas, m_policy);
    }

    op->stage = Stage::Signing;
    Q_EMIT signing(id);
    op = find(id);
    if (!op)
        return;
    QPointer<TransactionSender> self(this);
    // If the sender is gone by then, the lease stays open in the manager: the safe side.
    m_nonces->reserve(op->request.chainId, op->request.from, [self, id](RpcResult<NonceLease> lease) {
        if (self)
            self->onNonce(id, std::move(lease));
    });
}

// --- signing ----------------------------------------------------------------------------------

void TransactionSender::onNonce(quint64 id, RpcResult<NonceLease> lease)
{
    Op *op = find(id);
    if (!op) {
        if (lease)
            m_nonces->release(*lease);   // canceled while the nonce was on its way
        return;
    }
    if (!lease) {
        finishFailed(id, lease.error().toError(), false);
        return;
    }
    op->lease = *lease;

    Transaction tx;
    tx.type = Transaction::Type::Eip1559;
    tx.chainId = op->request.chainId;
    tx.nonce = lease->nonce;
    tx.gasLimit = *op->request.gasLimit;
    tx.to = op->request.to;
    tx.value = op->request.value;
    tx.data = op->request.data;
    tx.maxPriorityFeePerGas = op->request.fees->maxPriorityFeePerGas;
    tx.maxFeePerGas = op->request.fees->maxFeePerGas;

    Result<SignedTransaction> signedTx = Error::make(Error::Kind::Crypto, tr("No key was given for signing."));
    if (op->key) {
        // The key exists only inside this block; SecretBytes wipes it when the block ends.
        Result<PrivateKey> key = op->key();
        op->key = nullptr;
        if (!key) {
            finishFailed(id, key.error(), true);
            return;
        }
        signedTx = signTransaction(tx, *key);
    }
    op->key = nullptr;
    if (!signedTx) {
        finishFailed(id, signedTx.error(), true);
        return;
    }
    if (signedTx->from != op->request.from) {
        finishFailed(id,
                     Error::make(Error::Kind::Crypto,
                                 tr("The key does not belong to the account %1; nothing was sent.")
                                     .arg(op->request.from.toChecksumString())),
                     true);
        return;
    }
    op->raw = signedTx->raw;
    op->hash = signedTx->hash;
    op->stage = Stage::Sending;
    qCInfo(lcEth).noquote() << "sending" << op->hash.toHex() << "nonce" << toDecimal(tx.nonce) << "from"
                            << op->request.from.toChecksumString();
    sendRaw(*op);
}

// --- sending ----------------------------------------------------------------------------------

void TransactionSender::sendRaw(Op &op)
{
    QPointer<TransactionSender> self(this);
    const quint64 id = op.id;
    op.rpcCall = m_rpc.sendRawTransaction(op.raw, [self, id](RpcResult<Hash32> result) {
        if (self)
            self->onSendResult(id, std::move(result));
    });
}

void TransactionSender::onSendResult(quint64 id, RpcResult<Hash32> result)
{
    Op *op = find(id);
    if (!op)
        return;
    op->rpcCall = 0;
    if (result) {
        if (*result != op->hash)
            qCWarning(lcEth).noquote() << "node answered hash" << result->toHex() << "for" << op->hash.toHex();
        enterSent(*op);
        return;
    }
    const RpcError &error = result.error();
    if (error.kind == RpcError::Kind::JsonRpc) {
        if (saysAlreadyKnown(error)) {
            enterSent(*op);   // the same bytes are already with the node
            return;
        }
        if (saysNonceTooLow(error)) {
            // Either this very transaction was mined already (a resend), or another one took the nonce.
            QPointer<TransactionSender> self(this);
            op->rpcCall = m_rpc.getTransactionReceipt(op->hash, [self, id](auto receipt) {
                if (self)
                    self->onNonceTooLow(id, std::move(receipt));
            });
            return;
        }
        // Refused: this transaction is not in the node's pool. Its nonce is free again unless an
        // earlier attempt may have reached some node. The node is asked again before the next
        // nonce either way, in case the refusal was about the nonce ("replacement underpriced").
        m_nonces->invalidate(op->request.chainId, op->request.from);
        finishFailed(id, error.toError(), !op->resending);
        return;
    }
    if (error.isTransport() && !error.maybeDelivered && !op->resending && !op->announced) {
        finishFailed(id, error.toError(), true);   // it certainly never left this machine
        return;
    }
    enterUnknown(*op, error.toError());
}

void TransactionSender::onNonceTooLow(quint64 id, RpcResult<std::optional<TransactionReceipt>> result)
{
    Op *op = find(id);
    if (!op)
        return;
    op->rpcCall = 0;
    if (result && result->has_value()) {
        finishMined(id, **result);
        return;
    }
    if (!result && result.error().isTransport()) {
        enterUnknown(*op, result.error().toError());
        return;
    }
    m_nonces->invalidate(op->request.chainId, op->request.from);
    finishFailed(id,
                 Error::make(Error::Kind::Chain,
                             tr("Another transaction from this account already used nonce %1; nothing was sent. "
                                "Try again.")
                                 .arg(op->lease ? toDecimal(op->lease->nonce) : QStringLiteral("?")),
                             QStringLiteral("transaction %1").arg(op->hash.toHex())),
                 false);
}

void TransactionSender::enterSent(Op &op)
{
    op.resending = false;
    op.failuresInRow = 0;
    op.stage = Stage::Sent;
    if (!op.sinceLookUp.isValid())
        op.sinceLookUp.start();
    if (!op.announced) {
        op.announced = true;
        op.sinceSent.start();
        const quint64 id = op.id;
        schedulePoll(op, 0);   // anvil mines at once: the receipt is usually there on the first poll
        Q_EMIT sent(id, op.hash);
        return;
    }
    schedulePoll(op, m_pollIntervalMs);
}

void TransactionSender::enterUnknown(Op &op, const Error &why)
{
    op.resending = false;
    if (!op.announced) {
        op.announced = true;
        op.sinceSent.start();
    }
    if (!op.sinceLookUp.isValid())
        op.sinceLookUp.start();
    const int delay = std::min(m_pollIntervalMs << std::min(op.failuresInRow, 10), kMaxPollBackoffMs);
    schedulePoll(op, delay);
    if (op.stage == Stage::Unknown)
        return;
    op.stage = Stage::Unknown;
    // The node may have restarted: the next nonce comes from it again.
    m_nonces->invalidate(op.request.chainId, op.request.from);
    const Error unknownError =
        Error::make(why.kind,
                    tr("Transaction %1 was sent, but the node stopped answering before it was confirmed. Whether it "
                       "went through is not known yet; ApeDesk keeps checking by its hash and does not send it twice.")
                        .arg(shortHash(op.hash)),
                    why.toString());
    qCWarning(lcEth).noquote() << "transaction" << op.hash.toHex() << "unknown:" << why.toString();
    Q_EMIT unknown(op.id, op.hash, unknownError, false);
}

// --- waiting for the receipt ------------------------------------------------------------------

void TransactionSender::schedulePoll(Op &op, int delayMs)
{
    op.pollTimer.start(std::max(delayMs, 0));
}

void TransactionSender::poll(quint64 id)
{
    Op *op = find(id);
    if (!op)
        return;
    if (op->sinceSent.isValid() && op->sinceSent.elapsed() > op->request.receiptTimeoutMs) {
        const QString seconds = QLocale().toString(op->request.receiptTimeoutMs / 1000.0, 'g', 3);
        const Error why = op->lastPollError && op->stage == Stage::Unknown
            ? Error::make(op->lastPollError->kind,
                          tr("Transaction %1 was sent, but the node could not be asked within %2 s whether it went "
                             "through; check it later by its hash.")
                              .arg(shortHash(op->hash))
                              .arg(seconds),
                          op->lastPollError->toString())
            : Error::make(Error::Kind::Timeout,
                          tr("Transaction %1 is not mined after %2 s; it may still be mined later.")
                              .arg(shortHash(op->hash))
                              .arg(seconds));
        finishUnknown(id, why);
        return;
    }
    QPointer<TransactionSender> self(this);
    op->rpcCall = m_rpc.getTransactionReceipt(op->hash, [self, id](auto receipt) {
        if (self)
            self->onReceipt(id, std::move(receipt));
    });
}

void TransactionSender::onReceipt(quint64 id, RpcResult<std::optional<TransactionReceipt>> result)
{
    Op *op = find(id);
    if (!op)
        return;
    op->rpcCall = 0;
    if (!result) {
        onPollFailure(*op, result.error());
        return;
    }
    op->failuresInRow = 0;
    if (result->has_value()) {
        finishMined(id, **result);
        return;
    }
    // Not mined yet. After a broken connection, or now and then, make sure the node still has it.
    if (op->stage == Stage::Unknown || op->sinceLookUp.elapsed() >= kLookUpEveryMs) {
        lookUpByHash(*op);
        return;
    }
    schedulePoll(*op, m_pollIntervalMs);
}

void TransactionSender::onPollFailure(Op &op, const RpcError &error)
{
    ++op.failuresInRow;
    op.lastPollError = error.toError();
    if (error.isTransport() || op.stage == Stage::Unknown) {
        enterUnknown(op, error.toError());
        return;
    }
    // A node that answers, but oddly: keep trying until the receipt timeout.
    qCWarning(lcEth).noquote() << "receipt poll for" << op.hash.toHex() << "failed:" << error.detail();
    schedulePoll(op, std::min(m_pollIntervalMs << std::min(op.failuresInRow, 10), kMaxPollBackoffMs));
}

void TransactionSender::lookUpByHash(Op &op)
{
    op.sinceLookUp.restart();
    QPointer<TransactionSender> self(this);
    const quint64 id = op.id;
    op.rpcCall = m_rpc.getTransactionByHash(op.hash, [self, id](auto info) {
        if (self)
            self->onLookUp(id, std::move(info));
    });
}

void TransactionSender::onLookUp(quint64 id, RpcResult<std::optional<TransactionInfo>> result)
{
    Op *op = find(id);
    if (!op)
        return;
    op->rpcCall = 0;
    if (!result) {
        onPollFailure(*op, result.error());
        return;
    }
    if (result->has_value()) {
        if (op->stage == Stage::Unknown)
            qCInfo(lcEth).noquote() << "transaction" << op->hash.toHex() << "is known to the node again";
        enterSent(*op);
        return;
    }
    // The node has never seen it (or lost it in a restart). Sending the very same signed bytes is
    // safe: it can only ever be included once.
    qCInfo(lcEth).noquote() << "node does not know" << op->hash.toHex() << "- sending the same signed bytes again";
    op->resending = true;
    sendRaw(*op);
}

// --- endings ----------------------------------------------------------------------------------

void TransactionSender::finishMined(quint64 id, const TransactionReceipt &receipt)
{
    std::unique_ptr<Op> op = take(id);
    if (!op)
        return;
    if (op->lease)
        m_nonces->settle(*op->lease);
    op->stage = Stage::Mined;
    qCInfo(lcEth).noquote() << "transaction" << receipt.transactionHash.toHex() << "mined in block"
                            << receipt.blockNumber << (receipt.status ? "(success)" : "(reverted)");
    Q_EMIT mined(id, receipt);
}

void TransactionSender::finishFailed(quint64 id, const Error &error, bool releaseNonce)
{
    std::unique_ptr<Op> op = take(id);
    if (!op)
        return;
    op->key = nullptr;
    if (op->lease) {
        if (releaseNonce)
            m_nonces->release(*op->lease);
        else
            m_nonces->settle(*op->lease);
    }
    op->stage = Stage::Failed;
    qCInfo(lcEth).noquote() << "send" << id << "failed:" << error.toString();
    Q_EMIT failed(id, error);
}

void TransactionSender::finishUnknown(quint64 id, const Error &why)
{
    std::unique_ptr<Op> op = take(id);
    if (!op)
        return;
    if (op->lease) {
        // It may still be mined: its nonce stays used, and the node is asked before the next one.
        m_nonces->settle(*op->lease);
        m_nonces->invalidate(op->request.chainId, op->request.from);
    }
    op->stage = Stage::Unknown;
    qCWarning(lcEth).noquote() << "transaction" << op->hash.toHex() << "left unknown:" << why.toString();
    Q_EMIT unknown(id, op->hash, why, true);
}

} // namespace apedesk::eth
