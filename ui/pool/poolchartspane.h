#pragma once
// The "Pool charts" pane: the followed pool's rolling metrics, its price / volume / swap-count charts
// over its whole stored history plus live swaps, the newest swaps as a table, and the data tab
// (sandbox market, history collection, CSV import/export). History comes from
// MarketService::loadPoints (read on a pool thread), live swaps from swapsAppended; the GUI never
// waits on the service.

#include "market/marketservice.h"
#include "widgets/panescaffold.h"

#include <QFutureWatcher>

class QLabel;
class QTabWidget;
class QTableView;

namespace apedesk::ui {

namespace charts {
class SwapChartStack;
}
class ChartControls;
class MetricsStrip;
class PoolDataPage;
class RecentSwapsModel;

class PoolChartsPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit PoolChartsPane(MarketService *service, QWidget *parent = nullptr);
    ~PoolChartsPane() override;

    // History for the charts, as loadPoints delivers it: replaces what is shown and drops a load
    // still in flight. Live swaps that arrived during the load are added on top.
    void setPoints(QVector<market::SwapPoint> points);
    // Asks the service for the followed pool's history again (a new feed, an import, a collection).
    void reloadHistory();

    // Write the charts area as PNG or the shown candles as CSV, on a pool thread → fileExported.
    void exportChartsPng(const QString &path);
    void exportCandlesCsv(const QString &path);

    charts::SwapChartStack *charts() const { return m_charts; }
    RecentSwapsModel *recentSwaps() const { return m_recent; }
    QTabWidget *tabs() const { return m_tabs; }
    PoolDataPage *dataPage() const { return m_data; }

Q_SIGNALS:
    // The charts got a history (from the service or setPoints); `points` swaps.
    void historyLoaded(int points);
    // The service could not read the history; the charts keep what they show. `message` in words.
    void historyLoadFailed(QString message);
    void fileExported(QString path, bool ok, QString message);

private:
    QWidget *buildChartsPage();
    QWidget *buildSwapsPage();
    void onFeed(const market::MarketFeed &feed);
    void onSwaps(const QList<market::PoolSwap> &swaps);
    void historyReady(quint64 load, const Result<QVector<market::SwapPoint>> &result);
    void finishExport(const QString &path, QFuture<Status> future, const QString &what);
    void choosePngPath();
    void chooseCandlesPath();
    void showMessage(const QString &text, bool error = false);
    void updateSwapsNote();

    MarketService *m_service;
    QTabWidget *m_tabs;
    MetricsStrip *m_metrics;
    charts::SwapChartStack *m_charts;
    ChartControls *m_controls;
    QLabel *m_message;
    RecentSwapsModel *m_recent;
    QTableView *m_recentView;
    QLabel *m_recentNote;
    PoolDataPage *m_data;

    QString m_feedChain;
    QByteArray m_feedPool;
    quint64 m_feedGeneration = 0;
    quint64 m_load = 0;                       // the newest history load; older answers are dropped
    bool m_loading = false;
    QVector<market::SwapPoint> m_liveDuringLoad;
};

} // namespace apedesk::ui
