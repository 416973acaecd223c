#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QScrollArea;
class QSplitter;
class QTabWidget;

namespace interleave {

class AboutPage;
class ChartStack;
class CompareControls;
class ConsoleModel;
class ConsoleView;
class DetailsPanel;
class FindBar;
class Inspector;
class OverviewStrip;
class LaneSpace;
class LectureControls;
class Presenter;
class LegendBar;
class LockStatsModel;
class NotesController;
class NotesPanel;
class ParameterForm;
class PictureExporter;
class PythonView;
class ProgramTracer;
class QueueStatsModel;
class RecentFiles;
class ResultView;
class RunController;
class RunStatus;
class ScenarioBrowser;
class ScenarioSelection;
class StackedBarDelegate;
class SweepPanel;
class ThemeSwitcher;
class TimelineMenu;
class TimelineModel;
class TimelineWidget;
class TraceDocument;
class TraceFiles;
class TraceViews;
class UserMessages;
class ViewHistory;
class WorkerStatsModel;
class ZoomControl;

/// The application window. It only composes: it makes the parts (the trace on show, its files,
/// notes, pictures, the scenario and its run, the views) and their menus, toolbar and docks,
/// and connects them. What each part does lives in that part.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The parts: what main() drives and what tests reach.
    TraceDocument* document() const { return m_document; }
    TraceFiles* files() const { return m_files; }
    RecentFiles* recentFiles() const { return m_recent; }
    ProgramTracer* programs() const { return m_programs; }
    NotesController* notes() const { return m_notes; }
    PictureExporter* pictures() const { return m_pictures; }
    ScenarioSelection* scenarios() const { return m_scenarios; }
    RunController* runController() const { return m_run; }
    ThemeSwitcher* themes() const { return m_themes; }
    ViewHistory* viewHistory() const { return m_history; }
    UserMessages* messages() const { return m_messages; }
    LectureControls* lecture() const { return m_lecture; }
    Presenter* presenter() const { return m_presenter; }
    CompareControls* comparisons() const { return m_compare; }

    // The views.
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
    NotesPanel* notesPanel() const { return m_notesPanel; }
    DetailsPanel* detailsPanel() const { return m_details; }
    FindBar* findBar() const { return m_find; }
    OverviewStrip* overview() const { return m_overview; }
    Inspector* inspector() const { return m_inspector; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildToolBar();
    void buildScenarioDock();
    void buildCentre();
    /// The first time (or when the screen is smaller than last time): a size that fits.
    void fitOnScreen();
    void connectParts();
    void applyTheme();
    void updateActions();
    void updateTabs();
    void updateHeadline();
    /// The Python tab for a traced program's trace: its script, if it is still there.
    void showTracedScript(const QString& path);

    // Views.
    TimelineModel* m_model;
    ZoomControl* m_zoom;
    TimelineWidget* m_timeline;
    ScenarioBrowser* m_browser;
    ParameterForm* m_form;
    LegendBar* m_legend;
    QLabel* m_headline;
    ChartStack* m_charts;
    QScrollArea* m_chartsArea;
    QTabWidget* m_tabs;
    AboutPage* m_about;
    PythonView* m_python;
    ConsoleModel* m_console;
    ConsoleView* m_consoleView;
    WorkerStatsModel* m_workerStats;
    LockStatsModel* m_lockStats;
    QueueStatsModel* m_queueStats;
    StackedBarDelegate* m_barDelegate;
    QWidget* m_workersTable = nullptr;
    QWidget* m_locksTable = nullptr;
    QWidget* m_queuesTable = nullptr;
    ResultView* m_result;
    SweepPanel* m_sweep;
    NotesPanel* m_notesPanel;
    DetailsPanel* m_details;
    FindBar* m_find;
    OverviewStrip* m_overview;
    QSplitter* m_splitter;

    // Parts.
    UserMessages* m_messages;
    ThemeSwitcher* m_themes;
    RunController* m_run;
    TraceDocument* m_document;
    RecentFiles* m_recent;
    TraceFiles* m_files;
    ProgramTracer* m_programs;
    NotesController* m_notes;
    PictureExporter* m_pictures;
    ScenarioSelection* m_scenarios;
    TraceViews* m_views;
    RunStatus* m_status;
    ViewHistory* m_history;
    Inspector* m_inspector = nullptr;
    TimelineMenu* m_timelineMenu = nullptr;
    LaneSpace* m_laneSpace = nullptr;
    LectureControls* m_lecture = nullptr;
    Presenter* m_presenter = nullptr;
    CompareControls* m_compare = nullptr;
    QMenu* m_presentMenu = nullptr;

    // Actions whose state follows the run and the document.
    QAction* m_runAction = nullptr;
    QAction* m_traceAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_noteAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_zoomToSelectionAction = nullptr;
    QAction* m_openAction = nullptr;
    std::vector<QAction*> m_themeActions;
};

} // namespace interleave
