#pragma once
// JSON-RPC 2.0 request encoding and strict response parsing. Pure functions with no I/O, so the
// parser can be fed arbitrary bytes by a fuzzer: every input ends in a value or an RpcError, never
// a crash, and the work done is bounded by the input size, which is capped by ResponseLimits.

#include "jsonrpcerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace apedesk::eth {

struct RpcRequest
{
    QString method;
    QJsonArray params;
};

struct ResponseLimits
{
    qsizetype maxBytes = 256 * 1024 * 1024;   // anvil_dumpState of a big sandbox is tens of MB
    int maxBatchItems = 10000;
};

// {"jsonrpc":"2.0","id":id,"method":...,"params":[...]}, compact.
QByteArray encodeRequest(qint64 id, const RpcRequest &request);
// A JSON array of requests; request i gets ids.at(i).
QByteArray encodeBatch(const QList<qint64> &ids, const QList<RpcRequest> &requests);

// The "result" of a single response whose id must be expectedId. An "error" member becomes an
// RpcError of kind JsonRpc (revert data decoded by `decoder` when given); anything that is not a
// well-formed JSON-RPC 2.0 response to this request (not JSON, not an object, wrong or missing id,
// both or neither of result/error, a bad error object, too large) becomes kind Malformed.
RpcResult<QJsonValue> parseResponse(QByteArrayView body, qint64 expectedId, const RevertDecoder &decoder = {},
                                    const ResponseLimits &limits = {});

// A batch answer: one result per id, in the order of `ids` (the node may answer in any order).
// The batch as a whole fails when the body is not a JSON array of valid responses with known,
// unique ids; a lone error object (a node that refuses batches) fails it as a JsonRpc error. An id
// the node did not answer gets a Malformed error of its own.
RpcResult<QList<RpcResult<QJsonValue>>> parseBatchResponse(QByteArrayView body, const QList<qint64> &ids,
                                                          const RevertDecoder &decoder = {},
                                                          const ResponseLimits &limits = {});

} // namespace apedesk::eth
