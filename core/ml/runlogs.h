#pragma once
// What the GAN and DQN run folders share about their per-step logs (metrics.csv / .jsonl, episodes.csv).

#include "common/error.h"

#include <QString>

namespace apedesk::ml {

// Drops the rows after `step` from a log whose first CSV column, or JSONL "step" field, is the step (a
// CSV's header stays): a run killed after its last checkpoint logged rows that the resumed run logs
// again. A half-written last line goes too. A missing file is fine; the rewrite is atomic.
Status truncateRunLog(const QString &path, qint64 step, bool jsonl);

} // namespace apedesk::ml
