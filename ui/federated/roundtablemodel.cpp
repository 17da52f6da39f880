#include "roundtablemodel.h"

#include "federatedstyle.h"

#include <QApplication>
#include <QLocale>

#include <algorithm>

namespace apedesk::ui {

using federated::FederatedRoundRecord;
using federated::VenueRoundRecord;

RoundTableModel::RoundTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int RoundTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rounds.size()); }

int RoundTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

int RoundTableModel::rowOfRound(int round) const
{
    for (int row = 0; row < m_rounds.size(); ++row)
        if (m_rounds.at(row).round == round)
            return row;
    return -1;
}

QString RoundTableModel::stateText(FederatedRoundRecord::State state)
{
    switch (state) {
    case FederatedRoundRecord::State::Completed: return tr("Completed");
    case FederatedRoundRecord::State::Skipped: return tr("Skipped");
    case FederatedRoundRecord::State::Failed: return tr("Failed");
    }
    return {};
}

QString RoundTableModel::durationText(double seconds)
{
    const QLocale locale;
    if (seconds < 60)
        return tr("%1 s").arg(locale.toString(seconds, 'f', 1));
    const qint64 whole = qint64(seconds + 0.5);
    return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

int RoundTableModel::rejectedCount(const FederatedRoundRecord &round)
{
    int count = 0;
    for (const VenueRoundRecord &venue : round.venues)
        if (venue.status == VenueRoundRecord::Status::Rejected)
            ++count;
    return count;
}

QString RoundTableModel::rejectedText(const FederatedRoundRecord &round)
{
    QStringList lines;
    for (const VenueRoundRecord &venue : round.venues) {
        if (venue.status == VenueRoundRecord::Status::Rejected)
            lines.append(tr("%1 rejected: %2").arg(venue.venue, venue.reason));
        else if (venue.status == VenueRoundRecord::Status::DroppedOut)
            lines.append(tr("%1 dropped out: %2").arg(venue.venue, venue.reason));
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant RoundTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FederatedRoundRecord &round = m_rounds.at(index.row());
    const bool completed = round.state == FederatedRoundRecord::State::Completed;
    const QLocale locale;
    switch (role) {
    case RecordRole: return QVariant::fromValue(round);
    case RoundRole: return round.round;
    case StateRole: return int(round.state);
    case ValueRole:
        switch (index.column()) {
        case RoundColumn: return round.round;
        case StateColumn: return int(round.state);
        case VenuesColumn: return round.reportingVenues;
        case MeanWeightColumn: return round.meanWeight;
        case GlobalRmseColumn: return round.globalRmse;
        case RejectedColumn: return rejectedCount(round);
        case DurationColumn: return round.durationSeconds;
        case VersionColumn: return round.modelVersion;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case RoundColumn: return round.round + 1;   // people count rounds from 1
        case StateColumn: return round.converged && completed ? tr("Converged") : stateText(round.state);
        case VenuesColumn: return tr("%1 / %2").arg(round.reportingVenues).arg(round.sampledVenues);
        case MeanWeightColumn: return completed ? locale.toString(round.meanWeight, 'f', 3) : QString();
        case GlobalRmseColumn: return completed ? locale.toString(round.globalRmse, 'f', 4) : QString();
        case RejectedColumn: {
            const int rejected = rejectedCount(round);
            return rejected > 0 ? QVariant(rejected) : QVariant(QString());
        }
        case DurationColumn: return durationText(round.durationSeconds);
        case VersionColumn: return round.modelVersion > 0 ? tr("v%1").arg(round.modelVersion) : QString();
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            if (const QColor color = federatedstyle::roundStateColor(round.state, QApplication::palette()); color.isValid())
                return color;
        return {};
    case Qt::TextAlignmentRole:
        // Numbers right-aligned; the state and the version (the last column, which takes the
        // table's spare width) read from the left.
        return index.column() == StateColumn || index.column() == VersionColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                                                                : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StateColumn:
            // Why a round was skipped or failed; for a converged round, the early-stopping sentence.
            return round.reason.isEmpty() ? QVariant() : QVariant(round.reason);
        case RejectedColumn:
        case VenuesColumn: {
            const QString text = rejectedText(round);
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        case GlobalRmseColumn:
            return completed ? QVariant(tr("Global MSE %1; learning rate %2; DP noise σ %3")
                                            .arg(locale.toString(round.globalLoss, 'g', 4),
                                                 locale.toString(round.learningRate, 'g', 4),
                                                 locale.toString(round.noiseStd, 'g', 4)))
                             : QVariant();
        }
        return {};
    }
    return {};
}

QVariant RoundTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case VenuesColumn: return tr("Venues whose update was aggregated, of the venues sampled for the round.");
        case MeanWeightColumn: return tr("Mean FRY-alpha score of the aggregated venues before normalising (1/(RMSE + ε) × the trading factors): higher is a better round.");
        case GlobalRmseColumn: return tr("The new global model's hedge-ratio RMSE over every venue's held-out data.");
        case RejectedColumn: return tr("Updates the robust aggregation rejected (NaN, wrong shape, norm far above the median).");
        case VersionColumn: return tr("The model registry's version stored for the round.");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RoundColumn: return tr("Round");
    case StateColumn: return tr("State");
    case VenuesColumn: return tr("Venues");
    case MeanWeightColumn: return tr("Mean weight");
    case GlobalRmseColumn: return tr("Global RMSE");
    case RejectedColumn: return tr("Rejected");
    case DurationColumn: return tr("Duration");
    case VersionColumn: return tr("Version");
    }
    return {};
}

void RoundTableModel::addRound(const FederatedRoundRecord &round)
{
    if (const int row = rowOfRound(round.round); row >= 0) {
        m_rounds[row] = round;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    int row = int(m_rounds.size());
    while (row > 0 && m_rounds.at(row - 1).round > round.round)
        --row;
    beginInsertRows({}, row, row);
    m_rounds.insert(row, round);
    endInsertRows();
}

void RoundTableModel::setRounds(const QList<FederatedRoundRecord> &rounds)
{
    // One reset for a whole loaded run: round order, the last record of a round wins.
    QList<FederatedRoundRecord> sorted;
    for (const FederatedRoundRecord &round : rounds) {
        auto at = std::find_if(sorted.begin(), sorted.end(),
                               [&round](const FederatedRoundRecord &r) { return r.round >= round.round; });
        if (at != sorted.end() && at->round == round.round)
            *at = round;
        else
            sorted.insert(at, round);
    }
    beginResetModel();
    m_rounds = sorted;
    endResetModel();
}

void RoundTableModel::clear()
{
    if (m_rounds.isEmpty())
        return;
    beginResetModel();
    m_rounds.clear();
    endResetModel();
}

} // namespace apedesk::ui
