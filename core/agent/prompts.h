#pragma once
// The prompts, exactly in the formats the tutorial's models saw (seed facts §4): the stateless
// prompt (market data, portfolio, constraints, the TRADE/DIRECTION/PERCENTAGE/REASONING fields) with
// its one-sentence system message, and the stateful template the fine-tuned models were trained on.

#include "agenttypes.h"

namespace apedesk::agent {

class AgentMemory;

QString statelessSystemPrompt();
QString statelessPrompt(const Observation &observation);

// "Given ETH price is $P with volume of V and volatility of S, recent price change of C ticks, and I
// currently hold E ETH and U USDC" + the history / performance / pattern sections and the closing
// question; the short variant (template + history only) when `shortVariant`. No system prompt.
QString statefulPrompt(const AgentMemory &memory, const Observation &observation, bool shortVariant);

} // namespace apedesk::agent
