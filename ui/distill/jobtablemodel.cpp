#include "jobtablemodel.h"

#include "distillstyle.h"

#include <QApplication>
#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QSet>

namespace apedesk::ui {

using distill::JobRecord;
using distill::JobState;

namespace {

// Every field a cell or the details view shows; the record's other fields never change on their own.
bool sameRecord(const JobRecord &a, const JobRecord &b)
{
    return a.id == b.id && a.kind == b.kind && a.title == b.title && a.state == b.state && a.resource == b.resource
        && a.pipeline == b.pipeline && a.position == b.position && a.attempts == b.attempts
        && a.maxAttempts == b.maxAttempts && a.progress == b.progress && a.progressText == b.progressText
        && a.etaSeconds == b.etaSeconds && a.promptTokens == b.promptTokens && a.completionTokens == b.completionTokens
        && a.costUsd == b.costUsd && a.error == b.error && a.startedMs == b.startedMs && a.finishedMs == b.finishedMs
        && a.notBeforeMs == b.notBeforeMs && a.dependsOn == b.dependsOn && a.result == b.result && a.params == b.params;
}

} // namespace

JobTableModel::JobTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int JobTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_jobs.size()); }

int JobTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

int JobTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_jobs.size(); ++row)
        if (m_jobs.at(row).id == id)
            return row;
    return -1;
}

QString JobTableModel::etaText(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString JobTableModel::costText(double usd)
{
    // Teacher calls cost fractions of a cent each: below a dollar four decimals still show them.
    const QLocale locale;
    return tr("$%1").arg(locale.toString(usd, 'f', usd < 1 ? 4 : 2));
}

QString JobTableModel::jobText(const JobRecord &job)
{
    // The pipeline's titles mostly start with what the job does ("Fine-tune Qwen/…", "Quantise to
    // q4_k_m"); the kind is added only where the title does not say it.
    const QString kind = distill::jobKindTitle(job.kind);
    if (job.title.isEmpty() || job.title == kind)
        return kind;
    const QString firstWord = kind.section(QLatin1Char(' '), 0, 0);
    if (job.title.startsWith(firstWord, Qt::CaseInsensitive))
        return job.title;
    return tr("%1 (%2)").arg(job.title, kind);
}

QString JobTableModel::tokensText(qint64 tokens) { return QLocale().toString(tokens); }

QVariant JobTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobRecord &job = m_jobs.at(index.row());
    const qint64 tokens = job.promptTokens + job.completionTokens;
    switch (role) {
    case RecordRole: return QVariant::fromValue(job);
    case JobIdRole: return job.id;
    case StateRole: return int(job.state);
    case ProgressRole: return job.progress;
    case ProgressTextRole: return job.progressText;
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return job.id;
        case JobColumn: return jobText(job);
        case PipelineColumn: return job.pipeline;
        case StateColumn:
            // A queued job waiting for its retry time says so: otherwise it looks stuck.
            if (job.state == JobState::Queued && job.attempts > 0 && job.notBeforeMs > QDateTime::currentMSecsSinceEpoch())
                return tr("Retry at %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(job.notBeforeMs).time(),
                                                                QLocale::ShortFormat));
            return distill::jobStateTitle(job.state);
        case ProgressColumn: {
            const QString percent = tr("%1 %").arg(qRound(job.progress * 100));
            return job.progressText.isEmpty() ? percent : tr("%1 — %2").arg(percent, job.progressText);
        }
        case EtaColumn: return job.state == JobState::Running ? etaText(job.etaSeconds) : QString();
        case TokensColumn: return tokens > 0 ? tokensText(tokens) : QString();
        case CostColumn: return job.costUsd > 0 || tokens > 0 ? costText(job.costUsd) : QString();
        case AttemptsColumn: return tr("%1 of %2").arg(job.attempts).arg(job.maxAttempts);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && job.state != JobState::Queued)
            return distillstyle::stateColor(job.state, QApplication::palette());
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case IdColumn:
        case EtaColumn:
        case TokensColumn:
        case CostColumn:
        case AttemptsColumn: return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StateColumn: return job.error.isEmpty() ? QVariant() : QVariant(job.error);
        case ProgressColumn: return job.progressText.isEmpty() ? QVariant() : QVariant(job.progressText);
        case TokensColumn:
            return tokens > 0 ? QVariant(tr("%1 prompt + %2 completion tokens")
                                             .arg(tokensText(job.promptTokens), tokensText(job.completionTokens)))
                              : QVariant();
        case JobColumn: {
            QStringList ids;
            for (qint64 id : job.dependsOn)
                ids.append(QString::number(id));
            const QString kind = distill::jobKindTitle(job.kind);
            return ids.isEmpty() ? kind : tr("%1, runs after job %2").arg(kind, ids.join(QStringLiteral(", ")));
        }
        }
        return {};
    }
    return {};
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TokensColumn: return tr("Prompt and completion tokens of the paid requests, over all attempts.");
        case CostColumn: return tr("What the teacher's requests cost, in US dollars, over all attempts.");
        case AttemptsColumn: return tr("Runs started, of the most a transient failure may take.");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("#");
    case JobColumn: return tr("Job");
    case PipelineColumn: return tr("Pipeline");
    case StateColumn: return tr("State");
    case ProgressColumn: return tr("Progress");
    case EtaColumn: return tr("ETA");
    case TokensColumn: return tr("Tokens");
    case CostColumn: return tr("Cost");
    case AttemptsColumn: return tr("Attempts");
    }
    return {};
}

void JobTableModel::updateRow(int row, const JobRecord &job)
{
    if (sameRecord(m_jobs.at(row), job))
        return;
    m_jobs[row] = job;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobTableModel::setJobs(const QList<JobRecord> &jobs)
{
    QSet<qint64> wanted;
    for (const JobRecord &job : jobs)
        wanted.insert(job.id);

    // 1. Rows of jobs that are gone, in contiguous runs from the back.
    for (int row = int(m_jobs.size()) - 1; row >= 0;) {
        if (wanted.contains(m_jobs.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !wanted.contains(m_jobs.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_jobs.erase(m_jobs.begin() + first, m_jobs.begin() + row + 1);
        endRemoveRows();
        row = first - 1;
    }

    // 2. Walk the new order: each place holds its job already, gets it moved up from further down, or
    //    gets it inserted. The rows before `i` are final, so every move goes upwards.
    for (int i = 0; i < jobs.size(); ++i) {
        const JobRecord &job = jobs.at(i);
        if (i < m_jobs.size() && m_jobs.at(i).id == job.id) {
            updateRow(i, job);
            continue;
        }
        int from = -1;
        for (int row = i + 1; row < m_jobs.size(); ++row)
            if (m_jobs.at(row).id == job.id) {
                from = row;
                break;
            }
        if (from >= 0) {
            beginMoveRows({}, from, from, {}, i);
            m_jobs.move(from, i);
            endMoveRows();
            updateRow(i, job);
        } else {
            beginInsertRows({}, i, i);
            m_jobs.insert(i, job);
            endInsertRows();
        }
    }
}

} // namespace apedesk::ui
