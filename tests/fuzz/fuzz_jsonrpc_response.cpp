// libFuzzer target: the JSON-RPC response parser and the typed result readers on arbitrary bytes.
// Every input must end in a value or an RpcError that explains itself; nothing may crash, hang or
// leak, whatever the node sends.

#include "eth/jsonrpcresponse.h"
#include "eth/jsonrpctypes.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace apedesk::eth;

namespace {
void checkError(const RpcError &error)
{
    if (error.message().isEmpty() || error.detail().isEmpty())
        std::abort();   // every failure says why, to the person and to the log
    if (error.revertData.has_value() && error.kind != RpcError::Kind::JsonRpc)
        std::abort();
}

template <typename T>
void check(const RpcResult<T> &result)
{
    if (!result)
        checkError(result.error());
}

// The typed readers get whatever JSON the node put in "result".
void readTyped(const QJsonValue &value)
{
    check(json::quantity(value));
    check(json::quantity64(value));
    check(json::bytes(value));
    check(json::address(value));
    check(json::hash(value));
    check(json::receipt(value));
    check(json::logs(value));
    check(json::block(value));
    check(json::feeHistory(value));
    check(json::transactionInfo(value));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const RevertDecoder decoder = [](const QByteArray &revert) {
        return revert.size() >= 4 ? QStringLiteral("Decoded()") : QString();
    };

    auto single = parseResponse(input, 1, decoder);
    if (single)
        readTyped(*single);
    else
        checkError(single.error());

    const QList<qint64> ids{1, 2, 3};
    auto batch = parseBatchResponse(input, ids, decoder);
    if (batch) {
        if (batch->size() != ids.size())
            std::abort();   // one answer per request, always
        for (const auto &item : *batch) {
            if (item)
                readTyped(*item);
            else
                checkError(item.error());
        }
    } else {
        checkError(batch.error());
    }
    return 0;
}
