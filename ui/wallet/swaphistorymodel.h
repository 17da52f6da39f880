#pragma once
// The swaps of this session as a table, newest first: one row per swap id, added when the swap starts
// and updated in place as it ends. Fed by the pane from ChainService::history() and its swap signals.

#include "chain/chaintypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace apedesk::ui {

class SwapHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, DirectionColumn, InColumn, OutColumn, PriceColumn, GasColumn, StatusColumn,
                  TxHashColumn, ColumnCount };
    enum Role {
        SwapIdRole = Qt::UserRole + 1,   // quint64
        StatusRole,                      // int(SwapRecord::Status)
        TxHashRole,                      // full 0x hash, empty until sent
    };

    explicit SwapHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the rows; `oldestFirst` as ChainService::history() gives it.
    void setRecords(const QList<SwapRecord> &oldestFirst);
    // A new id becomes the top row; a known id is updated in place. A late "pending" copy of a swap that
    // already ended (a queued swapStarted read after history()) does not undo the end.
    void upsert(const SwapRecord &record);

    int rowOfSwap(quint64 swapId) const;   // -1 when absent
    SwapRecord record(int row) const;

    static QString statusText(SwapRecord::Status status);

private:
    QVariant display(const SwapRecord &record, int column) const;
    QVariant toolTip(const SwapRecord &record, int column) const;

    QList<SwapRecord> m_rows;   // newest first
};

} // namespace apedesk::ui
