#include "balancebox.h"

#include "amounttext.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>

namespace apedesk::ui {

BalanceBox::BalanceBox(ChainService *chain, QWidget *parent) : QWidget(parent), m_chain(chain)
{
    setObjectName(QStringLiteral("balanceBox"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_eth = new QLabel(this);
    m_eth->setObjectName(QStringLiteral("ethBalanceValue"));
    m_usdc = new QLabel(this);
    m_usdc->setObjectName(QStringLiteral("usdcBalanceValue"));
    m_price = new QLabel(this);
    m_price->setObjectName(QStringLiteral("poolPriceValue"));
    for (QLabel *label : {m_eth, m_usdc, m_price})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *balances = new QHBoxLayout;
    balances->addWidget(m_eth);
    auto *separator = new QLabel(QStringLiteral("·"), this);
    balances->addWidget(separator);
    balances->addWidget(m_usdc);
    balances->addStretch(1);
    form->addRow(tr("Balances:"), balances);
    form->addRow(tr("Pool price:"), m_price);

    showBalances({});
    showPool({});
    if (m_chain) {
        connect(m_chain, &ChainService::balancesChanged, this, &BalanceBox::showBalances);
        connect(m_chain, &ChainService::poolChanged, this, &BalanceBox::showPool);
        connect(m_chain, &ChainService::selectedAccountChanged, this, &BalanceBox::showSelected);
        m_selected = m_chain->selectedAccount();
        showBalances(m_chain->balances());
        showPool(m_chain->pool());
    }
}

void BalanceBox::showSelected(const eth::Address &account)
{
    if (account == m_selected)
        return;
    m_selected = account;
    // The snapshot when it is already this account's, else "—" until its balances arrive.
    showBalances(m_chain ? m_chain->balances() : AccountBalances());
}

void BalanceBox::showBalances(const AccountBalances &balances)
{
    // Balances of an account that is no longer selected (a queued update) are not shown, nor the
    // empty placeholder the service holds until its first read (block 0).
    const bool current = !balances.account.isZero() && balances.account == m_selected && balances.blockNumber > 0;
    if (!current) {
        m_eth->setText(tr("— ETH"));
        m_usdc->setText(tr("— USDC"));
        m_eth->setToolTip({});
        m_usdc->setToolTip({});
        return;
    }
    m_eth->setText(AmountText::tokenAmount(balances.ethWei, true));
    m_usdc->setText(AmountText::tokenAmount(balances.usdcUnits, false));
    m_eth->setToolTip(tr("%1 ETH exactly, at block %2")
                          .arg(eth::formatUnits(balances.ethWei, kEthDecimals))
                          .arg(balances.blockNumber));
    m_usdc->setToolTip(tr("%1 USDC exactly, at block %2")
                           .arg(eth::formatUnits(balances.usdcUnits, kUsdcDecimals))
                           .arg(balances.blockNumber));
}

void BalanceBox::showPool(const PoolSnapshot &pool)
{
    const QString price = pool.valid ? AmountText::price(pool.price) : QString();
    if (price.isEmpty()) {
        m_price->setText(tr("—"));
        m_price->setToolTip({});
        return;
    }
    m_price->setText(tr("%1 USDC per ETH").arg(price));
    m_price->setToolTip(tr("%1 USDC per ETH at block %2 (tick %3)").arg(pool.price).arg(pool.blockNumber).arg(pool.tick));
}

} // namespace apedesk::ui
