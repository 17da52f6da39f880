#pragma once
// A node the CLI talks to, with the Uniswap V4 venue found for it: the recorded deployment of a sandbox
// that `sandbox up` (or the app) started at that URL, else the BASE profile when the node is chain 8453.

#include "common/error.h"
#include "eth/jsonrpcclient.h"
#include "uniswap/venue.h"

#include <QUrl>

#include <memory>

namespace apedesk::cli {

struct ChainLink
{
    std::unique_ptr<eth::JsonRpcClient> client;
    quint64 chainId = 0;
    QUrl url;
    uniswap::Venue venue;
    bool sandbox = false;
};

// Connects, reads the chain id and checks that the venue's PoolManager has code there.
Result<std::unique_ptr<ChainLink>> connectTo(const QString &rpc);

} // namespace apedesk::cli
