#pragma once
// The venues the CLI and the dashboard offer by name: the demo's three (binance, okx, bybit:
// defaultDemoVenues) and any number of simulated ones, "sim-1", "sim-2", …, each a different market
// whose parameters are drawn from its number (seeded, so sim-7 is the same market everywhere). The
// simulated ones need no files, so a federation of 30 venues can run anywhere.

#include "common/error.h"
#include "venuedata.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace apedesk::federated {

// "binance", "okx", "bybit", then "sim-1" … "sim-<simulated>".
QStringList demoVenueNames(int simulated = 0);

// sim-N (N ≥ 1): drift −15 … +15 % a day, volatility 2 … 12 % a √day, 0.5 – 2 swaps a minute, median trade
// 0.05 – 0.5 ETH, 20 – 50 % noise trades, start 2400 – 3400 USDC, L 2e16 – 8e16, 3,000 swaps, hedging
// 5,000, 10,000 or 25,000 USDC; drawn from mt19937_64(1000 + N).
VenueSpec simulatedDemoVenue(int number);

// One venue by name. The real-swap venues need the swap CSV (Usage error saying so when empty); an
// unknown name is a Usage error listing the known ones.
Result<VenueSpec> demoVenue(const QString &name, const QString &swapCsvPath);
// Several, in the order given; a name listed twice is a Usage error.
Result<QList<VenueSpec>> demoVenues(const QStringList &names, const QString &swapCsvPath);

} // namespace apedesk::federated
