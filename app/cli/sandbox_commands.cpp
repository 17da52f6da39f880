// apedesk-cli sandbox: start an offline chain 8453 with the real Uniswap V4 contracts and an ETH/USDC
// pool (from the prepared-state cache when it is valid, else deployed anew and cached), and stop it
// again. `up` stays in the foreground until Ctrl+C / SIGTERM and then stops its anvil; with --detach
// anvil runs on in its own session, recorded in <chainDir>/sandboxes/ so `down`, `swap --rpc` and the
// app find it. `down` ends only a process that still runs exactly the recorded command line.
// Keys are never printed: the sandbox accounts are anvil's well-known defaults.

#include "commandline.h"
#include "walletoptions.h"

#include "chain/artifacts.h"
#include "chain/nodeprocess.h"
#include "chain/sandboxcache.h"
#include "chain/sandboxdeployer.h"
#include "chain/sandboxregistry.h"
#include "chain/toollocator.h"
#include "common/logging.h"
#include "common/paths.h"
#include "common/unixsignals.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/rpcawait.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/prctl.h>
#include <unistd.h>

namespace apedesk::cli {
namespace {

constexpr quint16 kDefaultPort = 8545;
constexpr int kReadyTimeoutMs = 20000;
constexpr int kStopGraceMs = 5000;

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

// JSON: the whole object; text: its "message" only.
void report(const Output &out, const QJsonObject &object)
{
    if (out.json())
        out.record(object);
    else
        out.text(object.value(QStringLiteral("message")).toString());
}

QString registryDir() { return Paths::chainDir(); }
QString cacheDir() { return QDir(Paths::chainDir()).filePath(QStringLiteral("sandbox-cache")); }

bool portIsFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

bool portAnswers(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(200);
}

// Whether a process exists and is not a zombie (/proc/<pid>/stat: "pid (comm) state ...").
bool processRuns(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 1 || !file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.size())
        return false;
    const char state = stat.at(close + 2);
    return state != 'Z' && state != 'X';
}

QString logTail(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = file.size();
    file.seek(std::max<qint64>(0, size - 600));
    return QString::fromUtf8(file.readAll()).simplified();
}

// An anvil this command started: either a child that dies with the CLI, or a detached process.
class Anvil
{
public:
    Anvil(QString program, QStringList arguments, QString logPath, bool detached)
        : m_program(std::move(program)), m_arguments(std::move(arguments)), m_logPath(std::move(logPath)), m_detached(detached)
    {
    }
    ~Anvil()
    {
        if (m_child)
            stop();
    }

    Status start()
    {
        QDir().mkpath(QFileInfo(m_logPath).absolutePath());
        QFile::remove(m_logPath);
        if (m_detached) {
            // Its own session (Qt's startDetached calls setsid), output to a file, nothing inherited
            // from this terminal: it outlives the CLI.
            QProcess process;
            process.setProgram(m_program);
            process.setArguments(m_arguments);
            process.setStandardInputFile(QProcess::nullDevice());
            // Both in append mode, so neither overwrites what the other wrote.
            process.setStandardOutputFile(m_logPath, QIODevice::Append);
            process.setStandardErrorFile(m_logPath, QIODevice::Append);
            qint64 pid = 0;
            if (!process.startDetached(&pid) || pid <= 0)
                return Error::make(Error::Kind::Io, Cli::tr("anvil could not be started"), m_program);
            m_pid = pid;
            return {};
        }
        m_child = std::make_unique<QProcess>();
        m_child->setProgram(m_program);
        m_child->setArguments(m_arguments);
        m_child->setStandardInputFile(QProcess::nullDevice());
        m_child->setStandardOutputFile(m_logPath);
        m_child->setProcessChannelMode(QProcess::MergedChannels);
        // Its own process group, so Ctrl+C reaches only the CLI, which then stops anvil in order;
        // and it dies with the CLI should the CLI be killed.
        m_child->setChildProcessModifier([] {
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        m_child->start();
        if (!m_child->waitForStarted(10000)) {
            const QString why = m_child->errorString();
            m_child.reset();
            return Error::make(Error::Kind::Io, Cli::tr("anvil could not be started"), why);
        }
        m_pid = m_child->processId();
        return {};
    }

    // Polls eth_chainId until anvil answers (or dies, or the time is up).
    Status waitReady(const QUrl &url, int timeoutMs)
    {
        eth::JsonRpcOptions options;
        options.timeoutMs = 1000;
        options.maxAttempts = 1;
        options.endpointRetryMs = 0;
        eth::JsonRpcClient client({url}, options);
        eth::EthRpc rpc(&client);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (!isRunning())
                return Error::make(Error::Kind::Io, Cli::tr("anvil stopped while starting"), logTail(m_logPath));
            // A plain connect first: the RPC client would log every refused connection as an outage.
            if (!portAnswers(static_cast<quint16>(url.port()))) {
                QThread::msleep(20);
                continue;
            }
            auto id = eth::awaitRpc<quint64>(&client, [&](auto done) { return rpc.chainId(done); });
            if (id)
                return {};
            QThread::msleep(20);
        }
        return Error::make(Error::Kind::Timeout, Cli::tr("anvil did not answer within %1 s").arg(timeoutMs / 1000),
                           logTail(m_logPath));
    }

    bool isRunning() const
    {
        if (m_child)
            return m_child->state() == QProcess::Running;
        return m_pid > 0 && processRuns(m_pid);
    }

    void stop()
    {
        if (m_child) {
            if (m_child->state() != QProcess::NotRunning) {
                m_child->terminate();
                if (!m_child->waitForFinished(kStopGraceMs)) {
                    m_child->kill();
                    m_child->waitForFinished(2000);
                }
            }
            m_child.reset();
        } else if (m_pid > 0) {
            // Only while the pid still runs exactly what was started.
            if (chain::SandboxRegistry::commandLineOf(m_pid) == QStringList(m_program) + m_arguments)
                ::kill(static_cast<pid_t>(m_pid), SIGTERM);
        }
        m_pid = 0;
    }

    qint64 pid() const { return m_pid; }
    QProcess *child() const { return m_child.get(); }
    const QString &logPath() const { return m_logPath; }

private:
    QString m_program;
    QStringList m_arguments;
    QString m_logPath;
    bool m_detached;
    std::unique_ptr<QProcess> m_child;
    qint64 m_pid = 0;
};

QJsonObject describe(const chain::SandboxRecord &record, bool fromCache, qint64 readyMs)
{
    QJsonObject contracts;
    for (const auto &[name, address] : record.deployment.contracts())
        contracts.insert(name, address.toChecksumString());
    const QList<eth::Address> accounts = chain::sandboxAccounts();
    return QJsonObject{{QStringLiteral("rpc_url"), record.rpcUrl.toString()},
                       {QStringLiteral("chain_id"), static_cast<qint64>(record.deployment.chainId)},
                       {QStringLiteral("port"), record.port},
                       {QStringLiteral("pid"), record.pid},
                       {QStringLiteral("detached"), record.detached},
                       {QStringLiteral("price"), record.deployment.initialPrice},
                       {QStringLiteral("pool_id"), record.deployment.poolId.toHex()},
                       {QStringLiteral("contracts"), contracts},
                       {QStringLiteral("account"), accounts.isEmpty() ? QString() : accounts.first().toChecksumString()},
                       {QStringLiteral("from_cache"), fromCache},
                       {QStringLiteral("ready_ms"), readyMs},
                       {QStringLiteral("log"), record.logPath}};
}

// Deploys on a fresh node and saves the prepared state for the next start.
Result<chain::SandboxDeployment> deployAndCache(eth::JsonRpcClient *client, const chain::ToolLocations &tools,
                                                const QString &price, const QByteArray &fingerprint, bool verbose,
                                                const chain::SandboxDeployer::Canceled &canceled)
{
    chain::SandboxDeployer deployer(client, tools.nodeModules);
    chain::SandboxOptions options;
    options.price = price;
    options.fundAccounts = chain::sandboxAccounts();
    auto deployed = deployer.deploy(options, canceled, [verbose](int step, int steps, const QString &text) {
        if (verbose)
            std::fprintf(stderr, "[%d/%d] %s\n", step, steps, qPrintable(text));
    });
    if (!deployed)
        return deployed.error();
    eth::EthRpc rpc(client);
    auto state = eth::awaitRpc<QByteArray>(client, [&](auto done) { return rpc.anvilDumpState(done); });
    if (!state) {
        qCWarning(lcChain).noquote() << "anvil_dumpState failed, the sandbox is not cached:" << state.error().detail();
    } else {
        const Status stored = chain::SandboxCache(cacheDir()).store(price, fingerprint, tools.anvil, *state, *deployed);
        if (!stored)
            qCWarning(lcChain).noquote() << "the sandbox is not cached:" << stored.error().toString();
    }
    return deployed;
}

int sandboxUp(const QStringList &rest, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rest, {QStringLiteral("--port"), QStringLiteral("--price")},
                                  {QStringLiteral("--detach"), QStringLiteral("--json"), QStringLiteral("--fresh"),
                                   QStringLiteral("--progress")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("sandbox up: unexpected argument %1").arg(args->positional().first()));
    quint16 port = kDefaultPort;
    if (args->has(QStringLiteral("--port"))) {
        auto parsed = parseUint64(args->value(QStringLiteral("--port")), QStringLiteral("--port"));
        if (!parsed)
            return fail(out, parsed.error());
        if (*parsed == 0 || *parsed > 65535)
            return out.fail(UsageError, Cli::tr("--port must be between 1 and 65535"));
        port = static_cast<quint16>(*parsed);
    }
    const QString price = args->has(QStringLiteral("--price")) ? args->value(QStringLiteral("--price")).trimmed()
                                                               : QStringLiteral("3000");
    if (auto plan = chain::SandboxDeployer::planLiquidity(price); !plan)
        return out.fail(UsageError, QStringLiteral("--price: ") + plan.error().message);
    const bool detach = args->has(QStringLiteral("--detach"));

    QElapsedTimer clock;
    clock.start();
    // From here on SIGINT / SIGTERM end the command in order (stopping the anvil it started), also
    // while it is still deploying.
    UnixSignalWatcher watcher;
    bool stopRequested = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&] { stopRequested = true; });
    chain::SandboxRegistry registry(registryDir());
    if (auto running = registry.find(port))
        return out.fail(Failure, Cli::tr("a sandbox already runs on port %1 (stop it with: apedesk-cli sandbox down --port %1)")
                                     .arg(port));
    if (!portIsFree(port))
        return out.fail(Failure, Cli::tr("port %1 is in use; choose another with --port").arg(port));

    auto tools = chain::locateTools();
    if (!tools)
        return fail(out, tools.error());
    const QByteArray fingerprint = chain::artifactsFingerprint(tools->nodeModules);
    if (fingerprint.isEmpty()) {
        for (chain::Contract contract : chain::allContracts()) {
            if (auto code = chain::creationBytecode(tools->nodeModules, contract); !code)
                return fail(out, code.error());
        }
        if (auto permit2 = chain::permit2RuntimeCode(tools->nodeModules); !permit2)
            return fail(out, permit2.error());
    }
    chain::SandboxCache cache(cacheDir());
    std::optional<chain::CachedSandbox> cached;
    if (args->has(QStringLiteral("--fresh")))
        cache.clear();
    else
        cached = cache.find(price, fingerprint, tools->anvil);

    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));
    const QString logPath = QDir(chain::SandboxRegistry(registryDir()).directory()).filePath(QStringLiteral("anvil-%1.log").arg(port));
    chain::NodeLaunch launch;
    launch.mode = chain::NodeLaunch::Mode::Sandbox;
    launch.chainId = 8453;
    launch.port = port;
    const auto startAnvil = [&](const QString &statePath) -> Result<std::unique_ptr<Anvil>> {
        launch.loadStatePath = statePath;
        auto anvil = std::make_unique<Anvil>(tools->anvil, chain::anvilArguments(launch, port), logPath, detach);
        if (Status started = anvil->start(); !started)
            return started.error();
        if (Status ready = anvil->waitReady(url, kReadyTimeoutMs); !ready) {
            anvil->stop();
            return ready.error();
        }
        return anvil;
    };
    auto started = startAnvil(cached ? cached->statePath : QString());
    if (!started)
        return fail(out, started.error());
    std::unique_ptr<Anvil> anvil = std::move(*started);

    eth::JsonRpcOptions rpcOptions;
    rpcOptions.timeoutMs = 10000;
    rpcOptions.maxAttempts = 2;
    auto client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{url}, rpcOptions);
    std::optional<chain::SandboxDeployment> deployment;
    bool fromCache = false;
    if (cached) {
        eth::EthRpc rpc(client.get());
        auto code = eth::awaitRpc<QByteArray>(client.get(), [&](auto done) {
            return rpc.getCode(cached->deployment.poolManager, eth::BlockTag::latest(), done);
        });
        if (code && !code->isEmpty()) {
            deployment = cached->deployment;
            fromCache = true;
        } else {
            // A state that does not hold what its record says: start over without it.
            qCWarning(lcChain) << "cached sandbox state unusable, deploying anew";
            cache.clear();
            client.reset();
            anvil->stop();
            anvil.reset();
            QElapsedTimer wait;
            wait.start();
            while (!portIsFree(port) && wait.elapsed() < 3000)
                QThread::msleep(20);
            auto restarted = startAnvil(QString());
            if (!restarted)
                return fail(out, restarted.error());
            anvil = std::move(*restarted);
            client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{url}, rpcOptions);
        }
    }
    if (!deployment) {
        auto deployed = deployAndCache(client.get(), *tools, price, fingerprint, args->has(QStringLiteral("--progress")),
                                       [&] { return stopRequested; });
        if (!deployed) {
            anvil->stop();
            return fail(out, deployed.error());
        }
        deployment = *deployed;
    }
    deployment->rpcUrl = url.toString();
    const qint64 readyMs = clock.elapsed();

    chain::SandboxRecord record;
    record.port = port;
    record.rpcUrl = url;
    record.pid = anvil->pid();
    record.commandLine = chain::SandboxRegistry::commandLineOf(anvil->pid());
    record.owner = chain::SandboxRecord::Owner::Cli;
    record.detached = detach;
    record.logPath = anvil->logPath();
    record.started = QDateTime::currentDateTimeUtc();
    record.deployment = *deployment;
    if (Status recorded = registry.record(record); !recorded) {
        anvil->stop();
        return fail(out, recorded.error());
    }
    qCInfo(lcChain).noquote() << "sandbox up on" << url.toString() << "pid" << record.pid << (fromCache ? "from cache" : "deployed")
                              << "in" << readyMs << "ms";

    const QJsonObject description = describe(record, fromCache, readyMs);
    if (out.json()) {
        out.record(description);
    } else {
        out.text(Cli::tr("Sandbox ready at %1 (chain 8453, %2 in %3 ms).")
                     .arg(url.toString(), fromCache ? Cli::tr("from the saved state") : Cli::tr("deployed anew"))
                     .arg(readyMs));
        out.text(Cli::tr("ETH/USDC pool %1 at %2 USDC per ETH.").arg(deployment->poolId.toHex(), deployment->initialPrice));
        for (const auto &[name, address] : deployment->contracts())
            out.text(QStringLiteral("  %1 %2").arg(name.leftJustified(24), address.toChecksumString()));
        out.text(Cli::tr("Accounts: anvil's ten default accounts, each with 100 ETH and 100,000 USDC; account 1 is %1.")
                     .arg(description.value(QStringLiteral("account")).toString()));
    }
    std::fflush(stdout);

    if (detach) {
        out.text(Cli::tr("anvil runs on in the background (pid %1); stop it with: apedesk-cli sandbox down --port %2")
                     .arg(record.pid)
                     .arg(port));
        std::fflush(stdout);
        return Ok;
    }

    out.text(Cli::tr("Press Ctrl+C to stop the sandbox."));
    std::fflush(stdout);
    client.reset();
    QEventLoop loop;
    bool nodeEnded = false;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &loop, &QEventLoop::quit);
    QObject::connect(anvil->child(), &QProcess::finished, &loop, [&] {
        nodeEnded = true;
        loop.quit();
    });
    if (!anvil->isRunning())
        nodeEnded = true;
    else if (!stopRequested)
        loop.exec();
    QObject::disconnect(anvil->child(), nullptr, &loop, nullptr);   // stop() below ends it on purpose
    anvil->stop();
    registry.remove(port);
    if (nodeEnded)
        return out.fail(Failure, Cli::tr("the sandbox's anvil stopped on its own: %1").arg(logTail(logPath)));
    out.text(Cli::tr("Sandbox on port %1 stopped.").arg(port));
    return Ok;
}

// Ends the recorded anvil: SIGTERM, then SIGKILL after a grace period, each only while the pid still
// runs the recorded command line. Returns whether it ended.
bool stopRecorded(const chain::SandboxRecord &record)
{
    const auto stillOurs = [&] { return chain::SandboxRegistry::isAlive(record); };
    if (!stillOurs())
        return false;
    ::kill(static_cast<pid_t>(record.pid), SIGTERM);
    QElapsedTimer timer;
    timer.start();
    while (stillOurs() && timer.elapsed() < kStopGraceMs)
        QThread::msleep(20);
    if (stillOurs()) {
        ::kill(static_cast<pid_t>(record.pid), SIGKILL);
        timer.restart();
        while (stillOurs() && timer.elapsed() < 2000)
            QThread::msleep(20);
    }
    // The port closes a moment after the process is gone.
    timer.restart();
    while (portAnswers(record.port) && timer.elapsed() < 2000)
        QThread::msleep(20);
    return !stillOurs();
}

int sandboxDown(const QStringList &rest, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rest, {QStringLiteral("--port")}, {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("sandbox down: unexpected argument %1").arg(args->positional().first()));
    chain::SandboxRegistry registry(registryDir());

    std::optional<chain::SandboxRecord> record;
    if (args->has(QStringLiteral("--port"))) {
        auto parsed = parseUint64(args->value(QStringLiteral("--port")), QStringLiteral("--port"));
        if (!parsed)
            return fail(out, parsed.error());
        if (*parsed == 0 || *parsed > 65535)
            return out.fail(UsageError, Cli::tr("--port must be between 1 and 65535"));
        record = registry.find(static_cast<quint16>(*parsed));
        if (!record) {
            report(out, {{QStringLiteral("stopped"), false},
                        {QStringLiteral("port"), static_cast<qint64>(*parsed)},
                        {QStringLiteral("message"), Cli::tr("No sandbox is running on port %1.").arg(*parsed)}});
            return Ok;
        }
    } else {
        QList<chain::SandboxRecord> ours;
        for (const chain::SandboxRecord &entry : registry.list()) {
            if (entry.owner == chain::SandboxRecord::Owner::Cli)
                ours.append(entry);
        }
        if (ours.isEmpty()) {
            report(out, {{QStringLiteral("stopped"), false},
                        {QStringLiteral("message"), Cli::tr("No sandbox started by apedesk-cli is running.")}});
            return Ok;
        }
        if (ours.size() > 1) {
            QStringList ports;
            for (const chain::SandboxRecord &entry : ours)
                ports << QString::number(entry.port);
            return out.fail(UsageError, Cli::tr("sandboxes run on ports %1; choose one with --port").arg(ports.join(QStringLiteral(", "))));
        }
        record = ours.first();
    }
    if (record->owner == chain::SandboxRecord::Owner::App)
        return out.fail(Failure, Cli::tr("the sandbox on port %1 belongs to a running ApeDesk; stop it there").arg(record->port));

    const bool stopped = stopRecorded(*record);
    registry.remove(record->port);
    if (!stopped) {
        report(out, {{QStringLiteral("stopped"), false},
                    {QStringLiteral("port"), record->port},
                    {QStringLiteral("message"),
                     Cli::tr("The sandbox on port %1 had already stopped; its record is removed.").arg(record->port)}});
        return Ok;
    }
    report(out, {{QStringLiteral("stopped"), true},
                {QStringLiteral("port"), record->port},
                {QStringLiteral("pid"), record->pid},
                {QStringLiteral("message"),
                 Cli::tr("Stopped the sandbox on port %1 (anvil pid %2).").arg(record->port).arg(record->pid)}});
    return Ok;
}

int sandboxList(const QStringList &rest, const Output &globalOut)
{
    auto args = ParsedArgs::parse(rest, {}, {QStringLiteral("--json")});
    if (!args)
        return fail(globalOut, args.error());
    const Output out(globalOut.json() || args->has(QStringLiteral("--json")));
    const QList<chain::SandboxRecord> records = chain::SandboxRegistry(registryDir()).list();
    if (records.isEmpty())
        out.text(Cli::tr("No sandbox is running."));
    for (const chain::SandboxRecord &record : records) {
        out.record({{QStringLiteral("rpc_url"), record.rpcUrl.toString()},
                    {QStringLiteral("port"), record.port},
                    {QStringLiteral("pid"), record.pid},
                    {QStringLiteral("owner"), record.owner == chain::SandboxRecord::Owner::Cli ? QStringLiteral("cli")
                                                                                                : QStringLiteral("app")},
                    {QStringLiteral("price"), record.deployment.initialPrice},
                    {QStringLiteral("pool_id"), record.deployment.poolId.toHex()}});
    }
    return Ok;
}

} // namespace

int sandboxCommand(const QStringList &args, const Output &out)
{
    if (args.isEmpty())
        return out.fail(UsageError, Cli::tr("sandbox needs up, down or list; see apedesk-cli help sandbox"));
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("up"))
        return sandboxUp(rest, out);
    if (sub == QLatin1String("down"))
        return sandboxDown(rest, out);
    if (sub == QLatin1String("list"))
        return sandboxList(rest, out);
    return out.fail(UsageError, Cli::tr("sandbox: unknown subcommand %1 (up, down or list)").arg(sub));
}

} // namespace apedesk::cli
