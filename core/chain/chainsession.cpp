#include "chainsession.h"

#include "chainservice.h"
#include "common/logging.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/keystore.h"
#include "eth/noncemanager.h"
#include "eth/rpcawait.h"
#include "eth/sender.h"
#include "eth/units.h"
#include "nodeprocess.h"
#include "sandboxcache.h"
#include "sandboxdeployer.h"
#include "sandboxregistry.h"
#include "toollocator.h"
#include "uniswap/permit2.h"
#include "uniswap/swaperrors.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QTimer>

namespace apedesk::chain {
namespace {

constexpr quint64 kBaseChainId = 8453;

Error chainError(const QString &message, const QString &detail = {})
{
    return Error::make(Error::Kind::Chain, message, detail);
}

const eth::u256 kFundEth = eth::u256(100) * eth::u256(1'000'000'000'000'000'000ULL);
const eth::u256 kFundUsdc = eth::u256(100'000) * 1'000'000;

} // namespace

ChainSession::ChainSession(const ChainConfig &config, QObject *parent)
    : QObject(parent), m_config(std::make_unique<ChainConfig>(config))
{
}

ChainSession::~ChainSession()
{
    m_closing = true;
    // The sender and nonce manager use the client: end them first.
    delete m_sender;
    delete m_nonces;
    delete m_client;
    if (m_node) {
        if (m_node->port() != 0)
            SandboxRegistry(m_config->dataDirectory).remove(m_node->port());
        m_node->stop(2000);
        delete m_node;
    }
}

ChainMode ChainSession::mode() const { return m_config->mode; }

QStringList ChainSession::nodeLog() const { return m_node ? m_node->recentLog() : QStringList(); }

Status ChainSession::open(bool fresh, const Canceled &canceled, const Progress &progress)
{
    switch (m_config->mode) {
    case ChainMode::Sandbox: return openSandbox(fresh, canceled, progress);
    case ChainMode::Fork: return openFork(progress);
    case ChainMode::External: return openExternal(progress);
    }
    return Error::make(Error::Kind::Usage, tr("Unknown chain mode."));
}

Status ChainSession::startNode(const QString &anvil, const NodeLaunch &launch, int readyTimeoutMs)
{
    m_node = new NodeProcess(m_config->dataDirectory, this);
    connect(m_node, &NodeProcess::logLine, this, &ChainSession::nodeLogLine);
    std::optional<Status> outcome;
    QEventLoop loop;
    connect(m_node, &NodeProcess::ready, &loop, [&] {
        outcome = Status();
        loop.quit();
    });
    connect(m_node, &NodeProcess::failed, &loop, [&](const Error &error) {
        outcome = error;
        loop.quit();
    });
    m_node->start(anvil, launch, readyTimeoutMs);
    if (!outcome)
        loop.exec();
    disconnect(m_node, &NodeProcess::ready, &loop, nullptr);
    disconnect(m_node, &NodeProcess::failed, &loop, nullptr);
    if (!outcome)
        return Error::canceled();
    if (!*outcome)
        return *outcome;
    connect(m_node, &NodeProcess::exited, this, [this](int exitCode, bool crashed) {
        if (m_closing)
            return;
        Q_EMIT nodeStopped(crashed ? tr("The local node crashed. Reset it to start again.")
                                   : tr("The local node stopped (exit code %1). Reset it to start again.").arg(exitCode));
    });
    return makeClient(m_node->url());
}

Status ChainSession::makeClient(const QUrl &url)
{
    m_rpcUrl = url;
    m_client = new eth::JsonRpcClient({url}, chainRpcOptions(url), this);
    m_nonces = new eth::NonceManager(eth::EthRpc(m_client), this);
    m_sender = new eth::TransactionSender(m_client, m_nonces, this);
    m_sender->setPollIntervalMs(isLoopbackUrl(url) ? 20 : 500);
    return checkChainId();
}

Status ChainSession::checkChainId()
{
    eth::EthRpc rpc(m_client);
    auto id = eth::awaitRpc<quint64>(m_client, [&](auto done) { return rpc.chainId(done); });
    if (!id)
        return id.error().toError();
    m_chainId = *id;
    return {};
}

Status ChainSession::verifyCode(const eth::Address &address, const QString &name)
{
    eth::EthRpc rpc(m_client);
    auto code = eth::awaitRpc<QByteArray>(
        m_client, [&](auto done) { return rpc.getCode(address, eth::BlockTag::latest(), done); });
    if (!code)
        return code.error().toError();
    if (code->isEmpty())
        return chainError(tr("There is no %1 contract at %2 on this chain.").arg(name, address.toChecksumString()));
    return {};
}

void ChainSession::useProfile(const NetworkProfile &profile) { m_venue = profile.venue(); }

Status ChainSession::openSandbox(bool fresh, const Canceled &canceled, const Progress &progress)
{
    progress(0, 3, tr("Looking for anvil and the Uniswap contracts"));
    auto tools = locateTools();
    if (!tools)
        return tools.error();
    const QByteArray fingerprint = artifactsFingerprint(tools->nodeModules);
    SandboxCache cache(QDir(m_config->dataDirectory).filePath(QStringLiteral("sandbox-cache")));
    std::optional<CachedSandbox> cached;
    if (fresh)
        cache.clear();
    else
        cached = cache.find(m_config->sandboxPrice, fingerprint, tools->anvil);

    NodeLaunch launch;
    launch.mode = NodeLaunch::Mode::Sandbox;
    launch.chainId = kBaseChainId;
    if (cached)
        launch.loadStatePath = cached->statePath;
    progress(1, 3, cached ? tr("Starting the sandbox from its saved state") : tr("Starting a new sandbox chain"));
    Status started = startNode(tools->anvil, launch, 20000);
    if (!started)
        return started;
    if (canceled())
        return Error::canceled();

    if (cached) {
        SandboxDeployment deployment = cached->deployment;
        deployment.rpcUrl = m_rpcUrl.toString();
        m_deployment = deployment;
        const Status present = verifyCode(deployment.poolManager, QStringLiteral("PoolManager"));
        if (!present) {
            // A state that does not hold what its record says: throw it away and build anew.
            qCWarning(lcChain).noquote() << "sandbox cache unusable, rebuilding:" << present.error().toString();
            cache.clear();
            delete m_sender;
            delete m_nonces;
            delete m_client;
            m_sender = nullptr;
            m_nonces = nullptr;
            m_client = nullptr;
            m_closing = true;
            m_node->stop(2000);
            delete m_node;
            m_node = nullptr;
            m_closing = false;
            return openSandbox(true, canceled, progress);
        }
    } else {
        SandboxDeployer deployer(m_client, tools->nodeModules);
        SandboxOptions options;
        options.price = m_config->sandboxPrice;
        options.fundAccounts = sandboxAccounts();
        auto deployed = deployer.deploy(options, canceled, [&](int step, int steps, const QString &text) {
            progress(step, steps, text);
        });
        if (!deployed)
            return deployed.error();
        m_deployment = *deployed;
        progress(2, 3, tr("Saving the prepared sandbox for a fast start next time"));
        eth::EthRpc rpc(m_client);
        auto state = eth::awaitRpc<QByteArray>(m_client, [&](auto done) { return rpc.anvilDumpState(done); });
        if (state) {
            const Status stored = cache.store(m_config->sandboxPrice, fingerprint, tools->anvil, *state, *m_deployment);
            if (!stored)
                qCWarning(lcChain).noquote() << "sandbox cache not written:" << stored.error().toString();
        } else {
            qCWarning(lcChain).noquote() << "anvil_dumpState failed:" << state.error().detail();
        }
    }
    m_deployment->rpcUrl = m_rpcUrl.toString();
    useProfile(NetworkProfile::fromSandbox(*m_deployment));
    m_canSign = m_chainId == kBaseChainId;
    m_sandboxAccounts = true;
    SandboxRegistry(m_config->dataDirectory).record(m_node->port(), m_node->pid(), *m_deployment);
    reloadAccounts();
    progress(3, 3, tr("Sandbox ready"));
    return {};
}

Status ChainSession::openFork(const Progress &progress)
{
    const QUrl endpoint(m_config->forkUrl, QUrl::StrictMode);
    if (m_config->forkUrl.isEmpty() || !endpoint.isValid()
        || (endpoint.scheme() != QLatin1String("http") && endpoint.scheme() != QLatin1String("https")))
        return Error::make(Error::Kind::Usage, tr("Fork mode needs the http(s) URL of a BASE node (your RPC endpoint)."));
    progress(0, 2, tr("Looking for anvil"));
    auto tools = locateTools();
    if (!tools)
        return tools.error();
    NodeLaunch launch;
    launch.mode = NodeLaunch::Mode::Fork;
    launch.chainId = kBaseChainId;
    launch.forkUrl = m_config->forkUrl;
    launch.forkBlockNumber = m_config->forkBlockNumber;
    progress(1, 2, tr("Starting a fork of BASE (this fetches state from your endpoint)"));
    Status started = startNode(tools->anvil, launch, 120000);
    if (!started)
        return started;
    const NetworkProfile base = NetworkProfile::base();
    const Status present = verifyCode(base.poolManager, QStringLiteral("PoolManager"));
    if (!present)
        return chainError(tr("The forked chain has no Uniswap V4 PoolManager at BASE's address; is the endpoint a BASE "
                             "mainnet node?"),
                          present.error().toString());
    useProfile(base);
    m_canSign = m_chainId == kBaseChainId;
    m_sandboxAccounts = true;   // anvil's default accounts exist on a fork too
    reloadAccounts();
    progress(2, 2, tr("Fork ready"));
    return {};
}

Status ChainSession::openExternal(const Progress &progress)
{
    const QUrl url(m_config->externalUrl, QUrl::StrictMode);
    if (m_config->externalUrl.isEmpty() || !url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Error::make(Error::Kind::Usage, tr("Enter the http(s) URL of the node to connect to."));
    progress(0, 1, tr("Connecting to %1").arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    const Status connected = makeClient(url);
    if (!connected)
        return connected;
    // A sandbox started by `apedesk-cli sandbox up` (or another ApeDesk) is known by its record.
    if (auto recorded = SandboxRegistry(m_config->dataDirectory).findByRpcUrl(url)) {
        if (verifyCode(recorded->deployment.poolManager, QStringLiteral("PoolManager"))) {
            m_deployment = recorded->deployment;
            useProfile(NetworkProfile::fromSandbox(recorded->deployment));
            m_sandboxAccounts = true;
        }
    }
    if (!m_venue && m_chainId == kBaseChainId) {
        const NetworkProfile base = NetworkProfile::base();
        if (verifyCode(base.poolManager, QStringLiteral("PoolManager")))
            useProfile(base);
    }
    m_canSign = (isLoopbackUrl(url) && m_chainId == kBaseChainId) || m_config->liveTrading;
    reloadAccounts();
    progress(1, 1, tr("Connected"));
    return {};
}

void ChainSession::reloadAccounts()
{
    QList<WalletAccount> accounts;
    if (m_sandboxAccounts) {
        const QList<eth::Address> sandbox = sandboxAccounts();
        for (int i = 0; i < kSandboxWalletAccountCount; ++i) {
            WalletAccount account;
            account.kind = WalletAccount::Kind::Sandbox;
            account.label = tr("Sandbox account %1").arg(i + 1);
            account.address = sandbox.at(i);
            accounts.append(account);
        }
    }
    if (!m_config->keystoreDirectory.isEmpty()) {
        auto entries = eth::Keystore::list(m_config->keystoreDirectory);
        if (entries) {
            for (const auto &entry : *entries) {
                if (!entry.address)
                    continue;   // a file without an address is listed once it has been unlocked (CLI)
                WalletAccount account;
                account.kind = WalletAccount::Kind::Keystore;
                account.label = QFileInfo(entry.path).fileName();
                account.address = *entry.address;
                account.keystorePath = entry.path;
                accounts.append(account);
            }
        }
    }
    m_accounts = accounts;
}

eth::KeySource ChainSession::keyFor(const eth::Address &address, const QString &password) const
{
    if (m_sandboxAccounts) {
        const QList<eth::Address> sandbox = sandboxAccounts();
        const int index = sandbox.indexOf(address);
        if (index >= 0)
            return [index] { return sandboxAccountKey(index); };
    }
    for (const WalletAccount &account : m_accounts) {
        if (account.kind == WalletAccount::Kind::Keystore && account.address == address) {
            const QString path = account.keystorePath;
            // One swap may sign up to three times (two approvals, the swap): scrypt runs once, the
            // password is wiped right after, and the key lives as long as this one swap's closure.
            auto unlocked = std::make_shared<std::optional<eth::PrivateKey>>();
            return [path, pw = QString(password), unlocked]() mutable -> Result<eth::PrivateKey> {
                if (!unlocked->has_value()) {
                    QByteArray utf8 = pw.toUtf8();
                    auto key = eth::Keystore::readFile(path, utf8);
                    eth::secureWipe(utf8);
                    eth::secureWipe(pw);
                    if (!key)
                        return key.error();
                    unlocked->emplace(std::move(*key));
                }
                const QByteArray &secret = (**unlocked).secret().bytes();
                return eth::PrivateKey::fromBytes(eth::SecretBytes(QByteArray(secret.constData(), secret.size())));
            };
        }
    }
    return [address]() -> Result<eth::PrivateKey> {
        return Error::make(Error::Kind::Usage,
                           tr("ApeDesk has no key for %1 on this chain.").arg(address.toChecksumString()));
    };
}

Status ChainSession::fund(const eth::Address &account)
{
    if (!m_node || !m_venue)
        return Error::make(Error::Kind::Usage, tr("Funding works only on the sandbox and on a fork the app started."));
    eth::EthRpc rpc(m_client);
    auto balance = eth::awaitRpc<eth::u256>(
        m_client, [&](auto done) { return rpc.getBalance(account, eth::BlockTag::latest(), done); });
    if (!balance)
        return balance.error().toError();
    auto set = eth::awaitRpc<void>(m_client, [&](auto done) { return rpc.anvilSetBalance(account, *balance + kFundEth, done); });
    if (!set)
        return set.error().toError();

    eth::CallRequest balanceOf;
    balanceOf.to = m_venue->usdc;
    balanceOf.data = uniswap::encodeErc20BalanceOf(account);
    auto usdcBytes = eth::awaitRpc<QByteArray>(
        m_client, [&](auto done) { return rpc.call(balanceOf, eth::BlockTag::latest(), done); });
    if (!usdcBytes)
        return usdcBytes.error().toError();
    auto usdc = uniswap::decodeUint256(*usdcBytes);
    if (!usdc)
        return usdc.error();
    // Both the sandbox's mock and BASE's USDC keep a plain balance word in a mapping slot.
    const NetworkProfile profile = m_deployment ? NetworkProfile::fromSandbox(*m_deployment) : NetworkProfile::base();
    auto write = eth::awaitRpc<void>(m_client, [&](auto done) {
        return rpc.anvilSetStorageAt(m_venue->usdc, usdcBalanceSlot(account, profile), *usdc + kFundUsdc, done);
    });
    if (!write)
        return write.error().toError();
    auto check = eth::awaitRpc<QByteArray>(
        m_client, [&](auto done) { return rpc.call(balanceOf, eth::BlockTag::latest(), done); });
    if (!check)
        return check.error().toError();
    auto after = uniswap::decodeUint256(*check);
    if (!after || *after != *usdc + kFundUsdc)
        return chainError(tr("The USDC balance could not be set on this chain."));
    return {};
}

} // namespace apedesk::chain
