#include "poolkey.h"

#include "eth/keccak.h"
#include "eth/u256.h"

#include <QCoreApplication>

namespace apedesk::uniswap {

Result<PoolKey> PoolKey::make(const eth::Address &a, const eth::Address &b, quint32 fee, qint32 tickSpacing,
                              const eth::Address &hooks)
{
    if (a == b)
        return Error::make(Error::Kind::Usage,
                           QCoreApplication::translate("apedesk::uniswap::PoolKey", "A pool needs two different currencies."));
    if (fee > 1000000 || tickSpacing < 1 || tickSpacing > 32767)
        return Error::make(Error::Kind::Usage,
                           QCoreApplication::translate("apedesk::uniswap::PoolKey", "The pool fee or tick spacing is out of range."),
                           QStringLiteral("fee %1, tickSpacing %2").arg(fee).arg(tickSpacing));
    PoolKey key;
    key.currency0 = a < b ? a : b;
    key.currency1 = a < b ? b : a;
    key.fee = fee;
    key.tickSpacing = tickSpacing;
    key.hooks = hooks;
    return key;
}

QByteArray PoolKey::abiEncoded() const
{
    // Explicit return type: with QStringBuilder, '+' would return a view of the dead temporary.
    auto word = [](const QByteArray &bytes) -> QByteArray { return QByteArray(32 - bytes.size(), '\0') + bytes; };
    return word(currency0.bytes()) + word(currency1.bytes()) + eth::toBigEndian(eth::u256(fee))
        + eth::toBigEndian(eth::toTwosComplement(eth::i256(tickSpacing))) + word(hooks.bytes());
}

eth::Hash32 PoolKey::id() const { return *eth::Hash32::fromBytes(eth::keccak256(abiEncoded())); }

QString PoolKey::toTupleString() const
{
    return QStringLiteral("(%1,%2,%3,%4,%5)")
        .arg(currency0.toChecksumString(), currency1.toChecksumString())
        .arg(fee)
        .arg(tickSpacing)
        .arg(hooks.toChecksumString());
}

} // namespace apedesk::uniswap
