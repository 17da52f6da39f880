#include "evaluationmodel.h"

#include <QFont>
#include <QJsonArray>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace apedesk::ui {

using distill::JobKind;
using distill::JobRecord;
using distill::JobState;

namespace {

const char *figureKey(EvaluationModel::Figure figure)
{
    switch (figure) {
    case EvaluationModel::Examples: return "examples";
    case EvaluationModel::Answered: return "answered";
    case EvaluationModel::Failed: return "failed";
    case EvaluationModel::CanaryShare: return "canary_share";
    case EvaluationModel::Agreement: return "agreement";
    case EvaluationModel::ApeIn: return "ape_in";
    case EvaluationModel::ApeOut: return "ape_out";
    case EvaluationModel::ApeNeutral: return "ape_neutral";
    case EvaluationModel::Other: return "other";
    case EvaluationModel::MeanLatency: return "mean_latency_ms";
    case EvaluationModel::ErrorFigure: return "error";
    case EvaluationModel::FigureCount: break;
    }
    return "";
}

bool isMix(EvaluationModel::Figure figure)
{
    return figure == EvaluationModel::ApeIn || figure == EvaluationModel::ApeOut || figure == EvaluationModel::ApeNeutral
        || figure == EvaluationModel::Other;
}

// The action mix as counts or as shares: counts when any entry is above 1 or they sum to more than 1.
bool mixIsCounts(const QJsonObject &mix)
{
    double sum = 0;
    for (const QString &key : mix.keys()) {
        const double v = mix.value(key).toDouble();
        if (v > 1)
            return true;
        sum += v;
    }
    return sum > 1.0001;
}

} // namespace

EvaluationModel::EvaluationModel(QObject *parent) : QAbstractTableModel(parent) {}

int EvaluationModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : FigureCount; }

int EvaluationModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_columns.size()); }

QString EvaluationModel::figureName(Figure figure)
{
    switch (figure) {
    case Examples: return tr("Examples");
    case Answered: return tr("Answered");
    case Failed: return tr("Failed");
    case CanaryShare: return tr("Canary words");
    case Agreement: return tr("Agrees with teacher");
    case ApeIn: return tr("APE IN");
    case ApeOut: return tr("APE OUT");
    case ApeNeutral: return tr("APE NEUTRAL");
    case Other: return tr("No canary action");
    case MeanLatency: return tr("Mean latency");
    case ErrorFigure: return tr("Error");
    case FigureCount: break;
    }
    return {};
}

QVariant EvaluationModel::value(const Column &column, Figure figure) const
{
    const QJsonObject source = isMix(figure) ? column.figures.value(QStringLiteral("action_mix")).toObject() : column.figures;
    const QJsonValue v = source.value(QLatin1String(figureKey(figure)));
    if (v.isUndefined() || v.isNull())
        return {};
    if (figure == ErrorFigure)
        return v.toString();
    return v.toDouble();
}

QString EvaluationModel::text(const Column &column, Figure figure) const
{
    const QVariant v = value(column, figure);
    if (!v.isValid())
        return figure == ErrorFigure ? QString() : tr("—");
    const QLocale locale;
    const auto percent = [&locale](double fraction) { return tr("%1 %").arg(locale.toString(fraction * 100, 'f', 1)); };
    switch (figure) {
    case Examples:
    case Answered:
    case Failed: return locale.toString(qint64(std::llround(v.toDouble())));
    case CanaryShare:
    case Agreement: return percent(v.toDouble());
    case ApeIn:
    case ApeOut:
    case ApeNeutral:
    case Other: {
        const QJsonObject mix = column.figures.value(QStringLiteral("action_mix")).toObject();
        if (!mixIsCounts(mix))
            return percent(v.toDouble());
        // Counts: with their share of the answers, which is what compares across models.
        const double answered = column.figures.value(QStringLiteral("answered")).toDouble();
        const qint64 count = std::llround(v.toDouble());
        return answered > 0 ? tr("%1 (%2)").arg(locale.toString(count), percent(double(count) / answered))
                            : locale.toString(count);
    }
    case MeanLatency: return tr("%1 ms").arg(locale.toString(v.toDouble(), 'f', 0));
    case ErrorFigure: return v.toString();
    case FigureCount: break;
    }
    return {};
}

bool EvaluationModel::isBest(int column, Figure figure) const
{
    // Only where higher is plainly better, and only when there is something to compare.
    if ((figure != CanaryShare && figure != Agreement) || m_columns.size() < 2)
        return false;
    const QVariant mine = value(m_columns.at(column), figure);
    if (!mine.isValid())
        return false;
    for (const Column &other : m_columns) {
        const QVariant theirs = value(other, figure);
        if (theirs.isValid() && theirs.toDouble() > mine.toDouble())
            return false;
    }
    return true;
}

QVariant EvaluationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Column &column = m_columns.at(index.column());
    const auto figure = Figure(index.row());
    switch (role) {
    case Qt::DisplayRole: return text(column, figure);
    case ValueRole: return value(column, figure);
    case JobIdRole: return column.jobId;
    case ModelRole: return column.model;
    case Qt::TextAlignmentRole:
        return figure == ErrorFigure ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return figure == ErrorFigure ? value(column, figure) : QVariant();
    case Qt::FontRole:
        if (isBest(index.column(), figure)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    }
    return {};
}

QVariant EvaluationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= FigureCount)
            return {};
        if (role == Qt::DisplayRole)
            return figureName(Figure(section));
        if (role == Qt::ToolTipRole) {
            switch (Figure(section)) {
            case CanaryShare: return tr("Answers that name an action in canary words (APE IN / APE OUT / APE NEUTRAL).");
            case Agreement: return tr("Answers whose action matches the teacher's label on the held-out split.");
            case Other: return tr("Answers without a canary action.");
            default: return {};
            }
        }
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    const Column &column = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        // Two evaluations of the same model differ only by their job.
        return m_jobCount > 1 ? tr("%1 (#%2)").arg(column.model).arg(column.jobId) : column.model;
    case Qt::ToolTipRole:
        return column.pipeline.isEmpty() ? tr("Evaluate job %1").arg(column.jobId)
                                         : tr("Evaluate job %1 of pipeline %2").arg(QString::number(column.jobId), column.pipeline);
    }
    return {};
}

void EvaluationModel::setJobs(const QList<JobRecord> &jobs)
{
    QVector<Column> columns;
    QSet<qint64> evaluateJobs;
    for (const JobRecord &job : jobs) {
        if (job.kind != JobKind::Evaluate || job.state != JobState::Done)
            continue;
        const QJsonArray models = job.result.value(QStringLiteral("models")).toArray();
        for (const QJsonValue &entry : models) {
            const QJsonObject figures = entry.toObject();
            columns.append({job.id, job.pipeline, figures.value(QStringLiteral("model")).toString(), figures});
            evaluateJobs.insert(job.id);
        }
    }
    const auto same = [](const Column &a, const Column &b) {
        return a.jobId == b.jobId && a.model == b.model && a.pipeline == b.pipeline && a.figures == b.figures;
    };
    if (columns.size() == m_columns.size() && std::equal(columns.begin(), columns.end(), m_columns.begin(), same))
        return;
    // Evaluations finish rarely: a reset is the plain way to show a new one.
    beginResetModel();
    m_columns = columns;
    m_jobCount = int(evaluateJobs.size());
    endResetModel();
}

} // namespace apedesk::ui
