// bench_gan: WGAN-GP training speed of the GAN lab (core/ml) against PyTorch, in one run.
//
// For each preset (quick: batch 64; full: batch 32) it measures, on eight batches cut from the real
// swap windows ($APEDESK_SHARED_DIR/data/base_eth_usdc_swaps.csv; both sides read the same file):
//   - critic steps per second: one critic update = fakes from the generator (no grad), instance
//     noise, the critic on real and fake, the gradient penalty (a double backward), backward, clip,
//     Adam step;
//   - generator steps per second: one generator update = generator forward, critic features of the
//     reals (no grad) and the fakes, the generator loss (adversarial + diversity + feature matching),
//     backward, clip, Adam step;
// exactly as GanTrainer::Impl::trainOneStep makes them, the CPU seconds per step (all threads: the
// steadier figure when other work shares the machine), and the peak memory (VmHWM, reset after the
// data is loaded, so the figure is what the networks and the training cost; each preset runs in a
// child process of this program for a clean peak). Then the same architecture, losses, updates and
// batch in PyTorch (bench/gan_reference.py, run with python3, Debian's python3-torch), and the ratios.
// Both use every core (torch threads = cores, or --threads).
//
// Both children inherit this environment. On a machine shared with other work (a busy build box),
// OpenMP's spin-waiting threads can make both sides 10x slower at 2+ threads; there run it as
// `OMP_WAIT_POLICY=PASSIVE bench_gan` (the settings in effect are printed).
//
// The tutorial's figure, for scale: its quick preset in Python with OpenBLAS on 2 threads ran
// 1.29 critic and 1.79 generator steps/s. ApeDesk's target is at least 1.5× that on the same machine.
//
// Usage: bench_gan [--preset quick|full|both] [--seconds S=10] [--threads N] [--python PATH]
//        (--child PRESET --batches FILE: internal, one preset's C++ measurement as one JSON line)

#include "ganmodels_p.h"
#include "gandataset.h"
#include "torchruntime.h"

#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

// The tutorial's quick preset, Python + OpenBLAS, 2 threads.
constexpr double kTutorialCriticPerSecond = 1.29;
constexpr double kTutorialGeneratorPerSecond = 1.79;
constexpr double kTarget = 1.5;

QString sharedDir()
{
    const QString env = qEnvironmentVariable("APEDESK_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(APEDESK_DEFAULT_SHARED) : env;
}

// A /proc/self/status field in KiB (VmRSS, VmHWM).
qint64 statusKib(const char *key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).simplified().split(' ').value(0).toLongLong();
    return 0;
}

// Linux >= 4.0: the high-water mark restarts from the current RSS.
bool resetPeak()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

// One critic and one generator update, as GanTrainer::Impl::trainOneStep (epoch 0).
class Steps
{
public:
    explicit Steps(GanNetworks networks)
        : m_networks(std::move(networks)), m_config(m_networks.config())
    {
        auto &g = m_networks.impl().generator;
        auto &d = m_networks.impl().critic;
        const auto betas = std::make_tuple(m_config.beta1, m_config.beta2);
        m_optimizerG = std::make_unique<torch::optim::Adam>(g->parameters(), torch::optim::AdamOptions(m_config.lrG).betas(betas));
        m_optimizerD = std::make_unique<torch::optim::Adam>(d->parameters(), torch::optim::AdamOptions(m_config.lrD).betas(betas));
        g->train();
        d->train();
    }

    void criticStep(const torch::Tensor &real, const torch::Tensor &cond)
    {
        auto &g = m_networks.impl().generator;
        auto &d = m_networks.impl().critic;
        torch::Tensor fake;
        {
            torch::NoGradGuard noGrad;
            fake = g->forward(torch::randn({real.size(0), m_config.latent}), cond);
        }
        const auto realSeen = noisy(real);
        const auto fakeSeen = noisy(fake);
        m_optimizerD->zero_grad();
        const auto realScores = d->forward(realSeen, cond);
        const auto fakeScores = d->forward(fakeSeen, cond);
        const auto penalty = gan::gradientPenalty(d, realSeen, fakeSeen, cond, m_config.lambdaGp);
        const auto loss = gan::criticLoss(realScores, fakeScores, penalty);
        const double values[] = {loss.item<double>(), penalty.item<double>(), (realScores.mean() - fakeScores.mean()).item<double>()};
        loss.backward();
        const double norm = torch::nn::utils::clip_grad_norm_(d->parameters(), m_config.gradientClip);
        for (double v : values)
            TORCH_CHECK(std::isfinite(v), "critic step diverged");
        TORCH_CHECK(std::isfinite(norm), "critic gradient diverged");
        m_optimizerD->step();
    }

    void generatorStep(const torch::Tensor &real, const torch::Tensor &cond)
    {
        auto &g = m_networks.impl().generator;
        auto &d = m_networks.impl().critic;
        m_optimizerG->zero_grad();
        const auto generated = g->forward(torch::randn({real.size(0), m_config.latent}), cond);
        torch::Tensor realFeatures;
        {
            torch::NoGradGuard noGrad;
            realFeatures = d->forwardWithFeatures(noisy(real), cond).features;
        }
        const auto fakeOut = d->forwardWithFeatures(noisy(generated), cond);
        const auto loss = gan::generatorLoss(fakeOut.score, generated, realFeatures, fakeOut.features, m_config);
        const double value = loss.item<double>();
        loss.backward();
        const double norm = torch::nn::utils::clip_grad_norm_(g->parameters(), m_config.gradientClip);
        TORCH_CHECK(std::isfinite(value) && std::isfinite(norm), "generator step diverged");
        m_optimizerG->step();
    }

    const GanNetworks &networks() const { return m_networks; }

private:
    torch::Tensor noisy(const torch::Tensor &x) const
    {
        return m_config.instanceNoise > 0 ? x + torch::randn_like(x) * m_config.instanceNoise : x;
    }

    GanNetworks m_networks;
    GanConfig m_config;
    std::unique_ptr<torch::optim::Adam> m_optimizerG, m_optimizerD;
};

// CPU seconds of this process (all threads): on a busy machine wall time measures the other load
// too; CPU time per step is the steadier comparison there.
double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + t.tv_nsec / 1e9;
}

struct Timed
{
    int steps = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    double perSecond() const { return seconds > 0 ? steps / seconds : 0; }
    double cpuPerStep() const { return steps > 0 ? cpuSeconds / steps : 0; }
};

template <typename Step>
Timed timed(const Step &step, int batches, double seconds, int minimum = 3)
{
    Timed t;
    QElapsedTimer clock;
    clock.start();
    const double cpuStart = processCpuSeconds();
    while (t.steps < minimum || clock.nsecsElapsed() < qint64(seconds * 1e9)) {
        step(t.steps % batches);
        ++t.steps;
    }
    t.seconds = clock.nsecsElapsed() / 1e9;
    t.cpuSeconds = processCpuSeconds() - cpuStart;
    return t;
}

constexpr int kBatches = 8;
constexpr int kWindowValues = kGanSequenceLength * kGanFeatureCount;

// The real batches both sides train on: kBatches batches of the preset's size cut in order from the
// training windows (the shuffle does not change the cost), as raw float32 in one file: all sequences
// (batches × batch × 24 × 10), then all conditions (batches × batch × 5).
Status writeBatches(const QString &preset, const QString &path)
{
    const bool quick = preset == QLatin1String("quick");
    const int batch = (quick ? GanConfig::quick() : GanConfig::full()).batchSize;
    const QString csv = sharedDir() + QStringLiteral("/data/base_eth_usdc_swaps.csv");
    Result<GanDataset> dataset = loadGanDatasetFromCsv(csv, quick ? GanDatasetOptions::quick() : GanDatasetOptions{});
    if (!dataset)
        return dataset.error();
    if (dataset->trainCount < kBatches * batch)
        return Error::make(Error::Kind::Usage, QStringLiteral("%1 training windows, %2 needed").arg(dataset->trainCount).arg(kBatches * batch));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("cannot write %1").arg(path), file.errorString());
    file.write(reinterpret_cast<const char *>(dataset->trainSequences.constData()), qint64(kBatches) * batch * kWindowValues * sizeof(float));
    file.write(reinterpret_cast<const char *>(dataset->trainConditions.constData()), qint64(kBatches) * batch * kGanConditionCount * sizeof(float));
    if (!file.flush())
        return Error::make(Error::Kind::Io, QStringLiteral("cannot write %1").arg(path), file.errorString());
    return {};
}

// The child: one preset in C++, one JSON line on stdout.
int runChild(const QString &preset, const QString &batchesPath, double seconds, int threads)
{
    setThreads(threads);
    const bool quick = preset == QLatin1String("quick");
    const GanConfig config = quick ? GanConfig::quick() : GanConfig::full();
    const int batch = config.batchSize;
    QFile file(batchesPath);
    const qint64 sequenceBytes = qint64(kBatches) * batch * kWindowValues * sizeof(float);
    const qint64 conditionBytes = qint64(kBatches) * batch * kGanConditionCount * sizeof(float);
    if (!file.open(QIODevice::ReadOnly) || file.size() != sequenceBytes + conditionBytes) {
        std::fprintf(stderr, "bench_gan: %s is not a batch file for the %s preset\n", qPrintable(batchesPath), qPrintable(preset));
        return 1;
    }
    QByteArray sequences = file.read(sequenceBytes), conditions = file.read(conditionBytes);
    const auto allX = torch::from_blob(sequences.data(), {kBatches * batch, kGanSequenceLength, kGanFeatureCount}, torch::kFloat);
    const auto allC = torch::from_blob(conditions.data(), {kBatches * batch, kGanConditionCount}, torch::kFloat);
    std::vector<torch::Tensor> xs, cs;
    for (int b = 0; b < kBatches; ++b) {
        xs.push_back(allX.slice(0, b * batch, (b + 1) * batch).clone());
        cs.push_back(allC.slice(0, b * batch, (b + 1) * batch).clone());
    }
    const int batches = kBatches;
    (void)at::mm(at::ones({2, 2}), at::ones({2, 2}));   // load the BLAS before the baseline
    const bool peakReset = resetPeak();
    const qint64 baseline = statusKib("VmRSS");

    Result<GanNetworks> networks = GanNetworks::create(config);
    if (!networks) {
        std::fprintf(stderr, "bench_gan: %s\n", qPrintable(networks.error().toString()));
        return 1;
    }
    Steps steps(std::move(*networks));
    for (int b = 0; b < std::min(2, batches); ++b) {   // warm-up: allocator, thread pool, first-call paths
        steps.criticStep(xs[b], cs[b]);
        steps.generatorStep(xs[b], cs[b]);
    }
    const Timed critic = timed([&](int b) { steps.criticStep(xs[b], cs[b]); }, batches, seconds);
    const Timed generator = timed([&](int b) { steps.generatorStep(xs[b], cs[b]); }, batches, seconds);
    const qint64 peak = statusKib("VmHWM");

    const QJsonObject result{
        {QStringLiteral("impl"), QStringLiteral("libtorch")},
        {QStringLiteral("preset"), preset},
        {QStringLiteral("batch"), batch},
        {QStringLiteral("threads"), at::get_num_threads()},
        {QStringLiteral("critic_steps_per_second"), critic.perSecond()},
        {QStringLiteral("generator_steps_per_second"), generator.perSecond()},
        {QStringLiteral("critic_steps"), critic.steps},
        {QStringLiteral("generator_steps"), generator.steps},
        {QStringLiteral("critic_cpu_seconds_per_step"), critic.cpuPerStep()},
        {QStringLiteral("generator_cpu_seconds_per_step"), generator.cpuPerStep()},
        {QStringLiteral("baseline_mib"), baseline / 1024.0},
        {QStringLiteral("peak_mib"), peak / 1024.0},
        {QStringLiteral("training_mib"), peakReset ? QJsonValue((peak - baseline) / 1024.0) : QJsonValue()},
        {QStringLiteral("generator_parameters"), qint64(steps.networks().generatorParameterCount())},
        {QStringLiteral("critic_parameters"), qint64(steps.networks().criticParameterCount())},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

// The last line of a child's stdout as JSON, or the reason there is none.
std::optional<QJsonObject> runJsonChild(const QString &program, const QStringList &args, QString *why)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, args);
    if (!process.waitForStarted(10000)) {
        *why = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return std::nullopt;
    }
    process.waitForFinished(-1);
    const QByteArray out = process.readAllStandardOutput().trimmed();
    const QJsonObject object = QJsonDocument::fromJson(out.mid(out.lastIndexOf('\n') + 1)).object();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || object.isEmpty()) {
        *why = QStringLiteral("%1 failed (exit %2): %3")
                   .arg(program)
                   .arg(process.exitCode())
                   .arg(QString::fromUtf8(process.readAllStandardError().trimmed().split('\n').value(0)));
        return std::nullopt;
    }
    return object;
}

// A python3 that has torch: --python, $APEDESK_PYTHON, Debian's /usr/bin/python3, then python3 on PATH.
QString findPython(const QString &given, QString *why)
{
    QStringList candidates;
    if (!given.isEmpty())
        candidates << given;
    if (const QString env = qEnvironmentVariable("APEDESK_PYTHON"); !env.isEmpty())
        candidates << env;
    candidates << QStringLiteral("/usr/bin/python3") << QStringLiteral("python3");
    for (const QString &python : std::as_const(candidates)) {
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import torch; print(torch.__version__)")});
        if (probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
            return python;
    }
    *why = QStringLiteral("no python3 with torch found (tried %1); install Debian's PyTorch with "
                          "`sudo apt-get install python3-torch`, or point --python / APEDESK_PYTHON at a python3 that has torch")
               .arg(candidates.join(QStringLiteral(", ")));
    return {};
}

QString mib(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'f', 0) : QStringLiteral("n/a");
}

void printRow(const QJsonObject &r, const char *name)
{
    std::printf("%-6s %5d  %-9s %10.3f %12.3f %9s %13s %10.3f %10.3f\n", qPrintable(r.value(QStringLiteral("preset")).toString()),
                r.value(QStringLiteral("batch")).toInt(), name, r.value(QStringLiteral("critic_steps_per_second")).toDouble(),
                r.value(QStringLiteral("generator_steps_per_second")).toDouble(), qPrintable(mib(r.value(QStringLiteral("peak_mib")))),
                qPrintable(mib(r.value(QStringLiteral("training_mib")))),
                r.value(QStringLiteral("critic_cpu_seconds_per_step")).toDouble(),
                r.value(QStringLiteral("generator_cpu_seconds_per_step")).toDouble());
}

int usage()
{
    std::fprintf(stderr, "usage: bench_gan [--preset quick|full|both] [--seconds S] [--threads N] [--python PATH]\n");
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.debug=false\napedesk.*.info=false"));
    QStringList args = app.arguments().mid(1);
    QString preset = QStringLiteral("both"), child, python, batchesPath;
    double seconds = 10;
    int threads = QThread::idealThreadCount();
    // Every option takes a value: step over pairs.
    for (int i = 0; i < args.size(); i += 2) {
        const QString &a = args.at(i);
        const QString value = args.value(i + 1);
        bool ok = true;
        if (a == QLatin1String("--preset") && i + 1 < args.size())
            preset = value;
        else if (a == QLatin1String("--child") && i + 1 < args.size())
            child = value;
        else if (a == QLatin1String("--python") && i + 1 < args.size())
            python = value;
        else if (a == QLatin1String("--batches") && i + 1 < args.size())
            batchesPath = value;
        else if (a == QLatin1String("--seconds") && i + 1 < args.size())
            seconds = value.toDouble(&ok);
        else if (a == QLatin1String("--threads") && i + 1 < args.size())
            threads = value.toInt(&ok);
        else
            return usage();
        if (!ok || seconds <= 0 || threads < 1)
            return usage();
    }
    if (!child.isEmpty()) {
        if ((child != QLatin1String("quick") && child != QLatin1String("full")) || batchesPath.isEmpty())
            return usage();
        return runChild(child, batchesPath, seconds, threads);
    }
    QStringList presets;
    if (preset == QLatin1String("both"))
        presets = {QStringLiteral("quick"), QStringLiteral("full")};
    else if (preset == QLatin1String("quick") || preset == QLatin1String("full"))
        presets = {preset};
    else
        return usage();

    setThreads(threads);
    const RuntimeInfo info = runtimeInfo();
    std::printf("bench_gan: WGAN-GP steps per second, libtorch (C++) vs PyTorch, same architecture, losses and batch\n");
    std::printf("libtorch %s, %d threads, BLAS %s%s; %.0f s per measurement\n", qPrintable(info.torchVersion), threads,
                qPrintable(info.blasLibrary), info.blasIsOptimized ? "" : " (reference BLAS: slow)", seconds);
    QStringList environment;
    for (const char *name : {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_NUM_THREADS"})
        if (qEnvironmentVariableIsSet(name))
            environment << QStringLiteral("%1=%2").arg(QLatin1String(name), qEnvironmentVariable(name));
    std::printf("environment: %s\n", environment.isEmpty() ? "no OpenMP / OpenBLAS settings" : qPrintable(environment.join(QLatin1Char(' '))));
    QString whyNoPython;
    const QString pythonPath = findPython(python, &whyNoPython);
    const QString reference = QStringLiteral(APEDESK_BENCH_DIR "/gan_reference.py");
    if (pythonPath.isEmpty())
        std::printf("PyTorch reference unavailable: %s\n", qPrintable(whyNoPython));
    else
        std::printf("PyTorch reference: %s %s\n", qPrintable(pythonPath), qPrintable(reference));
    std::printf("\n%-6s %5s  %-9s %10s %12s %9s %13s %10s %10s\n", "preset", "batch", "impl", "critic/s", "generator/s",
                "peak MiB", "training MiB", "critic cpu", "gen. cpu");
    std::fflush(stdout);

    int failures = 0;
    std::optional<QJsonObject> quickCpp;
    QTemporaryDir scratch;
    for (const QString &p : std::as_const(presets)) {
        const QString batches = scratch.filePath(p + QStringLiteral(".f32"));
        if (Status written = writeBatches(p, batches); !written) {
            std::printf("%-6s no real batches: %s\n", qPrintable(p), qPrintable(written.error().toString()));
            ++failures;
            continue;
        }
        const QStringList common{QStringLiteral("--seconds"), QString::number(seconds), QStringLiteral("--threads"), QString::number(threads),
                                 QStringLiteral("--batches"), batches};
        QString why;
        const auto cpp = runJsonChild(app.applicationFilePath(), QStringList{QStringLiteral("--child"), p} + common, &why);
        if (!cpp) {
            std::printf("%-6s libtorch measurement failed: %s\n", qPrintable(p), qPrintable(why));
            ++failures;
            continue;
        }
        printRow(*cpp, "libtorch");
        if (p == QLatin1String("quick"))
            quickCpp = cpp;
        std::fflush(stdout);
        if (pythonPath.isEmpty())
            continue;
        const auto py = runJsonChild(pythonPath, QStringList{reference, QStringLiteral("--preset"), p} + common, &why);
        if (!py) {
            std::printf("%-6s PyTorch measurement failed: %s\n", qPrintable(p), qPrintable(why));
            ++failures;
            continue;
        }
        printRow(*py, "pytorch");
        const auto ratio = [&](const char *key) {
            const double theirs = py->value(QLatin1String(key)).toDouble();
            return theirs > 0 ? cpp->value(QLatin1String(key)).toDouble() / theirs : 0.0;
        };
        const double cppPeak = cpp->value(QStringLiteral("peak_mib")).toDouble();
        const double pyPeak = py->value(QStringLiteral("peak_mib")).toDouble();
        // Speed ratios > 1: libtorch faster. CPU columns: CPU seconds per step (PyTorch / libtorch, > 1:
        // libtorch uses less). Memory: libtorch / PyTorch (< 1: libtorch uses less).
        const auto cpuRatio = [&](const char *key) {
            const double ours = cpp->value(QLatin1String(key)).toDouble();
            return ours > 0 ? py->value(QLatin1String(key)).toDouble() / ours : 0.0;
        };
        std::printf("%-6s %5s  %-9s %9.2fx %11.2fx %8.2fx %13s %9.2fx %9.2fx\n", qPrintable(p), "", "ratio",
                    ratio("critic_steps_per_second"), ratio("generator_steps_per_second"), pyPeak > 0 ? cppPeak / pyPeak : 0.0, "",
                    cpuRatio("critic_cpu_seconds_per_step"), cpuRatio("generator_cpu_seconds_per_step"));
        if (cpp->value(QStringLiteral("critic_parameters")) != py->value(QStringLiteral("critic_parameters"))
            || cpp->value(QStringLiteral("generator_parameters")) != py->value(QStringLiteral("generator_parameters"))) {
            std::printf("%-6s WARNING: parameter counts differ (libtorch G %lld D %lld, PyTorch G %lld D %lld): not the same networks\n",
                        qPrintable(p), qint64(cpp->value(QStringLiteral("generator_parameters")).toDouble()),
                        qint64(cpp->value(QStringLiteral("critic_parameters")).toDouble()),
                        qint64(py->value(QStringLiteral("generator_parameters")).toDouble()),
                        qint64(py->value(QStringLiteral("critic_parameters")).toDouble()));
            ++failures;
        }
        std::fflush(stdout);
    }
    std::printf("\nratio: speed libtorch / PyTorch (> 1: libtorch faster); peak memory libtorch / PyTorch (< 1: less);\n"
                "cpu: CPU seconds per step of the process, all threads (the steadier figure on a busy machine), ratio PyTorch / libtorch.\n");
    if (quickCpp) {
        const double critic = quickCpp->value(QStringLiteral("critic_steps_per_second")).toDouble();
        const double generator = quickCpp->value(QStringLiteral("generator_steps_per_second")).toDouble();
        std::printf("\nTutorial (quick, Python + OpenBLAS, 2 threads): %.2f critic / %.2f generator steps/s.\n"
                    "ApeDesk quick here (%d threads): %.2fx / %.2fx of that (target >= %.1fx on the same machine).\n",
                    kTutorialCriticPerSecond, kTutorialGeneratorPerSecond, threads, critic / kTutorialCriticPerSecond,
                    generator / kTutorialGeneratorPerSecond, kTarget);
    }
    return failures == 0 ? 0 : 1;
}
