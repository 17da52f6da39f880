#pragma once

#include "chain/chainservice.h"
#include "widgets/panescaffold.h"

class QLabel;

namespace apedesk::ui {

class WalletPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit WalletPane(ChainService *chain, QWidget *parent = nullptr);

private:
    void showState(const ChainState &state);

    QLabel *m_mode;
    QLabel *m_rpc;
    QLabel *m_chainId;
    QLabel *m_block;
};

} // namespace apedesk::ui
