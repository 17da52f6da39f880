#include "walletpane.h"

#include "accountbox.h"
#include "balancebox.h"
#include "chainstatusbox.h"
#include "common/paths.h"
#include "common/settings.h"
#include "swapform.h"
#include "swaphistorybox.h"

#include <QFrame>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
// A tab page that scrolls instead of squeezing its widgets when the dock is small.
QScrollArea *scrolling(QWidget *page, const QString &objectName)
{
    auto *area = new QScrollArea;
    area->setObjectName(objectName);
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    return area;
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}
} // namespace

WalletPane::WalletPane(ChainService *chain, Settings *settings, QWidget *parent)
    : PaneScaffold(QStringLiteral("walletPane"), chain, parent)
{
    const QString keystoreDirectory =
        settings ? chainConfigFromSettings(*settings).keystoreDirectory : Paths::keystoreDir();

    auto *swapPage = new QWidget;
    swapPage->setObjectName(QStringLiteral("swapPage"));
    auto *swapLayout = new QVBoxLayout(swapPage);
    m_accounts = new AccountBox(chain, keystoreDirectory, swapPage);
    m_balances = new BalanceBox(chain, swapPage);
    m_swapForm = new SwapForm(chain, settings, swapPage);
    swapLayout->addWidget(m_accounts);
    swapLayout->addWidget(m_balances);
    swapLayout->addWidget(separator(swapPage));
    swapLayout->addWidget(m_swapForm);
    swapLayout->addStretch(1);

    m_history = new SwapHistoryBox(chain);

    auto *chainPage = new QWidget;
    chainPage->setObjectName(QStringLiteral("chainPage"));
    auto *chainLayout = new QVBoxLayout(chainPage);
    m_chainBox = new ChainStatusBox(chain, settings, chainPage);
    chainLayout->addWidget(m_chainBox);
    chainLayout->addStretch(1);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("walletTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scrolling(swapPage, QStringLiteral("swapTab")), tr("Swap"));
    m_history->setObjectName(QStringLiteral("historyTab"));
    m_history->layout()->setContentsMargins(6, 6, 6, 6);
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(scrolling(chainPage, QStringLiteral("chainTab")), tr("Chain"));
    contentLayout()->addWidget(m_tabs, 1);
}

} // namespace apedesk::ui
