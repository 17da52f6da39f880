// The "Distillation jobs" pane. First its parts on their own: the job table merging snapshots in place
// (inserts, moves, removals, dataChanged; never a reset; a persistent index follows its job) under
// QAbstractItemModelTester, its cell texts (cost with 4 decimals below a dollar, ETA, retry time), the
// evaluation table side by side per model (counts or shares in the action mix, the best bold), the
// toolbar's enabled actions per state, the Add pipeline dialog's inline validation and the pipeline it
// accepts, the log view's stderr tint and de-duplication, the loss chart's restarts, object names.
// Then live: a Core with a JobQueueService on a temporary database runs a pipeline through the queue
// with runners injected here (they report progress, logs, tokens and train/val loss like the real
// ones, and the fine-tune waits half-way until the test lets it go): rows appear, progress rises,
// Pause / Resume / Cancel / Retry / Move / Remove / Stop queue act on the selected job, the loss chart
// holds the stored metrics, the log shows the lines, the evaluation tab fills. Screenshots go to
// $APEDESK_BUILD_DIR/screenshots/.

#include "common/paths.h"
#include "common/settings.h"
#include "core.h"
#include "distill/addpipelinedialog.h"
#include "distill/distillationpane.h"
#include "distill/distillstyle.h"
#include "distill/evaluationmodel.h"
#include "distill/evaluationpage.h"
#include "distill/jobdetailstabs.h"
#include "distill/jobinfoview.h"
#include "distill/jobqueueservice.h"
#include "distill/joblogview.h"
#include "distill/joblosschart.h"
#include "distill/jobqueuetoolbar.h"
#include "distill/jobtablemodel.h"
#include "distill/jobparams.h"
#include "llmtestserver.h"
#include "queuedspy.h"
#include "widgets/charts/linechartview.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QThread>
#include <QToolButton>

#include <atomic>
#include <cmath>
#include <memory>

using namespace apedesk;
using distill::JobKind;
using distill::JobRecord;
using distill::JobState;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

JobRecord record(qint64 id, JobKind kind, JobState state, double progress = 0, const QString &title = {})
{
    JobRecord job;
    job.id = id;
    job.kind = kind;
    job.state = state;
    job.progress = progress;
    job.title = title;
    job.pipeline = QStringLiteral("p1");
    job.maxAttempts = 3;
    return job;
}

QJsonObject modelFigures(const QString &model, int examples, int answered, double canary, double agreement,
                         const QJsonObject &mix, double latency)
{
    return {{QStringLiteral("model"), model},
            {QStringLiteral("examples"), examples},
            {QStringLiteral("answered"), answered},
            {QStringLiteral("failed"), examples - answered},
            {QStringLiteral("canary_share"), canary},
            {QStringLiteral("agreement"), agreement},
            {QStringLiteral("action_mix"), mix},
            {QStringLiteral("mean_latency_ms"), latency}};
}

QJsonObject mix(double in, double out, double neutral, double other)
{
    return {{QStringLiteral("ape_in"), in}, {QStringLiteral("ape_out"), out}, {QStringLiteral("ape_neutral"), neutral},
            {QStringLiteral("other"), other}};
}

// An evaluate job's result as the evaluation runner writes it: the student beside the base model.
QJsonObject evaluationResult()
{
    return {{QStringLiteral("models"),
             QJsonArray{modelFigures(QStringLiteral("trader-qwen:latest"), 10, 10, 0.9, 0.7, mix(4, 3, 2, 1), 812),
                        modelFigures(QStringLiteral("qwen2.5:3b"), 10, 9, 0.2, 0.3, mix(1, 0, 1, 7), 655)}}};
}

// Runners the test steers. Each reports progress, log lines and (the teacher) paid usage like the real
// ones; the fine-tune reports train_loss every step and val_loss every 5th, waits before its middle
// step while `hold` is set, and after a pause resumes at the step it reached, as mlx_lm does from its
// saved adapters. The "blocker" (a Convert job) runs until it is canceled or paused.
struct TestRunners
{
    static constexpr int kFineTuneSteps = 40;
    static constexpr int kItersPerStep = 10;
    std::atomic<bool> hold{true};
    std::atomic<bool> atHold{false};
    std::atomic<int> fineTuneStep{0};
    std::atomic<int> fineTuneRuns{0};
    std::atomic<int> blockerRuns{0};

    static double trainLoss(int step) { return 0.35 + 2.2 * std::exp(-step / 12.0); }

    static distill::RunnerLookup lookup(const std::shared_ptr<TestRunners> &self)
    {
        return [self](JobKind kind) -> distill::JobRunner {
            switch (kind) {
            case JobKind::Teacher: return [](distill::JobContext &c) { return teacher(c); };
            case JobKind::FineTune: return [self](distill::JobContext &c) { return self->fineTune(c); };
            case JobKind::Evaluate: return [](distill::JobContext &c) { return evaluate(c); };
            case JobKind::Convert: return [self](distill::JobContext &c) { return self->blocker(c); };
            default: return [](distill::JobContext &c) { return quick(c); };
            }
        };
    }

    static distill::JobOutcome teacher(distill::JobContext &c)
    {
        constexpr int samples = 8;
        for (int i = 1; i <= samples; ++i) {
            if (c.canceled())
                return distill::JobOutcome::canceled();
            QThread::msleep(40);
            c.usage(420, 180, 0.00037);
            c.log(QStringLiteral("sample %1: APE IN 0.5 ETH").arg(i), distill::JobLogStream::Out);
            c.progress(double(i) / samples, QStringLiteral("Sample %1 of %2").arg(i).arg(samples), (samples - i) / 10);
        }
        return distill::JobOutcome::done({{QStringLiteral("samples"), samples}});
    }

    static distill::JobOutcome quick(distill::JobContext &c)
    {
        for (int i = 1; i <= 4; ++i) {
            if (c.canceled())
                return distill::JobOutcome::canceled();
            QThread::msleep(30);
            c.log(QStringLiteral("step %1 of 4").arg(i), distill::JobLogStream::Out);
            c.progress(i / 4.0, QStringLiteral("Step %1 of 4").arg(i));
        }
        return distill::JobOutcome::done({{QStringLiteral("ok"), true}});
    }

    distill::JobOutcome fineTune(distill::JobContext &c)
    {
        ++fineTuneRuns;
        c.log(QStringLiteral("mlx_lm.lora --config lora_config.yaml"), distill::JobLogStream::Out);
        for (int step = fineTuneStep + 1; step <= kFineTuneSteps; ++step) {
            if (step == kFineTuneSteps / 2 + 1) {
                atHold = hold.load();
                while (hold && !c.canceled())
                    QThread::msleep(10);
                atHold = false;
            }
            if (c.canceled())
                return distill::JobOutcome::canceled();
            QThread::msleep(30);
            const int iter = step * kItersPerStep;
            const double loss = trainLoss(step);
            c.metric(QStringLiteral("train_loss"), iter, loss);
            c.log(QStringLiteral("Iter %1: Train loss %2, Learning Rate 2.000e-04, It/sec 3.1").arg(iter).arg(loss, 0, 'f', 3),
                  distill::JobLogStream::Out);
            if (step % 5 == 0) {
                c.metric(QStringLiteral("val_loss"), iter, loss + 0.12);
                c.log(QStringLiteral("Iter %1: Val loss %2, Val took 1.2s").arg(iter).arg(loss + 0.12, 0, 'f', 3),
                      distill::JobLogStream::Out);
            }
            if (step % 10 == 0)
                c.log(QStringLiteral("[WARNING] tokenizer: sequence longer than max_seq_length, truncating"),
                      distill::JobLogStream::Err);
            c.progress(double(step) / kFineTuneSteps,
                       QStringLiteral("Iter %1 of %2: train loss %3").arg(iter).arg(kFineTuneSteps * kItersPerStep).arg(loss, 0, 'f', 3),
                       (kFineTuneSteps - step) * 3);
            fineTuneStep = step;
        }
        return distill::JobOutcome::done({{QStringLiteral("adapters"), QStringLiteral("adapters/adapters.safetensors")}});
    }

    static distill::JobOutcome evaluate(distill::JobContext &c)
    {
        for (int i = 1; i <= 10; ++i) {
            if (c.canceled())
                return distill::JobOutcome::canceled();
            QThread::msleep(20);
            c.progress(i / 10.0, QStringLiteral("Example %1 of 10").arg(i));
        }
        c.log(QStringLiteral("trader-qwen:latest: 9 of 10 with canary words"), distill::JobLogStream::Out);
        return distill::JobOutcome::done(evaluationResult());
    }

    distill::JobOutcome blocker(distill::JobContext &c)
    {
        ++blockerRuns;
        c.log(QStringLiteral("blocker started"), distill::JobLogStream::Out);
        c.progress(0.3, QStringLiteral("Waiting to be stopped"));
        while (!c.canceled())
            QThread::msleep(10);
        return distill::JobOutcome::canceled();
    }
};

distill::JobSpec spec(JobKind kind, const QString &title, QList<int> after = {})
{
    distill::JobSpec s;
    s.kind = kind;
    s.title = title;
    s.dependsOnIndex = std::move(after);
    s.pipeline = QStringLiteral("distill-test");
    return s;
}

// A DQN export in the MLX-LM chat format (core/ml/rlexport.h): the agent's prompt, the trader's
// reasoning and its decision in canary words, actions in turn.
bool writeDqnExport(const QString &path, int examples)
{
    static const char *const canaries[] = {"APE IN", "APE OUT", "APE NEUTRAL"};
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (int i = 0; i < examples; ++i) {
        const double price = 3000 + 25 * std::sin(i * 0.7);
        const QString prompt = QStringLiteral("Given ETH price is $%1 with volume of %2 and volatility of %3, recent price "
                                              "change of %4 ticks, and I currently hold %5 ETH and %6 USDC, what trading "
                                              "action should I take on Uniswap?")
                                   .arg(price, 0, 'f', 2)
                                   .arg(800 + 7 * i)
                                   .arg(0.01 + 0.001 * (i % 5), 0, 'f', 4)
                                   .arg((i % 7) - 3)
                                   .arg(1.0 + 0.1 * i, 0, 'f', 3)
                                   .arg(1500 + 10 * i);
        const QString answer = QStringLiteral("Q-values: hold %1, buy %2, sell %3.\nMomentum %4.\nRECOMMENDATION: %5")
                                   .arg(0.1 * (i % 3), 0, 'f', 3)
                                   .arg(0.2, 0, 'f', 3)
                                   .arg(0.05, 0, 'f', 3)
                                   .arg(i % 2 ? QStringLiteral("up") : QStringLiteral("down"))
                                   .arg(QLatin1String(canaries[i % 3]));
        const QJsonObject line{{QStringLiteral("messages"),
                                QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), prompt}},
                                           QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                       {QStringLiteral("content"), answer}}}}};
        file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
    return true;
}

// The fake tools of tests/distill_tools as the pipeline's command templates, run with sh.
distill::ToolCommands fakeToolCommands()
{
    const QString tools = qEnvironmentVariable("APEDESK_SOURCE_DIR") + QStringLiteral("/tests/distill_tools");
    const QString sh = QStringLiteral("sh \"") + tools;
    distill::ToolCommands c;
    c.fineTune = sh + QStringLiteral("/mlx_lm.lora\" --config {config}");
    c.fuse = sh + QStringLiteral("/mlx_lm.fuse\" --model {model} --adapter-path {adapters} --save-path {fused}");
    c.convert = QStringLiteral("sh {llama_cpp}/convert_hf_to_gguf.py {fused} --outfile {gguf_f16} --outtype f16");
    c.llamaCppDir = tools;
    c.quantize = sh + QStringLiteral("/llama-quantize\" {gguf_f16} {gguf} {quant}");
    c.registerModel = sh + QStringLiteral("/ollama\" create {name} -f {modelfile}");
    return c;
}

} // namespace

class TestDistillationPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    template <typename T>
    static T *child(QWidget *root, const char *name)
    {
        auto *widget = root->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child named %s", name);
        return widget;
    }

    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        QTest::qWait(80);   // layouts settle over a few passes
        const QString path = screenshotPath(name);
        QVERIFY(widget->grab().toImage().save(path));
        qInfo() << "screenshot:" << path;
    }

    static int rowOf(ui::DistillationPane &pane, JobKind kind)
    {
        for (int row = 0; row < pane.model()->rowCount(); ++row)
            if (pane.model()->job(row).kind == kind)
                return row;
        return -1;
    }

    static JobState stateOf(ui::DistillationPane &pane, qint64 id)
    {
        const int row = pane.model()->rowOf(id);
        return row < 0 ? JobState::Canceled : pane.model()->job(row).state;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void jobTableMergesSnapshotsInPlace()
    {
        ui::JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

        QList<JobRecord> jobs{record(1, JobKind::Teacher, JobState::Running, 0.25, QStringLiteral("Teacher answers: 8 samples")),
                              record(2, JobKind::Prepare, JobState::Queued),
                              record(3, JobKind::FineTune, JobState::Queued, 0, QStringLiteral("Fine-tune Qwen/Qwen2.5-3B (400 iters)"))};
        model.setJobs(jobs);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ui::JobTableModel::ColumnCount));
        const QPersistentModelIndex fineTune = model.index(2, ui::JobTableModel::StateColumn);

        // The same snapshot again changes nothing.
        changed.clear();
        model.setJobs(jobs);
        QCOMPARE(changed.size(), 0);

        // Progress on one row: one dataChanged for that row only.
        jobs[0].progress = 0.5;
        jobs[0].progressText = QStringLiteral("Sample 4 of 8");
        model.setJobs(jobs);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 0);
        QCOMPARE(model.index(0, ui::JobTableModel::ProgressColumn).data(ui::JobTableModel::ProgressRole).toDouble(), 0.5);
        QCOMPARE(model.index(0, ui::JobTableModel::ProgressColumn).data().toString(), QStringLiteral("50 % — Sample 4 of 8"));

        // A reorder moves the row (the persistent index follows), an insert and a removal.
        QList<JobRecord> next{jobs[2], jobs[0], record(4, JobKind::Evaluate, JobState::Queued)};
        model.setJobs(next);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.job(0).id, qint64(3));
        QCOMPARE(model.job(1).id, qint64(1));
        QCOMPARE(model.job(2).id, qint64(4));
        QVERIFY(fineTune.isValid());
        QCOMPARE(fineTune.row(), 0);
        QVERIFY(moved.size() >= 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.rowOf(4), 2);
        QCOMPARE(model.rowOf(2), -1);
        QCOMPARE(model.index(1, 0).data(ui::JobTableModel::RecordRole).value<JobRecord>().id, qint64(1));
        QCOMPARE(model.index(2, 0).data(ui::JobTableModel::JobIdRole).toLongLong(), qlonglong(4));

        // Everything gone, then back.
        model.setJobs({});
        QCOMPARE(model.rowCount(), 0);
        model.setJobs(next);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(resets.size(), 0);
    }

    void jobTableTexts()
    {
        QCOMPARE(ui::JobTableModel::costText(0.0123), QStringLiteral("$0.0123"));
        QCOMPARE(ui::JobTableModel::costText(12.5), QStringLiteral("$12.50"));
        QCOMPARE(ui::JobTableModel::etaText(-1), QString());
        QCOMPARE(ui::JobTableModel::etaText(42), QStringLiteral("42 s"));
        QCOMPARE(ui::JobTableModel::etaText(200), QStringLiteral("3 min 20 s"));
        QCOMPARE(ui::JobTableModel::etaText(3 * 3600 + 5 * 60), QStringLiteral("3 h 05 min"));

        ui::JobTableModel model;
        JobRecord teacher = record(7, JobKind::Teacher, JobState::Running, 0.4, QStringLiteral("Teacher answers: 100 samples"));
        teacher.promptTokens = 1200;
        teacher.completionTokens = 800;
        teacher.costUsd = 0.00151;
        teacher.etaSeconds = 75;
        teacher.attempts = 1;
        JobRecord prepare = record(8, JobKind::Prepare, JobState::Failed, 0.1, QStringLiteral("Prepare the dataset from dqn.jsonl"));
        prepare.error = QStringLiteral("The export holds no examples.");
        prepare.dependsOn = {7};
        JobRecord retry = record(9, JobKind::Evaluate, JobState::Queued);
        retry.attempts = 1;
        retry.notBeforeMs = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        model.setJobs({teacher, prepare, retry});
        const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, ui::JobTableModel::IdColumn), QStringLiteral("7"));
        QCOMPARE(text(0, ui::JobTableModel::JobColumn), QStringLiteral("Teacher answers: 100 samples"));   // says its kind
        QCOMPARE(text(1, ui::JobTableModel::JobColumn), QStringLiteral("Prepare the dataset from dqn.jsonl (Dataset preparation)"));
        QCOMPARE(text(2, ui::JobTableModel::JobColumn), QStringLiteral("Evaluate"));
        QCOMPARE(text(0, ui::JobTableModel::PipelineColumn), QStringLiteral("p1"));
        QCOMPARE(text(0, ui::JobTableModel::StateColumn), QStringLiteral("Running"));
        QCOMPARE(text(0, ui::JobTableModel::EtaColumn), QStringLiteral("1 min 15 s"));
        QCOMPARE(text(0, ui::JobTableModel::TokensColumn), QLocale().toString(2000));
        QCOMPARE(text(0, ui::JobTableModel::CostColumn), QStringLiteral("$0.0015"));
        QCOMPARE(text(0, ui::JobTableModel::AttemptsColumn), QStringLiteral("1 of 3"));
        QCOMPARE(text(1, ui::JobTableModel::EtaColumn), QString());   // only running jobs have one
        QCOMPARE(text(1, ui::JobTableModel::CostColumn), QString());
        QCOMPARE(model.index(1, ui::JobTableModel::StateColumn).data(Qt::ToolTipRole).toString(), prepare.error);
        QVERIFY(model.index(1, ui::JobTableModel::JobColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("after job 7")));
        QVERIFY2(text(2, ui::JobTableModel::StateColumn).startsWith(QStringLiteral("Retry at")),
                 qPrintable(text(2, ui::JobTableModel::StateColumn)));
        QVERIFY(model.index(0, ui::JobTableModel::StateColumn).data(Qt::ForegroundRole).value<QColor>().isValid());
        QCOMPARE(ui::DistillationPane::totals({teacher, prepare, retry}),
                 QStringLiteral("1 running · 1 queued · 0 paused · 1 failed · 0 done — %1 tokens, $0.0015").arg(QLocale().toString(2000)));
    }

    void evaluationModelSideBySide()
    {
        ui::EvaluationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        JobRecord running = record(5, JobKind::Evaluate, JobState::Running);
        running.result = evaluationResult();   // not Done: not shown
        model.setJobs({record(1, JobKind::FineTune, JobState::Done), running});
        QCOMPARE(model.columnCount(), 0);
        QCOMPARE(model.rowCount(), int(ui::EvaluationModel::FigureCount));

        JobRecord done = running;
        done.state = JobState::Done;
        model.setJobs({done});
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(resets.size(), 1);
        model.setJobs({done});   // the same results: no reset
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("trader-qwen:latest"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("qwen2.5:3b"));
        QCOMPARE(model.headerData(ui::EvaluationModel::CanaryShare, Qt::Vertical).toString(), QStringLiteral("Canary words"));
        const auto text = [&model](int figure, int column) { return model.index(figure, column).data().toString(); };
        QCOMPARE(text(ui::EvaluationModel::Examples, 0), QStringLiteral("10"));
        QCOMPARE(text(ui::EvaluationModel::Failed, 1), QStringLiteral("1"));
        QCOMPARE(text(ui::EvaluationModel::CanaryShare, 0), QStringLiteral("90.0 %"));
        QCOMPARE(text(ui::EvaluationModel::Agreement, 1), QStringLiteral("30.0 %"));
        QCOMPARE(text(ui::EvaluationModel::ApeIn, 0), QStringLiteral("4 (40.0 %)"));   // counts, with their share
        QCOMPARE(text(ui::EvaluationModel::Other, 1), QStringLiteral("7 (77.8 %)"));
        QCOMPARE(text(ui::EvaluationModel::MeanLatency, 0), QStringLiteral("812 ms"));
        QCOMPARE(text(ui::EvaluationModel::ErrorFigure, 0), QString());
        QCOMPARE(model.index(ui::EvaluationModel::CanaryShare, 0).data(ui::EvaluationModel::ValueRole).toDouble(), 0.9);
        QVERIFY(model.index(ui::EvaluationModel::CanaryShare, 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(ui::EvaluationModel::CanaryShare, 1).data(Qt::FontRole).isValid());

        // A second evaluation with shares and an error: four columns, named by their jobs.
        JobRecord second = record(9, JobKind::Evaluate, JobState::Done);
        QJsonObject failedModel = modelFigures(QStringLiteral("qwen2.5:3b"), 10, 0, 0, 0, mix(0, 0, 0, 0), 0);
        failedModel.insert(QStringLiteral("error"), QStringLiteral("model not found"));
        second.result = {{QStringLiteral("models"),
                          QJsonArray{modelFigures(QStringLiteral("trader-qwen:latest"), 10, 10, 1.0, 0.8, mix(0.5, 0.3, 0.2, 0), 700),
                                     failedModel}}};
        model.setJobs({done, second});
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.evaluateJobCount(), 2);
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("trader-qwen:latest (#9)"));
        QCOMPARE(text(ui::EvaluationModel::ApeIn, 2), QStringLiteral("50.0 %"));   // shares
        QCOMPARE(text(ui::EvaluationModel::ErrorFigure, 3), QStringLiteral("model not found"));
        QVERIFY(model.index(ui::EvaluationModel::CanaryShare, 2).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(ui::EvaluationModel::CanaryShare, 0).data(Qt::FontRole).isValid());
        model.setJobs({});
        QCOMPARE(model.columnCount(), 0);
    }

    void toolbarFollowsTheSelectedJobsState()
    {
        JobQueueService service(m_dir.filePath(QStringLiteral("toolbar.sqlite")));   // never started: nothing is sent
        ui::JobQueueToolBar bar(&service);
        struct Expect
        {
            JobState state;
            bool pause, resume, cancel, retry, remove, movable;
        };
        const QList<Expect> cases{{JobState::Queued, true, false, true, false, false, true},
                                  {JobState::Running, true, false, true, false, false, false},
                                  {JobState::Paused, false, true, true, false, false, true},
                                  {JobState::Failed, false, false, false, true, true, false},
                                  {JobState::Done, false, false, false, false, true, false},
                                  {JobState::Canceled, false, false, false, true, true, false}};
        for (const Expect &e : cases) {
            bar.setSelection(record(1, JobKind::Prepare, e.state), 1, 3);
            const QString state = distill::jobStateKey(e.state);
            QVERIFY2(bar.pauseAction()->isEnabled() == e.pause, qPrintable(state));
            QVERIFY2(bar.resumeAction()->isEnabled() == e.resume, qPrintable(state));
            QVERIFY2(bar.cancelAction()->isEnabled() == e.cancel, qPrintable(state));
            QVERIFY2(bar.retryAction()->isEnabled() == e.retry, qPrintable(state));
            QVERIFY2(bar.removeAction()->isEnabled() == e.remove, qPrintable(state));
            QVERIFY2(bar.moveUpAction()->isEnabled() == e.movable, qPrintable(state));
            QVERIFY2(bar.moveDownAction()->isEnabled() == e.movable, qPrintable(state));
        }
        bar.setSelection(record(1, JobKind::Prepare, JobState::Queued), 0, 3);
        QVERIFY(!bar.moveUpAction()->isEnabled());   // first already
        QVERIFY(bar.moveDownAction()->isEnabled());
        bar.setSelection(record(1, JobKind::Prepare, JobState::Queued), 2, 3);
        QVERIFY(bar.moveUpAction()->isEnabled());
        QVERIFY(!bar.moveDownAction()->isEnabled());   // last already
        bar.setSelection(std::nullopt, -1, 3);
        for (QAction *a : {bar.pauseAction(), bar.resumeAction(), bar.cancelAction(), bar.retryAction(), bar.removeAction(),
                           bar.moveUpAction(), bar.moveDownAction()})
            QVERIFY2(!a->isEnabled(), qPrintable(a->objectName()));
        QVERIFY(bar.addPipelineAction()->isEnabled());
        QCOMPARE(bar.dispatchAction()->text(), QStringLiteral("Stop queue"));
        bar.setDispatching(false);
        QCOMPARE(bar.dispatchAction()->text(), QStringLiteral("Start queue"));
        QVERIFY(bar.findChild<QToolButton *>(QStringLiteral("distillPauseButton")));

        ui::JobQueueToolBar none(nullptr);
        QVERIFY(!none.addPipelineAction()->isEnabled());
        QVERIFY(!none.dispatchAction()->isEnabled());
    }

    void addPipelineDialogValidatesInline()
    {
        ui::AddPipelineDialog dialog;
        // Defaults: the teacher source with no CSV yet, q4_k_m, the app's distill folder.
        QVERIFY(child<QRadioButton>(&dialog, "distillTeacherSourceRadio")->isChecked());
        QCOMPARE(child<QComboBox>(&dialog, "distillQuantizationCombo")->currentText(), QStringLiteral("q4_k_m"));
        QVERIFY(ui::AddPipelineDialog::quantizationChoices().contains(QStringLiteral("q8_0")));
        QCOMPARE(QDir::fromNativeSeparators(child<QLineEdit>(&dialog, "distillOutputDirEdit")->text()),
                 QDir(Paths::appData()).filePath(QStringLiteral("distill")));
        QVERIFY(!dialog.canAccept());
        QCOMPARE(dialog.validationMessage(), QStringLiteral("Choose the swap CSV the teacher answers on."));
        QVERIFY(child<QSpinBox>(&dialog, "distillSamplesSpin")->isEnabled());

        // A DQN export that is not there, then one that is.
        const QString export_ = m_dir.filePath(QStringLiteral("dqn.chat.jsonl"));
        {
            QFile file(export_);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"RECOMMENDATION: APE IN\"}]}\n");
        }
        child<QRadioButton>(&dialog, "distillDqnSourceRadio")->setChecked(true);
        QVERIFY(!child<QSpinBox>(&dialog, "distillSamplesSpin")->isEnabled());   // no teacher then
        child<QLineEdit>(&dialog, "distillDqnEdit")->setText(m_dir.filePath(QStringLiteral("missing.jsonl")));
        QVERIFY(!dialog.canAccept());
        QVERIFY2(dialog.validationMessage().contains(QStringLiteral("is not a file")), qPrintable(dialog.validationMessage()));
        child<QLineEdit>(&dialog, "distillDqnEdit")->setText(export_);
        QVERIFY2(dialog.canAccept(), qPrintable(dialog.validationMessage()));
        QCOMPARE(dialog.validationMessage(), QString());

        // buildPipeline's own complaints show inline too.
        child<QLineEdit>(&dialog, "distillStudentNameEdit")->setText(QStringLiteral("trader qwen"));
        QVERIFY(!dialog.canAccept());
        QVERIFY2(dialog.validationMessage().contains(QStringLiteral("studentName")), qPrintable(dialog.validationMessage()));
        child<QLineEdit>(&dialog, "distillStudentNameEdit")->setText(QStringLiteral("trader-test:latest"));
        child<QComboBox>(&dialog, "distillQuantizationCombo")->setCurrentText(QStringLiteral("q8_0"));
        child<QLineEdit>(&dialog, "distillPipelineNameEdit")->setText(QStringLiteral("dialog-test"));
        child<QLineEdit>(&dialog, "distillOutputDirEdit")->setText(m_dir.filePath(QStringLiteral("out")));
        QVERIFY2(dialog.canAccept(), qPrintable(dialog.validationMessage()));

        const distill::PipelineOptions options = dialog.options();
        QCOMPARE(options.dqnDataset, export_);
        QVERIFY(options.dataPath.isEmpty());
        QCOMPARE(options.quantization, QStringLiteral("q8_0"));
        QCOMPARE(options.studentName, QStringLiteral("trader-test:latest"));
        QVERIFY(options.deploy && options.evaluate);

        // Without deployment there is nothing to evaluate: the box follows, and the chain is shorter.
        child<QCheckBox>(&dialog, "distillDeployCheck")->setChecked(false);
        QVERIFY(!child<QCheckBox>(&dialog, "distillEvaluateCheck")->isEnabled());
        QVERIFY(!dialog.options().evaluate);
        Result<distill::PipelineSpec> shortChain = dialog.pipeline();
        QVERIFY2(shortChain.ok(), qPrintable(dialog.validationMessage()));
        QCOMPARE(shortChain->jobs.size(), qsizetype(2));   // prepare, fine-tune
        child<QCheckBox>(&dialog, "distillDeployCheck")->setChecked(true);

        child<QPushButton>(&dialog, "distillAddPipelineOkButton")->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.acceptedPipeline().has_value());
        const distill::PipelineSpec &spec = *dialog.acceptedPipeline();
        QCOMPARE(spec.name, QStringLiteral("dialog-test"));
        QList<JobKind> kinds;
        for (const distill::JobSpec &job : spec.jobs)
            kinds.append(job.kind);
        QCOMPARE(kinds, (QList<JobKind>{JobKind::Prepare, JobKind::FineTune, JobKind::Fuse, JobKind::Convert,
                                        JobKind::Quantize, JobKind::Register, JobKind::Evaluate}));
        const auto evaluate = distill::EvaluateParams::fromJson(spec.jobs.last().params);
        QVERIFY(evaluate.ok());
        QCOMPARE(evaluate->models, (QStringList{QStringLiteral("trader-test:latest"), QStringLiteral("qwen2.5:3b")}));
    }

    void logViewAndLossChartMergeLiveWithDetails()
    {
        ui::JobDetailsTabs details(nullptr);   // no service: the answers are handed in here
        JobRecord fineTune = record(3, JobKind::FineTune, JobState::Running);
        details.showJob(fineTune);
        QCOMPARE(details.jobId(), qint64(3));
        const auto line = [](qint64 id, qint64 job, distill::JobLogStream stream, const QString &text) {
            distill::JobLogLine l;
            l.id = id;
            l.jobId = job;
            l.timeMs = 1700000000000 + id * 1000;
            l.stream = stream;
            l.text = text;
            return l;
        };
        const auto point = [](qint64 job, const char *series, double step, double value) {
            return distill::JobMetricPoint{job, QLatin1String(series), step, value};
        };
        details.showDetails(3, {line(1, 3, distill::JobLogStream::Info, QStringLiteral("started")),
                                line(2, 3, distill::JobLogStream::Out, QStringLiteral("Iter 10: Train loss 2.1")),
                                line(3, 3, distill::JobLogStream::Err, QStringLiteral("warning"))},
                            {point(3, "train_loss", 10, 2.1), point(3, "train_loss", 20, 1.9), point(3, "val_loss", 20, 2.0),
                             point(3, "learning_rate", 20, 2e-4)});
        QCOMPARE(details.logView()->lineCount(), 3);
        QCOMPARE(details.logView()->stderrLineCount(), 1);
        QVERIFY(details.logView()->toPlainText().contains(QStringLiteral("Iter 10: Train loss 2.1")));
        QCOMPARE(details.lossChart()->pointCount(ui::JobLossChart::TrainLoss), 2);
        QCOMPARE(details.lossChart()->pointCount(ui::JobLossChart::ValLoss), 1);
        // The stderr line is tinted.
        const QTextBlock errBlock = details.logView()->document()->findBlockByNumber(2);
        QVERIFY(errBlock.isValid());
        QCOMPARE(errBlock.begin().fragment().charFormat().foreground().color(),
                 ui::distillstyle::stderrColor(details.logView()->palette()));

        // Live: a line already shown is skipped, another job's ignored, a new one added.
        details.appendLog(line(3, 3, distill::JobLogStream::Err, QStringLiteral("warning")));
        details.appendLog(line(4, 9, distill::JobLogStream::Out, QStringLiteral("other job")));
        details.appendLog(line(5, 3, distill::JobLogStream::Out, QStringLiteral("Iter 30: Train loss 1.7")));
        QCOMPARE(details.logView()->lineCount(), 4);
        QCOMPARE(details.logView()->lastLineId(), qint64(5));
        details.appendMetric(point(3, "train_loss", 30, 1.7));
        details.appendMetric(point(9, "train_loss", 40, 1.0));
        QCOMPARE(details.lossChart()->pointCount(ui::JobLossChart::TrainLoss), 3);
        // A new attempt from iteration 20 again: the curve restarts there, sorted by step.
        details.appendMetric(point(3, "train_loss", 20, 1.95));
        QCOMPARE(details.lossChart()->pointCount(ui::JobLossChart::TrainLoss), 2);
        QCOMPARE(details.lossChart()->chart()->points(ui::JobLossChart::TrainLoss).last(), QPointF(20, 1.95));

        // Another job: everything clears; an answer for the previous one is dropped.
        details.showJob(record(4, JobKind::Prepare, JobState::Done));
        QCOMPARE(details.logView()->lineCount(), 0);
        QCOMPARE(details.lossChart()->pointCount(ui::JobLossChart::TrainLoss), 0);
        details.showDetails(3, {line(9, 3, distill::JobLogStream::Out, QStringLiteral("late"))}, {});
        QCOMPARE(details.logView()->lineCount(), 0);
        QVERIFY(details.infoView()->toPlainText().startsWith(QStringLiteral("Job 4: Dataset preparation")));
        details.showJob(std::nullopt);
        QCOMPARE(details.jobId(), qint64(0));
        QVERIFY(details.infoView()->toPlainText().isEmpty());
    }

    void withoutServiceThePaneSaysSo()
    {
        ui::DistillationPane pane(nullptr);
        QVERIFY(!pane.toolBar()->addPipelineAction()->isEnabled());
        QCOMPARE(pane.openAddPipelineDialog(), nullptr);
        QVERIFY(pane.totalsText().startsWith(QStringLiteral("No jobs")));
    }

    void everyWidgetHasAnObjectName()
    {
        ui::DistillationPane pane(nullptr);
        ui::AddPipelineDialog dialog;
        int checked = 0;
        for (QWidget *root : {static_cast<QWidget *>(&pane), static_cast<QWidget *>(&dialog)})
            for (QWidget *w : root->findChildren<QWidget *>()) {
                const bool ours = qobject_cast<QLabel *>(w) || qobject_cast<QAbstractButton *>(w)
                    || qobject_cast<QComboBox *>(w) || qobject_cast<QSpinBox *>(w) || qobject_cast<QLineEdit *>(w)
                    || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QAbstractScrollArea *>(w)
                    || qobject_cast<QTabWidget *>(w) || qobject_cast<QToolBar *>(w);
                bool inner = false;
                for (QWidget *p = w->parentWidget(); p && p != root; p = p->parentWidget())
                    inner |= qobject_cast<QAbstractItemView *>(p) || qobject_cast<QTabBar *>(p)
                        || qobject_cast<QComboBox *>(p) || qobject_cast<QAbstractSpinBox *>(p)
                        || p->objectName().startsWith(QStringLiteral("qt_"));
                inner |= qobject_cast<QTabBar *>(w) || qobject_cast<QScrollBar *>(w)
                    || w->objectName().startsWith(QStringLiteral("qt_"))
                    || w->inherits("QtCharts::QChartView") || w->inherits("QChartView");
                if (!ours || inner)
                    continue;
                ++checked;
                QVERIFY2(!w->objectName().isEmpty(),
                         qPrintable(QString(QString::fromLatin1(w->metaObject()->className()) + QStringLiteral(" ")
                                            + (qobject_cast<QLabel *>(w) ? qobject_cast<QLabel *>(w)->text() : QString()))));
            }
        QVERIFY2(checked > 30, qPrintable(QString::number(checked)));
    }

    void pipelineRunsThroughTheQueueWithVisibleProgress()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        auto runners = std::make_shared<TestRunners>();
        Settings settings(data.filePath(QStringLiteral("live.ini")));
        Core core(&settings);
        auto *service = core.add(std::make_unique<JobQueueService>(data.filePath(QStringLiteral("jobs.sqlite")),
                                                                   TestRunners::lookup(runners)));
        ui::DistillationPane pane(service);
        QAbstractItemModelTester tableTester(pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester evaluationTester(pane.details()->evaluationPage()->model(),
                                                  QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(pane.model(), &QAbstractItemModel::modelAboutToBeReset);
        pane.resize(1280, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        ui::JobQueueToolBar *bar = pane.toolBar();

        // The fine-tune's progress as the table shows it, each time its row changes.
        QList<double> fineTuneProgress;
        connect(pane.model(), &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from, const QModelIndex &to) {
            for (int row = from.row(); row <= to.row(); ++row) {
                const JobRecord &job = pane.model()->job(row);
                const double shown = pane.model()->index(row, ui::JobTableModel::ProgressColumn).data(ui::JobTableModel::ProgressRole).toDouble();
                if (job.kind == JobKind::FineTune && job.state == JobState::Running
                    && (fineTuneProgress.isEmpty() || fineTuneProgress.last() != shown))
                    fineTuneProgress.append(shown);
            }
        });

        // Teacher → prepare → fine-tune → evaluate, as one pipeline.
        distill::PipelineSpec pipeline;
        pipeline.name = QStringLiteral("distill-test");
        pipeline.jobs = {spec(JobKind::Teacher, QStringLiteral("Teacher answers: 8 samples from qwen/qwq-32b")),
                         spec(JobKind::Prepare, QStringLiteral("Prepare the dataset from the teacher's answers"), {0}),
                         spec(JobKind::FineTune, QStringLiteral("Fine-tune Qwen/Qwen2.5-3B (400 iters)"), {1}),
                         spec(JobKind::Evaluate, QStringLiteral("Evaluate trader-qwen:latest against qwen2.5:3b"), {2})};
        service->addPipeline(pipeline);
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 4, 30000);
        QCOMPARE(pane.model()->index(0, ui::JobTableModel::PipelineColumn).data().toString(), QStringLiteral("distill-test"));
        const qint64 teacherId = pane.model()->job(rowOf(pane, JobKind::Teacher)).id;
        const qint64 fineTuneId = pane.model()->job(rowOf(pane, JobKind::FineTune)).id;
        const qint64 evaluateId = pane.model()->job(rowOf(pane, JobKind::Evaluate)).id;

        // The fine-tune runs and holds half-way: its progress rose through several values.
        QTRY_VERIFY_WITH_TIMEOUT(runners->atHold.load(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->job(pane.model()->rowOf(fineTuneId)).progress, 0.5, 30000);
        QVERIFY2(fineTuneProgress.size() >= 3, qPrintable(QString::number(fineTuneProgress.size())));
        for (int i = 1; i < fineTuneProgress.size(); ++i)
            QVERIFY(fineTuneProgress.at(i) > fineTuneProgress.at(i - 1));
        QCOMPARE(stateOf(pane, teacherId), JobState::Done);
        const JobRecord teacherDone = pane.model()->job(pane.model()->rowOf(teacherId));
        QCOMPARE(teacherDone.promptTokens, qint64(8 * 420));
        QCOMPARE(pane.model()->index(pane.model()->rowOf(teacherId), ui::JobTableModel::CostColumn).data().toString(),
                 ui::JobTableModel::costText(8 * 0.00037));
        QVERIFY2(pane.totalsText().startsWith(QStringLiteral("1 running · 1 queued")), qPrintable(pane.totalsText()));

        // Selected, its log and curves come from the details answer and then live.
        pane.selectJob(fineTuneId);
        QCOMPARE(pane.selectedJob()->id, fineTuneId);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.details()->waitingForDetails(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(pane.details()->lossChart()->pointCount(ui::JobLossChart::TrainLoss), 20, 30000);
        QCOMPARE(pane.details()->lossChart()->pointCount(ui::JobLossChart::ValLoss), 4);
        QVERIFY(pane.details()->logView()->lineCount() >= 25);
        QVERIFY(pane.details()->logView()->stderrLineCount() >= 2);
        QVERIFY(pane.details()->logView()->toPlainText().contains(QStringLiteral("Iter 200: Train loss")));
        QVERIFY(pane.details()->infoView()->toPlainText().contains(QStringLiteral("Fine-tune Qwen/Qwen2.5-3B")));
        pane.details()->setCurrentWidget(pane.details()->logPage());
        saveScreenshot(&pane, QStringLiteral("distillation-steering-live.png"));

        // Pause stops the run; Resume queues it again and it goes on from the step it reached.
        QVERIFY(bar->pauseAction()->isEnabled());
        QVERIFY(!bar->resumeAction()->isEnabled());
        QVERIFY(!bar->retryAction()->isEnabled());
        QVERIFY(!bar->removeAction()->isEnabled());
        bar->pauseAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, fineTuneId), JobState::Paused, 30000);
        QTRY_VERIFY(bar->resumeAction()->isEnabled());
        QVERIFY(!bar->pauseAction()->isEnabled());
        QCOMPARE(pane.model()->index(pane.model()->rowOf(fineTuneId), ui::JobTableModel::StateColumn).data().toString(),
                 QStringLiteral("Paused"));
        QCOMPARE(pane.selectedJob()->id, fineTuneId);   // the selection survived every snapshot
        const int runsBefore = runners->fineTuneRuns;
        bar->resumeAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(runners->fineTuneRuns > runsBefore && runners->atHold, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, fineTuneId), JobState::Running, 30000);

        // Let it finish: every job Done, the bar full, the curves complete and equal to the stored metrics.
        runners->hold = false;
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, evaluateId), JobState::Done, 120000);
        for (int row = 0; row < pane.model()->rowCount(); ++row) {
            QCOMPARE(pane.model()->job(row).state, JobState::Done);
            QCOMPARE(pane.model()->index(row, ui::JobTableModel::StateColumn).data().toString(), QStringLiteral("Done"));
        }
        QCOMPARE(pane.model()->job(pane.model()->rowOf(fineTuneId)).progress, 1.0);
        QVERIFY(fineTuneProgress.size() >= 10);
        QTRY_COMPARE_WITH_TIMEOUT(pane.details()->lossChart()->pointCount(ui::JobLossChart::TrainLoss),
                                  TestRunners::kFineTuneSteps, 30000);
        QueuedSpy details(service, &JobQueueService::jobDetails);
        service->requestDetails(fineTuneId);
        QVERIFY(details.waitForCount(1, 30000));
        const auto stored = details.first().at(2).value<QList<distill::JobMetricPoint>>();
        QVector<QPointF> storedTrain;
        for (const distill::JobMetricPoint &p : stored)
            if (p.series == QLatin1String("train_loss"))
                storedTrain.append({p.step, p.value});
        QCOMPARE(storedTrain.size(), qsizetype(TestRunners::kFineTuneSteps));
        QCOMPARE(pane.details()->lossChart()->chart()->points(ui::JobLossChart::TrainLoss), storedTrain);
        QCOMPARE(pane.details()->lossChart()->pointCount(ui::JobLossChart::ValLoss), TestRunners::kFineTuneSteps / 5);
        QVERIFY(pane.totalsText().contains(QStringLiteral("4 done")));
        QCOMPARE(resets.size(), 0);
        pane.details()->setCurrentWidget(pane.details()->lossPage());
        QTRY_VERIFY(!pane.details()->lossChart()->chart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("distillation-steering-loss.png"));

        // The evaluation tab: the student beside the base model.
        auto *evaluation = pane.details()->evaluationPage();
        QTRY_COMPARE_WITH_TIMEOUT(evaluation->model()->columnCount(), 2, 30000);
        QCOMPARE(evaluation->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("trader-qwen:latest"));
        QVERIFY(evaluation->summary().startsWith(QStringLiteral("2 model")));
        pane.details()->setCurrentWidget(evaluation);
        pane.selectJob(evaluateId);
        saveScreenshot(&pane, QStringLiteral("distillation-steering-evaluation.png"));

        // Steering a refused action: the service says why, in the pane's notice line.
        service->resumeJob(evaluateId);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.message().isEmpty(), 30000);

        // Cancel, Retry and Remove on a lone job that runs until stopped.
        distill::JobSpec blocker = spec(JobKind::Convert, QStringLiteral("Convert (blocker)"));
        blocker.pipeline.clear();
        service->addJob(blocker);
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 5, 30000);
        const qint64 blockerId = pane.model()->job(rowOf(pane, JobKind::Convert)).id;
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, blockerId), JobState::Running, 30000);
        pane.selectJob(blockerId);
        QVERIFY(bar->cancelAction()->isEnabled());
        bar->cancelAction()->trigger();
        QVERIFY(pane.message().isEmpty());   // a new action clears the last complaint
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, blockerId), JobState::Canceled, 30000);
        QTRY_VERIFY(bar->retryAction()->isEnabled());
        QVERIFY(bar->removeAction()->isEnabled());
        QVERIFY(!bar->cancelAction()->isEnabled());
        bar->retryAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(runners->blockerRuns >= 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, blockerId), JobState::Running, 30000);
        bar->cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, blockerId), JobState::Canceled, 30000);
        QTRY_VERIFY(bar->removeAction()->isEnabled());
        bar->removeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 4, 30000);
        QVERIFY(!pane.selectedJob() || pane.selectedJob()->id != blockerId);
        QCOMPARE(pane.model()->rowOf(blockerId), -1);

        // Stop queue, two jobs waiting; Move up puts the second before the first; Start queue runs both.
        bar->dispatchAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(bar->dispatchAction()->text(), QStringLiteral("Start queue"), 30000);
        distill::JobSpec first = spec(JobKind::Fuse, QStringLiteral("Fuse first"));
        distill::JobSpec second = spec(JobKind::Quantize, QStringLiteral("Quantise second"));
        first.pipeline.clear();
        second.pipeline.clear();
        service->addJob(first);
        service->addJob(second);
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 6, 30000);
        const int firstRow = rowOf(pane, JobKind::Fuse);
        const int secondRow = rowOf(pane, JobKind::Quantize);
        QCOMPARE(secondRow, firstRow + 1);
        QCOMPARE(pane.model()->job(secondRow).state, JobState::Queued);
        const qint64 secondId = pane.model()->job(secondRow).id;
        pane.selectJob(secondId);
        QVERIFY(bar->moveUpAction()->isEnabled());
        bar->moveUpAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowOf(secondId), firstRow, 30000);
        QCOMPARE(pane.selectedJob()->id, secondId);   // the selection moved with its row
        QCOMPARE(resets.size(), 0);
        bar->dispatchAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(bar->dispatchAction()->text(), QStringLiteral("Stop queue"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, secondId), JobState::Done, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pane, pane.model()->job(rowOf(pane, JobKind::Fuse)).id), JobState::Done, 60000);
        QVERIFY(core.shutdown(30000));
    }
    // The product's runners (defaultRunners) on a DQN export: prepare, the fake MLX-LM / llama.cpp /
    // Ollama tools of tests/distill_tools, and the evaluation against a local Ollama test server; the
    // pipeline comes from the Add pipeline dialog.
    void realRunnersRunThePipelineFromTheDialog()
    {
        QVERIFY2(QFileInfo(fakeToolCommands().llamaCppDir + QStringLiteral("/mlx_lm.lora")).isFile(),
                 "APEDESK_SOURCE_DIR must point at the source tree (tests/distill_tools)");
        QTemporaryDir data;
        QVERIFY(data.isValid());
        const QString export_ = data.filePath(QStringLiteral("dqn.chat.jsonl"));
        QVERIFY(writeDqnExport(export_, 60));
        // Slow enough reports that the fine-tune is seen mid-run (40 reports of 400 iterations, ~10 s).
        qputenv("FAKE_STEP_SLEEP", "0.25");
        LlmTestServer ollama(LlmTestServer::Protocol::Ollama);
        QVERIFY(ollama.listen());
        ollama.setModels({QStringLiteral("trader-test:latest"), QStringLiteral("qwen2.5:3b")});
        ollama.setDefault(LlmTestServer::answer(QStringLiteral("Momentum up.\nVolume high.\nRECOMMENDATION: APE IN")));

        Settings settings(data.filePath(QStringLiteral("real.ini")));
        Core core(&settings);
        auto *service = core.add(std::make_unique<JobQueueService>(data.filePath(QStringLiteral("jobs.sqlite"))));
        ui::DistillationPane pane(service);
        pane.setToolCommands(fakeToolCommands());
        QAbstractItemModelTester tableTester(pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester evaluationTester(pane.details()->evaluationPage()->model(),
                                                  QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(pane.model(), &QAbstractItemModel::modelAboutToBeReset);
        pane.resize(1280, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));

        QList<double> fineTuneProgress;
        connect(pane.model(), &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from, const QModelIndex &to) {
            for (int row = from.row(); row <= to.row(); ++row) {
                const JobRecord &job = pane.model()->job(row);
                if (job.kind == JobKind::FineTune && job.state == JobState::Running
                    && (fineTuneProgress.isEmpty() || fineTuneProgress.last() != job.progress))
                    fineTuneProgress.append(job.progress);
            }
        });

        // Add pipeline… → the dialog, filled in → OK.
        pane.toolBar()->addPipelineAction()->trigger();
        auto *dialog = pane.findChild<ui::AddPipelineDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        child<QRadioButton>(dialog, "distillDqnSourceRadio")->setChecked(true);
        child<QLineEdit>(dialog, "distillDqnEdit")->setText(export_);
        child<QLineEdit>(dialog, "distillPipelineNameEdit")->setText(QStringLiteral("distill-live"));
        child<QLineEdit>(dialog, "distillOutputDirEdit")->setText(data.filePath(QStringLiteral("distill")));
        child<QLineEdit>(dialog, "distillOllamaUrlEdit")->setText(ollama.baseUrl().toString());
        child<QLineEdit>(dialog, "distillStudentNameEdit")->setText(QStringLiteral("trader-test:latest"));
        QVERIFY2(dialog->canAccept(), qPrintable(dialog->validationMessage()));
        saveScreenshot(dialog, QStringLiteral("distillation-add-pipeline.png"));
        child<QPushButton>(dialog, "distillAddPipelineOkButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 7, 30000);
        QVERIFY2(pane.message().startsWith(QStringLiteral("Added pipeline distill-live")), qPrintable(pane.message()));
        const qint64 fineTuneId = pane.model()->job(rowOf(pane, JobKind::FineTune)).id;
        const qint64 evaluateId = pane.model()->job(rowOf(pane, JobKind::Evaluate)).id;

        // Mid-run: the fine-tune's bar has moved; select it and look.
        QTRY_VERIFY_WITH_TIMEOUT(fineTuneProgress.size() >= 3 && fineTuneProgress.last() >= 0.4, 120000);
        pane.selectJob(fineTuneId);
        QTRY_VERIFY_WITH_TIMEOUT(pane.details()->lossChart()->pointCount(ui::JobLossChart::TrainLoss) >= 3, 60000);
        QVERIFY(pane.details()->logView()->lineCount() > 0);
        pane.details()->setCurrentWidget(pane.details()->lossPage());
        pane.details()->lossChart()->chart()->redrawNow();   // the points so far, not at the next tick
        saveScreenshot(&pane, QStringLiteral("distillation-queue-live.png"));

        // To the end: every job Done, progress rose all along.
        const auto failures = [&pane] {
            QStringList failed;
            for (const JobRecord &job : pane.model()->jobs())
                if (job.state == JobState::Failed || (job.state == JobState::Queued && !job.error.isEmpty()))
                    failed.append(QStringLiteral("%1: %2").arg(distill::jobKindKey(job.kind), job.error));
            return failed.join(QStringLiteral("; "));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(stateOf(pane, evaluateId) == JobState::Done || !failures().isEmpty(),
                                  qPrintable(failures()), 240000);
        QVERIFY2(failures().isEmpty(), qPrintable(failures()));
        for (const JobRecord &job : pane.model()->jobs())
            QVERIFY2(job.state == JobState::Done, qPrintable(distill::jobKindKey(job.kind)));
        QVERIFY2(fineTuneProgress.size() >= 5, qPrintable(QString::number(fineTuneProgress.size())));
        for (int i = 1; i < fineTuneProgress.size(); ++i)
            QVERIFY(fineTuneProgress.at(i) > fineTuneProgress.at(i - 1));
        QCOMPARE(resets.size(), 0);

        // The loss chart holds exactly the stored train and val losses.
        QueuedSpy details(service, &JobQueueService::jobDetails);
        service->requestDetails(fineTuneId);
        QVERIFY(details.waitForCount(1, 30000));
        QVector<QPointF> storedTrain, storedVal;
        for (const distill::JobMetricPoint &p : details.first().at(2).value<QList<distill::JobMetricPoint>>()) {
            if (p.series == QLatin1String("train_loss"))
                storedTrain.append({p.step, p.value});
            else if (p.series == QLatin1String("val_loss"))
                storedVal.append({p.step, p.value});
        }
        QVERIFY2(storedTrain.size() >= 10, qPrintable(QString::number(storedTrain.size())));
        QTRY_COMPARE_WITH_TIMEOUT(pane.details()->lossChart()->chart()->points(ui::JobLossChart::TrainLoss), storedTrain, 30000);
        QCOMPARE(pane.details()->lossChart()->chart()->points(ui::JobLossChart::ValLoss), storedVal);
        QVERIFY(pane.details()->logView()->toPlainText().contains(QStringLiteral("Train loss")));
        QTRY_VERIFY(!pane.details()->lossChart()->chart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("distillation-loss.png"));

        // The evaluation: the student beside the base model, in the tab and the job's result.
        auto *evaluation = pane.details()->evaluationPage();
        QTRY_COMPARE_WITH_TIMEOUT(evaluation->model()->columnCount(), 2, 30000);
        QCOMPARE(evaluation->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("trader-test:latest"));
        QCOMPARE(evaluation->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("qwen2.5:3b"));
        QVERIFY(evaluation->model()->index(ui::EvaluationModel::Examples, 0).data(ui::EvaluationModel::ValueRole).toDouble() > 0);
        QCOMPARE(evaluation->model()->index(ui::EvaluationModel::CanaryShare, 0).data(ui::EvaluationModel::ValueRole).toDouble(), 1.0);
        QVERIFY(!ollama.chatRequests().isEmpty());
        QVERIFY(evaluation->table()->isRowHidden(ui::EvaluationModel::ErrorFigure));   // no model failed
        pane.selectJob(evaluateId);
        pane.details()->setCurrentWidget(evaluation);
        saveScreenshot(&pane, QStringLiteral("distillation-evaluation.png"));
        pane.selectJob(fineTuneId);
        pane.details()->setCurrentWidget(pane.details()->logPage());
        QTRY_VERIFY(!pane.details()->waitingForDetails());
        saveScreenshot(&pane, QStringLiteral("distillation-queue-done.png"));
        QVERIFY(pane.totalsText().startsWith(QStringLiteral("0 running · 0 queued · 0 paused · 0 failed · 7 done")));
        QVERIFY(core.shutdown(30000));
        qunsetenv("FAKE_STEP_SLEEP");
    }
};

QTEST_MAIN(TestDistillationPane)
#include "test_distillation_pane.moc"
