#pragma once
// The account to trade with: a picker over ChainService::accounts() (the sandbox's accounts and the
// keystore files), "Fund" on a sandbox or fork, and the wallet actions (create a key, import a key or
// keystore file, copy the address). Keystore work runs on a QtConcurrent thread.

#include "chain/chainservice.h"
#include "keystorefiles.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTimer;

namespace apedesk::ui {

class AccountBox : public QWidget
{
    Q_OBJECT
public:
    AccountBox(ChainService *chain, QString keystoreDirectory, QWidget *parent = nullptr);

    QString keystoreDirectory() const { return m_keystoreDirectory; }
    static constexpr int kNoteMs = 8000;   // how long a note (not an error) stays

private:
    void showAccounts(const QList<WalletAccount> &accounts);
    void showSelected(const eth::Address &account);
    void showState(const ChainState &state);
    void pick(int index);
    void fund();
    void createWallet();
    void importWallet();
    void copyAddress();
    void runKeystoreJob(const QString &busyText, std::function<Result<KeystoreFiles::Saved>()> job);
    void keystoreJobDone();
    void showMessage(const QString &text, bool error = false);
    void updateEnabled();
    eth::Address current() const;

    ChainService *m_chain;
    QString m_keystoreDirectory;
    ChainState m_state;
    QComboBox *m_combo;
    QPushButton *m_fund;
    QPushButton *m_walletMenu;
    QAction *m_create;
    QAction *m_import;
    QAction *m_copy;
    QLabel *m_message;
    QTimer *m_messageTimer;
    QFutureWatcher<Result<KeystoreFiles::Saved>> m_job;
};

} // namespace apedesk::ui
