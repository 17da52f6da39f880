#pragma once
// Token amounts between their integer base units (wei, USDC's millionths) and decimal text, exactly:
// no double on the way, so 0.1 ETH is 100000000000000000 wei and never 99999999999999999.

#include "common/error.h"
#include "u256.h"

#include <QString>
#include <QStringView>

namespace apedesk::eth {

// value / 10^decimals as decimal text: formatUnits(1500000, 6) == "1.5", formatUnits(0, 18) == "0".
// With maxFractionDigits >= 0 the fraction is truncated (never rounded up) to that many digits.
// Trailing zeros of the fraction and a trailing '.' are trimmed. A negative `decimals` counts as 0.
QString formatUnits(const u256 &value, int decimals, int maxFractionDigits = -1);
// The same for a signed amount (a balance delta): "-0.1". A value that truncates to zero prints "0".
QString formatSignedUnits(const i256 &value, int decimals, int maxFractionDigits = -1);

// "0.1" with 18 decimals -> 100000000000000000. Accepts digits with at most one '.', as in "12",
// "0.5", ".5" and "5.". Rejects empty text, signs, blanks, separators, exponents ("1e18"), more
// fraction digits than `decimals`, and values over 2^256 - 1, each with a sentence saying which.
Result<u256> parseUnits(QStringView text, int decimals);

} // namespace apedesk::eth
