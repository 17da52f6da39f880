#include "canarybadgedelegate.h"

#include "agentstyle.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace apedesk::ui {

namespace {
constexpr int kPadX = 7;    // text to badge edge
constexpr int kPadY = 2;
constexpr qreal kRadius = 4.0;
} // namespace

CanaryBadgeDelegate::CanaryBadgeDelegate(int canaryRole, QObject *parent)
    : QStyledItemDelegate(parent), m_canaryRole(canaryRole)
{
}

QColor CanaryBadgeDelegate::badgeColor(agent::Canary canary, const QPalette &palette)
{
    return agentstyle::canaryFill(canary, palette);
}

QColor CanaryBadgeDelegate::badgeTextColor(agent::Canary canary) { return agentstyle::canaryText(canary); }

agent::Canary CanaryBadgeDelegate::canaryOf(const QModelIndex &index) const
{
    const int value = index.data(m_canaryRole).toInt();
    switch (value) {
    case int(agent::Canary::ApeIn): return agent::Canary::ApeIn;
    case int(agent::Canary::ApeOut): return agent::Canary::ApeOut;
    case int(agent::Canary::ApeNeutral): return agent::Canary::ApeNeutral;
    default: return agent::Canary::None;
    }
}

QRect CanaryBadgeDelegate::badgeRect(const QRect &cell, const QFontMetrics &metrics, const QString &text)
{
    const int width = std::min(cell.width() - 2, metrics.horizontalAdvance(text) + 2 * kPadX);
    const int height = std::min(cell.height() - 2, metrics.height() + 2 * kPadY);
    QRect badge(0, 0, width, height);
    badge.moveCenter(cell.center());
    return badge;
}

void CanaryBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const agent::Canary canary = canaryOf(index);
    if (canary == agent::Canary::None) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell's background (selection, alternating rows) without its text, then the badge.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QString text = cell.text;
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    QFont font = cell.font;
    font.setBold(true);
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.9));
    const QFontMetrics metrics(font);
    const QRect badge = badgeRect(option.rect, metrics, text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    painter->fillPath(path, badgeColor(canary, option.palette));
    painter->setFont(font);
    painter->setPen(badgeTextColor(canary));
    painter->drawText(badge, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, badge.width() - 4));
    painter->restore();
}

QSize CanaryBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (canaryOf(index) == agent::Canary::None)
        return size;
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.9));
    const QFontMetrics metrics(font);
    const QString text = index.data(Qt::DisplayRole).toString();
    size.setWidth(std::max(size.width(), metrics.horizontalAdvance(text) + 2 * kPadX + 8));
    size.setHeight(std::max(size.height(), metrics.height() + 2 * kPadY + 4));
    return size;
}

} // namespace apedesk::ui
