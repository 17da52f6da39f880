#include "accountbox.h"

#include "walletdialogs.h"
#include "walletstyle.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace apedesk::ui {

namespace {
QString shortAddress(const eth::Address &address)
{
    const QString text = address.toChecksumString();
    return QString(text.left(6) + QStringLiteral("…") + text.right(4));
}
} // namespace

AccountBox::AccountBox(ChainService *chain, QString keystoreDirectory, QWidget *parent)
    : QWidget(parent), m_chain(chain), m_keystoreDirectory(std::move(keystoreDirectory))
{
    setObjectName(QStringLiteral("accountBox"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("accountCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(14);
    m_combo->setToolTip(tr("The account that swaps and whose balances are shown."));
    row->addWidget(m_combo, 1);

    m_fund = new QPushButton(tr("Fund"), this);
    m_fund->setObjectName(QStringLiteral("fundButton"));
    m_fund->setToolTip(tr("Sandbox and fork only: add 100 ETH and 100,000 USDC to this account."));
    row->addWidget(m_fund);

    m_walletMenu = new QPushButton(tr("Wallets"), this);
    m_walletMenu->setObjectName(QStringLiteral("walletMenuButton"));
    m_walletMenu->setToolTip(tr("Create a wallet, import a key or keystore file, or copy the address."));
    auto *menu = new QMenu(m_walletMenu);
    menu->setObjectName(QStringLiteral("walletMenu"));
    m_create = menu->addAction(tr("Create wallet…"), this, &AccountBox::createWallet);
    m_create->setObjectName(QStringLiteral("createWalletAction"));
    m_import = menu->addAction(tr("Import…"), this, &AccountBox::importWallet);
    m_import->setObjectName(QStringLiteral("importWalletAction"));
    menu->addSeparator();
    m_copy = menu->addAction(tr("Copy address"), this, &AccountBox::copyAddress);
    m_copy->setObjectName(QStringLiteral("copyAddressAction"));
    m_walletMenu->setMenu(menu);
    row->addWidget(m_walletMenu);
    layout->addLayout(row);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("accountMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(kNoteMs);
    connect(m_messageTimer, &QTimer::timeout, this, [this] { walletstyle::showMessage(m_message, {}); });

    connect(m_combo, qOverload<int>(&QComboBox::activated), this, &AccountBox::pick);
    connect(m_fund, &QPushButton::clicked, this, &AccountBox::fund);
    connect(&m_job, &QFutureWatcherBase::finished, this, &AccountBox::keystoreJobDone);
    if (m_chain) {
        // Connected before the snapshots are read, so nothing published in between is lost.
        connect(m_chain, &ChainService::accountsChanged, this, &AccountBox::showAccounts);
        connect(m_chain, &ChainService::selectedAccountChanged, this, &AccountBox::showSelected);
        connect(m_chain, &ChainService::stateChanged, this, &AccountBox::showState);
        m_state = m_chain->state();
        showAccounts(m_chain->accounts());
    }
    updateEnabled();
}

eth::Address AccountBox::current() const
{
    const auto address = eth::Address::fromString(m_combo->currentData().toString());
    return address ? *address : eth::Address();
}

void AccountBox::showAccounts(const QList<WalletAccount> &accounts)
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    for (const WalletAccount &account : accounts) {
        // A keystore's label is its long geth-style file name: the tooltip has it, the list says "Keystore".
        const QString name = account.kind == WalletAccount::Kind::Keystore ? tr("Keystore") : account.label;
        m_combo->addItem(tr("%1 · %2").arg(name, shortAddress(account.address)),
                         account.address.toChecksumString());
        const QString where = account.kind == WalletAccount::Kind::Keystore
                                  ? tr("Keystore file %1").arg(account.keystorePath)
                                  : tr("An account of the sandbox node");
        m_combo->setItemData(m_combo->count() - 1,
                             QString(account.address.toChecksumString() + QLatin1Char('\n') + where),
                             Qt::ToolTipRole);
    }
    if (accounts.isEmpty())
        m_combo->setPlaceholderText(tr("No accounts yet"));
    if (m_chain)
        showSelected(m_chain->selectedAccount());
    updateEnabled();
}

void AccountBox::showSelected(const eth::Address &account)
{
    const QSignalBlocker blocker(m_combo);
    m_combo->setCurrentIndex(m_combo->findData(account.toChecksumString()));
    updateEnabled();
}

void AccountBox::showState(const ChainState &state)
{
    m_state = state;
    updateEnabled();
}

void AccountBox::pick(int index)
{
    const auto address = eth::Address::fromString(m_combo->itemData(index).toString());
    if (m_chain && address)
        m_chain->selectAccount(*address);
}

void AccountBox::fund()
{
    const eth::Address account = current();
    if (!m_chain || account.isZero())
        return;
    m_chain->fundAccount(account);
    showMessage(tr("Asked the node for 100 ETH and 100,000 USDC for %1; the balances follow.")
                    .arg(shortAddress(account)));
}

void AccountBox::createWallet()
{
    CreateWalletDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    runKeystoreJob(tr("Encrypting the new key…"),
                   [directory = m_keystoreDirectory, password = dialog.password()]() mutable {
                       return KeystoreFiles::createNew(directory, std::move(password));
                   });
}

void AccountBox::importWallet()
{
    ImportWalletDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.source() == ImportWalletDialog::Source::PrivateKey) {
        runKeystoreJob(tr("Encrypting the imported key…"),
                       [directory = m_keystoreDirectory, key = dialog.privateKey(),
                        password = dialog.password()]() mutable {
                           return KeystoreFiles::importPrivateKey(directory, std::move(key), std::move(password));
                       });
    } else {
        runKeystoreJob(tr("Checking the keystore file…"),
                       [directory = m_keystoreDirectory, file = dialog.keystoreFile(),
                        password = dialog.password()]() mutable {
                           return KeystoreFiles::importKeystoreFile(directory, file, std::move(password));
                       });
    }
}

void AccountBox::runKeystoreJob(const QString &busyText, std::function<Result<KeystoreFiles::Saved>()> job)
{
    if (m_job.isRunning())
        return;
    m_job.setFuture(QtConcurrent::run(std::move(job)));
    showMessage(busyText);
    updateEnabled();
}

void AccountBox::keystoreJobDone()
{
    const Result<KeystoreFiles::Saved> result = m_job.result();
    updateEnabled();
    if (!result) {
        showMessage(result.error().message, true);
        return;
    }
    showMessage(tr("Saved %1 in the keystore folder.").arg(shortAddress(result->address)));
    if (m_chain) {
        // Queued in this order on the chain thread: the new account exists when it is selected.
        m_chain->reloadAccounts();
        m_chain->selectAccount(result->address);
    }
}

void AccountBox::copyAddress()
{
    const eth::Address account = current();
    if (account.isZero())
        return;
    QApplication::clipboard()->setText(account.toChecksumString());
    showMessage(tr("Copied %1.").arg(account.toChecksumString()));
}

void AccountBox::showMessage(const QString &text, bool error)
{
    walletstyle::showMessage(m_message, text, error);
    // Notes go after a while so they do not crowd the small dock; errors and work in progress stay.
    m_messageTimer->stop();
    if (!error && !m_job.isRunning() && !text.isEmpty())
        m_messageTimer->start();
}

void AccountBox::updateEnabled()
{
    const bool sandboxOrFork = m_state.mode == ChainMode::Sandbox || m_state.mode == ChainMode::Fork;
    m_fund->setEnabled(m_chain && m_state.connected() && sandboxOrFork && !current().isZero());
    m_combo->setEnabled(m_chain && m_combo->count() > 0);
    const bool idle = !m_job.isRunning();
    m_create->setEnabled(idle);
    m_import->setEnabled(idle);
    m_copy->setEnabled(!current().isZero());
}

} // namespace apedesk::ui
