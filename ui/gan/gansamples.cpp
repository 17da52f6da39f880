#include "gansamples.h"

#include "gandataset.h"
#include "ganvalidation.h"
#include "trainingservice.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>

#include <algorithm>

namespace apedesk::ui {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("apedesk::ui::GanSamples", text); }

// Window starts spread evenly over [0, windows − 1].
QVector<int> spreadStarts(int windows, int count)
{
    QVector<int> starts;
    if (windows <= 0 || count <= 0)
        return starts;
    count = std::min(count, windows);
    for (int i = 0; i < count; ++i)
        starts.append(count == 1 ? 0 : int(qint64(i) * (windows - 1) / (count - 1)));
    return starts;
}
} // namespace

Result<GanSampleSet> prepareGanSamples(const ml::GanTrainingConfig &config, const QString &syntheticCsv, int count,
                                       const QString &realWindowsPath)
{
    Result<ml::SyntheticCsv> synthetic = ml::readSyntheticCsvFile(syntheticCsv);
    if (!synthetic)
        return synthetic.error();
    const int priceColumn = int(synthetic->featureNames.indexOf(ml::ganFeatureName(ml::GanPrice)));
    if (priceColumn < 0)
        return Error::make(Error::Kind::Format,
                           tr("%1 has no price column.").arg(QDir::toNativeSeparators(syntheticCsv)));
    Result<ml::GanDataset> dataset = ml::loadGanDatasetForRun(config);
    if (!dataset)
        return dataset.error();

    GanSampleSet set;
    set.syntheticSequences = synthetic->sequences.count;
    const ml::SequenceSet &seq = synthetic->sequences;
    for (int s = 0; s < std::min(count, seq.count); ++s) {
        QVector<double> prices;
        for (int step = 0; step < seq.steps; ++step)
            prices.append(seq.at(s, step, priceColumn));
        set.synthetic.append(prices);
    }
    const QVector<ml::GanFeatureRow> &rows = dataset->rows;
    const int windows = int(rows.size()) - ml::kGanSequenceLength + 1;
    for (int start : spreadStarts(windows, count)) {
        QVector<double> prices;
        for (int step = 0; step < ml::kGanSequenceLength; ++step)
            prices.append(rows.at(start + step)[ml::GanPrice]);
        set.real.append(prices);
    }

    if (config.dataKind == QLatin1String("csv")) {
        set.realCsv = config.dataSource;   // validation cuts the windows itself
        return set;
    }
    // A store run: its windows (the rows it trained and validated on) in the synthetic CSV's columns.
    ml::GanGeneration real;
    real.count = std::max(0, windows);
    real.sequences.reserve(real.count * ml::kGanSequenceLength * ml::kGanFeatureCount);
    for (int start = 0; start < windows; ++start)
        for (int step = 0; step < ml::kGanSequenceLength; ++step)
            for (double value : rows.at(start + step))
                real.sequences.append(value);
    if (Status written = ml::writeSyntheticCsv(realWindowsPath, real, QDateTime::currentSecsSinceEpoch()); !written)
        return written.error();
    set.realCsv = realWindowsPath;
    return set;
}

} // namespace apedesk::ui
