#pragma once
// A real anvil for a test: started on a free loopback port, ready when it answers eth_chainId,
// killable with SIGKILL and restartable on the same port (optionally from a dumped state), and
// always stopped when the object goes away. Only the process this object started is ever killed.
//
// The binary comes from APEDESK_ANVIL (set by tests/CMakeLists.txt), else from PATH.

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <zlib.h>

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>

#include <memory>

class AnvilNode
{
public:
    struct Options
    {
        quint64 chainId = 31337;
        bool automine = true;             // false: --no-mining, blocks only on evm_mine
        QString loadStateFile;            // --load-state: a plain JSON state (see writeStateFile)
        QStringList extraArguments;
    };

    AnvilNode() = default;
    AnvilNode(const AnvilNode &) = delete;
    AnvilNode &operator=(const AnvilNode &) = delete;
    ~AnvilNode() { kill(); }

    static QString binary()
    {
        const QString fromEnv = qEnvironmentVariable("APEDESK_ANVIL");
        if (!fromEnv.isEmpty())
            return fromEnv;
        return QStandardPaths::findExecutable(QStringLiteral("anvil"));
    }

    // Starts on a free port. On failure, lastError() says why.
    bool start() { return start(Options()); }
    bool start(const Options &options, int timeoutMs = 15000)
    {
        m_port = freePort();
        if (m_port == 0) {
            m_lastError = QStringLiteral("no free loopback port");
            return false;
        }
        return launch(options, timeoutMs);
    }

    // Starts again on the same port (after kill() or stop()). A port that is briefly still taken
    // is tried again for a while.
    bool restart() { return restart(Options()); }
    bool restart(const Options &options, int timeoutMs = 15000)
    {
        kill();
        return launch(options, timeoutMs);
    }

    // SIGKILL, as if the node crashed: no state dump, connections die without a goodbye.
    void kill()
    {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    // SIGSTOP / SIGCONT: a node that hangs without closing its connections.
    bool pause() { return signal(SIGSTOP); }
    bool resume() { return signal(SIGCONT); }

    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QString lastError() const { return m_lastError; }
    QString log() const
    {
        QFile file(logPath());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000)) : QString();
    }
    QString stateFilePath(const QString &name) const { return m_dir.filePath(name); }

    // anvil_dumpState answers gzip-compressed JSON; --load-state wants the plain JSON.
    static bool writeStateFile(const QByteArray &dump, const QString &path, QString *error = nullptr)
    {
        QByteArray json = dump;
        if (dump.startsWith("\x1f\x8b")) {
            json = gunzip(dump);
            if (json.isEmpty()) {
                if (error)
                    *error = QStringLiteral("the state dump is not valid gzip");
                return false;
            }
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size()) {
            if (error)
                *error = file.errorString();
            return false;
        }
        return true;
    }

    // One blocking JSON-RPC POST without an event loop; for readiness checks and test setup.
    static QByteArray post(quint16 port, const QByteArray &body, int timeoutMs = 2000)
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(timeoutMs))
            return {};
        socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (socket.waitForReadyRead(100))
                answer += socket.readAll();
            if (socket.state() != QAbstractSocket::ConnectedState) {
                answer += socket.readAll();
                break;
            }
        }
        const int split = answer.indexOf("\r\n\r\n");
        return split < 0 ? QByteArray() : answer.mid(split + 4);
    }

private:
    bool signal(int number)
    {
        return isRunning() && ::kill(static_cast<pid_t>(m_process->processId()), number) == 0;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort();
    }

    QString logPath() const { return m_dir.filePath(QStringLiteral("anvil-%1.log").arg(m_port)); }

    bool launch(const Options &options, int timeoutMs)
    {
        const QString program = binary();
        if (program.isEmpty()) {
            m_lastError = QStringLiteral("anvil not found (set APEDESK_ANVIL)");
            return false;
        }
        QStringList args{QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                         QString::number(m_port), QStringLiteral("--chain-id"), QString::number(options.chainId)};
        if (!options.automine)
            args << QStringLiteral("--no-mining");
        if (!options.loadStateFile.isEmpty())
            args << QStringLiteral("--load-state") << options.loadStateFile;
        args << options.extraArguments;

        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            m_process = std::make_unique<QProcess>();
            m_process->setProcessChannelMode(QProcess::MergedChannels);
            m_process->setStandardOutputFile(logPath(), QIODevice::Append);
            // A test that crashes or aborts (sanitizers) takes its anvil with it.
            m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
            m_process->start(program, args);
            if (!m_process->waitForStarted(5000)) {
                m_lastError = QStringLiteral("anvil did not start: %1").arg(m_process->errorString());
                m_process.reset();
                return false;
            }
            while (timer.elapsed() < timeoutMs && m_process->state() == QProcess::Running) {
                const QByteArray answer =
                    post(m_port, R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]})", 500);
                if (answer.contains("\"result\""))
                    return true;
                QThread::msleep(20);
            }
            // Exited early: most likely the port was not free yet after a kill. Try again.
            m_process->waitForFinished(1000);
            m_lastError = QStringLiteral("anvil exited before it was ready: %1").arg(log().right(500));
            m_process.reset();
            QThread::msleep(100);
        }
        kill();
        if (m_lastError.isEmpty())
            m_lastError = QStringLiteral("anvil was not ready within %1 ms").arg(timeoutMs);
        return false;
    }

    static QByteArray gunzip(const QByteArray &data)
    {
        z_stream stream{};
        if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
            return {};
        QByteArray out;
        char buffer[64 * 1024];
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
        stream.avail_in = static_cast<uInt>(data.size());
        int status = Z_OK;
        while (status == Z_OK) {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            status = inflate(&stream, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END)
                break;
            out.append(buffer, static_cast<qsizetype>(sizeof buffer - stream.avail_out));
        }
        inflateEnd(&stream);
        return status == Z_STREAM_END ? out : QByteArray();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_lastError;
};
