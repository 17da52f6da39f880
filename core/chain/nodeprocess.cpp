#include "nodeprocess.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <csignal>

namespace apedesk::chain {
namespace {
constexpr int kKeptLogLines = 500;

// /proc/<pid>/cmdline as a list: what a record is compared against.
QStringList commandLineOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray raw = file.readAll();
    if (raw.endsWith('\0'))
        raw.chop(1);
    QStringList parts;
    for (const QByteArray &part : raw.split('\0'))
        parts << QString::fromLocal8Bit(part);
    return parts;
}

bool waitForExit(qint64 pid, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (::kill(static_cast<pid_t>(pid), 0) != 0)
            return true;
        QThread::msleep(20);
    }
    return ::kill(static_cast<pid_t>(pid), 0) != 0;
}
} // namespace

QStringList anvilArguments(const NodeLaunch &launch, quint16 port)
{
    QStringList args{QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                     QString::number(port), QStringLiteral("--chain-id"), QString::number(launch.chainId)};
    if (launch.mode == NodeLaunch::Mode::Fork) {
        args << QStringLiteral("--fork-url") << launch.forkUrl;
        if (launch.forkBlockNumber > 0)
            args << QStringLiteral("--fork-block-number") << QString::number(launch.forkBlockNumber);
    } else if (!launch.loadStatePath.isEmpty()) {
        args << QStringLiteral("--load-state") << launch.loadStatePath;
    }
    return args;
}

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

NodeProcess::NodeProcess(QString recordDirectory, QObject *parent)
    : QObject(parent), m_recordDirectory(std::move(recordDirectory))
{
}

NodeProcess::~NodeProcess() { stop(1000); }

void NodeProcess::start(const QString &anvilPath, const NodeLaunch &launch, int readyTimeoutMs)
{
    if (m_process) {
        Q_EMIT failed(Error::make(Error::Kind::Usage, tr("A node is already running."), m_url.toString()));
        return;
    }
    if (launch.mode == NodeLaunch::Mode::Fork && !launch.forkUrl.startsWith(QLatin1String("http")))
        return void(Q_EMIT failed(Error::make(Error::Kind::Usage, tr("Fork mode needs an http(s) endpoint of BASE."),
                                              launch.forkUrl)));
    m_port = launch.port ? launch.port : freeLoopbackPort();
    if (m_port == 0)
        return void(Q_EMIT failed(Error::make(Error::Kind::Io, tr("No free local port was found for the node."))));
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    m_ready = false;
    m_stopping = false;
    m_log.clear();
    m_partial.clear();
    m_readyAfterMs = -1;

    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &NodeProcess::readOutput);
    connect(m_process, &QProcess::finished, this, &NodeProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &NodeProcess::onError);
    const QStringList args = anvilArguments(launch, m_port);
    // The fork URL may carry an API key: the log shows the command with it masked.
    QStringList shown = args;
    const int forkIndex = shown.indexOf(QStringLiteral("--fork-url"));
    if (forkIndex >= 0 && forkIndex + 1 < shown.size())
        shown[forkIndex + 1] = QUrl(shown[forkIndex + 1]).adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString() + QStringLiteral("/…");
    qCInfo(lcChain).noquote() << "starting" << anvilPath << shown.join(QLatin1Char(' '));
    m_clock.start();
    m_process->start(anvilPath, args);

    QTimer::singleShot(readyTimeoutMs, this, [this, readyTimeoutMs] {
        if (m_process && !m_ready && !m_stopping) {
            const QString tail = m_log.mid(std::max<qsizetype>(0, m_log.size() - 5)).join(QLatin1Char('\n'));
            stop(500);
            Q_EMIT failed(Error::make(Error::Kind::Timeout, tr("The local node did not become ready in time."),
                                      QStringLiteral("%1 ms; last output: %2").arg(readyTimeoutMs).arg(tail)));
        }
    });
}

void NodeProcess::readOutput()
{
    m_partial += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(newline)).trimmed();
        m_partial.remove(0, newline + 1);
        if (line.isEmpty())
            continue;
        m_log.append(line);
        if (m_log.size() > kKeptLogLines)
            m_log.removeFirst();
        Q_EMIT logLine(line);
        if (!m_ready && line.startsWith(QLatin1String("Listening on"))) {
            m_ready = true;
            m_readyAfterMs = m_clock.elapsed();
            writeRecord();
            qCInfo(lcChain) << "node ready at" << m_url.toString() << "after" << m_readyAfterMs << "ms, pid" << pid();
            Q_EMIT ready(m_url);
        }
    }
}

void NodeProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    const bool crashed = status == QProcess::CrashExit;
    const bool expected = m_stopping;
    const bool wasReady = m_ready;
    removeRecord();
    m_ready = false;
    if (m_process) {
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (expected)
        return;
    qCWarning(lcChain) << "node exited unexpectedly, code" << exitCode << (crashed ? "(crashed)" : "");
    Q_EMIT exited(exitCode, crashed);
    if (!wasReady) {
        const QString tail = m_log.mid(std::max<qsizetype>(0, m_log.size() - 5)).join(QLatin1Char('\n'));
        Q_EMIT failed(Error::make(Error::Kind::Io, tr("The local node stopped while starting."), tail));
    }
}

void NodeProcess::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    const QString detail = m_process->errorString();
    m_process->deleteLater();
    m_process = nullptr;
    Q_EMIT failed(Error::make(Error::Kind::Io, tr("anvil could not be started."), detail));
}

void NodeProcess::stop(int graceMs)
{
    if (!m_process)
        return;
    m_stopping = true;
    QProcess *process = m_process;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(graceMs)) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
    removeRecord();
    if (m_process == process) {   // onFinished may have run inside waitForFinished
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_ready = false;
}

bool NodeProcess::isRunning() const { return m_process && m_process->state() == QProcess::Running; }

qint64 NodeProcess::pid() const { return m_process ? m_process->processId() : 0; }

QString NodeProcess::recordPath() const
{
    return QDir(m_recordDirectory).filePath(QStringLiteral("node-%1.json").arg(m_port));
}

void NodeProcess::writeRecord()
{
    QDir().mkpath(m_recordDirectory);
    QSaveFile file(recordPath());
    if (!file.open(QIODevice::WriteOnly))
        return;
    const QJsonObject record{{QStringLiteral("pid"), pid()},
                             {QStringLiteral("owner_pid"), QCoreApplication::applicationPid()},
                             {QStringLiteral("port"), m_port},
                             {QStringLiteral("command_line"), QJsonArray::fromStringList(commandLineOf(pid()))},
                             {QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    file.write(QJsonDocument(record).toJson());
    file.commit();
}

void NodeProcess::removeRecord()
{
    if (m_port)
        QFile::remove(recordPath());
}

int NodeProcess::cleanupStaleNodes(const QString &recordDirectory)
{
    int ended = 0;
    const QStringList records = QDir(recordDirectory).entryList({QStringLiteral("node-*.json")}, QDir::Files);
    for (const QString &name : records) {
        const QString path = QDir(recordDirectory).filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject record = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        const qint64 pid = record.value(QStringLiteral("pid")).toInteger();
        // A node whose app still runs (another window, another session in this process) is not stale.
        const qint64 owner = record.value(QStringLiteral("owner_pid")).toInteger();
        if (owner > 1 && ::kill(static_cast<pid_t>(owner), 0) == 0)
            continue;
        QStringList recorded;
        for (const QJsonValue &part : record.value(QStringLiteral("command_line")).toArray())
            recorded << part.toString();
        // Only a process that is still exactly the node we started: a reused pid runs something else.
        if (pid > 1 && !recorded.isEmpty() && commandLineOf(pid) == recorded) {
            qCInfo(lcChain) << "ending node left by an earlier run, pid" << pid;
            ::kill(static_cast<pid_t>(pid), SIGTERM);
            if (!waitForExit(pid, 2000))
                ::kill(static_cast<pid_t>(pid), SIGKILL);
            ++ended;
        }
        QFile::remove(path);
    }
    return ended;
}

} // namespace apedesk::chain
