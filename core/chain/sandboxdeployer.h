#pragma once
// Puts a complete Uniswap V4 venue on an empty local anvil (chain 8453), from the npm packages only:
// Permit2 at its canonical address (anvil_setCode), PoolManager, WETH, a 6-decimal USDC (solmate
// MockERC20), StateView, V4Quoter, PoolModifyLiquidityTest, PositionManager and UniversalRouter 2.1.0
// from anvil's account 0; then the native ETH / USDC pool (fee 500, spacing 10, no hooks) at the
// chosen price with deep liquidity around it, and funded accounts.
//
// Transactions are signed here with explicit nonces and fees and sent back to back (anvil mines
// each at once); receipts are collected afterwards. The same options on a fresh node give the same
// addresses. deploy() runs straight through on the calling worker thread (eth::awaitRpc); every
// failure names the step and why, and a cancellation between steps returns Error::canceled().

#include "common/error.h"
#include "eth/address.h"
#include "eth/u256.h"
#include "sandboxdeployment.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace apedesk::eth {
class JsonRpcClient;
}

namespace apedesk::chain {

struct SandboxOptions
{
    QString price = QStringLiteral("3000");   // USDC per ETH, a positive decimal
    QList<eth::Address> fundAccounts;         // each gets exactly fundEthWei and fundUsdcUnits
    eth::u256 fundEthWei = eth::u256(100) * eth::u256(1'000'000'000'000'000'000ULL);   // 100 ETH
    eth::u256 fundUsdcUnits = eth::u256(100'000) * eth::u256(1'000'000);            // 100,000 USDC
};

// The deployer's position: centred on the price's tick, about ±40 % in price, and deep enough that
// a 10 ETH swap moves the price by well under 1 % (liquidity grows with sqrt(price), so the ETH side
// is about 1,100 ETH at any price).
struct LiquidityPlan
{
    eth::u256 sqrtPriceX96 = 0;
    int tick = 0;
    int tickLower = 0;
    int tickUpper = 0;
    eth::u256 liquidity = 0;
    eth::u256 amount0 = 0;   // ETH (wei) the position takes, rounded up
    eth::u256 amount1 = 0;   // USDC units the position takes, rounded up
};

class SandboxDeployer
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::chain::SandboxDeployer)
public:
    using Progress = std::function<void(int step, int steps, const QString &text)>;
    using Canceled = std::function<bool()>;

    static constexpr int kSteps = 5;

    // client: a JSON-RPC client of the (fresh) anvil node, used on this thread.
    // nodeModules: the folder holding @uniswap/ (ToolLocations::nodeModules).
    SandboxDeployer(eth::JsonRpcClient *client, QString nodeModules);

    // Progress reports steps 0..kSteps-1 as they begin and kSteps at the end; both callbacks may be empty.
    Result<SandboxDeployment> deploy(const SandboxOptions &options, Canceled canceled = {}, Progress progress = {});

    // The position for a price ("3000"); an Error when the price is not a positive decimal or is
    // outside what a pool can hold.
    static Result<LiquidityPlan> planLiquidity(const QString &price);
    // The address a CREATE from `sender` with `nonce` makes: keccak256(rlp([sender, nonce]))[12:].
    static eth::Address createAddress(const eth::Address &sender, quint64 nonce);
    // 0x000000000022D473030F116dDEE9F6B43aC78BA3
    static eth::Address canonicalPermit2();

private:
    eth::JsonRpcClient *m_client;
    QString m_nodeModules;
};

} // namespace apedesk::chain
