#include "decisionlogmodel.h"

#include "agentstyle.h"
#include "decisiontext.h"

#include <QApplication>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace apedesk::ui {

using agent::DecisionRecord;
using Status = DecisionRecord::Status;

namespace {

bool isNewer(const DecisionRecord &a, const DecisionRecord &b)
{
    if (a.time != b.time)
        return a.time > b.time;
    return a.id > b.id;
}

// How far a decision has come; a copy that arrives late with a lower stage is out of date.
int stage(Status status)
{
    switch (status) {
    case Status::Thinking: return 0;
    case Status::Trading: return 1;
    default: return 2;
    }
}

bool sameCycle(const DecisionRecord &a, const DecisionRecord &b)
{
    return a.runId == b.runId && a.cycle == b.cycle && a.type == b.type;
}

} // namespace

DecisionLogModel::DecisionLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity))
{
}

int DecisionLogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int DecisionLogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool DecisionLogModel::isTradeRow(const DecisionRecord &record)
{
    if (!record.sized.trade)
        return false;
    switch (record.status) {
    case Status::Trading:
    case Status::Succeeded:
    case Status::Reverted: return true;
    case Status::Failed: return !record.txHash.isZero();   // sent, then failed
    default: return false;
    }
}

QVariant DecisionLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DecisionRecord &record = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(record, index.column());
    case Qt::ToolTipRole: return toolTip(record, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case AmountColumn:
        case PriceColumn:
        case PnlColumn: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case CanaryColumn: return QVariant::fromValue(Qt::AlignCenter);
        default: return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        switch (index.column()) {
        case StatusColumn: return agentstyle::statusColor(record.status, palette);
        case PnlColumn:
            if (record.pnlUsd)
                return agentstyle::signColor(*record.pnlUsd, palette);
            return agentstyle::muted(palette);
        case PriceColumn:
            // The price the agent saw, not one it traded at: muted.
            return DecisionText::priceIsEffective(record) ? QVariant() : QVariant(agentstyle::muted(palette));
        case ActionColumn:
            if (record.observing)
                return agentstyle::muted(palette);
            return {};
        default: return {};
        }
    }
    case IdRole: return record.id;
    case CanaryRole: return int(record.parsed.canary);
    case StatusRole: return int(record.status);
    case BackendRole: return record.backend;
    case ModelRole: return record.model;
    case TradeRole: return isTradeRow(record);
    case SearchTextRole: {
        QStringList parts{DecisionText::backendModel(record), record.model, record.response,
                          record.parsed.reasoning, record.error.message, DecisionText::action(record),
                          agent::canaryText(record.parsed.canary), agent::decisionStatusText(record.status)};
        if (!record.txHash.isZero())
            parts << record.txHash.toHex();
        return parts.join(QLatin1Char('\n'));
    }
    case PnlRole: return record.pnlUsd ? QVariant(*record.pnlUsd) : QVariant();
    default: return {};
    }
}

QVariant DecisionLogModel::display(const DecisionRecord &record, int column) const
{
    switch (column) {
    case TimeColumn: return DecisionText::time(record.time);
    case BackendColumn: return DecisionText::backendModel(record);
    case CanaryColumn: return DecisionText::canaryCell(record);
    case ActionColumn: return DecisionText::action(record);
    case AmountColumn: return DecisionText::amount(record);
    case PriceColumn: return DecisionText::price(record);
    case StatusColumn: return agent::decisionStatusText(record.status);
    case TxHashColumn: return DecisionText::shortHash(record);
    case PnlColumn: return DecisionText::pnl(record);
    default: return {};
    }
}

QVariant DecisionLogModel::toolTip(const DecisionRecord &record, int column) const
{
    switch (column) {
    case TimeColumn:
        return tr("Cycle %1 of run %2, %3").arg(QString::number(record.cycle), record.runId,
                                                QLocale().toString(record.time.toLocalTime(), QLocale::LongFormat));
    case BackendColumn: return DecisionText::backendModel(record);   // the column may cut it short
    case CanaryColumn:
        if (record.parsed.format != agent::ParsedAnswer::Format::None || record.status != Status::Thinking)
            return DecisionText::parsedSummary(record);
        return {};
    case AmountColumn: {
        const QString out = DecisionText::amountOut(record);
        if (!out.isEmpty())
            return tr("Paid %1, received %2").arg(DecisionText::amount(record), out);
        return record.sized.note.isEmpty() ? QVariant() : QVariant(record.sized.note);
    }
    case PriceColumn:
        return DecisionText::priceIsEffective(record) ? tr("USDC per ETH the trade was filled at")
                                                      : tr("USDC per ETH the agent saw when it decided");
    case StatusColumn:
        return record.error.message.isEmpty() ? QVariant() : QVariant(record.error.message);
    case TxHashColumn: return record.txHash.isZero() ? QVariant() : QVariant(record.txHash.toHex());
    case PnlColumn:
        if (record.pnlUsd)
            return tr("The trade against not trading, marked to market later, gas included.");
        if (record.markDueAt > 0)
            return tr("Marked to market at %1.")
                .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(record.markDueAt), QLocale::LongFormat));
        return {};
    default: return {};
    }
}

QVariant DecisionLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case BackendColumn: return tr("Backend / model");
    case CanaryColumn: return tr("Canary");
    case ActionColumn: return tr("Action");
    case AmountColumn: return tr("Amount");
    case PriceColumn: return tr("Price");
    case StatusColumn: return tr("Status");
    case TxHashColumn: return tr("Tx hash");
    case PnlColumn: return tr("P&L");
    default: return {};
    }
}

bool DecisionLogModel::sameDecision(const DecisionRecord &a, const DecisionRecord &b)
{
    if (a.id != 0 && b.id != 0)
        return a.id == b.id;
    return sameCycle(a, b);
}

int DecisionLogModel::rowOf(const DecisionRecord &record) const
{
    if (record.id != 0) {
        for (int row = 0; row < m_rows.size(); ++row)
            if (m_rows.at(row).id == record.id)
                return row;
    }
    // Not stored yet when it was first shown: the same run, cycle and kind is the same decision.
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == 0 && sameCycle(m_rows.at(row), record))
            return row;
    return -1;
}

int DecisionLogModel::rowOfId(qint64 id) const
{
    if (id == 0)
        return -1;
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == id)
            return row;
    return -1;
}

int DecisionLogModel::insertionRow(const DecisionRecord &record) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (isNewer(record, m_rows.at(row)))
            return row;
    return int(m_rows.size());
}

void DecisionLogModel::upsert(const DecisionRecord &record)
{
    const int row = rowOf(record);
    if (row < 0) {
        const int at = insertionRow(record);
        if (at >= m_capacity)
            return;   // older than everything kept
        beginInsertRows({}, at, at);
        m_rows.insert(at, record);
        endInsertRows();
        trimToCapacity();
        if (at < m_rows.size())
            Q_EMIT recordAdded(at);
        return;
    }
    DecisionRecord &current = m_rows[row];
    if (stage(record.status) < stage(current.status))
        return;   // a late copy
    DecisionRecord next = record;
    // Tokens may have overtaken this copy of a Thinking decision: keep the longer stream.
    if (next.status == Status::Thinking && current.response.size() > next.response.size()
        && current.response.startsWith(next.response))
        next.response = current.response;
    current = std::move(next);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT recordChanged(row);
}

void DecisionLogModel::appendToken(qint64 id, const QString &delta)
{
    if (delta.isEmpty())
        return;
    int row = -1;
    if (id != 0) {
        row = rowOfId(id);
    } else {
        for (int r = 0; r < m_rows.size() && row < 0; ++r)
            if (m_rows.at(r).id == 0 && m_rows.at(r).status == Status::Thinking)
                row = r;
    }
    if (row < 0 || m_rows.at(row).status != Status::Thinking)
        return;   // unknown, or already answered: the whole record replaced the stream
    m_rows[row].response += delta;
    // Only the text search reads the response; no column shows it.
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {SearchTextRole});
    Q_EMIT responseAppended(row, delta);
}

void DecisionLogModel::mergeHistory(const QList<DecisionRecord> &records)
{
    QSet<qint64> shown;
    for (const DecisionRecord &record : std::as_const(m_rows))
        if (record.id != 0)
            shown.insert(record.id);
    QList<DecisionRecord> fresh;
    for (const DecisionRecord &record : records)
        if (record.id != 0 && !shown.contains(record.id)) {
            fresh.append(record);
            shown.insert(record.id);
        }
    if (fresh.isEmpty())
        return;
    beginResetModel();
    m_rows += fresh;
    std::stable_sort(m_rows.begin(), m_rows.end(), isNewer);
    if (m_rows.size() > m_capacity)
        m_rows.resize(m_capacity);
    endResetModel();
}

void DecisionLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DecisionLogModel::trimToCapacity()
{
    if (m_rows.size() <= m_capacity)
        return;
    beginRemoveRows({}, m_capacity, int(m_rows.size()) - 1);
    m_rows.resize(m_capacity);
    endRemoveRows();
}

DecisionRecord DecisionLogModel::record(int row) const { return m_rows.value(row); }

std::optional<DecisionRecord> DecisionLogModel::recordById(qint64 id) const
{
    const int row = rowOfId(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

} // namespace apedesk::ui
