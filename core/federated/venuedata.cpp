#include "venuedata.h"

#include "common/portablerandom.h"
#include "common/logging.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <random>

namespace apedesk::federated {

namespace {

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::federated::VenueData)
};

constexpr double kSecondsPerDay = 86400;
constexpr double kNominalStepSeconds = 10;   // as the sandbox market at rate 0
constexpr double kAtTargetFraction = 1e-4;   // 1 bp
constexpr double kSizeLogSigma = 0.7;
constexpr double kMaxSizeMultiple = 10;
constexpr double kPi = 3.14159265358979323846;

double normal(std::mt19937_64 &rng)
{
    const double u1 = 1.0 - uniform01(rng);   // (0, 1]: log stays finite
    const double u2 = uniform01(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

double rawSqrt(double price)
{
    return std::sqrt(price * 1e6 / 1e18);
}

QString fileName(const QString &path)
{
    return path.section(QLatin1Char('/'), -1);
}

} // namespace

QString venueSourceKey(VenueSpec::Source source)
{
    switch (source) {
    case VenueSpec::Source::RealSwaps: return QStringLiteral("real_swaps");
    case VenueSpec::Source::Simulated: return QStringLiteral("simulated");
    case VenueSpec::Source::GanSequences: return QStringLiteral("gan_sequences");
    }
    return {};
}

QJsonObject VenueDatasetStats::toJson() const
{
    QJsonObject means;
    QJsonObject stds;
    for (int f = 0; f < kVenueFeatureCount; ++f) {
        means.insert(venueFeatureName(f), featureMean[f]);
        stds.insert(venueFeatureName(f), featureStd[f]);
    }
    QJsonObject regimes;
    for (int r = 0; r < kMarketRegimeCount; ++r)
        regimes.insert(regimeKey(static_cast<MarketRegime>(r)), regimeCounts[r]);
    return QJsonObject{
        {QStringLiteral("swaps"), swaps},
        {QStringLiteral("samples"), samples},
        {QStringLiteral("train"), trainSamples},
        {QStringLiteral("purged"), purgedSamples},
        {QStringLiteral("held_out"), heldOutSamples},
        {QStringLiteral("first_timestamp"), firstTimestamp},
        {QStringLiteral("last_timestamp"), lastTimestamp},
        {QStringLiteral("first_price"), firstPrice},
        {QStringLiteral("last_price"), lastPrice},
        {QStringLiteral("feature_mean"), means},
        {QStringLiteral("feature_std"), stds},
        {QStringLiteral("target_mean"), targetMean},
        {QStringLiteral("target_std"), targetStd},
        {QStringLiteral("regimes"), regimes},
        {QStringLiteral("last_regime"), regimeKey(lastRegime)},
        {QStringLiteral("last_confidence"), lastConfidence},
    };
}

// ---------------------------------------------------------------------------------------------
// Sources

Result<QVector<VenueSwap>> loadRealSwapSlice(const RealSwapSlice &slice)
{
    QFile file(slice.csvPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, Messages::tr("Cannot read the swap file %1.").arg(slice.csvPath), file.errorString());
    auto imported = market::readRawSwapCsv(file, market::chainKey(8453, false));
    if (!imported)
        return imported.error();
    const QVector<market::ProcessedSwap> rows = market::processSwaps(imported->swaps);
    const int count = int(rows.size());
    const int from = std::max(0, slice.fromRow);
    const int to = slice.toRow < 0 ? count : std::min(count, slice.toRow);
    QVector<VenueSwap> series;
    series.reserve(std::max(0, to - from));
    for (int i = from; i < to; ++i) {
        const market::ProcessedSwap &row = rows[i];
        if (slice.fromTimestamp > 0 && row.swap.timestamp < slice.fromTimestamp)
            continue;
        if (slice.toTimestamp > 0 && row.swap.timestamp >= slice.toTimestamp)
            continue;
        VenueSwap swap;
        swap.timestamp = row.swap.timestamp;
        swap.price = row.price;
        swap.ethAmount = row.amount0Eth;
        swap.usdcVolume = row.volume;
        swap.liquidity = row.swap.liquidity.convert_to<double>();
        swap.feeFraction = row.swap.fee / 1e6;
        series.append(swap);
    }
    if (series.isEmpty())
        return Error::make(Error::Kind::Usage,
                           Messages::tr("The slice of %1 holds no swaps: choose rows or times inside the file.").arg(fileName(slice.csvPath)),
                           QStringLiteral("rows=%1 from=%2 to=%3").arg(count).arg(slice.fromRow).arg(slice.toRow));
    return series;
}

Result<QVector<VenueSwap>> simulateVenueMarket(const SimulatedMarketSpec &spec)
{
    const market::SimulatorConfig &c = spec.simulator;
    if (spec.swapCount < 1 || !(spec.startPrice > 0) || !(spec.liquidity > 0) || !(c.medianTradeEth > 0)
        || !(c.volatilityPerDay >= 0) || !(c.swapsPerMinute >= 0) || !(c.noiseTradeShare >= 0 && c.noiseTradeShare <= 1)
        || !std::isfinite(c.driftPerDay) || spec.feePips >= 1000000)
        return Error::make(Error::Kind::Usage,
                           Messages::tr("These market settings cannot make a market: use a positive start price, liquidity, trade size and "
                              "swap count, a non-negative volatility and rate, and a noise share between 0 and 1."),
                           QStringLiteral("swaps=%1 price=%2 L=%3 median=%4 vol=%5 rate=%6 noise=%7 fee=%8")
                               .arg(spec.swapCount).arg(spec.startPrice).arg(spec.liquidity).arg(c.medianTradeEth)
                               .arg(c.volatilityPerDay).arg(c.swapsPerMinute).arg(c.noiseTradeShare).arg(spec.feePips));
    std::mt19937_64 rng(c.seed);
    const double L = spec.liquidity;
    const double fee = spec.feePips / 1e6;
    const double meanGap = c.swapsPerMinute > 0 ? 60.0 / c.swapsPerMinute : 0.0;
    double target = spec.startPrice;
    double sqrtP = rawSqrt(spec.startPrice);
    double clock = double(spec.startTimestamp);
    QVector<VenueSwap> series;
    series.reserve(spec.swapCount);
    for (int i = 0; i < spec.swapCount; ++i) {
        // A fixed number of draws per swap, in a fixed order.
        const double uGap = uniform01(rng);
        const double zTarget = normal(rng);
        const double uNoise = uniform01(rng);
        const double uSide = uniform01(rng);
        const double zSize = normal(rng);

        const double gap = meanGap > 0 ? -meanGap * std::log(1.0 - uGap) : kNominalStepSeconds;
        clock += gap;
        const double dt = gap / kSecondsPerDay;
        const double sigma = c.volatilityPerDay;
        target *= std::exp((c.driftPerDay - 0.5 * sigma * sigma) * dt + sigma * std::sqrt(dt) * zTarget);

        const double pool = sqrtP * sqrtP * 1e12;
        bool buy = uSide < 0.5;           // buy ETH (USDC in, the price rises)
        bool chase = false;
        if (uNoise >= c.noiseTradeShare && std::abs(target / pool - 1.0) > kAtTargetFraction) {
            buy = target > pool;
            chase = true;
        }
        double sizeEth = std::min(c.medianTradeEth * std::exp(kSizeLogSigma * zSize), kMaxSizeMultiple * c.medianTradeEth);
        const double sqrtTarget = rawSqrt(target);
        VenueSwap swap;
        swap.liquidity = L;
        swap.feeFraction = fee;
        if (buy) {
            double usdcIn = sizeEth * pool;   // USDC
            if (chase)   // gross input that lands exactly on the target: L(√Pt − √Pc) net of the fee
                usdcIn = std::min(usdcIn, L * (sqrtTarget - sqrtP) / 1e6 / (1.0 - fee));
            const double sqrtAfter = sqrtP + usdcIn * 1e6 * (1.0 - fee) / L;
            swap.ethAmount = L * ((sqrtAfter - sqrtP) / (sqrtP * sqrtAfter)) / 1e18;
            swap.usdcVolume = usdcIn;
            sqrtP = sqrtAfter;
        } else {
            if (chase)   // ETH that lands on the target: L(1/√Pt − 1/√Pc) net of the fee
                sizeEth = std::min(sizeEth, L * (1.0 / sqrtTarget - 1.0 / sqrtP) / 1e18 / (1.0 - fee));
            const double ethIn = sizeEth * 1e18 * (1.0 - fee);
            const double sqrtAfter = L * sqrtP / (L + ethIn * sqrtP);
            swap.ethAmount = -sizeEth;
            swap.usdcVolume = L * sqrtP * (ethIn * sqrtP / (L + ethIn * sqrtP)) / 1e6;
            sqrtP = sqrtAfter;
        }
        swap.price = sqrtP * sqrtP * 1e12;
        swap.timestamp = qint64(std::floor(clock));
        series.append(swap);
    }
    return series;
}

Result<QVector<VenueSwap>> loadGanSequences(const GanSequencesSpec &spec)
{
    QFile file(spec.csvPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, Messages::tr("Cannot read the synthetic data file %1.").arg(spec.csvPath), file.errorString());
    const QList<QByteArray> header = file.readLine().trimmed().split(',');
    auto column = [&header](const char *name) { return int(header.indexOf(QByteArray(name))); };
    const int cSequence = column("sequence_id"), cStep = column("step"), cTime = column("timestamp"),
              cPrice = column("price"), cEth = column("amount0_eth"), cVolume = column("volume"),
              cUsage = column("liquidity_usage");
    if (std::min({cSequence, cStep, cTime, cPrice, cEth, cVolume, cUsage}) < 0)
        return Error::make(Error::Kind::Format,
                           Messages::tr("%1 is not a synthetic-sequence CSV: it needs the columns sequence_id, step, timestamp, price, "
                              "amount0_eth, volume and liquidity_usage.").arg(fileName(spec.csvPath)));
    struct Row { qint64 sequence; qint64 step; VenueSwap swap; double usage; };
    QVector<Row> rows;
    int line = 1;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        ++line;
        if (text.isEmpty())
            continue;
        const QList<QByteArray> cells = text.split(',');
        if (cells.size() != header.size())
            return Error::make(Error::Kind::Format,
                               Messages::tr("Line %1 of %2 has %3 cells; the header has %4.")
                                   .arg(line).arg(fileName(spec.csvPath)).arg(cells.size()).arg(header.size()));
        bool ok[7];
        Row row;
        row.sequence = cells[cSequence].toLongLong(&ok[0]);
        row.step = cells[cStep].toLongLong(&ok[1]);
        row.swap.timestamp = cells[cTime].toLongLong(&ok[2]);
        row.swap.price = cells[cPrice].toDouble(&ok[3]);
        row.swap.ethAmount = cells[cEth].toDouble(&ok[4]);
        row.swap.usdcVolume = std::abs(cells[cVolume].toDouble(&ok[5]));
        row.usage = cells[cUsage].toDouble(&ok[6]);
        if (!std::all_of(ok, ok + 7, [](bool b) { return b; }) || !(row.swap.price > 0) || !std::isfinite(row.swap.price)
            || !std::isfinite(row.swap.ethAmount) || !std::isfinite(row.swap.usdcVolume))
            return Error::make(Error::Kind::Format,
                               Messages::tr("Line %1 of %2 is not a valid synthetic swap (numbers, and a positive price, expected).")
                                   .arg(line).arg(fileName(spec.csvPath)));
        row.swap.feeFraction = spec.feePips / 1e6;
        rows.append(row);
    }
    if (rows.isEmpty())
        return Error::make(Error::Kind::Usage, Messages::tr("%1 holds no synthetic sequences.").arg(fileName(spec.csvPath)));
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.sequence != b.sequence ? a.sequence < b.sequence : a.step < b.step;
    });

    QVector<VenueSwap> series;
    series.reserve(rows.size());
    double previousLast = 0;
    for (int begin = 0; begin < rows.size();) {
        int end = begin;
        QVector<double> liquidities;
        while (end < rows.size() && rows[end].sequence == rows[begin].sequence) {
            const Row &row = rows[end];
            if (row.swap.usdcVolume > 0 && row.usage > 0 && std::isfinite(row.usage))
                liquidities.append(row.swap.usdcVolume / row.usage);
            ++end;
        }
        double liquidity = spec.fallbackLiquidity;
        if (!liquidities.isEmpty()) {
            std::sort(liquidities.begin(), liquidities.end());
            const int n = int(liquidities.size());
            liquidity = n % 2 ? liquidities[n / 2] : 0.5 * (liquidities[n / 2 - 1] + liquidities[n / 2]);
        }
        const double scale = previousLast > 0 ? previousLast / rows[begin].swap.price : 1.0;
        for (int i = begin; i < end; ++i) {
            VenueSwap swap = rows[i].swap;
            swap.price *= scale;
            swap.liquidity = liquidity;
            series.append(swap);
        }
        previousLast = series.last().price;
        begin = end;
    }
    return series;
}

Result<QVector<VenueSwap>> loadVenueSeries(const VenueSpec &spec)
{
    switch (spec.source) {
    case VenueSpec::Source::RealSwaps: return loadRealSwapSlice(spec.real);
    case VenueSpec::Source::Simulated: return simulateVenueMarket(spec.simulated);
    case VenueSpec::Source::GanSequences: return loadGanSequences(spec.gan);
    }
    return Error::make(Error::Kind::Usage, Messages::tr("Unknown venue data source."));
}

// ---------------------------------------------------------------------------------------------
// Data set

Result<VenueDataset> buildVenueDataset(const QString &venue, const QVector<VenueSwap> &series,
                                       const VenueFeatureConfig &config, double heldOutFraction)
{
    if (config.window < 2 || config.longWindow < config.window || config.rsiPeriod < 1 || config.bollingerWindow < 2
        || config.horizon < 1 || config.regime.window < 2 || !(config.referenceUsdc > 0)
        || !(heldOutFraction > 0 && heldOutFraction < 1))
        return Error::make(Error::Kind::Usage,
                           Messages::tr("The feature settings of venue %1 are not usable: windows of at least 2 swaps (the long one no "
                              "shorter than the short one), a horizon of at least 1, a positive reference size and a held-out "
                              "share between 0 and 1.").arg(venue));
    for (int i = 0; i < series.size(); ++i) {
        if (!(series[i].price > 0) || !std::isfinite(series[i].price))
            return Error::make(Error::Kind::Usage, Messages::tr("Venue %1 has a swap without a positive price (row %2).").arg(venue).arg(i));
    }
    const int first = config.firstFeatureRow();
    const int last = int(series.size()) - 1 - config.horizon;
    const int samples = last - first + 1;
    const int split = int(std::floor((1.0 - heldOutFraction) * std::max(samples, 0)));
    const int train = split - config.horizon;
    if (samples < 2 || train < 1 || split >= samples) {
        // The smallest series with one train and one held-out sample.
        int needed = first + config.horizon + 1;
        while (true) {
            const int n = needed - first - config.horizon;
            const int b = int(std::floor((1.0 - heldOutFraction) * n));
            if (b - config.horizon >= 1 && b < n)
                break;
            ++needed;
        }
        return Error::make(Error::Kind::Usage,
                           Messages::tr("Venue %1 has %2 swaps; these feature settings need at least %3 for one training and one "
                              "held-out sample.").arg(venue).arg(series.size()).arg(needed));
    }

    VenueDataset data;
    data.venue = venue;
    data.config = config;
    data.series = series;
    data.features.reserve(samples * kVenueFeatureCount);
    data.targets.reserve(samples);
    data.sampleRows.reserve(samples);
    const QVector<double> prices = venuePrices(series);
    const RegimeClassifier classifier(config.regime);
    VenueDatasetStats &stats = data.stats;
    std::array<double, kVenueFeatureCount> sums{};
    std::array<double, kVenueFeatureCount> squares{};
    double targetSum = 0;
    double targetSquares = 0;
    for (int t = first; t <= last; ++t) {
        const VenueFeatureRow row = venueFeatures(series, prices, t, config, classifier);
        const double target = venueTarget(series, prices, t, config);
        for (int f = 0; f < kVenueFeatureCount; ++f) {
            data.features.append(row[f]);
            sums[f] += row[f];
            squares[f] += double(row[f]) * row[f];
        }
        data.targets.append(float(target));
        data.sampleRows.append(t);
        targetSum += float(target);
        targetSquares += double(float(target)) * float(target);
        for (int r = 0; r < kMarketRegimeCount; ++r) {
            if (row[FeatureRegimeCrisis + r] > 0.5f)
                ++stats.regimeCounts[r];
        }
    }
    data.trainCount = train;
    data.heldOutStart = split;

    stats.swaps = int(series.size());
    stats.samples = samples;
    stats.trainSamples = train;
    stats.purgedSamples = split - train;
    stats.heldOutSamples = samples - split;
    stats.firstTimestamp = series.first().timestamp;
    stats.lastTimestamp = series.last().timestamp;
    stats.firstPrice = series.first().price;
    stats.lastPrice = series.last().price;
    for (int f = 0; f < kVenueFeatureCount; ++f) {
        stats.featureMean[f] = sums[f] / samples;
        stats.featureStd[f] = std::sqrt(std::max(0.0, squares[f] / samples - stats.featureMean[f] * stats.featureMean[f]));
    }
    stats.targetMean = targetSum / samples;
    stats.targetStd = std::sqrt(std::max(0.0, targetSquares / samples - stats.targetMean * stats.targetMean));
    const RegimeReading lastReading = classifier.classifyAt(prices, last);
    stats.lastRegime = lastReading.regime;
    stats.lastConfidence = lastReading.confidence;
    qCDebug(lcFederated) << "venue" << venue << "swaps" << stats.swaps << "samples" << samples << "train" << train
                         << "held out" << stats.heldOutSamples << "target mean" << stats.targetMean;
    return data;
}

Result<VenueDataset> buildVenueDataset(const VenueSpec &spec)
{
    auto series = loadVenueSeries(spec);
    if (!series)
        return series.error();
    auto data = buildVenueDataset(spec.name, *series, spec.features, spec.heldOutFraction);
    if (data)
        data->source = spec.source;
    return data;
}

QList<VenueSpec> defaultDemoVenues(const QString &swapCsvPath)
{
    VenueSpec binance;
    binance.name = QStringLiteral("binance");
    binance.description = Messages::tr("Real BASE ETH/USDC swaps 0–3999 (23 January – 4 February 2025): the decline and the 3 February crash.");
    binance.source = VenueSpec::Source::RealSwaps;
    binance.real.csvPath = swapCsvPath;
    binance.real.fromRow = 0;
    binance.real.toRow = 4000;
    binance.features.referenceUsdc = 10000;

    VenueSpec okx;
    okx.name = QStringLiteral("okx");
    okx.description = Messages::tr("Real BASE ETH/USDC swaps from row 4000 on (4–5 February 2025): the choppy range after the crash.");
    okx.source = VenueSpec::Source::RealSwaps;
    okx.real.csvPath = swapCsvPath;
    okx.real.fromRow = 4000;
    okx.real.toRow = -1;
    okx.features.referenceUsdc = 25000;

    VenueSpec bybit;
    bybit.name = QStringLiteral("bybit");
    bybit.description = Messages::tr("A simulated bull market: +10 % a day drift, 3 % daily volatility, one swap a minute.");
    bybit.source = VenueSpec::Source::Simulated;
    bybit.simulated.simulator.driftPerDay = 0.10;
    bybit.simulated.simulator.volatilityPerDay = 0.03;
    bybit.simulated.simulator.swapsPerMinute = 1;
    bybit.simulated.simulator.medianTradeEth = 0.1;
    bybit.simulated.simulator.noiseTradeShare = 0.3;
    bybit.simulated.simulator.seed = 8453;
    bybit.simulated.swapCount = 4000;
    bybit.simulated.startPrice = 2740;
    bybit.simulated.liquidity = 5.0e16;
    bybit.simulated.feePips = 500;
    bybit.features.referenceUsdc = 5000;

    return {binance, okx, bybit};
}

} // namespace apedesk::federated
