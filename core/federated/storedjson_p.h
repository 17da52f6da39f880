#pragma once
// What the federated records' JSON (the round store's columns, the CLI's lines) shares: non-finite numbers
// written as null and read back as NaN, and a reader that names the first missing or mistyped field of a
// stored record. Internal to core/federated.

#include "common/error.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cmath>

namespace apedesk::federated {

inline QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// Reads a stored record's fields one by one; the first missing or mistyped field is the error.
class StoredJsonReader
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::federated::StoredJson)
public:
    StoredJsonReader(const QJsonObject &object, QString what) : m_object(object), m_what(std::move(what)) {}

    double number(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isNull() && m_object.contains(QLatin1String(key)))
            return std::nan("");   // a non-finite value is written as null
        return v.isDouble() ? v.toDouble() : (fail(key), 0.0);
    }
    qint64 integer(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        return v.isDouble() ? v.toInteger() : (fail(key), qint64(0));
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        return v.isBool() ? v.toBool() : (fail(key), false);
    }
    QString string(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        return v.isString() ? v.toString() : (fail(key), QString());
    }
    QJsonObject object(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        return v.isObject() ? v.toObject() : (fail(key), QJsonObject());
    }
    QJsonArray array(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        return v.isArray() ? v.toArray() : (fail(key), QJsonArray());
    }
    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }
    void fail(const char *key)
    {
        if (m_missing.isEmpty())
            m_missing = QLatin1String(key);
    }
    bool ok() const { return m_missing.isEmpty(); }
    Error error() const
    {
        return Error::make(Error::Kind::Format,
                           tr("The stored %1 is damaged: its field \"%2\" is missing or not valid.").arg(m_what, m_missing));
    }

private:
    QJsonObject m_object;
    QString m_what;
    QString m_missing;
};

} // namespace apedesk::federated
