#pragma once
// The trader's run folders as the pane reads them (DqnTrainer writes them): a fresh default folder,
// whether a run can be continued, and its metrics.csv as rows for the curves. Plain functions, safe
// on a pool thread.

#include "common/error.h"
#include "dqntrainer.h"

#include <QString>
#include <QVector>

namespace apedesk::ui {

// A new folder under the runs folder: runs/dqn-YYYYMMDD-HHMMSS (with -2, -3 … when taken).
QString defaultTraderRunDirectory();
// checkpoints/last.pt exists: Continue can resume it.
bool traderRunHasCheckpoint(const QString &runDirectory);
// metrics.csv rows (columns found by header name; empty cells are NaN). Errors name the file and line.
Result<QVector<ml::DqnStepMetrics>> readTraderMetricsCsv(const QString &path);

// A past run as the pane opens it: its config and its logged rows.
struct TraderRun
{
    QString directory;                  // absolute
    ml::DqnTrainingConfig config;
    QVector<ml::DqnStepMetrics> rows;
    bool hasCheckpoint = false;
};
Result<TraderRun> readTraderRun(const QString &runDirectory);

} // namespace apedesk::ui
