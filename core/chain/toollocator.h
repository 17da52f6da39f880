#pragma once
// Finds the chain tools and contract artifacts: an explicit override, then PATH, then the pinned npm
// tools (tools/node_modules) next to a build tree or a source checkout.

#include "common/error.h"

#include <QString>

namespace apedesk::chain {

struct ToolLocations
{
    QString anvil;         // executable
    QString cast;          // executable, empty when not found (only benchmarks and tests need it)
    QString nodeModules;   // folder with @uniswap/* artifacts
};

// Overrides: APEDESK_ANVIL, APEDESK_CAST, APEDESK_NODE_MODULES.
Result<ToolLocations> locateTools();

} // namespace apedesk::chain
