#include "evaluation.h"

#include "agent/decisionparser.h"
#include "agent/llmbackend.h"
#include "common/logging.h"
#include "datasetprep.h"
#include "jobparams.h"
#include "jobrunners.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace apedesk::distill {

namespace {

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("apedesk::distill::Evaluation", text, comment, n);
}

using Action = agent::ParsedAnswer::Action;

Action actionOfCanary(agent::Canary canary)
{
    switch (canary) {
    case agent::Canary::ApeIn: return Action::Buy;
    case agent::Canary::ApeOut: return Action::Sell;
    case agent::Canary::ApeNeutral: return Action::Hold;
    case agent::Canary::None: break;
    }
    return Action::None;
}

int mixIndex(Action action)
{
    switch (action) {
    case Action::Buy: return 0;
    case Action::Sell: return 1;
    case Action::Hold: return 2;
    case Action::None: break;
    }
    return 3;
}

double share(int part, int whole) { return whole > 0 ? double(part) / whole : 0.0; }

} // namespace

Result<QList<EvaluationExample>> readEvaluationExamples(const QString &path, int limit)
{
    QFile file(path);
    if (path.trimmed().isEmpty() || !QFileInfo(path).isFile())
        return Error::make(Error::Kind::Io, tr("The test file %1 does not exist; prepare the dataset first.")
                                                .arg(QDir::toNativeSeparators(path)));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the test file %1.").arg(QDir::toNativeSeparators(path)),
                           file.errorString());
    QList<EvaluationExample> examples;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (limit > 0 && examples.size() >= limit)
            break;
        const QJsonArray messages = QJsonDocument::fromJson(line).object().value(QStringLiteral("messages")).toArray();
        EvaluationExample example;
        for (const QJsonValue &value : messages) {
            const QJsonObject message = value.toObject();
            const QString role = message.value(QStringLiteral("role")).toString();
            QString *slot = role == QLatin1String("system") ? &example.system
                            : role == QLatin1String("user") ? &example.user
                            : role == QLatin1String("assistant") ? &example.teacherAnswer
                                                                 : nullptr;
            if (slot && slot->isEmpty())
                *slot = message.value(QStringLiteral("content")).toString();
        }
        if (example.user.isEmpty() || example.teacherAnswer.isEmpty())
            continue;
        // The prepared answers end in "RECOMMENDATION: APE …"; the last such line is the label (the
        // reasoning may hold inline canary forms too).
        const agent::Canary canary = recommendationCanary(example.teacherAnswer);
        example.label = canary != agent::Canary::None ? actionOfCanary(canary) : answerAction(example.teacherAnswer);
        examples.append(example);
    }
    if (examples.isEmpty())
        return Error::make(Error::Kind::Format, tr("The test file %1 holds no example (chat lines with a user and an assistant message).")
                                                    .arg(QDir::toNativeSeparators(path)));
    return examples;
}

Action answerAction(const QString &answer)
{
    const agent::ParsedAnswer parsed = agent::parseAnswer(answer);
    if (parsed.canary != agent::Canary::None)
        return actionOfCanary(parsed.canary);
    return parsed.action;
}

bool hasCanaryWord(const QString &answer)
{
    static const QRegularExpression re(QStringLiteral("\\bAPE[ _]+(IN|OUT|NEUTRAL)\\b"), QRegularExpression::CaseInsensitiveOption);
    return re.match(answer).hasMatch();
}

QString actionMixKey(Action action)
{
    static const char *const keys[] = {"ape_in", "ape_out", "ape_neutral", "other"};
    return QString::fromLatin1(keys[mixIndex(action)]);
}

QJsonObject ModelEvaluation::toJson() const
{
    QJsonObject object{
        {QStringLiteral("model"), model},
        {QStringLiteral("examples"), examples},
        {QStringLiteral("answered"), answered},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("canary_answers"), canaryAnswers},
        {QStringLiteral("canary_share"), share(canaryAnswers, answered)},
        {QStringLiteral("agreeing"), agreeing},
        {QStringLiteral("agreement"), share(agreeing, answered)},
        {QStringLiteral("action_mix"), QJsonObject{{QStringLiteral("ape_in"), mix[0]},
                                                   {QStringLiteral("ape_out"), mix[1]},
                                                   {QStringLiteral("ape_neutral"), mix[2]},
                                                   {QStringLiteral("other"), mix[3]}}},
        {QStringLiteral("mean_latency_ms"), answered > 0 ? std::round(double(latencySumMs) / answered) : 0.0},
    };
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}

JobOutcome runEvaluateJob(JobContext &context)
{
    const Result<EvaluateParams> parsed = EvaluateParams::fromJson(context.job().params);
    if (!parsed)
        return JobOutcome::failed(parsed.error());
    const EvaluateParams &params = *parsed;
    QStringList models;
    for (const QString &model : params.models)
        if (!model.trimmed().isEmpty())
            models.append(model.trimmed());
    if (models.isEmpty())
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("Name at least one model to evaluate.")));
    const QUrl baseUrl(params.ollamaUrl);
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("The Ollama address “%1” is no URL such as http://127.0.0.1:11434.")
                                                                      .arg(params.ollamaUrl)));
    const Result<QList<EvaluationExample>> read = readEvaluationExamples(params.testFile, params.limit);
    if (!read)
        return JobOutcome::failed(read.error());
    const QList<EvaluationExample> &examples = *read;

    const QString logPath = QFileInfo(params.testFile).absoluteDir().filePath(QStringLiteral("evaluation.jsonl"));
    QFile answerLog(logPath);
    if (!answerLog.open(QIODevice::WriteOnly | QIODevice::Append))
        return JobOutcome::failed(Error::make(Error::Kind::Io, tr("Cannot write the answers to %1.").arg(QDir::toNativeSeparators(logPath)),
                                              answerLog.errorString()));
    const auto record = [&](QJsonObject line) {
        line.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        line.insert(QStringLiteral("job"), context.job().id);
        answerLog.write(QByteArray(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n'));
        answerLog.flush();   // a crash keeps the answers so far
    };

    agent::BackendSpec spec;
    spec.kind = agent::BackendSpec::Kind::Ollama;
    spec.baseUrl = baseUrl;
    spec.model = models.first();
    const std::unique_ptr<agent::LlmBackend> backend = agent::makeBackend(spec);

    const int perModel = int(examples.size());
    const int total = perModel * int(models.size());
    int calls = 0;        // done or skipped, for the progress
    int timedCalls = 0;   // actually made, for the ETA
    QElapsedTimer clock;
    clock.start();
    context.log(tr("Evaluating %1 on %n test example(s) from %2.", nullptr, perModel)
                    .arg(models.join(QStringLiteral(", ")), QDir::toNativeSeparators(params.testFile)));

    QJsonArray results;
    for (const QString &model : models) {
        ModelEvaluation evaluation;
        evaluation.model = model;
        evaluation.examples = perModel;
        for (int i = 0; i < perModel; ++i) {
            if (context.canceled())
                return JobOutcome::canceled();
            const EvaluationExample &example = examples.at(i);
            agent::LlmRequest request;
            request.model = model;
            if (!example.system.isEmpty())
                request.messages.append({QStringLiteral("system"), example.system});
            request.messages.append({QStringLiteral("user"), example.user});
            request.options.temperature = params.temperature;
            request.timeoutMs = params.timeoutMs;
            request.idleTimeoutMs = params.timeoutMs;   // a local model may load for a while before its first token
            const agent::LlmReply reply = agent::awaitChat(backend.get(), request, {}, [&context] { return context.canceled(); });
            if (reply.failure == agent::LlmReply::Failure::Canceled || context.canceled())
                return JobOutcome::canceled();
            if (reply.failure == agent::LlmReply::Failure::Network)
                return JobOutcome::retryLater(Error::make(Error::Kind::Network,
                                                          tr("Ollama at %1 cannot be reached; the evaluation will try again.")
                                                              .arg(baseUrl.toString()),
                                                          reply.error.toString()));
            ++timedCalls;
            QJsonObject line{{QStringLiteral("model"), model},
                             {QStringLiteral("example"), i},
                             {QStringLiteral("label"), actionMixKey(example.label)},
                             {QStringLiteral("latency_ms"), reply.elapsedMs}};
            if (!reply.ok && reply.httpStatus == 404) {
                evaluation.error = reply.error.message;
                line.insert(QStringLiteral("error"), reply.error.message);
                record(line);
                context.log(tr("%1 cannot be evaluated: %2").arg(model, reply.error.message), JobLogStream::Err);
                calls += perModel - i;   // its other examples are skipped
                context.progress(double(calls) / total, tr("%1: not found").arg(model));
                break;
            }
            if (!reply.ok) {
                ++evaluation.failed;
                line.insert(QStringLiteral("error"), reply.error.toString());
                context.log(tr("%1, example %2: %3").arg(model).arg(i + 1).arg(reply.error.message), JobLogStream::Err);
            } else {
                const Action action = answerAction(reply.text);
                const bool canary = hasCanaryWord(reply.text);
                const bool agrees = action != Action::None && action == example.label;
                ++evaluation.answered;
                evaluation.canaryAnswers += canary ? 1 : 0;
                evaluation.agreeing += agrees ? 1 : 0;
                ++evaluation.mix[mixIndex(action)];
                evaluation.latencySumMs += reply.elapsedMs;
                line.insert(QStringLiteral("answer"), reply.text);
                line.insert(QStringLiteral("action"), actionMixKey(action));
                line.insert(QStringLiteral("canary"), canary);
                line.insert(QStringLiteral("agrees"), agrees);
            }
            record(line);
            ++calls;
            const qint64 eta = timedCalls > 0 ? clock.elapsed() / timedCalls * (total - calls) / 1000 : -1;
            context.progress(double(calls) / total, tr("%1: example %2 of %3").arg(model).arg(i + 1).arg(perModel), eta);
        }
        const QJsonObject figures = evaluation.toJson();
        results.append(figures);
        if (evaluation.error.isEmpty())
            context.log(tr("%1: %2 answered, %3 failed, canary share %4%, agreement %5%.")
                            .arg(model)
                            .arg(evaluation.answered)
                            .arg(evaluation.failed)
                            .arg(std::round(figures.value(QStringLiteral("canary_share")).toDouble() * 1000) / 10)
                            .arg(std::round(figures.value(QStringLiteral("agreement")).toDouble() * 1000) / 10));
    }
    qCInfo(lcDistill) << "evaluated" << models << "on" << perModel << "examples";
    context.progress(1.0, tr("Evaluated %n model(s)", nullptr, int(models.size())));
    return JobOutcome::done(QJsonObject{{QStringLiteral("models"), results},
                                        {QStringLiteral("test_file"), QFileInfo(params.testFile).absoluteFilePath()},
                                        {QStringLiteral("examples"), perModel}});
}

} // namespace apedesk::distill
