#pragma once
// The samples-and-validation tab: Generate… (count and output CSV) and Validate for the run on
// screen, the real-vs-synthetic price plot, and the validation table with its grades plus the
// autocorrelation and overall grades. The pane runs the service calls; this page shows and asks.

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace apedesk::ui {

class GanSamplePlot;
class GanValidationModel;
struct GanSampleSet;

class GanValidationPage : public QWidget
{
    Q_OBJECT
public:
    explicit GanValidationPage(QWidget *parent = nullptr);

    void setActionsEnabled(bool generate, bool validate);
    // Where Generate… proposes to write (the run folder's synthetic.csv).
    void setDefaultOutput(const QString &path) { m_defaultOutput = path; }
    void showSamples(const GanSampleSet &samples);
    void showReport(const QJsonObject &report);
    void clearResults();
    void showMessage(const QString &text, bool error = false);
    QString message() const;

    GanValidationModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    GanSamplePlot *plot() const { return m_plot; }
    QPushButton *generateButton() const { return m_generate; }
    QPushButton *validateButton() const { return m_validate; }
    QLabel *overallBadge() const { return m_overall; }
    QLabel *autocorrelationBadge() const { return m_autocorrelation; }
    QString summaryText() const;

Q_SIGNALS:
    void generateRequested(int count, QString outCsv);
    void validateRequested();

private:
    void askGenerate();
    static void setBadge(QLabel *badge, const QString &prefix, const QString &gradeKey);

    GanValidationModel *m_model;
    GanSamplePlot *m_plot;
    QTableView *m_table;
    QPushButton *m_generate;
    QPushButton *m_validate;
    QLabel *m_message;
    QLabel *m_overall;
    QLabel *m_autocorrelation;
    QLabel *m_summary;
    QString m_defaultOutput;
};

} // namespace apedesk::ui
