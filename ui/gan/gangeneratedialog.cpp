#include "gangeneratedialog.h"

#include "wallet/walletstyle.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace apedesk::ui {

GanGenerateDialog::GanGenerateDialog(const QString &defaultOutput, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("ganGenerateDialog"));
    setWindowTitle(tr("Generate synthetic sequences"));
    auto *intro = new QLabel(tr("Draws sequences from the run's best checkpoint, with market conditions sampled "
                                "from its training data, and writes them in the tutorial's synthetic CSV columns."),
                             this);
    intro->setWordWrap(true);
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("ganGenerateCountSpin"));
    m_count->setRange(1, 1000000);
    m_count->setValue(100);
    m_count->setSuffix(tr(" sequences"));
    m_output = new QLineEdit(QDir::toNativeSeparators(defaultOutput), this);
    m_output->setObjectName(QStringLiteral("ganGenerateOutputEdit"));
    m_output->setMinimumWidth(m_output->fontMetrics().horizontalAdvance(m_output->text()) + 24);
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("ganGenerateBrowseButton"));
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Count:"), m_count);
    form->addRow(tr("Output CSV:"), outputRow);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ganGenerateMessage"));
    m_message->setVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Generate"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &GanGenerateDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &GanGenerateDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Synthetic CSV"), outputPath(),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            setOutputPath(path);
    });
}

int GanGenerateDialog::count() const { return m_count->value(); }

void GanGenerateDialog::setCount(int count) { m_count->setValue(count); }

QString GanGenerateDialog::outputPath() const { return QDir::fromNativeSeparators(m_output->text().trimmed()); }

void GanGenerateDialog::setOutputPath(const QString &path) { m_output->setText(QDir::toNativeSeparators(path)); }

void GanGenerateDialog::accept()
{
    if (outputPath().isEmpty()) {
        walletstyle::showMessage(m_message, tr("Choose the CSV file to write."), true);
        return;
    }
    QDialog::accept();
}

} // namespace apedesk::ui
