#pragma once
// Reading GAN run folders for the pane, off the GUI thread: the metrics a run logged (metrics.csv)
// and a scan of the runs folder for past runs (config.json + metrics.csv). Pure functions that touch
// no widget, so they run under QtConcurrent and are tested on files a test writes.

#include "common/error.h"
#include "gantrainer.h"

#include <QDateTime>
#include <QString>
#include <QVector>

#include <optional>

namespace apedesk::ui {

// One past run as the runs list shows it.
struct GanRunInfo
{
    QString directory;                 // absolute path
    QString name;                      // the folder's name
    ml::GanTrainingConfig config;
    QDateTime modified;                // metrics.csv's last change
    int loggedSteps = 0;               // metrics rows
    qint64 lastStep = 0;
    int lastEpoch = 0;
    std::optional<double> lastGeneratorLoss;
    std::optional<double> bestValidationGeneratorLoss;
    bool hasCheckpoint = false;        // checkpoints/*.pt: it can be continued and generated from
};

// metrics.csv of a run: one GanStepMetrics per row, columns matched by header name (unknown columns
// are skipped, so a later writer may add some). A missing step column or a bad number: a Format error
// naming the line.
Result<QVector<ml::GanStepMetrics>> readGanMetricsCsv(const QString &path);

// The run folders directly under `runsDirectory` that hold a GAN config.json and a metrics.csv,
// newest first. Folders of other trainings (another config.json shape) are skipped; a missing runs
// folder is an empty list, not an error.
QVector<GanRunInfo> scanGanRuns(const QString &runsDirectory);
// One folder, as the scan reads it.
Result<GanRunInfo> readGanRun(const QString &runDirectory);

// A fresh default run folder under Paths::runsDir(): gan-<yyyyMMdd-HHmmss>[-n] that does not exist yet.
QString defaultGanRunDirectory();

} // namespace apedesk::ui
