#include "ganvalidationmodel.h"

#include "ganstyle.h"
#include "ganvalidation.h"

#include <QBrush>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace apedesk::ui {

namespace {
std::optional<double> number(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;   // null: the report had no finite value
    return value.toDouble();
}

std::optional<ml::ValidationGrade> gradeOf(const QString &key)
{
    for (ml::ValidationGrade grade : {ml::ValidationGrade::Excellent, ml::ValidationGrade::Good,
                                      ml::ValidationGrade::Fair, ml::ValidationGrade::Poor})
        if (ml::validationGradeKey(grade) == key)
            return grade;
    return std::nullopt;
}

QString percent(std::optional<double> fraction)
{
    return fraction ? QString(QLocale().toString(*fraction * 100.0, 'f', 1) + QStringLiteral(" %")) : QString();
}

QString fixed(std::optional<double> value, int decimals)
{
    return value ? QLocale().toString(*value, 'f', decimals) : QString();
}
} // namespace

GanValidationModel::GanValidationModel(QObject *parent) : QAbstractTableModel(parent) {}

int GanValidationModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int GanValidationModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString GanValidationModel::gradeText(const QString &key)
{
    const std::optional<ml::ValidationGrade> grade = gradeOf(key);
    return grade ? ml::validationGradeText(*grade) : QString();
}

QVariant GanValidationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const int column = index.column();
    const bool gradeColumn = column == GradeColumn || column == AutocorrelationGradeColumn;
    const QString &key = column == GradeColumn ? r.grade : r.autocorrelationGrade;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case FeatureColumn: return r.feature;
        case KsColumn: return fixed(r.ks, 3);
        case PValueColumn:
            if (!r.pValue)
                return QString();
            // Tiny p-values read better in scientific notation.
            return *r.pValue < 1e-3 ? QLocale().toString(*r.pValue, 'e', 1) : QLocale().toString(*r.pValue, 'f', 3);
        case MeanDiffColumn: return percent(r.meanDiff);
        case StdDiffColumn: return percent(r.stdDiff);
        case GradeColumn:
        case AutocorrelationGradeColumn: return gradeText(key);
        case AutocorrelationColumn: return fixed(r.autocorrelationDiff, 3);
        default: return {};
        }
    case Qt::BackgroundRole:
        if (gradeColumn) {
            const QColor fill = ganstyle::gradeFill(key, QGuiApplication::palette());
            if (fill.isValid())
                return QBrush(fill);
        }
        return {};
    case Qt::ForegroundRole:
        if (gradeColumn && ganstyle::gradeFill(key, QGuiApplication::palette()).isValid())
            return QBrush(ganstyle::gradeText(key));
        return {};
    case Qt::TextAlignmentRole:
        if (column == FeatureColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        if (gradeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case GradeKeyRole:
        return gradeColumn ? QVariant(key) : QVariant();
    case Qt::ToolTipRole:
        if (column == MeanDiffColumn || column == StdDiffColumn)
            return tr("|real − synthetic| / |real|");
        if (column == AutocorrelationColumn)
            return tr("Mean absolute difference of the autocorrelation at lags 1–10");
        return {};
    default:
        return {};
    }
}

QVariant GanValidationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case KsColumn: return tr("Two-sample Kolmogorov-Smirnov statistic, real against synthetic");
        case AutocorrelationColumn:
            return tr("Mean absolute difference of the autocorrelation at lags 1–10, real against synthetic");
        case AutocorrelationGradeColumn: return tr("Grade of the autocorrelation difference");
        default: return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FeatureColumn: return tr("Feature");
    case KsColumn: return tr("KS");
    case PValueColumn: return tr("p-value");
    case MeanDiffColumn: return tr("Mean diff");
    case StdDiffColumn: return tr("Std diff");
    case GradeColumn: return tr("Grade");
    case AutocorrelationColumn: return tr("ACF diff");
    case AutocorrelationGradeColumn: return tr("ACF grade");
    default: return {};
    }
}

void GanValidationModel::setReport(const QJsonObject &report)
{
    beginResetModel();
    m_report = report;
    m_rows.clear();
    const QJsonArray features = report.value(QStringLiteral("features")).toArray();
    for (const QJsonValue &value : features) {
        const QJsonObject f = value.toObject();
        Row row;
        row.feature = f.value(QStringLiteral("name")).toString();
        row.ks = number(f.value(QStringLiteral("ks")));
        row.pValue = number(f.value(QStringLiteral("p_value")));
        row.meanDiff = number(f.value(QStringLiteral("mean_diff")));
        row.stdDiff = number(f.value(QStringLiteral("std_diff")));
        row.grade = f.value(QStringLiteral("grade")).toString();
        m_rows.append(row);
    }
    // Autocorrelation entries are per feature too; they join the feature's row by name.
    const QJsonArray autocorrelation = report.value(QStringLiteral("autocorrelation")).toArray();
    for (const QJsonValue &value : autocorrelation) {
        const QJsonObject a = value.toObject();
        const QString name = a.value(QStringLiteral("name")).toString();
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&name](const Row &r) { return r.feature == name; });
        if (it == m_rows.end()) {
            Row row;
            row.feature = name;
            it = m_rows.insert(m_rows.end(), row);
        }
        it->autocorrelationDiff = number(a.value(QStringLiteral("mean_abs_diff")));
        it->autocorrelationGrade = a.value(QStringLiteral("grade")).toString();
    }
    endResetModel();
}

void GanValidationModel::clear() { setReport({}); }

QString GanValidationModel::overallGrade() const { return m_report.value(QStringLiteral("overall_grade")).toString(); }

std::optional<double> GanValidationModel::averageKs() const { return number(m_report.value(QStringLiteral("average_ks"))); }

std::optional<double> GanValidationModel::averageAutocorrelationDiff() const
{
    return number(m_report.value(QStringLiteral("average_autocorrelation_diff")));
}

QString GanValidationModel::autocorrelationGrade() const
{
    const std::optional<double> diff = averageAutocorrelationDiff();
    return diff ? ml::validationGradeKey(ml::gradeAutocorrelation(*diff)) : QString();
}

} // namespace apedesk::ui
