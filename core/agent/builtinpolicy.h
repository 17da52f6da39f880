#pragma once
// The app's own decision maker, so the agent runs fully offline: a deterministic policy that reads
// the structured Observation (never the prompt text) and answers in the fine-tuned models' canary
// format, streamed word by word like a model would.
//
// "momentum" (the only policy so far), in this order:
//  1. Rebalancing (when rebalancing is enabled): if |ETH weight − target| > threshold / 2, trade
//     toward the target: amount = min(|deviation| × total value / price, limits.maxTradeEth) ETH,
//     APE OUT when ETH is overweight, APE IN when it is underweight. (Half the threshold: the
//     agent's own rebalancer acts at the full threshold, the policy leans back earlier.)
//  2. Momentum on the live metrics, with at least 3 swaps in the window:
//       price change ≥ +0.25 %  → APE IN  min(defaultShare × USDC / price, maxTradeEth) ETH
//       price change ≤ −0.25 %  → APE OUT min(defaultShare × (ETH − gas reserve), maxTradeEth) ETH
//  3. Otherwise APE NEUTRAL.
// A trade below limits.minTradeEth, or a portfolio without a price or value, is APE NEUTRAL too.
//
// The answer: one or two sentences of reasoning with the numbers, then a last line
// "RECOMMENDATION: APE IN 0.0123 ETH" (4 decimals; no amount for APE NEUTRAL). The answer stays in
// English whatever the UI language: it stands for a model's output and is read by the parser.

#include "llmbackend.h"

namespace apedesk::agent {

class BuiltinPolicyBackend : public LlmBackend
{
    Q_OBJECT
public:
    static constexpr double kMomentumThresholdPercent = 0.25;
    static constexpr int kMinSwaps = 3;

    // policy: "momentum" (empty means the same).
    explicit BuiltinPolicyBackend(QString policy = {}, QObject *parent = nullptr);

    QString kind() const override;
    QString endpoint() const override;        // "built-in"
    QString policy() const { return m_policy; }
    LlmCall *chat(const LlmRequest &request) override;
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override;
    void probe(std::function<void(Result<QString>)> done) override;

    static QStringList policies();            // {"momentum"}
    // The whole answer for an observation (what chat() streams).
    static QString answer(const Observation &observation);

private:
    QString m_policy;
};

} // namespace apedesk::agent
