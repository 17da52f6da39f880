#pragma once
// The logged training steps of the run on screen, one row per GanStepMetrics: live rows from
// TrainingService::ganMetrics, or a past run's metrics.csv. The curves draw from it (rowsInserted
// for live appends, modelReset for a whole run).

#include "gantrainer.h"

#include <QAbstractTableModel>
#include <QVector>

namespace apedesk::ui {

class GanMetricsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StepColumn, EpochColumn, CriticLossColumn, GeneratorLossColumn, GradientPenaltyColumn, WassersteinColumn,
        ValidationGeneratorLossColumn, ValidationCriticLossColumn, ColumnCount
    };

    explicit GanMetricsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A live row. A step at or before the last row's is a restart of the series (a new run or a
    // resume from an earlier checkpoint): rows from that step on are dropped first.
    void append(const ml::GanStepMetrics &metrics);
    void setRows(QVector<ml::GanStepMetrics> rows);
    void clear();

    const ml::GanStepMetrics &at(int row) const { return m_rows.at(row); }
    const QVector<ml::GanStepMetrics> &rows() const { return m_rows; }

    // The value a column shows as a number (nullopt: not logged on that row).
    static std::optional<double> value(const ml::GanStepMetrics &metrics, int column);

private:
    QVector<ml::GanStepMetrics> m_rows;
};

} // namespace apedesk::ui
