#pragma once
// The model registry's global versions (newest first; the newest is the model in use) and Rollback,
// which makes the selected older version current again by adding a copy of it. Rollback is off while a
// run trains (the run would write the next version over it) and for the current version itself.

#include "federated/modelregistry.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace apedesk::ui {

class VersionTableModel;

class FederatedVersionsBox : public QWidget
{
    Q_OBJECT
public:
    explicit FederatedVersionsBox(QWidget *parent = nullptr);

    void setVersions(const QList<federated::ModelVersion> &versions);
    // False while a run goes on (or without a service).
    void setRollbackAllowed(bool allowed);
    void selectVersion(qint64 version);
    qint64 selectedVersion() const;   // 0: none

    VersionTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *rollbackButton() const { return m_rollback; }

Q_SIGNALS:
    void rollbackRequested(qint64 version);

private:
    void updateButton();

    VersionTableModel *m_model;
    QTableView *m_table;
    QPushButton *m_rollback;
    QLabel *m_note;
    bool m_allowed = false;
};

} // namespace apedesk::ui
