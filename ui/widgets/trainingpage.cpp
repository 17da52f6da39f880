#include "trainingpage.h"

#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace apedesk::ui {

TrainingPage buildTrainingPage(QWidget *parent, const QString &namePrefix, QWidget *setup, QWidget *controls,
                               QWidget *curves)
{
    const auto name = [&namePrefix](const char *suffix) { return QString(namePrefix + QLatin1String(suffix)); };

    auto *setupScroll = new QScrollArea(parent);
    setupScroll->setObjectName(name("SetupScroll"));
    setupScroll->setWidget(setup);
    setupScroll->setWidgetResizable(true);
    setupScroll->setFrameShape(QFrame::NoFrame);
    setupScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setupScroll->setMinimumHeight(40);   // at least a line of it; the rest scrolls

    TrainingPage result;
    auto *lower = new QWidget(parent);
    lower->setObjectName(name("TrainingLower"));
    auto *layout = new QVBoxLayout(lower);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(controls);
    result.runLabel = new QLabel(lower);
    result.runLabel->setObjectName(name("RunLabel"));
    result.runLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    result.runLabel->setWordWrap(true);
    layout->addWidget(result.runLabel);
    result.message = new QLabel(lower);
    result.message->setObjectName(name("Message"));
    result.message->setWordWrap(true);
    result.message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    result.message->setVisible(false);
    layout->addWidget(result.message);
    layout->addWidget(curves, 1);

    result.page = new QSplitter(Qt::Vertical, parent);
    result.page->setObjectName(name("TrainingPage"));
    result.page->addWidget(setupScroll);
    result.page->addWidget(lower);
    result.page->setStretchFactor(0, 0);
    result.page->setStretchFactor(1, 1);
    result.page->setChildrenCollapsible(false);
    result.page->setContentsMargins(6, 6, 6, 6);
    return result;
}

} // namespace apedesk::ui
