// Tick and price math, bit for bit with the chain: the per-bit factors recomputed at high precision,
// known values from the sandbox recipe and BASE, and the (sqrtPriceX96, tick) pairs of 8,000 real swaps.

#include "uniswap/poolkey.h"
#include "uniswap/tickmath.h"

#include <boost/multiprecision/cpp_dec_float.hpp>

#include <QFile>
#include <QTest>

using namespace apedesk;
using namespace apedesk::uniswap;
using eth::u256;

class TestUniswapMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bitFactorsMatchAnIndependentComputation()
    {
        using Decimal = boost::multiprecision::number<boost::multiprecision::cpp_dec_float<120>>;
        // sqrtPriceAtTick(-2^k) is built from factor k alone: recompute that factor and compare.
        for (int k = 0; k < 20; ++k) {
            const int tick = -(1 << k);
            if (tick < kMinTick)
                break;
            Decimal factor = pow(Decimal(2), 128) / sqrt(pow(Decimal("1.0001"), Decimal(1 << k)));
            const u256 q128(boost::multiprecision::cpp_int(floor(factor + Decimal("0.5"))));
            const u256 expected = (q128 >> 32) + ((q128 & 0xffffffffu) == 0 ? 0 : 1);
            QCOMPARE(eth::toDecimal(*sqrtPriceAtTick(tick)), eth::toDecimal(expected));
        }
    }

    void knownValues()
    {
        QCOMPARE(eth::toDecimal(*sqrtPriceAtTick(0)), QStringLiteral("79228162514264337593543950336"));   // 2^96
        QCOMPARE(eth::toDecimal(minSqrtPrice()), QStringLiteral("4295128739"));
        QCOMPARE(eth::toDecimal(maxSqrtPrice()), QStringLiteral("1461446703485210103287273052203988822378723970342"));
        // The sandbox pool at 3000 USDC per ETH (sandbox recipe): sqrtPriceX96 and tick.
        const auto sqrt3000 = sqrtPriceFromPrice(QStringLiteral("3000"), 18, 6);
        QVERIFY(sqrt3000.ok());
        QCOMPARE(eth::toDecimal(*sqrt3000), QStringLiteral("4339505179874779489431521"));
        QCOMPARE(*tickAtSqrtPrice(*sqrt3000), -196257);
        QCOMPARE(priceFromSqrtPrice(*sqrt3000, 18, 6, 4), QStringLiteral("2999.9999"));
        QVERIFY(!sqrtPriceFromPrice(QStringLiteral("abc"), 18, 6).ok());
        QVERIFY(!sqrtPriceFromPrice(QStringLiteral("0"), 18, 6).ok());
        QVERIFY(!sqrtPriceAtTick(kMaxTick + 1).ok());
        QVERIFY(!tickAtSqrtPrice(maxSqrtPrice()).ok());
        QCOMPARE(alignTick(-196257, 10), -196260);
        QCOMPARE(alignTick(196257, 10), 196250);
        QCOMPARE(alignTick(-196250, 10), -196250);
    }

    void roundTripsAtEveryBoundary()
    {
        for (int tick : {kMinTick, kMinTick + 1, -200320, -196257, -1, 0, 1, 192200, kMaxTick - 1}) {
            const u256 at = *sqrtPriceAtTick(tick);
            QCOMPARE(*tickAtSqrtPrice(at), tick);
            if (tick > kMinTick)
                QCOMPARE(*tickAtSqrtPrice(at - 1), tick - 1);
            else
                QVERIFY(!tickAtSqrtPrice(at - 1).ok());
        }
    }

    void basePoolId()
    {
        const auto usdc = eth::Address::fromString(QStringLiteral("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"));
        QVERIFY(usdc.ok());
        const auto key = PoolKey::make(*usdc, eth::Address(), 500, 10);
        QVERIFY(key.ok());
        QVERIFY(key->currency0.isZero());
        QCOMPARE(key->id().toHex(), QStringLiteral("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"));
    }

    void realSwapsAgreeWithTheChainsTicks()
    {
        QFile csv(qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"));
        if (!csv.open(QIODevice::ReadOnly | QIODevice::Text))
            QSKIP("../shared/data/base_eth_usdc_swaps.csv is not available");
        csv.readLine();
        int rows = 0, exact = 0, boundary = 0;
        while (!csv.atEnd()) {
            const QList<QByteArray> f = csv.readLine().trimmed().split(',');
            if (f.size() < 13)
                continue;
            ++rows;
            const u256 sqrtPrice(f[8].toStdString());
            const int tick = f[10].toInt();
            const int computed = *tickAtSqrtPrice(sqrtPrice);
            if (computed == tick) {
                ++exact;
            } else {
                // A swap that stops exactly on an initialized tick while moving down reports tick - 1.
                QCOMPARE(computed - 1, tick);
                QCOMPARE(*sqrtPriceAtTick(computed), sqrtPrice);
                ++boundary;
            }
            // The chain's tick and price agree: sqrtAt(tick) <= sqrtPrice <= sqrtAt(tick + 1).
            QVERIFY(*sqrtPriceAtTick(tick) <= sqrtPrice && sqrtPrice <= *sqrtPriceAtTick(tick + 1));
        }
        qInfo() << rows << "swaps:" << exact << "exact," << boundary << "on a tick boundary";
        QCOMPARE(rows, 8000);
        QCOMPARE(exact + boundary, rows);
    }
};

QTEST_GUILESS_MAIN(TestUniswapMath)
#include "test_uniswap_math.moc"
