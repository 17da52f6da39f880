#include "federatedversionsbox.h"

#include "versiontablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace apedesk::ui {

FederatedVersionsBox::FederatedVersionsBox(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fedVersionsBox"));
    m_model = new VersionTableModel(this);
    m_model->setObjectName(QStringLiteral("fedVersionModel"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("fedVersionTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(VersionTableModel::RegimesColumn, QHeaderView::Stretch);

    m_rollback = new QPushButton(tr("Roll back to this version"), this);
    m_rollback->setObjectName(QStringLiteral("fedRollbackButton"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("fedRollbackNote"));
    m_note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_rollback);
    row->addWidget(m_note, 1);
    layout->addLayout(row);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FederatedVersionsBox::updateButton);
    connect(m_rollback, &QPushButton::clicked, this, [this] {
        if (const qint64 version = selectedVersion(); version > 0)
            Q_EMIT rollbackRequested(version);
    });
    updateButton();
}

void FederatedVersionsBox::setVersions(const QList<federated::ModelVersion> &versions)
{
    const qint64 selected = selectedVersion();
    m_model->setVersions(versions);
    selectVersion(selected);   // a new list keeps the person's choice when it is still there
    updateButton();
}

void FederatedVersionsBox::setRollbackAllowed(bool allowed)
{
    m_allowed = allowed;
    updateButton();
}

void FederatedVersionsBox::selectVersion(qint64 version)
{
    const int row = version > 0 ? m_model->rowOfVersion(version) : -1;
    if (row < 0)
        m_table->clearSelection();
    else
        m_table->selectRow(row);
}

qint64 FederatedVersionsBox::selectedVersion() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->version(rows.first().row()).version;
}

void FederatedVersionsBox::updateButton()
{
    const qint64 selected = selectedVersion();
    const bool current = selected > 0 && m_model->rowOfVersion(selected) == 0;
    m_rollback->setEnabled(m_allowed && selected > 0 && !current);
    QString note;
    if (m_model->rowCount() == 0)
        note = tr("Each completed round stores a global version here (the last 10 and each regime's best are kept).");
    else if (!m_allowed)
        note = tr("Rollback waits until the run ends.");
    else if (selected == 0)
        note = tr("Select an older version to make it the current model again.");
    else if (current)
        note = tr("This is the current model.");
    else
        note = tr("Adds a copy of v%1 as the newest version; the history is kept.").arg(selected);
    m_note->setText(note);
}

} // namespace apedesk::ui
