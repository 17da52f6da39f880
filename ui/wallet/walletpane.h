#pragma once
// The "Wallet & chain" pane: swap (account, balances, pool price, swap form), this session's swap
// history, and the chain (mode, connect, reset, node log, status), as three tabs whose pages scroll
// when the dock is small. Everything goes through ChainService's thread-safe methods and queued
// signals; the GUI never waits on the chain.

#include "chain/chainservice.h"
#include "widgets/panescaffold.h"

class QTabWidget;

namespace apedesk {
class Settings;
}

namespace apedesk::ui {

class AccountBox;
class BalanceBox;
class ChainStatusBox;
class SwapForm;
class SwapHistoryBox;

class WalletPane : public PaneScaffold
{
    Q_OBJECT
public:
    // `settings` may be null: then the app's defaults and folders are used.
    WalletPane(ChainService *chain, Settings *settings, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    SwapForm *swapForm() const { return m_swapForm; }
    SwapHistoryBox *history() const { return m_history; }

private:
    QTabWidget *m_tabs;
    AccountBox *m_accounts;
    BalanceBox *m_balances;
    SwapForm *m_swapForm;
    SwapHistoryBox *m_history;
    ChainStatusBox *m_chainBox;
};

} // namespace apedesk::ui
