#include "canarystatsmodel.h"

#include "agentstyle.h"
#include "decisiontext.h"

#include <QApplication>
#include <QLocale>

#include <algorithm>

namespace apedesk::ui {

using agent::CanaryStats;
using agent::DecisionRecord;

namespace {
QString percent(double share) { return CanaryStatsModel::tr("%1 %").arg(QLocale().toString(share * 100.0, 'f', 0)); }

bool mostAnswersFirst(const CanaryStats &a, const CanaryStats &b)
{
    if (a.answers != b.answers)
        return a.answers > b.answers;
    return std::make_pair(a.backend, a.model) < std::make_pair(b.backend, b.model);
}
} // namespace

CanaryStatsModel::CanaryStatsModel(QObject *parent) : QAbstractTableModel(parent) {}

int CanaryStatsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int CanaryStatsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

int CanaryStatsModel::count(const CanaryStats &stats, int column) const
{
    switch (column) {
    case AnswersColumn: return stats.answers;
    case CanaryShareColumn: return stats.withCanary;
    case ApeInColumn: return stats.apeIn;
    case ApeOutColumn: return stats.apeOut;
    case ApeNeutralColumn: return stats.apeNeutral;
    case OtherFormatColumn: return stats.otherFormat;
    case UnreadableColumn: return stats.unreadable;
    default: return -1;
    }
}

QVariant CanaryStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CanaryStats &stats = m_rows.at(index.row());
    const int column = index.column();
    const int n = count(stats, column);
    const double share = stats.answers > 0 && n >= 0 ? double(n) / stats.answers : 0.0;
    const double canaryTotal = std::max(1, stats.apeIn + stats.apeOut + stats.apeNeutral);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ModelColumn: {
            DecisionRecord record;
            record.backend = stats.backend;
            record.model = stats.model;
            return DecisionText::backendModel(record);
        }
        case AnswersColumn: return QLocale().toString(stats.answers);
        case CanaryShareColumn: return percent(stats.canaryShare());
        case MixColumn: return {};   // painted as a bar
        default: return stats.answers > 0 ? tr("%1 (%2)").arg(QLocale().toString(n), percent(share))
                                          : QLocale().toString(n);
        }
    case Qt::ToolTipRole:
        switch (column) {
        case CanaryShareColumn:
            return tr("%1 of %2 answers carried a canary word.").arg(QLocale().toString(stats.withCanary),
                                                                     QLocale().toString(stats.answers));
        case MixColumn:
            return tr("Of the canary answers: APE IN %1, APE OUT %2, APE NEUTRAL %3.")
                .arg(percent(stats.apeIn / canaryTotal), percent(stats.apeOut / canaryTotal),
                     percent(stats.apeNeutral / canaryTotal));
        case OtherFormatColumn: return tr("TRADE fields or BUY/SELL/HOLD instead of a canary word.");
        case UnreadableColumn: return tr("Answers with nothing readable: observations, never trades.");
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return column == ModelColumn ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (column == ApeInColumn && stats.apeIn > 0)
            return agentstyle::green(palette);
        if (column == ApeOutColumn && stats.apeOut > 0)
            return agentstyle::red(palette);
        if (column == UnreadableColumn && stats.unreadable > 0)
            return agentstyle::muted(palette);
        return {};
    }
    case CountRole: return n >= 0 ? QVariant(n) : QVariant();
    case ShareRole:
        if (column == CanaryShareColumn)
            return stats.canaryShare();
        return n >= 0 ? QVariant(share) : QVariant();
    case MixRole:
        if (stats.apeIn + stats.apeOut + stats.apeNeutral == 0)
            return QVariantList{0.0, 0.0, 0.0};
        return QVariantList{stats.apeIn / canaryTotal, stats.apeOut / canaryTotal, stats.apeNeutral / canaryTotal};
    default: return {};
    }
}

QVariant CanaryStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ModelColumn: return tr("Backend / model");
    case AnswersColumn: return tr("Answers");
    case CanaryShareColumn: return tr("With canary");
    case MixColumn: return tr("Mix");
    case ApeInColumn: return QStringLiteral("APE IN");        // the models' own words
    case ApeOutColumn: return QStringLiteral("APE OUT");
    case ApeNeutralColumn: return QStringLiteral("APE NEUTRAL");
    case OtherFormatColumn: return tr("Other format");
    case UnreadableColumn: return tr("Unreadable");
    default: return {};
    }
}

void CanaryStatsModel::setStats(const QList<CanaryStats> &stats)
{
    QList<CanaryStats> sorted = stats;
    std::stable_sort(sorted.begin(), sorted.end(), mostAnswersFirst);
    beginResetModel();
    m_rows = sorted;
    endResetModel();
}

int CanaryStatsModel::rowOf(const QString &backend, const QString &model) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).backend == backend && m_rows.at(row).model == model)
            return row;
    return -1;
}

QList<CanaryStats> CanaryStatsModel::tally(const QList<DecisionRecord> &records)
{
    using S = DecisionRecord::Status;
    using F = agent::ParsedAnswer::Format;
    QList<CanaryStats> out;
    for (const DecisionRecord &record : records) {
        if (record.type != agent::DecisionType::LlmDecision && record.type != agent::DecisionType::Observation)
            continue;
        if (record.backend == QLatin1String("rebalancer") || record.status == S::Thinking)
            continue;
        // A call that failed or was canceled before anything could be read is no answer; a failed
        // swap after a readable answer is one (as the journal counts).
        if ((record.status == S::Failed || record.status == S::Canceled) && record.parsed.format == F::None)
            continue;
        auto it = std::find_if(out.begin(), out.end(), [&record](const CanaryStats &s) {
            return s.backend == record.backend && s.model == record.model;
        });
        if (it == out.end()) {
            CanaryStats fresh;
            fresh.backend = record.backend;
            fresh.model = record.model;
            out.append(fresh);
            it = out.end() - 1;
        }
        ++it->answers;
        switch (record.parsed.format) {
        case F::Canary:
            ++it->withCanary;
            it->apeIn += record.parsed.canary == agent::Canary::ApeIn ? 1 : 0;
            it->apeOut += record.parsed.canary == agent::Canary::ApeOut ? 1 : 0;
            it->apeNeutral += record.parsed.canary == agent::Canary::ApeNeutral ? 1 : 0;
            break;
        case F::TradeFields:
        case F::NaturalLanguage: ++it->otherFormat; break;
        case F::None: ++it->unreadable; break;
        }
    }
    std::stable_sort(out.begin(), out.end(), mostAnswersFirst);
    return out;
}

} // namespace apedesk::ui
