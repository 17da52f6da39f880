// apedesk-cli info: what this installation runs on.

#include "commandline.h"

#include "common/paths.h"
#include "core.h"
#include "common/settings.h"
#include "trainingservice.h"
#include "version.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

namespace apedesk::cli {

int infoCommand(const QStringList &args, const Output &out)
{
    bool throughput = false;
    for (const QString &arg : args) {
        if (arg == QLatin1String("--throughput"))
            throughput = true;
        else
            return out.fail(UsageError, Cli::tr("info: unknown argument %1").arg(arg));
    }

    Settings settings;
    Core core(&settings);
    ml::TrainingService *training = ml::addTrainingService(core, settings.value(Settings::Key::TrainingThreads).toInt());

    QEventLoop loop;
    QJsonObject record{{QStringLiteral("version"), QStringLiteral(APEDESK_VERSION)},
                       {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
                       {QStringLiteral("os"), QSysInfo::prettyProductName()},
                       {QStringLiteral("cores"), QThread::idealThreadCount()},
                       {QStringLiteral("data_dir"), Paths::appData()},
                       {QStringLiteral("log_dir"), Paths::logsDir()}};
    int code = Ok;
    QObject::connect(training, &ml::TrainingService::runtimeReady, &loop, [&](const ml::RuntimeInfo &info) {
        record.insert(QStringLiteral("libtorch"), info.torchVersion);
        record.insert(QStringLiteral("torch_threads"), info.threads);
        record.insert(QStringLiteral("blas"), info.blasLibrary);
        record.insert(QStringLiteral("blas_optimized"), info.blasIsOptimized);
        if (!throughput)
            loop.quit();
        else
            training->checkThroughput(512, 1.0);
    });
    QObject::connect(training, &ml::TrainingService::throughputMeasured, &loop, [&](const ml::MatmulThroughput &result) {
        record.insert(QStringLiteral("matmul_gflops"), result.gflops);
        record.insert(QStringLiteral("matmul_size"), result.size);
    });
    QObject::connect(training, &Service::taskFinished, &loop,
                     [&](quint64, const QString &, bool ok, const apedesk::Error &error) {
                         if (!ok)
                             code = out.fail(Failure, error.toString());
                         loop.quit();
                     });
    loop.exec();
    core.shutdown();
    if (code == Ok)
        out.record(record);
    return code;
}

} // namespace apedesk::cli
