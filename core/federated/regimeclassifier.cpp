#include "regimeclassifier.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace apedesk::federated {

QString regimeKey(MarketRegime regime)
{
    switch (regime) {
    case MarketRegime::Crisis: return QStringLiteral("crisis");
    case MarketRegime::Volatile: return QStringLiteral("volatile");
    case MarketRegime::TrendingBull: return QStringLiteral("trending_bull");
    case MarketRegime::TrendingBear: return QStringLiteral("trending_bear");
    }
    return {};
}

std::optional<MarketRegime> regimeFromKey(const QString &key)
{
    for (int i = 0; i < kMarketRegimeCount; ++i) {
        const auto regime = static_cast<MarketRegime>(i);
        if (regimeKey(regime) == key)
            return regime;
    }
    return std::nullopt;
}

QString regimeDisplayName(MarketRegime regime)
{
    switch (regime) {
    case MarketRegime::Crisis: return QCoreApplication::translate("apedesk::federated::Regime", "Crisis");
    case MarketRegime::Volatile: return QCoreApplication::translate("apedesk::federated::Regime", "Volatile");
    case MarketRegime::TrendingBull: return QCoreApplication::translate("apedesk::federated::Regime", "Trending bull");
    case MarketRegime::TrendingBear: return QCoreApplication::translate("apedesk::federated::Regime", "Trending bear");
    }
    return {};
}

RegimeClassifier::RegimeClassifier(RegimeThresholds thresholds) : m_thresholds(thresholds) {}

RegimeStatistics RegimeClassifier::statistics(const double *prices, int count)
{
    RegimeStatistics s;
    if (count < 2)
        return s;
    const int returns = count - 1;
    double peak = prices[0];
    double mean = 0;
    for (int i = 1; i < count; ++i) {
        peak = std::max(peak, prices[i]);
        mean += std::log(prices[i] / prices[i - 1]);
    }
    mean /= returns;
    double squares = 0;
    for (int i = 1; i < count; ++i) {
        const double deviation = std::log(prices[i] / prices[i - 1]) - mean;
        squares += deviation * deviation;
    }
    s.sigma = returns > 1 ? std::sqrt(squares / (returns - 1)) : 0.0;
    s.drawdown = 1.0 - prices[count - 1] / peak;
    s.logReturn = std::log(prices[count - 1] / prices[0]);
    // σ = 0 means every return was equal: a perfectly steady path. Its trend is then "infinitely"
    // clear unless it is flat; cap z so the confidence stays a number (s/(s+θ) → 1).
    if (s.sigma > 0)
        s.trendZ = s.logReturn / (s.sigma * std::sqrt(double(returns)));
    else if (s.logReturn != 0)
        s.trendZ = s.logReturn > 0 ? 1e6 : -1e6;
    return s;
}

namespace {

double squash(double statistic, double threshold)
{
    // s / (s + θ): 0.5 at the threshold; θ ≤ 0 would make every reading certain, so treat it as that.
    if (threshold <= 0)
        return 1.0;
    if (statistic <= 0)
        return 0.0;
    return std::clamp(statistic / (statistic + threshold), 0.0, 1.0);
}

} // namespace

RegimeReading RegimeClassifier::classify(const QVector<double> &windowPrices) const
{
    RegimeReading reading;
    reading.statistics = statistics(windowPrices.constData(), int(windowPrices.size()));
    const RegimeStatistics &s = reading.statistics;
    if (windowPrices.size() < 2)
        return reading;
    if (s.drawdown >= m_thresholds.crisisDrawdown) {
        reading.regime = MarketRegime::Crisis;
        reading.confidence = squash(s.drawdown, m_thresholds.crisisDrawdown);
    } else if (s.sigma >= m_thresholds.volatileSigma) {
        reading.regime = MarketRegime::Volatile;
        reading.confidence = squash(s.sigma, m_thresholds.volatileSigma);
    } else {
        reading.regime = s.trendZ >= 0 ? MarketRegime::TrendingBull : MarketRegime::TrendingBear;
        reading.confidence = squash(std::abs(s.trendZ), m_thresholds.trendZ);
    }
    return reading;
}

RegimeReading RegimeClassifier::classifyAt(const QVector<double> &prices, int t) const
{
    if (t < 1 || t >= prices.size())
        return {};
    const int first = std::max(0, t - m_thresholds.window);
    return classify(prices.mid(first, t - first + 1));
}

} // namespace apedesk::federated
