#include "paths.h"

#include <QDir>
#include <QStandardPaths>

namespace apedesk::Paths {
namespace {
QString ensured(const QString &path)
{
    QDir().mkpath(path);
    return path;
}
} // namespace

QString appData()
{
    return ensured(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

QString database() { return QDir(appData()).filePath(QStringLiteral("apedesk.sqlite")); }
QString keystoreDir() { return ensured(QDir(appData()).filePath(QStringLiteral("keystore"))); }
QString runsDir() { return ensured(QDir(appData()).filePath(QStringLiteral("runs"))); }
QString chainDir() { return ensured(QDir(appData()).filePath(QStringLiteral("chain"))); }
QString logsDir() { return ensured(QDir(appData()).filePath(QStringLiteral("logs"))); }

} // namespace apedesk::Paths
