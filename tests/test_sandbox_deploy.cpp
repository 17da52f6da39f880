// The sandbox deployer, its state cache and its artifacts against a real anvil (chain 8453) and the
// real Uniswap V4 packages: every contract deployed with code at the addresses sandbox-chain.md
// lists, the pool at the exact price, exact balances, a 10 ETH swap through the UniversalRouter that
// moves the price by less than 1 %; the prepared state cached, loaded by a new anvil in well under
// 1.5 s and pristine; damaged cache entries rejected; bad prices, missing or broken artifacts and
// cancellation reported as errors.

#include "chain/artifacts.h"
#include "chain/networkprofile.h"
#include "chain/nodeprocess.h"
#include "chain/sandboxcache.h"
#include "chain/sandboxdeployer.h"
#include "chain/sandboxregistry.h"
#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/jsonrpcapi.h"
#include "eth/rpcawait.h"
#include "eth/tx.h"
#include "uniswap/tickmath.h"

#include "anvilnode.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace apedesk;
using namespace apedesk::chain;
using eth::u256;

namespace {

const u256 kEther = u256(1'000'000'000'000'000'000ULL);

eth::Address address(const char *text) { return eth::Address::fromString(QString::fromLatin1(text)).value(); }

QString nodeModules() { return qEnvironmentVariable("APEDESK_NODE_MODULES"); }

// A JSON-RPC client of a test node, with a few straight-line helpers.
struct Node
{
    AnvilNode anvil;
    std::unique_ptr<eth::JsonRpcClient> client;

    bool start(const QString &stateFile = {})
    {
        AnvilNode::Options options;
        options.chainId = 8453;
        options.loadStateFile = stateFile;
        if (!(anvil.isRunning() ? anvil.restart(options) : anvil.start(options)))
            return false;
        client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{anvil.url()});
        return true;
    }
    eth::EthRpc rpc() const { return eth::EthRpc(client.get()); }

    QByteArray code(const eth::Address &a)
    {
        eth::EthRpc api = rpc();
        auto result = eth::awaitRpc<QByteArray>(client.get(), [&](auto done) { return api.getCode(a, eth::BlockTag::latest(), done); });
        return result ? *result : QByteArray();
    }
    u256 balance(const eth::Address &a)
    {
        eth::EthRpc api = rpc();
        auto result = eth::awaitRpc<u256>(client.get(), [&](auto done) { return api.getBalance(a, eth::BlockTag::latest(), done); });
        return result ? *result : u256(0);
    }
    Result<QList<eth::abi::Value>> call(const eth::Address &to, const QString &signature, const QStringList &args)
    {
        auto sig = eth::abi::Signature::parse(signature);
        if (!sig)
            return sig.error();
        auto values = eth::abi::parseArguments(eth::abi::typesOf(sig->inputs), args);
        if (!values)
            return values.error();
        auto data = eth::abi::encodeCall(*sig, *values);
        if (!data)
            return data.error();
        eth::CallRequest request;
        request.to = to;
        request.data = *data;
        eth::EthRpc api = rpc();
        auto answer = eth::awaitRpc<QByteArray>(client.get(), [&](auto done) { return api.call(request, eth::BlockTag::latest(), done); });
        if (!answer)
            return answer.error().toError();
        return eth::abi::decode(eth::abi::typesOf(sig->outputs), *answer);
    }
    u256 usdcBalance(const eth::Address &usdc, const eth::Address &holder)
    {
        auto values = call(usdc, QStringLiteral("balanceOf(address)(uint256)"), {holder.toChecksumString()});
        return values ? values->first().uintValue : u256(0);
    }
    QByteArray storageAt(const eth::Address &contract, const u256 &slot)
    {
        auto answer = eth::awaitRpc<QJsonValue>(client.get(), [&](auto done) {
            return client->call(QStringLiteral("eth_getStorageAt"),
                                QJsonArray{contract.toLowerHex(), eth::toHexQuantity(slot), QStringLiteral("latest")}, done);
        });
        return answer ? eth::fromHex(answer->toString()).value() : QByteArray();
    }
    QByteArray dumpState()
    {
        eth::EthRpc api = rpc();
        auto dump = eth::awaitRpc<QByteArray>(client.get(), [&](auto done) { return api.anvilDumpState(done); });
        return dump ? *dump : QByteArray();
    }
    quint64 timestamp()
    {
        eth::EthRpc api = rpc();
        auto block = eth::awaitRpc<std::optional<eth::Block>>(
            client.get(), [&](auto done) { return api.getBlockByNumber(eth::BlockTag::latest(), done); });
        return block && *block ? (*block)->timestamp : 0;
    }
    // Signs with a sandbox account and waits for the receipt.
    std::optional<eth::TransactionReceipt> transact(int account, const eth::Address &to, const QByteArray &data, const u256 &value)
    {
        auto key = sandboxAccountKey(account);
        if (!key)
            return std::nullopt;
        eth::EthRpc api = rpc();
        auto nonce = eth::awaitRpc<u256>(client.get(), [&](auto done) {
            return api.getTransactionCount(key->address(), eth::BlockTag::pending(), done);
        });
        if (!nonce)
            return std::nullopt;
        eth::Transaction tx;
        tx.chainId = 8453;
        tx.nonce = *nonce;
        tx.gasLimit = 1'000'000;
        tx.to = to;
        tx.value = value;
        tx.data = data;
        tx.maxPriorityFeePerGas = 1'000'000'000;
        tx.maxFeePerGas = 10'000'000'000ULL;
        auto signedTx = eth::signTransaction(tx, *key);
        if (!signedTx)
            return std::nullopt;
        auto hash = eth::awaitRpc<eth::Hash32>(client.get(), [&](auto done) { return api.sendRawTransaction(signedTx->raw, done); });
        if (!hash)
            return std::nullopt;
        for (int i = 0; i < 200; ++i) {
            auto receipt = eth::awaitRpc<std::optional<eth::TransactionReceipt>>(
                client.get(), [&](auto done) { return api.getTransactionReceipt(*hash, done); });
            if (receipt && *receipt)
                return **receipt;
            QTest::qWait(10);
        }
        return std::nullopt;
    }
};

QByteArray encode(const QString &types, const QStringList &args)
{
    auto sig = eth::abi::Signature::parse(QString(QStringLiteral("f") + types)).value();
    const auto list = eth::abi::typesOf(sig.inputs);
    return eth::abi::encode(list, eth::abi::parseArguments(list, args).value()).value();
}

QByteArray calldata(const QString &signature, const QStringList &args)
{
    auto sig = eth::abi::Signature::parse(signature).value();
    return eth::abi::encodeCall(sig, eth::abi::parseArguments(eth::abi::typesOf(sig.inputs), args).value()).value();
}

// Writes a fake node_modules holding the given files (relative path -> content).
void writeFiles(const QString &root, const QList<QPair<QString, QByteArray>> &files)
{
    for (const auto &[relative, content] : files) {
        const QString path = QDir(root).filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
}

} // namespace

class TestSandboxDeploy : public QObject
{
    Q_OBJECT
private:
    Node m_node;
    SandboxDeployment m_deployment;
    QTemporaryDir m_cacheDir;
    QString m_cachedState;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!nodeModules().isEmpty(), "APEDESK_NODE_MODULES is set");
        QVERIFY2(m_node.start(), qPrintable(m_node.anvil.lastError()));
    }

    void deployFromScratch()
    {
        SandboxOptions options;
        options.price = QStringLiteral("3000");
        options.fundAccounts = sandboxAccounts();
        QList<int> steps;
        QStringList texts;
        SandboxDeployer deployer(m_node.client.get(), nodeModules());
        QElapsedTimer timer;
        timer.start();
        auto deployed = deployer.deploy(options, [] { return false; }, [&](int step, int total, const QString &text) {
            QCOMPARE(total, SandboxDeployer::kSteps);
            steps << step;
            texts << text;
        });
        const qint64 ms = timer.elapsed();
        QVERIFY2(deployed.ok(), deployed ? "" : qPrintable(deployed.error().toString()));
        qInfo("deployed the sandbox in %lld ms", ms);
        QVERIFY2(ms < 2000, "faster than cast's 2 s for the contracts alone");
        QCOMPARE(steps, (QList<int>{0, 1, 2, 3, 4, 5}));
        QVERIFY(!texts.contains(QString()));
        m_deployment = *deployed;

        // The doc's deterministic addresses (acct0, nonces 0..7, Permit2 etched).
        const SandboxDeployment &d = m_deployment;
        QCOMPARE(d.chainId, quint64(8453));
        QCOMPARE(d.deployer, address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        QCOMPARE(d.permit2, address("0x000000000022D473030F116dDEE9F6B43aC78BA3"));
        QCOMPARE(d.poolManager, address("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
        QCOMPARE(d.weth, address("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"));
        QCOMPARE(d.usdc, address("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"));
        QCOMPARE(d.stateView, address("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9"));
        QCOMPARE(d.quoter, address("0xdc64a140aa3e981100a9beca4e685f962f0cf6c9"));
        QCOMPARE(d.modifyLiquidityTest, address("0x5fc8d32690cc91d4c39d9d3abcbd16989f875707"));
        QCOMPARE(d.positionManager, address("0x0165878a594ca255338adfa4d48449f69242eb8f"));
        QCOMPARE(d.universalRouter, address("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"));
        QCOMPARE(d.poolId.toHex(), QStringLiteral("0xb4a3f0f5cf2f019360880c53dba9bbba93dc1b6e4657515f0da0ecff50c4e2bf"));
        QCOMPARE(d.initialPrice, QStringLiteral("3000"));
        QCOMPARE(d.rpcUrl, m_node.anvil.url().toString());
        QCOMPARE(d.fundedAccounts, sandboxAccounts());

        for (const auto &[name, contract] : d.contracts())
            QVERIFY2(m_node.code(contract).size() > 0, qPrintable(name));
        // Runtime sizes the doc measured: PoolManager 24,009 bytes, UniversalRouter 18,469, Permit2 9,152.
        QCOMPARE(m_node.code(d.poolManager).size(), 24009);
        QCOMPARE(m_node.code(d.universalRouter).size(), 18469);
        QCOMPARE(m_node.code(d.permit2).size(), 9152);
        auto symbol = m_node.call(d.usdc, QStringLiteral("symbol()(string)"), {});
        QVERIFY(symbol.ok());
        QCOMPARE(symbol->first().toQString(), QStringLiteral("USDC"));
        auto decimals = m_node.call(d.usdc, QStringLiteral("decimals()(uint8)"), {});
        QVERIFY(decimals.ok());
        QCOMPARE(decimals->first().uintValue, u256(6));
        auto routerPm = m_node.call(d.universalRouter, QStringLiteral("poolManager()(address)"), {});
        QVERIFY(routerPm.ok());
        QCOMPARE(routerPm->first().toAddress(), d.poolManager);
    }

    void poolAtTheExactPrice()
    {
        const SandboxDeployment &d = m_deployment;
        auto slot0 = m_node.call(d.stateView, QStringLiteral("getSlot0(bytes32)(uint160,int24,uint24,uint24)"), {d.poolId.toHex()});
        QVERIFY2(slot0.ok(), slot0 ? "" : qPrintable(slot0.error().toString()));
        QCOMPARE(eth::toDecimal(slot0->at(0).uintValue), QStringLiteral("4339505179874779489431521"));
        QCOMPARE(eth::toDecimal(slot0->at(1).intValue), QStringLiteral("-196257"));
        QCOMPARE(slot0->at(2).uintValue, u256(0));
        QCOMPARE(slot0->at(3).uintValue, u256(500));
        auto liquidity = m_node.call(d.stateView, QStringLiteral("getLiquidity(bytes32)(uint128)"), {d.poolId.toHex()});
        QVERIFY(liquidity.ok());
        QCOMPARE(liquidity->first().uintValue, d.liquidity);
        QVERIFY(d.tickLower < -196257 && -196257 < d.tickUpper);
    }

    void balancesExact()
    {
        const SandboxDeployment &d = m_deployment;
        const u256 usdc = u256(100'000) * 1'000'000;
        for (const eth::Address &account : sandboxAccounts()) {
            QCOMPARE(m_node.balance(account), 100 * kEther);
            QCOMPARE(m_node.usdcBalance(d.usdc, account), usdc);
            // The mock's balanceOf mapping is storage slot 3, as NetworkProfile says.
            const u256 slot = usdcBalanceSlot(account, NetworkProfile::fromSandbox(d));
            QCOMPARE(eth::fromBigEndian(m_node.storageAt(d.usdc, slot)), usdc);
        }
        // And writing that slot is what funding a sandbox account does.
        const eth::Address stranger = address("0x1111111111111111111111111111111111111111");
        eth::EthRpc api = m_node.rpc();
        auto set = eth::awaitRpc<void>(m_node.client.get(), [&](auto done) {
            return api.anvilSetStorageAt(d.usdc, usdcBalanceSlot(stranger, NetworkProfile::fromSandbox(d)), u256(12345), done);
        });
        QVERIFY(set.ok());
        QCOMPARE(m_node.usdcBalance(d.usdc, stranger), u256(12345));
    }

    void cacheStored()
    {
        const QByteArray dump = m_node.dumpState();
        QVERIFY(dump.startsWith("\x1f\x8b"));   // anvil answers gzip
        SandboxCache cache(m_cacheDir.filePath(QStringLiteral("sandbox-cache")));
        const QByteArray fingerprint = artifactsFingerprint(nodeModules());
        QCOMPARE(fingerprint.size(), 32);
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        const Status stored = cache.store(QStringLiteral("3000"), fingerprint, AnvilNode::binary(), dump, m_deployment);
        QVERIFY2(stored.ok(), stored ? "" : qPrintable(stored.error().toString()));
        auto found = cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary());
        QVERIFY(found.has_value());
        QVERIFY(found->deployment.rpcUrl.isEmpty());
        SandboxDeployment expected = m_deployment;
        expected.rpcUrl.clear();
        QVERIFY(found->deployment == expected);
        // Plain JSON, which --load-state takes.
        QFile state(found->statePath);
        QVERIFY(state.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(state.readAll()).isObject());
        m_cachedState = found->statePath;
        // Other prices, artifacts and anvils do not match.
        QVERIFY(!cache.find(QStringLiteral("3001"), fingerprint, AnvilNode::binary()).has_value());
        QVERIFY(!cache.find(QStringLiteral("3000"), QByteArray(32, 'x'), AnvilNode::binary()).has_value());
        QVERIFY(!cache.find(QStringLiteral("3000"), QByteArray(), AnvilNode::binary()).has_value());
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, QStringLiteral("/bin/true")).has_value());
        QVERIFY(cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        QVERIFY(SandboxCache::anvilVersion(AnvilNode::binary()).contains(QStringLiteral("1.7.1")));
    }

    void tenEthSwapMovesPriceLessThanOnePercent()
    {
        const SandboxDeployment &d = m_deployment;
        const QString zero = QStringLiteral("0x0000000000000000000000000000000000000000");
        const QString key = d.poolKey.toTupleString();
        const u256 amountIn = 10 * kEther;
        auto quote = m_node.call(d.quoter,
                                 QStringLiteral("quoteExactInputSingle(((address,address,uint24,int24,address),bool,uint128,bytes))"
                                                "(uint256,uint256)"),
                                 {QStringLiteral("(%1,true,%2,0x)").arg(key, eth::toDecimal(amountIn))});
        QVERIFY2(quote.ok(), quote ? "" : qPrintable(quote.error().toString()));
        const u256 expectedOut = quote->first().uintValue;
        QVERIFY(expectedOut > u256(29'000) * 1'000'000);   // ~29,970 USDC at 3000 less fee and impact

        const QByteArray params0 = encode(QStringLiteral("(((address,address,uint24,int24,address),bool,uint128,uint128,bytes))"),
                                          {QStringLiteral("(%1,true,%2,%3,0x)").arg(key, eth::toDecimal(amountIn), eth::toDecimal(expectedOut))});
        const QByteArray params1 = encode(QStringLiteral("(address,uint256)"), {zero, eth::toDecimal(amountIn)});
        const QByteArray params2 = encode(QStringLiteral("(address,uint256)"), {d.usdc.toChecksumString(), eth::toDecimal(expectedOut)});
        const QByteArray input = encode(QStringLiteral("(bytes,bytes[])"),
                                        {QStringLiteral("0x060c0f"), QStringLiteral("[%1,%2,%3]")
                                                                         .arg(eth::toHex(params0), eth::toHex(params1), eth::toHex(params2))});
        const QByteArray execute = calldata(QStringLiteral("execute(bytes,bytes[],uint256)"),
                                            {QStringLiteral("0x10"), QStringLiteral("[%1]").arg(eth::toHex(input)),
                                             QString::number(m_node.timestamp() + 600)});
        const eth::Address trader = sandboxAccounts().at(1);
        const u256 usdcBefore = m_node.usdcBalance(d.usdc, trader);
        auto receipt = m_node.transact(1, d.universalRouter, execute, amountIn);
        QVERIFY(receipt.has_value());
        QVERIFY(receipt->status);
        QCOMPARE(m_node.usdcBalance(d.usdc, trader) - usdcBefore, expectedOut);

        auto slot0 = m_node.call(d.stateView, QStringLiteral("getSlot0(bytes32)(uint160,int24,uint24,uint24)"), {d.poolId.toHex()});
        QVERIFY(slot0.ok());
        const double after = uniswap::priceFromSqrtPriceDouble(slot0->at(0).uintValue, 18, 6);
        const double move = (3000.0 - after) / 3000.0;
        qInfo("a 10 ETH sell moved the price from 3000 to %.4f (%.3f %%)", after, move * 100);
        QVERIFY(move > 0);
        QVERIFY(move < 0.01);
    }

    void loadFromCache()
    {
        QVERIFY(!m_cachedState.isEmpty());
        SandboxCache cache(m_cacheDir.filePath(QStringLiteral("sandbox-cache")));
        QElapsedTimer timer;
        timer.start();
        auto found = cache.find(QStringLiteral("3000"), artifactsFingerprint(nodeModules()), AnvilNode::binary());
        QVERIFY(found.has_value());
        QVERIFY2(m_node.start(found->statePath), qPrintable(m_node.anvil.lastError()));
        const qint64 ms = timer.elapsed();
        qInfo("sandbox from cache RPC-ready in %lld ms", ms);
        QVERIFY(ms < 1500);

        // Pristine: the swap above happened after the snapshot.
        const SandboxDeployment &d = found->deployment;
        for (const auto &[name, contract] : d.contracts())
            QVERIFY2(m_node.code(contract).size() > 0, qPrintable(name));
        auto slot0 = m_node.call(d.stateView, QStringLiteral("getSlot0(bytes32)(uint160,int24,uint24,uint24)"), {d.poolId.toHex()});
        QVERIFY(slot0.ok());
        QCOMPARE(eth::toDecimal(slot0->at(0).uintValue), QStringLiteral("4339505179874779489431521"));
        auto liquidity = m_node.call(d.stateView, QStringLiteral("getLiquidity(bytes32)(uint128)"), {d.poolId.toHex()});
        QVERIFY(liquidity.ok());
        QCOMPARE(liquidity->first().uintValue, d.liquidity);
        for (const eth::Address &account : sandboxAccounts()) {
            QCOMPARE(m_node.balance(account), 100 * kEther);
            QCOMPARE(m_node.usdcBalance(d.usdc, account), u256(100'000) * 1'000'000);
        }
    }

    void corruptCacheRejected()
    {
        const QString dir = m_cacheDir.filePath(QStringLiteral("corrupt"));
        SandboxCache cache(dir);
        const QByteArray fingerprint = artifactsFingerprint(nodeModules());
        QFile source(m_cachedState);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray plain = source.readAll();
        const auto storeAgain = [&] {
            const Status stored = cache.store(QStringLiteral("3000"), fingerprint, AnvilNode::binary(), plain, m_deployment);
            QVERIFY2(stored.ok(), stored ? "" : qPrintable(stored.error().toString()));
            QVERIFY(cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        };
        const QString key = SandboxCache::cacheKey(QStringLiteral("3000"), fingerprint, SandboxCache::anvilVersion(AnvilNode::binary()));
        const QString statePath = QDir(dir).filePath(key + QStringLiteral("/state.json"));
        const QString indexPath = QDir(dir).filePath(key + QStringLiteral("/sandbox.json"));
        const auto overwrite = [](const QString &path, const QByteArray &content) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(content);
        };

        // Plain JSON is taken as well as gzip.
        storeAgain();
        // A flipped byte in the state.
        QByteArray flipped = plain;
        flipped[flipped.size() / 2] = flipped.at(flipped.size() / 2) == 'a' ? 'b' : 'a';
        overwrite(statePath, flipped);
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        QVERIFY2(!QFile::exists(indexPath), "a damaged entry is removed, so it is rebuilt");
        // A truncated state.
        storeAgain();
        overwrite(statePath, plain.left(1000));
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        // A missing state.
        storeAgain();
        QVERIFY(QFile::remove(statePath));
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        // A garbled index, an empty one, one with a damaged deployment.
        storeAgain();
        overwrite(indexPath, "{\"format\": 1, \"price\": ");
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        storeAgain();
        overwrite(indexPath, QByteArray());
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());
        storeAgain();
        {
            QFile file(indexPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QJsonObject index = QJsonDocument::fromJson(file.readAll()).object();
            file.close();
            QJsonObject deployment = index.value(QStringLiteral("deployment")).toObject();
            deployment.insert(QStringLiteral("pool_id"), QStringLiteral("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"));
            index.insert(QStringLiteral("deployment"), deployment);
            overwrite(indexPath, QJsonDocument(index).toJson());
        }
        QVERIFY(!cache.find(QStringLiteral("3000"), fingerprint, AnvilNode::binary()).has_value());

        // What cannot be a state is not stored.
        QVERIFY(!cache.store(QStringLiteral("3000"), fingerprint, AnvilNode::binary(), "not json", m_deployment).ok());
        QVERIFY(!cache.store(QStringLiteral("3000"), fingerprint, AnvilNode::binary(), QByteArray("\x1f\x8b\x08\x00garbage", 12),
                             m_deployment).ok());
        QVERIFY(!cache.store(QStringLiteral("3000"), QByteArray(), AnvilNode::binary(), plain, m_deployment).ok());
        QVERIFY(!cache.store(QStringLiteral("2500"), fingerprint, AnvilNode::binary(), plain, m_deployment).ok());
        // And clear() empties the folder.
        storeAgain();
        QVERIFY(cache.clear().ok());
        QVERIFY(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void badPriceRefused()
    {
        Node node;
        QVERIFY2(node.start(), qPrintable(node.anvil.lastError()));
        for (const QString &price : {QStringLiteral("abc"), QStringLiteral("-5"), QStringLiteral("0"), QString()}) {
            SandboxOptions options;
            options.price = price;
            auto deployed = SandboxDeployer(node.client.get(), nodeModules()).deploy(options);
            QVERIFY(!deployed.ok());
            QVERIFY(deployed.error().kind == Error::Kind::Usage || deployed.error().kind == Error::Kind::Format);
        }
        // Nothing was sent.
        QVERIFY(node.code(SandboxDeployer::createAddress(sandboxAccounts().first(), 0)).isEmpty());
        QVERIFY(node.code(SandboxDeployer::canonicalPermit2()).isEmpty());
    }

    void missingArtifact()
    {
        QTemporaryDir empty;
        auto code = creationBytecode(empty.path(), Contract::PoolManager);
        QVERIFY(!code.ok());
        QVERIFY(code.error().detail.contains(QStringLiteral("v4-core/out/PoolManager.sol/PoolManager.json")));
        QVERIFY(artifactsFingerprint(empty.path()).isEmpty());
        QVERIFY(!permit2RuntimeCode(empty.path()).ok());

        Node node;
        QVERIFY2(node.start(), qPrintable(node.anvil.lastError()));
        auto deployed = SandboxDeployer(node.client.get(), empty.path()).deploy(SandboxOptions());
        QVERIFY(!deployed.ok());
        QVERIFY2(deployed.error().message.contains(QStringLiteral("Reading the Uniswap contracts")),
                 qPrintable(deployed.error().message));
        QVERIFY(deployed.error().detail.contains(QStringLiteral("PoolManager.json")));
        QVERIFY(node.code(SandboxDeployer::canonicalPermit2()).isEmpty());
    }

    void artifactFormats()
    {
        QTemporaryDir dir;
        const QString foundry = QStringLiteral("@uniswap/v4-core/out/PoolManager.sol/PoolManager.json");
        const QString hardhat = QStringLiteral("@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json");
        writeFiles(dir.path(), {{foundry, R"({"bytecode":{"object":"0x6001600055"}})"}, {hardhat, R"({"bytecode":"0x60016000"})"}});
        QCOMPARE(creationBytecode(dir.path(), Contract::PoolManager).value(), QByteArray::fromHex("6001600055"));
        QCOMPARE(creationBytecode(dir.path(), Contract::UniversalRouter).value(), QByteArray::fromHex("60016000"));

        const QList<QPair<QByteArray, QString>> broken{
            {R"({"bytecode":{"object":"0x"}})", QStringLiteral("empty")},
            {R"({"bytecode":""})", QStringLiteral("empty string")},
            {R"({"bytecode":{"object":"0x60__$abc$__00"}})", QStringLiteral("unlinked")},
            {R"({"abi":[]})", QStringLiteral("no bytecode")},
            {"not json", QStringLiteral("not json")},
        };
        for (const auto &[content, why] : broken) {
            writeFiles(dir.path(), {{foundry, content}});
            auto result = creationBytecode(dir.path(), Contract::PoolManager);
            QVERIFY2(!result.ok(), qPrintable(why));
            QVERIFY2(result.error().detail.contains(QStringLiteral("PoolManager.json")), qPrintable(why));
        }

        // The real packages: every bytecode non-empty, Permit2's runtime 9,152 bytes, a stable fingerprint.
        for (Contract contract : allContracts()) {
            auto real = creationBytecode(nodeModules(), contract);
            QVERIFY2(real.ok() && real->size() > 1000, qPrintable(contractName(contract)));
        }
        QCOMPARE(permit2RuntimeCode(nodeModules()).value().size(), 9152);
        QCOMPARE(artifactsFingerprint(nodeModules()), artifactsFingerprint(nodeModules()));
    }

    void fingerprintFollowsArtifacts()
    {
        // A copy of the real artifacts, then one byte of one bytecode changed.
        QTemporaryDir copy;
        for (Contract contract : allContracts()) {
            QFile file(artifactPath(nodeModules(), contract));
            QVERIFY(file.open(QIODevice::ReadOnly));
            writeFiles(copy.path(), {{QDir(nodeModules()).relativeFilePath(file.fileName()), file.readAll()}});
        }
        QFile permit2(permit2SourcePath(nodeModules()));
        QVERIFY(permit2.open(QIODevice::ReadOnly));
        writeFiles(copy.path(), {{QDir(nodeModules()).relativeFilePath(permit2.fileName()), permit2.readAll()}});
        const QByteArray original = artifactsFingerprint(copy.path());
        QCOMPARE(original, artifactsFingerprint(nodeModules()));

        const QString weth = artifactPath(copy.path(), Contract::Weth);
        QFile file(weth);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject artifact = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonObject bytecode = artifact.value(QStringLiteral("bytecode")).toObject();
        QString object = bytecode.value(QStringLiteral("object")).toString();
        object[object.size() - 1] = object.back() == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        bytecode.insert(QStringLiteral("object"), object);
        artifact.insert(QStringLiteral("bytecode"), bytecode);
        writeFiles(copy.path(), {{QDir(copy.path()).relativeFilePath(weth), QJsonDocument(artifact).toJson()}});
        const QByteArray changed = artifactsFingerprint(copy.path());
        QCOMPARE(changed.size(), 32);
        QVERIFY(changed != original);
    }

    void registryFindsLiveSandboxes()
    {
        QTemporaryDir dir;
        SandboxRegistry registry(dir.path());
        QCOMPARE(registry.directory(), QDir(dir.path()).filePath(QStringLiteral("sandboxes")));
        QProcess process;   // stands in for an anvil: only its pid and command line matter here
        process.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(process.waitForStarted());
        const quint16 port = 28999;
        const Status recorded = registry.record(port, process.processId(), m_deployment);
        QVERIFY2(recorded.ok(), recorded ? "" : qPrintable(recorded.error().toString()));

        for (const char *url : {"http://127.0.0.1:28999", "http://localhost:28999/", "http://[::1]:28999"}) {
            auto found = registry.findByRpcUrl(QUrl(QString::fromLatin1(url)));
            QVERIFY2(found.has_value(), url);
            QCOMPARE(found->deployment.poolManager, m_deployment.poolManager);
            QCOMPARE(found->deployment.rpcUrl, QStringLiteral("http://127.0.0.1:28999"));
            QCOMPARE(found->pid, process.processId());
            QVERIFY(found->owner == SandboxRecord::Owner::App);
            QCOMPARE(found->commandLine.size(), 2);
            QVERIFY(found->commandLine.first().endsWith(QStringLiteral("sleep")));
            QCOMPARE(found->commandLine, SandboxRegistry::commandLineOf(process.processId()));
        }
        QVERIFY(!registry.findByRpcUrl(QUrl(QStringLiteral("http://127.0.0.1:28998"))).has_value());
        QVERIFY(!registry.findByRpcUrl(QUrl(QStringLiteral("http://example.com:28999"))).has_value());
        QCOMPARE(registry.list().size(), 1);

        // A damaged record is dropped, never acted on.
        QFile broken(QDir(registry.directory()).filePath(QStringLiteral("sandbox-28997.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"format\": 1, \"port\": 28997, \"pid\": ");
        broken.close();
        QCOMPARE(registry.list().size(), 1);
        QVERIFY(!broken.exists());

        // A process that is gone: not recordable, and its record disappears.
        process.kill();
        process.waitForFinished();
        QVERIFY(!registry.find(port).has_value());
        QVERIFY(registry.list().isEmpty());
        QVERIFY(QDir(registry.directory()).entryList(QDir::Files).isEmpty());
        QVERIFY(!registry.record(port, process.processId(), m_deployment).ok());
    }

    void canceledBetweenSteps()
    {
        Node node;
        QVERIFY2(node.start(), qPrintable(node.anvil.lastError()));
        int lastStep = -1;
        auto deployed = SandboxDeployer(node.client.get(), nodeModules())
                            .deploy(SandboxOptions(), [&] { return lastStep >= 2; },
                                    [&](int step, int, const QString &) { lastStep = step; });
        QVERIFY(!deployed.ok());
        QCOMPARE(deployed.error().kind, Error::Kind::Canceled);
        QCOMPARE(lastStep, 2);
        // The contracts were deployed (step 2 ran); no pool transaction followed (nonces 0..7 only).
        const eth::Address deployer = sandboxAccounts().first();
        QVERIFY(!node.code(SandboxDeployer::createAddress(deployer, 0)).isEmpty());
        eth::EthRpc api = node.rpc();
        auto nonce = eth::awaitRpc<u256>(node.client.get(), [&](auto done) {
            return api.getTransactionCount(deployer, eth::BlockTag::latest(), done);
        });
        QVERIFY(nonce.ok());
        QCOMPARE(*nonce, u256(8));
    }
};

QTEST_GUILESS_MAIN(TestSandboxDeploy)
#include "test_sandbox_deploy.moc"
