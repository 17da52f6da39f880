#pragma once
// The anvil process ApeDesk starts: its command line (sandbox or fork of BASE), start on a free
// loopback port, readiness, a ring of recent log lines, and a stop that ends only this process.
// A record of every started node (pid + exact command line) lets a later run clean up a node left
// behind by a crash, and nothing else.

#include "common/error.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace apedesk::chain {

struct NodeLaunch
{
    enum class Mode { Sandbox, Fork };
    Mode mode = Mode::Sandbox;
    quint16 port = 0;           // 0: pick a free loopback port
    quint64 chainId = 8453;     // BASE
    QString loadStatePath;      // sandbox: start from an anvil_dumpState snapshot
    QString forkUrl;            // fork: the person's BASE endpoint
    quint64 forkBlockNumber = 0;   // fork: 0 = latest
};

// anvil's arguments for a launch on `port` (unit-tested; the fork URL is passed as given).
QStringList anvilArguments(const NodeLaunch &launch, quint16 port);
// A free TCP port on 127.0.0.1 (bound and released; anvil binds it right after).
quint16 freeLoopbackPort();

class NodeProcess : public QObject
{
    Q_OBJECT
public:
    // recordDirectory: where the pid records live (Paths::chainDir() in the app).
    explicit NodeProcess(QString recordDirectory, QObject *parent = nullptr);
    ~NodeProcess() override;   // stops the node

    // Starts anvil; ready() or failed() follows. Only one node per NodeProcess.
    void start(const QString &anvilPath, const NodeLaunch &launch, int readyTimeoutMs = 20000);
    // SIGTERM, then SIGKILL after graceMs; waits for the exit. Does nothing when nothing runs.
    void stop(int graceMs = 2000);

    bool isRunning() const;
    QUrl url() const { return m_url; }
    quint16 port() const { return m_port; }
    qint64 pid() const;
    QStringList recentLog() const { return m_log; }
    qint64 readyAfterMs() const { return m_readyAfterMs; }

    // Ends nodes recorded by an earlier run of the app whose process still runs with exactly the
    // recorded command line and whose app (owner_pid) is gone; removes records of processes that are
    // gone. Returns how many it ended.
    static int cleanupStaleNodes(const QString &recordDirectory);

Q_SIGNALS:
    void ready(QUrl url);
    void failed(apedesk::Error error);
    void exited(int exitCode, bool crashed);
    void logLine(QString line);

private:
    void readOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void writeRecord();
    void removeRecord();
    QString recordPath() const;

    QString m_recordDirectory;
    QProcess *m_process = nullptr;
    QStringList m_log;
    QByteArray m_partial;
    QUrl m_url;
    quint16 m_port = 0;
    bool m_ready = false;
    bool m_stopping = false;
    qint64 m_readyAfterMs = -1;
    QElapsedTimer m_clock;
};

} // namespace apedesk::chain
