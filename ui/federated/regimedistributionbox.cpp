#include "regimedistributionbox.h"

#include "federatedstyle.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>

#include <numeric>

namespace apedesk::ui {

using federated::MarketRegime;

RegimeDistributionBox::RegimeDistributionBox(QWidget *parent) : QGroupBox(tr("Regimes (venue-rounds)"), parent)
{
    setObjectName(QStringLiteral("fedRegimeBox"));
    auto *form = new QFormLayout(this);
    m_empty = new QLabel(tr("The regime each venue traded in, per round, is counted here."), this);
    m_empty->setObjectName(QStringLiteral("fedRegimeEmpty"));
    m_empty->setWordWrap(true);
    form->addRow(m_empty);
    for (int r = 0; r < federated::kMarketRegimeCount; ++r) {
        const QString key = federated::regimeKey(MarketRegime(r));
        auto *label = new QLabel(federated::regimeDisplayName(MarketRegime(r)) + QLatin1Char(':'), this);
        label->setObjectName(QStringLiteral("fedRegimeLabel_") + key);
        auto *bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("fedRegimeBar_") + key);
        bar->setTextVisible(true);
        bar->setMinimumWidth(120);
        m_bars[r] = bar;
        form->addRow(label, bar);
    }
    applyColors();
    clear();
}

int RegimeDistributionBox::total() const { return std::accumulate(m_counts.begin(), m_counts.end(), 0); }

void RegimeDistributionBox::setCounts(const std::array<int, federated::kMarketRegimeCount> &venueRounds)
{
    m_counts = venueRounds;
    const int all = total();
    for (int r = 0; r < federated::kMarketRegimeCount; ++r) {
        QProgressBar *bar = m_bars.at(r);
        bar->setRange(0, std::max(1, all));
        bar->setValue(m_counts.at(r));
        const int percent = all > 0 ? qRound(100.0 * m_counts.at(r) / all) : 0;
        //: venue-rounds in a regime, and their share of all venue-rounds
        bar->setFormat(tr("%1 (%2 %)").arg(m_counts.at(r)).arg(percent));
    }
    m_empty->setVisible(all == 0);
}

void RegimeDistributionBox::clear() { setCounts({}); }

void RegimeDistributionBox::applyColors()
{
    for (int r = 0; r < federated::kMarketRegimeCount; ++r) {
        QPalette p = m_bars.at(r)->palette();
        p.setColor(QPalette::Highlight, federatedstyle::regimeColor(MarketRegime(r), palette()));
        m_bars.at(r)->setPalette(p);
    }
}

void RegimeDistributionBox::changeEvent(QEvent *event)
{
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

} // namespace apedesk::ui
