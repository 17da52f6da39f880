// The GAN lab's WGAN-GP networks on real libtorch: shapes for both presets, inference without
// noise, the causal mask, spectral normalisation against an SVD, the gradient penalty against
// central differences, the losses against hand-computed values, and one optimiser step each.

#include "ganmodels_p.h"
#include "torchruntime.h"

#include <torch/linalg.h>
#include <torch/optim/adam.h>

#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

QList<qint64> shape(const torch::Tensor &t)
{
    QList<qint64> dims;
    for (const int64_t d : t.sizes())
        dims.append(d);
    return dims;
}

double maxAbsDifference(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

GanNetworks makeNetworks(const GanConfig &config)
{
    auto networks = GanNetworks::create(config);
    if (!networks)
        qFatal("%s", qPrintable(networks.error().toString()));
    return std::move(networks).value();
}

// Small enough for central differences in double precision: 6 steps of 3 features, 2 condition
// values, hidden 6 (widths 6/12/24), input channels 3 + 6 + 2 = 11 padded to 12.
GanConfig tinyConfig()
{
    GanConfig c = GanConfig::quick();
    c.sequenceLength = 6;
    c.features = 3;
    c.conditionSize = 2;
    c.hidden = 6;
    c.heads = 2;
    c.minibatchChannels = 2;
    c.latent = 4;
    c.layers = 1;
    return c;
}

std::vector<torch::Tensor> snapshot(const torch::nn::Module &module)
{
    std::vector<torch::Tensor> copies;
    for (const auto &p : module.parameters())
        copies.push_back(p.detach().clone());
    return copies;
}

int changedCount(const torch::nn::Module &module, const std::vector<torch::Tensor> &before)
{
    int changed = 0;
    const auto now = module.parameters();
    for (size_t i = 0; i < now.size(); ++i)
        changed += torch::equal(now[i], before[i]) ? 0 : 1;
    return changed;
}

} // namespace

class TestGanModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        ml::setThreads(0);
        torch::manual_seed(42);
    }

    void presetsAndValidation()
    {
        const GanConfig full = GanConfig::full();
        QCOMPARE(full.latent, 48);
        QCOMPARE(full.hidden, 256);
        QCOMPARE(full.layers, 4);
        QCOMPARE(full.batchSize, 32);
        QCOMPARE(full.nCritic, 5);
        QCOMPARE(full.epochs, 150);
        QCOMPARE(full.patience, 30);
        const GanConfig quick = GanConfig::quick();
        QCOMPARE(quick.latent, 16);
        QCOMPARE(quick.hidden, 64);
        QCOMPARE(quick.layers, 2);
        QCOMPARE(quick.batchSize, 64);
        QCOMPARE(quick.nCritic, 3);
        QCOMPARE(quick.epochs, 20);
        QCOMPARE(quick.patience, 5);
        for (const GanConfig &c : {full, quick}) {
            QVERIFY(c.validate().ok());
            QCOMPARE(c.sequenceLength, 24);
            QCOMPARE(c.features, 10);
            QCOMPARE(c.conditionSize, 5);
            QCOMPARE(c.heads, 8);
            QCOMPARE(c.lrG, 2e-4);
            QCOMPARE(c.lrD, 4e-4);
            QCOMPARE(c.beta1, 0.0);
            QCOMPARE(c.beta2, 0.9);
            QCOMPARE(c.lambdaGp, 10.0);
            QCOMPARE(c.seed, std::uint64_t(42));
        }
        QCOMPARE(criticInputChannels(quick), 90);
        QCOMPARE(criticInputChannels(full), 282);
        QCOMPARE(criticInputChannels(tinyConfig()), 12);
        QCOMPARE((QList<int>{criticLayerWidth(quick, 0), criticLayerWidth(quick, 1), criticLayerWidth(quick, 2)}),
                 (QList<int>{66, 129, 258}));
        QCOMPARE((QList<int>{criticLayerWidth(full, 0), criticLayerWidth(full, 1), criticLayerWidth(full, 2)}),
                 (QList<int>{258, 513, 1026}));

        GanConfig bad = quick;
        bad.heads = 7;   // 64 is not a multiple of 7
        QVERIFY(!bad.validate().ok());
        const auto refused = GanNetworks::create(bad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Usage);
        bad = quick;
        bad.dropout = 1.0;
        QVERIFY(!bad.validate().ok());
        bad = quick;
        bad.sequenceLength = 0;
        QVERIFY(!bad.validate().ok());
    }

    void shapesForBothPresets_data()
    {
        QTest::addColumn<bool>("fullPreset");
        QTest::newRow("quick") << false;
        QTest::newRow("full") << true;
    }

    void shapesForBothPresets()
    {
        QFETCH(bool, fullPreset);
        const GanConfig config = fullPreset ? GanConfig::full() : GanConfig::quick();
        GanNetworks networks = makeNetworks(config);
        auto &generator = networks.impl().generator;
        auto &critic = networks.impl().critic;
        qInfo() << (fullPreset ? "full" : "quick") << "generator parameters:" << networks.generatorParameterCount()
                << "critic parameters:" << networks.criticParameterCount();
        QCOMPARE(networks.generatorParameterCount(), gan::parameterCount(*generator));
        QVERIFY(networks.generatorParameterCount() > 0);
        // The decoder stack's final LayerNorm is a registered part of the generator.
        QVERIFY(generator->named_parameters().contains("decoder.norm.weight"));
        QVERIFY(critic->named_buffers().contains("head1.u"));

        const auto z = torch::randn({4, config.latent});
        const auto cond = torch::randn({4, config.conditionSize});
        for (const bool training : {true, false}) {
            generator->train(training);
            critic->train(training);
            const auto fake = generator->forward(z, cond);
            QCOMPARE(shape(fake), (QList<qint64>{4, 24, 10}));
            const auto out = critic->forwardWithFeatures(fake, cond);
            QCOMPARE(shape(out.score), (QList<qint64>{4, 1}));
            QCOMPARE(shape(out.features), (QList<qint64>{4, 4 * config.hidden}));
            QVERIFY(torch::isfinite(out.score).all().item<bool>());
        }
        // Wrong input shapes are refused, not broadcast.
        const auto wrongZ = torch::randn({4, config.latent + 1});
        const auto wrongX = torch::randn({4, 23, 10});
        QVERIFY_THROWS_EXCEPTION(std::exception, generator->forward(wrongZ, cond));
        QVERIFY_THROWS_EXCEPTION(std::exception, critic->forward(wrongX, cond));
    }

    void inferenceIsDeterministicTrainingIsNot()
    {
        GanConfig config = GanConfig::quick();
        config.dropout = 0;   // leaves the two noise terms as the only train/eval difference
        GanNetworks networks = makeNetworks(config);
        auto &generator = networks.impl().generator;
        const auto z = torch::randn({4, config.latent});
        const auto cond = torch::randn({4, config.conditionSize});

        generator->eval();
        const auto first = generator->forward(z, cond);
        const auto second = generator->forward(z, cond);
        QVERIFY(torch::equal(first, second));

        generator->train();
        const auto noisyA = generator->forward(z, cond);
        const auto noisyB = generator->forward(z, cond);
        QVERIFY(maxAbsDifference(noisyA, noisyB) > 1e-3);
        QVERIFY(maxAbsDifference(noisyA, first) > 1e-3);

        // With both noise levels at zero, training mode computes exactly what eval does.
        GanNetworks quiet = makeNetworks([&] { GanConfig c = config; c.latentNoise = 0; c.outputNoise = 0; return c; }());
        auto &quietGenerator = quiet.impl().generator;
        quietGenerator->eval();
        const auto quietEval = quietGenerator->forward(z, cond);
        quietGenerator->train();
        QVERIFY(maxAbsDifference(quietGenerator->forward(z, cond), quietEval) < 1e-5);

        // Only output noise: the train/eval difference is N(0, 0.05²) (960 draws: ±10% on σ).
        GanNetworks outputOnly = makeNetworks([&] { GanConfig c = config; c.latentNoise = 0; return c; }());
        auto &outputOnlyGenerator = outputOnly.impl().generator;
        outputOnlyGenerator->eval();
        const auto clean = outputOnlyGenerator->forward(z, cond);
        outputOnlyGenerator->train();
        const double sigma = (outputOnlyGenerator->forward(z, cond) - clean).std().item<double>();
        QVERIFY2(std::abs(sigma - 0.05) < 0.005, qPrintable(QString::number(sigma)));
    }

    void outputStepDependsOnlyOnEarlierTargetRows()
    {
        QCOMPARE(gan::causalMask(3).isinf().to(torch::kInt).sum().item<int>(), 3);
        QCOMPARE(gan::causalMask(3)[0][1].item<float>(), -std::numeric_limits<float>::infinity());
        QCOMPARE(gan::causalMask(3)[1][0].item<float>(), 0.0f);

        GanNetworks networks = makeNetworks(GanConfig::quick());
        auto &generator = networks.impl().generator;
        generator->eval();
        const auto z = torch::randn({2, 16});
        const auto cond = torch::randn({2, 5});
        for (const int step : {0, 7, 23}) {
            generator->zero_grad();
            generator->forward(z, cond).select(1, step).sum().backward();
            const auto rowNorms = generator->targetEmbedding.grad().norm(2, 1);
            QVERIFY2(rowNorms[step].item<double>() > 0, "the step's own target row matters");
            if (step > 0)
                QVERIFY(rowNorms[0].item<double>() > 0);
            if (step < 23)
                QCOMPARE(rowNorms.slice(0, step + 1).abs().max().item<double>(), 0.0);
        }
    }

    void spectralNormBoundsEveryLayer()
    {
        GanNetworks networks = makeNetworks(GanConfig::quick());
        auto &critic = networks.impl().critic;
        critic->train();
        double worst = 0;
        const auto check = [&worst](const torch::Tensor &weight) {
            const auto matrix = weight.detach().reshape({weight.size(0), -1}).to(torch::kDouble);
            const double top = torch::linalg::svdvals(matrix, c10::nullopt).max().item<double>();
            worst = std::max(worst, std::abs(top - 1));
        };
        auto linears = critic->linearLayers();
        auto convs = critic->convLayers();
        QCOMPARE(int(linears.size()), 4);
        QCOMPARE(int(convs.size()), 9);
        for (auto &layer : linears) {
            layer->powerIterate(2000);
            check(layer->normalisedWeight());
        }
        for (auto &layer : convs) {
            layer->powerIterate(2000);
            check(layer->normalisedWeight());
        }
        qInfo() << "worst |σ_max − 1| after 2000 power iterations:" << worst;
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));

        // A training forward advances u once; an eval forward leaves it alone.
        const auto x = torch::randn({3, 24, 10});
        const auto cond = torch::randn({3, 5});
        auto head = linears[2];
        const auto before = head->spectralNorm().u().clone();
        critic->eval();
        critic->forward(x, cond);
        QVERIFY(torch::equal(head->spectralNorm().u(), before));
        critic->train();
        critic->forward(x, cond);
        QVERIFY(!torch::equal(head->spectralNorm().u(), before));
    }

    void gradientPenaltyMatchesCentralDifferences()
    {
        const GanConfig config = tinyConfig();
        GanNetworks networks = makeNetworks(config);
        auto &critic = networks.impl().critic;
        critic->to(torch::kDouble);
        critic->eval();   // no dropout, frozen power iteration: D is a fixed function
        const auto x = torch::randn({3, config.sequenceLength, config.features}, torch::kDouble);
        const auto cond = torch::randn({3, config.conditionSize}, torch::kDouble);

        const auto norms = gan::criticGradientNorms(critic, x, cond);

        // ∂(Σ_b D(x)_b)/∂x by central differences, one element at a time.
        const double eps = 1e-6;
        auto numeric = torch::zeros_like(x);
        {
            torch::NoGradGuard noGrad;
            auto probe = x.clone();
            auto flatProbe = probe.view({-1});
            auto flatNumeric = numeric.view({-1});
            for (int64_t i = 0; i < flatProbe.numel(); ++i) {
                const double original = flatProbe[i].item<double>();
                flatProbe[i].fill_(original + eps);
                const double plus = critic->forward(probe, cond).sum().item<double>();
                flatProbe[i].fill_(original - eps);
                const double minus = critic->forward(probe, cond).sum().item<double>();
                flatProbe[i].fill_(original);
                flatNumeric[i].fill_((plus - minus) / (2 * eps));
            }
        }
        const auto numericNorms = numeric.reshape({3, -1}).norm(2, 1);
        const double relative = ((norms.detach() - numericNorms).abs() / numericNorms).max().item<double>();
        qInfo() << "gradient norms" << norms[0].item<double>() << norms[1].item<double>() << norms[2].item<double>()
                << "relative error vs central differences" << relative;
        QVERIFY2(relative < 1e-4, qPrintable(QString::number(relative)));

        const double lambda = 10;
        const auto penalty = gan::gradientPenaltyAt(critic, x, cond, lambda);
        const double expected = lambda * (numericNorms - 1).pow(2).mean().item<double>();
        QVERIFY2(std::abs(penalty.item<double>() - expected) < 1e-4 * std::max(1.0, std::abs(expected)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(penalty.item<double>()).arg(expected)));
        // Interpolating a batch with itself lands on it whatever α is drawn.
        QVERIFY(std::abs(gan::gradientPenalty(critic, x, x, cond, lambda).item<double>() - penalty.item<double>()) < 1e-9);

        // create_graph: the penalty trains the critic.
        critic->zero_grad();
        penalty.backward();
        double gradientMass = 0;
        for (const auto &p : critic->parameters())
            if (p.grad().defined())
                gradientMass += p.grad().abs().sum().item<double>();
        QVERIFY(gradientMass > 0);
    }

    void lossesMatchHandComputedValues()
    {
        const auto scores = [](std::vector<double> v) { return torch::tensor(v, torch::kDouble).view({-1, 1}); };
        QCOMPARE(gan::criticLoss(scores({1, 3}), scores({0, 2}), torch::tensor(0.5, torch::kDouble)).item<double>(), -0.5);

        // Three fakes at (0,0), (3,4), (0,4): pairwise distances 5, 3, 4.
        const auto fakes = torch::tensor({0.0, 0.0, 3.0, 4.0, 0.0, 4.0}, torch::kDouble).view({3, 2, 1});
        QCOMPARE(gan::meanPairwiseDistance(fakes).item<double>(), 4.0);
        QCOMPARE(gan::meanPairwiseDistance(fakes.slice(0, 0, 1)).item<double>(), 0.0);

        const auto realFeatures = torch::tensor({1.0, 1.0, 3.0, 3.0, 2.0, 2.0}, torch::kDouble).view({3, 2});
        const auto fakeFeatures = torch::tensor({0.0, 0.0, 0.0, 0.0, 0.0, 3.0}, torch::kDouble).view({3, 2});
        // −2 (adversarial) + 0.1·(−4) (diversity) + 0.5·mean(|2−0|, |2−1|) (feature matching).
        const double loss = gan::generatorLoss(scores({1, 2, 3}), fakes, realFeatures, fakeFeatures, GanConfig::quick()).item<double>();
        QVERIFY2(std::abs(loss - (-2 - 0.4 + 0.75)) < 1e-12, qPrintable(QString::number(loss)));
    }

    void oneOptimiserStepOfEachNetwork()
    {
        const GanConfig config = GanConfig::quick();
        GanNetworks networks = makeNetworks(config);
        auto &generator = networks.impl().generator;
        auto &critic = networks.impl().critic;
        generator->train();
        critic->train();
        const auto adam = [&config](double lr) {
            return torch::optim::AdamOptions(lr).betas(std::make_tuple(config.beta1, config.beta2));
        };
        torch::optim::Adam optimiserG(generator->parameters(), adam(config.lrG));
        torch::optim::Adam optimiserD(critic->parameters(), adam(config.lrD));
        const auto real = torch::randn({8, 24, 10});
        const auto cond = torch::randn({8, 5});

        // Critic step.
        const auto criticBefore = snapshot(*critic);
        const auto fake = generator->forward(torch::randn({8, config.latent}), cond).detach();
        const auto penalty = gan::gradientPenalty(critic, real, fake, cond, config.lambdaGp);
        const auto lossD = gan::criticLoss(critic->forward(real, cond), critic->forward(fake, cond), penalty);
        QVERIFY(std::isfinite(lossD.item<double>()));
        QVERIFY(penalty.item<double>() >= 0);
        optimiserD.zero_grad();
        lossD.backward();
        optimiserD.step();
        // Every critic parameter moves, except perhaps the minibatch branch's bias: it cancels in
        // the pairwise differences, so its gradient is only float rounding (which Adam may scale up).
        QVERIFY(critic->named_parameters()["minibatch.bias"].grad().abs().max().item<double>() < 1e-6);
        QVERIFY(changedCount(*critic, criticBefore) >= int(criticBefore.size()) - 1);

        // Generator step.
        const auto generatorBefore = snapshot(*generator);
        const auto criticAfterD = snapshot(*critic);
        const auto fakes = generator->forward(torch::randn({8, config.latent}), cond);
        const auto fakeOut = critic->forwardWithFeatures(fakes, cond);
        const auto realOut = critic->forwardWithFeatures(real, cond);
        const auto lossG = gan::generatorLoss(fakeOut.score, fakes, realOut.features, fakeOut.features, config);
        QVERIFY(std::isfinite(lossG.item<double>()));
        optimiserG.zero_grad();
        lossG.backward();
        optimiserG.step();
        QCOMPARE(changedCount(*generator, generatorBefore), int(generatorBefore.size()));
        QCOMPARE(changedCount(*critic, criticAfterD), 0);
    }
};

QTEST_GUILESS_MAIN(TestGanModels)
#include "test_gan_models.moc"
