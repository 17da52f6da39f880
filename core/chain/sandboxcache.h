#pragma once
// The prepared sandbox on disk, so the next start is `anvil --load-state` (a fraction of a second)
// instead of a deployment. One entry per price, keyed by the price, the artifacts' fingerprint and
// anvil's version, so a state made by other contracts or another anvil is never loaded. An entry is
// the plain JSON anvil's --load-state reads (anvil_dumpState answers it gzip-compressed) plus the
// SandboxDeployment that describes it, written last and carrying the state's checksum: a damaged,
// partial or foreign entry is not found (and removed), which sends the caller down the rebuild path.

#include "artifacts.h"   // artifactsFingerprint(), the cache key's second part
#include "common/error.h"
#include "sandboxdeployment.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace apedesk::chain {

struct CachedSandbox
{
    QString statePath;              // for NodeLaunch::loadStatePath
    SandboxDeployment deployment;   // rpcUrl is the one at the time it was stored: set the new one
    QString key;
};

class SandboxCache
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::chain::SandboxCache)
public:
    // directory: e.g. Paths::chainDir() + "/sandbox-cache"; created when something is stored.
    explicit SandboxCache(QString directory);
    QString directory() const { return m_directory; }

    // The valid entry for this price, artifacts and anvil, or nothing (also for a damaged entry, which
    // is removed). anvilPath: the binary that will load it (its version is part of the key).
    std::optional<CachedSandbox> find(const QString &price, const QByteArray &fingerprint, const QString &anvilPath) const;
    // stateDump: anvil_dumpState's answer (gzip JSON, or plain JSON). Replaces the entry for this key
    // and removes entries made from other artifacts or by another anvil.
    Status store(const QString &price, const QByteArray &fingerprint, const QString &anvilPath, const QByteArray &stateDump,
                 const SandboxDeployment &deployment);
    // Removes every entry.
    Status clear();

    // `anvil --version` (remembered per binary, size and time), or a stand-in from the file when it
    // does not run; never empty.
    static QString anvilVersion(const QString &anvilPath);
    // The entry key: 16 hex digits of SHA-256 over price, fingerprint and version.
    static QString cacheKey(const QString &price, const QByteArray &fingerprint, const QString &anvilVersion);
    // The plain JSON of a state dump: gunzipped when it is gzip, and checked to be a JSON object.
    static Result<QByteArray> stateJson(const QByteArray &stateDump);

private:
    QString m_directory;
};

} // namespace apedesk::chain
