#include "federatedpane.h"

#include "common/logging.h"
#include "common/settings.h"
#include "federatedruncontrols.h"
#include "federatedrunpicker.h"
#include "federatedsettingsbox.h"
#include "federatedtotalsbox.h"
#include "federatedversionsbox.h"
#include "regimedistributionbox.h"
#include "roundtablemodel.h"
#include "venuermsechart.h"
#include "venueweightchart.h"
#include "wallet/walletstyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace apedesk::ui {

using federated::FederatedRoundRecord;
using federated::FederatedRunRecord;
using Phase = FederatedRunState::Phase;

FederatedPane::FederatedPane(FederatedService *service, QWidget *parent)
    : PaneScaffold(QStringLiteral("federatedPane"), service, parent), m_service(service)
{
    if (!m_service)
        setCapabilityNote(tr("This build has no federated service: runs cannot be started or shown here."));

    m_picker = new FederatedRunPicker(this);
    m_controls = new FederatedRunControls(this);
    m_controls->setAvailable(m_service != nullptr);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("fedMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_setup = new FederatedSettingsBox(this);
    // The box keeps its own height at the top of the tab; a tall dock leaves the room below empty
    // instead of spreading the form's rows apart.
    auto *setupPage = new QWidget(this);
    setupPage->setObjectName(QStringLiteral("fedSetupPage"));
    auto *setupLayout = new QVBoxLayout(setupPage);
    setupLayout->setContentsMargins(0, 0, 0, 0);
    setupLayout->addWidget(m_setup);
    setupLayout->addStretch(1);
    auto *setupScroll = new QScrollArea(this);
    setupScroll->setObjectName(QStringLiteral("fedSetupScroll"));
    setupScroll->setWidgetResizable(true);
    setupScroll->setFrameShape(QFrame::NoFrame);
    setupScroll->setWidget(setupPage);

    m_versions = new FederatedVersionsBox(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("fedTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(setupScroll, tr("Setup"));
    m_tabs->addTab(buildRoundsPage(), tr("Rounds"));
    m_tabs->addTab(buildChartsPage(), tr("Charts"));
    m_tabs->addTab(buildTotalsPage(), tr("Totals"));
    m_tabs->addTab(m_versions, tr("Versions"));

    contentLayout()->addWidget(m_picker);
    contentLayout()->addWidget(m_controls);
    contentLayout()->addWidget(m_message);
    contentLayout()->addWidget(m_tabs, 1);

    connect(m_controls, &FederatedRunControls::startRequested, this, &FederatedPane::start);
    connect(m_controls, &FederatedRunControls::stopRequested, this, &FederatedPane::stop);
    connect(m_picker, &FederatedRunPicker::runChosen, this, &FederatedPane::showRun);
    connect(m_versions, &FederatedVersionsBox::rollbackRequested, this, &FederatedPane::rollbackTo);
    connect(m_setup, &FederatedSettingsBox::csvPathChanged, this, [this](const QString &path) {
        if (m_settings)
            m_settings->setValue(Settings::Key::FederatedSwapCsv, path);
    });
    if (m_service) {
        connect(m_service, &FederatedService::stateChanged, this, &FederatedPane::showState);
        connect(m_service, &FederatedService::runStarted, this, &FederatedPane::runStarted);
        connect(m_service, &FederatedService::roundFinished, this, &FederatedPane::addRound);
        connect(m_service, &FederatedService::runFinished, this, &FederatedPane::runFinished);
        connect(m_service, &FederatedService::runsListed, this, &FederatedPane::showRuns);
        connect(m_service, &FederatedService::runLoaded, this, &FederatedPane::showLoadedRun);
        connect(m_service, &FederatedService::versionsListed, this, &FederatedPane::showVersions);
        connect(m_service, &FederatedService::rolledBack, this, &FederatedPane::rolledBack);
        connect(m_service, &FederatedService::actionFailed, this, &FederatedPane::showActionFailed);
        // What an earlier session left: the newest run is shown once the list arrives.
        m_service->requestRuns();
        m_service->requestVersions();
    }
    showState(m_service ? m_service->state() : FederatedRunState{});
    refreshFromRounds();
}

FederatedPane::~FederatedPane() = default;

QWidget *FederatedPane::buildRoundsPage()
{
    m_rounds = new RoundTableModel(this);
    m_rounds->setObjectName(QStringLiteral("fedRoundModel"));
    m_roundTable = new QTableView(this);
    m_roundTable->setObjectName(QStringLiteral("fedRoundTable"));
    m_roundTable->setModel(m_rounds);
    m_roundTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_roundTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_roundTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roundTable->setAlternatingRowColors(true);
    m_roundTable->setWordWrap(false);
    m_roundTable->verticalHeader()->hide();
    m_roundTable->verticalHeader()->setDefaultSectionSize(m_roundTable->fontMetrics().height() + 10);
    QHeaderView *header = m_roundTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(36);
    // Widths for typical contents, so new rounds never make the columns jump.
    const QFontMetrics fm = m_roundTable->fontMetrics();
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 20; };
    m_roundTable->setColumnWidth(RoundTableModel::RoundColumn, width(QStringLiteral("Round")));
    m_roundTable->setColumnWidth(RoundTableModel::StateColumn, width(QStringLiteral("Converged")));
    m_roundTable->setColumnWidth(RoundTableModel::VenuesColumn, width(QStringLiteral("Venues ")));
    m_roundTable->setColumnWidth(RoundTableModel::MeanWeightColumn, width(QStringLiteral("Mean weight")));
    m_roundTable->setColumnWidth(RoundTableModel::GlobalRmseColumn, width(QStringLiteral("Global RMSE")));
    m_roundTable->setColumnWidth(RoundTableModel::RejectedColumn, width(QStringLiteral("Rejected")));
    m_roundTable->setColumnWidth(RoundTableModel::DurationColumn, width(QStringLiteral("10 min 00 s")));
    return m_roundTable;
}

QWidget *FederatedPane::buildChartsPage()
{
    m_weights = new VenueWeightChart(this);
    m_rmse = new VenueRmseChart(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("fedChartsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_weights);
    splitter->addWidget(m_rmse);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    return splitter;
}

QWidget *FederatedPane::buildTotalsPage()
{
    m_totals = new FederatedTotalsBox(this);
    m_regimes = new RegimeDistributionBox(this);
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("fedTotalsPage"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_totals, 1);
    row->addWidget(m_regimes, 1);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("fedTotalsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    return scroll;
}

void FederatedPane::setSettings(Settings *settings)
{
    m_settings = settings;
    if (m_settings && m_setup->csvPath().isEmpty())
        m_setup->setCsvPath(m_settings->string(Settings::Key::FederatedSwapCsv));
}

FederatedRunState::Phase FederatedPane::phase() const { return m_controls->state().phase; }

QString FederatedPane::message() const { return m_message->isHidden() ? QString() : m_message->text(); }

void FederatedPane::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

void FederatedPane::start()
{
    if (!m_service)
        return;
    const Result<federated::FederatedRunConfig> config = m_setup->config();
    if (!config) {
        showMessage(config.error().message, true);
        m_tabs->setCurrentIndex(0);   // the inputs that need a change
        return;
    }
    if (m_settings && !m_setup->csvPath().isEmpty())
        m_settings->setValue(Settings::Key::FederatedSwapCsv, m_setup->csvPath());
    qCInfo(lcUi) << "Federated run requested:" << config->venueNames() << config->rounds << "rounds";
    showMessage(tr("Starting a run of %n round(s)…", nullptr, config->rounds));
    m_controls->setStartPending(true);
    m_service->startRun(*config);
}

void FederatedPane::stop()
{
    if (!m_service)
        return;
    qCInfo(lcUi) << "Federated run stop requested";
    m_service->stopRun();
}

void FederatedPane::showRun(qint64 runId)
{
    if (!m_service || runId <= 0)
        return;
    m_requestedRunId = runId;
    m_service->requestRun(runId);
}

void FederatedPane::rollbackTo(qint64 version)
{
    if (!m_service)
        return;
    if (phase() != Phase::Idle) {
        showMessage(tr("Rollback waits until the run ends."), true);
        return;
    }
    qCInfo(lcUi) << "Federated rollback requested to version" << version;
    showMessage(tr("Rolling back to v%1…").arg(version));
    m_service->rollbackTo(version);
}

void FederatedPane::updateInputs()
{
    const bool idle = m_service && phase() == Phase::Idle;
    m_setup->setInputsEnabled(idle);
    m_versions->setRollbackAllowed(idle);
}

void FederatedPane::showState(const FederatedRunState &state)
{
    m_controls->setState(state);
    updateInputs();
}

void FederatedPane::runStarted(const FederatedRunRecord &run)
{
    m_liveRunId = run.runId;
    m_requestedRunId = 0;
    m_picker->updateRun(run);
    display(run);
    showMessage(tr("Run %1 started: %n venue(s).", nullptr, int(run.venues.size())).arg(run.runId));
    m_tabs->setCurrentIndex(1);   // the rounds as they come
}

void FederatedPane::addRound(const FederatedRoundRecord &round)
{
    if (round.runId != m_shownRunId)
        return;   // another run is on screen; it is in the database for later
    QScrollBar *scroll = m_roundTable->verticalScrollBar();
    const bool atEnd = scroll->value() >= scroll->maximum();
    m_rounds->addRound(round);
    refreshFromRounds();
    if (atEnd)
        m_roundTable->scrollToBottom();
    if (round.modelVersion > 0 && m_service)
        m_service->requestVersions();
}

void FederatedPane::runFinished(qint64 runId, bool ok, const Error &error, const FederatedRunRecord &run)
{
    m_controls->setStartPending(false);
    if (runId == m_liveRunId)
        m_liveRunId = 0;
    if (runId > 0)
        m_picker->updateRun(run);
    if (!ok) {
        qCWarning(lcUi) << "Federated run" << runId << "failed:" << error.toString();
        showMessage(runId > 0 ? tr("Run %1 failed: %2").arg(runId).arg(error.message) : error.message, true);
    } else {
        const QString state = FederatedRunPicker::runStateText(run.state);
        const int rounds = int(m_rounds->rowCount());
        QString text = runId == m_shownRunId
                           ? tr("Run %1 %2 after %n round(s).", nullptr, rounds).arg(runId).arg(state)
                           : tr("Run %1 %2.").arg(runId).arg(state);
        if (!run.reason.isEmpty())
            text = tr("%1 %2").arg(text, run.reason);
        showMessage(text);
    }
    if (m_service) {
        m_service->requestRuns();
        m_service->requestVersions();
    }
    updateInputs();
}

void FederatedPane::showRuns(const QList<FederatedRunRecord> &runs)
{
    m_picker->setRuns(runs);
    m_picker->setCurrentRun(m_shownRunId);
    // A reopened dashboard shows the newest run, as it left it.
    if (m_shownRunId == 0 && m_requestedRunId == 0 && m_liveRunId == 0 && !runs.isEmpty())
        showRun(runs.first().runId);
}

void FederatedPane::showLoadedRun(const FederatedRunRecord &run)
{
    if (run.runId != m_requestedRunId)
        return;   // an answer to an earlier choice
    m_requestedRunId = 0;
    if (run.runId == m_shownRunId) {
        // The live run again: merge, so rounds that arrived after the database read stay.
        for (const FederatedRoundRecord &round : run.rounds)
            m_rounds->addRound(round);
        refreshFromRounds();
    } else {
        display(run);
    }
}

void FederatedPane::display(const FederatedRunRecord &run)
{
    m_shownRunId = run.runId;
    QStringList venues = run.venues;
    if (venues.isEmpty() && !run.rounds.isEmpty())
        for (const federated::VenueRoundRecord &venue : run.rounds.first().venues)
            venues.append(venue.venue);
    m_weights->setVenues(venues);
    m_rmse->setVenues(venues);
    m_rounds->setRounds(run.rounds);
    refreshFromRounds();
    m_picker->setCurrentRun(run.runId);
}

void FederatedPane::refreshFromRounds()
{
    const QList<FederatedRoundRecord> &rounds = m_rounds->rounds();
    m_weights->setRounds(rounds);
    m_rmse->setRounds(rounds);
    const federated::FederatedTotals totals = federated::federatedTotals(rounds);
    m_totals->setTotals(totals);
    m_regimes->setCounts(totals.regimeRounds);
}

void FederatedPane::showVersions(const QList<federated::ModelVersion> &versions) { m_versions->setVersions(versions); }

void FederatedPane::rolledBack(bool ok, const Error &error, const federated::ModelVersion &version)
{
    if (!ok) {
        qCWarning(lcUi) << "Federated rollback failed:" << error.toString();
        showMessage(error.message, true);
        return;
    }
    showMessage(tr("v%1 is now the current model: a copy of v%2.").arg(version.version).arg(version.rolledBackFrom));
    m_versions->selectVersion(0);   // done: the next rollback starts from a fresh choice
}

void FederatedPane::showActionFailed(const Error &error)
{
    qCWarning(lcUi) << "Federated rounds:" << error.toString();
    m_requestedRunId = 0;   // a load that failed must not hold back the next one
    showMessage(error.message, true);
}

} // namespace apedesk::ui
