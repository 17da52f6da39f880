#pragma once
// One paper (or live) swap from start to receipt, as straight-line code on the chain thread:
//
//   validate (amount, balances, gas reserve, minimum size) -> quote (or take the quote the person
//   saw) -> Permit2 approvals for USDC -> build the Universal Router call (V4_SWAP + SWEEP, a minimum
//   out from the quote and the slippage, never 0, and a deadline) -> estimate (a revert here costs
//   nothing and is explained in words) -> sign and send -> receipt -> decode the Swap event.
//
// Each stage is reported through Hooks. Nothing here blocks the GUI: it runs inside a ChainService
// task and waits with local event loops (eth::awaitRpc).

#include "chain/chaintypes.h"
#include "common/error.h"
#include "eth/fees.h"
#include "eth/jsonrpcclient.h"
#include "eth/sendawait.h"
#include "eth/sender.h"
#include "venue.h"

#include <functional>
#include <optional>

namespace apedesk::uniswap {

class SwapExecutor
{
public:
    struct Hooks
    {
        std::function<void(SwapStage stage, const QString &text)> stage;
        std::function<void(const eth::Hash32 &hash)> sent;
        std::function<bool()> canceled;
    };

    SwapExecutor(eth::JsonRpcClient *client, eth::TransactionSender *sender, Venue venue, quint64 chainId);

    // Gas kept aside when checking an ETH balance: gas units × the current max fee.
    static constexpr quint64 kGasReserveUnits = 300000;
    static constexpr quint64 kDeadlineSeconds = 600;

    // The quote for an order: expected and minimum out, price impact and gas, from the chain now.
    SwapQuote quote(const SwapOrder &order);
    // Runs the swap; `record` arrives with id, time, direction, account and amountIn set, and is
    // returned completed (Succeeded, Reverted or Failed, with the reason in words).
    SwapRecord execute(SwapRecord record, const SwapOrder &order, const eth::KeySource &key, const Hooks &hooks);

private:
    // awaitSend, with a send that ended unknown explained in a swap's words.
    eth::SendOutcome sendAndWait(const eth::SendRequest &request, const eth::KeySource &key, const Hooks &hooks);
    Status ensurePermit2(const SwapOrder &order, const eth::FeeSuggestion &fees, const eth::KeySource &key,
                         quint64 nowSeconds, const Hooks &hooks);
    Result<eth::u256> quoteOut(const SwapOrder &order);
    QString revertInWords(const QByteArray &revertData, const SwapOrder &order, const eth::u256 &quoted,
                          const eth::u256 &minimum) const;
    QString outSymbol(const SwapOrder &order) const;
    int outDecimals(const SwapOrder &order) const;

    eth::JsonRpcClient *m_client;
    eth::TransactionSender *m_sender;
    Venue m_venue;
    quint64 m_chainId;
};

} // namespace apedesk::uniswap
