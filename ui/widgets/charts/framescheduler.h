#pragma once
// Runs computeFrame on a pool thread, one job at a time. Requests that arrive while a job runs (a
// drag or a wheel sends dozens a second) are coalesced into the newest one, which starts as soon as
// the job ends; a result computed from an older state of the series is dropped by the owner
// (ChartFrame::dataVersion). The job gives up its reference to the series before it reports, so the
// owner can append in place once idle() is emitted, without a copy of a million points.

#include "chartframe.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace apedesk::ui::charts {

class FrameScheduler : public QObject
{
    Q_OBJECT
public:
    struct Snapshot
    {
        QVector<SwapPoint> points;   // implicitly shared: no copy
        quint64 dataVersion = 0;
    };
    // `snapshot` is read on the GUI thread when a job starts, so the job sees the newest series.
    explicit FrameScheduler(std::function<Snapshot()> snapshot, QObject *parent = nullptr);
    ~FrameScheduler() override;

    // Asks for a frame; coalesced with others made within `coalesceMs` and while a job runs.
    void request(const FrameRequest &request);
    bool busy() const { return m_busy; }
    quint64 latestGeneration() const { return m_generation; }
    void setCoalesceMs(int ms) { m_timer.setInterval(ms); }

Q_SIGNALS:
    void frameReady(apedesk::ui::charts::ChartFrame frame);
    // No job holds the series now.
    void idle();

private:
    void startNext();
    void finished();

    std::function<Snapshot()> m_snapshot;
    QTimer m_timer;
    QFutureWatcher<ChartFrame> m_watcher;
    std::optional<FrameRequest> m_pending;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace apedesk::ui::charts
