#include "swapdatachooser.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace apedesk::ui {

namespace {
QString shortId(const QString &hex) { return hex.size() > 14 ? QString(hex.left(8) + QStringLiteral("…") + hex.right(4)) : hex; }
} // namespace

SwapDataChooser::SwapDataChooser(MarketService *market, const QString &namePrefix, QWidget *parent)
    : QWidget(parent), m_market(market)
{
    setObjectName(namePrefix + QStringLiteral("DataChooser"));
    m_csvRadio = new QRadioButton(tr("CSV file"), this);
    m_csvRadio->setObjectName(namePrefix + QStringLiteral("CsvRadio"));
    m_csvRadio->setChecked(true);
    m_csv = new QLineEdit(this);
    m_csv->setObjectName(namePrefix + QStringLiteral("CsvEdit"));
    m_browseCsv = new QPushButton(tr("Browse…"), this);
    m_browseCsv->setObjectName(namePrefix + QStringLiteral("CsvBrowseButton"));
    m_storeRadio = new QRadioButton(tr("Swap store"), this);
    m_storeRadio->setObjectName(namePrefix + QStringLiteral("StoreRadio"));
    m_storeText = new QLabel(this);
    m_storeText->setObjectName(namePrefix + QStringLiteral("StoreText"));
    m_storeText->setWordWrap(true);
    auto *group = new QButtonGroup(this);
    group->addButton(m_csvRadio);
    group->addButton(m_storeRadio);

    auto *csvRow = new QHBoxLayout;
    csvRow->addWidget(m_csvRadio);
    csvRow->addWidget(m_csv, 1);
    csvRow->addWidget(m_browseCsv);
    auto *storeRow = new QHBoxLayout;
    storeRow->addWidget(m_storeRadio);
    storeRow->addWidget(m_storeText, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(csvRow);
    layout->addLayout(storeRow);

    connect(m_csvRadio, &QRadioButton::toggled, this, &SwapDataChooser::updateInputs);
    connect(m_browseCsv, &QPushButton::clicked, this, &SwapDataChooser::chooseCsv);
    if (m_market) {
        connect(m_market, &MarketService::feedChanged, this, &SwapDataChooser::showFeed);
        showFeed(m_market->feed());
    } else {
        showFeed({});
    }
}

void SwapDataChooser::setCsvPlaceholder(const QString &text) { m_csv->setPlaceholderText(text); }

bool SwapDataChooser::poolFollowed() const { return m_market && !m_feed.chain.isEmpty() && !m_feed.poolId.isZero(); }

void SwapDataChooser::showFeed(const market::MarketFeed &feed)
{
    m_feed = feed;
    const bool usable = poolFollowed();
    if (!m_market)
        m_storeText->setText(tr("not available here"));
    else if (!usable)
        m_storeText->setText(tr("no pool followed: connect a chain first"));
    else
        m_storeText->setText(tr("the followed pool: %1 · %2").arg(feed.chain, shortId(feed.poolId.toHex())));
    m_storeText->setToolTip(usable ? feed.poolId.toHex() : QString());
    if (!usable && m_storeRadio->isChecked())
        m_csvRadio->setChecked(true);
    updateInputs();
}

void SwapDataChooser::updateInputs()
{
    m_storeRadio->setEnabled(m_inputsEnabled && poolFollowed());
    m_csvRadio->setEnabled(m_inputsEnabled);
    m_csv->setEnabled(m_inputsEnabled && m_csvRadio->isChecked());
    m_browseCsv->setEnabled(m_inputsEnabled && m_csvRadio->isChecked());
}

void SwapDataChooser::setInputsEnabled(bool enabled)
{
    m_inputsEnabled = enabled;
    updateInputs();
}

void SwapDataChooser::setCsvPath(const QString &path)
{
    m_csv->setText(QDir::toNativeSeparators(path));
    m_csvRadio->setChecked(true);
}

QString SwapDataChooser::csvPath() const { return QDir::fromNativeSeparators(m_csv->text().trimmed()); }

void SwapDataChooser::setUseStore(bool store) { (store ? m_storeRadio : m_csvRadio)->setChecked(true); }

bool SwapDataChooser::useStore() const { return m_storeRadio->isChecked(); }

Result<SwapDataChooser::Choice> SwapDataChooser::choice() const
{
    Choice choice;
    if (useStore()) {
        if (!poolFollowed())
            return Error::make(Error::Kind::Usage, tr("No pool is followed: connect a chain, or train on a CSV file."));
        choice.kind = QStringLiteral("store");
        choice.source = m_market->databasePath();
        choice.chain = m_feed.chain;
        choice.poolId = m_feed.poolId.toHex();
        if (!QFileInfo::exists(choice.source))
            return Error::make(Error::Kind::Usage, tr("The swap store %1 does not exist yet: collect or import swaps first.")
                                                       .arg(QDir::toNativeSeparators(choice.source)));
        return choice;
    }
    const QString csv = csvPath();
    if (csv.isEmpty())
        return Error::make(Error::Kind::Usage, tr("Choose the swap CSV to train on."));
    if (!QFileInfo(csv).isFile())
        return Error::make(Error::Kind::Usage, tr("%1 is not a file.").arg(QDir::toNativeSeparators(csv)));
    choice.kind = QStringLiteral("csv");
    choice.source = QFileInfo(csv).absoluteFilePath();
    return choice;
}

void SwapDataChooser::chooseCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Swap CSV to train on"), csvPath(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        setCsvPath(path);
}

} // namespace apedesk::ui
