#pragma once
// The queue's buttons: Add pipeline…, Pause, Resume, Cancel, Retry, Move up, Move down, Remove and
// Start / Stop queue. Each is enabled only where the selected job's state allows it, and each steers
// the service through its thread-safe methods (the answer comes back as the next snapshot, or as
// actionFailed).

#include "distill/jobtypes.h"

#include <QToolBar>

#include <optional>

class QAction;

namespace apedesk {
class JobQueueService;
}

namespace apedesk::ui {

class JobQueueToolBar : public QToolBar
{
    Q_OBJECT
public:
    // `service` null: every action stays disabled.
    explicit JobQueueToolBar(JobQueueService *service, QWidget *parent = nullptr);

    // The selected job and its row among `rowCount` (Move up / down), or none.
    void setSelection(const std::optional<distill::JobRecord> &job, int row, int rowCount);
    // What the service said last about dispatching.
    void setDispatching(bool on);
    bool dispatching() const { return m_dispatching; }

    QAction *addPipelineAction() const { return m_addPipeline; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *retryAction() const { return m_retry; }
    QAction *moveUpAction() const { return m_moveUp; }
    QAction *moveDownAction() const { return m_moveDown; }
    QAction *removeAction() const { return m_remove; }
    QAction *dispatchAction() const { return m_dispatch; }

Q_SIGNALS:
    void addPipelineRequested();

private:
    QAction *makeAction(const QString &name, const QString &text, const QString &toolTip);
    void updateActions();

    JobQueueService *m_service;
    QAction *m_addPipeline;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_cancel;
    QAction *m_retry;
    QAction *m_moveUp;
    QAction *m_moveDown;
    QAction *m_remove;
    QAction *m_dispatch;
    std::optional<distill::JobRecord> m_job;
    int m_row = -1;
    int m_rowCount = 0;
    bool m_dispatching = true;   // the service dispatches from its start unless told otherwise
};

} // namespace apedesk::ui
