#pragma once
// Where the agent loop reads its portfolio and sends its trades. Two kinds:
//  - ChainServiceGateway (the app): trades through the chain service's swaps, so the wallet pane
//    shows them and one nonce manager serves the account; reads balances and the pool price itself.
//  - RpcGateway (apedesk-cli agent run): its own connection, sender and swap executor with a key.
// Both are straight-line: calls block the calling worker thread in local event loops.

#include "agenttypes.h"
#include "chain/chaintypes.h"
#include "uniswap/venue.h"

#include <QUrl>

#include <functional>
#include <memory>

namespace apedesk {
class ChainService;
namespace eth {
class JsonRpcClient;
class PrivateKey;
using KeySource = std::function<Result<PrivateKey>()>;
}
}

namespace apedesk::agent {

using CancelCheck = std::function<bool()>;

class TradeGateway
{
public:
    virtual ~TradeGateway() = default;
    // ETH and USDC balances of the trading account and the pool's mid price, read now.
    virtual Result<Portfolio> portfolio(const CancelCheck &canceled) = 0;
    // One swap to its receipt (Succeeded, Reverted or Failed with the reason in words).
    virtual SwapRecord swap(const SwapOrder &order, const CancelCheck &canceled) = 0;
    virtual eth::Address account() const = 0;
};

// Reads balances (eth_getBalance, USDC balanceOf) and the pool price (StateView getSlot0) at one block.
class PortfolioReader
{
public:
    PortfolioReader(eth::JsonRpcClient *client, uniswap::Venue venue);
    Result<Portfolio> read(const eth::Address &account, const CancelCheck &canceled);

private:
    eth::JsonRpcClient *m_client;
    uniswap::Venue m_venue;
};

class ChainServiceGateway : public TradeGateway
{
public:
    // `connectUrl` and `venue` from the chain service's ready state; the account is the one to trade with.
    ChainServiceGateway(ChainService *chain, const QString &connectUrl, uniswap::Venue venue, eth::Address account,
                        QString password);
    ~ChainServiceGateway() override;
    Result<Portfolio> portfolio(const CancelCheck &canceled) override;
    SwapRecord swap(const SwapOrder &order, const CancelCheck &canceled) override;
    eth::Address account() const override { return m_account; }

private:
    ChainService *m_chain;
    std::unique_ptr<eth::JsonRpcClient> m_client;
    PortfolioReader m_reader;
    eth::Address m_account;
    QString m_password;
};

class RpcGateway : public TradeGateway
{
public:
    RpcGateway(const QUrl &url, quint64 chainId, uniswap::Venue venue, eth::Address account, eth::KeySource key);
    ~RpcGateway() override;
    Result<Portfolio> portfolio(const CancelCheck &canceled) override;
    SwapRecord swap(const SwapOrder &order, const CancelCheck &canceled) override;
    eth::Address account() const override { return m_account; }

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    eth::Address m_account;
};

} // namespace apedesk::agent
