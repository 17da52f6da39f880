#include "networkprofile.h"

#include "eth/keccak.h"
#include "sandboxdeployment.h"
#include "eth/abirevert.h"
#include "uniswap/swaperrors.h"

#include <QHostAddress>

namespace apedesk::chain {
namespace {

// Compile-time constants from the seed facts; a typo would fail the unit test's pool id check.
eth::Address constant(const char *text) { return eth::Address::fromString(QString::fromLatin1(text)).value(); }

} // namespace

NetworkProfile NetworkProfile::base()
{
    NetworkProfile profile;
    profile.name = QStringLiteral("BASE");
    profile.chainId = 8453;
    profile.poolManager = constant("0x498581fF718922c3f8e6A244956aF099B2652b2b");
    profile.stateView = constant("0xA3c0c9b65baD0b08107Aa264b0f3dB444b867A71");
    profile.quoter = constant("0x0d5e0F971ED27FBfF6c2837bf31316121532048D");
    profile.positionManager = constant("0x7C5f5A4bBd8fD63184577525326123B519429bDc");
    profile.universalRouter = constant("0x6ff5693b99212da76ad316178a184ab56d299b43");
    profile.permit2 = constant("0x000000000022D473030F116dDEE9F6B43aC78BA3");
    profile.usdc = constant("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913");
    profile.weth = constant("0x4200000000000000000000000000000000000006");
    profile.poolKey.currency0 = eth::Address();   // native ETH
    profile.poolKey.currency1 = profile.usdc;
    profile.poolKey.fee = 500;
    profile.poolKey.tickSpacing = 10;
    profile.poolKey.hooks = eth::Address();
    profile.poolId = profile.poolKey.id();
    profile.routerVersion = uniswap::RouterVersion::V2_0;
    profile.usdcDecimals = 6;
    profile.usdcBalanceMappingSlot = 9;
    return profile;
}

NetworkProfile NetworkProfile::fromSandbox(const SandboxDeployment &deployment)
{
    NetworkProfile profile;
    profile.name = QStringLiteral("Sandbox");
    profile.chainId = deployment.chainId;
    profile.poolManager = deployment.poolManager;
    profile.stateView = deployment.stateView;
    profile.quoter = deployment.quoter;
    profile.positionManager = deployment.positionManager;
    profile.universalRouter = deployment.universalRouter;
    profile.permit2 = deployment.permit2;
    profile.usdc = deployment.usdc;
    profile.weth = deployment.weth;
    profile.poolKey = deployment.poolKey;
    profile.poolId = deployment.poolId;
    profile.routerVersion = uniswap::RouterVersion::V2_1;
    profile.usdcDecimals = 6;
    profile.usdcBalanceMappingSlot = 3;
    return profile;
}

eth::u256 usdcBalanceSlot(const eth::Address &holder, const NetworkProfile &profile)
{
    const QByteArray key = QByteArray(12, '\0') + holder.bytes();
    const QByteArray preimage = key + eth::toBigEndian(eth::u256(profile.usdcBalanceMappingSlot), 32);
    return eth::fromBigEndian(eth::keccak256(preimage));
}

uniswap::Venue NetworkProfile::venue() const
{
    uniswap::Venue venue;
    venue.poolManager = poolManager;
    venue.stateView = stateView;
    venue.quoter = quoter;
    venue.universalRouter = universalRouter;
    venue.permit2 = permit2;
    venue.usdc = usdc;
    venue.poolKey = poolKey;
    venue.routerVersion = routerVersion;
    venue.usdcDecimals = usdcDecimals;
    return venue;
}

bool isLoopbackUrl(const QUrl &url)
{
    if (url.host() == QLatin1String("localhost"))
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

eth::JsonRpcOptions chainRpcOptions(const QUrl &url)
{
    eth::JsonRpcOptions options;
    if (isLoopbackUrl(url)) {
        options.timeoutMs = 5000;
        options.maxAttempts = 2;
    }
    options.revertDecoder = [](const QByteArray &data) {
        return eth::abi::decodeRevert(data, &uniswap::uniswapErrors()).message;
    };
    return options;
}

} // namespace apedesk::chain
