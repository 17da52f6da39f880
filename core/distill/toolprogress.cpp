#include "toolprogress.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace apedesk::distill {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::distill::ToolProgress", text);
}

// A number as Python and printf write it, "nan"/"inf" included (a diverging run prints them).
#define NUM "([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?nan|[-+]?inf)"

// Callers keep the result in a function-local static: compiled once, initialised thread safely.
QRegularExpression re(const char *pattern)
{
    return QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::CaseInsensitiveOption);
}

double number(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (ok)
        return value;
    const QString lower = text.toLower();
    if (lower.endsWith(QLatin1String("nan")))
        return std::nan("");
    if (lower.endsWith(QLatin1String("inf")))
        return lower.startsWith(QLatin1Char('-')) ? -INFINITY : INFINITY;
    return std::nan("");
}

// mlx_lm.lora (mlx_lm/tuner/trainer.py and lora.py).
QList<ToolEvent> parseFineTune(const QString &line)
{
    static const QRegularExpression train = re("^Iter (\\d+): Train loss " NUM);
    static const QRegularExpression val = re("^Iter (\\d+): Val loss " NUM);
    static const QRegularExpression saved = re("^Iter (\\d+): Saved adapter weights to (.+?)(?: and .*)?\\.?$");
    static const QRegularExpression test = re("^Test loss " NUM "(?:, Test ppl " NUM ")?");
    static const QRegularExpression start = re("^Starting training\\.*,? iters: (\\d+)");
    static const QRegularExpression peak = re("Peak mem " NUM " GB");
    static const QRegularExpression tokens = re("Trained Tokens (\\d+)");
    static const QRegularExpression speed = re("It/sec " NUM);
    static const QRegularExpression trainable = re("^Trainable parameters: (.+)$");

    QList<ToolEvent> events;
    if (const auto m = train.match(line); m.hasMatch()) {
        const int iteration = m.captured(1).toInt();
        const double loss = number(m.captured(2));
        events << ToolEvent::loss(QStringLiteral("train_loss"), iteration, loss) << ToolEvent::iteration(iteration)
               << ToolEvent::status(tr("Iter %1: train loss %2").arg(iteration).arg(m.captured(2)));
        if (const auto p = peak.match(line); p.hasMatch())
            events << ToolEvent::figure(QStringLiteral("peak_mem_gb"), number(p.captured(1)));
        if (const auto t = tokens.match(line); t.hasMatch())
            events << ToolEvent::figure(QStringLiteral("trained_tokens"), t.captured(1).toDouble());
        if (const auto s = speed.match(line); s.hasMatch())
            events << ToolEvent::figure(QStringLiteral("it_per_sec"), number(s.captured(1)));
        return events;
    }
    if (const auto m = val.match(line); m.hasMatch()) {
        const int iteration = m.captured(1).toInt();
        return {ToolEvent::loss(QStringLiteral("val_loss"), iteration, number(m.captured(2))),
                ToolEvent::iteration(iteration),
                ToolEvent::status(tr("Iter %1: validation loss %2").arg(iteration).arg(m.captured(2)))};
    }
    if (const auto m = saved.match(line); m.hasMatch()) {
        const int iteration = m.captured(1).toInt();
        return {ToolEvent::iteration(iteration), ToolEvent::status(tr("Iter %1: adapter weights saved").arg(iteration))};
    }
    if (const auto m = test.match(line); m.hasMatch()) {
        events << ToolEvent::loss(QStringLiteral("test_loss"), -1, number(m.captured(1)));
        if (m.hasCaptured(2))
            events << ToolEvent::figure(QStringLiteral("test_ppl"), number(m.captured(2)));
        events << ToolEvent::status(tr("Test loss %1").arg(m.captured(1)));
        return events;
    }
    if (const auto m = start.match(line); m.hasMatch()) {
        const int total = m.captured(1).toInt();
        return {ToolEvent::iteration(0, total), ToolEvent::status(tr("Training (%1 iterations)").arg(total))};
    }
    if (const auto m = trainable.match(line); m.hasMatch())
        return {ToolEvent::status(tr("Trainable parameters: %1").arg(m.captured(1)))};
    if (line == QLatin1String("Loading pretrained model"))
        return {ToolEvent::status(tr("Loading the base model"))};
    if (line == QLatin1String("Loading datasets"))
        return {ToolEvent::status(tr("Loading the dataset"))};
    if (line == QLatin1String("Testing"))
        return {ToolEvent::status(tr("Testing on the held-out split"))};
    return {};
}

// mlx_lm.fuse says little ("Loading pretrained model", maybe "De-quantizing model"): each line it
// prints is what it is doing. Download bars ("Fetching 7 files: 43%|...") are left to the log.
QList<ToolEvent> parseFuse(const QString &line)
{
    if (line.startsWith(QLatin1String("Fetching ")) || line.contains(QLatin1Char('|')))
        return {};
    if (line == QLatin1String("Loading pretrained model"))
        return {ToolEvent::status(tr("Loading the base model"))};
    return {ToolEvent::status(line.left(160))};
}

// llama.cpp's convert_hf_to_gguf.py: logging lines "INFO:hf-to-gguf:..." and tqdm's "Writing:" bar.
QList<ToolEvent> parseConvert(const QString &line)
{
    static const QRegularExpression writing = re("^Writing:\\s*(\\d{1,3})%\\|[^|]*\\|\\s*([^/\\s]+)/(\\S+)");
    static const QRegularExpression info = re("^INFO:(?:hf-to-gguf|gguf\\.gguf_writer):(.+)$");
    static const QRegularExpression exported = re("Model successfully exported to (.+)$");
    if (const auto m = writing.match(line); m.hasMatch())
        return {ToolEvent::fraction(std::min(100, m.captured(1).toInt()) / 100.0),
                ToolEvent::status(tr("Writing the GGUF file: %1 of %2").arg(m.captured(2), m.captured(3)))};
    if (const auto m = exported.match(line); m.hasMatch())
        return {ToolEvent::fraction(1.0), ToolEvent::status(tr("Exported %1").arg(m.captured(1).trimmed()))};
    // One line per tensor ("blk.0.attn_q.weight, torch.bfloat16 --> F16, shape = {...}") would only
    // flicker in a status column; the stage lines are worth showing.
    if (const auto m = info.match(line); m.hasMatch() && !line.contains(QLatin1String("-->")))
        return {ToolEvent::status(m.captured(1).trimmed().left(160))};
    return {};
}

// llama-quantize: "[  12/ 434]  blk.1.attn_k.weight - [...], type = bf16, converting to q4_K .. size = ..."
// and the summary "llama_model_quantize_impl: model size  =  5886.42 MiB" / "quant size".
QList<ToolEvent> parseQuantize(const QString &line)
{
    static const QRegularExpression tensor = re("^\\[\\s*(\\d+)\\s*/\\s*(\\d+)\\]\\s+(\\S+)");
    static const QRegularExpression modelSize = re("model size\\s*=\\s*" NUM "\\s*(MiB|MB)");
    static const QRegularExpression quantSize = re("quant size\\s*=\\s*" NUM "\\s*(MiB|MB)");
    static const QRegularExpression quantizing = re("quantizing '(.+)' to '(.+)' as (\\S+)");
    if (const auto m = tensor.match(line); m.hasMatch()) {
        const int index = m.captured(1).toInt();
        const int count = m.captured(2).toInt();
        if (count <= 0)
            return {};
        return {ToolEvent::fraction(std::min(1.0, double(index) / count)),
                ToolEvent::status(tr("Tensor %1 of %2: %3").arg(index).arg(count).arg(m.captured(3)))};
    }
    // Both sizes are printed in MiB (older builds wrote "MB" for the same number).
    if (const auto m = modelSize.match(line); m.hasMatch())
        return {ToolEvent::figure(QStringLiteral("model_size_mib"), number(m.captured(1)))};
    if (const auto m = quantSize.match(line); m.hasMatch())
        return {ToolEvent::figure(QStringLiteral("quant_size_mib"), number(m.captured(1))),
                ToolEvent::status(tr("Quantised size %1 MiB").arg(m.captured(1)))};
    if (const auto m = quantizing.match(line); m.hasMatch())
        return {ToolEvent::status(tr("Quantising to %1").arg(m.captured(3)))};
    return {};
}

// `ollama create`: a handful of stages, each redrawn with a spinner or a percentage.
QList<ToolEvent> parseRegister(const QString &line)
{
    struct Stage
    {
        const char *prefix;
        double fraction;
    };
    static const Stage stages[] = {
        {"gathering model components", 0.05}, {"reading model metadata", 0.1}, {"transferring model data", 0.2},
        {"copying file", 0.3}, {"parsing GGUF", 0.5}, {"creating model layer", 0.6},
        {"using existing layer", 0.7}, {"using already created layer", 0.7}, {"creating new layer", 0.7},
        {"writing layer", 0.8}, {"creating template layer", 0.8}, {"creating parameters layer", 0.8},
        {"writing manifest", 0.9}, {"removing any unused layers", 0.95}, {"success", 1.0},
    };
    for (const Stage &stage : stages) {
        if (line.startsWith(QLatin1String(stage.prefix), Qt::CaseInsensitive))
            return {ToolEvent::fraction(stage.fraction), ToolEvent::status(line.left(160))};
    }
    return {};
}

} // namespace

#undef NUM

ToolEvent ToolEvent::loss(const QString &series, double iteration, double value)
{
    return {Type::Loss, series, iteration, value, {}};
}
ToolEvent ToolEvent::iteration(double iteration, double total) { return {Type::Iteration, {}, iteration, total, {}}; }
ToolEvent ToolEvent::fraction(double value) { return {Type::Fraction, {}, 0, value, {}}; }
ToolEvent ToolEvent::status(const QString &text) { return {Type::Status, {}, 0, 0, text}; }
ToolEvent ToolEvent::figure(const QString &name, double value) { return {Type::Figure, name, 0, value, {}}; }

bool ToolEvent::operator==(const ToolEvent &other) const
{
    const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    return type == other.type && name == other.name && same(step, other.step) && same(value, other.value)
        && text == other.text;
}

QList<ToolEvent> parseToolLine(JobKind kind, const QString &line)
{
    switch (kind) {
    case JobKind::FineTune: return parseFineTune(line);
    case JobKind::Fuse: return parseFuse(line);
    case JobKind::Convert: return parseConvert(line);
    case JobKind::Quantize: return parseQuantize(line);
    case JobKind::Register: return parseRegister(line);
    case JobKind::Teacher:
    case JobKind::Prepare:
    case JobKind::Evaluate: break;
    }
    return {};
}

QString cleanToolText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QChar(0x1b)) {
            // CSI "ESC [ params final" (colours, cursor moves), OSC "ESC ] ... BEL|ESC \", or ESC + one char.
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('[')) {
                i += 2;
                while (i < text.size() && !(text.at(i).unicode() >= 0x40 && text.at(i).unicode() <= 0x7e))
                    ++i;
            } else if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char(']')) {
                i += 2;
                while (i < text.size() && text.at(i) != QChar(0x07)
                       && !(text.at(i) == QChar(0x1b) && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\\')))
                    ++i;
                if (i < text.size() && text.at(i) == QChar(0x1b))
                    ++i;
            } else {
                ++i;
            }
            continue;
        }
        if (c == QLatin1Char('\t')) {
            out.append(QLatin1Char(' '));
            continue;
        }
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            continue;
        out.append(c);
    }
    // Braille-pattern spinners (⠋⠙⠹…) that Ollama appends to the stage it is in.
    qsizetype end = out.size();
    while (end > 0 && (out.at(end - 1).isSpace() || (out.at(end - 1).unicode() >= 0x2800 && out.at(end - 1).unicode() <= 0x28ff)))
        --end;
    out.truncate(end);
    return out;
}

void ToolLineSplitter::emitLine(QList<Line> &out, const QByteArray &raw, bool transient)
{
    const QString text = cleanToolText(QString::fromUtf8(raw));
    if (!text.isEmpty())
        out.append({text, transient});
}

QList<ToolLineSplitter::Line> ToolLineSplitter::feed(const QByteArray &bytes)
{
    m_buffer += bytes;
    QList<Line> lines;
    qsizetype start = 0;
    qsizetype i = 0;
    while (i < m_buffer.size()) {
        const char c = m_buffer.at(i);
        if (c == '\n') {
            emitLine(lines, m_buffer.mid(start, i - start), false);
            start = ++i;
        } else if (c == '\r') {
            if (i + 1 == m_buffer.size())
                break;   // "\r\n" split across two reads: decide when the next byte is here
            const bool crlf = m_buffer.at(i + 1) == '\n';
            emitLine(lines, m_buffer.mid(start, i - start), !crlf);
            i += crlf ? 2 : 1;
            start = i;
        } else if (i - start >= kMaxLineBytes) {
            emitLine(lines, m_buffer.mid(start, i - start), false);
            start = i;
        } else {
            ++i;
        }
    }
    m_buffer.remove(0, start);
    return lines;
}

QList<ToolLineSplitter::Line> ToolLineSplitter::finish()
{
    QList<Line> lines;
    QByteArray rest = m_buffer;
    m_buffer.clear();
    while (rest.endsWith('\r'))
        rest.chop(1);
    emitLine(lines, rest, false);
    return lines;
}

} // namespace apedesk::distill
