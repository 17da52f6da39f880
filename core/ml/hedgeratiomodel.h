#pragma once
// The federated hedge-ratio model ("Agent B"): an MLP 15 → 64 → 64 → 32 → 1 (ReLU, dropout 0.2 after each
// hidden layer, sigmoid output) that reads a venue's 15 features (federated/venuefeatures.h) and predicts
// the realised optimal hedge ratio in (0, 1); MSE loss, Adam. No libtorch types here: the module lives in
// hedgeratiomodel_p.h, and weights travel as federated::ModelParameters so the strategy, the robust
// aggregation and the registry never see a tensor.
//
// Parameter layout (hedgeRatioParameterNames(), always in this order; PyTorch's shapes, [out, in]):
//   fc1.weight [64, 15]  fc1.bias [64]  fc2.weight [64, 64]  fc2.bias [64]
//   fc3.weight [32, 64]  fc3.bias [32]  out.weight [1, 32]   out.bias [1]      7,297 values in all
//
// Determinism: initial weights and all training randomness (the mini-batch order and the dropout masks)
// come from std::mt19937_64 engines seeded from LocalTrainingOptions::seed, with the draws computed here
// (not by <random>'s distributions or torch's generator), so they are the same on every platform and
// never shared between threads: several venues can train at once on different threads, each with its own
// model. With one libtorch thread (LocalTrainingOptions::threads = 1, the default) the same global
// parameters, data, options and seed give bit-identical results; with more threads the floating-point
// reductions may be ordered differently.

#include "common/error.h"
#include "federated/modelparameters.h"
#include "federated/venuedata.h"

#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>

namespace apedesk::ml {

constexpr int kHedgeRatioInputs = 15;        // federated::kVenueFeatureCount
constexpr double kHedgeRatioDropout = 0.2;

// The tensor names in layout order ("fc1.weight", "fc1.bias", …, "out.bias").
QStringList hedgeRatioParameterNames();

// Fresh weights, as PyTorch's nn.Linear initialises them (weights and biases uniform in ±1/√fan_in),
// drawn from mt19937_64(seed): the same seed gives the same bytes everywhere.
federated::ModelParameters initialHedgeRatioParameters(quint64 seed);

// The learning rate of a federated round: base × decay^round (round 0 → base). The schedule is
// base 0.01, decay 0.95.
double hedgeRatioLearningRate(double baseLearningRate, double decay, int round);

struct LocalTrainingOptions
{
    int epochs = 5;
    int round = 0;                           // the federated round (0-based), for the learning rate
    double baseLearningRate = 0.01;
    double decay = 0.95;                     // lr = baseLearningRate × decay^round
    int batchSize = 64;
    // Adam's L2 penalty (torch's AdamOptions::weight_decay; PyTorch's default 0). Off by default, as the
    // issue's recipe has none; a venue's samples overlap in time (each target reads the next H swaps),
    // so a few thousand of them hold far fewer independent ones than 7,297 weights can memorise.
    double weightDecay = 0;
    // Mini-batch order and dropout masks. The coordinator should derive it from its run seed, the round
    // and the venue, so venues and rounds do not share one random stream.
    quint64 seed = 0;
    int threads = 1;                         // libtorch intra-op threads (0: every core); 1 keeps runs exact

    Status validate() const;                 // Usage error naming the first bad value
};

struct LocalTrainingResult
{
    federated::ModelParameters parameters;   // the venue's new weights, in the layout above
    double trainLoss = 0;                    // mean MSE per train sample of the last epoch (with dropout)
    double heldOutRmse = 0;                  // on the venue's held-out split, eval mode (no dropout)
    // RMSE on the held-out split of always predicting the train split's mean target: the bar a model
    // has to clear to have learnt anything.
    double heldOutMeanRmse = 0;
    double learningRate = 0;                 // the rate used (hedgeRatioLearningRate of the options)
    int samples = 0;                         // train samples
    int epochs = 0;
    double seconds = 0;                      // wall time of the training and evaluation
};

// Loads `global`, trains it on the venue's train split (samples [0, trainCount)) for options.epochs
// epochs of shuffled mini-batches (the last batch of an epoch may be smaller), and evaluates it on the
// held-out split (samples [heldOutStart, N)). Errors: a global model of the wrong layout or with a
// NaN/Inf weight, a dataset without train or held-out samples or with a non-finite feature or target
// (Usage, naming the sample and feature); a loss or weight that becomes NaN/Inf (Model, naming the epoch
// and batch); `canceled` returning true, checked before every batch (Error::canceled()).
Result<LocalTrainingResult> trainHedgeRatioLocally(const federated::ModelParameters &global,
                                                   const federated::VenueDataset &data,
                                                   const LocalTrainingOptions &options,
                                                   const std::function<bool()> &canceled = {});

// The model's predictions (eval mode) for N × 15 row-major features; N = features.size() / 15 (0 gives
// an empty result). Errors as above for the parameters and the features.
Result<QVector<float>> predictHedgeRatios(const federated::ModelParameters &parameters, const QVector<float> &features);

// √(mean (prediction − target)²) over N ≥ 1 samples, accumulated in double.
Result<double> hedgeRatioRmse(const federated::ModelParameters &parameters, const QVector<float> &features,
                              const QVector<float> &targets);

// A loaded model, for evaluating one set of weights many times (the coordinator's per-venue RMSEs)
// without converting it again each time. Thread safe: one forward pass at a time.
class HedgeRatioModel
{
public:
    // Usage error for a wrong layout or a NaN/Inf weight.
    static Result<HedgeRatioModel> fromParameters(const federated::ModelParameters &parameters);
    HedgeRatioModel(HedgeRatioModel &&) noexcept;
    HedgeRatioModel &operator=(HedgeRatioModel &&) noexcept;
    ~HedgeRatioModel();

    // The module's weights read back (bit-exact with what it was loaded from).
    federated::ModelParameters parameters() const;
    Result<QVector<float>> predict(const QVector<float> &features) const;
    Result<double> rmse(const QVector<float> &features, const QVector<float> &targets) const;

private:
    HedgeRatioModel();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace apedesk::ml
