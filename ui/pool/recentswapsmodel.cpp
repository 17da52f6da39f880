#include "recentswapsmodel.h"

#include "widgets/charts/charttheme.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace apedesk::ui {

namespace {
bool isAfter(const market::PoolSwap &a, const market::PoolSwap &b)
{
    return a.blockNumber > b.blockNumber || (a.blockNumber == b.blockNumber && a.logIndex > b.logIndex);
}
} // namespace

RecentSwapsModel::RecentSwapsModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity))
{
}

int RecentSwapsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int RecentSwapsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString RecentSwapsModel::directionText(bool sell) { return sell ? tr("Sell ETH") : tr("Buy ETH"); }

QVariant RecentSwapsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool sell = row.point.ethAmount < 0;
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(QDateTime::fromSecsSinceEpoch(row.swap.timestamp), QLocale::LongFormat);
        case TxHashColumn: return row.swap.txHash.toHex();
        case DirectionColumn:
            return sell ? tr("The swapper paid ETH into the pool and received USDC.")
                        : tr("The swapper paid USDC into the pool and received ETH.");
        default: return {};
        }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case BlockColumn:
        case EthColumn:
        case UsdcColumn:
        case PriceColumn: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        if (index.column() == DirectionColumn) {
            const auto theme = charts::ChartTheme::fromPalette(QApplication::palette());
            return sell ? theme.sell : theme.buy;
        }
        return {};
    case TxHashRole: return row.swap.txHash.toHex();
    case TimestampRole: return row.swap.timestamp;
    case SellRole: return sell;
    case PriceRole: return row.point.price;
    default: return {};
    }
}

QVariant RecentSwapsModel::display(const Row &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case TimeColumn:
        return QDateTime::fromSecsSinceEpoch(row.swap.timestamp).toString(QStringLiteral("MM-dd HH:mm:ss"));
    case BlockColumn: return QString::number(row.swap.blockNumber);
    case DirectionColumn: return directionText(row.point.ethAmount < 0);
    case EthColumn: return locale.toString(std::abs(row.point.ethAmount), 'f', 6);
    case UsdcColumn: return locale.toString(std::abs(row.point.usdcAmount), 'f', 2);
    case PriceColumn: return locale.toString(row.point.price, 'f', 2);
    case TxHashColumn: {
        const QString hex = row.swap.txHash.toHex();
        return QString(hex.left(6) + QStringLiteral("…") + hex.right(4));
    }
    default: return {};
    }
}

QVariant RecentSwapsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case BlockColumn: return tr("Block");
    case DirectionColumn: return tr("Direction");
    case EthColumn: return tr("ETH");
    case UsdcColumn: return tr("USDC");
    case PriceColumn: return tr("Price");
    case TxHashColumn: return tr("Tx hash");
    default: return {};
    }
}

void RecentSwapsModel::setSwaps(const QList<market::PoolSwap> &oldestFirst)
{
    beginResetModel();
    m_rows.clear();
    const qsizetype skip = std::max<qsizetype>(0, oldestFirst.size() - m_capacity);
    for (qsizetype i = oldestFirst.size() - 1; i >= skip; --i)
        m_rows.append(Row{oldestFirst.at(i), market::toSwapPoint(oldestFirst.at(i))});
    endResetModel();
}

void RecentSwapsModel::appendSwaps(const QList<market::PoolSwap> &oldestFirst)
{
    QList<Row> fresh;   // newest first
    for (auto it = oldestFirst.crbegin(); it != oldestFirst.crend(); ++it) {
        if (!m_rows.isEmpty() && !isAfter(*it, m_rows.constFirst().swap))
            continue;
        if (!fresh.isEmpty() && !isAfter(fresh.constLast().swap, *it))
            continue;   // out of order or repeated within the batch
        fresh.append(Row{*it, market::toSwapPoint(*it)});
        if (fresh.size() == m_capacity)
            break;
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    m_rows = fresh + m_rows;
    endInsertRows();
    if (m_rows.size() > m_capacity) {
        beginRemoveRows({}, m_capacity, int(m_rows.size()) - 1);
        m_rows.resize(m_capacity);
        endRemoveRows();
    }
}

void RecentSwapsModel::clear() { setSwaps({}); }

market::PoolSwap RecentSwapsModel::swapAt(int row) const { return m_rows.value(row).swap; }

} // namespace apedesk::ui
