#include "decisionjournal.h"

#include "common/logging.h"
#include "common/sqlitefile.h"
#include "eth/units.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <array>
#include <map>

namespace apedesk::agent {

namespace {

// The journal's schema version, kept in the app database's shared `meta` table under its own key (the
// swap store keeps "swap_schema" there). PRAGMA user_version is one number for the whole file, which
// every module of the shared database would have to agree on, so it is not used.
constexpr int kSchemaVersion = 1;
const QLatin1String kSchemaKey("agent_schema");

QString tr(const char *text) { return QCoreApplication::translate("apedesk::agent::DecisionJournal", text); }

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error::make(Error::Kind::Io, tr("The decision journal could not be used: %1.").arg(what), error.text());
}

Error notOpen() { return Error::make(Error::Kind::Usage, tr("The decision journal is not open.")); }

Error damagedRow(qint64 id, const QString &what)
{
    return Error::make(Error::Kind::Format, tr("The decision journal holds a damaged row."),
                       QStringLiteral("decision %1: %2").arg(id).arg(what));
}

// --- enum keys (stored as text, so the sqlite3 shell shows what a row means) ---------------------

template <typename E, size_t N>
struct KeyTable
{
    std::array<std::pair<E, const char *>, N> entries;
    QString key(E value) const
    {
        for (const auto &[e, k] : entries)
            if (e == value)
                return QString::fromLatin1(k);
        return {};
    }
    std::optional<E> from(const QString &key) const
    {
        for (const auto &[e, k] : entries)
            if (key == QLatin1String(k))
                return e;
        return std::nullopt;
    }
};

using Format = ParsedAnswer::Format;
using Action = ParsedAnswer::Action;
using AmountKind = ParsedAnswer::AmountKind;
using Kind = Error::Kind;

const KeyTable<Format, 4> kFormats{{{{Format::None, "none"}, {Format::Canary, "canary"},
                                     {Format::TradeFields, "trade_fields"}, {Format::NaturalLanguage, "natural_language"}}}};
const KeyTable<Action, 4> kActions{{{{Action::None, "NONE"}, {Action::Buy, "BUY"}, {Action::Sell, "SELL"}, {Action::Hold, "HOLD"}}}};
const KeyTable<AmountKind, 3> kAmountKinds{{{{AmountKind::Default, "default"}, {AmountKind::Absolute, "absolute"},
                                             {AmountKind::Percent, "percent"}}}};
const KeyTable<Kind, 11> kErrorKinds{{{{Kind::Generic, "generic"}, {Kind::Usage, "usage"}, {Kind::Format, "format"},
                                       {Kind::Io, "io"}, {Kind::Canceled, "canceled"}, {Kind::Timeout, "timeout"},
                                       {Kind::Network, "network"}, {Kind::Protocol, "protocol"}, {Kind::Chain, "chain"},
                                       {Kind::Crypto, "crypto"}, {Kind::Model, "model"}}}};

// --- the table -------------------------------------------------------------------------------

// Every DecisionRecord field has a column; big integers are exact decimal text, doubles are REAL
// (8-byte IEEE, exact), optional values are NULL when unset. The order here is the bind order.
struct Column
{
    const char *name;
    const char *type;
};
const Column kColumns[] = {
    {"run_id", "TEXT NOT NULL"},
    {"cycle", "INTEGER NOT NULL"},
    {"time_ms", "INTEGER"},   // unix milliseconds, UTC; NULL for an invalid time
    {"type", "TEXT NOT NULL"},
    {"observing", "INTEGER NOT NULL"},
    {"backend", "TEXT NOT NULL"},
    {"model", "TEXT NOT NULL"},
    {"system_prompt", "TEXT NOT NULL"},
    {"prompt", "TEXT NOT NULL"},
    {"response", "TEXT NOT NULL"},
    {"parsed_format", "TEXT NOT NULL"},
    {"canary", "TEXT NOT NULL"},   // "" | "APE IN" | "APE OUT" | "APE NEUTRAL"
    {"action", "TEXT NOT NULL"},
    {"amount_kind", "TEXT NOT NULL"},
    {"amount", "REAL NOT NULL"},
    {"unit", "TEXT NOT NULL"},
    {"amount_text", "TEXT NOT NULL"},
    {"reasoning", "TEXT NOT NULL"},
    {"why", "TEXT NOT NULL"},
    {"obs_timestamp", "INTEGER NOT NULL"},
    {"market_valid", "INTEGER NOT NULL"},
    {"window_seconds", "INTEGER NOT NULL"},
    {"window_end", "INTEGER NOT NULL"},
    {"last_price", "REAL NOT NULL"},
    {"first_price", "REAL NOT NULL"},
    {"price_change_percent", "REAL NOT NULL"},
    {"volume_eth", "REAL NOT NULL"},
    {"volume_usdc", "REAL NOT NULL"},
    {"swap_count", "INTEGER NOT NULL"},
    {"volatility_percent", "REAL NOT NULL"},
    {"portfolio_valid", "INTEGER NOT NULL"},
    {"account", "TEXT NOT NULL"},
    {"eth_wei", "TEXT NOT NULL"},
    {"usdc_units", "TEXT NOT NULL"},
    {"portfolio_price", "REAL NOT NULL"},
    {"block_number", "INTEGER NOT NULL"},
    {"rebalance", "TEXT NOT NULL"},   // the rebalancer's settings then, as JSON
    {"limits", "TEXT NOT NULL"},      // the sizing limits then, as JSON
    {"sized_trade", "INTEGER NOT NULL"},
    {"direction", "TEXT NOT NULL"},
    {"amount_in", "TEXT NOT NULL"},   // smallest units of the input token
    {"sized_note", "TEXT NOT NULL"},
    {"status", "TEXT NOT NULL"},
    {"error_kind", "TEXT NOT NULL"},
    {"error_message", "TEXT NOT NULL"},
    {"error_detail", "TEXT NOT NULL"},
    {"tx_hash", "TEXT NOT NULL"},     // 0x + 64 hex digits (all zero: no transaction)
    {"amount_out", "TEXT NOT NULL"},  // smallest units of the output token
    {"effective_price", "TEXT NOT NULL"},
    {"latency_ms", "INTEGER NOT NULL"},
    {"mark_due_at", "INTEGER NOT NULL"},
    {"pnl_usd", "REAL"},
    {"mark_price", "REAL"},
};
constexpr int kColumnCount = int(sizeof(kColumns) / sizeof(kColumns[0]));

QString columnList()
{
    QStringList names;
    for (const Column &c : kColumns)
        names << QString::fromLatin1(c.name);
    return names.join(QStringLiteral(", "));
}

QStringList schema()
{
    QStringList definitions{QStringLiteral("id INTEGER PRIMARY KEY AUTOINCREMENT")};
    for (const Column &c : kColumns)
        definitions << QStringLiteral("%1 %2").arg(QString::fromLatin1(c.name), QString::fromLatin1(c.type));
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS agent_decisions (") + definitions.join(QStringLiteral(", ")) + QLatin1Char(')'),
        QStringLiteral("CREATE INDEX IF NOT EXISTS agent_decisions_by_time ON agent_decisions (time_ms)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS agent_decisions_by_run ON agent_decisions (run_id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS agent_decisions_by_model ON agent_decisions (backend, model)"),
        // Only the few traded rows still waiting for their P&L: the marker polls this every cycle.
        QStringLiteral("CREATE INDEX IF NOT EXISTS agent_decisions_due ON agent_decisions (mark_due_at)"
                       " WHERE pnl_usd IS NULL AND status = 'succeeded'"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS agent_memory (profile TEXT PRIMARY KEY, memory TEXT NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
    };
}

QVariant nullable(const std::optional<double> &value) { return value ? QVariant(*value) : QVariant(); }

// The driver binds a null QString as SQL NULL; the text columns are NOT NULL, and "" is what an
// unset text means here.
QVariant text(const QString &value) { return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value); }

QString compact(const QJsonObject &object) { return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)); }

QJsonObject rebalanceToJson(const RebalanceConfig &r)
{
    return {{QStringLiteral("enabled"), r.enabled},
            {QStringLiteral("target_eth_allocation"), r.targetEthAllocation},
            {QStringLiteral("threshold"), r.threshold},
            {QStringLiteral("cooldown_seconds"), r.cooldownSeconds},
            {QStringLiteral("min_eth"), r.minEth},
            {QStringLiteral("max_eth"), r.maxEth}};
}

RebalanceConfig rebalanceFromJson(const QJsonObject &o)
{
    RebalanceConfig r;
    r.enabled = o.value(QLatin1String("enabled")).toBool(r.enabled);
    r.targetEthAllocation = o.value(QLatin1String("target_eth_allocation")).toDouble(r.targetEthAllocation);
    r.threshold = o.value(QLatin1String("threshold")).toDouble(r.threshold);
    r.cooldownSeconds = o.value(QLatin1String("cooldown_seconds")).toInt(r.cooldownSeconds);
    r.minEth = o.value(QLatin1String("min_eth")).toDouble(r.minEth);
    r.maxEth = o.value(QLatin1String("max_eth")).toDouble(r.maxEth);
    return r;
}

QJsonObject limitsToJson(const TradeLimits &l)
{
    return {{QStringLiteral("gas_reserve_eth"), l.gasReserveEth},
            {QStringLiteral("min_trade_eth"), l.minTradeEth},
            {QStringLiteral("min_trade_usdc"), l.minTradeUsdc},
            {QStringLiteral("max_trade_eth"), l.maxTradeEth},
            {QStringLiteral("max_balance_share"), l.maxBalanceShare},
            {QStringLiteral("default_share"), l.defaultShare},
            {QStringLiteral("slippage_bps"), l.slippageBps}};
}

TradeLimits limitsFromJson(const QJsonObject &o)
{
    TradeLimits l;
    l.gasReserveEth = o.value(QLatin1String("gas_reserve_eth")).toDouble(l.gasReserveEth);
    l.minTradeEth = o.value(QLatin1String("min_trade_eth")).toDouble(l.minTradeEth);
    l.minTradeUsdc = o.value(QLatin1String("min_trade_usdc")).toDouble(l.minTradeUsdc);
    l.maxTradeEth = o.value(QLatin1String("max_trade_eth")).toDouble(l.maxTradeEth);
    l.maxBalanceShare = o.value(QLatin1String("max_balance_share")).toDouble(l.maxBalanceShare);
    l.defaultShare = o.value(QLatin1String("default_share")).toDouble(l.defaultShare);
    l.slippageBps = o.value(QLatin1String("slippage_bps")).toInt(l.slippageBps);
    return l;
}

QJsonObject jsonObject(const QString &text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

QVariantList rowValues(const DecisionRecord &r)
{
    const MarketView &m = r.observation.market;
    const Portfolio &p = r.observation.portfolio;
    QVariantList v{
        text(r.runId),
        qint64(r.cycle),
        r.time.isValid() ? QVariant(r.time.toMSecsSinceEpoch()) : QVariant(),
        decisionTypeKey(r.type),
        int(r.observing),
        text(r.backend),
        text(r.model),
        text(r.systemPrompt),
        text(r.prompt),
        text(r.response),
        kFormats.key(r.parsed.format),
        text(canaryText(r.parsed.canary)),
        kActions.key(r.parsed.action),
        kAmountKinds.key(r.parsed.amountKind),
        r.parsed.amount,
        text(r.parsed.unit),
        text(r.parsed.amountText),
        text(r.parsed.reasoning),
        text(r.parsed.why),
        r.observation.timestamp,
        int(m.valid),
        m.windowSeconds,
        m.windowEnd,
        m.lastPrice,
        m.firstPrice,
        m.priceChangePercent,
        m.volumeEth,
        m.volumeUsdc,
        m.swapCount,
        m.volatilityPercent,
        int(p.valid),
        p.account.toChecksumString(),
        eth::toDecimal(p.ethWei),
        eth::toDecimal(p.usdcUnits),
        p.price,
        qint64(p.blockNumber),
        compact(rebalanceToJson(r.observation.rebalance)),
        compact(limitsToJson(r.observation.limits)),
        int(r.sized.trade),
        swapDirectionKey(r.sized.direction),
        eth::toDecimal(r.sized.amountIn),
        text(r.sized.note),
        decisionStatusKey(r.status),
        kErrorKinds.key(r.error.kind),
        text(r.error.message),
        text(r.error.detail),
        r.txHash.toHex(),
        eth::toDecimal(r.amountOut),
        text(r.effectivePrice),
        r.latencyMs,
        r.markDueAt,
        nullable(r.pnlUsd),
        nullable(r.markPrice),
    };
    Q_ASSERT(v.size() == kColumnCount);
    return v;
}

// Reads a row of "SELECT id, <columns>" back into a record, or says which value is damaged.
Result<DecisionRecord> recordFromRow(const QSqlQuery &q)
{
    DecisionRecord r;
    int i = 0;
    const auto next = [&q, &i]() { return q.value(i++); };
    r.id = next().toLongLong();
    r.runId = next().toString();
    r.cycle = quint64(next().toLongLong());
    const QVariant time = next();
    if (!time.isNull())
        r.time = QDateTime::fromMSecsSinceEpoch(time.toLongLong(), Qt::UTC);
    const QString type = next().toString();
    r.observing = next().toInt() != 0;
    r.backend = next().toString();
    r.model = next().toString();
    r.systemPrompt = next().toString();
    r.prompt = next().toString();
    r.response = next().toString();
    const QString format = next().toString();
    const QString canary = next().toString();
    const QString action = next().toString();
    const QString amountKind = next().toString();
    r.parsed.amount = next().toDouble();
    r.parsed.unit = next().toString();
    r.parsed.amountText = next().toString();
    r.parsed.reasoning = next().toString();
    r.parsed.why = next().toString();
    r.observation.timestamp = next().toLongLong();
    MarketView &m = r.observation.market;
    m.valid = next().toInt() != 0;
    m.windowSeconds = next().toLongLong();
    m.windowEnd = next().toLongLong();
    m.lastPrice = next().toDouble();
    m.firstPrice = next().toDouble();
    m.priceChangePercent = next().toDouble();
    m.volumeEth = next().toDouble();
    m.volumeUsdc = next().toDouble();
    m.swapCount = next().toInt();
    m.volatilityPercent = next().toDouble();
    Portfolio &p = r.observation.portfolio;
    p.valid = next().toInt() != 0;
    const auto account = eth::Address::fromString(next().toString());
    const auto ethWei = eth::parseU256(next().toString());
    const auto usdcUnits = eth::parseU256(next().toString());
    p.price = next().toDouble();
    p.blockNumber = quint64(next().toLongLong());
    r.observation.rebalance = rebalanceFromJson(jsonObject(next().toString()));
    r.observation.limits = limitsFromJson(jsonObject(next().toString()));
    r.sized.trade = next().toInt() != 0;
    const auto direction = swapDirectionFromKey(next().toString());
    const auto amountIn = eth::parseU256(next().toString());
    r.sized.note = next().toString();
    const auto status = decisionStatusFromKey(next().toString());
    const auto errorKind = kErrorKinds.from(next().toString());
    r.error.message = next().toString();
    r.error.detail = next().toString();
    const auto txHash = eth::Hash32::fromString(next().toString());
    const auto amountOut = eth::parseU256(next().toString());
    r.effectivePrice = next().toString();
    r.latencyMs = next().toLongLong();
    r.markDueAt = next().toLongLong();
    const QVariant pnl = next();
    const QVariant markPrice = next();
    if (!pnl.isNull())
        r.pnlUsd = pnl.toDouble();
    if (!markPrice.isNull())
        r.markPrice = markPrice.toDouble();

    const auto decisionType = decisionTypeFromKey(type);
    const auto parsedFormat = kFormats.from(format);
    const auto parsedCanary = canaryFromText(canary);
    const auto parsedAction = kActions.from(action);
    const auto parsedKind = kAmountKinds.from(amountKind);
    if (!decisionType || !parsedFormat || !parsedCanary || !parsedAction || !parsedKind || !status || !errorKind
        || !direction)
        return damagedRow(r.id, QStringLiteral("an unknown type, status or answer key"));
    if (!account || !ethWei || !usdcUnits || !amountIn || !txHash || !amountOut)
        return damagedRow(r.id, QStringLiteral("an address, hash or amount that does not parse"));
    r.type = *decisionType;
    r.parsed.format = *parsedFormat;
    r.parsed.canary = *parsedCanary;
    r.parsed.action = *parsedAction;
    r.parsed.amountKind = *parsedKind;
    r.status = *status;
    r.error.kind = *errorKind;
    r.sized.direction = *direction;
    r.sized.amountIn = *amountIn;
    r.txHash = *txHash;
    r.amountOut = *amountOut;
    p.account = *account;
    p.ethWei = *ethWei;
    p.usdcUnits = *usdcUnits;
    return r;
}

// WHERE clause and its values for a filter.
struct Where
{
    QString sql;
    QVariantList values;
};

Where whereFor(const JournalFilter &f)
{
    QStringList terms;
    Where w;
    const auto add = [&terms, &w](const char *term, const QVariant &value) {
        terms << QString::fromLatin1(term);
        w.values << value;
    };
    if (!f.runId.isEmpty())
        add("run_id = ?", f.runId);
    if (!f.backend.isEmpty())
        add("backend = ?", f.backend);
    if (!f.model.isEmpty())
        add("model = ?", f.model);
    if (f.canary)
        add("canary = ?", text(canaryText(*f.canary)));
    if (f.status)
        add("status = ?", decisionStatusKey(*f.status));
    // "Trades" are the decisions that sized a trade: submitted, traded, reverted or failed on chain.
    if (f.tradesOnly)
        terms << QStringLiteral("sized_trade = 1");
    if (f.fromTime > 0)
        add("time_ms >= ?", f.fromTime * 1000);
    if (f.toTime > 0)   // inclusive: the whole last second
        add("time_ms < ?", (f.toTime + 1) * 1000);
    if (!terms.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
    return w;
}

// A model's answer, for the canary statistics: LLM decisions and observations from any backend,
// never a rebalance (no model was asked), an insight or a strategy; a call still in progress, or one
// that failed or was canceled before anything could be read, is no answer. (A failed swap after a
// readable answer still counts: the model did answer.)
bool isModelAnswer(const DecisionRecord &r)
{
    if (r.type != DecisionType::LlmDecision && r.type != DecisionType::Observation)
        return false;
    if (r.backend == QLatin1String("rebalancer") || r.status == DecisionRecord::Status::Thinking)
        return false;
    const bool callFailed = r.status == DecisionRecord::Status::Failed || r.status == DecisionRecord::Status::Canceled;
    return !(callFailed && r.parsed.format == Format::None);
}

QJsonValue orNull(const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); }
QJsonValue orNull(const std::optional<double> &value) { return value ? QJsonValue(*value) : QJsonValue(); }

} // namespace

DecisionJournal::DecisionJournal() = default;

DecisionJournal::~DecisionJournal() { closeSqliteConnection(m_connection); }

bool DecisionJournal::isOpen() const
{
    return !m_connection.isEmpty() && QSqlDatabase::database(m_connection, false).isOpen();
}

Status DecisionJournal::open(const QString &path)
{
    closeSqliteConnection(m_connection);   // reopening: drop the old connection first
    // Set up on a new name; only a fully opened journal keeps its connection.
    auto opened = openSqliteFile(path, QStringLiteral("apedesk-agent-journal-"),
                                 {QString(kSchemaKey), kSchemaVersion, schema(), tr("the decision journal")});
    if (!opened) {
        qCWarning(lcAgent) << "decision journal:" << opened.error().toString();
        return opened.error();
    }
    m_connection = std::move(opened).value();
    return {};
}

Result<qint64> DecisionJournal::save(const DecisionRecord &record)
{
    if (!isOpen())
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    const QVariantList values = rowValues(record);
    if (record.id == 0) {
        const QString marks = QStringList(kColumnCount, QStringLiteral("?")).join(QLatin1Char(','));
        q.prepare(QStringLiteral("INSERT INTO agent_decisions (") + columnList() + QStringLiteral(") VALUES (") + marks
                  + QLatin1Char(')'));
    } else {
        QStringList sets;
        for (const Column &c : kColumns)
            sets << QStringLiteral("%1 = ?").arg(QString::fromLatin1(c.name));
        q.prepare(QStringLiteral("UPDATE agent_decisions SET ") + sets.join(QStringLiteral(", "))
                  + QStringLiteral(" WHERE id = ?"));
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (record.id != 0)
        q.addBindValue(record.id);
    if (!q.exec())
        return sqlError(tr("saving a decision"), q.lastError());
    if (record.id == 0)
        return q.lastInsertId().toLongLong();
    if (q.numRowsAffected() != 1)
        return Error::make(Error::Kind::Usage, tr("The decision journal has no decision %1 to update.").arg(record.id));
    return record.id;
}

std::optional<DecisionRecord> DecisionJournal::find(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT id, ") + columnList() + QStringLiteral(" FROM agent_decisions WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    auto record = recordFromRow(q);
    if (!record) {
        qCWarning(lcAgent) << record.error().toString();
        return std::nullopt;
    }
    return std::move(record).value();
}

Result<QList<DecisionRecord>> DecisionJournal::list(const JournalFilter &filter) const
{
    if (!isOpen())
        return notOpen();
    const Where where = whereFor(filter);
    QString sql = QStringLiteral("SELECT id, ") + columnList() + QStringLiteral(" FROM agent_decisions") + where.sql;
    // The newest N when limited (read newest first, returned oldest first).
    if (filter.limit > 0)
        sql += QStringLiteral(" ORDER BY time_ms DESC, id DESC LIMIT %1").arg(filter.limit);
    else
        sql += QStringLiteral(" ORDER BY time_ms, id");
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : where.values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(tr("reading decisions"), q.lastError());
    QList<DecisionRecord> out;
    while (q.next()) {
        auto record = recordFromRow(q);
        if (!record)
            return record.error();
        out.append(std::move(record).value());
    }
    if (filter.limit > 0)
        std::reverse(out.begin(), out.end());
    return out;
}

Result<QList<DecisionRecord>> DecisionJournal::dueForMarking(qint64 now) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, ") + columnList()
              + QStringLiteral(" FROM agent_decisions WHERE status = 'succeeded' AND pnl_usd IS NULL"
                               " AND mark_due_at > 0 AND mark_due_at <= ? ORDER BY mark_due_at, id"));
    q.addBindValue(now);
    if (!q.exec())
        return sqlError(tr("reading decisions due for marking"), q.lastError());
    QList<DecisionRecord> out;
    while (q.next()) {
        auto record = recordFromRow(q);
        if (!record)
            return record.error();
        out.append(std::move(record).value());
    }
    return out;
}

Result<QList<CanaryStats>> DecisionJournal::canaryStats(const JournalFilter &filter) const
{
    auto records = list(filter);
    if (!records)
        return records.error();
    std::map<std::pair<QString, QString>, CanaryStats> byModel;   // sorted by backend, then model
    for (const DecisionRecord &r : *records) {
        if (!isModelAnswer(r))
            continue;
        CanaryStats &s = byModel[{r.backend, r.model}];
        s.backend = r.backend;
        s.model = r.model;
        ++s.answers;
        switch (r.parsed.format) {
        case Format::Canary:
            ++s.withCanary;
            s.apeIn += r.parsed.canary == Canary::ApeIn ? 1 : 0;
            s.apeOut += r.parsed.canary == Canary::ApeOut ? 1 : 0;
            s.apeNeutral += r.parsed.canary == Canary::ApeNeutral ? 1 : 0;
            break;
        case Format::TradeFields:
        case Format::NaturalLanguage:
            ++s.otherFormat;
            break;
        case Format::None:
            ++s.unreadable;
            break;
        }
    }
    QList<CanaryStats> out;
    for (const auto &entry : byModel)
        out.append(entry.second);
    return out;
}

Result<int> DecisionJournal::exportJsonl(const QString &path, const JournalFilter &filter) const
{
    auto records = list(filter);
    if (!records)
        return records.error();
    QSaveFile file(path);   // all or nothing: a failed export leaves no half file behind
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("The journal could not be exported to %1.").arg(path), file.errorString());
    for (const DecisionRecord &r : *records) {
        QByteArray line = QJsonDocument(toJson(r)).toJson(QJsonDocument::Compact);
        line.append('\n');
        if (file.write(line) != line.size())
            return Error::make(Error::Kind::Io, tr("The journal could not be exported to %1.").arg(path),
                               file.errorString());
    }
    if (!file.commit())
        return Error::make(Error::Kind::Io, tr("The journal could not be exported to %1.").arg(path), file.errorString());
    return int(records->size());
}

QJsonObject DecisionJournal::toJson(const DecisionRecord &record)
{
    const MarketView &m = record.observation.market;
    const Portfolio &p = record.observation.portfolio;
    const bool toUsdc = record.sized.direction == SwapDirection::EthToUsdc;
    QJsonObject market{
        {QStringLiteral("valid"), m.valid},
        {QStringLiteral("window_seconds"), double(m.windowSeconds)},
        {QStringLiteral("window_end"), double(m.windowEnd)},
        {QStringLiteral("last_price"), m.lastPrice},
        {QStringLiteral("first_price"), m.firstPrice},
        {QStringLiteral("price_change_percent"), m.priceChangePercent},
        {QStringLiteral("volume_eth"), m.volumeEth},
        {QStringLiteral("volume_usdc"), m.volumeUsdc},
        {QStringLiteral("swap_count"), m.swapCount},
        {QStringLiteral("volatility_percent"), m.volatilityPercent},
    };
    QJsonObject portfolio{
        {QStringLiteral("valid"), p.valid},
        {QStringLiteral("account"), p.account.toChecksumString()},
        {QStringLiteral("eth_wei"), eth::toDecimal(p.ethWei)},
        {QStringLiteral("usdc_units"), eth::toDecimal(p.usdcUnits)},
        {QStringLiteral("eth"), eth::formatUnits(p.ethWei, 18)},
        {QStringLiteral("usdc"), eth::formatUnits(p.usdcUnits, 6)},
        {QStringLiteral("price"), p.price},
        {QStringLiteral("block_number"), double(p.blockNumber)},
    };
    QJsonObject o{
        {QStringLiteral("id"), double(record.id)},
        {QStringLiteral("run_id"), record.runId},
        {QStringLiteral("cycle"), double(record.cycle)},
        {QStringLiteral("type"), decisionTypeKey(record.type)},
        {QStringLiteral("observing"), record.observing},
        {QStringLiteral("backend"), record.backend},
        {QStringLiteral("model"), record.model},
        {QStringLiteral("system_prompt"), record.systemPrompt},
        {QStringLiteral("prompt"), record.prompt},
        {QStringLiteral("response"), record.response},
        {QStringLiteral("canary"), orNull(canaryText(record.parsed.canary))},
        {QStringLiteral("action"), actionText(record.parsed.action)},
        {QStringLiteral("amount_in"), orNull(record.amountInText())},
        {QStringLiteral("token_in"), record.sized.trade ? QJsonValue(record.tokenIn()) : QJsonValue()},
        // The price the decision saw: the pool's mid price, else the window's last swap.
        {QStringLiteral("price"), p.price > 0 ? p.price : m.lastPrice},
        {QStringLiteral("status"), decisionStatusKey(record.status)},
        {QStringLiteral("error"), record.error.message.isEmpty() ? QJsonValue() : QJsonValue(record.error.toString())},
        {QStringLiteral("tx_hash"), record.txHash.isZero() ? QJsonValue() : QJsonValue(record.txHash.toHex())},
        // In the output token's units, exact.
        {QStringLiteral("amount_out"),
         record.sized.trade ? QJsonValue(eth::formatUnits(record.amountOut, toUsdc ? 6 : 18)) : QJsonValue()},
        {QStringLiteral("effective_price"), orNull(record.effectivePrice)},
        {QStringLiteral("latency_ms"), double(record.latencyMs)},
        {QStringLiteral("pnl_usd"), orNull(record.pnlUsd)},
        {QStringLiteral("mark_price"), orNull(record.markPrice)},
        {QStringLiteral("market"), market},
        {QStringLiteral("portfolio"), portfolio},
    };
    o.insert(QStringLiteral("time"), record.time.isValid()
                                         ? QJsonValue(record.time.toUTC().toString(Qt::ISODateWithMs))
                                         : QJsonValue());
    return o;
}

Status DecisionJournal::saveMemory(const QString &profile, const AgentMemory &memory)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO agent_memory (profile, memory, updated_at) VALUES (?, ?, ?)"
                             " ON CONFLICT(profile) DO UPDATE SET memory = excluded.memory, updated_at = excluded.updated_at"));
    q.addBindValue(text(profile));
    q.addBindValue(compact(memory.toJson()));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!q.exec())
        return sqlError(tr("saving the agent memory"), q.lastError());
    return {};
}

Result<std::optional<AgentMemory>> DecisionJournal::loadMemory(const QString &profile) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT memory FROM agent_memory WHERE profile = ?"));
    q.addBindValue(text(profile));
    if (!q.exec())
        return sqlError(tr("reading the agent memory"), q.lastError());
    if (!q.next())
        return std::optional<AgentMemory>();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(q.value(0).toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error::make(Error::Kind::Format, tr("The saved agent memory is damaged and was not loaded."),
                           QStringLiteral("profile %1: %2").arg(profile, parseError.errorString()));
    auto memory = AgentMemory::fromJson(document.object());
    if (!memory)
        return memory.error();
    return std::optional<AgentMemory>(std::move(memory).value());
}

} // namespace apedesk::agent
