#include "tx.h"

#include "keccak.h"
#include "rlp.h"

#include <QCoreApplication>

namespace apedesk::eth {
namespace {

// lupdate sees the context through this declaration.
struct TxText
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Transaction)
};

constexpr char kEip1559Type = 0x02;

// secp256k1 group order n and n/2: EIP-2 accepts only s <= n/2.
const u256 &curveOrder()
{
    static const u256 n("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
    return n;
}

Error malformed(const QString &detail)
{
    return Error::make(Error::Kind::Format, TxText::tr("The raw transaction is malformed."), detail);
}

QByteArray encodeTo(const std::optional<Address> &to) { return rlp::encodeString(to ? to->bytes() : QByteArray()); }

QByteArray encodeAccessList(const QList<AccessListEntry> &accessList)
{
    QList<QByteArray> entries;
    entries.reserve(accessList.size());
    for (const AccessListEntry &entry : accessList) {
        QList<QByteArray> keys;
        keys.reserve(entry.storageKeys.size());
        for (const QByteArray &key : entry.storageKeys)
            keys.append(rlp::encodeString(key));
        entries.append(rlp::encodeList({rlp::encodeString(entry.address.bytes()), rlp::encodeList(keys)}));
    }
    return rlp::encodeList(entries);
}

// The fields every signature covers, in wire order.
QList<QByteArray> unsignedFields(const Transaction &tx)
{
    if (tx.type == Transaction::Type::Eip1559)
        return {
            rlp::encodeUint(tx.chainId),      rlp::encodeUint(tx.nonce),    rlp::encodeUint(tx.maxPriorityFeePerGas),
            rlp::encodeUint(tx.maxFeePerGas), rlp::encodeUint(tx.gasLimit), encodeTo(tx.to),
            rlp::encodeUint(tx.value),        rlp::encodeString(tx.data),   encodeAccessList(tx.accessList)};
    return {rlp::encodeUint(tx.nonce), rlp::encodeUint(tx.gasPrice), rlp::encodeUint(tx.gasLimit),
            encodeTo(tx.to),           rlp::encodeUint(tx.value),    rlp::encodeString(tx.data)};
}

// Legacy v: EIP-155 (chainId * 2 + 35 + parity), or 27 + parity for the pre-EIP-155 form (chain id 0).
u256 legacyV(quint64 chainId, int recoveryId)
{
    return chainId == 0 ? u256(27 + recoveryId) : u256(chainId) * 2 + 35 + recoveryId;
}

Status validate(const Transaction &tx)
{
    for (const AccessListEntry &entry : tx.accessList) {
        for (const QByteArray &key : entry.storageKeys) {
            if (key.size() != 32)
                return Error::make(Error::Kind::Format, TxText::tr("An access-list storage key is 32 bytes long."),
                                   QStringLiteral("got %1 bytes").arg(key.size()));
        }
    }
    if (tx.type == Transaction::Type::Legacy && !tx.accessList.isEmpty())
        return Error::make(Error::Kind::Usage, TxText::tr("A legacy transaction cannot carry an access list."));
    if (tx.type == Transaction::Type::Eip1559 && tx.maxPriorityFeePerGas > tx.maxFeePerGas)
        return Error::make(
            Error::Kind::Usage,
            TxText::tr("The priority fee is above the maximum fee; no node would accept the transaction."),
            QStringLiteral("priority %1 > max %2").arg(toDecimal(tx.maxPriorityFeePerGas), toDecimal(tx.maxFeePerGas)));
    return {};
}

QByteArray encodeSigned(const Transaction &tx, const Signature &signature)
{
    QList<QByteArray> fields = unsignedFields(tx);
    const u256 v =
        tx.type == Transaction::Type::Eip1559 ? u256(signature.recoveryId) : legacyV(tx.chainId, signature.recoveryId);
    fields << rlp::encodeUint(v) << rlp::encodeUint(fromBigEndian(signature.r))
           << rlp::encodeUint(fromBigEndian(signature.s));
    const QByteArray list = rlp::encodeList(fields);
    return tx.type == Transaction::Type::Eip1559 ? QByteArray(QByteArray(1, kEip1559Type) + list) : list;
}

// --- decoding ----------------------------------------------------------------------------------------

template <typename... Results>
const Error *firstError(const Results &...results)
{
    const Error *found = nullptr;
    ((found = found ? found : (results.ok() ? nullptr : &results.error())), ...);
    return found;
}

Result<u256> uintField(const rlp::Item &item, const char *name)
{
    auto value = rlp::toUint(item);
    if (!value)
        return malformed(QStringLiteral("%1: %2").arg(QLatin1String(name), value.error().detail));
    return value;
}

Result<QByteArray> bytesField(const rlp::Item &item, const char *name)
{
    if (item.isList)
        return malformed(QStringLiteral("%1: expected bytes, got a list").arg(QLatin1String(name)));
    return item.bytes;
}

Result<std::optional<Address>> toField(const rlp::Item &item)
{
    if (item.isList || (item.bytes.size() != 0 && item.bytes.size() != 20))
        return malformed(QStringLiteral("to: expected 0 or 20 bytes"));
    if (item.bytes.isEmpty())
        return std::optional<Address>();
    return std::optional<Address>(*Address::fromBytes(item.bytes));
}

Result<quint64> chainIdFrom(const u256 &value)
{
    if (value > u256(std::numeric_limits<quint64>::max()))
        return malformed(QStringLiteral("chain id %1 does not fit 64 bits").arg(toDecimal(value)));
    return static_cast<quint64>(value);
}

Result<QList<AccessListEntry>> accessListField(const rlp::Item &item)
{
    if (!item.isList)
        return malformed(QStringLiteral("accessList: expected a list"));
    QList<AccessListEntry> entries;
    for (const rlp::Item &entryItem : item.items) {
        if (!entryItem.isList || entryItem.items.size() != 2 || entryItem.items[0].isList
            || entryItem.items[0].bytes.size() != 20 || !entryItem.items[1].isList)
            return malformed(QStringLiteral("accessList: an entry is not [address, [keys]]"));
        AccessListEntry entry;
        entry.address = *Address::fromBytes(entryItem.items[0].bytes);
        for (const rlp::Item &key : entryItem.items[1].items) {
            if (key.isList || key.bytes.size() != 32)
                return malformed(QStringLiteral("accessList: a storage key is not 32 bytes"));
            entry.storageKeys.append(key.bytes);
        }
        entries.append(entry);
    }
    return entries;
}

Result<Signature> signatureFields(const u256 &r, const u256 &s, int recoveryId)
{
    // Strict, as nodes are since Homestead: 0 < r < n and 0 < s <= n/2.
    if (r == 0 || r >= curveOrder() || s == 0 || s > curveOrder() / 2)
        return malformed(QStringLiteral("signature r or s out of range (or high s)"));
    Signature signature;
    signature.r = toBigEndian(r, 32);
    signature.s = toBigEndian(s, 32);
    signature.recoveryId = recoveryId;
    return signature;
}

Result<SignedTransaction> finish(Transaction tx, Signature signature, QByteArrayView raw)
{
    auto from = recoverAddress(signingDigest(tx), signature);
    if (!from)
        return Error::make(Error::Kind::Crypto, TxText::tr("The transaction's signature does not recover a sender."),
                           from.error().detail);
    SignedTransaction signedTx;
    signedTx.tx = std::move(tx);
    signedTx.signature = std::move(signature);
    signedTx.raw = raw.toByteArray();
    signedTx.hash = *Hash32::fromBytes(keccak256(raw));
    signedTx.from = *from;
    // Strict RLP makes this hold already; the check keeps "one transaction, one encoding" explicit.
    if (encodeSigned(signedTx.tx, signedTx.signature) != signedTx.raw)
        return malformed(QStringLiteral("not the canonical encoding"));
    return signedTx;
}

Result<SignedTransaction> decodeEip1559(QByteArrayView raw)
{
    auto decoded = rlp::decode(raw.sliced(1));
    if (!decoded)
        return malformed(decoded.error().detail);
    if (!decoded->isList || decoded->items.size() != 12)
        return malformed(QStringLiteral("a type-2 transaction is a list of 12 fields"));
    const QList<rlp::Item> &f = decoded->items;
    Transaction tx;
    tx.type = Transaction::Type::Eip1559;
    auto chainId = uintField(f[0], "chainId");
    auto nonce = uintField(f[1], "nonce");
    auto priority = uintField(f[2], "maxPriorityFeePerGas");
    auto maxFee = uintField(f[3], "maxFeePerGas");
    auto gas = uintField(f[4], "gasLimit");
    auto to = toField(f[5]);
    auto value = uintField(f[6], "value");
    auto data = bytesField(f[7], "data");
    auto accessList = accessListField(f[8]);
    auto yParity = uintField(f[9], "yParity");
    auto r = uintField(f[10], "r");
    auto s = uintField(f[11], "s");
    if (const Error *error =
            firstError(chainId, nonce, priority, maxFee, gas, to, value, data, accessList, yParity, r, s))
        return *error;
    auto chain = chainIdFrom(*chainId);
    if (!chain)
        return chain.error();
    if (*yParity > 1)
        return malformed(QStringLiteral("yParity %1").arg(toDecimal(*yParity)));
    tx.chainId = *chain;
    tx.nonce = *nonce;
    tx.maxPriorityFeePerGas = *priority;
    tx.maxFeePerGas = *maxFee;
    tx.gasLimit = *gas;
    tx.to = *to;
    tx.value = *value;
    tx.data = *data;
    tx.accessList = *accessList;
    auto signature = signatureFields(*r, *s, static_cast<int>(*yParity));
    if (!signature)
        return signature.error();
    return finish(std::move(tx), std::move(*signature), raw);
}

Result<SignedTransaction> decodeLegacy(QByteArrayView raw)
{
    auto decoded = rlp::decode(raw);
    if (!decoded)
        return malformed(decoded.error().detail);
    if (!decoded->isList || decoded->items.size() != 9)
        return malformed(QStringLiteral("a legacy transaction is a list of 9 fields"));
    const QList<rlp::Item> &f = decoded->items;
    Transaction tx;
    tx.type = Transaction::Type::Legacy;
    auto nonce = uintField(f[0], "nonce");
    auto gasPrice = uintField(f[1], "gasPrice");
    auto gas = uintField(f[2], "gasLimit");
    auto to = toField(f[3]);
    auto value = uintField(f[4], "value");
    auto data = bytesField(f[5], "data");
    auto v = uintField(f[6], "v");
    auto r = uintField(f[7], "r");
    auto s = uintField(f[8], "s");
    if (const Error *error = firstError(nonce, gasPrice, gas, to, value, data, v, r, s))
        return *error;
    int recoveryId = 0;
    if (*v == 27 || *v == 28) {
        tx.chainId = 0;
        recoveryId = static_cast<int>(*v - 27);
    } else if (*v >= 37) {
        auto chain = chainIdFrom((*v - 35) / 2);
        if (!chain)
            return chain.error();
        tx.chainId = *chain;
        recoveryId = static_cast<int>((*v - 35) % 2);
    } else {
        return malformed(QStringLiteral("legacy v %1 is neither 27/28 nor EIP-155").arg(toDecimal(*v)));
    }
    tx.nonce = *nonce;
    tx.gasPrice = *gasPrice;
    tx.gasLimit = *gas;
    tx.to = *to;
    tx.value = *value;
    tx.data = *data;
    auto signature = signatureFields(*r, *s, recoveryId);
    if (!signature)
        return signature.error();
    return finish(std::move(tx), std::move(*signature), raw);
}

} // namespace

QByteArray signingDigest(const Transaction &tx)
{
    QList<QByteArray> fields = unsignedFields(tx);
    if (tx.type == Transaction::Type::Eip1559)
        return keccak256(QByteArray(QByteArray(1, kEip1559Type) + rlp::encodeList(fields)));
    if (tx.chainId != 0)   // EIP-155: the chain id and two empty fields join the signed payload
        fields << rlp::encodeUint(tx.chainId) << rlp::encodeUint(0) << rlp::encodeUint(0);
    return keccak256(rlp::encodeList(fields));
}

Result<SignedTransaction> signTransaction(const Transaction &tx, const PrivateKey &key)
{
    if (Status valid = validate(tx); !valid)
        return valid.error();
    auto signature = key.signDigest(signingDigest(tx));
    if (!signature)
        return signature.error();
    SignedTransaction signedTx;
    signedTx.tx = tx;
    signedTx.signature = *signature;
    signedTx.raw = encodeSigned(tx, *signature);
    signedTx.hash = *Hash32::fromBytes(keccak256(signedTx.raw));
    signedTx.from = key.address();
    return signedTx;
}

Result<SignedTransaction> decodeSignedTransaction(QByteArrayView raw)
{
    if (raw.isEmpty())
        return malformed(QStringLiteral("empty"));
    const auto first = static_cast<unsigned char>(raw.front());
    if (first >= 0xc0)
        return decodeLegacy(raw);
    if (first == static_cast<unsigned char>(kEip1559Type))
        return decodeEip1559(raw);
    if (first <= 0x7f)
        return Error::make(
            Error::Kind::Format,
            TxText::tr("Transactions of type %1 are not supported; only legacy and type 2 (EIP-1559).").arg(first),
            QStringLiteral("type byte 0x%1").arg(first, 2, 16, QLatin1Char('0')));
    return malformed(QStringLiteral("first byte 0x%1 starts neither a typed nor a legacy transaction")
                         .arg(first, 2, 16, QLatin1Char('0')));
}

} // namespace apedesk::eth
