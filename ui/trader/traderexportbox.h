#pragma once
// The distillation export of the trader on screen: how many episodes of how many steps, Export
// dataset… (asks for the JSONL file), and the report the export answers with: examples, episodes,
// the class balance per action (with its canary word) and the files written.

#include <QGroupBox>
#include <QJsonObject>

class QLabel;
class QPushButton;
class QSpinBox;

namespace apedesk::ui {

class ClassBalanceBar;

class TraderExportBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit TraderExportBox(QWidget *parent = nullptr);

    void setExportEnabled(bool enabled);
    // Where Export dataset… proposes to write (the run folder's distillation.jsonl).
    void setDefaultOutput(const QString &path) { m_defaultOutput = path; }
    void showReport(const QJsonObject &report);
    void clearReport();
    QString reportText() const;

    QSpinBox *episodesSpin() const { return m_episodes; }
    QSpinBox *stepsSpin() const { return m_steps; }
    QPushButton *exportButton() const { return m_export; }
    ClassBalanceBar *balanceBar() const { return m_bar; }
    QLabel *legend() const { return m_legend; }

Q_SIGNALS:
    void exportRequested(QString outJsonl, int episodes, int stepsPerEpisode);

private:
    void askExport();

    QSpinBox *m_episodes;
    QSpinBox *m_steps;
    QPushButton *m_export;
    QLabel *m_summary;
    ClassBalanceBar *m_bar;
    QLabel *m_legend;
    QString m_defaultOutput;
};

} // namespace apedesk::ui
