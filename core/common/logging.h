#pragma once
// One logging category per module, a rotating log file under the app data folder, and --verbose.

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcCommon)
Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcEth)
Q_DECLARE_LOGGING_CATEGORY(lcChain)
Q_DECLARE_LOGGING_CATEGORY(lcUniswap)
Q_DECLARE_LOGGING_CATEGORY(lcMarket)
Q_DECLARE_LOGGING_CATEGORY(lcAgent)
Q_DECLARE_LOGGING_CATEGORY(lcDistill)
Q_DECLARE_LOGGING_CATEGORY(lcFederated)
Q_DECLARE_LOGGING_CATEGORY(lcMl)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace apedesk {

struct LoggingOptions
{
    bool verbose = false;          // debug messages of every apedesk.* category
    QString logDirectory;          // empty: Paths::logsDir()
    qint64 maxFileBytes = 5 * 1024 * 1024;
    int keptFiles = 5;             // apedesk.log plus apedesk.1.log .. apedesk.(n-1).log
    bool echoToStderr = true;
};

namespace Logging {

// Installs the message handler. Safe to call again (replaces the options); thread safe.
void install(const LoggingOptions &options);
// Restores Qt's default handler and closes the file.
void uninstall();
// Path of the current log file, empty when none is open.
QString currentLogFile();

} // namespace Logging
} // namespace apedesk
