#include "jobparams.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>
#include <optional>

namespace apedesk::distill {

namespace {

// Reads keys with their defaults; the first wrong value is kept as the error.
class Reader
{
public:
    Reader(const QJsonObject &json, const char *kind) : m_json(json), m_kind(kind) {}

    void text(const char *key, QString &out)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return;
        if (!value.isString())
            return fail(key, "a text");
        out = value.toString();
    }
    void list(const char *key, QStringList &out)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return;
        if (!value.isArray())
            return fail(key, "a list of texts");
        QStringList items;
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return fail(key, "a list of texts");
            items.append(item.toString());
        }
        out = items;
    }
    void number(const char *key, double &out, double minimum, double maximum)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return;
        if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < minimum || value.toDouble() > maximum)
            return fail(key, QStringLiteral("a number from %1 to %2").arg(minimum).arg(maximum).toLatin1().constData());
        out = value.toDouble();
    }
    void integer(const char *key, int &out, int minimum, int maximum)
    {
        double value = out;
        number(key, value, minimum, maximum);
        if (value != std::floor(value))
            return fail(key, "a whole number");
        out = int(value);
    }
    void seed(const char *key, quint64 &out)
    {
        double value = double(out);
        number(key, value, 0, 9007199254740991.0);   // exact in a JSON double
        if (value != std::floor(value))
            return fail(key, "a whole number");
        out = quint64(value);
    }
    Status status() const { return m_error ? Status(*m_error) : Status(); }

private:
    void fail(const char *key, const char *what)
    {
        if (m_error)
            return;
        m_error = Error::make(Error::Kind::Format,
                              QCoreApplication::translate("apedesk::distill::JobParams", "The %1 job's \"%2\" must be %3.")
                                  .arg(QLatin1String(m_kind), QLatin1String(key), QLatin1String(what)));
    }

    const QJsonObject &m_json;
    const char *m_kind;
    std::optional<Error> m_error;
};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QJsonObject TeacherParams::toJson() const
{
    return QJsonObject{
        {QStringLiteral("endpoint"), endpoint}, {QStringLiteral("model"), model},
        {QStringLiteral("api_key_env"), apiKeyEnv}, {QStringLiteral("data"), dataPath},
        {QStringLiteral("samples"), samples}, {QStringLiteral("out"), outDir},
        {QStringLiteral("seed"), double(seed)}, {QStringLiteral("temperature"), temperature},
        {QStringLiteral("max_tokens"), maxTokens}, {QStringLiteral("requests_per_minute"), requestsPerMinute},
        {QStringLiteral("max_retries_per_sample"), maxRetriesPerSample}, {QStringLiteral("timeout_ms"), timeoutMs},
        {QStringLiteral("input_usd_per_mtok"), inputUsdPerMTok}, {QStringLiteral("output_usd_per_mtok"), outputUsdPerMTok},
    };
}

Result<TeacherParams> TeacherParams::fromJson(const QJsonObject &json)
{
    TeacherParams params;
    Reader read(json, "teacher");
    read.text("endpoint", params.endpoint);
    read.text("model", params.model);
    read.text("api_key_env", params.apiKeyEnv);
    read.text("data", params.dataPath);
    read.integer("samples", params.samples, 1, 10000000);
    read.text("out", params.outDir);
    read.seed("seed", params.seed);
    read.number("temperature", params.temperature, 0, 2);
    read.integer("max_tokens", params.maxTokens, 1, 1000000);
    read.number("requests_per_minute", params.requestsPerMinute, 0.01, 100000);
    read.integer("max_retries_per_sample", params.maxRetriesPerSample, 0, 1000);
    read.integer("timeout_ms", params.timeoutMs, 100, 3600000);
    read.number("input_usd_per_mtok", params.inputUsdPerMTok, 0, 1e6);
    read.number("output_usd_per_mtok", params.outputUsdPerMTok, 0, 1e6);
    if (Status status = read.status(); !status)
        return status.error();
    return params;
}

QJsonObject PrepareParams::toJson() const
{
    return QJsonObject{
        {QStringLiteral("from"), from}, {QStringLiteral("out"), outDir}, {QStringLiteral("seed"), double(seed)},
        {QStringLiteral("train_fraction"), trainFraction}, {QStringLiteral("valid_fraction"), validFraction},
        {QStringLiteral("base_model"), baseModel}, {QStringLiteral("adapter_path"), adapterPath},
        {QStringLiteral("iters"), iters},
    };
}

Result<PrepareParams> PrepareParams::fromJson(const QJsonObject &json)
{
    PrepareParams params;
    Reader read(json, "prepare");
    read.text("from", params.from);
    read.text("out", params.outDir);
    read.seed("seed", params.seed);
    read.number("train_fraction", params.trainFraction, 0.01, 1);
    read.number("valid_fraction", params.validFraction, 0, 0.99);
    read.text("base_model", params.baseModel);
    read.text("adapter_path", params.adapterPath);
    read.integer("iters", params.iters, 1, 100000000);
    if (Status status = read.status(); !status)
        return status.error();
    if (params.trainFraction + params.validFraction > 1.0 + 1e-9)
        return Error::make(Error::Kind::Format, QCoreApplication::translate("apedesk::distill::JobParams",
                               "The train and validation shares add up to more than the whole dataset."));
    return params;
}

QJsonObject ToolParams::toJson() const
{
    return QJsonObject{
        {QStringLiteral("command"), toArray(command)}, {QStringLiteral("working_directory"), workingDirectory},
        {QStringLiteral("outputs"), toArray(outputs)}, {QStringLiteral("modelfile"), modelfilePath},
        {QStringLiteral("gguf"), ggufPath}, {QStringLiteral("model_name"), modelName},
        {QStringLiteral("total_iters"), totalIters}, {QStringLiteral("terminate_grace_ms"), terminateGraceMs},
    };
}

Result<ToolParams> ToolParams::fromJson(const QJsonObject &json)
{
    ToolParams params;
    Reader read(json, "tool");
    read.list("command", params.command);
    read.text("working_directory", params.workingDirectory);
    read.list("outputs", params.outputs);
    read.text("modelfile", params.modelfilePath);
    read.text("gguf", params.ggufPath);
    read.text("model_name", params.modelName);
    read.integer("total_iters", params.totalIters, 0, 100000000);
    read.integer("terminate_grace_ms", params.terminateGraceMs, 0, 600000);
    if (Status status = read.status(); !status)
        return status.error();
    return params;
}

QJsonObject EvaluateParams::toJson() const
{
    return QJsonObject{
        {QStringLiteral("ollama_url"), ollamaUrl}, {QStringLiteral("models"), toArray(models)},
        {QStringLiteral("test_file"), testFile}, {QStringLiteral("limit"), limit},
        {QStringLiteral("temperature"), temperature}, {QStringLiteral("timeout_ms"), timeoutMs},
    };
}

Result<EvaluateParams> EvaluateParams::fromJson(const QJsonObject &json)
{
    EvaluateParams params;
    Reader read(json, "evaluate");
    read.text("ollama_url", params.ollamaUrl);
    read.list("models", params.models);
    read.text("test_file", params.testFile);
    read.integer("limit", params.limit, 0, 100000000);
    read.number("temperature", params.temperature, 0, 2);
    read.integer("timeout_ms", params.timeoutMs, 100, 3600000);
    if (Status status = read.status(); !status)
        return status.error();
    return params;
}

} // namespace apedesk::distill
