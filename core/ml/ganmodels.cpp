#include "ganmodels_p.h"

#include "common/logging.h"

#include <torch/autograd.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/linear.h>
#include <torch/nn/functional/normalization.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/utils.h>

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace apedesk::ml {
namespace {

int roundUpToThree(int n)
{
    return (n + 2) / 3 * 3;
}

} // namespace

GanConfig GanConfig::full()
{
    return GanConfig{};   // the defaults are the full preset
}

GanConfig GanConfig::quick()
{
    GanConfig c;
    c.latent = 16;
    c.hidden = 64;
    c.layers = 2;
    c.batchSize = 64;
    c.nCritic = 3;
    c.epochs = 20;
    c.patience = 5;
    return c;
}

Status GanConfig::validate() const
{
    const auto bad = [](QString message, const QString &detail) {
        return Error::make(Error::Kind::Usage, std::move(message), detail);
    };
    if (sequenceLength < 1 || features < 1 || conditionSize < 1 || latent < 1)
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "The sequence length, feature count, condition size and latent size must be positive."),
                   QStringLiteral("T=%1 F=%2 C=%3 latent=%4").arg(sequenceLength).arg(features).arg(conditionSize).arg(latent));
    if (hidden < 2 || heads < 1 || hidden % heads != 0)
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "The hidden size must be at least 2 and a multiple of the number of attention heads."),
                   QStringLiteral("hidden=%1 heads=%2").arg(hidden).arg(heads));
    if (layers < 1 || minibatchChannels < 1 || powerIterations < 1)
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "The layer count, minibatch channels and power iterations must be positive."),
                   QStringLiteral("layers=%1 mb=%2 it=%3").arg(layers).arg(minibatchChannels).arg(powerIterations));
    const auto isProbability = [](double p) { return p >= 0 && p < 1; };
    if (!isProbability(dropout) || !isProbability(criticDropout))
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "Dropout rates must be at least 0 and below 1."), QStringLiteral("%1 %2").arg(dropout).arg(criticDropout));
    if (batchSize < 1 || nCritic < 1 || epochs < 1 || patience < 0)
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "Batch size, critic steps and epochs must be positive, and patience not negative."),
                   QStringLiteral("batch=%1 nCritic=%2 epochs=%3 patience=%4").arg(batchSize).arg(nCritic).arg(epochs).arg(patience));
    if (!(lrG > 0) || !(lrD > 0) || !isProbability(beta1) || !isProbability(beta2))
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "Learning rates must be positive and Adam betas between 0 and 1."),
                   QStringLiteral("lrG=%1 lrD=%2 betas=%3,%4").arg(lrG).arg(lrD).arg(beta1).arg(beta2));
    if (!(lambdaGp >= 0) || !(diversityWeight >= 0) || !(featureMatchingWeight >= 0) || !(gradientClip > 0)
        || !(latentNoise >= 0) || !(outputNoise >= 0) || !(instanceNoise >= 0))
        return bad(QCoreApplication::translate("apedesk::ml::GanConfig", "Loss weights and noise levels must not be negative."), QString());
    return {};
}

int criticLayerWidth(const GanConfig &config, int layer)
{
    return roundUpToThree(config.hidden << layer);
}

int criticInputChannels(const GanConfig &config)
{
    return roundUpToThree(config.features + config.hidden + config.minibatchChannels);
}

// ---------------------------------------------------------------------------------------------
namespace gan {

void SpectralNorm::attach(torch::nn::Module &owner, const torch::Tensor &weight, int iterations)
{
    m_iterations = iterations;
    const auto mat = weight.detach().reshape({weight.size(0), -1});
    m_u = owner.register_buffer("u", torch::nn::functional::normalize(torch::randn({mat.size(0)}, mat.options()),
                                                                       torch::nn::functional::NormalizeFuncOptions().dim(0)));
    m_v = owner.register_buffer("v", torch::nn::functional::normalize(torch::randn({mat.size(1)}, mat.options()),
                                                                       torch::nn::functional::NormalizeFuncOptions().dim(0)));
    powerIterate(weight, 15);
}

void SpectralNorm::powerIterate(const torch::Tensor &weight, int steps)
{
    torch::NoGradGuard noGrad;
    const auto mat = weight.reshape({weight.size(0), -1});
    const auto unit = torch::nn::functional::NormalizeFuncOptions().dim(0).eps(1e-12);
    for (int i = 0; i < steps; ++i) {
        // In place: the registered buffers and these members are the same tensors.
        m_v.copy_(torch::nn::functional::normalize(torch::mv(mat.t(), m_u), unit));
        m_u.copy_(torch::nn::functional::normalize(torch::mv(mat, m_v), unit));
    }
}

torch::Tensor SpectralNorm::sigma(const torch::Tensor &weight) const
{
    // u and v are constants for autograd (as in torch.nn.utils.spectral_norm); σ still depends on W.
    // Copies: the next training forward updates the buffers in place while this graph may still
    // need them (critic on real, on fake and in the penalty, all before one backward).
    return torch::dot(m_u.clone(), torch::mv(weight.reshape({weight.size(0), -1}), m_v.clone()));
}

torch::Tensor SpectralNorm::normalised(const torch::Tensor &weight, bool training)
{
    if (training)
        powerIterate(weight, m_iterations);
    return weight / sigma(weight);
}

SNLinearImpl::SNLinearImpl(int64_t in, int64_t out, int iterations)
{
    weight = register_parameter("weight", torch::empty({out, in}));
    bias = register_parameter("bias", torch::empty({out}));
    // torch.nn.Linear's default: kaiming-uniform weight, uniform(±1/√in) bias.
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    torch::nn::init::uniform_(bias, -1.0 / std::sqrt(double(in)), 1.0 / std::sqrt(double(in)));
    spectral.attach(*this, weight, iterations);
}

torch::Tensor SNLinearImpl::forward(const torch::Tensor &x)
{
    return torch::nn::functional::linear(x, spectral.normalised(weight, is_training()), bias);
}

torch::Tensor SNLinearImpl::normalisedWeight() const
{
    return weight / spectral.sigma(weight);
}

SNConv1dImpl::SNConv1dImpl(int64_t in, int64_t out, int64_t kernel, int iterations)
    : m_padding(kernel / 2)
{
    TORCH_CHECK(kernel % 2 == 1, "same padding needs an odd kernel");
    weight = register_parameter("weight", torch::empty({out, in, kernel}));
    bias = register_parameter("bias", torch::empty({out}));
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    const double bound = 1.0 / std::sqrt(double(in * kernel));
    torch::nn::init::uniform_(bias, -bound, bound);
    spectral.attach(*this, weight, iterations);
}

torch::Tensor SNConv1dImpl::forward(const torch::Tensor &x)
{
    return torch::conv1d(x, spectral.normalised(weight, is_training()), bias, 1, m_padding);
}

torch::Tensor SNConv1dImpl::normalisedWeight() const
{
    return weight / spectral.sigma(weight);
}

torch::Tensor causalMask(int64_t length)
{
    return torch::triu(torch::full({length, length}, -std::numeric_limits<float>::infinity()), 1);
}

torch::Tensor sinusoidalPositionalEncoding(int64_t length, int64_t dModel)
{
    auto pe = torch::zeros({length, dModel});
    const auto position = torch::arange(0, length, torch::kFloat).unsqueeze(1);
    const auto divTerm = torch::exp(torch::arange(0, dModel, 2, torch::kFloat) * (-std::log(10000.0) / double(dModel)));
    pe.slice(1, 0, dModel, 2).copy_(torch::sin(position * divTerm));
    // An odd d_model has one cosine column fewer than sine columns.
    pe.slice(1, 1, dModel, 2).copy_(torch::cos(position * divTerm.slice(0, 0, dModel / 2)));
    return pe;
}

GeneratorImpl::GeneratorImpl(const GanConfig &config)
    : m_config(config)
{
    namespace nn = torch::nn;
    const int64_t d = config.hidden;
    inputProjection = register_module("input", nn::Sequential(
        nn::Linear(config.latent + config.conditionSize, 2 * d), nn::LayerNorm(nn::LayerNormOptions({2 * d})), nn::GELU(),
        nn::Dropout(config.dropout), nn::Linear(2 * d, d), nn::LayerNorm(nn::LayerNormOptions({d}))));

    // libtorch 1.13's decoder layer is post-norm and takes GELU; the stack gets a final LayerNorm.
    const auto layer = nn::TransformerDecoderLayer(nn::TransformerDecoderLayerOptions(d, config.heads)
                                                       .dim_feedforward(4 * d)
                                                       .dropout(config.dropout)
                                                       .activation(torch::kGELU));
    decoder = register_module("decoder", nn::TransformerDecoder(nn::TransformerDecoderOptions(layer, config.layers)
                                                                     .norm(nn::AnyModule(nn::LayerNorm(nn::LayerNormOptions({d}))))));

    outputHead = register_module("head", nn::Sequential(
        nn::Linear(d, d), nn::LayerNorm(nn::LayerNormOptions({d})), nn::GELU(), nn::Dropout(config.dropout),
        nn::Linear(d, config.features)));

    targetEmbedding = register_parameter("target", torch::randn({config.sequenceLength, d}));
    positionalEncoding = register_buffer("positional", sinusoidalPositionalEncoding(config.sequenceLength, d));
    mask = register_buffer("mask", causalMask(config.sequenceLength));

    // Xavier-normal (gain 0.8) for weight matrices, zero biases. The target embedding keeps its
    // randn initialisation: it is a table of step vectors, not a projection.
    torch::NoGradGuard noGrad;
    for (auto &item : named_parameters()) {
        if (item.key() == "target")
            continue;
        if (item.value().dim() >= 2)
            nn::init::xavier_normal_(item.value(), 0.8);
        else if (item.key().find("bias") != std::string::npos)
            item.value().zero_();
    }
}

torch::Tensor GeneratorImpl::forward(const torch::Tensor &z, const torch::Tensor &cond)
{
    TORCH_CHECK(z.dim() == 2 && z.size(1) == m_config.latent, "generator z must be [B, ", m_config.latent, "]");
    TORCH_CHECK(cond.dim() == 2 && cond.size(0) == z.size(0) && cond.size(1) == m_config.conditionSize,
                "generator cond must be [B, ", m_config.conditionSize, "]");
    const bool noisy = is_training();
    const auto latent = noisy && m_config.latentNoise > 0 ? z + torch::randn_like(z) * m_config.latentNoise : z;
    const int64_t batch = z.size(0), steps = m_config.sequenceLength, d = m_config.hidden;

    // Decoder tensors are sequence-first: [T, B, d]. The memory is the same vector at every step.
    const auto memoryVector = inputProjection->forward(torch::cat({latent, cond}, 1));
    const auto memory = memoryVector.unsqueeze(0).expand({steps, batch, d}).contiguous();
    const auto target = (targetEmbedding + positionalEncoding).unsqueeze(1).expand({steps, batch, d}).contiguous();
    const auto decoded = decoder->forward(target, memory, mask);
    auto out = outputHead->forward(decoded.transpose(0, 1));
    if (noisy && m_config.outputNoise > 0)
        out = out + torch::randn_like(out) * m_config.outputNoise;
    return out;
}

CriticImpl::CriticImpl(const GanConfig &config)
    : m_config(config)
{
    const int it = config.powerIterations;
    conditionBranch = register_module("condition", SNLinear(config.conditionSize, config.hidden, it));
    minibatchBranch = register_module("minibatch", SNLinear(config.features, std::max(1, config.hidden / 2), it));
    int64_t channels = criticInputChannels(config);
    for (int layer = 0; layer < 3; ++layer) {
        const int64_t width = criticLayerWidth(config, layer);
        std::vector<SNConv1d> branches;
        for (int64_t kernel : {3, 5, 7})
            branches.push_back(register_module(QStringLiteral("conv%1_k%2").arg(layer).arg(kernel).toStdString(),
                                               SNConv1d(channels, width / 3, kernel, it)));
        convs.push_back(std::move(branches));
        channels = width;
    }
    head1 = register_module("head1", SNLinear(config.sequenceLength * channels, 4 * config.hidden, it));
    head2 = register_module("head2", SNLinear(4 * config.hidden, 1, it));
    dropout = register_module("dropout", torch::nn::Dropout(config.criticDropout));
}

CriticOutput CriticImpl::forwardWithFeatures(const torch::Tensor &x, const torch::Tensor &cond)
{
    TORCH_CHECK(x.dim() == 3 && x.size(1) == m_config.sequenceLength && x.size(2) == m_config.features,
                "critic x must be [B, ", m_config.sequenceLength, ", ", m_config.features, "]");
    TORCH_CHECK(cond.dim() == 2 && cond.size(0) == x.size(0) && cond.size(1) == m_config.conditionSize,
                "critic cond must be [B, ", m_config.conditionSize, "]");
    const int64_t batch = x.size(0), steps = x.size(1);

    const auto conditionFeatures = conditionBranch->forward(cond).unsqueeze(2).expand({batch, m_config.hidden, steps});

    // Minibatch discrimination: how similar each sample is to the rest of the batch (mode collapse
    // makes this large), as one scalar per sample.
    const auto summary = minibatchBranch->forward(x).mean(1);
    const auto distances = (summary.unsqueeze(1) - summary.unsqueeze(0)).abs().sum(2);
    const auto others = 1 - torch::eye(batch, x.options());
    const auto similarity = (torch::exp(-distances) * others).sum(1);
    const auto minibatchFeatures = similarity.view({batch, 1, 1}).expand({batch, m_config.minibatchChannels, steps});

    std::vector<torch::Tensor> parts{x.transpose(1, 2), conditionFeatures, minibatchFeatures};
    const int64_t padding = criticInputChannels(m_config) - (m_config.features + m_config.hidden + m_config.minibatchChannels);
    if (padding > 0)
        parts.push_back(torch::zeros({batch, padding, steps}, x.options()));
    auto h = torch::cat(parts, 1);

    namespace F = torch::nn::functional;
    const auto leaky = F::LeakyReLUFuncOptions().negative_slope(0.2);
    for (auto &branches : convs) {
        h = torch::cat({branches[0]->forward(h), branches[1]->forward(h), branches[2]->forward(h)}, 1);
        h = dropout->forward(F::leaky_relu(h, leaky));
    }
    CriticOutput out;
    out.features = F::leaky_relu(head1->forward(h.flatten(1)), leaky);
    out.score = head2->forward(dropout->forward(out.features));
    return out;
}

std::vector<SNLinear> CriticImpl::linearLayers() const
{
    return {conditionBranch, minibatchBranch, head1, head2};
}

std::vector<SNConv1d> CriticImpl::convLayers() const
{
    std::vector<SNConv1d> all;
    for (const auto &branches : convs)
        all.insert(all.end(), branches.begin(), branches.end());
    return all;
}

torch::Tensor criticGradientNorms(Critic &critic, const torch::Tensor &interpolates, const torch::Tensor &cond)
{
    const auto x = interpolates.detach().requires_grad_(true);
    const auto scores = critic->forward(x, cond);
    const auto gradients = torch::autograd::grad({scores.sum()}, {x}, {}, /*retain_graph=*/true, /*create_graph=*/true)[0];
    return gradients.reshape({x.size(0), -1}).norm(2, 1);
}

torch::Tensor gradientPenaltyAt(Critic &critic, const torch::Tensor &interpolates, const torch::Tensor &cond, double lambda)
{
    return lambda * (criticGradientNorms(critic, interpolates, cond) - 1).pow(2).mean();
}

torch::Tensor gradientPenalty(Critic &critic, const torch::Tensor &real, const torch::Tensor &fake,
                              const torch::Tensor &cond, double lambda)
{
    const auto alpha = torch::rand({real.size(0), 1, 1}, real.options()) * (1 - 2e-6) + 1e-6;
    const auto interpolates = alpha * real.detach() + (1 - alpha) * fake.detach();
    return gradientPenaltyAt(critic, interpolates, cond, lambda);
}

torch::Tensor criticLoss(const torch::Tensor &realScores, const torch::Tensor &fakeScores, const torch::Tensor &penalty)
{
    return -(realScores.mean() - fakeScores.mean()) + penalty;
}

torch::Tensor meanPairwiseDistance(const torch::Tensor &samples)
{
    if (samples.size(0) < 2)
        return torch::zeros({}, samples.options());
    return torch::pdist(samples.reshape({samples.size(0), -1}), 2).mean();
}

torch::Tensor generatorLoss(const torch::Tensor &fakeScores, const torch::Tensor &fakes, const torch::Tensor &realFeatures,
                            const torch::Tensor &fakeFeatures, const GanConfig &config)
{
    const auto adversarial = -fakeScores.mean();
    const auto diversity = -meanPairwiseDistance(fakes);
    const auto featureMatching = (realFeatures.detach().mean(0) - fakeFeatures.mean(0)).abs().mean();
    return adversarial + config.diversityWeight * diversity + config.featureMatchingWeight * featureMatching;
}

int64_t parameterCount(const torch::nn::Module &module)
{
    int64_t count = 0;
    for (const auto &p : module.parameters())
        count += p.numel();
    return count;
}

} // namespace gan

// ---------------------------------------------------------------------------------------------
Result<GanNetworks> GanNetworks::create(const GanConfig &config)
{
    if (auto valid = config.validate(); !valid)
        return valid.error();
    try {
        torch::manual_seed(config.seed);
        auto impl = std::make_unique<Impl>(Impl{config, gan::Generator(config), gan::Critic(config)});
        qCDebug(lcMl) << "GAN networks: generator" << gan::parameterCount(*impl->generator) << "critic"
                      << gan::parameterCount(*impl->critic) << "parameters";
        return GanNetworks(std::move(impl));
    } catch (const std::exception &e) {
        return Error::make(Error::Kind::Model, QCoreApplication::translate("apedesk::ml::GanNetworks", "The GAN networks could not be built."), QString::fromLocal8Bit(e.what()));
    }
}

GanNetworks::GanNetworks(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
GanNetworks::GanNetworks(GanNetworks &&) noexcept = default;
GanNetworks &GanNetworks::operator=(GanNetworks &&) noexcept = default;
GanNetworks::~GanNetworks() = default;

const GanConfig &GanNetworks::config() const
{
    return d->config;
}

std::int64_t GanNetworks::generatorParameterCount() const
{
    return gan::parameterCount(*d->generator);
}

std::int64_t GanNetworks::criticParameterCount() const
{
    return gan::parameterCount(*d->critic);
}

} // namespace apedesk::ml
