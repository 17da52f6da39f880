#include "traderrunfiles.h"

#include "common/paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <limits>

namespace apedesk::ui {

namespace {
QString text(const char *source) { return QCoreApplication::translate("apedesk::ui::TraderRunFiles", source); }
} // namespace

QString defaultTraderRunDirectory()
{
    const QDir runs(Paths::runsDir());
    const QString base = QStringLiteral("dqn-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString name = base;
    for (int n = 2; QFileInfo::exists(runs.filePath(name)); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    return runs.filePath(name);
}

bool traderRunHasCheckpoint(const QString &runDirectory)
{
    return QFileInfo::exists(QDir(runDirectory).filePath(QStringLiteral("checkpoints/last.pt")));
}

Result<QVector<ml::DqnStepMetrics>> readTraderMetricsCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, text("Cannot read %1.").arg(QDir::toNativeSeparators(path)), file.errorString());
    const QList<QByteArray> header = file.readLine().trimmed().split(',');
    const auto column = [&header](const char *name) { return int(header.indexOf(QByteArray(name))); };
    const int step = column("step"), episodes = column("episodes"), reward = column("episode_reward"),
              mean = column("mean_episode_reward"), loss = column("loss"), meanQ = column("mean_q"),
              epsilon = column("epsilon"), seconds = column("seconds");
    if (step < 0 || epsilon < 0)
        return Error::make(Error::Kind::Format, text("%1 is not a trader's metrics file (no step and epsilon columns).")
                                                    .arg(QDir::toNativeSeparators(path)));
    QVector<ml::DqnStepMetrics> rows;
    int lineNumber = 1;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        const QList<QByteArray> cells = line.split(',');
        bool ok = true;
        // An empty or missing cell is a value not logged yet (no episode or gradient step): NaN.
        const auto number = [&cells, &ok](int index) {
            if (index < 0 || index >= cells.size() || cells.at(index).isEmpty())
                return std::numeric_limits<double>::quiet_NaN();
            bool parsed = false;
            const double value = cells.at(index).toDouble(&parsed);
            ok = ok && parsed;
            return value;
        };
        ml::DqnStepMetrics m;
        m.step = qint64(number(step));
        m.episodes = episodes < 0 ? 0 : int(cells.value(episodes).toInt());
        m.episodeReward = number(reward);
        m.meanEpisodeReward = number(mean);
        m.loss = number(loss);
        m.meanQ = number(meanQ);
        m.epsilon = number(epsilon);
        m.secondsElapsed = number(seconds);
        if (!ok || cells.value(step).isEmpty())
            return Error::make(Error::Kind::Format, text("Line %1 of %2 is not a metrics row: %3")
                                                        .arg(lineNumber)
                                                        .arg(QDir::toNativeSeparators(path), QString::fromUtf8(line)));
        rows.append(m);
    }
    return rows;
}

Result<TraderRun> readTraderRun(const QString &runDirectory)
{
    Result<ml::DqnTrainingConfig> config = ml::DqnTrainer::readRunConfig(runDirectory);
    if (!config)
        return config.error();
    TraderRun run;
    run.directory = QDir(runDirectory).absolutePath();
    run.config = *config;
    run.hasCheckpoint = traderRunHasCheckpoint(runDirectory);
    const QString metrics = QDir(runDirectory).filePath(QStringLiteral("metrics.csv"));
    if (QFileInfo::exists(metrics)) {   // a run stopped before its first logged step has none
        Result<QVector<ml::DqnStepMetrics>> rows = readTraderMetricsCsv(metrics);
        if (!rows)
            return rows.error();
        run.rows = std::move(*rows);
    }
    return run;
}

} // namespace apedesk::ui
