#include "permit2.h"

#include "eth/abicodec.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace apedesk::uniswap {
namespace {
using namespace eth::abi;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::Permit2)
};

constexpr quint64 kMaxUint48 = (quint64(1) << 48) - 1;

// selector + the given static words; the inputs are typed, so encoding cannot fail.
QByteArray call(const char *signature, const QList<Value> &args)
{
    auto parsed = Signature::parse(QString::fromLatin1(signature));
    Q_ASSERT(parsed.ok());
    auto encoded = encodeCall(*parsed, args);
    Q_ASSERT(encoded.ok());
    return encoded.ok() ? encoded.value() : QByteArray();
}

quint64 saturatingAdd(quint64 a, quint64 b)
{
    return a > std::numeric_limits<quint64>::max() - b ? std::numeric_limits<quint64>::max() : a + b;
}

Error badAnswer(const QString &what, const Error &cause)
{
    return Error::make(Error::Kind::Protocol, what, cause.toString());
}
} // namespace

eth::Address permit2Address()
{
    return *eth::Address::fromString(u"0x000000000022D473030F116dDEE9F6B43aC78BA3");
}

QByteArray encodeErc20Approve(const eth::Address &spender, const u256 &amount)
{
    return call("approve(address,uint256)", {Value::fromAddress(spender), Value::fromUint(amount)});
}

QByteArray encodeErc20Allowance(const eth::Address &owner, const eth::Address &spender)
{
    return call("allowance(address,address)", {Value::fromAddress(owner), Value::fromAddress(spender)});
}

QByteArray encodeErc20BalanceOf(const eth::Address &owner)
{
    return call("balanceOf(address)", {Value::fromAddress(owner)});
}

Result<u256> decodeUint256(QByteArrayView returnData)
{
    if (returnData.isEmpty())
        return Error::make(Error::Kind::Protocol,
                           Messages::tr("The token contract returned nothing; is there a token at this address?"));
    auto values = decode({Type::uintType()}, returnData);
    if (!values)
        return badAnswer(Messages::tr("The token contract returned an amount that is not valid."), values.error());
    return values->first().uintValue;
}

QByteArray encodePermit2Approve(const eth::Address &token, const eth::Address &spender, const u256 &amount160,
                                quint64 expiration48)
{
    if (amount160 > eth::maxUnsigned(160) || expiration48 > kMaxUint48)
        return {};
    return call("approve(address,address,uint160,uint48)",
                {Value::fromAddress(token), Value::fromAddress(spender), Value::fromUint(amount160),
                 Value::fromUint(expiration48)});
}

QByteArray encodePermit2Allowance(const eth::Address &owner, const eth::Address &token, const eth::Address &spender)
{
    return call("allowance(address,address,address)",
                {Value::fromAddress(owner), Value::fromAddress(token), Value::fromAddress(spender)});
}

Result<Permit2Allowance> decodePermit2Allowance(QByteArrayView returnData)
{
    if (returnData.isEmpty())
        return Error::make(Error::Kind::Protocol,
                           Messages::tr("Permit2 returned nothing; is Permit2 deployed on this chain?"));
    auto values = decode({Type::uintType(160), Type::uintType(48), Type::uintType(48)}, returnData);
    if (!values)
        return badAnswer(Messages::tr("Permit2 returned an allowance that is not valid."), values.error());
    Permit2Allowance allowance;
    allowance.amount = values->at(0).uintValue;
    allowance.expiration = static_cast<quint64>(values->at(1).uintValue);
    allowance.nonce = static_cast<quint64>(values->at(2).uintValue);
    return allowance;
}

Permit2Plan planPermit2(const u256 &erc20AllowanceToPermit2, const Permit2Allowance &routerAllowance,
                        const u256 &amountNeeded, quint64 nowSeconds)
{
    Permit2Plan plan;
    plan.approveToken = erc20AllowanceToPermit2 < amountNeeded;
    const bool tooSmall = routerAllowance.amount < amountNeeded;
    // Permit2 accepts the allowance while block.timestamp <= expiration; keep a margin for mining.
    const quint64 horizon = saturatingAdd(nowSeconds, kPermit2RenewMargin);
    const bool endsSoon = routerAllowance.expiration <= horizon;
    plan.approveRouter = tooSmall || endsSoon;
    if (plan.approveRouter)
        plan.newExpiration = std::min(saturatingAdd(nowSeconds, kPermit2ApprovalLifetime), kMaxUint48);
    return plan;
}

} // namespace apedesk::uniswap
