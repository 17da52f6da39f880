// The trained trader as the agent's built-in backend "builtin:dqn:RUN_DIR": the spec parses and
// round-trips once registerDqnBackend() ran, makeBackend() builds the DQN backend, an observation with
// enough recent swaps gets the answer of the policy's greedy action (streamed token by token before
// the end), too few swaps, no market view or a missing run are clear failures, and the pool metrics
// carry the recent swaps the backend reads (PoolMetrics::recent, batch and rolling alike).

#include "agent/decisionparser.h"
#include "agent/llmbackend.h"
#include "dqnbackend.h"
#include "dqntrainer.h"
#include "eth/units.h"
#include "market/poolmetrics.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

// Swaps 12 s apart along a noisy sine around $2,500; the USDC amount's sign alternates (buys and sells).
QVector<market::SwapPoint> sineSwaps(int count, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, 1);
    QVector<market::SwapPoint> points;
    for (int i = 0; i < count; ++i) {
        market::SwapPoint p;
        p.timestamp = 1700000000 + 12 * i;
        p.price = 2500 * (1 + 0.02 * std::sin(2 * M_PI * i / 40.0)) + 2 * noise(rng);
        const double usdc = 1000 + 600 * std::abs(std::sin(2 * M_PI * i / 40.0)) + 50 * std::abs(noise(rng));
        p.usdcAmount = i % 2 ? usdc : -usdc;
        p.ethAmount = -p.usdcAmount / p.price;
        p.blockNumber = quint64(100 + i);
        points.append(p);
    }
    return points;
}

// The processed 3-row price volatility (swapfeatures.h) of points[i] within [from, i].
double volatilityAt(const QVector<market::SwapPoint> &points, int from, int i)
{
    const int first = std::max(from, i - 2);
    const int n = i - first + 1;
    if (n < 2)
        return 0;
    double sum = 0;
    for (int j = first; j <= i; ++j)
        sum += points[j].price;
    const double mean = sum / n;
    double squares = 0;
    for (int j = first; j <= i; ++j)
        squares += (points[j].price - mean) * (points[j].price - mean);
    return std::sqrt(squares / (n - 1));
}

TradingSeries seriesOf(const QVector<market::SwapPoint> &points)
{
    TradingSeries series;
    for (int i = 0; i < points.size(); ++i)
        series.steps.append(MarketStep{points[i].price, std::abs(points[i].usdcAmount), volatilityAt(points, 0, i),
                                       points[i].timestamp});
    series.sequenceStarts = {0};
    series.description = QStringLiteral("noisy sine swaps (test)");
    return series;
}

DqnTrainingConfig tinyConfig(const QString &dataPath)
{
    DqnTrainingConfig config;
    config.dqn.hidden = {16, 16};
    config.dqn.timesteps = 3000;
    config.dqn.learningStarts = 300;
    config.dqn.bufferSize = 2000;
    config.dqn.batchSize = 32;
    config.dqn.targetUpdateInterval = 250;
    config.dqn.learningRate = 1e-3;
    config.dqn.seed = 17;
    config.env.episodeSteps = 100;
    config.threads = 1;
    config.logEverySteps = 500;
    config.checkpointEverySteps = 100000;
    config.dataKind = QStringLiteral("csv");
    config.dataSource = dataPath;
    return config;
}

agent::Portfolio portfolio(const char *eth, const char *usdc, double price)
{
    agent::Portfolio p;
    p.valid = true;
    p.price = price;
    p.ethWei = *eth::parseUnits(QString::fromLatin1(eth), 18);
    p.usdcUnits = *eth::parseUnits(QString::fromLatin1(usdc), 6);
    return p;
}

QString canaryOf(TradeAction action)
{
    switch (action) {
    case TradeAction::Buy: return QStringLiteral("APE IN");
    case TradeAction::Sell: return QStringLiteral("APE OUT");
    case TradeAction::Hold: break;
    }
    return QStringLiteral("APE NEUTRAL");
}

// One call, watched: every token and the end, in the order they came.
struct Watched
{
    QStringList tokens;
    QStringList events;   // "token" / "finished"
    std::optional<agent::LlmReply> reply;
};

Watched ask(agent::LlmBackend *backend, const agent::LlmRequest &request)
{
    Watched watched;
    QObject scope;   // the connections end with this function
    agent::LlmCall *call = backend->chat(request);
    QObject::connect(call, &agent::LlmCall::token, &scope, [&watched](const QString &delta) {
        watched.tokens << delta;
        watched.events << QStringLiteral("token");
    });
    QObject::connect(call, &agent::LlmCall::finished, &scope, [&watched](const agent::LlmReply &reply) {
        watched.reply = reply;
        watched.events << QStringLiteral("finished");
    });
    (void)QTest::qWaitFor([&watched] { return watched.reply.has_value(); }, 10000);
    return watched;   // callers check that the reply came
}

bool samePoints(const QVector<market::MarketPoint> &a, const QVector<market::MarketPoint> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i)
        if (a[i].price != b[i].price || a[i].volume != b[i].volume || a[i].volatility != b[i].volatility
            || a[i].timestamp != b[i].timestamp)
            return false;
    return true;
}

} // namespace

class TestDqnBackend : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QVector<market::SwapPoint> m_swaps;
    QString m_run;
    std::shared_ptr<DqnPolicy> m_policy;

    // The agent's observation of the pool at swap `last` (a 10-minute window ending there).
    agent::Observation observationAt(int last, const agent::Portfolio &holdings) const
    {
        agent::Observation o;
        o.timestamp = m_swaps[last].timestamp;
        o.market = market::computePoolMetrics(m_swaps.mid(0, last + 1), m_swaps[last].timestamp, 600);
        o.portfolio = holdings;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_swaps = sineSwaps(1500, 9);
        m_run = m_dir.filePath(QStringLiteral("trader"));
        const TradingSeries series = seriesOf(m_swaps);
        auto trainer = DqnTrainer::create(m_run, series, tinyConfig(m_dir.filePath(QStringLiteral("swaps.csv"))));
        QVERIFY2(trainer, trainer ? "" : qPrintable(trainer.error().toString()));
        const DqnTrainingResult result = (*trainer)->train();
        QVERIFY2(result.end == DqnTrainingResult::End::Finished, qPrintable(result.message));
        auto policy = DqnPolicy::load(m_run);
        QVERIFY2(policy, policy ? "" : qPrintable(policy.error().toString()));
        m_policy = *policy;
    }

    // Runs first: without the registration the spec names nothing the agent knows.
    void specNeedsTheRegistration()
    {
        QVERIFY(!agent::hasPolicyBackend(QStringLiteral("dqn")));
        auto spec = agent::parseBackendSpec(QStringLiteral("builtin:dqn:/runs/a"));
        QVERIFY(!spec);
        QCOMPARE(spec.error().kind, Error::Kind::Usage);
    }

    void specParsesAndRoundTrips()
    {
        registerDqnBackend();
        QVERIFY(agent::hasPolicyBackend(QStringLiteral("dqn")));
        for (const QString &text : {QStringLiteral("builtin:dqn:/abs/runs/trader-1"), QStringLiteral("builtin:dqn:runs/relative"),
                                    QStringLiteral("builtin:dqn:C:/runs/with:colon")}) {
            auto spec = agent::parseBackendSpec(text);
            QVERIFY2(spec, spec ? "" : qPrintable(spec.error().toString()));
            QCOMPARE(spec->kind, agent::BackendSpec::Kind::Builtin);
            QCOMPARE(spec->model, text.mid(QStringLiteral("builtin:").size()));
            QCOMPARE(spec->toString(), text);
            auto again = agent::parseBackendSpec(spec->toString());
            QVERIFY(again);
            QCOMPARE(again->model, spec->model);
            QCOMPARE(again->kind, spec->kind);
        }
        // Without a run folder, or with a name nobody registered: a sentence saying what is missing.
        for (const QString &text : {QStringLiteral("builtin:dqn"), QStringLiteral("builtin:dqn:"),
                                    QStringLiteral("builtin:dqn:   ")}) {
            auto spec = agent::parseBackendSpec(text);
            QVERIFY2(!spec, qPrintable(text));
            QCOMPARE(spec.error().kind, Error::Kind::Usage);
            QVERIFY2(spec.error().message.contains(QStringLiteral("builtin:dqn:")), qPrintable(spec.error().message));
        }
        auto unknown = agent::parseBackendSpec(QStringLiteral("builtin:nosuch:/x"));
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QStringLiteral("dqn:")), qPrintable(unknown.error().message));
        // The plain built-in policy is unchanged.
        auto momentum = agent::parseBackendSpec(QStringLiteral("builtin"));
        QVERIFY(momentum);
        QCOMPARE(momentum->model, QStringLiteral("momentum"));
        QCOMPARE(momentum->toString(), QStringLiteral("builtin:momentum"));
    }

    void makeBackendBuildsTheTrader()
    {
        registerDqnBackend();
        auto spec = agent::parseBackendSpec(QStringLiteral("builtin:dqn:") + m_run);
        QVERIFY(spec);
        QObject owner;
        std::unique_ptr<agent::LlmBackend> backend = agent::makeBackend(*spec, &owner);
        auto *trader = qobject_cast<DqnPolicyBackend *>(backend.get());
        QVERIFY(trader);
        QCOMPARE(backend->parent(), &owner);
        QCOMPARE(backend->kind(), QStringLiteral("builtin"));
        QCOMPARE(backend->endpoint(), QStringLiteral("built-in"));
        auto momentum = agent::makeBackend(*agent::parseBackendSpec(QStringLiteral("builtin")));
        QVERIFY(!qobject_cast<DqnPolicyBackend *>(momentum.get()));

        std::optional<Result<QString>> probed;
        backend->probe([&probed](Result<QString> answer) { probed = std::move(answer); });
        QTRY_VERIFY(probed.has_value());
        QVERIFY2(*probed, *probed ? "" : qPrintable(probed->error().toString()));
        QVERIFY2((*probed)->contains(QStringLiteral("dqn:trader")), qPrintable(**probed));

        std::optional<Result<QList<agent::ModelInfo>>> models;
        backend->listModels([&models](Result<QList<agent::ModelInfo>> answer) { models = std::move(answer); });
        QTRY_VERIFY(models.has_value());
        QVERIFY(*models);
        QCOMPARE((*models)->size(), 1);
        QCOMPARE((*models)->first().name, spec->model);
    }

    void answersWithThePolicysGreedyAction()
    {
        DqnPolicyBackend backend(m_run);
        const agent::Portfolio flat = portfolio("0.01", "2000", 2500);       // ETH weight ≈ 1 %
        const agent::Portfolio holding = portfolio("1", "300", 2500);        // ETH weight ≈ 89 %
        QSet<QString> canaries;
        int answered = 0;
        for (int last = 40; last < 1500; last += 97) {
            for (const agent::Portfolio &holdings : {flat, holding}) {
                agent::LlmRequest request;
                request.model = QStringLiteral("dqn:") + m_run;
                request.observation = observationAt(last, holdings);
                QCOMPARE(request.observation->market.recent.size(), market::kRecentMarketPoints);

                // What the policy decides on the same swaps, computed here from the raw points.
                QVector<MarketStep> steps;
                const int windowFirst = last - request.observation->market.swapCount + 1;
                for (int i = last - kRlWindow; i <= last; ++i)
                    steps.append(MarketStep{m_swaps[i].price, std::abs(m_swaps[i].usdcAmount),
                                            volatilityAt(m_swaps, windowFirst, i), m_swaps[i].timestamp});
                const bool isHolding = holdings.ethWeight() >= 0.5;
                auto observation = observationFromSteps(steps, isHolding);
                QVERIFY(observation);
                const TradeAction action = m_policy->greedy(*observation);
                const QString expected = dqnAnswer(m_policy->qValues(*observation), action, isHolding);

                const Watched watched = ask(&backend, request);
                QVERIFY(watched.reply);
                QVERIFY2(watched.reply->ok, qPrintable(watched.reply->error.toString()));
                QCOMPARE(watched.reply->text, expected);
                const agent::ParsedAnswer parsed = agent::parseAnswer(watched.reply->text);
                QCOMPARE(parsed.format, agent::ParsedAnswer::Format::Canary);
                QCOMPARE(agent::canaryText(parsed.canary), canaryOf(action));
                canaries.insert(canaryOf(action));

                // Streamed: several tokens, all before the end, that make up the answer.
                QVERIFY(watched.tokens.size() > 3);
                QCOMPARE(watched.events.count(QStringLiteral("finished")), 1);
                QCOMPARE(watched.events.last(), QStringLiteral("finished"));
                QCOMPARE(watched.tokens.join(QString()), watched.reply->text);
                QVERIFY(watched.reply->firstTokenMs >= 0);
                QCOMPARE(watched.reply->model, QStringLiteral("dqn:trader"));
                ++answered;
            }
        }
        QVERIFY(answered >= 20);
        qInfo() << "canaries answered:" << canaries.values();
    }

    void tooFewSwapsNoMarketOrNoRunFailClearly()
    {
        DqnPolicyBackend backend(m_run);
        agent::LlmRequest request;
        // Ten swaps in the window (100 s): one short of a window and the price before it.
        agent::Observation few;
        few.market = market::computePoolMetrics(m_swaps.mid(0, 10), m_swaps[9].timestamp, 600);
        few.portfolio = portfolio("0.5", "1000", 2500);
        QCOMPARE(few.market.recent.size(), 10);
        request.observation = few;
        Watched watched = ask(&backend, request);
        QVERIFY(watched.reply);
        QVERIFY(!watched.reply->ok);
        QCOMPARE(watched.reply->failure, agent::LlmReply::Failure::Server);
        QVERIFY(watched.tokens.isEmpty());
        QVERIFY2(watched.reply->error.message.contains(QStringLiteral("11"))
                     && watched.reply->error.message.contains(QStringLiteral("10")),
                 qPrintable(watched.reply->error.message));

        request.observation.reset();
        watched = ask(&backend, request);
        QVERIFY(watched.reply);
        QVERIFY(!watched.reply->ok);
        QVERIFY(!watched.reply->error.message.isEmpty());

        const QString nowhere = m_dir.filePath(QStringLiteral("no-such-run"));
        DqnPolicyBackend missing(nowhere);
        request.observation = observationAt(200, portfolio("0.5", "1000", 2500));
        watched = ask(&missing, request);
        QVERIFY(watched.reply);
        QVERIFY(!watched.reply->ok);
        QCOMPARE(watched.reply->failure, agent::LlmReply::Failure::Server);
        QVERIFY2(watched.reply->error.message.contains(nowhere), qPrintable(watched.reply->error.message));
        std::optional<Result<QString>> probed;
        missing.probe([&probed](Result<QString> answer) { probed = std::move(answer); });
        QTRY_VERIFY(probed.has_value());
        QVERIFY(!*probed);
    }

    void cancelEndsTheCall()
    {
        DqnPolicyBackend backend(m_run);
        agent::LlmRequest request;
        request.observation = observationAt(300, portfolio("0.5", "1000", 2500));
        agent::LlmCall *call = backend.chat(request);
        QSignalSpy finished(call, &agent::LlmCall::finished);
        call->cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<agent::LlmReply>().failure, agent::LlmReply::Failure::Canceled);
    }

    void poolMetricsCarryTheRecentSwaps()
    {
        const QVector<market::SwapPoint> points = m_swaps.mid(0, 25);   // t = 0, 12, …, 288 (+1.7e9)
        const qint64 end = points.last().timestamp;

        // All 25 in a 10-minute window: the newest 16, oldest first, with their 3-row volatility.
        const market::PoolMetrics all = market::computePoolMetrics(points, end, 600);
        QCOMPARE(all.swapCount, 25);
        QCOMPARE(all.recent.size(), market::kRecentMarketPoints);
        for (int k = 0; k < all.recent.size(); ++k) {
            const int i = 25 - market::kRecentMarketPoints + k;
            QCOMPARE(all.recent[k].price, points[i].price);
            QCOMPARE(all.recent[k].volume, std::abs(points[i].usdcAmount));
            QCOMPARE(all.recent[k].timestamp, points[i].timestamp);
            QVERIFY(std::abs(all.recent[k].volatility - volatilityAt(points, 0, i)) <= 1e-9 * points[i].price);
            QVERIFY(all.recent[k].volatility > 0);
        }

        // A 50 s window holds 5 swaps: only those count, the first with no volatility yet.
        const market::PoolMetrics five = market::computePoolMetrics(points, end, 50);
        QCOMPARE(five.swapCount, 5);
        QCOMPARE(five.recent.size(), 5);
        QCOMPARE(five.recent[0].volatility, 0.0);
        QCOMPARE(five.recent[0].price, points[20].price);
        QVERIFY(std::abs(five.recent[1].volatility - volatilityAt(points, 20, 21)) <= 1e-9 * points[21].price);
        QVERIFY(std::abs(five.recent[4].volatility - volatilityAt(points, 20, 24)) <= 1e-9 * points[24].price);

        // The rolling form (the live monitor's) gives the same points; an empty window none.
        market::RollingMetrics rolling(600);
        rolling.append(points);
        QVERIFY(samePoints(rolling.at(end).recent, all.recent));
        market::RollingMetrics shortWindow(50);
        shortWindow.append(points);
        QVERIFY(samePoints(shortWindow.at(end).recent, five.recent));
        QVERIFY(market::computePoolMetrics(points, end + 10000, 600).recent.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDqnBackend)
#include "test_dqn_backend.moc"
