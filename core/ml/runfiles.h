#pragma once
// What the GAN and DQN run folders share: config.json written atomically and read field by field over
// defaults, and the per-step logs (metrics.csv / .jsonl, episodes.csv) trimmed back to a checkpoint.

#include "common/error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace apedesk::ml {

// Drops the rows after `step` from a log whose first CSV column, or JSONL "step" field, is the step (a
// CSV's header stays): a run killed after its last checkpoint logged rows that the resumed run logs
// again. A half-written last line goes too. A missing file is fine; the rewrite is atomic.
Status truncateRunLog(const QString &path, qint64 step, bool jsonl);

// Indented JSON through QSaveFile: a crash while writing leaves the previous file whole.
Status writeJsonFile(const QString &path, const QJsonObject &object);

// Reads JSON fields over defaults: a present field of the wrong type is an error, a missing one keeps
// the default (older run folders stay readable when a field is added). status() names every bad field
// after `where`, under the caller's sentence.
class RunConfigReader
{
public:
    RunConfigReader(const QJsonObject &object, QString where, QString wrongTypeMessage);

    void read(const char *key, int &out);
    void read(const char *key, qint64 &out);          // a whole number up to 2^53
    void read(const char *key, double &out);
    void read(const char *key, QString &out);
    void read(const char *key, QVector<int> &out);
    // Seeds are written as strings (JSON numbers are doubles and lose 64-bit seeds above 2^53);
    // `wholeNumbersToo` also accepts a hand-written whole number up to 2^53.
    void readSeed(const char *key, quint64 &out, bool wholeNumbersToo);
    Status status() const;

private:
    void fail(const char *key) { m_bad.append(QLatin1String(key)); }
    QJsonObject m_object;
    QString m_where;
    QString m_wrongTypeMessage;
    QStringList m_bad;
};

} // namespace apedesk::ml
