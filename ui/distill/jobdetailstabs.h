#pragma once
// The lower half of the pane: the selected job's Log (fed by requestDetails → jobDetails, then by the
// live jobLogAppended), its Loss curves (fine-tune jobs: jobDetails' metrics, then jobMetricAppended),
// the queue's Evaluation results side by side, and the Job's parameters and result.
//
// A details answer and live lines can cross: lines and points that arrive while the answer is on its
// way are held and added after it, without the ones it already holds.

#include "distill/jobtypes.h"

#include <QTabWidget>

#include <optional>

namespace apedesk {
class JobQueueService;
}

namespace apedesk::ui {

class EvaluationPage;
class JobInfoView;
class JobLogView;
class JobLossChart;

class JobDetailsTabs : public QTabWidget
{
    Q_OBJECT
public:
    JobDetailsTabs(JobQueueService *service, QWidget *parent = nullptr);

    // The selected job as the latest snapshot has it, or none. A new job asks the service for its
    // log and curves; the same job again only refreshes the Job tab.
    void showJob(const std::optional<distill::JobRecord> &job);
    qint64 jobId() const { return m_jobId; }
    bool waitingForDetails() const { return m_waiting; }

    JobLogView *logView() const { return m_log; }
    JobLossChart *lossChart() const { return m_loss; }
    EvaluationPage *evaluationPage() const { return m_evaluation; }
    JobInfoView *infoView() const { return m_info; }
    QWidget *logPage() const;
    QWidget *lossPage() const;

public Q_SLOTS:
    void showDetails(qint64 id, const QList<apedesk::distill::JobLogLine> &log,
                     const QList<apedesk::distill::JobMetricPoint> &metrics);
    void appendLog(const apedesk::distill::JobLogLine &line);
    void appendMetric(const apedesk::distill::JobMetricPoint &point);

private:
    JobQueueService *m_service;
    JobLogView *m_log;
    JobLossChart *m_loss;
    EvaluationPage *m_evaluation;
    JobInfoView *m_info;
    qint64 m_jobId = 0;
    bool m_waiting = false;
    QList<distill::JobLogLine> m_heldLog;
    QList<distill::JobMetricPoint> m_heldMetrics;
};

} // namespace apedesk::ui
