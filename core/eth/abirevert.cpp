#include "abirevert.h"

#include "abicodec.h"
#include "hex.h"

#include <QCoreApplication>

namespace apedesk::eth::abi {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::abi::Revert)
};

constexpr int kMaxNesting = 4;   // reverts wrapped in reverts, e.g. ExecutionFailed(i, Error("..."))

const QByteArray &errorStringSelector()
{
    static const QByteArray selector = QByteArray::fromHex("08c379a0");
    return selector;
}
const QByteArray &panicSelector()
{
    static const QByteArray selector = QByteArray::fromHex("4e487b71");
    return selector;
}

DecodedRevert decodeAt(QByteArrayView data, const ErrorRegistry *registry, int depth);

// A bytes argument that holds a recognizable revert prints as that revert, not as hex.
QString formatArgs(const QString &name, const QList<NamedValue> &args, const ErrorRegistry *registry, int depth)
{
    QString out = name + QLatin1Char('(');
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (i > 0)
            out += QLatin1String(", ");
        if (!args[i].name.isEmpty())
            out += args[i].name + QLatin1String(": ");
        const Value &value = args[i].value;
        if (value.kind == Type::Kind::Bytes && value.bytes.size() >= 4 && depth < kMaxNesting) {
            const DecodedRevert inner = decodeAt(value.bytes, registry, depth + 1);
            if (inner.kind == DecodedRevert::Kind::Reason || inner.kind == DecodedRevert::Kind::Panic
                || inner.kind == DecodedRevert::Kind::Custom) {
                out += inner.message;
                continue;
            }
        }
        out += formatValue(value);
    }
    return out + QLatin1Char(')');
}

DecodedRevert decodeAt(QByteArrayView data, const ErrorRegistry *registry, int depth)
{
    DecodedRevert result;
    result.data = data.toByteArray();
    if (data.isEmpty()) {
        result.kind = DecodedRevert::Kind::Empty;
        result.message = Messages::tr("The call reverted without a reason.");
        return result;
    }
    if (data.size() < 4) {
        result.kind = DecodedRevert::Kind::Unknown;
        result.message = Messages::tr("The call reverted with data that is not an error: %1.").arg(toHex(data));
        return result;
    }
    const QByteArrayView selector = data.first(4);
    const QByteArrayView body = data.sliced(4);

    if (selector == errorStringSelector()) {
        result.name = QStringLiteral("Error");
        auto values = decode({Type::string()}, body);
        if (values) {
            result.kind = DecodedRevert::Kind::Reason;
            result.reason = values->first().toQString();
            result.args = {NamedValue{QString(), Type::string(), values->first(), false, false}};
            result.message = Messages::tr("Reverted: %1").arg(result.reason);
            return result;
        }
    } else if (selector == panicSelector()) {
        result.name = QStringLiteral("Panic");
        auto values = decode({Type::uintType()}, body);
        if (values) {
            result.kind = DecodedRevert::Kind::Panic;
            result.panicCode = values->first().uintValue;
            result.args = {NamedValue{QString(), Type::uintType(), values->first(), false, false}};
            const QString code = result.panicCode <= 0xff
                                     ? QStringLiteral("0x") + toHex(toBigEndian(result.panicCode, 1), false)
                                     : toHexQuantity(result.panicCode);
            result.message = Messages::tr("Panic %1: %2.").arg(code, panicMeaning(result.panicCode));
            return result;
        }
    } else if (const CustomError *error = registry ? registry->find(selector) : nullptr) {
        result.name = error->name;
        auto values = decode(typesOf(error->inputs), body);
        if (values) {
            result.kind = DecodedRevert::Kind::Custom;
            result.args = nameValues(error->inputs, *values);
            result.message = formatArgs(error->name, result.args, registry, depth);
            return result;
        }
    } else {
        result.kind = DecodedRevert::Kind::Unknown;
        result.message = Messages::tr("The call reverted with an unknown custom error %1 (no loaded ABI has this selector); data %2.")
                             .arg(toHex(selector), toHex(data));
        return result;
    }
    result.kind = DecodedRevert::Kind::Malformed;
    result.message = Messages::tr("The call reverted with %1, but its arguments do not decode; data %2.").arg(result.name, toHex(data));
    return result;
}
} // namespace

void ErrorRegistry::add(const CustomError &error)
{
    const QByteArray selector = error.selector();
    if (!m_errors.contains(selector))
        m_errors.insert(selector, error);
}

void ErrorRegistry::add(const Interface &abi)
{
    for (const CustomError &error : abi.errors())
        add(error);
}

const CustomError *ErrorRegistry::find(QByteArrayView selector) const
{
    const auto it = m_errors.constFind(selector.toByteArray());
    return it == m_errors.constEnd() ? nullptr : &it.value();
}

DecodedRevert decodeRevert(QByteArrayView data, const ErrorRegistry *registry) { return decodeAt(data, registry, 0); }

QString panicMeaning(const u256 &code)
{
    if (code > 0xff)
        return Messages::tr("an unknown panic code");
    switch (static_cast<int>(code)) {
    case 0x00: return Messages::tr("a generic compiler-inserted panic");
    case 0x01: return Messages::tr("an assertion failed");
    case 0x11: return Messages::tr("arithmetic underflow or overflow");
    case 0x12: return Messages::tr("division or modulo by zero");
    case 0x21: return Messages::tr("a value too large or negative converted to an enum");
    case 0x22: return Messages::tr("an incorrectly encoded storage byte array");
    case 0x31: return Messages::tr("pop() on an empty array");
    case 0x32: return Messages::tr("an array index out of bounds");
    case 0x41: return Messages::tr("too much memory allocated or an array too large");
    case 0x51: return Messages::tr("a call to a zero-initialized internal function");
    default: return Messages::tr("an unknown panic code");
    }
}

} // namespace apedesk::eth::abi
