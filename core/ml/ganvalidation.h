#pragma once
// Statistical validation of GAN-generated swap sequences against real windows: two-sample
// Kolmogorov-Smirnov per feature, summary statistics, autocorrelation at lags 1-10 and grades.
// Plain C++/Qt: no libtorch here, so this compiles fast and runs without a model.

#include "common/error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <cstddef>
#include <vector>

class QIODevice;

namespace apedesk::ml {

enum class ValidationGrade { Excellent, Good, Fair, Poor };

// "EXCELLENT", "GOOD", ... (translated, for people).
QString validationGradeText(ValidationGrade grade);
// "excellent", "good", "fair", "poor": a stable key for JSON and for the UI to pick a colour.
QString validationGradeKey(ValidationGrade grade);

// Sequences as one row-major block: values[(sequence * steps + step) * features + feature].
struct SequenceSet
{
    int count = 0;
    int steps = 0;
    int features = 0;
    std::vector<double> values;

    static SequenceSet fromDoubles(const double *data, int count, int steps, int features);
    static SequenceSet fromFloats(const float *data, int count, int steps, int features);
    double at(int sequence, int step, int feature) const
    {
        return values[(static_cast<std::size_t>(sequence) * steps + step) * features + feature];
    }
};

// ---- Two-sample Kolmogorov-Smirnov, as scipy.stats.ks_2samp(method='auto', two-sided) ----
struct KsResult
{
    double statistic = 0.0;   // D = sup |F1 - F2| over the pooled sample (ties: right-continuous ECDFs)
    double pValue = 1.0;
    bool exact = false;       // exact lattice-path distribution (max(n1, n2) <= 10000), else asymptotic
};
// Empty input or a value that is not finite is an error.
Result<KsResult> ksTwoSample(std::vector<double> a, std::vector<double> b);
// Pr(D_{m,n} >= h / lcm(m, n)) under H0, by counting lattice paths (two-sided, exact).
double ksTwoSampleExactSf(int m, int n, double d);
// Pr(D_n >= d) for the one-sample two-sided statistic (scipy's kstwo.sf); the asymptotic path uses
// it with n = round(m n / (m + n)).
double ksOneSampleSf(int n, double d);

// ---- Per-feature validation ----
struct FeatureValidation
{
    QString name;
    double ks = 0.0;
    double pValue = 1.0;
    double realMean = 0.0, realStd = 0.0, realMedian = 0.0, realMin = 0.0, realMax = 0.0;
    double syntheticMean = 0.0, syntheticStd = 0.0, syntheticMedian = 0.0, syntheticMin = 0.0, syntheticMax = 0.0;
    double meanDiff = 0.0;   // |real - synthetic| / |real| as a fraction (0.1 = 10 %)
    double stdDiff = 0.0;
    ValidationGrade grade = ValidationGrade::Poor;
};

constexpr int kAutocorrelationLags = 10;

struct AutocorrelationValidation
{
    QString name;
    std::array<double, kAutocorrelationLags> real{};       // lag 1 .. 10
    std::array<double, kAutocorrelationLags> synthetic{};
    double meanAbsDiff = 0.0;
    ValidationGrade grade = ValidationGrade::Poor;
};

struct ValidationReport
{
    int realSequences = 0;
    int syntheticSequences = 0;
    int steps = 0;
    std::vector<FeatureValidation> features;
    std::vector<AutocorrelationValidation> autocorrelation;
    double averageKs = 0.0;
    double averageAutocorrelationDiff = 0.0;
    ValidationGrade overall = ValidationGrade::Poor;
};

// Grade rules (the tutorial's cut-offs).
ValidationGrade gradeFeature(double ks, double meanDiff, double stdDiff);
ValidationGrade gradeAutocorrelation(double meanAbsDiff);
ValidationGrade gradeOverall(double averageKs, double averageAutocorrelationDiff);

// Pearson correlation of x[:, :-lag] against x[:, lag:] flattened over all sequences, for one feature.
// A constant series has no defined correlation; it counts as 0.
double laggedAutocorrelation(const SequenceSet &set, int feature, int lag);

// Both sets must have the same steps (> 10) and features == featureNames.size().
Result<ValidationReport> validate(const SequenceSet &real, const SequenceSet &synthetic,
                                  const QStringList &featureNames);

// A readable report like the tutorial's summary_report.txt, grades included.
QString validationReportText(const ValidationReport &report);
Status writeValidationReport(const QString &path, const ValidationReport &report);
// The CLI's --json form.
QJsonObject validationReportJson(const ValidationReport &report);

// ---- The tutorial's synthetic CSV: sequence_id, step, timestamp, then one column per feature ----
struct SyntheticCsv
{
    QStringList featureNames;
    SequenceSet sequences;
};
Result<SyntheticCsv> readSyntheticCsv(QIODevice &in);
Result<SyntheticCsv> readSyntheticCsvFile(const QString &path);

} // namespace apedesk::ml
