#pragma once
// Edits the typed settings. Values are written when the person presses OK.

#include "common/settings.h"

#include <QDialog>
#include <QList>
#include <QPair>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace apedesk::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Settings *settings, QWidget *parent = nullptr);

    void apply();

private:
    void load();

    Settings *m_settings;
    QComboBox *m_language;
    QComboBox *m_chainMode;
    QDoubleSpinBox *m_sandboxPrice;
    QLineEdit *m_forkUrl;
    QLineEdit *m_externalUrl;
    QDoubleSpinBox *m_slippage;
    QCheckBox *m_liveTrading;
    QSpinBox *m_threads;
    QCheckBox *m_simulateInSandbox;
    QDoubleSpinBox *m_simulatorRate;
    QSpinBox *m_metricsWindow;
    // The distillation tools' command templates, each with its setting (empty: the default).
    QList<QPair<Settings::Key, QLineEdit *>> m_toolCommands;
};

} // namespace apedesk::ui
