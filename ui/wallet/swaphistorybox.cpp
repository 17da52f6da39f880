#include "swaphistorybox.h"

#include "swaphistorymodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace apedesk::ui {

SwapHistoryBox::SwapHistoryBox(ChainService *chain, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("swapHistoryBox"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_model = new SwapHistoryModel(this);
    m_model->setObjectName(QStringLiteral("swapHistoryModel"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("swapHistoryView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setMinimumHeight(120);
    layout->addWidget(m_view, 1);

    m_copyAction = new QAction(tr("Copy hash"), m_view);
    m_copyAction->setObjectName(QStringLiteral("copyHashAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copyAction);

    auto *row = new QHBoxLayout;
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("swapHistoryNote"));
    m_note->setWordWrap(true);
    row->addWidget(m_note, 1);
    m_copyButton = new QPushButton(tr("Copy hash"), this);
    m_copyButton->setObjectName(QStringLiteral("copyHashButton"));
    m_copyButton->setToolTip(tr("Copy the selected swap's transaction hash."));
    row->addWidget(m_copyButton);
    layout->addLayout(row);

    connect(m_copyAction, &QAction::triggered, this, &SwapHistoryBox::copyHash);
    connect(m_copyButton, &QPushButton::clicked, this, &SwapHistoryBox::copyHash);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SwapHistoryBox::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SwapHistoryBox::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SwapHistoryBox::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SwapHistoryBox::updateActions);
    if (chain) {
        // Connected before history() is read; the model merges by swap id, so nothing is lost or doubled.
        connect(chain, &ChainService::swapStarted, m_model, &SwapHistoryModel::upsert);
        connect(chain, &ChainService::swapFinished, m_model, &SwapHistoryModel::upsert);
        m_model->setRecords(chain->history());
    }
    updateActions();
}

QString SwapHistoryBox::selectedHash() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(SwapHistoryModel::TxHashRole).toString();
}

void SwapHistoryBox::copyHash()
{
    const QString hash = selectedHash();
    if (hash.isEmpty())
        return;
    QApplication::clipboard()->setText(hash);
    m_note->setText(tr("Copied %1").arg(hash));
}

void SwapHistoryBox::updateActions()
{
    const bool hasHash = !selectedHash().isEmpty();
    m_copyButton->setEnabled(hasHash);
    m_copyAction->setEnabled(hasHash);
    if (m_model->rowCount() == 0)
        m_note->setText(tr("No swaps in this session yet."));
    else if (m_note->text() == tr("No swaps in this session yet."))
        m_note->clear();
}

} // namespace apedesk::ui
