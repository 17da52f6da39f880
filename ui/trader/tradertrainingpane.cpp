#include "tradertrainingpane.h"

#include "common/logging.h"
#include "common/paths.h"
#include "tradercurvesview.h"
#include "traderevaluationpage.h"
#include "traderexportbox.h"
#include "traderrunfiles.h"
#include "tradersetupbox.h"
#include "tradertrainingcontrols.h"
#include "wallet/walletstyle.h"
#include "widgets/trainingpage.h"

#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <climits>
#include <utility>

namespace apedesk::ui {

using Phase = ml::RlTrainingState::Phase;

TraderTrainingPane::TraderTrainingPane(ml::TrainingService *training, MarketService *market, QWidget *parent)
    : PaneScaffold(QStringLiteral("traderTrainingPane"), training, parent), m_training(training)
{
    if (!m_training)
        setCapabilityNote(tr("This build has no training engine: past runs can be opened, but nothing can be "
                             "trained, evaluated or exported."));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("traderTabs"));
    m_tabs->setDocumentMode(true);
    m_setup = new TraderSetupBox(market, this);
    m_tabs->addTab(buildTrainingPage(), tr("Training"));
    m_evaluation = new TraderEvaluationPage(this);
    m_tabs->addTab(m_evaluation, tr("Evaluation && export"));
    contentLayout()->addWidget(m_tabs, 1);

    connect(m_controls, &TraderTrainingControls::startRequested, this, &TraderTrainingPane::start);
    connect(m_controls, &TraderTrainingControls::stopRequested, this, &TraderTrainingPane::stop);
    connect(m_controls, &TraderTrainingControls::continueRequested, this, &TraderTrainingPane::continueRun);
    connect(m_controls, &TraderTrainingControls::openRequested, this, &TraderTrainingPane::askOpenRun);
    connect(m_evaluation, &TraderEvaluationPage::evaluateRequested, this, &TraderTrainingPane::evaluate);
    connect(m_evaluation->exportBox(), &TraderExportBox::exportRequested, this, &TraderTrainingPane::exportDataset);

    if (m_training) {
        connect(m_training, &ml::TrainingService::rlStateChanged, this, &TraderTrainingPane::showState);
        connect(m_training, &ml::TrainingService::rlMetrics, this, &TraderTrainingPane::addMetrics);
        connect(m_training, &ml::TrainingService::rlProgress, this, &TraderTrainingPane::showProgress);
        connect(m_training, &ml::TrainingService::rlFinished, this, &TraderTrainingPane::trainingFinished);
        connect(m_training, &ml::TrainingService::rlEvaluated, this, &TraderTrainingPane::evaluationFinished);
        connect(m_training, &ml::TrainingService::rlExported, this, &TraderTrainingPane::exportFinished);
        const ml::RlTrainingState state = m_training->rlState();
        if (state.phase != Phase::Idle)
            showState(state);   // a run the pane did not start (the window opened later)
    }
    setCurrentRun({}, false, false);
}

TraderTrainingPane::~TraderTrainingPane() = default;

QWidget *TraderTrainingPane::buildTrainingPage()
{
    m_controls = new TraderTrainingControls(this);
    m_curves = new TraderCurvesView(this);
    const TrainingPage parts = ui::buildTrainingPage(this, QStringLiteral("trader"), m_setup, m_controls, m_curves);
    m_runLabel = parts.runLabel;
    m_message = parts.message;
    return parts.page;
}

// ---- actions ------------------------------------------------------------------------------------

void TraderTrainingPane::start()
{
    if (!m_training)
        return;
    const Result<TraderSetupBox::Request> request = m_setup->request();
    if (!request) {
        showMessage(request.error().message, true);
        return;
    }
    startWith(request->config, request->runDirectory);
}

void TraderTrainingPane::startWith(const ml::DqnTrainingConfig &config, const QString &runDirectory)
{
    if (!m_training)
        return;
    ++m_load;   // a run still loading would replace the new run's curves
    m_loading = false;
    m_liveDuringLoad.clear();
    m_curves->clear();
    m_controls->resetProgress();
    setCurrentRun(runDirectory, false, false);
    showMessage({});
    qCInfo(lcUi) << "Trader training: start" << config.dqn.timesteps << "steps in" << runDirectory;
    m_training->startRlTraining(config, runDirectory);
    m_setup->newRunDirectory();   // the next Start must not reuse this folder
}

void TraderTrainingPane::stop()
{
    if (m_training)
        m_training->stopRlTraining();
}

void TraderTrainingPane::continueRun()
{
    if (!m_training || m_phase != Phase::Idle || m_runDirectory.isEmpty() || m_loading)
        return;
    showMessage({});
    m_controls->resetProgress();
    qCInfo(lcUi) << "Trader training: continue" << m_runDirectory;
    m_training->resumeRlTraining(m_runDirectory);
}

void TraderTrainingPane::askOpenRun()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Open a trader run"), Paths::runsDir());
    if (!directory.isEmpty())
        openRun(directory);
}

void TraderTrainingPane::openRun(const QString &runDirectory)
{
    const quint64 load = ++m_load;
    m_loading = true;
    m_liveDuringLoad.clear();
    updateActions();
    auto *watcher = new QFutureWatcher<Result<TraderRun>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, load, runDirectory] {
        watcher->deleteLater();
        if (load != m_load)
            return;   // another run was opened or started meanwhile
        m_loading = false;
        const Result<TraderRun> loaded = watcher->result();
        if (!loaded) {
            qCWarning(lcUi) << "Trader training: open" << runDirectory << loaded.error().toString();
            showMessage(loaded.error().message, true);
            m_liveDuringLoad.clear();
            updateActions();
            Q_EMIT runOpened(runDirectory, false);
            return;
        }
        const qint64 lastStep = loaded->rows.isEmpty() ? -1 : loaded->rows.last().step;
        m_curves->setRows(loaded->rows);
        // Live rows of a run that trains on while the file was read go on top.
        for (const ml::DqnStepMetrics &m : std::exchange(m_liveDuringLoad, {}))
            if (m.step > lastStep)
                m_curves->append(m);
        m_controls->resetProgress();
        setCurrentRun(loaded->directory, loaded->hasCheckpoint,
                      loaded->hasCheckpoint && lastStep < loaded->config.dqn.timesteps);
        showMessage(tr("Opened %1: %n logged steps.", nullptr, int(loaded->rows.size()))
                        .arg(QDir::toNativeSeparators(loaded->directory)));
        Q_EMIT runOpened(runDirectory, true);
    });
    watcher->setFuture(QtConcurrent::run([runDirectory] { return readTraderRun(runDirectory); }));
}

void TraderTrainingPane::evaluate()
{
    if (!m_training || m_runDirectory.isEmpty())
        return;
    m_evaluation->showMessage(tr("Evaluating on the held-out range…"));
    m_evaluateTask = m_training->evaluateRl(m_runDirectory);
    updateActions();
}

void TraderTrainingPane::exportDataset(const QString &outJsonl, int episodes, int stepsPerEpisode)
{
    if (!m_training || m_runDirectory.isEmpty())
        return;
    m_evaluation->exportBox()->clearReport();
    m_evaluation->showMessage(tr("Exporting %n episodes of the policy's decisions…", nullptr, episodes));
    m_exportTask = m_training->exportRl(m_runDirectory, outJsonl, episodes, stepsPerEpisode);
    updateActions();
}

// ---- the service's signals ----------------------------------------------------------------------

void TraderTrainingPane::showState(const ml::RlTrainingState &state)
{
    m_phase = state.phase;
    if (state.phase != Phase::Idle && !state.runDirectory.isEmpty()
        && QDir(state.runDirectory).absolutePath() != m_runDirectory && !m_loading) {
        // A run this pane did not start (e.g. it was already training when the window opened).
        m_curves->clear();
        setCurrentRun(QDir(state.runDirectory).absolutePath(), false, false);
    }
    if (state.phase != Phase::Idle && !state.text.isEmpty())
        m_runLabel->setText(tr("Run %1: %2").arg(QDir::toNativeSeparators(m_runDirectory), state.text));
    updateActions();
}

void TraderTrainingPane::addMetrics(const ml::DqnStepMetrics &metrics)
{
    if (m_loading)
        m_liveDuringLoad.append(metrics);
    else
        m_curves->append(metrics);
}

void TraderTrainingPane::showProgress(const ml::DqnProgress &progress) { m_controls->showProgress(progress); }

void TraderTrainingPane::trainingFinished(const QString &runDirectory, bool ok, const Error &error,
                                          const ml::DqnTrainingResult &result)
{
    using End = ml::DqnTrainingResult::End;
    const bool thisRun = !runDirectory.isEmpty() && QDir(runDirectory).absolutePath() == m_runDirectory;
    if (!ok) {
        qCWarning(lcUi) << "Trader training in" << runDirectory << "ended:" << error.toString();
        showMessage(error.message, true);
    } else {
        // The trainer says how it ended in a sentence; these are for an answer without one.
        const int steps = int(std::min<qint64>(result.steps, INT_MAX));
        QString text = result.message;
        if (text.isEmpty()) {
            switch (result.end) {
            case End::Finished: text = tr("Finished after %n steps.", nullptr, steps); break;
            case End::Stopped: text = tr("Stopped after %n steps; Continue trains it on.", nullptr, steps); break;
            case End::Diverged: text = tr("Diverged after %n steps.", nullptr, steps); break;
            case End::Failed: text = tr("Ended after %n steps: the run could not write its files.", nullptr, steps); break;
            }
        }
        showMessage(text);
        // Both ends saved a checkpoint; only a stopped run has steps left to train.
        if (thisRun)
            setCurrentRun(m_runDirectory, true, result.end == End::Stopped);
    }
    if (thisRun)
        m_runLabel->setText(tr("Run %1").arg(QDir::toNativeSeparators(m_runDirectory)));
    // The service published Idle before this; a launch it refused (one already running) changes nothing.
    if (m_training)
        m_phase = m_training->rlState().phase;
    updateActions();
}

void TraderTrainingPane::evaluationFinished(quint64 id, bool ok, const Error &error, const QJsonObject &evaluation)
{
    if (id != m_evaluateTask)
        return;
    m_evaluateTask = 0;
    updateActions();
    if (!ok) {
        m_evaluation->showMessage(error.message, true);
        return;
    }
    if (!m_evaluation->showEvaluation(evaluation)) {
        m_evaluation->showMessage(tr("The evaluation holds no policy figures."), true);
        return;
    }
    m_evaluation->showMessage(tr("Evaluated; the figures and curves are also in %1.")
                                  .arg(QDir::toNativeSeparators(QDir(m_runDirectory).filePath(QStringLiteral("evaluation.json")))));
}

void TraderTrainingPane::exportFinished(quint64 id, bool ok, const Error &error, const QJsonObject &report)
{
    if (id != m_exportTask)
        return;
    m_exportTask = 0;
    updateActions();
    if (!ok) {
        m_evaluation->showMessage(error.message, true);
        return;
    }
    m_evaluation->exportBox()->showReport(report);
    m_evaluation->showMessage(tr("Exported %n examples.", nullptr, report.value(QStringLiteral("examples")).toInt()));
}

// ---- state --------------------------------------------------------------------------------------

void TraderTrainingPane::setCurrentRun(const QString &runDirectory, bool checkpoint, bool continuable)
{
    const QString absolute = runDirectory.isEmpty() ? QString() : QDir(runDirectory).absolutePath();
    if (absolute != m_runDirectory) {
        m_evaluateTask = 0;   // answers about the previous run are not shown
        m_exportTask = 0;
        m_evaluation->clearResults();
        m_evaluation->showMessage({});
    }
    m_runDirectory = absolute;
    m_hasCheckpoint = checkpoint;
    m_continuable = continuable;
    m_evaluation->exportBox()->setDefaultOutput(
        absolute.isEmpty() ? QString() : QDir(absolute).filePath(QStringLiteral("distillation.jsonl")));
    m_runLabel->setText(absolute.isEmpty() ? tr("No run on screen: start one, or open a past run.")
                                           : tr("Run %1").arg(QDir::toNativeSeparators(absolute)));
    updateActions();
}

void TraderTrainingPane::updateActions()
{
    const bool available = m_training != nullptr;
    const bool idle = m_phase == Phase::Idle;
    m_controls->setAvailable(available);
    m_controls->setPhase(m_phase);
    m_controls->setContinueAllowed(m_continuable && !m_loading && !m_runDirectory.isEmpty());
    m_setup->setInputsEnabled(idle);
    const bool ready = available && idle && !m_loading && m_hasCheckpoint && m_evaluateTask == 0 && m_exportTask == 0;
    m_evaluation->setActionsEnabled(ready, ready);
}

QString TraderTrainingPane::message() const { return !m_message->isHidden() ? m_message->text() : QString(); }

void TraderTrainingPane::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
