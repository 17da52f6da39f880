#pragma once
// EIP-1559 fee and gas-limit suggestions. Pure arithmetic over eth_feeHistory, so it is tested
// without a node: maxFeePerGas = next block's base fee x margin + priority fee, where the priority
// fee is the median over recent non-empty blocks of the chosen reward percentile.

#include "common/error.h"
#include "jsonrpctypes.h"
#include "u256.h"

#include <QString>

#include <optional>

namespace apedesk::eth {

struct FeePolicy
{
    int historyBlocks = 10;
    double rewardPercentile = 50.0;
    // 200%: still enough after six full blocks in a row (+12.5% each) before inclusion.
    int baseFeeMarginPercent = 200;
    u256 minPriorityFee = 0;
    // When recent blocks were empty (no rewards to learn from) and the node has no suggestion.
    u256 fallbackPriorityFee = u256(1'000'000);   // 0.001 gwei, Base's usual tip
    // The most this app pays per gas. Above it, sending is refused with a clear message.
    std::optional<u256> maxFeeCap = u256(500) * 1'000'000'000;   // 500 gwei
    int gasMarginPercent = 120;   // gas limit = eth_estimateGas x 120%
    u256 maxGasLimit = 30'000'000;
};

struct FeeSuggestion
{
    u256 baseFee = 0;                 // the next block's, as the node predicts it
    u256 maxPriorityFeePerGas = 0;
    u256 maxFeePerGas = 0;
};

// nodePriorityFee: eth_maxPriorityFeePerGas when the node has it, used when the history has no
// non-empty blocks. Fails (Error::Kind::Chain) when base fee + priority fee exceed the cap.
Result<FeeSuggestion> suggestFees(const FeeHistory &history, const FeePolicy &policy,
                                  std::optional<u256> nodePriorityFee = std::nullopt);

// estimate x margin, at least 21000, at most the policy's maximum.
u256 gasLimitWithMargin(const u256 &estimate, const FeePolicy &policy);

// "1.5 gwei", "0.001 gwei", "30 gwei": fees for people.
QString formatGwei(const u256 &wei);

} // namespace apedesk::eth
