#pragma once
// This session's swaps in a table (SwapHistoryModel), kept current from ChainService's swap signals,
// with "Copy hash" as a button and in the context menu.

#include "chain/chainservice.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;

namespace apedesk::ui {

class SwapHistoryModel;

class SwapHistoryBox : public QWidget
{
    Q_OBJECT
public:
    explicit SwapHistoryBox(ChainService *chain, QWidget *parent = nullptr);

    SwapHistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    QString selectedHash() const;
    void copyHash();
    void updateActions();

    SwapHistoryModel *m_model;
    QTableView *m_view;
    QPushButton *m_copyButton;
    QAction *m_copyAction;
    QLabel *m_note;
};

} // namespace apedesk::ui
