#pragma once

#include <QMainWindow>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QTextBrowser;

namespace interleave {

class ConsoleModel;
class ConsoleView;
class CoreLanes;
class CoreUtilisationChart;
class CounterChart;
class NotesPanel;
class LegendBar;
class LockStatsModel;
class ParameterForm;
class PythonView;
class QueueDepthChart;
class QueueStatsModel;
class ResultView;
class RunController;
class ScenarioBrowser;
class StackedBarDelegate;
class SweepPanel;
class TimelineModel;
class TimelineWidget;
class TraceStore;
class WorkerStatsModel;
class ZoomControl;
struct Theme;
struct PictureOptions;

/// The application window: pick a scenario, set its parameters, Run, and watch the timeline
/// fill in; read the verdict, the statistics, the console and the Python behind it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    bool selectScenario(const QString& id);
    QString currentScenario() const;
    /// Runs the selected scenario with the form's parameters (the Run action).
    void runScenario();
    /// Stops the run in progress, workers and child processes included (the Stop action).
    void stopScenario();
    /// Opens an .itrace or Chrome JSON file on a background thread (progress, Cancel). On
    /// failure says why and keeps the trace on show.
    bool openTrace(const QString& path);
    /// Saves the trace on show, with its notes and the current view; .itrace or .json by name.
    /// Atomic: on failure says why, and the file that was there is untouched.
    bool saveTraceAs(const QString& path);
    /// Writes a picture of the trace on show (PNG, SVG or PDF by name).
    bool exportPicture(const QString& path, const PictureOptions& options);
    void applyTheme(const QString& name);

    /// Notes pinned to the trace: `lane` -1 for all lanes; end == start for a moment.
    void addNote(std::uint64_t start, std::uint64_t end, int lane, const QString& text);
    void editNote(int index, const QString& text);
    void deleteNote(int index);

    /// The last error shown to the user (tests), and the file the trace on show came from.
    const QString& lastError() const { return m_lastError; }
    const QString& tracePath() const { return m_tracePath; }
    QStringList recentFiles() const;
    NotesPanel* notesPanel() const { return m_notes; }

    // The parts behind the views, for tests.
    RunController* runController() const { return m_run; }
    TimelineModel* timelineModel() const { return m_model; }
    ZoomControl* zoomControl() const { return m_zoom; }
    TimelineWidget* timeline() const { return m_timeline; }
    ParameterForm* parameterForm() const { return m_form; }
    ResultView* resultView() const { return m_result; }
    ConsoleModel* consoleModel() const { return m_console; }
    WorkerStatsModel* workerStats() const { return m_workerStats; }
    LockStatsModel* lockStats() const { return m_lockStats; }
    QueueStatsModel* queueStats() const { return m_queueStats; }
    SweepPanel* sweepPanel() const { return m_sweep; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildLayout();
    void restoreSettings();
    void saveSettings();
    void showScenario(const QString& id);
    void onStarted();
    void onProgress();
    void onFinished();
    void showTrace(const std::shared_ptr<TraceStore>& trace, bool live);
    void updateStatistics();
    void updateCharts();
    void updateStatusBar();
    void updateActions();
    void rememberParameters();
    void save();
    void saveAs();
    void showExportDialog();
    void rebuildRecentMenu();
    void rememberRecent(const QString& path);
    /// A one-line message in a box that does not block, and in the status bar.
    void reportError(const QString& title, const QString& message);
    void applySavedView();
    /// Imported traces: a legend of slice names and a page about what was imported.
    void showImportedAbout(const TraceStore& trace);
    void refreshNotes();
    void setNotesModified(bool modified);
    /// Asks for a note's text and pins it; `lane` -1 for all lanes.
    void promptNote(std::uint64_t start, std::uint64_t end, int lane);
    void promptEditNote(int index);
    void goToNote(int index);
    /// The note drawn near `time` (a few pixels) on `lane`, or -1.
    int noteAt(std::uint64_t time, int lane) const;
    void showTimelineMenu(QPoint globalPosition, std::uint64_t time, int lane);

    RunController* m_run;
    TimelineModel* m_model;
    ZoomControl* m_zoom;
    TimelineWidget* m_timeline;
    ScenarioBrowser* m_browser;
    ParameterForm* m_form;
    LegendBar* m_legend;
    QLabel* m_title;
    QueueDepthChart* m_queueChart;
    CoreLanes* m_coreLanes;
    CoreUtilisationChart* m_coreChart;
    CounterChart* m_counterChart;
    QWidget* m_charts;
    QTabWidget* m_tabs;
    QTextBrowser* m_about;
    PythonView* m_python;
    ConsoleModel* m_console;
    ConsoleView* m_consoleView;
    WorkerStatsModel* m_workerStats;
    LockStatsModel* m_lockStats;
    QueueStatsModel* m_queueStats;
    StackedBarDelegate* m_barDelegate;
    ResultView* m_result;
    SweepPanel* m_sweep;
    NotesPanel* m_notes;
    QSplitter* m_splitter;

    QAction* m_runAction;
    QAction* m_stopAction;
    QAction* m_lightAction;
    QAction* m_darkAction;
    QAction* m_lectureAction;
    QAction* m_saveAction;
    QAction* m_saveAsAction;
    QAction* m_exportAction;
    QAction* m_noteAction;
    QMenu* m_recentMenu;

    QLabel* m_state;
    QLabel* m_elapsed;
    QLabel* m_events;
    QLabel* m_rate;
    QLabel* m_dropped;

    const Theme* m_theme;
    qint64 m_lastStatisticsMs = 0;
    QString m_tracePath;
    QString m_lastError;
    bool m_notesModified = false;
};

} // namespace interleave
