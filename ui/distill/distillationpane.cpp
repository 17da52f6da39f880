#include "distillationpane.h"

#include "addpipelinedialog.h"
#include "common/logging.h"
#include "distill/jobqueueservice.h"
#include "evaluationpage.h"
#include "jobdetailstabs.h"
#include "jobqueuetoolbar.h"
#include "jobtablemodel.h"
#include "progressbardelegate.h"
#include "wallet/walletstyle.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace apedesk::ui {

using distill::JobRecord;
using distill::JobState;

DistillationPane::DistillationPane(JobQueueService *service, QWidget *parent)
    : PaneScaffold(QStringLiteral("distillationPane"), service, parent), m_service(service)
{
    if (!m_service)
        setCapabilityNote(tr("This build has no distillation job queue: nothing can be added or run here."));

    m_toolBar = new JobQueueToolBar(m_service, this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("distillMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_model = new JobTableModel(this);
    m_model->setObjectName(QStringLiteral("distillJobModel"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("distillJobTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(JobTableModel::ProgressColumn, new ProgressBarDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    // The job's title and its progress text share what the fixed columns leave.
    header->setSectionResizeMode(JobTableModel::JobColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(JobTableModel::ProgressColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(36);
    const QFontMetrics fm = m_table->fontMetrics();
    // Widths for typical contents, so snapshots never make the columns jump.
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 20; };
    m_table->setColumnWidth(JobTableModel::IdColumn, width(QStringLiteral("0000")));
    m_table->setColumnWidth(JobTableModel::PipelineColumn, width(QStringLiteral("distill-20250101-1200")));
    m_table->setColumnWidth(JobTableModel::StateColumn, width(QStringLiteral("Retry at 12:00 PM")));
    m_table->setColumnWidth(JobTableModel::EtaColumn, width(QStringLiteral("10 min 00 s")));
    m_table->setColumnWidth(JobTableModel::TokensColumn, width(QStringLiteral("1,000,000")));
    m_table->setColumnWidth(JobTableModel::CostColumn, width(QStringLiteral("$0.0000")));
    m_table->setColumnWidth(JobTableModel::AttemptsColumn, width(QStringLiteral("Attempts")));

    m_details = new JobDetailsTabs(m_service, this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("distillSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("distillTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);   // a narrow dock wraps the totals instead of widening the window

    contentLayout()->addWidget(m_toolBar);
    contentLayout()->addWidget(m_message);
    contentLayout()->addWidget(m_splitter, 1);
    contentLayout()->addWidget(m_totals);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DistillationPane::selectionChanged);
    connect(m_toolBar, &JobQueueToolBar::addPipelineRequested, this, &DistillationPane::openAddPipelineDialog);
    // A new action's answer replaces the last one's complaint.
    connect(m_toolBar, &QToolBar::actionTriggered, this, [this] { showMessage({}); });
    if (m_service) {
        connect(m_service, &JobQueueService::jobsSnapshot, this, &DistillationPane::showJobs);
        connect(m_service, &JobQueueService::actionFailed, this, &DistillationPane::showActionFailed);
        connect(m_service, &JobQueueService::dispatchingChanged, m_toolBar, &JobQueueToolBar::setDispatching);
        m_service->requestSnapshot();   // jobs a previous session left
    }
    showJobs({});
}

DistillationPane::~DistillationPane() = default;

QString DistillationPane::totals(const QList<JobRecord> &jobs)
{
    int running = 0, queued = 0, paused = 0, failed = 0, done = 0;
    qint64 tokens = 0;
    double cost = 0;
    for (const JobRecord &job : jobs) {
        switch (job.state) {
        case JobState::Running: ++running; break;
        case JobState::Queued: ++queued; break;
        case JobState::Paused: ++paused; break;
        case JobState::Failed: ++failed; break;
        case JobState::Done: ++done; break;
        case JobState::Canceled: break;
        }
        tokens += job.promptTokens + job.completionTokens;
        cost += job.costUsd;
    }
    if (jobs.isEmpty())
        return tr("No jobs: Add pipeline… queues a whole distillation chain.");
    return tr("%1 running · %2 queued · %3 paused · %4 failed · %5 done — %6 tokens, %7")
        .arg(running)
        .arg(queued)
        .arg(paused)
        .arg(failed)
        .arg(done)
        .arg(JobTableModel::tokensText(tokens), JobTableModel::costText(cost));
}

void DistillationPane::showJobs(const QList<JobRecord> &jobs)
{
    m_model->setJobs(jobs);
    m_details->evaluationPage()->setJobs(jobs);
    m_totals->setText(totals(jobs));
    selectionChanged();   // the selected job's state may have changed
}

void DistillationPane::showActionFailed(const Error &error)
{
    qCWarning(lcUi) << "Distillation:" << error.toString();
    showMessage(error.message, true);
}

std::optional<JobRecord> DistillationPane::selectedJob() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->job(rows.first().row());
}

void DistillationPane::selectJob(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        m_table->clearSelection();
    else
        m_table->selectRow(row);
}

void DistillationPane::selectionChanged()
{
    const std::optional<JobRecord> job = selectedJob();
    const int row = job ? m_model->rowOf(job->id) : -1;
    m_toolBar->setSelection(job, row, m_model->rowCount());
    m_details->showJob(job);
}

AddPipelineDialog *DistillationPane::openAddPipelineDialog()
{
    if (!m_service)
        return nullptr;
    auto *dialog = new AddPipelineDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setToolCommands(m_commands);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto &spec = dialog->acceptedPipeline()) {
            showMessage(tr("Added pipeline %1 with %n job(s).", nullptr, int(spec->jobs.size())).arg(spec->name));
            m_service->addPipeline(*spec);
        }
    });
    dialog->open();
    return dialog;
}

QString DistillationPane::message() const { return m_message->isHidden() ? QString() : m_message->text(); }

QString DistillationPane::totalsText() const { return m_totals->text(); }

void DistillationPane::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
