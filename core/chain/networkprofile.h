#pragma once
// Where the ETH/USDC pool and its contracts are on a network: BASE mainnet (also what a fork of BASE
// has), or a sandbox the app deployed. Everything swap code, balances and funding need.

#include "eth/address.h"
#include "eth/u256.h"
#include "uniswap/poolkey.h"
#include "uniswap/routerversion.h"
#include "uniswap/venue.h"
#include "eth/jsonrpcclient.h"

#include <QString>
#include <QUrl>

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
    // What the swap code needs of this profile.
    uniswap::Venue venue() const;
};

// The storage slot holding `holder`'s USDC balance: keccak256(pad32(holder) ‖ pad32(mapping slot)).
// Fork and sandbox funding write it with anvil_setStorageAt.
eth::u256 usdcBalanceSlot(const eth::Address &holder, const NetworkProfile &profile);

// 127.0.0.1, ::1 or localhost: a node on this machine (paper trading signs only there or on own nodes).
bool isLoopbackUrl(const QUrl &url);
// JSON-RPC options for a chain node: Uniswap revert reasons in words, and quick failure on a local
// node (it answers at once; a dead one should be reported in seconds, not minutes).
eth::JsonRpcOptions chainRpcOptions(const QUrl &url);

} // namespace apedesk::chain
