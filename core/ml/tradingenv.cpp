#include "tradingenv.h"

#include "common/portablerandom.h"
#include "common/logging.h"
#include "ganvalidation.h"
#include "market/swapcsv.h"
#include "market/swapstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonValue>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

namespace apedesk::ml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::ml::TradingEnv", text);
}

// Decision steps of a sequence [begin, end): kRlWindow steps of history before t (the window's first
// pct change reads the step before it) and one step after t.
int firstDecisionStep(int begin)
{
    return begin + kRlWindow;
}
int decisionStepsIn(int begin, int end)
{
    return std::max(0, end - begin - kRlWindow - 1);
}

// Uniform index in [0, n) by rejection on the raw 64-bit output: the same draws on every platform
// (std::uniform_int_distribution is implementation-defined).
quint64 uniformIndex(std::mt19937_64 &rng, quint64 n)
{
    const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % n;
    quint64 x = rng();
    while (x >= limit)
        x = rng();
    return x % n;
}

// The observation of the 11 steps first[0..kRlWindow] (first[kRlWindow] is "now").
RlObservation observationOf(const MarketStep *first, bool holding)
{
    RlObservation obs{};
    double maxVolume = 0, maxVolatility = 0;
    for (int i = 1; i <= kRlWindow; ++i) {
        maxVolume = std::max(maxVolume, first[i].volume);
        maxVolatility = std::max(maxVolatility, first[i].volatility);
    }
    for (int i = 1; i <= kRlWindow; ++i) {
        const double previous = first[i - 1].price;
        obs[i - 1] = float(100.0 * (first[i].price - previous) / previous);
        obs[kRlWindow + i - 1] = maxVolume > 0 ? float(first[i].volume / maxVolume) : 0.0f;
        obs[2 * kRlWindow + i - 1] = maxVolatility > 0 ? float(first[i].volatility / maxVolatility) : 0.0f;
    }
    obs[3 * kRlWindow] = holding ? 1.0f : 0.0f;
    return obs;
}

// A price the pct changes can divide by.
bool validPrice(double price)
{
    return std::isfinite(price) && price > 0;
}

// Every value finite and the price positive; the first bad step is named.
Status checkSteps(const QVector<MarketStep> &steps, const QString &what)
{
    for (int i = 0; i < steps.size(); ++i) {
        const MarketStep &s = steps[i];
        if (!validPrice(s.price) || !std::isfinite(s.volume) || !std::isfinite(s.volatility))
            return Error::make(Error::Kind::Format,
                               tr("%1 has a step without a positive price or with a value that is not a number.").arg(what),
                               QStringLiteral("step %1: price %2, volume %3, volatility %4")
                                   .arg(i).arg(s.price).arg(s.volume).arg(s.volatility));
    }
    return {};
}

Status checkLongEnough(const TradingSeries &series, const QString &what)
{
    if (series.decisionStepCount() > 0)
        return {};
    int longest = 0;
    for (int s = 0; s < series.sequenceCount(); ++s)
        longest = std::max(longest, series.sequenceEnd(s) - series.sequenceBegin(s));
    return Error::make(Error::Kind::Usage,
                       tr("%1 is too short to trade on: a sequence needs at least %2 steps, the longest has %3.")
                           .arg(what).arg(kRlWindow + 2).arg(longest),
                       QStringLiteral("%1 steps in %2 sequences").arg(series.steps.size()).arg(series.sequenceCount()));
}

QString fileName(const QString &path)
{
    return QFileInfo(path).fileName();
}

Result<TradingSeries> seriesFromSyntheticCsv(const QString &path)
{
    Result<SyntheticCsv> csv = readSyntheticCsvFile(path);
    if (!csv)
        return csv.error();
    int column[3] = {-1, -1, -1};
    const char *const names[3] = {"price", "volume", "volatility"};
    for (int k = 0; k < 3; ++k) {
        column[k] = int(csv->featureNames.indexOf(QLatin1String(names[k])));
        if (column[k] < 0)
            return Error::make(Error::Kind::Format,
                               tr("The synthetic CSV %1 has no \"%2\" column.").arg(path, QLatin1String(names[k])),
                               csv->featureNames.join(QLatin1Char(',')));
    }

    // readSyntheticCsv drops the timestamps; they are read here from the validated file, in the same
    // order (sequences by first appearance, steps ascending).
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot open the synthetic CSV %1.").arg(path), file.errorString());
    std::vector<long long> order;
    std::map<long long, std::map<long long, qint64>> timestamps;
    bool header = true;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        if (header) {
            header = false;
            continue;
        }
        const QStringList cells = line.split(QLatin1Char(','));
        const long long sequence = cells.value(0).trimmed().toLongLong();
        const long long step = cells.value(1).trimmed().toLongLong();
        bool ok = false;
        const double timestamp = cells.value(2).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(timestamp))
            return Error::make(Error::Kind::Format,
                               tr("Line %1 of the synthetic CSV %2: timestamp \"%3\" is not a number.")
                                   .arg(lineNo).arg(path, cells.value(2)));
        auto &steps = timestamps[sequence];
        if (steps.empty())
            order.push_back(sequence);
        steps[step] = qint64(std::llround(timestamp));
    }

    const SequenceSet &set = csv->sequences;
    TradingSeries series;
    series.steps.reserve(set.count * set.steps);
    series.sequenceStarts.reserve(set.count);
    for (int s = 0; s < set.count; ++s) {
        series.sequenceStarts.push_back(int(series.steps.size()));
        const auto &stepTimes = timestamps[order[std::size_t(s)]];
        auto time = stepTimes.begin();
        for (int t = 0; t < set.steps; ++t, ++time) {
            MarketStep step;
            step.price = set.at(s, t, column[0]);
            step.volume = set.at(s, t, column[1]);
            step.volatility = set.at(s, t, column[2]);
            step.timestamp = time != stepTimes.end() ? time->second : 0;
            series.steps.push_back(step);
        }
    }
    if (auto checked = checkSteps(series.steps, tr("The synthetic CSV %1").arg(path)); !checked)
        return checked.error();
    series.description = tr("%1 synthetic sequences of %2 steps from %3")
                             .arg(QLocale().toString(set.count))
                             .arg(set.steps)
                             .arg(fileName(path));
    if (auto longEnough = checkLongEnough(series, tr("The synthetic CSV %1").arg(path)); !longEnough)
        return longEnough.error();
    return series;
}

TradingSeries subSeries(const TradingSeries &series, int firstSequence, int endSequence)
{
    TradingSeries part;
    const int from = series.sequenceBegin(firstSequence);
    const int to = series.sequenceEnd(endSequence - 1);
    part.steps = series.steps.mid(from, to - from);
    for (int s = firstSequence; s < endSequence; ++s)
        part.sequenceStarts.push_back(series.sequenceStarts[s] - from);
    return part;
}

} // namespace

QString tradeActionName(TradeAction action)
{
    switch (action) {
    case TradeAction::Buy: return QStringLiteral("BUY");
    case TradeAction::Sell: return QStringLiteral("SELL");
    case TradeAction::Hold: break;
    }
    return QStringLiteral("HOLD");
}

// ---- TradingSeries ---------------------------------------------------------------------------

int TradingSeries::sequenceBegin(int sequence) const
{
    return sequenceStarts[sequence];
}

int TradingSeries::sequenceEnd(int sequence) const
{
    return sequence + 1 < sequenceStarts.size() ? sequenceStarts[sequence + 1] : int(steps.size());
}

int TradingSeries::sequenceOf(int step) const
{
    const auto it = std::upper_bound(sequenceStarts.cbegin(), sequenceStarts.cend(), step);
    return std::max(0, int(it - sequenceStarts.cbegin()) - 1);
}

int TradingSeries::decisionStepCount() const
{
    int count = 0;
    for (int s = 0; s < sequenceCount(); ++s)
        count += decisionStepsIn(sequenceBegin(s), sequenceEnd(s));
    return count;
}

// ---- Builders and loaders --------------------------------------------------------------------

Result<TradingSeries> tradingSeriesFromSwaps(const QVector<market::ProcessedSwap> &swaps, const QString &description)
{
    TradingSeries series;
    series.description = description;
    series.steps.reserve(swaps.size());
    for (const market::ProcessedSwap &swap : swaps)
        series.steps.push_back(MarketStep{swap.price, swap.volume, swap.volatility, swap.swap.timestamp});
    if (!series.steps.isEmpty())
        series.sequenceStarts.push_back(0);
    if (auto checked = checkSteps(series.steps, tr("The swap history")); !checked)
        return checked.error();
    if (auto longEnough = checkLongEnough(series, tr("The swap history")); !longEnough)
        return longEnough.error();
    return series;
}

Result<TradingSeries> loadTradingSeriesFromCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the data file %1.").arg(path), file.errorString());
    // The header tells the two formats apart: a GAN synthetic CSV starts with sequence_id.
    QByteArray header;
    while (!file.atEnd() && header.isEmpty())
        header = file.readLine().trimmed();
    if (header.startsWith("\xEF\xBB\xBF"))
        header = header.mid(3);
    if (header.isEmpty())
        return Error::make(Error::Kind::Format, tr("The data file %1 is empty.").arg(path));
    if (header.startsWith("sequence_id")) {
        file.close();
        return seriesFromSyntheticCsv(path);
    }

    file.seek(0);
    Result<market::RawCsvImport> imported = market::readRawSwapCsv(file, market::chainKey(8453, false));
    if (!imported)
        return Error::make(imported.error().kind, imported.error().message + QLatin1Char(' ') + path,
                           imported.error().detail);
    const int count = int(imported->swaps.size());
    Result<TradingSeries> series = tradingSeriesFromSwaps(
        market::processSwaps(std::move(imported->swaps)),
        tr("%1 swaps from %2").arg(QLocale().toString(count), fileName(path)));
    if (!series)
        return Error::make(series.error().kind, series.error().message + QLatin1Char(' ') + path, series.error().detail);
    return series;
}

Result<TradingSeries> loadTradingSeriesFromStore(const QString &storePath, const QString &chain, const eth::Hash32 &poolId)
{
    // SwapStore::open creates a missing file; loading data must never do that.
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
    const int count = int(swaps->size());
    Result<TradingSeries> series = tradingSeriesFromSwaps(
        market::processSwaps(std::move(*swaps)),
        tr("%1 swaps of pool %2 on %3 from %4").arg(QLocale().toString(count), poolId.toHex().left(10), chain, fileName(storePath)));
    if (!series)
        return Error::make(series.error().kind, series.error().message + QLatin1Char(' ') + storePath,
                           QStringLiteral("chain %1, pool %2: %3").arg(chain, poolId.toHex(), series.error().detail));
    return series;
}

Result<SeriesSplit> splitSeries(const TradingSeries &series, double trainFraction)
{
    if (!(trainFraction > 0 && trainFraction < 1))
        return Error::make(Error::Kind::Usage, tr("The training share must lie strictly between 0 and 1, not %1.").arg(trainFraction));
    const int count = series.sequenceCount();
    SeriesSplit split;
    if (count > 1) {
        const int trainSequences = std::clamp(int(std::lround(trainFraction * count)), 1, count - 1);
        split.train = subSeries(series, 0, trainSequences);
        split.heldOut = subSeries(series, trainSequences, count);
        split.train.description = tr("%1 (training: sequences 1–%2)").arg(series.description).arg(trainSequences);
        split.heldOut.description = tr("%1 (held out: sequences %2–%3)").arg(series.description).arg(trainSequences + 1).arg(count);
    } else if (count == 1) {
        const int n = int(series.steps.size());
        const int cut = int(std::floor(trainFraction * n));
        split.train.steps = series.steps.mid(0, cut);
        split.heldOut.steps = series.steps.mid(cut);
        if (!split.train.steps.isEmpty())
            split.train.sequenceStarts = {0};
        if (!split.heldOut.steps.isEmpty())
            split.heldOut.sequenceStarts = {0};
        split.train.description = tr("%1 (training: steps 1–%2)").arg(series.description).arg(cut);
        split.heldOut.description = tr("%1 (held out: steps %2–%3)").arg(series.description).arg(cut + 1).arg(n);
    }
    if (split.train.decisionStepCount() < 1 || split.heldOut.decisionStepCount() < 1)
        return Error::make(Error::Kind::Usage,
                           tr("The data is too short to split into a training and a held-out part of at least %1 steps each.")
                               .arg(kRlWindow + 2),
                           QStringLiteral("%1 steps in %2 sequences, train fraction %3: %4 and %5 decision steps")
                               .arg(series.steps.size()).arg(count).arg(trainFraction)
                               .arg(split.train.decisionStepCount()).arg(split.heldOut.decisionStepCount()));
    return split;
}

// ---- TradingEnvConfig ------------------------------------------------------------------------

QJsonObject TradingEnvConfig::toJson() const
{
    return QJsonObject{{QStringLiteral("initialCash"), initialCash},
                       {QStringLiteral("feeRate"), feeRate},
                       {QStringLiteral("buyShare"), buyShare},
                       {QStringLiteral("episodeSteps"), episodeSteps},
                       {QStringLiteral("randomStart"), randomStart},
                       {QStringLiteral("startHoldingProbability"), startHoldingProbability},
                       {QStringLiteral("rewardScale"), rewardScale}};
}

Result<TradingEnvConfig> TradingEnvConfig::fromJson(const QJsonObject &object)
{
    const auto formatError = [](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("The trading environment settings are not valid."), detail);
    };
    TradingEnvConfig c;
    // A missing key keeps its default; a key of the wrong type is an error.
    const auto readDouble = [&object](const char *key, double &out) {
        const QJsonValue v = object.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return false;
        out = v.toDouble();
        return true;
    };
    const char *badKey = nullptr;
    for (const auto &entry : {std::make_pair("initialCash", &c.initialCash), std::make_pair("feeRate", &c.feeRate),
                              std::make_pair("buyShare", &c.buyShare),
                              std::make_pair("startHoldingProbability", &c.startHoldingProbability),
                              std::make_pair("rewardScale", &c.rewardScale)})
        if (!badKey && !readDouble(entry.first, *entry.second))
            badKey = entry.first;
    if (badKey)
        return formatError(QStringLiteral("\"%1\" must be a number").arg(QLatin1String(badKey)));
    const QJsonValue episodeSteps = object.value(QStringLiteral("episodeSteps"));
    if (!episodeSteps.isUndefined()) {
        const double d = episodeSteps.toDouble(std::nan(""));
        if (!episodeSteps.isDouble() || d != std::floor(d) || d < 0 || d > std::numeric_limits<int>::max())
            return formatError(QStringLiteral("\"episodeSteps\" must be a whole number ≥ 0"));
        c.episodeSteps = int(d);
    }
    const QJsonValue randomStart = object.value(QStringLiteral("randomStart"));
    if (!randomStart.isUndefined()) {
        if (!randomStart.isBool())
            return formatError(QStringLiteral("\"randomStart\" must be true or false"));
        c.randomStart = randomStart.toBool();
    }

    if (!(c.initialCash > 0))
        return formatError(QStringLiteral("initialCash %1 must be > 0").arg(c.initialCash));
    if (!(c.feeRate >= 0 && c.feeRate < 1))
        return formatError(QStringLiteral("feeRate %1 must lie in [0, 1)").arg(c.feeRate));
    // A BUY must never spend more than the cash, fee included.
    if (!(c.buyShare > 0 && c.buyShare * (1 + c.feeRate) <= 1))
        return formatError(QStringLiteral("buyShare %1 must be > 0 and leave room for the fee (buyShare × (1 + feeRate) ≤ 1)")
                               .arg(c.buyShare));
    if (!(c.startHoldingProbability >= 0 && c.startHoldingProbability <= 1))
        return formatError(QStringLiteral("startHoldingProbability %1 must lie in [0, 1]").arg(c.startHoldingProbability));
    if (!(c.rewardScale > 0))
        return formatError(QStringLiteral("rewardScale %1 must be > 0").arg(c.rewardScale));
    return c;
}

// ---- TradingEnv ------------------------------------------------------------------------------

TradingEnv::TradingEnv(const TradingSeries *series, TradingEnvConfig config, quint64 seed)
    : m_series(series), m_config(std::move(config)), m_rng(seed)
{
    for (int s = 0; s < m_series->sequenceCount(); ++s) {
        const int begin = m_series->sequenceBegin(s);
        const int count = decisionStepsIn(begin, m_series->sequenceEnd(s));
        for (int k = 0; k < count; ++k)
            m_decisionSteps.push_back(firstDecisionStep(begin) + k);
    }
    if (m_decisionSteps.isEmpty())
        qCWarning(lcMl) << "trading environment on a series without decision steps:" << m_series->steps.size() << "steps";
    else
        m_t = m_decisionSteps.front();
}

RlObservation TradingEnv::reset()
{
    if (m_decisionSteps.isEmpty()) {
        m_over = true;
        return RlObservation{};
    }
    if (!m_config.randomStart)
        return *resetAt(m_decisionSteps.front(), false);
    // Uniform over every decision step of every sequence: a sequence is picked in proportion to its
    // decision steps, then a step within it.
    const int step = m_decisionSteps[int(uniformIndex(m_rng, quint64(m_decisionSteps.size())))];
    const bool holding = uniform01(m_rng) < m_config.startHoldingProbability;
    return *resetAt(step, holding);
}

Result<RlObservation> TradingEnv::resetAt(int step, bool holding)
{
    if (!std::binary_search(m_decisionSteps.cbegin(), m_decisionSteps.cend(), step))
        return Error::make(Error::Kind::Usage,
                           tr("Step %1 cannot start an episode: it needs %2 steps before it in its sequence and one after it.")
                               .arg(step).arg(kRlWindow),
                           QStringLiteral("%1 steps, %2 decision steps").arg(m_series->steps.size()).arg(m_decisionSteps.size()));
    m_t = step;
    m_episodeStep = 0;
    m_over = false;
    m_fees = 0;
    m_trades = 0;
    m_cash = m_config.initialCash;
    m_eth = 0;
    if (holding) {
        // Holding as after a BUY at this price, without its fee (the position predates the episode).
        const double notional = m_config.buyShare * m_cash;
        m_eth = notional / price();
        m_cash -= notional;
    }
    return observation();
}

EnvStep TradingEnv::step(TradeAction action)
{
    EnvStep out;
    if (m_over || m_decisionSteps.isEmpty()) {
        // Nothing moves after the end; say again how the episode ended.
        const bool atEnd = m_decisionSteps.isEmpty() || m_t + 1 >= m_series->sequenceEnd(m_series->sequenceOf(m_t));
        out.observation = observation();
        out.terminated = atEnd;
        out.truncated = !atEnd;
        out.valueBefore = out.valueAfter = portfolioValue();
        return out;
    }

    const double p = price();
    out.valueBefore = portfolioValue();
    if (action == TradeAction::Buy && !holding() && m_cash > 0) {
        const double notional = m_config.buyShare * m_cash;
        out.fee = m_config.feeRate * notional;
        m_eth = notional / p;
        m_cash -= notional + out.fee;
        out.traded = true;
    } else if (action == TradeAction::Sell && holding()) {
        const double proceeds = m_eth * p;
        out.fee = m_config.feeRate * proceeds;
        m_cash += proceeds - out.fee;
        m_eth = 0;
        out.traded = true;
    }
    if (out.traded) {
        m_fees += out.fee;
        ++m_trades;
    }

    ++m_t;
    ++m_episodeStep;
    out.valueAfter = portfolioValue();
    out.reward = m_config.rewardScale * (out.valueAfter - out.valueBefore) / out.valueBefore;
    out.terminated = m_t + 1 >= m_series->sequenceEnd(m_series->sequenceOf(m_t));
    out.truncated = !out.terminated && m_config.episodeSteps > 0 && m_episodeStep >= m_config.episodeSteps;
    m_over = out.terminated || out.truncated;
    out.observation = observation();
    return out;
}

RlObservation TradingEnv::observation() const
{
    if (m_decisionSteps.isEmpty())
        return RlObservation{};
    return observationOf(m_series->steps.constData() + m_t - kRlWindow, holding());
}

double TradingEnv::price() const
{
    return m_series->steps.isEmpty() ? 0.0 : m_series->steps[m_t].price;
}

double TradingEnv::portfolioValue() const
{
    return m_cash + m_eth * price();
}

QJsonObject TradingEnv::state() const
{
    std::ostringstream rng;
    rng << m_rng;
    return QJsonObject{{QStringLiteral("seriesSteps"), int(m_series->steps.size())},
                       {QStringLiteral("step"), m_t},
                       {QStringLiteral("episodeStep"), m_episodeStep},
                       {QStringLiteral("over"), m_over},
                       {QStringLiteral("cash"), m_cash},
                       {QStringLiteral("eth"), m_eth},
                       {QStringLiteral("fees"), m_fees},
                       {QStringLiteral("trades"), m_trades},
                       {QStringLiteral("rng"), QString::fromStdString(rng.str())}};
}

Status TradingEnv::restoreState(const QJsonObject &state)
{
    const auto formatError = [](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("The saved trading environment state is not valid."), detail);
    };
    const auto wholeNumber = [&state](const char *key, int &out) {
        const QJsonValue v = state.value(QLatin1String(key));
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || std::abs(d) > std::numeric_limits<int>::max())
            return false;
        out = int(d);
        return true;
    };
    const auto finiteNumber = [&state](const char *key, double &out) {
        const QJsonValue v = state.value(QLatin1String(key));
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return false;
        out = v.toDouble();
        return true;
    };
    int seriesSteps = 0, t = 0, episodeStep = 0, trades = 0;
    double cash = 0, eth = 0, fees = 0;
    if (!wholeNumber("seriesSteps", seriesSteps) || !wholeNumber("step", t) || !wholeNumber("episodeStep", episodeStep)
        || !wholeNumber("trades", trades) || !finiteNumber("cash", cash) || !finiteNumber("eth", eth)
        || !finiteNumber("fees", fees) || !state.value(QStringLiteral("over")).isBool()
        || !state.value(QStringLiteral("rng")).isString())
        return formatError(QStringLiteral("a field is missing or has the wrong type"));
    if (seriesSteps != m_series->steps.size())
        return formatError(QStringLiteral("saved for a series of %1 steps, this one has %2").arg(seriesSteps).arg(m_series->steps.size()));
    // t is any step an episode can be at: a decision step or the step after one.
    const bool reachable = std::binary_search(m_decisionSteps.cbegin(), m_decisionSteps.cend(), t)
                           || std::binary_search(m_decisionSteps.cbegin(), m_decisionSteps.cend(), t - 1);
    if (!reachable || episodeStep < 0 || trades < 0 || eth < 0 || fees < 0)
        return formatError(QStringLiteral("step %1, episode step %2, cash %3, eth %4").arg(t).arg(episodeStep).arg(cash).arg(eth));
    std::mt19937_64 rng;
    std::istringstream rngText(state.value(QStringLiteral("rng")).toString().toStdString());
    rngText >> rng;
    if (rngText.fail())
        return formatError(QStringLiteral("the random generator state does not parse"));

    m_t = t;
    m_episodeStep = episodeStep;
    m_over = state.value(QStringLiteral("over")).toBool();
    m_cash = cash;
    m_eth = eth;
    m_fees = fees;
    m_trades = trades;
    m_rng = rng;
    return {};
}

Result<RlObservation> observationFromSteps(const QVector<MarketStep> &steps, bool holding)
{
    if (steps.size() < kRlWindow + 1)
        return Error::make(Error::Kind::Usage,
                           tr("An observation needs the last %1 market steps, only %2 are known.").arg(kRlWindow + 1).arg(steps.size()));
    const QVector<MarketStep> window = steps.mid(steps.size() - kRlWindow - 1);
    if (auto checked = checkSteps(window, tr("The recent market window")); !checked)
        return checked.error();
    return observationOf(window.constData(), holding);
}

} // namespace apedesk::ml
