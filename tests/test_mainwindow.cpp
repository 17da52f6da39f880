// The shell: seven panes as docks found by objectName (the trader's training a tab beside the GAN
// lab), a legible 1280×800 screenshot without overlaps (with either tab in front), hide/restore,
// layout persistence, the settings dialog, and the live training-engine check.

#include "common/settings.h"
#include "core.h"
#include "shell/mainwindow.h"
#include "shell/settingsdialog.h"
#include "trainingservice.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include "queuedspy.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;

namespace {
const QStringList kPaneNames{QStringLiteral("walletPane"),   QStringLiteral("poolChartsPane"),
                             QStringLiteral("decisionLogPane"), QStringLiteral("ganLabPane"),
                             QStringLiteral("distillationPane"), QStringLiteral("federatedPane")};

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;

    std::unique_ptr<ui::MainWindow> makeWindow()
    {
        auto window = std::make_unique<ui::MainWindow>(m_core.get(), m_settings.get());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning() << "window not exposed";
        return window;
    }

    // The docks on screen (a tabbed dock behind its sibling is moved off screen): inside the window,
    // big enough, not overlapping, and no pane or label clipped.
    static void verifyDocksInFront(ui::MainWindow *window)
    {
        QList<QDockWidget *> docks;
        for (QDockWidget *dock : window->paneDocks())
            if (!dock->visibleRegion().isEmpty())
                docks << dock;
        QCOMPARE(docks.size(), 6);   // three columns of two; one place holds two tabs
        const QRect client = window->rect();
        for (int i = 0; i < docks.size(); ++i) {
            const QRect a = docks[i]->geometry();
            QVERIFY2(client.contains(a), qPrintable(docks[i]->objectName()));
            QVERIFY2(a.width() >= 300 && a.height() >= 250, qPrintable(docks[i]->objectName()));
            for (int j = i + 1; j < docks.size(); ++j)
                QVERIFY2(!a.intersects(docks[j]->geometry()),
                         qPrintable(docks[i]->objectName() + QStringLiteral(" overlaps ") + docks[j]->objectName()));
            // Not clipped: every pane gets at least the size its layout asks for.
            QWidget *pane = docks[i]->widget();
            QVERIFY2(pane->width() >= pane->minimumSizeHint().width()
                         && pane->height() >= pane->minimumSizeHint().height(),
                     qPrintable(pane->objectName()));
            for (QLabel *label : pane->findChildren<QLabel *>()) {
                if (!label->isVisible() || label->text().isEmpty())
                    continue;
                const QRect inPane(label->mapTo(pane, QPoint(0, 0)), label->size());
                QVERIFY2(pane->rect().contains(inPane), qPrintable(label->objectName() + label->text()));
                if (!label->wordWrap())
                    QVERIFY2(label->width() >= label->sizeHint().width(),
                             qPrintable(QStringLiteral("clipped label: ") + label->text()));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        // The shell's own tests; the wallet pane's test starts a real sandbox.
        m_settings->setValue(Settings::Key::ChainConnectOnStart, false);
        m_core = std::make_unique<Core>(m_settings.get());
        addCoreServices(*m_core);
        ml::addTrainingService(*m_core);
    }

    void cleanupTestCase() { QVERIFY(m_core->shutdown(2000)); }

    void findsEveryPaneAndMenus()
    {
        auto window = makeWindow();
        QCOMPARE(window->paneDocks().size(), 7);
        for (const QString &name : kPaneNames) {
            auto *pane = window->findChild<QWidget *>(name);
            QVERIFY2(pane, qPrintable(name));
            QVERIFY2(pane->isVisible(), qPrintable(name));
            QVERIFY(qobject_cast<QDockWidget *>(pane->parentWidget()));
        }
        // The trader's training is a tab beside the GAN lab.
        auto *gan = window->findChild<QDockWidget *>(QStringLiteral("ganLabDock"));
        auto *trader = window->findChild<QDockWidget *>(QStringLiteral("traderTrainingDock"));
        QVERIFY(gan && trader);
        QVERIFY(window->tabifiedDockWidgets(gan).contains(trader));
        QVERIFY(window->findChild<QWidget *>(QStringLiteral("traderTrainingPane")));
        QVERIFY(window->findChild<QAction *>(QStringLiteral("traderTrainingDockToggle")));
        QVERIFY(window->findChild<QMenu *>(QStringLiteral("fileMenu")));
        QVERIFY(window->findChild<QMenu *>(QStringLiteral("viewMenu")));
        QVERIFY(window->findChild<QMenu *>(QStringLiteral("helpMenu")));
        QVERIFY(window->findChild<QAction *>(QStringLiteral("aboutAction")));
        // The icons are linked into the binary, not looked up on disk.
        for (const char *icon : {":/icons/apedesk.svg", ":/icons/apedesk-256.png", ":/icons/apedesk-16.png"})
            QVERIFY2(QFile::exists(QLatin1String(icon)), icon);
        auto *chainStatus = window->findChild<QLabel *>(QStringLiteral("chainStatusLabel"));
        QVERIFY(chainStatus);
        QTRY_COMPARE(chainStatus->text(), QStringLiteral("Chain: not connected"));
    }

    void screenshotAt1280x800HasNoOverlapsOrClipping()
    {
        auto window = makeWindow();
        window->resize(1280, 800);
        QTRY_COMPARE(window->size(), QSize(1280, 800));
        // Let the training service report its engine, so the screenshot shows live state.
        QTRY_VERIFY_WITH_TIMEOUT(!window->findChild<QLabel *>(QStringLiteral("trainingBlasValue"))->text().isEmpty(),
                                 10000);
        QCoreApplication::processEvents();
        // Saved first, so a failing check below still leaves the picture to look at.
        const QString path = screenshotPath(QStringLiteral("mainwindow.png"));
        QVERIFY(window->grab().save(path));
        qInfo() << "screenshot:" << path;

        verifyDocksInFront(window.get());

        // The trader's training shares the GAN lab's place as a tab; brought to the front it gets
        // that place, and fits it just the same.
        auto *gan = window->findChild<QDockWidget *>(QStringLiteral("ganLabDock"));
        auto *trader = window->findChild<QDockWidget *>(QStringLiteral("traderTrainingDock"));
        const QRect ganPlace = gan->geometry();
        trader->raise();
        QTRY_VERIFY(!trader->visibleRegion().isEmpty());
        QTRY_VERIFY(gan->visibleRegion().isEmpty());
        QCOMPARE(trader->geometry(), ganPlace);
        const QString traderPath = screenshotPath(QStringLiteral("mainwindow-trader.png"));
        QVERIFY(window->grab().save(traderPath));
        qInfo() << "screenshot:" << traderPath;
        verifyDocksInFront(window.get());
    }

    void hideRestoreAndPersistLayout()
    {
        {
            auto window = makeWindow();
            window->restoreDefaultLayout();
            auto *gan = window->findChild<QDockWidget *>(QStringLiteral("ganLabDock"));
            QAction *toggle = window->findChild<QAction *>(QStringLiteral("ganLabDockToggle"));
            QVERIFY(gan && toggle);
            toggle->trigger();
            QVERIFY(!gan->isVisible());
            window->resize(1100, 700);
            QTRY_COMPARE(window->size(), QSize(1100, 700));
            window->close();   // saves geometry and state
        }
        QVERIFY(!m_settings->isDefault(Settings::Key::MainWindowState));
        {
            auto window = makeWindow();
            QVERIFY(!window->findChild<QDockWidget *>(QStringLiteral("ganLabDock"))->isVisible());
            QCOMPARE(window->size(), QSize(1100, 700));
            window->findChild<QAction *>(QStringLiteral("restoreLayoutAction"))->trigger();
            for (QDockWidget *dock : window->paneDocks())
                QVERIFY2(dock->isVisible(), qPrintable(dock->objectName()));
            window->close();
        }
    }

    void settingsDialogWritesTypedSettings()
    {
        ui::SettingsDialog dialog(m_settings.get());
        auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("chainModeCombo"));
        QVERIFY(mode);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("sandbox"));
        QSignalSpy changed(m_settings.get(), &Settings::changed);
        mode->setCurrentIndex(mode->findData(QStringLiteral("external")));
        dialog.apply();
        QCOMPARE(m_settings->string(Settings::Key::ChainMode), QStringLiteral("external"));
        QCOMPARE(changed.count(), 1);
        m_settings->reset(Settings::Key::ChainMode);
    }

    void ganPaneMeasuresAndCancelsOnTheTrainingThread()
    {
        auto window = makeWindow();
        auto *measure = window->findChild<QPushButton *>(QStringLiteral("measureThroughputButton"));
        auto *cancel = window->findChild<QPushButton *>(QStringLiteral("cancelThroughputButton"));
        auto *value = window->findChild<QLabel *>(QStringLiteral("trainingThroughputValue"));
        QVERIFY(measure && cancel && value);
        QTest::mouseClick(measure, Qt::LeftButton);
        QVERIFY(!measure->isEnabled());
        QVERIFY(cancel->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(value->text().contains(QLatin1String("GFLOP/s")), 20000);
        QVERIFY(measure->isEnabled());

        // Cancel: the training service drops the task and the pane says so.
        auto *training = m_core->service<ml::TrainingService>();
        QueuedSpy finished(training, &Service::taskFinished);
        QTest::mouseClick(measure, Qt::LeftButton);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.waitForCount(1, 5000));
        QTRY_VERIFY(measure->isEnabled());
        QCOMPARE(value->text(), QStringLiteral("Canceled."));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
