#pragma once
// The stream plumbing the Ollama and OpenAI backends share:
//  - NdjsonDecoder and SseDecoder: pure byte decoders. Network reads end anywhere (in the middle of
//    a line, between '\r' and '\n'), so both keep the unfinished tail until the next feed().
//  - HttpStreamCall: one streamed chat call over QNetworkAccessManager. It owns the reply and the
//    two timers (whole answer, silence) and turns every way a call can end into exactly one
//    LlmReply; the protocol subclasses only decode bytes into tokens.

#include "llmbackend.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace apedesk::agent {

// Newline-delimited JSON (Ollama): complete lines, without "\n" / "\r\n"; blank lines are skipped.
class NdjsonDecoder
{
public:
    static constexpr qsizetype kMaxLineBytes = 4 * 1024 * 1024;

    QList<QByteArray> feed(const QByteArray &bytes);
    // At the end of the stream: the last line when it had no newline (empty list when none).
    QList<QByteArray> flush();
    // A line grew past kMaxLineBytes without a newline: the stream is not NDJSON.
    bool overflowed() const { return m_overflowed; }

private:
    QByteArray m_pending;
    bool m_overflowed = false;
};

// Server-sent events (OpenAI-compatible streaming), as the HTML living standard parses them.
struct SseEvent
{
    QByteArray event;              // the "event:" field; empty means "message"
    QByteArray data;               // the "data:" lines, joined by "\n"
    QByteArray id;
};

class SseDecoder
{
public:
    static constexpr qsizetype kMaxEventBytes = 4 * 1024 * 1024;

    // Complete events (a blank line ends one). Comment lines (": ...") and events without data
    // (keep-alives) yield nothing.
    QList<SseEvent> feed(const QByteArray &bytes);
    // At the end of the stream: an event whose closing blank line never came (lenient on purpose:
    // some servers end with "data: [DONE]\n" and close).
    QList<SseEvent> flush();
    bool overflowed() const { return m_overflowed; }

private:
    void takeLine(const QByteArray &line, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);

    QByteArray m_pending;          // bytes of an unfinished line
    bool m_skipLineFeed = false;   // the last feed ended in '\r': a '\n' starting the next one is its pair
    SseEvent m_event;              // fields of the event being read
    bool m_hasData = false;
    bool m_overflowed = false;
};

// Where a streamed call goes and how its failures name it.
struct StreamTarget
{
    QString serverLabel;           // "the Ollama server at http://127.0.0.1:11434" (no secrets)
};

// One streamed chat call: POSTs the body, feeds each arriving piece of the answer to consume(),
// and ends exactly once. Subclasses decode and call emitToken(), complete() or fail().
class HttpStreamCall : public LlmCall
{
    Q_OBJECT
public:
    // The call becomes a child of `backend`; `network` must live on the same thread.
    HttpStreamCall(QObject *backend, QNetworkAccessManager *network, StreamTarget target, LlmRequest request);
    ~HttpStreamCall() override;

    // Sends the request; the outcome always arrives later on the event loop, never inside start().
    void start(const QNetworkRequest &httpRequest, const QByteArray &body);
    void cancel() override;

    // The start of some bytes as one line of text, for "not valid JSON: {...}" messages.
    static QString excerpt(const QByteArray &bytes);

protected:
    // Body bytes of a successful (2xx) answer, as they arrive.
    virtual void consume(const QByteArray &bytes) = 0;
    // The server ended the answer: decode what is left. If the subclass does not complete() or
    // fail() here, the call fails as Truncated.
    virtual void endOfStream() = 0;

    void emitToken(const QString &delta);
    void complete(const QString &finishReason, const QString &model, int promptTokens, int completionTokens);
    void fail(LlmReply::Failure failure, const QString &message, const QString &detail = {});

    const LlmRequest &request() const { return m_request; }
    // What the server says the call cost (OpenRouter's usage.cost), carried into the reply.
    void setReportedCost(double usd) { m_reportedCostUsd = usd; }
    const QString &serverLabel() const { return m_target.serverLabel; }

private:
    double m_reportedCostUsd = -1;
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void onOverallTimeout();
    void onIdleTimeout();
    void failHttp(int status);
    void failTransport();
    void end(LlmReply reply, bool keepConnection);
    int httpStatus() const;

    QNetworkAccessManager *m_network = nullptr;
    StreamTarget m_target;
    LlmRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer m_overall;
    QTimer m_idle;
    QElapsedTimer m_clock;
    QString m_text;
    qint64 m_firstTokenMs = -1;
    QByteArray m_errorBody;        // the body of an HTTP error answer (capped)
};

// GET a JSON document (model lists, versions) with a short timeout. `done` runs later on `context`'s
// thread, with the document or a failure in words naming `serverLabel`.
void getJson(QNetworkAccessManager *network, QNetworkRequest request, const QString &serverLabel, QObject *context,
             std::function<void(Result<QJsonDocument>)> done);
constexpr int kMetadataTimeoutMs = 10000;

// Error::Kind for a failure, so callers that only see the Error still know what happened.
Error::Kind errorKindFor(LlmReply::Failure failure);
// The words a server put in an error body: Ollama's {"error":"..."}, OpenAI's
// {"error":{"message":"..."}}, or the (shortened) body itself.
QString serverErrorText(const QByteArray &body);
// An HTTP Retry-After value in milliseconds: delta-seconds ("120") or an HTTP date (RFC 9110), relative to
// `now`; a date in the past gives 0. -1 when the value is neither.
qint64 parseRetryAfterMs(const QByteArray &value, const QDateTime &now);
// A URL for people and logs: no user info, query or fragment.
QString redactedUrl(const QUrl &url);
// "0.8" / "30" seconds, for timeout messages.
QString secondsText(int ms);

} // namespace apedesk::agent
