#include "jsonrpcclient.h"

#include "common/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace apedesk::eth {
namespace {

// Host and port only: a URL path may carry an API key, which must not reach the log.
QString redacted(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString();
}

// Errors after which the request certainly did not leave this machine, so even a call with
// effects may be tried again (on this or another endpoint).
bool neverDelivered(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProtocolUnknownError:
        return true;
    default:
        return false;
    }
}

} // namespace

struct JsonRpcClient::Call
{
    enum class Phase { Waiting, Backoff };

    quint64 id = 0;
    QString label;                 // method name or "batch of N", for the log
    QByteArray body;
    bool isBatch = false;
    qint64 requestId = 0;
    QList<qint64> requestIds;
    CallOptions options;
    ResultCallback single;
    BatchCallback batch;

    int attempt = 0;               // attempts started so far
    int endpoint = -1;
    Phase phase = Phase::Waiting;
    QPointer<QNetworkReply> reply;
    QTimer timer;                  // attempt timeout, or the backoff wait
    bool timedOut = false;
    bool tooLarge = false;
};

JsonRpcClient::JsonRpcClient(QList<QUrl> endpoints, JsonRpcOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<apedesk::eth::RpcError>();
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_clock.start();
    setEndpoints(std::move(endpoints));
}

JsonRpcClient::~JsonRpcClient()
{
    // Abort quietly: the callers are going away with us, so no callback runs.
    for (auto &entry : m_calls) {
        if (QNetworkReply *reply = entry.second->reply) {
            reply->disconnect(this);
            reply->abort();
            delete reply;
        }
    }
    m_calls.clear();
}

void JsonRpcClient::setEndpoints(QList<QUrl> endpoints)
{
    m_endpoints = std::move(endpoints);
    m_endpointStates = QList<EndpointState>(m_endpoints.size());
}

void JsonRpcClient::assertThread() const
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "JsonRpcClient", "used from a thread it does not live on");
}

quint64 JsonRpcClient::call(const QString &method, const QJsonArray &params, ResultCallback done, CallOptions options)
{
    assertThread();
    auto call = std::make_unique<Call>();
    call->label = method;
    call->requestId = m_nextRequestId++;
    call->body = encodeRequest(call->requestId, RpcRequest{method, params});
    call->options = options;
    call->single = std::move(done);
    return enqueue(std::move(call));
}

quint64 JsonRpcClient::batch(const QList<RpcRequest> &requests, BatchCallback done, CallOptions options)
{
    assertThread();
    auto call = std::make_unique<Call>();
    call->isBatch = true;
    call->label = QStringLiteral("batch of %1").arg(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i)
        call->requestIds.append(m_nextRequestId++);
    call->body = encodeBatch(call->requestIds, requests);
    call->options = options;
    call->batch = std::move(done);
    return enqueue(std::move(call));
}

quint64 JsonRpcClient::enqueue(std::unique_ptr<Call> call)
{
    const quint64 id = m_nextCallId++;
    call->id = id;
    call->timer.setSingleShot(true);
    connect(&call->timer, &QTimer::timeout, this, [this, id] { onTimer(id); });
    Call &ref = *call;
    const bool emptyBatch = ref.isBatch && ref.requestIds.isEmpty();
    m_calls.emplace(id, std::move(call));
    if (emptyBatch || m_endpoints.isEmpty()) {
        // Report on the next event-loop turn, as every other outcome is.
        const RpcError error = RpcError::usage(emptyBatch ? QStringLiteral("an empty batch")
                                                          : QStringLiteral("no node address is configured"));
        QTimer::singleShot(0, this, [this, id, error] { finishWithError(id, error); });
        return id;
    }
    startAttempt(ref);
    return id;
}

void JsonRpcClient::startAttempt(Call &call)
{
    call.endpoint = pickEndpoint(call.endpoint);
    ++call.attempt;
    call.timedOut = false;
    call.tooLarge = false;
    call.phase = Call::Phase::Waiting;

    QNetworkRequest request(m_endpoints.at(call.endpoint));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qCDebug(lcEth).noquote() << "rpc" << call.label << "to" << redacted(m_endpoints.at(call.endpoint))
                             << "attempt" << call.attempt;

    QNetworkReply *reply = m_network->post(request, call.body);
    call.reply = reply;
    const quint64 id = call.id;
    connect(reply, &QNetworkReply::finished, this, [this, id] { onReplyFinished(id); });
    const qsizetype maxBytes = m_options.limits.maxBytes;
    connect(reply, &QNetworkReply::downloadProgress, this, [this, id, maxBytes](qint64 received, qint64 total) {
        // Stop reading an answer that is bigger than any valid one, before it is all in memory.
        if (received <= maxBytes && total <= maxBytes)
            return;
        const auto it = m_calls.find(id);
        if (it == m_calls.end() || !it->second->reply)
            return;
        it->second->tooLarge = true;
        it->second->reply->abort();
    });
    call.timer.start(call.options.timeoutMs > 0 ? call.options.timeoutMs : m_options.timeoutMs);
}

void JsonRpcClient::onTimer(quint64 callId)
{
    const auto it = m_calls.find(callId);
    if (it == m_calls.end())
        return;
    Call &call = *it->second;
    if (call.phase == Call::Phase::Backoff) {
        startAttempt(call);
        return;
    }
    if (call.reply) {
        call.timedOut = true;
        call.reply->abort();   // finished() follows, and onReplyFinished() sees timedOut
    }
}

void JsonRpcClient::onReplyFinished(quint64 callId)
{
    const auto it = m_calls.find(callId);
    if (it == m_calls.end())
        return;
    Call &call = *it->second;
    QNetworkReply *reply = call.reply;
    if (!reply)
        return;
    call.reply = nullptr;
    call.timer.stop();
    reply->deleteLater();

    if (call.tooLarge) {
        finishWithError(callId, withEndpoint(RpcError::malformed(QStringLiteral("the answer exceeds %1 bytes")
                                                                     .arg(m_options.limits.maxBytes)),
                                             call.endpoint));
        return;
    }
    const int timeoutMs = call.options.timeoutMs > 0 ? call.options.timeoutMs : m_options.timeoutMs;
    if (call.timedOut) {
        handleTransportFailure(call, RpcError::timeout(timeoutMs, true), true);
        return;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        const int code = status.toInt();
        const QByteArray body = reply->readAll();
        markUp(call.endpoint);
        if (code >= 200 && code < 300) {
            finishWithBody(callId, body);
            return;
        }
        // Some nodes send JSON-RPC errors with a 4xx/5xx status; keep the node's words when so.
        if (!call.isBatch) {
            auto parsed = parseResponse(body, call.requestId, m_options.revertDecoder, m_options.limits);
            if (!parsed && parsed.error().kind == RpcError::Kind::JsonRpc) {
                finishWithError(callId, withEndpoint(parsed.error(), call.endpoint));
                return;
            }
        }
        QString snippet = QString::fromUtf8(body.left(200)).simplified();
        finishWithError(callId, withEndpoint(RpcError::http(code, snippet), call.endpoint));
        return;
    }
    const QNetworkReply::NetworkError error = reply->error();
    const bool maybeDelivered = !neverDelivered(error);
    handleTransportFailure(call,
                           RpcError::transport(QStringLiteral("%1 (Qt error %2)").arg(reply->errorString()).arg(int(error)),
                                               maybeDelivered),
                           maybeDelivered);
}

void JsonRpcClient::handleTransportFailure(Call &call, RpcError error, bool maybeDelivered)
{
    error = withEndpoint(std::move(error), call.endpoint);
    qCInfo(lcEth).noquote() << "rpc" << call.label << "transport failure on" << redacted(m_endpoints.at(call.endpoint))
                            << "attempt" << call.attempt << ":" << error.reason;
    const int failedEndpoint = call.endpoint;
    markDown(failedEndpoint, error);

    const int maxAttempts = call.options.maxAttempts > 0 ? call.options.maxAttempts : m_options.maxAttempts;
    const bool mayRetry = call.options.idempotent || !maybeDelivered;
    if (!mayRetry || call.attempt >= maxAttempts) {
        finishWithError(call.id, error);
        return;
    }
    // Another live endpoint is tried at once; waiting only helps a node that is restarting.
    int delayMs = 0;
    if (!hasLiveEndpointOtherThan(failedEndpoint)) {
        const int shift = std::min(call.attempt - 1, 16);
        delayMs = std::min<qint64>(qint64(m_options.backoffInitialMs) << shift, m_options.backoffMaxMs);
    }
    call.phase = Call::Phase::Backoff;
    call.timer.start(delayMs);
}

void JsonRpcClient::finishWithBody(quint64 callId, const QByteArray &body)
{
    auto call = takeCall(callId);
    if (!call)
        return;
    if (call->isBatch) {
        auto result = parseBatchResponse(body, call->requestIds, m_options.revertDecoder, m_options.limits);
        if (!result) {
            if (call->batch)
                call->batch(withEndpoint(result.error(), call->endpoint));
            return;
        }
        QList<RpcResult<QJsonValue>> items = std::move(result).value();
        for (auto &item : items)
            if (!item)
                item = withEndpoint(item.error(), call->endpoint);
        if (call->batch)
            call->batch(std::move(items));
        return;
    }
    auto result = parseResponse(body, call->requestId, m_options.revertDecoder, m_options.limits);
    if (!result)
        result = withEndpoint(result.error(), call->endpoint);
    if (call->single)
        call->single(std::move(result));
}

void JsonRpcClient::finishWithError(quint64 callId, const RpcError &error)
{
    auto call = takeCall(callId);
    if (!call)
        return;
    if (call->isBatch) {
        if (call->batch)
            call->batch(error);
    } else if (call->single) {
        call->single(error);
    }
}

std::unique_ptr<JsonRpcClient::Call> JsonRpcClient::takeCall(quint64 callId)
{
    const auto it = m_calls.find(callId);
    if (it == m_calls.end())
        return nullptr;
    std::unique_ptr<Call> call = std::move(it->second);
    m_calls.erase(it);
    call->timer.stop();
    return call;
}

void JsonRpcClient::cancel(quint64 callId)
{
    assertThread();
    auto call = takeCall(callId);
    if (call && call->reply) {
        QNetworkReply *reply = call->reply;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void JsonRpcClient::cancelAll()
{
    assertThread();
    QList<quint64> ids;
    for (const auto &entry : m_calls)
        ids.append(entry.first);
    for (quint64 id : ids)
        cancel(id);
}

RpcError JsonRpcClient::withEndpoint(RpcError error, int endpoint) const
{
    if (endpoint >= 0 && endpoint < m_endpoints.size())
        error.endpoint = redacted(m_endpoints.at(endpoint));
    return error;
}

bool JsonRpcClient::isEndpointDown(int index) const
{
    if (index < 0 || index >= m_endpointStates.size())
        return false;
    const EndpointState &state = m_endpointStates.at(index);
    return state.down && m_clock.elapsed() < state.downUntilMs;
}

int JsonRpcClient::pickEndpoint(int avoid) const
{
    // The first live endpoint in order of preference, other than the one that just failed.
    for (int i = 0; i < m_endpoints.size(); ++i)
        if (i != avoid && !isEndpointDown(i))
            return i;
    if (avoid >= 0 && avoid < m_endpoints.size() && !isEndpointDown(avoid))
        return avoid;
    // All are down: the one whose pause ends first.
    int best = 0;
    for (int i = 1; i < m_endpointStates.size(); ++i)
        if (m_endpointStates.at(i).downUntilMs < m_endpointStates.at(best).downUntilMs)
            best = i;
    return best;
}

bool JsonRpcClient::hasLiveEndpointOtherThan(int index) const
{
    for (int i = 0; i < m_endpoints.size(); ++i)
        if (i != index && !isEndpointDown(i))
            return true;
    return false;
}

void JsonRpcClient::markDown(int index, const RpcError &error)
{
    if (index < 0 || index >= m_endpointStates.size())
        return;
    EndpointState &state = m_endpointStates[index];
    const bool wasDown = state.down;
    state.down = true;
    state.downUntilMs = m_clock.elapsed() + m_options.endpointRetryMs;
    if (!wasDown) {
        qCWarning(lcEth).noquote() << "rpc endpoint" << redacted(m_endpoints.at(index)) << "is down:" << error.reason;
        Q_EMIT endpointDown(m_endpoints.at(index), error);
    }
}

void JsonRpcClient::markUp(int index)
{
    if (index < 0 || index >= m_endpointStates.size())
        return;
    EndpointState &state = m_endpointStates[index];
    if (!state.down)
        return;
    state.down = false;
    state.downUntilMs = -1;
    qCInfo(lcEth).noquote() << "rpc endpoint" << redacted(m_endpoints.at(index)) << "answers again";
    Q_EMIT endpointUp(m_endpoints.at(index));
}

} // namespace apedesk::eth
