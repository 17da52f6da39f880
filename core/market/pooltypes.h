#pragma once
// Plain values of the pool-data layer: stored swaps, chart points, rolling metrics, collection
// progress and the sandbox market simulator's settings and state. Copyable and registered as
// metatypes, so they cross threads in queued signals.

#include "common/error.h"
#include "eth/address.h"
#include "eth/u256.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace apedesk::market {

// Which chain a stored swap belongs to. Public chains are their decimal chain id ("8453"); a node on
// this machine (sandbox, fork, a test anvil) gets a "-local" suffix ("8453-local"), so paper swaps
// never mix with real BASE history even though both report chain id 8453.
QString chainKey(quint64 chainId, bool localNode);

// One PoolManager Swap event, as stored. Keyed by (chain, txHash, logIndex).
struct PoolSwap
{
    QString chain;                 // chainKey()
    eth::Hash32 poolId;
    quint64 blockNumber = 0;
    eth::Hash32 txHash;
    quint64 logIndex = 0;
    // false: imported from a CSV that has no log index; logIndex is then the row's position among the
    // file's rows of the same block (the file's order), and a collected copy of the same transaction
    // replaces it.
    bool logIndexExact = true;
    eth::Address sender;           // topic 2: the contract that called PoolManager.swap (the router)
    std::optional<eth::Address> origin;    // the transaction's `from`, when collected with origins
    std::optional<bool> originIsContract;  // whether `origin` has code
    eth::i256 amount0;             // the swapper's delta of currency0 (ETH, wei); negative = paid in
    eth::i256 amount1;             // the swapper's delta of currency1 (USDC, 6 decimals)
    eth::u256 sqrtPriceX96;        // after the swap
    eth::u256 liquidity;
    int tick = 0;
    quint32 fee = 0;               // hundredths of a bip (500 = 0.05 %)
    qint64 timestamp = 0;          // unix seconds of the block

    friend bool operator==(const PoolSwap &a, const PoolSwap &b);
    friend bool operator!=(const PoolSwap &a, const PoolSwap &b) { return !(a == b); }
};

// USDC per ETH from sqrtPriceX96 with exact integer math and one final rounding:
// sqrtPriceX96² · 10^12 / 2^192 (ETH has 18 decimals, USDC 6).
double priceFromSqrtPriceX96(const eth::u256 &sqrtPriceX96);

// The compact form the charts and metrics work on (a million of these is 40 MB).
struct SwapPoint
{
    qint64 timestamp = 0;          // unix seconds
    double price = 0;              // USDC per ETH after the swap
    double ethAmount = 0;          // amount0 / 1e18, signed as in the event
    double usdcAmount = 0;         // amount1 / 1e6, signed as in the event
    quint64 blockNumber = 0;
    quint32 logIndex = 0;
};
SwapPoint toSwapPoint(const PoolSwap &swap);

// One recent swap as the trained trader reads it (the processed features of swapfeatures.h).
struct MarketPoint
{
    double price = 0;              // USDC per ETH after the swap
    double volume = 0;             // |amount1| in USDC
    // Sample standard deviation (ddof 1) of price over this swap and the two before it in the window
    // (fewer at the window's start; a single price gives 0), as ProcessedSwap::volatility.
    double volatility = 0;
    qint64 timestamp = 0;          // unix seconds
};

// How many of the window's newest swaps PoolMetrics::recent keeps (the DQN trader needs 11).
constexpr int kRecentMarketPoints = 16;

// Rolling metrics over a time window (by block timestamp, not by a block count), for the agent and
// the charts pane. Empty window: count 0 and every value 0, `valid` false.
struct PoolMetrics
{
    bool valid = false;
    qint64 windowSeconds = 600;
    qint64 windowEnd = 0;          // unix seconds: the newest block seen
    double lastPrice = 0;          // USDC per ETH, the newest swap's
    double firstPrice = 0;         // the oldest swap's in the window
    double priceChangePercent = 0; // (last − first) / first · 100
    double volumeEth = 0;          // Σ|amount0| / 1e18
    double volumeUsdc = 0;         // Σ|amount1| / 1e6
    int swapCount = 0;
    // Standard deviation (ddof 1) of the log returns between consecutive swaps in the window, in
    // percent; 0 with fewer than two returns.
    double volatilityPercent = 0;
    // The window's newest swaps (at most kRecentMarketPoints), oldest first.
    QVector<MarketPoint> recent;
};

// A collection of Swap logs over a block range.
struct CollectRequest
{
    QList<QString> rpcUrls;        // in order of preference; the next is used when one fails
    eth::Address poolManager;
    eth::Hash32 poolId;
    quint64 fromBlock = 0;
    std::optional<quint64> toBlock;   // nullopt: the head minus the confirmation depth
    int batchBlocks = 200;         // blocks per eth_getLogs (split further when a provider refuses)
    int confirmations = 0;         // blocks behind the head that count as final
    double maxRequestsPerSecond = 0;  // 0: no limit
    bool withOrigins = false;      // also fetch each transaction's sender (and whether it is a contract)
};

struct CollectProgress
{
    quint64 fromBlock = 0;
    quint64 toBlock = 0;
    quint64 blocksDone = 0;        // of the range, including blocks skipped as already collected
    quint64 blocksTotal = 0;
    qint64 eventsStored = 0;       // new rows this run
    qint64 eventsSeen = 0;         // logs received, including ones already stored
    double blocksPerSecond = 0;
    double etaSeconds = -1;        // -1: unknown
    QString endpoint;              // the endpoint in use
    QString text;                  // one sentence for the pane
};

struct CollectResult
{
    quint64 fromBlock = 0;
    quint64 toBlock = 0;
    qint64 eventsStored = 0;
    qint64 eventsSeen = 0;
    qint64 requests = 0;
    double seconds = 0;
};

// The sandbox market: other anvil accounts trade toward a target price that follows a geometric
// Brownian motion.
struct SimulatorConfig
{
    double driftPerDay = 0.0;          // μ of the GBM, fraction per day (0.01 = +1 %/day)
    // σ of the GBM, fraction per √day. 1 ETH moves the sandbox pool ~0.045 %, so with these defaults
    // the traders keep up with the target and the chart shows a market that follows it.
    double volatilityPerDay = 0.05;
    double swapsPerMinute = 6;         // mean rate (Poisson); 0 = as fast as possible
    double medianTradeEth = 2.0;       // typical trade size (log-normal around this), in ETH
    double noiseTradeShare = 0.3;      // share of trades in a random direction (the rest chase the target)
    quint64 seed = 0;                  // 0: seeded from the clock
    int maxSwaps = 0;                  // stop after this many swaps; 0 = until stopped
};

struct SimulatorState
{
    bool running = false;
    qint64 swapsDone = 0;
    qint64 swapsFailed = 0;
    double targetPrice = 0;            // USDC per ETH the traders move toward
    double poolPrice = 0;
    QString text;                      // one sentence for the pane, e.g. why it stopped
};

} // namespace apedesk::market

Q_DECLARE_METATYPE(apedesk::market::PoolSwap)
Q_DECLARE_METATYPE(QList<apedesk::market::PoolSwap>)
Q_DECLARE_METATYPE(apedesk::market::SwapPoint)
Q_DECLARE_METATYPE(QVector<apedesk::market::SwapPoint>)
Q_DECLARE_METATYPE(apedesk::market::PoolMetrics)
Q_DECLARE_METATYPE(apedesk::market::CollectProgress)
Q_DECLARE_METATYPE(apedesk::market::CollectResult)
Q_DECLARE_METATYPE(apedesk::market::SimulatorConfig)
Q_DECLARE_METATYPE(apedesk::market::SimulatorState)
