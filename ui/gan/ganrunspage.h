#pragma once
// The runs tab: past runs found in the runs folder (scanned on a pool thread, so a folder of many
// runs never stalls the GUI), with Open (its curves into the training tab), Continue (train on from
// its last checkpoint) and Compare (two runs' generator losses overlaid here).

#include "ganrunfiles.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace apedesk::ui {

namespace charts {
class LineChartView;
}
class GanRunsModel;

class GanRunsPage : public QWidget
{
    Q_OBJECT
public:
    explicit GanRunsPage(QWidget *parent = nullptr);
    ~GanRunsPage() override;

    void setRunsDirectory(const QString &directory);
    QString runsDirectory() const { return m_runsDirectory; }
    // Scans the runs folder again (→ scanned). A scan still running is superseded.
    void refresh();
    // Overlays the generator losses of two runs (→ compared).
    void compare(const QString &first, const QString &second);
    // Continue needs an idle training engine.
    void setContinueAllowed(bool allowed);

    GanRunsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    charts::LineChartView *compareChart() const { return m_compare; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *continueButton() const { return m_continue; }
    QPushButton *compareButton() const { return m_compareButton; }
    QStringList selectedRuns() const;
    QString message() const;

Q_SIGNALS:
    void openRequested(QString runDirectory);
    void continueRequested(QString runDirectory);
    void scanned(int runs);
    void compared(bool ok);

private:
    void scanFinished(quint64 scan, const QVector<GanRunInfo> &runs);
    void updateButtons();
    void showMessage(const QString &text, bool error = false);

    QString m_runsDirectory;
    GanRunsModel *m_model;
    QTableView *m_view;
    QPushButton *m_refresh;
    QPushButton *m_open;
    QPushButton *m_continue;
    QPushButton *m_compareButton;
    QLabel *m_message;
    charts::LineChartView *m_compare;
    quint64 m_scan = 0;      // the newest scan; older answers are dropped
    quint64 m_comparison = 0;
    bool m_continueAllowed = false;
};

} // namespace apedesk::ui
