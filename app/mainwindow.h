#pragma once

#include <QMainWindow>
#include <memory>

class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class QTextBrowser;

namespace interleave {

class ConsoleModel;
class ConsoleView;
class CoreLanes;
class CoreUtilisationChart;
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
    /// Shows a saved trace.
    bool openTrace(const QString& path);
    void applyTheme(const QString& name);

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
    QSplitter* m_splitter;

    QAction* m_runAction;
    QAction* m_stopAction;
    QAction* m_lightAction;
    QAction* m_darkAction;

    QLabel* m_state;
    QLabel* m_elapsed;
    QLabel* m_events;
    QLabel* m_rate;
    QLabel* m_dropped;

    const Theme* m_theme;
    qint64 m_lastStatisticsMs = 0;
};

} // namespace interleave
