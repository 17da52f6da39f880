// The external-tool jobs (fine-tune, fuse, convert, quantise, register): the output parsers on lines
// in the real tools' formats, the line splitter, and runToolJob() driving the fake tools in
// tests/distill_tools (POSIX sh scripts that print the real formats): losses and progress, cancel
// that ends the child and its own child, failures with the tool's words, a missing program or output,
// the Modelfile, and the whole deploy chain of a built pipeline.

#include "distill/jobparams.h"
#include "distill/jobrunners.h"
#include "distill/pipeline.h"
#include "distill/tooljob.h"
#include "distill/toolprogress.h"
#include "jobtestcontext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>
#include <thread>

using namespace apedesk;
using namespace apedesk::distill;

namespace {

using Line = ToolLineSplitter::Line;

// Sets environment variables for one test and restores them.
class ScopedEnv
{
public:
    ScopedEnv(std::initializer_list<std::pair<const char *, QByteArray>> values)
    {
        for (const auto &value : values) {
            m_saved.append({value.first, qgetenv(value.first), qEnvironmentVariableIsSet(value.first)});
            qputenv(value.first, value.second);
        }
    }
    ~ScopedEnv()
    {
        for (const Saved &saved : m_saved) {
            if (saved.wasSet)
                qputenv(saved.name, saved.value);
            else
                qunsetenv(saved.name);
        }
    }

private:
    struct Saved
    {
        const char *name;
        QByteArray value;
        bool wasSet;
    };
    QList<Saved> m_saved;
};

// Running, and not a zombie waiting for a parent to reap it.
bool processRunning(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
}

qint64 readPid(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool writeText(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}

QList<QPair<double, double>> series(const QList<JobMetricPoint> &metrics, const QString &name)
{
    QList<QPair<double, double>> points;
    for (const JobMetricPoint &point : metrics)
        if (point.series == name)
            points.append({point.step, point.value});
    return points;
}

QStringList logsOf(const JobTestContext &context, JobLogStream stream)
{
    QStringList texts;
    for (const JobLogLine &line : context.logs())
        if (line.stream == stream)
            texts.append(line.text);
    return texts;
}

// The seed facts' LoRA schedule, shortened: 30 iterations, reports every 10, evaluation every 20.
QString writeConfig(const QString &dir, int iters = 30)
{
    const QString path = QDir(dir).filePath(QStringLiteral("dataset/lora_config.yaml"));
    const QString yaml = QStringLiteral("model: \"Qwen/Qwen2.5-3B\"\ntrain: true\nfine_tune_type: lora\n"
                                        "data: \"%1/dataset\"\niters: %2\nsteps_per_report: 10\nsteps_per_eval: 20\n"
                                        "save_every: 100\ntest: true\nadapter_path: \"%1/adapters\"\n")
                             .arg(dir)
                             .arg(iters);
    return writeText(path, yaml) ? path : QString();
}

JobOutcome runTool(JobTestContext &context)
{
    return runToolJob(context);
}

} // namespace

class TestToolJobs : public QObject
{
    Q_OBJECT
private:
    QString m_tools;

    QString tool(const char *name) const { return QDir(m_tools).filePath(QLatin1String(name)); }

    ToolParams fineTuneParams(const QString &dir, int iters = 30) const
    {
        ToolParams params;
        params.command = {tool("mlx_lm.lora"), QStringLiteral("--config"), writeConfig(dir, iters)};
        params.workingDirectory = dir;
        params.outputs = {QDir(dir).filePath(QStringLiteral("adapters/adapters.safetensors"))};
        params.totalIters = iters;
        return params;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tools = QFileInfo(QFINDTESTDATA("distill_tools/mlx_lm.lora")).absolutePath();
        if (m_tools.isEmpty() || !QFileInfo(tool("mlx_lm.lora")).isExecutable())
            m_tools = qEnvironmentVariable("APEDESK_SOURCE_DIR") + QStringLiteral("/tests/distill_tools");
        const QByteArray message = QByteArray("fake tools not found at ") + m_tools.toUtf8();
        QVERIFY2(QFileInfo(tool("mlx_lm.lora")).isExecutable(), message.constData());
    }

    // --- parsers, on lines as the real tools print them ---

    void parsesFineTuneLines()
    {
        const auto parse = [](const char *line) { return parseToolLine(JobKind::FineTune, QString::fromLatin1(line)); };
        QList<ToolEvent> events = parse("Iter 10: Train loss 2.100, Learning Rate 2.000e-05, It/sec 0.512, Tokens/sec 187.300, "
                                        "Trained Tokens 3651, Peak mem 7.842 GB");
        QCOMPARE(events.value(0), ToolEvent::loss(QStringLiteral("train_loss"), 10, 2.1));
        QCOMPARE(events.value(1), ToolEvent::iteration(10));
        QCOMPARE(events.value(2).type, ToolEvent::Type::Status);
        QVERIFY(events.value(2).text.contains(QLatin1String("2.100")));
        QVERIFY(events.contains(ToolEvent::figure(QStringLiteral("peak_mem_gb"), 7.842)));
        QVERIFY(events.contains(ToolEvent::figure(QStringLiteral("trained_tokens"), 3651)));
        QVERIFY(events.contains(ToolEvent::figure(QStringLiteral("it_per_sec"), 0.512)));
        // The older trainer's shorter line.
        events = parse("Iter 200: Train loss 1.234, It/sec 0.834, Tokens/sec 312.129");
        QCOMPARE(events.value(0), ToolEvent::loss(QStringLiteral("train_loss"), 200, 1.234));

        events = parse("Iter 1: Val loss 2.345, Val took 1.234s");
        QCOMPARE(events.value(0), ToolEvent::loss(QStringLiteral("val_loss"), 1, 2.345));
        QCOMPARE(events.value(1), ToolEvent::iteration(1));

        events = parse("Iter 100: Saved adapter weights to adapters/adapters.safetensors and adapters/0000100_adapters.safetensors.");
        QCOMPARE(events.value(0), ToolEvent::iteration(100));
        QCOMPARE(events.size(), 2);

        events = parse("Test loss 1.234, Test ppl 3.435.");
        QCOMPARE(events.value(0), ToolEvent::loss(QStringLiteral("test_loss"), -1, 1.234));
        QCOMPARE(events.value(1), ToolEvent::figure(QStringLiteral("test_ppl"), 3.435));

        events = parse("Starting training..., iters: 400");
        QCOMPARE(events.value(0), ToolEvent::iteration(0, 400));

        // A diverged run prints nan: still a loss event (the job keeps it out of the curve).
        events = parse("Iter 30: Train loss nan, Learning Rate 2.000e-04, It/sec 1.0");
        QCOMPARE(events.value(0).name, QStringLiteral("train_loss"));
        QVERIFY(std::isnan(events.value(0).value));

        QCOMPARE(parse("Loading pretrained model").value(0).type, ToolEvent::Type::Status);
        QCOMPARE(parse("Trainable parameters: 0.082% (2.621M/3212.750M)").value(0).type, ToolEvent::Type::Status);
        QVERIFY(parse("Fetching 9 files: 100%|##########| 9/9 [00:00<00:00, 9000.00it/s]").isEmpty());
        QVERIFY(parse("Iteration ten: train loss").isEmpty());
    }

    void parsesQuantizeLines()
    {
        const auto parse = [](const char *line) { return parseToolLine(JobKind::Quantize, QString::fromLatin1(line)); };
        QList<ToolEvent> events = parse("[   1/ 291]                    token_embd.weight - [ 2048, 151936,     1,     1], type =   bf16, "
                                        "converting to q4_K .. size =   593.50 MiB ->   166.92 MiB");
        QCOMPARE(events.value(0).type, ToolEvent::Type::Fraction);
        QCOMPARE(events.value(0).value, 1.0 / 291);
        QVERIFY(events.value(1).text.contains(QLatin1String("token_embd.weight")));
        events = parse("[ 291/ 291]                   output_norm.weight - [ 2048,     1,     1,     1], type =    f32, size =    0.008 MB");
        QCOMPARE(events.value(0), ToolEvent::fraction(1.0));
        QCOMPARE(parse("llama_model_quantize_impl: model size  =  5886.42 MB").value(0),
                 ToolEvent::figure(QStringLiteral("model_size_mib"), 5886.42));
        QCOMPARE(parse("llama_model_quantize_impl: quant size  =  1834.82 MiB (4.91 BPW)").value(0),
                 ToolEvent::figure(QStringLiteral("quant_size_mib"), 1834.82));
        QVERIFY(parse("main: quantizing 'model-f16.gguf' to 'model-q4_k_m.gguf' as Q4_K_M").value(0).text.contains(QLatin1String("Q4_K_M")));
        QVERIFY(parse("main: quantize time =  1234.56 ms").isEmpty());
    }

    void parsesConvertLines()
    {
        const auto parse = [](const QString &line) { return parseToolLine(JobKind::Convert, line); };
        QList<ToolEvent> events = parse(QStringLiteral("Writing:  42%|████▏     | 2.62G/6.17G [00:10<00:14, 250Mbyte/s]"));
        QCOMPARE(events.value(0), ToolEvent::fraction(0.42));
        QVERIFY(events.value(1).text.contains(QLatin1String("2.62G")));
        QVERIFY(events.value(1).text.contains(QLatin1String("6.17G")));
        QCOMPARE(parse(QStringLiteral("INFO:hf-to-gguf:Loading model: fused")).value(0),
                 ToolEvent::status(QStringLiteral("Loading model: fused")));
        QVERIFY(parse(QStringLiteral("INFO:hf-to-gguf:blk.0.attn_q.weight,    torch.bfloat16 --> F16, shape = {2048, 2048}")).isEmpty());
        events = parse(QStringLiteral("INFO:hf-to-gguf:Model successfully exported to gguf/model-f16.gguf"));
        QCOMPARE(events.value(0), ToolEvent::fraction(1.0));
    }

    void parsesRegisterAndFuseLines()
    {
        QList<ToolEvent> events = parseToolLine(JobKind::Register, QStringLiteral("writing manifest"));
        QCOMPARE(events.value(0), ToolEvent::fraction(0.9));
        QCOMPARE(events.value(1), ToolEvent::status(QStringLiteral("writing manifest")));
        QCOMPARE(parseToolLine(JobKind::Register, QStringLiteral("success")).value(0), ToolEvent::fraction(1.0));
        QCOMPARE(parseToolLine(JobKind::Register, QStringLiteral("transferring model data 100%")).value(0).type, ToolEvent::Type::Fraction);
        QVERIFY(parseToolLine(JobKind::Register, QStringLiteral("Error: something")).isEmpty());
        QCOMPARE(parseToolLine(JobKind::Fuse, QStringLiteral("Loading pretrained model")).value(0).type, ToolEvent::Type::Status);
        QVERIFY(parseToolLine(JobKind::Evaluate, QStringLiteral("Iter 1: Val loss 2.0")).isEmpty());
    }

    void cleansTerminalText()
    {
        QCOMPARE(cleanToolText(QStringLiteral("\x1b[?25l\x1b[?2026h\x1b[1Gpulling manifest ⠋ \x1b[K")), QStringLiteral("pulling manifest"));
        QCOMPARE(cleanToolText(QStringLiteral("\x1b[32mgreen\x1b[0m\ttab\x07")), QStringLiteral("green tab"));
        QCOMPARE(cleanToolText(QStringLiteral("\x1b]0;title\x07text")), QStringLiteral("text"));
        QCOMPARE(cleanToolText(QStringLiteral("Writing: 100%|██████████|")), QStringLiteral("Writing: 100%|██████████|"));
    }

    void splitsLines()
    {
        ToolLineSplitter splitter;
        QCOMPARE(splitter.feed("one\ntw"), (QList<Line>{{QStringLiteral("one"), false}}));
        QCOMPARE(splitter.feed("o\r\nthree"), (QList<Line>{{QStringLiteral("two"), false}}));
        // tqdm: each redraw starts with \r; only the last, ended by \n, is a lasting line.
        QCOMPARE(splitter.feed("\rWriting:  50%\rWriting: 100%\n"),
                 (QList<Line>{{QStringLiteral("three"), true}, {QStringLiteral("Writing:  50%"), true}, {QStringLiteral("Writing: 100%"), false}}));
        // "\r\n" split between two reads is one line end.
        QCOMPARE(splitter.feed("crlf\r"), QList<Line>{});
        QCOMPARE(splitter.feed("\nnext"), (QList<Line>{{QStringLiteral("crlf"), false}}));
        QCOMPARE(splitter.finish(), (QList<Line>{{QStringLiteral("next"), false}}));
        QCOMPARE(splitter.finish(), QList<Line>{});
        // Empty lines (or escapes only) are dropped; UTF-8 split across reads survives.
        QCOMPARE(splitter.feed("\n\x1b[K\n\xe2\x96"), QList<Line>{});
        QCOMPARE(splitter.feed("\x88\n"), (QList<Line>{{QStringLiteral("█"), false}}));
        // A line that never ends is cut at the limit.
        const QList<Line> cut = splitter.feed(QByteArray(ToolLineSplitter::kMaxLineBytes + 10, 'x'));
        QCOMPARE(cut.size(), 1);
        QCOMPARE(cut.first().text.size(), ToolLineSplitter::kMaxLineBytes);
        QCOMPARE(splitter.finish().value(0).text.size(), 10);
    }

    // --- runToolJob with the fake tools ---

    void fineTuneReportsLossesProgressAndResult()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ScopedEnv env{{"FAKE_STEP_SLEEP", "0.1"}};
        JobTestContext context(JobKind::FineTune, fineTuneParams(dir.path()).toJson());
        const JobOutcome outcome = runToolJob(context);
        const QByteArray why = outcome.error.toString().toUtf8();
        QVERIFY2(outcome.end == JobOutcome::End::Done, why.constData());

        // Exactly the values the fake printed (train 2.000 − 1.5·i/30, val 2.100 − 1.5·i/30).
        const QList<JobMetricPoint> metrics = context.metrics();
        QCOMPARE(series(metrics, QStringLiteral("train_loss")), (QList<QPair<double, double>>{{10, 1.5}, {20, 1.0}, {30, 0.5}}));
        QCOMPARE(series(metrics, QStringLiteral("val_loss")), (QList<QPair<double, double>>{{1, 2.05}, {20, 1.1}, {30, 0.6}}));
        QCOMPARE(series(metrics, QStringLiteral("test_loss")), (QList<QPair<double, double>>{{30, 0.65}}));

        const QList<JobTestContext::Progress> progress = context.progressCalls();
        QVERIFY(progress.size() >= 5);
        bool midway = false;
        bool eta = false;
        for (qsizetype i = 1; i < progress.size(); ++i) {
            QVERIFY2(progress[i].fraction >= progress[i - 1].fraction, qPrintable(QString::number(i)));
            midway = midway || (progress[i].fraction > 0 && progress[i].fraction < 1);
            eta = eta || (progress[i].fraction < 1 && progress[i].etaSeconds >= 0);
        }
        QVERIFY(midway);
        QVERIFY(eta);
        QCOMPARE(progress.last().fraction, 1.0);
        bool trainText = false;
        for (const auto &call : progress)
            trainText = trainText || call.text.contains(QLatin1String("Iter 20: train loss 1.000"));
        QVERIFY(trainText);

        QCOMPARE(outcome.result.value(QStringLiteral("exit_code")).toInt(-1), 0);
        QCOMPARE(outcome.result.value(QStringLiteral("final_train_loss")).toDouble(), 0.5);
        QCOMPARE(outcome.result.value(QStringLiteral("final_val_loss")).toDouble(), 0.6);
        QCOMPARE(outcome.result.value(QStringLiteral("test_loss")).toDouble(), 0.65);
        QCOMPARE(outcome.result.value(QStringLiteral("test_ppl")).toDouble(), 1.916);
        QCOMPARE(outcome.result.value(QStringLiteral("iterations")).toInt(), 30);
        QCOMPARE(outcome.result.value(QStringLiteral("peak_mem_gb")).toDouble(), 7.842);
        QCOMPARE(outcome.result.value(QStringLiteral("outputs")).toArray().first().toString(),
                 dir.filePath(QStringLiteral("adapters/adapters.safetensors")));
        QVERIFY(outcome.result.value(QStringLiteral("output_bytes")).toDouble() > 0);

        const QStringList out = logsOf(context, JobLogStream::Out);
        QVERIFY(out.contains(QStringLiteral("Iter 10: Train loss 1.500, Learning Rate 2.000e-04, It/sec 0.512, Tokens/sec 187.300, "
                                            "Trained Tokens 3651, Peak mem 7.842 GB")));
        QVERIFY(out.contains(QStringLiteral("Starting training..., iters: 30")));
        // The download bar's redraw is parsed, not logged; its last state is.
        const QStringList err = logsOf(context, JobLogStream::Err);
        QVERIFY(err.contains(QStringLiteral("Fetching 9 files: 100%|##########| 9/9 [00:00<00:00, 9000.00it/s]")));
        QVERIFY(!err.join(QLatin1Char('\n')).contains(QLatin1String("0/9")));
        QVERIFY(logsOf(context, JobLogStream::Info).value(0).startsWith(QLatin1String("$ ") + tool("mlx_lm.lora")));
    }

    // Lines that arrive in one read carry no measurable rate: the trainer's It/sec gives the ETA.
    void etaFromTheTrainersSpeed()
    {
        ToolParams params;
        params.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("printf 'Starting training..., iters: 30\\nIter 10: Train loss 1.000, It/sec 2.000\\n'")};
        JobTestContext context(JobKind::FineTune, params.toJson());
        QCOMPARE(runToolJob(context).end, JobOutcome::End::Done);
        bool eta = false;
        for (const auto &call : context.progressCalls())
            eta = eta || (qFuzzyCompare(call.fraction, 1.0 / 3) && call.etaSeconds >= 0);
        QVERIFY(eta);
    }

    // The queue runs each job on a thread of its own, which may have no event loop.
    void runsOnAPlainThread()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        static QMutex warningsMutex;
        static QStringList warnings;
        warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &text) {
            if (type == QtWarningMsg || type == QtCriticalMsg) {
                const QMutexLocker lock(&warningsMutex);
                warnings.append(text);
            }
        });
        const ScopedEnv env{{"FAKE_STEP_SLEEP", "0.01"}};
        JobTestContext context(JobKind::FineTune, fineTuneParams(dir.path(), 20).toJson());
        JobOutcome outcome;
        std::thread worker([&context, &outcome] { outcome = runTool(context); });
        worker.join();
        qInstallMessageHandler(previous);
        QCOMPARE(outcome.end, JobOutcome::End::Done);
        QCOMPARE(series(context.metrics(), QStringLiteral("train_loss")).size(), 2);
        const QMutexLocker lock(&warningsMutex);
        const QByteArray seen = warnings.join(QLatin1Char('\n')).toUtf8();
        QVERIFY2(warnings.isEmpty(), seen.constData());
    }

    void cancelEndsTheToolAndWhatItStarted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pidFile = dir.filePath(QStringLiteral("tool.pid"));
        const QString childFile = dir.filePath(QStringLiteral("child.pid"));
        const ScopedEnv env{{"FAKE_ITERS", "100000"}, {"FAKE_PID_FILE", pidFile.toUtf8()}, {"FAKE_CHILD_PID_FILE", childFile.toUtf8()}};
        JobTestContext context(JobKind::FineTune, fineTuneParams(dir.path()).toJson());
        // Cancel once training is under way (a loss point has arrived).
        context.cancelWhen([](const JobTestContext &c) { return !c.metricsUnlocked().isEmpty(); });
        const JobOutcome outcome = runToolJob(context);
        QCOMPARE(outcome.end, JobOutcome::End::Canceled);
        const qint64 pid = readPid(pidFile);
        const qint64 child = readPid(childFile);
        QVERIFY(pid > 0);
        QVERIFY(child > 0);
        QVERIFY(!processRunning(pid));
        // The grandchild got the group's SIGTERM too (the fake leaves it running when it exits).
        QTRY_VERIFY_WITH_TIMEOUT(!processRunning(child), 10000);
        QVERIFY(logsOf(context, JobLogStream::Info).join(QLatin1Char('\n')).contains(QLatin1String("Canceled")));
    }

    void cancelKillsAToolThatIgnoresTerm()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pidFile = dir.filePath(QStringLiteral("tool.pid"));
        const QString childFile = dir.filePath(QStringLiteral("child.pid"));
        const ScopedEnv env{{"FAKE_ITERS", "100000"}, {"FAKE_IGNORE_TERM", "1"}, {"FAKE_PID_FILE", pidFile.toUtf8()},
                            {"FAKE_CHILD_PID_FILE", childFile.toUtf8()}};
        ToolParams params = fineTuneParams(dir.path());
        params.terminateGraceMs = 300;
        JobTestContext context(JobKind::FineTune, params.toJson());
        context.cancelWhen([](const JobTestContext &c) { return !c.metricsUnlocked().isEmpty(); });
        const JobOutcome outcome = runToolJob(context);
        QCOMPARE(outcome.end, JobOutcome::End::Canceled);
        QVERIFY(!processRunning(readPid(pidFile)));
        QTRY_VERIFY_WITH_TIMEOUT(!processRunning(readPid(childFile)), 10000);
        QVERIFY(logsOf(context, JobLogStream::Info).join(QLatin1Char('\n')).contains(QLatin1String("killing it")));
    }

    void cancelBeforeStartRunsNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pidFile = dir.filePath(QStringLiteral("tool.pid"));
        const ScopedEnv env{{"FAKE_PID_FILE", pidFile.toUtf8()}};
        JobTestContext context(JobKind::FineTune, fineTuneParams(dir.path()).toJson());
        context.cancel();
        QCOMPARE(runToolJob(context).end, JobOutcome::End::Canceled);
        QVERIFY(!QFile::exists(pidFile));
    }

    void failureCarriesTheToolsError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ScopedEnv env{{"FAKE_FAIL", "1"}};
        JobTestContext context(JobKind::FineTune, fineTuneParams(dir.path()).toJson());
        const JobOutcome outcome = runToolJob(context);
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        const QByteArray message = outcome.error.toString().toUtf8();
        QVERIFY2(outcome.error.message.contains(QLatin1String("exit code 1")), message.constData());
        QVERIFY2(outcome.error.message.contains(QLatin1String("ValueError: Training set not found or empty")), message.constData());
        QVERIFY2(outcome.error.detail.contains(QLatin1String("Traceback (most recent call last):")), message.constData());
        QVERIFY(logsOf(context, JobLogStream::Err).contains(
            QStringLiteral("ValueError: Training set not found or empty. Must provide training set for fine-tuning.")));
    }

    void missingProgramSaysWhatToInstall()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ToolParams params = fineTuneParams(dir.path());
        params.command[0] = QStringLiteral("mlx_lm.lora-not-installed-here");
        JobTestContext onPath(JobKind::FineTune, params.toJson());
        JobOutcome outcome = runToolJob(onPath);
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QCOMPARE(outcome.error.message, QStringLiteral("mlx_lm.lora-not-installed-here was not found on PATH; install mlx-lm "
                                                       "(pip install mlx-lm) or change the fine-tune command in Settings."));

        params.command[0] = dir.filePath(QStringLiteral("nowhere/llama-quantize"));
        JobTestContext absolute(JobKind::Quantize, params.toJson());
        outcome = runToolJob(absolute);
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.startsWith(params.command[0] + QStringLiteral(" does not exist")));
        QVERIFY(outcome.error.message.contains(QLatin1String("install llama.cpp")));

        // An interpreter starts fine without its script; the job names the script instead.
        params.command = {QStringLiteral("sh"), dir.filePath(QStringLiteral("llama.cpp/convert_hf_to_gguf.py")), QStringLiteral("fused")};
        JobTestContext script(JobKind::Convert, params.toJson());
        outcome = runToolJob(script);
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(dir.filePath(QStringLiteral("llama.cpp/convert_hf_to_gguf.py"))));
        QVERIFY(outcome.error.message.contains(QLatin1String("llama.cpp folder")));

        params.command = {};
        JobTestContext empty(JobKind::Fuse, params.toJson());
        QCOMPARE(runToolJob(empty).end, JobOutcome::End::Failed);
    }

    void missingOutputFails()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ScopedEnv env{{"FAKE_NO_OUTPUT", "1"}, {"FAKE_STEP_SLEEP", "0.01"}};
        JobTestContext context(JobKind::FineTune, fineTuneParams(dir.path()).toJson());
        const JobOutcome outcome = runToolJob(context);
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QCOMPARE(outcome.error.message, QStringLiteral("mlx_lm.lora finished but did not produce %1.")
                                            .arg(dir.filePath(QStringLiteral("adapters/adapters.safetensors"))));
    }

    void foreignSignalIsRetriedLater()
    {
        ToolParams params;
        params.command = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo dying >&2; kill -KILL $$")};
        JobTestContext context(JobKind::Quantize, params.toJson());
        const JobOutcome outcome = runToolJob(context);
        QCOMPARE(outcome.end, JobOutcome::End::RetryLater);
        QVERIFY(outcome.error.detail.contains(QLatin1String("dying")));
    }

    void deployToolsRunAndLog()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString adapters = dir.filePath(QStringLiteral("adapters"));
        QVERIFY(writeText(adapters + QStringLiteral("/adapters.safetensors"), QStringLiteral("fake")));
        const QString fused = dir.filePath(QStringLiteral("fused"));
        const QString f16 = dir.filePath(QStringLiteral("gguf/model-f16.gguf"));
        const QString q4 = dir.filePath(QStringLiteral("gguf/model-q4_k_m.gguf"));
        const QString modelfile = dir.filePath(QStringLiteral("Modelfile"));
        const QString models = dir.filePath(QStringLiteral("ollama-models.txt"));
        const ScopedEnv env{{"FAKE_OLLAMA_MODELS", models.toUtf8()}};

        ToolParams fuse;
        fuse.command = {tool("mlx_lm.fuse"), QStringLiteral("--model"), QStringLiteral("Qwen/Qwen2.5-3B"), QStringLiteral("--adapter-path"),
                        adapters, QStringLiteral("--save-path"), fused};
        fuse.outputs = {fused + QStringLiteral("/config.json")};
        JobTestContext fuseContext(JobKind::Fuse, fuse.toJson());
        QCOMPARE(runToolJob(fuseContext).end, JobOutcome::End::Done);
        QVERIFY(logsOf(fuseContext, JobLogStream::Out).contains(QStringLiteral("Loading pretrained model")));

        ToolParams convert;
        convert.command = {QStringLiteral("sh"), tool("convert_hf_to_gguf.py"), fused, QStringLiteral("--outfile"), f16,
                           QStringLiteral("--outtype"), QStringLiteral("f16")};
        convert.outputs = {f16};
        JobTestContext convertContext(JobKind::Convert, convert.toJson());
        const JobOutcome converted = runToolJob(convertContext);
        QCOMPARE(converted.end, JobOutcome::End::Done);
        QVERIFY(QFileInfo(f16).size() > 0);
        QList<double> fractions;
        for (const auto &call : convertContext.progressCalls())
            fractions.append(call.fraction);
        QVERIFY(fractions.contains(0.25));
        QVERIFY(fractions.contains(0.5));
        QCOMPARE(fractions.last(), 1.0);
        const QStringList convertErr = logsOf(convertContext, JobLogStream::Err);
        QVERIFY(convertErr.contains(QStringLiteral("INFO:hf-to-gguf:Model successfully exported to ") + f16));
        QVERIFY(convertErr.contains(QStringLiteral("Writing: 100%|##########| 6.17G/6.17G [00:04<00:00, 1.23Gbyte/s]")));
        QVERIFY(!convertErr.join(QLatin1Char('\n')).contains(QLatin1String("Writing:  50%")));
        QCOMPARE(toolDisplayName(convert.command), QStringLiteral("convert_hf_to_gguf.py"));

        ToolParams quantize;
        quantize.command = {tool("llama-quantize"), f16, q4, QStringLiteral("q4_k_m")};
        quantize.outputs = {q4};
        JobTestContext quantizeContext(JobKind::Quantize, quantize.toJson());
        const JobOutcome quantized = runToolJob(quantizeContext);
        QCOMPARE(quantized.end, JobOutcome::End::Done);
        QCOMPARE(quantized.result.value(QStringLiteral("model_size_mib")).toDouble(), 5886.42);
        QCOMPARE(quantized.result.value(QStringLiteral("quant_size_mib")).toDouble(), 1834.82);
        const QList<JobTestContext::Progress> quantizeProgress = quantizeContext.progressCalls();
        bool tensorSix = false;
        for (const auto &call : quantizeProgress)
            tensorSix = tensorSix || (call.fraction == 0.5 && call.text.contains(QLatin1String("Tensor 6 of 12")));
        QVERIFY(tensorSix);
        QVERIFY(logsOf(quantizeContext, JobLogStream::Err).contains(QStringLiteral("main: quantizing '%1' to '%2' as Q4_K_M").arg(f16, q4)));

        ToolParams registerModel;
        registerModel.command = {tool("ollama"), QStringLiteral("create"), QStringLiteral("trader-qwen:latest"), QStringLiteral("-f"), modelfile};
        registerModel.modelfilePath = modelfile;
        registerModel.ggufPath = q4;
        registerModel.modelName = QStringLiteral("trader-qwen:latest");
        JobTestContext registerContext(JobKind::Register, registerModel.toJson());
        const JobOutcome registered = runToolJob(registerContext);
        QVERIFY2(registered.end == JobOutcome::End::Done, qPrintable(registered.error.toString()));
        QCOMPARE(readText(models), QStringLiteral("trader-qwen:latest\n"));
        // Seed facts §6's Modelfile: the tutorial's parameters and no system prompt.
        const QString text = readText(modelfile);
        QCOMPARE(text, QStringLiteral("FROM %1\n\nPARAMETER temperature 0.3\nPARAMETER top_p 0.9\nPARAMETER top_k 40\n"
                                      "PARAMETER repeat_penalty 1.1\nPARAMETER num_ctx 4096\n").arg(q4));
        QVERIFY(!text.contains(QLatin1String("SYSTEM")));
        // Ollama redraws each stage with a spinner and escapes: logged once each, cleaned.
        const QStringList registerErr = logsOf(registerContext, JobLogStream::Err);
        QCOMPARE(registerErr.count(QStringLiteral("gathering model components")), 1);
        QVERIFY(registerErr.contains(QStringLiteral("success")));
        QVERIFY(!registerErr.join(QString()).contains(QChar(0x1b)));
        QCOMPARE(registerContext.progressCalls().last().fraction, 1.0);
        QCOMPARE(registered.result.value(QStringLiteral("model_name")).toString(), QStringLiteral("trader-qwen:latest"));
    }

    void registerNeedsTheQuantisedModel()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ToolParams params;
        params.command = {tool("ollama"), QStringLiteral("create"), QStringLiteral("x"), QStringLiteral("-f"), dir.filePath(QStringLiteral("Modelfile"))};
        params.modelfilePath = dir.filePath(QStringLiteral("Modelfile"));
        params.ggufPath = dir.filePath(QStringLiteral("gguf/missing.gguf"));
        JobTestContext context(JobKind::Register, params.toJson());
        const JobOutcome outcome = runToolJob(context);
        QCOMPARE(outcome.end, JobOutcome::End::Failed);
        QVERIFY(outcome.error.message.contains(params.ggufPath));
        QVERIFY(outcome.error.message.contains(QLatin1String("quantise")));
        QVERIFY(!QFile::exists(params.modelfilePath));
    }

    // A built pipeline whose commands point at the fake tools runs its tool jobs in order (the
    // dataset is written here in place of the prepare job).
    void builtPipelineRunsOnTheFakeTools()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dqn = dir.filePath(QStringLiteral("export.chat.jsonl"));
        QVERIFY(writeText(dqn, QStringLiteral("{}\n")));
        PipelineOptions options;
        options.name = QStringLiteral("fake run");
        options.rootDir = dir.path();
        options.dqnDataset = dqn;
        options.iters = 20;
        options.evaluate = false;
        options.commands.fineTune = tool("mlx_lm.lora") + QStringLiteral(" --config {config}");
        options.commands.fuse = tool("mlx_lm.fuse") + QStringLiteral(" --model {model} --adapter-path {adapters} --save-path {fused}");
        options.commands.convert = QStringLiteral("sh {llama_cpp}/convert_hf_to_gguf.py {fused} --outfile {gguf_f16} --outtype f16");
        options.commands.llamaCppDir = m_tools;
        options.commands.quantize = tool("llama-quantize") + QStringLiteral(" {gguf_f16} {gguf} {quant}");
        options.commands.registerModel = tool("ollama") + QStringLiteral(" create {name} -f {modelfile}");
        const Result<PipelineSpec> pipeline = buildPipeline(options);
        QVERIFY2(pipeline.ok(), pipeline.ok() ? "" : qPrintable(pipeline.error().toString()));
        const QString root = dir.filePath(QStringLiteral("fake run"));
        QVERIFY(!writeConfig(root, 20).isEmpty());

        const ScopedEnv env{{"FAKE_STEP_SLEEP", "0.01"}};
        QList<JobKind> ran;
        for (const JobSpec &spec : pipeline->jobs) {
            if (spec.kind == JobKind::Prepare)
                continue;
            JobRecord record;
            record.id = ran.size() + 1;
            record.kind = spec.kind;
            record.params = spec.params;
            JobTestContext context(record);
            const JobOutcome outcome = defaultRunner(spec.kind)(context);
            const QByteArray why = (spec.title + QStringLiteral(": ") + outcome.error.toString()).toUtf8();
            QVERIFY2(outcome.end == JobOutcome::End::Done, why.constData());
            ran.append(spec.kind);
        }
        QCOMPARE(ran, (QList<JobKind>{JobKind::FineTune, JobKind::Fuse, JobKind::Convert, JobKind::Quantize, JobKind::Register}));
        QVERIFY(QFileInfo(root + QStringLiteral("/gguf/model-q4_k_m.gguf")).isFile());
        QVERIFY(readText(root + QStringLiteral("/Modelfile")).startsWith(QStringLiteral("FROM \"") + root + QStringLiteral("/gguf/model-q4_k_m.gguf\"\n")));
    }
};

QTEST_GUILESS_MAIN(TestToolJobs)
#include "test_tool_jobs.moc"
