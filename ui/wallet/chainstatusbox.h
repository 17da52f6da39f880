#pragma once
// Which chain the pane trades on and how it is doing: the mode picker with the inputs each mode needs
// (fork: BASE endpoint and optional block; external: node URL), Connect, "Reset sandbox", the node's
// log, and the live status (phase sentence, chain id, block, base fee, RPC URL).

#include "chain/chainservice.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace apedesk {
class Settings;
}

namespace apedesk::ui {

class NodeLogDialog;

class ChainStatusBox : public QWidget
{
    Q_OBJECT
public:
    ChainStatusBox(ChainService *chain, Settings *settings, QWidget *parent = nullptr);

    // The configuration Connect sends: the settings' (or the app's defaults) with the form's mode and
    // endpoints; or why the form is incomplete.
    Result<ChainConfig> configFromForm() const;

private:
    ChainMode mode() const;
    void modeChanged();
    void connectChain();
    void resetSandbox();
    void showNodeLog();
    void showState(const ChainState &state);

    ChainService *m_chain;
    Settings *m_settings;
    QFormLayout *m_form;
    QComboBox *m_mode;
    QLineEdit *m_forkUrl;
    QLineEdit *m_forkBlock;
    QLineEdit *m_externalUrl;
    QPushButton *m_connect;
    QPushButton *m_reset;
    QPushButton *m_nodeLog;
    QLabel *m_formError;
    QLabel *m_phase;
    QLabel *m_chainId;
    QLabel *m_block;
    QLabel *m_baseFee;
    QLabel *m_rpc;
    QPointer<NodeLogDialog> m_logDialog;
};

} // namespace apedesk::ui
