// Ethereum primitives: hex text, 256-bit numbers, EIP-55 addresses, Keccak-256 and strict RLP.

#include "eth/address.h"
#include "eth/hex.h"
#include "eth/keccak.h"
#include "eth/rlp.h"
#include "eth/u256.h"

#include <QTest>

using namespace apedesk::eth;

namespace {
QByteArray unhex(const char *hex) { return QByteArray::fromHex(hex); }
} // namespace

class TestEthPrimitives : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ------------------------------------------------------------------------------------------ hex
    void hexPrintsLowerCaseWithPrefix()
    {
        QCOMPARE(toHex(unhex("00ff10ab")), QStringLiteral("0x00ff10ab"));
        QCOMPARE(toHex(unhex("00ff10ab"), false), QStringLiteral("00ff10ab"));
        QCOMPARE(toHex(QByteArray()), QStringLiteral("0x"));
    }

    void hexParsesStrictly()
    {
        QCOMPARE(*fromHex(u"0xDeadBEEF"), unhex("deadbeef"));
        QCOMPARE(*fromHex(u"0Xab"), unhex("ab"));
        QCOMPARE(*fromHex(u"ab"), unhex("ab"));
        QVERIFY(fromHex(u"0x")->isEmpty());
        QVERIFY(fromHex(u"")->isEmpty());
        QVERIFY(!fromHex(u"0x123"));               // odd number of digits
        QVERIFY(!fromHex(u"0xzz"));                // not hex
        QVERIFY(!fromHex(u"0x12 "));               // blanks are not dropped
        QVERIFY(!fromHex(u"ab", HexPrefix::Required));
        QCOMPARE(fromHex(u"0x1g").error().kind, apedesk::Error::Kind::Format);
        QVERIFY(fromHexFixed(u"0x0102", 2));
        QVERIFY(!fromHexFixed(u"0x0102", 3));
    }

    // ----------------------------------------------------------------------------------------- u256
    void u256ParsesDecimalAndHexWithinRange()
    {
        QCOMPARE(*parseU256(u"0"), u256(0));
        QCOMPARE(*parseU256(u"123"), u256(123));
        QCOMPARE(*parseU256(u"0x7b"), u256(123));
        const QString max = QStringLiteral("115792089237316195423570985008687907853269984665640564039457584007913129639935");
        QCOMPARE(*parseU256(max), maxUnsigned(256));
        QCOMPARE(*parseU256(QString(QStringLiteral("0x") + QString(64, QLatin1Char('f')))), maxUnsigned(256));
        QVERIFY(!parseU256(QStringLiteral("115792089237316195423570985008687907853269984665640564039457584007913129639936")));
        QVERIFY(!parseU256(QString(QStringLiteral("0x1") + QString(64, QLatin1Char('0')))));
        for (const char16_t *bad : {u"", u"0x", u"-1", u"+1", u" 1", u"1 ", u"1e3", u"0xg"})
            QVERIFY2(!parseU256(bad), qPrintable(QString::fromUtf16(bad)));
    }

    void i256CoversTheSignedRange()
    {
        const QString min = QStringLiteral("-57896044618658097711785492504343953926634992332820282019728792003956564819968");
        const QString max = QStringLiteral("57896044618658097711785492504343953926634992332820282019728792003956564819967");
        QCOMPARE(toDecimal(*parseI256(min)), min);
        QCOMPARE(toDecimal(*parseI256(max)), max);
        QVERIFY(!parseI256(QStringLiteral("57896044618658097711785492504343953926634992332820282019728792003956564819968")));
        QVERIFY(!parseI256(QStringLiteral("-57896044618658097711785492504343953926634992332820282019728792003956564819969")));
        QCOMPARE(*parseI256(u"-5"), i256(-5));
        QCOMPARE(*parseI256(u"-0x10"), i256(-16));
    }

    void twosComplementRoundTrips()
    {
        QCOMPARE(toTwosComplement(i256(-1)), maxUnsigned(256));
        QCOMPARE(fromTwosComplement(maxUnsigned(256)), i256(-1));
        const i256 min = -(i256(1) << 255);
        QCOMPARE(toTwosComplement(min), u256(1) << 255);
        QCOMPARE(fromTwosComplement(u256(1) << 255), min);
        for (const i256 &v : {i256(0), i256(1), i256(-2), i256(1) << 200, -(i256(1) << 200), (i256(1) << 255) - 1})
            QCOMPARE(fromTwosComplement(toTwosComplement(v)), v);
    }

    void bigEndianAndQuantities()
    {
        QCOMPARE(toBigEndian(u256(0x0102), 4), unhex("00000102"));
        QCOMPARE(toMinimalBigEndian(u256(0)), QByteArray());
        QCOMPARE(toMinimalBigEndian(u256(0x10000)), unhex("010000"));
        QCOMPARE(fromBigEndian(unhex("0102")), u256(0x0102));
        QCOMPARE(toHexQuantity(u256(0)), QStringLiteral("0x0"));
        QCOMPARE(toHexQuantity(u256(0x1ab)), QStringLiteral("0x1ab"));
        QCOMPARE(*parseHexQuantity(u"0x0"), u256(0));
        QCOMPARE(*parseHexQuantity(u"0x1ab"), u256(0x1ab));
        QVERIFY(!parseHexQuantity(u"0x01"));
        QVERIFY(!parseHexQuantity(u"0x"));
        QVERIFY(!parseHexQuantity(u"12"));
        QCOMPARE(maxUnsigned(8), u256(255));
    }

    // -------------------------------------------------------------------------------------- keccak
    void keccakMatchesKnownDigests()
    {
        QCOMPARE(toHex(keccak256(QByteArray())),
                 QStringLiteral("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
        QCOMPARE(toHex(keccak256("hello")),
                 QStringLiteral("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8"));
        QCOMPARE(toHex(keccak256("transfer(address,uint256)").left(4)), QStringLiteral("0xa9059cbb"));
    }

    // ------------------------------------------------------------------------------------- address
    void eip55VectorsRoundTrip_data()
    {
        QTest::addColumn<QString>("address");
        // The examples of EIP-55 (all caps, all lower, mixed).
        for (const char *a : {"0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
                              "0xde709f2102306220921060314715629080e2fb77",
                              "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                              "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
            QTest::newRow(a) << QString::fromLatin1(a);
    }

    void eip55VectorsRoundTrip()
    {
        QFETCH(QString, address);
        auto parsed = Address::fromString(address);
        QVERIFY2(parsed, qPrintable(address));
        QCOMPARE(parsed->toLowerHex(), address.toLower());
        auto again = Address::fromString(parsed->toChecksumString());
        QVERIFY(again);
        QCOMPARE(*again, *parsed);
    }

    void eip55ChecksumsAreExact()
    {
        QCOMPARE(Address::fromString(u"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")->toChecksumString(),
                 QStringLiteral("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        QCOMPARE(Address::fromString(u"0xD1220A0CF47C7B9BE7A2E6BA89F429762E7B9ADB")->toChecksumString(),
                 QStringLiteral("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"));
        QCOMPARE(Address().toChecksumString(), QStringLiteral("0x0000000000000000000000000000000000000000"));
        QVERIFY(Address().isZero());
    }

    void wrongMixedCaseChecksumIsRejected()
    {
        // One letter's case flipped: a typo the checksum exists to catch.
        auto bad = Address::fromString(u"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, apedesk::Error::Kind::Format);
        QVERIFY(!Address::fromString(u"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }

    void malformedAddressesAreRejected()
    {
        for (const char16_t *bad : {u"5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", u"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
                                    u"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", u"0xzaAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                                    u"", u"0x"})
            QVERIFY2(!Address::fromString(bad), qPrintable(QString::fromUtf16(bad)));
        QVERIFY(!Address::fromBytes(QByteArray(19, '\1')));
        QVERIFY(Address::fromBytes(QByteArray(20, '\1')));
    }

    void addressFromPublicKey()
    {
        // The secp256k1 generator point G, the public key of private key 1.
        const QByteArray g = unhex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                                   "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
        QCOMPARE(Address::fromPublicKey(g).toChecksumString(), QStringLiteral("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"));
    }

    void hash32IsStrict()
    {
        QVERIFY(Hash32::fromString(QString(QStringLiteral("0x") + QString(64, QLatin1Char('a')))));
        QVERIFY(!Hash32::fromString(QString(64, QLatin1Char('a'))));
        QVERIFY(!Hash32::fromString(QString(QStringLiteral("0x") + QString(62, QLatin1Char('a')))));
        QVERIFY(!Hash32::fromBytes(QByteArray(31, '\0')));
    }

    // ----------------------------------------------------------------------------------------- rlp
    void rlpEncodesKnownVectors()
    {
        using rlp::Item;
        QCOMPARE(rlp::encode(Item::string("dog")), unhex("83646f67"));
        QCOMPARE(rlp::encode(Item::list({Item::string("cat"), Item::string("dog")})), unhex("c88363617483646f67"));
        QCOMPARE(rlp::encode(Item::string({})), unhex("80"));
        QCOMPARE(rlp::encode(Item::list({})), unhex("c0"));
        QCOMPARE(rlp::encodeUint(0), unhex("80"));
        QCOMPARE(rlp::encode(Item::string(unhex("00"))), unhex("00"));
        QCOMPARE(rlp::encode(Item::string(unhex("0f"))), unhex("0f"));
        QCOMPARE(rlp::encode(Item::string(unhex("80"))), unhex("8180"));
        QCOMPARE(rlp::encodeUint(1024), unhex("820400"));
        // The set-theoretical representation of three: [ [], [[]], [ [], [[]] ] ].
        const Item three = Item::list({Item::list({}), Item::list({Item::list({})}),
                                       Item::list({Item::list({}), Item::list({Item::list({})})})});
        QCOMPARE(rlp::encode(three), unhex("c7c0c1c0c3c0c1c0"));
        const QByteArray lorem("Lorem ipsum dolor sit amet, consectetur adipisicing elit");
        QCOMPARE(rlp::encode(Item::string(lorem)), unhex("b838") + lorem);
        // A long list: header with a length of length.
        QList<Item> many(30, Item::string("ab"));
        const QByteArray encodedMany = rlp::encode(Item::list(many));
        QCOMPARE(encodedMany.left(2), unhex("f85a"));
        QCOMPARE(*rlp::decode(encodedMany), Item::list(many));
    }

    void rlpDecodesWhatItEncodes()
    {
        using rlp::Item;
        const Item nested = Item::list({Item::string("cat"), Item::list({Item::string({}), Item::string(QByteArray(300, 'x'))}),
                                        Item::string(unhex("7f"))});
        auto decoded = rlp::decode(rlp::encode(nested));
        QVERIFY(decoded);
        QCOMPARE(*decoded, nested);
        QCOMPARE(rlp::decode(unhex("8180"))->bytes, unhex("80"));
        QCOMPARE(rlp::decode(unhex("00"))->bytes, unhex("00"));
        QCOMPARE(*rlp::toUint(*rlp::decode(unhex("820400"))), u256(1024));
        QCOMPARE(*rlp::toUint(*rlp::decode(unhex("80"))), u256(0));
    }

    void rlpRejectsNonCanonicalAndTruncatedInput_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("single byte below 0x80 in a header") << unhex("8100");
        QTest::newRow("single byte 0x7f in a header") << unhex("817f");
        QTest::newRow("long form for a short string") << unhex("b80161");
        QTest::newRow("long form for a 55-byte string") << (unhex("b837") + QByteArray(55, 'a'));
        QTest::newRow("long form for a short list") << unhex("f800");
        QTest::newRow("length with a leading zero") << (unhex("b90038") + QByteArray(56, 'a'));
        QTest::newRow("trailing bytes") << unhex("8000");
        QTest::newRow("two items at the top") << unhex("0102");
        QTest::newRow("payload past the end") << unhex("83646f");
        QTest::newRow("length of length past the end") << unhex("b9");
        QTest::newRow("list payload past the end") << unhex("c3c0c0");
        QTest::newRow("item crossing the list end") << unhex("c28363617483");
        QTest::newRow("empty input") << QByteArray();
        QTest::newRow("header only") << unhex("81");
        QTest::newRow("huge length") << unhex("bf7fffffffffffffff");
        QTest::newRow("nested lengths that do not add up") << (QByteArray(100, '\xc1') + unhex("c0"));
    }

    void rlpRejectsNonCanonicalAndTruncatedInput()
    {
        QFETCH(QByteArray, data);
        auto decoded = rlp::decode(data);
        QVERIFY2(!decoded, qPrintable(toHex(data)));
        QCOMPARE(decoded.error().kind, apedesk::Error::Kind::Format);
    }

    void rlpDepthLimitIsExact()
    {
        // kMaxDepth levels of nesting decode; one more does not.
        QByteArray ok = unhex("c0");
        for (int i = 0; i < rlp::kMaxDepth; ++i)
            ok = rlp::encodeList({ok});
        QVERIFY(rlp::decode(ok));
        QVERIFY(!rlp::decode(rlp::encodeList({ok})));
    }

    void rlpIntegersAreMinimal()
    {
        QVERIFY(!rlp::toUint(*rlp::decode(unhex("00"))));          // zero must be the empty string
        QVERIFY(!rlp::toUint(*rlp::decode(unhex("820004"))));      // leading zero byte
        QVERIFY(!rlp::toUint(*rlp::decode(unhex("c0"))));          // a list is not an integer
        QVERIFY(!rlp::toUint(rlp::Item::string(QByteArray(33, '\1'))));
        QCOMPARE(*rlp::toUint(*rlp::decode(rlp::encodeUint(maxUnsigned(256)))), maxUnsigned(256));
    }
};

QTEST_GUILESS_MAIN(TestEthPrimitives)
#include "test_eth_primitives.moc"
