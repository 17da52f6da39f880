// The ABI code against Foundry's cast 1.7.1, byte for byte: keccak of random bytes, abi-encode and
// calldata over a catalogue of signatures that covers every type (nested tuples and arrays included),
// with random values written in cast's argument syntax, and abi-decode's printed output for random
// values (strings with any code point and invalid UTF-8 included). Seeded, so a failure reproduces;
// cast runs several processes at a time. APEDESK_ABI_CASES and APEDESK_ABI_SEED override the defaults.

#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/keccak.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>
#include <random>

using namespace apedesk::eth;
using namespace apedesk::eth::abi;

namespace {

// Every type the model has, alone and nested; the last ones are Uniswap's own shapes.
const char *const kCatalogue[] = {
    "f(uint256)",
    "f(uint8,uint16,uint24,uint32,uint64,uint128,uint160,uint256)",
    "f(int8,int16,int24,int32,int64,int128,int256)",
    "f(uint,int,int40,uint48,uint200,int232)",
    "f(address,bool)",
    "f(bytes1,bytes2,bytes4,bytes7,bytes8,bytes16,bytes20,bytes31,bytes32)",
    "f(bytes)",
    "f(string)",
    "f(bytes,string,bytes,string)",
    "f(uint256[])",
    "f(address[3])",
    "f(string[])",
    "f(bytes[2])",
    "f(int16[][])",
    "f(uint8[2][3])",
    "f(bool[][2])",
    "f(bytes32[],bytes5[2])",
    "f((uint256,address))",
    "f((uint256,(address,bytes)[2])[])",
    "f((string,uint8)[])",
    "f(((bool,bytes32),string))",
    "f(tuple(int64,string)[2])",
    "f((uint256,bytes)[2][])",
    "f(string[2][],(int8[3],bytes)[])",
    "f(uint256,string,(bool,address[])[],bytes3)",
    "f(((uint8[],(string,int256)[])[],bool))",
    "f(int256[],uint256[2],(bool,bool,bool))",
    "execute(bytes,bytes[],uint256)",
    "swap((address,address,uint24,int24,address),(bool,int256,uint160),bytes)",
    "f(((address,address,uint24,int24,address),bool,uint128,uint128,bytes))",
};
constexpr int kCatalogueSize = int(sizeof(kCatalogue) / sizeof(kCatalogue[0]));

// --------------------------------------------------------------------------------------------------
// cast, several processes at a time

struct CastRun
{
    QString description;   // what is compared, for the failure message
    QStringList args;
    QByteArray expected;   // our answer, compared with cast's stdout (trimmed)
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
    bool started = false;
};

bool runAll(const QString &cast, QList<CastRun> &runs, int parallel, int timeoutMs)
{
    QEventLoop loop;
    qsizetype next = 0;
    int running = 0;
    qsizetype done = 0;
    std::function<void()> startMore = [&] {
        while (running < parallel && next < runs.size()) {
            const qsizetype index = next++;
            auto *process = new QProcess(&loop);
            ++running;
            auto finish = [&, process, index] {
                CastRun &run = runs[index];
                run.out = process->readAllStandardOutput();
                run.err = process->readAllStandardError();
                run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
                process->deleteLater();
                --running;
                if (++done == runs.size())
                    loop.quit();
                else
                    startMore();
            };
            QObject::connect(process, &QProcess::finished, &loop, [&runs, index, finish](int, QProcess::ExitStatus) {
                runs[index].started = true;
                finish();
            });
            QObject::connect(process, &QProcess::errorOccurred, &loop, [finish](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    finish();
            });
            process->start(cast, runs[index].args);
        }
    };
    if (runs.isEmpty())
        return true;
    bool timedOut = false;
    QTimer::singleShot(timeoutMs, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    startMore();
    loop.exec();
    return !timedOut;
}

// --------------------------------------------------------------------------------------------------
// Random values and their cast argument text

class Random
{
public:
    explicit Random(quint64 seed) : m_engine(seed) {}
    quint64 next() { return m_engine(); }
    int below(int n) { return int(next() % quint64(n)); }
    bool chance(int percent) { return below(100) < percent; }
    QByteArray bytes(int n)
    {
        QByteArray out(n, Qt::Uninitialized);
        for (char &c : out)
            c = char(next() & 0xff);
        return out;
    }
    template <typename T>
    const T &pick(const QList<T> &list) { return list[below(int(list.size()))]; }

    // Mostly edge-heavy magnitudes: zero, one, all ones, round numbers, or random widths.
    u256 magnitude(int bits)
    {
        const u256 max = maxUnsigned(bits);
        switch (below(8)) {
        case 0: return 0;
        case 1: return 1;
        case 2: return max;
        case 3: {   // round decimal numbers, so scientific and unit forms appear
            u256 value = std::min(u256(below(999) + 1), max);
            const int zeros = below(30);
            for (int i = 0; i < zeros && value <= max / 10; ++i)
                value *= 10;
            return value;
        }
        default: {
            u256 value = 0;
            for (int i = 0; i < 4; ++i)
                value = (value << 64) | u256(next());
            const int width = 1 + below(bits);
            return value & maxUnsigned(width);
        }
        }
    }

private:
    std::mt19937_64 m_engine;
};

// Code points for strings passed to cast as arguments: printable, no quotes of either kind at the
// edges (the caller quotes), plus a few from outside ASCII.
QString argumentString(Random &random, bool nested)
{
    static const QList<QString> extras{QStringLiteral("é"), QStringLiteral("ü"), QStringLiteral("中"), QStringLiteral("😀"),
                                       QStringLiteral("a\u0301"), QStringLiteral("\u200b"), QStringLiteral("ß"),
                                       QStringLiteral("\u00a0"), QStringLiteral("€")};
    const int length = random.below(20);
    QString out;
    for (int i = 0; i < length; ++i) {
        if (random.chance(12)) {
            out += random.pick(extras);
            continue;
        }
        const QChar c(char16_t(0x20 + random.below(0x5f)));
        if (nested && c == QLatin1Char('"'))
            continue;   // nested strings are double-quoted
        out += c;
    }
    if (!nested) {
        // cast keeps top-level strings as they are but drops trailing blanks and reads a leading quote
        // as quoting; a leading '-' could read as an option.
        while (!out.isEmpty() && out.back().isSpace())
            out.chop(1);
        while (!out.isEmpty() && (out.front() == QLatin1Char('"') || out.front() == QLatin1Char('\'')
                                  || out.front() == QLatin1Char('-')))
            out.remove(0, 1);
    }
    return out;
}

// Any code points and, now and then, bytes that are not UTF-8: for decoding only (never an argument).
QByteArray wildString(Random &random)
{
    const int length = random.below(24);
    QByteArray out;
    for (int i = 0; i < length; ++i) {
        const int kind = random.below(10);
        if (kind < 4) {
            out += char(0x20 + random.below(0x5f));
        } else if (kind < 5) {
            out += char(random.below(0x20));   // controls
        } else if (kind < 8) {
            char32_t c;
            do
                c = char32_t(random.below(kind == 5 ? 0x800 : kind == 6 ? 0x10000 : 0x110000));
            while (c >= 0xD800 && c <= 0xDFFF);
            out += QString::fromUcs4(&c, 1).toUtf8();
        } else {
            out += random.bytes(1 + random.below(3));   // often invalid UTF-8
        }
    }
    return out;
}

Value randomValue(Random &random, const Type &type, bool forArguments, bool nested)
{
    switch (type.kind()) {
    case Type::Kind::Uint:
        return Value::fromUint(random.magnitude(type.bits()));
    case Type::Kind::Int: {
        const u256 magnitude = random.magnitude(type.bits() - 1);
        const bool negative = random.chance(50);
        // The most negative value has a magnitude of 2^(bits-1); reach it now and then.
        if (negative && random.chance(5))
            return Value::fromInt(-(i256(1) << (type.bits() - 1)));
        const i256 value = static_cast<i256>(magnitude);
        return Value::fromInt(negative ? i256(-value) : value);
    }
    case Type::Kind::Address:
        return Value::fromAddress(*Address::fromBytes(random.chance(10) ? QByteArray(20, '\0') : random.bytes(20)));
    case Type::Kind::Bool:
        return Value::fromBool(random.chance(50));
    case Type::Kind::FixedBytes:
        return Value::fromFixedBytes(random.bytes(type.byteSize()));
    case Type::Kind::Bytes:
        return Value::fromBytes(random.bytes(random.chance(20) ? 0 : random.below(70)));
    case Type::Kind::String:
        return forArguments ? Value::fromString(argumentString(random, nested)) : Value::fromUtf8(wildString(random));
    case Type::Kind::Array:
    case Type::Kind::FixedArray: {
        const int count = type.kind() == Type::Kind::Array ? random.below(4) : type.length();
        QList<Value> items;
        for (int i = 0; i < count; ++i)
            items.append(randomValue(random, type.element(), forArguments, true));
        return type.kind() == Type::Kind::Array ? Value::array(items) : Value::fixedArray(items);
    }
    case Type::Kind::Tuple: {
        QList<Value> items;
        for (const Type &component : type.components())
            items.append(randomValue(random, component, forArguments, true));
        return Value::tuple(items);
    }
    }
    return {};
}

QString hexDigits(const u256 &value, bool upper)
{
    QString digits = value == 0 ? QStringLiteral("0") : toHex(toMinimalBigEndian(value), false);
    if (digits.size() > 1 && digits.startsWith(QLatin1Char('0')))
        digits.remove(0, 1);
    return upper ? digits.toUpper() : digits;
}

// One of the forms cast reads for a non-negative number.
QString numberText(Random &random, const u256 &value)
{
    const QString decimal = toDecimal(value);
    int zeros = 0;
    while (zeros < decimal.size() - 1 && decimal[decimal.size() - 1 - zeros] == QLatin1Char('0'))
        ++zeros;
    const int form = random.below(10);
    if (form < 5 || value == 0)
        return decimal;
    if (form < 7)
        return (random.chance(80) ? QStringLiteral("0x") : QStringLiteral("0X")) + hexDigits(value, random.chance(30));
    if (form == 7 && zeros >= 18)
        return decimal.left(decimal.size() - 18) + (random.chance(50) ? QStringLiteral(" ether") : QStringLiteral("ether"));
    if (form == 8 && zeros >= 9)
        return decimal.left(decimal.size() - 9) + QStringLiteral(" gwei");
    if (zeros >= 2) {
        // m.ffff e k: move some zeros into the exponent, maybe through a fraction.
        const int exponent = 1 + random.below(zeros);
        const QString mantissa = decimal.left(decimal.size() - exponent);
        if (mantissa.size() > 1 && random.chance(50))
            return mantissa.left(1) + QLatin1Char('.') + mantissa.mid(1) + QLatin1Char('e')
                   + QString::number(exponent + int(mantissa.size()) - 1);
        return mantissa + QLatin1Char('e') + QString::number(exponent);
    }
    return decimal;
}

QString argumentText(Random &random, const Type &type, const Value &value, bool nested)
{
    switch (type.kind()) {
    case Type::Kind::Uint:
        return numberText(random, value.uintValue);
    case Type::Kind::Int: {
        if (value.intValue >= 0)
            return numberText(random, static_cast<u256>(value.intValue));
        const u256 magnitude = static_cast<u256>(i256(-value.intValue));
        return QLatin1Char('-') + (random.chance(25) ? QStringLiteral("0x") + hexDigits(magnitude, false) : toDecimal(magnitude));
    }
    case Type::Kind::Address:
        return random.chance(70) ? value.toAddress().toChecksumString() : value.toAddress().toLowerHex();
    case Type::Kind::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Kind::FixedBytes:
    case Type::Kind::Bytes: {
        const QString hex = toHex(value.bytes);
        return random.chance(20) ? QStringLiteral("0x") + hex.mid(2).toUpper() : hex;
    }
    case Type::Kind::String: {
        const QString text = value.toQString();
        if (!nested)
            return random.chance(15) && !text.contains(QLatin1Char('"')) ? QLatin1Char('"') + text + QLatin1Char('"') : text;
        return random.chance(20) && !text.contains(QLatin1Char('\'')) ? QLatin1Char('\'') + text + QLatin1Char('\'')
                                                                      : QLatin1Char('"') + text + QLatin1Char('"');
    }
    case Type::Kind::Array:
    case Type::Kind::FixedArray:
    case Type::Kind::Tuple: {
        const bool tuple = type.kind() == Type::Kind::Tuple;
        const QString separator = random.chance(50) ? QStringLiteral(",") : QStringLiteral(", ");
        QStringList parts;
        for (qsizetype i = 0; i < value.items.size(); ++i)
            parts.append(argumentText(random, tuple ? type.components()[i] : type.element(), value.items[i], true));
        return (tuple ? QLatin1Char('(') : QLatin1Char('[')) + parts.join(separator) + (tuple ? QLatin1Char(')') : QLatin1Char(']'));
    }
    }
    return {};
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

} // namespace

class TestAbiVsCast : public QObject
{
    Q_OBJECT

private:
    QString m_cast = qEnvironmentVariable("APEDESK_CAST");
    int m_cases = envInt("APEDESK_ABI_CASES", 250);
    quint64 m_seed = quint64(envInt("APEDESK_ABI_SEED", 20250501));
    int m_parallel = std::max(4, QThread::idealThreadCount() * 2);

    // Runs cast for every case and fails, printing the cases, on any difference.
    void compare(QList<CastRun> &runs)
    {
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(runAll(m_cast, runs, m_parallel, 170000), "cast did not finish in time");
        int failures = 0;
        QString report;
        for (const CastRun &run : runs) {
            const QByteArray got = run.out.trimmed();
            if (run.exitCode == 0 && got == run.expected)
                continue;
            if (++failures <= 5) {
                QStringList quoted;
                for (const QString &a : run.args)
                    quoted.append(QLatin1Char('\'') + a + QLatin1Char('\''));
                report += QStringLiteral("\n--- %1\n    cast %2\n    exit %3, stderr: %4\n    cast: %5\n    ours: %6")
                              .arg(run.description, quoted.join(QLatin1Char(' ')))
                              .arg(run.exitCode)
                              .arg(QString::fromUtf8(run.err.trimmed().left(400)), QString::fromUtf8(got.left(2000)),
                                   QString::fromUtf8(run.expected.left(2000)));
            }
        }
        qInfo("%lld cases against cast in %lld ms (%d at a time)", qlonglong(runs.size()), qlonglong(timer.elapsed()), m_parallel);
        if (failures > 0)
            QFAIL(qPrintable(QStringLiteral("%1 of %2 cases differ from cast:").arg(failures).arg(runs.size()) + report));
    }

    // Parses the signature and the generated argument texts as cast would, checks that the values are
    // the ones generated, and fills in our encoding.
    bool prepareEncode(Random &random, int index, bool calldata, CastRun &run)
    {
        static const char *const names[] = {"f", "swap", "execute", "doThing_2", "_x"};
        QString signatureText = QString::fromLatin1(kCatalogue[index % kCatalogueSize]);
        if (calldata)
            signatureText = QString::fromLatin1(names[random.below(5)]) + signatureText.mid(signatureText.indexOf(QLatin1Char('(')));
        auto signature = Signature::parse(signatureText);
        if (!signature) {
            qWarning("catalogue signature does not parse: %s", qPrintable(signature.error().toString()));
            return false;
        }
        const QList<Type> types = typesOf(signature->inputs);
        QList<Value> generated;
        QStringList texts;
        for (const Type &type : types) {
            generated.append(randomValue(random, type, true, false));
            texts.append(argumentText(random, type, generated.last(), false));
        }
        auto parsed = parseArguments(types, texts);
        if (!parsed || *parsed != generated) {
            qWarning("our parser disagrees with the generator for %s %s: %s", qPrintable(signatureText),
                     qPrintable(texts.join(QLatin1Char(' '))), parsed ? "different values" : qPrintable(parsed.error().toString()));
            return false;
        }
        auto encoded = calldata ? encodeCall(*signature, *parsed) : encode(types, *parsed);
        if (!encoded) {
            qWarning("cannot encode: %s", qPrintable(encoded.error().toString()));
            return false;
        }
        run.description = QStringLiteral("%1 case %2").arg(calldata ? QStringLiteral("calldata") : QStringLiteral("abi-encode")).arg(index);
        run.args = QStringList{calldata ? QStringLiteral("calldata") : QStringLiteral("abi-encode"), signatureText} + texts;
        run.expected = toHex(*encoded).toUtf8();
        return true;
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
        qInfo("seed %llu, %d cases per comparison", m_seed, m_cases);
    }

    void keccakOfRandomBytes()
    {
        Random random(m_seed);
        QList<CastRun> runs;
        for (int i = 0; i < m_cases; ++i) {
            const QByteArray data = random.bytes(i < 3 ? i : random.below(300));
            CastRun run;
            run.description = QStringLiteral("keccak case %1").arg(i);
            run.args = {QStringLiteral("keccak"), toHex(data)};
            run.expected = toHex(keccak256(data)).toUtf8();
            runs.append(run);
        }
        compare(runs);
    }

    void abiEncodeMatches()
    {
        Random random(m_seed + 1);
        QList<CastRun> runs;
        for (int i = 0; i < m_cases; ++i) {
            CastRun run;
            QVERIFY(prepareEncode(random, i, false, run));
            runs.append(run);
        }
        compare(runs);
    }

    void calldataMatches()
    {
        Random random(m_seed + 2);
        QList<CastRun> runs;
        for (int i = 0; i < m_cases; ++i) {
            CastRun run;
            QVERIFY(prepareEncode(random, i, true, run));
            runs.append(run);
        }
        compare(runs);
    }

    void abiDecodePrintsTheSame()
    {
        Random random(m_seed + 3);
        QList<CastRun> runs;
        for (int i = 0; i < m_cases; ++i) {
            auto signature = Signature::parse(QString::fromLatin1(kCatalogue[i % kCatalogueSize]));
            QVERIFY(signature);
            const QList<Type> types = typesOf(signature->inputs);
            QList<Value> values;
            for (const Type &type : types)
                values.append(randomValue(random, type, false, false));
            auto encoded = encode(types, values);
            QVERIFY(encoded);
            auto decoded = decode(types, *encoded, DecodeMode::Canonical);
            QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().toString()));
            QCOMPARE(*decoded, values);
            QStringList lines;
            for (const Value &value : *decoded)
                lines.append(formatValue(value));
            CastRun run;
            run.description = QStringLiteral("abi-decode case %1").arg(i);
            run.args = {QStringLiteral("abi-decode"), QStringLiteral("f()") + canonicalList(types), toHex(*encoded)};
            run.expected = lines.join(QLatin1Char('\n')).toUtf8();
            runs.append(run);
        }
        compare(runs);
    }
};

QTEST_GUILESS_MAIN(TestAbiVsCast)
#include "test_abi_vs_cast.moc"
