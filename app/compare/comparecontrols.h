#pragma once

#include "scenario/otherside.h"

#include <QObject>
#include <QString>
#include <array>
#include <memory>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;

namespace interleave {

class ComparisonWindow;
class OtherSideRun;
class RecentFiles;
class RunController;
class ScenarioSelection;
class ThemeSwitcher;
class TraceDocument;
class TraceFiles;
class TraceStore;
class UserMessages;

/// Comparing runs, from the main window: File > Compare With (a trace file, a recent trace,
/// the other side of the lesson), a sweep's rows, and the toolbar's Compare button that runs
/// the other side of the selected scenario (lock off / on, GIL / free-threaded, threads /
/// processes, a pool of 1 / N) and shows both in the comparison window.
class CompareControls : public QObject {
    Q_OBJECT
public:
    struct Parts {
        TraceDocument* document = nullptr;
        TraceFiles* files = nullptr;
        RecentFiles* recent = nullptr;
        RunController* run = nullptr;
        ScenarioSelection* scenarios = nullptr;
        UserMessages* messages = nullptr;
        ThemeSwitcher* themes = nullptr;
    };

    CompareControls(const Parts& parts, QMainWindow* window);
    ~CompareControls() override;

    /// File > Compare With: filled each time it opens.
    QMenu* menu() const { return m_menu; }
    /// Runs the selected scenario's other side and compares (its menu lists every other side).
    QAction* otherSideAction() const { return m_otherSide; }
    /// The comparison window (made on first use).
    ComparisonWindow* window();
    OtherSideRun* otherSideRun() const { return m_run; }

    /// The trace on show against a trace file.
    void compareWithFile(const QString& path);
    /// Two trace files; an empty `first` means the trace on show.
    void compareFiles(const QString& first, const QString& second);
    /// Runs the `index`th other side of the selected scenario, then compares.
    void compareWithOtherSide(std::size_t index = 0);
    /// The selected scenario's other sides with the form's values (empty: none, or bad values).
    std::vector<LessonSides> otherSides() const;
    void compare(std::array<std::shared_ptr<TraceStore>, 2> traces,
                 std::array<QString, 2> labels = {});

private:
    void fillMenu();
    void updateOtherSide();
    /// The finished trace on show, or null (and a message saying why).
    std::shared_ptr<TraceStore> traceOnShow();

    Parts m_parts;
    QMainWindow* m_mainWindow;
    QMenu* m_menu;
    QMenu* m_sidesMenu;
    QAction* m_otherSide;
    OtherSideRun* m_run;
    ComparisonWindow* m_window = nullptr;
};

} // namespace interleave
