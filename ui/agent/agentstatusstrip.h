#pragma once
// The agent at a glance, in one strip that wraps in a narrow dock: phase, backend and model, cycle,
// observation cycles left, the stateful memory's fill, and the run's model P&L kept apart from its
// rebalancing P&L; the service's sentence about what happens now below it.

#include "agent/agentservice.h"

#include <QWidget>

class QLabel;

namespace apedesk::ui {

class AgentStatusStrip : public QWidget
{
    Q_OBJECT
public:
    explicit AgentStatusStrip(QWidget *parent = nullptr);

    void showState(const agent::AgentState &state);
    static QString phaseText(agent::AgentState::Phase phase);

private:
    QLabel *addCell(QWidget *row, const QString &objectName, const QString &caption, const QString &toolTip);
    void colour(QLabel *label, const QColor &color);

    QLabel *m_phase;
    QLabel *m_backend;
    QLabel *m_cycle;
    QLabel *m_observe;
    QLabel *m_context;
    QLabel *m_modelPnl;
    QLabel *m_rebalancePnl;
    QLabel *m_text;
};

} // namespace apedesk::ui
