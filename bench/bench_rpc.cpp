// bench_rpc: the JSON-RPC client against a local anvil. Prints the eth_blockNumber round trip
// (median and p90), a batch of 100 eth_getBalance against 100 single calls, and the latency of a
// whole value transfer through TransactionSender (fee history + gas estimate, nonce, sign, send,
// receipt; median of 50) next to `cast send` of the same transfer (median of 50), as a ratio.
// Usage: bench_rpc [RUNS]; anvil from APEDESK_ANVIL, cast from APEDESK_CAST (defaults: tools/).

#include "eth/jsonrpcapi.h"
#include "eth/noncemanager.h"
#include "eth/sender.h"

#include "anvilnode.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace apedesk;
using namespace apedesk::eth;

namespace {

// anvil's published test accounts 0 and 1: ours sends from 0, cast from 1, so neither sees the
// other's nonces.
const char *kKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const char *kKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const char *kTo = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p / 100.0 * values.size())));
}

// Runs one asynchronous call to completion in a local event loop; returns milliseconds.
double timed(const std::function<void(std::function<void(bool)>)> &start, bool *ok = nullptr)
{
    QEventLoop loop;
    bool succeeded = false;
    QElapsedTimer timer;
    timer.start();
    start([&](bool result) {
        succeeded = result;
        loop.quit();
    });
    loop.exec();
    if (ok)
        *ok = succeeded;
    return double(timer.nsecsElapsed()) / 1e6;
}

QString tool(const char *env, const char *fallback)
{
    const QString fromEnv = qEnvironmentVariable(env);
    return fromEnv.isEmpty() ? QString::fromLatin1(fallback) : fromEnv;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.eth.info=false"));   // one line per send otherwise
    const int runs = argc > 1 ? std::max(5, QString::fromLatin1(argv[1]).toInt()) : 50;
    qputenv("APEDESK_ANVIL", tool("APEDESK_ANVIL", APEDESK_DEFAULT_ANVIL).toLocal8Bit());
    const QString cast = tool("APEDESK_CAST", APEDESK_DEFAULT_CAST);

    AnvilNode node;
    AnvilNode::Options options;
    options.chainId = 8453;
    if (!node.start(options)) {
        std::fprintf(stderr, "bench_rpc: %s\n", qPrintable(node.lastError()));
        return 1;
    }
    JsonRpcClient client({node.url()});
    EthRpc rpc(&client);
    NonceManager nonces(rpc);
    TransactionSender sender(&client, &nonces);
    const Address from = PrivateKey::fromHex(QString::fromLatin1(kKey0))->address();
    const Address to = *Address::fromString(QString::fromLatin1(kTo));

    // 1. eth_blockNumber round trip.
    QList<double> blockNumber;
    for (int i = 0; i < 20 + 10 * runs; ++i) {
        const double ms = timed([&](auto done) { rpc.blockNumber([done](RpcResult<quint64> r) { done(r.ok()); }); });
        if (i >= 20)
            blockNumber.append(ms);
    }

    // 2. 100 balances: one batch against 100 single calls in a row.
    QList<Address> accounts;
    for (int i = 0; i < 100; ++i)
        accounts.append(*Address::fromBytes(QByteArray(QByteArray(19, '\0') + char(i + 1))));
    QList<double> batch, singles;
    for (int i = 0; i < std::max(10, runs / 2); ++i) {
        bool ok = false;
        batch.append(timed(
            [&](auto done) {
                rpc.getBalances(accounts, BlockTag::latest(), [done](RpcResult<QList<u256>> r) { done(r.ok() && r->size() == 100); });
            },
            &ok));
        if (!ok) {
            std::fprintf(stderr, "bench_rpc: the batch failed\n");
            return 1;
        }
        singles.append(timed([&](auto done) {
            auto remaining = std::make_shared<int>(int(accounts.size()));
            for (const Address &a : accounts)
                rpc.getBalance(a, BlockTag::latest(), [remaining, done](RpcResult<u256>) {
                    if (--*remaining == 0)
                        done(true);
                });
        }));
    }

    // 3. A whole value transfer: estimate, nonce, sign, send, receipt.
    QList<double> sends;
    for (int i = 0; i < runs + 3; ++i) {
        SendRequest request;
        request.chainId = 8453;
        request.from = from;
        request.to = to;
        request.value = 1;
        bool ok = false;
        const double ms = timed(
            [&](auto done) {
                auto connection = std::make_shared<QList<QMetaObject::Connection>>();
                auto finish = [connection, done](bool result) {
                    for (const auto &c : *connection)
                        QObject::disconnect(c);
                    done(result);
                };
                sender.send(request, [] { return PrivateKey::fromHex(QString::fromLatin1(kKey0)); });
                connection->append(QObject::connect(&sender, &TransactionSender::mined, [finish](quint64, const TransactionReceipt &r) { finish(r.status); }));
                connection->append(QObject::connect(&sender, &TransactionSender::failed, [finish](quint64, const Error &e) {
                    std::fprintf(stderr, "bench_rpc: send failed: %s\n", qPrintable(e.toString()));
                    finish(false);
                }));
                connection->append(QObject::connect(&sender, &TransactionSender::unknown, [finish](quint64, const Hash32 &, const Error &, bool final) {
                    if (final)
                        finish(false);
                }));
            },
            &ok);
        if (!ok)
            return 1;
        if (i >= 3)
            sends.append(ms);
    }

    // 4. The same transfer with `cast send` (a new process each time, as a script would run it).
    QList<double> casts;
    for (int i = 0; i < runs; ++i) {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(cast, {QStringLiteral("send"), QStringLiteral("--private-key"), QString::fromLatin1(kKey1),
                             QStringLiteral("--rpc-url"), node.url().toString(), QString::fromLatin1(kTo),
                             QStringLiteral("--value"), QStringLiteral("1")});
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            std::fprintf(stderr, "bench_rpc: cast send failed: %s\n", process.readAllStandardError().constData());
            return 1;
        }
        casts.append(double(timer.nsecsElapsed()) / 1e6);
    }

    std::printf("anvil %s on %s, %d runs\n", qPrintable(AnvilNode::binary()), qPrintable(node.url().toString()), runs);
    std::printf("eth_blockNumber round trip:          median %7.3f ms   p90 %7.3f ms   (%lld calls)\n",
                median(blockNumber), percentile(blockNumber, 90), qlonglong(blockNumber.size()));
    std::printf("100 x eth_getBalance, one batch:     median %7.3f ms\n", median(batch));
    std::printf("100 x eth_getBalance, 100 requests:  median %7.3f ms   (all in flight at once; the batch is %.1fx faster)\n", median(singles),
                median(singles) / std::max(0.001, median(batch)));
    std::printf("value transfer, send + receipt:      median %7.3f ms   p90 %7.3f ms\n", median(sends),
                percentile(sends, 90));
    std::printf("cast send of the same transfer:      median %7.3f ms   p90 %7.3f ms\n", median(casts),
                percentile(casts, 90));
    std::printf("ratio cast / ApeDesk:                %.1fx\n", median(casts) / std::max(0.001, median(sends)));
    return 0;
}
