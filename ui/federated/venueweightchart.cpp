#include "venueweightchart.h"

#include "federatedstyle.h"
#include "widgets/charts/charttheme.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace apedesk::ui {

using federated::FederatedRoundRecord;
using federated::VenueRoundRecord;

namespace {
// More venues than this and the legend would crowd out the bars: hovering names a segment instead.
constexpr int kMaxLegendVenues = 12;
}

struct VenueWeightChart::Private
{
    QChartView *view = nullptr;
    QChart *chart = nullptr;
    QStackedBarSeries *series = nullptr;
    QCategoryAxis *x = nullptr;
    QValueAxis *y = nullptr;
    QList<QBarSet *> sets;   // one per venue, in m_venues' order
    int labelRoom = 0;       // round labels the plot's width had room for at the last labelling
};

namespace {
int labelRoomFor(const QRectF &plot) { return std::max(1, int(plot.width() / 36)); }
}

VenueWeightChart::VenueWeightChart(QWidget *parent) : QWidget(parent), d(new Private)
{
    setObjectName(QStringLiteral("fedWeightChart"));
    d->chart = new QChart;
    d->chart->setObjectName(QStringLiteral("fedWeightChartChart"));
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->chart->setBackgroundRoundness(0);
    d->chart->setMargins(QMargins(4, 2, 6, 2));
    d->chart->layout()->setContentsMargins(0, 0, 0, 0);
    d->chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    d->chart->legend()->setFont(small);
    d->chart->setTitleFont(font());
    d->chart->setTitle(tr("FRY-alpha weight per venue"));

    d->series = new QStackedBarSeries(d->chart);
    d->series->setBarWidth(0.7);
    d->chart->addSeries(d->series);
    d->x = new QCategoryAxis(d->chart);
    d->x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    d->x->setTitleText(tr("round"));
    d->y = new QValueAxis(d->chart);
    d->y->setRange(0, 1);
    d->y->setTickCount(3);
    d->y->setLabelFormat(QStringLiteral("%.1f"));
    d->y->setTitleText(tr("weight"));
    for (QValueAxis *axis : {static_cast<QValueAxis *>(d->x), d->y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
        axis->setMinorGridLineVisible(false);
    }
    d->x->setGridLineVisible(false);
    d->chart->addAxis(d->x, Qt::AlignBottom);
    d->chart->addAxis(d->y, Qt::AlignLeft);
    d->series->attachAxis(d->x);
    d->series->attachAxis(d->y);

    d->view = new QChartView(d->chart, this);   // the view owns the chart
    d->view->setObjectName(QStringLiteral("fedWeightChartView"));
    d->view->setRenderHint(QPainter::Antialiasing, true);
    d->view->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
    setMinimumSize(160, 70);

    m_empty = new QLabel(tr("Each round's venue weights appear here as the round finishes."), this);
    m_empty->setObjectName(QStringLiteral("fedWeightChartEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    // The plot's width is known only after the chart's layout: relabel when it changes the room.
    connect(d->chart, &QChart::plotAreaChanged, this, [this](const QRectF &plot) {
        if (labelRoomFor(plot) != d->labelRoom)
            updateAxis();
    });
    applyTheme();
    updateAxis();
    updateEmptyState();
}

VenueWeightChart::~VenueWeightChart() = default;

void VenueWeightChart::setVenues(const QStringList &venues)
{
    m_venues = venues;
    m_rounds.clear();
    rebuildSets();
}

void VenueWeightChart::clear() { setVenues({}); }

void VenueWeightChart::setRounds(const QList<FederatedRoundRecord> &rounds)
{
    m_rounds = rounds;
    bool added = false;
    for (const FederatedRoundRecord &round : rounds)
        for (const VenueRoundRecord &venue : round.venues)
            if (!m_venues.contains(venue.venue)) {
                m_venues.append(venue.venue);
                added = true;
            }
    if (added || d->sets.size() != m_venues.size()) {
        rebuildSets();
        return;
    }
    for (int v = 0; v < m_venues.size(); ++v) {
        QList<qreal> values;
        values.reserve(rounds.size());
        for (const FederatedRoundRecord &round : rounds)
            values.append(round.weights().value(m_venues.at(v), 0.0));
        QBarSet *set = d->sets.at(v);
        if (set->count() > 0)
            set->remove(0, set->count());
        set->append(values);
    }
    updateAxis();
    updateEmptyState();
}

void VenueWeightChart::rebuildSets()
{
    d->series->clear();   // deletes the sets
    d->sets.clear();
    const QPalette p = palette();
    for (const QString &venue : std::as_const(m_venues)) {
        auto *set = new QBarSet(venue);
        set->setColor(federatedstyle::venueColor(venue, p));
        set->setBorderColor(federatedstyle::venueColor(venue, p));
        QList<qreal> values;
        for (const FederatedRoundRecord &round : std::as_const(m_rounds))
            values.append(round.weights().value(venue, 0.0));
        set->append(values);
        connect(set, &QBarSet::hovered, this, [this, set](bool status, int bar) {
            if (!status || bar < 0 || bar >= m_rounds.size()) {
                QToolTip::hideText();
                return;
            }
            //: venue, round number, weight
            QToolTip::showText(QCursor::pos(), tr("%1, round %2: weight %3")
                                                   .arg(set->label())
                                                   .arg(m_rounds.at(bar).round + 1)
                                                   .arg(QLocale().toString(set->at(bar), 'f', 3)),
                               this);
        });
        d->series->append(set);   // the series owns it
        d->sets.append(set);
    }
    d->chart->legend()->setVisible(height() >= 130 && m_venues.size() <= kMaxLegendVenues);
    updateAxis();
    updateEmptyState();
}

void VenueWeightChart::updateAxis()
{
    // Labels at round numbers, thinned so they never collide: every k-th bar with k from the plot's width.
    const auto labels = d->x->categoriesLabels();
    for (const QString &label : labels)
        d->x->remove(label);
    const int bars = int(m_rounds.size());
    d->x->setRange(-0.5, std::max(0, bars - 1) + 0.5);
    if (bars == 0)
        return;
    const int room = labelRoomFor(d->chart->plotArea());
    d->labelRoom = room;
    int step = 1;
    for (int s : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
        step = s;
        if ((bars + s - 1) / s <= room)
            break;
    }
    for (int bar = 0; bar < bars; ++bar) {
        const int number = m_rounds.at(bar).round + 1;
        if (bars <= room || number % step == 0 || bar == 0)
            d->x->append(QString::number(number), bar);
    }
}

int VenueWeightChart::roundCount() const { return int(m_rounds.size()); }

double VenueWeightChart::weight(const QString &venue, int bar) const
{
    const int v = int(m_venues.indexOf(venue));
    if (v < 0 || v >= d->sets.size() || bar < 0 || bar >= d->sets.at(v)->count())
        return 0;
    return d->sets.at(v)->at(bar);
}

QColor VenueWeightChart::venueColor(const QString &venue) const
{
    const int v = int(m_venues.indexOf(venue));
    return v >= 0 && v < d->sets.size() ? d->sets.at(v)->color() : QColor();
}

void VenueWeightChart::applyTheme()
{
    const charts::ChartTheme theme = charts::ChartTheme::fromPalette(palette());
    d->chart->setBackgroundBrush(theme.background);
    d->chart->setBackgroundPen(Qt::NoPen);
    d->chart->setPlotAreaBackgroundBrush(theme.plotBackground);
    d->chart->setPlotAreaBackgroundPen(QPen(theme.grid, 1));
    d->chart->setPlotAreaBackgroundVisible(true);
    d->chart->setTitleBrush(theme.text);
    d->chart->legend()->setLabelColor(theme.text);
    d->view->setBackgroundBrush(theme.background);
    for (QValueAxis *axis : {static_cast<QValueAxis *>(d->x), d->y}) {
        axis->setLabelsColor(theme.text);
        axis->setTitleBrush(theme.text);
        axis->setGridLineColor(theme.grid);
        axis->setLinePenColor(theme.grid);
        axis->setShadesVisible(false);
    }
    QPalette emptyPalette = m_empty->palette();
    emptyPalette.setColor(QPalette::WindowText, theme.mutedText);
    m_empty->setPalette(emptyPalette);
    for (int v = 0; v < d->sets.size(); ++v) {
        d->sets.at(v)->setColor(federatedstyle::venueColor(m_venues.at(v), palette()));
        d->sets.at(v)->setBorderColor(federatedstyle::venueColor(m_venues.at(v), palette()));
    }
}

void VenueWeightChart::updateEmptyState()
{
    const bool any = !m_rounds.isEmpty();
    d->view->setVisible(any);
    m_empty->setVisible(!any);
    if (!any) {
        m_empty->setGeometry(rect().adjusted(20, 20, -20, -20));
        m_empty->raise();
    }
}

void VenueWeightChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void VenueWeightChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A short chart drops its title and legend so the bars keep some height.
    d->chart->setTitle(height() >= 200 ? tr("FRY-alpha weight per venue") : QString());
    d->x->setTitleVisible(height() >= 200);
    d->y->setTitleVisible(height() >= 200);
    d->chart->legend()->setVisible(height() >= 130 && m_venues.size() <= kMaxLegendVenues);
    updateEmptyState();
}

} // namespace apedesk::ui
