// Teacher generation: scenarios → one streamed chat call each → durable per-sample lines. The run is
// written so that stopping it anywhere (cancel, kill -9, rate limits past the retry budget) loses at
// most the answer in flight: a finished sample is a fsync'd line in teacher_data.jsonl, and a resumed
// run asks only for the samples without one.
#include "teacherjob.h"

#include "agent/llmbackend.h"
#include "common/logging.h"
#include "eth/keychain.h"
#include "eth/signer.h"
#include "jobparams.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#if defined(Q_OS_WIN)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace apedesk::distill {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::distill::TeacherJob", text);
}

constexpr qint64 kFirstBackoffMs = 1000;
constexpr qint64 kMaxBackoffMs = 60000;
// A server that asks for a longer pause than this gets it from the queue, which frees the worker.
constexpr qint64 kMaxInlineWaitMs = 60000;
constexpr int kPollMs = 50;
constexpr int kKeychainTimeoutMs = 5000;

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

bool syncToDisk(QFile &file)
{
#if defined(Q_OS_WIN)
    return ::_commit(file.handle()) == 0;
#else
    return ::fsync(file.handle()) == 0;
#endif
}

QString secondsText(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

// A JSON Lines file opened for appending for the whole run.
class JsonlAppender
{
public:
    Status open(const QString &path)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), m_file.errorString());
        return {};
    }
    // durable: flushed and synced to the disk before this returns (a finished sample must survive a
    // power cut as well as a kill).
    Status append(const QJsonObject &object, bool durable)
    {
        const QByteArray line = jsonLine(object);
        if (m_file.write(line) != line.size() || !m_file.flush() || (durable && !syncToDisk(m_file)))
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(m_file.fileName()), m_file.errorString());
        return {};
    }

private:
    QFile m_file;
};

// What is known about one sample's earlier requests (all runs).
struct SampleHistory
{
    int attempts = 0;
};

class TeacherRun
{
public:
    TeacherRun(JobContext &context, TeacherParams params) : m_context(context), m_params(std::move(params)) {}

    JobOutcome run()
    {
        if (Status ok = checkParams(); !ok)
            return JobOutcome::failed(ok.error());
        if (!QDir().mkpath(m_params.outDir))
            return JobOutcome::failed(Error::make(Error::Kind::Io, tr("Cannot create the output folder %1.").arg(m_params.outDir)));
        if (Status ok = loadOrCreateScenarios(); !ok)
            return JobOutcome::failed(ok.error());
        if (Status ok = loadFinished(); !ok)
            return JobOutcome::failed(ok.error());
        if (Status ok = loadAttempts(); !ok)
            return JobOutcome::failed(ok.error());

        QList<int> pending;
        for (const TeacherScenario &scenario : m_scenarios)
            if (!m_finished.contains(scenario.sampleId))
                pending.append(scenario.sampleId);
        if (!m_finished.isEmpty())
            m_context.log(tr("Resuming: %1 of %2 samples are finished; %3 to go.")
                              .arg(m_finished.size())
                              .arg(m_scenarios.size())
                              .arg(pending.size()));

        if (!pending.isEmpty()) {
            if (m_context.canceled())
                return JobOutcome::canceled();
            std::optional<JobOutcome> stopped = requestAll(pending);
            if (stopped)
                return *stopped;
        }
        return finish();
    }

private:
    Status checkParams()
    {
        if (m_params.outDir.isEmpty())
            return Error::make(Error::Kind::Usage, tr("The teacher job has no output folder (\"out\")."));
        if (m_params.model.isEmpty())
            return Error::make(Error::Kind::Usage, tr("The teacher job names no model."));
        const QUrl url(m_params.endpoint);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
            return Error::make(Error::Kind::Usage,
                               tr("The teacher endpoint \"%1\" is not an http(s) URL such as https://openrouter.ai/api/v1.")
                                   .arg(m_params.endpoint));
        return {};
    }

    // ---- scenarios.jsonl: made once, then the same samples for every run ----

    Status loadOrCreateScenarios()
    {
        const QString path = TeacherFiles::scenarios(m_params.outDir);
        const QString data = m_params.dataPath.isEmpty() ? QString() : QFileInfo(m_params.dataPath).absoluteFilePath();
        if (QFileInfo::exists(path)) {
            Result<JsonLines> lines = readJsonLines(path, true, false);
            if (!lines)
                return lines.error();
            for (const QJsonObject &object : std::as_const(lines->objects)) {
                Result<TeacherScenario> scenario = TeacherScenario::fromJson(object);
                if (!scenario || scenario->sampleId != m_scenarios.size())
                    return Error::make(Error::Kind::Format,
                                       tr("%1 is damaged (sample %2 is not a scenario); remove the folder's files to start over.")
                                           .arg(path)
                                           .arg(m_scenarios.size()));
                // The folder must belong to this job: other data or another seed would mix two sample sets.
                if (object.value(QStringLiteral("data")).toString() != data
                    || object.value(QStringLiteral("seed")).toDouble(-1) != double(m_params.seed)
                    || object.value(QStringLiteral("requested")).toInt(-1) != m_params.samples)
                    return Error::make(Error::Kind::Usage,
                                       tr("%1 holds the scenarios of another teacher run (data %2, seed %3, %4 samples); "
                                          "choose an empty output folder.")
                                           .arg(m_params.outDir, object.value(QStringLiteral("data")).toString(),
                                                QString::number(qint64(object.value(QStringLiteral("seed")).toDouble())),
                                                QString::number(object.value(QStringLiteral("requested")).toInt())));
                m_scenarios.append(*scenario);
            }
            if (m_scenarios.isEmpty())
                return Error::make(Error::Kind::Format, tr("%1 holds no scenarios; remove it to start over.").arg(path));
            return {};
        }

        Result<QVector<ScenarioRow>> rows = readScenarioRows(m_params.dataPath);
        if (!rows)
            return rows.error();
        m_scenarios = sampleScenarios(*rows, m_params.samples, m_params.seed);
        if (rows->size() < m_params.samples)
            m_context.log(tr("%1 has only %2 rows, fewer than the %3 samples asked for: using them all.")
                              .arg(QFileInfo(m_params.dataPath).fileName())
                              .arg(rows->size())
                              .arg(m_params.samples));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), file.errorString());
        for (const TeacherScenario &scenario : std::as_const(m_scenarios)) {
            QJsonObject line = scenario.toJson();
            line.insert(QStringLiteral("data"), data);
            line.insert(QStringLiteral("seed"), double(m_params.seed));
            line.insert(QStringLiteral("requested"), m_params.samples);
            file.write(jsonLine(line));
        }
        if (!file.commit())
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), file.errorString());
        m_context.log(tr("Sampled %1 scenarios from %2 rows of %3 (seed %4).")
                          .arg(m_scenarios.size())
                          .arg(rows->size())
                          .arg(QFileInfo(m_params.dataPath).fileName())
                          .arg(m_params.seed));
        return {};
    }

    // ---- what earlier runs did ----

    Status loadFinished()
    {
        Result<JsonLines> lines = readJsonLines(TeacherFiles::data(m_params.outDir), true, true);
        if (!lines)
            return lines.error();
        if (lines->tornTail)
            m_context.log(tr("teacher_data.jsonl ended in a torn line (the last run was stopped mid-write); it was cut "
                             "and that sample will be asked again."));
        for (const QJsonObject &object : std::as_const(lines->objects)) {
            const QJsonValue id = object.value(QStringLiteral("sample_id"));
            if (!id.isDouble() || id.toInt(-1) < 0 || id.toInt(-1) >= m_scenarios.size())
                return Error::make(Error::Kind::Format,
                                   tr("%1 holds a line for a sample that is not among the scenarios; remove the folder's "
                                      "files to start over.")
                                       .arg(TeacherFiles::data(m_params.outDir)));
            m_finished.insert(id.toInt());
        }
        return {};
    }

    Status loadAttempts()
    {
        Result<JsonLines> lines = readJsonLines(TeacherFiles::attempts(m_params.outDir), false, true);
        if (!lines)
            return lines.error();
        for (const QJsonObject &object : std::as_const(lines->objects)) {
            m_history[object.value(QStringLiteral("sample_id")).toInt(-1)].attempts++;
            addTotals(object);
        }
        return {};
    }

    void addTotals(const QJsonObject &attempt)
    {
        ++m_totalRequests;
        m_totalPromptTokens += qMax(0, attempt.value(QStringLiteral("prompt_tokens")).toInt(-1));
        m_totalCompletionTokens += qMax(0, attempt.value(QStringLiteral("completion_tokens")).toInt(-1));
        m_totalCostUsd += qMax(0.0, attempt.value(QStringLiteral("cost_usd")).toDouble(-1));
    }

    // ---- the requests ----

    Result<QString> apiKey()
    {
        if (!m_params.apiKeyEnv.isEmpty()) {
            const QString key = qEnvironmentVariable(m_params.apiKeyEnv.toLocal8Bit().constData()).trimmed();
            if (key.isEmpty())
                return Error::make(Error::Kind::Usage,
                                   tr("The environment variable %1, which should hold the API key for %2, is not set or empty.")
                                       .arg(m_params.apiKeyEnv, QUrl(m_params.endpoint).host()));
            m_keySource = tr("Check the key in the environment variable %1.").arg(m_params.apiKeyEnv);
            return key;
        }
        const QString host = QUrl(m_params.endpoint).host();
        if (std::optional<QString> key = keyFromKeychain(host)) {
            m_keySource = tr("Check the key the keychain keeps for %1.").arg(host);
            m_context.log(tr("Using the API key the keychain keeps for %1.").arg(host));
            return *key;
        }
        m_keySource = tr("No API key was sent: set the job's api_key_env to the environment variable that holds it.");
        return QString();
    }

    // The agent pane's keychain entry ("openai:" + host), when a keychain service runs at all.
    std::optional<QString> keyFromKeychain(const QString &host)
    {
        if (!eth::Keychain::serviceReachable())
            return std::nullopt;
        eth::Keychain keychain;
        keychain.setTimeoutMs(kKeychainTimeoutMs);
        QEventLoop loop;
        bool answered = false;
        std::optional<QString> key;
        keychain.readPassword(QStringLiteral("openai:") + host, [&](Result<eth::SecretBytes> secret) {
            if (secret && !secret->isEmpty())
                key = QString::fromUtf8(secret->bytes());
            answered = true;
            loop.quit();
        });
        QTimer poll;
        poll.setInterval(kPollMs);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_context.canceled())
                loop.quit();
        });
        poll.start();
        if (!answered)
            loop.exec();
        return key;
    }

    // Sleeps `ms`, looking at the cancel flag at least every kPollMs. False when canceled.
    bool waitMs(qint64 ms)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            if (m_context.canceled())
                return false;
            const qint64 left = ms - timer.elapsed();
            if (left <= 0)
                return true;
            QThread::msleep(quint64(qMin<qint64>(left, kPollMs)));
        }
    }

    std::optional<JobOutcome> requestAll(const QList<int> &pending)
    {
        Result<QString> key = apiKey();
        if (!key)
            return JobOutcome::failed(key.error());
        agent::BackendSpec spec;
        spec.kind = agent::BackendSpec::Kind::OpenAi;
        spec.baseUrl = QUrl(m_params.endpoint);
        spec.model = m_params.model;
        spec.apiKey = *key;
        // Made here: the backend and its network manager live on this worker thread.
        const std::unique_ptr<agent::LlmBackend> backend = agent::makeBackend(spec);
        m_spacingMs = qint64(std::ceil(60000.0 / m_params.requestsPerMinute));
        m_clock.start();
        m_context.log(tr("Asking %1 at %2 for %3 samples (at most %4 requests a minute).")
                          .arg(m_params.model, backend->endpoint())
                          .arg(pending.size())
                          .arg(m_params.requestsPerMinute));
        reportProgress();
        for (const int sampleId : pending) {
            std::optional<JobOutcome> stopped = requestSample(backend.get(), m_scenarios.at(sampleId));
            if (stopped)
                return stopped;
        }
        return std::nullopt;
    }

    // Asks for one sample until its answer is stored (nullopt) or the run has to stop.
    std::optional<JobOutcome> requestSample(agent::LlmBackend *backend, const TeacherScenario &scenario)
    {
        agent::LlmRequest request;
        request.model = m_params.model;
        request.messages = {{QStringLiteral("system"), teacherSystemPrompt()}, {QStringLiteral("user"), scenario.prompt}};
        request.options.temperature = m_params.temperature;
        request.options.maxTokens = m_params.maxTokens;
        request.timeoutMs = m_params.timeoutMs;
        request.idleTimeoutMs = qMin(request.idleTimeoutMs, m_params.timeoutMs);

        QElapsedTimer sampleClock;
        sampleClock.start();
        for (int retry = 0;; ++retry) {
            // Rate limit: request starts at least 60 s / requests-per-minute apart, retries included.
            if (m_lastStartMs >= 0 && !waitMs(m_lastStartMs + m_spacingMs - m_clock.elapsed()))
                return JobOutcome::canceled();
            if (m_context.canceled())
                return JobOutcome::canceled();
            m_lastStartMs = m_clock.elapsed();
            const agent::LlmReply reply = agent::awaitChat(backend, request, {}, [this] { return m_context.canceled(); });
            const bool canceled = reply.failure == agent::LlmReply::Failure::Canceled && m_context.canceled();
            if (Status logged = recordAttempt(scenario, reply); !logged)
                return JobOutcome::failed(logged.error());
            if (reply.ok) {
                if (Status stored = storeAnswer(scenario, reply); !stored)
                    return JobOutcome::failed(stored.error());
                m_secondsPerSample.append(double(sampleClock.elapsed()) / 1000.0);
                reportProgress();
                return std::nullopt;
            }
            if (canceled)
                return JobOutcome::canceled();

            const QString why = reply.error.message.isEmpty() ? tr("the request failed") : reply.error.message;
            if (!isTransient(reply))
                return JobOutcome::failed(permanentError(reply));
            if (retry >= m_params.maxRetriesPerSample) {
                m_context.log(tr("Sample %1: %2 Giving up for now after %3 retries; the job will be retried later.")
                                  .arg(QString::number(scenario.sampleId + 1), why, QString::number(retry)),
                              JobLogStream::Err);
                return JobOutcome::retryLater(
                    Error::make(reply.error.kind,
                                tr("Sample %1 still failed after %2 retries: %3")
                                    .arg(QString::number(scenario.sampleId + 1), QString::number(retry), why),
                                reply.error.detail),
                    reply.retryAfterMs);
            }
            const qint64 backoffMs = qMin(kMaxBackoffMs, kFirstBackoffMs << qMin(retry, 16));
            const qint64 waitForMs = reply.retryAfterMs >= 0 ? reply.retryAfterMs : backoffMs;
            if (waitForMs > kMaxInlineWaitMs) {
                m_context.log(tr("Sample %1: %2 The server asks for a %3 s pause; the job will be retried then.")
                                  .arg(QString::number(scenario.sampleId + 1), why, secondsText(waitForMs)),
                              JobLogStream::Err);
                return JobOutcome::retryLater(Error::make(reply.error.kind, why, reply.error.detail), waitForMs);
            }
            ++m_retries;
            m_context.log(tr("Sample %1: %2 Retrying in %3 s (retry %4 of %5%6).")
                              .arg(QString::number(scenario.sampleId + 1), why, secondsText(waitForMs),
                                   QString::number(retry + 1), QString::number(m_params.maxRetriesPerSample),
                                   reply.retryAfterMs >= 0 ? tr(", as the server's Retry-After asks") : QString()),
                          JobLogStream::Err);
            reportProgress();
            if (!waitMs(waitForMs))
                return JobOutcome::canceled();
        }
    }

    static bool isTransient(const agent::LlmReply &reply)
    {
        using Failure = agent::LlmReply::Failure;
        if (reply.failure != Failure::Http)
            return true;   // network, timeout, a cut-off or garbled stream, a provider failing mid-answer
        const int status = reply.httpStatus;
        return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    Error permanentError(const agent::LlmReply &reply) const
    {
        QString hint;
        switch (reply.httpStatus) {
        case 401:
        case 403:
            hint = m_keySource;
            break;
        case 404:
            hint = tr("Check the model name and the endpoint URL.");
            break;
        case 400:
            hint = tr("The server rejected the request itself; check the model and the job's parameters (temperature, max_tokens).");
            break;
        case 402:
            hint = tr("The account behind the key has no credit left.");
            break;
        default:
            hint = tr("Asking again would get the same answer.");
            break;
        }
        return Error::make(reply.error.kind, QString(reply.error.message + QLatin1Char(' ') + hint), reply.error.detail);
    }

    double costOf(const agent::LlmReply &reply) const
    {
        if (reply.costUsd >= 0)
            return reply.costUsd;
        return (qMax(0, reply.promptTokens) * m_params.inputUsdPerMTok + qMax(0, reply.completionTokens) * m_params.outputUsdPerMTok)
               / 1e6;
    }

    static bool reportsUsage(const agent::LlmReply &reply)
    {
        return reply.promptTokens >= 0 || reply.completionTokens >= 0 || reply.costUsd >= 0;
    }

    Status recordAttempt(const TeacherScenario &scenario, const agent::LlmReply &reply)
    {
        if (!m_attemptsFile) {
            m_attemptsFile = std::make_unique<JsonlAppender>();
            if (Status opened = m_attemptsFile->open(TeacherFiles::attempts(m_params.outDir)); !opened) {
                m_attemptsFile.reset();
                return opened;
            }
        }
        const int attempt = ++m_history[scenario.sampleId].attempts;
        const double cost = reportsUsage(reply) ? costOf(reply) : -1;
        const QJsonObject line{
            {QStringLiteral("sample_id"), scenario.sampleId},
            {QStringLiteral("attempt"), attempt},
            {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("ok"), reply.ok},
            {QStringLiteral("http_status"), reply.httpStatus},
            {QStringLiteral("error"), reply.ok ? QString() : reply.error.toString()},
            {QStringLiteral("text"), reply.text},
            {QStringLiteral("model"), reply.model},
            {QStringLiteral("finish_reason"), reply.finishReason},
            {QStringLiteral("prompt_tokens"), reply.promptTokens},
            {QStringLiteral("completion_tokens"), reply.completionTokens},
            {QStringLiteral("cost_usd"), cost},
            {QStringLiteral("elapsed_ms"), reply.elapsedMs},
            {QStringLiteral("retry_after_ms"), reply.retryAfterMs},
        };
        addTotals(line);
        ++m_requests;
        // Each answered request once into the job's accounting, whether or not its sample is kept.
        if (reportsUsage(reply))
            m_context.usage(qMax(0, reply.promptTokens), qMax(0, reply.completionTokens), cost);
        return m_attemptsFile->append(line, false);
    }

    Status storeAnswer(const TeacherScenario &scenario, const agent::LlmReply &reply)
    {
        if (!m_dataFile) {
            m_dataFile = std::make_unique<JsonlAppender>();
            if (Status opened = m_dataFile->open(TeacherFiles::data(m_params.outDir)); !opened) {
                m_dataFile.reset();
                return opened;
            }
        }
        const TeacherAnswer answer = parseTeacherAnswer(reply.text);
        const QJsonObject line{
            {QStringLiteral("sample_id"), scenario.sampleId},
            {QStringLiteral("market_state"), scenario.marketState()},
            {QStringLiteral("prompt"), scenario.prompt},
            {QStringLiteral("drafts"), QJsonArray::fromStringList(answer.drafts)},
            {QStringLiteral("action"), answer.action},
            {QStringLiteral("full_response"), reply.text},
            {QStringLiteral("model"), reply.model.isEmpty() ? m_params.model : reply.model},
            {QStringLiteral("prompt_tokens"), reply.promptTokens},
            {QStringLiteral("completion_tokens"), reply.completionTokens},
            {QStringLiteral("cost_usd"), reportsUsage(reply) ? costOf(reply) : 0.0},
        };
        if (Status written = m_dataFile->append(line, true); !written)
            return written;
        m_finished.insert(scenario.sampleId);
        QString action = answer.action.isEmpty() ? tr("(no action after ####)") : answer.action;
        if (action.size() > 60)
            action = action.left(57) + QStringLiteral("...");
        m_context.log(tr("Sample %1 of %2: %3 (%4 drafts, %5 tokens, %6 s)")
                          .arg(QString::number(scenario.sampleId + 1), QString::number(m_scenarios.size()), action,
                               QString::number(answer.drafts.size()), QString::number(qMax(0, reply.completionTokens)),
                               secondsText(reply.elapsedMs)));
        return {};
    }

    void reportProgress()
    {
        const int total = int(m_scenarios.size());
        const int finished = int(m_finished.size());
        QString text = finished < total ? tr("Sample %1 of %2").arg(finished + 1).arg(total)
                                        : tr("%1 of %2 samples").arg(finished).arg(total);
        if (m_retries > 0)
            text += tr(" (retries: %1)").arg(m_retries);
        qint64 eta = -1;
        if (!m_secondsPerSample.isEmpty()) {
            double sum = 0;
            for (const double seconds : std::as_const(m_secondsPerSample))
                sum += seconds;
            eta = qint64(std::llround(sum / double(m_secondsPerSample.size()) * double(total - finished)));
        }
        m_context.progress(total > 0 ? double(finished) / double(total) : 1.0, text, eta);
    }

    // ---- every sample answered: the tutorial's files and the result ----

    JobOutcome finish()
    {
        Result<JsonLines> lines = readJsonLines(TeacherFiles::data(m_params.outDir), true, false);
        if (!lines)
            return JobOutcome::failed(lines.error());
        std::map<int, QJsonObject> bySample;
        for (const QJsonObject &object : std::as_const(lines->objects))
            bySample.emplace(object.value(QStringLiteral("sample_id")).toInt(), object);

        QJsonArray list;
        QByteArray csv = "sample_id,price,volume,volatility,action,num_drafts\n";
        for (const auto &entry : bySample) {
            const QJsonObject &line = entry.second;
            list.append(QJsonObject{{QStringLiteral("sample_id"), line.value(QStringLiteral("sample_id"))},
                                    {QStringLiteral("market_state"), line.value(QStringLiteral("market_state"))},
                                    {QStringLiteral("prompt"), line.value(QStringLiteral("prompt"))},
                                    {QStringLiteral("drafts"), line.value(QStringLiteral("drafts"))},
                                    {QStringLiteral("action"), line.value(QStringLiteral("action"))},
                                    {QStringLiteral("full_response"), line.value(QStringLiteral("full_response"))}});
            const QJsonObject market = line.value(QStringLiteral("market_state")).toObject();
            const QStringList cells{QString::number(entry.first),
                                    QString::number(market.value(QStringLiteral("price")).toDouble(), 'g', QLocale::FloatingPointShortest),
                                    QString::number(market.value(QStringLiteral("volume")).toDouble(), 'g', QLocale::FloatingPointShortest),
                                    QString::number(market.value(QStringLiteral("volatility")).toDouble(), 'g', QLocale::FloatingPointShortest),
                                    csvCell(line.value(QStringLiteral("action")).toString()),
                                    QString::number(line.value(QStringLiteral("drafts")).toArray().size())};
            csv += cells.join(QLatin1Char(',')).toUtf8() + '\n';
        }
        if (Status ok = writeAtomically(TeacherFiles::dataJson(m_params.outDir), QJsonDocument(list).toJson(QJsonDocument::Indented)); !ok)
            return JobOutcome::failed(ok.error());
        if (Status ok = writeAtomically(TeacherFiles::summaryCsv(m_params.outDir), csv); !ok)
            return JobOutcome::failed(ok.error());

        m_context.progress(1.0, tr("%1 of %1 samples").arg(m_scenarios.size()), 0);
        m_context.log(tr("All %1 samples answered (%2 requests this run, %3 retries); wrote teacher_data.json and "
                         "teacher_data_summary.csv.")
                          .arg(m_scenarios.size())
                          .arg(m_requests)
                          .arg(m_retries));
        const QString out = QFileInfo(m_params.outDir).absoluteFilePath();
        return JobOutcome::done(QJsonObject{
            {QStringLiteral("samples"), int(m_scenarios.size())},
            {QStringLiteral("finished"), int(bySample.size())},
            {QStringLiteral("requests"), m_totalRequests},
            {QStringLiteral("retries"), qMax<qint64>(0, m_totalRequests - qint64(m_history.size()))},
            {QStringLiteral("requests_this_run"), m_requests},
            {QStringLiteral("retries_this_run"), m_retries},
            {QStringLiteral("prompt_tokens"), m_totalPromptTokens},
            {QStringLiteral("completion_tokens"), m_totalCompletionTokens},
            {QStringLiteral("cost_usd"), m_totalCostUsd},
            {QStringLiteral("out"), out},
            {QStringLiteral("teacher_data"), TeacherFiles::data(out)},
            {QStringLiteral("teacher_json"), TeacherFiles::dataJson(out)},
            {QStringLiteral("summary_csv"), TeacherFiles::summaryCsv(out)},
        });
    }

    static QString csvCell(const QString &text)
    {
        if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
            && !text.contains(QLatin1Char('\r')))
            return text;
        QString quoted = text;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QString(QLatin1Char('"') + quoted + QLatin1Char('"'));
    }

    static Status writeAtomically(const QString &path, const QByteArray &bytes)
    {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), file.errorString());
        return {};
    }

    JobContext &m_context;
    TeacherParams m_params;
    QList<TeacherScenario> m_scenarios;
    QSet<int> m_finished;
    QHash<int, SampleHistory> m_history;       // sample id → its requests over all runs
    QString m_keySource;                       // where the key came from, for a 401's hint (never the key)
    std::unique_ptr<JsonlAppender> m_attemptsFile;
    std::unique_ptr<JsonlAppender> m_dataFile;
    QElapsedTimer m_clock;
    qint64 m_spacingMs = 0;
    qint64 m_lastStartMs = -1;
    QList<double> m_secondsPerSample;          // this run's finished samples, for the ETA
    qint64 m_requests = 0;                     // this run
    qint64 m_retries = 0;                      // this run
    qint64 m_totalRequests = 0;                // all runs (attempts.jsonl)
    qint64 m_totalPromptTokens = 0;
    qint64 m_totalCompletionTokens = 0;
    double m_totalCostUsd = 0;
};

} // namespace

QString TeacherFiles::scenarios(const QString &outDir) { return QDir(outDir).filePath(QStringLiteral("scenarios.jsonl")); }
QString TeacherFiles::attempts(const QString &outDir) { return QDir(outDir).filePath(QStringLiteral("attempts.jsonl")); }
QString TeacherFiles::data(const QString &outDir) { return QDir(outDir).filePath(QStringLiteral("teacher_data.jsonl")); }
QString TeacherFiles::dataJson(const QString &outDir) { return QDir(outDir).filePath(QStringLiteral("teacher_data.json")); }
QString TeacherFiles::summaryCsv(const QString &outDir) { return QDir(outDir).filePath(QStringLiteral("teacher_data_summary.csv")); }

Result<JsonLines> readJsonLines(const QString &path, bool strict, bool truncateTornTail)
{
    JsonLines result;
    QFile file(path);
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1.").arg(path), file.errorString());
    const QByteArray bytes = file.readAll();
    file.close();

    qsizetype start = 0;
    int lineNumber = 0;
    std::optional<qsizetype> cutAt;          // the torn tail's first byte
    bool terminateLast = false;              // a whole last object that only lacks its newline
    while (start < bytes.size()) {
        const qsizetype end = bytes.indexOf('\n', start);
        const bool terminated = end >= 0;
        const qsizetype stop = terminated ? end : bytes.size();
        const QByteArray line = bytes.mid(start, stop - start).trimmed();
        ++lineNumber;
        const qsizetype next = terminated ? end + 1 : bytes.size();
        const bool isLast = bytes.mid(next).trimmed().isEmpty();
        if (!line.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (document.isObject()) {
                result.objects.append(document.object());
                terminateLast = !terminated;
            } else if (isLast) {
                // Killed mid-write: the line never became a record.
                result.tornTail = true;
                cutAt = start;
                break;
            } else if (strict) {
                return Error::make(Error::Kind::Format,
                                   tr("Line %1 of %2 is not a JSON object: the file is damaged.").arg(lineNumber).arg(path),
                                   error.errorString());
            } else {
                ++result.skippedLines;
            }
        }
        start = next;
    }
    if (truncateTornTail && (cutAt || terminateLast)) {
        if (!file.open(QIODevice::ReadWrite))
            return Error::make(Error::Kind::Io, tr("Cannot repair %1.").arg(path), file.errorString());
        const bool repaired = cutAt ? file.resize(*cutAt) : (file.seek(file.size()) && file.write("\n", 1) == 1);
        if (!repaired || !file.flush() || !syncToDisk(file))
            return Error::make(Error::Kind::Io, tr("Cannot repair %1.").arg(path), file.errorString());
    }
    return result;
}

Result<QList<QJsonObject>> readTeacherData(const QString &outDir)
{
    Result<JsonLines> lines = readJsonLines(TeacherFiles::data(outDir), true, false);
    if (!lines)
        return lines.error();
    return lines->objects;
}

JobOutcome runTeacherJob(JobContext &context)
{
    Result<TeacherParams> params = TeacherParams::fromJson(context.job().params);
    if (!params)
        return JobOutcome::failed(params.error());
    TeacherRun run(context, *params);
    JobOutcome outcome = run.run();
    if (outcome.end == JobOutcome::End::Failed) {
        context.log(outcome.error.message, JobLogStream::Err);
        qCWarning(lcDistill) << "teacher job" << context.job().id << "failed:" << outcome.error.toString();
    }
    return outcome;
}

} // namespace apedesk::distill
