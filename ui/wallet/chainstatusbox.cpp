#include "chainstatusbox.h"

#include "amounttext.h"
#include "common/paths.h"
#include "common/settings.h"
#include "nodelogdialog.h"
#include "walletstyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QUrl>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool isNodeUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    static const QStringList schemes{QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("ws"),
                                     QStringLiteral("wss")};
    return url.isValid() && schemes.contains(url.scheme()) && !url.host().isEmpty();
}
} // namespace

ChainStatusBox::ChainStatusBox(ChainService *chain, Settings *settings, QWidget *parent)
    : QWidget(parent), m_chain(chain), m_settings(settings)
{
    setObjectName(QStringLiteral("chainStatusBox"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setContentsMargins(0, 0, 0, 0);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("chainModePicker"));
    for (ChainMode mode : {ChainMode::Sandbox, ChainMode::Fork, ChainMode::External})
        m_mode->addItem(chainModeName(mode), chainModeKey(mode));
    m_mode->setItemData(0, tr("A local chain with Uniswap V4, started and prepared by the app; paper only."),
                        Qt::ToolTipRole);
    m_mode->setItemData(1, tr("A local copy of BASE, forked from your endpoint; paper only."), Qt::ToolTipRole);
    m_mode->setItemData(2, tr("A node you run or name; trades need live trading unless it is on this computer."),
                        Qt::ToolTipRole);
    m_form->addRow(tr("Mode:"), m_mode);

    m_forkUrl = new QLineEdit(this);
    m_forkUrl->setObjectName(QStringLiteral("forkUrlEdit"));
    m_forkUrl->setPlaceholderText(tr("https://… your BASE endpoint"));
    m_form->addRow(tr("BASE endpoint:"), m_forkUrl);
    m_forkBlock = new QLineEdit(this);
    m_forkBlock->setObjectName(QStringLiteral("forkBlockEdit"));
    m_forkBlock->setPlaceholderText(tr("latest"));
    m_forkBlock->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^[0-9]{0,19}$")), m_forkBlock));
    m_form->addRow(tr("Fork at block:"), m_forkBlock);
    m_externalUrl = new QLineEdit(this);
    m_externalUrl->setObjectName(QStringLiteral("externalUrlEdit"));
    m_externalUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8545"));
    m_form->addRow(tr("Node URL:"), m_externalUrl);

    auto *buttons = new QHBoxLayout;
    m_connect = new QPushButton(tr("Connect"), this);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setToolTip(tr("Start or connect to the chosen chain; a node the app started before is stopped."));
    m_reset = new QPushButton(tr("Reset sandbox"), this);
    m_reset->setObjectName(QStringLiteral("resetSandboxButton"));
    m_reset->setToolTip(tr("Start the sandbox over from its freshly prepared state: balances and swaps go back."));
    m_nodeLog = new QPushButton(tr("Node log"), this);
    m_nodeLog->setObjectName(QStringLiteral("nodeLogButton"));
    buttons->addWidget(m_connect);
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(m_nodeLog);
    m_form->addRow(buttons);
    layout->addLayout(m_form);

    m_formError = valueLabel(QStringLiteral("connectErrorLabel"), this);
    m_formError->setWordWrap(true);
    m_formError->setVisible(false);
    layout->addWidget(m_formError);

    auto *status = new QFormLayout;
    status->setContentsMargins(0, 0, 0, 0);
    m_phase = valueLabel(QStringLiteral("chainPhaseValue"), this);
    m_phase->setWordWrap(true);
    m_chainId = valueLabel(QStringLiteral("chainIdValue"), this);
    m_block = valueLabel(QStringLiteral("chainBlockValue"), this);
    m_baseFee = valueLabel(QStringLiteral("chainBaseFeeValue"), this);
    m_rpc = valueLabel(QStringLiteral("chainRpcValue"), this);
    m_rpc->setWordWrap(true);
    status->addRow(tr("Status:"), m_phase);
    status->addRow(tr("Chain id:"), m_chainId);
    status->addRow(tr("Block:"), m_block);
    status->addRow(tr("Base fee:"), m_baseFee);
    status->addRow(tr("RPC URL:"), m_rpc);
    layout->addLayout(status);

    // The form starts from the settings (the mode and endpoints of the last Connect).
    if (m_settings) {
        m_forkUrl->setText(m_settings->string(Settings::Key::ForkRpcUrl));
        const quint64 block = m_settings->value(Settings::Key::ForkBlockNumber).toULongLong();
        m_forkBlock->setText(block ? QString::number(block) : QString());
        m_externalUrl->setText(m_settings->string(Settings::Key::ExternalRpcUrl));
    }
    ChainState state = m_chain ? m_chain->state() : ChainState();
    const ChainMode initial = m_settings && state.phase == ChainState::Phase::Disconnected
                                  ? chainModeFromKey(m_settings->string(Settings::Key::ChainMode)).value_or(state.mode)
                                  : state.mode;
    m_mode->setCurrentIndex(m_mode->findData(chainModeKey(initial)));

    connect(m_mode, qOverload<int>(&QComboBox::currentIndexChanged), this, &ChainStatusBox::modeChanged);
    connect(m_connect, &QPushButton::clicked, this, &ChainStatusBox::connectChain);
    connect(m_reset, &QPushButton::clicked, this, &ChainStatusBox::resetSandbox);
    connect(m_nodeLog, &QPushButton::clicked, this, &ChainStatusBox::showNodeLog);
    if (m_chain) {
        connect(m_chain, &ChainService::stateChanged, this, &ChainStatusBox::showState);
        state = m_chain->state();
    }
    modeChanged();
    showState(state);
}

ChainMode ChainStatusBox::mode() const
{
    return chainModeFromKey(m_mode->currentData().toString()).value_or(ChainMode::Sandbox);
}

void ChainStatusBox::modeChanged()
{
    const ChainMode chosen = mode();
    m_form->setRowVisible(m_forkUrl, chosen == ChainMode::Fork);
    m_form->setRowVisible(m_forkBlock, chosen == ChainMode::Fork);
    m_form->setRowVisible(m_externalUrl, chosen == ChainMode::External);
    walletstyle::showMessage(m_formError, {});
}

Result<ChainConfig> ChainStatusBox::configFromForm() const
{
    ChainConfig config;
    if (m_settings) {
        config = chainConfigFromSettings(*m_settings);
    } else {
        config.dataDirectory = Paths::chainDir();
        config.keystoreDirectory = Paths::keystoreDir();
    }
    config.mode = mode();
    config.connectOnStart = true;
    switch (config.mode) {
    case ChainMode::Sandbox: break;
    case ChainMode::Fork:
        if (!isNodeUrl(m_forkUrl->text()))
            return Error::make(Error::Kind::Usage,
                               tr("Enter your BASE endpoint, an http(s) or ws(s) URL, to fork from."));
        config.forkUrl = m_forkUrl->text().trimmed();
        config.forkBlockNumber = m_forkBlock->text().toULongLong();
        break;
    case ChainMode::External:
        if (!isNodeUrl(m_externalUrl->text()))
            return Error::make(Error::Kind::Usage, tr("Enter the node's URL, such as http://127.0.0.1:8545."));
        config.externalUrl = m_externalUrl->text().trimmed();
        break;
    }
    return config;
}

void ChainStatusBox::connectChain()
{
    auto config = configFromForm();
    if (!config) {
        walletstyle::showMessage(m_formError, config.error().message, true);
        return;
    }
    walletstyle::showMessage(m_formError, {});
    if (m_settings) {
        // Remembered, so the next start connects the same way.
        m_settings->setValue(Settings::Key::ChainMode, chainModeKey(config->mode));
        if (config->mode == ChainMode::Fork) {
            m_settings->setValue(Settings::Key::ForkRpcUrl, config->forkUrl);
            m_settings->setValue(Settings::Key::ForkBlockNumber, config->forkBlockNumber);
        } else if (config->mode == ChainMode::External) {
            m_settings->setValue(Settings::Key::ExternalRpcUrl, config->externalUrl);
        }
    }
    if (m_chain)
        m_chain->connectChain(*config);
}

void ChainStatusBox::resetSandbox()
{
    walletstyle::showMessage(m_formError, {});
    if (m_chain)
        m_chain->resetSandbox();
}

void ChainStatusBox::showNodeLog()
{
    if (!m_logDialog) {
        m_logDialog = new NodeLogDialog(m_chain, this);
        m_logDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_logDialog->show();
    m_logDialog->raise();
    m_logDialog->activateWindow();
}

void ChainStatusBox::showState(const ChainState &state)
{
    const QString none = tr("—");
    QString sentence = state.message;
    if (sentence.isEmpty()) {
        switch (state.phase) {
        case ChainState::Phase::Disconnected: sentence = tr("Not connected."); break;
        case ChainState::Phase::Starting: sentence = tr("Starting…"); break;
        case ChainState::Phase::Ready: sentence = tr("Connected to %1.").arg(chainModeName(state.mode)); break;
        case ChainState::Phase::Failed: sentence = tr("The connection failed."); break;
        }
    }
    m_phase->setText(sentence);
    walletstyle::setErrorLook(m_phase, state.phase == ChainState::Phase::Failed);
    const bool ready = state.connected();
    m_chainId->setText(ready ? QString::number(state.chainId) : none);
    m_block->setText(ready ? QString::number(state.blockNumber) : none);
    m_baseFee->setText(ready ? tr("%1 gwei").arg(AmountText::grouped(state.baseFeeWei, 9, 4)) : none);
    m_baseFee->setToolTip(ready ? tr("%1 wei").arg(eth::toDecimal(state.baseFeeWei)) : QString());
    m_rpc->setText(state.rpcUrl.isEmpty() ? none : state.rpcUrl);
    m_reset->setEnabled(m_chain && state.mode == ChainMode::Sandbox && state.phase != ChainState::Phase::Starting);
    m_connect->setEnabled(m_chain != nullptr);
    m_nodeLog->setEnabled(m_chain != nullptr);
}

} // namespace apedesk::ui
