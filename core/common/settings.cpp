#include "settings.h"

#include <QByteArray>

#include <array>

namespace apedesk {
namespace {

struct Entry
{
    Settings::Key key;
    const char *name;
    QVariant defaultValue;
};

// The one table of keys, storage names and defaults.
const std::array<Entry, 30> &table()
{
    static const std::array<Entry, 30> entries{{
        {Settings::Key::Language, "ui/language", QString()},
        {Settings::Key::ChainMode, "chain/mode", QStringLiteral("sandbox")},
        {Settings::Key::ChainConnectOnStart, "chain/connectOnStart", true},
        {Settings::Key::SandboxPrice, "chain/sandboxPrice", 3000.0},
        {Settings::Key::ForkRpcUrl, "chain/forkRpcUrl", QString()},
        {Settings::Key::ForkBlockNumber, "chain/forkBlockNumber", 0},
        {Settings::Key::ExternalRpcUrl, "chain/externalRpcUrl", QStringLiteral("http://127.0.0.1:8545")},
        {Settings::Key::LiveTrading, "trading/live", false},
        {Settings::Key::SlippagePercent, "trading/slippagePercent", 0.5},
        {Settings::Key::MarketSimulateInSandbox, "market/simulateInSandbox", true},
        {Settings::Key::MarketSimulatorSwapsPerMinute, "market/simulatorSwapsPerMinute", 6.0},
        {Settings::Key::MarketMetricsWindowMinutes, "market/metricsWindowMinutes", 10},
        {Settings::Key::AgentBackend, "agent/backend", QStringLiteral("builtin")},
        {Settings::Key::AgentIntervalSeconds, "agent/intervalSeconds", 10},
        {Settings::Key::AgentStateful, "agent/stateful", false},
        {Settings::Key::AgentTargetAllocation, "agent/targetAllocation", 0.5},
        {Settings::Key::AgentRebalanceThreshold, "agent/rebalanceThreshold", 0.10},
        {Settings::Key::AgentMaxTradeEth, "agent/maxTradeEth", 0.05},
        {Settings::Key::AgentPnlHorizonMinutes, "agent/pnlHorizonMinutes", 10},
        {Settings::Key::AgentDqnRun, "agent/dqnRun", QString()},
        {Settings::Key::TrainingThreads, "training/threads", 0},
        {Settings::Key::DistillFineTuneCommand, "distill/fineTuneCommand", QString()},
        {Settings::Key::DistillFuseCommand, "distill/fuseCommand", QString()},
        {Settings::Key::DistillConvertCommand, "distill/convertCommand", QString()},
        {Settings::Key::DistillQuantizeCommand, "distill/quantizeCommand", QString()},
        {Settings::Key::DistillRegisterCommand, "distill/registerCommand", QString()},
        {Settings::Key::DistillLlamaCppDir, "distill/llamaCppDir", QString()},
        {Settings::Key::FederatedSwapCsv, "federated/swapCsv", QString()},
        {Settings::Key::MainWindowGeometry, "ui/mainWindowGeometry", QByteArray()},
        {Settings::Key::MainWindowState, "ui/mainWindowState", QByteArray()},
    }};
    return entries;
}

const Entry &entry(Settings::Key key)
{
    for (const Entry &e : table())
        if (e.key == key)
            return e;
    Q_UNREACHABLE();
}

} // namespace

Settings::Settings(QObject *parent) : QObject(parent) {}

Settings::Settings(const QString &iniFile, QObject *parent)
    : QObject(parent), m_store(iniFile, QSettings::IniFormat)
{
}

QVariant Settings::value(Key key) const
{
    const Entry &e = entry(key);
    QVariant stored = m_store.value(QLatin1String(e.name), e.defaultValue);
    // QSettings hands back strings for numbers and bools in INI files: convert to the default's type.
    if (e.defaultValue.isValid() && stored.metaType() != e.defaultValue.metaType())
        stored.convert(e.defaultValue.metaType());
    return stored;
}

void Settings::setValue(Key key, const QVariant &value)
{
    const bool differs = this->value(key) != value;
    m_store.setValue(QLatin1String(entry(key).name), value);
    if (differs)
        Q_EMIT changed(key);
}

void Settings::reset(Key key)
{
    if (!m_store.contains(QLatin1String(entry(key).name)))
        return;
    m_store.remove(QLatin1String(entry(key).name));
    Q_EMIT changed(key);
}

bool Settings::isDefault(Key key) const { return !m_store.contains(QLatin1String(entry(key).name)); }

QVariant Settings::defaultValue(Key key) { return entry(key).defaultValue; }

QString Settings::storageName(Key key) { return QLatin1String(entry(key).name); }

QList<Settings::Key> Settings::allKeys()
{
    QList<Key> keys;
    for (const Entry &e : table())
        keys.append(e.key);
    return keys;
}

} // namespace apedesk
