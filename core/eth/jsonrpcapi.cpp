#include "jsonrpcapi.h"

#include "hex.h"

namespace apedesk::eth {
namespace {

template <typename T, typename Parse>
RpcResult<std::optional<T>> nullable(const QJsonValue &value, Parse parse)
{
    if (value.isNull())
        return std::optional<T>();
    auto parsed = parse(value);
    if (!parsed)
        return parsed.error();
    return std::optional<T>(std::move(parsed).value());
}

RpcResult<bool> boolean(const QJsonValue &value)
{
    if (!value.isBool())
        return RpcError::malformed(QStringLiteral("field \"result\": expected a boolean"));
    return value.toBool();
}

} // namespace

template <typename T, typename Parse>
quint64 EthRpc::typed(const QString &method, const QJsonArray &params, Parse parse, RpcCallback<T> done,
                      CallOptions options)
{
    return m_client->call(
        method, params,
        [parse, done = std::move(done)](RpcResult<QJsonValue> result) {
            if (!result) {
                done(result.error());
                return;
            }
            done(parse(*result));
        },
        options);
}

quint64 EthRpc::untyped(const QString &method, const QJsonArray &params, RpcCallback<void> done)
{
    return m_client->call(method, params, [done = std::move(done)](RpcResult<QJsonValue> result) {
        if (!result)
            done(result.error());
        else
            done({});
    });
}

quint64 EthRpc::chainId(RpcCallback<quint64> done)
{
    const RpcRequest r = chainIdRequest();
    return typed<quint64>(r.method, r.params, [](const QJsonValue &v) { return json::quantity64(v); }, std::move(done));
}

quint64 EthRpc::blockNumber(RpcCallback<quint64> done)
{
    return typed<quint64>(QStringLiteral("eth_blockNumber"), {},
                          [](const QJsonValue &v) { return json::quantity64(v); }, std::move(done));
}

RpcRequest EthRpc::getBalanceRequest(const Address &account, const BlockTag &block)
{
    return {QStringLiteral("eth_getBalance"), QJsonArray{account.toLowerHex(), block.toJson()}};
}

RpcRequest EthRpc::callRequest(const CallRequest &request, const BlockTag &block)
{
    return {QStringLiteral("eth_call"), QJsonArray{request.toJson(), block.toJson()}};
}

RpcRequest EthRpc::chainIdRequest() { return {QStringLiteral("eth_chainId"), {}}; }

RpcRequest EthRpc::estimateGasRequest(const CallRequest &request)
{
    return {QStringLiteral("eth_estimateGas"), QJsonArray{request.toJson()}};
}

RpcRequest EthRpc::feeHistoryRequest(int blockCount, const BlockTag &newest, const QList<double> &rewardPercentiles)
{
    QJsonArray percentiles;
    for (double p : rewardPercentiles)
        percentiles.append(p);
    return {QStringLiteral("eth_feeHistory"), QJsonArray{toHexQuantity(u256(blockCount)), newest.toJson(), percentiles}};
}

RpcRequest EthRpc::maxPriorityFeePerGasRequest() { return {QStringLiteral("eth_maxPriorityFeePerGas"), {}}; }

quint64 EthRpc::getBalance(const Address &account, const BlockTag &block, RpcCallback<u256> done)
{
    const RpcRequest request = getBalanceRequest(account, block);
    return typed<u256>(request.method, request.params, [](const QJsonValue &v) { return json::quantity(v); },
                       std::move(done));
}

quint64 EthRpc::getBalances(const QList<Address> &accounts, const BlockTag &block, RpcCallback<QList<u256>> done)
{
    QList<RpcRequest> requests;
    requests.reserve(accounts.size());
    for (const Address &account : accounts)
        requests.append(getBalanceRequest(account, block));
    return m_client->batch(requests, [done = std::move(done)](RpcResult<QList<RpcResult<QJsonValue>>> results) {
        if (!results) {
            done(results.error());
            return;
        }
        QList<u256> balances;
        balances.reserve(results->size());
        for (const RpcResult<QJsonValue> &item : *results) {
            if (!item) {
                done(item.error());
                return;
            }
            auto balance = json::quantity(*item);
            if (!balance) {
                done(balance.error());
                return;
            }
            balances.append(*balance);
        }
        done(std::move(balances));
    });
}

quint64 EthRpc::call(const CallRequest &request, const BlockTag &block, RpcCallback<QByteArray> done)
{
    const RpcRequest r = callRequest(request, block);
    return typed<QByteArray>(r.method, r.params, [](const QJsonValue &v) { return json::bytes(v); }, std::move(done));
}

quint64 EthRpc::estimateGas(const CallRequest &request, RpcCallback<u256> done)
{
    const RpcRequest r = estimateGasRequest(request);
    return typed<u256>(r.method, r.params, [](const QJsonValue &v) { return json::quantity(v); }, std::move(done));
}

quint64 EthRpc::feeHistory(int blockCount, const BlockTag &newest, const QList<double> &rewardPercentiles,
                           RpcCallback<FeeHistory> done)
{
    const RpcRequest r = feeHistoryRequest(blockCount, newest, rewardPercentiles);
    return typed<FeeHistory>(r.method, r.params, [](const QJsonValue &v) { return json::feeHistory(v); },
                             std::move(done));
}

quint64 EthRpc::maxPriorityFeePerGas(RpcCallback<u256> done)
{
    const RpcRequest r = maxPriorityFeePerGasRequest();
    return typed<u256>(r.method, r.params,
                       [](const QJsonValue &v) { return json::quantity(v); }, std::move(done));
}

quint64 EthRpc::getTransactionCount(const Address &account, const BlockTag &block, RpcCallback<u256> done)
{
    return typed<u256>(QStringLiteral("eth_getTransactionCount"), QJsonArray{account.toLowerHex(), block.toJson()},
                       [](const QJsonValue &v) { return json::quantity(v); }, std::move(done));
}

quint64 EthRpc::sendRawTransaction(const QByteArray &raw, RpcCallback<Hash32> done)
{
    CallOptions options;
    options.idempotent = false;
    return typed<Hash32>(QStringLiteral("eth_sendRawTransaction"), QJsonArray{toHex(raw)},
                         [](const QJsonValue &v) { return json::hash(v); }, std::move(done), options);
}

quint64 EthRpc::getTransactionReceipt(const Hash32 &hash, RpcCallback<std::optional<TransactionReceipt>> done)
{
    return typed<std::optional<TransactionReceipt>>(
        QStringLiteral("eth_getTransactionReceipt"), QJsonArray{hash.toHex()},
        [](const QJsonValue &v) { return nullable<TransactionReceipt>(v, json::receipt); }, std::move(done));
}

quint64 EthRpc::getTransactionByHash(const Hash32 &hash, RpcCallback<std::optional<TransactionInfo>> done)
{
    return typed<std::optional<TransactionInfo>>(
        QStringLiteral("eth_getTransactionByHash"), QJsonArray{hash.toHex()},
        [](const QJsonValue &v) { return nullable<TransactionInfo>(v, json::transactionInfo); }, std::move(done));
}

quint64 EthRpc::getLogs(const LogFilter &filter, RpcCallback<QList<Log>> done)
{
    return typed<QList<Log>>(QStringLiteral("eth_getLogs"), QJsonArray{filter.toJson()},
                             [](const QJsonValue &v) { return json::logs(v); }, std::move(done));
}

quint64 EthRpc::getBlockByNumber(const BlockTag &block, RpcCallback<std::optional<Block>> done)
{
    return typed<std::optional<Block>>(QStringLiteral("eth_getBlockByNumber"), QJsonArray{block.toJson(), false},
                                       [](const QJsonValue &v) { return nullable<Block>(v, json::block); },
                                       std::move(done));
}

quint64 EthRpc::getCode(const Address &account, const BlockTag &block, RpcCallback<QByteArray> done)
{
    return typed<QByteArray>(QStringLiteral("eth_getCode"), QJsonArray{account.toLowerHex(), block.toJson()},
                             [](const QJsonValue &v) { return json::bytes(v); }, std::move(done));
}

quint64 EthRpc::anvilSetBalance(const Address &account, const u256 &wei, RpcCallback<void> done)
{
    return untyped(QStringLiteral("anvil_setBalance"), QJsonArray{account.toLowerHex(), toHexQuantity(wei)},
                   std::move(done));
}

quint64 EthRpc::anvilSetCode(const Address &account, const QByteArray &code, RpcCallback<void> done)
{
    return untyped(QStringLiteral("anvil_setCode"), QJsonArray{account.toLowerHex(), toHex(code)}, std::move(done));
}

quint64 EthRpc::anvilSetStorageAt(const Address &account, const u256 &slot, const u256 &value, RpcCallback<void> done)
{
    return untyped(QStringLiteral("anvil_setStorageAt"),
                   QJsonArray{account.toLowerHex(), toHexQuantity(slot), toHex(toBigEndian(value, 32))},
                   std::move(done));
}

quint64 EthRpc::anvilImpersonateAccount(const Address &account, RpcCallback<void> done)
{
    return untyped(QStringLiteral("anvil_impersonateAccount"), QJsonArray{account.toLowerHex()}, std::move(done));
}

quint64 EthRpc::anvilStopImpersonatingAccount(const Address &account, RpcCallback<void> done)
{
    return untyped(QStringLiteral("anvil_stopImpersonatingAccount"), QJsonArray{account.toLowerHex()},
                   std::move(done));
}

quint64 EthRpc::evmSnapshot(RpcCallback<u256> done)
{
    return typed<u256>(QStringLiteral("evm_snapshot"), {}, [](const QJsonValue &v) { return json::quantity(v); },
                       std::move(done));
}

quint64 EthRpc::evmRevert(const u256 &snapshotId, RpcCallback<bool> done)
{
    return typed<bool>(QStringLiteral("evm_revert"), QJsonArray{toHexQuantity(snapshotId)}, boolean, std::move(done));
}

quint64 EthRpc::evmMine(RpcCallback<void> done)
{
    return untyped(QStringLiteral("evm_mine"), {}, std::move(done));
}

quint64 EthRpc::evmSetAutomine(bool enabled, RpcCallback<void> done)
{
    return untyped(QStringLiteral("evm_setAutomine"), QJsonArray{enabled}, std::move(done));
}

quint64 EthRpc::anvilDumpState(RpcCallback<QByteArray> done)
{
    return typed<QByteArray>(QStringLiteral("anvil_dumpState"), {}, [](const QJsonValue &v) { return json::bytes(v); },
                             std::move(done));
}

quint64 EthRpc::anvilLoadState(const QByteArray &state, RpcCallback<bool> done)
{
    return typed<bool>(QStringLiteral("anvil_loadState"), QJsonArray{toHex(state)}, boolean, std::move(done));
}

} // namespace apedesk::eth
