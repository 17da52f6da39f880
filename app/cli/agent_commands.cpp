// apedesk-cli agent run: the trading agent without a window. The same loop as the app's agent pane
// (AgentLoop): the pool's rolling metrics from a live monitor of the node, the model through Ollama,
// an OpenAI-compatible server or the built-in policy, sizing, trades signed here with the given key,
// and the decision journal in the app's database (or --db). One JSON line per decision with --json.

#include "chainlink.h"
#include "commandline.h"
#include "options.h"
#include "walletoptions.h"

#include "agent/agentloop.h"
#include "agent/decisionjournal.h"
#include "agent/llmbackend.h"
#include "chain/networkprofile.h"
#include "common/paths.h"
#include "common/unixsignals.h"
#include "eth/signer.h"
#include "eth/units.h"
#include "market/livemonitor.h"
#include "market/swapstore.h"
#include "ml/dqnbackend.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>
#include <QUuid>

#include <cmath>
#include <memory>

namespace apedesk::cli {
namespace {

constexpr quint64 kBaseChainId = 8453;


// The live monitor's metrics, as the loop's market.
class MonitorSource : public agent::MarketSource
{
public:
    explicit MonitorSource(market::LiveMonitor *monitor) : m_monitor(monitor) {}
    Result<agent::MarketView> market() override { return m_monitor->metrics(); }

private:
    market::LiveMonitor *m_monitor;
};

QJsonObject decisionLine(const agent::DecisionRecord &record)
{
    QJsonObject line;
    line.insert(QStringLiteral("cycle"), qint64(record.cycle));
    line.insert(QStringLiteral("time"), record.time.toString(Qt::ISODate));
    line.insert(QStringLiteral("type"), agent::decisionTypeKey(record.type));
    line.insert(QStringLiteral("backend"), record.backend);
    line.insert(QStringLiteral("model"), record.model);
    line.insert(QStringLiteral("canary"), agent::canaryText(record.parsed.canary));
    line.insert(QStringLiteral("action"), agent::actionText(record.parsed.action));
    line.insert(QStringLiteral("observing"), record.observing);
    const bool traded = record.sized.trade && record.status != agent::DecisionRecord::Status::Observed;
    line.insert(QStringLiteral("amount_in"), traded ? record.amountInText() : QString());
    line.insert(QStringLiteral("token_in"), traded ? record.tokenIn() : QString());
    line.insert(QStringLiteral("amount_out"),
                traded && record.traded()
                    ? eth::formatUnits(record.amountOut, record.sized.direction == SwapDirection::EthToUsdc ? 6 : 18)
                    : QString());
    line.insert(QStringLiteral("price"), record.observation.portfolio.price);
    line.insert(QStringLiteral("tx_hash"), record.txHash.isZero() ? QString() : record.txHash.toHex());
    line.insert(QStringLiteral("status"), agent::decisionStatusKey(record.status));
    if (!record.error.message.isEmpty())
        line.insert(QStringLiteral("error"), record.error.message);
    if (!record.sized.note.isEmpty())
        line.insert(QStringLiteral("note"), record.sized.note);
    line.insert(QStringLiteral("latency_ms"), record.latencyMs);
    line.insert(QStringLiteral("journal_id"), record.id);
    return line;
}

int runCommand(const QStringList &rawArgs, const Output &out)
{
    ml::registerDqnBackend();   // --llm builtin:dqn:RUN_DIR: the trained trader decides
    QStringList translated = rawArgs;
    for (QString &arg : translated) {   // the short spelling of the key option
        if (arg == QLatin1String("--key-env"))
            arg = QStringLiteral("--private-key-env");
        else if (arg.startsWith(QLatin1String("--key-env=")))
            arg.replace(0, 9, QStringLiteral("--private-key-env"));
    }
    QStringList valued{QStringLiteral("--rpc"), QStringLiteral("--llm"), QStringLiteral("--cycles"),
                       QStringLiteral("--interval"), QStringLiteral("--observe-cycles"), QStringLiteral("--observe-minutes"),
                       QStringLiteral("--observe-tokens"), QStringLiteral("--target-allocation"),
                       QStringLiteral("--rebalance-threshold"), QStringLiteral("--rebalance-cooldown"),
                       QStringLiteral("--max-trade-eth"), QStringLiteral("--slippage"), QStringLiteral("--context-tokens"),
                       QStringLiteral("--timeout"), QStringLiteral("--pnl-horizon"), QStringLiteral("--api-key-env"),
                       QStringLiteral("--db"), QStringLiteral("--temperature"), QStringLiteral("--seed")};
    valued << keySourceOptions();
    auto args = ParsedArgs::parse(translated, valued,
                                  {QStringLiteral("--stateful"), QStringLiteral("--no-rebalance"), QStringLiteral("--live"),
                                   QStringLiteral("--no-fallback")});
    if (!args)
        return fail(out, args.error());

    agent::AgentConfig config;
    auto spec = agent::parseBackendSpec(args->has(QStringLiteral("--llm")) ? args->value(QStringLiteral("--llm"))
                                                                          : QStringLiteral("builtin"));
    if (!spec)
        return fail(out, spec.error());
    config.backend = *spec;
    if (args->has(QStringLiteral("--api-key-env"))) {
        const QString name = args->value(QStringLiteral("--api-key-env"));
        config.backend.apiKey = qEnvironmentVariable(name.toLocal8Bit().constData());
        if (config.backend.apiKey.isEmpty())
            return fail(out, usage(Cli::tr("the environment variable %1 holds no API key").arg(name)));
    }
    config.stateful = args->has(QStringLiteral("--stateful"));
    config.llmOptions.temperature = 0.6;   // the tutorial's agents sample at 0.6
    auto temperature = numberOption(*args, QStringLiteral("--temperature"), 0.6, 0, 2);
    auto seed = intOption(*args, QStringLiteral("--seed"), -1, -1, 1 << 30);
    auto cycles = intOption(*args, QStringLiteral("--cycles"), 0, 0, 100000000);
    auto interval = numberOption(*args, QStringLiteral("--interval"), 10, 0, 86400);
    auto observeCycles = intOption(*args, QStringLiteral("--observe-cycles"), 0, 0, 100000000);
    auto observeMinutes = intOption(*args, QStringLiteral("--observe-minutes"), 0, 0, 10000000);
    auto observeTokens = intOption(*args, QStringLiteral("--observe-tokens"), 0, 0, 100000000);
    auto target = numberOption(*args, QStringLiteral("--target-allocation"), 0.5, 0, 1);
    auto threshold = numberOption(*args, QStringLiteral("--rebalance-threshold"), config.rebalance.threshold, 0.001, 1);
    auto cooldown = intOption(*args, QStringLiteral("--rebalance-cooldown"), config.rebalance.cooldownSeconds, 0, 100000000);
    auto maxTrade = numberOption(*args, QStringLiteral("--max-trade-eth"), config.limits.maxTradeEth, 0.0001, 1000);
    auto slippage = numberOption(*args, QStringLiteral("--slippage"), 0.5, 0.01, 50);
    auto contextTokens = intOption(*args, QStringLiteral("--context-tokens"), config.contextCapacityTokens, 500, 10000000);
    auto timeout = numberOption(*args, QStringLiteral("--timeout"), 90, 0.1, 3600);
    auto horizon = numberOption(*args, QStringLiteral("--pnl-horizon"), config.pnlHorizonSeconds, 0, 100000000);
    for (const Result<double> *r : {&temperature, &interval, &target, &threshold, &maxTrade, &slippage, &timeout, &horizon})
        if (!*r)
            return fail(out, r->error());
    for (const Result<qint64> *r : {&seed, &cycles, &observeCycles, &observeMinutes, &observeTokens, &cooldown, &contextTokens})
        if (!*r)
            return fail(out, r->error());
    if ((*observeCycles > 0) + (*observeMinutes > 0) + (*observeTokens > 0) > 1)
        return fail(out, usage(Cli::tr("choose one of --observe-cycles, --observe-minutes and --observe-tokens")));
    config.llmOptions.temperature = *temperature;
    if (*seed >= 0)
        config.llmOptions.seed = *seed;
    config.maxCycles = *cycles;
    config.intervalMs = static_cast<int>(*interval * 1000);
    if (*observeCycles > 0)
        config.observe = {agent::ObservationMode::Kind::Cycles, int(*observeCycles)};
    else if (*observeMinutes > 0)
        config.observe = {agent::ObservationMode::Kind::Minutes, int(*observeMinutes)};
    else if (*observeTokens > 0)
        config.observe = {agent::ObservationMode::Kind::Tokens, int(*observeTokens)};
    config.rebalance.enabled = !args->has(QStringLiteral("--no-rebalance"));
    config.rebalance.targetEthAllocation = *target;
    config.rebalance.threshold = *threshold;
    config.rebalance.cooldownSeconds = *cooldown;
    config.limits.maxTradeEth = *maxTrade;
    config.rebalance.maxEth = std::min(config.rebalance.maxEth, *maxTrade);
    config.limits.slippageBps = static_cast<int>(*slippage * 100 + 0.5);
    config.contextCapacityTokens = *contextTokens;
    config.llmTimeoutMs = static_cast<int>(*timeout * 1000);
    config.pnlHorizonSeconds = static_cast<int>(*horizon);

    auto key = loadKey(*args);
    if (!key)
        return fail(out, key.error());
    auto link = connectTo(args->value(QStringLiteral("--rpc")));
    if (!link)
        return fail(out, link.error());
    // Paper by default: trading anywhere but a local chain 8453 needs --live.
    const bool paper = chain::isLoopbackUrl((*link)->url) && (*link)->chainId == kBaseChainId;
    if (!paper && !args->has(QStringLiteral("--live")))
        return fail(out, usage(Cli::tr("%1 is not a local chain 8453; add --live to let the agent trade there with real funds")
                                   .arg((*link)->url.toDisplayString(QUrl::RemoveUserInfo))));

    const QString dbPath = args->has(QStringLiteral("--db")) ? args->value(QStringLiteral("--db")) : Paths::database();
    agent::DecisionJournal journal;
    if (Status opened = journal.open(dbPath); !opened)
        return fail(out, opened.error());
    auto store = market::SwapStore::open(dbPath);
    if (!store)
        return fail(out, store.error());

    UnixSignalWatcher watcher;
    bool stopRequested = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&] { stopRequested = true; });
    const auto canceled = [&] { return stopRequested; };

    // The backend; one that does not answer gives way to the built-in policy unless --no-fallback.
    std::unique_ptr<agent::LlmBackend> backend = agent::makeBackend(config.backend);
    // Servers, and built-in backends with an argument (a trained trader's run): one without a checkpoint
    // would fail every cycle.
    if (config.backend.kind != agent::BackendSpec::Kind::Builtin || config.backend.model.contains(QLatin1Char(':'))) {
        std::optional<Result<QString>> probed;
        QEventLoop wait;
        backend->probe([&](Result<QString> answer) {
            probed = std::move(answer);
            wait.quit();
        });
        if (!probed)
            wait.exec();
        if (!*probed) {
            if (args->has(QStringLiteral("--no-fallback")))
                return fail(out, probed->error());
            out.text(Cli::tr("%1 did not answer (%2); the built-in policy decides.")
                         .arg(backend->endpoint(), probed->error().message));
            config.backend = agent::BackendSpec{};
            backend = agent::makeBackend(config.backend);
        }
    }

    // The pool's rolling metrics, from a live monitor of the node (also filling the swap store).
    market::MonitorConfig monitorConfig;
    monitorConfig.rpcUrl = (*link)->url.toString();
    monitorConfig.chain = market::chainKey((*link)->chainId, chain::isLoopbackUrl((*link)->url));
    monitorConfig.poolManager = (*link)->venue.poolManager;
    monitorConfig.poolId = (*link)->venue.poolId();
    monitorConfig.pollMs = 1000;
    monitorConfig.confirmations = paper ? 0 : 3;
    market::LiveMonitor monitor(store->get(), monitorConfig);
    {
        // The first cycle waits for the first metrics (at most 15 s: a quiet pool has none to give).
        QEventLoop wait;
        QObject::connect(&monitor, &market::LiveMonitor::metricsChanged, &wait, &QEventLoop::quit);
        QObject::connect(&monitor, &market::LiveMonitor::problem, &wait, [&](const QString &text) {
            if (!text.isEmpty())
                wait.quit();
        });
        QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &wait, &QEventLoop::quit);
        QTimer::singleShot(15000, &wait, &QEventLoop::quit);
        monitor.start();
        wait.exec();
    }
    MonitorSource market(&monitor);

    // The key stays in this process for the run; the sender asks for it at each signature.
    const eth::Address account = key->address();
    auto held = std::make_shared<eth::PrivateKey>(std::move(*key));
    const eth::KeySource keySource = [held]() -> Result<eth::PrivateKey> {
        return eth::PrivateKey::fromBytes(
            eth::SecretBytes(QByteArray(held->secret().bytes().constData(), held->secret().bytes().size())));
    };
    agent::RpcGateway gateway((*link)->url, (*link)->chainId, (*link)->venue, account, keySource);
    agent::AgentLoop loop(config, backend.get(), &gateway, &market, &journal);
    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (Status begun = loop.begin(runId, QDateTime::currentSecsSinceEpoch()); !begun)
        return fail(out, begun.error());

    agent::LoopHooks hooks;
    hooks.canceled = canceled;
    int failures = 0;
    while (!canceled()) {
        const agent::DecisionRecord record = loop.runCycle(hooks);
        if (record.status == agent::DecisionRecord::Status::Failed)
            ++failures;
        if (out.json()) {
            out.record(decisionLine(record));
        } else {
            QString line = QStringLiteral("#%1 %2 %3/%4: %5")
                               .arg(record.cycle)
                               .arg(agent::decisionTypeKey(record.type), record.backend, record.model,
                                    agent::decisionStatusKey(record.status));
            if (record.parsed.canary != agent::Canary::None)
                line += QStringLiteral(" [") + agent::canaryText(record.parsed.canary) + QLatin1Char(']');
            if (record.sized.trade)
                line += QStringLiteral(" %1 %2").arg(record.amountInText(), record.tokenIn());
            if (!record.txHash.isZero())
                line += QStringLiteral(" tx ") + record.txHash.toHex();
            if (!record.error.message.isEmpty())
                line += QStringLiteral(" — ") + record.error.message;
            out.text(line);
        }
        if (config.maxCycles > 0 && loop.totals().cycles >= quint64(config.maxCycles))
            break;
        QEventLoop wait;
        QTimer::singleShot(config.intervalMs, &wait, &QEventLoop::quit);
        QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &wait, &QEventLoop::quit);
        if (!canceled())
            wait.exec();
    }
    monitor.stop();
    if (Status saved = loop.finish(); !saved)
        return fail(out, saved.error());
    if (stopRequested)
        return out.fail(Failure, Cli::tr("stopped by a signal after %n decision(s)", nullptr, int(loop.totals().cycles)));
    Q_UNUSED(failures)
    return Ok;
}

} // namespace

int agentCommand(const QStringList &args, const Output &out)
{
    if (args.isEmpty() || args.first() != QLatin1String("run"))
        return out.fail(UsageError, Cli::tr("usage: apedesk-cli agent run --rpc URL --llm SPEC (--key-env VAR | "
                                            "--keystore FILE --password-file F) [options]"));
    return runCommand(args.mid(1), out);
}

} // namespace apedesk::cli
