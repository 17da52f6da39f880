#include "simulatorrunner.h"

#include "common/logging.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QTimer>

namespace apedesk::market {

SimulatorRunner::SimulatorRunner(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    qRegisterMetaType<apedesk::market::SimulatorTarget>();
    qRegisterMetaType<apedesk::market::SimulatorConfig>();
    qRegisterMetaType<apedesk::market::SimulatorState>();
    qRegisterMetaType<apedesk::SwapRecord>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SimulatorRunner::runStep);
}

SimulatorRunner::~SimulatorRunner()
{
    m_timer->stop();
    m_simulator.reset();
}

SimulatorState SimulatorRunner::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

void SimulatorRunner::publish(const SimulatorState &state)
{
    {
        QMutexLocker lock(&m_mutex);
        m_state = state;
    }
    Q_EMIT stateChanged(state);
}

void SimulatorRunner::stop()
{
    m_stopRequested = true;
    QMetaObject::invokeMethod(this, [this] { stopNow(); }, Qt::QueuedConnection);
}

void SimulatorRunner::stopNow()
{
    m_stopRequested = true;
    m_pending.reset();
    if (m_busy)
        return;   // the step or preparation in flight sees the flag and ends the run
    if (m_simulator)
        endRun(stoppedText());
}

QString SimulatorRunner::stoppedText() const
{
    if (m_pending)
        return tr("Restarting with new settings.");
    const int done = m_simulator ? static_cast<int>(m_simulator->state().swapsDone) : 0;
    return tr("Stopped after %n swap(s).", nullptr, done);
}

void SimulatorRunner::start(SimulatorTarget target, SimulatorConfig config)
{
    if (m_busy || m_simulator) {
        // One run at a time: the current one ends (after its step in flight), then this one starts.
        m_pending = PendingStart{std::move(target), config};
        m_stopRequested = true;
        if (!m_busy) {
            endRun(tr("Restarting with new settings."));
            startPending();
        }
        return;
    }
    m_stopRequested = false;
    SimulatorState preparing;
    preparing.running = true;
    preparing.text = tr("Preparing the traders' accounts.");
    publish(preparing);

    m_simulator = std::make_unique<MarketSimulator>(std::move(target), config);
    m_busy = true;
    const Status prepared = m_simulator->prepare([this] { return m_stopRequested.load(); });
    m_busy = false;
    if (!prepared) {
        qCWarning(lcMarket).noquote() << "market simulator did not start:" << prepared.error().toString();
        endRun(prepared.error().kind == Error::Kind::Canceled || m_stopRequested
                   ? stoppedText()
                   : tr("The market simulator could not start: %1").arg(prepared.error().message));
        startPending();
        return;
    }
    if (m_stopRequested) {
        endRun(stoppedText());
        startPending();
        return;
    }
    publish(m_simulator->state());
    scheduleNext();
}

void SimulatorRunner::scheduleNext()
{
    const int maxSwaps = m_simulator->config().maxSwaps;
    const qint64 done = m_simulator->state().swapsDone;
    if (maxSwaps > 0 && done >= maxSwaps) {
        endRun(tr("Done: %n swap(s) made.", nullptr, static_cast<int>(done)));
        startPending();
        return;
    }
    m_timer->start(static_cast<int>(std::min<qint64>(m_simulator->nextDelayMs(), 24LL * 3600 * 1000)));
}

void SimulatorRunner::runStep()
{
    if (!m_simulator || m_busy)
        return;
    if (m_stopRequested) {
        endRun(stoppedText());
        startPending();
        return;
    }
    m_busy = true;
    auto result = m_simulator->step([this] { return m_stopRequested.load(); });
    m_busy = false;
    if (result && result->swapped)
        Q_EMIT swapped(result->record);
    if (m_stopRequested) {
        endRun(stoppedText());
        startPending();
        return;
    }
    if (!result) {
        const QString reason = m_simulator->stopReason(result.error());
        if (!reason.isEmpty()) {
            qCWarning(lcMarket).noquote() << reason << result.error().detail;
            endRun(reason);
            startPending();
            return;
        }
    }
    publish(m_simulator->state());
    scheduleNext();
}

void SimulatorRunner::endRun(const QString &text)
{
    m_timer->stop();
    SimulatorState last = m_simulator ? m_simulator->state() : state();
    m_simulator.reset();
    last.running = false;
    last.text = text;
    publish(last);
}

void SimulatorRunner::startPending()
{
    if (!m_pending)
        return;
    PendingStart next = std::move(*m_pending);
    m_pending.reset();
    QMetaObject::invokeMethod(
        this, [this, next] { start(next.target, next.config); }, Qt::QueuedConnection);
}

} // namespace apedesk::market
