#pragma once
// Waits for one asynchronous JSON-RPC callback while the test thread's event loop runs.

#include "eth/jsonrpcerror.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>
#include <optional>

template <typename T>
class Waiter
{
public:
    apedesk::eth::RpcCallback<T> callback()
    {
        auto slot = m_slot;
        return [slot](apedesk::eth::RpcResult<T> result) { slot->emplace(std::move(result)); };
    }
    bool wait(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_slot->has_value() && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return m_slot->has_value();
    }
    bool done() const { return m_slot->has_value(); }
    const apedesk::eth::RpcResult<T> &result() const { return **m_slot; }

private:
    // Shared with the callback, which may outlive a Waiter that gave up.
    std::shared_ptr<std::optional<apedesk::eth::RpcResult<T>>> m_slot =
        std::make_shared<std::optional<apedesk::eth::RpcResult<T>>>();
};

// Starts a call with a Waiter's callback and waits for it; a call that never answers becomes a
// Usage error saying so.
template <typename T, typename Start>
apedesk::eth::RpcResult<T> await(Start start, int timeoutMs = 10000)
{
    Waiter<T> waiter;
    start(waiter.callback());
    if (!waiter.wait(timeoutMs))
        return apedesk::eth::RpcError::usage(QStringLiteral("the test gave up waiting for an answer"));
    return waiter.result();
}
