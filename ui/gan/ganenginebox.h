#pragma once
// The training engine libtorch runs on (version, threads, BLAS) and a matrix-multiply throughput
// check, a quick way to see whether the fast BLAS is in use.

#include <QGroupBox>

class QLabel;
class QProgressBar;
class QPushButton;

namespace apedesk::ml {
class TrainingService;
struct RuntimeInfo;
struct MatmulThroughput;
}

namespace apedesk::ui {

class GanEngineBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit GanEngineBox(ml::TrainingService *training, QWidget *parent = nullptr);

    QString engineText() const;
    // The check runs on the training thread: it would wait behind a training, and its Cancel
    // (Service::cancelTasks) would end that training too. The pane turns it off while one runs.
    void setMeasureAllowed(bool allowed);

private:
    void showRuntime(const ml::RuntimeInfo &info);
    void showThroughput(const ml::MatmulThroughput &result);
    void measure();
    void taskEnded(quint64 id, bool ok, const QString &message);

    ml::TrainingService *m_training;
    QLabel *m_engine;
    QLabel *m_blas;
    QLabel *m_throughput;
    QPushButton *m_measure;
    QPushButton *m_cancel;
    QProgressBar *m_busy;
    quint64 m_task = 0;
    bool m_measureAllowed = true;
};

} // namespace apedesk::ui
