// bench_agent: the agent's own overhead per cycle — everything but the model and the chain: reading
// the market view, the rebalance check, building the prompt (stateless, and stateful with a full
// memory and its token estimate), streaming the answer through the call machinery, parsing, sizing,
// the journal writes (real SQLite, WAL) and the memory's persistence. The model answers at once (an
// in-process backend) and the chain is a fixed portfolio, so what is timed is the agent alone.
// Usage: bench_agent [CYCLES=2000]

#include "agent/agentloop.h"
#include "agent/decisionjournal.h"
#include "agent/llmbackend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace apedesk;
using namespace apedesk::agent;

namespace {

// Answers at once with a fixed text in a few tokens: the model's time is ~0.
class InstantCall : public LlmCall
{
public:
    InstantCall(const QString &text, QObject *parent) : LlmCall(parent)
    {
        QTimer::singleShot(0, this, [this, text] {
            for (const QString &piece : text.split(QLatin1Char(' ')))
                Q_EMIT token(piece + QLatin1Char(' '));
            LlmReply reply;
            reply.ok = true;
            reply.text = text;
            reply.model = QStringLiteral("instant");
            finish(reply);
            deleteLater();
        });
    }
    void cancel() override {}
};

class InstantBackend : public LlmBackend
{
public:
    QString text;
    QString kind() const override { return QStringLiteral("ollama"); }
    QString endpoint() const override { return QStringLiteral("in-process"); }
    LlmCall *chat(const LlmRequest &) override { return new InstantCall(text, this); }
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override { done(QList<ModelInfo>{}); }
    void probe(std::function<void(Result<QString>)> done) override { done(QStringLiteral("0")); }
};

class FixedGateway : public TradeGateway
{
public:
    Result<Portfolio> portfolio(const CancelCheck &) override
    {
        Portfolio p;
        p.valid = true;
        p.account = *eth::Address::fromString(QStringLiteral("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"));
        p.ethWei = eth::u256(10) * eth::u256(1000000000000000000ULL);
        p.usdcUnits = eth::u256(30000) * eth::u256(1000000);
        p.price = 3000;
        return p;
    }
    SwapRecord swap(const SwapOrder &, const CancelCheck &) override { return {}; }
    eth::Address account() const override { return *eth::Address::fromString(QStringLiteral("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc")); }
};

class FixedMarket : public MarketSource
{
public:
    Result<MarketView> market() override
    {
        MarketView view;
        view.valid = true;
        view.lastPrice = 3000;
        view.firstPrice = 2990;
        view.priceChangePercent = 0.33;
        view.volumeEth = 12.5;
        view.volumeUsdc = 37500;
        view.swapCount = 40;
        view.volatilityPercent = 0.05;
        return view;
    }
};

struct Figures
{
    double medianUs = 0, p99Us = 0, meanUs = 0;
};

Figures run(bool stateful, int cycles, const QString &dbPath)
{
    DecisionJournal journal;
    if (Status opened = journal.open(dbPath); !opened) {
        std::fprintf(stderr, "journal: %s\n", qPrintable(opened.error().toString()));
        std::exit(1);
    }
    InstantBackend backend;
    QString reasoning;
    for (int i = 0; i < 12; ++i)
        reasoning += QStringLiteral("Volume is steady and the price drifts sideways within a narrow band. ");
    backend.text = reasoning + QStringLiteral("\nRECOMMENDATION: APE NEUTRAL");
    FixedGateway gateway;
    FixedMarket market;
    AgentConfig config;
    config.backend = *parseBackendSpec(QStringLiteral("ollama:http://127.0.0.1:1/bench"));
    config.stateful = stateful;
    config.memoryProfile = stateful ? QStringLiteral("bench-stateful") : QString();
    AgentLoop loop(config, &backend, &gateway, &market, &journal);
    (void)loop.begin(QStringLiteral("bench"), QDateTime::currentSecsSinceEpoch());
    std::vector<double> samples;
    samples.reserve(cycles);
    QElapsedTimer clock;
    for (int i = 0; i < cycles; ++i) {
        clock.start();
        const DecisionRecord record = loop.runCycle({});
        samples.push_back(clock.nsecsElapsed() / 1000.0);
        if (record.status != DecisionRecord::Status::NoTrade) {
            std::fprintf(stderr, "unexpected decision: %s %s\n", qPrintable(decisionStatusKey(record.status)),
                         qPrintable(record.error.toString()));
            std::exit(1);
        }
    }
    std::vector<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    Figures f;
    f.medianUs = sorted[sorted.size() / 2];
    f.p99Us = sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
    double sum = 0;
    for (double s : samples)
        sum += s;
    f.meanUs = sum / samples.size();
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.info=false\napedesk.*.debug=false"));
    const int cycles = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 2000;
    QTemporaryDir dir;
    const Figures stateless = run(false, cycles, dir.filePath(QStringLiteral("stateless.sqlite")));
    const Figures stateful = run(true, cycles, dir.filePath(QStringLiteral("stateful.sqlite")));
    std::printf("agent overhead per cycle (model and chain excluded; real SQLite journal, %d cycles each)\n", cycles);
    std::printf("  stateless: median %.0f us, p99 %.0f us, mean %.0f us\n", stateless.medianUs, stateless.p99Us, stateless.meanUs);
    std::printf("  stateful : median %.0f us, p99 %.0f us, mean %.0f us (memory of 100 states / 100 decisions, "
                "token estimate, summarisation, persisted each cycle)\n",
                stateful.medianUs, stateful.p99Us, stateful.meanUs);
    std::printf("  for scale: the tutorial's loop sleeps 10 s per cycle and its model answers in seconds\n");
    return 0;
}
