// apedesk-cli tx: sign a transaction offline (the same bytes as `cast mktx` with every field given), and
// decode a raw signed transaction. Nothing is sent anywhere.

#include "commandline.h"
#include "walletoptions.h"

#include "eth/hex.h"
#include "eth/tx.h"

#include <QJsonArray>
#include <QJsonObject>

namespace apedesk::cli {
namespace {

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

// Every field from the options; all but --to, --value and --data are required, as nothing is looked up.
Result<eth::Transaction> transactionFrom(const ParsedArgs &args)
{
    for (const char *required : {"--chain-id", "--nonce", "--gas"}) {
        if (!args.has(QString::fromLatin1(required)))
            return usage(
                Cli::tr("tx sign needs %1 (nothing is looked up on a node)").arg(QString::fromLatin1(required)));
    }
    const bool legacy = args.has(QStringLiteral("--gas-price"));
    const bool eip1559 = args.has(QStringLiteral("--max-fee")) || args.has(QStringLiteral("--priority-fee"));
    if (legacy == eip1559)
        return usage(Cli::tr("give either --gas-price (legacy) or --max-fee and --priority-fee (EIP-1559)"));
    if (eip1559 && !(args.has(QStringLiteral("--max-fee")) && args.has(QStringLiteral("--priority-fee"))))
        return usage(Cli::tr("an EIP-1559 transaction needs both --max-fee and --priority-fee"));

    eth::Transaction tx;
    tx.type = legacy ? eth::Transaction::Type::Legacy : eth::Transaction::Type::Eip1559;
    auto chainId = parseUint64(args.value(QStringLiteral("--chain-id")), QStringLiteral("--chain-id"));
    auto nonce = parseUint64(args.value(QStringLiteral("--nonce")), QStringLiteral("--nonce"));
    auto gas = parseUint64(args.value(QStringLiteral("--gas")), QStringLiteral("--gas"));
    for (const auto *result : {&chainId, &nonce, &gas}) {
        if (!*result)
            return result->error();
    }
    if (*chainId == 0)
        return usage(Cli::tr("--chain-id must not be 0 (replay protection needs the chain)"));
    tx.chainId = *chainId;
    tx.nonce = *nonce;
    tx.gasLimit = *gas;

    const auto amount = [&](const char *option, eth::u256 *target) -> Status {
        const QString name = QString::fromLatin1(option);
        if (!args.has(name))
            return {};
        auto value = parseAmount(args.value(name));
        if (!value)
            return usage(name + QStringLiteral(": ") + value.error().message);
        *target = *value;
        return {};
    };
    for (const Status &status :
         {amount("--value", &tx.value), amount("--gas-price", &tx.gasPrice), amount("--max-fee", &tx.maxFeePerGas),
          amount("--priority-fee", &tx.maxPriorityFeePerGas)}) {
        if (!status)
            return status.error();
    }
    if (args.has(QStringLiteral("--data"))) {
        auto data = eth::fromHex(args.value(QStringLiteral("--data")));
        if (!data)
            return usage(Cli::tr("--data: %1").arg(data.error().message));
        tx.data = *data;
    }
    if (args.has(QStringLiteral("--to"))) {
        auto to = eth::Address::fromString(args.value(QStringLiteral("--to")));
        if (!to)
            return usage(Cli::tr("--to: %1").arg(to.error().message));
        tx.to = *to;
    } else if (tx.data.isEmpty()) {
        return usage(Cli::tr("without --to this creates a contract: give its code with --data"));
    }
    return tx;
}

QJsonObject describe(const eth::SignedTransaction &signedTx)
{
    const eth::Transaction &tx = signedTx.tx;
    const bool eip1559 = tx.type == eth::Transaction::Type::Eip1559;
    QJsonObject object{{QStringLiteral("type"), eip1559 ? 2 : 0},
                       {QStringLiteral("chain_id"), QString::number(tx.chainId)},
                       {QStringLiteral("nonce"), eth::toDecimal(tx.nonce)},
                       {QStringLiteral("gas"), eth::toDecimal(tx.gasLimit)},
                       {QStringLiteral("to"), tx.to ? QJsonValue(tx.to->toChecksumString()) : QJsonValue()},
                       {QStringLiteral("value"), eth::toDecimal(tx.value)},
                       {QStringLiteral("data"), eth::toHex(tx.data)},
                       {QStringLiteral("from"), signedTx.from.toChecksumString()},
                       {QStringLiteral("hash"), signedTx.hash.toHex()}};
    if (eip1559) {
        object.insert(QStringLiteral("max_fee_per_gas"), eth::toDecimal(tx.maxFeePerGas));
        object.insert(QStringLiteral("max_priority_fee_per_gas"), eth::toDecimal(tx.maxPriorityFeePerGas));
        QJsonArray accessList;
        for (const eth::AccessListEntry &entry : tx.accessList) {
            QJsonArray keys;
            for (const QByteArray &key : entry.storageKeys)
                keys.append(eth::toHex(key));
            accessList.append(QJsonObject{{QStringLiteral("address"), entry.address.toChecksumString()},
                                          {QStringLiteral("storage_keys"), keys}});
        }
        object.insert(QStringLiteral("access_list"), accessList);
    } else {
        object.insert(QStringLiteral("gas_price"), eth::toDecimal(tx.gasPrice));
    }
    return object;
}

int txSign(const QStringList &rest, const Output &out)
{
    QStringList valued = keySourceOptions();
    valued << QStringLiteral("--chain-id") << QStringLiteral("--nonce") << QStringLiteral("--to")
           << QStringLiteral("--value") << QStringLiteral("--data") << QStringLiteral("--gas")
           << QStringLiteral("--gas-price") << QStringLiteral("--max-fee") << QStringLiteral("--priority-fee");
    auto args = ParsedArgs::parse(rest, valued, {});
    if (!args)
        return fail(out, args.error());
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("tx sign: unexpected argument %1").arg(args->positional().first()));
    auto tx = transactionFrom(*args);
    if (!tx)
        return fail(out, tx.error());
    auto key = loadKey(*args);
    if (!key)
        return fail(out, key.error());
    auto signedTx = eth::signTransaction(*tx, *key);
    if (!signedTx)
        return fail(out, signedTx.error());
    const QString raw = eth::toHex(signedTx->raw);
    if (out.json()) {
        QJsonObject object = describe(*signedTx);
        object.insert(QStringLiteral("raw"), raw);
        out.record(object);
    } else {
        out.text(raw);
    }
    return Ok;
}

int txDecode(const QStringList &rest, const Output &out)
{
    if (rest.size() != 1 || rest.first().startsWith(QLatin1String("--")))
        return out.fail(UsageError, Cli::tr("usage: apedesk-cli tx decode RAW_HEX"));
    auto raw = eth::fromHex(rest.first());
    if (!raw)
        return out.fail(UsageError, Cli::tr("the raw transaction is not hex: %1").arg(raw.error().message));
    auto decoded = eth::decodeSignedTransaction(*raw);
    if (!decoded)
        return fail(out, decoded.error());
    out.record(describe(*decoded));
    return Ok;
}

} // namespace

int txCommand(const QStringList &args, const Output &out)
{
    if (args.isEmpty())
        return out.fail(UsageError, Cli::tr("tx needs a subcommand: sign or decode"));
    const QString sub = args.first();
    if (sub == QLatin1String("sign"))
        return txSign(args.mid(1), out);
    if (sub == QLatin1String("decode"))
        return txDecode(args.mid(1), out);
    return out.fail(UsageError, Cli::tr("unknown tx subcommand \"%1\"; see apedesk-cli help tx").arg(sub));
}

} // namespace apedesk::cli
