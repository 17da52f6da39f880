#include "gansetupbox.h"

#include "common/paths.h"
#include "ganrunfiles.h"
#include "pool/flowlayout.h"
#include "widgets/swapdatachooser.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace apedesk::ui {

namespace {
// The presets' defaults (seed facts §5): quick trains 20 epochs on the last 1,000 swaps, full 150
// epochs on all of them.
constexpr int kQuickEpochs = 20;
constexpr int kFullEpochs = 150;
constexpr int kQuickRows = 1000;

QLabel *namedLabel(const QString &text, const char *name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QLatin1String(name));
    return label;
}
} // namespace

GanSetupBox::GanSetupBox(MarketService *market, QWidget *parent) : QGroupBox(tr("New run"), parent)
{
    setObjectName(QStringLiteral("ganSetupBox"));

    m_data = new SwapDataChooser(market, QStringLiteral("gan"), this);
    m_data->setCsvPlaceholder(tr("the tutorial's raw swap CSV (e.g. base_eth_usdc_swaps.csv)"));

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("ganPresetCombo"));
    m_preset->addItem(tr("Quick (small networks)"), QStringLiteral("quick"));
    m_preset->addItem(tr("Full"), QStringLiteral("full"));
    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("ganEpochsSpin"));
    m_epochs->setRange(1, 100000);
    m_rows = new QSpinBox(this);
    m_rows->setObjectName(QStringLiteral("ganRowsSpin"));
    m_rows->setRange(0, std::numeric_limits<int>::max());
    m_rows->setSingleStep(500);
    m_rows->setSpecialValueText(tr("all"));
    m_rows->setToolTip(tr("Train on the newest swaps only (a contiguous slice: time order is kept). 0: all."));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("ganSeedSpin"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(42);
    m_runDirectory = new QLineEdit(this);
    m_runDirectory->setObjectName(QStringLiteral("ganRunDirectoryEdit"));
    m_browseRun = new QPushButton(tr("Browse…"), this);
    m_browseRun->setObjectName(QStringLiteral("ganRunBrowseButton"));

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(namedLabel(tr("Data:"), "ganDataLabel", this), m_data);
    // One line when the dock is wide, wrapped (each label with its box) when it is narrow.
    auto *settings = new QWidget(this);
    settings->setObjectName(QStringLiteral("ganSettingsRow"));
    auto *flow = new FlowLayout(settings, 12, 4);
    flow->setContentsMargins(0, 0, 0, 0);
    flow->addWidget(m_preset);
    const auto pair = [settings, flow](QLabel *label, QWidget *field) {
        auto *box = new QWidget(settings);
        box->setObjectName(label->objectName() + QStringLiteral("Pair"));
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(label);
        row->addWidget(field);
        flow->addWidget(box);
    };
    pair(namedLabel(tr("Epochs:"), "ganEpochsLabel", this), m_epochs);
    pair(namedLabel(tr("Newest swaps:"), "ganRowsLabel", this), m_rows);
    pair(namedLabel(tr("Seed:"), "ganSeedLabel", this), m_seed);
    form->addRow(namedLabel(tr("Preset:"), "ganPresetLabel", this), settings);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runDirectory, 1);
    runRow->addWidget(m_browseRun);
    form->addRow(namedLabel(tr("Run folder:"), "ganRunDirectoryLabel", this), runRow);

    connect(m_preset, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { setPreset(m_preset->currentData().toString()); });
    connect(m_browseRun, &QPushButton::clicked, this, &GanSetupBox::chooseRunDirectory);
    setPreset(QStringLiteral("quick"));
    newRunDirectory();
}

void GanSetupBox::setInputsEnabled(bool enabled)
{
    for (QWidget *widget : std::initializer_list<QWidget *>{m_preset, m_epochs, m_rows, m_seed, m_runDirectory, m_browseRun})
        widget->setEnabled(enabled);
    m_data->setInputsEnabled(enabled);
}

void GanSetupBox::setCsvPath(const QString &path) { m_data->setCsvPath(path); }

QString GanSetupBox::csvPath() const { return m_data->csvPath(); }

void GanSetupBox::setUseStore(bool store) { m_data->setUseStore(store); }

bool GanSetupBox::useStore() const { return m_data->useStore(); }

QRadioButton *GanSetupBox::storeRadio() const { return m_data->storeRadio(); }

void GanSetupBox::setPreset(const QString &preset)
{
    const bool full = preset == QLatin1String("full");
    const int index = m_preset->findData(full ? QStringLiteral("full") : QStringLiteral("quick"));
    if (m_preset->currentIndex() != index) {
        m_preset->setCurrentIndex(index);   // comes back here through currentIndexChanged
        return;
    }
    m_epochs->setValue(full ? kFullEpochs : kQuickEpochs);
    m_rows->setValue(full ? 0 : kQuickRows);
}

QString GanSetupBox::preset() const { return m_preset->currentData().toString(); }

void GanSetupBox::setEpochs(int epochs) { m_epochs->setValue(epochs); }

void GanSetupBox::setLastRows(int rows) { m_rows->setValue(rows); }

void GanSetupBox::setSeed(quint64 seed) { m_seed->setValue(int(std::min<quint64>(seed, quint64(m_seed->maximum())))); }

void GanSetupBox::setRunDirectory(const QString &directory) { m_runDirectory->setText(QDir::toNativeSeparators(directory)); }

QString GanSetupBox::runDirectory() const { return QDir::fromNativeSeparators(m_runDirectory->text().trimmed()); }

void GanSetupBox::newRunDirectory() { setRunDirectory(defaultGanRunDirectory()); }

Result<GanSetupBox::Request> GanSetupBox::request() const
{
    Request request;
    ml::GanTrainingConfig &config = request.config;
    config.preset = preset();
    config.model = config.preset == QLatin1String("full") ? ml::GanConfig::full() : ml::GanConfig::quick();
    config.model.epochs = m_epochs->value();
    config.model.seed = std::uint64_t(m_seed->value());
    config.dataLastRows = m_rows->value();
    const Result<SwapDataChooser::Choice> data = m_data->choice();
    if (!data)
        return data.error();
    config.dataKind = data->kind;
    config.dataSource = data->source;
    config.dataChain = data->chain;
    config.dataPoolId = data->poolId;
    request.runDirectory = runDirectory();
    if (request.runDirectory.isEmpty())
        return Error::make(Error::Kind::Usage, tr("Choose a folder for the run."));
    const QDir run(request.runDirectory);
    if (run.exists() && !run.isEmpty())
        return Error::make(Error::Kind::Usage,
                           tr("The run folder %1 is not empty: choose a new one, or continue that run from the Runs tab.")
                               .arg(QDir::toNativeSeparators(request.runDirectory)));
    if (Status valid = config.model.validate(); !valid)
        return valid.error();
    request.runDirectory = run.absolutePath();
    return request;
}

void GanSetupBox::chooseRunDirectory()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Folder for the run"), Paths::runsDir());
    if (!path.isEmpty())
        setRunDirectory(path);
}

} // namespace apedesk::ui
