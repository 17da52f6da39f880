// apedesk: the desktop workstation. Parses arguments, builds Core and the main window, runs.

#include "common/logging.h"
#include "common/settings.h"
#include "common/unixsignals.h"
#include "core.h"
#include "shell/mainwindow.h"
#include "shell/translations.h"
#include "trainingservice.h"
#include "version.h"
#include "openmpwait.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

namespace {

struct GuiOptions
{
    bool verbose = false;
    QString language;
    bool resetLayout = false;
};

// Parsed with a plain QCoreApplication so --help and --version work without a display.
GuiOptions parseArguments(int argc, char *argv[])
{
    QCoreApplication parsing(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ApeDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(APEDESK_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("apedesk::gui", "ApeDesk, a desktop trading workstation for an AI agent on Uniswap V4."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QCoreApplication::translate("apedesk::gui", "Log debug messages."));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QCoreApplication::translate("apedesk::gui", "Use this language (e.g. de) instead of the setting."),
                                      QStringLiteral("code"));
    const QCommandLineOption resetLayout(QStringLiteral("reset-layout"),
                                         QCoreApplication::translate("apedesk::gui", "Start with the default pane layout."));
    parser.addOptions({verbose, language, resetLayout});
    // Qt's own options (-platform, -style, ...) are handled by QApplication later.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.parse(parsing.arguments());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    return {parser.isSet(verbose), parser.value(language), parser.isSet(resetLayout)};
}

// --help and --version print and quit: not worth a restart (openmpwait.h).
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // The GAN lab and the trader train in this process.
    if (!onlyPrints(argc, argv))
        apedesk::app::restartWithPassiveOpenMpWait(argv);
    const GuiOptions options = parseArguments(argc, argv);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ApeDesk"));
    QApplication::setApplicationName(QStringLiteral("ApeDesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("ApeDesk"));
    QApplication::setApplicationVersion(QStringLiteral(APEDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.apedesk.ApeDesk"));
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/apedesk-%1.png").arg(size), QSize(size, size));
    icon.addFile(QStringLiteral(":/icons/apedesk.svg"));
    QApplication::setWindowIcon(icon);

    apedesk::LoggingOptions logging;
    logging.verbose = options.verbose;
    apedesk::Logging::install(logging);
    qCInfo(lcApp) << "ApeDesk" << APEDESK_VERSION << "starting";

    apedesk::Settings settings;
    if (options.resetLayout) {
        settings.reset(apedesk::Settings::Key::MainWindowGeometry);
        settings.reset(apedesk::Settings::Key::MainWindowState);
    }
    apedesk::ui::installTranslators(&app, options.language.isEmpty() ? settings.string(apedesk::Settings::Key::Language)
                                                                     : options.language);

    apedesk::Core core(&settings);
    apedesk::addCoreServices(core);
    apedesk::ml::addTrainingService(core, settings.value(apedesk::Settings::Key::TrainingThreads).toInt());

    apedesk::ui::MainWindow window(&core, &settings);
    apedesk::UnixSignalWatcher signalWatcher;
    // Closing the window saves the layout and ends the event loop like a click on Quit.
    QObject::connect(&signalWatcher, &apedesk::UnixSignalWatcher::terminationRequested, &window, &QWidget::close);
    window.show();
    qCInfo(lcApp) << "main window shown";

    const int code = app.exec();
    const bool clean = core.shutdown(2000);
    qCInfo(lcApp) << "ApeDesk exiting" << (clean ? "cleanly" : "with services still running");
    apedesk::Logging::uninstall();
    return code;
}
