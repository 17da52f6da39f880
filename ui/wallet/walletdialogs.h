#pragma once
// The two small dialogs of the wallet pane's "Create wallet…" and "Import…" actions. They only
// collect input; the keystore work runs elsewhere (KeystoreFiles on a QtConcurrent thread).

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace apedesk::ui {

// A new password, typed twice.
class CreateWalletDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CreateWalletDialog(QWidget *parent = nullptr);
    QString password() const;
    static constexpr int kMinimumPasswordLength = 8;

private:
    void check();

    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

// A private key (then a new password, typed twice) or a keystore file (then its password).
class ImportWalletDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Source { PrivateKey, KeystoreFile };
    explicit ImportWalletDialog(QWidget *parent = nullptr);

    Source source() const;
    QString privateKey() const;
    QString keystoreFile() const;
    QString password() const;

private:
    void browse();
    void update();

    QRadioButton *m_fromKey;
    QRadioButton *m_fromFile;
    QLineEdit *m_key;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QLabel *m_repeatLabel;
    QLineEdit *m_repeat;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace apedesk::ui
