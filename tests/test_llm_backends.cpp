// The LLM backends against a local server that speaks the real protocols on the wire (Ollama's
// NDJSON, OpenAI's server-sent events, chunked HTTP/1.1): streamed answers arrive token by token,
// and every way a call can go wrong (slow, cut off, garbled, never ending, HTTP errors, a dead port,
// a cancel) ends it exactly once with the right failure. Also: backend specs, the stream decoders
// fed byte by byte, and the built-in policy's rule and answer text.
#include "agent/builtinpolicy.h"
#include "agent/llmbackend.h"
#include "agent/ollamabackend.h"
#include "agent/openaibackend.h"
#include "agent/streamdecoders.h"
#include "eth/units.h"

#include "llmtestserver.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QPointer>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

using namespace apedesk;
using namespace apedesk::agent;
using Protocol = LlmTestServer::Protocol;
using Script = LlmTestServer::Script;
using End = LlmTestServer::Script::End;
using Failure = LlmReply::Failure;

namespace {

template <typename Predicate>
bool waitUntil(Predicate predicate, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(5);
    }
    return true;
}

// One call as it happened: every token with its time, and every finished() (there must be one).
struct Run
{
    LlmReply reply;
    QStringList tokens;
    QList<qint64> tokenMs;
    qint64 finishedMs = -1;
    int finishedCount = 0;
};

using TokenHook = std::function<void(LlmCall *call, const Run &run)>;

Run runCall(LlmBackend *backend, const LlmRequest &request, const TokenHook &onToken = {}, int waitMs = 10000)
{
    auto run = std::make_shared<Run>();
    QElapsedTimer clock;
    clock.start();
    QPointer<LlmCall> call = backend->chat(request);
    if (!call)
        return *run;
    QObject::connect(call.data(), &LlmCall::token, call.data(), [run, clock, call, onToken](const QString &delta) {
        run->tokens.append(delta);
        run->tokenMs.append(clock.elapsed());
        if (onToken)
            onToken(call, *run);
    });
    QObject::connect(call.data(), &LlmCall::finished, call.data(), [run, clock](const LlmReply &reply) {
        run->reply = reply;
        run->finishedMs = clock.elapsed();
        ++run->finishedCount;
    });
    waitUntil([run] { return run->finishedCount > 0; }, waitMs);
    QTest::qWait(20);   // a second finished() would show up here
    return *run;
}

LlmRequest chatRequest(const QString &model, int timeoutMs = 5000, int idleTimeoutMs = 5000)
{
    LlmRequest request;
    request.model = model;
    request.messages = {ChatMessage{QStringLiteral("system"), QStringLiteral("You are an AI trading assistant for ETH/USDC decisions.")},
                        ChatMessage{QStringLiteral("user"), QStringLiteral("Given ETH price is $2500.00 ...")}};
    request.timeoutMs = timeoutMs;
    request.idleTimeoutMs = idleTimeoutMs;
    return request;
}

std::unique_ptr<LlmBackend> backendFor(const LlmTestServer &server, const QString &model, const QString &apiKey = {})
{
    Result<BackendSpec> spec = parseBackendSpec(server.spec(model));
    if (!spec)
        return nullptr;
    spec->apiKey = apiKey;
    return makeBackend(*spec);
}

Protocol protocolFor(int index)
{
    return index == 0 ? Protocol::Ollama : Protocol::OpenAi;
}

void addProtocolRows()
{
    QTest::addColumn<int>("protocol");
    QTest::newRow("ollama") << 0;
    QTest::newRow("openai") << 1;
}

QString failureName(Failure failure)
{
    switch (failure) {
    case Failure::None: return QStringLiteral("None");
    case Failure::Timeout: return QStringLiteral("Timeout");
    case Failure::Canceled: return QStringLiteral("Canceled");
    case Failure::Network: return QStringLiteral("Network");
    case Failure::Http: return QStringLiteral("Http");
    case Failure::Malformed: return QStringLiteral("Malformed");
    case Failure::Truncated: return QStringLiteral("Truncated");
    case Failure::Server: return QStringLiteral("Server");
    }
    return {};
}

// "failure: message" for QCOMPARE messages.
QString describe(const LlmReply &reply)
{
    if (reply.ok)
        return QStringLiteral("ok: ") + reply.text;
    return failureName(reply.failure) + QStringLiteral(": ") + reply.error.toString();
}

QList<QByteArray> feedNdjsonBytewise(NdjsonDecoder &decoder, const QByteArray &bytes)
{
    QList<QByteArray> lines;
    for (char c : bytes)
        lines += decoder.feed(QByteArray(1, c));
    return lines;
}

QList<SseEvent> feedSseBytewise(SseDecoder &decoder, const QByteArray &bytes)
{
    QList<SseEvent> events;
    for (char c : bytes)
        events += decoder.feed(QByteArray(1, c));
    return events;
}

QList<QByteArray> eventData(const QList<SseEvent> &events)
{
    QList<QByteArray> data;
    for (const SseEvent &event : events)
        data.append(event.data);
    return data;
}

// A portfolio and market as the agent would hand them to the built-in policy.
Observation observation(const QString &ethAmount, const QString &usdcAmount, double price, double changePercent, int swaps)
{
    Observation o;
    o.timestamp = 1736899200;
    o.portfolio.valid = true;
    o.portfolio.ethWei = *eth::parseUnits(ethAmount, 18);
    o.portfolio.usdcUnits = *eth::parseUnits(usdcAmount, 6);
    o.portfolio.price = price;
    o.market.valid = true;
    o.market.windowSeconds = 600;
    o.market.lastPrice = price;
    o.market.firstPrice = price / (1 + changePercent / 100);
    o.market.priceChangePercent = changePercent;
    o.market.swapCount = swaps;
    return o;
}

} // namespace

class TestLlmBackends : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- specs ---------------------------------------------------------------------------------
    void parsesBackendSpecs_data();
    void parsesBackendSpecs();
    void rejectsBadSpecs_data();
    void rejectsBadSpecs();
    void makesBackends();

    // --- decoders ------------------------------------------------------------------------------
    void ndjsonDecoderBytewise();
    void sseDecoderBytewise();
    void decodersRefuseEndlessLines();

    // --- both protocols over the wire -----------------------------------------------------------
    void streamsTokensOneByOne_data() { addProtocolRows(); }
    void streamsTokensOneByOne();
    void slowAnswerWithinTimeoutSucceeds_data() { addProtocolRows(); }
    void slowAnswerWithinTimeoutSucceeds();
    void truncatedStreamIsTruncated_data() { addProtocolRows(); }
    void truncatedStreamIsTruncated();
    void malformedStreamIsMalformed_data() { addProtocolRows(); }
    void malformedStreamIsMalformed();
    void neverEndingAnswerTimesOut_data() { addProtocolRows(); }
    void neverEndingAnswerTimesOut();
    void silentServerHitsIdleTimeout_data() { addProtocolRows(); }
    void silentServerHitsIdleTimeout();
    void httpErrorsCarryServerText_data();
    void httpErrorsCarryServerText();
    void inStreamErrorIsServerFailure_data() { addProtocolRows(); }
    void inStreamErrorIsServerFailure();
    void deadPortIsNetworkFailure_data() { addProtocolRows(); }
    void deadPortIsNetworkFailure();
    void cancelMidStream_data() { addProtocolRows(); }
    void cancelMidStream();
    void callFinishesOnce();
    void finishedOnlyOnce_data() { addProtocolRows(); }
    void finishedOnlyOnce();
    void callsInSequenceReuseTheServer_data() { addProtocolRows(); }
    void callsInSequenceReuseTheServer();
    void listsModelsAndProbes_data() { addProtocolRows(); }
    void listsModelsAndProbes();
    void metadataFailures();

    // --- awaitChat -------------------------------------------------------------------------------
    void awaitChatStreamsAndReturns();
    void awaitChatCancels();
    void awaitChatOnWorkerThread();
    void awaitChatEndsWhenThreadQuits();

    // --- built-in policy -------------------------------------------------------------------------
    void builtinRule_data();
    void builtinRule();
    void builtinStreamsAsynchronously();
    void builtinNeedsObservation();
};

// -------------------------------------------------------------------------------------------------
// Specs

void TestLlmBackends::parsesBackendSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spelled");
    const int ollama = int(BackendSpec::Kind::Ollama);
    const int openai = int(BackendSpec::Kind::OpenAi);
    const int builtin = int(BackendSpec::Kind::Builtin);
    QTest::newRow("ollama tag") << "ollama:http://127.0.0.1:11434/llama3.2:3b" << ollama << "http://127.0.0.1:11434"
                                << "llama3.2:3b" << "ollama:http://127.0.0.1:11434/llama3.2:3b";
    QTest::newRow("ollama hf model") << "ollama:http://localhost:11434/hf.co/bartowski/Qwen2.5-0.5B-GGUF:Q4_K_M" << ollama
                                     << "http://localhost:11434" << "hf.co/bartowski/Qwen2.5-0.5B-GGUF:Q4_K_M"
                                     << "ollama:http://localhost:11434/hf.co/bartowski/Qwen2.5-0.5B-GGUF:Q4_K_M";
    QTest::newRow("ollama case and blanks") << "  Ollama:HTTP://gpu-box:11434/qwen3:8b \n" << ollama << "http://gpu-box:11434"
                                            << "qwen3:8b" << "ollama:http://gpu-box:11434/qwen3:8b";
    QTest::newRow("openrouter") << "openai:https://openrouter.ai/api/v1/qwen/qwq-32b" << openai << "https://openrouter.ai/api/v1"
                                << "qwen/qwq-32b" << "openai:https://openrouter.ai/api/v1/qwen/qwq-32b";
    QTest::newRow("openrouter free tag") << "openai:https://openrouter.ai/api/v1/moonshotai/kimi-k2:free" << openai
                                         << "https://openrouter.ai/api/v1" << "moonshotai/kimi-k2:free"
                                         << "openai:https://openrouter.ai/api/v1/moonshotai/kimi-k2:free";
    QTest::newRow("llama.cpp v1") << "openai:http://127.0.0.1:8080/v1/local-model" << openai << "http://127.0.0.1:8080/v1"
                                  << "local-model" << "openai:http://127.0.0.1:8080/v1/local-model";
    QTest::newRow("no v1") << "openai:http://127.0.0.1:1234/api/my-model" << openai << "http://127.0.0.1:1234/api"
                           << "my-model" << "openai:http://127.0.0.1:1234/api/my-model";
    QTest::newRow("no path") << "openai:http://127.0.0.1:1234/my-model" << openai << "http://127.0.0.1:1234" << "my-model"
                             << "openai:http://127.0.0.1:1234/my-model";
    QTest::newRow("builtin") << "builtin" << builtin << "" << "momentum" << "builtin:momentum";
    QTest::newRow("builtin named") << "builtin:momentum" << builtin << "" << "momentum" << "builtin:momentum";
}

void TestLlmBackends::parsesBackendSpecs()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, baseUrl);
    QFETCH(QString, model);
    QFETCH(QString, spelled);
    const Result<BackendSpec> spec = parseBackendSpec(text);
    QVERIFY2(spec, spec ? "" : qPrintable(spec.error().toString()));
    QCOMPARE(int(spec->kind), kind);
    QCOMPARE(spec->baseUrl.toString(), baseUrl);
    QCOMPARE(spec->model, model);
    QCOMPARE(spec->toString(), spelled);
    // The spelling reads back as the same spec.
    const Result<BackendSpec> again = parseBackendSpec(spec->toString());
    QVERIFY(again);
    QCOMPARE(again->baseUrl, spec->baseUrl);
    QCOMPARE(again->model, spec->model);

    // A key never shows in the spelling.
    BackendSpec withKey = *spec;
    withKey.apiKey = QStringLiteral("sk-or-v1-secret");
    QVERIFY(!withKey.toString().contains(QStringLiteral("secret")));
}

void TestLlmBackends::rejectsBadSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("empty") << "  " << "No backend given";
    QTest::newRow("unknown scheme") << "llama:http://127.0.0.1:11434/m" << "Unknown backend \"llama\"";
    QTest::newRow("bare word") << "gpt-4o" << "Unknown backend";
    QTest::newRow("missing model") << "ollama:http://127.0.0.1:11434" << "names no model";
    QTest::newRow("missing model slash") << "ollama:http://127.0.0.1:11434/" << "names no model";
    QTest::newRow("openai missing model") << "openai:https://openrouter.ai/api/v1" << "names no model";
    QTest::newRow("openai missing model slash") << "openai:https://openrouter.ai/api/v1/" << "names no model";
    QTest::newRow("non-http") << "ollama:ftp://127.0.0.1/llama3" << "http:// or https://";
    QTest::newRow("no scheme") << "openai:openrouter.ai/api/v1/x" << "http:// or https://";
    QTest::newRow("no host") << "ollama:http:///llama3" << "not a valid server address";
    QTest::newRow("unknown policy") << "builtin:martingale" << "no built-in policy named \"martingale\"";
}

void TestLlmBackends::rejectsBadSpecs()
{
    QFETCH(QString, text);
    QFETCH(QString, fragment);
    const Result<BackendSpec> spec = parseBackendSpec(text);
    QVERIFY2(!spec, spec ? qPrintable(spec->toString()) : "");
    QCOMPARE(spec.error().kind, Error::Kind::Usage);
    QVERIFY2(spec.error().message.contains(fragment), qPrintable(spec.error().message));
}

void TestLlmBackends::makesBackends()
{
    BackendSpec spec = *parseBackendSpec(QStringLiteral("openai:https://openrouter.ai/api/v1/qwen/qwq-32b"));
    spec.apiKey = QStringLiteral("sk-or-v1-secret");
    const auto openai = makeBackend(spec);
    QCOMPARE(openai->kind(), QStringLiteral("openai"));
    QCOMPARE(openai->endpoint(), QStringLiteral("https://openrouter.ai/api/v1"));
    QVERIFY(qobject_cast<OpenAiBackend *>(openai.get()));

    const auto ollama = makeBackend(*parseBackendSpec(QStringLiteral("ollama:http://127.0.0.1:11434/llama3.2:3b")));
    QCOMPARE(ollama->kind(), QStringLiteral("ollama"));
    QCOMPARE(ollama->endpoint(), QStringLiteral("http://127.0.0.1:11434"));
    QVERIFY(qobject_cast<OllamaBackend *>(ollama.get()));

    const auto builtin = makeBackend(*parseBackendSpec(QStringLiteral("builtin")));
    QCOMPARE(builtin->kind(), QStringLiteral("builtin"));
    QCOMPARE(builtin->endpoint(), QStringLiteral("built-in"));
    QCOMPARE(qobject_cast<BuiltinPolicyBackend *>(builtin.get())->policy(), QStringLiteral("momentum"));

    QCOMPARE(backendKindKey(BackendSpec::Kind::Ollama), QStringLiteral("ollama"));
    QCOMPARE(backendKindKey(BackendSpec::Kind::OpenAi), QStringLiteral("openai"));
    QCOMPARE(backendKindKey(BackendSpec::Kind::Builtin), QStringLiteral("builtin"));
}

// -------------------------------------------------------------------------------------------------
// Decoders

void TestLlmBackends::ndjsonDecoderBytewise()
{
    const QByteArray stream = "{\"a\":1}\n{\"b\":2}\r\n\r\n\n{\"c\":\"x\\ny\"}\r\n{\"d\":4}";
    NdjsonDecoder bytewise;
    QList<QByteArray> lines = feedNdjsonBytewise(bytewise, stream);
    QCOMPARE(lines, (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}", "{\"c\":\"x\\ny\"}"}));
    QCOMPARE(bytewise.flush(), QList<QByteArray>{"{\"d\":4}"});
    QVERIFY(bytewise.flush().isEmpty());

    // The same in one piece and split at every position.
    NdjsonDecoder whole;
    QCOMPARE(whole.feed(stream), lines);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        NdjsonDecoder split;
        QList<QByteArray> parts = split.feed(stream.left(cut));
        parts += split.feed(stream.mid(cut));
        QCOMPARE(parts, lines);
        QCOMPARE(split.flush(), QList<QByteArray>{"{\"d\":4}"});
    }
}

void TestLlmBackends::sseDecoderBytewise()
{
    // OpenRouter's comment, a keep-alive blank line, CRLF and lone-CR line ends, a multi-line data
    // field, "data:" without a space, event and id fields, a field without a colon, and [DONE].
    const QByteArray stream = ": OPENROUTER PROCESSING\n\n"
                              "\n"
                              "data: {\"n\":1}\r\n\r\n"
                              "event: delta\rid: 7\rdata: line one\rdata:line two\r\r"
                              ": another comment\n"
                              "data\n\n"
                              "retry: 1000\n\n"
                              "data: {\"n\":2}\n\n"
                              "data: [DONE]";
    const QList<QByteArray> expected{"{\"n\":1}", "line one\nline two", "", "{\"n\":2}"};

    SseDecoder bytewise;
    const QList<SseEvent> events = feedSseBytewise(bytewise, stream);
    QCOMPARE(eventData(events), expected);
    QCOMPARE(events.at(1).event, QByteArray("delta"));
    QCOMPARE(events.at(1).id, QByteArray("7"));
    QVERIFY(events.at(0).event.isEmpty());
    // The last event lacks its blank line: flush() hands it over at the end of the stream.
    QCOMPARE(eventData(bytewise.flush()), QList<QByteArray>{"[DONE]"});
    QVERIFY(bytewise.flush().isEmpty());

    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        SseDecoder split;
        QList<SseEvent> parts = split.feed(stream.left(cut));
        parts += split.feed(stream.mid(cut));
        QCOMPARE(eventData(parts), expected);
        QCOMPARE(eventData(split.flush()), QList<QByteArray>{"[DONE]"});
    }

    // "\r" at the end of one read and "\n" at the start of the next are one line end, not two:
    // the second data line must stay in the same event.
    SseDecoder crlf;
    QVERIFY(crlf.feed("data: a\r").isEmpty());
    QVERIFY(crlf.feed("\ndata: b\r").isEmpty());
    QCOMPARE(eventData(crlf.feed("\n\r\n")), QList<QByteArray>{"a\nb"});
}

void TestLlmBackends::decodersRefuseEndlessLines()
{
    const QByteArray block(1024 * 1024, 'x');
    NdjsonDecoder ndjson;
    for (int i = 0; i < 5 && !ndjson.overflowed(); ++i)
        QVERIFY(ndjson.feed(block).isEmpty());
    QVERIFY(ndjson.overflowed());
    QVERIFY(ndjson.feed("\n{}\n").isEmpty());

    SseDecoder sse;
    QVERIFY(sse.feed("data: ").isEmpty());
    for (int i = 0; i < 5 && !sse.overflowed(); ++i)
        QVERIFY(sse.feed(block).isEmpty());
    QVERIFY(sse.overflowed());
    QVERIFY(sse.feed("\n\ndata: {}\n\n").isEmpty());
}

// -------------------------------------------------------------------------------------------------
// Both protocols over the wire

void TestLlmBackends::streamsTokensOneByOne()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    const QString answer = QStringLiteral("Momentum is building and volume is up.\nRECOMMENDATION: APE IN 0.01 ETH");
    const Script script = LlmTestServer::answer(answer, 40);
    QCOMPARE(script.chunks.join(QString()), answer);
    QCOMPARE(script.chunks.size(), 12);
    server.enqueue(script);

    const QString model = protocol == 0 ? QStringLiteral("llama3.2:3b") : QStringLiteral("qwen/qwq-32b");
    const auto backend = backendFor(server, model, QStringLiteral("sk-test-key"));
    QVERIFY(backend);
    LlmRequest request = chatRequest(model);
    request.options.temperature = 0.6;
    request.options.topP = 0.9;
    request.options.numCtx = 4096;
    request.options.seed = 42;
    request.options.maxTokens = 256;
    request.options.keepAlive = QStringLiteral("5m");

    const Run run = runCall(backend.get(), request);
    QVERIFY2(run.reply.ok, qPrintable(describe(run.reply)));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(run.reply.text, answer);
    QCOMPARE(run.reply.failure, Failure::None);
    QCOMPARE(run.reply.model, model);
    QCOMPARE(run.reply.finishReason, QStringLiteral("stop"));
    QVERIFY(run.reply.promptTokens > 0);
    QCOMPARE(run.reply.completionTokens, 12);

    // Each chunk arrived as its own token, as it was sent, well before the answer was complete.
    QCOMPARE(run.tokens, script.chunks);
    QVERIFY2(run.tokenMs.last() - run.tokenMs.first() >= 300,
             qPrintable(QStringLiteral("tokens spread over %1 ms").arg(run.tokenMs.last() - run.tokenMs.first())));
    QVERIFY(run.finishedMs - run.tokenMs.first() >= 300);
    for (qsizetype i = 1; i < run.tokenMs.size(); ++i)
        QVERIFY(run.tokenMs.at(i) >= run.tokenMs.at(i - 1));
    QVERIFY(run.reply.firstTokenMs >= 0);
    QVERIFY(run.reply.firstTokenMs + 300 <= run.reply.elapsedMs);

    // What went over the wire.
    QCOMPARE(server.chatRequests().size(), 1);
    const QJsonObject body = server.chatRequests().constFirst();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), model);
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(), request.messages.at(1).content);
    if (protocol == 0) {
        const QJsonObject options = body.value(QStringLiteral("options")).toObject();
        QCOMPARE(options.value(QStringLiteral("temperature")).toDouble(), 0.6);
        QCOMPARE(options.value(QStringLiteral("top_p")).toDouble(), 0.9);
        QCOMPARE(options.value(QStringLiteral("num_ctx")).toInt(), 4096);
        QCOMPARE(options.value(QStringLiteral("seed")).toInt(), 42);
        QCOMPARE(options.value(QStringLiteral("num_predict")).toInt(), 256);
        QCOMPARE(body.value(QStringLiteral("keep_alive")).toString(), QStringLiteral("5m"));
        QVERIFY(!body.contains(QStringLiteral("max_tokens")));
        // The Ollama backend takes no key, so nothing was sent.
        QVERIFY(server.authorizations().isEmpty());
        QCOMPARE(server.requestLines(), QStringList{QStringLiteral("POST /api/chat")});
    } else {
        QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.6);
        QCOMPARE(body.value(QStringLiteral("top_p")).toDouble(), 0.9);
        QCOMPARE(body.value(QStringLiteral("seed")).toInt(), 42);
        QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 256);
        QVERIFY(!body.contains(QStringLiteral("options")));
        QVERIFY(!body.contains(QStringLiteral("keep_alive")));
        QCOMPARE(body.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")).toBool(), true);
        QCOMPARE(server.authorizations(), QStringList{QStringLiteral("Bearer sk-test-key")});
        QCOMPARE(server.requestLines(), QStringList{QStringLiteral("POST /v1/chat/completions")});
        QVERIFY(!backend->endpoint().contains(QStringLiteral("sk-test-key")));
    }
}

void TestLlmBackends::slowAnswerWithinTimeoutSucceeds()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    // Seven chunks 150 ms apart: 1050 ms in all, longer than the 500 ms silence limit, but no gap is.
    const QString answer = QStringLiteral("Slow and steady wins. RECOMMENDATION: APE NEUTRAL");
    server.enqueue(LlmTestServer::answer(answer, 150));
    const auto backend = backendFor(server, QStringLiteral("slow-model"));
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("slow-model"), 5000, 500));
    QVERIFY2(run.reply.ok, qPrintable(describe(run.reply)));
    QCOMPARE(run.reply.text, answer);
    QCOMPARE(run.tokens.size(), 7);
    QVERIFY2(run.reply.elapsedMs >= 900, qPrintable(QString::number(run.reply.elapsedMs)));
}

void TestLlmBackends::truncatedStreamIsTruncated()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    Script script = LlmTestServer::answer(QStringLiteral("The market is turning and I will "), 10);
    script.end = End::Truncate;
    server.enqueue(script);
    const auto backend = backendFor(server, QStringLiteral("m"));
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m")));
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(!run.reply.ok);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Truncated));
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("cut off")), qPrintable(run.reply.error.message));
    QVERIFY(run.reply.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));
    // What arrived is kept for the journal, but the call is not ok.
    QCOMPARE(run.reply.text, QStringLiteral("The market is turning and I will "));
}

void TestLlmBackends::malformedStreamIsMalformed()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    // The garbage comes after the chunks and is followed by a proper end: reading past it would
    // turn this into a success, so only a client that refuses the garbage passes.
    Script script = LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH"), 5);
    script.end = End::Malformed;
    server.enqueue(script);
    const auto backend = backendFor(server, QStringLiteral("m"));
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m")));
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(!run.reply.ok);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Malformed));
    QCOMPARE(run.reply.error.kind, Error::Kind::Format);
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("not valid JSON")), qPrintable(run.reply.error.message));
    QVERIFY(run.reply.error.message.contains(QStringLiteral("oops")));
    QCOMPARE(run.reply.text, QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH"));
}

void TestLlmBackends::neverEndingAnswerTimesOut()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    // Chunks keep coming (so the silence limit never fires) but the answer never ends.
    Script script = LlmTestServer::answer(QStringLiteral("a b c d e f g h i j k l m n o p q r s t u v w x y z"), 60);
    script.end = End::Hang;
    server.enqueue(script);
    const auto backend = backendFor(server, QStringLiteral("m"));
    QElapsedTimer clock;
    clock.start();
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m"), 800, 30000));
    const qint64 took = clock.elapsed();
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Timeout));
    QCOMPARE(run.reply.error.kind, Error::Kind::Timeout);
    QVERIFY2(took >= 750 && took < 2500, qPrintable(QString::number(took)));
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("0.8 seconds")), qPrintable(run.reply.error.message));
    QVERIFY(run.reply.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));
    QVERIFY(!run.tokens.isEmpty());
    QCOMPARE(run.reply.text, run.tokens.join(QString()));
    // The client hung up: the server sees its connection close.
    QVERIFY(waitUntil([&server] { return server.openConnections() == 0; }, 3000));
}

void TestLlmBackends::silentServerHitsIdleTimeout()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    Script script = LlmTestServer::answer(QStringLiteral("Thinking about "));
    script.end = End::Hang;
    server.enqueue(script);
    const auto backend = backendFor(server, QStringLiteral("m"));
    QElapsedTimer clock;
    clock.start();
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m"), 20000, 300));
    const qint64 took = clock.elapsed();
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Timeout));
    QVERIFY2(took >= 280 && took < 2500, qPrintable(QString::number(took)));
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("sent nothing for 0.3 seconds")), qPrintable(run.reply.error.message));
    QCOMPARE(run.reply.text, QStringLiteral("Thinking about "));
}

void TestLlmBackends::httpErrorsCarryServerText_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("errorBody");
    QTest::addColumn<QStringList>("fragments");
    QTest::newRow("ollama 500") << 0 << 500 << QByteArray("{\"error\":\"llama runner process has terminated: signal: killed\"}")
                                << QStringList{QStringLiteral("HTTP 500"), QStringLiteral("llama runner process has terminated")};
    QTest::newRow("ollama 404") << 0 << 404 << QByteArray()
                                << QStringList{QStringLiteral("not found"), QStringLiteral("\"missing:7b\""),
                                               QStringLiteral("try pulling it first")};
    QTest::newRow("ollama 429") << 0 << 429 << QByteArray()
                                << QStringList{QStringLiteral("Rate limited"), QStringLiteral("server busy")};
    QTest::newRow("openai 500") << 1 << 500 << QByteArray("{\"error\":{\"message\":\"upstream provider exploded\",\"code\":500}}")
                                << QStringList{QStringLiteral("HTTP 500"), QStringLiteral("upstream provider exploded")};
    QTest::newRow("openai 404") << 1 << 404 << QByteArray()
                                << QStringList{QStringLiteral("not found"), QStringLiteral("\"missing:7b\""),
                                               QStringLiteral("does not exist")};
    QTest::newRow("openai 429") << 1 << 429 << QByteArray()
                                << QStringList{QStringLiteral("Rate limited"), QStringLiteral("Rate limit reached")};
    QTest::newRow("openai 401") << 1 << 401 << QByteArray()
                                << QStringList{QStringLiteral("API key was refused"), QStringLiteral("Incorrect API key")};
    QTest::newRow("openai 502 text") << 1 << 502 << QByteArray("<html>Bad gateway</html>")
                                     << QStringList{QStringLiteral("HTTP 502"), QStringLiteral("<html>Bad gateway</html>")};
}

void TestLlmBackends::httpErrorsCarryServerText()
{
    QFETCH(int, protocol);
    QFETCH(int, status);
    QFETCH(QByteArray, errorBody);
    QFETCH(QStringList, fragments);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    server.enqueue(LlmTestServer::failure(status, errorBody));
    const auto backend = backendFor(server, QStringLiteral("missing:7b"), QStringLiteral("sk-bad"));
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("missing:7b")));
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(!run.reply.ok);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Http));
    for (const QString &fragment : fragments)
        QVERIFY2(run.reply.error.message.contains(fragment), qPrintable(run.reply.error.message + QStringLiteral(" lacks ") + fragment));
    QVERIFY(run.reply.text.isEmpty());
    QVERIFY(!run.reply.error.toString().contains(QStringLiteral("sk-bad")));

    // The connection stays usable: the next call on the same backend succeeds.
    server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE NEUTRAL")));
    const Run next = runCall(backend.get(), chatRequest(QStringLiteral("missing:7b")));
    QVERIFY2(next.reply.ok, qPrintable(describe(next.reply)));
}

void TestLlmBackends::inStreamErrorIsServerFailure()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    Script script = LlmTestServer::answer(QStringLiteral("I think "));
    script.streamError = QStringLiteral("model runner has unexpectedly stopped");
    server.enqueue(script);
    const auto backend = backendFor(server, QStringLiteral("m"));
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m")));
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Server));
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("model runner has unexpectedly stopped")),
             qPrintable(run.reply.error.message));
    QCOMPARE(run.reply.text, QStringLiteral("I think "));
}

void TestLlmBackends::deadPortIsNetworkFailure()
{
    QFETCH(int, protocol);
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QString spec = protocol == 0 ? QStringLiteral("ollama:http://127.0.0.1:%1/m").arg(port)
                                       : QStringLiteral("openai:http://127.0.0.1:%1/v1/m").arg(port);
    const auto backend = makeBackend(*parseBackendSpec(spec));
    QElapsedTimer clock;
    clock.start();
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m")));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Network));
    QCOMPARE(run.reply.error.kind, Error::Kind::Network);
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("refused")), qPrintable(run.reply.error.message));
    QVERIFY(run.reply.error.message.contains(QString::number(port)));
    QVERIFY(clock.elapsed() < 3000);
}

void TestLlmBackends::cancelMidStream()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    Script script = LlmTestServer::answer(QStringLiteral("one two three four five six seven eight"), 50);
    script.end = End::Hang;
    server.enqueue(script);
    const auto backend = backendFor(server, QStringLiteral("m"));
    QElapsedTimer clock;
    clock.start();
    const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m")), [](LlmCall *call, const Run &sofar) {
        if (sofar.tokens.size() == 2)
            call->cancel();
    });
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Canceled));
    QCOMPARE(run.reply.error.kind, Error::Kind::Canceled);
    QCOMPARE(run.tokens.size(), 2);   // nothing after the cancel
    QCOMPARE(run.reply.text, QStringLiteral("one two "));
    QVERIFY(clock.elapsed() < 2000);
    QVERIFY(waitUntil([&server] { return server.openConnections() == 0; }, 3000));
}

void TestLlmBackends::callFinishesOnce()
{
    // LlmCall's own guard, whatever an implementation does: a second finish() is ignored.
    class TwiceCall : public LlmCall
    {
    public:
        using LlmCall::LlmCall;
        void cancel() override {}
        void end(const QString &text)
        {
            LlmReply reply;
            reply.ok = true;
            reply.text = text;
            finish(reply);
        }
    };
    QPointer<TwiceCall> call = new TwiceCall;
    QStringList seen;
    connect(call.data(), &LlmCall::finished, this, [&seen](const LlmReply &reply) { seen.append(reply.text); });
    QVERIFY(!call->isFinished());
    call->end(QStringLiteral("first"));
    call->end(QStringLiteral("second"));
    QCOMPARE(seen, QStringList{QStringLiteral("first")});
    QVERIFY(call->isFinished());
    QCOMPARE(call->reply().text, QStringLiteral("first"));
    QTRY_VERIFY(!call);   // it deletes itself after finished()
}

void TestLlmBackends::finishedOnlyOnce()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE NEUTRAL")));
    const auto backend = backendFor(server, QStringLiteral("m"));

    int finishedCount = 0;
    QPointer<LlmCall> call = backend->chat(chatRequest(QStringLiteral("m")));
    connect(call.data(), &LlmCall::finished, this, [&finishedCount, call](const LlmReply &reply) {
        ++finishedCount;
        QVERIFY(reply.ok);
        QVERIFY(call->isFinished());
        call->cancel();   // too late: ignored
    });
    QVERIFY(waitUntil([&finishedCount] { return finishedCount > 0; }, 5000));
    if (call)
        call->cancel();
    QTest::qWait(100);
    QCOMPARE(finishedCount, 1);
    QVERIFY(!call);   // it deleted itself after finished()

    // Canceled twice: still one finished(), with Canceled.
    Script hang = LlmTestServer::answer(QStringLiteral("x"));
    hang.end = End::Hang;
    server.enqueue(hang);
    QList<Failure> failures;
    QPointer<LlmCall> second = backend->chat(chatRequest(QStringLiteral("m")));
    connect(second.data(), &LlmCall::finished, this, [&failures](const LlmReply &reply) { failures.append(reply.failure); });
    QVERIFY(waitUntil([&server] { return server.chatRequests().size() == 2; }, 5000));
    second->cancel();
    if (second)
        second->cancel();
    QTest::qWait(100);
    QCOMPARE(failures, QList<Failure>{Failure::Canceled});
}

void TestLlmBackends::callsInSequenceReuseTheServer()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    const auto backend = backendFor(server, QStringLiteral("m"));
    QList<int> announced;
    connect(&server, &LlmTestServer::chatRequested, this, [&announced](int index) { announced.append(index); });
    for (int i = 0; i < 3; ++i) {
        const QString answer = QStringLiteral("Answer number %1.\nRECOMMENDATION: APE NEUTRAL").arg(i);
        server.enqueue(LlmTestServer::answer(answer));
        const Run run = runCall(backend.get(), chatRequest(QStringLiteral("m")));
        QVERIFY2(run.reply.ok, qPrintable(describe(run.reply)));
        QCOMPARE(run.reply.text, answer);
    }
    QCOMPARE(server.chatRequests().size(), 3);
    QCOMPARE(announced, (QList<int>{0, 1, 2}));
    // Finished answers leave their connection open for the next call (keep-alive), not one each.
    QVERIFY2(server.openConnections() <= 1, qPrintable(QString::number(server.openConnections())));
    // With the queue empty, the default script answers.
    const Run fallback = runCall(backend.get(), chatRequest(QStringLiteral("m")));
    QVERIFY(fallback.reply.ok);
    QVERIFY(fallback.reply.text.contains(QStringLiteral("APE NEUTRAL")));
}

void TestLlmBackends::listsModelsAndProbes()
{
    QFETCH(int, protocol);
    LlmTestServer server(protocolFor(protocol));
    QVERIFY(server.listen());
    server.setModels({QStringLiteral("llama3.2:3b"), QStringLiteral("hf.co/bartowski/Qwen2.5-0.5B-GGUF:Q4_K_M")});
    const auto backend = backendFor(server, QStringLiteral("llama3.2:3b"), QStringLiteral("sk-list"));

    std::optional<Result<QList<ModelInfo>>> models;
    backend->listModels([&models](Result<QList<ModelInfo>> result) { models.emplace(std::move(result)); });
    QVERIFY(!models.has_value());   // never inside the call
    QVERIFY(waitUntil([&models] { return models.has_value(); }, 5000));
    QVERIFY2(*models, *models ? "" : qPrintable(models->error().toString()));
    const QList<ModelInfo> list = models->value();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).name, QStringLiteral("llama3.2:3b"));
    QCOMPARE(list.at(1).name, QStringLiteral("hf.co/bartowski/Qwen2.5-0.5B-GGUF:Q4_K_M"));
    if (protocol == 0) {
        QCOMPARE(list.at(0).sizeBytes, 2019393189LL);
        QCOMPARE(list.at(0).parameterSize, QStringLiteral("3.2B"));
        QCOMPARE(list.at(0).quantization, QStringLiteral("Q4_K_M"));
    } else {
        QCOMPARE(list.at(0).contextLength, 32768);
    }

    std::optional<Result<QString>> version;
    backend->probe([&version](Result<QString> result) { version.emplace(std::move(result)); });
    QVERIFY(waitUntil([&version] { return version.has_value(); }, 5000));
    QVERIFY2(*version, *version ? "" : qPrintable(version->error().toString()));
    if (protocol == 0) {
        QCOMPARE(version->value(), QStringLiteral("0.5.7"));
        QCOMPARE(server.requestLines(), (QStringList{QStringLiteral("GET /api/tags"), QStringLiteral("GET /api/version")}));
        QVERIFY(server.authorizations().isEmpty());
    } else {
        QVERIFY2(version->value().contains(QStringLiteral("models available: 2")), qPrintable(version->value()));
        QCOMPARE(server.requestLines(), (QStringList{QStringLiteral("GET /v1/models"), QStringLiteral("GET /v1/models")}));
        QCOMPARE(server.authorizations(), (QStringList{QStringLiteral("Bearer sk-list"), QStringLiteral("Bearer sk-list")}));
    }
}

void TestLlmBackends::metadataFailures()
{
    // A dead port: a Network error naming the server.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const auto dead = makeBackend(*parseBackendSpec(QStringLiteral("ollama:http://127.0.0.1:%1/m").arg(port)));
    std::optional<Result<QString>> version;
    dead->probe([&version](Result<QString> result) { version.emplace(std::move(result)); });
    QVERIFY(waitUntil([&version] { return version.has_value(); }, 5000));
    QVERIFY(!*version);
    QCOMPARE(version->error().kind, Error::Kind::Network);
    QVERIFY(version->error().message.contains(QString::number(port)));

    // An OpenAI probe against an Ollama server: /v1/models is a 404 there.
    LlmTestServer ollama(Protocol::Ollama);
    QVERIFY(ollama.listen());
    const auto wrong = makeBackend(*parseBackendSpec(QStringLiteral("openai:http://127.0.0.1:%1/v1/m").arg(ollama.port())));
    std::optional<Result<QList<ModelInfo>>> models;
    wrong->listModels([&models](Result<QList<ModelInfo>> result) { models.emplace(std::move(result)); });
    QVERIFY(waitUntil([&models] { return models.has_value(); }, 5000));
    QVERIFY(!*models);
    QVERIFY2(models->error().message.contains(QStringLiteral("HTTP 404")), qPrintable(models->error().message));
    QVERIFY(models->error().message.contains(QStringLiteral("404 page not found")));

    // Documents of the wrong shape.
    QVERIFY(!OllamaBackend::parseTags(QJsonDocument(QJsonObject{{QStringLiteral("data"), QJsonArray{}}})));
    QVERIFY(!OpenAiBackend::parseModels(QJsonDocument(QJsonObject{{QStringLiteral("models"), QJsonArray{}}})));
    QCOMPARE(OpenAiBackend::parseModels(QJsonDocument::fromJson(R"({"data":[{"id":"a","max_model_len":8192},{"id":""}]})"))->size(), 1);
}

// -------------------------------------------------------------------------------------------------
// awaitChat

void TestLlmBackends::awaitChatStreamsAndReturns()
{
    LlmTestServer server(Protocol::Ollama);
    QVERIFY(server.listen());
    const QString answer = QStringLiteral("Volume is thin.\nRECOMMENDATION: APE NEUTRAL");
    server.enqueue(LlmTestServer::answer(answer, 10));
    const auto backend = backendFor(server, QStringLiteral("m"));
    QStringList tokens;
    const LlmReply reply = awaitChat(backend.get(), chatRequest(QStringLiteral("m")),
                                     [&tokens](const QString &delta) { tokens.append(delta); });
    QVERIFY2(reply.ok, qPrintable(describe(reply)));
    QCOMPARE(reply.text, answer);
    QCOMPARE(tokens, LlmTestServer::answer(answer).chunks);

    // The built-in policy through the same door.
    BuiltinPolicyBackend builtin;
    LlmRequest request = chatRequest(QStringLiteral("momentum"));
    request.observation = observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, 0.4, 12);
    QString streamed;
    const LlmReply policy = awaitChat(&builtin, request, [&streamed](const QString &delta) { streamed += delta; });
    QVERIFY(policy.ok);
    QCOMPARE(streamed, policy.text);
    QCOMPARE(policy.text, BuiltinPolicyBackend::answer(*request.observation));
}

void TestLlmBackends::awaitChatCancels()
{
    LlmTestServer server(Protocol::OpenAi);
    QVERIFY(server.listen());
    Script script = LlmTestServer::answer(QStringLiteral("never ending story"), 20);
    script.end = End::Hang;
    server.setDefault(script);
    const auto backend = backendFor(server, QStringLiteral("m"));

    // Canceled once the first token is in: within the 50 ms polling, not at the 30 s timeout.
    bool stop = false;
    QElapsedTimer clock;
    clock.start();
    qint64 stoppedAt = -1;
    const LlmReply reply = awaitChat(
        backend.get(), chatRequest(QStringLiteral("m"), 30000, 30000),
        [&stop, &stoppedAt, &clock](const QString &) {
            if (!stop)
                stoppedAt = clock.elapsed();
            stop = true;
        },
        [&stop] { return stop; });
    QCOMPARE(failureName(reply.failure), failureName(Failure::Canceled));
    QVERIFY(stoppedAt >= 0);
    QVERIFY2(clock.elapsed() - stoppedAt < 500, qPrintable(QString::number(clock.elapsed() - stoppedAt)));

    // Already canceled: no request goes out at all.
    const int before = int(server.chatRequests().size());
    const LlmReply early = awaitChat(backend.get(), chatRequest(QStringLiteral("m")), {}, [] { return true; });
    QCOMPARE(failureName(early.failure), failureName(Failure::Canceled));
    QTest::qWait(50);
    QCOMPARE(int(server.chatRequests().size()), before);

    // No backend: a failure, not a crash.
    QVERIFY(!awaitChat(nullptr, chatRequest(QStringLiteral("m"))).ok);
}

void TestLlmBackends::awaitChatOnWorkerThread()
{
    // As the agent loop uses it: the backend lives on a worker thread, the server on this one.
    LlmTestServer server(Protocol::OpenAi);
    QVERIFY(server.listen());
    const QString answer = QStringLiteral("Sell into strength.\nRECOMMENDATION: APE OUT 0.02 ETH");
    server.enqueue(LlmTestServer::answer(answer, 5));
    const QString spec = server.spec(QStringLiteral("m"));
    std::atomic<bool> done{false};
    LlmReply reply;
    int tokens = 0;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        const auto backend = makeBackend(*parseBackendSpec(spec));
        reply = awaitChat(backend.get(), chatRequest(QStringLiteral("m")), [&tokens](const QString &) { ++tokens; });
        done = true;
    }));
    worker->start();
    QVERIFY(waitUntil([&done] { return done.load(); }, 10000));
    QVERIFY(worker->wait(5000));
    QVERIFY2(reply.ok, qPrintable(describe(reply)));
    QCOMPARE(reply.text, answer);
    QCOMPARE(tokens, LlmTestServer::answer(answer).chunks.size());
}

void TestLlmBackends::awaitChatEndsWhenThreadQuits()
{
    LlmTestServer server(Protocol::Ollama);
    QVERIFY(server.listen());
    Script script = LlmTestServer::answer(QStringLiteral("still thinking"));
    script.end = End::Hang;
    server.enqueue(script);
    const QString spec = server.spec(QStringLiteral("m"));
    std::atomic<bool> done{false};
    LlmReply reply;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        const auto backend = makeBackend(*parseBackendSpec(spec));
        reply = awaitChat(backend.get(), chatRequest(QStringLiteral("m"), 30000, 30000));
        done = true;
    }));
    worker->start();
    QVERIFY(waitUntil([&server] { return server.chatRequests().size() == 1; }, 5000));
    QTest::qWait(100);
    worker->quit();
    QVERIFY(waitUntil([&done] { return done.load(); }, 3000));
    QVERIFY(worker->wait(5000));
    QCOMPARE(failureName(reply.failure), failureName(Failure::Canceled));
}

// -------------------------------------------------------------------------------------------------
// Built-in policy

void TestLlmBackends::builtinRule_data()
{
    QTest::addColumn<Observation>("input");
    QTest::addColumn<QString>("expected");

    // ETH overweight (66.67 % against 50 %, beyond half the 10 % threshold): sell, capped at 0.05.
    QTest::newRow("rebalance overweight")
        << observation(QStringLiteral("1"), QStringLiteral("1000"), 2000, 0.0, 12)
        << QStringLiteral("ETH is 66.67% of the $3000.00 portfolio against a 50.00% target, more than half the 10.00% "
                          "threshold away, so I sell 0.0500 ETH at $2000.00 to move back toward the target.\n"
                          "RECOMMENDATION: APE OUT 0.0500 ETH");
    // Underweight (44.44 %): buy |deviation| × total / price = 0.0556 × 180 / 2000 = 0.0050 ETH,
    // even against a falling market.
    QTest::newRow("rebalance underweight")
        << observation(QStringLiteral("0.04"), QStringLiteral("100"), 2000, -1.0, 12)
        << QStringLiteral("ETH is 44.44% of the $180.00 portfolio against a 50.00% target, more than half the 10.00% "
                          "threshold away, so I buy 0.0050 ETH at $2000.00 to move back toward the target.\n"
                          "RECOMMENDATION: APE IN 0.0050 ETH");
    // Balanced, price up: buy 20 % of the USDC's worth (200 × 0.2 / 2000 = 0.02 ETH).
    QTest::newRow("momentum up")
        << observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, 0.4, 12)
        << QStringLiteral("The price rose 0.40% over the last 10 min across 12 swaps, so I follow the momentum and buy "
                          "0.0200 ETH with 20% of the USDC (at most 0.0500 ETH).\nRECOMMENDATION: APE IN 0.0200 ETH");
    // Balanced, price down: sell 20 % of the spendable ETH ((0.1 − 0.0005) × 0.2 = 0.0199 ETH).
    QTest::newRow("momentum down")
        << observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, -0.31, 5)
        << QStringLiteral("The price fell 0.31% over the last 10 min across 5 swaps, so I follow the momentum and sell "
                          "0.0199 ETH, 20% of the spendable ETH (at most 0.0500 ETH).\nRECOMMENDATION: APE OUT 0.0199 ETH");
    // The band's edges trade; capped at maxTradeEth.
    QTest::newRow("edge up capped")
        << observation(QStringLiteral("1"), QStringLiteral("2000"), 2000, 0.25, 3)
        << QStringLiteral("The price rose 0.25% over the last 10 min across 3 swaps, so I follow the momentum and buy "
                          "0.0500 ETH with 20% of the USDC (at most 0.0500 ETH).\nRECOMMENDATION: APE IN 0.0500 ETH");
    QTest::newRow("edge down")
        << observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, -0.25, 3)
        << QStringLiteral("The price fell 0.25% over the last 10 min across 3 swaps, so I follow the momentum and sell "
                          "0.0199 ETH, 20% of the spendable ETH (at most 0.0500 ETH).\nRECOMMENDATION: APE OUT 0.0199 ETH");
    QTest::newRow("inside band")
        << observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, 0.1, 12)
        << QStringLiteral("The price moved +0.10% over the last 10 min across 12 swaps, inside the \u00b10.25% band, and "
                          "ETH is 50.00% of the $400.00 portfolio against a 50.00% target, so I hold.\n"
                          "RECOMMENDATION: APE NEUTRAL");
    QTest::newRow("inside band down")
        << observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, -0.2, 12)
        << QStringLiteral("The price moved -0.20% over the last 10 min across 12 swaps, inside the \u00b10.25% band, and "
                          "ETH is 50.00% of the $400.00 portfolio against a 50.00% target, so I hold.\n"
                          "RECOMMENDATION: APE NEUTRAL");
    // A big move on two swaps is no trend.
    QTest::newRow("too few swaps")
        << observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, 1.5, 2)
        << QStringLiteral("Only 2 swaps in the last 10 min are too few to read a trend, and ETH is 50.00% of the $400.00 "
                          "portfolio against a 50.00% target, so I hold.\nRECOMMENDATION: APE NEUTRAL");
    // 54 % is within half the threshold (5 %): momentum decides, not the rebalancer.
    QTest::newRow("small drift, momentum")
        << observation(QStringLiteral("0.135"), QStringLiteral("230"), 2000, 0.5, 4)
        << QStringLiteral("The price rose 0.50% over the last 10 min across 4 swaps, so I follow the momentum and buy "
                          "0.0230 ETH with 20% of the USDC (at most 0.0500 ETH).\nRECOMMENDATION: APE IN 0.0230 ETH");
    // Rebalancing switched off: an overweight portfolio follows momentum (down: sell).
    Observation noRebalance = observation(QStringLiteral("1"), QStringLiteral("1000"), 2000, -0.5, 8);
    noRebalance.rebalance.enabled = false;
    QTest::newRow("rebalancing off")
        << noRebalance
        << QStringLiteral("The price fell 0.50% over the last 10 min across 8 swaps, so I follow the momentum and sell "
                          "0.0500 ETH, 20% of the spendable ETH (at most 0.0500 ETH).\nRECOMMENDATION: APE OUT 0.0500 ETH");
    // Other limits and target from the observation.
    Observation custom = observation(QStringLiteral("0.1"), QStringLiteral("300"), 2000, 0.3, 6);
    custom.rebalance.targetEthAllocation = 0.4;
    custom.limits.defaultShare = 0.125;
    custom.limits.maxTradeEth = 0.01;
    QTest::newRow("custom limits")
        << custom
        << QStringLiteral("The price rose 0.30% over the last 10 min across 6 swaps, so I follow the momentum and buy "
                          "0.0100 ETH with 12.5% of the USDC (at most 0.0100 ETH).\nRECOMMENDATION: APE IN 0.0100 ETH");
    // Dust: 20 % of 0.1 USDC is far below the minimum trade.
    QTest::newRow("dust")
        << observation(QStringLiteral("0.00005"), QStringLiteral("0.1"), 2000, 0.4, 12)
        << QStringLiteral("The price rose 0.40% over the last 10 min across 12 swaps, but a trade of 0.0000 ETH would be "
                          "below the 0.0001 ETH minimum, so I hold.\nRECOMMENDATION: APE NEUTRAL");
    Observation noMarket = observation(QStringLiteral("0.1"), QStringLiteral("200"), 2000, 0, 0);
    noMarket.market = MarketView{};
    QTest::newRow("no metrics")
        << noMarket
        << QStringLiteral("There are no live market metrics yet, and ETH is 50.00% of the $400.00 portfolio against a "
                          "50.00% target, so I hold.\nRECOMMENDATION: APE NEUTRAL");
    QTest::newRow("empty wallet")
        << observation(QStringLiteral("0"), QStringLiteral("0"), 2000, 1.0, 12)
        << QStringLiteral("I see no price or no holdings to trade, so I hold.\nRECOMMENDATION: APE NEUTRAL");
}

void TestLlmBackends::builtinRule()
{
    QFETCH(Observation, input);
    QFETCH(QString, expected);
    const QString answer = BuiltinPolicyBackend::answer(input);
    QCOMPARE(answer, expected);
    QCOMPARE(BuiltinPolicyBackend::answer(input), answer);   // deterministic
    const QStringList lines = answer.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    static const QRegularExpression recommendation(
        QStringLiteral("^RECOMMENDATION: (APE (IN|OUT) \\d+\\.\\d{4} ETH|APE NEUTRAL)$"));
    QVERIFY2(recommendation.match(lines.last()).hasMatch(), qPrintable(lines.last()));
}

void TestLlmBackends::builtinStreamsAsynchronously()
{
    BuiltinPolicyBackend backend;
    LlmRequest request;
    request.model = QStringLiteral("momentum");
    request.observation = observation(QStringLiteral("1"), QStringLiteral("1000"), 2000, 0.0, 12);
    const QString expected = BuiltinPolicyBackend::answer(*request.observation);

    // Nothing is emitted inside chat(): the signals connected after it see every token.
    const Run run = runCall(&backend, request);
    QVERIFY2(run.reply.ok, qPrintable(describe(run.reply)));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(run.reply.text, expected);
    QCOMPARE(run.tokens.join(QString()), expected);
    QVERIFY(run.tokens.size() > 20);
    QCOMPARE(run.tokens.first(), QStringLiteral("ETH "));
    QCOMPARE(run.tokens.last(), QStringLiteral("ETH"));
    QCOMPARE(run.reply.model, QStringLiteral("momentum"));
    QCOMPARE(run.reply.finishReason, QStringLiteral("stop"));

    // Canceled after a few words: Canceled, and only those words.
    const Run canceled = runCall(&backend, request, [](LlmCall *call, const Run &sofar) {
        if (sofar.tokens.size() == 3)
            call->cancel();
    });
    QCOMPARE(canceled.finishedCount, 1);
    QCOMPARE(failureName(canceled.reply.failure), failureName(Failure::Canceled));
    QCOMPARE(canceled.tokens.size(), 3);
    QCOMPARE(canceled.reply.text, canceled.tokens.join(QString()));

    std::optional<Result<QList<ModelInfo>>> models;
    backend.listModels([&models](Result<QList<ModelInfo>> result) { models.emplace(std::move(result)); });
    QVERIFY(!models.has_value());
    QVERIFY(waitUntil([&models] { return models.has_value(); }, 1000));
    QCOMPARE(models->value().size(), 1);
    QCOMPARE(models->value().first().name, QStringLiteral("momentum"));
}

void TestLlmBackends::builtinNeedsObservation()
{
    BuiltinPolicyBackend backend;
    LlmRequest request;
    request.model = QStringLiteral("momentum");
    const Run run = runCall(&backend, request);
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(!run.reply.ok);
    QCOMPARE(failureName(run.reply.failure), failureName(Failure::Server));
    QVERIFY2(run.reply.error.message.contains(QStringLiteral("needs the market view")), qPrintable(run.reply.error.message));
    QVERIFY(run.tokens.isEmpty());

    BuiltinPolicyBackend unknown(QStringLiteral("martingale"));
    request.observation = observation(QStringLiteral("1"), QStringLiteral("1000"), 2000, 0.0, 12);
    const Run refused = runCall(&unknown, request);
    QCOMPARE(failureName(refused.reply.failure), failureName(Failure::Server));
    QVERIFY(refused.reply.error.message.contains(QStringLiteral("martingale")));
}

QTEST_GUILESS_MAIN(TestLlmBackends)
#include "test_llm_backends.moc"
