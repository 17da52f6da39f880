#pragma once
// The evaluation-and-export tab: Evaluate for the run on screen, the equity curves of the policy,
// buy-and-hold and random on the held-out range in one chart, the table of their figures, and the
// distillation export with its report (beside the chart in a wide dock, under it in a narrow one,
// scrolling when short). The pane runs the service calls; this page shows and asks.

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace apedesk::ui {

namespace charts {
class LineChartView;
}
class TraderEvaluationModel;
class TraderExportBox;

class TraderEvaluationPage : public QWidget
{
    Q_OBJECT
public:
    explicit TraderEvaluationPage(QWidget *parent = nullptr);

    void setActionsEnabled(bool evaluate, bool exportDataset);
    // rlEvaluationJson with equity curves; false when it holds no policy.
    bool showEvaluation(const QJsonObject &evaluation);
    void clearResults();
    void showMessage(const QString &text, bool error = false);
    QString message() const;
    QString summaryText() const;

    TraderEvaluationModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    charts::LineChartView *equityChart() const { return m_equity; }
    TraderExportBox *exportBox() const { return m_export; }
    QPushButton *evaluateButton() const { return m_evaluate; }

Q_SIGNALS:
    void evaluateRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The table as tall as its rows (it never holds more than three) and its scroll bar when the
    // dock is too narrow for its columns.
    void fitTableHeight();
    // Side by side: the figures as wide as the table's columns (at most half), the chart the rest.
    void balanceSplitter();

    TraderEvaluationModel *m_model;
    charts::LineChartView *m_equity;
    QTableView *m_table;
    QPushButton *m_evaluate;
    QLabel *m_message;
    QLabel *m_summary;
    TraderExportBox *m_export;
    QSplitter *m_splitter;
    bool m_splitterPlaced = false;
};

} // namespace apedesk::ui
