#pragma once
// apedesk-cli plumbing: global options, a table of subcommands, JSON or text output, and exit codes
// (0 ok, 1 failure, 2 usage error, each failure with one line on stderr).

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace apedesk::cli {

// Gives the CLI's messages one translation context: Cli::tr("...").
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::cli::Cli)
};

enum ExitCode { Ok = 0, Failure = 1, UsageError = 2 };

class Output
{
public:
    explicit Output(bool json) : m_json(json) {}
    bool json() const { return m_json; }
    // One JSON object per line in --json mode, "key: value" lines otherwise.
    void record(const QJsonObject &object) const;
    void text(const QString &line) const;
    // One line on stderr; returns the code so commands can `return out.fail(...)`.
    int fail(int code, const QString &message) const;

private:
    bool m_json;
};

struct Command
{
    QString name;
    QString summary;   // one line for --help
    QString usage;     // arguments after the name, for `help NAME`
    // args: everything after the command name. Returns an ExitCode.
    std::function<int(const QStringList &args, const Output &out)> run;
};

// Registered commands in the order --help lists them.
const std::vector<Command> &commands();

int runCli(const QStringList &arguments);

} // namespace apedesk::cli
