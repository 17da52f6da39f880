#include "robustaggregation.h"

#include "common/portablerandom.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace apedesk::federated {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::federated::RobustAggregation", text); }

QString num(double value) { return QString::number(value, 'g', 4); }

using Flat = std::vector<double>;

Flat flatten(const ModelParameters &parameters)
{
    Flat out;
    out.reserve(size_t(elementCount(parameters)));
    for (const ParameterTensor &t : parameters)
        for (const float v : t.values)
            out.push_back(double(v));
    return out;
}

double norm(const Flat &values)
{
    double sum = 0;
    for (const double v : values)
        sum += v * v;
    return std::sqrt(sum);
}

// Standard normal draws from mt19937_64 by Box–Muller: reproducible on every platform for a seed
// (std::normal_distribution's algorithm is left to the library).
class GaussianSource
{
public:
    explicit GaussianSource(quint64 seed) : m_generator(seed) {}
    double next()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform();   // (0, 1]: the log stays finite
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 6.283185307179586 * u2;   // 2π
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

private:
    double uniform() { return uniform01(m_generator); }   // [0, 1), 53 bits
    std::mt19937_64 m_generator;
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace

QMap<QString, double> AggregationResult::weights() const
{
    QMap<QString, double> out;
    for (const VenueOutcome &v : venues)
        if (v.accepted)
            out.insert(v.venue, v.weight);
    return out;
}

QMap<QString, QString> AggregationResult::rejected() const
{
    QMap<QString, QString> out;
    for (const VenueOutcome &v : venues)
        if (!v.accepted)
            out.insert(v.venue, v.reason);
    return out;
}

QMap<QString, double> AggregationResult::updateNorms() const
{
    QMap<QString, double> out;
    for (const VenueOutcome &v : venues)
        if (v.updateNorm)
            out.insert(v.venue, *v.updateNorm);
    return out;
}

QStringList AggregationResult::acceptedVenues() const
{
    QStringList out;
    for (const VenueOutcome &v : venues)
        if (v.accepted)
            out << v.venue;
    return out;
}

Result<AggregationResult> aggregate(const ModelParameters &global, const QList<VenueUpdate> &updates,
                                    const AggregationOptions &options)
{
    using Rejection = VenueOutcome::Rejection;
    if (const Status consistent = checkConsistent(global); !consistent)
        return Error::make(Error::Kind::Model, tr("The global model is inconsistent, so no round can be aggregated on it."),
                           consistent.error().message);
    if (const auto bad = firstNonFinite(global))
        return Error::make(Error::Kind::Model, tr("The global model holds %1, so no round can be aggregated on it.").arg(bad->describe()));
    if (!std::isfinite(options.dpNoiseSigma) || options.dpNoiseSigma < 0)
        return Error::make(Error::Kind::Usage, tr("The noise σ must be zero or a positive number (got %1).").arg(num(options.dpNoiseSigma)));
    if (options.clipNorm && !(std::isfinite(*options.clipNorm) && *options.clipNorm > 0))
        return Error::make(Error::Kind::Usage, tr("The clipping norm must be a positive number (got %1).").arg(num(*options.clipNorm)));
    if (std::isnan(options.normMultiplier))
        return Error::make(Error::Kind::Usage, tr("The outlier norm multiplier must be a number."));

    AggregationResult result;
    const Flat base = flatten(global);
    std::vector<Flat> deltas(size_t(updates.size()));
    QSet<QString> seen;

    // 1. Per-venue checks: who sent what, in which shape, with which values.
    for (int k = 0; k < updates.size(); ++k) {
        const VenueUpdate &u = updates[k];
        VenueOutcome o;
        o.venue = u.venue;
        o.givenWeight = options.weighting == AggregationOptions::Weighting::Given ? u.weight : double(u.sampleCount);
        const auto reject = [&o](Rejection why, const QString &reason) {
            o.rejection = why;
            o.reason = reason;
        };
        if (seen.contains(u.venue)) {
            reject(Rejection::DuplicateVenue, tr("a second update from the same venue in this round"));
        } else if (!std::isfinite(o.givenWeight) || o.givenWeight < 0) {
            reject(Rejection::InvalidWeight, tr("its weight %1 is not a finite non-negative number").arg(num(o.givenWeight)));
        } else if (const Status same = sameLayout(global, u.parameters); !same) {
            reject(Rejection::WrongShape, same.error().message);
        } else if (const auto bad = firstNonFinite(u.parameters)) {
            reject(Rejection::NonFinite, bad->describe());
        } else {
            Flat delta = flatten(u.parameters);
            if (options.updateKind == AggregationOptions::UpdateKind::FullParameters)
                for (size_t i = 0; i < delta.size(); ++i)
                    delta[i] -= base[i];
            o.updateNorm = norm(delta);
            deltas[size_t(k)] = std::move(delta);
            o.accepted = true;
        }
        seen.insert(u.venue);
        result.venues << o;
    }

    // 2. The outlier test against the round's lower median norm.
    std::vector<double> norms;
    for (const VenueOutcome &o : result.venues)
        if (o.accepted)
            norms.push_back(*o.updateNorm);
    if (norms.size() >= 2 && options.normMultiplier > 0) {
        std::sort(norms.begin(), norms.end());
        result.medianNorm = norms[(norms.size() - 1) / 2];
        if (result.medianNorm > 0) {
            const double limit = options.normMultiplier * result.medianNorm;
            for (VenueOutcome &o : result.venues) {
                if (!o.accepted || *o.updateNorm <= limit)
                    continue;
                o.accepted = false;
                o.rejection = Rejection::NormOutlier;
                o.reason = tr("norm %1 is %2× the round's median %3 (limit %4×)")
                               .arg(num(*o.updateNorm), num(*o.updateNorm / result.medianNorm), num(result.medianNorm),
                                    num(options.normMultiplier));
            }
        }
    }

    double weightSum = 0;
    int acceptedCount = 0;
    for (const VenueOutcome &o : result.venues)
        if (o.accepted) {
            weightSum += o.givenWeight;
            ++acceptedCount;
        }
    for (VenueOutcome &o : result.venues)
        if (!o.accepted)
            qCInfo(lcFederated) << "rejected the update of" << o.venue << ":" << o.reason;

    // 3. Nothing usable: the round keeps the global model.
    if (acceptedCount == 0 || !(weightSum > 0)) {
        result.parameters = global;
        result.updated = false;
        result.keptReason = acceptedCount == 0
            ? (updates.isEmpty() ? tr("No venue sent an update; the global model is kept.")
                                 : tr("Every update was rejected; the global model is kept."))
            : tr("Every accepted update has weight 0; the global model is kept.");
        for (VenueOutcome &o : result.venues)
            o.weight = 0;
        return result;
    }

    // 4. Weighted sum of the (clipped) deltas.
    Flat sum(base.size(), 0.0);
    for (int k = 0; k < result.venues.size(); ++k) {
        VenueOutcome &o = result.venues[k];
        if (!o.accepted)
            continue;
        o.weight = o.givenWeight / weightSum;
        double factor = 1.0;
        if (options.clipNorm && *o.updateNorm > *options.clipNorm) {
            factor = *options.clipNorm / *o.updateNorm;
            o.clipped = true;
        }
        o.appliedNorm = *o.updateNorm * factor;
        const Flat &delta = deltas[size_t(k)];
        const double scale = o.weight * factor;
        for (size_t i = 0; i < sum.size(); ++i)
            sum[i] += scale * delta[i];
    }
    result.aggregateNorm = norm(sum);

    // 5. Gaussian noise on the aggregate.
    if (options.dpNoiseSigma > 0) {
        result.noiseStd = options.clipNorm ? options.dpNoiseSigma * *options.clipNorm : options.dpNoiseSigma;
        GaussianSource gaussian(options.seed);
        for (double &v : sum)
            v += result.noiseStd * gaussian.next();
    }

    result.parameters = global;
    size_t i = 0;
    for (ParameterTensor &t : result.parameters)
        for (float &v : t.values) {
            v = float(base[i] + sum[i]);
            ++i;
        }
    // Finite doubles can still overflow float; such a model must not replace the global one.
    if (const auto bad = firstNonFinite(result.parameters)) {
        result.keptReason = tr("The aggregate overflowed (%1); the global model is kept.").arg(bad->describe());
        result.parameters = global;
        return result;
    }
    result.updated = true;
    return result;
}

} // namespace apedesk::federated
