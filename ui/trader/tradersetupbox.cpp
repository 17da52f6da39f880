#include "tradersetupbox.h"

#include "common/paths.h"
#include "pool/flowlayout.h"
#include "traderrunfiles.h"
#include "widgets/swapdatachooser.h"

#include <QDir>
#include <QFileDialog>
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
QLabel *namedLabel(const QString &text, const char *name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QLatin1String(name));
    return label;
}
} // namespace

TraderSetupBox::TraderSetupBox(MarketService *market, QWidget *parent) : QGroupBox(tr("New run"), parent)
{
    setObjectName(QStringLiteral("traderSetupBox"));
    m_data = new SwapDataChooser(market, QStringLiteral("trader"), this);
    m_data->setCsvPlaceholder(tr("a swap CSV or a GAN synthetic CSV"));

    const ml::DqnConfig defaults;
    m_timesteps = new QSpinBox(this);
    m_timesteps->setObjectName(QStringLiteral("traderTimestepsSpin"));
    m_timesteps->setRange(1, std::numeric_limits<int>::max());
    m_timesteps->setSingleStep(10000);
    m_timesteps->setGroupSeparatorShown(true);
    m_timesteps->setValue(int(defaults.timesteps));
    m_timesteps->setToolTip(tr("Environment steps to train. ε falls from 1.0 to 0.1 over the first 20 %."));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("traderSeedSpin"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(int(defaults.seed));
    m_runDirectory = new QLineEdit(this);
    m_runDirectory->setObjectName(QStringLiteral("traderRunDirectoryEdit"));
    m_browseRun = new QPushButton(tr("Browse…"), this);
    m_browseRun->setObjectName(QStringLiteral("traderRunBrowseButton"));

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(namedLabel(tr("Data:"), "traderDataLabel", this), m_data);
    // One line when the dock is wide, wrapped (each label with its box) when it is narrow.
    auto *settings = new QWidget(this);
    settings->setObjectName(QStringLiteral("traderSettingsRow"));
    auto *flow = new FlowLayout(settings, 12, 4);
    flow->setContentsMargins(0, 0, 0, 0);
    const auto pair = [settings, flow](QLabel *label, QWidget *field) {
        auto *box = new QWidget(settings);
        box->setObjectName(label->objectName() + QStringLiteral("Pair"));
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(label);
        row->addWidget(field);
        flow->addWidget(box);
    };
    pair(namedLabel(tr("Timesteps:"), "traderTimestepsLabel", this), m_timesteps);
    pair(namedLabel(tr("Seed:"), "traderSeedLabel", this), m_seed);
    form->addRow(namedLabel(tr("Training:"), "traderTrainingLabel", this), settings);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runDirectory, 1);
    runRow->addWidget(m_browseRun);
    form->addRow(namedLabel(tr("Run folder:"), "traderRunDirectoryLabel", this), runRow);

    connect(m_browseRun, &QPushButton::clicked, this, &TraderSetupBox::chooseRunDirectory);
    newRunDirectory();
}

void TraderSetupBox::setInputsEnabled(bool enabled)
{
    for (QWidget *widget : std::initializer_list<QWidget *>{m_timesteps, m_seed, m_runDirectory, m_browseRun})
        widget->setEnabled(enabled);
    m_data->setInputsEnabled(enabled);
}

void TraderSetupBox::setCsvPath(const QString &path) { m_data->setCsvPath(path); }

void TraderSetupBox::setTimesteps(int timesteps) { m_timesteps->setValue(timesteps); }

void TraderSetupBox::setSeed(quint64 seed) { m_seed->setValue(int(std::min<quint64>(seed, quint64(m_seed->maximum())))); }

void TraderSetupBox::setRunDirectory(const QString &directory) { m_runDirectory->setText(QDir::toNativeSeparators(directory)); }

QString TraderSetupBox::runDirectory() const { return QDir::fromNativeSeparators(m_runDirectory->text().trimmed()); }

void TraderSetupBox::newRunDirectory() { setRunDirectory(defaultTraderRunDirectory()); }

Result<TraderSetupBox::Request> TraderSetupBox::request() const
{
    Request request;
    ml::DqnTrainingConfig &config = request.config;
    config.dqn.timesteps = m_timesteps->value();
    config.dqn.seed = quint64(m_seed->value());
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
                           tr("The run folder %1 is not empty: choose a new one, or open that run and continue it.")
                               .arg(QDir::toNativeSeparators(request.runDirectory)));
    if (Status valid = config.dqn.validate(); !valid)
        return valid.error();
    request.runDirectory = run.absolutePath();
    return request;
}

void TraderSetupBox::chooseRunDirectory()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Folder for the run"), Paths::runsDir());
    if (!path.isEmpty())
        setRunDirectory(path);
}

} // namespace apedesk::ui
