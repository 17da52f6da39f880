#include "trainingservice.h"

#include "common/logging.h"
#include "core.h"

namespace apedesk::ml {

TrainingService::TrainingService(int threads, QObject *parent)
    : Service(QStringLiteral("TrainingService"), parent), m_threads(threads)
{
    qRegisterMetaType<apedesk::ml::RuntimeInfo>();
    qRegisterMetaType<apedesk::ml::MatmulThroughput>();
}

void TrainingService::onStarted()
{
    // libtorch starts with one thread; give it the cores (or the configured count).
    setThreads(m_threads);
    const RuntimeInfo info = runtimeInfo();
    {
        QMutexLocker lock(&m_runtimeMutex);
        m_runtime = info;
    }
    if (!info.blasIsOptimized)
        qCWarning(lcMl).noquote() << "libtorch uses the reference BLAS" << info.blasLibrary
                                  << "- install libopenblas0-pthread for ~25x faster training";
    setStatus(ServiceStatus::State::Idle,
              tr("libtorch %1, %2 threads, %3 BLAS")
                  .arg(info.torchVersion)
                  .arg(info.threads)
                  .arg(info.blasIsOptimized ? tr("optimized") : tr("reference (slow)")));
    Q_EMIT runtimeReady(info);
}

std::optional<RuntimeInfo> TrainingService::runtime() const
{
    QMutexLocker lock(&m_runtimeMutex);
    return m_runtime;
}

quint64 TrainingService::checkThroughput(int size, double minSeconds)
{
    return runTask(tr("Measuring matrix throughput"), [this, size, minSeconds](const TaskContext &context) -> Status {
        auto result = measureMatmul(size, minSeconds, [&context] { return context.canceled(); });
        if (!result)
            return result.error();
        Q_EMIT throughputMeasured(*result);
        return {};
    });
}

TrainingService *addTrainingService(Core &core, int threads)
{
    return core.add(std::make_unique<TrainingService>(threads));
}

} // namespace apedesk::ml
