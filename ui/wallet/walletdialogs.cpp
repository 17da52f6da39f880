#include "walletdialogs.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
QLineEdit *passwordEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

// Empty when the two entries make a usable new password, else why not.
QString newPasswordProblem(const QString &password, const QString &repeat, int minimumLength)
{
    if (password.size() < minimumLength)
        return QCoreApplication::translate("apedesk::ui::CreateWalletDialog",
                                           "Use at least %n characters.", nullptr, minimumLength);
    if (password != repeat)
        return QCoreApplication::translate("apedesk::ui::CreateWalletDialog", "The two passwords differ.");
    return {};
}
} // namespace

CreateWalletDialog::CreateWalletDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("createWalletDialog"));
    setWindowTitle(tr("Create wallet"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A new private key is made on this computer and saved encrypted under this "
                                "password. Without the password the key cannot be used, and it cannot be "
                                "recovered."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_password = passwordEdit(QStringLiteral("newWalletPasswordEdit"), this);
    m_repeat = passwordEdit(QStringLiteral("newWalletRepeatEdit"), this);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Repeat password:"), m_repeat);
    layout->addLayout(form);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("newWalletHintLabel"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("createWalletButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_password, &QLineEdit::textChanged, this, &CreateWalletDialog::check);
    connect(m_repeat, &QLineEdit::textChanged, this, &CreateWalletDialog::check);
    check();
}

QString CreateWalletDialog::password() const { return m_password->text(); }

void CreateWalletDialog::check()
{
    const QString problem = newPasswordProblem(m_password->text(), m_repeat->text(), kMinimumPasswordLength);
    m_hint->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

ImportWalletDialog::ImportWalletDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("importWalletDialog"));
    setWindowTitle(tr("Import wallet"));
    auto *layout = new QVBoxLayout(this);
    m_fromKey = new QRadioButton(tr("Private key"), this);
    m_fromKey->setObjectName(QStringLiteral("importFromKeyRadio"));
    m_fromFile = new QRadioButton(tr("Keystore file (Web3 Secret Storage, as geth, cast and MetaMask write)"), this);
    m_fromFile->setObjectName(QStringLiteral("importFromFileRadio"));
    m_fromKey->setChecked(true);
    layout->addWidget(m_fromKey);
    layout->addWidget(m_fromFile);

    auto *form = new QFormLayout;
    m_key = passwordEdit(QStringLiteral("importKeyEdit"), this);
    m_key->setPlaceholderText(tr("64 hexadecimal digits"));
    form->addRow(tr("Private key:"), m_key);
    auto *fileRow = new QHBoxLayout;
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("importFileEdit"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("importBrowseButton"));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    form->addRow(tr("File:"), fileRow);
    m_passwordLabel = new QLabel(this);
    m_password = passwordEdit(QStringLiteral("importPasswordEdit"), this);
    form->addRow(m_passwordLabel, m_password);
    m_repeatLabel = new QLabel(tr("Repeat password:"), this);
    m_repeat = passwordEdit(QStringLiteral("importRepeatEdit"), this);
    form->addRow(m_repeatLabel, m_repeat);
    layout->addLayout(form);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("importHintLabel"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("importWalletButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &ImportWalletDialog::browse);
    for (QLineEdit *edit : {m_key, m_file, m_password, m_repeat})
        connect(edit, &QLineEdit::textChanged, this, &ImportWalletDialog::update);
    connect(m_fromKey, &QRadioButton::toggled, this, &ImportWalletDialog::update);
    update();
}

ImportWalletDialog::Source ImportWalletDialog::source() const
{
    return m_fromFile->isChecked() ? Source::KeystoreFile : Source::PrivateKey;
}

QString ImportWalletDialog::privateKey() const { return m_key->text(); }
QString ImportWalletDialog::keystoreFile() const { return m_file->text(); }
QString ImportWalletDialog::password() const { return m_password->text(); }

void ImportWalletDialog::browse()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Keystore file"), m_file->text(),
                                                      tr("Keystore files (*.json UTC--*);;All files (*)"));
    if (!file.isEmpty())
        m_file->setText(file);
}

void ImportWalletDialog::update()
{
    const bool fromKey = source() == Source::PrivateKey;
    m_key->setEnabled(fromKey);
    m_file->setEnabled(!fromKey);
    m_browse->setEnabled(!fromKey);
    m_repeatLabel->setVisible(fromKey);
    m_repeat->setVisible(fromKey);
    m_passwordLabel->setText(fromKey ? tr("New password:") : tr("File's password:"));
    QString problem;
    if (fromKey) {
        if (m_key->text().trimmed().isEmpty())
            problem = tr("Paste the private key.");
        else
            problem = newPasswordProblem(m_password->text(), m_repeat->text(),
                                         CreateWalletDialog::kMinimumPasswordLength);
    } else if (m_file->text().isEmpty()) {
        problem = tr("Choose the keystore file.");
    } else if (m_password->text().isEmpty()) {
        problem = tr("Enter the file's password.");
    }
    m_hint->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace apedesk::ui
