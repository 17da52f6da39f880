#include "venuetrading.h"

#include "storedjson_p.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace apedesk::federated {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::federated::VenueTrading)
};

constexpr double kSecondsPerDay = 86400;
constexpr double kMinimumWindowSeconds = 60;   // a window under a minute counts as one minute

Error usage(const QString &message, const QString &detail = {})
{
    return Error::make(Error::Kind::Usage, message, detail);
}

bool finite(double v) { return std::isfinite(v); }

QString percent(double fraction) { return QString::number(100.0 * fraction, 'f', 2); }

QString utcTime(qint64 timestamp)
{
    return QDateTime::fromSecsSinceEpoch(timestamp, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// The one-hot regime and confidence of a sample's features (10–14): the classifier's reading there.
void regimeOfSample(const VenueDataset &data, int sample, MarketRegime &regime, double &confidence)
{
    const float *row = data.features.constData() + qsizetype(sample) * kVenueFeatureCount;
    int best = 0;
    for (int r = 1; r < kMarketRegimeCount; ++r) {
        if (row[FeatureRegimeCrisis + r] > row[FeatureRegimeCrisis + best])
            best = r;
    }
    regime = static_cast<MarketRegime>(best);
    confidence = row[FeatureRegimeConfidence];
}

} // namespace

Status VenueTradingConfig::validate() const
{
    if (windowSamples < 1)
        return usage(Messages::tr("The trading window must hold at least one sample (it is %1).").arg(windowSamples));
    if (!finite(positionUsdc) || positionUsdc < 0)
        return usage(Messages::tr("The hedged position must be a positive number of USDC, or 0 for the venue's reference size."));
    if (!finite(arbCapitalUsdc) || arbCapitalUsdc < 0)
        return usage(Messages::tr("The arbitrage capital must be a positive number of USDC, or 0 for the hedged position's size."));
    if (fairValueWindow < 1)
        return usage(Messages::tr("The fair-value window must be at least one swap (it is %1).").arg(fairValueWindow));
    if (!finite(arbEntryFeeMultiple) || arbEntryFeeMultiple < 0)
        return usage(Messages::tr("The arbitrage entry threshold must be a non-negative multiple of the fee."));
    if (!finite(circuitBreakerMove) || circuitBreakerMove <= 0)
        return usage(Messages::tr("The circuit breaker's price move must be a positive fraction (0.05 = 5 %)."));
    if (!finite(circuitBreakerDrawdown) || circuitBreakerDrawdown <= 0)
        return usage(Messages::tr("The circuit breaker's drawdown must be a positive fraction of the position (0.05 = 5 %)."));
    if (!finite(fryPerUsdc) || fryPerUsdc < 0)
        return usage(Messages::tr("The FRY minted per USDC must be a non-negative number."));
    return {};
}

VenueMetrics VenueTradingResult::metrics() const
{
    VenueMetrics m;
    m.venue = venue;
    m.hedgeRmse = hedgeRmse;
    m.slippageEfficiency = slippageEfficiency;
    m.arbitrageRoi = arbitrageRoi;
    m.fryMintRate = fryMintRate;
    m.circuitBreakerActive = circuitBreakerActive;
    m.regime = regimeKey(regime);
    m.regimeConfidence = regimeConfidence;
    return m;
}

QJsonObject VenueTradingResult::toJson() const
{
    return QJsonObject{
        {QStringLiteral("venue"), venue},
        {QStringLiteral("round"), round},
        {QStringLiteral("window_start"), windowStart},
        {QStringLiteral("window_samples"), windowSamples},
        {QStringLiteral("first_timestamp"), firstTimestamp},
        {QStringLiteral("last_timestamp"), lastTimestamp},
        {QStringLiteral("hedge_rmse"), jsonNumber(hedgeRmse)},
        {QStringLiteral("window_rmse"), jsonNumber(windowRmse)},
        {QStringLiteral("mean_hedge_ratio"), jsonNumber(meanHedgeRatio)},
        {QStringLiteral("unhedged_pnl_usdc"), jsonNumber(unhedgedPnlUsdc)},
        {QStringLiteral("hedged_pnl_usdc"), jsonNumber(hedgedPnlUsdc)},
        {QStringLiteral("hedge_cost_usdc"), jsonNumber(hedgeCostUsdc)},
        {QStringLiteral("slippage_available_usdc"), jsonNumber(slippageAvailableUsdc)},
        {QStringLiteral("slippage_harvested_usdc"), jsonNumber(slippageHarvestedUsdc)},
        {QStringLiteral("slippage_efficiency"), jsonNumber(slippageEfficiency)},
        {QStringLiteral("arbitrage_trades"), arbitrageTrades},
        {QStringLiteral("arbitrage_profit_usdc"), jsonNumber(arbitrageProfitUsdc)},
        {QStringLiteral("arbitrage_capital_usdc"), jsonNumber(arbitrageCapitalUsdc)},
        {QStringLiteral("arbitrage_roi"), jsonNumber(arbitrageRoi)},
        {QStringLiteral("fry_minted"), jsonNumber(fryMinted)},
        {QStringLiteral("fry_mint_rate"), jsonNumber(fryMintRate)},
        {QStringLiteral("circuit_breaker_active"), circuitBreakerActive},
        {QStringLiteral("circuit_breaker_reason"), circuitBreakerReason},
        {QStringLiteral("regime"), regimeKey(regime)},
        {QStringLiteral("regime_confidence"), jsonNumber(regimeConfidence)},
    };
}

Result<VenueTradingResult> VenueTradingResult::fromJson(const QJsonObject &object)
{
    StoredJsonReader in(object, Messages::tr("trading result"));
    VenueTradingResult r;
    r.venue = in.string("venue");
    r.round = int(in.integer("round"));
    r.windowStart = int(in.integer("window_start"));
    r.windowSamples = int(in.integer("window_samples"));
    r.firstTimestamp = in.integer("first_timestamp");
    r.lastTimestamp = in.integer("last_timestamp");
    r.hedgeRmse = in.number("hedge_rmse");
    r.windowRmse = in.number("window_rmse");
    r.meanHedgeRatio = in.number("mean_hedge_ratio");
    r.unhedgedPnlUsdc = in.number("unhedged_pnl_usdc");
    r.hedgedPnlUsdc = in.number("hedged_pnl_usdc");
    r.hedgeCostUsdc = in.number("hedge_cost_usdc");
    r.slippageAvailableUsdc = in.number("slippage_available_usdc");
    r.slippageHarvestedUsdc = in.number("slippage_harvested_usdc");
    r.slippageEfficiency = in.number("slippage_efficiency");
    r.arbitrageTrades = int(in.integer("arbitrage_trades"));
    r.arbitrageProfitUsdc = in.number("arbitrage_profit_usdc");
    r.arbitrageCapitalUsdc = in.number("arbitrage_capital_usdc");
    r.arbitrageRoi = in.number("arbitrage_roi");
    r.fryMinted = in.number("fry_minted");
    r.fryMintRate = in.number("fry_mint_rate");
    r.circuitBreakerActive = in.boolean("circuit_breaker_active");
    r.circuitBreakerReason = in.string("circuit_breaker_reason");
    const QString regime = in.string("regime");
    r.regimeConfidence = in.number("regime_confidence");
    if (!in.ok())
        return in.error();
    const auto parsed = regimeFromKey(regime);
    if (!parsed) {
        in.fail("regime");
        return in.error();
    }
    r.regime = *parsed;
    return r;
}

int tradingWindowStart(int heldOutSamples, int windowSamples, int round)
{
    if (heldOutSamples < 1 || windowSamples < 1)
        return 0;
    const qint64 w = std::min(windowSamples, heldOutSamples);
    const qint64 positions = heldOutSamples - w + 1;
    const qint64 start = (qint64(round) * w) % positions;
    return int(start < 0 ? start + positions : start);
}

Result<VenueTradingResult> simulateVenueTrading(const VenueDataset &data, const QVector<float> &heldOutPredictions,
                                                int round, const VenueTradingConfig &config)
{
    if (const Status valid = config.validate(); !valid)
        return valid.error();
    const int heldOut = data.heldOutCount();
    if (heldOut < 1 || data.sampleRows.size() != data.sampleCount() || data.heldOutStart < 0)
        return usage(Messages::tr("Venue %1 has no held-out samples to trade on.").arg(data.venue));
    if (heldOutPredictions.size() != heldOut)
        return usage(Messages::tr("Venue %1 got %2 hedge ratios for its %3 held-out samples.")
                         .arg(data.venue).arg(heldOutPredictions.size()).arg(heldOut));
    for (int i = 0; i < heldOut; ++i) {
        if (!std::isfinite(heldOutPredictions[i]))
            return usage(Messages::tr("Venue %1 cannot trade: the model's hedge ratio for held-out sample %2 is not a number.")
                             .arg(data.venue).arg(i));
    }
    const double E = config.positionUsdc > 0 ? config.positionUsdc : data.config.referenceUsdc;
    if (!(E > 0) || !finite(E))
        return usage(Messages::tr("Venue %1 has no position size to hedge: set the trading position or the venue's reference size.").arg(data.venue));
    const double C = config.arbCapitalUsdc > 0 ? config.arbCapitalUsdc : E;
    const int horizon = std::max(1, data.config.horizon);
    const QVector<VenueSwap> &series = data.series;

    VenueTradingResult r;
    r.venue = data.venue;
    r.round = round;
    const int w = std::min(config.windowSamples, heldOut);
    const int s = tradingWindowStart(heldOut, config.windowSamples, round);
    r.windowStart = s;
    r.windowSamples = w;
    auto rowOf = [&](int k) { return data.sampleRows[data.heldOutStart + s + k]; };
    auto predictionOf = [&](int k) { return double(heldOutPredictions[s + k]); };
    auto targetOf = [&](int i) { return double(data.targets[data.heldOutStart + i]); };
    for (int k = 0; k < w; ++k) {
        const int row = rowOf(k);
        if (row < 1 || row >= series.size())
            return usage(Messages::tr("Venue %1's samples do not match its market series.").arg(data.venue),
                         QStringLiteral("sample row %1 of %2 swaps").arg(row).arg(series.size()));
    }
    r.firstTimestamp = series[rowOf(0)].timestamp;
    r.lastTimestamp = series[rowOf(w - 1)].timestamp;

    // Hedge RMSE: the whole held-out split (stable across rounds) and the window.
    double squares = 0;
    for (int i = 0; i < heldOut; ++i) {
        const double e = double(heldOutPredictions[i]) - targetOf(i);
        squares += e * e;
    }
    r.hedgeRmse = std::sqrt(squares / heldOut);
    double windowSquares = 0;
    double predictionSum = 0;
    for (int k = 0; k < w; ++k) {
        const double e = predictionOf(k) - targetOf(s + k);
        windowSquares += e * e;
        predictionSum += predictionOf(k);
    }
    r.windowRmse = std::sqrt(windowSquares / w);
    r.meanHedgeRatio = predictionSum / w;

    // Fair value: an EMA of every swap's price before the window's first sample, so it is warm when
    // the window starts; fairBefore is the EMA up to the previous swap (a swap cannot be its own fair price).
    const double alpha = 2.0 / (config.fairValueWindow + 1.0);
    double fair = series[0].price;
    for (int row = 1; row < rowOf(0); ++row)
        fair += alpha * (series[row].price - fair);

    double hedge = predictionOf(0);   // h before the window: the first prediction, no cost
    double pnl = 0;
    double peak = 0;
    bool tripped = false;
    bool arbOpen = false;
    int arbEntry = 0;
    int arbDirection = 0;             // +1 long ETH (pool below fair), −1 short
    double arbEntryPrice = 0;
    double arbEntryDeviation = 0;
    double arbEntryFee = 0;

    for (int k = 0; k < w; ++k) {
        const int row = rowOf(k);
        const VenueSwap &swap = series[row];
        const double previousPrice = series[row - 1].price;
        const double move = swap.price / previousPrice - 1.0;
        const double deviation = swap.price / fair - 1.0;

        // Slippage paid by this swap's taker: available whether or not the agent harvests it.
        const double slippage = swap.usdcVolume * std::abs(move) / 2.0;
        r.slippageAvailableUsdc += slippage;

        if (!tripped && std::abs(move) > config.circuitBreakerMove) {
            tripped = true;
            r.circuitBreakerReason = Messages::tr("One swap moved the price by %1 % at %2 (the limit is %3 %).")
                                         .arg(percent(move), utcTime(swap.timestamp), percent(config.circuitBreakerMove));
        }

        // Rebalance to this sample's prediction (frozen once the breaker tripped).
        if (!tripped) {
            const double target = predictionOf(k);
            const double delta = target - hedge;
            if (k > 0 && delta != 0) {
                const double cost = data.features[qsizetype(data.heldOutStart + s + k) * kVenueFeatureCount + FeatureEffectiveSpread] / 100.0;
                const double traded = std::abs(delta) * E;
                r.hedgeCostUsdc += cost * traded;
                pnl -= cost * traded;
                // Against the swap: it bought ETH and the agent sells more (hedge grows), or the reverse.
                const bool against = (swap.ethAmount > 0 && delta > 0) || (swap.ethAmount < 0 && delta < 0);
                if (against && swap.usdcVolume > 0)
                    r.slippageHarvestedUsdc += slippage * std::min(traded, swap.usdcVolume) / swap.usdcVolume;
            }
            hedge = target;
        }

        // Arbitrage toward the fair price: close first, then (not on the last sample) maybe open.
        bool closedNow = false;
        if (arbOpen) {
            const bool halved = std::abs(deviation) <= std::abs(arbEntryDeviation) / 2.0;
            if (halved || k - arbEntry >= horizon || k == w - 1) {
                const double gross = C * arbDirection * (swap.price / arbEntryPrice - 1.0);
                r.arbitrageProfitUsdc += gross - C * (arbEntryFee + swap.feeFraction);
                ++r.arbitrageTrades;
                arbOpen = false;
                closedNow = true;
            }
        }
        if (!arbOpen && !closedNow && !tripped && k < w - 1
            && std::abs(deviation) > config.arbEntryFeeMultiple * swap.feeFraction) {
            arbOpen = true;
            arbEntry = k;
            arbDirection = deviation > 0 ? -1 : 1;
            arbEntryPrice = swap.price;
            arbEntryDeviation = deviation;
            arbEntryFee = swap.feeFraction;
        }
        fair += alpha * (swap.price - fair);

        // The position's P&L to the next window sample, then the drawdown test.
        if (k + 1 < w) {
            const double ret = series[rowOf(k + 1)].price / swap.price - 1.0;
            r.unhedgedPnlUsdc += E * ret;
            pnl += (1.0 - hedge) * E * ret;
        }
        peak = std::max(peak, pnl);
        if (!tripped && peak - pnl > config.circuitBreakerDrawdown * E) {
            tripped = true;
            r.circuitBreakerReason = Messages::tr("The hedged position fell %1 % of its size below its peak by %2 (the limit is %3 %).")
                                         .arg(percent((peak - pnl) / E), utcTime(swap.timestamp),
                                              percent(config.circuitBreakerDrawdown));
        }
    }
    r.hedgedPnlUsdc = pnl;
    r.slippageEfficiency = r.slippageAvailableUsdc > 0 ? r.slippageHarvestedUsdc / r.slippageAvailableUsdc : 0;
    r.arbitrageCapitalUsdc = C;
    r.arbitrageRoi = r.arbitrageProfitUsdc / C;
    r.fryMinted = config.fryPerUsdc * (r.slippageHarvestedUsdc + std::max(0.0, r.arbitrageProfitUsdc));
    const double seconds = std::max(kMinimumWindowSeconds, double(r.lastTimestamp - r.firstTimestamp));
    r.fryMintRate = r.fryMinted / (seconds / kSecondsPerDay);
    r.circuitBreakerActive = tripped;
    regimeOfSample(data, data.heldOutStart + s + w - 1, r.regime, r.regimeConfidence);
    qCDebug(lcFederated) << "venue" << data.venue << "round" << round << "window" << s << w << "rmse" << r.hedgeRmse
                         << "efficiency" << r.slippageEfficiency << "arb roi" << r.arbitrageRoi << "breaker" << tripped;
    return r;
}

} // namespace apedesk::federated
