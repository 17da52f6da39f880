#include "decisionparser.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cmath>

namespace apedesk::agent {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::agent::DecisionParser", text); }

using Action = ParsedAnswer::Action;
using AmountKind = ParsedAnswer::AmountKind;
using Format = ParsedAnswer::Format;

// Larger amounts are not a model's judgement but noise (or a number copied from the prompt).
constexpr double kAbsurdAmount = 1e9;

const QRegularExpression &recommendationMarker()
{
    // "RECOMMENDATION:", also in markdown: "**RECOMMENDATION:**", "**Recommendation**:".
    static const QRegularExpression re(QStringLiteral("RECOMMENDATION[*_ \\t]*:"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Reasoning models wrap their deliberation in <think>…</think> (or <thinking>); only what follows
// the block is the answer.
const QRegularExpression &thinkOpen()
{
    static const QRegularExpression re(QStringLiteral("<think(?:ing)?>"), QRegularExpression::CaseInsensitiveOption);
    return re;
}
const QRegularExpression &thinkClose()
{
    static const QRegularExpression re(QStringLiteral("</think(?:ing)?>"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

struct ThinkSplit
{
    QString thinking;
    QString answer;
    int answerOffset = 0;     // where `answer` starts in the original text
    bool unclosed = false;    // a <think> block that never ended: the model was cut off while thinking
};

ThinkSplit splitThinking(const QString &text)
{
    ThinkSplit split;
    QRegularExpressionMatch lastClose;
    for (QRegularExpressionMatchIterator it = thinkClose().globalMatch(text); it.hasNext();)
        lastClose = it.next();
    const QRegularExpressionMatch open = thinkOpen().match(text);
    if (lastClose.hasMatch()) {
        // Some chat templates emit only the closing tag; then everything before it was thinking.
        const int from = open.hasMatch() && open.capturedStart() < lastClose.capturedStart() ? open.capturedEnd() : 0;
        split.thinking = text.mid(from, lastClose.capturedStart() - from);
        split.thinking.remove(thinkOpen());
        split.thinking.remove(thinkClose());
        split.answerOffset = lastClose.capturedEnd();
        split.answer = text.mid(split.answerOffset);
    } else if (open.hasMatch()) {
        split.unclosed = true;
        split.thinking = text.mid(open.capturedEnd());
        split.answer = text.left(open.capturedStart());
    } else {
        split.answer = text;
    }
    return split;
}

// A line without markdown emphasis, code marks, headings and list bullets.
QString cleanLine(QString line)
{
    line.remove(QLatin1Char('*'));
    line.remove(QLatin1Char('`'));
    line.remove(QLatin1Char('#'));
    line.replace(QLatin1Char('\t'), QLatin1Char(' '));
    line = line.trimmed();
    static const QRegularExpression bullet(QStringLiteral("^(?:[-+>•]|\\d+[.)])\\s+"));
    line.remove(bullet);
    return line.trimmed();
}

bool isBlankAfterCleaning(const QString &text) { return cleanLine(text).isEmpty(); }

// ---------------------------------------------------------------------------------------------
// Amounts: "0.05 ETH", "100 USDC", "$100", "25%", "part of", "some", nothing.

struct AmountRead
{
    AmountKind kind = AmountKind::Default;
    double amount = 0;
    QString unit;
    QString text;        // as written
    QString error;       // set when the amount is there but unusable
};

AmountRead readAmount(const QString &tail)
{
    AmountRead read;
    // Separators between the verdict and its amount (":", "(", " - "), and a filler word; a '-'
    // directly before a digit is a sign and stays.
    static const QRegularExpression lead(QStringLiteral("^(?:\\s|[:=,(\\[\"'“–—]|-(?=\\s))*(?:(?:with|using|for)\\s+)?"),
                                         QRegularExpression::CaseInsensitiveOption);
    QString rest = tail;
    rest.remove(lead);

    static const QRegularExpression vague(QStringLiteral("^(part of|some|a part|a bit|a little)\\b"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = vague.match(rest); m.hasMatch()) {
        read.text = m.captured(0);
        return read;
    }
    static const QRegularExpression notANumber(QStringLiteral("^\\$?\\s*[-+]?(nan|inf(inity)?)\\b"),
                                               QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = notANumber.match(rest); m.hasMatch()) {
        read.text = m.captured(0);
        read.error = tr("the amount “%1” is not a number").arg(read.text);
        return read;
    }
    // Thousands separators only in groups of three ("1,000"); a decimal comma ("1,5") is ambiguous.
    static const QRegularExpression number(
        QStringLiteral("^(\\$\\s*)?([-+−]?)\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?"
                       "(\\s*%)?"));
    const QRegularExpressionMatch m = number.match(rest);
    if (!m.hasMatch())
        return read;   // prose after the canary ("APE OUT because …"): the default share
    read.text = m.captured(0).trimmed();
    if (rest.mid(m.capturedEnd()).startsWith(QLatin1Char(',')) && rest.size() > m.capturedEnd() + 1
        && rest.at(m.capturedEnd() + 1).isDigit()) {
        read.error = tr("the amount “%1” is ambiguous (a decimal comma?)").arg(rest.left(m.capturedEnd() + 2));
        return read;
    }
    const bool percent = m.capturedLength(5) > 0;

    // The word after a number: a unit we know, a token this pool does not trade (an upper-case
    // symbol such as USDT), or prose.
    bool dollars = m.capturedLength(1) > 0;
    bool foreignToken = false;
    if (!percent) {
        static const QRegularExpression word(QStringLiteral("^\\s*([A-Za-z]+)\\b"));
        const QString after = rest.mid(m.capturedEnd());
        const QRegularExpressionMatch w = word.match(after);
        const QString symbol = w.captured(1);
        const QString unit = symbol.toUpper();
        const bool usd = unit == QLatin1String("USDC") || unit == QLatin1String("USD") || unit.startsWith(QLatin1String("DOLLAR"));
        const bool eth = unit == QLatin1String("ETH") || unit == QLatin1String("WETH");
        foreignToken = !usd && !eth && symbol.size() >= 2 && symbol.size() <= 6 && symbol == unit;
        if (usd || eth || foreignToken)
            read.text = rest.left(m.capturedEnd() + w.capturedEnd(1)).trimmed();
        dollars = dollars || usd;
    }

    const bool negative = m.captured(2) == QLatin1String("-") || m.captured(2) == QStringLiteral("−");
    const double value = QString(m.captured(3).remove(QLatin1Char(',')) + m.captured(4)).toDouble();
    if (negative)
        read.error = tr("the amount “%1” is negative").arg(read.text);
    else if (!std::isfinite(value))
        read.error = tr("the amount “%1” is not a number").arg(read.text);
    else if (value <= 0)
        read.error = tr("the amount “%1” is zero").arg(read.text);
    else if (percent && value > 100)
        read.error = tr("the share “%1” is more than 100%").arg(read.text);
    else if (value > kAbsurdAmount)
        read.error = tr("the amount “%1” is absurdly large").arg(read.text);
    else if (foreignToken)
        read.error = tr("the amount “%1” is in a token this pool does not trade").arg(read.text);
    if (!read.error.isEmpty())
        return read;

    if (percent) {
        read.kind = AmountKind::Percent;
        read.amount = value / 100;
        return read;
    }
    read.kind = AmountKind::Absolute;
    read.amount = value;
    // "$100", "100 USD", "100 USDC" are dollars; a bare number is ETH (the trained format's default).
    read.unit = dollars ? QStringLiteral("USDC") : QStringLiteral("ETH");
    return read;
}

// ---------------------------------------------------------------------------------------------
// Lines and claims.

struct Line
{
    int start = 0;        // offset in the parsed text
    QString raw;
    QString clean;
};

QList<Line> splitLines(const QString &text)
{
    QList<Line> lines;
    int start = 0;
    while (start <= text.size()) {
        int end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        Line line;
        line.start = start;
        line.raw = text.mid(start, end - start);
        line.clean = cleanLine(line.raw);
        lines << line;
        start = end + 1;
    }
    return lines;
}

// Labels a model puts before its verdict ("Action: SELL", "Final decision: APE OUT").
const QRegularExpression &verdictLabel()
{
    static const QRegularExpression re(
        QStringLiteral("^(?:(?:final|my|recommended|suggested)\\s+)?(?:recommendation|action|decision|answer|signal|verdict|trade decision)\\s*:\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &canaryAtStart()
{
    static const QRegularExpression re(QStringLiteral("^[\\s\"'“:\\-–—>]*APE[ _]+(IN|OUT|NEUTRAL)\\b"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &canaryAnywhere()
{
    static const QRegularExpression re(QStringLiteral("\\bAPE[ _]+(IN|OUT|NEUTRAL)\\b"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &actionAtStart()
{
    static const QRegularExpression re(QStringLiteral("^[\\s\"'“:\\-–—>]*(BUY|SELL|HOLD)\\b"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

Canary canaryFromWord(const QString &word)
{
    const QString w = word.toUpper();
    if (w == QLatin1String("IN"))
        return Canary::ApeIn;
    if (w == QLatin1String("OUT"))
        return Canary::ApeOut;
    return Canary::ApeNeutral;
}

Action actionFromCanary(Canary canary)
{
    switch (canary) {
    case Canary::ApeIn: return Action::Buy;
    case Canary::ApeOut: return Action::Sell;
    case Canary::ApeNeutral: return Action::Hold;
    case Canary::None: break;
    }
    return Action::None;
}

Action actionFromWord(const QString &word)
{
    const QString w = word.toUpper();
    if (w == QLatin1String("BUY"))
        return Action::Buy;
    if (w == QLatin1String("SELL"))
        return Action::Sell;
    return Action::Hold;
}

// Where a line's verdict starts: after "RECOMMENDATION:" (anywhere in the line) or a verdict
// label at its start; `labelled` says whether there was one.
QString verdictContent(const QString &clean, bool *labelled)
{
    if (const QRegularExpressionMatch m = recommendationMarker().match(clean); m.hasMatch()) {
        *labelled = true;
        return clean.mid(m.capturedEnd()).trimmed();
    }
    if (const QRegularExpressionMatch m = verdictLabel().match(clean); m.hasMatch()) {
        *labelled = true;
        return clean.mid(m.capturedEnd()).trimmed();
    }
    *labelled = false;
    return clean;
}

struct Claim
{
    int lineIndex = -1;
    int textStart = 0;     // where the reasoning before it ends
    QString tail;          // the text after the canary or action word
    Canary canary = Canary::None;
    Action action = Action::None;
};

QString joinNames(const QSet<Canary> &canaries)
{
    QStringList names;
    for (Canary c : {Canary::ApeIn, Canary::ApeOut, Canary::ApeNeutral})
        if (canaries.contains(c))
            names << canaryText(c);
    return names.join(QStringLiteral(", "));
}

QString joinNames(const QSet<Action> &actions)
{
    QStringList names;
    for (Action a : {Action::Buy, Action::Sell, Action::Hold})
        if (actions.contains(a))
            names << actionText(a);
    return names.join(QStringLiteral(", "));
}

ParsedAnswer none(const QString &why, const QString &reasoning)
{
    ParsedAnswer parsed;
    parsed.format = Format::None;
    parsed.why = why;
    parsed.reasoning = reasoning.trimmed();
    return parsed;
}

// The text before a claim as its reasoning; the thinking when the model wrote nothing else.
QString reasoningBefore(const QString &body, int end, const QString &thinking)
{
    const QString before = body.left(end).trimmed();
    return before.isEmpty() ? thinking.trimmed() : before;
}

// ---------------------------------------------------------------------------------------------
// The three formats. Each returns nullopt when its format is absent, a ParsedAnswer (possibly
// Format::None with `why`) when it is present.

std::optional<ParsedAnswer> parseCanary(const QString &body, const QList<Line> &lines, const QString &thinking)
{
    QList<Claim> claims;
    QSet<Canary> seen;
    std::optional<Claim> recommended;
    for (int i = 0; i < lines.size(); ++i) {
        bool labelled = false;
        QString content = verdictContent(lines[i].clean, &labelled);
        int claimLine = i;
        const bool isRecommendation = recommendationMarker().match(lines[i].clean).hasMatch();
        // "RECOMMENDATION:" alone on its line, the verdict on the next one.
        if (isRecommendation && content.isEmpty()) {
            for (int j = i + 1; j < lines.size(); ++j) {
                if (!lines[j].clean.isEmpty()) {
                    content = lines[j].clean;
                    claimLine = j;
                    break;
                }
            }
        }
        const QRegularExpressionMatch m = canaryAtStart().match(content);
        if (!m.hasMatch())
            continue;
        Claim claim;
        claim.lineIndex = claimLine;
        claim.canary = canaryFromWord(m.captured(1));
        claim.tail = content.mid(m.capturedEnd());
        // Reasoning ends where the verdict starts: at "RECOMMENDATION:" within the line, or the line.
        // (Markdown before the marker, as in "**RECOMMENDATION:**", belongs to the verdict too.)
        const QRegularExpressionMatch marker = recommendationMarker().match(lines[i].raw);
        claim.textStart = isRecommendation && marker.hasMatch() && !isBlankAfterCleaning(lines[i].raw.left(marker.capturedStart()))
                              ? lines[i].start + marker.capturedStart()
                              : lines[i].start;
        seen.insert(claim.canary);
        // "APE IN or APE OUT" on one line counts as two recommendations.
        for (QRegularExpressionMatchIterator it = canaryAnywhere().globalMatch(claim.tail); it.hasNext();)
            seen.insert(canaryFromWord(it.next().captured(1)));
        claims << claim;
        if (isRecommendation && !recommended)
            recommended = claim;
        i = claimLine;
    }
    if (claims.isEmpty())
        return std::nullopt;
    const Claim chosen = recommended ? *recommended : claims.last();
    const QString reasoning = reasoningBefore(body, chosen.textStart, thinking);
    if (seen.size() > 1) {
        ParsedAnswer parsed = none(tr("The answer recommends more than one action (%1); contradictory answers are not traded.").arg(joinNames(seen)),
                                   reasoning);
        return parsed;
    }
    ParsedAnswer parsed;
    parsed.format = Format::Canary;
    parsed.canary = chosen.canary;
    parsed.action = actionFromCanary(chosen.canary);
    parsed.reasoning = reasoning;
    if (chosen.canary == Canary::ApeNeutral)
        return parsed;   // holding needs no amount
    const AmountRead amount = readAmount(chosen.tail);
    parsed.amountText = amount.text;
    if (!amount.error.isEmpty()) {
        parsed.format = Format::None;
        parsed.action = Action::None;
        parsed.why = tr("%1, but %2: no trade.").arg(canaryText(chosen.canary), amount.error);
        return parsed;   // the canary stays: the model did write one
    }
    parsed.amountKind = amount.kind;
    parsed.amount = amount.amount;
    parsed.unit = amount.unit;
    return parsed;
}

std::optional<ParsedAnswer> parseTradeFields(const QString &body, const QString &thinking)
{
    QString clean = body;
    clean.remove(QLatin1Char('*'));
    clean.remove(QLatin1Char('`'));
    // The negative lookaheads skip an echo of the format lines ("TRADE: YES/NO", "ETH_TO_USDC or USDC_TO_ETH").
    static const QRegularExpression tradeRe(QStringLiteral("\\bTRADE\\s*:\\s*(YES|NO)\\b(?!\\s*/)"),
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression directionRe(
        QStringLiteral("\\bDIRECTION\\s*:\\s*(ETH[ _]?TO[ _]?USDC|USDC[ _]?TO[ _]?ETH)\\b(?!\\s+or\\s)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression percentageRe(QStringLiteral("\\bPERCENTAGE\\s*:\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*%?"),
                                                 QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression reasoningRe(QStringLiteral("\\bREASONING\\s*:\\s*"), QRegularExpression::CaseInsensitiveOption);

    QSet<QString> trades;
    int firstTrade = -1;
    for (QRegularExpressionMatchIterator it = tradeRe.globalMatch(clean); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        trades.insert(m.captured(1).toUpper());
        if (firstTrade < 0)
            firstTrade = m.capturedStart();
    }
    if (trades.isEmpty())
        return std::nullopt;

    // REASONING: up to the end or the next TRADE: (as the stateless format defines it).
    QString reasoning;
    if (const QRegularExpressionMatch r = reasoningRe.match(clean); r.hasMatch()) {
        const int end = clean.indexOf(tradeRe, r.capturedEnd());
        reasoning = clean.mid(r.capturedEnd(), end < 0 ? -1 : end - r.capturedEnd()).trimmed();
    } else {
        reasoning = reasoningBefore(clean, firstTrade, thinking);
    }

    if (trades.size() > 1)
        return none(tr("The answer says both TRADE: YES and TRADE: NO; contradictory answers are not traded."), reasoning);
    ParsedAnswer parsed;
    parsed.format = Format::TradeFields;
    parsed.reasoning = reasoning;
    if (trades.contains(QStringLiteral("NO"))) {
        parsed.action = Action::Hold;
        return parsed;
    }

    QSet<Action> directions;
    for (QRegularExpressionMatchIterator it = directionRe.globalMatch(clean); it.hasNext();)
        directions.insert(it.next().captured(1).toUpper().startsWith(QLatin1String("ETH")) ? Action::Sell : Action::Buy);
    if (directions.isEmpty())
        return none(tr("TRADE: YES without a DIRECTION of ETH_TO_USDC or USDC_TO_ETH."), reasoning);
    if (directions.size() > 1)
        return none(tr("The answer gives both directions, ETH_TO_USDC and USDC_TO_ETH; contradictory answers are not traded."),
                    reasoning);

    QSet<QString> percentages;
    QString percentage;
    for (QRegularExpressionMatchIterator it = percentageRe.globalMatch(clean); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        percentages.insert(m.captured(1));
        if (percentage.isEmpty())
            percentage = m.captured(1);
    }
    if (percentages.isEmpty())
        return none(tr("TRADE: YES without a PERCENTAGE."), reasoning);
    if (percentages.size() > 1)
        return none(tr("The answer gives more than one PERCENTAGE; contradictory answers are not traded."), reasoning);
    const double value = percentage.toDouble();
    // A share below 1 is ambiguous ("0.5": half, or half a percent?), so the range is 1–100.
    if (!(value >= 1 && value <= 100))
        return none(tr("PERCENTAGE %1 is outside 1–100.").arg(percentage), reasoning);

    parsed.action = *directions.begin();
    parsed.amountKind = AmountKind::Percent;
    parsed.amount = value / 100;
    parsed.amountText = percentage + QLatin1Char('%');
    return parsed;
}

std::optional<ParsedAnswer> parseNaturalLanguage(const QString &body, const QList<Line> &lines, const QString &thinking)
{
    QList<Claim> claims;
    QSet<Action> seen;
    for (int i = 0; i < lines.size(); ++i) {
        bool labelled = false;
        const QString content = verdictContent(lines[i].clean, &labelled);
        if (!labelled)
            continue;
        const QRegularExpressionMatch m = actionAtStart().match(content);
        if (!m.hasMatch())
            continue;
        Claim claim;
        claim.lineIndex = i;
        claim.action = actionFromWord(m.captured(1));
        claim.tail = content.mid(m.capturedEnd());
        claim.textStart = lines[i].start;
        claims << claim;
        seen.insert(claim.action);
    }
    // A last line that is nothing but the word: "SELL", "**HOLD**", "Buy."
    for (int i = lines.size() - 1; i >= 0; --i) {
        if (lines[i].clean.isEmpty())
            continue;
        static const QRegularExpression standalone(QStringLiteral("^(BUY|SELL|HOLD)[.!]?$"), QRegularExpression::CaseInsensitiveOption);
        if (const QRegularExpressionMatch m = standalone.match(lines[i].clean); m.hasMatch()) {
            if (claims.isEmpty() || claims.last().lineIndex != i) {
                Claim claim;
                claim.lineIndex = i;
                claim.action = actionFromWord(m.captured(1));
                claim.textStart = lines[i].start;
                claims << claim;
                seen.insert(claim.action);
            }
        }
        break;
    }
    if (claims.isEmpty())
        return std::nullopt;
    const Claim chosen = claims.first();
    const QString reasoning = reasoningBefore(body, chosen.textStart, thinking);
    if (seen.size() > 1)
        return none(tr("The answer recommends more than one action (%1); contradictory answers are not traded.").arg(joinNames(seen)), reasoning);
    ParsedAnswer parsed;
    parsed.format = Format::NaturalLanguage;
    parsed.action = chosen.action;
    parsed.reasoning = reasoning;
    if (chosen.action == Action::Hold)
        return parsed;
    const AmountRead amount = readAmount(chosen.tail);
    parsed.amountText = amount.text;
    if (!amount.error.isEmpty()) {
        parsed.format = Format::None;
        parsed.action = Action::None;
        parsed.why = tr("%1, but %2: no trade.").arg(actionText(chosen.action), amount.error);
        return parsed;
    }
    parsed.amountKind = amount.kind;
    parsed.amount = amount.amount;
    parsed.unit = amount.unit;
    return parsed;
}

} // namespace

QString cutAfterRecommendation(const QString &answer)
{
    // Never cut inside the thinking: look only after the last </think>; a block that never closed
    // holds no answer to cut.
    int from = 0;
    QRegularExpressionMatch lastClose;
    for (QRegularExpressionMatchIterator it = thinkClose().globalMatch(answer); it.hasNext();)
        lastClose = it.next();
    if (lastClose.hasMatch())
        from = lastClose.capturedEnd();
    else if (thinkOpen().match(answer).hasMatch())
        return answer;

    const QRegularExpressionMatch marker = recommendationMarker().match(answer, from);
    if (!marker.hasMatch())
        return answer;
    int end = answer.indexOf(QLatin1Char('\n'), marker.capturedEnd());
    if (end < 0)
        return answer;
    // "RECOMMENDATION:" alone on its line: the verdict is on the next non-blank line, keep it too.
    if (isBlankAfterCleaning(answer.mid(marker.capturedEnd(), end - marker.capturedEnd()))) {
        while (end < answer.size()) {
            int next = answer.indexOf(QLatin1Char('\n'), end + 1);
            if (next < 0)
                next = answer.size();
            const bool blank = isBlankAfterCleaning(answer.mid(end + 1, next - end - 1));
            end = next;
            if (!blank)
                break;
        }
    }
    return answer.left(end);
}

ParsedAnswer parseAnswer(const QString &answer)
{
    if (answer.trimmed().isEmpty())
        return none(tr("The answer is empty."), {});
    const ThinkSplit split = splitThinking(answer);
    if (split.unclosed)
        return none(tr("The answer ended inside its <think> block, before any recommendation."), split.thinking);
    const QString body = cutAfterRecommendation(split.answer);
    if (body.trimmed().isEmpty())
        return none(tr("The answer holds only thinking, no recommendation after </think>."), split.thinking);
    const QList<Line> lines = splitLines(body);

    if (std::optional<ParsedAnswer> parsed = parseCanary(body, lines, split.thinking))
        return *parsed;
    if (std::optional<ParsedAnswer> parsed = parseTradeFields(body, split.thinking))
        return *parsed;
    if (std::optional<ParsedAnswer> parsed = parseNaturalLanguage(body, lines, split.thinking))
        return *parsed;

    // Say what the model wrote where the verdict belongs, when it wrote a RECOMMENDATION: line.
    for (const Line &line : lines) {
        if (recommendationMarker().match(line.clean).hasMatch()) {
            const QString text = line.clean.size() > 80 ? line.clean.left(80) + QStringLiteral("…") : line.clean;
            return none(tr("The RECOMMENDATION line holds no canary word or BUY/SELL/HOLD (cut off or unreadable): “%1”.").arg(text),
                        body);
        }
    }
    return none(tr("No canary word, TRADE fields or BUY/SELL/HOLD recommendation found."), body);
}

} // namespace apedesk::agent
