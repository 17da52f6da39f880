// The distillation export: greedy episodes of a trained trader, one example per step, labelled with
// the policy's own decision (seed facts §7 without the quota / cloning bug), prompts in the agent's
// stateful template (seed facts §4) filled from the environment's window.
#include "rlexport.h"

#include "agent/agentmemory.h"
#include "agent/prompts.h"
#include "common/logging.h"
#include "eth/units.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace apedesk::ml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::DistillExport", text);
}

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

agent::Canary canaryOf(TradeAction action)
{
    switch (action) {
    case TradeAction::Buy: return agent::Canary::ApeIn;
    case TradeAction::Sell: return agent::Canary::ApeOut;
    case TradeAction::Hold: break;
    }
    return agent::Canary::ApeNeutral;
}

// A balance as the Portfolio keeps it (integer base units); negative or non-finite values are 0.
eth::u256 baseUnits(double amount, int decimals)
{
    if (!(amount > 0) || !std::isfinite(amount))
        return 0;
    const Result<eth::u256> units = eth::parseUnits(QString::number(amount, 'f', decimals), decimals);
    return units ? *units : eth::u256(0);
}

// The agent's view of the environment's state: the observation window t−9 … t stands for the agent's
// metrics window, the environment's cash and ETH for the portfolio.
struct AgentView
{
    agent::Observation observation;
    agent::AgentMemory memory;
};

AgentView agentView(const TradingEnv &env)
{
    const TradingSeries &series = env.series();
    const int t = env.currentStep();
    const int begin = series.sequenceBegin(series.sequenceOf(t));
    const int windowStart = std::max(begin, t - kRlWindow + 1);   // the observation's rows
    const int base = std::max(begin, windowStart - 1);              // the price its first change starts from
    const MarketStep &now = series.steps.at(t);

    AgentView view;
    agent::Observation &o = view.observation;
    o.timestamp = now.timestamp;

    market::PoolMetrics &m = o.market;
    m.valid = true;
    m.windowEnd = now.timestamp;
    if (now.timestamp > series.steps.at(base).timestamp)
        m.windowSeconds = now.timestamp - series.steps.at(base).timestamp;
    m.swapCount = t - windowStart + 1;
    m.firstPrice = series.steps.at(base).price;
    m.lastPrice = now.price;
    if (m.firstPrice > 0)
        m.priceChangePercent = (m.lastPrice - m.firstPrice) / m.firstPrice * 100.0;
    std::vector<double> returns;
    for (int i = windowStart; i <= t; ++i) {
        const MarketStep &step = series.steps.at(i);
        m.volumeUsdc += step.volume;
        if (step.price > 0)
            m.volumeEth += step.volume / step.price;
        const double previous = series.steps.at(std::max(base, i - 1)).price;
        if (i > base && previous > 0 && step.price > 0)
            returns.push_back(std::log(step.price / previous));
    }
    if (returns.size() >= 2) {
        double mean = 0;
        for (double r : returns)
            mean += r;
        mean /= double(returns.size());
        double squares = 0;
        for (double r : returns)
            squares += (r - mean) * (r - mean);
        m.volatilityPercent = std::sqrt(squares / double(returns.size() - 1)) * 100.0;
    }
    for (int i = std::max(begin, t - market::kRecentMarketPoints + 1); i <= t; ++i) {
        const MarketStep &step = series.steps.at(i);
        m.recent.append(market::MarketPoint{step.price, step.volume, step.volatility, step.timestamp});
    }

    agent::Portfolio &p = o.portfolio;
    p.valid = true;
    p.price = now.price;
    p.ethWei = baseUnits(env.eth(), 18);
    p.usdcUnits = baseUnits(env.cash(), 6);

    // The template's volatility is the spread of the prices in the memory's last hour. The window's
    // steps are what the trader saw, so they go into that hour one second apart whatever their real
    // spacing (a synthetic series has no real clock, and real swaps can be hours apart).
    for (int i = windowStart; i <= t; ++i) {
        const MarketStep &step = series.steps.at(i);
        agent::MarketState state;
        state.timestamp = now.timestamp - (t - i);
        state.ethPrice = step.price;
        const double previous = series.steps.at(std::max(base, i - 1)).price;
        if (i > base && previous > 0)
            state.priceChangePercent = (step.price - previous) / previous * 100.0;
        state.volumeUsdc = step.volume;
        state.volumeEth = step.price > 0 ? step.volume / step.price : 0;
        state.swapCount = 1;
        view.memory.addMarketState(state);
    }
    return view;
}

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QJsonArray floats(const float *values, int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(double(values[i]));
    return array;
}

// FILE.jsonl → FILE (so the siblings are FILE.chat.jsonl, …); any other name keeps its suffix.
QString basePath(const QString &outJsonl)
{
    return outJsonl.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) ? outJsonl.chopped(6) : outJsonl;
}

// The four outputs, written through QSaveFile: nothing appears under the final names until every
// file is complete, and a failure leaves none of this export's files behind.
class ExportFiles
{
public:
    enum File { Completion, Chat, States, Report, Count };

    Status open(const QStringList &paths)
    {
        m_paths = paths;
        for (int i = 0; i < Count; ++i) {
            m_files[i] = std::make_unique<QSaveFile>(paths.at(i));
            if (!m_files[i]->open(QIODevice::WriteOnly))
                return failure(i);
        }
        return {};
    }

    Status write(File file, const QByteArray &bytes)
    {
        if (m_files[file]->write(bytes) != bytes.size())
            return failure(file);
        return {};
    }

    // Commits in order; when one fails, the ones committed before it are removed again, so no mixed
    // set of old and new files remains.
    Status commit()
    {
        for (int i = 0; i < Count; ++i) {
            if (!m_files[i]->commit()) {
                const Status failed = failure(i);
                for (int j = 0; j < i; ++j)
                    QFile::remove(m_paths.at(j));
                return failed;
            }
        }
        return {};
    }

private:
    Status failure(int file) const
    {
        return Error::make(Error::Kind::Io, tr("Cannot write the distillation file %1.").arg(m_paths.at(file)),
                           m_files[file]->errorString());
    }

    QStringList m_paths;
    std::unique_ptr<QSaveFile> m_files[Count];   // destroyed uncommitted: their temporary files go too
};

} // namespace

QJsonObject DistillExportReport::toJson() const
{
    QJsonObject actions;
    for (int a = 0; a < kRlActionCount; ++a) {
        const auto action = static_cast<TradeAction>(a);
        actions.insert(tradeActionName(action),
                       QJsonObject{{QStringLiteral("count"), counts[a]},
                                   {QStringLiteral("share"), examples > 0 ? double(counts[a]) / examples : 0.0},
                                   {QStringLiteral("canary"), agent::canaryText(canaryOf(action))}});
    }
    return QJsonObject{{QStringLiteral("examples"), examples},
                       {QStringLiteral("episodes"), episodes},
                       {QStringLiteral("actions"), actions},
                       {QStringLiteral("files"), QJsonObject{{QStringLiteral("jsonl"), jsonlPath},
                                                             {QStringLiteral("chat"), chatPath},
                                                             {QStringLiteral("states"), statesPath},
                                                             {QStringLiteral("report"), reportPath}}}};
}

QString distillPrompt(const TradingEnv &env)
{
    const AgentView view = agentView(env);
    // The full variant: the agent uses it until its context is 70 % full.
    return agent::statefulPrompt(view.memory, view.observation, false);
}

Result<DistillExportReport> exportDistillation(const QString &runDirectory, const TradingSeries &series,
                                               const QString &outJsonl, const DistillExportOptions &options)
{
    if (options.episodes < 1)
        return usage(tr("The export needs at least one episode, not %1.").arg(options.episodes));
    if (options.stepsPerEpisode < 1)
        return usage(tr("Each episode needs at least one step, not %1.").arg(options.stepsPerEpisode));
    if (outJsonl.trimmed().isEmpty())
        return usage(tr("Name the output file of the distillation export (FILE.jsonl)."));

    Result<DqnTrainingConfig> config = DqnTrainer::readRunConfig(runDirectory);
    if (!config)
        return config.error();
    Result<std::shared_ptr<DqnPolicy>> loaded = DqnPolicy::load(runDirectory);
    if (!loaded)
        return loaded.error();
    const DqnPolicy &policy = **loaded;

    TradingSeries source = series;
    if (options.heldOutOnly) {
        Result<SeriesSplit> split = splitSeries(series, config->trainFraction);
        if (!split)
            return split.error();
        source = split->heldOut;
    }
    if (source.decisionStepCount() < 1)
        return usage(tr("The data has no step at which the trader can decide."));

    DistillExportReport report;
    const QString base = basePath(QFileInfo(outJsonl).absoluteFilePath());
    report.jsonlPath = QFileInfo(outJsonl).absoluteFilePath();
    report.chatPath = base + QStringLiteral(".chat.jsonl");
    report.statesPath = base + QStringLiteral(".states.jsonl");
    report.reportPath = base + QStringLiteral(".report.json");
    const QDir folder = QFileInfo(report.jsonlPath).absoluteDir();
    if (!folder.exists() && !QDir().mkpath(folder.absolutePath()))
        return Error::make(Error::Kind::Io, tr("Cannot create the folder %1 for the distillation files.")
                                                .arg(folder.absolutePath()));

    ExportFiles files;
    if (Status opened = files.open({report.jsonlPath, report.chatPath, report.statesPath, report.reportPath}); !opened)
        return opened.error();

    // The run's environment, with random starts (any sequence, any step, flat or holding) so the
    // states cover the data; the episode length is the export's.
    TradingEnvConfig envConfig = config->env;
    envConfig.randomStart = true;
    envConfig.episodeSteps = options.stepsPerEpisode;
    TradingEnv env(&source, envConfig, options.seed);

    for (int episode = 0; episode < options.episodes; ++episode) {
        env.reset();
        ++report.episodes;
        for (int k = 0; k < options.stepsPerEpisode && !env.episodeOver(); ++k) {
            const RlObservation observation = env.observation();
            const std::array<float, kRlActionCount> q = policy.qValues(observation);
            const TradeAction action = policy.greedy(observation);   // the label and the move
            const bool holding = env.holding();
            const QString prompt = distillPrompt(env);
            const QString completion = dqnAnswer(q, action, holding);

            const QJsonObject example{{QStringLiteral("prompt"), prompt}, {QStringLiteral("completion"), completion}};
            const QJsonObject chat{
                {QStringLiteral("messages"),
                 QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), prompt}},
                            QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                        {QStringLiteral("content"), completion}}}}};
            const QJsonObject state{{QStringLiteral("step"), env.currentStep()},
                                    {QStringLiteral("episode"), episode},
                                    {QStringLiteral("episode_step"), k},
                                    {QStringLiteral("observation"), floats(observation.data(), kRlObservationSize)},
                                    {QStringLiteral("holding"), holding},
                                    {QStringLiteral("price"), env.price()},
                                    {QStringLiteral("eth"), env.eth()},
                                    {QStringLiteral("usdc"), env.cash()},
                                    {QStringLiteral("q_values"), floats(q.data(), kRlActionCount)},
                                    {QStringLiteral("action"), tradeActionName(action)},
                                    {QStringLiteral("canary"), agent::canaryText(canaryOf(action))}};
            for (const auto &[file, object] : {std::pair{ExportFiles::Completion, example},
                                               std::pair{ExportFiles::Chat, chat}, std::pair{ExportFiles::States, state}})
                if (Status written = files.write(file, jsonLine(object)); !written)
                    return written.error();
            ++report.counts[static_cast<int>(action)];
            ++report.examples;
            env.step(action);
        }
    }

    QJsonObject reportJson = report.toJson();
    reportJson.insert(QStringLiteral("run"), QFileInfo(runDirectory).absoluteFilePath());
    reportJson.insert(QStringLiteral("checkpoint"), policy.checkpoint());
    reportJson.insert(QStringLiteral("data"), source.description);
    reportJson.insert(QStringLiteral("held_out_only"), options.heldOutOnly);
    reportJson.insert(QStringLiteral("steps_per_episode"), options.stepsPerEpisode);
    reportJson.insert(QStringLiteral("seed"), QString::number(options.seed));
    reportJson.insert(QStringLiteral("labels"), QStringLiteral("the policy's greedy action on each exported state"));
    if (Status written = files.write(ExportFiles::Report, QJsonDocument(reportJson).toJson(QJsonDocument::Indented));
        !written)
        return written.error();
    if (Status committed = files.commit(); !committed)
        return committed.error();

    qCInfo(lcMl).noquote() << "distillation export:" << report.examples << "examples from" << report.episodes
                           << "episodes of" << runDirectory << "- HOLD" << report.counts[0] << "BUY" << report.counts[1]
                           << "SELL" << report.counts[2] << "->" << report.jsonlPath;
    return report;
}

} // namespace apedesk::ml
