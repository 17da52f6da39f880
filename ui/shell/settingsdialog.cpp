#include "settingsdialog.h"

#include "common/settings.h"
#include "distill/pipeline.h"
#include "translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace apedesk::ui {

SettingsDialog::SettingsDialog(Settings *settings, QWidget *parent) : QDialog(parent), m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("ApeDesk settings"));
    auto *layout = new QVBoxLayout(this);

    auto *general = new QGroupBox(tr("General"), this);
    auto *generalForm = new QFormLayout(general);
    m_language = new QComboBox(general);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System language"), QString());
    for (const LanguageChoice &choice : availableLanguages())
        m_language->addItem(choice.nativeName, choice.code);
    generalForm->addRow(tr("Language:"), m_language);
    auto *restartNote = new QLabel(tr("A new language applies the next time ApeDesk starts."), general);
    restartNote->setWordWrap(true);
    generalForm->addRow(QString(), restartNote);
    layout->addWidget(general);

    auto *chain = new QGroupBox(tr("Chain"), this);
    auto *chainForm = new QFormLayout(chain);
    m_chainMode = new QComboBox(chain);
    m_chainMode->setObjectName(QStringLiteral("chainModeCombo"));
    m_chainMode->addItem(tr("Sandbox (offline, local chain)"), QStringLiteral("sandbox"));
    m_chainMode->addItem(tr("Fork of BASE (needs your RPC endpoint)"), QStringLiteral("fork"));
    m_chainMode->addItem(tr("External node"), QStringLiteral("external"));
    chainForm->addRow(tr("Mode:"), m_chainMode);
    m_sandboxPrice = new QDoubleSpinBox(chain);
    m_sandboxPrice->setObjectName(QStringLiteral("sandboxPriceSpin"));
    m_sandboxPrice->setRange(1, 1000000);
    m_sandboxPrice->setDecimals(2);
    m_sandboxPrice->setSuffix(tr(" USDC per ETH"));
    chainForm->addRow(tr("Sandbox start price:"), m_sandboxPrice);
    m_forkUrl = new QLineEdit(chain);
    m_forkUrl->setObjectName(QStringLiteral("forkUrlEdit"));
    m_forkUrl->setPlaceholderText(tr("https://your-base-endpoint"));
    chainForm->addRow(tr("BASE endpoint:"), m_forkUrl);
    m_externalUrl = new QLineEdit(chain);
    m_externalUrl->setObjectName(QStringLiteral("externalUrlEdit"));
    chainForm->addRow(tr("External node URL:"), m_externalUrl);
    layout->addWidget(chain);

    auto *trading = new QGroupBox(tr("Trading"), this);
    auto *tradingForm = new QFormLayout(trading);
    m_slippage = new QDoubleSpinBox(trading);
    m_slippage->setObjectName(QStringLiteral("slippageSpin"));
    m_slippage->setRange(0.01, 50);
    m_slippage->setSingleStep(0.1);
    m_slippage->setSuffix(QStringLiteral(" %"));
    tradingForm->addRow(tr("Default slippage:"), m_slippage);
    m_liveTrading = new QCheckBox(tr("Allow live trading (every trade asks for confirmation)"), trading);
    m_liveTrading->setObjectName(QStringLiteral("liveTradingCheck"));
    tradingForm->addRow(QString(), m_liveTrading);
    layout->addWidget(trading);

    auto *market = new QGroupBox(tr("Market data"), this);
    auto *marketForm = new QFormLayout(market);
    m_simulateInSandbox = new QCheckBox(tr("Run the sandbox market (other sandbox accounts trade)"), market);
    m_simulateInSandbox->setObjectName(QStringLiteral("simulateInSandboxCheck"));
    marketForm->addRow(QString(), m_simulateInSandbox);
    m_simulatorRate = new QDoubleSpinBox(market);
    m_simulatorRate->setObjectName(QStringLiteral("simulatorRateSpin"));
    m_simulatorRate->setRange(0.1, 600);
    m_simulatorRate->setDecimals(1);
    m_simulatorRate->setSuffix(tr(" swaps per minute"));
    marketForm->addRow(tr("Sandbox market rate:"), m_simulatorRate);
    m_metricsWindow = new QSpinBox(market);
    m_metricsWindow->setObjectName(QStringLiteral("metricsWindowSpin"));
    m_metricsWindow->setRange(1, 24 * 60);
    m_metricsWindow->setSuffix(tr(" min"));
    marketForm->addRow(tr("Pool metrics window:"), m_metricsWindow);
    layout->addWidget(market);

    auto *training = new QGroupBox(tr("Training"), this);
    auto *trainingForm = new QFormLayout(training);
    m_threads = new QSpinBox(training);
    m_threads->setObjectName(QStringLiteral("trainingThreadsSpin"));
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    trainingForm->addRow(tr("libtorch threads:"), m_threads);
    layout->addWidget(training);

    // The distillation pipeline's external tools; placeholders show what an empty field means.
    auto *tools = new QGroupBox(tr("Distillation tools"), this);
    tools->setObjectName(QStringLiteral("distillToolsGroup"));
    auto *toolsForm = new QFormLayout(tools);
    const distill::ToolCommands defaults;
    const struct
    {
        Settings::Key key;
        const char *objectName;
        QString label;
        QString placeholder;
    } toolRows[] = {
        {Settings::Key::DistillFineTuneCommand, "fineTuneCommandEdit", tr("Fine-tune:"), defaults.fineTune},
        {Settings::Key::DistillFuseCommand, "fuseCommandEdit", tr("Fuse:"), defaults.fuse},
        {Settings::Key::DistillConvertCommand, "convertCommandEdit", tr("Convert to GGUF:"), defaults.convert},
        {Settings::Key::DistillQuantizeCommand, "quantizeCommandEdit", tr("Quantise:"), defaults.quantize},
        {Settings::Key::DistillRegisterCommand, "registerCommandEdit", tr("Register:"), defaults.registerModel},
        {Settings::Key::DistillLlamaCppDir, "llamaCppDirEdit", tr("llama.cpp folder:"), defaults.llamaCppDir},
    };
    for (const auto &row : toolRows) {
        auto *edit = new QLineEdit(tools);
        edit->setObjectName(QLatin1String(row.objectName));
        edit->setPlaceholderText(row.placeholder);
        edit->setToolTip(tr("Empty: %1. Placeholders: {config} {model} {data} {adapters} {fused} {gguf_f16} {gguf} "
                            "{quant} {modelfile} {name} {llama_cpp}").arg(row.placeholder));
        toolsForm->addRow(row.label, edit);
        m_toolCommands.append({row.key, edit});
    }
    layout->addWidget(tools);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    load();
}

void SettingsDialog::load()
{
    using K = Settings::Key;
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings->string(K::Language))));
    m_chainMode->setCurrentIndex(std::max(0, m_chainMode->findData(m_settings->string(K::ChainMode))));
    m_sandboxPrice->setValue(m_settings->number(K::SandboxPrice));
    m_forkUrl->setText(m_settings->string(K::ForkRpcUrl));
    m_externalUrl->setText(m_settings->string(K::ExternalRpcUrl));
    m_slippage->setValue(m_settings->number(K::SlippagePercent));
    m_liveTrading->setChecked(m_settings->flag(K::LiveTrading));
    m_threads->setValue(m_settings->value(K::TrainingThreads).toInt());
    m_simulateInSandbox->setChecked(m_settings->flag(K::MarketSimulateInSandbox));
    m_simulatorRate->setValue(m_settings->number(K::MarketSimulatorSwapsPerMinute));
    m_metricsWindow->setValue(m_settings->value(K::MarketMetricsWindowMinutes).toInt());
    for (const auto &tool : m_toolCommands)
        tool.second->setText(m_settings->string(tool.first));
}

void SettingsDialog::apply()
{
    using K = Settings::Key;
    m_settings->setValue(K::Language, m_language->currentData().toString());
    m_settings->setValue(K::ChainMode, m_chainMode->currentData().toString());
    m_settings->setValue(K::SandboxPrice, m_sandboxPrice->value());
    m_settings->setValue(K::ForkRpcUrl, m_forkUrl->text().trimmed());
    m_settings->setValue(K::ExternalRpcUrl, m_externalUrl->text().trimmed());
    m_settings->setValue(K::SlippagePercent, m_slippage->value());
    m_settings->setValue(K::LiveTrading, m_liveTrading->isChecked());
    m_settings->setValue(K::TrainingThreads, m_threads->value());
    m_settings->setValue(K::MarketSimulateInSandbox, m_simulateInSandbox->isChecked());
    m_settings->setValue(K::MarketSimulatorSwapsPerMinute, m_simulatorRate->value());
    m_settings->setValue(K::MarketMetricsWindowMinutes, m_metricsWindow->value());
    for (const auto &tool : m_toolCommands)
        m_settings->setValue(tool.first, tool.second->text().trimmed());
    m_settings->sync();
}

} // namespace apedesk::ui
