#include "common/settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using apedesk::Settings;

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsComeFromTheTable()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        QCOMPARE(settings.string(Settings::Key::ChainMode), QStringLiteral("sandbox"));
        QCOMPARE(settings.number(Settings::Key::SandboxPrice), 3000.0);
        QCOMPARE(settings.flag(Settings::Key::LiveTrading), false);
        QCOMPARE(settings.number(Settings::Key::SlippagePercent), 0.5);
        for (Settings::Key key : Settings::allKeys()) {
            QVERIFY(settings.isDefault(key));
            QVERIFY2(!Settings::storageName(key).isEmpty(), "every key has a storage name");
        }
    }

    void setValueEmitsChangedOnceAndPersists()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            Settings settings(file);
            QSignalSpy spy(&settings, &Settings::changed);
            settings.setValue(Settings::Key::SandboxPrice, 2500.5);
            settings.setValue(Settings::Key::SandboxPrice, 2500.5);   // same value: no second signal
            settings.setValue(Settings::Key::LiveTrading, true);
            QCOMPARE(spy.count(), 2);
            QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), Settings::Key::SandboxPrice);
            QCOMPARE(spy.at(1).at(0).value<Settings::Key>(), Settings::Key::LiveTrading);
            settings.sync();
        }
        Settings reopened(file);
        // INI files store text: values come back with the default's type.
        QCOMPARE(reopened.value(Settings::Key::SandboxPrice).metaType(), QMetaType::fromType<double>());
        QCOMPARE(reopened.number(Settings::Key::SandboxPrice), 2500.5);
        QCOMPARE(reopened.value(Settings::Key::LiveTrading).metaType(), QMetaType::fromType<bool>());
        QVERIFY(reopened.flag(Settings::Key::LiveTrading));
    }

    void resetReturnsToDefault()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setValue(Settings::Key::ChainMode, QStringLiteral("fork"));
        QSignalSpy spy(&settings, &Settings::changed);
        settings.reset(Settings::Key::ChainMode);
        QCOMPARE(spy.count(), 1);
        QVERIFY(settings.isDefault(Settings::Key::ChainMode));
        QCOMPARE(settings.string(Settings::Key::ChainMode), QStringLiteral("sandbox"));
        settings.reset(Settings::Key::ChainMode);
        QCOMPARE(spy.count(), 1);
    }

    void byteArraysRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        const QByteArray blob("\x00\x01\xffgeometry", 11);
        {
            Settings settings(file);
            settings.setValue(Settings::Key::MainWindowState, blob);
            settings.sync();
        }
        QCOMPARE(Settings(file).value(Settings::Key::MainWindowState).toByteArray(), blob);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "test_settings.moc"
