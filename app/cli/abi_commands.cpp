// apedesk-cli abi encode|decode, calldata, keccak: the Solidity ABI from the command line, with the
// same arguments and the same printed output as Foundry's cast abi-encode, abi-decode, calldata, keccak.

#include "commandline.h"

#include "eth/abi.h"
#include "eth/hex.h"
#include "eth/keccak.h"

#include <QJsonArray>
#include <QJsonObject>

namespace apedesk::cli {
namespace {
using namespace apedesk::eth;

int failWith(const Output &out, const Error &error)
{
    return out.fail(error.kind == Error::Kind::Usage ? UsageError : Failure, error.toString());
}

// Positional arguments after the signature; a first "--" only separates (so "-5" can follow it).
QStringList positional(QStringList args)
{
    if (!args.isEmpty() && args.first() == QLatin1String("--"))
        args.removeFirst();
    return args;
}

// Scripts get plain JSON values: numbers as decimal strings, bytes as hex, arrays and tuples as arrays.
QJsonValue jsonValue(const abi::Value &value)
{
    switch (value.kind) {
    case abi::Type::Kind::Uint:
        return toDecimal(value.uintValue);
    case abi::Type::Kind::Int:
        return toDecimal(value.intValue);
    case abi::Type::Kind::Address:
        return value.toAddress().toChecksumString();
    case abi::Type::Kind::Bool:
        return value.toBool();
    case abi::Type::Kind::FixedBytes:
    case abi::Type::Kind::Bytes:
        return toHex(value.bytes);
    case abi::Type::Kind::String:
        return value.toQString();
    case abi::Type::Kind::Array:
    case abi::Type::Kind::FixedArray:
    case abi::Type::Kind::Tuple: {
        QJsonArray items;
        for (const abi::Value &item : value.items)
            items.append(jsonValue(item));
        return items;
    }
    }
    return {};
}

void printHex(const Output &out, const QString &key, const QByteArray &bytes)
{
    if (out.json())
        out.record({{key, toHex(bytes)}});
    else
        out.text(toHex(bytes));
}

// SIG ARGS... -> the signature and its arguments as values.
Result<std::pair<abi::Signature, QList<abi::Value>>> signatureAndValues(const QString &command, const QStringList &args)
{
    if (args.isEmpty())
        return Error::make(Error::Kind::Usage, Cli::tr("%1: missing the signature, like \"transfer(address,uint256)\"").arg(command));
    auto signature = abi::Signature::parse(args.first());
    if (!signature)
        return signature.error();
    auto values = abi::parseArguments(abi::typesOf(signature->inputs), positional(args.mid(1)));
    if (!values)
        return Error::make(values.error().kind, command + QLatin1String(": ") + values.error().message,
                           values.error().detail);
    return std::make_pair(std::move(*signature), std::move(*values));
}

int encodeCommand(const QStringList &args, const Output &out)
{
    auto parsed = signatureAndValues(QStringLiteral("abi encode"), args);
    if (!parsed)
        return failWith(out, parsed.error());
    auto encoded = abi::encode(abi::typesOf(parsed->first.inputs), parsed->second);
    if (!encoded)
        return failWith(out, encoded.error());
    printHex(out, QStringLiteral("encoded"), *encoded);
    return Ok;
}

int decodeCommand(const QStringList &args, const Output &out)
{
    bool inputs = false;
    QStringList rest;
    for (const QString &arg : args) {
        if (arg == QLatin1String("--input") || arg == QLatin1String("-i"))
            inputs = true;
        else if (arg.startsWith(QLatin1String("--")))
            return out.fail(UsageError, Cli::tr("abi decode: unknown option %1").arg(arg));
        else
            rest.append(arg);
    }
    if (rest.size() != 2)
        return out.fail(UsageError, Cli::tr("abi decode: expected a signature and hex data"));
    auto signature = abi::Signature::parse(rest[0]);
    if (!signature)
        return failWith(out, signature.error());
    auto data = fromHex(rest[1].trimmed());
    if (!data)
        return failWith(out, data.error());
    const QList<abi::Param> &params = inputs ? signature->inputs : signature->outputs;
    if (params.isEmpty())
        return out.fail(Failure, inputs ? Cli::tr("abi decode: the signature has no input types")
                                        : Cli::tr("abi decode: the signature has no output types; write f(inputs)(outputs) "
                                                  "or pass --input"));
    // Calldata may keep its selector (cast 1.7.1 wants it removed; both work here).
    QByteArrayView body = *data;
    if (inputs && data->size() % 32 == 4) {
        if (data->first(4) != signature->selector())
            return out.fail(Failure, Cli::tr("abi decode: the data starts with the selector %1, not %2 of %3")
                                         .arg(toHex(data->first(4)), toHex(signature->selector()), signature->canonical()));
        body = body.sliced(4);
    }
    auto values = abi::decode(abi::typesOf(params), body);
    if (!values)
        return failWith(out, values.error());
    for (qsizetype i = 0; i < values->size(); ++i) {
        const abi::Value &value = values->at(i);
        if (out.json())
            out.record({{QStringLiteral("name"), params[i].name},
                        {QStringLiteral("type"), params[i].type.canonical()},
                        {QStringLiteral("value"), jsonValue(value)},
                        {QStringLiteral("text"), abi::formatValue(value)}});
        else
            out.text(abi::formatValue(value));
    }
    return Ok;
}

} // namespace

int abiCommand(const QStringList &args, const Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("encode"))
        return encodeCommand(args.mid(1), out);
    if (sub == QLatin1String("decode"))
        return decodeCommand(args.mid(1), out);
    if (sub.isEmpty())
        return out.fail(UsageError, Cli::tr("abi: expected encode or decode"));
    return out.fail(UsageError, Cli::tr("abi: unknown subcommand \"%1\"; expected encode or decode").arg(sub));
}

int calldataCommand(const QStringList &args, const Output &out)
{
    auto parsed = signatureAndValues(QStringLiteral("calldata"), args);
    if (!parsed)
        return failWith(out, parsed.error());
    auto calldata = abi::encodeCall(parsed->first, parsed->second);
    if (!calldata)
        return failWith(out, calldata.error());
    printHex(out, QStringLiteral("calldata"), *calldata);
    return Ok;
}

int keccakCommand(const QStringList &args, const Output &out)
{
    const QStringList rest = positional(args);
    if (rest.size() != 1)
        return out.fail(UsageError, Cli::tr("keccak: expected one argument, text or 0x-prefixed hex"));
    // As cast: a lower-case 0x prefix means hex bytes; anything else is UTF-8 text.
    QByteArray input;
    if (rest.first().startsWith(QLatin1String("0x"))) {
        auto bytes = fromHex(rest.first(), HexPrefix::Required);
        if (!bytes)
            return failWith(out, bytes.error());
        input = *bytes;
    } else {
        input = rest.first().toUtf8();
    }
    printHex(out, QStringLiteral("hash"), keccak256(input));
    return Ok;
}

} // namespace apedesk::cli
