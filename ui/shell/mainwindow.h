#pragma once
// The shell: seven panes as dock widgets (the trader's training tabbed behind the GAN lab), menus,
// and a status bar with the chain state. It only hosts; each pane owns its own widgets and models.

#include <QMainWindow>

class QDockWidget;
class QLabel;

namespace apedesk {
class Core;
class Settings;
struct ChainState;
}

namespace apedesk::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Core *core, Settings *settings, QWidget *parent = nullptr);

    QList<QDockWidget *> paneDocks() const { return m_docks; }
    // The arrangement a first start shows: three columns of two panes (the GAN lab's place has two tabs).
    void restoreDefaultLayout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addPane(QWidget *pane, const QString &title, const QString &dockName);
    void createMenus();
    void restoreSavedLayout();
    void saveLayout();
    void showChainState(const ChainState &state);
    void openSettings();
    void showAbout();

    Core *m_core;
    Settings *m_settings;
    QList<QDockWidget *> m_docks;
    QLabel *m_chainStatus;
};

} // namespace apedesk::ui
