#pragma once
// One job's log: read-only, each line with its time, lines the tool wrote to stderr tinted red and
// the queue's own lines blue. Follows the end while the person has not scrolled up, and keeps at
// most the newest kMaxLines lines so a chatty tool cannot grow the GUI's memory without end.

#include "distill/jobtypes.h"

#include <QPlainTextEdit>

namespace apedesk::ui {

class JobLogView : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kMaxLines = 20000;

    explicit JobLogView(QWidget *parent = nullptr);

    void setLines(const QList<distill::JobLogLine> &lines);
    void appendLine(const distill::JobLogLine &line);
    void clearLines();

    int lineCount() const { return m_lines; }            // lines shown (at most kMaxLines)
    qint64 lastLineId() const { return m_lastId; }       // the newest line's database id; 0: none
    int stderrLineCount() const { return m_stderrLines; }

private:
    void write(const distill::JobLogLine &line);

    int m_lines = 0;
    int m_stderrLines = 0;
    qint64 m_lastId = 0;
};

} // namespace apedesk::ui
