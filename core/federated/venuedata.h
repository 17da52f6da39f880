#pragma once
// Each federated venue's private data set: its own market (a time slice of real swaps, a sandbox-like
// simulated market with its own parameters, or GAN sequences), read as a swap series and turned into
// the hedge-ratio model's 15 features and target (venuefeatures.h), with a time-ordered train /
// held-out split. Deterministic: the same spec gives the same bytes. See docs/federated-venue-data.md.

#include "common/error.h"
#include "market/pooltypes.h"
#include "regimeclassifier.h"
#include "venuefeatures.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

#include <array>

namespace apedesk::federated {

// Rows of the tutorial's raw swap CSV, in (block, log index) order after duplicates are dropped
// (readRawSwapCsv), restricted to rows [fromRow, toRow) and then to timestamps [fromTimestamp,
// toTimestamp). toRow −1: to the end; a timestamp of 0: no bound.
struct RealSwapSlice
{
    QString csvPath;
    int fromRow = 0;
    int toRow = -1;
    qint64 fromTimestamp = 0;
    qint64 toTimestamp = 0;
};

// A sandbox-like market generated in code, no chain needed (the process of market::MarketSimulator in
// doubles, within one liquidity range): a target price follows a GBM (simulator.driftPerDay,
// volatilityPerDay, dt from Poisson arrivals at swapsPerMinute; rate 0: 10 s); each swap is one trader
// — a share noiseTradeShare in a random direction, the rest toward the target (also random when the
// pool is within 1 bp of it) — of a log-normal size around medianTradeEth (σ_log 0.7, at most 10×
// the median, a toward-target trade at most what reaches the target), executed with the exact
// within-range swap step on a constant liquidity. The fee is charged on the input. Random numbers:
// one std::mt19937_64 seeded with simulator.seed (0 is a seed like any other here, unlike the sandbox
// market's clock seed), five draws per swap, uniforms and Box–Muller normals computed here, so the
// path is the same on every platform.
struct SimulatedMarketSpec
{
    market::SimulatorConfig simulator;   // maxSwaps is not used: swapCount is
    int swapCount = 4000;
    double startPrice = 3000;            // USDC per ETH
    double liquidity = 5.0e16;           // in-range L, raw (the real pool's median is 5.09e16)
    quint32 feePips = 500;
    qint64 startTimestamp = 1738800000;  // unix seconds of the first swap's clock
};

// GAN sequences as `apedesk-cli gan generate` writes them (sequence_id, step, timestamp, then the ten
// GAN features). Sequences are stitched into one path in (sequence_id, step) order: each sequence's
// prices are scaled so its first price equals the previous sequence's last price (the generator's
// returns, volumes and flows are kept; the jump between independent sequences is not a market move).
// L per sequence: the median of volume / liquidity_usage over its rows where both are positive, else
// fallbackLiquidity.
struct GanSequencesSpec
{
    QString csvPath;
    double fallbackLiquidity = 5.0e16;
    quint32 feePips = 500;
};

struct VenueSpec
{
    enum class Source { RealSwaps, Simulated, GanSequences };

    QString name;
    QString description;                 // one sentence for the dashboard
    Source source = Source::RealSwaps;
    RealSwapSlice real;
    SimulatedMarketSpec simulated;
    GanSequencesSpec gan;
    VenueFeatureConfig features;
    double heldOutFraction = 0.2;
};

QString venueSourceKey(VenueSpec::Source source);   // "real_swaps", "simulated", "gan_sequences"

struct VenueDatasetStats
{
    int swaps = 0;                       // rows of the venue's series
    int samples = 0;                     // N
    int trainSamples = 0;
    int purgedSamples = 0;               // between train and held out (see VenueDataset)
    int heldOutSamples = 0;
    qint64 firstTimestamp = 0;
    qint64 lastTimestamp = 0;
    double firstPrice = 0;
    double lastPrice = 0;
    std::array<double, kVenueFeatureCount> featureMean{};   // over all N samples
    std::array<double, kVenueFeatureCount> featureStd{};    // population std
    double targetMean = 0;
    double targetStd = 0;
    std::array<int, kMarketRegimeCount> regimeCounts{};     // samples per regime
    MarketRegime lastRegime = MarketRegime::TrendingBull;   // at the last sample
    double lastConfidence = 0;

    QJsonObject toJson() const;
};

// Samples are the rows t = firstFeatureRow … swaps − 1 − H in time order: features(t) and target(t).
// Split: B = floor((1 − heldOutFraction) · N); samples [B, N) are held out; samples [B − H, B) are
// purged (their targets' horizons reach into the held-out targets' prices); [0, B − H) train.
struct VenueDataset
{
    QString venue;
    VenueSpec::Source source = VenueSpec::Source::RealSwaps;
    QVector<float> features;             // N × 15, row-major
    QVector<float> targets;              // N
    QVector<int> sampleRows;             // the series row of each sample
    int trainCount = 0;                  // samples [0, trainCount) train
    int heldOutStart = 0;                // samples [heldOutStart, N) held out
    VenueFeatureConfig config;           // the settings it was built with (its trading hedges config.referenceUsdc)
    QVector<VenueSwap> series;           // the venue's market, for its simulated trading
    VenueDatasetStats stats;

    int sampleCount() const { return int(targets.size()); }
    int heldOutCount() const { return sampleCount() - heldOutStart; }
    QVector<float> trainFeatures() const { return features.mid(0, trainCount * kVenueFeatureCount); }
    QVector<float> trainTargets() const { return targets.mid(0, trainCount); }
    QVector<float> heldOutFeatures() const { return features.mid(heldOutStart * kVenueFeatureCount); }
    QVector<float> heldOutTargets() const { return targets.mid(heldOutStart); }
};

// The venue's market as a swap series. A missing or malformed file: Error Io / Format; a slice or
// simulation that cannot make a market: Usage, with the reason.
Result<QVector<VenueSwap>> loadRealSwapSlice(const RealSwapSlice &slice);
Result<QVector<VenueSwap>> simulateVenueMarket(const SimulatedMarketSpec &spec);
Result<QVector<VenueSwap>> loadGanSequences(const GanSequencesSpec &spec);
Result<QVector<VenueSwap>> loadVenueSeries(const VenueSpec &spec);

// Features, targets and split of a series. Too few swaps for one train and one held-out sample of the
// configuration (or a non-positive price): Usage, saying how many are needed.
Result<VenueDataset> buildVenueDataset(const QString &venue, const QVector<VenueSwap> &series,
                                       const VenueFeatureConfig &config, double heldOutFraction = 0.2);
Result<VenueDataset> buildVenueDataset(const VenueSpec &spec);

// The CLI's default venues, three different markets (figures in docs/federated-venue-data.md):
//   binance  real swaps, rows [0, 4000) of the CSV (23 Jan – 4 Feb 2025): the climb to 3403 USDC, the
//            decline and the 3 Feb crash to 2318, the rebound to 2806; hedging 10,000 USDC;
//   okx      real swaps, rows [4000, end) (4 – 5 Feb; 3,976 rows, as the import drops the file's 24
//            repeated rows): a choppy range of 2636–2870 USDC; hedging 25,000 USDC;
//   bybit    a simulated bull market from 2740 USDC: +10 %/day drift, 3 %/√day volatility, 1 swap/min,
//            median trade 0.1 ETH, 30 % noise trades, L 5.0e16 (≈ the real median), seed 8453, 4,000
//            swaps (2740 → 3609 USDC in 2.7 days); hedging 5,000 USDC.
// The venues hedge different sizes, so their costs (spread, position size) and targets differ too.
// `swapCsvPath` is the real swaps' file (base_eth_usdc_swaps.csv).
QList<VenueSpec> defaultDemoVenues(const QString &swapCsvPath);

} // namespace apedesk::federated
