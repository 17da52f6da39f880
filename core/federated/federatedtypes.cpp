#include "federatedtypes.h"

#include "storedjson_p.h"
#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <cmath>

namespace apedesk::federated {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::federated::FederatedTypes)
};

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

bool finite(double v) { return std::isfinite(v); }

// JSON has no NaN or infinity: a non-finite number is written as null and read back as NaN.

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject breakdownToJson(const FryAlphaBreakdown &b)
{
    return QJsonObject{
        {QStringLiteral("venue"), b.venue},
        {QStringLiteral("valid"), b.valid},
        {QStringLiteral("invalid_reason"), b.invalidReason},
        {QStringLiteral("rmse_factor"), jsonNumber(b.rmseFactor)},
        {QStringLiteral("slippage_factor"), jsonNumber(b.slippageFactor)},
        {QStringLiteral("arb_score"), jsonNumber(b.arbScore)},
        {QStringLiteral("arb_factor"), jsonNumber(b.arbFactor)},
        {QStringLiteral("mint_score"), jsonNumber(b.mintScore)},
        {QStringLiteral("mint_factor"), jsonNumber(b.mintFactor)},
        {QStringLiteral("circuit_breaker_factor"), jsonNumber(b.circuitBreakerFactor)},
        {QStringLiteral("confidence_factor"), jsonNumber(b.confidenceFactor)},
        {QStringLiteral("raw_weight"), jsonNumber(b.rawWeight)},
        {QStringLiteral("weight"), jsonNumber(b.weight)},
    };
}

Result<FryAlphaBreakdown> breakdownFromJson(const QJsonObject &object)
{
    StoredJsonReader in(object, Messages::tr("FRY-alpha breakdown"));
    FryAlphaBreakdown b;
    b.venue = in.string("venue");
    b.valid = in.boolean("valid");
    b.invalidReason = in.string("invalid_reason");
    b.rmseFactor = in.number("rmse_factor");
    b.slippageFactor = in.number("slippage_factor");
    b.arbScore = in.number("arb_score");
    b.arbFactor = in.number("arb_factor");
    b.mintScore = in.number("mint_score");
    b.mintFactor = in.number("mint_factor");
    b.circuitBreakerFactor = in.number("circuit_breaker_factor");
    b.confidenceFactor = in.number("confidence_factor");
    b.rawWeight = in.number("raw_weight");
    b.weight = in.number("weight");
    if (!in.ok())
        return in.error();
    return b;
}

std::optional<VenueRoundRecord::Status> venueStatusFromKey(const QString &key)
{
    for (const auto s : {VenueRoundRecord::Status::Accepted, VenueRoundRecord::Status::Rejected,
                         VenueRoundRecord::Status::DroppedOut, VenueRoundRecord::Status::NotSampled}) {
        if (venueRoundStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}


QJsonObject venueSpecToJson(const VenueSpec &v)
{
    QJsonObject o{
        {QStringLiteral("name"), v.name},
        {QStringLiteral("source"), venueSourceKey(v.source)},
        {QStringLiteral("description"), v.description},
        {QStringLiteral("held_out_fraction"), v.heldOutFraction},
        {QStringLiteral("reference_usdc"), v.features.referenceUsdc},
        {QStringLiteral("horizon"), v.features.horizon},
    };
    switch (v.source) {
    case VenueSpec::Source::RealSwaps:
        o.insert(QStringLiteral("csv"), v.real.csvPath);
        o.insert(QStringLiteral("from_row"), v.real.fromRow);
        o.insert(QStringLiteral("to_row"), v.real.toRow);
        o.insert(QStringLiteral("from_timestamp"), v.real.fromTimestamp);
        o.insert(QStringLiteral("to_timestamp"), v.real.toTimestamp);
        break;
    case VenueSpec::Source::Simulated: {
        const market::SimulatorConfig &c = v.simulated.simulator;
        o.insert(QStringLiteral("swap_count"), v.simulated.swapCount);
        o.insert(QStringLiteral("start_price"), v.simulated.startPrice);
        o.insert(QStringLiteral("liquidity"), v.simulated.liquidity);
        o.insert(QStringLiteral("fee_pips"), qint64(v.simulated.feePips));
        o.insert(QStringLiteral("drift_per_day"), c.driftPerDay);
        o.insert(QStringLiteral("volatility_per_day"), c.volatilityPerDay);
        o.insert(QStringLiteral("swaps_per_minute"), c.swapsPerMinute);
        o.insert(QStringLiteral("median_trade_eth"), c.medianTradeEth);
        o.insert(QStringLiteral("noise_trade_share"), c.noiseTradeShare);
        o.insert(QStringLiteral("seed"), QString::number(c.seed));
        break;
    }
    case VenueSpec::Source::GanSequences:
        o.insert(QStringLiteral("csv"), v.gan.csvPath);
        o.insert(QStringLiteral("fallback_liquidity"), v.gan.fallbackLiquidity);
        o.insert(QStringLiteral("fee_pips"), qint64(v.gan.feePips));
        break;
    }
    return o;
}

} // namespace

std::optional<FederatedRoundRecord::State> roundStateFromKey(const QString &key)
{
    for (const auto s : {FederatedRoundRecord::State::Completed, FederatedRoundRecord::State::Skipped,
                         FederatedRoundRecord::State::Failed}) {
        if (roundStateKey(s) == key)
            return s;
    }
    return std::nullopt;
}

std::optional<FederatedRunRecord::State> runStateFromKey(const QString &key)
{
    for (const auto s : {FederatedRunRecord::State::Running, FederatedRunRecord::State::Finished,
                         FederatedRunRecord::State::Converged, FederatedRunRecord::State::Stopped,
                         FederatedRunRecord::State::Failed, FederatedRunRecord::State::Interrupted}) {
        if (runStateKey(s) == key)
            return s;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Run configuration

Status FederatedRunConfig::validate() const
{
    if (venues.isEmpty())
        return usage(Messages::tr("A federated run needs at least one venue."));
    QSet<QString> names;
    for (const VenueSpec &v : venues) {
        if (v.name.trimmed().isEmpty())
            return usage(Messages::tr("Every venue of a federated run needs a name."));
        if (names.contains(v.name))
            return usage(Messages::tr("Venue %1 is listed twice: venue names must be unique.").arg(v.name));
        names.insert(v.name);
    }
    if (rounds < 1)
        return usage(Messages::tr("A federated run needs at least one round (rounds is %1).").arg(rounds));
    if (!finite(fraction) || fraction <= 0 || fraction > 1)
        return usage(Messages::tr("The client sampling fraction must be above 0 and at most 1 (it is %1).").arg(fraction));
    if (minVenues < 1)
        return usage(Messages::tr("The minimum number of venues per round must be at least 1 (it is %1).").arg(minVenues));
    if (minVenues > venues.size())
        return usage(Messages::tr("The run asks for at least %1 venues per round but has only %2: lower the minimum or add venues.")
                         .arg(minVenues).arg(venues.size()));
    if (epochs < 1)
        return usage(Messages::tr("Local training needs at least one epoch (it is %1).").arg(epochs));
    if (!finite(baseLearningRate) || baseLearningRate <= 0)
        return usage(Messages::tr("The learning rate must be a positive number (it is %1).").arg(baseLearningRate));
    if (!finite(learningRateDecay) || learningRateDecay <= 0 || learningRateDecay > 1)
        return usage(Messages::tr("The learning-rate decay must be above 0 and at most 1 (it is %1).").arg(learningRateDecay));
    if (batchSize < 1)
        return usage(Messages::tr("The batch size must be at least 1 (it is %1).").arg(batchSize));
    if (!finite(weightDecay) || weightDecay < 0)
        return usage(Messages::tr("The weight decay must be a non-negative number (it is %1).").arg(weightDecay));
    if (!finite(normMultiplier))
        return usage(Messages::tr("The norm-outlier multiple must be a number (0 or less turns the test off)."));
    if (!finite(clipNorm) || clipNorm < 0)
        return usage(Messages::tr("The clipping norm must be a non-negative number (0: no clipping; it is %1).").arg(clipNorm));
    if (!finite(dpNoiseSigma) || dpNoiseSigma < 0)
        return usage(Messages::tr("The differential-privacy noise must be a non-negative number (0: no noise; it is %1).").arg(dpNoiseSigma));
    {
        const FryAlphaConfig &c = fryAlpha;
        for (const double v : {c.epsilon, c.arbRoiReference, c.circuitBreakerFactor}) {
            if (!finite(v) || v <= 0)
                return usage(Messages::tr("The FRY-alpha settings need a positive ε, arbitrage ROI reference and circuit-breaker factor."));
        }
        for (const double v : {c.slippageBonus, c.arbBonus, c.mintBonus, c.mintRateReference}) {
            if (!finite(v) || v < 0)
                return usage(Messages::tr("The FRY-alpha bonuses and the mint-rate reference must be non-negative numbers."));
        }
    }
    if (const Status t = trading.validate(); !t)
        return t;
    if (!finite(minRelativeImprovement) || minRelativeImprovement < 0)
        return usage(Messages::tr("The early-stopping improvement must be a non-negative number (it is %1).").arg(minRelativeImprovement));
    if (patience < 1)
        return usage(Messages::tr("Early stopping needs a patience of at least one round (it is %1).").arg(patience));
    if (!finite(dropoutProbability) || dropoutProbability < 0 || dropoutProbability >= 1)
        return usage(Messages::tr("The dropout probability must be at least 0 and below 1 (it is %1).").arg(dropoutProbability));
    if (!finite(roundTimeoutSeconds) || roundTimeoutSeconds < 0)
        return usage(Messages::tr("The round deadline must be a non-negative number of seconds (0: none; it is %1).").arg(roundTimeoutSeconds));
    if (parallelVenues < 0)
        return usage(Messages::tr("The number of venues training at once must be 0 (the machine's cores) or more (it is %1).").arg(parallelVenues));
    if (initialVersion < 0)
        return usage(Messages::tr("The starting model version must be 0 (fresh weights) or a registry version (it is %1).").arg(initialVersion));
    return {};
}

QJsonObject FederatedRunConfig::toJson() const
{
    QJsonArray venueArray;
    for (const VenueSpec &v : venues)
        venueArray.append(venueSpecToJson(v));
    const QJsonObject fry{
        {QStringLiteral("epsilon"), fryAlpha.epsilon},
        {QStringLiteral("slippage_bonus"), fryAlpha.slippageBonus},
        {QStringLiteral("arb_bonus"), fryAlpha.arbBonus},
        {QStringLiteral("mint_bonus"), fryAlpha.mintBonus},
        {QStringLiteral("circuit_breaker_factor"), fryAlpha.circuitBreakerFactor},
        {QStringLiteral("arb_roi_reference"), fryAlpha.arbRoiReference},
        {QStringLiteral("mint_rate_reference"), fryAlpha.mintRateReference},
    };
    const QJsonObject tradingJson{
        {QStringLiteral("window_samples"), trading.windowSamples},
        {QStringLiteral("position_usdc"), trading.positionUsdc},
        {QStringLiteral("arb_capital_usdc"), trading.arbCapitalUsdc},
        {QStringLiteral("fair_value_window"), trading.fairValueWindow},
        {QStringLiteral("arb_entry_fee_multiple"), trading.arbEntryFeeMultiple},
        {QStringLiteral("circuit_breaker_move"), trading.circuitBreakerMove},
        {QStringLiteral("circuit_breaker_drawdown"), trading.circuitBreakerDrawdown},
        {QStringLiteral("fry_per_usdc"), trading.fryPerUsdc},
    };
    return QJsonObject{
        {QStringLiteral("venues"), venueArray},
        {QStringLiteral("rounds"), rounds},
        {QStringLiteral("fraction"), fraction},
        {QStringLiteral("min_venues"), minVenues},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("base_learning_rate"), baseLearningRate},
        {QStringLiteral("learning_rate_decay"), learningRateDecay},
        {QStringLiteral("batch_size"), batchSize},
        {QStringLiteral("weight_decay"), weightDecay},
        {QStringLiteral("norm_multiplier"), normMultiplier},
        {QStringLiteral("clip_norm"), clipNorm},
        {QStringLiteral("dp_noise_sigma"), dpNoiseSigma},
        {QStringLiteral("fry_alpha"), fry},
        {QStringLiteral("trading"), tradingJson},
        {QStringLiteral("early_stopping"), earlyStopping},
        {QStringLiteral("min_relative_improvement"), minRelativeImprovement},
        {QStringLiteral("patience"), patience},
        {QStringLiteral("dropout_probability"), dropoutProbability},
        {QStringLiteral("round_timeout_seconds"), roundTimeoutSeconds},
        {QStringLiteral("parallel_venues"), parallelVenues},
        // A string: JSON numbers lose integers above 2^53.
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("initial_version"), initialVersion},
    };
}

QStringList FederatedRunConfig::venueNames() const
{
    QStringList names;
    names.reserve(venues.size());
    for (const VenueSpec &v : venues)
        names << v.name;
    return names;
}

// ---------------------------------------------------------------------------------------------
// Venue round records

QString venueRoundStatusKey(VenueRoundRecord::Status status)
{
    switch (status) {
    case VenueRoundRecord::Status::Accepted: return QStringLiteral("accepted");
    case VenueRoundRecord::Status::Rejected: return QStringLiteral("rejected");
    case VenueRoundRecord::Status::DroppedOut: return QStringLiteral("dropped_out");
    case VenueRoundRecord::Status::NotSampled: return QStringLiteral("not_sampled");
    }
    return {};
}

QJsonObject VenueRoundRecord::toJson() const
{
    QJsonObject o{
        {QStringLiteral("venue"), venue},
        {QStringLiteral("status"), venueRoundStatusKey(status)},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("weight"), jsonNumber(weight)},
        {QStringLiteral("fry_alpha"), breakdownToJson(fryAlpha)},
        {QStringLiteral("local_train_loss"), jsonNumber(localTrainLoss)},
        {QStringLiteral("local_rmse"), jsonNumber(localRmse)},
        {QStringLiteral("global_rmse"), jsonNumber(globalRmse)},
        {QStringLiteral("train_samples"), trainSamples},
        {QStringLiteral("train_seconds"), jsonNumber(trainSeconds)},
    };
    // Absent optionals are absent keys; a present but non-finite norm is null.
    if (updateNorm)
        o.insert(QStringLiteral("update_norm"), jsonNumber(*updateNorm));
    if (trading)
        o.insert(QStringLiteral("trading"), trading->toJson());
    return o;
}

Result<VenueRoundRecord> VenueRoundRecord::fromJson(const QJsonObject &object)
{
    StoredJsonReader in(object, Messages::tr("venue round record"));
    VenueRoundRecord r;
    r.venue = in.string("venue");
    const QString status = in.string("status");
    r.reason = in.string("reason");
    r.weight = in.number("weight");
    const QJsonObject fry = in.object("fry_alpha");
    r.localTrainLoss = in.number("local_train_loss");
    r.localRmse = in.number("local_rmse");
    r.globalRmse = in.number("global_rmse");
    r.trainSamples = int(in.integer("train_samples"));
    r.trainSeconds = in.number("train_seconds");
    if (in.has("update_norm"))
        r.updateNorm = in.number("update_norm");
    const QJsonObject trading = in.has("trading") ? in.object("trading") : QJsonObject();
    if (!in.ok())
        return in.error();
    const auto parsedStatus = venueStatusFromKey(status);
    if (!parsedStatus) {
        in.fail("status");
        return in.error();
    }
    r.status = *parsedStatus;
    auto breakdown = breakdownFromJson(fry);
    if (!breakdown)
        return breakdown.error();
    r.fryAlpha = std::move(breakdown).value();
    if (in.has("trading")) {
        auto result = VenueTradingResult::fromJson(trading);
        if (!result)
            return result.error();
        r.trading = std::move(result).value();
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Round records

QString roundStateKey(FederatedRoundRecord::State state)
{
    switch (state) {
    case FederatedRoundRecord::State::Completed: return QStringLiteral("completed");
    case FederatedRoundRecord::State::Skipped: return QStringLiteral("skipped");
    case FederatedRoundRecord::State::Failed: return QStringLiteral("failed");
    }
    return {};
}

QMap<QString, double> FederatedRoundRecord::weights() const
{
    QMap<QString, double> out;
    for (const VenueRoundRecord &v : venues) {
        if (v.status == VenueRoundRecord::Status::Accepted)
            out.insert(v.venue, v.weight);
    }
    return out;
}

QMap<QString, double> FederatedRoundRecord::venueRmse() const
{
    // The new global model is evaluated on every venue's held-out split, sampled or not; a skipped or
    // failed round made no new model, so it has no RMSE to show.
    QMap<QString, double> out;
    if (state != State::Completed)
        return out;
    for (const VenueRoundRecord &v : venues)
        out.insert(v.venue, v.globalRmse);
    return out;
}

QMap<QString, QString> FederatedRoundRecord::rejected() const
{
    QMap<QString, QString> out;
    for (const VenueRoundRecord &v : venues) {
        if (v.status == VenueRoundRecord::Status::Rejected || v.status == VenueRoundRecord::Status::DroppedOut)
            out.insert(v.venue, v.reason);
    }
    return out;
}

QJsonObject FederatedRoundRecord::toJson() const
{
    QJsonObject weightsJson;
    const QMap<QString, double> w = weights();
    for (auto it = w.cbegin(); it != w.cend(); ++it)
        weightsJson.insert(it.key(), jsonNumber(it.value()));
    QJsonObject rmseJson;
    const QMap<QString, double> rmse = venueRmse();
    for (auto it = rmse.cbegin(); it != rmse.cend(); ++it)
        rmseJson.insert(it.key(), jsonNumber(it.value()));
    QJsonObject rejectedJson;
    const QMap<QString, QString> rej = rejected();
    for (auto it = rej.cbegin(); it != rej.cend(); ++it)
        rejectedJson.insert(it.key(), it.value());
    QJsonArray venueArray;
    for (const VenueRoundRecord &v : venues)
        venueArray.append(v.toJson());
    return QJsonObject{
        {QStringLiteral("run_id"), runId},
        {QStringLiteral("round"), round},
        {QStringLiteral("state"), roundStateKey(state)},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("started_at"), isoTime(startedAt)},
        {QStringLiteral("duration_seconds"), jsonNumber(durationSeconds)},
        {QStringLiteral("learning_rate"), jsonNumber(learningRate)},
        {QStringLiteral("sampled_venues"), sampledVenues},
        {QStringLiteral("reporting_venues"), reportingVenues},
        {QStringLiteral("mean_weight"), jsonNumber(meanWeight)},
        {QStringLiteral("global_rmse"), jsonNumber(globalRmse)},
        {QStringLiteral("global_loss"), jsonNumber(globalLoss)},
        {QStringLiteral("noise_std"), jsonNumber(noiseStd)},
        {QStringLiteral("median_norm"), jsonNumber(medianNorm)},
        {QStringLiteral("model_version"), modelVersion},
        {QStringLiteral("converged"), converged},
        {QStringLiteral("weights"), weightsJson},
        {QStringLiteral("venue_rmse"), rmseJson},
        {QStringLiteral("rejected"), rejectedJson},
        {QStringLiteral("venues"), venueArray},
    };
}

Result<FederatedRoundRecord> FederatedRoundRecord::fromJson(const QJsonObject &object)
{
    StoredJsonReader in(object, Messages::tr("round record"));
    FederatedRoundRecord r;
    r.runId = in.integer("run_id");
    r.round = int(in.integer("round"));
    const QString state = in.string("state");
    r.reason = in.string("reason");
    const QString started = in.string("started_at");
    r.durationSeconds = in.number("duration_seconds");
    r.learningRate = in.number("learning_rate");
    r.sampledVenues = int(in.integer("sampled_venues"));
    r.reportingVenues = int(in.integer("reporting_venues"));
    r.meanWeight = in.number("mean_weight");
    r.globalRmse = in.number("global_rmse");
    r.globalLoss = in.number("global_loss");
    r.noiseStd = in.number("noise_std");
    r.medianNorm = in.number("median_norm");
    r.modelVersion = in.integer("model_version");
    r.converged = in.boolean("converged");
    const QJsonArray venueArray = in.array("venues");
    if (!in.ok())
        return in.error();
    const auto parsedState = roundStateFromKey(state);
    if (!parsedState) {
        in.fail("state");
        return in.error();
    }
    r.state = *parsedState;
    if (!started.isEmpty()) {
        r.startedAt = QDateTime::fromString(started, Qt::ISODateWithMs);
        if (!r.startedAt.isValid()) {
            in.fail("started_at");
            return in.error();
        }
        r.startedAt = r.startedAt.toUTC();
    }
    for (const QJsonValue v : venueArray) {
        if (!v.isObject()) {
            in.fail("venues");
            return in.error();
        }
        auto venue = VenueRoundRecord::fromJson(v.toObject());
        if (!venue)
            return venue.error();
        r.venues << std::move(venue).value();
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Runs and totals

QString runStateKey(FederatedRunRecord::State state)
{
    switch (state) {
    case FederatedRunRecord::State::Running: return QStringLiteral("running");
    case FederatedRunRecord::State::Finished: return QStringLiteral("finished");
    case FederatedRunRecord::State::Converged: return QStringLiteral("converged");
    case FederatedRunRecord::State::Stopped: return QStringLiteral("stopped");
    case FederatedRunRecord::State::Failed: return QStringLiteral("failed");
    case FederatedRunRecord::State::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

FederatedTotals federatedTotals(const QList<FederatedRoundRecord> &rounds)
{
    FederatedTotals t;
    for (const FederatedRoundRecord &round : rounds) {
        if (round.state == FederatedRoundRecord::State::Completed)
            ++t.completedRounds;
        else if (round.state == FederatedRoundRecord::State::Skipped)
            ++t.skippedRounds;
        for (const VenueRoundRecord &v : round.venues) {
            if (v.status == VenueRoundRecord::Status::Rejected)
                ++t.rejectedUpdates;
            else if (v.status == VenueRoundRecord::Status::DroppedOut)
                ++t.dropouts;
            if (!v.trading)
                continue;
            const VenueTradingResult &trade = *v.trading;
            // A broken report must not turn the dashboard's totals into NaN.
            if (finite(trade.fryMinted))
                t.fryMinted += trade.fryMinted;
            if (finite(trade.slippageHarvestedUsdc))
                t.slippageHarvestedUsdc += trade.slippageHarvestedUsdc;
            if (finite(trade.arbitrageProfitUsdc))
                t.arbitrageProfitUsdc += trade.arbitrageProfitUsdc;
            if (trade.circuitBreakerActive)
                ++t.circuitBreakerActivations;
            const int regime = int(trade.regime);
            if (regime >= 0 && regime < kMarketRegimeCount)
                ++t.regimeRounds[regime];
        }
    }
    return t;
}

} // namespace apedesk::federated
