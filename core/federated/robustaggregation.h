#pragma once
// Robust aggregation of one federated round: refuses updates that would poison the global model
// (NaN/Inf, a wrong layout, a norm far above the round's others), optionally clips each update and adds
// Gaussian noise (central differential privacy), and says for every venue what happened to its update.
//
// Updates are handled as deltas from the global model, Δ_k = local_k − global: norms, the outlier test
// and clipping only mean something on what a venue changed (full weights all share the global model's
// norm). By default a venue sends its locally trained full parameters (what a client returns after
// local training) and the delta is taken here; UpdateKind::Delta accepts deltas directly. Either way the
// reported norms are delta norms.
//
//   new global = global + Σ_k w_k · clip(Δ_k) + N(0, σ²) per value,   w renormalised over accepted venues
//
// With no clipping and no noise this is exactly the weighted average of the accepted venues' parameters.
//
// Outlier test: an update is rejected when ‖Δ_k‖ > normMultiplier × the round's lower median norm (the
// ⌊(n−1)/2⌋-th smallest of the finite, well-shaped updates). The lower median keeps the test meaningful
// with two venues (a plain median would be the mean of the honest and the outlying norm, and a 100×
// update would pass); with one update, or a median of 0, there is no scale to compare against and the
// test is skipped.
//
// Noise: σ_applied = dpNoiseSigma × clipNorm when clipping (σ is then Flower's noise multiplier: the
// clip bounds any one venue's change, so the noise is calibrated to it), and dpNoiseSigma as an
// absolute standard deviation in parameter units without clipping (no privacy guarantee then: an
// update's size is unbounded). Flower divides by the number of sampled clients because FedAvg's
// weights are 1/n; FRY-alpha weights can give one venue most of the round, so no such division is made
// here. The noise comes from mt19937_64 with a Box–Muller transform (both specified bit for bit), so a
// seed reproduces a round anywhere; the coordinator derives the seed from its run seed and the round.

#include "modelparameters.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace apedesk::federated {

struct VenueUpdate
{
    QString venue;
    ModelParameters parameters;   // full local parameters, or a delta (AggregationOptions::updateKind)
    double weight = 0;            // the venue's FRY-alpha weight (any positive scale; renormalised here)
    qint64 sampleCount = 0;       // local training examples (FedAvg's weight, Weighting::SampleCount)
};

struct AggregationOptions
{
    enum class UpdateKind { FullParameters, Delta };
    enum class Weighting { Given, SampleCount };   // SampleCount: plain FedAvg, the baseline FRY alpha is compared with

    UpdateKind updateKind = UpdateKind::FullParameters;
    Weighting weighting = Weighting::Given;
    double normMultiplier = 10;             // <= 0 turns the outlier test off
    std::optional<double> clipNorm;         // > 0: each accepted delta is scaled down to at most this norm
    double dpNoiseSigma = 0;                // 0: no noise
    quint64 seed = 0;
};

struct VenueOutcome
{
    enum class Rejection { None, DuplicateVenue, InvalidWeight, WrongShape, NonFinite, NormOutlier };

    QString venue;
    bool accepted = false;
    Rejection rejection = Rejection::None;
    QString reason;                          // a sentence, when rejected
    double givenWeight = 0;                  // as sent (or the sample count)
    double weight = 0;                       // renormalised over the accepted venues; 0 when rejected
    std::optional<double> updateNorm;        // ‖Δ‖ before clipping; none when it could not be computed
    double appliedNorm = 0;                  // ‖Δ‖ after clipping (accepted venues)
    bool clipped = false;
};

struct AggregationResult
{
    ModelParameters parameters;              // the new global model (the old one when nothing was accepted)
    bool updated = false;
    QString keptReason;                      // why the global model was kept, when !updated
    QList<VenueOutcome> venues;              // in the order the updates came
    double medianNorm = 0;                   // the outlier test's reference (0: none)
    double noiseStd = 0;                     // the noise standard deviation actually added (0: none)
    double aggregateNorm = 0;                // ‖Σ w·clip(Δ)‖ before noise

    QMap<QString, double> weights() const;   // accepted venue → renormalised weight (sums to 1)
    QMap<QString, QString> rejected() const; // venue → reason
    QMap<QString, double> updateNorms() const;   // venue → ‖Δ‖ where computable
    QStringList acceptedVenues() const;
};

// Aggregates one round. Venue-level problems are rejections in the result, never errors; the error
// cases are a global model that is itself inconsistent or non-finite, and options out of range
// (negative σ, a clip norm that is not positive).
Result<AggregationResult> aggregate(const ModelParameters &global, const QList<VenueUpdate> &updates,
                                    const AggregationOptions &options = {});

} // namespace apedesk::federated
