#include "abiargs.h"
#include "textcursor.h"

#include "hex.h"

#include <QCoreApplication>

namespace apedesk::eth::abi {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::abi::Arguments)
};

bool isQuote(QChar c) { return c == QLatin1Char('"') || c == QLatin1Char('\''); }
bool isDelimiter(QChar c) { return c == QLatin1Char(',') || c == QLatin1Char(']') || c == QLatin1Char(')'); }

QStringView trimmedEnd(QStringView text)
{
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    return text;
}

struct Unit
{
    const char *name;
    int decimals;
};
// The unit words cast accepts after a number.
// Longest first, so "nanoether" is not read as "nano" + "ether".
constexpr Unit kUnits[] = {{"nanoether", 9}, {"ether", 18}, {"gwei", 9}, {"nano", 9}, {"wei", 0}};

// Numbers as cast reads them: [-] digits [.digits] [e[+]digits] [unit] or [-] 0x|0b|0o digits [unit].
class NumberReader
{
public:
    explicit NumberReader(QStringView text) : m_text(text) {}

    // The magnitude (below 2^256) and sign.
    Result<u256> read(bool &negative)
    {
        QStringView rest = m_text;
        negative = rest.startsWith(QLatin1Char('-'));
        if (negative)
            rest = rest.mid(1);
        // Unit: a trailing word, optionally separated by blanks from the number.
        int unitDecimals = 0;
        for (const Unit &unit : kUnits) {
            const QLatin1String name(unit.name);
            if (rest.endsWith(name) && rest.size() > name.size()) {
                const QStringView number = rest.chopped(name.size());
                const QStringView stripped = trimmedEnd(number);
                // "0x1ether" would be ambiguous with hex digits; cast wants a blank there, so do we.
                const bool radix = stripped.size() > 1 && stripped[0] == QLatin1Char('0') && stripped[1].isLetter();
                if (radix && stripped.size() == number.size())
                    continue;
                unitDecimals = unit.decimals;
                rest = stripped;
                break;
            }
        }
        if (rest.size() > 1 && rest[0] == QLatin1Char('0')) {
            const QChar marker = rest[1].toLower();
            if (marker == QLatin1Char('x'))
                return scaled(radixNumber(rest.mid(2), 16), unitDecimals);
            if (marker == QLatin1Char('b'))
                return scaled(radixNumber(rest.mid(2), 2), unitDecimals);
            if (marker == QLatin1Char('o'))
                return scaled(radixNumber(rest.mid(2), 8), unitDecimals);
        }
        return decimalNumber(rest, unitDecimals);
    }

private:
    Error error(const QString &message) const
    {
        return Error::make(Error::Kind::Format, message, QStringLiteral("\"%1\"").arg(m_text.left(100)));
    }
    Error tooLarge() const { return error(Messages::tr("The number %1 is too large for 256 bits.").arg(m_text.left(100))); }
    Error noDigits() const { return error(Messages::tr("\"%1\" is not a number.").arg(m_text.left(100))); }

    Result<u512> radixNumber(QStringView digits, int radix)
    {
        if (digits.isEmpty())
            return noDigits();
        u512 value = 0;
        for (QChar c : digits) {
            const int digit = hexDigitValue(c);
            if (digit < 0 || digit >= radix)
                return noDigits();
            value = value * radix + digit;
            if ((value >> 256) != 0)
                return tooLarge();
        }
        return value;
    }

    Result<u256> scaled(Result<u512> value, int decimals)
    {
        if (!value)
            return value.error();
        u512 result = *value;
        for (int i = 0; i < decimals; ++i)
            result *= 10;
        if ((result >> 256) != 0)
            return tooLarge();
        return static_cast<u256>(result);
    }

    static bool allDigits(QStringView text)
    {
        for (QChar c : text) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return false;
        }
        return !text.isEmpty();
    }

    Result<u256> decimalNumber(QStringView text, int unitDecimals)
    {
        QStringView mantissa = text;
        int exponent = 0;
        const qsizetype e = std::max(text.indexOf(QLatin1Char('e')), text.indexOf(QLatin1Char('E')));
        if (e >= 0) {
            mantissa = text.first(e);
            QStringView exponentText = text.mid(e + 1);
            if (exponentText.startsWith(QLatin1Char('+')))
                exponentText = exponentText.mid(1);
            if (exponentText.startsWith(QLatin1Char('-')))
                return error(Messages::tr("The number %1 has a negative exponent; only whole numbers are allowed.").arg(m_text.left(100)));
            if (!allDigits(exponentText) || exponentText.size() > 4)
                return noDigits();
            exponent = exponentText.toInt();
        }
        QStringView whole = mantissa;
        QStringView fraction;
        if (const qsizetype dot = mantissa.indexOf(QLatin1Char('.')); dot >= 0) {
            whole = mantissa.first(dot);
            fraction = mantissa.mid(dot + 1);
            if (!allDigits(fraction))
                return noDigits();
        }
        if (!allDigits(whole))
            return noDigits();
        const int decimals = exponent + unitDecimals;
        if (fraction.size() > decimals)
            return error(Messages::tr("The number %1 has %2 decimals; at most %3 are allowed here.")
                             .arg(m_text.left(100)).arg(fraction.size()).arg(decimals));
        u512 value = 0;
        for (QStringView part : {whole, fraction}) {
            for (QChar c : part) {
                value = value * 10 + (c.unicode() - '0');
                if ((value >> 256) != 0)
                    return tooLarge();
            }
        }
        for (int i = 0; i < decimals - fraction.size(); ++i) {
            if (value == 0)
                break;
            value *= 10;
            if ((value >> 256) != 0)
                return tooLarge();
        }
        return static_cast<u256>(value);
    }

    QStringView m_text;
};

class ArgumentParser : private TextCursor
{
public:
    explicit ArgumentParser(QStringView text) : TextCursor(text) {}

    Result<Value> topLevel(const Type &type)
    {
        if (type.kind() == Type::Kind::String)
            return topLevelString();
        skipSpace();
        auto value = parse(type, false);
        if (!value)
            return value;
        skipSpace();
        if (!atEnd())
            return error(Messages::tr("Unexpected text after a %1 value.").arg(type.canonical()));
        return value;
    }

private:


    // A top-level string is taken as it is (cast drops trailing blanks), unless it is quoted.
    Result<Value> topLevelString()
    {
        const QStringView text = trimmedEnd(m_text);
        if (!text.isEmpty() && isQuote(text.front())) {
            if (text.size() < 2 || text.back() != text.front() || text.mid(1, text.size() - 2).contains(text.front()))
                return error(Messages::tr("A quoted string must end with the same quote and not contain it."));
            return Value::fromString(text.mid(1, text.size() - 2).toString());
        }
        return Value::fromString(text.toString());
    }

    // A scalar's text inside a composite runs to the next ",", "]" or ")"; at the top level, to the end.
    QStringView token(bool nested)
    {
        const qsizetype start = m_pos;
        while (!atEnd() && !(nested && isDelimiter(m_text[m_pos])))
            ++m_pos;
        return trimmedEnd(m_text.sliced(start, m_pos - start));
    }

    Result<Value> parse(const Type &type, bool nested)
    {
        switch (type.kind()) {
        case Type::Kind::Tuple:
            return tuple(type);
        case Type::Kind::Array:
        case Type::Kind::FixedArray:
            return array(type);
        case Type::Kind::String:
            return nestedString();
        default:
            return scalar(type, token(nested));
        }
    }

    Result<Value> tuple(const Type &type)
    {
        if (!accept(QLatin1Char('(')))
            return error(Messages::tr("A %1 value must be written in parentheses, like (1,2).").arg(type.canonical()));
        QList<Value> items;
        const QList<Type> &components = type.components();
        for (qsizetype i = 0; i < components.size(); ++i) {
            skipSpace();
            auto item = parse(components[i], true);
            if (!item)
                return item;
            items.append(std::move(*item));
            skipSpace();
            const bool last = i + 1 == components.size();
            if (!accept(last ? QLatin1Char(')') : QLatin1Char(',')))
                return error(last ? Messages::tr("A %1 value has more components than its type.").arg(type.canonical())
                                  : Messages::tr("A %1 value has fewer components than its type.").arg(type.canonical()));
        }
        return Value::tuple(std::move(items));
    }

    Result<Value> array(const Type &type)
    {
        if (!accept(QLatin1Char('[')))
            return error(Messages::tr("A %1 value must be written in brackets, like [1,2].").arg(type.canonical()));
        QList<Value> items;
        for (;;) {
            skipSpace();
            if (accept(QLatin1Char(']')))
                break;
            auto item = parse(type.element(), true);
            if (!item)
                return item;
            items.append(std::move(*item));
            skipSpace();
            if (accept(QLatin1Char(',')))
                continue;   // a trailing comma before "]" is fine, as in cast
            if (accept(QLatin1Char(']')))
                break;
            return error(Messages::tr("Expected \",\" or \"]\" in a %1 value.").arg(type.canonical()));
        }
        if (type.kind() == Type::Kind::Array)
            return Value::array(std::move(items));
        if (items.size() != type.length())
            return error(Messages::tr("A %1 value needs %2 elements, not %3.").arg(type.canonical()).arg(type.length()).arg(items.size()));
        return Value::fixedArray(std::move(items));
    }

    Result<Value> nestedString()
    {
        if (isQuote(peek())) {
            const QChar quote = peek();
            const qsizetype close = m_text.indexOf(quote, m_pos + 1);
            if (close < 0)
                return error(Messages::tr("A quoted string has no closing quote."));
            QString text = m_text.sliced(m_pos + 1, close - m_pos - 1).toString();
            m_pos = close + 1;
            return Value::fromString(text);
        }
        return Value::fromString(token(true).toString());
    }

    Result<Value> scalar(const Type &type, QStringView text)
    {
        const QString shown = text.left(100).toString();
        switch (type.kind()) {
        case Type::Kind::Bool:
            if (text == QLatin1String("true"))
                return Value::fromBool(true);
            if (text == QLatin1String("false"))
                return Value::fromBool(false);
            return error(Messages::tr("\"%1\" is not a bool; write true or false.").arg(shown));
        case Type::Kind::Address: {
            const bool prefixed = text.startsWith(QLatin1String("0x")) || text.startsWith(QLatin1String("0X"));
            auto address = Address::fromString(prefixed ? text.toString() : QStringLiteral("0x") + text);
            if (!address)
                return address.error();
            return Value::fromAddress(*address);
        }
        case Type::Kind::Bytes:
        case Type::Kind::FixedBytes: {
            if (text.isEmpty())
                return error(Messages::tr("Expected hex data, or 0x for no bytes."));
            auto bytes = fromHex(text);
            if (!bytes)
                return bytes.error();
            if (type.kind() == Type::Kind::Bytes)
                return Value::fromBytes(std::move(*bytes));
            if (bytes->size() != type.byteSize())
                return error(Messages::tr("A %1 value takes exactly %2 bytes of hex; \"%3\" has %4.")
                                 .arg(type.canonical()).arg(type.byteSize()).arg(shown).arg(bytes->size()));
            return Value::fromFixedBytes(std::move(*bytes));
        }
        case Type::Kind::Uint:
        case Type::Kind::Int:
            return number(type, text);
        default:
            return error(Messages::tr("Expected a %1 value.").arg(type.canonical()));
        }
    }

    Result<Value> number(const Type &type, QStringView text)
    {
        bool negative = false;
        auto magnitude = NumberReader(text).read(negative);
        if (!magnitude)
            return magnitude.error();
        const QString shown = text.left(100).toString();
        if (type.kind() == Type::Kind::Uint) {
            if (negative && *magnitude != 0)
                return error(Messages::tr("A %1 value cannot be negative: %2.").arg(type.canonical(), shown));
            if (*magnitude > maxUnsigned(type.bits()))
                return error(Messages::tr("%1 does not fit in %2.").arg(shown, type.canonical()));
            return Value::fromUint(*magnitude);
        }
        const u256 half = u256(1) << (type.bits() - 1);
        if (negative ? *magnitude > half : *magnitude >= half)
            return error(Messages::tr("%1 does not fit in %2.").arg(shown, type.canonical()));
        const i256 value = static_cast<i256>(*magnitude);
        return Value::fromInt(negative ? i256(-value) : value);
    }

};
} // namespace

Result<Value> parseArgument(const Type &type, QStringView text) { return ArgumentParser(text).topLevel(type); }

Result<QList<Value>> parseArguments(const QList<Type> &types, const QStringList &arguments)
{
    if (types.size() != arguments.size())
        return Error::make(Error::Kind::Usage,
                           QCoreApplication::translate("apedesk::eth::abi::Arguments", "Expected %n argument(s), got %1.",
                                                       nullptr, static_cast<int>(types.size()))
                               .arg(arguments.size()));
    QList<Value> values;
    values.reserve(types.size());
    for (qsizetype i = 0; i < types.size(); ++i) {
        auto value = parseArgument(types[i], arguments[i]);
        if (!value)
            return value.error();
        values.append(std::move(*value));
    }
    return values;
}

} // namespace apedesk::eth::abi
