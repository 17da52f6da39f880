#include "jobinfoview.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLocale>
#include <QScrollBar>

namespace apedesk::ui {

JobInfoView::JobInfoView(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("distillJobInfo"));
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Select a job to see its parameters and result."));
}

QString JobInfoView::describe(const distill::JobRecord &job)
{
    const QLocale locale;
    const auto time = [&locale](qint64 ms) {
        return ms > 0 ? locale.toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat) : tr("—");
    };
    QStringList ids;
    for (qint64 id : job.dependsOn)
        ids.append(QString::number(id));
    QStringList lines;
    lines << tr("Job %1: %2 (%3)").arg(QString::number(job.id), job.title.isEmpty() ? distill::jobKindTitle(job.kind) : job.title,
                                        distill::jobKindTitle(job.kind));
    lines << tr("State: %1, attempt %2 of %3, on the %4 slots")
                 .arg(distill::jobStateTitle(job.state))
                 .arg(job.attempts)
                 .arg(job.maxAttempts)
                 .arg(distill::jobResourceKey(job.resource));
    if (!job.pipeline.isEmpty())
        lines << tr("Pipeline: %1").arg(job.pipeline);
    if (!ids.isEmpty())
        lines << tr("Runs after: %1").arg(ids.join(QStringLiteral(", ")));
    lines << tr("Added %1, started %2, finished %3").arg(time(job.createdMs), time(job.startedMs), time(job.finishedMs));
    if (!job.error.isEmpty())
        lines << tr("Last error: %1").arg(job.error);
    lines << QString() << tr("Parameters:")
          << QString::fromUtf8(QJsonDocument(job.params).toJson(QJsonDocument::Indented)).trimmed();
    if (!job.result.isEmpty())
        lines << QString() << tr("Result:")
              << QString::fromUtf8(QJsonDocument(job.result).toJson(QJsonDocument::Indented)).trimmed();
    return lines.join(QLatin1Char('\n'));
}

void JobInfoView::showJob(const std::optional<distill::JobRecord> &job)
{
    const QString text = job ? describe(*job) : QString();
    if (text == toPlainText())
        return;   // snapshots repeat: keep the person's scroll position and selection
    const int scroll = verticalScrollBar()->value();
    setPlainText(text);
    verticalScrollBar()->setValue(scroll);
}

} // namespace apedesk::ui
