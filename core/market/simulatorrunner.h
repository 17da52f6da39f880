#pragma once
// Runs the sandbox market (MarketSimulator) on a QThread of its own: start() prepares the traders, then
// a single-shot QTimer paces the steps (a Poisson process at swapsPerMinute, back to back at rate 0).
// Every result leaves as a queued-safe signal carrying plain values.
//
// Failure policy: a failed swap is counted and stated in state().text; kMaxFailuresInRow failures in a
// row, or a node that stopped answering, end the run with the reason in words. A run also ends after
// config.maxSwaps swaps (when not 0) or on stop().
//
// Threading: construct it, moveToThread() it, and call start() through a queued invocation
// (QMetaObject::invokeMethod(runner, "start", Qt::QueuedConnection, Q_ARG(...)) or a queued signal).
// stop() and state() may be called from any thread. While a step or the preparation waits for the node,
// the thread's event loop keeps running, so stop() takes effect within one swap (tens of ms on anvil).

#include "chain/chaintypes.h"
#include "market/marketsimulator.h"
#include "market/pooltypes.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QTimer;

namespace apedesk::market {

class SimulatorRunner : public QObject
{
    Q_OBJECT
public:
    explicit SimulatorRunner(QObject *parent = nullptr);
    ~SimulatorRunner() override;

    // Queued: prepares and runs. A start while a run is going on ends that run and then starts anew.
    Q_INVOKABLE void start(apedesk::market::SimulatorTarget target, apedesk::market::SimulatorConfig config);
    // Thread safe, returns at once: the run ends after the step in flight (a swap already sent finishes;
    // one not sent yet is abandoned). Also drops a start that was waiting for the current run to end.
    void stop();
    // Thread safe: the last published state.
    SimulatorState state() const;

Q_SIGNALS:
    void stateChanged(apedesk::market::SimulatorState state);
    void swapped(apedesk::SwapRecord record);

private:
    void stopNow();
    void runStep();
    void scheduleNext();
    void endRun(const QString &text);
    void startPending();
    QString stoppedText() const;
    void publish(const SimulatorState &state);

    QTimer *m_timer = nullptr;
    std::unique_ptr<MarketSimulator> m_simulator;
    std::atomic<bool> m_stopRequested{false};
    bool m_busy = false;   // inside prepare() or step(): their nested event loops may deliver stopNow / start
    struct PendingStart
    {
        SimulatorTarget target;
        SimulatorConfig config;
    };
    std::optional<PendingStart> m_pending;

    mutable QMutex m_mutex;
    SimulatorState m_state;
};

} // namespace apedesk::market
