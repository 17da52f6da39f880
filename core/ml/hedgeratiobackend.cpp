#include "hedgeratiobackend.h"

#include "hedgeratiomodel.h"

#include <memory>

namespace apedesk::ml {

QString HedgeRatioBackend::modelName() const
{
    return QStringLiteral("HedgeRatioPredictor 15-64-64-32-1");
}

federated::ModelParameters HedgeRatioBackend::initialParameters(quint64 seed) const
{
    return initialHedgeRatioParameters(seed);
}

Result<federated::LocalTrainingOutcome> HedgeRatioBackend::trainLocally(const federated::ModelParameters &global,
                                                                        const federated::VenueDataset &data,
                                                                        const federated::LocalTrainingSpec &spec,
                                                                        const std::function<bool()> &canceled) const
{
    LocalTrainingOptions options;
    options.epochs = spec.epochs;
    options.round = spec.round;
    options.baseLearningRate = spec.baseLearningRate;
    options.decay = spec.decay;
    options.batchSize = spec.batchSize;
    options.weightDecay = spec.weightDecay;
    options.seed = spec.seed;
    // The coordinator runs venues in parallel, one per thread: more intra-op threads per venue would
    // only compete for the same cores, and one thread keeps a seed's result bit-identical.
    options.threads = 1;

    Result<LocalTrainingResult> trained = trainHedgeRatioLocally(global, data, options, canceled);
    if (!trained)
        return trained.error();
    federated::LocalTrainingOutcome outcome;
    outcome.parameters = std::move(trained->parameters);
    outcome.trainLoss = trained->trainLoss;
    outcome.heldOutRmse = trained->heldOutRmse;
    outcome.learningRate = trained->learningRate;
    outcome.samples = trained->samples;
    outcome.seconds = trained->seconds;
    return outcome;
}

Result<QVector<float>> HedgeRatioBackend::predict(const federated::ModelParameters &parameters,
                                                  const QVector<float> &features) const
{
    return predictHedgeRatios(parameters, features);
}

void registerHedgeRatioBackend()
{
    federated::setFederatedModelBackend(std::make_shared<HedgeRatioBackend>());
}

} // namespace apedesk::ml
