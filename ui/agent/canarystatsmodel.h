#pragma once
// Canary statistics per model as a table: answers, the share of them with a canary word, and the
// APE IN / APE OUT / APE NEUTRAL mix (plus answers in other formats and unreadable ones). Filled from
// DecisionJournal::canaryStats (read off the GUI thread) or, without a journal, tallied from the
// decisions the log holds.

#include "agent/decisionjournal.h"

#include <QAbstractTableModel>
#include <QList>

namespace apedesk::ui {

class CanaryStatsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ModelColumn, AnswersColumn, CanaryShareColumn, MixColumn, ApeInColumn, ApeOutColumn,
                  ApeNeutralColumn, OtherFormatColumn, UnreadableColumn, ColumnCount };
    enum Role {
        CountRole = Qt::UserRole + 1,   // int: the number behind a count column
        ShareRole,                      // double 0..1: the count's share of the row's answers
        MixRole,                        // QVariantList{apeIn, apeOut, apeNeutral} shares of the canary answers
    };

    explicit CanaryStatsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setStats(const QList<agent::CanaryStats> &stats);   // most answers first
    QList<agent::CanaryStats> stats() const { return m_rows; }
    int rowOf(const QString &backend, const QString &model) const;   // -1 when absent

    // Model answers counted like DecisionJournal::canaryStats counts them: decisions a model answered
    // (not rebalances, not still thinking, not calls that failed with nothing readable), per backend
    // and model.
    static QList<agent::CanaryStats> tally(const QList<agent::DecisionRecord> &records);

private:
    int count(const agent::CanaryStats &stats, int column) const;

    QList<agent::CanaryStats> m_rows;
};

} // namespace apedesk::ui
