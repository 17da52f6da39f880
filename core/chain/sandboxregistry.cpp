#include "sandboxregistry.h"

#include "common/logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <csignal>

namespace apedesk::chain {
namespace {

constexpr int kFormat = 1;

QString ownerKey(SandboxRecord::Owner owner)
{
    return owner == SandboxRecord::Owner::Cli ? QStringLiteral("cli") : QStringLiteral("app");
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

QJsonObject SandboxRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("format"), kFormat},
                       {QStringLiteral("port"), port},
                       {QStringLiteral("rpc_url"), rpcUrl.toString()},
                       {QStringLiteral("pid"), pid},
                       {QStringLiteral("command_line"), QJsonArray::fromStringList(commandLine)},
                       {QStringLiteral("owner"), ownerKey(owner)},
                       {QStringLiteral("detached"), detached},
                       {QStringLiteral("log"), logPath},
                       {QStringLiteral("started"), started.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("deployment"), deployment.toJson()}};
}

Result<SandboxRecord> SandboxRecord::fromJson(const QJsonObject &object)
{
    const auto malformed = [](const QString &detail) {
        return Error::make(Error::Kind::Format,
                           QCoreApplication::translate("apedesk::chain::SandboxRegistry", "A sandbox record is damaged."),
                           detail);
    };
    if (object.value(QStringLiteral("format")).toInt() != kFormat)
        return malformed(QStringLiteral("format"));
    SandboxRecord record;
    const int port = object.value(QStringLiteral("port")).toInt(-1);
    if (port <= 0 || port > 65535)
        return malformed(QStringLiteral("port"));
    record.port = static_cast<quint16>(port);
    record.rpcUrl = QUrl(object.value(QStringLiteral("rpc_url")).toString(), QUrl::StrictMode);
    if (!record.rpcUrl.isValid() || record.rpcUrl.port() != port)
        return malformed(QStringLiteral("rpc_url"));
    const QJsonValue pid = object.value(QStringLiteral("pid"));
    record.pid = pid.toInteger(-1);
    if (!pid.isDouble() || record.pid <= 1)
        return malformed(QStringLiteral("pid"));
    const QJsonValue commandLine = object.value(QStringLiteral("command_line"));
    if (!commandLine.isArray())
        return malformed(QStringLiteral("command_line"));
    for (const QJsonValue &part : commandLine.toArray()) {
        if (!part.isString())
            return malformed(QStringLiteral("command_line"));
        record.commandLine << part.toString();
    }
    if (record.commandLine.isEmpty())
        return malformed(QStringLiteral("command_line is empty"));
    const QString owner = object.value(QStringLiteral("owner")).toString();
    if (owner != QLatin1String("cli") && owner != QLatin1String("app"))
        return malformed(QStringLiteral("owner"));
    record.owner = owner == QLatin1String("cli") ? SandboxRecord::Owner::Cli : SandboxRecord::Owner::App;
    record.detached = object.value(QStringLiteral("detached")).toBool();
    record.logPath = object.value(QStringLiteral("log")).toString();
    record.started = QDateTime::fromString(object.value(QStringLiteral("started")).toString(), Qt::ISODate);
    auto deployment = SandboxDeployment::fromJson(object.value(QStringLiteral("deployment")).toObject());
    if (!deployment)
        return malformed(QStringLiteral("deployment: ") + deployment.error().toString());
    record.deployment = *deployment;
    return record;
}

SandboxRegistry::SandboxRegistry(QString chainDirectory)
    : m_directory(QDir(chainDirectory).filePath(QStringLiteral("sandboxes")))
{
}

QStringList SandboxRegistry::commandLineOf(qint64 pid)
{
    if (pid <= 0)
        return {};
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray raw = file.readAll();
    if (raw.endsWith('\0'))
        raw.chop(1);
    if (raw.isEmpty())   // a zombie has an empty command line
        return {};
    QStringList parts;
    for (const QByteArray &part : raw.split('\0'))
        parts << QString::fromLocal8Bit(part);
    return parts;
}

bool SandboxRegistry::isAlive(const SandboxRecord &record)
{
    return record.pid > 1 && !record.commandLine.isEmpty() && commandLineOf(record.pid) == record.commandLine;
}

QString SandboxRegistry::recordPath(quint16 port) const
{
    return QDir(m_directory).filePath(QStringLiteral("sandbox-%1.json").arg(port));
}

Status SandboxRegistry::record(quint16 port, qint64 pid, const SandboxDeployment &deployment)
{
    SandboxRecord entry;
    entry.port = port;
    entry.rpcUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    entry.pid = pid;
    entry.commandLine = commandLineOf(pid);
    // Right after a start the exec may still be under way (an empty /proc cmdline): wait a moment.
    QElapsedTimer timer;
    timer.start();
    while (entry.commandLine.isEmpty() && pid > 1 && ::kill(static_cast<pid_t>(pid), 0) == 0 && timer.elapsed() < 1000) {
        QThread::msleep(10);
        entry.commandLine = commandLineOf(pid);
    }
    entry.owner = SandboxRecord::Owner::App;
    entry.started = QDateTime::currentDateTimeUtc();
    entry.deployment = deployment;
    entry.deployment.rpcUrl = entry.rpcUrl.toString();
    if (entry.commandLine.isEmpty())
        return Error::make(Error::Kind::Io, tr("The sandbox node is not running, so it was not recorded."),
                           QStringLiteral("pid %1").arg(pid));
    return record(entry);
}

Status SandboxRegistry::record(const SandboxRecord &entry)
{
    if (entry.port == 0 || entry.pid <= 1 || entry.commandLine.isEmpty())
        return Error::make(Error::Kind::Usage, tr("A sandbox record needs a port, a process and its command line."));
    if (!QDir().mkpath(m_directory))
        return Error::make(Error::Kind::Io, tr("The folder for sandbox records could not be created."), m_directory);
    QSaveFile file(recordPath(entry.port));
    const QByteArray bytes = QJsonDocument(entry.toJson()).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(Error::Kind::Io, tr("The sandbox record could not be written."), file.errorString());
    return {};
}

void SandboxRegistry::remove(quint16 port) const { QFile::remove(recordPath(port)); }

std::optional<SandboxRecord> SandboxRegistry::load(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    if (file.size() > 16 * 1024 * 1024) {
        file.close();
        QFile::remove(path);
        return std::nullopt;
    }
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    auto record = SandboxRecord::fromJson(object);
    // A record that cannot be read can never be acted on safely; one whose process is gone is stale.
    if (!record) {
        qCWarning(lcChain).noquote() << "dropping unreadable sandbox record" << path << ":" << record.error().toString();
        QFile::remove(path);
        return std::nullopt;
    }
    if (QFileInfo(path).fileName() != QStringLiteral("sandbox-%1.json").arg(record->port) || !isAlive(*record)) {
        qCDebug(lcChain).noquote() << "dropping sandbox record of a process that is gone:" << path;
        QFile::remove(path);
        return std::nullopt;
    }
    return *record;
}

QList<SandboxRecord> SandboxRegistry::list() const
{
    QList<SandboxRecord> records;
    const QDir dir(m_directory);
    for (const QString &name : dir.entryList({QStringLiteral("sandbox-*.json")}, QDir::Files, QDir::Name)) {
        if (auto record = load(dir.filePath(name)))
            records.append(*record);
    }
    std::sort(records.begin(), records.end(), [](const SandboxRecord &a, const SandboxRecord &b) { return a.port < b.port; });
    return records;
}

std::optional<SandboxRecord> SandboxRegistry::find(quint16 port) const
{
    if (port == 0 || !QFile::exists(recordPath(port)))
        return std::nullopt;
    return load(recordPath(port));
}

std::optional<SandboxRecord> SandboxRegistry::findByRpcUrl(const QUrl &url) const
{
    if (!url.isValid())
        return std::nullopt;
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    if (port > 0 && port <= 65535 && isLoopbackHost(url.host())) {
        if (auto record = find(static_cast<quint16>(port)))
            return record;
    }
    for (const SandboxRecord &record : list()) {
        if (record.rpcUrl.matches(url, QUrl::StripTrailingSlash))
            return record;
    }
    return std::nullopt;
}

} // namespace apedesk::chain
