// The decision journal in SQLite: every field stored and read back exactly, updates, filters and the
// "newest N" limit, the P&L marker's due list, canary statistics on a constructed set, the JSONL
// export read back line by line, two journals on one WAL file, a file shared with other tables, and
// clear errors (no crash) for an unusable path, a file that is not SQLite and a newer schema.
#include "agent/decisionjournal.h"
#include "eth/units.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::agent;

namespace {

using S = DecisionRecord::Status;

QDateTime at(qint64 seconds) { return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC); }

// A fully populated record: every field differs from its default.
DecisionRecord fullRecord()
{
    DecisionRecord r;
    r.runId = QStringLiteral("run-1");
    r.cycle = 42;
    r.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
    r.type = DecisionType::LlmDecision;
    r.observing = true;
    r.backend = QStringLiteral("ollama");
    r.model = QStringLiteral("trader-qwen:latest");
    r.systemPrompt = QStringLiteral("You are an AI trading assistant.");
    r.prompt = QStringLiteral("Line one\nLine \"two\" with \\ backslash\ttab\nünïcödé ✓ 😀");
    r.response = QStringLiteral("Thinking...\nRECOMMENDATION: APE OUT 0.05 ETH");
    r.parsed.format = ParsedAnswer::Format::Canary;
    r.parsed.canary = Canary::ApeOut;
    r.parsed.action = ParsedAnswer::Action::Sell;
    r.parsed.amountKind = ParsedAnswer::AmountKind::Absolute;
    r.parsed.amount = 0.05;
    r.parsed.unit = QStringLiteral("ETH");
    r.parsed.amountText = QStringLiteral("0.05 ETH");
    r.parsed.reasoning = QStringLiteral("Thinking...");
    r.parsed.why = QStringLiteral("why text");
    r.observation.timestamp = 1'700'000'000;
    r.observation.market.valid = true;
    r.observation.market.windowSeconds = 900;
    r.observation.market.windowEnd = 1'699'999'990;
    r.observation.market.lastPrice = 2501.123456789;
    r.observation.market.firstPrice = 2499.5;
    r.observation.market.priceChangePercent = 0.1 + 0.2;
    r.observation.market.volumeEth = 12.345678901234;
    r.observation.market.volumeUsdc = 30864.2;
    r.observation.market.swapCount = 17;
    r.observation.market.volatilityPercent = 0.0123;
    r.observation.portfolio.valid = true;
    r.observation.portfolio.account = *eth::Address::fromString(QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    // More than 2^64 wei and a USDC amount with all 6 decimals: exact as text.
    r.observation.portfolio.ethWei = *eth::parseU256(QStringLiteral("123456789012345678901234567"));
    r.observation.portfolio.usdcUnits = *eth::parseU256(QStringLiteral("1234567891"));
    r.observation.portfolio.price = 2500.987654321;
    r.observation.portfolio.blockNumber = 31'000'123;
    r.observation.rebalance.enabled = false;
    r.observation.rebalance.targetEthAllocation = 0.6;
    r.observation.rebalance.threshold = 0.15;
    r.observation.rebalance.cooldownSeconds = 600;
    r.observation.rebalance.minEth = 0.02;
    r.observation.rebalance.maxEth = 0.07;
    r.observation.limits.gasReserveEth = 0.001;
    r.observation.limits.minTradeEth = 0.0002;
    r.observation.limits.minTradeUsdc = 0.05;
    r.observation.limits.maxTradeEth = 0.1;
    r.observation.limits.maxBalanceShare = 0.9;
    r.observation.limits.defaultShare = 0.25;
    r.observation.limits.slippageBps = 75;
    r.sized.trade = true;
    r.sized.direction = SwapDirection::EthToUsdc;
    r.sized.amountIn = *eth::parseU256(QStringLiteral("50000000000000001"));
    r.sized.note = QStringLiteral("capped at 0.05 ETH");
    r.status = S::Succeeded;
    r.error = Error::make(Error::Kind::Timeout, QStringLiteral("slow"), QStringLiteral("detail"));
    r.txHash = *eth::Hash32::fromString(QString(QStringLiteral("0x") + QStringLiteral("ab").repeated(32)));
    r.amountOut = *eth::parseU256(QStringLiteral("125043210"));
    r.effectivePrice = QStringLiteral("2500.8642");
    r.latencyMs = 1234;
    r.markDueAt = 1'700'003'600;
    r.pnlUsd = -0.123456789;
    r.markPrice = 2510.25;
    return r;
}

// The fields that matter for the queries; the rest keep their defaults.
DecisionRecord record(const QString &runId, qint64 time, const QString &backend, const QString &model, S status,
                      ParsedAnswer::Format format = ParsedAnswer::Format::None, Canary canary = Canary::None,
                      DecisionType type = DecisionType::LlmDecision)
{
    DecisionRecord r;
    r.runId = runId;
    r.time = at(time);
    r.backend = backend;
    r.model = model;
    r.status = status;
    r.type = type;
    r.parsed.format = format;
    r.parsed.canary = canary;
    r.prompt = QStringLiteral("prompt %1").arg(time);
    return r;
}

QString compareRecords(const DecisionRecord &a, const DecisionRecord &b)
{
    QStringList diff;
    const auto check = [&diff](bool same, const char *name) {
        if (!same)
            diff << QString::fromLatin1(name);
    };
    check(a.id == b.id, "id");
    check(a.runId == b.runId, "runId");
    check(a.cycle == b.cycle, "cycle");
    check(a.time == b.time && a.time.timeSpec() == Qt::UTC, "time");
    check(a.type == b.type, "type");
    check(a.observing == b.observing, "observing");
    check(a.backend == b.backend, "backend");
    check(a.model == b.model, "model");
    check(a.systemPrompt == b.systemPrompt, "systemPrompt");
    check(a.prompt == b.prompt, "prompt");
    check(a.response == b.response, "response");
    check(a.parsed.format == b.parsed.format, "parsed.format");
    check(a.parsed.canary == b.parsed.canary, "parsed.canary");
    check(a.parsed.action == b.parsed.action, "parsed.action");
    check(a.parsed.amountKind == b.parsed.amountKind, "parsed.amountKind");
    check(a.parsed.amount == b.parsed.amount, "parsed.amount");
    check(a.parsed.unit == b.parsed.unit, "parsed.unit");
    check(a.parsed.amountText == b.parsed.amountText, "parsed.amountText");
    check(a.parsed.reasoning == b.parsed.reasoning, "parsed.reasoning");
    check(a.parsed.why == b.parsed.why, "parsed.why");
    const Observation &oa = a.observation, &ob = b.observation;
    check(oa.timestamp == ob.timestamp, "observation.timestamp");
    check(oa.market.valid == ob.market.valid && oa.market.windowSeconds == ob.market.windowSeconds
              && oa.market.windowEnd == ob.market.windowEnd && oa.market.lastPrice == ob.market.lastPrice
              && oa.market.firstPrice == ob.market.firstPrice
              && oa.market.priceChangePercent == ob.market.priceChangePercent
              && oa.market.volumeEth == ob.market.volumeEth && oa.market.volumeUsdc == ob.market.volumeUsdc
              && oa.market.swapCount == ob.market.swapCount && oa.market.volatilityPercent == ob.market.volatilityPercent,
          "market");
    check(oa.portfolio.valid == ob.portfolio.valid && oa.portfolio.account == ob.portfolio.account
              && oa.portfolio.ethWei == ob.portfolio.ethWei && oa.portfolio.usdcUnits == ob.portfolio.usdcUnits
              && oa.portfolio.price == ob.portfolio.price && oa.portfolio.blockNumber == ob.portfolio.blockNumber,
          "portfolio");
    const RebalanceConfig &ra = oa.rebalance, &rb = ob.rebalance;
    check(ra.enabled == rb.enabled && ra.targetEthAllocation == rb.targetEthAllocation && ra.threshold == rb.threshold
              && ra.cooldownSeconds == rb.cooldownSeconds && ra.minEth == rb.minEth
              && ra.maxEth == rb.maxEth,
          "rebalance");
    const TradeLimits &la = oa.limits, &lb = ob.limits;
    check(la.gasReserveEth == lb.gasReserveEth && la.minTradeEth == lb.minTradeEth && la.minTradeUsdc == lb.minTradeUsdc
              && la.maxTradeEth == lb.maxTradeEth && la.maxBalanceShare == lb.maxBalanceShare
              && la.defaultShare == lb.defaultShare && la.slippageBps == lb.slippageBps,
          "limits");
    check(a.sized.trade == b.sized.trade && a.sized.direction == b.sized.direction && a.sized.amountIn == b.sized.amountIn
              && a.sized.note == b.sized.note,
          "sized");
    check(a.status == b.status, "status");
    check(a.error.kind == b.error.kind && a.error.message == b.error.message && a.error.detail == b.error.detail, "error");
    check(a.txHash == b.txHash, "txHash");
    check(a.amountOut == b.amountOut, "amountOut");
    check(a.effectivePrice == b.effectivePrice, "effectivePrice");
    check(a.latencyMs == b.latencyMs, "latencyMs");
    check(a.markDueAt == b.markDueAt, "markDueAt");
    check(a.pnlUsd == b.pnlUsd, "pnlUsd");
    check(a.markPrice == b.markPrice, "markPrice");
    return diff.join(QStringLiteral(", "));
}

QList<qint64> ids(const QList<DecisionRecord> &records)
{
    QList<qint64> out;
    for (const DecisionRecord &r : records)
        out << r.id;
    return out;
}

// The ids of a query's rows, or {-1} (which no expectation matches) when it failed.
QList<qint64> ids(const Result<QList<DecisionRecord>> &records)
{
    if (!records) {
        qWarning() << records.error().toString();
        return {-1};
    }
    return ids(*records);
}

} // namespace

class TestDecisionJournal : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    qint64 mustSave(DecisionJournal &journal, const DecisionRecord &r)
    {
        const auto id = journal.save(r);
        if (!id)
            qWarning() << id.error().toString();
        return id ? *id : -1;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void saveFindUpdate();
    void listFilters();
    void dueForMarking();
    void canaryStats();
    void exportJsonl();
    void twoJournalsOnOneFile();
    void sharesTheFileWithOtherTables();
    void unusableFilesFailClearly();
};

void TestDecisionJournal::saveFindUpdate()
{
    DecisionJournal journal;
    QVERIFY(!journal.isOpen());
    const Status opened = journal.open(path(QStringLiteral("save.sqlite")));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
    QVERIFY(journal.isOpen());

    DecisionRecord r = fullRecord();
    const qint64 id = mustSave(journal, r);
    QVERIFY(id > 0);
    r.id = id;
    auto found = journal.find(id);
    QVERIFY(found);
    QCOMPARE(compareRecords(*found, r), QString());

    // A default record (unset optionals, invalid time, zero hash) survives too.
    DecisionRecord empty;
    empty.id = mustSave(journal, empty);
    QVERIFY(empty.id > id);
    found = journal.find(empty.id);
    QVERIFY(found);
    QVERIFY(!found->time.isValid());
    QVERIFY(!found->pnlUsd && !found->markPrice);
    QVERIFY(found->txHash.isZero());
    QCOMPARE(compareRecords(*found, empty).remove(QStringLiteral("time")), QString());

    // Update in place: the same id, the new values.
    r.status = S::Reverted;
    r.pnlUsd.reset();
    r.response += QStringLiteral(" (more)");
    r.amountOut = 0;
    const auto updated = journal.save(r);
    QVERIFY(updated);
    QCOMPARE(*updated, id);
    found = journal.find(id);
    QVERIFY(found);
    QCOMPARE(compareRecords(*found, r), QString());
    QCOMPARE(ids(journal.list()).size(), 2);

    // Updating a row that is not there is an error, not a silent insert.
    DecisionRecord ghost = fullRecord();
    ghost.id = 999999;
    const auto missing = journal.save(ghost);
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.contains(QStringLiteral("999999")), qPrintable(missing.error().toString()));
    QVERIFY(!journal.find(999999));
    QCOMPARE(ids(journal.list()).size(), 2);
}

void TestDecisionJournal::listFilters()
{
    DecisionJournal journal;
    QVERIFY(journal.open(path(QStringLiteral("list.sqlite"))));
    using F = ParsedAnswer::Format;
    // Saved out of time order: the list is by time.
    QList<qint64> id(7);
    id[2] = mustSave(journal, record(QStringLiteral("a"), 1030, QStringLiteral("ollama"), QStringLiteral("m1"), S::NoTrade, F::Canary, Canary::ApeNeutral));
    id[0] = mustSave(journal, record(QStringLiteral("a"), 1010, QStringLiteral("ollama"), QStringLiteral("m1"), S::Succeeded, F::Canary, Canary::ApeIn));
    id[1] = mustSave(journal, record(QStringLiteral("a"), 1020, QStringLiteral("ollama"), QStringLiteral("m2"), S::Observed));
    id[3] = mustSave(journal, record(QStringLiteral("b"), 1040, QStringLiteral("openai"), QStringLiteral("m1"), S::Succeeded, F::Canary, Canary::ApeOut));
    id[4] = mustSave(journal, record(QStringLiteral("b"), 1050, QStringLiteral("rebalancer"), QString(), S::Succeeded, F::None, Canary::None, DecisionType::Rebalance));
    id[5] = mustSave(journal, record(QStringLiteral("b"), 1060, QStringLiteral("ollama"), QStringLiteral("m1"), S::Failed, F::Canary, Canary::ApeOut));
    id[6] = mustSave(journal, record(QStringLiteral("b"), 1070, QStringLiteral("builtin"), QStringLiteral("policy"), S::Thinking));
    for (int i : {0, 3, 4, 5}) {   // these sized a trade
        auto found = journal.find(id[i]);
        QVERIFY(found);
        DecisionRecord r = *found;
        r.sized.trade = true;
        QVERIFY(journal.save(r));
    }

    const auto listed = [&journal](const JournalFilter &f) {
        auto r = journal.list(f);
        if (!r)
            qWarning() << r.error().toString();
        return r ? ids(*r) : QList<qint64>{-1};
    };
    QCOMPARE(listed({}), id);
    JournalFilter f;
    f.runId = QStringLiteral("a");
    QCOMPARE(listed(f), (QList<qint64>{id[0], id[1], id[2]}));
    f = {};
    f.backend = QStringLiteral("ollama");
    QCOMPARE(listed(f), (QList<qint64>{id[0], id[1], id[2], id[5]}));
    f.model = QStringLiteral("m1");
    QCOMPARE(listed(f), (QList<qint64>{id[0], id[2], id[5]}));
    f = {};
    f.canary = Canary::ApeOut;
    QCOMPARE(listed(f), (QList<qint64>{id[3], id[5]}));
    f.canary = Canary::None;
    QCOMPARE(listed(f), (QList<qint64>{id[1], id[4], id[6]}));
    f = {};
    f.status = S::Succeeded;
    QCOMPARE(listed(f), (QList<qint64>{id[0], id[3], id[4]}));
    f = {};
    f.tradesOnly = true;
    QCOMPARE(listed(f), (QList<qint64>{id[0], id[3], id[4], id[5]}));
    f = {};
    f.fromTime = 1020;
    f.toTime = 1040;   // inclusive
    QCOMPARE(listed(f), (QList<qint64>{id[1], id[2], id[3]}));
    // The newest N, returned oldest first.
    f = {};
    f.limit = 3;
    QCOMPARE(listed(f), (QList<qint64>{id[4], id[5], id[6]}));
    f.runId = QStringLiteral("a");
    f.limit = 2;
    QCOMPARE(listed(f), (QList<qint64>{id[1], id[2]}));
    f = {};
    f.backend = QStringLiteral("nobody");
    QCOMPARE(listed(f), QList<qint64>());
}

void TestDecisionJournal::dueForMarking()
{
    DecisionJournal journal;
    QVERIFY(journal.open(path(QStringLiteral("due.sqlite"))));
    const auto make = [](qint64 due, S status, std::optional<double> pnl) {
        DecisionRecord r = record(QStringLiteral("r"), 1000, QStringLiteral("ollama"), QStringLiteral("m"), status);
        r.sized.trade = true;
        r.markDueAt = due;
        r.pnlUsd = pnl;
        return r;
    };
    const qint64 b = mustSave(journal, make(200, S::Succeeded, std::nullopt));   // due later
    const qint64 a = mustSave(journal, make(100, S::Succeeded, std::nullopt));   // due first
    mustSave(journal, make(50, S::Succeeded, 1.5));                              // already marked
    mustSave(journal, make(50, S::Reverted, std::nullopt));                      // did not trade
    mustSave(journal, make(50, S::Failed, std::nullopt));
    mustSave(journal, make(0, S::Succeeded, std::nullopt));                      // nothing to mark
    QCOMPARE(ids(journal.dueForMarking(99)), QList<qint64>());
    QCOMPARE(ids(journal.dueForMarking(100)), QList<qint64>{a});
    QCOMPARE(ids(journal.dueForMarking(150)), QList<qint64>{a});
    QCOMPARE(ids(journal.dueForMarking(250)), (QList<qint64>{a, b}));
    // Marking one takes it off the list.
    const auto toMark = journal.find(a);
    QVERIFY(toMark);
    DecisionRecord marked = *toMark;
    marked.pnlUsd = -0.25;
    marked.markPrice = 2400;
    QVERIFY(journal.save(marked));
    QCOMPARE(ids(journal.dueForMarking(250)), QList<qint64>{b});
}

void TestDecisionJournal::canaryStats()
{
    DecisionJournal journal;
    QVERIFY(journal.open(path(QStringLiteral("stats.sqlite"))));
    using F = ParsedAnswer::Format;
    const QString ollama = QStringLiteral("ollama"), openai = QStringLiteral("openai"), builtin = QStringLiteral("builtin");
    const QString m1 = QStringLiteral("trader-qwen"), m2 = QStringLiteral("x-ai/grok-4");
    qint64 t = 1000;
    const auto add = [&](const QString &backend, const QString &model, S status, F format, Canary canary,
                         DecisionType type = DecisionType::LlmDecision) {
        QVERIFY(journal.save(record(QStringLiteral("run"), ++t, backend, model, status, format, canary, type)));
    };
    // ollama / trader-qwen: 2 APE IN, 1 APE OUT, 1 APE NEUTRAL, an APE OUT whose swap failed (still an
    // answer), a TRADE-fields answer, an unreadable observation; a failed call and one still thinking
    // are no answers.
    add(ollama, m1, S::Succeeded, F::Canary, Canary::ApeIn);
    add(ollama, m1, S::Succeeded, F::Canary, Canary::ApeIn);
    add(ollama, m1, S::Succeeded, F::Canary, Canary::ApeOut);
    add(ollama, m1, S::NoTrade, F::Canary, Canary::ApeNeutral);
    add(ollama, m1, S::Failed, F::Canary, Canary::ApeOut);
    add(ollama, m1, S::NoTrade, F::TradeFields, Canary::None);
    add(ollama, m1, S::Observed, F::None, Canary::None, DecisionType::Observation);
    add(ollama, m1, S::Failed, F::None, Canary::None);
    add(ollama, m1, S::Canceled, F::None, Canary::None);
    add(ollama, m1, S::Thinking, F::None, Canary::None);
    // openai / grok: one APE OUT, two natural-language answers.
    add(openai, m2, S::Succeeded, F::Canary, Canary::ApeOut);
    add(openai, m2, S::NoTrade, F::NaturalLanguage, Canary::None);
    add(openai, m2, S::Succeeded, F::NaturalLanguage, Canary::None);
    // builtin: two neutral. Rebalances, insights and strategies are not model answers.
    add(builtin, QStringLiteral("policy"), S::NoTrade, F::Canary, Canary::ApeNeutral);
    add(builtin, QStringLiteral("policy"), S::NoTrade, F::Canary, Canary::ApeNeutral);
    add(QStringLiteral("rebalancer"), QString(), S::Succeeded, F::None, Canary::None, DecisionType::Rebalance);
    add(ollama, m1, S::NoTrade, F::None, Canary::None, DecisionType::LearningInsight);
    add(ollama, m1, S::NoTrade, F::None, Canary::None, DecisionType::Strategy);

    const auto stats = journal.canaryStats();
    QVERIFY(stats);
    QCOMPARE(stats->size(), 3);   // sorted by backend, then model
    const CanaryStats &b = stats->at(0), &o = stats->at(1), &g = stats->at(2);
    QCOMPARE(b.backend, builtin);
    QCOMPARE(b.answers, 2);
    QCOMPARE(b.withCanary, 2);
    QCOMPARE(b.apeNeutral, 2);
    QCOMPARE(b.canaryShare(), 1.0);

    QCOMPARE(o.backend, ollama);
    QCOMPARE(o.model, m1);
    QCOMPARE(o.answers, 7);
    QCOMPARE(o.withCanary, 5);
    QCOMPARE(o.apeIn, 2);
    QCOMPARE(o.apeOut, 2);
    QCOMPARE(o.apeNeutral, 1);
    QCOMPARE(o.otherFormat, 1);
    QCOMPARE(o.unreadable, 1);
    QCOMPARE(o.canaryShare(), 5.0 / 7.0);

    QCOMPARE(g.backend, openai);
    QCOMPARE(g.model, m2);
    QCOMPARE(g.answers, 3);
    QCOMPARE(g.withCanary, 1);
    QCOMPARE(g.apeOut, 1);
    QCOMPARE(g.apeIn + g.apeNeutral, 0);
    QCOMPARE(g.otherFormat, 2);
    QCOMPARE(g.unreadable, 0);
    QCOMPARE(g.canaryShare(), 1.0 / 3.0);

    // The filter applies: one backend only.
    JournalFilter f;
    f.backend = openai;
    const auto one = journal.canaryStats(f);
    QVERIFY(one);
    QCOMPARE(one->size(), 1);
    QCOMPARE(one->at(0).answers, 3);
}

void TestDecisionJournal::exportJsonl()
{
    DecisionJournal journal;
    QVERIFY(journal.open(path(QStringLiteral("export.sqlite"))));
    DecisionRecord full = fullRecord();
    full.id = mustSave(journal, full);
    DecisionRecord plain = record(QStringLiteral("run-2"), 1'700'000'100, QStringLiteral("builtin"), QStringLiteral("policy"), S::NoTrade,
                                  ParsedAnswer::Format::Canary, Canary::ApeNeutral);
    plain.prompt = QStringLiteral("{\"json\": \"in a prompt\"}\r\n\u2028line separator\u0001");
    plain.id = mustSave(journal, plain);

    const QString file = path(QStringLiteral("journal.jsonl"));
    const auto written = journal.exportJsonl(file);
    QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
    QCOMPARE(*written, 2);
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    QCOMPARE(lines.size(), 3);   // two lines, each ended by '\n'
    QVERIFY(lines.last().isEmpty());
    QList<QJsonObject> objects;
    for (int i = 0; i < 2; ++i) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(doc.isObject());
        objects << doc.object();
        QCOMPARE(objects.last(), DecisionJournal::toJson(i == 0 ? full : plain));
    }

    const QJsonObject a = objects[0];
    QCOMPARE(a.value(QStringLiteral("id")).toInteger(), full.id);
    QCOMPARE(a.value(QStringLiteral("run_id")).toString(), QStringLiteral("run-1"));
    QCOMPARE(a.value(QStringLiteral("cycle")).toInteger(), 42);
    QCOMPARE(a.value(QStringLiteral("time")).toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(a.value(QStringLiteral("type")).toString(), QStringLiteral("LLM_DECISION"));
    QCOMPARE(a.value(QStringLiteral("observing")).toBool(), true);
    QCOMPARE(a.value(QStringLiteral("backend")).toString(), QStringLiteral("ollama"));
    QCOMPARE(a.value(QStringLiteral("model")).toString(), QStringLiteral("trader-qwen:latest"));
    QCOMPARE(a.value(QStringLiteral("system_prompt")).toString(), full.systemPrompt);
    QCOMPARE(a.value(QStringLiteral("prompt")).toString(), full.prompt);
    QCOMPARE(a.value(QStringLiteral("response")).toString(), full.response);
    QCOMPARE(a.value(QStringLiteral("canary")).toString(), QStringLiteral("APE OUT"));
    QCOMPARE(a.value(QStringLiteral("action")).toString(), QStringLiteral("SELL"));
    QCOMPARE(a.value(QStringLiteral("amount_in")).toString(), QStringLiteral("0.050000000000000001"));
    QCOMPARE(a.value(QStringLiteral("token_in")).toString(), QStringLiteral("ETH"));
    QCOMPARE(a.value(QStringLiteral("price")).toDouble(), 2500.987654321);
    QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("slow (detail)"));
    QCOMPARE(a.value(QStringLiteral("tx_hash")).toString(), QString(QStringLiteral("0x") + QStringLiteral("ab").repeated(32)));
    QCOMPARE(a.value(QStringLiteral("amount_out")).toString(), QStringLiteral("125.04321"));
    QCOMPARE(a.value(QStringLiteral("effective_price")).toString(), QStringLiteral("2500.8642"));
    QCOMPARE(a.value(QStringLiteral("latency_ms")).toInteger(), 1234);
    QCOMPARE(a.value(QStringLiteral("pnl_usd")).toDouble(), -0.123456789);
    QCOMPARE(a.value(QStringLiteral("mark_price")).toDouble(), 2510.25);
    const QJsonObject market = a.value(QStringLiteral("market")).toObject();
    QCOMPARE(market.value(QStringLiteral("last_price")).toDouble(), 2501.123456789);
    QCOMPARE(market.value(QStringLiteral("price_change_percent")).toDouble(), 0.1 + 0.2);
    QCOMPARE(market.value(QStringLiteral("swap_count")).toInt(), 17);
    QCOMPARE(market.value(QStringLiteral("window_seconds")).toInteger(), 900);
    const QJsonObject portfolio = a.value(QStringLiteral("portfolio")).toObject();
    QCOMPARE(portfolio.value(QStringLiteral("account")).toString(), QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    QCOMPARE(portfolio.value(QStringLiteral("eth_wei")).toString(), QStringLiteral("123456789012345678901234567"));
    QCOMPARE(portfolio.value(QStringLiteral("usdc_units")).toString(), QStringLiteral("1234567891"));
    QCOMPARE(portfolio.value(QStringLiteral("eth")).toString(), QStringLiteral("123456789.012345678901234567"));
    QCOMPARE(portfolio.value(QStringLiteral("usdc")).toString(), QStringLiteral("1234.567891"));
    QCOMPARE(portfolio.value(QStringLiteral("block_number")).toInteger(), 31'000'123);

    // No trade, no error, no hash, no P&L: nulls, not invented values.
    const QJsonObject b = objects[1];
    QCOMPARE(b.value(QStringLiteral("prompt")).toString(), plain.prompt);
    QCOMPARE(b.value(QStringLiteral("canary")).toString(), QStringLiteral("APE NEUTRAL"));
    QCOMPARE(b.value(QStringLiteral("status")).toString(), QStringLiteral("no_trade"));
    for (const char *key : {"amount_in", "token_in", "error", "tx_hash", "amount_out", "effective_price", "pnl_usd", "mark_price"})
        QVERIFY2(b.value(QLatin1String(key)).isNull(), key);

    // A filtered export; an unwritable target is a clear error and leaves nothing behind.
    JournalFilter f;
    f.runId = QStringLiteral("run-2");
    const auto filtered = journal.exportJsonl(path(QStringLiteral("one.jsonl")), f);
    QVERIFY(filtered);
    QCOMPARE(*filtered, 1);
    const auto bad = journal.exportJsonl(path(QStringLiteral("no/such/dir/x.jsonl")));
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, Error::Kind::Io);
    QVERIFY(!QFile::exists(path(QStringLiteral("no/such/dir/x.jsonl"))));
}

void TestDecisionJournal::twoJournalsOnOneFile()
{
    const QString file = path(QStringLiteral("shared.sqlite"));
    DecisionJournal writer, reader;
    QVERIFY(writer.open(file));
    QVERIFY(reader.open(file));
    const qint64 first = mustSave(writer, record(QStringLiteral("w"), 1, QStringLiteral("ollama"), QStringLiteral("m"), S::NoTrade));
    QCOMPARE(ids(reader.list()), QList<qint64>{first});
    const qint64 second = mustSave(reader, record(QStringLiteral("r"), 2, QStringLiteral("ollama"), QStringLiteral("m"), S::NoTrade));
    QCOMPARE(ids(writer.list()), (QList<qint64>{first, second}));
    AgentMemory memory(1234);
    QVERIFY(writer.saveMemory(QStringLiteral("p"), memory));
    const auto shared = reader.loadMemory(QStringLiteral("p"));
    QVERIFY(shared && shared->has_value());
    QCOMPARE((*shared)->capacity(), 1234);

    // The file is in WAL mode (readers beside a writer).
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));

    // Reopening an object on another file drops the old connection.
    QVERIFY(reader.open(path(QStringLiteral("other.sqlite"))));
    QCOMPARE(ids(reader.list()), QList<qint64>());
}

void TestDecisionJournal::sharesTheFileWithOtherTables()
{
    const QString file = path(QStringLiteral("app.sqlite"));
    {
        // Another module's table (and the shared meta table) already there.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other-module"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('swap_schema', '1')")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE swaps (x INTEGER)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO swaps VALUES (7)")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other-module"));
    {
        DecisionJournal journal;
        QVERIFY(journal.open(file));
        QVERIFY(journal.save(record(QStringLiteral("x"), 1, QStringLiteral("builtin"), QStringLiteral("p"), S::NoTrade)));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
        QStringList tables;
        while (q.next())
            tables << q.value(0).toString();
        QCOMPARE(tables, (QStringList{QStringLiteral("agent_decisions"), QStringLiteral("agent_memory"), QStringLiteral("meta"),
                                      QStringLiteral("sqlite_sequence"), QStringLiteral("swaps")}));
        QVERIFY(q.exec(QStringLiteral("SELECT x FROM swaps")) && q.next());
        QCOMPARE(q.value(0).toInt(), 7);
        QVERIFY(q.exec(QStringLiteral("SELECT key, value FROM meta ORDER BY key")));
        QStringList meta;
        while (q.next())
            meta << q.value(0).toString() + QLatin1Char('=') + q.value(1).toString();
        QCOMPARE(meta, (QStringList{QStringLiteral("agent_schema=1"), QStringLiteral("swap_schema=1")}));
        // A journal from a newer ApeDesk is refused, not rewritten.
        QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'agent_schema'")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    DecisionJournal newer;
    const Status refused = newer.open(file);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Format);
    QVERIFY2(refused.error().message.contains(QStringLiteral("newer")), qPrintable(refused.error().toString()));
    QVERIFY(!newer.isOpen());
}

void TestDecisionJournal::unusableFilesFailClearly()
{
    // A path below a regular file can never be created (not even by root).
    const QString blocker = path(QStringLiteral("blocker"));
    {
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    DecisionJournal journal;
    const Status unwritable = journal.open(blocker + QStringLiteral("/journal.sqlite"));
    QVERIFY(!unwritable);
    QVERIFY(!unwritable.error().message.isEmpty());
    QVERIFY2(unwritable.error().message.contains(QStringLiteral("journal.sqlite")), qPrintable(unwritable.error().toString()));
    QVERIFY(!journal.isOpen());
    // Every call on a journal that is not open says so.
    const auto notOpen = journal.save(fullRecord());
    QVERIFY(!notOpen);
    QCOMPARE(notOpen.error().kind, Error::Kind::Usage);
    QVERIFY(!journal.list());
    QVERIFY(!journal.dueForMarking(0));
    QVERIFY(!journal.canaryStats());
    QVERIFY(!journal.exportJsonl(path(QStringLiteral("never.jsonl"))));
    QVERIFY(!QFile::exists(path(QStringLiteral("never.jsonl"))));
    QVERIFY(!journal.saveMemory(QStringLiteral("p"), AgentMemory()));
    QVERIFY(!journal.loadMemory(QStringLiteral("p")));
    QVERIFY(!journal.find(1));
    QVERIFY(!journal.open(QString()));

    // A file that is not SQLite: refused, and left exactly as it was.
    const QString text = path(QStringLiteral("notes.sqlite"));
    const QByteArray content = QByteArray("These are my notes, not a database.\n").repeated(20);
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const Status notSqlite = journal.open(text);
    QVERIFY(!notSqlite);
    QCOMPARE(notSqlite.error().kind, Error::Kind::Format);
    QVERIFY2(notSqlite.error().message.contains(QStringLiteral("notes.sqlite")), qPrintable(notSqlite.error().toString()));
    QVERIFY(!journal.isOpen());
    QFile f(text);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);

    // A journal that works after a failed open, and a damaged memory row is an error, not a crash.
    QVERIFY(journal.open(path(QStringLiteral("ok.sqlite"))));
    QVERIFY(journal.saveMemory(QStringLiteral("p"), AgentMemory()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(path(QStringLiteral("ok.sqlite")));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE agent_memory SET memory = '{\"version\": 1, \"capacity\": ' WHERE profile = 'p'")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO agent_memory VALUES ('q', '{\"version\": 1}', 0)")));
        QVERIFY(q.exec(QStringLiteral("UPDATE agent_decisions SET status = 'weird'")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    const auto damaged = journal.loadMemory(QStringLiteral("p"));
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().kind, Error::Kind::Format);
    const auto incomplete = journal.loadMemory(QStringLiteral("q"));
    QVERIFY(!incomplete);
    QCOMPARE(incomplete.error().kind, Error::Kind::Format);
    // A damaged decision row fails the list with a clear error.
    QVERIFY(journal.save(fullRecord()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage2"));
        db.setDatabaseName(path(QStringLiteral("ok.sqlite")));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE agent_decisions SET eth_wei = 'lots'")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage2"));
    const auto broken = journal.list();
    QVERIFY(!broken);
    QCOMPARE(broken.error().kind, Error::Kind::Format);
}

QTEST_GUILESS_MAIN(TestDecisionJournal)
#include "test_decision_journal.moc"
