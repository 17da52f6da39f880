// bench_abi: ABI encodes and decodes per second for a Universal Router swap (execute(bytes,bytes[],uint256)
// around a V4 exact-input-single swap, settle and take), and the same encode through `cast calldata`
// (median of 20 runs) as a ratio. Usage: bench_abi [SECONDS_PER_MEASUREMENT]; cast from APEDESK_CAST.

#include "eth/abi.h"
#include "eth/hex.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace apedesk::eth;
using namespace apedesk::eth::abi;

namespace {

Type parseType(const char *text) { return *Type::parse(QString::fromLatin1(text)); }

// The pieces of a V4 swap through the Universal Router, built from typed values each time (as the app
// would for every trade): the action parameters, the V4_SWAP input, then the execute calldata.
struct SwapEncoder
{
    Signature execute = *Signature::parse(u"execute(bytes,bytes[],uint256)");
    QList<Type> exactInputSingle{parseType("((address,address,uint24,int24,address),bool,uint128,uint128,bytes)")};
    QList<Type> currencyAmount{Type::address(), Type::uintType()};
    QList<Type> v4SwapInput{Type::bytes(), Type::array(Type::bytes())};
    Address eth;   // native ETH is the zero address in V4
    Address usdc = *Address::fromString(u"0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913");

    QByteArray encode(const u256 &amountIn) const
    {
        const Value poolKey = Value::tuple({Value::fromAddress(eth), Value::fromAddress(usdc), Value::fromUint(500),
                                            Value::fromInt(10), Value::fromAddress(Address())});
        const QByteArray swap = *abi::encode(exactInputSingle, {Value::tuple({poolKey, Value::fromBool(true), Value::fromUint(amountIn),
                                                                               Value::fromUint(2500000000), Value::fromBytes({})})});
        const QByteArray settle = *abi::encode(currencyAmount, {Value::fromAddress(eth), Value::fromUint(amountIn)});
        const QByteArray take = *abi::encode(currencyAmount, {Value::fromAddress(usdc), Value::fromUint(2500000000)});
        const QByteArray actions = QByteArray::fromHex("060c0f");   // SWAP_EXACT_IN_SINGLE, SETTLE_ALL, TAKE_ALL
        const QByteArray input = *abi::encode(v4SwapInput, {Value::fromBytes(actions),
                                                            Value::array({Value::fromBytes(swap), Value::fromBytes(settle),
                                                                          Value::fromBytes(take)})});
        return *encodeCall(execute, {Value::fromBytes(QByteArray(1, '\x10')), Value::array({Value::fromBytes(input)}),
                                     Value::fromUint(1767225600)});
    }

    // Decodes the calldata and every nested layer; returns the amount in, to keep the work observable.
    u256 decode(const QByteArray &calldata) const
    {
        const QList<Value> outer = *decodeCall(execute, calldata);
        const QList<Value> input = *abi::decode(v4SwapInput, outer[1].items[0].bytes);
        const QList<Value> swap = *abi::decode(exactInputSingle, input[1].items[0].bytes);
        const QList<Value> settle = *abi::decode(currencyAmount, input[1].items[1].bytes);
        (void)*abi::decode(currencyAmount, input[1].items[2].bytes);
        return swap[0].items[2].uintValue + settle[1].uintValue;
    }
};

// Calls `work` until `seconds` have passed; returns calls per second.
double perSecond(double seconds, const std::function<void(quint64)> &work)
{
    QElapsedTimer timer;
    timer.start();
    quint64 calls = 0;
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        for (int i = 0; i < 100; ++i)
            work(calls++);
    }
    return double(calls) / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toDouble() : 2.0;
    const SwapEncoder encoder;
    const QByteArray calldata = encoder.encode(u256(1000000000000000000ULL));
    std::printf("swap calldata: execute(bytes,bytes[],uint256) with a V4 exact-input-single swap, %lld bytes\n",
                static_cast<long long>(calldata.size()));

    u256 sink = 0;
    const double encodes = perSecond(seconds, [&](quint64 i) { sink += encoder.encode(u256(i)).size(); });
    const double decodes = perSecond(seconds, [&](quint64) { sink += encoder.decode(calldata); });
    std::printf("encode: %.0f swaps/s (%.2f us each)\n", encodes, 1e6 / encodes);
    std::printf("decode: %.0f swaps/s (%.2f us each)\n", decodes, 1e6 / decodes);

    const QString cast = qEnvironmentVariable("APEDESK_CAST", QStringLiteral(APEDESK_DEFAULT_CAST));
    if (!QFile::exists(cast)) {
        std::printf("cast: not found at %s; no comparison\n", qPrintable(cast));
        return 0;
    }
    // The same outer encode through cast: the V4 input is passed as hex, like a script would.
    auto execute = decodeCall(encoder.execute, calldata);
    const QStringList args{QStringLiteral("calldata"), QStringLiteral("execute(bytes,bytes[],uint256)"), QStringLiteral("0x10"),
                           QLatin1Char('[') + toHex((*execute)[1].items[0].bytes) + QLatin1Char(']'), QStringLiteral("1767225600")};
    // Ours for the same job as cast: read the same argument text, encode the same calldata.
    const double fromText = perSecond(seconds, [&](quint64) {
        sink += encodeCall(encoder.execute, *parseArguments(typesOf(encoder.execute.inputs), args.mid(2)))->size();
    });
    std::printf("calldata from cast's argument text: %.0f/s (%.2f us each)\n", fromText, 1e6 / fromText);
    QList<double> millis;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer timer;
        timer.start();
        QProcess process;
        process.start(cast, args);
        process.waitForFinished(30000);
        millis.append(double(timer.nsecsElapsed()) / 1e6);
        if (process.readAllStandardOutput().trimmed() != toHex(calldata).toLatin1()) {
            std::printf("cast: its calldata differs from ours!\n");
            return 1;
        }
    }
    std::sort(millis.begin(), millis.end());
    const double castMillis = (millis[9] + millis[10]) / 2;
    std::printf("cast calldata: %.2f ms per call (median of 20 runs, same bytes)\n", castMillis);
    std::printf("ratio: one cast call = %.0f calldata encodes from the same text here, = %.0f full swap encodes\n",
                castMillis * fromText / 1e3, castMillis * encodes / 1e3);
    std::printf("(checksum %s)\n", qPrintable(toDecimal(sink)));
    return 0;
}
