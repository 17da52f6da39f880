#pragma once
// The PoolManager's Swap event:
//   Swap(bytes32 indexed id, address indexed sender, int128 amount0, int128 amount1, uint160 sqrtPriceX96,
//        uint128 liquidity, int24 tick, uint24 fee)
// V4's sign convention is the swapper's balance delta: negative = paid into the pool, positive =
// received (the opposite of V3). `sender` is the contract that called PoolManager.swap (the Universal
// Router), not the person; attribute swaps by the transaction's `from`.

#include "common/error.h"
#include "eth/address.h"
#include "eth/jsonrpctypes.h"
#include "eth/u256.h"

#include <QList>

#include <optional>

namespace apedesk::uniswap {

using eth::u256;

// keccak256("Swap(bytes32,address,int128,int128,uint160,uint128,int24,uint24)")
// = 0x40e9cecb9f5f1f1c5b9c97dec2917b7ee92e57ba5563708daca94dd84ad7112f.
eth::Hash32 swapEventTopic();

struct SwapEvent
{
    eth::Hash32 poolId;
    eth::Address sender;
    eth::i256 amount0;     // int128, the swapper's delta of currency0
    eth::i256 amount1;     // int128, the swapper's delta of currency1
    u256 sqrtPriceX96;     // uint160, after the swap
    u256 liquidity;        // uint128, in range after the swap
    int tick = 0;          // int24, after the swap
    quint32 fee = 0;       // uint24, the fee the swap paid (hundredths of a bip)
};

// Strict: topic 0 must be the Swap topic, exactly 3 topics and 192 data bytes, the sender topic a
// zero-padded address, and every value within its type (int128/int24 properly sign-extended).
// The log's emitting address is not checked here; findSwapEvent does that.
Result<SwapEvent> decodeSwapEvent(const eth::Log &log);

// The first Swap of `poolId` emitted by `poolManager` among a receipt's logs (removed logs skipped).
std::optional<SwapEvent> findSwapEvent(const QList<eth::Log> &logs, const eth::Address &poolManager,
                                       const eth::Hash32 &poolId);

} // namespace apedesk::uniswap
