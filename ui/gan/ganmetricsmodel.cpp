#include "ganmetricsmodel.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace apedesk::ui {

GanMetricsModel::GanMetricsModel(QObject *parent) : QAbstractTableModel(parent) {}

int GanMetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GanMetricsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

std::optional<double> GanMetricsModel::value(const ml::GanStepMetrics &m, int column)
{
    switch (column) {
    case StepColumn: return double(m.step);
    case EpochColumn: return double(m.epoch);
    case CriticLossColumn: return m.criticLoss;
    case GeneratorLossColumn: return m.generatorLoss;
    case GradientPenaltyColumn: return m.gradientPenalty;
    case WassersteinColumn: return m.wasserstein;
    case ValidationGeneratorLossColumn: return m.validationGeneratorLoss;
    case ValidationCriticLossColumn: return m.validationCriticLoss;
    default: break;
    }
    return std::nullopt;
}

QVariant GanMetricsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ml::GanStepMetrics &m = m_rows.at(index.row());
    const std::optional<double> v = value(m, index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (!v)
            return QString();
        if (index.column() == StepColumn || index.column() == EpochColumn)
            return QLocale().toString(qint64(*v));
        return std::isfinite(*v) ? QLocale().toString(*v, 'g', 5) : QString::number(*v);
    case Qt::EditRole:
        return v ? QVariant(*v) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant GanMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StepColumn: return tr("Step");
    case EpochColumn: return tr("Epoch");
    case CriticLossColumn: return tr("Critic loss");
    case GeneratorLossColumn: return tr("Generator loss");
    case GradientPenaltyColumn: return tr("Gradient penalty");
    case WassersteinColumn: return tr("Wasserstein estimate");
    case ValidationGeneratorLossColumn: return tr("Validation G loss");
    case ValidationCriticLossColumn: return tr("Validation critic loss");
    default: return {};
    }
}

void GanMetricsModel::append(const ml::GanStepMetrics &metrics)
{
    if (!m_rows.isEmpty() && metrics.step <= m_rows.last().step) {
        const auto from = std::lower_bound(m_rows.cbegin(), m_rows.cend(), metrics.step,
                                           [](const ml::GanStepMetrics &row, qint64 step) { return row.step < step; });
        const int first = int(from - m_rows.cbegin());
        beginRemoveRows({}, first, int(m_rows.size()) - 1);
        m_rows.resize(first);
        endRemoveRows();
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(metrics);
    endInsertRows();
}

void GanMetricsModel::setRows(QVector<ml::GanStepMetrics> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void GanMetricsModel::clear() { setRows({}); }

} // namespace apedesk::ui
