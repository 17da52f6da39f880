// bench_market: swap-log ingestion against the tools a person would otherwise use, on one sandbox in
// one run. The sandbox market makes SWAPS swaps (default 2,056, the size of the target's range), then
// over the same block range it times (median of RUNS):
//   - a bare eth_getLogs request (HTTP POST and the complete answer, nothing decoded),
//   - `cast logs` with the same filter,
//   - ApeDesk's SwapCollector into a fresh SQLite store: fetch, decode, timestamps, store, checkpoint,
//     once with one batch for the whole range and once with the default 200-block batches.
// It prints events per second and the ratios. Also: the tutorial's 10k-swap processing step
// (import the real CSV, derive the features, write the processed CSV) time and peak memory.
// Usage: bench_market [SWAPS=2056] [RUNS=7]

#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "eth/hex.h"
#include "market/marketsimulator.h"
#include "market/swapcollector.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"
#include "market/swapstore.h"
#include "uniswap/swapevent.h"

#include <QBuffer>
#include <QDateTime>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace apedesk;
using namespace apedesk::market;

namespace {

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

QString hex(const QByteArray &bytes) { return eth::toHex(bytes); }

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.info=false\napedesk.*.debug=false"));
    const int swaps = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 2056;
    const int runs = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 7;
    const QString cast = qEnvironmentVariable("APEDESK_CAST", QStringLiteral(APEDESK_DEFAULT_CAST));
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;

    // --- the tutorial's processing step on the real data (10k swaps in the tutorial; 8,000 shipped)
    const QString csvPath = qEnvironmentVariable("APEDESK_SHARED_DIR", QStringLiteral(APEDESK_DEFAULT_SHARED))
        + QStringLiteral("/data/base_eth_usdc_swaps.csv");
    {
        QList<double> times;
        int rows = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            QFile in(csvPath);
            if (!in.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(csvPath));
                return 1;
            }
            auto imported = readRawSwapCsv(in, QStringLiteral("8453"));
            if (!imported) {
                std::fprintf(stderr, "%s\n", qPrintable(imported.error().toString()));
                return 1;
            }
            QBuffer out;
            out.open(QIODevice::WriteOnly);
            if (!writeProcessedSwapCsv(out, imported->swaps))
                return 1;
            rows = imported->rowsRead;
            times.append(t.nsecsElapsed() / 1e6);
        }
        std::printf("process CSV (%d rows: read, features, processed CSV): median %.1f ms, peak RSS %.0f MB "
                    "(tutorial: 36-54 s and 8 GB for 10k)\n",
                    rows, median(times), peakRssMb());
    }

    // --- a sandbox and its market
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    Core core(&settings);
    ChainConfig chainConfig;
    chainConfig.dataDirectory = dir.filePath(QStringLiteral("chain"));
    chainConfig.keystoreDirectory = dir.filePath(QStringLiteral("keystore"));
    auto *chain = core.add(std::make_unique<ChainService>(chainConfig));
    QElapsedTimer ready;
    ready.start();
    while (!chain->state().connected() && ready.elapsed() < 120000)
        waitMs(20);
    const ChainState state = chain->state();
    if (!state.connected() || !state.venue) {
        std::fprintf(stderr, "sandbox did not start: %s\n", qPrintable(state.message));
        return 1;
    }
    SimulatorConfig simConfig;
    simConfig.swapsPerMinute = 0;
    simConfig.seed = 2056;
    MarketSimulator simulator(SimulatorTarget{state.connectUrl, *state.venue, state.chainId}, simConfig);
    if (auto ok = simulator.prepare({}); !ok) {
        std::fprintf(stderr, "simulator: %s\n", qPrintable(ok.error().toString()));
        return 1;
    }
    QElapsedTimer simTimer;
    simTimer.start();
    int made = 0, steps = 0;
    while (made < swaps && steps < swaps * 3) {
        ++steps;
        auto step = simulator.step();
        if (step && step->swapped)
            ++made;
    }
    std::printf("sandbox market: %d swaps in %.1f s (%.1f swaps/s)\n", made, simTimer.elapsed() / 1000.0,
                made / (simTimer.elapsed() / 1000.0));

    // --- the range and filter
    QNetworkAccessManager network;
    auto post = [&](const QJsonObject &body) {
        QNetworkRequest request{QUrl(state.connectUrl)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return answer;
    };
    const QJsonObject head = QJsonDocument::fromJson(post({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                                          {QStringLiteral("id"), 1},
                                                          {QStringLiteral("method"), QStringLiteral("eth_blockNumber")},
                                                          {QStringLiteral("params"), QJsonArray()}}))
                                 .object();
    const quint64 toBlock = head.value(QStringLiteral("result")).toString().mid(2).toULongLong(nullptr, 16);
    const QString topic0 = hex(uniswap::swapEventTopic().bytes());
    const QString poolId = hex(state.venue->poolId().bytes());
    const QString manager = state.venue->poolManager.toChecksumString();
    const QJsonObject filter{{QStringLiteral("fromBlock"), QStringLiteral("0x0")},
                             {QStringLiteral("toBlock"), QString(QStringLiteral("0x") + QString::number(toBlock, 16))},
                             {QStringLiteral("address"), manager},
                             {QStringLiteral("topics"), QJsonArray{topic0, poolId}}};
    QJsonObject getLogs;
    getLogs.insert(QStringLiteral("jsonrpc"), QStringLiteral("2.0"));
    getLogs.insert(QStringLiteral("id"), 1);
    getLogs.insert(QStringLiteral("method"), QStringLiteral("eth_getLogs"));
    getLogs.insert(QStringLiteral("params"), QJsonArray{QJsonValue(filter)});
    int events = 0;
    QList<double> bare;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const QByteArray answer = post(getLogs);
        bare.append(t.nsecsElapsed() / 1e6);
        events = int(QJsonDocument::fromJson(answer).object().value(QStringLiteral("result")).toArray().size());
    }

    QList<double> castTimes;
    for (int i = 0; i < runs; ++i) {
        QProcess process;
        QElapsedTimer t;
        t.start();
        process.start(cast, {QStringLiteral("logs"), QStringLiteral("--rpc-url"), state.connectUrl,
                             QStringLiteral("--from-block"), QStringLiteral("0"), QStringLiteral("--to-block"),
                             QString::number(toBlock), QStringLiteral("--address"), manager, QStringLiteral("--json"),
                             topic0, poolId});
        process.waitForFinished(60000);
        castTimes.append(t.nsecsElapsed() / 1e6);
        if (process.exitCode() != 0) {
            std::fprintf(stderr, "cast logs failed: %s\n", process.readAllStandardError().constData());
            return 1;
        }
    }

    auto collectOnce = [&](int batchBlocks, double *ms) -> bool {
        const QString path = dir.filePath(QStringLiteral("collect-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch()));
        auto store = SwapStore::open(path);
        if (!store)
            return false;
        CollectRequest request;
        request.rpcUrls = {state.connectUrl};
        request.poolManager = state.venue->poolManager;
        request.poolId = state.venue->poolId();
        request.fromBlock = 0;
        request.toBlock = toBlock;
        request.batchBlocks = batchBlocks;
        SwapCollector collector(store->get(), request);
        QElapsedTimer t;
        t.start();
        auto result = collector.run({});
        *ms = t.nsecsElapsed() / 1e6;
        if (!result) {
            std::fprintf(stderr, "collect: %s\n", qPrintable(result.error().toString()));
            return false;
        }
        if (result->eventsStored != events) {
            std::fprintf(stderr, "collect stored %lld of %d events\n", result->eventsStored, events);
            return false;
        }
        store->reset();
        QFile::remove(path);
        return true;
    };
    QList<double> oneBatch, batched;
    for (int i = 0; i < runs; ++i) {
        double ms = 0;
        if (!collectOnce(int(toBlock + 1), &ms))
            return 1;
        oneBatch.append(ms);
        if (!collectOnce(200, &ms))
            return 1;
        batched.append(ms);
    }

    const double bareMs = median(bare), castMs = median(castTimes), oneMs = median(oneBatch), batchMs = median(batched);
    std::printf("range: blocks 0-%llu, %d Swap events, %d runs each (median)\n", toBlock, events, runs);
    std::printf("bare eth_getLogs (HTTP only):          %8.1f ms\n", bareMs);
    std::printf("cast logs --json:                      %8.1f ms\n", castMs);
    std::printf("ApeDesk collect, one batch:            %8.1f ms  %8.0f events/s  %.2fx bare, cast/ApeDesk %.2fx\n",
                oneMs, events / (oneMs / 1000), oneMs / bareMs, castMs / oneMs);
    std::printf("ApeDesk collect, 200-block batches:    %8.1f ms  %8.0f events/s  %.2fx bare, cast/ApeDesk %.2fx\n",
                batchMs, events / (batchMs / 1000), batchMs / bareMs, castMs / batchMs);
    std::printf("(ApeDesk's figures include decoding, block timestamps, SQLite rows and the checkpoint)\n");
    core.shutdown(5000);
    return 0;
}
