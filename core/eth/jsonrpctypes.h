#pragma once
// Plain values for the Ethereum JSON-RPC methods (receipts, logs, blocks, fee history, call
// requests) and their strict JSON forms. The parsers are pure: a field with the wrong type or an
// invalid quantity is an error value naming the field, never a silently defaulted number.

#include "address.h"
#include "jsonrpcerror.h"
#include "u256.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace apedesk::eth {

// A block parameter: "latest", "pending", "safe", "finalized", "earliest" or a number.
class BlockTag
{
public:
    static BlockTag latest() { return BlockTag(QStringLiteral("latest")); }
    static BlockTag pending() { return BlockTag(QStringLiteral("pending")); }
    static BlockTag earliest() { return BlockTag(QStringLiteral("earliest")); }
    static BlockTag safe() { return BlockTag(QStringLiteral("safe")); }
    static BlockTag finalized() { return BlockTag(QStringLiteral("finalized")); }
    static BlockTag number(quint64 block) { return BlockTag(toHexQuantity(block)); }
    QJsonValue toJson() const { return m_text; }
    QString toString() const { return m_text; }

private:
    explicit BlockTag(QString text) : m_text(std::move(text)) {}
    QString m_text;
};

// The transaction object of eth_call and eth_estimateGas.
struct CallRequest
{
    std::optional<Address> from;
    std::optional<Address> to;        // empty: contract creation
    std::optional<u256> gas;
    std::optional<u256> maxFeePerGas;
    std::optional<u256> maxPriorityFeePerGas;
    std::optional<u256> value;
    QByteArray data;
    QJsonObject toJson() const;
};

struct LogFilter
{
    std::optional<BlockTag> fromBlock;
    std::optional<BlockTag> toBlock;
    std::optional<Hash32> blockHash;  // instead of fromBlock/toBlock
    QList<Address> addresses;         // empty: any
    // topics[i]: the allowed values at position i; an empty list matches anything there.
    QList<QList<Hash32>> topics;
    QJsonObject toJson() const;
};

struct Log
{
    Address address;
    QList<Hash32> topics;
    QByteArray data;
    std::optional<quint64> blockNumber;        // absent while pending
    std::optional<Hash32> blockHash;
    std::optional<Hash32> transactionHash;
    std::optional<quint64> transactionIndex;
    std::optional<quint64> logIndex;
    // Newer nodes (anvil, reth, geth ≥ 1.14.x) send the block's timestamp with each log, which
    // saves a block lookup per log's block; older ones leave it out.
    std::optional<quint64> blockTimestamp;
    bool removed = false;                      // dropped by a reorg
};

struct TransactionReceipt
{
    Hash32 transactionHash;
    quint64 transactionIndex = 0;
    Hash32 blockHash;
    quint64 blockNumber = 0;
    Address from;
    std::optional<Address> to;
    std::optional<Address> contractAddress;    // set for a contract creation
    bool status = false;                       // true: success, false: reverted
    u256 gasUsed = 0;
    u256 cumulativeGasUsed = 0;
    u256 effectiveGasPrice = 0;
    quint64 type = 0;
    QList<Log> logs;

    u256 fee() const { return gasUsed * effectiveGasPrice; }   // what the sender paid in wei
};

struct Block
{
    quint64 number = 0;
    Hash32 hash;
    Hash32 parentHash;
    quint64 timestamp = 0;
    u256 gasLimit = 0;
    u256 gasUsed = 0;
    std::optional<u256> baseFeePerGas;         // absent before London
    Address miner;
    QList<Hash32> transactionHashes;           // eth_getBlockByNumber(..., false)
};

struct FeeHistory
{
    quint64 oldestBlock = 0;
    QList<u256> baseFeePerGas;                 // one more than blocks: the last is the next block's
    QList<double> gasUsedRatio;
    QList<QList<u256>> reward;                 // per block, one per requested percentile
};

// The parts of eth_getTransactionByHash the sender needs to tell "pending" from "unknown".
struct TransactionInfo
{
    Hash32 hash;
    Address from;
    u256 nonce = 0;
    std::optional<quint64> blockNumber;        // absent while pending
};

namespace json {

// Strict readers: each names the field in the error.
RpcResult<u256> quantity(const QJsonValue &value, const char *field = "result");
RpcResult<quint64> quantity64(const QJsonValue &value, const char *field = "result");
RpcResult<QByteArray> bytes(const QJsonValue &value, const char *field = "result");
RpcResult<Address> address(const QJsonValue &value, const char *field = "result");
RpcResult<Hash32> hash(const QJsonValue &value, const char *field = "result");

RpcResult<Log> log(const QJsonValue &value);
RpcResult<QList<Log>> logs(const QJsonValue &value);
RpcResult<TransactionReceipt> receipt(const QJsonValue &value);
RpcResult<Block> block(const QJsonValue &value);
RpcResult<FeeHistory> feeHistory(const QJsonValue &value);
RpcResult<TransactionInfo> transactionInfo(const QJsonValue &value);

} // namespace json
} // namespace apedesk::eth

Q_DECLARE_METATYPE(apedesk::eth::TransactionReceipt)
