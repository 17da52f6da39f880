#pragma once
// The WGAN-GP networks of the GAN lab: their sizes and training settings, and an owner for a
// generator/critic pair. Plain types only: the torch modules live in ganmodels_p.h, which only
// core/ml/*.cpp (and the model test) include.

#include "common/error.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace apedesk::ml {

struct GanConfig
{
    // Data shape: 24-step windows of the 10 processed swap features, 5-value condition.
    int sequenceLength = 24;
    int features = 10;
    int conditionSize = 5;

    // Generator (Transformer decoder).
    int latent = 48;
    int hidden = 256;            // d_model, and the critic's base channel width
    int heads = 8;
    int layers = 4;              // decoder layers
    double dropout = 0.1;
    double latentNoise = 0.1;    // σ added to z, training only
    double outputNoise = 0.05;   // σ "diversity" noise on the output, training only

    // Critic (spectral-normalised CNN).
    double criticDropout = 0.2;
    int minibatchChannels = 16;  // channels the minibatch-similarity feature is broadcast to
    int powerIterations = 1;     // spectral-norm power iterations per training forward

    // WGAN-GP training.
    int batchSize = 32;
    int nCritic = 5;
    int epochs = 150;
    int patience = 30;
    double lrG = 2e-4;
    double lrD = 4e-4;
    double beta1 = 0.0;
    double beta2 = 0.9;
    double lambdaGp = 10.0;
    double diversityWeight = 0.1;
    double featureMatchingWeight = 0.5;
    double gradientClip = 1.0;
    double instanceNoise = 0.2;
    std::uint64_t seed = 42;

    static GanConfig full();
    static GanConfig quick();

    // Usage error naming the first size that cannot build the networks.
    Status validate() const;
};

// Critic layer widths: hidden × 2^i rounded up to a multiple of 3 (three conv branches share them).
int criticLayerWidth(const GanConfig &config, int layer);
// Channels entering the first conv layer: features + hidden + minibatch, rounded up to a multiple of 3.
int criticInputChannels(const GanConfig &config);

// Owns a generator and a critic built from one config. Move-only.
class GanNetworks
{
public:
    struct Impl;   // defined in ganmodels_p.h

    static Result<GanNetworks> create(const GanConfig &config);

    GanNetworks(GanNetworks &&) noexcept;
    GanNetworks &operator=(GanNetworks &&) noexcept;
    ~GanNetworks();

    const GanConfig &config() const;
    std::int64_t generatorParameterCount() const;
    std::int64_t criticParameterCount() const;

    Impl &impl() { return *d; }
    const Impl &impl() const { return *d; }

private:
    explicit GanNetworks(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace apedesk::ml
