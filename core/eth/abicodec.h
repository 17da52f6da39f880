#pragma once
// ABI encoding (abi.encode: heads, then tails of dynamic values at offsets) and strict decoding.
//
// Decoding never trusts the data: every offset and length is bounds-checked before use, array lengths
// are capped by the bytes that remain, padding must be zero (or a proper sign extension for intN),
// bool must be 0 or 1, and the total work is capped, so offsets that point many values at the same
// bytes cannot blow up memory. Malformed data becomes an Error, never a crash.

#include "abitype.h"
#include "abivalue.h"
#include "common/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace apedesk::eth::abi {

enum class DecodeMode {
    // What the EVM and cast accept from well-formed contracts: any in-bounds offsets, trailing bytes ignored.
    Strict,
    // Only the one encoding encode() produces: offsets exactly where the encoder puts tails, no bytes
    // left over. Accepted data re-encodes to the same bytes.
    Canonical,
};

// abi.encode(values...): the values must match the types (checked; a mismatch is an Error).
Result<QByteArray> encode(const QList<Type> &types, const QList<Value> &values);
// selector + abi.encode(args): calldata.
Result<QByteArray> encodeCall(const Signature &signature, const QList<Value> &args);

Result<QList<Value>> decode(const QList<Type> &types, QByteArrayView data, DecodeMode mode = DecodeMode::Strict);
// Calldata: checks the 4-byte selector against the signature, then decodes the inputs.
Result<QList<Value>> decodeCall(const Signature &signature, QByteArrayView calldata,
                                DecodeMode mode = DecodeMode::Strict);
// One 32-byte word as a static type (an indexed event topic, for instance).
Result<Value> decodeWord(const Type &type, QByteArrayView word);

// Checks that a value has the shape of a type (kinds, fixed lengths, sizes, ranges).
Status checkValue(const Type &type, const Value &value);

} // namespace apedesk::eth::abi
