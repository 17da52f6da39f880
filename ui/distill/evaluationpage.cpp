#include "evaluationpage.h"

#include "evaluationmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace apedesk::ui {

EvaluationPage::EvaluationPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("distillEvaluationPage"));
    m_model = new EvaluationModel(this);
    m_model->setObjectName(QStringLiteral("distillEvaluationModel"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("distillEvaluationSummary"));
    m_summary->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("distillEvaluationTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);   // figures to copy
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The models share the width (side by side reads best at equal widths); many scroll.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(fontMetrics().averageCharWidth() * 22);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // The Error row only where some model had one.
        bool anyError = false;
        for (int column = 0; column < m_model->columnCount(); ++column)
            anyError |= !m_model->index(EvaluationModel::ErrorFigure, column).data().toString().isEmpty();
        m_table->setRowHidden(EvaluationModel::ErrorFigure, !anyError);
        updateSummary();
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    m_table->setRowHidden(EvaluationModel::ErrorFigure, true);
    updateSummary();
}

void EvaluationPage::setJobs(const QList<distill::JobRecord> &jobs) { m_model->setJobs(jobs); }

QString EvaluationPage::summary() const { return m_summary->text(); }

void EvaluationPage::updateSummary()
{
    const int models = m_model->columnCount();
    if (models == 0) {
        m_summary->setText(tr("No evaluation has finished yet: a pipeline's last job probes the registered "
                              "student (and the model it is compared with) on the held-out split."));
        return;
    }
    //: %1: "3 models", %2: "2 evaluate jobs"
    m_summary->setText(tr("%1 from %2, on the held-out split; the best canary share and agreement are bold.")
                           .arg(tr("%n model(s)", nullptr, models), tr("%n evaluate job(s)", nullptr, m_model->evaluateJobCount())));
}

} // namespace apedesk::ui
