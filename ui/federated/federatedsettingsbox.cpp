#include "federatedsettingsbox.h"

#include "federated/demovenues.h"
#include "federatedstyle.h"
#include "pool/flowlayout.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QToolButton>


namespace apedesk::ui {

using federated::FederatedRunConfig;
using federated::VenueSpec;

namespace {

QLabel *namedLabel(const QString &text, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(name);
    return label;
}

// A small square in the venue's chart colour, so the list reads as the charts' legend.
QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.fillRect(QRect(1, 1, 10, 10), color);
    return QIcon(pixmap);
}

} // namespace

FederatedSettingsBox::FederatedSettingsBox(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fedSettingsBox"));

    m_venues = new QListWidget(this);
    m_venues->setObjectName(QStringLiteral("fedVenueList"));
    m_venues->setSelectionMode(QAbstractItemView::NoSelection);
    // A few rows of venues side by side, not the list's default height of a dozen: the recipe below
    // must stay in view; a long list of simulated venues scrolls.
    m_venues->setMaximumHeight((m_venues->fontMetrics().height() + 8) * 2 + 8);
    m_venues->setFlow(QListView::LeftToRight);
    m_venues->setWrapping(true);
    m_venues->setResizeMode(QListView::Adjust);
    m_venues->setSpacing(2);
    m_simulated = new QSpinBox(this);
    m_simulated->setObjectName(QStringLiteral("fedSimulatedSpin"));
    m_simulated->setRange(0, 200);
    m_simulated->setToolTip(tr("Simulated markets (sim-1, sim-2, …) offered after the three demo venues; they need no files."));

    m_csv = new QLineEdit(this);
    m_csv->setObjectName(QStringLiteral("fedCsvEdit"));
    m_csv->setPlaceholderText(tr("the real swaps binance and okx trade (base_eth_usdc_swaps.csv)"));
    m_csv->setClearButtonEnabled(true);
    m_browseCsv = new QPushButton(tr("Browse…"), this);
    m_browseCsv->setObjectName(QStringLiteral("fedCsvBrowseButton"));

    m_rounds = new QSpinBox(this);
    m_rounds->setObjectName(QStringLiteral("fedRoundsSpin"));
    m_rounds->setRange(1, 10000);
    m_rounds->setValue(10);
    m_fraction = new QDoubleSpinBox(this);
    m_fraction->setObjectName(QStringLiteral("fedFractionSpin"));
    m_fraction->setRange(0.05, 1);
    m_fraction->setSingleStep(0.05);
    m_fraction->setDecimals(2);
    m_fraction->setValue(1);
    m_fraction->setToolTip(tr("Share of the venues sampled to train in each round (at least the minimum)."));
    m_minVenues = new QSpinBox(this);
    m_minVenues->setObjectName(QStringLiteral("fedMinVenuesSpin"));
    m_minVenues->setRange(1, 1000);
    m_minVenues->setValue(2);
    m_minVenues->setToolTip(tr("A round with fewer reporting venues is skipped, with the reason in the round table."));
    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("fedEpochsSpin"));
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(5);
    m_epochs->setToolTip(tr("Local training epochs of each venue per round."));

    m_dpNoise = new QDoubleSpinBox(this);
    m_dpNoise->setObjectName(QStringLiteral("fedDpNoiseSpin"));
    m_dpNoise->setRange(0, 10);
    m_dpNoise->setDecimals(4);
    m_dpNoise->setSingleStep(0.001);
    m_dpNoise->setSpecialValueText(tr("off"));
    m_dpNoise->setToolTip(tr("Differential privacy: σ of the Gaussian noise added to the aggregated update."));
    m_clipNorm = new QDoubleSpinBox(this);
    m_clipNorm->setObjectName(QStringLiteral("fedClipNormSpin"));
    m_clipNorm->setRange(0, 1000);
    m_clipNorm->setDecimals(3);
    m_clipNorm->setSingleStep(0.1);
    m_clipNorm->setSpecialValueText(tr("off"));
    m_clipNorm->setToolTip(tr("Each venue's update is scaled down to at most this norm before aggregation."));
    m_weightDecay = new QDoubleSpinBox(this);
    m_weightDecay->setObjectName(QStringLiteral("fedWeightDecaySpin"));
    m_weightDecay->setRange(0, 0.1);
    m_weightDecay->setDecimals(5);
    m_weightDecay->setSingleStep(0.0001);
    m_weightDecay->setSpecialValueText(tr("off"));
    m_weightDecay->setToolTip(tr("Adam's L2 penalty in local training."));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("fedSeedSpin"));
    m_seed->setRange(0, 999999999);
    m_seed->setValue(1);
    m_earlyStopping = new QCheckBox(tr("Stop early on convergence"), this);
    m_earlyStopping->setObjectName(QStringLiteral("fedEarlyStoppingCheck"));
    m_earlyStopping->setChecked(true);
    m_earlyStopping->setToolTip(tr("End the run when the global loss stops improving for a few rounds."));

    m_moreButton = new QToolButton(this);
    m_moreButton->setObjectName(QStringLiteral("fedMoreSettingsButton"));
    m_moreButton->setText(tr("Privacy and seed"));
    m_moreButton->setToolTip(tr("DP noise, update clipping, weight decay, seed and early stopping."));
    m_moreButton->setCheckable(true);
    m_moreButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_moreButton->setAutoRaise(true);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(4, 4, 4, 4);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(namedLabel(tr("Venues:"), QStringLiteral("fedVenuesLabel"), this), m_venues);
    auto *csvRow = new QHBoxLayout;
    csvRow->addWidget(m_csv, 1);
    csvRow->addWidget(m_browseCsv);
    form->addRow(namedLabel(tr("Swap CSV:"), QStringLiteral("fedCsvLabel"), this), csvRow);

    // Label-and-box pairs that sit on one line when the dock is wide and wrap when it is narrow.
    const auto flowRow = [this](const QString &name) {
        auto *row = new QWidget(this);
        row->setObjectName(name);
        auto *flow = new FlowLayout(row, 12, 4);
        flow->setContentsMargins(0, 0, 0, 0);
        return row;
    };
    const auto pair = [this](QWidget *row, QLabel *label, QWidget *field) {
        auto *box = new QWidget(row);
        box->setObjectName(label->objectName() + QStringLiteral("Pair"));
        auto *layout = new QHBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(label);
        layout->addWidget(field);
        row->layout()->addWidget(box);
    };
    QWidget *recipe = flowRow(QStringLiteral("fedRecipeRow"));
    pair(recipe, namedLabel(tr("Simulated venues:"), QStringLiteral("fedSimulatedLabel"), this), m_simulated);
    pair(recipe, namedLabel(tr("Rounds:"), QStringLiteral("fedRoundsLabel"), this), m_rounds);
    pair(recipe, namedLabel(tr("Sampling fraction:"), QStringLiteral("fedFractionLabel"), this), m_fraction);
    pair(recipe, namedLabel(tr("Min venues:"), QStringLiteral("fedMinVenuesLabel"), this), m_minVenues);
    pair(recipe, namedLabel(tr("Epochs:"), QStringLiteral("fedEpochsLabel"), this), m_epochs);
    recipe->layout()->addWidget(m_moreButton);
    form->addRow(recipe);
    // The settings a first run leaves alone fold away, so a small dock shows the venues, the file,
    // the recipe and Start without scrolling.
    m_more = flowRow(QStringLiteral("fedMoreSettingsRow"));
    pair(m_more, namedLabel(tr("DP noise σ:"), QStringLiteral("fedDpNoiseLabel"), this), m_dpNoise);
    pair(m_more, namedLabel(tr("Clip norm:"), QStringLiteral("fedClipNormLabel"), this), m_clipNorm);
    pair(m_more, namedLabel(tr("Weight decay:"), QStringLiteral("fedWeightDecayLabel"), this), m_weightDecay);
    pair(m_more, namedLabel(tr("Seed:"), QStringLiteral("fedSeedLabel"), this), m_seed);
    m_more->layout()->addWidget(m_earlyStopping);
    form->addRow(m_more);

    connect(m_moreButton, &QToolButton::toggled, this, &FederatedSettingsBox::setMoreShown);
    setMoreShown(false);
    connect(m_simulated, qOverload<int>(&QSpinBox::valueChanged), this, &FederatedSettingsBox::rebuildVenues);
    connect(m_browseCsv, &QPushButton::clicked, this, &FederatedSettingsBox::chooseCsv);
    connect(m_csv, &QLineEdit::editingFinished, this, [this] { Q_EMIT csvPathChanged(csvPath()); });
    rebuildVenues();
}

QStringList FederatedSettingsBox::realSwapVenues()
{
    QStringList names;
    for (const VenueSpec &spec : federated::defaultDemoVenues(QString()))
        if (spec.source == VenueSpec::Source::RealSwaps)
            names.append(spec.name);
    return names;
}

void FederatedSettingsBox::rebuildVenues()
{
    // Check marks survive a change of the simulated count; venues new to the list come checked.
    QSet<QString> offered, checked;
    for (int row = 0; row < m_venues->count(); ++row) {
        const QListWidgetItem *item = m_venues->item(row);
        offered.insert(item->text());
        if (item->checkState() == Qt::Checked)
            checked.insert(item->text());
    }
    QHash<QString, QString> descriptions;
    for (const VenueSpec &spec : federated::defaultDemoVenues(csvPath()))
        descriptions.insert(spec.name, spec.description);
    const QStringList real = realSwapVenues();
    m_venues->clear();
    const QStringList names = federated::demoVenueNames(m_simulated->value());
    for (int i = 0; i < names.size(); ++i) {
        const QString &name = names.at(i);
        auto *item = new QListWidgetItem(swatch(federatedstyle::venueColor(name, palette())), name, m_venues);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(!offered.contains(name) || checked.contains(name) ? Qt::Checked : Qt::Unchecked);
        QString tip = descriptions.value(name);
        if (tip.isEmpty() && i >= 3)
            tip = federated::simulatedDemoVenue(i - 2).description;
        if (real.contains(name))
            tip = tr("%1 Needs the swap CSV.").arg(tip).trimmed();
        item->setToolTip(tip);
    }
}

void FederatedSettingsBox::setMoreShown(bool shown)
{
    if (m_moreButton->isChecked() != shown)
        m_moreButton->setChecked(shown);   // comes back here through toggled
    m_moreButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_more->setVisible(shown);
}

bool FederatedSettingsBox::moreShown() const { return m_moreButton->isChecked(); }

void FederatedSettingsBox::setSimulatedVenues(int count) { m_simulated->setValue(count); }

int FederatedSettingsBox::simulatedVenues() const { return m_simulated->value(); }

QStringList FederatedSettingsBox::offeredVenues() const
{
    QStringList names;
    for (int row = 0; row < m_venues->count(); ++row)
        names.append(m_venues->item(row)->text());
    return names;
}

QStringList FederatedSettingsBox::checkedVenues() const
{
    QStringList names;
    for (int row = 0; row < m_venues->count(); ++row)
        if (m_venues->item(row)->checkState() == Qt::Checked)
            names.append(m_venues->item(row)->text());
    return names;
}

void FederatedSettingsBox::setCheckedVenues(const QStringList &names)
{
    for (int row = 0; row < m_venues->count(); ++row) {
        QListWidgetItem *item = m_venues->item(row);
        item->setCheckState(names.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
}

void FederatedSettingsBox::setCsvPath(const QString &path) { m_csv->setText(QDir::toNativeSeparators(path)); }

QString FederatedSettingsBox::csvPath() const { return QDir::fromNativeSeparators(m_csv->text().trimmed()); }

void FederatedSettingsBox::setInputsEnabled(bool enabled)
{
    for (QWidget *widget : std::initializer_list<QWidget *>{m_venues, m_simulated, m_csv, m_browseCsv, m_rounds, m_fraction,
                                                             m_minVenues, m_epochs, m_dpNoise, m_clipNorm, m_weightDecay,
                                                             m_seed, m_earlyStopping})
        widget->setEnabled(enabled);
}

void FederatedSettingsBox::chooseCsv()
{
    const QString start = csvPath().isEmpty() ? QDir::homePath() : QFileInfo(csvPath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Swap CSV for the real-swap venues"), start,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    setCsvPath(path);
    Q_EMIT csvPathChanged(csvPath());
}

Result<FederatedRunConfig> FederatedSettingsBox::config() const
{
    const QStringList names = checkedVenues();
    if (names.isEmpty())
        return Error::make(Error::Kind::Usage, tr("Check at least one venue to train."));
    const QString csv = csvPath();
    QStringList needCsv;
    for (const QString &name : realSwapVenues())
        if (names.contains(name))
            needCsv.append(name);
    if (!needCsv.isEmpty() && csv.isEmpty())
        return Error::make(Error::Kind::Usage,
                           tr("%1 trade the real swaps: choose the swap CSV (base_eth_usdc_swaps.csv) with Browse…, "
                              "or uncheck them.")
                               .arg(needCsv.join(QStringLiteral(", "))));
    if (!needCsv.isEmpty() && !QFileInfo(csv).isFile())
        return Error::make(Error::Kind::Usage,
                           tr("The swap CSV %1 does not exist: choose base_eth_usdc_swaps.csv with Browse…, or uncheck %2.")
                               .arg(QDir::toNativeSeparators(csv), needCsv.join(QStringLiteral(", "))));
    if (m_minVenues->value() > names.size())
        return Error::make(Error::Kind::Usage,
                           tr("Min venues is %1 but only %n venue(s) are checked: every round would be skipped.", nullptr,
                              int(names.size()))
                               .arg(m_minVenues->value()));

    Result<QList<VenueSpec>> venues = federated::demoVenues(names, csv);
    if (!venues)
        return venues.error();
    FederatedRunConfig config;
    config.venues = *venues;
    config.rounds = m_rounds->value();
    config.fraction = m_fraction->value();
    config.minVenues = m_minVenues->value();
    config.epochs = m_epochs->value();
    config.dpNoiseSigma = m_dpNoise->value();
    config.clipNorm = m_clipNorm->value();
    config.weightDecay = m_weightDecay->value();
    config.seed = quint64(m_seed->value());
    config.earlyStopping = m_earlyStopping->isChecked();
    if (Status valid = config.validate(); !valid)
        return valid.error();
    return config;
}

} // namespace apedesk::ui
