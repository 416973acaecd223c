#include "cli/cli.h"
#include "displaycheck.h"
#include "document/tracefiles.h"
#include "panels/parameterform.h"
#include "window/mainwindow.h"
#include "window/scenarioselection.h"
#include "window/singleinstance.h"
#include "window/themeswitcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/stat.h>

namespace {

/// A word the user meant as a file: it has a slash or an extension.
bool looksLikePath(const std::string& word)
{
    return word.find('/') != std::string::npos || word.find('.') != std::string::npos;
}

/// The first word is neither a command nor an option: it must be a file to open. Returns the
/// exit status of a one-line refusal, or 0 to go on.
int checkFileArgument(const char* word)
{
    struct stat info {};
    if (stat(word, &info) == 0)
        return 0;
    const int error = errno;
    if (!looksLikePath(word))
        return interleave::cli::unknownCommand(word);
    std::fprintf(stderr, "interleave: cannot open '%s': %s\n", word, std::strerror(error));
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    // Commands run headless and never touch Qt: `interleave run` works without a display.
    if (interleave::cli::isCommand(argc, argv))
        return interleave::cli::run(argc, argv);
    if (argc > 1 && argv[1][0] != '-') {
        if (const int status = checkFileArgument(argv[1]); status != 0)
            return status;
    }
    if (!interleave::displayAvailable()) {
        std::fprintf(stderr, "interleave: the window needs a display (none found: DISPLAY or "
                             "WAYLAND_DISPLAY); the commands (run, info, export, ...) work "
                             "without one, see 'interleave --help'\n");
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName("Interleave");
    QApplication::setOrganizationName("Interleave");
    QApplication::setApplicationVersion(INTERLEAVE_VERSION);
    // One look on every desktop; the themes colour it.
    QApplication::setStyle("Fusion");
    QApplication::setWindowIcon(QIcon(":/interleave.svg"));
    QApplication::setDesktopFileName("interleave");

    QCommandLineParser parser;
    parser.setApplicationDescription("Concurrency made visible. Commands: interleave help");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("trace", "A trace file to open (.itrace or Chrome JSON).",
                                 "[trace]");
    const QCommandLineOption scenario("scenario", "Select this scenario.", "id");
    const QCommandLineOption set("set", "Set a scenario parameter (repeatable).", "name=value");
    const QCommandLineOption run("run", "Run the selected scenario right away.");
    const QCommandLineOption theme("theme", "light, lecture or dark (for this session).", "theme");
    parser.addOptions({scenario, set, run, theme});
    parser.process(app);
    for (const QString& path : parser.positionalArguments()) {
        if (const int status = checkFileArgument(qPrintable(path)); status != 0)
            return status;
    }
    // `interleave [FILE]` while a window is open: the file opens there. Asking for a scenario,
    // a run or a theme starts a window of its own.
    interleave::SingleInstance instance;
    const bool plain =
        !parser.isSet(scenario) && !parser.isSet(set) && !parser.isSet(run) && !parser.isSet(theme);
    if (plain && instance.forward(parser.positionalArguments()))
        return 0;
    if (plain)
        instance.listen();

    interleave::MainWindow window;
    if (parser.isSet(theme))
        window.themes()->apply(parser.value(theme), interleave::ThemeSwitcher::Remember::No);
    if (parser.isSet(scenario) && !window.scenarios()->select(parser.value(scenario))) {
        std::fprintf(stderr, "interleave: unknown scenario '%s' (see 'interleave list')\n",
                     qPrintable(parser.value(scenario)));
        return 2;
    }
    for (const QString& assignment : parser.values(set)) {
        const int eq = int(assignment.indexOf('='));
        if (eq <= 0 || !window.parameterForm()->setValue(assignment.left(eq).toStdString(),
                                                         assignment.mid(eq + 1).toStdString())) {
            std::fprintf(stderr, "interleave: bad parameter '%s'\n", qPrintable(assignment));
            return 2;
        }
    }
    window.show();
    QObject::connect(&instance, &interleave::SingleInstance::activated, &window,
                     [&window](const QStringList& files) {
                         if (window.isMinimized())
                             window.showNormal();
                         window.raise();
                         window.activateWindow();
                         if (!files.isEmpty())
                             window.files()->open(files.front());
                     });
    if (!parser.positionalArguments().isEmpty())
        QTimer::singleShot(0, &window,
                           [&] { window.files()->open(parser.positionalArguments().front()); });
    else if (parser.isSet(run))
        QTimer::singleShot(0, &window, [&] { window.scenarios()->run(); });
    return QApplication::exec();
}
