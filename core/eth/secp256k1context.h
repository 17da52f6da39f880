#pragma once
// The one libsecp256k1 context of the process (internal to core/eth; not a public header).

#include <secp256k1.h>

namespace apedesk::eth::detail {

// Created on first use and randomised (blinding against side channels); read-only afterwards, so
// every thread may sign and verify with it at the same time.
const secp256k1_context *secp256k1Context();

} // namespace apedesk::eth::detail
