#pragma once
// ERC-20 and Permit2 calldata, their answers, and the plan for the approvals a token swap needs.
//
// The Universal Router takes the tokens it swaps through Permit2 (transferFrom), so a token needs two
// approvals: ERC20.approve(Permit2, max) once, and Permit2.approve(token, router, amount, expiration).
// Approving the router directly, as the tutorial did, does nothing for a swap.

#include "common/error.h"
#include "eth/address.h"
#include "eth/u256.h"

#include <QByteArray>
#include <QByteArrayView>

namespace apedesk::uniswap {

using eth::u256;

// The canonical Permit2 deployment, the same on every chain: 0x000000000022D473030F116dDEE9F6B43aC78BA3.
eth::Address permit2Address();

// ERC-20: approve(address,uint256), allowance(address,address), balanceOf(address).
QByteArray encodeErc20Approve(const eth::Address &spender, const u256 &amount);
QByteArray encodeErc20Allowance(const eth::Address &owner, const eth::Address &spender);
QByteArray encodeErc20BalanceOf(const eth::Address &owner);
// A single uint256 return value (balanceOf, allowance). Empty data (no contract at the address) and
// short data are Errors.
Result<u256> decodeUint256(QByteArrayView returnData);

// Permit2.approve(address token, address spender, uint160 amount, uint48 expiration), selector
// 0x87517c45. An amount over 2^160 - 1 or an expiration over 2^48 - 1 gives empty calldata, which
// Permit2 rejects (it has no fallback), rather than a silently truncated approval.
QByteArray encodePermit2Approve(const eth::Address &token, const eth::Address &spender, const u256 &amount160,
                                quint64 expiration48);
// Permit2.allowance(address owner, address token, address spender), selector 0x927da105.
QByteArray encodePermit2Allowance(const eth::Address &owner, const eth::Address &token, const eth::Address &spender);

struct Permit2Allowance
{
    u256 amount;              // uint160
    quint64 expiration = 0;   // uint48 unix seconds; the allowance is usable while now <= expiration
    quint64 nonce = 0;        // uint48
};
// (uint160 amount, uint48 expiration, uint48 nonce), strictly: values over their width are an Error.
Result<Permit2Allowance> decodePermit2Allowance(QByteArrayView returnData);

// What to send before a swap that spends `amountNeeded` of a token through Permit2.
struct Permit2Plan
{
    bool approveToken = false;    // ERC20.approve(Permit2, 2^256 - 1)
    bool approveRouter = false;   // Permit2.approve(token, router, 2^160 - 1, newExpiration)
    quint64 newExpiration = 0;    // set when approveRouter: now + 30 days
};

constexpr quint64 kPermit2ApprovalLifetime = 30ull * 24 * 3600;   // a new router allowance lasts 30 days
constexpr quint64 kPermit2RenewMargin = 10 * 60;                  // renewed when it ends within 10 minutes

// Pure: the token approval when its allowance to Permit2 is below the amount; the router approval when
// the router's Permit2 allowance is below the amount, has expired, or expires within the next 10
// minutes (so it cannot lapse between the check and the swap being mined).
Permit2Plan planPermit2(const u256 &erc20AllowanceToPermit2, const Permit2Allowance &routerAllowance,
                        const u256 &amountNeeded, quint64 nowSeconds);

} // namespace apedesk::uniswap
