#include "demovenues.h"

#include "common/portablerandom.h"
#include <QCoreApplication>

#include <random>

namespace apedesk::federated {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::federated::DemoVenues)
};

const QString kSimulatedPrefix = QStringLiteral("sim-");

// A portable uniform draw in [low, high), so sim-N is the same market on every platform.
double uniform(std::mt19937_64 &engine, double low, double high)
{
    return low + (high - low) * uniform01(engine);
}

// The number of "sim-N", or 0 when the name is not one.
int simulatedNumber(const QString &name)
{
    if (!name.startsWith(kSimulatedPrefix))
        return 0;
    bool ok = false;
    const int number = name.mid(kSimulatedPrefix.size()).toInt(&ok);
    return ok && number >= 1 && QString(kSimulatedPrefix + QString::number(number)) == name ? number : 0;
}

} // namespace

QStringList demoVenueNames(int simulated)
{
    QStringList names{QStringLiteral("binance"), QStringLiteral("okx"), QStringLiteral("bybit")};
    for (int number = 1; number <= simulated; ++number)
        names << kSimulatedPrefix + QString::number(number);
    return names;
}

VenueSpec simulatedDemoVenue(int number)
{
    std::mt19937_64 engine(1000 + quint64(qMax(number, 1)));
    VenueSpec venue;
    venue.name = kSimulatedPrefix + QString::number(number);
    venue.source = VenueSpec::Source::Simulated;
    market::SimulatorConfig &simulator = venue.simulated.simulator;
    simulator.driftPerDay = uniform(engine, -0.15, 0.15);
    simulator.volatilityPerDay = uniform(engine, 0.02, 0.12);
    simulator.swapsPerMinute = uniform(engine, 0.5, 2.0);
    simulator.medianTradeEth = uniform(engine, 0.05, 0.5);
    simulator.noiseTradeShare = uniform(engine, 0.2, 0.5);
    simulator.seed = 1000 + quint64(number);
    venue.simulated.swapCount = 3000;
    venue.simulated.startPrice = uniform(engine, 2400, 3400);
    venue.simulated.liquidity = uniform(engine, 2.0e16, 8.0e16);
    venue.simulated.feePips = 500;
    static const double sizes[] = {5000, 10000, 25000};
    venue.features.referenceUsdc = sizes[engine() % 3];
    venue.description = Messages::tr("A simulated market: %1 % a day drift, %2 % daily volatility, %3 swaps a minute.")
                            .arg(simulator.driftPerDay * 100, 0, 'f', 1)
                            .arg(simulator.volatilityPerDay * 100, 0, 'f', 1)
                            .arg(simulator.swapsPerMinute, 0, 'f', 1);
    return venue;
}

Result<VenueSpec> demoVenue(const QString &name, const QString &swapCsvPath)
{
    if (const int number = simulatedNumber(name))
        return simulatedDemoVenue(number);
    const QList<VenueSpec> demo = defaultDemoVenues(swapCsvPath);
    for (const VenueSpec &venue : demo) {
        if (venue.name != name)
            continue;
        if (venue.source == VenueSpec::Source::RealSwaps && swapCsvPath.trimmed().isEmpty())
            return Error::make(Error::Kind::Usage,
                         Messages::tr("Venue %1 trades the real swaps: name the swap CSV (base_eth_usdc_swaps.csv).").arg(name));
        return venue;
    }
    return Error::make(Error::Kind::Usage, Messages::tr("There is no venue called “%1”: use binance, okx, bybit or sim-1, sim-2, …").arg(name));
}

Result<QList<VenueSpec>> demoVenues(const QStringList &names, const QString &swapCsvPath)
{
    if (names.isEmpty())
        return Error::make(Error::Kind::Usage, Messages::tr("Name at least one venue."));
    QList<VenueSpec> venues;
    QStringList seen;
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        if (seen.contains(name))
            return Error::make(Error::Kind::Usage, Messages::tr("Venue %1 is listed twice.").arg(name));
        seen << name;
        Result<VenueSpec> venue = demoVenue(name, swapCsvPath);
        if (!venue)
            return venue.error();
        venues << *venue;
    }
    return venues;
}

} // namespace apedesk::federated
