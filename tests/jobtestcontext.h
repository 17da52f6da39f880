#pragma once
// A JobContext for running one job kind's runner directly in a test, without the queue: it records
// everything the runner reports and can be told to cancel (from any thread, or after N progress calls).

#include "distill/jobtypes.h"

#include <QAtomicInt>
#include <QMutex>
#include <QMutexLocker>

#include <functional>

class JobTestContext : public apedesk::distill::JobContext
{
public:
    struct Progress
    {
        double fraction;
        QString text;
        qint64 etaSeconds;
    };

    explicit JobTestContext(apedesk::distill::JobRecord job) : m_job(std::move(job)) {}
    JobTestContext(apedesk::distill::JobKind kind, const QJsonObject &params)
    {
        m_job.id = 1;
        m_job.kind = kind;
        m_job.params = params;
        m_job.state = apedesk::distill::JobState::Running;
        m_job.attempts = 1;
    }

    const apedesk::distill::JobRecord &job() const override { return m_job; }
    bool canceled() const override
    {
        if (m_cancel.loadAcquire())
            return true;
        const QMutexLocker lock(&m_mutex);
        return m_cancelWhen && m_cancelWhen(*this);
    }
    void progress(double fraction, const QString &text, qint64 etaSeconds) override
    {
        const QMutexLocker lock(&m_mutex);
        m_progress.append({fraction, text, etaSeconds});
    }
    void log(const QString &line, apedesk::distill::JobLogStream stream) override
    {
        const QMutexLocker lock(&m_mutex);
        apedesk::distill::JobLogLine entry;
        entry.id = m_logs.size() + 1;
        entry.jobId = m_job.id;
        entry.stream = stream;
        entry.text = line;
        m_logs.append(entry);
    }
    void metric(const QString &series, double step, double value) override
    {
        const QMutexLocker lock(&m_mutex);
        m_metrics.append({m_job.id, series, step, value});
    }
    void usage(qint64 promptTokens, qint64 completionTokens, double costUsd) override
    {
        const QMutexLocker lock(&m_mutex);
        m_promptTokens += promptTokens;
        m_completionTokens += completionTokens;
        m_costUsd += costUsd;
    }

    // Thread safe.
    void cancel() { m_cancel.storeRelease(1); }
    // Cancel as soon as `when` says so (checked on each canceled() call with the lock held, so `when`
    // reads the lists through the *Unlocked accessors).
    void cancelWhen(std::function<bool(const JobTestContext &)> when)
    {
        const QMutexLocker lock(&m_mutex);
        m_cancelWhen = std::move(when);
    }

    QList<Progress> progressCalls() const { const QMutexLocker lock(&m_mutex); return m_progress; }
    QList<apedesk::distill::JobLogLine> logs() const { const QMutexLocker lock(&m_mutex); return m_logs; }
    QStringList logTexts() const
    {
        const QMutexLocker lock(&m_mutex);
        QStringList texts;
        for (const auto &line : m_logs)
            texts.append(line.text);
        return texts;
    }
    QList<apedesk::distill::JobMetricPoint> metrics() const { const QMutexLocker lock(&m_mutex); return m_metrics; }
    qint64 promptTokens() const { const QMutexLocker lock(&m_mutex); return m_promptTokens; }
    qint64 completionTokens() const { const QMutexLocker lock(&m_mutex); return m_completionTokens; }
    double costUsd() const { const QMutexLocker lock(&m_mutex); return m_costUsd; }

    // For cancelWhen predicates (called with the lock held): the lists as they are.
    const QList<Progress> &progressUnlocked() const { return m_progress; }
    const QList<apedesk::distill::JobMetricPoint> &metricsUnlocked() const { return m_metrics; }
    const QList<apedesk::distill::JobLogLine> &logsUnlocked() const { return m_logs; }

private:
    apedesk::distill::JobRecord m_job;
    QAtomicInt m_cancel{0};
    mutable QMutex m_mutex;
    std::function<bool(const JobTestContext &)> m_cancelWhen;
    QList<Progress> m_progress;
    QList<apedesk::distill::JobLogLine> m_logs;
    QList<apedesk::distill::JobMetricPoint> m_metrics;
    qint64 m_promptTokens = 0;
    qint64 m_completionTokens = 0;
    double m_costUsd = 0;
};
