#pragma once
// The common frame of a pane: a live status line from its service and a plain statement of what the
// pane can do in this build, above the pane's own content.

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace apedesk {
class Service;
}

namespace apedesk::ui {

class PaneScaffold : public QWidget
{
    Q_OBJECT
public:
    PaneScaffold(const QString &objectName, Service *service, QWidget *parent = nullptr);

    // Text that tells the person what works here today and what does not yet.
    void setCapabilityNote(const QString &text);
    QVBoxLayout *contentLayout() const { return m_content; }

private:
    QLabel *m_note;
    QVBoxLayout *m_content;
};

} // namespace apedesk::ui
