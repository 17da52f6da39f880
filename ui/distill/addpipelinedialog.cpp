#include "addpipelinedialog.h"

#include "common/logging.h"
#include "common/paths.h"
#include "wallet/walletstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace apedesk::ui {

using distill::PipelineOptions;

AddPipelineDialog::AddPipelineDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("distillAddPipelineDialog"));
    setWindowTitle(tr("Add a distillation pipeline"));

    auto *grid = new QGridLayout;
    grid->addWidget(buildSourceBox(), 0, 0);
    grid->addWidget(buildTeacherBox(), 1, 0);
    grid->addWidget(buildFineTuneBox(), 0, 1);
    grid->addWidget(buildDeployBox(), 1, 1);
    grid->addWidget(buildOutputBox(), 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("distillAddPipelineError"));
    m_error->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("distillAddPipelineButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("distillAddPipelineOkButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add pipeline"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("distillAddPipelineCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddPipelineDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddPipelineDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    // Every input re-checks the whole form, so the message always speaks of the current choices.
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textChanged, this, &AddPipelineDialog::validate);
    for (QSpinBox *spin : findChildren<QSpinBox *>())
        connect(spin, &QSpinBox::valueChanged, this, &AddPipelineDialog::validate);
    for (QAbstractButton *toggle : std::initializer_list<QAbstractButton *>{m_teacherSource, m_dqnSource, m_deploy, m_evaluate})
        connect(toggle, &QAbstractButton::toggled, this, [this] {
            updateInputs();
            validate();
        });
    connect(m_quantization, &QComboBox::currentTextChanged, this, &AddPipelineDialog::validate);

    // Paths and addresses are long: room for most of them without scrolling inside the field.
    const int wide = fontMetrics().averageCharWidth() * 34;
    for (QLineEdit *edit : {m_csv, m_dqn, m_endpoint, m_teacherModel, m_apiKeyEnv})
        edit->setMinimumWidth(wide);

    setOptions(PipelineOptions{});
}

QStringList AddPipelineDialog::quantizationChoices()
{
    return {QStringLiteral("q4_k_m"), QStringLiteral("q4_k_s"), QStringLiteral("q4_0"), QStringLiteral("q5_k_m"),
            QStringLiteral("q5_k_s"), QStringLiteral("q5_0"), QStringLiteral("q6_k"), QStringLiteral("q8_0"),
            QStringLiteral("f16")};
}

QLineEdit *AddPipelineDialog::lineEdit(const QString &name, const QString &text, const QString &placeholder)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// A form row whose label has a name (tests and style sheets find it) and points at its field.
static void addRow(QFormLayout *form, const QString &name, const QString &text, QWidget *field)
{
    auto *label = new QLabel(text, form->parentWidget());
    label->setObjectName(name);
    label->setBuddy(field);
    form->addRow(label, field);
}

static QWidget *pathRow(QWidget *parent, QLineEdit *edit, QPushButton *browse)
{
    auto *row = new QWidget(parent);
    row->setObjectName(edit->objectName() + QStringLiteral("Row"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

QWidget *AddPipelineDialog::buildSourceBox()
{
    auto *box = new QGroupBox(tr("Source"), this);
    box->setObjectName(QStringLiteral("distillSourceBox"));
    m_teacherSource = new QRadioButton(tr("Teacher answers on swap data (CSV)"), box);
    m_teacherSource->setObjectName(QStringLiteral("distillTeacherSourceRadio"));
    m_dqnSource = new QRadioButton(tr("A DQN trader's exported dataset"), box);
    m_dqnSource->setObjectName(QStringLiteral("distillDqnSourceRadio"));
    m_csv = lineEdit(QStringLiteral("distillCsvEdit"), {}, tr("a raw, processed or GAN synthetic swap CSV"));
    m_csvBrowse = new QPushButton(tr("Browse…"), box);
    m_csvBrowse->setObjectName(QStringLiteral("distillCsvBrowseButton"));
    m_dqn = lineEdit(QStringLiteral("distillDqnEdit"), {}, tr("FILE.jsonl or FILE.chat.jsonl from Export dataset…"));
    m_dqnBrowse = new QPushButton(tr("Browse…"), box);
    m_dqnBrowse->setObjectName(QStringLiteral("distillDqnBrowseButton"));
    connect(m_csvBrowse, &QPushButton::clicked, this,
            [this] { choosePath(m_csv, tr("Swap data for the teacher"), tr("CSV files (*.csv);;All files (*)"), false); });
    connect(m_dqnBrowse, &QPushButton::clicked, this,
            [this] { choosePath(m_dqn, tr("A DQN export"), tr("JSONL files (*.jsonl);;All files (*)"), false); });
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_teacherSource);
    layout->addWidget(pathRow(box, m_csv, m_csvBrowse));
    layout->addWidget(m_dqnSource);
    layout->addWidget(pathRow(box, m_dqn, m_dqnBrowse));
    layout->addStretch(1);
    return box;
}

QWidget *AddPipelineDialog::buildTeacherBox()
{
    auto *box = new QGroupBox(tr("Teacher"), this);
    box->setObjectName(QStringLiteral("distillTeacherBox"));
    m_samples = new QSpinBox(box);
    m_samples->setObjectName(QStringLiteral("distillSamplesSpin"));
    m_samples->setRange(1, 1000000);
    m_endpoint = lineEdit(QStringLiteral("distillEndpointEdit"), {}, tr("an OpenAI-compatible base URL"));
    m_teacherModel = lineEdit(QStringLiteral("distillTeacherModelEdit"));
    m_apiKeyEnv = lineEdit(QStringLiteral("distillApiKeyEnvEdit"), {}, tr("e.g. OPENROUTER_API_KEY"));
    m_apiKeyEnv->setToolTip(tr("The name of the environment variable that holds the API key. The key itself is never "
                               "stored; when this is empty the keychain entry the agent pane keeps for the endpoint is used."));
    auto *form = new QFormLayout(box);
    addRow(form, QStringLiteral("distillSamplesLabel"), tr("Samples"), m_samples);
    addRow(form, QStringLiteral("distillEndpointLabel"), tr("Endpoint"), m_endpoint);
    addRow(form, QStringLiteral("distillTeacherModelLabel"), tr("Model"), m_teacherModel);
    addRow(form, QStringLiteral("distillApiKeyEnvLabel"), tr("API key variable"), m_apiKeyEnv);
    return box;
}

QWidget *AddPipelineDialog::buildFineTuneBox()
{
    auto *box = new QGroupBox(tr("Fine-tune"), this);
    box->setObjectName(QStringLiteral("distillFineTuneBox"));
    m_baseModel = lineEdit(QStringLiteral("distillBaseModelEdit"), {}, tr("a Hugging Face model id"));
    m_iters = new QSpinBox(box);
    m_iters->setObjectName(QStringLiteral("distillItersSpin"));
    m_iters->setRange(1, 1000000);
    m_quantization = new QComboBox(box);
    m_quantization->setObjectName(QStringLiteral("distillQuantizationCombo"));
    m_quantization->setEditable(true);   // llama-quantize knows more types than the common ones
    m_quantization->addItems(quantizationChoices());
    auto *form = new QFormLayout(box);
    addRow(form, QStringLiteral("distillBaseModelLabel"), tr("Base model"), m_baseModel);
    addRow(form, QStringLiteral("distillIterationsLabel"), tr("Iterations"), m_iters);
    addRow(form, QStringLiteral("distillQuantisationLabel"), tr("Quantisation"), m_quantization);
    return box;
}

QWidget *AddPipelineDialog::buildDeployBox()
{
    auto *box = new QGroupBox(tr("Deploy && evaluate"), this);
    box->setObjectName(QStringLiteral("distillDeployBox"));
    m_deploy = new QCheckBox(tr("Deploy to Ollama (fuse, convert, quantise, register)"), box);
    m_deploy->setObjectName(QStringLiteral("distillDeployCheck"));
    m_evaluate = new QCheckBox(tr("Evaluate on the held-out split"), box);
    m_evaluate->setObjectName(QStringLiteral("distillEvaluateCheck"));
    m_ollamaUrl = lineEdit(QStringLiteral("distillOllamaUrlEdit"));
    m_studentName = lineEdit(QStringLiteral("distillStudentNameEdit"));
    m_compareModel = lineEdit(QStringLiteral("distillCompareModelEdit"), {}, tr("empty: the student alone"));
    auto *form = new QFormLayout(box);
    form->addRow(m_deploy);
    form->addRow(m_evaluate);
    addRow(form, QStringLiteral("distillOllamaUrlLabel"), tr("Ollama URL"), m_ollamaUrl);
    addRow(form, QStringLiteral("distillStudentNameLabel"), tr("Student name"), m_studentName);
    addRow(form, QStringLiteral("distillCompareWithLabel"), tr("Compare with"), m_compareModel);
    return box;
}

QWidget *AddPipelineDialog::buildOutputBox()
{
    auto *box = new QGroupBox(tr("Output"), this);
    box->setObjectName(QStringLiteral("distillOutputBox"));
    m_name = lineEdit(QStringLiteral("distillPipelineNameEdit"), {}, tr("empty: distill-<time>"));
    m_outputDir = lineEdit(QStringLiteral("distillOutputDirEdit"));
    m_outputBrowse = new QPushButton(tr("Browse…"), box);
    m_outputBrowse->setObjectName(QStringLiteral("distillOutputBrowseButton"));
    connect(m_outputBrowse, &QPushButton::clicked, this,
            [this] { choosePath(m_outputDir, tr("Folder for the pipeline's files"), {}, true); });
    auto *form = new QFormLayout(box);
    addRow(form, QStringLiteral("distillPipelineNameLabel"), tr("Pipeline name"), m_name);
    addRow(form, QStringLiteral("distillFolderLabel"), tr("Folder"), pathRow(box, m_outputDir, m_outputBrowse));
    return box;
}

void AddPipelineDialog::choosePath(QLineEdit *edit, const QString &caption, const QString &filter, bool directory)
{
    const QString start = edit->text().isEmpty() ? QDir::homePath() : edit->text();
    const QString chosen = directory ? QFileDialog::getExistingDirectory(this, caption, start)
                                     : QFileDialog::getOpenFileName(this, caption, start, filter);
    if (!chosen.isEmpty())
        edit->setText(QDir::toNativeSeparators(chosen));
}

void AddPipelineDialog::setToolCommands(const distill::ToolCommands &commands)
{
    m_commands = commands;
    validate();
}

void AddPipelineDialog::setOptions(const PipelineOptions &options)
{
    {
    const QSignalBlocker quiet(this);   // validate() waits for the end: one check, not one per field
    m_commands = options.commands;
    m_name->setText(options.name);
    m_csv->setText(options.dataPath);
    m_dqn->setText(options.dqnDataset);
    (options.dqnDataset.isEmpty() ? m_teacherSource : m_dqnSource)->setChecked(true);
    m_samples->setValue(options.samples);
    m_endpoint->setText(options.teacherEndpoint);
    m_teacherModel->setText(options.teacherModel);
    m_apiKeyEnv->setText(options.apiKeyEnv);
    m_baseModel->setText(options.baseModel);
    m_iters->setValue(options.iters);
    m_quantization->setCurrentText(options.quantization);
    m_deploy->setChecked(options.deploy);
    m_evaluate->setChecked(options.evaluate);
    m_ollamaUrl->setText(options.ollamaUrl);
    m_studentName->setText(options.studentName);
    m_compareModel->setText(options.baseOllamaModel);
    m_outputDir->setText(QDir::toNativeSeparators(
        options.rootDir.isEmpty() ? QDir(Paths::appData()).filePath(QStringLiteral("distill")) : options.rootDir));
    }
    updateInputs();
    validate();
}

PipelineOptions AddPipelineDialog::options() const
{
    PipelineOptions o;
    o.name = m_name->text().trimmed();
    o.rootDir = QDir::fromNativeSeparators(m_outputDir->text().trimmed());
    if (m_dqnSource->isChecked())
        o.dqnDataset = QDir::fromNativeSeparators(m_dqn->text().trimmed());
    else
        o.dataPath = QDir::fromNativeSeparators(m_csv->text().trimmed());
    o.samples = m_samples->value();
    o.teacherEndpoint = m_endpoint->text().trimmed();
    o.teacherModel = m_teacherModel->text().trimmed();
    o.apiKeyEnv = m_apiKeyEnv->text().trimmed();
    o.baseModel = m_baseModel->text().trimmed();
    o.iters = m_iters->value();
    o.quantization = m_quantization->currentText().trimmed();
    o.ollamaUrl = m_ollamaUrl->text().trimmed();
    o.studentName = m_studentName->text().trimmed();
    o.baseOllamaModel = m_compareModel->text().trimmed();
    o.deploy = m_deploy->isChecked();
    o.evaluate = m_deploy->isChecked() && m_evaluate->isChecked();
    o.commands = m_commands;
    return o;
}

Result<distill::PipelineSpec> AddPipelineDialog::pipeline() const
{
    const PipelineOptions o = options();
    // The source must be there now: a pipeline on a missing file would only fail hours later.
    const QString source = o.dqnDataset.isEmpty() ? o.dataPath : o.dqnDataset;
    if (source.isEmpty())
        return Error::make(Error::Kind::Usage, m_teacherSource->isChecked()
                                                   ? tr("Choose the swap CSV the teacher answers on.")
                                                   : tr("Choose the DQN export to train on."));
    if (!QFileInfo(source).isFile())
        return Error::make(Error::Kind::Io, tr("%1 is not a file.").arg(QDir::toNativeSeparators(source)));
    return distill::buildPipeline(o);
}

QString AddPipelineDialog::validationMessage() const { return m_error->isHidden() ? QString() : m_error->text(); }

bool AddPipelineDialog::canAccept() const { return m_buttons->button(QDialogButtonBox::Ok)->isEnabled(); }

void AddPipelineDialog::updateInputs()
{
    const bool teacher = m_teacherSource->isChecked();
    m_csv->setEnabled(teacher);
    m_csvBrowse->setEnabled(teacher);
    m_dqn->setEnabled(!teacher);
    m_dqnBrowse->setEnabled(!teacher);
    for (QWidget *w : std::initializer_list<QWidget *>{m_samples, m_endpoint, m_teacherModel, m_apiKeyEnv})
        w->setEnabled(teacher);
    // The evaluation probes the registered model, so it needs the deployment.
    const bool deploy = m_deploy->isChecked();
    m_evaluate->setEnabled(deploy);
    m_ollamaUrl->setEnabled(deploy);
    m_studentName->setEnabled(deploy);
    m_compareModel->setEnabled(deploy && m_evaluate->isChecked());
}

void AddPipelineDialog::validate()
{
    if (signalsBlocked())
        return;
    const Result<distill::PipelineSpec> built = pipeline();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(built.ok());
    walletstyle::showMessage(m_error, built ? QString() : built.error().message, true);
}

void AddPipelineDialog::accept()
{
    Result<distill::PipelineSpec> built = pipeline();
    if (!built) {
        walletstyle::showMessage(m_error, built.error().message, true);
        return;
    }
    qCInfo(lcUi) << "Distillation: add pipeline" << built->name << "with" << built->jobs.size() << "jobs";
    m_accepted = std::move(built).value();
    QDialog::accept();
}

} // namespace apedesk::ui
