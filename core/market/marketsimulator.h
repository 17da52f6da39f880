#pragma once
// The sandbox market: so an offline sandbox has a market to watch, anvil's default accounts 7, 8 and 9
// swap through the real Universal Router and Permit2 toward a target price that follows a geometric
// Brownian motion. The person's sandbox accounts are 0–6, so the traders never share a nonce with the
// wallet pane, and the simulator keeps its own JSON-RPC client, nonce manager and transaction sender.
//
// Each step: the target moves by one GBM increment (dt = the real time since the last step, or a nominal
// 10 s when swapping as fast as possible); the trader of the turn reads the pool's sqrtPriceX96 and
// in-range liquidity L and computes, with exact integer math, how much input would bring the price to
// the target:
//   raise (USDC in):  Δy = L · (√Pt − √Pc) / 2^96
//   lower (ETH in):   Δx = L · 2^96 / √Pt − L · 2^96 / √Pc
// (plus the pool fee); the trade is a log-normal size around the median, capped by that amount and by
// the trader's balance. A share of trades (noiseTradeShare) goes in a random direction instead. A swap
// of 0 is never sent: a step whose pool already sits within 1 bp of the target, or whose trade would be
// below the smallest swap, is a skip. Every random draw comes from one std::mt19937_64, a fixed number
// per step, so a seed gives the same sequence of trades on the same chain state.
//
// Straight-line code for one worker thread (it waits with eth::awaitRpc): construct it, prepare() it
// and step() it on the same thread. SimulatorRunner drives it from a QThread; the CLI drives it directly.

#include "chain/chaintypes.h"
#include "chain/sandboxdeployment.h"
#include "common/error.h"
#include "market/pooltypes.h"
#include "uniswap/venue.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>
#include <memory>

namespace apedesk::market {

// Where the simulator trades: a node on this machine (the sandbox, or an anvil fork of BASE).
struct SimulatorTarget
{
    QString rpcUrl;
    uniswap::Venue venue;
    quint64 chainId = 8453;
};

// anvil's default accounts 7, 8 and 9 (chain::sandboxAccounts()), in the order they take turns.
constexpr int kFirstTraderAccount = chain::kSandboxFirstTraderAccount;
constexpr int kTraderCount = chain::kSandboxAccountCount - chain::kSandboxFirstTraderAccount;
QList<eth::Address> simulatorTraders();

class MarketSimulator
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::market::MarketSimulator)
public:
    using Canceled = std::function<bool()>;

    struct Step
    {
        bool swapped = false;       // false: a skip (the pool sits at the target, or the trade was too small)
        SwapRecord record;          // the finished swap (Succeeded) when swapped
        double targetPrice = 0;     // USDC per ETH after this step's GBM increment
        double poolPriceAfter = 0;  // the pool's price after the step
        bool noise = false;         // a random-direction trade rather than one toward the target
    };

    static constexpr int kMaxFailuresInRow = 5;        // then the run stops
    static constexpr double kNominalStepSeconds = 10;  // the GBM's dt per swap at rate 0
    static constexpr double kAtTargetBps = 1;          // within this of the target: nothing to do
    static constexpr int kSlippageBps = 100;           // the swaps' minimum out: quote − 1 %
    static constexpr double kSizeLogSigma = 0.7;       // spread of the log-normal trade size
    static constexpr double kMaxSizeMultiple = 10;     // no trade above 10 × the median

    MarketSimulator(SimulatorTarget target, SimulatorConfig config);
    ~MarketSimulator();
    MarketSimulator(const MarketSimulator &) = delete;
    MarketSimulator &operator=(const MarketSimulator &) = delete;

    // Settings that cannot make a market (negative rates, no median size, nothing that ever moves the
    // price) are a Usage error with the reason.
    static Status validate(const SimulatorConfig &config);

    // Connects, checks the chain id and that the venue's contracts have code, tops the traders up to
    // 10,000 ETH and 50,000,000 USDC (anvil_setBalance / anvil_setStorageAt) and gives Permit2 and the
    // router their USDC allowances. Refuses any node that is not on this machine. The target starts at
    // the pool's price.
    Status prepare(const Canceled &canceled);

    // One step (see above). A failed swap (revert, a node that stopped answering) is an Error; it is
    // counted in state().swapsFailed and stated in state().text. `canceled` is polled while a swap is
    // in flight; the simulator also gives up a swap whose node went away.
    Result<Step> step(const Canceled &canceled = {});

    // How long to wait before the next step: exponential with mean 60000 / swapsPerMinute ms (from its
    // own random stream, so the trades do not depend on it); 0 at rate 0.
    qint64 nextDelayMs();

    SimulatorState state() const;
    // After a failed step: why the run should end (the node is gone, or kMaxFailuresInRow failures in a
    // row), in words; empty when it may go on.
    QString stopReason(const Error &error) const;

    const SimulatorConfig &config() const;
    quint64 seed() const;            // the seed in use (the clock's when the config's is 0)
    double initialPoolPrice() const; // the pool's price when prepare() finished

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace apedesk::market

Q_DECLARE_METATYPE(apedesk::market::SimulatorTarget)
