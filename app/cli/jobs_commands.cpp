// apedesk-cli jobs: the distillation job queue without a window. `add …` and `add-pipeline` put jobs
// in the queue database, `list` shows it, `run` works through it on this process until nothing is left
// to run (or SIGINT / SIGTERM: running jobs stop and are queued again, so the next `run` resumes
// them), and `cancel` / `retry` / `pause` / `resume` steer single jobs. Every subcommand takes
// --db FILE (default: the app's own database), so the app and the CLI can share one queue.

#include "commandline.h"
#include "options.h"
#include "walletoptions.h"

#include "common/paths.h"
#include "common/unixsignals.h"
#include "distill/jobparams.h"
#include "distill/jobqueue.h"
#include "distill/jobrunners.h"
#include "distill/pipeline.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

#include <cmath>

namespace apedesk::cli {
namespace {

using namespace apedesk::distill;

const QStringList kCommonValued{QStringLiteral("--db")};
const QStringList kAddValued{QStringLiteral("--db"), QStringLiteral("--after"), QStringLiteral("--max-attempts"),
                             QStringLiteral("--title")};

QString databasePath(const ParsedArgs &args)
{
    return args.has(QStringLiteral("--db")) ? args.value(QStringLiteral("--db")) : Paths::database();
}

Result<std::unique_ptr<JobQueue>> openQueue(const ParsedArgs &args)
{
    auto queue = std::make_unique<JobQueue>(defaultRunners());
    const QString path = databasePath(args);
    if (Status opened = queue->open(path); !opened)
        return opened.error();
    return queue;
}

QString absolute(const QString &path)
{
    return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
}

// A required option's value, or a usage error naming it.
Result<QString> required(const ParsedArgs &args, const QString &name, const QString &command)
{
    if (!args.has(name) || args.value(name).isEmpty())
        return usage(Cli::tr("%1 needs %2").arg(command, name));
    return args.value(name);
}

// --after ID[,ID...]: the jobs this one waits for.
Result<QList<qint64>> afterOption(const ParsedArgs &args)
{
    QList<qint64> ids;
    if (!args.has(QStringLiteral("--after")))
        return ids;
    for (const QString &part : args.value(QStringLiteral("--after")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.trimmed().toLongLong(&ok);
        if (!ok || id <= 0)
            return usage(Cli::tr("--after takes job ids separated by commas, not \"%1\"").arg(part));
        ids.append(id);
    }
    return ids;
}

// The options every `jobs add KIND` shares: --after, --max-attempts, --title.
Status applyCommon(const ParsedArgs &args, JobSpec &spec)
{
    const Result<QList<qint64>> after = afterOption(args);
    if (!after)
        return after.error();
    spec.dependsOn = *after;
    const Result<qint64> attempts = intOption(args, QStringLiteral("--max-attempts"), spec.maxAttempts, 1, 100);
    if (!attempts)
        return attempts.error();
    spec.maxAttempts = int(*attempts);
    if (args.has(QStringLiteral("--title")))
        spec.title = args.value(QStringLiteral("--title"));
    return {};
}

QJsonObject addedJson(qint64 id, const JobSpec &spec)
{
    return {{QStringLiteral("event"), QStringLiteral("added")},
            {QStringLiteral("id"), id},
            {QStringLiteral("kind"), jobKindKey(spec.kind)},
            {QStringLiteral("title"), spec.title.isEmpty() ? jobKindTitle(spec.kind) : spec.title}};
}

// Adds the specs as one chain (each after the one before; the first after --after) and prints them.
int addChain(const ParsedArgs &args, QList<JobSpec> specs, const QString &pipelineName, const Output &out)
{
    Result<std::unique_ptr<JobQueue>> queue = openQueue(args);
    if (!queue)
        return fail(out, queue.error());
    PipelineSpec pipeline;
    pipeline.name = pipelineName;
    for (int i = 0; i < specs.size(); ++i) {
        if (i > 0) {
            specs[i].dependsOnIndex = {i - 1};
            specs[i].dependsOn.clear();
        }
        specs[i].pipeline = pipelineName;
        pipeline.jobs.append(specs[i]);
    }
    const Result<QList<qint64>> ids = (*queue)->addPipeline(pipeline);
    if (!ids)
        return fail(out, ids.error());
    for (int i = 0; i < ids->size(); ++i)
        out.record(addedJson(ids->at(i), pipeline.jobs.at(i)));
    return Ok;
}

int addOne(const ParsedArgs &args, const JobSpec &spec, const Output &out)
{
    Result<std::unique_ptr<JobQueue>> queue = openQueue(args);
    if (!queue)
        return fail(out, queue.error());
    const Result<qint64> id = (*queue)->add(spec);
    if (!id)
        return fail(out, id.error());
    out.record(addedJson(*id, spec));
    return Ok;
}

int addTeacher(const QStringList &rest, const Output &out)
{
    QStringList valued = kAddValued;
    valued << QStringLiteral("--endpoint") << QStringLiteral("--model") << QStringLiteral("--api-key-env")
           << QStringLiteral("--data") << QStringLiteral("--samples") << QStringLiteral("--out") << QStringLiteral("--seed")
           << QStringLiteral("--rpm") << QStringLiteral("--max-retries") << QStringLiteral("--temperature")
           << QStringLiteral("--max-tokens") << QStringLiteral("--timeout") << QStringLiteral("--usd-per-mtok-in")
           << QStringLiteral("--usd-per-mtok-out");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs add teacher")); !none)
        return fail(out, none.error());
    TeacherParams params;
    const Result<QString> data = required(args, QStringLiteral("--data"), QStringLiteral("jobs add teacher"));
    if (!data)
        return fail(out, data.error());
    const Result<QString> outDir = required(args, QStringLiteral("--out"), QStringLiteral("jobs add teacher"));
    if (!outDir)
        return fail(out, outDir.error());
    params.dataPath = absolute(*data);
    params.outDir = absolute(*outDir);
    if (args.has(QStringLiteral("--endpoint")))
        params.endpoint = args.value(QStringLiteral("--endpoint"));
    if (args.has(QStringLiteral("--model")))
        params.model = args.value(QStringLiteral("--model"));
    params.apiKeyEnv = args.value(QStringLiteral("--api-key-env"));
    const Result<qint64> samples = intOption(args, QStringLiteral("--samples"), params.samples, 1, 10000000);
    const Result<qint64> seed = intOption(args, QStringLiteral("--seed"), qint64(params.seed), 0, 9007199254740991LL);
    const Result<double> rpm = numberOption(args, QStringLiteral("--rpm"), params.requestsPerMinute, 0.01, 100000);
    const Result<qint64> retries = intOption(args, QStringLiteral("--max-retries"), params.maxRetriesPerSample, 0, 1000);
    const Result<double> temperature = numberOption(args, QStringLiteral("--temperature"), params.temperature, 0, 2);
    const Result<qint64> maxTokens = intOption(args, QStringLiteral("--max-tokens"), params.maxTokens, 1, 1000000);
    const Result<double> timeout = numberOption(args, QStringLiteral("--timeout"), params.timeoutMs / 1000.0, 0.1, 3600);
    const Result<double> priceIn = numberOption(args, QStringLiteral("--usd-per-mtok-in"), params.inputUsdPerMTok, 0, 1e6);
    const Result<double> priceOut = numberOption(args, QStringLiteral("--usd-per-mtok-out"), params.outputUsdPerMTok, 0, 1e6);
    for (const Error *error : {samples ? nullptr : &samples.error(), seed ? nullptr : &seed.error(),
                               rpm ? nullptr : &rpm.error(), retries ? nullptr : &retries.error(),
                               temperature ? nullptr : &temperature.error(), maxTokens ? nullptr : &maxTokens.error(),
                               timeout ? nullptr : &timeout.error(), priceIn ? nullptr : &priceIn.error(),
                               priceOut ? nullptr : &priceOut.error()})
        if (error)
            return fail(out, *error);
    params.samples = int(*samples);
    params.seed = quint64(*seed);
    params.requestsPerMinute = *rpm;
    params.maxRetriesPerSample = int(*retries);
    params.temperature = *temperature;
    params.maxTokens = int(*maxTokens);
    params.timeoutMs = int(std::lround(*timeout * 1000));
    params.inputUsdPerMTok = *priceIn;
    params.outputUsdPerMTok = *priceOut;
    if (!QFileInfo::exists(params.dataPath))
        return fail(out, usage(Cli::tr("jobs add teacher: the data file %1 does not exist").arg(params.dataPath)));

    JobSpec spec;
    spec.kind = JobKind::Teacher;
    spec.params = params.toJson();
    spec.title = Cli::tr("Teacher %1: %2 samples").arg(params.model).arg(params.samples);
    if (Status common = applyCommon(args, spec); !common)
        return fail(out, common.error());
    return addOne(args, spec, out);
}

int addPrepare(const QStringList &rest, const Output &out)
{
    QStringList valued = kAddValued;
    valued << QStringLiteral("--from") << QStringLiteral("--out") << QStringLiteral("--seed")
           << QStringLiteral("--base-model") << QStringLiteral("--iters") << QStringLiteral("--adapters")
           << QStringLiteral("--train") << QStringLiteral("--valid");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs add prepare")); !none)
        return fail(out, none.error());
    const Result<QString> from = required(args, QStringLiteral("--from"), QStringLiteral("jobs add prepare"));
    if (!from)
        return fail(out, from.error());
    const Result<QString> outDir = required(args, QStringLiteral("--out"), QStringLiteral("jobs add prepare"));
    if (!outDir)
        return fail(out, outDir.error());
    PrepareParams params;
    params.from = absolute(*from);
    params.outDir = absolute(*outDir);
    params.adapterPath = absolute(args.value(QStringLiteral("--adapters")));
    if (args.has(QStringLiteral("--base-model")))
        params.baseModel = args.value(QStringLiteral("--base-model"));
    const Result<qint64> seed = intOption(args, QStringLiteral("--seed"), qint64(params.seed), 0, 9007199254740991LL);
    const Result<qint64> iters = intOption(args, QStringLiteral("--iters"), params.iters, 1, 100000000);
    const Result<double> train = numberOption(args, QStringLiteral("--train"), params.trainFraction, 0.01, 1);
    const Result<double> valid = numberOption(args, QStringLiteral("--valid"), params.validFraction, 0, 0.99);
    for (const Error *error : {seed ? nullptr : &seed.error(), iters ? nullptr : &iters.error(),
                               train ? nullptr : &train.error(), valid ? nullptr : &valid.error()})
        if (error)
            return fail(out, *error);
    params.seed = quint64(*seed);
    params.iters = int(*iters);
    params.trainFraction = *train;
    params.validFraction = *valid;
    const Result<PrepareParams> checked = PrepareParams::fromJson(params.toJson());
    if (!checked)
        return fail(out, usage(checked.error().message));

    JobSpec spec;
    spec.kind = JobKind::Prepare;
    spec.params = params.toJson();
    if (Status common = applyCommon(args, spec); !common)
        return fail(out, common.error());
    return addOne(args, spec, out);
}

// ToolCommands with the --*-command options applied.
ToolCommands commandsFrom(const ParsedArgs &args)
{
    ToolCommands commands;
    if (args.has(QStringLiteral("--finetune-command")))
        commands.fineTune = args.value(QStringLiteral("--finetune-command"));
    if (args.has(QStringLiteral("--fuse-command")))
        commands.fuse = args.value(QStringLiteral("--fuse-command"));
    if (args.has(QStringLiteral("--convert-command")))
        commands.convert = args.value(QStringLiteral("--convert-command"));
    if (args.has(QStringLiteral("--quantize-command")))
        commands.quantize = args.value(QStringLiteral("--quantize-command"));
    if (args.has(QStringLiteral("--register-command")))
        commands.registerModel = args.value(QStringLiteral("--register-command"));
    if (args.has(QStringLiteral("--llama-cpp")))
        commands.llamaCppDir = absolute(args.value(QStringLiteral("--llama-cpp")));
    return commands;
}

const QStringList kCommandOptions{QStringLiteral("--finetune-command"), QStringLiteral("--fuse-command"),
                                  QStringLiteral("--convert-command"), QStringLiteral("--quantize-command"),
                                  QStringLiteral("--register-command"), QStringLiteral("--llama-cpp")};

Result<QStringList> expanded(const QString &templateText, const QHash<QString, QString> &values)
{
    Result<QStringList> argv = expandCommand(templateText, values);
    if (!argv)
        return usage(argv.error().message);
    return argv;
}

int addFineTune(const QStringList &rest, const Output &out)
{
    QStringList valued = kAddValued + kCommandOptions;
    valued << QStringLiteral("--config") << QStringLiteral("--iters") << QStringLiteral("--adapters");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs add finetune")); !none)
        return fail(out, none.error());
    const Result<QString> config = required(args, QStringLiteral("--config"), QStringLiteral("jobs add finetune"));
    if (!config)
        return fail(out, config.error());
    const Result<qint64> iters = intOption(args, QStringLiteral("--iters"), 0, 0, 100000000);
    if (!iters)
        return fail(out, iters.error());
    const QString configPath = absolute(*config);
    const QString adapters = args.has(QStringLiteral("--adapters"))
        ? absolute(args.value(QStringLiteral("--adapters")))
        : QFileInfo(configPath).dir().filePath(QStringLiteral("adapters"));
    const Result<QStringList> command = expanded(commandsFrom(args).fineTune,
                                                 {{QStringLiteral("config"), configPath}, {QStringLiteral("adapters"), adapters}});
    if (!command)
        return fail(out, command.error());
    ToolParams params;
    params.command = *command;
    params.totalIters = int(*iters);
    params.workingDirectory = QFileInfo(configPath).absolutePath();
    JobSpec spec;
    spec.kind = JobKind::FineTune;
    spec.params = params.toJson();
    if (Status common = applyCommon(args, spec); !common)
        return fail(out, common.error());
    return addOne(args, spec, out);
}

// fuse → convert → quantise → register, as one chain.
int addDeploy(const QStringList &rest, const Output &out)
{
    QStringList valued = kAddValued + kCommandOptions;
    valued << QStringLiteral("--model") << QStringLiteral("--adapters") << QStringLiteral("--out")
           << QStringLiteral("--name") << QStringLiteral("--quant");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs add deploy")); !none)
        return fail(out, none.error());
    const Result<QString> adapters = required(args, QStringLiteral("--adapters"), QStringLiteral("jobs add deploy"));
    if (!adapters)
        return fail(out, adapters.error());
    const Result<QString> outDir = required(args, QStringLiteral("--out"), QStringLiteral("jobs add deploy"));
    if (!outDir)
        return fail(out, outDir.error());
    DeployOptions deploy;
    deploy.adaptersDir = absolute(*adapters);
    deploy.outDir = absolute(*outDir);
    deploy.baseModel = args.has(QStringLiteral("--model")) ? args.value(QStringLiteral("--model")) : PipelineOptions().baseModel;
    deploy.quantization = args.has(QStringLiteral("--quant")) ? args.value(QStringLiteral("--quant")) : PipelineOptions().quantization;
    deploy.studentName = args.has(QStringLiteral("--name")) ? args.value(QStringLiteral("--name")) : PipelineOptions().studentName;
    deploy.commands = commandsFrom(args);
    // The same chain and layout as a pipeline's deploy part.
    Result<QList<JobSpec>> built = buildDeployJobs(deploy);
    if (!built)
        return fail(out, built.error());
    QList<JobSpec> specs = *built;
    const QDir root(deploy.outDir);
    if (Status common = applyCommon(args, specs[0]); !common)
        return fail(out, common.error());
    if (!QDir().mkpath(root.filePath(QStringLiteral("gguf"))))
        return fail(out, Error::make(Error::Kind::Io, Cli::tr("Could not create the folder %1.").arg(root.filePath(QStringLiteral("gguf")))));
    return addChain(args, specs, args.value(QStringLiteral("--title")), out);
}

int addEvaluate(const QStringList &rest, const Output &out)
{
    QStringList valued = kAddValued;
    valued << QStringLiteral("--test") << QStringLiteral("--models") << QStringLiteral("--ollama") << QStringLiteral("--limit")
           << QStringLiteral("--temperature") << QStringLiteral("--timeout");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs add evaluate")); !none)
        return fail(out, none.error());
    const Result<QString> test = required(args, QStringLiteral("--test"), QStringLiteral("jobs add evaluate"));
    if (!test)
        return fail(out, test.error());
    const Result<QString> models = required(args, QStringLiteral("--models"), QStringLiteral("jobs add evaluate"));
    if (!models)
        return fail(out, models.error());
    EvaluateParams params;
    params.testFile = absolute(*test);
    for (const QString &model : models->split(QLatin1Char(','), Qt::SkipEmptyParts))
        params.models.append(model.trimmed());
    if (args.has(QStringLiteral("--ollama")))
        params.ollamaUrl = args.value(QStringLiteral("--ollama"));
    const Result<qint64> limit = intOption(args, QStringLiteral("--limit"), 0, 0, 100000000);
    const Result<double> temperature = numberOption(args, QStringLiteral("--temperature"), params.temperature, 0, 2);
    const Result<double> timeout = numberOption(args, QStringLiteral("--timeout"), params.timeoutMs / 1000.0, 0.1, 3600);
    for (const Error *error : {limit ? nullptr : &limit.error(), temperature ? nullptr : &temperature.error(),
                               timeout ? nullptr : &timeout.error()})
        if (error)
            return fail(out, *error);
    params.limit = int(*limit);
    params.temperature = *temperature;
    params.timeoutMs = int(std::lround(*timeout * 1000));
    JobSpec spec;
    spec.kind = JobKind::Evaluate;
    spec.params = params.toJson();
    spec.title = Cli::tr("Evaluate %1").arg(params.models.join(QStringLiteral(", ")));
    if (Status common = applyCommon(args, spec); !common)
        return fail(out, common.error());
    return addOne(args, spec, out);
}

int addCommand(const QStringList &args, const Output &out)
{
    const QString kind = args.value(0);
    if (kind == QLatin1String("teacher"))
        return addTeacher(args.mid(1), out);
    if (kind == QLatin1String("prepare"))
        return addPrepare(args.mid(1), out);
    if (kind == QLatin1String("finetune"))
        return addFineTune(args.mid(1), out);
    if (kind == QLatin1String("deploy"))
        return addDeploy(args.mid(1), out);
    if (kind == QLatin1String("evaluate"))
        return addEvaluate(args.mid(1), out);
    return out.fail(UsageError, Cli::tr("jobs add: name a kind: teacher, prepare, finetune, deploy or evaluate"));
}

int addPipelineCommand(const QStringList &rest, const Output &out)
{
    QStringList valued = QStringList{QStringLiteral("--db")} + kCommandOptions;
    valued << QStringLiteral("--data") << QStringLiteral("--dqn-dataset") << QStringLiteral("--out") << QStringLiteral("--name")
           << QStringLiteral("--samples") << QStringLiteral("--endpoint") << QStringLiteral("--model")
           << QStringLiteral("--api-key-env") << QStringLiteral("--rpm") << QStringLiteral("--base-model")
           << QStringLiteral("--iters") << QStringLiteral("--quant") << QStringLiteral("--ollama")
           << QStringLiteral("--student") << QStringLiteral("--compare");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {QStringLiteral("--no-deploy"), QStringLiteral("--no-evaluate")});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs add-pipeline")); !none)
        return fail(out, none.error());
    const Result<QString> outDir = required(args, QStringLiteral("--out"), QStringLiteral("jobs add-pipeline"));
    if (!outDir)
        return fail(out, outDir.error());
    if (args.has(QStringLiteral("--data")) == args.has(QStringLiteral("--dqn-dataset")))
        return fail(out, usage(Cli::tr("jobs add-pipeline needs one source: --data FILE.csv (teacher generation) or "
                                       "--dqn-dataset FILE (a DQN trader export)")));
    PipelineOptions options;
    options.rootDir = absolute(*outDir);
    options.name = args.value(QStringLiteral("--name"));
    options.dataPath = absolute(args.value(QStringLiteral("--data")));
    options.dqnDataset = absolute(args.value(QStringLiteral("--dqn-dataset")));
    const auto text = [&args](const char *name, QString &field) {
        if (args.has(QLatin1String(name)))
            field = args.value(QLatin1String(name));
    };
    text("--endpoint", options.teacherEndpoint);
    text("--model", options.teacherModel);
    text("--api-key-env", options.apiKeyEnv);
    text("--base-model", options.baseModel);
    text("--quant", options.quantization);
    text("--ollama", options.ollamaUrl);
    text("--student", options.studentName);
    text("--compare", options.baseOllamaModel);
    if (options.baseOllamaModel == QLatin1String("none"))
        options.baseOllamaModel.clear();
    const Result<qint64> samples = intOption(args, QStringLiteral("--samples"), options.samples, 1, 10000000);
    const Result<qint64> iters = intOption(args, QStringLiteral("--iters"), options.iters, 1, 100000000);
    const Result<double> rpm = numberOption(args, QStringLiteral("--rpm"), options.requestsPerMinute, 0.01, 100000);
    for (const Error *error : {samples ? nullptr : &samples.error(), iters ? nullptr : &iters.error(), rpm ? nullptr : &rpm.error()})
        if (error)
            return fail(out, *error);
    options.samples = int(*samples);
    options.iters = int(*iters);
    options.requestsPerMinute = *rpm;
    options.deploy = !args.has(QStringLiteral("--no-deploy"));
    options.evaluate = options.deploy && !args.has(QStringLiteral("--no-evaluate"));
    options.commands = commandsFrom(args);

    const Result<PipelineSpec> pipeline = buildPipeline(options);
    if (!pipeline)
        return fail(out, usage(pipeline.error().message));
    Result<std::unique_ptr<JobQueue>> queue = openQueue(args);
    if (!queue)
        return fail(out, queue.error());
    const Result<QList<qint64>> ids = (*queue)->addPipeline(*pipeline);
    if (!ids)
        return fail(out, ids.error());
    for (int i = 0; i < ids->size(); ++i) {
        QJsonObject added = addedJson(ids->at(i), pipeline->jobs.at(i));
        added.insert(QStringLiteral("pipeline"), pipeline->name);
        out.record(added);
    }
    return Ok;
}

QString percentText(double fraction)
{
    return QString::number(std::round(fraction * 1000) / 10, 'f', 1) + QLatin1Char('%');
}

int listCommand(const QStringList &rest, const Output &out)
{
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, kCommonValued, {});
    if (!parsed)
        return fail(out, parsed.error());
    if (Status none = noPositional(*parsed, QStringLiteral("jobs list")); !none)
        return fail(out, none.error());
    Result<std::unique_ptr<JobQueue>> queue = openQueue(*parsed);
    if (!queue)
        return fail(out, queue.error());
    const QList<JobRecord> jobs = (*queue)->jobs();
    if (out.json()) {
        for (const JobRecord &job : jobs)
            out.record(job.toJson());
        return Ok;
    }
    if (jobs.isEmpty()) {
        out.text(Cli::tr("The queue is empty."));
        return Ok;
    }
    out.text(QStringLiteral("%1  %2  %3  %4  %5  %6")
                 .arg(Cli::tr("ID").rightJustified(4), Cli::tr("STATE").leftJustified(8), Cli::tr("KIND").leftJustified(8),
                      Cli::tr("PROGRESS").rightJustified(8), Cli::tr("COST").rightJustified(9), Cli::tr("TITLE")));
    for (const JobRecord &job : jobs) {
        QString title = job.title.isEmpty() ? jobKindTitle(job.kind) : job.title;
        if (!job.progressText.isEmpty() && job.state == JobState::Running)
            title += QStringLiteral(" — ") + job.progressText;
        if (!job.error.isEmpty() && job.state != JobState::Done)
            title += QStringLiteral(" — ") + job.error;
        out.text(QStringLiteral("%1  %2  %3  %4  %5  %6")
                     .arg(QString::number(job.id).rightJustified(4), jobStateKey(job.state).leftJustified(8),
                          jobKindKey(job.kind).leftJustified(8), percentText(job.progress).rightJustified(8),
                          QString(QStringLiteral("$") + QString::number(job.costUsd, 'f', 4)).rightJustified(9), title));
    }
    return Ok;
}

// One of cancel / retry / pause / resume on job ID.
int steerCommand(const QString &verb, const QStringList &rest, const Output &out)
{
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, kCommonValued, {});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    bool ok = false;
    const qint64 id = args.positional().value(0).toLongLong(&ok);
    if (args.positional().size() != 1 || !ok || id <= 0)
        return out.fail(UsageError, Cli::tr("jobs %1 takes one job id").arg(verb));
    Result<std::unique_ptr<JobQueue>> queue = openQueue(args);
    if (!queue)
        return fail(out, queue.error());
    JobQueue &jobs = **queue;
    Status status;
    if (verb == QLatin1String("cancel"))
        status = jobs.cancel(id);
    else if (verb == QLatin1String("retry"))
        status = jobs.retry(id);
    else if (verb == QLatin1String("pause"))
        status = jobs.pause(id);
    else
        status = jobs.resume(id);
    // A well-formed request the queue refuses (no such job, not in a state that allows it) is a
    // failure (exit 1), not a usage error.
    if (!status)
        return out.fail(Failure, status.error().toString());
    const std::optional<JobRecord> job = jobs.job(id);
    QJsonObject record{{QStringLiteral("event"), verb},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("state"), job ? jobStateKey(job->state) : QString()}};
    // Another process (the app, another `jobs run`) runs it: it stops within about a second.
    if (job && job->state == JobState::Running && !jobs.isRunningHere(id))
        record.insert(QStringLiteral("note"), Cli::tr("asked the process running it to stop"));
    out.record(record);
    return Ok;
}

// Prints each job's state changes (and, with --progress, its progress) while `run` works.
class RunPrinter
{
public:
    RunPrinter(const Output &out, bool progress) : m_out(out), m_progress(progress) {}

    void changed(const JobRecord &job)
    {
        const JobState last = m_states.value(job.id, JobState::Queued);
        const bool stateChanged = !m_states.contains(job.id) ? job.state != JobState::Queued : last != job.state;
        m_states.insert(job.id, job.state);
        if (stateChanged) {
            QJsonObject record{{QStringLiteral("event"), QStringLiteral("state")},
                               {QStringLiteral("id"), job.id},
                               {QStringLiteral("kind"), jobKindKey(job.kind)},
                               {QStringLiteral("state"), jobStateKey(job.state)},
                               {QStringLiteral("attempts"), job.attempts}};
            if (!job.error.isEmpty() && job.state != JobState::Done && job.state != JobState::Running)
                record.insert(QStringLiteral("error"), job.error);
            if (job.state == JobState::Done)
                record.insert(QStringLiteral("result"), job.result);
            if (m_out.json())
                m_out.record(record);
            else {
                QString line = Cli::tr("job %1 (%2): %3").arg(job.id).arg(jobKindKey(job.kind), jobStateTitle(job.state));
                if (record.contains(QStringLiteral("error")))
                    line += QStringLiteral(" — ") + job.error;
                m_out.text(line);
            }
            return;
        }
        if (m_progress && job.state == JobState::Running) {
            const int permille = int(std::lround(job.progress * 1000));
            if (permille == m_permille.value(job.id, -1))
                return;
            m_permille.insert(job.id, permille);
            QJsonObject record{{QStringLiteral("event"), QStringLiteral("progress")},
                               {QStringLiteral("id"), job.id},
                               {QStringLiteral("progress"), job.progress},
                               {QStringLiteral("text"), job.progressText},
                               {QStringLiteral("eta_seconds"), job.etaSeconds}};
            if (m_out.json())
                m_out.record(record);
            else
                QTextStream(stderr) << Cli::tr("job %1: %2 %3").arg(job.id).arg(percentText(job.progress), job.progressText) << '\n';
        }
    }

private:
    const Output &m_out;
    bool m_progress;
    QHash<qint64, JobState> m_states;
    QHash<qint64, int> m_permille;
};

int runCommand(const QStringList &rest, const Output &out)
{
    QStringList valued = kCommonValued;
    valued << QStringLiteral("--network") << QStringLiteral("--cpu") << QStringLiteral("--gpu");
    const Result<ParsedArgs> parsed = ParsedArgs::parse(rest, valued, {QStringLiteral("--progress")});
    if (!parsed)
        return fail(out, parsed.error());
    const ParsedArgs &args = *parsed;
    if (Status none = noPositional(args, QStringLiteral("jobs run")); !none)
        return fail(out, none.error());
    ResourceLimits limits;
    const Result<qint64> network = intOption(args, QStringLiteral("--network"), limits.network, 1, 64);
    const Result<qint64> cpu = intOption(args, QStringLiteral("--cpu"), limits.cpu, 1, 64);
    const Result<qint64> gpu = intOption(args, QStringLiteral("--gpu"), limits.gpu, 1, 64);
    for (const Error *error : {network ? nullptr : &network.error(), cpu ? nullptr : &cpu.error(), gpu ? nullptr : &gpu.error()})
        if (error)
            return fail(out, *error);
    limits.network = int(*network);
    limits.cpu = int(*cpu);
    limits.gpu = int(*gpu);

    Result<std::unique_ptr<JobQueue>> opened = openQueue(args);
    if (!opened)
        return fail(out, opened.error());
    JobQueue &queue = **opened;
    queue.setLimits(limits);

    RunPrinter printer(out, args.has(QStringLiteral("--progress")));
    QEventLoop loop;
    bool interrupted = false;
    std::optional<Error> storeError;
    QObject::connect(&queue, &JobQueue::jobChanged, &loop, [&printer](const JobRecord &job) { printer.changed(job); });
    QObject::connect(&queue, &JobQueue::drained, &loop, &QEventLoop::quit);
    QObject::connect(&queue, &JobQueue::storeFailed, &loop, [&storeError, &loop](const Error &error) {
        storeError = error;
        loop.quit();
    });
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &loop, [&interrupted, &loop] {
        interrupted = true;
        loop.quit();
    });
    queue.start();
    if (queue.hasPendingWork())
        loop.exec();
    // Running jobs stop and are queued again, so the next `jobs run` resumes them.
    queue.shutdown();

    int done = 0, failed = 0, blocked = 0, other = 0;
    double cost = 0;
    for (const JobRecord &job : queue.jobs()) {
        cost += job.costUsd;
        if (job.state == JobState::Done)
            ++done;
        else if (job.state == JobState::Failed)
            ++failed;
        else if (job.state == JobState::Queued && !interrupted)
            ++blocked;
        else
            ++other;
    }
    out.record({{QStringLiteral("event"), QStringLiteral("end")},
                {QStringLiteral("interrupted"), interrupted},
                {QStringLiteral("done"), done},
                {QStringLiteral("failed"), failed},
                {QStringLiteral("blocked"), blocked},
                {QStringLiteral("other"), other},
                {QStringLiteral("cost_usd"), cost}});
    if (storeError)
        return fail(out, *storeError);
    if (interrupted)
        return out.fail(Failure, Cli::tr("jobs run: interrupted; running jobs were queued again, `jobs run` resumes them"));
    if (failed > 0)
        return out.fail(Failure, Cli::tr("jobs run: %n job(s) failed; see `jobs list`", nullptr, failed));
    return Ok;
}

} // namespace

int jobsCommand(const QStringList &rawArgs, const Output &globalOut)
{
    // --json may also come after the subcommand, as every subcommand documents it.
    QStringList args = rawArgs;
    const bool json = args.removeAll(QStringLiteral("--json")) > 0 || globalOut.json();
    const Output out(json);
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return addCommand(args.mid(1), out);
    if (sub == QLatin1String("add-pipeline"))
        return addPipelineCommand(args.mid(1), out);
    if (sub == QLatin1String("list"))
        return listCommand(args.mid(1), out);
    if (sub == QLatin1String("run"))
        return runCommand(args.mid(1), out);
    if (sub == QLatin1String("cancel") || sub == QLatin1String("retry") || sub == QLatin1String("pause")
        || sub == QLatin1String("resume"))
        return steerCommand(sub, args.mid(1), out);
    if (sub.isEmpty())
        return out.fail(UsageError, Cli::tr("jobs: name a subcommand: add, add-pipeline, list, run, cancel, retry, pause or resume"));
    return out.fail(UsageError, Cli::tr("jobs: unknown subcommand %1 (add, add-pipeline, list, run, cancel, retry, pause, resume)").arg(sub));
}

} // namespace apedesk::cli
