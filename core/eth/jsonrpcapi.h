#pragma once
// Typed Ethereum and anvil JSON-RPC methods on top of JsonRpcClient. Same threading rules as the
// client: use it on the client's thread; each callback runs later on that thread, exactly once
// unless its call is canceled with client()->cancel(id).

#include "jsonrpcclient.h"
#include "jsonrpctypes.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace apedesk::eth {

class EthRpc
{
public:
    explicit EthRpc(JsonRpcClient *client) : m_client(client) {}
    JsonRpcClient *client() const { return m_client; }

    // eth_*
    quint64 chainId(RpcCallback<quint64> done);
    quint64 blockNumber(RpcCallback<quint64> done);
    quint64 getBalance(const Address &account, const BlockTag &block, RpcCallback<u256> done);
    // Several balances in one batch request, in the order of `accounts`; the first failure fails all.
    quint64 getBalances(const QList<Address> &accounts, const BlockTag &block, RpcCallback<QList<u256>> done);
    // The return data. A revert is a JsonRpc RpcError whose revertData holds the revert bytes.
    quint64 call(const CallRequest &request, const BlockTag &block, RpcCallback<QByteArray> done);
    quint64 estimateGas(const CallRequest &request, RpcCallback<u256> done);
    quint64 feeHistory(int blockCount, const BlockTag &newest, const QList<double> &rewardPercentiles,
                       RpcCallback<FeeHistory> done);
    quint64 maxPriorityFeePerGas(RpcCallback<u256> done);
    quint64 getTransactionCount(const Address &account, const BlockTag &block, RpcCallback<u256> done);
    // Not idempotent for the client: never retried once it may have reached the node.
    quint64 sendRawTransaction(const QByteArray &raw, RpcCallback<Hash32> done);
    // nullopt: not mined (or not known).
    quint64 getTransactionReceipt(const Hash32 &hash, RpcCallback<std::optional<TransactionReceipt>> done);
    // nullopt: the node does not know the transaction at all (neither pending nor mined).
    quint64 getTransactionByHash(const Hash32 &hash, RpcCallback<std::optional<TransactionInfo>> done);
    quint64 getLogs(const LogFilter &filter, RpcCallback<QList<Log>> done);
    // Transactions as hashes only. nullopt: no such block.
    quint64 getBlockByNumber(const BlockTag &block, RpcCallback<std::optional<Block>> done);
    quint64 getCode(const Address &account, const BlockTag &block, RpcCallback<QByteArray> done);

    // anvil / hardhat-style test methods (sandbox and fork nodes only)
    quint64 anvilSetBalance(const Address &account, const u256 &wei, RpcCallback<void> done);
    quint64 anvilSetCode(const Address &account, const QByteArray &code, RpcCallback<void> done);
    quint64 anvilSetStorageAt(const Address &account, const u256 &slot, const u256 &value, RpcCallback<void> done);
    quint64 anvilImpersonateAccount(const Address &account, RpcCallback<void> done);
    quint64 anvilStopImpersonatingAccount(const Address &account, RpcCallback<void> done);
    quint64 evmSnapshot(RpcCallback<u256> done);                         // the snapshot id
    quint64 evmRevert(const u256 &snapshotId, RpcCallback<bool> done);   // false: unknown id
    quint64 evmMine(RpcCallback<void> done);
    quint64 evmSetAutomine(bool enabled, RpcCallback<void> done);
    // The whole chain state as anvil's blob (gzip-compressed JSON); anvilLoadState takes it back.
    quint64 anvilDumpState(RpcCallback<QByteArray> done);
    quint64 anvilLoadState(const QByteArray &state, RpcCallback<bool> done);

    // Requests for JsonRpcClient::batch().
    static RpcRequest getBalanceRequest(const Address &account, const BlockTag &block);
    static RpcRequest callRequest(const CallRequest &request, const BlockTag &block);
    static RpcRequest chainIdRequest();
    static RpcRequest estimateGasRequest(const CallRequest &request);
    static RpcRequest feeHistoryRequest(int blockCount, const BlockTag &newest, const QList<double> &rewardPercentiles);
    static RpcRequest maxPriorityFeePerGasRequest();

private:
    template <typename T, typename Parse>
    quint64 typed(const QString &method, const QJsonArray &params, Parse parse, RpcCallback<T> done,
                  CallOptions options = {});
    quint64 untyped(const QString &method, const QJsonArray &params, RpcCallback<void> done);

    JsonRpcClient *m_client;
};

} // namespace apedesk::eth
