#include "versiontablemodel.h"

#include "federated/regimeclassifier.h"

#include <QFont>
#include <QLocale>

namespace apedesk::ui {

using federated::ModelVersion;

VersionTableModel::VersionTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int VersionTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_versions.size()); }

int VersionTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

int VersionTableModel::rowOfVersion(qint64 version) const
{
    for (int row = 0; row < m_versions.size(); ++row)
        if (m_versions.at(row).version == version)
            return row;
    return -1;
}

std::optional<double> VersionTableModel::globalRmse(const ModelVersion &version)
{
    const QJsonValue value = version.metrics.value(QStringLiteral("global_rmse"));
    if (!value.isDouble())
        return std::nullopt;
    return value.toDouble();
}

QString VersionTableModel::regimesText(const QStringList &regimeKeys)
{
    QStringList names;
    for (const QString &key : regimeKeys) {
        const std::optional<federated::MarketRegime> regime = federated::regimeFromKey(key);
        names.append(regime ? federated::regimeDisplayName(*regime) : key);
    }
    return names.join(QStringLiteral(", "));
}

QVariant VersionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelVersion &version = m_versions.at(index.row());
    const bool current = index.row() == 0;   // the list is newest first; the newest is the model in use
    const std::optional<double> rmse = globalRmse(version);
    switch (role) {
    case VersionRole: return version.version;
    case RolledBackFromRole: return version.rolledBackFrom;
    case GlobalRmseRole: return rmse ? QVariant(*rmse) : QVariant();
    case CurrentRole: return current;
    case Qt::DisplayRole:
        switch (index.column()) {
        case VersionColumn: return current ? tr("v%1 (current)").arg(version.version) : tr("v%1").arg(version.version);
        case RoundColumn: return version.round + 1;
        case GlobalRmseColumn: return rmse ? QLocale().toString(*rmse, 'f', 4) : QString();
        case RegimesColumn: return regimesText(version.regimes);
        case SourceColumn:
            return version.rolledBackFrom > 0 ? tr("Rollback to v%1").arg(version.rolledBackFrom) : tr("Aggregated");
        case CreatedColumn: return QLocale().toString(version.createdAt.toLocalTime(), QLocale::ShortFormat);
        }
        return {};
    case Qt::FontRole:
        if (current && index.column() == VersionColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RoundColumn:
        case GlobalRmseColumn: return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn && !version.note.isEmpty())
            return version.note;
        if (index.column() == VersionColumn)
            return tr("%1 parameters, %2 bytes stored").arg(QLocale().toString(version.parameterCount),
                                                            QLocale().toString(version.blobBytes));
        return {};
    }
    return {};
}

QVariant VersionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn: return tr("Version");
    case RoundColumn: return tr("Round");
    case GlobalRmseColumn: return tr("Global RMSE");
    case RegimesColumn: return tr("Regimes");
    case SourceColumn: return tr("Source");
    case CreatedColumn: return tr("Created");
    }
    return {};
}

void VersionTableModel::setVersions(const QList<ModelVersion> &versions)
{
    // A handful of rows (the registry keeps about ten): a reset is simplest and the view keeps up.
    beginResetModel();
    m_versions = versions;
    endResetModel();
}

} // namespace apedesk::ui
