#pragma once
// Small look helpers shared by the wallet pane's widgets.

#include <QApplication>
#include <QColor>
#include <QLabel>
#include <QPalette>

namespace apedesk::ui::walletstyle {

// Error text in a red that reads on light and dark palettes; normal text otherwise.
inline void setErrorLook(QLabel *label, bool error)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? QColor(0xd3, 0x2f, 0x2f)
                                                 : QApplication::palette().color(QPalette::WindowText));
    label->setPalette(palette);
    label->setProperty("error", error);
}

// A message label that takes no room while it has nothing to say.
inline void showMessage(QLabel *label, const QString &text, bool error = false)
{
    label->setText(text);
    setErrorLook(label, error);
    label->setVisible(!text.isEmpty());
}

} // namespace apedesk::ui::walletstyle
