#pragma once
// Straight-line waiting for one TransactionSender send, for worker threads only (never the GUI
// thread), like awaitRpc for a call: runs a local event loop until the send is mined, failed, or
// ended as unknown (sent, but the node stopped answering before a receipt).

#include "sender.h"

#include <functional>
#include <optional>

namespace apedesk::eth {

struct SendOutcome
{
    std::optional<TransactionReceipt> receipt;   // mined (also when reverted: check receipt->status)
    Hash32 hash;                                  // once known
    bool sent = false;                            // the node may have it
    bool unknown = false;                         // sent, then no receipt before the node went away
    Error error;                                  // when there is no receipt
};

struct SendWaitHooks
{
    std::function<void(const Hash32 &hash)> sent;
    std::function<bool()> canceled;               // polled every 50 ms; true cancels the send
};

SendOutcome awaitSend(TransactionSender *sender, const SendRequest &request, const KeySource &key,
                      const SendWaitHooks &hooks = {});

} // namespace apedesk::eth
