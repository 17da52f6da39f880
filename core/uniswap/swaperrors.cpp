#include "swaperrors.h"

#include "eth/abicodec.h"
#include "eth/hex.h"
#include "eth/units.h"

#include <QCoreApplication>

#include <algorithm>

namespace apedesk::uniswap {
namespace {
using namespace eth::abi;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::SwapErrors)
};

constexpr int kMaxUnwrap = 4;   // ExecutionFailed(WrappedError(...)) and the like

// Names and argument names as the contracts declare them (checked by test_uniswap_codec_vs_cast).
const char *const kSignatures[] = {
    // Universal Router 2.x (IUniversalRouter, Dispatcher, Payments, Lock, Permit2Payments)
    "ExecutionFailed(uint256 commandIndex, bytes message)",
    "TransactionDeadlinePassed()",
    "ETHNotAccepted()",
    "LengthMismatch()",
    "InvalidEthSender()",
    "InvalidCommandType(uint256 commandType)",
    "BalanceTooLow()",
    "ContractLocked()",
    "InsufficientETH()",
    "InsufficientToken()",
    "FromAddressIsNotOwner()",
    "SliceOutOfBounds()",
    // V4 router actions as compiled into the Universal Router
    "V4TooLittleReceived(uint256 minAmountOutReceived, uint256 amountReceived)",
    "V4TooMuchRequested(uint256 maxAmountInRequested, uint256 amountRequested)",
    "V4TooLittleReceivedPerHop(uint256 hopIndex, uint256 maxPrice, uint256 price)",
    "V4TooMuchRequestedPerHop(uint256 hopIndex, uint256 maxPrice, uint256 price)",
    "InvalidHopSlippageLength()",
    "DeltaNotNegative(address currency)",
    "DeltaNotPositive(address currency)",
    "InsufficientBalance()",
    "InputLengthMismatch()",
    "UnsupportedAction(uint256 action)",
    "NotPoolManager()",
    // Permit2 (IAllowanceTransfer)
    "AllowanceExpired(uint256 deadline)",
    "InsufficientAllowance(uint256 amount)",
    // PoolManager and its libraries (v4-core)
    "PoolNotInitialized()",
    "CurrencyNotSettled()",
    "DelegateCallNotAllowed()",
    "ManagerLocked()",
    "AlreadyUnlocked()",
    "NonzeroNativeValue()",
    "SwapAmountCannotBeZero()",
    "PriceLimitAlreadyExceeded(uint160 sqrtPriceCurrentX96, uint160 sqrtPriceLimitX96)",
    "PriceLimitOutOfBounds(uint160 sqrtPriceLimitX96)",
    "NotEnoughLiquidity()",
    "NativeTransferFailed()",
    "ERC20TransferFailed()",
    "WrappedError(address target, bytes4 selector, bytes reason, bytes details)",
    // V4Quoter
    "NotEnoughLiquidity(bytes32 poolId)",
    "UnexpectedRevertBytes(bytes revertData)",
};

// Two amounts of the same token, with enough fraction digits to tell them apart (6 at first).
std::pair<QString, QString> distinctAmounts(const u256 &a, const u256 &b, int decimals)
{
    for (int digits = std::min(decimals, 6); ; ++digits) {
        QString first = eth::formatUnits(a, decimals, digits);
        QString second = eth::formatUnits(b, decimals, digits);
        if (first != second || a == b || digits >= decimals)
            return {first, second};
    }
}

const u256 &uintArg(const DecodedRevert &revert, int index) { return revert.args.at(index).value.uintValue; }

QString describe(QByteArrayView data, const SwapContext &context, int depth)
{
    const DecodedRevert revert = decodeRevert(data, &uniswapErrors());
    const QString slippage = eth::formatUnits(u256(std::max(context.slippageBps, 0)), 2);
    switch (revert.kind) {
    case DecodedRevert::Kind::Empty:
        return Messages::tr("The swap reverted without giving a reason.");
    case DecodedRevert::Kind::Reason:
        // Permit2 moves tokens with solmate's SafeTransferLib, which hides the token's own error.
        if (revert.reason == QLatin1String("TRANSFER_FROM_FAILED") || revert.reason == QLatin1String("STF"))
            return Messages::tr("The token could not be moved into the swap: the balance, or the token's allowance "
                                "to Permit2, is too low.");
        return Messages::tr("The swap reverted: %1").arg(revert.reason);
    case DecodedRevert::Kind::Panic:
        return Messages::tr("The swap reverted: %1").arg(revert.message);
    case DecodedRevert::Kind::Unknown:
    case DecodedRevert::Kind::Malformed:
        return Messages::tr("The swap reverted: %1").arg(eth::toHex(data));
    case DecodedRevert::Kind::Custom:
        break;
    }

    const QString &name = revert.name;
    if (name == QLatin1String("ExecutionFailed") && depth < kMaxUnwrap)
        return describe(revert.args.at(1).value.bytes, context, depth + 1);
    if (name == QLatin1String("WrappedError") && depth < kMaxUnwrap && !revert.args.at(2).value.bytes.isEmpty())
        return describe(revert.args.at(2).value.bytes, context, depth + 1);
    if (name == QLatin1String("V4TooLittleReceived")) {
        const auto [received, minimum] = distinctAmounts(uintArg(revert, 1), uintArg(revert, 0), context.outDecimals);
        return Messages::tr("Price moved beyond your %1% slippage: would receive %2 %3, minimum %4.")
            .arg(slippage, received, context.outSymbol, minimum);
    }
    if (name == QLatin1String("V4TooMuchRequested"))
        return Messages::tr("Price moved beyond your %1% slippage: the swap would cost more than the maximum you set.")
            .arg(slippage);
    if (name == QLatin1String("V4TooLittleReceivedPerHop") || name == QLatin1String("V4TooMuchRequestedPerHop"))
        return Messages::tr("Price moved beyond the price limit set for hop %1 of the route.")
            .arg(eth::toDecimal(uintArg(revert, 0)));
    if (name == QLatin1String("TransactionDeadlinePassed"))
        return Messages::tr("The swap's deadline passed before it was mined.");
    if (name == QLatin1String("AllowanceExpired"))
        return Messages::tr("The Permit2 allowance for the Universal Router has expired or was never given; "
                            "approve the router in Permit2 again.");
    if (name == QLatin1String("InsufficientAllowance"))
        return Messages::tr("The Permit2 allowance for the Universal Router is smaller than the amount; "
                            "approve the router in Permit2 again.");
    if (name == QLatin1String("PoolNotInitialized"))
        return Messages::tr("The pool is not initialised: it has no price yet, or it does not exist.");
    if (name == QLatin1String("NotEnoughLiquidity"))
        return Messages::tr("The pool does not have enough liquidity for this amount.");
    if (name == QLatin1String("PriceLimitAlreadyExceeded") || name == QLatin1String("PriceLimitOutOfBounds"))
        return Messages::tr("The swap's price limit is outside what the pool allows.");
    if (name == QLatin1String("CurrencyNotSettled"))
        return Messages::tr("The swap did not settle: the router could not pay the pool in full.");
    if (name == QLatin1String("InsufficientETH"))
        return Messages::tr("The router did not hold enough ETH for the swap; the value sent with it was too small.");
    if (name == QLatin1String("InsufficientToken"))
        return Messages::tr("The router did not hold enough of the token for the swap.");
    if (name == QLatin1String("DelegateCallNotAllowed"))
        return Messages::tr("The PoolManager at this address is a copy of the real contract and refuses to run.");
    if (name == QLatin1String("SwapAmountCannotBeZero"))
        return Messages::tr("The amount to swap must be more than zero.");
    return Messages::tr("The swap reverted: %1").arg(revert.message);
}
} // namespace

const QStringList &uniswapErrorSignatures()
{
    static const QStringList list = [] {
        QStringList out;
        for (const char *signature : kSignatures)
            out.append(QString::fromLatin1(signature));
        return out;
    }();
    return list;
}

const ErrorRegistry &uniswapErrors()
{
    static const ErrorRegistry registry = [] {
        ErrorRegistry out;
        for (const QString &text : uniswapErrorSignatures()) {
            auto signature = Signature::parse(text);
            Q_ASSERT(signature.ok());
            if (signature)
                out.add(CustomError{signature->name, signature->inputs});
        }
        return out;
    }();
    return registry;
}

QString describeSwapRevert(QByteArrayView revertData, const SwapContext &context)
{
    return describe(revertData, context, 0);
}

} // namespace apedesk::uniswap
