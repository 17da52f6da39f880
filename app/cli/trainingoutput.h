#pragma once
// What `gan train|resume` and `rl train|resume` share while a training runs on the CLI's thread: each
// logged step (a JSON line, or a text line with --progress), progress at most once a second
// (--progress), the stop check that lets SIGINT / SIGTERM through between steps, and the summary.

#include "commandline.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace apedesk::cli {

// NaN (nothing yet) and Inf (a diverging step) become null in one-line JSON.
QJsonValue finiteOrNull(double value);

class TrainingOutput
{
public:
    TrainingOutput(const Output &out, bool progress);

    // One logged step: `json` in JSON mode, else `text` with --progress.
    void logged(const QJsonObject &json, const QString &text) const;
    // Progress (only with --progress; the last step always): a "progress" JSON event with step,
    // total_steps, steps_per_second, eta_seconds (null when unknown) and `extra`, or `text`.
    void progress(qint64 step, qint64 totalSteps, double stepsPerSecond, double etaSeconds, const QString &text,
                  const QJsonObject &extra = {});
    // The UnixSignalWatcher's socket is read by the event loop, which only runs here, between steps.
    static bool stopRequested(const bool &interrupted);
    // Prints the "summary" event (with seconds since construction); a failed run's message goes to
    // stderr with exit code 1.
    int finish(QJsonObject summary, bool failed, const QString &message) const;

private:
    const Output &m_out;
    bool m_progress;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceProgress;
};

} // namespace apedesk::cli
