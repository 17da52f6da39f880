#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { apedesk::Logging::uninstall(); }

    void writesCategoriesToTheLogFile()
    {
        QTemporaryDir dir;
        apedesk::LoggingOptions options;
        options.logDirectory = dir.path();
        options.echoToStderr = false;
        apedesk::Logging::install(options);
        qCInfo(lcChain) << "chain message";
        qCDebug(lcMl) << "hidden debug";
        qCWarning(lcAgent) << "agent warning";
        const QString path = apedesk::Logging::currentLogFile();
        QCOMPARE(path, QDir(dir.path()).filePath(QStringLiteral("apedesk.log")));
        apedesk::Logging::uninstall();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("info apedesk.chain: chain message"));
        QVERIFY(text.contains("warning apedesk.agent: agent warning"));
        QVERIFY2(!text.contains("hidden debug"), "debug stays off without --verbose");
    }

    void verboseEnablesDebug()
    {
        QTemporaryDir dir;
        apedesk::LoggingOptions options;
        options.logDirectory = dir.path();
        options.echoToStderr = false;
        options.verbose = true;
        apedesk::Logging::install(options);
        qCDebug(lcMl) << "visible debug";
        apedesk::Logging::uninstall();
        QFile file(QDir(dir.path()).filePath(QStringLiteral("apedesk.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("debug apedesk.ml: visible debug"));
    }

    void rotatesBySizeAndKeepsAFixedNumberOfFiles()
    {
        QTemporaryDir dir;
        apedesk::LoggingOptions options;
        options.logDirectory = dir.path();
        options.echoToStderr = false;
        options.maxFileBytes = 2000;
        options.keptFiles = 3;
        apedesk::Logging::install(options);
        for (int i = 0; i < 200; ++i)
            qCInfo(lcCore) << "line" << i << QString(40, QLatin1Char('x'));
        apedesk::Logging::uninstall();
        const QStringList files = QDir(dir.path()).entryList({QStringLiteral("apedesk*.log")}, QDir::Files, QDir::Name);
        QCOMPARE(files, QStringList({QStringLiteral("apedesk.1.log"), QStringLiteral("apedesk.2.log"),
                                     QStringLiteral("apedesk.log")}));
        for (const QString &name : files)
            QVERIFY(QFileInfo(QDir(dir.path()).filePath(name)).size() <= 2000);
        QFile newest(QDir(dir.path()).filePath(QStringLiteral("apedesk.log")));
        QVERIFY(newest.open(QIODevice::ReadOnly));
        QVERIFY(newest.readAll().contains("line 199"));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "test_logging.moc"
