#pragma once
// Torch side of the GAN lab networks. Include only from core/ml/*.cpp and the model test: it pulls
// in libtorch's nn headers, which cost tens of seconds per translation unit.

#include "ganmodels.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/modules/transformercoder.h>
#include <torch/nn/modules/transformerlayer.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace apedesk::ml::gan {

// Divides a weight by its largest singular value, estimated by power iteration. u and v are
// persistent buffers; a training-mode forward advances them by `iterations` steps, eval never does.
class SpectralNorm
{
public:
    SpectralNorm() = default;
    // Registers "u"/"v" on the owner and runs 15 warm-up iterations (as torch's parametrization does).
    void attach(torch::nn::Module &owner, const torch::Tensor &weight, int iterations);
    torch::Tensor normalised(const torch::Tensor &weight, bool training);
    void powerIterate(const torch::Tensor &weight, int steps);
    torch::Tensor sigma(const torch::Tensor &weight) const;   // uᵀ W v with the current vectors
    const torch::Tensor &u() const { return m_u; }

private:
    torch::Tensor m_u, m_v;
    int m_iterations = 1;
};

class SNLinearImpl : public torch::nn::Module
{
public:
    SNLinearImpl(int64_t in, int64_t out, int iterations);
    torch::Tensor forward(const torch::Tensor &x);
    torch::Tensor normalisedWeight() const;   // W/σ with the current vectors, no update
    void powerIterate(int steps) { spectral.powerIterate(weight, steps); }
    const SpectralNorm &spectralNorm() const { return spectral; }

    torch::Tensor weight, bias;
private:
    SpectralNorm spectral;
};
TORCH_MODULE(SNLinear);

// Conv1d with "same" padding (odd kernels only).
class SNConv1dImpl : public torch::nn::Module
{
public:
    SNConv1dImpl(int64_t in, int64_t out, int64_t kernel, int iterations);
    torch::Tensor forward(const torch::Tensor &x);   // [B, in, T] → [B, out, T]
    torch::Tensor normalisedWeight() const;
    void powerIterate(int steps) { spectral.powerIterate(weight, steps); }
    const SpectralNorm &spectralNorm() const { return spectral; }

    torch::Tensor weight, bias;
private:
    SpectralNorm spectral;
    int64_t m_padding;
};
TORCH_MODULE(SNConv1d);

// [T, T] additive mask: 0 on and below the diagonal, −inf above (step t sees steps ≤ t).
torch::Tensor causalMask(int64_t length);
// [T, d] sinusoidal positional encoding of "Attention is all you need".
torch::Tensor sinusoidalPositionalEncoding(int64_t length, int64_t dModel);

class GeneratorImpl : public torch::nn::Module
{
public:
    explicit GeneratorImpl(const GanConfig &config);
    // z [B, latent], cond [B, conditionSize] → [B, sequenceLength, features]. The z and output
    // noise are training-only: eval() generation is a pure function of z and cond.
    torch::Tensor forward(const torch::Tensor &z, const torch::Tensor &cond);

    torch::Tensor targetEmbedding;   // learnable [T, d]
private:
    GanConfig m_config;
    torch::nn::Sequential inputProjection{nullptr};
    torch::nn::TransformerDecoder decoder{nullptr};
    torch::nn::Sequential outputHead{nullptr};
    torch::Tensor positionalEncoding, mask;   // buffers
};
TORCH_MODULE(Generator);

struct CriticOutput
{
    torch::Tensor score;      // [B, 1]
    torch::Tensor features;   // [B, 4·hidden], penultimate layer (for feature matching)
};

class CriticImpl : public torch::nn::Module
{
public:
    explicit CriticImpl(const GanConfig &config);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &cond) { return forwardWithFeatures(x, cond).score; }
    // x [B, T, features], cond [B, conditionSize].
    CriticOutput forwardWithFeatures(const torch::Tensor &x, const torch::Tensor &cond);

    // Every spectral-normalised layer, for inspection.
    std::vector<SNLinear> linearLayers() const;
    std::vector<SNConv1d> convLayers() const;
private:
    GanConfig m_config;
    SNLinear conditionBranch{nullptr}, minibatchBranch{nullptr}, head1{nullptr}, head2{nullptr};
    std::vector<std::vector<SNConv1d>> convs;   // [layer][branch k=3,5,7]
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(Critic);

// Per-sample ‖∂(Σ D(x̂))/∂x̂‖₂ at given interpolates, with create_graph so the penalty trains D.
torch::Tensor criticGradientNorms(Critic &critic, const torch::Tensor &interpolates, const torch::Tensor &cond);
// λ·mean((‖∇‖₂ − 1)²) at given interpolates.
torch::Tensor gradientPenaltyAt(Critic &critic, const torch::Tensor &interpolates, const torch::Tensor &cond, double lambda);
// Samples α ~ U(1e-6, 1 − 1e-6) per sample and penalises at α·real + (1 − α)·fake.
torch::Tensor gradientPenalty(Critic &critic, const torch::Tensor &real, const torch::Tensor &fake,
                              const torch::Tensor &cond, double lambda);

// −(mean D(real) − mean D(fake)) + gp.
torch::Tensor criticLoss(const torch::Tensor &realScores, const torch::Tensor &fakeScores, const torch::Tensor &penalty);
// Mean L2 distance over pairs i < j of flattened samples; 0 for fewer than two.
torch::Tensor meanPairwiseDistance(const torch::Tensor &samples);
// −mean D(fake) + w_div·(−meanPairwiseDistance(fake)) + w_fm·L1(mean real features, mean fake features).
torch::Tensor generatorLoss(const torch::Tensor &fakeScores, const torch::Tensor &fakes, const torch::Tensor &realFeatures,
                            const torch::Tensor &fakeFeatures, const GanConfig &config);

int64_t parameterCount(const torch::nn::Module &module);

} // namespace apedesk::ml::gan

namespace apedesk::ml {
struct GanNetworks::Impl
{
    GanConfig config;
    gan::Generator generator;
    gan::Critic critic;
};
} // namespace apedesk::ml
