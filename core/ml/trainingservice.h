#pragma once
// libtorch work (GAN, DQN, federated local training) runs on this service's thread, with the
// machine's cores given to libtorch.

#include "service.h"
#include "torchruntime.h"

#include <QMetaType>
#include <QMutex>

#include <optional>

namespace apedesk {
class Core;
}

namespace apedesk::ml {

class TrainingService : public Service
{
    Q_OBJECT
public:
    explicit TrainingService(int threads = 0, QObject *parent = nullptr);

    // Thread safe: queues a matrix-multiply throughput check; the result arrives as throughputMeasured.
    quint64 checkThroughput(int size = 512, double minSeconds = 1.0);
    // Thread safe: the engine description once the service has started (empty before).
    std::optional<RuntimeInfo> runtime() const;

Q_SIGNALS:
    void runtimeReady(apedesk::ml::RuntimeInfo info);
    void throughputMeasured(apedesk::ml::MatmulThroughput result);

protected:
    void onStarted() override;

private:
    int m_threads;
    mutable QMutex m_runtimeMutex;
    std::optional<RuntimeInfo> m_runtime;
};

// Adds the training service to a Core (the GUI and the CLI both call this).
TrainingService *addTrainingService(Core &core, int threads = 0);

} // namespace apedesk::ml

Q_DECLARE_METATYPE(apedesk::ml::RuntimeInfo)
Q_DECLARE_METATYPE(apedesk::ml::MatmulThroughput)
