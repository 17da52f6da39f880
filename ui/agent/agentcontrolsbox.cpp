#include "agentcontrolsbox.h"

#include "chain/chainservice.h"
#include "common/logging.h"
#include "common/paths.h"
#include "common/settings.h"
#include "eth/keychain.h"
#include "eth/signer.h"
#include "wallet/walletstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace apedesk::ui {

using agent::BackendSpec;

namespace {

QString defaultUrl(BackendSpec::Kind kind)
{
    switch (kind) {
    case BackendSpec::Kind::Ollama: return QStringLiteral("http://127.0.0.1:11434");
    case BackendSpec::Kind::OpenAi: return QStringLiteral("http://127.0.0.1:8080/v1");
    case BackendSpec::Kind::Builtin: break;
    }
    return {};
}

QString defaultBuiltinPolicy() { return QStringLiteral("momentum"); }

// The combo's key for the trained trader: a built-in backend whose model is "dqn:RUN_DIR".
const QString kDqnChoice = QStringLiteral("dqn");
const QString kDqnModelPrefix = QStringLiteral("dqn:");

QFormLayout *formIn(QGroupBox *box)
{
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setVerticalSpacing(4);
    return form;
}

QString shortAddress(const eth::Address &address)
{
    const QString hex = address.toChecksumString();
    return QString(hex.left(6) + QStringLiteral("…") + hex.right(4));
}

} // namespace

AgentControlsBox::AgentControlsBox(AgentService *agent, ChainService *chain, Settings *settings, QWidget *parent)
    : QWidget(parent), m_agent(agent), m_chain(chain), m_settings(settings)
{
    setObjectName(QStringLiteral("agentControlsBox"));
    m_askPassword = [this](const WalletAccount &account) { return askPasswordDialog(this, account); };
    for (BackendSpec::Kind k : {BackendSpec::Kind::Ollama, BackendSpec::Kind::OpenAi, BackendSpec::Kind::Builtin})
        m_urls[int(k)] = defaultUrl(k);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("agentStartButton"));
    m_start->setToolTip(tr("Run the agent: it watches the first cycles set below, then trades."));
    m_observe = new QPushButton(tr("Observe"), this);
    m_observe->setObjectName(QStringLiteral("agentObserveButton"));
    m_observe->setToolTip(tr("Run the agent without trading: it asks the model and records the answers only."));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("agentStopButton"));
    buttons->addWidget(m_start);
    buttons->addWidget(m_observe);
    buttons->addWidget(m_stop);
    layout->addLayout(buttons);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("agentControlsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    // Who decides.
    auto *modelBox = new QGroupBox(tr("Decisions by"), this);
    modelBox->setObjectName(QStringLiteral("agentModelGroup"));
    auto *modelForm = formIn(modelBox);
    m_backend = new QComboBox(modelBox);
    m_backend->setObjectName(QStringLiteral("agentBackendCombo"));
    m_backend->addItem(tr("Built-in policy"), backendKindKey(BackendSpec::Kind::Builtin));
    m_backend->addItem(tr("Trained trader (DQN)"), kDqnChoice);
    m_backend->setItemData(m_backend->count() - 1,
                           tr("A DQN trader from a training run decides offline from the pool's last swaps."),
                           Qt::ToolTipRole);
    m_backend->addItem(tr("Ollama"), backendKindKey(BackendSpec::Kind::Ollama));
    m_backend->addItem(tr("OpenAI-compatible"), backendKindKey(BackendSpec::Kind::OpenAi));
    m_backend->setToolTip(tr("The built-in policy runs offline; Ollama and OpenAI-compatible servers (OpenRouter, "
                             "llama.cpp, vLLM, LM Studio) answer with an LLM."));
    modelForm->addRow(tr("Backend:"), m_backend);
    m_url = new QLineEdit(modelBox);
    m_url->setObjectName(QStringLiteral("agentServerUrlEdit"));
    m_url->setClearButtonEnabled(true);
    m_urlLabel = new QLabel(tr("Server:"), modelBox);
    modelForm->addRow(m_urlLabel, m_url);
    m_model = new QComboBox(modelBox);
    m_model->setObjectName(QStringLiteral("agentModelCombo"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(12);
    m_refresh = new QToolButton(modelBox);
    m_refresh->setObjectName(QStringLiteral("agentRefreshModelsButton"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("List the models the server offers."));
    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_refresh);
    modelForm->addRow(tr("Model:"), modelRow);
    m_modelRow = modelRow;
    m_dqnRunField = new QWidget(modelBox);
    m_dqnRun = new QLineEdit(m_dqnRunField);
    m_dqnRun->setObjectName(QStringLiteral("agentDqnRunEdit"));
    m_dqnRun->setClearButtonEnabled(true);
    m_dqnRun->setPlaceholderText(tr("The training run's folder"));
    m_dqnRun->setToolTip(tr("A DQN training run with a checkpoint (the Trader training view or apedesk-cli rl "
                            "train writes them under the runs folder)."));
    m_chooseDqnRun = new QToolButton(m_dqnRunField);
    m_chooseDqnRun->setObjectName(QStringLiteral("agentDqnRunButton"));
    m_chooseDqnRun->setText(tr("Choose…"));
    m_chooseDqnRun->setToolTip(tr("Pick the training run's folder."));
    auto *dqnRow = new QHBoxLayout(m_dqnRunField);
    dqnRow->setContentsMargins(0, 0, 0, 0);
    dqnRow->addWidget(m_dqnRun, 1);
    dqnRow->addWidget(m_chooseDqnRun);
    modelForm->addRow(tr("Run folder:"), m_dqnRunField);
    m_apiKey = new QLineEdit(modelBox);
    m_apiKey->setObjectName(QStringLiteral("agentApiKeyEdit"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("Not needed for a local server"));
    m_keyLabel = new QLabel(tr("API key:"), modelBox);
    modelForm->addRow(m_keyLabel, m_apiKey);
    m_rememberKey = new QCheckBox(tr("Remember in the keychain"), modelBox);
    m_rememberKey->setObjectName(QStringLiteral("agentRememberKeyCheck"));
    m_rememberKey->setToolTip(tr("Keep the key in the system keychain for this server's host."));
    modelForm->addRow(QString(), m_rememberKey);
    m_stateful = new QCheckBox(tr("Stateful prompt with memory"), modelBox);
    m_stateful->setObjectName(QStringLiteral("agentStatefulCheck"));
    m_stateful->setToolTip(tr("The format the fine-tuned canary models were trained on, with the history of "
                              "past decisions; the memory persists, so a restart continues."));
    modelForm->addRow(QString(), m_stateful);
    layout->addWidget(modelBox);

    // How it runs.
    auto *runBox = new QGroupBox(tr("Run"), this);
    runBox->setObjectName(QStringLiteral("agentRunGroup"));
    auto *runForm = formIn(runBox);
    m_interval = new QSpinBox(runBox);
    m_interval->setObjectName(QStringLiteral("agentIntervalSpin"));
    m_interval->setRange(1, 86400);
    //: Suffix of a duration in seconds
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("Time between the agent's decisions."));
    runForm->addRow(tr("Every:"), m_interval);
    m_observeCycles = new QSpinBox(runBox);
    m_observeCycles->setObjectName(QStringLiteral("agentObserveCyclesSpin"));
    m_observeCycles->setRange(0, 100000);
    m_observeCycles->setSuffix(tr(" cycles"));
    m_observeCycles->setToolTip(tr("Start: cycles to only watch before trading. Observe: cycles to watch, then stop "
                                   "(0: until stopped)."));
    runForm->addRow(tr("Observe first:"), m_observeCycles);
    m_account = new QLabel(runBox);
    m_account->setObjectName(QStringLiteral("agentAccountLabel"));
    m_account->setTextFormat(Qt::PlainText);
    m_account->setTextInteractionFlags(Qt::TextSelectableByMouse);
    runForm->addRow(tr("Account:"), m_account);
    layout->addWidget(runBox);

    // Rebalancing and sizing.
    auto *limitsBox = new QGroupBox(tr("Allocation and limits"), this);
    limitsBox->setObjectName(QStringLiteral("agentLimitsGroup"));
    auto *limitsForm = formIn(limitsBox);
    m_target = new QDoubleSpinBox(limitsBox);
    m_target->setObjectName(QStringLiteral("agentTargetSpin"));
    m_target->setRange(0, 100);
    m_target->setDecimals(1);
    m_target->setSuffix(tr(" % ETH"));
    m_target->setToolTip(tr("The share of the portfolio's value the rebalancer keeps in ETH."));
    limitsForm->addRow(tr("Target:"), m_target);
    m_threshold = new QDoubleSpinBox(limitsBox);
    m_threshold->setObjectName(QStringLiteral("agentThresholdSpin"));
    m_threshold->setRange(0.5, 100);
    m_threshold->setDecimals(1);
    m_threshold->setPrefix(tr("± "));
    m_threshold->setSuffix(tr(" %"));
    m_threshold->setToolTip(tr("How far the ETH share may drift from the target before the rebalancer trades, "
                               "bypassing the model."));
    limitsForm->addRow(tr("Rebalance at:"), m_threshold);
    m_maxTrade = new QDoubleSpinBox(limitsBox);
    m_maxTrade->setObjectName(QStringLiteral("agentMaxTradeSpin"));
    m_maxTrade->setRange(0.0001, 100);
    m_maxTrade->setDecimals(4);
    m_maxTrade->setSingleStep(0.01);
    m_maxTrade->setSuffix(tr(" ETH"));
    m_maxTrade->setToolTip(tr("The most one trade may move, in ETH or its USDC equivalent."));
    limitsForm->addRow(tr("Max trade:"), m_maxTrade);
    m_horizon = new QSpinBox(limitsBox);
    m_horizon->setObjectName(QStringLiteral("agentHorizonSpin"));
    m_horizon->setRange(1, 7 * 24 * 60);
    m_horizon->setSuffix(tr(" min"));
    m_horizon->setToolTip(tr("Each trade's P&L is marked to market this long after it."));
    //: "&&" is one ampersand (a form label would take "&" as a shortcut)
    limitsForm->addRow(tr("Mark P&&L after:"), m_horizon);
    layout->addWidget(limitsBox);
    layout->addStretch(1);

    loadSettings();

    connect(m_backend, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        if (!m_loading)
            kindChanged();
    });
    connect(m_url, &QLineEdit::editingFinished, this, [this] {
        m_urls[int(kind())] = m_url->text().trimmed();
        save();
        readKeyFromKeychain();
    });
    connect(m_model, &QComboBox::currentTextChanged, this, [this] { save(); });
    connect(m_dqnRun, &QLineEdit::editingFinished, this, [this] { save(); });
    connect(m_chooseDqnRun, &QToolButton::clicked, this, &AgentControlsBox::chooseDqnRun);
    connect(m_refresh, &QToolButton::clicked, this, &AgentControlsBox::refreshModels);
    connect(m_rememberKey, &QCheckBox::toggled, this, [this](bool on) {
        if (!on && m_keyFromKeychain)
            forgetKeyInKeychain();
    });
    connect(m_apiKey, &QLineEdit::textEdited, this, [this] { m_keyFromKeychain = false; });
    connect(m_stateful, &QCheckBox::toggled, this, [this] { save(); });
    for (QSpinBox *spin : {m_interval, m_horizon})
        connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, [this] { save(); });
    for (QDoubleSpinBox *spin : {m_target, m_threshold, m_maxTrade})
        connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this] { save(); });
    connect(m_start, &QPushButton::clicked, this, [this] { start(RunMode::Trade); });
    connect(m_observe, &QPushButton::clicked, this, [this] { start(RunMode::Observe); });
    connect(m_stop, &QPushButton::clicked, this, &AgentControlsBox::stop);

    if (m_agent) {
        connect(m_agent, &AgentService::agentStateChanged, this, &AgentControlsBox::showState);
        connect(m_agent, &AgentService::modelsListed, this, &AgentControlsBox::showModels);
        m_state = m_agent->state();
    }
    if (m_chain) {
        connect(m_chain, &ChainService::accountsChanged, this, [this](const QList<WalletAccount> &accounts) {
            m_accounts = accounts;
            showAccount();
        });
        connect(m_chain, &ChainService::selectedAccountChanged, this, &AgentControlsBox::selectAccount);
        m_accounts = m_chain->accounts();
        m_selected = m_chain->selectedAccount();
    }
    showAccount();
    updateButtons();
    if (kind() == BackendSpec::Kind::OpenAi)
        readKeyFromKeychain();
}

AgentControlsBox::~AgentControlsBox() = default;

QString AgentControlsBox::keychainAccount(const QUrl &baseUrl)
{
    return QString(QStringLiteral("openai:") + baseUrl.host());
}

BackendSpec::Kind AgentControlsBox::kind() const
{
    const QString key = m_backend->currentData().toString();
    if (key == backendKindKey(BackendSpec::Kind::Ollama))
        return BackendSpec::Kind::Ollama;
    if (key == backendKindKey(BackendSpec::Kind::OpenAi))
        return BackendSpec::Kind::OpenAi;
    return BackendSpec::Kind::Builtin;
}

bool AgentControlsBox::dqnChosen() const
{
    return m_backend->currentData().toString() == kDqnChoice;
}

void AgentControlsBox::kindChanged()
{
    const BackendSpec::Kind k = kind();
    const bool server = k != BackendSpec::Kind::Builtin;
    const bool openAi = k == BackendSpec::Kind::OpenAi;
    const bool dqn = dqnChosen();
    auto *form = qobject_cast<QFormLayout *>(m_url->parentWidget()->layout());
    form->setRowVisible(m_url, server);
    form->setRowVisible(m_modelRow, !dqn);   // the trader's "model" is its run folder
    form->setRowVisible(m_dqnRunField, dqn);
    form->setRowVisible(m_apiKey, openAi);
    form->setRowVisible(m_rememberKey, openAi);
    m_url->setText(m_urls[int(k)]);
    m_url->setPlaceholderText(defaultUrl(k));
    m_pendingModels.clear();
    const bool wasLoading = std::exchange(m_loading, true);
    m_model->clear();
    if (!server) {
        m_model->addItem(defaultBuiltinPolicy());
        m_model->setCurrentText(defaultBuiltinPolicy());
    }
    m_model->lineEdit()->setPlaceholderText(server ? tr("Refresh lists the server's models") : QString());
    m_loading = wasLoading;
    m_refresh->setToolTip(server ? tr("List the models the server offers.") : tr("List the built-in policies."));
    if (openAi)
        readKeyFromKeychain();
    save();
}

void AgentControlsBox::loadSettings()
{
    m_loading = true;
    auto number = [this](Settings::Key key) {
        return m_settings ? m_settings->number(key) : Settings::defaultValue(key).toDouble();
    };
    const QString backendText = m_settings ? m_settings->string(Settings::Key::AgentBackend)
                                           : Settings::defaultValue(Settings::Key::AgentBackend).toString();
    BackendSpec spec;
    if (auto parsed = agent::parseBackendSpec(backendText))
        spec = *parsed;
    else
        qCWarning(lcUi) << "agent backend setting" << backendText << "unreadable:" << parsed.error().toString();
    if (spec.kind != BackendSpec::Kind::Builtin && spec.baseUrl.isValid())
        m_urls[int(spec.kind)] = spec.baseUrl.toString();
    // The run folder is kept on its own too, so it stays filled in while another backend is chosen.
    m_dqnRun->setText(m_settings ? m_settings->string(Settings::Key::AgentDqnRun) : QString());
    const bool dqn = spec.kind == BackendSpec::Kind::Builtin && spec.model.startsWith(kDqnModelPrefix);
    if (dqn)
        m_dqnRun->setText(spec.model.mid(kDqnModelPrefix.size()));
    m_backend->setCurrentIndex(std::max(0, m_backend->findData(dqn ? kDqnChoice : backendKindKey(spec.kind))));
    kindChanged();   // rows, URL and the model list of that kind (m_loading keeps it from saving)
    m_loading = true;
    if (!dqn && !spec.model.isEmpty()) {
        if (m_model->findText(spec.model) < 0)
            m_model->addItem(spec.model);
        m_model->setCurrentText(spec.model);
    }
    m_stateful->setChecked(m_settings ? m_settings->flag(Settings::Key::AgentStateful)
                                      : Settings::defaultValue(Settings::Key::AgentStateful).toBool());
    m_interval->setValue(int(number(Settings::Key::AgentIntervalSeconds)));
    m_target->setValue(number(Settings::Key::AgentTargetAllocation) * 100.0);
    m_threshold->setValue(number(Settings::Key::AgentRebalanceThreshold) * 100.0);
    m_maxTrade->setValue(number(Settings::Key::AgentMaxTradeEth));
    m_horizon->setValue(int(number(Settings::Key::AgentPnlHorizonMinutes)));
    m_loading = false;
}

void AgentControlsBox::save()
{
    if (m_loading || !m_settings)
        return;
    const BackendSpec spec = backendSpec();
    const QString dqnRun = m_dqnRun->text().trimmed();
    // A server spec is only worth keeping once it names a server and a model, the trader once it has a run.
    const bool complete = dqnChosen() ? !dqnRun.isEmpty()
                                      : spec.kind == BackendSpec::Kind::Builtin
                                            || (spec.baseUrl.isValid() && !spec.model.isEmpty());
    if (complete)
        m_settings->setValue(Settings::Key::AgentBackend, spec.toString());
    m_settings->setValue(Settings::Key::AgentDqnRun, dqnRun);
    m_settings->setValue(Settings::Key::AgentStateful, m_stateful->isChecked());
    m_settings->setValue(Settings::Key::AgentIntervalSeconds, m_interval->value());
    m_settings->setValue(Settings::Key::AgentTargetAllocation, m_target->value() / 100.0);
    m_settings->setValue(Settings::Key::AgentRebalanceThreshold, m_threshold->value() / 100.0);
    m_settings->setValue(Settings::Key::AgentMaxTradeEth, m_maxTrade->value());
    m_settings->setValue(Settings::Key::AgentPnlHorizonMinutes, m_horizon->value());
}

BackendSpec AgentControlsBox::backendSpec() const
{
    BackendSpec spec;
    spec.kind = kind();
    spec.model = m_model->currentText().trimmed();
    if (dqnChosen()) {
        const QString run = m_dqnRun->text().trimmed();
        spec.model = kDqnModelPrefix + (run.isEmpty() ? QString() : QDir::cleanPath(run));
    }
    if (spec.kind != BackendSpec::Kind::Builtin) {
        QString url = m_url->text().trimmed();
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        spec.baseUrl = QUrl(url, QUrl::StrictMode);
    }
    if (spec.kind == BackendSpec::Kind::OpenAi)
        spec.apiKey = m_apiKey->text();
    return spec;
}

Result<agent::AgentConfig> AgentControlsBox::config(RunMode mode) const
{
    agent::AgentConfig config;
    config.backend = backendSpec();
    if (config.backend.kind != BackendSpec::Kind::Builtin) {
        const QUrl &url = config.backend.baseUrl;
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return Error::make(Error::Kind::Usage, tr("Enter the server's address, such as %1.")
                                                       .arg(defaultUrl(config.backend.kind)));
        if (config.backend.model.isEmpty())
            return Error::make(Error::Kind::Usage, tr("Choose a model: Refresh lists the ones the server offers."));
    }
    if (dqnChosen()) {
        const QString run = m_dqnRun->text().trimmed();
        if (run.isEmpty())
            return Error::make(Error::Kind::Usage, tr("Choose the trained trader's run folder."));
        if (!QFileInfo(run).isDir())
            return Error::make(Error::Kind::Usage, tr("The run folder %1 does not exist.").arg(run));
    }
    const auto trader = account();
    if (!trader)
        return Error::make(Error::Kind::Usage,
                           tr("Choose an account in the wallet pane first: the agent reads its balances and trades "
                              "from it."));
    config.account = trader->address;
    config.stateful = m_stateful->isChecked();
    config.intervalMs = m_interval->value() * 1000;
    config.rebalance.targetEthAllocation = m_target->value() / 100.0;
    config.rebalance.threshold = m_threshold->value() / 100.0;
    // One cap for every trade: the model's and the rebalancer's.
    config.limits.maxTradeEth = m_maxTrade->value();
    config.rebalance.maxEth = std::min(config.rebalance.maxEth, m_maxTrade->value());
    config.rebalance.minEth = std::min(config.rebalance.minEth, config.rebalance.maxEth);
    config.pnlHorizonSeconds = m_horizon->value() * 60;
    const int observe = m_observeCycles->value();
    if (mode == RunMode::Observe) {
        config.observe.kind = agent::ObservationMode::Kind::Cycles;
        config.observe.amount = observe > 0 ? observe : std::numeric_limits<int>::max();
        config.maxCycles = observe;   // 0: until stopped
    } else if (observe > 0) {
        config.observe.kind = agent::ObservationMode::Kind::Cycles;
        config.observe.amount = observe;
    }
    return config;
}

void AgentControlsBox::chooseDqnRun()
{
    const QString current = m_dqnRun->text().trimmed();
    const QString start = !current.isEmpty() && QFileInfo(current).isDir() ? current : Paths::runsDir();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Trained trader's run folder"), start);
    if (folder.isEmpty())
        return;
    m_dqnRun->setText(QDir::toNativeSeparators(folder));
    save();
}

void AgentControlsBox::refreshModels()
{
    if (!m_agent) {
        showMessage(tr("The agent is not available in this build."), true);
        return;
    }
    const BackendSpec spec = backendSpec();
    if (spec.kind != BackendSpec::Kind::Builtin && (!spec.baseUrl.isValid() || spec.baseUrl.host().isEmpty())) {
        showMessage(tr("Enter the server's address, such as %1.").arg(defaultUrl(spec.kind)), true);
        return;
    }
    m_pendingModels = spec.toString();
    showMessage(spec.kind == BackendSpec::Kind::Builtin ? tr("Listing the built-in policies…")
                                                        : tr("Asking %1 for its models…").arg(spec.baseUrl.host()));
    m_agent->listModels(spec);
}

void AgentControlsBox::showModels(const QString &spec, bool ok, const Error &error,
                                  const QList<agent::ModelInfo> &models)
{
    if (m_pendingModels.isEmpty() || spec != m_pendingModels)
        return;   // an answer for another server or model list than the one asked last
    m_pendingModels.clear();
    if (!ok) {
        qCWarning(lcUi) << "agent models:" << error.toString();
        showMessage(tr("Could not list the models: %1").arg(error.message), true);
        return;
    }
    const QString current = m_model->currentText().trimmed();
    const bool wasLoading = std::exchange(m_loading, true);
    m_model->clear();
    const QLocale locale;
    for (const agent::ModelInfo &info : models) {
        m_model->addItem(info.name);
        QStringList facts;
        if (!info.parameterSize.isEmpty())
            facts << info.parameterSize;
        if (!info.quantization.isEmpty())
            facts << info.quantization;
        if (info.sizeBytes > 0)
            facts << locale.formattedDataSize(info.sizeBytes);
        if (info.contextLength > 0)
            facts << tr("%1 tokens of context").arg(locale.toString(info.contextLength));
        m_model->setItemData(m_model->count() - 1, facts.join(QStringLiteral(", ")), Qt::ToolTipRole);
    }
    if (!current.isEmpty())
        m_model->setCurrentText(current);
    else if (m_model->count() > 0)
        m_model->setCurrentIndex(0);
    m_loading = wasLoading;
    save();
    showMessage(models.isEmpty() ? tr("The server offers no models.")
                                 : tr("%n models listed.", nullptr, int(models.size())),
                models.isEmpty());
}

void AgentControlsBox::start(RunMode mode)
{
    if (!m_agent || m_state.running() || m_state.phase == agent::AgentState::Phase::Stopping)
        return;
    auto config = this->config(mode);
    if (!config) {
        showMessage(config.error().message, true);
        return;
    }
    const auto trader = account();
    if (trader && trader->kind == WalletAccount::Kind::Keystore) {
        auto password = m_askPassword(*trader);
        if (!password) {
            showMessage(tr("Not started: the account stays locked."));
            return;
        }
        config->password = *password;
        eth::secureWipe(*password);
    }
    if (config->backend.kind == BackendSpec::Kind::OpenAi && m_rememberKey->isChecked()
        && !config->backend.apiKey.isEmpty() && !m_keyFromKeychain)
        storeKeyInKeychain();
    save();
    qCInfo(lcUi) << "agent: start" << config->backend.toString() << (mode == RunMode::Observe ? "observe" : "trade");
    m_agent->startAgent(*config);
    eth::secureWipe(config->password);
    showMessage(mode == RunMode::Observe ? tr("Starting to observe…") : tr("Starting…"));
}

void AgentControlsBox::stop()
{
    if (!m_agent)
        return;
    m_agent->stopAgent();
    showMessage(tr("Stopping after the current step…"));
}

void AgentControlsBox::showState(const agent::AgentState &state)
{
    m_state = state;
    if (state.phase == agent::AgentState::Phase::Stopped && !state.text.isEmpty())
        showMessage({});   // the status strip says why it stopped
    else if (state.running())
        showMessage({});
    updateButtons();
}

void AgentControlsBox::updateButtons()
{
    const bool running = m_state.running();
    const bool stopping = m_state.phase == agent::AgentState::Phase::Stopping;
    const QString missing = tr("The agent is not available in this build.");
    m_start->setEnabled(m_agent && !running && !stopping);
    m_observe->setEnabled(m_agent && !running && !stopping);
    m_stop->setEnabled(m_agent && running);
    m_refresh->setEnabled(m_agent != nullptr);
    if (!m_agent) {
        m_start->setToolTip(missing);
        m_observe->setToolTip(missing);
    }
    // The form shows what the running agent uses; changes wait for the next start.
    const bool locked = running || stopping;
    for (auto *group : findChildren<QGroupBox *>()) {
        group->setEnabled(!locked);
        group->setToolTip(locked ? tr("The running agent uses these values; changes apply at the next start.")
                                 : QString());
    }
}

void AgentControlsBox::selectAccount(const eth::Address &account)
{
    m_selected = account;
    showAccount();
}

std::optional<WalletAccount> AgentControlsBox::account() const
{
    for (const WalletAccount &account : m_accounts)
        if (account.address == m_selected)
            return account;
    return std::nullopt;
}

void AgentControlsBox::showAccount()
{
    const auto trader = account();
    if (!trader) {
        m_account->setText(m_chain ? tr("None selected (wallet pane)") : tr("No chain in this build"));
        m_account->setToolTip({});
        return;
    }
    const QString lock = trader->kind == WalletAccount::Kind::Keystore ? tr(", password asked at start") : QString();
    //: An account's label, then on a second line its short address (and how it is unlocked)
    m_account->setText(tr("%1\n%2%3").arg(trader->label, shortAddress(trader->address), lock));
    m_account->setToolTip(trader->address.toChecksumString());
}

eth::Keychain *AgentControlsBox::keychain()
{
    if (!m_keychain) {
        m_keychain = new eth::Keychain(QStringLiteral("ApeDesk"), this);
        m_keychain->setTimeoutMs(5000);
    }
    return m_keychain;
}

void AgentControlsBox::readKeyFromKeychain()
{
    if (kind() != BackendSpec::Kind::OpenAi)
        return;
    const QUrl url(m_url->text().trimmed());
    const QString host = url.host();
    if (host.isEmpty() || host == m_keyHost || !m_apiKey->text().isEmpty())
        return;
    m_keyHost = host;
    if (!eth::Keychain::serviceReachable())
        return;   // no keychain on this desktop: the key is typed each session
    // The keychain is this box's child: when the box goes, the answer goes with it.
    keychain()->readPassword(keychainAccount(url), [this, host](Result<eth::SecretBytes> secret) {
        if (!secret) {
            qCDebug(lcUi) << "agent API key for" << host << "not in the keychain:" << secret.error().toString();
            return;
        }
        if (kind() != BackendSpec::Kind::OpenAi || QUrl(m_url->text().trimmed()).host() != host
            || !m_apiKey->text().isEmpty())
            return;   // the person moved on meanwhile
        m_apiKey->setText(QString::fromUtf8(secret->bytes()));
        const QSignalBlocker block(m_rememberKey);
        m_rememberKey->setChecked(true);
        m_keyFromKeychain = true;
        showMessage(tr("The API key for %1 came from the keychain.").arg(host));
    });
}

void AgentControlsBox::storeKeyInKeychain()
{
    const QUrl url = backendSpec().baseUrl;
    const QString host = url.host();
    QByteArray bytes = m_apiKey->text().toUtf8();
    keychain()->storePassword(keychainAccount(url), eth::SecretBytes(bytes), [this, host](const Status &status) {
        if (!status) {
            qCWarning(lcUi) << "agent API key not stored:" << status.error().toString();
            showMessage(tr("The API key was not saved in the keychain: %1").arg(status.error().message), true);
            return;
        }
        m_keyFromKeychain = true;
        qCInfo(lcUi) << "agent API key for" << host << "stored in the keychain";
    });
    eth::secureWipe(bytes);
}

void AgentControlsBox::forgetKeyInKeychain()
{
    const QUrl url = backendSpec().baseUrl;
    m_keyFromKeychain = false;
    keychain()->deletePassword(keychainAccount(url), [this](const Status &status) {
        if (!status)
            showMessage(tr("The API key could not be removed from the keychain: %1").arg(status.error().message), true);
        else
            showMessage(tr("The API key was removed from the keychain."));
    });
}

void AgentControlsBox::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

std::optional<QString> AgentControlsBox::askPasswordDialog(QWidget *parent, const WalletAccount &account)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("agentPasswordDialog"));
    dialog.setWindowTitle(tr("Unlock account for the agent"));
    dialog.setLabelText(tr("The agent signs its trades with %1 (%2). Password:")
                            .arg(account.label, account.address.toChecksumString()));
    dialog.setTextEchoMode(QLineEdit::Password);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}

} // namespace apedesk::ui
