#pragma once
// A federated run's rounds as a table, one row per round in round order, fed round by round from
// FederatedService::roundFinished (or all at once from a loaded run). A round that arrives again (a
// loaded run that is still going, then its live rounds) replaces its row instead of adding one.

#include "federated/federatedtypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace apedesk::ui {

class RoundTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RoundColumn, StateColumn, VenuesColumn, MeanWeightColumn, GlobalRmseColumn, RejectedColumn,
                  DurationColumn, VersionColumn, ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole + 1,   // the whole federated::FederatedRoundRecord
        RoundRole,                       // int, 0-based
        StateRole,                       // int(FederatedRoundRecord::State)
        ValueRole,                       // the cell's number (double / int / qint64), for sorting and tests
    };

    explicit RoundTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Inserts the round at its place, or replaces the row of the same round.
    void addRound(const federated::FederatedRoundRecord &round);
    void setRounds(const QList<federated::FederatedRoundRecord> &rounds);
    void clear();
    const QList<federated::FederatedRoundRecord> &rounds() const { return m_rounds; }
    const federated::FederatedRoundRecord &round(int row) const { return m_rounds.at(row); }
    int rowOfRound(int round) const;   // -1: not in the table

    static QString stateText(federated::FederatedRoundRecord::State state);
    static QString durationText(double seconds);
    // "binance: norm 40× the median" lines of the rejected and dropped-out venues.
    static QString rejectedText(const federated::FederatedRoundRecord &round);
    static int rejectedCount(const federated::FederatedRoundRecord &round);

private:
    QList<federated::FederatedRoundRecord> m_rounds;
};

} // namespace apedesk::ui
