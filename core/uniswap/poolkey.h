#pragma once
// A Uniswap V4 pool key and its id: keccak256(abi.encode(currency0, currency1, fee, tickSpacing, hooks)).

#include "common/error.h"
#include "eth/address.h"

#include <QByteArray>

namespace apedesk::uniswap {

struct PoolKey
{
    eth::Address currency0;   // the lower address; address(0) is native ETH
    eth::Address currency1;
    quint32 fee = 0;          // hundredths of a basis point: 500 = 0.05 %
    qint32 tickSpacing = 0;
    eth::Address hooks;

    // Orders the two currencies as the PoolManager requires (currency0 < currency1).
    static Result<PoolKey> make(const eth::Address &a, const eth::Address &b, quint32 fee, qint32 tickSpacing,
                                const eth::Address &hooks = {});

    QByteArray abiEncoded() const;   // five 32-byte words, 160 bytes
    eth::Hash32 id() const;
    // The cast/ABI tuple text "(c0,c1,fee,spacing,hooks)", handy for logs and the CLI.
    QString toTupleString() const;

    friend bool operator==(const PoolKey &a, const PoolKey &b)
    {
        return a.currency0 == b.currency0 && a.currency1 == b.currency1 && a.fee == b.fee
            && a.tickSpacing == b.tickSpacing && a.hooks == b.hooks;
    }
};

} // namespace apedesk::uniswap
