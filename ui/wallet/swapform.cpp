#include "swapform.h"

#include "amounttext.h"
#include "common/settings.h"
#include "eth/signer.h"
#include "walletstyle.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTimer>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
constexpr int kStages = 6;   // Validating … Mined

int stageStep(SwapStage stage)
{
    switch (stage) {
    case SwapStage::Validating: return 1;
    case SwapStage::Quoting: return 2;
    case SwapStage::Approving: return 3;
    case SwapStage::Signing: return 4;
    case SwapStage::Sent: return 5;
    case SwapStage::Mined: return 6;
    case SwapStage::Failed: return -1;
    }
    return -1;
}

QString stageName(SwapStage stage)
{
    switch (stage) {
    case SwapStage::Validating: return SwapForm::tr("Checking the order…");
    case SwapStage::Quoting: return SwapForm::tr("Quoting…");
    case SwapStage::Approving: return SwapForm::tr("Approving USDC…");
    case SwapStage::Signing: return SwapForm::tr("Signing…");
    case SwapStage::Sent: return SwapForm::tr("Sent, waiting to be mined…");
    case SwapStage::Mined: return SwapForm::tr("Mined");
    case SwapStage::Failed: return SwapForm::tr("Failed");
    }
    return {};
}

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

eth::u256 SwapForm::gasReserveWei() { return eth::u256(10'000'000'000'000'000ULL); }

SwapForm::SwapForm(ChainService *chain, Settings *settings, QWidget *parent) : QWidget(parent), m_chain(chain)
{
    setObjectName(QStringLiteral("swapForm"));
    m_askPassword = [this](const WalletAccount &account) { return askPasswordDialog(this, account); };
    m_confirm = [this](const QString &summary) { return confirmDialog(this, summary); };

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);

    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("swapDirectionCombo"));
    m_direction->addItem(AmountText::direction(SwapDirection::EthToUsdc), swapDirectionKey(SwapDirection::EthToUsdc));
    m_direction->addItem(AmountText::direction(SwapDirection::UsdcToEth), swapDirectionKey(SwapDirection::UsdcToEth));
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("swapAmountEdit"));
    m_amount->setClearButtonEnabled(true);
    m_amountValidator = new QRegularExpressionValidator(m_amount);   // pattern set per direction
    m_amount->setValidator(m_amountValidator);
    m_max = new QPushButton(tr("Max"), this);
    m_max->setObjectName(QStringLiteral("swapMaxButton"));
    m_max->setToolTip(tr("The whole balance; of ETH, 0.01 ETH stays back for gas."));
    auto *amountRow = new QHBoxLayout;
    amountRow->addWidget(m_direction);
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(m_max);
    form->addRow(tr("Swap:"), amountRow);

    m_slippage = new QDoubleSpinBox(this);
    m_slippage->setObjectName(QStringLiteral("slippageSpin"));
    m_slippage->setRange(0.01, 50.0);
    m_slippage->setDecimals(2);
    m_slippage->setSingleStep(0.1);
    //: Suffix of the slippage spin box
    m_slippage->setSuffix(tr(" %"));
    m_slippage->setToolTip(tr("How far below the quote the output may fall before the swap reverts."));
    m_slippage->setValue(settings ? settings->number(Settings::Key::SlippagePercent)
                                  : Settings::defaultValue(Settings::Key::SlippagePercent).toDouble());
    auto *slippageRow = new QHBoxLayout;
    slippageRow->addWidget(m_slippage);
    slippageRow->addStretch(1);
    form->addRow(tr("Slippage:"), slippageRow);
    layout->addLayout(form);

    // The quote: two pairs side by side keep the form short in a small dock.
    auto *quote = new QGridLayout;
    quote->setContentsMargins(0, 0, 0, 0);
    m_expected = valueLabel(QStringLiteral("quoteExpectedValue"), this);
    m_minimum = valueLabel(QStringLiteral("quoteMinimumValue"), this);
    m_impact = valueLabel(QStringLiteral("quoteImpactValue"), this);
    m_gas = valueLabel(QStringLiteral("quoteGasValue"), this);
    quote->addWidget(new QLabel(tr("Expected:"), this), 0, 0);
    quote->addWidget(m_expected, 0, 1);
    quote->addWidget(new QLabel(tr("Minimum:"), this), 0, 2);
    quote->addWidget(m_minimum, 0, 3);
    quote->addWidget(new QLabel(tr("Impact:"), this), 1, 0);
    quote->addWidget(m_impact, 1, 1);
    quote->addWidget(new QLabel(tr("Gas:"), this), 1, 2);
    quote->addWidget(m_gas, 1, 3);
    quote->setColumnStretch(1, 1);
    quote->setColumnStretch(3, 1);
    layout->addLayout(quote);

    m_swap = new QPushButton(tr("Swap"), this);
    m_swap->setObjectName(QStringLiteral("swapButton"));
    layout->addWidget(m_swap);
    // The stages of the running swap, under the button; no room taken while none runs.
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("swapProgress"));
    m_progress->setRange(0, kStages);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);

    m_result = valueLabel(QStringLiteral("swapResultLabel"), this);
    m_result->setWordWrap(true);
    m_result->setVisible(false);
    layout->addWidget(m_result);
    m_error = valueLabel(QStringLiteral("swapErrorLabel"), this);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    m_quoteTimer = new QTimer(this);
    m_quoteTimer->setObjectName(QStringLiteral("quoteDebounceTimer"));
    m_quoteTimer->setSingleShot(true);
    m_quoteTimer->setInterval(kQuoteDelayMs);

    connect(m_direction, qOverload<int>(&QComboBox::currentIndexChanged), this, &SwapForm::directionChanged);
    connect(m_amount, &QLineEdit::textEdited, this, &SwapForm::inputChanged);
    connect(m_slippage, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &SwapForm::inputChanged);
    connect(m_max, &QPushButton::clicked, this, &SwapForm::fillMax);
    connect(m_swap, &QPushButton::clicked, this, &SwapForm::submit);
    connect(m_quoteTimer, &QTimer::timeout, this, &SwapForm::requestQuote);
    if (settings) {
        connect(settings, &Settings::changed, this, [this, settings](Settings::Key key) {
            if (key == Settings::Key::SlippagePercent)
                m_slippage->setValue(settings->number(key));
        });
    }
    if (m_chain) {
        // Connected before the snapshots are read, so nothing published in between is lost.
        connect(m_chain, &ChainService::stateChanged, this, &SwapForm::showState);
        connect(m_chain, &ChainService::accountsChanged, this, [this](const QList<WalletAccount> &accounts) {
            m_accounts = accounts;
            updateSwapButton();
        });
        connect(m_chain, &ChainService::selectedAccountChanged, this, [this](const eth::Address &account) {
            if (account == m_selected)
                return;   // a repeat (the service republishes with its accounts): keep the form as it is
            m_selected = account;
            m_balances = m_chain->balances();
            inputChanged();
        });
        connect(m_chain, &ChainService::balancesChanged, this, &SwapForm::showBalances);
        connect(m_chain, &ChainService::poolChanged, this, [this] {
            // The price moved (or a block passed): refresh the quote on screen without blanking it;
            // not while an answer is awaited, or a slow node would never get to show one.
            if (!m_amount->text().isEmpty() && m_swapId == 0 && m_quoteId == 0 && !m_quoteTimer->isActive())
                scheduleQuote(false);
        });
        connect(m_chain, &ChainService::quoteReady, this, &SwapForm::showQuote);
        connect(m_chain, &ChainService::swapStarted, this, &SwapForm::onStarted);
        connect(m_chain, &ChainService::swapStageChanged, this, &SwapForm::onStage);
        connect(m_chain, &ChainService::swapFinished, this, &SwapForm::onFinished);
        m_state = m_chain->state();
        m_accounts = m_chain->accounts();
        m_selected = m_chain->selectedAccount();
        m_balances = m_chain->balances();
    }
    directionChanged();
}

SwapDirection SwapForm::direction() const
{
    return swapDirectionFromKey(m_direction->currentData().toString()).value_or(SwapDirection::EthToUsdc);
}

int SwapForm::slippageBps() const { return qRound(m_slippage->value() * 100.0); }

std::optional<WalletAccount> SwapForm::selectedAccount() const
{
    for (const WalletAccount &account : m_accounts)
        if (account.address == m_selected)
            return account;
    return std::nullopt;
}

Result<SwapOrder> SwapForm::orderFromForm() const
{
    const SwapDirection dir = direction();
    if (m_amount->text().trimmed().isEmpty())
        return Error::make(Error::Kind::Usage, tr("Enter the amount of %1 to swap.").arg(AmountText::symbolIn(dir)));
    auto amount = eth::parseUnits(m_amount->text(), AmountText::decimalsIn(dir));
    if (!amount)
        return amount.error();
    if (*amount == 0)
        return Error::make(Error::Kind::Usage, tr("Enter an amount above zero."));
    const auto account = selectedAccount();
    if (!account)
        return Error::make(Error::Kind::Usage, tr("Choose an account first."));
    if (m_balances.account == account->address && m_balances.blockNumber > 0) {   // block 0: not read yet
        const bool ethIn = dir == SwapDirection::EthToUsdc;
        const eth::u256 balance = ethIn ? m_balances.ethWei : m_balances.usdcUnits;
        if (*amount > balance)
            return Error::make(Error::Kind::Usage,
                               tr("The amount is more than this account's balance of %1.")
                                   .arg(AmountText::tokenAmount(balance, ethIn)));
    }
    SwapOrder order;
    order.direction = dir;
    order.amountIn = *amount;
    order.slippageBps = slippageBps();
    order.account = account->address;
    return order;
}

void SwapForm::directionChanged()
{
    const int decimals = AmountText::decimalsIn(direction());
    // Digits and one point, with no more fraction digits than the token has.
    const QRegularExpression pattern(QStringLiteral("^[0-9]*(\\.[0-9]{0,%1})?$").arg(decimals));
    m_amountValidator->setRegularExpression(pattern);
    QString text = m_amount->text();
    int position = 0;
    if (m_amountValidator->validate(text, position) != QValidator::Acceptable)
        m_amount->clear();
    m_amount->setPlaceholderText(tr("Amount of %1").arg(AmountText::symbolIn(direction())));
    inputChanged();
}

void SwapForm::inputChanged()
{
    m_result->setVisible(false);
    clearError({ErrorSource::Form, ErrorSource::Quote, ErrorSource::Swap});
    scheduleQuote(true);
}

void SwapForm::scheduleQuote(bool clear)
{
    if (clear) {
        m_quoteId = 0;   // an answer still on its way is for older input
        m_quote.reset();
        clearQuote(m_amount->text().isEmpty() ? tr("—") : tr("…"));
    }
    m_quoteTimer->start();
    updateSwapButton();
}

void SwapForm::requestQuote()
{
    if (m_amount->text().trimmed().isEmpty()) {
        clearQuote(tr("—"));
        return;
    }
    auto order = orderFromForm();
    if (!order) {
        m_quote.reset();
        clearQuote(tr("—"));
        showError(order.error().message, ErrorSource::Form);
        return;
    }
    clearError({ErrorSource::Form});
    if (!m_chain || !m_state.connected()) {
        clearQuote(tr("—"));
        showError(tr("Connect to a chain to get a quote."), ErrorSource::Quote);
        return;
    }
    m_quoteId = m_chain->requestQuote(*order);
}

void SwapForm::showQuote(const SwapQuote &quote)
{
    if (quote.requestId == 0 || quote.requestId != m_quoteId)
        return;   // an answer to input that has changed since
    m_quoteId = 0;
    if (!quote.ok) {
        m_quote.reset();
        clearQuote(tr("—"));
        showError(quote.error.message, ErrorSource::Quote);
        updateSwapButton();
        return;
    }
    clearError({ErrorSource::Form, ErrorSource::Quote});
    m_quote = quote;
    const bool ethOut = quote.order.direction == SwapDirection::UsdcToEth;
    m_expected->setText(AmountText::tokenAmount(quote.expectedOut, ethOut));
    m_expected->setToolTip(tr("Exactly %1 %2 at %3 USDC per ETH")
                               .arg(eth::formatUnits(quote.expectedOut, AmountText::decimalsOut(quote.order.direction)),
                                    AmountText::symbol(ethOut), quote.expectedPrice));
    m_minimum->setText(AmountText::tokenAmount(quote.minimumOut, ethOut));
    m_minimum->setToolTip(tr("The swap reverts rather than give less than this."));
    m_impact->setText(tr("%1 %").arg(QLocale().toString(quote.priceImpactPercent, 'f', 2)));
    m_gas->setText(AmountText::tokenAmount(quote.gasCostWei, true));
    m_gas->setToolTip(tr("%1 gas units at the current maximum fee").arg(AmountText::grouped(quote.gasEstimate, 0)));
    updateSwapButton();
}

void SwapForm::clearQuote(const QString &placeholder)
{
    for (QLabel *label : {m_expected, m_minimum, m_impact, m_gas}) {
        label->setText(placeholder);
        label->setToolTip({});
    }
}

void SwapForm::fillMax()
{
    const bool ethIn = direction() == SwapDirection::EthToUsdc;
    if (m_balances.account.isZero() || m_balances.account != m_selected || m_balances.blockNumber == 0) {
        showError(tr("The balance of this account is not known yet."), ErrorSource::Form);
        return;
    }
    eth::u256 amount = ethIn ? m_balances.ethWei : m_balances.usdcUnits;
    if (ethIn)
        amount = amount > gasReserveWei() ? eth::u256(amount - gasReserveWei()) : eth::u256(0);
    m_amount->setText(eth::formatUnits(amount, ethIn ? kEthDecimals : kUsdcDecimals));
    inputChanged();
}

QString SwapForm::tradeSummary(const SwapOrder &order) const
{
    const bool ethIn = order.direction == SwapDirection::EthToUsdc;
    QString summary = tr("Swap %1 for %2 on %3 (chain %4, %5).")
                          .arg(AmountText::tokenAmount(order.amountIn, ethIn),
                               m_quote ? AmountText::tokenAmount(m_quote->expectedOut, !ethIn) : tr("the quoted amount of %1").arg(AmountText::symbol(!ethIn)),
                               m_state.rpcUrl, QString::number(m_state.chainId), chainModeName(m_state.mode));
    if (m_quote)
        summary += QLatin1Char('\n')
                   + tr("At least %1 (slippage %2 %), price impact %3 %, gas about %4.")
                         .arg(AmountText::tokenAmount(m_quote->minimumOut, !ethIn),
                              QLocale().toString(order.slippageBps / 100.0, 'f', 2),
                              QLocale().toString(m_quote->priceImpactPercent, 'f', 2),
                              AmountText::tokenAmount(m_quote->gasCostWei, true));
    summary += QStringLiteral("\n\n")
               + tr("Live trading is on and this is not the app's own sandbox: the transaction spends real funds "
                    "and cannot be undone.");
    return summary;
}

void SwapForm::submit()
{
    if (!m_chain || m_swapId != 0 || !m_swap->isEnabled())
        return;
    m_quoteTimer->stop();
    m_result->setVisible(false);
    clearError({ErrorSource::Form, ErrorSource::Quote, ErrorSource::Swap});
    auto order = orderFromForm();
    if (!order) {
        showError(order.error().message, ErrorSource::Form);
        return;
    }
    // The minimum out follows the quote on screen when it is for exactly this order.
    if (m_quote && m_quote->order.direction == order->direction && m_quote->order.amountIn == order->amountIn
        && m_quote->order.account == order->account)
        order->quotedOut = m_quote->expectedOut;

    const bool liveGuard = m_state.liveTrading && !(m_state.ownNode && m_state.mode == ChainMode::Sandbox);
    if (liveGuard && !m_confirm(tradeSummary(*order)))
        return;
    const auto account = selectedAccount();
    if (account && account->kind == WalletAccount::Kind::Keystore) {
        auto password = m_askPassword(*account);
        if (!password)
            return;
        order->password = std::move(*password);
        eth::secureWipe(*password);
    }
    m_swapId = m_chain->submitSwap(*order);
    eth::secureWipe(order->password);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Submitting…"));
    m_progress->setVisible(true);
    updateSwapButton();
}

void SwapForm::onStarted(const SwapRecord &record)
{
    if (record.id == m_swapId && m_progress->value() == 0)
        m_progress->setFormat(tr("Started…"));
}

void SwapForm::onStage(quint64 swapId, SwapStage stage, const QString &text)
{
    if (swapId != m_swapId)
        return;
    const int step = stageStep(stage);
    if (step > 0)
        m_progress->setValue(step);
    m_progress->setFormat(text.isEmpty() ? stageName(stage) : text);
}

void SwapForm::onFinished(const SwapRecord &record)
{
    if (record.id != m_swapId || m_swapId == 0)
        return;
    m_swapId = 0;
    m_progress->setVisible(false);
    const bool ethIn = record.direction == SwapDirection::EthToUsdc;
    if (record.status == SwapRecord::Status::Succeeded) {
        walletstyle::showMessage(m_result, tr("Swapped %1 for %2.")
                                               .arg(AmountText::tokenAmount(record.amountIn, ethIn),
                                                    AmountText::tokenAmount(record.amountOut, !ethIn)));
    } else {
        const QString reason = record.error.message.isEmpty() ? tr("The swap did not go through.") : record.error.message;
        showError(record.status == SwapRecord::Status::Reverted ? tr("The swap reverted: %1").arg(reason) : reason,
                  ErrorSource::Swap);
    }
    updateSwapButton();
    if (!m_amount->text().isEmpty())
        scheduleQuote(false);   // balances and price moved
}

void SwapForm::showState(const ChainState &state)
{
    const bool wasConnected = m_state.connected();
    m_state = state;
    if (state.connected() != wasConnected)
        scheduleQuote(true);
    updateSwapButton();
}

void SwapForm::showBalances(const AccountBalances &balances)
{
    m_balances = balances;
    // An amount over the balance is said at once; one that fits again clears the message.
    if (m_errorSource == ErrorSource::Form || m_errorSource == ErrorSource::None) {
        if (!m_amount->text().isEmpty() && m_swapId == 0) {
            auto order = orderFromForm();
            if (!order)
                showError(order.error().message, ErrorSource::Form);
            else
                clearError({ErrorSource::Form});
        }
    }
}

void SwapForm::showError(const QString &text, ErrorSource source)
{
    m_errorSource = text.isEmpty() ? ErrorSource::None : source;
    walletstyle::showMessage(m_error, text, true);
}

void SwapForm::clearError(std::initializer_list<ErrorSource> sources)
{
    for (ErrorSource source : sources)
        if (m_errorSource == source)
            showError({}, ErrorSource::None);
}

void SwapForm::updateSwapButton()
{
    QString reason;
    if (!m_chain)
        reason = tr("The chain service is not available in this build.");
    else if (m_swapId != 0)
        reason = tr("A swap is running.");
    else if (!m_state.connected())
        reason = tr("Connect to a chain first (Chain tab).");
    else if (!m_state.canSign)
        reason = tr("This node cannot sign: ApeDesk signs only on chain 8453, on a node it started or at a "
                    "loopback address, unless live trading is turned on in Settings.");
    else if (!selectedAccount())
        reason = tr("Choose an account first.");
    m_swap->setEnabled(reason.isEmpty());
    m_swap->setToolTip(reason.isEmpty() ? tr("Swap at the quote shown, within the slippage.") : reason);
    m_max->setEnabled(m_swapId == 0);
    m_direction->setEnabled(m_swapId == 0);
}

std::optional<QString> SwapForm::askPasswordDialog(QWidget *parent, const WalletAccount &account)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("swapPasswordDialog"));
    dialog.setWindowTitle(tr("Unlock account"));
    dialog.setLabelText(tr("Password of %1 (%2):").arg(account.label, account.address.toChecksumString()));
    dialog.setTextEchoMode(QLineEdit::Password);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}

bool SwapForm::confirmDialog(QWidget *parent, const QString &summary)
{
    QMessageBox box(QMessageBox::Warning, tr("Confirm live trade"), summary, QMessageBox::Yes | QMessageBox::Cancel,
                    parent);
    box.setObjectName(QStringLiteral("liveTradeConfirmBox"));
    box.button(QMessageBox::Yes)->setText(tr("Swap"));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

} // namespace apedesk::ui
