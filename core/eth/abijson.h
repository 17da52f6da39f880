#pragma once
// A contract interface read from its ABI JSON: the `abi` array Solidity emits, as found in Foundry
// (out/X.sol/X.json) and Hardhat (artifacts/.../X.json) artifacts, or the bare array. Functions, events
// and custom errors, with tuple components and their names.

#include "abitype.h"
#include "address.h"
#include "common/error.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace apedesk::eth::abi {

struct Function
{
    QString name;
    QList<Param> inputs;
    QList<Param> outputs;
    QString stateMutability;   // "view", "nonpayable", ...

    Signature signature() const { return Signature{name, inputs, outputs}; }
    QString canonical() const { return signature().canonical(); }
    QByteArray selector() const { return signature().selector(); }
};

struct Event
{
    QString name;
    QList<Param> inputs;   // Param::indexed marks topics
    bool anonymous = false;

    QString canonical() const { return name + canonicalList(typesOf(inputs)); }
    Hash32 topic() const;   // keccak256(canonical()): topic 0 of a non-anonymous event
};

struct CustomError
{
    QString name;
    QList<Param> inputs;

    QString canonical() const { return name + canonicalList(typesOf(inputs)); }
    QByteArray selector() const { return selectorOf(canonical()); }
};

class Interface
{
public:
    // A JSON array of entries, or an object with an "abi" array (a compiler artifact).
    static Result<Interface> fromJson(QByteArrayView json);
    static Result<Interface> fromJsonArray(const QJsonArray &entries);
    static Result<Interface> fromFile(const QString &path);

    const QList<Function> &functions() const { return m_functions; }
    const QList<Event> &events() const { return m_events; }
    const QList<CustomError> &errors() const { return m_errors; }

    // Overloads share a name; these return the first match or nullptr.
    const Function *function(QStringView name) const;
    const Function *functionBySelector(QByteArrayView selector) const;
    const Event *event(QStringView name) const;
    const Event *eventByTopic(const Hash32 &topic) const;
    const CustomError *error(QStringView name) const;
    const CustomError *errorBySelector(QByteArrayView selector) const;

private:
    QList<Function> m_functions;
    QList<Event> m_events;
    QList<CustomError> m_errors;
};

} // namespace apedesk::eth::abi
