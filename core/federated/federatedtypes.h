#pragma once
// The values a federated run is made of: its settings, and what each round did for each venue. The
// coordinator fills them, the round store keeps them, the service carries them to the dashboard in
// queued signals and the CLI prints them. Copyable; registered as metatypes.

#include "common/error.h"
#include "fryalpha.h"
#include "venuedata.h"
#include "venuetrading.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace apedesk::federated {

struct FederatedRunConfig
{
    QList<VenueSpec> venues;              // the federation; names unique
    int rounds = 10;
    double fraction = 1;                  // client sampling fraction (0, 1]
    int minVenues = 2;                    // a round with fewer reporting venues is skipped
    // Local training (the hedge-ratio model's recipe; ml::LocalTrainingOptions)
    int epochs = 5;
    double baseLearningRate = 0.01;
    double learningRateDecay = 0.95;
    // 1024, not the hedge-ratio model's own 64: the venues' data are far from identically distributed,
    // and 64-sample batches give each venue ~235 Adam steps a round, so the local models drift apart and
    // their average fits no venue (the demo's global RMSE then ends above its first round's). With
    // ~3,000 train samples a venue, 1024 gives 15 steps a round: measured on the demo (seeds 1–3) the
    // global model then improves on every venue and beats okx's and bybit's own models.
    int batchSize = 1024;
    double weightDecay = 0;               // Adam's L2 penalty (0: the recipe)
    // Robust aggregation (AggregationOptions)
    double normMultiplier = 10;
    double clipNorm = 0;                  // 0: no clipping
    double dpNoiseSigma = 0;              // 0: no noise
    // Strategy
    FryAlphaConfig fryAlpha;
    VenueTradingConfig trading;
    bool earlyStopping = true;
    double minRelativeImprovement = 0.001;
    int patience = 3;
    // Dropouts: each sampled venue drops out of a round with this probability (seeded), after a random
    // share of its local training; a venue also drops out when its training fails or does not report
    // within roundTimeoutSeconds (0: no deadline).
    double dropoutProbability = 0;
    double roundTimeoutSeconds = 0;
    int parallelVenues = 0;               // venues training at once (0: the machine's cores)
    quint64 seed = 1;
    qint64 initialVersion = 0;            // 0: fresh weights from the seed; else the registry version to start from

    Status validate() const;              // Usage error naming the first bad value
    QJsonObject toJson() const;           // the venues by name and source (the store keeps this)
    QStringList venueNames() const;
};

// What happened to one venue in one round.
struct VenueRoundRecord
{
    enum class Status { Accepted, Rejected, DroppedOut, NotSampled };

    QString venue;
    Status status = Status::NotSampled;
    QString reason;                       // rejection / dropout reason, a sentence
    double weight = 0;                    // normalised aggregation weight (0 unless accepted)
    FryAlphaBreakdown fryAlpha;           // the factors of the FRY-alpha weight
    double localTrainLoss = 0;            // last epoch's mean train MSE
    double localRmse = 0;                 // the venue's trained model on its held-out split
    double globalRmse = 0;                // the new global model on the venue's held-out split
    std::optional<double> updateNorm;     // ‖Δ‖ before clipping
    int trainSamples = 0;
    double trainSeconds = 0;
    std::optional<VenueTradingResult> trading;   // the round's simulated trading (sampled venues)

    QJsonObject toJson() const;
    static Result<VenueRoundRecord> fromJson(const QJsonObject &object);
};

QString venueRoundStatusKey(VenueRoundRecord::Status status);   // "accepted", "rejected", "dropped_out", "not_sampled"

struct FederatedRoundRecord
{
    enum class State { Completed, Skipped, Failed };

    qint64 runId = 0;
    int round = 0;                        // 0-based
    State state = State::Completed;
    QString reason;                       // why skipped / failed, or the early-stopping sentence
    QDateTime startedAt;                  // UTC
    double durationSeconds = 0;
    double learningRate = 0;
    int sampledVenues = 0;
    int reportingVenues = 0;
    double meanWeight = 0;                // mean raw FRY-alpha weight (before normalising) of the accepted venues
    double globalRmse = 0;                // the new global model over all venues' held-out samples (pooled)
    double globalLoss = 0;                // its MSE (globalRmse²)
    double noiseStd = 0;                  // DP noise actually added
    double medianNorm = 0;
    qint64 modelVersion = 0;              // the registry version stored for this round (0: none)
    bool converged = false;
    QList<VenueRoundRecord> venues;       // every venue of the run, in the run's order

    QMap<QString, double> weights() const;       // accepted venue → weight
    QMap<QString, double> venueRmse() const;     // venue → global model's RMSE there
    QMap<QString, QString> rejected() const;     // venue → reason (rejected and dropped out)
    // The CLI's JSON line: round, state, weights, global_rmse, venue_rmse, rejected, and the rest.
    QJsonObject toJson() const;
    static Result<FederatedRoundRecord> fromJson(const QJsonObject &object);
};

QString roundStateKey(FederatedRoundRecord::State state);   // "completed", "skipped", "failed"
std::optional<FederatedRoundRecord::State> roundStateFromKey(const QString &key);

struct FederatedRunRecord
{
    enum class State { Running, Finished, Converged, Stopped, Failed, Interrupted };

    qint64 runId = 0;
    QDateTime startedAt;
    QDateTime finishedAt;                 // invalid while running
    State state = State::Running;
    QString reason;                       // a sentence for Stopped / Failed / Interrupted / Converged
    QJsonObject config;                   // FederatedRunConfig::toJson()
    QStringList venues;
    int plannedRounds = 0;
    QList<FederatedRoundRecord> rounds;   // filled by loadRun() only
    qint64 bestModelVersion = 0;
    double bestGlobalRmse = 0;
};

QString runStateKey(FederatedRunRecord::State state);   // "running", "finished", "converged", "stopped", "failed", "interrupted"
std::optional<FederatedRunRecord::State> runStateFromKey(const QString &key);

// Sums over a run's rounds for the dashboard's totals: simulated trading of the sampled venues.
struct FederatedTotals
{
    double fryMinted = 0;
    double slippageHarvestedUsdc = 0;
    double arbitrageProfitUsdc = 0;
    int circuitBreakerActivations = 0;    // venue-rounds with the breaker active
    int completedRounds = 0;
    int skippedRounds = 0;
    int rejectedUpdates = 0;
    int dropouts = 0;
    std::array<int, kMarketRegimeCount> regimeRounds{};   // venue-rounds per regime
};
FederatedTotals federatedTotals(const QList<FederatedRoundRecord> &rounds);

} // namespace apedesk::federated

Q_DECLARE_METATYPE(apedesk::federated::FederatedRoundRecord)
Q_DECLARE_METATYPE(apedesk::federated::FederatedRunRecord)
Q_DECLARE_METATYPE(apedesk::federated::FederatedRunConfig)
