#include "chainservice.h"

#include "chainsession.h"
#include "nodeprocess.h"
#include "common/logging.h"
#include "common/paths.h"
#include "common/settings.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "uniswap/permit2.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swapexecutor.h"
#include "uniswap/tickmath.h"

#include <QMutexLocker>
#include <QPointer>
#include <QTimer>

namespace apedesk {

namespace {
constexpr int kKeptLogLines = 500;
constexpr int kKeptSwaps = 1000;

eth::RpcRequest latestBlockRequest()
{
    return {QStringLiteral("eth_getBlockByNumber"), QJsonArray{QStringLiteral("latest"), false}};
}
} // namespace

ChainConfig chainConfigFromSettings(const Settings &settings)
{
    ChainConfig config;
    config.mode = chainModeFromKey(settings.string(Settings::Key::ChainMode)).value_or(ChainMode::Sandbox);
    config.sandboxPrice = QString::number(settings.number(Settings::Key::SandboxPrice), 'g', 15);
    config.forkUrl = settings.string(Settings::Key::ForkRpcUrl);
    config.forkBlockNumber = settings.value(Settings::Key::ForkBlockNumber).toULongLong();
    config.externalUrl = settings.string(Settings::Key::ExternalRpcUrl);
    config.liveTrading = settings.flag(Settings::Key::LiveTrading);
    config.connectOnStart = settings.flag(Settings::Key::ChainConnectOnStart);
    config.dataDirectory = Paths::chainDir();
    config.keystoreDirectory = Paths::keystoreDir();
    return config;
}

ChainService::ChainService(ChainConfig config, QObject *parent)
    : Service(QStringLiteral("ChainService"), parent), m_config(std::move(config))
{
    qRegisterMetaType<apedesk::ChainState>();
    qRegisterMetaType<apedesk::WalletAccount>();
    qRegisterMetaType<QList<apedesk::WalletAccount>>();
    qRegisterMetaType<apedesk::PoolSnapshot>();
    qRegisterMetaType<apedesk::AccountBalances>();
    qRegisterMetaType<apedesk::SwapOrder>();
    qRegisterMetaType<apedesk::SwapQuote>();
    qRegisterMetaType<apedesk::SwapStage>();
    qRegisterMetaType<apedesk::SwapRecord>();
    qRegisterMetaType<apedesk::eth::Address>();
    m_state.mode = m_config.mode;
    m_state.liveTrading = m_config.liveTrading;
    m_state.message = tr("Not connected");
}

ChainService::~ChainService() { delete m_session; }

// --- snapshots --------------------------------------------------------------------------------

ChainState ChainService::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

QList<WalletAccount> ChainService::accounts() const
{
    QMutexLocker lock(&m_mutex);
    return m_accounts;
}

eth::Address ChainService::selectedAccount() const
{
    QMutexLocker lock(&m_mutex);
    return m_selected;
}

AccountBalances ChainService::balances() const
{
    QMutexLocker lock(&m_mutex);
    return m_balances;
}

PoolSnapshot ChainService::pool() const
{
    QMutexLocker lock(&m_mutex);
    return m_pool;
}

QStringList ChainService::nodeLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_nodeLog;
}

QList<SwapRecord> ChainService::history() const
{
    QMutexLocker lock(&m_mutex);
    return m_history;
}

// --- requests ---------------------------------------------------------------------------------

void ChainService::connectChain(const ChainConfig &config)
{
    runTask(tr("Connecting to the chain"), [this, config](const TaskContext &context) {
        return openSession(config, false, context);
    });
}

void ChainService::resetSandbox()
{
    runTask(tr("Resetting the sandbox"), [this](const TaskContext &context) {
        // The pristine saved state is the reset; a session that never got that far builds it anew.
        return openSession(m_config, false, context);
    });
}

void ChainService::disconnectChain()
{
    runTask(tr("Disconnecting"), [this](const TaskContext &) {
        closeSession();
        publishState(baseState(ChainState::Phase::Disconnected, tr("Not connected")));
        return Status();
    });
}

void ChainService::refresh()
{
    QMetaObject::invokeMethod(this, [this] { refreshNow(); }, Qt::QueuedConnection);
}

void ChainService::selectAccount(const eth::Address &account)
{
    QMetaObject::invokeMethod(
        this,
        [this, account] {
            {
                QMutexLocker lock(&m_mutex);
                if (m_selected == account)
                    return;
                m_selected = account;
                m_balances = AccountBalances();
                m_balances.account = account;
            }
            Q_EMIT selectedAccountChanged(account);
            refreshNow();
        },
        Qt::QueuedConnection);
}

void ChainService::reloadAccounts()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_session)
                return;
            m_session->reloadAccounts();
            publishAccounts();
        },
        Qt::QueuedConnection);
}

void ChainService::fundAccount(const eth::Address &account)
{
    runTask(tr("Funding %1").arg(account.toChecksumString()), [this, account](const TaskContext &) -> Status {
        if (!m_session)
            return Error::make(Error::Kind::Usage, tr("Not connected to a chain."));
        const Status funded = m_session->fund(account);
        refreshNow();
        return funded;
    });
}

quint64 ChainService::requestQuote(const SwapOrder &order)
{
    const quint64 id = m_nextRequestId.fetchAndAddOrdered(1);
    m_latestQuoteId.storeRelease(id);
    QMetaObject::invokeMethod(this, [this, id, order] { runQuote(id, order); }, Qt::QueuedConnection);
    return id;
}

quint64 ChainService::submitSwap(const SwapOrder &order)
{
    const quint64 id = m_nextRequestId.fetchAndAddOrdered(1);
    runTask(tr("Swapping"), [this, id, order](const TaskContext &context) {
        runSwap(id, order, context);
        return Status();   // the swap's own outcome travels in swapFinished
    });
    return id;
}

void ChainService::cancelSwap(quint64 swapId)
{
    QMutexLocker lock(&m_mutex);
    m_canceledSwaps.insert(swapId);
}

bool ChainService::swapCanceled(quint64 swapId) const
{
    QMutexLocker lock(&m_mutex);
    return m_canceledSwaps.contains(swapId);
}

// --- service thread ---------------------------------------------------------------------------

void ChainService::onStarted()
{
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(std::max(200, m_config.refreshIntervalMs));
    connect(m_refreshTimer, &QTimer::timeout, this, &ChainService::refreshNow);
    publishState(baseState(ChainState::Phase::Disconnected, tr("Not connected")));
    // An anvil left running by a crashed earlier run of the app goes first (only that process).
    if (!m_config.dataDirectory.isEmpty()) {
        const int ended = chain::NodeProcess::cleanupStaleNodes(m_config.dataDirectory);
        if (ended > 0)
            qCInfo(lcChain) << "ended" << ended << "node(s) left by an earlier run";
    }
    if (m_config.connectOnStart)
        connectChain(m_config);
}

void ChainService::onStopping()
{
    if (m_refreshTimer)
        m_refreshTimer->stop();
    // The session (and the node it started) ends in the destructor, once no task uses it.
}

ChainState ChainService::baseState(ChainState::Phase phase, const QString &message) const
{
    ChainState state;
    state.phase = phase;
    state.mode = m_config.mode;
    state.liveTrading = m_config.liveTrading;
    state.message = message;
    if (m_session && phase != ChainState::Phase::Disconnected) {
        state.rpcUrl = m_session->rpcUrl().toString(QUrl::RemoveUserInfo);
        state.chainId = m_session->chainId();
        state.ownNode = m_session->ownNode();
        state.canSign = m_session->canSign() && phase == ChainState::Phase::Ready;
        state.connectUrl = m_session->rpcUrl().toString();
        if (m_session->hasVenue())
            state.venue = m_session->venue();
    }
    return state;
}

void ChainService::closeSession()
{
    m_refreshTimer->stop();
    delete m_session;
    m_session = nullptr;
    m_nodeLost = false;
}

Status ChainService::openSession(const ChainConfig &config, bool fresh, const TaskContext &context)
{
    closeSession();
    m_config = config;
    {
        QMutexLocker lock(&m_mutex);
        m_nodeLog.clear();
        m_pool = PoolSnapshot();
    }
    Q_EMIT poolChanged(PoolSnapshot());
    publishState(baseState(ChainState::Phase::Starting, tr("Starting…")));

    m_session = new chain::ChainSession(config);
    connect(m_session, &chain::ChainSession::nodeStopped, this, &ChainService::onNodeStopped);
    connect(m_session, &chain::ChainSession::nodeLogLine, this, [this](const QString &line) {
        {
            QMutexLocker lock(&m_mutex);
            m_nodeLog.append(line);
            if (m_nodeLog.size() > kKeptLogLines)
                m_nodeLog.removeFirst();
        }
        Q_EMIT nodeLogLine(line);
    });
    const Status opened = m_session->open(
        fresh, [&context] { return context.canceled(); },
        [this, &context](int step, int steps, const QString &text) {
            context.progress(step, steps, text);
            publishState(baseState(ChainState::Phase::Starting, text));
        });
    if (!opened) {
        publishState(baseState(ChainState::Phase::Failed, opened.error().message));
        qCWarning(lcChain).noquote() << "chain not opened:" << opened.error().toString();
        return opened;
    }
    publishAccounts();
    publishState(baseState(ChainState::Phase::Ready,
                           m_session->hasVenue() ? tr("Ready") : tr("Connected; no ETH/USDC pool known on this chain")));
    m_refreshTimer->start();
    refreshNow();
    return {};
}

void ChainService::onNodeStopped(const QString &message)
{
    m_nodeLost = true;
    m_refreshTimer->stop();
    publishState(baseState(ChainState::Phase::Failed, message));
}

void ChainService::publishState(const ChainState &state)
{
    {
        QMutexLocker lock(&m_mutex);
        m_state = state;
    }
    switch (state.phase) {
    case ChainState::Phase::Ready:
        setStatus(ServiceStatus::State::Idle,
                  tr("%1: chain %2, block %3").arg(chainModeName(state.mode)).arg(state.chainId).arg(state.blockNumber));
        break;
    case ChainState::Phase::Starting: setStatus(ServiceStatus::State::Busy, state.message); break;
    case ChainState::Phase::Failed: setStatus(ServiceStatus::State::Failed, state.message); break;
    case ChainState::Phase::Disconnected: setStatus(ServiceStatus::State::Idle, tr("Chain: not connected")); break;
    }
    Q_EMIT stateChanged(state);
}

void ChainService::publishAccounts()
{
    const QList<WalletAccount> accounts = m_session ? m_session->accounts() : QList<WalletAccount>();
    eth::Address selected;
    bool selectionChanged = false;
    {
        QMutexLocker lock(&m_mutex);
        m_accounts = accounts;
        bool stillThere = false;
        for (const WalletAccount &account : accounts)
            stillThere = stillThere || account.address == m_selected;
        if (!stillThere) {
            m_selected = accounts.isEmpty() ? eth::Address() : accounts.first().address;
            m_balances = AccountBalances();
            m_balances.account = m_selected;
            selectionChanged = true;
        }
        selected = m_selected;
    }
    Q_EMIT accountsChanged(accounts);
    if (selectionChanged)
        Q_EMIT selectedAccountChanged(selected);
}

void ChainService::refreshNow()
{
    if (!m_session || !m_session->client() || m_refreshInFlight || m_nodeLost)
        return;
    const eth::Address account = selectedAccount();
    const bool withVenue = m_session->hasVenue();
    QList<eth::RpcRequest> requests{latestBlockRequest(),
                                    eth::EthRpc::getBalanceRequest(account, eth::BlockTag::latest())};
    if (withVenue) {
        const uniswap::Venue &venue = m_session->venue();
        eth::CallRequest usdc;
        usdc.to = venue.usdc;
        usdc.data = uniswap::encodeErc20BalanceOf(account);
        eth::CallRequest slot0;
        slot0.to = venue.stateView;
        slot0.data = uniswap::encodeGetSlot0(venue.poolId());
        eth::CallRequest liquidity;
        liquidity.to = venue.stateView;
        liquidity.data = uniswap::encodeGetLiquidity(venue.poolId());
        requests << eth::EthRpc::callRequest(usdc, eth::BlockTag::latest())
                 << eth::EthRpc::callRequest(slot0, eth::BlockTag::latest())
                 << eth::EthRpc::callRequest(liquidity, eth::BlockTag::latest());
    }
    m_refreshInFlight = true;
    QPointer<chain::ChainSession> session(m_session);
    m_session->client()->batch(requests, [this, session, account, withVenue](
                                             eth::RpcResult<QList<eth::RpcResult<QJsonValue>>> answers) {
        m_refreshInFlight = false;
        if (!session || session != m_session)
            return;
        const ChainState current = state();
        if (!answers) {
            if (current.phase == ChainState::Phase::Ready && !m_nodeLost)
                publishState(baseState(ChainState::Phase::Failed, answers.error().message()));
            return;
        }
        const auto &list = *answers;
        auto block = list.at(0) ? eth::json::block(list.at(0).value()) : eth::RpcResult<eth::Block>(list.at(0).error());
        if (!block)
            return;
        ChainState next = baseState(ChainState::Phase::Ready,
                                    session->hasVenue() ? tr("Ready") : tr("Connected; no ETH/USDC pool known on this chain"));
        next.blockNumber = block->number;
        next.baseFeeWei = block->baseFeePerGas.value_or(0);
        if (current.phase != next.phase || current.blockNumber != next.blockNumber
            || current.baseFeeWei != next.baseFeeWei || current.message != next.message)
            publishState(next);

        AccountBalances balances;
        balances.account = account;
        balances.blockNumber = block->number;
        if (list.at(1)) {
            if (auto wei = eth::json::quantity(list.at(1).value()))
                balances.ethWei = *wei;
        }
        if (withVenue && list.size() >= 5) {
            if (list.at(2)) {
                if (auto bytes = eth::json::bytes(list.at(2).value()))
                    if (auto units = uniswap::decodeUint256(*bytes))
                        balances.usdcUnits = *units;
            }
            PoolSnapshot pool;
            if (list.at(3)) {
                if (auto bytes = eth::json::bytes(list.at(3).value())) {
                    if (auto slot0 = uniswap::decodeSlot0(*bytes)) {
                        pool.valid = true;
                        pool.sqrtPriceX96 = slot0->sqrtPriceX96;
                        pool.tick = slot0->tick;
                        pool.price = uniswap::priceFromSqrtPrice(slot0->sqrtPriceX96, 18, session->venue().usdcDecimals, 6);
                        pool.priceValue = uniswap::priceFromSqrtPriceDouble(slot0->sqrtPriceX96, 18,
                                                                            session->venue().usdcDecimals);
                    }
                }
            }
            if (list.at(4)) {
                if (auto bytes = eth::json::bytes(list.at(4).value()))
                    if (auto liquidity = uniswap::decodeLiquidity(*bytes))
                        pool.liquidity = *liquidity;
            }
            pool.blockNumber = block->number;
            bool poolChangedNow = false;
            {
                QMutexLocker lock(&m_mutex);
                poolChangedNow = m_pool.valid != pool.valid || m_pool.sqrtPriceX96 != pool.sqrtPriceX96
                                 || m_pool.liquidity != pool.liquidity;
                m_pool = pool;
            }
            if (poolChangedNow)
                Q_EMIT poolChanged(pool);
        }
        bool balancesChangedNow = false;
        {
            QMutexLocker lock(&m_mutex);
            if (m_selected != account)
                return;   // the person picked another account meanwhile
            balancesChangedNow = m_balances.account != balances.account || m_balances.ethWei != balances.ethWei
                                 || m_balances.usdcUnits != balances.usdcUnits || m_balances.blockNumber == 0;
            m_balances = balances;
        }
        if (balancesChangedNow)
            Q_EMIT balancesChanged(balances);
    });
}

void ChainService::runQuote(quint64 requestId, SwapOrder order)
{
    if (requestId != m_latestQuoteId.loadAcquire())
        return;   // a newer quote was asked for meanwhile
    SwapQuote quote;
    quote.requestId = requestId;
    quote.order = order;
    quote.order.password.clear();
    if (!m_session || !m_session->hasVenue() || state().phase != ChainState::Phase::Ready) {
        quote.error = Error::make(Error::Kind::Usage, tr("Not connected to a chain with the ETH/USDC pool."));
        Q_EMIT quoteReady(quote);
        return;
    }
    if (order.account.isZero())
        order.account = selectedAccount();
    uniswap::SwapExecutor executor(m_session->client(), m_session->sender(), m_session->venue(), m_session->chainId());
    quote = executor.quote(order);
    quote.requestId = requestId;
    Q_EMIT quoteReady(quote);
}

void ChainService::runSwap(quint64 swapId, SwapOrder order, const TaskContext &context)
{
    SwapRecord record;
    record.id = swapId;
    record.time = QDateTime::currentDateTimeUtc();
    record.direction = order.direction;
    if (order.account.isZero())
        order.account = selectedAccount();
    record.account = order.account;
    record.amountIn = order.amountIn;
    {
        QMutexLocker lock(&m_mutex);
        m_history.append(record);
        if (m_history.size() > kKeptSwaps)
            m_history.removeFirst();
    }
    Q_EMIT swapStarted(record);

    auto finish = [&](const SwapRecord &done) {
        {
            QMutexLocker lock(&m_mutex);
            for (SwapRecord &entry : m_history)
                if (entry.id == done.id)
                    entry = done;
            m_canceledSwaps.remove(done.id);
        }
        Q_EMIT swapFinished(done);
    };
    auto failWith = [&](const Error &error) {
        record.status = SwapRecord::Status::Failed;
        record.error = error;
        Q_EMIT swapStageChanged(swapId, SwapStage::Failed, error.message);
        finish(record);
    };
    const ChainState now = state();
    if (!m_session || !m_session->hasVenue() || now.phase != ChainState::Phase::Ready)
        return failWith(Error::make(Error::Kind::Usage, now.phase == ChainState::Phase::Failed
                                                            ? now.message
                                                            : tr("Not connected to a chain with the ETH/USDC pool.")));
    if (!now.canSign)
        return failWith(Error::make(Error::Kind::Usage,
                                    tr("This node is not one ApeDesk may sign for. Paper trading signs only on the "
                                       "sandbox, a fork or a local node of chain 8453; turn on live trading in the "
                                       "settings to trade elsewhere.")));

    uniswap::SwapExecutor executor(m_session->client(), m_session->sender(), m_session->venue(), m_session->chainId());
    uniswap::SwapExecutor::Hooks hooks;
    hooks.stage = [this, swapId](SwapStage stage, const QString &text) { Q_EMIT swapStageChanged(swapId, stage, text); };
    hooks.canceled = [this, swapId, &context] { return m_nodeLost || context.canceled() || swapCanceled(swapId); };
    const eth::KeySource key = m_session->keyFor(order.account, order.password);
    order.password.clear();
    record = executor.execute(record, order, key, hooks);
    if (m_nodeLost && record.status == SwapRecord::Status::Failed && record.error.kind == Error::Kind::Canceled)
        record.error = Error::make(Error::Kind::Network, state().message);
    finish(record);
    refreshNow();
}

} // namespace apedesk
