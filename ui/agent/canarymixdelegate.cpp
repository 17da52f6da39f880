#include "canarymixdelegate.h"

#include "agentstyle.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace apedesk::ui {

CanaryMixDelegate::CanaryMixDelegate(int mixRole, QObject *parent) : QStyledItemDelegate(parent), m_mixRole(mixRole) {}

void CanaryMixDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const QVariantList shares = index.data(m_mixRole).toList();
    if (shares.size() != 3)
        return;
    const QRectF bar = QRectF(option.rect).adjusted(6, option.rect.height() / 2.0 - 5, -6,
                                                    -(option.rect.height() / 2.0 - 5));
    if (bar.width() <= 4)
        return;
    const agent::Canary order[3] = {agent::Canary::ApeIn, agent::Canary::ApeOut, agent::Canary::ApeNeutral};
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QPainterPath clip;
    clip.addRoundedRect(bar, 3, 3);
    painter->setClipPath(clip);
    QColor empty = option.palette.color(QPalette::Mid);
    empty.setAlpha(60);
    painter->fillRect(bar, empty);
    qreal x = bar.left();
    for (int i = 0; i < 3; ++i) {
        const qreal width = bar.width() * std::clamp(shares.at(i).toDouble(), 0.0, 1.0);
        painter->fillRect(QRectF(x, bar.top(), width, bar.height()), agentstyle::canaryFill(order[i], option.palette));
        x += width;
    }
    painter->restore();
}

QSize CanaryMixDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 120));
    return size;
}

} // namespace apedesk::ui
