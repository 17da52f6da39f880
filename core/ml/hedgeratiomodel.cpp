#include "hedgeratiomodel.h"

#include "common/portablerandom.h"
#include "hedgeratiomodel_p.h"
#include "torchruntime.h"

#include "common/logging.h"
#include "federated/venuefeatures.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <numeric>

namespace apedesk::ml {

static_assert(kHedgeRatioInputs == federated::kVenueFeatureCount, "the model reads the venue features");

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::HedgeRatioModel", text);
}

struct LayerShape
{
    const char *name;
    int in;
    int out;
};
// The architecture, in registration order (which is named_parameters' order, hence the layout's).
constexpr LayerShape kLayers[] = {{"fc1", kHedgeRatioInputs, 64}, {"fc2", 64, 64}, {"fc3", 64, 32}, {"out", 32, 1}};

// Rows per forward pass when predicting, so a huge feature matrix does not need huge activations.
constexpr qsizetype kPredictChunk = 65536;

// The layout with zero values: what sameLayout compares a model's parameters with.
federated::ModelParameters layoutTemplate()
{
    federated::ModelParameters layout;
    for (const LayerShape &layer : kLayers) {
        const QString name = QLatin1String(layer.name);
        layout.append({name + QStringLiteral(".weight"), {layer.out, layer.in}, QVector<float>(layer.out * layer.in, 0.0f)});
        layout.append({name + QStringLiteral(".bias"), {layer.out}, QVector<float>(layer.out, 0.0f)});
    }
    return layout;
}

Error modelError(const QString &message, const std::exception &e)
{
    return Error::make(Error::Kind::Model, message, QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 2));
}

// A parameter set the model can load: its layout and finite values.
Status checkParameters(const federated::ModelParameters &parameters)
{
    if (auto layout = federated::sameLayout(layoutTemplate(), parameters); !layout)
        return Error::make(Error::Kind::Usage, tr("These parameters are not a hedge-ratio model's."), layout.error().toString());
    if (const auto bad = federated::firstNonFinite(parameters))
        return Error::make(Error::Kind::Usage, tr("The hedge-ratio model has a weight that is not a finite number: %1.").arg(bad->describe()));
    return {};
}

// Samples [first, first + count) of a row-major feature matrix (and their targets, when given) are finite.
// `offset` is added to the sample numbers in messages (a split's first sample in its data set).
Status checkSamples(const float *features, const float *targets, qsizetype count, qsizetype offset)
{
    for (qsizetype s = 0; s < count; ++s) {
        for (int f = 0; f < kHedgeRatioInputs; ++f) {
            const float v = features[s * kHedgeRatioInputs + f];
            if (!std::isfinite(v))
                return Error::make(Error::Kind::Usage,
                                   tr("Sample %1 has a feature that is not a finite number (%2 is %3); the model cannot be trained or evaluated on it.")
                                       .arg(offset + s)
                                       .arg(federated::venueFeatureName(f))
                                       .arg(double(v)));
        }
        if (targets && !std::isfinite(targets[s]))
            return Error::make(Error::Kind::Usage, tr("Sample %1 has a target that is not a finite number (%2).").arg(offset + s).arg(double(targets[s])));
    }
    return {};
}

Status checkFeatureMatrix(const QVector<float> &features)
{
    if (features.size() % kHedgeRatioInputs != 0)
        return Error::make(Error::Kind::Usage, tr("The features must be rows of %1 values.").arg(kHedgeRatioInputs),
                           QStringLiteral("%1 values").arg(features.size()));
    return checkSamples(features.constData(), nullptr, features.size() / kHedgeRatioInputs, 0);
}

torch::Tensor matrix(const float *values, qsizetype rows)
{
    return torch::from_blob(const_cast<float *>(values), {int64_t(rows), int64_t(kHedgeRatioInputs)}, torch::kFloat).clone();
}

torch::Tensor column(const float *values, qsizetype count)
{
    return torch::from_blob(const_cast<float *>(values), {int64_t(count)}, torch::kFloat).clone();
}

// Eval-mode predictions of already checked features, in chunks.
QVector<float> predictChecked(HedgeRatioPredictorImpl &module, const float *features, qsizetype rows)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = module.is_training();
    module.eval();
    QVector<float> predictions(rows);
    for (qsizetype start = 0; start < rows; start += kPredictChunk) {
        const qsizetype n = std::min(kPredictChunk, rows - start);
        const torch::Tensor out = module.forward(matrix(features + start * kHedgeRatioInputs, n)).contiguous();
        std::memcpy(predictions.data() + start, out.data_ptr<float>(), size_t(n) * sizeof(float));
    }
    module.train(wasTraining);
    return predictions;
}

double rmseOf(const QVector<float> &predictions, const float *targets)
{
    double sum = 0;
    for (qsizetype i = 0; i < predictions.size(); ++i) {
        const double e = double(predictions[i]) - double(targets[i]);
        sum += e * e;
    }
    return std::sqrt(sum / double(predictions.size()));
}

bool allFinite(HedgeRatioPredictorImpl &module)
{
    for (const auto &p : module.parameters())
        if (!torch::isfinite(p).all().item<bool>())
            return false;
    return true;
}

} // namespace

// ---- The module ------------------------------------------------------------------------------

HedgeRatioPredictorImpl::HedgeRatioPredictorImpl()
{
    fc1 = register_module(kLayers[0].name, torch::nn::Linear(kLayers[0].in, kLayers[0].out));
    fc2 = register_module(kLayers[1].name, torch::nn::Linear(kLayers[1].in, kLayers[1].out));
    fc3 = register_module(kLayers[2].name, torch::nn::Linear(kLayers[2].in, kLayers[2].out));
    out = register_module(kLayers[3].name, torch::nn::Linear(kLayers[3].in, kLayers[3].out));
}

torch::Tensor HedgeRatioPredictorImpl::applyDropout(const torch::Tensor &x)
{
    if (!is_training() || dropout <= 0)
        return x;
    const double keep = 1.0 - dropout;
    const float scale = float(1.0 / keep);
    std::vector<float> mask(size_t(x.numel()));
    for (float &m : mask)
        m = uniform01(dropoutRng) < keep ? scale : 0.0f;
    return x * torch::from_blob(mask.data(), x.sizes(), torch::kFloat).clone();
}

torch::Tensor HedgeRatioPredictorImpl::forward(const torch::Tensor &features)
{
    torch::Tensor x = applyDropout(torch::relu(fc1->forward(features)));
    x = applyDropout(torch::relu(fc2->forward(x)));
    x = applyDropout(torch::relu(fc3->forward(x)));
    return torch::sigmoid(out->forward(x)).squeeze(1);
}

federated::ModelParameters moduleParameters(HedgeRatioPredictorImpl &module)
{
    federated::ModelParameters parameters;
    for (const auto &item : module.named_parameters(true)) {
        const torch::Tensor t = item.value().detach().to(torch::kFloat).contiguous();
        federated::ParameterTensor tensor;
        tensor.name = QString::fromStdString(item.key());
        for (const int64_t size : t.sizes())
            tensor.shape.append(size);
        tensor.values.resize(t.numel());
        std::memcpy(tensor.values.data(), t.data_ptr<float>(), size_t(t.numel()) * sizeof(float));
        parameters.append(std::move(tensor));
    }
    return parameters;
}

Status loadModuleParameters(HedgeRatioPredictorImpl &module, const federated::ModelParameters &parameters)
{
    if (auto valid = checkParameters(parameters); !valid)
        return valid;
    torch::NoGradGuard noGrad;
    auto named = module.named_parameters(true);
    for (const federated::ParameterTensor &tensor : parameters) {
        torch::Tensor *target = named.find(tensor.name.toStdString());
        if (!target)   // the layout check makes this the module's own inconsistency
            return Error::make(Error::Kind::Model, tr("The hedge-ratio model has no tensor %1.").arg(tensor.name));
        const std::vector<int64_t> shape(tensor.shape.begin(), tensor.shape.end());
        target->copy_(torch::from_blob(const_cast<float *>(tensor.values.constData()), shape, torch::kFloat));
    }
    return {};
}

// ---- Free functions --------------------------------------------------------------------------

QStringList hedgeRatioParameterNames()
{
    QStringList names;
    for (const federated::ParameterTensor &tensor : layoutTemplate())
        names.append(tensor.name);
    return names;
}

federated::ModelParameters initialHedgeRatioParameters(quint64 seed)
{
    std::mt19937_64 engine(seed);
    federated::ModelParameters parameters = layoutTemplate();
    // nn.Linear's reset_parameters: kaiming_uniform(a = √5) for the weight, which is U(±1/√fan_in), and
    // U(±1/√fan_in) for the bias; fan_in is the layer's input width for both.
    for (int t = 0; t < parameters.size(); ++t) {
        const double bound = 1.0 / std::sqrt(double(kLayers[t / 2].in));
        for (float &v : parameters[t].values)
            v = float(-bound + 2.0 * bound * uniform01(engine));
    }
    return parameters;
}

double hedgeRatioLearningRate(double baseLearningRate, double decay, int round)
{
    return baseLearningRate * std::pow(decay, double(std::max(0, round)));
}

Status LocalTrainingOptions::validate() const
{
    const auto bad = [](const QString &message, const QString &detail) {
        return Error::make(Error::Kind::Usage, message, detail);
    };
    if (epochs < 1 || epochs > 10000)
        return bad(tr("The local training needs between 1 and 10,000 epochs."), QStringLiteral("epochs=%1").arg(epochs));
    if (round < 0)
        return bad(tr("The round number must not be negative."), QStringLiteral("round=%1").arg(round));
    if (!(baseLearningRate > 0) || !std::isfinite(baseLearningRate))
        return bad(tr("The learning rate must be a positive number."), QStringLiteral("baseLearningRate=%1").arg(baseLearningRate));
    if (!(decay > 0 && decay <= 1))
        return bad(tr("The learning-rate decay must be above 0 and at most 1."), QStringLiteral("decay=%1").arg(decay));
    if (batchSize < 1 || batchSize > 65536)
        return bad(tr("The batch size must be between 1 and 65,536."), QStringLiteral("batchSize=%1").arg(batchSize));
    if (!(weightDecay >= 0) || !std::isfinite(weightDecay))
        return bad(tr("The weight decay must be zero or a positive number."), QStringLiteral("weightDecay=%1").arg(weightDecay));
    if (threads < 0)
        return bad(tr("The number of threads must not be negative."), QStringLiteral("threads=%1").arg(threads));
    return {};
}

Result<LocalTrainingResult> trainHedgeRatioLocally(const federated::ModelParameters &global,
                                                   const federated::VenueDataset &data,
                                                   const LocalTrainingOptions &options,
                                                   const std::function<bool()> &canceled)
{
    QElapsedTimer timer;
    timer.start();
    if (auto valid = options.validate(); !valid)
        return valid.error();

    const qsizetype n = data.sampleCount();
    const int trainCount = data.trainCount;
    if (data.features.size() != n * kHedgeRatioInputs)
        return Error::make(Error::Kind::Usage, tr("The venue %1's data set is inconsistent: %2 targets but %3 feature values.")
                                                   .arg(data.venue).arg(n).arg(data.features.size()));
    if (trainCount < 1 || data.heldOutStart < trainCount || data.heldOutStart >= n)
        return Error::make(Error::Kind::Usage, tr("The venue %1 needs at least one train and one held-out sample to train the model.").arg(data.venue),
                           QStringLiteral("samples %1, train [0, %2), held out [%3, %1)").arg(n).arg(trainCount).arg(data.heldOutStart));
    if (auto s = checkSamples(data.features.constData(), data.targets.constData(), trainCount, 0); !s)
        return Error::make(s.error().kind, tr("The venue %1's train data is not usable: %2").arg(data.venue, s.error().message));
    const qsizetype heldOut = n - data.heldOutStart;
    const float *heldOutFeatures = data.features.constData() + data.heldOutStart * kHedgeRatioInputs;
    const float *heldOutTargets = data.targets.constData() + data.heldOutStart;
    if (auto s = checkSamples(heldOutFeatures, heldOutTargets, heldOut, data.heldOutStart); !s)
        return Error::make(s.error().kind, tr("The venue %1's held-out data is not usable: %2").arg(data.venue, s.error().message));

    LocalTrainingResult result;
    result.samples = trainCount;
    result.epochs = options.epochs;
    result.learningRate = hedgeRatioLearningRate(options.baseLearningRate, options.decay, options.round);
    try {
        setThreads(options.threads);
        HedgeRatioPredictor model;
        if (auto loaded = loadModuleParameters(*model, global); !loaded)
            return loaded.error();
        // Its own stream, derived from the training seed, so the masks do not mirror the batch order.
        model->seedDropout(splitMix64(options.seed));
        model->train();
        torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(result.learningRate).weight_decay(options.weightDecay));

        const torch::Tensor x = matrix(data.features.constData(), trainCount);
        const torch::Tensor y = column(data.targets.constData(), trainCount);
        std::mt19937_64 order(options.seed);
        std::vector<int64_t> permutation(static_cast<size_t>(trainCount));
        const int batches = (trainCount + options.batchSize - 1) / options.batchSize;

        for (int epoch = 1; epoch <= options.epochs; ++epoch) {
            std::iota(permutation.begin(), permutation.end(), int64_t(0));
            for (size_t i = permutation.size() - 1; i > 0; --i)   // Fisher–Yates
                std::swap(permutation[i], permutation[uniformBelow(order, i + 1)]);
            const torch::Tensor shuffled = torch::from_blob(permutation.data(), {int64_t(trainCount)}, torch::kLong);

            double lossSum = 0;
            for (int batch = 0; batch < batches; ++batch) {
                if (canceled && canceled())
                    return Error::canceled();
                const int64_t start = int64_t(batch) * options.batchSize;
                const int64_t end = std::min<int64_t>(trainCount, start + options.batchSize);
                const torch::Tensor index = shuffled.slice(0, start, end);
                const torch::Tensor prediction = model->forward(x.index_select(0, index));
                const torch::Tensor loss = torch::nn::functional::mse_loss(prediction, y.index_select(0, index));
                const double lossValue = loss.item<double>();
                if (!std::isfinite(lossValue))
                    return Error::make(Error::Kind::Model,
                                       tr("The local training on %1 diverged: the loss became %2 in epoch %3, batch %4 of %5. Try a lower learning rate.")
                                           .arg(data.venue, std::isnan(lossValue) ? QStringLiteral("NaN") : tr("infinite"))
                                           .arg(epoch).arg(batch + 1).arg(batches),
                                       QStringLiteral("learning rate %1, round %2").arg(result.learningRate).arg(options.round));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += lossValue * double(end - start);
            }
            if (!allFinite(*model))
                return Error::make(Error::Kind::Model,
                                   tr("The local training on %1 diverged: a weight became NaN or infinite in epoch %2. Try a lower learning rate.")
                                       .arg(data.venue).arg(epoch),
                                   QStringLiteral("learning rate %1, round %2").arg(result.learningRate).arg(options.round));
            result.trainLoss = lossSum / double(trainCount);
        }

        result.parameters = moduleParameters(*model);
        const QVector<float> predictions = predictChecked(*model, heldOutFeatures, heldOut);
        result.heldOutRmse = rmseOf(predictions, heldOutTargets);
        double mean = 0;
        for (int i = 0; i < trainCount; ++i)
            mean += data.targets[i];
        mean /= trainCount;
        double sum = 0;
        for (qsizetype i = 0; i < heldOut; ++i)
            sum += (heldOutTargets[i] - mean) * (heldOutTargets[i] - mean);
        result.heldOutMeanRmse = std::sqrt(sum / double(heldOut));
    } catch (const std::exception &e) {
        return modelError(tr("The local training on %1 failed.").arg(data.venue), e);
    }
    result.seconds = timer.nsecsElapsed() / 1e9;
    qCDebug(lcMl) << "hedge-ratio local training" << data.venue << "round" << options.round << "loss" << result.trainLoss
                  << "held-out RMSE" << result.heldOutRmse << "mean RMSE" << result.heldOutMeanRmse << result.seconds << "s";
    return result;
}

Result<QVector<float>> predictHedgeRatios(const federated::ModelParameters &parameters, const QVector<float> &features)
{
    Result<HedgeRatioModel> model = HedgeRatioModel::fromParameters(parameters);
    if (!model)
        return model.error();
    return model->predict(features);
}

Result<double> hedgeRatioRmse(const federated::ModelParameters &parameters, const QVector<float> &features,
                              const QVector<float> &targets)
{
    Result<HedgeRatioModel> model = HedgeRatioModel::fromParameters(parameters);
    if (!model)
        return model.error();
    return model->rmse(features, targets);
}

// ---- HedgeRatioModel -------------------------------------------------------------------------

struct HedgeRatioModel::Impl
{
    // A torch module is not safe to run from several threads at once.
    mutable std::mutex mutex;
    HedgeRatioPredictor module;
};

HedgeRatioModel::HedgeRatioModel() : d(std::make_unique<Impl>()) {}
HedgeRatioModel::HedgeRatioModel(HedgeRatioModel &&) noexcept = default;
HedgeRatioModel &HedgeRatioModel::operator=(HedgeRatioModel &&) noexcept = default;
HedgeRatioModel::~HedgeRatioModel() = default;

Result<HedgeRatioModel> HedgeRatioModel::fromParameters(const federated::ModelParameters &parameters)
{
    // Checked before a module is built: a wrong layout costs no torch work.
    if (auto valid = checkParameters(parameters); !valid)
        return valid.error();
    try {
        HedgeRatioModel model;
        if (auto loaded = loadModuleParameters(*model.d->module, parameters); !loaded)
            return loaded.error();
        model.d->module->eval();
        return model;
    } catch (const std::exception &e) {
        return modelError(tr("The hedge-ratio model could not be built."), e);
    }
}

federated::ModelParameters HedgeRatioModel::parameters() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return moduleParameters(*d->module);
}

Result<QVector<float>> HedgeRatioModel::predict(const QVector<float> &features) const
{
    if (auto valid = checkFeatureMatrix(features); !valid)
        return valid.error();
    std::lock_guard<std::mutex> lock(d->mutex);
    try {
        return predictChecked(*d->module, features.constData(), features.size() / kHedgeRatioInputs);
    } catch (const std::exception &e) {
        return modelError(tr("The hedge-ratio model could not predict."), e);
    }
}

Result<double> HedgeRatioModel::rmse(const QVector<float> &features, const QVector<float> &targets) const
{
    const qsizetype rows = features.size() / kHedgeRatioInputs;
    if (features.size() % kHedgeRatioInputs != 0 || rows != targets.size() || rows < 1)
        return Error::make(Error::Kind::Usage, tr("The RMSE needs at least one sample and one target per row of %1 features.").arg(kHedgeRatioInputs),
                           QStringLiteral("%1 feature values, %2 targets").arg(features.size()).arg(targets.size()));
    if (auto valid = checkSamples(features.constData(), targets.constData(), rows, 0); !valid)
        return valid.error();
    std::lock_guard<std::mutex> lock(d->mutex);
    try {
        return rmseOf(predictChecked(*d->module, features.constData(), rows), targets.constData());
    } catch (const std::exception &e) {
        return modelError(tr("The hedge-ratio model could not be evaluated."), e);
    }
}

} // namespace apedesk::ml
