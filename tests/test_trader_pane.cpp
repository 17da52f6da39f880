// The "Trader training" pane. First driven the way TrainingService drives it: rlStateChanged,
// rlMetrics, rlProgress and rlFinished emitted here from a real TrainingService that is not started
// (so they reach the pane's slots on the GUI thread). Checks the curves (one reward point per finished
// episode, the running mean, the loss only once there is one, ε; coalesced redraws; a restart from an
// earlier step), the progress bar and its ETA line, the buttons per phase and per run (Continue only
// for a stopped run), the setup box's config (CSV, swap store, timesteps, seed, run folder), the
// metrics.csv reader, the evaluation table built from rlEvaluationJson (under
// QAbstractItemModelTester) with three equity curves, the export report with its class balance, the
// pane without a training service, object names, and screenshots in $APEDESK_BUILD_DIR/screenshots/.
// Then live: a started TrainingService trains on a synthetic noisy-sine CSV written here, driven from
// the pane: the curves grow while the GUI never waits, Stop ends with End::Stopped, Continue goes on
// from the checkpoint, Evaluate draws three equity curves and fills the table, Export dataset shows the
// report (trader-training-live.png, trader-evaluation.png).

#include "common/paths.h"
#include "common/settings.h"
#include "core.h"
#include "market/marketservice.h"
#include "rlevaluation.h"
#include "trader/classbalancebar.h"
#include "trader/tradercurvesview.h"
#include "trader/traderevaluationmodel.h"
#include "trader/traderevaluationpage.h"
#include "trader/traderexportbox.h"
#include "trader/traderrunfiles.h"
#include "trader/tradersetupbox.h"
#include "trader/tradertrainingcontrols.h"
#include "trader/tradertrainingpane.h"
#include "trainingservice.h"
#include "widgets/charts/linechartview.h"
#include "widgets/swapdatachooser.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

using namespace apedesk;
using Phase = ml::RlTrainingState::Phase;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A plausible DQN log every 10 steps: an episode ends every 120 steps, its reward climbs noisily,
// the loss appears after the learning start (1,000) and settles, ε falls to 0.1 by step 2,000.
ml::DqnStepMetrics fakeMetrics(qint64 step)
{
    ml::DqnStepMetrics m;
    m.step = step;
    m.episodes = int(step / 120);
    const double t = double(step);
    m.episodeReward = m.episodes == 0 ? kNaN : -4 + 6 * (1 - std::exp(-t / 4000)) + 2.5 * std::sin(m.episodes * 1.7);
    m.meanEpisodeReward = m.episodes == 0 ? kNaN : -4 + 6 * (1 - std::exp(-t / 4000));
    m.loss = step <= 1000 ? kNaN : 0.02 + 0.3 * std::exp(-(t - 1000) / 1500) + 0.01 * std::sin(t * 0.05);
    m.meanQ = step <= 1000 ? kNaN : 0.1 * t / 1000;
    m.epsilon = std::max(0.1, 1.0 - 0.9 * t / 2000);
    m.secondsElapsed = t / 2000;
    return m;
}

QByteArray metricsCsv(const QVector<ml::DqnStepMetrics> &rows)
{
    QByteArray out("step,episodes,episode_reward,mean_episode_reward,loss,mean_q,epsilon,seconds\n");
    const auto cell = [](double v) { return std::isfinite(v) ? QByteArray::number(v, 'g', 17) : QByteArray(); };
    for (const ml::DqnStepMetrics &m : rows)
        out += QByteArray::number(m.step) + ',' + QByteArray::number(m.episodes) + ',' + cell(m.episodeReward) + ','
            + cell(m.meanEpisodeReward) + ',' + cell(m.loss) + ',' + cell(m.meanQ) + ',' + cell(m.epsilon) + ','
            + cell(m.secondsElapsed) + '\n';
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// 16 sequences of 120 steps of a noisy sine (period 24 steps), in the GAN's synthetic CSV format.
bool writeSineCsv(const QString &path)
{
    std::mt19937_64 rng(17);
    std::normal_distribution<double> noise(0.0, 1.0);
    QByteArray out("sequence_id,step,timestamp,price,volume,volatility\n");
    for (int s = 0; s < 16; ++s) {
        double previous = 0;
        for (int t = 0; t < 120; ++t) {
            const double price = 3000 + 40 * std::sin(2 * M_PI * (t + 5 * s) / 24.0) + 2 * noise(rng);
            const double volume = 800 + 300 * std::abs(std::cos(2 * M_PI * t / 24.0));
            const double volatility = t == 0 ? 0.001 : std::abs(price - previous) / previous;
            previous = price;
            out += QByteArray::number(s) + ',' + QByteArray::number(t) + ',' + QByteArray::number(1700000000 + 12 * (s * 120 + t))
                + ',' + QByteArray::number(price, 'f', 4) + ',' + QByteArray::number(volume, 'f', 3) + ','
                + QByteArray::number(volatility, 'g', 8) + '\n';
        }
    }
    return writeFile(path, out);
}

// An evaluation as the service sends it: rlEvaluationJson of hand-made figures and curves.
QJsonObject sampleEvaluation()
{
    ml::RlEvaluation evaluation;
    const auto curve = [](double drift, double wiggle, double phase) {
        QVector<double> equity{1.0};
        for (int i = 1; i < 300; ++i)
            equity.append(equity.last() * (1 + drift + wiggle * std::sin(i * 0.21 + phase)));
        return equity;
    };
    evaluation.policy = {QStringLiteral("policy"), 0.0834, 1.92, 0.031, 24, 21.5, curve(0.0003, 0.002, 0.0)};
    evaluation.buyAndHold = {QStringLiteral("buy_and_hold"), -0.0121, -0.18, 0.061, 3, 8.91, curve(-0.00004, 0.004, 1.0)};
    evaluation.random = {QStringLiteral("random"), -0.2771, -8.04, 0.2771, 98, 276.16, curve(-0.0011, 0.003, 2.0)};
    evaluation.steps = 299;
    evaluation.sequences = 3;
    evaluation.description = QStringLiteral("16 synthetic sequences of 120 steps from sine.csv (held out: sequences 14–16)");
    return ml::rlEvaluationJson(evaluation, true);
}

QJsonObject sampleExportReport(const QString &dir)
{
    const auto action = [](int count, int total, const char *canary) {
        return QJsonObject{{QStringLiteral("count"), count},
                           {QStringLiteral("share"), double(count) / total},
                           {QStringLiteral("canary"), QLatin1String(canary)}};
    };
    return {{QStringLiteral("examples"), 200},
            {QStringLiteral("episodes"), 20},
            {QStringLiteral("actions"),
             QJsonObject{{QStringLiteral("HOLD"), action(122, 200, "APE NEUTRAL")},
                         {QStringLiteral("BUY"), action(41, 200, "APE IN")},
                         {QStringLiteral("SELL"), action(37, 200, "APE OUT")}}},
            {QStringLiteral("files"), QJsonObject{{QStringLiteral("jsonl"), QString(dir + QStringLiteral("/dqn.jsonl"))},
                                                  {QStringLiteral("chat"), QString(dir + QStringLiteral("/dqn.chat.jsonl"))},
                                                  {QStringLiteral("states"), QString(dir + QStringLiteral("/dqn.states.jsonl"))},
                                                  {QStringLiteral("report"), QString(dir + QStringLiteral("/dqn.report.json"))}}}};
}

} // namespace

class TestTraderPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ml::TrainingService> m_training;   // not started: its signals are emitted here
    std::unique_ptr<MarketService> m_market;           // not started: its feed is emitted here

    template <typename T>
    static T *child(QWidget *root, const char *name)
    {
        auto *widget = root->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child named %s", name);
        return widget;
    }

    static void emitState(ml::TrainingService *service, Phase phase, const QString &run, const QString &text = {})
    {
        ml::RlTrainingState state;
        state.phase = phase;
        state.runDirectory = run;
        state.text = text.isEmpty() ? QStringLiteral("Training") : text;
        Q_EMIT service->rlStateChanged(state);
    }

    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        QTest::qWait(60);   // layouts settle over a few passes
        const QString path = screenshotPath(name);
        const QImage image = widget->grab().toImage();
        QVERIFY(image.save(path));
        qInfo() << "screenshot:" << path;
    }

    // A fake stopped run on disk: config.json from the real DqnTrainingConfig, metrics.csv in the
    // trainer's columns and a checkpoint file.
    QString writeFakeRun(const QString &name, qint64 steps, qint64 timesteps)
    {
        const QString dir = m_dir.filePath(QStringLiteral("runs/") + name);
        ml::DqnTrainingConfig config;
        config.dqn.timesteps = timesteps;
        config.dataKind = QStringLiteral("csv");
        config.dataSource = m_dir.filePath(QStringLiteral("sine.csv"));
        QVector<ml::DqnStepMetrics> rows;
        for (qint64 s = 10; s <= steps; s += 10)
            rows.append(fakeMetrics(s));
        writeFile(QDir(dir).filePath(QStringLiteral("config.json")), QJsonDocument(config.toJson()).toJson());
        writeFile(QDir(dir).filePath(QStringLiteral("metrics.csv")), metricsCsv(rows));
        writeFile(QDir(dir).filePath(QStringLiteral("checkpoints/last.pt")), QByteArray("not a real checkpoint"));
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());   // numbers checked digit by digit
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(m_dir.isValid());
        QVERIFY(writeSineCsv(m_dir.filePath(QStringLiteral("sine.csv"))));
        m_training = std::make_unique<ml::TrainingService>();
        MarketConfig market;
        market.databasePath = m_dir.filePath(QStringLiteral("apedesk.sqlite"));
        m_market = std::make_unique<MarketService>(market);
    }

    void cleanupTestCase()
    {
        m_training.reset();
        m_market.reset();
    }

    void metricsCsvReader()
    {
        // Columns by header name, empty cells are NaN, errors name the line.
        const QString good = m_dir.filePath(QStringLiteral("metrics-good.csv"));
        QVERIFY(writeFile(good, "step,episodes,episode_reward,mean_episode_reward,loss,mean_q,epsilon,seconds\n"
                                "100,0,,,,,0.955,0.1\n"
                                "1200,9,-2.5,-3.25,0.125,0.5,0.46,1.5\n"));
        const auto rows = ui::readTraderMetricsCsv(good);
        QVERIFY2(rows, rows ? "" : qPrintable(rows.error().toString()));
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).step, qint64(100));
        QVERIFY(std::isnan(rows->at(0).episodeReward));
        QVERIFY(std::isnan(rows->at(0).loss));
        QCOMPARE(rows->at(0).epsilon, 0.955);
        QCOMPARE(rows->at(1).episodes, 9);
        QCOMPARE(rows->at(1).episodeReward, -2.5);
        QCOMPARE(rows->at(1).meanEpisodeReward, -3.25);
        QCOMPARE(rows->at(1).loss, 0.125);
        const QString bad = m_dir.filePath(QStringLiteral("metrics-bad.csv"));
        QVERIFY(writeFile(bad, "step,episodes,episode_reward,mean_episode_reward,loss,mean_q,epsilon,seconds\n"
                               "100,0,,,,,0.955,0.1\n100,0,oops,,,,0.9,0.2\n"));
        const auto badRows = ui::readTraderMetricsCsv(bad);
        QVERIFY(!badRows);
        QCOMPARE(badRows.error().kind, Error::Kind::Format);
        QVERIFY(badRows.error().message.contains(QStringLiteral("Line 3")));
        QVERIFY(badRows.error().message.contains(QStringLiteral("oops")));
        // The GAN's metrics are not a trader's.
        const QString gan = m_dir.filePath(QStringLiteral("metrics-gan.csv"));
        QVERIFY(writeFile(gan, "step,epoch,critic_loss,generator_loss\n1,0,-1,0.5\n"));
        QVERIFY(!ui::readTraderMetricsCsv(gan));
        QVERIFY(!ui::readTraderMetricsCsv(m_dir.filePath(QStringLiteral("missing.csv"))));
        // A default run folder is new and under the runs folder.
        const QString fresh = ui::defaultTraderRunDirectory();
        QVERIFY(fresh.startsWith(Paths::runsDir()));
        QVERIFY(QFileInfo(fresh).fileName().startsWith(QStringLiteral("dqn-")));
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void curvesFollowTheRows()
    {
        ui::TraderTrainingPane pane(m_training.get(), m_market.get());
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const QString run = m_dir.filePath(QStringLiteral("runs/dqn-fake"));
        emitState(m_training.get(), Phase::Training, run);
        QCOMPARE(pane.currentRun(), QDir(run).absolutePath());

        auto *reward = pane.curves()->rewardChart();
        auto *loss = pane.curves()->lossChart();
        auto *epsilon = pane.curves()->epsilonChart();
        QVERIFY(!child<QLabel>(&pane, "traderRewardChartEmpty")->isHidden());
        // Rows every 10 steps up to 1,500: 150 rows, an episode ends every 120 steps (12 of them).
        for (qint64 s = 10; s <= 1500; s += 10)
            Q_EMIT m_training->rlMetrics(fakeMetrics(s));
        QCOMPARE(pane.curves()->rows().size(), 150);
        QCOMPARE(reward->pointCount(ui::TraderCurvesView::EpisodeReward), 12);
        QCOMPARE(reward->pointCount(ui::TraderCurvesView::MeanEpisodeReward), 12);
        QCOMPARE(loss->pointCount(0), 50);       // only after the learning start (steps 1,010 … 1,500)
        QCOMPARE(epsilon->pointCount(0), 150);
        // Each episode's point sits at the first row that reports it.
        QCOMPARE(reward->points(ui::TraderCurvesView::EpisodeReward).first(), QPointF(120, fakeMetrics(120).episodeReward));
        // The burst is drawn in one redraw.
        const int before = epsilon->redrawCount();
        QTRY_COMPARE(epsilon->shownPointCount(0), 150);
        QCOMPARE(epsilon->redrawCount(), before + 1);
        QVERIFY(child<QLabel>(&pane, "traderRewardChartEmpty")->isHidden());
        QVERIFY(epsilon->xRange().y() >= 1500.0 && epsilon->xRange().y() <= 2000.0);

        // A step at or before the last one restarts the series from there (a continuation from an
        // earlier checkpoint): the rows after it are dropped.
        Q_EMIT m_training->rlMetrics(fakeMetrics(1200));
        QCOMPARE(pane.curves()->rows().size(), 120);
        QCOMPARE(pane.curves()->rows().last().step, qint64(1200));
        QCOMPARE(reward->pointCount(ui::TraderCurvesView::EpisodeReward), 10);
        QCOMPARE(loss->pointCount(0), 20);
        QCOMPARE(epsilon->pointCount(0), 120);

        // A steady stream is drawn several times a second, not once per row.
        const int redrawsBefore = epsilon->redrawCount();
        QElapsedTimer clock;
        clock.start();
        qint64 step = 1200;
        QTimer feeder;
        connect(&feeder, &QTimer::timeout, this, [&] {
            for (int i = 0; i < 40; ++i)
                Q_EMIT m_training->rlMetrics(fakeMetrics(step += 10));
            if (step >= 21200)
                feeder.stop();
        });
        feeder.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(!feeder.isActive(), 10000);
        const double seconds = clock.elapsed() / 1000.0;
        QVERIFY2(seconds < 4, qPrintable(QString::number(seconds)));
        QTRY_VERIFY(!epsilon->redrawPending());
        const int redraws = epsilon->redrawCount() - redrawsBefore;
        QVERIFY2(redraws >= 3, qPrintable(QString::number(redraws)));
        QVERIFY2(redraws <= int(seconds * 1000 / epsilon->redrawInterval()) + 3, qPrintable(QString::number(redraws)));
        QCOMPARE(epsilon->pointCount(0), 2120);
        QVERIFY(epsilon->shownPointCount(0) < 2120);
    }

    void progressBarAndEta()
    {
        ui::TraderTrainingPane pane(m_training.get(), nullptr);
        auto *controls = pane.controls();
        QCOMPARE(controls->progressBar()->value(), 0);
        QVERIFY(child<QLabel>(&pane, "traderProgressText")->isHidden());
        ml::DqnProgress progress;
        progress.step = 25000;
        progress.totalSteps = 100000;
        progress.stepsPerSecond = 2412.4;
        progress.etaSeconds = 31.1;
        Q_EMIT m_training->rlProgress(progress);
        QCOMPARE(controls->progressBar()->value(), 250);   // per mille
        QCOMPARE(controls->progressText(), QStringLiteral("Step 25000 of 100000 · 2412 steps/s · 31 s left"));
        QVERIFY(!child<QLabel>(&pane, "traderProgressText")->isHidden());
        progress.step = 100000;
        progress.stepsPerSecond = 3.25;
        progress.etaSeconds = -1;   // unknown
        Q_EMIT m_training->rlProgress(progress);
        QCOMPARE(controls->progressBar()->value(), 1000);
        QVERIFY(controls->progressText().endsWith(QStringLiteral("3.25 steps/s · — left")));
    }

    void buttonsFollowThePhaseAndTheRun()
    {
        ui::TraderTrainingPane pane(m_training.get(), nullptr);
        auto *start = child<QPushButton>(&pane, "traderStartButton");
        auto *stop = child<QPushButton>(&pane, "traderStopButton");
        auto *resume = child<QPushButton>(&pane, "traderContinueButton");
        auto *open = child<QPushButton>(&pane, "traderOpenButton");
        auto *timesteps = child<QSpinBox>(&pane, "traderTimestepsSpin");
        auto *evaluate = child<QPushButton>(&pane, "traderEvaluateButton");
        auto *exportButton = child<QPushButton>(&pane, "traderExportButton");
        const auto states = [&] {
            return QVector<bool>{start->isEnabled(), stop->isEnabled(), resume->isEnabled(), open->isEnabled(),
                                 timesteps->isEnabled(), evaluate->isEnabled(), exportButton->isEnabled()};
        };
        QCOMPARE(states(), (QVector<bool>{true, false, false, true, true, false, false}));   // no run on screen
        const QString run = m_dir.filePath(QStringLiteral("runs/dqn-phases"));
        emitState(m_training.get(), Phase::Preparing, run, QStringLiteral("Waiting for the GAN training to end"));
        QCOMPARE(states(), (QVector<bool>{false, true, false, false, false, false, false}));
        QVERIFY(child<QLabel>(&pane, "traderRunLabel")->text().contains(QStringLiteral("Waiting for the GAN training")));
        emitState(m_training.get(), Phase::Training, run);
        QCOMPARE(states(), (QVector<bool>{false, true, false, false, false, false, false}));
        emitState(m_training.get(), Phase::Stopping, run, QStringLiteral("Saving a checkpoint and stopping"));
        QCOMPARE(states(), (QVector<bool>{false, false, false, false, false, false, false}));
        emitState(m_training.get(), Phase::Idle, run, QStringLiteral("Stopped"));
        ml::DqnTrainingResult result;
        result.end = ml::DqnTrainingResult::End::Stopped;
        result.steps = 4200;
        Q_EMIT m_training->rlFinished(run, true, Error(), result);
        // A stopped run can be continued, evaluated and exported.
        QCOMPARE(states(), (QVector<bool>{true, false, true, true, true, true, true}));
        QCOMPARE(pane.message(), QStringLiteral("Stopped after 4200 steps; Continue trains it on."));
        QVERIFY(!child<QLabel>(&pane, "traderMessage")->property("error").toBool());
        result.message = QStringLiteral("Stopped at step 4200; the checkpoint is saved and the run can be resumed.");
        Q_EMIT m_training->rlFinished(run, true, Error(), result);
        QCOMPARE(pane.message(), result.message);   // the trainer's own sentence wins

        // A finished run has nothing left to continue; it can still be evaluated and exported.
        emitState(m_training.get(), Phase::Training, run);
        emitState(m_training.get(), Phase::Idle, run, QStringLiteral("Finished"));
        result.end = ml::DqnTrainingResult::End::Finished;
        result.message = QStringLiteral("Trained 100000 steps (800 episodes).");
        Q_EMIT m_training->rlFinished(run, true, Error(), result);
        QCOMPARE(states(), (QVector<bool>{true, false, false, true, true, true, true}));

        // A refused start (another one running) names the reason in the error colour.
        Q_EMIT m_training->rlFinished(m_dir.filePath(QStringLiteral("runs/other")), false,
                                      Error::make(Error::Kind::Usage, QStringLiteral("A trader training is already running.")), {});
        QCOMPARE(pane.message(), QStringLiteral("A trader training is already running."));
        QVERIFY(child<QLabel>(&pane, "traderMessage")->property("error").toBool());
        QCOMPARE(pane.currentRun(), QDir(run).absolutePath());   // the run on screen stays

        // Answers to evaluations and exports this pane did not ask for are not shown.
        Q_EMIT m_training->rlEvaluated(999, true, Error(), sampleEvaluation());
        QCOMPARE(pane.evaluationPage()->model()->rowCount(), 0);
        Q_EMIT m_training->rlExported(999, true, Error(), sampleExportReport(run));
        QVERIFY(pane.evaluationPage()->exportBox()->balanceBar()->isHidden());
    }

    void setupBoxBuildsTheConfig()
    {
        ui::TraderTrainingPane pane(m_training.get(), m_market.get());
        ui::TraderSetupBox *setup = pane.setup();
        // Nothing chosen: Start says what is missing and starts nothing.
        setup->setCsvPath({});
        QSignalSpy states(m_training.get(), &ml::TrainingService::rlStateChanged);
        child<QPushButton>(&pane, "traderStartButton")->click();
        QCOMPARE(pane.message(), QStringLiteral("Choose the swap CSV to train on."));
        QCOMPARE(states.size(), 0);
        setup->setCsvPath(m_dir.filePath(QStringLiteral("nope.csv")));
        QVERIFY(!setup->request());

        const QString csv = m_dir.filePath(QStringLiteral("sine.csv"));
        setup->setCsvPath(csv);
        QCOMPARE(setup->timestepsSpin()->value(), 100000);   // the default
        setup->setTimesteps(25000);
        setup->setSeed(123);
        auto request = setup->request();
        QVERIFY2(request, request ? "" : qPrintable(request.error().toString()));
        QCOMPARE(request->config.dqn.timesteps, qint64(25000));
        QCOMPARE(request->config.dqn.seed, quint64(123));
        QCOMPARE(request->config.dqn.learningStarts, 1000);   // the rest are SB3's defaults
        QCOMPARE(request->config.dqn.bufferSize, 10000);
        QCOMPARE(request->config.dataKind, QStringLiteral("csv"));
        QCOMPARE(request->config.dataSource, QFileInfo(csv).absoluteFilePath());
        QVERIFY(request->runDirectory.startsWith(QDir(Paths::runsDir()).absolutePath()));
        QVERIFY(QFileInfo(request->runDirectory).fileName().startsWith(QStringLiteral("dqn-")));
        // A run folder with files in it is refused (a new run never writes over an old one).
        const QString used = writeFakeRun(QStringLiteral("dqn-used"), 100, 1000);
        setup->setRunDirectory(used);
        QVERIFY(!setup->request());
        QVERIFY(setup->request().error().message.contains(QStringLiteral("not empty")));
        setup->newRunDirectory();
        QVERIFY(setup->request());

        // The swap store: only once a pool is followed, and only when the store exists.
        QVERIFY(!setup->data()->storeRadio()->isEnabled());
        market::MarketFeed feed;
        feed.chain = QStringLiteral("base");
        feed.poolId = *eth::Hash32::fromString(
            QStringLiteral("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"));
        Q_EMIT m_market->feedChanged(feed);
        QVERIFY(setup->data()->storeRadio()->isEnabled());
        QVERIFY(child<QLabel>(&pane, "traderStoreText")->text().contains(QStringLiteral("base")));
        setup->data()->setUseStore(true);
        QVERIFY(!setup->request());
        QVERIFY(setup->request().error().message.contains(QStringLiteral("does not exist")));
        QVERIFY(writeFile(m_market->databasePath(), QByteArray()));
        request = setup->request();
        QVERIFY2(request, request ? "" : qPrintable(request.error().toString()));
        QCOMPARE(request->config.dataKind, QStringLiteral("store"));
        QCOMPARE(request->config.dataSource, m_market->databasePath());
        QCOMPARE(request->config.dataChain, QStringLiteral("base"));
        QCOMPARE(request->config.dataPoolId, feed.poolId.toHex());
        // The pool is no longer followed: back to the CSV.
        Q_EMIT m_market->feedChanged({});
        QVERIFY(!setup->data()->useStore());
        QVERIFY(!setup->data()->storeRadio()->isEnabled());
        QFile::remove(m_market->databasePath());
    }

    void openRunShowsItsCurvesAndAllowsContinue()
    {
        ui::TraderTrainingPane pane(m_training.get(), nullptr);
        QSignalSpy opened(&pane, &ui::TraderTrainingPane::runOpened);
        const QString stopped = writeFakeRun(QStringLiteral("dqn-stopped"), 3000, 100000);
        pane.openRun(stopped);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY2(opened.first().at(1).toBool(), qPrintable(pane.message()));
        QCOMPARE(pane.currentRun(), QDir(stopped).absolutePath());
        QCOMPARE(pane.curves()->rows().size(), 300);
        QCOMPARE(pane.curves()->epsilonChart()->pointCount(0), 300);
        QCOMPARE(pane.message(), QStringLiteral("Opened %1: 300 logged steps.").arg(QDir::toNativeSeparators(stopped)));
        QVERIFY(child<QPushButton>(&pane, "traderContinueButton")->isEnabled());
        QVERIFY(child<QPushButton>(&pane, "traderEvaluateButton")->isEnabled());
        // A run that reached its timesteps: nothing to continue.
        const QString done = writeFakeRun(QStringLiteral("dqn-done"), 1000, 1000);
        pane.openRun(done);
        QTRY_COMPARE(opened.size(), 2);
        QVERIFY(!child<QPushButton>(&pane, "traderContinueButton")->isEnabled());
        QVERIFY(child<QPushButton>(&pane, "traderExportButton")->isEnabled());
        // A folder that is not a trader run says why; what was shown stays.
        pane.openRun(m_dir.filePath(QStringLiteral("runs")));
        QTRY_COMPARE(opened.size(), 3);
        QCOMPARE(opened.last().at(1).toBool(), false);
        QVERIFY(pane.message().contains(QStringLiteral("config.json")));
        QCOMPARE(pane.curves()->rows().size(), 100);
    }

    void evaluationTableAndEquityCurves()
    {
        ui::TraderTrainingPane pane(m_training.get(), nullptr);
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.tabs()->setCurrentWidget(pane.evaluationPage());
        ui::TraderEvaluationModel *model = pane.evaluationPage()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(pane.evaluationPage()->showEvaluation(sampleEvaluation()));
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->columnCount(), int(ui::TraderEvaluationModel::ColumnCount));
        using M = ui::TraderEvaluationModel;
        QCOMPARE(model->index(0, M::PolicyColumn).data().toString(), QStringLiteral("DQN policy"));
        QCOMPARE(model->index(1, M::PolicyColumn).data().toString(), QStringLiteral("Buy and hold"));
        QCOMPARE(model->index(2, M::PolicyColumn).data().toString(), QStringLiteral("Random"));
        QCOMPARE(model->index(0, M::TotalReturnColumn).data().toString(), QStringLiteral("+8.34 %"));
        QCOMPARE(model->index(1, M::TotalReturnColumn).data().toString(), QStringLiteral("-1.21 %"));
        QCOMPARE(model->index(0, M::SharpeColumn).data().toString(), QStringLiteral("1.92"));
        QCOMPARE(model->index(2, M::MaxDrawdownColumn).data().toString(), QStringLiteral("27.71 %"));
        QCOMPARE(model->index(2, M::TradesColumn).data().toString(), QStringLiteral("98"));
        QCOMPARE(model->index(1, M::FeesColumn).data().toString(), QStringLiteral("8.91"));
        QCOMPARE(model->index(2, M::FeesColumn).data(M::ValueRole).toDouble(), 276.16);
        QCOMPARE(model->index(1, M::PolicyColumn).data(M::PolicyKeyRole).toString(), QStringLiteral("buy_and_hold"));
        // The best total return is bold; the name cell carries the curve's colour.
        QVERIFY(model->index(0, M::TotalReturnColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model->index(1, M::TotalReturnColumn).data(Qt::FontRole).isValid());
        auto *chart = pane.evaluationPage()->equityChart();
        QCOMPARE(model->index(0, M::PolicyColumn).data(Qt::DecorationRole).value<QColor>(), chart->seriesColor(0));
        QCOMPARE(model->headerData(M::MaxDrawdownColumn, Qt::Horizontal).toString(), QStringLiteral("Max drawdown"));
        // Three equity curves from 1, each with every step.
        QCOMPARE(chart->seriesCount(), 3);
        for (int s = 0; s < 3; ++s) {
            QCOMPARE(chart->pointCount(s), 300);
            QCOMPARE(chart->points(s).first(), QPointF(0, 1.0));
        }
        QCOMPARE(chart->seriesName(1), QStringLiteral("Buy and hold"));
        QVERIFY(pane.evaluationPage()->summaryText().contains(QStringLiteral("299 held-out decision steps · 16 synthetic sequences")));
        QTRY_VERIFY(!chart->redrawPending());
        QVERIFY(!child<QLabel>(&pane, "traderEquityChartEmpty")->isVisible());
        // The whole table fits next to the chart at this width.
        QVERIFY(!pane.evaluationPage()->table()->horizontalScrollBar()->isVisible());
        // Something without policies is refused and clears the table.
        QVERIFY(!pane.evaluationPage()->showEvaluation({}));
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(chart->pointCount(0), 0);
    }

    void exportReportShowsTheClassBalance()
    {
        ui::TraderTrainingPane pane(m_training.get(), nullptr);
        ui::TraderExportBox *box = pane.evaluationPage()->exportBox();
        QVERIFY(box->balanceBar()->isHidden());
        QVERIFY(box->reportText().startsWith(QStringLiteral("No export yet")));
        box->showReport(sampleExportReport(QStringLiteral("/tmp/x")));
        QVERIFY(!box->balanceBar()->isHidden());
        QCOMPARE(box->balanceBar()->counts(), (std::array<int, 3>{122, 41, 37}));
        const QString text = box->reportText();
        QVERIFY2(text.contains(QStringLiteral("200 examples from 20 episodes in dqn.jsonl")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("HOLD (APE NEUTRAL): 122 · 61.0 %")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("BUY (APE IN): 41 · 20.5 %")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("SELL (APE OUT): 37 · 18.5 %")), qPrintable(text));
        // The files written, in full, in the summary's tooltip.
        QVERIFY(child<QLabel>(&pane, "traderExportSummary")->toolTip().contains(QStringLiteral("/tmp/x/dqn.chat.jsonl")));
        QCOMPARE(box->episodesSpin()->value(), 20);   // the tutorial's defaults
        QCOMPARE(box->stepsSpin()->value(), 100);
        box->clearReport();
        QVERIFY(box->balanceBar()->isHidden());
    }

    void paneWithoutTrainingService()
    {
        ui::TraderTrainingPane pane(nullptr, nullptr);
        auto *note = child<QLabel>(&pane, "traderTrainingPaneNote");
        QVERIFY(note->isVisibleTo(&pane));
        QVERIFY(note->text().contains(QStringLiteral("no training engine")));
        for (const char *name : {"traderStartButton", "traderStopButton", "traderContinueButton", "traderEvaluateButton",
                                 "traderExportButton"})
            QVERIFY2(!child<QPushButton>(&pane, name)->isEnabled(), name);
        pane.setup()->setCsvPath(m_dir.filePath(QStringLiteral("sine.csv")));
        pane.start();   // nothing to start it on; no crash
        pane.stop();
        pane.continueRun();
        pane.evaluate();
        pane.exportDataset(m_dir.filePath(QStringLiteral("never.jsonl")), 2, 2);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.jsonl"))));
        // Past runs still open.
        QSignalSpy opened(&pane, &ui::TraderTrainingPane::runOpened);
        pane.openRun(writeFakeRun(QStringLiteral("dqn-offline"), 500, 1000));
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(pane.curves()->rows().size(), 50);
        QVERIFY(!child<QPushButton>(&pane, "traderContinueButton")->isEnabled());
    }

    void everyWidgetHasAnObjectName()
    {
        ui::TraderTrainingPane pane(m_training.get(), m_market.get());
        int checked = 0;
        for (QWidget *w : pane.findChildren<QWidget *>()) {
            const bool ours = qobject_cast<QLabel *>(w) || qobject_cast<QAbstractButton *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QProgressBar *>(w) || qobject_cast<QSpinBox *>(w)
                || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QAbstractScrollArea *>(w)
                || qobject_cast<QTabWidget *>(w);
            bool inner = false;
            for (QWidget *p = w->parentWidget(); p && p != &pane; p = p->parentWidget())
                inner |= qobject_cast<QAbstractItemView *>(p) || qobject_cast<QTabBar *>(p)
                    || qobject_cast<QComboBox *>(p) || qobject_cast<QAbstractSpinBox *>(p);
            inner |= qobject_cast<QTabBar *>(w) || qobject_cast<QScrollBar *>(w)
                || w->objectName().startsWith(QStringLiteral("qt_"));
            if (!ours || inner)
                continue;
            ++checked;
            QVERIFY2(!w->objectName().isEmpty(), qPrintable(QString(QString::fromLatin1(w->metaObject()->className())
                                                                    + QStringLiteral(" ")
                                                                    + (qobject_cast<QLabel *>(w) ? qobject_cast<QLabel *>(w)->text()
                                                                                                 : QString()))));
        }
        QVERIFY2(checked > 25, qPrintable(QString::number(checked)));
    }

    void screenshots()
    {
        ui::TraderTrainingPane pane(m_training.get(), m_market.get());
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setup()->setCsvPath(m_dir.filePath(QStringLiteral("sine.csv")));
        const QString run = QDir(Paths::runsDir()).filePath(QStringLiteral("dqn-20250101-120000"));
        emitState(m_training.get(), Phase::Training, run, QStringLiteral("Step 24,000 of 100,000."));
        for (qint64 s = 10; s <= 24000; s += 10)
            Q_EMIT m_training->rlMetrics(fakeMetrics(s));
        ml::DqnProgress progress;
        progress.step = 24000;
        progress.totalSteps = 100000;
        progress.stepsPerSecond = 2412;
        progress.etaSeconds = 31.5;
        Q_EMIT m_training->rlProgress(progress);
        QTRY_VERIFY(!pane.curves()->rewardChart()->redrawPending());
        QTRY_VERIFY(!pane.curves()->epsilonChart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("trader-training.png"));

        pane.tabs()->setCurrentWidget(pane.evaluationPage());
        pane.evaluationPage()->showEvaluation(sampleEvaluation());
        pane.evaluationPage()->exportBox()->showReport(sampleExportReport(QDir(run).absolutePath()));
        QTRY_VERIFY(!pane.evaluationPage()->equityChart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("trader-evaluation-sample.png"));

        // The main window's default layout gives the GAN lab's place a third of 1280 × 800 across and
        // half down: both tabs fit that without clipping (the run's settings scroll).
        for (int tab = 0; tab < pane.tabs()->count(); ++tab) {
            pane.tabs()->setCurrentIndex(tab);
            const QSize minimum = pane.minimumSizeHint();
            QVERIFY2(minimum.width() <= 400 && minimum.height() <= 330,
                     qPrintable(QStringLiteral("tab %1 needs %2 × %3").arg(tab).arg(minimum.width()).arg(minimum.height())));
        }
        pane.tabs()->setCurrentIndex(0);
        pane.resize(420, 360);
        QTest::qWait(200);
        saveScreenshot(&pane, QStringLiteral("trader-training-small.png"));
        pane.tabs()->setCurrentIndex(1);
        QTest::qWait(200);
        saveScreenshot(&pane, QStringLiteral("trader-evaluation-small.png"));
    }

    void liveTrainingStopsContinuesEvaluatesAndExports()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        const QString csv = data.filePath(QStringLiteral("sine.csv"));
        QVERIFY(writeSineCsv(csv));
        Settings settings(data.filePath(QStringLiteral("live.ini")));
        Core core(&settings);
        ml::TrainingService *training = ml::addTrainingService(core, 1);
        QVERIFY(training);
        ui::TraderTrainingPane pane(training, nullptr);
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY_WITH_TIMEOUT(training->runtime().has_value(), 30000);

        // The DQN on the sine, with a short exploration so the ε curve bends within seconds.
        ml::DqnTrainingConfig config;
        config.dqn.timesteps = 400000;   // stopped long before
        config.dqn.explorationFraction = 0.02;
        config.dqn.seed = 7;
        config.logEverySteps = 50;
        config.checkpointEverySteps = 1000000;
        config.threads = 1;
        config.dataKind = QStringLiteral("csv");
        config.dataSource = csv;
        const QString run = data.filePath(QStringLiteral("runs/dqn-live"));

        // The GUI thread's longest gap between 10 ms ticks while the training runs.
        QElapsedTimer tickClock;
        qint64 longestGap = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (tickClock.isValid())
                longestGap = std::max(longestGap, tickClock.elapsed());
            tickClock.start();
        });
        ticker.start(10);

        QSignalSpy finished(training, &ml::TrainingService::rlFinished);
        pane.startWith(config, run);
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Training, 60000);
        QVERIFY(!child<QPushButton>(&pane, "traderStartButton")->isEnabled());
        QVERIFY(child<QPushButton>(&pane, "traderStopButton")->isEnabled());

        // The curves move: more points at a second look than at the first; past the learning start
        // the loss has points, and the episodes' rewards are drawn.
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->totalPoints() >= 20, 60000);
        const int first = pane.curves()->totalPoints();
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->totalPoints() > first + 20, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->lossChart()->pointCount(0) > 5, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->rewardChart()->pointCount(ui::TraderCurvesView::EpisodeReward) > 5, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.controls()->progressText().contains(QStringLiteral("steps/s")), 30000);
        QVERIFY(pane.controls()->progressText().startsWith(QStringLiteral("Step ")));
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->rows().last().step > 12000, 120000);

        // Stop: a checkpoint and End::Stopped.
        child<QPushButton>(&pane, "traderStopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        QCOMPARE(finished.first().at(0).toString(), run);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).value<Error>().toString()));
        const auto result = finished.first().at(3).value<ml::DqnTrainingResult>();
        QCOMPARE(result.end, ml::DqnTrainingResult::End::Stopped);
        QTRY_COMPARE(pane.phase(), Phase::Idle);
        QVERIFY(child<QPushButton>(&pane, "traderStartButton")->isEnabled());
        QVERIFY(child<QPushButton>(&pane, "traderContinueButton")->isEnabled());
        QVERIFY(pane.message().startsWith(QStringLiteral("Stopped")));
        QVERIFY(QFileInfo::exists(QDir(run).filePath(QStringLiteral("checkpoints/last.pt"))));
        // The bar shows the step the run stopped at.
        QTRY_VERIFY(pane.controls()->progressText().startsWith(QStringLiteral("Step %1 of 400000").arg(result.steps)));
        QTRY_VERIFY(!pane.curves()->rewardChart()->redrawPending());
        QTRY_VERIFY(!pane.curves()->lossChart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("trader-training-live.png"));

        // Continue: the curves go on from the stopped step, the history stays in front.
        const qint64 firstRow = pane.curves()->rows().first().step;
        child<QPushButton>(&pane, "traderContinueButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Training, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->rows().last().step > result.steps + 200, 60000);
        QCOMPARE(pane.curves()->rows().first().step, firstRow);
        child<QPushButton>(&pane, "traderStopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 120000);
        QVERIFY(finished.last().at(1).toBool());
        QCOMPARE(finished.last().at(3).value<ml::DqnTrainingResult>().end, ml::DqnTrainingResult::End::Stopped);
        QTRY_COMPARE(pane.phase(), Phase::Idle);
        ticker.stop();
        qInfo() << "live run:" << pane.curves()->rows().last().step << "steps," << pane.curves()->rows().size()
                << "rows shown; GUI's longest gap" << longestGap << "ms";
        QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));   // the GUI never waited on the training

        // Evaluate: three equity curves and the table, checked by the model tester.
        pane.tabs()->setCurrentWidget(pane.evaluationPage());
        QAbstractItemModelTester tester(pane.evaluationPage()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(child<QPushButton>(&pane, "traderEvaluateButton")->isEnabled());
        child<QPushButton>(&pane, "traderEvaluateButton")->click();
        QVERIFY(!child<QPushButton>(&pane, "traderEvaluateButton")->isEnabled());   // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(pane.evaluationPage()->model()->rowCount(), 3, 120000);
        QVERIFY2(pane.evaluationPage()->message().startsWith(QStringLiteral("Evaluated")),
                 qPrintable(pane.evaluationPage()->message()));
        auto *equity = pane.evaluationPage()->equityChart();
        const int steps = equity->pointCount(0);
        QVERIFY(steps > 100);
        QCOMPARE(equity->pointCount(1), steps);
        QCOMPARE(equity->pointCount(2), steps);
        for (int s = 0; s < 3; ++s)
            QCOMPARE(equity->points(s).first().y(), 1.0);
        QCOMPARE(pane.evaluationPage()->model()->row(1).trades, 3);   // buy-and-hold: once per held-out sequence
        QVERIFY(QFileInfo::exists(QDir(run).filePath(QStringLiteral("evaluation.json"))));

        // Export dataset: the report with its class balance, and the files.
        const QString out = data.filePath(QStringLiteral("dqn.jsonl"));
        pane.exportDataset(out, 4, 25);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.evaluationPage()->exportBox()->balanceBar()->isHidden(), 120000);
        const std::array<int, 3> counts = pane.evaluationPage()->exportBox()->balanceBar()->counts();
        const int examples = counts[0] + counts[1] + counts[2];
        QVERIFY(examples > 0 && examples <= 100);
        QVERIFY2(pane.evaluationPage()->exportBox()->reportText().contains(QStringLiteral("from 4 episodes")),
                 qPrintable(pane.evaluationPage()->exportBox()->reportText()));
        QCOMPARE(pane.evaluationPage()->message(), QStringLiteral("Exported %1 examples.").arg(examples));
        QVERIFY(QFileInfo(out).size() > 0);
        QTRY_VERIFY(!equity->redrawPending());
        saveScreenshot(&pane, QStringLiteral("trader-evaluation.png"));
        QVERIFY(core.shutdown(30000));
    }
};

QTEST_MAIN(TestTraderPane)
#include "test_trader_pane.moc"
