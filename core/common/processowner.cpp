#include "processowner.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <optional>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <csignal>
#include <unistd.h>
#endif

namespace apedesk {

namespace {

struct ProcessStat
{
    char state = '?';
    QByteArray startTime;
};

// /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22) ...". comm may hold spaces and
// parentheses, so the fields are counted from the last ')'.
std::optional<ProcessStat> readProcessStat(const QString &pid)
{
#if defined(Q_OS_LINUX)
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray line = file.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = line.mid(close + 1).simplified().split(' ');
    if (fields.size() < 20 || fields.at(0).isEmpty())
        return std::nullopt;
    return ProcessStat{fields.at(0).at(0), fields.at(19)};   // fields 3 and 22
#else
    Q_UNUSED(pid);
    return std::nullopt;
#endif
}

QString bootId()
{
#if defined(Q_OS_LINUX)
    QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (file.open(QIODevice::ReadOnly))
        return QString::fromLatin1(file.readAll().trimmed());
#endif
    return QStringLiteral("-");
}

// This process's "<boot id>:<pid>:<start time>", read once.
const QString &thisProcess()
{
    static const QString identity = [] {
        const QString pid = QString::number(QCoreApplication::applicationPid());
        const auto stat = readProcessStat(pid);
        return QStringList{bootId(), pid, stat ? QString::fromLatin1(stat->startTime) : QStringLiteral("-")}
            .join(QLatin1Char(':'));
    }();
    return identity;
}

} // namespace

QString processOwner(const QString &tag) { return thisProcess() + QLatin1Char(':') + tag; }

bool ownerAlive(const QString &owner)
{
    const QStringList parts = owner.split(QLatin1Char(':'));
    if (parts.size() < 3 || parts.at(1).isEmpty())
        return false;
    if (QStringList(parts.mid(0, 3)).join(QLatin1Char(':')) == thisProcess())
        return true;
    bool numeric = false;
    const qint64 pid = parts.at(1).toLongLong(&numeric);
    if (!numeric || pid <= 0)
        return false;
#if defined(Q_OS_LINUX)
    if (parts.at(0) != bootId())
        return false;   // written before a reboot: that process is gone whatever its pid is now
    const auto stat = readProcessStat(parts.at(1));
    // A zombie has ended (it only waits to be reaped, which an orphan in a container may never be).
    return stat && stat->state != 'Z' && QString::fromLatin1(stat->startTime) == parts.at(2);
#elif defined(Q_OS_UNIX)
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#else
    return false;
#endif
}

} // namespace apedesk
