#include "classbalancebar.h"

#include "traderstyle.h"

#include <QLocale>
#include <QPainter>

#include <cmath>
#include <numeric>

namespace apedesk::ui {

ClassBalanceBar::ClassBalanceBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("traderClassBalanceBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ClassBalanceBar::setCounts(const std::array<int, 3> &counts)
{
    m_counts = counts;
    update();
}

QSize ClassBalanceBar::sizeHint() const { return {240, fontMetrics().height() + 8}; }

QSize ClassBalanceBar::minimumSizeHint() const { return {60, fontMetrics().height() + 8}; }

void ClassBalanceBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF bar = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const int total = std::accumulate(m_counts.begin(), m_counts.end(), 0);
    const QPalette p = palette();
    if (total > 0) {
        const QColor colors[3] = {traderstyle::holdColor(p), traderstyle::buyColor(p), traderstyle::sellColor(p)};
        const QLocale locale;
        double x = bar.left();
        for (int a = 0; a < 3; ++a) {
            const double width = bar.width() * double(m_counts[a]) / double(total);
            if (width <= 0)
                continue;
            const QRectF segment(x, bar.top(), width, bar.height());
            painter.fillRect(segment, colors[a]);
            // The share inside the segment when it fits; the legend under the bar has every figure.
            const QString share = QString(locale.toString(100.0 * m_counts[a] / total, 'f', 0) + QStringLiteral(" %"));
            if (painter.fontMetrics().horizontalAdvance(share) + 6 < width) {
                painter.setPen(Qt::white);
                painter.drawText(segment, Qt::AlignCenter, share);
            }
            x += width;
        }
    }
    painter.setPen(p.color(QPalette::Mid));
    painter.drawRect(bar);
}

} // namespace apedesk::ui
