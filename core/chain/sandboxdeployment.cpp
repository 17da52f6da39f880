#include "sandboxdeployment.h"

#include "eth/mnemonic.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <optional>

namespace apedesk::chain {
namespace {

constexpr int kFormat = 1;
const char *const kMnemonic = "test test test test test test test test test test test junk";

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::chain::SandboxDeployment)
};

// Reads fields of a JSON object, keeping the first problem; later reads after a failure are no-ops.
class Reader
{
public:
    explicit Reader(const QJsonObject &object) : m_object(object) {}

    eth::Address address(const QString &key) { return addressIn(m_object, key, key); }
    eth::Address addressIn(const QJsonObject &object, const QString &key, const QString &field)
    {
        const QJsonValue value = object.value(key);
        if (!value.isString())
            return fail(field, QStringLiteral("missing or not a string")), eth::Address();
        auto parsed = eth::Address::fromString(value.toString());
        if (!parsed)
            return fail(field, parsed.error().toString()), eth::Address();
        return *parsed;
    }
    qint64 integer(const QJsonObject &object, const QString &key, const QString &field, qint64 min, qint64 max)
    {
        const QJsonValue value = object.value(key);
        const double number = value.toDouble();
        if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number)) || number < double(min)
            || number > double(max))
            return fail(field, QStringLiteral("missing or not an integer in [%1, %2]").arg(min).arg(max)), 0;
        return static_cast<qint64>(number);
    }
    QString string(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() && !required)
            return {};
        if (!value.isString())
            return fail(key, QStringLiteral("missing or not a string")), QString();
        return value.toString();
    }
    QJsonObject object(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isObject())
            return fail(key, QStringLiteral("missing or not an object")), QJsonObject();
        return value.toObject();
    }
    void fail(const QString &field, const QString &why)
    {
        if (!m_problem)
            m_problem = QStringLiteral("%1: %2").arg(field, why);
    }
    const std::optional<QString> &problem() const { return m_problem; }
    const QJsonObject &root() const { return m_object; }

private:
    QJsonObject m_object;
    std::optional<QString> m_problem;
};

bool isPositiveDecimal(const QString &text)
{
    static const QRegularExpression decimal(QStringLiteral("^[0-9]+(\\.[0-9]+)?$"));
    if (!decimal.match(text).hasMatch())
        return false;
    for (QChar c : text) {
        if (c >= QLatin1Char('1') && c <= QLatin1Char('9'))
            return true;
    }
    return false;
}

// The phrase's seed, master key and the ten accounts' keys all come from here.
Result<eth::ExtendedKey> masterKey()
{
    auto mnemonic = eth::Mnemonic::fromPhrase(QString::fromLatin1(kMnemonic));
    if (!mnemonic)
        return mnemonic.error();
    const eth::SecretBytes seed = mnemonic->seed();
    return eth::ExtendedKey::fromSeed(seed.bytes());
}

} // namespace

QJsonObject SandboxDeployment::toJson() const
{
    QJsonObject contractsObject;
    for (const auto &[name, address] : contracts())
        contractsObject.insert(name, address.toChecksumString());
    QJsonArray funded;
    for (const eth::Address &account : fundedAccounts)
        funded.append(account.toChecksumString());
    const QJsonObject key{{QStringLiteral("currency0"), poolKey.currency0.toChecksumString()},
                          {QStringLiteral("currency1"), poolKey.currency1.toChecksumString()},
                          {QStringLiteral("fee"), static_cast<qint64>(poolKey.fee)},
                          {QStringLiteral("tick_spacing"), poolKey.tickSpacing},
                          {QStringLiteral("hooks"), poolKey.hooks.toChecksumString()}};
    const QJsonObject position{{QStringLiteral("tick_lower"), tickLower},
                               {QStringLiteral("tick_upper"), tickUpper},
                               {QStringLiteral("liquidity"), eth::toDecimal(liquidity)}};
    return QJsonObject{{QStringLiteral("format"), kFormat},
                       {QStringLiteral("chain_id"), static_cast<qint64>(chainId)},
                       {QStringLiteral("rpc_url"), rpcUrl},
                       {QStringLiteral("deployer"), deployer.toChecksumString()},
                       {QStringLiteral("contracts"), contractsObject},
                       {QStringLiteral("pool_key"), key},
                       {QStringLiteral("pool_id"), poolId.toHex()},
                       {QStringLiteral("initial_price"), initialPrice},
                       {QStringLiteral("position"), position},
                       {QStringLiteral("funded_accounts"), funded}};
}

Result<SandboxDeployment> SandboxDeployment::fromJson(const QJsonObject &object)
{
    const auto malformed = [](const QString &detail) {
        return Error::make(Error::Kind::Format, Messages::tr("The saved sandbox description is damaged or from another version."),
                           detail);
    };
    Reader reader(object);
    if (reader.integer(object, QStringLiteral("format"), QStringLiteral("format"), kFormat, kFormat) != kFormat)
        return malformed(reader.problem().value_or(QStringLiteral("format")));

    SandboxDeployment d;
    d.chainId = static_cast<quint64>(
        reader.integer(object, QStringLiteral("chain_id"), QStringLiteral("chain_id"), 1, (qint64(1) << 53) - 1));
    d.rpcUrl = reader.string(QStringLiteral("rpc_url"));
    d.deployer = reader.address(QStringLiteral("deployer"));

    const QJsonObject contractsObject = reader.object(QStringLiteral("contracts"));
    const auto contract = [&](const char *name) {
        const QString key = QString::fromLatin1(name);
        const eth::Address address = reader.addressIn(contractsObject, key, QStringLiteral("contracts.") + key);
        if (!reader.problem() && address.isZero())
            reader.fail(QStringLiteral("contracts.") + key, QStringLiteral("zero address"));
        return address;
    };
    d.poolManager = contract("PoolManager");
    d.permit2 = contract("Permit2");
    d.weth = contract("WETH");
    d.usdc = contract("USDC");
    d.stateView = contract("StateView");
    d.quoter = contract("V4Quoter");
    d.modifyLiquidityTest = contract("PoolModifyLiquidityTest");
    d.positionManager = contract("PositionManager");
    d.universalRouter = contract("UniversalRouter");

    const QJsonObject key = reader.object(QStringLiteral("pool_key"));
    d.poolKey.currency0 = reader.addressIn(key, QStringLiteral("currency0"), QStringLiteral("pool_key.currency0"));
    d.poolKey.currency1 = reader.addressIn(key, QStringLiteral("currency1"), QStringLiteral("pool_key.currency1"));
    d.poolKey.fee = static_cast<quint32>(
        reader.integer(key, QStringLiteral("fee"), QStringLiteral("pool_key.fee"), 0, 1000000));
    d.poolKey.tickSpacing = static_cast<qint32>(
        reader.integer(key, QStringLiteral("tick_spacing"), QStringLiteral("pool_key.tick_spacing"), 1, 32767));
    d.poolKey.hooks = reader.addressIn(key, QStringLiteral("hooks"), QStringLiteral("pool_key.hooks"));

    const QString poolIdText = reader.string(QStringLiteral("pool_id"));
    d.initialPrice = reader.string(QStringLiteral("initial_price"));

    const QJsonObject position = reader.object(QStringLiteral("position"));
    d.tickLower = static_cast<int>(
        reader.integer(position, QStringLiteral("tick_lower"), QStringLiteral("position.tick_lower"), -887272, 887272));
    d.tickUpper = static_cast<int>(
        reader.integer(position, QStringLiteral("tick_upper"), QStringLiteral("position.tick_upper"), -887272, 887272));
    const QJsonValue liquidity = position.value(QStringLiteral("liquidity"));

    const QJsonValue funded = object.value(QStringLiteral("funded_accounts"));
    if (!funded.isArray())
        reader.fail(QStringLiteral("funded_accounts"), QStringLiteral("missing or not an array"));
    if (reader.problem())
        return malformed(*reader.problem());

    auto parsedLiquidity = eth::parseU256(liquidity.toString());
    if (!liquidity.isString() || !parsedLiquidity)
        return malformed(QStringLiteral("position.liquidity: not a decimal string"));
    d.liquidity = *parsedLiquidity;
    if (d.tickLower >= d.tickUpper)
        return malformed(QStringLiteral("position: tick_lower >= tick_upper"));

    for (const QJsonValue &entry : funded.toArray()) {
        auto account = entry.isString() ? eth::Address::fromString(entry.toString())
                                        : Result<eth::Address>(Error::make(Error::Kind::Format, QStringLiteral("not a string")));
        if (!account)
            return malformed(QStringLiteral("funded_accounts: %1").arg(account.error().toString()));
        d.fundedAccounts.append(*account);
    }

    auto poolId = eth::Hash32::fromString(poolIdText);
    if (!poolId)
        return malformed(QStringLiteral("pool_id: %1").arg(poolId.error().toString()));
    d.poolId = *poolId;
    // The id must be the key's, and the key the sandbox's ETH/USDC pool: a record that disagrees with
    // itself would send swaps to the wrong place.
    if (d.poolKey.id() != d.poolId)
        return malformed(QStringLiteral("pool_id %1 is not the id of pool_key %2").arg(poolIdText, d.poolKey.toTupleString()));
    if (!d.poolKey.currency0.isZero() || d.poolKey.currency1 != d.usdc)
        return malformed(QStringLiteral("pool_key is not (ETH, USDC)"));
    if (!isPositiveDecimal(d.initialPrice))
        return malformed(QStringLiteral("initial_price \"%1\" is not a positive decimal").arg(d.initialPrice));
    return d;
}

QList<QPair<QString, eth::Address>> SandboxDeployment::contracts() const
{
    return {{QStringLiteral("PoolManager"), poolManager},
            {QStringLiteral("Permit2"), permit2},
            {QStringLiteral("WETH"), weth},
            {QStringLiteral("USDC"), usdc},
            {QStringLiteral("StateView"), stateView},
            {QStringLiteral("V4Quoter"), quoter},
            {QStringLiteral("PoolModifyLiquidityTest"), modifyLiquidityTest},
            {QStringLiteral("PositionManager"), positionManager},
            {QStringLiteral("UniversalRouter"), universalRouter}};
}

QList<eth::Address> sandboxAccounts()
{
    // Derived once (one PBKDF2 run, ten BIP-32 paths); only the public addresses are kept.
    static const QList<eth::Address> accounts = [] {
        QList<eth::Address> list;
        auto master = masterKey();
        if (!master)
            return list;
        for (int i = 0; i < kSandboxAccountCount; ++i) {
            auto child = master->derive(eth::DerivationPath::ethereum(static_cast<quint32>(i)));
            auto key = child ? child->privateKey() : Result<eth::PrivateKey>(child.error());
            if (!key)
                return QList<eth::Address>();
            list.append(key->address());
        }
        return list;
    }();
    return accounts;
}

Result<eth::PrivateKey> sandboxAccountKey(int index)
{
    if (index < 0 || index >= kSandboxAccountCount)
        return Error::make(Error::Kind::Usage, Messages::tr("There is no sandbox account %1.").arg(index + 1));
    auto master = masterKey();
    if (!master)
        return master.error();
    auto child = master->derive(eth::DerivationPath::ethereum(static_cast<quint32>(index)));
    if (!child)
        return child.error();
    return child->privateKey();
}

} // namespace apedesk::chain
