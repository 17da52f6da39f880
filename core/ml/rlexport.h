#pragma once
// The distillation dataset of a trained trader (seed facts §7, create_distillation_dataset.py, with its
// bug fixed): every label is the policy's own greedy decision on the exported state — no quotas, no
// random labels, no cloned examples. Prompts are the agent's stateful template (the interface the
// student model will be used with), completions the trader's Q-value reasoning ending in
// "RECOMMENDATION: APE IN|OUT|NEUTRAL".
//
// Files written next to `outJsonl` (FILE.jsonl):
//   FILE.jsonl         {"prompt", "completion"} per line (MLX-LM completion format)
//   FILE.chat.jsonl    {"messages": [{"role": "user", …}, {"role": "assistant", …}]} (MLX-LM chat format)
//   FILE.states.jsonl  per example, in the same order: {"step", "observation": [31], "holding",
//                      "q_values": [3], "action": "HOLD|BUY|SELL", "canary"}, so the labels can be checked
//   FILE.report.json   class balance (count and share per action), examples, episodes, the run and data

#include "common/error.h"
#include "dqntrainer.h"

#include <QJsonObject>
#include <QString>

#include <array>

namespace apedesk::ml {

struct DistillExportOptions
{
    int episodes = 20;                  // the tutorial's defaults
    int stepsPerEpisode = 100;
    quint64 seed = 7;                   // episode starts (random sequence and step, flat or holding)
    bool heldOutOnly = false;           // true: states from the held-out range only
};

struct DistillExportReport
{
    int examples = 0;
    int episodes = 0;
    std::array<int, kRlActionCount> counts{};   // HOLD, BUY, SELL
    QString jsonlPath, chatPath, statesPath, reportPath;
    QJsonObject toJson() const;
};

// Walks episodes with the greedy policy (the policy's action is both the label and the move), builds
// one example per step. Errors: no run / no checkpoint, an unwritable output (nothing half-written is
// left under the final names: files are written atomically).
Result<DistillExportReport> exportDistillation(const QString &runDirectory, const TradingSeries &series,
                                               const QString &outJsonl, const DistillExportOptions &options = {});

// One example's prompt: the stateful template filled from the state (price, the window's volume and
// volatility, the recent price change, the position as ETH / USDC of the environment's portfolio).
QString distillPrompt(const TradingEnv &env);

} // namespace apedesk::ml
