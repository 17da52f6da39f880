#pragma once
// The charts' colours, taken from the application palette so they sit in a light or a dark desktop
// like the wallet pane's widgets do. Buy/sell green and red are the wallet's error red and a green of
// the same weight, lightened on dark palettes so they keep their contrast.

#include <QColor>
#include <QPalette>

namespace apedesk::ui::charts {

struct ChartTheme
{
    QColor background;      // around the plot: the window colour, as the pane
    QColor plotBackground;  // inside the plot: the base colour, as a table or a text field
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor line;            // the price line
    QColor buy;
    QColor sell;
    QColor count;
    QColor crosshair;
    bool dark = false;

    static ChartTheme fromPalette(const QPalette &palette)
    {
        ChartTheme theme;
        theme.background = palette.color(QPalette::Window);
        theme.plotBackground = palette.color(QPalette::Base);
        theme.text = palette.color(QPalette::WindowText);
        theme.dark = theme.background.lightness() < 128;
        theme.mutedText = palette.color(QPalette::PlaceholderText);
        theme.grid = theme.text;
        theme.grid.setAlpha(theme.dark ? 40 : 28);
        theme.line = theme.dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
        theme.buy = theme.dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
        theme.sell = theme.dark ? QColor(0xef, 0x53, 0x50) : QColor(0xd3, 0x2f, 0x2f);
        theme.count = theme.dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x60, 0x7d, 0x8b);
        theme.crosshair = theme.text;
        theme.crosshair.setAlpha(140);
        return theme;
    }
};

} // namespace apedesk::ui::charts
