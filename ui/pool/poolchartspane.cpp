#include "poolchartspane.h"

#include "candlecsv.h"
#include "chartcontrols.h"
#include "common/logging.h"
#include "metricsstrip.h"
#include "pooldatapage.h"
#include "recentswapsmodel.h"
#include "wallet/walletstyle.h"
#include "widgets/charts/swapchartstack.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace apedesk::ui {

PoolChartsPane::PoolChartsPane(MarketService *service, QWidget *parent)
    : PaneScaffold(QStringLiteral("poolChartsPane"), service, parent), m_service(service)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("poolTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildChartsPage(), tr("Charts"));
    m_tabs->addTab(buildSwapsPage(), tr("Swaps"));
    m_data = new PoolDataPage(service);
    auto *dataScroll = new QScrollArea;
    dataScroll->setObjectName(QStringLiteral("poolDataTab"));
    dataScroll->setWidget(m_data);
    dataScroll->setWidgetResizable(true);
    dataScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(dataScroll, tr("Data"));
    contentLayout()->addWidget(m_tabs, 1);

    connect(m_data, &PoolDataPage::historyChanged, this, &PoolChartsPane::reloadHistory);
    connect(m_charts, &charts::SwapChartStack::pointsChanged, this, [this] { updateSwapsNote(); });
    if (m_service) {
        connect(m_service, &MarketService::feedChanged, this, &PoolChartsPane::onFeed);
        connect(m_service, &MarketService::swapsAppended, this, &PoolChartsPane::onSwaps);
        connect(m_service, &MarketService::metricsChanged, m_metrics, &MetricsStrip::showMetrics);
        const market::MarketFeed feed = m_service->feed();
        m_feedChain = feed.chain;
        m_feedPool = feed.poolId.bytes();
        m_metrics->showMetrics(m_service->metrics());
        m_recent->setSwaps(m_service->recentSwaps());
        reloadHistory();
    }
    updateSwapsNote();
}

PoolChartsPane::~PoolChartsPane() = default;

QWidget *PoolChartsPane::buildChartsPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("poolChartsPage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    m_metrics = new MetricsStrip(page);
    layout->addWidget(m_metrics);
    m_charts = new charts::SwapChartStack(page);
    m_controls = new ChartControls(m_charts, page);
    layout->addWidget(m_controls);
    layout->addWidget(m_charts, 1);
    m_message = new QLabel(page);
    m_message->setObjectName(QStringLiteral("poolChartsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);
    connect(m_controls->exportPngAction(), &QAction::triggered, this, &PoolChartsPane::choosePngPath);
    connect(m_controls->exportCandlesAction(), &QAction::triggered, this, &PoolChartsPane::chooseCandlesPath);
    return page;
}

QWidget *PoolChartsPane::buildSwapsPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("recentSwapsPage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    m_recent = new RecentSwapsModel(500, this);
    m_recent->setObjectName(QStringLiteral("recentSwapsModel"));
    m_recentView = new QTableView(page);
    m_recentView->setObjectName(QStringLiteral("recentSwapsView"));
    m_recentView->setModel(m_recent);
    m_recentView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recentView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recentView->setAlternatingRowColors(true);
    m_recentView->setWordWrap(false);
    m_recentView->verticalHeader()->setVisible(false);
    m_recentView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_recentView->horizontalHeader()->setStretchLastSection(true);
    m_recentView->setMinimumHeight(80);
    layout->addWidget(m_recentView, 1);
    m_recentNote = new QLabel(page);
    m_recentNote->setObjectName(QStringLiteral("recentSwapsNote"));
    m_recentNote->setWordWrap(true);
    layout->addWidget(m_recentNote);
    connect(m_recent, &QAbstractItemModel::rowsInserted, this, &PoolChartsPane::updateSwapsNote);
    connect(m_recent, &QAbstractItemModel::modelReset, this, &PoolChartsPane::updateSwapsNote);
    return page;
}

void PoolChartsPane::updateSwapsNote()
{
    m_recentNote->setText(m_recent->rowCount() == 0
                              ? tr("No live swaps of the followed pool yet.")
                              : tr("The newest %n swaps of the followed pool, newest first.", nullptr,
                                   m_recent->rowCount()));
}

// ---- history and live swaps ---------------------------------------------------------------------

void PoolChartsPane::reloadHistory()
{
    if (!m_service)
        return;
    const quint64 load = ++m_load;
    m_loading = true;
    if (m_charts->pointCount() == 0)
        m_charts->setEmptyText(tr("Loading swap history…"));
    using Points = Result<QVector<market::SwapPoint>>;
    auto *watcher = new QFutureWatcher<Points>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, load] {
        watcher->deleteLater();
        historyReady(load, watcher->future().result());
    });
    watcher->setFuture(m_service->loadPoints(market::SwapQuery{}));
}

void PoolChartsPane::historyReady(quint64 load, const Result<QVector<market::SwapPoint>> &result)
{
    if (load != m_load) {
        qCDebug(lcUi) << "pool history load" << load << "dropped: a newer one was asked for";
        return;
    }
    if (!result) {
        m_loading = false;
        qCWarning(lcUi) << "pool history:" << result.error().toString();
        m_charts->setEmptyText(tr("Could not load the swap history: %1").arg(result.error().message));
        showMessage(result.error().message, true);
        if (!m_liveDuringLoad.isEmpty())
            m_charts->appendPoints(std::exchange(m_liveDuringLoad, {}));
        Q_EMIT historyLoadFailed(result.error().message);
        return;
    }
    setPoints(result.value());
}

void PoolChartsPane::setPoints(QVector<market::SwapPoint> points)
{
    ++m_load;   // a load still in flight would replace these
    m_loading = false;
    const int count = int(points.size());
    showMessage({});
    m_charts->setEmptyText(tr("No swaps yet — connect a chain or import a CSV."));
    m_charts->setPoints(std::move(points));
    if (!m_liveDuringLoad.isEmpty())
        m_charts->appendPoints(std::exchange(m_liveDuringLoad, {}));
    qCInfo(lcUi) << "pool charts: history of" << count << "swaps";
    Q_EMIT historyLoaded(count);
}

void PoolChartsPane::onFeed(const market::MarketFeed &feed)
{
    if (feed.chain == m_feedChain && feed.poolId.bytes() == m_feedPool && feed.generation == m_feedGeneration)
        return;
    // Another pool, or stored rows changed under it (a chain reset, a collection, an import): its
    // history replaces what is shown.
    m_feedChain = feed.chain;
    m_feedPool = feed.poolId.bytes();
    m_feedGeneration = feed.generation;
    m_liveDuringLoad.clear();
    m_charts->clear();
    m_recent->setSwaps(m_service ? m_service->recentSwaps() : QList<market::PoolSwap>{});
    reloadHistory();
}

void PoolChartsPane::onSwaps(const QList<market::PoolSwap> &swaps)
{
    QVector<market::SwapPoint> points;
    points.reserve(swaps.size());
    for (const market::PoolSwap &swap : swaps)
        points.append(market::toSwapPoint(swap));
    m_recent->appendSwaps(swaps);
    if (m_loading)
        m_liveDuringLoad += points;   // added on top of the history when it arrives
    else
        m_charts->appendPoints(points);
}

// ---- export -------------------------------------------------------------------------------------

void PoolChartsPane::exportChartsPng(const QString &path)
{
    if (m_charts->pointCount() == 0) {
        showMessage(tr("There is no chart to export yet."), true);
        Q_EMIT fileExported(path, false, tr("There is no chart to export yet."));
        return;
    }
    m_charts->hideCrosshair();
    // grab() must run here; encoding the PNG need not.
    const QImage image = m_charts->chartsArea()->grab().toImage();
    finishExport(path, QtConcurrent::run([image, path]() -> Status {
                     if (!image.save(path, "PNG"))
                         return Error::make(Error::Kind::Io,
                                            QCoreApplication::translate("apedesk::ui", "Could not write %1.").arg(path));
                     return {};
                 }),
                 tr("charts"));
}

void PoolChartsPane::exportCandlesCsv(const QString &path)
{
    const QVector<charts::Candle> candles = m_charts->visibleCandles();
    if (candles.isEmpty()) {
        showMessage(tr("The shown range has no candles to export."), true);
        Q_EMIT fileExported(path, false, tr("The shown range has no candles to export."));
        return;
    }
    finishExport(path, QtConcurrent::run([candles, path] { return writeCandlesCsv(path, candles); }),
                 tr("%n candles", nullptr, int(candles.size())));
}

void PoolChartsPane::finishExport(const QString &path, QFuture<Status> future, const QString &what)
{
    auto *watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path, what] {
        watcher->deleteLater();
        const Status status = watcher->result();
        const QString text = status ? tr("Wrote the %1 to %2.").arg(what, QDir::toNativeSeparators(path))
                                    : status.error().message;
        if (!status)
            qCWarning(lcUi) << "export:" << status.error().toString();
        showMessage(text, !status);
        Q_EMIT fileExported(path, status.ok(), text);
    });
    watcher->setFuture(future);
}

void PoolChartsPane::choosePngPath()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export charts as PNG"),
                                                      QDir::home().filePath(QStringLiteral("pool-charts.png")),
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty())
        exportChartsPng(path);
}

void PoolChartsPane::chooseCandlesPath()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export shown candles as CSV"),
                                                      QDir::home().filePath(QStringLiteral("pool-candles.csv")),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCandlesCsv(path);
}

void PoolChartsPane::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
