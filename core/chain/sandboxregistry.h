#pragma once
// Which sandboxes run now, started by `apedesk-cli sandbox up` or by the app: one JSON file per port
// in <chainDir>/sandboxes/ with the RPC URL, the anvil pid and its exact command line, and the
// deployment. Other processes (the CLI's swap command, a second app) find a sandbox's contracts by its
// URL. A record whose process is gone, or whose pid now runs another command line, is dropped when
// read, so a reused pid is never mistaken for a sandbox.

#include "common/error.h"
#include "sandboxdeployment.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace apedesk::chain {

struct SandboxRecord
{
    enum class Owner { Cli, App };
    quint16 port = 0;
    QUrl rpcUrl;                 // http://127.0.0.1:<port>
    qint64 pid = 0;              // anvil's own pid
    QStringList commandLine;     // /proc/<pid>/cmdline when recorded
    Owner owner = Owner::App;
    bool detached = false;       // CLI: anvil outlives the command that started it
    QString logPath;             // anvil's output, when it goes to a file
    QDateTime started;           // UTC
    SandboxDeployment deployment;

    QJsonObject toJson() const;
    static Result<SandboxRecord> fromJson(const QJsonObject &object);
};

class SandboxRegistry
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::chain::SandboxRegistry)
public:
    // chainDirectory: Paths::chainDir() (the records go to its "sandboxes" subfolder).
    explicit SandboxRegistry(QString chainDirectory);
    QString directory() const { return m_directory; }

    // The app's sandbox: the command line is read from /proc now (the process must be running).
    Status record(quint16 port, qint64 pid, const SandboxDeployment &deployment);
    // A full record (the CLI fills owner, detached, log and command line itself). Replaces the port's record.
    Status record(const SandboxRecord &record);
    void remove(quint16 port) const;

    // Live records only, by port; dead and unreadable ones are removed on the way.
    QList<SandboxRecord> list() const;
    std::optional<SandboxRecord> find(quint16 port) const;
    // A loopback URL (127.0.0.1, localhost, [::1]) with the record's port, or the recorded URL itself.
    std::optional<SandboxRecord> findByRpcUrl(const QUrl &url) const;

    // Whether the recorded process still runs with exactly the recorded command line.
    static bool isAlive(const SandboxRecord &record);
    // /proc/<pid>/cmdline split at NUL; empty when the process is gone or unreadable.
    static QStringList commandLineOf(qint64 pid);

private:
    QString recordPath(quint16 port) const;
    std::optional<SandboxRecord> load(const QString &path) const;

    QString m_directory;
};

} // namespace apedesk::chain
