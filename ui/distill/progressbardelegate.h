#pragma once
// Paints a job's progress cell as a bar in its state's colour (running, done, failed, paused,
// canceled) with the percentage and the runner's progress text over it. Reads JobTableModel's
// ProgressRole, StateRole and the cell's display text.

#include <QStyledItemDelegate>

namespace apedesk::ui {

class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ProgressBarDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace apedesk::ui
