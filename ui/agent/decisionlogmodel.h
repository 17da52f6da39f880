#pragma once
// The agent's decisions as a table, newest first and capped: time, backend/model, canary word, action,
// amount, price, status, tx hash and P&L. One row per decision id, added when the decision appears
// (Thinking) and updated in place as AgentService::decisionChanged brings the whole record again;
// AgentService::decisionToken's pieces are appended to the Thinking row's response as they stream.
// History read from the journal is merged under the live rows.

#include "agent/agenttypes.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace apedesk::ui {

class DecisionLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, BackendColumn, CanaryColumn, ActionColumn, AmountColumn, PriceColumn, StatusColumn,
                  TxHashColumn, PnlColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,   // qint64 journal id
        CanaryRole,                  // int(agent::Canary)
        StatusRole,                  // int(DecisionRecord::Status)
        BackendRole,                 // "ollama" | "openai" | "builtin" | "rebalancer"
        ModelRole,
        TradeRole,                   // bool: a swap was sized and sent (or tried)
        SearchTextRole,              // what the text filter searches: model, answer, error, hash
        PnlRole,                     // double, invalid until marked
    };

    explicit DecisionLogModel(int capacity = 2000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A decision appeared or changed (AgentService::decisionChanged). A new id goes in by time (on top
    // for a live one); a known id is updated in place. A late copy never takes a row back: a Thinking
    // copy does not undo an answer, nor a Trading copy a finished trade.
    void upsert(const agent::DecisionRecord &record);
    // Streamed tokens of a Thinking decision (AgentService::decisionToken); others are ignored. Id 0
    // (a decision the journal could not store) means the newest Thinking decision without an id.
    void appendToken(qint64 id, const QString &delta);
    // Records read from the journal (any order): ids not shown yet are added; shown ones stay as they
    // are, since the live copy is newer.
    void mergeHistory(const QList<agent::DecisionRecord> &records);
    void clear();

    int capacity() const { return m_capacity; }
    int rowOfId(qint64 id) const;                        // -1 when absent
    // The row of the decision `record` is a copy of: the same id, or, for one not stored yet (id 0),
    // the same run, cycle and kind; -1 when absent.
    int rowOf(const agent::DecisionRecord &record) const;
    // Whether two copies are of the same decision (as rowOf matches them).
    static bool sameDecision(const agent::DecisionRecord &a, const agent::DecisionRecord &b);
    agent::DecisionRecord record(int row) const;
    std::optional<agent::DecisionRecord> recordById(qint64 id) const;
    QList<agent::DecisionRecord> records() const { return m_rows; }   // newest first

    static bool isTradeRow(const agent::DecisionRecord &record);

Q_SIGNALS:
    // `row` is valid while the signal is delivered (direct connections).
    void recordAdded(int row);
    void recordChanged(int row);
    void responseAppended(int row, QString delta);

private:
    QVariant display(const agent::DecisionRecord &record, int column) const;
    QVariant toolTip(const agent::DecisionRecord &record, int column) const;
    int insertionRow(const agent::DecisionRecord &record) const;
    void trimToCapacity();

    int m_capacity;
    QList<agent::DecisionRecord> m_rows;   // newest first
};

} // namespace apedesk::ui
