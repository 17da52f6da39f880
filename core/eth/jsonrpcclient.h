#pragma once
// Asynchronous JSON-RPC 2.0 client over HTTP (QNetworkAccessManager).
//
// Threading: the client belongs to one thread (normally the ChainService thread) and is used only
// from there; it never blocks it. Results come back through callbacks, which always run later on
// that thread's event loop, never inside call() or batch() themselves.
//
// Failures are typed RpcError values. Transport failures (refused, reset, timed out) are retried
// with exponential backoff and fail over to the next endpoint; a dead endpoint is skipped for a
// while and then tried again. HTTP errors, JSON-RPC errors and malformed answers are never
// retried. A call marked not idempotent (eth_sendRawTransaction) is retried only when the request
// certainly never left this machine; otherwise its error says maybeDelivered, so the caller can
// look the transaction up by hash instead of sending something twice. (Qt's HTTP layer itself
// re-sends a request once when a kept-alive connection closes before any answer; for
// eth_sendRawTransaction that repeats the same signed bytes, which a node deduplicates by hash.)

#include "jsonrpcerror.h"
#include "jsonrpcresponse.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QUrl>

#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace apedesk::eth {

struct JsonRpcOptions
{
    int timeoutMs = 10000;          // per attempt
    int maxAttempts = 4;            // tries per call, counting the first; transport failures only
    int backoffInitialMs = 100;     // wait before a retry on the same endpoint, doubling each time
    int backoffMaxMs = 2000;
    int endpointRetryMs = 3000;     // a dead endpoint is skipped this long before it is tried again
    ResponseLimits limits;
    RevertDecoder revertDecoder;    // optional: names the revert reason in JSON-RPC errors
};

struct CallOptions
{
    // false for calls with effects (eth_sendRawTransaction): no retry once the request may have
    // been delivered.
    bool idempotent = true;
    int timeoutMs = 0;              // 0: the client's timeoutMs
    int maxAttempts = 0;            // 0: the client's maxAttempts
};

class JsonRpcClient : public QObject
{
    Q_OBJECT
public:
    using ResultCallback = RpcCallback<QJsonValue>;
    using BatchCallback = RpcCallback<QList<RpcResult<QJsonValue>>>;

    explicit JsonRpcClient(QList<QUrl> endpoints, JsonRpcOptions options = {}, QObject *parent = nullptr);
    // Aborts what is in flight without calling the callbacks.
    ~JsonRpcClient() override;

    // Endpoints in order of preference; the first live one is used.
    void setEndpoints(QList<QUrl> endpoints);
    QList<QUrl> endpoints() const { return m_endpoints; }
    void setRevertDecoder(RevertDecoder decoder) { m_options.revertDecoder = std::move(decoder); }
    const JsonRpcOptions &options() const { return m_options; }

    // Returns an id for cancel(). `done` runs exactly once unless the call is canceled.
    quint64 call(const QString &method, const QJsonArray &params, ResultCallback done, CallOptions options = {});
    // One HTTP request carrying several calls; `done` gets one result per request, in order.
    quint64 batch(const QList<RpcRequest> &requests, BatchCallback done, CallOptions options = {});

    // Stops a call; its callback is not called.
    void cancel(quint64 callId);
    void cancelAll();
    int pendingCalls() const { return static_cast<int>(m_calls.size()); }

    // Whether endpoint `index` is being skipped after a transport failure.
    bool isEndpointDown(int index) const;

Q_SIGNALS:
    void endpointDown(QUrl endpoint, apedesk::eth::RpcError error);
    void endpointUp(QUrl endpoint);

private:
    struct Call;
    struct EndpointState
    {
        qint64 downUntilMs = -1;   // on m_clock; -1 while alive
        bool down = false;
    };

    quint64 enqueue(std::unique_ptr<Call> call);
    void startAttempt(Call &call);
    void onReplyFinished(quint64 callId);
    void onTimer(quint64 callId);
    void handleTransportFailure(Call &call, RpcError error, bool maybeDelivered);
    void finishWithBody(quint64 callId, const QByteArray &body);
    void finishWithError(quint64 callId, const RpcError &error);
    std::unique_ptr<Call> takeCall(quint64 callId);
    RpcError withEndpoint(RpcError error, int endpoint) const;
    int pickEndpoint(int avoid) const;
    bool hasLiveEndpointOtherThan(int index) const;
    void markDown(int index, const RpcError &error);
    void markUp(int index);
    void assertThread() const;

    QList<QUrl> m_endpoints;
    QList<EndpointState> m_endpointStates;
    JsonRpcOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    std::map<quint64, std::unique_ptr<Call>> m_calls;
    quint64 m_nextCallId = 1;
    qint64 m_nextRequestId = 1;
    QElapsedTimer m_clock;
};

} // namespace apedesk::eth
