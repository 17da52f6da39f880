// The apedesk binary as a person starts it: --help without a display, then a real start on the
// offscreen platform and a clean exit on SIGTERM that saves the window layout.

#include "processrunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTest>

class TestGuiProcess : public QObject
{
    Q_OBJECT
private:
    QString m_gui = qEnvironmentVariable("APEDESK_GUI");

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_gui), "APEDESK_GUI points at the built apedesk"); }

    void helpAndVersionNeedNoDisplay()
    {
        QTemporaryDir home;
        QProcessEnvironment env = isolatedEnvironment(home);
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        const ProcessResult help = runProcess(m_gui, {QStringLiteral("--help")}, env);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Usage:"));
        QVERIFY(help.out.contains("--verbose"));
        const ProcessResult version = runProcess(m_gui, {QStringLiteral("--version")}, env);
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("ApeDesk "));
    }

    void startsShowsTheWindowAndQuitsCleanlyOnSigterm()
    {
        QTemporaryDir home;
        QProcess process;
        QProcessEnvironment env = isolatedEnvironment(home);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(m_gui, {QStringLiteral("--verbose")});
        QVERIFY(process.waitForStarted(10000));
        const QString logPath = home.path() + QStringLiteral("/data/ApeDesk/ApeDesk/logs/apedesk.log");
        auto log = [&logPath] {
            QFile file(logPath);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QTRY_VERIFY_WITH_TIMEOUT(log().contains("main window shown"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(log().contains("service \"TrainingService\" started"), 10000);

        QElapsedTimer timer;
        timer.start();
        process.terminate();   // SIGTERM
        QVERIFY(process.waitForFinished(5000));
        qInfo() << "exit after SIGTERM took" << timer.elapsed() << "ms";
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(log().contains("ApeDesk exiting cleanly"));
        QSettings saved(home.path() + QStringLiteral("/config/ApeDesk/ApeDesk.conf"), QSettings::IniFormat);
        QVERIFY2(!saved.value(QStringLiteral("ui/mainWindowState")).toByteArray().isEmpty(),
                 "the layout is saved when the app is asked to quit");
    }
};

QTEST_GUILESS_MAIN(TestGuiProcess)
#include "test_gui_process.moc"
