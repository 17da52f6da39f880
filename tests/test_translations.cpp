// Translations: German covers the shell; translations/apedesk_en.ts is exactly what lupdate makes of
// the sources today; the language follows the system locale unless one is chosen.

#include "common/settings.h"
#include "core.h"
#include "shell/mainwindow.h"
#include "shell/translations.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace apedesk;

namespace {
QString sourceDir() { return qEnvironmentVariable("APEDESK_SOURCE_DIR"); }

QStringList lupdateArguments()
{
    QFile file(qEnvironmentVariable("APEDESK_BUILD_DIR") + QStringLiteral("/lupdate-arguments.txt"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList args = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return args;
}

// context -> list of (source, translation, finished)
struct Message
{
    QString context, source, translation;
    bool finished;
};
QList<Message> readTs(const QString &path)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = Message{context, {}, {}, true};
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            current.finished = type.isEmpty();
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.append(current);
        }
    }
    return messages;
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void englishAndGermanAreEmbedded()
    {
        QStringList codes;
        for (const ui::LanguageChoice &choice : ui::availableLanguages())
            codes << choice.code;
        QVERIFY(codes.contains(QStringLiteral("en")));
        QVERIFY(codes.contains(QStringLiteral("de")));
    }

    void germanCoversTheShell()
    {
        QCOMPARE(ui::installTranslators(qApp, QStringLiteral("de")), QStringLiteral("de_DE"));
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setValue(Settings::Key::ChainConnectOnStart, false);   // the shell's words, no sandbox
        Core core(&settings);
        addCoreServices(core);
        {
            ui::MainWindow window(&core, &settings);
            window.show();
            QCOMPARE(window.findChild<QMenu *>(QStringLiteral("fileMenu"))->title(), QStringLiteral("&Datei"));
            QCOMPARE(window.findChild<QMenu *>(QStringLiteral("viewMenu"))->title(), QStringLiteral("&Ansicht"));
            QCOMPARE(window.findChild<QMenu *>(QStringLiteral("helpMenu"))->title(), QStringLiteral("&Hilfe"));
            QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("walletDock"))->windowTitle(),
                     QStringLiteral("Wallet & Chain"));
            QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("poolChartsDock"))->windowTitle(),
                     QStringLiteral("Pool-Charts"));
            QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("chainStatusLabel"))->text(),
                         QStringLiteral("Chain: nicht verbunden"));
            QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("walletPaneStatus"))->text(),
                         QStringLiteral("Chain: nicht verbunden"));
        }
        QVERIFY(core.shutdown(2000));
        ui::installTranslators(qApp, QStringLiteral("en"));
    }

    void everyShellStringHasAGermanTranslation()
    {
        const QList<Message> messages = readTs(sourceDir() + QStringLiteral("/translations/apedesk_de.ts"));
        QVERIFY(!messages.isEmpty());
        const QStringList shellContexts{QStringLiteral("apedesk::ui::MainWindow"),
                                        QStringLiteral("apedesk::ui::SettingsDialog"),
                                        QStringLiteral("apedesk::ui::ServiceStatusLabel"),
                                        QStringLiteral("apedesk::ChainService"),
                                        QStringLiteral("apedesk::MarketService"),
                                        QStringLiteral("apedesk::AgentService"),
                                        QStringLiteral("apedesk::JobQueueService"),
                                        QStringLiteral("apedesk::FederatedService")};
        int checked = 0;
        for (const Message &m : messages) {
            if (!shellContexts.contains(m.context))
                continue;
            ++checked;
            QVERIFY2(m.finished && !m.translation.isEmpty(), qPrintable(m.context + QStringLiteral(": ") + m.source));
        }
        QVERIFY(checked >= 30);
    }

    void englishTsIsInSyncWithTheSources()
    {
        const QString lupdate = qEnvironmentVariable("APEDESK_LUPDATE");
        QVERIFY(QFile::exists(lupdate));
        const QStringList args = lupdateArguments();
        QVERIFY2(!args.isEmpty(), "lupdate-arguments.txt written by CMake");
        QTemporaryDir dir;
        const QString committed = sourceDir() + QStringLiteral("/translations/apedesk_en.ts");
        const QString copy = dir.filePath(QStringLiteral("apedesk_en.ts"));
        QVERIFY(QFile::copy(committed, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess process;
        process.setWorkingDirectory(sourceDir());
        process.start(lupdate, args + QStringList{QStringLiteral("-ts"), copy});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        QFile a(committed), b(copy);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(),
                 "translations/apedesk_en.ts is out of date: run cmake --build build --target update_translations");
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
