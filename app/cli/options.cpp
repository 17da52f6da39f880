#include "options.h"

#include <cmath>

namespace apedesk::cli {

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

Result<qint64> intOption(const ParsedArgs &args, const QString &name, qint64 fallback, qint64 minimum, qint64 maximum)
{
    if (!args.has(name))
        return fallback;
    bool ok = false;
    const qint64 value = args.value(name).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return usage(Cli::tr("%1 must be a whole number from %2 to %3").arg(name).arg(minimum).arg(maximum));
    return value;
}

Result<double> numberOption(const ParsedArgs &args, const QString &name, double fallback, double minimum, double maximum)
{
    if (!args.has(name))
        return fallback;
    bool ok = false;
    const double value = args.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < minimum || value > maximum)
        return usage(Cli::tr("%1 must be a number from %2 to %3").arg(name).arg(minimum).arg(maximum));
    return value;
}

Status noPositional(const ParsedArgs &args, const QString &command)
{
    if (!args.positional().isEmpty())
        return usage(Cli::tr("%1: unexpected argument %2").arg(command, args.positional().first()));
    return {};
}

} // namespace apedesk::cli
