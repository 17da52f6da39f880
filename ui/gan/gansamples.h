#pragma once
// What the real-vs-synthetic plot and the validation need after a generation, read off the GUI
// thread: a few real price windows of the run's own data and a few generated price sequences, and
// the real data file the validation compares against (the run's CSV, or for a swap-store run its
// windows written once into the run folder, since validation reads files).

#include "common/error.h"
#include "gantrainer.h"

#include <QString>
#include <QVector>

namespace apedesk::ui {

struct GanSampleSet
{
    QVector<QVector<double>> real;        // price per step, evenly spread over the run's data
    QVector<QVector<double>> synthetic;   // price per step, the file's first sequences
    int syntheticSequences = 0;           // in the whole file
    QString realCsv;                      // for validateGan
};

// `count` windows of each; `realWindowsPath` is where a store run's windows go (e.g.
// <run>/real_windows.csv; left alone for a CSV run).
Result<GanSampleSet> prepareGanSamples(const ml::GanTrainingConfig &config, const QString &syntheticCsv, int count,
                                       const QString &realWindowsPath);

} // namespace apedesk::ui
