#include "ganrunsmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace apedesk::ui {

GanRunsModel::GanRunsModel(QObject *parent) : QAbstractTableModel(parent) {}

int GanRunsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_runs.size()); }

int GanRunsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant GanRunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GanRunInfo &run = m_runs.at(index.row());
    const QLocale locale;
    if (role == DirectoryRole)
        return run.directory;
    if (role == Qt::ToolTipRole)
        return QDir::toNativeSeparators(index.column() == DataColumn ? run.config.dataSource : run.directory);
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case EpochsColumn:
        case StepColumn:
        case GeneratorLossColumn:
        case BestValidationColumn: return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default: return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return run.name;
    case ModifiedColumn: return locale.toString(run.modified, QLocale::ShortFormat);
    case PresetColumn: return run.config.preset == QLatin1String("full") ? tr("full") : tr("quick");
    case DataColumn:
        if (run.config.dataKind == QLatin1String("store"))
            return tr("swap store (%1)").arg(run.config.dataChain);
        return QFileInfo(run.config.dataSource).fileName();
    case EpochsColumn: return locale.toString(run.config.model.epochs);
    case StepColumn: return locale.toString(run.lastStep);
    case GeneratorLossColumn: return run.lastGeneratorLoss ? locale.toString(*run.lastGeneratorLoss, 'g', 4) : QString();
    case BestValidationColumn:
        return run.bestValidationGeneratorLoss ? locale.toString(*run.bestValidationGeneratorLoss, 'g', 4) : QString();
    case CheckpointColumn: return run.hasCheckpoint ? tr("yes") : tr("no");
    default: return {};
    }
}

QVariant GanRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Run");
    case ModifiedColumn: return tr("Last logged");
    case PresetColumn: return tr("Preset");
    case DataColumn: return tr("Data");
    case EpochsColumn: return tr("Epochs");
    case StepColumn: return tr("Step");
    case GeneratorLossColumn: return tr("G loss");
    case BestValidationColumn: return tr("Best val. G");
    case CheckpointColumn: return tr("Checkpoint");
    default: return {};
    }
}

void GanRunsModel::setRuns(QVector<GanRunInfo> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int GanRunsModel::rowOf(const QString &directory) const
{
    const QString wanted = QDir(directory).absolutePath();
    for (int i = 0; i < m_runs.size(); ++i)
        if (m_runs.at(i).directory == wanted)
            return i;
    return -1;
}

} // namespace apedesk::ui
