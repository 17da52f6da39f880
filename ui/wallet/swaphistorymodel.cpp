#include "swaphistorymodel.h"

#include "amounttext.h"

#include <QColor>
#include <QLocale>

namespace apedesk::ui {

SwapHistoryModel::SwapHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

int SwapHistoryModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int SwapHistoryModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SwapHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SwapRecord &record = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(record, index.column());
    case Qt::ToolTipRole: return toolTip(record, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case InColumn:
        case OutColumn:
        case PriceColumn:
        case GasColumn: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        // The whole row says how the swap ended, even when the Status column is scrolled out of view.
        switch (record.status) {
        case SwapRecord::Status::Reverted:
        case SwapRecord::Status::Failed: return QColor(0xd3, 0x2f, 0x2f);
        case SwapRecord::Status::Pending: return QColor(0x80, 0x80, 0x80);
        case SwapRecord::Status::Succeeded: return {};
        }
        return {};
    case SwapIdRole: return QVariant::fromValue(record.id);
    case StatusRole: return static_cast<int>(record.status);
    case TxHashRole: return record.txHash.isZero() ? QString() : record.txHash.toHex();
    default: return {};
    }
}

QVariant SwapHistoryModel::display(const SwapRecord &record, int column) const
{
    const QString none = tr("—");
    const bool ethIn = record.direction == SwapDirection::EthToUsdc;
    const bool ended = record.status != SwapRecord::Status::Pending;
    switch (column) {
    case TimeColumn: return record.time.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case DirectionColumn: return AmountText::direction(record.direction);
    case InColumn: return AmountText::tokenAmount(record.amountIn, ethIn);
    case OutColumn:
        return record.status == SwapRecord::Status::Succeeded ? AmountText::tokenAmount(record.amountOut, !ethIn) : none;
    case PriceColumn: {
        const QString price = AmountText::price(record.effectivePrice);
        return price.isEmpty() ? none : price;
    }
    case GasColumn: return ended && record.gasUsed > 0 ? AmountText::grouped(record.gasUsed, 0) : none;
    case StatusColumn: return statusText(record.status);
    case TxHashColumn: {
        if (record.txHash.isZero())
            return none;
        const QString hex = record.txHash.toHex();
        return QString(hex.left(6) + QStringLiteral("…") + hex.right(4));   // the full hash: tooltip, Copy hash
    }
    default: return {};
    }
}

QVariant SwapHistoryModel::toolTip(const SwapRecord &record, int column) const
{
    const bool ethIn = record.direction == SwapDirection::EthToUsdc;
    switch (column) {
    case TimeColumn: return QLocale().toString(record.time.toLocalTime(), QLocale::LongFormat);
    case InColumn:
        return QString(eth::formatUnits(record.amountIn, AmountText::decimalsIn(record.direction)) + QLatin1Char(' ')
                       + AmountText::symbol(ethIn));
    case OutColumn:
        if (record.status != SwapRecord::Status::Succeeded)
            return {};
        return QString(eth::formatUnits(record.amountOut, AmountText::decimalsOut(record.direction))
                       + QLatin1Char(' ') + AmountText::symbol(!ethIn));
    case PriceColumn:
        return record.effectivePrice.isEmpty() ? QVariant() : tr("%1 USDC per ETH").arg(record.effectivePrice);
    case GasColumn:
        if (record.gasFeeWei == 0)
            return {};
        return tr("Gas fee: %1 ETH").arg(eth::formatUnits(record.gasFeeWei, kEthDecimals));
    case StatusColumn: return record.error.message.isEmpty() ? QVariant() : record.error.message;
    case TxHashColumn: return record.txHash.isZero() ? QVariant() : record.txHash.toHex();
    default: return {};
    }
}

QVariant SwapHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case DirectionColumn: return tr("Direction");
    case InColumn: return tr("In");
    case OutColumn: return tr("Out");
    case PriceColumn: return tr("Price");
    case GasColumn: return tr("Gas");
    case StatusColumn: return tr("Status");
    case TxHashColumn: return tr("Tx hash");
    default: return {};
    }
}

void SwapHistoryModel::setRecords(const QList<SwapRecord> &oldestFirst)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = oldestFirst.crbegin(); it != oldestFirst.crend(); ++it)
        m_rows.append(*it);
    endResetModel();
}

void SwapHistoryModel::upsert(const SwapRecord &record)
{
    const int row = rowOfSwap(record.id);
    if (row < 0) {
        beginInsertRows({}, 0, 0);
        m_rows.prepend(record);
        endInsertRows();
        return;
    }
    if (record.status == SwapRecord::Status::Pending && m_rows.at(row).status != SwapRecord::Status::Pending)
        return;
    m_rows[row] = record;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SwapHistoryModel::rowOfSwap(quint64 swapId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == swapId)
            return row;
    return -1;
}

SwapRecord SwapHistoryModel::record(int row) const { return m_rows.value(row); }

QString SwapHistoryModel::statusText(SwapRecord::Status status)
{
    switch (status) {
    case SwapRecord::Status::Pending: return tr("Pending");
    case SwapRecord::Status::Succeeded: return tr("Succeeded");
    case SwapRecord::Status::Reverted: return tr("Reverted");
    case SwapRecord::Status::Failed: return tr("Failed");
    }
    return {};
}

} // namespace apedesk::ui
