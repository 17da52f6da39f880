#pragma once
// The whole distillation chain from a few choices: teacher → prepare → fine-tune → fuse → convert →
// quantise → register → evaluate (seed facts §6's deployment), every path under one folder and every
// command filled in, so each job's parameters are complete when the pipeline is added.

#include "jobtypes.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace apedesk {
class Settings;
}

namespace apedesk::distill {

// External commands as templates; placeholders are replaced by whole arguments:
// {config} {model} {data} {adapters} {fused} {gguf_f16} {gguf} {quant} {modelfile} {name} {llama_cpp}
struct ToolCommands
{
    QString fineTune = QStringLiteral("mlx_lm.lora --config {config}");
    QString fuse = QStringLiteral("mlx_lm.fuse --model {model} --adapter-path {adapters} --save-path {fused}");
    QString convert = QStringLiteral("python3 {llama_cpp}/convert_hf_to_gguf.py {fused} --outfile {gguf_f16} --outtype f16");
    QString quantize = QStringLiteral("llama-quantize {gguf_f16} {gguf} {quant}");
    QString registerModel = QStringLiteral("ollama create {name} -f {modelfile}");
    QString llamaCppDir = QStringLiteral("llama.cpp");
};

// The commands the person set in Settings (an empty setting keeps the default above).
ToolCommands toolCommandsFromSettings(const Settings &settings);

struct PipelineOptions
{
    QString name;                    // also the folder's name; empty: "distill-<UTC time>"
    QString rootDir;                 // the pipeline's folder is rootDir/name
    // Source: teacher generation from swap data, or an existing DQN export (no teacher job then).
    QString dataPath;                // CSV for the teacher
    QString dqnDataset;              // a DQN export; when set, dataPath is ignored
    int samples = 100;
    QString teacherEndpoint = QStringLiteral("https://openrouter.ai/api/v1");
    QString teacherModel = QStringLiteral("qwen/qwq-32b");
    QString apiKeyEnv;
    double requestsPerMinute = 60;
    QString baseModel = QStringLiteral("Qwen/Qwen2.5-3B");
    int iters = 400;
    QString quantization = QStringLiteral("q4_k_m");
    QString ollamaUrl = QStringLiteral("http://127.0.0.1:11434");
    QString studentName = QStringLiteral("trader-qwen:latest");
    QString baseOllamaModel = QStringLiteral("qwen2.5:3b");   // evaluated beside the student; empty: none
    bool deploy = true;              // fuse, convert, quantise, register
    bool evaluate = true;            // needs deploy
    ToolCommands commands;
};

// Template → argv: split on whitespace (double quotes group), placeholders replaced. Unknown
// placeholders are an error that names them.
Result<QStringList> expandCommand(const QString &templateText, const QHash<QString, QString> &values);

// The jobs, in order, with dependsOnIndex set; errors name the option that is missing or wrong.
Result<PipelineSpec> buildPipeline(const PipelineOptions &options);

// The deploy chain of a fine-tuned adapter folder — fuse → convert → quantise → register — with its files
// under outDir: fused/ (fused/config.json, which mlx_lm.fuse always writes, marks it done),
// gguf/model-f16.gguf, gguf/model-<quantization in lower case>.gguf and the Modelfile. A pipeline ends with
// it (buildPipeline) and `apedesk-cli jobs add deploy` adds it alone: one layout for both.
struct DeployOptions
{
    QString adaptersDir;             // the fine-tune's adapter folder
    QString outDir;                  // where the fused model, the GGUF files and the Modelfile go
    QString baseModel;               // the model the adapters were trained on
    QString quantization;            // a llama-quantize type, e.g. q4_k_m
    QString studentName;             // the Ollama name, e.g. trader-qwen:latest
    ToolCommands commands;
};

// Four jobs in order, each depending on the one before (dependsOnIndex within the list), with titles;
// `pipeline` left empty. Errors (Usage) name the option that is wrong.
Result<QList<JobSpec>> buildDeployJobs(const DeployOptions &options);

// The Modelfile of seed facts §6: FROM the GGUF, temperature 0.3, top_p 0.9, top_k 40,
// repeat_penalty 1.1, num_ctx 4096, no system prompt.
QString modelfileText(const QString &ggufPath);

} // namespace apedesk::distill
