#include "abitype.h"
#include "textcursor.h"

#include "keccak.h"

#include <QCoreApplication>

#include <algorithm>

namespace apedesk::eth::abi {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::abi::Type)
};

bool isIdentifierStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
           || c == QLatin1Char('_') || c == QLatin1Char('$');
}
bool isIdentifierPart(QChar c) { return isIdentifierStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')); }

// Words that may follow a parameter type without being its name.
bool isParameterKeyword(QStringView word)
{
    static const char *const keywords[] = {"indexed", "memory", "calldata", "storage", "payable"};
    return std::any_of(std::begin(keywords), std::end(keywords),
                       [&](const char *keyword) { return word == QLatin1String(keyword); });
}

// Words between a parameter list and "returns" in a full Solidity declaration.
bool isFunctionModifier(QStringView word)
{
    static const char *const modifiers[] = {"external", "public", "internal", "private", "view", "pure",
                                            "payable", "nonpayable", "virtual", "override", "anonymous"};
    return std::any_of(std::begin(modifiers), std::end(modifiers),
                       [&](const char *modifier) { return word == QLatin1String(modifier); });
}

// Recursive-descent reader over a signature or type text. Every failure carries the position.
class Parser : public TextCursor
{
public:
    explicit Parser(QStringView text) : TextCursor(text) {}

    QStringView identifier()
    {
        const qsizetype start = m_pos;
        if (!atEnd() && isIdentifierStart(m_text[m_pos])) {
            ++m_pos;
            while (!atEnd() && isIdentifierPart(m_text[m_pos]))
                ++m_pos;
        }
        return m_text.sliced(start, m_pos - start);
    }
    // Looks at the next identifier without consuming it.
    QStringView peekIdentifier()
    {
        const qsizetype saved = m_pos;
        const QStringView word = identifier();
        m_pos = saved;
        return word;
    }
    void skip(qsizetype count) { m_pos += count; }


    Result<Type> type(int depth)
    {
        if (depth > kMaxTypeDepth)
            return error(Messages::tr("An ABI type is nested too deeply."));
        skipSpace();
        Result<Type> base = baseType(depth);
        if (!base)
            return base;
        Type current = std::move(*base);
        int level = depth;
        for (;;) {
            const qsizetype saved = m_pos;
            skipSpace();
            if (!accept(QLatin1Char('['))) {
                m_pos = saved;
                break;
            }
            if (++level > kMaxTypeDepth)
                return error(Messages::tr("An ABI type is nested too deeply."));
            skipSpace();
            if (accept(QLatin1Char(']'))) {
                current = Type::array(std::move(current));
                continue;
            }
            qint64 length = 0;
            bool anyDigit = false;
            while (!atEnd() && peek().isDigit() && peek().unicode() < 128) {
                length = length * 10 + (peek().unicode() - '0');
                anyDigit = true;
                ++m_pos;
                if (length > kMaxStaticSize)
                    return error(Messages::tr("An ABI fixed-size array is too long."));
            }
            skipSpace();
            if (!anyDigit || !accept(QLatin1Char(']')))
                return error(Messages::tr("An ABI array size must be a number in brackets, like uint256[3]."));
            if (length == 0)
                return error(Messages::tr("An ABI fixed-size array cannot have length zero."));
            if (length * current.headSize() > kMaxStaticSize)
                return error(Messages::tr("An ABI fixed-size array is too long."));
            current = Type::fixedArray(std::move(current), static_cast<int>(length));
        }
        return current;
    }

    // "(type name, type name)" for tuples and parameter lists. Empty lists are allowed only where
    // `allowEmpty` says (a function may take no arguments; a tuple type has at least one component).
    Result<QList<Param>> paramList(int depth, bool allowEmpty)
    {
        skipSpace();
        if (!accept(QLatin1Char('(')))
            return error(Messages::tr("Expected \"(\" in an ABI signature."));
        QList<Param> params;
        skipSpace();
        if (accept(QLatin1Char(')'))) {
            if (!allowEmpty)
                return error(Messages::tr("An ABI tuple needs at least one component."));
            return params;
        }
        for (;;) {
            auto param = parameter(depth);
            if (!param)
                return param.error();
            params.append(std::move(*param));
            skipSpace();
            if (accept(QLatin1Char(',')))
                continue;
            if (accept(QLatin1Char(')')))
                return params;
            return error(Messages::tr("Expected \",\" or \")\" in an ABI signature."));
        }
    }

private:
    Result<Param> parameter(int depth)
    {
        auto type = this->type(depth);
        if (!type)
            return type.error();
        Param param{QString(), std::move(*type), false};
        for (;;) {
            skipSpace();
            const QStringView word = identifier();
            if (word.isEmpty())
                return param;
            if (word == QLatin1String("indexed"))
                param.indexed = true;
            else if (!isParameterKeyword(word)) {
                if (!param.name.isEmpty())
                    return error(Messages::tr("An ABI parameter has more than one name."));
                param.name = word.toString();
            }
        }
    }

    Result<Type> baseType(int depth)
    {
        if (peek() == QLatin1Char('('))
            return tupleType(depth);
        const qsizetype start = m_pos;
        const QStringView word = identifier();
        if (word == QLatin1String("tuple")) {
            skipSpace();
            if (peek() == QLatin1Char('('))
                return tupleType(depth);
        }
        auto elementary = elementaryType(word);
        if (!elementary) {
            m_pos = start;
            return elementary;
        }
        return elementary;
    }

    Result<Type> tupleType(int depth)
    {
        auto params = paramList(depth + 1, false);
        if (!params)
            return params.error();
        QList<Type> components;
        QStringList names;
        qsizetype size = 0;
        bool named = false;
        for (Param &param : *params) {
            size += param.type.headSize();
            named |= !param.name.isEmpty();
            names.append(param.name);
            components.append(std::move(param.type));
        }
        if (size > kMaxStaticSize)
            return error(Messages::tr("An ABI tuple is too large."));
        return Type::tuple(std::move(components), named ? names : QStringList());
    }

    Result<Type> elementaryType(QStringView word)
    {
        if (word == QLatin1String("address"))
            return Type::address();
        if (word == QLatin1String("bool"))
            return Type::boolean();
        if (word == QLatin1String("string"))
            return Type::string();
        if (word == QLatin1String("bytes"))
            return Type::bytes();
        if (word == QLatin1String("uint"))
            return Type::uintType(256);
        if (word == QLatin1String("int"))
            return Type::intType(256);
        auto sizeAfter = [&](QLatin1String prefix) -> int {
            const QStringView digits = word.mid(prefix.size());
            if (digits.isEmpty() || digits.size() > 3 || digits.startsWith(QLatin1Char('0')))
                return -1;
            int value = 0;
            for (QChar c : digits) {
                if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                    return -1;
                value = value * 10 + (c.unicode() - '0');
            }
            return value;
        };
        if (word.startsWith(QLatin1String("uint")) || word.startsWith(QLatin1String("int"))) {
            const bool isUnsigned = word.startsWith(QLatin1String("uint"));
            const int bits = sizeAfter(isUnsigned ? QLatin1String("uint") : QLatin1String("int"));
            if (bits >= 8 && bits <= 256 && bits % 8 == 0)
                return isUnsigned ? Type::uintType(bits) : Type::intType(bits);
            return error(Messages::tr("An ABI integer type must have 8 to 256 bits in steps of 8, like uint256."));
        }
        if (word.startsWith(QLatin1String("bytes"))) {
            const int size = sizeAfter(QLatin1String("bytes"));
            if (size >= 1 && size <= 32)
                return Type::fixedBytes(size);
            return error(Messages::tr("An ABI fixed bytes type must have 1 to 32 bytes, like bytes32."));
        }
        if (word.isEmpty())
            return error(Messages::tr("Expected an ABI type."));
        return error(Messages::tr("\"%1\" is not an ABI type this application supports.").arg(word.left(40)));
    }

};
} // namespace

Type::Type(Kind kind, int size) : m_kind(kind), m_size(size)
{
    computeLayout();
}

Type Type::array(Type element)
{
    Type type(Kind::Array, 0);
    type.m_children = {std::move(element)};
    type.computeLayout();
    return type;
}

Type Type::fixedArray(Type element, int length)
{
    Type type(Kind::FixedArray, length);
    type.m_children = {std::move(element)};
    type.computeLayout();
    return type;
}

Type Type::tuple(QList<Type> components, QStringList names)
{
    Type type(Kind::Tuple, 0);
    Q_ASSERT(names.isEmpty() || names.size() == components.size());
    type.m_children = std::move(components);
    type.m_names = std::move(names);
    type.computeLayout();
    return type;
}

void Type::computeLayout()
{
    m_depth = 0;
    for (const Type &child : m_children)
        m_depth = std::max(m_depth, child.m_depth + 1);
    switch (m_kind) {
    case Kind::Bytes:
    case Kind::String:
    case Kind::Array:
        m_dynamic = true;
        m_headSize = 32;
        break;
    case Kind::FixedArray:
        if (m_children.isEmpty())
            break;   // the factory sets the element, then lays out again
        m_dynamic = element().isDynamic();
        m_headSize = m_dynamic ? 32 : m_size * element().headSize();
        break;
    case Kind::Tuple:
        m_dynamic = std::any_of(m_children.cbegin(), m_children.cend(), [](const Type &c) { return c.isDynamic(); });
        m_headSize = 0;
        for (const Type &child : m_children)
            m_headSize += child.headSize();
        if (m_dynamic)
            m_headSize = 32;
        break;
    default:
        m_dynamic = false;
        m_headSize = 32;
    }
}

Result<Type> Type::parse(QStringView text)
{
    Parser parser(text);
    auto type = parser.type(0);
    if (!type)
        return type;
    parser.skipSpace();
    if (!parser.atEnd())
        return parser.error(Messages::tr("Unexpected text after an ABI type."));
    return type;
}

QString Type::canonical() const
{
    switch (m_kind) {
    case Kind::Uint:
        return QStringLiteral("uint%1").arg(m_size);
    case Kind::Int:
        return QStringLiteral("int%1").arg(m_size);
    case Kind::Address:
        return QStringLiteral("address");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::FixedBytes:
        return QStringLiteral("bytes%1").arg(m_size);
    case Kind::Bytes:
        return QStringLiteral("bytes");
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Array:
        return element().canonical() + QStringLiteral("[]");
    case Kind::FixedArray:
        return element().canonical() + QStringLiteral("[%1]").arg(m_size);
    case Kind::Tuple:
        return canonicalList(m_children);
    }
    return {};
}

QString canonicalList(const QList<Type> &types)
{
    QString out = QStringLiteral("(");
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += types[i].canonical();
    }
    return out + QLatin1Char(')');
}

QList<Type> typesOf(const QList<Param> &params)
{
    QList<Type> types;
    types.reserve(params.size());
    for (const Param &param : params)
        types.append(param.type);
    return types;
}

Result<Signature> Signature::parse(QStringView text)
{
    Parser parser(text);
    parser.skipSpace();
    QStringView name = parser.identifier();
    if (name == QLatin1String("function") || name == QLatin1String("event") || name == QLatin1String("error")) {
        parser.skipSpace();
        const QStringView next = parser.identifier();
        if (!next.isEmpty())
            name = next;
    }
    if (name.isEmpty())
        return parser.error(Messages::tr("An ABI signature starts with a name, like transfer(address,uint256)."));
    Signature signature;
    signature.name = name.toString();
    auto inputs = parser.paramList(0, true);
    if (!inputs)
        return inputs.error();
    signature.inputs = std::move(*inputs);
    for (;;) {
        parser.skipSpace();
        const QStringView word = parser.peekIdentifier();
        if (word.isEmpty() || !isFunctionModifier(word))
            break;
        parser.skip(word.size());
    }
    if (parser.peekIdentifier() == QLatin1String("returns")) {
        parser.skip(7);
        parser.skipSpace();
        if (parser.peek() != QLatin1Char('('))
            return parser.error(Messages::tr("Expected \"(\" after \"returns\" in an ABI signature."));
    }
    if (parser.peek() == QLatin1Char('(')) {
        auto outputs = parser.paramList(0, true);
        if (!outputs)
            return outputs.error();
        signature.outputs = std::move(*outputs);
    }
    parser.skipSpace();
    if (!parser.atEnd())
        return parser.error(Messages::tr("Unexpected text after an ABI signature."));
    return signature;
}

QString Signature::canonical() const { return name + canonicalList(typesOf(inputs)); }

QByteArray Signature::selector() const { return selectorOf(canonical()); }

QByteArray selectorOf(QStringView canonicalSignature) { return keccak256(canonicalSignature.toUtf8()).left(4); }

} // namespace apedesk::eth::abi
