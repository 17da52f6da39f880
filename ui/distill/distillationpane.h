#pragma once
// The "Distillation jobs" pane: the persistent job queue (teacher → dataset → fine-tune → deploy →
// evaluate). A toolbar to add a pipeline and steer the selected job, the queue as a table with
// progress bars, ETA, tokens and cost, and below it the selected job's log, its loss curves, the
// evaluations side by side per model and the job's parameters and result; a totals line at the foot.
// Everything goes through JobQueueService's thread-safe calls and its signals: the GUI never waits.

#include "distill/jobtypes.h"
#include "distill/pipeline.h"
#include "widgets/panescaffold.h"

#include <optional>

class QLabel;
class QSplitter;
class QTableView;

namespace apedesk {
class JobQueueService;
}

namespace apedesk::ui {

class AddPipelineDialog;
class JobDetailsTabs;
class JobQueueToolBar;
class JobTableModel;

class DistillationPane : public PaneScaffold
{
    Q_OBJECT
public:
    // `service` null: no job queue in this build (the pane says so and stays empty).
    explicit DistillationPane(JobQueueService *service, QWidget *parent = nullptr);
    ~DistillationPane() override;

    // The command templates new pipelines use (the app's tool settings).
    void setToolCommands(const distill::ToolCommands &commands) { m_commands = commands; }
    distill::ToolCommands toolCommands() const { return m_commands; }

    // Opens the Add pipeline dialog (window-modal, not blocking); OK adds its pipeline to the queue.
    AddPipelineDialog *openAddPipelineDialog();

    void selectJob(qint64 id);
    std::optional<distill::JobRecord> selectedJob() const;

    JobTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    JobQueueToolBar *toolBar() const { return m_toolBar; }
    JobDetailsTabs *details() const { return m_details; }
    QString message() const;
    QString totalsText() const;

    // The totals line for a snapshot.
    static QString totals(const QList<distill::JobRecord> &jobs);

public Q_SLOTS:
    void showJobs(const QList<apedesk::distill::JobRecord> &jobs);
    void showActionFailed(const apedesk::Error &error);

private:
    void selectionChanged();
    void showMessage(const QString &text, bool error = false);

    JobQueueService *m_service;
    distill::ToolCommands m_commands;
    JobQueueToolBar *m_toolBar;
    QLabel *m_message;
    JobTableModel *m_model;
    QTableView *m_table;
    JobDetailsTabs *m_details;
    QSplitter *m_splitter;
    QLabel *m_totals;
};

} // namespace apedesk::ui
