// The distillation export of a trained trader (seed facts §7 without its quota bug): a tiny DQN run is
// trained on a noisy sine, then exported. Every label must be the policy's own greedy action on the
// exported state, the completion's canary that action's canary (and the agent's parser must read it
// so), the prompt the agent's stateful template filled with the state's window, the chat file the same
// texts, the report's counts those of the files; an unwritable output is a clear error that leaves no
// file behind and loses no older one.

#include "agent/decisionparser.h"
#include "dqntrainer.h"
#include "rlexport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

// One sequence: a sine of period 40 steps around $2,500 with noise, volumes that follow the swing,
// and the processed 3-row price volatility.
TradingSeries noisySine(int steps, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, 1);
    TradingSeries series;
    for (int i = 0; i < steps; ++i) {
        MarketStep step;
        step.price = 2500 * (1 + 0.02 * std::sin(2 * M_PI * i / 40.0)) + 2 * noise(rng);
        step.volume = 1000 + 600 * std::abs(std::sin(2 * M_PI * i / 40.0)) + 50 * std::abs(noise(rng));
        step.timestamp = 1700000000 + 12 * i;
        series.steps.append(step);
    }
    for (int i = 0; i < steps; ++i) {
        const int from = std::max(0, i - 2);
        const int n = i - from + 1;
        double mean = 0;
        for (int j = from; j <= i; ++j)
            mean += series.steps[j].price / n;
        double squares = 0;
        for (int j = from; j <= i; ++j)
            squares += (series.steps[j].price - mean) * (series.steps[j].price - mean);
        series.steps[i].volatility = n > 1 ? std::sqrt(squares / (n - 1)) : 0;
    }
    series.sequenceStarts = {0};
    series.description = QStringLiteral("%1 steps of a noisy sine (test)").arg(steps);
    return series;
}

// Small and quick: a few thousand steps of a 16×16 network on one thread.
DqnTrainingConfig tinyConfig(const QString &dataPath)
{
    DqnTrainingConfig config;
    config.dqn.hidden = {16, 16};
    config.dqn.timesteps = 3000;
    config.dqn.learningStarts = 300;
    config.dqn.bufferSize = 2000;
    config.dqn.batchSize = 32;
    config.dqn.targetUpdateInterval = 250;
    config.dqn.learningRate = 1e-3;
    config.dqn.seed = 11;
    config.env.episodeSteps = 100;
    config.threads = 1;
    config.logEverySteps = 500;
    config.checkpointEverySteps = 100000;
    config.dataKind = QStringLiteral("csv");
    config.dataSource = dataPath;
    return config;
}

QList<QJsonObject> readJsonl(const QString &path)
{
    QList<QJsonObject> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            qFatal("%s: line %lld is not a JSON object", qPrintable(path), qint64(rows.size() + 1));
        rows.append(document.object());
    }
    return rows;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::optional<TradeAction> actionNamed(const QString &name)
{
    for (int a = 0; a < kRlActionCount; ++a)
        if (tradeActionName(TradeAction(a)) == name)
            return TradeAction(a);
    return std::nullopt;
}

QString canaryOf(TradeAction action)
{
    switch (action) {
    case TradeAction::Buy: return QStringLiteral("APE IN");
    case TradeAction::Sell: return QStringLiteral("APE OUT");
    case TradeAction::Hold: break;
    }
    return QStringLiteral("APE NEUTRAL");
}

agent::ParsedAnswer::Action parsedActionOf(TradeAction action)
{
    switch (action) {
    case TradeAction::Buy: return agent::ParsedAnswer::Action::Buy;
    case TradeAction::Sell: return agent::ParsedAnswer::Action::Sell;
    case TradeAction::Hold: break;
    }
    return agent::ParsedAnswer::Action::Hold;
}

QString fixed(double value, int decimals) { return QString::number(value, 'f', decimals); }

// The first sentence of the stateful template (seed facts §4) for the window ending at global step
// t: price p_t; volume = the window's ETH volume Σ volume_i / p_i over t−9 … t; volatility = population
// std / mean of the window's prices × 100; change = (p_t − p_{t−10}) / p_{t−10} × 100 × 10 ticks; the
// position as the environment's ETH and USDC.
QString expectedTemplate(const TradingSeries &series, int t, double eth, double usdc)
{
    double volumeEth = 0, sum = 0;
    for (int i = t - kRlWindow + 1; i <= t; ++i) {
        volumeEth += series.steps[i].volume / series.steps[i].price;
        sum += series.steps[i].price;
    }
    const double mean = sum / kRlWindow;
    double squares = 0;
    for (int i = t - kRlWindow + 1; i <= t; ++i)
        squares += (series.steps[i].price - mean) * (series.steps[i].price - mean);
    const double volatility = std::sqrt(squares / kRlWindow) / mean * 100;
    const double first = series.steps[t - kRlWindow].price;
    const double change = (series.steps[t].price - first) / first * 100;
    return QStringLiteral("Given ETH price is $%1 with volume of %2 and volatility of %3, recent price change of %4 "
                          "ticks, and I currently hold %5 ETH and %6 USDC")
        .arg(fixed(series.steps[t].price, 2), fixed(volumeEth, 2), fixed(volatility, 4), fixed(change * 10, 4),
             fixed(eth, 1), fixed(usdc, 0));
}

QStringList entriesOf(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

} // namespace

class TestRlExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TradingSeries m_series;
    QString m_run;
    std::shared_ptr<DqnPolicy> m_policy;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_series = noisySine(1500, 3);
        m_run = path(QStringLiteral("run"));
        auto trainer = DqnTrainer::create(m_run, m_series, tinyConfig(path(QStringLiteral("sine.csv"))));
        QVERIFY2(trainer, trainer ? "" : qPrintable(trainer.error().toString()));
        const DqnTrainingResult result = (*trainer)->train();
        QVERIFY2(result.end == DqnTrainingResult::End::Finished, qPrintable(result.message));
        auto policy = DqnPolicy::load(m_run);
        QVERIFY2(policy, policy ? "" : qPrintable(policy.error().toString()));
        m_policy = *policy;
    }

    void labelsAreThePolicysGreedyActions()
    {
        DistillExportOptions options;
        options.episodes = 6;
        options.stepsPerEpisode = 30;
        options.seed = 5;
        // The folder does not exist yet: the export makes it.
        const QString out = path(QStringLiteral("data/dqn.jsonl"));
        auto report = exportDistillation(m_run, m_series, out, options);
        QVERIFY2(report, report ? "" : qPrintable(report.error().toString()));
        QCOMPARE(report->episodes, 6);
        QVERIFY(report->examples > 0 && report->examples <= 6 * 30);
        QCOMPARE(report->jsonlPath, QFileInfo(out).absoluteFilePath());
        QCOMPARE(report->chatPath, path(QStringLiteral("data/dqn.chat.jsonl")));
        QCOMPARE(report->statesPath, path(QStringLiteral("data/dqn.states.jsonl")));
        QCOMPARE(report->reportPath, path(QStringLiteral("data/dqn.report.json")));

        const QList<QJsonObject> examples = readJsonl(report->jsonlPath);
        const QList<QJsonObject> chats = readJsonl(report->chatPath);
        const QList<QJsonObject> states = readJsonl(report->statesPath);
        QCOMPARE(examples.size(), report->examples);
        QCOMPARE(chats.size(), report->examples);
        QCOMPARE(states.size(), report->examples);

        std::array<int, kRlActionCount> counted{};
        int invalid = 0;   // BUY while holding / SELL while flat: the environment holds instead
        QSet<int> starts;
        for (int i = 0; i < examples.size(); ++i) {
            const QString where = QStringLiteral("example %1").arg(i);
            const QJsonObject &example = examples[i];
            QCOMPARE(example.keys(), (QStringList{QStringLiteral("completion"), QStringLiteral("prompt")}));
            const QString prompt = example.value(QStringLiteral("prompt")).toString();
            const QString completion = example.value(QStringLiteral("completion")).toString();
            QVERIFY2(!prompt.isEmpty() && !completion.isEmpty(), qPrintable(where));

            // The chat format carries the same texts, user then assistant, and no system message.
            const QJsonArray messages = chats[i].value(QStringLiteral("messages")).toArray();
            QCOMPARE(messages.size(), 2);
            QCOMPARE(messages[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
            QCOMPARE(messages[0].toObject().value(QStringLiteral("content")).toString(), prompt);
            QCOMPARE(messages[1].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
            QCOMPARE(messages[1].toObject().value(QStringLiteral("content")).toString(), completion);

            // The label is what the policy chooses on the exported observation.
            const QJsonObject &state = states[i];
            const QJsonArray values = state.value(QStringLiteral("observation")).toArray();
            QCOMPARE(values.size(), kRlObservationSize);
            RlObservation observation{};
            for (int k = 0; k < kRlObservationSize; ++k)
                observation[k] = float(values[k].toDouble());
            const auto action = actionNamed(state.value(QStringLiteral("action")).toString());
            QVERIFY2(action, qPrintable(where));
            QCOMPARE(m_policy->greedy(observation), *action);
            const auto q = m_policy->qValues(observation);
            const QJsonArray qValues = state.value(QStringLiteral("q_values")).toArray();
            QCOMPARE(qValues.size(), kRlActionCount);
            for (int a = 0; a < kRlActionCount; ++a)
                QCOMPARE(float(qValues[a].toDouble()), q[a]);
            ++counted[int(*action)];

            // The completion is the trader's answer for that action, and the agent reads it so.
            const bool holding = state.value(QStringLiteral("holding")).toBool();
            QCOMPARE(observation[kRlObservationSize - 1], holding ? 1.0f : 0.0f);
            invalid += (*action == TradeAction::Buy && holding) || (*action == TradeAction::Sell && !holding);
            QCOMPARE(completion, dqnAnswer(q, *action, holding));
            QCOMPARE(state.value(QStringLiteral("canary")).toString(), canaryOf(*action));
            QVERIFY2(completion.trimmed().endsWith(QStringLiteral("RECOMMENDATION: ") + canaryOf(*action)),
                     qPrintable(completion));
            const agent::ParsedAnswer parsed = agent::parseAnswer(completion);
            QCOMPARE(parsed.format, agent::ParsedAnswer::Format::Canary);
            QCOMPARE(agent::canaryText(parsed.canary), canaryOf(*action));
            QCOMPARE(parsed.action, parsedActionOf(*action));

            // The prompt is the agent's stateful template with this state's window and position.
            const int step = state.value(QStringLiteral("step")).toInt();
            QVERIFY(step >= kRlWindow && step < m_series.steps.size() - 1);
            QCOMPARE(state.value(QStringLiteral("price")).toDouble(), m_series.steps[step].price);
            const double eth = state.value(QStringLiteral("eth")).toDouble();
            const double usdc = state.value(QStringLiteral("usdc")).toDouble();
            QCOMPARE(holding, eth > 0);
            const QString sentence = expectedTemplate(m_series, step, eth, usdc);
            QVERIFY2(prompt.startsWith(sentence), qPrintable(QStringLiteral("%1\n%2").arg(sentence, prompt.left(300))));
            QVERIFY(prompt.contains(QStringLiteral("TRADING HISTORY & PERFORMANCE:")));
            QVERIFY(prompt.endsWith(QStringLiteral("what trading action should I take on Uniswap?")));

            // The policy's action is also the move: the next state of the episode shows its position.
            if (state.value(QStringLiteral("episode_step")).toInt() == 0)
                starts.insert(step);
            if (i + 1 < states.size()
                && states[i + 1].value(QStringLiteral("episode")) == state.value(QStringLiteral("episode"))) {
                bool next = holding;
                if (*action == TradeAction::Buy)
                    next = true;
                else if (*action == TradeAction::Sell)
                    next = false;
                QCOMPARE(states[i + 1].value(QStringLiteral("holding")).toBool(), next);
                QCOMPARE(states[i + 1].value(QStringLiteral("step")).toInt(), step + 1);
            }
        }
        qInfo("labels: HOLD %d, BUY %d, SELL %d; %d of them not valid in their position", counted[0], counted[1],
              counted[2], invalid);
        // Every label is an action the position allows: "APE IN" never stands for "hold" (the agent reads it
        // literally).
        QCOMPARE(invalid, 0);
        // Random starts really vary.
        QVERIFY2(starts.size() >= 5, qPrintable(QStringLiteral("%1 distinct starts").arg(starts.size())));

        // The report: counts per action that sum to the examples and match the files.
        QCOMPARE(report->counts, counted);
        QCOMPARE(counted[0] + counted[1] + counted[2], report->examples);
        const QJsonObject json = readJson(report->reportPath);
        QCOMPARE(json.value(QStringLiteral("examples")).toInt(), report->examples);
        QCOMPARE(json.value(QStringLiteral("episodes")).toInt(), 6);
        const QJsonObject actions = json.value(QStringLiteral("actions")).toObject();
        int total = 0;
        for (int a = 0; a < kRlActionCount; ++a) {
            const QJsonObject entry = actions.value(tradeActionName(TradeAction(a))).toObject();
            QCOMPARE(entry.value(QStringLiteral("count")).toInt(), counted[a]);
            QVERIFY(std::abs(entry.value(QStringLiteral("share")).toDouble() - double(counted[a]) / report->examples) < 1e-12);
            total += entry.value(QStringLiteral("count")).toInt();
        }
        QCOMPARE(total, report->examples);
        QCOMPARE(json.value(QStringLiteral("run")).toString(), QFileInfo(m_run).absoluteFilePath());
        QVERIFY(!json.value(QStringLiteral("checkpoint")).toString().isEmpty());
        QCOMPARE(json.value(QStringLiteral("data")).toString(), m_series.description);
        QCOMPARE(report->toJson().value(QStringLiteral("actions")).toObject(), actions);

        // Only the four files (no temporary file left over).
        QCOMPARE(entriesOf(path(QStringLiteral("data"))),
                 (QStringList{QStringLiteral("dqn.chat.jsonl"), QStringLiteral("dqn.jsonl"), QStringLiteral("dqn.report.json"),
                              QStringLiteral("dqn.states.jsonl")}));
    }

    void sameSeedSameDatasetOtherSeedOtherStates()
    {
        DistillExportOptions options;
        options.episodes = 3;
        options.stepsPerEpisode = 10;
        options.seed = 21;
        auto first = exportDistillation(m_run, m_series, path(QStringLiteral("again/a.jsonl")), options);
        auto second = exportDistillation(m_run, m_series, path(QStringLiteral("again/b.jsonl")), options);
        options.seed = 22;
        auto third = exportDistillation(m_run, m_series, path(QStringLiteral("again/c.jsonl")), options);
        QVERIFY(first && second && third);
        const auto bytes = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QVERIFY(!bytes(first->jsonlPath).isEmpty());
        QCOMPARE(bytes(first->jsonlPath), bytes(second->jsonlPath));
        QCOMPARE(bytes(first->statesPath), bytes(second->statesPath));
        QVERIFY(bytes(first->statesPath) != bytes(third->statesPath));
    }

    void heldOutStatesComeFromTheHeldOutRange()
    {
        auto config = DqnTrainer::readRunConfig(m_run);
        QVERIFY(config);
        auto split = splitSeries(m_series, config->trainFraction);
        QVERIFY(split);
        DistillExportOptions options;
        options.episodes = 4;
        options.stepsPerEpisode = 10;
        options.heldOutOnly = true;
        auto report = exportDistillation(m_run, m_series, path(QStringLiteral("held/h.jsonl")), options);
        QVERIFY2(report, report ? "" : qPrintable(report.error().toString()));
        const QList<QJsonObject> states = readJsonl(report->statesPath);
        QCOMPARE(states.size(), report->examples);
        for (const QJsonObject &state : states) {
            const int step = state.value(QStringLiteral("step")).toInt();
            QVERIFY(step >= kRlWindow && step < split->heldOut.steps.size());
            QCOMPARE(state.value(QStringLiteral("price")).toDouble(), split->heldOut.steps[step].price);
        }
    }

    void unwritableOutputIsAClearErrorAndLeavesNoFiles()
    {
        DistillExportOptions options;
        options.episodes = 2;
        options.stepsPerEpisode = 5;

        // A file where the output folder should be.
        const QString blocked = path(QStringLiteral("blocked"));
        QVERIFY(QDir().mkpath(blocked));
        {
            QFile file(blocked + QStringLiteral("/notafolder"));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        auto report = exportDistillation(m_run, m_series, blocked + QStringLiteral("/notafolder/out.jsonl"), options);
        QVERIFY(!report);
        QCOMPARE(report.error().kind, Error::Kind::Io);
        QVERIFY2(report.error().message.contains(QStringLiteral("notafolder")), qPrintable(report.error().toString()));
        QCOMPARE(entriesOf(blocked), QStringList{QStringLiteral("notafolder")});

        // The second file cannot be written (a folder holds its name): the first is not written either,
        // and an older export under that name is kept as it was.
        const QString partial = path(QStringLiteral("partial"));
        QVERIFY(QDir().mkpath(partial + QStringLiteral("/x.chat.jsonl")));
        {
            QFile old(partial + QStringLiteral("/x.jsonl"));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("older export\n");
        }
        report = exportDistillation(m_run, m_series, partial + QStringLiteral("/x.jsonl"), options);
        QVERIFY(!report);
        QCOMPARE(report.error().kind, Error::Kind::Io);
        QVERIFY2(report.error().message.contains(QStringLiteral("x.chat.jsonl")), qPrintable(report.error().toString()));
        QCOMPARE(entriesOf(partial), (QStringList{QStringLiteral("x.chat.jsonl"), QStringLiteral("x.jsonl")}));
        QFile old(partial + QStringLiteral("/x.jsonl"));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("older export\n"));
    }

    void badRunOrOptionsAreClearErrors()
    {
        const QString out = path(QStringLiteral("none/out.jsonl"));
        auto missing = exportDistillation(path(QStringLiteral("no-such-run")), m_series, out);
        QVERIFY(!missing);
        QVERIFY(!missing.error().message.isEmpty());

        const QString empty = path(QStringLiteral("empty-run"));
        QVERIFY(QDir().mkpath(empty));
        auto noCheckpoint = exportDistillation(empty, m_series, out);
        QVERIFY(!noCheckpoint);

        DistillExportOptions options;
        options.episodes = 0;
        auto noEpisodes = exportDistillation(m_run, m_series, out, options);
        QVERIFY(!noEpisodes);
        QCOMPARE(noEpisodes.error().kind, Error::Kind::Usage);
        options.episodes = 1;
        options.stepsPerEpisode = 0;
        auto noSteps = exportDistillation(m_run, m_series, out, options);
        QVERIFY(!noSteps);
        QCOMPARE(noSteps.error().kind, Error::Kind::Usage);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("none"))));
    }
};

QTEST_GUILESS_MAIN(TestRlExport)
#include "test_rl_export.moc"
