#pragma once
// Hex text <-> bytes. Output is 0x-prefixed lower case (cast's style); input is strict: an odd
// number of digits or a non-hex character is an error, never silently dropped.

#include "common/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace apedesk::eth {

using Bytes = QByteArray;

QString toHex(QByteArrayView bytes, bool prefix = true);

enum class HexPrefix { Optional, Required };
// Accepts "0x" + even number of hex digits (either case); "0x" alone is the empty byte string.
Result<Bytes> fromHex(QStringView text, HexPrefix prefix = HexPrefix::Optional);
// As fromHex, but the result must be exactly `size` bytes.
Result<Bytes> fromHexFixed(QStringView text, int size, HexPrefix prefix = HexPrefix::Optional);

bool isHexDigit(QChar c);
int hexDigitValue(QChar c);   // 0..15, or -1

} // namespace apedesk::eth
