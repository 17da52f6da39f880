#pragma once
// An OpenAI-compatible server (OpenRouter, llama.cpp server, vLLM, LM Studio, OpenAI itself):
// POST {base}/chat/completions with "stream": true answers in server-sent events, each
// "data: {chat.completion.chunk}"; choices[0].delta.content is the next piece of the answer,
// finish_reason and usage arrive near the end, and "data: [DONE]" ends it. Comment lines
// (OpenRouter's ": OPENROUTER PROCESSING") are keep-alives. An event {"error": {...}} is the server
// (or the provider behind OpenRouter) failing mid-answer. GET {base}/models lists models and is the
// liveness probe.
//
// The API key goes only into the Authorization header; it is never logged or shown.
// Threading: the backend, its network manager and its calls live on one thread; use it from there.

#include "llmbackend.h"

#include <QJsonDocument>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkRequest;

namespace apedesk::agent {

class OpenAiBackend : public LlmBackend
{
    Q_OBJECT
public:
    // baseUrl: up to and including /v1 where the server has it (https://openrouter.ai/api/v1).
    OpenAiBackend(QUrl baseUrl, QString apiKey, QObject *parent = nullptr);

    QString kind() const override;
    QString endpoint() const override;
    LlmCall *chat(const LlmRequest &request) override;
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override;
    void probe(std::function<void(Result<QString>)> done) override;

    // The /chat/completions body: model, messages, stream (with usage), the options that are set.
    static QByteArray chatBody(const LlmRequest &request);
    // /models → models (context length where the server reports one).
    static Result<QList<ModelInfo>> parseModels(const QJsonDocument &document);

private:
    QNetworkRequest httpRequest(const QString &path) const;
    QString serverLabel() const;

    QUrl m_baseUrl;
    QString m_apiKey;
    QNetworkAccessManager *m_network;
};

} // namespace apedesk::agent
