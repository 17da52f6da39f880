#include "pipeline.h"

#include "common/settings.h"

#include "jobparams.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace apedesk::distill {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::distill::Pipeline", text);
}

Error optionError(const QString &message)
{
    return Error::make(Error::Kind::Usage, message);
}

// The pipeline's folder layout (seed facts §6's files, one folder per pipeline).
struct Layout
{
    QString root;
    QString teacher, dataset, config, testFile, adapters, adapterFile, fused, fusedConfig, ggufF16, gguf, modelfile;

    Layout(const QString &rootDir, const QString &quantization)
    {
        const QDir dir(rootDir);
        root = dir.absolutePath();
        teacher = dir.filePath(QStringLiteral("teacher"));
        dataset = dir.filePath(QStringLiteral("dataset"));
        config = dir.filePath(QStringLiteral("dataset/lora_config.yaml"));
        testFile = dir.filePath(QStringLiteral("dataset/test.jsonl"));
        adapters = dir.filePath(QStringLiteral("adapters"));
        adapterFile = dir.filePath(QStringLiteral("adapters/adapters.safetensors"));   // what mlx_lm.lora saves
        fused = dir.filePath(QStringLiteral("fused"));
        fusedConfig = dir.filePath(QStringLiteral("fused/config.json"));              // mlx_lm.fuse always writes it
        ggufF16 = dir.filePath(QStringLiteral("gguf/model-f16.gguf"));
        gguf = dir.filePath(QStringLiteral("gguf/model-%1.gguf").arg(quantization.toLower()));
        modelfile = dir.filePath(QStringLiteral("Modelfile"));
    }
};

// The deploy chain's names, checked before anything is built.
Status checkDeployNames(const QString &quantization, const QString &studentName)
{
    static const QRegularExpression quantName(QStringLiteral("^[A-Za-z0-9_]+$"));
    if (!quantName.match(quantization).hasMatch())
        return optionError(tr("The quantisation (quantization) \"%1\" is not a llama-quantize type such as q4_k_m.").arg(quantization));
    if (studentName.isEmpty() || studentName.contains(QRegularExpression(QStringLiteral("\\s"))))
        return optionError(tr("The student's Ollama name (studentName) \"%1\" must be a name without spaces, such as trader-qwen:latest.").arg(studentName));
    return {};
}

// A command template of `commands` expanded; `label` names it for a person, `key` the option that holds it.
Result<QStringList> expandOption(const QString &text, const QHash<QString, QString> &values, const QString &label, const char *key)
{
    Result<QStringList> argv = expandCommand(text, values);
    if (!argv)
        return optionError(tr("The %1 command (commands.%2): %3").arg(label, QLatin1String(key), argv.error().message));
    return argv;
}

QString absoluteOrEmpty(const QString &path)
{
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

JobSpec toolJob(JobKind kind, const QString &title, const ToolParams &params, int previous, const QString &pipeline)
{
    JobSpec spec;
    spec.kind = kind;
    spec.title = title;
    spec.params = params.toJson();
    spec.pipeline = pipeline;
    if (previous >= 0)
        spec.dependsOnIndex = {previous};
    return spec;
}

Status checkName(const QString &name)
{
    if (name == QLatin1String(".") || name == QLatin1String("..") || name.contains(QLatin1Char('/'))
        || name.contains(QLatin1Char('\\')) || name.trimmed() != name)
        return optionError(tr("The pipeline name (name) \"%1\" must be a plain folder name: no slashes, not . or .., no leading or trailing spaces.").arg(name));
    return {};
}

} // namespace

Result<QStringList> expandCommand(const QString &templateText, const QHash<QString, QString> &values)
{
    // Words first, then placeholders inside each word: a value with spaces stays one argument.
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < templateText.size(); ++i) {
        const QChar c = templateText.at(i);
        if (quoted) {
            if (c == QLatin1Char('\\') && i + 1 < templateText.size()
                && (templateText.at(i + 1) == QLatin1Char('"') || templateText.at(i + 1) == QLatin1Char('\\'))) {
                word.append(templateText.at(++i));
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                word.append(c);
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word.append(c);
            inWord = true;
        }
    }
    if (quoted)
        return Error::make(Error::Kind::Usage, tr("The command \"%1\" has a quote that is not closed.").arg(templateText));
    if (inWord)
        words.append(word);
    if (words.isEmpty() || words.first().isEmpty())
        return Error::make(Error::Kind::Usage, tr("The command is empty."));

    static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    QStringList argv;
    for (const QString &part : std::as_const(words)) {
        QString expanded;
        qsizetype from = 0;
        QRegularExpressionMatchIterator it = placeholder.globalMatch(part);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const auto value = values.constFind(m.captured(1));
            if (value == values.constEnd()) {
                QStringList known = values.keys();
                known.sort();
                for (QString &key : known)
                    key = QLatin1Char('{') % key % QLatin1Char('}');
                return Error::make(Error::Kind::Usage, tr("The command \"%1\" uses the unknown placeholder %2; known ones are %3.")
                                                           .arg(templateText, m.captured(0), known.join(QLatin1Char(' '))));
            }
            expanded += part.mid(from, m.capturedStart() - from) + *value;
            from = m.capturedEnd();
        }
        expanded += part.mid(from);
        argv.append(expanded);
    }
    return argv;
}

QString modelfileText(const QString &ggufPath)
{
    // Ollama's Modelfile reads a quoted argument as one; a plain path needs no quotes.
    const QString from = ggufPath.contains(QRegularExpression(QStringLiteral("\\s")))
        ? QString(QLatin1Char('"') % ggufPath % QLatin1Char('"')) : ggufPath;
    return QStringLiteral("FROM ") % from % QStringLiteral("\n\n"
                                                            "PARAMETER temperature 0.3\n"
                                                            "PARAMETER top_p 0.9\n"
                                                            "PARAMETER top_k 40\n"
                                                            "PARAMETER repeat_penalty 1.1\n"
                                                            "PARAMETER num_ctx 4096\n");
}

Result<QList<JobSpec>> buildDeployJobs(const DeployOptions &options)
{
    if (options.adaptersDir.isEmpty())
        return optionError(tr("Choose the fine-tuned adapter folder (adaptersDir)."));
    if (options.outDir.isEmpty())
        return optionError(tr("Choose the folder the deployed model goes into (outDir)."));
    if (options.baseModel.isEmpty())
        return optionError(tr("Choose the base model the adapters were trained on (baseModel)."));
    if (Status names = checkDeployNames(options.quantization, options.studentName); !names)
        return names.error();
    const Layout paths(QFileInfo(options.outDir).absoluteFilePath(), options.quantization);
    const QHash<QString, QString> values{
        {QStringLiteral("model"), options.baseModel},
        {QStringLiteral("adapters"), absoluteOrEmpty(options.adaptersDir)},
        {QStringLiteral("fused"), paths.fused},
        {QStringLiteral("gguf_f16"), paths.ggufF16},
        {QStringLiteral("gguf"), paths.gguf},
        {QStringLiteral("quant"), options.quantization},
        {QStringLiteral("modelfile"), paths.modelfile},
        {QStringLiteral("name"), options.studentName},
        {QStringLiteral("llama_cpp"), absoluteOrEmpty(options.commands.llamaCppDir)},
    };
    Result<QStringList> fuse = expandOption(options.commands.fuse, values, tr("fuse"), "fuse");
    if (!fuse)
        return fuse.error();
    Result<QStringList> convert = expandOption(options.commands.convert, values, tr("convert"), "convert");
    if (!convert)
        return convert.error();
    Result<QStringList> quantize = expandOption(options.commands.quantize, values, tr("quantise"), "quantize");
    if (!quantize)
        return quantize.error();
    Result<QStringList> registerModel = expandOption(options.commands.registerModel, values, tr("register"), "registerModel");
    if (!registerModel)
        return registerModel.error();

    QList<JobSpec> jobs;
    ToolParams tool;
    tool.workingDirectory = paths.root;
    tool.command = *fuse;
    tool.outputs = {paths.fusedConfig};
    jobs.append(toolJob(JobKind::Fuse, tr("Fuse the adapters into %1").arg(options.baseModel), tool, -1, QString()));

    tool.command = *convert;
    tool.outputs = {paths.ggufF16};
    jobs.append(toolJob(JobKind::Convert, tr("Convert to GGUF (f16)"), tool, 0, QString()));

    tool.command = *quantize;
    tool.outputs = {paths.gguf};
    jobs.append(toolJob(JobKind::Quantize, tr("Quantise to %1").arg(options.quantization), tool, 1, QString()));

    tool.command = *registerModel;
    tool.outputs = {};
    tool.modelfilePath = paths.modelfile;
    tool.ggufPath = paths.gguf;
    tool.modelName = options.studentName;
    jobs.append(toolJob(JobKind::Register, tr("Register %1 with Ollama").arg(options.studentName), tool, 2, QString()));
    return jobs;
}

Result<PipelineSpec> buildPipeline(const PipelineOptions &options)
{
    const bool fromDqn = !options.dqnDataset.isEmpty();
    // --- validation, each error naming its option ---
    if (options.rootDir.isEmpty())
        return optionError(tr("Choose the folder the pipeline writes into (rootDir)."));
    const QString name = options.name.isEmpty()
        ? QStringLiteral("distill-") + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))
        : options.name;
    if (Status status = checkName(name); !status)
        return status.error();
    QString source;
    if (fromDqn) {
        source = QFileInfo(options.dqnDataset).absoluteFilePath();
        if (!QFileInfo(source).isFile())
            return optionError(tr("The DQN dataset (dqnDataset) %1 does not exist.").arg(options.dqnDataset));
    } else {
        if (options.dataPath.isEmpty())
            return optionError(tr("Choose the swap data for the teacher (dataPath) or a DQN dataset (dqnDataset)."));
        source = QFileInfo(options.dataPath).absoluteFilePath();
        if (!QFileInfo(source).isFile())
            return optionError(tr("The teacher's data file (dataPath) %1 does not exist.").arg(options.dataPath));
        if (options.samples < 1)
            return optionError(tr("The number of teacher samples (samples) must be at least 1."));
        const QUrl endpoint(options.teacherEndpoint);
        if (!endpoint.isValid() || !endpoint.scheme().startsWith(QLatin1String("http")) || endpoint.host().isEmpty())
            return optionError(tr("The teacher endpoint (teacherEndpoint) \"%1\" is not an http(s) address.").arg(options.teacherEndpoint));
        if (options.teacherModel.isEmpty())
            return optionError(tr("Choose the teacher model (teacherModel)."));
        if (!(options.requestsPerMinute > 0))
            return optionError(tr("The teacher's request rate (requestsPerMinute) must be above 0."));
    }
    if (options.baseModel.isEmpty())
        return optionError(tr("Choose the base model to fine-tune (baseModel)."));
    if (options.iters < 1)
        return optionError(tr("The fine-tune iterations (iters) must be at least 1."));
    if (options.evaluate && !options.deploy)
        return optionError(tr("Evaluation (evaluate) needs the model deployed (deploy)."));
    if (options.deploy)
        if (Status names = checkDeployNames(options.quantization, options.studentName); !names)
            return names.error();
    if (options.evaluate) {
        const QUrl url(options.ollamaUrl);
        if (!url.isValid() || !url.scheme().startsWith(QLatin1String("http")) || url.host().isEmpty())
            return optionError(tr("The Ollama address (ollamaUrl) \"%1\" is not an http(s) address.").arg(options.ollamaUrl));
    }

    const Layout paths(QDir(QFileInfo(options.rootDir).absoluteFilePath()).filePath(name), options.quantization);
    const QHash<QString, QString> values{
        {QStringLiteral("config"), paths.config},
        {QStringLiteral("model"), options.baseModel},
        {QStringLiteral("data"), paths.dataset},
        {QStringLiteral("adapters"), paths.adapters},
        {QStringLiteral("fused"), paths.fused},
        {QStringLiteral("gguf_f16"), paths.ggufF16},
        {QStringLiteral("gguf"), paths.gguf},
        {QStringLiteral("quant"), options.quantization},
        {QStringLiteral("modelfile"), paths.modelfile},
        {QStringLiteral("name"), options.studentName},
        {QStringLiteral("llama_cpp"), options.commands.llamaCppDir.isEmpty()
                                          ? QString() : QFileInfo(options.commands.llamaCppDir).absoluteFilePath()},
    };

    PipelineSpec pipeline;
    pipeline.name = name;
    const auto add = [&pipeline](JobSpec spec) { pipeline.jobs.append(std::move(spec)); };
    const auto last = [&pipeline] { return int(pipeline.jobs.size()) - 1; };

    // Teacher
    if (!fromDqn) {
        TeacherParams teacher;
        teacher.endpoint = options.teacherEndpoint;
        teacher.model = options.teacherModel;
        teacher.apiKeyEnv = options.apiKeyEnv;
        teacher.dataPath = source;
        teacher.samples = options.samples;
        teacher.outDir = paths.teacher;
        teacher.requestsPerMinute = options.requestsPerMinute;
        JobSpec spec;
        spec.kind = JobKind::Teacher;
        spec.title = tr("Teacher answers: %1 samples from %2").arg(options.samples).arg(options.teacherModel);
        spec.params = teacher.toJson();
        spec.pipeline = name;
        add(spec);
    }

    // Prepare
    {
        PrepareParams prepare;
        prepare.from = fromDqn ? source : paths.teacher;
        prepare.outDir = paths.dataset;
        prepare.baseModel = options.baseModel;
        prepare.adapterPath = paths.adapters;   // the YAML's adapter_path: where the fine-tune saves
        prepare.iters = options.iters;
        JobSpec spec;
        spec.kind = JobKind::Prepare;
        spec.title = fromDqn ? tr("Prepare the dataset from %1").arg(QFileInfo(source).fileName())
                             : tr("Prepare the dataset from the teacher's answers");
        spec.params = prepare.toJson();
        spec.pipeline = name;
        if (last() >= 0)
            spec.dependsOnIndex = {last()};
        add(spec);
    }

    // Fine-tune
    {
        Result<QStringList> argv = expandOption(options.commands.fineTune, values, tr("fine-tune"), "fineTune");
        if (!argv)
            return argv.error();
        ToolParams tool;
        tool.command = *argv;
        tool.workingDirectory = paths.root;
        tool.outputs = {paths.adapterFile};
        tool.totalIters = options.iters;
        add(toolJob(JobKind::FineTune, tr("Fine-tune %1 (%2 iters)").arg(options.baseModel).arg(options.iters), tool, last(), name));
    }

    if (options.deploy) {
        DeployOptions deploy;
        deploy.adaptersDir = paths.adapters;
        deploy.outDir = paths.root;
        deploy.baseModel = options.baseModel;
        deploy.quantization = options.quantization;
        deploy.studentName = options.studentName;
        deploy.commands = options.commands;
        Result<QList<JobSpec>> jobs = buildDeployJobs(deploy);
        if (!jobs)
            return jobs.error();
        const int fineTune = last();
        for (JobSpec job : std::as_const(*jobs)) {
            job.pipeline = name;
            job.dependsOnIndex = {fineTune + (job.dependsOnIndex.isEmpty() ? 0 : job.dependsOnIndex.first() + 1)};
            add(job);
        }
    }

    if (options.evaluate) {
        EvaluateParams evaluate;
        evaluate.ollamaUrl = options.ollamaUrl;
        evaluate.models = {options.studentName};
        if (!options.baseOllamaModel.isEmpty())
            evaluate.models.append(options.baseOllamaModel);
        evaluate.testFile = paths.testFile;
        JobSpec spec;
        spec.kind = JobKind::Evaluate;
        spec.title = options.baseOllamaModel.isEmpty()
            ? tr("Evaluate %1").arg(options.studentName)
            : tr("Evaluate %1 against %2").arg(options.studentName, options.baseOllamaModel);
        spec.params = evaluate.toJson();
        spec.pipeline = name;
        spec.dependsOnIndex = {last()};
        add(spec);
    }
    return pipeline;
}

ToolCommands toolCommandsFromSettings(const Settings &settings)
{
    ToolCommands commands;
    const auto take = [&settings](Settings::Key key, QString &field) {
        const QString value = settings.string(key).trimmed();
        if (!value.isEmpty())
            field = value;
    };
    take(Settings::Key::DistillFineTuneCommand, commands.fineTune);
    take(Settings::Key::DistillFuseCommand, commands.fuse);
    take(Settings::Key::DistillConvertCommand, commands.convert);
    take(Settings::Key::DistillQuantizeCommand, commands.quantize);
    take(Settings::Key::DistillRegisterCommand, commands.registerModel);
    take(Settings::Key::DistillLlamaCppDir, commands.llamaCppDir);
    return commands;
}

} // namespace apedesk::distill
