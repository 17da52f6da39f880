#pragma once
// Past GAN runs as a table, newest first: folder, when it last logged, preset, data, epochs, the
// last logged step and generator loss, the best validation G loss and whether a checkpoint is there
// to continue or generate from. Filled from scanGanRuns (run on a pool thread by the runs page).

#include "ganrunfiles.h"

#include <QAbstractTableModel>

namespace apedesk::ui {

class GanRunsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn, ModifiedColumn, PresetColumn, DataColumn, EpochsColumn, StepColumn, GeneratorLossColumn,
        BestValidationColumn, CheckpointColumn, ColumnCount
    };
    enum Role { DirectoryRole = Qt::UserRole + 1 };

    explicit GanRunsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRuns(QVector<GanRunInfo> runs);
    const GanRunInfo &run(int row) const { return m_runs.at(row); }
    int rowOf(const QString &directory) const;   // −1: not listed

private:
    QVector<GanRunInfo> m_runs;
};

} // namespace apedesk::ui
