#pragma once
// JSON Lines for tests: the objects of a file or of a process's output, one per non-blank line (a
// line that is not an object gives an empty one, so a count still sees it).

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

inline QList<QJsonObject> parseJsonLines(const QByteArray &bytes)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : bytes.split('\n'))
        if (!line.trimmed().isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    return objects;
}

inline QList<QJsonObject> readJsonLinesFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseJsonLines(file.readAll());
}
