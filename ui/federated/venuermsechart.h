#pragma once
// The hedge-ratio RMSE round by round (x = round, counted from 1): the new global model on each
// venue's held-out data, one curve per venue, and over all venues' held-out data pooled (the thick
// "Global" curve). Skipped and failed rounds add no point. Drawn by the shared LineChartView.

#include "federated/federatedtypes.h"

#include <QStringList>
#include <QWidget>

namespace apedesk::ui {

namespace charts {
class LineChartView;
}

class VenueRmseChart : public QWidget
{
    Q_OBJECT
public:
    explicit VenueRmseChart(QWidget *parent = nullptr);

    // The run's venues, in its order (one curve each, after the global one); clears the curves.
    void setVenues(const QStringList &venues);
    // Every round so far; replaces the points. Venues not yet known get a curve.
    void setRounds(const QList<federated::FederatedRoundRecord> &rounds);
    void clear();

    QStringList venues() const { return m_venues; }
    // Points of the global curve, and of a venue's.
    int globalPointCount() const;
    int venuePointCount(const QString &venue) const;
    QVector<QPointF> venuePoints(const QString &venue) const;
    QVector<QPointF> globalPoints() const;
    charts::LineChartView *chart() const { return m_chart; }

private:
    void rebuildSeries();

    charts::LineChartView *m_chart;
    QStringList m_venues;
};

} // namespace apedesk::ui
