#include "collectdialog.h"

#include "chain/networkprofile.h"
#include "wallet/walletstyle.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
QLineEdit *blockEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^[0-9]{0,19}$")), edit));
    return edit;
}
} // namespace

CollectDialog::CollectDialog(const market::MarketFeed &feed, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("collectDialog"));
    setWindowTitle(tr("Collect swap history"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Reads the pool's Swap events block range by block range and stores them; a "
                                "stopped collection resumes where it stopped."),
                             this);
    intro->setObjectName(QStringLiteral("collectIntroLabel"));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_urls = new QPlainTextEdit(this);
    m_urls->setObjectName(QStringLiteral("collectRpcUrlsEdit"));
    m_urls->setPlaceholderText(tr("https://… one endpoint per line; the next is used when one fails"));
    m_urls->setTabChangesFocus(true);
    m_urls->setFixedHeight(m_urls->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("RPC URLs:"), m_urls);

    const chain::NetworkProfile base = chain::NetworkProfile::base();
    m_poolManager = new QLineEdit(base.poolManager.toChecksumString(), this);
    m_poolManager->setObjectName(QStringLiteral("collectPoolManagerEdit"));
    form->addRow(tr("PoolManager:"), m_poolManager);
    m_poolId = new QLineEdit((feed.poolId.isZero() ? base.poolId : feed.poolId).toHex(), this);
    m_poolId->setObjectName(QStringLiteral("collectPoolIdEdit"));
    form->addRow(tr("Pool id:"), m_poolId);
    // The whole id and address in view, so a person can check them.
    const int idWidth = m_poolId->fontMetrics().horizontalAdvance(m_poolId->text()) + 24;
    m_poolId->setMinimumWidth(idWidth);
    m_poolManager->setMinimumWidth(idWidth);

    m_fromBlock = blockEdit(QStringLiteral("collectFromBlockEdit"), this);
    m_fromBlock->setPlaceholderText(tr("first block"));
    form->addRow(tr("From block:"), m_fromBlock);
    m_toBlock = blockEdit(QStringLiteral("collectToBlockEdit"), this);
    m_toBlock->setPlaceholderText(tr("latest"));
    m_toBlock->setToolTip(tr("Empty: up to the newest block that has enough confirmations."));
    form->addRow(tr("To block:"), m_toBlock);

    m_batch = new QSpinBox(this);
    m_batch->setObjectName(QStringLiteral("collectBatchSpin"));
    m_batch->setRange(1, 100000);
    m_batch->setValue(200);
    m_batch->setSuffix(tr(" blocks"));
    m_batch->setToolTip(tr("Blocks per eth_getLogs request; split further when a provider refuses."));
    form->addRow(tr("Batch size:"), m_batch);
    m_confirmations = new QSpinBox(this);
    m_confirmations->setObjectName(QStringLiteral("collectConfirmationsSpin"));
    m_confirmations->setRange(0, 1000);
    m_confirmations->setValue(feed.chain.endsWith(QStringLiteral("-local")) ? 0 : 3);
    m_confirmations->setToolTip(tr("Blocks behind the head that count as final."));
    form->addRow(tr("Confirmations:"), m_confirmations);
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("collectRateSpin"));
    m_rate->setRange(0, 1000);
    m_rate->setDecimals(1);
    m_rate->setSpecialValueText(tr("no limit"));
    m_rate->setSuffix(tr(" requests/s"));
    form->addRow(tr("Rate limit:"), m_rate);
    m_origins = new QCheckBox(tr("Also fetch each transaction's sender"), this);
    m_origins->setObjectName(QStringLiteral("collectOriginsCheck"));
    m_origins->setToolTip(tr("One more request per transaction: its sender and whether that is a contract."));
    form->addRow(QString(), m_origins);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("collectErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("collectButtons"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Collect"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("collectStartButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CollectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CollectDialog::reject);
    layout->addWidget(buttons);
}

Result<market::CollectRequest> CollectDialog::request() const
{
    market::CollectRequest request;
    const QStringList lines = m_urls->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    static const QStringList schemes{QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("ws"),
                                     QStringLiteral("wss")};
    for (const QString &line : lines) {
        const QString text = line.trimmed();
        if (text.isEmpty())
            continue;
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || !schemes.contains(url.scheme()) || url.host().isEmpty())
            return Error::make(Error::Kind::Usage, tr("“%1” is not an http(s) or ws(s) URL.").arg(text));
        request.rpcUrls.append(text);
    }
    if (request.rpcUrls.isEmpty())
        return Error::make(Error::Kind::Usage, tr("Enter at least one RPC URL."));
    auto manager = eth::Address::fromString(m_poolManager->text().trimmed());
    if (!manager)
        return Error::make(Error::Kind::Usage, tr("The PoolManager address is not valid."), manager.error().message);
    request.poolManager = *manager;
    auto pool = eth::Hash32::fromString(m_poolId->text().trimmed());
    if (!pool)
        return Error::make(Error::Kind::Usage, tr("The pool id must be 0x and 64 hex digits."), pool.error().message);
    request.poolId = *pool;
    if (m_fromBlock->text().isEmpty())
        return Error::make(Error::Kind::Usage, tr("Enter the first block to collect."));
    request.fromBlock = m_fromBlock->text().toULongLong();
    if (!m_toBlock->text().isEmpty()) {
        request.toBlock = m_toBlock->text().toULongLong();
        if (*request.toBlock < request.fromBlock)
            return Error::make(Error::Kind::Usage, tr("The last block comes before the first."));
    }
    request.batchBlocks = m_batch->value();
    request.confirmations = m_confirmations->value();
    request.maxRequestsPerSecond = m_rate->value();
    request.withOrigins = m_origins->isChecked();
    return request;
}

void CollectDialog::accept()
{
    const auto checked = request();
    if (!checked) {
        walletstyle::showMessage(m_error, checked.error().message, true);
        return;
    }
    QDialog::accept();
}

} // namespace apedesk::ui
