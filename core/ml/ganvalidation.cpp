#include "ganvalidation.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace apedesk::ml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::GanValidation", text);
}

constexpr double kPi = 3.14159265358979323846;
// scipy.stats.ks_2samp(method='auto') is exact while both samples have at most this many values.
constexpr int kMaxExactKsSize = 10000;

// ---------------------------------------------------------------------------------------------
// One-sample two-sided Kolmogorov distribution, Pr(D_n <= d) / Pr(D_n >= d). The algorithm choice
// follows Simard & L'Ecuyer (2011) as scipy's kstwo does, so the asymptotic two-sample p-values agree.

// Pr(D_n+ >= d), exact (Birnbaum & Tingey 1951): all terms are positive, so the sum is stable.
double smirnovSf(int n, double d)
{
    if (d <= 0.0)
        return 1.0;
    if (d >= 1.0)
        return 0.0;
    const int last = static_cast<int>(std::floor(n * (1.0 - d)));
    const double logNFact = std::lgamma(n + 1.0);
    double sum = 0.0;
    for (int j = 0; j <= last; ++j) {
        const double rest = 1.0 - d - static_cast<double>(j) / n;
        if (rest <= 0.0)
            continue; // 0^(n-j) with n-j > 0
        const double logTerm = logNFact - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0)
                               + (n - j) * std::log(rest) + (j - 1) * std::log(d + static_cast<double>(j) / n);
        sum += std::exp(logTerm);
    }
    return std::clamp(d * sum, 0.0, 1.0);
}

using Matrix = std::vector<double>; // square, row-major

Matrix multiply(const Matrix &a, const Matrix &b, int size)
{
    Matrix c(static_cast<std::size_t>(size) * size, 0.0);
    for (int i = 0; i < size; ++i)
        for (int k = 0; k < size; ++k) {
            const double aik = a[static_cast<std::size_t>(i) * size + k];
            if (aik == 0.0)
                continue;
            for (int j = 0; j < size; ++j)
                c[static_cast<std::size_t>(i) * size + j] += aik * b[static_cast<std::size_t>(k) * size + j];
        }
    return c;
}

// H^power with a decimal exponent kept aside so that the entries stay finite.
void matrixPower(const Matrix &h, int size, int power, Matrix &out, int &outExp10)
{
    if (power == 1) {
        out = h;
        outExp10 = 0;
        return;
    }
    Matrix half;
    int halfExp = 0;
    matrixPower(h, size, power / 2, half, halfExp);
    out = multiply(half, half, size);
    outExp10 = 2 * halfExp;
    if (power % 2 == 1)
        out = multiply(h, out, size);
    const int centre = (size / 2) * size + size / 2;
    if (out[centre] > 1e140) {
        for (double &v : out)
            v *= 1e-140;
        outExp10 += 140;
    }
}

// Pr(D_n < d) by Durbin's matrix, as computed by Marsaglia, Tsang & Wang (2003).
double durbinCdf(int n, double d)
{
    const int k = static_cast<int>(n * d) + 1;
    const int size = 2 * k - 1;
    const double h = k - n * d;
    Matrix m(static_cast<std::size_t>(size) * size, 0.0);
    for (int i = 0; i < size; ++i)
        for (int j = 0; j < size; ++j)
            m[static_cast<std::size_t>(i) * size + j] = (i - j + 1 < 0) ? 0.0 : 1.0;
    for (int i = 0; i < size; ++i) {
        m[static_cast<std::size_t>(i) * size] -= std::pow(h, i + 1);
        m[static_cast<std::size_t>(size - 1) * size + i] -= std::pow(h, size - i);
    }
    if (2 * h - 1 > 0)
        m[static_cast<std::size_t>(size - 1) * size] += std::pow(2 * h - 1, size);
    for (int i = 0; i < size; ++i)
        for (int j = 0; j < size; ++j)
            if (i - j + 1 > 0)
                m[static_cast<std::size_t>(i) * size + j] /= std::tgamma(i - j + 2.0);
    Matrix power;
    int exp10 = 0;
    matrixPower(m, size, n, power, exp10);
    const double centre = power[static_cast<std::size_t>(k - 1) * size + (k - 1)];
    if (centre <= 0.0)
        return 0.0;
    // times n! / n^n
    const double logValue = std::log(centre) + exp10 * std::log(10.0) + std::lgamma(n + 1.0) - n * std::log(double(n));
    return std::clamp(std::exp(logValue), 0.0, 1.0);
}

// Pelz & Good (1976) expansion Pr(D_n <= d) ~ K0 + K1/sqrt(n) + K2/n + K3/n^1.5 in the small-z form
// given by Simard & L'Ecuyer (2011), z = d sqrt(n).
double pelzGoodCdf(int n, double d)
{
    const double z = d * std::sqrt(double(n));
    const double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2, z7 = z6 * z, z8 = z4 * z4, z10 = z8 * z2;
    if (-kPi * kPi / (8.0 * z2) < -708.0)
        return 0.0;
    const double pi2 = kPi * kPi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
    const double sqrt2pi = std::sqrt(2.0 * kPi);
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0; // sums over half-integers u = k - 1/2
    double t2 = 0.0, t3 = 0.0;                     // sums over integers k
    for (int k = 1; k <= 1000; ++k) {
        const double u = k - 0.5;
        const double u2 = u * u, u4 = u2 * u2, u6 = u4 * u2;
        const double e = std::exp(-pi2 * u2 / (2.0 * z2));
        const double ek = std::exp(-pi2 * double(k) * k / (2.0 * z2));
        s0 += e;
        s1 += (pi2 * u2 - z2) * e;
        s2 += ((6 * z6 + 2 * z4) + pi2 * (2 * z4 - 5 * z2) * u2 + pi4 * (1 - 2 * z2) * u4) * e;
        s3 += ((-30 * z6 - 90 * z8) + pi2 * (135 * z4 - 96 * z6) * u2 + pi4 * (212 * z4 - 60 * z2) * u4
               + pi6 * (5 - 30 * z2) * u6) * e;
        t2 += double(k) * k * ek;
        t3 += (3 * z2 - pi2 * double(k) * k) * double(k) * k * ek;
        if (e == 0.0 && ek == 0.0)
            break;
    }
    const double k0 = sqrt2pi / z * s0;
    const double k1 = sqrt2pi / (6 * z4) * s1;
    const double k2 = sqrt2pi / (72 * z7) * s2 - pi2 * sqrt2pi / (36 * z3) * t2;
    const double k3 = sqrt2pi / (6480 * z10) * s3 + pi2 * sqrt2pi / (216 * z6) * t3;
    const double sn = std::sqrt(double(n));
    return k0 + k1 / sn + k2 / n + k3 / (n * sn);
}

double clampProbability(double p)
{
    return std::isnan(p) ? p : std::clamp(p, 0.0, 1.0);
}

} // namespace

double ksOneSampleSf(int n, double d)
{
    if (n <= 0 || std::isnan(d))
        return std::numeric_limits<double>::quiet_NaN();
    if (d >= 1.0)
        return 0.0;
    if (d <= 0.0)
        return 1.0;
    const double t = n * d;
    if (t <= 1.0) { // Ruben & Gambino: exact between 1/(2n) and 1/n
        if (t <= 0.5)
            return 1.0;
        const double cdf = std::exp(std::lgamma(n + 1.0) - n * std::log(double(n)) + n * std::log(2 * t - 1));
        return clampProbability(1.0 - cdf);
    }
    if (t >= n - 1)
        return clampProbability(2.0 * std::pow(1.0 - d, n));
    if (d >= 0.5) // the one-sided events cannot both happen
        return clampProbability(2.0 * smirnovSf(n, d));
    const double nd2 = t * d;
    if (n <= 140) {
        if (nd2 <= 4.0)
            return clampProbability(1.0 - durbinCdf(n, d));
        return clampProbability(2.0 * smirnovSf(n, d));
    }
    if (nd2 >= 370.0)
        return 0.0;
    if (nd2 >= 2.2) // the intersection of both one-sided tails is negligible here
        return clampProbability(2.0 * smirnovSf(n, d));
    const double cdf = (n <= 100000 && n * std::pow(d, 1.5) <= 1.4) ? durbinCdf(n, d) : pelzGoodCdf(n, d);
    return clampProbability(1.0 - cdf);
}

double ksTwoSampleExactSf(int m, int n, double d)
{
    // The statistic takes values h / lcm(m, n); the path (0,0) -> (m,n) steps right for a value of the
    // first sample and up for one of the second, and D >= h / lcm exactly when some point has
    // |i n - j m| >= h g. Walking probabilities (an urn without replacement) stay in [0, 1] where the
    // raw path counts would overflow.
    const long long g = std::gcd(m, n);
    const long long lcm = static_cast<long long>(m / g) * n;
    const long long h = std::llround(d * static_cast<double>(lcm));
    if (h <= 0)
        return 1.0;
    const long long bound = h * g;
    auto inside = [m, n, bound](long long i, long long j) { return std::llabs(i * n - j * m) < bound; };
    std::vector<double> row(static_cast<std::size_t>(n) + 1, 0.0);
    std::vector<double> next(static_cast<std::size_t>(n) + 1, 0.0);
    row[0] = 1.0;
    for (int i = 0; i <= m; ++i) {
        std::fill(next.begin(), next.end(), 0.0);
        for (int j = 0; j <= n; ++j) {
            if (!inside(i, j)) {
                row[j] = 0.0;
                continue;
            }
            const double p = row[j];
            if (p == 0.0)
                continue;
            const double remaining = double(m - i) + double(n - j);
            if (remaining == 0.0)
                continue;
            if (j < n)
                row[j + 1] += p * double(n - j) / remaining;
            if (i < m)
                next[j] += p * double(m - i) / remaining;
        }
        if (i == m)
            return clampProbability(1.0 - row[n]);
        std::swap(row, next);
    }
    return 1.0; // not reached
}

Result<KsResult> ksTwoSample(std::vector<double> a, std::vector<double> b)
{
    if (a.empty() || b.empty())
        return Error::make(Error::Kind::Usage, tr("The Kolmogorov-Smirnov test needs two non-empty samples."));
    const auto finite = [](const std::vector<double> &v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    if (!finite(a) || !finite(b))
        return Error::make(Error::Kind::Usage, tr("The Kolmogorov-Smirnov test needs finite numbers."));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const std::size_t n1 = a.size(), n2 = b.size();
    // Right-continuous ECDFs at every pooled value: equal values move both ECDFs before comparing.
    double maxPlus = 0.0, maxMinus = 0.0;
    std::size_t i = 0, j = 0;
    while (i < n1 || j < n2) {
        const double v = (j >= n2 || (i < n1 && a[i] <= b[j])) ? a[i] : b[j];
        while (i < n1 && a[i] <= v)
            ++i;
        while (j < n2 && b[j] <= v)
            ++j;
        const double diff = double(i) / double(n1) - double(j) / double(n2);
        maxPlus = std::max(maxPlus, diff);
        maxMinus = std::max(maxMinus, -diff);
    }
    KsResult result;
    result.statistic = std::max(maxPlus, maxMinus);
    if (std::max(n1, n2) <= static_cast<std::size_t>(kMaxExactKsSize)) {
        const long long g = std::gcd(static_cast<long long>(n1), static_cast<long long>(n2));
        const double lcm = double(n1 / g) * double(n2);
        // The exact distribution lives on multiples of 1/lcm; report D on that grid as scipy does.
        result.statistic = double(std::llround(result.statistic * lcm)) / lcm;
        result.pValue = ksTwoSampleExactSf(int(n1), int(n2), result.statistic);
        result.exact = true;
        if (!std::isnan(result.pValue))
            return result;
    }
    const double big = double(std::max(n1, n2)), small = double(std::min(n1, n2));
    const double en = big * small / (big + small);
    result.pValue = ksOneSampleSf(static_cast<int>(std::nearbyint(en)), result.statistic);
    result.exact = false;
    return result;
}

// ---------------------------------------------------------------------------------------------
// Grades

namespace {
ValidationGrade gradeBy(double value, double excellent, double good, double fair)
{
    if (value < excellent)
        return ValidationGrade::Excellent;
    if (value < good)
        return ValidationGrade::Good;
    if (value < fair)
        return ValidationGrade::Fair;
    return ValidationGrade::Poor;
}
} // namespace

QString validationGradeText(ValidationGrade grade)
{
    switch (grade) {
    case ValidationGrade::Excellent: return tr("EXCELLENT");
    case ValidationGrade::Good: return tr("GOOD");
    case ValidationGrade::Fair: return tr("FAIR");
    case ValidationGrade::Poor: return tr("POOR");
    }
    return {};
}

QString validationGradeKey(ValidationGrade grade)
{
    switch (grade) {
    case ValidationGrade::Excellent: return QStringLiteral("excellent");
    case ValidationGrade::Good: return QStringLiteral("good");
    case ValidationGrade::Fair: return QStringLiteral("fair");
    case ValidationGrade::Poor: return QStringLiteral("poor");
    }
    return {};
}

ValidationGrade gradeFeature(double ks, double meanDiff, double stdDiff)
{
    // The worst of the three criteria decides: every one must pass a level.
    const auto worst = std::max({gradeBy(ks, 0.1, 0.2, 0.3), gradeBy(meanDiff, 0.10, 0.20, 0.30),
                                 gradeBy(stdDiff, 0.15, 0.30, 0.50)});
    return worst;
}

ValidationGrade gradeAutocorrelation(double meanAbsDiff)
{
    return gradeBy(meanAbsDiff, 0.1, 0.2, 0.3);
}

ValidationGrade gradeOverall(double averageKs, double averageAutocorrelationDiff)
{
    return std::max(gradeBy(averageKs, 0.1, 0.2, 0.3), gradeBy(averageAutocorrelationDiff, 0.1, 0.2, 0.3));
}

// ---------------------------------------------------------------------------------------------
// Statistics

SequenceSet SequenceSet::fromDoubles(const double *data, int count, int steps, int features)
{
    SequenceSet set;
    set.count = count;
    set.steps = steps;
    set.features = features;
    set.values.assign(data, data + static_cast<std::size_t>(count) * steps * features);
    return set;
}

SequenceSet SequenceSet::fromFloats(const float *data, int count, int steps, int features)
{
    SequenceSet set;
    set.count = count;
    set.steps = steps;
    set.features = features;
    set.values.assign(data, data + static_cast<std::size_t>(count) * steps * features);
    return set;
}

double laggedAutocorrelation(const SequenceSet &set, int feature, int lag)
{
    double n = 0, sx = 0, sy = 0;
    for (int s = 0; s < set.count; ++s)
        for (int t = 0; t + lag < set.steps; ++t) {
            sx += set.at(s, t, feature);
            sy += set.at(s, t + lag, feature);
            n += 1;
        }
    if (n < 2)
        return 0.0;
    const double mx = sx / n, my = sy / n;
    double sxx = 0, syy = 0, sxy = 0;
    for (int s = 0; s < set.count; ++s)
        for (int t = 0; t + lag < set.steps; ++t) {
            const double dx = set.at(s, t, feature) - mx, dy = set.at(s, t + lag, feature) - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
    if (sxx <= 0.0 || syy <= 0.0)
        return 0.0; // constant: no defined correlation
    return sxy / std::sqrt(sxx * syy);
}

namespace {

struct Summary
{
    double mean = 0, std = 0, median = 0, min = 0, max = 0;
};

// std with ddof 0, as numpy's np.std in the tutorial's validator.
Summary summarise(std::vector<double> v)
{
    Summary s;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    s.min = v.front();
    s.max = v.back();
    s.median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(n);
    double ss = 0;
    for (double x : v)
        ss += (x - s.mean) * (x - s.mean);
    s.std = std::sqrt(ss / double(n));
    return s;
}

std::vector<double> column(const SequenceSet &set, int feature)
{
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(set.count) * set.steps);
    for (int s = 0; s < set.count; ++s)
        for (int t = 0; t < set.steps; ++t)
            out.push_back(set.at(s, t, feature));
    return out;
}

// Relative difference against the real value; the epsilon keeps a zero real statistic finite.
double relativeDiff(double real, double synthetic)
{
    return std::abs(real - synthetic) / (std::abs(real) + 1e-8);
}

Status checkSet(const SequenceSet &set, const QString &which, int features)
{
    if (set.count <= 0)
        return Error::make(Error::Kind::Usage, tr("The %1 data has no sequences.").arg(which));
    if (set.features != features)
        return Error::make(Error::Kind::Usage, tr("The %1 data has %2 features, expected %3.")
                                                   .arg(which).arg(set.features).arg(features));
    if (set.steps <= kAutocorrelationLags)
        return Error::make(Error::Kind::Usage, tr("The %1 sequences have %2 steps; autocorrelation at lag %3 "
                                                  "needs more.").arg(which).arg(set.steps).arg(kAutocorrelationLags));
    if (set.values.size() != static_cast<std::size_t>(set.count) * set.steps * set.features)
        return Error::make(Error::Kind::Usage, tr("The %1 data block does not match its shape.").arg(which));
    for (double v : set.values)
        if (!std::isfinite(v))
            return Error::make(Error::Kind::Format, tr("The %1 data contains a value that is not a finite number.")
                                                        .arg(which));
    return {};
}

} // namespace

Result<ValidationReport> validate(const SequenceSet &real, const SequenceSet &synthetic,
                                  const QStringList &featureNames)
{
    const int features = int(featureNames.size());
    if (features == 0)
        return Error::make(Error::Kind::Usage, tr("Validation needs at least one feature."));
    if (Status st = checkSet(real, tr("real"), features); !st)
        return st.error();
    if (Status st = checkSet(synthetic, tr("synthetic"), features); !st)
        return st.error();
    if (real.steps != synthetic.steps)
        return Error::make(Error::Kind::Usage, tr("Real sequences have %1 steps but synthetic ones have %2.")
                                                   .arg(real.steps).arg(synthetic.steps));

    ValidationReport report;
    report.realSequences = real.count;
    report.syntheticSequences = synthetic.count;
    report.steps = real.steps;
    double ksSum = 0, acSum = 0;
    for (int f = 0; f < features; ++f) {
        std::vector<double> r = column(real, f), s = column(synthetic, f);
        FeatureValidation fv;
        fv.name = featureNames.at(f);
        const Summary rs = summarise(r), ss = summarise(s);
        Result<KsResult> ks = ksTwoSample(std::move(r), std::move(s));
        if (!ks)
            return ks.error();
        fv.ks = ks->statistic;
        fv.pValue = ks->pValue;
        fv.realMean = rs.mean, fv.realStd = rs.std, fv.realMedian = rs.median, fv.realMin = rs.min, fv.realMax = rs.max;
        fv.syntheticMean = ss.mean, fv.syntheticStd = ss.std, fv.syntheticMedian = ss.median;
        fv.syntheticMin = ss.min, fv.syntheticMax = ss.max;
        fv.meanDiff = relativeDiff(rs.mean, ss.mean);
        fv.stdDiff = relativeDiff(rs.std, ss.std);
        fv.grade = gradeFeature(fv.ks, fv.meanDiff, fv.stdDiff);
        ksSum += fv.ks;
        report.features.push_back(fv);

        AutocorrelationValidation ac;
        ac.name = fv.name;
        double diffSum = 0;
        for (int lag = 1; lag <= kAutocorrelationLags; ++lag) {
            ac.real[lag - 1] = laggedAutocorrelation(real, f, lag);
            ac.synthetic[lag - 1] = laggedAutocorrelation(synthetic, f, lag);
            diffSum += std::abs(ac.real[lag - 1] - ac.synthetic[lag - 1]);
        }
        ac.meanAbsDiff = diffSum / kAutocorrelationLags;
        ac.grade = gradeAutocorrelation(ac.meanAbsDiff);
        acSum += ac.meanAbsDiff;
        report.autocorrelation.push_back(ac);
    }
    report.averageKs = ksSum / features;
    report.averageAutocorrelationDiff = acSum / features;
    report.overall = gradeOverall(report.averageKs, report.averageAutocorrelationDiff);
    qCInfo(lcMl) << "GAN validation:" << features << "features, average KS" << report.averageKs
                 << "average autocorrelation diff" << report.averageAutocorrelationDiff << "overall"
                 << validationGradeKey(report.overall);
    return report;
}

// ---------------------------------------------------------------------------------------------
// Output

QString validationReportText(const ValidationReport &report)
{
    QString text;
    QTextStream out(&text);
    const auto num = [](double v, int precision = 4) { return QString::number(v, 'g', precision); };
    // QString(...): with QStringBuilder a bare `a + b` would return a builder over a dead temporary.
    const auto pct = [](double v) { return QString(QString::number(v * 100.0, 'f', 1) + QLatin1Char('%')); };
    out << tr("GAN SYNTHETIC DATA VALIDATION REPORT") << '\n' << QString(50, QLatin1Char('=')) << "\n\n";
    out << tr("Real sequences: %1").arg(report.realSequences) << '\n';
    out << tr("Synthetic sequences: %1").arg(report.syntheticSequences) << '\n';
    out << tr("Steps per sequence: %1").arg(report.steps) << "\n\n";
    out << tr("OVERALL GRADE: %1").arg(validationGradeText(report.overall)) << '\n';
    out << tr("Average KS statistic: %1").arg(num(report.averageKs)) << '\n';
    out << tr("Average autocorrelation difference: %1").arg(num(report.averageAutocorrelationDiff)) << "\n\n";

    out << tr("FEATURE STATISTICS") << '\n' << QString(50, QLatin1Char('-')) << '\n';
    for (const FeatureValidation &f : report.features) {
        out << f.name << ": " << validationGradeText(f.grade) << '\n';
        out << "  " << tr("KS statistic %1, p-value %2").arg(num(f.ks), num(f.pValue)) << '\n';
        out << "  " << tr("real:      mean %1, std %2, median %3, min %4, max %5")
                           .arg(num(f.realMean, 6), num(f.realStd, 6), num(f.realMedian, 6), num(f.realMin, 6),
                                num(f.realMax, 6)) << '\n';
        out << "  " << tr("synthetic: mean %1, std %2, median %3, min %4, max %5")
                           .arg(num(f.syntheticMean, 6), num(f.syntheticStd, 6), num(f.syntheticMedian, 6),
                                num(f.syntheticMin, 6), num(f.syntheticMax, 6)) << '\n';
        out << "  " << tr("mean difference %1, std difference %2").arg(pct(f.meanDiff), pct(f.stdDiff)) << '\n';
    }
    out << '\n' << tr("AUTOCORRELATION (lags 1-%1)").arg(kAutocorrelationLags) << '\n'
        << QString(50, QLatin1Char('-')) << '\n';
    for (const AutocorrelationValidation &a : report.autocorrelation) {
        out << a.name << ": " << validationGradeText(a.grade) << "  "
            << tr("mean absolute difference %1").arg(num(a.meanAbsDiff)) << '\n';
        QStringList real, synthetic;
        for (int i = 0; i < kAutocorrelationLags; ++i) {
            real << QString::number(a.real[i], 'f', 3);
            synthetic << QString::number(a.synthetic[i], 'f', 3);
        }
        out << "  " << tr("real:      %1").arg(real.join(QLatin1Char(' '))) << '\n';
        out << "  " << tr("synthetic: %1").arg(synthetic.join(QLatin1Char(' '))) << '\n';
    }
    out.flush();
    return text;
}

Status writeValidationReport(const QString &path, const ValidationReport &report)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, tr("Cannot write the validation report %1.").arg(path),
                           file.errorString());
    const QByteArray bytes = validationReportText(report).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write the validation report %1.").arg(path),
                           file.errorString());
    return {};
}

QJsonObject validationReportJson(const ValidationReport &report)
{
    // JSON has no NaN; a p-value is never NaN after validate(), but keep the output valid regardless.
    const auto number = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); };
    QJsonArray features;
    for (const FeatureValidation &f : report.features) {
        const auto stats = [&number](double mean, double std, double median, double min, double max) {
            return QJsonObject{{QStringLiteral("mean"), number(mean)}, {QStringLiteral("std"), number(std)},
                               {QStringLiteral("median"), number(median)}, {QStringLiteral("min"), number(min)},
                               {QStringLiteral("max"), number(max)}};
        };
        features.append(QJsonObject{
            {QStringLiteral("name"), f.name},
            {QStringLiteral("ks"), number(f.ks)},
            {QStringLiteral("p_value"), number(f.pValue)},
            {QStringLiteral("real"), stats(f.realMean, f.realStd, f.realMedian, f.realMin, f.realMax)},
            {QStringLiteral("synthetic"), stats(f.syntheticMean, f.syntheticStd, f.syntheticMedian, f.syntheticMin,
                                                f.syntheticMax)},
            {QStringLiteral("mean_diff"), number(f.meanDiff)},
            {QStringLiteral("std_diff"), number(f.stdDiff)},
            {QStringLiteral("grade"), validationGradeKey(f.grade)},
        });
    }
    QJsonArray autocorrelation;
    for (const AutocorrelationValidation &a : report.autocorrelation) {
        QJsonArray real, synthetic;
        for (int i = 0; i < kAutocorrelationLags; ++i) {
            real.append(number(a.real[i]));
            synthetic.append(number(a.synthetic[i]));
        }
        autocorrelation.append(QJsonObject{{QStringLiteral("name"), a.name},
                                           {QStringLiteral("real"), real},
                                           {QStringLiteral("synthetic"), synthetic},
                                           {QStringLiteral("mean_abs_diff"), number(a.meanAbsDiff)},
                                           {QStringLiteral("grade"), validationGradeKey(a.grade)}});
    }
    return QJsonObject{{QStringLiteral("real_sequences"), report.realSequences},
                       {QStringLiteral("synthetic_sequences"), report.syntheticSequences},
                       {QStringLiteral("steps"), report.steps},
                       {QStringLiteral("features"), features},
                       {QStringLiteral("autocorrelation"), autocorrelation},
                       {QStringLiteral("average_ks"), number(report.averageKs)},
                       {QStringLiteral("average_autocorrelation_diff"), number(report.averageAutocorrelationDiff)},
                       {QStringLiteral("overall_grade"), validationGradeKey(report.overall)}};
}

// ---------------------------------------------------------------------------------------------
// Synthetic CSV

Result<SyntheticCsv> readSyntheticCsv(QIODevice &in)
{
    const auto formatError = [](int line, const QString &what) {
        return Error::make(Error::Kind::Format, tr("Line %1 of the synthetic CSV: %2").arg(line).arg(what));
    };
    int lineNo = 0;
    QStringList header;
    while (!in.atEnd() && header.isEmpty()) {
        ++lineNo;
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        if (!line.isEmpty())
            header = line.split(QLatin1Char(','));
    }
    if (header.isEmpty())
        return Error::make(Error::Kind::Format, tr("The synthetic CSV is empty."));
    for (QString &h : header)
        h = h.trimmed();
    if (header.size() < 4 || header.at(0) != QLatin1String("sequence_id") || header.at(1) != QLatin1String("step")
        || header.at(2) != QLatin1String("timestamp"))
        return formatError(lineNo, tr("expected the columns sequence_id, step, timestamp and then the features."));
    SyntheticCsv csv;
    csv.featureNames = header.mid(3);
    const int features = int(csv.featureNames.size());

    // sequence id -> step -> row values; sequences keep the order of their first appearance.
    std::vector<long long> order;
    std::map<long long, std::map<long long, std::vector<double>>> bySequence;
    while (!in.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList cells = line.split(QLatin1Char(','));
        if (cells.size() != header.size())
            return formatError(lineNo, tr("%1 columns, expected %2.").arg(cells.size()).arg(header.size()));
        bool ok = false;
        const long long sequence = cells.at(0).trimmed().toLongLong(&ok);
        if (!ok)
            return formatError(lineNo, tr("sequence_id \"%1\" is not an integer.").arg(cells.at(0)));
        const long long step = cells.at(1).trimmed().toLongLong(&ok);
        if (!ok || step < 0)
            return formatError(lineNo, tr("step \"%1\" is not a non-negative integer.").arg(cells.at(1)));
        std::vector<double> row(static_cast<std::size_t>(features));
        for (int f = 0; f < features; ++f) {
            const double v = cells.at(3 + f).trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(v))
                return formatError(lineNo, tr("%1 \"%2\" is not a finite number.")
                                               .arg(csv.featureNames.at(f), cells.at(3 + f)));
            row[static_cast<std::size_t>(f)] = v;
        }
        auto &steps = bySequence[sequence];
        if (steps.empty())
            order.push_back(sequence);
        if (!steps.emplace(step, std::move(row)).second)
            return formatError(lineNo, tr("sequence %1 has step %2 twice.").arg(sequence).arg(step));
    }
    if (order.empty())
        return Error::make(Error::Kind::Format, tr("The synthetic CSV has a header but no rows."));

    const int steps = int(bySequence[order.front()].size());
    csv.sequences.count = int(order.size());
    csv.sequences.steps = steps;
    csv.sequences.features = features;
    csv.sequences.values.reserve(order.size() * static_cast<std::size_t>(steps) * features);
    for (long long sequence : order) {
        const auto &rows = bySequence[sequence];
        if (int(rows.size()) != steps)
            return Error::make(Error::Kind::Format, tr("Sequence %1 of the synthetic CSV has %2 steps, sequence %3 "
                                                       "has %4.").arg(sequence).arg(rows.size())
                                                        .arg(order.front()).arg(steps));
        if (rows.rbegin()->first != steps - 1)
            return Error::make(Error::Kind::Format, tr("Sequence %1 of the synthetic CSV does not number its steps "
                                                       "0 to %2.").arg(sequence).arg(steps - 1));
        for (const auto &entry : rows)
            csv.sequences.values.insert(csv.sequences.values.end(), entry.second.begin(), entry.second.end());
    }
    return csv;
}

Result<SyntheticCsv> readSyntheticCsvFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot open the synthetic CSV %1.").arg(path), file.errorString());
    Result<SyntheticCsv> csv = readSyntheticCsv(file);
    if (!csv)
        return Error::make(csv.error().kind, csv.error().message, path);
    return csv;
}

} // namespace apedesk::ml
