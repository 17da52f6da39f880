#pragma once
// The DQN trader's market (seed facts §7), in plain C++ (no libtorch): price / volume / volatility
// series cut into sequences that windows never cross, and a trading environment with honest
// accounting.
//
// Tutorial bugs not copied: the reward is the portfolio's value change marked to market over the
// step (fees included), not a fee-only score at a frozen price; random episode starts really vary
// (any sequence, any valid step); pct changes are computed inside a sequence, never across its
// boundary; an episode never runs past its sequence's end.

#include "common/error.h"
#include "eth/address.h"
#include "market/swapfeatures.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <array>
#include <random>

namespace apedesk::ml {

constexpr int kRlWindow = 10;                                   // steps each observation looks back
constexpr int kRlObservationSize = 3 * kRlWindow + 1;          // 31
constexpr int kRlActionCount = 3;

enum class TradeAction { Hold = 0, Buy = 1, Sell = 2 };
QString tradeActionName(TradeAction action);                    // "HOLD" | "BUY" | "SELL"

using RlObservation = std::array<float, kRlObservationSize>;

// One market step: a swap (real or sandbox history) or one step of a synthetic sequence.
struct MarketStep
{
    double price = 0;          // USDC per ETH
    double volume = 0;         // the processed `volume` feature (|amount1| in USDC)
    double volatility = 0;     // the processed `volatility` feature
    qint64 timestamp = 0;      // unix seconds (synthetic: as the CSV has it)
};

// Steps in time order, split into sequences. A swap history is one sequence; a GAN synthetic CSV
// has one per sequence_id. Sequence s covers steps [sequenceStarts[s], sequenceStarts[s+1]) (the last
// runs to steps.size()).
struct TradingSeries
{
    QVector<MarketStep> steps;
    QVector<int> sequenceStarts;        // ascending, first is 0 when there are steps
    QString description;                // for people: "8,000 swaps from base_eth_usdc_swaps.csv"

    int sequenceCount() const { return int(sequenceStarts.size()); }
    int sequenceBegin(int sequence) const;
    int sequenceEnd(int sequence) const;          // one past the last step
    int sequenceOf(int step) const;               // the sequence holding global step `step`
    // Steps at which an observation exists: at least kRlWindow steps before it in its sequence (a pct
    // change needs the step before the window) and at least one step after it (to move to).
    int decisionStepCount() const;
};

// Builders. Each rejects a series with no sequence of at least kRlWindow + 2 steps (Error::Kind::Usage).
Result<TradingSeries> tradingSeriesFromSwaps(const QVector<market::ProcessedSwap> &swaps, const QString &description);
// A tutorial raw swap CSV (processed here), or a GAN synthetic CSV (sequence_id, step, timestamp, the
// 10 features; one sequence per sequence_id, in file order), told apart by the header.
Result<TradingSeries> loadTradingSeriesFromCsv(const QString &path);
// A swap store (real collection or the sandbox's history), one chain and pool; the file must exist.
Result<TradingSeries> loadTradingSeriesFromStore(const QString &storePath, const QString &chain, const eth::Hash32 &poolId);

// Sequential split for training and a held-out time range. With several sequences the first
// round(trainFraction × count) sequences train and the rest are held out (at least one each); with one
// sequence, its first floor(trainFraction × n) steps train and the rest form the held-out sequence.
// Either side too short for one decision step: Error::Kind::Usage.
struct SeriesSplit
{
    TradingSeries train;
    TradingSeries heldOut;
};
Result<SeriesSplit> splitSeries(const TradingSeries &series, double trainFraction = 0.8);

struct TradingEnvConfig
{
    double initialCash = 1000;          // USDC at reset (the tutorial's train_dqn value)
    double feeRate = 0.003;             // of the notional, per trade
    double buyShare = 0.99;             // BUY spends this share of the cash; the fee comes on top
    int episodeSteps = 200;             // at most this many steps per episode; 0: to the sequence's end
    bool randomStart = true;            // false: reset() starts at the first decision step of sequence 0
    double startHoldingProbability = 0.5;   // random starts: chance to start holding ETH (bought without fee)
    double rewardScale = 100;           // reward = scale × (V_after − V_before) / V_before

    QJsonObject toJson() const;
    static Result<TradingEnvConfig> fromJson(const QJsonObject &object);
};

// One step's outcome.
struct EnvStep
{
    RlObservation observation{};        // at the new step (valid also when the episode ended)
    double reward = 0;
    bool terminated = false;            // the sequence has no further step: no bootstrapping
    bool truncated = false;             // episodeSteps reached: the next state still counts
    bool traded = false;                // the action changed the position (invalid actions are HOLD)
    double fee = 0;                     // USDC paid this step
    double valueBefore = 0;             // marked at the step's price, before the action
    double valueAfter = 0;              // marked at the next step's price, after the action
};

// The trading environment. State: the current global step t, cash (USDC), eth, holding flag.
//  - Observation at t: for i = t−9 … t (oldest first): 100 × (p_i − p_{i−1}) / p_{i−1} (percent),
//    then volume_i / max(volume over the window), then volatility_i / max(volatility over the window)
//    (0 where the maximum is 0), then the holding flag (1: ETH held).
//  - BUY (valid only when flat): notional N = buyShare × cash, eth += N / p_t, cash −= N + feeRate × N.
//  - SELL (valid only when holding): proceeds = eth × p_t, cash += proceeds − feeRate × proceeds, eth = 0.
//  - HOLD, or an invalid action: nothing changes.
//  - Then t → t + 1 and reward = rewardScale × (V(p_{t+1}) − V_before(p_t)) / V_before(p_t), where V is
//    cash + eth × price. So a BUY then a SELL at one unchanged price loses exactly the two fees.
class TradingEnv
{
public:
    TradingEnv(const TradingSeries *series, TradingEnvConfig config, quint64 seed);

    // Random start (any sequence, weighted by its decision steps, any decision step; holding with
    // startHoldingProbability) or, with randomStart false, the first decision step of sequence 0, flat.
    RlObservation reset();
    // A given start (a global step that must be a decision step), flat or holding; for evaluation.
    Result<RlObservation> resetAt(int step, bool holding);
    EnvStep step(TradeAction action);

    RlObservation observation() const;
    int currentStep() const { return m_t; }
    int episodeStep() const { return m_episodeStep; }
    bool episodeOver() const { return m_over; }
    double cash() const { return m_cash; }
    double eth() const { return m_eth; }
    bool holding() const { return m_eth > 0; }
    double price() const;                       // p_t
    double portfolioValue() const;              // cash + eth × p_t
    double feesPaid() const { return m_fees; }  // this episode
    int trades() const { return m_trades; }     // this episode
    const TradingSeries &series() const { return *m_series; }
    const TradingEnvConfig &config() const { return m_config; }

    // Everything needed to continue exactly (checkpoints): position, episode counters and the RNG.
    QJsonObject state() const;
    Status restoreState(const QJsonObject &state);

private:
    const TradingSeries *m_series;
    TradingEnvConfig m_config;
    std::mt19937_64 m_rng;
    QVector<int> m_decisionSteps;   // every global step that can start an episode
    int m_t = 0;
    int m_episodeStep = 0;
    bool m_over = true;
    double m_cash = 0;
    double m_eth = 0;
    double m_fees = 0;
    int m_trades = 0;
};

// The observation of a window of raw market values (the agent's live swaps): `steps` must hold at
// least kRlWindow + 1 steps, the last being "now". Same layout as TradingEnv::observation().
Result<RlObservation> observationFromSteps(const QVector<MarketStep> &steps, bool holding);

} // namespace apedesk::ml
