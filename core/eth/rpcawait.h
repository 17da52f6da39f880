#pragma once
// Straight-line waiting for one asynchronous JSON-RPC call, for worker threads only (never the GUI
// thread): runs a local event loop until the call's callback has run. Sequences of dependent calls
// (the sandbox deployer, a swap, the CLI) read far better this way than as nested callbacks.
//
// While it waits, the thread's other events still run (timers, replies of other calls). Service
// defers a task posted meanwhile until the waiting task has ended, so tasks never interleave.
// If the thread is told to quit while waiting, the call is canceled and a Canceled error returned.

#include "jsonrpcclient.h"

#include <QEventLoop>
#include <QPointer>

#include <optional>
#include <utility>

namespace apedesk::eth {

// start: quint64(RpcCallback<T>), e.g. [&](auto done) { return rpc.blockNumber(done); }
template <typename T, typename Start>
RpcResult<T> awaitRpc(JsonRpcClient *client, Start start)
{
    auto result = std::make_shared<std::optional<RpcResult<T>>>();
    QEventLoop loop;
    QPointer<QEventLoop> guard(&loop);
    const quint64 id = start([result, guard](RpcResult<T> value) {
        result->emplace(std::move(value));
        if (guard)
            guard->quit();
    });
    if (!result->has_value())
        loop.exec();
    if (!result->has_value()) {   // the thread is quitting
        if (client)
            client->cancel(id);
        return RpcError::canceled();
    }
    return std::move(**result);
}

} // namespace apedesk::eth
