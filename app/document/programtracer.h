#pragma once

#include <QObject>
#include <QString>
#include <deque>
#include <memory>

class QWidget;

namespace interleave {

class AboutPage;
class PythonProgram;
class PythonView;
class RecentFiles;
class RunController;
class UserMessages;

/// File > Trace Python Program…, a .py dropped on the window and a script in Open Recent: runs
/// the user's own script with the real interpreter (its folder as working directory), shows
/// the script in the Python tab and what to look for on the About page.
class ProgramTracer : public QObject {
    Q_OBJECT
public:
    struct Parts {
        RunController* run = nullptr;
        RecentFiles* recent = nullptr;
        UserMessages* messages = nullptr;
        PythonView* python = nullptr;
        AboutPage* about = nullptr;
    };

    ProgramTracer(const Parts& parts, QWidget* dialogParent, QObject* parent = nullptr);
    ~ProgramTracer() override;

    /// Asks for a script and its arguments, then traces it.
    void prompt();
    /// Traces `script` with `arguments` (split as a shell would). False, with a one-line
    /// message, when it cannot even start (not a script, no python3, a run still recording).
    bool trace(const QString& script, const QString& arguments = {});
    /// Traces the script on show again (Run, F5); false when there is none.
    bool retrace();
    /// Whether a traced script is on show, so that Run traces it again.
    bool active() const { return !m_script.isEmpty(); }
    /// A saved trace of a script came up: Run traces that script again.
    void setCurrent(const QString& script, const QString& arguments);
    /// A scenario was chosen: Run runs it, not the script.
    void deactivate();
    /// Whether the path names something this traces rather than opens (*.py, *.pyw).
    static bool isScript(const QString& path);

signals:
    /// A trace of `script` started.
    void tracing(const QString& script);

private:
    Parts m_parts;
    QWidget* m_dialogParent;
    QString m_script;
    QString m_arguments;
    /// The programs traced lately: a run refers to its program until it is over.
    std::deque<std::unique_ptr<PythonProgram>> m_programs;
};

} // namespace interleave
