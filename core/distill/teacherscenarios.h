#pragma once
// The teacher's scenarios (seed facts §6): market rows from a swap or synthetic CSV, sampled with a
// seeded generator, each with random holdings, phrased in the tutorial's one-sentence prompt; and the
// Chain-of-Draft answer format the teacher is asked for (drafts, "####", the action).
//
// Randomness is ApeDesk's own, documented so that anyone can reproduce it (it does not equal pandas'
// DataFrame.sample): TeacherRng is std::mt19937_64, whose output the C++ standard fixes bit for bit;
// doubles are its top 53 bits / 2^53 and bounded integers use rejection, so no library-specific
// distribution is involved and a seed gives the same scenarios on every platform.

#include "common/error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <random>

namespace apedesk::distill {

// One data row's market features.
struct ScenarioRow
{
    double price = 0;
    double volume = 0;
    double volatility = 0;
    double tickChange = 0;
};

// The rows of `path`, in file order (a raw swap CSV: in the processed order, (block, log index)):
//  - any CSV whose header has the columns price, volume, volatility and tick_change (a processed
//    swap CSV, the GAN lab's synthetic sequences, the tutorial's synthetic_data_*.csv), read by name;
//  - a raw swap CSV (swapcsv.h), turned into those features by processSwaps().
// Fails (kind Format / Io) on a missing or empty file, other columns, or a cell that is not a finite
// number, naming the line and the column.
Result<QVector<ScenarioRow>> readScenarioRows(const QString &path);

class TeacherRng
{
public:
    explicit TeacherRng(quint64 seed) : m_engine(seed) {}
    quint64 next() { return m_engine(); }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }   // [0, 1)
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    quint64 below(quint64 bound);   // [0, bound), unbiased; bound > 0

private:
    std::mt19937_64 m_engine;
};

struct TeacherScenario
{
    int sampleId = 0;            // 0, 1, 2 … in the order the rows were drawn
    int row = 0;                 // the data row (0-based, as readScenarioRows() lists them)
    ScenarioRow market;
    double eth = 0;              // holdings, already rounded (3 dp)
    double usdc = 0;             // (2 dp)
    QString prompt;

    // {price, volume, volatility, tick_change, eth, usdc, row}
    QJsonObject marketState() const;
    // {sample_id, row, price, volume, volatility, tick_change, eth, usdc, prompt}: one scenarios.jsonl line
    QJsonObject toJson() const;
    static Result<TeacherScenario> fromJson(const QJsonObject &json);
};

// Draws min(samples, rows) rows without replacement: a partial Fisher–Yates shuffle of the row indexes
// driven by TeacherRng(seed). Holdings for data row r come from TeacherRng(seed + r):
// ETH = round(U(0.001, 10), 3 dp), then USDC = round(U(0.01, 10000), 2 dp).
QList<TeacherScenario> sampleScenarios(const QVector<ScenarioRow> &rows, int samples, quint64 seed);

// "Given ETH price is $P with volume of V and volatility of S, recent price change of C ticks, and I
// currently hold E ETH and U USDC, what trading action should I take on Uniswap?" with P 2 dp, V 2 dp,
// S 4 dp, C 4 dp, E 3 dp, U 2 dp (the stateful template's sentence, the tutorial's holdings precision).
QString teacherPrompt(const ScenarioRow &market, double eth, double usdc);

// The Chain-of-Draft system prompt the teacher answers under.
QString teacherSystemPrompt();

// The answer split on the first "####": drafts = the non-empty (trimmed) lines before it; action =
// the trimmed text after it, up to a further "####" (as Python's split("####")[1]); empty when there
// is no separator.
struct TeacherAnswer
{
    QStringList drafts;
    QString action;
};
TeacherAnswer parseTeacherAnswer(const QString &text);

} // namespace apedesk::distill
