// The GAN lab pane. First driven the way TrainingService drives it: ganStateChanged, ganMetrics,
// ganProgress, ganFinished and ganValidated emitted here from a real TrainingService that is not
// started (so they reach the pane's slots on the GUI thread). Checks the curves (points per series,
// coalesced redraws while a burst of rows arrives, decimation), the progress bar and its ETA line, the
// buttons per training phase, the setup box's config (CSV, swap store, presets, seed, run folder),
// the validation table built from validationReportJson with the grade colours as painted, the runs
// list scanned off the GUI thread from a temporary runs folder (two fake runs plus folders that are
// not GAN runs), reopen and compare, the real-vs-synthetic samples read from the shared swap CSV, the
// pane without a training service, and screenshots in $APEDESK_BUILD_DIR/screenshots/gan-lab-*.png.
// Then live: a started TrainingService trains a tiny config on a slice of the real swaps, driven from
// the pane: the curves grow, Pause holds the step, Resume moves it again, Stop ends with End::Stopped;
// the stopped run is reopened from the runs list, generated from and validated (gan-lab-live.png).
// Every model runs under QAbstractItemModelTester.

#include "common/paths.h"
#include "common/settings.h"
#include "core.h"
#include "gan/gancurvesview.h"
#include "gan/ganenginebox.h"
#include "gan/gangeneratedialog.h"
#include "gan/ganlabpane.h"
#include "gan/ganmetricsmodel.h"
#include "gan/ganrunfiles.h"
#include "gan/ganrunsmodel.h"
#include "gan/ganrunspage.h"
#include "gan/gansampleplot.h"
#include "gan/gansamples.h"
#include "gan/gansetupbox.h"
#include "gan/ganstyle.h"
#include "gan/gantrainingcontrols.h"
#include "gan/ganvalidationmodel.h"
#include "gan/ganvalidationpage.h"
#include "ganvalidation.h"
#include "market/marketservice.h"
#include "trainingservice.h"
#include "widgets/charts/linechartview.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
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
#include <memory>

using namespace apedesk;
using Phase = ml::GanTrainingState::Phase;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

QString sharedSwapsCsv()
{
    const QString shared = qEnvironmentVariable("APEDESK_SHARED_DIR",
                                                 qEnvironmentVariable("APEDESK_SOURCE_DIR", QDir::currentPath())
                                                     + QStringLiteral("/../shared"));
    return QDir(shared).filePath(QStringLiteral("data/base_eth_usdc_swaps.csv"));
}

// metrics.csv as GanTrainer writes it (the live test reads a real one).
const char *const kMetricsHeader = "step,epoch,critic_loss,generator_loss,gradient_penalty,wasserstein,"
                                   "validation_generator_loss,validation_critic_loss,lr_g,lr_d,seconds\n";

// A plausible WGAN-GP log: the critic loss climbs from strongly negative towards 0, the generator
// loss settles, the penalty shrinks; validation figures at each epoch's end.
ml::GanStepMetrics fakeMetrics(qint64 step, int stepsPerEpoch, double seed = 0)
{
    ml::GanStepMetrics m;
    m.step = step;
    m.epoch = int(step / stepsPerEpoch);
    const double t = double(step);
    const double wiggle = std::sin(t * 0.37 + seed) * 0.15 + std::sin(t * 0.071 + seed * 2) * 0.1;
    m.criticLoss = -4.0 * std::exp(-t / 180.0) - 0.3 + wiggle;
    m.generatorLoss = 1.5 * std::exp(-t / 250.0) + 0.4 + wiggle * 0.8 + seed * 0.1;
    m.gradientPenalty = 0.9 * std::exp(-t / 90.0) + 0.05 + std::abs(wiggle) * 0.2;
    m.wasserstein = 3.5 * std::exp(-t / 200.0) + 0.2 - wiggle * 0.5;
    if (step > 0 && step % stepsPerEpoch == 0) {   // the first row of each new epoch carries the last one's
        m.validationGeneratorLoss = m.generatorLoss + 0.15;
        m.validationCriticLoss = m.criticLoss + 0.2;
    }
    m.learningRateG = 2e-4;
    m.learningRateD = 4e-4;
    m.secondsElapsed = t * 0.08;
    return m;
}

QByteArray metricsCsv(const QVector<ml::GanStepMetrics> &rows)
{
    QByteArray out(kMetricsHeader);
    const auto optional = [](const std::optional<double> &v) { return v ? QByteArray::number(*v, 'g', 17) : QByteArray(); };
    for (const ml::GanStepMetrics &m : rows)
        out += QByteArray::number(m.step) + ',' + QByteArray::number(m.epoch) + ','
            + QByteArray::number(m.criticLoss, 'g', 17) + ',' + QByteArray::number(m.generatorLoss, 'g', 17) + ','
            + QByteArray::number(m.gradientPenalty, 'g', 17) + ',' + QByteArray::number(m.wasserstein, 'g', 17) + ','
            + optional(m.validationGeneratorLoss) + ',' + optional(m.validationCriticLoss) + ','
            + QByteArray::number(m.learningRateG) + ',' + QByteArray::number(m.learningRateD) + ','
            + QByteArray::number(m.secondsElapsed) + '\n';
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// A fake finished run: config.json from the real GanTrainingConfig, metrics.csv in the trainer's columns.
QVector<ml::GanStepMetrics> writeFakeRun(const QString &dir, const QString &preset, int steps, double seed,
                                         bool checkpoint)
{
    ml::GanTrainingConfig config;
    config.preset = preset;
    config.model = preset == QLatin1String("full") ? ml::GanConfig::full() : ml::GanConfig::quick();
    config.dataKind = QStringLiteral("csv");
    config.dataSource = sharedSwapsCsv();
    config.dataLastRows = preset == QLatin1String("full") ? 0 : 1000;
    QVector<ml::GanStepMetrics> rows;
    for (qint64 s = 0; s < steps; s += 5)
        rows.append(fakeMetrics(s, 50, seed));
    writeFile(QDir(dir).filePath(QStringLiteral("config.json")), QJsonDocument(config.toJson()).toJson());
    writeFile(QDir(dir).filePath(QStringLiteral("metrics.csv")), metricsCsv(rows));
    if (checkpoint)
        writeFile(QDir(dir).filePath(QStringLiteral("checkpoints/last.pt")), QByteArray("not a real checkpoint"));
    return rows;
}

// A report with every grade: validationReportJson of a hand-made ValidationReport.
QJsonObject sampleReport()
{
    ml::ValidationReport report;
    report.realSequences = 7977;
    report.syntheticSequences = 100;
    report.steps = 24;
    const ml::ValidationGrade grades[] = {ml::ValidationGrade::Excellent, ml::ValidationGrade::Good,
                                          ml::ValidationGrade::Fair, ml::ValidationGrade::Poor};
    for (int f = 0; f < ml::kGanFeatureCount; ++f) {
        ml::FeatureValidation v;
        v.name = ml::ganFeatureName(f);
        v.ks = 0.05 + 0.08 * f;
        v.pValue = f == 9 ? 1e-12 : 0.9 / (f + 1);
        v.meanDiff = 0.03 * (f + 1);
        v.stdDiff = 0.05 * (f + 1);
        v.grade = grades[f % 4];
        report.features.push_back(v);
        ml::AutocorrelationValidation a;
        a.name = v.name;
        for (int lag = 0; lag < ml::kAutocorrelationLags; ++lag) {
            a.real[lag] = 0.9 - lag * 0.05;
            a.synthetic[lag] = 0.85 - lag * 0.06;
        }
        a.meanAbsDiff = 0.04 * (f + 1);
        a.grade = grades[(f + 1) % 4];
        report.autocorrelation.push_back(a);
    }
    report.averageKs = 0.41;
    report.averageAutocorrelationDiff = 0.15;   // GOOD
    report.overall = ml::ValidationGrade::Fair;
    return ml::validationReportJson(report);
}

bool near(const QColor &a, const QColor &b, int tolerance = 14)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
           && std::abs(a.blue() - b.blue()) <= tolerance;
}

// The painted fill of a table cell, just inside its top-left corner (the text sits in the middle).
QColor cellFill(QTableView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    const QRect cell = view->visualRect(index);
    const QImage image = view->viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    return image.pixelColor(QPoint(qRound((cell.left() + 3) * dpr), qRound((cell.top() + 3) * dpr)));
}

} // namespace

class TestGanPane : public QObject
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
        ml::GanTrainingState state;
        state.phase = phase;
        state.runDirectory = run;
        state.text = text.isEmpty() ? QStringLiteral("Training") : text;
        Q_EMIT service->ganStateChanged(state);
    }

    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        QTest::qWait(60);   // layouts settle over a few passes
        const QString path = screenshotPath(name);
        const QImage image = widget->grab().toImage();
        QVERIFY(image.save(path));
        qInfo() << "screenshot:" << path;
    }

    QString runsFolder() const { return m_dir.filePath(QStringLiteral("runs")); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());   // numbers checked digit by digit
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(m_dir.isValid());
        m_training = std::make_unique<ml::TrainingService>();
        MarketConfig market;
        market.databasePath = m_dir.filePath(QStringLiteral("apedesk.sqlite"));
        m_market = std::make_unique<MarketService>(market);

        // Two GAN runs, a folder of another training, a run without metrics and a stray file.
        writeFakeRun(QDir(runsFolder()).filePath(QStringLiteral("gan-quick")), QStringLiteral("quick"), 600, 0.0, true);
        writeFakeRun(QDir(runsFolder()).filePath(QStringLiteral("gan-full")), QStringLiteral("full"), 900, 1.3, false);
        QVERIFY(writeFile(QDir(runsFolder()).filePath(QStringLiteral("dqn-1/config.json")), "{\"agent\": \"dqn\"}"));
        QVERIFY(writeFile(QDir(runsFolder()).filePath(QStringLiteral("dqn-1/metrics.csv")), "episode,reward\n1,2\n"));
        QVERIFY(writeFile(QDir(runsFolder()).filePath(QStringLiteral("gan-empty/config.json")), "{}"));
        QVERIFY(writeFile(QDir(runsFolder()).filePath(QStringLiteral("notes.txt")), "hello"));
        // The older run's metrics are older: the list is newest first.
        QFile older(QDir(runsFolder()).filePath(QStringLiteral("gan-full/metrics.csv")));
        QVERIFY(older.open(QIODevice::ReadWrite));
        QVERIFY(older.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
    }

    void cleanupTestCase()
    {
        m_training.reset();
        m_market.reset();
    }

    void metricsCsvReaderAndRunsScan()
    {
        // The reader: columns by header name, empty validation cells stay unset, errors name the line.
        const QString good = m_dir.filePath(QStringLiteral("metrics-good.csv"));
        QVERIFY(writeFile(good, QByteArray(kMetricsHeader) + "0,0,-1.5,0.7,0.2,1.1,,,0.0002,0.0004,0.5\n"
                                    "10,0,-1.25,0.65,0.1,1,0.8,-1,0.0002,0.0004,1.5\n" + "20,1,nan,0.6,0.1,inf,,,0.0002,0.0004,2.5\n"));
        const auto rows = ui::readGanMetricsCsv(good);
        QVERIFY2(rows, rows ? "" : qPrintable(rows.error().toString()));
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(1).step, qint64(10));
        QCOMPARE(rows->at(1).criticLoss, -1.25);
        QVERIFY(!rows->at(0).validationGeneratorLoss);
        QCOMPARE(*rows->at(1).validationGeneratorLoss, 0.8);
        QCOMPARE(*rows->at(1).validationCriticLoss, -1.0);
        QVERIFY(std::isnan(rows->at(2).criticLoss));
        QVERIFY(std::isinf(rows->at(2).wasserstein));
        const QString bad = m_dir.filePath(QStringLiteral("metrics-bad.csv"));
        QVERIFY(writeFile(bad, QByteArray(kMetricsHeader) + "0,0,-1.5,0.7,0.2,1.1,,,0.0002,0.0004,0.5\n"
                                   "10,0,oops,0.65,0.1,1,,,0.0002,0.0004,1.5\n"));
        const auto badRows = ui::readGanMetricsCsv(bad);
        QVERIFY(!badRows);
        QCOMPARE(badRows.error().kind, Error::Kind::Format);
        QVERIFY(badRows.error().message.contains(QStringLiteral("Line 3")));
        QVERIFY(badRows.error().message.contains(QStringLiteral("oops")));
        const QString noStep = m_dir.filePath(QStringLiteral("metrics-nostep.csv"));
        QVERIFY(writeFile(noStep, "episode,reward\n1,2\n"));
        QVERIFY(!ui::readGanMetricsCsv(noStep));
        QVERIFY(!ui::readGanMetricsCsv(m_dir.filePath(QStringLiteral("missing.csv"))));

        // The scan: only the two GAN runs, newest first, with their last step and best validation loss.
        const QVector<ui::GanRunInfo> runs = ui::scanGanRuns(runsFolder());
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).name, QStringLiteral("gan-quick"));
        QCOMPARE(runs.at(1).name, QStringLiteral("gan-full"));
        QCOMPARE(runs.at(0).lastStep, qint64(595));
        QCOMPARE(runs.at(0).loggedSteps, 120);
        QVERIFY(runs.at(0).hasCheckpoint);
        QVERIFY(!runs.at(1).hasCheckpoint);
        QCOMPARE(runs.at(1).config.preset, QStringLiteral("full"));
        QVERIFY(runs.at(0).bestValidationGeneratorLoss.has_value());
        QVERIFY(ui::scanGanRuns(m_dir.filePath(QStringLiteral("no-such-folder"))).isEmpty());
        // A default run folder is new and under the runs folder.
        const QString fresh = ui::defaultGanRunDirectory();
        QVERIFY(fresh.startsWith(Paths::runsDir()));
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void curvesGainPointsAndCoalesceRedraws()
    {
        ui::GanLabPane pane(m_training.get(), m_market.get());
        pane.setRunsDirectory(runsFolder());
        auto tester = std::make_unique<QAbstractItemModelTester>(pane.metrics(),
                                                                 QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const QString run = m_dir.filePath(QStringLiteral("runs/gan-live-fake"));
        emitState(m_training.get(), Phase::Training, run);
        QCOMPARE(pane.currentRun(), QDir(run).absolutePath());

        auto *losses = pane.curves()->lossesChart();
        auto *critic = pane.curves()->criticChart();
        QVERIFY(!child<QLabel>(&pane, "ganLossesChartEmpty")->isHidden());
        for (qint64 s = 0; s < 50; ++s)
            Q_EMIT m_training->ganMetrics(fakeMetrics(s, 10));
        QCOMPARE(pane.metrics()->rowCount(), 50);
        QCOMPARE(losses->pointCount(ui::GanCurvesView::CriticLoss), 50);
        QCOMPARE(losses->pointCount(ui::GanCurvesView::GeneratorLoss), 50);
        QCOMPARE(losses->pointCount(ui::GanCurvesView::ValidationGeneratorLoss), 4);
        QCOMPARE(losses->pointCount(ui::GanCurvesView::ValidationCriticLoss), 4);
        QCOMPARE(critic->pointCount(ui::GanCurvesView::GradientPenalty), 50);
        QCOMPARE(critic->pointCount(ui::GanCurvesView::Wasserstein), 50);
        // The 50 rows came in one burst: one redraw draws them all.
        const int before = losses->redrawCount();
        QTRY_COMPARE(losses->shownPointCount(ui::GanCurvesView::CriticLoss), 50);
        QCOMPARE(losses->redrawCount(), before + 1);
        QVERIFY(child<QLabel>(&pane, "ganLossesChartEmpty")->isHidden());
        // Round axis ends around the data.
        QCOMPARE(losses->xRange().x(), 0.0);
        QVERIFY(losses->xRange().y() >= 49.0 && losses->xRange().y() <= 60.0);
        QCOMPARE(pane.metrics()->index(1, ui::GanMetricsModel::CriticLossColumn).data(Qt::EditRole).toDouble(),
                 fakeMetrics(1, 10).criticLoss);
        QVERIFY(!pane.metrics()->index(1, ui::GanMetricsModel::ValidationGeneratorLossColumn).data(Qt::EditRole).isValid());

        // A steady stream (40 rows every 20 ms for a second: 2,000 rows) is drawn several times a
        // second, not once per row, and long series are decimated to what the plot can show. (The
        // tester checks the whole model on every insert; it would be what this measures.)
        tester.reset();
        const int redrawsBefore = losses->redrawCount();
        QElapsedTimer clock;
        clock.start();
        qint64 step = 50;
        QTimer feeder;
        connect(&feeder, &QTimer::timeout, this, [&] {
            for (int i = 0; i < 40; ++i, ++step)
                Q_EMIT m_training->ganMetrics(fakeMetrics(step, 10));
            if (step >= 2050)
                feeder.stop();
        });
        feeder.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(!feeder.isActive(), 10000);
        QCOMPARE(step, qint64(2050));
        const double seconds = clock.elapsed() / 1000.0;
        QVERIFY2(seconds < 4, qPrintable(QString::number(seconds)));   // the GUI kept up with the stream
        QTRY_VERIFY(!losses->redrawPending());
        const int redraws = losses->redrawCount() - redrawsBefore;
        qInfo() << "2,000 rows in" << seconds << "s:" << redraws << "redraws";
        QVERIFY2(redraws >= 3, qPrintable(QString::number(redraws)));                      // live, several a second
        QVERIFY2(redraws <= int(seconds * 1000 / losses->redrawInterval()) + 3, qPrintable(QString::number(redraws)));
        QCOMPARE(losses->pointCount(ui::GanCurvesView::CriticLoss), 2050);
        QVERIFY(losses->shownPointCount(ui::GanCurvesView::CriticLoss) < 2050);
        QVERIFY(losses->shownPointCount(ui::GanCurvesView::CriticLoss) > 100);
        QVERIFY(losses->xRange().y() >= 2049.0 && losses->xRange().y() <= 2500.0);

        // A step at or before the last one restarts the series from there (a resume from an earlier checkpoint).
        tester = std::make_unique<QAbstractItemModelTester>(pane.metrics(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        Q_EMIT m_training->ganMetrics(fakeMetrics(1000, 10));
        QCOMPARE(pane.metrics()->rowCount(), 1001);
        QCOMPARE(pane.metrics()->at(1000).step, qint64(1000));
        QCOMPARE(losses->pointCount(ui::GanCurvesView::CriticLoss), 1001);
    }

    void decimationKeepsSpikesAndOrder()
    {
        QVector<QPointF> line;
        for (int i = 0; i < 10000; ++i)
            line.append({double(i), std::sin(i * 0.01)});
        line[5003].setY(40.0);    // one diverging step
        line[7777].setY(-25.0);
        const QVector<QPointF> shown = ui::charts::decimateLine(line, 800);
        QVERIFY2(shown.size() <= 800 && shown.size() >= 400, qPrintable(QString::number(shown.size())));
        QCOMPARE(shown.first(), line.first());
        QCOMPARE(shown.last(), line.last());
        bool high = false, low = false;
        for (int i = 0; i < shown.size(); ++i) {
            high |= shown.at(i) == line.at(5003);
            low |= shown.at(i) == line.at(7777);
            if (i > 0)
                QVERIFY(shown.at(i).x() > shown.at(i - 1).x());   // x order, each point once
        }
        QVERIFY(high && low);
        // Short series come back as they are.
        QCOMPARE(ui::charts::decimateLine(line.mid(0, 300), 800), line.mid(0, 300));
    }

    void progressBarAndEta()
    {
        ui::GanLabPane pane(m_training.get(), nullptr);
        pane.setRunsDirectory(runsFolder());
        auto *controls = pane.controls();
        QCOMPARE(controls->progressBar()->value(), 0);
        QCOMPARE(controls->progressText(), QString());
        QVERIFY(child<QLabel>(&pane, "ganProgressText")->isHidden());
        ml::GanProgress progress;
        progress.step = 120;
        progress.totalSteps = 800;
        progress.epoch = 3;
        progress.epochs = 20;
        progress.stepsPerSecond = 12.5;
        progress.etaSeconds = 54.4;
        Q_EMIT m_training->ganProgress(progress);
        QCOMPARE(controls->progressBar()->value(), 150);   // per mille
        QCOMPARE(controls->progressText(), QStringLiteral("Epoch 3 of 20 · step 120 of 800 · 12.5 steps/s · 54 s left"));
        QVERIFY(!child<QLabel>(&pane, "ganProgressText")->isHidden());
        progress.step = 800;
        progress.stepsPerSecond = 3.25;
        progress.etaSeconds = 3725;
        Q_EMIT m_training->ganProgress(progress);
        QCOMPARE(controls->progressBar()->value(), 1000);
        QVERIFY(controls->progressText().contains(QStringLiteral("3.25 steps/s · 1 h 02 min left")));
        progress.etaSeconds = -1;   // unknown yet
        Q_EMIT m_training->ganProgress(progress);
        QVERIFY(controls->progressText().endsWith(QStringLiteral("— left")));
        QCOMPARE(ui::GanTrainingControls::durationText(65), QStringLiteral("1 min 05 s"));
        QCOMPARE(ui::GanTrainingControls::durationText(0), QStringLiteral("0 s"));
        // Far past the end (a resumed run logs more steps than planned): the bar stays full.
        progress.step = 900;
        Q_EMIT m_training->ganProgress(progress);
        QCOMPARE(controls->progressBar()->value(), 1000);
    }

    void buttonsFollowThePhase()
    {
        ui::GanLabPane pane(m_training.get(), nullptr);
        pane.setRunsDirectory(runsFolder());
        auto *start = child<QPushButton>(&pane, "ganStartButton");
        auto *pause = child<QPushButton>(&pane, "ganPauseButton");
        auto *resume = child<QPushButton>(&pane, "ganResumeButton");
        auto *stop = child<QPushButton>(&pane, "ganStopButton");
        auto *epochs = child<QSpinBox>(&pane, "ganEpochsSpin");
        auto *measure = child<QPushButton>(&pane, "measureThroughputButton");
        auto *generate = child<QPushButton>(&pane, "ganGenerateButton");
        const auto states = [&] {
            return QVector<bool>{start->isEnabled(), pause->isEnabled(), resume->isEnabled(), stop->isEnabled(),
                                 epochs->isEnabled(), measure->isEnabled()};
        };
        QCOMPARE(states(), (QVector<bool>{true, false, false, false, true, true}));
        QVERIFY(!generate->isEnabled());   // no run on screen
        const QString run = m_dir.filePath(QStringLiteral("runs/gan-phases"));
        emitState(m_training.get(), Phase::Preparing, run, QStringLiteral("Preparing the training data"));
        QCOMPARE(states(), (QVector<bool>{false, false, false, true, false, false}));
        QVERIFY(child<QLabel>(&pane, "ganRunLabel")->text().contains(QStringLiteral("Preparing the training data")));
        emitState(m_training.get(), Phase::Training, run);
        QCOMPARE(states(), (QVector<bool>{false, true, false, true, false, false}));
        QVERIFY(!generate->isEnabled());   // generation waits until the training ends
        emitState(m_training.get(), Phase::Paused, run, QStringLiteral("Paused"));
        QCOMPARE(states(), (QVector<bool>{false, false, true, true, false, false}));
        emitState(m_training.get(), Phase::Stopping, run, QStringLiteral("Saving a checkpoint and stopping"));
        QCOMPARE(states(), (QVector<bool>{false, false, false, false, false, false}));
        emitState(m_training.get(), Phase::Idle, run, QStringLiteral("Stopped"));
        ml::GanTrainingResult result;
        result.end = ml::GanTrainingResult::End::Stopped;
        result.steps = 340;
        Q_EMIT m_training->ganFinished(run, true, Error(), result);
        QCOMPARE(states(), (QVector<bool>{true, false, false, false, true, true}));
        QCOMPARE(pane.message(), QStringLiteral("Stopped after 340 steps; continue it from the Runs tab."));
        QVERIFY(!child<QLabel>(&pane, "ganMessage")->property("error").toBool());
        // A run the pane did not start has no config here until it is opened from the Runs tab.
        QVERIFY(!generate->isEnabled());
        // The trainer's own sentence wins.
        result.message = QStringLiteral("Stopped at step 340; the checkpoint is saved and the run can be resumed.");
        Q_EMIT m_training->ganFinished(run, true, Error(), result);
        QCOMPARE(pane.message(), result.message);

        // A diverged run: the service's sentence, in the error colour.
        Q_EMIT m_training->ganFinished(run, false,
                                       Error::make(Error::Kind::Model, QStringLiteral("The critic loss became NaN at step 12.")),
                                       {});
        QCOMPARE(pane.message(), QStringLiteral("The critic loss became NaN at step 12."));
        QVERIFY(child<QLabel>(&pane, "ganMessage")->property("error").toBool());
    }

    void setupBoxBuildsTheConfig()
    {
        ui::GanLabPane pane(m_training.get(), m_market.get());
        pane.setRunsDirectory(runsFolder());
        ui::GanSetupBox *setup = pane.setup();
        // Nothing chosen: Start says what is missing and starts nothing.
        setup->setCsvPath({});
        QSignalSpy states(m_training.get(), &ml::TrainingService::ganStateChanged);
        child<QPushButton>(&pane, "ganStartButton")->click();
        QCOMPARE(pane.message(), QStringLiteral("Choose the swap CSV to train on."));
        QCOMPARE(states.size(), 0);
        setup->setCsvPath(m_dir.filePath(QStringLiteral("nope.csv")));
        QVERIFY(!setup->request());

        setup->setCsvPath(sharedSwapsCsv());
        QCOMPARE(setup->preset(), QStringLiteral("quick"));
        QCOMPARE(setup->epochsSpin()->value(), 20);
        setup->presetCombo()->setCurrentIndex(setup->presetCombo()->findData(QStringLiteral("full")));
        QCOMPARE(setup->epochsSpin()->value(), 150);
        auto request = setup->request();
        QVERIFY2(request, request ? "" : qPrintable(request.error().toString()));
        QCOMPARE(request->config.preset, QStringLiteral("full"));
        QCOMPARE(request->config.model.hidden, ml::GanConfig::full().hidden);
        QCOMPARE(request->config.dataLastRows, 0);
        setup->setPreset(QStringLiteral("quick"));
        setup->setEpochs(7);
        setup->setSeed(123);
        request = setup->request();
        QVERIFY(request);
        QCOMPARE(request->config.preset, QStringLiteral("quick"));
        QCOMPARE(request->config.model.hidden, ml::GanConfig::quick().hidden);
        QCOMPARE(request->config.model.epochs, 7);
        QCOMPARE(request->config.model.seed, std::uint64_t(123));
        QCOMPARE(request->config.dataLastRows, 1000);
        QCOMPARE(request->config.dataKind, QStringLiteral("csv"));
        QCOMPARE(request->config.dataSource, QFileInfo(sharedSwapsCsv()).absoluteFilePath());
        QVERIFY(request->runDirectory.startsWith(QDir(Paths::runsDir()).absolutePath()));
        QVERIFY(QFileInfo(request->runDirectory).fileName().startsWith(QStringLiteral("gan-")));
        // A run folder with files in it is refused (a new run never writes over an old one).
        setup->setRunDirectory(QDir(runsFolder()).filePath(QStringLiteral("gan-quick")));
        QVERIFY(!setup->request());
        QVERIFY(setup->request().error().message.contains(QStringLiteral("not empty")));
        setup->newRunDirectory();
        QVERIFY(setup->request());

        // The swap store: only once a pool is followed, and only when the store exists.
        QVERIFY(!setup->storeRadio()->isEnabled());
        market::MarketFeed feed;
        feed.chain = QStringLiteral("base");
        feed.poolId = *eth::Hash32::fromString(
            QStringLiteral("0x96d4b53a38337a5733179751781178a2613306063c511b78cd02684739288c0a"));
        Q_EMIT m_market->feedChanged(feed);
        QVERIFY(setup->storeRadio()->isEnabled());
        QVERIFY(child<QLabel>(&pane, "ganStoreText")->text().contains(QStringLiteral("base")));
        setup->setUseStore(true);
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
        QVERIFY(!setup->useStore());
        QVERIFY(!setup->storeRadio()->isEnabled());
        QFile::remove(m_market->databasePath());
    }

    void validationTableShowsGradesInColour()
    {
        ui::GanLabPane pane(m_training.get(), nullptr);
        pane.setRunsDirectory(runsFolder());
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.tabs()->setCurrentWidget(pane.validationPage());
        ui::GanValidationModel *model = pane.validationPage()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model->rowCount(), 0);
        // An answer to a validation this pane did not ask for is not shown.
        Q_EMIT m_training->ganValidated(999, true, Error(), sampleReport());
        QCOMPARE(model->rowCount(), 0);

        const QJsonObject report = sampleReport();
        pane.validationPage()->showReport(report);
        QCOMPARE(model->rowCount(), ml::kGanFeatureCount);
        QCOMPARE(model->index(0, ui::GanValidationModel::FeatureColumn).data().toString(), QStringLiteral("price"));
        QCOMPARE(model->index(0, ui::GanValidationModel::KsColumn).data().toString(), QStringLiteral("0.050"));
        QCOMPARE(model->index(0, ui::GanValidationModel::PValueColumn).data().toString(), QStringLiteral("0.900"));
        QCOMPARE(model->index(9, ui::GanValidationModel::PValueColumn).data().toString(), QStringLiteral("1.0e-12"));
        QCOMPARE(model->index(1, ui::GanValidationModel::MeanDiffColumn).data().toString(), QStringLiteral("6.0 %"));
        QCOMPARE(model->index(1, ui::GanValidationModel::StdDiffColumn).data().toString(), QStringLiteral("10.0 %"));
        QCOMPARE(model->index(2, ui::GanValidationModel::AutocorrelationColumn).data().toString(), QStringLiteral("0.120"));
        const QStringList words = {QStringLiteral("EXCELLENT"), QStringLiteral("GOOD"), QStringLiteral("FAIR"),
                                   QStringLiteral("POOR")};
        const QStringList keys = {QStringLiteral("excellent"), QStringLiteral("good"), QStringLiteral("fair"),
                                  QStringLiteral("poor")};
        QTableView *table = pane.validationPage()->table();
        for (int row = 0; row < 4; ++row) {
            const QModelIndex grade = model->index(row, ui::GanValidationModel::GradeColumn);
            QCOMPARE(grade.data().toString(), words.at(row));
            QCOMPARE(grade.data(ui::GanValidationModel::GradeKeyRole).toString(), keys.at(row));
            const QColor fill = ui::ganstyle::gradeFill(keys.at(row), QApplication::palette());
            QCOMPARE(grade.data(Qt::BackgroundRole).value<QBrush>().color(), fill);
            QCOMPARE(grade.data(Qt::ForegroundRole).value<QBrush>().color(), ui::ganstyle::gradeText(keys.at(row)));
            const QColor painted = cellFill(table, grade);
            QVERIFY2(near(painted, fill), qPrintable(QStringLiteral("row %1 painted %2, expected %3")
                                                         .arg(row).arg(painted.name(), fill.name())));
            const QModelIndex ac = model->index(row, ui::GanValidationModel::AutocorrelationGradeColumn);
            QCOMPARE(ac.data().toString(), words.at((row + 1) % 4));
            QVERIFY(near(cellFill(table, ac), ui::ganstyle::gradeFill(keys.at((row + 1) % 4), QApplication::palette())));
        }
        // Four distinct fills, and no fill on the number columns.
        QSet<QRgb> fills;
        for (const QString &key : keys)
            fills.insert(ui::ganstyle::gradeFill(key, QApplication::palette()).rgb());
        QCOMPARE(fills.size(), 4);
        QVERIFY(!model->index(0, ui::GanValidationModel::KsColumn).data(Qt::BackgroundRole).isValid());

        // The overall grade and the autocorrelation grade of the average difference, as badges.
        QLabel *overall = pane.validationPage()->overallBadge();
        QLabel *autocorrelation = pane.validationPage()->autocorrelationBadge();
        QVERIFY(overall->isVisible());
        QCOMPARE(overall->text(), QStringLiteral("Overall: FAIR"));
        QCOMPARE(overall->property("gradeKey").toString(), QStringLiteral("fair"));
        QCOMPARE(autocorrelation->text(), QStringLiteral("Autocorrelation: GOOD"));
        QVERIFY(pane.validationPage()->summaryText().contains(QStringLiteral("average KS 0.410")));
        QVERIFY(pane.validationPage()->summaryText().contains(QStringLiteral("7977 real and 100 synthetic")));
        const QImage badge = overall->grab().toImage();
        QVERIFY(near(badge.pixelColor(3, badge.height() / 2),
                     ui::ganstyle::gradeFill(QStringLiteral("fair"), QApplication::palette())));

        // A report with a missing p-value (JSON null) shows an empty cell, not 0.
        QJsonObject partial = report;
        QJsonArray features = partial.value(QStringLiteral("features")).toArray();
        QJsonObject first = features.at(0).toObject();
        first.insert(QStringLiteral("p_value"), QJsonValue());
        features.replace(0, first);
        partial.insert(QStringLiteral("features"), features);
        pane.validationPage()->showReport(partial);
        QCOMPARE(model->index(0, ui::GanValidationModel::PValueColumn).data().toString(), QString());
        pane.validationPage()->clearResults();
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!overall->isVisible());
    }

    void generateAsksForCountAndFile()
    {
        ui::GanValidationPage page;
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.generateButton()->isEnabled());   // nothing to generate from yet
        page.setActionsEnabled(true, false);
        const QString out = m_dir.filePath(QStringLiteral("runs/gan-quick/synthetic.csv"));
        page.setDefaultOutput(out);
        QSignalSpy requested(&page, &ui::GanValidationPage::generateRequested);
        bool refused = false;
        // The dialog is modal: answer it from the event loop, first with no file (refused), then 250 sequences.
        QTimer::singleShot(50, this, [&refused] {
            auto *dialog = qobject_cast<ui::GanGenerateDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QVERIFY(dialog->outputPath().endsWith(QStringLiteral("gan-quick/synthetic.csv")));
            QCOMPARE(dialog->count(), 100);
            dialog->setOutputPath(QString());
            dialog->accept();
            refused = dialog->isVisible() && !child<QLabel>(dialog, "ganGenerateMessage")->isHidden();
            dialog->setOutputPath(QStringLiteral("/tmp/elsewhere.csv"));
            dialog->setCount(250);
            dialog->accept();
        });
        page.generateButton()->click();
        QVERIFY(refused);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toInt(), 250);
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("/tmp/elsewhere.csv"));
    }

    void samplesFromTheRunsData()
    {
        // The real windows come from the run's own CSV (its last rows), the synthetic ones from the file.
        ml::GanTrainingConfig config;
        config.dataKind = QStringLiteral("csv");
        config.dataSource = sharedSwapsCsv();
        config.dataLastRows = 500;
        ml::GanGeneration generation;
        generation.count = 8;
        for (int s = 0; s < generation.count; ++s)
            for (int step = 0; step < ml::kGanSequenceLength; ++step)
                for (int f = 0; f < ml::kGanFeatureCount; ++f)
                    generation.sequences.append(f == ml::GanPrice ? 3000.0 + s * 5 + std::sin(step + s) * 3 : 1.0 + f);
        const QString synthetic = m_dir.filePath(QStringLiteral("synthetic-samples.csv"));
        QVERIFY(ml::writeSyntheticCsv(synthetic, generation, 1'700'000'000));
        const auto samples = ui::prepareGanSamples(config, synthetic, 6, m_dir.filePath(QStringLiteral("unused.csv")));
        QVERIFY2(samples, samples ? "" : qPrintable(samples.error().toString()));
        QCOMPARE(samples->real.size(), 6);
        QCOMPARE(samples->synthetic.size(), 6);
        QCOMPARE(samples->syntheticSequences, 8);
        QCOMPARE(samples->realCsv, config.dataSource);   // validation cuts the CSV's windows itself
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("unused.csv"))));
        QCOMPARE(samples->synthetic.at(2).size(), ml::kGanSequenceLength);
        QVERIFY(std::abs(samples->synthetic.at(2).at(0) - (3010.0 + std::sin(2.0) * 3)) < 1e-6);
        for (const QVector<double> &window : samples->real) {
            QCOMPARE(window.size(), ml::kGanSequenceLength);
            for (double price : window)
                QVERIFY2(price > 500 && price < 10000, qPrintable(QString::number(price)));   // ETH in USDC
        }
        // A file without a price column is refused in words.
        const QString noPrice = m_dir.filePath(QStringLiteral("no-price.csv"));
        QVERIFY(writeFile(noPrice, "sequence_id,step,timestamp,volume\n0,0,1,2\n"));
        QVERIFY(!ui::prepareGanSamples(config, noPrice, 6, {}));

        ui::GanSamplePlot plot;
        plot.showSamples(*samples);
        QCOMPARE(plot.realCount(), 6);
        QCOMPARE(plot.syntheticCount(), 6);
        QCOMPARE(plot.chart()->seriesCount(), 12);
        QCOMPARE(plot.chart()->pointCount(7), ml::kGanSequenceLength);
    }

    void runsListReopensAndCompares()
    {
        ui::GanLabPane pane(m_training.get(), nullptr);
        ui::GanRunsPage *runs = pane.runsPage();
        QAbstractItemModelTester tester(runs->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy scanned(runs, &ui::GanRunsPage::scanned);
        pane.setRunsDirectory(runsFolder());
        QTRY_VERIFY(!scanned.isEmpty());
        QCOMPARE(scanned.last().first().toInt(), 2);
        ui::GanRunsModel *model = runs->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, ui::GanRunsModel::NameColumn).data().toString(), QStringLiteral("gan-quick"));
        QCOMPARE(model->index(0, ui::GanRunsModel::PresetColumn).data().toString(), QStringLiteral("quick"));
        QCOMPARE(model->index(0, ui::GanRunsModel::DataColumn).data().toString(), QStringLiteral("base_eth_usdc_swaps.csv"));
        QCOMPARE(model->index(0, ui::GanRunsModel::StepColumn).data().toString(), QStringLiteral("595"));
        QCOMPARE(model->index(0, ui::GanRunsModel::CheckpointColumn).data().toString(), QStringLiteral("yes"));
        QCOMPARE(model->index(1, ui::GanRunsModel::CheckpointColumn).data().toString(), QStringLiteral("no"));
        QCOMPARE(model->index(1, ui::GanRunsModel::EpochsColumn).data().toString(), QStringLiteral("150"));
        QVERIFY(!runs->openButton()->isEnabled());
        QVERIFY(!runs->compareButton()->isEnabled());

        // Open the first: its metrics become the curves, and it is the run for generation.
        QTableView *view = runs->view();
        view->selectRow(0);
        QVERIFY(runs->openButton()->isEnabled());
        QVERIFY(runs->continueButton()->isEnabled());   // it has a checkpoint and the engine is idle
        QSignalSpy opened(&pane, &ui::GanLabPane::runOpened);
        runs->openButton()->click();
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(1).toBool(), true);
        QCOMPARE(pane.metrics()->rowCount(), 120);
        QCOMPARE(pane.curves()->lossesChart()->pointCount(ui::GanCurvesView::CriticLoss), 120);
        QCOMPARE(pane.curves()->lossesChart()->pointCount(ui::GanCurvesView::ValidationGeneratorLoss), 11);
        QCOMPARE(pane.currentRun(), QDir(runsFolder()).absoluteFilePath(QStringLiteral("gan-quick")));
        QCOMPARE(pane.tabs()->currentIndex(), 0);
        QVERIFY(child<QPushButton>(&pane, "ganGenerateButton")->isEnabled());
        // The other has no checkpoint: nothing to continue from.
        view->clearSelection();
        view->selectRow(1);
        QVERIFY(!runs->continueButton()->isEnabled());

        // Compare both: two generator-loss lines.
        view->selectAll();
        QVERIFY(runs->compareButton()->isEnabled());
        QVERIFY(!runs->openButton()->isEnabled());
        QSignalSpy compared(runs, &ui::GanRunsPage::compared);
        runs->compareButton()->click();
        QTRY_COMPARE(compared.size(), 1);
        QCOMPARE(compared.first().first().toBool(), true);
        ui::charts::LineChartView *chart = runs->compareChart();
        QCOMPARE(chart->seriesCount(), 2);
        QCOMPARE(chart->pointCount(0) + chart->pointCount(1), 120 + 180);
        QVERIFY(chart->title().contains(QStringLiteral("gan-quick")));
        QVERIFY(chart->title().contains(QStringLiteral("gan-full")));
        // A run whose metrics went missing: refused in words, the old comparison stays.
        runs->compare(QDir(runsFolder()).filePath(QStringLiteral("gan-quick")),
                      QDir(runsFolder()).filePath(QStringLiteral("gone")));
        QTRY_COMPARE(compared.size(), 2);
        QCOMPARE(compared.last().first().toBool(), false);
        QVERIFY(runs->message().contains(QStringLiteral("metrics.csv")));
        QCOMPARE(chart->seriesCount(), 2);
        // Opening a folder that is not a run says why.
        pane.openRun(QDir(runsFolder()).filePath(QStringLiteral("dqn-1")));
        QTRY_COMPARE(opened.size(), 2);
        QCOMPARE(opened.last().at(1).toBool(), false);
        QVERIFY(!pane.message().isEmpty());
        QCOMPARE(pane.metrics()->rowCount(), 120);   // what was shown stays
    }

    void paneWithoutTrainingService()
    {
        ui::GanLabPane pane(nullptr, nullptr);
        pane.setRunsDirectory(runsFolder());
        auto *note = child<QLabel>(&pane, "ganLabPaneNote");
        QVERIFY(note->isVisibleTo(&pane));
        QVERIFY(note->text().contains(QStringLiteral("no training engine")));
        for (const char *name : {"ganStartButton", "ganPauseButton", "ganResumeButton", "ganStopButton",
                                 "ganGenerateButton", "ganValidateButton", "measureThroughputButton",
                                 "ganRunsContinueButton"})
            QVERIFY2(!child<QPushButton>(&pane, name)->isEnabled(), name);
        QCOMPARE(pane.engine()->engineText(), QStringLiteral("no training engine in this build"));
        pane.setup()->setCsvPath(sharedSwapsCsv());
        pane.start();   // nothing to start it on; no crash
        pane.pause();
        pane.stop();
        pane.generate(10, m_dir.filePath(QStringLiteral("never.csv")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.csv"))));
        // Past runs still open.
        QAbstractItemModelTester tester(pane.metrics(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy opened(&pane, &ui::GanLabPane::runOpened);
        pane.openRun(QDir(runsFolder()).filePath(QStringLiteral("gan-full")));
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(pane.metrics()->rowCount(), 180);
        // The slots still take rows (e.g. from a test), without a service behind them.
        pane.addMetrics(fakeMetrics(2000, 50));
        QCOMPARE(pane.metrics()->rowCount(), 181);
    }

    void everyWidgetHasAnObjectName()
    {
        ui::GanLabPane pane(m_training.get(), m_market.get());
        pane.setRunsDirectory(runsFolder());
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
        QVERIFY2(checked > 40, qPrintable(QString::number(checked)));
    }

    void screenshots()
    {
        ui::GanLabPane pane(m_training.get(), m_market.get());
        pane.setRunsDirectory(runsFolder());
        QSignalSpy scanned(pane.runsPage(), &ui::GanRunsPage::scanned);
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setup()->setCsvPath(sharedSwapsCsv());
        const QString run = QDir(Paths::runsDir()).filePath(QStringLiteral("gan-20250101-120000"));
        emitState(m_training.get(), Phase::Training, run, QStringLiteral("Epoch 8 of 20"));
        for (qint64 s = 0; s < 1400; s += 2)
            Q_EMIT m_training->ganMetrics(fakeMetrics(s, 100));
        ml::GanProgress progress;
        progress.step = 1400;
        progress.totalSteps = 3500;
        progress.epoch = 8;
        progress.epochs = 20;
        progress.stepsPerSecond = 14.2;
        progress.etaSeconds = 148;
        Q_EMIT m_training->ganProgress(progress);
        QTRY_VERIFY(!pane.curves()->lossesChart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("gan-lab-training.png"));

        // Samples and validation: synthetic prices that wander like the real ones.
        ui::GanSampleSet samples;
        for (int i = 0; i < 6; ++i) {
            QVector<double> real, synthetic;
            double r = 3000 + i * 12, s = 3004 + i * 10;
            for (int step = 0; step < 24; ++step) {
                r += std::sin(step * 0.9 + i) * 2.5;
                s += std::cos(step * 0.7 + i * 2) * 2.2;
                real.append(r);
                synthetic.append(s);
            }
            samples.real.append(real);
            samples.synthetic.append(synthetic);
        }
        pane.tabs()->setCurrentWidget(pane.validationPage());
        pane.validationPage()->showSamples(samples);
        pane.validationPage()->showReport(sampleReport());
        pane.validationPage()->showMessage(QStringLiteral("100 synthetic sequences in synthetic.csv."));
        QTRY_VERIFY(!pane.validationPage()->plot()->chart()->redrawPending());
        QTest::qWait(60);
        // The whole table fits next to the plot at this width.
        QVERIFY(!pane.validationPage()->table()->horizontalScrollBar()->isVisible());
        saveScreenshot(&pane, QStringLiteral("gan-lab-validation.png"));

        QTRY_VERIFY(!scanned.isEmpty());
        pane.tabs()->setCurrentWidget(pane.runsPage());
        pane.runsPage()->view()->selectAll();
        QSignalSpy compared(pane.runsPage(), &ui::GanRunsPage::compared);
        pane.runsPage()->compareButton()->click();
        QTRY_COMPARE(compared.size(), 1);
        QTRY_VERIFY(!pane.runsPage()->compareChart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("gan-lab-runs.png"));

        pane.tabs()->setCurrentIndex(3);
        saveScreenshot(&pane, QStringLiteral("gan-lab-engine.png"));

        // A narrow dock: still usable.
        pane.tabs()->setCurrentIndex(0);
        pane.resize(720, 640);
        QTest::qWait(200);
        saveScreenshot(&pane, QStringLiteral("gan-lab-narrow.png"));
        // The main window's default layout gives each pane a third of 1280 × 800 across and half down:
        // every tab fits that without clipping (the run's settings scroll).
        for (int tab = 0; tab < pane.tabs()->count(); ++tab) {
            pane.tabs()->setCurrentIndex(tab);
            const QSize minimum = pane.minimumSizeHint();
            QVERIFY2(minimum.width() <= 400 && minimum.height() <= 330,
                     qPrintable(QStringLiteral("tab %1 needs %2 × %3").arg(tab).arg(minimum.width()).arg(minimum.height())));
        }
        pane.tabs()->setCurrentIndex(0);
        pane.resize(400, 330);
        QTest::qWait(200);
        saveScreenshot(&pane, QStringLiteral("gan-lab-small.png"));
    }

    void liveTrainingPausesResumesAndStops()
    {
        const QString csv = sharedSwapsCsv();
        if (!QFileInfo::exists(csv))
            QFAIL(qPrintable(QStringLiteral("the shared swaps are missing: %1").arg(csv)));
        QTemporaryDir data;
        QVERIFY(data.isValid());
        Settings settings(data.filePath(QStringLiteral("live.ini")));
        Core core(&settings);
        ml::TrainingService *training = ml::addTrainingService(core, 2);
        QVERIFY(training);
        ui::GanLabPane pane(training, nullptr);
        const QString runs = data.filePath(QStringLiteral("runs"));
        pane.setRunsDirectory(runs);
        QAbstractItemModelTester tester(pane.metrics(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.resize(1200, 820);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY_WITH_TIMEOUT(pane.engine()->engineText().startsWith(QStringLiteral("libtorch")), 30000);

        // A tiny network on the newest 400 swaps, logging every step, with epochs to spare.
        ml::GanTrainingConfig config;
        config.preset = QStringLiteral("quick");
        config.model = ml::GanConfig::quick();
        config.model.latent = 8;
        config.model.hidden = 16;
        config.model.layers = 1;
        config.model.batchSize = 16;
        config.model.epochs = 500;
        config.model.patience = 1000;
        config.model.seed = 7;
        config.logEverySteps = 1;
        config.checkpointEverySteps = 1000000;
        config.dataKind = QStringLiteral("csv");
        config.dataSource = csv;
        config.dataLastRows = 400;
        const QString run = QDir(runs).filePath(QStringLiteral("gan-live"));

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

        QSignalSpy finished(training, &ml::TrainingService::ganFinished);
        pane.startWith(config, run);
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Training, 60000);
        QVERIFY(!child<QPushButton>(&pane, "ganStartButton")->isEnabled());
        QVERIFY(child<QPushButton>(&pane, "ganPauseButton")->isEnabled());

        // The curves move: more points at a second look than at the first.
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->totalPoints() >= 12, 60000);
        const int first = pane.curves()->totalPoints();
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->totalPoints() > first + 6, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.curves()->lossesChart()->shownPointCount(ui::GanCurvesView::CriticLoss) > 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.controls()->progressBar()->value() > 0
                                     || pane.controls()->progressText().contains(QStringLiteral("steps/s")),
                                 30000);
        QVERIFY(pane.controls()->progressText().startsWith(QStringLiteral("Epoch ")));

        // Pause: the step stops advancing.
        child<QPushButton>(&pane, "ganPauseButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Paused, 30000);
        QVERIFY(child<QPushButton>(&pane, "ganResumeButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&pane, "ganPauseButton")->isEnabled());
        QTest::qWait(300);   // rows sent before the pause took hold arrive
        const int pausedRows = pane.metrics()->rowCount();
        const qint64 pausedStep = pane.metrics()->rows().last().step;
        QTest::qWait(3000);   // several steps' time, even on a busy machine
        QCOMPARE(pane.metrics()->rowCount(), pausedRows);
        QCOMPARE(pane.metrics()->rows().last().step, pausedStep);
        QCOMPARE(pane.phase(), Phase::Paused);

        // Resume: it advances again.
        child<QPushButton>(&pane, "ganResumeButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Training, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.metrics()->rows().last().step > pausedStep + 2, 60000);

        // Stop: a checkpoint and End::Stopped.
        child<QPushButton>(&pane, "ganStopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        ticker.stop();
        QCOMPARE(finished.first().at(0).toString(), run);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).value<Error>().toString()));
        const auto result = finished.first().at(3).value<ml::GanTrainingResult>();
        QCOMPARE(result.end, ml::GanTrainingResult::End::Stopped);
        QTRY_COMPARE(pane.phase(), Phase::Idle);
        QVERIFY(child<QPushButton>(&pane, "ganStartButton")->isEnabled());
        QVERIFY(pane.message().startsWith(QStringLiteral("Stopped")));
        qInfo() << "live run:" << result.steps << "steps," << pane.metrics()->rowCount() << "rows shown; GUI's longest gap"
                << longestGap << "ms";
        QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));   // the GUI never waited on the training
        QTRY_VERIFY(!pane.curves()->lossesChart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("gan-lab-live.png"));

        // The stopped run is in the runs list, and reopening it reads what the trainer wrote.
        QSignalSpy scanned(pane.runsPage(), &ui::GanRunsPage::scanned);
        pane.runsPage()->refresh();
        QTRY_VERIFY(!scanned.isEmpty());
        const int row = pane.runsPage()->model()->rowOf(run);
        QVERIFY(row >= 0);
        QVERIFY(pane.runsPage()->model()->run(row).hasCheckpoint);
        const int liveRows = pane.metrics()->rowCount();
        QSignalSpy opened(&pane, &ui::GanLabPane::runOpened);
        pane.openRun(run);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY2(opened.first().at(1).toBool(), qPrintable(pane.message()));
        // The service thins live rows to ~20 a second; the file has every one.
        QVERIFY(pane.metrics()->rowCount() >= liveRows);
        QCOMPARE(pane.metrics()->rows().last().step, result.steps);

        // Continue it from its checkpoint: the curves go on from the stopped step.
        pane.runsPage()->view()->selectRow(row);
        QVERIFY(pane.runsPage()->continueButton()->isEnabled());
        pane.runsPage()->continueButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Training, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(pane.metrics()->rows().last().step > result.steps + 1, 60000);
        QCOMPARE(pane.metrics()->rows().first().step, qint64(1));   // the history stayed in front
        child<QPushButton>(&pane, "ganStopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 120000);
        QVERIFY(finished.last().at(1).toBool());
        QCOMPARE(finished.last().at(3).value<ml::GanTrainingResult>().end, ml::GanTrainingResult::End::Stopped);
        QTRY_COMPARE(pane.phase(), Phase::Idle);

        // Generate from it and validate against its CSV.
        QSignalSpy samplesReady(&pane, &ui::GanLabPane::samplesReady);
        const QString synthetic = data.filePath(QStringLiteral("synthetic.csv"));
        pane.generate(12, synthetic);
        QTRY_COMPARE_WITH_TIMEOUT(samplesReady.size(), 1, 120000);
        QVERIFY2(samplesReady.first().first().toBool(), qPrintable(pane.validationPage()->message()));
        QVERIFY(QFileInfo::exists(synthetic));
        QCOMPARE(pane.validationPage()->plot()->syntheticCount(), 6);
        QCOMPARE(pane.validationPage()->plot()->realCount(), 6);
        QVERIFY(child<QPushButton>(&pane, "ganValidateButton")->isEnabled());
        QAbstractItemModelTester validationTester(pane.validationPage()->model(),
                                                  QAbstractItemModelTester::FailureReportingMode::Fatal);
        child<QPushButton>(&pane, "ganValidateButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(pane.validationPage()->model()->rowCount(), ml::kGanFeatureCount, 120000);
        QVERIFY(!pane.validationPage()->overallBadge()->isHidden());
        QVERIFY(!pane.validationPage()->model()->overallGrade().isEmpty());
        QVERIFY(QFileInfo::exists(QDir(run).filePath(QStringLiteral("validation_report.txt"))));
        pane.tabs()->setCurrentWidget(pane.validationPage());
        QTRY_VERIFY(!pane.validationPage()->plot()->chart()->redrawPending());
        saveScreenshot(&pane, QStringLiteral("gan-lab-live-validation.png"));
        QVERIFY(core.shutdown(30000));
    }
};

QTEST_MAIN(TestGanPane)
#include "test_gan_pane.moc"
