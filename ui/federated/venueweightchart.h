#pragma once
// Each round's FRY-alpha weights as stacked bars: one bar per round (x = round, counted from 1), one
// coloured segment per venue, so a bar sums to 1 for a completed round and is empty for a skipped one.
// Rejected, dropped-out and unsampled venues weigh 0. Hovering a segment names venue, round and weight.
// This header includes no Qt Charts header (a later Qt Graphs move touches the .cpp only).

#include "federated/federatedtypes.h"

#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;

namespace apedesk::ui {

class VenueWeightChart : public QWidget
{
    Q_OBJECT
public:
    explicit VenueWeightChart(QWidget *parent = nullptr);
    ~VenueWeightChart() override;

    // The run's venues, in its order (one bar set each); clears the bars.
    void setVenues(const QStringList &venues);
    // Every round so far, in round order; replaces the bars. Venues not yet known are added.
    void setRounds(const QList<federated::FederatedRoundRecord> &rounds);
    void clear();

    QStringList venues() const { return m_venues; }
    int roundCount() const;
    // The drawn weight of a venue in the n-th bar (0-based, in round order).
    double weight(const QString &venue, int bar) const;
    QColor venueColor(const QString &venue) const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuildSets();
    void updateAxis();
    void applyTheme();
    void updateEmptyState();

    struct Private;
    std::unique_ptr<Private> d;   // the Qt Charts objects
    QStringList m_venues;
    QList<federated::FederatedRoundRecord> m_rounds;
    QLabel *m_empty;
};

} // namespace apedesk::ui
