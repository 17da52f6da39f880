#pragma once
// Each job kind's parameters, as stored in JobSpec::params / JobRecord::params. A job's parameters are
// complete in themselves: the pipeline builder fixes every path and command when it adds the chain,
// so a job never needs another job's result to run, and a queue reopened after a crash has all it needs.
// fromJson() fills missing keys with the defaults below and fails only on values of the wrong type or
// out of range, naming the key.

#include "common/error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace apedesk::distill {

// Teacher generation (seed facts §6): one scenario per sampled data row, one chat call per scenario.
struct TeacherParams
{
    QString endpoint = QStringLiteral("https://openrouter.ai/api/v1");   // OpenAI-compatible base URL
    QString model = QStringLiteral("qwen/qwq-32b");
    // The API key is never stored: read at run time from this environment variable, or (when empty)
    // from the OS keychain entry the agent pane keeps for the endpoint's host ("openai:HOST"); a local
    // server may need none.
    QString apiKeyEnv;
    QString dataPath;            // a raw or processed swap CSV, or GAN synthetic sequences (CSV)
    int samples = 100;
    QString outDir;              // teacher_data.jsonl (one line per finished sample), attempts.jsonl (every raw answer), ...
    quint64 seed = 42;           // row sampling; holdings use seed + row index (the tutorial's 42 + i)
    double temperature = 0.2;
    int maxTokens = 300;
    double requestsPerMinute = 60;   // the tutorial slept 1 s between calls
    int maxRetriesPerSample = 6;     // 429 / 5xx / network failures of one sample before the job retries later
    int timeoutMs = 120000;          // one answer
    double inputUsdPerMTok = 0;      // cost when the server reports none (OpenRouter reports usage.cost)
    double outputUsdPerMTok = 0;

    QJsonObject toJson() const;
    static Result<TeacherParams> fromJson(const QJsonObject &json);
};

// Dataset preparation: teacher answers (or a DQN export) → MLX-LM chat JSONL splits + LoRA config.
struct PrepareParams
{
    QString from;                // a teacher job's outDir, or a DQN export (FILE.jsonl / FILE.chat.jsonl)
    QString outDir;              // train.jsonl, valid.jsonl, test.jsonl, lora_config.yaml, report.json
    quint64 seed = 42;           // the shuffle before the split
    double trainFraction = 0.8;
    double validFraction = 0.1;  // the rest is the test split
    QString baseModel = QStringLiteral("Qwen/Qwen2.5-3B");   // the YAML's model
    QString adapterPath;         // the YAML's adapter_path; empty: OUTDIR/adapters
    int iters = 400;             // the tutorial's LoRA schedule

    QJsonObject toJson() const;
    static Result<PrepareParams> fromJson(const QJsonObject &json);
};

// An external tool run as a child process: fine-tune, fuse, convert, quantise, register.
struct ToolParams
{
    QStringList command;         // program and arguments, every placeholder already filled in
    QString workingDirectory;    // empty: the first output's folder, else the current one
    QStringList outputs;         // files or folders that must exist after a successful run
    // Register only: the Modelfile written before the command runs (the tutorial's parameters).
    QString modelfilePath;
    QString ggufPath;            // FROM in the Modelfile
    QString modelName;           // trader-qwen:latest
    int totalIters = 0;          // FineTune: the schedule's iterations, for progress and ETA; 0: unknown
    int terminateGraceMs = 5000; // cancel: SIGTERM, then SIGKILL after this long

    QJsonObject toJson() const;
    static Result<ToolParams> fromJson(const QJsonObject &json);
};

// Evaluation through the Ollama API on the held-out split.
struct EvaluateParams
{
    QString ollamaUrl = QStringLiteral("http://127.0.0.1:11434");
    QStringList models;          // the student first, then what it is compared with (the base model)
    QString testFile;            // the prepared test.jsonl (chat format, the teacher's labels in the answers)
    int limit = 0;               // examples per model; 0: all
    double temperature = 0.3;    // the Modelfile's
    int timeoutMs = 120000;      // one answer

    QJsonObject toJson() const;
    static Result<EvaluateParams> fromJson(const QJsonObject &json);
};

} // namespace apedesk::distill
