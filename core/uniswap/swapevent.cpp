#include "swapevent.h"

#include "eth/abicodec.h"
#include "eth/keccak.h"

#include <QCoreApplication>

namespace apedesk::uniswap {
namespace {
using namespace eth::abi;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::SwapEvent)
};

constexpr qsizetype kSwapDataSize = 6 * 32;

Error malformed(const QString &detail)
{
    return Error::make(Error::Kind::Protocol, Messages::tr("The pool's Swap event is malformed."), detail);
}
} // namespace

eth::Hash32 swapEventTopic()
{
    static const eth::Hash32 topic = *eth::Hash32::fromBytes(
        eth::keccak256("Swap(bytes32,address,int128,int128,uint160,uint128,int24,uint24)"));
    return topic;
}

Result<SwapEvent> decodeSwapEvent(const eth::Log &log)
{
    if (log.topics.isEmpty() || log.topics.first() != swapEventTopic())
        return malformed(QStringLiteral("topic 0 is not Swap"));
    if (log.topics.size() != 3)
        return malformed(QStringLiteral("%1 topics, expected 3").arg(log.topics.size()));
    if (log.data.size() != kSwapDataSize)
        return malformed(QStringLiteral("%1 data bytes, expected %2").arg(log.data.size()).arg(kSwapDataSize));
    auto sender = decodeWord(Type::address(), log.topics.at(2).bytes());
    if (!sender)
        return malformed(QStringLiteral("sender topic: ") + sender.error().toString());
    auto values = decode({Type::intType(128), Type::intType(128), Type::uintType(160), Type::uintType(128),
                          Type::intType(24), Type::uintType(24)},
                         log.data, DecodeMode::Canonical);
    if (!values)
        return malformed(values.error().toString());

    SwapEvent event;
    event.poolId = log.topics.at(1);
    event.sender = sender->toAddress();
    event.amount0 = values->at(0).intValue;
    event.amount1 = values->at(1).intValue;
    event.sqrtPriceX96 = values->at(2).uintValue;
    event.liquidity = values->at(3).uintValue;
    event.tick = static_cast<int>(values->at(4).intValue);
    event.fee = static_cast<quint32>(values->at(5).uintValue);
    return event;
}

std::optional<SwapEvent> findSwapEvent(const QList<eth::Log> &logs, const eth::Address &poolManager,
                                       const eth::Hash32 &poolId)
{
    for (const eth::Log &log : logs) {
        if (log.removed || log.address != poolManager || log.topics.size() < 2 || log.topics.at(1) != poolId)
            continue;
        auto event = decodeSwapEvent(log);
        if (event)
            return event.value();
    }
    return std::nullopt;
}

} // namespace apedesk::uniswap
