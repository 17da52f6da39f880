#pragma once
// The registry of global model versions, in the app's SQLite database (WAL; table fed_model_versions,
// schema version under the key "fed_registry_schema" of the shared meta table). Each version keeps the
// round that produced it, its parameters (modelparameters' checksummed binary), its metrics (a JSON
// object, e.g. {"global_rmse": 0.08, "venue_rmse": {...}}) and the regimes it was trained in.
//
// - The newest `keep` versions (10) are retained; older ones are pruned when a version is added,
//   except, with keepRegimeBest, the best version of each regime by the ranking metric, so a regime's
//   best model is not lost while training moves through other regimes.
// - The current model is the newest version. Rollback does not move a pointer: it adds a new version
//   that copies the chosen one (rolledBackFrom says which), so the history stays append-only, the
//   dashboard shows when a rollback happened, and "current = newest" holds for every reader.
// - Version numbers only grow (AUTOINCREMENT); a pruned number is never reused.
//
// One connection per object; use it on one thread.

#include "modelparameters.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace apedesk::federated {

struct ModelVersion
{
    qint64 version = 0;
    int round = 0;                 // the federated round that produced it (a rollback keeps its source's round)
    QDateTime createdAt;           // UTC
    QJsonObject metrics;
    QStringList regimes;
    qint64 rolledBackFrom = 0;     // 0: an aggregated model; otherwise the version this one copies
    QString note;
    qint64 parameterCount = 0;     // values in the model
    qint64 blobBytes = 0;
    ModelParameters parameters;    // filled by load() and current() only
};

struct ModelRegistryOptions
{
    int keep = 10;
    QString rankingMetric = QStringLiteral("global_rmse");   // a number in each version's metrics
    bool lowerIsBetter = true;
    bool keepRegimeBest = true;
};

class ModelRegistry
{
public:
    explicit ModelRegistry(ModelRegistryOptions options = {});
    ~ModelRegistry();
    ModelRegistry(const ModelRegistry &) = delete;
    ModelRegistry &operator=(const ModelRegistry &) = delete;

    Status open(const QString &path);
    bool isOpen() const;
    const ModelRegistryOptions &options() const { return m_options; }

    // Stores a new global version (parameters must be consistent and finite) and prunes; returns it
    // without its parameters.
    Result<ModelVersion> add(int round, const ModelParameters &parameters, const QJsonObject &metrics,
                             const QStringList &regimes = {}, const QString &note = {});
    // Retained versions, newest first, without parameters.
    Result<QList<ModelVersion>> list() const;
    // One version with its parameters; an error for an unknown (or pruned) version or a damaged blob.
    Result<ModelVersion> load(qint64 version) const;
    // The newest version with its parameters; none in an empty registry.
    Result<std::optional<ModelVersion>> current() const;
    // Makes `version` current by adding a copy of it (checked to load first); returns the new version.
    Result<ModelVersion> rollback(qint64 version, const QString &note = {});
    // The retained version tagged with `regime` that is best by `metric` (empty: the ranking metric);
    // ties go to the newer version; none when no tagged version has that metric. Without parameters.
    Result<std::optional<ModelVersion>> bestForRegime(const QString &regime, const QString &metric = {}) const;
    Result<std::optional<ModelVersion>> bestForRegime(const QString &regime, const QString &metric, bool lowerIsBetter) const;

private:
    Result<ModelVersion> insertVersion(int round, const QByteArray &blob, qint64 parameterCount, const QJsonObject &metrics,
                                       const QStringList &regimes, qint64 rolledBackFrom, const QString &note);
    Status prune();
    ModelRegistryOptions m_options;
    QString m_connection;
};

} // namespace apedesk::federated
