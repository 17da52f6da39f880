#pragma once
// The DQN trader (seed facts §7, stable-baselines3's DQN, rebuilt in libtorch): its settings, the
// replay buffer, the ε schedule, the trainer with its run folder, and the trained policy for
// evaluation, serving and distillation. No libtorch types in this header (the modules and the TD
// target live in dqn_p.h, for core/ml/*.cpp and the DQN tests).
//
// A run folder holds config.json (DqnTrainingConfig), metrics.csv / metrics.jsonl (one row per
// logged step), episodes.csv (one row per finished episode), evaluation.json (after `evaluate`) and
// checkpoints/: last.pt (the Q and target networks, Adam, the replay buffer, the RNG, the
// environment's state, the step) for exact resume, and final.pt (the Q network) when training ends.

#include "common/error.h"
#include "rlevaluation.h"
#include "tradingenv.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <random>

namespace apedesk::ml {

struct DqnConfig
{
    QVector<int> hidden{64, 64};        // MLP widths (ReLU), 31 inputs, 3 outputs
    int bufferSize = 10000;
    int learningStarts = 1000;
    int batchSize = 64;
    double gamma = 0.99;
    int targetUpdateInterval = 500;     // steps between copies of the Q network into the target
    int trainFrequency = 4;             // a gradient step every this many environment steps
    int gradientSteps = 1;
    double explorationFraction = 0.2;   // ε falls linearly over this share of the timesteps …
    double epsilonStart = 1.0;
    double epsilonEnd = 0.1;            // … then stays here
    double learningRate = 1e-4;         // Adam
    double maxGradNorm = 10;            // SB3's default clip
    qint64 timesteps = 100000;
    quint64 seed = 42;

    Status validate() const;            // Usage error naming the first bad value
    QJsonObject toJson() const;
    static Result<DqnConfig> fromJson(const QJsonObject &object);
};

// ε at environment step `step` (0-based) of `config.timesteps`: epsilonStart → epsilonEnd linearly over
// the first explorationFraction × timesteps steps, then epsilonEnd.
double epsilonAt(const DqnConfig &config, qint64 step);

// A ring buffer of transitions; sampling is uniform with replacement over the filled part.
class ReplayBuffer
{
public:
    explicit ReplayBuffer(int capacity);

    void add(const RlObservation &state, TradeAction action, float reward, const RlObservation &next, bool terminal);
    int size() const { return m_size; }
    int capacity() const { return m_capacity; }

    struct Batch
    {
        int size = 0;
        QVector<float> states;          // size × 31, row-major
        QVector<qint64> actions;        // size
        QVector<float> rewards;         // size
        QVector<float> nextStates;      // size × 31
        QVector<float> terminals;       // size, 1 where the episode ended without a next state
    };
    Batch sample(int count, std::mt19937_64 &rng) const;   // requires size() > 0

    // The stored transitions in insertion order (oldest first), for tests and checkpoints.
    QByteArray serialize() const;
    static Result<ReplayBuffer> deserialize(const QByteArray &bytes);

private:
    int m_capacity;
    int m_size = 0;
    int m_next = 0;                     // where the next transition goes
    QVector<float> m_states, m_nextStates, m_rewards, m_terminals;
    QVector<qint64> m_actions;
};

// Everything a training needs; saved as config.json in the run folder.
struct DqnTrainingConfig
{
    DqnConfig dqn;
    TradingEnvConfig env;
    double trainFraction = 0.8;         // the rest of the data is the held-out range for evaluation
    int logEverySteps = 100;
    int checkpointEverySteps = 5000;    // plus one when training ends or is stopped
    // libtorch intra-op threads; 0: every core. One by default: a 31-64-64-3 network on batches of 64 gains
    // nothing from more (bench_rl: 5,871 steps/s on 1 thread, 4,422 on 2 with OMP_WAIT_POLICY=PASSIVE, and
    // 124-226 on 2 with OpenMP's default spin-waiting when the machine is busy).
    int threads = 1;
    // Where the data came from, so resume / eval / export rebuild the same series: "csv" (a raw swap CSV
    // or a GAN synthetic CSV) or "store" (a swap store file, chain key and pool id).
    QString dataKind = QStringLiteral("csv");
    QString dataSource;
    QString dataChain;
    QString dataPoolId;                 // 0x-hex

    QJsonObject toJson() const;
    static Result<DqnTrainingConfig> fromJson(const QJsonObject &object);
};

// The series a run's config names (its data fields).
Result<TradingSeries> loadTradingSeriesForRun(const DqnTrainingConfig &config);

struct DqnStepMetrics
{
    qint64 step = 0;                    // environment steps so far
    int episodes = 0;                   // finished episodes
    double episodeReward = 0;           // the last finished episode's summed reward (NaN before the first)
    double meanEpisodeReward = 0;       // over the last 20 finished episodes (NaN before the first)
    double loss = 0;                    // mean Huber loss of the gradient steps since the last row (NaN: none yet)
    double meanQ = 0;                   // mean max-Q of those batches (NaN: none yet)
    double epsilon = 0;
    double secondsElapsed = 0;
};

struct DqnProgress
{
    qint64 step = 0;
    qint64 totalSteps = 0;
    double stepsPerSecond = 0;
    double etaSeconds = -1;             // −1: unknown yet
    QString text;                       // one sentence for the pane / CLI
};

struct DqnTrainingResult
{
    // Failed: the run could not write its logs or a checkpoint (the message names the file); an error.
    enum class End { Finished, Stopped, Diverged, Failed };
    End end = End::Finished;
    qint64 steps = 0;
    int episodes = 0;
    QString message;                    // why it ended, in words
};

struct DqnTrainingHooks
{
    std::function<void(const DqnStepMetrics &)> metrics;   // each logged step
    std::function<void(const DqnProgress &)> progress;     // about once a second
    std::function<bool()> stopRequested;                   // checked between steps: checkpoint and end
};

class DqnTrainer
{
public:
    // A new run: writes config.json into runDirectory (created; must be empty or new). `series` is the
    // whole data; the trainer keeps the training part of splitSeries(series, trainFraction).
    static Result<std::unique_ptr<DqnTrainer>> create(const QString &runDirectory, const TradingSeries &series,
                                                      DqnTrainingConfig config);
    // Continues from checkpoints/last.pt (the series rebuilt by the caller from readRunConfig()).
    static Result<std::unique_ptr<DqnTrainer>> resume(const QString &runDirectory, const TradingSeries &series);
    static Result<DqnTrainingConfig> readRunConfig(const QString &runDirectory);
    ~DqnTrainer();

    // Until config.dqn.timesteps, a stop request, or divergence (a NaN/Inf loss or parameter: the run ends
    // with a message naming the step, keeping the last good checkpoint).
    DqnTrainingResult train(const DqnTrainingHooks &hooks = {});
    // Exactly `steps` more environment steps (tests: resume exactness).
    DqnTrainingResult trainSteps(qint64 steps, const DqnTrainingHooks &hooks = {});
    Status saveCheckpoint();            // checkpoints/last.pt, atomically

    qint64 step() const;
    const DqnTrainingConfig &config() const;
    QString runDirectory() const;
    // The Q network's parameters flattened (tests compare runs).
    QVector<float> parameters() const;

private:
    DqnTrainer();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// A trained Q network, loaded from a run (final.pt, else last.pt) for greedy decisions.
class DqnPolicy
{
public:
    static Result<std::shared_ptr<DqnPolicy>> load(const QString &runDirectory);
    ~DqnPolicy();

    std::array<float, kRlActionCount> qValues(const RlObservation &observation) const;   // thread safe
    // The best action the position allows (flat: HOLD or BUY; holding: HOLD or SELL — the holding flag is
    // the observation's last value); a tie goes to HOLD.
    TradeAction greedy(const RlObservation &observation) const;
    QString runDirectory() const;
    QString checkpoint() const;         // the file it came from

private:
    DqnPolicy();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Evaluation of a run's policy on the held-out part of `series` (the run's trainFraction) against
// buy-and-hold and random; also written to the run's evaluation.json (with equity curves).
Result<RlEvaluation> evaluateRun(const QString &runDirectory, const TradingSeries &series);

// The answer the trained trader gives, in the fine-tuned models' canary format: one or two sentences
// of reasoning built from the Q-values (which action leads and by how much), then the last line
// "RECOMMENDATION: APE IN" / "APE OUT" / "APE NEUTRAL". `holding` is the position the Q-values were
// computed for. English whatever the UI language: it is model output, read by the parser.
QString dqnAnswer(const std::array<float, kRlActionCount> &q, TradeAction action, bool holding);

} // namespace apedesk::ml

Q_DECLARE_METATYPE(apedesk::ml::DqnStepMetrics)
Q_DECLARE_METATYPE(apedesk::ml::DqnProgress)
Q_DECLARE_METATYPE(apedesk::ml::DqnTrainingResult)
