#pragma once
// The distillation pane's colours: one per job state (the progress bars, the state column and the
// totals agree) and one per loss curve. Taken from the palette's lightness like the other panes'.

#include "distill/jobtypes.h"
#include "gan/ganstyle.h"

#include <QColor>
#include <QPalette>

namespace apedesk::ui::distillstyle {

using ganstyle::isDark;

inline QColor stateColor(distill::JobState state, const QPalette &p)
{
    const bool dark = isDark(p);
    switch (state) {
    case distill::JobState::Running: return dark ? QColor(0x42, 0xa5, 0xf5) : QColor(0x19, 0x76, 0xd2);
    case distill::JobState::Done: return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case distill::JobState::Failed: return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case distill::JobState::Paused: return QColor(0xf9, 0xa8, 0x25);
    case distill::JobState::Canceled: return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x78, 0x90, 0x9c);
    case distill::JobState::Queued: break;
    }
    return dark ? QColor(0x78, 0x90, 0x9c) : QColor(0xb0, 0xbe, 0xc5);
}

// Log lines the job's child process wrote to stderr.
inline QColor stderrColor(const QPalette &p) { return isDark(p) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c); }
// Lines the queue itself wrote (start, retry, end).
inline QColor infoColor(const QPalette &p) { return isDark(p) ? QColor(0x90, 0xca, 0xf9) : QColor(0x15, 0x65, 0xc0); }

inline QColor trainLossColor(const QPalette &p) { return ganstyle::criticColor(p); }
inline QColor valLossColor(const QPalette &p) { return ganstyle::generatorColor(p); }

} // namespace apedesk::ui::distillstyle
