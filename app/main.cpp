#include "cli/cli.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    // Commands run headless and never touch Qt: `interleave run` works without a display.
    if (interleave::cli::isCommand(argc, argv))
        return interleave::cli::run(argc, argv);

    QApplication app(argc, argv);
    QApplication::setApplicationName("Interleave");
    QApplication::setOrganizationName("Interleave");
    QApplication::setApplicationVersion(INTERLEAVE_VERSION);
    interleave::MainWindow window;
    window.show();
    return QApplication::exec();
}
