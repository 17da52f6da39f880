#pragma once
// The "Evaluation" tab: every finished evaluation of the queue side by side per model
// (EvaluationModel), with a line that says what is compared or why nothing is there yet.

#include "distill/jobtypes.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace apedesk::ui {

class EvaluationModel;

class EvaluationPage : public QWidget
{
    Q_OBJECT
public:
    explicit EvaluationPage(QWidget *parent = nullptr);

    void setJobs(const QList<distill::JobRecord> &jobs);

    EvaluationModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString summary() const;

private:
    void updateSummary();

    EvaluationModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
};

} // namespace apedesk::ui
