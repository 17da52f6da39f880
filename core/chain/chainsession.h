#pragma once
// One connection to a chain, in one of three modes, and everything that belongs to it: the anvil
// process the app started (sandbox, fork), the JSON-RPC client, nonces and the transaction sender,
// the venue (pool and contracts) and the accounts that can sign there. open() runs straight through
// on the chain thread (it waits with local event loops); the destructor stops only the node this
// session started.

#include "chaintypes.h"
#include "common/error.h"
#include "networkprofile.h"
#include "sandboxdeployment.h"
#include "uniswap/venue.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace apedesk {
struct ChainConfig;
}

namespace apedesk::eth {
class JsonRpcClient;
class NonceManager;
class TransactionSender;
class PrivateKey;
using KeySource = std::function<Result<PrivateKey>()>;
}

namespace apedesk::chain {

class NodeProcess;

class ChainSession : public QObject
{
    Q_OBJECT
public:
    using Progress = std::function<void(int step, int steps, const QString &text)>;
    using Canceled = std::function<bool()>;

    ChainSession(const ChainConfig &config, QObject *parent = nullptr);
    ~ChainSession() override;

    // Starts or connects and prepares the chain. `fresh`: sandbox only, ignore the cached state.
    Status open(bool fresh, const Canceled &canceled, const Progress &progress);

    ChainMode mode() const;
    QUrl rpcUrl() const { return m_rpcUrl; }
    quint64 chainId() const { return m_chainId; }
    bool ownNode() const { return m_node != nullptr; }
    bool canSign() const { return m_canSign; }
    bool hasVenue() const { return m_venue.has_value(); }
    const uniswap::Venue &venue() const { return *m_venue; }
    const std::optional<SandboxDeployment> &deployment() const { return m_deployment; }
    QList<WalletAccount> accounts() const { return m_accounts; }
    QStringList nodeLog() const;

    eth::JsonRpcClient *client() const { return m_client; }
    eth::TransactionSender *sender() const { return m_sender; }

    // The keys of this session's accounts; a keystore needs its password (used once, then wiped).
    eth::KeySource keyFor(const eth::Address &account, const QString &password) const;
    void reloadAccounts();
    // Sandbox / fork: adds 100 ETH and 100,000 USDC to the account.
    Status fund(const eth::Address &account);

Q_SIGNALS:
    void nodeStopped(QString message);   // the node this session started ended on its own
    void nodeLogLine(QString line);

private:
    Status startNode(const QString &anvil, const struct NodeLaunch &launch, int readyTimeoutMs);
    Status openSandbox(bool fresh, const Canceled &canceled, const Progress &progress);
    Status openFork(const Progress &progress);
    Status openExternal(const Progress &progress);
    Status makeClient(const QUrl &url);
    Status checkChainId();
    Status verifyCode(const eth::Address &address, const QString &name);
    void useProfile(const NetworkProfile &profile);

    std::unique_ptr<ChainConfig> m_config;
    NodeProcess *m_node = nullptr;
    eth::JsonRpcClient *m_client = nullptr;
    eth::NonceManager *m_nonces = nullptr;
    eth::TransactionSender *m_sender = nullptr;
    QUrl m_rpcUrl;
    quint64 m_chainId = 0;
    bool m_canSign = false;
    bool m_sandboxAccounts = false;   // the node has anvil's default accounts (own node or a recorded sandbox)
    std::optional<uniswap::Venue> m_venue;
    std::optional<SandboxDeployment> m_deployment;
    QList<WalletAccount> m_accounts;
    bool m_closing = false;
};

} // namespace apedesk::chain
