#include "jsonrpctypes.h"

#include "hex.h"

namespace apedesk::eth {
namespace {

RpcError fieldError(const char *field, const QString &problem)
{
    return RpcError::malformed(QStringLiteral("field \"%1\": %2").arg(QLatin1String(field), problem));
}

QJsonValue quantityJson(const u256 &value) { return toHexQuantity(value); }

// A member that may be missing or null: nullopt then; otherwise it must parse.
template <typename T, typename Reader>
RpcResult<std::optional<T>> optionalField(const QJsonObject &object, const char *field, Reader reader)
{
    const QJsonValue value = object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return std::optional<T>();
    auto parsed = reader(value, field);
    if (!parsed)
        return parsed.error();
    return std::optional<T>(std::move(parsed).value());
}

// Shortens the many "read, or return the error" steps below.
#define APEDESK_READ(target, expression)        \
    do {                                        \
        auto read_ = (expression);              \
        if (!read_)                             \
            return read_.error();               \
        target = std::move(read_).value();      \
    } while (false)

} // namespace

QJsonObject CallRequest::toJson() const
{
    QJsonObject object;
    if (from)
        object.insert(QLatin1String("from"), from->toLowerHex());
    if (to)
        object.insert(QLatin1String("to"), to->toLowerHex());
    if (gas)
        object.insert(QLatin1String("gas"), quantityJson(*gas));
    if (maxFeePerGas)
        object.insert(QLatin1String("maxFeePerGas"), quantityJson(*maxFeePerGas));
    if (maxPriorityFeePerGas)
        object.insert(QLatin1String("maxPriorityFeePerGas"), quantityJson(*maxPriorityFeePerGas));
    if (value)
        object.insert(QLatin1String("value"), quantityJson(*value));
    // "input" is the current name; "data" is what older nodes read. anvil takes both if equal.
    object.insert(QLatin1String("input"), toHex(data));
    object.insert(QLatin1String("data"), toHex(data));
    return object;
}

QJsonObject LogFilter::toJson() const
{
    QJsonObject object;
    if (blockHash) {
        object.insert(QLatin1String("blockHash"), blockHash->toHex());
    } else {
        if (fromBlock)
            object.insert(QLatin1String("fromBlock"), fromBlock->toJson());
        if (toBlock)
            object.insert(QLatin1String("toBlock"), toBlock->toJson());
    }
    if (addresses.size() == 1) {
        object.insert(QLatin1String("address"), addresses.first().toLowerHex());
    } else if (!addresses.isEmpty()) {
        QJsonArray list;
        for (const Address &a : addresses)
            list.append(a.toLowerHex());
        object.insert(QLatin1String("address"), list);
    }
    if (!topics.isEmpty()) {
        QJsonArray positions;
        for (const QList<Hash32> &alternatives : topics) {
            if (alternatives.isEmpty()) {
                positions.append(QJsonValue::Null);
            } else if (alternatives.size() == 1) {
                positions.append(alternatives.first().toHex());
            } else {
                QJsonArray any;
                for (const Hash32 &h : alternatives)
                    any.append(h.toHex());
                positions.append(any);
            }
        }
        object.insert(QLatin1String("topics"), positions);
    }
    return object;
}

namespace json {

RpcResult<u256> quantity(const QJsonValue &value, const char *field)
{
    if (!value.isString())
        return fieldError(field, QStringLiteral("expected a hex quantity"));
    auto parsed = parseHexQuantity(value.toString());
    if (!parsed)
        return fieldError(field, parsed.error().message + QLatin1Char(' ') + parsed.error().detail);
    return *parsed;
}

RpcResult<quint64> quantity64(const QJsonValue &value, const char *field)
{
    auto parsed = quantity(value, field);
    if (!parsed)
        return parsed.error();
    if (*parsed > u256(std::numeric_limits<quint64>::max()))
        return fieldError(field, QStringLiteral("does not fit 64 bits"));
    return static_cast<quint64>(*parsed);
}

RpcResult<QByteArray> bytes(const QJsonValue &value, const char *field)
{
    if (!value.isString())
        return fieldError(field, QStringLiteral("expected 0x-hex data"));
    auto parsed = fromHex(value.toString(), HexPrefix::Required);
    if (!parsed)
        return fieldError(field, parsed.error().message);
    return *parsed;
}

RpcResult<Address> address(const QJsonValue &value, const char *field)
{
    if (!value.isString())
        return fieldError(field, QStringLiteral("expected an address"));
    auto parsed = Address::fromString(value.toString());
    if (!parsed)
        return fieldError(field, parsed.error().message);
    return *parsed;
}

RpcResult<Hash32> hash(const QJsonValue &value, const char *field)
{
    if (!value.isString())
        return fieldError(field, QStringLiteral("expected a 32-byte hash"));
    auto parsed = Hash32::fromString(value.toString());
    if (!parsed)
        return fieldError(field, parsed.error().message);
    return *parsed;
}

RpcResult<Log> log(const QJsonValue &value)
{
    if (!value.isObject())
        return fieldError("log", QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();
    Log out;
    APEDESK_READ(out.address, address(o.value(QLatin1String("address")), "log.address"));
    const QJsonValue topics = o.value(QLatin1String("topics"));
    if (!topics.isArray())
        return fieldError("log.topics", QStringLiteral("expected an array"));
    const QJsonArray topicArray = topics.toArray();
    if (topicArray.size() > 4)
        return fieldError("log.topics", QStringLiteral("more than 4 topics"));
    for (const QJsonValue &topic : topicArray) {
        Hash32 h;
        APEDESK_READ(h, hash(topic, "log.topics[]"));
        out.topics.append(h);
    }
    APEDESK_READ(out.data, bytes(o.value(QLatin1String("data")), "log.data"));
    APEDESK_READ(out.blockNumber, optionalField<quint64>(o, "blockNumber", quantity64));
    APEDESK_READ(out.blockHash, optionalField<Hash32>(o, "blockHash", hash));
    APEDESK_READ(out.transactionHash, optionalField<Hash32>(o, "transactionHash", hash));
    APEDESK_READ(out.transactionIndex, optionalField<quint64>(o, "transactionIndex", quantity64));
    APEDESK_READ(out.logIndex, optionalField<quint64>(o, "logIndex", quantity64));
    APEDESK_READ(out.blockTimestamp, optionalField<quint64>(o, "blockTimestamp", quantity64));
    const QJsonValue removed = o.value(QLatin1String("removed"));
    if (!removed.isUndefined() && !removed.isNull() && !removed.isBool())
        return fieldError("log.removed", QStringLiteral("expected a boolean"));
    out.removed = removed.toBool(false);
    return out;
}

RpcResult<QList<Log>> logs(const QJsonValue &value)
{
    if (!value.isArray())
        return fieldError("logs", QStringLiteral("expected an array"));
    const QJsonArray array = value.toArray();
    QList<Log> out;
    out.reserve(array.size());
    for (const QJsonValue &item : array) {
        Log entry;
        APEDESK_READ(entry, log(item));
        out.append(std::move(entry));
    }
    return out;
}

RpcResult<TransactionReceipt> receipt(const QJsonValue &value)
{
    if (!value.isObject())
        return fieldError("receipt", QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();
    TransactionReceipt out;
    APEDESK_READ(out.transactionHash, hash(o.value(QLatin1String("transactionHash")), "transactionHash"));
    APEDESK_READ(out.transactionIndex, quantity64(o.value(QLatin1String("transactionIndex")), "transactionIndex"));
    APEDESK_READ(out.blockHash, hash(o.value(QLatin1String("blockHash")), "blockHash"));
    APEDESK_READ(out.blockNumber, quantity64(o.value(QLatin1String("blockNumber")), "blockNumber"));
    APEDESK_READ(out.from, address(o.value(QLatin1String("from")), "from"));
    APEDESK_READ(out.to, optionalField<Address>(o, "to", address));
    APEDESK_READ(out.contractAddress, optionalField<Address>(o, "contractAddress", address));
    quint64 status = 0;
    APEDESK_READ(status, quantity64(o.value(QLatin1String("status")), "status"));
    if (status > 1)
        return fieldError("status", QStringLiteral("neither 0x0 nor 0x1"));
    out.status = status == 1;
    APEDESK_READ(out.gasUsed, quantity(o.value(QLatin1String("gasUsed")), "gasUsed"));
    APEDESK_READ(out.cumulativeGasUsed, quantity(o.value(QLatin1String("cumulativeGasUsed")), "cumulativeGasUsed"));
    APEDESK_READ(out.effectiveGasPrice, quantity(o.value(QLatin1String("effectiveGasPrice")), "effectiveGasPrice"));
    std::optional<quint64> type;
    APEDESK_READ(type, optionalField<quint64>(o, "type", quantity64));
    out.type = type.value_or(0);
    APEDESK_READ(out.logs, logs(o.value(QLatin1String("logs"))));
    return out;
}

RpcResult<Block> block(const QJsonValue &value)
{
    if (!value.isObject())
        return fieldError("block", QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();
    Block out;
    APEDESK_READ(out.number, quantity64(o.value(QLatin1String("number")), "number"));
    APEDESK_READ(out.hash, hash(o.value(QLatin1String("hash")), "hash"));
    APEDESK_READ(out.parentHash, hash(o.value(QLatin1String("parentHash")), "parentHash"));
    APEDESK_READ(out.timestamp, quantity64(o.value(QLatin1String("timestamp")), "timestamp"));
    APEDESK_READ(out.gasLimit, quantity(o.value(QLatin1String("gasLimit")), "gasLimit"));
    APEDESK_READ(out.gasUsed, quantity(o.value(QLatin1String("gasUsed")), "gasUsed"));
    APEDESK_READ(out.baseFeePerGas, optionalField<u256>(o, "baseFeePerGas", quantity));
    APEDESK_READ(out.miner, address(o.value(QLatin1String("miner")), "miner"));
    const QJsonValue transactions = o.value(QLatin1String("transactions"));
    if (!transactions.isArray())
        return fieldError("transactions", QStringLiteral("expected an array"));
    for (const QJsonValue &item : transactions.toArray()) {
        // Full transaction objects (hydrated blocks) carry their hash inside.
        const QJsonValue h = item.isObject() ? item.toObject().value(QLatin1String("hash")) : item;
        Hash32 parsed;
        APEDESK_READ(parsed, hash(h, "transactions[]"));
        out.transactionHashes.append(parsed);
    }
    return out;
}

RpcResult<FeeHistory> feeHistory(const QJsonValue &value)
{
    if (!value.isObject())
        return fieldError("feeHistory", QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();
    FeeHistory out;
    APEDESK_READ(out.oldestBlock, quantity64(o.value(QLatin1String("oldestBlock")), "oldestBlock"));
    const QJsonValue baseFees = o.value(QLatin1String("baseFeePerGas"));
    if (!baseFees.isArray() || baseFees.toArray().isEmpty())
        return fieldError("baseFeePerGas", QStringLiteral("expected a non-empty array"));
    for (const QJsonValue &item : baseFees.toArray()) {
        u256 fee;
        APEDESK_READ(fee, quantity(item, "baseFeePerGas[]"));
        out.baseFeePerGas.append(fee);
    }
    const QJsonValue ratios = o.value(QLatin1String("gasUsedRatio"));
    if (!ratios.isArray())
        return fieldError("gasUsedRatio", QStringLiteral("expected an array"));
    for (const QJsonValue &item : ratios.toArray()) {
        if (!item.isDouble())
            return fieldError("gasUsedRatio[]", QStringLiteral("expected a number"));
        out.gasUsedRatio.append(item.toDouble());
    }
    if (out.baseFeePerGas.size() != out.gasUsedRatio.size() + 1)
        return fieldError("baseFeePerGas", QStringLiteral("needs one entry more than gasUsedRatio"));
    const QJsonValue reward = o.value(QLatin1String("reward"));
    if (!reward.isUndefined() && !reward.isNull()) {
        if (!reward.isArray())
            return fieldError("reward", QStringLiteral("expected an array"));
        for (const QJsonValue &row : reward.toArray()) {
            if (!row.isArray())
                return fieldError("reward[]", QStringLiteral("expected an array"));
            QList<u256> values;
            for (const QJsonValue &item : row.toArray()) {
                u256 fee;
                APEDESK_READ(fee, quantity(item, "reward[][]"));
                values.append(fee);
            }
            out.reward.append(values);
        }
        if (out.reward.size() != out.gasUsedRatio.size())
            return fieldError("reward", QStringLiteral("needs one row per block"));
    }
    return out;
}

RpcResult<TransactionInfo> transactionInfo(const QJsonValue &value)
{
    if (!value.isObject())
        return fieldError("transaction", QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();
    TransactionInfo out;
    APEDESK_READ(out.hash, hash(o.value(QLatin1String("hash")), "hash"));
    APEDESK_READ(out.from, address(o.value(QLatin1String("from")), "from"));
    APEDESK_READ(out.nonce, quantity(o.value(QLatin1String("nonce")), "nonce"));
    APEDESK_READ(out.blockNumber, optionalField<quint64>(o, "blockNumber", quantity64));
    return out;
}

} // namespace json

#undef APEDESK_READ

} // namespace apedesk::eth
