#include "tradegateway.h"

#include "chain/chainservice.h"
#include "chain/networkprofile.h"
#include "common/logging.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/noncemanager.h"
#include "eth/rpcawait.h"
#include "eth/sender.h"
#include "market/pooltypes.h"
#include "uniswap/permit2.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swapexecutor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QTimer>

namespace apedesk::agent {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("apedesk::agent::TradeGateway", text); }

Error invalidAnswer() { return Error::make(Error::Kind::Protocol, tr("The node sent an answer that is not valid.")); }
} // namespace

// --- PortfolioReader ------------------------------------------------------------------------------

PortfolioReader::PortfolioReader(eth::JsonRpcClient *client, uniswap::Venue venue) : m_client(client), m_venue(std::move(venue)) {}

Result<Portfolio> PortfolioReader::read(const eth::Address &account, const CancelCheck &canceled)
{
    // One batch: the block, the pool's slot0, the ETH balance and the USDC balance, so the portfolio
    // and its price come from one round trip (the same block on a node that answers in order).
    eth::CallRequest slot0;
    slot0.to = m_venue.stateView;
    slot0.data = uniswap::encodeGetSlot0(m_venue.poolId());
    eth::CallRequest usdc;
    usdc.to = m_venue.usdc;
    usdc.data = uniswap::encodeErc20BalanceOf(account);
    const QList<eth::RpcRequest> requests{{QStringLiteral("eth_blockNumber"), QJsonArray()},
                                          eth::EthRpc::callRequest(slot0, eth::BlockTag::latest()),
                                          eth::EthRpc::getBalanceRequest(account, eth::BlockTag::latest()),
                                          eth::EthRpc::callRequest(usdc, eth::BlockTag::latest())};
    if (canceled && canceled())
        return Error::canceled();
    auto answers = eth::awaitRpc<QList<eth::RpcResult<QJsonValue>>>(
        m_client, [&](auto done) { return m_client->batch(requests, done); });
    if (!answers)
        return answers.error().toError();
    if (answers->size() != requests.size())
        return invalidAnswer();
    for (const auto &answer : *answers)
        if (!answer)
            return answer.error().toError();
    auto block = eth::json::quantity(answers->at(0).value());
    auto slot0Bytes = eth::json::bytes(answers->at(1).value());
    auto wei = eth::json::quantity(answers->at(2).value());
    auto usdcBytes = eth::json::bytes(answers->at(3).value());
    if (!block || !slot0Bytes || !wei || !usdcBytes)
        return invalidAnswer();
    auto decodedSlot0 = uniswap::decodeSlot0(*slot0Bytes);
    if (!decodedSlot0)
        return decodedSlot0.error();
    auto usdcUnits = uniswap::decodeUint256(*usdcBytes);
    if (!usdcUnits)
        return usdcUnits.error();
    Portfolio portfolio;
    portfolio.valid = true;
    portfolio.account = account;
    portfolio.ethWei = *wei;
    portfolio.usdcUnits = *usdcUnits;
    portfolio.price = market::priceFromSqrtPriceX96(decodedSlot0->sqrtPriceX96);
    portfolio.blockNumber = static_cast<quint64>(*block);
    return portfolio;
}

// --- ChainServiceGateway --------------------------------------------------------------------------

ChainServiceGateway::ChainServiceGateway(ChainService *chain, const QString &connectUrl, uniswap::Venue venue,
                                         eth::Address account, QString password)
    : m_chain(chain),
      m_client(std::make_unique<eth::JsonRpcClient>(QList<QUrl>{QUrl(connectUrl)}, chain::chainRpcOptions(QUrl(connectUrl)))),
      m_reader(m_client.get(), std::move(venue)),
      m_account(account),
      m_password(std::move(password))
{
}

ChainServiceGateway::~ChainServiceGateway() = default;

Result<Portfolio> ChainServiceGateway::portfolio(const CancelCheck &canceled) { return m_reader.read(m_account, canceled); }

SwapRecord ChainServiceGateway::swap(const SwapOrder &requested, const CancelCheck &canceled)
{
    SwapOrder order = requested;
    order.account = m_account;
    order.password = m_password;

    // The chain service answers on its thread; the answer comes here through a queued connection to a
    // receiver living on this thread (so it cannot arrive before the id is known), and a local loop
    // waits for it.
    QObject receiver;
    QEventLoop loop;
    std::optional<SwapRecord> finished;
    quint64 swapId = 0;
    QObject::connect(m_chain, &ChainService::swapFinished, &receiver, [&](const SwapRecord &record) {
        if (record.id == swapId) {
            finished = record;
            loop.quit();
        }
    }, Qt::QueuedConnection);
    swapId = m_chain->submitSwap(order);

    QTimer poll;
    QElapsedTimer sinceCancel;
    QObject::connect(&poll, &QTimer::timeout, &receiver, [&] {
        if (!sinceCancel.isValid() && canceled && canceled()) {
            m_chain->cancelSwap(swapId);
            sinceCancel.start();
        }
        // After a cancel the chain service ends the swap at its next stage; should it never answer (it
        // is shutting down too), give up waiting rather than hang the agent's thread.
        if (sinceCancel.isValid() && sinceCancel.elapsed() > 5000)
            loop.quit();
    });
    poll.start(50);
    if (!finished)
        loop.exec();
    if (finished)
        return *finished;
    SwapRecord record;
    record.id = swapId;
    record.time = QDateTime::currentDateTimeUtc();
    record.direction = order.direction;
    record.account = m_account;
    record.amountIn = order.amountIn;
    record.status = SwapRecord::Status::Failed;
    record.error = Error::make(Error::Kind::Canceled,
                               tr("The agent stopped while its swap was in flight; the wallet pane shows how it ended."));
    return record;
}

// --- RpcGateway ------------------------------------------------------------------------------------

struct RpcGateway::Parts
{
    std::unique_ptr<eth::JsonRpcClient> client;
    std::unique_ptr<eth::NonceManager> nonces;
    std::unique_ptr<eth::TransactionSender> sender;
    std::unique_ptr<uniswap::SwapExecutor> executor;
    std::unique_ptr<PortfolioReader> reader;
    eth::KeySource key;
    quint64 nextId = 1;
};

RpcGateway::RpcGateway(const QUrl &url, quint64 chainId, uniswap::Venue venue, eth::Address account, eth::KeySource key)
    : m_parts(std::make_unique<Parts>()), m_account(account)
{
    m_parts->client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{url}, chain::chainRpcOptions(url));
    m_parts->nonces = std::make_unique<eth::NonceManager>(eth::EthRpc(m_parts->client.get()));
    m_parts->sender = std::make_unique<eth::TransactionSender>(m_parts->client.get(), m_parts->nonces.get());
    m_parts->sender->setPollIntervalMs(chain::isLoopbackUrl(url) ? 20 : 500);
    m_parts->executor = std::make_unique<uniswap::SwapExecutor>(m_parts->client.get(), m_parts->sender.get(), venue, chainId);
    m_parts->reader = std::make_unique<PortfolioReader>(m_parts->client.get(), venue);
    m_parts->key = std::move(key);
}

RpcGateway::~RpcGateway()
{
    // The executor and sender use the client: end them first.
    m_parts->executor.reset();
    m_parts->sender.reset();
    m_parts->nonces.reset();
}

Result<Portfolio> RpcGateway::portfolio(const CancelCheck &canceled) { return m_parts->reader->read(m_account, canceled); }

SwapRecord RpcGateway::swap(const SwapOrder &requested, const CancelCheck &canceled)
{
    SwapOrder order = requested;
    order.account = m_account;
    SwapRecord record;
    record.id = m_parts->nextId++;
    record.time = QDateTime::currentDateTimeUtc();
    record.direction = order.direction;
    record.account = m_account;
    record.amountIn = order.amountIn;
    uniswap::SwapExecutor::Hooks hooks;
    hooks.canceled = canceled;
    return m_parts->executor->execute(record, order, m_parts->key, hooks);
}

} // namespace apedesk::agent
