#pragma once
// Where per-user data lives. Everything is under QStandardPaths::AppDataLocation, so tests that enable
// QStandardPaths' test mode never touch a person's data.

#include <QString>

namespace apedesk::Paths {

QString appData();        // created on demand
QString database();       // apedesk.sqlite
QString keystoreDir();    // Web3 Secret Storage v3 files
QString runsDir();        // training runs
QString chainDir();       // sandbox state cache, node logs
QString logsDir();

} // namespace apedesk::Paths
