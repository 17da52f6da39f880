#include "ganlabpane.h"

#include "common/logging.h"
#include "common/paths.h"
#include "gancurvesview.h"
#include "ganenginebox.h"
#include "ganmetricsmodel.h"
#include "ganrunfiles.h"
#include "ganrunspage.h"
#include "gansamples.h"
#include "gansetupbox.h"
#include "gantrainingcontrols.h"
#include "ganvalidationpage.h"
#include "wallet/walletstyle.h"
#include "widgets/trainingpage.h"

#include <QDir>
#include <QFutureWatcher>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <climits>
#include <utility>

namespace apedesk::ui {

using Phase = ml::GanTrainingState::Phase;

namespace {
// How many real windows and synthetic sequences the sample plot draws.
constexpr int kSamplesShown = 6;
} // namespace

GanLabPane::GanLabPane(ml::TrainingService *training, MarketService *market, QWidget *parent)
    : PaneScaffold(QStringLiteral("ganLabPane"), training, parent), m_training(training)
{
    if (!m_training)
        setCapabilityNote(tr("This build has no training engine: past runs can be opened and compared, but "
                             "nothing can be trained, generated or validated."));
    m_metrics = new GanMetricsModel(this);
    m_metrics->setObjectName(QStringLiteral("ganMetricsModel"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("ganTabs"));
    m_tabs->setDocumentMode(true);
    m_setup = new GanSetupBox(market, this);
    m_tabs->addTab(buildTrainingPage(), tr("Training"));
    m_validation = new GanValidationPage(this);
    m_tabs->addTab(m_validation, tr("Samples && validation"));
    m_runs = new GanRunsPage(this);
    m_tabs->addTab(m_runs, tr("Runs"));
    auto *enginePage = new QWidget(this);
    enginePage->setObjectName(QStringLiteral("ganEnginePage"));
    auto *engineLayout = new QVBoxLayout(enginePage);
    m_engine = new GanEngineBox(training, enginePage);
    engineLayout->addWidget(m_engine);
    engineLayout->addStretch(1);
    m_tabs->addTab(enginePage, tr("Engine"));
    contentLayout()->addWidget(m_tabs, 1);

    connect(m_controls, &GanTrainingControls::startRequested, this, &GanLabPane::start);
    connect(m_controls, &GanTrainingControls::pauseRequested, this, &GanLabPane::pause);
    connect(m_controls, &GanTrainingControls::resumeRequested, this, &GanLabPane::resume);
    connect(m_controls, &GanTrainingControls::stopRequested, this, &GanLabPane::stop);
    connect(m_validation, &GanValidationPage::generateRequested, this, &GanLabPane::generate);
    connect(m_validation, &GanValidationPage::validateRequested, this, &GanLabPane::validate);
    connect(m_runs, &GanRunsPage::openRequested, this, &GanLabPane::openRun);
    connect(m_runs, &GanRunsPage::continueRequested, this, &GanLabPane::continueRun);

    if (m_training) {
        connect(m_training, &ml::TrainingService::ganStateChanged, this, &GanLabPane::showState);
        connect(m_training, &ml::TrainingService::ganMetrics, this, &GanLabPane::addMetrics);
        connect(m_training, &ml::TrainingService::ganProgress, this, &GanLabPane::showProgress);
        connect(m_training, &ml::TrainingService::ganFinished, this, &GanLabPane::trainingFinished);
        connect(m_training, &ml::TrainingService::ganGenerated, this, &GanLabPane::generationFinished);
        connect(m_training, &ml::TrainingService::ganValidated, this, &GanLabPane::validationFinished);
        const ml::GanTrainingState state = m_training->ganState();
        if (state.phase != Phase::Idle)
            showState(state);   // a run the pane did not start (the window opened later)
    }
    setCurrentRun({}, std::nullopt);
    m_runs->setRunsDirectory(Paths::runsDir());
    updateActions();
}

GanLabPane::~GanLabPane() = default;

QWidget *GanLabPane::buildTrainingPage()
{
    m_controls = new GanTrainingControls(this);
    m_curves = new GanCurvesView(m_metrics, this);
    const TrainingPage parts = ui::buildTrainingPage(this, QStringLiteral("gan"), m_setup, m_controls, m_curves);
    m_runLabel = parts.runLabel;
    m_message = parts.message;
    return parts.page;
}

// ---- actions ------------------------------------------------------------------------------------

void GanLabPane::start()
{
    if (!m_training)
        return;
    const Result<GanSetupBox::Request> request = m_setup->request();
    if (!request) {
        showMessage(request.error().message, true);
        return;
    }
    startWith(request->config, request->runDirectory);
}

void GanLabPane::startWith(const ml::GanTrainingConfig &config, const QString &runDirectory)
{
    if (!m_training)
        return;
    ++m_load;   // a run still loading would replace the new run's curves
    m_loading = false;
    m_liveDuringLoad.clear();
    m_metrics->clear();
    m_controls->resetProgress();
    setCurrentRun(runDirectory, config);
    showMessage({});
    qCInfo(lcUi) << "GAN lab: start" << config.preset << "run in" << runDirectory;
    m_training->startGanTraining(config, runDirectory);
    m_setup->newRunDirectory();   // the next Start must not reuse this folder
}

void GanLabPane::pause()
{
    if (m_training)
        m_training->pauseGanTraining();
}

void GanLabPane::resume()
{
    if (m_training)
        m_training->resumePausedGanTraining();
}

void GanLabPane::stop()
{
    if (m_training)
        m_training->stopGanTraining();
}

void GanLabPane::openRun(const QString &runDirectory) { loadRun(runDirectory, false); }

void GanLabPane::continueRun(const QString &runDirectory)
{
    if (!m_training || m_phase != Phase::Idle)
        return;
    loadRun(runDirectory, true);
}

void GanLabPane::loadRun(const QString &runDirectory, bool thenContinue)
{
    const quint64 load = ++m_load;
    m_loading = true;
    m_liveDuringLoad.clear();
    using Loaded = QPair<Result<GanRunInfo>, Result<QVector<ml::GanStepMetrics>>>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, load, runDirectory, thenContinue] {
        watcher->deleteLater();
        if (load != m_load)
            return;   // another run was opened or started meanwhile
        m_loading = false;
        const Loaded loaded = watcher->result();
        const Error *error = !loaded.first ? &loaded.first.error() : !loaded.second ? &loaded.second.error() : nullptr;
        if (error) {
            qCWarning(lcUi) << "GAN lab: open" << runDirectory << error->toString();
            showMessage(error->message, true);
            m_liveDuringLoad.clear();
            Q_EMIT runOpened(runDirectory, false);
            return;
        }
        QVector<ml::GanStepMetrics> rows = loaded.second.value();
        // Live rows of a continued run that came while the file was read go on top.
        const qint64 lastStep = rows.isEmpty() ? -1 : rows.last().step;
        m_metrics->setRows(std::move(rows));
        for (const ml::GanStepMetrics &m : std::exchange(m_liveDuringLoad, {}))
            if (m.step > lastStep)
                m_metrics->append(m);
        setCurrentRun(loaded.first->directory, loaded.first->config);
        m_controls->resetProgress();
        showMessage(tr("Opened %1: %n logged steps.", nullptr, m_metrics->rowCount())
                        .arg(QDir::toNativeSeparators(runDirectory)));
        m_tabs->setCurrentIndex(0);
        Q_EMIT runOpened(runDirectory, true);
        if (thenContinue && m_training && m_phase == Phase::Idle) {
            qCInfo(lcUi) << "GAN lab: continue" << runDirectory;
            m_training->resumeGanTraining(loaded.first->directory);
        }
    });
    watcher->setFuture(QtConcurrent::run([runDirectory] {
        return Loaded(readGanRun(runDirectory), readGanMetricsCsv(QDir(runDirectory).filePath(QStringLiteral("metrics.csv"))));
    }));
}

void GanLabPane::generate(int count, const QString &outCsv)
{
    if (!m_training || m_runDirectory.isEmpty())
        return;
    m_syntheticCsv.clear();
    m_realCsv.clear();
    m_validation->clearResults();
    m_validation->showMessage(tr("Generating %n sequences…", nullptr, count));
    m_generateTask = m_training->generateGan(m_runDirectory, count, outCsv);
    updateActions();
}

void GanLabPane::validate()
{
    if (!m_training || m_syntheticCsv.isEmpty() || m_realCsv.isEmpty())
        return;
    m_validation->showMessage(tr("Validating…"));
    m_validateTask = m_training->validateGan(m_realCsv, m_syntheticCsv,
                                             QDir(m_runDirectory).filePath(QStringLiteral("validation_report.txt")));
    updateActions();
}

void GanLabPane::setRunsDirectory(const QString &directory) { m_runs->setRunsDirectory(directory); }

// ---- the service's signals ----------------------------------------------------------------------

void GanLabPane::showState(const ml::GanTrainingState &state)
{
    m_phase = state.phase;
    if (state.phase != Phase::Idle && !state.runDirectory.isEmpty()
        && QDir(state.runDirectory).absolutePath() != m_runDirectory && !m_loading) {
        // A run this pane did not start (e.g. it was already training when the window opened).
        m_metrics->clear();
        setCurrentRun(QDir(state.runDirectory).absolutePath(), std::nullopt);
    }
    if (state.phase != Phase::Idle && !state.text.isEmpty())
        m_runLabel->setText(tr("Run %1: %2").arg(QDir::toNativeSeparators(m_runDirectory), state.text));
    updateActions();
}

void GanLabPane::addMetrics(const ml::GanStepMetrics &metrics)
{
    if (m_loading)
        m_liveDuringLoad.append(metrics);
    else
        m_metrics->append(metrics);
}

void GanLabPane::showProgress(const ml::GanProgress &progress) { m_controls->showProgress(progress); }

void GanLabPane::trainingFinished(const QString &runDirectory, bool ok, const Error &error,
                                  const ml::GanTrainingResult &result)
{
    using End = ml::GanTrainingResult::End;
    if (!ok) {
        qCWarning(lcUi) << "GAN training in" << runDirectory << "ended:" << error.toString();
        showMessage(error.message, true);
    } else {
        // The trainer says how it ended in a sentence; these are for an answer without one.
        const int steps = int(std::min<qint64>(result.steps, INT_MAX));
        QString text = result.message;
        if (text.isEmpty()) {
            switch (result.end) {
            case End::Finished: text = tr("Finished after %n steps.", nullptr, steps); break;
            case End::EarlyStopped:
                text = tr("Stopped early after %n steps: the validation loss stopped improving.", nullptr, steps);
                break;
            case End::Stopped: text = tr("Stopped after %n steps; continue it from the Runs tab.", nullptr, steps); break;
            case End::Diverged: text = tr("Diverged after %n steps.", nullptr, steps); break;
            case End::Failed: text = tr("Ended after %n steps: the run could not write its files.", nullptr, steps); break;
            }
        }
        showMessage(text);
    }
    if (!runDirectory.isEmpty() && QDir(runDirectory).absolutePath() == m_runDirectory)
        m_runLabel->setText(tr("Run %1").arg(QDir::toNativeSeparators(m_runDirectory)));
    // The service published Idle before this; a launch it refused (one already running) changes nothing.
    if (m_training)
        m_phase = m_training->ganState().phase;
    updateActions();
    m_runs->refresh();
}

void GanLabPane::generationFinished(quint64 id, bool ok, const Error &error, const QString &outCsv, int sequences)
{
    if (id != m_generateTask)
        return;
    m_generateTask = 0;
    if (!ok) {
        m_validation->showMessage(error.message, true);
        updateActions();
        return;
    }
    m_validation->showMessage(tr("Generated %n sequences into %1; reading samples…", nullptr, sequences)
                                  .arg(QDir::toNativeSeparators(outCsv)));
    prepareSamples(outCsv);
}

void GanLabPane::prepareSamples(const QString &syntheticCsv)
{
    if (!m_runConfig) {
        m_validation->showMessage(tr("The run's config is not known; open the run from the Runs tab."), true);
        return;
    }
    const quint64 job = ++m_samplesJob;
    const ml::GanTrainingConfig config = *m_runConfig;
    const QString realWindows = QDir(m_runDirectory).filePath(QStringLiteral("real_windows.csv"));
    auto *watcher = new QFutureWatcher<Result<GanSampleSet>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, syntheticCsv] {
        watcher->deleteLater();
        if (job != m_samplesJob)
            return;
        const Result<GanSampleSet> samples = watcher->result();
        if (!samples) {
            m_validation->showMessage(samples.error().message, true);
            Q_EMIT samplesReady(false);
            updateActions();
            return;
        }
        m_syntheticCsv = syntheticCsv;
        m_realCsv = samples->realCsv;
        m_validation->showSamples(*samples);
        m_validation->showMessage(tr("%n synthetic sequences in %1. Validate compares them with %2.", nullptr,
                                     samples->syntheticSequences)
                                      .arg(QDir::toNativeSeparators(syntheticCsv), QDir::toNativeSeparators(m_realCsv)));
        updateActions();
        Q_EMIT samplesReady(true);
    });
    watcher->setFuture(QtConcurrent::run([config, syntheticCsv, realWindows] {
        return prepareGanSamples(config, syntheticCsv, kSamplesShown, realWindows);
    }));
}

void GanLabPane::validationFinished(quint64 id, bool ok, const Error &error, const QJsonObject &report)
{
    if (id != m_validateTask)
        return;
    m_validateTask = 0;
    updateActions();
    if (!ok) {
        m_validation->showMessage(error.message, true);
        return;
    }
    m_validation->showReport(report);
    m_validation->showMessage(tr("Validated; the report is in %1.")
                                  .arg(QDir::toNativeSeparators(QDir(m_runDirectory).filePath(QStringLiteral("validation_report.txt")))));
}

// ---- state --------------------------------------------------------------------------------------

void GanLabPane::setCurrentRun(const QString &runDirectory, std::optional<ml::GanTrainingConfig> config)
{
    const QString absolute = runDirectory.isEmpty() ? QString() : QDir(runDirectory).absolutePath();
    const bool changed = absolute != m_runDirectory;
    m_runDirectory = absolute;
    m_runConfig = std::move(config);
    if (changed) {
        m_syntheticCsv.clear();
        m_realCsv.clear();
        ++m_samplesJob;
        m_validation->clearResults();
        m_validation->showMessage({});
    }
    m_validation->setDefaultOutput(absolute.isEmpty() ? QString()
                                                      : QDir(absolute).filePath(QStringLiteral("synthetic.csv")));
    m_runLabel->setText(absolute.isEmpty() ? tr("No run on screen: start one, or open a past run from the Runs tab.")
                                           : tr("Run %1").arg(QDir::toNativeSeparators(absolute)));
    updateActions();
}

void GanLabPane::updateActions()
{
    const bool available = m_training != nullptr;
    const bool idle = m_phase == Phase::Idle;
    m_controls->setAvailable(available);
    m_controls->setPhase(m_phase);
    m_setup->setInputsEnabled(idle);
    m_engine->setMeasureAllowed(idle);
    m_runs->setContinueAllowed(available && idle);
    const bool busy = m_generateTask != 0 || m_validateTask != 0;
    m_validation->setActionsEnabled(available && idle && !busy && !m_runDirectory.isEmpty() && m_runConfig.has_value(),
                                    available && idle && !busy && !m_syntheticCsv.isEmpty() && !m_realCsv.isEmpty());
}

QString GanLabPane::message() const { return !m_message->isHidden() ? m_message->text() : QString(); }

void GanLabPane::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
