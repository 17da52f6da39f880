#include "jobqueuetoolbar.h"

#include "common/logging.h"
#include "distill/jobqueueservice.h"

#include <QAction>
#include <QToolButton>

#include <algorithm>
#include <initializer_list>

namespace apedesk::ui {

using distill::JobState;

JobQueueToolBar::JobQueueToolBar(JobQueueService *service, QWidget *parent) : QToolBar(parent), m_service(service)
{
    setObjectName(QStringLiteral("distillToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setMovable(false);
    setFloatable(false);

    m_addPipeline = makeAction(QStringLiteral("distillAddPipelineAction"), tr("Add pipeline…"),
                              tr("Add the whole chain (teacher → dataset → fine-tune → deploy → evaluate) from a few choices."));
    addSeparator();
    m_pause = makeAction(QStringLiteral("distillPauseAction"), tr("Pause"),
                        tr("Hold the selected job; a running one stops and later resumes from what it stored."));
    m_resume = makeAction(QStringLiteral("distillResumeAction"), tr("Resume"), tr("Queue the paused job again."));
    m_cancel = makeAction(QStringLiteral("distillCancelAction"), tr("Cancel"),
                         tr("Stop the selected job for good (a running tool is stopped)."));
    m_retry = makeAction(QStringLiteral("distillRetryAction"), tr("Retry"),
                        tr("Queue the failed or canceled job again with fresh attempts."));
    addSeparator();
    m_moveUp = makeAction(QStringLiteral("distillMoveUpAction"), tr("Move up"), tr("Run the selected job earlier."));
    m_moveDown = makeAction(QStringLiteral("distillMoveDownAction"), tr("Move down"), tr("Run the selected job later."));
    m_remove = makeAction(QStringLiteral("distillRemoveAction"), tr("Remove"),
                         tr("Remove the finished job with its log and curves."));
    addSeparator();
    m_dispatch = makeAction(QStringLiteral("distillDispatchAction"), tr("Stop queue"), {});

    connect(m_addPipeline, &QAction::triggered, this, &JobQueueToolBar::addPipelineRequested);
    const auto onSelected = [this](void (JobQueueService::*call)(qint64), const char *what) {
        return [this, call, what] {
            if (!m_service || !m_job)
                return;
            qCInfo(lcUi) << "Distillation:" << what << "job" << m_job->id;
            (m_service->*call)(m_job->id);
        };
    };
    connect(m_pause, &QAction::triggered, this, onSelected(&JobQueueService::pauseJob, "pause"));
    connect(m_resume, &QAction::triggered, this, onSelected(&JobQueueService::resumeJob, "resume"));
    connect(m_cancel, &QAction::triggered, this, onSelected(&JobQueueService::cancelJob, "cancel"));
    connect(m_retry, &QAction::triggered, this, onSelected(&JobQueueService::retryJob, "retry"));
    connect(m_remove, &QAction::triggered, this, onSelected(&JobQueueService::removeJob, "remove"));
    connect(m_moveUp, &QAction::triggered, this, [this] {
        if (m_service && m_job && m_row > 0)
            m_service->moveJob(m_job->id, m_row - 1);
    });
    connect(m_moveDown, &QAction::triggered, this, [this] {
        if (m_service && m_job && m_row + 1 < m_rowCount)
            m_service->moveJob(m_job->id, m_row + 1);
    });
    connect(m_dispatch, &QAction::triggered, this, [this] {
        if (m_service)
            m_service->setDispatching(!m_dispatching);   // the button follows dispatchingChanged
    });
    updateActions();
}

QAction *JobQueueToolBar::makeAction(const QString &name, const QString &text, const QString &toolTip)
{
    QAction *action = QToolBar::addAction(text);
    action->setObjectName(name);
    action->setToolTip(toolTip);
    // The button a test or a style sheet finds: the action's name with "Button" for "Action".
    if (QWidget *button = widgetForAction(action)) {
        QString buttonName = name;
        buttonName.replace(QStringLiteral("Action"), QStringLiteral("Button"));
        button->setObjectName(buttonName);
    }
    return action;
}

void JobQueueToolBar::setSelection(const std::optional<distill::JobRecord> &job, int row, int rowCount)
{
    m_job = job;
    m_row = job ? row : -1;
    m_rowCount = rowCount;
    updateActions();
}

void JobQueueToolBar::setDispatching(bool on)
{
    m_dispatching = on;
    updateActions();
}

void JobQueueToolBar::updateActions()
{
    const bool available = m_service != nullptr;
    const std::optional<JobState> state = m_job ? std::optional<JobState>(m_job->state) : std::nullopt;
    const auto is = [&state](std::initializer_list<JobState> states) {
        return state && std::find(states.begin(), states.end(), *state) != states.end();
    };
    // Only jobs that have not started yet have a place in the order worth changing.
    const bool movable = is({JobState::Queued, JobState::Paused});
    m_addPipeline->setEnabled(available);
    m_pause->setEnabled(available && is({JobState::Queued, JobState::Running}));
    m_resume->setEnabled(available && is({JobState::Paused}));
    m_cancel->setEnabled(available && is({JobState::Queued, JobState::Running, JobState::Paused}));
    m_retry->setEnabled(available && is({JobState::Failed, JobState::Canceled}));
    m_moveUp->setEnabled(available && movable && m_row > 0);
    m_moveDown->setEnabled(available && movable && m_row >= 0 && m_row + 1 < m_rowCount);
    m_remove->setEnabled(available && is({JobState::Done, JobState::Failed, JobState::Canceled}));
    m_dispatch->setEnabled(available);
    m_dispatch->setText(m_dispatching ? tr("Stop queue") : tr("Start queue"));
    m_dispatch->setToolTip(m_dispatching ? tr("Start no new jobs; running ones go on.")
                                         : tr("Start runnable jobs in queue order again."));
}

} // namespace apedesk::ui
