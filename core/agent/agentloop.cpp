#include "agentloop.h"

#include "common/logging.h"
#include "decisionjournal.h"
#include "decisionparser.h"
#include "eth/units.h"
#include "llmbackend.h"
#include "prompts.h"
#include "tradesizer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <cmath>

namespace apedesk::agent {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("apedesk::agent::AgentLoop", text); }

qint64 nowSeconds() { return QDateTime::currentSecsSinceEpoch(); }

double units(const eth::u256 &value, int decimals) { return eth::formatUnits(value, decimals).toDouble(); }

bool canceledBy(const LoopHooks &hooks) { return hooks.canceled && hooks.canceled(); }

QString tradeTypeKey(SwapDirection direction)
{
    return direction == SwapDirection::EthToUsdc ? QStringLiteral("ETH_TO_USDC") : QStringLiteral("USDC_TO_ETH");
}
} // namespace

AgentLoop::AgentLoop(AgentConfig config, LlmBackend *backend, TradeGateway *gateway, MarketSource *market,
                     DecisionJournal *journal)
    : m_config(std::move(config)), m_backend(backend), m_gateway(gateway), m_market(market), m_journal(journal),
      m_memory(m_config.contextCapacityTokens)
{
}

AgentLoop::~AgentLoop() = default;

QString AgentLoop::backendKind() const { return m_backend ? m_backend->kind() : QString(); }

QString AgentLoop::modelName() const
{
    if (!m_config.backend.model.isEmpty())
        return m_config.backend.model;
    return m_backend && m_backend->kind() == QLatin1String("builtin") ? QStringLiteral("momentum") : QString();
}

QString AgentLoop::memoryProfile() const
{
    if (!m_config.memoryProfile.isEmpty())
        return m_config.memoryProfile;
    // One memory per model and account: another model's history would not be what it remembers.
    return backendKind() + QLatin1Char(':') + modelName() + QLatin1Char('@') + m_gateway->account().toChecksumString();
}

Status AgentLoop::begin(const QString &runId, qint64 now)
{
    m_runId = runId;
    m_runStart = now;
    m_cycle = 0;
    m_observedTokens = 0;
    m_totals = {};
    if (m_config.stateful && m_journal) {
        auto stored = m_journal->loadMemory(memoryProfile());
        if (!stored)
            return stored.error();
        if (stored->has_value()) {
            m_memory = std::move(**stored);
            qCInfo(lcAgent) << "continuing the memory of" << memoryProfile() << "with" << m_memory.decisions().size()
                            << "decisions";
        }
        m_memory.setCapacity(m_config.contextCapacityTokens);
    }
    return {};
}

Status AgentLoop::finish()
{
    if (m_config.stateful && m_journal)
        return m_journal->saveMemory(memoryProfile(), m_memory);
    return {};
}

int AgentLoop::observeCyclesLeft() const
{
    if (m_config.observe.kind != ObservationMode::Kind::Cycles)
        return 0;
    return std::max<int>(0, m_config.observe.amount - static_cast<int>(m_cycle));
}

bool AgentLoop::observingNext(qint64 now) const
{
    switch (m_config.observe.kind) {
    case ObservationMode::Kind::None: return false;
    case ObservationMode::Kind::Cycles: return static_cast<int>(m_cycle) < m_config.observe.amount;
    case ObservationMode::Kind::Minutes: return now - m_runStart < qint64(m_config.observe.amount) * 60;
    case ObservationMode::Kind::Tokens:
        // Until the context holds this many estimated tokens: the memory's estimate for a stateful
        // agent, the prompts and answers seen so far for a stateless one.
        return (m_config.stateful ? m_memory.estimatedTokens(QString()) : m_observedTokens) < m_config.observe.amount;
    }
    return false;
}

void AgentLoop::save(DecisionRecord &record, const LoopHooks &hooks)
{
    if (m_journal) {
        auto id = m_journal->save(record);
        if (id)
            record.id = *id;
        else
            qCWarning(lcAgent) << "journal:" << id.error().toString();
    }
    if (hooks.changed)
        hooks.changed(record);
}

double AgentLoop::markedPnlUsd(const DecisionRecord &record, double markPrice)
{
    const bool sold = record.sized.direction == SwapDirection::EthToUsdc;
    const double ethMoved = sold ? units(record.sized.amountIn, 18) : units(record.amountOut, 18);
    const double usdcMoved = sold ? units(record.amountOut, 6) : units(record.sized.amountIn, 6);
    const double gasUsd = units(record.gasFeeWei, 18) * markPrice;
    // Selling ETH gained the USDC and gave up what that ETH is worth now; buying the reverse.
    const double gross = sold ? usdcMoved - ethMoved * markPrice : ethMoved * markPrice - usdcMoved;
    return gross - gasUsd;
}

void AgentLoop::markDue(qint64 now, double price, const LoopHooks &hooks)
{
    if (!m_journal || !(price > 0))
        return;
    auto due = m_journal->dueForMarking(now);
    if (!due) {
        qCWarning(lcAgent) << "journal:" << due.error().toString();
        return;
    }
    for (DecisionRecord record : *due) {
        // Only this account's trades: another account's price path is the same, but not its journal.
        if (record.observation.portfolio.account != m_gateway->account())
            continue;
        const double pnl = markedPnlUsd(record, price);
        record.pnlUsd = pnl;
        record.markPrice = price;
        save(record, hooks);
        const bool thisRun = record.runId == m_runId;
        if (record.type == DecisionType::Rebalance) {
            if (thisRun)
                m_totals.rebalancePnlUsd += pnl;
        } else if (thisRun) {
            m_totals.modelPnlUsd += pnl;
        }
        const double before = record.observation.portfolio.totalUsd();
        if (m_config.stateful && before > 0) {
            const double fraction = pnl / before;
            m_memory.recordPnl(record.type, fraction);
            m_memory.setProfitLoss(record.time.toSecsSinceEpoch(), fraction);
        }
    }
}

DecisionRecord AgentLoop::runCycle(const LoopHooks &hooks)
{
    const qint64 now = nowSeconds();
    const bool observing = observingNext(now);
    ++m_cycle;
    m_totals.cycles = m_cycle;

    DecisionRecord record;
    record.runId = m_runId;
    record.cycle = m_cycle;
    record.time = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
    record.observing = observing;
    record.backend = backendKind();
    record.model = modelName();

    auto market = m_market ? m_market->market() : Result<MarketView>(MarketView{});
    auto portfolio = m_gateway->portfolio(hooks.canceled);
    if (!market || !portfolio) {
        record.type = DecisionType::Observation;
        record.status = DecisionRecord::Status::Failed;
        record.error = !portfolio ? portfolio.error() : market.error();
        record.response.clear();
        save(record, hooks);
        return record;
    }
    Observation observation;
    observation.timestamp = now;
    observation.market = *market;
    observation.portfolio = *portfolio;
    observation.rebalance = m_config.rebalance;
    observation.limits = m_config.limits;
    record.observation = observation;

    markDue(now, portfolio->price, hooks);

    if (m_config.stateful) {
        MarketState state;
        state.timestamp = now;
        state.ethPrice = market->valid && market->lastPrice > 0 ? market->lastPrice : portfolio->price;
        state.priceChangePercent = market->priceChangePercent;
        state.volumeEth = market->volumeEth;
        state.volumeUsdc = market->volumeUsdc;
        state.swapCount = market->swapCount;
        m_memory.addMarketState(state);
    }

    // The rebalancer bypasses the model, but never while observing.
    if (!observing && m_config.rebalance.enabled) {
        // A rebalance the balances cannot pay (trade == false) leaves the cycle to the model and does not
        // start the cooldown.
        auto rebalance = rebalanceTrade(*portfolio, m_config.rebalance, m_config.limits, now, m_lastRebalance);
        if (rebalance && rebalance->trade) {
            record.type = DecisionType::Rebalance;
            record.backend = QStringLiteral("rebalancer");
            record.model.clear();
            record.sized = *rebalance;
            record.parsed.action = rebalance->direction == SwapDirection::EthToUsdc ? ParsedAnswer::Action::Sell
                                                                                    : ParsedAnswer::Action::Buy;
            record.response = rebalance->note;
            m_lastRebalance = now;
            trade(record, hooks);
            remember(record, QString(), now);
            return record;
        }
    }
    record = decide(record, observation, observing, hooks);
    return record;
}

DecisionRecord AgentLoop::decide(DecisionRecord record, const Observation &observation, bool observing,
                                 const LoopHooks &hooks)
{
    const qint64 now = observation.timestamp;
    LlmRequest request;
    request.model = m_config.backend.model;
    request.options = m_config.llmOptions;
    request.timeoutMs = m_config.llmTimeoutMs;
    request.idleTimeoutMs = std::min(m_config.llmTimeoutMs, 30000);
    request.observation = observation;
    QString prompt;
    if (m_config.stateful) {
        // The fine-tuned models saw the user message only; the short variant once the context is crowded.
        const bool shortVariant = m_memory.lastContextRatio() > 0.7;
        prompt = statefulPrompt(m_memory, observation, shortVariant);
        const double ratio = m_memory.contextRatio(prompt);
        m_memory.setLastContextRatio(ratio);
        m_totals.contextRatio = ratio;
    } else {
        record.systemPrompt = statelessSystemPrompt();
        prompt = statelessPrompt(observation);
        request.messages.append({QStringLiteral("system"), record.systemPrompt});
    }
    request.messages.append({QStringLiteral("user"), prompt});
    record.prompt = prompt;
    record.type = DecisionType::LlmDecision;
    record.status = DecisionRecord::Status::Thinking;
    save(record, hooks);

    QElapsedTimer clock;
    clock.start();
    const qint64 id = record.id;
    const LlmReply reply = awaitChat(m_backend, request, [&](const QString &delta) {
        record.response += delta;
        if (hooks.token)
            hooks.token(id, delta);
    }, hooks.canceled);
    record.latencyMs = clock.elapsed();
    record.response = reply.text;
    if (!reply.model.isEmpty() && record.model.isEmpty())
        record.model = reply.model;
    m_observedTokens += estimateTokens(prompt) + estimateTokens(reply.text);

    if (!reply.ok) {
        // Whatever arrived is kept for the journal, but a failed answer is never read: no trade.
        record.type = DecisionType::Observation;
        record.status = reply.failure == LlmReply::Failure::Canceled ? DecisionRecord::Status::Canceled
                                                                     : DecisionRecord::Status::Failed;
        record.error = reply.error;
        save(record, hooks);
        return record;
    }

    record.parsed = parseAnswer(reply.text);
    if (record.parsed.format == ParsedAnswer::Format::None) {
        record.type = DecisionType::Observation;
        record.status = DecisionRecord::Status::Observed;
        record.sized.note = record.parsed.why;
    } else if (observing) {
        record.type = DecisionType::Observation;
        record.status = DecisionRecord::Status::Observed;
        record.sized.note = tr("Observation mode: the agent only watches.");
    } else if (!record.parsed.isTrade()) {
        record.status = DecisionRecord::Status::NoTrade;
    } else {
        record.sized = sizeTrade(record.parsed, observation.portfolio, m_config.limits);
        if (record.sized.trade) {
            trade(record, hooks);
            remember(record, prompt, now);
            return record;
        }
        // A trade the limits leave nothing of is recorded as what it was: an observation.
        record.type = DecisionType::Observation;
        record.status = DecisionRecord::Status::Observed;
    }
    save(record, hooks);
    remember(record, prompt, now);
    return record;
}

void AgentLoop::trade(DecisionRecord &record, const LoopHooks &hooks)
{
    SwapOrder order;
    order.direction = record.sized.direction;
    order.amountIn = record.sized.amountIn;
    order.slippageBps = m_config.limits.slippageBps;
    order.account = m_gateway->account();
    record.status = DecisionRecord::Status::Trading;
    save(record, hooks);

    const SwapRecord swap = m_gateway->swap(order, hooks.canceled);
    record.txHash = swap.txHash;
    record.amountOut = swap.amountOut;
    record.effectivePrice = swap.effectivePrice;
    record.gasFeeWei = swap.gasFeeWei;
    switch (swap.status) {
    case SwapRecord::Status::Succeeded:
        record.status = DecisionRecord::Status::Succeeded;
        // The executed amount (the Swap event's) is what the P&L is marked on.
        record.sized.amountIn = swap.amountIn;
        record.markDueAt = record.time.toSecsSinceEpoch() + m_config.pnlHorizonSeconds;
        ++m_totals.trades;
        break;
    case SwapRecord::Status::Reverted:
        record.status = DecisionRecord::Status::Reverted;
        record.error = swap.error;
        break;
    case SwapRecord::Status::Failed:
    case SwapRecord::Status::Pending:
        record.status = swap.error.kind == Error::Kind::Canceled && canceledBy(hooks) ? DecisionRecord::Status::Canceled
                                                                                       : DecisionRecord::Status::Failed;
        record.error = swap.error;
        break;
    }
    save(record, hooks);
}

void AgentLoop::remember(const DecisionRecord &record, const QString &prompt, qint64 now)
{
    if (!m_config.stateful)
        return;
    MemoryDecision decision;
    decision.timestamp = record.time.toSecsSinceEpoch();
    decision.type = record.type;
    if (record.sized.trade && record.status != DecisionRecord::Status::Observed) {
        decision.tradeType = tradeTypeKey(record.sized.direction);
        decision.amount = record.sized.direction == SwapDirection::EthToUsdc ? units(record.sized.amountIn, 18)
                                                                              : units(record.amountOut, 18);
        decision.success = record.status == DecisionRecord::Status::Succeeded;
    }
    decision.reasoning = record.response;
    if (!record.observation.market.valid)
        decision.market.ethPrice = record.observation.portfolio.price;
    else {
        decision.market.ethPrice = record.observation.market.lastPrice;
        decision.market.priceChangePercent = record.observation.market.priceChangePercent;
        decision.market.volumeEth = record.observation.market.volumeEth;
        decision.market.volumeUsdc = record.observation.market.volumeUsdc;
        decision.market.swapCount = record.observation.market.swapCount;
    }
    decision.market.timestamp = decision.timestamp;
    decision.valueBefore = record.observation.portfolio.totalUsd();
    m_memory.addDecision(decision);

    if (m_memory.needsSummary(prompt, now)) {
        const SummaryReport report = m_memory.summarize(now);
        qCInfo(lcAgent) << "memory summarised:" << report.tokensBefore << "->" << report.tokensAfter << "tokens";
    }
    if (m_journal) {
        if (Status saved = m_journal->saveMemory(memoryProfile(), m_memory); !saved)
            qCWarning(lcAgent) << "memory:" << saved.error().toString();
    }
}

} // namespace apedesk::agent
