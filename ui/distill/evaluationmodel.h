#pragma once
// The evaluations of the queue side by side: one column per model of every Done evaluate job (the
// student beside the base model it is compared with), one row per figure — examples, answered,
// failed, the share of answers with a canary word, agreement with the teacher's labels, the action
// mix (APE IN / APE OUT / APE NEUTRAL / other) and the mean latency, and the error a model had.
// Read from each job's result JSON {"models": [{model, examples, answered, failed, canary_share,
// agreement, action_mix{ape_in, ape_out, ape_neutral, other}, mean_latency_ms, error?}]}.

#include "distill/jobtypes.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QVector>

namespace apedesk::ui {

class EvaluationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Figure { Examples, Answered, Failed, CanaryShare, Agreement, ApeIn, ApeOut, ApeNeutral, Other, MeanLatency,
                  ErrorFigure, FigureCount };
    enum Role { ValueRole = Qt::UserRole + 1, JobIdRole, ModelRole };   // raw number; the evaluate job; the model name

    struct Column
    {
        qint64 jobId = 0;
        QString pipeline;
        QString model;
        QJsonObject figures;    // one entry of the result's "models"
    };

    explicit EvaluationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Takes the Done evaluate jobs of a snapshot; the table changes only when their results do.
    void setJobs(const QList<distill::JobRecord> &jobs);
    const QVector<Column> &evaluated() const { return m_columns; }
    int evaluateJobCount() const { return m_jobCount; }

    static QString figureName(Figure figure);

private:
    QVariant value(const Column &column, Figure figure) const;
    QString text(const Column &column, Figure figure) const;
    bool isBest(int column, Figure figure) const;

    QVector<Column> m_columns;
    int m_jobCount = 0;
};

} // namespace apedesk::ui
