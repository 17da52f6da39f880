#pragma once
// The swap form: direction, amount ("Max" keeps a gas reserve), slippage, a live quote that follows
// the input (debounced; answers to older requests are dropped), one Swap button with the swap's
// stages as progress, and errors in words. Keystore accounts are unlocked with a password asked at
// swap time; with live trading on a node that is not the app's own sandbox, each swap is confirmed.

#include "chain/chainservice.h"

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QRegularExpressionValidator;
class QPushButton;
class QTimer;

namespace apedesk {
class Settings;
}

namespace apedesk::ui {

class SwapForm : public QWidget
{
    Q_OBJECT
public:
    SwapForm(ChainService *chain, Settings *settings, QWidget *parent = nullptr);

    static constexpr int kQuoteDelayMs = 250;
    static eth::u256 gasReserveWei();   // what "Max" keeps back of an ETH balance: 0.01 ETH

    // Hooks for tests; the defaults ask the person with modal dialogs.
    using PasswordPrompt = std::function<std::optional<QString>(const WalletAccount &account)>;
    using Confirmation = std::function<bool(const QString &summary)>;
    void setPasswordPrompt(PasswordPrompt prompt) { m_askPassword = std::move(prompt); }
    void setLiveTradeConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }

private:
    enum class ErrorSource { None, Form, Quote, Swap };

    SwapDirection direction() const;
    int slippageBps() const;
    std::optional<WalletAccount> selectedAccount() const;
    // The order in the form, or why there is none (also an amount over the balance).
    Result<SwapOrder> orderFromForm() const;

    void directionChanged();
    void inputChanged();            // the person changed something: a fresh quote soon
    void scheduleQuote(bool clear);
    void requestQuote();
    void showQuote(const SwapQuote &quote);
    void clearQuote(const QString &placeholder);
    void fillMax();
    void submit();
    QString tradeSummary(const SwapOrder &order) const;
    void onStarted(const SwapRecord &record);
    void onStage(quint64 swapId, SwapStage stage, const QString &text);
    void onFinished(const SwapRecord &record);
    void showState(const ChainState &state);
    void showBalances(const AccountBalances &balances);
    void showError(const QString &text, ErrorSource source);
    void clearError(std::initializer_list<ErrorSource> sources);
    void updateSwapButton();

    static std::optional<QString> askPasswordDialog(QWidget *parent, const WalletAccount &account);
    static bool confirmDialog(QWidget *parent, const QString &summary);

    ChainService *m_chain;
    ChainState m_state;
    QList<WalletAccount> m_accounts;
    eth::Address m_selected;
    AccountBalances m_balances;

    QComboBox *m_direction;
    QLineEdit *m_amount;
    QRegularExpressionValidator *m_amountValidator;
    QPushButton *m_max;
    QDoubleSpinBox *m_slippage;
    QLabel *m_expected;
    QLabel *m_minimum;
    QLabel *m_impact;
    QLabel *m_gas;
    QPushButton *m_swap;
    QProgressBar *m_progress;
    QLabel *m_result;
    QLabel *m_error;
    QTimer *m_quoteTimer;

    quint64 m_quoteId = 0;             // the request whose answer is awaited; 0: none
    std::optional<SwapQuote> m_quote;  // the quote on screen
    quint64 m_swapId = 0;              // this form's running swap; 0: none
    ErrorSource m_errorSource = ErrorSource::None;
    PasswordPrompt m_askPassword;
    Confirmation m_confirm;
};

} // namespace apedesk::ui
