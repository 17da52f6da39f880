#pragma once
// Typed settings: an enum of keys, one table of defaults, a changed() signal. Backed by QSettings.

#include <QObject>
#include <QSettings>
#include <QVariant>

namespace apedesk {

class Settings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        Language,               // "" = follow the system locale, else a language code such as "de"
        ChainMode,              // "sandbox" | "fork" | "external"
        ChainConnectOnStart,    // connect (start the sandbox) when the app starts
        SandboxPrice,           // initial ETH price in USDC of a new sandbox pool
        ForkRpcUrl,             // the person's BASE endpoint for fork mode
        ForkBlockNumber,        // 0 = latest
        ExternalRpcUrl,         // a running node to connect to
        LiveTrading,            // off: sign only for a sandbox / loopback node
        SlippagePercent,
        MarketSimulateInSandbox,    // other sandbox accounts trade, so the sandbox has a live market
        MarketSimulatorSwapsPerMinute,
        MarketMetricsWindowMinutes, // rolling pool metrics (price change, volume, volatility) window
        AgentBackend,           // "builtin" | "ollama:http://HOST:PORT/MODEL" | "openai:URL/MODEL"
        AgentIntervalSeconds,   // seconds between the agent's decisions
        AgentStateful,          // the stateful prompt with memory (for the fine-tuned models)
        AgentTargetAllocation,  // target ETH share of the portfolio's value (0..1)
        AgentRebalanceThreshold,// |ETH share − target| that makes the rebalancer trade
        AgentMaxTradeEth,       // per-trade cap in ETH (or its USDC equivalent)
        AgentPnlHorizonMinutes, // each trade is marked to market this long after it
        AgentDqnRun,            // the trained trader's run folder (backend builtin:dqn:RUN_DIR); "" = none chosen
        TrainingThreads,        // 0 = all cores
        // The distillation pipeline's external tools as command templates (pipeline.h's placeholders);
        // "" = the built-in default (mlx_lm.lora, mlx_lm.fuse, convert_hf_to_gguf.py, llama-quantize, ollama).
        DistillFineTuneCommand,
        DistillFuseCommand,
        DistillConvertCommand,
        DistillQuantizeCommand,
        DistillRegisterCommand,
        DistillLlamaCppDir,     // llama.cpp's checkout, for {llama_cpp}
        FederatedSwapCsv,       // the tutorial's swap CSV the real-swap venues read (dashboard and apedesk-cli fed)
        MainWindowGeometry,     // QByteArray from QMainWindow::saveGeometry
        MainWindowState,        // QByteArray from QMainWindow::saveState
    };
    Q_ENUM(Key)

    // organization/application as given to QSettings; tests pass a file path instead.
    explicit Settings(QObject *parent = nullptr);
    explicit Settings(const QString &iniFile, QObject *parent = nullptr);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    bool isDefault(Key key) const;

    static QVariant defaultValue(Key key);
    static QString storageName(Key key);   // the QSettings key, e.g. "chain/mode"
    static QList<Key> allKeys();

    // Typed helpers for the most used values.
    QString string(Key key) const { return value(key).toString(); }
    bool flag(Key key) const { return value(key).toBool(); }
    double number(Key key) const { return value(key).toDouble(); }

    void sync() { m_store.sync(); }

Q_SIGNALS:
    void changed(apedesk::Settings::Key key);

private:
    QSettings m_store;
};

} // namespace apedesk
