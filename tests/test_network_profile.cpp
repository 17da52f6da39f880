// Network profiles and the sandbox's plain values, without a node: BASE's addresses and pool id, the
// storage slots used to fund USDC, anvil's fork command line, a profile made from a deployment, the
// deployment's JSON form (round trip and every kind of damage), anvil's default accounts, CREATE
// addresses and the liquidity plan of the sandbox pool.

#include "chain/networkprofile.h"
#include "chain/nodeprocess.h"
#include "chain/sandboxdeployer.h"
#include "chain/sandboxdeployment.h"
#include "eth/hex.h"
#include "uniswap/tickmath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace apedesk;
using namespace apedesk::chain;

namespace {

eth::Address address(const char *text) { return eth::Address::fromString(QString::fromLatin1(text)).value(); }

// The addresses sandbox-chain.md lists for a fresh anvil (acct0 nonces 0..7, Permit2 etched).
SandboxDeployment docDeployment()
{
    SandboxDeployment d;
    d.rpcUrl = QStringLiteral("http://127.0.0.1:18545");
    d.deployer = address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    d.permit2 = address("0x000000000022D473030F116dDEE9F6B43aC78BA3");
    d.poolManager = address("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    d.weth = address("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
    d.usdc = address("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
    d.stateView = address("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9");
    d.quoter = address("0xdc64a140aa3e981100a9beca4e685f962f0cf6c9");
    d.modifyLiquidityTest = address("0x5fc8d32690cc91d4c39d9d3abcbd16989f875707");
    d.positionManager = address("0x0165878a594ca255338adfa4d48449f69242eb8f");
    d.universalRouter = address("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853");
    d.poolKey = uniswap::PoolKey::make(eth::Address(), d.usdc, 500, 10).value();
    d.poolId = d.poolKey.id();
    d.initialPrice = QStringLiteral("3000");
    d.fundedAccounts = {d.deployer, address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")};
    d.tickLower = -200260;
    d.tickUpper = -192250;
    d.liquidity = eth::parseU256(u"328600000000000000").value();
    return d;
}

} // namespace

class TestNetworkProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void baseProfile()
    {
        const NetworkProfile base = NetworkProfile::base();
        QCOMPARE(base.chainId, quint64(8453));
        QCOMPARE(base.poolId.toHex(), QStringLiteral("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"));
        QCOMPARE(base.poolKey.id(), base.poolId);
        QVERIFY(base.poolKey.currency0.isZero());
        QCOMPARE(base.poolKey.currency1.toChecksumString(), QStringLiteral("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"));
        QCOMPARE(base.poolKey.fee, 500u);
        QCOMPARE(base.poolKey.tickSpacing, 10);
        QVERIFY(base.poolKey.hooks.isZero());
        QCOMPARE(base.usdc, base.poolKey.currency1);
        QCOMPARE(base.weth.toChecksumString(), QStringLiteral("0x4200000000000000000000000000000000000006"));
        QCOMPARE(base.quoter.toChecksumString(), QStringLiteral("0x0d5e0F971ED27FBfF6c2837bf31316121532048D"));
        QCOMPARE(base.permit2.toChecksumString(), QStringLiteral("0x000000000022D473030F116dDEE9F6B43aC78BA3"));
        QCOMPARE(base.poolManager.toChecksumString(), QStringLiteral("0x498581fF718922c3f8e6A244956aF099B2652b2b"));
        QCOMPARE(base.stateView.toChecksumString(), QStringLiteral("0xA3c0c9b65baD0b08107Aa264b0f3dB444b867A71"));
        QCOMPARE(base.positionManager.toChecksumString(), QStringLiteral("0x7C5f5A4bBd8fD63184577525326123B519429bDc"));
        QCOMPARE(base.universalRouter.toLowerHex(), QStringLiteral("0x6ff5693b99212da76ad316178a184ab56d299b43"));
        QVERIFY(base.routerVersion == uniswap::RouterVersion::V2_0);
        QCOMPARE(base.usdcDecimals, 6);
        QCOMPARE(base.usdcBalanceMappingSlot, 9u);
    }

    void usdcBalanceSlots()
    {
        const eth::Address holder = address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        // cast index address <holder> 9 / 3
        QCOMPARE(eth::toHex(eth::toBigEndian(usdcBalanceSlot(holder, NetworkProfile::base()))),
                 QStringLiteral("0xcb8911fb82c2d10f6cf1d31d1e521ad3f4e3f42615f6ba67c454a9a2fdb9b6a7"));
        QCOMPARE(eth::toHex(eth::toBigEndian(usdcBalanceSlot(holder, NetworkProfile::fromSandbox(docDeployment())))),
                 QStringLiteral("0xc651ee22c6951bb8b5bd29e8210fb394645a94315fe10eff2cc73de1aa75c137"));
    }

    void forkCommandLine()
    {
        NodeLaunch launch;
        launch.mode = NodeLaunch::Mode::Fork;
        launch.chainId = 8453;
        launch.forkUrl = QStringLiteral("https://base.example/v1/KEY");
        QStringList args = anvilArguments(launch, 28545);
        const auto valueOf = [&](const QString &option) {
            const int i = args.indexOf(option);
            return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
        };
        QCOMPARE(valueOf(QStringLiteral("--fork-url")), launch.forkUrl);
        QCOMPARE(valueOf(QStringLiteral("--chain-id")), QStringLiteral("8453"));
        QCOMPARE(valueOf(QStringLiteral("--host")), QStringLiteral("127.0.0.1"));
        QCOMPARE(valueOf(QStringLiteral("--port")), QStringLiteral("28545"));
        QVERIFY(!args.contains(QStringLiteral("--fork-block-number")));   // 0: latest
        QVERIFY(!args.contains(QStringLiteral("--load-state")));

        launch.forkBlockNumber = 25350999;
        launch.loadStatePath = QStringLiteral("/tmp/ignored-in-fork-mode.json");
        args = anvilArguments(launch, 28545);
        QCOMPARE(valueOf(QStringLiteral("--fork-block-number")), QStringLiteral("25350999"));
        QVERIFY(!args.contains(QStringLiteral("--load-state")));
        QCOMPARE(args.count(QStringLiteral("--fork-url")), 1);

        NodeLaunch sandbox;
        sandbox.loadStatePath = QStringLiteral("/tmp/state.json");
        args = anvilArguments(sandbox, 28546);
        QCOMPARE(valueOf(QStringLiteral("--load-state")), sandbox.loadStatePath);
        QVERIFY(!args.contains(QStringLiteral("--fork-url")));
        QCOMPARE(valueOf(QStringLiteral("--chain-id")), QStringLiteral("8453"));
    }

    void sandboxProfile()
    {
        const SandboxDeployment d = docDeployment();
        const NetworkProfile profile = NetworkProfile::fromSandbox(d);
        QCOMPARE(profile.chainId, quint64(8453));
        QCOMPARE(profile.poolManager, d.poolManager);
        QCOMPARE(profile.stateView, d.stateView);
        QCOMPARE(profile.quoter, d.quoter);
        QCOMPARE(profile.positionManager, d.positionManager);
        QCOMPARE(profile.universalRouter, d.universalRouter);
        QCOMPARE(profile.permit2, d.permit2);
        QCOMPARE(profile.usdc, d.usdc);
        QCOMPARE(profile.weth, d.weth);
        QVERIFY(profile.poolKey == d.poolKey);
        // The doc's pool id for this USDC address.
        QCOMPARE(profile.poolId.toHex(), QStringLiteral("0xb4a3f0f5cf2f019360880c53dba9bbba93dc1b6e4657515f0da0ecff50c4e2bf"));
        QVERIFY(profile.routerVersion == uniswap::RouterVersion::V2_1);
        QCOMPARE(profile.usdcBalanceMappingSlot, 3u);
        QCOMPARE(profile.usdcDecimals, 6);
    }

    void deploymentJsonRoundTrip()
    {
        const SandboxDeployment d = docDeployment();
        const QJsonObject json = d.toJson();
        // Through text, as the cache and the registry store it.
        const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
        auto back = SandboxDeployment::fromJson(reread);
        QVERIFY2(back.ok(), back ? "" : qPrintable(back.error().toString()));
        QVERIFY(*back == d);
        QCOMPARE(back->poolManager, d.poolManager);
        QCOMPARE(back->fundedAccounts, d.fundedAccounts);
        QCOMPARE(back->liquidity, d.liquidity);
        QCOMPARE(back->tickLower, d.tickLower);
        QCOMPARE(back->initialPrice, QStringLiteral("3000"));

        const auto contracts = d.contracts();
        QCOMPARE(contracts.size(), 9);
        QStringList names;
        for (const auto &entry : contracts)
            names << entry.first;
        QCOMPARE(names, (QStringList{QStringLiteral("PoolManager"), QStringLiteral("Permit2"), QStringLiteral("WETH"),
                                     QStringLiteral("USDC"), QStringLiteral("StateView"), QStringLiteral("V4Quoter"),
                                     QStringLiteral("PoolModifyLiquidityTest"), QStringLiteral("PositionManager"),
                                     QStringLiteral("UniversalRouter")}));
        QCOMPARE(json.value(QStringLiteral("contracts")).toObject().value(QStringLiteral("V4Quoter")).toString(),
                 d.quoter.toChecksumString());
    }

    void deploymentJsonRejected_data()
    {
        QTest::addColumn<QString>("path");   // "a.b" or "a"
        QTest::addColumn<QJsonValue>("value");   // undefined: remove the field

        QTest::newRow("no format") << "format" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("other format") << "format" << QJsonValue(2);
        QTest::newRow("chain id text") << "chain_id" << QJsonValue(QStringLiteral("8453"));
        QTest::newRow("chain id fraction") << "chain_id" << QJsonValue(8453.5);
        QTest::newRow("no deployer") << "deployer" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("bad checksum") << "contracts.PoolManager"
                                      << QJsonValue(QStringLiteral("0x5fbDB2315678afecb367f032d93F642f64180aa3"));
        QTest::newRow("short address") << "contracts.USDC" << QJsonValue(QStringLiteral("0x9fe46736"));
        QTest::newRow("missing router") << "contracts.UniversalRouter" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("zero quoter") << "contracts.V4Quoter"
                                     << QJsonValue(QStringLiteral("0x0000000000000000000000000000000000000000"));
        QTest::newRow("contracts not object") << "contracts" << QJsonValue(QJsonArray());
        QTest::newRow("pool id of another key") << "pool_id"
                                                << QJsonValue(QStringLiteral("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"));
        QTest::newRow("pool id not hex") << "pool_id" << QJsonValue(QStringLiteral("0xzz"));
        QTest::newRow("fee changed") << "pool_key.fee" << QJsonValue(3000);
        QTest::newRow("spacing zero") << "pool_key.tick_spacing" << QJsonValue(0);
        QTest::newRow("currency0 not ETH") << "pool_key.currency0"
                                           << QJsonValue(QStringLiteral("0x0000000000000000000000000000000000000001"));
        QTest::newRow("negative price") << "initial_price" << QJsonValue(QStringLiteral("-3000"));
        QTest::newRow("zero price") << "initial_price" << QJsonValue(QStringLiteral("0.000"));
        QTest::newRow("price number") << "initial_price" << QJsonValue(3000);
        QTest::newRow("funded not array") << "funded_accounts" << QJsonValue(QStringLiteral("0xf39F"));
        QTest::newRow("funded bad entry") << "funded_accounts" << QJsonValue(QJsonArray{QStringLiteral("nope")});
        QTest::newRow("liquidity number") << "position.liquidity" << QJsonValue(1e17);
        QTest::newRow("ticks reversed") << "position.tick_lower" << QJsonValue(-100);
    }

    void deploymentJsonRejected()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QJsonObject json = docDeployment().toJson();
        const QStringList parts = path.split(QLatin1Char('.'));
        if (parts.size() == 1) {
            if (value.isUndefined())
                json.remove(parts.first());
            else
                json.insert(parts.first(), value);
        } else {
            QJsonObject inner = json.value(parts.first()).toObject();
            if (value.isUndefined())
                inner.remove(parts.last());
            else
                inner.insert(parts.last(), value);
            json.insert(parts.first(), inner);
        }
        auto parsed = SandboxDeployment::fromJson(json);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, Error::Kind::Format);
        QVERIFY(!parsed.error().message.isEmpty());
        QVERIFY(!parsed.error().detail.isEmpty());
    }

    void deploymentJsonNotAnObject()
    {
        QVERIFY(!SandboxDeployment::fromJson(QJsonObject()).ok());
        QVERIFY(!SandboxDeployment::fromJson(QJsonDocument::fromJson("[1,2]").object()).ok());
    }

    void sandboxAccountsAndKeys()
    {
        const QList<eth::Address> accounts = sandboxAccounts();
        QCOMPARE(accounts.size(), 10);
        const char *expected[] = {"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                                  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
                                  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
                                  "0x976EA74026E726554dB657fA54763abd0C3a0aa9", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
                                  "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"};
        for (int i = 0; i < 10; ++i)
            QCOMPARE(accounts.at(i).toChecksumString(), QString::fromLatin1(expected[i]));

        auto key0 = sandboxAccountKey(0);
        QVERIFY(key0.ok());
        QCOMPARE(eth::toHex(key0->secret().bytes()),
                 QStringLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        auto key1 = sandboxAccountKey(1);
        QVERIFY(key1.ok());
        QCOMPARE(eth::toHex(key1->secret().bytes()),
                 QStringLiteral("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
        auto key9 = sandboxAccountKey(9);
        QVERIFY(key9.ok());
        QCOMPARE(key9->address(), accounts.at(9));
        QVERIFY(!sandboxAccountKey(10).ok());
        QVERIFY(!sandboxAccountKey(-1).ok());
    }

    void createAddresses()
    {
        const eth::Address deployer = sandboxAccounts().first();
        const SandboxDeployment d = docDeployment();
        const QList<eth::Address> expected{d.poolManager, d.weth, d.usdc, d.stateView,
                                           d.quoter, d.modifyLiquidityTest, d.positionManager, d.universalRouter};
        for (int nonce = 0; nonce < expected.size(); ++nonce)
            QCOMPARE(SandboxDeployer::createAddress(deployer, quint64(nonce)), expected.at(nonce));
        QCOMPARE(SandboxDeployer::canonicalPermit2(), d.permit2);
    }

    void liquidityPlan()
    {
        auto plan = SandboxDeployer::planLiquidity(QStringLiteral("3000"));
        QVERIFY(plan.ok());
        QCOMPARE(eth::toDecimal(plan->sqrtPriceX96), QStringLiteral("4339505179874779489431521"));
        QCOMPARE(plan->tick, -196257);
        QCOMPARE(plan->tickLower % 10, 0);
        QCOMPARE(plan->tickUpper % 10, 0);
        QVERIFY(plan->tickLower <= plan->tick && plan->tick < plan->tickUpper);
        // At least as wide as the doc's -200320..-192200 minus a little, centred on the tick.
        QVERIFY(plan->tick - plan->tickLower >= 3990 && plan->tickUpper - plan->tick >= 3990);
        // Deep: over ten times the doc's 3e16, and about 1,100 ETH on the ETH side.
        QVERIFY(plan->liquidity > eth::u256(300'000'000'000'000'000ULL));
        const eth::u256 ether(1'000'000'000'000'000'000ULL);
        QVERIFY(plan->amount0 > 900 * ether && plan->amount0 < 1300 * ether);
        QVERIFY(plan->amount1 > eth::u256(2'000'000) * 1'000'000 && plan->amount1 < eth::u256(5'000'000) * 1'000'000);

        // Another price: same ETH side, the tick where the price is.
        auto cheap = SandboxDeployer::planLiquidity(QStringLiteral("2456.75"));
        QVERIFY(cheap.ok());
        QVERIFY(cheap->tick < plan->tick);
        QVERIFY(cheap->amount0 > 900 * ether && cheap->amount0 < 1300 * ether);
    }

    void badPricesRefused_data()
    {
        QTest::addColumn<QString>("price");
        for (const char *price : {"", " ", "-3000", "abc", "1e3", "3,000", "3000.", ".5", "0", "0.000", "0x10", "3000 USDC",
                                  "1000000000000000000000000000000000000000000000000"})
            QTest::newRow(price) << QString::fromLatin1(price);
    }

    void badPricesRefused()
    {
        QFETCH(QString, price);
        auto plan = SandboxDeployer::planLiquidity(price);
        QVERIFY(!plan.ok());
        QVERIFY(!plan.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNetworkProfile)
#include "test_network_profile.moc"
