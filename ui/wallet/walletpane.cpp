#include "walletpane.h"

#include <QVBoxLayout>
#include <QFormLayout>
#include <QLabel>

namespace apedesk::ui {

WalletPane::WalletPane(ChainService *chain, QWidget *parent) : PaneScaffold(QStringLiteral("walletPane"), chain, parent)
{
    setCapabilityNote(tr("The offline sandbox chain, wallets and one-click paper swaps are not in this build yet."));
    auto *form = new QFormLayout;
    m_mode = new QLabel(this);
    m_mode->setObjectName(QStringLiteral("chainModeValue"));
    m_rpc = new QLabel(this);
    m_rpc->setObjectName(QStringLiteral("chainRpcValue"));
    m_chainId = new QLabel(this);
    m_chainId->setObjectName(QStringLiteral("chainIdValue"));
    m_block = new QLabel(this);
    m_block->setObjectName(QStringLiteral("chainBlockValue"));
    form->addRow(tr("Mode:"), m_mode);
    form->addRow(tr("Node:"), m_rpc);
    form->addRow(tr("Chain id:"), m_chainId);
    form->addRow(tr("Block:"), m_block);
    contentLayout()->addLayout(form);
    contentLayout()->addStretch(1);
    if (chain) {
        connect(chain, &ChainService::stateChanged, this, &WalletPane::showState);
        showState(chain->state());
    }
}

void WalletPane::showState(const ChainState &state)
{
    const QString none = tr("—");
    m_mode->setText(state.mode.isEmpty() ? none : state.mode);
    m_rpc->setText(state.connected ? state.rpcUrl : tr("not connected"));
    m_chainId->setText(state.connected ? QString::number(state.chainId) : none);
    m_block->setText(state.connected ? QString::number(state.blockNumber) : none);
}

} // namespace apedesk::ui
