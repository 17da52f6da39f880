// The "Wallet & chain" pane on a real sandbox: a ChainService with its own thread and a real anvil
// with the Uniswap V4 contracts, driven through the pane's widgets as a person would. A 0.1 ETH swap
// from the Swap button ends as a "Succeeded" row in the history; an amount over the balance is refused
// in words without a successful swap; a keystore wallet made by the pane's own code appears in the
// picker, is funded with the Fund button and swaps with the password asked at swap time. Screenshots
// go to $APEDESK_BUILD_DIR/screenshots.

#include "chain/chainservice.h"
#include "common/paths.h"
#include "common/settings.h"
#include "core.h"
#include "eth/hex.h"
#include "eth/keystore.h"
#include "eth/signer.h"
#include "eth/units.h"
#include "wallet/keystorefiles.h"
#include "wallet/swapform.h"
#include "wallet/swaphistorymodel.h"
#include "wallet/walletpane.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QTimer>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace apedesk;
using ui::SwapHistoryModel;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

int succeededRows(const QAbstractItemModel *model)
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(SwapHistoryModel::StatusRole).toInt() == int(SwapRecord::Status::Succeeded))
            ++count;
    return count;
}

} // namespace

class TestWalletPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;   // HOME, so QStandardPaths' test-mode folders (the keystore) start empty
    QTemporaryDir m_data;   // the chain's data directory
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;
    ChainService *m_chain = nullptr;
    std::unique_ptr<ui::WalletPane> m_pane;

    template <typename T>
    T *child(const char *name) const
    {
        auto *widget = m_pane->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child named %s", name);
        return widget;
    }

    QAbstractItemModel *historyModel() const { return child<QTableView>("swapHistoryView")->model(); }

    // Types `amount` as a person would and waits for its quote on screen.
    bool enterAmountAndWaitForQuote(const QString &amount, const QString &symbolOut)
    {
        auto *edit = child<QLineEdit>("swapAmountEdit");
        auto *expected = child<QLabel>("quoteExpectedValue");
        edit->clear();
        QTest::keyClicks(edit, amount);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            if (expected->text().endsWith(symbolOut))
                return true;
            QTest::qWait(20);
        }
        qWarning() << "no quote; error label:" << child<QLabel>("swapErrorLabel")->text();
        return false;
    }

    // Clicks Swap and waits until the new top row of the history has ended.
    SwapRecord::Status swapFromTheButton(int *rowsAdded)
    {
        auto *model = historyModel();
        const int before = model->rowCount();
        auto *swap = child<QPushButton>("swapButton");
        QTest::mouseClick(swap, Qt::LeftButton);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 90000) {
            if (model->rowCount() > before) {
                const int status = model->index(0, 0).data(SwapHistoryModel::StatusRole).toInt();
                if (status != int(SwapRecord::Status::Pending) && swap->isEnabled()) {
                    *rowsAdded = model->rowCount() - before;
                    return SwapRecord::Status(status);
                }
            }
            QTest::qWait(20);
        }
        *rowsAdded = model->rowCount() - before;
        return SwapRecord::Status::Pending;
    }

    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (!condition()) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QTest::qWait(20);
        }
        return true;
    }

    // The chain is up with its accounts; says what the service reported when it is not.
    bool chainReady(int timeoutMs)
    {
        const bool ready = waitUntil([&] {
            const ChainState state = m_chain->state();
            return state.phase == ChainState::Phase::Ready || state.phase == ChainState::Phase::Failed;
        }, timeoutMs) && m_chain->state().phase == ChainState::Phase::Ready;
        if (!ready)
            qWarning() << "chain not ready:" << int(m_chain->state().phase) << m_chain->state().message;
        return ready;
    }

    // Answers the next modal dialog (opened by the action the caller triggers next) with `answer`.
    void answerNextDialog(std::function<void(QDialog *)> answer)
    {
        auto *poll = new QTimer(this);
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, this, [poll, answer] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            poll->deleteLater();
            poll->stop();
            answer(dialog);
            if (dialog->isVisible())
                dialog->reject();   // an answer that did not close it must not hang the test
        });
        poll->start();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid() && m_data.isValid());
        qputenv("HOME", QFile::encodeName(m_home.path()));
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(Paths::keystoreDir().startsWith(m_home.path()));
        m_settings = std::make_unique<Settings>(m_data.filePath(QStringLiteral("settings.ini")));
        m_core = std::make_unique<Core>(m_settings.get());
        ChainConfig config;
        config.mode = ChainMode::Sandbox;
        config.dataDirectory = m_data.path();
        config.keystoreDirectory = Paths::keystoreDir();   // where the pane writes new wallets
        config.connectOnStart = true;
        config.refreshIntervalMs = 500;
        m_chain = m_core->add(std::make_unique<ChainService>(config));
        QVERIFY(m_chain);

        m_pane = std::make_unique<ui::WalletPane>(m_chain, m_settings.get());
        m_pane->resize(520, 640);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    }

    void cleanupTestCase()
    {
        m_pane.reset();
        if (m_core)
            QVERIFY(m_core->shutdown(10000));
    }

    void everyControlIsThereAndTheSwapTabFits()
    {
        for (const char *name : {"walletTabs", "accountCombo", "fundButton", "walletMenuButton", "swapDirectionCombo",
                                 "swapAmountEdit", "swapMaxButton", "slippageSpin", "swapButton", "swapProgress",
                                 "swapErrorLabel", "swapResultLabel", "quoteExpectedValue", "quoteMinimumValue",
                                 "quoteImpactValue", "quoteGasValue", "ethBalanceValue", "usdcBalanceValue",
                                 "poolPriceValue", "swapHistoryView", "copyHashButton", "chainModePicker",
                                 "forkUrlEdit", "forkBlockEdit", "externalUrlEdit", "connectButton",
                                 "resetSandboxButton", "nodeLogButton", "chainPhaseValue", "chainIdValue",
                                 "chainBlockValue", "chainBaseFeeValue", "chainRpcValue"})
            QVERIFY2(m_pane->findChild<QWidget *>(QLatin1String(name)), name);
        for (const char *name : {"createWalletAction", "importWalletAction", "copyAddressAction", "copyHashAction"})
            QVERIFY2(m_pane->findChild<QAction *>(QLatin1String(name)), name);
        // The old "not in this build yet" note is gone.
        QVERIFY(!child<QLabel>("walletPaneNote")->isVisible());
        // Slippage starts from the settings.
        QCOMPARE(child<QDoubleSpinBox>("slippageSpin")->value(), 0.5);

        // At a dock size of 520×640 the Swap tab needs no scrolling; smaller, it scrolls instead of clipping.
        auto *swapTab = child<QScrollArea>("swapTab");
        QCOMPARE(m_pane->tabs()->currentWidget(), swapTab);
        QTRY_VERIFY(!swapTab->horizontalScrollBar()->isVisible());
        QVERIFY(!swapTab->verticalScrollBar()->isVisible());
        QVERIFY(m_pane->minimumSizeHint().height() < 300);
        QVERIFY(m_pane->grab().save(screenshotPath(QStringLiteral("wallet-pane-520x640-start.png"))));

        // The mode picker shows the inputs each mode needs.
        auto *mode = child<QComboBox>("chainModePicker");
        m_pane->tabs()->setCurrentIndex(2);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("sandbox"));
        QVERIFY(!child<QLineEdit>("forkUrlEdit")->isVisible());
        mode->setCurrentIndex(mode->findData(QStringLiteral("fork")));
        QVERIFY(child<QLineEdit>("forkUrlEdit")->isVisible() && child<QLineEdit>("forkBlockEdit")->isVisible());
        QVERIFY(!child<QLineEdit>("externalUrlEdit")->isVisible());
        // Connect with no endpoint is refused in words, and the chain is left alone.
        child<QLineEdit>("forkUrlEdit")->clear();
        QTest::mouseClick(child<QPushButton>("connectButton"), Qt::LeftButton);
        QVERIFY(child<QLabel>("connectErrorLabel")->isVisible());
        QVERIFY(child<QLabel>("connectErrorLabel")->text().contains(QLatin1String("BASE endpoint")));
        QCOMPARE(m_settings->string(Settings::Key::ChainMode), QStringLiteral("sandbox"));
        mode->setCurrentIndex(mode->findData(QStringLiteral("external")));
        QVERIFY(child<QLineEdit>("externalUrlEdit")->isVisible() && !child<QLineEdit>("forkUrlEdit")->isVisible());
        mode->setCurrentIndex(mode->findData(QStringLiteral("sandbox")));
        m_pane->tabs()->setCurrentIndex(0);
    }

    void swapEthForUsdcFromThePane()
    {
        // The sandbox comes up (deploying, or from its saved state) and the pane shows it.
        QVERIFY(chainReady(60000));
        QTRY_COMPARE(child<QLabel>("chainIdValue")->text(), QStringLiteral("8453"));
        QVERIFY(child<QLabel>("chainRpcValue")->text().startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(child<QLabel>("chainBaseFeeValue")->text().endsWith(QLatin1String(" gwei")));
        auto *accounts = child<QComboBox>("accountCombo");
        QTRY_VERIFY_WITH_TIMEOUT(accounts->count() > 0 && accounts->currentIndex() >= 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("ethBalanceValue")->text().endsWith(QLatin1String(" ETH"))
                                     && !child<QLabel>("ethBalanceValue")->text().startsWith(QLatin1String("—")),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("poolPriceValue")->text().endsWith(QLatin1String(" USDC per ETH")), 20000);
        QVERIFY(child<QPushButton>("swapButton")->isEnabled());

        QVERIFY(enterAmountAndWaitForQuote(QStringLiteral("0.1"), QStringLiteral(" USDC")));
        QVERIFY(child<QLabel>("quoteMinimumValue")->text().endsWith(QLatin1String(" USDC")));
        QVERIFY(child<QLabel>("quoteImpactValue")->text().endsWith(QLatin1String(" %")));
        QVERIFY(child<QLabel>("quoteGasValue")->text().endsWith(QLatin1String(" ETH")));
        QVERIFY(!child<QLabel>("swapErrorLabel")->isVisible());

        int added = 0;
        const SwapRecord::Status status = swapFromTheButton(&added);
        QCOMPARE(added, 1);
        QVERIFY2(status == SwapRecord::Status::Succeeded,
                 qPrintable(historyModel()->index(0, SwapHistoryModel::StatusColumn).data(Qt::ToolTipRole).toString()
                            + child<QLabel>("swapErrorLabel")->text()));
        auto *model = historyModel();
        QCOMPARE(model->index(0, SwapHistoryModel::InColumn).data().toString(), QStringLiteral("0.1 ETH"));
        QVERIFY(model->index(0, SwapHistoryModel::OutColumn).data().toString().endsWith(QLatin1String(" USDC")));
        QVERIFY(model->index(0, SwapHistoryModel::TxHashColumn).data(SwapHistoryModel::TxHashRole).toString()
                    .startsWith(QLatin1String("0x")));
        QVERIFY(child<QLabel>("swapResultLabel")->text().startsWith(QLatin1String("Swapped 0.1 ETH for ")));
        QVERIFY(!child<QProgressBar>("swapProgress")->isVisible());

        // "Copy hash" copies the selected row's full hash.
        m_pane->tabs()->setCurrentIndex(1);
        auto *view = child<QTableView>("swapHistoryView");
        view->selectRow(0);
        QVERIFY(child<QPushButton>("copyHashButton")->isEnabled());

        QTest::qWait(50);
        const QString path = screenshotPath(QStringLiteral("wallet-pane-after-swap.png"));
        QVERIFY(m_pane->grab().save(path));
        qInfo() << "screenshot:" << path;
        m_pane->tabs()->setCurrentIndex(0);
        QTest::qWait(50);
        QVERIFY(m_pane->grab().save(screenshotPath(QStringLiteral("wallet-pane-swap-tab-after-swap.png"))));
    }

    void nodeLogShowsTheSandboxOutputLive()
    {
        QVERIFY(chainReady(5000));
        m_pane->tabs()->setCurrentIndex(2);
        QCOMPARE(child<QLabel>("chainPhaseValue")->text(), m_chain->state().message);
        QVERIFY(child<QPushButton>("resetSandboxButton")->isEnabled());
        QTest::qWait(50);   // the page's pending layout, before the picture
        QVERIFY(m_pane->grab().save(screenshotPath(QStringLiteral("wallet-pane-chain-tab.png"))));
        QTest::mouseClick(child<QPushButton>("nodeLogButton"), Qt::LeftButton);
        auto *dialog = m_pane->findChild<QDialog *>(QStringLiteral("nodeLogDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("nodeLogText"));
        QVERIFY(text);
        QTRY_VERIFY_WITH_TIMEOUT(text->blockCount() > 1, 10000);
        // A new block makes anvil print; the open dialog grows with it.
        const int lines = text->blockCount();
        m_chain->fundAccount(m_chain->selectedAccount());
        QTRY_VERIFY_WITH_TIMEOUT(text->blockCount() > lines, 20000);
        // One dialog, raised again rather than opened twice.
        QTest::mouseClick(child<QPushButton>("nodeLogButton"), Qt::LeftButton);
        QCOMPARE(m_pane->findChildren<QDialog *>(QStringLiteral("nodeLogDialog")).size(), 1);
        dialog->close();
        QTRY_VERIFY(!m_pane->findChild<QDialog *>(QStringLiteral("nodeLogDialog")));
        m_pane->tabs()->setCurrentIndex(0);
    }

    void amountOverTheBalanceIsRefusedInWords()
    {
        QVERIFY(chainReady(5000));
        m_pane->tabs()->setCurrentIndex(0);
        auto *error = child<QLabel>("swapErrorLabel");
        const int succeededBefore = succeededRows(historyModel());
        const int rowsBefore = historyModel()->rowCount();
        auto *edit = child<QLineEdit>("swapAmountEdit");
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("1000000000"));   // a billion ETH
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible() && !error->text().isEmpty(), 10000);
        QVERIFY2(error->text().contains(QLatin1String("balance")), qPrintable(error->text()));

        QTest::mouseClick(child<QPushButton>("swapButton"), Qt::LeftButton);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("balance")), qPrintable(error->text()));
        QTest::qWait(3000);   // time for a swap that should not happen
        QCOMPARE(succeededRows(historyModel()), succeededBefore);
        QVERIFY(historyModel()->rowCount() == rowsBefore
                || historyModel()->index(0, 0).data(SwapHistoryModel::StatusRole).toInt()
                       != int(SwapRecord::Status::Succeeded));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("0.1"));
        QTRY_VERIFY(!error->isVisible());

        // "Max" of ETH keeps 0.01 ETH back for gas, to the wei.
        const eth::u256 reserve = eth::u256(10'000'000'000'000'000ULL);
        QCOMPARE(ui::SwapForm::gasReserveWei(), reserve);
        QTest::mouseClick(child<QPushButton>("swapMaxButton"), Qt::LeftButton);
        QCOMPARE(edit->text(), eth::formatUnits(eth::u256(m_chain->balances().ethWei - reserve), 18));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("quoteExpectedValue")->text().endsWith(QLatin1String(" USDC")), 30000);
        QVERIFY(!error->isVisible());
        edit->clear();
    }

    void keystoreWalletSwapsWithThePasswordAskedAtSwapTime()
    {
        QVERIFY(chainReady(5000));
        const QString directory = Paths::keystoreDir();
        const QString password = QStringLiteral("correct horse 1");
        auto *accounts = child<QComboBox>("accountCombo");
        const int accountsBefore = accounts->count();

        // "Create wallet…": the password twice (a mismatch keeps Create disabled), then the key is made
        // and encrypted off the GUI thread, listed by the service and selected.
        bool mismatchRefused = false;
        answerNextDialog([&](QDialog *dialog) {
            auto *first = dialog->findChild<QLineEdit *>(QStringLiteral("newWalletPasswordEdit"));
            auto *second = dialog->findChild<QLineEdit *>(QStringLiteral("newWalletRepeatEdit"));
            auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("createWalletButtons"));
            first->setText(password);
            second->setText(QStringLiteral("correct horse 2"));
            mismatchRefused = !buttons->button(QDialogButtonBox::Ok)->isEnabled();
            second->setText(password);
            QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        });
        child<QAction>("createWalletAction")->trigger();
        QVERIFY(mismatchRefused);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("accountMessageLabel")->text().startsWith(QLatin1String("Saved ")),
                                 20000);
        auto listed = eth::Keystore::list(directory);
        QVERIFY(listed && listed->size() == 1 && listed->first().address);
        const QString createdPath = listed->first().path;
        const eth::Address created = *listed->first().address;
        QCOMPARE(QFile::permissions(createdPath) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        QVERIFY(eth::Keystore::readFile(createdPath, password.toUtf8()));
        QTRY_VERIFY_WITH_TIMEOUT(accounts->count() == accountsBefore + 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_chain->selectedAccount() == created, 10000);
        QTRY_COMPARE(accounts->currentData().toString(), created.toChecksumString());

        // "Import…" of a private key through the dialog.
        const eth::PrivateKey other = eth::PrivateKey::generate();
        const QString otherHex = eth::toHex(other.secret().bytes());
        answerNextDialog([&](QDialog *dialog) {
            dialog->findChild<QLineEdit *>(QStringLiteral("importKeyEdit"))->setText(otherHex);
            dialog->findChild<QLineEdit *>(QStringLiteral("importPasswordEdit"))->setText(QStringLiteral("another pass"));
            dialog->findChild<QLineEdit *>(QStringLiteral("importRepeatEdit"))->setText(QStringLiteral("another pass"));
            auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("importWalletButtons"));
            QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        });
        child<QAction>("importWalletAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(accounts->findData(other.address().toChecksumString()) >= 0, 20000);

        // The same work without dialogs: a key imported twice is refused; a keystore file opens only
        // with its password and is copied unchanged.
        auto twice = ui::KeystoreFiles::importPrivateKey(directory, otherHex, QStringLiteral("another pass"));
        QVERIFY(!twice);
        QVERIFY2(twice.error().message.contains(QLatin1String("already")), qPrintable(twice.error().message));
        QVERIFY(!ui::KeystoreFiles::importPrivateKey(directory, QStringLiteral("0x1234"), QStringLiteral("x")));
        QTemporaryDir elsewhere;
        QVERIFY(!ui::KeystoreFiles::importKeystoreFile(elsewhere.path(), createdPath, QStringLiteral("wrong")));
        auto copied = ui::KeystoreFiles::importKeystoreFile(elsewhere.path(), createdPath, password);
        QVERIFY(copied);
        QCOMPARE(copied->address, created);
        QFile original(createdPath), copy(copied->path);
        QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), original.readAll());
        QVERIFY(!ui::KeystoreFiles::importKeystoreFile(directory, createdPath, password));   // there already

        // The person picks the new wallet again and funds it with the Fund button.
        const QString address = created.toChecksumString();
        const int index = accounts->findData(address);
        QVERIFY(index >= 0);
        accounts->setCurrentIndex(index);
        Q_EMIT accounts->activated(index);
        QTRY_VERIFY_WITH_TIMEOUT(m_chain->selectedAccount() == created, 10000);
        auto *eth = child<QLabel>("ethBalanceValue");
        QTRY_COMPARE_WITH_TIMEOUT(eth->text(), QStringLiteral("0 ETH"), 20000);
        auto *fund = child<QPushButton>("fundButton");
        QVERIFY(fund->isEnabled());
        QTest::mouseClick(fund, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(eth->text(), QStringLiteral("100 ETH"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("usdcBalanceValue")->text(), QStringLiteral("100,000 USDC"), 30000);

        // Swap USDC → ETH; the password is asked once, at swap time, and never for the sandbox before.
        auto *form = m_pane->swapForm();
        int asked = 0;
        form->setPasswordPrompt([&](const WalletAccount &account) -> std::optional<QString> {
            ++asked;
            if (account.address != created)
                return std::nullopt;
            return password;
        });
        int confirmations = 0;
        form->setLiveTradeConfirmation([&](const QString &) {
            ++confirmations;
            return false;
        });
        auto *direction = child<QComboBox>("swapDirectionCombo");
        direction->setCurrentIndex(direction->findData(QStringLiteral("usdc-to-eth")));
        QVERIFY(enterAmountAndWaitForQuote(QStringLiteral("300"), QStringLiteral(" ETH")));
        int added = 0;
        const SwapRecord::Status status = swapFromTheButton(&added);
        QCOMPARE(added, 1);
        QVERIFY2(status == SwapRecord::Status::Succeeded,
                 qPrintable(child<QLabel>("swapErrorLabel")->text()));
        QCOMPARE(asked, 1);
        QCOMPARE(confirmations, 0);   // live trading is off and this is the app's own sandbox
        QCOMPARE(historyModel()->index(0, SwapHistoryModel::InColumn).data().toString(), QStringLiteral("300 USDC"));
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("usdcBalanceValue")->text(), QStringLiteral("99,700 USDC"), 20000);

        // A wrong password fails the swap in words and adds no successful row.
        form->setPasswordPrompt([](const WalletAccount &) -> std::optional<QString> { return QStringLiteral("nope"); });
        const int succeededBefore = succeededRows(historyModel());
        QVERIFY(enterAmountAndWaitForQuote(QStringLiteral("10"), QStringLiteral(" ETH")));
        const SwapRecord::Status wrong = swapFromTheButton(&added);
        QVERIFY(wrong == SwapRecord::Status::Failed || added == 0);
        QCOMPARE(succeededRows(historyModel()), succeededBefore);
        QTRY_VERIFY(child<QLabel>("swapErrorLabel")->isVisible());
        QVERIFY(!child<QLabel>("swapErrorLabel")->text().isEmpty());
        QTest::qWait(50);
        QVERIFY(m_pane->grab().save(screenshotPath(QStringLiteral("wallet-pane-keystore-wrong-password.png"))));
    }

    void resetSandboxStartsOver()
    {
        QVERIFY(chainReady(5000));
        m_pane->tabs()->setCurrentIndex(2);
        const quint64 before = m_chain->state().blockNumber;
        QVERIFY(before > 0);
        QTest::mouseClick(child<QPushButton>("resetSandboxButton"), Qt::LeftButton);
        // Back to the freshly prepared chain: fewer blocks than after this test's transactions.
        QVERIFY(waitUntil([&] {
            const ChainState state = m_chain->state();
            return state.phase == ChainState::Phase::Ready && state.blockNumber < before;
        }, 60000));
        QTRY_COMPARE(child<QLabel>("chainBlockValue")->text(), QString::number(m_chain->state().blockNumber));
        m_pane->tabs()->setCurrentIndex(0);
    }
};

QTEST_MAIN(TestWalletPane)
#include "test_wallet_pane.moc"
