// Robust aggregation of a federated round on small hand-checked tensors: the exact weighted average
// (full parameters and deltas, FRY weights and FedAvg sample counts), venues rejected with a reason
// that names the problem (NaN/Inf with tensor and index, wrong shape, a 100× norm, a bad weight, a
// duplicate) while the round completes with renormalised weights, clipping that bounds every applied
// norm, seeded Gaussian noise (reproducible, with the standard deviation σ × clip over many values,
// none at σ 0), and a round with nothing accepted keeping the global model. Also the parameter helpers
// the aggregation rests on (layout reasons, first non-finite value, norms, arithmetic, JSON/binary).
#include "federated/robustaggregation.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace apedesk;
using namespace apedesk::federated;
using Rejection = VenueOutcome::Rejection;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// A 2×2 weight and a bias of 2: six values, each `first + i * step`.
ModelParameters model(float first, float step = 1)
{
    ParameterTensor w{QStringLiteral("w"), {2, 2}, {}};
    ParameterTensor b{QStringLiteral("b"), {2}, {}};
    float v = first;
    for (int i = 0; i < 4; ++i, v += step)
        w.values << v;
    for (int i = 0; i < 2; ++i, v += step)
        b.values << v;
    return {w, b};
}

// A delta of the given norm along the first value.
ModelParameters deltaOfNorm(double norm)
{
    ModelParameters d = model(0, 0);
    d[0].values[0] = float(norm);
    return d;
}

VenueUpdate update(const QString &venue, const ModelParameters &parameters, double weight = 1, qint64 samples = 0)
{
    return VenueUpdate{venue, parameters, weight, samples};
}

QVector<float> allValues(const ModelParameters &p)
{
    QVector<float> out;
    for (const ParameterTensor &t : p)
        out += t.values;
    return out;
}

const VenueOutcome &outcome(const AggregationResult &r, const QString &venue)
{
    for (const VenueOutcome &o : r.venues)
        if (o.venue == venue)
            return o;
    qFatal("no outcome for %s", qPrintable(venue));
}

// A large model for the noise statistics: one tensor of n zeros.
ModelParameters zeros(int n)
{
    ParameterTensor t{QStringLiteral("big"), {n}, QVector<float>(n, 0.0f)};
    return {t};
}

} // namespace

class TestRobustAggregation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightedAverageIsExact()
    {
        const ModelParameters global = model(1, 0);   // all ones
        const ModelParameters a = model(1);            // 1..6
        const ModelParameters b = model(3);            // 3..8
        const auto result = aggregate(global, {update(QStringLiteral("okx"), a, 1), update(QStringLiteral("binance"), b, 3)});
        QVERIFY(result.ok());
        QVERIFY(result->updated);
        QVERIFY(result->rejected().isEmpty());
        QCOMPARE(result->weights().value(QStringLiteral("okx")), 0.25);
        QCOMPARE(result->weights().value(QStringLiteral("binance")), 0.75);
        const QVector<float> got = allValues(result->parameters);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(got[i], 0.25f * float(1 + i) + 0.75f * float(3 + i));   // 2.5, 3.5, …: exact in float
        QCOMPARE(result->parameters[1].name, QStringLiteral("b"));
        QCOMPARE(result->parameters[0].shape, (QVector<qint64>{2, 2}));
        // Norms are of the deltas: a − 1 = 0..5, b − 1 = 2..7.
        QVERIFY(std::abs(*outcome(*result, QStringLiteral("okx")).updateNorm - std::sqrt(55.0)) < 1e-12);
        QVERIFY(std::abs(*outcome(*result, QStringLiteral("binance")).updateNorm - std::sqrt(139.0)) < 1e-12);
        QCOMPARE(result->noiseStd, 0.0);
    }

    void deltasAndSampleCounts()
    {
        const ModelParameters global = model(1, 0);
        AggregationOptions options;
        options.updateKind = AggregationOptions::UpdateKind::Delta;
        options.weighting = AggregationOptions::Weighting::SampleCount;
        // Deltas 0..5 and 2..7 with 100 and 300 examples: the same average as above.
        const auto result = aggregate(global, {update(QStringLiteral("okx"), model(0), 99, 100),
                                               update(QStringLiteral("binance"), model(2), 0, 300)},
                                      options);
        QVERIFY(result.ok());
        QCOMPARE(result->weights().value(QStringLiteral("okx")), 0.25);
        const QVector<float> got = allValues(result->parameters);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(got[i], 0.25f * float(1 + i) + 0.75f * float(3 + i));
    }

    void nanVenueIsRejectedAndTheRoundCompletes_data()
    {
        QTest::addColumn<float>("bad");
        QTest::addColumn<QString>("expected");
        QTest::newRow("NaN") << kNaN << QStringLiteral("NaN at tensor b index 1");
        QTest::newRow("+Inf") << kInf << QStringLiteral("+Inf at tensor b index 1");
        QTest::newRow("-Inf") << -kInf << QStringLiteral("-Inf at tensor b index 1");
    }

    void nanVenueIsRejectedAndTheRoundCompletes()
    {
        QFETCH(float, bad);
        QFETCH(QString, expected);
        ModelParameters poisoned = model(2);
        poisoned[1].values[1] = bad;
        const ModelParameters global = model(0, 0);
        const auto result = aggregate(global, {update(QStringLiteral("binance"), model(1), 1), update(QStringLiteral("bybit"), poisoned, 2),
                                               update(QStringLiteral("okx"), model(3), 1)});
        QVERIFY(result.ok());
        QVERIFY(result->updated);
        const VenueOutcome &o = outcome(*result, QStringLiteral("bybit"));
        QVERIFY(!o.accepted);
        QCOMPARE(o.rejection, Rejection::NonFinite);
        QCOMPARE(o.reason, expected);
        QCOMPARE(result->rejected().value(QStringLiteral("bybit")), expected);
        QCOMPARE(o.weight, 0.0);
        QVERIFY(!o.updateNorm);
        // The other two share the round equally; the result is their average, all finite.
        QCOMPARE(result->weights().value(QStringLiteral("binance")), 0.5);
        QCOMPARE(result->weights().value(QStringLiteral("okx")), 0.5);
        QVERIFY(!firstNonFinite(result->parameters));
        const QVector<float> got = allValues(result->parameters);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(got[i], float(2 + i));
    }

    void hundredTimesNormIsRejected()
    {
        AggregationOptions options;
        options.updateKind = AggregationOptions::UpdateKind::Delta;
        const ModelParameters global = model(0, 0);
        const auto result = aggregate(global, {update(QStringLiteral("binance"), deltaOfNorm(1)), update(QStringLiteral("okx"), deltaOfNorm(100)),
                                               update(QStringLiteral("bybit"), deltaOfNorm(1))},
                                      options);
        QVERIFY(result.ok());
        QVERIFY(result->updated);
        QCOMPARE(result->medianNorm, 1.0);
        const VenueOutcome &o = outcome(*result, QStringLiteral("okx"));
        QCOMPARE(o.rejection, Rejection::NormOutlier);
        QCOMPARE(*o.updateNorm, 100.0);
        const QString message = QStringLiteral("reason: ") + o.reason;
        QVERIFY2(o.reason.contains(QStringLiteral("100×")) && o.reason.contains(QStringLiteral("median 1")), qPrintable(message));
        QCOMPARE(result->parameters[0].values[0], 1.0f);   // the honest venues' average
        QCOMPARE(result->updateNorms().value(QStringLiteral("okx")), 100.0);   // still reported

        // With two venues the lower median still singles out the outlier.
        const auto two = aggregate(global, {update(QStringLiteral("binance"), deltaOfNorm(1)), update(QStringLiteral("okx"), deltaOfNorm(100))},
                                   options);
        QVERIFY(two.ok());
        QCOMPARE(two->acceptedVenues(), QStringList{QStringLiteral("binance")});

        // 9× the median passes the default 10× limit; the test can be turned off.
        const auto nine = aggregate(global, {update(QStringLiteral("a"), deltaOfNorm(1)), update(QStringLiteral("b"), deltaOfNorm(9)),
                                             update(QStringLiteral("c"), deltaOfNorm(1))},
                                    options);
        QVERIFY(nine->rejected().isEmpty());
        options.normMultiplier = 0;
        const auto off = aggregate(global, {update(QStringLiteral("binance"), deltaOfNorm(1)), update(QStringLiteral("okx"), deltaOfNorm(100)),
                                            update(QStringLiteral("bybit"), deltaOfNorm(1))},
                                   options);
        QVERIFY(off->rejected().isEmpty());
    }

    void wrongShapeIsRejected()
    {
        const ModelParameters global = model(0, 0);
        ModelParameters wide = model(1);
        wide[0].shape = {2, 3};
        wide[0].values << 9 << 9;
        ModelParameters missing = model(1);
        missing.removeLast();
        ModelParameters renamed = model(1);
        renamed[1].name = QStringLiteral("bias");
        ModelParameters short_ = model(1);
        short_[1].values.removeLast();
        const auto result = aggregate(global, {update(QStringLiteral("wide"), wide), update(QStringLiteral("missing"), missing),
                                               update(QStringLiteral("renamed"), renamed), update(QStringLiteral("short"), short_),
                                               update(QStringLiteral("good"), model(4))});
        QVERIFY(result.ok());
        QCOMPARE(result->acceptedVenues(), QStringList{QStringLiteral("good")});
        QCOMPARE(result->weights().value(QStringLiteral("good")), 1.0);
        const QMap<QString, QString> rejected = result->rejected();
        QCOMPARE(rejected.value(QStringLiteral("wide")), QStringLiteral("wrong shape for tensor w: expected [2, 2], got [2, 3]"));
        QCOMPARE(rejected.value(QStringLiteral("missing")), QStringLiteral("wrong number of tensors: expected 2, got 1"));
        QCOMPARE(rejected.value(QStringLiteral("renamed")), QStringLiteral("wrong tensor at position 1: expected b, got bias"));
        QVERIFY(rejected.value(QStringLiteral("short")).startsWith(QStringLiteral("wrong value count for tensor b")));
        for (const VenueOutcome &o : result->venues)
            if (!o.accepted)
                QCOMPARE(o.rejection, Rejection::WrongShape);
        QCOMPARE(allValues(result->parameters), allValues(model(4)));
    }

    void badWeightsAndDuplicates()
    {
        const ModelParameters global = model(0, 0);
        const auto result = aggregate(global, {update(QStringLiteral("a"), model(1), 1), update(QStringLiteral("a"), model(5), 1),
                                               update(QStringLiteral("neg"), model(1), -1),
                                               update(QStringLiteral("nan"), model(1), std::numeric_limits<double>::quiet_NaN())});
        QVERIFY(result.ok());
        QCOMPARE(result->venues.size(), 4);
        QCOMPARE(result->venues[1].rejection, Rejection::DuplicateVenue);
        QCOMPARE(outcome(*result, QStringLiteral("neg")).rejection, Rejection::InvalidWeight);
        QCOMPARE(outcome(*result, QStringLiteral("nan")).rejection, Rejection::InvalidWeight);
        QCOMPARE(allValues(result->parameters), allValues(model(1)));
    }

    void clippingBoundsNorms()
    {
        AggregationOptions options;
        options.updateKind = AggregationOptions::UpdateKind::Delta;
        options.clipNorm = 0.5;
        options.normMultiplier = 0;   // the two norms differ 100×: clipping, not rejection, is tested here
        ModelParameters big = model(1);   // norm √91
        ModelParameters small = scaled(model(1), 0.01);   // norm ≈ 0.095
        const auto result = aggregate(model(0, 0), {update(QStringLiteral("big"), big, 1), update(QStringLiteral("small"), small, 1)}, options);
        QVERIFY(result.ok());
        const VenueOutcome &b = outcome(*result, QStringLiteral("big"));
        const VenueOutcome &s = outcome(*result, QStringLiteral("small"));
        QVERIFY(b.clipped);
        QVERIFY(std::abs(b.appliedNorm - 0.5) < 1e-12);
        QVERIFY(std::abs(*b.updateNorm - std::sqrt(91.0)) < 1e-6);
        QVERIFY(!s.clipped);
        QCOMPARE(s.appliedNorm, *s.updateNorm);
        for (const VenueOutcome &o : result->venues)
            QVERIFY(o.appliedNorm <= 0.5 + 1e-12);
        QVERIFY(result->aggregateNorm <= 0.5 + 1e-12);
        QVERIFY(l2Norm(result->parameters) <= 0.5 + 1e-6);
        // The clipped delta keeps its direction: 0.5 · big / ‖big‖, weighted ½.
        const double expected = 0.5 * (0.5 * 1.0 / std::sqrt(91.0)) + 0.5 * 0.01;
        QVERIFY(std::abs(result->parameters[0].values[0] - expected) < 1e-6);
    }

    void noiseIsSeededAndHasTheRightScale()
    {
        const int n = 200000;
        const ModelParameters global = zeros(n);
        AggregationOptions options;
        options.clipNorm = 2;
        options.dpNoiseSigma = 0.5;
        options.seed = 1234;
        // Updates identical to the global model: what changes is the noise alone.
        const QList<VenueUpdate> updates{update(QStringLiteral("a"), global), update(QStringLiteral("b"), global)};
        const auto first = aggregate(global, updates, options);
        const auto again = aggregate(global, updates, options);
        QVERIFY(first.ok() && again.ok());
        QVERIFY(first->updated);
        QCOMPARE(first->noiseStd, 1.0);   // σ × clip
        QCOMPARE(first->parameters, again->parameters);
        options.seed = 1235;
        const auto other = aggregate(global, updates, options);
        QVERIFY(other->parameters != first->parameters);

        double sum = 0, squares = 0;
        for (const float v : first->parameters[0].values) {
            sum += v;
            squares += double(v) * v;
        }
        const double mean = sum / n;
        const double std = std::sqrt(squares / n - mean * mean);
        const QString stats = QStringLiteral("mean %1 std %2").arg(mean).arg(std);
        // Standard errors: 1/√n ≈ 0.0022 for the mean, 1/√(2n) ≈ 0.0016 for the std.
        QVERIFY2(std::abs(mean) < 0.015, qPrintable(stats));
        QVERIFY2(std::abs(std - 1.0) < 0.01, qPrintable(stats));

        // Without clipping σ is an absolute standard deviation.
        options.clipNorm.reset();
        options.dpNoiseSigma = 0.3;
        const auto absolute = aggregate(global, updates, options);
        QCOMPARE(absolute->noiseStd, 0.3);
        double sq = 0;
        for (const float v : absolute->parameters[0].values)
            sq += double(v) * v;
        QVERIFY(std::abs(std::sqrt(sq / n) - 0.3) < 0.005);
    }

    void noNoiseAtSigmaZero()
    {
        AggregationOptions options;
        options.clipNorm = 100;
        options.dpNoiseSigma = 0;
        options.seed = 99;
        const auto result = aggregate(model(0, 0), {update(QStringLiteral("a"), model(1)), update(QStringLiteral("b"), model(3))}, options);
        QVERIFY(result.ok());
        QCOMPARE(result->noiseStd, 0.0);
        const QVector<float> got = allValues(result->parameters);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(got[i], float(2 + i));
    }

    void allRejectedKeepsTheGlobalModel()
    {
        const ModelParameters global = model(7);
        ModelParameters poisoned = model(1);
        poisoned[0].values[2] = kNaN;
        ModelParameters wrong = model(1);
        wrong.removeFirst();
        AggregationOptions options;
        options.dpNoiseSigma = 1;   // no noise either: nothing was aggregated
        const auto result = aggregate(global, {update(QStringLiteral("a"), poisoned), update(QStringLiteral("b"), wrong)}, options);
        QVERIFY(result.ok());
        QVERIFY(!result->updated);
        QCOMPARE(result->parameters, global);
        QVERIFY(!result->keptReason.isEmpty());
        QVERIFY(result->weights().isEmpty());
        QCOMPARE(result->rejected().size(), 2);
        QCOMPARE(result->noiseStd, 0.0);

        const auto none = aggregate(global, {});
        QVERIFY(none.ok());
        QVERIFY(!none->updated);
        QCOMPARE(none->parameters, global);

        const auto weightless = aggregate(global, {update(QStringLiteral("a"), model(1), 0)});
        QVERIFY(!weightless->updated);
        QVERIFY(!weightless->keptReason.isEmpty());
    }

    void errorsForABrokenGlobalOrOptions()
    {
        ModelParameters broken = model(0);
        broken[0].values[0] = kNaN;
        QVERIFY(!aggregate(broken, {update(QStringLiteral("a"), model(1))}).ok());
        ModelParameters inconsistent = model(0);
        inconsistent[0].values.removeLast();
        QVERIFY(!aggregate(inconsistent, {}).ok());
        AggregationOptions options;
        options.dpNoiseSigma = -1;
        QVERIFY(!aggregate(model(0), {}, options).ok());
        options = {};
        options.clipNorm = 0;
        QVERIFY(!aggregate(model(0), {}, options).ok());
    }

    // --- the parameter helpers -------------------------------------------------------------

    void layoutAndFiniteChecks()
    {
        QCOMPARE(elementCount(QVector<qint64>{}), qint64(1));
        QCOMPARE(elementCount(QVector<qint64>{64, 15}), qint64(960));
        QCOMPARE(elementCount(QVector<qint64>{3, -1}), qint64(-1));
        QCOMPARE(elementCount(model(0)), qint64(6));
        QVERIFY(checkConsistent(model(0)).ok());
        ModelParameters twice = model(0);
        twice[1].name = QStringLiteral("w");
        twice[1].shape = {2, 2};
        twice[1].values = {1, 2, 3, 4};
        QVERIFY(!checkConsistent(twice).ok());
        QVERIFY(sameLayout(model(0), model(5)).ok());
        QVERIFY(!firstNonFinite(model(0)));
        ModelParameters p = model(0);
        p[0].values[3] = kInf;
        p[1].values[0] = kNaN;
        const auto bad = firstNonFinite(p);
        QVERIFY(bad);
        QCOMPARE(bad->tensor, 0);
        QCOMPARE(bad->index, qint64(3));
        QCOMPARE(bad->describe(), QStringLiteral("+Inf at tensor w index 3"));
    }

    void arithmetic()
    {
        const ModelParameters a = model(1);
        const ModelParameters b = model(3);
        QCOMPARE(l2Norm(model(0, 0)), 0.0);
        QCOMPARE(*l2Distance(a, b), std::sqrt(6 * 4.0));
        QCOMPARE(allValues(*subtract(b, a)), QVector<float>(6, 2.0f));
        QCOMPARE(allValues(*add(a, b)), (QVector<float>{4, 6, 8, 10, 12, 14}));
        QCOMPARE(allValues(scaled(a, 2)), (QVector<float>{2, 4, 6, 8, 10, 12}));
        QCOMPARE(allValues(zerosLike(a)), QVector<float>(6, 0.0f));
        QCOMPARE(allValues(*weightedSum({a, b}, {0.25, 0.75})), (QVector<float>{2.5, 3.5, 4.5, 5.5, 6.5, 7.5}));
        QVERIFY(!weightedSum({}, {}).ok());
        QVERIFY(!weightedSum({a}, {1, 2}).ok());
        QVERIFY(!weightedSum({a, b}, {1, std::numeric_limits<double>::infinity()}).ok());
        ModelParameters other = model(1);
        other[0].shape = {4};
        QVERIFY(!add(a, other).ok());
        QVERIFY(!l2Distance(a, other).ok());
    }

    void jsonAndBinaryRoundTrip()
    {
        ModelParameters p = model(0.1f, 0.37f);
        p[1].values[0] = kNaN;
        p[1].values[1] = -kInf;
        p << ParameterTensor{QStringLiteral("scalar"), {}, {3.14159274f}};
        p << ParameterTensor{QStringLiteral("empty"), {0, 4}, {}};

        const QByteArray json = QJsonDocument(parametersToJson(p)).toJson();
        const auto fromJson = parametersFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(fromJson.ok());
        const auto fromBinary = parametersFromBinary(parametersToBinary(p));
        QVERIFY(fromBinary.ok());
        for (const ModelParameters &back : {*fromJson, *fromBinary}) {
            QCOMPARE(back.size(), p.size());
            for (int t = 0; t < p.size(); ++t) {
                QCOMPARE(back[t].name, p[t].name);
                QCOMPARE(back[t].shape, p[t].shape);
                QCOMPARE(back[t].values.size(), p[t].values.size());
                for (int i = 0; i < p[t].values.size(); ++i)   // bit for bit (NaN compares unequal to itself)
                    QCOMPARE(QByteArray::fromRawData(reinterpret_cast<const char *>(&back[t].values[i]), 4),
                             QByteArray::fromRawData(reinterpret_cast<const char *>(&p[t].values[i]), 4));
            }
        }

        QJsonObject wrong = parametersToJson(model(0));
        wrong.insert(QStringLiteral("format"), QStringLiteral("something else"));
        QVERIFY(!parametersFromJson(wrong).ok());
        QVERIFY(!parametersFromBinary(QByteArray("short")).ok());
    }
};

QTEST_GUILESS_MAIN(TestRobustAggregation)
#include "test_robust_aggregation.moc"
