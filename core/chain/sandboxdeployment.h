#pragma once
// What the sandbox deployer put on a local chain: the contracts' addresses, the ETH/USDC pool and
// the accounts it funded, with a strict JSON form for the state cache and the registry of running
// sandboxes. Also anvil's ten default accounts, which every sandbox (and fork) node has.

#include "common/error.h"
#include "eth/address.h"
#include "eth/signer.h"
#include "eth/u256.h"
#include "uniswap/poolkey.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace apedesk::chain {

struct SandboxDeployment
{
    quint64 chainId = 8453;
    QString rpcUrl;
    eth::Address deployer;
    eth::Address permit2, poolManager, weth, usdc, stateView, quoter, modifyLiquidityTest, positionManager,
        universalRouter;
    uniswap::PoolKey poolKey;   // (ETH, USDC, 500, 10, no hooks)
    eth::Hash32 poolId;
    QString initialPrice;       // USDC per ETH as given, e.g. "3000"
    QList<eth::Address> fundedAccounts;
    // The deployer's liquidity position (PoolModifyLiquidityTest, salt 0).
    int tickLower = 0;
    int tickUpper = 0;
    eth::u256 liquidity = 0;

    QJsonObject toJson() const;
    // Strict: every address present and valid, the pool id equal to the key's, the key's currencies
    // native ETH and the USDC address. A malformed object is a Format error, never a half-filled value.
    static Result<SandboxDeployment> fromJson(const QJsonObject &object);

    // ("PoolManager", address), ("Permit2", …), ("WETH", …), ("USDC", …), ("StateView", …),
    // ("V4Quoter", …), ("PoolModifyLiquidityTest", …), ("PositionManager", …), ("UniversalRouter", …).
    QList<QPair<QString, eth::Address>> contracts() const;

    friend bool operator==(const SandboxDeployment &a, const SandboxDeployment &b)
    {
        return a.toJson() == b.toJson();
    }
    friend bool operator!=(const SandboxDeployment &a, const SandboxDeployment &b) { return !(a == b); }
};

// anvil's default accounts (mnemonic "test test … junk", m/44'/60'/0'/0/i, i = 0..9). Account 0 is the
// sandbox deployer. These keys are public knowledge: they are only for sandbox and fork nodes.
constexpr int kSandboxAccountCount = 10;
// The wallet offers accounts 0..6 to the person; 7..9 are the sandbox market's traders, so the two
// never share (and fight over) a nonce.
constexpr int kSandboxWalletAccountCount = 7;
constexpr int kSandboxFirstTraderAccount = 7;
QList<eth::Address> sandboxAccounts();
// The key of account `index` (0..9), derived from the mnemonic on each call.
Result<eth::PrivateKey> sandboxAccountKey(int index);

} // namespace apedesk::chain
