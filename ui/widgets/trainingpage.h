#pragma once
// The "Training" tab the GAN lab and the trader share: the run's settings scroll above the controls,
// the run and message lines and the curves, in a vertical splitter — so a small dock keeps the buttons,
// the progress and the curves in view, and a person can give either part more room.

#include <QString>

class QLabel;
class QSplitter;
class QWidget;

namespace apedesk::ui {

struct TrainingPage
{
    QSplitter *page = nullptr;        // "<prefix>TrainingPage"
    QLabel *runLabel = nullptr;       // "<prefix>RunLabel": the run folder, selectable
    QLabel *message = nullptr;        // "<prefix>Message": hidden until there is something to say
};

// Reparents `setup`, `controls` and `curves` into the page; object names start with `namePrefix`.
TrainingPage buildTrainingPage(QWidget *parent, const QString &namePrefix, QWidget *setup, QWidget *controls,
                               QWidget *curves);

} // namespace apedesk::ui
