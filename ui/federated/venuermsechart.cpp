#include "venuermsechart.h"

#include "federatedstyle.h"
#include "widgets/charts/linechartview.h"

#include <QVBoxLayout>

namespace apedesk::ui {

using federated::FederatedRoundRecord;
using federated::VenueRoundRecord;

namespace {
constexpr int kGlobalSeries = 0;   // venue v is series v + 1
}

VenueRmseChart::VenueRmseChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fedRmseView"));
    m_chart = new charts::LineChartView(QStringLiteral("fedRmseChart"), this);
    m_chart->setTitle(tr("Hedge-ratio RMSE of the global model"));
    m_chart->setAxisTitles(tr("round"), tr("RMSE"));
    m_chart->setMinimumSize(160, 70);   // the charts tab shares a small dock's height with the weights
    m_chart->setEmptyText(tr("The global model's RMSE, overall and on each venue, appears here round by round."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart);
    rebuildSeries();
}

void VenueRmseChart::rebuildSeries()
{
    m_chart->removeAllSeries();
    const QPalette p = palette();
    // Rounds come seconds apart: markers keep a run of a few rounds readable.
    m_chart->addSeries(tr("Global"), {federatedstyle::globalColor(p), Qt::SolidLine, 3.0, true, true});
    for (const QString &venue : std::as_const(m_venues))
        m_chart->addSeries(venue, {federatedstyle::venueColor(venue, p), Qt::SolidLine, 1.6, true, m_venues.size() <= 12});
}

void VenueRmseChart::setVenues(const QStringList &venues)
{
    m_venues = venues;
    rebuildSeries();
}

void VenueRmseChart::clear() { setVenues({}); }

void VenueRmseChart::setRounds(const QList<FederatedRoundRecord> &rounds)
{
    bool added = false;
    for (const FederatedRoundRecord &round : rounds)
        for (const VenueRoundRecord &venue : round.venues)
            if (!m_venues.contains(venue.venue)) {
                m_venues.append(venue.venue);
                added = true;
            }
    if (added)
        rebuildSeries();
    QVector<QPointF> global;
    QVector<QVector<QPointF>> perVenue(m_venues.size());
    for (const FederatedRoundRecord &round : rounds) {
        if (round.state != FederatedRoundRecord::State::Completed)
            continue;
        const double x = round.round + 1;
        global.append({x, round.globalRmse});
        for (const VenueRoundRecord &venue : round.venues) {
            const int v = int(m_venues.indexOf(venue.venue));
            // 0: the venue was not evaluated this round (no held-out data reached the hub).
            if (v >= 0 && venue.globalRmse > 0)
                perVenue[v].append({x, venue.globalRmse});
        }
    }
    m_chart->setPoints(kGlobalSeries, global);
    for (int v = 0; v < m_venues.size(); ++v)
        m_chart->setPoints(v + 1, perVenue.at(v));
}

int VenueRmseChart::globalPointCount() const { return m_chart->pointCount(kGlobalSeries); }

int VenueRmseChart::venuePointCount(const QString &venue) const
{
    const int v = int(m_venues.indexOf(venue));
    return v < 0 ? 0 : m_chart->pointCount(v + 1);
}

QVector<QPointF> VenueRmseChart::venuePoints(const QString &venue) const
{
    const int v = int(m_venues.indexOf(venue));
    return v < 0 ? QVector<QPointF>() : m_chart->points(v + 1);
}

QVector<QPointF> VenueRmseChart::globalPoints() const { return m_chart->points(kGlobalSeries); }

} // namespace apedesk::ui
