#pragma once
// 256-bit integers (Boost.Multiprecision) and their byte and text forms.

#include "common/error.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace apedesk::eth {

// Unchecked: arithmetic wraps modulo 2^256 like the EVM. Signed values are sign and magnitude in Boost;
// the two's-complement forms Ethereum uses are produced by the byte helpers below.
using u256 = boost::multiprecision::uint256_t;
using i256 = boost::multiprecision::int256_t;
using u512 = boost::multiprecision::uint512_t;

// Decimal ("123") or 0x-hex ("0x7b"). Rejects signs, blanks, and values over 2^256 - 1.
Result<u256> parseU256(QStringView text);
// Decimal with optional leading '-', or 0x-hex (non-negative). Range [-2^255, 2^255 - 1].
Result<i256> parseI256(QStringView text);

QString toDecimal(const u256 &value);
QString toDecimal(const i256 &value);
QString toHexQuantity(const u256 &value);   // JSON-RPC quantity: "0x0", "0x7b" (no leading zeros)
Result<u256> parseHexQuantity(QStringView text);   // strict JSON-RPC quantity: 0x, no leading zeros

// Big-endian, left-padded to `size` bytes (value must fit).
QByteArray toBigEndian(const u256 &value, int size = 32);
// Minimal big-endian (zero is the empty string): the RLP integer form.
QByteArray toMinimalBigEndian(const u256 &value);
u256 fromBigEndian(QByteArrayView bytes);   // at most 32 bytes

// Two's complement over 256 bits.
u256 toTwosComplement(const i256 &value);
i256 fromTwosComplement(const u256 &value);

// 2^bits - 1 for bits in 1..256.
u256 maxUnsigned(int bits);

} // namespace apedesk::eth
