#pragma once
// The compiled Uniswap V4 contracts the sandbox deploys, read from the pinned npm packages
// (tools/node_modules/@uniswap/...): creation bytecode from foundry artifacts (`.bytecode.object`)
// or hardhat ones (`.bytecode` string), and Permit2's runtime code, which no package ships as a
// creation artifact (it is a hex literal in a test helper of v4-periphery).

#include "common/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace apedesk::chain {

enum class Contract { PoolManager, Weth, Usdc, StateView, V4Quoter, PoolModifyLiquidityTest, PositionManager, UniversalRouter };

// Every contract above, in deployment order.
QList<Contract> allContracts();
// "PoolManager", "WETH", "USDC", "StateView", "V4Quoter", "PoolModifyLiquidityTest", "PositionManager",
// "UniversalRouter": the names SandboxDeployment::contracts() and the CLI use.
QString contractName(Contract contract);
// The artifact file of a contract under `nodeModules` (the folder holding @uniswap/).
QString artifactPath(const QString &nodeModules, Contract contract);
// v4-periphery/lib/permit2/test/utils/DeployPermit2.sol under `nodeModules`.
QString permit2SourcePath(const QString &nodeModules);

// The contract's creation bytecode (constructor arguments not yet appended). A missing or unreadable
// file, a file that is not an artifact, or an empty or non-hex bytecode is an Error naming the file.
Result<QByteArray> creationBytecode(const QString &nodeModules, Contract contract);
// Permit2's runtime code, to be placed with anvil_setCode at its canonical address.
Result<QByteArray> permit2RuntimeCode(const QString &nodeModules);

// keccak256 over every bytecode the sandbox uses, in a fixed order: a changed package gives another
// fingerprint, so a cached sandbox built from the old one is not used. Empty when any is unreadable.
QByteArray artifactsFingerprint(const QString &nodeModules);

} // namespace apedesk::chain
