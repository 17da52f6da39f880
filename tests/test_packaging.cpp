// Desktop integration and the Debian package: the .desktop file and AppStream metainfo validate, and
// `cpack -G DEB` makes a package whose files include both binaries, the desktop file, metainfo and icon.

#include "processrunner.h"

#include <QDir>
#include <QDirIterator>
#include <QStandardPaths>
#include <QTest>

class TestPackaging : public QObject
{
    Q_OBJECT
private:
    QString source(const QString &relative) { return qEnvironmentVariable("APEDESK_SOURCE_DIR") + QLatin1Char('/') + relative; }
    QTemporaryDir m_home;

private Q_SLOTS:
    void desktopFileValidates()
    {
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed (Debian package desktop-file-utils)");
        const ProcessResult r = runProcess(validator, {source(QStringLiteral("packaging/org.apedesk.ApeDesk.desktop"))},
                                           isolatedEnvironment(m_home));
        QVERIFY2(r.exitCode == 0 && r.out.trimmed().isEmpty(), QByteArray(r.out + r.err).constData());
    }

    void metainfoValidates()
    {
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (validator.isEmpty())
            QSKIP("appstreamcli is not installed (Debian package appstream)");
        const ProcessResult r = runProcess(validator,
                                           {QStringLiteral("validate"), QStringLiteral("--no-net"), QStringLiteral("--pedantic"),
                                            source(QStringLiteral("packaging/org.apedesk.ApeDesk.metainfo.xml"))},
                                           isolatedEnvironment(m_home));
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void cpackBuildsADebWithBinariesDesktopFileAndMetainfo()
    {
        const QString cpack = QStandardPaths::findExecutable(QStringLiteral("cpack"));
        QVERIFY(!cpack.isEmpty());
        QTemporaryDir out;
        QProcess process;
        process.setWorkingDirectory(qEnvironmentVariable("APEDESK_BUILD_DIR"));
        process.start(cpack, {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out.path()});
        QVERIFY(process.waitForFinished(400000));
        QVERIFY2(process.exitCode() == 0, process.readAll().constData());
        const QStringList debs = QDir(out.path()).entryList({QStringLiteral("*.deb")});
        QCOMPARE(debs.size(), 1);
        qInfo() << "package:" << debs.first();

        const QString root = out.filePath(QStringLiteral("root"));
        const ProcessResult x = runProcess(QStringLiteral("dpkg"), {QStringLiteral("-x"), out.filePath(debs.first()), root},
                                           isolatedEnvironment(m_home));
        QCOMPARE(x.exitCode, 0);
        for (const char *path : {"usr/bin/apedesk", "usr/bin/apedesk-cli",
                                 "usr/share/applications/org.apedesk.ApeDesk.desktop",
                                 "usr/share/metainfo/org.apedesk.ApeDesk.metainfo.xml",
                                 "usr/share/icons/hicolor/scalable/apps/org.apedesk.ApeDesk.svg",
                                 "usr/share/icons/hicolor/256x256/apps/org.apedesk.ApeDesk.png"})
            QVERIFY2(QFile::exists(root + QLatin1Char('/') + QLatin1String(path)), path);
        QVERIFY(QFileInfo(root + QStringLiteral("/usr/bin/apedesk")).isExecutable());

        const ProcessResult info = runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), out.filePath(debs.first()),
                                                                           QStringLiteral("Depends")},
                                              isolatedEnvironment(m_home));
        QVERIFY2(info.out.contains("libqt6widgets6"), info.out.constData());
        QVERIFY2(info.out.contains("libtorch"), info.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "test_packaging.moc"
