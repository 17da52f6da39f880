// The Solidity ABI: types and signatures, cast's argument syntax, encoding, strict decoding, cast's
// printed forms, ABI JSON (the real Uniswap artifacts), event logs and revert data.

#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/keccak.h"

#include <QFile>
#include <QTest>

using namespace apedesk;
using namespace apedesk::eth;
using namespace apedesk::eth::abi;

namespace {
QByteArray unhex(const char *hex) { return QByteArray::fromHex(hex); }

Type type(const char *text)
{
    auto parsed = Type::parse(QString::fromLatin1(text));
    if (!parsed)
        qFatal("bad type in test: %s (%s)", text, qPrintable(parsed.error().toString()));
    return *parsed;
}

QList<Type> types(std::initializer_list<const char *> texts)
{
    QList<Type> out;
    for (const char *text : texts)
        out.append(type(text));
    return out;
}

Value arg(const char *typeText, const QString &text)
{
    auto value = parseArgument(type(typeText), text);
    if (!value)
        qFatal("bad argument in test: %s (%s)", qPrintable(text), qPrintable(value.error().toString()));
    return *value;
}

QByteArray word(const char *hex)   // one left-padded 32-byte word
{
    const QByteArray bytes = unhex(hex);
    return QByteArray(32 - bytes.size(), '\0') + bytes;
}

QString nodeModules() { return qEnvironmentVariable("APEDESK_NODE_MODULES"); }
QString universalRouterJson()
{
    return nodeModules() + QStringLiteral("/@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json");
}
QString poolManagerJson() { return nodeModules() + QStringLiteral("/@uniswap/v4-core/out/PoolManager.sol/PoolManager.json"); }
} // namespace

class TestAbi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --------------------------------------------------------------------------------- types
    void typesParseToCanonicalForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("uint") << QStringLiteral("uint") << QStringLiteral("uint256");
        QTest::newRow("int") << QStringLiteral("int") << QStringLiteral("int256");
        QTest::newRow("uint8") << QStringLiteral("uint8") << QStringLiteral("uint8");
        QTest::newRow("int24") << QStringLiteral("int24") << QStringLiteral("int24");
        QTest::newRow("bytes1") << QStringLiteral("bytes1") << QStringLiteral("bytes1");
        QTest::newRow("bytes32") << QStringLiteral("bytes32") << QStringLiteral("bytes32");
        QTest::newRow("arrays") << QStringLiteral("uint[][3]") << QStringLiteral("uint256[][3]");
        QTest::newRow("tuple") << QStringLiteral("(uint, address ,bool)") << QStringLiteral("(uint256,address,bool)");
        QTest::newRow("tuple keyword") << QStringLiteral("tuple(int,string)[]") << QStringLiteral("(int256,string)[]");
        QTest::newRow("named components") << QStringLiteral("(uint256 amount, address to)") << QStringLiteral("(uint256,address)");
        QTest::newRow("nested") << QStringLiteral("(uint256,(address,bytes)[2])[]") << QStringLiteral("(uint256,(address,bytes)[2])[]");
        QTest::newRow("blanks") << QStringLiteral(" ( uint8 [ ] , string ) [ 2 ] ") << QStringLiteral("(uint8[],string)[2]");
    }

    void typesParseToCanonicalForm()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        auto parsed = Type::parse(text);
        QVERIFY2(parsed, qPrintable(text));
        QCOMPARE(parsed->canonical(), canonical);
    }

    void invalidTypesAreRejected_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"uint7", "uint264", "uint0", "uint08", "int9", "bytes0", "bytes33", "bytes01", "uint256[0]",
                                "uint256[", "uint256[x]", "()", "(uint256", "(uint256,)", "fixed", "ufixed128x18",
                                "function", "tuple", "address[]]", "", "uint256[99999999999]", "uint256[100000][100000]"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
        QTest::newRow("deep arrays") << QString(QStringLiteral("uint8") + QStringLiteral("[]").repeated(40));
        QTest::newRow("deep tuples") << QString(QStringLiteral("(").repeated(40) + QStringLiteral("bool") + QStringLiteral(")").repeated(40));
    }

    void invalidTypesAreRejected()
    {
        QFETCH(QString, text);
        auto parsed = Type::parse(text);
        QVERIFY2(!parsed, qPrintable(text));
        QCOMPARE(parsed.error().kind, Error::Kind::Format);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void typeLayout()
    {
        QVERIFY(!type("(uint256,bool)").isDynamic());
        QCOMPARE(type("(uint256,bool)").headSize(), 64);
        QCOMPARE(type("uint8[3][2]").headSize(), 192);
        QVERIFY(type("(uint256,bytes)").isDynamic());
        QCOMPARE(type("(uint256,bytes)").headSize(), 32);
        QVERIFY(type("string[2]").isDynamic());
        QVERIFY(type("uint256[]").isDynamic());
    }

    void signaturesParseLikeCast()
    {
        auto transfer = Signature::parse(u"transfer(address,uint256)");
        QVERIFY(transfer);
        QCOMPARE(toHex(transfer->selector()), QStringLiteral("0xa9059cbb"));
        QVERIFY(transfer->outputs.isEmpty());

        auto full = Signature::parse(u"function transfer(address to, uint amount) external returns (bool ok)");
        QVERIFY(full);
        QCOMPARE(full->canonical(), QStringLiteral("transfer(address,uint256)"));
        QCOMPARE(full->inputs[1].name, QStringLiteral("amount"));
        QCOMPARE(full->outputs.size(), 1);
        QCOMPARE(full->outputs[0].name, QStringLiteral("ok"));

        auto withOutputs = Signature::parse(u"balanceOf(address)(uint256)");
        QVERIFY(withOutputs);
        QCOMPARE(toHex(withOutputs->selector()), QStringLiteral("0x70a08231"));
        QCOMPARE(withOutputs->outputs[0].type.canonical(), QStringLiteral("uint256"));

        auto event = Signature::parse(u"event Transfer(address indexed from, address indexed to, uint256 value)");
        QVERIFY(event);
        QVERIFY(event->inputs[0].indexed);
        QVERIFY(!event->inputs[2].indexed);

        QCOMPARE(toHex(Signature::parse(u"execute(bytes,bytes[],uint256)")->selector()), QStringLiteral("0x3593564c"));
        QCOMPARE(toHex(Signature::parse(u"swap((address,address,uint24,int24,address),(bool,int256,uint160),bytes)")->selector()),
                 QStringLiteral("0xf3cd914c"));
        QCOMPARE(Signature::parse(u"f()")->inputs.size(), 0);
        QCOMPARE(Signature::parse(u"f(uint256[] memory xs, bytes calldata data)")->canonical(), QStringLiteral("f(uint256[],bytes)"));

        for (const char16_t *bad : {u"f", u"(uint256)", u"uint256", u"0x12345678", u"f(uint256", u"f(uint256) x y",
                                    u"f(uint256 a b)", u"f(uint7)", u"f(uint256)(", u""})
            QVERIFY2(!Signature::parse(bad), qPrintable(QString::fromUtf16(bad)));
    }

    // ----------------------------------------------------------------------------- arguments
    void numbersParseInCastsForms_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("decimal");
        QTest::newRow("decimal") << QStringLiteral("uint256") << QStringLiteral("1000") << QStringLiteral("1000");
        QTest::newRow("hex") << QStringLiteral("uint256") << QStringLiteral("0xff") << QStringLiteral("255");
        QTest::newRow("upper hex") << QStringLiteral("uint256") << QStringLiteral("0XFF") << QStringLiteral("255");
        QTest::newRow("binary") << QStringLiteral("uint256") << QStringLiteral("0b101") << QStringLiteral("5");
        QTest::newRow("octal") << QStringLiteral("uint256") << QStringLiteral("0o17") << QStringLiteral("15");
        QTest::newRow("leading zeros") << QStringLiteral("uint256") << QStringLiteral("00012") << QStringLiteral("12");
        QTest::newRow("scientific") << QStringLiteral("uint256") << QStringLiteral("1e18") << QStringLiteral("1000000000000000000");
        QTest::newRow("scientific fraction") << QStringLiteral("uint256") << QStringLiteral("1.5e18") << QStringLiteral("1500000000000000000");
        QTest::newRow("exponent plus") << QStringLiteral("uint256") << QStringLiteral("1e+2") << QStringLiteral("100");
        QTest::newRow("ether") << QStringLiteral("uint256") << QStringLiteral("1.5 ether") << QStringLiteral("1500000000000000000");
        QTest::newRow("ether glued") << QStringLiteral("uint256") << QStringLiteral("2ether") << QStringLiteral("2000000000000000000");
        QTest::newRow("gwei") << QStringLiteral("uint256") << QStringLiteral("2 gwei") << QStringLiteral("2000000000");
        QTest::newRow("nanoether") << QStringLiteral("uint256") << QStringLiteral("1 nanoether") << QStringLiteral("1000000000");
        QTest::newRow("wei") << QStringLiteral("uint256") << QStringLiteral("7 wei") << QStringLiteral("7");
        QTest::newRow("hex ether") << QStringLiteral("uint256") << QStringLiteral("0x10 ether") << QStringLiteral("16000000000000000000");
        QTest::newRow("trailing blank") << QStringLiteral("uint256") << QStringLiteral("5 ") << QStringLiteral("5");
        QTest::newRow("uint8 max") << QStringLiteral("uint8") << QStringLiteral("255") << QStringLiteral("255");
        QTest::newRow("int8 min") << QStringLiteral("int8") << QStringLiteral("-128") << QStringLiteral("-128");
        QTest::newRow("int8 max") << QStringLiteral("int8") << QStringLiteral("127") << QStringLiteral("127");
        QTest::newRow("negative hex") << QStringLiteral("int8") << QStringLiteral("-0x80") << QStringLiteral("-128");
        QTest::newRow("negative scientific") << QStringLiteral("int256") << QStringLiteral("-1e18") << QStringLiteral("-1000000000000000000");
        QTest::newRow("int256 min") << QStringLiteral("int256")
                                    << QStringLiteral("-57896044618658097711785492504343953926634992332820282019728792003956564819968")
                                    << QStringLiteral("-57896044618658097711785492504343953926634992332820282019728792003956564819968");
        QTest::newRow("uint256 max") << QStringLiteral("uint256") << QString(QStringLiteral("0x") + QString(64, QLatin1Char('f')))
                                     << QStringLiteral("115792089237316195423570985008687907853269984665640564039457584007913129639935");
    }

    void numbersParseInCastsForms()
    {
        QFETCH(QString, type);
        QFETCH(QString, text);
        QFETCH(QString, decimal);
        auto value = parseArgument(::type(type.toLatin1().constData()), text);
        QVERIFY2(value, qPrintable(value ? QString() : value.error().toString()));
        QCOMPARE(value->kind == Type::Kind::Int ? toDecimal(value->intValue) : toDecimal(value->uintValue), decimal);
    }

    void badNumbersAreRejected_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("text");
        QTest::newRow("uint8 overflow") << QStringLiteral("uint8") << QStringLiteral("256");
        QTest::newRow("uint8 hex overflow") << QStringLiteral("uint8") << QStringLiteral("0x100");
        QTest::newRow("int8 overflow") << QStringLiteral("int8") << QStringLiteral("128");
        QTest::newRow("int8 underflow") << QStringLiteral("int8") << QStringLiteral("-129");   // cast wraps this one; it is out of range
        QTest::newRow("int8 0x80") << QStringLiteral("int8") << QStringLiteral("0x80");
        QTest::newRow("negative uint") << QStringLiteral("uint256") << QStringLiteral("-1");
        QTest::newRow("over 2^256") << QStringLiteral("uint256") << QStringLiteral("1e78");
        QTest::newRow("fraction") << QStringLiteral("uint256") << QStringLiteral("1.5");
        QTest::newRow("too many decimals") << QStringLiteral("uint256") << QStringLiteral("1.0000000000000000001 ether");
        QTest::newRow("negative exponent") << QStringLiteral("uint256") << QStringLiteral("1e-1");
        QTest::newRow("unknown unit") << QStringLiteral("uint256") << QStringLiteral("1 szabo");
        QTest::newRow("empty") << QStringLiteral("uint256") << QStringLiteral("");
        QTest::newRow("no digits") << QStringLiteral("uint256") << QStringLiteral("0x");
        QTest::newRow("plus") << QStringLiteral("uint256") << QStringLiteral("+5");
        QTest::newRow("underscore") << QStringLiteral("uint256") << QStringLiteral("1_000");
        QTest::newRow("double minus") << QStringLiteral("int256") << QStringLiteral("--1");
        QTest::newRow("hex glued unit") << QStringLiteral("uint256") << QStringLiteral("0x10ether");
    }

    void badNumbersAreRejected()
    {
        QFETCH(QString, type);
        QFETCH(QString, text);
        auto value = parseArgument(::type(type.toLatin1().constData()), text);
        QVERIFY2(!value, qPrintable(text));
        QCOMPARE(value.error().kind, Error::Kind::Format);
        QVERIFY(!value.error().message.isEmpty());
    }

    void scalarArguments()
    {
        QCOMPARE(arg("bool", QStringLiteral("true")), Value::fromBool(true));
        QCOMPARE(arg("bool", QStringLiteral("false")), Value::fromBool(false));
        QVERIFY(!parseArgument(type("bool"), u"1"));
        QVERIFY(!parseArgument(type("bool"), u"True"));
        const Address dead = *Address::fromString(u"0x000000000000000000000000000000000000dEaD");
        QCOMPARE(arg("address", QStringLiteral("0x000000000000000000000000000000000000dEaD")), Value::fromAddress(dead));
        QCOMPARE(arg("address", QStringLiteral("0x000000000000000000000000000000000000dead")), Value::fromAddress(dead));
        QCOMPARE(arg("address", QStringLiteral("000000000000000000000000000000000000dead")), Value::fromAddress(dead));
        QVERIFY(!parseArgument(type("address"), u"0x000000000000000000000000000000000000DeaD"));   // bad checksum
        QVERIFY(!parseArgument(type("address"), u"0x00000000000000000000000000000000000dead"));
        QCOMPARE(arg("bytes", QStringLiteral("0x0102")), Value::fromBytes(unhex("0102")));
        QCOMPARE(arg("bytes", QStringLiteral("0102")), Value::fromBytes(unhex("0102")));
        QCOMPARE(arg("bytes", QStringLiteral("0x")), Value::fromBytes({}));
        QVERIFY(!parseArgument(type("bytes"), u""));
        QVERIFY(!parseArgument(type("bytes"), u"0x123"));
        QCOMPARE(arg("bytes3", QStringLiteral("0x123456")), Value::fromFixedBytes(unhex("123456")));
        QVERIFY(!parseArgument(type("bytes3"), u"0x12"));         // bytesN takes exactly N bytes, as in cast
        QVERIFY(!parseArgument(type("bytes3"), u"0x12345678"));
    }

    void stringArguments()
    {
        QCOMPARE(arg("string", QStringLiteral("hello")).toQString(), QStringLiteral("hello"));
        QCOMPARE(arg("string", QStringLiteral("\"hello\"")).toQString(), QStringLiteral("hello"));
        QCOMPARE(arg("string", QStringLiteral("'hi'")).toQString(), QStringLiteral("hi"));
        QCOMPARE(arg("string", QStringLiteral(" hello ")).toQString(), QStringLiteral(" hello"));   // as cast
        QCOMPARE(arg("string", QStringLiteral("a\"b")).toQString(), QStringLiteral("a\"b"));
        QCOMPARE(arg("string", QString()).toQString(), QString());
        QCOMPARE(arg("string", QStringLiteral("héllo 😀")).toQString(), QStringLiteral("héllo 😀"));
        QVERIFY(!parseArgument(type("string"), u"\""));
        QVERIFY(!parseArgument(type("string"), u"\"a\"b\""));
    }

    void compositeArguments()
    {
        const Value v = arg("(uint256,(address,bytes)[2])[]",
                            QStringLiteral("[ (1, [(0x000000000000000000000000000000000000dead, 0x01) ,"
                                           "(0x000000000000000000000000000000000000beef,0x)]) ]"));
        QCOMPARE(v.kind, Type::Kind::Array);
        QCOMPARE(v.items.size(), 1);
        QCOMPARE(v.items[0].items[1].kind, Type::Kind::FixedArray);
        QCOMPARE(v.items[0].items[1].items[1].items[1], Value::fromBytes({}));

        const Value strings = arg("string[]", QStringLiteral("[a b , \"c,d\", 'e]f', ]"));
        QCOMPARE(strings.items.size(), 3);
        QCOMPARE(strings.items[0].toQString(), QStringLiteral("a b"));
        QCOMPARE(strings.items[1].toQString(), QStringLiteral("c,d"));
        QCOMPARE(strings.items[2].toQString(), QStringLiteral("e]f"));
        QCOMPARE(arg("string[]", QStringLiteral("[]")).items.size(), 0);
        QCOMPARE(arg("uint8[][]", QStringLiteral("[[],[1, 2e1]]")).items[1].items[1], Value::fromUint(20));
        QCOMPARE(arg("(string,uint8)", QStringLiteral("(  x y , 5 )")).items[0].toQString(), QStringLiteral("x y"));

        for (const auto &[t, text] : std::initializer_list<std::pair<const char *, const char16_t *>>{
                 {"uint8[2]", u"[1]"}, {"uint8[2]", u"[1,2,3]"}, {"(uint8,string)", u"(1)"}, {"(uint8,string)", u"(1,a,b)"},
                 {"(uint8)", u"1"}, {"uint8[]", u"[1]x"}, {"uint8[]", u"[1"}, {"uint8[]", u"[,]"}, {"uint8[]", u"[1,,2]"},
                 {"string[]", u"[\"a]"}, {"(bool,bool)", u"(true,maybe)"}})
            QVERIFY2(!parseArgument(type(t), text), t);
    }

    void argumentCountMustMatch()
    {
        auto values = parseArguments(types({"uint256", "bool"}), {QStringLiteral("1")});
        QVERIFY(!values);
        QCOMPARE(values.error().kind, Error::Kind::Usage);
    }

    // ------------------------------------------------------------------------------ encoding
    void encodingMatchesTheSpecificationExamples()
    {
        // The examples of the Solidity ABI specification.
        auto baz = Signature::parse(u"baz(uint32,bool)");
        QCOMPARE(toHex(*encodeCall(*baz, {Value::fromUint(69), Value::fromBool(true)})),
                 QStringLiteral("0xcdcd77c000000000000000000000000000000000000000000000000000000000000000450000000000000000000000000000000000000000000000000000000000000001"));

        auto sam = Signature::parse(u"sam(bytes,bool,uint256[])");
        auto samArgs = parseArguments(typesOf(sam->inputs), {QStringLiteral("0x64617665"), QStringLiteral("true"), QStringLiteral("[1,2,3]")});
        QVERIFY(samArgs);
        QCOMPARE(toHex(*encodeCall(*sam, *samArgs)),
                 QStringLiteral("0xa5643bf2"
                                "0000000000000000000000000000000000000000000000000000000000000060"
                                "0000000000000000000000000000000000000000000000000000000000000001"
                                "00000000000000000000000000000000000000000000000000000000000000a0"
                                "0000000000000000000000000000000000000000000000000000000000000004"
                                "6461766500000000000000000000000000000000000000000000000000000000"
                                "0000000000000000000000000000000000000000000000000000000000000003"
                                "0000000000000000000000000000000000000000000000000000000000000001"
                                "0000000000000000000000000000000000000000000000000000000000000002"
                                "0000000000000000000000000000000000000000000000000000000000000003"));

        auto g = Signature::parse(u"g(uint256[][],string[])");
        auto gArgs = parseArguments(typesOf(g->inputs), {QStringLiteral("[[1,2],[3]]"), QStringLiteral("[one,two,three]")});
        QCOMPARE(toHex(*encodeCall(*g, *gArgs)),
                 QStringLiteral("0x2289b18c"
                                "0000000000000000000000000000000000000000000000000000000000000040"
                                "0000000000000000000000000000000000000000000000000000000000000140"
                                "0000000000000000000000000000000000000000000000000000000000000002"
                                "0000000000000000000000000000000000000000000000000000000000000040"
                                "00000000000000000000000000000000000000000000000000000000000000a0"
                                "0000000000000000000000000000000000000000000000000000000000000002"
                                "0000000000000000000000000000000000000000000000000000000000000001"
                                "0000000000000000000000000000000000000000000000000000000000000002"
                                "0000000000000000000000000000000000000000000000000000000000000001"
                                "0000000000000000000000000000000000000000000000000000000000000003"
                                "0000000000000000000000000000000000000000000000000000000000000003"
                                "0000000000000000000000000000000000000000000000000000000000000060"
                                "00000000000000000000000000000000000000000000000000000000000000a0"
                                "00000000000000000000000000000000000000000000000000000000000000e0"
                                "0000000000000000000000000000000000000000000000000000000000000003"
                                "6f6e650000000000000000000000000000000000000000000000000000000000"
                                "0000000000000000000000000000000000000000000000000000000000000003"
                                "74776f0000000000000000000000000000000000000000000000000000000000"
                                "0000000000000000000000000000000000000000000000000000000000000005"
                                "7468726565000000000000000000000000000000000000000000000000000000"));
    }

    void encodingOfScalars()
    {
        QCOMPARE(*encode({type("int8")}, {Value::fromInt(-1)}), QByteArray(32, '\xff'));
        QCOMPARE(*encode({type("address")}, {arg("address", QStringLiteral("0x000000000000000000000000000000000000dead"))}),
                 word("dead"));
        QCOMPARE(*encode({type("bytes2")}, {Value::fromFixedBytes(unhex("abcd"))}), unhex("abcd") + QByteArray(30, '\0'));
        QCOMPARE(*encode({}, {}), QByteArray());
    }

    void valuesMustFitTheirTypes()
    {
        QVERIFY(!encode({type("uint8")}, {Value::fromUint(256)}));
        QVERIFY(!encode({type("int8")}, {Value::fromInt(-129)}));
        QVERIFY(!encode({type("bool")}, {Value::fromUint(1)}));             // wrong kind
        QVERIFY(!encode({type("bytes2")}, {Value::fromFixedBytes(unhex("01"))}));
        QVERIFY(!encode({type("uint8[2]")}, {Value::fixedArray({Value::fromUint(1)})}));
        QVERIFY(!encode({type("(uint8,bool)")}, {Value::tuple({Value::fromUint(1)})}));
        QVERIFY(!encode({type("uint8")}, {}));
    }

    void nestedValuesRoundTrip_data()
    {
        QTest::addColumn<QString>("types");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("scalars") << QStringLiteral("uint8,int256,address,bool,bytes32")
                                 << QStringList{"255", "-1", "0x000000000000000000000000000000000000dEaD", "true",
                                                "0x" + QString(64, QLatin1Char('a'))};
        QTest::newRow("dynamic") << QStringLiteral("bytes,string,uint256[]") << QStringList{"0x" + QString(100, QLatin1Char('b')), "héllo", "[1,2,3]"};
        QTest::newRow("nested") << QStringLiteral("(uint256,(address,bytes)[2])[]")
                                << QStringList{"[(1,[(0x000000000000000000000000000000000000dead,0x01),(0x000000000000000000000000000000000000beef,0x)]),"
                                               "(2,[(0x0000000000000000000000000000000000000001,0x),(0x0000000000000000000000000000000000000002,0xffff)])]"};
        QTest::newRow("static tuple array") << QStringLiteral("(uint8,bool)[3],int16[2][2]")
                                            << QStringList{"[(1,true),(2,false),(3,true)]", "[[-1,2],[3,-4]]"};
        QTest::newRow("dynamic fixed array") << QStringLiteral("string[2],bytes[][2]") << QStringList{"[a,b]", "[[0x01],[]]"};
        QTest::newRow("empty arrays") << QStringLiteral("uint256[],string[][]") << QStringList{"[]", "[[],[]]"};
    }

    void nestedValuesRoundTrip()
    {
        QFETCH(QString, types);
        QFETCH(QStringList, args);
        auto signature = Signature::parse(QString(QStringLiteral("f(") + types + QLatin1Char(')')));
        QVERIFY(signature);
        const QList<Type> list = typesOf(signature->inputs);
        auto values = parseArguments(list, args);
        QVERIFY2(values, qPrintable(values ? QString() : values.error().toString()));
        auto encoded = encode(list, *values);
        QVERIFY(encoded);
        QCOMPARE(encoded->size() % 32, 0);
        for (DecodeMode mode : {DecodeMode::Strict, DecodeMode::Canonical}) {
            auto decoded = decode(list, *encoded, mode);
            QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().toString()));
            QCOMPARE(*decoded, *values);
        }
        auto call = encodeCall(*signature, *values);
        QCOMPARE(*decodeCall(*signature, *call), *values);
        QVERIFY(!decodeCall(*signature, call->mid(1)));
    }

    // ------------------------------------------------------------------------------ decoding
    void malformedDataIsAnError_data()
    {
        QTest::addColumn<QString>("types");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QStringLiteral("uint256") << QByteArray();
        QTest::newRow("short word") << QStringLiteral("uint256") << QByteArray(31, '\0');
        QTest::newRow("uint8 high bits") << QStringLiteral("uint8") << word("0100");
        QTest::newRow("int8 not sign extended") << QStringLiteral("int8") << word("ff");
        QTest::newRow("int8 bad negative") << QStringLiteral("int8") << (QByteArray(31, '\xff') + unhex("7f"));
        QTest::newRow("bool 2") << QStringLiteral("bool") << word("02");
        QTest::newRow("dirty address") << QStringLiteral("address") << word("010000000000000000000000000000000000000000");
        QTest::newRow("dirty bytes3") << QStringLiteral("bytes3") << (unhex("abcdef01") + QByteArray(28, '\0'));
        QTest::newRow("offset past end") << QStringLiteral("bytes") << word("40");
        QTest::newRow("offset huge") << QStringLiteral("bytes") << QByteArray(32, '\xff');
        QTest::newRow("length past end") << QStringLiteral("bytes") << (word("20") + word("21") + QByteArray(32, 'a'));
        QTest::newRow("missing padding") << QStringLiteral("bytes") << (word("20") + word("02") + unhex("4141"));
        QTest::newRow("dirty padding") << QStringLiteral("string") << (word("20") + word("02") + unhex("4141ff") + QByteArray(29, '\0'));
        QTest::newRow("huge array length") << QStringLiteral("uint256[]") << (word("20") + QByteArray(32, '\x7f'));
        QTest::newRow("array longer than data") << QStringLiteral("uint256[]") << (word("20") + word("03") + word("01") + word("02"));
        QTest::newRow("offset to nowhere in array") << QStringLiteral("bytes[]") << (word("20") + word("01") + word("1000"));
        QTest::newRow("static tuple short") << QStringLiteral("(uint256,uint256)") << word("01");
    }

    void malformedDataIsAnError()
    {
        QFETCH(QString, types);
        QFETCH(QByteArray, data);
        auto decoded = decode({type(types.toLatin1().constData())}, data);
        QVERIFY2(!decoded, qPrintable(toHex(data)));
        QCOMPARE(decoded.error().kind, Error::Kind::Format);
        QVERIFY(!decoded.error().message.isEmpty());
    }

    void canonicalModeIsStricterThanStrict()
    {
        const QList<Type> list{type("uint256")};
        const QByteArray one = word("01");
        const QByteArray oneAndMore = one + QByteArray(1, '\0');
        QVERIFY(decode(list, oneAndMore, DecodeMode::Strict));       // trailing bytes: cast accepts
        QVERIFY(!decode(list, oneAndMore, DecodeMode::Canonical));
        // A bytes value whose offset skips a word: valid, but not what encode() writes.
        const QByteArray skipped = word("40") + QByteArray(32, '\0') + word("01") + unhex("61") + QByteArray(31, '\0');
        QCOMPARE(decode({type("bytes")}, skipped)->first(), Value::fromBytes("a"));
        QVERIFY(!decode({type("bytes")}, skipped, DecodeMode::Canonical));
    }

    void aliasedOffsetsCannotBlowUp()
    {
        // uint256[][][][] where every array's elements all point at the same inner array: without a work
        // limit, 40 levels of 40 shared elements would mean 40^4 values from 2 KB of data.
        const int n = 40;
        QByteArray data = word("20");
        for (int level = 0; level < 4; ++level) {
            data += word(QByteArray::number(n, 16).rightJustified(2, '0').constData());
            const qsizetype next = 32 * n;   // offset of the next level relative to this array's elements
            for (int i = 0; i < n; ++i)
                data += word(QByteArray::number(next, 16).rightJustified(4, '0').constData());
        }
        data += word("00");
        auto decoded = decode({type("uint256[][][][]")}, data);
        QVERIFY(!decoded);
        QVERIFY(decoded.error().message.contains(QLatin1String("too many times")));
    }

    void decodeWordOfStaticTypes()
    {
        QCOMPARE(*decodeWord(type("address"), word("dead")), arg("address", QStringLiteral("0x000000000000000000000000000000000000dead")));
        QVERIFY(!decodeWord(type("string"), word("01")));
        QVERIFY(!decodeWord(type("uint8"), word("0100")));
    }

    // ---------------------------------------------------------------------------------- print
    void valuesPrintLikeCast()
    {
        QCOMPARE(formatValue(Value::fromUint(999)), QStringLiteral("999"));
        QCOMPARE(formatValue(Value::fromUint(9999)), QStringLiteral("9999"));
        QCOMPARE(formatValue(Value::fromUint(10000)), QStringLiteral("10000 [1e4]"));
        QCOMPARE(formatValue(Value::fromUint(12345)), QStringLiteral("12345 [1.234e4]"));
        QCOMPARE(formatValue(Value::fromUint(123456789)), QStringLiteral("123456789 [1.234e8]"));
        QCOMPARE(formatValue(arg("uint256", QStringLiteral("1e18"))), QStringLiteral("1000000000000000000 [1e18]"));
        QCOMPARE(formatValue(Value::fromUint(maxUnsigned(256))),
                 QStringLiteral("115792089237316195423570985008687907853269984665640564039457584007913129639935 [1.157e77]"));
        QCOMPARE(formatValue(Value::fromInt(-9999)), QStringLiteral("-9999"));
        QCOMPARE(formatValue(Value::fromInt(-10000)), QStringLiteral("-10000 [-1e4]"));
        QCOMPARE(formatValue(Value::fromInt(-1234567)), QStringLiteral("-1234567 [-1.234e6]"));
        QCOMPARE(formatValue(arg("address", QStringLiteral("0x000000000000000000000000000000000000dead"))),
                 QStringLiteral("0x000000000000000000000000000000000000dEaD"));
        QCOMPARE(formatValue(Value::fromBool(true)), QStringLiteral("true"));
        QCOMPARE(formatValue(Value::fromBytes({})), QStringLiteral("0x"));
        QCOMPARE(formatValue(Value::fromFixedBytes(unhex("abcdef"))), QStringLiteral("0xabcdef"));
        QCOMPARE(formatValue(Value::fromString(QStringLiteral("hi"))), QStringLiteral("\"hi\""));
        QCOMPARE(formatValue(arg("(uint256,(address,bytes)[2])[]",
                                 QStringLiteral("[(1,[(0x000000000000000000000000000000000000dead,0x01),(0x000000000000000000000000000000000000beef,0x)])]"))),
                 QStringLiteral("[(1, [(0x000000000000000000000000000000000000dEaD, 0x01), (0x000000000000000000000000000000000000bEEF, 0x)])]"));
        QCOMPARE(formatValue(arg("(int256,uint256)", QStringLiteral("(-100000, 100000)"))), QStringLiteral("(-100000 [-1e5], 100000 [1e5])"));
        QCOMPARE(formatValue(arg("(string)[]", QStringLiteral("[(a),(b)]"))), QStringLiteral("[(\"a\"), (\"b\")]"));
    }

    void stringsPrintAsRustDebug()
    {
        QCOMPARE(debugQuoted(QStringLiteral("a\"b\\c")), QStringLiteral("\"a\\\"b\\\\c\""));
        QCOMPARE(debugQuoted(QStringLiteral("a\nb\tc\rd")), QStringLiteral("\"a\\nb\\tc\\rd\""));
        QCOMPARE(debugQuoted(QString(QChar(0)) + QChar(1) + QChar(0x7f)), QStringLiteral("\"\\0\\u{1}\\u{7f}\""));
        QCOMPARE(debugQuoted(QStringLiteral("'é😀")), QStringLiteral("\"'é😀\""));
        QCOMPARE(debugQuoted(QStringLiteral("a\u0301")), QStringLiteral("\"a\\u{301}\""));      // combining mark
        QCOMPARE(debugQuoted(QStringLiteral("\u200b\u00a0\u00ad\ufeff\u2028")),
                 QStringLiteral("\"\\u{200b}\\u{a0}\\u{ad}\\u{feff}\\u{2028}\""));
        QCOMPARE(debugQuoted(QStringLiteral(" ")), QStringLiteral("\" \""));
    }

    void invalidUtf8IsReplacedLikeRust()
    {
        QCOMPARE(fromUtf8Lossy(unhex("ff41")), QStringLiteral("\ufffdA"));
        QCOMPARE(fromUtf8Lossy(unhex("4141ff")), QStringLiteral("AA\ufffd"));
        QCOMPARE(fromUtf8Lossy(unhex("e282")), QStringLiteral("\ufffd"));             // truncated sequence: one
        QCOMPARE(fromUtf8Lossy(unhex("e28241")), QStringLiteral("\ufffdA"));
        QCOMPARE(fromUtf8Lossy(unhex("eda080")), QStringLiteral("\ufffd\ufffd\ufffd"));   // surrogate: each byte
        QCOMPARE(fromUtf8Lossy(unhex("f0908080")), QString::fromUcs4(U"\U00010000", 1));
        QCOMPARE(fromUtf8Lossy(unhex("c0af")), QStringLiteral("\ufffd\ufffd"));       // overlong
        QCOMPARE(fromUtf8Lossy(unhex("f4908080")), QStringLiteral("\ufffd\ufffd\ufffd\ufffd"));   // above U+10FFFF
    }

    // ------------------------------------------------------------------------------- ABI JSON
    void uniswapAbisLoad()
    {
        auto router = Interface::fromFile(universalRouterJson());   // Hardhat artifact
        QVERIFY2(router, qPrintable(router ? QString() : router.error().toString()));
        auto manager = Interface::fromFile(poolManagerJson());       // Foundry artifact
        QVERIFY2(manager, qPrintable(manager ? QString() : manager.error().toString()));

        const Function *execute = router->functionBySelector(unhex("3593564c"));
        QVERIFY(execute);
        QCOMPARE(execute->canonical(), QStringLiteral("execute(bytes,bytes[],uint256)"));
        QCOMPARE(execute->inputs[1].name, QStringLiteral("inputs"));
        QVERIFY(router->error(u"V4TooLittleReceived"));

        const Function *swap = manager->function(u"swap");
        QVERIFY(swap);
        QCOMPARE(swap->canonical(), QStringLiteral("swap((address,address,uint24,int24,address),(bool,int256,uint160),bytes)"));
        QCOMPARE(swap->inputs[0].type.componentNames(),
                 (QStringList{"currency0", "currency1", "fee", "tickSpacing", "hooks"}));
        QCOMPARE(swap->outputs[0].type.canonical(), QStringLiteral("int256"));

        const Event *swapEvent = manager->event(u"Swap");
        QVERIFY(swapEvent);
        QCOMPARE(swapEvent->canonical(), QStringLiteral("Swap(bytes32,address,int128,int128,uint160,uint128,int24,uint24)"));
        QCOMPARE(swapEvent->topic().toHex(), QStringLiteral("0x40e9cecb9f5f1f1c5b9c97dec2917b7ee92e57ba5563708daca94dd84ad7112f"));
        QCOMPARE(manager->eventByTopic(swapEvent->topic()), swapEvent);

        // Every function in both ABIs has a canonical form that parses back to itself.
        for (const Interface *abi : {&*router, &*manager}) {
            for (const Function &f : abi->functions()) {
                auto reparsed = Signature::parse(f.canonical());
                QVERIFY2(reparsed, qPrintable(f.canonical()));
                QCOMPARE(reparsed->canonical(), f.canonical());
            }
        }
    }

    void abiJsonShapes()
    {
        auto bare = Interface::fromJson(R"([{"type":"function","name":"f","inputs":[{"name":"xs","type":"tuple[2][]",
            "components":[{"name":"a","type":"uint8"},{"name":"b","type":"string[]"}]}],"outputs":[]},
            {"type":"constructor","inputs":[]},{"type":"error","name":"E","inputs":[]}])");
        QVERIFY2(bare, qPrintable(bare ? QString() : bare.error().toString()));
        QCOMPARE(bare->functions().first().canonical(), QStringLiteral("f((uint8,string[])[2][])"));
        QCOMPARE(bare->errors().size(), 1);
        QCOMPARE(toHex(bare->errors().first().selector()), toHex(keccak256("E()").left(4)));

        for (const char *bad : {"{", "{}", "[1]", R"([{"type":"function","inputs":[]}])",
                                R"([{"type":"function","name":"f","inputs":[{"type":"uint7"}]}])",
                                R"([{"type":"function","name":"f","inputs":[{"type":"tuple"}]}])",
                                R"([{"type":"function","name":"f","inputs":[{"type":"tuple[x]","components":[{"type":"bool"}]}]}])",
                                R"([{"type":"function","name":"f","inputs":{}}])"}) {
            auto result = Interface::fromJson(bad);
            QVERIFY2(!result, bad);
            QCOMPARE(result.error().kind, Error::Kind::Format);
        }
        QCOMPARE(Interface::fromFile(QStringLiteral("/nonexistent.json")).error().kind, Error::Kind::Io);
    }

    // --------------------------------------------------------------------------------- events
    void swapLogDecodes()
    {
        auto manager = Interface::fromFile(poolManagerJson());
        QVERIFY(manager);
        const Event *swap = manager->event(u"Swap");
        const Hash32 poolId = *Hash32::fromBytes(keccak256("pool"));
        const Address sender = *Address::fromString(u"0x66a9893cC07D91D95644AEDD05D03f95e1dBA8Af");
        auto data = encode(typesOf(QList<Param>(swap->inputs.begin() + 2, swap->inputs.end())),
                           {Value::fromInt(-1000000000000000000), Value::fromInt(2500000000), Value::fromUint(u256(1) << 96),
                            Value::fromUint(123456789), Value::fromInt(-200), Value::fromUint(500)});
        QVERIFY(data);
        const QList<Hash32> topics{swap->topic(), poolId, *Hash32::fromBytes(word("66a9893cc07d91d95644aedd05d03f95e1dba8af"))};
        auto decoded = decodeLog(*manager, topics, *data);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().toString()));
        QCOMPARE(decoded->name, QStringLiteral("Swap"));
        QCOMPARE(decoded->fields.size(), 8);
        QCOMPARE(decoded->fields[0].name, QStringLiteral("id"));
        QVERIFY(decoded->fields[0].indexed);
        QCOMPARE(decoded->fields[0].value.bytes, poolId.bytes());
        QCOMPARE(decoded->fields[1].value.toAddress(), sender);
        QCOMPARE(decoded->fields[2].value, Value::fromInt(-1000000000000000000));
        QCOMPARE(decoded->fields[6].value, Value::fromInt(-200));
        QVERIFY(decoded->toString().startsWith(QLatin1String("Swap(id: 0x")));
        QVERIFY(decoded->toString().contains(QLatin1String("amount0: -1000000000000000000 [-1e18]")));
        QVERIFY(decoded->toString().contains(QLatin1String("sender: 0x66a9893cC07D91D95644AEDD05D03f95e1dBA8Af")));

        // Wrong topic count, a foreign topic 0, malformed data and a dirty indexed address all fail.
        QVERIFY(!decodeLog(*manager, topics.mid(0, 2), *data));
        QVERIFY(!decodeLog(*swap, {manager->event(u"Donate")->topic(), topics[1], topics[2]}, *data));
        QVERIFY(!decodeLog(*manager, topics, data->left(64)));
        QVERIFY(!decodeLog(*manager, {topics[0], topics[1], *Hash32::fromBytes(QByteArray(32, '\xff'))}, *data));
        QVERIFY(!decodeLog(*manager, {}, *data));
    }

    void indexedDynamicValuesAreHashes()
    {
        auto abi = Interface::fromJson(R"([{"type":"event","name":"Note","anonymous":false,"inputs":[
            {"name":"tag","type":"string","indexed":true},{"name":"who","type":"address","indexed":true},
            {"name":"body","type":"string","indexed":false}]}])");
        QVERIFY(abi);
        const Event &note = abi->events().first();
        QCOMPARE(note.canonical(), QStringLiteral("Note(string,address,string)"));
        const Hash32 tagHash = *Hash32::fromBytes(keccak256("greeting"));
        auto decoded = decodeLog(note, {note.topic(), tagHash, *Hash32::fromBytes(word("01"))},
                                 *encode({Type::string()}, {Value::fromString(QStringLiteral("hello"))}));
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().toString()));
        QVERIFY(decoded->fields[0].hashed);
        QCOMPARE(decoded->fields[0].value.bytes, keccak256("greeting"));
        QCOMPARE(decoded->fields[2].value.toQString(), QStringLiteral("hello"));
        QCOMPARE(decoded->toString(), QStringLiteral("Note(tag: %1, who: 0x0000000000000000000000000000000000000001, body: \"hello\")")
                                          .arg(toHex(keccak256("greeting"))));
    }

    void anonymousEventsHaveNoTopicZero()
    {
        const Event anonymous{QStringLiteral("A"), {Param{QStringLiteral("x"), Type::uintType(), true}}, true};
        auto decoded = decodeLog(anonymous, {*Hash32::fromBytes(word("07"))}, {});
        QVERIFY(decoded);
        QCOMPARE(decoded->fields[0].value, Value::fromUint(7));
    }

    // --------------------------------------------------------------------------------- revert
    void revertReasonAndPanic()
    {
        auto reason = encodeCall(*Signature::parse(u"Error(string)"), {Value::fromString(QStringLiteral("too little received"))});
        const DecodedRevert r = decodeRevert(*reason);
        QCOMPARE(r.kind, DecodedRevert::Kind::Reason);
        QCOMPARE(r.reason, QStringLiteral("too little received"));
        QCOMPARE(r.message, QStringLiteral("Reverted: too little received"));

        auto panic = encodeCall(*Signature::parse(u"Panic(uint256)"), {Value::fromUint(0x11)});
        const DecodedRevert p = decodeRevert(*panic);
        QCOMPARE(p.kind, DecodedRevert::Kind::Panic);
        QCOMPARE(p.panicCode, u256(0x11));
        QCOMPARE(p.message, QStringLiteral("Panic 0x11: arithmetic underflow or overflow."));
        QVERIFY(panicMeaning(0x12).contains(QLatin1String("division")));
        QVERIFY(panicMeaning(0x32).contains(QLatin1String("out of bounds")));
        QVERIFY(panicMeaning(0x99).contains(QLatin1String("unknown")));

        QCOMPARE(decodeRevert({}).kind, DecodedRevert::Kind::Empty);
        QCOMPARE(decodeRevert(unhex("0102")).kind, DecodedRevert::Kind::Unknown);
        QCOMPARE(decodeRevert(reason->left(40)).kind, DecodedRevert::Kind::Malformed);
    }

    void uniswapCustomErrorsReadInWords()
    {
        auto router = Interface::fromFile(universalRouterJson());
        auto manager = Interface::fromFile(poolManagerJson());
        QVERIFY(router && manager);
        ErrorRegistry registry;
        registry.add(*router);
        registry.add(*manager);
        QVERIFY(registry.size() > 40);

        auto data = encodeCall(*Signature::parse(u"V4TooLittleReceived(uint256,uint256)"), {Value::fromUint(1), Value::fromUint(0)});
        QCOMPARE(toHex(data->left(4)), QStringLiteral("0x8b063d73"));
        const DecodedRevert custom = decodeRevert(*data, &registry);
        QCOMPARE(custom.kind, DecodedRevert::Kind::Custom);
        QCOMPARE(custom.message, QStringLiteral("V4TooLittleReceived(minAmountOutReceived: 1, amountReceived: 0)"));

        // Without the registry, the selector is unknown and the message says so, with the hex.
        const DecodedRevert unknown = decodeRevert(*data);
        QCOMPARE(unknown.kind, DecodedRevert::Kind::Unknown);
        QVERIFY(unknown.message.contains(QLatin1String("unknown custom error 0x8b063d73")));
        QVERIFY(unknown.message.contains(toHex(*data)));

        // The router wraps a failed command's revert: both layers read in words.
        auto inner = encodeCall(*Signature::parse(u"CurrencyNotSettled()"), {});
        auto wrapped = encodeCall(*Signature::parse(u"ExecutionFailed(uint256,bytes)"), {Value::fromUint(2), Value::fromBytes(*inner)});
        QCOMPARE(decodeRevert(*wrapped, &registry).message,
                 QStringLiteral("ExecutionFailed(commandIndex: 2, message: CurrencyNotSettled())"));
        auto tooSmall = encodeCall(*Signature::parse(u"TickSpacingTooSmall(int24)"), {Value::fromInt(-5)});
        QCOMPARE(decodeRevert(*tooSmall, &registry).message, QStringLiteral("TickSpacingTooSmall(tickSpacing: -5)"));

        // A known selector with arguments that do not decode is reported as such.
        const DecodedRevert broken = decodeRevert(data->left(20), &registry);
        QCOMPARE(broken.kind, DecodedRevert::Kind::Malformed);
        QVERIFY(broken.message.contains(QLatin1String("V4TooLittleReceived")));
    }
};

QTEST_GUILESS_MAIN(TestAbi)
#include "test_abi.moc"
