#include "logging.h"

#include "paths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcApp, "apedesk.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCommon, "apedesk.common", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCore, "apedesk.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEth, "apedesk.eth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChain, "apedesk.chain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUniswap, "apedesk.uniswap", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMarket, "apedesk.market", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAgent, "apedesk.agent", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDistill, "apedesk.distill", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFederated, "apedesk.federated", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMl, "apedesk.ml", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "apedesk.ui", QtInfoMsg)

namespace apedesk::Logging {
namespace {

// Size-based rotation: apedesk.log -> apedesk.1.log -> ... ; the oldest is dropped.
class RotatingFile
{
public:
    explicit RotatingFile(const LoggingOptions &options) : m_options(options)
    {
        QDir().mkpath(m_options.logDirectory);
        open();
    }

    QString path() const { return m_file.isOpen() ? m_file.fileName() : QString(); }

    void write(const QByteArray &line)
    {
        if (!m_file.isOpen())
            return;
        if (m_file.size() + line.size() > m_options.maxFileBytes && m_file.size() > 0)
            rotate();
        m_file.write(line);
        m_file.flush();
    }

private:
    QString fileName(int index) const
    {
        return QDir(m_options.logDirectory)
            .filePath(index == 0 ? QStringLiteral("apedesk.log") : QStringLiteral("apedesk.%1.log").arg(index));
    }

    void open()
    {
        m_file.setFileName(fileName(0));
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            std::fprintf(stderr, "apedesk: cannot open log file %s\n", qPrintable(m_file.fileName()));
    }

    void rotate()
    {
        m_file.close();
        QFile::remove(fileName(m_options.keptFiles - 1));
        for (int i = m_options.keptFiles - 2; i >= 0; --i)
            QFile::rename(fileName(i), fileName(i + 1));
        open();
    }

    LoggingOptions m_options;
    QFile m_file;
};

QMutex s_mutex;
std::unique_ptr<RotatingFile> s_file;
bool s_echo = true;
bool s_verbose = false;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "?";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
        + levelName(type) + ' ' + (context.category ? context.category : "default") + ": " + message.toUtf8()
        + '\n';
    QMutexLocker lock(&s_mutex);
    if (s_file)
        s_file->write(line);
    // The console shows warnings and worse unless verbose logging asked for more.
    const bool important = type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg;
    if (s_echo && (s_verbose || important))
        std::fputs(line.constData(), stderr);
}

} // namespace

void install(const LoggingOptions &options)
{
    LoggingOptions effective = options;
    if (effective.logDirectory.isEmpty())
        effective.logDirectory = Paths::logsDir();
    QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("apedesk.*.debug=true")
                                                     : QStringLiteral("apedesk.*.debug=false"));
    {
        QMutexLocker lock(&s_mutex);
        s_file = std::make_unique<RotatingFile>(effective);
        s_echo = effective.echoToStderr;
        s_verbose = effective.verbose;
    }
    qInstallMessageHandler(handler);
}

void uninstall()
{
    qInstallMessageHandler(nullptr);
    QMutexLocker lock(&s_mutex);
    s_file.reset();
}

QString currentLogFile()
{
    QMutexLocker lock(&s_mutex);
    return s_file ? s_file->path() : QString();
}

} // namespace apedesk::Logging
