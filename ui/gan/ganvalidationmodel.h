#pragma once
// The validation of a synthetic file against real data as a table, read from the report JSON that
// TrainingService::ganValidated carries (validationReportJson): one row per feature with the KS
// statistic, its p-value, the mean and std differences, the feature's grade, and its
// autocorrelation difference and grade. Grade cells are filled with the grade's colour.

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QVector>

#include <optional>

namespace apedesk::ui {

class GanValidationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        FeatureColumn, KsColumn, PValueColumn, MeanDiffColumn, StdDiffColumn, GradeColumn, AutocorrelationColumn,
        AutocorrelationGradeColumn, ColumnCount
    };
    enum Role { GradeKeyRole = Qt::UserRole + 1 };   // "excellent" … "poor" on the grade columns

    struct Row
    {
        QString feature;
        std::optional<double> ks, pValue, meanDiff, stdDiff, autocorrelationDiff;
        QString grade;                    // key
        QString autocorrelationGrade;     // key; empty when the report has no autocorrelation for it
    };

    explicit GanValidationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setReport(const QJsonObject &report);
    void clear();
    const QJsonObject &report() const { return m_report; }
    const Row &row(int row) const { return m_rows.at(row); }

    // The report's overall figures.
    QString overallGrade() const;                  // key
    std::optional<double> averageKs() const;
    std::optional<double> averageAutocorrelationDiff() const;
    // The autocorrelation grade over all features: the grade of the average difference (the same
    // cut-offs as per feature), as a key.
    QString autocorrelationGrade() const;

    // "EXCELLENT", "GOOD", "FAIR", "POOR" for a key, translated.
    static QString gradeText(const QString &key);

private:
    QJsonObject m_report;
    QVector<Row> m_rows;
};

} // namespace apedesk::ui
