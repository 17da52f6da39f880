#include "datasetprep.h"

#include "common/logging.h"
#include "jobrunners.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace apedesk::distill {

namespace {

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("apedesk::distill::DatasetPrep", text, comment, n);
}

constexpr auto kCaseless = QRegularExpression::CaseInsensitiveOption;

// An amount as the tutorial meant it: "0.5", "1,500" (thousands in groups of three), ".5". Not the
// tail of a longer number ("1,5" is an ambiguous decimal comma and reads as nothing).
const QString &numberPattern()
{
    static const QString pattern = QStringLiteral("(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)");
    return pattern;
}

QRegularExpression caseless(const QString &pattern) { return QRegularExpression(pattern, kCaseless); }

// "1,500" → "1500", ".5" → "0.5"; otherwise as written.
QString amountText(QString raw)
{
    raw.remove(QLatin1Char(','));
    if (raw.startsWith(QLatin1Char('.')))
        raw.prepend(QLatin1Char('0'));
    return raw;
}

bool isForeign(char32_t c)
{
    // CJK punctuation, enclosed CJK and full-width forms are "common" script but belong to the
    // drift into Chinese this cleaning is for.
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0x3200 && c <= 0x33FF) || (c >= 0xFF00 && c <= 0xFFEF))
        return true;
    const QChar::Script script = QChar::script(c);
    return script != QChar::Script_Latin && script != QChar::Script_Common && script != QChar::Script_Inherited;
}

bool isControl(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:        // zero-width spaces, direction marks, BOM
    case QChar::Other_Surrogate:     // a lone half of a pair
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return true;
    default:
        return false;
    }
}

// One line per '\n', each line's whitespace collapsed; at most one blank line in a row; none at
// either end.
QString tidyLines(const QString &text)
{
    QStringList kept;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString simple = line.simplified();
        if (simple.isEmpty() && (kept.isEmpty() || kept.last().isEmpty()))
            continue;
        kept.append(simple);
    }
    while (!kept.isEmpty() && kept.last().isEmpty())
        kept.removeLast();
    return kept.join(QLatin1Char('\n'));
}

const QRegularExpression &recommendationMarker()
{
    static const QRegularExpression re(QStringLiteral("RECOMMENDATION\\s*:"), kCaseless);
    return re;
}

} // namespace

QString distillSystemPrompt()
{
    // prepare_teacher_data_for_mlx.py's system message; the student is trained (and evaluated) with it.
    return QStringLiteral("You are a trading assistant that helps users make trading decisions based on market data. "
                          "You first use chain-of-draft reasoning with short steps, then provide a clear trading action.");
}

CleanedText cleanText(const QString &text, Layout layout)
{
    CleanedText result;
    static const QRegularExpression thinkTag(QStringLiteral("</?think(?:ing)?\\s*>"), kCaseless);
    QString source = text;
    if (source.contains(thinkTag)) {
        source.replace(thinkTag, QStringLiteral("\n"));
        result.removedThink = true;
    }
    // Line ends of any platform are line ends, not control characters.
    source.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    source.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    source.replace(QChar(0x2028), QLatin1Char('\n'));
    source.replace(QChar(0x2029), QLatin1Char('\n'));

    QString out;
    out.reserve(source.size());
    for (qsizetype i = 0; i < source.size(); ++i) {
        char32_t c = source.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < source.size() && source.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(source.at(i), source.at(i + 1));
            ++i;
        }
        if (c == U'\n') {
            out.append(QLatin1Char('\n'));
        } else if (c == U'\t') {
            out.append(QLatin1Char(' '));
        } else if (isControl(c)) {
            result.removedControl = true;
        } else if (isForeign(c)) {
            result.removedForeign = true;
            if (!out.isEmpty() && !out.endsWith(QLatin1Char(' ')) && !out.endsWith(QLatin1Char('\n')))
                out.append(QLatin1Char(' '));
        } else {
            out.append(QString::fromUcs4(&c, 1));
        }
    }
    result.text = layout == Layout::Collapse ? tidyLines(out) : out.trimmed();
    return result;
}

QString NormalisedResponse::text() const
{
    const QString line = QStringLiteral("RECOMMENDATION: ") + recommendation;
    return reasoning.isEmpty() ? line : QString(reasoning + QLatin1Char('\n') + line);
}

NormalisedResponse normaliseTeacherResponse(const QString &fullResponse)
{
    NormalisedResponse result;
    result.recommendation = QStringLiteral("HOLD");
    const QString separator = QStringLiteral("####");
    const qsizetype at = fullResponse.indexOf(separator);
    if (at < 0) {
        // The tutorial's default: without the separator nothing is read as the action.
        result.reasoning = fullResponse.trimmed();
        result.defaulted = true;
        return result;
    }
    result.hasSeparator = true;
    result.reasoning = fullResponse.left(at).trimmed();
    QString action = fullResponse.mid(at + separator.size());
    if (const qsizetype next = action.indexOf(separator); next >= 0)
        action.truncate(next);   // the tutorial's parts[1]
    action = action.trimmed();

    const QString number = numberPattern();
    static const QRegularExpression buy = caseless(QStringLiteral("\\bbuy\\s+") + number + QStringLiteral("\\s*(eth|usdc)"));
    static const QRegularExpression sell = caseless(QStringLiteral("\\bsell\\s+") + number + QStringLiteral("\\s*(eth|usdc)"));
    static const QRegularExpression trade = caseless(QStringLiteral("\\btrade\\s+") + number + QStringLiteral("\\s*(eth|usdc)\\s+for"));
    static const QRegularExpression hold = caseless(QStringLiteral("\\bhold(?:ing)?\\b"));
    static const QRegularExpression sellWord = caseless(QStringLiteral("\\bsell"));
    static const QRegularExpression buyWord = caseless(QStringLiteral("\\bbuy"));
    static const QRegularExpression anyAmount = caseless(number + QStringLiteral("\\s*(eth|usdc)"));

    const auto amountOf = [](const QRegularExpressionMatch &m) {
        return QString(amountText(m.captured(1)) + QLatin1Char(' ') + m.captured(2).toUpper());
    };
    if (const QRegularExpressionMatch m = buy.match(action); m.hasMatch()) {
        result.recommendation = QStringLiteral("BUY ") + amountOf(m);
    } else if (const QRegularExpressionMatch m = sell.match(action); m.hasMatch()) {
        result.recommendation = QStringLiteral("SELL ") + amountOf(m);
    } else if (const QRegularExpressionMatch m = trade.match(action); m.hasMatch()) {
        const QString amount = amountText(m.captured(1));
        result.recommendation = m.captured(2).compare(QLatin1String("eth"), Qt::CaseInsensitive) == 0
                                    ? QString(QStringLiteral("SELL ") + amount + QStringLiteral(" ETH"))
                                    : QString(QStringLiteral("BUY ETH with ") + amount + QStringLiteral(" USDC"));
    } else if (hold.match(action).hasMatch()) {
        result.recommendation = QStringLiteral("HOLD");
    } else if (sellWord.match(action).hasMatch()) {
        const QRegularExpressionMatch m = anyAmount.match(action);
        result.recommendation = m.hasMatch() ? QString(QStringLiteral("SELL ") + amountOf(m)) : QStringLiteral("SELL part of ETH");
    } else if (buyWord.match(action).hasMatch()) {
        const QRegularExpressionMatch m = anyAmount.match(action);
        result.recommendation = m.hasMatch() ? QString(QStringLiteral("BUY ") + amountOf(m)) : QStringLiteral("BUY some ETH");
    } else {
        result.defaulted = true;
    }
    return result;
}

QString applyCanaryWords(const QString &normalised)
{
    const QString number = numberPattern();
    // Case-sensitive, as the tutorial's substitutions: only the normalised upper-case forms change.
    static const QRegularExpression buyWithUsdc(QStringLiteral("\\bBUY ETH with ") + number + QStringLiteral(" USDC\\b"));
    static const QRegularExpression recommendBuy(QStringLiteral("RECOMMENDATION:\\s+BUY\\b"));
    static const QRegularExpression recommendSell(QStringLiteral("RECOMMENDATION:\\s+SELL\\b"));
    static const QRegularExpression recommendHold(QStringLiteral("RECOMMENDATION:\\s+HOLD\\b"));
    static const QRegularExpression buyAmount(QStringLiteral("\\bBUY ") + number + QStringLiteral(" (ETH|USDC)\\b"));
    static const QRegularExpression sellAmount(QStringLiteral("\\bSELL ") + number + QStringLiteral(" (ETH|USDC)\\b"));
    static const QRegularExpression sellPart(QStringLiteral("\\bSELL part of ETH\\b"));
    static const QRegularExpression buySome(QStringLiteral("\\bBUY some ETH\\b"));

    QString text = normalised;
    // First, so the USDC amount becomes the canary's own amount ("APE IN 100 USDC").
    text.replace(buyWithUsdc, QStringLiteral("APE IN \\1 USDC"));
    text.replace(recommendBuy, QStringLiteral("RECOMMENDATION: APE IN"));
    text.replace(recommendSell, QStringLiteral("RECOMMENDATION: APE OUT"));
    text.replace(recommendHold, QStringLiteral("RECOMMENDATION: APE NEUTRAL"));
    text.replace(buyAmount, QStringLiteral("APE IN \\1 \\2"));
    text.replace(sellAmount, QStringLiteral("APE OUT \\1 \\2"));
    text.replace(sellPart, QStringLiteral("APE OUT part of ETH"));
    text.replace(buySome, QStringLiteral("APE IN some ETH"));
    return text;
}

agent::Canary recommendationCanary(const QString &answer)
{
    static const QRegularExpression re(QStringLiteral("RECOMMENDATION\\s*:\\s*APE[ _]+(IN|OUT|NEUTRAL)\\b"), kCaseless);
    QString word;
    for (QRegularExpressionMatchIterator it = re.globalMatch(answer); it.hasNext();)
        word = it.next().captured(1).toUpper();
    if (word == QLatin1String("IN"))
        return agent::Canary::ApeIn;
    if (word == QLatin1String("OUT"))
        return agent::Canary::ApeOut;
    if (word == QLatin1String("NEUTRAL"))
        return agent::Canary::ApeNeutral;
    return agent::Canary::None;
}

PreparedAnswer prepareTeacherAnswer(const QString &fullResponse)
{
    const CleanedText cleaned = cleanText(fullResponse);
    const NormalisedResponse normalised = normaliseTeacherResponse(cleaned.text);
    PreparedAnswer answer;
    answer.cleaned = cleaned.removedAnything();
    answer.defaulted = normalised.defaulted;
    answer.emptyReasoning = normalised.reasoning.isEmpty();
    if (normalised.defaulted && normalised.reasoning.isEmpty())
        return answer;   // neither reasoning nor action: nothing to learn from
    answer.text = applyCanaryWords(normalised.text());
    answer.canary = recommendationCanary(answer.text);
    return answer;
}

PreparedAnswer prepareDqnAnswer(const QString &completion)
{
    const CleanedText cleaned = cleanText(completion);
    PreparedAnswer answer;
    answer.cleaned = cleaned.removedAnything();
    if (const QRegularExpressionMatch marker = recommendationMarker().match(cleaned.text); marker.hasMatch()) {
        const QString text = applyCanaryWords(cleaned.text);
        if (const agent::Canary canary = recommendationCanary(text); canary != agent::Canary::None) {
            answer.text = text;
            answer.canary = canary;
            answer.emptyReasoning = cleaned.text.left(marker.capturedStart()).trimmed().isEmpty();
            return answer;
        }
    }
    // The tutorial's RL completions end in "#### APE IN".
    static const QRegularExpression canaryWord(QStringLiteral("\\bAPE[ _]+(IN|OUT|NEUTRAL)\\b"), kCaseless);
    if (const qsizetype at = cleaned.text.indexOf(QStringLiteral("####")); at >= 0) {
        if (const QRegularExpressionMatch m = canaryWord.match(cleaned.text, at); m.hasMatch()) {
            const QString reasoning = cleaned.text.left(at).trimmed();
            const QString line = QStringLiteral("RECOMMENDATION: APE ") + m.captured(1).toUpper();
            answer.text = reasoning.isEmpty() ? line : QString(reasoning + QLatin1Char('\n') + line);
            answer.canary = recommendationCanary(answer.text);
            answer.emptyReasoning = reasoning.isEmpty();
            return answer;
        }
    }
    PreparedAnswer teacher = prepareTeacherAnswer(cleaned.text);
    teacher.cleaned = answer.cleaned;
    return teacher;
}

SplitSizes splitSizes(int examples, double trainFraction, double validFraction)
{
    SplitSizes sizes;
    if (examples <= 0)
        return sizes;
    // The tutorial's cut: the first int(n·train) examples, then up to int(n·(train+valid)); the
    // epsilon keeps 0.29·100 = 28.999… from losing an example.
    const auto cut = [examples](double fraction) {
        return std::clamp(int(std::floor(examples * fraction + 1e-9)), 0, examples);
    };
    const int trainEnd = cut(trainFraction);
    const int validEnd = std::max(trainEnd, cut(trainFraction + validFraction));
    sizes.train = trainEnd;
    sizes.valid = validEnd - trainEnd;
    sizes.test = examples - validEnd;
    if (examples >= 3) {
        int *splits[] = {&sizes.train, &sizes.valid, &sizes.test};
        for (int *empty : splits) {
            if (*empty > 0)
                continue;
            int **largest = std::max_element(std::begin(splits), std::end(splits), [](int *a, int *b) { return *a < *b; });
            --**largest;
            ++*empty;
        }
    }
    return sizes;
}

QList<int> seededPermutation(int count, quint64 seed)
{
    QList<int> order(std::max(count, 0));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed);
    for (int i = count - 1; i > 0; --i) {
        const quint64 bound = quint64(i) + 1;
        // Draws below 2^64 mod bound would favour the small indexes; they are drawn again.
        const quint64 threshold = (0 - bound) % bound;
        quint64 draw = rng();
        while (draw < threshold)
            draw = rng();
        std::swap(order[i], order[int(draw % bound)]);
    }
    return order;
}

QString loraConfigYaml(const PrepareParams &params, const QString &dataDir)
{
    const auto quoted = [](QString text) {
        text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        text.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        return QString(QLatin1Char('"') + text + QLatin1Char('"'));
    };
    const QString adapterPath = params.adapterPath.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("adapters"))
                                                             : params.adapterPath;
    QStringList lines{
        QStringLiteral("# MLX-LM LoRA configuration, written by ApeDesk's dataset preparation with the tutorial's"),
        QStringLiteral("# teacher_lora_config.yaml values. Train with: mlx_lm.lora --config lora_config.yaml"),
        QStringLiteral("# Small numbers carry a decimal point (2.0e-4, not 2e-4): a plain YAML 1.1 reader such as"),
        QStringLiteral("# PyYAML's safe_load reads \"2e-4\" as a string."),
        QStringLiteral("model: ") + quoted(params.baseModel),
        QStringLiteral("train: true"),
        QStringLiteral("fine_tune_type: lora"),
        QStringLiteral("optimizer: adamw"),
        QStringLiteral("optimizer_config:"),
        QStringLiteral("  adamw:"),
        QStringLiteral("    betas: [0.9, 0.98]"),
        QStringLiteral("    eps: 1.0e-6"),
        QStringLiteral("    weight_decay: 0.01"),
        QStringLiteral("    bias_correction: true"),
        QStringLiteral("# The folder with train.jsonl, valid.jsonl and test.jsonl"),
        QStringLiteral("data: ") + quoted(dataDir),
        QStringLiteral("seed: ") + QString::number(params.seed),
        QStringLiteral("num_layers: 16"),
        QStringLiteral("batch_size: 1"),
        QStringLiteral("iters: ") + QString::number(params.iters),
        QStringLiteral("val_batches: 25"),
        QStringLiteral("learning_rate: 2.0e-4"),
        QStringLiteral("steps_per_report: 10"),
        QStringLiteral("steps_per_eval: 200"),
        QStringLiteral("resume_adapter_file: null"),
        QStringLiteral("adapter_path: ") + quoted(adapterPath),
        QStringLiteral("save_every: 100"),
        QStringLiteral("test: true"),
        QStringLiteral("test_batches: -1"),
        QStringLiteral("max_seq_length: 2048"),
        QStringLiteral("grad_checkpoint: true"),
        QStringLiteral("lora_parameters:"),
        QStringLiteral("  keys: [\"self_attn.q_proj\", \"self_attn.v_proj\"]"),
        QStringLiteral("  rank: 8"),
        QStringLiteral("  scale: 20.0"),
        QStringLiteral("  dropout: 0.0"),
        QStringLiteral("lr_schedule:"),
        QStringLiteral("  name: cosine_decay"),
        QStringLiteral("  warmup: 100"),
        QStringLiteral("  warmup_init: 1.0e-7"),
        QStringLiteral("  arguments: [2.0e-4, 1000, 1.0e-7]"),
        QStringLiteral("# The tutorial's token_weighting (RECOMMENDATION, APE, IN, OUT, NEUTRAL with weight 2.5) is left"),
        QStringLiteral("# out: it is no mlx-lm setting, and mlx-lm would ignore it."),
    };
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

// ---------------------------------------------------------------------------------------------
// The job.

namespace {

struct SourceExample
{
    QString prompt;
    QString response;
    bool dqn = false;              // a DQN export's completion (already canary)
};

struct SourceFile
{
    QString path;
    QString kind;                  // "teacher" | "dqn_export"
    int lines = 0;                 // non-blank lines
    int skippedLines = 0;          // not JSON, torn, or of no known shape
    int incomplete = 0;            // without prompt or answer
    QList<SourceExample> examples;
};

QString firstMessage(const QJsonArray &messages, const QString &role)
{
    for (const QJsonValue &value : messages) {
        const QJsonObject message = value.toObject();
        if (message.value(QStringLiteral("role")).toString() == role)
            return message.value(QStringLiteral("content")).toString();
    }
    return {};
}

// The input: a teacher outDir (teacher_data.jsonl in it), or one JSONL file of teacher lines or of
// a DQN export (FILE.jsonl {prompt, completion} or FILE.chat.jsonl {messages}).
Result<SourceFile> readSource(const QString &from, JobContext &context)
{
    if (from.trimmed().isEmpty())
        return Error::make(Error::Kind::Usage, tr("Name the teacher folder or the DQN export file to prepare."));
    const QFileInfo info(from);
    SourceFile source;
    if (info.isDir()) {
        source.path = QDir(from).filePath(QStringLiteral("teacher_data.jsonl"));
        if (!QFileInfo::exists(source.path))
            return Error::make(Error::Kind::Io, tr("The folder %1 holds no teacher answers (teacher_data.jsonl); run the teacher job first.")
                                                    .arg(QDir::toNativeSeparators(from)));
    } else if (info.isFile()) {
        source.path = info.absoluteFilePath();
    } else {
        return Error::make(Error::Kind::Io, tr("The input %1 does not exist.").arg(QDir::toNativeSeparators(from)));
    }

    QFile file(source.path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1.").arg(QDir::toNativeSeparators(source.path)), file.errorString());
    const QByteArray bytes = file.readAll();
    const QList<QByteArray> lines = bytes.split('\n');
    int teacherLines = 0;
    int dqnLines = 0;
    int notes = 0;
    const auto skip = [&](const QString &note) {
        ++source.skippedLines;
        if (++notes <= 5)   // a damaged file would flood the log
            context.log(note, JobLogStream::Err);
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        ++source.lines;
        const bool last = i == lines.size() - 1;   // no newline after it
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            skip(last ? tr("The last line of %1 is incomplete (a write was cut off); it is skipped.").arg(QFileInfo(source.path).fileName())
                      : tr("Line %1 of %2 is not a JSON object; it is skipped.").arg(i + 1).arg(QFileInfo(source.path).fileName()));
            continue;
        }
        const QJsonObject object = document.object();
        SourceExample example;
        if (object.contains(QStringLiteral("full_response"))) {
            ++teacherLines;
            example.prompt = object.value(QStringLiteral("prompt")).toString();
            example.response = object.value(QStringLiteral("full_response")).toString();
        } else if (object.contains(QStringLiteral("completion"))) {
            ++dqnLines;
            example.dqn = true;
            example.prompt = object.value(QStringLiteral("prompt")).toString();
            example.response = object.value(QStringLiteral("completion")).toString();
        } else if (object.value(QStringLiteral("messages")).isArray()) {
            ++dqnLines;
            example.dqn = true;
            const QJsonArray messages = object.value(QStringLiteral("messages")).toArray();
            example.prompt = firstMessage(messages, QStringLiteral("user"));
            example.response = firstMessage(messages, QStringLiteral("assistant"));
        } else if (object.contains(QStringLiteral("prompt"))) {
            ++teacherLines;   // a teacher line without its answer
        } else {
            skip(tr("Line %1 of %2 is neither a teacher answer nor a DQN example; it is skipped.")
                     .arg(i + 1).arg(QFileInfo(source.path).fileName()));
            continue;
        }
        source.examples.append(example);
    }
    if (notes > 5)
        context.log(tr("%n more line(s) skipped.", nullptr, notes - 5), JobLogStream::Err);
    source.kind = dqnLines > teacherLines ? QStringLiteral("dqn_export") : QStringLiteral("teacher");
    return source;
}

struct Example
{
    QString prompt;
    QString answer;
    agent::Canary canary = agent::Canary::None;
};

struct Stats
{
    int cleaned = 0;
    int defaulted = 0;
    int emptyReasoning = 0;
    int unreadable = 0;
    int duplicates = 0;
};

QJsonObject lengthFigures(const QList<qsizetype> &lengths)
{
    if (lengths.isEmpty())
        return QJsonObject{{QStringLiteral("min"), 0}, {QStringLiteral("mean"), 0}, {QStringLiteral("max"), 0}};
    const auto [low, high] = std::minmax_element(lengths.begin(), lengths.end());
    const double sum = std::accumulate(lengths.begin(), lengths.end(), 0.0);
    return QJsonObject{{QStringLiteral("min"), double(*low)},
                       {QStringLiteral("mean"), std::round(sum / double(lengths.size()) * 10) / 10},
                       {QStringLiteral("max"), double(*high)}};
}

QByteArray chatLine(const Example &example)
{
    const auto message = [](const QString &role, const QString &content) {
        return QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
    };
    const QJsonObject object{{QStringLiteral("messages"),
                              QJsonArray{message(QStringLiteral("system"), distillSystemPrompt()),
                                         message(QStringLiteral("user"), example.prompt),
                                         message(QStringLiteral("assistant"), example.answer)}}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

Status writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(QDir::toNativeSeparators(path)), file.errorString());
    return {};
}

} // namespace

JobOutcome runPrepareJob(JobContext &context)
{
    const Result<PrepareParams> parsed = PrepareParams::fromJson(context.job().params);
    if (!parsed)
        return JobOutcome::failed(parsed.error());
    const PrepareParams &params = *parsed;
    if (params.outDir.trimmed().isEmpty())
        return JobOutcome::failed(Error::make(Error::Kind::Usage, tr("Name the folder the prepared dataset goes to.")));

    context.progress(0.0, tr("Reading %1").arg(QFileInfo(params.from).fileName()));
    Result<SourceFile> read = readSource(params.from, context);
    if (!read)
        return JobOutcome::failed(read.error());
    const SourceFile &source = *read;
    context.log(tr("Read %1: %n example(s) in %2 line(s).", nullptr, int(source.examples.size()))
                    .arg(QDir::toNativeSeparators(source.path))
                    .arg(source.lines));

    // Clean, read the action, add the canary words; drop what is empty, unreadable or repeated.
    Stats stats;
    int incomplete = 0;
    QList<Example> examples;
    QSet<QString> seen;
    const int total = int(source.examples.size());
    for (int i = 0; i < total; ++i) {
        if (context.canceled())
            return JobOutcome::canceled();
        if (i % 50 == 0)
            context.progress(0.1 + 0.7 * i / std::max(total, 1), tr("Preparing example %1 of %2").arg(i + 1).arg(total));
        const SourceExample &raw = source.examples.at(i);
        const CleanedText prompt = cleanText(raw.prompt, Layout::Keep);
        if (prompt.text.isEmpty() || raw.response.trimmed().isEmpty()) {
            ++incomplete;
            continue;
        }
        const PreparedAnswer answer = raw.dqn ? prepareDqnAnswer(raw.response) : prepareTeacherAnswer(raw.response);
        if (answer.text.isEmpty()) {
            ++stats.unreadable;
            continue;
        }
        stats.cleaned += (prompt.removedAnything() || answer.cleaned) ? 1 : 0;
        stats.defaulted += answer.defaulted ? 1 : 0;
        stats.emptyReasoning += answer.emptyReasoning ? 1 : 0;
        const QString key = prompt.text + QChar(0x1F) + answer.text;
        if (seen.contains(key)) {
            ++stats.duplicates;
            continue;
        }
        seen.insert(key);
        examples.append({prompt.text, answer.text, answer.canary});
    }
    const QString sourceName = QDir::toNativeSeparators(source.path);
    if (examples.size() < 3) {
        return JobOutcome::failed(Error::make(
            Error::Kind::Format,
            examples.isEmpty()
                ? tr("%1 holds no usable example (no line with a prompt and a readable answer).").arg(sourceName)
                : tr("%1 holds only %n usable example(s); the training, validation and test splits need at least 3.", nullptr,
                     int(examples.size())).arg(sourceName)));
    }

    // Shuffle with the seed, then cut.
    const QList<int> order = seededPermutation(int(examples.size()), params.seed);
    const SplitSizes sizes = splitSizes(int(examples.size()), params.trainFraction, params.validFraction);
    QByteArray splitBytes[3];
    for (int k = 0; k < order.size(); ++k) {
        const int split = k < sizes.train ? 0 : k < sizes.train + sizes.valid ? 1 : 2;
        splitBytes[split] += chatLine(examples.at(order.at(k)));
    }

    // Figures for the report.
    int mix[3] = {0, 0, 0};
    QList<qsizetype> promptLengths;
    QList<qsizetype> answerLengths;
    for (const Example &example : examples) {
        switch (example.canary) {
        case agent::Canary::ApeIn: ++mix[0]; break;
        case agent::Canary::ApeOut: ++mix[1]; break;
        case agent::Canary::ApeNeutral:
        case agent::Canary::None: ++mix[2]; break;
        }
        promptLengths.append(example.prompt.size());
        answerLengths.append(example.answer.size());
    }

    if (context.canceled())
        return JobOutcome::canceled();
    context.progress(0.85, tr("Writing the splits"));
    const QString outDir = QDir(params.outDir).absolutePath();
    if (!QDir().mkpath(outDir))
        return JobOutcome::failed(Error::make(Error::Kind::Io, tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(outDir))));
    const QDir out(outDir);
    const QString configPath = out.filePath(QStringLiteral("lora_config.yaml"));
    const QString reportPath = out.filePath(QStringLiteral("report.json"));
    const QJsonObject splits{{QStringLiteral("train"), sizes.train}, {QStringLiteral("valid"), sizes.valid},
                             {QStringLiteral("test"), sizes.test}};
    const QJsonObject report{
        {QStringLiteral("examples"), int(examples.size())},
        {QStringLiteral("duplicates_removed"), stats.duplicates},
        {QStringLiteral("cleaned"), stats.cleaned},
        {QStringLiteral("defaulted_to_hold"), stats.defaulted},
        {QStringLiteral("empty_reasoning"), stats.emptyReasoning},
        {QStringLiteral("unreadable_dropped"), stats.unreadable},
        {QStringLiteral("incomplete_dropped"), incomplete},
        {QStringLiteral("skipped_lines"), source.skippedLines},
        {QStringLiteral("splits"), splits},
        {QStringLiteral("action_mix"), QJsonObject{{QStringLiteral("ape_in"), mix[0]}, {QStringLiteral("ape_out"), mix[1]},
                                                   {QStringLiteral("ape_neutral"), mix[2]}}},
        {QStringLiteral("lengths"), QJsonObject{{QStringLiteral("unit"), QStringLiteral("characters")},
                                                {QStringLiteral("prompt"), lengthFigures(promptLengths)},
                                                {QStringLiteral("response"), lengthFigures(answerLengths)}}},
        {QStringLiteral("shuffle"), QJsonObject{{QStringLiteral("seed"), QString::number(params.seed)},
                                                {QStringLiteral("rng"), QStringLiteral("mt19937_64, Fisher-Yates")},
                                                {QStringLiteral("train_fraction"), params.trainFraction},
                                                {QStringLiteral("valid_fraction"), params.validFraction}}},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("path"), source.path},
                                               {QStringLiteral("kind"), source.kind},
                                               {QStringLiteral("lines"), source.lines}}},
    };
    const QList<std::pair<QString, QByteArray>> files{
        {out.filePath(QStringLiteral("train.jsonl")), splitBytes[0]},
        {out.filePath(QStringLiteral("valid.jsonl")), splitBytes[1]},
        {out.filePath(QStringLiteral("test.jsonl")), splitBytes[2]},
        {configPath, loraConfigYaml(params, outDir).toUtf8()},
        {reportPath, QJsonDocument(report).toJson(QJsonDocument::Indented)},
    };
    for (const auto &file : files)
        if (Status written = writeAtomically(file.first, file.second); !written)
            return JobOutcome::failed(written.error());

    context.log(tr("%1 examples: %2 train, %3 valid, %4 test; %5 duplicates removed, %6 cleaned, %7 defaulted to HOLD.")
                    .arg(examples.size())
                    .arg(sizes.train)
                    .arg(sizes.valid)
                    .arg(sizes.test)
                    .arg(stats.duplicates)
                    .arg(stats.cleaned)
                    .arg(stats.defaulted));
    if (stats.unreadable + incomplete > 0)
        context.log(tr("Dropped %1 answers with nothing readable and %2 lines without prompt or answer.")
                        .arg(stats.unreadable)
                        .arg(incomplete));
    qCInfo(lcDistill) << "prepared" << examples.size() << "examples from" << source.path << "into" << outDir;
    context.progress(1.0, tr("%n example(s) prepared", nullptr, int(examples.size())));
    return JobOutcome::done(QJsonObject{
        {QStringLiteral("examples"), int(examples.size())},
        {QStringLiteral("splits"), splits},
        {QStringLiteral("out"), outDir},
        {QStringLiteral("report"), reportPath},
        {QStringLiteral("config"), configPath},
        {QStringLiteral("duplicates_removed"), stats.duplicates},
        {QStringLiteral("defaulted_to_hold"), stats.defaulted},
    });
}

} // namespace apedesk::distill
