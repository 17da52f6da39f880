#include "framescheduler.h"

#include <QtConcurrent>

namespace apedesk::ui::charts {

FrameScheduler::FrameScheduler(std::function<Snapshot()> snapshot, QObject *parent)
    : QObject(parent), m_snapshot(std::move(snapshot))
{
    // 0 ms: requests made in one pass of the event loop (a resize, a range and a mode change) make one job.
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &FrameScheduler::startNext);
    connect(&m_watcher, &QFutureWatcher<ChartFrame>::finished, this, &FrameScheduler::finished);
}

// A running job keeps its own copy of the series and its result is dropped with the watcher.
FrameScheduler::~FrameScheduler() = default;

void FrameScheduler::request(const FrameRequest &request)
{
    m_pending = request;
    ++m_generation;
    if (!m_busy && !m_timer.isActive())
        m_timer.start();
}

void FrameScheduler::startNext()
{
    if (m_busy || !m_pending)
        return;
    Snapshot snapshot = m_snapshot();
    const FrameRequest request = *m_pending;
    m_pending.reset();
    m_busy = true;
    const quint64 generation = m_generation;
    const quint64 version = snapshot.dataVersion;
    m_watcher.setFuture(QtConcurrent::run([points = std::move(snapshot.points), request, generation, version]() mutable {
        ChartFrame frame = computeFrame(points, request);
        points = QVector<SwapPoint>();   // let go of the series before the owner hears of the result
        frame.generation = generation;
        frame.dataVersion = version;
        return frame;
    }));
}

void FrameScheduler::finished()
{
    if (!m_busy)
        return;
    m_busy = false;
    const ChartFrame frame = m_watcher.result();
    Q_EMIT frameReady(frame);
    Q_EMIT idle();
    if (m_pending && !m_timer.isActive())
        m_timer.start();
}

} // namespace apedesk::ui::charts
