// The stateful agent's memory: the token estimate, the bounded rings, the market trend,
// summarisation under load with exactly the retention rules' survivors and its cooldown, the JSON
// round trip (and refusal of damaged JSON), a restart through the journal, and the stateful prompt's
// exact text (full and short, with and without history).
#include "agent/agentmemory.h"
#include "agent/decisionjournal.h"
#include "agent/prompts.h"
#include "eth/units.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::agent;

namespace {

MarketState state(qint64 t, double price, double volumeEth = 1, double change = 0)
{
    MarketState s;
    s.timestamp = t;
    s.ethPrice = price;
    s.priceChangePercent = change;
    s.volumeEth = volumeEth;
    s.volumeUsdc = volumeEth * price;
    s.swapCount = 3;
    return s;
}

MemoryDecision insight(qint64 t, const QString &text)
{
    MemoryDecision d;
    d.timestamp = t;
    d.type = DecisionType::LearningInsight;
    d.reasoning = text;
    return d;
}

// A trade: "sell" = ETH_TO_USDC. `success` / `pl` unset when std::nullopt.
MemoryDecision trade(qint64 t, bool sell, std::optional<bool> success, std::optional<double> pl, double price,
                     double change = 0, const QString &reasoning = QStringLiteral("RECOMMENDATION: APE"))
{
    MemoryDecision d;
    d.timestamp = t;
    d.type = DecisionType::LlmDecision;
    d.tradeType = sell ? QStringLiteral("ETH_TO_USDC") : QStringLiteral("USDC_TO_ETH");
    d.amount = 0.01;
    d.reasoning = reasoning;
    d.market = state(t, price, 1, change);
    d.valueBefore = 1000;
    d.valueAfter = 1000 * (1 + pl.value_or(0));
    d.success = success;
    d.profitLoss = pl;
    return d;
}

MemoryDecision thought(qint64 t, const QString &reasoning)
{
    MemoryDecision d;
    d.timestamp = t;
    d.type = DecisionType::LlmDecision;
    d.reasoning = reasoning;
    return d;
}

// 80 words of "word " = 400 characters: ⌊1.3·80 + 0.5·80⌋ = 144 tokens (chars / 4 = 100).
QString longReasoning(int seed)
{
    QString text;
    for (int i = 0; i < 80; ++i)
        text += QStringLiteral("wor%1 ").arg(QLatin1Char(char('a' + (seed + i) % 26)));
    return text.left(400);
}

Observation observation(qint64 t, double price, double ethAmount, const QString &usdcAmount, double volumeEth,
                        double changePercent)
{
    Observation o;
    o.timestamp = t;
    o.market.valid = true;
    o.market.lastPrice = price;
    o.market.volumeEth = volumeEth;
    o.market.priceChangePercent = changePercent;
    o.portfolio.valid = true;
    o.portfolio.price = price;
    o.portfolio.ethWei = *eth::parseUnits(QString::number(ethAmount, 'f', 6), 18);
    o.portfolio.usdcUnits = *eth::parseUnits(usdcAmount, 6);
    return o;
}

bool sameDecision(const MemoryDecision &a, const MemoryDecision &b)
{
    return a.timestamp == b.timestamp && a.type == b.type && a.tradeType == b.tradeType && a.amount == b.amount
        && a.reasoning == b.reasoning && a.market.timestamp == b.market.timestamp && a.market.ethPrice == b.market.ethPrice
        && a.market.priceChangePercent == b.market.priceChangePercent && a.market.volumeEth == b.market.volumeEth
        && a.market.volumeUsdc == b.market.volumeUsdc && a.market.swapCount == b.market.swapCount
        && a.valueBefore == b.valueBefore && a.valueAfter == b.valueAfter && a.success == b.success
        && a.profitLoss == b.profitLoss;
}

} // namespace

class TestAgentMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenEstimate_data();
    void tokenEstimate();
    void ringsAreBounded();
    void trendOverTheLastHour();
    void summarizeKeepsExactlyTheRetainedSet();
    void summaryCooldown();
    void jsonRoundTrip();
    void damagedJsonIsRefused();
    void restartContinuesFromTheJournal();
    void statefulPromptWithoutHistory();
    void statefulPromptWithHistory();
};

void TestAgentMemory::tokenEstimate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    // words, specials, whitespace (' ', '\n', '\t'), characters (code points):
    // max(⌊(13·words + 5·specials + 5·whitespace) / 10⌋, ⌊chars / 4⌋)
    QTest::newRow("empty") << QString() << 0;
    // 2 words, 0 specials, 1 space: ⌊2.6 + 0.5⌋ = 3; 11 chars → 2.
    QTest::newRow("two words") << QStringLiteral("Hello world") << 3;
    // "Price:" "$2500.50!": 2 words; specials : $ 2 5 0 0 . 5 0 ! = 10; 1 space: ⌊2.6 + 5 + 0.5⌋ = 8; 16 chars → 4.
    QTest::newRow("specials") << QStringLiteral("Price: $2500.50!") << 8;
    // one 40-letter word: ⌊1.3⌋ = 1; 40 chars → 10.
    QTest::newRow("long word") << QString(40, QLatin1Char('a')) << 10;
    // 4 words; tab, newline and two spaces = 4 whitespace: ⌊5.2 + 2⌋ = 7; 8 chars → 2.
    QTest::newRow("tab newline") << QStringLiteral("a\tb\nc  d") << 7;
    // '\r' separates words but is not counted as whitespace: 2 words, 1 newline: ⌊2.6 + 0.5⌋ = 3.
    QTest::newRow("carriage return") << QStringLiteral("a\r\nb") << 3;
    // 10 words, 9 spaces: 13 + 4.5 = 17.5 → 17; 19 chars → 4.
    QTest::newRow("ten words") << QStringLiteral("w w w w w w w w w w") << 17;
    // code points, not UTF-16 units: "é€ 5😀" = 5 code points, 2 words, 1 special (5), 1 space: ⌊2.6+0.5+0.5⌋ = 3.
    QTest::newRow("unicode") << QStringLiteral("é€ 5😀") << 3;
    // all specials: "()[]{}" one word, 6 specials: ⌊1.3 + 3⌋ = 4; 6 chars → 1.
    QTest::newRow("brackets") << QStringLiteral("()[]{}") << 4;
    // 10 words of 4 letters + 9 spaces, exact tenths: 13 + 4.5 = 17.5 → 17; 49 chars → 12.
    QTest::newRow("plain sentence") << QStringLiteral("abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd") << 17;
    // 3 words, 0 specials, 2 spaces: 3.9 + 1 = 4.9 → 4; "_" and "~" are not specials.
    QTest::newRow("not specials") << QStringLiteral("a_b ~c~ d") << 4;
}

void TestAgentMemory::tokenEstimate()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(estimateTokens(text), expected);
}

void TestAgentMemory::ringsAreBounded()
{
    AgentMemory memory;
    for (int i = 0; i < 150; ++i) {
        memory.addMarketState(state(i, 2000 + i));
        memory.addDecision(thought(i, QStringLiteral("d%1").arg(i)));
    }
    QCOMPARE(int(memory.marketStates().size()), AgentMemory::kMaxMarketStates);
    QCOMPARE(int(memory.decisions().size()), AgentMemory::kMaxDecisions);
    QCOMPARE(memory.marketStates().front().timestamp, 50);
    QCOMPARE(memory.marketStates().back().timestamp, 149);
    QCOMPARE(memory.decisions().front().reasoning, QStringLiteral("d50"));
    QCOMPARE(memory.decisions().back().reasoning, QStringLiteral("d149"));
    // The estimate counts 20 per state plus each reasoning ("d50".."d149": 1 word, 2-3 specials, no space).
    int expected = 20 * 100;
    for (int i = 50; i < 150; ++i)
        expected += estimateTokens(QStringLiteral("d%1").arg(i));
    QCOMPARE(memory.estimatedTokens(QString()), expected);
    QCOMPARE(estimateTokens(QStringLiteral("d50")), 2);    // ⌊1.3 + 1⌋
    QCOMPARE(estimateTokens(QStringLiteral("d149")), 2);   // ⌊1.3 + 1.5⌋
}

void TestAgentMemory::trendOverTheLastHour()
{
    const qint64 now = 100000;
    AgentMemory memory;
    QCOMPARE(memory.trend(now).volatility, 0.0);
    memory.addMarketState(state(now - 4000, 5000, 99));   // older than an hour: ignored
    memory.addMarketState(state(now - 3000, 100, 10));
    QCOMPARE(memory.trend(now).priceTrend, 0.0);          // one state: no trend
    memory.addMarketState(state(now - 2000, 110, 20));
    memory.addMarketState(state(now - 1000, 90, 5));
    memory.addMarketState(state(now, 120, 15));
    const MarketTrend t = memory.trend(now);
    QCOMPARE(t.priceTrend, (120.0 - 100.0) / 100.0);
    QCOMPARE(t.volumeTrend, (15.0 - 10.0) / 10.0);
    // mean 105; deviations −5, 5, −15, 15: population variance 500 / 4 = 125.
    QCOMPARE(t.volatility, std::sqrt(125.0) / 105.0);
    // A shorter window sees the last two states only.
    const MarketTrend recent = memory.trend(now, 1000);
    QCOMPARE(recent.priceTrend, (120.0 - 90.0) / 90.0);
    QCOMPARE(recent.volatility, 15.0 / 105.0);
}

void TestAgentMemory::summarizeKeepsExactlyTheRetainedSet()
{
    const qint64 t0 = 1'700'000'000;
    AgentMemory memory(2000);
    for (int i = 0; i < 5; ++i)
        memory.addMarketState(state(t0 + i * 60, 2000 + 10 * i));
    for (double v : {0.1, 0.2, 0.3, 0.4, 0.5})
        memory.recordPnl(DecisionType::Rebalance, v);
    for (double v : {1.0, 2.0, 3.0, 4.0})
        memory.recordPnl(DecisionType::LlmDecision, v);
    memory.setStrategy(QStringLiteral("Default strategy after observation"), t0, 1800);

    const QString i1 = QStringLiteral("INSIGHT: I1 ") + QString(108, QLatin1Char('a'));   // 120 chars
    const QString i2 = QStringLiteral("INSIGHT: I2 ") + QString(298, QLatin1Char('b'));   // 310
    const QString i3 = QStringLiteral("INSIGHT: I3 ") + QString(238, QLatin1Char('c'));   // 250
    const QString i4 = QStringLiteral("INSIGHT: I4 ") + QString(168, QLatin1Char('d'));   // 180
    // The trades: T3 is the most profitable successful one, T6 the most recent; T4 failed.
    memory.addDecision(insight(t0 + 1, i1));
    memory.addDecision(trade(t0 + 2, true, true, 0.010, 2000, 0.5, QStringLiteral("T1")));
    memory.addDecision(insight(t0 + 3, i2));
    memory.addDecision(trade(t0 + 4, false, true, -0.004, 2100, -0.2, QStringLiteral("T2")));
    memory.addDecision(insight(t0 + 5, i3));
    memory.addDecision(trade(t0 + 6, true, true, 0.030, 2050, 1.0, QStringLiteral("T3")));
    memory.addDecision(trade(t0 + 7, false, false, std::nullopt, 2200, 0.1, QStringLiteral("T4")));
    memory.addDecision(insight(t0 + 8, i4));
    memory.addDecision(trade(t0 + 9, false, true, 0.002, 1900, 0.3, QStringLiteral("T5")));
    memory.addDecision(trade(t0 + 10, true, true, std::nullopt, 2500, -0.8, QStringLiteral("T6")));
    memory.setProfitLoss(t0 + 10, -0.010);   // T6 marked later
    QCOMPARE(memory.decisions().back().profitLoss, std::optional<double>(-0.010));

    // Load the memory with long model answers (no trades) until it needs a summary.
    const Observation obs = observation(t0 + 600, 2040, 1, QStringLiteral("1000"), 1, 0.1);
    qint64 now = t0 + 600;
    int fillers = 0;
    while (!memory.needsSummary(statefulPrompt(memory, obs, false), now)) {
        memory.addDecision(thought(now, longReasoning(fillers)));
        ++fillers;
        QVERIFY(fillers < 60);
    }
    QVERIFY(memory.contextRatio(statefulPrompt(memory, obs, false)) > 0.9);
    QVERIFY(int(memory.decisions().size()) <= AgentMemory::kMaxDecisions);   // nothing fell off the ring
    const int decisionsBefore = int(memory.decisions().size());

    const SummaryReport report = memory.summarize(now);
    QCOMPARE(report.decisionsBefore, decisionsBefore);
    QCOMPARE(report.statesBefore, 5);
    QCOMPARE(report.statesAfter, 2);
    QCOMPARE(memory.lastSummaryAt(), now);

    const QStringList expectedInsights{
        QStringLiteral("INSIGHT: Success rate is 83% over 6 trades. 5 of 6 trades succeeded (83.3%)."),
        QStringLiteral("INSIGHT: ETH sells did better than ETH buys. Average P&L: ETH sells +1.00% over 3 trades, "
                       "ETH buys -0.10% over 2 trades."),
        QStringLiteral("INSIGHT: Profitable trades came near $1983. 3 profitable trades averaged a price of $1983.33 "
                       "and an absolute price change of 0.60%."),
        // last 5 marked: T1 +1.0, T2 −0.4, T3 +3.0, T5 +0.2, T6 −1.0 (%): newer half −0.4 < older half +0.3.
        QStringLiteral("INSIGHT: Recent performance is declining. The last 5 trades averaged +0.56% P&L."),
        QStringLiteral("INSIGHT: Losses came near $2300. 2 losing trades averaged -0.70% at an average price of $2300.00."),
    };
    QCOMPARE(report.insights, expectedInsights);

    // Survivors, in their original order: the two longest insights (cut to 200 + "..."), the best
    // trade T3 and the most recent trade T6; then the new insights.
    const auto &d = memory.decisions();
    QCOMPARE(int(d.size()), 4 + expectedInsights.size());
    QCOMPARE(report.decisionsAfter, int(d.size()));
    QCOMPARE(d[0].type, DecisionType::LearningInsight);
    QCOMPARE(d[0].reasoning, i2.left(200) + QStringLiteral("..."));
    QCOMPARE(d[0].timestamp, t0 + 3);
    QCOMPARE(d[1].reasoning, i3.left(200) + QStringLiteral("..."));
    QCOMPARE(d[2].reasoning, QStringLiteral("T3"));
    QCOMPARE(d[2].profitLoss, std::optional<double>(0.030));
    QCOMPARE(d[3].reasoning, QStringLiteral("T6"));
    for (int i = 0; i < expectedInsights.size(); ++i) {
        QCOMPARE(d[size_t(4 + i)].type, DecisionType::LearningInsight);
        QCOMPARE(d[size_t(4 + i)].reasoning, expectedInsights[i]);
        QCOMPARE(d[size_t(4 + i)].timestamp, now);
    }
    QCOMPARE(memory.marketStates().front().ethPrice, 2030.0);
    QCOMPARE(memory.marketStates().back().ethPrice, 2040.0);
    QCOMPARE(memory.rebalancePl(), (QList<double>{0.3, 0.4, 0.5}));
    QCOMPARE(memory.llmPl(), (QList<double>{2.0, 3.0, 4.0}));
    QCOMPARE(memory.strategy(), QStringLiteral("Default strategy after observation"));
    QCOMPARE(memory.strategyStart(), t0);
    QCOMPARE(memory.strategyDurationSeconds(), 1800);

    // The tokens fell well below the threshold, the prompt included.
    QVERIFY2(report.tokensAfter < report.tokensBefore / 2,
             qPrintable(QStringLiteral("%1 -> %2").arg(report.tokensBefore).arg(report.tokensAfter)));
    QCOMPARE(report.tokensAfter, memory.estimatedTokens(QString()));
    QVERIFY(memory.contextRatio(statefulPrompt(memory, obs, false)) < AgentMemory::kSummaryThreshold);

    // A second summary of the summary keeps the cut insights as they are (idempotent cut) and the
    // newest insights win the "longest" slots only by length.
    AgentMemory again = memory;
    again.summarize(now + 500);
    QCOMPARE(again.decisions().front().reasoning.size(), 200 + 3);
}

void TestAgentMemory::summaryCooldown()
{
    const qint64 t0 = 1'700'000'000;
    AgentMemory memory(2000);
    memory.addDecision(trade(t0, true, true, 0.01, 2000));
    int n = 0;
    while (memory.contextRatio(QString()) <= 0.9)
        memory.addDecision(thought(t0, longReasoning(n++)));
    QVERIFY(memory.needsSummary(QString(), t0));
    memory.summarize(t0);
    QVERIFY(!memory.needsSummary(QString(), t0));
    // Fill it again at once: over the threshold, but within the 120 s cooldown.
    while (memory.contextRatio(QString()) <= 0.9)
        memory.addDecision(thought(t0 + 10, longReasoning(n++)));
    QVERIFY(!memory.needsSummary(QString(), t0 + 60));
    QVERIFY(!memory.needsSummary(QString(), t0 + 119));
    QVERIFY(memory.needsSummary(QString(), t0 + 120));
    // Under the threshold nothing is needed, cooldown or not.
    AgentMemory small(2000);
    small.addDecision(thought(t0, QStringLiteral("short")));
    QVERIFY(!small.needsSummary(QStringLiteral("a prompt"), t0 + 1000));
    // Exactly 90 % is not over 90 %: 1800 tokens of a 2000 capacity.
    AgentMemory edge(2000);
    for (int i = 0; i < 90; ++i)
        edge.addMarketState(state(t0 + i, 2000));
    QCOMPARE(edge.estimatedTokens(QString()), 1800);
    QVERIFY(!edge.needsSummary(QString(), t0));
    QVERIFY(edge.needsSummary(QStringLiteral("x"), t0));   // "x": ⌊1.3⌋ = 1 more token
}

void TestAgentMemory::jsonRoundTrip()
{
    AgentMemory memory(4096);
    memory.addMarketState(state(1, 2000.123456789, 1.5, -0.25));
    memory.addMarketState(state(2, 0.1 + 0.2, 1e-9, 3.14159));
    memory.addDecision(insight(3, QStringLiteral("INSIGHT: quotes \" and \\ and newlines\n and ünïcödé ✓.")));
    memory.addDecision(trade(4, true, true, 0.0123456789, 2001.5, 0.33));
    memory.addDecision(trade(5, false, false, std::nullopt, 1999.25));
    memory.addDecision(trade(6, false, std::nullopt, -1e-7, 1999.25));
    MemoryDecision strategy;
    strategy.timestamp = 7;
    strategy.type = DecisionType::Strategy;
    strategy.reasoning = QStringLiteral("Accumulate ETH below $2000");
    memory.addDecision(strategy);
    memory.recordPnl(DecisionType::Rebalance, -0.001);
    memory.recordPnl(DecisionType::LlmDecision, 0.002);
    memory.setStrategy(QStringLiteral("Accumulate"), 1234, 1800);
    memory.setLastContextRatio(0.73);
    memory.summarize(8);   // sets lastSummaryAt and writes insights, so everything has a value

    // Through JSON text, as the journal stores it.
    const QByteArray text = QJsonDocument(memory.toJson()).toJson(QJsonDocument::Compact);
    const auto loaded = AgentMemory::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().toString()));
    QCOMPARE(loaded->toJson(), memory.toJson());
    QCOMPARE(loaded->capacity(), 4096);
    QCOMPARE(loaded->lastSummaryAt(), 8);
    QCOMPARE(loaded->lastContextRatio(), 0.73);
    QCOMPARE(loaded->strategy(), QStringLiteral("Accumulate"));
    QCOMPARE(loaded->strategyStart(), 1234);
    QCOMPARE(loaded->strategyDurationSeconds(), 1800);
    QCOMPARE(loaded->rebalancePl(), memory.rebalancePl());
    QCOMPARE(loaded->llmPl(), memory.llmPl());
    QCOMPARE(loaded->marketStates().size(), memory.marketStates().size());
    for (size_t i = 0; i < memory.marketStates().size(); ++i) {
        QCOMPARE(loaded->marketStates()[i].ethPrice, memory.marketStates()[i].ethPrice);
        QCOMPARE(loaded->marketStates()[i].volumeEth, memory.marketStates()[i].volumeEth);
    }
    QCOMPARE(loaded->decisions().size(), memory.decisions().size());
    for (size_t i = 0; i < memory.decisions().size(); ++i)
        QVERIFY2(sameDecision(loaded->decisions()[i], memory.decisions()[i]), qPrintable(QString::number(i)));

    // The unset optionals are null in JSON and stay unset.
    AgentMemory optionals;
    optionals.addDecision(trade(1, true, std::nullopt, std::nullopt, 2000));
    const auto back = AgentMemory::fromJson(optionals.toJson());
    QVERIFY(back);
    QVERIFY(!back->decisions().front().success.has_value());
    QVERIFY(!back->decisions().front().profitLoss.has_value());
}

void TestAgentMemory::damagedJsonIsRefused()
{
    AgentMemory memory;
    memory.addMarketState(state(1, 2000));
    memory.addDecision(trade(2, true, true, 0.01, 2000));
    memory.addDecision(thought(3, QStringLiteral("hm")));
    const QJsonObject good = memory.toJson();
    QVERIFY(AgentMemory::fromJson(good));

    const auto expectDamaged = [](const QJsonObject &object, const QString &detailPart) {
        const auto r = AgentMemory::fromJson(object);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Format);
        QVERIFY2(r.error().detail.contains(detailPart), qPrintable(r.error().toString()));
        QVERIFY(!r.error().message.isEmpty());
    };
    expectDamaged(QJsonObject(), QStringLiteral("version"));

    QJsonObject o = good;
    QJsonArray decisions = o.value(QStringLiteral("decisions")).toArray();
    QJsonObject second = decisions.at(1).toObject();
    second.insert(QStringLiteral("reasoning"), 42);
    decisions.replace(1, second);
    o.insert(QStringLiteral("decisions"), decisions);
    expectDamaged(o, QStringLiteral("decisions[1].reasoning"));

    o = good;
    decisions = o.value(QStringLiteral("decisions")).toArray();
    QJsonObject first = decisions.at(0).toObject();
    first.insert(QStringLiteral("type"), QStringLiteral("YOLO"));
    decisions.replace(0, first);
    o.insert(QStringLiteral("decisions"), decisions);
    expectDamaged(o, QStringLiteral("YOLO"));

    o = good;
    decisions = good.value(QStringLiteral("decisions")).toArray();
    first = decisions.at(0).toObject();
    first.insert(QStringLiteral("success"), QStringLiteral("yes"));
    decisions.replace(0, first);
    o.insert(QStringLiteral("decisions"), decisions);
    expectDamaged(o, QStringLiteral("decisions[0].success"));

    o = good;
    QJsonArray states = o.value(QStringLiteral("market_states")).toArray();
    QJsonObject s = states.at(0).toObject();
    s.remove(QStringLiteral("eth_price"));
    states.replace(0, s);
    o.insert(QStringLiteral("market_states"), states);
    expectDamaged(o, QStringLiteral("market_states[0].eth_price"));

    o = good;
    o.insert(QStringLiteral("llm_pl"), QJsonArray{1, QStringLiteral("x")});
    expectDamaged(o, QStringLiteral("llm_pl"));

    o = good;
    o.insert(QStringLiteral("version"), 99);
    const auto newer = AgentMemory::fromJson(o);
    QVERIFY(!newer);
    QVERIFY2(newer.error().message.contains(QStringLiteral("newer")), qPrintable(newer.error().toString()));
}

void TestAgentMemory::restartContinuesFromTheJournal()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("apedesk.sqlite"));
    const qint64 t0 = 1'700'000'000;
    const Observation obs = observation(t0 + 120, 2600, 0.5, QStringLiteral("1234.56"), 3.5, -0.25);

    AgentMemory memory(2000);
    memory.addMarketState(state(t0, 2400));
    memory.addMarketState(state(t0 + 60, 2500));
    memory.addMarketState(state(t0 + 120, 2600));
    memory.addDecision(trade(t0 + 10, true, true, 0.012, 2450));
    memory.addDecision(trade(t0 + 20, false, true, 0.025, 2580));
    memory.addDecision(insight(t0 + 30, QStringLiteral("INSIGHT: Keep calm. Really.")));
    memory.setStrategy(QStringLiteral("Default strategy after observation"), t0, 1800);
    const QString before = statefulPrompt(memory, obs, false);
    {
        DecisionJournal journal;
        const Status opened = journal.open(path);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
        const Status saved = journal.saveMemory(QStringLiteral("ollama:trader-qwen@0xabc"), memory);
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    }
    DecisionJournal reopened;
    QVERIFY(reopened.open(path));
    const auto loaded = reopened.loadMemory(QStringLiteral("ollama:trader-qwen@0xabc"));
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().toString()));
    QVERIFY(loaded->has_value());
    QCOMPARE(statefulPrompt(**loaded, obs, false), before);
    QCOMPARE(statefulPrompt(**loaded, obs, true), statefulPrompt(memory, obs, true));
    QCOMPARE((*loaded)->toJson(), memory.toJson());

    // Another profile has no memory; saving again replaces (upsert) the profile's memory.
    const auto none = reopened.loadMemory(QStringLiteral("openai:other"));
    QVERIFY(none);
    QVERIFY(!none->has_value());
    memory.addDecision(thought(t0 + 40, QStringLiteral("later")));
    QVERIFY(reopened.saveMemory(QStringLiteral("ollama:trader-qwen@0xabc"), memory));
    const auto updated = reopened.loadMemory(QStringLiteral("ollama:trader-qwen@0xabc"));
    QVERIFY(updated && updated->has_value());
    QCOMPARE(int((*updated)->decisions().size()), 4);
}

void TestAgentMemory::statefulPromptWithoutHistory()
{
    AgentMemory memory;
    // 1.26 ETH → "1.3", 3000.4 USDC → "3000", volume 12.3456 → "12.35", change 0.12345 % × 10 → "1.2345".
    const Observation obs = observation(1000, 2500.5, 1.26, QStringLiteral("3000.4"), 12.3456, 0.12345);
    const QString head = QStringLiteral(
        "Given ETH price is $2500.50 with volume of 12.35 and volatility of 0.0000, recent price change of 1.2345 "
        "ticks, and I currently hold 1.3 ETH and 3000 USDC");
    QCOMPARE(statefulPrompt(memory, obs, false),
             head
                 + QStringLiteral("\n\nTRADING HISTORY & PERFORMANCE:\nNo previous trades.\n\n"
                                  "PERFORMANCE INSIGHTS:\n- No completed trades yet.\n\n"
                                  "MARKET PATTERN ANALYSIS:\n- Not enough profitable trades to find a pattern yet.\n\n"
                                  "Based on this information, what trading action should I take on Uniswap?"));
    QCOMPARE(statefulPrompt(memory, obs, true), head + QStringLiteral("\n\nTRADING HISTORY & PERFORMANCE:\nNo previous trades."));

    // One profitable trade is not a pattern; a trade without a known outcome is not history.
    memory.addDecision(trade(900, true, true, 0.01, 2500));
    memory.addDecision(trade(950, false, std::nullopt, std::nullopt, 2500));
    const QString prompt = statefulPrompt(memory, obs, false);
    QVERIFY(prompt.contains(QStringLiteral("Recent trades:\n- SELL +1.0%\n\nPERFORMANCE INSIGHTS:\n"
                                           "- Success rate: 100.0% (1 of 1 trade)\n"
                                           "- Average P&L of ETH sells: +1.00% (1 trade)\n\n")));
    QVERIFY(prompt.contains(QStringLiteral("MARKET PATTERN ANALYSIS:\n- Not enough profitable trades to find a pattern yet.")));
    // The numbers do not follow the locale.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(statefulPrompt(memory, obs, false), prompt);
    QLocale::setDefault(QLocale::c());
}

void TestAgentMemory::statefulPromptWithHistory()
{
    const qint64 t0 = 1'700'000'000;
    AgentMemory memory;
    // Volatility over the last hour: prices 2400, 2500, 2600: population std 81.6497 / 2500 → 3.2660 %.
    memory.addMarketState(state(t0 - 120, 2400));
    memory.addMarketState(state(t0 - 60, 2500));
    memory.addMarketState(state(t0, 2600));
    memory.addDecision(insight(t0 - 500, QStringLiteral("INSIGHT: Old insight. Not shown.")));
    memory.addDecision(trade(t0 - 400, true, true, 0.012, 2450));                  // X1: 6th newest, not shown
    memory.addDecision(trade(t0 - 390, false, true, -0.003, 2300));                // X2
    memory.addDecision(thought(t0 - 385, longReasoning(1)));                       // no trade: not history
    memory.addDecision(trade(t0 - 380, true, false, std::nullopt, 2550));          // X3 failed
    memory.addDecision(insight(t0 - 375, QStringLiteral("INSIGHT: Success rate is 67% over 3 trades. 2 of 3 trades succeeded (66.7%).")));
    memory.addDecision(trade(t0 - 370, false, true, 0.025, 2580));                 // X4
    memory.addDecision(trade(t0 - 360, true, true, std::nullopt, 2490));           // X5 not marked yet
    memory.addDecision(insight(t0 - 355, QStringLiteral("Recent performance is improving")));   // no prefix, no '.'
    memory.addDecision(trade(t0 - 350, true, true, 0.006, 2700));                  // X6
    memory.addDecision(trade(t0 - 340, false, std::nullopt, std::nullopt, 2600));  // X7 unknown outcome
    // 0.5 ETH, 1234.56 USDC, volume 3.5, change −0.25 % × 10 = −2.5.
    const Observation obs = observation(t0, 2600, 0.5, QStringLiteral("1234.56"), 3.5, -0.25);

    const QString head = QStringLiteral(
        "Given ETH price is $2600.00 with volume of 3.50 and volatility of 3.2660, recent price change of -2.5000 "
        "ticks, and I currently hold 0.5 ETH and 1235 USDC");
    const QString history = QStringLiteral(
        "TRADING HISTORY & PERFORMANCE:\n"
        "Insights:\n"
        "- Success rate is 67% over 3 trades\n"
        "- Recent performance is improving\n"
        "Recent trades:\n"
        "- BUY -0.3%\n"
        "- SELL failed\n"
        "- BUY +2.5%\n"
        "- SELL (P&L pending)\n"
        "- SELL +0.6%");
    // Known outcomes X1..X6: 5 of 6 succeeded. Sells marked: X1 +1.2, X6 +0.6 → +0.90; buys X2 −0.3, X4 +2.5 → +1.10.
    // Profitable: X1 2450, X4 2580, X6 2700 → $2576.67; within 5 % of 2600 ([2470, 2730]): X4, X6.
    const QString full = head + QStringLiteral("\n\n") + history
        + QStringLiteral("\n\nPERFORMANCE INSIGHTS:\n"
                         "- Success rate: 83.3% (5 of 6 trades)\n"
                         "- Average P&L of ETH sells: +0.90% (2 trades)\n"
                         "- Average P&L of ETH buys: +1.10% (2 trades)\n\n"
                         "MARKET PATTERN ANALYSIS:\n"
                         "- Average price of profitable trades: $2576.67 (3 trades)\n"
                         "- Profitable trades within 5% of the current price: 2 of 3\n\n"
                         "Based on this information, what trading action should I take on Uniswap?");
    QCOMPARE(statefulPrompt(memory, obs, false), full);
    QCOMPARE(statefulPrompt(memory, obs, true), head + QStringLiteral("\n\n") + history);
}

QTEST_GUILESS_MAIN(TestAgentMemory)
#include "test_agent_memory.moc"
