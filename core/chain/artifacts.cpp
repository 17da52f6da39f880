#include "artifacts.h"

#include "eth/hex.h"
#include "eth/keccak.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace apedesk::chain {
namespace {

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::chain::Artifacts)
};

Error artifactError(const QString &message, const QString &path, const QString &detail = {})
{
    return Error::make(Error::Kind::Io, message,
                       detail.isEmpty() ? path : QStringLiteral("%1: %2").arg(path, detail));
}

// Artifact files are a few hundred kilobytes; anything far larger is not one.
constexpr qint64 kMaxArtifactBytes = 16 * 1024 * 1024;

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return artifactError(Messages::tr("A Uniswap contract artifact is missing; reinstall the chain tools (tools/apedesk-dev.sh deps)."),
                             path);
    if (!file.open(QIODevice::ReadOnly))
        return artifactError(Messages::tr("A Uniswap contract artifact could not be read."), path, file.errorString());
    if (file.size() > kMaxArtifactBytes)
        return artifactError(Messages::tr("A Uniswap contract artifact is not what ApeDesk expects."), path,
                             QStringLiteral("%1 bytes").arg(file.size()));
    return file.readAll();
}

} // namespace

QList<Contract> allContracts()
{
    return {Contract::PoolManager, Contract::Weth,      Contract::Usdc,           Contract::StateView,
            Contract::V4Quoter,    Contract::PoolModifyLiquidityTest, Contract::PositionManager,
            Contract::UniversalRouter};
}

QString contractName(Contract contract)
{
    switch (contract) {
    case Contract::PoolManager: return QStringLiteral("PoolManager");
    case Contract::Weth: return QStringLiteral("WETH");
    case Contract::Usdc: return QStringLiteral("USDC");
    case Contract::StateView: return QStringLiteral("StateView");
    case Contract::V4Quoter: return QStringLiteral("V4Quoter");
    case Contract::PoolModifyLiquidityTest: return QStringLiteral("PoolModifyLiquidityTest");
    case Contract::PositionManager: return QStringLiteral("PositionManager");
    case Contract::UniversalRouter: return QStringLiteral("UniversalRouter");
    }
    return {};
}

QString artifactPath(const QString &nodeModules, Contract contract)
{
    // PoolManager from v4-core's via-IR build: v4-periphery's PoolManager.test.json exceeds EIP-170.
    // USDC is solmate's MockERC20 (constructor name/symbol/decimals, public mint), not forge-std's.
    const char *relative = "";
    switch (contract) {
    case Contract::PoolManager: relative = "@uniswap/v4-core/out/PoolManager.sol/PoolManager.json"; break;
    case Contract::Weth: relative = "@uniswap/v4-periphery/foundry-out/WETH.sol/WETH.default.json"; break;
    case Contract::Usdc: relative = "@uniswap/v4-periphery/foundry-out/MockERC20.sol/MockERC20.json"; break;
    case Contract::StateView: relative = "@uniswap/v4-periphery/foundry-out/StateView.sol/StateView.json"; break;
    case Contract::V4Quoter: relative = "@uniswap/v4-periphery/foundry-out/V4Quoter.sol/V4Quoter.json"; break;
    case Contract::PoolModifyLiquidityTest:
        relative = "@uniswap/v4-core/out/PoolModifyLiquidityTest.sol/PoolModifyLiquidityTest.json";
        break;
    case Contract::PositionManager:
        relative = "@uniswap/v4-periphery/foundry-out/PositionManager.sol/PositionManager.json";
        break;
    case Contract::UniversalRouter:
        relative = "@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json";
        break;
    }
    return QDir(nodeModules).filePath(QString::fromLatin1(relative));
}

QString permit2SourcePath(const QString &nodeModules)
{
    return QDir(nodeModules).filePath(QStringLiteral("@uniswap/v4-periphery/lib/permit2/test/utils/DeployPermit2.sol"));
}

Result<QByteArray> creationBytecode(const QString &nodeModules, Contract contract)
{
    const QString path = artifactPath(nodeModules, contract);
    if (nodeModules.isEmpty())
        return artifactError(Messages::tr("The Uniswap contract artifacts were not found; run tools/apedesk-dev.sh deps."), path);
    auto content = readFile(path);
    if (!content)
        return content.error();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(*content, &parseError);
    if (!document.isObject())
        return artifactError(Messages::tr("A Uniswap contract artifact is not valid JSON."), path, parseError.errorString());
    // Hardhat: "bytecode": "0x..."; foundry: "bytecode": {"object": "0x...", ...}.
    const QJsonValue bytecode = document.object().value(QStringLiteral("bytecode"));
    QString text;
    if (bytecode.isString())
        text = bytecode.toString();
    else if (bytecode.isObject() && bytecode.toObject().value(QStringLiteral("object")).isString())
        text = bytecode.toObject().value(QStringLiteral("object")).toString();
    else
        return artifactError(Messages::tr("A Uniswap contract artifact has no bytecode."), path);
    // An empty creation code "deploys" a contract without code and still succeeds: refuse it here.
    auto bytes = eth::fromHex(text);
    if (!bytes)
        return artifactError(Messages::tr("A Uniswap contract artifact's bytecode is not hex (unlinked libraries?)."), path,
                             bytes.error().toString());
    if (bytes->isEmpty())
        return artifactError(Messages::tr("A Uniswap contract artifact has an empty bytecode."), path);
    return *bytes;
}

Result<QByteArray> permit2RuntimeCode(const QString &nodeModules)
{
    const QString path = permit2SourcePath(nodeModules);
    if (nodeModules.isEmpty())
        return artifactError(Messages::tr("The Uniswap contract artifacts were not found; run tools/apedesk-dev.sh deps."), path);
    auto content = readFile(path);
    if (!content)
        return content.error();
    // The file holds exactly one long literal: hex"6040...". Take the longest, to be safe.
    static const QRegularExpression literal(QStringLiteral("hex\"([0-9a-fA-F]*)\""));
    QString longest;
    auto matches = literal.globalMatch(QString::fromLatin1(*content));
    while (matches.hasNext()) {
        const QString hex = matches.next().captured(1);
        if (hex.size() > longest.size())
            longest = hex;
    }
    if (longest.isEmpty())
        return artifactError(Messages::tr("Permit2's code was not found in its source file."), path);
    auto bytes = eth::fromHex(longest, eth::HexPrefix::Optional);
    if (!bytes || bytes->isEmpty())
        return artifactError(Messages::tr("Permit2's code in its source file is not valid hex."), path);
    return *bytes;
}

QByteArray artifactsFingerprint(const QString &nodeModules)
{
    QByteArray all;
    for (Contract contract : allContracts()) {
        auto code = creationBytecode(nodeModules, contract);
        if (!code)
            return {};
        all += eth::keccak256(*code);
    }
    auto permit2 = permit2RuntimeCode(nodeModules);
    if (!permit2)
        return {};
    all += eth::keccak256(*permit2);
    return eth::keccak256(all);
}

} // namespace apedesk::chain
