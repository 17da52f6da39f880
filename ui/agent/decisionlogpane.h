#pragma once
// The "Agent decision log" pane: the agent at a glance (status strip), its controls, and its
// decisions: a filterable table (time, backend/model, canary badge, action, amount, price, status,
// tx hash, P&L) over the detail of the selected one (prompt, the response streaming as it arrives,
// how it was read, the trade), canary statistics per model, and JSONL export of the journal.
// Live decisions and tokens come from AgentService's queued signals; history and statistics are read
// from the journal on a pool thread. The GUI thread never waits and never touches the database.

#include "agent/agentservice.h"
#include "widgets/panescaffold.h"

#include <QPointer>

class QCheckBox;
class QLabel;
class QScrollArea;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace apedesk {
class ChainService;
class Settings;
} // namespace apedesk

namespace apedesk::ui {

class AgentControlsBox;
class AgentStatusStrip;
class CanaryStatsModel;
class DecisionDetailView;
class DecisionFilterBar;
class DecisionFilterProxy;
class DecisionLogModel;
struct JournalSnapshot;

class DecisionLogPane : public PaneScaffold
{
    Q_OBJECT
public:
    static constexpr int kHistoryRows = 1000;      // decisions read from the journal at open
    static constexpr int kStatsDelayMs = 1500;     // statistics follow finished decisions this late
    static constexpr int kWideWidth = 1000;        // from this width the controls sit beside the log
    static constexpr int kServiceWaitMs = 2000;    // the longest the first journal read waits for the service

    // Any pointer may be null: without `agent` the pane says so and nothing can start.
    DecisionLogPane(AgentService *agent, ChainService *chain, Settings *settings, QWidget *parent = nullptr);
    ~DecisionLogPane() override;

    DecisionLogModel *decisions() const { return m_model; }
    DecisionFilterProxy *filter() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    DecisionDetailView *detail() const { return m_detail; }
    AgentControlsBox *controls() const { return m_controls; }
    AgentStatusStrip *statusStrip() const { return m_strip; }
    CanaryStatsModel *canaryStats() const { return m_stats; }
    QTabWidget *tabs() const { return m_tabs; }
    // Wide: the controls are a column beside the tabs; narrow (a small dock): they are the "Agent" tab.
    bool isWide() const { return m_wide; }

    // Reads the newest decisions and the statistics from the journal again (pool thread).
    void reloadHistory();
    // Refreshes the canary statistics now: from the journal when there is one, else from the log.
    void refreshStats();
    // Selects (and shows) a decision; false when it is not in the table as filtered.
    bool selectDecision(qint64 id);
    // Asks the service to write the journal as JSONL → journalExported.
    void exportJournalTo(const QString &path);

Q_SIGNALS:
    void historyLoaded(int rows);
    void historyLoadFailed(QString message);
    void canaryStatsUpdated();
    void journalExported(bool ok, QString message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void setWide(bool wide);
    QWidget *buildDecisionsPage();
    QWidget *buildStatsPage();
    void readJournal(int limit);
    void journalRead(quint64 read, const JournalSnapshot &snapshot);
    void showSelected();
    void onRecordAdded(int row);
    void onResponseAppended(int row, const QString &delta);
    bool selectSourceRow(int row);
    int filteredRow(int sourceRow) const;   // the table's row of a model row, -1 when filtered out
    int shownSourceRow() const;             // the model row in the detail view, -1 when none
    void onRecordChanged(int row);
    void onExportFinished(quint64 id, bool ok, const Error &error, int rows);
    void chooseExportPath();
    void updateCount();
    void showMessage(const QString &text, bool error = false);

    QPointer<AgentService> m_agent;
    QString m_journalPath;
    QString m_journalError;         // the last read's problem, logged once
    AgentStatusStrip *m_strip;
    AgentControlsBox *m_controls;
    QScrollArea *m_controlsScroll;
    bool m_wide = false;
    bool m_historyPending = false;  // the first journal read waits for the service to open the journal
    QSplitter *m_split;
    QTabWidget *m_tabs;
    DecisionLogModel *m_model;
    DecisionFilterProxy *m_proxy;
    DecisionFilterBar *m_filterBar;
    QTableView *m_table;
    DecisionDetailView *m_detail;
    QCheckBox *m_follow;
    QPushButton *m_export;
    QLabel *m_count;
    QLabel *m_message;
    CanaryStatsModel *m_stats;
    QTableView *m_statsView;
    QLabel *m_statsNote;
    QTimer *m_statsTimer;

    quint64 m_read = 0;             // the newest journal read; older answers are dropped
    quint64 m_exportId = 0;
    QString m_exportPath;
};

} // namespace apedesk::ui
