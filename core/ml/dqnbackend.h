#pragma once
// The trained trader as one of the agent's built-in backends ("builtin:dqn:RUN_DIR"): it reads the
// structured Observation (the pool's recent swaps and the portfolio), computes the DQN's Q-values and
// answers in canary words with a short reasoning built from them (dqnAnswer), streamed like a model.
// registerDqnBackend() makes agent::makeBackend() build it; addTrainingService() calls it.

#include "agent/llmbackend.h"
#include "dqntrainer.h"

#include <memory>

namespace apedesk::ml {

class DqnPolicyBackend : public agent::LlmBackend
{
    Q_OBJECT
public:
    DqnPolicyBackend(QString runDirectory, QObject *parent = nullptr);

    QString kind() const override;          // "builtin"
    QString endpoint() const override;      // "built-in"
    agent::LlmCall *chat(const agent::LlmRequest &request) override;
    void listModels(std::function<void(Result<QList<agent::ModelInfo>>)> done) override;
    void probe(std::function<void(Result<QString>)> done) override;   // fails when the run has no policy

private:
    QString m_runDirectory;
    Result<std::shared_ptr<DqnPolicy>> policy();   // loaded on first use, kept
    std::shared_ptr<DqnPolicy> m_policy;
};

void registerDqnBackend();

} // namespace apedesk::ml
