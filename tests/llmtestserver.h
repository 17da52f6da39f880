#pragma once
// A local LLM server for tests: a real HTTP/1.1 server on 127.0.0.1 that speaks the Ollama or the
// OpenAI-compatible protocol on the wire as the real servers do (chunked transfer encoding, NDJSON
// lines or server-sent events, their JSON shapes and error bodies, keep-alive connections), and
// replays scripted answers: streamed word by word, slow, cut off, never ending, garbled, or an HTTP
// error.
//
//   LlmTestServer server(LlmTestServer::Protocol::Ollama);
//   QVERIFY(server.listen());
//   server.enqueue(LlmTestServer::answer("Prices rise.\nRECOMMENDATION: APE IN 0.01 ETH", 20));
//   auto spec = parseBackendSpec(server.spec("llama3.2:3b"));
//
// Routes. Ollama: POST /api/chat, GET /api/tags, GET /api/version, POST /api/show, GET /.
// OpenAI: POST /v1/chat/completions, GET /v1/models. Anything else: 404 as the real server says it.
// Chat answers come from the queue (enqueue) in order; when it is empty, from the default script.
//
// Single-threaded: create and use it on one thread whose event loop runs (the test's).

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QRegularExpression>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class LlmTestServer : public QObject
{
    Q_OBJECT
public:
    enum class Protocol { Ollama, OpenAi };

    struct Script
    {
        QStringList chunks;             // the answer's pieces, one per NDJSON line / SSE event
        int delayMs = 0;                // before each chunk
        enum class End {
            Complete,                   // the final message (done / finish_reason + [DONE]), then the chunked end
            Truncate,                   // close the socket after the chunks: no final message, no chunked end
            Hang,                       // after the chunks send nothing, keep the connection open
            Malformed,                  // after the chunks a line / event that is not JSON, then the normal end
        };
        End end = End::Complete;
        int httpStatus = 200;           // ≥ 400: an error answer instead of a stream
        QByteArray errorBody;           // empty: the protocol's own error body for httpStatus
        QString streamError;            // not empty: after the chunks an in-stream error ({"error": ...}), then the end
        QList<QPair<QByteArray, QByteArray>> headers;   // extra response headers (e.g. {"Retry-After", "1"})
        double costUsd = -1;            // OpenAI: ≥ 0 adds usage.cost (OpenRouter's) to the usage chunk
    };
    // Chooses the answer from the request itself (e.g. by its prompt); nullopt: the queue / default.
    using Responder = std::function<std::optional<Script>(const QJsonObject &request, int index)>;

    explicit LlmTestServer(Protocol protocol, QObject *parent = nullptr) : QObject(parent), m_protocol(protocol)
    {
        m_clock.start();
        connect(&m_server, &QTcpServer::newConnection, this, &LlmTestServer::onConnection);
    }

    ~LlmTestServer() override
    {
        // The sockets are the server's children; silence them before the members they use go.
        for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
            socket->disconnect(this);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    // Stops listening and drops every connection (a server that went away).
    void close()
    {
        m_server.close();
        for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
            socket->abort();
    }
    quint16 port() const { return m_server.serverPort(); }
    Protocol protocol() const { return m_protocol; }

    // Ollama: http://127.0.0.1:PORT ; OpenAI: http://127.0.0.1:PORT/v1
    QUrl baseUrl() const
    {
        const QString root = QStringLiteral("http://127.0.0.1:%1").arg(port());
        return QUrl(m_protocol == Protocol::Ollama ? root : root + QStringLiteral("/v1"));
    }
    // "ollama:http://127.0.0.1:PORT/MODEL" or "openai:http://127.0.0.1:PORT/v1/MODEL"
    QString spec(const QString &model) const
    {
        return (m_protocol == Protocol::Ollama ? QStringLiteral("ollama:") : QStringLiteral("openai:"))
               + baseUrl().toString() + QLatin1Char('/') + model;
    }

    void enqueue(const Script &script) { m_queue.enqueue(script); }
    void setDefault(const Script &script) { m_default = script; }
    void setModels(const QStringList &names) { m_models = names; }
    // Consulted for each chat request before the queue.
    void setResponder(Responder responder) { m_responder = std::move(responder); }

    // Word chunks that join back to `text` exactly (spaces and newlines stay with their words).
    static Script answer(const QString &text, int delayMs = 0)
    {
        static const QRegularExpression word(QStringLiteral("\\s*\\S+\\s*"));
        Script script;
        for (auto it = word.globalMatch(text); it.hasNext();)
            script.chunks.append(it.next().captured());
        script.delayMs = delayMs;
        return script;
    }
    static Script failure(int httpStatus, const QByteArray &errorBody = {})
    {
        Script script;
        script.httpStatus = httpStatus;
        script.errorBody = errorBody;
        return script;
    }

    QList<QJsonObject> chatRequests() const { return m_chatRequests; }   // bodies received on the chat endpoint
    // When each chat request arrived: milliseconds on a monotonic clock started with the server.
    QList<qint64> chatRequestTimes() const { return m_chatRequestTimes; }
    // Indexes (into chatRequests()) of the chat requests whose streamed answer was written out whole
    // (End::Complete, no stream error), in the order they completed.
    QList<int> answeredRequests() const { return m_answered; }
    QStringList authorizations() const { return m_authorizations; }      // Authorization headers seen (requests without one add nothing)
    QStringList requestLines() const { return m_requestLines; }          // "GET /api/tags", in order
    int openConnections() const
    {
        int open = 0;
        for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
            if (socket->state() == QAbstractSocket::ConnectedState)
                ++open;
        return open;
    }

Q_SIGNALS:
    // A chat request arrived (index into chatRequests()). Emitted before its script is taken from
    // the queue, so a directly connected slot may still enqueue() the answer for it.
    void chatRequested(int index);
    // A chat request's streamed answer was written out whole (see answeredRequests()).
    void chatAnswered(int index);

private:
    struct Connection
    {
        QByteArray buffer;
        bool busy = false;              // an answer is being written (or hangs)
    };
    struct Stream
    {
        QPointer<QTcpSocket> socket;
        Script script;
        QString model;
        int next = 0;
        int promptTokens = 0;
        bool includeUsage = false;
        QString id;
        qint64 created = 0;
        int index = -1;
    };

    void onConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            m_connections.insert(socket, Connection{});
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                m_connections[socket].buffer += socket->readAll();
                processNext(socket);
            });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_connections.remove(socket);
                socket->deleteLater();
            });
        }
    }

    // Takes one complete request from the connection's buffer, unless an answer is still going.
    void processNext(QTcpSocket *socket)
    {
        auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->busy)
            return;
        QByteArray &buffer = it->buffer;
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QHash<QByteArray, QByteArray> headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = headers.value("content-length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        const QByteArray body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        it->busy = true;
        const QByteArray method = requestLine.value(0);
        const QByteArray path = requestLine.value(1).split('?').value(0);
        m_requestLines.append(QString::fromLatin1(QByteArray(method + ' ' + path)));
        if (headers.contains("authorization"))
            m_authorizations.append(QString::fromUtf8(headers.value("authorization")));
        route(socket, method, path, body);
    }

    void route(QTcpSocket *socket, const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        if (m_protocol == Protocol::Ollama) {
            if (method == "POST" && path == "/api/chat")
                return chat(socket, body);
            if (method == "GET" && path == "/api/tags")
                return sendJson(socket, 200, ollamaTags());
            if (method == "GET" && path == "/api/version")
                return sendJson(socket, 200, QJsonObject{{QStringLiteral("version"), QStringLiteral("0.5.7")}});
            if (method == "POST" && path == "/api/show")
                return ollamaShow(socket, body);
            if (method == "GET" && path == "/")
                return send(socket, 200, "text/plain; charset=utf-8", "Ollama is running");
            return send(socket, 404, "text/plain", "404 page not found");
        }
        if (method == "POST" && path == "/v1/chat/completions")
            return chat(socket, body);
        if (method == "GET" && path == "/v1/models")
            return sendJson(socket, 200, openAiModels());
        return sendJson(socket, 404, openAiError(QStringLiteral("Unknown request URL: %1 %2.")
                                                     .arg(QString::fromLatin1(method), QString::fromLatin1(path)),
                                                 QStringLiteral("invalid_request_error"), QStringLiteral("unknown_url")));
    }

    void chat(QTcpSocket *socket, const QByteArray &body)
    {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        const QJsonObject request = document.object();
        const int index = int(m_chatRequests.size());
        m_chatRequests.append(request);
        m_chatRequestTimes.append(m_clock.elapsed());
        QPointer<QTcpSocket> guard(socket);
        Q_EMIT chatRequested(index);
        if (!guard)
            return;
        const std::optional<Script> chosen = m_responder ? m_responder(request, index) : std::nullopt;
        const Script script = chosen ? *chosen : m_queue.isEmpty() ? m_default : m_queue.dequeue();
        const QString model = request.value(QStringLiteral("model")).toString();
        if (!document.isObject() || model.isEmpty()) {
            const QString message = document.isObject() ? QStringLiteral("model is required")
                                                         : QStringLiteral("invalid character in request body");
            return sendJson(socket, 400, m_protocol == Protocol::Ollama
                                             ? QJsonObject{{QStringLiteral("error"), message}}
                                             : openAiError(message, QStringLiteral("invalid_request_error"), {}));
        }
        if (script.httpStatus >= 400) {
            const QByteArray errorBody = script.errorBody.isEmpty() ? defaultErrorBody(script.httpStatus, model)
                                                                    : script.errorBody;
            return send(socket, script.httpStatus, "application/json; charset=utf-8", errorBody, script.headers);
        }

        auto stream = std::make_shared<Stream>();
        stream->socket = socket;
        stream->script = script;
        stream->model = model;
        stream->created = QDateTime::currentSecsSinceEpoch();
        stream->id = QStringLiteral("chatcmpl-apedesk%1").arg(index);
        stream->index = index;
        stream->includeUsage = request.value(QStringLiteral("stream_options")).toObject()
                                   .value(QStringLiteral("include_usage")).toBool();
        int characters = 0;
        for (const QJsonValue &message : request.value(QStringLiteral("messages")).toArray())
            characters += int(message.toObject().value(QStringLiteral("content")).toString().size());
        stream->promptTokens = qMax(1, characters / 4);

        QByteArray head = "HTTP/1.1 200 OK\r\n";
        if (m_protocol == Protocol::Ollama)
            head += "Content-Type: application/x-ndjson\r\n";
        else
            head += "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n";
        for (const auto &header : script.headers)
            head += header.first + ": " + header.second + "\r\n";
        head += "Date: " + QDateTime::currentDateTimeUtc().toString(QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        socket->write(head);
        if (m_protocol == Protocol::OpenAi) {
            // OpenRouter's keep-alive comment, then OpenAI's role-only first chunk.
            writeChunk(socket, ": OPENROUTER PROCESSING\n\n");
            writeChunk(socket, sse(openAiChunk(*stream, QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                    {QStringLiteral("content"), QString()}},
                                               QJsonValue::Null)));
        }
        scheduleStep(stream, stream->script.chunks.isEmpty() ? 0 : stream->script.delayMs);
    }

    void scheduleStep(const std::shared_ptr<Stream> &stream, int delayMs)
    {
        QTimer::singleShot(delayMs, stream->socket.data(), [this, stream] { step(stream); });
    }

    void step(const std::shared_ptr<Stream> &stream)
    {
        QTcpSocket *socket = stream->socket;
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        const Script &script = stream->script;
        if (stream->next < script.chunks.size()) {
            const QString chunk = script.chunks.at(stream->next++);
            if (m_protocol == Protocol::Ollama)
                writeChunk(socket, ndjson(ollamaLine(*stream, chunk, false)));
            else
                writeChunk(socket, sse(openAiChunk(*stream, QJsonObject{{QStringLiteral("content"), chunk}}, QJsonValue::Null)));
            scheduleStep(stream, stream->next < script.chunks.size() ? script.delayMs : 0);
            return;
        }
        if (!script.streamError.isEmpty()) {
            writeChunk(socket, m_protocol == Protocol::Ollama
                                   ? ndjson(QJsonObject{{QStringLiteral("error"), script.streamError}})
                                   : sse(openAiError(script.streamError, QStringLiteral("server_error"), 502)));
            return endResponse(socket);
        }
        switch (script.end) {
        case Script::End::Hang:
            return;   // the connection stays busy and silent
        case Script::End::Truncate:
            socket->disconnectFromHost();   // what was written goes out first, then the close
            return;
        case Script::End::Malformed:
            writeChunk(socket, m_protocol == Protocol::Ollama ? QByteArray("{\"model\": oops this is not json\n")
                                                              : QByteArray("data: {\"id\": oops this is not json\n\n"));
            break;
        case Script::End::Complete:
            break;
        }
        if (m_protocol == Protocol::Ollama) {
            writeChunk(socket, ndjson(ollamaLine(*stream, QString(), true)));
        } else {
            writeChunk(socket, sse(openAiChunk(*stream, QJsonObject{}, QStringLiteral("stop"))));
            if (stream->includeUsage) {
                QJsonObject usage = openAiChunk(*stream, QJsonObject{}, QJsonValue::Null);
                usage.insert(QStringLiteral("choices"), QJsonArray{});
                QJsonObject counts{{QStringLiteral("prompt_tokens"), stream->promptTokens},
                                   {QStringLiteral("completion_tokens"), int(script.chunks.size())},
                                   {QStringLiteral("total_tokens"), stream->promptTokens + int(script.chunks.size())}};
                if (script.costUsd >= 0)
                    counts.insert(QStringLiteral("cost"), script.costUsd);
                usage.insert(QStringLiteral("usage"), counts);
                writeChunk(socket, sse(usage));
            }
            writeChunk(socket, "data: [DONE]\n\n");
        }
        const bool whole = script.end == Script::End::Complete;
        const int index = stream->index;
        endResponse(socket);
        if (whole) {
            m_answered.append(index);
            Q_EMIT chatAnswered(index);
        }
    }

    // The chunked body's end; the connection then serves its next request.
    void endResponse(QTcpSocket *socket)
    {
        socket->write("0\r\n\r\n");
        finishResponse(socket);
    }

    void finishResponse(QTcpSocket *socket)
    {
        auto it = m_connections.find(socket);
        if (it == m_connections.end())
            return;
        it->busy = false;
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(0, this, [this, guard] {
            if (guard)
                processNext(guard);
        });
    }

    QJsonObject ollamaLine(const Stream &stream, const QString &content, bool done) const
    {
        QJsonObject line{{QStringLiteral("model"), stream.model},
                         {QStringLiteral("created_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                         {QStringLiteral("message"), QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                 {QStringLiteral("content"), content}}},
                         {QStringLiteral("done"), done}};
        if (done) {
            const int evalCount = int(stream.script.chunks.size());
            line.insert(QStringLiteral("done_reason"), QStringLiteral("stop"));
            line.insert(QStringLiteral("total_duration"), 512345678);
            line.insert(QStringLiteral("load_duration"), 12345678);
            line.insert(QStringLiteral("prompt_eval_count"), stream.promptTokens);
            line.insert(QStringLiteral("prompt_eval_duration"), 123456789);
            line.insert(QStringLiteral("eval_count"), evalCount);
            line.insert(QStringLiteral("eval_duration"), 376543211);
        }
        return line;
    }

    QJsonObject openAiChunk(const Stream &stream, const QJsonObject &delta, const QJsonValue &finishReason) const
    {
        return QJsonObject{{QStringLiteral("id"), stream.id},
                           {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                           {QStringLiteral("created"), stream.created},
                           {QStringLiteral("model"), stream.model},
                           {QStringLiteral("system_fingerprint"), QStringLiteral("fp_apedesk_test")},
                           {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                                              {QStringLiteral("delta"), delta},
                                                                              {QStringLiteral("logprobs"), QJsonValue::Null},
                                                                              {QStringLiteral("finish_reason"), finishReason}}}}};
    }

    static QJsonObject openAiError(const QString &message, const QString &type, const QJsonValue &code)
    {
        return QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                                 {QStringLiteral("type"), type},
                                                                 {QStringLiteral("param"), QJsonValue::Null},
                                                                 {QStringLiteral("code"), code}}}};
    }

    // What the real servers answer for these statuses.
    QByteArray defaultErrorBody(int status, const QString &model) const
    {
        if (m_protocol == Protocol::Ollama) {
            QString message;
            switch (status) {
            case 401: message = QStringLiteral("unauthorized"); break;
            case 404: message = QStringLiteral("model \"%1\" not found, try pulling it first").arg(model); break;
            case 429: message = QStringLiteral("server busy, please try again.  maximum pending requests exceeded"); break;
            default: message = QStringLiteral("an error was encountered while running the model"); break;
            }
            return QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
        }
        QJsonObject error;
        switch (status) {
        case 401:
            error = openAiError(QStringLiteral("Incorrect API key provided."), QStringLiteral("invalid_request_error"),
                                QStringLiteral("invalid_api_key"));
            break;
        case 404:
            error = openAiError(QStringLiteral("The model `%1` does not exist or you do not have access to it.").arg(model),
                                QStringLiteral("invalid_request_error"), QStringLiteral("model_not_found"));
            break;
        case 429:
            error = openAiError(QStringLiteral("Rate limit reached for requests. Please try again later."),
                                QStringLiteral("requests"), QStringLiteral("rate_limit_exceeded"));
            break;
        default:
            error = openAiError(QStringLiteral("The server had an error while processing your request."),
                                QStringLiteral("server_error"), QJsonValue::Null);
            break;
        }
        return QJsonDocument(error).toJson(QJsonDocument::Compact);
    }

    QJsonObject ollamaTags() const
    {
        QJsonArray models;
        for (qsizetype i = 0; i < m_models.size(); ++i) {
            const QString &name = m_models.at(i);
            models.append(QJsonObject{
                {QStringLiteral("name"), name},
                {QStringLiteral("model"), name},
                {QStringLiteral("modified_at"), QStringLiteral("2025-01-15T10:20:30.123456789Z")},
                {QStringLiteral("size"), 2019393189LL + i},
                {QStringLiteral("digest"), QStringLiteral("a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b7%1").arg(i % 10)},
                {QStringLiteral("details"), QJsonObject{{QStringLiteral("parent_model"), QString()},
                                                        {QStringLiteral("format"), QStringLiteral("gguf")},
                                                        {QStringLiteral("family"), QStringLiteral("llama")},
                                                        {QStringLiteral("families"), QJsonArray{QStringLiteral("llama")}},
                                                        {QStringLiteral("parameter_size"), QStringLiteral("3.2B")},
                                                        {QStringLiteral("quantization_level"), QStringLiteral("Q4_K_M")}}}});
        }
        return QJsonObject{{QStringLiteral("models"), models}};
    }

    void ollamaShow(QTcpSocket *socket, const QByteArray &body)
    {
        const QJsonObject request = QJsonDocument::fromJson(body).object();
        QString name = request.value(QStringLiteral("model")).toString();
        if (name.isEmpty())
            name = request.value(QStringLiteral("name")).toString();
        if (!m_models.contains(name))
            return sendJson(socket, 404, QJsonObject{{QStringLiteral("error"),
                                                      QStringLiteral("model '%1' not found").arg(name)}});
        sendJson(socket, 200,
                 QJsonObject{{QStringLiteral("details"), QJsonObject{{QStringLiteral("format"), QStringLiteral("gguf")},
                                                                     {QStringLiteral("parameter_size"), QStringLiteral("3.2B")},
                                                                     {QStringLiteral("quantization_level"), QStringLiteral("Q4_K_M")}}},
                             {QStringLiteral("model_info"), QJsonObject{{QStringLiteral("general.architecture"), QStringLiteral("llama")},
                                                                        {QStringLiteral("llama.context_length"), 131072}}}});
    }

    QJsonObject openAiModels() const
    {
        QJsonArray data;
        for (const QString &name : m_models)
            data.append(QJsonObject{{QStringLiteral("id"), name},
                                    {QStringLiteral("object"), QStringLiteral("model")},
                                    {QStringLiteral("created"), 1736899200},
                                    {QStringLiteral("owned_by"), QStringLiteral("apedesk-test")},
                                    {QStringLiteral("context_length"), 32768}});
        return QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}};
    }

    static QByteArray ndjson(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n'; }
    static QByteArray sse(const QJsonObject &object)
    {
        return "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
    }

    static void writeChunk(QTcpSocket *socket, const QByteArray &data)
    {
        socket->write(QByteArray(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n"));
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        default: return "Status";
        }
    }

    void send(QTcpSocket *socket, int status, const QByteArray &contentType, const QByteArray &body,
              const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {})
    {
        QByteArray extra;
        for (const auto &header : extraHeaders)
            extra += header.first + ": " + header.second + "\r\n";
        socket->write(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\nContent-Type: "
                                 + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
                                 + extra + "\r\n" + body));
        finishResponse(socket);
    }

    void sendJson(QTcpSocket *socket, int status, const QJsonObject &object)
    {
        send(socket, status, "application/json; charset=utf-8", QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    Protocol m_protocol;
    QTcpServer m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    QQueue<Script> m_queue;
    Script m_default = answer(QStringLiteral("I have no scripted answer.\nRECOMMENDATION: APE NEUTRAL"));
    QStringList m_models{QStringLiteral("llama3.2:3b")};
    QList<QJsonObject> m_chatRequests;
    QList<qint64> m_chatRequestTimes;
    QList<int> m_answered;
    Responder m_responder;
    QElapsedTimer m_clock;
    QStringList m_authorizations;
    QStringList m_requestLines;
};
