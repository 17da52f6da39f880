#pragma once
// "Add pipeline…": the few choices a distillation chain needs — the source (teacher answers from a
// swap CSV, or a DQN trader's exported dataset), the teacher, the fine-tune, deployment to Ollama and
// the evaluation, and the output folder — turned into PipelineOptions and through buildPipeline into
// the jobs. buildPipeline's complaints show under the form as they arise; OK stays disabled until the
// choices make a pipeline.

#include "distill/pipeline.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace apedesk::ui {

class AddPipelineDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddPipelineDialog(QWidget *parent = nullptr);

    // The external tools' command templates (a setting of the app); the dialog does not show them.
    void setToolCommands(const distill::ToolCommands &commands);
    // Fills the form (everything but the tool commands, which setToolCommands sets).
    void setOptions(const distill::PipelineOptions &options);
    distill::PipelineOptions options() const;

    // The pipeline the form makes now, or why it makes none.
    Result<distill::PipelineSpec> pipeline() const;
    // What OK accepted.
    const std::optional<distill::PipelineSpec> &acceptedPipeline() const { return m_accepted; }
    QString validationMessage() const;
    bool canAccept() const;

    // The quantisation types llama-quantize offers that people commonly pick.
    static QStringList quantizationChoices();

public Q_SLOTS:
    void accept() override;

private:
    QWidget *buildSourceBox();
    QWidget *buildTeacherBox();
    QWidget *buildFineTuneBox();
    QWidget *buildDeployBox();
    QWidget *buildOutputBox();
    QLineEdit *lineEdit(const QString &name, const QString &text = {}, const QString &placeholder = {});
    void choosePath(QLineEdit *edit, const QString &caption, const QString &filter, bool directory);
    void updateInputs();
    void validate();

    distill::ToolCommands m_commands;
    QLineEdit *m_name;
    QRadioButton *m_teacherSource;
    QRadioButton *m_dqnSource;
    QLineEdit *m_csv;
    QPushButton *m_csvBrowse;
    QLineEdit *m_dqn;
    QPushButton *m_dqnBrowse;
    QSpinBox *m_samples;
    QLineEdit *m_endpoint;
    QLineEdit *m_teacherModel;
    QLineEdit *m_apiKeyEnv;
    QLineEdit *m_baseModel;
    QSpinBox *m_iters;
    QComboBox *m_quantization;
    QCheckBox *m_deploy;
    QCheckBox *m_evaluate;
    QLineEdit *m_ollamaUrl;
    QLineEdit *m_studentName;
    QLineEdit *m_compareModel;
    QLineEdit *m_outputDir;
    QPushButton *m_outputBrowse;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    std::optional<distill::PipelineSpec> m_accepted;
};

} // namespace apedesk::ui
