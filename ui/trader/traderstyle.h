#pragma once
// The trader view's colours: one per curve and one per policy, so the charts, the evaluation table's
// swatches and the class-balance bar agree. Taken from the palette's lightness like the GAN lab's.

#include "gan/ganstyle.h"

#include <QColor>
#include <QPalette>

namespace apedesk::ui::traderstyle {

using ganstyle::isDark;

// Training curves.
inline QColor episodeRewardColor(const QPalette &p) { return isDark(p) ? QColor(0x90, 0xca, 0xf9) : QColor(0x90, 0xb4, 0xe0); }
inline QColor meanRewardColor(const QPalette &p) { return isDark(p) ? QColor(0x42, 0xa5, 0xf5) : QColor(0x15, 0x65, 0xc0); }
inline QColor lossColor(const QPalette &p) { return ganstyle::criticColor(p); }
inline QColor epsilonColor(const QPalette &p) { return ganstyle::penaltyColor(p); }

// Policies, in the evaluation chart and table.
inline QColor policyColor(const QPalette &) { return QColor(0xfb, 0x8c, 0x00); }
inline QColor buyAndHoldColor(const QPalette &p) { return isDark(p) ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0); }
inline QColor randomColor(const QPalette &p) { return isDark(p) ? QColor(0xb0, 0xbe, 0xc5) : QColor(0x78, 0x90, 0x9c); }

// Actions in the class-balance bar: HOLD, BUY, SELL.
inline QColor holdColor(const QPalette &p) { return isDark(p) ? QColor(0x90, 0xa4, 0xae) : QColor(0x78, 0x90, 0x9c); }
inline QColor buyColor(const QPalette &p) { return ganstyle::wassersteinColor(p); }
inline QColor sellColor(const QPalette &p) { return ganstyle::criticColor(p); }

} // namespace apedesk::ui::traderstyle
