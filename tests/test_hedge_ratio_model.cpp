// The federated hedge-ratio model on real libtorch, through its public API only: the parameter layout
// and its seeded initialisation, the bit-exact trip parameters → module → parameters, predictions in
// (0, 1), the round's learning rate, learning a synthetic target far better than its mean, local
// training on real demo venues (and what it does and does not achieve there), determinism for a seed
// (also with two venues training at once on two threads), and clear errors for NaN features, a
// diverging loss, a wrong layout, bad options and cancel.

#include "hedgeratiomodel.h"

#include "federated/venuedata.h"

#include <QFileInfo>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <thread>

using namespace apedesk;
using namespace apedesk::ml;
using federated::ModelParameters;
using federated::VenueDataset;

namespace {

QString swapsCsv()
{
    return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv");
}

// Bitwise equality: operator== on floats takes −0 for +0 and never matches a NaN.
bool bitIdentical(const ModelParameters &a, const ModelParameters &b)
{
    if (a.size() != b.size())
        return false;
    for (int t = 0; t < a.size(); ++t) {
        if (a[t].name != b[t].name || a[t].shape != b[t].shape || a[t].values.size() != b[t].values.size())
            return false;
        if (std::memcmp(a[t].values.constData(), b[t].values.constData(), size_t(a[t].values.size()) * sizeof(float)) != 0)
            return false;
    }
    return true;
}

bool allFinite(const ModelParameters &parameters)
{
    return !federated::firstNonFinite(parameters).has_value();
}

// A learnable venue: features uniform in [−1, 1] (feature 9 and the regime one-hot in [0, 1], as in the
// real data), target = sigmoid(w · x + b) with fixed weights, plus a little noise. Time order does not
// matter here, so the split has no purge gap.
VenueDataset syntheticVenue(int samples, double heldOutFraction, quint64 seed)
{
    static const double w[kHedgeRatioInputs] = {1.8, -1.2, 0.9, 0, 1.5, -2.0, 0.6, 0, -0.8, 1.1, 0.7, -0.5, 0, 0.4, -1.0};
    std::mt19937_64 rng(seed);
    const auto uniform = [&rng](double lo, double hi) { return lo + (hi - lo) * (double(rng() >> 11) * 0x1.0p-53); };
    VenueDataset data;
    data.venue = QStringLiteral("synthetic");
    for (int s = 0; s < samples; ++s) {
        double z = 0.3;
        for (int f = 0; f < kHedgeRatioInputs; ++f) {
            const double x = (f >= 9) ? uniform(0, 1) : uniform(-1, 1);
            data.features.append(float(x));
            z += w[f] * x;
        }
        const double target = 1.0 / (1.0 + std::exp(-z)) + uniform(-0.02, 0.02);
        data.targets.append(float(std::clamp(target, 0.0, 1.0)));
    }
    data.trainCount = int(samples * (1 - heldOutFraction));
    data.heldOutStart = data.trainCount;
    return data;
}

double populationStd(const QVector<float> &values)
{
    double mean = 0;
    for (const float v : values)
        mean += v;
    mean /= values.size();
    double sum = 0;
    for (const float v : values)
        sum += (v - mean) * (v - mean);
    return std::sqrt(sum / values.size());
}

LocalTrainingOptions quickOptions(quint64 seed = 5)
{
    LocalTrainingOptions options;
    options.epochs = 2;
    options.seed = seed;
    options.threads = 1;
    return options;
}

} // namespace

class TestHedgeRatioModel : public QObject
{
    Q_OBJECT

private:
    VenueDataset m_demo;   // the first demo venue (binance), built once
    VenueDataset m_okx;    // the second (okx)

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(swapsCsv()), "APEDESK_SHARED_DIR must point at the shared folder with data/base_eth_usdc_swaps.csv");
        const QList<federated::VenueSpec> venues = federated::defaultDemoVenues(swapsCsv());
        QVERIFY(!venues.isEmpty());
        QCOMPARE(venues.size(), 3);
        Result<VenueDataset> data = federated::buildVenueDataset(venues[0]);
        QString why = data ? QString() : data.error().toString();
        QVERIFY2(data, qPrintable(why));
        m_demo = std::move(data).value();
        data = federated::buildVenueDataset(venues[1]);
        why = data ? QString() : data.error().toString();
        QVERIFY2(data, qPrintable(why));
        m_okx = std::move(data).value();
    }

    void initialLayout()
    {
        const QStringList names{QStringLiteral("fc1.weight"), QStringLiteral("fc1.bias"), QStringLiteral("fc2.weight"),
                                QStringLiteral("fc2.bias"),   QStringLiteral("fc3.weight"), QStringLiteral("fc3.bias"),
                                QStringLiteral("out.weight"), QStringLiteral("out.bias")};
        QCOMPARE(hedgeRatioParameterNames(), names);

        const ModelParameters p = initialHedgeRatioParameters(42);
        QCOMPARE(p.size(), 8);
        const QVector<QVector<qint64>> shapes{{64, 15}, {64}, {64, 64}, {64}, {32, 64}, {32}, {1, 32}, {1}};
        const int fanIn[] = {15, 15, 64, 64, 64, 64, 32, 32};
        for (int t = 0; t < p.size(); ++t) {
            QCOMPARE(p[t].name, names[t]);
            QCOMPARE(p[t].shape, shapes[t]);
            QCOMPARE(qint64(p[t].values.size()), federated::elementCount(p[t].shape));
            // nn.Linear's initialisation: uniform in ±1/√fan_in, and not all one value.
            const float bound = float(1.0 / std::sqrt(double(fanIn[t])));
            float lo = 1, hi = -1;
            for (const float v : p[t].values) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            const QString range = QStringLiteral("%1: [%2, %3], bound %4").arg(p[t].name).arg(lo).arg(hi).arg(bound);
            QVERIFY2(lo >= -bound && hi <= bound, qPrintable(range));
            if (p[t].values.size() > 1)
                QVERIFY2(hi > lo, qPrintable(range));
        }
        QCOMPARE(federated::elementCount(p), qint64(15 * 64 + 64 + 64 * 64 + 64 + 64 * 32 + 32 + 32 + 1));
        QCOMPARE(federated::elementCount(p), qint64(7297));
        QVERIFY(federated::checkConsistent(p));

        // The seed decides the weights, bit for bit.
        QVERIFY(bitIdentical(initialHedgeRatioParameters(42), p));
        QVERIFY(!bitIdentical(initialHedgeRatioParameters(43), p));
        QVERIFY(federated::sameLayout(p, initialHedgeRatioParameters(43)));
    }

    void roundTripIsBitExact()
    {
        ModelParameters p = initialHedgeRatioParameters(7);
        // Values a careless conversion would change: −0, a subnormal, extremes of float.
        p[0].values[0] = -0.0f;
        p[0].values[1] = std::numeric_limits<float>::denorm_min();
        p[2].values[5] = std::numeric_limits<float>::max();
        p[2].values[6] = -std::numeric_limits<float>::min();
        p[7].values[0] = 0.1f;
        Result<HedgeRatioModel> model = HedgeRatioModel::fromParameters(p);
        const QString why = model ? QString() : model.error().toString();
        QVERIFY2(model, qPrintable(why));
        const ModelParameters back = model->parameters();
        QVERIFY(bitIdentical(back, p));
        QVERIFY(std::signbit(back[0].values[0]));

        // Trained weights survive the trip too.
        Result<LocalTrainingResult> trained = trainHedgeRatioLocally(initialHedgeRatioParameters(7), m_demo, quickOptions());
        QVERIFY(trained);
        Result<HedgeRatioModel> again = HedgeRatioModel::fromParameters(trained->parameters);
        QVERIFY(again);
        QVERIFY(bitIdentical(again->parameters(), trained->parameters));
        QVERIFY(!bitIdentical(trained->parameters, initialHedgeRatioParameters(7)));
    }

    void predictionsInUnitInterval()
    {
        std::mt19937_64 rng(3);
        QVector<float> features;
        const int rows = 500;
        for (int i = 0; i < rows * kHedgeRatioInputs; ++i)
            features.append(float((double(rng() >> 11) * 0x1.0p-53 - 0.5) * 20));   // [−10, 10]
        for (const quint64 seed : {1ULL, 2ULL, 3ULL}) {
            Result<QVector<float>> predictions = predictHedgeRatios(initialHedgeRatioParameters(seed), features);
            QVERIFY(predictions);
            QCOMPARE(predictions->size(), rows);
            for (const float p : *predictions)
                QVERIFY2(p > 0 && p < 1, qPrintable(QString::number(double(p))));
        }

        // The trained model on the demo venue's held-out features, and the RMSE agrees with its predictions.
        Result<LocalTrainingResult> trained = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_demo, quickOptions());
        QVERIFY(trained);
        const QVector<float> heldOut = m_demo.heldOutFeatures();
        const QVector<float> targets = m_demo.heldOutTargets();
        Result<QVector<float>> predictions = predictHedgeRatios(trained->parameters, heldOut);
        QVERIFY(predictions);
        QCOMPARE(predictions->size(), targets.size());
        double sum = 0;
        for (int i = 0; i < targets.size(); ++i) {
            QVERIFY((*predictions)[i] > 0 && (*predictions)[i] < 1);
            sum += std::pow(double((*predictions)[i]) - double(targets[i]), 2);
        }
        Result<double> rmse = hedgeRatioRmse(trained->parameters, heldOut, targets);
        QVERIFY(rmse);
        QCOMPARE(*rmse, std::sqrt(sum / targets.size()));
        QCOMPARE(*rmse, trained->heldOutRmse);

        // No rows: no predictions; the RMSE needs at least one.
        Result<QVector<float>> none = predictHedgeRatios(trained->parameters, {});
        QVERIFY(none);
        QVERIFY(none->isEmpty());
        QVERIFY(!hedgeRatioRmse(trained->parameters, {}, {}));
        QVERIFY(!hedgeRatioRmse(trained->parameters, heldOut, targets.mid(1)));   // one target short
    }

    void learningRateSchedule()
    {
        QCOMPARE(hedgeRatioLearningRate(0.01, 0.95, 0), 0.01);
        QCOMPARE(hedgeRatioLearningRate(0.01, 0.95, 1), 0.0095);
        QCOMPARE(hedgeRatioLearningRate(0.01, 0.95, 10), 0.01 * std::pow(0.95, 10));
        QVERIFY(std::abs(hedgeRatioLearningRate(0.01, 0.95, 10) - 0.0059873693923837) < 1e-15);

        // The training uses the round's rate.
        LocalTrainingOptions options = quickOptions();
        options.epochs = 1;
        for (const int round : {0, 10}) {
            options.round = round;
            Result<LocalTrainingResult> result = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_demo, options);
            QVERIFY(result);
            QCOMPARE(result->learningRate, 0.01 * std::pow(0.95, round));
        }
        // A different rate is a different training.
        options.round = 0;
        Result<LocalTrainingResult> round0 = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_demo, options);
        options.round = 10;
        Result<LocalTrainingResult> round10 = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_demo, options);
        QVERIFY(round0 && round10);
        QVERIFY(!bitIdentical(round0->parameters, round10->parameters));
    }

    void learnsSyntheticTarget()
    {
        const VenueDataset data = syntheticVenue(3000, 0.2, 11);
        const ModelParameters initial = initialHedgeRatioParameters(2);
        Result<double> before = hedgeRatioRmse(initial, data.heldOutFeatures(), data.heldOutTargets());
        QVERIFY(before);

        LocalTrainingOptions options;
        options.epochs = 30;
        options.seed = 9;
        Result<LocalTrainingResult> result = trainHedgeRatioLocally(initial, data, options);
        const QString why = result ? QString() : result.error().toString();
        QVERIFY2(result, qPrintable(why));
        const QString figures = QStringLiteral("held-out RMSE %1, predicting the mean %2, untrained %3, train loss %4")
                                    .arg(result->heldOutRmse).arg(result->heldOutMeanRmse).arg(*before).arg(result->trainLoss);
        qInfo("synthetic: %s", qPrintable(figures));
        QCOMPARE(result->samples, 2400);
        QCOMPARE(result->epochs, 30);
        QVERIFY2(result->heldOutMeanRmse > 0.15, qPrintable(figures));   // the target does vary
        QVERIFY2(result->heldOutRmse < 0.35 * result->heldOutMeanRmse, qPrintable(figures));
        QVERIFY2(result->heldOutRmse < 0.35 * *before, qPrintable(figures));
        QVERIFY2(std::isfinite(result->trainLoss) && result->trainLoss < std::pow(result->heldOutMeanRmse, 2), qPrintable(figures));
        QVERIFY(result->seconds > 0);
    }

    // The round (5 epochs, lr 0.01, batches of 64) on the binance venue alone. Honest result: the
    // values are finite, but the model does NOT beat the held-out split's target std (0.169) or predicting
    // the train mean (0.171) here: it reaches about 0.18–0.20. The held-out days (3–4 Feb, after the
    // crash) differ from the train days, and the overlapping-horizon targets hold far fewer independent
    // samples than the 7,297 weights can memorise (train RMSE 0.16 after one round, ~0.10 after ten). A least-squares
    // linear fit does no better on held out (0.173). So this test checks what the training must deliver, and
    // beatsTheMeanWithWeightDecay checks what the model can learn.
    void trainsOnDemoVenue()
    {
        QCOMPARE(m_demo.venue, QStringLiteral("binance"));
        QVERIFY(m_demo.trainCount > 1000);
        QVERIFY(m_demo.heldOutCount() > 200);
        LocalTrainingOptions options;
        options.seed = 1;
        Result<LocalTrainingResult> result = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_demo, options);
        const QString why = result ? QString() : result.error().toString();
        QVERIFY2(result, qPrintable(why));
        const double heldOutStd = populationStd(m_demo.heldOutTargets());
        const QString figures = QStringLiteral("%1: held-out RMSE %2, predicting the train mean %3, held-out target std %4, train loss %5, %6 s")
                                    .arg(m_demo.venue).arg(result->heldOutRmse).arg(result->heldOutMeanRmse).arg(heldOutStd)
                                    .arg(result->trainLoss).arg(result->seconds);
        qInfo("%s", qPrintable(figures));
        QCOMPARE(result->samples, m_demo.trainCount);
        QCOMPARE(result->epochs, 5);
        QCOMPARE(result->learningRate, 0.01);
        QVERIFY(allFinite(result->parameters));
        QVERIFY(federated::sameLayout(initialHedgeRatioParameters(0), result->parameters));
        QVERIFY2(std::isfinite(result->trainLoss) && result->trainLoss > 0, qPrintable(figures));
        QVERIFY2(std::isfinite(result->heldOutRmse) && result->heldOutRmse > 0, qPrintable(figures));
        // The baseline is what it says: the train targets' mean scored on the held-out targets.
        const QVector<float> train = m_demo.trainTargets(), heldOut = m_demo.heldOutTargets();
        double mean = 0, sum = 0;
        for (const float v : train)
            mean += v;
        mean /= train.size();
        for (const float v : heldOut)
            sum += (v - mean) * (v - mean);
        QVERIFY(std::abs(result->heldOutMeanRmse - std::sqrt(sum / heldOut.size())) < 1e-12);
        // The model learnt its train split (its eval-mode train RMSE is below the train targets' spread)…
        Result<double> trainRmse = hedgeRatioRmse(result->parameters, m_demo.trainFeatures(), train);
        QVERIFY(trainRmse);
        const QString trainFigures = QStringLiteral("train RMSE %1, train target std %2").arg(*trainRmse).arg(populationStd(train));
        qInfo("%s", qPrintable(trainFigures));
        QVERIFY2(*trainRmse < 0.9 * populationStd(train), qPrintable(trainFigures));
        // … and is not wildly off on the days it has not seen.
        QVERIFY2(result->heldOutRmse < 1.5 * result->heldOutMeanRmse, qPrintable(figures));
    }

    // With Adam's L2 penalty (weightDecay 0.01) one round on okx beats predicting the train mean by a
    // clear margin (RMSE/mean-RMSE 0.74–0.82 over seeds 1–8), and on binance, where nothing the features
    // say carries over to the held-out days, it falls back to about the mean (0.996–1.005) instead of
    // doing worse.
    void beatsTheMeanWithWeightDecay()
    {
        LocalTrainingOptions options;
        options.seed = 1;
        options.weightDecay = 0.01;
        Result<LocalTrainingResult> okx = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_okx, options);
        QVERIFY(okx);
        QString figures = QStringLiteral("okx: held-out RMSE %1, predicting the train mean %2, held-out target std %3")
                              .arg(okx->heldOutRmse).arg(okx->heldOutMeanRmse).arg(populationStd(m_okx.heldOutTargets()));
        qInfo("%s", qPrintable(figures));
        QVERIFY2(okx->heldOutRmse < 0.9 * okx->heldOutMeanRmse, qPrintable(figures));

        Result<LocalTrainingResult> binance = trainHedgeRatioLocally(initialHedgeRatioParameters(1), m_demo, options);
        QVERIFY(binance);
        figures = QStringLiteral("binance: held-out RMSE %1, predicting the train mean %2").arg(binance->heldOutRmse).arg(binance->heldOutMeanRmse);
        qInfo("%s", qPrintable(figures));
        QVERIFY2(binance->heldOutRmse < 1.03 * binance->heldOutMeanRmse, qPrintable(figures));
    }

    void deterministicForASeed()
    {
        const ModelParameters initial = initialHedgeRatioParameters(4);
        const LocalTrainingOptions options = quickOptions(21);
        Result<LocalTrainingResult> a = trainHedgeRatioLocally(initial, m_demo, options);
        Result<LocalTrainingResult> b = trainHedgeRatioLocally(initial, m_demo, options);
        QVERIFY(a && b);
        QVERIFY(bitIdentical(a->parameters, b->parameters));
        QCOMPARE(a->trainLoss, b->trainLoss);
        QCOMPARE(a->heldOutRmse, b->heldOutRmse);

        Result<LocalTrainingResult> other = trainHedgeRatioLocally(initial, m_demo, quickOptions(22));
        QVERIFY(other);
        QVERIFY(!bitIdentical(a->parameters, other->parameters));

        // Two venues training at once on two threads (as the coordinator runs them) get what they get
        // alone: no shared random generator between them.
        const VenueDataset synthetic = syntheticVenue(1500, 0.2, 5);
        Result<LocalTrainingResult> syntheticAlone = trainHedgeRatioLocally(initial, synthetic, options);
        QVERIFY(syntheticAlone);
        std::optional<Result<LocalTrainingResult>> first, second;
        std::thread one([&] { first.emplace(trainHedgeRatioLocally(initial, m_demo, options)); });
        std::thread two([&] { second.emplace(trainHedgeRatioLocally(initial, synthetic, options)); });
        one.join();
        two.join();
        QVERIFY(first && *first && second && *second);
        QVERIFY(bitIdentical((*first)->parameters, a->parameters));
        QVERIFY(bitIdentical((*second)->parameters, syntheticAlone->parameters));
    }

    void nanFeaturesAreRefused()
    {
        const ModelParameters initial = initialHedgeRatioParameters(1);
        VenueDataset data = syntheticVenue(400, 0.25, 3);
        data.features[5 * kHedgeRatioInputs + 4] = std::numeric_limits<float>::quiet_NaN();
        Result<LocalTrainingResult> result = trainHedgeRatioLocally(initial, data, quickOptions());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Usage);
        QVERIFY2(result.error().message.contains(QLatin1String("Sample 5")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(federated::venueFeatureName(4)), qPrintable(result.error().message));

        // In the held-out split (sample numbers are the data set's), and an infinite target.
        data = syntheticVenue(400, 0.25, 3);
        data.features[350 * kHedgeRatioInputs] = std::numeric_limits<float>::infinity();
        result = trainHedgeRatioLocally(initial, data, quickOptions());
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(QLatin1String("held-out")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QLatin1String("Sample 350")), qPrintable(result.error().message));
        data = syntheticVenue(400, 0.25, 3);
        data.targets[17] = std::numeric_limits<float>::quiet_NaN();
        result = trainHedgeRatioLocally(initial, data, quickOptions());
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(QLatin1String("target")), qPrintable(result.error().message));

        // Predicting and scoring refuse them too, instead of answering NaN.
        QVector<float> features(2 * kHedgeRatioInputs, 0.5f);
        features[kHedgeRatioInputs + 1] = std::numeric_limits<float>::quiet_NaN();
        Result<QVector<float>> predictions = predictHedgeRatios(initial, features);
        QVERIFY(!predictions);
        QVERIFY2(predictions.error().message.contains(QLatin1String("Sample 1")), qPrintable(predictions.error().message));
        QVERIFY(!hedgeRatioRmse(initial, features, {0.5f, 0.5f}));
        QVERIFY(!predictHedgeRatios(initial, QVector<float>(16, 0.5f)));   // not whole rows
    }

    void divergenceNamesEpochAndBatch()
    {
        // Features at the top of float's range overflow the first layer (+∞ − ∞ = NaN): the first batch's
        // loss is not a number.
        VenueDataset data = syntheticVenue(300, 0.2, 4);
        for (float &v : data.features)
            v = v >= 0 ? 3.0e38f : -3.0e38f;
        Result<LocalTrainingResult> result = trainHedgeRatioLocally(initialHedgeRatioParameters(1), data, quickOptions());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Model);
        const QString message = result.error().message;
        QVERIFY2(message.contains(QLatin1String("epoch 1, batch 1 of 4")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("diverged")), qPrintable(message));
    }

    void wrongLayoutIsRefused_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing tensor") << 0 << QStringLiteral("number of tensors");
        QTest::newRow("wrong shape") << 1 << QStringLiteral("[64, 14]");
        QTest::newRow("renamed") << 2 << QStringLiteral("fc2.weights");
        QTest::newRow("value count") << 3 << QStringLiteral("fc3.bias");
        QTest::newRow("NaN weight") << 4 << QStringLiteral("NaN at tensor out.weight index 3");
        QTest::newRow("empty") << 5 << QStringLiteral("number of tensors");
    }

    void wrongLayoutIsRefused()
    {
        QFETCH(int, damage);
        QFETCH(QString, mentions);
        ModelParameters p = initialHedgeRatioParameters(1);
        switch (damage) {
        case 0: p.removeLast(); break;
        case 1:
            p[0].shape = {64, 14};
            p[0].values.resize(64 * 14);
            break;
        case 2: p[2].name = QStringLiteral("fc2.weights"); break;
        case 3: p[5].values.removeLast(); break;
        case 4: p[6].values[3] = std::numeric_limits<float>::quiet_NaN(); break;
        case 5: p.clear(); break;
        }
        const QVector<float> features(3 * kHedgeRatioInputs, 0.25f);
        Result<LocalTrainingResult> trained = trainHedgeRatioLocally(p, m_demo, quickOptions());
        Result<HedgeRatioModel> model = HedgeRatioModel::fromParameters(p);
        Result<QVector<float>> predicted = predictHedgeRatios(p, features);
        Result<double> rmse = hedgeRatioRmse(p, features, {0.1f, 0.2f, 0.3f});
        QVERIFY(!trained && !model && !predicted && !rmse);
        for (const Error &e : {trained.error(), model.error(), predicted.error(), rmse.error()}) {
            QCOMPARE(e.kind, Error::Kind::Usage);
            QVERIFY2(e.toString().contains(mentions), qPrintable(e.toString()));
        }
    }

    void badOptionsAndDataAreRefused()
    {
        const ModelParameters initial = initialHedgeRatioParameters(1);
        const auto refused = [&](const LocalTrainingOptions &options, const VenueDataset &data) {
            Result<LocalTrainingResult> r = trainHedgeRatioLocally(initial, data, options);
            return !r && r.error().kind == Error::Kind::Usage;
        };
        const VenueDataset data = syntheticVenue(200, 0.25, 1);
        LocalTrainingOptions o = quickOptions();
        o.epochs = 0;
        QVERIFY(refused(o, data));
        o = quickOptions();
        o.batchSize = 0;
        QVERIFY(refused(o, data));
        o = quickOptions();
        o.baseLearningRate = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(refused(o, data));
        o = quickOptions();
        o.decay = 0;
        QVERIFY(refused(o, data));
        o = quickOptions();
        o.round = -1;
        QVERIFY(refused(o, data));
        o = quickOptions();
        o.weightDecay = -0.1;
        QVERIFY(refused(o, data));

        VenueDataset broken = data;
        broken.trainCount = 0;
        QVERIFY(refused(quickOptions(), broken));
        broken = data;
        broken.heldOutStart = broken.sampleCount();   // nothing held out
        QVERIFY(refused(quickOptions(), broken));
        broken = data;
        broken.features.removeLast();
        QVERIFY(refused(quickOptions(), broken));

        // A batch larger than the data is one batch per epoch.
        o = quickOptions();
        o.batchSize = 10000;
        QVERIFY(trainHedgeRatioLocally(initial, data, o));
    }

    void cancel()
    {
        const ModelParameters initial = initialHedgeRatioParameters(1);
        Result<LocalTrainingResult> result = trainHedgeRatioLocally(initial, m_demo, quickOptions(), [] { return true; });
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Canceled);

        // Checked before every batch: canceled on the fourth check, after three batches.
        int checks = 0;
        result = trainHedgeRatioLocally(initial, m_demo, quickOptions(), [&checks] { return ++checks > 3; });
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Canceled);
        QCOMPARE(checks, 4);

        // Never canceled: one check per batch.
        checks = 0;
        LocalTrainingOptions options = quickOptions();
        options.epochs = 1;
        result = trainHedgeRatioLocally(initial, m_demo, options, [&checks] { return ++checks < 0; });
        QVERIFY(result);
        QCOMPARE(checks, (m_demo.trainCount + 63) / 64);
    }
};

QTEST_GUILESS_MAIN(TestHedgeRatioModel)
#include "test_hedge_ratio_model.moc"
