// The federated-rounds dashboard. First with hand-built records: the round table (order, replaced
// rounds, texts, roles, the skip reason and the rejections as tooltips), the version table (current
// version, global RMSE from the metrics, regimes, rollback source), the settings box's run config
// (venues by name through demoVenues, the recipe's fields, sentences for a missing CSV, no venue, too
// few venues), and the pane driven the way FederatedService drives it — signals emitted here from a
// service that is not started — filling its table, weight bars, RMSE curves, totals and regimes round
// by round, the buttons per phase, a refused rollback, and the pane without a service. Then live: a
// Core with a FederatedService on a temporary database and the real hedge-ratio model runs the three
// demo venues on the real swaps for 4 rounds, started with the pane's Start button: the table grows
// one row per round while the run goes on, the charts and totals fill, the versions list fills and a
// rollback adds a version; a second run is stopped with Stop; the run picker reopens the first run and
// a new pane shows the newest run from the database. Every model runs under QAbstractItemModelTester;
// screenshots go to $APEDESK_BUILD_DIR/screenshots/federated-*.png.

#include "common/settings.h"
#include "core.h"
#include "federated/demovenues.h"
#include "federated/federatedpane.h"
#include "federated/federatedruncontrols.h"
#include "federated/federatedrunpicker.h"
#include "federated/federatedservice.h"
#include "federated/federatedsettingsbox.h"
#include "federated/federatedtotalsbox.h"
#include "federated/federatedversionsbox.h"
#include "federated/regimedistributionbox.h"
#include "federated/roundtablemodel.h"
#include "federated/venuermsechart.h"
#include "federated/venueweightchart.h"
#include "federated/versiontablemodel.h"
#include "queuedspy.h"
#include "trainingservice.h"
#include "widgets/charts/linechartview.h"

#include <QAbstractItemModelTester>
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTest>

#include <cmath>
#include <memory>

using namespace apedesk;
using namespace apedesk::federated;
using RoundState = FederatedRoundRecord::State;
using VenueStatus = VenueRoundRecord::Status;
using Phase = FederatedRunState::Phase;

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

VenueRoundRecord venue(const QString &name, VenueStatus status, double weight, double rmse, MarketRegime regime,
                       double fry = 0, double slippage = 0, double arbitrage = 0, bool breaker = false)
{
    VenueRoundRecord v;
    v.venue = name;
    v.status = status;
    v.weight = status == VenueStatus::Accepted ? weight : 0;
    v.globalRmse = rmse;
    v.localRmse = rmse * 1.1;
    if (status == VenueStatus::Rejected)
        v.reason = QStringLiteral("update norm 120× the round's median");
    if (status == VenueStatus::DroppedOut)
        v.reason = QStringLiteral("did not report before the round's deadline");
    if (status != VenueStatus::NotSampled) {
        VenueTradingResult trade;
        trade.venue = name;
        trade.fryMinted = fry;
        trade.slippageHarvestedUsdc = slippage;
        trade.arbitrageProfitUsdc = arbitrage;
        trade.circuitBreakerActive = breaker;
        trade.regime = regime;
        trade.regimeConfidence = 0.8;
        v.trading = trade;
    }
    return v;
}

// Four venues; round 2 (0-based) is skipped, round 3 has a rejected update and a dropout.
QList<FederatedRoundRecord> handBuiltRounds(qint64 runId)
{
    QList<FederatedRoundRecord> rounds;
    const double rmse[5] = {0.21, 0.17, 0, 0.14, 0.12};
    for (int r = 0; r < 5; ++r) {
        FederatedRoundRecord round;
        round.runId = runId;
        round.round = r;
        round.startedAt = QDateTime(QDate(2025, 2, 5), QTime(12, r, 0), Qt::UTC);
        round.durationSeconds = 2.5 + r;
        round.learningRate = 0.01 * std::pow(0.95, r);
        if (r == 2) {
            round.state = RoundState::Skipped;
            round.reason = QStringLiteral("Only 1 venue reported; a round needs at least 2.");
            round.sampledVenues = 4;
            round.reportingVenues = 1;
            round.venues = {venue(QStringLiteral("binance"), VenueStatus::DroppedOut, 0, 0, MarketRegime::Crisis),
                            venue(QStringLiteral("okx"), VenueStatus::DroppedOut, 0, 0, MarketRegime::Volatile),
                            venue(QStringLiteral("bybit"), VenueStatus::Accepted, 1, 0, MarketRegime::TrendingBull),
                            venue(QStringLiteral("sim-1"), VenueStatus::DroppedOut, 0, 0, MarketRegime::TrendingBear)};
            rounds.append(round);
            continue;
        }
        round.state = RoundState::Completed;
        round.globalRmse = rmse[r];
        round.globalLoss = rmse[r] * rmse[r];
        round.modelVersion = r + 1;
        round.sampledVenues = 4;
        if (r == 3) {
            round.venues = {venue(QStringLiteral("binance"), VenueStatus::Accepted, 0.5, 0.15, MarketRegime::Crisis, 3, 2, 1, true),
                            venue(QStringLiteral("okx"), VenueStatus::Rejected, 0, 0.16, MarketRegime::Volatile, 1, 1, 0),
                            venue(QStringLiteral("bybit"), VenueStatus::Accepted, 0.5, 0.11, MarketRegime::TrendingBull, 2, 1.5, 0.5),
                            venue(QStringLiteral("sim-1"), VenueStatus::DroppedOut, 0, 0.13, MarketRegime::TrendingBull)};
            round.reportingVenues = 2;
            round.meanWeight = 0.5;
        } else {
            const double w[4] = {0.4 - 0.05 * r, 0.3, 0.2, 0.1 + 0.05 * r};
            round.venues = {venue(QStringLiteral("binance"), VenueStatus::Accepted, w[0], rmse[r] + 0.02, MarketRegime::TrendingBear, 1, 1, 1),
                            venue(QStringLiteral("okx"), VenueStatus::Accepted, w[1], rmse[r] + 0.01, MarketRegime::Volatile, 1, 1, 1),
                            venue(QStringLiteral("bybit"), VenueStatus::Accepted, w[2], rmse[r] - 0.02, MarketRegime::TrendingBull, 1, 1, 1),
                            venue(QStringLiteral("sim-1"), VenueStatus::Accepted, w[3], rmse[r], MarketRegime::TrendingBull, 1, 1, 1)};
            round.reportingVenues = 4;
            round.meanWeight = 0.25;
        }
        round.converged = r == 4;
        if (round.converged)
            round.reason = QStringLiteral("The global loss improved by less than 0.1 % for 3 rounds.");
        rounds.append(round);
    }
    return rounds;
}

FederatedRunRecord handBuiltRun(qint64 runId)
{
    FederatedRunRecord run;
    run.runId = runId;
    run.startedAt = QDateTime(QDate(2025, 2, 5), QTime(12, 0), Qt::UTC);
    run.venues = {QStringLiteral("binance"), QStringLiteral("okx"), QStringLiteral("bybit"), QStringLiteral("sim-1")};
    run.plannedRounds = 10;
    return run;
}

ModelVersion version(qint64 number, int round, double rmse, const QStringList &regimes, qint64 from = 0)
{
    ModelVersion v;
    v.version = number;
    v.round = round;
    v.createdAt = QDateTime(QDate(2025, 2, 5), QTime(12, round, 30), Qt::UTC);
    v.metrics = QJsonObject{{QStringLiteral("global_rmse"), rmse}};
    v.regimes = regimes;
    v.rolledBackFrom = from;
    v.parameterCount = 7233;
    return v;
}

QString cell(const QAbstractItemModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

} // namespace

class TestFederatedPane : public QObject
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
        QTest::qWait(120);   // layouts and the charts' coalesced redraws settle
        const QString path = screenshotPath(name);
        QVERIFY(widget->grab().toImage().save(path));
        qInfo() << "screenshot:" << path;
    }

    // Each tab of the pane as a screenshot: <prefix>-setup.png, -rounds, -charts, -totals, -versions.
    static void saveTabs(ui::FederatedPane &pane, const QString &prefix)
    {
        const char *const names[] = {"setup", "rounds", "charts", "totals", "versions"};
        const int current = pane.tabs()->currentIndex();
        for (int tab = 0; tab < pane.tabs()->count(); ++tab) {
            pane.tabs()->setCurrentIndex(tab);
            pane.rmseChart()->chart()->redrawNow();
            saveScreenshot(&pane, prefix + QLatin1Char('-') + QLatin1String(names[tab]) + QStringLiteral(".png"));
        }
        pane.tabs()->setCurrentIndex(current);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void roundTableKeepsRoundOrderAndExplainsRounds()
    {
        ui::RoundTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QList<FederatedRoundRecord> rounds = handBuiltRounds(7);

        // Out of order: each lands at its place.
        model.addRound(rounds.at(1));
        model.addRound(rounds.at(0));
        model.addRound(rounds.at(3));
        model.addRound(rounds.at(2));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserted.size(), 4);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(model.index(row, 0).data(ui::RoundTableModel::RoundRole).toInt(), row);

        // The same round again replaces its row.
        FederatedRoundRecord again = rounds.at(1);
        again.durationSeconds = 75;
        model.addRound(again);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(&model, 1, ui::RoundTableModel::DurationColumn), QStringLiteral("1 min 15 s"));

        // Texts: rounds counted from 1, venues reported / sampled, numbers in the locale's form.
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::RoundColumn), QStringLiteral("1"));
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::StateColumn), QStringLiteral("Completed"));
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::VenuesColumn), QStringLiteral("4 / 4"));
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::MeanWeightColumn), QStringLiteral("0.250"));
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::GlobalRmseColumn), QStringLiteral("0.2100"));
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::RejectedColumn), QString());
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::DurationColumn), QStringLiteral("2.5 s"));
        QCOMPARE(cell(&model, 0, ui::RoundTableModel::VersionColumn), QStringLiteral("v1"));
        QCOMPARE(model.index(0, ui::RoundTableModel::GlobalRmseColumn).data(ui::RoundTableModel::ValueRole).toDouble(), 0.21);

        // The skipped round: its state, no RMSE or version, and its reason as the state's tooltip.
        QCOMPARE(cell(&model, 2, ui::RoundTableModel::StateColumn), QStringLiteral("Skipped"));
        QCOMPARE(cell(&model, 2, ui::RoundTableModel::GlobalRmseColumn), QString());
        QCOMPARE(cell(&model, 2, ui::RoundTableModel::VersionColumn), QString());
        QCOMPARE(cell(&model, 2, ui::RoundTableModel::StateColumn, Qt::ToolTipRole), rounds.at(2).reason);
        QCOMPARE(model.index(2, 0).data(ui::RoundTableModel::StateRole).toInt(), int(RoundState::Skipped));
        QVERIFY(model.index(2, ui::RoundTableModel::StateColumn).data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(!model.index(0, ui::RoundTableModel::StateColumn).data(Qt::ForegroundRole).isValid());
        QVERIFY(!model.index(0, ui::RoundTableModel::StateColumn).data(Qt::ToolTipRole).isValid());

        // Rejected and dropped-out venues, with their reasons.
        QCOMPARE(cell(&model, 3, ui::RoundTableModel::RejectedColumn), QStringLiteral("1"));
        QCOMPARE(cell(&model, 3, ui::RoundTableModel::VenuesColumn), QStringLiteral("2 / 4"));
        const QString why = cell(&model, 3, ui::RoundTableModel::RejectedColumn, Qt::ToolTipRole);
        QVERIFY2(why.contains(QStringLiteral("okx rejected: update norm 120×")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("sim-1 dropped out")), qPrintable(why));
        QVERIFY(!why.contains(QStringLiteral("binance")));

        // The whole record rides along.
        const auto record = model.index(3, 0).data(ui::RoundTableModel::RecordRole).value<FederatedRoundRecord>();
        QCOMPARE(record.venues.size(), 4);
        QCOMPARE(record.venues.at(1).status, VenueStatus::Rejected);

        // A loaded run replaces everything in one reset; duplicates keep the last record.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QList<FederatedRoundRecord> loaded = rounds;
        loaded.append(again);
        std::reverse(loaded.begin(), loaded.end());
        model.setRounds(loaded);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4, 0).data(ui::RoundTableModel::RoundRole).toInt(), 4);
        QCOMPARE(cell(&model, 4, ui::RoundTableModel::StateColumn), QStringLiteral("Converged"));
        QCOMPARE(cell(&model, 4, ui::RoundTableModel::StateColumn, Qt::ToolTipRole), rounds.at(4).reason);
        QCOMPARE(cell(&model, 1, ui::RoundTableModel::DurationColumn), QStringLiteral("3.5 s"));
        for (int c = 0; c < ui::RoundTableModel::ColumnCount; ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void versionTableShowsTheRegistry()
    {
        ui::VersionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelVersion noMetrics = version(2, 1, 0, {});
        noMetrics.metrics = {};
        model.setVersions({version(4, 2, 0.1234, {QStringLiteral("crisis"), QStringLiteral("trending_bull")}, 1),
                           version(3, 2, 0.1234, {QStringLiteral("crisis")}), noMetrics,
                           version(1, 0, 0.25, {QStringLiteral("volatile")})});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(cell(&model, 0, ui::VersionTableModel::VersionColumn), QStringLiteral("v4 (current)"));
        QVERIFY(model.index(0, 0).data(ui::VersionTableModel::CurrentRole).toBool());
        QVERIFY(!model.index(1, 0).data(ui::VersionTableModel::CurrentRole).toBool());
        QCOMPARE(cell(&model, 1, ui::VersionTableModel::VersionColumn), QStringLiteral("v3"));
        QCOMPARE(cell(&model, 0, ui::VersionTableModel::RoundColumn), QStringLiteral("3"));
        QCOMPARE(cell(&model, 0, ui::VersionTableModel::GlobalRmseColumn), QStringLiteral("0.1234"));
        QCOMPARE(model.index(3, 0).data(ui::VersionTableModel::GlobalRmseRole).toDouble(), 0.25);
        QVERIFY(!model.index(2, 0).data(ui::VersionTableModel::GlobalRmseRole).isValid());
        QCOMPARE(cell(&model, 2, ui::VersionTableModel::GlobalRmseColumn), QString());
        QCOMPARE(cell(&model, 0, ui::VersionTableModel::RegimesColumn), QStringLiteral("Crisis, Trending bull"));
        QCOMPARE(cell(&model, 0, ui::VersionTableModel::SourceColumn), QStringLiteral("Rollback to v1"));
        QCOMPARE(cell(&model, 1, ui::VersionTableModel::SourceColumn), QStringLiteral("Aggregated"));
        QCOMPARE(model.index(0, 0).data(ui::VersionTableModel::RolledBackFromRole).toLongLong(), 1);
        QCOMPARE(model.index(3, 0).data(ui::VersionTableModel::VersionRole).toLongLong(), 1);
        QCOMPARE(model.rowOfVersion(2), 2);
        QCOMPARE(model.rowOfVersion(9), -1);
        model.setVersions({});
        QCOMPARE(model.rowCount(), 0);
    }

    void settingsBoxBuildsTheRunConfig()
    {
        ui::FederatedSettingsBox box;
        // The demo's three venues, all checked; simulated ones join the list checked.
        QCOMPARE(box.offeredVenues(), demoVenueNames(0));
        QCOMPARE(box.checkedVenues(), demoVenueNames(0));
        box.setSimulatedVenues(3);
        QCOMPARE(box.offeredVenues(), demoVenueNames(3));
        QCOMPARE(box.checkedVenues(), demoVenueNames(3));
        box.venueList()->item(1)->setCheckState(Qt::Unchecked);   // okx
        box.setSimulatedVenues(2);                                 // check marks survive
        QCOMPARE(box.checkedVenues(), (QStringList{QStringLiteral("binance"), QStringLiteral("bybit"),
                                                   QStringLiteral("sim-1"), QStringLiteral("sim-2")}));
        QVERIFY(box.venueList()->item(0)->toolTip().contains(QStringLiteral("CSV")));

        // The real-swap venues without a CSV: a sentence naming them and the file.
        Result<FederatedRunConfig> config = box.config();
        QVERIFY(!config);
        QCOMPARE(config.error().kind, Error::Kind::Usage);
        QVERIFY2(config.error().message.contains(QStringLiteral("binance")) && config.error().message.contains(QStringLiteral("CSV")),
                 qPrintable(config.error().message));
        box.setCsvPath(m_dir.filePath(QStringLiteral("missing.csv")));
        config = box.config();
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QStringLiteral("does not exist")), qPrintable(config.error().message));

        // The privacy and seed settings fold away until asked for.
        QVERIFY(!box.moreShown());
        QVERIFY(box.roundsSpin()->isVisibleTo(&box));
        QVERIFY(!box.dpNoiseSpin()->isVisibleTo(&box));
        QVERIFY(!box.earlyStoppingCheck()->isVisibleTo(&box));
        box.moreButton()->click();
        QVERIFY(box.moreShown());
        QVERIFY(box.dpNoiseSpin()->isVisibleTo(&box));
        QVERIFY(box.seedSpin()->isVisibleTo(&box));

        // Simulated venues need no file: the recipe's fields land in the config.
        box.setCheckedVenues({QStringLiteral("bybit"), QStringLiteral("sim-2")});
        box.roundsSpin()->setValue(4);
        box.fractionSpin()->setValue(0.5);
        box.minVenuesSpin()->setValue(1);
        box.epochsSpin()->setValue(2);
        box.dpNoiseSpin()->setValue(0.001);
        box.clipNormSpin()->setValue(5);
        box.weightDecaySpin()->setValue(0.0001);
        box.seedSpin()->setValue(99);
        box.earlyStoppingCheck()->setChecked(false);
        config = box.config();
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->venueNames(), (QStringList{QStringLiteral("bybit"), QStringLiteral("sim-2")}));
        QCOMPARE(config->venues.at(1).source, VenueSpec::Source::Simulated);
        QCOMPARE(config->rounds, 4);
        QCOMPARE(config->fraction, 0.5);
        QCOMPARE(config->minVenues, 1);
        QCOMPARE(config->epochs, 2);
        QCOMPARE(config->dpNoiseSigma, 0.001);
        QCOMPARE(config->clipNorm, 5.0);
        QCOMPARE(config->weightDecay, 0.0001);
        QCOMPARE(config->seed, quint64(99));
        QVERIFY(!config->earlyStopping);

        // Too few venues for the minimum, and none at all.
        box.minVenuesSpin()->setValue(3);
        config = box.config();
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QStringLiteral("Min venues")), qPrintable(config.error().message));
        box.setCheckedVenues({});
        config = box.config();
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QStringLiteral("venue")), qPrintable(config.error().message));

        // With the real swaps the demo's venues read them.
        const QString csv = sharedSwapsCsv();
        if (!QFileInfo::exists(csv))
            QFAIL(qPrintable(QStringLiteral("the shared swaps are missing: %1").arg(csv)));
        box.setCsvPath(csv);
        box.setCheckedVenues(demoVenueNames(0));
        config = box.config();
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->venues.at(0).source, VenueSpec::Source::RealSwaps);
        QCOMPARE(QFileInfo(config->venues.at(0).real.csvPath).canonicalFilePath(), QFileInfo(csv).canonicalFilePath());

        box.setInputsEnabled(false);
        QVERIFY(!box.roundsSpin()->isEnabled());
        QVERIFY(!box.venueList()->isEnabled());
    }

    void paneFillsRoundByRoundFromTheServiceSignals()
    {
        // Not started: its signals are emitted here and reach the pane directly; its requests run on
        // this thread's event loop against an empty temporary database.
        FederatedService service(m_dir.filePath(QStringLiteral("handbuilt.sqlite")));
        ui::FederatedPane pane(&service);
        QAbstractItemModelTester roundTester(pane.roundModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester versionTester(pane.versionsBox()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.resize(1100, 760);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        ui::FederatedRunControls *controls = pane.controls();
        QVERIFY(controls->startButton()->isEnabled());
        QVERIFY(!controls->stopButton()->isEnabled());
        QCOMPARE(pane.weightChart()->roundCount(), 0);
        QVERIFY(child<QLabel>(&pane, "fedWeightChartEmpty")->isVisible() || pane.tabs()->currentIndex() != 2);

        // Start with incomplete inputs: a sentence, the Setup tab, nothing asked of the service.
        QSignalSpy states(&service, &FederatedService::stateChanged);
        pane.settingsBox()->setCsvPath(QString());
        pane.tabs()->setCurrentIndex(1);
        QTest::mouseClick(controls->startButton(), Qt::LeftButton);
        QVERIFY2(pane.message().contains(QStringLiteral("CSV")), qPrintable(pane.message()));
        QCOMPARE(pane.tabs()->currentIndex(), 0);
        QVERIFY(controls->startButton()->isEnabled());

        // A run starts and reports its rounds.
        const FederatedRunRecord run = handBuiltRun(7);
        FederatedRunState running;
        running.phase = Phase::Running;
        running.runId = 7;
        running.rounds = 10;
        running.fraction = 0;
        running.text = QStringLiteral("Round 1 of 10: training 4 venues…");
        Q_EMIT service.stateChanged(running);
        QVERIFY(!controls->startButton()->isEnabled());
        QVERIFY(controls->stopButton()->isEnabled());
        QVERIFY(!pane.settingsBox()->roundsSpin()->isEnabled());
        QCOMPARE(controls->stateText(), running.text);
        Q_EMIT service.runStarted(run);
        QCOMPARE(pane.shownRunId(), qint64(7));
        QCOMPARE(pane.liveRunId(), qint64(7));
        QCOMPARE(pane.runPicker()->currentRun(), qint64(7));
        QCOMPARE(pane.weightChart()->venues(), run.venues);
        QCOMPARE(pane.tabs()->currentIndex(), 1);

        const QList<FederatedRoundRecord> rounds = handBuiltRounds(7);
        FederatedRoundRecord otherRun = rounds.at(0);
        otherRun.runId = 6;
        Q_EMIT service.roundFinished(otherRun);   // not the run on screen: ignored
        QCOMPARE(pane.roundModel()->rowCount(), 0);
        for (int r = 0; r < rounds.size(); ++r) {
            running.round = r;
            running.fraction = (r + 1) / 10.0;
            Q_EMIT service.stateChanged(running);
            Q_EMIT service.roundFinished(rounds.at(r));
            QCOMPARE(pane.roundModel()->rowCount(), r + 1);
            QCOMPARE(pane.weightChart()->roundCount(), r + 1);
            QCOMPARE(pane.totalsBox()->totals().completedRounds + pane.totalsBox()->totals().skippedRounds, r + 1);
        }
        QCOMPARE(controls->progressBar()->value(), 500);

        // Weight bars: the accepted venues' weights, 0 for the others, one bar per round.
        QCOMPARE(pane.weightChart()->weight(QStringLiteral("binance"), 0), 0.4);
        QCOMPARE(pane.weightChart()->weight(QStringLiteral("sim-1"), 1), 0.15);
        QCOMPARE(pane.weightChart()->weight(QStringLiteral("okx"), 3), 0.0);
        QCOMPARE(pane.weightChart()->weight(QStringLiteral("bybit"), 2), 1.0);
        QCOMPARE(pane.weightChart()->venueColor(QStringLiteral("okx")), pane.weightChart()->venueColor(QStringLiteral("okx")));
        QVERIFY(pane.weightChart()->venueColor(QStringLiteral("okx")) != pane.weightChart()->venueColor(QStringLiteral("bybit")));

        // RMSE curves: completed rounds only, x = round counted from 1.
        ui::VenueRmseChart *rmse = pane.rmseChart();
        QCOMPARE(rmse->globalPointCount(), 4);
        QCOMPARE(rmse->globalPoints().at(2), QPointF(4, 0.14));
        QCOMPARE(rmse->venuePointCount(QStringLiteral("bybit")), 4);
        QCOMPARE(rmse->venuePoints(QStringLiteral("okx")).first(), QPointF(1, 0.22));

        // Totals and regimes over the rounds' simulated trading.
        const FederatedTotals totals = pane.totalsBox()->totals();
        QCOMPARE(totals.completedRounds, 4);
        QCOMPARE(totals.skippedRounds, 1);
        QCOMPARE(totals.rejectedUpdates, 1);
        QCOMPARE(totals.dropouts, 4);
        QCOMPARE(totals.circuitBreakerActivations, 1);
        QCOMPARE(totals.fryMinted, 18.0);
        QCOMPARE(pane.totalsBox()->valueText(ui::FederatedTotalsBox::FryMinted), QStringLiteral("18.00"));
        QCOMPARE(pane.totalsBox()->valueText(ui::FederatedTotalsBox::SlippageHarvested), QStringLiteral("16.50 USDC"));
        QCOMPARE(pane.totalsBox()->valueText(ui::FederatedTotalsBox::ArbitrageProfit), QStringLiteral("13.50 USDC"));
        QCOMPARE(pane.totalsBox()->valueText(ui::FederatedTotalsBox::Rounds), QStringLiteral("4 completed, 1 skipped"));
        ui::RegimeDistributionBox *regimes = pane.regimeBox();
        QCOMPARE(regimes->total(), 20);
        QCOMPARE(regimes->count(MarketRegime::TrendingBull), 9);
        QCOMPARE(regimes->count(MarketRegime::Crisis), 2);
        QCOMPARE(regimes->bar(MarketRegime::TrendingBull)->value(), 9);
        QCOMPARE(regimes->bar(MarketRegime::TrendingBull)->text(), QStringLiteral("9 (45 %)"));

        // Versions: Rollback only for an older version, and only while no run goes on.
        ui::FederatedVersionsBox *versions = pane.versionsBox();
        // The pane asks for the versions after each round; this empty database answers with none once
        // the event loop runs. The hand-built registry goes in after those answers.
        const QList<ModelVersion> registry{version(5, 4, 0.12, {QStringLiteral("trending_bull")}),
                                           version(4, 3, 0.14, {QStringLiteral("crisis"), QStringLiteral("volatile")}),
                                           version(2, 1, 0.17, {QStringLiteral("volatile")}),
                                           version(1, 0, 0.21, {QStringLiteral("trending_bear")})};
        QTest::qWait(20);
        Q_EMIT service.versionsListed(registry);
        QCOMPARE(versions->model()->rowCount(), 4);
        versions->selectVersion(2);
        QCOMPARE(versions->selectedVersion(), qint64(2));
        QVERIFY(!versions->rollbackButton()->isEnabled());   // running
        pane.tabs()->setCurrentIndex(4);
        saveScreenshot(&pane, QStringLiteral("federated-handbuilt-versions-running.png"));

        FederatedRunRecord finished = run;
        finished.state = FederatedRunRecord::State::Converged;
        finished.reason = rounds.at(4).reason;
        FederatedRunState idle;
        idle.runId = 7;
        idle.text = QStringLiteral("Federated run 7 ended: converged after 5 rounds.");
        Q_EMIT service.stateChanged(idle);
        Q_EMIT service.runFinished(7, true, {}, finished);
        QCOMPARE(pane.liveRunId(), qint64(0));
        QVERIFY(controls->startButton()->isEnabled());
        QVERIFY(!controls->stopButton()->isEnabled());
        QVERIFY2(pane.message().contains(QStringLiteral("converged")), qPrintable(pane.message()));
        QVERIFY(pane.runPicker()->combo()->currentText().contains(QStringLiteral("converged")));
        QVERIFY(versions->rollbackButton()->isEnabled());
        versions->selectVersion(5);
        QVERIFY(!versions->rollbackButton()->isEnabled());   // the current model already
        versions->selectVersion(2);
        QVERIFY(versions->rollbackButton()->isEnabled());

        QTest::qWait(20);   // the database's answers to the requests runFinished made, then the hand-built lists
        Q_EMIT service.versionsListed(registry);
        Q_EMIT service.runsListed({finished});
        versions->selectVersion(2);
        QCOMPARE(pane.runPicker()->currentRun(), qint64(7));
        saveTabs(pane, QStringLiteral("federated-handbuilt"));

        // The service answers the rollback; this empty registry has no version 2: said in words.
        QTest::mouseClick(versions->rollbackButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.message().startsWith(QStringLiteral("Rolling back")), 10000);
        QVERIFY2(!pane.message().isEmpty(), "no answer to the rollback");
        QCOMPARE(versions->model()->rowCount(), 4);
        // A successful one says which version is current now.
        ModelVersion copy = version(6, 1, 0.17, {QStringLiteral("volatile")}, 2);
        Q_EMIT service.rolledBack(true, {}, copy);
        QVERIFY2(pane.message().contains(QStringLiteral("v6")) && pane.message().contains(QStringLiteral("v2")),
                 qPrintable(pane.message()));

        // A refused start (runId 0) is said in words and leaves Start usable.
        Q_EMIT service.runFinished(0, false, Error::make(Error::Kind::Usage, QStringLiteral("A federated run is already in progress.")), {});
        QCOMPARE(pane.message(), QStringLiteral("A federated run is already in progress."));
        QVERIFY(controls->startButton()->isEnabled());

        // The narrow dock of the default layout (a third of the window's width, half its height).
        pane.resize(440, 420);
        pane.tabs()->setCurrentIndex(0);
        saveScreenshot(&pane, QStringLiteral("federated-handbuilt-small-setup.png"));
        pane.tabs()->setCurrentIndex(2);
        saveScreenshot(&pane, QStringLiteral("federated-handbuilt-small-charts.png"));
    }

    void manyVenuesKeepTheirColoursAndALegibleChart()
    {
        // 30 simulated venues: the legend gives way to hover texts; colours stay distinct.
        ui::VenueWeightChart chart;
        QStringList names = demoVenueNames(27);
        chart.setVenues(names);
        QList<FederatedRoundRecord> rounds;
        for (int r = 0; r < 40; ++r) {
            FederatedRoundRecord round;
            round.runId = 1;
            round.round = r;
            for (int v = 0; v < names.size(); ++v)
                round.venues.append(venue(names.at(v), VenueStatus::Accepted, 1.0 / names.size(), 0.1, MarketRegime::Volatile));
            rounds.append(round);
        }
        chart.setRounds(rounds);
        chart.resize(700, 320);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QCOMPARE(chart.roundCount(), 40);
        QSet<QRgb> colours;
        for (const QString &name : names)
            colours.insert(chart.venueColor(name).rgb());
        QCOMPARE(colours.size(), names.size());
        saveScreenshot(&chart, QStringLiteral("federated-weights-30-venues.png"));
    }

    void paneWithoutServiceSaysSo()
    {
        ui::FederatedPane pane(nullptr);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY(!pane.controls()->startButton()->isEnabled());
        QVERIFY(!pane.controls()->stopButton()->isEnabled());
        QVERIFY(!pane.versionsBox()->rollbackButton()->isEnabled());
        QVERIFY(!pane.settingsBox()->roundsSpin()->isEnabled());
        auto *note = child<QLabel>(&pane, "federatedPaneNote");
        QVERIFY(note && note->isVisible() && note->text().contains(QStringLiteral("no federated")));
        pane.start();   // nothing to call; nothing breaks
        QCOMPARE(pane.message(), QString());
    }

    void everyWidgetIsNamed()
    {
        FederatedService service(m_dir.filePath(QStringLiteral("names.sqlite")));
        ui::FederatedPane pane(&service);
        int checked = 0;
        const auto widgets = pane.findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            const bool ours = qobject_cast<QLabel *>(w) || qobject_cast<QAbstractButton *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QLineEdit *>(w)
                || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QAbstractScrollArea *>(w)
                || qobject_cast<QTabWidget *>(w) || qobject_cast<QProgressBar *>(w) || qobject_cast<QGroupBox *>(w)
                || qobject_cast<QSplitter *>(w) || QByteArray(w->metaObject()->className()).startsWith("apedesk::");
            bool inner = false;
            // Qt's own parts of a compound widget are not ours to name (the tab widget's page stack and
            // a scroll area's viewport are: what is inside them is ours).
            for (QWidget *p = w->parentWidget(); p && p != &pane; p = p->parentWidget())
                inner |= qobject_cast<QAbstractItemView *>(p) || qobject_cast<QTabBar *>(p)
                    || qobject_cast<QComboBox *>(p) || qobject_cast<QAbstractSpinBox *>(p) || qobject_cast<QLineEdit *>(p);
            inner |= qobject_cast<QTabBar *>(w) || qobject_cast<QScrollBar *>(w)
                || w->objectName().startsWith(QStringLiteral("qt_"));
            if (!ours || inner)
                continue;
            ++checked;
            const QString what = QString::fromLatin1(w->metaObject()->className()) + QStringLiteral(" ")
                + (qobject_cast<QLabel *>(w) ? qobject_cast<QLabel *>(w)->text() : QString());
            QVERIFY2(!w->objectName().isEmpty(), qPrintable(what));
        }
        QVERIFY2(checked > 40, qPrintable(QString::number(checked)));
    }

    void liveRunFillsTheDashboardRoundByRound()
    {
        const QString csv = sharedSwapsCsv();
        if (!QFileInfo::exists(csv))
            QFAIL(qPrintable(QStringLiteral("the shared swaps are missing: %1").arg(csv)));
        QTemporaryDir data;
        QVERIFY(data.isValid());
        Settings settings(data.filePath(QStringLiteral("live.ini")));
        Core core(&settings);
        ml::TrainingService *training = ml::addTrainingService(core, 2);   // registers the hedge-ratio model
        QVERIFY(training);
        auto *service = core.add(std::make_unique<FederatedService>(data.filePath(QStringLiteral("apedesk.sqlite"))));
        QTRY_VERIFY_WITH_TIMEOUT(service->status().state == ServiceStatus::State::Idle, 30000);

        ui::FederatedPane pane(service);
        pane.setSettings(&settings);
        QAbstractItemModelTester roundTester(pane.roundModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester versionTester(pane.versionsBox()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.resize(1100, 760);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));

        // The three demo venues on the real swaps, 4 short rounds, all of them (no early stop).
        ui::FederatedSettingsBox *box = pane.settingsBox();
        box->setCsvPath(csv);
        box->setCheckedVenues(demoVenueNames(0));
        box->roundsSpin()->setValue(4);
        box->epochsSpin()->setValue(1);
        box->minVenuesSpin()->setValue(2);
        box->earlyStoppingCheck()->setChecked(false);

        // What the dashboard shows each time a round arrives, seen after the pane has taken it.
        struct Seen
        {
            int rows, bars, rmsePoints, regimeTotal;
            bool runEnded;
        };
        QList<Seen> seen;
        QueuedSpy finished(service, &FederatedService::runFinished);
        connect(service, &FederatedService::roundFinished, this, [&] {
            seen.append({pane.roundModel()->rowCount(), pane.weightChart()->roundCount(),
                         pane.rmseChart()->globalPointCount(), pane.regimeBox()->total(), !finished.isEmpty()});
        }, Qt::QueuedConnection);

        QTest::mouseClick(pane.controls()->startButton(), Qt::LeftButton);
        QVERIFY2(pane.message().startsWith(QStringLiteral("Starting")), qPrintable(pane.message()));
        QVERIFY(!pane.controls()->startButton()->isEnabled());   // no second click while it starts
        QCOMPARE(settings.string(Settings::Key::FederatedSwapCsv), csv);   // remembered
        QTRY_VERIFY_WITH_TIMEOUT(pane.liveRunId() > 0, 120000);
        const qint64 firstRun = pane.liveRunId();
        QTRY_VERIFY_WITH_TIMEOUT(pane.roundModel()->rowCount() >= 1, 300000);
        QVERIFY(finished.waitForCount(1, 600000));
        QTest::qWait(50);   // the queued snapshots after the last round

        const QVariantList end = finished.at(0);
        QVERIFY2(end.at(1).toBool(), qPrintable(end.at(2).value<Error>().toString()));
        QCOMPARE(end.at(0).toLongLong(), firstRun);
        QCOMPARE(end.at(3).value<FederatedRunRecord>().state, FederatedRunRecord::State::Finished);

        // One row at a time, each with its bar, its RMSE point and its regimes, before the run ended.
        QCOMPARE(seen.size(), 4);
        for (int i = 0; i < seen.size(); ++i) {
            const QString what = QStringLiteral("round %1: rows %2 bars %3 points %4 regimes %5 ended %6")
                                     .arg(i + 1).arg(seen.at(i).rows).arg(seen.at(i).bars).arg(seen.at(i).rmsePoints)
                                     .arg(seen.at(i).regimeTotal).arg(seen.at(i).runEnded);
            QVERIFY2(seen.at(i).rows == i + 1 && seen.at(i).bars == i + 1 && !seen.at(i).runEnded, qPrintable(what));
            QVERIFY2(seen.at(i).rmsePoints >= (i > 0 ? seen.at(i - 1).rmsePoints : 0), qPrintable(what));
            QVERIFY2(seen.at(i).regimeTotal > (i > 0 ? seen.at(i - 1).regimeTotal : 0), qPrintable(what));
        }
        QCOMPARE(pane.roundModel()->rowCount(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Idle, 10000);
        QVERIFY(pane.controls()->startButton()->isEnabled());

        // Charts and totals: each completed round's weights sum to 1; curves per venue and overall.
        int completed = 0;
        for (int row = 0; row < 4; ++row) {
            const FederatedRoundRecord &round = pane.roundModel()->round(row);
            if (round.state != RoundState::Completed)
                continue;
            ++completed;
            double sum = 0;
            for (const QString &name : demoVenueNames(0))
                sum += pane.weightChart()->weight(name, row);
            QVERIFY2(std::abs(sum - 1) < 1e-6, qPrintable(QString::number(sum)));
            QVERIFY(round.globalRmse > 0 && round.modelVersion > 0);
            QVERIFY(!cell(pane.roundModel(), row, ui::RoundTableModel::GlobalRmseColumn).isEmpty());
        }
        QVERIFY(completed >= 1);
        QCOMPARE(pane.rmseChart()->globalPointCount(), completed);
        for (const QString &name : demoVenueNames(0))
            QCOMPARE(pane.rmseChart()->venuePointCount(name), completed);
        const FederatedTotals totals = pane.totalsBox()->totals();
        QCOMPARE(totals.completedRounds + totals.skippedRounds, 4);
        QVERIFY(totals.fryMinted >= 0 && std::isfinite(totals.fryMinted));
        QVERIFY(pane.regimeBox()->total() > 0);
        QVERIFY(!pane.totalsBox()->valueText(ui::FederatedTotalsBox::FryMinted).isEmpty());

        // Versions: one per completed round; roll back to the oldest one.
        ui::FederatedVersionsBox *versions = pane.versionsBox();
        QTRY_COMPARE_WITH_TIMEOUT(versions->model()->rowCount(), completed, 20000);
        const qint64 oldest = versions->model()->version(versions->model()->rowCount() - 1).version;
        versions->selectVersion(oldest);
        QVERIFY(versions->rollbackButton()->isEnabled());
        QTest::mouseClick(versions->rollbackButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(versions->model()->rowCount(), completed + 1, 20000);
        QCOMPARE(versions->model()->version(0).rolledBackFrom, oldest);
        QTRY_VERIFY_WITH_TIMEOUT(pane.message().contains(QStringLiteral("current model")), 10000);
        box->setMoreShown(true);   // every setting in the screenshot
        saveTabs(pane, QStringLiteral("federated-live"));

        // A second, long run, stopped after its first round.
        box->roundsSpin()->setValue(60);
        QTest::mouseClick(pane.controls()->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(pane.liveRunId() > firstRun, 120000);
        const qint64 secondRun = pane.liveRunId();
        QCOMPARE(pane.shownRunId(), secondRun);
        QTRY_VERIFY_WITH_TIMEOUT(pane.roundModel()->rowCount() >= 1, 300000);
        QVERIFY(pane.controls()->stopButton()->isEnabled());
        QVERIFY(!versions->rollbackButton()->isEnabled());
        saveScreenshot(&pane, QStringLiteral("federated-live-running.png"));
        QTest::mouseClick(pane.controls()->stopButton(), Qt::LeftButton);
        QVERIFY(finished.waitForCount(2, 300000));
        QCOMPARE(finished.at(1).at(0).toLongLong(), secondRun);
        QVERIFY(finished.at(1).at(1).toBool());
        QCOMPARE(finished.at(1).at(3).value<FederatedRunRecord>().state, FederatedRunRecord::State::Stopped);
        QTRY_COMPARE_WITH_TIMEOUT(pane.phase(), Phase::Idle, 10000);
        const int secondRows = pane.roundModel()->rowCount();
        QVERIFY(secondRows >= 1 && secondRows < 60);
        QVERIFY(pane.controls()->startButton()->isEnabled());
        QVERIFY2(pane.message().contains(QStringLiteral("stopped")), qPrintable(pane.message()));

        // The picker lists both runs and reopens the first from the database.
        QTRY_COMPARE_WITH_TIMEOUT(pane.runPicker()->runCount(), 2, 10000);
        QComboBox *combo = pane.runPicker()->combo();
        const int firstIndex = combo->findData(firstRun);
        QVERIFY(firstIndex >= 0);
        combo->setCurrentIndex(firstIndex);
        Q_EMIT combo->activated(firstIndex);   // what a person's choice sends
        QTRY_COMPARE_WITH_TIMEOUT(pane.shownRunId(), firstRun, 10000);
        QCOMPARE(pane.roundModel()->rowCount(), 4);
        QCOMPARE(pane.weightChart()->roundCount(), 4);

        // A dashboard opened later shows the newest run as stored.
        ui::FederatedPane reopened(service);
        QTRY_COMPARE_WITH_TIMEOUT(reopened.shownRunId(), secondRun, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(reopened.roundModel()->rowCount(), secondRows, 10000);
        QVERIFY(core.shutdown(10000));
    }
};

QTEST_MAIN(TestFederatedPane)
#include "test_federated_pane.moc"
