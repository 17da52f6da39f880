#pragma once
// Event logs: topic 0 is keccak256 of the canonical event signature (unless the event is anonymous),
// indexed parameters follow in topics 1..3, the others are abi-encoded in the data. An indexed value
// of a reference type (bytes, string, arrays, tuples) is stored only as its keccak256 hash; it decodes
// as that bytes32, marked `hashed`.

#include "abijson.h"
#include "abivalue.h"
#include "address.h"
#include "common/error.h"

#include <QList>
#include <QString>

namespace apedesk::eth::abi {

struct DecodedEvent
{
    QString name;
    QList<NamedValue> fields;   // in declaration order
    QString toString() const { return formatNamed(name, fields); }
};

Result<DecodedEvent> decodeLog(const Event &event, const QList<Hash32> &topics, QByteArrayView data);
// Finds the event by topic 0 among the interface's non-anonymous events.
Result<DecodedEvent> decodeLog(const Interface &abi, const QList<Hash32> &topics, QByteArrayView data);

// True for types an indexed parameter keeps only as a hash.
bool isHashedWhenIndexed(const Type &type);

} // namespace apedesk::eth::abi
