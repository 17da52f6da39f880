#include "jsonrpcresponse.h"

#include "hex.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace apedesk::eth {
namespace {

// JSON numbers are doubles; an id or error code must be a whole number that a double holds exactly.
bool toWholeNumber(const QJsonValue &value, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    constexpr double kExact = 9007199254740992.0;   // 2^53
    if (!std::isfinite(d) || std::floor(d) != d || d > kExact || d < -kExact)
        return false;
    *out = static_cast<qint64>(d);
    return true;
}

RpcResult<QJsonValue> parseDocument(QByteArrayView body, const ResponseLimits &limits)
{
    if (body.size() > limits.maxBytes)
        return RpcError::malformed(QStringLiteral("response of %1 bytes exceeds the limit of %2")
                                       .arg(body.size())
                                       .arg(limits.maxBytes));
    if (body.isEmpty())
        return RpcError::malformed(QStringLiteral("empty response body"));
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return RpcError::malformed(QStringLiteral("not JSON: %1 at offset %2")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset));
    if (document.isObject())
        return QJsonValue(document.object());
    if (document.isArray())
        return QJsonValue(document.array());
    return RpcError::malformed(QStringLiteral("JSON is neither an object nor an array"));
}

std::optional<QByteArray> revertBytes(const QJsonValue &data)
{
    QJsonValue candidate = data;
    // Some nodes nest it: {"data": {"data": "0x..."}} or {"data": {"result": "0x..."}}.
    if (candidate.isObject()) {
        const QJsonObject inner = candidate.toObject();
        candidate = inner.contains(QLatin1String("data")) ? inner.value(QLatin1String("data"))
                                                          : inner.value(QLatin1String("result"));
    }
    if (!candidate.isString())
        return std::nullopt;
    auto bytes = fromHex(candidate.toString(), HexPrefix::Required);
    if (!bytes)
        return std::nullopt;
    return *bytes;
}

RpcError errorFromObject(const QJsonObject &error, const RevertDecoder &decoder)
{
    RpcError e;
    e.kind = RpcError::Kind::JsonRpc;
    qint64 code = 0;
    toWholeNumber(error.value(QLatin1String("code")), &code);
    e.code = code;
    e.rpcMessage = error.value(QLatin1String("message")).toString();
    if (error.contains(QLatin1String("data"))) {
        e.data = error.value(QLatin1String("data"));
        e.revertData = revertBytes(e.data);
        if (e.revertData && !e.revertData->isEmpty() && decoder)
            e.revertReason = decoder(*e.revertData);
    }
    return e;
}

// Checks one response object. `idOut` receives its id (nullopt for a null id).
RpcResult<QJsonValue> checkResponseObject(const QJsonValue &value, std::optional<qint64> *idOut,
                                          const RevertDecoder &decoder)
{
    if (!value.isObject())
        return RpcError::malformed(QStringLiteral("a response is not a JSON object"));
    const QJsonObject object = value.toObject();
    if (object.value(QLatin1String("jsonrpc")) != QJsonValue(QStringLiteral("2.0")))
        return RpcError::malformed(QStringLiteral("\"jsonrpc\" is not \"2.0\""));
    if (!object.contains(QLatin1String("id")))
        return RpcError::malformed(QStringLiteral("the response has no \"id\""));
    const QJsonValue id = object.value(QLatin1String("id"));
    qint64 number = 0;
    if (id.isNull())
        *idOut = std::nullopt;
    else if (toWholeNumber(id, &number))
        *idOut = number;
    else
        return RpcError::malformed(QStringLiteral("the response \"id\" is not a whole number"));

    const bool hasResult = object.contains(QLatin1String("result"));
    const bool hasError = object.contains(QLatin1String("error"));
    if (hasResult && hasError)
        return RpcError::malformed(QStringLiteral("the response has both \"result\" and \"error\""));
    if (!hasResult && !hasError)
        return RpcError::malformed(QStringLiteral("the response has neither \"result\" nor \"error\""));
    if (hasResult) {
        if (!idOut->has_value())
            return RpcError::malformed(QStringLiteral("a successful response has a null \"id\""));
        return object.value(QLatin1String("result"));
    }
    const QJsonValue error = object.value(QLatin1String("error"));
    if (!error.isObject())
        return RpcError::malformed(QStringLiteral("\"error\" is not an object"));
    const QJsonObject errorObject = error.toObject();
    qint64 code = 0;
    if (!toWholeNumber(errorObject.value(QLatin1String("code")), &code))
        return RpcError::malformed(QStringLiteral("\"error.code\" is not a whole number"));
    if (!errorObject.value(QLatin1String("message")).isString())
        return RpcError::malformed(QStringLiteral("\"error.message\" is not a string"));
    return errorFromObject(errorObject, decoder);
}

} // namespace

QByteArray encodeRequest(qint64 id, const RpcRequest &request)
{
    QJsonObject object;
    object.insert(QLatin1String("jsonrpc"), QStringLiteral("2.0"));
    object.insert(QLatin1String("id"), id);
    object.insert(QLatin1String("method"), request.method);
    object.insert(QLatin1String("params"), request.params);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeBatch(const QList<qint64> &ids, const QList<RpcRequest> &requests)
{
    Q_ASSERT(ids.size() == requests.size());
    QByteArray out;
    out += '[';
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (i > 0)
            out += ',';
        out += encodeRequest(ids.at(i), requests.at(i));
    }
    out += ']';
    return out;
}

RpcResult<QJsonValue> parseResponse(QByteArrayView body, qint64 expectedId, const RevertDecoder &decoder,
                                    const ResponseLimits &limits)
{
    auto document = parseDocument(body, limits);
    if (!document)
        return document.error();
    if (!document->isObject())
        return RpcError::malformed(QStringLiteral("the response to a single call is not a JSON object"));
    std::optional<qint64> id;
    auto result = checkResponseObject(*document, &id, decoder);
    if (!result && result.error().kind == RpcError::Kind::Malformed)
        return result;
    // A null id is allowed only on an error the node could not tie to a request (parse error).
    if (id.has_value() && *id != expectedId)
        return RpcError::malformed(QStringLiteral("the response id %1 does not match the request id %2")
                                       .arg(*id)
                                       .arg(expectedId));
    return result;
}

RpcResult<QList<RpcResult<QJsonValue>>> parseBatchResponse(QByteArrayView body, const QList<qint64> &ids,
                                                          const RevertDecoder &decoder,
                                                          const ResponseLimits &limits)
{
    auto document = parseDocument(body, limits);
    if (!document)
        return document.error();
    if (document->isObject()) {
        // A node that refuses the whole batch answers with one error object.
        std::optional<qint64> id;
        auto single = checkResponseObject(*document, &id, decoder);
        if (!single && single.error().kind == RpcError::Kind::JsonRpc && !id.has_value())
            return single.error();
        return RpcError::malformed(QStringLiteral("the response to a batch is not a JSON array"));
    }
    const QJsonArray array = document->toArray();
    if (array.size() > limits.maxBatchItems || array.size() > ids.size())
        return RpcError::malformed(
            QStringLiteral("the batch response has %1 items for %2 requests").arg(array.size()).arg(ids.size()));

    QHash<qint64, qsizetype> slotOfId;
    slotOfId.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i)
        slotOfId.insert(ids.at(i), i);

    QList<std::optional<RpcResult<QJsonValue>>> answers(ids.size());
    for (const QJsonValue &item : array) {
        std::optional<qint64> id;
        auto result = checkResponseObject(item, &id, decoder);
        if (!result && result.error().kind == RpcError::Kind::Malformed)
            return result.error();
        if (!id.has_value()) {
            // An error the node could not tie to one of our requests: the batch cannot be trusted.
            if (!result)
                return result.error();
            return RpcError::malformed(QStringLiteral("a batch item has a null id"));
        }
        const auto slot = slotOfId.constFind(*id);
        if (slot == slotOfId.constEnd())
            return RpcError::malformed(QStringLiteral("the batch response has an unknown id %1").arg(*id));
        if (answers.at(*slot).has_value())
            return RpcError::malformed(QStringLiteral("the batch response repeats id %1").arg(*id));
        answers[*slot] = std::move(result);
    }

    QList<RpcResult<QJsonValue>> out;
    out.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (answers.at(i).has_value())
            out.append(*answers.at(i));
        else
            out.append(RpcError::malformed(QStringLiteral("the node did not answer request %1 of the batch")
                                               .arg(ids.at(i))));
    }
    return out;
}

} // namespace apedesk::eth
