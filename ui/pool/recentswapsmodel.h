#pragma once
// The followed pool's newest swaps as a table, newest first and capped (500 rows by default): time,
// block, direction, ETH, USDC, price and a short transaction hash. Fed from
// MarketService::recentSwaps() and its swapsAppended signal.

#include "market/pooltypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace apedesk::ui {

class RecentSwapsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, BlockColumn, DirectionColumn, EthColumn, UsdcColumn, PriceColumn, TxHashColumn,
                  ColumnCount };
    enum Role {
        TxHashRole = Qt::UserRole + 1,   // full 0x hash
        TimestampRole,                   // qint64 unix seconds
        SellRole,                        // bool: the swapper sold ETH (amount0 < 0)
        PriceRole,                       // double, USDC per ETH
    };

    explicit RecentSwapsModel(int capacity = 500, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the rows; `oldestFirst` as MarketService::recentSwaps() gives it.
    void setSwaps(const QList<market::PoolSwap> &oldestFirst);
    // New swaps go on top; ones at or before the newest row's (block, log index) are skipped, and the
    // oldest rows beyond the capacity are dropped.
    void appendSwaps(const QList<market::PoolSwap> &oldestFirst);
    void clear();

    int capacity() const { return m_capacity; }
    market::PoolSwap swapAt(int row) const;

    static QString directionText(bool sell);

private:
    struct Row
    {
        market::PoolSwap swap;
        market::SwapPoint point;
    };
    QVariant display(const Row &row, int column) const;

    int m_capacity;
    QList<Row> m_rows;   // newest first
};

} // namespace apedesk::ui
