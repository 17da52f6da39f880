#pragma once
// Calldata for Uniswap's Universal Router: a single-pool exact-input V4 swap (V4_SWAP with the actions
// SWAP_EXACT_IN_SINGLE, SETTLE_ALL, TAKE_ALL), SWEEP, execute(commands, inputs, deadline), and the
// router's constructor arguments. Pure functions: no network, no state.
//
// The tutorial this replaces swapped with a minimum out of 0, without a deadline, and left overpaid ETH
// in the router. Here a zero minimum is refused, the deadline is required, and every swap that pays
// with native ETH ends with SWEEP(ETH -> msg.sender) so nothing stays behind.

#include "common/error.h"
#include "eth/address.h"
#include "eth/u256.h"
#include "poolkey.h"
#include "routerversion.h"

#include <QByteArray>
#include <QList>

namespace apedesk::uniswap {

using eth::u256;

// Commands (universal-router contracts/libraries/Commands.sol).
constexpr quint8 kCmdV4Swap = 0x10;
constexpr quint8 kCmdSweep = 0x04;
// V4 router actions (v4-periphery src/libraries/Actions.sol).
constexpr quint8 kActionSwapExactInSingle = 0x06;
constexpr quint8 kActionSettleAll = 0x0c;
constexpr quint8 kActionTakeAll = 0x0f;

// ActionConstants.MSG_SENDER = address(1): the router substitutes the caller of execute().
eth::Address msgSenderSentinel();

// IV4Router.ExactInputSingleParams. Both router versions ApeDesk knows (2.0.0 and 2.1.0) take this
// five-field struct; 2.1.1 inserts uint256 minHopPriceX36 before hookData and is not supported.
struct ExactInSingle
{
    PoolKey key;
    bool zeroForOne = true;      // true: pay currency0 (ETH), receive currency1
    u256 amountIn;               // uint128, > 0
    u256 amountOutMinimum;       // uint128, > 0: ApeDesk never swaps without a minimum
    QByteArray hookData;
};

// The V4_SWAP command input: abi.encode(bytes actions = 0x060c0f, bytes[] params) in canonical form
// (word 0 = 0x40, which the router checks), with params = [abi.encode(ExactInputSingleParams),
// abi.encode(inputCurrency, amountIn) for SETTLE_ALL, abi.encode(outputCurrency, amountOutMinimum) for
// TAKE_ALL]. An Error when an amount is 0 or over uint128, or the pool key is out of range.
Result<QByteArray> encodeV4SwapExactInSingle(const ExactInSingle &swap, RouterVersion version);

// The SWEEP command input abi.encode(token, recipient, amountMin): the router sends its whole balance
// of `token` (address(0): ETH) to `recipient`. The router reads amountMin as uint160; larger values
// are encoded as 2^160 - 1, a minimum no balance meets, so the sweep still reverts as asked.
QByteArray encodeSweep(const eth::Address &token, const eth::Address &recipient, const u256 &amountMin);

// execute(bytes commands, bytes[] inputs, uint256 deadline), selector 0x3593564c.
QByteArray encodeExecute(const QByteArray &commands, const QList<QByteArray> &inputs, const u256 &deadline);

struct RouterSwapCall
{
    QByteArray calldata;   // for the router's address
    u256 value;            // msg.value: amountIn when paying with ETH, else 0
};

// The whole router call for one exact-input swap: commands 0x10, plus 0x04 SWEEP(ETH, MSG_SENDER, 0)
// when the input is native ETH. `deadline` (unix seconds) must be non-zero.
Result<RouterSwapCall> encodeSwapExactInSingleCall(const ExactInSingle &swap, RouterVersion version,
                                                   quint64 deadline);

// The constructor's RouterParameters struct (contracts/types/RouterParameters.sol).
struct RouterParameters
{
    eth::Address permit2, weth9, v2Factory, v3Factory;
    eth::Hash32 pairInitCodeHash, poolInitCodeHash;
    eth::Address v4PoolManager, v3NFTPositionManager, v4PositionManager;
    eth::Address spokePool;   // Across; 2.1.x only
};

// abi.encode(RouterParameters): the constructor arguments to append to the creation code. 2.1.0 has
// ten fields (spokePool last); 2.0.0 has the first nine (checked against the tag 2.0.0 of
// github.com/Uniswap/universal-router). A non-zero spokePool for 2.0 is an Error, not silently dropped.
Result<QByteArray> encodeRouterParameters(RouterVersion version, const RouterParameters &p);

} // namespace apedesk::uniswap
