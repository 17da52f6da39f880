#include "dqn_p.h"

#include "common/logging.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>
#include <torch/serialize/input-archive.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <mutex>

namespace apedesk::ml {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::DqnPolicy", text);
}

} // namespace

// ---- QNetwork and the TD target --------------------------------------------------------------

QNetworkImpl::QNetworkImpl(const QVector<int> &hidden)
{
    torch::nn::Sequential sequential;
    int64_t in = kRlObservationSize;
    for (const int width : hidden) {
        sequential->push_back(torch::nn::Linear(in, width));
        sequential->push_back(torch::nn::ReLU());
        in = width;
    }
    sequential->push_back(torch::nn::Linear(in, kRlActionCount));
    layers = register_module("layers", sequential);
}

torch::Tensor QNetworkImpl::forward(const torch::Tensor &observations)
{
    return layers->forward(observations);
}

torch::Tensor tdTargets(const torch::Tensor &rewards, const torch::Tensor &terminals, const torch::Tensor &nextTargetQ,
                        double gamma)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor nextBest = std::get<0>(nextTargetQ.max(1));
    return rewards + gamma * (1 - terminals) * nextBest;
}

// ---- DqnPolicy -------------------------------------------------------------------------------

struct DqnPolicy::Impl
{
    QString dir;
    QString checkpoint;
    // libtorch modules are not safe to run from several threads at once (the backend, the exporter and
    // the evaluation may share one policy): one forward at a time.
    mutable std::mutex mutex;
    QNetwork network{nullptr};
};

DqnPolicy::DqnPolicy() : d(std::make_unique<Impl>()) {}
DqnPolicy::~DqnPolicy() = default;

Result<std::shared_ptr<DqnPolicy>> DqnPolicy::load(const QString &runDirectory)
{
    Result<DqnTrainingConfig> config = DqnTrainer::readRunConfig(runDirectory);
    if (!config)
        return config.error();
    QString checkpoint;
    for (const char *name : {"final.pt", "last.pt"}) {
        const QString path = runDirectory + QStringLiteral("/checkpoints/") + QLatin1String(name);
        if (QFileInfo::exists(path)) {
            checkpoint = path;
            break;
        }
    }
    if (checkpoint.isEmpty())
        return Error::make(Error::Kind::Io, tr("The trader run %1 has no trained network yet (no checkpoint).").arg(runDirectory));

    std::shared_ptr<DqnPolicy> policy(new DqnPolicy);
    policy->d->dir = runDirectory;
    policy->d->checkpoint = checkpoint;
    try {
        // Building the network draws its (overwritten) initial weights from the global generator:
        // leave that generator as the caller had it.
        at::Generator generator = at::detail::getDefaultCPUGenerator();
        torch::Tensor callerRng;
        {
            std::lock_guard<std::mutex> lock(generator.mutex());
            callerRng = generator.get_state();
        }
        policy->d->network = QNetwork(config->dqn.hidden);
        {
            std::lock_guard<std::mutex> lock(generator.mutex());
            generator.set_state(callerRng);
        }
        torch::serialize::InputArchive root, archive;
        root.load_from(QFile::encodeName(checkpoint).toStdString());
        root.read("q_network", archive);
        policy->d->network->load(archive);
        policy->d->network->eval();
    } catch (const std::exception &e) {
        return Error::make(Error::Kind::Format, tr("The checkpoint %1 is damaged or is not a trader checkpoint.").arg(checkpoint),
                           QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 1));
    }
    qCInfo(lcMl) << "DQN policy loaded from" << checkpoint;
    return policy;
}

std::array<float, kRlActionCount> DqnPolicy::qValues(const RlObservation &observation) const
{
    std::array<float, kRlActionCount> q{};
    std::lock_guard<std::mutex> lock(d->mutex);
    torch::NoGradGuard noGrad;
    const torch::Tensor input = torch::from_blob(const_cast<float *>(observation.data()), {1, kRlObservationSize}, torch::kFloat);
    const torch::Tensor out = d->network->forward(input).contiguous();
    std::copy(out.data_ptr<float>(), out.data_ptr<float>() + kRlActionCount, q.begin());
    return q;
}

TradeAction DqnPolicy::greedy(const RlObservation &observation) const
{
    const std::array<float, kRlActionCount> q = qValues(observation);
    // Only the actions the position allows: the environment plays BUY while holding (and SELL while
    // flat) as HOLD, so such an argmax would be a label that says "buy" but means "hold" — and the agent
    // reads canary words literally. Q(invalid) ≈ Q(HOLD) after training, so this changes no outcome.
    const bool holding = observation[kRlObservationSize - 1] > 0.5f;
    const TradeAction move = holding ? TradeAction::Sell : TradeAction::Buy;
    // Strictly greater: a tie goes to HOLD.
    return q[int(move)] > q[int(TradeAction::Hold)] ? move : TradeAction::Hold;
}

QString DqnPolicy::runDirectory() const { return d->dir; }
QString DqnPolicy::checkpoint() const { return d->checkpoint; }

} // namespace apedesk::ml
