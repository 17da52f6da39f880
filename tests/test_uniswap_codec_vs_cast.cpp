// The Uniswap V4 codec against Foundry's cast 1.7.1 and the npm packages' ABIs: every calldata the
// swap path sends (V4_SWAP input, execute with SWEEP, Permit2 and ERC-20 calls, StateView and V4Quoter
// reads, the router's constructor arguments) byte for byte with `cast abi-encode` / `cast calldata`,
// the Swap event from data cast encoded, amounts with `cast parse-units` / `format-units`, and each
// error of uniswapErrors() with `cast sig` and with the contracts' own ABI JSON (names included).

#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/units.h"
#include "uniswap/permit2.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swaperrors.h"
#include "uniswap/swapevent.h"
#include "uniswap/universalrouter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace apedesk;
using namespace apedesk::uniswap;
using eth::Address;
using eth::Hash32;
using eth::i256;
using eth::u256;

namespace {

Address addr(const char *text) { return *Address::fromString(QString::fromLatin1(text)); }
Hash32 hash(const char *text) { return *Hash32::fromString(QString::fromLatin1(text)); }
QString hexText(const QByteArray &bytes) { return eth::toHex(bytes); }
QString dec(const u256 &value) { return eth::toDecimal(value); }
QString a(const Address &address) { return address.toLowerHex(); }

const char *const kExactInSingleSig = "f(((address,address,uint24,int24,address),bool,uint128,uint128,bytes))";

QString keyTuple(const PoolKey &key)
{
    return QStringLiteral("(%1,%2,%3,%4,%5)")
        .arg(a(key.currency0), a(key.currency1))
        .arg(key.fee)
        .arg(key.tickSpacing)
        .arg(a(key.hooks));
}

} // namespace

class TestUniswapCodecVsCast : public QObject
{
    Q_OBJECT

    QString m_cast = qEnvironmentVariable("APEDESK_CAST");
    QString m_modules = qEnvironmentVariable("APEDESK_NODE_MODULES");

    // cast's trimmed stdout; a failure to run or a non-zero exit fails the calling test.
    QString cast(const QStringList &args)
    {
        QProcess process;
        process.start(m_cast, args);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning("cast %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                     process.readAllStandardError().constData());
            return QStringLiteral("<cast failed>");
        }
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

    // The V4_SWAP input as cast builds it, from the same fields.
    QString castV4Input(const ExactInSingle &swap)
    {
        const Address &in = swap.zeroForOne ? swap.key.currency0 : swap.key.currency1;
        const Address &out = swap.zeroForOne ? swap.key.currency1 : swap.key.currency0;
        const QString p0 = cast({QStringLiteral("abi-encode"), QString::fromLatin1(kExactInSingleSig),
                                 QStringLiteral("(%1,%2,%3,%4,%5)")
                                     .arg(keyTuple(swap.key), swap.zeroForOne ? QStringLiteral("true") : QStringLiteral("false"),
                                          dec(swap.amountIn), dec(swap.amountOutMinimum), hexText(swap.hookData))});
        const QString p1 = cast({QStringLiteral("abi-encode"), QStringLiteral("f(address,uint256)"), a(in), dec(swap.amountIn)});
        const QString p2 =
            cast({QStringLiteral("abi-encode"), QStringLiteral("f(address,uint256)"), a(out), dec(swap.amountOutMinimum)});
        return cast({QStringLiteral("abi-encode"), QStringLiteral("f(bytes,bytes[])"), QStringLiteral("0x060c0f"),
                     QStringLiteral("[%1,%2,%3]").arg(p0, p1, p2)});
    }

    QList<ExactInSingle> swaps()
    {
        const Address usdc = addr("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
        const PoolKey sandbox = *PoolKey::make(Address(), usdc, 500, 10);
        const PoolKey base = *PoolKey::make(Address(), addr("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"), 500, 10);
        PoolKey odd;   // two tokens, a hook, the widest fee and a negative spacing: every field's encoding
        odd.currency0 = addr("0x1111111111111111111111111111111111111111");
        odd.currency1 = addr("0xffffffffffffffffffffffffffffffffffffffff");
        odd.fee = 0xffffff;
        odd.tickSpacing = -(1 << 23);
        odd.hooks = addr("0x00000000000000000000000000000000000020c0");
        const u256 max128 = eth::maxUnsigned(128);
        return {
            {sandbox, true, u256("100000000000000000"), u256(298309922), {}},                 // swap 1
            {sandbox, false, u256(300000000), u256("99464859114597545"), {}},                // swap 2
            {base, true, u256(1), u256(1), QByteArray::fromHex("00ff")},
            {odd, false, max128, max128, QByteArray(33, '\x5a')},
            {odd, true, u256(12345), u256(1), QByteArray(64, '\x01')},
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(m_cast))
            QSKIP("cast is not installed (APEDESK_CAST); run tools/apedesk-dev.sh deps");
        QProcess version;
        version.start(m_cast, {QStringLiteral("--version")});
        QVERIFY(version.waitForFinished(30000));
        QVERIFY2(version.readAllStandardOutput().contains("1.7.1"), "these comparisons are pinned to cast 1.7.1");
    }

    void v4SwapInputs()
    {
        for (const ExactInSingle &swap : swaps()) {
            for (RouterVersion version : {RouterVersion::V2_0, RouterVersion::V2_1}) {
                const auto ours = encodeV4SwapExactInSingle(swap, version);
                QVERIFY(ours.ok());
                QCOMPARE(hexText(*ours), castV4Input(swap));
            }
        }
        // The sandbox recipe's one-liner for params[0] has 352 bytes.
        const QString p0 = cast({QStringLiteral("abi-encode"), QString::fromLatin1(kExactInSingleSig),
                                 QStringLiteral("((0x0000000000000000000000000000000000000000,"
                                                "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0,500,10,"
                                                "0x0000000000000000000000000000000000000000),true,100000000000000000,"
                                                "298309922,0x)")});
        QCOMPARE(p0.size(), 2 + 2 * 352);
        QVERIFY(castV4Input(swaps().first()).contains(p0.mid(2)));
    }

    void executeCalls()
    {
        const quint64 deadline = 1767225600;
        const QString sweep = cast({QStringLiteral("abi-encode"), QStringLiteral("f(address,address,uint256)"),
                                    a(Address()), a(msgSenderSentinel()), QStringLiteral("0")});
        QCOMPARE(hexText(encodeSweep(Address(), msgSenderSentinel(), 0)), sweep);
        QCOMPARE(hexText(encodeSweep(addr("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"), msgSenderSentinel(), 77)),
                 cast({QStringLiteral("abi-encode"), QStringLiteral("f(address,address,uint256)"),
                       QStringLiteral("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"), a(msgSenderSentinel()),
                       QStringLiteral("77")}));
        for (const ExactInSingle &swap : swaps()) {
            const auto call = encodeSwapExactInSingleCall(swap, RouterVersion::V2_1, deadline);
            QVERIFY(call.ok());
            const bool ethIn = (swap.zeroForOne ? swap.key.currency0 : swap.key.currency1).isZero();
            const QString input = castV4Input(swap);
            const QString expected =
                cast({QStringLiteral("calldata"), QStringLiteral("execute(bytes,bytes[],uint256)"),
                      ethIn ? QStringLiteral("0x1004") : QStringLiteral("0x10"),
                      ethIn ? QStringLiteral("[%1,%2]").arg(input, sweep) : QStringLiteral("[%1]").arg(input),
                      QString::number(deadline)});
            QCOMPARE(hexText(call->calldata), expected);
            QCOMPARE(call->value, ethIn ? swap.amountIn : u256(0));
        }
        QCOMPARE(cast({QStringLiteral("sig"), QStringLiteral("execute(bytes,bytes[],uint256)")}), QStringLiteral("0x3593564c"));
        QCOMPARE(hexText(encodeExecute({}, {}, eth::maxUnsigned(256))),
                 cast({QStringLiteral("calldata"), QStringLiteral("execute(bytes,bytes[],uint256)"), QStringLiteral("0x"),
                       QStringLiteral("[]"), dec(eth::maxUnsigned(256))}));
    }

    void tokenAndPermit2Calls()
    {
        const Address owner = addr("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        const Address usdc = addr("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
        const Address router = addr("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853");
        const QString calldata = QStringLiteral("calldata");
        QCOMPARE(hexText(encodeErc20Approve(permit2Address(), eth::maxUnsigned(256))),
                 cast({calldata, QStringLiteral("approve(address,uint256)"), a(permit2Address()), dec(eth::maxUnsigned(256))}));
        QCOMPARE(hexText(encodeErc20Allowance(owner, permit2Address())),
                 cast({calldata, QStringLiteral("allowance(address,address)"), a(owner), a(permit2Address())}));
        QCOMPARE(hexText(encodeErc20BalanceOf(owner)), cast({calldata, QStringLiteral("balanceOf(address)"), a(owner)}));
        const quint64 maxUint48 = (quint64(1) << 48) - 1;
        for (quint64 expiration : {quint64(0), quint64(1767225600), maxUint48}) {
            QCOMPARE(hexText(encodePermit2Approve(usdc, router, eth::maxUnsigned(160), expiration)),
                     cast({calldata, QStringLiteral("approve(address,address,uint160,uint48)"), a(usdc), a(router),
                           dec(eth::maxUnsigned(160)), QString::number(expiration)}));
        }
        QCOMPARE(hexText(encodePermit2Allowance(owner, usdc, router)),
                 cast({calldata, QStringLiteral("allowance(address,address,address)"), a(owner), a(usdc), a(router)}));

        // Permit2's allowance answer as cast encodes it decodes to the same numbers.
        const QString answer = cast({QStringLiteral("abi-encode"), QStringLiteral("f(uint160,uint48,uint48)"),
                                     dec(eth::maxUnsigned(160)), QString::number(maxUint48), QStringLiteral("7")});
        const auto allowance = decodePermit2Allowance(*eth::fromHex(answer));
        QVERIFY(allowance.ok());
        QCOMPARE(allowance->amount, eth::maxUnsigned(160));
        QCOMPARE(allowance->expiration, maxUint48);
        QCOMPARE(allowance->nonce, quint64(7));
    }

    void poolReads()
    {
        const Hash32 poolId = hash("0xb4a3f0f5cf2f019360880c53dba9bbba93dc1b6e4657515f0da0ecff50c4e2bf");
        QCOMPARE(hexText(encodeGetSlot0(poolId)), cast({QStringLiteral("calldata"), QStringLiteral("getSlot0(bytes32)"), poolId.toHex()}));
        QCOMPARE(hexText(encodeGetLiquidity(poolId)),
                 cast({QStringLiteral("calldata"), QStringLiteral("getLiquidity(bytes32)"), poolId.toHex()}));
        for (const ExactInSingle &swap : swaps()) {
            QCOMPARE(hexText(encodeQuoteExactInputSingle(swap.key, swap.zeroForOne, swap.amountIn, swap.hookData)),
                     cast({QStringLiteral("calldata"),
                           QStringLiteral("quoteExactInputSingle(((address,address,uint24,int24,address),bool,uint128,bytes))"),
                           QStringLiteral("(%1,%2,%3,%4)")
                               .arg(keyTuple(swap.key), swap.zeroForOne ? QStringLiteral("true") : QStringLiteral("false"),
                                    dec(swap.amountIn), hexText(swap.hookData))}));
        }
        const QString slot0 = cast({QStringLiteral("abi-encode"), QStringLiteral("f(uint160,int24,uint24,uint24)"),
                                    QStringLiteral("4338911347034785443183100"), QStringLiteral("-196260"),
                                    QStringLiteral("0"), QStringLiteral("500")});
        const auto decoded = decodeSlot0(*eth::fromHex(slot0));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->tick, -196260);
        QCOMPARE(decoded->sqrtPriceX96, u256("4338911347034785443183100"));
        QCOMPARE(decoded->lpFee, quint32(500));
    }

    void routerParameters()
    {
        RouterParameters p;
        p.permit2 = permit2Address();
        p.weth9 = addr("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
        p.v2Factory = addr("0x8909dc15e40173ff4699343b6eb8132c65e18ec6");
        p.v3Factory = addr("0x33128a8fc17869897dce68ed026d694621f6fdfd");
        p.pairInitCodeHash = hash("0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f");
        p.poolInitCodeHash = hash("0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54");
        p.v4PoolManager = addr("0x498581fF718922c3f8e6A244956aF099B2652b2b");
        p.v3NFTPositionManager = addr("0x03a520b32c04bf3beef7beb72e919cf822ed34f1");
        p.v4PositionManager = addr("0x7C5f5A4bBd8fD63184577525326123B519429bDc");
        const QString nine = QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9")
                                 .arg(a(p.permit2), a(p.weth9), a(p.v2Factory), a(p.v3Factory), p.pairInitCodeHash.toHex(),
                                      p.poolInitCodeHash.toHex(), a(p.v4PoolManager), a(p.v3NFTPositionManager),
                                      a(p.v4PositionManager));
        QCOMPARE(hexText(*encodeRouterParameters(RouterVersion::V2_0, p)),
                 cast({QStringLiteral("abi-encode"),
                       QStringLiteral("f((address,address,address,address,bytes32,bytes32,address,address,address))"),
                       QStringLiteral("(%1)").arg(nine)}));
        p.spokePool = addr("0x09aea4b2242abc8bb4bb78d537a67a245a7bec64");
        QCOMPARE(hexText(*encodeRouterParameters(RouterVersion::V2_1, p)),
                 cast({QStringLiteral("abi-encode"),
                       QStringLiteral("f((address,address,address,address,bytes32,bytes32,address,address,address,address))"),
                       QStringLiteral("(%1,%2)").arg(nine, a(p.spokePool))}));
    }

    void swapEvent()
    {
        QCOMPARE(swapEventTopic().toHex(),
                 cast({QStringLiteral("keccak"), QStringLiteral("Swap(bytes32,address,int128,int128,uint160,uint128,int24,uint24)")}));
        struct Case { const char *amount0, *amount1, *sqrt, *liquidity; int tick; quint32 fee; };
        const Case cases[] = {
            {"-100000000000000000", "299808967", "4338911347034785443183100", "40000000000000000", -196260, 500},
            {"99963677502108086", "-300000000", "4339505179874779489431521", "40000000000000000", -196257, 500},
            {"-170141183460469231731687303715884105728", "170141183460469231731687303715884105727",
             "1461446703485210103287273052203988822378723970341", "340282366920938463463374607431768211455", 887271, 0xffffff},
            {"0", "-1", "4295128739", "0", -887272, 0},
        };
        for (const Case &c : cases) {
            const QString data = cast({QStringLiteral("abi-encode"), QStringLiteral("f(int128,int128,uint160,uint128,int24,uint24)"),
                                       QString::fromLatin1(c.amount0), QString::fromLatin1(c.amount1), QString::fromLatin1(c.sqrt),
                                       QString::fromLatin1(c.liquidity), QString::number(c.tick), QString::number(c.fee)});
            eth::Log log;
            log.address = addr("0x5fbdb2315678afecb367f032d93f642f64180aa3");
            log.topics = {swapEventTopic(), hash("0xb4a3f0f5cf2f019360880c53dba9bbba93dc1b6e4657515f0da0ecff50c4e2bf"),
                          hash("0x000000000000000000000000a513e6e4b8f2a923d98304ec87f64353c4d5c853")};
            log.data = *eth::fromHex(data);
            const auto event = decodeSwapEvent(log);
            QVERIFY2(event.ok(), c.amount0);
            QCOMPARE(eth::toDecimal(event->amount0), QString::fromLatin1(c.amount0));
            QCOMPARE(eth::toDecimal(event->amount1), QString::fromLatin1(c.amount1));
            QCOMPARE(eth::toDecimal(event->sqrtPriceX96), QString::fromLatin1(c.sqrt));
            QCOMPARE(eth::toDecimal(event->liquidity), QString::fromLatin1(c.liquidity));
            QCOMPARE(event->tick, c.tick);
            QCOMPARE(event->fee, c.fee);
            QCOMPARE(event->sender, addr("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"));
        }
    }

    void units()
    {
        struct Case { const char *text; int decimals; };
        for (const Case &c : {Case{"0.1", 18}, Case{"299.808967", 6}, Case{"1", 0}, Case{"12345678901234567890.123456789", 18},
                              Case{".5", 6}, Case{"0.000000000000000001", 18}, Case{"3000", 6}}) {
            const auto ours = eth::parseUnits(QString::fromLatin1(c.text), c.decimals);
            QVERIFY2(ours.ok(), c.text);
            QCOMPARE(eth::toDecimal(*ours),
                     cast({QStringLiteral("parse-units"), QString::fromLatin1(c.text), QString::number(c.decimals)}));
            // cast pads the fraction with zeros; ours trims them.
            QString castText = cast({QStringLiteral("format-units"), eth::toDecimal(*ours), QString::number(c.decimals)});
            if (castText.contains(QLatin1Char('.'))) {
                while (castText.endsWith(QLatin1Char('0')))
                    castText.chop(1);
                if (castText.endsWith(QLatin1Char('.')))
                    castText.chop(1);
            }
            QCOMPARE(eth::formatUnits(*ours, c.decimals), castText);
        }
    }

    // Each error's selector agrees with cast, and its name, types and argument names with an ABI
    // from the packages the sandbox deploys (UR 2.1.0, v4-core 1.0.2, v4-periphery 1.0.3 incl. Permit2).
    void errorsMatchCastAndTheAbis()
    {
        if (!QDir(m_modules).exists())
            QSKIP("the npm packages are not installed (APEDESK_NODE_MODULES)");
        const QStringList files{
            QStringLiteral("@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json"),
            QStringLiteral("@uniswap/v4-core/out/PoolManager.sol/PoolManager.json"),
            QStringLiteral("@uniswap/v4-core/out/Pool.sol/Pool.json"),
            QStringLiteral("@uniswap/v4-core/out/SqrtPriceMath.sol/SqrtPriceMath.json"),
            QStringLiteral("@uniswap/v4-core/out/CustomRevert.sol/CustomRevert.json"),
            QStringLiteral("@uniswap/v4-core/out/Currency.sol/CurrencyLibrary.json"),
            QStringLiteral("@uniswap/v4-periphery/foundry-out/V4Quoter.sol/V4Quoter.json"),
            QStringLiteral("@uniswap/v4-periphery/foundry-out/IAllowanceTransfer.sol/IAllowanceTransfer.default.json"),
        };
        QList<eth::abi::CustomError> known;
        for (const QString &file : files) {
            auto abi = eth::abi::Interface::fromFile(m_modules + QLatin1Char('/') + file);
            QVERIFY2(abi.ok(), qPrintable(file));
            known += abi->errors();
        }
        const auto &registry = uniswapErrors();
        QCOMPARE(registry.size(), uniswapErrorSignatures().size());   // no two share a selector
        for (const QString &text : uniswapErrorSignatures()) {
            const auto signature = eth::abi::Signature::parse(text);
            QVERIFY2(signature.ok(), qPrintable(text));
            const eth::abi::CustomError ours{signature->name, signature->inputs};
            QCOMPARE(cast({QStringLiteral("sig"), ours.canonical()}), hexText(ours.selector()));
            const eth::abi::CustomError *inRegistry = registry.find(ours.selector());
            QVERIFY2(inRegistry && inRegistry->canonical() == ours.canonical(), qPrintable(text));
            bool found = false;
            for (const auto &theirs : known) {
                if (theirs.canonical() != ours.canonical())
                    continue;
                QStringList ourNames, theirNames;
                for (const auto &param : ours.inputs)
                    ourNames.append(param.name);
                for (const auto &param : theirs.inputs)
                    theirNames.append(param.name);
                QCOMPARE(ourNames, theirNames);
                found = true;
            }
            QVERIFY2(found, qPrintable(text + QStringLiteral(" is in none of the ABIs")));
        }
    }
};

QTEST_GUILESS_MAIN(TestUniswapCodecVsCast)
#include "test_uniswap_codec_vs_cast.moc"
