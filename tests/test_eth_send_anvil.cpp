// The JSON-RPC client, nonce manager and sender against a real anvil: exact balances after value
// transfers, a real ERC-20 (solmate MockERC20) deployed, minted and read, revert data, concurrent
// sends, receipt timeouts and cancellation, failover, and a node killed with SIGKILL while a
// receipt is awaited, then restarted from a dumped state, without a duplicate send.

#include "eth/hex.h"
#include "eth/jsonrpcapi.h"
#include "eth/keccak.h"
#include "eth/noncemanager.h"
#include "eth/sender.h"

#include "anvilnode.h"
#include "queuedspy.h"
#include "rpcwait.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace apedesk;
using namespace apedesk::eth;

namespace {

constexpr quint64 kChainId = 8453;
const char *kKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const u256 kEther = u256(1'000'000'000'000'000'000ULL);

Address address(const char *text) { return *Address::fromString(QString::fromLatin1(text)); }
const Address kAccount0 = address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
const Address kAccount1 = address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
const Address kAccount2 = address("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

Result<PrivateKey> key0() { return PrivateKey::fromHex(QString::fromLatin1(kKey0)); }

// --- a minimal ABI encoder for the few calls below (the ABI module is tested on its own) ---------

QByteArray word(const u256 &value) { return toBigEndian(value, 32); }
QByteArray word(const Address &a) { return QByteArray(12, '\0') + a.bytes(); }
QByteArray selector(const char *signature) { return keccak256(QByteArray(signature)).left(4); }
QByteArray dynamicBytes(const QByteArray &bytes)
{
    return word(u256(bytes.size())) + bytes + QByteArray((32 - bytes.size() % 32) % 32, '\0');
}
// constructor(string name, string symbol, uint8 decimals)
QByteArray erc20ConstructorArgs(const QByteArray &name, const QByteArray &symbol, int decimals)
{
    const QByteArray nameTail = dynamicBytes(name);
    return word(u256(0x60)) + word(u256(0x60 + nameTail.size())) + word(u256(decimals)) + nameTail
         + dynamicBytes(symbol);
}

QByteArray mockErc20Bytecode()
{
    QFile file(qEnvironmentVariable("APEDESK_NODE_MODULES")
               + QStringLiteral("/@uniswap/v4-periphery/foundry-out/MockERC20.sol/MockERC20.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject artifact = QJsonDocument::fromJson(file.readAll()).object();
    auto code = fromHex(artifact.value(QStringLiteral("bytecode")).toObject().value(QStringLiteral("object")).toString());
    return code ? *code : QByteArray();
}

// --- following one send through its signals (same thread) ---------------------------------------

struct Outcome
{
    QStringList stages;
    std::optional<Hash32> hash;
    QByteArray raw;
    std::optional<TransactionReceipt> receipt;
    std::optional<Error> error;
    bool final = false;
    bool unknownFinal = false;
};

class SendWatch : public QObject
{
public:
    SendWatch(TransactionSender *sender, quint64 id, std::function<void(const Hash32 &)> onSent = {})
    {
        connect(sender, &TransactionSender::estimating, this, [this, id](quint64 i) { if (i == id) out.stages << QStringLiteral("estimating"); });
        connect(sender, &TransactionSender::signing, this, [this, id](quint64 i) { if (i == id) out.stages << QStringLiteral("signing"); });
        connect(sender, &TransactionSender::sent, this, [this, id, sender, onSent](quint64 i, const Hash32 &h) {
            if (i != id)
                return;
            out.stages << QStringLiteral("sent");
            out.hash = h;
            out.raw = sender->rawTransaction(id);
            if (onSent)
                onSent(h);
        });
        connect(sender, &TransactionSender::unknown, this, [this, id](quint64 i, const Hash32 &h, const Error &e, bool final) {
            if (i != id)
                return;
            out.stages << (final ? QStringLiteral("unknown-final") : QStringLiteral("unknown"));
            out.hash = h;
            out.error = e;
            if (final) {
                out.final = true;
                out.unknownFinal = true;
            }
        });
        connect(sender, &TransactionSender::mined, this, [this, id](quint64 i, const TransactionReceipt &r) {
            if (i != id)
                return;
            out.stages << QStringLiteral("mined");
            out.receipt = r;
            out.final = true;
        });
        connect(sender, &TransactionSender::failed, this, [this, id](quint64 i, const Error &e) {
            if (i != id)
                return;
            out.stages << QStringLiteral("failed");
            out.error = e;
            out.final = true;
        });
    }
    bool waitFinal(int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!out.final && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return out.final;
    }
    Outcome out;
};

SendRequest transfer(const Address &to, const u256 &value)
{
    SendRequest request;
    request.chainId = kChainId;
    request.from = kAccount0;
    request.to = to;
    request.value = value;
    request.receiptTimeoutMs = 20000;
    return request;
}

// One client, nonce manager and sender on the test thread.
struct Stack
{
    explicit Stack(QList<QUrl> endpoints, JsonRpcOptions options = fastOptions())
        : client(std::move(endpoints), std::move(options)), rpc(&client), nonces(rpc), sender(&client, &nonces)
    {
        sender.setPollIntervalMs(20);
    }
    static JsonRpcOptions fastOptions()
    {
        JsonRpcOptions options;
        options.timeoutMs = 5000;
        options.backoffInitialMs = 20;
        options.backoffMaxMs = 200;
        options.endpointRetryMs = 500;
        return options;
    }
    Outcome sendAndWait(SendRequest request, std::function<void(const Hash32 &)> onSent = {}, int timeoutMs = 30000)
    {
        const quint64 id = sender.send(std::move(request), key0);
        SendWatch watch(&sender, id, std::move(onSent));
        watch.waitFinal(timeoutMs);
        return watch.out;
    }
    u256 balance(const Address &a)
    {
        auto r = await<u256>([&](auto cb) { rpc.getBalance(a, BlockTag::latest(), cb); });
        return r ? *r : u256(0);
    }
    u256 nonceOf(const Address &a, const BlockTag &tag = BlockTag::latest())
    {
        auto r = await<u256>([&](auto cb) { rpc.getTransactionCount(a, tag, cb); });
        return r ? *r : u256(~u256(0));
    }

    JsonRpcClient client;
    EthRpc rpc;
    NonceManager nonces;
    TransactionSender sender;
};

QString describe(const Outcome &o)
{
    return o.stages.join(QStringLiteral(" > ")) + (o.error ? QStringLiteral(": ") + o.error->toString() : QString());
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestEthSendAnvil : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!AnvilNode::binary().isEmpty(), "anvil not found: set APEDESK_ANVIL");
        qRegisterMetaType<apedesk::Error>();
    }

    void readsTheChain()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack s({node.url()});
        auto chainId = await<quint64>([&](auto cb) { s.rpc.chainId(cb); });
        QVERIFY(chainId.ok());
        QCOMPARE(*chainId, kChainId);
        auto number = await<quint64>([&](auto cb) { s.rpc.blockNumber(cb); });
        QCOMPARE(*number, quint64(0));
        QCOMPARE(s.balance(kAccount0), u256(10000) * kEther);

        QList<Address> many;
        for (int i = 0; i < 100; ++i)
            many.append(i % 2 ? kAccount1 : kAccount2);
        auto balances = await<QList<u256>>([&](auto cb) { s.rpc.getBalances(many, BlockTag::latest(), cb); });
        QVERIFY(balances.ok());
        QCOMPARE(balances->size(), 100);
        QCOMPARE(balances->at(7), u256(10000) * kEther);

        auto block = await<std::optional<Block>>([&](auto cb) { s.rpc.getBlockByNumber(BlockTag::latest(), cb); });
        QVERIFY(block.ok() && block->has_value());
        QCOMPARE((*block)->number, quint64(0));
        QCOMPARE(*(*block)->baseFeePerGas, u256(1'000'000'000));
        auto missingBlock = await<std::optional<Block>>([&](auto cb) { s.rpc.getBlockByNumber(BlockTag::number(999), cb); });
        QVERIFY(missingBlock.ok() && !missingBlock->has_value());
        auto code = await<QByteArray>([&](auto cb) { s.rpc.getCode(kAccount0, BlockTag::latest(), cb); });
        QVERIFY(code.ok() && code->isEmpty());
        auto history = await<FeeHistory>([&](auto cb) { s.rpc.feeHistory(5, BlockTag::latest(), {50.0}, cb); });
        QVERIFY(history.ok());
        QCOMPARE(history->baseFeePerGas.last(), u256(1'000'000'000));
        auto tip = await<u256>([&](auto cb) { s.rpc.maxPriorityFeePerGas(cb); });
        QVERIFY(tip.ok());
        auto receipt = await<std::optional<TransactionReceipt>>(
            [&](auto cb) { s.rpc.getTransactionReceipt(Hash32(), cb); });
        QVERIFY(receipt.ok() && !receipt->has_value());
        auto unknownMethod = await<QJsonValue>([&](auto cb) { s.client.call(QStringLiteral("eth_nope"), {}, cb); });
        QCOMPARE(unknownMethod.error().kind, RpcError::Kind::JsonRpc);
        QCOMPARE(unknownMethod.error().code, qint64(-32601));
    }

    // Built like ChainService will use it: everything lives on a worker thread.
    void transfersValueWithExactBalancesFromAWorkerThread()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack reader({node.url()});
        const u256 before0 = reader.balance(kAccount0);
        const u256 before1 = reader.balance(kAccount1);

        QThread worker;
        worker.setObjectName(QStringLiteral("chain"));
        worker.start();
        auto *client = new JsonRpcClient({node.url()}, Stack::fastOptions());
        auto *nonces = new NonceManager(EthRpc(client), client);
        auto *sender = new TransactionSender(client, nonces, client);
        sender->setPollIntervalMs(20);
        client->moveToThread(&worker);

        QueuedSpy estimating(sender, &TransactionSender::estimating);
        QueuedSpy signing(sender, &TransactionSender::signing);
        QueuedSpy sent(sender, &TransactionSender::sent);
        QueuedSpy mined(sender, &TransactionSender::mined);
        QueuedSpy failed(sender, &TransactionSender::failed);
        const u256 value = u256(3) * kEther / 2;
        quint64 id = 0;
        QMetaObject::invokeMethod(
            sender, [&] { id = sender->send(transfer(kAccount1, value), key0); }, Qt::BlockingQueuedConnection);
        QVERIFY(mined.waitForCount(1, 20000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<Error>().toString()));
        QCOMPARE(estimating.size(), 1);
        QCOMPARE(signing.size(), 1);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(mined.first().at(0).toULongLong(), id);
        const TransactionReceipt receipt = mined.first().at(1).value<TransactionReceipt>();
        QCOMPARE(receipt.transactionHash, sent.first().at(1).value<Hash32>());
        QVERIFY(receipt.status);
        QCOMPARE(receipt.gasUsed, u256(21000));
        QCOMPARE(receipt.from, kAccount0);
        QCOMPARE(*receipt.to, kAccount1);

        QCOMPARE(reader.balance(kAccount1), u256(before1 + value));
        QCOMPARE(reader.balance(kAccount0), u256(before0 - value - receipt.gasUsed * receipt.effectiveGasPrice));

        QMetaObject::invokeMethod(client, [client] { delete client; }, Qt::BlockingQueuedConnection);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }

    void deploysMintsAndReadsARealErc20()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack s({node.url()});
        const QByteArray bytecode = mockErc20Bytecode();
        QVERIFY2(bytecode.size() > 1000, "MockERC20 artifact not found (APEDESK_NODE_MODULES)");

        SendRequest deploy;
        deploy.chainId = kChainId;
        deploy.from = kAccount0;
        deploy.data = bytecode + erc20ConstructorArgs("USD Coin", "USDC", 6);
        const Outcome deployed = s.sendAndWait(deploy);
        QVERIFY2(deployed.receipt, qPrintable(describe(deployed)));
        QVERIFY(deployed.receipt->status);
        QVERIFY(deployed.receipt->contractAddress.has_value());
        const Address token = *deployed.receipt->contractAddress;
        auto code = await<QByteArray>([&](auto cb) { s.rpc.getCode(token, BlockTag::latest(), cb); });
        QVERIFY(code.ok() && code->size() > 1000);

        const u256 amount = u256(1000) * 1'000'000;
        SendRequest mint;
        mint.chainId = kChainId;
        mint.from = kAccount0;
        mint.to = token;
        mint.data = selector("mint(address,uint256)") + word(kAccount1) + word(amount);
        const Outcome minted = s.sendAndWait(mint);
        QVERIFY2(minted.receipt && minted.receipt->status, qPrintable(describe(minted)));
        QCOMPARE(minted.stages, (QStringList{QStringLiteral("estimating"), QStringLiteral("signing"),
                                             QStringLiteral("sent"), QStringLiteral("mined")}));

        // The Transfer(from 0, to acct1, amount) log, in the receipt and through eth_getLogs.
        const Hash32 transferTopic = *Hash32::fromBytes(keccak256(QByteArray("Transfer(address,address,uint256)")));
        QCOMPARE(minted.receipt->logs.size(), 1);
        const Log &log = minted.receipt->logs.first();
        QCOMPARE(log.address, token);
        QCOMPARE(log.topics.size(), 3);
        QCOMPARE(log.topics.at(0), transferTopic);
        QCOMPARE(log.topics.at(1), Hash32());
        QCOMPARE(log.topics.at(2).bytes(), word(kAccount1));
        QCOMPARE(log.data, word(amount));
        QCOMPARE(*log.transactionHash, minted.receipt->transactionHash);
        QCOMPARE(*log.blockNumber, minted.receipt->blockNumber);
        QCOMPARE(*log.logIndex, quint64(0));

        LogFilter filter;
        filter.fromBlock = BlockTag::number(0);
        filter.toBlock = BlockTag::latest();
        filter.addresses = {token};
        filter.topics = {{transferTopic}};
        auto logs = await<QList<Log>>([&](auto cb) { s.rpc.getLogs(filter, cb); });
        QVERIFY(logs.ok());
        QCOMPARE(logs->size(), 1);
        QCOMPARE(logs->first().data, word(amount));

        CallRequest balanceOf;
        balanceOf.to = token;
        balanceOf.data = selector("balanceOf(address)") + word(kAccount1);
        auto result = await<QByteArray>([&](auto cb) { s.rpc.call(balanceOf, BlockTag::latest(), cb); });
        QVERIFY(result.ok());
        QCOMPARE(result->size(), 32);
        QCOMPARE(fromBigEndian(*result), amount);
        CallRequest decimals;
        decimals.to = token;
        decimals.data = selector("decimals()");
        QCOMPARE(fromBigEndian(*await<QByteArray>([&](auto cb) { s.rpc.call(decimals, BlockTag::latest(), cb); })), u256(6));

        // A reverting call: acct2 holds no tokens, so transfer underflows: Panic(0x11).
        int decoded = 0;
        s.client.setRevertDecoder([&decoded](const QByteArray &data) {
            ++decoded;
            return data.startsWith(QByteArray::fromHex("4e487b71")) ? QStringLiteral("arithmetic overflow or underflow")
                                                                   : QString();
        });
        CallRequest transferCall;
        transferCall.from = kAccount2;
        transferCall.to = token;
        transferCall.data = selector("transfer(address,uint256)") + word(kAccount1) + word(u256(1));
        auto reverted = await<QByteArray>([&](auto cb) { s.rpc.call(transferCall, BlockTag::latest(), cb); });
        QVERIFY(!reverted.ok());
        const RpcError &e = reverted.error();
        QCOMPARE(e.kind, RpcError::Kind::JsonRpc);
        QVERIFY(e.isRevert());
        QVERIFY(e.revertData.has_value());
        QCOMPARE(*e.revertData, QByteArray(QByteArray::fromHex("4e487b71") + word(u256(0x11))));
        QCOMPARE(decoded, 1);
        QCOMPARE(e.message(), QStringLiteral("The contract call would fail: arithmetic overflow or underflow."));

        // The same call as a transaction fails at gas estimation: nothing signed, no nonce used.
        const u256 nonceBefore = s.nonceOf(kAccount0);
        SendRequest failing;
        failing.chainId = kChainId;
        failing.from = kAccount0;
        failing.to = token;
        failing.data = selector("transfer(address,uint256)") + word(kAccount1) + word(u256(1));
        const Outcome refused = s.sendAndWait(failing);
        QCOMPARE(refused.stages, (QStringList{QStringLiteral("estimating"), QStringLiteral("failed")}));
        QVERIFY(refused.error->message.contains(QStringLiteral("arithmetic overflow or underflow")));
        QCOMPARE(s.nonceOf(kAccount0), nonceBefore);
        const Outcome next = s.sendAndWait(transfer(kAccount2, 1));
        QVERIFY2(next.receipt, qPrintable(describe(next)));
        QCOMPARE(s.nonceOf(kAccount0), u256(nonceBefore + 1));
    }

    void concurrentSendsGetConsecutiveNonces()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack s({node.url()});
        const u256 before1 = s.balance(kAccount1);
        const quint64 a = s.sender.send(transfer(kAccount1, 1000), key0);
        const quint64 b = s.sender.send(transfer(kAccount1, 2000), key0);
        SendWatch wa(&s.sender, a), wb(&s.sender, b);
        QVERIFY(wa.waitFinal() && wb.waitFinal());
        QVERIFY2(wa.out.receipt && wb.out.receipt, qPrintable(describe(wa.out) + QStringLiteral(" / ") + describe(wb.out)));
        QList<u256> used;
        for (const Hash32 &hash : {wa.out.receipt->transactionHash, wb.out.receipt->transactionHash}) {
            auto info = await<std::optional<TransactionInfo>>([&](auto cb) { s.rpc.getTransactionByHash(hash, cb); });
            QVERIFY(info.ok() && info->has_value());
            used.append((*info)->nonce);
        }
        std::sort(used.begin(), used.end());
        QCOMPARE(used, (QList<u256>{0, 1}));
        QCOMPARE(s.nonceOf(kAccount0), u256(2));
        QCOMPARE(s.balance(kAccount1), u256(before1 + 3000));

        // A fresh nonce manager (the app restarted) starts from the node's pending count.
        NonceManager restarted{s.rpc};
        auto lease = await<NonceLease>([&](auto cb) { restarted.reserve(kChainId, kAccount0, cb); });
        QVERIFY(lease.ok());
        QCOMPARE(lease->nonce, u256(2));
    }

    void receiptWaitTimesOutAndIsCancelable()
    {
        AnvilNode node;
        AnvilNode::Options noMining = options();
        noMining.automine = false;
        QVERIFY2(node.start(noMining), qPrintable(node.lastError()));
        Stack s({node.url()});

        SendRequest slow = transfer(kAccount1, 5);
        slow.receiptTimeoutMs = 700;
        const Outcome timedOut = s.sendAndWait(slow);
        QCOMPARE(timedOut.stages.last(), QStringLiteral("unknown-final"));
        QVERIFY(timedOut.stages.contains(QStringLiteral("sent")));
        QCOMPARE(timedOut.error->kind, Error::Kind::Timeout);
        QVERIFY(timedOut.error->message.contains(QStringLiteral("not mined")));
        QVERIFY(!timedOut.raw.isEmpty());

        // Mined later: following it again by its signed bytes finds the receipt; nothing is resent.
        QVERIFY(await<bool>([&](auto cb) { s.rpc.evmMine([cb](RpcResult<void> r) { cb(r.ok() ? RpcResult<bool>(true) : RpcResult<bool>(r.error())); }); }).ok());
        const quint64 tracked = s.sender.track(timedOut.raw, 5000);
        SendWatch watch(&s.sender, tracked);
        QVERIFY(watch.waitFinal());
        QVERIFY2(watch.out.receipt, qPrintable(describe(watch.out)));
        QCOMPARE(watch.out.receipt->transactionHash, *timedOut.hash);
        QCOMPARE(s.nonceOf(kAccount0), u256(1));

        // Canceled while waiting: the send ends as unknown (it is out there), not as failed.
        quint64 id = 0;
        const Outcome canceled = [&] {
            id = s.sender.send(transfer(kAccount1, 6), key0);
            SendWatch w(&s.sender, id, [&](const Hash32 &) { QTimer::singleShot(50, &s.sender, [&] { s.sender.cancel(id); }); });
            w.waitFinal();
            return w.out;
        }();
        QCOMPARE(canceled.stages.last(), QStringLiteral("unknown-final"));
        QCOMPARE(canceled.error->kind, Error::Kind::Canceled);
        QCOMPARE(s.sender.activeSends(), 0);
    }

    void failsOverFromAClosedPort()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack s({QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())), node.url()});
        QSignalSpy down(&s.client, &JsonRpcClient::endpointDown);
        const Outcome o = s.sendAndWait(transfer(kAccount1, 7));
        QVERIFY2(o.receipt, qPrintable(describe(o)));
        QCOMPARE(down.size(), 1);
        QVERIFY(s.client.isEndpointDown(0));
    }

    void aHangingNodeTimesOut()
    {
        // SIGSTOP: the kernel still accepts the connection, but nobody answers.
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        JsonRpcOptions tight = Stack::fastOptions();
        tight.timeoutMs = 300;
        tight.maxAttempts = 2;
        Stack s({node.url()}, tight);
        QVERIFY(node.pause());
        QElapsedTimer timer;
        timer.start();
        auto r = await<quint64>([&](auto cb) { s.rpc.blockNumber(cb); });
        QVERIFY(node.resume());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().kind == RpcError::Kind::Timeout, qPrintable(r.error().detail()));
        QVERIFY2(timer.elapsed() >= 550, qPrintable(QString::number(timer.elapsed()) + QLatin1Char(' ') + r.error().detail()));
        auto after = await<quint64>([&](auto cb) { s.rpc.blockNumber(cb); });
        QVERIFY(after.ok());
    }

    void killedNodeLeavesTheSendUnknownAndARestartDoesNotDuplicateIt()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack s({node.url()});
        const u256 before1 = s.balance(kAccount1);

        // The state before the send, for the restart; then hold blocks so the receipt is awaited.
        auto dump = await<QByteArray>([&](auto cb) { s.rpc.anvilDumpState(cb); });
        QVERIFY(dump.ok());
        const QString stateFile = node.stateFilePath(QStringLiteral("before-send.json"));
        QString writeError;
        QVERIFY2(AnvilNode::writeStateFile(*dump, stateFile, &writeError), qPrintable(writeError));
        QVERIFY(await<bool>([&](auto cb) { s.rpc.evmSetAutomine(false, [cb](RpcResult<void> r) { cb(r.ok() ? RpcResult<bool>(true) : RpcResult<bool>(r.error())); }); }).ok());

        const u256 value = kEther;
        const quint64 id = s.sender.send(transfer(kAccount1, value), key0);
        SendWatch watch(&s.sender, id, [&node](const Hash32 &) { node.kill(); });
        QTRY_VERIFY_WITH_TIMEOUT(watch.out.stages.contains(QStringLiteral("unknown")) || watch.out.final, 15000);
        QVERIFY2(!watch.out.final, qPrintable(describe(watch.out)));
        QCOMPARE(watch.out.stages.mid(0, 3),
                 (QStringList{QStringLiteral("estimating"), QStringLiteral("signing"), QStringLiteral("sent")}));
        const Hash32 hash = *watch.out.hash;
        QVERIFY(watch.out.error->message.contains(QStringLiteral("stopped answering")));
        QVERIFY(watch.out.error->message.contains(hash.toHex().left(10)));
        QVERIFY(s.sender.stage(id) == TransactionSender::Stage::Unknown);

        // The node comes back from the state before the send: it has never seen the transaction.
        AnvilNode::Options fromState = options();
        fromState.loadStateFile = stateFile;
        QVERIFY2(node.restart(fromState), qPrintable(node.lastError()));
        QVERIFY(watch.waitFinal(20000));
        QVERIFY2(watch.out.receipt, qPrintable(describe(watch.out)));
        QCOMPARE(watch.out.receipt->transactionHash, hash);   // the same transaction, resent as is
        QCOMPARE(s.nonceOf(kAccount0), u256(1));              // exactly one transaction
        QCOMPARE(s.balance(kAccount1), u256(before1 + value));

        // The same bytes once more: the node refuses them; nothing moves.
        auto again = await<Hash32>([&](auto cb) { s.rpc.sendRawTransaction(watch.out.raw, cb); });
        QVERIFY(!again.ok());
        QVERIFY(again.error().rpcMessage.contains(QStringLiteral("nonce too low")));
        const quint64 tracked = s.sender.track(watch.out.raw, 5000);
        SendWatch trackWatch(&s.sender, tracked);
        QVERIFY(trackWatch.waitFinal());
        QVERIFY(trackWatch.out.receipt);
        QCOMPARE(s.nonceOf(kAccount0), u256(1));
        QCOMPARE(s.balance(kAccount1), u256(before1 + value));

        // The nonce manager re-synced: the next send takes nonce 1.
        const Outcome next = s.sendAndWait(transfer(kAccount1, 1));
        QVERIFY2(next.receipt, qPrintable(describe(next)));
        auto info = await<std::optional<TransactionInfo>>([&](auto cb) { s.rpc.getTransactionByHash(next.receipt->transactionHash, cb); });
        QCOMPARE((*info)->nonce, u256(1));
        QCOMPARE(s.nonceOf(kAccount0), u256(2));
    }

    void killedNodeThatStaysDownEndsUnknownWithAClearMessage()
    {
        AnvilNode node;
        AnvilNode::Options noMining = options();
        noMining.automine = false;
        QVERIFY2(node.start(noMining), qPrintable(node.lastError()));
        Stack s({node.url()});
        SendRequest request = transfer(kAccount1, 9);
        request.receiptTimeoutMs = 1500;
        const Outcome o = s.sendAndWait(request, [&node](const Hash32 &) { node.kill(); });
        QCOMPARE(o.stages, (QStringList{QStringLiteral("estimating"), QStringLiteral("signing"), QStringLiteral("sent"),
                                        QStringLiteral("unknown"), QStringLiteral("unknown-final")}));
        QCOMPARE(o.error->kind, Error::Kind::Network);
        QVERIFY2(o.error->message.contains(QStringLiteral("could not be asked")), qPrintable(o.error->message));
        QVERIFY(o.error->detail.contains(QStringLiteral("could not be reached")));
    }

    void anvilTestMethods()
    {
        AnvilNode node;
        QVERIFY2(node.start(options()), qPrintable(node.lastError()));
        Stack s({node.url()});
        const auto ok = [](auto start) {
            return await<bool>([&](auto cb) {
                start([cb](RpcResult<void> r) { cb(r.ok() ? RpcResult<bool>(true) : RpcResult<bool>(r.error())); });
            });
        };
        const Address somebody = address("0x00000000000000000000000000000000000000aa");

        QVERIFY(ok([&](auto cb) { s.rpc.anvilSetBalance(somebody, u256(12345), cb); }).ok());
        QCOMPARE(s.balance(somebody), u256(12345));

        // Code that returns storage slot 0: PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN.
        const QByteArray code = QByteArray::fromHex("60005460005260206000f3");
        QVERIFY(ok([&](auto cb) { s.rpc.anvilSetCode(somebody, code, cb); }).ok());
        QCOMPARE(*await<QByteArray>([&](auto cb) { s.rpc.getCode(somebody, BlockTag::latest(), cb); }), code);
        QVERIFY(ok([&](auto cb) { s.rpc.anvilSetStorageAt(somebody, 0, u256(0xbeef), cb); }).ok());
        CallRequest read;
        read.to = somebody;
        QCOMPARE(fromBigEndian(*await<QByteArray>([&](auto cb) { s.rpc.call(read, BlockTag::latest(), cb); })), u256(0xbeef));

        auto snapshot = await<u256>([&](auto cb) { s.rpc.evmSnapshot(cb); });
        QVERIFY(snapshot.ok());
        QVERIFY(ok([&](auto cb) { s.rpc.anvilSetBalance(somebody, u256(1), cb); }).ok());
        QVERIFY(ok([&](auto cb) { s.rpc.evmMine(cb); }).ok());
        QCOMPARE(*await<quint64>([&](auto cb) { s.rpc.blockNumber(cb); }), quint64(1));
        auto reverted = await<bool>([&](auto cb) { s.rpc.evmRevert(*snapshot, cb); });
        QVERIFY(reverted.ok() && *reverted);
        QCOMPARE(s.balance(somebody), u256(12345));
        QCOMPARE(*await<quint64>([&](auto cb) { s.rpc.blockNumber(cb); }), quint64(0));

        // An impersonated account sends without a key (eth_sendTransaction, sandbox only).
        QVERIFY(ok([&](auto cb) { s.rpc.anvilImpersonateAccount(somebody, cb); }).ok());
        QVERIFY(ok([&](auto cb) { s.rpc.anvilSetBalance(somebody, kEther, cb); }).ok());
        QVERIFY(ok([&](auto cb) { s.rpc.anvilSetCode(somebody, {}, cb); }).ok());
        const u256 before2 = s.balance(kAccount2);
        auto sentHash = await<QJsonValue>([&](auto cb) {
            s.client.call(QStringLiteral("eth_sendTransaction"),
                          QJsonArray{QJsonObject{{QStringLiteral("from"), somebody.toLowerHex()},
                                                 {QStringLiteral("to"), kAccount2.toLowerHex()},
                                                 {QStringLiteral("value"), QStringLiteral("0x64")}}},
                          cb, CallOptions{false, 0, 0});
        });
        QVERIFY2(sentHash.ok(), qPrintable(sentHash.ok() ? QString() : sentHash.error().detail()));
        QCOMPARE(s.balance(kAccount2), u256(before2 + 100));
        QVERIFY(ok([&](auto cb) { s.rpc.anvilStopImpersonatingAccount(somebody, cb); }).ok());

        // dumpState / loadState round trip into a fresh node.
        auto dump = await<QByteArray>([&](auto cb) { s.rpc.anvilDumpState(cb); });
        QVERIFY(dump.ok() && !dump->isEmpty());
        AnvilNode other;
        QVERIFY2(other.start(options()), qPrintable(other.lastError()));
        Stack t({other.url()});
        auto loaded = await<bool>([&](auto cb) { t.rpc.anvilLoadState(*dump, cb); });
        QVERIFY(loaded.ok() && *loaded);
        QCOMPARE(t.balance(kAccount2), u256(before2 + 100));
    }

private:
    static AnvilNode::Options options()
    {
        AnvilNode::Options o;
        o.chainId = kChainId;
        return o;
    }
};

QTEST_GUILESS_MAIN(TestEthSendAnvil)
#include "test_eth_send_anvil.moc"
