// The pipeline builder: command templates → argv, the job chain for a teacher or a DQN source with its
// folder layout, commands and dependencies, the deploy / evaluate switches, errors that name the
// option, and the Modelfile of seed facts §6. (The tool output parsers are tested in test_tool_jobs.)

#include "distill/jobparams.h"
#include "distill/pipeline.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::distill;

namespace {

const QHash<QString, QString> kValues{
    {QStringLiteral("config"), QStringLiteral("/p/dataset/lora_config.yaml")},
    {QStringLiteral("fused"), QStringLiteral("/my models/fused")},
    {QStringLiteral("llama_cpp"), QStringLiteral("/opt/llama.cpp")},
    {QStringLiteral("quant"), QStringLiteral("q4_k_m")},
};

QStringList argv(const QString &text)
{
    const Result<QStringList> result = expandCommand(text, kValues);
    return result.ok() ? result.value() : QStringList{QStringLiteral("ERROR: ") + result.error().message};
}

ToolParams tool(const JobSpec &spec)
{
    const Result<ToolParams> params = ToolParams::fromJson(spec.params);
    return params.ok() ? params.value() : ToolParams{};
}

} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_csv;
    QString m_dqn;

    PipelineOptions teacherOptions() const
    {
        PipelineOptions options;
        options.name = QStringLiteral("run1");
        options.rootDir = m_dir.filePath(QStringLiteral("pipelines"));
        options.dataPath = m_csv;
        return options;
    }
    QString root() const { return m_dir.filePath(QStringLiteral("pipelines/run1")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_csv = m_dir.filePath(QStringLiteral("swaps.csv"));
        m_dqn = m_dir.filePath(QStringLiteral("export.chat.jsonl"));
        for (const QString &path : {m_csv, m_dqn}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x\n");
        }
    }

    void expandsCommands()
    {
        QCOMPARE(argv(QStringLiteral("mlx_lm.lora --config {config}")),
                 (QStringList{QStringLiteral("mlx_lm.lora"), QStringLiteral("--config"), QStringLiteral("/p/dataset/lora_config.yaml")}));
        // A value with spaces stays one argument; a placeholder inside a word is filled in.
        QCOMPARE(argv(QStringLiteral("  python3\t{llama_cpp}/convert_hf_to_gguf.py   {fused} ")),
                 (QStringList{QStringLiteral("python3"), QStringLiteral("/opt/llama.cpp/convert_hf_to_gguf.py"), QStringLiteral("/my models/fused")}));
        // Double quotes group words, also in the middle of one; \" is a quote inside them.
        QCOMPARE(argv(QStringLiteral("\"/Applications/My Tools/llama-quantize\" --name=\"a b\" \"say \\\"hi\\\"\" \"\" {quant}")),
                 (QStringList{QStringLiteral("/Applications/My Tools/llama-quantize"), QStringLiteral("--name=a b"),
                              QStringLiteral("say \"hi\""), QString(), QStringLiteral("q4_k_m")}));
        // Braces that are no placeholder stay as they are.
        QCOMPARE(argv(QStringLiteral("tool {} {1x} --json={\"a\":1}")),
                 (QStringList{QStringLiteral("tool"), QStringLiteral("{}"), QStringLiteral("{1x}"), QStringLiteral("--json={a:1}")}));
    }

    void rejectsBadTemplates()
    {
        Result<QStringList> result = expandCommand(QStringLiteral("mlx_lm.lora --config {confg}"), kValues);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QLatin1String("{confg}")));
        QVERIFY(result.error().message.contains(QLatin1String("{config}")));   // what is known
        result = expandCommand(QStringLiteral("tool \"unclosed"), kValues);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QLatin1String("quote")));
        QVERIFY(!expandCommand(QStringLiteral("   "), kValues).ok());
        QVERIFY(!expandCommand(QStringLiteral("\"\" arg"), kValues).ok());
    }

    void buildsTheTeacherChain()
    {
        const Result<PipelineSpec> built = buildPipeline(teacherOptions());
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        const PipelineSpec &pipeline = built.value();
        QCOMPARE(pipeline.name, QStringLiteral("run1"));
        QList<JobKind> kinds;
        for (const JobSpec &spec : pipeline.jobs)
            kinds.append(spec.kind);
        QCOMPARE(kinds, (QList<JobKind>{JobKind::Teacher, JobKind::Prepare, JobKind::FineTune, JobKind::Fuse, JobKind::Convert,
                                        JobKind::Quantize, JobKind::Register, JobKind::Evaluate}));
        for (int i = 0; i < pipeline.jobs.size(); ++i) {
            QCOMPARE(pipeline.jobs[i].pipeline, QStringLiteral("run1"));
            QCOMPARE(pipeline.jobs[i].dependsOnIndex, i == 0 ? QList<int>{} : QList<int>{i - 1});
            QVERIFY(pipeline.jobs[i].dependsOn.isEmpty());
            QVERIFY(!pipeline.jobs[i].title.isEmpty());
        }

        const TeacherParams teacher = TeacherParams::fromJson(pipeline.jobs[0].params).value();
        QCOMPARE(teacher.dataPath, m_csv);
        QCOMPARE(teacher.outDir, root() + QStringLiteral("/teacher"));
        QCOMPARE(teacher.samples, 100);
        QCOMPARE(teacher.model, QStringLiteral("qwen/qwq-32b"));
        QCOMPARE(teacher.endpoint, QStringLiteral("https://openrouter.ai/api/v1"));

        const PrepareParams prepare = PrepareParams::fromJson(pipeline.jobs[1].params).value();
        QCOMPARE(prepare.from, root() + QStringLiteral("/teacher"));
        QCOMPARE(prepare.outDir, root() + QStringLiteral("/dataset"));
        QCOMPARE(prepare.adapterPath, root() + QStringLiteral("/adapters"));
        QCOMPARE(prepare.baseModel, QStringLiteral("Qwen/Qwen2.5-3B"));
        QCOMPARE(prepare.iters, 400);

        const ToolParams fineTune = tool(pipeline.jobs[2]);
        QCOMPARE(pipeline.jobs[2].title, QStringLiteral("Fine-tune Qwen/Qwen2.5-3B (400 iters)"));
        QCOMPARE(fineTune.command, (QStringList{QStringLiteral("mlx_lm.lora"), QStringLiteral("--config"),
                                                root() + QStringLiteral("/dataset/lora_config.yaml")}));
        QCOMPARE(fineTune.totalIters, 400);
        QCOMPARE(fineTune.outputs, QStringList{root() + QStringLiteral("/adapters/adapters.safetensors")});
        QCOMPARE(fineTune.workingDirectory, root());

        const ToolParams fuse = tool(pipeline.jobs[3]);
        QCOMPARE(fuse.command, (QStringList{QStringLiteral("mlx_lm.fuse"), QStringLiteral("--model"), QStringLiteral("Qwen/Qwen2.5-3B"),
                                            QStringLiteral("--adapter-path"), root() + QStringLiteral("/adapters"),
                                            QStringLiteral("--save-path"), root() + QStringLiteral("/fused")}));
        QCOMPARE(fuse.outputs, QStringList{root() + QStringLiteral("/fused/config.json")});

        const ToolParams convert = tool(pipeline.jobs[4]);
        QCOMPARE(convert.command, (QStringList{QStringLiteral("python3"), QDir::current().absoluteFilePath(QStringLiteral("llama.cpp/convert_hf_to_gguf.py")),
                                               root() + QStringLiteral("/fused"), QStringLiteral("--outfile"),
                                               root() + QStringLiteral("/gguf/model-f16.gguf"), QStringLiteral("--outtype"), QStringLiteral("f16")}));
        QCOMPARE(convert.outputs, QStringList{root() + QStringLiteral("/gguf/model-f16.gguf")});

        const ToolParams quantize = tool(pipeline.jobs[5]);
        QCOMPARE(quantize.command, (QStringList{QStringLiteral("llama-quantize"), root() + QStringLiteral("/gguf/model-f16.gguf"),
                                                root() + QStringLiteral("/gguf/model-q4_k_m.gguf"), QStringLiteral("q4_k_m")}));
        QCOMPARE(quantize.outputs, QStringList{root() + QStringLiteral("/gguf/model-q4_k_m.gguf")});

        const ToolParams registerModel = tool(pipeline.jobs[6]);
        QCOMPARE(registerModel.command, (QStringList{QStringLiteral("ollama"), QStringLiteral("create"), QStringLiteral("trader-qwen:latest"),
                                                     QStringLiteral("-f"), root() + QStringLiteral("/Modelfile")}));
        QCOMPARE(registerModel.modelfilePath, root() + QStringLiteral("/Modelfile"));
        QCOMPARE(registerModel.ggufPath, root() + QStringLiteral("/gguf/model-q4_k_m.gguf"));
        QCOMPARE(registerModel.modelName, QStringLiteral("trader-qwen:latest"));

        const EvaluateParams evaluate = EvaluateParams::fromJson(pipeline.jobs[7].params).value();
        QCOMPARE(evaluate.models, (QStringList{QStringLiteral("trader-qwen:latest"), QStringLiteral("qwen2.5:3b")}));
        QCOMPARE(evaluate.testFile, root() + QStringLiteral("/dataset/test.jsonl"));
        QCOMPARE(evaluate.ollamaUrl, QStringLiteral("http://127.0.0.1:11434"));
    }

    void buildsTheDqnChainWithOtherChoices()
    {
        PipelineOptions options = teacherOptions();
        options.dqnDataset = m_dqn;
        options.iters = 50;
        options.baseModel = QStringLiteral("Qwen/Qwen2.5-0.5B");
        options.quantization = QStringLiteral("Q8_0");
        options.studentName = QStringLiteral("tiny-trader:latest");
        options.baseOllamaModel.clear();
        options.commands.fineTune = QStringLiteral("\"/opt/my tools/train\" --config {config} --iters 50");
        const Result<PipelineSpec> built = buildPipeline(options);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        const QList<JobSpec> &jobs = built->jobs;
        QCOMPARE(jobs.size(), 7);
        QCOMPARE(jobs[0].kind, JobKind::Prepare);
        QVERIFY(jobs[0].dependsOnIndex.isEmpty());
        QCOMPARE(PrepareParams::fromJson(jobs[0].params)->from, m_dqn);
        QCOMPARE(PrepareParams::fromJson(jobs[0].params)->iters, 50);
        QCOMPARE(jobs[1].title, QStringLiteral("Fine-tune Qwen/Qwen2.5-0.5B (50 iters)"));
        QCOMPARE(tool(jobs[1]).command.first(), QStringLiteral("/opt/my tools/train"));
        QCOMPARE(tool(jobs[1]).totalIters, 50);
        QCOMPARE(tool(jobs[4]).command.last(), QStringLiteral("Q8_0"));
        QCOMPARE(tool(jobs[4]).outputs, QStringList{root() + QStringLiteral("/gguf/model-q8_0.gguf")});
        QCOMPARE(tool(jobs[5]).modelName, QStringLiteral("tiny-trader:latest"));
        QCOMPARE(EvaluateParams::fromJson(jobs[6].params)->models, QStringList{QStringLiteral("tiny-trader:latest")});
        QCOMPARE(jobs[6].dependsOnIndex, QList<int>{5});
    }

    void deployAndEvaluateSwitches()
    {
        PipelineOptions options = teacherOptions();
        options.evaluate = false;
        Result<PipelineSpec> built = buildPipeline(options);
        QVERIFY(built.ok());
        QCOMPARE(built->jobs.size(), 7);
        QCOMPARE(built->jobs.last().kind, JobKind::Register);

        options.deploy = false;
        options.commands.fuse = QStringLiteral("fuse {not_checked_when_not_deploying}");
        built = buildPipeline(options);
        QVERIFY(built.ok());
        QCOMPARE(built->jobs.size(), 3);
        QCOMPARE(built->jobs.last().kind, JobKind::FineTune);

        options.evaluate = true;   // evaluation needs the deployed model
        built = buildPipeline(options);
        QVERIFY(!built.ok());
        QVERIFY(built.error().message.contains(QLatin1String("(evaluate)")));
        QVERIFY(built.error().message.contains(QLatin1String("(deploy)")));
    }

    // The deploy chain alone (what `jobs add deploy` adds): the pipeline's layout under any folder, the
    // quantisation in lower case in the GGUF's name, each job after the one before; bad names are errors.
    void buildsTheDeployChainAlone()
    {
        DeployOptions options;
        options.adaptersDir = m_dir.filePath(QStringLiteral("my adapters"));
        options.outDir = m_dir.filePath(QStringLiteral("out"));
        options.baseModel = QStringLiteral("Qwen/Qwen2.5-3B");
        options.quantization = QStringLiteral("Q5_K_M");
        options.studentName = QStringLiteral("student:1");
        options.commands.llamaCppDir = QStringLiteral("/opt/llama.cpp");
        const Result<QList<JobSpec>> built = buildDeployJobs(options);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().toString()));
        const QList<JobSpec> &jobs = built.value();
        QCOMPARE(jobs.size(), 4);
        const QList<JobKind> kinds{JobKind::Fuse, JobKind::Convert, JobKind::Quantize, JobKind::Register};
        const QString out = m_dir.filePath(QStringLiteral("out"));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(jobs[i].kind, kinds[i]);
            QCOMPARE(jobs[i].dependsOnIndex, i == 0 ? QList<int>{} : QList<int>{i - 1});
            QVERIFY(jobs[i].pipeline.isEmpty());
            QVERIFY(!jobs[i].title.isEmpty());
            QCOMPARE(tool(jobs[i]).workingDirectory, out);
        }
        QCOMPARE(tool(jobs[0]).command, (QStringList{QStringLiteral("mlx_lm.fuse"), QStringLiteral("--model"), QStringLiteral("Qwen/Qwen2.5-3B"),
                                                     QStringLiteral("--adapter-path"), m_dir.filePath(QStringLiteral("my adapters")),
                                                     QStringLiteral("--save-path"), out + QStringLiteral("/fused")}));
        QCOMPARE(tool(jobs[0]).outputs, QStringList{out + QStringLiteral("/fused/config.json")});
        QCOMPARE(tool(jobs[1]).command.value(1), QStringLiteral("/opt/llama.cpp/convert_hf_to_gguf.py"));
        QCOMPARE(tool(jobs[2]).command, (QStringList{QStringLiteral("llama-quantize"), out + QStringLiteral("/gguf/model-f16.gguf"),
                                                     out + QStringLiteral("/gguf/model-q5_k_m.gguf"), QStringLiteral("Q5_K_M")}));
        QCOMPARE(tool(jobs[3]).ggufPath, out + QStringLiteral("/gguf/model-q5_k_m.gguf"));
        QCOMPARE(tool(jobs[3]).modelName, QStringLiteral("student:1"));

        DeployOptions bad = options;
        bad.quantization = QStringLiteral("q4 k");
        QVERIFY(!buildDeployJobs(bad).ok());
        QVERIFY(buildDeployJobs(bad).error().message.contains(QLatin1String("quantization")));
        bad = options;
        bad.studentName = QStringLiteral("two words");
        QVERIFY(buildDeployJobs(bad).error().message.contains(QLatin1String("studentName")));
        bad = options;
        bad.adaptersDir.clear();
        QVERIFY(buildDeployJobs(bad).error().message.contains(QLatin1String("adaptersDir")));
        bad = options;
        bad.commands.fuse = QStringLiteral("fuse {nope}");
        QVERIFY(buildDeployJobs(bad).error().message.contains(QLatin1String("commands.fuse")));
    }

    void validationNamesTheOption_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rootDir") << "rootDir" << "(rootDir)";
        QTest::newRow("no source") << "noSource" << "(dataPath)";
        QTest::newRow("missing csv") << "missingCsv" << "(dataPath)";
        QTest::newRow("missing dqn") << "missingDqn" << "(dqnDataset)";
        QTest::newRow("samples") << "samples" << "(samples)";
        QTest::newRow("iters") << "iters" << "(iters)";
        QTest::newRow("endpoint") << "endpoint" << "(teacherEndpoint)";
        QTest::newRow("quantization") << "quantization" << "(quantization)";
        QTest::newRow("studentName") << "studentName" << "(studentName)";
        QTest::newRow("ollamaUrl") << "ollamaUrl" << "(ollamaUrl)";
        QTest::newRow("name") << "name" << "(name)";
        QTest::newRow("fine-tune template") << "fineTune" << "(commands.fineTune)";
        QTest::newRow("register template") << "registerModel" << "(commands.registerModel)";
    }

    void validationNamesTheOption()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        PipelineOptions options = teacherOptions();
        if (field == QLatin1String("rootDir"))
            options.rootDir.clear();
        else if (field == QLatin1String("noSource"))
            options.dataPath.clear();
        else if (field == QLatin1String("missingCsv"))
            options.dataPath = m_dir.filePath(QStringLiteral("nope.csv"));
        else if (field == QLatin1String("missingDqn"))
            options.dqnDataset = m_dir.filePath(QStringLiteral("nope.jsonl"));
        else if (field == QLatin1String("samples"))
            options.samples = 0;
        else if (field == QLatin1String("iters"))
            options.iters = 0;
        else if (field == QLatin1String("endpoint"))
            options.teacherEndpoint = QStringLiteral("openrouter.ai");
        else if (field == QLatin1String("quantization"))
            options.quantization = QStringLiteral("q4 k m");
        else if (field == QLatin1String("studentName"))
            options.studentName = QStringLiteral("trader qwen");
        else if (field == QLatin1String("ollamaUrl"))
            options.ollamaUrl = QStringLiteral("localhost");
        else if (field == QLatin1String("name"))
            options.name = QStringLiteral("../escape");
        else if (field == QLatin1String("fineTune"))
            options.commands.fineTune = QStringLiteral("mlx_lm.lora --config {bogus}");
        else if (field == QLatin1String("registerModel"))
            options.commands.registerModel = QStringLiteral("ollama create \"{name}");
        const Result<PipelineSpec> built = buildPipeline(options);
        QVERIFY(!built.ok());
        const QByteArray message = built.error().message.toUtf8();
        QVERIFY2(built.error().message.contains(expected), message.constData());
        if (field == QLatin1String("fineTune"))
            QVERIFY2(built.error().message.contains(QLatin1String("{bogus}")), message.constData());
    }

    void defaultNameIsDated()
    {
        PipelineOptions options = teacherOptions();
        options.name.clear();
        const Result<PipelineSpec> built = buildPipeline(options);
        QVERIFY(built.ok());
        QVERIFY(QRegularExpression(QStringLiteral("^distill-\\d{8}-\\d{6}$")).match(built->name).hasMatch());
        QVERIFY(TeacherParams::fromJson(built->jobs[0].params)->outDir.endsWith(built->name + QStringLiteral("/teacher")));
    }

    void modelfileHasTheTutorialsParameters()
    {
        QCOMPARE(modelfileText(QStringLiteral("/m/model-q4_k_m.gguf")),
                 QStringLiteral("FROM /m/model-q4_k_m.gguf\n\nPARAMETER temperature 0.3\nPARAMETER top_p 0.9\nPARAMETER top_k 40\n"
                                "PARAMETER repeat_penalty 1.1\nPARAMETER num_ctx 4096\n"));
        QVERIFY(!modelfileText(QStringLiteral("/m/x.gguf")).contains(QLatin1String("SYSTEM")));
        QVERIFY(modelfileText(QStringLiteral("/my models/x.gguf")).startsWith(QLatin1String("FROM \"/my models/x.gguf\"\n")));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
