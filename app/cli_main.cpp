// apedesk-cli: ApeDesk's headless tools. Everything lives in the libraries; this only starts them.

#include "cli/commandline.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ApeDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("ApeDesk"));
    return apedesk::cli::runCli(QCoreApplication::arguments());
}
