#pragma once
// The model registry's retained global versions (FederatedService::versionsListed, newest first):
// version, the round that produced it, its global RMSE, the regimes it was trained in, when, and
// whether it is a rollback copy of an older version. The newest row is the current model.

#include "federated/modelregistry.h"

#include <QAbstractTableModel>
#include <QList>

namespace apedesk::ui {

class VersionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { VersionColumn, RoundColumn, GlobalRmseColumn, RegimesColumn, SourceColumn, CreatedColumn, ColumnCount };
    enum Role {
        VersionRole = Qt::UserRole + 1,  // qint64
        RolledBackFromRole,              // qint64, 0 for an aggregated model
        GlobalRmseRole,                  // double; invalid when the metrics have none
        CurrentRole,                     // bool: the newest version, the model in use
    };

    explicit VersionTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setVersions(const QList<federated::ModelVersion> &versions);
    const QList<federated::ModelVersion> &versions() const { return m_versions; }
    const federated::ModelVersion &version(int row) const { return m_versions.at(row); }
    int rowOfVersion(qint64 version) const;   // -1: not listed

    // "global_rmse" of a version's metrics; nullopt when absent or not a number.
    static std::optional<double> globalRmse(const federated::ModelVersion &version);
    // "crisis,volatile" keys as the regimes' display names.
    static QString regimesText(const QStringList &regimeKeys);

private:
    QList<federated::ModelVersion> m_versions;
};

} // namespace apedesk::ui
