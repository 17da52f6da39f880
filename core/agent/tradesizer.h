#pragma once
// Turns a parsed answer (or a rebalance) into an order size that respects the limits: the gas
// reserve, minimum and maximum trade, the share of the balance. Never trades for Format::None,
// HOLD or APE NEUTRAL. Amounts below the minimum are "no trade" with the reason, never raised above
// what the balance allows.

#include "agenttypes.h"

#include <optional>

namespace apedesk::agent {

SizedTrade sizeTrade(const ParsedAnswer &answer, const Portfolio &portfolio, const TradeLimits &limits);

// Sizing of a model trade: Sell spends ETH above limits.gasReserveEth ("0.05 ETH" exactly as written,
// "100 USDC" as the ETH worth that at the pool price, a percent or the default share of the spendable
// ETH); Buy spends USDC ("100 USDC" exactly, "0.05 ETH" as its USDC value, a share of the USDC).
// Both are capped at maxTradeEth (or its USDC value) and maxBalanceShare of the spendable balance;
// `note` says which cap applied.
//
// The rebalancer: a trade toward the target allocation when the ETH weight is off by at least the
// threshold and the cooldown since `lastRebalance` (unix seconds, 0 = never) has passed; nullopt
// otherwise (also when disabled, the balances or the price are unknown, or the portfolio is empty).
// Rule: deviation = ETH weight − target. The trade is the ETH that would restore the target at the
// pool price, |deviation| × total value / price, clamped to [config.minEth, config.maxEth]; ETH
// overweight sells that much ETH, underweight spends its USDC value. It is then limited to what the
// balance allows (ETH above the gas reserve, or the USDC balance, times limits.maxBalanceShare).
// When that leaves less than config.minEth (or the limits'
// minimum trade) the result has `trade == false` and a note saying why: the loop should let the
// model decide that cycle and not start the cooldown. `note` says how far off the weight was.
std::optional<SizedTrade> rebalanceTrade(const Portfolio &portfolio, const RebalanceConfig &config,
                                         const TradeLimits &limits, qint64 now, qint64 lastRebalance);

} // namespace apedesk::agent
