#include "mainwindow.h"

#include "agent/agentservice.h"
#include "agent/decisionlogpane.h"
#include "chain/chainservice.h"
#include "common/logging.h"
#include "common/settings.h"
#include "core.h"
#include "distill/distillationpane.h"
#include "distill/jobqueueservice.h"
#include "distill/pipeline.h"
#include "federated/federatedpane.h"
#include "federated/federatedservice.h"
#include "gan/ganlabpane.h"
#include "market/marketservice.h"
#include "pool/poolchartspane.h"
#include "settingsdialog.h"
#include "trader/tradertrainingpane.h"
#include "trainingservice.h"
#include "version.h"
#include "wallet/walletpane.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace apedesk::ui {

MainWindow::MainWindow(Core *core, Settings *settings, QWidget *parent)
    : QMainWindow(parent), m_core(core), m_settings(settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ApeDesk"));
    setDockNestingEnabled(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

    auto *chain = core->service<ChainService>();
    addPane(new WalletPane(chain, m_settings, this), tr("Wallet & chain"), QStringLiteral("walletDock"));
    addPane(new PoolChartsPane(core->service<MarketService>(), this), tr("Pool charts"), QStringLiteral("poolChartsDock"));
    addPane(new DecisionLogPane(core->service<AgentService>(), chain, m_settings, this), tr("Agent decision log"),
            QStringLiteral("decisionLogDock"));
    addPane(new GanLabPane(core->service<ml::TrainingService>(), core->service<MarketService>(), this), tr("GAN lab"),
            QStringLiteral("ganLabDock"));
    auto *distillation = new DistillationPane(core->service<JobQueueService>(), this);
    distillation->setToolCommands(distill::toolCommandsFromSettings(*m_settings));
    connect(m_settings, &Settings::changed, distillation, [this, distillation] {
        distillation->setToolCommands(distill::toolCommandsFromSettings(*m_settings));
    });
    addPane(distillation, tr("Distillation jobs"), QStringLiteral("distillationDock"));
    auto *federated = new FederatedPane(core->service<FederatedService>(), this);
    federated->setSettings(m_settings);   // remembers the swap CSV the real-swap venues read
    addPane(federated, tr("Federated rounds"), QStringLiteral("federatedDock"));
    addPane(new TraderTrainingPane(core->service<ml::TrainingService>(), core->service<MarketService>(), this),
            tr("Trader training"), QStringLiteral("traderTrainingDock"));

    m_chainStatus = new QLabel(this);
    m_chainStatus->setObjectName(QStringLiteral("chainStatusLabel"));
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_chainStatus);
    if (chain) {
        connect(chain, &ChainService::stateChanged, this, &MainWindow::showChainState);
        showChainState(chain->state());
    }

    createMenus();
    resize(1280, 800);   // the first-start size; the default layout splits it evenly
    restoreDefaultLayout();
    restoreSavedLayout();
}

QDockWidget *MainWindow::addPane(QWidget *pane, const QString &title, const QString &dockName)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(dockName);
    dock->setWidget(pane);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                      | QDockWidget::DockWidgetFloatable);
    // Menus read '&' as a mnemonic marker; the View menu must show the title as it is.
    dock->toggleViewAction()->setText(QString(title).replace(QLatin1Char('&'), QStringLiteral("&&")));
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::restoreDefaultLayout()
{
    // Docks in creation order: wallet, pool, agent, gan, distill, federated, trader.
    QDockWidget *wallet = m_docks.at(0), *pool = m_docks.at(1), *agent = m_docks.at(2);
    QDockWidget *gan = m_docks.at(3), *distill = m_docks.at(4), *federated = m_docks.at(5);
    QDockWidget *trader = m_docks.at(6);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        dock->show();
        removeDockWidget(dock);
    }
    addDockWidget(Qt::LeftDockWidgetArea, wallet);
    splitDockWidget(wallet, pool, Qt::Horizontal);
    splitDockWidget(pool, gan, Qt::Horizontal);
    splitDockWidget(wallet, agent, Qt::Vertical);
    splitDockWidget(pool, distill, Qt::Vertical);
    splitDockWidget(gan, federated, Qt::Vertical);
    // The trader's training shares the GAN lab's place, as a tab behind it: both are training views.
    tabifyDockWidget(gan, trader);
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->show();
    gan->raise();
    // Even columns and rows: three panes across, two down.
    const int column = width() / 3;
    const int row = height() / 2;
    resizeDocks({wallet, pool, gan}, {column, column, column}, Qt::Horizontal);
    resizeDocks({wallet, agent, pool, distill, gan, federated}, {row, row, row, row, row, row}, Qt::Vertical);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    for (QDockWidget *dock : std::as_const(m_docks)) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setObjectName(dock->objectName() + QStringLiteral("Toggle"));
        view->addAction(toggle);
    }
    view->addSeparator();
    QAction *reset = view->addAction(tr("&Restore default layout"), this, &MainWindow::restoreDefaultLayout);
    reset->setObjectName(QStringLiteral("restoreLayoutAction"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *about = help->addAction(tr("&About ApeDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::restoreSavedLayout()
{
    const QByteArray geometry = m_settings->value(Settings::Key::MainWindowGeometry).toByteArray();
    const QByteArray state = m_settings->value(Settings::Key::MainWindowState).toByteArray();
    if (!geometry.isEmpty() && !restoreGeometry(geometry))
        qCWarning(lcUi) << "saved window geometry could not be restored; using the default";
    if (!state.isEmpty() && !restoreState(state))
        qCWarning(lcUi) << "saved window layout could not be restored; using the default";
}

void MainWindow::saveLayout()
{
    m_settings->setValue(Settings::Key::MainWindowGeometry, saveGeometry());
    m_settings->setValue(Settings::Key::MainWindowState, saveState());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::showChainState(const ChainState &state)
{
    switch (state.phase) {
    case ChainState::Phase::Ready:
        m_chainStatus->setText(tr("%1 · chain %2 · block %3")
                                   .arg(chainModeName(state.mode))
                                   .arg(state.chainId)
                                   .arg(state.blockNumber));
        break;
    case ChainState::Phase::Starting: m_chainStatus->setText(tr("Chain: %1").arg(state.message)); break;
    case ChainState::Phase::Failed: m_chainStatus->setText(tr("Chain: %1").arg(state.message)); break;
    case ChainState::Phase::Disconnected: m_chainStatus->setText(tr("Chain: not connected")); break;
    }
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About ApeDesk"),
                       tr("<h3>ApeDesk %1</h3>"
                          "<p>A desktop trading workstation for an AI agent on Uniswap V4 (ETH/USDC on BASE): "
                          "paper swaps on a local chain, pool charts, the agent's decision log, GAN and DQN "
                          "training, distillation jobs and federated rounds.</p>"
                          "<p>Paper trading by default. Nothing here is financial advice.</p>")
                           .arg(QStringLiteral(APEDESK_VERSION)));
}

} // namespace apedesk::ui
