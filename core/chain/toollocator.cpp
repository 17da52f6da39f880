#include "toollocator.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#ifndef APEDESK_SOURCE_DIR
#define APEDESK_SOURCE_DIR ""
#endif

namespace apedesk::chain {
namespace {

// Folders that may hold tools/node_modules: beside the executable's build tree, the source tree this
// binary was built from, and the installed data folder.
QStringList nodeModuleCandidates()
{
    QStringList candidates;
    const QString override = qEnvironmentVariable("APEDESK_NODE_MODULES");
    if (!override.isEmpty())
        candidates << override;
    QDir dir(QCoreApplication::applicationDirPath());
    for (int up = 0; up < 4 && !dir.isRoot(); ++up, dir.cdUp())
        candidates << dir.filePath(QStringLiteral("tools/node_modules"));
    if (qstrlen(APEDESK_SOURCE_DIR) > 0)
        candidates << QDir(QStringLiteral(APEDESK_SOURCE_DIR)).filePath(QStringLiteral("tools/node_modules"));
    candidates << QStringLiteral("/usr/share/apedesk/node_modules");
    return candidates;
}

QString findTool(const QString &name, const QString &envVar, const QString &nodeModules)
{
    const QString override = qEnvironmentVariable(envVar.toLatin1().constData());
    if (!override.isEmpty() && QFileInfo(override).isExecutable())
        return override;
    const QString onPath = QStandardPaths::findExecutable(name);
    if (!onPath.isEmpty())
        return onPath;
    if (!nodeModules.isEmpty()) {
        const QString pinned = QDir(nodeModules).filePath(QStringLiteral("@foundry-rs/%1-linux-amd64/bin/%1").arg(name));
        if (QFileInfo(pinned).isExecutable())
            return pinned;
    }
    return {};
}

} // namespace

Result<ToolLocations> locateTools()
{
    ToolLocations tools;
    for (const QString &candidate : nodeModuleCandidates()) {
        if (QFileInfo::exists(QDir(candidate).filePath(QStringLiteral("@uniswap/v4-core/package.json")))) {
            tools.nodeModules = QDir(candidate).canonicalPath();
            break;
        }
    }
    tools.anvil = findTool(QStringLiteral("anvil"), QStringLiteral("APEDESK_ANVIL"), tools.nodeModules);
    tools.cast = findTool(QStringLiteral("cast"), QStringLiteral("APEDESK_CAST"), tools.nodeModules);
    if (tools.anvil.isEmpty())
        return Error::make(Error::Kind::Io,
                           QCoreApplication::translate("apedesk::chain::ToolLocator",
                                                       "anvil was not found. Run tools/apedesk-dev.sh deps, or put Foundry's anvil on the PATH."),
                           QStringLiteral("looked in $APEDESK_ANVIL, PATH and %1").arg(nodeModuleCandidates().join(QLatin1String(", "))));
    qCDebug(lcChain) << "anvil:" << tools.anvil << "cast:" << tools.cast << "artifacts:" << tools.nodeModules;
    return tools;
}

} // namespace apedesk::chain
