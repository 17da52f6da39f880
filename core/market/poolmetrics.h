#pragma once
// Rolling pool metrics over a real time window (by block timestamp), not over a block count: the
// tutorial's "10-minute" metrics were really the last 150 blocks. The fields are those of
// PoolMetrics (pooltypes.h).

#include "pooltypes.h"

#include <QVector>

#include <deque>

namespace apedesk::market {

// The metrics of the points with timestamp in (windowEnd − windowSeconds, windowEnd].
// `ordered` is in (block, log index) order, so its timestamps never decrease (block timestamps
// don't); the window is found by binary search. first/last are the window's oldest and newest
// points in that order; volatility is the sample standard deviation (ddof 1) of ln(p_i / p_{i−1})
// over consecutive points in the window, in percent (0 with fewer than two returns).
PoolMetrics computePoolMetrics(const QVector<SwapPoint> &ordered, qint64 windowEnd, qint64 windowSeconds);

// The same metrics kept up to date as swaps arrive (the live monitor): it holds only the points of
// the current window, so an update costs the new points plus one pass over the window (a window of
// minutes holds few swaps), never a reload of the history. at() gives exactly what
// computePoolMetrics gives on the whole series, for any windowEnd at or after the newest appended
// point's timestamp (older points than the window of that point are already dropped).
class RollingMetrics
{
public:
    explicit RollingMetrics(qint64 windowSeconds = 600);

    // A shorter window drops points at once; a longer one can only use the points still held
    // (clear() and append the history again to fill it).
    void setWindow(qint64 windowSeconds);
    qint64 windowSeconds() const { return m_windowSeconds; }

    // Points in (block, log index) order, after those appended before.
    void append(const SwapPoint &point);
    void append(const QVector<SwapPoint> &points);
    void clear();

    PoolMetrics at(qint64 windowEnd) const;
    // The points held (those within the window of the newest point).
    int size() const { return static_cast<int>(m_points.size()); }
    // The newest point's timestamp; 0 when empty.
    qint64 newestTimestamp() const { return m_points.empty() ? 0 : m_points.back().timestamp; }

private:
    void dropOld();

    qint64 m_windowSeconds;
    std::deque<SwapPoint> m_points;
};

} // namespace apedesk::market
