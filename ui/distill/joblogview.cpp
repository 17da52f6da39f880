#include "joblogview.h"

#include "distillstyle.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>

#include <algorithm>

namespace apedesk::ui {

JobLogView::JobLogView(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("distillLogView"));
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setMaximumBlockCount(kMaxLines);
    setPlaceholderText(tr("Select a job to see its log."));
}

void JobLogView::clearLines()
{
    clear();
    m_lines = 0;
    m_stderrLines = 0;
    m_lastId = 0;
}

void JobLogView::setLines(const QList<distill::JobLogLine> &lines)
{
    clearLines();
    // Only the newest kMaxLines would stay anyway; skip writing the rest.
    const qsizetype first = std::max<qsizetype>(0, lines.size() - kMaxLines);
    setUpdatesEnabled(false);
    for (qsizetype i = first; i < lines.size(); ++i)
        write(lines.at(i));
    setUpdatesEnabled(true);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void JobLogView::appendLine(const distill::JobLogLine &line)
{
    if (line.id != 0 && line.id <= m_lastId)
        return;   // already shown (the details answer and a live line can overlap)
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    write(line);
    if (atEnd)
        bar->setValue(bar->maximum());
}

void JobLogView::write(const distill::JobLogLine &line)
{
    QTextCharFormat format;
    switch (line.stream) {
    case distill::JobLogStream::Err:
        format.setForeground(distillstyle::stderrColor(palette()));
        ++m_stderrLines;
        break;
    case distill::JobLogStream::Info: format.setForeground(distillstyle::infoColor(palette())); break;
    case distill::JobLogStream::Out: format.setForeground(palette().color(QPalette::Text)); break;
    }
    const QString time = line.timeMs > 0
        ? QDateTime::fromMSecsSinceEpoch(line.timeMs).toString(QStringLiteral("HH:mm:ss"))
        : QStringLiteral("--:--:--");
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (m_lines > 0)
        cursor.insertBlock();
    cursor.insertText(QString(time + QLatin1Char(' ') + line.text), format);
    m_lines = std::min(m_lines + 1, kMaxLines);
    m_lastId = std::max(m_lastId, line.id);
}

} // namespace apedesk::ui
