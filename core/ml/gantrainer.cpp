#include "gantrainer.h"
#include "runfiles.h"

#include "common/portablerandom.h"

#include "ganmodels_p.h"
#include "torchruntime.h"

#include "common/logging.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>

namespace apedesk::ml {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::GanTrainer", text);
}

constexpr int kConfigFormat = 1;
constexpr int kCheckpointFormat = 1;
constexpr int kGenerationBatch = 32;   // the tutorial's generation batch
constexpr double kInfinity = std::numeric_limits<double>::infinity();

QString configPath(const QString &dir) { return dir + QStringLiteral("/config.json"); }
QString normalizerPath(const QString &dir) { return dir + QStringLiteral("/normalizer.json"); }
QString checkpointDir(const QString &dir) { return dir + QStringLiteral("/checkpoints"); }
QString checkpointPath(const QString &dir, const char *name)
{
    return checkpointDir(dir) + QLatin1Char('/') + QLatin1String(name);
}
QString metricsCsvPath(const QString &dir) { return dir + QStringLiteral("/metrics.csv"); }
QString metricsJsonlPath(const QString &dir) { return dir + QStringLiteral("/metrics.jsonl"); }

const char *const kMetricsCsvHeader = "step,epoch,critic_loss,generator_loss,gradient_penalty,wasserstein,"
                                      "validation_generator_loss,validation_critic_loss,lr_g,lr_d,seconds\n";

QString number(double v)
{
    return QString::number(v, 'g', 17);
}

Error modelError(const QString &message, const std::exception &e)
{
    return Error::make(Error::Kind::Model, message, QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 2));
}

// ---- config.json -----------------------------------------------------------------------------

QJsonObject modelToJson(const GanConfig &c)
{
    QJsonObject o;
    o.insert(QStringLiteral("sequenceLength"), c.sequenceLength);
    o.insert(QStringLiteral("features"), c.features);
    o.insert(QStringLiteral("conditionSize"), c.conditionSize);
    o.insert(QStringLiteral("latent"), c.latent);
    o.insert(QStringLiteral("hidden"), c.hidden);
    o.insert(QStringLiteral("heads"), c.heads);
    o.insert(QStringLiteral("layers"), c.layers);
    o.insert(QStringLiteral("dropout"), c.dropout);
    o.insert(QStringLiteral("latentNoise"), c.latentNoise);
    o.insert(QStringLiteral("outputNoise"), c.outputNoise);
    o.insert(QStringLiteral("criticDropout"), c.criticDropout);
    o.insert(QStringLiteral("minibatchChannels"), c.minibatchChannels);
    o.insert(QStringLiteral("powerIterations"), c.powerIterations);
    o.insert(QStringLiteral("batchSize"), c.batchSize);
    o.insert(QStringLiteral("nCritic"), c.nCritic);
    o.insert(QStringLiteral("epochs"), c.epochs);
    o.insert(QStringLiteral("patience"), c.patience);
    o.insert(QStringLiteral("lrG"), c.lrG);
    o.insert(QStringLiteral("lrD"), c.lrD);
    o.insert(QStringLiteral("beta1"), c.beta1);
    o.insert(QStringLiteral("beta2"), c.beta2);
    o.insert(QStringLiteral("lambdaGp"), c.lambdaGp);
    o.insert(QStringLiteral("diversityWeight"), c.diversityWeight);
    o.insert(QStringLiteral("featureMatchingWeight"), c.featureMatchingWeight);
    o.insert(QStringLiteral("gradientClip"), c.gradientClip);
    o.insert(QStringLiteral("instanceNoise"), c.instanceNoise);
    // A string: JSON numbers are doubles and lose 64-bit seeds above 2^53.
    o.insert(QStringLiteral("seed"), QString::number(c.seed));
    return o;
}

// The sentence above the names of a config.json's fields of the wrong type.
QString wrongFieldType() { return tr("The GAN run configuration has a field of the wrong type."); }

Result<GanConfig> modelFromJson(const QJsonObject &o, GanConfig c)
{
    RunConfigReader r(o, QStringLiteral("model"), wrongFieldType());
    r.read("sequenceLength", c.sequenceLength);
    r.read("features", c.features);
    r.read("conditionSize", c.conditionSize);
    r.read("latent", c.latent);
    r.read("hidden", c.hidden);
    r.read("heads", c.heads);
    r.read("layers", c.layers);
    r.read("dropout", c.dropout);
    r.read("latentNoise", c.latentNoise);
    r.read("outputNoise", c.outputNoise);
    r.read("criticDropout", c.criticDropout);
    r.read("minibatchChannels", c.minibatchChannels);
    r.read("powerIterations", c.powerIterations);
    r.read("batchSize", c.batchSize);
    r.read("nCritic", c.nCritic);
    r.read("epochs", c.epochs);
    r.read("patience", c.patience);
    r.read("lrG", c.lrG);
    r.read("lrD", c.lrD);
    r.read("beta1", c.beta1);
    r.read("beta2", c.beta2);
    r.read("lambdaGp", c.lambdaGp);
    r.read("diversityWeight", c.diversityWeight);
    r.read("featureMatchingWeight", c.featureMatchingWeight);
    r.read("gradientClip", c.gradientClip);
    r.read("instanceNoise", c.instanceNoise);
    quint64 seed = c.seed;
    r.readSeed("seed", seed, false);
    c.seed = seed;
    if (auto s = r.status(); !s)
        return s.error();
    return c;
}

// ---- libtorch helpers ------------------------------------------------------------------------

// The process-wide CPU generator draws dropout masks, instance noise, z and the penalty's α: its
// state is part of a checkpoint, or a resumed run would draw different numbers.
torch::Tensor globalRngState()
{
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setGlobalRngState(const torch::Tensor &state)
{
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

void setLearningRate(torch::optim::Optimizer &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        static_cast<torch::optim::AdamOptions &>(group.options()).lr(lr);
}

bool allFinite(const std::vector<torch::Tensor> &tensors)
{
    for (const auto &t : tensors)
        if (t.defined() && t.is_floating_point() && !torch::isfinite(t).all().item<bool>())
            return false;
    return true;
}

torch::Tensor tensorFrom(const QVector<float> &values, std::vector<int64_t> shape)
{
    return torch::from_blob(const_cast<float *>(values.constData()), shape, torch::kFloat).clone();
}

std::string localPath(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}

// torch.optim.lr_scheduler.ReduceLROnPlateau(mode="min", factor, patience, threshold=1e-4 "rel",
// cooldown=0, min_lr=0, eps=1e-8), one per optimiser.
struct PlateauScheduler
{
    double factor = 0.5;
    int patience = 10;
    double best = kInfinity;
    int badEpochs = 0;

    double step(double metric, double lr)
    {
        if (metric < best * (1 - 1e-4)) {
            best = metric;
            badEpochs = 0;
        } else {
            ++badEpochs;
        }
        if (badEpochs > patience) {
            const double reduced = lr * factor;
            if (lr - reduced > 1e-8)
                lr = reduced;
            badEpochs = 0;
        }
        return lr;
    }
};

} // namespace

// ---- GanTrainingConfig -----------------------------------------------------------------------

QJsonObject GanTrainingConfig::toJson() const
{
    QJsonObject data;
    data.insert(QStringLiteral("kind"), dataKind);
    data.insert(QStringLiteral("source"), dataSource);
    data.insert(QStringLiteral("chain"), dataChain);
    data.insert(QStringLiteral("poolId"), dataPoolId);
    data.insert(QStringLiteral("lastRows"), dataLastRows);

    QJsonObject o;
    o.insert(QStringLiteral("format"), kConfigFormat);
    o.insert(QStringLiteral("preset"), preset);
    o.insert(QStringLiteral("model"), modelToJson(model));
    o.insert(QStringLiteral("logEverySteps"), logEverySteps);
    o.insert(QStringLiteral("checkpointEverySteps"), checkpointEverySteps);
    o.insert(QStringLiteral("threads"), threads);
    o.insert(QStringLiteral("data"), data);
    return o;
}

Result<GanTrainingConfig> GanTrainingConfig::fromJson(const QJsonObject &object)
{
    const auto formatError = [](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("The GAN run configuration is not valid."), detail);
    };
    const QJsonValue format = object.value(QStringLiteral("format"));
    if (!format.isDouble() || format.toInt() < 1)
        return formatError(QStringLiteral("missing or bad \"format\""));
    if (format.toInt() > kConfigFormat)
        return formatError(QStringLiteral("format %1 is newer than this program (%2)").arg(format.toInt()).arg(kConfigFormat));

    GanTrainingConfig c;
    c.preset = object.value(QStringLiteral("preset")).toString();
    if (c.preset != QLatin1String("quick") && c.preset != QLatin1String("full"))
        return formatError(QStringLiteral("preset \"%1\" is neither quick nor full").arg(c.preset));
    const QJsonValue model = object.value(QStringLiteral("model"));
    if (!model.isObject())
        return formatError(QStringLiteral("missing \"model\" object"));
    Result<GanConfig> parsedModel = modelFromJson(model.toObject(), c.preset == QLatin1String("full") ? GanConfig::full() : GanConfig::quick());
    if (!parsedModel)
        return parsedModel.error();
    c.model = *parsedModel;
    if (auto valid = c.model.validate(); !valid)
        return Error::make(Error::Kind::Format, valid.error().message, valid.error().detail);

    RunConfigReader top(object, QStringLiteral("run"), wrongFieldType());
    top.read("logEverySteps", c.logEverySteps);
    top.read("checkpointEverySteps", c.checkpointEverySteps);
    top.read("threads", c.threads);
    if (auto s = top.status(); !s)
        return s.error();
    const QJsonObject data = object.value(QStringLiteral("data")).toObject();
    RunConfigReader dataReader(data, QStringLiteral("data"), wrongFieldType());
    dataReader.read("kind", c.dataKind);
    dataReader.read("source", c.dataSource);
    dataReader.read("chain", c.dataChain);
    dataReader.read("poolId", c.dataPoolId);
    dataReader.read("lastRows", c.dataLastRows);
    if (auto s = dataReader.status(); !s)
        return s.error();
    if (c.logEverySteps < 1 || c.checkpointEverySteps < 1 || c.threads < 0 || c.dataLastRows < 0)
        return formatError(QStringLiteral("logEverySteps=%1 checkpointEverySteps=%2 threads=%3 lastRows=%4")
                               .arg(c.logEverySteps).arg(c.checkpointEverySteps).arg(c.threads).arg(c.dataLastRows));
    if (c.dataKind != QLatin1String("csv") && c.dataKind != QLatin1String("store"))
        return formatError(QStringLiteral("data kind \"%1\" is neither csv nor store").arg(c.dataKind));
    return c;
}

// ---- GanTrainer ------------------------------------------------------------------------------

struct GanTrainer::Impl
{
    QString dir;
    GanTrainingConfig config;
    GanDataset dataset;
    std::optional<GanNetworks> networks;
    std::unique_ptr<torch::optim::Adam> optimizerG, optimizerD;
    torch::Tensor trainX, trainC, validationX, validationC;

    int batchSize = 0;
    int stepsPerEpoch = 0;

    // Resumable state (all of it goes into a checkpoint).
    std::mt19937_64 shuffleEngine;
    std::vector<int64_t> order;   // this epoch's permutation of the training windows
    qint64 step = 0;              // steps done
    int epoch = 0;                // the epoch in progress (0-based); == epochs when done
    int batchInEpoch = 0;
    double bestValidationG = kInfinity;
    int epochsWithoutImprovement = 0;
    PlateauScheduler plateauG, plateauD;
    double lrG = 0, lrD = 0;
    double lastGeneratorLoss = 0;
    double secondsBefore = 0;     // training time of earlier sessions

    // Session state.
    qint64 lastCheckpointStep = -1;
    bool diverged = false;
    QFile metricsCsv, metricsJsonl;
    QElapsedTimer sessionTimer;
    double pausedSeconds = 0;

    gan::Generator &generator() { return networks->impl().generator; }
    gan::Critic &critic() { return networks->impl().critic; }

    Status build(GanDataset data, const GanTrainingConfig &runConfig);
    void reshuffle();
    Status writeCheckpoint(const QString &path);
    Status saveLast();
    Status copyCheckpoint(const char *name);
    Status readCheckpoint(const QString &path);
    Status openMetrics();
    void logMetrics(const GanStepMetrics &m, const GanTrainingHooks &hooks);
    double activeSeconds() const { return sessionTimer.isValid() ? sessionTimer.nsecsElapsed() / 1e9 - pausedSeconds : 0; }

    struct StepLosses
    {
        double critic = 0, penalty = 0, wasserstein = 0;
    };
    // One global step: a critic update and, every nCritic steps, a generator update. Returns the
    // divergence message when a loss or gradient norm is not finite (nothing is updated then).
    std::optional<QString> trainOneStep(StepLosses &out);
    std::pair<double, double> validationLosses();
    QString divergenceMessage(const QString &what, double value) const;
    GanProgress progress(qint64 sessionSteps) const;
    GanTrainingResult run(qint64 maxSteps, const GanTrainingHooks &hooks);
};

Status GanTrainer::Impl::build(GanDataset data, const GanTrainingConfig &runConfig)
{
    config = runConfig;
    const GanConfig &m = config.model;
    if (auto valid = m.validate(); !valid)
        return valid;
    if (m.sequenceLength != kGanSequenceLength || m.features != kGanFeatureCount || m.conditionSize != kGanConditionCount)
        return Error::make(Error::Kind::Usage, tr("The GAN configuration does not match the swap data's shape (24 steps of 10 features, 5 condition values)."),
                           QStringLiteral("T=%1 F=%2 C=%3").arg(m.sequenceLength).arg(m.features).arg(m.conditionSize));
    if (config.logEverySteps < 1 || config.checkpointEverySteps < 1 || config.threads < 0)
        return Error::make(Error::Kind::Usage, tr("The logging and checkpoint intervals must be positive."),
                           QStringLiteral("log=%1 checkpoint=%2 threads=%3").arg(config.logEverySteps).arg(config.checkpointEverySteps).arg(config.threads));
    const int window = kGanSequenceLength * kGanFeatureCount;
    if (data.trainCount < 1 || data.validationCount < 1 || data.trainSequences.size() != data.trainCount * window
        || data.validationSequences.size() != data.validationCount * window
        || data.trainConditions.size() != data.trainCount * kGanConditionCount
        || data.validationConditions.size() != data.validationCount * kGanConditionCount)
        return Error::make(Error::Kind::Usage, tr("The GAN dataset needs at least one training and one validation window."),
                           QStringLiteral("train=%1 validation=%2").arg(data.trainCount).arg(data.validationCount));
    dataset = std::move(data);

    try {
        Result<GanNetworks> built = GanNetworks::create(m);
        if (!built)
            return built.error();
        networks.emplace(std::move(built).value());
        lrG = m.lrG;
        lrD = m.lrD;
        const auto betas = std::make_tuple(m.beta1, m.beta2);
        optimizerG = std::make_unique<torch::optim::Adam>(generator()->parameters(), torch::optim::AdamOptions(lrG).betas(betas));
        optimizerD = std::make_unique<torch::optim::Adam>(critic()->parameters(), torch::optim::AdamOptions(lrD).betas(betas));
        generator()->train();
        critic()->train();
        trainX = tensorFrom(dataset.trainSequences, {dataset.trainCount, kGanSequenceLength, kGanFeatureCount});
        trainC = tensorFrom(dataset.trainConditions, {dataset.trainCount, kGanConditionCount});
        validationX = tensorFrom(dataset.validationSequences, {dataset.validationCount, kGanSequenceLength, kGanFeatureCount});
        validationC = tensorFrom(dataset.validationConditions, {dataset.validationCount, kGanConditionCount});
    } catch (const std::exception &e) {
        return modelError(tr("The GAN training could not be set up."), e);
    }
    // Full batches only (drop_last): the minibatch-similarity feature and the pairwise-distance term
    // depend on the batch size, so a short last batch would be a different objective.
    batchSize = std::min(m.batchSize, dataset.trainCount);
    stepsPerEpoch = dataset.trainCount / batchSize;
    shuffleEngine.seed(m.seed);
    reshuffle();
    return {};
}

void GanTrainer::Impl::reshuffle()
{
    order.resize(static_cast<size_t>(dataset.trainCount));
    std::iota(order.begin(), order.end(), int64_t(0));
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[uniformBelow(shuffleEngine, i)]);
}

Status GanTrainer::Impl::writeCheckpoint(const QString &path)
{
    if (diverged)
        return Error::make(Error::Kind::Model, tr("The training diverged; its state is not saved over the last good checkpoint."));
    try {
        std::vector<torch::Tensor> state = generator()->parameters();
        for (const auto &t : critic()->parameters())
            state.push_back(t);
        for (const auto &t : critic()->buffers())   // the spectral-norm vectors
            state.push_back(t);
        if (!allFinite(state))
            return Error::make(Error::Kind::Model, tr("A network weight is not a finite number; the last good checkpoint is kept."),
                               QStringLiteral("step %1").arg(step));

        torch::serialize::OutputArchive root, g, c, og, od;
        generator()->save(g);
        critic()->save(c);
        optimizerG->save(og);
        optimizerD->save(od);
        root.write("generator", g);
        root.write("critic", c);
        root.write("optimizer_g", og);
        root.write("optimizer_d", od);
        root.write("rng", globalRngState());
        std::ostringstream engine;
        engine << shuffleEngine;
        root.write("shuffle_engine", c10::IValue(engine.str()));
        root.write("order", torch::from_blob(order.data(), {static_cast<int64_t>(order.size())}, torch::kLong).clone());
        root.write("format", c10::IValue(int64_t(kCheckpointFormat)));
        root.write("step", c10::IValue(int64_t(step)));
        root.write("epoch", c10::IValue(int64_t(epoch)));
        root.write("batch_in_epoch", c10::IValue(int64_t(batchInEpoch)));
        root.write("best_validation_g", c10::IValue(bestValidationG));
        root.write("epochs_without_improvement", c10::IValue(int64_t(epochsWithoutImprovement)));
        root.write("plateau_g_best", c10::IValue(plateauG.best));
        root.write("plateau_g_bad", c10::IValue(int64_t(plateauG.badEpochs)));
        root.write("plateau_d_best", c10::IValue(plateauD.best));
        root.write("plateau_d_bad", c10::IValue(int64_t(plateauD.badEpochs)));
        root.write("lr_g", c10::IValue(lrG));
        root.write("lr_d", c10::IValue(lrD));
        root.write("last_generator_loss", c10::IValue(lastGeneratorLoss));
        root.write("seconds", c10::IValue(secondsBefore + activeSeconds()));
        root.write("train_count", c10::IValue(int64_t(dataset.trainCount)));
        root.write("validation_count", c10::IValue(int64_t(dataset.validationCount)));

        // QSaveFile writes a temporary file and renames it over the old one on commit: a crash while
        // writing leaves the previous checkpoint whole.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error::make(Error::Kind::Io, tr("Cannot write the checkpoint %1.").arg(path), file.errorString());
        root.save_to([&file](const void *data, size_t size) -> size_t {
            return file.write(static_cast<const char *>(data), static_cast<qint64>(size)) == qint64(size) ? size : 0;
        });
        if (!file.commit())
            return Error::make(Error::Kind::Io, tr("Cannot write the checkpoint %1.").arg(path), file.errorString());
    } catch (const std::exception &e) {
        return modelError(tr("Cannot write the checkpoint %1.").arg(path), e);
    }
    return {};
}

Status GanTrainer::Impl::saveLast()
{
    if (auto s = writeCheckpoint(checkpointPath(dir, "last.pt")); !s)
        return s;
    lastCheckpointStep = step;
    return {};
}

// best.pt / final.pt: the same bytes as last.pt, which was just written for this state; through
// QSaveFile, so the previous best.pt stays whole until the new one is complete.
Status GanTrainer::Impl::copyCheckpoint(const char *name)
{
    const QString fromPath = checkpointPath(dir, "last.pt");
    const QString toPath = checkpointPath(dir, name);
    QFile from(fromPath);
    QSaveFile to(toPath);
    if (!from.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the checkpoint %1.").arg(fromPath), from.errorString());
    if (!to.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("Cannot write the checkpoint %1.").arg(toPath), to.errorString());
    while (!from.atEnd()) {
        const QByteArray chunk = from.read(qint64(1) << 22);
        if (chunk.isEmpty() || to.write(chunk) != chunk.size()) {
            to.cancelWriting();
            break;
        }
    }
    if (!to.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write the checkpoint %1.").arg(toPath), to.errorString());
    return {};
}

Status GanTrainer::Impl::readCheckpoint(const QString &path)
{
    const auto damaged = [&path](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("The checkpoint %1 is damaged or is not a GAN checkpoint.").arg(path), detail);
    };
    try {
        torch::serialize::InputArchive root, g, c, og, od;
        root.load_from(localPath(path));
        const auto readInt = [&root](const char *key) {
            c10::IValue v;
            root.read(key, v);
            return v.toInt();
        };
        const auto readDouble = [&root](const char *key) {
            c10::IValue v;
            root.read(key, v);
            return v.toDouble();
        };
        if (readInt("format") != kCheckpointFormat)
            return damaged(QStringLiteral("unknown checkpoint format"));
        const int64_t trainCount = readInt("train_count");
        const int64_t validationCount = readInt("validation_count");
        if (trainCount != dataset.trainCount || validationCount != dataset.validationCount)
            return Error::make(Error::Kind::Usage, tr("The data does not match the run: it was trained on %1 training and %2 validation windows, this data has %3 and %4.")
                                                       .arg(trainCount).arg(validationCount).arg(dataset.trainCount).arg(dataset.validationCount));
        root.read("generator", g);
        root.read("critic", c);
        root.read("optimizer_g", og);
        root.read("optimizer_d", od);
        generator()->load(g);
        critic()->load(c);
        optimizerG->load(og);
        optimizerD->load(od);
        torch::Tensor rng, savedOrder;
        root.read("rng", rng);
        root.read("order", savedOrder);
        c10::IValue engine;
        root.read("shuffle_engine", engine);
        std::istringstream engineStream(engine.toStringRef());
        engineStream >> shuffleEngine;
        if (engineStream.fail() || savedOrder.numel() != dataset.trainCount)
            return damaged(QStringLiteral("bad shuffle state"));
        savedOrder = savedOrder.contiguous();
        order.assign(savedOrder.data_ptr<int64_t>(), savedOrder.data_ptr<int64_t>() + savedOrder.numel());

        step = readInt("step");
        epoch = static_cast<int>(readInt("epoch"));
        batchInEpoch = static_cast<int>(readInt("batch_in_epoch"));
        bestValidationG = readDouble("best_validation_g");
        epochsWithoutImprovement = static_cast<int>(readInt("epochs_without_improvement"));
        plateauG.best = readDouble("plateau_g_best");
        plateauG.badEpochs = static_cast<int>(readInt("plateau_g_bad"));
        plateauD.best = readDouble("plateau_d_best");
        plateauD.badEpochs = static_cast<int>(readInt("plateau_d_bad"));
        lrG = readDouble("lr_g");
        lrD = readDouble("lr_d");
        lastGeneratorLoss = readDouble("last_generator_loss");
        secondsBefore = readDouble("seconds");
        if (step < 0 || epoch < 0 || batchInEpoch < 0 || batchInEpoch >= std::max(1, stepsPerEpoch))
            return damaged(QStringLiteral("step %1 epoch %2 batch %3").arg(step).arg(epoch).arg(batchInEpoch));
        setLearningRate(*optimizerG, lrG);
        setLearningRate(*optimizerD, lrD);
        // Last: building the networks seeded the generator.
        setGlobalRngState(rng);
    } catch (const std::exception &e) {
        return damaged(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 1));
    }
    lastCheckpointStep = step;
    return {};
}

Status GanTrainer::Impl::openMetrics()
{
    for (QFile *file : {&metricsCsv, &metricsJsonl}) {
        if (file->isOpen())
            continue;
        file->setFileName(file == &metricsCsv ? metricsCsvPath(dir) : metricsJsonlPath(dir));
        const bool fresh = !file->exists() || file->size() == 0;
        if (!file->open(QIODevice::WriteOnly | QIODevice::Append))
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(file->fileName()), file->errorString());
        if (fresh && file == &metricsCsv) {
            file->write(kMetricsCsvHeader);
            file->flush();
        }
    }
    return {};
}

void GanTrainer::Impl::logMetrics(const GanStepMetrics &m, const GanTrainingHooks &hooks)
{
    const auto optional = [](const std::optional<double> &v) { return v ? number(*v) : QString(); };
    const QString row = QStringList{QString::number(m.step), QString::number(m.epoch), number(m.criticLoss),
                                    number(m.generatorLoss), number(m.gradientPenalty), number(m.wasserstein),
                                    optional(m.validationGeneratorLoss), optional(m.validationCriticLoss),
                                    number(m.learningRateG), number(m.learningRateD), number(m.secondsElapsed)}
                            .join(QLatin1Char(','));
    metricsCsv.write(QByteArray(row.toUtf8() + '\n'));
    // Flushed per row: a killed run keeps everything it logged.
    metricsCsv.flush();

    QJsonObject o;
    o.insert(QStringLiteral("step"), m.step);
    o.insert(QStringLiteral("epoch"), m.epoch);
    o.insert(QStringLiteral("critic_loss"), m.criticLoss);
    o.insert(QStringLiteral("generator_loss"), m.generatorLoss);
    o.insert(QStringLiteral("gradient_penalty"), m.gradientPenalty);
    o.insert(QStringLiteral("wasserstein"), m.wasserstein);
    if (m.validationGeneratorLoss)
        o.insert(QStringLiteral("validation_generator_loss"), *m.validationGeneratorLoss);
    if (m.validationCriticLoss)
        o.insert(QStringLiteral("validation_critic_loss"), *m.validationCriticLoss);
    o.insert(QStringLiteral("lr_g"), m.learningRateG);
    o.insert(QStringLiteral("lr_d"), m.learningRateD);
    o.insert(QStringLiteral("seconds"), m.secondsElapsed);
    metricsJsonl.write(QByteArray(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n'));
    metricsJsonl.flush();

    if (hooks.metrics)
        hooks.metrics(m);
}

QString GanTrainer::Impl::divergenceMessage(const QString &what, double value) const
{
    const QString kind = std::isnan(value) ? QStringLiteral("NaN") : tr("infinite");
    const QString kept = lastCheckpointStep >= 0
        ? tr("the last good checkpoint at step %1 is kept.").arg(lastCheckpointStep)
        : tr("no checkpoint had been written yet.");
    return tr("The %1 became %2 at step %3; %4").arg(what, kind).arg(step + 1).arg(kept);
}

std::optional<QString> GanTrainer::Impl::trainOneStep(StepLosses &out)
{
    const GanConfig &m = config.model;
    auto &g = generator();
    auto &d = critic();
    const auto indices = torch::from_blob(order.data() + int64_t(batchInEpoch) * batchSize, {batchSize}, torch::kLong);
    const auto real = trainX.index_select(0, indices);
    const auto cond = trainC.index_select(0, indices);
    // Instance noise on what the critic sees, real and fake, fading by 0.9 per epoch.
    const double sigma = m.instanceNoise * std::pow(0.9, epoch);
    const auto noisy = [sigma](const torch::Tensor &x) { return sigma > 0 ? x + torch::randn_like(x) * sigma : x; };

    // Critic.
    torch::Tensor fake;
    {
        torch::NoGradGuard noGrad;
        fake = g->forward(torch::randn({batchSize, m.latent}), cond);
    }
    const auto realSeen = noisy(real);
    const auto fakeSeen = noisy(fake);
    optimizerD->zero_grad();
    const auto realScores = d->forward(realSeen, cond);
    const auto fakeScores = d->forward(fakeSeen, cond);
    const auto penalty = gan::gradientPenalty(d, realSeen, fakeSeen, cond, m.lambdaGp);
    const auto lossD = gan::criticLoss(realScores, fakeScores, penalty);
    out.critic = lossD.item<double>();
    out.penalty = penalty.item<double>();
    out.wasserstein = (realScores.mean() - fakeScores.mean()).item<double>();
    if (!std::isfinite(out.critic))
        return divergenceMessage(tr("critic loss"), out.critic);
    if (!std::isfinite(out.penalty))
        return divergenceMessage(tr("gradient penalty"), out.penalty);
    lossD.backward();
    const double normD = torch::nn::utils::clip_grad_norm_(d->parameters(), m.gradientClip);
    if (!std::isfinite(normD))
        return divergenceMessage(tr("critic gradient norm"), normD);
    optimizerD->step();

    // Generator: at step 0 and every nCritic steps of the global counter.
    if (step % m.nCritic == 0) {
        optimizerG->zero_grad();
        const auto generated = g->forward(torch::randn({batchSize, m.latent}), cond);
        torch::Tensor realFeatures;
        {
            torch::NoGradGuard noGrad;
            realFeatures = d->forwardWithFeatures(realSeen, cond).features;
        }
        const auto fakeOut = d->forwardWithFeatures(noisy(generated), cond);
        const auto lossG = gan::generatorLoss(fakeOut.score, generated, realFeatures, fakeOut.features, m);
        const double valueG = lossG.item<double>();
        if (!std::isfinite(valueG))
            return divergenceMessage(tr("generator loss"), valueG);
        lossG.backward();
        const double normG = torch::nn::utils::clip_grad_norm_(g->parameters(), m.gradientClip);
        if (!std::isfinite(normG))
            return divergenceMessage(tr("generator gradient norm"), normG);
        optimizerG->step();
        lastGeneratorLoss = valueG;
    }
    return std::nullopt;
}

// Validation losses in eval mode (no dropout, no generator noise, no instance noise, no spectral-norm
// update) with a fixed z per epoch, so epochs compare like with like. The critic loss leaves out the
// gradient penalty (it needs input gradients and is a training regulariser, not a quality measure):
// it is −(mean D(real) − mean D(fake)). The generator loss is the full training objective.
std::pair<double, double> GanTrainer::Impl::validationLosses()
{
    const GanConfig &m = config.model;
    auto &g = generator();
    auto &d = critic();
    g->eval();
    d->eval();
    torch::NoGradGuard noGrad;
    auto zGenerator = at::make_generator<at::CPUGeneratorImpl>(m.seed + 1);
    const int64_t count = dataset.validationCount;
    // Near-equal batches: a batch of one would have no pairwise distances and no minibatch similarity.
    const int64_t batches = std::max<int64_t>(1, (count + m.batchSize - 1) / m.batchSize);
    double sumG = 0, sumD = 0;
    for (int64_t b = 0; b < batches; ++b) {
        const int64_t begin = b * count / batches, end = (b + 1) * count / batches;
        const auto real = validationX.slice(0, begin, end);
        const auto cond = validationC.slice(0, begin, end);
        const auto fake = g->forward(torch::randn({end - begin, int64_t(m.latent)}, zGenerator), cond);
        const auto realOut = d->forwardWithFeatures(real, cond);
        const auto fakeOut = d->forwardWithFeatures(fake, cond);
        const double lossD = (-(realOut.score.mean() - fakeOut.score.mean())).item<double>();
        const double lossG = gan::generatorLoss(fakeOut.score, fake, realOut.features, fakeOut.features, m).item<double>();
        sumD += lossD * double(end - begin);
        sumG += lossG * double(end - begin);
    }
    g->train();
    d->train();
    return {sumG / double(count), sumD / double(count)};
}

GanProgress GanTrainer::Impl::progress(qint64 sessionSteps) const
{
    GanProgress p;
    p.step = step;
    p.totalSteps = qint64(config.model.epochs) * stepsPerEpoch;
    p.epoch = std::min(epoch, config.model.epochs - 1) + 1;
    p.epochs = config.model.epochs;
    const double seconds = activeSeconds();
    if (sessionSteps > 0 && seconds > 0) {
        p.stepsPerSecond = double(sessionSteps) / seconds;
        p.etaSeconds = double(std::max<qint64>(0, p.totalSteps - step)) / p.stepsPerSecond;
    }
    p.text = p.etaSeconds >= 0
        ? tr("Epoch %1 of %2, step %3 of %4, %5 steps/s, about %6 s left.")
              .arg(p.epoch).arg(p.epochs).arg(p.step).arg(p.totalSteps).arg(p.stepsPerSecond, 0, 'f', 2).arg(std::ceil(p.etaSeconds))
        : tr("Epoch %1 of %2, step %3 of %4.").arg(p.epoch).arg(p.epochs).arg(p.step).arg(p.totalSteps);
    return p;
}

GanTrainingResult GanTrainer::Impl::run(qint64 maxSteps, const GanTrainingHooks &hooks)
{
    GanTrainingResult result;
    const qint64 firstStep = step;
    const auto finish = [&](GanTrainingResult::End end, QString message) {
        result.end = end;
        result.steps = step - firstStep;
        result.epochs = epoch;
        result.bestValidationGeneratorLoss = bestValidationG;
        result.message = std::move(message);
        qCInfo(lcMl) << "GAN training ended:" << result.message;
        return result;
    };
    if (diverged)
        return finish(GanTrainingResult::End::Diverged, tr("The training diverged earlier; resume from the last good checkpoint."));
    if (epoch >= config.model.epochs)
        return finish(GanTrainingResult::End::Finished, tr("The training has already finished its %1 epochs.").arg(config.model.epochs));
    if (config.model.patience > 0 && epochsWithoutImprovement >= config.model.patience)
        return finish(GanTrainingResult::End::EarlyStopped, tr("The training had already stopped early."));
    if (auto opened = openMetrics(); !opened)
        return finish(GanTrainingResult::End::Failed, opened.error().toString());

    setThreads(config.threads);
    sessionTimer.start();
    pausedSeconds = 0;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto stopRequested = [&hooks] { return hooks.stopRequested && hooks.stopRequested(); };
    const auto stopAndSave = [&]() {
        const Status saved = saveLast();
        return finish(saved ? GanTrainingResult::End::Stopped : GanTrainingResult::End::Failed,
                      saved ? tr("Stopped at step %1; the checkpoint is saved and the run can be resumed.").arg(step)
                            : tr("Stopped at step %1, but the checkpoint could not be saved: %2").arg(step).arg(saved.error().toString()));
    };
    const auto endWith = [&](GanTrainingResult::End end, const QString &message) {
        // last.pt was just written at the epoch end.
        const Status saved = copyCheckpoint("final.pt");
        return finish(end, saved ? message : message + QLatin1Char(' ') + saved.error().toString());
    };

    try {
        while (step - firstStep < maxSteps) {
            if (stopRequested())
                return stopAndSave();
            if (hooks.pauseRequested && hooks.pauseRequested()) {
                QElapsedTimer paused;
                paused.start();
                if (hooks.progress) {
                    GanProgress p = progress(step - firstStep);
                    p.text = tr("Paused at step %1.").arg(step);
                    hooks.progress(p);
                }
                // The caller's events keep running (a local loop in 50 ms slices), so a queued resume
                // or stop reaches its flag.
                while (hooks.pauseRequested() && !stopRequested()) {
                    if (QCoreApplication::instance()) {
                        QEventLoop loop;
                        QTimer::singleShot(50, &loop, &QEventLoop::quit);
                        loop.exec();
                    } else {
                        QThread::msleep(50);
                    }
                }
                pausedSeconds += paused.nsecsElapsed() / 1e9;
                if (stopRequested())
                    return stopAndSave();
            }

            StepLosses losses;
            if (const std::optional<QString> failure = trainOneStep(losses)) {
                diverged = true;
                qCWarning(lcMl) << *failure;
                return finish(GanTrainingResult::End::Diverged, *failure);
            }
            ++step;
            ++batchInEpoch;

            GanStepMetrics metrics;
            metrics.step = step;
            metrics.epoch = epoch;
            metrics.criticLoss = losses.critic;
            metrics.generatorLoss = lastGeneratorLoss;
            metrics.gradientPenalty = losses.penalty;
            metrics.wasserstein = losses.wasserstein;
            metrics.learningRateG = lrG;
            metrics.learningRateD = lrD;
            metrics.secondsElapsed = secondsBefore + activeSeconds();
            if (step % config.logEverySteps == 0)
                logMetrics(metrics, hooks);

            if (batchInEpoch >= stepsPerEpoch) {
                const auto [validationG, validationD] = validationLosses();
                if (!std::isfinite(validationG) || !std::isfinite(validationD)) {
                    const bool generatorSide = !std::isfinite(validationG);
                    const QString message = divergenceMessage(generatorSide ? tr("validation generator loss") : tr("validation critic loss"),
                                                              generatorSide ? validationG : validationD);
                    diverged = true;
                    qCWarning(lcMl) << message;
                    return finish(GanTrainingResult::End::Diverged, message);
                }
                lrG = plateauG.step(validationG, lrG);
                lrD = plateauD.step(validationD, lrD);
                setLearningRate(*optimizerG, lrG);
                setLearningRate(*optimizerD, lrD);
                const bool improved = validationG < bestValidationG;
                if (improved) {
                    bestValidationG = validationG;
                    epochsWithoutImprovement = 0;
                } else {
                    ++epochsWithoutImprovement;
                }
                metrics.validationGeneratorLoss = validationG;
                metrics.validationCriticLoss = validationD;
                logMetrics(metrics, hooks);

                ++epoch;
                batchInEpoch = 0;
                reshuffle();
                if (auto saved = saveLast(); !saved)
                    return finish(GanTrainingResult::End::Failed, saved.error().toString());
                if (improved) {
                    if (auto saved = copyCheckpoint("best.pt"); !saved)
                        return finish(GanTrainingResult::End::Failed, saved.error().toString());
                }
                if (hooks.progress) {
                    hooks.progress(progress(step - firstStep));
                    sinceProgress.restart();
                }
                if (epoch >= config.model.epochs)
                    return endWith(GanTrainingResult::End::Finished,
                                   tr("Finished %1 epochs (%2 steps); best validation generator loss %3.")
                                       .arg(epoch).arg(step).arg(bestValidationG, 0, 'g', 6));
                if (config.model.patience > 0 && epochsWithoutImprovement >= config.model.patience)
                    return endWith(GanTrainingResult::End::EarlyStopped,
                                   tr("Stopped early after epoch %1: the validation generator loss did not improve for %2 epochs (best %3).")
                                       .arg(epoch).arg(epochsWithoutImprovement).arg(bestValidationG, 0, 'g', 6));
            } else if (step % config.checkpointEverySteps == 0) {
                if (auto saved = saveLast(); !saved)
                    return finish(GanTrainingResult::End::Failed, saved.error().toString());
            }
            if (hooks.progress && sinceProgress.elapsed() >= 250) {
                hooks.progress(progress(step - firstStep));
                sinceProgress.restart();
            }
        }
    } catch (const std::exception &e) {
        // A libtorch failure (out of memory, a shape bug) stops the run like a divergence: the
        // in-memory state may be half updated, so it is not saved.
        diverged = true;
        const QString message = tr("The training failed at step %1: %2").arg(step + 1).arg(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0));
        qCWarning(lcMl) << message;
        return finish(GanTrainingResult::End::Diverged, message);
    }
    if (hooks.progress)
        hooks.progress(progress(step - firstStep));
    return finish(GanTrainingResult::End::Finished, tr("Trained %1 steps.").arg(step - firstStep));
}

GanTrainer::GanTrainer() : d(std::make_unique<Impl>()) {}
GanTrainer::~GanTrainer() = default;

Result<std::unique_ptr<GanTrainer>> GanTrainer::create(const QString &runDirectory, GanDataset dataset, GanTrainingConfig config)
{
    const QFileInfo info(runDirectory);
    if (runDirectory.isEmpty() || (info.exists() && !info.isDir()))
        return Error::make(Error::Kind::Usage, tr("The run folder %1 is not a folder.").arg(runDirectory));
    if (info.exists() && !QDir(runDirectory).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return Error::make(Error::Kind::Usage, tr("The run folder %1 is not empty; choose a new or empty folder (or resume that run).").arg(runDirectory));

    std::unique_ptr<GanTrainer> trainer(new GanTrainer);
    Impl &impl = *trainer->d;
    impl.dir = QDir(runDirectory).absolutePath();
    if (auto built = impl.build(std::move(dataset), config); !built)
        return built.error();
    if (!QDir().mkpath(checkpointDir(impl.dir)))
        return Error::make(Error::Kind::Io, tr("Cannot create the run folder %1.").arg(runDirectory));
    if (auto s = writeJsonFile(configPath(impl.dir), impl.config.toJson()); !s)
        return s.error();
    if (auto s = impl.dataset.normalizer.save(normalizerPath(impl.dir)); !s)
        return s.error();
    if (auto s = impl.openMetrics(); !s)
        return s.error();
    // A step-0 checkpoint: the run can be resumed (and divergence has a checkpoint to fall back to) at once.
    if (auto s = impl.saveLast(); !s)
        return s.error();
    qCInfo(lcMl) << "GAN run created in" << impl.dir << "train windows" << impl.dataset.trainCount << "steps/epoch" << impl.stepsPerEpoch;
    return Result<std::unique_ptr<GanTrainer>>(std::move(trainer));
}

Result<GanTrainingConfig> GanTrainer::readRunConfig(const QString &runDirectory)
{
    const QString path = configPath(runDirectory);
    QFile file(path);
    if (!file.exists())
        return Error::make(Error::Kind::Io, tr("There is no GAN run in %1 (config.json is missing).").arg(runDirectory));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1.").arg(path), file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error::make(Error::Kind::Format, tr("The GAN run configuration %1 is not valid JSON.").arg(path), parseError.errorString());
    Result<GanTrainingConfig> config = GanTrainingConfig::fromJson(document.object());
    if (!config)
        return Error::make(config.error().kind, config.error().message, path + QStringLiteral(": ") + config.error().detail);
    return config;
}

Result<std::unique_ptr<GanTrainer>> GanTrainer::resume(const QString &runDirectory, GanDataset dataset)
{
    Result<GanTrainingConfig> config = readRunConfig(runDirectory);
    if (!config)
        return config.error();
    const QString dir = QDir(runDirectory).absolutePath();
    const QString last = checkpointPath(dir, "last.pt");
    if (!QFileInfo::exists(last))
        return Error::make(Error::Kind::Io, tr("The GAN run %1 has no checkpoint to resume from.").arg(runDirectory), last);
    Result<GanNormalizer> normalizer = GanNormalizer::load(normalizerPath(dir));
    if (!normalizer)
        return normalizer.error();
    if (!(*normalizer == dataset.normalizer))
        return Error::make(Error::Kind::Usage, tr("The data does not match the run %1: its normalisation differs from the one the run was trained with.").arg(runDirectory));

    std::unique_ptr<GanTrainer> trainer(new GanTrainer);
    Impl &impl = *trainer->d;
    impl.dir = dir;
    if (auto built = impl.build(std::move(dataset), *config); !built)
        return built.error();
    if (auto read = impl.readCheckpoint(last); !read)
        return read.error();
    // Rows logged after the checkpoint (a killed run) are logged again by the resumed one.
    for (const bool jsonl : {false, true})
        if (auto s = truncateRunLog(jsonl ? metricsJsonlPath(dir) : metricsCsvPath(dir), impl.step, jsonl); !s)
            return s.error();
    qCInfo(lcMl) << "GAN run resumed in" << dir << "at step" << impl.step << "epoch" << impl.epoch;
    return Result<std::unique_ptr<GanTrainer>>(std::move(trainer));
}

GanTrainingResult GanTrainer::train(const GanTrainingHooks &hooks)
{
    return d->run(std::numeric_limits<qint64>::max(), hooks);
}

GanTrainingResult GanTrainer::trainSteps(qint64 steps, const GanTrainingHooks &hooks)
{
    return d->run(std::max<qint64>(0, steps), hooks);
}

Status GanTrainer::saveCheckpoint()
{
    return d->saveLast();
}

qint64 GanTrainer::step() const { return d->step; }
int GanTrainer::epoch() const { return d->epoch; }
const GanTrainingConfig &GanTrainer::config() const { return d->config; }
QString GanTrainer::runDirectory() const { return d->dir; }

// ---- Generation ------------------------------------------------------------------------------

namespace {

// The plausible range of each feature from the real rows: [min − σ, max + σ], and never below 0 for
// the features that cannot be negative (price, volume, volatility, volume_ma, time_diff,
// liquidity_usage). Only values outside it are moved; the series is otherwise what the generator
// produced (no ramps, no step limits: the tutorial's post-processing replaced prices with ramps).
struct PlausibleRange
{
    double low = -kInfinity, high = kInfinity;
};

std::array<PlausibleRange, kGanFeatureCount> plausibleRanges(const QVector<GanFeatureRow> &rows)
{
    std::array<PlausibleRange, kGanFeatureCount> ranges{};
    for (int f = 0; f < kGanFeatureCount; ++f) {
        double low = kInfinity, high = -kInfinity, sum = 0;
        for (const GanFeatureRow &row : rows) {
            low = std::min(low, row[f]);
            high = std::max(high, row[f]);
            sum += row[f];
        }
        const double mean = sum / rows.size();
        double squares = 0;
        for (const GanFeatureRow &row : rows)
            squares += (row[f] - mean) * (row[f] - mean);
        const double sigma = rows.size() > 1 ? std::sqrt(squares / (rows.size() - 1)) : 0.0;
        ranges[f].low = low - sigma;
        ranges[f].high = high + sigma;
        switch (f) {
        case GanPrice: case GanVolume: case GanVolatility: case GanVolumeMa: case GanTimeDiff: case GanLiquidityUsage:
            ranges[f].low = std::max(0.0, ranges[f].low);
            break;
        default:
            break;
        }
    }
    return ranges;
}

} // namespace

Result<GanGeneration> generateSequences(const QString &runDirectory, const GanDataset &dataset, int count, quint64 seed)
{
    if (count < 1 || count > 1000000)
        return Error::make(Error::Kind::Usage, tr("The number of sequences must be between 1 and 1,000,000."), QString::number(count));
    if (dataset.rows.isEmpty() || dataset.trainCount < 1)
        return Error::make(Error::Kind::Usage, tr("Generation needs the dataset the run was trained on (its conditions and real rows)."));
    Result<GanTrainingConfig> config = GanTrainer::readRunConfig(runDirectory);
    if (!config)
        return config.error();
    Result<GanNormalizer> normalizer = GanNormalizer::load(normalizerPath(runDirectory));
    if (!normalizer)
        return normalizer.error();
    QString checkpoint;
    for (const char *name : {"best.pt", "final.pt", "last.pt"}) {
        if (QFileInfo::exists(checkpointPath(runDirectory, name))) {
            checkpoint = checkpointPath(runDirectory, name);
            break;
        }
    }
    if (checkpoint.isEmpty())
        return Error::make(Error::Kind::Io, tr("The GAN run %1 has no checkpoint to generate from.").arg(runDirectory));
    const GanConfig &m = config->model;
    if (m.sequenceLength != kGanSequenceLength || m.features != kGanFeatureCount || m.conditionSize != kGanConditionCount)
        return Error::make(Error::Kind::Format, tr("The GAN run %1 does not generate swap sequences of the expected shape.").arg(runDirectory));

    // Conditions from the real (training) condition distribution, in the run's normalisation.
    QVector<float> conditions = sampleGanConditions(dataset, count, seed);
    if (!(dataset.normalizer == *normalizer)) {
        for (int i = 0; i < conditions.size(); ++i) {
            const int c = i % kGanConditionCount;
            conditions[i] = float(normalizer->normalizeCondition(c, dataset.normalizer.denormalizeCondition(c, conditions[i])));
        }
    }

    GanGeneration generation;
    generation.count = count;
    generation.checkpoint = checkpoint;
    const int window = kGanSequenceLength * kGanFeatureCount;
    std::vector<float> raw(static_cast<size_t>(count) * window);
    try {
        // Building the networks reseeds the global generator; leave it as the caller had it.
        const torch::Tensor callerRng = globalRngState();
        Result<GanNetworks> networks = GanNetworks::create(m);
        setGlobalRngState(callerRng);
        if (!networks)
            return networks.error();
        auto &generator = networks->impl().generator;
        torch::serialize::InputArchive root, archive;
        try {
            root.load_from(localPath(checkpoint));
            root.read("generator", archive);
            generator->load(archive);
        } catch (const std::exception &e) {
            return Error::make(Error::Kind::Format, tr("The checkpoint %1 is damaged or is not a GAN checkpoint.").arg(checkpoint),
                               QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 1));
        }
        // eval(): no dropout and none of the training noise (the tutorial added noise at inference).
        generator->eval();
        torch::NoGradGuard noGrad;
        auto zGenerator = at::make_generator<at::CPUGeneratorImpl>(seed);
        const auto allConditions = tensorFrom(conditions, {count, kGanConditionCount});
        for (int begin = 0; begin < count; begin += kGenerationBatch) {
            const int end = std::min(count, begin + kGenerationBatch);
            const auto z = torch::randn({end - begin, m.latent}, zGenerator);
            const auto out = generator->forward(z, allConditions.slice(0, begin, end)).contiguous();
            std::copy(out.data_ptr<float>(), out.data_ptr<float>() + out.numel(), raw.begin() + ptrdiff_t(begin) * window);
        }
    } catch (const std::exception &e) {
        return modelError(tr("The generator failed."), e);
    }

    const auto ranges = plausibleRanges(dataset.rows);
    generation.sequences.resize(count * window);
    for (int i = 0; i < count * window; ++i) {
        const int f = i % kGanFeatureCount;
        const double value = normalizer->denormalize(f, raw[static_cast<size_t>(i)]);
        if (!std::isfinite(value))
            return Error::make(Error::Kind::Model, tr("The generator produced values that are not finite numbers (checkpoint %1).").arg(checkpoint),
                               QStringLiteral("%1 = %2 in sequence %3").arg(ganFeatureName(f)).arg(value).arg(i / window));
        const double clamped = std::clamp(value, ranges[f].low, ranges[f].high);
        generation.clampedValues += clamped != value ? 1 : 0;
        generation.sequences[i] = clamped;
    }
    qCInfo(lcMl) << "generated" << count << "sequences from" << checkpoint << "clamped" << generation.clampedValues << "values";
    return generation;
}

Status writeSyntheticCsv(const QString &path, const GanGeneration &generation, qint64 firstTimestamp)
{
    const int window = kGanSequenceLength * kGanFeatureCount;
    if (generation.count < 1 || generation.sequences.size() != generation.count * window)
        return Error::make(Error::Kind::Usage, tr("There are no generated sequences to write."),
                           QStringLiteral("count=%1 values=%2").arg(generation.count).arg(generation.sequences.size()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, tr("Cannot write the synthetic data file %1.").arg(path), file.errorString());
    QStringList header{QStringLiteral("sequence_id"), QStringLiteral("step"), QStringLiteral("timestamp")};
    for (int f = 0; f < kGanFeatureCount; ++f)
        header.append(ganFeatureName(f));
    file.write(QByteArray(header.join(QLatin1Char(',')).toUtf8() + '\n'));
    for (int s = 0; s < generation.count; ++s) {
        for (int t = 0; t < kGanSequenceLength; ++t) {
            // As the tutorial: one second per step, sequences 24 s apart.
            QStringList cells{QString::number(s), QString::number(t),
                              QString::number(firstTimestamp + qint64(s) * kGanSequenceLength + t)};
            for (int f = 0; f < kGanFeatureCount; ++f)
                cells.append(number(generation.sequences[(s * kGanSequenceLength + t) * kGanFeatureCount + f]));
            file.write(QByteArray(cells.join(QLatin1Char(',')).toUtf8() + '\n'));
        }
    }
    if (!file.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write the synthetic data file %1.").arg(path), file.errorString());
    return {};
}

} // namespace apedesk::ml
