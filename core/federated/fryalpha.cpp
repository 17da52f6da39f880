#include "fryalpha.h"

#include "common/portablerandom.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace apedesk::federated {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::federated::FryAlpha", text); }

QString num(double value) { return QString::number(value, 'g', 4); }

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

// Why a venue's metrics cannot be weighed, or empty when they can.
QString invalidReason(const VenueMetrics &m)
{
    const auto notFinite = [](const QString &field) { return tr("its %1 is not a finite number").arg(field); };
    if (!std::isfinite(m.hedgeRmse))
        return notFinite(tr("hedge RMSE"));
    if (m.hedgeRmse < 0)
        return tr("its hedge RMSE %1 is negative").arg(num(m.hedgeRmse));
    if (!std::isfinite(m.slippageEfficiency))
        return notFinite(tr("slippage efficiency"));
    if (!std::isfinite(m.arbitrageRoi))
        return notFinite(tr("arbitrage ROI"));
    if (!std::isfinite(m.fryMintRate))
        return notFinite(tr("FRY mint rate"));
    if (m.fryMintRate < 0)
        return tr("its FRY mint rate %1 is negative").arg(num(m.fryMintRate));
    if (!std::isfinite(m.regimeConfidence))
        return notFinite(tr("regime confidence"));
    return {};
}

Status checkConfig(const FryAlphaConfig &c)
{
    const double positives[] = {c.epsilon, c.arbRoiReference, c.circuitBreakerFactor};
    const double nonNegatives[] = {c.slippageBonus, c.arbBonus, c.mintBonus, c.mintRateReference};
    for (const double v : positives)
        if (!std::isfinite(v) || v <= 0)
            return usage(tr("The FRY-alpha settings need a positive ε, arbitrage ROI reference and circuit-breaker factor."));
    for (const double v : nonNegatives)
        if (!std::isfinite(v) || v < 0)
            return usage(tr("The FRY-alpha bonuses and the mint-rate reference must be non-negative numbers."));
    return {};
}

} // namespace

QMap<QString, double> FryAlphaRound::weights() const
{
    QMap<QString, double> out;
    for (const FryAlphaBreakdown &b : venues)
        out.insert(b.venue, b.weight);
    return out;
}

double FryAlphaRound::weightOf(const QString &venue) const
{
    for (const FryAlphaBreakdown &b : venues)
        if (b.venue == venue)
            return b.weight;
    return 0;
}

FryAlphaBreakdown fryAlphaBreakdown(const VenueMetrics &m, const FryAlphaConfig &c, double mintRateReference)
{
    FryAlphaBreakdown b;
    b.venue = m.venue;
    const QString reason = invalidReason(m);
    if (!reason.isEmpty()) {
        b.valid = false;
        b.invalidReason = tr("Venue %1 gets no weight: %2.").arg(m.venue, reason);
        return b;
    }
    b.rmseFactor = 1.0 / (m.hedgeRmse + c.epsilon);
    b.slippageFactor = 1.0 + c.slippageBonus * std::clamp(m.slippageEfficiency, 0.0, 1.0);
    b.arbScore = m.arbitrageRoi / c.arbRoiReference;
    b.arbFactor = 1.0 + c.arbBonus * std::clamp(b.arbScore, 0.0, 1.0);
    b.mintScore = mintRateReference > 0 ? m.fryMintRate / mintRateReference : 0.0;
    b.mintFactor = 1.0 + c.mintBonus * std::clamp(b.mintScore, 0.0, 1.0);
    b.circuitBreakerFactor = m.circuitBreakerActive ? c.circuitBreakerFactor : 1.0;
    b.confidenceFactor = std::clamp(m.regimeConfidence, 0.0, 1.0);
    b.rawWeight = b.rmseFactor * b.slippageFactor * b.arbFactor * b.mintFactor * b.circuitBreakerFactor * b.confidenceFactor;
    return b;
}

Result<FryAlphaRound> computeFryAlpha(const QList<VenueMetrics> &venues, const FryAlphaConfig &config)
{
    if (venues.isEmpty())
        return usage(tr("No venue reported metrics for this round, so there is nothing to weigh."));
    if (const Status ok = checkConfig(config); !ok)
        return ok.error();
    QSet<QString> names;
    for (const VenueMetrics &m : venues) {
        if (m.venue.isEmpty())
            return usage(tr("A venue without a name reported metrics."));
        if (names.contains(m.venue))
            return usage(tr("Venue %1 reported metrics twice in one round.").arg(m.venue));
        names.insert(m.venue);
    }

    double mintReference = config.mintRateReference;
    if (mintReference <= 0) {   // relative: the best valid venue of the round
        for (const VenueMetrics &m : venues)
            if (invalidReason(m).isEmpty())
                mintReference = std::max(mintReference, m.fryMintRate);
    }

    FryAlphaRound round;
    double total = 0;
    for (const VenueMetrics &m : venues) {
        FryAlphaBreakdown b = fryAlphaBreakdown(m, config, mintReference);
        if (!b.valid)
            qCWarning(lcFederated) << b.invalidReason;
        total += b.rawWeight;
        round.venues << b;
    }
    if (!(total > 0) || !std::isfinite(total)) {
        QStringList reasons;
        for (const FryAlphaBreakdown &b : round.venues)
            if (!b.valid)
                reasons << b.invalidReason;
        return Error::make(Error::Kind::Model,
                           tr("No venue has a positive FRY-alpha weight this round (invalid metrics, or a regime confidence of 0 everywhere)."),
                           reasons.join(QLatin1Char(' ')));
    }
    for (FryAlphaBreakdown &b : round.venues)
        b.weight = b.rawWeight / total;
    return round;
}

Result<QStringList> sampleVenues(const QStringList &all, double fraction, int minVenues, quint64 seed, int round)
{
    if (!(fraction > 0 && fraction <= 1))
        return usage(tr("The client sampling fraction must be greater than 0 and at most 1 (got %1).").arg(num(fraction)));
    if (minVenues < 1)
        return usage(tr("A round needs at least one venue (the minimum was %1).").arg(minVenues));
    if (QSet<QString>(all.begin(), all.end()).size() != all.size())
        return usage(tr("The venue list names a venue twice."));
    const int n = int(all.size());
    if (n < minVenues)
        return Error::make(Error::Kind::Usage,
                           tr("Only %1 venues are available, fewer than the %2 a round needs.").arg(n).arg(minVenues));
    const int wanted = std::min(n, std::max(minVenues, int(std::ceil(fraction * n - 1e-9))));

    std::mt19937_64 generator(splitMix64(seed ^ splitMix64(quint64(qint64(round)))));
    std::vector<int> order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        order[size_t(i)] = i;
    for (int i = 0; i < wanted; ++i) {   // partial Fisher–Yates: the first `wanted` are a uniform sample
        const int j = i + int(uniformBelow(generator, quint64(n - i)));
        std::swap(order[size_t(i)], order[size_t(j)]);
    }
    std::sort(order.begin(), order.begin() + wanted);
    QStringList chosen;
    for (int i = 0; i < wanted; ++i)
        chosen << all[order[size_t(i)]];
    return chosen;
}

// --- convergence ------------------------------------------------------------------------------

ConvergenceMonitor::ConvergenceMonitor(double minRelativeImprovement, int patience)
    : m_minRelativeImprovement(std::max(0.0, minRelativeImprovement)),
      m_patience(std::max(1, patience)),
      m_best(std::numeric_limits<double>::quiet_NaN())
{
}

bool ConvergenceMonitor::addRound(double globalLoss)
{
    const int index = m_rounds++;
    if (!std::isfinite(globalLoss)) {
        ++m_stalled;
        return converged();
    }
    if (m_bestRound < 0) {
        m_best = globalLoss;
        m_bestRound = index;
        return converged();
    }
    const double improvement = m_best - globalLoss;
    const double scale = std::abs(m_best);
    const double relative = scale > 0 ? improvement / scale : (improvement > 0 ? std::numeric_limits<double>::infinity() : 0.0);
    if (relative >= m_minRelativeImprovement && improvement > 0)
        m_stalled = 0;
    else
        ++m_stalled;
    if (globalLoss < m_best) {
        m_best = globalLoss;
        m_bestRound = index;
    }
    return converged();
}

QString ConvergenceMonitor::reason() const
{
    if (!converged())
        return {};
    return tr("Converged: the global loss improved by less than %1 % for %2 rounds in a row (best %3 in round %4).")
        .arg(num(m_minRelativeImprovement * 100))
        .arg(m_stalled)
        .arg(num(m_best))
        .arg(m_bestRound + 1);
}

void ConvergenceMonitor::reset()
{
    m_rounds = 0;
    m_stalled = 0;
    m_best = std::numeric_limits<double>::quiet_NaN();
    m_bestRound = -1;
}

} // namespace apedesk::federated
