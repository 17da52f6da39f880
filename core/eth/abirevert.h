#pragma once
// Revert data in words: Error(string) (0x08c379a0), Panic(uint256) (0x4e487b71, with what the code
// means), and custom errors looked up by selector in a registry filled from loaded ABI JSON, so a
// failed Uniswap swap reads "V4TooLittleReceived(minAmountOutReceived: 1, amountReceived: 0)" rather
// than hex. Errors that wrap another revert in a bytes argument (ExecutionFailed) show it decoded.

#include "abijson.h"
#include "abivalue.h"
#include "u256.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace apedesk::eth::abi {

class ErrorRegistry
{
public:
    // The first error registered for a selector wins; Error(string) and Panic(uint256) are built in.
    void add(const CustomError &error);
    void add(const Interface &abi);
    const CustomError *find(QByteArrayView selector) const;
    qsizetype size() const { return m_errors.size(); }

private:
    QHash<QByteArray, CustomError> m_errors;
};

struct DecodedRevert
{
    enum class Kind {
        Empty,       // no data: revert() or require(false) without a message
        Reason,      // Error(string)
        Panic,       // Panic(uint256)
        Custom,      // a custom error found in the registry
        Unknown,     // a selector no loaded ABI has, or data too short for one
        Malformed,   // a known selector whose arguments do not decode
    };
    Kind kind = Kind::Empty;
    QString name;             // "Error", "Panic" or the custom error's name
    QList<NamedValue> args;
    QString reason;           // Reason: the text
    u256 panicCode;           // Panic: the code
    QByteArray data;          // the raw revert data
    QString message;          // one readable line for the person
};

DecodedRevert decodeRevert(QByteArrayView data, const ErrorRegistry *registry = nullptr);

// What a Solidity panic code means, in words ("arithmetic underflow or overflow").
QString panicMeaning(const u256 &code);

} // namespace apedesk::eth::abi
