#include "ganvalidationpage.h"

#include "gangeneratedialog.h"
#include "gansampleplot.h"
#include "gansamples.h"
#include "ganstyle.h"
#include "ganvalidationmodel.h"
#include "pool/flowlayout.h"
#include "wallet/walletstyle.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace apedesk::ui {

GanValidationPage::GanValidationPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ganValidationPage"));
    m_generate = new QPushButton(tr("Generate…"), this);
    m_generate->setObjectName(QStringLiteral("ganGenerateButton"));
    m_generate->setToolTip(tr("Draw synthetic sequences from the run on screen."));
    m_validate = new QPushButton(tr("Validate"), this);
    m_validate->setObjectName(QStringLiteral("ganValidateButton"));
    m_validate->setToolTip(tr("Compare the generated file with the run's real data: KS test, statistics, "
                              "autocorrelation and grades."));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ganValidationMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);

    m_plot = new GanSamplePlot(this);

    m_model = new GanValidationModel(this);
    m_model->setObjectName(QStringLiteral("ganValidationModel"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("ganValidationTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);   // a grade cell as wide as its word

    m_overall = new QLabel(this);
    m_overall->setObjectName(QStringLiteral("ganOverallGrade"));
    m_autocorrelation = new QLabel(this);
    m_autocorrelation->setObjectName(QStringLiteral("ganAutocorrelationGrade"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("ganValidationSummary"));
    m_summary->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_validate);
    buttons->addStretch(1);
    auto *badges = new FlowLayout(nullptr, 6, 4);   // side by side, or stacked in a narrow dock
    badges->addWidget(m_overall);
    badges->addWidget(m_autocorrelation);
    auto *tableBox = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(badges);
    tableLayout->addWidget(m_summary);
    tableLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("ganValidationSplitter"));
    splitter->addWidget(m_plot);
    splitter->addWidget(tableBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({450, 550});   // the table's columns fit; the plot gets the rest
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_generate, &QPushButton::clicked, this, &GanValidationPage::askGenerate);
    connect(m_validate, &QPushButton::clicked, this, &GanValidationPage::validateRequested);
    clearResults();
    setActionsEnabled(false, false);
}

void GanValidationPage::setActionsEnabled(bool generate, bool validate)
{
    m_generate->setEnabled(generate);
    m_validate->setEnabled(validate);
}

void GanValidationPage::askGenerate()
{
    GanGenerateDialog dialog(m_defaultOutput, this);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT generateRequested(dialog.count(), dialog.outputPath());
}

void GanValidationPage::showSamples(const GanSampleSet &samples) { m_plot->showSamples(samples); }

void GanValidationPage::setBadge(QLabel *badge, const QString &prefix, const QString &gradeKey)
{
    const QColor fill = ganstyle::gradeFill(gradeKey, QApplication::palette());
    if (!fill.isValid()) {
        badge->setVisible(false);
        return;
    }
    badge->setText(QStringLiteral("%1 %2").arg(prefix, GanValidationModel::gradeText(gradeKey)));
    badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 3px; padding: 2px 8px; "
                                        "font-weight: bold; }")
                             .arg(fill.name(), ganstyle::gradeText(gradeKey).name()));
    badge->setProperty("gradeKey", gradeKey);
    badge->setVisible(true);
}

void GanValidationPage::showReport(const QJsonObject &report)
{
    m_model->setReport(report);
    setBadge(m_overall, tr("Overall:"), m_model->overallGrade());
    setBadge(m_autocorrelation, tr("Autocorrelation:"), m_model->autocorrelationGrade());
    const QLocale locale;
    const auto averageKs = m_model->averageKs();
    const auto averageAc = m_model->averageAutocorrelationDiff();
    m_summary->setText(tr("%1 real and %2 synthetic sequences · average KS %3 · average autocorrelation diff %4")
                           .arg(locale.toString(report.value(QStringLiteral("real_sequences")).toInt()),
                                locale.toString(report.value(QStringLiteral("synthetic_sequences")).toInt()),
                                averageKs ? locale.toString(*averageKs, 'f', 3) : tr("—"),
                                averageAc ? locale.toString(*averageAc, 'f', 3) : tr("—")));
}

void GanValidationPage::clearResults()
{
    m_plot->clear();
    m_model->clear();
    m_overall->setVisible(false);
    m_autocorrelation->setVisible(false);
    m_summary->setText(tr("No validation yet: generate sequences, then validate them."));
}

QString GanValidationPage::summaryText() const { return m_summary->text(); }

void GanValidationPage::showMessage(const QString &text, bool error) { walletstyle::showMessage(m_message, text, error); }

QString GanValidationPage::message() const { return !m_message->isHidden() ? m_message->text() : QString(); }

} // namespace apedesk::ui
