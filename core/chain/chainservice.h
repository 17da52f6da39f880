#pragma once
// Chain access on its own worker thread: the node (an offline Uniswap V4 sandbox the app starts and
// prepares, an anvil fork of BASE, or an external node), the person's accounts, live balances and
// pool price, quotes and paper swaps. Every public method is thread safe and returns at once; results
// come back as queued signals carrying plain values (chaintypes.h).

#include "chaintypes.h"
#include "service.h"

#include <QSet>
#include <QStringList>

class QTimer;

#include <memory>

namespace apedesk {

namespace chain {
class ChainSession;
}

struct ChainConfig
{
    ChainMode mode = ChainMode::Sandbox;
    QString sandboxPrice = QStringLiteral("3000");   // USDC per ETH of a new sandbox pool
    QString forkUrl;                                 // the person's BASE endpoint
    quint64 forkBlockNumber = 0;                     // 0: latest
    QString externalUrl;
    bool liveTrading = false;
    QString dataDirectory;     // sandbox state cache, deployment records, node pid records (Paths::chainDir())
    QString keystoreDirectory; // keystore accounts (Paths::keystoreDir())
    int refreshIntervalMs = 2000;   // balances, pool price and block while connected
    bool connectOnStart = true;
};

class ChainService : public Service
{
    Q_OBJECT
public:
    explicit ChainService(ChainConfig config = {}, QObject *parent = nullptr);
    ~ChainService() override;

    // Thread-safe snapshots of the last published values.
    ChainState state() const;
    QList<WalletAccount> accounts() const;
    eth::Address selectedAccount() const;
    AccountBalances balances() const;
    PoolSnapshot pool() const;
    QStringList nodeLog() const;          // recent lines of the node the app started
    QList<SwapRecord> history() const;    // this session's swaps, oldest first

    // Requests (queued to the service thread).
    void connectChain(const ChainConfig &config);   // switch mode / endpoint; stops the old node
    // Starts the sandbox over from its pristine prepared state (deploying anew when there is no
    // valid saved state); in other modes, reconnects.
    void resetSandbox();
    void disconnectChain();               // stops the node the app started
    void refresh();                       // block, balances and price now
    void selectAccount(const eth::Address &account);
    void reloadAccounts();                // after a keystore was created or imported
    void fundAccount(const eth::Address &account);   // sandbox / fork: 100 ETH and 100,000 USDC
    quint64 requestQuote(const SwapOrder &order);    // -> quoteReady
    quint64 submitSwap(const SwapOrder &order);      // -> swapStageChanged..., swapFinished
    void cancelSwap(quint64 swapId);

Q_SIGNALS:
    void stateChanged(apedesk::ChainState state);
    void accountsChanged(QList<apedesk::WalletAccount> accounts);
    void selectedAccountChanged(apedesk::eth::Address account);
    void balancesChanged(apedesk::AccountBalances balances);
    void poolChanged(apedesk::PoolSnapshot pool);
    void quoteReady(apedesk::SwapQuote quote);
    // A new swap appears with swapStarted (status Pending), moves through stages, and ends with
    // swapFinished (Succeeded / Reverted / Failed).
    void swapStarted(apedesk::SwapRecord record);
    void swapStageChanged(quint64 swapId, apedesk::SwapStage stage, QString text);
    void swapFinished(apedesk::SwapRecord record);
    void nodeLogLine(QString line);

protected:
    void onStarted() override;
    void onStopping() override;

private:
    // All below run on the service thread.
    Status openSession(const ChainConfig &config, bool fresh, const TaskContext &context);
    void closeSession();
    void onNodeStopped(const QString &message);
    void refreshNow();
    void runQuote(quint64 requestId, SwapOrder order);
    void runSwap(quint64 swapId, SwapOrder order, const TaskContext &context);
    void publishState(const ChainState &state);
    void publishAccounts();
    ChainState baseState(ChainState::Phase phase, const QString &message) const;
    bool swapCanceled(quint64 swapId) const;

    ChainConfig m_config;
    chain::ChainSession *m_session = nullptr;   // owned; replaced only between tasks
    QTimer *m_refreshTimer = nullptr;
    bool m_refreshInFlight = false;
    bool m_nodeLost = false;

    // Published snapshots and cross-thread flags (guarded).
    mutable QMutex m_mutex;
    ChainState m_state;
    QList<WalletAccount> m_accounts;
    eth::Address m_selected;
    AccountBalances m_balances;
    PoolSnapshot m_pool;
    QStringList m_nodeLog;
    QList<SwapRecord> m_history;
    QSet<quint64> m_canceledSwaps;
    QAtomicInteger<quint64> m_nextRequestId{1};
    QAtomicInteger<quint64> m_latestQuoteId{0};
};

// The service's configuration from the person's settings and the app's data folders.
class Settings;
ChainConfig chainConfigFromSettings(const Settings &settings);

} // namespace apedesk
