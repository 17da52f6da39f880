#pragma once
// The libtorch hedge-ratio net (hedgeratiomodel.h) as the federated coordinator's model backend: each
// venue's local training is trainHedgeRatioLocally with one libtorch thread, so venues training at once
// on the coordinator's threads neither oversubscribe the cores nor lose bit-exact reproducibility.
// registerHedgeRatioBackend() makes it federated::federatedModelBackend(); addTrainingService() calls it.

#include "federated/coordinator.h"

namespace apedesk::ml {

class HedgeRatioBackend : public federated::FederatedModelBackend
{
public:
    QString modelName() const override;   // "HedgeRatioPredictor 15-64-64-32-1"
    federated::ModelParameters initialParameters(quint64 seed) const override;
    Result<federated::LocalTrainingOutcome> trainLocally(const federated::ModelParameters &global,
                                                         const federated::VenueDataset &data,
                                                         const federated::LocalTrainingSpec &spec,
                                                         const std::function<bool()> &canceled) const override;
    Result<QVector<float>> predict(const federated::ModelParameters &parameters,
                                   const QVector<float> &features) const override;
};

// Installs a HedgeRatioBackend as the app's federated model backend (idempotent).
void registerHedgeRatioBackend();

} // namespace apedesk::ml
