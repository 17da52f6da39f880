#pragma once
// Where the ETH/USDC pool and its contracts are on a network: BASE mainnet (also what a fork of BASE
// has), or a sandbox the app deployed. Everything swap code, balances and funding need.

#include "eth/address.h"
#include "eth/u256.h"
#include "uniswap/poolkey.h"
#include "uniswap/routerversion.h"

#include <QString>

namespace apedesk::chain {

struct SandboxDeployment;

struct NetworkProfile
{
    QString name;                 // "BASE" or "Sandbox" (a proper name, not translated)
    quint64 chainId = 0;
    eth::Address poolManager, stateView, quoter, positionManager, universalRouter, permit2, usdc, weth;
    uniswap::PoolKey poolKey;     // native ETH (currency0) / USDC, fee 500, spacing 10, no hooks
    eth::Hash32 poolId;
    uniswap::RouterVersion routerVersion = uniswap::RouterVersion::V2_1;
    int usdcDecimals = 6;
    // The storage slot of the USDC contract's balance mapping: 9 for Circle's FiatToken on BASE
    // (balanceAndBlacklistStates; the top bit marks a blacklisted holder), 3 for the sandbox's solmate
    // MockERC20 (balanceOf after name, symbol and totalSupply).
    quint32 usdcBalanceMappingSlot = 3;

    // BASE mainnet, chain 8453; pool id 0x96d4b53a…288c0a.
    static NetworkProfile base();
    static NetworkProfile fromSandbox(const SandboxDeployment &deployment);
};

// The storage slot holding `holder`'s USDC balance: keccak256(pad32(holder) ‖ pad32(mapping slot)).
// Fork and sandbox funding write it with anvil_setStorageAt.
eth::u256 usdcBalanceSlot(const eth::Address &holder, const NetworkProfile &profile);

} // namespace apedesk::chain
