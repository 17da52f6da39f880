// apedesk-cli jobs: the distillation queue headless, as a person drives it — add jobs and pipelines,
// list them, run the queue, steer single jobs — and the acceptance case of issue 9: teacher generation
// against a local OpenAI-protocol server (streaming, a 500, a 429 with Retry-After, slow answers),
// the process killed with SIGKILL mid-run and started again, completing the job with no sample
// requested again after its success was stored.

#include "distill/pipeline.h"
#include "jsonlines.h"
#include "llmtestserver.h"
#include "processrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace apedesk;

namespace {

QString promptOf(const QJsonObject &chatRequest)
{
    const QJsonArray messages = chatRequest.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &message : messages)
        if (message.toObject().value(QStringLiteral("role")).toString() == QLatin1String("user"))
            return message.toObject().value(QStringLiteral("content")).toString();
    return {};
}

// A teacher's answer in the Chain-of-Draft form: short drafts, "####", the action.
const QString kTeacherAnswer = QStringLiteral("Price near recent mean\nVolume light\nHold some USDC\n####\nBUY 0.25 ETH");

} // namespace

class TestCliJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli");
        QVERIFY(m_home.isValid());
        m_env = isolatedEnvironment(m_home);
        m_swaps = qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv");
        QVERIFY2(QFile::exists(m_swaps), qPrintable(QStringLiteral("the real swaps at %1").arg(m_swaps)));
    }

    void usageErrors()
    {
        const QString db = m_dir.filePath(QStringLiteral("usage.sqlite"));
        ProcessResult result = cli({QStringLiteral("jobs")});
        QCOMPARE(result.exitCode, 2);
        result = cli({QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("teacher"), QStringLiteral("--db"), db,
                      QStringLiteral("--out"), m_dir.filePath(QStringLiteral("t"))});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("--data"), result.err.constData());
        result = cli({QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("teacher"), QStringLiteral("--db"), db,
                      QStringLiteral("--data"), m_dir.filePath(QStringLiteral("missing.csv")), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("t"))});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("does not exist"), result.err.constData());
        result = cli({QStringLiteral("jobs"), QStringLiteral("add-pipeline"), QStringLiteral("--db"), db,
                      QStringLiteral("--out"), m_dir.path()});
        QCOMPARE(result.exitCode, 2);
        result = cli({QStringLiteral("jobs"), QStringLiteral("cancel"), QStringLiteral("--db"), db, QStringLiteral("x")});
        QCOMPARE(result.exitCode, 2);
        // A job id that is not in the queue is a failure with the reason, not a crash.
        result = cli({QStringLiteral("jobs"), QStringLiteral("retry"), QStringLiteral("--db"), db, QStringLiteral("99")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(!result.err.isEmpty());
    }

    // add / list / pause / resume / cancel / retry on a queue nobody runs.
    void addListAndSteer()
    {
        const QString db = m_dir.filePath(QStringLiteral("steer.sqlite"));
        ProcessResult added = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("prepare"),
                                   QStringLiteral("--db"), db, QStringLiteral("--from"), m_dir.filePath(QStringLiteral("teacher")),
                                   QStringLiteral("--out"), m_dir.filePath(QStringLiteral("dataset"))});
        QCOMPARE(added.exitCode, 0);
        const QList<QJsonObject> first = parseJsonLines(added.out);
        QCOMPARE(first.size(), 1);
        const qint64 prepareId = first.first().value(QStringLiteral("id")).toInteger();
        QVERIFY(prepareId > 0);
        added = cli({QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("evaluate"), QStringLiteral("--json"),
                     QStringLiteral("--db"), db, QStringLiteral("--test"), m_dir.filePath(QStringLiteral("dataset/test.jsonl")),
                     QStringLiteral("--models"), QStringLiteral("trader-qwen:latest,qwen2.5:3b"), QStringLiteral("--after"),
                     QString::number(prepareId)});
        QCOMPARE(added.exitCode, 0);
        const qint64 evaluateId = parseJsonLines(added.out).value(0).value(QStringLiteral("id")).toInteger();
        QVERIFY(evaluateId > prepareId);

        QList<QJsonObject> jobs = list(db);
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(jobs.at(0).value(QStringLiteral("kind")).toString(), QStringLiteral("prepare"));
        QCOMPARE(jobs.at(1).value(QStringLiteral("kind")).toString(), QStringLiteral("evaluate"));
        QCOMPARE(jobs.at(1).value(QStringLiteral("depends_on")).toArray(), QJsonArray{prepareId});
        QCOMPARE(jobs.at(1).value(QStringLiteral("params")).toObject().value(QStringLiteral("models")).toArray().size(), 2);
        QCOMPARE(jobs.at(0).value(QStringLiteral("state")).toString(), QStringLiteral("queued"));

        const ProcessResult text = cli({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--db"), db});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("prepare") && text.out.contains("evaluate") && text.out.contains("queued"), text.out.constData());

        QCOMPARE(steer(db, QStringLiteral("pause"), prepareId), QStringLiteral("paused"));
        QCOMPARE(steer(db, QStringLiteral("resume"), prepareId), QStringLiteral("queued"));
        QCOMPARE(steer(db, QStringLiteral("cancel"), prepareId), QStringLiteral("canceled"));
        QCOMPARE(steer(db, QStringLiteral("retry"), prepareId), QStringLiteral("queued"));
        // Resuming a job that is not paused is refused with a reason.
        const ProcessResult refused = cli({QStringLiteral("jobs"), QStringLiteral("resume"), QStringLiteral("--db"), db,
                                           QString::number(prepareId)});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(!refused.err.isEmpty());
    }

    // `jobs add deploy` adds the same chain, with the same layout, as a pipeline's deploy part
    // (buildDeployJobs): the GGUF named with the quantisation in lower case, fused/config.json as the fuse's
    // output, each job after the one before.
    void addDeployIsThePipelinesDeployChain()
    {
        const QString db = m_dir.filePath(QStringLiteral("deploy.sqlite"));
        const QString adapters = m_dir.filePath(QStringLiteral("adapters"));
        const QString outDir = m_dir.filePath(QStringLiteral("deployed"));
        const ProcessResult added = cli({QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("deploy"), QStringLiteral("--json"),
                                         QStringLiteral("--db"), db, QStringLiteral("--adapters"), adapters, QStringLiteral("--out"), outDir,
                                         QStringLiteral("--quant"), QStringLiteral("Q4_K_M"), QStringLiteral("--name"),
                                         QStringLiteral("trader-test:latest"), QStringLiteral("--llama-cpp"), QStringLiteral("/opt/llama.cpp")});
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(parseJsonLines(added.out).size(), 4);

        distill::DeployOptions options;
        options.adaptersDir = adapters;
        options.outDir = outDir;
        options.baseModel = distill::PipelineOptions().baseModel;
        options.quantization = QStringLiteral("Q4_K_M");
        options.studentName = QStringLiteral("trader-test:latest");
        options.commands.llamaCppDir = QStringLiteral("/opt/llama.cpp");
        const Result<QList<distill::JobSpec>> expected = distill::buildDeployJobs(options);
        QVERIFY(expected.ok());

        const QList<QJsonObject> jobs = list(db);
        QCOMPARE(jobs.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(jobs.at(i).value(QStringLiteral("kind")).toString(), distill::jobKindKey(expected->at(i).kind));
            QCOMPARE(jobs.at(i).value(QStringLiteral("params")).toObject(), expected->at(i).params);
            if (i > 0)
                QCOMPARE(jobs.at(i).value(QStringLiteral("depends_on")).toArray(),
                         QJsonArray{jobs.at(i - 1).value(QStringLiteral("id")).toInteger()});
        }
        const QJsonObject quantize = jobs.at(2).value(QStringLiteral("params")).toObject();
        QVERIFY2(QJsonDocument(quantize).toJson().contains("gguf/model-q4_k_m.gguf"), QJsonDocument(quantize).toJson().constData());
        const QJsonObject fuse = jobs.at(0).value(QStringLiteral("params")).toObject();
        QVERIFY2(QJsonDocument(fuse).toJson().contains("fused/config.json"), QJsonDocument(fuse).toJson().constData());

        // A quantisation llama-quantize does not know is a usage error that adds nothing.
        const ProcessResult refused = cli({QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("deploy"), QStringLiteral("--db"), db,
                                           QStringLiteral("--adapters"), adapters, QStringLiteral("--out"), outDir,
                                           QStringLiteral("--quant"), QStringLiteral("q4 k")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("quantization"), refused.err.constData());
        QCOMPARE(list(db).size(), 4);
    }

    // A job that cannot succeed fails with its reason; `jobs run` ends (exit 1) instead of waiting,
    // and the job that depended on it is reported blocked.
    void runEndsWithFailedAndBlockedJobs()
    {
        const QString db = m_dir.filePath(QStringLiteral("failing.sqlite"));
        ProcessResult added = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("prepare"),
                                   QStringLiteral("--db"), db, QStringLiteral("--from"), m_dir.filePath(QStringLiteral("nothing-here")),
                                   QStringLiteral("--out"), m_dir.filePath(QStringLiteral("dataset-f"))});
        QCOMPARE(added.exitCode, 0);
        const qint64 prepareId = parseJsonLines(added.out).value(0).value(QStringLiteral("id")).toInteger();
        added = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("finetune"),
                     QStringLiteral("--db"), db, QStringLiteral("--config"), m_dir.filePath(QStringLiteral("dataset-f/lora_config.yaml")),
                     QStringLiteral("--after"), QString::number(prepareId)});
        QCOMPARE(added.exitCode, 0);

        const ProcessResult run = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("--db"), db},
                                      120000);
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 1);
        const QList<QJsonObject> events = parseJsonLines(run.out);
        QVERIFY(!events.isEmpty());
        const QJsonObject end = events.last();
        QCOMPARE(end.value(QStringLiteral("event")).toString(), QStringLiteral("end"));
        QCOMPARE(end.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(end.value(QStringLiteral("blocked")).toInt(), 1);
        const QList<QJsonObject> jobs = list(db);
        QCOMPARE(jobs.at(0).value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY(!jobs.at(0).value(QStringLiteral("error")).toString().isEmpty());
        QCOMPARE(jobs.at(1).value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    }

    // The acceptance case: SIGKILL in the middle of teacher generation, then `jobs run` again.
    void teacherSurvivesSigkill()
    {
        LlmTestServer server(LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        // Slow streamed answers (~0.35 s each), so the kill lands mid-run; the first request gets a
        // 500 and the second a 429 with Retry-After, both retried by the job itself.
        LlmTestServer::Script answer = LlmTestServer::answer(kTeacherAnswer, 25);
        server.setDefault(answer);
        server.enqueue(LlmTestServer::failure(500));
        LlmTestServer::Script limited = LlmTestServer::failure(429);
        limited.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        server.enqueue(limited);

        const int samples = 14;
        const QString db = m_dir.filePath(QStringLiteral("teacher.sqlite"));
        const QString out = m_dir.filePath(QStringLiteral("teacher-out"));
        ProcessResult added = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("teacher"),
                                   QStringLiteral("--db"), db, QStringLiteral("--endpoint"), server.baseUrl().toString(),
                                   QStringLiteral("--model"), QStringLiteral("qwen/qwq-32b"), QStringLiteral("--data"), m_swaps,
                                   QStringLiteral("--samples"), QString::number(samples), QStringLiteral("--out"), out,
                                   QStringLiteral("--rpm"), QStringLiteral("6000"), QStringLiteral("--usd-per-mtok-in"),
                                   QStringLiteral("0.15"), QStringLiteral("--usd-per-mtok-out"), QStringLiteral("0.6")});
        QCOMPARE(added.exitCode, 0);
        const qint64 jobId = parseJsonLines(added.out).value(0).value(QStringLiteral("id")).toInteger();
        QVERIFY(jobId > 0);

        // First run: killed with SIGKILL once a few samples are stored.
        const QString finished = out + QStringLiteral("/teacher_data.jsonl");
        QProcess first;
        first.setProcessEnvironment(m_env);
        first.start(m_cli, {QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("--db"), db});
        QVERIFY(first.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(readJsonLinesFile(finished).size() >= 4 || first.state() == QProcess::NotRunning, 120000);
        QCOMPARE(first.state(), QProcess::Running);
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(10000));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);

        QSet<QString> storedBeforeKill;
        for (const QJsonObject &sample : readJsonLinesFile(finished))
            storedBeforeKill.insert(sample.value(QStringLiteral("prompt")).toString());
        QVERIFY2(storedBeforeKill.size() >= 4 && storedBeforeKill.size() < samples,
                 qPrintable(QStringLiteral("%1 samples stored before the kill").arg(storedBeforeKill.size())));
        // The process that ran it is gone, so the next look at the queue puts the job back in line.
        QCOMPARE(list(db).value(0).value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        const int requestsBeforeRestart = int(server.chatRequests().size());

        // Second run: the job is recovered and completes.
        QProcess second;
        second.setProcessEnvironment(m_env);
        second.start(m_cli, {QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("--db"), db});
        QVERIFY(second.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 180000);
        const QByteArray secondOut = second.readAllStandardOutput();
        const QByteArray secondErr = second.readAllStandardError();
        QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 0,
                 qPrintable(QString::fromUtf8(secondOut + secondErr)));

        const QList<QJsonObject> jobs = list(db);
        QCOMPARE(jobs.size(), 1);
        const QJsonObject job = jobs.first();
        QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QVERIFY(job.value(QStringLiteral("prompt_tokens")).toInteger() > 0);
        QVERIFY(job.value(QStringLiteral("completion_tokens")).toInteger() > 0);
        QVERIFY(job.value(QStringLiteral("cost_usd")).toDouble() > 0);

        // Every sample stored once, with the teacher's parsed answer.
        const QList<QJsonObject> stored = readJsonLinesFile(finished);
        QSet<qint64> ids;
        QSet<QString> prompts;
        for (const QJsonObject &sample : stored) {
            ids.insert(sample.value(QStringLiteral("sample_id")).toInteger());
            prompts.insert(sample.value(QStringLiteral("prompt")).toString());
            QCOMPARE(sample.value(QStringLiteral("action")).toString(), QStringLiteral("BUY 0.25 ETH"));
            QCOMPARE(sample.value(QStringLiteral("drafts")).toArray().size(), 3);
        }
        QCOMPARE(stored.size(), samples);
        QCOMPARE(ids.size(), samples);
        QCOMPARE(prompts.size(), samples);

        // No sample stored before the kill was requested again after it.
        const QList<QJsonObject> requests = server.chatRequests();
        for (int i = requestsBeforeRestart; i < requests.size(); ++i) {
            const QString prompt = promptOf(requests.at(i));
            QVERIFY2(!storedBeforeKill.contains(prompt),
                     qPrintable(QStringLiteral("request %1 asked again for a sample stored before the kill").arg(i)));
        }
        // And overall: each prompt was answered successfully once, except at most the one in flight
        // when the process was killed (its answer never reached the file).
        QHash<QString, int> perPrompt;
        for (int i = 2; i < requests.size(); ++i)   // the first two were the 500 and the 429
            ++perPrompt[promptOf(requests.at(i))];
        int repeated = 0;
        for (auto it = perPrompt.cbegin(); it != perPrompt.cend(); ++it) {
            QVERIFY(it.value() <= 2);
            repeated += it.value() - 1;
        }
        QVERIFY2(repeated <= 1, qPrintable(QStringLiteral("%1 samples requested twice").arg(repeated)));
        QCOMPARE(perPrompt.size(), samples);

        // The 429's Retry-After was honoured: the request after it came at least a second later.
        const QList<qint64> times = server.chatRequestTimes();
        QVERIFY(times.size() >= 3);
        QVERIFY2(times.at(2) - times.at(1) >= 950,
                 qPrintable(QStringLiteral("retried %1 ms after the 429").arg(times.at(2) - times.at(1))));

        // The raw answers are all kept, failures included.
        QVERIFY(readJsonLinesFile(out + QStringLiteral("/attempts.jsonl")).size() >= samples + 2);
        QVERIFY(QFile::exists(out + QStringLiteral("/teacher_data.json")));
    }

    // A trainer whose `jobs run` is killed with SIGKILL stops too (it would otherwise keep writing the
    // adapters the restarted job writes again), and the next `jobs run` trains again to the end.
    void trainerDiesWithItsQueueProcess()
    {
        const QString tools = qEnvironmentVariable("APEDESK_SOURCE_DIR") + QStringLiteral("/tests/distill_tools");
        const QString db = m_dir.filePath(QStringLiteral("trainer.sqlite"));
        QDir(m_dir.path()).mkpath(QStringLiteral("trainer"));
        const QString config = m_dir.filePath(QStringLiteral("trainer/lora_config.yaml"));
        const QString adapters = m_dir.filePath(QStringLiteral("trainer/adapters"));
        QFile yaml(config);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write(QStringLiteral("iters: 60\nsteps_per_report: 10\nsteps_per_eval: 30\nsave_every: 30\nadapter_path: %1\n")
                       .arg(adapters).toUtf8());
        yaml.close();
        ProcessResult added = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("add"), QStringLiteral("finetune"),
                                   QStringLiteral("--db"), db, QStringLiteral("--config"), config, QStringLiteral("--iters"),
                                   QStringLiteral("60"), QStringLiteral("--finetune-command"),
                                   tools + QStringLiteral("/mlx_lm.lora --config {config}")});
        QVERIFY2(added.exitCode == 0, added.err.constData());

        const QString pidFile = m_dir.filePath(QStringLiteral("trainer/pid"));
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("FAKE_PID_FILE"), pidFile);
        // Busy in one long step, printing nothing: only being told (not a broken pipe) can end it.
        env.insert(QStringLiteral("FAKE_BLOCK_SECONDS"), QStringLiteral("120"));
        QProcess first;
        first.setProcessEnvironment(env);
        first.start(m_cli, {QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("--db"), db});
        QVERIFY(first.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidFile) && QFileInfo(pidFile).size() > 0, 60000);
        QFile pidText(pidFile);
        QVERIFY(pidText.open(QIODevice::ReadOnly));
        const qint64 trainer = pidText.readAll().trimmed().toLongLong();
        QVERIFY(trainer > 0);
        QVERIFY(alive(trainer));
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!alive(trainer), 10000);

        env.remove(QStringLiteral("FAKE_BLOCK_SECONDS"));
        env.insert(QStringLiteral("FAKE_STEP_SLEEP"), QStringLiteral("0.02"));
        QProcess second;
        second.setProcessEnvironment(env);
        second.start(m_cli, {QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("--db"), db});
        QVERIFY(second.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 120000);
        QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());
        const QJsonObject job = list(db).value(0);
        QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QCOMPARE(job.value(QStringLiteral("result")).toObject().value(QStringLiteral("final_train_loss")).toDouble(), 0.5);
    }

    // A whole pipeline from a DQN export through the fake tools and a local Ollama server.
    void pipelineRunsToTheEnd()
    {
        LlmTestServer ollama(LlmTestServer::Protocol::Ollama);
        QVERIFY(ollama.listen());
        ollama.setDefault(LlmTestServer::answer(QStringLiteral("Momentum up.\nRECOMMENDATION: APE IN 0.1 ETH")));

        const QString dataset = m_dir.filePath(QStringLiteral("dqn.chat.jsonl"));
        writeDqnExport(dataset, 40);
        const QString tools = qEnvironmentVariable("APEDESK_SOURCE_DIR") + QStringLiteral("/tests/distill_tools");
        const QString db = m_dir.filePath(QStringLiteral("pipeline.sqlite"));
        const QString root = m_dir.filePath(QStringLiteral("pipelines"));
        ProcessResult added = cli({QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("add-pipeline"),
                                   QStringLiteral("--db"), db, QStringLiteral("--dqn-dataset"), dataset,
                                   QStringLiteral("--out"), root, QStringLiteral("--name"), QStringLiteral("cli-demo"),
                                   QStringLiteral("--iters"), QStringLiteral("30"), QStringLiteral("--ollama"), ollama.baseUrl().toString(),
                                   QStringLiteral("--finetune-command"), tools + QStringLiteral("/mlx_lm.lora --config {config}"),
                                   QStringLiteral("--fuse-command"),
                                   tools + QStringLiteral("/mlx_lm.fuse --model {model} --adapter-path {adapters} --save-path {fused}"),
                                   QStringLiteral("--convert-command"),
                                   tools + QStringLiteral("/convert_hf_to_gguf.py {fused} --outfile {gguf_f16} --outtype f16"),
                                   QStringLiteral("--quantize-command"), tools + QStringLiteral("/llama-quantize {gguf_f16} {gguf} {quant}"),
                                   QStringLiteral("--register-command"), tools + QStringLiteral("/ollama create {name} -f {modelfile}")});
        QVERIFY2(added.exitCode == 0, added.err.constData());
        const QList<QJsonObject> jobsAdded = parseJsonLines(added.out);
        QCOMPARE(jobsAdded.size(), 7);   // prepare, fine-tune, fuse, convert, quantise, register, evaluate
        QCOMPARE(jobsAdded.first().value(QStringLiteral("kind")).toString(), QStringLiteral("prepare"));
        QCOMPARE(jobsAdded.last().value(QStringLiteral("kind")).toString(), QStringLiteral("evaluate"));

        QProcess run;
        run.setProcessEnvironment(m_env);
        run.start(m_cli, {QStringLiteral("--json"), QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("--db"), db,
                          QStringLiteral("--progress")});
        QVERIFY(run.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(run.state() == QProcess::NotRunning, 240000);
        const QByteArray output = run.readAllStandardOutput();
        QVERIFY2(run.exitCode() == 0, qPrintable(QString::fromUtf8(output + run.readAllStandardError())));
        const QList<QJsonObject> events = parseJsonLines(output);
        bool sawProgress = false;
        for (const QJsonObject &event : events)
            sawProgress = sawProgress || event.value(QStringLiteral("event")).toString() == QLatin1String("progress");
        QVERIFY(sawProgress);
        QCOMPARE(events.last().value(QStringLiteral("done")).toInt(), 7);

        const QList<QJsonObject> jobs = list(db);
        for (const QJsonObject &job : jobs)
            QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        const QJsonObject evaluation = jobs.last().value(QStringLiteral("result")).toObject();
        const QJsonArray models = evaluation.value(QStringLiteral("models")).toArray();
        QCOMPARE(models.size(), 2);   // the student and the base model
        QCOMPARE(models.at(0).toObject().value(QStringLiteral("model")).toString(), QStringLiteral("trader-qwen:latest"));
        QCOMPARE(models.at(0).toObject().value(QStringLiteral("canary_share")).toDouble(), 1.0);
        QVERIFY(QFile::exists(root + QStringLiteral("/cli-demo/Modelfile")));
    }

private:
    // Running and not a zombie (this machine's PID 1 does not reap orphans).
    static bool alive(qint64 pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        const int close = text.lastIndexOf(')');
        return close > 0 && text.mid(close + 2, 1) != "Z";
    }

    ProcessResult cli(const QStringList &args, int timeoutMs = 60000) { return runProcess(m_cli, args, m_env, timeoutMs); }

    QList<QJsonObject> list(const QString &db)
    {
        const ProcessResult result = cli({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json"),
                                          QStringLiteral("--db"), db});
        if (result.exitCode != 0)
            qWarning() << result.err;
        return parseJsonLines(result.out);
    }

    QString steer(const QString &db, const QString &verb, qint64 id)
    {
        const ProcessResult result = cli({QStringLiteral("--json"), QStringLiteral("jobs"), verb, QStringLiteral("--db"), db,
                                          QString::number(id)});
        if (result.exitCode != 0) {
            qWarning() << verb << result.err;
            return {};
        }
        return parseJsonLines(result.out).value(0).value(QStringLiteral("state")).toString();
    }

    // The DQN trader's chat export (core/ml/rlexport.h): a user prompt and a canary answer per line.
    static void writeDqnExport(const QString &path, int examples)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        static const char *verdicts[] = {"APE IN", "APE OUT", "APE NEUTRAL"};
        for (int i = 0; i < examples; ++i) {
            const QString prompt = QStringLiteral("Given ETH price is $%1 with volume of %2 and volatility of 0.0%3, recent price "
                                                  "change of %4 ticks, and I currently hold 1.000 ETH and 2500.00 USDC, what "
                                                  "trading action should I take on Uniswap?")
                                       .arg(2400 + i)
                                       .arg(1000 + 7 * i)
                                       .arg(10 + i)
                                       .arg(i % 7 - 3);
            const QString answer = QStringLiteral("Q-values favour this move.\nRECOMMENDATION: %1").arg(QLatin1String(verdicts[i % 3]));
            const QJsonObject line{{QStringLiteral("messages"),
                                    QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), prompt}},
                                               QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                           {QStringLiteral("content"), answer}}}}};
            file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        }
    }

    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_swaps;
};

QTEST_GUILESS_MAIN(TestCliJobs)
#include "test_cli_jobs.moc"
