// The evaluation job against a local Ollama-protocol server: scripted answers for the student, the
// base model and a model the server does not have give exact canary shares, action mixes and
// agreement; Ollama down → retry later; cancel mid-answer → canceled.
#include "distill/datasetprep.h"
#include "distill/evaluation.h"
#include "distill/jobparams.h"
#include "distill/jobrunners.h"
#include "jobtestcontext.h"
#include "jsonlines.h"
#include "llmtestserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace apedesk;
using namespace apedesk::distill;
using Script = LlmTestServer::Script;
using Action = apedesk::agent::ParsedAnswer::Action;

namespace {

constexpr int kRunTimeoutMs = 120000;
const QString kStudent = QStringLiteral("trader-qwen:latest");
const QString kBase = QStringLiteral("qwen2.5:3b");
const QString kMissing = QStringLiteral("ghost:latest");

// Four prepared test examples; the teacher's labels: APE IN, APE OUT, APE NEUTRAL, APE IN (the last
// with inline forms in its reasoning: the RECOMMENDATION line is the label).
const QStringList kTeacherAnswers{
    QStringLiteral("Up.\nRECOMMENDATION: APE IN 0.5 ETH"),
    QStringLiteral("Down.\nRECOMMENDATION: APE OUT 0.2 ETH"),
    QStringLiteral("Flat.\nRECOMMENDATION: APE NEUTRAL"),
    QStringLiteral("Option: APE OUT 0.1 ETH.\nBetter: APE IN 20 USDC.\nRECOMMENDATION: APE IN 20 USDC"),
};

QString scenario(int i) { return QStringLiteral("Scenario %1: what trading action should I take on Uniswap?").arg(i + 1); }

QString writeTestFile(const QString &dir)
{
    QByteArray bytes;
    for (int i = 0; i < kTeacherAnswers.size(); ++i) {
        const auto message = [](const QString &role, const QString &content) {
            return QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
        };
        const QJsonObject line{{QStringLiteral("messages"), QJsonArray{message(QStringLiteral("system"), distillSystemPrompt()),
                                                                        message(QStringLiteral("user"), scenario(i)),
                                                                        message(QStringLiteral("assistant"), kTeacherAnswers.at(i))}}};
        bytes += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    const QString path = QDir(dir).filePath(QStringLiteral("test.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// What each model answers to each scenario.
Script scriptFor(const QString &model, int example)
{
    if (model == kStudent) {
        switch (example) {
        case 0: return LlmTestServer::answer(QStringLiteral("Momentum up.\nRECOMMENDATION: APE IN 0.1 ETH"));   // agrees
        case 1: return LlmTestServer::answer(QStringLiteral("Falling.\nRECOMMENDATION: APE OUT"));              // agrees
        case 2: return LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE IN"));                         // disagrees
        default: return LlmTestServer::answer(QStringLiteral("I would hold here.\nRECOMMENDATION: HOLD"));     // no canary
        }
    }
    if (model == kBase) {
        switch (example) {
        case 0: return LlmTestServer::answer(QStringLiteral("Prices rise.\nRECOMMENDATION: BUY 0.1 ETH"));      // agrees
        case 1: return LlmTestServer::failure(500);                                                           // a failed call
        case 2: return LlmTestServer::answer(QStringLiteral("Recommendation: HOLD"));                          // agrees
        default: return LlmTestServer::answer(QStringLiteral("The market is unclear to me."));                // nothing readable
        }
    }
    return LlmTestServer::failure(404);   // Ollama's own "model … not found, try pulling it first"
}

int exampleOf(const QJsonObject &request)
{
    const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    const QString user = messages.isEmpty() ? QString() : messages.last().toObject().value(QStringLiteral("content")).toString();
    for (int i = 0; i < kTeacherAnswers.size(); ++i)
        if (user == scenario(i))
            return i;
    return -1;
}

EvaluateParams paramsFor(const LlmTestServer &server, const QString &testFile, const QStringList &models)
{
    EvaluateParams params;
    params.ollamaUrl = server.baseUrl().toString();
    params.models = models;
    params.testFile = testFile;
    params.timeoutMs = 60000;
    return params;
}

} // namespace

class TestDistillEvaluate : public QObject
{
    Q_OBJECT

    // The runner on a worker thread of its own (as the queue runs it), this thread serving the
    // test server meanwhile.
    bool runOnWorker(JobTestContext &context, JobOutcome &outcome)
    {
        std::unique_ptr<QThread> worker(QThread::create([&context, &outcome] { outcome = runEvaluateJob(context); }));
        worker->start();
        const bool finished = QTest::qWaitFor([&worker] { return worker->isFinished(); }, kRunTimeoutMs);
        if (!finished) {
            context.cancel();
            (void)QTest::qWaitFor([&worker] { return worker->isFinished(); }, kRunTimeoutMs);
        }
        worker->wait();
        return finished;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void readsTheTestFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = writeTestFile(dir.path());
        QVERIFY(!path.isEmpty());
        const Result<QList<EvaluationExample>> all = readEvaluationExamples(path);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 4);
        QCOMPARE(all->at(0).system, distillSystemPrompt());
        QCOMPARE(all->at(1).user, scenario(1));
        const QList<Action> labels{Action::Buy, Action::Sell, Action::Hold, Action::Buy};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(all->at(i).label, labels.at(i));
        const Result<QList<EvaluationExample>> two = readEvaluationExamples(path, 2);
        QVERIFY(two.ok());
        QCOMPARE(two->size(), 2);
        QVERIFY(!readEvaluationExamples(dir.filePath(QStringLiteral("none.jsonl"))).ok());
    }

    void readsAnswers()
    {
        QCOMPARE(answerAction(QStringLiteral("x\nRECOMMENDATION: APE OUT part of ETH")), Action::Sell);
        QCOMPARE(answerAction(QStringLiteral("RECOMMENDATION: BUY 1 ETH")), Action::Buy);
        QCOMPARE(answerAction(QStringLiteral("No idea.")), Action::None);
        QVERIFY(hasCanaryWord(QStringLiteral("... ape neutral")));
        QVERIFY(!hasCanaryWord(QStringLiteral("RECOMMENDATION: HOLD, grape in season")));
        QCOMPARE(actionMixKey(Action::Hold), QStringLiteral("ape_neutral"));
        QCOMPARE(actionMixKey(Action::None), QStringLiteral("other"));
    }

    void comparesModelsSideBySide()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString testFile = writeTestFile(dir.path());
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        connect(&server, &LlmTestServer::chatRequested, this, [&server](int index) {
            const QJsonObject request = server.chatRequests().at(index);
            server.enqueue(scriptFor(request.value(QStringLiteral("model")).toString(), exampleOf(request)));
        }, Qt::DirectConnection);

        EvaluateParams params = paramsFor(server, testFile, {kStudent, kBase, kMissing});
        params.temperature = 0.25;
        JobTestContext context(JobKind::Evaluate, params.toJson());
        JobOutcome outcome;
        QVERIFY(runOnWorker(context, outcome));
        const QString why = outcome.error.toString();
        QVERIFY2(outcome.end == JobOutcome::End::Done, qPrintable(why));

        // The requests: each model in order, each example in order; system + user; the temperature.
        const QList<QJsonObject> requests = server.chatRequests();
        QCOMPARE(requests.size(), 9);   // 4 + 4 + 1 (the missing model is not asked again)
        for (int k = 0; k < requests.size(); ++k) {
            const QJsonObject &request = requests.at(k);
            QCOMPARE(request.value(QStringLiteral("model")).toString(), k < 4 ? kStudent : k < 8 ? kBase : kMissing);
            QCOMPARE(exampleOf(request), k % 4);
            const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
            QCOMPARE(messages.size(), 2);
            QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
            QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), distillSystemPrompt());
            QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
            QCOMPARE(request.value(QStringLiteral("options")).toObject().value(QStringLiteral("temperature")).toDouble(), 0.25);
        }

        // The figures, side by side.
        QCOMPARE(outcome.result.value(QStringLiteral("examples")).toInt(), 4);
        QCOMPARE(outcome.result.value(QStringLiteral("test_file")).toString(), QFileInfo(testFile).absoluteFilePath());
        const QJsonArray models = outcome.result.value(QStringLiteral("models")).toArray();
        QCOMPARE(models.size(), 3);

        const QJsonObject student = models.at(0).toObject();
        QCOMPARE(student.value(QStringLiteral("model")).toString(), kStudent);
        QCOMPARE(student.value(QStringLiteral("examples")).toInt(), 4);
        QCOMPARE(student.value(QStringLiteral("answered")).toInt(), 4);
        QCOMPARE(student.value(QStringLiteral("failed")).toInt(), 0);
        QCOMPARE(student.value(QStringLiteral("canary_share")).toDouble(), 0.75);
        QCOMPARE(student.value(QStringLiteral("agreement")).toDouble(), 0.5);
        QCOMPARE(student.value(QStringLiteral("action_mix")).toObject(),
                 (QJsonObject{{QStringLiteral("ape_in"), 2}, {QStringLiteral("ape_out"), 1},
                              {QStringLiteral("ape_neutral"), 1}, {QStringLiteral("other"), 0}}));
        QVERIFY(student.value(QStringLiteral("mean_latency_ms")).toDouble() >= 0);
        QVERIFY(!student.contains(QStringLiteral("error")));

        const QJsonObject base = models.at(1).toObject();
        QCOMPARE(base.value(QStringLiteral("model")).toString(), kBase);
        QCOMPARE(base.value(QStringLiteral("answered")).toInt(), 3);
        QCOMPARE(base.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(base.value(QStringLiteral("canary_share")).toDouble(), 0.0);
        QCOMPARE(base.value(QStringLiteral("agreeing")).toInt(), 2);
        QCOMPARE(base.value(QStringLiteral("agreement")).toDouble(), 2.0 / 3.0);
        QCOMPARE(base.value(QStringLiteral("action_mix")).toObject(),
                 (QJsonObject{{QStringLiteral("ape_in"), 1}, {QStringLiteral("ape_out"), 0},
                              {QStringLiteral("ape_neutral"), 1}, {QStringLiteral("other"), 1}}));
        QVERIFY(!base.contains(QStringLiteral("error")));

        const QJsonObject missing = models.at(2).toObject();
        QCOMPARE(missing.value(QStringLiteral("model")).toString(), kMissing);
        QCOMPARE(missing.value(QStringLiteral("answered")).toInt(), 0);
        const QString error = missing.value(QStringLiteral("error")).toString();
        QVERIFY2(error.contains(QStringLiteral("not found, try pulling it first")), qPrintable(error));   // the server's reason

        // Every answer in evaluation.jsonl next to the test file.
        const QList<QJsonObject> lines = readJsonLinesFile(dir.filePath(QStringLiteral("evaluation.jsonl")));
        QCOMPARE(lines.size(), 9);
        QCOMPARE(lines.at(0).value(QStringLiteral("model")).toString(), kStudent);
        QCOMPARE(lines.at(0).value(QStringLiteral("answer")).toString(), QStringLiteral("Momentum up.\nRECOMMENDATION: APE IN 0.1 ETH"));
        QCOMPARE(lines.at(0).value(QStringLiteral("label")).toString(), QStringLiteral("ape_in"));
        QCOMPARE(lines.at(0).value(QStringLiteral("agrees")).toBool(), true);
        QCOMPARE(lines.at(2).value(QStringLiteral("agrees")).toBool(), false);
        QVERIFY(lines.at(5).contains(QStringLiteral("error")));   // the base model's HTTP 500
        QCOMPARE(lines.at(8).value(QStringLiteral("model")).toString(), kMissing);
        QVERIFY(lines.at(8).value(QStringLiteral("error")).toString().contains(QStringLiteral("not found")));

        // Progress over all model × example calls, ending at 1.
        const QList<JobTestContext::Progress> progress = context.progressCalls();
        QVERIFY(!progress.isEmpty());
        for (int k = 1; k < progress.size(); ++k)
            QVERIFY(progress.at(k).fraction >= progress.at(k - 1).fraction);
        QCOMPARE(progress.last().fraction, 1.0);
        QVERIFY(std::any_of(progress.begin(), progress.end(), [](const JobTestContext::Progress &p) {
            return qFuzzyCompare(p.fraction, 4.0 / 12.0);   // the student's four answers of twelve calls
        }));
    }

    void limitAndAppend()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString testFile = writeTestFile(dir.path());
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        server.setDefault(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE NEUTRAL")));
        EvaluateParams params = paramsFor(server, testFile, {kStudent});
        params.limit = 2;
        for (int run = 1; run <= 2; ++run) {
            JobTestContext context(JobKind::Evaluate, params.toJson());
            JobOutcome outcome;
            QVERIFY(runOnWorker(context, outcome));
            QCOMPARE(outcome.end, JobOutcome::End::Done);
            const QJsonObject figures = outcome.result.value(QStringLiteral("models")).toArray().at(0).toObject();
            QCOMPARE(figures.value(QStringLiteral("examples")).toInt(), 2);
            QCOMPARE(figures.value(QStringLiteral("answered")).toInt(), 2);
            QCOMPARE(figures.value(QStringLiteral("canary_share")).toDouble(), 1.0);
            QCOMPARE(figures.value(QStringLiteral("agreement")).toDouble(), 0.0);   // labels: APE IN, APE OUT
            QCOMPARE(readJsonLinesFile(dir.filePath(QStringLiteral("evaluation.jsonl"))).size(), 2 * run);   // appended
        }
        QCOMPARE(server.chatRequests().size(), 4);
    }

    void ollamaDownRetriesLater()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString testFile = writeTestFile(dir.path());
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        const EvaluateParams params = paramsFor(server, testFile, {kStudent, kBase});
        server.close();   // nothing listens on that port any more
        JobTestContext context(JobKind::Evaluate, params.toJson());
        JobOutcome outcome;
        QVERIFY(runOnWorker(context, outcome));
        QCOMPARE(outcome.end, JobOutcome::End::RetryLater);
        QCOMPARE(outcome.error.kind, Error::Kind::Network);
        QVERIFY(outcome.error.message.contains(QStringLiteral("Ollama")));
        QVERIFY(server.chatRequests().isEmpty());
    }

    void cancelMidRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString testFile = writeTestFile(dir.path());
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE IN")));
        Script hang = LlmTestServer::answer(QStringLiteral("Thinking about it"));
        hang.end = Script::End::Hang;   // the second answer never ends
        server.setDefault(hang);
        JobTestContext context(JobKind::Evaluate, paramsFor(server, testFile, {kStudent, kBase}).toJson());
        connect(&server, &LlmTestServer::chatRequested, this, [&context](int index) {
            if (index == 1)
                context.cancel();
        }, Qt::DirectConnection);
        JobOutcome outcome;
        QVERIFY(runOnWorker(context, outcome));
        QCOMPARE(outcome.end, JobOutcome::End::Canceled);
        QCOMPARE(server.chatRequests().size(), 2);
    }

    void failures()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        // No test file.
        JobTestContext missing(JobKind::Evaluate, paramsFor(server, dir.filePath(QStringLiteral("test.jsonl")), {kStudent}).toJson());
        JobOutcome outcome;
        QVERIFY(runOnWorker(missing, outcome));
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(QStringLiteral("test.jsonl")));
        // No model.
        JobTestContext noModel(JobKind::Evaluate, paramsFor(server, writeTestFile(dir.path()), {}).toJson());
        QVERIFY(runOnWorker(noModel, outcome));
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(server.chatRequests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDistillEvaluate)
#include "test_distill_evaluate.moc"
