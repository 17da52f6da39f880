#pragma once
// The market regimes a run's venues traded in: venue-rounds per regime (crisis, volatile, trending
// bull, trending bear) as bars, each with its count and share, from federated::FederatedTotals.

#include "federated/federatedtypes.h"

#include <QGroupBox>

#include <array>

class QLabel;
class QProgressBar;

namespace apedesk::ui {

class RegimeDistributionBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit RegimeDistributionBox(QWidget *parent = nullptr);

    void setCounts(const std::array<int, federated::kMarketRegimeCount> &venueRounds);
    void clear();
    int count(federated::MarketRegime regime) const { return m_counts.at(int(regime)); }
    int total() const;
    QProgressBar *bar(federated::MarketRegime regime) const { return m_bars.at(int(regime)); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    std::array<int, federated::kMarketRegimeCount> m_counts{};
    std::array<QProgressBar *, federated::kMarketRegimeCount> m_bars{};
    QLabel *m_empty;
};

} // namespace apedesk::ui
