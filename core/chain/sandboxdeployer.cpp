#include "sandboxdeployer.h"

#include "artifacts.h"
#include "common/logging.h"
#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/jsonrpcapi.h"
#include "eth/keccak.h"
#include "eth/rlp.h"
#include "eth/rpcawait.h"
#include "eth/tx.h"
#include "uniswap/tickmath.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

#include <boost/multiprecision/cpp_int.hpp>

#include <optional>

namespace apedesk::chain {
namespace {

using boost::multiprecision::cpp_int;
using eth::u256;

const u256 kGwei = u256(1'000'000'000ULL);
const u256 kEther = u256(1'000'000'000'000'000'000ULL);
const QString kZeroAddress = QStringLiteral("0x0000000000000000000000000000000000000000");
const QString kZeroWord = QStringLiteral("0x0000000000000000000000000000000000000000000000000000000000000000");

constexpr quint32 kPoolFee = 500;
constexpr int kTickSpacing = 10;
// ±4000 ticks is ×/÷ 1.49 in price: room for a long simulated market without leaving the range.
constexpr int kHalfRangeTicks = 4000;
// L = kDepth · sqrt(price in raw units): about 1,100 ETH on the ETH side at any price; a 10 ETH swap
// then moves sqrt(price) by 10 ETH · sqrtP / L = 1/600, i.e. the price by about 0.33 %.
const u256 kDepth = u256(6000) * kEther;
const u256 kMaxLiquidity = u256(100'000'000'000'000'000ULL) * u256(1'000'000'000'000'000ULL);   // 1e32

// Gas for the pool transactions, which cannot be estimated before the ones they depend on are mined.
// Measured: initialize 51,747; mint ~70k; approve 46,403; modifyLiquidity 266,911.
const u256 kGasInitialize = 300'000;
const u256 kGasToken = 150'000;
const u256 kGasModifyLiquidity = 1'000'000;

constexpr int kReceiptTimeoutMs = 30'000;

bool isPositiveDecimal(const QString &text)
{
    static const QRegularExpression decimal(QStringLiteral("^[0-9]+(\\.[0-9]+)?$"));
    return decimal.match(text).hasMatch();
}

cpp_int big(const u256 &value) { return cpp_int(value); }
cpp_int divUp(const cpp_int &a, const cpp_int &b) { return (a + b - 1) / b; }

void pauseMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

Result<QByteArray> encodeArguments(const QString &types, const QStringList &arguments)
{
    auto signature = eth::abi::Signature::parse(QString(QStringLiteral("f") + types));
    if (!signature)
        return signature.error();
    const QList<eth::abi::Type> list = eth::abi::typesOf(signature->inputs);
    auto values = eth::abi::parseArguments(list, arguments);
    if (!values)
        return values.error();
    return eth::abi::encode(list, *values);
}

Result<QByteArray> encodeCall(const QString &signatureText, const QStringList &arguments)
{
    auto signature = eth::abi::Signature::parse(signatureText);
    if (!signature)
        return signature.error();
    auto values = eth::abi::parseArguments(eth::abi::typesOf(signature->inputs), arguments);
    if (!values)
        return values.error();
    return eth::abi::encodeCall(*signature, *values);
}

// One run of deploy(): the node, the deployer's key, its next nonce and the fees of every transaction.
class Run
{
public:
    struct Sent
    {
        QString what;          // "deploy PoolManager"
        eth::Hash32 hash;
        u256 gasLimit;
        std::optional<eth::Address> contract;   // a creation: the address it must make
    };

    Run(eth::JsonRpcClient *client, eth::PrivateKey key) : m_client(client), m_rpc(client), m_key(std::move(key)) {}

    eth::JsonRpcClient *client() const { return m_client; }
    eth::EthRpc &rpc() { return m_rpc; }
    eth::Address deployer() const { return m_key.address(); }
    quint64 nonce() const { return m_nonce; }
    quint64 chainId() const { return m_chainId; }

    Status prepare()
    {
        auto chainId = eth::awaitRpc<quint64>(m_client, [&](auto done) { return m_rpc.chainId(done); });
        if (!chainId)
            return chainId.error().toError();
        m_chainId = *chainId;
        auto nonce = eth::awaitRpc<u256>(m_client, [&](auto done) {
            return m_rpc.getTransactionCount(deployer(), eth::BlockTag::pending(), done);
        });
        if (!nonce)
            return nonce.error().toError();
        m_nonce = static_cast<quint64>(*nonce);
        auto block = eth::awaitRpc<std::optional<eth::Block>>(
            m_client, [&](auto done) { return m_rpc.getBlockByNumber(eth::BlockTag::latest(), done); });
        if (!block)
            return block.error().toError();
        const u256 baseFee = (*block && (*block)->baseFeePerGas) ? *(*block)->baseFeePerGas : kGwei;
        // Twice the base fee survives several full blocks in a row; anvil refunds what is not used.
        m_tip = kGwei;
        m_maxFee = baseFee * 2 + m_tip;
        return {};
    }

    // Signs with the next nonce and sends; the receipt is collected later by collect().
    Result<Sent> send(const QString &what, const std::optional<eth::Address> &to, const QByteArray &data,
                      const u256 &gasLimit, const u256 &value = 0)
    {
        eth::Transaction tx;
        tx.type = eth::Transaction::Type::Eip1559;
        tx.chainId = m_chainId;
        tx.nonce = m_nonce;
        tx.gasLimit = gasLimit;
        tx.to = to;
        tx.value = value;
        tx.data = data;
        tx.maxPriorityFeePerGas = m_tip;
        tx.maxFeePerGas = m_maxFee;
        auto signedTx = eth::signTransaction(tx, m_key);
        if (!signedTx)
            return signedTx.error();
        auto hash = eth::awaitRpc<eth::Hash32>(
            m_client, [&](auto done) { return m_rpc.sendRawTransaction(signedTx->raw, done); });
        if (!hash)
            return Error::make(Error::Kind::Chain, SandboxDeployer::tr("The node refused the transaction to %1.").arg(what),
                               hash.error().detail());
        Sent sent{what, *hash, gasLimit, std::nullopt};
        if (!to)
            sent.contract = SandboxDeployer::createAddress(deployer(), m_nonce);
        ++m_nonce;
        return sent;
    }

    // Waits for the receipts (anvil mines at once; a stuck transaction gets one evm_mine nudge),
    // and checks each: mined, succeeded, and a creation made the expected address.
    Result<QList<eth::TransactionReceipt>> collect(const QList<Sent> &sent)
    {
        QList<eth::TransactionReceipt> receipts;
        QElapsedTimer timer;
        timer.start();
        qint64 lastNudge = 0;
        for (int i = 0; i < sent.size();) {
            const Sent &one = sent.at(i);
            auto receipt = eth::awaitRpc<std::optional<eth::TransactionReceipt>>(
                m_client, [&](auto done) { return m_rpc.getTransactionReceipt(one.hash, done); });
            if (!receipt)
                return receipt.error().toError();
            if (!receipt->has_value()) {
                if (timer.elapsed() > kReceiptTimeoutMs)
                    return Error::make(Error::Kind::Timeout,
                                       SandboxDeployer::tr("The transaction to %1 was not mined.").arg(one.what),
                                       one.hash.toHex());
                if (timer.elapsed() - lastNudge > 500) {
                    // A transaction that did not fit into the block automine made waits for the next one.
                    lastNudge = timer.elapsed();
                    eth::awaitRpc<void>(m_client, [&](auto done) { return m_rpc.evmMine(done); });
                }
                pauseMs(5);
                continue;
            }
            const eth::TransactionReceipt &r = **receipt;
            if (!r.status)
                return Error::make(Error::Kind::Chain, SandboxDeployer::tr("The transaction to %1 reverted.").arg(one.what),
                                   QStringLiteral("%1, gas used %2 of %3")
                                       .arg(one.hash.toHex(), eth::toDecimal(r.gasUsed), eth::toDecimal(one.gasLimit)));
            if (one.contract && r.contractAddress != one.contract)
                return Error::make(Error::Kind::Chain,
                                   SandboxDeployer::tr("The transaction to %1 created a contract at an unexpected address.")
                                       .arg(one.what),
                                   QStringLiteral("expected %1, got %2")
                                       .arg(one.contract->toChecksumString(),
                                            r.contractAddress ? r.contractAddress->toChecksumString() : QStringLiteral("none")));
            receipts.append(r);
            ++i;
        }
        return receipts;
    }

    Result<QByteArray> code(const eth::Address &address)
    {
        auto code = eth::awaitRpc<QByteArray>(
            m_client, [&](auto done) { return m_rpc.getCode(address, eth::BlockTag::latest(), done); });
        if (!code)
            return code.error().toError();
        return *code;
    }

    Result<QByteArray> call(const eth::Address &to, const QByteArray &data)
    {
        eth::CallRequest request;
        request.to = to;
        request.data = data;
        auto result = eth::awaitRpc<QByteArray>(
            m_client, [&](auto done) { return m_rpc.call(request, eth::BlockTag::latest(), done); });
        if (!result)
            return result.error().toError();
        return *result;
    }

    Result<u256> tokenBalance(const eth::Address &token, const eth::Address &holder)
    {
        auto data = encodeCall(QStringLiteral("balanceOf(address)"), {holder.toChecksumString()});
        if (!data)
            return data.error();
        auto answer = call(token, *data);
        if (!answer)
            return answer.error();
        auto values = eth::abi::decode({eth::abi::Type::uintType()}, *answer);
        if (!values)
            return values.error();
        return values->first().uintValue;
    }

    // Gas limits for the creations, estimated in one batch: constructors here read no other contract,
    // so the estimates do not depend on the order of the deployments.
    Result<QList<u256>> estimateCreations(const QList<QByteArray> &creations)
    {
        QList<eth::RpcRequest> requests;
        for (const QByteArray &data : creations) {
            eth::CallRequest request;
            request.from = deployer();
            request.data = data;
            requests.append(eth::EthRpc::estimateGasRequest(request));
        }
        auto answers = eth::awaitRpc<QList<eth::RpcResult<QJsonValue>>>(
            m_client, [&](auto done) { return m_client->batch(requests, done); });
        if (!answers)
            return answers.error().toError();
        QList<u256> limits;
        for (const auto &answer : *answers) {
            if (!answer)
                return answer.error().toError();
            auto gas = eth::json::quantity(*answer);
            if (!gas)
                return gas.error().toError();
            limits.append(*gas + *gas / 4 + 50'000);   // estimates are exact on anvil; a margin anyway
        }
        return limits;
    }

private:
    eth::JsonRpcClient *m_client;
    eth::EthRpc m_rpc;
    eth::PrivateKey m_key;
    quint64 m_chainId = 0;
    quint64 m_nonce = 0;
    u256 m_tip = 0;
    u256 m_maxFee = 0;
};

} // namespace

SandboxDeployer::SandboxDeployer(eth::JsonRpcClient *client, QString nodeModules)
    : m_client(client), m_nodeModules(std::move(nodeModules))
{
}

eth::Address SandboxDeployer::createAddress(const eth::Address &sender, quint64 nonce)
{
    const QByteArray encoded = eth::rlp::encodeList({eth::rlp::encodeString(sender.bytes()), eth::rlp::encodeUint(nonce)});
    return *eth::Address::fromBytes(eth::keccak256(encoded).mid(12));
}

eth::Address SandboxDeployer::canonicalPermit2()
{
    return *eth::Address::fromString(QStringLiteral("0x000000000022D473030F116dDEE9F6B43aC78BA3"));
}

Result<LiquidityPlan> SandboxDeployer::planLiquidity(const QString &price)
{
    const QString text = price.trimmed();
    if (!isPositiveDecimal(text))
        return Error::make(Error::Kind::Usage, tr("The sandbox price must be a positive decimal number such as 3000 or 2456.75."),
                           QStringLiteral("\"%1\"").arg(price));
    auto sqrtPrice = uniswap::sqrtPriceFromPrice(text, 18, 6);
    if (!sqrtPrice)
        return sqrtPrice.error();
    auto tick = uniswap::tickAtSqrtPrice(*sqrtPrice);
    if (!tick)
        return tick.error();

    LiquidityPlan plan;
    plan.sqrtPriceX96 = *sqrtPrice;
    plan.tick = *tick;
    const int minUsable = -uniswap::alignTick(-uniswap::kMinTick, kTickSpacing);   // -887270
    const int maxUsable = uniswap::alignTick(uniswap::kMaxTick, kTickSpacing);     // 887270
    plan.tickLower = std::max(minUsable, uniswap::alignTick(plan.tick - kHalfRangeTicks, kTickSpacing));
    plan.tickUpper = std::min(maxUsable, uniswap::alignTick(plan.tick + kHalfRangeTicks, kTickSpacing) + kTickSpacing);
    if (plan.tickLower > plan.tick || plan.tickUpper <= plan.tick)
        return Error::make(Error::Kind::Usage, tr("The sandbox price is too close to the limits a pool allows."), text);

    auto sqrtLower = uniswap::sqrtPriceAtTick(plan.tickLower);
    auto sqrtUpper = uniswap::sqrtPriceAtTick(plan.tickUpper);
    if (!sqrtLower || !sqrtUpper)
        return Error::make(Error::Kind::Usage, tr("The sandbox price is too close to the limits a pool allows."), text);

    const cpp_int q96 = cpp_int(1) << 96;
    const cpp_int p = big(plan.sqrtPriceX96);
    const cpp_int a = big(*sqrtLower);
    const cpp_int b = big(*sqrtUpper);
    cpp_int liquidity = big(kDepth) * p / q96;
    if (liquidity > big(kMaxLiquidity))
        liquidity = big(kMaxLiquidity);
    if (liquidity == 0)
        liquidity = 1;
    // SqrtPriceMath, rounded up as the pool rounds what it takes.
    const cpp_int amount0 = divUp(divUp(liquidity * q96 * (b - p), b), p);
    const cpp_int amount1 = divUp(liquidity * (p - a), q96);
    const cpp_int int128Max = (cpp_int(1) << 127) - 1;
    if (amount0 > int128Max / 2 || amount1 > int128Max / 2)
        return Error::make(Error::Kind::Usage, tr("The sandbox price is outside what the sandbox pool can hold."), text);
    plan.liquidity = static_cast<u256>(liquidity);
    plan.amount0 = static_cast<u256>(amount0);
    plan.amount1 = static_cast<u256>(amount1);
    return plan;
}

Result<SandboxDeployment> SandboxDeployer::deploy(const SandboxOptions &options, Canceled canceled, Progress progress)
{
    QElapsedTimer clock;
    clock.start();
    QString stepText;
    const auto begin = [&](int step, const QString &text) -> bool {
        stepText = text;
        if (canceled && canceled())
            return false;
        if (progress)
            progress(step, kSteps, text);
        return true;
    };
    // "Setting up the sandbox failed at <step>: <why>" with the cause's detail for the log.
    const auto failed = [&](const Error &cause) {
        if (cause.kind == Error::Kind::Canceled)
            return cause;
        qCWarning(lcChain).noquote() << "sandbox deployment failed at" << stepText << ":" << cause.toString();
        return Error::make(cause.kind == Error::Kind::Generic ? Error::Kind::Chain : cause.kind,
                           tr("Setting up the sandbox failed at \"%1\": %2").arg(stepText, cause.message),
                           cause.detail);
    };

    // --- 0: inputs, artifacts, the node ----------------------------------------------------------
    if (!begin(0, tr("Reading the Uniswap contracts")))
        return Error::canceled();
    if (!m_client)
        return failed(Error::make(Error::Kind::Usage, tr("There is no connection to the node.")));
    auto plan = planLiquidity(options.price);
    if (!plan)
        return plan.error();   // a usage error: no step has run
    const QString price = options.price.trimmed();

    QList<QByteArray> bytecodes;
    for (Contract contract : allContracts()) {
        auto code = creationBytecode(m_nodeModules, contract);
        if (!code)
            return failed(code.error());
        bytecodes.append(*code);
    }
    auto permit2Code = permit2RuntimeCode(m_nodeModules);
    if (!permit2Code)
        return failed(permit2Code.error());

    auto key = sandboxAccountKey(0);
    if (!key)
        return failed(key.error());
    Run run(m_client, std::move(*key));
    if (Status prepared = run.prepare(); !prepared)
        return failed(prepared.error());

    SandboxDeployment d;
    d.chainId = run.chainId();
    d.rpcUrl = m_client->endpoints().isEmpty() ? QString() : m_client->endpoints().first().toString();
    d.deployer = run.deployer();
    d.initialPrice = price;
    d.permit2 = canonicalPermit2();

    // --- 1: Permit2 at its canonical address --------------------------------------------------------
    if (!begin(1, tr("Placing Permit2 at its canonical address")))
        return Error::canceled();
    {
        auto set = eth::awaitRpc<void>(m_client, [&](auto done) { return run.rpc().anvilSetCode(d.permit2, *permit2Code, done); });
        if (!set)
            return failed(Error::make(Error::Kind::Chain, tr("The node did not accept anvil_setCode (is it anvil?)."),
                                      set.error().detail()));
        auto placed = run.code(d.permit2);
        if (!placed)
            return failed(placed.error());
        if (*placed != *permit2Code)
            return failed(Error::make(Error::Kind::Chain, tr("Permit2's code did not arrive at its address.")));
    }

    // --- 2: the contracts ----------------------------------------------------------------------------
    if (!begin(2, tr("Deploying the Uniswap V4 contracts")))
        return Error::canceled();
    const quint64 first = run.nonce();
    d.poolManager = createAddress(d.deployer, first);
    d.weth = createAddress(d.deployer, first + 1);
    d.usdc = createAddress(d.deployer, first + 2);
    d.stateView = createAddress(d.deployer, first + 3);
    d.quoter = createAddress(d.deployer, first + 4);
    d.modifyLiquidityTest = createAddress(d.deployer, first + 5);
    d.positionManager = createAddress(d.deployer, first + 6);
    d.universalRouter = createAddress(d.deployer, first + 7);
    const QString pm = d.poolManager.toChecksumString();
    const QString weth = d.weth.toChecksumString();
    const QString permit2 = d.permit2.toChecksumString();
    const QString posm = d.positionManager.toChecksumString();
    // Constructor arguments, in the order of allContracts().
    const QList<Result<QByteArray>> arguments{
        encodeArguments(QStringLiteral("(address)"), {d.deployer.toChecksumString()}),   // PoolManager(initialOwner)
        QByteArray(),                                                                    // WETH()
        encodeArguments(QStringLiteral("(string,string,uint8)"), {QStringLiteral("USD Coin"), QStringLiteral("USDC"),
                                                                  QStringLiteral("6")}),
        encodeArguments(QStringLiteral("(address)"), {pm}),   // StateView
        encodeArguments(QStringLiteral("(address)"), {pm}),   // V4Quoter
        encodeArguments(QStringLiteral("(address)"), {pm}),   // PoolModifyLiquidityTest
        encodeArguments(QStringLiteral("(address,address,uint256,address,address)"),
                        {pm, permit2, QStringLiteral("300000"), kZeroAddress, weth}),
        // RouterParameters 2.1.0: permit2, weth9, v2Factory, v3Factory, pairInitCodeHash, poolInitCodeHash,
        // v4PoolManager, v3NFTPositionManager, v4PositionManager, spokePool (unused ones zero).
        encodeArguments(QStringLiteral("((address,address,address,address,bytes32,bytes32,address,address,address,address))"),
                        {QStringLiteral("(%1,%2,%3,%3,%4,%4,%5,%3,%6,%3)")
                             .arg(permit2, weth, kZeroAddress, kZeroWord, pm, posm)}),
    };
    QList<QByteArray> creations;
    for (int i = 0; i < bytecodes.size(); ++i) {
        if (!arguments.at(i))
            return failed(arguments.at(i).error());
        creations.append(bytecodes.at(i) + *arguments.at(i));
    }
    auto gasLimits = run.estimateCreations(creations);
    if (!gasLimits)
        return failed(gasLimits.error());
    QList<Run::Sent> sent;
    const QList<Contract> contracts = allContracts();
    for (int i = 0; i < creations.size(); ++i) {
        auto one = run.send(tr("deploy %1").arg(contractName(contracts.at(i))), std::nullopt, creations.at(i),
                            gasLimits->at(i));
        if (!one)
            return failed(one.error());
        sent.append(*one);
    }
    if (auto receipts = run.collect(sent); !receipts)
        return failed(receipts.error());
    // A creation with empty code succeeds too: every address must hold code now.
    for (const auto &[name, address] : d.contracts()) {
        auto code = run.code(address);
        if (!code)
            return failed(code.error());
        if (code->isEmpty())
            return failed(Error::make(Error::Kind::Chain, tr("%1 has no code after its deployment.").arg(name),
                                      address.toChecksumString()));
    }

    // --- 3: the pool and its liquidity -----------------------------------------------------------------
    if (!begin(3, tr("Creating the ETH/USDC pool at %1 USDC per ETH").arg(price)))
        return Error::canceled();
    auto poolKey = uniswap::PoolKey::make(eth::Address(), d.usdc, kPoolFee, kTickSpacing);
    if (!poolKey)
        return failed(poolKey.error());
    d.poolKey = *poolKey;
    d.poolId = d.poolKey.id();
    d.tickLower = plan->tickLower;
    d.tickUpper = plan->tickUpper;
    d.liquidity = plan->liquidity;
    const QString keyTuple = d.poolKey.toTupleString();
    const QString maxUint = eth::toDecimal(eth::maxUnsigned(256));
    {
        // The deployer may have spent ETH on an earlier use of this node; the position needs amount0.
        const u256 needed = plan->amount0 + plan->amount0 / 100 + 10 * kEther;
        auto balance = eth::awaitRpc<u256>(m_client, [&](auto done) {
            return run.rpc().getBalance(d.deployer, eth::BlockTag::latest(), done);
        });
        if (!balance)
            return failed(balance.error().toError());
        if (*balance < needed) {
            auto set = eth::awaitRpc<void>(m_client, [&](auto done) { return run.rpc().anvilSetBalance(d.deployer, needed, done); });
            if (!set)
                return failed(set.error().toError());
        }
    }
    const u256 usdcForPosition = plan->amount1 + plan->amount1 / 1000 + 1;
    const u256 ethForPosition = plan->amount0 + plan->amount0 / 1000 + 1;   // the helper refunds the rest
    const QList<std::tuple<QString, eth::Address, Result<QByteArray>, u256, u256>> poolSteps{
        {tr("initialize the pool"), d.poolManager,
         encodeCall(QStringLiteral("initialize((address,address,uint24,int24,address),uint160)"),
                    {keyTuple, eth::toDecimal(plan->sqrtPriceX96)}),
         kGasInitialize, u256(0)},
        {tr("mint USDC for the liquidity"), d.usdc,
         encodeCall(QStringLiteral("mint(address,uint256)"), {d.deployer.toChecksumString(), eth::toDecimal(usdcForPosition)}),
         kGasToken, u256(0)},
        {tr("approve USDC for the liquidity helper"), d.usdc,
         encodeCall(QStringLiteral("approve(address,uint256)"), {d.modifyLiquidityTest.toChecksumString(), maxUint}),
         kGasToken, u256(0)},
        {tr("add liquidity"), d.modifyLiquidityTest,
         encodeCall(QStringLiteral("modifyLiquidity((address,address,uint24,int24,address),(int24,int24,int256,bytes32),bytes)"),
                    {keyTuple,
                     QStringLiteral("(%1,%2,%3,%4)")
                         .arg(plan->tickLower)
                         .arg(plan->tickUpper)
                         .arg(eth::toDecimal(plan->liquidity), kZeroWord),
                     QStringLiteral("0x")}),
         kGasModifyLiquidity, ethForPosition},
    };
    sent.clear();
    for (const auto &[what, to, data, gas, value] : poolSteps) {
        if (!data)
            return failed(data.error());
        auto one = run.send(what, to, *data, gas, value);
        if (!one)
            return failed(one.error());
        sent.append(*one);
    }
    if (auto receipts = run.collect(sent); !receipts)
        return failed(receipts.error());
    {
        // Read the pool back through StateView: the price it holds and the liquidity in range.
        auto slot0Call = encodeCall(QStringLiteral("getSlot0(bytes32)"), {d.poolId.toHex()});
        auto slot0 = slot0Call ? run.call(d.stateView, *slot0Call) : Result<QByteArray>(slot0Call.error());
        if (!slot0)
            return failed(slot0.error());
        auto fields = eth::abi::decode({eth::abi::Type::uintType(160), eth::abi::Type::intType(24),
                                        eth::abi::Type::uintType(24), eth::abi::Type::uintType(24)},
                                       *slot0);
        if (!fields)
            return failed(fields.error());
        if (fields->at(0).uintValue != plan->sqrtPriceX96 || fields->at(1).intValue != plan->tick)
            return failed(Error::make(Error::Kind::Chain, tr("The new pool does not hold the requested price."),
                                      QStringLiteral("sqrtPriceX96 %1 tick %2, expected %3 tick %4")
                                          .arg(eth::toDecimal(fields->at(0).uintValue), eth::toDecimal(fields->at(1).intValue),
                                               eth::toDecimal(plan->sqrtPriceX96))
                                          .arg(plan->tick)));
        auto liquidityCall = encodeCall(QStringLiteral("getLiquidity(bytes32)"), {d.poolId.toHex()});
        auto liquidity = liquidityCall ? run.call(d.stateView, *liquidityCall) : Result<QByteArray>(liquidityCall.error());
        if (!liquidity)
            return failed(liquidity.error());
        auto value = eth::abi::decode({eth::abi::Type::uintType(128)}, *liquidity);
        if (!value || value->first().uintValue != plan->liquidity)
            return failed(Error::make(Error::Kind::Chain, tr("The new pool does not hold the liquidity that was added.")));
    }

    // --- 4: the accounts ---------------------------------------------------------------------------------
    if (!begin(4, tr("Funding the sandbox accounts")))
        return Error::canceled();
    QList<eth::Address> accounts;
    for (const eth::Address &account : options.fundAccounts) {
        if (!accounts.contains(account))
            accounts.append(account);
    }
    sent.clear();
    for (const eth::Address &account : accounts) {
        // Exactly fundUsdcUnits: mint what is missing, burn what is over (the deployer keeps change).
        auto balance = run.tokenBalance(d.usdc, account);
        if (!balance)
            return failed(balance.error());
        if (*balance == options.fundUsdcUnits)
            continue;
        const bool mint = *balance < options.fundUsdcUnits;
        const u256 amount = mint ? options.fundUsdcUnits - *balance : *balance - options.fundUsdcUnits;
        auto data = encodeCall(mint ? QStringLiteral("mint(address,uint256)") : QStringLiteral("burn(address,uint256)"),
                               {account.toChecksumString(), eth::toDecimal(amount)});
        if (!data)
            return failed(data.error());
        auto one = run.send(tr("fund %1 with USDC").arg(account.toChecksumString()), d.usdc, *data, kGasToken);
        if (!one)
            return failed(one.error());
        sent.append(*one);
    }
    if (auto receipts = run.collect(sent); !receipts)
        return failed(receipts.error());
    // ETH last: the deployer has paid for every transaction by now.
    for (const eth::Address &account : accounts) {
        auto set = eth::awaitRpc<void>(m_client, [&](auto done) {
            return run.rpc().anvilSetBalance(account, options.fundEthWei, done);
        });
        if (!set)
            return failed(set.error().toError());
    }
    if (!accounts.isEmpty()) {
        auto balances = eth::awaitRpc<QList<u256>>(m_client, [&](auto done) {
            return run.rpc().getBalances(accounts, eth::BlockTag::latest(), done);
        });
        if (!balances)
            return failed(balances.error().toError());
        for (int i = 0; i < accounts.size(); ++i) {
            auto usdc = run.tokenBalance(d.usdc, accounts.at(i));
            if (!usdc)
                return failed(usdc.error());
            if (balances->at(i) != options.fundEthWei || *usdc != options.fundUsdcUnits)
                return failed(Error::make(Error::Kind::Chain,
                                          tr("%1 did not get the intended balances.").arg(accounts.at(i).toChecksumString()),
                                          QStringLiteral("%1 wei, %2 USDC units")
                                              .arg(eth::toDecimal(balances->at(i)), eth::toDecimal(*usdc))));
        }
    }
    d.fundedAccounts = accounts;

    if (progress)
        progress(kSteps, kSteps, tr("The sandbox is ready"));
    qCInfo(lcChain).noquote() << "sandbox deployed in" << clock.elapsed() << "ms: pool" << d.poolId.toHex() << "at"
                              << price << "USDC/ETH, liquidity" << eth::toDecimal(plan->liquidity);
    return d;
}

} // namespace apedesk::chain
