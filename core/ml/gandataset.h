#pragma once
// The GAN lab's training data (seed facts §5): 10 features per swap, sliding 24-step windows with a
// 5-value condition each, a sequential train / validation split and the normalisation, fitted on the
// training rows only. Plain C++/Qt (no libtorch): the training code copies the float buffers into
// tensors.
//
// Tutorial bugs not copied: the quick preset keeps a contiguous slice of rows (the tutorial sampled
// 1000 random rows, scrambling time); generation conditions are drawn from the real training
// conditions (sampleGanConditions), not from N(0, 1); windows never straddle the split.

#include "common/error.h"
#include "eth/address.h"
#include "market/swapfeatures.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <array>

namespace apedesk::ml {

constexpr int kGanFeatureCount = 10;
constexpr int kGanConditionCount = 5;
constexpr int kGanSequenceLength = 24;
constexpr int kGanConditionHistory = 20;

// The tutorial's feature order; also the JSON keys.
enum GanFeature {
    GanPrice, GanAmount0Eth, GanAmount1Usdc, GanTick, GanVolume, GanVolatility, GanVolumeMa, GanTickChange,
    GanTimeDiff, GanLiquidityUsage
};
// The condition order: mean price, std price (ddof 1), mean volume, mean tick_change, mean time_diff.
enum GanConditionValue { GanMeanPrice, GanStdPrice, GanMeanVolume, GanMeanTickChange, GanMeanTimeDiff };

QString ganFeatureName(int feature);       // "price", "amount0_eth", …
QString ganConditionName(int condition);   // "mean_price", "std_price", …

using GanFeatureRow = std::array<double, kGanFeatureCount>;
using GanConditionRow = std::array<double, kGanConditionCount>;

// One swap's features, un-normalised; tick is swap.tick.
GanFeatureRow ganFeatures(const market::ProcessedSwap &row);
QVector<GanFeatureRow> ganFeatureRows(const QVector<market::ProcessedSwap> &rows);

// The condition of the window that starts at row `start`, over the un-normalised rows. "Previous"
// means the rows before the window's first row: rows [max(0, start − 20), start − 1]. No previous row
// (start 0) gives all zeros; one previous row gives std price 0 (ddof 1 is undefined for one value).
GanConditionRow ganWindowCondition(const QVector<GanFeatureRow> &rows, int start);

enum class GanTransform { Standard, Log, SignedLog };

struct GanScale
{
    double mean = 0;
    double std = 1;
    GanTransform transform = GanTransform::Standard;
};

// Per-feature normalisation:
//  - "log" (volume, volume_ma): y = ln(1 + x + 1e-8);
//  - "signed_log" (amount0_eth, amount1_usdc): y = sign(x) · ln(1 + |x| + 1e-8);
//  - then y (or x for "standard") is z-scored with the sample std (ddof 1); std 0 becomes 1.
// The inverse is x·σ + μ, then expm1(y) − 1e-8 for log and sign(y) · max(0, expm1(|y|) − 1e-8) for
// signed_log. (The tutorial's inverse dropped the 1e-8, so zero came back as 1e-8; subtracting it
// makes the round trip exact up to rounding.)
// The conditions are z-scored too (standard, ddof 1, std 0 → 1): the generator and critic are fed
// normalised conditions, and generation draws from the same normalised distribution.
class GanNormalizer
{
public:
    // Fits on the given rows (the training split) and conditions (the training windows' ones).
    static GanNormalizer fit(const QVector<GanFeatureRow> &rows, const QVector<GanConditionRow> &conditions);

    double normalize(int feature, double value) const;
    double denormalize(int feature, double value) const;
    double normalizeCondition(int condition, double value) const;
    double denormalizeCondition(int condition, double value) const;

    const GanScale &feature(int feature) const { return m_features[feature]; }
    const GanScale &condition(int condition) const { return m_conditions[condition]; }

    // {feature: {mean, std, transform}, …, "condition": {name: {mean, std, transform}, …}}.
    QJsonObject toJson() const;
    static Result<GanNormalizer> fromJson(const QByteArray &json);   // bad JSON: Error::Kind::Format
    Status save(const QString &path) const;
    static Result<GanNormalizer> load(const QString &path);

    friend bool operator==(const GanNormalizer &a, const GanNormalizer &b);

private:
    std::array<GanScale, kGanFeatureCount> m_features{};
    std::array<GanScale, kGanConditionCount> m_conditions{};
};

struct GanDatasetOptions
{
    // 0: all rows. Otherwise only the last `lastRows` rows (a contiguous slice, time order kept),
    // after the features were computed over all rows (so rolling features keep their history).
    int lastRows = 0;
    double trainFraction = 0.8;

    static GanDatasetOptions quick() { return GanDatasetOptions{1000, 0.8}; }
};

// Windows: start k covers rows k … k+23 (step s of window k is row k+s), for k = 0 … N−24.
// Split, sequential: with W = N − 23 windows, the boundary row is B = floor(trainFraction · W).
// Training windows lie wholly before B (k ≤ B − 24); validation windows start at B or later
// (k = B … N−24); the 23 windows that straddle B (B−23 ≤ k < B) are dropped, so no row is in both.
// The normaliser is fitted on rows [0, B) (exactly the training windows' rows) and the training
// windows' conditions, leaving out window 0's all-zero "no history" condition when there is any
// other (one zero row among prices near 3000 would inflate the price std). A validation window's condition may read rows before B: that is its past,
// not the validation data leaking into training.
struct GanDataset
{
    // Row-major, normalised: sequences count × 24 × 10, conditions count × 5.
    QVector<float> trainSequences;
    QVector<float> trainConditions;
    QVector<float> validationSequences;
    QVector<float> validationConditions;
    int trainCount = 0;
    int validationCount = 0;
    GanNormalizer normalizer;

    // Provenance: the un-normalised rows the windows were cut from (after the lastRows slice),
    // the boundary row B, the first validation window's start (= B) and the dropped window count.
    QVector<GanFeatureRow> rows;
    int boundaryRow = 0;
    int validationFirstStart = 0;
    int droppedWindows = 0;
};

// Builds the dataset from processed swaps in (block, log index) order. Too few rows for one window,
// or for at least one training and one validation window: Error::Kind::Usage.
Result<GanDataset> buildGanDataset(const QVector<market::ProcessedSwap> &swaps,
                                   const GanDatasetOptions &options = {});
// From the tutorial's raw swap CSV (readRawSwapCsv + processSwaps).
Result<GanDataset> loadGanDatasetFromCsv(const QString &path, const GanDatasetOptions &options = {});
// From a swap store file (it must exist; it is never created here), one chain and pool.
Result<GanDataset> loadGanDatasetFromStore(const QString &storePath, const QString &chain,
                                           const eth::Hash32 &poolId, const GanDatasetOptions &options = {});

// `count` normalised condition rows (count × 5, row-major) drawn uniformly, with replacement, from
// the training windows' conditions, for generation. The first window (no history, its all-zero
// condition is not a market state) is left out when there is any other. The same seed gives the
// same draws on every platform (QRandomGenerator's documented engine).
QVector<float> sampleGanConditions(const GanDataset &dataset, int count, quint64 seed);

} // namespace apedesk::ml
