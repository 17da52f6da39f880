// bench_signing: secp256k1 signatures per second (signDigest), EIP-1559 transactions signed and encoded
// per second, sender recoveries per second, and the time per transaction in process against
// `cast mktx` with the same fields (median of 20 runs) as a ratio.
// Usage: bench_signing [SECONDS_PER_MEASUREMENT]; cast from APEDESK_CAST.

#include "eth/hex.h"
#include "eth/keccak.h"
#include "eth/signer.h"
#include "eth/tx.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace apedesk::eth;

namespace {

// Calls `work` until `seconds` have passed; returns calls per second.
double perSecond(double seconds, const std::function<void(quint64)> &work)
{
    QElapsedTimer timer;
    timer.start();
    quint64 calls = 0;
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        for (int i = 0; i < 50; ++i)
            work(calls++);
    }
    return double(calls) / (double(timer.nsecsElapsed()) / 1e9);
}

// A BASE swap-sized EIP-1559 transaction (Universal Router calldata is a few hundred bytes).
Transaction swapTransaction(quint64 nonce)
{
    Transaction tx;
    tx.type = Transaction::Type::Eip1559;
    tx.chainId = 8453;
    tx.nonce = nonce;
    tx.gasLimit = 300000;
    tx.maxFeePerGas = 3000000000u;
    tx.maxPriorityFeePerGas = 1000000;
    tx.to = *Address::fromString(u"0x6fF5693b99212Da76ad316178A184AB56D299b43");
    tx.value = u256("10000000000000000");
    tx.data = QByteArray(452, '\x5a');
    return tx;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::max(0.1, QString::fromLatin1(argv[1]).toDouble()) : 2.0;
    // anvil's first test account: a published test key, never a real one.
    const PrivateKey key =
        PrivateKey::fromHex(u"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").value();

    quint64 sink = 0;   // keeps results observable so nothing is optimised away
    const double signatures = perSecond(seconds, [&](quint64 i) {
        const QByteArray digest = keccak256(QByteArray::number(i));
        sink += quint8(key.signDigest(digest)->s.at(31));
    });
    const double transactions =
        perSecond(seconds, [&](quint64 i) { sink += quint8(signTransaction(swapTransaction(i), key)->raw.back()); });
    const QByteArray raw = signTransaction(swapTransaction(7), key)->raw;
    const double decodes =
        perSecond(seconds, [&](quint64) { sink += quint8(decodeSignedTransaction(raw)->from.bytes().at(0)); });

    std::printf("signDigest (secp256k1, RFC 6979, recoverable): %10.0f signatures/s  (%.1f us each)\n", signatures,
                1e6 / signatures);
    std::printf("EIP-1559 swap tx sign + encode + hash:          %10.0f tx/s          (%.1f us each)\n", transactions,
                1e6 / transactions);
    std::printf("raw tx decode + sender recovery:                %10.0f tx/s          (%.1f us each)\n", decodes,
                1e6 / decodes);

    QString cast = qEnvironmentVariable("APEDESK_CAST");
#ifdef APEDESK_DEFAULT_CAST
    if (cast.isEmpty())
        cast = QStringLiteral(APEDESK_DEFAULT_CAST);
#endif
    if (cast.isEmpty() || !QFile::exists(cast)) {
        std::printf("cast not found (set APEDESK_CAST): no comparison\n");
        return sink == 42 ? 1 : 0;
    }
    const Transaction tx = swapTransaction(7);
    const QStringList args{QStringLiteral("mktx"),
                           tx.to->toChecksumString(),
                           toHex(tx.data),
                           QStringLiteral("--private-key"),
                           toHex(key.secret().bytes()),
                           QStringLiteral("--chain"),
                           QStringLiteral("8453"),
                           QStringLiteral("--nonce"),
                           QStringLiteral("7"),
                           QStringLiteral("--gas-limit"),
                           QStringLiteral("300000"),
                           QStringLiteral("--gas-price"),
                           QStringLiteral("3000000000"),
                           QStringLiteral("--priority-gas-price"),
                           QStringLiteral("1000000"),
                           QStringLiteral("--value"),
                           QStringLiteral("10000000000000000")};
    QList<double> runs;
    QByteArray castRaw;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer timer;
        timer.start();
        QProcess process;
        process.start(cast, args);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            std::printf("cast mktx failed: %s\n", process.readAllStandardError().constData());
            return 1;
        }
        runs << double(timer.nsecsElapsed()) / 1e6;
        castRaw = process.readAllStandardOutput().trimmed();
    }
    std::sort(runs.begin(), runs.end());
    const double castMs = (runs[9] + runs[10]) / 2;
    const double oursMs = 1e3 / transactions;
    std::printf("cast mktx, same transaction (median of 20 runs): %8.2f ms per tx (process start included)\n", castMs);
    std::printf("in process:                                      %8.4f ms per tx\n", oursMs);
    std::printf("ratio cast / in process:                         %8.0fx\n", castMs / oursMs);
    std::printf("same bytes as cast: %s\n", castRaw == toHex(raw).toLatin1() ? "yes" : "NO");
    return castRaw == toHex(raw).toLatin1() ? (sink == 42 ? 1 : 0) : 1;
}
