#pragma once
// Typed JSON-RPC failures. A call fails in one of a few ways that callers treat differently
// (retry, fail over, show a revert reason, mark a transaction "sent but not yet known"), so the
// kind and its facts are kept apart; message() turns them into one sentence for the person.

#include "common/error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>
#include <utility>
#include <variant>

namespace apedesk::eth {

// Turns revert data (the bytes a reverting contract returned) into a readable reason, e.g.
// "V4TooLittleReceived(100, 99)". Returns an empty string when it does not recognise the data.
// The ABI module provides one; the client works without it.
using RevertDecoder = std::function<QString(const QByteArray &revertData)>;

struct RpcError
{
    enum class Kind {
        Transport,   // no HTTP answer: refused, reset, host not found, TLS ...
        Timeout,     // no complete answer within the call's time limit
        HttpStatus,  // an HTTP answer that is not 2xx and not a JSON-RPC error
        JsonRpc,     // the node answered with a JSON-RPC error object
        Malformed,   // the answer is not a valid JSON-RPC 2.0 response to our request
        Canceled,
        Usage        // the request could not be built (no endpoint, empty batch ...)
    };

    Kind kind = Kind::Transport;
    QString endpoint;          // the node's URL (without user info) that produced it, when known
    QString reason;            // technical detail, English, for the log
    // Transport / Timeout: the request may have reached the node before the connection died, so a
    // state-changing call (eth_sendRawTransaction) may or may not have taken effect.
    bool maybeDelivered = false;
    int httpStatus = 0;        // HttpStatus
    qint64 code = 0;           // JsonRpc: the error code
    QString rpcMessage;        // JsonRpc: the node's own message
    QJsonValue data;           // JsonRpc: the error's "data" member as sent
    std::optional<QByteArray> revertData;   // JsonRpc: "data" as bytes when it is 0x-hex
    QString revertReason;      // JsonRpc: what the RevertDecoder made of revertData

    static RpcError transport(QString reason, bool maybeDelivered);
    static RpcError timeout(int timeoutMs, bool maybeDelivered);
    static RpcError http(int status, QString bodySnippet);
    static RpcError malformed(QString reason);
    static RpcError canceled();
    static RpcError usage(QString reason);

    bool isTransport() const { return kind == Kind::Transport || kind == Kind::Timeout; }
    bool isRevert() const;   // a JSON-RPC error that carries revert data or says "execution reverted"

    QString message() const;   // one translated sentence a person can act on
    QString detail() const;    // for the log
    Error toError() const;     // message() and detail() with the matching Error::Kind
};

// A value or an RpcError, like Result<T> but keeping the typed failure.
template <typename T>
class RpcResult
{
public:
    RpcResult(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    RpcResult(RpcError error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const RpcError &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, RpcError> m_state;
};

template <>
class RpcResult<void>
{
public:
    RpcResult() = default;
    RpcResult(RpcError error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const RpcError &error() const { return *m_error; }

private:
    std::optional<RpcError> m_error;
};

template <typename T>
using RpcCallback = std::function<void(RpcResult<T>)>;

} // namespace apedesk::eth

Q_DECLARE_METATYPE(apedesk::eth::RpcError)
