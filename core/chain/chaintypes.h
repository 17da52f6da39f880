#pragma once
// Plain values the chain service hands to the panes and the CLI: chain state, accounts, balances,
// the pool's price, swap orders, quotes and finished swaps. All are copyable and registered as
// metatypes, so they cross threads in queued signals.

#include "common/error.h"
#include "eth/address.h"
#include "eth/u256.h"
#include "uniswap/venue.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace apedesk {

enum class ChainMode { Sandbox, Fork, External };

QString chainModeKey(ChainMode mode);                       // "sandbox" | "fork" | "external" (settings value)
std::optional<ChainMode> chainModeFromKey(const QString &key);
QString chainModeName(ChainMode mode);                      // translated, for people

struct ChainState
{
    enum class Phase {
        Disconnected,   // nothing started yet, or stopped
        Starting,       // starting a node / deploying the sandbox / connecting
        Ready,          // connected; chainId and blockNumber are valid
        Failed,         // message says why; a new connect or "Reset sandbox" tries again
    };
    Phase phase = Phase::Disconnected;
    ChainMode mode = ChainMode::Sandbox;
    QString rpcUrl;
    quint64 chainId = 0;
    quint64 blockNumber = 0;
    eth::u256 baseFeeWei = 0;
    bool ownNode = false;     // a node the app started (sandbox, fork)
    bool canSign = false;     // paper-safe (own node or loopback, chain 8453) or live trading turned on
    bool liveTrading = false; // the settings' live-trading switch, as in effect for this connection
    QString message;          // one sentence: what happens now, or what failed
    // For other services of this process that open their own connection to the same node (the market
    // service): the URL with its user info, and the pool and contracts. Never shown.
    QString connectUrl;
    std::optional<uniswap::Venue> venue;

    bool connected() const { return phase == Phase::Ready; }
};

struct WalletAccount
{
    enum class Kind { Sandbox, Keystore };
    Kind kind = Kind::Sandbox;
    QString label;            // "Sandbox account 1", a keystore's file name
    eth::Address address;
    QString keystorePath;     // Keystore: the Web3 Secret Storage file
};

struct PoolSnapshot
{
    bool valid = false;
    eth::u256 sqrtPriceX96 = 0;
    int tick = 0;
    eth::u256 liquidity = 0;
    QString price;            // USDC per ETH, exact decimal text with 6 fraction digits
    double priceValue = 0;
    quint64 blockNumber = 0;
};

struct AccountBalances
{
    eth::Address account;
    eth::u256 ethWei = 0;
    eth::u256 usdcUnits = 0;  // 6 decimals
    quint64 blockNumber = 0;
};

enum class SwapDirection { EthToUsdc, UsdcToEth };
QString swapDirectionKey(SwapDirection direction);   // "eth-to-usdc" | "usdc-to-eth" (CLI)
std::optional<SwapDirection> swapDirectionFromKey(const QString &key);

struct SwapOrder
{
    SwapDirection direction = SwapDirection::EthToUsdc;
    eth::u256 amountIn = 0;   // smallest units of the input token (wei or USDC units)
    int slippageBps = 50;     // 50 = 0.5 %; the minimum out is quote · (1 − slippage), never 0
    eth::Address account;     // who swaps; must be one of the service's accounts (or any, on a sandbox)
    QString password;         // keystore accounts only; used for signing and dropped
    // The expected output of the quote the person saw, when the order comes from a form showing one:
    // the minimum out is taken from it, so a price that moved meanwhile makes the swap fail in words
    // instead of filling at a worse price. 0: quote at submission.
    eth::u256 quotedOut = 0;
};

struct SwapQuote
{
    quint64 requestId = 0;
    SwapOrder order;          // without the password
    bool ok = false;
    Error error;              // when !ok
    eth::u256 expectedOut = 0;
    eth::u256 minimumOut = 0;
    double priceImpactPercent = 0;   // expected execution price against the pool's mid price
    eth::u256 gasEstimate = 0;       // gas units of the swap transaction
    eth::u256 gasCostWei = 0;        // gasEstimate × the current max fee
    QString expectedPrice;           // USDC per ETH of this trade, decimal text
};

enum class SwapStage { Validating, Quoting, Approving, Signing, Sent, Mined, Failed };

struct SwapRecord
{
    enum class Status { Pending, Succeeded, Reverted, Failed };
    quint64 id = 0;
    QDateTime time;           // when the swap was submitted (UTC)
    SwapDirection direction = SwapDirection::EthToUsdc;
    eth::Address account;
    eth::u256 amountIn = 0;   // from the Swap event when mined, else as ordered
    eth::u256 amountOut = 0;
    QString effectivePrice;   // USDC per ETH of the executed trade, decimal text
    eth::u256 gasUsed = 0;
    eth::u256 gasFeeWei = 0;
    eth::Hash32 txHash;       // zero until sent
    Status status = Status::Pending;
    Error error;              // Reverted / Failed: the reason in words
};

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::ChainState)
Q_DECLARE_METATYPE(apedesk::WalletAccount)
Q_DECLARE_METATYPE(QList<apedesk::WalletAccount>)
Q_DECLARE_METATYPE(apedesk::PoolSnapshot)
Q_DECLARE_METATYPE(apedesk::AccountBalances)
Q_DECLARE_METATYPE(apedesk::SwapOrder)
Q_DECLARE_METATYPE(apedesk::SwapQuote)
Q_DECLARE_METATYPE(apedesk::SwapStage)
Q_DECLARE_METATYPE(apedesk::SwapRecord)
