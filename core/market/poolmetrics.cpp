#include "poolmetrics.h"

#include <algorithm>
#include <cmath>

namespace apedesk::market {

namespace {

// The window's newest points with their 3-row price volatility (swapfeatures.h): a few dozen
// operations, whatever the window holds. Only the window's points count, so the rolling and the batch
// form agree.
template <typename It>
QVector<MarketPoint> recentPoints(It begin, It end)
{
    const auto count = std::distance(begin, end);
    const auto kept = std::min<decltype(count)>(count, kRecentMarketPoints);
    QVector<MarketPoint> recent;
    recent.reserve(static_cast<int>(kept));
    for (It it = std::prev(end, kept); it != end; ++it) {
        const auto rows = std::min<decltype(count)>(std::distance(begin, it) + 1, 3);
        double sum = 0;
        for (It r = std::prev(it, rows - 1); r != std::next(it); ++r)
            sum += r->price;
        const double mean = sum / double(rows);
        double squares = 0;
        for (It r = std::prev(it, rows - 1); r != std::next(it); ++r)
            squares += (r->price - mean) * (r->price - mean);
        MarketPoint point;
        point.price = it->price;
        point.volume = std::abs(it->usdcAmount);
        point.volatility = rows > 1 ? std::sqrt(squares / double(rows - 1)) : 0.0;
        point.timestamp = it->timestamp;
        recent.append(point);
    }
    return recent;
}

// The metrics of [begin, end) (the window's points, oldest first). One routine for both the batch
// and the rolling form, so the two agree to the last bit.
template <typename It>
PoolMetrics metricsOf(It begin, It end, qint64 windowEnd, qint64 windowSeconds)
{
    PoolMetrics m;
    m.windowEnd = windowEnd;
    m.windowSeconds = windowSeconds;
    const auto count = std::distance(begin, end);
    if (count <= 0)
        return m;
    m.valid = true;
    m.swapCount = static_cast<int>(count);
    m.firstPrice = begin->price;
    m.lastPrice = std::prev(end)->price;
    if (m.firstPrice > 0)
        m.priceChangePercent = (m.lastPrice - m.firstPrice) / m.firstPrice * 100.0;

    // Two passes over the returns (mean, then squared deviations): no cancellation from running sums.
    double returnSum = 0;
    int returns = 0;
    for (It it = begin; it != end; ++it) {
        m.volumeEth += std::abs(it->ethAmount);
        m.volumeUsdc += std::abs(it->usdcAmount);
        if (it != begin && it->price > 0 && std::prev(it)->price > 0) {
            returnSum += std::log(it->price / std::prev(it)->price);
            ++returns;
        }
    }
    if (returns >= 2) {
        const double mean = returnSum / returns;
        double squares = 0;
        for (It it = std::next(begin); it != end; ++it) {
            if (it->price > 0 && std::prev(it)->price > 0) {
                const double d = std::log(it->price / std::prev(it)->price) - mean;
                squares += d * d;
            }
        }
        m.volatilityPercent = std::sqrt(squares / (returns - 1)) * 100.0;
    }
    m.recent = recentPoints(begin, end);
    return m;
}

// The window (windowEnd − windowSeconds, windowEnd] of a range whose timestamps never decrease.
template <typename It>
PoolMetrics windowOf(It begin, It end, qint64 windowEnd, qint64 windowSeconds)
{
    const qint64 after = windowEnd - windowSeconds;
    const It first = std::partition_point(begin, end, [after](const SwapPoint &p) { return p.timestamp <= after; });
    const It last = std::partition_point(first, end, [windowEnd](const SwapPoint &p) { return p.timestamp <= windowEnd; });
    return metricsOf(first, last, windowEnd, windowSeconds);
}

} // namespace

PoolMetrics computePoolMetrics(const QVector<SwapPoint> &ordered, qint64 windowEnd, qint64 windowSeconds)
{
    return windowOf(ordered.cbegin(), ordered.cend(), windowEnd, windowSeconds);
}

RollingMetrics::RollingMetrics(qint64 windowSeconds) : m_windowSeconds(windowSeconds) {}

void RollingMetrics::setWindow(qint64 windowSeconds)
{
    m_windowSeconds = windowSeconds;
    dropOld();
}

void RollingMetrics::append(const SwapPoint &point)
{
    m_points.push_back(point);
    dropOld();
}

void RollingMetrics::append(const QVector<SwapPoint> &points)
{
    for (const SwapPoint &point : points)
        m_points.push_back(point);
    dropOld();
}

void RollingMetrics::clear() { m_points.clear(); }

PoolMetrics RollingMetrics::at(qint64 windowEnd) const
{
    return windowOf(m_points.cbegin(), m_points.cend(), windowEnd, m_windowSeconds);
}

// Keeps what a window ending at the newest point (or later) can still contain.
void RollingMetrics::dropOld()
{
    if (m_points.empty())
        return;
    const qint64 after = m_points.back().timestamp - m_windowSeconds;
    while (!m_points.empty() && m_points.front().timestamp <= after)
        m_points.pop_front();
}

} // namespace apedesk::market
