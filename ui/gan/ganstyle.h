#pragma once
// The GAN lab's colours: one place for the validation grades and the training curves, so the table,
// the summary badges and the charts agree. Taken from the palette's lightness like the charts' colours.

#include <QColor>
#include <QPalette>
#include <QString>

namespace apedesk::ui::ganstyle {

inline bool isDark(const QPalette &palette) { return palette.color(QPalette::Window).lightness() < 128; }

// A validation grade key ("excellent", "good", "fair", "poor", as validationGradeKey writes them)
// as a cell fill: green, light green, amber, red. Invalid for an unknown key.
inline QColor gradeFill(const QString &key, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (key == QLatin1String("excellent"))
        return dark ? QColor(0x2e, 0x7d, 0x32) : QColor(0x2e, 0x7d, 0x32);
    if (key == QLatin1String("good"))
        return dark ? QColor(0x55, 0x8b, 0x2f) : QColor(0x7c, 0xb3, 0x42);
    if (key == QLatin1String("fair"))
        return QColor(0xf9, 0xa8, 0x25);
    if (key == QLatin1String("poor"))
        return dark ? QColor(0xe5, 0x39, 0x35) : QColor(0xc6, 0x28, 0x28);
    return {};
}

// Text on a grade fill: near-black on amber and light green (white does not read there), else white.
inline QColor gradeText(const QString &key)
{
    return key == QLatin1String("fair") || key == QLatin1String("good") ? QColor(0x21, 0x21, 0x21)
                                                                          : QColor(Qt::white);
}

// Curve colours, one per quantity, also used by the legends.
inline QColor criticColor(const QPalette &p) { return isDark(p) ? QColor(0xef, 0x53, 0x50) : QColor(0xd3, 0x2f, 0x2f); }
inline QColor generatorColor(const QPalette &p) { return isDark(p) ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0); }
inline QColor penaltyColor(const QPalette &p) { return isDark(p) ? QColor(0xba, 0x68, 0xc8) : QColor(0x7b, 0x1f, 0xa2); }
inline QColor wassersteinColor(const QPalette &p) { return isDark(p) ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32); }
inline QColor realColor(const QPalette &p) { return isDark(p) ? QColor(0x90, 0xa4, 0xae) : QColor(0x54, 0x6e, 0x7a); }
inline QColor syntheticColor(const QPalette &) { return QColor(0xfb, 0x8c, 0x00); }
inline QColor compareColor(const QPalette &) { return QColor(0xfb, 0x8c, 0x00); }

} // namespace apedesk::ui::ganstyle
