#pragma once
// The GAN lab pane. Today it shows the training engine libtorch runs on and can measure its
// matrix throughput (a quick way to see whether the fast BLAS is in use).

#include "widgets/panescaffold.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace apedesk::ml {
class TrainingService;
struct RuntimeInfo;
struct MatmulThroughput;
}

namespace apedesk::ui {

class GanLabPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit GanLabPane(ml::TrainingService *training, QWidget *parent = nullptr);

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
};

} // namespace apedesk::ui
