#include "gandataset.h"

#include "market/swapcsv.h"
#include "market/swapstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace apedesk::ml {

namespace {

constexpr double kLogEpsilon = 1e-8;

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::GanDataset", text);
}

const char *const kFeatureNames[kGanFeatureCount] = {
    "price", "amount0_eth", "amount1_usdc", "tick", "volume", "volatility", "volume_ma", "tick_change",
    "time_diff", "liquidity_usage"};
const char *const kConditionNames[kGanConditionCount] = {
    "mean_price", "std_price", "mean_volume", "mean_tick_change", "mean_time_diff"};

GanTransform transformOf(int feature)
{
    switch (feature) {
    case GanVolume:
    case GanVolumeMa:
        return GanTransform::Log;
    case GanAmount0Eth:
    case GanAmount1Usdc:
        return GanTransform::SignedLog;
    default:
        return GanTransform::Standard;
    }
}

QString transformName(GanTransform transform)
{
    switch (transform) {
    case GanTransform::Log: return QStringLiteral("log");
    case GanTransform::SignedLog: return QStringLiteral("signed_log");
    case GanTransform::Standard: break;
    }
    return QStringLiteral("standard");
}

double sign(double x)
{
    return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
}

double forwardTransform(GanTransform transform, double x)
{
    switch (transform) {
    case GanTransform::Log: return std::log1p(x + kLogEpsilon);
    case GanTransform::SignedLog: return sign(x) * std::log1p(std::abs(x) + kLogEpsilon);
    case GanTransform::Standard: break;
    }
    return x;
}

double inverseTransform(GanTransform transform, double y)
{
    switch (transform) {
    case GanTransform::Log: return std::expm1(y) - kLogEpsilon;
    // |y| below ln(1 + 1e-8) only comes from 0 (plus rounding in the affine step): keep it 0.
    case GanTransform::SignedLog: return sign(y) * std::max(0.0, std::expm1(std::abs(y)) - kLogEpsilon);
    case GanTransform::Standard: break;
    }
    return y;
}

// Mean and sample std (ddof 1, two passes); std 0 (or a single value) becomes 1.
GanScale zScore(const QVector<double> &values, GanTransform transform)
{
    GanScale scale;
    scale.transform = transform;
    if (values.isEmpty())
        return scale;
    double sum = 0;
    for (double v : values)
        sum += v;
    scale.mean = sum / values.size();
    double squares = 0;
    for (double v : values)
        squares += (v - scale.mean) * (v - scale.mean);
    const double std = values.size() > 1 ? std::sqrt(squares / (values.size() - 1)) : 0.0;
    scale.std = std > 0 && std::isfinite(std) ? std : 1.0;
    return scale;
}

QJsonObject scaleToJson(const GanScale &scale)
{
    return QJsonObject{{QStringLiteral("mean"), scale.mean},
                       {QStringLiteral("std"), scale.std},
                       {QStringLiteral("transform"), transformName(scale.transform)}};
}

Error formatError(const QString &detail)
{
    return Error::make(Error::Kind::Format, tr("The GAN normalisation file is not valid."), detail);
}

Result<GanScale> scaleFromJson(const QJsonObject &parent, const QString &name)
{
    const QJsonValue value = parent.value(name);
    if (!value.isObject())
        return formatError(QStringLiteral("missing entry \"%1\"").arg(name));
    const QJsonObject object = value.toObject();
    const QJsonValue mean = object.value(QStringLiteral("mean"));
    const QJsonValue std = object.value(QStringLiteral("std"));
    const QJsonValue transform = object.value(QStringLiteral("transform"));
    if (!mean.isDouble() || !std.isDouble() || !std::isfinite(mean.toDouble()) || !std::isfinite(std.toDouble())
        || std.toDouble() <= 0)
        return formatError(QStringLiteral("\"%1\": mean and std must be numbers, std > 0").arg(name));
    GanScale scale;
    scale.mean = mean.toDouble();
    scale.std = std.toDouble();
    const QString transformText = transform.toString();
    if (transformText == QLatin1String("log"))
        scale.transform = GanTransform::Log;
    else if (transformText == QLatin1String("signed_log"))
        scale.transform = GanTransform::SignedLog;
    else if (transformText == QLatin1String("standard"))
        scale.transform = GanTransform::Standard;
    else
        return formatError(QStringLiteral("\"%1\": unknown transform \"%2\"").arg(name, transformText));
    return scale;
}

void appendWindow(QVector<float> &sequences, QVector<float> &conditions, const QVector<GanFeatureRow> &rows,
                  int start, const GanNormalizer &normalizer)
{
    for (int s = 0; s < kGanSequenceLength; ++s)
        for (int f = 0; f < kGanFeatureCount; ++f)
            sequences.push_back(static_cast<float>(normalizer.normalize(f, rows[start + s][f])));
    const GanConditionRow condition = ganWindowCondition(rows, start);
    for (int c = 0; c < kGanConditionCount; ++c)
        conditions.push_back(static_cast<float>(normalizer.normalizeCondition(c, condition[c])));
}

} // namespace

QString ganFeatureName(int feature)
{
    return QString::fromLatin1(kFeatureNames[feature]);
}

QString ganConditionName(int condition)
{
    return QString::fromLatin1(kConditionNames[condition]);
}

GanFeatureRow ganFeatures(const market::ProcessedSwap &row)
{
    return GanFeatureRow{row.price,      row.amount0Eth,  row.amount1Usdc,
                         static_cast<double>(row.swap.tick),
                         row.volume,     row.volatility,  row.volumeMa,
                         row.tickChange, row.timeDiff,    row.liquidityUsage};
}

QVector<GanFeatureRow> ganFeatureRows(const QVector<market::ProcessedSwap> &rows)
{
    QVector<GanFeatureRow> features;
    features.reserve(rows.size());
    for (const market::ProcessedSwap &row : rows)
        features.push_back(ganFeatures(row));
    return features;
}

GanConditionRow ganWindowCondition(const QVector<GanFeatureRow> &rows, int start)
{
    GanConditionRow condition{};
    const int from = std::max(0, start - kGanConditionHistory);
    const int n = start - from;
    if (n <= 0)
        return condition;
    double price = 0, volume = 0, tickChange = 0, timeDiff = 0;
    for (int i = from; i < start; ++i) {
        price += rows[i][GanPrice];
        volume += rows[i][GanVolume];
        tickChange += rows[i][GanTickChange];
        timeDiff += rows[i][GanTimeDiff];
    }
    condition[GanMeanPrice] = price / n;
    condition[GanMeanVolume] = volume / n;
    condition[GanMeanTickChange] = tickChange / n;
    condition[GanMeanTimeDiff] = timeDiff / n;
    if (n > 1) {
        double squares = 0;
        for (int i = from; i < start; ++i) {
            const double d = rows[i][GanPrice] - condition[GanMeanPrice];
            squares += d * d;
        }
        condition[GanStdPrice] = std::sqrt(squares / (n - 1));
    }
    return condition;
}

GanNormalizer GanNormalizer::fit(const QVector<GanFeatureRow> &rows, const QVector<GanConditionRow> &conditions)
{
    GanNormalizer normalizer;
    QVector<double> values(rows.size());
    for (int f = 0; f < kGanFeatureCount; ++f) {
        const GanTransform transform = transformOf(f);
        for (int i = 0; i < rows.size(); ++i)
            values[i] = forwardTransform(transform, rows[i][f]);
        normalizer.m_features[f] = zScore(values, transform);
    }
    values.resize(conditions.size());
    for (int c = 0; c < kGanConditionCount; ++c) {
        for (int i = 0; i < conditions.size(); ++i)
            values[i] = conditions[i][c];
        normalizer.m_conditions[c] = zScore(values, GanTransform::Standard);
    }
    return normalizer;
}

double GanNormalizer::normalize(int feature, double value) const
{
    const GanScale &scale = m_features[feature];
    return (forwardTransform(scale.transform, value) - scale.mean) / scale.std;
}

double GanNormalizer::denormalize(int feature, double value) const
{
    const GanScale &scale = m_features[feature];
    return inverseTransform(scale.transform, value * scale.std + scale.mean);
}

double GanNormalizer::normalizeCondition(int condition, double value) const
{
    const GanScale &scale = m_conditions[condition];
    return (value - scale.mean) / scale.std;
}

double GanNormalizer::denormalizeCondition(int condition, double value) const
{
    const GanScale &scale = m_conditions[condition];
    return value * scale.std + scale.mean;
}

QJsonObject GanNormalizer::toJson() const
{
    QJsonObject root;
    for (int f = 0; f < kGanFeatureCount; ++f)
        root.insert(ganFeatureName(f), scaleToJson(m_features[f]));
    QJsonObject conditions;
    for (int c = 0; c < kGanConditionCount; ++c)
        conditions.insert(ganConditionName(c), scaleToJson(m_conditions[c]));
    root.insert(QStringLiteral("condition"), conditions);
    return root;
}

Result<GanNormalizer> GanNormalizer::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return formatError(parseError.errorString() + QStringLiteral(" at offset ")
                           + QString::number(parseError.offset));
    if (!document.isObject())
        return formatError(QStringLiteral("the top level is not an object"));
    const QJsonObject root = document.object();
    GanNormalizer normalizer;
    for (int f = 0; f < kGanFeatureCount; ++f) {
        Result<GanScale> scale = scaleFromJson(root, ganFeatureName(f));
        if (!scale)
            return scale.error();
        // The transform is part of the feature's definition: a file that says otherwise is not ours.
        if (scale->transform != transformOf(f))
            return formatError(QStringLiteral("\"%1\": transform must be \"%2\"")
                                   .arg(ganFeatureName(f), transformName(transformOf(f))));
        normalizer.m_features[f] = *scale;
    }
    const QJsonValue conditions = root.value(QStringLiteral("condition"));
    if (!conditions.isObject())
        return formatError(QStringLiteral("missing section \"condition\""));
    for (int c = 0; c < kGanConditionCount; ++c) {
        Result<GanScale> scale = scaleFromJson(conditions.toObject(), ganConditionName(c));
        if (!scale)
            return scale.error();
        if (scale->transform != GanTransform::Standard)
            return formatError(QStringLiteral("\"condition.%1\": transform must be \"standard\"")
                                   .arg(ganConditionName(c)));
        normalizer.m_conditions[c] = *scale;
    }
    return normalizer;
}

Status GanNormalizer::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("Cannot write the GAN normalisation file %1.").arg(path),
                           file.errorString());
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write the GAN normalisation file %1.").arg(path),
                           file.errorString());
    return {};
}

Result<GanNormalizer> GanNormalizer::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the GAN normalisation file %1.").arg(path),
                           file.errorString());
    Result<GanNormalizer> normalizer = fromJson(file.readAll());
    if (!normalizer)
        return Error::make(Error::Kind::Format, normalizer.error().message + QLatin1Char(' ') + path,
                           normalizer.error().detail);
    return normalizer;
}

bool operator==(const GanNormalizer &a, const GanNormalizer &b)
{
    const auto same = [](const GanScale &x, const GanScale &y) {
        return x.mean == y.mean && x.std == y.std && x.transform == y.transform;
    };
    for (int f = 0; f < kGanFeatureCount; ++f)
        if (!same(a.m_features[f], b.m_features[f]))
            return false;
    for (int c = 0; c < kGanConditionCount; ++c)
        if (!same(a.m_conditions[c], b.m_conditions[c]))
            return false;
    return true;
}

Result<GanDataset> buildGanDataset(const QVector<market::ProcessedSwap> &swaps, const GanDatasetOptions &options)
{
    if (options.lastRows < 0 || !(options.trainFraction > 0 && options.trainFraction < 1))
        return Error::make(Error::Kind::Usage, tr("The GAN dataset options are out of range."),
                           QStringLiteral("lastRows %1, trainFraction %2")
                               .arg(options.lastRows)
                               .arg(options.trainFraction));
    GanDataset dataset;
    dataset.rows = ganFeatureRows(swaps);
    if (options.lastRows > 0 && options.lastRows < dataset.rows.size())
        dataset.rows = dataset.rows.mid(dataset.rows.size() - options.lastRows);

    const int n = dataset.rows.size();
    if (n < kGanSequenceLength)
        return Error::make(Error::Kind::Usage,
                           tr("Too few swaps for one GAN window: %1 rows, a window needs %2.")
                               .arg(n)
                               .arg(kGanSequenceLength));
    const int windows = n - kGanSequenceLength + 1;
    const int boundary = static_cast<int>(std::floor(options.trainFraction * windows));
    const int trainCount = boundary - kGanSequenceLength + 1;   // starts 0 … B−24
    const int validationCount = windows - boundary;             // starts B … N−24
    if (trainCount < 1 || validationCount < 1)
        return Error::make(Error::Kind::Usage,
                           tr("Too few swaps to split into training and validation windows: %1 rows.").arg(n),
                           QStringLiteral("%1 windows, boundary row %2").arg(windows).arg(boundary));

    // Fit on the training rows [0, B) and the training windows' conditions (without window 0's
    // all-zero "no history" condition when there is any other window).
    QVector<GanConditionRow> trainConditions;
    trainConditions.reserve(trainCount);
    for (int k = trainCount > 1 ? 1 : 0; k < trainCount; ++k)
        trainConditions.push_back(ganWindowCondition(dataset.rows, k));
    dataset.normalizer = GanNormalizer::fit(dataset.rows.mid(0, boundary), trainConditions);

    dataset.trainCount = trainCount;
    dataset.validationCount = validationCount;
    dataset.boundaryRow = boundary;
    dataset.validationFirstStart = boundary;
    dataset.droppedWindows = kGanSequenceLength - 1;
    dataset.trainSequences.reserve(trainCount * kGanSequenceLength * kGanFeatureCount);
    dataset.trainConditions.reserve(trainCount * kGanConditionCount);
    dataset.validationSequences.reserve(validationCount * kGanSequenceLength * kGanFeatureCount);
    dataset.validationConditions.reserve(validationCount * kGanConditionCount);
    for (int k = 0; k < trainCount; ++k)
        appendWindow(dataset.trainSequences, dataset.trainConditions, dataset.rows, k, dataset.normalizer);
    for (int k = boundary; k < windows; ++k)
        appendWindow(dataset.validationSequences, dataset.validationConditions, dataset.rows, k,
                     dataset.normalizer);
    return dataset;
}

Result<GanDataset> loadGanDatasetFromCsv(const QString &path, const GanDatasetOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the swap file %1.").arg(path), file.errorString());
    Result<market::RawCsvImport> imported = market::readRawSwapCsv(file, market::chainKey(8453, false));
    if (!imported)
        return Error::make(imported.error().kind, imported.error().message + QLatin1Char(' ') + path,
                           imported.error().detail);
    return buildGanDataset(market::processSwaps(std::move(imported->swaps)), options);
}

Result<GanDataset> loadGanDatasetFromStore(const QString &storePath, const QString &chain,
                                           const eth::Hash32 &poolId, const GanDatasetOptions &options)
{
    // SwapStore::open creates a missing file; a dataset must never do that.
    if (!QFileInfo(storePath).isFile())
        return Error::make(Error::Kind::Io, tr("The swap store %1 does not exist.").arg(storePath));
    Result<std::unique_ptr<market::SwapStore>> store = market::SwapStore::open(storePath);
    if (!store)
        return store.error();
    market::SwapQuery query;
    query.chain = chain;
    query.poolId = poolId;
    Result<QList<market::PoolSwap>> swaps = (*store)->swaps(query);
    if (!swaps)
        return swaps.error();
    return buildGanDataset(market::processSwaps(std::move(*swaps)), options);
}

QVector<float> sampleGanConditions(const GanDataset &dataset, int count, quint64 seed)
{
    QVector<float> sampled;
    if (dataset.trainCount < 1 || count <= 0)
        return sampled;
    const quint32 seedWords[2] = {static_cast<quint32>(seed), static_cast<quint32>(seed >> 32)};
    QRandomGenerator generator(seedWords, 2);
    const int first = dataset.trainCount > 1 ? 1 : 0;
    const quint32 choices = static_cast<quint32>(dataset.trainCount - first);
    sampled.reserve(count * kGanConditionCount);
    for (int i = 0; i < count; ++i) {
        const int window = first + static_cast<int>(generator.bounded(choices));
        for (int c = 0; c < kGanConditionCount; ++c)
            sampled.push_back(dataset.trainConditions[window * kGanConditionCount + c]);
    }
    return sampled;
}

} // namespace apedesk::ml
