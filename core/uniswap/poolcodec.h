#pragma once
// Reading a V4 pool: StateView getSlot0 / getLiquidity, and V4Quoter.quoteExactInputSingle (a
// non-view function that is meant for eth_call). Calldata out, strictly checked answers in.
//
// A pool without a price is an Error here, never a made-up number: the tutorial fell back to
// 1800 USDC per ETH when it could not read the pool.

#include "common/error.h"
#include "eth/address.h"
#include "eth/u256.h"
#include "poolkey.h"

#include <QByteArray>
#include <QByteArrayView>

namespace apedesk::uniswap {

using eth::u256;

// StateView.getSlot0(bytes32 poolId), selector 0xc815641c.
QByteArray encodeGetSlot0(const eth::Hash32 &poolId);

struct Slot0
{
    u256 sqrtPriceX96;        // uint160, never 0 in a decoded value
    int tick = 0;             // int24
    quint32 protocolFee = 0;  // uint24
    quint32 lpFee = 0;        // uint24
};
// (uint160 sqrtPriceX96, int24 tick, uint24 protocolFee, uint24 lpFee). A zero sqrtPriceX96 is how
// StateView reports a pool that does not exist or was never initialised: that is an Error.
Result<Slot0> decodeSlot0(QByteArrayView returnData);

// StateView.getLiquidity(bytes32 poolId) -> uint128: the liquidity in range at the current tick.
QByteArray encodeGetLiquidity(const eth::Hash32 &poolId);
Result<u256> decodeLiquidity(QByteArrayView returnData);

// V4Quoter.quoteExactInputSingle(((address,address,uint24,int24,address) poolKey, bool zeroForOne,
// uint128 exactAmount, bytes hookData)). An amount over 2^128 - 1 (or a pool key outside its types'
// ranges) gives empty calldata, which the quoter rejects, rather than a truncated amount.
QByteArray encodeQuoteExactInputSingle(const PoolKey &key, bool zeroForOne, const u256 &amountIn,
                                       const QByteArray &hookData = {});

struct Quote
{
    u256 amountOut;
    u256 gasEstimate;
};
// (uint256 amountOut, uint256 gasEstimate).
Result<Quote> decodeQuote(QByteArrayView returnData);

} // namespace apedesk::uniswap
