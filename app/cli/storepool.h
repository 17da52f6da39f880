#pragma once
// `--db FILE [--chain KEY --pool-id ID]`: the pool of a swap store that a training command reads (the
// GAN lab's and the DQN trader's), or a usage error that lists the pools the store holds.

#include "walletoptions.h"

#include "common/error.h"

#include <QString>

namespace apedesk::cli {

struct StorePool
{
    QString path;      // the store file, absolute
    QString chain;     // chain key, e.g. "8453"
    QString poolId;    // 0x-hex
};

// The pool those options name, or the only one stored.
Result<StorePool> chooseStorePool(const ParsedArgs &args);

} // namespace apedesk::cli
