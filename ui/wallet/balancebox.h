#pragma once
// The selected account's ETH and USDC balances and the pool's price, live from ChainService's
// balancesChanged and poolChanged.

#include "chain/chainservice.h"

#include <QWidget>

class QLabel;

namespace apedesk::ui {

class BalanceBox : public QWidget
{
    Q_OBJECT
public:
    explicit BalanceBox(ChainService *chain, QWidget *parent = nullptr);

private:
    void showBalances(const AccountBalances &balances);
    void showPool(const PoolSnapshot &pool);
    void showSelected(const eth::Address &account);

    ChainService *m_chain;
    eth::Address m_selected;
    QLabel *m_eth;
    QLabel *m_usdc;
    QLabel *m_price;
};

} // namespace apedesk::ui
