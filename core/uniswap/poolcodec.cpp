#include "poolcodec.h"

#include "eth/abicodec.h"

#include <QCoreApplication>

namespace apedesk::uniswap {
namespace {
using namespace eth::abi;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::PoolCodec)
};

QByteArray poolIdCall(const char *signature, const eth::Hash32 &poolId)
{
    return selectorOf(QString::fromLatin1(signature)) + poolId.bytes();
}

Result<QList<Value>> decodeAnswer(const QList<Type> &types, QByteArrayView data, const QString &what)
{
    if (data.isEmpty())
        return Error::make(Error::Kind::Protocol,
                           Messages::tr("%1 returned nothing; is the contract deployed at this address?").arg(what));
    auto values = decode(types, data);
    if (!values)
        return Error::make(Error::Kind::Protocol, Messages::tr("%1 returned an answer that is not valid.").arg(what),
                           values.error().toString());
    return values;
}
} // namespace

QByteArray encodeGetSlot0(const eth::Hash32 &poolId) { return poolIdCall("getSlot0(bytes32)", poolId); }

Result<Slot0> decodeSlot0(QByteArrayView returnData)
{
    auto values = decodeAnswer({Type::uintType(160), Type::intType(24), Type::uintType(24), Type::uintType(24)},
                               returnData, QStringLiteral("StateView"));
    if (!values)
        return values.error();
    Slot0 slot0;
    slot0.sqrtPriceX96 = values->at(0).uintValue;
    if (slot0.sqrtPriceX96 == 0)
        return Error::make(Error::Kind::Chain,
                           Messages::tr("The pool is not initialised: it has no price yet, or it does not exist."));
    slot0.tick = static_cast<int>(values->at(1).intValue);
    slot0.protocolFee = static_cast<quint32>(values->at(2).uintValue);
    slot0.lpFee = static_cast<quint32>(values->at(3).uintValue);
    return slot0;
}

QByteArray encodeGetLiquidity(const eth::Hash32 &poolId) { return poolIdCall("getLiquidity(bytes32)", poolId); }

Result<u256> decodeLiquidity(QByteArrayView returnData)
{
    auto values = decodeAnswer({Type::uintType(128)}, returnData, QStringLiteral("StateView"));
    if (!values)
        return values.error();
    return values->first().uintValue;
}

QByteArray encodeQuoteExactInputSingle(const PoolKey &key, bool zeroForOne, const u256 &amountIn,
                                       const QByteArray &hookData)
{
    static const Signature quote =
        *Signature::parse(u"quoteExactInputSingle(((address,address,uint24,int24,address),bool,uint128,bytes))");
    const Value poolKey = Value::tuple({Value::fromAddress(key.currency0), Value::fromAddress(key.currency1),
                                        Value::fromUint(key.fee), Value::fromInt(eth::i256(key.tickSpacing)),
                                        Value::fromAddress(key.hooks)});
    // encodeCall checks every value against its type: amountIn over uint128 is an error, not truncated.
    auto encoded = encodeCall(quote, {Value::tuple({poolKey, Value::fromBool(zeroForOne), Value::fromUint(amountIn),
                                                    Value::fromBytes(hookData)})});
    return encoded.ok() ? encoded.value() : QByteArray();
}

Result<Quote> decodeQuote(QByteArrayView returnData)
{
    auto values = decodeAnswer({Type::uintType(), Type::uintType()}, returnData, QStringLiteral("V4Quoter"));
    if (!values)
        return values.error();
    return Quote{values->at(0).uintValue, values->at(1).uintValue};
}

} // namespace apedesk::uniswap
