#include "llmbackend.h"

#include "builtinpolicy.h"
#include "ollamabackend.h"
#include "openaibackend.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QTimer>

namespace apedesk::agent {

namespace {

struct MetaTypes
{
    MetaTypes()
    {
        qRegisterMetaType<apedesk::agent::LlmReply>();
        qRegisterMetaType<apedesk::agent::ModelInfo>();
        qRegisterMetaType<QList<apedesk::agent::ModelInfo>>();
    }
};
const MetaTypes registerOnLoad;

QString trSpec(const char *text)
{
    return QCoreApplication::translate("apedesk::agent::BackendSpec", text);
}

Error usage(const QString &message)
{
    return Error::make(Error::Kind::Usage, message);
}

QString specHelp()
{
    return trSpec("Use ollama:http://HOST:PORT/MODEL, openai:URL/MODEL or builtin.");
}

// "http://host:port/rest" → base "http://host:port", path "rest" (no leading slash).
struct SplitUrl
{
    QString base;
    QString path;
};

Result<SplitUrl> splitHttpUrl(const QString &kindKey, const QString &text, const QString &spec)
{
    const bool http = text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
                      || text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
    if (!http)
        return usage(trSpec("The %1 backend needs an http:// or https:// address, not \"%2\".").arg(kindKey, text));
    const qsizetype authorityStart = text.indexOf(QLatin1String("://")) + 3;
    const qsizetype slash = text.indexOf(QLatin1Char('/'), authorityStart);
    SplitUrl split;
    split.base = slash < 0 ? text : text.left(slash);
    split.path = slash < 0 ? QString() : text.mid(slash + 1);
    const QUrl url(split.base, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return usage(trSpec("\"%1\" in the backend \"%2\" is not a valid server address.").arg(split.base, spec));
    return split;
}

// The registered policy backends ("dqn" → the trained trader), filled at start-up by other libraries.
struct PolicyRegistry
{
    QMutex mutex;
    QHash<QString, PolicyBackendFactory> factories;
};
PolicyRegistry &policyRegistry()
{
    static PolicyRegistry registry;
    return registry;
}

PolicyBackendFactory policyFactory(const QString &name)
{
    PolicyRegistry &registry = policyRegistry();
    QMutexLocker lock(&registry.mutex);
    return registry.factories.value(name);
}

QStringList policyBackendNames()
{
    PolicyRegistry &registry = policyRegistry();
    QMutexLocker lock(&registry.mutex);
    QStringList names = registry.factories.keys();
    names.sort();
    return names;
}

// "momentum, dqn:ARGUMENT" for error messages.
QString builtinChoices()
{
    QStringList choices = BuiltinPolicyBackend::policies();
    for (const QString &name : policyBackendNames())
        choices << QString(name + QStringLiteral(":ARGUMENT"));
    return choices.join(QStringLiteral(", "));
}

Error missingModel(const QString &spec)
{
    return usage(trSpec("The backend \"%1\" names no model: add it after the address, "
                        "e.g. ollama:http://127.0.0.1:11434/llama3.2:3b.")
                     .arg(spec));
}

} // namespace

// ---------------------------------------------------------------------------------------------

void LlmCall::finish(LlmReply reply)
{
    if (m_finished)
        return;
    m_finished = true;
    m_reply = std::move(reply);
    Q_EMIT finished(m_reply);
    deleteLater();
}

// ---------------------------------------------------------------------------------------------

QString backendKindKey(BackendSpec::Kind kind)
{
    switch (kind) {
    case BackendSpec::Kind::Ollama: return QStringLiteral("ollama");
    case BackendSpec::Kind::OpenAi: return QStringLiteral("openai");
    case BackendSpec::Kind::Builtin: return QStringLiteral("builtin");
    }
    return {};
}

QString BackendSpec::toString() const
{
    if (kind == Kind::Builtin)
        return backendKindKey(kind) + QLatin1Char(':')
               + (model.isEmpty() ? BuiltinPolicyBackend::policies().constFirst() : model);
    return backendKindKey(kind) + QLatin1Char(':') + baseUrl.toString(QUrl::StripTrailingSlash) + QLatin1Char('/')
           + model;
}

Result<BackendSpec> parseBackendSpec(const QString &text)
{
    const QString spec = text.trimmed();
    if (spec.isEmpty())
        return usage(trSpec("No backend given. %1").arg(specHelp()));
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const QString kindKey = (colon < 0 ? spec : spec.left(colon)).toLower();
    const QString rest = colon < 0 ? QString() : spec.mid(colon + 1).trimmed();

    BackendSpec result;
    if (kindKey == backendKindKey(BackendSpec::Kind::Builtin)) {
        result.kind = BackendSpec::Kind::Builtin;
        result.model = rest.isEmpty() ? BuiltinPolicyBackend::policies().constFirst() : rest;
        // "NAME:ARGUMENT": a registered policy backend (the argument may hold ':' itself, e.g. C:\runs).
        const qsizetype separator = result.model.indexOf(QLatin1Char(':'));
        const QString name = separator < 0 ? result.model : result.model.left(separator);
        if (hasPolicyBackend(name)) {
            const QString argument = separator < 0 ? QString() : result.model.mid(separator + 1).trimmed();
            if (argument.isEmpty())
                return usage(trSpec("The built-in backend \"%1\" needs an argument: builtin:%1:ARGUMENT "
                                    "(for dqn, the training run's folder).")
                                 .arg(name));
            result.model = QString(name + QLatin1Char(':') + argument);
            return result;
        }
        if (!BuiltinPolicyBackend::policies().contains(result.model))
            return usage(trSpec("There is no built-in policy named \"%1\"; the built-in policies are: %2.")
                             .arg(result.model, builtinChoices()));
        return result;
    }

    if (kindKey == backendKindKey(BackendSpec::Kind::Ollama)) {
        result.kind = BackendSpec::Kind::Ollama;
        const Result<SplitUrl> split = splitHttpUrl(kindKey, rest, spec);
        if (!split)
            return split.error();
        // Everything after host:port is the model: it may hold '/' and ':' (hf.co/user/repo:Q4_K_M).
        result.baseUrl = QUrl(split->base);
        result.model = split->path;
    } else if (kindKey == backendKindKey(BackendSpec::Kind::OpenAi)) {
        result.kind = BackendSpec::Kind::OpenAi;
        const Result<SplitUrl> split = splitHttpUrl(kindKey, rest, spec);
        if (!split)
            return split.error();
        // The base runs up to and including /v1 where the path has one (the model may hold '/':
        // qwen/qwq-32b); without /v1 the model is the last path segment.
        const QStringList segments = split->path.split(QLatin1Char('/'));
        const qsizetype v1 = segments.indexOf(QStringLiteral("v1"));
        const qsizetype modelStart = v1 >= 0 ? v1 + 1 : segments.size() - 1;
        QString basePath = segments.mid(0, modelStart).join(QLatin1Char('/'));
        result.baseUrl = QUrl(basePath.isEmpty() ? split->base : QString(split->base + QLatin1Char('/') + basePath));
        result.model = segments.mid(modelStart).join(QLatin1Char('/'));
    } else {
        return usage(trSpec("Unknown backend \"%1\". %2").arg(colon < 0 ? spec : spec.left(colon), specHelp()));
    }
    if (result.model.isEmpty() || result.model.endsWith(QLatin1Char('/')))
        return missingModel(spec);
    return result;
}

std::unique_ptr<LlmBackend> makeBackend(const BackendSpec &spec, QObject *parent)
{
    switch (spec.kind) {
    case BackendSpec::Kind::Ollama:
        return std::make_unique<OllamaBackend>(spec.baseUrl, parent);
    case BackendSpec::Kind::OpenAi:
        return std::make_unique<OpenAiBackend>(spec.baseUrl, spec.apiKey, parent);
    case BackendSpec::Kind::Builtin:
        break;
    }
    const qsizetype separator = spec.model.indexOf(QLatin1Char(':'));
    if (separator > 0) {
        if (const PolicyBackendFactory factory = policyFactory(spec.model.left(separator)))
            return factory(spec.model.mid(separator + 1), parent);
    }
    // Unknown names too: that backend refuses each call with a sentence saying so.
    return std::make_unique<BuiltinPolicyBackend>(spec.model, parent);
}

void registerPolicyBackend(const QString &name, PolicyBackendFactory factory)
{
    PolicyRegistry &registry = policyRegistry();
    QMutexLocker lock(&registry.mutex);
    registry.factories.insert(name, std::move(factory));
}

bool hasPolicyBackend(const QString &name)
{
    PolicyRegistry &registry = policyRegistry();
    QMutexLocker lock(&registry.mutex);
    return registry.factories.contains(name);
}

// ---------------------------------------------------------------------------------------------

LlmReply awaitChat(LlmBackend *backend, const LlmRequest &request, const std::function<void(const QString &)> &onToken,
                   const std::function<bool()> &canceled)
{
    LlmReply result;
    result.model = request.model;
    if (!backend) {
        result.failure = LlmReply::Failure::Server;
        result.error = Error::make(Error::Kind::Usage, trSpec("No backend to ask."));
        return result;
    }
    if (canceled && canceled()) {
        result.failure = LlmReply::Failure::Canceled;
        result.error = Error::canceled();
        return result;
    }
    QPointer<LlmCall> call = backend->chat(request);
    if (!call) {
        result.failure = LlmReply::Failure::Server;
        result.error = Error::make(Error::Kind::Model, trSpec("The backend did not start the call."));
        return result;
    }
    if (call->isFinished())   // answered inside chat(): nothing left to wait for
        return call->reply();

    bool done = false;
    QEventLoop loop;
    QObject::connect(call.data(), &LlmCall::token, &loop, [&onToken](const QString &delta) {
        if (onToken)
            onToken(delta);
    });
    QObject::connect(call.data(), &LlmCall::finished, &loop, [&](const LlmReply &reply) {
        result = reply;
        done = true;
        loop.quit();
    });
    // A call destroyed without an answer (its backend went away) must not leave us waiting.
    QObject::connect(call.data(), &QObject::destroyed, &loop, [&loop] { loop.quit(); });
    QTimer poll;
    if (canceled) {
        poll.setInterval(50);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&call, &canceled] {
            if (call && !call->isFinished() && canceled())
                call->cancel();   // finished() follows and quits the loop
        });
        poll.start();
    }
    loop.exec();
    if (!done) {
        // The thread is quitting (QThread::quit ends nested loops too) or the call vanished.
        if (call && !call->isFinished())
            call->cancel();
        if (!done) {
            result = LlmReply{};
            result.model = request.model;
            result.failure = LlmReply::Failure::Canceled;
            result.error = Error::canceled();
        }
    }
    return result;
}

} // namespace apedesk::agent
