#pragma once
// The market regime of a venue, read from a rolling window of its swap prices: one of four regimes
// (the hedge-ratio model's one-hot) and a confidence in [0, 1]. Deterministic: the same prices give the
// same reading. Defined and justified from the real BASE ETH/USDC swaps in docs/federated-venue-data.md.
//
// Over the window's R + 1 prices p[0] … p[R] (oldest first, p[R] the current one), with the R log
// returns r_i = ln(p[i] / p[i−1]):
//   drawdown  d = 1 − p[R] / max(p)            how far below the window's peak the price now is
//   sigma     σ = sample std (ddof 1) of r_i    per-swap volatility
//   trend     z = ln(p[R] / p[0]) / (σ · √R)   the window's move in units of its own noise
// Rules, first match wins:
//   Crisis        d ≥ crisisDrawdown              statistic s = d, threshold θ = crisisDrawdown
//   Volatile      σ ≥ volatileSigma               s = σ,          θ = volatileSigma
//   TrendingBull  z ≥ 0                           s = |z|,        θ = trendZ
//   TrendingBear  z < 0                           s = |z|,        θ = trendZ
// confidence = s / (s + θ): 0.5 exactly at the threshold, → 1 far beyond it. A calm, ranging market
// has no regime of its own (the one-hot has exactly four): it is the trending regime of its drift's
// sign with a confidence below 0.5 (|z| < trendZ). A flat window (σ = 0) has z = 0 and confidence 0.
// Volumes are not used: the model sees the volume ratio as its own feature.

#include <QString>
#include <QVector>

#include <optional>

namespace apedesk::federated {

enum class MarketRegime { Crisis = 0, Volatile = 1, TrendingBull = 2, TrendingBear = 3 };
constexpr int kMarketRegimeCount = 4;

// Stable keys for JSON, SQLite and FRY-alpha metrics: "crisis", "volatile", "trending_bull",
// "trending_bear".
QString regimeKey(MarketRegime regime);
std::optional<MarketRegime> regimeFromKey(const QString &key);
// Translated words for the dashboard ("Crisis", "Volatile", "Trending bull", "Trending bear").
QString regimeDisplayName(MarketRegime regime);

// Defaults measured on the 7,926 windows of 50 swaps in the real BASE swaps (2025-01-23 … 02-05):
// crisisDrawdown below the 97.5th percentile of d (0.0235), volatileSigma ≈ the 90th percentile of σ
// (0.00178), trendZ ≈ the median of |z| (0.815). They label 2.9 % of those windows crisis, 8.2 %
// volatile, 42.4 % trending bull and 46.4 % trending bear.
struct RegimeThresholds
{
    int window = 50;                 // R: returns in the window (R + 1 prices)
    double crisisDrawdown = 0.0225;  // 2.25 % below the window's peak
    double volatileSigma = 0.00175;  // per-swap log-return std
    double trendZ = 0.8;
};

struct RegimeStatistics
{
    double drawdown = 0;
    double sigma = 0;
    double logReturn = 0;            // ln(p[R] / p[0])
    double trendZ = 0;
};

struct RegimeReading
{
    MarketRegime regime = MarketRegime::TrendingBull;
    double confidence = 0;
    RegimeStatistics statistics;
};

class RegimeClassifier
{
public:
    explicit RegimeClassifier(RegimeThresholds thresholds = {});

    const RegimeThresholds &thresholds() const { return m_thresholds; }

    // The reading at index t of `prices` (positive, oldest first), over prices[t − R … t]. Reads
    // nothing after t. With fewer than R prices before t (t < R) the window is what there is, down to
    // two prices; t < 1 gives TrendingBull with confidence 0 (nothing to read).
    RegimeReading classifyAt(const QVector<double> &prices, int t) const;
    // The reading of a whole window (its last element is the current price).
    RegimeReading classify(const QVector<double> &windowPrices) const;

    static RegimeStatistics statistics(const double *prices, int count);

private:
    RegimeThresholds m_thresholds;
};

} // namespace apedesk::federated
