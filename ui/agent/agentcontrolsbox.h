#pragma once
// The agent's controls: who decides (built-in policy, a trained DQN trader from a run folder, an Ollama
// server or an OpenAI-compatible one, with the model picked from the server's own list), the API key (kept in the OS keychain at the
// person's choice), stateful memory, interval, target allocation, rebalance threshold, trade cap,
// P&L horizon and observation cycles, and Start / Observe / Stop. The values are saved to Settings as
// they change. Nothing here waits: models, keychain and the agent answer through signals and
// callbacks.

#include "agent/agentconfig.h"
#include "agent/agentservice.h"
#include "chain/chaintypes.h"

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace apedesk {
class ChainService;
class Settings;
namespace eth {
class Keychain;
}
} // namespace apedesk

namespace apedesk::ui {

class AgentControlsBox : public QWidget
{
    Q_OBJECT
public:
    enum class RunMode {
        Trade,     // observe the first N cycles (when N > 0), then trade
        Observe,   // only watch: N cycles and stop, or until stopped when N is 0
    };

    // Any pointer may be null: without `agent` nothing can start; without `settings` the defaults are
    // used and nothing is saved.
    AgentControlsBox(AgentService *agent, ChainService *chain, Settings *settings, QWidget *parent = nullptr);
    ~AgentControlsBox() override;

    // The run the form describes, or what is missing, in words. The account is the chain service's
    // selected one; the keystore password is not part of it (start() asks for it).
    Result<agent::AgentConfig> config(RunMode mode) const;
    // The backend as the form spells it, API key included.
    agent::BackendSpec backendSpec() const;

    // Asks the service for the server's models (the Refresh button).
    void refreshModels();
    // Collects the config, asks for a keystore password when needed, and starts the agent.
    void start(RunMode mode);
    void stop();

    void showState(const agent::AgentState &state);
    // AgentService::modelsListed; answers to older requests are dropped.
    void showModels(const QString &spec, bool ok, const Error &error, const QList<agent::ModelInfo> &models);

    // Test hook; the default asks with a modal password dialog.
    using PasswordPrompt = std::function<std::optional<QString>(const WalletAccount &account)>;
    void setPasswordPrompt(PasswordPrompt prompt) { m_askPassword = std::move(prompt); }

    static QString keychainAccount(const QUrl &baseUrl);   // "openai:" + host

private:
    agent::BackendSpec::Kind kind() const;
    bool dqnChosen() const;                  // "Trained trader (DQN)": builtin:dqn:RUN_DIR
    void kindChanged();
    void chooseDqnRun();
    void loadSettings();
    void save();
    void selectAccount(const eth::Address &account);
    void showAccount();
    std::optional<WalletAccount> account() const;
    void readKeyFromKeychain();
    void storeKeyInKeychain();
    void forgetKeyInKeychain();
    eth::Keychain *keychain();
    void showMessage(const QString &text, bool error = false);
    void updateButtons();

    static std::optional<QString> askPasswordDialog(QWidget *parent, const WalletAccount &account);

    AgentService *m_agent;
    ChainService *m_chain;
    Settings *m_settings;
    eth::Keychain *m_keychain = nullptr;
    agent::AgentState m_state;
    QList<WalletAccount> m_accounts;
    eth::Address m_selected;
    QString m_pendingModels;                 // the spec whose model list is awaited
    QString m_urls[3];                       // the URL typed per backend kind, this session
    QString m_keyHost;                       // the host whose key was last looked up
    bool m_keyFromKeychain = false;
    bool m_loading = false;
    PasswordPrompt m_askPassword;

    QComboBox *m_backend;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    QComboBox *m_model;
    QLayout *m_modelRow;
    QToolButton *m_refresh;
    QLabel *m_keyLabel;
    QLineEdit *m_apiKey;
    QCheckBox *m_rememberKey;
    QWidget *m_dqnRunField;
    QLineEdit *m_dqnRun;
    QToolButton *m_chooseDqnRun;
    QCheckBox *m_stateful;
    QSpinBox *m_interval;
    QSpinBox *m_observeCycles;
    QDoubleSpinBox *m_target;
    QDoubleSpinBox *m_threshold;
    QDoubleSpinBox *m_maxTrade;
    QSpinBox *m_horizon;
    QLabel *m_account;
    QPushButton *m_start;
    QPushButton *m_observe;
    QPushButton *m_stop;
    QLabel *m_message;
};

} // namespace apedesk::ui
