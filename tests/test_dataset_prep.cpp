// Dataset preparation on a fixed teacher file (tests/data/distill/teacher_data.jsonl): each answer's
// canary text case by case (every precedence rule, the inline forms, USDC units, cleaning, defaults),
// de-duplication, the seeded split, the LoRA YAML's values, the report's figures; a DQN export as
// input; and the failures (missing input, too little data, cancel).
#include "distill/datasetprep.h"
#include "distill/jobparams.h"
#include "distill/jobrunners.h"
#include "jobtestcontext.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <numeric>

using namespace apedesk;
using namespace apedesk::distill;
using apedesk::agent::Canary;

namespace {

QString fixturePath()
{
    const QString source = qEnvironmentVariable("APEDESK_SOURCE_DIR");
    const QString relative = QStringLiteral("tests/data/distill/teacher_data.jsonl");
    if (!source.isEmpty() && QFile::exists(source + QLatin1Char('/') + relative))
        return source + QLatin1Char('/') + relative;
    return QFINDTESTDATA("data/distill/teacher_data.jsonl");
}

// The fixture's answers after preparation, by sample_id; an id that is absent is dropped
// (24, 25: duplicates of 1; 27: nothing readable; 28: no answer; 33: the torn last line).
QHash<int, QString> expectedAnswers()
{
    return {
        {1, QStringLiteral("Price up 2%.\nVolume strong.\nRECOMMENDATION: APE IN 0.5 ETH")},
        {2, QStringLiteral("Trend down.\nVolatility high.\nRECOMMENDATION: APE OUT 1.25 ETH")},
        {3, QStringLiteral("Price cheap.\nUSDC idle.\nRECOMMENDATION: APE IN 200 USDC")},             // trade USDC for: unit kept
        {4, QStringLiteral("Overbought.\nTake profit.\nRECOMMENDATION: APE OUT 0.3 ETH")},           // trade ETH for
        {5, QStringLiteral("Flat market.\nNo edge.\nRECOMMENDATION: APE NEUTRAL")},
        {6, QStringLiteral("Mixed signals.\nRECOMMENDATION: APE IN 0.1 ETH")},                      // buy before hold
        {7, QStringLiteral("Momentum fading.\nRECOMMENDATION: APE OUT 0.2 ETH")},                   // sell before trade
        {8, QStringLiteral("Dip forming.\nRECOMMENDATION: APE IN 50 USDC")},                        // trade before hold
        {9, QStringLiteral("Resistance near.\nRECOMMENDATION: APE OUT 0.4 ETH")},                   // sell fallback, amount
        {10, QStringLiteral("Weak bids.\nRECOMMENDATION: APE OUT part of ETH")},                    // sell fallback
        {11, QStringLiteral("Support held.\nRECOMMENDATION: APE IN some ETH")},                     // buy fallback
        {12, QStringLiteral("Cash heavy.\nRECOMMENDATION: APE IN 250 USDC")},                       // buy fallback, amount
        {13, QStringLiteral("Too much ETH.\nRECOMMENDATION: APE OUT part of ETH")},                 // "holdings" is no hold
        {14, QStringLiteral("Unclear.\nRECOMMENDATION: APE NEUTRAL")},                              // default
        {15, QStringLiteral("Price rising.\nBuy 0.5 ETH now.\nRECOMMENDATION: APE NEUTRAL")},       // no ####: default
        {16, QStringLiteral("Volume up.\nRECOMMENDATION: APE IN 0.5 ETH")},                         // Chinese removed
        {17, QStringLiteral("Sell pressure rising.\nRECOMMENDATION: APE NEUTRAL")},                 // Cyrillic removed
        {18, QStringLiteral("Price up. Very fast.\nRECOMMENDATION: APE IN 0.2 ETH")},               // control characters
        {19, QStringLiteral("Dip.\nBuy.\nRECOMMENDATION: APE IN 0.1 ETH")},                         // <think> tags
        {20, QStringLiteral("Option: APE OUT 0.1 ETH.\nBetter: APE IN 20 USDC.\nRECOMMENDATION: APE NEUTRAL")},   // inline forms
        {21, QStringLiteral("ETH undervalued.\nRECOMMENDATION: APE IN 100 USDC")},                  // buy N usdc
        {22, QStringLiteral("Strong bid.\nRECOMMENDATION: APE IN 1500 USDC")},                      // thousands
        {23, QStringLiteral("Small add.\nRECOMMENDATION: APE IN 0.5 ETH")},                         // ".5" is 0.5
        {26, QStringLiteral("Price up 2%.\nVolume strong.\nRECOMMENDATION: APE IN 0.5 ETH")},       // other prompt: kept
        {29, QStringLiteral("Breakdown.\nRECOMMENDATION: APE OUT 0.05 ETH")},                       // markdown
        {30, QStringLiteral("Drafts done.\nRECOMMENDATION: APE IN 0.5 ETH")},                       // second #### ignored
        {31, QStringLiteral("Too risky.\nRECOMMENDATION: APE NEUTRAL")},                            // hold before buy fallback
        {32, QStringLiteral("RECOMMENDATION: APE OUT 0.1 ETH")},                                    // no reasoning
    };
}

QList<QByteArray> fileLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QList<QJsonObject> jsonLines(const QString &path)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : fileLines(path))
        objects.append(QJsonDocument::fromJson(line).object());
    return objects;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The fixture's lines that parse, in order (the torn last one does not).
QList<QJsonObject> fixtureLines()
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : fileLines(fixturePath())) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject())
            lines.append(document.object());
    }
    return lines;
}

struct ChatExample
{
    QString system, user, assistant;
};

ChatExample chatExample(const QJsonObject &line)
{
    const QJsonArray messages = line.value(QStringLiteral("messages")).toArray();
    ChatExample example;
    if (messages.size() != 3)
        return example;
    if (messages.at(0).toObject().value(QStringLiteral("role")).toString() == QLatin1String("system"))
        example.system = messages.at(0).toObject().value(QStringLiteral("content")).toString();
    if (messages.at(1).toObject().value(QStringLiteral("role")).toString() == QLatin1String("user"))
        example.user = messages.at(1).toObject().value(QStringLiteral("content")).toString();
    if (messages.at(2).toObject().value(QStringLiteral("role")).toString() == QLatin1String("assistant"))
        example.assistant = messages.at(2).toObject().value(QStringLiteral("content")).toString();
    return example;
}

// A flat reading of the YAML this job writes: "a.b.c" → the value's text, comments dropped.
QHash<QString, QString> yamlValues(const QString &text)
{
    QHash<QString, QString> values;
    QList<std::pair<int, QString>> parents;   // indentation, key
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        if (raw.trimmed().isEmpty() || raw.trimmed().startsWith(QLatin1Char('#')))
            continue;
        const int indent = int(raw.size() - QString(raw).remove(QRegularExpression(QStringLiteral("^ +"))).size());
        while (!parents.isEmpty() && parents.last().first >= indent)
            parents.removeLast();
        const QString line = raw.trimmed();
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString key = line.left(colon);
        const QString value = line.mid(colon + 1).trimmed();
        QStringList path;
        for (const auto &parent : parents)
            path.append(parent.second);
        path.append(key);
        if (value.isEmpty())
            parents.append({indent, key});
        else
            values.insert(path.join(QLatin1Char('.')), value);
    }
    return values;
}

// One run of the job with its own context (kept for the logs and progress it recorded).
struct PrepareRun
{
    std::unique_ptr<JobTestContext> context;
    JobOutcome outcome;
};

PrepareRun runPrepare(const PrepareParams &params)
{
    PrepareRun run;
    run.context = std::make_unique<JobTestContext>(JobKind::Prepare, params.toJson());
    run.outcome = runPrepareJob(*run.context);
    return run;
}

PrepareParams fixtureParams(const QString &outDir, quint64 seed = 42)
{
    PrepareParams params;
    params.from = fixturePath();
    params.outDir = outDir;
    params.seed = seed;
    return params;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray chatJsonl(const QList<std::pair<QString, QString>> &examples)
{
    QByteArray bytes;
    for (const auto &example : examples) {
        const QJsonObject line{{QStringLiteral("messages"),
                                QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                       {QStringLiteral("content"), example.first}},
                                           QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                       {QStringLiteral("content"), example.second}}}}};
        bytes += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    return bytes;
}

} // namespace

class TestDatasetPrep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = fixturePath();
        const QString message = QStringLiteral("the fixture was not found (%1)").arg(path);
        QVERIFY2(QFile::exists(path), qPrintable(message));
        QCOMPARE(fixtureLines().size(), 32);
    }

    // Every fixture line through clean → normalise → canary, against the expected text.
    void fixtureAnswersCaseByCase_data()
    {
        QTest::addColumn<QString>("response");
        QTest::addColumn<bool>("kept");
        QTest::addColumn<QString>("expected");
        const QHash<int, QString> expected = expectedAnswers();
        for (const QJsonObject &line : fixtureLines()) {
            const int id = line.value(QStringLiteral("sample_id")).toInt();
            if (id == 24 || id == 25)
                continue;   // duplicates: their answers are case 1's (checked below)
            QTest::addRow("sample %d", id) << line.value(QStringLiteral("full_response")).toString() << expected.contains(id)
                                           << expected.value(id);
        }
    }
    void fixtureAnswersCaseByCase()
    {
        QFETCH(QString, response);
        QFETCH(bool, kept);
        QFETCH(QString, expected);
        const PreparedAnswer answer = prepareTeacherAnswer(response);
        if (!kept) {
            QVERIFY(answer.text.isEmpty());   // nothing readable (or no answer at all)
            return;
        }
        QCOMPARE(answer.text, expected);
        QCOMPARE(answer.canary, recommendationCanary(expected));
        QVERIFY(answer.canary != Canary::None);
    }

    void duplicatesNormaliseToTheSameAnswer()
    {
        const QList<QJsonObject> lines = fixtureLines();
        const auto responseOf = [&lines](int id) {
            for (const QJsonObject &line : lines)
                if (line.value(QStringLiteral("sample_id")).toInt() == id)
                    return line.value(QStringLiteral("full_response")).toString();
            return QString();
        };
        QVERIFY(responseOf(25) != responseOf(1));   // differs in case and whitespace only
        QCOMPARE(prepareTeacherAnswer(responseOf(24)).text, expectedAnswers().value(1));
        QCOMPARE(prepareTeacherAnswer(responseOf(25)).text, expectedAnswers().value(1));
    }

    void normalisedFormsAndFlags()
    {
        NormalisedResponse n = normaliseTeacherResponse(QStringLiteral("Cheap.\n#### Trade 1,000 USDC for ETH"));
        QCOMPARE(n.recommendation, QStringLiteral("BUY ETH with 1000 USDC"));
        QCOMPARE(n.text(), QStringLiteral("Cheap.\nRECOMMENDATION: BUY ETH with 1000 USDC"));
        QVERIFY(n.hasSeparator);
        QVERIFY(!n.defaulted);

        n = normaliseTeacherResponse(QStringLiteral("No separator. Sell 1 ETH."));
        QCOMPARE(n.recommendation, QStringLiteral("HOLD"));
        QVERIFY(!n.hasSeparator);
        QVERIFY(n.defaulted);

        n = normaliseTeacherResponse(QStringLiteral("x\n#### Keep holding"));
        QCOMPARE(n.recommendation, QStringLiteral("HOLD"));
        QVERIFY(!n.defaulted);
        // "threshold" holds no "hold"; the sell fallback reads it.
        QCOMPARE(normaliseTeacherResponse(QStringLiteral("x\n#### Sell above threshold")).recommendation,
                 QStringLiteral("SELL part of ETH"));
        // A decimal comma is ambiguous: no amount rather than 5 ETH.
        QCOMPARE(normaliseTeacherResponse(QStringLiteral("x\n#### Buying 1,5 ETH")).recommendation, QStringLiteral("BUY some ETH"));
        // "upsell" is no sale.
        QCOMPARE(normaliseTeacherResponse(QStringLiteral("x\n#### No upsell here")).recommendation, QStringLiteral("HOLD"));
    }

    void canaryWordsOnNormalisedText_data()
    {
        QTest::addColumn<QString>("normalised");
        QTest::addColumn<QString>("canary");
        QTest::addRow("buy eth") << "r\nRECOMMENDATION: BUY 0.5 ETH" << "r\nRECOMMENDATION: APE IN 0.5 ETH";
        QTest::addRow("buy usdc") << "r\nRECOMMENDATION: BUY 100 USDC" << "r\nRECOMMENDATION: APE IN 100 USDC";
        QTest::addRow("sell") << "r\nRECOMMENDATION: SELL 2 ETH" << "r\nRECOMMENDATION: APE OUT 2 ETH";
        QTest::addRow("hold") << "r\nRECOMMENDATION: HOLD" << "r\nRECOMMENDATION: APE NEUTRAL";
        QTest::addRow("part of") << "RECOMMENDATION: SELL part of ETH" << "RECOMMENDATION: APE OUT part of ETH";
        QTest::addRow("some") << "RECOMMENDATION: BUY some ETH" << "RECOMMENDATION: APE IN some ETH";
        QTest::addRow("eth with usdc") << "RECOMMENDATION: BUY ETH with 100 USDC" << "RECOMMENDATION: APE IN 100 USDC";
        QTest::addRow("inline forms") << "SELL 0.1 ETH, SELL part of ETH, BUY some ETH, BUY 3 USDC, BUY ETH with 7 USDC"
                                      << "APE OUT 0.1 ETH, APE OUT part of ETH, APE IN some ETH, APE IN 3 USDC, APE IN 7 USDC";
        QTest::addRow("lower case stays") << "buy 1 ETH, Sell 2 ETH" << "buy 1 ETH, Sell 2 ETH";
    }
    void canaryWordsOnNormalisedText()
    {
        QFETCH(QString, normalised);
        QFETCH(QString, canary);
        QCOMPARE(applyCanaryWords(normalised), canary);
    }

    void cleaning()
    {
        CleanedText c = cleanText(QStringLiteral("A\u0000b\u0007c\u200Bd\u202Ee\tf\r\ng"));
        QCOMPARE(c.text, QStringLiteral("Abcde f\ng"));
        QVERIFY(c.removedControl);
        QVERIFY(!c.removedForeign);
        c = cleanText(QStringLiteral("Buy价格上涨，ETH Ёлка 가격 שלום"));
        QCOMPARE(c.text, QStringLiteral("Buy ETH"));
        QVERIFY(c.removedForeign);
        // Latin accents, the em dash, symbols and emoji are no foreign script.
        c = cleanText(QStringLiteral("Café — 5% ≥ 3 📈"));
        QCOMPARE(c.text, QStringLiteral("Café — 5% ≥ 3 📈"));
        QVERIFY(!c.removedAnything());
        c = cleanText(QStringLiteral("<think>a</think>b"));
        QCOMPARE(c.text, QStringLiteral("a\nb"));
        QVERIFY(c.removedThink);
        // Answers lose extra whitespace; prompts keep their layout.
        QCOMPARE(cleanText(QStringLiteral("  a   b \n\n\n c\n\n")).text, QStringLiteral("a b\n\nc"));
        QCOMPARE(cleanText(QStringLiteral("Role.\n\n  - ETH: 1\n"), Layout::Keep).text, QStringLiteral("Role.\n\n  - ETH: 1"));
    }

    void splitSizesRule_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("train");
        QTest::addColumn<double>("valid");
        QTest::addColumn<int>("expectTrain");
        QTest::addColumn<int>("expectValid");
        QTest::addColumn<int>("expectTest");
        QTest::addRow("30") << 30 << 0.8 << 0.1 << 24 << 3 << 3;
        QTest::addRow("28") << 28 << 0.8 << 0.1 << 22 << 3 << 3;
        QTest::addRow("100") << 100 << 0.8 << 0.1 << 80 << 10 << 10;
        QTest::addRow("10") << 10 << 0.8 << 0.1 << 8 << 1 << 1;
        QTest::addRow("5") << 5 << 0.8 << 0.1 << 3 << 1 << 1;
        QTest::addRow("3") << 3 << 0.8 << 0.1 << 1 << 1 << 1;
        QTest::addRow("no test share") << 10 << 0.9 << 0.1 << 8 << 1 << 1;
        QTest::addRow("float noise") << 100 << 0.29 << 0.01 << 29 << 1 << 70;
        QTest::addRow("2") << 2 << 0.8 << 0.1 << 1 << 0 << 1;
        QTest::addRow("0") << 0 << 0.8 << 0.1 << 0 << 0 << 0;
    }
    void splitSizesRule()
    {
        QFETCH(int, n);
        QFETCH(double, train);
        QFETCH(double, valid);
        const SplitSizes sizes = splitSizes(n, train, valid);
        QTEST(sizes.train, "expectTrain");
        QTEST(sizes.valid, "expectValid");
        QTEST(sizes.test, "expectTest");
    }

    void permutationIsSeeded()
    {
        const QList<int> a = seededPermutation(50, 42);
        QList<int> sorted = a;
        std::sort(sorted.begin(), sorted.end());
        QList<int> identity(50);
        std::iota(identity.begin(), identity.end(), 0);
        QCOMPARE(sorted, identity);
        QVERIFY(a != identity);
        QCOMPARE(seededPermutation(50, 42), a);
        QVERIFY(seededPermutation(50, 43) != a);
        QCOMPARE(seededPermutation(1, 42), QList<int>{0});
        QVERIFY(seededPermutation(0, 42).isEmpty());
    }

    void preparesTheFixture()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const PrepareRun run = runPrepare(fixtureParams(dir.path()));
        const JobOutcome &outcome = run.outcome;
        const JobTestContext *context = run.context.get();
        const QString why = outcome.error.toString();
        QVERIFY2(outcome.end == JobOutcome::End::Done, qPrintable(why));

        // The result.
        QCOMPARE(outcome.result.value(QStringLiteral("examples")).toInt(), 28);
        const QJsonObject splits = outcome.result.value(QStringLiteral("splits")).toObject();
        QCOMPARE(splits.value(QStringLiteral("train")).toInt(), 22);
        QCOMPARE(splits.value(QStringLiteral("valid")).toInt(), 3);
        QCOMPARE(splits.value(QStringLiteral("test")).toInt(), 3);
        QCOMPARE(outcome.result.value(QStringLiteral("out")).toString(), QDir(dir.path()).absolutePath());
        QCOMPARE(outcome.result.value(QStringLiteral("config")).toString(), dir.filePath(QStringLiteral("lora_config.yaml")));
        QCOMPARE(outcome.result.value(QStringLiteral("report")).toString(), dir.filePath(QStringLiteral("report.json")));

        // Every kept example once, with its expected answer, the system prompt and its own prompt.
        QHash<QString, int> idOfPrompt;
        for (const QJsonObject &line : fixtureLines()) {
            const int id = line.value(QStringLiteral("sample_id")).toInt();
            if (expectedAnswers().contains(id))
                idOfPrompt.insert(line.value(QStringLiteral("prompt")).toString(), id);
        }
        QCOMPARE(idOfPrompt.size(), 28);
        QHash<QString, QString> splitOf;
        for (const QString &split : {QStringLiteral("train"), QStringLiteral("valid"), QStringLiteral("test")}) {
            const QList<QJsonObject> lines = jsonLines(dir.filePath(split + QStringLiteral(".jsonl")));
            QCOMPARE(lines.size(), splits.value(split).toInt());
            for (const QJsonObject &line : lines) {
                QCOMPARE(line.keys(), QStringList{QStringLiteral("messages")});
                const ChatExample example = chatExample(line);
                QCOMPARE(example.system, distillSystemPrompt());
                const QString message = QStringLiteral("unexpected prompt in %1: %2").arg(split, example.user);
                QVERIFY2(idOfPrompt.contains(example.user), qPrintable(message));
                const QString repeated = QStringLiteral("%1 is in %2 and %3").arg(example.user, splitOf.value(example.user), split);
                QVERIFY2(!splitOf.contains(example.user), qPrintable(repeated));   // disjoint, no repeats
                splitOf.insert(example.user, split);
                QCOMPARE(example.assistant, expectedAnswers().value(idOfPrompt.value(example.user)));
            }
        }
        QCOMPARE(splitOf.size(), 28);

        // The report's figures.
        const QJsonObject report = QJsonDocument::fromJson(readAll(dir.filePath(QStringLiteral("report.json")))).object();
        QCOMPARE(report.value(QStringLiteral("examples")).toInt(), 28);
        QCOMPARE(report.value(QStringLiteral("duplicates_removed")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("cleaned")).toInt(), 4);            // samples 16, 17, 18, 19
        QCOMPARE(report.value(QStringLiteral("defaulted_to_hold")).toInt(), 2);  // samples 14, 15
        QCOMPARE(report.value(QStringLiteral("empty_reasoning")).toInt(), 1);    // sample 32
        QCOMPARE(report.value(QStringLiteral("unreadable_dropped")).toInt(), 1); // sample 27
        QCOMPARE(report.value(QStringLiteral("incomplete_dropped")).toInt(), 1); // sample 28
        QCOMPARE(report.value(QStringLiteral("skipped_lines")).toInt(), 1);      // the torn line
        QCOMPARE(report.value(QStringLiteral("splits")).toObject(), splits);
        const QJsonObject mix = report.value(QStringLiteral("action_mix")).toObject();
        QCOMPARE(mix.value(QStringLiteral("ape_in")).toInt(), 14);
        QCOMPARE(mix.value(QStringLiteral("ape_out")).toInt(), 8);
        QCOMPARE(mix.value(QStringLiteral("ape_neutral")).toInt(), 6);
        const QJsonObject source = report.value(QStringLiteral("source")).toObject();
        QCOMPARE(source.value(QStringLiteral("kind")).toString(), QStringLiteral("teacher"));
        QCOMPARE(source.value(QStringLiteral("lines")).toInt(), 33);

        // Lengths, figured here from the expected texts.
        QList<qsizetype> prompts, answers;
        for (auto it = idOfPrompt.cbegin(); it != idOfPrompt.cend(); ++it) {
            prompts.append(it.key().size());
            answers.append(expectedAnswers().value(it.value()).size());
        }
        const QJsonObject lengths = report.value(QStringLiteral("lengths")).toObject();
        const auto checkLengths = [](const QJsonObject &figures, const QList<qsizetype> &values) {
            const double mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
            QCOMPARE(figures.value(QStringLiteral("min")).toDouble(), double(*std::min_element(values.begin(), values.end())));
            QCOMPARE(figures.value(QStringLiteral("max")).toDouble(), double(*std::max_element(values.begin(), values.end())));
            QVERIFY(qAbs(figures.value(QStringLiteral("mean")).toDouble() - mean) <= 0.05 + 1e-9);
        };
        checkLengths(lengths.value(QStringLiteral("prompt")).toObject(), prompts);
        if (QTest::currentTestFailed())
            return;
        checkLengths(lengths.value(QStringLiteral("response")).toObject(), answers);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(lengths.value(QStringLiteral("response")).toObject().value(QStringLiteral("min")).toInt(),
                 int(QStringLiteral("RECOMMENDATION: APE OUT 0.1 ETH").size()));

        // The torn last line is skipped with a note; progress ends at 1.
        const QStringList logs = context->logTexts();
        QVERIFY(std::any_of(logs.begin(), logs.end(), [](const QString &t) { return t.contains(QStringLiteral("incomplete")); }));
        QVERIFY(!context->progressCalls().isEmpty());
        QCOMPARE(context->progressCalls().last().fraction, 1.0);
        // Nothing else was left in the folder (QSaveFile's temporary files are gone).
        QStringList names = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        QCOMPARE(names, (QStringList{QStringLiteral("lora_config.yaml"), QStringLiteral("report.json"), QStringLiteral("test.jsonl"),
                                     QStringLiteral("train.jsonl"), QStringLiteral("valid.jsonl")}));
    }

    // The split is the documented one: the kept examples in input order, permuted by the seed, cut.
    void splitFollowsTheSeed()
    {
        QTemporaryDir a, b, c;
        QVERIFY(a.isValid() && b.isValid() && c.isValid());
        QCOMPARE(runPrepare(fixtureParams(a.path(), 42)).outcome.end, JobOutcome::End::Done);
        QCOMPARE(runPrepare(fixtureParams(b.path(), 42)).outcome.end, JobOutcome::End::Done);
        QCOMPARE(runPrepare(fixtureParams(c.path(), 7)).outcome.end, JobOutcome::End::Done);
        for (const QString &split : {QStringLiteral("train.jsonl"), QStringLiteral("valid.jsonl"), QStringLiteral("test.jsonl")})
            QCOMPARE(readAll(a.filePath(split)), readAll(b.filePath(split)));
        QVERIFY(readAll(a.filePath(QStringLiteral("train.jsonl"))) != readAll(c.filePath(QStringLiteral("train.jsonl"))));
        QVERIFY(readAll(a.filePath(QStringLiteral("test.jsonl"))) != readAll(c.filePath(QStringLiteral("test.jsonl"))));

        QStringList keptPrompts;   // input order, duplicates and dropped lines left out
        for (const QJsonObject &line : fixtureLines()) {
            const int id = line.value(QStringLiteral("sample_id")).toInt();
            if (expectedAnswers().contains(id))
                keptPrompts.append(line.value(QStringLiteral("prompt")).toString());
        }
        QCOMPARE(keptPrompts.size(), 28);
        for (const quint64 seed : {quint64(42), quint64(7)}) {
            const QTemporaryDir &out = seed == 42 ? a : c;
            const QList<int> order = seededPermutation(28, seed);
            QStringList written;
            for (const QString &split : {QStringLiteral("train.jsonl"), QStringLiteral("valid.jsonl"), QStringLiteral("test.jsonl")})
                for (const QJsonObject &line : jsonLines(out.filePath(split)))
                    written.append(chatExample(line).user);
            QStringList expected;
            for (int index : order)
                expected.append(keptPrompts.at(index));
            QCOMPARE(written, expected);
        }
    }

    void loraConfigValues()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PrepareParams params = fixtureParams(dir.path(), 1234);
        params.baseModel = QStringLiteral("Qwen/Qwen2.5-0.5B");
        params.iters = 600;
        QCOMPARE(runPrepare(params).outcome.end, JobOutcome::End::Done);
        const QString text = QString::fromUtf8(readAll(dir.filePath(QStringLiteral("lora_config.yaml"))));
        const QHash<QString, QString> values = yamlValues(text);
        const QString outDir = QDir(dir.path()).absolutePath();
        const QHash<QString, QString> expected{
            {QStringLiteral("model"), QStringLiteral("\"Qwen/Qwen2.5-0.5B\"")},
            {QStringLiteral("train"), QStringLiteral("true")},
            {QStringLiteral("fine_tune_type"), QStringLiteral("lora")},
            {QStringLiteral("optimizer"), QStringLiteral("adamw")},
            {QStringLiteral("optimizer_config.adamw.betas"), QStringLiteral("[0.9, 0.98]")},
            {QStringLiteral("optimizer_config.adamw.eps"), QStringLiteral("1.0e-6")},
            {QStringLiteral("optimizer_config.adamw.weight_decay"), QStringLiteral("0.01")},
            {QStringLiteral("optimizer_config.adamw.bias_correction"), QStringLiteral("true")},
            {QStringLiteral("data"), QStringLiteral("\"%1\"").arg(outDir)},
            {QStringLiteral("seed"), QStringLiteral("1234")},
            {QStringLiteral("num_layers"), QStringLiteral("16")},
            {QStringLiteral("batch_size"), QStringLiteral("1")},
            {QStringLiteral("iters"), QStringLiteral("600")},
            {QStringLiteral("val_batches"), QStringLiteral("25")},
            {QStringLiteral("learning_rate"), QStringLiteral("2.0e-4")},
            {QStringLiteral("steps_per_report"), QStringLiteral("10")},
            {QStringLiteral("steps_per_eval"), QStringLiteral("200")},
            {QStringLiteral("resume_adapter_file"), QStringLiteral("null")},
            {QStringLiteral("adapter_path"), QStringLiteral("\"%1/adapters\"").arg(outDir)},
            {QStringLiteral("save_every"), QStringLiteral("100")},
            {QStringLiteral("test"), QStringLiteral("true")},
            {QStringLiteral("test_batches"), QStringLiteral("-1")},
            {QStringLiteral("max_seq_length"), QStringLiteral("2048")},
            {QStringLiteral("grad_checkpoint"), QStringLiteral("true")},
            {QStringLiteral("lora_parameters.keys"), QStringLiteral("[\"self_attn.q_proj\", \"self_attn.v_proj\"]")},
            {QStringLiteral("lora_parameters.rank"), QStringLiteral("8")},
            {QStringLiteral("lora_parameters.scale"), QStringLiteral("20.0")},
            {QStringLiteral("lora_parameters.dropout"), QStringLiteral("0.0")},
            {QStringLiteral("lr_schedule.name"), QStringLiteral("cosine_decay")},
            {QStringLiteral("lr_schedule.warmup"), QStringLiteral("100")},
            {QStringLiteral("lr_schedule.warmup_init"), QStringLiteral("1.0e-7")},
            {QStringLiteral("lr_schedule.arguments"), QStringLiteral("[2.0e-4, 1000, 1.0e-7]")},
        };
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const QString message = QStringLiteral("%1: \"%2\", expected \"%3\"").arg(it.key(), values.value(it.key()), it.value());
            QVERIFY2(values.value(it.key()) == it.value(), qPrintable(message));
        }
        QCOMPARE(values.size(), expected.size());   // nothing else, token_weighting included
        QVERIFY(!values.contains(QStringLiteral("token_weighting")));
        QVERIFY(text.contains(QStringLiteral("# The tutorial's token_weighting")));

        // An adapter path of the pipeline's choice is taken as it is.
        params.adapterPath = QStringLiteral("/models/trader lora \"v2\"");
        QCOMPARE(yamlValues(loraConfigYaml(params, outDir)).value(QStringLiteral("adapter_path")),
                 QStringLiteral("\"/models/trader lora \\\"v2\\\"\""));
    }

    // The DQN trader's export (core/ml/rlexport.h): FILE.chat.jsonl and FILE.jsonl.
    void dqnExportInput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString prompt1 = QStringLiteral("You are a trading agent.\n\nMarket:\n  - ETH price: 2500.00\n  - Position: flat");
        const QString buy = QStringLiteral("Q-values — hold 0.10, buy 0.35, sell -0.20 (flat). Buying leads holding by 0.25.\n"
                                           "RECOMMENDATION: APE IN");
        const QString sell = QStringLiteral("Q-values — hold 0.05, buy -0.10, sell 0.40 (holding ETH). Selling leads holding by 0.35.\n"
                                            "RECOMMENDATION: APE OUT");
        const QString hold = QStringLiteral("Q-values — hold 0.30, buy 0.10, sell 0.20 (holding ETH). Holding leads selling by 0.10.\n"
                                            "RECOMMENDATION: APE NEUTRAL");
        const QString rlForm = QStringLiteral("Step 1: Price fell.\nStep 2: I hold ETH.\nStep 3: Cut the loss.\n#### APE OUT");
        const QString chatPath = dir.filePath(QStringLiteral("dqn.chat.jsonl"));
        writeFile(chatPath, chatJsonl({{prompt1, buy},
                                       {QStringLiteral("State 2"), sell},
                                       {QStringLiteral("State 3"), hold},
                                       {prompt1, buy},   // a duplicate
                                       {QStringLiteral("State 4"), buy},
                                       {QStringLiteral("State 5"), rlForm}}));
        if (QTest::currentTestFailed())
            return;
        PrepareParams params;
        params.from = chatPath;
        params.outDir = dir.filePath(QStringLiteral("prepared"));
        const JobOutcome outcome = runPrepare(params).outcome;
        const QString why = outcome.error.toString();
        QVERIFY2(outcome.end == JobOutcome::End::Done, qPrintable(why));
        QCOMPARE(outcome.result.value(QStringLiteral("examples")).toInt(), 5);
        const QJsonObject splits = outcome.result.value(QStringLiteral("splits")).toObject();
        QCOMPARE(splits.value(QStringLiteral("train")).toInt(), 3);
        QCOMPARE(splits.value(QStringLiteral("valid")).toInt(), 1);
        QCOMPARE(splits.value(QStringLiteral("test")).toInt(), 1);

        const QHash<QString, QString> expected{
            {prompt1, buy},   // the layout of the prompt and the em dash stay
            {QStringLiteral("State 2"), sell},
            {QStringLiteral("State 3"), hold},
            {QStringLiteral("State 4"), buy},
            {QStringLiteral("State 5"), QStringLiteral("Step 1: Price fell.\nStep 2: I hold ETH.\nStep 3: Cut the loss.\nRECOMMENDATION: APE OUT")},
        };
        QSet<QString> seen;
        for (const QString &split : {QStringLiteral("train"), QStringLiteral("valid"), QStringLiteral("test")}) {
            for (const QJsonObject &line : jsonLines(QDir(params.outDir).filePath(split + QStringLiteral(".jsonl")))) {
                const ChatExample example = chatExample(line);
                QCOMPARE(example.system, distillSystemPrompt());
                QVERIFY(expected.contains(example.user));
                QCOMPARE(example.assistant, expected.value(example.user));
                QVERIFY(!seen.contains(example.user));
                seen.insert(example.user);
            }
        }
        QCOMPARE(seen.size(), 5);
        const QJsonObject report = QJsonDocument::fromJson(readAll(QDir(params.outDir).filePath(QStringLiteral("report.json")))).object();
        QCOMPARE(report.value(QStringLiteral("duplicates_removed")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("source")).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("dqn_export"));
        const QJsonObject mix = report.value(QStringLiteral("action_mix")).toObject();
        QCOMPARE(mix.value(QStringLiteral("ape_in")).toInt(), 2);
        QCOMPARE(mix.value(QStringLiteral("ape_out")).toInt(), 2);
        QCOMPARE(mix.value(QStringLiteral("ape_neutral")).toInt(), 1);

        // FILE.jsonl: {"prompt", "completion"}.
        QByteArray completions;
        int n = 0;
        for (const QString &completion : {buy, sell, hold}) {
            completions += QJsonDocument(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("State %1").arg(++n)},
                                                     {QStringLiteral("completion"), completion}})
                               .toJson(QJsonDocument::Compact)
                           + '\n';
        }
        writeFile(dir.filePath(QStringLiteral("dqn.jsonl")), completions);
        params.from = dir.filePath(QStringLiteral("dqn.jsonl"));
        params.outDir = dir.filePath(QStringLiteral("prepared2"));
        const JobOutcome second = runPrepare(params).outcome;
        QCOMPARE(second.end, JobOutcome::End::Done);
        QCOMPARE(second.result.value(QStringLiteral("examples")).toInt(), 3);
        QStringList answers;
        for (const QString &split : {QStringLiteral("train"), QStringLiteral("valid"), QStringLiteral("test")})
            for (const QJsonObject &line : jsonLines(QDir(params.outDir).filePath(split + QStringLiteral(".jsonl"))))
                answers.append(chatExample(line).assistant);
        answers.sort();
        QStringList expectedAnswers{buy, sell, hold};
        expectedAnswers.sort();
        QCOMPARE(answers, expectedAnswers);
    }

    void failures()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PrepareParams params;
        params.outDir = dir.filePath(QStringLiteral("out"));

        // A file that is not there.
        params.from = dir.filePath(QStringLiteral("nothing.jsonl"));
        JobOutcome outcome = runPrepare(params).outcome;
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(QStringLiteral("nothing.jsonl")));
        // A teacher folder without teacher_data.jsonl.
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("teacher"))));
        params.from = dir.filePath(QStringLiteral("teacher"));
        outcome = runPrepare(params).outcome;
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(QStringLiteral("teacher_data.jsonl")));
        // No input named.
        params.from.clear();
        QCOMPARE(runPrepare(params).outcome.end, JobOutcome::End::Failed);
        // Nothing usable.
        writeFile(dir.filePath(QStringLiteral("teacher/teacher_data.jsonl")),
                  "not json\n{\"sample_id\": 1, \"prompt\": \"p\", \"full_response\": \"价格\"}\n");
        params.from = dir.filePath(QStringLiteral("teacher"));
        outcome = runPrepare(params).outcome;
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(QStringLiteral("no usable example")));
        // Too few for three splits.
        writeFile(dir.filePath(QStringLiteral("teacher/teacher_data.jsonl")),
                  "{\"sample_id\": 1, \"prompt\": \"p1\", \"full_response\": \"a\\n#### Hold\"}\n"
                  "{\"sample_id\": 2, \"prompt\": \"p2\", \"full_response\": \"b\\n#### Buy 1 ETH\"}\n");
        outcome = runPrepare(params).outcome;
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(QStringLiteral("at least 3")));
        QVERIFY(!QFile::exists(QDir(params.outDir).filePath(QStringLiteral("train.jsonl"))));
    }

    void cancelStops()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        JobTestContext context(JobKind::Prepare, fixtureParams(dir.path()).toJson());
        context.cancel();
        QCOMPARE(runPrepareJob(context).end, JobOutcome::End::Canceled);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("train.jsonl"))));
    }

};

QTEST_GUILESS_MAIN(TestDatasetPrep)
#include "test_dataset_prep.moc"
