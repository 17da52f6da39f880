#pragma once
// One interface for everything that can decide: an Ollama server (/api/chat, NDJSON streaming), an
// OpenAI-compatible server (/v1/chat/completions, SSE streaming: OpenRouter, llama.cpp server, vLLM,
// LM Studio), and the app's built-in policies. Each call streams its tokens, can be canceled, and
// ends exactly once: with the whole answer, or with a failure in words (timeout, server error,
// malformed or cut-off stream). A failed call never yields a half answer as if it were whole.
//
// Asynchronous: calls answer on the backend's thread through signals and callbacks; awaitChat() is
// the straight-line form for the agent loop (a local event loop on a worker thread).

#include "agenttypes.h"
#include "common/error.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace apedesk::agent {

struct ChatMessage
{
    QString role;      // "system" | "user" | "assistant"
    QString content;
};

// Sampling options; unset ones are left to the server.
struct LlmOptions
{
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> numCtx;       // Ollama: context window
    std::optional<int> seed;
    std::optional<int> maxTokens;    // Ollama: num_predict; OpenAI: max_tokens
    QString keepAlive;               // Ollama: "5m", "-1"; empty: the server's default
};

struct LlmRequest
{
    QString model;
    QList<ChatMessage> messages;
    LlmOptions options;
    int timeoutMs = 90000;           // the whole answer (the tutorial's 90 s)
    int idleTimeoutMs = 30000;       // no byte from the server for this long: it stalls
    // The structured view the prompt was made from, for the built-in policies.
    std::optional<Observation> observation;
};

struct LlmReply
{
    enum class Failure { None, Timeout, Canceled, Network, Http, Malformed, Truncated, Server };
    bool ok = false;
    Failure failure = Failure::None;
    Error error;                     // when !ok, in words
    QString text;                    // the answer (on failure: what arrived, for the journal only)
    QString model;                   // as the server named it
    QString finishReason;            // "stop", "length", ...
    int promptTokens = -1;           // -1: not reported
    int completionTokens = -1;
    qint64 elapsedMs = 0;
    qint64 firstTokenMs = -1;        // -1: no token arrived
    int httpStatus = 0;              // the HTTP status where there was one (429, 503, ...); 0: none
    qint64 retryAfterMs = -1;        // the server's Retry-After (seconds or an HTTP date); -1: not sent
    double costUsd = -1;             // the cost the server reported (OpenRouter's usage.cost); -1: not reported
};

// One running chat call. Emits token() for each piece of text as it arrives, then finished() once.
class LlmCall : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;       // finished() follows with Failure::Canceled (unless already done)
    bool isFinished() const { return m_finished; }
    const LlmReply &reply() const { return m_reply; }

Q_SIGNALS:
    void token(QString delta);
    void finished(apedesk::agent::LlmReply reply);

protected:
    // For implementations: emits finished() once; later calls are ignored.
    void finish(LlmReply reply);

private:
    bool m_finished = false;
    LlmReply m_reply;
};

struct ModelInfo
{
    QString name;                    // what goes into LlmRequest::model
    qint64 sizeBytes = 0;
    QString parameterSize;           // "3.1B"
    QString quantization;            // "Q4_K_M"
    int contextLength = 0;           // 0: unknown
};

class LlmBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual QString kind() const = 0;         // "ollama" | "openai" | "builtin"
    virtual QString endpoint() const = 0;     // for people and the journal: a URL without secrets, or "built-in"
    // Starts a call; the call is a child of the backend and deletes itself after finished().
    virtual LlmCall *chat(const LlmRequest &request) = 0;
    virtual void listModels(std::function<void(Result<QList<ModelInfo>>)> done) = 0;
    // A short liveness check (Ollama /api/version, OpenAI /v1/models): the server's version text.
    virtual void probe(std::function<void(Result<QString>)> done) = 0;
};

// Which backend to use, as the CLI and settings spell it:
//   "ollama:http://HOST:PORT/MODEL"   (the model may contain '/' and ':', e.g. hf.co/x/y:Q4)
//   "openai:URL/MODEL"                (URL up to and including /v1 when the path has one, else all but
//                                      the last path segment; e.g. openai:https://openrouter.ai/api/v1/qwen/qwq-32b)
//   "builtin" or "builtin:NAME"       (NAME: "momentum", the default)
//   "builtin:NAME:ARGUMENT"           (a registered policy backend, e.g. builtin:dqn:RUN_DIR; the model
//                                      is "NAME:ARGUMENT")
struct BackendSpec
{
    enum class Kind { Ollama, OpenAi, Builtin };
    Kind kind = Kind::Builtin;
    QUrl baseUrl;                    // Ollama: scheme://host:port; OpenAI: .../v1
    QString model;
    QString apiKey;                  // OpenAI: from the OS keychain or an environment variable; never logged
    QString toString() const;        // the spelling above, never with the key
};
Result<BackendSpec> parseBackendSpec(const QString &text);
QString backendKindKey(BackendSpec::Kind kind);   // "ollama" | "openai" | "builtin"

// The backend for a spec (Ollama, OpenAI-compatible or built-in), owned by the caller.
std::unique_ptr<LlmBackend> makeBackend(const BackendSpec &spec, QObject *parent = nullptr);

// Built-in backends that live in other libraries (the trained DQN trader in apedesk_ml, which this
// library must not depend on) register a factory under NAME; "builtin:NAME:ARGUMENT" then parses and
// makeBackend() builds theirs with ARGUMENT. Thread safe; registering a name again replaces it.
using PolicyBackendFactory = std::function<std::unique_ptr<LlmBackend>(const QString &argument, QObject *parent)>;
void registerPolicyBackend(const QString &name, PolicyBackendFactory factory);
bool hasPolicyBackend(const QString &name);

// Straight-line form for a worker thread: runs the call in a local event loop, hands each token to
// `onToken`, and gives up (Failure::Canceled) as soon as `canceled` says so (checked every 50 ms).
LlmReply awaitChat(LlmBackend *backend, const LlmRequest &request,
                   const std::function<void(const QString &)> &onToken = {},
                   const std::function<bool()> &canceled = {});

} // namespace apedesk::agent

Q_DECLARE_METATYPE(apedesk::agent::LlmReply)
Q_DECLARE_METATYPE(apedesk::agent::ModelInfo)
Q_DECLARE_METATYPE(QList<apedesk::agent::ModelInfo>)
