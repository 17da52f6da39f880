#include "abivalue.h"

#include "hex.h"

#include <algorithm>
#include <iterator>

namespace apedesk::eth::abi {
namespace {

using CodePointRange = char32_t[2];

template <size_t N>
bool inRanges(const CodePointRange (&ranges)[N], char32_t c)
{
    const auto *it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                      [](char32_t value, const CodePointRange &range) { return value < range[0]; });
    return it != std::begin(ranges) && c <= (*(it - 1))[1];
}

// Grapheme_Extend code points outside the Mn and Me categories (Unicode's Other_Grapheme_Extend, plus the
// spacing marks Unicode 16 added). Rust escapes them in {:?}, so cast does. Sorted, for binary search.
const CodePointRange kOtherGraphemeExtend[] = {
        {0x09BE, 0x09BE}, {0x09D7, 0x09D7}, {0x0B3E, 0x0B3E}, {0x0B57, 0x0B57}, {0x0BBE, 0x0BBE},
        {0x0BD7, 0x0BD7}, {0x0CC0, 0x0CC0}, {0x0CC2, 0x0CC2}, {0x0CC7, 0x0CC8}, {0x0CCA, 0x0CCB},
        {0x0CD5, 0x0CD6}, {0x0D3E, 0x0D3E}, {0x0D57, 0x0D57}, {0x0DCF, 0x0DCF}, {0x0DDF, 0x0DDF},
        {0x1715, 0x1715}, {0x1734, 0x1734}, {0x1B35, 0x1B35}, {0x1B3B, 0x1B3B}, {0x1B3D, 0x1B3D},
        {0x1B43, 0x1B44}, {0x1BAA, 0x1BAA}, {0x1BF2, 0x1BF3}, {0x200C, 0x200C}, {0x302E, 0x302F},
        {0xA953, 0xA953}, {0xA9C0, 0xA9C0}, {0xFF9E, 0xFF9F}, {0x111C0, 0x111C0}, {0x11235, 0x11235},
        {0x1133E, 0x1133E}, {0x1134D, 0x1134D}, {0x11357, 0x11357}, {0x114B0, 0x114B0}, {0x114BD, 0x114BD},
        {0x115AF, 0x115AF}, {0x116B6, 0x116B6}, {0x11930, 0x11930}, {0x1193D, 0x1193D}, {0x16FF0, 0x16FF1},
        {0x1D165, 0x1D166}, {0x1D16D, 0x1D172}, {0xE0020, 0xE007F},
};

// Code points that Qt 6.4's Unicode tables do not assign yet but the newer Unicode in cast 1.7.1 (Rust)
// assigns to printable characters; without this, they would be escaped here and printed as is by cast.
const CodePointRange kAssignedAfterQt[] = {
        {0x88F, 0x88F}, {0xC5C, 0xC5C}, {0xCDC, 0xCDC}, {0xCF3, 0xCF3}, {0x1B4E, 0x1B4F},
        {0x1B7F, 0x1B7F}, {0x1C89, 0x1C8A}, {0x20C1, 0x20C1}, {0x2427, 0x2429}, {0x2B96, 0x2B96},
        {0x2FFC, 0x2FFF}, {0x31E4, 0x31E5}, {0x31EF, 0x31EF}, {0xA7CB, 0xA7CF}, {0xA7D2, 0xA7D2},
        {0xA7D4, 0xA7D4}, {0xA7DA, 0xA7DC}, {0xA7F1, 0xA7F1}, {0xFBC3, 0xFBD2}, {0xFD90, 0xFD91},
        {0xFDC8, 0xFDCE}, {0x105C0, 0x105F3}, {0x10940, 0x10959}, {0x10D40, 0x10D65}, {0x10D6E, 0x10D85},
        {0x10D8E, 0x10D8F}, {0x10EC2, 0x10EC7}, {0x10ED0, 0x10ED8}, {0x1123F, 0x11240}, {0x11380, 0x11389},
        {0x1138B, 0x1138B}, {0x1138E, 0x1138E}, {0x11390, 0x113B5}, {0x113B7, 0x113B7}, {0x113B9, 0x113BA},
        {0x113CA, 0x113CA}, {0x113CC, 0x113CD}, {0x113D1, 0x113D1}, {0x113D3, 0x113D5}, {0x113D7, 0x113D8},
        {0x116D0, 0x116E3}, {0x1171E, 0x1171E}, {0x11B00, 0x11B09}, {0x11B61, 0x11B61}, {0x11B65, 0x11B65},
        {0x11B67, 0x11B67}, {0x11BC0, 0x11BE1}, {0x11BF0, 0x11BF9}, {0x11DB0, 0x11DDB}, {0x11DE0, 0x11DE9},
        {0x11F02, 0x11F10}, {0x11F12, 0x11F35}, {0x11F3E, 0x11F3F}, {0x11F43, 0x11F59}, {0x1342F, 0x1342F},
        {0x13441, 0x13446}, {0x13460, 0x143FA}, {0x16100, 0x1611D}, {0x1612A, 0x1612C}, {0x16130, 0x16139},
        {0x16D40, 0x16D79}, {0x16EA0, 0x16EB8}, {0x16EBB, 0x16ED3}, {0x16FF2, 0x16FF6}, {0x187F8, 0x187FF},
        {0x18CFF, 0x18CFF}, {0x18D09, 0x18D1E}, {0x18D80, 0x18DF2}, {0x1B132, 0x1B132}, {0x1B155, 0x1B155},
        {0x1CC00, 0x1CCFC}, {0x1CD00, 0x1CEB3}, {0x1CEBA, 0x1CED0}, {0x1CEE0, 0x1CEF0}, {0x1D2C0, 0x1D2D3},
        {0x1DF25, 0x1DF2A}, {0x1E030, 0x1E06D}, {0x1E4D0, 0x1E4EB}, {0x1E4F0, 0x1E4F9}, {0x1E5D0, 0x1E5ED},
        {0x1E5F0, 0x1E5FA}, {0x1E5FF, 0x1E5FF}, {0x1E6C0, 0x1E6DE}, {0x1E6E0, 0x1E6E2}, {0x1E6E4, 0x1E6E5},
        {0x1E6E7, 0x1E6ED}, {0x1E6F0, 0x1E6F4}, {0x1E6FE, 0x1E6FF}, {0x1F6D8, 0x1F6D8}, {0x1F6DC, 0x1F6DC},
        {0x1F774, 0x1F77F}, {0x1F7D9, 0x1F7D9}, {0x1F8B2, 0x1F8BB}, {0x1F8C0, 0x1F8C1}, {0x1F8D0, 0x1F8D8},
        {0x1FA54, 0x1FA57}, {0x1FA75, 0x1FA77}, {0x1FA87, 0x1FA8A}, {0x1FA8E, 0x1FA8F}, {0x1FAAD, 0x1FAAF},
        {0x1FABB, 0x1FABF}, {0x1FAC6, 0x1FAC6}, {0x1FAC8, 0x1FAC8}, {0x1FACD, 0x1FACF}, {0x1FADA, 0x1FADC},
        {0x1FADF, 0x1FADF}, {0x1FAE8, 0x1FAEA}, {0x1FAEF, 0x1FAEF}, {0x1FAF7, 0x1FAF8}, {0x1FBCB, 0x1FBEF},
        {0x1FBFA, 0x1FBFA}, {0x2B739, 0x2B73F}, {0x2CEA2, 0x2CEAD}, {0x2EBF0, 0x2EE5D}, {0x31350, 0x33479},
};

bool isGraphemeExtend(char32_t c)
{
    if (c == 0x1171E)
        return false;   // Ahom Sign Anusvara: Mn in Qt 6.4's tables, a spacing mark since Unicode 16
    const QChar::Category category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing || inRanges(kOtherGraphemeExtend, c);
}

// Rust's notion of printable: everything except controls, format characters, surrogates, private use,
// unassigned code points and separators other than the plain space.
bool isPrintable(char32_t c)
{
    if (c == U' ')
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return inRanges(kAssignedAfterQt, c);
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

void appendUnicodeEscape(QString &out, char32_t c)
{
    out += QLatin1String("\\u{") + QString::number(static_cast<uint>(c), 16) + QLatin1Char('}');
}

void format(const Value &value, QString &out)
{
    switch (value.kind) {
    case Type::Kind::Uint:
        out += toDecimal(value.uintValue);
        if (const QString hint = scientificHint(value.uintValue, false); !hint.isEmpty())
            out += QLatin1String(" [") + hint + QLatin1Char(']');
        return;
    case Type::Kind::Int: {
        out += toDecimal(value.intValue);
        const bool negative = value.intValue < 0;
        const u256 magnitude = static_cast<u256>(negative ? i256(-value.intValue) : value.intValue);
        if (const QString hint = scientificHint(magnitude, negative); !hint.isEmpty())
            out += QLatin1String(" [") + hint + QLatin1Char(']');
        return;
    }
    case Type::Kind::Address:
        out += value.toAddress().toChecksumString();
        return;
    case Type::Kind::Bool:
        out += value.toBool() ? QLatin1String("true") : QLatin1String("false");
        return;
    case Type::Kind::FixedBytes:
    case Type::Kind::Bytes:
        out += toHex(value.bytes);
        return;
    case Type::Kind::String:
        out += debugQuoted(value.toQString());
        return;
    case Type::Kind::Array:
    case Type::Kind::FixedArray:
    case Type::Kind::Tuple: {
        const bool tuple = value.kind == Type::Kind::Tuple;
        out += tuple ? QLatin1Char('(') : QLatin1Char('[');
        for (qsizetype i = 0; i < value.items.size(); ++i) {
            if (i > 0)
                out += QLatin1String(", ");
            format(value.items[i], out);
        }
        out += tuple ? QLatin1Char(')') : QLatin1Char(']');
        return;
    }
    }
}

// Length of the valid UTF-8 sequence starting at `at`, or -(length of the maximal invalid prefix).
int utf8SequenceLength(const unsigned char *data, qsizetype size, qsizetype at)
{
    const unsigned char first = data[at];
    if (first < 0x80)
        return 1;
    int needed = 0;
    unsigned char low = 0x80, high = 0xBF;   // range of the second byte
    if (first >= 0xC2 && first <= 0xDF)
        needed = 1;
    else if (first >= 0xE0 && first <= 0xEF) {
        needed = 2;
        if (first == 0xE0)
            low = 0xA0;
        else if (first == 0xED)
            high = 0x9F;
    } else if (first >= 0xF0 && first <= 0xF4) {
        needed = 3;
        if (first == 0xF0)
            low = 0x90;
        else if (first == 0xF4)
            high = 0x8F;
    } else
        return -1;
    for (int i = 1; i <= needed; ++i) {
        if (at + i >= size)
            return -i;
        const unsigned char byte = data[at + i];
        const bool valid = i == 1 ? (byte >= low && byte <= high) : (byte >= 0x80 && byte <= 0xBF);
        if (!valid)
            return -i;
    }
    return needed + 1;
}

} // namespace

Value Value::fromUint(const u256 &value)
{
    Value v;
    v.kind = Type::Kind::Uint;
    v.uintValue = value;
    return v;
}

Value Value::fromInt(const i256 &value)
{
    Value v;
    v.kind = Type::Kind::Int;
    v.intValue = value;
    return v;
}

Value Value::fromAddress(const Address &address)
{
    Value v;
    v.kind = Type::Kind::Address;
    v.bytes = address.bytes();
    return v;
}

Value Value::fromBool(bool value)
{
    Value v;
    v.kind = Type::Kind::Bool;
    v.uintValue = value ? 1 : 0;
    return v;
}

Value Value::fromFixedBytes(QByteArray bytes)
{
    Q_ASSERT(bytes.size() >= 1 && bytes.size() <= 32);
    Value v;
    v.kind = Type::Kind::FixedBytes;
    v.bytes = std::move(bytes);
    return v;
}

Value Value::fromBytes(QByteArray bytes)
{
    Value v;
    v.kind = Type::Kind::Bytes;
    v.bytes = std::move(bytes);
    return v;
}

Value Value::fromString(const QString &text) { return fromUtf8(text.toUtf8()); }

Value Value::fromUtf8(QByteArray utf8)
{
    Value v;
    v.kind = Type::Kind::String;
    v.bytes = std::move(utf8);
    return v;
}

Value Value::array(QList<Value> elements)
{
    Value v;
    v.kind = Type::Kind::Array;
    v.items = std::move(elements);
    return v;
}

Value Value::fixedArray(QList<Value> elements)
{
    Value v;
    v.kind = Type::Kind::FixedArray;
    v.items = std::move(elements);
    return v;
}

Value Value::tuple(QList<Value> components)
{
    Value v;
    v.kind = Type::Kind::Tuple;
    v.items = std::move(components);
    return v;
}

Address Value::toAddress() const
{
    auto address = Address::fromBytes(bytes);
    return address ? *address : Address();
}

QString Value::toQString() const { return fromUtf8Lossy(bytes); }

QString formatValue(const Value &value)
{
    QString out;
    format(value, out);
    return out;
}

QString formatNamed(const QString &name, const QList<NamedValue> &values)
{
    QString out = name + QLatin1Char('(');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += QLatin1String(", ");
        if (!values[i].name.isEmpty())
            out += values[i].name + QLatin1String(": ");
        format(values[i].value, out);
    }
    return out + QLatin1Char(')');
}

QList<NamedValue> nameValues(const QList<Param> &params, const QList<Value> &values)
{
    Q_ASSERT(params.size() == values.size());
    QList<NamedValue> out;
    out.reserve(values.size());
    for (qsizetype i = 0; i < values.size() && i < params.size(); ++i)
        out.append(NamedValue{params[i].name, params[i].type, values[i], params[i].indexed, false});
    return out;
}

QString scientificHint(const u256 &magnitude, bool negative)
{
    if (magnitude < 10000)
        return {};
    const QString digits = toDecimal(magnitude);
    QString mantissa = digits.left(4);
    while (mantissa.size() > 1 && mantissa.endsWith(QLatin1Char('0')))
        mantissa.chop(1);
    if (mantissa.size() > 1)
        mantissa.insert(1, QLatin1Char('.'));
    return (negative ? QStringLiteral("-") : QString()) + mantissa + QLatin1Char('e')
           + QString::number(digits.size() - 1);
}

QString debugQuoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'\0': out += QLatin1String("\\0"); continue;
        case U'\t': out += QLatin1String("\\t"); continue;
        case U'\r': out += QLatin1String("\\r"); continue;
        case U'\n': out += QLatin1String("\\n"); continue;
        case U'\\': out += QLatin1String("\\\\"); continue;
        case U'"': out += QLatin1String("\\\""); continue;
        default: break;
        }
        if (c >= 0x20 && c < 0x7f)
            out += QChar(static_cast<char16_t>(c));
        else if (isGraphemeExtend(c) || !isPrintable(c))
            appendUnicodeEscape(out, c);
        else
            out += QString::fromUcs4(&c, 1);
    }
    out += QLatin1Char('"');
    return out;
}

QString fromUtf8Lossy(QByteArrayView utf8)
{
    const auto *data = reinterpret_cast<const unsigned char *>(utf8.data());
    const qsizetype size = utf8.size();
    QString out;
    out.reserve(size);
    qsizetype validStart = 0;
    qsizetype at = 0;
    while (at < size) {
        const int length = utf8SequenceLength(data, size, at);
        if (length > 0) {
            at += length;
            continue;
        }
        out += QString::fromUtf8(utf8.sliced(validStart, at - validStart));
        out += QChar(0xFFFD);
        at += -length;
        validStart = at;
    }
    out += QString::fromUtf8(utf8.sliced(validStart, at - validStart));
    return out;
}

} // namespace apedesk::eth::abi
