// The teacher generation job against a local OpenAI-protocol server: streamed answers parsed and stored,
// rate limits and server errors retried (honouring Retry-After), permanent errors failing, cancel and
// torn files resumed without asking for a finished sample again, token and cost accounting, and the
// scenarios (data formats, seeded sampling, the prompt).
#include "distill/jobparams.h"
#include "distill/jobrunners.h"
#include "distill/teacherjob.h"
#include "distill/teacherscenarios.h"
#include "jobtestcontext.h"
#include "jsonlines.h"
#include "llmtestserver.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <cmath>
#include <optional>

using namespace apedesk;
using namespace apedesk::distill;
using Script = LlmTestServer::Script;

namespace {

constexpr int kRunTimeoutMs = 120000;

// A processed / synthetic CSV in the GAN lab's column layout; row r has price 3000 + 1.5 r, volume
// 100 + r, volatility 0.001 r, tick_change (r mod 3) - 1.
QString writeSyntheticCsv(const QString &dir, int rows, const QString &name = QStringLiteral("synthetic.csv"))
{
    const QString path = dir + QLatin1Char('/') + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("sequence_id,step,timestamp,price,amount0_eth,amount1_usdc,tick,volume,volatility,volume_ma,tick_change,"
               "time_diff,liquidity_usage\n");
    for (int r = 0; r < rows; ++r) {
        const QStringList cells{QString::number(r / 24), QString::number(r % 24), QString::number(1737646995 + r),
                                QString::number(3000 + 1.5 * r, 'g', 17), QStringLiteral("-0.01"), QStringLiteral("30.5"),
                                QString::number(-195714 + r), QString::number(100 + r), QString::number(0.001 * r, 'g', 17),
                                QStringLiteral("101.5"), QString::number(r % 3 - 1), QStringLiteral("12"),
                                QStringLiteral("1e-9")};
        file.write(cells.join(QLatin1Char(',')).toUtf8() + '\n');
    }
    return path;
}

QString sharedSwapCsv()
{
    const QString dir = qEnvironmentVariable("APEDESK_SHARED_DIR");
    const QString path = dir + QStringLiteral("/data/base_eth_usdc_swaps.csv");
    return !dir.isEmpty() && QFile::exists(path) ? path : QString();
}

// The shared raw swap CSV's header and first `rows` data rows.
QString writeRawCsv(const QString &dir, int rows)
{
    QFile in(sharedSwapCsv());
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QString path = dir + QStringLiteral("/raw.csv");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    for (int i = 0; i <= rows && !in.atEnd(); ++i)
        out.write(in.readLine());
    return path;
}

QString userPrompt(const QJsonObject &request)
{
    const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &message : messages)
        if (message.toObject().value(QStringLiteral("role")).toString() == QLatin1String("user"))
            return message.toObject().value(QStringLiteral("content")).toString();
    return {};
}

// The teacher's answer for a prompt: three drafts and an action.
QString answerText(const QString &prompt)
{
    const QString price = prompt.section(QLatin1Char('$'), 1).section(QLatin1Char(' '), 0, 0);
    return QStringLiteral("Price %1 noted\nVolatility low\n\nMomentum flat\n#### BUY 0.1 ETH").arg(price);
}

Script answerScript(const QString &prompt, int delayMs = 0)
{
    return LlmTestServer::answer(answerText(prompt), delayMs);
}

Script errorScript(int status, const QByteArray &retryAfter = {})
{
    Script script = LlmTestServer::failure(status);
    if (!retryAfter.isEmpty())
        script.headers.append({QByteArray("Retry-After"), retryAfter});
    return script;
}

TeacherParams baseParams(const LlmTestServer &server, const QString &outDir, const QString &data, int samples)
{
    TeacherParams params;
    params.endpoint = server.baseUrl().toString();
    params.model = QStringLiteral("qwen/qwq-32b");
    params.dataPath = data;
    params.outDir = outDir;
    params.samples = samples;
    params.requestsPerMinute = 60000;   // 1 ms apart: the tests do not wait on the rate limit
    params.maxRetriesPerSample = 3;
    params.timeoutMs = 20000;
    return params;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString outcomeText(const JobOutcome &outcome)
{
    static const char *names[] = {"Done", "Failed", "RetryLater", "Canceled"};
    return QString(QLatin1String(names[int(outcome.end)]) + QStringLiteral(": ") + outcome.error.toString());
}

} // namespace

class TestTeacherJob : public QObject
{
    Q_OBJECT

private:
    // Runs the job on a worker thread while this thread's event loop serves the server. A run that
    // does not end in time is canceled (and reported as nullopt).
    std::optional<JobOutcome> run(JobTestContext &context)
    {
        QFuture<JobOutcome> future = QtConcurrent::run([&context] { return runTeacherJob(context); });
        QDeadlineTimer deadline(kRunTimeoutMs);
        while (!future.isFinished() && !deadline.hasExpired())
            QTest::qWait(10);
        if (future.isFinished())
            return future.result();
        context.cancel();
        while (!future.isFinished())
            QTest::qWait(10);
        return std::nullopt;
    }

    static JobTestContext context(const TeacherParams &params)
    {
        return JobTestContext(JobKind::Teacher, params.toJson());
    }

    // Answers every prompt with answerScript() unless `special` has something else for that request.
    static void answerAll(LlmTestServer &server, std::function<std::optional<Script>(const QString &prompt, int index)> special = {},
                          int delayMs = 0)
    {
        server.setResponder([special, delayMs](const QJsonObject &request, int index) -> std::optional<Script> {
            const QString prompt = userPrompt(request);
            if (special)
                if (std::optional<Script> script = special(prompt, index))
                    return script;
            return answerScript(prompt, delayMs);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void promptAndAnswerFormat()
    {
        QCOMPARE(teacherPrompt(ScenarioRow{3012.346, 12.3456, 0.012345, -2}, 1.5, 2500.25),
                 QStringLiteral("Given ETH price is $3012.35 with volume of 12.35 and volatility of 0.0123, recent price "
                                "change of -2.0000 ticks, and I currently hold 1.500 ETH and 2500.25 USDC, what trading "
                                "action should I take on Uniswap?"));
        QVERIFY(teacherSystemPrompt().contains(QStringLiteral("5 words at most")));
        QVERIFY(teacherSystemPrompt().contains(QStringLiteral("####")));

        TeacherAnswer answer = parseTeacherAnswer(QStringLiteral("Price up\n\n  Volume high  \n#### BUY 0.5 ETH \n"));
        QCOMPARE(answer.drafts, QStringList({QStringLiteral("Price up"), QStringLiteral("Volume high")}));
        QCOMPARE(answer.action, QStringLiteral("BUY 0.5 ETH"));
        answer = parseTeacherAnswer(QStringLiteral("No separator here\nat all"));
        QCOMPARE(answer.drafts.size(), 2);
        QCOMPARE(answer.action, QString());
        answer = parseTeacherAnswer(QStringLiteral("draft #### HOLD #### trailing"));
        QCOMPARE(answer.drafts, QStringList{QStringLiteral("draft")});
        QCOMPARE(answer.action, QStringLiteral("HOLD"));
    }

    void streamsAndStoresAnswers()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, {}, 5);
        const QString out = dir.filePath(QStringLiteral("out"));
        TeacherParams params = baseParams(server, out, writeSyntheticCsv(dir.path(), 30), 5);
        params.requestsPerMinute = 300;   // 200 ms apart
        JobTestContext ctx = context(params);
        const std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));

        // The requests: the tutorial's options, the Chain-of-Draft system prompt, streaming.
        const QList<QJsonObject> requests = server.chatRequests();
        QCOMPARE(requests.size(), 5);
        const QList<qint64> times = server.chatRequestTimes();
        for (int i = 0; i < requests.size(); ++i) {
            const QJsonObject &request = requests.at(i);
            QCOMPARE(request.value(QStringLiteral("model")).toString(), QStringLiteral("qwen/qwq-32b"));
            QCOMPARE(request.value(QStringLiteral("temperature")).toDouble(), 0.2);
            QCOMPARE(request.value(QStringLiteral("max_tokens")).toInt(), 300);
            QVERIFY(request.value(QStringLiteral("stream")).toBool());
            const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
            QCOMPARE(messages.size(), 2);
            QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), teacherSystemPrompt());
        }
        // The rate limit: starts 200 ms apart. Measured where the requests arrive, so only the first
        // arrival's delay (allowed up to 100 ms on a busy machine) can shorten the span.
        const qint64 span = times.last() - times.first();
        QVERIFY2(span >= 4 * 200 - 100, qPrintable(QStringLiteral("5 requests within %1 ms").arg(span)));
        QVERIFY(server.authorizations().isEmpty());   // no key configured, none sent

        const QList<QJsonObject> lines = readJsonLinesFile(TeacherFiles::data(out));
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject &line = lines.at(i);
            QCOMPARE(line.value(QStringLiteral("sample_id")).toInt(), i);
            const QString prompt = line.value(QStringLiteral("prompt")).toString();
            QCOMPARE(prompt, userPrompt(requests.at(i)));
            const QJsonObject market = line.value(QStringLiteral("market_state")).toObject();
            const int row = market.value(QStringLiteral("row")).toInt();
            QCOMPARE(market.value(QStringLiteral("price")).toDouble(), 3000 + 1.5 * row);
            QCOMPARE(market.value(QStringLiteral("volume")).toDouble(), 100.0 + row);
            QCOMPARE(market.value(QStringLiteral("tick_change")).toDouble(), double(row % 3 - 1));
            const double eth = market.value(QStringLiteral("eth")).toDouble();
            const double usdc = market.value(QStringLiteral("usdc")).toDouble();
            QCOMPARE(prompt, teacherPrompt(ScenarioRow{3000 + 1.5 * row, 100.0 + row, 0.001 * row, double(row % 3 - 1)}, eth, usdc));
            QCOMPARE(line.value(QStringLiteral("full_response")).toString(), answerText(prompt));
            QCOMPARE(line.value(QStringLiteral("drafts")).toArray().size(), 3);
            QCOMPARE(line.value(QStringLiteral("drafts")).toArray().at(1).toString(), QStringLiteral("Volatility low"));
            QCOMPARE(line.value(QStringLiteral("action")).toString(), QStringLiteral("BUY 0.1 ETH"));
            QCOMPARE(line.value(QStringLiteral("model")).toString(), QStringLiteral("qwen/qwq-32b"));
            QVERIFY(line.value(QStringLiteral("completion_tokens")).toInt() > 0);
        }

        // Every raw answer, then the tutorial's list and summary.
        const QList<QJsonObject> attempts = readJsonLinesFile(TeacherFiles::attempts(out));
        QCOMPARE(attempts.size(), 5);
        for (const QJsonObject &attempt : attempts) {
            QVERIFY(attempt.value(QStringLiteral("ok")).toBool());
            QCOMPARE(attempt.value(QStringLiteral("attempt")).toInt(), 1);
            QCOMPARE(attempt.value(QStringLiteral("http_status")).toInt(), 200);
            QVERIFY(attempt.value(QStringLiteral("text")).toString().endsWith(QStringLiteral("#### BUY 0.1 ETH")));
        }
        const QJsonArray list = QJsonDocument::fromJson(readAll(TeacherFiles::dataJson(out))).array();
        QCOMPARE(list.size(), 5);
        QCOMPARE(list.at(3).toObject().value(QStringLiteral("sample_id")).toInt(), 3);
        QCOMPARE(list.at(3).toObject().keys().size(), 6);
        const QList<QByteArray> csv = readAll(TeacherFiles::summaryCsv(out)).trimmed().split('\n');
        QCOMPARE(csv.size(), 6);
        QCOMPARE(csv.at(0), QByteArray("sample_id,price,volume,volatility,action,num_drafts"));
        QVERIFY(csv.at(1).startsWith("0,"));
        QVERIFY(csv.at(1).endsWith(",BUY 0.1 ETH,3"));

        // Result, progress and log.
        QCOMPARE(outcome->result.value(QStringLiteral("samples")).toInt(), 5);
        QCOMPARE(outcome->result.value(QStringLiteral("finished")).toInt(), 5);
        QCOMPARE(outcome->result.value(QStringLiteral("requests")).toInt(), 5);
        QCOMPARE(outcome->result.value(QStringLiteral("retries")).toInt(), 0);
        QCOMPARE(outcome->result.value(QStringLiteral("teacher_data")).toString(), QFileInfo(TeacherFiles::data(out)).absoluteFilePath());
        const QList<JobTestContext::Progress> progress = ctx.progressCalls();
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().fraction, 1.0);
        bool sawSample3 = false;
        bool sawEta = false;
        for (const auto &p : progress) {
            sawSample3 = sawSample3 || p.text == QStringLiteral("Sample 3 of 5");
            sawEta = sawEta || (p.fraction < 1 && p.etaSeconds >= 0);
        }
        QVERIFY(sawSample3);
        QVERIFY(sawEta);
        QVERIFY(ctx.logTexts().filter(QStringLiteral("Sample 2 of 5: BUY 0.1 ETH")).size() == 1);
    }

    void retryAfterIsHonoured()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, [](const QString &, int index) -> std::optional<Script> {
            if (index == 0)
                return errorScript(429, "1");
            return std::nullopt;
        });
        const QString out = dir.filePath(QStringLiteral("out"));
        JobTestContext ctx = context(baseParams(server, out, writeSyntheticCsv(dir.path(), 10), 2));
        const std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));

        const QList<QJsonObject> requests = server.chatRequests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(userPrompt(requests.at(1)), userPrompt(requests.at(0)));   // the same sample again
        const qint64 gap = server.chatRequestTimes().at(1) - server.chatRequestTimes().at(0);
        QVERIFY2(gap >= 1000, qPrintable(QStringLiteral("the retry came %1 ms after the 429").arg(gap)));
        QCOMPARE(server.answeredRequests(), QList<int>({1, 2}));

        const QList<QJsonObject> attempts = readJsonLinesFile(TeacherFiles::attempts(out));
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.at(0).value(QStringLiteral("http_status")).toInt(), 429);
        QCOMPARE(attempts.at(0).value(QStringLiteral("retry_after_ms")).toInt(), 1000);
        QVERIFY(!attempts.at(0).value(QStringLiteral("ok")).toBool());
        QVERIFY(attempts.at(0).value(QStringLiteral("error")).toString().contains(QStringLiteral("429")));
        QCOMPARE(attempts.at(1).value(QStringLiteral("attempt")).toInt(), 2);
        QVERIFY(attempts.at(1).value(QStringLiteral("ok")).toBool());
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 2);
        QCOMPARE(ctx.logTexts().filter(QStringLiteral("Retry-After")).size(), 1);
        QCOMPARE(outcome->result.value(QStringLiteral("retries")).toInt(), 1);
        bool sawRetries = false;
        for (const auto &p : ctx.progressCalls())
            sawRetries = sawRetries || p.text.contains(QStringLiteral("retries: 1"));
        QVERIFY(sawRetries);
    }

    void serverErrorThenSuccess()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, [](const QString &, int index) -> std::optional<Script> {
            if (index == 1)
                return errorScript(500);
            if (index == 2) {   // a provider failing mid-answer
                Script script = LlmTestServer::answer(QStringLiteral("Price up\n"));
                script.streamError = QStringLiteral("Provider returned error");
                return script;
            }
            return std::nullopt;
        });
        const QString out = dir.filePath(QStringLiteral("out"));
        JobTestContext ctx = context(baseParams(server, out, writeSyntheticCsv(dir.path(), 10), 2));
        const std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QCOMPARE(server.chatRequests().size(), 4);
        // Without a Retry-After the backoff starts at 1 s, then 2 s.
        const QList<qint64> times = server.chatRequestTimes();
        QVERIFY2(times.at(2) - times.at(1) >= 1000, qPrintable(QString::number(times.at(2) - times.at(1))));
        QVERIFY2(times.at(3) - times.at(2) >= 2000, qPrintable(QString::number(times.at(3) - times.at(2))));
        const QList<QJsonObject> attempts = readJsonLinesFile(TeacherFiles::attempts(out));
        QCOMPARE(attempts.size(), 4);
        QCOMPARE(attempts.at(1).value(QStringLiteral("http_status")).toInt(), 500);
        QVERIFY(attempts.at(2).value(QStringLiteral("error")).toString().contains(QStringLiteral("Provider returned error")));
        QCOMPARE(attempts.at(2).value(QStringLiteral("text")).toString(), QStringLiteral("Price up\n"));   // raw, as it arrived
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 2);
        QCOMPARE(ctx.logTexts().filter(QStringLiteral("Retrying in")).size(), 2);
    }

    void slowAndStalledAnswers()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, [](const QString &prompt, int index) -> std::optional<Script> {
            if (index == 0) {   // starts, then stalls past the timeout
                Script script = LlmTestServer::answer(QStringLiteral("Price"));
                script.end = Script::End::Hang;
                return script;
            }
            if (index == 1)   // slow (10 words, 100 ms apart) but in time
                return answerScript(prompt, 100);
            return std::nullopt;
        });
        const QString out = dir.filePath(QStringLiteral("out"));
        TeacherParams params = baseParams(server, out, writeSyntheticCsv(dir.path(), 10), 2);
        params.timeoutMs = 4000;
        JobTestContext ctx = context(params);
        const std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QCOMPARE(server.chatRequests().size(), 3);
        const QList<QJsonObject> attempts = readJsonLinesFile(TeacherFiles::attempts(out));
        QCOMPARE(attempts.size(), 3);
        QVERIFY(attempts.at(0).value(QStringLiteral("error")).toString().contains(QStringLiteral("Timed out")));
        QVERIFY(attempts.at(1).value(QStringLiteral("ok")).toBool());
        QVERIFY(attempts.at(1).value(QStringLiteral("elapsed_ms")).toInt() >= 100 * 5);
        const QList<QJsonObject> lines = readJsonLinesFile(TeacherFiles::data(out));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).value(QStringLiteral("action")).toString(), QStringLiteral("BUY 0.1 ETH"));
    }

    void exhaustedRetriesRetryLater()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, [](const QString &, int) -> std::optional<Script> { return errorScript(503, "0"); });
        const QString out = dir.filePath(QStringLiteral("out"));
        TeacherParams params = baseParams(server, out, writeSyntheticCsv(dir.path(), 10), 2);
        params.maxRetriesPerSample = 2;
        JobTestContext ctx = context(params);
        std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::RetryLater, qPrintable(outcomeText(*outcome)));
        QCOMPARE(outcome->retryAfterMs, qint64(0));
        QVERIFY(outcome->error.message.contains(QStringLiteral("2 retries")));
        QCOMPARE(server.chatRequests().size(), 3);
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 0);
        QCOMPARE(readJsonLinesFile(TeacherFiles::attempts(out)).size(), 3);

        // The queue's later attempt, with the server back: it resumes and finishes.
        answerAll(server);
        JobTestContext again = context(params);
        outcome = run(again);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 2);
        QCOMPARE(outcome->result.value(QStringLiteral("requests")).toInt(), 5);   // over both runs
        QCOMPARE(readJsonLinesFile(TeacherFiles::attempts(out)).at(3).value(QStringLiteral("attempt")).toInt(), 4);

        // A server that is gone: a network failure is transient too.
        QTemporaryDir other;
        TeacherParams gone = baseParams(server, other.filePath(QStringLiteral("out")), writeSyntheticCsv(other.path(), 10), 1);
        server.close();
        gone.maxRetriesPerSample = 0;
        JobTestContext third = context(gone);
        outcome = run(third);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::RetryLater, qPrintable(outcomeText(*outcome)));
        QCOMPARE(outcome->error.kind, Error::Kind::Network);
    }

    void permanentErrorsFail()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, [](const QString &, int) -> std::optional<Script> { return errorScript(401); });
        const QByteArray variable = "APEDESK_TEST_TEACHER_KEY";
        const QByteArray secret = "sk-test-teacher-secret-123";
        qputenv(variable.constData(), secret);
        TeacherParams params = baseParams(server, dir.filePath(QStringLiteral("a")), writeSyntheticCsv(dir.path(), 10), 2);
        params.apiKeyEnv = QString::fromLatin1(variable);
        JobTestContext ctx = context(params);
        std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Failed, qPrintable(outcomeText(*outcome)));
        QVERIFY(outcome->error.toString().contains(QString::fromLatin1(variable)));
        QCOMPARE(server.chatRequests().size(), 1);   // no retry
        QCOMPARE(server.authorizations(), QStringList{QString::fromLatin1("Bearer " + secret)});
        // The key goes only into the header.
        QVERIFY(!outcome->error.toString().contains(QString::fromLatin1(secret)));
        QVERIFY(!ctx.logTexts().join(QLatin1Char('\n')).contains(QString::fromLatin1(secret)));
        QVERIFY(!readAll(TeacherFiles::attempts(params.outDir)).contains(secret));

        // An unset variable: failed before any request, naming it.
        qunsetenv(variable.constData());
        JobTestContext unset = context(params);
        outcome = run(unset);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Failed, qPrintable(outcomeText(*outcome)));
        QVERIFY(outcome->error.message.contains(QString::fromLatin1(variable)));
        QCOMPARE(server.chatRequests().size(), 1);

        // 400 and 404: the request itself is wrong.
        for (const int status : {400, 404}) {
            answerAll(server, [status](const QString &, int) -> std::optional<Script> { return errorScript(status); });
            TeacherParams wrong = baseParams(server, dir.filePath(QStringLiteral("s%1").arg(status)),
                                             writeSyntheticCsv(dir.path(), 10), 2);
            JobTestContext c = context(wrong);
            const int before = int(server.chatRequests().size());
            outcome = run(c);
            QVERIFY(outcome);
            QVERIFY2(outcome->end == JobOutcome::End::Failed, qPrintable(outcomeText(*outcome)));
            QVERIFY(outcome->error.message.contains(QString::number(status)));
            QCOMPARE(server.chatRequests().size(), before + 1);
        }
    }

    void cancelBetweenSamplesThenResume()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server, {}, 10);
        const QString out = dir.filePath(QStringLiteral("out"));
        const TeacherParams params = baseParams(server, out, writeSyntheticCsv(dir.path(), 40), 6);
        JobTestContext first = context(params);
        first.cancelWhen([](const JobTestContext &c) {
            return !c.progressUnlocked().isEmpty() && c.progressUnlocked().last().fraction >= 0.5;
        });
        std::optional<JobOutcome> outcome = run(first);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Canceled, qPrintable(outcomeText(*outcome)));
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 3);
        QVERIFY(!QFile::exists(TeacherFiles::dataJson(out)));
        const QByteArray scenarios = readAll(TeacherFiles::scenarios(out));
        QCOMPARE(scenarios.count('\n'), 6);

        JobTestContext second = context(params);
        outcome = run(second);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QCOMPARE(readAll(TeacherFiles::scenarios(out)), scenarios);   // the same samples
        QVERIFY(second.logTexts().filter(QStringLiteral("Resuming: 3 of 6")).size() == 1);

        // Each sample asked and answered exactly once over both runs.
        QHash<QString, int> asked;
        for (const QJsonObject &request : server.chatRequests())
            asked[userPrompt(request)]++;
        QHash<QString, int> answered;
        for (const int index : server.answeredRequests())
            answered[userPrompt(server.chatRequests().at(index))]++;
        const QList<QJsonObject> lines = readJsonLinesFile(TeacherFiles::data(out));
        QCOMPARE(lines.size(), 6);
        QSet<int> ids;
        for (const QJsonObject &line : lines) {
            ids.insert(line.value(QStringLiteral("sample_id")).toInt());
            const QString prompt = line.value(QStringLiteral("prompt")).toString();
            QCOMPARE(asked.value(prompt), 1);
            QCOMPARE(answered.value(prompt), 1);
        }
        QCOMPARE(ids.size(), 6);
        QCOMPARE(asked.size(), 6);
        QCOMPARE(QJsonDocument::fromJson(readAll(TeacherFiles::dataJson(out))).array().size(), 6);
    }

    void cancelMidRequestThenResume()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        JobTestContext *current = nullptr;
        answerAll(server, [&current](const QString &, int index) -> std::optional<Script> {
            if (index != 1)
                return std::nullopt;
            // The second request hangs, and the job is canceled while it waits.
            if (current)
                current->cancel();
            Script script = LlmTestServer::answer(QStringLiteral("Price"));
            script.end = Script::End::Hang;
            return script;
        });
        const QString out = dir.filePath(QStringLiteral("out"));
        const TeacherParams params = baseParams(server, out, writeSyntheticCsv(dir.path(), 40), 3);
        JobTestContext first = context(params);
        current = &first;
        std::optional<JobOutcome> outcome = run(first);
        current = nullptr;
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Canceled, qPrintable(outcomeText(*outcome)));
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 1);
        const QList<QJsonObject> attempts = readJsonLinesFile(TeacherFiles::attempts(out));
        QCOMPARE(attempts.size(), 2);
        QVERIFY(!attempts.at(1).value(QStringLiteral("ok")).toBool());

        JobTestContext second = context(params);
        outcome = run(second);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QHash<QString, int> answered;
        for (const int index : server.answeredRequests())
            answered[userPrompt(server.chatRequests().at(index))]++;
        QCOMPARE(answered.size(), 3);
        for (auto it = answered.cbegin(); it != answered.cend(); ++it)
            QCOMPARE(it.value(), 1);
        // The first sample was not asked again; the canceled one was (it had no answer).
        QCOMPARE(server.chatRequests().size(), 4);
        QCOMPARE(userPrompt(server.chatRequests().at(2)), userPrompt(server.chatRequests().at(1)));
        QCOMPARE(readJsonLinesFile(TeacherFiles::data(out)).size(), 3);
    }

    void tornLastLineIsRecovered()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server);
        const QString out = dir.filePath(QStringLiteral("out"));
        const TeacherParams params = baseParams(server, out, writeSyntheticCsv(dir.path(), 20), 3);
        JobTestContext first = context(params);
        std::optional<JobOutcome> outcome = run(first);
        QVERIFY(outcome && outcome->end == JobOutcome::End::Done);
        QCOMPARE(server.chatRequests().size(), 3);

        // As if killed while writing the third line.
        const QByteArray whole = readAll(TeacherFiles::data(out));
        const QList<QByteArray> lines = whole.split('\n');
        const QByteArray lastPrompt = QJsonDocument::fromJson(lines.at(2)).object().value(QStringLiteral("prompt")).toString().toUtf8();
        {
            QFile file(TeacherFiles::data(out));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(lines.at(0) + '\n' + lines.at(1) + '\n' + lines.at(2).left(lines.at(2).size() / 2));
        }
        QVERIFY(QFile::remove(TeacherFiles::dataJson(out)));

        JobTestContext second = context(params);
        outcome = run(second);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QCOMPARE(server.chatRequests().size(), 4);   // only the torn sample again
        QCOMPARE(userPrompt(server.chatRequests().at(3)).toUtf8(), lastPrompt);
        QVERIFY(second.logTexts().filter(QStringLiteral("torn")).size() == 1);
        const QByteArray repaired = readAll(TeacherFiles::data(out));
        QVERIFY(repaired.endsWith('\n'));
        const QList<QJsonObject> objects = readJsonLinesFile(TeacherFiles::data(out));
        QCOMPARE(objects.size(), 3);
        for (const QJsonObject &object : objects)
            QVERIFY(object.contains(QStringLiteral("action")));
        QCOMPARE(QJsonDocument::fromJson(readAll(TeacherFiles::dataJson(out))).array().size(), 3);

        // The reader on its own: a whole last object that only lacks its newline is kept (and
        // terminated); a damaged middle line is an error when strict, skipped otherwise.
        const QString path = dir.filePath(QStringLiteral("lines.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"a\":1}\n{\"a\":2}");
        }
        Result<JsonLines> read = readJsonLines(path, true, true);
        QVERIFY(read);
        QCOMPARE(read->objects.size(), 2);
        QCOMPARE(readAll(path), QByteArray("{\"a\":1}\n{\"a\":2}\n"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"a\":1}\nnot json\n{\"a\":3}\n{\"a\":");
        }
        QVERIFY(!readJsonLines(path, true, false));
        read = readJsonLines(path, false, true);
        QVERIFY(read);
        QCOMPARE(read->objects.size(), 2);
        QCOMPARE(read->skippedLines, 1);
        QVERIFY(read->tornTail);
        QCOMPARE(readAll(path), QByteArray("{\"a\":1}\nnot json\n{\"a\":3}\n"));
    }

    void tokenAndCostAccounting()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        // Server-reported cost (OpenRouter's usage.cost); one 429 first, which costs nothing.
        answerAll(server, [](const QString &prompt, int index) -> std::optional<Script> {
            if (index == 0)
                return errorScript(429, "0");
            Script script = answerScript(prompt);
            script.costUsd = 0.00125;
            return script;
        });
        TeacherParams params = baseParams(server, dir.filePath(QStringLiteral("reported")), writeSyntheticCsv(dir.path(), 20), 3);
        params.inputUsdPerMTok = 1000;   // ignored: the server says what it cost
        JobTestContext reported = context(params);
        std::optional<JobOutcome> outcome = run(reported);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
        for (const QJsonObject &line : readJsonLinesFile(TeacherFiles::data(params.outDir))) {
            QCOMPARE(line.value(QStringLiteral("cost_usd")).toDouble(), 0.00125);
            promptTokens += line.value(QStringLiteral("prompt_tokens")).toInt();
            completionTokens += line.value(QStringLiteral("completion_tokens")).toInt();
            // The test server counts a token per streamed word and a prompt token per 4 characters.
            QCOMPARE(line.value(QStringLiteral("completion_tokens")).toInt(),
                     int(LlmTestServer::answer(line.value(QStringLiteral("full_response")).toString()).chunks.size()));
            const int characters = int(teacherSystemPrompt().size() + line.value(QStringLiteral("prompt")).toString().size());
            QCOMPARE(line.value(QStringLiteral("prompt_tokens")).toInt(), characters / 4);
        }
        QCOMPARE(reported.promptTokens(), promptTokens);
        QCOMPARE(reported.completionTokens(), completionTokens);
        QVERIFY(std::abs(reported.costUsd() - 3 * 0.00125) < 1e-12);
        QCOMPARE(outcome->result.value(QStringLiteral("prompt_tokens")).toInteger(), promptTokens);
        QCOMPARE(outcome->result.value(QStringLiteral("completion_tokens")).toInteger(), completionTokens);
        QVERIFY(std::abs(outcome->result.value(QStringLiteral("cost_usd")).toDouble() - 3 * 0.00125) < 1e-12);
        QCOMPARE(outcome->result.value(QStringLiteral("requests")).toInt(), 4);

        // No reported cost: tokens × the configured prices.
        answerAll(server);
        params.outDir = dir.filePath(QStringLiteral("priced"));
        params.inputUsdPerMTok = 2.0;
        params.outputUsdPerMTok = 6.0;
        JobTestContext priced = context(params);
        outcome = run(priced);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QVERIFY(priced.promptTokens() > 0 && priced.completionTokens() > 0);
        const double expected = (priced.promptTokens() * 2.0 + priced.completionTokens() * 6.0) / 1e6;
        QVERIFY2(std::abs(priced.costUsd() - expected) < 1e-12,
                 qPrintable(QStringLiteral("%1 vs %2").arg(priced.costUsd()).arg(expected)));
        QVERIFY(std::abs(outcome->result.value(QStringLiteral("cost_usd")).toDouble() - expected) < 1e-12);
    }

    void scenariosAreDeterministic()
    {
        // The engine is the standard's mt19937_64: its 10000th output for the default seed is fixed.
        TeacherRng standard(5489);
        for (int i = 1; i < 10000; ++i)
            standard.next();
        QCOMPARE(standard.next(), Q_UINT64_C(9981545732273789042));

        QVector<ScenarioRow> rows;
        for (int r = 0; r < 50; ++r)
            rows.append(ScenarioRow{3000.0 + r, 10.0 + r, 0.01 * r, double(r % 5)});
        const QList<TeacherScenario> a = sampleScenarios(rows, 20, 42);
        const QList<TeacherScenario> b = sampleScenarios(rows, 20, 42);
        const QList<TeacherScenario> c = sampleScenarios(rows, 20, 7);
        QCOMPARE(a.size(), 20);
        QSet<int> picked;
        bool differs = false;
        for (int i = 0; i < a.size(); ++i) {
            QVERIFY(a.at(i).toJson() == b.at(i).toJson());
            differs = differs || a.at(i).row != c.at(i).row;
            QCOMPARE(a.at(i).sampleId, i);
            picked.insert(a.at(i).row);
            QCOMPARE(a.at(i).market.price, 3000.0 + a.at(i).row);
            // Holdings from seed + row, rounded to 3 / 2 places, within the tutorial's ranges.
            TeacherRng holdings(42 + quint64(a.at(i).row));
            QCOMPARE(a.at(i).eth, std::round(holdings.uniform(0.001, 10) * 1000) / 1000);
            QCOMPARE(a.at(i).usdc, std::round(holdings.uniform(0.01, 10000) * 100) / 100);
            QVERIFY(a.at(i).eth >= 0.001 && a.at(i).eth <= 10);
            QVERIFY(a.at(i).usdc >= 0.01 && a.at(i).usdc <= 10000);
            QCOMPARE(a.at(i).prompt, teacherPrompt(a.at(i).market, a.at(i).eth, a.at(i).usdc));
        }
        QCOMPARE(picked.size(), 20);   // without replacement
        QVERIFY(differs);
        QVERIFY(a.first().row != 0 || a.at(1).row != 1);   // drawn, not the first rows
        // More samples than rows: every row once.
        const QList<TeacherScenario> all = sampleScenarios(rows, 80, 42);
        QCOMPARE(all.size(), 50);
        QSet<int> allRows;
        for (const TeacherScenario &scenario : all)
            allRows.insert(scenario.row);
        QCOMPARE(allRows.size(), 50);

        // Two jobs on the same data and seed write the same scenarios file.
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server);
        const QString data = writeSyntheticCsv(dir.path(), 30);
        QByteArray files[2];
        for (int i = 0; i < 2; ++i) {
            JobTestContext ctx = context(baseParams(server, dir.filePath(QStringLiteral("out%1").arg(i)), data, 4));
            const std::optional<JobOutcome> outcome = run(ctx);
            QVERIFY(outcome);
            QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
            files[i] = readAll(TeacherFiles::scenarios(dir.filePath(QStringLiteral("out%1").arg(i))));
        }
        QVERIFY(!files[0].isEmpty());
        QCOMPARE(files[0], files[1]);
    }

    void dataFormatsAreAccepted()
    {
        QTemporaryDir dir;
        // The GAN lab's synthetic sequences (and any CSV with the four feature columns).
        Result<QVector<ScenarioRow>> synthetic = readScenarioRows(writeSyntheticCsv(dir.path(), 48));
        QVERIFY2(synthetic, qPrintable(synthetic ? QString() : synthetic.error().toString()));
        QCOMPARE(synthetic->size(), 48);
        QCOMPARE(synthetic->at(47).price, 3000 + 1.5 * 47);
        QCOMPARE(synthetic->at(47).volatility, 0.001 * 47);
        QCOMPARE(synthetic->at(47).tickChange, 1.0);

        if (sharedSwapCsv().isEmpty())
            QSKIP("APEDESK_SHARED_DIR/data/base_eth_usdc_swaps.csv is not available");
        const QString raw = writeRawCsv(dir.path(), 60);
        QFile file(raw);
        QVERIFY(file.open(QIODevice::ReadOnly));
        Result<market::RawCsvImport> import = market::readRawSwapCsv(file, QStringLiteral("csv"));
        QVERIFY(import);
        const QVector<market::ProcessedSwap> processed = market::processSwaps(import->swaps);

        // A raw swap CSV: the features are computed.
        Result<QVector<ScenarioRow>> fromRaw = readScenarioRows(raw);
        QVERIFY2(fromRaw, qPrintable(fromRaw ? QString() : fromRaw.error().toString()));
        QCOMPARE(fromRaw->size(), processed.size());
        // A processed swap CSV: read by column name.
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(market::writeProcessedSwapCsv(buffer, import->swaps));
        const QString processedPath = dir.filePath(QStringLiteral("processed.csv"));
        QFile out(processedPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(buffer.data());
        out.close();
        Result<QVector<ScenarioRow>> fromProcessed = readScenarioRows(processedPath);
        QVERIFY2(fromProcessed, qPrintable(fromProcessed ? QString() : fromProcessed.error().toString()));
        QCOMPARE(fromProcessed->size(), processed.size());
        for (int i = 0; i < processed.size(); ++i) {
            QCOMPARE(fromRaw->at(i).price, processed.at(i).price);
            QCOMPARE(fromRaw->at(i).volume, processed.at(i).volume);
            QCOMPARE(fromRaw->at(i).volatility, processed.at(i).volatility);
            QCOMPARE(fromRaw->at(i).tickChange, processed.at(i).tickChange);
            QCOMPARE(fromProcessed->at(i).price, processed.at(i).price);
            QCOMPARE(fromProcessed->at(i).tickChange, processed.at(i).tickChange);
        }

        // And a job on the raw file.
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server);
        const QString outDir = dir.filePath(QStringLiteral("out"));
        JobTestContext ctx = context(baseParams(server, outDir, raw, 3));
        const std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        for (const QJsonObject &line : readJsonLinesFile(TeacherFiles::data(outDir))) {
            const QJsonObject market = line.value(QStringLiteral("market_state")).toObject();
            QCOMPARE(market.value(QStringLiteral("price")).toDouble(), processed.at(market.value(QStringLiteral("row")).toInt()).price);
            QVERIFY(line.value(QStringLiteral("prompt")).toString().startsWith(QStringLiteral("Given ETH price is $")));
        }
    }

    void badDataFails()
    {
        QTemporaryDir dir;
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        answerAll(server);
        const auto writeFile = [&dir](const QString &name, const QByteArray &bytes) {
            const QString path = dir.filePath(name);
            QFile file(path);
            if (file.open(QIODevice::WriteOnly))
                file.write(bytes);
            return path;
        };
        struct Case
        {
            QString data;
            QString expect;   // in the error message
        };
        const QList<Case> cases{
            {dir.filePath(QStringLiteral("missing.csv")), QStringLiteral("does not exist")},
            {writeFile(QStringLiteral("columns.csv"), "a,b,c\n1,2,3\n"), QStringLiteral("neither")},
            {writeFile(QStringLiteral("empty.csv"), ""), QStringLiteral("empty")},
            {writeFile(QStringLiteral("header.csv"), "price,volume,volatility,tick_change\n"), QStringLiteral("no data rows")},
            {writeFile(QStringLiteral("cell.csv"), "price,volume,volatility,tick_change\n1,2,3,4\n1,x,3,4\n"),
             QStringLiteral("Line 3")},
            {writeFile(QStringLiteral("raw.csv"), "block_number,transaction_hash\n1,zz\n"), QStringLiteral("raw swap")},
            {QString(), QStringLiteral("No data file")},
        };
        int i = 0;
        for (const Case &c : cases) {
            JobTestContext ctx = context(baseParams(server, dir.filePath(QStringLiteral("out%1").arg(i++)), c.data, 3));
            const std::optional<JobOutcome> outcome = run(ctx);
            QVERIFY(outcome);
            QVERIFY2(outcome->end == JobOutcome::End::Failed, qPrintable(c.data + QStringLiteral(": ") + outcomeText(*outcome)));
            QVERIFY2(outcome->error.message.contains(c.expect), qPrintable(outcome->error.toString()));
        }
        QCOMPARE(server.chatRequests().size(), 0);

        // Fewer rows than samples: all of them, with a note.
        const QString few = writeSyntheticCsv(dir.path(), 3, QStringLiteral("few.csv"));
        TeacherParams params = baseParams(server, dir.filePath(QStringLiteral("few")), few, 10);
        JobTestContext ctx = context(params);
        std::optional<JobOutcome> outcome = run(ctx);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Done, qPrintable(outcomeText(*outcome)));
        QCOMPARE(outcome->result.value(QStringLiteral("samples")).toInt(), 3);
        QCOMPARE(ctx.logTexts().filter(QStringLiteral("fewer than")).size(), 1);

        // The same folder for another seed: refused rather than mixing two sample sets.
        params.seed = 7;
        JobTestContext other = context(params);
        outcome = run(other);
        QVERIFY(outcome);
        QVERIFY2(outcome->end == JobOutcome::End::Failed, qPrintable(outcomeText(*outcome)));
        QVERIFY(outcome->error.message.contains(QStringLiteral("another teacher run")));
    }
};

QTEST_MAIN(TestTeacherJob)
#include "test_teacher_job.moc"
