#include "federatedrunpicker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>

namespace apedesk::ui {

using federated::FederatedRunRecord;

FederatedRunPicker::FederatedRunPicker(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fedRunPicker"));
    auto *label = new QLabel(tr("Run:"), this);
    label->setObjectName(QStringLiteral("fedRunPickerLabel"));
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("fedRunCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(24);
    m_combo->setPlaceholderText(tr("No runs yet"));
    m_combo->setToolTip(tr("Runs kept in the app's database; choose one to see its rounds."));
    label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo, 1);
    connect(m_combo, qOverload<int>(&QComboBox::activated), this,
            [this](int index) { Q_EMIT runChosen(m_combo->itemData(index).toLongLong()); });
}

QString FederatedRunPicker::runStateText(FederatedRunRecord::State state)
{
    switch (state) {
    case FederatedRunRecord::State::Running: return tr("running");
    case FederatedRunRecord::State::Finished: return tr("finished");
    case FederatedRunRecord::State::Converged: return tr("converged");
    case FederatedRunRecord::State::Stopped: return tr("stopped");
    case FederatedRunRecord::State::Failed: return tr("failed");
    case FederatedRunRecord::State::Interrupted: return tr("interrupted");
    }
    return {};
}

QString FederatedRunPicker::runText(const FederatedRunRecord &run)
{
    //: run number, start time, venues, planned rounds, state
    return tr("#%1 · %2 · %n venue(s) · %3 rounds · %4", nullptr, int(run.venues.size()))
        .arg(run.runId)
        .arg(QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat))
        .arg(run.plannedRounds)
        .arg(runStateText(run.state));
}

int FederatedRunPicker::indexOf(qint64 runId) const { return m_combo->findData(runId); }

void FederatedRunPicker::setRuns(const QList<FederatedRunRecord> &runs)
{
    const qint64 current = currentRun();
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    for (const FederatedRunRecord &run : runs) {
        m_combo->addItem(runText(run), run.runId);
        m_combo->setItemData(m_combo->count() - 1, run.reason.isEmpty() ? QVariant() : QVariant(run.reason), Qt::ToolTipRole);
    }
    m_combo->setCurrentIndex(indexOf(current));
}

void FederatedRunPicker::updateRun(const FederatedRunRecord &run)
{
    const QSignalBlocker block(m_combo);
    int index = indexOf(run.runId);
    if (index < 0) {
        // Newest first: after the runs with a higher number.
        index = 0;
        while (index < m_combo->count() && m_combo->itemData(index).toLongLong() > run.runId)
            ++index;
        m_combo->insertItem(index, runText(run), run.runId);
    } else {
        m_combo->setItemText(index, runText(run));
    }
    m_combo->setItemData(index, run.reason.isEmpty() ? QVariant() : QVariant(run.reason), Qt::ToolTipRole);
}

void FederatedRunPicker::setCurrentRun(qint64 runId)
{
    const QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(indexOf(runId));
}

qint64 FederatedRunPicker::currentRun() const
{
    return m_combo->currentIndex() < 0 ? 0 : m_combo->currentData().toLongLong();
}

int FederatedRunPicker::runCount() const { return m_combo->count(); }

} // namespace apedesk::ui
