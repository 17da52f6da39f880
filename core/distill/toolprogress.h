#pragma once
// Reading the external tools' console output: a splitter that turns the raw bytes of a pipe into
// lines (tqdm's \r redraws and Ollama's terminal escapes included), and pure parsers that turn one
// line of mlx_lm.lora / mlx_lm.fuse / convert_hf_to_gguf.py / llama-quantize / ollama create into
// events: loss points, iteration progress, a fraction done, a status text, a figure for the result.
// No state between lines: the tool job keeps what it needs (the last iteration, timings).

#include "jobtypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace apedesk::distill {

struct ToolEvent
{
    enum class Type {
        Loss,        // name = series ("train_loss", "val_loss", "test_loss"), step = iteration, value = loss
        Iteration,   // step = the iteration reached, value = the schedule's total (0: not in this line)
        Fraction,    // value = 0..1 of the tool's work
        Status,      // text = what the tool is doing, for the progress column
        Figure,      // name = result key ("quant_size_mib", "test_ppl", ...), value = the number
    };
    Type type = Type::Status;
    QString name;
    double step = 0;     // Loss: -1 when the line names no iteration (the test loss after training)
    double value = 0;
    QString text;

    static ToolEvent loss(const QString &series, double iteration, double value);
    static ToolEvent iteration(double iteration, double total = 0);
    static ToolEvent fraction(double value);
    static ToolEvent status(const QString &text);
    static ToolEvent figure(const QString &name, double value);
    bool operator==(const ToolEvent &other) const;
};

// The events in one line of a `kind` tool's output (FineTune, Fuse, Convert, Quantize, Register);
// other kinds have none. `line` is one cleaned line (ToolLineSplitter's text).
QList<ToolEvent> parseToolLine(JobKind kind, const QString &line);

// Terminal escapes (colours, cursor moves), other control characters and trailing spinner glyphs
// removed; tabs become spaces; trailing white space trimmed.
QString cleanToolText(const QString &text);

// Bytes from one pipe → lines. "\n" and "\r\n" end a line; a lone "\r" (a progress bar redrawing
// itself) ends a *transient* line: worth parsing for progress, not worth keeping in the log.
// Lines that are empty once cleaned are dropped. A line longer than kMaxLineBytes is cut there so a
// tool that never ends its lines cannot grow the buffer without bound.
class ToolLineSplitter
{
public:
    struct Line
    {
        QString text;
        bool transient = false;
        bool operator==(const Line &other) const { return text == other.text && transient == other.transient; }
    };
    static constexpr qsizetype kMaxLineBytes = 64 * 1024;

    QList<Line> feed(const QByteArray &bytes);
    QList<Line> finish();   // what is left when the pipe closed (an unterminated last line)

private:
    void emitLine(QList<Line> &out, const QByteArray &raw, bool transient);
    QByteArray m_buffer;
};

} // namespace apedesk::distill
