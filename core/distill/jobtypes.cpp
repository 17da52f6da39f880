#include "jobtypes.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <array>

namespace apedesk::distill {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> fromKey(const QString &key, const std::array<Enum, N> &values, QString (*keyOf)(Enum))
{
    for (Enum value : values)
        if (keyOf(value) == key)
            return value;
    return std::nullopt;
}

constexpr std::array<JobKind, 8> kKinds{JobKind::Teacher, JobKind::Prepare, JobKind::FineTune, JobKind::Fuse,
                                        JobKind::Convert, JobKind::Quantize, JobKind::Register, JobKind::Evaluate};
constexpr std::array<JobState, 6> kStates{JobState::Queued, JobState::Running, JobState::Paused,
                                          JobState::Failed, JobState::Done, JobState::Canceled};
constexpr std::array<JobResource, 3> kResources{JobResource::Network, JobResource::Cpu, JobResource::Gpu};

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::distill::JobTypes", text);
}

} // namespace

QString jobKindKey(JobKind kind)
{
    switch (kind) {
    case JobKind::Teacher: return QStringLiteral("teacher");
    case JobKind::Prepare: return QStringLiteral("prepare");
    case JobKind::FineTune: return QStringLiteral("finetune");
    case JobKind::Fuse: return QStringLiteral("fuse");
    case JobKind::Convert: return QStringLiteral("convert");
    case JobKind::Quantize: return QStringLiteral("quantize");
    case JobKind::Register: return QStringLiteral("register");
    case JobKind::Evaluate: return QStringLiteral("evaluate");
    }
    return {};
}

std::optional<JobKind> jobKindFromKey(const QString &key)
{
    return fromKey(key, kKinds, &jobKindKey);
}

QString jobStateKey(JobState state)
{
    switch (state) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Paused: return QStringLiteral("paused");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Done: return QStringLiteral("done");
    case JobState::Canceled: return QStringLiteral("canceled");
    }
    return {};
}

std::optional<JobState> jobStateFromKey(const QString &key)
{
    return fromKey(key, kStates, &jobStateKey);
}

QString jobResourceKey(JobResource resource)
{
    switch (resource) {
    case JobResource::Network: return QStringLiteral("network");
    case JobResource::Cpu: return QStringLiteral("cpu");
    case JobResource::Gpu: return QStringLiteral("gpu");
    }
    return {};
}

std::optional<JobResource> jobResourceFromKey(const QString &key)
{
    return fromKey(key, kResources, &jobResourceKey);
}

QString jobKindTitle(JobKind kind)
{
    switch (kind) {
    case JobKind::Teacher: return tr("Teacher generation");
    case JobKind::Prepare: return tr("Dataset preparation");
    case JobKind::FineTune: return tr("Fine-tune");
    case JobKind::Fuse: return tr("Fuse adapters");
    case JobKind::Convert: return tr("Convert to GGUF");
    case JobKind::Quantize: return tr("Quantise");
    case JobKind::Register: return tr("Register in Ollama");
    case JobKind::Evaluate: return tr("Evaluate");
    }
    return {};
}

QString jobStateTitle(JobState state)
{
    switch (state) {
    case JobState::Queued: return tr("Queued");
    case JobState::Running: return tr("Running");
    case JobState::Paused: return tr("Paused");
    case JobState::Failed: return tr("Failed");
    case JobState::Done: return tr("Done");
    case JobState::Canceled: return tr("Canceled");
    }
    return {};
}

QList<JobKind> allJobKinds()
{
    return QList<JobKind>(kKinds.begin(), kKinds.end());
}

JobResource defaultResource(JobKind kind)
{
    switch (kind) {
    case JobKind::Teacher: return JobResource::Network;
    case JobKind::FineTune:
    case JobKind::Evaluate: return JobResource::Gpu;
    default: return JobResource::Cpu;
    }
}

QJsonObject JobRecord::toJson() const
{
    QJsonArray dependencies;
    for (qint64 dependency : dependsOn)
        dependencies.append(dependency);
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("kind"), jobKindKey(kind)},
        {QStringLiteral("title"), title},
        {QStringLiteral("state"), jobStateKey(state)},
        {QStringLiteral("resource"), jobResourceKey(resource)},
        {QStringLiteral("params"), params},
        {QStringLiteral("depends_on"), dependencies},
        {QStringLiteral("pipeline"), pipeline},
        {QStringLiteral("position"), position},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("max_attempts"), maxAttempts},
        {QStringLiteral("progress"), progress},
        {QStringLiteral("progress_text"), progressText},
        {QStringLiteral("eta_seconds"), etaSeconds},
        {QStringLiteral("prompt_tokens"), promptTokens},
        {QStringLiteral("completion_tokens"), completionTokens},
        {QStringLiteral("cost_usd"), costUsd},
        {QStringLiteral("error"), error},
        {QStringLiteral("result"), result},
        {QStringLiteral("created_ms"), createdMs},
        {QStringLiteral("started_ms"), startedMs},
        {QStringLiteral("finished_ms"), finishedMs},
        {QStringLiteral("not_before_ms"), notBeforeMs},
    };
}

} // namespace apedesk::distill
