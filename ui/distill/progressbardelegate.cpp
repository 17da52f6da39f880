#include "progressbardelegate.h"

#include "distillstyle.h"
#include "jobtablemodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace apedesk::ui {

namespace {
constexpr int kMargin = 3;
constexpr qreal kRadius = 3;
// Wide enough for "100 % — Iter 400: train loss 1.234" at the default font.
constexpr int kPreferredWidth = 230;
} // namespace

ProgressBarDelegate::ProgressBarDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void ProgressBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The selection background first, so a selected row still reads as selected.
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const auto state = distill::JobState(index.data(JobTableModel::StateRole).toInt());
    const double fraction = std::clamp(index.data(JobTableModel::ProgressRole).toDouble(), 0.0, 1.0);
    const QString text = index.data(Qt::DisplayRole).toString();
    const QColor color = distillstyle::stateColor(state, option.palette);

    const QRectF bar = QRectF(option.rect).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QColor track = option.palette.color(QPalette::Base);
    track = distillstyle::isDark(option.palette) ? track.lighter(130) : track.darker(106);
    painter->setPen(QPen(color, 1));
    painter->setBrush(track);
    painter->drawRoundedRect(bar, kRadius, kRadius);
    if (fraction > 0) {
        QPainterPath clip;
        clip.addRoundedRect(bar, kRadius, kRadius);
        painter->setClipPath(clip);
        QColor fill = color;
        fill.setAlpha(distillstyle::isDark(option.palette) ? 150 : 110);
        painter->fillRect(QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height()), fill);
        painter->setClipping(false);
    }
    painter->setPen(option.palette.color(QPalette::Text));
    const QRect textRect = bar.toRect().adjusted(6, 0, -6, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {std::min(std::max(kPreferredWidth, base.width()), 2 * kPreferredWidth), base.height() + 2 * kMargin};
}

} // namespace apedesk::ui
