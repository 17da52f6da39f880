#pragma once
// Reads ABI values from the argument syntax of Foundry's cast, so what works on cast's command line
// works here: numbers in decimal, 0x-hex, 0b, 0o or scientific form with an optional unit ("1.5e18",
// "2 gwei", "-0x80" for intN), true/false, addresses (mixed case must carry a valid EIP-55 checksum),
// hex for bytes and bytesN (bytesN takes exactly N bytes, as in cast), strings as they are or quoted
// with " or ', tuples "(a, b)" and arrays "[x, y]" nested to any depth, with blanks around elements.
// Out-of-range values are errors (cast wraps negative intN values that are too small; this does not).

#include "abitype.h"
#include "abivalue.h"
#include "common/error.h"

#include <QList>
#include <QStringList>
#include <QStringView>

namespace apedesk::eth::abi {

Result<Value> parseArgument(const Type &type, QStringView text);
// One argument per type; a different count is an error.
Result<QList<Value>> parseArguments(const QList<Type> &types, const QStringList &arguments);

} // namespace apedesk::eth::abi
