#pragma once
// Sends EIP-1559 transactions: estimate fees and gas, reserve a nonce, sign, send, wait for the
// receipt. Each stage is reported by a signal carrying the send's id:
//
//   estimating -> signing -> sent(hash) -> mined(receipt)
//                                       -> unknown(hash, why, final)   (sent, fate not known yet)
//   any stage before sent             -> failed(error)
//
// "Unknown" is the state after the connection died while the transaction was being sent or
// while its receipt was awaited: the hash is known from the signed bytes, but not whether the
// node has the transaction. The sender then keeps looking the hash up (receipt, then
// eth_getTransactionByHash); if the node answers and has never seen it, the SAME signed bytes are
// sent again, which a node deduplicates by hash. A new transaction with a new nonce is never
// made for it. unknown(..., final = true) ends a send whose fate was still not known at the
// receipt timeout or when it was canceled; mined() is emitted also for a reverted transaction
// (receipt.status false), which used its nonce and paid for its gas.
//
// The private key is asked for (KeySource) only at signing and dropped right after.
// Threading: lives on the thread of its JsonRpcClient and NonceManager; signals are emitted there.

#include "fees.h"
#include "jsonrpcapi.h"
#include "noncemanager.h"
#include "tx.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace apedesk::eth {

struct SendRequest
{
    quint64 chainId = 0;              // must match the node's, or the send fails before signing
    Address from;                     // must be the key's address
    std::optional<Address> to;        // empty: contract creation
    u256 value = 0;
    QByteArray data;
    std::optional<u256> gasLimit;     // empty: eth_estimateGas with the policy's margin
    std::optional<FeeSuggestion> fees;   // empty: from eth_feeHistory and the policy
    int receiptTimeoutMs = 120000;    // from sent until the send ends as unknown
};

using KeySource = std::function<Result<PrivateKey>()>;

class TransactionSender : public QObject
{
    Q_OBJECT
public:
    enum class Stage { Estimating, Signing, Sending, Sent, Unknown, Mined, Failed };
    Q_ENUM(Stage)

    TransactionSender(JsonRpcClient *client, NonceManager *nonces, QObject *parent = nullptr);
    ~TransactionSender() override;

    void setFeePolicy(const FeePolicy &policy) { m_policy = policy; }
    const FeePolicy &feePolicy() const { return m_policy; }
    void setPollIntervalMs(int ms) { m_pollIntervalMs = ms; }

    // Starts a send and returns its id at once; stages follow as signals.
    quint64 send(SendRequest request, KeySource key);
    // Follows a transaction signed earlier (e.g. found unresolved in a journal after a restart):
    // looks it up by hash and resends the same bytes only if the node does not know it.
    quint64 track(const QByteArray &rawSignedTransaction, int timeoutMs = 120000);
    // Stops a send. Before it was sent: failed(canceled). After: unknown(hash, canceled, final).
    void cancel(quint64 id);

    std::optional<Stage> stage(quint64 id) const;
    // The signed bytes of an active send from sent() (or unknown()) on; empty before signing. A
    // caller that journals it can track() the transaction after a restart.
    QByteArray rawTransaction(quint64 id) const;
    int activeSends() const { return static_cast<int>(m_ops.size()); }

Q_SIGNALS:
    void estimating(quint64 id);
    void signing(quint64 id);
    void sent(quint64 id, apedesk::eth::Hash32 hash);
    void unknown(quint64 id, apedesk::eth::Hash32 hash, apedesk::Error why, bool final);
    void mined(quint64 id, apedesk::eth::TransactionReceipt receipt);
    void failed(quint64 id, apedesk::Error error);

private:
    struct Op;

    void begin(quint64 id);
    void onEstimated(quint64 id, RpcResult<QList<RpcResult<QJsonValue>>> results);
    void onNonce(quint64 id, RpcResult<NonceLease> lease);
    void sendRaw(Op &op);
    void onSendResult(quint64 id, RpcResult<Hash32> result);
    void enterSent(Op &op);
    void enterUnknown(Op &op, const Error &why);
    void schedulePoll(Op &op, int delayMs);
    void poll(quint64 id);
    void onReceipt(quint64 id, RpcResult<std::optional<TransactionReceipt>> result);
    void lookUpByHash(Op &op);
    void onLookUp(quint64 id, RpcResult<std::optional<TransactionInfo>> result);
    void onNonceTooLow(quint64 id, RpcResult<std::optional<TransactionReceipt>> result);
    void onPollFailure(Op &op, const RpcError &error);

    void finishMined(quint64 id, const TransactionReceipt &receipt);
    void finishFailed(quint64 id, const Error &error, bool releaseNonce);
    void finishUnknown(quint64 id, const Error &why);
    std::unique_ptr<Op> take(quint64 id);
    Op *find(quint64 id) const;

    EthRpc m_rpc;
    QPointer<JsonRpcClient> m_client;   // null once the client is being destroyed
    NonceManager *m_nonces;
    FeePolicy m_policy;
    int m_pollIntervalMs = 100;
    std::map<quint64, std::unique_ptr<Op>> m_ops;
    quint64 m_nextId = 1;
};

} // namespace apedesk::eth
