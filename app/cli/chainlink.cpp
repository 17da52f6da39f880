#include "chainlink.h"
#include "commandline.h"

#include "chain/networkprofile.h"
#include "chain/sandboxregistry.h"
#include "common/paths.h"
#include "eth/jsonrpcapi.h"
#include "eth/rpcawait.h"

namespace apedesk::cli {

namespace {
constexpr quint64 kBaseChainId = 8453;
Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }
} // namespace

Result<std::unique_ptr<ChainLink>> connectTo(const QString &rpc)
{
    const QUrl url(rpc, QUrl::StrictMode);
    if (rpc.isEmpty() || !url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return usage(Cli::tr("--rpc needs the http(s) URL of a node"));
    auto link = std::make_unique<ChainLink>();
    link->url = url;
    link->client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{url}, chain::chainRpcOptions(url));
    eth::EthRpc rpcApi(link->client.get());
    auto id = eth::awaitRpc<quint64>(link->client.get(), [&](auto done) { return rpcApi.chainId(done); });
    if (!id)
        return id.error().toError();
    link->chainId = *id;

    std::optional<chain::NetworkProfile> profile;
    if (auto recorded = chain::SandboxRegistry(Paths::chainDir()).findByRpcUrl(url)) {
        profile = chain::NetworkProfile::fromSandbox(recorded->deployment);
        link->sandbox = true;
    } else if (link->chainId == kBaseChainId) {
        profile = chain::NetworkProfile::base();
    }
    if (!profile)
        return Error::make(Error::Kind::Chain,
                           Cli::tr("no ETH/USDC pool is known on chain %1 at %2 (not a recorded sandbox, not BASE)")
                               .arg(link->chainId)
                               .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    auto code = eth::awaitRpc<QByteArray>(link->client.get(), [&](auto done) {
        return rpcApi.getCode(profile->poolManager, eth::BlockTag::latest(), done);
    });
    if (!code)
        return code.error().toError();
    if (code->isEmpty())
        return Error::make(Error::Kind::Chain, Cli::tr("there is no Uniswap V4 PoolManager at %1 on this node")
                                                   .arg(profile->poolManager.toChecksumString()));
    link->venue = profile->venue();
    return link;
}

} // namespace apedesk::cli
