#include "runfiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSaveFile>

#include <cmath>
#include <limits>

namespace apedesk::ml {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("apedesk::ml::RunFiles", text); }
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

Status writeJsonFile(const QString &path, const QJsonObject &object)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), file.errorString());
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error::make(Error::Kind::Io, tr("Cannot write %1.").arg(path), file.errorString());
    return {};
}

RunConfigReader::RunConfigReader(const QJsonObject &object, QString where, QString wrongTypeMessage)
    : m_object(object), m_where(std::move(where)), m_wrongTypeMessage(std::move(wrongTypeMessage))
{
}

void RunConfigReader::read(const char *key, int &out)
{
    qint64 wide = out;
    read(key, wide);
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        fail(key);
    else
        out = static_cast<int>(wide);
}

void RunConfigReader::read(const char *key, qint64 &out)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || std::abs(d) > 9007199254740992.0)
        fail(key);
    else
        out = static_cast<qint64>(d);
}

void RunConfigReader::read(const char *key, double &out)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return;
    if (!v.isDouble())
        fail(key);
    else
        out = v.toDouble();
}

void RunConfigReader::read(const char *key, QString &out)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return;
    if (!v.isString())
        fail(key);
    else
        out = v.toString();
}

void RunConfigReader::read(const char *key, QVector<int> &out)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return;
    if (!v.isArray()) {
        fail(key);
        return;
    }
    QVector<int> values;
    for (const QJsonValue &item : v.toArray()) {
        const double d = item.toDouble(std::nan(""));
        if (!item.isDouble() || d != std::floor(d) || std::abs(d) > std::numeric_limits<int>::max()) {
            fail(key);
            return;
        }
        values.append(static_cast<int>(d));
    }
    out = values;
}

void RunConfigReader::readSeed(const char *key, quint64 &out, bool wholeNumbersToo)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isUndefined())
        return;
    bool ok = false;
    quint64 parsed = 0;
    if (v.isString()) {
        parsed = v.toString().toULongLong(&ok);
    } else if (v.isDouble() && wholeNumbersToo) {
        const double d = v.toDouble();
        ok = d >= 0 && d == std::floor(d) && d <= 9007199254740992.0;
        parsed = ok ? static_cast<quint64>(d) : 0;
    }
    if (!ok)
        fail(key);
    else
        out = parsed;
}

Status RunConfigReader::status() const
{
    if (m_bad.isEmpty())
        return {};
    return Error::make(Error::Kind::Format, m_wrongTypeMessage, m_where + QStringLiteral(": ") + m_bad.join(QStringLiteral(", ")));
}

} // namespace apedesk::ml
