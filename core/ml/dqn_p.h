#pragma once
// The DQN's torch parts: the Q network and the TD target. Only core/ml/*.cpp, the DQN tests and
// bench_rl include this.

#include "dqntrainer.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/types.h>

namespace apedesk::ml {

// MLP: 31 → hidden… (ReLU) → 3 Q-values.
struct QNetworkImpl : torch::nn::Module
{
    explicit QNetworkImpl(const QVector<int> &hidden);
    torch::Tensor forward(const torch::Tensor &observations);   // [batch, 31] → [batch, 3]
    torch::nn::Sequential layers{nullptr};
};
TORCH_MODULE(QNetwork);

// y = r + γ · (1 − terminal) · max_a' Q_target(s', a'), without gradient. rewards, terminals: [batch];
// nextTargetQ: [batch, 3].
torch::Tensor tdTargets(const torch::Tensor &rewards, const torch::Tensor &terminals, const torch::Tensor &nextTargetQ,
                        double gamma);

} // namespace apedesk::ml
