// apedesk-cli: ApeDesk's headless tools. Everything lives in the libraries; this only starts them.

#include "cli/commandline.h"
#include "openmpwait.h"

#include <QCoreApplication>

#include <cstring>

namespace {

// `gan train|resume` and `rl train|resume`: the commands that run libtorch training (see openmpwait.h).
bool trains(int argc, char *argv[])
{
    const char *words[2] = {nullptr, nullptr};
    int found = 0;
    for (int i = 1; i < argc && found < 2; ++i)
        if (argv[i][0] != '-')   // the global options (--json, --verbose) take no value
            words[found++] = argv[i];
    if (found < 2)
        return false;
    const bool trainer = std::strcmp(words[0], "gan") == 0 || std::strcmp(words[0], "rl") == 0;
    return trainer && (std::strcmp(words[1], "train") == 0 || std::strcmp(words[1], "resume") == 0);
}

} // namespace

int main(int argc, char *argv[])
{
    if (trains(argc, argv))
        apedesk::app::restartWithPassiveOpenMpWait(argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ApeDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("ApeDesk"));
    return apedesk::cli::runCli(QCoreApplication::arguments());
}
