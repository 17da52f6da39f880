#include "dqntrainer.h"
#include "common/portablerandom.h"
#include "runfiles.h"

#include "dqn_p.h"
#include "torchruntime.h"

#include "common/logging.h"

#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <sstream>

namespace apedesk::ml {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::DqnTrainer", text);
}

constexpr int kConfigFormat = 1;
constexpr int kCheckpointFormat = 1;
constexpr int kRecentEpisodes = 20;          // meanEpisodeReward's window (SB3's ep_rew_mean uses 100; the pane wants it livelier)
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString configPath(const QString &dir) { return dir + QStringLiteral("/config.json"); }
QString checkpointDir(const QString &dir) { return dir + QStringLiteral("/checkpoints"); }
QString checkpointPath(const QString &dir, const char *name)
{
    return checkpointDir(dir) + QLatin1Char('/') + QLatin1String(name);
}
QString metricsCsvPath(const QString &dir) { return dir + QStringLiteral("/metrics.csv"); }
QString metricsJsonlPath(const QString &dir) { return dir + QStringLiteral("/metrics.jsonl"); }
QString episodesCsvPath(const QString &dir) { return dir + QStringLiteral("/episodes.csv"); }
QString evaluationPath(const QString &dir) { return dir + QStringLiteral("/evaluation.json"); }

const char *const kMetricsCsvHeader = "step,episodes,episode_reward,mean_episode_reward,loss,mean_q,epsilon,seconds\n";
const char *const kEpisodesCsvHeader = "step,episode,reward,length,trades,fees,final_value,end\n";

// Full precision; an empty cell for "none yet" (NaN).
QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 17) : QString();
}

QJsonValue jsonNumber(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

std::string localPath(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}

Error modelError(const QString &message, const std::exception &e)
{
    return Error::make(Error::Kind::Model, message, QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 2));
}

torch::Tensor tensorFrom(const QVector<float> &values, std::vector<int64_t> shape)
{
    return torch::from_blob(const_cast<float *>(values.constData()), shape, torch::kFloat).clone();
}

bool allFinite(const std::vector<torch::Tensor> &tensors)
{
    for (const auto &t : tensors)
        if (t.defined() && t.is_floating_point() && !torch::isfinite(t).all().item<bool>())
            return false;
    return true;
}

// QSaveFile writes a temporary file and renames it over the old one on commit: a crash while writing
// leaves the previous checkpoint whole.
Status saveArchive(torch::serialize::OutputArchive &archive, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("Cannot write the checkpoint %1.").arg(path), file.errorString());
    archive.save_to([&file](const void *data, size_t size) -> size_t {
        return file.write(static_cast<const char *>(data), static_cast<qint64>(size)) == qint64(size) ? size : 0;
    });
    if (!file.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write the checkpoint %1.").arg(path), file.errorString());
    return {};
}

// The sentence above the names of a config.json's fields of the wrong type.
QString wrongFieldType() { return tr("The trader run configuration has a field of the wrong type."); }

QString actionGerund(TradeAction action)
{
    switch (action) {
    case TradeAction::Buy: return QStringLiteral("buying");
    case TradeAction::Sell: return QStringLiteral("selling");
    case TradeAction::Hold: break;
    }
    return QStringLiteral("holding");
}

} // namespace

// ---- DqnConfig -------------------------------------------------------------------------------

Status DqnConfig::validate() const
{
    const auto bad = [](const QString &message, const QString &detail) {
        return Error::make(Error::Kind::Usage, message, detail);
    };
    if (hidden.isEmpty())
        return bad(tr("The Q network needs at least one hidden layer."), QStringLiteral("hidden=[]"));
    for (const int width : hidden)
        if (width < 1 || width > 4096)
            return bad(tr("Each hidden layer must have between 1 and 4,096 units."), QStringLiteral("hidden width %1").arg(width));
    if (bufferSize < 1 || bufferSize > 10000000)
        return bad(tr("The replay buffer must hold between 1 and 10,000,000 transitions."), QStringLiteral("bufferSize=%1").arg(bufferSize));
    if (learningStarts < 0)
        return bad(tr("The learning start must not be negative."), QStringLiteral("learningStarts=%1").arg(learningStarts));
    if (batchSize < 1 || batchSize > 65536)
        return bad(tr("The batch size must be between 1 and 65,536."), QStringLiteral("batchSize=%1").arg(batchSize));
    if (!(gamma >= 0 && gamma <= 1))
        return bad(tr("The discount γ must be between 0 and 1."), QStringLiteral("gamma=%1").arg(gamma));
    if (targetUpdateInterval < 1)
        return bad(tr("The target update interval must be at least one step."), QStringLiteral("targetUpdateInterval=%1").arg(targetUpdateInterval));
    if (trainFrequency < 1)
        return bad(tr("The training frequency must be at least one step."), QStringLiteral("trainFrequency=%1").arg(trainFrequency));
    if (gradientSteps < 1 || gradientSteps > 1000)
        return bad(tr("The gradient steps per update must be between 1 and 1,000."), QStringLiteral("gradientSteps=%1").arg(gradientSteps));
    if (!(explorationFraction >= 0 && explorationFraction <= 1))
        return bad(tr("The exploration fraction must be between 0 and 1."), QStringLiteral("explorationFraction=%1").arg(explorationFraction));
    if (!(epsilonStart >= 0 && epsilonStart <= 1) || !(epsilonEnd >= 0 && epsilonEnd <= 1))
        return bad(tr("The exploration rates ε must be between 0 and 1."),
                   QStringLiteral("epsilonStart=%1 epsilonEnd=%2").arg(epsilonStart).arg(epsilonEnd));
    if (!(learningRate > 0) || !std::isfinite(learningRate))
        return bad(tr("The learning rate must be a positive number."), QStringLiteral("learningRate=%1").arg(learningRate));
    if (!(maxGradNorm > 0) || !std::isfinite(maxGradNorm))
        return bad(tr("The gradient clip must be a positive number."), QStringLiteral("maxGradNorm=%1").arg(maxGradNorm));
    if (timesteps < 1 || timesteps > 1000000000000LL)
        return bad(tr("The number of timesteps must be between 1 and 10^12."), QStringLiteral("timesteps=%1").arg(timesteps));
    return {};
}

QJsonObject DqnConfig::toJson() const
{
    QJsonArray widths;
    for (const int width : hidden)
        widths.append(width);
    QJsonObject o;
    o.insert(QStringLiteral("hidden"), widths);
    o.insert(QStringLiteral("bufferSize"), bufferSize);
    o.insert(QStringLiteral("learningStarts"), learningStarts);
    o.insert(QStringLiteral("batchSize"), batchSize);
    o.insert(QStringLiteral("gamma"), gamma);
    o.insert(QStringLiteral("targetUpdateInterval"), targetUpdateInterval);
    o.insert(QStringLiteral("trainFrequency"), trainFrequency);
    o.insert(QStringLiteral("gradientSteps"), gradientSteps);
    o.insert(QStringLiteral("explorationFraction"), explorationFraction);
    o.insert(QStringLiteral("epsilonStart"), epsilonStart);
    o.insert(QStringLiteral("epsilonEnd"), epsilonEnd);
    o.insert(QStringLiteral("learningRate"), learningRate);
    o.insert(QStringLiteral("maxGradNorm"), maxGradNorm);
    o.insert(QStringLiteral("timesteps"), double(timesteps));
    // A string: JSON numbers are doubles and lose 64-bit seeds above 2^53.
    o.insert(QStringLiteral("seed"), QString::number(seed));
    return o;
}

Result<DqnConfig> DqnConfig::fromJson(const QJsonObject &object)
{
    DqnConfig c;
    RunConfigReader r(object, QStringLiteral("dqn"), wrongFieldType());
    r.read("hidden", c.hidden);
    r.read("bufferSize", c.bufferSize);
    r.read("learningStarts", c.learningStarts);
    r.read("batchSize", c.batchSize);
    r.read("gamma", c.gamma);
    r.read("targetUpdateInterval", c.targetUpdateInterval);
    r.read("trainFrequency", c.trainFrequency);
    r.read("gradientSteps", c.gradientSteps);
    r.read("explorationFraction", c.explorationFraction);
    r.read("epsilonStart", c.epsilonStart);
    r.read("epsilonEnd", c.epsilonEnd);
    r.read("learningRate", c.learningRate);
    r.read("maxGradNorm", c.maxGradNorm);
    r.read("timesteps", c.timesteps);
    r.readSeed("seed", c.seed, true);
    if (auto s = r.status(); !s)
        return s.error();
    // A file that names an impossible setting is a format problem of that file.
    if (auto valid = c.validate(); !valid)
        return Error::make(Error::Kind::Format, valid.error().message, valid.error().detail);
    return c;
}

double epsilonAt(const DqnConfig &config, qint64 step)
{
    const double decaySteps = config.explorationFraction * double(config.timesteps);
    if (decaySteps <= 0)
        return config.epsilonEnd;
    const double progress = double(std::max<qint64>(0, step)) / decaySteps;
    if (progress >= 1)
        return config.epsilonEnd;
    return config.epsilonStart + (config.epsilonEnd - config.epsilonStart) * progress;
}

// ---- DqnTrainingConfig -----------------------------------------------------------------------

QJsonObject DqnTrainingConfig::toJson() const
{
    QJsonObject data;
    data.insert(QStringLiteral("kind"), dataKind);
    data.insert(QStringLiteral("source"), dataSource);
    data.insert(QStringLiteral("chain"), dataChain);
    data.insert(QStringLiteral("poolId"), dataPoolId);

    QJsonObject o;
    o.insert(QStringLiteral("format"), kConfigFormat);
    o.insert(QStringLiteral("dqn"), dqn.toJson());
    o.insert(QStringLiteral("env"), env.toJson());
    o.insert(QStringLiteral("trainFraction"), trainFraction);
    o.insert(QStringLiteral("logEverySteps"), logEverySteps);
    o.insert(QStringLiteral("checkpointEverySteps"), checkpointEverySteps);
    o.insert(QStringLiteral("threads"), threads);
    o.insert(QStringLiteral("data"), data);
    return o;
}

Result<DqnTrainingConfig> DqnTrainingConfig::fromJson(const QJsonObject &object)
{
    const auto formatError = [](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("The trader run configuration is not valid."), detail);
    };
    const QJsonValue format = object.value(QStringLiteral("format"));
    if (!format.isDouble() || format.toInt() < 1)
        return formatError(QStringLiteral("missing or bad \"format\""));
    if (format.toInt() > kConfigFormat)
        return formatError(QStringLiteral("format %1 is newer than this program (%2)").arg(format.toInt()).arg(kConfigFormat));

    DqnTrainingConfig c;
    const QJsonValue dqn = object.value(QStringLiteral("dqn"));
    if (!dqn.isObject())
        return formatError(QStringLiteral("missing \"dqn\" object"));
    Result<DqnConfig> parsedDqn = DqnConfig::fromJson(dqn.toObject());
    if (!parsedDqn)
        return parsedDqn.error();
    c.dqn = *parsedDqn;
    const QJsonValue env = object.value(QStringLiteral("env"));
    if (!env.isObject())
        return formatError(QStringLiteral("missing \"env\" object"));
    Result<TradingEnvConfig> parsedEnv = TradingEnvConfig::fromJson(env.toObject());
    if (!parsedEnv)
        return Error::make(Error::Kind::Format, parsedEnv.error().message, parsedEnv.error().detail);
    c.env = *parsedEnv;

    RunConfigReader top(object, QStringLiteral("run"), wrongFieldType());
    top.read("trainFraction", c.trainFraction);
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
    if (auto s = dataReader.status(); !s)
        return s.error();
    if (!(c.trainFraction > 0 && c.trainFraction < 1) || c.logEverySteps < 1 || c.checkpointEverySteps < 1 || c.threads < 0)
        return formatError(QStringLiteral("trainFraction=%1 logEverySteps=%2 checkpointEverySteps=%3 threads=%4")
                               .arg(c.trainFraction).arg(c.logEverySteps).arg(c.checkpointEverySteps).arg(c.threads));
    if (c.dataKind != QLatin1String("csv") && c.dataKind != QLatin1String("store"))
        return formatError(QStringLiteral("data kind \"%1\" is neither csv nor store").arg(c.dataKind));
    return c;
}

Result<TradingSeries> loadTradingSeriesForRun(const DqnTrainingConfig &config)
{
    if (config.dataSource.isEmpty())
        return Error::make(Error::Kind::Usage, tr("The run names no training data."));
    if (config.dataKind == QLatin1String("csv"))
        return loadTradingSeriesFromCsv(config.dataSource);
    if (config.dataKind == QLatin1String("store")) {
        QString id = config.dataPoolId;
        if (!id.startsWith(QLatin1String("0x")))
            id.prepend(QStringLiteral("0x"));
        Result<eth::Hash32> poolId = eth::Hash32::fromString(id);
        if (!poolId || config.dataChain.isEmpty())
            return Error::make(Error::Kind::Usage, tr("A swap store needs its chain and the pool's 32-byte id."),
                               QStringLiteral("chain \"%1\" pool \"%2\"").arg(config.dataChain, config.dataPoolId));
        return loadTradingSeriesFromStore(config.dataSource, config.dataChain, *poolId);
    }
    return Error::make(Error::Kind::Usage, tr("Unknown data kind \"%1\" (csv or store).").arg(config.dataKind));
}

// ---- DqnTrainer ------------------------------------------------------------------------------

struct DqnTrainer::Impl
{
    QString dir;
    DqnTrainingConfig config;
    TradingSeries trainSeries;        // the environment points at it: Impl never moves
    std::optional<TradingEnv> env;
    QNetwork q{nullptr};
    QNetwork target{nullptr};
    std::unique_ptr<torch::optim::Adam> optimizer;
    std::optional<ReplayBuffer> buffer;

    // Resumable state (all of it goes into a checkpoint).
    std::mt19937_64 rng;              // exploration and replay sampling
    qint64 step = 0;                  // environment steps done
    qint64 gradientUpdates = 0;
    int episodes = 0;
    double episodeReward = 0;         // the episode in progress, so far
    double lastEpisodeReward = kNaN;
    std::deque<double> recentRewards; // the last kRecentEpisodes finished episodes
    double lossSum = 0;               // since the last metrics row
    double meanQSum = 0;
    qint64 lossCount = 0;
    double secondsBefore = 0;         // training time of earlier sessions

    // Session state.
    qint64 lastCheckpointStep = -1;
    bool diverged = false;
    QFile metricsCsv, metricsJsonl, episodesCsv;
    QElapsedTimer sessionTimer;

    Status build(const TradingSeries &series, const DqnTrainingConfig &runConfig);
    Status writeCheckpoint(const QString &path);
    Status saveLast();
    Status writeFinal();
    Status readCheckpoint(const QString &path);
    Status openLogs();
    void finishEpisode(const EnvStep &last);
    void logMetrics(const DqnTrainingHooks &hooks);
    TradeAction chooseAction(const RlObservation &observation);
    std::optional<QString> gradientStep();
    void updateTarget();
    QString divergenceMessage(const QString &what, double value) const;
    double activeSeconds() const { return sessionTimer.isValid() ? sessionTimer.nsecsElapsed() / 1e9 : 0; }
    DqnProgress progress(qint64 sessionSteps) const;
    DqnTrainingResult run(qint64 maxSteps, const DqnTrainingHooks &hooks);
};

Status DqnTrainer::Impl::build(const TradingSeries &series, const DqnTrainingConfig &runConfig)
{
    config = runConfig;
    if (auto valid = config.dqn.validate(); !valid)
        return valid;
    if (!(config.trainFraction > 0 && config.trainFraction < 1))
        return Error::make(Error::Kind::Usage, tr("The training share of the data must be between 0 and 1 (exclusive)."),
                           QStringLiteral("trainFraction=%1").arg(config.trainFraction));
    if (config.logEverySteps < 1 || config.checkpointEverySteps < 1 || config.threads < 0)
        return Error::make(Error::Kind::Usage, tr("The logging and checkpoint intervals must be positive."),
                           QStringLiteral("log=%1 checkpoint=%2 threads=%3").arg(config.logEverySteps).arg(config.checkpointEverySteps).arg(config.threads));
    Result<SeriesSplit> split = splitSeries(series, config.trainFraction);
    if (!split)
        return split.error();
    trainSeries = std::move(split->train);
    // The environment's own stream, derived from the run's seed, so episode starts do not mirror exploration.
    env.emplace(&trainSeries, config.env, splitMix64(config.dqn.seed));
    buffer.emplace(config.dqn.bufferSize);
    rng.seed(config.dqn.seed);
    try {
        // The networks' initial weights come from the global generator, seeded for the run.
        torch::manual_seed(config.dqn.seed);
        q = QNetwork(config.dqn.hidden);
        target = QNetwork(config.dqn.hidden);
        updateTarget();
        target->eval();
        optimizer = std::make_unique<torch::optim::Adam>(q->parameters(), torch::optim::AdamOptions(config.dqn.learningRate));
    } catch (const std::exception &e) {
        return modelError(tr("The trader training could not be set up."), e);
    }
    return {};
}

void DqnTrainer::Impl::updateTarget()
{
    torch::NoGradGuard noGrad;
    const auto from = q->parameters();
    auto to = target->parameters();
    for (size_t i = 0; i < from.size(); ++i)
        to[i].copy_(from[i]);
}

Status DqnTrainer::Impl::writeCheckpoint(const QString &path)
{
    if (diverged)
        return Error::make(Error::Kind::Model, tr("The training diverged; its state is not saved over the last good checkpoint."));
    try {
        std::vector<torch::Tensor> weights = q->parameters();
        for (const auto &t : target->parameters())
            weights.push_back(t);
        if (!allFinite(weights))
            return Error::make(Error::Kind::Model, tr("A network weight is not a finite number; the last good checkpoint is kept."),
                               QStringLiteral("step %1").arg(step));

        torch::serialize::OutputArchive root, qArchive, targetArchive, optimizerArchive;
        q->save(qArchive);
        target->save(targetArchive);
        optimizer->save(optimizerArchive);
        root.write("q_network", qArchive);
        root.write("target_network", targetArchive);
        root.write("optimizer", optimizerArchive);
        QByteArray replay = buffer->serialize();
        root.write("replay", torch::from_blob(replay.data(), {replay.size()}, torch::kUInt8).clone());
        std::ostringstream engine;
        engine << rng;
        root.write("rng", c10::IValue(engine.str()));
        root.write("env", c10::IValue(QJsonDocument(env->state()).toJson(QJsonDocument::Compact).toStdString()));
        root.write("format", c10::IValue(int64_t(kCheckpointFormat)));
        root.write("step", c10::IValue(int64_t(step)));
        root.write("gradient_updates", c10::IValue(int64_t(gradientUpdates)));
        root.write("episodes", c10::IValue(int64_t(episodes)));
        root.write("episode_reward", c10::IValue(episodeReward));
        root.write("last_episode_reward", c10::IValue(lastEpisodeReward));
        std::vector<double> recent(recentRewards.begin(), recentRewards.end());
        root.write("recent_rewards", torch::tensor(recent, torch::kDouble));
        root.write("loss_sum", c10::IValue(lossSum));
        root.write("mean_q_sum", c10::IValue(meanQSum));
        root.write("loss_count", c10::IValue(int64_t(lossCount)));
        root.write("seconds", c10::IValue(secondsBefore + activeSeconds()));
        root.write("train_steps", c10::IValue(int64_t(trainSeries.steps.size())));
        root.write("train_sequences", c10::IValue(int64_t(trainSeries.sequenceCount())));
        return saveArchive(root, path);
    } catch (const std::exception &e) {
        return modelError(tr("Cannot write the checkpoint %1.").arg(path), e);
    }
}

Status DqnTrainer::Impl::saveLast()
{
    if (auto s = writeCheckpoint(checkpointPath(dir, "last.pt")); !s)
        return s;
    lastCheckpointStep = step;
    return {};
}

// final.pt: the Q network alone (what the policy needs), without the replay buffer.
Status DqnTrainer::Impl::writeFinal()
{
    const QString path = checkpointPath(dir, "final.pt");
    try {
        if (!allFinite(q->parameters()))
            return Error::make(Error::Kind::Model, tr("A network weight is not a finite number; no final network is written."));
        torch::serialize::OutputArchive root, qArchive;
        q->save(qArchive);
        root.write("q_network", qArchive);
        root.write("format", c10::IValue(int64_t(kCheckpointFormat)));
        root.write("step", c10::IValue(int64_t(step)));
        return saveArchive(root, path);
    } catch (const std::exception &e) {
        return modelError(tr("Cannot write the checkpoint %1.").arg(path), e);
    }
}

Status DqnTrainer::Impl::readCheckpoint(const QString &path)
{
    const auto damaged = [&path](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("The checkpoint %1 is damaged or is not a trader checkpoint.").arg(path), detail);
    };
    try {
        torch::serialize::InputArchive root, qArchive, targetArchive, optimizerArchive;
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
        const auto readString = [&root](const char *key) {
            c10::IValue v;
            root.read(key, v);
            return std::string(v.toStringRef());
        };
        if (readInt("format") != kCheckpointFormat)
            return damaged(QStringLiteral("unknown checkpoint format"));
        const int64_t trainSteps = readInt("train_steps");
        const int64_t trainSequences = readInt("train_sequences");
        if (trainSteps != trainSeries.steps.size() || trainSequences != trainSeries.sequenceCount())
            return Error::make(Error::Kind::Usage,
                               tr("The data does not match the run: it was trained on %1 steps in %2 sequences, this data gives %3 steps in %4.")
                                   .arg(trainSteps).arg(trainSequences).arg(trainSeries.steps.size()).arg(trainSeries.sequenceCount()));
        root.read("q_network", qArchive);
        root.read("target_network", targetArchive);
        root.read("optimizer", optimizerArchive);
        q->load(qArchive);
        target->load(targetArchive);
        optimizer->load(optimizerArchive);

        torch::Tensor replay;
        root.read("replay", replay);
        replay = replay.contiguous();
        const QByteArray replayBytes(reinterpret_cast<const char *>(replay.data_ptr<uint8_t>()), int(replay.numel()));
        Result<ReplayBuffer> restoredBuffer = ReplayBuffer::deserialize(replayBytes);
        if (!restoredBuffer)
            return damaged(restoredBuffer.error().toString());
        if (restoredBuffer->capacity() != config.dqn.bufferSize)
            return damaged(QStringLiteral("replay buffer capacity %1, the run's configuration says %2")
                               .arg(restoredBuffer->capacity()).arg(config.dqn.bufferSize));
        buffer.emplace(std::move(restoredBuffer).value());

        std::istringstream engineStream(readString("rng"));
        engineStream >> rng;
        if (engineStream.fail())
            return damaged(QStringLiteral("bad random engine state"));
        QJsonParseError parseError;
        const QJsonDocument envState = QJsonDocument::fromJson(QByteArray::fromStdString(readString("env")), &parseError);
        if (parseError.error != QJsonParseError::NoError || !envState.isObject())
            return damaged(QStringLiteral("bad environment state: ") + parseError.errorString());
        if (auto restored = env->restoreState(envState.object()); !restored)
            return damaged(restored.error().toString());

        step = readInt("step");
        gradientUpdates = readInt("gradient_updates");
        episodes = static_cast<int>(readInt("episodes"));
        episodeReward = readDouble("episode_reward");
        lastEpisodeReward = readDouble("last_episode_reward");
        torch::Tensor recent;
        root.read("recent_rewards", recent);
        recent = recent.to(torch::kDouble).contiguous();
        recentRewards.assign(recent.data_ptr<double>(), recent.data_ptr<double>() + recent.numel());
        lossSum = readDouble("loss_sum");
        meanQSum = readDouble("mean_q_sum");
        lossCount = readInt("loss_count");
        secondsBefore = readDouble("seconds");
        if (step < 0 || step > config.dqn.timesteps || episodes < 0 || lossCount < 0 || recentRewards.size() > size_t(kRecentEpisodes))
            return damaged(QStringLiteral("step %1 episodes %2").arg(step).arg(episodes));
    } catch (const std::exception &e) {
        return damaged(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 1));
    }
    lastCheckpointStep = step;
    return {};
}

Status DqnTrainer::Impl::openLogs()
{
    const struct
    {
        QFile *file;
        QString path;
        const char *header;
    } logs[] = {{&metricsCsv, metricsCsvPath(dir), kMetricsCsvHeader},
                {&metricsJsonl, metricsJsonlPath(dir), nullptr},
                {&episodesCsv, episodesCsvPath(dir), kEpisodesCsvHeader}};
    for (const auto &log : logs) {
        if (log.file->isOpen())
            continue;
        log.file->setFileName(log.path);
        const bool fresh = !log.file->exists() || log.file->size() == 0;
        if (!log.file->open(QIODevice::WriteOnly | QIODevice::Append))
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(log.path), log.file->errorString());
        if (fresh && log.header) {
            log.file->write(log.header);
            log.file->flush();
        }
    }
    return {};
}

void DqnTrainer::Impl::finishEpisode(const EnvStep &last)
{
    ++episodes;
    lastEpisodeReward = episodeReward;
    recentRewards.push_back(episodeReward);
    if (recentRewards.size() > size_t(kRecentEpisodes))
        recentRewards.pop_front();
    const QString row = QStringList{QString::number(step), QString::number(episodes), number(episodeReward),
                                    QString::number(env->episodeStep()), QString::number(env->trades()),
                                    number(env->feesPaid()), number(env->portfolioValue()),
                                    last.terminated ? QStringLiteral("terminated") : QStringLiteral("truncated")}
                            .join(QLatin1Char(','));
    episodesCsv.write(QByteArray(row.toUtf8() + '\n'));
    // Flushed per row: a killed run keeps everything it logged.
    episodesCsv.flush();
    episodeReward = 0;
}

void DqnTrainer::Impl::logMetrics(const DqnTrainingHooks &hooks)
{
    DqnStepMetrics m;
    m.step = step;
    m.episodes = episodes;
    m.episodeReward = lastEpisodeReward;
    m.meanEpisodeReward = kNaN;
    if (!recentRewards.empty()) {
        double sum = 0;
        for (const double r : recentRewards)
            sum += r;
        m.meanEpisodeReward = sum / double(recentRewards.size());
    }
    m.loss = lossCount > 0 ? lossSum / double(lossCount) : kNaN;
    m.meanQ = lossCount > 0 ? meanQSum / double(lossCount) : kNaN;
    m.epsilon = epsilonAt(config.dqn, step);
    m.secondsElapsed = secondsBefore + activeSeconds();
    lossSum = 0;
    meanQSum = 0;
    lossCount = 0;

    const QString row = QStringList{QString::number(m.step), QString::number(m.episodes), number(m.episodeReward),
                                    number(m.meanEpisodeReward), number(m.loss), number(m.meanQ), number(m.epsilon),
                                    number(m.secondsElapsed)}
                            .join(QLatin1Char(','));
    metricsCsv.write(QByteArray(row.toUtf8() + '\n'));
    metricsCsv.flush();

    QJsonObject o;
    o.insert(QStringLiteral("step"), m.step);
    o.insert(QStringLiteral("episodes"), m.episodes);
    o.insert(QStringLiteral("episode_reward"), jsonNumber(m.episodeReward));
    o.insert(QStringLiteral("mean_episode_reward"), jsonNumber(m.meanEpisodeReward));
    o.insert(QStringLiteral("loss"), jsonNumber(m.loss));
    o.insert(QStringLiteral("mean_q"), jsonNumber(m.meanQ));
    o.insert(QStringLiteral("epsilon"), m.epsilon);
    o.insert(QStringLiteral("seconds"), m.secondsElapsed);
    metricsJsonl.write(QByteArray(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n'));
    metricsJsonl.flush();

    if (hooks.metrics)
        hooks.metrics(m);
}

// SB3's DQN: uniform random actions before learning starts, then ε-greedy with the scheduled ε.
TradeAction DqnTrainer::Impl::chooseAction(const RlObservation &observation)
{
    if (step < config.dqn.learningStarts || uniform01(rng) < epsilonAt(config.dqn, step))
        return static_cast<TradeAction>(uniformBelow(rng, kRlActionCount));
    torch::NoGradGuard noGrad;
    const torch::Tensor input = torch::from_blob(const_cast<float *>(observation.data()), {1, kRlObservationSize}, torch::kFloat);
    const torch::Tensor values = q->forward(input).contiguous();
    const float *v = values.data_ptr<float>();
    int best = 0;
    for (int a = 1; a < kRlActionCount; ++a)
        if (v[a] > v[best])   // ties to the lower action, as DqnPolicy::greedy
            best = a;
    return static_cast<TradeAction>(best);
}

QString DqnTrainer::Impl::divergenceMessage(const QString &what, double value) const
{
    const QString kind = std::isnan(value) ? QStringLiteral("NaN") : tr("infinite");
    const QString kept = lastCheckpointStep >= 0
        ? tr("the last good checkpoint at step %1 is kept.").arg(lastCheckpointStep)
        : tr("no checkpoint had been written yet.");
    return tr("The training diverged: the %1 became %2 at step %3; %4").arg(what, kind).arg(step).arg(kept);
}

// One gradient step on a replay batch (SB3's DQN.train): Huber loss between Q(s, a) and the TD target
// from the target network, gradients clipped to maxGradNorm, Adam. Returns the divergence message when
// the loss, the gradient norm or a weight is not finite.
std::optional<QString> DqnTrainer::Impl::gradientStep()
{
    const DqnConfig &c = config.dqn;
    const ReplayBuffer::Batch batch = buffer->sample(c.batchSize, rng);
    const int64_t n = batch.size;
    const torch::Tensor states = tensorFrom(batch.states, {n, kRlObservationSize});
    const torch::Tensor nextStates = tensorFrom(batch.nextStates, {n, kRlObservationSize});
    const torch::Tensor rewards = tensorFrom(batch.rewards, {n});
    const torch::Tensor terminals = tensorFrom(batch.terminals, {n});
    static_assert(sizeof(qint64) == sizeof(int64_t), "actions are copied as int64");
    const torch::Tensor actions = torch::from_blob(const_cast<qint64 *>(batch.actions.constData()), {n}, torch::kLong).clone();

    torch::Tensor targets;
    {
        torch::NoGradGuard noGrad;
        targets = tdTargets(rewards, terminals, target->forward(nextStates), c.gamma);
    }
    const torch::Tensor allQ = q->forward(states);
    const torch::Tensor chosenQ = allQ.gather(1, actions.unsqueeze(1)).squeeze(1);
    const torch::Tensor loss = torch::smooth_l1_loss(chosenQ, targets);
    const double lossValue = loss.item<double>();
    if (!std::isfinite(lossValue))
        return divergenceMessage(tr("TD loss"), lossValue);
    optimizer->zero_grad();
    loss.backward();
    const double norm = torch::nn::utils::clip_grad_norm_(q->parameters(), c.maxGradNorm);
    if (!std::isfinite(norm))
        return divergenceMessage(tr("gradient norm"), norm);
    optimizer->step();
    if (!allFinite(q->parameters()))
        return divergenceMessage(tr("Q network's weights"), kNaN);
    ++gradientUpdates;
    lossSum += lossValue;
    meanQSum += std::get<0>(allQ.detach().max(1)).mean().item<double>();
    ++lossCount;
    return std::nullopt;
}

DqnProgress DqnTrainer::Impl::progress(qint64 sessionSteps) const
{
    DqnProgress p;
    p.step = step;
    p.totalSteps = config.dqn.timesteps;
    const double seconds = activeSeconds();
    if (sessionSteps > 0 && seconds > 0) {
        p.stepsPerSecond = double(sessionSteps) / seconds;
        p.etaSeconds = double(std::max<qint64>(0, p.totalSteps - step)) / p.stepsPerSecond;
    }
    p.text = p.etaSeconds >= 0
        ? tr("Step %1 of %2, %3 steps/s, about %4 s left; %5 episodes, ε %6.")
              .arg(p.step).arg(p.totalSteps).arg(p.stepsPerSecond, 0, 'f', 0).arg(std::ceil(p.etaSeconds))
              .arg(episodes).arg(epsilonAt(config.dqn, step), 0, 'f', 2)
        : tr("Step %1 of %2.").arg(p.step).arg(p.totalSteps);
    return p;
}

DqnTrainingResult DqnTrainer::Impl::run(qint64 maxSteps, const DqnTrainingHooks &hooks)
{
    DqnTrainingResult result;
    const qint64 firstStep = step;
    const auto finish = [&](DqnTrainingResult::End end, QString message) {
        result.end = end;
        result.steps = step - firstStep;
        result.episodes = episodes;
        result.message = std::move(message);
        secondsBefore += activeSeconds();
        sessionTimer.invalidate();
        qCInfo(lcMl) << "DQN training ended:" << result.message;
        return result;
    };
    if (diverged)
        return finish(DqnTrainingResult::End::Diverged, tr("The training diverged earlier; resume from the last good checkpoint."));
    if (step >= config.dqn.timesteps)
        return finish(DqnTrainingResult::End::Finished, tr("The training has already finished its %1 steps.").arg(config.dqn.timesteps));
    if (auto opened = openLogs(); !opened)
        return finish(DqnTrainingResult::End::Failed, opened.error().toString());

    setThreads(config.threads);
    sessionTimer.start();
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const qint64 lastStep = std::min(config.dqn.timesteps, firstStep + maxSteps);
    const auto failed = [&](const QString &message) {
        diverged = true;
        qCWarning(lcMl) << message;
        return finish(DqnTrainingResult::End::Diverged, message);
    };

    try {
        while (step < lastStep) {
            if (hooks.stopRequested && hooks.stopRequested()) {
                const Status saved = saveLast();
                return finish(saved ? DqnTrainingResult::End::Stopped : DqnTrainingResult::End::Failed,
                              saved ? tr("Stopped at step %1; the checkpoint is saved and the run can be resumed.").arg(step)
                                    : tr("Stopped at step %1, but the checkpoint could not be saved: %2").arg(step).arg(saved.error().toString()));
            }

            // Observations are always read from the environment (not carried over), so a resumed run
            // sees exactly what the uninterrupted one saw.
            RlObservation observation{};
            if (env->episodeOver()) {
                observation = env->reset();
                episodeReward = 0;
            } else {
                observation = env->observation();
            }
            const TradeAction action = chooseAction(observation);
            const EnvStep outcome = env->step(action);
            if (!std::isfinite(outcome.reward))
                return failed(divergenceMessage(tr("reward"), outcome.reward));
            buffer->add(observation, action, float(outcome.reward), outcome.observation, outcome.terminated);
            episodeReward += outcome.reward;
            ++step;
            if (outcome.terminated || outcome.truncated)
                finishEpisode(outcome);

            // As SB3: the target copy is checked first, then the gradient steps once learning started.
            if (step % config.dqn.targetUpdateInterval == 0)
                updateTarget();
            if (step > config.dqn.learningStarts && step % config.dqn.trainFrequency == 0) {
                for (int g = 0; g < config.dqn.gradientSteps; ++g)
                    if (const std::optional<QString> failure = gradientStep())
                        return failed(*failure);
            }

            if (step % config.logEverySteps == 0)
                logMetrics(hooks);
            if (step % config.checkpointEverySteps == 0 && step < config.dqn.timesteps) {
                if (auto saved = saveLast(); !saved)
                    return finish(DqnTrainingResult::End::Failed, saved.error().toString());
            }
            if (hooks.progress && sinceProgress.elapsed() >= 1000) {
                hooks.progress(progress(step - firstStep));
                sinceProgress.restart();
            }
        }
    } catch (const std::exception &e) {
        // A libtorch failure (out of memory, a shape bug) ends the run like a divergence: the
        // in-memory state may be half updated, so it is not saved.
        return failed(tr("The training failed at step %1: %2").arg(step).arg(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    if (hooks.progress)
        hooks.progress(progress(step - firstStep));
    if (step >= config.dqn.timesteps) {
        Status saved = saveLast();
        if (saved)
            saved = writeFinal();
        const QString message = tr("Trained %1 steps (%2 episodes).").arg(step).arg(episodes);
        return finish(DqnTrainingResult::End::Finished, saved ? message : QString(message + QLatin1Char(' ') + saved.error().toString()));
    }
    return finish(DqnTrainingResult::End::Finished, tr("Trained %1 steps.").arg(step - firstStep));
}

DqnTrainer::DqnTrainer() : d(std::make_unique<Impl>()) {}
DqnTrainer::~DqnTrainer() = default;

Result<std::unique_ptr<DqnTrainer>> DqnTrainer::create(const QString &runDirectory, const TradingSeries &series, DqnTrainingConfig config)
{
    const QFileInfo info(runDirectory);
    if (runDirectory.isEmpty() || (info.exists() && !info.isDir()))
        return Error::make(Error::Kind::Usage, tr("The run folder %1 is not a folder.").arg(runDirectory));
    if (info.exists() && !QDir(runDirectory).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return Error::make(Error::Kind::Usage, tr("The run folder %1 is not empty; choose a new or empty folder (or resume that run).").arg(runDirectory));

    std::unique_ptr<DqnTrainer> trainer(new DqnTrainer);
    Impl &impl = *trainer->d;
    impl.dir = QDir(runDirectory).absolutePath();
    if (auto built = impl.build(series, config); !built)
        return built.error();
    if (!QDir().mkpath(checkpointDir(impl.dir)))
        return Error::make(Error::Kind::Io, tr("Cannot create the run folder %1.").arg(runDirectory));
    if (auto s = writeJsonFile(configPath(impl.dir), impl.config.toJson()); !s)
        return s.error();
    if (auto s = impl.openLogs(); !s)
        return s.error();
    // A step-0 checkpoint: the run can be resumed (and divergence has a checkpoint to fall back to) at once.
    if (auto s = impl.saveLast(); !s)
        return s.error();
    qCInfo(lcMl) << "DQN run created in" << impl.dir << "training steps" << impl.trainSeries.steps.size() << "sequences"
                 << impl.trainSeries.sequenceCount();
    return Result<std::unique_ptr<DqnTrainer>>(std::move(trainer));
}

Result<DqnTrainingConfig> DqnTrainer::readRunConfig(const QString &runDirectory)
{
    const QString path = configPath(runDirectory);
    QFile file(path);
    if (!file.exists())
        return Error::make(Error::Kind::Io, tr("There is no trader run in %1 (config.json is missing).").arg(runDirectory));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1.").arg(path), file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error::make(Error::Kind::Format, tr("The trader run configuration %1 is not valid JSON.").arg(path), parseError.errorString());
    Result<DqnTrainingConfig> config = DqnTrainingConfig::fromJson(document.object());
    if (!config)
        return Error::make(config.error().kind, config.error().message, path + QStringLiteral(": ") + config.error().detail);
    return config;
}

Result<std::unique_ptr<DqnTrainer>> DqnTrainer::resume(const QString &runDirectory, const TradingSeries &series)
{
    Result<DqnTrainingConfig> config = readRunConfig(runDirectory);
    if (!config)
        return config.error();
    const QString dir = QDir(runDirectory).absolutePath();
    const QString last = checkpointPath(dir, "last.pt");
    if (!QFileInfo::exists(last))
        return Error::make(Error::Kind::Io, tr("The trader run %1 has no checkpoint to resume from.").arg(runDirectory), last);

    std::unique_ptr<DqnTrainer> trainer(new DqnTrainer);
    Impl &impl = *trainer->d;
    impl.dir = dir;
    if (auto built = impl.build(series, *config); !built)
        return built.error();
    if (auto read = impl.readCheckpoint(last); !read)
        return read.error();
    // Rows logged after the checkpoint (a killed run) are logged again by the resumed one.
    if (auto s = truncateRunLog(metricsCsvPath(dir), impl.step, false); !s)
        return s.error();
    if (auto s = truncateRunLog(metricsJsonlPath(dir), impl.step, true); !s)
        return s.error();
    if (auto s = truncateRunLog(episodesCsvPath(dir), impl.step, false); !s)
        return s.error();
    qCInfo(lcMl) << "DQN run resumed in" << dir << "at step" << impl.step << "episodes" << impl.episodes;
    return Result<std::unique_ptr<DqnTrainer>>(std::move(trainer));
}

DqnTrainingResult DqnTrainer::train(const DqnTrainingHooks &hooks)
{
    return d->run(std::numeric_limits<qint64>::max() / 2, hooks);
}

DqnTrainingResult DqnTrainer::trainSteps(qint64 steps, const DqnTrainingHooks &hooks)
{
    return d->run(std::max<qint64>(0, steps), hooks);
}

Status DqnTrainer::saveCheckpoint()
{
    return d->saveLast();
}

qint64 DqnTrainer::step() const { return d->step; }
const DqnTrainingConfig &DqnTrainer::config() const { return d->config; }
QString DqnTrainer::runDirectory() const { return d->dir; }

QVector<float> DqnTrainer::parameters() const
{
    QVector<float> values;
    for (const torch::Tensor &p : d->q->parameters()) {
        const torch::Tensor flat = p.detach().contiguous().view(-1);
        values.append(QVector<float>(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel()));
    }
    return values;
}

// ---- Evaluation and answers ------------------------------------------------------------------

Result<RlEvaluation> evaluateRun(const QString &runDirectory, const TradingSeries &series)
{
    Result<DqnTrainingConfig> config = DqnTrainer::readRunConfig(runDirectory);
    if (!config)
        return config.error();
    Result<SeriesSplit> split = splitSeries(series, config->trainFraction);
    if (!split)
        return split.error();
    Result<std::shared_ptr<DqnPolicy>> policy = DqnPolicy::load(runDirectory);
    if (!policy)
        return policy.error();
    const std::shared_ptr<DqnPolicy> greedyPolicy = *policy;
    RlEvaluation evaluation = evaluateAgainstBaselines(
        split->heldOut, config->env, [greedyPolicy](const RlObservation &o) { return greedyPolicy->greedy(o); },
        config->dqn.seed);
    if (evaluation.description.isEmpty())
        evaluation.description = tr("Held-out %1 % of %2").arg(std::round((1 - config->trainFraction) * 100)).arg(series.description);
    if (auto s = writeJsonFile(evaluationPath(runDirectory), rlEvaluationJson(evaluation, true)); !s)
        return s.error();
    qCInfo(lcMl) << "DQN run" << runDirectory << "evaluated on" << evaluation.steps << "steps: policy" << evaluation.policy.totalReturn
                 << "buy-and-hold" << evaluation.buyAndHold.totalReturn << "random" << evaluation.random.totalReturn;
    return evaluation;
}

// Model output, read by the agent's parser: English whatever the UI language (no tr()).
QString dqnAnswer(const std::array<float, kRlActionCount> &q, TradeAction action, bool holding)
{
    const auto value = [](float v) { return QString::number(double(v), 'f', 2); };
    const int chosen = static_cast<int>(action);
    // The strongest alternative to the chosen action.
    int rival = chosen == 0 ? 1 : 0;
    for (int a = 0; a < kRlActionCount; ++a)
        if (a != chosen && q[a] > q[rival])
            rival = a;
    const double margin = double(q[chosen]) - double(q[rival]);
    QString chosenName = actionGerund(action);
    chosenName[0] = chosenName[0].toUpper();
    const QString comparison = margin >= 0
        ? QStringLiteral("%1 leads %2 by %3.").arg(chosenName, actionGerund(static_cast<TradeAction>(rival)), QString::number(margin, 'f', 2))
        : QStringLiteral("%1 trails %2 by %3.").arg(chosenName, actionGerund(static_cast<TradeAction>(rival)), QString::number(-margin, 'f', 2));
    QString recommendation;
    switch (action) {
    case TradeAction::Buy: recommendation = QStringLiteral("APE IN"); break;
    case TradeAction::Sell: recommendation = QStringLiteral("APE OUT"); break;
    case TradeAction::Hold: recommendation = QStringLiteral("APE NEUTRAL"); break;
    }
    return QStringLiteral("Q-values — hold %1, buy %2, sell %3 (%4). %5\nRECOMMENDATION: %6")
        .arg(value(q[0]), value(q[1]), value(q[2]), holding ? QStringLiteral("holding ETH") : QStringLiteral("flat"), comparison,
             recommendation);
}

} // namespace apedesk::ml
