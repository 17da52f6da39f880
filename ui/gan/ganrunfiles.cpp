#include "ganrunfiles.h"

#include "common/logging.h"
#include "common/paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace apedesk::ui {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::ui::GanRunFiles", text); }

using Setter = std::function<void(ml::GanStepMetrics &, double)>;

// metrics.csv's columns (GanTrainer writes them) and where each goes.
const QList<QPair<QString, Setter>> &metricColumns()
{
    static const QList<QPair<QString, Setter>> columns = {
        {QStringLiteral("step"), [](ml::GanStepMetrics &m, double v) { m.step = qint64(v); }},
        {QStringLiteral("epoch"), [](ml::GanStepMetrics &m, double v) { m.epoch = int(v); }},
        {QStringLiteral("critic_loss"), [](ml::GanStepMetrics &m, double v) { m.criticLoss = v; }},
        {QStringLiteral("generator_loss"), [](ml::GanStepMetrics &m, double v) { m.generatorLoss = v; }},
        {QStringLiteral("gradient_penalty"), [](ml::GanStepMetrics &m, double v) { m.gradientPenalty = v; }},
        {QStringLiteral("wasserstein"), [](ml::GanStepMetrics &m, double v) { m.wasserstein = v; }},
        {QStringLiteral("validation_generator_loss"), [](ml::GanStepMetrics &m, double v) { m.validationGeneratorLoss = v; }},
        {QStringLiteral("validation_critic_loss"), [](ml::GanStepMetrics &m, double v) { m.validationCriticLoss = v; }},
        {QStringLiteral("lr_g"), [](ml::GanStepMetrics &m, double v) { m.learningRateG = v; }},
        {QStringLiteral("lr_d"), [](ml::GanStepMetrics &m, double v) { m.learningRateD = v; }},
        {QStringLiteral("seconds"), [](ml::GanStepMetrics &m, double v) { m.secondsElapsed = v; }},
    };
    return columns;
}

// "nan", "inf" and "-inf" as C++ streams and Python write them (a diverged step is logged too).
std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (ok)
        return value;
    const QString lower = text.toLower();
    if (lower == QLatin1String("nan") || lower == QLatin1String("-nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (lower == QLatin1String("inf") || lower == QLatin1String("+inf"))
        return std::numeric_limits<double>::infinity();
    if (lower == QLatin1String("-inf"))
        return -std::numeric_limits<double>::infinity();
    return std::nullopt;
}

bool hasCheckpoint(const QString &runDirectory)
{
    const QDir checkpoints(QDir(runDirectory).filePath(QStringLiteral("checkpoints")));
    return !checkpoints.entryList({QStringLiteral("*.pt")}, QDir::Files).isEmpty();
}

} // namespace

Result<QVector<ml::GanStepMetrics>> readGanMetricsCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, tr("Could not read %1.").arg(QDir::toNativeSeparators(path)),
                           file.errorString());
    QVector<ml::GanStepMetrics> rows;
    QVector<const Setter *> setters;   // per column; null: a column this reader does not know
    int lineNo = 0;
    bool haveHeader = false;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList cells = line.split(QLatin1Char(','));
        if (!haveHeader) {
            haveHeader = true;
            bool step = false;
            for (const QString &cell : cells) {
                const QString name = cell.trimmed();
                const Setter *setter = nullptr;
                for (const auto &column : metricColumns())
                    if (column.first == name)
                        setter = &column.second;
                step = step || name == QLatin1String("step");
                setters.append(setter);
            }
            if (!step)
                return Error::make(Error::Kind::Format,
                                   tr("%1 has no \"step\" column: it is not a GAN metrics file.")
                                       .arg(QDir::toNativeSeparators(path)));
            continue;
        }
        if (cells.size() != setters.size())
            return Error::make(Error::Kind::Format, tr("Line %1 of %2 has %3 cells; the header has %4.")
                                                        .arg(lineNo)
                                                        .arg(QDir::toNativeSeparators(path))
                                                        .arg(cells.size())
                                                        .arg(setters.size()));
        ml::GanStepMetrics metrics;
        for (int i = 0; i < cells.size(); ++i) {
            if (!setters.at(i))
                continue;
            const QString cell = cells.at(i).trimmed();
            if (cell.isEmpty())
                continue;   // validation figures are only logged at epoch ends
            const std::optional<double> value = parseNumber(cell);
            if (!value)
                return Error::make(Error::Kind::Format, tr("Line %1 of %2: \"%3\" is not a number.")
                                                            .arg(lineNo)
                                                            .arg(QDir::toNativeSeparators(path), cell));
            (*setters.at(i))(metrics, *value);
        }
        rows.append(metrics);
    }
    if (!haveHeader)
        return Error::make(Error::Kind::Format, tr("%1 is empty.").arg(QDir::toNativeSeparators(path)));
    return rows;
}

Result<GanRunInfo> readGanRun(const QString &runDirectory)
{
    const QDir dir(runDirectory);
    QFile configFile(dir.filePath(QStringLiteral("config.json")));
    if (!configFile.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("%1 has no readable config.json.").arg(QDir::toNativeSeparators(runDirectory)),
                           configFile.errorString());
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(configFile.readAll(), &parseError);
    if (!document.isObject())
        return Error::make(Error::Kind::Format,
                           tr("config.json in %1 is not a JSON object.").arg(QDir::toNativeSeparators(runDirectory)),
                           parseError.errorString());
    Result<ml::GanTrainingConfig> config = ml::GanTrainingConfig::fromJson(document.object());
    if (!config)
        return config.error();
    const QString metricsPath = dir.filePath(QStringLiteral("metrics.csv"));
    Result<QVector<ml::GanStepMetrics>> metrics = readGanMetricsCsv(metricsPath);
    if (!metrics)
        return metrics.error();

    GanRunInfo info;
    info.directory = dir.absolutePath();
    info.name = dir.dirName();
    info.config = *config;
    info.modified = QFileInfo(metricsPath).lastModified();
    info.loggedSteps = int(metrics->size());
    if (!metrics->isEmpty()) {
        info.lastStep = metrics->last().step;
        info.lastEpoch = metrics->last().epoch;
        info.lastGeneratorLoss = metrics->last().generatorLoss;
    }
    for (const ml::GanStepMetrics &m : std::as_const(*metrics))
        if (m.validationGeneratorLoss && std::isfinite(*m.validationGeneratorLoss)
            && (!info.bestValidationGeneratorLoss || *m.validationGeneratorLoss < *info.bestValidationGeneratorLoss))
            info.bestValidationGeneratorLoss = m.validationGeneratorLoss;
    info.hasCheckpoint = hasCheckpoint(runDirectory);
    return info;
}

QVector<GanRunInfo> scanGanRuns(const QString &runsDirectory)
{
    QVector<GanRunInfo> runs;
    const QDir root(runsDirectory);
    if (runsDirectory.isEmpty() || !root.exists())
        return runs;
    const QStringList folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : folders) {
        const QString path = root.filePath(folder);
        if (!QFileInfo::exists(QDir(path).filePath(QStringLiteral("config.json")))
            || !QFileInfo::exists(QDir(path).filePath(QStringLiteral("metrics.csv"))))
            continue;
        Result<GanRunInfo> run = readGanRun(path);
        if (!run) {
            // Another training's run folder, or a run still being written: not a GAN run to list.
            qCDebug(lcUi) << "runs scan: skipped" << path << run.error().toString();
            continue;
        }
        runs.append(std::move(*run));
    }
    std::sort(runs.begin(), runs.end(), [](const GanRunInfo &a, const GanRunInfo &b) {
        return a.modified != b.modified ? a.modified > b.modified : a.name > b.name;
    });
    return runs;
}

QString defaultGanRunDirectory()
{
    const QDir runs(Paths::runsDir());
    const QString base = QStringLiteral("gan-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString name = base;
    for (int n = 2; QFileInfo::exists(runs.filePath(name)); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    return runs.filePath(name);
}

} // namespace apedesk::ui
