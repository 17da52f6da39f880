#pragma once
// The pane's "Data" tab: the followed pool, the sandbox market switch, history collection with its
// progress and Cancel, and CSV import/export. Everything goes through MarketService's thread-safe
// requests; its queued signals bring the results back.

#include "market/marketservice.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace apedesk::ui {

class PoolDataPage : public QWidget
{
    Q_OBJECT
public:
    explicit PoolDataPage(MarketService *service, QWidget *parent = nullptr);

    // The buttons ask for a file or open the collect dialog, then call these.
    void importCsv(const QString &path);
    void exportCsv(const QString &path, bool processed);
    void collect(const market::CollectRequest &request);

    static QString durationText(double seconds);

Q_SIGNALS:
    // The store has new swaps of some pool (an import or a collection ended): the charts reload.
    void historyChanged();

private:
    void showFeed(const market::MarketFeed &feed);
    void showSimulator(const market::SimulatorState &state);
    void showProgress(const market::CollectProgress &progress);
    void collectFinished(quint64 id, bool ok, const Error &error, const market::CollectResult &result);
    void importFinished(quint64 id, bool ok, const Error &error, int rowsRead, int rowsNew);
    void exportFinished(quint64 id, bool ok, const Error &error, int rows);
    void openCollectDialog();
    void chooseImport();
    void chooseExport(bool processed);
    void showMessage(const QString &text, bool error = false);

    MarketService *m_service;
    QLabel *m_feed;
    QCheckBox *m_simulator;
    QLabel *m_simulatorState;
    QPushButton *m_collect;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_cancel;
    QPushButton *m_import;
    QPushButton *m_exportRaw;
    QPushButton *m_exportProcessed;
    QLabel *m_message;
    quint64 m_collectId = 0;
    quint64 m_importId = 0;
    quint64 m_exportId = 0;
    QString m_exportPath;
};

} // namespace apedesk::ui
