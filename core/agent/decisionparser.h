#pragma once
// Reads a model's answer. Three formats, tried in this order:
//   1. canary words: "RECOMMENDATION: APE IN|OUT|NEUTRAL [amount [unit]]" (the answer is cut after the
//      first line that holds "RECOMMENDATION:"); the unit is honoured: "APE IN 100 USDC" spends 100 USDC,
//      "APE OUT 0.05 ETH" sells 0.05 ETH, a bare number means ETH; "part of" / "some" / no amount: the
//      default share; "25%" a share.
//   2. the stateless fields "TRADE: YES/NO", "DIRECTION: ETH_TO_USDC|USDC_TO_ETH", "PERCENTAGE: N".
//   3. for models without canary training, a plain BUY / SELL / HOLD recommendation.
// Only the text after a reasoning model's </think> is read (the thinking becomes the reasoning when
// nothing precedes the verdict). A canary word may also stand at the start of a line of its own.
// Anything else, contradictory answers included, is Format::None with `why` in words: an observation.

#include "agenttypes.h"

namespace apedesk::agent {

// The text up to and including the first line containing "RECOMMENDATION:" (the whole text without one).
// Case-insensitive and markdown-tolerant ("**Recommendation**:"); only after the last </think> (a
// <think> block that never closed is returned whole); when the marker ends its line, the next
// non-blank line (the verdict) is kept too.
QString cutAfterRecommendation(const QString &answer);

ParsedAnswer parseAnswer(const QString &answer);

} // namespace apedesk::agent
