#pragma once
// The hedge-ratio model's torch module and its conversion to and from federated::ModelParameters. Only
// core/ml/*.cpp (and tests that link libtorch themselves) include this.

#include "hedgeratiomodel.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include <random>

namespace apedesk::ml {

// 15 → 64 → 64 → 32 → 1: Linear, ReLU, dropout after each hidden layer, sigmoid on the output.
// Dropout masks come from the module's own engine (seedDropout), not torch's global generator: modules
// training on different threads then neither race on one generator nor perturb each other's runs.
// The output is [batch] (the single unit squeezed).
struct HedgeRatioPredictorImpl : torch::nn::Module
{
    HedgeRatioPredictorImpl();
    torch::Tensor forward(const torch::Tensor &features);   // [batch, 15] → [batch] in (0, 1)
    void seedDropout(quint64 seed) { dropoutRng.seed(seed); }

    torch::nn::Linear fc1{nullptr}, fc2{nullptr}, fc3{nullptr}, out{nullptr};
    double dropout = kHedgeRatioDropout;
    std::mt19937_64 dropoutRng;

private:
    // Inverted dropout (kept values scaled by 1 / (1 − p)), as torch::nn::Dropout in training mode.
    torch::Tensor applyDropout(const torch::Tensor &x);
};
TORCH_MODULE(HedgeRatioPredictor);

// The module's parameters in layout order (named_parameters' registration order).
federated::ModelParameters moduleParameters(HedgeRatioPredictorImpl &module);
// Copies `parameters` into the module; Usage error for a wrong layout or a NaN/Inf value (the module is
// then unchanged).
Status loadModuleParameters(HedgeRatioPredictorImpl &module, const federated::ModelParameters &parameters);

} // namespace apedesk::ml
