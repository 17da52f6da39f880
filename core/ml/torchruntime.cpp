#include "torchruntime.h"

#include "common/logging.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/version.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace apedesk::ml {
namespace {

// The BLAS Debian's libtorch calls is chosen by the alternatives system at load time; read which
// file this process really mapped.
QString loadedBlasLibrary()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QByteArray all = maps.readAll();
    for (const QByteArray &line : all.split('\n')) {
        const int slash = line.indexOf('/');
        if (slash < 0)
            continue;
        const QString path = QString::fromUtf8(line.mid(slash));
        const QString name = QFileInfo(path).fileName();
        if (name.startsWith(QLatin1String("libblas.so")) || name.startsWith(QLatin1String("libopenblas")))
            return QFileInfo(path).canonicalFilePath();
    }
    return {};
}

} // namespace

int setThreads(int threads)
{
    const int wanted = threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
    at::set_num_threads(wanted);
    return at::get_num_threads();
}

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.torchVersion = QString::fromLatin1(TORCH_VERSION);
    info.threads = at::get_num_threads();
    // A tiny product makes libtorch load its BLAS if nothing has yet.
    (void)at::mm(at::ones({2, 2}), at::ones({2, 2}));
    info.blasLibrary = loadedBlasLibrary();
    info.blasIsOptimized = info.blasLibrary.contains(QLatin1String("openblas"), Qt::CaseInsensitive)
        || info.blasLibrary.contains(QLatin1String("blis"), Qt::CaseInsensitive)
        || info.blasLibrary.contains(QLatin1String("mkl"), Qt::CaseInsensitive);
    return info;
}

Result<MatmulThroughput> measureMatmul(int size, double minSeconds, const std::function<bool()> &isCanceled)
{
    if (size < 8 || size > 8192)
        return Error::make(Error::Kind::Usage, QCoreApplication::translate("apedesk::ml", "Matrix size must be between 8 and 8192."),
                           QStringLiteral("size=%1").arg(size));
    at::manual_seed(7);
    const at::Tensor a = at::randn({size, size}, at::kFloat);
    const at::Tensor b = at::randn({size, size}, at::kFloat);
    at::Tensor c;

    MatmulThroughput result;
    result.size = size;
    QElapsedTimer timer;
    timer.start();
    do {
        if (isCanceled && isCanceled())
            return Error::canceled();
        c = at::mm(a, b);
        ++result.repetitions;
    } while (timer.nsecsElapsed() < static_cast<qint64>(minSeconds * 1e9));
    result.seconds = timer.nsecsElapsed() / 1e9;
    result.gflops = 2.0 * std::pow(double(size), 3) * result.repetitions / result.seconds / 1e9;

    // Check a few rows against a float64 product: a broken BLAS must not pass as a fast one.
    const at::Tensor rows = at::arange(0, size, std::max(1, size / 8), at::kLong);
    const at::Tensor reference = at::mm(a.index_select(0, rows).to(at::kDouble), b.to(at::kDouble));
    const at::Tensor got = c.index_select(0, rows).to(at::kDouble);
    result.maxAbsError = (reference - got).abs().max().item<double>();
    const double tolerance = 1e-3 * std::sqrt(double(size));
    if (!std::isfinite(result.maxAbsError) || result.maxAbsError > tolerance)
        return Error::make(Error::Kind::Generic, QCoreApplication::translate("apedesk::ml", "The matrix library returned wrong results."),
                           QStringLiteral("max abs error %1 > %2").arg(result.maxAbsError).arg(tolerance));
    qCDebug(lcMl) << "matmul" << size << result.gflops << "GFLOP/s";
    return result;
}

} // namespace apedesk::ml
