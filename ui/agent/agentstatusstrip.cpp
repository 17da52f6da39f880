#include "agentstatusstrip.h"

#include "agentstyle.h"
#include "decisiontext.h"
#include "pool/flowlayout.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace apedesk::ui {

using agent::AgentState;

AgentStatusStrip::AgentStatusStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("agentStatusStrip"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("agentStatusCells"));
    new FlowLayout(row, 16, 4);
    m_phase = addCell(row, QStringLiteral("agentPhaseValue"), tr("Agent"), tr("What the agent does now."));
    m_backend = addCell(row, QStringLiteral("agentBackendValue"), tr("Backend / model"),
                        tr("Who decides: an LLM server's model or the built-in policy."));
    m_cycle = addCell(row, QStringLiteral("agentCycleValue"), tr("Cycle"), tr("Decisions of this run so far."));
    m_observe = addCell(row, QStringLiteral("agentObserveValue"), tr("Observing"),
                        tr("Cycles left that only watch the market and never trade."));
    m_context = addCell(row, QStringLiteral("agentContextValue"), tr("Context"),
                        tr("The stateful memory's estimated tokens as a share of the model's context; it is "
                           "summarised at 90 %."));
    m_modelPnl = addCell(row, QStringLiteral("agentModelPnlValue"), tr("Model P&L"),
                         tr("Marked P&L of this run's model trades against not trading, gas included."));
    m_rebalancePnl = addCell(row, QStringLiteral("agentRebalancePnlValue"), tr("Rebalance P&L"),
                             tr("Marked P&L of this run's rebalancing trades, kept apart from the model's."));
    layout->addWidget(row);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("agentStateText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text);
    showState({});
}

QLabel *AgentStatusStrip::addCell(QWidget *row, const QString &objectName, const QString &captionText,
                                  const QString &toolTip)
{
    auto *cell = new QWidget(row);
    cell->setObjectName(objectName + QStringLiteral("Cell"));
    cell->setToolTip(toolTip);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto *name = new QLabel(captionText, cell);
    name->setObjectName(objectName + QStringLiteral("Caption"));
    QFont small = name->font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    name->setFont(small);
    name->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(cell);
    value->setObjectName(objectName);
    QFont bold = value->font();
    bold.setBold(true);
    value->setFont(bold);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(name);
    column->addWidget(value);
    row->layout()->addWidget(cell);
    return value;
}

QString AgentStatusStrip::phaseText(AgentState::Phase phase)
{
    switch (phase) {
    case AgentState::Phase::Stopped: return tr("Stopped");
    case AgentState::Phase::Observing: return tr("Observing");
    case AgentState::Phase::Running: return tr("Trading");
    case AgentState::Phase::Stopping: return tr("Stopping…");
    }
    return {};
}

void AgentStatusStrip::colour(QLabel *label, const QColor &color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color.isValid() ? color : palette().color(QPalette::WindowText));
    label->setPalette(p);
}

void AgentStatusStrip::showState(const AgentState &state)
{
    const QLocale locale;
    const QString dash = DecisionText::dash();
    const bool ran = state.running() || !state.runId.isEmpty();
    m_phase->setText(phaseText(state.phase));
    colour(m_phase, agentstyle::phaseColor(state.phase, palette()));
    if (state.backend.isEmpty()) {
        m_backend->setText(dash);
    } else {
        agent::DecisionRecord who;
        who.backend = state.backend;
        who.model = state.model;
        m_backend->setText(DecisionText::backendModel(who));
    }
    m_cycle->setText(ran ? locale.toString(state.cycle) : dash);
    m_observe->setText(state.observeCyclesLeft > 0 ? tr("%n cycles left", nullptr, state.observeCyclesLeft) : dash);
    m_context->setText(state.contextRatio > 0 ? tr("%1 %").arg(locale.toString(state.contextRatio * 100.0, 'f', 0))
                                              : dash);
    colour(m_context, state.contextRatio >= 0.9 ? agentstyle::amber(palette()) : QColor());
    m_modelPnl->setText(ran ? DecisionText::usd(state.modelPnlUsd) : dash);
    colour(m_modelPnl, ran ? agentstyle::signColor(state.modelPnlUsd, palette()) : QColor());
    m_rebalancePnl->setText(ran ? DecisionText::usd(state.rebalancePnlUsd) : dash);
    colour(m_rebalancePnl, ran ? agentstyle::signColor(state.rebalancePnlUsd, palette()) : QColor());
    m_text->setText(state.text);
    // Stopped, the pane's status line above says the same sentence (the service's status).
    m_text->setVisible(!state.text.isEmpty() && state.phase != AgentState::Phase::Stopped);
}

} // namespace apedesk::ui
