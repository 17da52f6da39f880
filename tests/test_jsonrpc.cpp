// JSON-RPC client, response parser, typed values, fees, nonce manager and the sender's error paths,
// all against local fake HTTP nodes (no anvil): garbage JSON, wrong ids, HTTP 500, silence,
// dropped and refused connections, failover, and a send whose connection dies after writing.

#include "eth/fees.h"
#include "eth/hex.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/jsonrpcresponse.h"
#include "eth/keccak.h"
#include "eth/noncemanager.h"
#include "eth/sender.h"

#include "fakerpcnode.h"
#include "queuedspy.h"
#include "rpcwait.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

using namespace apedesk;
using namespace apedesk::eth;

namespace {

const char *kKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();   // closed again when probe goes away
}

QUrl urlOfPort(quint16 port) { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)); }

JsonRpcOptions fastOptions()
{
    JsonRpcOptions options;
    options.timeoutMs = 2000;
    options.maxAttempts = 3;
    options.backoffInitialMs = 20;
    options.backoffMaxMs = 100;
    options.endpointRetryMs = 300;
    return options;
}

QByteArray body(const char *text) { return QByteArray(text); }

QJsonValue hexQ(quint64 v) { return toHexQuantity(u256(v)); }

QJsonObject receiptJson(const QString &hash, const QString &from)
{
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("0x2")},
        {QStringLiteral("status"), QStringLiteral("0x1")},
        {QStringLiteral("cumulativeGasUsed"), QStringLiteral("0x5208")},
        {QStringLiteral("logs"), QJsonArray{}},
        {QStringLiteral("transactionHash"), hash},
        {QStringLiteral("transactionIndex"), QStringLiteral("0x0")},
        {QStringLiteral("blockHash"), QStringLiteral("0xeafa161e88d0226bc135430c25c33aef6e667c2913969376fc8c0bfd026e7033")},
        {QStringLiteral("blockNumber"), QStringLiteral("0x1")},
        {QStringLiteral("gasUsed"), QStringLiteral("0x5208")},
        {QStringLiteral("effectiveGasPrice"), QStringLiteral("0x3b9aca01")},
        {QStringLiteral("from"), from},
        {QStringLiteral("to"), QStringLiteral("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")},
        {QStringLiteral("contractAddress"), QJsonValue::Null},
    };
}

Address address(const char *text) { return *Address::fromString(QString::fromLatin1(text)); }

} // namespace

class TestJsonRpc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- the pure response parser -------------------------------------------------------------

    void parsesAResult()
    {
        auto result = parseResponse(body(R"({"jsonrpc":"2.0","id":7,"result":"0x7a69"})"), 7);
        QVERIFY(result.ok());
        QCOMPARE(result->toString(), QStringLiteral("0x7a69"));
        auto nullResult = parseResponse(body(R"({"id":8,"jsonrpc":"2.0","result":null})"), 8);
        QVERIFY(nullResult.ok());
        QVERIFY(nullResult->isNull());
    }

    void rejectsMalformedResponses_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("not json") << body("garbage");
        QTest::newRow("empty") << body("");
        QTest::newRow("truncated") << body(R"({"jsonrpc":"2.0","id":1,"result":"0x1")");
        QTest::newRow("array for a single call") << body(R"([{"jsonrpc":"2.0","id":1,"result":"0x1"}])");
        QTest::newRow("number") << body("42");
        QTest::newRow("string") << body(R"("0x1")");
        QTest::newRow("wrong id") << body(R"({"jsonrpc":"2.0","id":2,"result":"0x1"})");
        QTest::newRow("missing id") << body(R"({"jsonrpc":"2.0","result":"0x1"})");
        QTest::newRow("string id") << body(R"({"jsonrpc":"2.0","id":"1","result":"0x1"})");
        QTest::newRow("fractional id") << body(R"({"jsonrpc":"2.0","id":1.5,"result":"0x1"})");
        QTest::newRow("null id with result") << body(R"({"jsonrpc":"2.0","id":null,"result":"0x1"})");
        QTest::newRow("neither result nor error") << body(R"({"jsonrpc":"2.0","id":1})");
        QTest::newRow("both result and error")
            << body(R"({"jsonrpc":"2.0","id":1,"result":"0x1","error":{"code":1,"message":"m"}})");
        QTest::newRow("no jsonrpc member") << body(R"({"id":1,"result":"0x1"})");
        QTest::newRow("jsonrpc 1.0") << body(R"({"jsonrpc":"1.0","id":1,"result":"0x1"})");
        QTest::newRow("error is a string") << body(R"({"jsonrpc":"2.0","id":1,"error":"boom"})");
        QTest::newRow("error code is a string")
            << body(R"({"jsonrpc":"2.0","id":1,"error":{"code":"-32000","message":"m"}})");
        QTest::newRow("error without message") << body(R"({"jsonrpc":"2.0","id":1,"error":{"code":-32000}})");
        QTest::newRow("error with wrong id")
            << body(R"({"jsonrpc":"2.0","id":9,"error":{"code":-32000,"message":"m"}})");
        QTest::newRow("deep nesting") << QByteArray(5000, '[') + QByteArray(5000, ']');
    }

    void rejectsMalformedResponses()
    {
        QFETCH(QByteArray, response);
        auto result = parseResponse(response, 1);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, RpcError::Kind::Malformed);
        QVERIFY(!result.error().message().isEmpty());
        QVERIFY(!result.error().reason.isEmpty());
    }

    void parsesJsonRpcErrors()
    {
        auto result = parseResponse(body(R"({"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found"}})"), 3);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, RpcError::Kind::JsonRpc);
        QCOMPARE(result.error().code, qint64(-32601));
        QCOMPARE(result.error().rpcMessage, QStringLiteral("Method not found"));
        QVERIFY(!result.error().isRevert());
        QVERIFY(result.error().message().contains(QStringLiteral("Method not found")));
        QCOMPARE(result.error().toError().kind, Error::Kind::Chain);

        // A parse error the node could not tie to a request comes with a null id.
        auto nullId = parseResponse(body(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}})"), 3);
        QVERIFY(!nullId.ok());
        QCOMPARE(nullId.error().kind, RpcError::Kind::JsonRpc);
        QCOMPARE(nullId.error().code, qint64(-32600));
    }

    void decodesRevertDataWithThePluggableDecoder()
    {
        int calls = 0;
        const RevertDecoder decoder = [&calls](const QByteArray &data) {
            ++calls;
            return data == QByteArray::fromHex("deadbeef") ? QStringLiteral("Custom()") : QString();
        };
        auto result = parseResponse(
            body(R"({"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted","data":"0xdeadbeef"}})"), 1,
            decoder);
        QVERIFY(!result.ok());
        QCOMPARE(calls, 1);
        QVERIFY(result.error().isRevert());
        QCOMPARE(*result.error().revertData, QByteArray::fromHex("deadbeef"));
        QCOMPARE(result.error().revertReason, QStringLiteral("Custom()"));
        QVERIFY(result.error().message().contains(QStringLiteral("Custom()")));
        QVERIFY(result.error().detail().contains(QStringLiteral("0xdeadbeef")));

        // Nested data (some nodes), and data that is not hex.
        auto nested = parseResponse(
            body(R"({"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"reverted","data":{"data":"0x01"}}})"), 1);
        QCOMPARE(*nested.error().revertData, QByteArray(1, '\x01'));
        auto text = parseResponse(
            body(R"({"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"execution reverted: nope","data":"nope"}})"), 1,
            decoder);
        QVERIFY(!text.error().revertData.has_value());
        QVERIFY(text.error().isRevert());
        QVERIFY(text.error().message().contains(QStringLiteral("execution reverted: nope")));
        QCOMPARE(calls, 1);
    }

    void boundsTheResponseSize()
    {
        ResponseLimits limits;
        limits.maxBytes = 16;
        auto result = parseResponse(body(R"({"jsonrpc":"2.0","id":1,"result":"0x1"})"), 1, {}, limits);
        QCOMPARE(result.error().kind, RpcError::Kind::Malformed);
        QVERIFY(result.error().reason.contains(QStringLiteral("limit")));
    }

    void parsesBatches()
    {
        const QList<qint64> ids{1, 2, 3};
        auto result = parseBatchResponse(
            body(R"([{"jsonrpc":"2.0","id":3,"result":"0x3"},{"jsonrpc":"2.0","id":1,"result":"0x1"},)"
                 R"({"jsonrpc":"2.0","id":2,"error":{"code":-32000,"message":"no"}}])"),
            ids);
        QVERIFY(result.ok());
        QCOMPARE(result->size(), 3);
        QCOMPARE(result->at(0)->toString(), QStringLiteral("0x1"));
        QCOMPARE(result->at(1).error().kind, RpcError::Kind::JsonRpc);
        QCOMPARE(result->at(2)->toString(), QStringLiteral("0x3"));

        auto missing = parseBatchResponse(body(R"([{"jsonrpc":"2.0","id":1,"result":"0x1"}])"), QList<qint64>{1, 2});
        QVERIFY(missing.ok());
        QVERIFY(missing->at(0).ok());
        QCOMPARE(missing->at(1).error().kind, RpcError::Kind::Malformed);

        const QList<QByteArray> broken{
            body(R"([{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":1,"result":"0x1"}])"),   // repeated
            body(R"([{"jsonrpc":"2.0","id":9,"result":"0x1"}])"),                                          // unknown id
            body(R"({"jsonrpc":"2.0","id":1,"result":"0x1"})"),                                            // not an array
            body(R"([1,2])"),                                                                              // not objects
            body(R"([{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":2,"result":"0x1"},)"
                 R"({"jsonrpc":"2.0","id":3,"result":"0x1"}])"),                                          // too many
        };
        for (const QByteArray &response : broken) {
            auto r = parseBatchResponse(response, QList<qint64>{1, 2});
            QVERIFY2(!r.ok(), response.constData());
            QCOMPARE(r.error().kind, RpcError::Kind::Malformed);
        }
        auto refused = parseBatchResponse(
            body(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batches not supported"}})"),
            QList<qint64>{1, 2});
        QCOMPARE(refused.error().kind, RpcError::Kind::JsonRpc);
    }

    void encodesRequests()
    {
        const QByteArray single = encodeRequest(5, RpcRequest{QStringLiteral("eth_chainId"), {}});
        const QJsonObject o = QJsonDocument::fromJson(single).object();
        QCOMPARE(o.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(o.value(QStringLiteral("id")).toInteger(), qint64(5));
        QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("eth_chainId"));
        QVERIFY(o.value(QStringLiteral("params")).isArray());
        const QJsonArray batch = QJsonDocument::fromJson(
                                     encodeBatch({1, 2}, {RpcRequest{QStringLiteral("a"), {}}, RpcRequest{QStringLiteral("b"), {1}}}))
                                     .array();
        QCOMPARE(batch.size(), 2);
        QCOMPARE(batch.at(1).toObject().value(QStringLiteral("id")).toInteger(), qint64(2));
    }

    // --- typed values ---------------------------------------------------------------------------

    void readsQuantitiesStrictly()
    {
        QCOMPARE(*json::quantity(QStringLiteral("0x0")), u256(0));
        QCOMPARE(*json::quantity(QStringLiteral("0x1a")), u256(26));
        QCOMPARE(*json::quantity64(QStringLiteral("0xffffffffffffffff")), std::numeric_limits<quint64>::max());
        const QList<QJsonValue> bad{QStringLiteral("0x"),  QStringLiteral("0x01"), QStringLiteral("1a"),
                                    QStringLiteral("0xzz"), QJsonValue(5),        QJsonValue(),
                                    QString(QStringLiteral("0x1") + QString(64, QLatin1Char('0')))};
        for (const QJsonValue &value : bad) {
            auto r = json::quantity(value, "balance");
            QVERIFY2(!r.ok(), qPrintable(value.toString()));
            QCOMPARE(r.error().kind, RpcError::Kind::Malformed);
            QVERIFY(r.error().reason.contains(QStringLiteral("balance")));
        }
        QVERIFY(!json::quantity64(QStringLiteral("0x10000000000000000")).ok());
        QVERIFY(!json::bytes(QStringLiteral("0x123")).ok());
        QVERIFY(!json::bytes(QStringLiteral("1234")).ok());
        QVERIFY(!json::hash(QStringLiteral("0x12")).ok());
        QVERIFY(!json::address(QStringLiteral("0x12")).ok());
    }

    void parsesReceipts()
    {
        QJsonObject receipt = receiptJson(
            QStringLiteral("0x37eac23662b2822928a6dc8fc09af37777c9aac186a0e0f94fa1352b368b1bba"),
            QStringLiteral("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
        receipt.insert(QStringLiteral("logs"),
                       QJsonArray{QJsonObject{
                           {QStringLiteral("address"), QStringLiteral("0x5fbdb2315678afecb367f032d93f642f64180aa3")},
                           {QStringLiteral("topics"),
                            QJsonArray{QStringLiteral("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")}},
                           {QStringLiteral("data"), QStringLiteral("0x01")},
                           {QStringLiteral("blockNumber"), QStringLiteral("0x1")},
                           {QStringLiteral("transactionHash"),
                            QStringLiteral("0x37eac23662b2822928a6dc8fc09af37777c9aac186a0e0f94fa1352b368b1bba")},
                           {QStringLiteral("logIndex"), QStringLiteral("0x0")},
                           {QStringLiteral("removed"), false}}});
        auto parsed = json::receipt(receipt);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().detail()));
        QVERIFY(parsed->status);
        QCOMPARE(parsed->gasUsed, u256(21000));
        QCOMPARE(parsed->effectiveGasPrice, u256(1000000001));
        QCOMPARE(parsed->fee(), u256(u256(21000) * 1000000001));
        QCOMPARE(parsed->blockNumber, quint64(1));
        QVERIFY(!parsed->contractAddress.has_value());
        QCOMPARE(parsed->logs.size(), 1);
        QCOMPARE(parsed->logs.first().data, QByteArray(1, '\x01'));
        QCOMPARE(*parsed->logs.first().logIndex, quint64(0));

        QJsonObject badStatus = receipt;
        badStatus.insert(QStringLiteral("status"), QStringLiteral("0x2"));
        QVERIFY(!json::receipt(badStatus).ok());
        QJsonObject missing = receipt;
        missing.remove(QStringLiteral("gasUsed"));
        QVERIFY(json::receipt(missing).error().reason.contains(QStringLiteral("gasUsed")));
        QJsonObject leadingZero = receipt;
        leadingZero.insert(QStringLiteral("gasUsed"), QStringLiteral("0x05208"));
        QVERIFY(!json::receipt(leadingZero).ok());
    }

    void parsesFeeHistoryAndBlocks()
    {
        const QJsonObject history = QJsonDocument::fromJson(R"({"baseFeePerGas":["0x3b9aca00","0x3b9aca00"],
            "gasUsedRatio":[0.0],"oldestBlock":"0x0","reward":[["0x0","0x0"]]})")
                                        .object();
        auto parsed = json::feeHistory(history);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->baseFeePerGas.size(), 2);
        QCOMPARE(parsed->reward.first().size(), 2);
        QJsonObject broken = history;
        broken.insert(QStringLiteral("gasUsedRatio"), QJsonArray{0.1, 0.2});
        QVERIFY(!json::feeHistory(broken).ok());

        const QJsonObject block = QJsonDocument::fromJson(R"({"number":"0x2","hash":"0x1111111111111111111111111111111111111111111111111111111111111111",
            "parentHash":"0x2222222222222222222222222222222222222222222222222222222222222222","timestamp":"0x6650f2a1",
            "gasLimit":"0x1c9c380","gasUsed":"0x5208","baseFeePerGas":"0x3b9aca00",
            "miner":"0x0000000000000000000000000000000000000000",
            "transactions":["0x3333333333333333333333333333333333333333333333333333333333333333"]})")
                                      .object();
        auto b = json::block(block);
        QVERIFY(b.ok());
        QCOMPARE(b->number, quint64(2));
        QCOMPARE(*b->baseFeePerGas, u256(1000000000));
        QCOMPARE(b->transactionHashes.size(), 1);
    }

    void buildsRequestObjects()
    {
        CallRequest call;
        call.from = address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        call.to = address("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        call.value = u256(1);
        call.data = QByteArray::fromHex("abcd");
        const QJsonObject o = call.toJson();
        QCOMPARE(o.value(QStringLiteral("value")).toString(), QStringLiteral("0x1"));
        QCOMPARE(o.value(QStringLiteral("input")).toString(), QStringLiteral("0xabcd"));
        QVERIFY(!o.contains(QStringLiteral("gas")));

        LogFilter filter;
        filter.fromBlock = BlockTag::number(1);
        filter.toBlock = BlockTag::latest();
        filter.addresses = {*call.to};
        filter.topics = {{Hash32()}, {}};
        const QJsonObject f = filter.toJson();
        QCOMPARE(f.value(QStringLiteral("fromBlock")).toString(), QStringLiteral("0x1"));
        QCOMPARE(f.value(QStringLiteral("address")).toString(), call.to->toLowerHex());
        QVERIFY(f.value(QStringLiteral("topics")).toArray().at(1).isNull());
    }

    // --- fees -----------------------------------------------------------------------------------

    void suggestsFeesFromHistory()
    {
        const u256 gwei = 1'000'000'000;
        const auto g = [&gwei](int n) { return u256(gwei * n); };
        FeeHistory history;
        history.baseFeePerGas = {g(1), g(2), g(3), g(4)};
        history.gasUsedRatio = {0.5, 0.0, 0.7};
        history.reward = {{g(2)}, {u256(0)}, {g(4)}};
        FeePolicy policy;
        auto fees = suggestFees(history, policy);
        QVERIFY(fees.ok());
        QCOMPARE(fees->baseFee, g(4));
        QCOMPARE(fees->maxPriorityFeePerGas, g(3));   // median of the non-empty blocks
        QCOMPARE(fees->maxFeePerGas, g(11));

        // Only empty blocks: the node's suggestion, else the policy's fallback.
        history.gasUsedRatio = {0.0, 0.0, 0.0};
        QCOMPARE(suggestFees(history, policy, u256(7))->maxPriorityFeePerGas, u256(7));
        QCOMPARE(suggestFees(history, policy)->maxPriorityFeePerGas, policy.fallbackPriorityFee);

        // The cap: clamps the margin, refuses when even the current fee is above it.
        policy.maxFeeCap = g(5);
        auto clamped = suggestFees(history, policy);
        QVERIFY(clamped.ok());
        QCOMPARE(clamped->maxFeePerGas, g(5));
        policy.maxFeeCap = g(3);
        auto refused = suggestFees(history, policy);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Chain);
        QVERIFY2(refused.error().message.contains(QStringLiteral("3 gwei")), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QStringLiteral("4.001 gwei")));
    }

    void addsAGasMargin()
    {
        FeePolicy policy;
        QCOMPARE(gasLimitWithMargin(21000, policy), u256(25200));
        QCOMPARE(gasLimitWithMargin(100000, policy), u256(120000));
        QCOMPARE(gasLimitWithMargin(29'000'000, policy), u256(30'000'000));
        QCOMPARE(gasLimitWithMargin(10, policy), u256(21000));
        QCOMPARE(formatGwei(u256(1'500'000'000)), QStringLiteral("1.5 gwei"));
        QCOMPARE(formatGwei(u256(1'000'000)), QStringLiteral("0.001 gwei"));
        QCOMPARE(formatGwei(u256(30) * 1'000'000'000), QStringLiteral("30 gwei"));
    }

    // --- the client over HTTP ---------------------------------------------------------------------

    void callsAndNeverCallsBackSynchronously()
    {
        FakeRpcNode node(FakeRpcNode::scripted({{QStringLiteral("eth_blockNumber"), [](const QJsonArray &) { return hexQ(42); }}}));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        EthRpc rpc(&client);
        Waiter<quint64> waiter;
        rpc.blockNumber(waiter.callback());
        QVERIFY(!waiter.done());
        QVERIFY(waiter.wait());
        QVERIFY(waiter.result().ok());
        QCOMPARE(*waiter.result(), quint64(42));

        JsonRpcClient nowhere({}, fastOptions());
        Waiter<quint64> none;
        EthRpc(&nowhere).blockNumber(none.callback());
        QVERIFY(!none.done());
        QVERIFY(none.wait());
        QCOMPARE(none.result().error().kind, RpcError::Kind::Usage);
    }

    void sendsBatches()
    {
        FakeRpcNode node(FakeRpcNode::scripted(
            {{QStringLiteral("eth_getBalance"), [](const QJsonArray &params) {
                  return params.at(0).toString().endsWith(QLatin1Char('1')) ? hexQ(1) : hexQ(2);
              }}}));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        Waiter<QList<u256>> waiter;
        EthRpc(&client).getBalances({address("0x0000000000000000000000000000000000000001"),
                                     address("0x0000000000000000000000000000000000000002")},
                                    BlockTag::latest(), waiter.callback());
        QVERIFY(waiter.wait());
        QVERIFY(waiter.result().ok());
        QCOMPARE(*waiter.result(), (QList<u256>{1, 2}));
        QCOMPARE(node.requestCount(), 1);
    }

    void reportsHttpErrorsWithoutRetrying()
    {
        FakeRpcNode node([](const QByteArray &) { return FakeRpcNode::json("oops", 500); });
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        Waiter<quint64> waiter;
        EthRpc(&client).chainId(waiter.callback());
        QVERIFY(waiter.wait());
        const RpcError &e = waiter.result().error();
        QCOMPARE(e.kind, RpcError::Kind::HttpStatus);
        QCOMPARE(e.httpStatus, 500);
        QVERIFY(e.message().contains(QStringLiteral("500")));
        QVERIFY(e.message().contains(QStringLiteral("127.0.0.1:%1").arg(node.port())));
        QCOMPARE(node.requestCount(), 1);

        // A JSON-RPC error sent with an error status keeps the node's words.
        node.setHandler([](const QByteArray &request) {
            const qint64 id = QJsonDocument::fromJson(request).object().value(QStringLiteral("id")).toInteger();
            return FakeRpcNode::json(QStringLiteral(R"({"jsonrpc":"2.0","id":%1,"error":{"code":-32005,"message":"rate limited"}})")
                                         .arg(id)
                                         .toUtf8(),
                                     429);
        });
        Waiter<quint64> limited;
        EthRpc(&client).chainId(limited.callback());
        QVERIFY(limited.wait());
        QCOMPARE(limited.result().error().kind, RpcError::Kind::JsonRpc);
        QCOMPARE(limited.result().error().code, qint64(-32005));
    }

    void reportsGarbageAndWrongIdsAsMalformed()
    {
        FakeRpcNode garbage([](const QByteArray &) { return FakeRpcNode::json("{not json"); });
        QVERIFY(garbage.listen());
        JsonRpcClient client({garbage.url()}, fastOptions());
        Waiter<quint64> w1;
        EthRpc(&client).chainId(w1.callback());
        QVERIFY(w1.wait());
        QCOMPARE(w1.result().error().kind, RpcError::Kind::Malformed);
        QCOMPARE(w1.result().error().toError().kind, Error::Kind::Protocol);
        QCOMPARE(garbage.requestCount(), 1);   // a node that talks nonsense is not asked again

        garbage.setHandler([](const QByteArray &) { return FakeRpcNode::json(R"({"jsonrpc":"2.0","id":999999,"result":"0x1"})"); });
        Waiter<quint64> w2;
        EthRpc(&client).chainId(w2.callback());
        QVERIFY(w2.wait());
        QCOMPARE(w2.result().error().kind, RpcError::Kind::Malformed);
        QVERIFY(w2.result().error().reason.contains(QStringLiteral("999999")));

        // A valid response whose result is not a valid quantity.
        garbage.setHandler(FakeRpcNode::scripted({{QStringLiteral("eth_chainId"), [](const QJsonArray &) { return QJsonValue(QStringLiteral("0x0001")); }}}));
        Waiter<quint64> w3;
        EthRpc(&client).chainId(w3.callback());
        QVERIFY(w3.wait());
        QCOMPARE(w3.result().error().kind, RpcError::Kind::Malformed);
    }

    void timesOutAndRetriesReadOnlyCalls()
    {
        FakeRpcNode silent([](const QByteArray &) { return FakeRpcNode::Reply{200, {}, true, false}; });
        QVERIFY(silent.listen());
        JsonRpcOptions options = fastOptions();
        options.timeoutMs = 200;
        options.maxAttempts = 2;
        JsonRpcClient client({silent.url()}, options);
        QElapsedTimer timer;
        timer.start();
        Waiter<quint64> waiter;
        EthRpc(&client).blockNumber(waiter.callback());
        QVERIFY(waiter.wait(5000));
        const RpcError &e = waiter.result().error();
        QCOMPARE(e.kind, RpcError::Kind::Timeout);
        QCOMPARE(e.toError().kind, Error::Kind::Timeout);
        QVERIFY(e.message().contains(QStringLiteral("did not answer in time")));
        QCOMPARE(silent.requestCount(), 2);
        QVERIFY(timer.elapsed() >= 360);   // two attempts of 200 ms (coarse timers may fire a little early)
    }

    void neverRetriesASendThatMayHaveBeenDelivered()
    {
        FakeRpcNode silent([](const QByteArray &) { return FakeRpcNode::Reply{200, {}, true, false}; });
        QVERIFY(silent.listen());
        JsonRpcOptions options = fastOptions();
        options.timeoutMs = 200;
        options.maxAttempts = 4;
        JsonRpcClient client({silent.url()}, options);
        Waiter<Hash32> waiter;
        EthRpc(&client).sendRawTransaction(QByteArray::fromHex("02f8"), waiter.callback());
        QVERIFY(waiter.wait());
        QCOMPARE(waiter.result().error().kind, RpcError::Kind::Timeout);
        QVERIFY(waiter.result().error().maybeDelivered);
        QCOMPARE(silent.requestCount(), 1);
    }

    void reportsARefusedConnection()
    {
        JsonRpcClient client({urlOfPort(closedPort())}, fastOptions());
        Waiter<quint64> waiter;
        EthRpc(&client).blockNumber(waiter.callback());
        QVERIFY(waiter.wait());
        const RpcError &e = waiter.result().error();
        QCOMPARE(e.kind, RpcError::Kind::Transport);
        QVERIFY(!e.maybeDelivered);
        QCOMPARE(e.toError().kind, Error::Kind::Network);
        QVERIFY2(e.message().contains(QStringLiteral("could not be reached")), qPrintable(e.message()));
        QVERIFY(e.detail().contains(QStringLiteral("refused"), Qt::CaseInsensitive));
    }

    void retriesWithBackoffUntilTheNodeIsUp()
    {
        const quint16 port = closedPort();
        JsonRpcOptions options = fastOptions();
        options.maxAttempts = 8;
        options.backoffInitialMs = 50;
        options.backoffMaxMs = 400;
        JsonRpcClient client({urlOfPort(port)}, options);
        Waiter<quint64> waiter;
        EthRpc(&client).blockNumber(waiter.callback());
        QTest::qWait(150);
        QVERIFY(!waiter.done());
        FakeRpcNode late(FakeRpcNode::scripted({{QStringLiteral("eth_blockNumber"), [](const QJsonArray &) { return hexQ(7); }}}));
        QVERIFY(late.listen(port));
        QVERIFY(waiter.wait(5000));
        QVERIFY2(waiter.result().ok(), qPrintable(waiter.result().ok() ? QString() : waiter.result().error().detail()));
        QCOMPARE(*waiter.result(), quint64(7));
    }

    void failsOverAndRetriesADeadEndpointLater()
    {
        // "dead" accepts and drops every connection, so its attempts can be counted.
        FakeRpcNode dead([](const QByteArray &) { return FakeRpcNode::Reply{200, {}, false, true}; });
        FakeRpcNode live(FakeRpcNode::scripted({{QStringLiteral("eth_chainId"), [](const QJsonArray &) { return hexQ(8453); }}}));
        QVERIFY(dead.listen());
        QVERIFY(live.listen());
        JsonRpcOptions options = fastOptions();
        options.endpointRetryMs = 400;
        JsonRpcClient client({dead.url(), live.url()}, options);
        QSignalSpy down(&client, &JsonRpcClient::endpointDown);

        Waiter<quint64> first;
        EthRpc(&client).chainId(first.callback());
        QVERIFY(first.wait());
        QVERIFY(first.result().ok());
        QCOMPARE(*first.result(), quint64(8453));
        QCOMPARE(down.size(), 1);
        QVERIFY(client.isEndpointDown(0));
        const int deadAttempts = dead.requestCount();
        QVERIFY(deadAttempts >= 1);

        Waiter<quint64> second;   // the dead endpoint is skipped for now
        EthRpc(&client).chainId(second.callback());
        QVERIFY(second.wait());
        QVERIFY(second.result().ok());
        QCOMPARE(dead.requestCount(), deadAttempts);

        QTest::qWait(450);        // ... and tried again later
        QVERIFY(!client.isEndpointDown(0));
        Waiter<quint64> third;
        EthRpc(&client).chainId(third.callback());
        QVERIFY(third.wait());
        QVERIFY(third.result().ok());
        QVERIFY(dead.requestCount() > deadAttempts);

        // A closed port and a live node: works, the closed one is reported down.
        JsonRpcClient withClosed({urlOfPort(closedPort()), live.url()}, fastOptions());
        QSignalSpy closedDown(&withClosed, &JsonRpcClient::endpointDown);
        Waiter<quint64> fourth;
        EthRpc(&withClosed).chainId(fourth.callback());
        QVERIFY(fourth.wait());
        QVERIFY(fourth.result().ok());
        QCOMPARE(closedDown.size(), 1);
    }

    void stopsReadingAnOversizedAnswer()
    {
        FakeRpcNode big([](const QByteArray &) { return FakeRpcNode::json(QByteArray(200000, ' ') + "{}"); });
        QVERIFY(big.listen());
        JsonRpcOptions options = fastOptions();
        options.limits.maxBytes = 1000;
        JsonRpcClient client({big.url()}, options);
        Waiter<quint64> waiter;
        EthRpc(&client).chainId(waiter.callback());
        QVERIFY(waiter.wait());
        QCOMPARE(waiter.result().error().kind, RpcError::Kind::Malformed);
        QVERIFY(waiter.result().error().reason.contains(QStringLiteral("1000")));
    }

    void cancelSkipsTheCallback()
    {
        FakeRpcNode silent([](const QByteArray &) { return FakeRpcNode::Reply{200, {}, true, false}; });
        QVERIFY(silent.listen());
        JsonRpcClient client({silent.url()}, fastOptions());
        Waiter<quint64> waiter;
        const quint64 id = EthRpc(&client).chainId(waiter.callback());
        QTRY_COMPARE(silent.requestCount(), 1);
        client.cancel(id);
        QCOMPARE(client.pendingCalls(), 0);
        QVERIFY(!waiter.wait(300));
    }

    void passesRevertDataToTheDecoder()
    {
        FakeRpcNode node(FakeRpcNode::scripted({{QStringLiteral("eth_call"), [](const QJsonArray &) {
                                                      return QJsonValue(QJsonObject{
                                                          {QStringLiteral("__error"),
                                                           QJsonObject{{QStringLiteral("code"), 3},
                                                                       {QStringLiteral("message"), QStringLiteral("execution reverted")},
                                                                       {QStringLiteral("data"), QStringLiteral("0x8b063d73")}}}});
                                                  }}}));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        client.setRevertDecoder([](const QByteArray &data) {
            return data == QByteArray::fromHex("8b063d73") ? QStringLiteral("V4TooLittleReceived") : QString();
        });
        Waiter<QByteArray> waiter;
        CallRequest call;
        call.to = address("0x0000000000000000000000000000000000000001");
        EthRpc(&client).call(call, BlockTag::latest(), waiter.callback());
        QVERIFY(waiter.wait());
        const RpcError &e = waiter.result().error();
        QVERIFY(e.isRevert());
        QCOMPARE(e.revertReason, QStringLiteral("V4TooLittleReceived"));
        QCOMPARE(e.message(), QStringLiteral("The contract call would fail: V4TooLittleReceived."));
    }

    void worksFromAWorkerThread()
    {
        FakeRpcNode node(FakeRpcNode::scripted({{QStringLiteral("eth_blockNumber"), [](const QJsonArray &) { return hexQ(3); }}}));
        QVERIFY(node.listen());
        QThread worker;
        worker.start();
        auto *client = new JsonRpcClient({node.url()}, fastOptions());
        client->moveToThread(&worker);

        QMutex mutex;
        std::optional<quint64> value;
        QThread *ranOn = nullptr;
        QMetaObject::invokeMethod(client, [client, &mutex, &value, &ranOn] {
            EthRpc(client).blockNumber([&mutex, &value, &ranOn](RpcResult<quint64> r) {
                QMutexLocker lock(&mutex);
                ranOn = QThread::currentThread();
                value = r.ok() ? *r : 0;
            });
        });
        const auto answered = [&mutex, &value] {
            QMutexLocker lock(&mutex);
            return value.has_value();
        };
        QTRY_VERIFY_WITH_TIMEOUT(answered(), 5000);
        QCOMPARE(*value, quint64(3));
        QCOMPARE(ranOn, &worker);
        QMetaObject::invokeMethod(client, [client] { delete client; }, Qt::BlockingQueuedConnection);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }

    // --- nonce manager ----------------------------------------------------------------------------

    void noncesAreConsecutiveAndReused()
    {
        int pending = 5;
        FakeRpcNode node(FakeRpcNode::scripted(
            {{QStringLiteral("eth_getTransactionCount"), [&pending](const QJsonArray &params) {
                  return params.at(1).toString() == QLatin1String("pending") ? hexQ(pending) : hexQ(0);
              }}}));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        NonceManager nonces{EthRpc(&client)};
        const Address account = address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

        Waiter<NonceLease> a, b, c;
        nonces.reserve(8453, account, a.callback());
        nonces.reserve(8453, account, b.callback());
        nonces.reserve(8453, account, c.callback());
        QVERIFY(a.wait() && b.wait() && c.wait());
        QCOMPARE(a.result()->nonce, u256(5));
        QCOMPARE(b.result()->nonce, u256(6));
        QCOMPARE(c.result()->nonce, u256(7));
        QCOMPARE(node.requestCount(), 1);   // asked once, then counted locally
        QCOMPARE(nonces.openLeases(8453, account), 3);

        nonces.release(*b.result());        // never sent: handed out again first
        Waiter<NonceLease> d;
        nonces.reserve(8453, account, d.callback());
        QVERIFY(d.wait());
        QCOMPARE(d.result()->nonce, u256(6));
        nonces.release(*c.result());        // the highest: next shrinks back
        QCOMPARE(*nonces.peekNext(8453, account), u256(7));

        // Another chain is counted on its own.
        Waiter<NonceLease> other;
        nonces.reserve(1, account, other.callback());
        QVERIFY(other.wait());
        QCOMPARE(other.result()->nonce, u256(5));
    }

    void nonceResyncKeepsOpenLeasesAndFillsGaps()
    {
        int pending = 5;
        FakeRpcNode node(FakeRpcNode::scripted(
            {{QStringLiteral("eth_getTransactionCount"), [&pending](const QJsonArray &) { return hexQ(pending); }}}));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        NonceManager nonces{EthRpc(&client)};
        const Address account = address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        QList<NonceLease> leases;
        for (int i = 0; i < 3; ++i) {
            Waiter<NonceLease> w;
            nonces.reserve(8453, account, w.callback());
            QVERIFY(w.wait());
            leases.append(*w.result());
        }
        nonces.settle(leases.at(0));
        nonces.settle(leases.at(1));        // 5 and 6 mined; 7 is still out there

        // The node restarted and lost 5 and 6: it is back at 5, but 7 must not be reused.
        pending = 5;
        nonces.invalidate(8453, account);
        QList<u256> next;
        for (int i = 0; i < 3; ++i) {
            Waiter<NonceLease> w;
            nonces.reserve(8453, account, w.callback());
            QVERIFY(w.wait());
            next.append(w.result()->nonce);
        }
        QCOMPARE(next, (QList<u256>{5, 6, 8}));

        // The node is ahead (another wallet sent): its count wins.
        pending = 20;
        nonces.invalidate(8453, account);
        Waiter<NonceLease> ahead;
        nonces.reserve(8453, account, ahead.callback());
        QVERIFY(ahead.wait());
        QCOMPARE(ahead.result()->nonce, u256(20));
    }

    void nonceFetchFailureReachesEveryWaiter()
    {
        JsonRpcClient client({urlOfPort(closedPort())}, fastOptions());
        NonceManager nonces{EthRpc(&client)};
        const Address account = address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        Waiter<NonceLease> a, b;
        nonces.reserve(1, account, a.callback());
        nonces.reserve(1, account, b.callback());
        QVERIFY(a.wait() && b.wait());
        QCOMPARE(a.result().error().kind, RpcError::Kind::Transport);
        QCOMPARE(b.result().error().kind, RpcError::Kind::Transport);
        QVERIFY(!nonces.peekNext(1, account).has_value());
    }

    // --- the sender's error paths ---------------------------------------------------------------

    void senderRefusesTheWrongChainBeforeSigning()
    {
        FakeRpcNode node(FakeRpcNode::scripted(nodeMethods(1)));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        NonceManager nonces{EthRpc(&client)};
        TransactionSender sender(&client, &nonces);
        QSignalSpy failed(&sender, &TransactionSender::failed);
        QSignalSpy signing(&sender, &TransactionSender::signing);
        bool keyAsked = false;
        sender.send(transfer(8453), [&keyAsked]() { keyAsked = true; return PrivateKey::fromHex(QString::fromLatin1(kKey0)); });
        QVERIFY(failed.wait(5000));
        QVERIFY(!keyAsked);
        QCOMPARE(signing.size(), 0);
        const Error error = failed.first().at(1).value<Error>();
        QCOMPARE(error.kind, Error::Kind::Chain);
        QVERIFY(error.message.contains(QStringLiteral("chain 1")));
    }

    void senderRefusesFeesAboveTheCap()
    {
        auto methods = nodeMethods(8453);
        methods.insert(QStringLiteral("eth_feeHistory"), [](const QJsonArray &) {
            return QJsonValue(QJsonObject{{QStringLiteral("oldestBlock"), QStringLiteral("0x1")},
                                          {QStringLiteral("baseFeePerGas"),
                                           QJsonArray{QStringLiteral("0xe8d4a51000"), QStringLiteral("0xe8d4a51000")}},   // 1000 gwei
                                          {QStringLiteral("gasUsedRatio"), QJsonArray{0.5}},
                                          {QStringLiteral("reward"), QJsonArray{QJsonArray{QStringLiteral("0x1")}}}});
        });
        FakeRpcNode node(FakeRpcNode::scripted(methods));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        NonceManager nonces{EthRpc(&client)};
        TransactionSender sender(&client, &nonces);
        QSignalSpy failed(&sender, &TransactionSender::failed);
        sender.send(transfer(8453), [] { return PrivateKey::fromHex(QString::fromLatin1(kKey0)); });
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().at(1).value<Error>();
        QVERIFY2(error.message.contains(QStringLiteral("above your limit of 500 gwei")), qPrintable(error.message));
    }

    void senderResolvesAnUnknownSendByResendingTheSameBytes()
    {
        // The first eth_sendRawTransaction is swallowed: written, never answered, timed out. The
        // node then does not know the hash; the sender sends the same bytes again; they are mined.
        QList<QString> rawSeen;
        QString minedHash;
        auto methods = nodeMethods(8453);
        methods.insert(QStringLiteral("eth_getTransactionReceipt"), [&minedHash](const QJsonArray &params) {
            if (minedHash.isEmpty() || params.at(0).toString() != minedHash)
                return QJsonValue();
            return QJsonValue(receiptJson(minedHash, QStringLiteral("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")));
        });
        methods.insert(QStringLiteral("eth_getTransactionByHash"), [](const QJsonArray &) { return QJsonValue(); });
        methods.insert(QStringLiteral("eth_sendRawTransaction"), [&rawSeen, &minedHash](const QJsonArray &params) {
            const QString raw = params.at(0).toString();
            rawSeen.append(raw);
            minedHash = toHex(keccak256(*fromHex(raw)));
            return QJsonValue(minedHash);
        });
        const auto scripted = FakeRpcNode::scripted(methods);
        bool swallowed = false;
        FakeRpcNode node([&](const QByteArray &request) {
            if (!swallowed && request.contains("eth_sendRawTransaction")) {
                swallowed = true;
                rawSeen.append(QJsonDocument::fromJson(request).object().value(QStringLiteral("params")).toArray().at(0).toString());
                return FakeRpcNode::Reply{200, {}, true, false};   // no answer at all
            }
            return scripted(request);
        });
        QVERIFY(node.listen());
        JsonRpcOptions options = fastOptions();
        options.timeoutMs = 300;
        JsonRpcClient client({node.url()}, options);
        NonceManager nonces{EthRpc(&client)};
        TransactionSender sender(&client, &nonces);
        sender.setPollIntervalMs(20);
        QSignalSpy sent(&sender, &TransactionSender::sent);
        QSignalSpy unknown(&sender, &TransactionSender::unknown);
        QSignalSpy mined(&sender, &TransactionSender::mined);
        QSignalSpy failed(&sender, &TransactionSender::failed);
        const quint64 id = sender.send(transfer(8453), [] { return PrivateKey::fromHex(QString::fromLatin1(kKey0)); });
        QTRY_VERIFY_WITH_TIMEOUT(mined.size() == 1 || failed.size() == 1, 10000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(mined.first().at(0).toULongLong(), id);
        QCOMPARE(unknown.size(), 1);
        QCOMPARE(unknown.first().at(3).toBool(), false);
        QVERIFY(unknown.first().at(2).value<Error>().message.contains(QStringLiteral("does not send it twice")));
        QCOMPARE(sent.size(), 0);   // it was never confirmed as sent before the unknown state
        QVERIFY(rawSeen.size() >= 2);
        for (const QString &raw : rawSeen)
            QCOMPARE(raw, rawSeen.first());   // only ever the same signed bytes
        const TransactionReceipt receipt = mined.first().at(1).value<TransactionReceipt>();
        QCOMPARE(receipt.transactionHash.toHex(), minedHash);
        QCOMPARE(nonces.openLeases(8453, address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")), 0);
    }

    void senderReleasesTheNonceWhenTheNodeRefuses()
    {
        auto methods = nodeMethods(8453);
        methods.insert(QStringLiteral("eth_sendRawTransaction"), [](const QJsonArray &) {
            return QJsonValue(QJsonObject{{QStringLiteral("__error"),
                                           QJsonObject{{QStringLiteral("code"), -32003},
                                                       {QStringLiteral("message"), QStringLiteral("insufficient funds for gas * price + value")}}}});
        });
        FakeRpcNode node(FakeRpcNode::scripted(methods));
        QVERIFY(node.listen());
        JsonRpcClient client({node.url()}, fastOptions());
        NonceManager nonces{EthRpc(&client)};
        TransactionSender sender(&client, &nonces);
        QSignalSpy failed(&sender, &TransactionSender::failed);
        QSignalSpy signing(&sender, &TransactionSender::signing);
        sender.send(transfer(8453), [] { return PrivateKey::fromHex(QString::fromLatin1(kKey0)); });
        QVERIFY(failed.wait(5000));
        QCOMPARE(signing.size(), 1);
        QVERIFY(failed.first().at(1).value<Error>().message.contains(QStringLiteral("insufficient funds")));
        const Address account = address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        QCOMPARE(nonces.openLeases(8453, account), 0);
        Waiter<NonceLease> again;                              // the nonce is free again
        nonces.reserve(8453, account, again.callback());
        QVERIFY(again.wait());
        QCOMPARE(again.result()->nonce, u256(0));
    }

private:
    static QHash<QString, FakeRpcNode::Method> nodeMethods(quint64 chainId)
    {
        return {
            {QStringLiteral("eth_chainId"), [chainId](const QJsonArray &) { return hexQ(chainId); }},
            {QStringLiteral("eth_feeHistory"),
             [](const QJsonArray &) {
                 return QJsonValue(QJsonObject{{QStringLiteral("oldestBlock"), QStringLiteral("0x0")},
                                               {QStringLiteral("baseFeePerGas"),
                                                QJsonArray{QStringLiteral("0x3b9aca00"), QStringLiteral("0x3b9aca00")}},
                                               {QStringLiteral("gasUsedRatio"), QJsonArray{0.0}},
                                               {QStringLiteral("reward"), QJsonArray{QJsonArray{QStringLiteral("0x0")}}}});
             }},
            {QStringLiteral("eth_maxPriorityFeePerGas"), [](const QJsonArray &) { return hexQ(1000000000); }},
            {QStringLiteral("eth_estimateGas"), [](const QJsonArray &) { return hexQ(21000); }},
            {QStringLiteral("eth_getTransactionCount"), [](const QJsonArray &) { return hexQ(0); }},
        };
    }

    static SendRequest transfer(quint64 chainId)
    {
        SendRequest request;
        request.chainId = chainId;
        request.from = address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        request.to = address("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        request.value = u256(1);
        request.receiptTimeoutMs = 10000;
        return request;
    }
};

QTEST_GUILESS_MAIN(TestJsonRpc)
#include "test_jsonrpc.moc"
