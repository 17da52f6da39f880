#pragma once
// An Ollama server: POST /api/chat with "stream": true answers in NDJSON, one JSON object a line;
// each line's message.content is the next piece of the answer, and a line with "done": true ends it
// (with done_reason and the token counts). A line {"error": "..."} is the server failing mid-answer.
// GET /api/tags lists the installed models, GET /api/version is the liveness probe.
//
// Threading: the backend, its network manager and its calls live on one thread; use it from there.

#include "llmbackend.h"

#include <QJsonDocument>
#include <QUrl>

class QNetworkAccessManager;

namespace apedesk::agent {

class OllamaBackend : public LlmBackend
{
    Q_OBJECT
public:
    // baseUrl: scheme://host:port (e.g. http://127.0.0.1:11434).
    explicit OllamaBackend(QUrl baseUrl, QObject *parent = nullptr);

    QString kind() const override;
    QString endpoint() const override;
    LlmCall *chat(const LlmRequest &request) override;
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override;
    void probe(std::function<void(Result<QString>)> done) override;

    // The /api/chat body: model, messages, stream, the options that are set, keep_alive.
    static QByteArray chatBody(const LlmRequest &request);
    // /api/tags → models.
    static Result<QList<ModelInfo>> parseTags(const QJsonDocument &document);

private:
    QUrl url(const QString &path) const;
    QString serverLabel() const;

    QUrl m_baseUrl;
    QNetworkAccessManager *m_network;
};

} // namespace apedesk::agent
