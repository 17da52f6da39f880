#pragma once
// The federated coordinator: runs rounds of sample → local training on each venue (worker threads, one
// per venue at a time) → simulated trading and FRY-alpha weights → robust aggregation → evaluation of
// the new global model on every venue's held-out data → registry version and round record. In-process:
// the venues are clients on threads of this process behind the FederatedModelBackend seam; running
// them elsewhere (Flower) is a later transport behind the same round logic.
//
// A round, in order:
//  1. sampleVenues(fraction, minVenues, seed, round); fewer available than minVenues: skipped.
//  2. Each sampled venue trains the current global model locally (LocalTrainingSpec, seed derived from
//     (run seed, round, venue)). Dropouts: a venue drawn to drop out (dropoutProbability, seeded) stops
//     after a random share of its training and never reports; a failed training or one past the
//     round's deadline is a dropout too, with the reason. Fewer reporting venues than minVenues: the
//     round is skipped with that reason and the global model is kept.
//  3. Each reporting venue predicts its held-out hedge ratios with its local model and trades the
//     round's window (venuetrading.h); its metrics give the FRY-alpha weight (computeFryAlpha).
//  4. aggregate() with those weights: NaN/Inf, wrong-shape and norm-outlier updates are rejected with
//     reasons; clipping and DP noise as configured. Nothing accepted: the model is kept (the round is
//     still completed and recorded, with the reasons).
//  5. The new global model's RMSE on each venue's held-out split (venue_rmse) and pooled over all
//     (global_rmse); the registry gets a version tagged with the regimes of the round's venues and
//     metrics {global_rmse, venue_rmse, round}; the round store gets the record.
//  6. Early stopping: ConvergenceMonitor on global_rmse²; converged ends the run after this round.
//
// The model lives behind FederatedModelBackend (apedesk_ml provides the libtorch hedge-ratio model and
// registers it; apedesk_core never includes libtorch). Everything is deterministic for a seed, except
// dropouts by deadline.

#include "federatedtypes.h"
#include "modelparameters.h"
#include "venuedata.h"

#include <QString>
#include <QVector>

#include <functional>
#include <memory>

namespace apedesk::federated {

class ModelRegistry;
class RoundStore;

struct LocalTrainingSpec
{
    int epochs = 5;
    int round = 0;
    double baseLearningRate = 0.01;
    double decay = 0.95;
    int batchSize = 64;
    double weightDecay = 0;
    quint64 seed = 0;
};

struct LocalTrainingOutcome
{
    ModelParameters parameters;
    double trainLoss = 0;
    double heldOutRmse = 0;
    double learningRate = 0;
    int samples = 0;
    double seconds = 0;
};

// The model side of the federation. Implementations must be thread safe (venues train at once).
class FederatedModelBackend
{
public:
    virtual ~FederatedModelBackend() = default;
    virtual QString modelName() const = 0;                       // e.g. "HedgeRatioPredictor 15-64-64-32-1"
    virtual ModelParameters initialParameters(quint64 seed) const = 0;
    virtual Result<LocalTrainingOutcome> trainLocally(const ModelParameters &global, const VenueDataset &data,
                                                      const LocalTrainingSpec &spec,
                                                      const std::function<bool()> &canceled) const = 0;
    virtual Result<QVector<float>> predict(const ModelParameters &parameters, const QVector<float> &features) const = 0;
};

// The backend the app's services use: apedesk_ml's addTrainingService() registers the hedge-ratio
// model. Thread safe. Null when no model library is built in.
void setFederatedModelBackend(std::shared_ptr<const FederatedModelBackend> backend);
std::shared_ptr<const FederatedModelBackend> federatedModelBackend();

struct CoordinatorProgress
{
    int round = 0;
    int rounds = 0;
    QString venue;                        // empty: the round as a whole
    QString text;                         // one sentence
    double fraction = 0;                  // of the whole run, [0, 1]
};

class FederatedCoordinator
{
public:
    using Canceled = std::function<bool()>;
    using ProgressSink = std::function<void(const CoordinatorProgress &)>;
    using RoundSink = std::function<void(const FederatedRoundRecord &)>;

    // store and registry may be null (nothing persisted); both must outlive the coordinator.
    FederatedCoordinator(FederatedRunConfig config, std::shared_ptr<const FederatedModelBackend> backend,
                         RoundStore *store = nullptr, ModelRegistry *registry = nullptr);
    ~FederatedCoordinator();

    const FederatedRunConfig &config() const { return m_config; }

    // Validates the configuration and builds every venue's dataset (in parallel). Usage / Io errors
    // name the venue.
    Status prepare(const Canceled &canceled = {});
    const QList<VenueDataset> &datasets() const { return m_datasets; }

    // Runs all rounds (or until converged or canceled); onRound is called after each round is stored,
    // on the calling thread. Canceled mid-run: the run is recorded as stopped and the result is
    // Error::canceled(). Returns the run's record (without its rounds when a store is used).
    Result<FederatedRunRecord> run(const Canceled &canceled = {}, const RoundSink &onRound = {},
                                   const ProgressSink &progress = {});

    // One round on the current global model (run() calls it; tests may drive rounds themselves).
    Result<FederatedRoundRecord> runRound(int round, const Canceled &canceled = {}, const ProgressSink &progress = {});

    const ModelParameters &globalParameters() const { return m_global; }
    void setGlobalParameters(const ModelParameters &parameters) { m_global = parameters; }
    qint64 runId() const { return m_runId; }

    // Test seam: replaces what one venue sends in its updates (e.g. NaN weights or a 100× update) to
    // show the aggregation's defences; applied after local training. Null: none.
    using UpdateTamper = std::function<void(const QString &venue, int round, ModelParameters &parameters)>;
    void setUpdateTamper(UpdateTamper tamper) { m_tamper = std::move(tamper); }

private:
    struct Impl;
    FederatedRunConfig m_config;
    std::shared_ptr<const FederatedModelBackend> m_backend;
    RoundStore *m_store;
    ModelRegistry *m_registry;
    QList<VenueDataset> m_datasets;
    ModelParameters m_global;
    qint64 m_runId = 0;
    UpdateTamper m_tamper;
    std::unique_ptr<Impl> d;
};

// The comparison the demo is judged by: for each venue u, a model trained on u's data alone for the
// same budget (rounds × epochs, the same learning-rate schedule per round, the same seed), evaluated
// on every venue's held-out split. Result: u → (venue → RMSE), plus "pooled" → pooled RMSE.
struct SingleVenueBaseline
{
    QString trainedOn;
    QMap<QString, double> venueRmse;
    double pooledRmse = 0;
};
Result<QList<SingleVenueBaseline>> trainSingleVenueBaselines(const FederatedRunConfig &config,
                                                            const QList<VenueDataset> &datasets,
                                                            const FederatedModelBackend &backend,
                                                            const std::function<bool()> &canceled = {});

} // namespace apedesk::federated
