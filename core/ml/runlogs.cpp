#include "runlogs.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSaveFile>

namespace apedesk::ml {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("apedesk::ml::RunLogs", text); }
} // namespace

Status truncateRunLog(const QString &path, qint64 step, bool jsonl)
{
    QFile in(path);
    if (!in.exists())
        return {};
    if (!in.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("Cannot read %1.").arg(path), in.errorString());
    const QList<QByteArray> lines = in.readAll().split('\n');
    in.close();
    QByteArray kept;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue;
        qint64 rowStep = -1;
        bool ok = false;
        if (jsonl) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            rowStep = static_cast<qint64>(o.value(QStringLiteral("step")).toDouble(-1));
            ok = o.contains(QStringLiteral("step"));
        } else {
            rowStep = line.left(line.indexOf(',')).toLongLong(&ok);
        }
        // The header, and rows up to the checkpoint; the last line only when a newline ended it.
        if ((!jsonl && i == 0) || (ok && rowStep <= step && (i + 1 < lines.size())))
            kept += line + '\n';
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), out.errorString());
    out.write(kept);
    if (!out.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), out.errorString());
    return {};
}

} // namespace apedesk::ml
