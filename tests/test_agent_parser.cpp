// Reading model answers, sizing trades and the stateless prompt, without a model or a chain:
// - parseAnswer over a table of real-looking answers: canary words with and without amounts and
//   units, markdown, lower case, "APE IN 100 USDC" as 100 USDC (the tutorial read 100 ETH), the
//   TRADE/DIRECTION/PERCENTAGE fields, the BUY/SELL/HOLD fallback, and everything that must not
//   trade: garbage, empty, contradictory, cut off mid-word, negative / zero / absurd amounts, and
//   reasoning models' <think> blocks (only the text after </think> counts);
// - cutAfterRecommendation;
// - sizeTrade from parsed answers: exact base units ("0.05 ETH" is 50000000000000000 wei), caps,
//   minimums, the gas reserve, zero balances;
// - rebalanceTrade: threshold, cooldown, restore-the-target amount and its bounds;
// - the stateless prompt's exact text for one fixed observation, and that it does not depend on the locale.

#include "agent/decisionparser.h"
#include "agent/prompts.h"
#include "agent/tradesizer.h"
#include "eth/units.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace apedesk;
using namespace apedesk::agent;

using Format = ParsedAnswer::Format;
using Action = ParsedAnswer::Action;
using AmountKind = ParsedAnswer::AmountKind;

namespace {

eth::u256 units(const char *text, int decimals)
{
    const Result<eth::u256> value = eth::parseUnits(QString::fromLatin1(text), decimals);
    if (!value)
        qFatal("bad test amount %s", text);
    return *value;
}

Portfolio portfolio(const char *eth, const char *usdc, double price)
{
    Portfolio p;
    p.valid = true;
    p.ethWei = units(eth, 18);
    p.usdcUnits = units(usdc, 6);
    p.price = price;
    p.blockNumber = 1;
    return p;
}

QString describe(const ParsedAnswer &p)
{
    return QStringLiteral("format %1 canary '%2' action %3 kind %4 amount %5 unit '%6' text '%7' why '%8' reasoning '%9'")
        .arg(int(p.format))
        .arg(canaryText(p.canary), actionText(p.action))
        .arg(int(p.amountKind))
        .arg(p.amount, 0, 'g', 17)
        .arg(p.unit, p.amountText, p.why, p.reasoning);
}

} // namespace

class TestAgentParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void cutAfterRecommendation_data();
    void cutAfterRecommendation();
    void size_data();
    void size();
    void sizeGuards();
    void rebalance_data();
    void rebalance();
    void statelessPromptGolden();
    void statelessPromptWarningsAndWindow();
    void statelessPromptIgnoresLocale();
};

// ---------------------------------------------------------------------------------------------
// Parsing

void TestAgentParser::parse_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("canary");
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("amount");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("amountText");
    QTest::addColumn<QString>("whyContains");        // Format::None only
    QTest::addColumn<QString>("reasoningContains");

    const int C = int(Format::Canary), T = int(Format::TradeFields), N = int(Format::NaturalLanguage), X = int(Format::None);
    const int cNone = int(Canary::None), cIn = int(Canary::ApeIn), cOut = int(Canary::ApeOut), cNeutral = int(Canary::ApeNeutral);
    const int buy = int(Action::Buy), sell = int(Action::Sell), hold = int(Action::Hold), noAction = int(Action::None);
    const int def = int(AmountKind::Default), abs = int(AmountKind::Absolute), pct = int(AmountKind::Percent);
    const QString none;

    // --- canary words
    QTest::newRow("canary out eth")
        << QStringLiteral("The price dropped 2% in ten minutes while volume rose.\nRECOMMENDATION: APE OUT 0.05 ETH")
        << C << cOut << sell << abs << 0.05 << "ETH" << "0.05 ETH" << none << "price dropped 2%";
    QTest::newRow("canary markdown bold marker")
        << QStringLiteral("**Analysis:** momentum is negative.\n\n**RECOMMENDATION:** APE OUT 0.05 ETH")
        << C << cOut << sell << abs << 0.05 << "ETH" << "0.05 ETH" << none << "momentum is negative";
    QTest::newRow("canary markdown bold word")
        << QStringLiteral("### Verdict\n**RECOMMENDATION**: **APE IN** 100 USDC")
        << C << cIn << buy << abs << 100.0 << "USDC" << "100 USDC" << none << "Verdict";
    QTest::newRow("canary in 100 usdc is usdc")
        << QStringLiteral("RECOMMENDATION: APE IN 100 USDC")
        << C << cIn << buy << abs << 100.0 << "USDC" << "100 USDC" << none << "";
    QTest::newRow("canary lower case")
        << QStringLiteral("recommendation: ape in 100 usdc")
        << C << cIn << buy << abs << 100.0 << "USDC" << "100 usdc" << none << "";
    QTest::newRow("canary dollar sign")
        << QStringLiteral("RECOMMENDATION: APE IN $250")
        << C << cIn << buy << abs << 250.0 << "USDC" << "$250" << none << "";
    QTest::newRow("canary thousands separator")
        << QStringLiteral("RECOMMENDATION: APE IN 1,000 USDC")
        << C << cIn << buy << abs << 1000.0 << "USDC" << "1,000 USDC" << none << "";
    QTest::newRow("canary in bare number is eth")
        << QStringLiteral("RECOMMENDATION: APE IN 0.5")
        << C << cIn << buy << abs << 0.5 << "ETH" << "0.5" << none << "";
    QTest::newRow("canary out no space before unit")
        << QStringLiteral("RECOMMENDATION: APE OUT 0.02ETH.")
        << C << cOut << sell << abs << 0.02 << "ETH" << "0.02ETH" << none << "";
    QTest::newRow("canary out usdc amount")
        << QStringLiteral("RECOMMENDATION: APE OUT 100 USDC")
        << C << cOut << sell << abs << 100.0 << "USDC" << "100 USDC" << none << "";
    QTest::newRow("canary out part of")
        << QStringLiteral("Sellers dominate.\nRECOMMENDATION: APE OUT part of my ETH")
        << C << cOut << sell << def << 0.0 << "" << "part of" << none << "Sellers dominate.";
    QTest::newRow("canary in some")
        << QStringLiteral("RECOMMENDATION: APE IN some")
        << C << cIn << buy << def << 0.0 << "" << "some" << none << "";
    QTest::newRow("canary out no amount")
        << QStringLiteral("RECOMMENDATION: APE OUT")
        << C << cOut << sell << def << 0.0 << "" << "" << none << "";
    QTest::newRow("canary out with prose")
        << QStringLiteral("RECOMMENDATION: APE OUT because the trend broke down")
        << C << cOut << sell << def << 0.0 << "" << "" << none << "";
    QTest::newRow("canary percent")
        << QStringLiteral("RECOMMENDATION: APE OUT 25%")
        << C << cOut << sell << pct << 0.25 << "" << "25%" << none << "";
    QTest::newRow("canary neutral")
        << QStringLiteral("Nothing is happening.\nRECOMMENDATION: APE NEUTRAL")
        << C << cNeutral << hold << def << 0.0 << "" << "" << none << "Nothing is happening.";
    QTest::newRow("canary neutral with text")
        << QStringLiteral("RECOMMENDATION: APE NEUTRAL - the market is flat, 0 trades needed")
        << C << cNeutral << hold << def << 0.0 << "" << "" << none << "";
    QTest::newRow("canary on the next line")
        << QStringLiteral("Downtrend.\n**RECOMMENDATION:**\n\nAPE OUT 0.02 ETH")
        << C << cOut << sell << abs << 0.02 << "ETH" << "0.02 ETH" << none << "Downtrend.";
    QTest::newRow("canary standalone final line")
        << QStringLiteral("Volume is thin and the price keeps falling.\n\nAPE OUT 0.05 ETH")
        << C << cOut << sell << abs << 0.05 << "ETH" << "0.05 ETH" << none << "keeps falling";
    QTest::newRow("canary labelled")
        << QStringLiteral("Final decision: APE IN 20 USDC")
        << C << cIn << buy << abs << 20.0 << "USDC" << "20 USDC" << none << "";
    QTest::newRow("canary inline after reasoning")
        << QStringLiteral("Buyers are back. RECOMMENDATION: APE IN 0.01 ETH")
        << C << cIn << buy << abs << 0.01 << "ETH" << "0.01 ETH" << none << "Buyers are back.";
    QTest::newRow("fine-tuned run-on is cut")
        << QStringLiteral("RECOMMENDATION: APE IN 0.01 ETH\nGiven ETH price is $2400.00 with volume of 3.10 ...\n"
                          "RECOMMENDATION: APE OUT 0.05 ETH")
        << C << cIn << buy << abs << 0.01 << "ETH" << "0.01 ETH" << none << "";
    QTest::newRow("canary wins over trade fields")
        << QStringLiteral("TRADE: NO\nRECOMMENDATION: APE OUT 0.01 ETH")
        << C << cOut << sell << abs << 0.01 << "ETH" << "0.01 ETH" << none << "TRADE: NO";
    QTest::newRow("prose mention is not a claim")
        << QStringLiteral("Some would ape in here, but I see a top.\nRECOMMENDATION: APE OUT 0.03 ETH")
        << C << cOut << sell << abs << 0.03 << "ETH" << "0.03 ETH" << none << "see a top";

    // --- reasoning models
    QTest::newRow("think block then a different final canary")
        << QStringLiteral("<think>\nPrice is rising... RECOMMENDATION: APE IN 0.05 ETH? No wait, volume is falling.\nAPE IN\n</think>\n\n"
                          "RECOMMENDATION: APE OUT 0.02 ETH")
        << C << cOut << sell << abs << 0.02 << "ETH" << "0.02 ETH" << none << "volume is falling";
    QTest::newRow("think block then trade fields")
        << QStringLiteral("<think>Should I sell? APE OUT maybe.</think>\nTRADE: NO\nDIRECTION: ETH_TO_USDC\nPERCENTAGE: 0\nREASONING: Too quiet.")
        << T << cNone << hold << def << 0.0 << "" << "" << none << "Too quiet.";
    QTest::newRow("only a closing tag")
        << QStringLiteral("I think APE IN.\n</think>\nRECOMMENDATION: APE NEUTRAL")
        << C << cNeutral << hold << def << 0.0 << "" << "" << none << "I think APE IN.";
    QTest::newRow("only thinking")
        << QStringLiteral("<think>RECOMMENDATION: APE IN 1 ETH</think>\n")
        << X << cNone << noAction << def << 0.0 << "" << "" << "only thinking" << "APE IN 1 ETH";
    QTest::newRow("cut off while thinking")
        << QStringLiteral("<think>\nLet me weigh this. RECOMMENDATION: APE IN 0.05 ETH would be")
        << X << cNone << noAction << def << 0.0 << "" << "" << "<think>" << "Let me weigh";

    // --- contradictory and cut off
    QTest::newRow("contradictory lines")
        << QStringLiteral("APE IN\nRECOMMENDATION: APE OUT 0.05 ETH")
        << X << cNone << noAction << def << 0.0 << "" << "" << "APE IN, APE OUT" << "APE IN";
    QTest::newRow("contradictory on one line")
        << QStringLiteral("RECOMMENDATION: APE IN or APE OUT, hard to say")
        << X << cNone << noAction << def << 0.0 << "" << "" << "contradictory" << "";
    QTest::newRow("contradictory standalone lines")
        << QStringLiteral("APE NEUTRAL\nOn second thought:\nAPE OUT 0.01 ETH")
        << X << cNone << noAction << def << 0.0 << "" << "" << "APE OUT, APE NEUTRAL" << "";
    QTest::newRow("truncated mid-word")
        << QStringLiteral("The trend is up.\nRECOMMENDATION: APE O")
        << X << cNone << noAction << def << 0.0 << "" << "" << "RECOMMENDATION line" << "The trend is up.";
    QTest::newRow("truncated after marker")
        << QStringLiteral("RECOMMENDATION: AP")
        << X << cNone << noAction << def << 0.0 << "" << "" << "“RECOMMENDATION: AP”" << "";
    QTest::newRow("APE INTO is not APE IN")
        << QStringLiteral("RECOMMENDATION: APE INTO the dip")
        << X << cNone << noAction << def << 0.0 << "" << "" << "RECOMMENDATION line" << "";

    // --- unusable amounts keep the canary but trade nothing
    QTest::newRow("negative amount")
        << QStringLiteral("RECOMMENDATION: APE OUT -0.05 ETH")
        << X << cOut << noAction << def << 0.0 << "" << "-0.05 ETH" << "negative" << "";
    QTest::newRow("zero amount")
        << QStringLiteral("RECOMMENDATION: APE IN 0 USDC")
        << X << cIn << noAction << def << 0.0 << "" << "0 USDC" << "zero" << "";
    QTest::newRow("absurd amount")
        << QStringLiteral("RECOMMENDATION: APE IN 100000000000 USDC")
        << X << cIn << noAction << def << 0.0 << "" << "100000000000 USDC" << "absurdly large" << "";
    QTest::newRow("absurd exponent")
        << QStringLiteral("RECOMMENDATION: APE OUT 1e12 ETH")
        << X << cOut << noAction << def << 0.0 << "" << "1e12 ETH" << "absurdly large" << "";
    QTest::newRow("nan amount")
        << QStringLiteral("RECOMMENDATION: APE OUT NaN ETH")
        << X << cOut << noAction << def << 0.0 << "" << "NaN" << "not a number" << "";
    QTest::newRow("share over 100%")
        << QStringLiteral("RECOMMENDATION: APE OUT 150%")
        << X << cOut << noAction << def << 0.0 << "" << "150%" << "more than 100%" << "";
    QTest::newRow("foreign token")
        << QStringLiteral("RECOMMENDATION: APE IN 100 USDT")
        << X << cIn << noAction << def << 0.0 << "" << "100 USDT" << "does not trade" << "";
    QTest::newRow("decimal comma")
        << QStringLiteral("RECOMMENDATION: APE OUT 0,05 ETH")
        << X << cOut << noAction << def << 0.0 << "" << "0" << "ambiguous" << "";

    // --- TRADE fields
    QTest::newRow("trade yes sell")
        << QStringLiteral("TRADE: YES\nDIRECTION: ETH_TO_USDC\nPERCENTAGE: 25\nREASONING: Price is falling fast.")
        << T << cNone << sell << pct << 0.25 << "" << "25%" << none << "Price is falling fast.";
    QTest::newRow("trade yes buy all")
        << QStringLiteral("Analysis done.\nTRADE: YES\nDIRECTION: USDC_TO_ETH\nPERCENTAGE: 100\nREASONING: Dip.")
        << T << cNone << buy << pct << 1.0 << "" << "100%" << none << "Dip.";
    QTest::newRow("trade fields markdown")
        << QStringLiteral("**TRADE:** YES\n**DIRECTION:** USDC_TO_ETH\n**PERCENTAGE:** 10%\n**REASONING:** Support held.")
        << T << cNone << buy << pct << 0.10 << "" << "10%" << none << "Support held.";
    QTest::newRow("trade no")
        << QStringLiteral("TRADE: NO\nDIRECTION: ETH_TO_USDC\nPERCENTAGE: 0\nREASONING: Wait for volume.")
        << T << cNone << hold << def << 0.0 << "" << "" << none << "Wait for volume.";
    QTest::newRow("trade yes without percentage")
        << QStringLiteral("TRADE: YES\nDIRECTION: ETH_TO_USDC\nREASONING: Sell.")
        << X << cNone << noAction << def << 0.0 << "" << "" << "without a PERCENTAGE" << "Sell.";
    QTest::newRow("trade yes percentage zero")
        << QStringLiteral("TRADE: YES\nDIRECTION: ETH_TO_USDC\nPERCENTAGE: 0\nREASONING: x")
        << X << cNone << noAction << def << 0.0 << "" << "" << "outside 1–100" << "";
    QTest::newRow("trade yes percentage over 100")
        << QStringLiteral("TRADE: YES\nDIRECTION: USDC_TO_ETH\nPERCENTAGE: 150\nREASONING: x")
        << X << cNone << noAction << def << 0.0 << "" << "" << "outside 1–100" << "";
    QTest::newRow("trade yes without direction")
        << QStringLiteral("TRADE: YES\nPERCENTAGE: 20\nREASONING: x")
        << X << cNone << noAction << def << 0.0 << "" << "" << "without a DIRECTION" << "";
    QTest::newRow("trade yes and no")
        << QStringLiteral("TRADE: YES\nDIRECTION: ETH_TO_USDC\nPERCENTAGE: 20\nTRADE: NO")
        << X << cNone << noAction << def << 0.0 << "" << "" << "TRADE: YES and TRADE: NO" << "";
    QTest::newRow("template echo is not an answer")
        << QStringLiteral("TRADE: YES/NO\nDIRECTION: ETH_TO_USDC or USDC_TO_ETH\nPERCENTAGE: <1-100>\nREASONING: ...")
        << X << cNone << noAction << def << 0.0 << "" << "" << "No canary word" << "";

    // --- BUY / SELL / HOLD
    QTest::newRow("natural recommendation buy")
        << QStringLiteral("Based on the analysis, ETH looks cheap.\nRECOMMENDATION: BUY")
        << N << cNone << buy << def << 0.0 << "" << "" << none << "ETH looks cheap";
    QTest::newRow("natural action sell")
        << QStringLiteral("Momentum is fading.\nAction: SELL")
        << N << cNone << sell << def << 0.0 << "" << "" << none << "Momentum is fading.";
    QTest::newRow("natural decision hold markdown")
        << QStringLiteral("**Decision:** HOLD")
        << N << cNone << hold << def << 0.0 << "" << "" << none << "";
    QTest::newRow("natural sell with amount")
        << QStringLiteral("Recommendation: SELL 0.03 ETH")
        << N << cNone << sell << abs << 0.03 << "ETH" << "0.03 ETH" << none << "";
    QTest::newRow("natural final standalone word")
        << QStringLiteral("The market is choppy with no clear trend.\n\n**HOLD**")
        << N << cNone << hold << def << 0.0 << "" << "" << none << "choppy";
    QTest::newRow("natural final standalone lowercase")
        << QStringLiteral("Breakout confirmed.\nsell.")
        << N << cNone << sell << def << 0.0 << "" << "" << none << "Breakout confirmed.";
    QTest::newRow("natural contradictory")
        << QStringLiteral("Action: BUY\nThen again...\nDecision: SELL")
        << X << cNone << noAction << def << 0.0 << "" << "" << "BUY, SELL" << "";
    QTest::newRow("natural marker and different final word")
        << QStringLiteral("Action: HOLD\nBUY")
        << X << cNone << noAction << def << 0.0 << "" << "" << "contradictory" << "";

    // --- nothing to read
    QTest::newRow("garbage")
        << QStringLiteral("asdf qwerty 12345 ####")
        << X << cNone << noAction << def << 0.0 << "" << "" << "No canary word, TRADE fields or BUY/SELL/HOLD" << "asdf";
    QTest::newRow("empty") << QString() << X << cNone << noAction << def << 0.0 << "" << "" << "empty" << "";
    QTest::newRow("blank") << QStringLiteral("  \n\t \n") << X << cNone << noAction << def << 0.0 << "" << "" << "empty" << "";
    QTest::newRow("prose only")
        << QStringLiteral("I would not ape in right now; traders HOLD their bags and buying looks risky. The market is up.")
        << X << cNone << noAction << def << 0.0 << "" << "" << "No canary word" << "";
    QTest::newRow("timeout apology")
        << QStringLiteral("Sorry, I could not analyze the market in time.")
        << X << cNone << noAction << def << 0.0 << "" << "" << "No canary word" << "Sorry";
}

void TestAgentParser::parse()
{
    QFETCH(QString, answer);
    QFETCH(int, format);
    QFETCH(int, canary);
    QFETCH(int, action);
    QFETCH(int, kind);
    QFETCH(double, amount);
    QFETCH(QString, unit);
    QFETCH(QString, amountText);
    QFETCH(QString, whyContains);
    QFETCH(QString, reasoningContains);

    const ParsedAnswer parsed = parseAnswer(answer);
    const QByteArray got = describe(parsed).toUtf8();
    QVERIFY2(int(parsed.format) == format, got.constData());
    QVERIFY2(int(parsed.canary) == canary, got.constData());
    QVERIFY2(int(parsed.action) == action, got.constData());
    QVERIFY2(int(parsed.amountKind) == kind, got.constData());
    QVERIFY2(qFuzzyCompare(1 + parsed.amount, 1 + amount), got.constData());
    QVERIFY2(parsed.unit == unit, got.constData());
    QVERIFY2(parsed.amountText == amountText, got.constData());
    if (format == int(Format::None)) {
        QVERIFY2(!parsed.why.isEmpty(), got.constData());
        QVERIFY2(parsed.why.contains(whyContains), got.constData());
        QVERIFY2(!parsed.isTrade(), got.constData());
    } else {
        QVERIFY2(parsed.why.isEmpty(), got.constData());
    }
    QVERIFY2(parsed.reasoning.contains(reasoningContains), got.constData());
    QVERIFY2(parsed.reasoning == parsed.reasoning.trimmed(), got.constData());
    if (!reasoningContains.isEmpty())
        QVERIFY2(!parsed.reasoning.contains(QLatin1String("</think>")), got.constData());
    // Nothing unreadable may ever size into a trade, whatever the balances.
    if (format == int(Format::None) || action == int(Action::Hold))
        QVERIFY(!sizeTrade(parsed, portfolio("10", "100000", 2500), TradeLimits()).trade);
}

void TestAgentParser::cutAfterRecommendation_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("cut");
    QTest::newRow("no marker") << QStringLiteral("a\nb") << QStringLiteral("a\nb");
    QTest::newRow("marker on last line") << QStringLiteral("a\nRECOMMENDATION: APE IN") << QStringLiteral("a\nRECOMMENDATION: APE IN");
    QTest::newRow("run-on removed") << QStringLiteral("a\nRECOMMENDATION: APE IN 1\nGiven ETH price...\nRECOMMENDATION: APE OUT")
                                    << QStringLiteral("a\nRECOMMENDATION: APE IN 1");
    QTest::newRow("case and markdown") << QStringLiteral("**Recommendation**: APE OUT\nmore") << QStringLiteral("**Recommendation**: APE OUT");
    QTest::newRow("verdict on the next line") << QStringLiteral("x\nRECOMMENDATION: **\n\nAPE OUT 1\ntail")
                                              << QStringLiteral("x\nRECOMMENDATION: **\n\nAPE OUT 1");
    QTest::newRow("not inside thinking") << QStringLiteral("<think>RECOMMENDATION: APE IN\nhmm</think>\nok\nRECOMMENDATION: APE OUT\nx")
                                         << QStringLiteral("<think>RECOMMENDATION: APE IN\nhmm</think>\nok\nRECOMMENDATION: APE OUT");
    QTest::newRow("unclosed thinking untouched") << QStringLiteral("<think>RECOMMENDATION: APE IN\nmore")
                                                 << QStringLiteral("<think>RECOMMENDATION: APE IN\nmore");
}

void TestAgentParser::cutAfterRecommendation()
{
    QFETCH(QString, answer);
    QFETCH(QString, cut);
    QCOMPARE(agent::cutAfterRecommendation(answer), cut);
}

// ---------------------------------------------------------------------------------------------
// Sizing

void TestAgentParser::size_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("eth");
    QTest::addColumn<QString>("usdc");
    QTest::addColumn<double>("price");
    QTest::addColumn<bool>("trade");
    QTest::addColumn<int>("direction");
    QTest::addColumn<QString>("amountIn");      // base units, decimal
    QTest::addColumn<QString>("noteContains");

    const int sell = int(SwapDirection::EthToUsdc), buy = int(SwapDirection::UsdcToEth);
    // Default limits: gas reserve 0.0005 ETH, min 0.0001 ETH / 0.01 USDC, max 0.05 ETH, 95 % of the balance, default 20 %.
    QTest::newRow("out 0.05 eth exact") << "RECOMMENDATION: APE OUT 0.05 ETH" << "1" << "1000" << 2500.0
                                        << true << sell << "50000000000000000" << "0.05 ETH";
    QTest::newRow("in 100 usdc exact") << "RECOMMENDATION: APE IN 100 USDC" << "1" << "1000" << 2500.0
                                       << true << buy << "100000000" << "100 USDC";
    QTest::newRow("in $99.99 exact") << "RECOMMENDATION: APE IN $99.99" << "1" << "1000" << 2500.0
                                     << true << buy << "99990000" << "99.99 USDC";
    QTest::newRow("out 0.1 eth capped at max") << "RECOMMENDATION: APE OUT 0.1 ETH" << "1" << "1000" << 2500.0
                                               << true << sell << "50000000000000000" << "maximum trade";
    QTest::newRow("in 200 usdc capped at max value") << "RECOMMENDATION: APE IN 200 USDC" << "1" << "1000" << 2500.0
                                                     << true << buy << "125000000" << "maximum trade";
    QTest::newRow("in usdc capped at balance share") << "RECOMMENDATION: APE IN 100 USDC" << "1" << "50" << 2500.0
                                                     << true << buy << "47500000" << "share of the balance";
    QTest::newRow("out capped at balance share after gas reserve") << "RECOMMENDATION: APE OUT 0.05 ETH" << "0.03" << "0" << 2500.0
                                                                   << true << sell << "28025000000000000" << "share of the balance";
    QTest::newRow("out below minimum") << "RECOMMENDATION: APE OUT 0.00005 ETH" << "1" << "1000" << 2500.0
                                       << false << sell << "0" << "below the minimum";
    QTest::newRow("in below minimum usdc") << "RECOMMENDATION: APE IN 0.005 USDC" << "1" << "1000" << 2500.0
                                           << false << buy << "0" << "below the minimum";
    QTest::newRow("out part of: default share of spendable") << "RECOMMENDATION: APE OUT part of" << "0.1" << "0" << 2500.0
                                                             << true << sell << "19900000000000000" << "0.0199 ETH";
    QTest::newRow("in default share") << "RECOMMENDATION: APE IN" << "0" << "100" << 2500.0
                                      << true << buy << "20000000" << "20 USDC";
    QTest::newRow("out 25% of spendable") << "RECOMMENDATION: APE OUT 25%" << "0.1005" << "0" << 2500.0
                                          << true << sell << "25000000000000000" << "0.025 ETH";
    QTest::newRow("trade fields sell 50%") << "TRADE: YES\nDIRECTION: ETH_TO_USDC\nPERCENTAGE: 50\nREASONING: x" << "0.0505" << "0" << 2500.0
                                           << true << sell << "25000000000000000" << "0.025 ETH";
    QTest::newRow("trade fields buy 10%") << "TRADE: YES\nDIRECTION: USDC_TO_ETH\nPERCENTAGE: 10\nREASONING: x" << "0" << "1000" << 2500.0
                                          << true << buy << "100000000" << "100 USDC";
    QTest::newRow("out usdc amount in eth") << "RECOMMENDATION: APE OUT 100 USDC" << "1" << "0" << 2500.0
                                            << true << sell << "40000000000000000" << "0.04 ETH";
    QTest::newRow("in eth amount in usdc") << "RECOMMENDATION: APE IN 0.01 ETH" << "0" << "1000" << 2500.0
                                           << true << buy << "25000000" << "25 USDC";
    QTest::newRow("in bare number is eth, capped") << "RECOMMENDATION: APE IN 1" << "0" << "1000" << 2000.0
                                                   << true << buy << "100000000" << "maximum trade";
    QTest::newRow("natural sell default") << "Action: SELL" << "0.2005" << "0" << 2500.0
                                          << true << sell << "40000000000000000" << "0.04 ETH";
    QTest::newRow("only the gas reserve") << "RECOMMENDATION: APE OUT 0.01 ETH" << "0.0005" << "1000" << 2500.0
                                          << false << sell << "0" << "gas reserve";
    QTest::newRow("zero eth") << "RECOMMENDATION: APE OUT" << "0" << "1000" << 2500.0
                              << false << sell << "0" << "gas reserve";
    QTest::newRow("zero usdc") << "RECOMMENDATION: APE IN 10 USDC" << "1" << "0" << 2500.0
                               << false << buy << "0" << "No USDC";
    QTest::newRow("just above the reserve, below the minimum") << "RECOMMENDATION: APE OUT" << "0.00055" << "0" << 2500.0
                                                               << false << sell << "0" << "below the minimum";
    QTest::newRow("minimum not raised to fit") << "RECOMMENDATION: APE IN 0.01 USDC" << "0" << "0.01" << 2500.0
                                               << false << buy << "0" << "below the minimum";
    QTest::newRow("neutral") << "RECOMMENDATION: APE NEUTRAL" << "1" << "1000" << 2500.0 << false << sell << "0" << "hold";
    QTest::newRow("trade no") << "TRADE: NO\nREASONING: x" << "1" << "1000" << 2500.0 << false << sell << "0" << "hold";
    QTest::newRow("garbage") << "lorem ipsum" << "1" << "1000" << 2500.0 << false << sell << "0" << "observation";
    QTest::newRow("negative amount") << "RECOMMENDATION: APE OUT -1 ETH" << "1" << "1000" << 2500.0 << false << sell << "0" << "observation";
}

void TestAgentParser::size()
{
    QFETCH(QString, answer);
    QFETCH(QString, eth);
    QFETCH(QString, usdc);
    QFETCH(double, price);
    QFETCH(bool, trade);
    QFETCH(int, direction);
    QFETCH(QString, amountIn);
    QFETCH(QString, noteContains);

    const ParsedAnswer parsed = parseAnswer(answer);
    const SizedTrade sized = sizeTrade(parsed, portfolio(eth.toLatin1().constData(), usdc.toLatin1().constData(), price), TradeLimits());
    const QByteArray got = QStringLiteral("trade %1 direction %2 amountIn %3 note '%4' | %5")
                               .arg(sized.trade)
                               .arg(int(sized.direction))
                               .arg(eth::toDecimal(sized.amountIn), sized.note, describe(parsed))
                               .toUtf8();
    QVERIFY2(sized.trade == trade, got.constData());
    if (trade)
        QVERIFY2(int(sized.direction) == direction, got.constData());
    QVERIFY2(eth::toDecimal(sized.amountIn) == amountIn, got.constData());
    QVERIFY2(!sized.note.isEmpty(), got.constData());
    QVERIFY2(sized.note.contains(noteContains, Qt::CaseInsensitive), got.constData());
}

void TestAgentParser::sizeGuards()
{
    const ParsedAnswer sell = parseAnswer(QStringLiteral("RECOMMENDATION: APE OUT 0.01 ETH"));
    QCOMPARE(sell.action, Action::Sell);

    Portfolio unknown = portfolio("1", "1000", 2500);
    unknown.valid = false;
    SizedTrade sized = sizeTrade(sell, unknown, TradeLimits());
    QVERIFY(!sized.trade);
    QVERIFY(sized.note.contains(QLatin1String("balances")));

    sized = sizeTrade(sell, portfolio("1", "1000", 0), TradeLimits());
    QVERIFY(!sized.trade);
    QVERIFY(sized.note.contains(QLatin1String("price")));

    // A hand-made answer without amountText still sizes from `amount`.
    ParsedAnswer manual;
    manual.format = Format::Canary;
    manual.canary = Canary::ApeIn;
    manual.action = Action::Buy;
    manual.amountKind = AmountKind::Absolute;
    manual.amount = 12.5;
    manual.unit = QStringLiteral("USDC");
    sized = sizeTrade(manual, portfolio("0", "100", 2500), TradeLimits());
    QVERIFY(sized.trade);
    QCOMPARE(eth::toDecimal(sized.amountIn), QStringLiteral("12500000"));

    // Custom limits: a larger maximum and gas reserve, exact as written.
    TradeLimits limits;
    limits.maxTradeEth = 0.3;
    limits.gasReserveEth = 0.01;
    limits.maxBalanceShare = 1.0;
    sized = sizeTrade(parseAnswer(QStringLiteral("RECOMMENDATION: APE OUT 5 ETH")), portfolio("0.3", "0", 2500), limits);
    QVERIFY(sized.trade);
    QCOMPARE(eth::toDecimal(sized.amountIn), QStringLiteral("290000000000000000"));   // everything above the reserve
    sized = sizeTrade(parseAnswer(QStringLiteral("RECOMMENDATION: APE OUT 5 ETH")), portfolio("1", "0", 2500), limits);
    QCOMPARE(eth::toDecimal(sized.amountIn), QStringLiteral("300000000000000000"));   // the maximum, exactly
}

// ---------------------------------------------------------------------------------------------
// Rebalancing

void TestAgentParser::rebalance_data()
{
    QTest::addColumn<QString>("eth");
    QTest::addColumn<QString>("usdc");
    QTest::addColumn<double>("price");
    QTest::addColumn<double>("target");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("fires");
    QTest::addColumn<bool>("trade");
    QTest::addColumn<int>("direction");
    QTest::addColumn<QString>("amountIn");
    QTest::addColumn<QString>("noteContains");

    const int sell = int(SwapDirection::EthToUsdc), buy = int(SwapDirection::UsdcToEth);
    const qint64 now = 1750000000;
    // Default config: target 50 %, threshold 10 points, cooldown 3600 s, 0.01–0.05 ETH.
    QTest::newRow("balanced") << "1" << "2500" << 2500.0 << 0.5 << now << qint64(0) << true << false << false << 0 << "" << "";
    QTest::newRow("inside the threshold") << "1" << "2000" << 2500.0 << 0.5 << now << qint64(0) << true << false << false << 0 << "" << "";
    QTest::newRow("overweight: restore held to max")
        << "1" << "1000" << 2500.0 << 0.5 << now << qint64(0) << true << true << true << sell << "50000000000000000" << "71.4%";
    QTest::newRow("overweight: restore exactly")   // weight 2/3 → 0.025 ETH restores 50 %
        << "0.1" << "100" << 2000.0 << 0.5 << now << qint64(0) << true << true << true << sell << "25000000000000000" << "sell 0.025 ETH";
    QTest::newRow("overweight: raised to min")
        << "0.02" << "10" << 2500.0 << 0.5 << now << qint64(0) << true << true << true << sell << "10000000000000000" << "rebalance minimum";
    QTest::newRow("underweight: buy held to max")
        << "0.01" << "1000" << 2500.0 << 0.5 << now << qint64(0) << true << true << true << buy << "125000000" << "buy ETH with 125 USDC";
    QTest::newRow("underweight: usdc below the rebalance minimum")   // 0.01 ETH costs 20 USDC; 95 % of 20 is 19
        << "0" << "20" << 2000.0 << 0.5 << now << qint64(0) << true << true << false << buy << "0" << "cannot pay for the rebalance minimum of 20 USDC";
    QTest::newRow("sell everything: limited by the gas reserve and share")   // target 0: all 0.04 ETH, but 95 % of 0.0395
        << "0.04" << "0" << 2000.0 << 0.0 << now << qint64(0) << true << true << true << sell << "37525000000000000" << "limited by the balance";
    QTest::newRow("exactly at the threshold")
        << "0.6" << "400" << 1000.0 << 0.5 << now << qint64(0) << true << true << true << sell << "50000000000000000" << "60.0%";
    QTest::newRow("cooldown running") << "1" << "1000" << 2500.0 << 0.5 << now << now - 100 << true << false << false << 0 << "" << "";
    QTest::newRow("cooldown just over")
        << "1" << "1000" << 2500.0 << 0.5 << now << now - 3600 << true << true << true << sell << "50000000000000000" << "";
    QTest::newRow("disabled") << "1" << "1000" << 2500.0 << 0.5 << now << qint64(0) << false << false << false << 0 << "" << "";
    QTest::newRow("empty portfolio") << "0" << "0" << 2500.0 << 0.5 << now << qint64(0) << true << false << false << 0 << "" << "";
    QTest::newRow("no price") << "1" << "0" << 0.0 << 0.5 << now << qint64(0) << true << false << false << 0 << "" << "";
    QTest::newRow("cannot afford the minimum")
        << "0.008" << "1" << 2500.0 << 0.5 << now << qint64(0) << true << true << false << sell << "0" << "cannot pay";
}

void TestAgentParser::rebalance()
{
    QFETCH(QString, eth);
    QFETCH(QString, usdc);
    QFETCH(double, price);
    QFETCH(double, target);
    QFETCH(qint64, now);
    QFETCH(qint64, last);
    QFETCH(bool, enabled);
    QFETCH(bool, fires);
    QFETCH(bool, trade);
    QFETCH(int, direction);
    QFETCH(QString, amountIn);
    QFETCH(QString, noteContains);

    RebalanceConfig config;
    config.enabled = enabled;
    config.targetEthAllocation = target;
    const std::optional<SizedTrade> sized =
        rebalanceTrade(portfolio(eth.toLatin1().constData(), usdc.toLatin1().constData(), price), config, TradeLimits(), now, last);
    QCOMPARE(sized.has_value(), fires);
    if (!fires)
        return;
    const QByteArray got = QStringLiteral("trade %1 direction %2 amountIn %3 note '%4'")
                               .arg(sized->trade)
                               .arg(int(sized->direction))
                               .arg(eth::toDecimal(sized->amountIn), sized->note)
                               .toUtf8();
    QVERIFY2(sized->trade == trade, got.constData());
    QVERIFY2(int(sized->direction) == direction, got.constData());
    QVERIFY2(eth::toDecimal(sized->amountIn) == amountIn, got.constData());
    QVERIFY2(sized->note.contains(noteContains), got.constData());
    QVERIFY2(sized->note.contains(QStringLiteral("target of %1%").arg(target * 100, 0, 'f', 1)), got.constData());
}

// ---------------------------------------------------------------------------------------------
// The stateless prompt

namespace {

Observation fixedObservation()
{
    Observation o;
    o.timestamp = 1750000000;
    o.market.valid = true;
    o.market.windowSeconds = 600;
    o.market.windowEnd = 1750000000;
    o.market.lastPrice = 2498.5;
    o.market.firstPrice = 2509.34;
    o.market.priceChangePercent = -0.4321;
    o.market.volumeEth = 12.345678;
    o.market.volumeUsdc = 30845.1234;
    o.market.swapCount = 42;
    o.portfolio = portfolio("1.5", "1234.56", 2500.0);
    o.rebalance.targetEthAllocation = 0.5;
    return o;
}

} // namespace

void TestAgentParser::statelessPromptGolden()
{
    const QString expected = QStringLiteral(
        "You are trading ETH/USDC on a Uniswap V4 pool. Analyze the data below and decide whether to trade now.\n"
        "\n"
        "Current Market Data:\n"
        "- ETH Price: $2500.00\n"
        "- 10-min Price Change: -0.43%\n"
        "- 10-min Volume: 12.3457 ETH / $30845.12 USDC\n"
        "- 10-min Swap Count: 42\n"
        "\n"
        "Portfolio Status:\n"
        "- ETH Balance: 1.5000 ETH ($3750.00)\n"
        "- USDC Balance: 1234.56 USDC\n"
        "- Total Portfolio Value: $4984.56\n"
        "- Current ETH Allocation: 75.23%\n"
        "- Target ETH Allocation: 50.00%\n"
        "\n"
        "IMPORTANT CONSTRAINTS:\n"
        "- ETH available for trading: 1.4995 ETH ($3748.75), after keeping 0.0005 ETH for gas\n"
        "- USDC available for trading: 1234.56 USDC\n"
        "\n"
        "Trade Constraints:\n"
        "- Trade size: 0.0001 to 0.0500 ETH (or its USDC value) per trade\n"
        "- Always keep 0.0005 ETH for gas\n"
        "- Minimum USDC trade: 0.01 USDC\n"
        "- At most 95% of the available balance per trade\n"
        "\n"
        "Respond in exactly this format:\n"
        "TRADE: YES/NO\n"
        "DIRECTION: ETH_TO_USDC or USDC_TO_ETH\n"
        "PERCENTAGE: <1-100>\n"
        "REASONING: <one or two sentences>");
    QCOMPARE(statelessPrompt(fixedObservation()), expected);

    const QString system = statelessSystemPrompt();
    QVERIFY(system.contains(QLatin1String("AI trading assistant for ETH/USDC decisions")));
    QCOMPARE(system.count(QLatin1Char('\n')), 0);
    QVERIFY(!system.contains(QLatin1String(". ")));   // one sentence
    QVERIFY(system.endsWith(QLatin1Char('.')));
}

void TestAgentParser::statelessPromptWarningsAndWindow()
{
    Observation o = fixedObservation();
    o.market.windowSeconds = 150;   // the tutorial's 150 blocks: labelled with its real length
    o.portfolio = portfolio("0.0004", "0", 2500.0);
    const QString prompt = statelessPrompt(o);
    QVERIFY2(prompt.contains(QLatin1String("- 2.5-min Price Change: -0.43%\n")), qPrintable(prompt));
    QVERIFY(!prompt.contains(QLatin1String("10-min")));
    QVERIFY2(prompt.contains(QLatin1String("- ETH available for trading: 0.0000 ETH ($0.00), after keeping 0.0005 ETH for gas\n")),
             qPrintable(prompt));
    QVERIFY(prompt.contains(QLatin1String("- WARNING: Not enough ETH to sell. Do NOT choose ETH_TO_USDC.\n")));
    QVERIFY(prompt.contains(QLatin1String("- WARNING: Not enough USDC to buy ETH. Do NOT choose USDC_TO_ETH.\n")));
    QVERIFY(prompt.contains(QLatin1String("- Current ETH Allocation: 100.00%\n")));

    // No warnings with both sides spendable; an empty portfolio reads 0.00 %, not NaN.
    QVERIFY(!statelessPrompt(fixedObservation()).contains(QLatin1String("WARNING")));
    o.portfolio = portfolio("0", "0", 2500.0);
    const QString empty = statelessPrompt(o);
    QVERIFY(empty.contains(QLatin1String("- Current ETH Allocation: 0.00%\n")));
    QVERIFY(!empty.contains(QLatin1String("nan"), Qt::CaseInsensitive));
}

void TestAgentParser::statelessPromptIgnoresLocale()
{
    Observation o = fixedObservation();
    o.portfolio = portfolio("12345.678", "9876543.21", 2500.0);   // large enough for group separators
    const QString reference = statelessPrompt(o);
    const QLocale saved;
    for (const QLocale &locale : {QLocale(QLocale::German, QLocale::Germany), QLocale(QLocale::French, QLocale::France),
                                  QLocale(QLocale::Arabic, QLocale::Egypt), QLocale(QLocale::Hindi, QLocale::India)}) {
        QLocale::setDefault(locale);
        QCOMPARE(statelessPrompt(o), reference);
        QCOMPARE(statelessSystemPrompt(), statelessSystemPrompt());
    }
    QLocale::setDefault(saved);
    // Plain ASCII digits with '.' decimals, no group separators.
    QVERIFY(reference.contains(QLatin1String("- ETH Balance: 12345.6780 ETH ($30864195.00)\n")));
    QVERIFY(reference.contains(QLatin1String("- USDC Balance: 9876543.21 USDC\n")));
    static const QRegularExpression grouped(QStringLiteral("\\d[,\\x{00A0}\\x{202F}']\\d{3}"));
    QVERIFY(!grouped.match(reference).hasMatch());
    for (QChar c : reference)
        QVERIFY2(c.unicode() < 128, qPrintable(QStringLiteral("non-ASCII character U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'))));
}

QTEST_GUILESS_MAIN(TestAgentParser)
#include "test_agent_parser.moc"
