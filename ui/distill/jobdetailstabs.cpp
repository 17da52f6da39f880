#include "jobdetailstabs.h"

#include "distill/jobqueueservice.h"
#include "evaluationpage.h"
#include "jobinfoview.h"
#include "joblogview.h"
#include "joblosschart.h"

namespace apedesk::ui {

using distill::JobKind;

JobDetailsTabs::JobDetailsTabs(JobQueueService *service, QWidget *parent) : QTabWidget(parent), m_service(service)
{
    setObjectName(QStringLiteral("distillDetailsTabs"));
    setDocumentMode(true);
    m_log = new JobLogView(this);
    m_loss = new JobLossChart(this);
    m_evaluation = new EvaluationPage(this);
    m_info = new JobInfoView(this);
    addTab(m_log, tr("Log"));
    addTab(m_loss, tr("Loss"));
    addTab(m_evaluation, tr("Evaluation"));
    addTab(m_info, tr("Job"));
    if (m_service) {
        connect(m_service, &JobQueueService::jobDetails, this, &JobDetailsTabs::showDetails);
        connect(m_service, &JobQueueService::jobLogAppended, this, &JobDetailsTabs::appendLog);
        connect(m_service, &JobQueueService::jobMetricAppended, this, &JobDetailsTabs::appendMetric);
    }
}

QWidget *JobDetailsTabs::logPage() const { return m_log; }

QWidget *JobDetailsTabs::lossPage() const { return m_loss; }

void JobDetailsTabs::showJob(const std::optional<distill::JobRecord> &job)
{
    m_info->showJob(job);
    const qint64 id = job ? job->id : 0;
    if (id == m_jobId)
        return;
    m_jobId = id;
    m_log->clearLines();
    m_loss->clear();
    m_heldLog.clear();
    m_heldMetrics.clear();
    m_waiting = false;
    if (!job) {
        m_log->setPlaceholderText(tr("Select a job to see its log."));
        m_loss->setEmptyText(tr("Select a fine-tune job to see its loss curves."));
        return;
    }
    m_log->setPlaceholderText(tr("No log lines yet."));
    m_loss->setEmptyText(job->kind == JobKind::FineTune ? tr("No loss reported yet.")
                                                        : tr("Only fine-tune jobs draw loss curves."));
    if (m_service) {
        m_waiting = true;
        m_service->requestDetails(id);
    }
}

void JobDetailsTabs::showDetails(qint64 id, const QList<distill::JobLogLine> &log,
                                 const QList<distill::JobMetricPoint> &metrics)
{
    if (id != m_jobId || id == 0)
        return;   // an answer for a job no longer selected
    m_log->setLines(log);
    for (const distill::JobLogLine &line : std::as_const(m_heldLog))
        m_log->appendLine(line);   // skips lines the answer held already (by id)
    m_loss->setPoints(metrics);
    for (const distill::JobMetricPoint &point : std::as_const(m_heldMetrics))
        m_loss->addPoint(point, true);
    m_heldLog.clear();
    m_heldMetrics.clear();
    m_waiting = false;
}

void JobDetailsTabs::appendLog(const distill::JobLogLine &line)
{
    if (line.jobId != m_jobId || m_jobId == 0)
        return;
    if (m_waiting)
        m_heldLog.append(line);
    else
        m_log->appendLine(line);
}

void JobDetailsTabs::appendMetric(const distill::JobMetricPoint &point)
{
    if (point.jobId != m_jobId || m_jobId == 0)
        return;
    if (m_waiting)
        m_heldMetrics.append(point);
    else
        m_loss->addPoint(point);
}

} // namespace apedesk::ui
