#include "agentmemory.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace apedesk::agent {

namespace {

constexpr int kJsonVersion = 1;
constexpr int kInsightKeepChars = 200;
constexpr int kKeptInsights = 2;
constexpr int kKeptPnl = 3;
constexpr int kKeptStates = 2;
constexpr int kTrendTrades = 5;

QString tr(const char *text) { return QCoreApplication::translate("apedesk::agent::AgentMemory", text); }

bool isSpecial(char32_t c)
{
    static const QString kSpecials = QStringLiteral(".,;:!?()[]{}\"'+-*/=<>@#$%^&");
    if (QChar::isDigit(c))
        return true;
    return c < 0x80 && kSpecials.contains(QChar(char16_t(c)));
}

bool isTrade(const MemoryDecision &d) { return !d.tradeType.isEmpty(); }
bool isSell(const MemoryDecision &d) { return d.tradeType == QLatin1String("ETH_TO_USDC"); }
bool isBuy(const MemoryDecision &d) { return d.tradeType == QLatin1String("USDC_TO_ETH"); }

double mean(const std::vector<double> &values)
{
    return values.empty() ? 0 : std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

// The insight texts are model input: C-locale numbers (QString::number never uses the locale), no tr().
QString fixed(double value, int decimals) { return QString::number(value, 'f', decimals); }
QString signedPercent(double fraction, int decimals)
{
    const QString text = fixed(fraction * 100, decimals);
    return text.startsWith(QLatin1Char('-')) ? text : QString(QLatin1Char('+') + text);
}
QString wholeDollars(double price) { return QString::number(qRound64(price)); }
// "1 trade", "3 trades", "2 profitable trades".
QString trades(qsizetype n, const QString &adjective = {})
{
    const QString noun = n == 1 ? QStringLiteral("trade") : QStringLiteral("trades");
    return adjective.isEmpty() ? QStringLiteral("%1 %2").arg(n).arg(noun) : QStringLiteral("%1 %2 %3").arg(n).arg(adjective, noun);
}

// Cuts to `chars` UTF-16 units without splitting a surrogate pair, then marks the cut.
QString truncatedInsight(const QString &text)
{
    if (text.size() <= kInsightKeepChars)
        return text;
    int cut = kInsightKeepChars;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + QStringLiteral("...");
}

// The learning insights a summary writes, from the decisions before the summary (they hold more trades
// than the kept ones). Each text starts with a headline sentence that has no '.' in it (whole
// dollars, no decimals), because the stateful prompt shows an insight only up to its first '.'; the
// exact figures follow in the second sentence. Only insights with data behind them are written.
QStringList insightTexts(const std::deque<MemoryDecision> &decisions)
{
    std::vector<const MemoryDecision *> known;     // trades with a known outcome
    std::vector<const MemoryDecision *> withPnl;   // trades with a marked P&L
    for (const MemoryDecision &d : decisions) {
        if (!isTrade(d))
            continue;
        if (d.success.has_value())
            known.push_back(&d);
        if (d.profitLoss.has_value())
            withPnl.push_back(&d);
    }
    QStringList out;

    if (!known.empty()) {
        const auto succeeded = std::count_if(known.begin(), known.end(), [](const MemoryDecision *d) { return *d->success; });
        const double rate = double(succeeded) / double(known.size());
        out << QStringLiteral("INSIGHT: Success rate is %1% over %2. %3 of %4 succeeded (%5%).")
                   .arg(QString::number(qRound(rate * 100)), trades(qsizetype(known.size())),
                        QString::number(succeeded), trades(qsizetype(known.size())), fixed(rate * 100, 1));
    }

    std::vector<double> sells, buys;
    for (const MemoryDecision *d : withPnl) {
        if (isSell(*d))
            sells.push_back(*d->profitLoss);
        else if (isBuy(*d))
            buys.push_back(*d->profitLoss);
    }
    if (!sells.empty() || !buys.empty()) {
        QString headline;
        if (sells.empty())
            headline = QStringLiteral("Only ETH buys have a known P&L");
        else if (buys.empty())
            headline = QStringLiteral("Only ETH sells have a known P&L");
        else if (mean(sells) > mean(buys))
            headline = QStringLiteral("ETH sells did better than ETH buys");
        else if (mean(buys) > mean(sells))
            headline = QStringLiteral("ETH buys did better than ETH sells");
        else
            headline = QStringLiteral("ETH sells and ETH buys did equally well");
        QStringList parts;
        if (!sells.empty())
            parts << QStringLiteral("ETH sells %1% over %2").arg(signedPercent(mean(sells), 2), trades(qsizetype(sells.size())));
        if (!buys.empty())
            parts << QStringLiteral("ETH buys %1% over %2").arg(signedPercent(mean(buys), 2), trades(qsizetype(buys.size())));
        out << QStringLiteral("INSIGHT: %1. Average P&L: %2.").arg(headline, parts.join(QStringLiteral(", ")));
    }

    std::vector<double> winPrices, winMoves, lossPrices, losses;
    for (const MemoryDecision *d : withPnl) {
        if (*d->profitLoss > 0) {
            winPrices.push_back(d->market.ethPrice);
            winMoves.push_back(std::abs(d->market.priceChangePercent));
        } else if (*d->profitLoss < 0) {
            lossPrices.push_back(d->market.ethPrice);
            losses.push_back(*d->profitLoss);
        }
    }
    if (!winPrices.empty())
        out << QStringLiteral("INSIGHT: Profitable trades came near $%1. %2 averaged a price of $%3 and an absolute "
                              "price change of %4%.")
                   .arg(wholeDollars(mean(winPrices)), trades(qsizetype(winPrices.size()), QStringLiteral("profitable")),
                        fixed(mean(winPrices), 2), fixed(mean(winMoves), 2));

    // Last-5 trend: the newer half of the last five marked trades against the older half (the facts
    // sheet names the trend but not its rule; halves are less noisy than first-vs-last).
    if (withPnl.size() >= 2) {
        const size_t n = std::min<size_t>(withPnl.size(), kTrendTrades);
        std::vector<double> last;
        for (size_t i = withPnl.size() - n; i < withPnl.size(); ++i)
            last.push_back(*withPnl[i]->profitLoss);
        const size_t half = n / 2;
        const std::vector<double> older(last.begin(), last.begin() + long(half));
        const std::vector<double> newer(last.end() - long(half), last.end());
        const bool improving = mean(newer) > mean(older);
        out << QStringLiteral("INSIGHT: Recent performance is %1. The last %2 averaged %3% P&L.")
                   .arg(improving ? QStringLiteral("improving") : QStringLiteral("declining"),
                        trades(qsizetype(n)), signedPercent(mean(last), 2));
    }

    if (!losses.empty())
        out << QStringLiteral("INSIGHT: Losses came near $%1. %2 averaged %3% at an average price of $%4.")
                   .arg(wholeDollars(mean(lossPrices)), trades(qsizetype(losses.size()), QStringLiteral("losing")),
                        signedPercent(mean(losses), 2), fixed(mean(lossPrices), 2));
    return out;
}

// --- JSON ---------------------------------------------------------------------------------------

QJsonObject stateToJson(const MarketState &s)
{
    return QJsonObject{
        {QStringLiteral("timestamp"), double(s.timestamp)},
        {QStringLiteral("eth_price"), s.ethPrice},
        {QStringLiteral("price_change_percent"), s.priceChangePercent},
        {QStringLiteral("volume_eth"), s.volumeEth},
        {QStringLiteral("volume_usdc"), s.volumeUsdc},
        {QStringLiteral("swap_count"), s.swapCount},
    };
}

QJsonObject decisionToJson(const MemoryDecision &d)
{
    QJsonObject o{
        {QStringLiteral("timestamp"), double(d.timestamp)},
        {QStringLiteral("type"), decisionTypeKey(d.type)},
        {QStringLiteral("trade_type"), d.tradeType},
        {QStringLiteral("amount"), d.amount},
        {QStringLiteral("reasoning"), d.reasoning},
        {QStringLiteral("market"), stateToJson(d.market)},
        {QStringLiteral("value_before"), d.valueBefore},
        {QStringLiteral("value_after"), d.valueAfter},
    };
    o.insert(QStringLiteral("success"), d.success ? QJsonValue(*d.success) : QJsonValue());
    o.insert(QStringLiteral("profit_loss"), d.profitLoss ? QJsonValue(*d.profitLoss) : QJsonValue());
    return o;
}

QJsonArray numbers(const QList<double> &values)
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

// Reads fields strictly: a missing or mistyped field is an error naming its path, so a damaged file
// is refused as a whole instead of loading half of it.
class Reader
{
public:
    std::optional<Error> error;

    double number(const QJsonObject &o, const char *key, const QString &where)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(where, key, QStringLiteral("a number"));
            return 0;
        }
        return v.toDouble();
    }
    qint64 integer(const QJsonObject &o, const char *key, const QString &where)
    {
        const double v = number(o, key, where);
        if (!error && (v != std::floor(v) || std::abs(v) > 9007199254740992.0)) {
            fail(where, key, QStringLiteral("a whole number"));
            return 0;
        }
        return qint64(v);
    }
    QString string(const QJsonObject &o, const char *key, const QString &where)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString()) {
            fail(where, key, QStringLiteral("a string"));
            return {};
        }
        return v.toString();
    }
    QJsonObject object(const QJsonObject &o, const char *key, const QString &where)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isObject())
            fail(where, key, QStringLiteral("an object"));
        return v.toObject();
    }
    QJsonArray array(const QJsonObject &o, const char *key, const QString &where)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isArray())
            fail(where, key, QStringLiteral("an array"));
        return v.toArray();
    }
    void fail(const QString &where, const char *key, const QString &expected)
    {
        if (!error)
            error = Error::make(Error::Kind::Format, tr("The saved agent memory is damaged and was not loaded."),
                                QStringLiteral("%1%2 is missing or not %3")
                                    .arg(where.isEmpty() ? QString() : QString(where + QLatin1Char('.')),
                                         QString::fromLatin1(key), expected));
    }
    void failAt(const QString &where, const QString &what)
    {
        if (!error)
            error = Error::make(Error::Kind::Format, tr("The saved agent memory is damaged and was not loaded."),
                                QStringLiteral("%1: %2").arg(where, what));
    }

    MarketState state(const QJsonObject &o, const QString &where)
    {
        MarketState s;
        s.timestamp = integer(o, "timestamp", where);
        s.ethPrice = number(o, "eth_price", where);
        s.priceChangePercent = number(o, "price_change_percent", where);
        s.volumeEth = number(o, "volume_eth", where);
        s.volumeUsdc = number(o, "volume_usdc", where);
        s.swapCount = int(integer(o, "swap_count", where));
        return s;
    }

    MemoryDecision decision(const QJsonObject &o, const QString &where)
    {
        MemoryDecision d;
        d.timestamp = integer(o, "timestamp", where);
        const QString type = string(o, "type", where);
        if (const auto t = decisionTypeFromKey(type))
            d.type = *t;
        else if (!error)
            failAt(where + QStringLiteral(".type"), QStringLiteral("unknown decision type \"%1\"").arg(type));
        d.tradeType = string(o, "trade_type", where);
        d.amount = number(o, "amount", where);
        d.reasoning = string(o, "reasoning", where);
        d.market = state(object(o, "market", where), where + QStringLiteral(".market"));
        d.valueBefore = number(o, "value_before", where);
        d.valueAfter = number(o, "value_after", where);
        const QJsonValue success = o.value(QLatin1String("success"));
        if (success.isBool())
            d.success = success.toBool();
        else if (!success.isNull())
            fail(where, "success", QStringLiteral("true, false or null"));
        const QJsonValue pl = o.value(QLatin1String("profit_loss"));
        if (pl.isDouble())
            d.profitLoss = pl.toDouble();
        else if (!pl.isNull())
            fail(where, "profit_loss", QStringLiteral("a number or null"));
        return d;
    }

    QList<double> doubles(const QJsonObject &o, const char *key)
    {
        QList<double> out;
        const QJsonArray a = array(o, key, {});
        for (const QJsonValue &v : a) {
            if (!v.isDouble()) {
                fail({}, key, QStringLiteral("a list of numbers"));
                return {};
            }
            out.append(v.toDouble());
        }
        return out;
    }
};

} // namespace

// Counted over code points (a Python str's length), not UTF-16 units, so an emoji is one character.
// Words are runs of non-space characters (any Unicode space separates them, as str.split() does);
// "whitespace" counts only ' ', '\n' and '\t', as the facts sheet lists; digits are Unicode digits.
int estimateTokens(const QString &text)
{
    qint64 words = 0, specials = 0, whitespace = 0, chars = 0;
    bool inWord = false;
    for (char32_t c : text.toUcs4()) {
        ++chars;
        if (c == U' ' || c == U'\n' || c == U'\t')
            ++whitespace;
        if (QChar::isSpace(c)) {
            inWord = false;
        } else {
            if (!inWord)
                ++words;
            inWord = true;
        }
        if (isSpecial(c))
            ++specials;
    }
    // ⌊1.3·words + 0.5·specials + 0.5·whitespace⌋ in exact integers (tenths): floating point could land
    // a hair below an exact integer and floor one less.
    const qint64 weighted = (13 * words + 5 * specials + 5 * whitespace) / 10;
    return int(std::max(weighted, chars / 4));
}

AgentMemory::AgentMemory(int contextCapacityTokens) : m_capacity(contextCapacityTokens) {}

void AgentMemory::addMarketState(const MarketState &state)
{
    m_states.push_back(state);
    while (int(m_states.size()) > kMaxMarketStates)
        m_states.pop_front();
}

void AgentMemory::addDecision(const MemoryDecision &decision)
{
    m_decisions.push_back(decision);
    while (int(m_decisions.size()) > kMaxDecisions)
        m_decisions.pop_front();
}

void AgentMemory::setProfitLoss(qint64 decisionTimestamp, double profitLoss)
{
    if (!std::isfinite(profitLoss)) {
        qCWarning(lcAgent) << "ignoring a non-finite P&L for the decision at" << decisionTimestamp;
        return;
    }
    // The newest decision of that second: a rebalance and a model decision may share a cycle's
    // timestamp, but only the trade that was marked asks for its P&L, and it is the later one.
    for (auto it = m_decisions.rbegin(); it != m_decisions.rend(); ++it) {
        if (it->timestamp == decisionTimestamp && isTrade(*it)) {
            it->profitLoss = profitLoss;
            return;
        }
    }
    qCDebug(lcAgent) << "no trade in memory for the P&L at" << decisionTimestamp << "(summarised away)";
}

void AgentMemory::recordPnl(DecisionType type, double profitLoss)
{
    if (!std::isfinite(profitLoss))
        return;
    (type == DecisionType::Rebalance ? m_rebalancePl : m_llmPl).append(profitLoss);
}

void AgentMemory::setStrategy(const QString &text, qint64 start, int durationSeconds)
{
    m_strategy = text;
    m_strategyStart = start;
    m_strategyDuration = durationSeconds;
}

MarketTrend AgentMemory::trend(qint64 now, int windowSeconds) const
{
    std::vector<const MarketState *> window;
    for (const MarketState &s : m_states)
        if (s.timestamp >= now - windowSeconds && s.timestamp <= now)
            window.push_back(&s);
    MarketTrend trend;
    if (window.size() < 2)
        return trend;
    const auto change = [](double first, double last) { return first != 0 ? (last - first) / first : 0.0; };
    trend.priceTrend = change(window.front()->ethPrice, window.back()->ethPrice);
    // The facts sheet says "the same formula applied to volume"; the window's ETH volume is the one
    // the prompt shows, so that is the volume used here.
    trend.volumeTrend = change(window.front()->volumeEth, window.back()->volumeEth);
    double sum = 0;
    for (const MarketState *s : window)
        sum += s->ethPrice;
    const double avg = sum / double(window.size());
    double squares = 0;
    for (const MarketState *s : window)
        squares += (s->ethPrice - avg) * (s->ethPrice - avg);
    trend.volatility = avg != 0 ? std::sqrt(squares / double(window.size())) / avg : 0;
    return trend;
}

int AgentMemory::estimatedTokens(const QString &prompt) const
{
    qint64 total = estimateTokens(prompt);
    for (const MemoryDecision &d : m_decisions)
        total += estimateTokens(d.reasoning);
    total += 20 * qint64(m_states.size());
    return int(std::min<qint64>(total, std::numeric_limits<int>::max()));
}

double AgentMemory::contextRatio(const QString &prompt) const
{
    // A capacity of 0 or less means "no limit": nothing to summarise.
    return m_capacity > 0 ? double(estimatedTokens(prompt)) / m_capacity : 0;
}

bool AgentMemory::needsSummary(const QString &prompt, qint64 now) const
{
    if (m_lastSummary != 0 && now - m_lastSummary < kSummaryCooldownSeconds)
        return false;
    return contextRatio(prompt) > kSummaryThreshold;
}

SummaryReport AgentMemory::summarize(qint64 now)
{
    SummaryReport report;
    report.decisionsBefore = int(m_decisions.size());
    report.statesBefore = int(m_states.size());
    // The memory's own share; the next prompt is not known here.
    report.tokensBefore = estimatedTokens(QString());

    const int n = int(m_decisions.size());
    std::vector<bool> keep(size_t(n), false);

    // The 2 longest insights; a stable sort keeps the older one first when two are equally long.
    std::vector<int> insights;
    for (int i = 0; i < n; ++i)
        if (m_decisions[size_t(i)].type == DecisionType::LearningInsight)
            insights.push_back(i);
    std::stable_sort(insights.begin(), insights.end(), [this](int a, int b) {
        return m_decisions[size_t(a)].reasoning.size() > m_decisions[size_t(b)].reasoning.size();
    });
    for (size_t k = 0; k < insights.size() && k < size_t(kKeptInsights); ++k)
        keep[size_t(insights[k])] = true;

    // The most profitable successful trade (it needs a marked P&L to be "profitable"; on a tie the
    // newer one), and the most recent trade whatever its outcome.
    int best = -1;
    for (int i = 0; i < n; ++i) {
        const MemoryDecision &d = m_decisions[size_t(i)];
        if (isTrade(d) && d.success.value_or(false) && d.profitLoss
            && (best < 0 || *d.profitLoss >= *m_decisions[size_t(best)].profitLoss))
            best = i;
    }
    if (best >= 0)
        keep[size_t(best)] = true;
    for (int i = n - 1; i >= 0; --i) {
        if (isTrade(m_decisions[size_t(i)])) {
            keep[size_t(i)] = true;
            break;
        }
    }

    const QStringList newInsights = insightTexts(m_decisions);
    const MarketState lastState = m_states.empty() ? MarketState{} : m_states.back();

    // Kept decisions stay in their original order.
    std::deque<MemoryDecision> kept;
    for (int i = 0; i < n; ++i) {
        if (!keep[size_t(i)])
            continue;
        MemoryDecision d = m_decisions[size_t(i)];
        if (d.type == DecisionType::LearningInsight)
            d.reasoning = truncatedInsight(d.reasoning);
        kept.push_back(std::move(d));
    }
    m_decisions = std::move(kept);
    while (int(m_states.size()) > kKeptStates)
        m_states.pop_front();
    while (m_rebalancePl.size() > kKeptPnl)
        m_rebalancePl.removeFirst();
    while (m_llmPl.size() > kKeptPnl)
        m_llmPl.removeFirst();

    for (const QString &text : newInsights) {
        MemoryDecision insight;
        insight.timestamp = now;
        insight.type = DecisionType::LearningInsight;
        insight.reasoning = text;
        insight.market = lastState;
        addDecision(insight);
    }
    m_lastSummary = now;

    report.decisionsAfter = int(m_decisions.size());
    report.statesAfter = int(m_states.size());
    report.tokensAfter = estimatedTokens(QString());
    report.insights = newInsights;
    qCInfo(lcAgent) << "summarised the agent memory:" << report.decisionsBefore << "->" << report.decisionsAfter
                    << "decisions," << report.tokensBefore << "->" << report.tokensAfter << "tokens";
    return report;
}

QJsonObject AgentMemory::toJson() const
{
    QJsonArray states, decisions;
    for (const MarketState &s : m_states)
        states.append(stateToJson(s));
    for (const MemoryDecision &d : m_decisions)
        decisions.append(decisionToJson(d));
    return QJsonObject{
        {QStringLiteral("version"), kJsonVersion},
        {QStringLiteral("capacity"), m_capacity},
        {QStringLiteral("market_states"), states},
        {QStringLiteral("decisions"), decisions},
        {QStringLiteral("rebalance_pl"), numbers(m_rebalancePl)},
        {QStringLiteral("llm_pl"), numbers(m_llmPl)},
        {QStringLiteral("strategy"), m_strategy},
        {QStringLiteral("strategy_start"), double(m_strategyStart)},
        {QStringLiteral("strategy_duration"), m_strategyDuration},
        {QStringLiteral("last_summary"), double(m_lastSummary)},
        {QStringLiteral("last_ratio"), m_lastRatio},
    };
}

Result<AgentMemory> AgentMemory::fromJson(const QJsonObject &object)
{
    Reader r;
    const qint64 version = r.integer(object, "version", {});
    if (r.error)
        return *r.error;
    if (version > kJsonVersion || version < 1)
        return Error::make(Error::Kind::Format,
                           tr("The saved agent memory was written by a newer ApeDesk and was not loaded."),
                           QStringLiteral("memory format %1, this version reads %2").arg(version).arg(kJsonVersion));

    const qint64 capacity = r.integer(object, "capacity", {});
    AgentMemory memory(int(std::clamp<qint64>(capacity, 0, std::numeric_limits<int>::max())));

    const QJsonArray states = r.array(object, "market_states", {});
    for (int i = 0; i < states.size() && !r.error; ++i) {
        const QString where = QStringLiteral("market_states[%1]").arg(i);
        if (!states.at(i).isObject())
            r.failAt(where, QStringLiteral("not an object"));
        else
            memory.addMarketState(r.state(states.at(i).toObject(), where));
    }
    const QJsonArray decisions = r.array(object, "decisions", {});
    for (int i = 0; i < decisions.size() && !r.error; ++i) {
        const QString where = QStringLiteral("decisions[%1]").arg(i);
        if (!decisions.at(i).isObject())
            r.failAt(where, QStringLiteral("not an object"));
        else
            memory.addDecision(r.decision(decisions.at(i).toObject(), where));
    }
    memory.m_rebalancePl = r.doubles(object, "rebalance_pl");
    memory.m_llmPl = r.doubles(object, "llm_pl");
    memory.m_strategy = r.string(object, "strategy", {});
    memory.m_strategyStart = r.integer(object, "strategy_start", {});
    memory.m_strategyDuration = int(r.integer(object, "strategy_duration", {}));
    memory.m_lastSummary = r.integer(object, "last_summary", {});
    memory.m_lastRatio = r.number(object, "last_ratio", {});
    if (r.error)
        return *r.error;
    return memory;
}

} // namespace apedesk::agent
