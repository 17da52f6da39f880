#pragma once
// Why a swap reverted, in words. The registry holds the custom errors a Universal Router swap can
// revert with (router, V4 router actions, PoolManager and its libraries, V4Quoter, Permit2), built
// from signature text, so no artifact file is needed at run time; test_uniswap_codec_vs_cast checks
// every one against the npm packages' ABIs and cast's selectors.

#include "eth/abirevert.h"
#include "eth/u256.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace apedesk::uniswap {

using eth::u256;

const eth::abi::ErrorRegistry &uniswapErrors();
// The signatures the registry is built from, with parameter names ("AllowanceExpired(uint256 deadline)").
const QStringList &uniswapErrorSignatures();

struct SwapContext
{
    int slippageBps = 50;
    QString outSymbol;     // "USDC", "ETH"
    int outDecimals = 6;
    u256 quotedOut;        // what the quote promised
    u256 minimumOut;       // what the transaction asked for at least
};

// One translated sentence. ExecutionFailed(index, inner) and WrappedError are unwrapped to the error
// inside. V4TooLittleReceived reads "Price moved beyond your 0.5% slippage: would receive 299.1 USDC,
// minimum 299.6."; Permit2 and deadline errors say what to do; anything else reads
// "The swap reverted: <decoded error, or the data in hex>".
QString describeSwapRevert(QByteArrayView revertData, const SwapContext &context);

} // namespace apedesk::uniswap
