#pragma once
// WGAN-GP training of the swap-sequence GAN (seed facts §5), as straight-line code for the training
// thread: a run folder per training holds config.json, normalizer.json, metrics.csv / metrics.jsonl
// (one row per logged step) and checkpoints/ (model, optimisers, RNG state, step, epoch: exact
// resume). Pause and stop are checked between steps; NaN/Inf in any loss or gradient stops the run
// with a clear message and keeps the last good checkpoint. Also generation (conditions sampled from
// the real condition distribution, no inference noise, clamp-only post-processing) and the synthetic
// CSV in the tutorial's columns. No libtorch types in this header (pimpl).

#include "common/error.h"
#include "gandataset.h"
#include "ganmodels.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace apedesk::ml {

// Everything a training needs besides the data; saved as config.json in the run folder.
struct GanTrainingConfig
{
    QString preset = QStringLiteral("quick");   // "quick" | "full"
    GanConfig model = GanConfig::quick();       // sizes, epochs, batch, optimiser settings and seed
    int logEverySteps = 10;                     // metrics rows
    int checkpointEverySteps = 1000;            // plus one at each epoch end, best and final
    // Where the data came from, so `resume` can rebuild the same dataset: a tutorial raw CSV, or a
    // swap store file with its chain key and pool id.
    QString dataKind = QStringLiteral("csv");   // "csv" | "store"
    QString dataSource;                         // the file
    QString dataChain;                          // store only
    QString dataPoolId;                         // store only, 0x-hex
    int dataLastRows = 0;                       // GanDatasetOptions::lastRows (quick: the last 1,000 rows)
    int threads = 0;                            // libtorch intra-op threads; 0: every core of this machine
    QJsonObject toJson() const;
    static Result<GanTrainingConfig> fromJson(const QJsonObject &object);
};

// One logged step (and the per-epoch validation figures when `validation` is set).
struct GanStepMetrics
{
    qint64 step = 0;
    int epoch = 0;
    double criticLoss = 0;
    double generatorLoss = 0;         // the last generator update's
    double gradientPenalty = 0;
    double wasserstein = 0;           // mean D(real) − mean D(fake)
    std::optional<double> validationGeneratorLoss;
    std::optional<double> validationCriticLoss;
    double learningRateG = 0;
    double learningRateD = 0;
    double secondsElapsed = 0;
};

struct GanProgress
{
    qint64 step = 0;
    qint64 totalSteps = 0;            // epochs × steps per epoch
    int epoch = 0;
    int epochs = 0;
    double stepsPerSecond = 0;
    double etaSeconds = -1;           // −1: unknown yet
    QString text;                     // one sentence for the pane / CLI
};

struct GanTrainingResult
{
    // Failed: the run could not write its metrics or a checkpoint (the message names the file); an error.
    enum class End { Finished, EarlyStopped, Stopped, Diverged, Failed };
    End end = End::Finished;
    qint64 steps = 0;
    int epochs = 0;
    double bestValidationGeneratorLoss = 0;
    QString message;                  // why it ended, in words
};

struct GanTrainingHooks
{
    std::function<void(const GanStepMetrics &)> metrics;   // each logged step
    std::function<void(const GanProgress &)> progress;
    std::function<bool()> stopRequested;                   // checked between steps: save and end
    std::function<bool()> pauseRequested;                  // checked between steps: wait (the caller's loop runs)
};

class GanTrainer
{
public:
    // A new run: writes config.json and normalizer.json into `runDirectory` (created; must be empty or new).
    static Result<std::unique_ptr<GanTrainer>> create(const QString &runDirectory, GanDataset dataset,
                                                      GanTrainingConfig config);
    // An existing run from its last checkpoint (the dataset is rebuilt by the caller from the data fields
    // of readRunConfig(); it must give the same shapes).
    static Result<std::unique_ptr<GanTrainer>> resume(const QString &runDirectory, GanDataset dataset);
    static Result<GanTrainingConfig> readRunConfig(const QString &runDirectory);
    ~GanTrainer();

    // Trains until the epochs are done, early stopping (GanConfig::patience epochs without a lower
    // validation generator loss; 0 turns it off), a stop request, or divergence.
    GanTrainingResult train(const GanTrainingHooks &hooks = {});
    // Trains exactly `steps` more global steps (tests: resume exactness), then returns.
    GanTrainingResult trainSteps(qint64 steps, const GanTrainingHooks &hooks = {});
    // checkpoints/last.pt, atomically (also written every checkpointEverySteps and at each epoch end;
    // only last/best/final are kept: full-preset checkpoints are hundreds of MB each). Refused after
    // divergence or when a parameter is not finite.
    Status saveCheckpoint();

    qint64 step() const;
    int epoch() const;
    const GanTrainingConfig &config() const;
    QString runDirectory() const;

private:
    GanTrainer();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Generation from a run's best (else final, else last) checkpoint: `count` sequences with conditions drawn from
// the training conditions (seeded), inverse-normalised, clamped to plausible ranges only (the series
// itself is never overwritten), in the tutorial's synthetic CSV columns (sequence_id, step, timestamp,
// the 10 features).
struct GanGeneration
{
    int count = 0;
    QVector<double> sequences;        // count × 24 × 10, un-normalised
    int clampedValues = 0;            // how many values the clamp changed
    QString checkpoint;               // the checkpoint file the generator came from
};
Result<GanGeneration> generateSequences(const QString &runDirectory, const GanDataset &dataset, int count, quint64 seed);
Status writeSyntheticCsv(const QString &path, const GanGeneration &generation, qint64 firstTimestamp);

} // namespace apedesk::ml

Q_DECLARE_METATYPE(apedesk::ml::GanStepMetrics)
Q_DECLARE_METATYPE(apedesk::ml::GanProgress)
Q_DECLARE_METATYPE(apedesk::ml::GanTrainingResult)
