#include "jsonrpcerror.h"

#include <QCoreApplication>
#include <QUrl>

namespace apedesk::eth {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::JsonRpc)
};

// "127.0.0.1:8545" rather than a whole URL that may carry an API key in its path.
QString nodeName(const QString &endpoint)
{
    const QUrl url(endpoint);
    if (!url.isValid() || url.host().isEmpty())
        return Messages::tr("the node");
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}
} // namespace

RpcError RpcError::transport(QString reason, bool maybeDelivered)
{
    RpcError e;
    e.kind = Kind::Transport;
    e.reason = std::move(reason);
    e.maybeDelivered = maybeDelivered;
    return e;
}

RpcError RpcError::timeout(int timeoutMs, bool maybeDelivered)
{
    RpcError e;
    e.kind = Kind::Timeout;
    e.reason = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    e.maybeDelivered = maybeDelivered;
    return e;
}

RpcError RpcError::http(int status, QString bodySnippet)
{
    RpcError e;
    e.kind = Kind::HttpStatus;
    e.httpStatus = status;
    e.reason = std::move(bodySnippet);
    return e;
}

RpcError RpcError::malformed(QString reason)
{
    RpcError e;
    e.kind = Kind::Malformed;
    e.reason = std::move(reason);
    return e;
}

RpcError RpcError::canceled()
{
    RpcError e;
    e.kind = Kind::Canceled;
    e.reason = QStringLiteral("canceled");
    return e;
}

RpcError RpcError::usage(QString reason)
{
    RpcError e;
    e.kind = Kind::Usage;
    e.reason = std::move(reason);
    return e;
}

bool RpcError::isRevert() const
{
    return kind == Kind::JsonRpc
        && (revertData.has_value() || rpcMessage.contains(QLatin1String("revert"), Qt::CaseInsensitive));
}

QString RpcError::message() const
{
    switch (kind) {
    case Kind::Transport:
        return maybeDelivered
            ? Messages::tr("The connection to %1 broke before it answered; the request may or may not have reached it.")
                  .arg(nodeName(endpoint))
            : Messages::tr("%1 could not be reached; check that the node is running and the address is right.")
                  .arg(nodeName(endpoint));
    case Kind::Timeout:
        return Messages::tr("%1 did not answer in time.").arg(nodeName(endpoint));
    case Kind::HttpStatus:
        return Messages::tr("%1 answered with HTTP status %2 instead of a JSON-RPC response.")
            .arg(nodeName(endpoint))
            .arg(httpStatus);
    case Kind::JsonRpc:
        if (!revertReason.isEmpty())
            return Messages::tr("The contract call would fail: %1.").arg(revertReason);
        if (isRevert())
            return Messages::tr("The contract call would fail (the node says: %1).").arg(rpcMessage.left(300));
        return Messages::tr("The node refused the request: %1 (code %2).").arg(rpcMessage.left(300)).arg(code);
    case Kind::Malformed:
        return Messages::tr("%1 sent an answer that is not a valid JSON-RPC response.").arg(nodeName(endpoint));
    case Kind::Canceled:
        return Error::canceled().message;
    case Kind::Usage:
        return Messages::tr("The request to the node could not be made: %1.").arg(reason);
    }
    return {};
}

QString RpcError::detail() const
{
    QStringList parts;
    if (!endpoint.isEmpty())
        parts << QStringLiteral("endpoint %1").arg(nodeName(endpoint));
    if (kind == Kind::JsonRpc) {
        parts << QStringLiteral("code %1: %2").arg(code).arg(rpcMessage.left(500));
        if (revertData)
            parts << QStringLiteral("revert data 0x%1").arg(QString::fromLatin1(revertData->left(260).toHex()));
    }
    if (!reason.isEmpty())
        parts << reason.left(500);
    return parts.join(QStringLiteral("; "));
}

Error RpcError::toError() const
{
    Error::Kind errorKind = Error::Kind::Network;
    switch (kind) {
    case Kind::Transport: errorKind = Error::Kind::Network; break;
    case Kind::Timeout: errorKind = Error::Kind::Timeout; break;
    case Kind::HttpStatus: errorKind = Error::Kind::Network; break;
    case Kind::JsonRpc: errorKind = Error::Kind::Chain; break;
    case Kind::Malformed: errorKind = Error::Kind::Protocol; break;
    case Kind::Canceled: errorKind = Error::Kind::Canceled; break;
    case Kind::Usage: errorKind = Error::Kind::Usage; break;
    }
    return Error::make(errorKind, message(), detail());
}

} // namespace apedesk::eth
