#pragma once
// Which run the dashboard shows: the runs in the app's database (FederatedService::runsListed,
// newest first) in a combo box, the live run among them. Choosing one by hand asks the pane to load
// it (runChosen); setting it from code does not.

#include "federated/federatedtypes.h"

#include <QWidget>

class QComboBox;

namespace apedesk::ui {

class FederatedRunPicker : public QWidget
{
    Q_OBJECT
public:
    explicit FederatedRunPicker(QWidget *parent = nullptr);

    // Replaces the list, keeping the run shown selected.
    void setRuns(const QList<federated::FederatedRunRecord> &runs);
    // Adds or updates one run (a run just started or finished), newest first.
    void updateRun(const federated::FederatedRunRecord &run);
    void setCurrentRun(qint64 runId);
    qint64 currentRun() const;   // 0: none
    int runCount() const;
    QComboBox *combo() const { return m_combo; }

    static QString runText(const federated::FederatedRunRecord &run);
    static QString runStateText(federated::FederatedRunRecord::State state);

Q_SIGNALS:
    void runChosen(qint64 runId);

private:
    int indexOf(qint64 runId) const;

    QComboBox *m_combo;
};

} // namespace apedesk::ui
