#include "universalrouter.h"

#include "eth/abicodec.h"

#include <QCoreApplication>

namespace apedesk::uniswap {
namespace {
using namespace eth::abi;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::UniversalRouter)
};

Type poolKeyType()
{
    return Type::tuple({Type::address(), Type::address(), Type::uintType(24), Type::intType(24), Type::address()});
}

Value poolKeyValue(const PoolKey &key)
{
    return Value::tuple({Value::fromAddress(key.currency0), Value::fromAddress(key.currency1), Value::fromUint(key.fee),
                         Value::fromInt(eth::i256(key.tickSpacing)), Value::fromAddress(key.hooks)});
}

// Encoding values the caller built from typed fields cannot fail; a failure here is a bug, so it is
// loud in debug builds and yields empty calldata (which every contract involved rejects) otherwise.
QByteArray mustEncode(const Result<QByteArray> &encoded)
{
    Q_ASSERT(encoded.ok());
    return encoded.ok() ? encoded.value() : QByteArray();
}

Error internal(const Error &error)
{
    return Error::make(Error::Kind::Usage, Messages::tr("The swap could not be encoded."), error.toString());
}
} // namespace

eth::Address msgSenderSentinel()
{
    QByteArray bytes(20, '\0');
    bytes[19] = 1;
    return *eth::Address::fromBytes(bytes);
}

Result<QByteArray> encodeV4SwapExactInSingle(const ExactInSingle &swap, RouterVersion version)
{
    // 2.0.0 and 2.1.0 were both built against a v4-periphery whose ExactInputSingleParams has five
    // fields (poolKey, zeroForOne, amountIn, amountOutMinimum, hookData); only 2.1.1 differs.
    Q_UNUSED(version);
    const u256 max128 = eth::maxUnsigned(128);
    if (swap.amountIn == 0)
        return Error::make(Error::Kind::Usage, Messages::tr("The amount to swap must be more than zero."));
    if (swap.amountOutMinimum == 0)
        return Error::make(Error::Kind::Usage,
                           Messages::tr("A swap needs a minimum amount out above zero; ApeDesk never swaps without one."));
    if (swap.amountIn > max128 || swap.amountOutMinimum > max128)
        return Error::make(Error::Kind::Usage, Messages::tr("The swap amount is too large for the router (over 2^128 - 1)."),
                           QStringLiteral("amountIn %1, amountOutMinimum %2")
                               .arg(eth::toDecimal(swap.amountIn), eth::toDecimal(swap.amountOutMinimum)));

    const eth::Address &input = swap.zeroForOne ? swap.key.currency0 : swap.key.currency1;
    const eth::Address &output = swap.zeroForOne ? swap.key.currency1 : swap.key.currency0;

    const Type paramsType =
        Type::tuple({poolKeyType(), Type::boolean(), Type::uintType(128), Type::uintType(128), Type::bytes()});
    const Value paramsValue = Value::tuple({poolKeyValue(swap.key), Value::fromBool(swap.zeroForOne),
                                            Value::fromUint(swap.amountIn), Value::fromUint(swap.amountOutMinimum),
                                            Value::fromBytes(swap.hookData)});
    auto swapParams = encode({paramsType}, {paramsValue});
    if (!swapParams)
        return internal(swapParams.error());   // a fee or tick spacing outside uint24 / int24
    const QList<Type> currencyAmount{Type::address(), Type::uintType()};
    auto settleAll = encode(currencyAmount, {Value::fromAddress(input), Value::fromUint(swap.amountIn)});
    auto takeAll = encode(currencyAmount, {Value::fromAddress(output), Value::fromUint(swap.amountOutMinimum)});
    if (!settleAll || !takeAll)
        return internal(!settleAll ? settleAll.error() : takeAll.error());

    QByteArray actions;
    actions.append(char(kActionSwapExactInSingle));
    actions.append(char(kActionSettleAll));
    actions.append(char(kActionTakeAll));
    // abi::encode is canonical: the bytes head points at 0x40, right after the two head words.
    auto input4 = encode({Type::bytes(), Type::array(Type::bytes())},
                         {Value::fromBytes(actions),
                          Value::array({Value::fromBytes(*swapParams), Value::fromBytes(*settleAll),
                                        Value::fromBytes(*takeAll)})});
    if (!input4)
        return internal(input4.error());
    return input4.value();
}

QByteArray encodeSweep(const eth::Address &token, const eth::Address &recipient, const u256 &amountMin)
{
    const u256 max160 = eth::maxUnsigned(160);
    const u256 minimum = amountMin > max160 ? max160 : amountMin;
    return mustEncode(encode({Type::address(), Type::address(), Type::uintType()},
                             {Value::fromAddress(token), Value::fromAddress(recipient), Value::fromUint(minimum)}));
}

QByteArray encodeExecute(const QByteArray &commands, const QList<QByteArray> &inputs, const u256 &deadline)
{
    static const Signature execute = *Signature::parse(u"execute(bytes,bytes[],uint256)");
    QList<Value> items;
    items.reserve(inputs.size());
    for (const QByteArray &input : inputs)
        items.append(Value::fromBytes(input));
    return mustEncode(encodeCall(execute, {Value::fromBytes(commands), Value::array(items), Value::fromUint(deadline)}));
}

Result<RouterSwapCall> encodeSwapExactInSingleCall(const ExactInSingle &swap, RouterVersion version, quint64 deadline)
{
    if (deadline == 0)
        return Error::make(Error::Kind::Usage, Messages::tr("A swap needs a deadline."));
    auto v4Swap = encodeV4SwapExactInSingle(swap, version);
    if (!v4Swap)
        return v4Swap.error();
    const bool ethIn = (swap.zeroForOne ? swap.key.currency0 : swap.key.currency1).isZero();

    QByteArray commands(1, char(kCmdV4Swap));
    QList<QByteArray> inputs{*v4Swap};
    if (ethIn) {
        // Whatever ETH the swap did not use goes back to the caller, not to the next person to sweep.
        commands.append(char(kCmdSweep));
        inputs.append(encodeSweep(eth::Address(), msgSenderSentinel(), 0));
    }
    RouterSwapCall call;
    call.calldata = encodeExecute(commands, inputs, u256(deadline));
    call.value = ethIn ? swap.amountIn : u256(0);
    return call;
}

Result<QByteArray> encodeRouterParameters(RouterVersion version, const RouterParameters &p)
{
    QList<Type> types{Type::address(), Type::address(), Type::address(), Type::address(), Type::fixedBytes(32),
                      Type::fixedBytes(32), Type::address(), Type::address(), Type::address()};
    QList<Value> values{Value::fromAddress(p.permit2),          Value::fromAddress(p.weth9),
                        Value::fromAddress(p.v2Factory),        Value::fromAddress(p.v3Factory),
                        Value::fromFixedBytes(p.pairInitCodeHash.bytes()), Value::fromFixedBytes(p.poolInitCodeHash.bytes()),
                        Value::fromAddress(p.v4PoolManager),    Value::fromAddress(p.v3NFTPositionManager),
                        Value::fromAddress(p.v4PositionManager)};
    switch (version) {
    case RouterVersion::V2_0:
        // 2.0.0 has no Across integration, so there is nowhere to put a spoke pool.
        if (!p.spokePool.isZero())
            return Error::make(Error::Kind::Usage,
                               Messages::tr("Universal Router 2.0 has no Across spoke pool parameter."),
                               p.spokePool.toChecksumString());
        break;
    case RouterVersion::V2_1:
        types.append(Type::address());
        values.append(Value::fromAddress(p.spokePool));
        break;
    }
    // All fields are static, so abi.encode of the struct is the fields' words in order.
    auto encoded = encode({Type::tuple(types)}, {Value::tuple(values)});
    if (!encoded)
        return Error::make(Error::Kind::Usage, Messages::tr("The router parameters could not be encoded."),
                           encoded.error().toString());
    return encoded.value();
}

} // namespace apedesk::uniswap
