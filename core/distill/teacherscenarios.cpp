#include "teacherscenarios.h"

#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace apedesk::distill {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::distill::TeacherScenarios", text);
}

const QStringList kFeatureColumns{QStringLiteral("price"), QStringLiteral("volume"), QStringLiteral("volatility"),
                                  QStringLiteral("tick_change")};

// One CSV record's cells; quoted cells may hold commas and doubled quotes (not line breaks, which
// none of the formats read here use).
QStringList splitCsvLine(QStringView line)
{
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    cell += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            cells.append(cell);
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.append(cell);
    return cells;
}

Result<QVector<ScenarioRow>> readFeatureCsv(const QString &path, const QStringList &lines, const QStringList &header)
{
    int columns[4];
    for (int f = 0; f < 4; ++f)
        columns[f] = int(header.indexOf(kFeatureColumns.at(f)));
    QVector<ScenarioRow> rows;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        const QStringList cells = splitCsvLine(lines.at(i));
        double values[4];
        for (int f = 0; f < 4; ++f) {
            bool ok = false;
            const double value = cells.value(columns[f]).trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(value))
                return Error::make(Error::Kind::Format,
                                   tr("Line %1 of %2: the %3 cell \"%4\" is not a number.")
                                       .arg(i + 1)
                                       .arg(path, kFeatureColumns.at(f), cells.value(columns[f]).left(40)));
            values[f] = value;
        }
        rows.append(ScenarioRow{values[0], values[1], values[2], values[3]});
    }
    return rows;
}

Result<QVector<ScenarioRow>> readRawCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the data file %1.").arg(path), file.errorString());
    // The chain key only labels the swaps in memory; the features do not depend on it.
    Result<market::RawCsvImport> import = market::readRawSwapCsv(file, QStringLiteral("csv"));
    if (!import)
        return Error::make(import.error().kind, tr("%1 is not a usable raw swap CSV: %2").arg(path, import.error().message),
                           import.error().detail);
    QVector<ScenarioRow> rows;
    for (const market::ProcessedSwap &swap : market::processSwaps(std::move(import->swaps)))
        rows.append(ScenarioRow{swap.price, swap.volume, swap.volatility, swap.tickChange});
    return rows;
}

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

Result<QVector<ScenarioRow>> readScenarioRows(const QString &path)
{
    if (path.isEmpty())
        return Error::make(Error::Kind::Usage, tr("No data file is set for the teacher job."));
    if (!QFileInfo(path).isFile())
        return Error::make(Error::Kind::Io, tr("The data file %1 does not exist.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read the data file %1.").arg(path), file.errorString());
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty())
        lines.removeFirst();
    if (lines.isEmpty())
        return Error::make(Error::Kind::Format, tr("The data file %1 is empty.").arg(path));

    QStringList header = splitCsvLine(lines.first());
    for (QString &name : header)
        name = name.trimmed();
    Result<QVector<ScenarioRow>> rows = QVector<ScenarioRow>{};
    const bool hasFeatures = std::all_of(kFeatureColumns.begin(), kFeatureColumns.end(),
                                         [&header](const QString &column) { return header.contains(column); });
    if (hasFeatures)
        rows = readFeatureCsv(path, lines, header);
    else if (header.value(0) == QLatin1String("block_number"))
        rows = readRawCsv(path);
    else
        return Error::make(Error::Kind::Format,
                           tr("%1 has neither the columns price, volume, volatility and tick_change (a processed or "
                              "synthetic CSV) nor the raw swap columns.")
                               .arg(path),
                           QStringLiteral("header: ") + lines.first().left(200));
    if (rows && rows->isEmpty())
        return Error::make(Error::Kind::Format, tr("The data file %1 has no data rows.").arg(path));
    return rows;
}

quint64 TeacherRng::below(quint64 bound)
{
    // Values under 2^64 mod bound would make the low residues likelier: draw again.
    const quint64 threshold = (0 - bound) % bound;
    for (;;) {
        const quint64 value = next();
        if (value >= threshold)
            return value % bound;
    }
}

QJsonObject TeacherScenario::marketState() const
{
    return QJsonObject{{QStringLiteral("price"), market.price},       {QStringLiteral("volume"), market.volume},
                       {QStringLiteral("volatility"), market.volatility}, {QStringLiteral("tick_change"), market.tickChange},
                       {QStringLiteral("eth"), eth},                  {QStringLiteral("usdc"), usdc},
                       {QStringLiteral("row"), row}};
}

QJsonObject TeacherScenario::toJson() const
{
    QJsonObject json = marketState();
    json.insert(QStringLiteral("sample_id"), sampleId);
    json.insert(QStringLiteral("prompt"), prompt);
    return json;
}

Result<TeacherScenario> TeacherScenario::fromJson(const QJsonObject &json)
{
    for (const char *key : {"sample_id", "row", "price", "volume", "volatility", "tick_change", "eth", "usdc"})
        if (!json.value(QLatin1String(key)).isDouble())
            return Error::make(Error::Kind::Format, tr("A scenario has no number \"%1\".").arg(QLatin1String(key)));
    if (!json.value(QStringLiteral("prompt")).isString())
        return Error::make(Error::Kind::Format, tr("A scenario has no prompt."));
    TeacherScenario scenario;
    scenario.sampleId = json.value(QStringLiteral("sample_id")).toInt();
    scenario.row = json.value(QStringLiteral("row")).toInt();
    scenario.market = ScenarioRow{json.value(QStringLiteral("price")).toDouble(), json.value(QStringLiteral("volume")).toDouble(),
                                  json.value(QStringLiteral("volatility")).toDouble(),
                                  json.value(QStringLiteral("tick_change")).toDouble()};
    scenario.eth = json.value(QStringLiteral("eth")).toDouble();
    scenario.usdc = json.value(QStringLiteral("usdc")).toDouble();
    scenario.prompt = json.value(QStringLiteral("prompt")).toString();
    return scenario;
}

QList<TeacherScenario> sampleScenarios(const QVector<ScenarioRow> &rows, int samples, quint64 seed)
{
    const int count = qMax(0, qMin(samples, int(rows.size())));
    std::vector<int> order(size_t(rows.size()));
    std::iota(order.begin(), order.end(), 0);
    TeacherRng rng(seed);
    QList<TeacherScenario> scenarios;
    for (int i = 0; i < count; ++i) {
        const size_t pick = size_t(i) + size_t(rng.below(quint64(order.size() - size_t(i))));
        std::swap(order[size_t(i)], order[pick]);
        const int row = order[size_t(i)];
        TeacherRng holdings(seed + quint64(row));
        TeacherScenario scenario;
        scenario.sampleId = i;
        scenario.row = row;
        scenario.market = rows.at(row);
        scenario.eth = roundTo(holdings.uniform(0.001, 10), 3);
        scenario.usdc = roundTo(holdings.uniform(0.01, 10000), 2);
        scenario.prompt = teacherPrompt(scenario.market, scenario.eth, scenario.usdc);
        scenarios.append(scenario);
    }
    return scenarios;
}

QString teacherPrompt(const ScenarioRow &market, double eth, double usdc)
{
    // Model input: no tr(); QString::number never uses the locale.
    return QStringLiteral("Given ETH price is $%1 with volume of %2 and volatility of %3, recent price change of %4 "
                          "ticks, and I currently hold %5 ETH and %6 USDC, what trading action should I take on Uniswap?")
        .arg(fixed(market.price, 2), fixed(market.volume, 2), fixed(market.volatility, 4), fixed(market.tickChange, 4),
             fixed(eth, 3), fixed(usdc, 2));
}

QString teacherSystemPrompt()
{
    // Chain of Draft (Xu et al., 2025), as the tutorial's teacher script uses it, with the answer named
    // as a trading action.
    return QStringLiteral("Think step by step, but only keep a minimum draft for each thinking step, with 5 words at "
                          "most. Return the trading action at the end of the response after a separator ####.");
}

TeacherAnswer parseTeacherAnswer(const QString &text)
{
    static const QString separator = QStringLiteral("####");
    TeacherAnswer answer;
    const qsizetype at = text.indexOf(separator);
    const QString before = at < 0 ? text : text.left(at);
    for (const QString &line : before.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            answer.drafts.append(trimmed);
    }
    if (at >= 0) {
        const QString after = text.mid(at + separator.size());
        const qsizetype next = after.indexOf(separator);
        answer.action = (next < 0 ? after : after.left(next)).trimmed();
    }
    return answer;
}

} // namespace apedesk::distill
