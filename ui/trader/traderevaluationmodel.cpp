#include "traderevaluationmodel.h"

#include "traderstyle.h"

#include <QApplication>
#include <QFont>
#include <QLocale>

namespace apedesk::ui {

TraderEvaluationModel::TraderEvaluationModel(QObject *parent) : QAbstractTableModel(parent) {}

QStringList TraderEvaluationModel::policyKeys()
{
    return {QStringLiteral("policy"), QStringLiteral("buy_and_hold"), QStringLiteral("random")};
}

QString TraderEvaluationModel::policyName(const QString &key)
{
    if (key == QLatin1String("policy"))
        return tr("DQN policy");
    if (key == QLatin1String("buy_and_hold"))
        return tr("Buy and hold");
    if (key == QLatin1String("random"))
        return tr("Random");
    return key;
}

QColor TraderEvaluationModel::policyColor(const QString &key, const QPalette &palette)
{
    if (key == QLatin1String("policy"))
        return traderstyle::policyColor(palette);
    if (key == QLatin1String("buy_and_hold"))
        return traderstyle::buyAndHoldColor(palette);
    return traderstyle::randomColor(palette);
}

int TraderEvaluationModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int TraderEvaluationModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TraderEvaluationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PolicyColumn: return policyName(r.key);
        case TotalReturnColumn: {
            const QString percent = QString(locale.toString(r.totalReturn * 100, 'f', 2) + QStringLiteral(" %"));
            return r.totalReturn > 0 ? QString(QLatin1Char('+') + percent) : percent;
        }
        case SharpeColumn: return locale.toString(r.sharpe, 'f', 2);
        case MaxDrawdownColumn: return QString(locale.toString(r.maxDrawdown * 100, 'f', 2) + QStringLiteral(" %"));
        case TradesColumn: return locale.toString(r.trades);
        case FeesColumn: return locale.toString(r.fees, 'f', 2);
        }
        return {};
    case ValueRole:
        switch (index.column()) {
        case PolicyColumn: return r.key;
        case TotalReturnColumn: return r.totalReturn;
        case SharpeColumn: return r.sharpe;
        case MaxDrawdownColumn: return r.maxDrawdown;
        case TradesColumn: return r.trades;
        case FeesColumn: return r.fees;
        }
        return {};
    case PolicyKeyRole:
        return r.key;
    case Qt::DecorationRole:
        // The swatch ties the row to its equity curve.
        return index.column() == PolicyColumn ? QVariant(policyColor(r.key, QApplication::palette())) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == PolicyColumn ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                              : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::FontRole:
        if (index.column() == TotalReturnColumn && index.row() == m_bestReturnRow) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TotalReturnColumn: return tr("Final equity − 1 over the held-out range.");
        case SharpeColumn: return tr("Mean ÷ standard deviation of the step returns × √steps (not annualised).");
        case MaxDrawdownColumn: return tr("The largest fall from a peak of the equity.");
        case TradesColumn: return tr("Position changes (buys and sells).");
        case FeesColumn: return tr("Fees paid, in USDC, summed over the held-out sequences.");
        }
        return {};
    }
    return {};
}

QVariant TraderEvaluationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == PolicyColumn ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PolicyColumn: return tr("Policy");
    case TotalReturnColumn: return tr("Total return");
    case SharpeColumn: return tr("Sharpe");
    case MaxDrawdownColumn: return tr("Max drawdown");
    case TradesColumn: return tr("Trades");
    case FeesColumn: return tr("Fees (USDC)");
    }
    return {};
}

bool TraderEvaluationModel::setEvaluation(const QJsonObject &evaluation)
{
    beginResetModel();
    m_rows.clear();
    m_bestReturnRow = -1;
    for (const QString &key : policyKeys()) {
        const QJsonValue value = evaluation.value(key);
        if (!value.isObject())
            continue;
        const QJsonObject o = value.toObject();
        Row row;
        row.key = key;
        row.totalReturn = o.value(QStringLiteral("total_return")).toDouble();
        row.sharpe = o.value(QStringLiteral("sharpe")).toDouble();
        row.maxDrawdown = o.value(QStringLiteral("max_drawdown")).toDouble();
        row.trades = o.value(QStringLiteral("trades")).toInt();
        row.fees = o.value(QStringLiteral("fees")).toDouble();
        if (m_bestReturnRow < 0 || row.totalReturn > m_rows.at(m_bestReturnRow).totalReturn)
            m_bestReturnRow = int(m_rows.size());
        m_rows.append(row);
    }
    endResetModel();
    return !m_rows.isEmpty();
}

void TraderEvaluationModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_bestReturnRow = -1;
    endResetModel();
}

} // namespace apedesk::ui
