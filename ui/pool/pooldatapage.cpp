#include "pooldatapage.h"

#include "collectdialog.h"
#include "common/logging.h"
#include "wallet/walletstyle.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace apedesk::ui {

PoolDataPage::PoolDataPage(MarketService *service, QWidget *parent) : QWidget(parent), m_service(service)
{
    setObjectName(QStringLiteral("poolDataPage"));
    auto *layout = new QVBoxLayout(this);

    m_feed = new QLabel(this);
    m_feed->setObjectName(QStringLiteral("poolFeedLabel"));
    m_feed->setWordWrap(true);
    m_feed->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_feed);

    auto *market = new QGroupBox(tr("Market simulator"), this);
    market->setObjectName(QStringLiteral("sandboxMarketBox"));
    auto *marketLayout = new QVBoxLayout(market);
    m_simulator = new QCheckBox(tr("Sandbox market"), market);
    m_simulator->setObjectName(QStringLiteral("sandboxMarketToggle"));
    m_simulator->setToolTip(tr("Other sandbox accounts trade toward a randomly moving target price, so the "
                               "sandbox pool has a live market. Only on the app's sandbox."));
    marketLayout->addWidget(m_simulator);
    m_simulatorState = new QLabel(market);
    m_simulatorState->setObjectName(QStringLiteral("sandboxMarketState"));
    m_simulatorState->setWordWrap(true);
    marketLayout->addWidget(m_simulatorState);
    layout->addWidget(market);

    auto *history = new QGroupBox(tr("Swap history"), this);
    history->setObjectName(QStringLiteral("swapHistoryDataBox"));
    auto *historyLayout = new QVBoxLayout(history);
    auto *buttons = new QHBoxLayout;
    m_collect = new QPushButton(tr("Collect history…"), history);
    m_collect->setObjectName(QStringLiteral("collectHistoryButton"));
    m_collect->setToolTip(tr("Read the pool's past Swap events from one or more RPC endpoints."));
    m_import = new QPushButton(tr("Import CSV…"), history);
    m_import->setObjectName(QStringLiteral("importCsvButton"));
    m_import->setToolTip(tr("Swaps in the raw CSV columns (block_number, transaction_hash, pool_id, …)."));
    buttons->addWidget(m_collect);
    buttons->addWidget(m_import);
    buttons->addStretch(1);
    historyLayout->addLayout(buttons);

    m_progressRow = new QWidget(history);
    m_progressRow->setObjectName(QStringLiteral("collectProgressRow"));
    auto *progressLayout = new QVBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    auto *barRow = new QHBoxLayout;
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("collectProgressBar"));
    m_progress->setRange(0, 1000);
    m_cancel = new QPushButton(tr("Cancel"), m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelCollectButton"));
    m_cancel->setToolTip(tr("Stop the collection; the next one resumes where this one stopped."));
    barRow->addWidget(m_progress, 1);
    barRow->addWidget(m_cancel);
    progressLayout->addLayout(barRow);
    m_progressText = new QLabel(m_progressRow);
    m_progressText->setObjectName(QStringLiteral("collectProgressLabel"));
    m_progressText->setWordWrap(true);
    progressLayout->addWidget(m_progressText);
    m_progressRow->setVisible(false);
    historyLayout->addWidget(m_progressRow);

    auto *exports = new QHBoxLayout;
    m_exportRaw = new QPushButton(tr("Export raw CSV…"), history);
    m_exportRaw->setObjectName(QStringLiteral("exportRawCsvButton"));
    m_exportRaw->setToolTip(tr("The followed pool's stored swaps in the raw CSV columns."));
    m_exportProcessed = new QPushButton(tr("Export processed CSV…"), history);
    m_exportProcessed->setObjectName(QStringLiteral("exportProcessedCsvButton"));
    m_exportProcessed->setToolTip(tr("The raw columns plus price, amounts, volume and the derived features."));
    exports->addWidget(m_exportRaw);
    exports->addWidget(m_exportProcessed);
    exports->addStretch(1);
    historyLayout->addLayout(exports);
    layout->addWidget(history);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("poolDataMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_collect, &QPushButton::clicked, this, &PoolDataPage::openCollectDialog);
    connect(m_import, &QPushButton::clicked, this, &PoolDataPage::chooseImport);
    connect(m_exportRaw, &QPushButton::clicked, this, [this] { chooseExport(false); });
    connect(m_exportProcessed, &QPushButton::clicked, this, [this] { chooseExport(true); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_progressText->setText(tr("Stopping…"));
        if (m_service)
            m_service->cancelCollect();
    });
    connect(m_simulator, &QCheckBox::clicked, this, [this](bool on) {
        if (!m_service)
            return;
        if (on)
            m_service->startSimulator();   // with the settings' rate
        else
            m_service->stopSimulator();
        m_simulatorState->setText(on ? tr("Starting…") : tr("Stopping…"));
    });

    for (QWidget *w : {static_cast<QWidget *>(m_collect), static_cast<QWidget *>(m_import),
                       static_cast<QWidget *>(m_exportRaw), static_cast<QWidget *>(m_exportProcessed)})
        w->setEnabled(m_service != nullptr);
    if (m_service) {
        connect(m_service, &MarketService::feedChanged, this, &PoolDataPage::showFeed);
        connect(m_service, &MarketService::simulatorChanged, this, &PoolDataPage::showSimulator);
        connect(m_service, &MarketService::collectProgressChanged, this, &PoolDataPage::showProgress);
        connect(m_service, &MarketService::collectFinished, this, &PoolDataPage::collectFinished);
        connect(m_service, &MarketService::importFinished, this, &PoolDataPage::importFinished);
        connect(m_service, &MarketService::exportFinished, this, &PoolDataPage::exportFinished);
    }
    showFeed(m_service ? m_service->feed() : market::MarketFeed{});
    showSimulator(m_service ? m_service->simulatorState() : market::SimulatorState{});
}

void PoolDataPage::showFeed(const market::MarketFeed &feed)
{
    QString text = feed.text;
    if (text.isEmpty())
        text = feed.chain.isEmpty() ? tr("No chain connected: the charts show stored or imported swaps.")
                                    : tr("Following pool %1 on chain %2.").arg(QString(feed.poolId.toHex().left(10) + QStringLiteral("…")), feed.chain);
    m_feed->setText(text);
    m_simulator->setEnabled(m_service && feed.sandbox);
    if (!feed.sandbox)
        m_simulator->setToolTip(tr("Only on the app's sandbox: connect the sandbox in the Wallet pane."));
    else
        m_simulator->setToolTip(tr("Other sandbox accounts trade toward a randomly moving target price, so the "
                                   "sandbox pool has a live market."));
}

void PoolDataPage::showSimulator(const market::SimulatorState &state)
{
    {
        const QSignalBlocker block(m_simulator);
        m_simulator->setChecked(state.running);
    }
    QString text = state.text;
    if (text.isEmpty()) {
        const QLocale locale;
        text = state.running ? tr("Running: %1 swaps, target %2 USDC per ETH, pool %3.")
                                   .arg(locale.toString(state.swapsDone), locale.toString(state.targetPrice, 'f', 2),
                                        locale.toString(state.poolPrice, 'f', 2))
                             : tr("Stopped.");
    }
    m_simulatorState->setText(text);
}

QString PoolDataPage::durationText(double seconds)
{
    if (!(seconds >= 0))
        return tr("unknown");
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return tr("%n s", nullptr, int(s));
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

void PoolDataPage::showProgress(const market::CollectProgress &progress)
{
    m_progressRow->setVisible(true);
    m_collect->setEnabled(false);
    const QLocale locale;
    const double share = progress.blocksTotal ? double(progress.blocksDone) / double(progress.blocksTotal) : 0;
    m_progress->setValue(int(std::lround(share * 1000)));
    m_progress->setFormat(tr("%1 %").arg(locale.toString(share * 100, 'f', 1)));
    QString line = tr("%1 of %2 blocks · %3 new swaps · %4 blocks/s · %5 left")
                       .arg(locale.toString(qulonglong(progress.blocksDone)),
                            locale.toString(qulonglong(progress.blocksTotal)), locale.toString(progress.eventsStored),
                            locale.toString(progress.blocksPerSecond, 'f', 1), durationText(progress.etaSeconds));
    if (!progress.text.isEmpty())
        line = progress.text + QLatin1Char('\n') + line;
    m_progressText->setText(line);
}

void PoolDataPage::collect(const market::CollectRequest &request)
{
    if (!m_service)
        return;
    showMessage({});
    m_collectId = m_service->collect(request);
    m_progressRow->setVisible(true);
    m_cancel->setEnabled(true);
    m_collect->setEnabled(false);
    m_progress->setValue(0);
    m_progressText->setText(tr("Starting the collection…"));
    qCInfo(lcUi) << "collect requested" << m_collectId << request.fromBlock << request.rpcUrls.size() << "endpoints";
}

void PoolDataPage::collectFinished(quint64 id, bool ok, const Error &error, const market::CollectResult &result)
{
    if (m_collectId && id != m_collectId)
        return;
    m_collectId = 0;
    m_progressRow->setVisible(false);
    m_cancel->setEnabled(true);
    m_collect->setEnabled(m_service != nullptr);
    const QLocale locale;
    if (ok) {
        showMessage(tr("Collected blocks %1 to %2: %3 new swaps of %4 seen, in %5.")
                        .arg(QString::number(result.fromBlock), QString::number(result.toBlock),
                             locale.toString(result.eventsStored), locale.toString(result.eventsSeen),
                             durationText(result.seconds)));
    } else {
        showMessage(error.kind == Error::Kind::Canceled
                        ? tr("Collection stopped after %1 new swaps; the next one resumes there.")
                              .arg(locale.toString(result.eventsStored))
                        : error.message,
                    error.kind != Error::Kind::Canceled);
    }
    if (result.eventsStored > 0)
        Q_EMIT historyChanged();
}

void PoolDataPage::importCsv(const QString &path)
{
    if (!m_service)
        return;
    showMessage(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    m_importId = m_service->importCsv(path);
}

void PoolDataPage::importFinished(quint64 id, bool ok, const Error &error, int rowsRead, int rowsNew)
{
    if (m_importId && id != m_importId)
        return;
    m_importId = 0;
    const QLocale locale;
    if (!ok) {
        showMessage(error.message, true);
        return;
    }
    showMessage(tr("Imported %1 swaps, %2 of them new.").arg(locale.toString(rowsRead), locale.toString(rowsNew)));
    if (rowsNew > 0)
        Q_EMIT historyChanged();
}

void PoolDataPage::exportCsv(const QString &path, bool processed)
{
    if (!m_service)
        return;
    m_exportPath = path;
    showMessage(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    m_exportId = m_service->exportCsv(path, processed);
}

void PoolDataPage::exportFinished(quint64 id, bool ok, const Error &error, int rows)
{
    if (m_exportId && id != m_exportId)
        return;
    m_exportId = 0;
    if (!ok) {
        showMessage(error.message, true);
        return;
    }
    showMessage(tr("Wrote %1 swaps to %2.").arg(QLocale().toString(rows), QDir::toNativeSeparators(m_exportPath)));
}

void PoolDataPage::openCollectDialog()
{
    auto *dialog = new CollectDialog(m_service ? m_service->feed() : market::MarketFeed{}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (auto request = dialog->request())
            collect(*request);
    });
    dialog->open();
}

void PoolDataPage::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import swaps"), QDir::homePath(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importCsv(path);
}

void PoolDataPage::chooseExport(bool processed)
{
    const QString suggested = QDir::home().filePath(processed ? QStringLiteral("processed_swaps.csv")
                                                              : QStringLiteral("swap_events.csv"));
    const QString path = QFileDialog::getSaveFileName(this, processed ? tr("Export processed CSV") : tr("Export raw CSV"),
                                                      suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path, processed);
}

void PoolDataPage::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

} // namespace apedesk::ui
