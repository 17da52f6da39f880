// The Uniswap V4 codec, byte for byte, without any tool: the expected calldata is assembled here word
// by word from the ABI rules (not with eth::abi), and the values are the sandbox recipe's measured
// ones (swap 1: 0.1 ETH -> 299.808967 USDC, its Swap log, the sandbox pool id). Every refusal the
// tutorial lacked is tested too: minimum out 0, no deadline, amounts over uint128, a pool without a
// price, malformed answers and logs. test_uniswap_codec_vs_cast compares the same encoders with cast.

#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/keccak.h"
#include "eth/units.h"
#include "uniswap/permit2.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swaperrors.h"
#include "uniswap/swapevent.h"
#include "uniswap/swapmath.h"
#include "uniswap/tickmath.h"
#include "uniswap/universalrouter.h"

#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::uniswap;
using eth::Address;
using eth::Hash32;
using eth::i256;
using eth::u256;

namespace {

Address addr(const char *text) { return *Address::fromString(QString::fromLatin1(text)); }
Hash32 hash(const char *text) { return *Hash32::fromString(QString::fromLatin1(text)); }
QByteArray hex(const char *text) { return *eth::fromHex(QString::fromLatin1(text)); }

// One 32-byte word of each kind.
QByteArray w(const u256 &value) { return eth::toBigEndian(value); }
QByteArray wi(qint64 value) { return eth::toBigEndian(eth::toTwosComplement(i256(value))); }
QByteArray wa(const Address &a) { return QByteArray(12, '\0') + a.bytes(); }
QByteArray padded(const QByteArray &bytes)
{
    return bytes + QByteArray((32 - bytes.size() % 32) % 32, '\0');
}
// The tail of a `bytes` value: its length, then the bytes padded to whole words.
QByteArray tail(const QByteArray &bytes) { return w(bytes.size()) + padded(bytes); }
// abi.encode(bytes[] items) without the outer offset: length, offsets, tails.
QByteArray bytesArray(const QList<QByteArray> &items)
{
    QByteArray out = w(items.size());
    qint64 offset = 32 * items.size();
    QByteArray tails;
    for (const QByteArray &item : items) {
        out += w(offset);
        const QByteArray t = tail(item);
        offset += t.size();
        tails += t;
    }
    return out + tails;
}

const u256 kE17("100000000000000000");
const u256 kQuote1(299808967);
const u256 kMin1(298309922);   // floor(299808967 · 0.995)

Address sandboxUsdc() { return addr("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"); }
Address sandboxRouter() { return addr("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"); }
Address sandboxPoolManager() { return addr("0x5fbdb2315678afecb367f032d93f642f64180aa3"); }
PoolKey sandboxKey() { return *PoolKey::make(Address(), sandboxUsdc(), 500, 10); }
Hash32 sandboxPoolId() { return hash("0xb4a3f0f5cf2f019360880c53dba9bbba93dc1b6e4657515f0da0ecff50c4e2bf"); }

// abi.encode(ExactInputSingleParams) for the sandbox pool with empty hookData: 11 words, 352 bytes.
QByteArray exactInSingleParams(bool zeroForOne, const u256 &amountIn, const u256 &minOut)
{
    return w(0x20) + wa(Address()) + wa(sandboxUsdc()) + w(500) + wi(10) + wa(Address()) + w(zeroForOne ? 1 : 0) + w(amountIn)
         + w(minOut) + w(0x120) + w(0);
}

QByteArray v4Input(const QList<QByteArray> &params)
{
    // Canonical: word 0 points right after the two head words.
    const QByteArray actions = hex("060c0f");
    return w(0x40) + w(0x40 + tail(actions).size()) + tail(actions) + bytesArray(params);
}

QByteArray executeCalldata(const QByteArray &commands, const QList<QByteArray> &inputs, const u256 &deadline)
{
    const QByteArray commandsTail = tail(commands);
    return hex("3593564c") + w(0x60) + w(0x60 + commandsTail.size()) + w(deadline) + commandsTail
         + bytesArray(inputs);
}

QByteArray revertWith(const char *signature, const QByteArray &args) { return eth::abi::selectorOf(QString::fromLatin1(signature)) + args; }

// ExecutionFailed(uint256 commandIndex, bytes message) around an inner revert.
QByteArray executionFailed(int index, const QByteArray &inner)
{
    return revertWith("ExecutionFailed(uint256,bytes)", w(index) + w(0x40) + tail(inner));
}

eth::Log swapLog(const QByteArray &data)
{
    eth::Log log;
    log.address = sandboxPoolManager();
    log.topics = {swapEventTopic(), sandboxPoolId(), *Hash32::fromBytes(wa(sandboxRouter()))};
    log.data = data;
    return log;
}

// Swap 1 of the sandbox recipe, as the PoolManager logged it.
QByteArray swap1Data()
{
    return wi(-100000000000000000) + wi(299808967) + w(u256("4338911347034785443183100")) + w(u256("40000000000000000"))
         + wi(-196260) + w(500);
}

} // namespace

class TestUniswapCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ---------------------------------------------------------------------------------------- units
    void formatUnitsIsExact()
    {
        QCOMPARE(eth::formatUnits(1500000, 6), QStringLiteral("1.5"));
        QCOMPARE(eth::formatUnits(0, 18), QStringLiteral("0"));
        QCOMPARE(eth::formatUnits(1, 18), QStringLiteral("0.000000000000000001"));
        QCOMPARE(eth::formatUnits(kE17, 18), QStringLiteral("0.1"));
        QCOMPARE(eth::formatUnits(u256("1000000000000000000"), 18), QStringLiteral("1"));
        QCOMPARE(eth::formatUnits(kQuote1, 6), QStringLiteral("299.808967"));
        QCOMPARE(eth::formatUnits(kQuote1, 6, 2), QStringLiteral("299.8"));    // truncated, then trimmed
        QCOMPARE(eth::formatUnits(kQuote1, 6, 0), QStringLiteral("299"));
        QCOMPARE(eth::formatUnits(999999, 6, 3), QStringLiteral("0.999"));    // never rounded up
        QCOMPARE(eth::formatUnits(999999, 6, 0), QStringLiteral("0"));
        QCOMPARE(eth::formatUnits(1000000, 0), QStringLiteral("1000000"));
        QCOMPARE(eth::formatUnits(1000000, -3), QStringLiteral("1000000"));
        QCOMPARE(eth::formatUnits(eth::maxUnsigned(256), 18),
                 QStringLiteral("115792089237316195423570985008687907853269984665640564039457.584007913129639935"));
        QCOMPARE(eth::formatUnits(eth::maxUnsigned(256), 78),
                 QStringLiteral("0.115792089237316195423570985008687907853269984665640564039457584007913129639935"));

        QCOMPARE(eth::formatSignedUnits(i256(-100000000000000000), 18), QStringLiteral("-0.1"));
        QCOMPARE(eth::formatSignedUnits(i256(299808967), 6), QStringLiteral("299.808967"));
        QCOMPARE(eth::formatSignedUnits(i256(-1), 18, 6), QStringLiteral("0"));   // no "-0"
        QCOMPARE(eth::formatSignedUnits(i256(0), 6), QStringLiteral("0"));
        const i256 min = -(i256(1) << 255);
        QCOMPARE(eth::formatSignedUnits(min, 0),
                 QStringLiteral("-57896044618658097711785492504343953926634992332820282019728792003956564819968"));
    }

    void parseUnitsIsExact()
    {
        QCOMPARE(*eth::parseUnits(u"0.1", 18), kE17);
        QCOMPARE(*eth::parseUnits(u"1", 6), u256(1000000));
        QCOMPARE(*eth::parseUnits(u"299.808967", 6), kQuote1);
        QCOMPARE(*eth::parseUnits(u".5", 6), u256(500000));
        QCOMPARE(*eth::parseUnits(u"5.", 6), u256(5000000));
        QCOMPARE(*eth::parseUnits(u"007", 0), u256(7));
        QCOMPARE(*eth::parseUnits(u"0", 18), u256(0));
        QCOMPARE(*eth::parseUnits(u"0.000000000000000001", 18), u256(1));
        QCOMPARE(*eth::parseUnits(u"115792089237316195423570985008687907853269984665640564039457.584007913129639935", 18),
                 eth::maxUnsigned(256));
        // format and parse are inverses
        for (const char *text : {"0.1", "1.5", "299.808967", "0.000001", "123456789"}) {
            const u256 value = *eth::parseUnits(QString::fromLatin1(text), 6);
            QCOMPARE(eth::formatUnits(value, 6), QString::fromLatin1(text));
        }
    }

    void parseUnitsRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << 18 << "Enter an amount";
        QTest::newRow("point only") << "." << 18 << "Enter an amount";
        QTest::newRow("minus") << "-1" << 18 << "sign";
        QTest::newRow("plus") << "+1" << 18 << "sign";
        QTest::newRow("leading blank") << " 1" << 18 << "blank";
        QTest::newRow("trailing blank") << "1 " << 18 << "blank";
        QTest::newRow("inner blank") << "1 000" << 18 << "blank";
        QTest::newRow("exponent") << "1e18" << 0 << "exponent";
        QTest::newRow("exponent upper") << "1E6" << 6 << "exponent";
        QTest::newRow("two points") << "1.2.3" << 18 << "more than one decimal point";
        QTest::newRow("comma") << "1,5" << 6 << "only digits";
        QTest::newRow("letters") << "abc" << 6 << "only digits";
        QTest::newRow("hex") << "0x10" << 6 << "only digits";
        QTest::newRow("too many fraction digits") << "0.0000001" << 6 << "allows 6";
        QTest::newRow("fraction for 0 decimals") << "1.0" << 0 << "no decimal places";
        QTest::newRow("overflow") << "115792089237316195423570985008687907853269984665640564039457.584007913129639936"
                                  << 18 << "too large";
        QTest::newRow("overflow long") << QString(500, QLatin1Char('9')) << 0 << "too large";
        QTest::newRow("bad decimals") << "1" << -1 << "decimals";
        QTest::newRow("decimals too many") << "1" << 79 << "decimals";
    }
    void parseUnitsRejects()
    {
        QFETCH(QString, text);
        QFETCH(int, decimals);
        QFETCH(QString, says);
        const auto parsed = eth::parseUnits(text, decimals);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(says), qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.endsWith(QLatin1Char('.')));
    }

    // --------------------------------------------------------------------------- universal router
    void constants()
    {
        QCOMPARE(kCmdV4Swap, quint8(0x10));
        QCOMPARE(kCmdSweep, quint8(0x04));
        QCOMPARE(kActionSwapExactInSingle, quint8(0x06));
        QCOMPARE(kActionSettleAll, quint8(0x0c));
        QCOMPARE(kActionTakeAll, quint8(0x0f));
        QCOMPARE(msgSenderSentinel(), addr("0x0000000000000000000000000000000000000001"));
        QCOMPARE(sandboxKey().id(), sandboxPoolId());
    }

    void v4SwapInputEthToUsdc()
    {
        const ExactInSingle swap{sandboxKey(), true, kE17, kMin1, {}};
        const auto input = encodeV4SwapExactInSingle(swap, RouterVersion::V2_1);
        QVERIFY2(input.ok(), qPrintable(input.ok() ? QString() : input.error().toString()));
        const QByteArray params0 = exactInSingleParams(true, kE17, kMin1);
        QCOMPARE(params0.size(), 352);
        const QByteArray expected =
            v4Input({params0, wa(Address()) + w(kE17) /*SETTLE_ALL ETH*/, wa(sandboxUsdc()) + w(kMin1) /*TAKE_ALL*/});
        QCOMPARE(eth::toHex(*input), eth::toHex(expected));
        QCOMPARE(input->first(32), w(0x40));   // canonical, as the router checks
        QCOMPARE(input->size(), 832);
        // Both supported router versions take the same single-hop struct.
        QCOMPARE(*encodeV4SwapExactInSingle(swap, RouterVersion::V2_0), *input);
    }

    void v4SwapInputUsdcToEth()
    {
        const ExactInSingle swap{sandboxKey(), false, u256(300000000), u256("99464859114597545"), hex("abcd")};
        const auto input = encodeV4SwapExactInSingle(swap, RouterVersion::V2_1);
        QVERIFY(input.ok());
        // hookData 0xabcd: the params grow by one word of data.
        const QByteArray params0 = w(0x20) + wa(Address()) + wa(sandboxUsdc()) + w(500) + wi(10) + wa(Address()) + w(0)
                                 + w(300000000) + w(u256("99464859114597545")) + w(0x120) + tail(hex("abcd"));
        const QByteArray expected = v4Input({params0, wa(sandboxUsdc()) + w(300000000) /*SETTLE_ALL USDC*/,
                                             wa(Address()) + w(u256("99464859114597545")) /*TAKE_ALL ETH*/});
        QCOMPARE(eth::toHex(*input), eth::toHex(expected));
    }

    void v4SwapRefusals()
    {
        const u256 max128 = eth::maxUnsigned(128);
        auto refuse = [](const ExactInSingle &swap) { return !encodeV4SwapExactInSingle(swap, RouterVersion::V2_1).ok(); };
        // The tutorial's minOut 0: never.
        const auto zeroMin = encodeV4SwapExactInSingle({sandboxKey(), true, kE17, 0, {}}, RouterVersion::V2_1);
        QVERIFY(!zeroMin.ok());
        QVERIFY(zeroMin.error().message.contains(QLatin1String("minimum")));
        QVERIFY(refuse({sandboxKey(), true, 0, kMin1, {}}));
        QVERIFY(refuse({sandboxKey(), true, max128 + 1, kMin1, {}}));
        QVERIFY(refuse({sandboxKey(), true, kE17, max128 + 1, {}}));
        QVERIFY(refuse({sandboxKey(), true, eth::maxUnsigned(256), eth::maxUnsigned(256), {}}));
        QVERIFY(!refuse({sandboxKey(), true, max128, max128, {}}));
        PoolKey badFee = sandboxKey();
        badFee.fee = 1u << 24;   // over uint24
        QVERIFY(refuse({badFee, true, kE17, kMin1, {}}));
        PoolKey badSpacing = sandboxKey();
        badSpacing.tickSpacing = 1 << 23;   // over int24
        QVERIFY(refuse({badSpacing, true, kE17, kMin1, {}}));
        // No swap without a deadline, and the checks above hold for the whole call too.
        QVERIFY(!encodeSwapExactInSingleCall({sandboxKey(), true, kE17, kMin1, {}}, RouterVersion::V2_1, 0).ok());
        QVERIFY(!encodeSwapExactInSingleCall({sandboxKey(), true, kE17, 0, {}}, RouterVersion::V2_1, 1700000000).ok());
    }

    void sweepAndExecute()
    {
        QCOMPARE(encodeSweep(Address(), msgSenderSentinel(), 0), wa(Address()) + wa(msgSenderSentinel()) + w(0));
        QCOMPARE(encodeSweep(sandboxUsdc(), sandboxRouter(), 7), wa(sandboxUsdc()) + wa(sandboxRouter()) + w(7));
        // The router reads amountMin as uint160: a larger minimum stays unmeetable, never wraps to a small one.
        QCOMPARE(encodeSweep(Address(), msgSenderSentinel(), eth::maxUnsigned(256)).sliced(64), w(eth::maxUnsigned(160)));

        const QByteArray call = encodeExecute(hex("1004"), {hex("aa"), QByteArray()}, 1700000600);
        QCOMPARE(eth::toHex(call), eth::toHex(executeCalldata(hex("1004"), {hex("aa"), QByteArray()}, 1700000600)));
        QCOMPARE(call.first(4), hex("3593564c"));
        QCOMPARE(eth::toHex(encodeExecute({}, {}, 0)), eth::toHex(executeCalldata({}, {}, 0)));
    }

    void fullCallEthInSweepsTheRest()
    {
        const quint64 deadline = 1767225600;
        const auto call = encodeSwapExactInSingleCall({sandboxKey(), true, kE17, kMin1, {}}, RouterVersion::V2_1, deadline);
        QVERIFY(call.ok());
        QCOMPARE(call->value, kE17);   // exactly amountIn, and the SWEEP returns anything unused
        const QByteArray v4 = *encodeV4SwapExactInSingle({sandboxKey(), true, kE17, kMin1, {}}, RouterVersion::V2_1);
        const QByteArray sweep = wa(Address()) + wa(msgSenderSentinel()) + w(0);
        QCOMPARE(eth::toHex(call->calldata), eth::toHex(executeCalldata(hex("1004"), {v4, sweep}, deadline)));
    }

    void fullCallTokenInHasNoValue()
    {
        const quint64 deadline = 1767225600;
        const ExactInSingle swap{sandboxKey(), false, u256(300000000), u256("99464859114597545"), {}};
        const auto call = encodeSwapExactInSingleCall(swap, RouterVersion::V2_0, deadline);
        QVERIFY(call.ok());
        QCOMPARE(call->value, u256(0));
        const QByteArray v4 = *encodeV4SwapExactInSingle(swap, RouterVersion::V2_0);
        QCOMPARE(eth::toHex(call->calldata), eth::toHex(executeCalldata(hex("10"), {v4}, deadline)));
    }

    void routerParameters()
    {
        RouterParameters p;
        p.permit2 = permit2Address();
        p.weth9 = addr("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
        p.v2Factory = addr("0x00000000000000000000000000000000000000a2");
        p.v3Factory = addr("0x00000000000000000000000000000000000000a3");
        p.pairInitCodeHash = hash("0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f");
        p.poolInitCodeHash = hash("0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54");
        p.v4PoolManager = sandboxPoolManager();
        p.v3NFTPositionManager = addr("0x00000000000000000000000000000000000000b3");
        p.v4PositionManager = addr("0x0165878a594ca255338adfa4d48449f69242eb8f");
        const QByteArray nine = wa(p.permit2) + wa(p.weth9) + wa(p.v2Factory) + wa(p.v3Factory) + p.pairInitCodeHash.bytes()
                              + p.poolInitCodeHash.bytes() + wa(p.v4PoolManager) + wa(p.v3NFTPositionManager)
                              + wa(p.v4PositionManager);
        QCOMPARE(*encodeRouterParameters(RouterVersion::V2_0, p), nine);
        QCOMPARE(*encodeRouterParameters(RouterVersion::V2_1, p), nine + wa(Address()));
        p.spokePool = addr("0x00000000000000000000000000000000000000c1");
        QCOMPARE(*encodeRouterParameters(RouterVersion::V2_1, p), nine + wa(p.spokePool));
        QCOMPARE(encodeRouterParameters(RouterVersion::V2_1, p)->size(), 320);
        QVERIFY(!encodeRouterParameters(RouterVersion::V2_0, p).ok());   // 2.0 has no spoke pool to set
    }

    // ------------------------------------------------------------------------------ ERC-20, Permit2
    void erc20Calls()
    {
        const Address owner = addr("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        QCOMPARE(permit2Address(), addr("0x000000000022D473030F116dDEE9F6B43aC78BA3"));
        QCOMPARE(encodeErc20Approve(permit2Address(), eth::maxUnsigned(256)),
                 hex("095ea7b3") + wa(permit2Address()) + w(eth::maxUnsigned(256)));
        QCOMPARE(encodeErc20Allowance(owner, permit2Address()), hex("dd62ed3e") + wa(owner) + wa(permit2Address()));
        QCOMPARE(encodeErc20BalanceOf(owner), hex("70a08231") + wa(owner));
        QCOMPARE(*decodeUint256(w(kQuote1)), kQuote1);
        QCOMPARE(*decodeUint256(w(eth::maxUnsigned(256))), eth::maxUnsigned(256));
        QVERIFY(!decodeUint256(QByteArray()).ok());          // no contract there
        QVERIFY(!decodeUint256(w(1).first(31)).ok());        // short
    }

    void permit2Calls()
    {
        const Address owner = addr("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        const u256 max160 = eth::maxUnsigned(160);
        const quint64 maxUint48 = (quint64(1) << 48) - 1;
        QCOMPARE(encodePermit2Approve(sandboxUsdc(), sandboxRouter(), max160, 1767225600),
                 hex("87517c45") + wa(sandboxUsdc()) + wa(sandboxRouter()) + w(max160) + w(1767225600));
        QCOMPARE(encodePermit2Approve(sandboxUsdc(), sandboxRouter(), 0, maxUint48).size(), 4 + 4 * 32);
        // Out of range: empty calldata (Permit2 rejects it), never a truncated approval.
        QVERIFY(encodePermit2Approve(sandboxUsdc(), sandboxRouter(), max160 + 1, 1767225600).isEmpty());
        QVERIFY(encodePermit2Approve(sandboxUsdc(), sandboxRouter(), max160, maxUint48 + 1).isEmpty());
        QCOMPARE(encodePermit2Allowance(owner, sandboxUsdc(), sandboxRouter()),
                 hex("927da105") + wa(owner) + wa(sandboxUsdc()) + wa(sandboxRouter()));

        const auto allowance = decodePermit2Allowance(QByteArray(w(max160) + w(maxUint48) + w(3)));
        QVERIFY(allowance.ok());
        QCOMPARE(allowance->amount, max160);
        QCOMPARE(allowance->expiration, maxUint48);
        QCOMPARE(allowance->nonce, quint64(3));
        QVERIFY(!decodePermit2Allowance(QByteArray()).ok());
        QVERIFY(!decodePermit2Allowance(QByteArray(w(1) + w(2))).ok());                       // short
        QVERIFY(!decodePermit2Allowance(QByteArray(w(max160 + 1) + w(0) + w(0))).ok());       // amount over uint160
        QVERIFY(!decodePermit2Allowance(QByteArray(w(0) + w(maxUint48 + 1) + w(0))).ok());    // expiration over uint48
    }

    void permit2Plan()
    {
        const quint64 now = 1750000000;
        const u256 need(300000000);
        const quint64 month = 30ull * 24 * 3600;
        const u256 max160 = eth::maxUnsigned(160);

        // A fresh account: both approvals, the router's for 30 days.
        Permit2Plan plan = planPermit2(0, Permit2Allowance{}, need, now);
        QVERIFY(plan.approveToken);
        QVERIFY(plan.approveRouter);
        QCOMPARE(plan.newExpiration, now + month);

        // Everything in place: nothing to send.
        plan = planPermit2(eth::maxUnsigned(256), Permit2Allowance{max160, now + month, 1}, need, now);
        QVERIFY(!plan.approveToken);
        QVERIFY(!plan.approveRouter);
        QCOMPARE(plan.newExpiration, quint64(0));

        // The token allowance exactly covers the amount; one unit less does not.
        QVERIFY(!planPermit2(need, Permit2Allowance{max160, now + month, 1}, need, now).approveToken);
        QVERIFY(planPermit2(need - 1, Permit2Allowance{max160, now + month, 1}, need, now).approveToken);

        // The router allowance: too small, expired, expiring within 10 minutes -> renewed.
        QVERIFY(planPermit2(eth::maxUnsigned(256), Permit2Allowance{need - 1, now + month, 1}, need, now).approveRouter);
        plan = planPermit2(eth::maxUnsigned(256), Permit2Allowance{max160, now - 1, 1}, need, now);
        QVERIFY(plan.approveRouter);
        QVERIFY(!plan.approveToken);
        QCOMPARE(plan.newExpiration, now + month);
        QVERIFY(planPermit2(eth::maxUnsigned(256), Permit2Allowance{max160, now + 300, 1}, need, now).approveRouter);
        QVERIFY(planPermit2(eth::maxUnsigned(256), Permit2Allowance{max160, now + 600, 1}, need, now).approveRouter);
        QVERIFY(!planPermit2(eth::maxUnsigned(256), Permit2Allowance{max160, now + 601, 1}, need, now).approveRouter);
        // Expiration 0 (never approved) is expired.
        QVERIFY(planPermit2(eth::maxUnsigned(256), Permit2Allowance{max160, 0, 0}, need, now).approveRouter);
    }

    // ---------------------------------------------------------------------------------- pool reads
    void slot0()
    {
        QCOMPARE(encodeGetSlot0(sandboxPoolId()), hex("c815641c") + sandboxPoolId().bytes());
        QCOMPARE(encodeGetLiquidity(sandboxPoolId()),
                 eth::keccak256("getLiquidity(bytes32)").first(4) + sandboxPoolId().bytes());

        const u256 sqrt(u256("4338911347034785443183100"));
        const auto decoded = decodeSlot0(QByteArray(w(sqrt) + wi(-196260) + w(0) + w(500)));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->sqrtPriceX96, sqrt);
        QCOMPARE(decoded->tick, -196260);
        QCOMPARE(decoded->protocolFee, quint32(0));
        QCOMPARE(decoded->lpFee, quint32(500));

        // A pool without a price is an error in words: no 1800 fallback, no zero price.
        const auto uninitialised = decodeSlot0(QByteArray(w(0) + w(0) + w(0) + w(0)));
        QVERIFY(!uninitialised.ok());
        QVERIFY(uninitialised.error().message.contains(QLatin1String("not initialised")));
        QVERIFY(!decodeSlot0(QByteArray()).ok());
        QVERIFY(!decodeSlot0(QByteArray(w(sqrt) + wi(-196260) + w(0) + w(500)).chopped(1)).ok());
        QVERIFY(!decodeSlot0(QByteArray(w(u256(1) << 160) + wi(0) + w(0) + w(500))).ok());             // over uint160
        QVERIFY(!decodeSlot0(QByteArray(w(sqrt) + w(u256(0xfd015c)) + w(0) + w(500))).ok());          // -196260 not sign-extended
        QVERIFY(!decodeSlot0(QByteArray(w(sqrt) + wi(-196260) + w(0) + w(u256(1) << 24))).ok());      // fee over uint24

        QCOMPARE(*decodeLiquidity(w(u256("40000000000000000"))), u256("40000000000000000"));
        QVERIFY(!decodeLiquidity(w(u256(1) << 128)).ok());
        QVERIFY(!decodeLiquidity(QByteArray()).ok());
    }

    void quoter()
    {
        const QByteArray call = encodeQuoteExactInputSingle(sandboxKey(), true, kE17);
        // one dynamic tuple: offset, then its head (key, bool, uint128, bytes offset), then empty bytes
        const QByteArray expected = eth::abi::selectorOf(u"quoteExactInputSingle(((address,address,uint24,int24,address),bool,uint128,bytes))")
                                  + w(0x20) + wa(Address()) + wa(sandboxUsdc()) + w(500) + wi(10) + wa(Address()) + w(1) + w(kE17)
                                  + w(0x100) + w(0);
        QCOMPARE(eth::toHex(call), eth::toHex(expected));
        QCOMPARE(call.first(4), hex("aa9d21cb"));
        QVERIFY(encodeQuoteExactInputSingle(sandboxKey(), true, eth::maxUnsigned(128) + 1).isEmpty());

        const auto quote = decodeQuote(QByteArray(w(kQuote1) + w(54000)));
        QVERIFY(quote.ok());
        QCOMPARE(quote->amountOut, kQuote1);
        QCOMPARE(quote->gasEstimate, u256(54000));
        QVERIFY(!decodeQuote(QByteArray()).ok());
        QVERIFY(!decodeQuote(w(kQuote1)).ok());
        QVERIFY(!decodeQuote(QByteArray(w(kQuote1) + w(54000)).chopped(1)).ok());
    }

    // ----------------------------------------------------------------------------------- Swap event
    void swapEventDecodesSwap1()
    {
        QCOMPARE(swapEventTopic(), hash("0x40e9cecb9f5f1f1c5b9c97dec2917b7ee92e57ba5563708daca94dd84ad7112f"));
        const auto event = decodeSwapEvent(swapLog(swap1Data()));
        QVERIFY2(event.ok(), qPrintable(event.ok() ? QString() : event.error().toString()));
        QCOMPARE(event->poolId, sandboxPoolId());
        QCOMPARE(event->sender, sandboxRouter());
        // The swapper's deltas: paid 0.1 ETH in (negative), received 299.808967 USDC.
        QCOMPARE(event->amount0, i256(-100000000000000000));
        QCOMPARE(event->amount1, i256(299808967));
        QCOMPARE(event->sqrtPriceX96, u256("4338911347034785443183100"));
        QCOMPARE(event->liquidity, u256("40000000000000000"));
        QCOMPARE(event->tick, -196260);
        QCOMPARE(event->fee, quint32(500));
        // Extremes of the int128 amounts survive.
        const i256 min128 = -(i256(1) << 127);
        const QByteArray extremes = eth::toBigEndian(eth::toTwosComplement(min128))
                                  + w(eth::maxUnsigned(127)) + w(eth::maxUnsigned(160)) + w(eth::maxUnsigned(128))
                                  + wi(-887272) + w(0xffffff);
        const auto edge = decodeSwapEvent(swapLog(extremes));
        QVERIFY(edge.ok());
        QCOMPARE(edge->amount0, min128);
        QCOMPARE(edge->amount1, i256(eth::maxUnsigned(127)));
        QCOMPARE(edge->tick, -887272);
        QCOMPARE(edge->fee, quint32(0xffffff));
    }

    void swapEventRejectsMalformed()
    {
        auto rejects = [](const eth::Log &log) { return !decodeSwapEvent(log).ok(); };
        eth::Log log = swapLog(swap1Data());
        QVERIFY(!rejects(log));

        eth::Log twoTopics = log;
        twoTopics.topics.removeLast();
        QVERIFY(rejects(twoTopics));
        eth::Log fourTopics = log;
        fourTopics.topics.append(sandboxPoolId());
        QVERIFY(rejects(fourTopics));
        eth::Log noTopics = log;
        noTopics.topics.clear();
        QVERIFY(rejects(noTopics));
        eth::Log otherEvent = log;
        otherEvent.topics[0] = hash("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
        QVERIFY(rejects(otherEvent));
        eth::Log shortData = log;
        shortData.data.chop(1);
        QVERIFY(rejects(shortData));
        eth::Log longData = log;
        longData.data += w(0);
        QVERIFY(rejects(longData));
        eth::Log dirtySender = log;
        dirtySender.topics[2] = hash("0x000000000000000000000001a513e6e4b8f2a923d98304ec87f64353c4d5c853");
        QVERIFY(rejects(dirtySender));
        // amount0 = -0.1 ETH written as int128 without the sign extension to 256 bits
        eth::Log unsignExtended = log;
        unsignExtended.data.replace(0, 16, QByteArray(16, '\0'));
        QVERIFY(rejects(unsignExtended));
        eth::Log amountOverInt128 = log;
        amountOverInt128.data.replace(32, 32, w(u256(1) << 127));
        QVERIFY(rejects(amountOverInt128));
        eth::Log tickOverInt24 = log;
        tickOverInt24.data.replace(128, 32, wi(1 << 23));
        QVERIFY(rejects(tickOverInt24));
        eth::Log feeOverUint24 = log;
        feeOverUint24.data.replace(160, 32, w(1 << 24));
        QVERIFY(rejects(feeOverUint24));
    }

    void findSwapEventPicksThePoolsSwap()
    {
        eth::Log transfer;
        transfer.address = sandboxUsdc();
        transfer.topics = {hash("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
                           *Hash32::fromBytes(wa(sandboxPoolManager())), *Hash32::fromBytes(wa(sandboxRouter()))};
        transfer.data = w(kQuote1);
        eth::Log impostor = swapLog(swap1Data());   // the same event from another contract
        impostor.address = sandboxUsdc();
        eth::Log removed = swapLog(swapLog(swap1Data()).data);
        removed.removed = true;
        removed.data.replace(32, 32, wi(1));
        eth::Log broken = swapLog(swap1Data().chopped(32));
        const eth::Log real = swapLog(swap1Data());

        const auto found = findSwapEvent({transfer, impostor, removed, broken, real}, sandboxPoolManager(), sandboxPoolId());
        QVERIFY(found.has_value());
        QCOMPARE(found->amount1, i256(299808967));
        QVERIFY(!findSwapEvent({transfer, impostor, removed, broken}, sandboxPoolManager(), sandboxPoolId()).has_value());
        QVERIFY(!findSwapEvent({real}, sandboxPoolManager(), hash("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"))
                     .has_value());
        QVERIFY(!findSwapEvent({}, sandboxPoolManager(), sandboxPoolId()).has_value());
    }

    // ------------------------------------------------------------------------------------ swap math
    void minimumOutNeverZero()
    {
        QCOMPARE(*minimumOut(kQuote1, 50), kMin1);
        QCOMPARE(*minimumOut(u256(10000), 1), u256(9999));
        QCOMPARE(*minimumOut(u256(10001), 5000), u256(5000));   // floor
        QCOMPARE(*minimumOut(eth::maxUnsigned(256), 50),
                 u256(boost::multiprecision::cpp_int(eth::maxUnsigned(256)) * 9950 / 10000));   // no overflow
        QVERIFY(!minimumOut(kQuote1, 0).ok());
        QVERIFY(!minimumOut(kQuote1, -5).ok());
        QVERIFY(!minimumOut(kQuote1, 5001).ok());
        QVERIFY(!minimumOut(0, 50).ok());
        const auto tooSmall = minimumOut(1, 1);   // floor(0.9999) = 0
        QVERIFY(!tooSmall.ok());
        QVERIFY(tooSmall.error().message.contains(QLatin1String("too small for this slippage")));
        QCOMPARE(*minimumOut(2, 5000), u256(1));
    }

    void priceImpact()
    {
        const u256 q96 = u256(1) << 96;
        // Mid price 1: 1 % less out than in is 1 % impact, both ways.
        QCOMPARE(priceImpactPercent(q96, true, 1000, 990, 18, 18), 1.0);
        QCOMPARE(priceImpactPercent(q96, false, 1000, 990, 18, 18), 1.0);
        // Mid price 4 (sqrt 2): token0 -> token1 at 3.96, token1 -> token0 at 1/4.0404...
        QCOMPARE(priceImpactPercent(2 * q96, true, 100, 396, 18, 18), 1.0);
        QCOMPARE(priceImpactPercent(2 * q96, false, 400, 99, 18, 18), 1.0);
        // Better than mid is negative.
        QCOMPARE(priceImpactPercent(q96, true, 1000, 1010, 18, 18), -1.0);
        // Swap 1 of the sandbox against the pool at 3000 USDC/ETH: fee 0.05 % plus the move.
        const double swap1 = priceImpactPercent(u256("4339505179874779489431521"), true, kE17, kQuote1, 18, 6);
        QVERIFY2(std::abs(swap1 - 0.0636776666666667) < 1e-12, qPrintable(QString::number(swap1, 'g', 17)));
        // Huge values lose nothing: amounts near 2^128 at the top price.
        const double huge = priceImpactPercent(maxSqrtPrice() - 1, false, eth::maxUnsigned(128),
                                               eth::maxUnsigned(128) / 2, 0, 0);
        QVERIFY(std::isfinite(huge));
        QCOMPARE(priceImpactPercent(0, true, 1, 1, 18, 6), 0.0);
        QCOMPARE(priceImpactPercent(q96, true, 0, 1, 18, 6), 0.0);
    }

    void executionPriceText()
    {
        QCOMPARE(executionPrice(kE17, kQuote1), QStringLiteral("2998.08967"));
        QCOMPARE(executionPrice(u256("99963677502108086"), 300000000), QStringLiteral("3001.09007"));
        QCOMPARE(executionPrice(u256("99963677502108086"), 300000000, 12), QStringLiteral("3001.090070877729"));
        QCOMPARE(executionPrice(u256("1000000000000000000"), 3000000000, 2), QStringLiteral("3000"));
        QCOMPARE(executionPrice(kE17, kQuote1, 0), QStringLiteral("2998"));
        QCOMPARE(executionPrice(u256("1000000000000000000"), 1, 6), QStringLiteral("0.000001"));
        QVERIFY(executionPrice(0, kQuote1).isEmpty());
    }

    // ---------------------------------------------------------------------------------- revert text
    void registryKnowsTheSwapErrors()
    {
        const auto &registry = uniswapErrors();
        QVERIFY(registry.size() >= 30);
        const QList<QPair<const char *, const char *>> known{
            {"8b063d73", "V4TooLittleReceived"},       {"5bf6f916", "TransactionDeadlinePassed"},
            {"d81b2f2e", "AllowanceExpired"},          {"0d89438e", "DelegateCallNotAllowed"},
            {"2c4029e9", "ExecutionFailed"},           {"a9b7edf7", "V4TooLittleReceivedPerHop"},
        };
        for (const auto &[selector, name] : known) {
            const auto *error = registry.find(hex(selector));
            QVERIFY2(error, selector);
            QCOMPARE(error->name, QString::fromLatin1(name));
        }
        QCOMPARE(registry.find(hex("8b063d73"))->inputs.at(0).name, QStringLiteral("minAmountOutReceived"));
    }

    void describeReverts()
    {
        SwapContext usdc;
        usdc.slippageBps = 50;
        usdc.outSymbol = QStringLiteral("USDC");
        usdc.outDecimals = 6;
        usdc.quotedOut = 301000000;
        usdc.minimumOut = 299600000;
        const QByteArray tooLittle = revertWith("V4TooLittleReceived(uint256,uint256)", w(299600000) + w(299100000));
        const QString slipped = QStringLiteral("Price moved beyond your 0.5% slippage: would receive 299.1 USDC, minimum 299.6.");
        QCOMPARE(describeSwapRevert(executionFailed(0, tooLittle), usdc), slipped);
        QCOMPARE(describeSwapRevert(tooLittle, usdc), slipped);
        // Nested twice (a sub-plan) still reads the same.
        QCOMPARE(describeSwapRevert(executionFailed(1, executionFailed(0, tooLittle)), usdc), slipped);

        // ETH out, amounts one wei apart: enough digits to tell them apart.
        SwapContext eth;
        eth.slippageBps = 100;
        eth.outSymbol = QStringLiteral("ETH");
        eth.outDecimals = 18;
        QCOMPARE(describeSwapRevert(revertWith("V4TooLittleReceived(uint256,uint256)",
                                               w(u256("99963677502108087")) + w(u256("99963677502108086"))),
                                    eth),
                 QStringLiteral("Price moved beyond your 1% slippage: would receive 0.099963677502108086 ETH, "
                                "minimum 0.099963677502108087."));
        QCOMPARE(describeSwapRevert(revertWith("V4TooLittleReceived(uint256,uint256)",
                                               w(u256("99000000000000000")) + w(u256("98000000000000000"))),
                                    eth),
                 QStringLiteral("Price moved beyond your 1% slippage: would receive 0.098 ETH, minimum 0.099."));

        QCOMPARE(describeSwapRevert(revertWith("TransactionDeadlinePassed()", {}), usdc),
                 QStringLiteral("The swap's deadline passed before it was mined."));
        QCOMPARE(describeSwapRevert(executionFailed(0, revertWith("TransactionDeadlinePassed()", {})), usdc),
                 QStringLiteral("The swap's deadline passed before it was mined."));
        const QString expired = describeSwapRevert(executionFailed(0, revertWith("AllowanceExpired(uint256)", w(0))), usdc);
        QVERIFY2(expired.contains(QLatin1String("Permit2")) && expired.contains(QLatin1String("expired")), qPrintable(expired));
        const QString insufficient = describeSwapRevert(revertWith("InsufficientAllowance(uint256)", w(5)), usdc);
        QVERIFY2(insufficient.contains(QLatin1String("Permit2")), qPrintable(insufficient));
        QVERIFY(describeSwapRevert(revertWith("PoolNotInitialized()", {}), usdc).contains(QLatin1String("not initialised")));
        QVERIFY(describeSwapRevert(revertWith("NotEnoughLiquidity(bytes32)", sandboxPoolId().bytes()), usdc)
                    .contains(QLatin1String("liquidity")));
        // A hook or token failure wrapped by the PoolManager is unwrapped.
        const QByteArray wrapped = revertWith("WrappedError(address,bytes4,bytes,bytes)",
                                              wa(sandboxUsdc()) + padded(hex("23b872dd")) + w(0x80) + w(0xc0)
                                                  + tail(revertWith("CurrencyNotSettled()", {})) + tail({}));
        QVERIFY(describeSwapRevert(wrapped, usdc).contains(QLatin1String("did not settle")));
        QCOMPARE(describeSwapRevert(revertWith("Error(string)", w(0x20) + tail("TRANSFER_FROM_FAILED")), usdc),
                 QStringLiteral("The token could not be moved into the swap: the balance, or the token's allowance "
                                "to Permit2, is too low."));

        // Anything else: decoded where possible, hex otherwise.
        QCOMPARE(describeSwapRevert(revertWith("Error(string)", w(0x20) + tail("boom")), usdc),
                 QStringLiteral("The swap reverted: boom"));
        QCOMPARE(describeSwapRevert(hex("deadbeef01"), usdc), QStringLiteral("The swap reverted: 0xdeadbeef01"));
        QCOMPARE(describeSwapRevert(hex("8b063d73"), usdc), QStringLiteral("The swap reverted: 0x8b063d73"));   // args missing
        QCOMPARE(describeSwapRevert(revertWith("InvalidCommandType(uint256)", w(0x3f)), usdc),
                 QStringLiteral("The swap reverted: InvalidCommandType(commandType: 63)"));
        QVERIFY(describeSwapRevert(revertWith("Panic(uint256)", w(0x11)), usdc).contains(QLatin1String("overflow")));
        QCOMPARE(describeSwapRevert(QByteArray(), usdc), QStringLiteral("The swap reverted without giving a reason."));
        QCOMPARE(describeSwapRevert(executionFailed(0, {}), usdc), QStringLiteral("The swap reverted without giving a reason."));
    }
};

QTEST_GUILESS_MAIN(TestUniswapCodec)
#include "test_uniswap_codec.moc"
