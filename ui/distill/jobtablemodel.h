#pragma once
// The job queue as a table, fed by JobQueueService::jobsSnapshot. Each snapshot is merged in place:
// changed rows emit dataChanged, new jobs are inserted, removed ones removed and reordered ones moved,
// so the view's selection and scroll position survive the ~10 snapshots a second a busy queue sends.

#include "distill/jobtypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace apedesk::ui {

class JobTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, JobColumn, PipelineColumn, StateColumn, ProgressColumn, EtaColumn, TokensColumn,
                  CostColumn, AttemptsColumn, ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole + 1,   // the whole distill::JobRecord
        JobIdRole,                       // qint64
        StateRole,                       // int(distill::JobState)
        ProgressRole,                    // double 0..1
        ProgressTextRole,                // the runner's own words ("Iter 120: train loss 1.234")
    };

    explicit JobTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The queue in its order; merged into the rows present (see above).
    void setJobs(const QList<distill::JobRecord> &jobs);
    const QList<distill::JobRecord> &jobs() const { return m_jobs; }
    const distill::JobRecord &job(int row) const { return m_jobs.at(row); }
    int rowOf(qint64 id) const;   // -1: not in the table

    // Cell texts, shared with the totals line.
    static QString etaText(qint64 seconds);
    static QString costText(double usd);
    static QString tokensText(qint64 tokens);
    static QString jobText(const distill::JobRecord &job);   // the title, with the kind where it does not say it

private:
    void updateRow(int row, const distill::JobRecord &job);

    QList<distill::JobRecord> m_jobs;
};

} // namespace apedesk::ui
