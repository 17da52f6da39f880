// bench_swap: a paper swap from the click to the receipt, as the wallet pane drives it (submitSwap on
// the GUI thread -> swapFinished back on it, with the quote the form showed), median and p90 over N
// swaps, against `cast send` of the same Universal Router calldata from the same account in the same
// run; and the time until the sandbox is ready, cold (deploy everything) and from its saved state.
// Usage: bench_swap [SWAPS=50]; anvil and the npm artifacts are found as the app finds them
// (APEDESK_ANVIL / APEDESK_NODE_MODULES or tools/node_modules), cast from APEDESK_CAST.

#include "chain/chainservice.h"
#include "chain/sandboxdeployment.h"
#include "chain/sandboxregistry.h"
#include "common/settings.h"
#include "core.h"
#include "eth/hex.h"
#include "eth/units.h"
#include "uniswap/swapmath.h"
#include "uniswap/universalrouter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace apedesk;
using eth::u256;

namespace {

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

struct Harness
{
    explicit Harness(const QString &dataDir) : settings(dataDir + QStringLiteral("/settings.ini")), core(&settings)
    {
        ChainConfig config;
        config.dataDirectory = dataDir;
        config.keystoreDirectory = dataDir + QStringLiteral("/keystore");
        config.refreshIntervalMs = 60000;   // keep background refreshes out of the measurement
        chain = core.add(std::make_unique<ChainService>(config));
    }
    Settings settings;
    Core core;
    ChainService *chain = nullptr;
};

// Milliseconds until the chain is ready, or -1.
double waitReady(ChainService *chain, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const auto phase = chain->state().phase;
        if ((phase == ChainState::Phase::Ready && !chain->accounts().isEmpty()) || phase == ChainState::Phase::Failed
            || timer.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start();
    loop.exec();
    return chain->state().phase == ChainState::Phase::Ready ? double(timer.nsecsElapsed()) / 1e6 : -1;
}

template <typename Signal, typename Value>
Value waitFor(ChainService *chain, Signal signal, quint64 *id, std::function<quint64()> start,
              std::function<quint64(const Value &)> idOf)
{
    Value result;
    bool done = false;
    QEventLoop loop;
    const auto connection = QObject::connect(chain, signal, &loop, [&](const Value &value) {
        if (idOf(value) == *id) {
            result = value;
            done = true;
            loop.quit();
        }
    });
    *id = start();
    if (!done)
        loop.exec();
    QObject::disconnect(connection);
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.info=false\napedesk.*.debug=false"));
    QStandardPaths::setTestModeEnabled(true);
    const int swaps = argc > 1 ? std::max(1, atoi(argv[1])) : 50;
    const QString cast = qEnvironmentVariable("APEDESK_CAST", QStringLiteral(APEDESK_DEFAULT_CAST));
    QTemporaryDir data;

    // 1. Sandbox ready: cold (deploy and save), then from the saved state.
    double cold = -1;
    {
        Harness first(data.path());
        cold = waitReady(first.chain, 120000);
        if (cold < 0) {
            std::fprintf(stderr, "bench_swap: the sandbox did not start: %s\n", qPrintable(first.chain->state().message));
            return 1;
        }
        first.core.shutdown(3000);
    }
    Harness harness(data.path());
    const double cached = waitReady(harness.chain, 60000);
    ChainService *chain = harness.chain;
    const ChainState state = chain->state();
    auto recorded = chain::SandboxRegistry(data.path()).findByRpcUrl(QUrl(state.rpcUrl));
    if (cached < 0 || !recorded) {
        std::fprintf(stderr, "bench_swap: the sandbox did not start from its saved state\n");
        return 1;
    }
    const eth::Address me = chain->accounts().at(1).address;

    // 2. Click -> receipt, with the quote the form showed (the form quotes while the person types).
    SwapOrder order;
    order.direction = SwapDirection::EthToUsdc;
    order.amountIn = u256(10'000'000'000'000'000ULL);   // 0.01 ETH
    order.account = me;
    QList<double> clicks;
    QByteArray lastCalldata;
    for (int i = 0; i < swaps; ++i) {
        quint64 quoteId = 0;
        const SwapQuote quote = waitFor<decltype(&ChainService::quoteReady), SwapQuote>(
            chain, &ChainService::quoteReady, &quoteId, [&] { return chain->requestQuote(order); },
            [](const SwapQuote &q) { return q.requestId; });
        if (!quote.ok) {
            std::fprintf(stderr, "bench_swap: quote failed: %s\n", qPrintable(quote.error.toString()));
            return 1;
        }
        SwapOrder clicked = order;
        clicked.quotedOut = quote.expectedOut;
        QElapsedTimer timer;
        timer.start();
        quint64 swapId = 0;
        const SwapRecord record = waitFor<decltype(&ChainService::swapFinished), SwapRecord>(
            chain, &ChainService::swapFinished, &swapId, [&] { return chain->submitSwap(clicked); },
            [](const SwapRecord &r) { return r.id; });
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (record.status != SwapRecord::Status::Succeeded) {
            std::fprintf(stderr, "bench_swap: swap failed: %s\n", qPrintable(record.error.toString()));
            return 1;
        }
        clicks.append(ms);
    }

    // 3. `cast send` of the same calldata from the same account (a new process each time, as a
    //    script runs it); the minimum out from a fresh quote at the same slippage, a deadline ahead.
    QList<double> casts;
    const auto key = chain::sandboxAccountKey(1);
    if (!key) {
        std::fprintf(stderr, "bench_swap: no sandbox key\n");
        return 1;
    }
    for (int i = 0; i < swaps; ++i) {
        quint64 quoteId = 0;
        const SwapQuote quote = waitFor<decltype(&ChainService::quoteReady), SwapQuote>(
            chain, &ChainService::quoteReady, &quoteId, [&] { return chain->requestQuote(order); },
            [](const SwapQuote &q) { return q.requestId; });
        auto call = uniswap::encodeSwapExactInSingleCall(
            uniswap::ExactInSingle{recorded->deployment.poolKey, true, order.amountIn, quote.minimumOut, {}},
            uniswap::RouterVersion::V2_1, QDateTime::currentSecsSinceEpoch() + 600);
        if (!call) {
            std::fprintf(stderr, "bench_swap: %s\n", qPrintable(call.error().toString()));
            return 1;
        }
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(cast, {QStringLiteral("send"), QStringLiteral("--private-key"), eth::toHex(key->secret().bytes()),
                             QStringLiteral("--rpc-url"), state.rpcUrl, QStringLiteral("--value"),
                             eth::toDecimal(call->value), recorded->deployment.universalRouter.toChecksumString(),
                             eth::toHex(call->calldata)});
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            std::fprintf(stderr, "bench_swap: cast send failed: %s\n", process.readAllStandardError().constData());
            return 1;
        }
        casts.append(double(timer.nsecsElapsed()) / 1e6);
    }

    std::printf("sandbox ready, cold (deploy + save):  %8.1f ms\n", cold);
    std::printf("sandbox ready, from saved state:      %8.1f ms\n", cached);
    std::printf("paper swap click -> receipt (%d):     median %7.3f ms   p90 %7.3f ms\n", swaps, median(clicks),
                percentile(clicks, 90));
    std::printf("cast send of the same calldata (%d):  median %7.3f ms   p90 %7.3f ms\n", swaps, median(casts),
                percentile(casts, 90));
    std::printf("ratio cast / ApeDesk:                 %.1fx\n", median(casts) / std::max(0.001, median(clicks)));
    harness.core.shutdown(3000);
    return 0;
}
