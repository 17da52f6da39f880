#pragma once
// Paints the canary word of a decision as a coloured rounded badge (APE IN green, APE OUT red,
// APE NEUTRAL amber), so a column of decisions reads at a glance; cells without a canary word are
// drawn as plain text. Reads agent::Canary from the model's canary role.

#include "agent/agenttypes.h"

#include <QStyledItemDelegate>

namespace apedesk::ui {

class CanaryBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `canaryRole`: the item role that holds int(agent::Canary).
    explicit CanaryBadgeDelegate(int canaryRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The badge's fill for `canary` on `palette`; invalid for Canary::None (no badge).
    static QColor badgeColor(agent::Canary canary, const QPalette &palette);
    static QColor badgeTextColor(agent::Canary canary);
    // Where the badge sits in a cell of `cell` for `text`.
    static QRect badgeRect(const QRect &cell, const QFontMetrics &metrics, const QString &text);

private:
    agent::Canary canaryOf(const QModelIndex &index) const;

    int m_canaryRole;
};

} // namespace apedesk::ui
