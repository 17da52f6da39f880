#pragma once
// Generate…: how many synthetic sequences to draw from the run's model and the CSV they go to.

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace apedesk::ui {

class GanGenerateDialog : public QDialog
{
    Q_OBJECT
public:
    GanGenerateDialog(const QString &defaultOutput, QWidget *parent = nullptr);

    int count() const;
    void setCount(int count);
    QString outputPath() const;
    void setOutputPath(const QString &path);

    void accept() override;   // refuses an empty path, with a sentence

private:
    QSpinBox *m_count;
    QLineEdit *m_output;
    QLabel *m_message;
};

} // namespace apedesk::ui
