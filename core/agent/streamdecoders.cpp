#include "streamdecoders.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <utility>

namespace apedesk::agent {

namespace {
constexpr qsizetype kMaxErrorBodyBytes = 64 * 1024;
// After the final message the reply may still be reading the stream's last bytes; waiting for them
// keeps the connection reusable, but never longer than this.
constexpr int kDrainMs = 5000;

QString trCall(const char *text)
{
    return QCoreApplication::translate("apedesk::agent::HttpStreamCall", text);
}
} // namespace

// ---------------------------------------------------------------------------------------------
// NdjsonDecoder

QList<QByteArray> NdjsonDecoder::feed(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    if (m_overflowed)
        return lines;
    m_pending += bytes;
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_pending.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArray line = m_pending.mid(start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            lines.append(line);
        start = newline + 1;
    }
    m_pending.remove(0, start);
    if (m_pending.size() > kMaxLineBytes) {
        m_overflowed = true;
        m_pending.clear();
    }
    return lines;
}

QList<QByteArray> NdjsonDecoder::flush()
{
    QByteArray line = std::exchange(m_pending, {});
    if (line.endsWith('\r'))
        line.chop(1);
    if (m_overflowed || line.trimmed().isEmpty())
        return {};
    return {line};
}

// ---------------------------------------------------------------------------------------------
// SseDecoder

QList<SseEvent> SseDecoder::feed(const QByteArray &bytes)
{
    QList<SseEvent> events;
    if (m_overflowed)
        return events;
    qsizetype i = 0;
    if (m_skipLineFeed && !bytes.isEmpty()) {
        if (bytes.at(0) == '\n')
            i = 1;
        m_skipLineFeed = false;
    }
    qsizetype lineStart = i;
    for (; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c != '\r' && c != '\n')
            continue;
        m_pending.append(bytes.constData() + lineStart, i - lineStart);
        takeLine(m_pending, events);
        m_pending.clear();
        if (c == '\r') {
            if (i + 1 < bytes.size()) {
                if (bytes.at(i + 1) == '\n')
                    ++i;
            } else {
                m_skipLineFeed = true;
            }
        }
        lineStart = i + 1;
    }
    if (lineStart < bytes.size())
        m_pending.append(bytes.constData() + lineStart, bytes.size() - lineStart);
    if (m_pending.size() + m_event.data.size() > kMaxEventBytes) {
        m_overflowed = true;
        m_pending.clear();
        m_event = {};
        m_hasData = false;
    }
    return events;
}

QList<SseEvent> SseDecoder::flush()
{
    QList<SseEvent> events;
    if (m_overflowed)
        return events;
    if (!m_pending.isEmpty())
        takeLine(std::exchange(m_pending, {}), events);
    dispatch(events);
    return events;
}

void SseDecoder::takeLine(const QByteArray &line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.startsWith(':'))   // a comment, e.g. OpenRouter's ": OPENROUTER PROCESSING"
        return;
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_event.data += '\n';
        m_event.data += value;
        m_hasData = true;
    } else if (field == "event") {
        m_event.event = value;
    } else if (field == "id") {
        m_event.id = value;
    }
    // "retry" and unknown fields: nothing to do for a one-shot stream.
}

void SseDecoder::dispatch(QList<SseEvent> &out)
{
    if (m_hasData)
        out.append(m_event);
    m_event = {};
    m_hasData = false;
}

// ---------------------------------------------------------------------------------------------
// Helpers

Error::Kind errorKindFor(LlmReply::Failure failure)
{
    switch (failure) {
    case LlmReply::Failure::None: return Error::Kind::Generic;
    case LlmReply::Failure::Timeout: return Error::Kind::Timeout;
    case LlmReply::Failure::Canceled: return Error::Kind::Canceled;
    case LlmReply::Failure::Network: return Error::Kind::Network;
    case LlmReply::Failure::Http: return Error::Kind::Protocol;
    case LlmReply::Failure::Malformed: return Error::Kind::Format;
    case LlmReply::Failure::Truncated: return Error::Kind::Protocol;
    case LlmReply::Failure::Server: return Error::Kind::Model;
    }
    return Error::Kind::Generic;
}

qint64 parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds >= 0 ? seconds * 1000 : -1;
    // IMF-fixdate, the form RFC 9110 requires senders to use: "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeZone(QTimeZone::utc());
    return qMax<qint64>(0, now.msecsTo(when));
}

QString serverErrorText(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body.trimmed());
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue error = object.value(QStringLiteral("error"));
        if (error.isString() && !error.toString().isEmpty())
            return error.toString();
        if (error.isObject()) {
            const QString message = error.toObject().value(QStringLiteral("message")).toString();
            if (!message.isEmpty())
                return message;
        }
        const QString message = object.value(QStringLiteral("message")).toString();
        if (!message.isEmpty())
            return message;
    }
    QString text = QString::fromUtf8(body).simplified();
    if (text.isEmpty())
        return trCall("no details");
    if (text.size() > 300)
        text = text.left(300) + QChar(0x2026);
    return text;
}

QString redactedUrl(const QUrl &url)
{
    QString text = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash)
                       .toString();
    return text;
}

QString secondsText(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    QString text = QString::number(ms / 1000.0, 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    return text;
}

void getJson(QNetworkAccessManager *network, QNetworkRequest request, const QString &serverLabel, QObject *context,
             std::function<void(Result<QJsonDocument>)> done)
{
    request.setTransferTimeout(kMetadataTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = network->get(request);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, serverLabel, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status >= 400) {
            const QString text = serverErrorText(body);
            const QString message = status == 401 || status == 403
                ? trCall("The API key was refused by %1 (HTTP %2): %3").arg(serverLabel).arg(status).arg(text)
                : trCall("Error from %1 (HTTP %2): %3").arg(serverLabel).arg(status).arg(text);
            done(Error::make(Error::Kind::Protocol, message, QStringLiteral("HTTP %1").arg(status)));
            return;
        }
        if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError) {
            done(Error::make(Error::Kind::Timeout,
                             trCall("Timed out: %1 did not answer within %2 seconds.")
                                 .arg(serverLabel, secondsText(kMetadataTimeoutMs)),
                             reply->errorString()));
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            const QString message = reply->error() == QNetworkReply::ConnectionRefusedError
                ? trCall("Could not connect to %1: the connection was refused. Is the server running?").arg(serverLabel)
                : trCall("Could not reach %1: %2").arg(serverLabel, reply->errorString());
            done(Error::make(Error::Kind::Network, message, reply->errorString()));
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            done(Error::make(Error::Kind::Format,
                             trCall("Malformed answer from %1: not JSON: %2")
                                 .arg(serverLabel, HttpStreamCall::excerpt(body)),
                             parseError.errorString()));
            return;
        }
        done(document);
    });
}

// ---------------------------------------------------------------------------------------------
// HttpStreamCall

HttpStreamCall::HttpStreamCall(QObject *backend, QNetworkAccessManager *network, StreamTarget target, LlmRequest request)
    : LlmCall(backend), m_network(network), m_target(std::move(target)), m_request(std::move(request))
{
    m_overall.setSingleShot(true);
    m_idle.setSingleShot(true);
    // Coarse timers may fire 5 % early; a timeout should mean what it says.
    m_overall.setTimerType(Qt::PreciseTimer);
    m_idle.setTimerType(Qt::PreciseTimer);
    connect(&m_overall, &QTimer::timeout, this, &HttpStreamCall::onOverallTimeout);
    connect(&m_idle, &QTimer::timeout, this, &HttpStreamCall::onIdleTimeout);
}

HttpStreamCall::~HttpStreamCall()
{
    // Destroyed while still running (its backend went away): stop the transfer quietly.
    if (QNetworkReply *reply = m_reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QString HttpStreamCall::excerpt(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes.left(160)).simplified();
    if (bytes.size() > 160)
        text += QChar(0x2026);
    return text;
}

void HttpStreamCall::start(const QNetworkRequest &httpRequest, const QByteArray &body)
{
    m_clock.start();
    QNetworkReply *reply = m_network->post(httpRequest, body);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpStreamCall::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &HttpStreamCall::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpStreamCall::onReplyFinished);
    if (m_request.timeoutMs > 0)
        m_overall.start(m_request.timeoutMs);
    if (m_request.idleTimeoutMs > 0)
        m_idle.start(m_request.idleTimeoutMs);
    qCInfo(lcAgent).noquote() << "chat: model" << m_request.model << "at" << m_target.serverLabel << "with"
                              << m_request.messages.size() << "messages";
}

void HttpStreamCall::cancel()
{
    if (isFinished())
        return;
    fail(LlmReply::Failure::Canceled, tr("The request to %1 was canceled.").arg(m_target.serverLabel));
}

int HttpStreamCall::httpStatus() const
{
    return m_reply ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
}

void HttpStreamCall::onMetaData()
{
    if (m_idle.isActive())
        m_idle.start();
}

void HttpStreamCall::onReadyRead()
{
    if (isFinished() || !m_reply)
        return;
    if (m_idle.isActive())
        m_idle.start();
    if (httpStatus() >= 400) {
        // Keep the server's words for the failure; an endless error body is cut.
        const QByteArray bytes = m_reply->readAll();
        if (m_errorBody.size() < kMaxErrorBodyBytes)
            m_errorBody += bytes.left(kMaxErrorBodyBytes - m_errorBody.size());
        return;
    }
    consume(m_reply->readAll());
}

void HttpStreamCall::onReplyFinished()
{
    if (isFinished() || !m_reply)
        return;
    const int status = httpStatus();
    if (status >= 400) {
        const QByteArray bytes = m_reply->readAll();
        if (m_errorBody.size() < kMaxErrorBodyBytes)
            m_errorBody += bytes.left(kMaxErrorBodyBytes - m_errorBody.size());
        failHttp(status);
        return;
    }
    if (status == 0 && m_reply->error() != QNetworkReply::NoError) {
        failTransport();
        return;
    }
    const QByteArray rest = m_reply->readAll();
    if (!rest.isEmpty())
        consume(rest);
    if (isFinished())
        return;
    endOfStream();
    if (isFinished())
        return;
    const QString detail = m_reply->error() != QNetworkReply::NoError
                               ? m_reply->errorString()
                               : QStringLiteral("the stream ended without its final message");
    fail(LlmReply::Failure::Truncated,
         tr("The answer from %1 was cut off: the stream ended before the server said it was done.")
             .arg(m_target.serverLabel),
         detail);
}

void HttpStreamCall::onOverallTimeout()
{
    fail(LlmReply::Failure::Timeout,
         tr("Timed out after %1 seconds waiting for %2 to finish its answer.")
             .arg(secondsText(m_request.timeoutMs), m_target.serverLabel));
}

void HttpStreamCall::onIdleTimeout()
{
    fail(LlmReply::Failure::Timeout,
         tr("Timed out: %1 sent nothing for %2 seconds.").arg(m_target.serverLabel, secondsText(m_request.idleTimeoutMs)));
}

void HttpStreamCall::failHttp(int status)
{
    const QString text = serverErrorText(m_errorBody);
    QString message;
    switch (status) {
    case 401:
    case 403:
        message = tr("The API key was refused by %1 (HTTP %2): %3").arg(m_target.serverLabel).arg(status).arg(text);
        break;
    case 404:
        message = tr("Model \"%1\" not found at %2 (HTTP 404): %3").arg(m_request.model, m_target.serverLabel, text);
        break;
    case 429:
        message = tr("Rate limited by %1 (HTTP 429); wait a moment and try again: %2").arg(m_target.serverLabel, text);
        break;
    default:
        message = tr("Error from %1 (HTTP %2): %3").arg(m_target.serverLabel).arg(status).arg(text);
        break;
    }
    const QString reason = m_reply ? m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString() : QString();
    fail(LlmReply::Failure::Http, message, QStringLiteral("HTTP %1 %2").arg(status).arg(reason).trimmed());
}

void HttpStreamCall::failTransport()
{
    QString message;
    switch (m_reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        message = tr("Could not connect to %1: the connection was refused. Is the server running?").arg(m_target.serverLabel);
        break;
    case QNetworkReply::HostNotFoundError:
        message = tr("Could not connect to %1: the host name was not found.").arg(m_target.serverLabel);
        break;
    default:
        message = tr("Could not reach %1: %2").arg(m_target.serverLabel, m_reply->errorString());
        break;
    }
    fail(LlmReply::Failure::Network, message, m_reply->errorString());
}

void HttpStreamCall::emitToken(const QString &delta)
{
    if (isFinished() || delta.isEmpty())
        return;
    if (m_firstTokenMs < 0)
        m_firstTokenMs = m_clock.elapsed();
    m_text += delta;
    Q_EMIT token(delta);
}

void HttpStreamCall::complete(const QString &finishReason, const QString &model, int promptTokens, int completionTokens)
{
    if (isFinished())
        return;
    LlmReply reply;
    reply.ok = true;
    reply.text = m_text;
    reply.model = model.isEmpty() ? m_request.model : model;
    reply.finishReason = finishReason;
    reply.promptTokens = promptTokens;
    reply.completionTokens = completionTokens;
    end(std::move(reply), true);
}

void HttpStreamCall::fail(LlmReply::Failure failure, const QString &message, const QString &detail)
{
    if (isFinished())
        return;
    LlmReply reply;
    reply.ok = false;
    reply.failure = failure;
    reply.error = Error::make(errorKindFor(failure), message, detail);
    reply.text = m_text;
    reply.model = m_request.model;
    end(std::move(reply), false);
}

void HttpStreamCall::end(LlmReply reply, bool keepConnection)
{
    m_overall.stop();
    m_idle.stop();
    reply.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    reply.firstTokenMs = m_firstTokenMs;
    reply.costUsd = m_reportedCostUsd;
    if (QNetworkReply *network = m_reply) {
        reply.httpStatus = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (network->hasRawHeader("Retry-After"))
            reply.retryAfterMs = parseRetryAfterMs(network->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        m_reply = nullptr;
        network->disconnect(this);
        if (keepConnection && network->isRunning()) {
            // Let it read the stream's last bytes so the connection can serve the next call.
            connect(network, &QNetworkReply::finished, network, &QObject::deleteLater);
            QTimer::singleShot(kDrainMs, network, [network] { network->abort(); });
        } else {
            if (network->isRunning())
                network->abort();
            network->deleteLater();
        }
    }
    if (reply.ok)
        qCInfo(lcAgent).noquote() << "chat: answer from" << m_target.serverLabel << "in" << reply.elapsedMs << "ms,"
                                  << reply.text.size() << "characters, finish" << reply.finishReason;
    else
        qCWarning(lcAgent).noquote() << "chat failed after" << reply.elapsedMs << "ms:" << reply.error.toString();
    finish(std::move(reply));
}

} // namespace apedesk::agent
