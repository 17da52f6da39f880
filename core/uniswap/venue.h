#pragma once
// Where a swap happens: the pool and the contracts around it (BASE mainnet, or a sandbox the app
// deployed). Everything the swap code needs, nothing about how the node was started.

#include "poolkey.h"
#include "routerversion.h"

namespace apedesk::uniswap {

struct Venue
{
    eth::Address poolManager;
    eth::Address stateView;
    eth::Address quoter;
    eth::Address universalRouter;
    eth::Address permit2;
    eth::Address usdc;
    PoolKey poolKey;   // native ETH (currency0) / USDC
    RouterVersion routerVersion = RouterVersion::V2_1;
    int usdcDecimals = 6;

    eth::Hash32 poolId() const { return poolKey.id(); }
};

} // namespace apedesk::uniswap
