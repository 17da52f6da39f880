#pragma once
// The decision log's colours: one place for the canary badges, the decision statuses and the agent's
// phase, so the table, the detail view and the status strip agree. Taken from the palette's lightness
// like the charts' colours, so they read on light and dark desktops.

#include "agent/agenttypes.h"
#include "agent/agentservice.h"

#include <QColor>
#include <QPalette>

namespace apedesk::ui::agentstyle {

inline bool isDark(const QPalette &palette) { return palette.color(QPalette::Window).lightness() < 128; }

inline QColor green(const QPalette &p) { return isDark(p) ? QColor(0x43, 0xa0, 0x47) : QColor(0x2e, 0x7d, 0x32); }
inline QColor red(const QPalette &p) { return isDark(p) ? QColor(0xe5, 0x39, 0x35) : QColor(0xc6, 0x28, 0x28); }
inline QColor amber(const QPalette &) { return QColor(0xf9, 0xa8, 0x25); }
inline QColor blue(const QPalette &p) { return isDark(p) ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0); }
inline QColor muted(const QPalette &p) { return p.color(QPalette::PlaceholderText); }

// The badge behind a canary word: APE IN green, APE OUT red, APE NEUTRAL amber. Invalid for no word.
inline QColor canaryFill(agent::Canary canary, const QPalette &palette)
{
    switch (canary) {
    case agent::Canary::ApeIn: return green(palette);
    case agent::Canary::ApeOut: return red(palette);
    case agent::Canary::ApeNeutral: return amber(palette);
    case agent::Canary::None: break;
    }
    return {};
}

// Text on the badge: white on green and red, near-black on amber (white on amber does not read).
inline QColor canaryText(agent::Canary canary)
{
    return canary == agent::Canary::ApeNeutral ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white);
}

// A decision's status as text colour; invalid: the palette's normal text.
inline QColor statusColor(agent::DecisionRecord::Status status, const QPalette &palette)
{
    using S = agent::DecisionRecord::Status;
    switch (status) {
    case S::Succeeded: return green(palette);
    case S::Reverted:
    case S::Failed: return red(palette);
    case S::Thinking:
    case S::Trading: return blue(palette);
    case S::Observed:
    case S::NoTrade:
    case S::Canceled: return muted(palette);
    }
    return {};
}

inline QColor phaseColor(agent::AgentState::Phase phase, const QPalette &palette)
{
    using P = agent::AgentState::Phase;
    switch (phase) {
    case P::Running: return green(palette);
    case P::Observing: return blue(palette);
    case P::Stopping: return amber(palette);
    case P::Stopped: return muted(palette);
    }
    return {};
}

// Profit green, loss red, zero plain.
inline QColor signColor(double value, const QPalette &palette)
{
    if (value > 0)
        return green(palette);
    if (value < 0)
        return red(palette);
    return palette.color(QPalette::WindowText);
}

} // namespace apedesk::ui::agentstyle
