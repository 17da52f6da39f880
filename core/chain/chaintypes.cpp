#include "chaintypes.h"

#include <QCoreApplication>

namespace apedesk {

QString chainModeKey(ChainMode mode)
{
    switch (mode) {
    case ChainMode::Sandbox: return QStringLiteral("sandbox");
    case ChainMode::Fork: return QStringLiteral("fork");
    case ChainMode::External: return QStringLiteral("external");
    }
    return QStringLiteral("sandbox");
}

std::optional<ChainMode> chainModeFromKey(const QString &key)
{
    for (ChainMode mode : {ChainMode::Sandbox, ChainMode::Fork, ChainMode::External})
        if (chainModeKey(mode) == key)
            return mode;
    return std::nullopt;
}

QString chainModeName(ChainMode mode)
{
    switch (mode) {
    case ChainMode::Sandbox: return QCoreApplication::translate("apedesk::ChainMode", "Offline sandbox");
    case ChainMode::Fork: return QCoreApplication::translate("apedesk::ChainMode", "Fork of BASE");
    case ChainMode::External: return QCoreApplication::translate("apedesk::ChainMode", "External node");
    }
    return {};
}

QString swapDirectionKey(SwapDirection direction)
{
    return direction == SwapDirection::EthToUsdc ? QStringLiteral("eth-to-usdc") : QStringLiteral("usdc-to-eth");
}

std::optional<SwapDirection> swapDirectionFromKey(const QString &key)
{
    if (key == QLatin1String("eth-to-usdc"))
        return SwapDirection::EthToUsdc;
    if (key == QLatin1String("usdc-to-eth"))
        return SwapDirection::UsdcToEth;
    return std::nullopt;
}

} // namespace apedesk
