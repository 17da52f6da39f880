#pragma once
// Failures are values: a sentence for the person plus detail for the log. No exception crosses a
// thread or a signal.

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace apedesk {

struct Error
{
    enum class Kind { Generic, Usage, Format, Io, Canceled, Timeout, Network, Protocol, Chain, Crypto, Model };

    Kind kind = Kind::Generic;
    QString message;   // one sentence a person can act on
    QString detail;    // technical detail for the log; never shown alone

    static Error make(Kind kind, QString message, QString detail = {})
    {
        return Error{kind, std::move(message), std::move(detail)};
    }
    static Error canceled() { return make(Kind::Canceled, QCoreApplication::translate("apedesk::Error", "Canceled.")); }

    // "message (detail)" for logs and CLI output.
    QString toString() const
    {
        return detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + QLatin1Char(')');
    }
};

// Result<T>: either a value or an Error. Result<void> carries only success or an Error.
template <typename T>
class Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <>
class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::Error)
