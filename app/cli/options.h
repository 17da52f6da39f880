#pragma once
// What every command's option handling shares: range-checked numbers, the usage error (exit 2), and
// a failure as one line on stderr with its exit code.

#include "commandline.h"
#include "walletoptions.h"

#include "common/error.h"

namespace apedesk::cli {

// An error of kind Usage (exit code 2).
Error usage(const QString &message);
// Prints the error as one line and returns its exit code.
int fail(const Output &out, const Error &error);
// A whole number in [minimum, maximum] from an option, or `fallback` when it is absent.
Result<qint64> intOption(const ParsedArgs &args, const QString &name, qint64 fallback, qint64 minimum, qint64 maximum);
// A finite number in [minimum, maximum] from an option, or `fallback` when it is absent.
Result<double> numberOption(const ParsedArgs &args, const QString &name, double fallback, double minimum, double maximum);
// A usage error when the command got a positional argument.
Status noPositional(const ParsedArgs &args, const QString &command);

} // namespace apedesk::cli
