#include "storepool.h"

#include "market/swapstore.h"

#include <QFileInfo>
#include <QStringList>

#include <optional>

namespace apedesk::cli {

Result<StorePool> chooseStorePool(const ParsedArgs &args)
{
    const QString path = args.value(QStringLiteral("--db"));
    if (!QFileInfo(path).isFile())
        return Error::make(Error::Kind::Io, Cli::tr("there is no swap database at %1").arg(path));
    auto store = market::SwapStore::open(path);
    if (!store)
        return store.error();
    auto pools = (*store)->pools();
    if (!pools)
        return pools.error();
    std::optional<eth::Hash32> poolId;
    if (args.has(QStringLiteral("--pool-id"))) {
        QString text = args.value(QStringLiteral("--pool-id"));
        if (!text.startsWith(QLatin1String("0x")))
            text.prepend(QStringLiteral("0x"));
        auto id = eth::Hash32::fromString(text);
        if (!id)
            return Error::make(Error::Kind::Usage,
                               Cli::tr("--pool-id is the pool's 32-byte id in hex: %1").arg(id.error().message));
        poolId = *id;
    }
    const bool chainGiven = args.has(QStringLiteral("--chain"));
    QList<market::SwapStore::PoolSummary> matching;
    QStringList listed;
    for (const auto &pool : std::as_const(*pools)) {
        listed << Cli::tr("--chain %1 --pool-id %2 (%3 swaps)").arg(pool.chain, pool.poolId.toHex()).arg(pool.rows);
        if ((!chainGiven || pool.chain == args.value(QStringLiteral("--chain"))) && (!poolId || pool.poolId == *poolId))
            matching << pool;
    }
    if (pools->isEmpty())
        return Error::make(Error::Kind::Generic, Cli::tr("the database %1 holds no swaps").arg(path));
    if (matching.isEmpty())
        return Error::make(Error::Kind::Usage, Cli::tr("no stored pool matches; the database holds: %1")
                                                   .arg(listed.join(QStringLiteral("; "))));
    if (matching.size() > 1)
        return Error::make(Error::Kind::Usage, Cli::tr("the database holds several pools; choose one: %1")
                                                   .arg(listed.join(QStringLiteral("; "))));
    return StorePool{QFileInfo(path).absoluteFilePath(), matching.first().chain, matching.first().poolId.toHex()};
}

} // namespace apedesk::cli
