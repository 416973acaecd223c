#include "cli/cli.h"
#include "mainwindow.h"
#include "panels/parameterform.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <cstdio>

int main(int argc, char** argv)
{
    // Commands run headless and never touch Qt: `interleave run` works without a display.
    if (interleave::cli::isCommand(argc, argv))
        return interleave::cli::run(argc, argv);

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
    const QCommandLineOption theme("theme", "light, lecture or dark.", "theme");
    parser.addOptions({scenario, set, run, theme});
    parser.process(app);

    interleave::MainWindow window;
    if (parser.isSet(theme))
        window.applyTheme(parser.value(theme));
    if (parser.isSet(scenario) && !window.selectScenario(parser.value(scenario))) {
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
    if (!parser.positionalArguments().isEmpty())
        QTimer::singleShot(0, &window,
                           [&] { window.openTrace(parser.positionalArguments().front()); });
    else if (parser.isSet(run))
        QTimer::singleShot(0, &window, [&] { window.runScenario(); });
    return QApplication::exec();
}
