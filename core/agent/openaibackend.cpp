#include "openaibackend.h"

#include "streamdecoders.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QThread>

namespace apedesk::agent {

namespace {

// One streamed /chat/completions answer: SSE events → tokens, [DONE] → the reply.
class OpenAiChatCall : public HttpStreamCall
{
public:
    using HttpStreamCall::HttpStreamCall;

protected:
    void consume(const QByteArray &bytes) override
    {
        for (const SseEvent &event : m_decoder.feed(bytes)) {
            handleEvent(event);
            if (isFinished())
                return;
        }
        if (m_decoder.overflowed())
            fail(LlmReply::Failure::Malformed,
                 tr("Malformed answer from %1: an event longer than %2 MiB, which is no chat answer.")
                     .arg(serverLabel())
                     .arg(SseDecoder::kMaxEventBytes / (1024 * 1024)));
    }

    void endOfStream() override
    {
        for (const SseEvent &event : m_decoder.flush()) {
            handleEvent(event);
            if (isFinished())
                return;
        }
    }

private:
    void handleEvent(const SseEvent &event)
    {
        const QByteArray data = event.data.trimmed();
        if (data == "[DONE]") {
            complete(m_finishReason, m_model, m_promptTokens, m_completionTokens);
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
        if (!document.isObject()) {
            fail(LlmReply::Failure::Malformed,
                 tr("Malformed answer from %1: an event that is not valid JSON: %2").arg(serverLabel(), excerpt(data)),
                 parseError.errorString());
            return;
        }
        const QJsonObject object = document.object();
        if (object.contains(QStringLiteral("error"))) {
            fail(LlmReply::Failure::Server, tr("Error from %1 while it answered: %2").arg(serverLabel(), serverErrorText(data)));
            return;
        }
        const QJsonValue choices = object.value(QStringLiteral("choices"));
        if (!choices.isArray()) {
            fail(LlmReply::Failure::Malformed,
                 tr("Malformed answer from %1: an event without the fields of a chat answer: %2").arg(serverLabel(), excerpt(data)));
            return;
        }
        const QString model = object.value(QStringLiteral("model")).toString();
        if (!model.isEmpty())
            m_model = model;
        const QJsonObject usage = object.value(QStringLiteral("usage")).toObject();
        if (!usage.isEmpty()) {
            m_promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInt(-1);
            m_completionTokens = usage.value(QStringLiteral("completion_tokens")).toInt(-1);
            const QJsonValue cost = usage.value(QStringLiteral("cost"));
            if (cost.isDouble())
                setReportedCost(cost.toDouble());
        }
        // The usage-only chunk has no choices; a chat call asks for one choice (index 0).
        for (const QJsonValue &value : choices.toArray()) {
            const QJsonObject choice = value.toObject();
            if (choice.value(QStringLiteral("index")).toInt(0) != 0)
                continue;
            const QJsonValue content = choice.value(QStringLiteral("delta")).toObject().value(QStringLiteral("content"));
            if (!content.isString() && !content.isNull() && !content.isUndefined()) {
                fail(LlmReply::Failure::Malformed,
                     tr("Malformed answer from %1: a chunk whose content is not text: %2").arg(serverLabel(), excerpt(data)));
                return;
            }
            const QString finishReason = choice.value(QStringLiteral("finish_reason")).toString();
            if (!finishReason.isEmpty())
                m_finishReason = finishReason;
            emitToken(content.toString());
            if (isFinished())
                return;
        }
    }

    SseDecoder m_decoder;
    QString m_model;
    QString m_finishReason;
    int m_promptTokens = -1;
    int m_completionTokens = -1;
};

} // namespace

OpenAiBackend::OpenAiBackend(QUrl baseUrl, QString apiKey, QObject *parent)
    : LlmBackend(parent), m_baseUrl(std::move(baseUrl)), m_apiKey(std::move(apiKey)),
      m_network(new QNetworkAccessManager(this))
{
}

QString OpenAiBackend::kind() const
{
    return backendKindKey(BackendSpec::Kind::OpenAi);
}

QString OpenAiBackend::endpoint() const
{
    return redactedUrl(m_baseUrl);
}

QString OpenAiBackend::serverLabel() const
{
    return tr("the server at %1").arg(endpoint());
}

QNetworkRequest OpenAiBackend::httpRequest(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    QNetworkRequest request(url);
    if (!m_apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    // OpenRouter's optional attribution header; other servers ignore it.
    request.setRawHeader("X-Title", "ApeDesk");
    return request;
}

QByteArray OpenAiBackend::chatBody(const LlmRequest &request)
{
    QJsonArray messages;
    for (const ChatMessage &message : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), message.role}, {QStringLiteral("content"), message.content}});
    QJsonObject body{{QStringLiteral("model"), request.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), true},
                     // The token counts come in a last chunk only when asked for.
                     {QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}}}};
    const LlmOptions &o = request.options;
    if (o.temperature)
        body.insert(QStringLiteral("temperature"), *o.temperature);
    if (o.topP)
        body.insert(QStringLiteral("top_p"), *o.topP);
    if (o.seed)
        body.insert(QStringLiteral("seed"), *o.seed);
    if (o.maxTokens)
        body.insert(QStringLiteral("max_tokens"), *o.maxTokens);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

LlmCall *OpenAiBackend::chat(const LlmRequest &request)
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "OpenAiBackend", "used from a thread it does not live on");
    auto *call = new OpenAiChatCall(this, m_network, StreamTarget{serverLabel()}, request);
    QNetworkRequest http = httpRequest(QStringLiteral("/chat/completions"));
    http.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    http.setRawHeader("Accept", "text/event-stream");
    call->start(http, chatBody(request));
    return call;
}

Result<QList<ModelInfo>> OpenAiBackend::parseModels(const QJsonDocument &document)
{
    const QJsonValue data = document.object().value(QStringLiteral("data"));
    if (!data.isArray())
        return Error::make(Error::Kind::Format, tr("The server's model list has no \"data\" array."));
    QList<ModelInfo> out;
    for (const QJsonValue &value : data.toArray()) {
        const QJsonObject model = value.toObject();
        ModelInfo info;
        info.name = model.value(QStringLiteral("id")).toString();
        if (info.name.isEmpty())
            continue;
        // OpenRouter: context_length; vLLM: max_model_len; LM Studio: max_context_length.
        for (const char *key : {"context_length", "max_model_len", "max_context_length"}) {
            const int length = model.value(QLatin1String(key)).toInt(0);
            if (length > 0) {
                info.contextLength = length;
                break;
            }
        }
        out.append(info);
    }
    return out;
}

void OpenAiBackend::listModels(std::function<void(Result<QList<ModelInfo>>)> done)
{
    getJson(m_network, httpRequest(QStringLiteral("/models")), serverLabel(), this,
            [done = std::move(done)](Result<QJsonDocument> document) {
                if (!document)
                    done(document.error());
                else
                    done(parseModels(*document));
            });
}

void OpenAiBackend::probe(std::function<void(Result<QString>)> done)
{
    getJson(m_network, httpRequest(QStringLiteral("/models")), serverLabel(), this,
            [done = std::move(done)](Result<QJsonDocument> document) {
                if (!document) {
                    done(document.error());
                    return;
                }
                const Result<QList<ModelInfo>> models = parseModels(*document);
                if (!models)
                    done(models.error());
                else
                    done(tr("OpenAI-compatible server, models available: %1").arg(models->size()));
            });
}

} // namespace apedesk::agent
