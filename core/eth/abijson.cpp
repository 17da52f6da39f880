#include "abijson.h"

#include "keccak.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace apedesk::eth::abi {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::abi::Json)
};

Error malformed(const QString &detail)
{
    return Error::make(Error::Kind::Format, Messages::tr("The ABI JSON is malformed."), detail);
}

Result<QList<Param>> params(const QJsonValue &value, int depth, const QString &where);

// "tuple", "tuple[]", "tuple[2][]": the components make the tuple, the suffix the arrays around it.
Result<Type> tupleWithSuffix(const QJsonObject &entry, QStringView suffix, int depth, const QString &where)
{
    auto components = params(entry.value(QStringLiteral("components")), depth + 1, where);
    if (!components)
        return components.error();
    if (components->isEmpty())
        return malformed(QStringLiteral("%1: a tuple without components").arg(where));
    QList<Type> types;
    QStringList names;
    for (const Param &component : *components) {
        types.append(component.type);
        names.append(component.name);
    }
    Type type = Type::tuple(std::move(types), std::move(names));
    // Let the type parser validate the suffix on a stand-in element, then rebuild it around the tuple.
    auto shape = Type::parse(QString(QStringLiteral("bool") + suffix));
    if (!shape)
        return malformed(QStringLiteral("%1: bad array suffix \"%2\"").arg(where, suffix.toString()));
    QList<int> lengths;   // innermost first; 0 for a dynamic array
    for (const Type *level = &*shape; level->kind() == Type::Kind::Array || level->kind() == Type::Kind::FixedArray;
         level = &level->element())
        lengths.prepend(level->kind() == Type::Kind::Array ? 0 : level->length());
    for (int length : lengths) {
        if (length > 0 && type.headSize() * length > kMaxStaticSize)
            return malformed(QStringLiteral("%1: a fixed array that is too large").arg(where));
        type = length == 0 ? Type::array(std::move(type)) : Type::fixedArray(std::move(type), length);
    }
    if (type.depth() > kMaxTypeDepth)
        return malformed(QStringLiteral("%1: nested too deeply").arg(where));
    return type;
}

Result<Param> param(const QJsonValue &value, int depth, const QString &where)
{
    if (!value.isObject())
        return malformed(QStringLiteral("%1: a parameter is not an object").arg(where));
    const QJsonObject entry = value.toObject();
    const QString typeText = entry.value(QStringLiteral("type")).toString();
    Param result;
    result.name = entry.value(QStringLiteral("name")).toString();
    result.indexed = entry.value(QStringLiteral("indexed")).toBool();
    if (typeText.startsWith(QLatin1String("tuple"))) {
        auto type = tupleWithSuffix(entry, QStringView(typeText).mid(5), depth, where);
        if (!type)
            return type.error();
        result.type = std::move(*type);
        return result;
    }
    auto type = Type::parse(typeText);
    if (!type)
        return malformed(QStringLiteral("%1: %2").arg(where, type.error().toString()));
    result.type = std::move(*type);
    return result;
}

Result<QList<Param>> params(const QJsonValue &value, int depth, const QString &where)
{
    if (depth > kMaxTypeDepth)
        return malformed(QStringLiteral("%1: nested too deeply").arg(where));
    if (value.isUndefined() || value.isNull())
        return QList<Param>();
    if (!value.isArray())
        return malformed(QStringLiteral("%1: parameters are not an array").arg(where));
    QList<Param> result;
    for (const QJsonValue &item : value.toArray()) {
        auto p = param(item, depth, where);
        if (!p)
            return p.error();
        result.append(std::move(*p));
    }
    return result;
}
} // namespace

Hash32 Event::topic() const { return *Hash32::fromBytes(keccak256(canonical().toUtf8())); }

Result<Interface> Interface::fromJson(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (document.isNull())
        return malformed(parseError.errorString());
    if (document.isArray())
        return fromJsonArray(document.array());
    const QJsonValue abi = document.object().value(QStringLiteral("abi"));
    if (!abi.isArray())
        return malformed(QStringLiteral("neither an array nor an object with an \"abi\" array"));
    return fromJsonArray(abi.toArray());
}

Result<Interface> Interface::fromJsonArray(const QJsonArray &entries)
{
    Interface result;
    for (const QJsonValue &value : entries) {
        if (!value.isObject())
            return malformed(QStringLiteral("an entry is not an object"));
        const QJsonObject entry = value.toObject();
        const QString kind = entry.value(QStringLiteral("type")).toString(QStringLiteral("function"));
        const QString name = entry.value(QStringLiteral("name")).toString();
        if (kind != QLatin1String("function") && kind != QLatin1String("event") && kind != QLatin1String("error"))
            continue;   // constructor, fallback, receive: nothing to look up by name
        if (name.isEmpty())
            return malformed(QStringLiteral("a %1 without a name").arg(kind));
        auto inputs = params(entry.value(QStringLiteral("inputs")), 0, name);
        if (!inputs)
            return inputs.error();
        if (kind == QLatin1String("function")) {
            auto outputs = params(entry.value(QStringLiteral("outputs")), 0, name);
            if (!outputs)
                return outputs.error();
            result.m_functions.append(Function{name, std::move(*inputs), std::move(*outputs),
                                               entry.value(QStringLiteral("stateMutability")).toString()});
        } else if (kind == QLatin1String("event")) {
            result.m_events.append(Event{name, std::move(*inputs), entry.value(QStringLiteral("anonymous")).toBool()});
        } else {
            result.m_errors.append(CustomError{name, std::move(*inputs)});
        }
    }
    return result;
}

Result<Interface> Interface::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, Messages::tr("Cannot read the ABI file %1.").arg(path), file.errorString());
    auto result = fromJson(file.readAll());
    if (!result)
        return Error::make(result.error().kind, Messages::tr("The ABI file %1 is malformed.").arg(path), result.error().toString());
    return result;
}

const Function *Interface::function(QStringView name) const
{
    for (const Function &f : m_functions) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

const Function *Interface::functionBySelector(QByteArrayView selector) const
{
    for (const Function &f : m_functions) {
        if (f.selector() == selector)
            return &f;
    }
    return nullptr;
}

const Event *Interface::event(QStringView name) const
{
    for (const Event &e : m_events) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

const Event *Interface::eventByTopic(const Hash32 &topic) const
{
    for (const Event &e : m_events) {
        if (!e.anonymous && e.topic() == topic)
            return &e;
    }
    return nullptr;
}

const CustomError *Interface::error(QStringView name) const
{
    for (const CustomError &e : m_errors) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

const CustomError *Interface::errorBySelector(QByteArrayView selector) const
{
    for (const CustomError &e : m_errors) {
        if (e.selector() == selector)
            return &e;
    }
    return nullptr;
}

} // namespace apedesk::eth::abi
