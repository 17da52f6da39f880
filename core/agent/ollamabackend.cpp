#include "ollamabackend.h"

#include "streamdecoders.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QThread>

namespace apedesk::agent {

namespace {

// One streamed /api/chat answer: NDJSON lines → tokens, the "done" line → the reply.
class OllamaChatCall : public HttpStreamCall
{
public:
    using HttpStreamCall::HttpStreamCall;

protected:
    void consume(const QByteArray &bytes) override
    {
        for (const QByteArray &line : m_decoder.feed(bytes)) {
            handleLine(line);
            if (isFinished())
                return;
        }
        if (m_decoder.overflowed())
            fail(LlmReply::Failure::Malformed,
                 tr("Malformed answer from %1: a line longer than %2 MiB, which is no Ollama answer.")
                     .arg(serverLabel())
                     .arg(NdjsonDecoder::kMaxLineBytes / (1024 * 1024)));
    }

    void endOfStream() override
    {
        for (const QByteArray &line : m_decoder.flush()) {
            handleLine(line);
            if (isFinished())
                return;
        }
    }

private:
    void handleLine(const QByteArray &line)
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            fail(LlmReply::Failure::Malformed,
                 tr("Malformed answer from %1: a line that is not valid JSON: %2").arg(serverLabel(), excerpt(line)),
                 parseError.errorString());
            return;
        }
        const QJsonObject object = document.object();
        if (object.contains(QStringLiteral("error"))) {
            fail(LlmReply::Failure::Server,
                 tr("Error from %1 while it answered: %2").arg(serverLabel(), serverErrorText(line)));
            return;
        }
        const QJsonValue done = object.value(QStringLiteral("done"));
        const QJsonValue message = object.value(QStringLiteral("message"));
        const QJsonValue content = message.toObject().value(QStringLiteral("content"));
        if (!done.isBool() || (!done.toBool() && !content.isString())) {
            fail(LlmReply::Failure::Malformed,
                 tr("Malformed answer from %1: a line without the fields of a chat answer: %2").arg(serverLabel(), excerpt(line)));
            return;
        }
        emitToken(content.toString());
        if (done.toBool()) {
            complete(object.value(QStringLiteral("done_reason")).toString(),
                     object.value(QStringLiteral("model")).toString(),
                     object.value(QStringLiteral("prompt_eval_count")).toInt(-1),
                     object.value(QStringLiteral("eval_count")).toInt(-1));
        }
    }

    NdjsonDecoder m_decoder;
};

} // namespace

OllamaBackend::OllamaBackend(QUrl baseUrl, QObject *parent)
    : LlmBackend(parent), m_baseUrl(std::move(baseUrl)), m_network(new QNetworkAccessManager(this))
{
    m_network->setAutoDeleteReplies(false);
}

QString OllamaBackend::kind() const
{
    return backendKindKey(BackendSpec::Kind::Ollama);
}

QString OllamaBackend::endpoint() const
{
    return redactedUrl(m_baseUrl);
}

QString OllamaBackend::serverLabel() const
{
    return tr("the Ollama server at %1").arg(endpoint());
}

QUrl OllamaBackend::url(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

QByteArray OllamaBackend::chatBody(const LlmRequest &request)
{
    QJsonArray messages;
    for (const ChatMessage &message : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), message.role}, {QStringLiteral("content"), message.content}});
    QJsonObject options;
    const LlmOptions &o = request.options;
    if (o.temperature)
        options.insert(QStringLiteral("temperature"), *o.temperature);
    if (o.topP)
        options.insert(QStringLiteral("top_p"), *o.topP);
    if (o.numCtx)
        options.insert(QStringLiteral("num_ctx"), *o.numCtx);
    if (o.seed)
        options.insert(QStringLiteral("seed"), *o.seed);
    if (o.maxTokens)
        options.insert(QStringLiteral("num_predict"), *o.maxTokens);
    QJsonObject body{{QStringLiteral("model"), request.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), true}};
    if (!options.isEmpty())
        body.insert(QStringLiteral("options"), options);
    if (!o.keepAlive.isEmpty()) {
        // Ollama reads a bare number as seconds (-1: keep loaded) and a string as a Go duration
        // ("5m"); the string "-1" would be rejected for its missing unit.
        bool isNumber = false;
        const int seconds = o.keepAlive.toInt(&isNumber);
        body.insert(QStringLiteral("keep_alive"), isNumber ? QJsonValue(seconds) : QJsonValue(o.keepAlive));
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

LlmCall *OllamaBackend::chat(const LlmRequest &request)
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "OllamaBackend", "used from a thread it does not live on");
    auto *call = new OllamaChatCall(this, m_network, StreamTarget{serverLabel()}, request);
    QNetworkRequest http(url(QStringLiteral("/api/chat")));
    http.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    http.setRawHeader("Accept", "application/x-ndjson");
    call->start(http, chatBody(request));
    return call;
}

Result<QList<ModelInfo>> OllamaBackend::parseTags(const QJsonDocument &document)
{
    const QJsonValue models = document.object().value(QStringLiteral("models"));
    if (!models.isArray())
        return Error::make(Error::Kind::Format,
                           tr("The Ollama server's model list has no \"models\" array."));
    QList<ModelInfo> out;
    for (const QJsonValue &value : models.toArray()) {
        const QJsonObject model = value.toObject();
        ModelInfo info;
        info.name = model.value(QStringLiteral("name")).toString();
        if (info.name.isEmpty())
            info.name = model.value(QStringLiteral("model")).toString();
        if (info.name.isEmpty())
            continue;
        info.sizeBytes = model.value(QStringLiteral("size")).toInteger();
        const QJsonObject details = model.value(QStringLiteral("details")).toObject();
        info.parameterSize = details.value(QStringLiteral("parameter_size")).toString();
        info.quantization = details.value(QStringLiteral("quantization_level")).toString();
        out.append(info);
    }
    return out;
}

void OllamaBackend::listModels(std::function<void(Result<QList<ModelInfo>>)> done)
{
    getJson(m_network, QNetworkRequest(url(QStringLiteral("/api/tags"))), serverLabel(), this,
            [done = std::move(done)](Result<QJsonDocument> document) {
                if (!document)
                    done(document.error());
                else
                    done(parseTags(*document));
            });
}

void OllamaBackend::probe(std::function<void(Result<QString>)> done)
{
    const QString label = serverLabel();
    getJson(m_network, QNetworkRequest(url(QStringLiteral("/api/version"))), label, this,
            [done = std::move(done), label](Result<QJsonDocument> document) {
                if (!document) {
                    done(document.error());
                    return;
                }
                const QString version = document->object().value(QStringLiteral("version")).toString();
                if (version.isEmpty())
                    done(Error::make(Error::Kind::Format,
                                     tr("No version in the answer from %1: is it an Ollama server?").arg(label)));
                else
                    done(version);
            });
}

} // namespace apedesk::agent
