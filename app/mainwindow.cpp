#include "mainwindow.h"

#include "base/errors.h"
#include "charts/corelanes.h"
#include "charts/timechart.h"
#include "export/pictureexport.h"
#include "exportdialog.h"
#include "format/chromejson.h"
#include "format/itracewriter.h"
#include "format/traceloader.h"
#include "panels/consoleview.h"
#include "panels/legendbar.h"
#include "panels/notespanel.h"
#include "panels/parameterform.h"
#include "panels/pythonview.h"
#include "panels/resultview.h"
#include "panels/scenariobrowser.h"
#include "panels/statsmodels.h"
#include "panels/statsviews.h"
#include "panels/sweeppanel.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "theme.h"
#include "timeline/timecoordinates.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/slicestats.h"
#include "trace/summary.h"
#include "trace/tracestore.h"
#include "tracefilejob.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <shared_mutex>

namespace interleave {

namespace {

/// Status labels are updated every poll; an unchanged rich-text label would still re-lay out
/// its document and repaint, which adds up to a visible share of a core during a run.
void setTextIfChanged(QLabel* label, const QString& text)
{
    if (label->text() != text)
        label->setText(text);
}

QString joinAssignments(const std::vector<std::pair<std::string, std::string>>& assignments)
{
    QStringList parts;
    for (const auto& [name, value] : assignments)
        parts << qs(name) + "=" + qs(value);
    return parts.join(';');
}

std::vector<std::pair<std::string, std::string>> splitAssignments(const QString& text)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const QString& part : text.split(';', Qt::SkipEmptyParts)) {
        const int eq = int(part.indexOf('='));
        if (eq > 0)
            out.emplace_back(part.left(eq).toStdString(), part.mid(eq + 1).toStdString());
    }
    return out;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_run(new RunController(this))
    , m_model(new TimelineModel(this))
    , m_zoom(new ZoomControl(this))
    , m_timeline(new TimelineWidget(m_model, m_zoom))
    , m_browser(new ScenarioBrowser)
    , m_form(new ParameterForm)
    , m_legend(new LegendBar)
    , m_title(new QLabel)
    , m_queueChart(new QueueDepthChart(m_model, m_zoom))
    , m_coreLanes(new CoreLanes(m_model, m_zoom))
    , m_coreChart(new CoreUtilisationChart(m_model, m_zoom))
    , m_counterChart(new CounterChart(m_model, m_zoom))
    , m_charts(new QWidget)
    , m_tabs(new QTabWidget)
    , m_about(new QTextBrowser)
    , m_python(new PythonView)
    , m_console(new ConsoleModel(this))
    , m_consoleView(new ConsoleView(m_console))
    , m_workerStats(new WorkerStatsModel(this))
    , m_lockStats(new LockStatsModel(this))
    , m_queueStats(new QueueStatsModel(this))
    , m_barDelegate(new StackedBarDelegate(this))
    , m_result(new ResultView)
    , m_sweep(new SweepPanel)
    , m_notes(new NotesPanel)
    , m_splitter(new QSplitter(Qt::Vertical))
    , m_theme(&Theme::light())
{
    setWindowTitle("Interleave");
    setObjectName("mainWindow");
    setAcceptDrops(true);
    buildActions();
    buildLayout();

    connect(m_browser, &ScenarioBrowser::scenarioSelected, this, &MainWindow::showScenario);
    connect(m_browser, &ScenarioBrowser::scenarioActivated, this, [this](const QString& id) {
        showScenario(id);
        runScenario();
    });
    connect(m_form, &ParameterForm::changed, this, &MainWindow::rememberParameters);
    connect(m_run, &RunController::started, this, &MainWindow::onStarted);
    connect(m_run, &RunController::progressed, this, &MainWindow::onProgress);
    connect(m_run, &RunController::finished, this, &MainWindow::onFinished);
    connect(m_timeline, &TimelineWidget::plotGeometryChanged, this, [this](int left, int width) {
        m_queueChart->alignPlot(left, width);
        m_coreChart->alignPlot(left, width);
        m_counterChart->alignPlot(left, width);
        m_coreLanes->alignPlot(left, width);
    });
    connect(m_sweep, &SweepPanel::traceRequested, this,
            [this](const QString& path) { openTrace(path); });
    connect(m_timeline, &TimelineWidget::contextMenuRequested, this, &MainWindow::showTimelineMenu);
    connect(m_notes, &NotesPanel::addRequested, this, [this] { m_noteAction->trigger(); });
    connect(m_notes, &NotesPanel::editRequested, this, &MainWindow::promptEditNote);
    connect(m_notes, &NotesPanel::deleteRequested, this, &MainWindow::deleteNote);
    connect(m_notes, &NotesPanel::goToRequested, this, &MainWindow::goToNote);

    restoreSettings();
    updateActions();
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu("&File");
    QAction* open = file->addAction("&Open Trace…", this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, "Open trace", QString(), "Traces (*.itrace *.json);;All files (*)");
        if (!path.isEmpty())
            openTrace(path);
    });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu("Open &Recent");
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    m_saveAction = file->addAction("&Save", this, &MainWindow::save);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAsAction = file->addAction("Save &As…", this, &MainWindow::saveAs);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    m_exportAction = file->addAction("&Export Picture…", this, &MainWindow::showExportDialog);
    m_exportAction->setShortcut(QKeySequence("Ctrl+Shift+E"));
    m_exportAction->setToolTip("Export the timeline as PNG, SVG or PDF (Ctrl+Shift+E)");
    file->addSeparator();
    QAction* quit = file->addAction("&Quit", this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu("&Run");
    m_runAction = run->addAction(style()->standardIcon(QStyle::SP_MediaPlay), "&Run", this,
                                 &MainWindow::runScenario);
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence("Ctrl+R")});
    m_runAction->setToolTip("Run the scenario (F5)");
    m_stopAction = run->addAction(style()->standardIcon(QStyle::SP_MediaStop), "&Stop", this,
                                  &MainWindow::stopScenario);
    m_stopAction->setShortcuts({QKeySequence("Shift+F5"), QKeySequence("Ctrl+.")});
    m_stopAction->setToolTip("Stop every worker and child process (Shift+F5)");
    run->addSeparator();
    run->addAction("S&weep…", this, [this] {
        m_tabs->setCurrentWidget(m_sweep);
        m_sweep->setScenario(findScenario(currentScenario().toStdString()), m_form->assignments());
    });

    QMenu* edit = menuBar()->addMenu("&Edit");
    m_noteAction = edit->addAction("Add &Note…", this, [this] {
        if (!m_model->hasTrace())
            return;
        if (m_zoom->hasSelection())
            promptNote(m_zoom->selectionStart(), m_zoom->selectionEnd(), -1);
        else
            promptNote(m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2,
                       m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2, -1);
    });
    m_noteAction->setShortcut(QKeySequence("Ctrl+M"));
    m_noteAction->setToolTip("Pin a note to the selection, or to the middle of the view");

    QMenu* view = menuBar()->addMenu("&View");
    QAction* fit = view->addAction("&Fit All", m_zoom, &ZoomControl::fitAll);
    fit->setShortcut(QKeySequence("Ctrl+0"));
    QAction* zoomIn = view->addAction("Zoom &In", this, [this] {
        m_zoom->zoom(1.5, m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2);
    });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut = view->addAction("Zoom &Out", this, [this] {
        m_zoom->zoom(1 / 1.5, m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2);
    });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* toSelection =
        view->addAction("Zoom to &Selection", m_zoom, &ZoomControl::zoomToSelection);
    toSelection->setShortcut(QKeySequence("Ctrl+E"));
    view->addSeparator();
    auto* themes = new QActionGroup(this);
    m_lightAction = view->addAction("&Light theme", this, [this] { applyTheme("light"); });
    m_lectureAction = view->addAction("L&ecture theme (large, high contrast)", this,
                                      [this] { applyTheme("lecture"); });
    m_darkAction = view->addAction("&Dark theme", this, [this] { applyTheme("dark"); });
    for (QAction* action : {m_lightAction, m_lectureAction, m_darkAction}) {
        action->setCheckable(true);
        themes->addAction(action);
    }
    view->addSeparator();
    view->addAction("Timeline &help", this, [this] {
        QMessageBox::information(
            this, "Timeline",
            "Zoom: Ctrl+wheel, W / S, pinch.\nPan: drag, A / D, Shift+wheel, the scroll bar.\n"
            "Select a range: Shift+drag, or drag on the time ruler. Z zooms to it, F fits all.\n"
            "Hover for exact times and values. Click a wait to see who held the lock, the GIL,\n"
            "or put the item; double-click a span to zoom to it. Esc clears.");
    });

    QMenu* help = menuBar()->addMenu("&Help");
    help->addAction("&About Interleave", this, [this] {
        QMessageBox::about(this, "About Interleave",
                           QString("<b>Interleave %1</b><p>Concurrency made visible: Python's "
                                   "threading and multiprocessing lessons on real threads and "
                                   "processes.</p>")
                               .arg(INTERLEAVE_VERSION));
    });

    QToolBar* bar = addToolBar("Main");
    bar->setObjectName("mainToolBar");
    bar->setMovable(false);
    bar->addAction(m_runAction);
    bar->addAction(m_stopAction);
    bar->addSeparator();
    bar->addAction(fit);
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addAction(toSelection);
    bar->addSeparator();
    bar->addAction(open);
    bar->addAction(m_saveAction);
    bar->addAction(m_exportAction);
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_saveAction->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_exportAction->setIcon(QIcon(":/export.svg"));
    m_exportAction->setIconText("Export");
}

void MainWindow::buildLayout()
{
    // Left: the scenarios, their parameters, and Run / Stop.
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(m_browser, 3);
    auto* parametersTitle = new QLabel("<b>Parameters</b>");
    sideLayout->addWidget(parametersTitle);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sideLayout->addWidget(scroll, 2);
    auto* buttons = new QHBoxLayout;
    auto* runButton = new QPushButton(m_runAction->icon(), "Run");
    runButton->setObjectName("runButton");
    runButton->setToolTip(m_runAction->toolTip());
    connect(runButton, &QPushButton::clicked, m_runAction, &QAction::trigger);
    connect(m_runAction, &QAction::changed, runButton,
            [runButton, this] { runButton->setEnabled(m_runAction->isEnabled()); });
    auto* stopButton = new QPushButton(m_stopAction->icon(), "Stop");
    stopButton->setObjectName("stopButton");
    stopButton->setToolTip(m_stopAction->toolTip());
    connect(stopButton, &QPushButton::clicked, m_stopAction, &QAction::trigger);
    connect(m_stopAction, &QAction::changed, stopButton,
            [stopButton, this] { stopButton->setEnabled(m_stopAction->isEnabled()); });
    auto* defaults = new QPushButton("Defaults");
    defaults->setToolTip("Reset the parameters to the scenario's defaults");
    connect(defaults, &QPushButton::clicked, m_form, &ParameterForm::resetToDefaults);
    buttons->addWidget(runButton, 2);
    buttons->addWidget(stopButton, 2);
    buttons->addWidget(defaults, 1);
    sideLayout->addLayout(buttons);
    auto* dock = new QDockWidget("Scenarios");
    dock->setObjectName("scenarioDock");
    dock->setWidget(side);
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    side->setMinimumWidth(300);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    // Centre: title and legend, the timeline, the charts, the tabs.
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    m_title->setContentsMargins(8, 4, 8, 4);
    m_title->setTextFormat(Qt::RichText);
    topLayout->addWidget(m_title);
    topLayout->addWidget(m_legend);
    topLayout->addWidget(m_timeline, 1);

    auto* chartsLayout = new QVBoxLayout(m_charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(0);
    chartsLayout->addWidget(m_queueChart);
    chartsLayout->addWidget(m_coreLanes);
    chartsLayout->addWidget(m_coreChart);
    chartsLayout->addWidget(m_counterChart);

    m_about->setOpenExternalLinks(false);
    m_tabs->setObjectName("tabs");
    m_tabs->addTab(m_about, "What to look for");
    m_tabs->addTab(m_python, "Python");
    m_tabs->addTab(m_consoleView, "Console");
    auto* workers = new StatsTable(m_workerStats);
    workers->setItemDelegateForColumn(WorkerStatsModel::Profile, m_barDelegate);
    m_tabs->addTab(workers, "Workers");
    m_tabs->addTab(new StatsTable(m_lockStats), "Locks");
    m_tabs->addTab(new StatsTable(m_queueStats), "Queues");
    m_tabs->addTab(m_result, "Result");
    m_tabs->addTab(m_notes, "Notes");
    m_tabs->addTab(m_sweep, "Sweep");

    m_splitter->setObjectName("centralSplitter");
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_charts);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 6);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({560, 200, 230});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    // Status bar: run state, elapsed, events, rate, and drops (always shown; 0 is good).
    m_state = new QLabel;
    m_elapsed = new QLabel;
    m_events = new QLabel;
    m_rate = new QLabel;
    m_dropped = new QLabel;
    m_state->setObjectName("runState");
    m_dropped->setObjectName("dropped");
    statusBar()->addWidget(m_state, 1);
    for (QLabel* label : {m_elapsed, m_events, m_rate, m_dropped}) {
        label->setMinimumWidth(110);
        label->setTextFormat(label == m_dropped ? Qt::RichText : Qt::PlainText);
        statusBar()->addPermanentWidget(label);
    }
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray()))
        resize(1560, 960);
    restoreState(settings.value("window/state").toByteArray());
    m_splitter->restoreState(settings.value("window/splitter").toByteArray());
    applyTheme(settings.value("view/theme", "light").toString());
    const QString last = settings.value("scenario/last", "gil-cpu-threads").toString();
    if (!selectScenario(last))
        selectScenario("gil-cpu-threads");
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/splitter", m_splitter->saveState());
    settings.setValue("view/theme", m_theme->name);
    settings.setValue("scenario/last", currentScenario());
    rememberParameters();
}

void MainWindow::rememberParameters()
{
    const QString id = currentScenario();
    if (id.isEmpty())
        return;
    QSettings().setValue("parameters/" + id, joinAssignments(m_form->assignments()));
    m_sweep->setScenario(findScenario(id.toStdString()), m_form->assignments());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_notesModified) {
        const auto answer = QMessageBox::question(
            this, "Unsaved notes", "The notes on this trace are not saved. Save them first?",
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel ||
            (answer == QMessageBox::Save && (save(), m_notesModified))) {
            event->ignore();
            return;
        }
    }
    saveSettings();
    if (m_run->running())
        m_run->stop();
    event->accept();
}

bool MainWindow::selectScenario(const QString& id)
{
    return m_browser->select(id);
}

QString MainWindow::currentScenario() const
{
    return m_browser->currentId();
}

void MainWindow::showScenario(const QString& id)
{
    const Scenario* scenario = findScenario(id.toStdString());
    if (!scenario)
        return;
    const ScenarioInfo& info = scenario->info();
    m_form->blockSignals(true);
    m_form->setParameters(info.parameters);
    m_form->setAssignments(splitAssignments(QSettings().value("parameters/" + id).toString()));
    m_form->blockSignals(false);
    QString about = "<h2>" + qs(info.title).toHtmlEscaped() + "</h2><p><i>" +
                    qs(info.summary).toHtmlEscaped() + "</i></p><p>" +
                    qs(info.whatToLookFor).toHtmlEscaped() + "</p><h4>Parameters</h4><ul>";
    for (const ParameterSpec& spec : info.parameters)
        about += "<li><b>" + qs(spec.label).toHtmlEscaped() + "</b> <code>" + qs(spec.name) +
                 "</code> — " + qs(spec.help).toHtmlEscaped() + "</li>";
    about += "</ul><p style='color:gray'>Command line: <code>interleave run " + id + "</code></p>";
    m_about->setHtml(about);
    m_python->setSource(qs(info.pythonSource));
    if (!m_run->running() && !m_model->hasTrace())
        m_title->setText("<b>" + qs(info.title).toHtmlEscaped() + "</b> — press Run (F5)");
    m_sweep->setScenario(scenario, m_form->assignments());
    QSettings().setValue("scenario/last", id);
}

void MainWindow::runScenario()
{
    const Scenario* scenario = findScenario(currentScenario().toStdString());
    if (!scenario)
        return;
    if (m_run->running())
        return;
    ParameterValues parameters;
    try {
        parameters = resolveParameters(scenario->info().parameters, m_form->assignments());
        m_run->start(*scenario, parameters);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Cannot run", e.what());
    }
}

void MainWindow::stopScenario()
{
    m_run->stop();
    updateActions();
    updateStatusBar();
}

void MainWindow::onStarted()
{
    m_legend->setSliceNames({});
    m_tracePath.clear();
    setNotesModified(false);
    m_console->clear();
    m_result->setRunning(qs(m_run->scenario()->info().title));
    showTrace(m_run->trace(), true);
    m_title->setText("<b>" + qs(m_run->scenario()->info().title).toHtmlEscaped() +
                     "</b> — recording …");
    updateActions();
}

void MainWindow::onProgress()
{
    m_model->refresh();
    m_zoom->setTraceRange(m_model->origin(), m_model->end());
    std::vector<ConsoleModel::Line> lines;
    const std::uint64_t origin = m_model->origin();
    for (const Collector::PrintedLine& printed : m_run->takeOutput())
        lines.push_back(ConsoleModel::Line{printed.t > origin ? printed.t - origin : 0,
                                           int(printed.worker), qs(printed.workerName),
                                           qs(printed.text), printed.error});
    m_console->append(lines);
    m_consoleView->followNewLines();
    // Statistics are cheap for a lesson but not free: twice a second is plenty.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastStatisticsMs > 500) {
        m_lastStatisticsMs = now;
        updateStatistics();
        updateCharts();
    }
    updateStatusBar();
}

void MainWindow::onFinished()
{
    const auto trace = m_run->trace();
    m_model->finish();
    m_zoom->setTraceRange(m_model->origin(), m_model->end());
    {
        std::shared_lock lock(trace->mutex());
        m_console->setTrace(*trace);
        m_result->setTrace(*trace);
        QString verdict = qs(trace->results.verdict).toHtmlEscaped();
        m_title->setText("<b>" + qs(trace->run.title).toHtmlEscaped() + "</b> — " + verdict);
    }
    updateStatistics();
    updateCharts();
    updateStatusBar();
    updateActions();
}

void MainWindow::showTrace(const std::shared_ptr<TraceStore>& trace, bool live)
{
    m_timeline->pick(std::nullopt);
    m_zoom->clearSelection();
    m_model->setTrace(trace, live);
    m_zoom->setTraceRange(m_model->origin(),
                          std::max(m_model->end(), m_model->origin() + 1'000'000));
    m_zoom->fitAll();
    updateStatistics();
    updateCharts();
}

bool MainWindow::openTrace(const QString& path)
{
    if (m_run->running()) {
        reportError("Cannot open trace", "Stop the run first: it is still recording.");
        return false;
    }
    std::shared_ptr<TraceStore> trace;
    TraceFileJob job(
        this, "Opening " + QFileInfo(path).fileName() + " …",
        [&](const Progress& progress) { trace = loadTraceFile(path.toStdString(), progress); });
    switch (job.run()) {
    case TraceFileJob::Outcome::Cancelled:
        statusBar()->showMessage("Opening cancelled; the trace on show is unchanged", 6000);
        return false;
    case TraceFileJob::Outcome::Failed: reportError("Cannot open trace", job.error()); return false;
    case TraceFileJob::Outcome::Done: break;
    }
    m_tracePath = QFileInfo(path).absoluteFilePath();
    setNotesModified(false);
    showTrace(trace, false);
    applySavedView();
    m_console->setTrace(*trace);
    m_result->setTrace(*trace);
    m_title->setText(
        "<b>" + qs(trace->run.title).toHtmlEscaped() + "</b> — " +
        qs(trace->results.verdict.empty() ? trace->run.message : trace->results.verdict)
            .toHtmlEscaped() +
        " <span style='color:gray'>(" + path.toHtmlEscaped() + ")</span>");
    if (findScenario(trace->run.scenario)) {
        // The form shows the run's own parameters, so that Run repeats it.
        selectScenario(qs(trace->run.scenario));
        m_form->setAssignments(trace->run.parameters);
        rememberParameters();
    }
    showImportedAbout(*trace);
    refreshNotes();
    rememberRecent(m_tracePath);
    setWindowFilePath(m_tracePath);
    updateActions();
    updateStatusBar();
    statusBar()->showMessage("Opened " + path, 5000);
    return true;
}

bool MainWindow::saveTraceAs(const QString& path)
{
    const auto trace = m_model->trace();
    if (!trace || m_run->running()) {
        reportError("Cannot save", trace ? "Stop the run first: it is still recording."
                                         : "There is no trace to save yet: run a scenario.");
        return false;
    }
    {
        // The view goes into the file, so that the trace reopens where it was left.
        std::unique_lock lock(trace->mutex());
        trace->view.start = m_zoom->windowStart();
        trace->view.end = m_zoom->windowEnd();
        trace->view.selectionStart = m_zoom->hasSelection() ? m_zoom->selectionStart() : 0;
        trace->view.selectionEnd = m_zoom->hasSelection() ? m_zoom->selectionEnd() : 0;
        trace->view.scrollY = m_timeline->scrollY();
    }
    const bool json = path.endsWith(".json", Qt::CaseInsensitive);
    TraceFileJob job(this, "Saving " + QFileInfo(path).fileName() + " …",
                     [&](const Progress& progress) {
                         std::shared_lock lock(trace->mutex());
                         if (json)
                             saveChromeJson(*trace, path.toStdString());
                         else
                             saveTrace(*trace, path.toStdString(), progress);
                     });
    switch (job.run()) {
    case TraceFileJob::Outcome::Cancelled:
        statusBar()->showMessage("Saving cancelled; nothing was written", 6000);
        return false;
    case TraceFileJob::Outcome::Failed: reportError("Cannot save trace", job.error()); return false;
    case TraceFileJob::Outcome::Done: break;
    }
    // Chrome JSON keeps lanes and spans but not notes: the .itrace stays the one to reopen.
    if (!json) {
        m_tracePath = QFileInfo(path).absoluteFilePath();
        setWindowFilePath(m_tracePath);
        setNotesModified(false);
    }
    rememberRecent(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage("Saved " + path, 5000);
    return true;
}

void MainWindow::save()
{
    if (!m_tracePath.isEmpty() && m_tracePath.endsWith(".itrace"))
        saveTraceAs(m_tracePath);
    else
        saveAs();
}

void MainWindow::showImportedAbout(const TraceStore& trace)
{
    std::vector<std::pair<std::uint32_t, QString>> legend;
    if (trace.run.importedFrom.empty()) {
        m_legend->setSliceNames({});
        showScenario(currentScenario()); // the scenario's own page again
        return;
    }
    // The legend names the slices that take the most time; the first tab says what came in.
    std::size_t slices = 0;
    QString lanes;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        slices += lane.slices.sliceCount();
        lanes += "<li>" + qs(lane.info.name).toHtmlEscaped() +
                 QString(" <span style='color:gray'>pid %1, tid %2: %3 slices, %4 deep</span></li>")
                     .arg(lane.info.pid)
                     .arg(lane.info.tid)
                     .arg(lane.slices.sliceCount())
                     .arg(lane.slices.depth());
    }
    for (const SliceNameTime& busy : busiestSliceNames(trace, {}, 12))
        legend.emplace_back(busy.name, qs(trace.string(busy.name)));
    m_legend->setSliceNames(std::move(legend));
    m_about->setHtml("<h2>" + qs(trace.run.title).toHtmlEscaped() + "</h2><p>Imported from " +
                     qs(trace.run.importedFrom).toHtmlEscaped() + ": " +
                     qs(trace.run.message).toHtmlEscaped() + ".</p><p>" + QString::number(slices) +
                     " slices on " + QString::number(trace.laneCount()) + " lanes, " +
                     QString::number(trace.flows.size()) +
                     (trace.flows.size() == 1 ? " flow arrow, " : " flow arrows, ") +
                     QString::number(trace.counters().size()) +
                     (trace.counters().size() == 1 ? " counter.</p>" : " counters.</p>") +
                     "<p>Hover a slice for its name, duration and arguments. Lanes are grouped "
                     "by process; rows inside a lane are nesting depths.</p><h4>Lanes</h4><ul>" +
                     lanes + "</ul>");
    m_tabs->setCurrentWidget(m_about);
}

void MainWindow::saveAs()
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    QString suggested = m_tracePath;
    if (suggested.isEmpty() || !suggested.endsWith(".itrace")) {
        const QString base = trace->run.scenario.empty()
                                 ? QFileInfo(m_tracePath).completeBaseName()
                                 : qs(trace->run.scenario) + "-" +
                                       QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
        suggested = QDir(QSettings().value("files/lastDirectory", QDir::homePath()).toString())
                        .filePath(base + ".itrace");
    }
    const QString path = QFileDialog::getSaveFileName(
        this, "Save trace", suggested,
        "Interleave trace (*.itrace);;Chrome trace JSON for Perfetto UI (*.json)");
    if (path.isEmpty())
        return;
    QSettings().setValue("files/lastDirectory", QFileInfo(path).absolutePath());
    saveTraceAs(path);
}

bool MainWindow::exportPicture(const QString& path, const PictureOptions& options)
{
    const auto trace = m_model->trace();
    if (!trace) {
        reportError("Cannot export", "There is no trace to draw yet: run a scenario.");
        return false;
    }
    TraceFileJob job(this, "Drawing " + QFileInfo(path).fileName() + " …",
                     [&](const Progress&) { interleave::exportPicture(trace, options, path); });
    if (job.run() != TraceFileJob::Outcome::Done) {
        reportError("Cannot export picture", job.error());
        return false;
    }
    statusBar()->showMessage("Exported " + path, 6000);
    return true;
}

void MainWindow::showExportDialog()
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    ExportDialog::Context context;
    {
        std::shared_lock lock(trace->mutex());
        for (std::size_t i = 0; i < trace->laneCount(); ++i)
            context.laneNames << qs(trace->lane(i).info.name);
        context.title = qs(trace->run.title);
        if (!trace->results.verdict.empty())
            context.title += " — " + qs(trace->results.verdict);
    }
    const std::uint64_t origin = m_model->origin();
    context.theme = m_theme->kind == Theme::Kind::Dark ? "dark" : "lecture";
    context.windowSize = m_timeline->size();
    context.viewStart = m_zoom->windowStart() - std::min(m_zoom->windowStart(), origin);
    context.viewEnd = m_zoom->windowEnd() - std::min(m_zoom->windowEnd(), origin);
    context.hasSelection = m_zoom->hasSelection();
    context.selectionStart = m_zoom->selectionStart() - std::min(m_zoom->selectionStart(), origin);
    context.selectionEnd = m_zoom->selectionEnd() - std::min(m_zoom->selectionEnd(), origin);
    const QString directory =
        QSettings().value("files/lastPictureDirectory", QDir::homePath()).toString();
    const QString base = m_tracePath.isEmpty()
                             ? qs(trace->run.scenario.empty() ? "timeline" : trace->run.scenario)
                             : QFileInfo(m_tracePath).completeBaseName();
    context.suggestedPath = QDir(directory).filePath(base + ".png");
    ExportDialog dialog(context, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QSettings().setValue("files/lastPictureDirectory", QFileInfo(dialog.path()).absolutePath());
    exportPicture(dialog.path(), dialog.options());
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value("files/recent").toStringList();
}

void MainWindow::rememberRecent(const QString& path)
{
    QStringList recent = recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10)
        recent.removeLast();
    QSettings().setValue("files/recent", recent);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString& path = recent[i];
        QAction* action =
            m_recentMenu->addAction(QString("&%1  %2").arg(i + 1).arg(QFileInfo(path).fileName()),
                                    this, [this, path] { openTrace(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        m_recentMenu->addAction("No recent traces")->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction("&Clear List", this, [] { QSettings().remove("files/recent"); });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.endsWith(".itrace", Qt::CaseInsensitive) ||
            path.endsWith(".json", Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (!path.isEmpty()) {
            event->acceptProposedAction();
            // After the drop returns: the drag source must not wait for a long load.
            QTimer::singleShot(0, this, [this, path] { openTrace(path); });
            return;
        }
    }
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    m_lastError = message;
    statusBar()->showMessage(title + ": " + message, 10000);
    // Not modal: the window (and any run) goes on while the message is read.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

void MainWindow::applySavedView()
{
    const auto trace = m_model->trace();
    SavedView view;
    {
        std::shared_lock lock(trace->mutex());
        view = trace->view;
    }
    if (!view.valid())
        return;
    m_zoom->setWindow(view.start, view.end);
    if (view.selectionEnd > view.selectionStart)
        m_zoom->setSelection(view.selectionStart, view.selectionEnd);
    m_timeline->setScrollY(view.scrollY);
}

void MainWindow::setNotesModified(bool modified)
{
    m_notesModified = modified;
    setWindowModified(modified);
}

void MainWindow::refreshNotes()
{
    const auto trace = m_model->trace();
    if (!trace) {
        m_notes->clear();
        return;
    }
    {
        std::shared_lock lock(trace->mutex());
        m_notes->setNotes(*trace, m_model->origin());
    }
    m_tabs->setTabText(m_tabs->indexOf(m_notes), m_notes->count() > 0
                                                     ? QString("Notes (%1)").arg(m_notes->count())
                                                     : QString("Notes"));
    m_timeline->update();
}

void MainWindow::addNote(std::uint64_t start, std::uint64_t end, int lane, const QString& text)
{
    const auto trace = m_model->trace();
    if (!trace || text.trimmed().isEmpty())
        return;
    {
        std::unique_lock lock(trace->mutex());
        Annotation note;
        note.start = std::min(start, end);
        note.end = std::max(start, end);
        note.lane =
            lane >= 0 && std::size_t(lane) < trace->laneCount() ? std::uint16_t(lane) : kNoWorker;
        note.text = text.trimmed().toStdString();
        trace->annotations.push_back(std::move(note));
    }
    setNotesModified(true);
    refreshNotes();
}

void MainWindow::editNote(int index, const QString& text)
{
    const auto trace = m_model->trace();
    if (!trace || text.trimmed().isEmpty())
        return;
    {
        std::unique_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        trace->annotations[std::size_t(index)].text = text.trimmed().toStdString();
    }
    setNotesModified(true);
    refreshNotes();
}

void MainWindow::deleteNote(int index)
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    {
        std::unique_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        trace->annotations.erase(trace->annotations.begin() + index);
    }
    setNotesModified(true);
    refreshNotes();
}

void MainWindow::promptNote(std::uint64_t start, std::uint64_t end, int lane)
{
    const std::uint64_t origin = m_model->origin();
    const QString where =
        end > start ? QString("from %1 to %2")
                          .arg(qs(formatPrecise(start - std::min(start, origin))),
                               qs(formatPrecise(end - std::min(end, origin))))
                    : QString("at %1").arg(qs(formatPrecise(start - std::min(start, origin))));
    bool ok = false;
    const QString text = QInputDialog::getText(this, "Add note", "Note " + where + ":",
                                               QLineEdit::Normal, QString(), &ok);
    if (ok)
        addNote(start, end, lane, text);
}

void MainWindow::promptEditNote(int index)
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    QString current;
    {
        std::shared_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        current = qs(trace->annotations[std::size_t(index)].text);
    }
    bool ok = false;
    const QString text =
        QInputDialog::getText(this, "Edit note", "Note:", QLineEdit::Normal, current, &ok);
    if (ok)
        editNote(index, text);
}

void MainWindow::goToNote(int index)
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    Annotation note;
    {
        std::shared_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        note = trace->annotations[std::size_t(index)];
    }
    // The note in the middle, with as much around it as it lasts (or the current zoom).
    const std::uint64_t span =
        note.isRange() ? (note.end - note.start) * 2 : m_zoom->windowDuration();
    const std::uint64_t middle = note.start / 2 + note.end / 2;
    m_zoom->setWindow(middle - std::min(middle, span / 2), middle + span / 2);
}

int MainWindow::noteAt(std::uint64_t time, int lane) const
{
    const auto trace = m_model->trace();
    if (!trace)
        return -1;
    const double nsPerPixel =
        double(m_zoom->windowDuration()) / std::max(1, m_timeline->plotRect().width());
    const auto slack = std::uint64_t(nsPerPixel * 4);
    std::shared_lock lock(trace->mutex());
    for (std::size_t i = trace->annotations.size(); i-- > 0;) {
        const Annotation& note = trace->annotations[i];
        if (note.lane != kNoWorker && int(note.lane) != lane)
            continue;
        if (time + slack >= note.start && time <= note.end + slack)
            return int(i);
    }
    return -1;
}

void MainWindow::showTimelineMenu(QPoint globalPosition, std::uint64_t time, int lane)
{
    QMenu menu(this);
    QString laneName;
    if (const auto trace = m_model->trace(); trace && lane >= 0) {
        std::shared_lock lock(trace->mutex());
        laneName = qs(trace->lane(std::size_t(lane)).info.name);
    }
    const int note = noteAt(time, lane);
    if (note >= 0) {
        menu.addAction("&Edit Note…", this, [this, note] { promptEditNote(note); });
        menu.addAction("&Delete Note", this, [this, note] { deleteNote(note); });
        menu.addSeparator();
    }
    menu.addAction("Add Note &Here (all lanes)…", this,
                   [this, time] { promptNote(time, time, -1); });
    if (lane >= 0)
        menu.addAction(QString("Add Note Here on %1…").arg(laneName), this,
                       [this, time, lane] { promptNote(time, time, lane); });
    if (m_zoom->hasSelection())
        menu.addAction("Add Note for the &Selection…", this, [this] {
            promptNote(m_zoom->selectionStart(), m_zoom->selectionEnd(), -1);
        });
    menu.addSeparator();
    if (m_zoom->hasSelection())
        menu.addAction("&Zoom to Selection", m_zoom, &ZoomControl::zoomToSelection);
    menu.addAction("&Fit All", m_zoom, &ZoomControl::fitAll);
    menu.addAction(m_exportAction);
    menu.exec(globalPosition);
}

void MainWindow::updateStatistics()
{
    const auto trace = m_model->trace();
    if (!trace) {
        m_workerStats->setSummary({});
        m_lockStats->setSummary({});
        m_queueStats->setSummary({});
        return;
    }
    TraceSummary summary;
    {
        std::shared_lock lock(trace->mutex());
        if (!trace->finalized() && trace->eventCount() > 2'000'000)
            return; // live statistics of huge runs wait for the end
        summary = summarise(*trace);
    }
    m_workerStats->setSummary(summary);
    m_lockStats->setSummary(summary);
    m_queueStats->setSummary(summary);
}

void MainWindow::updateCharts()
{
    m_queueChart->refresh();
    m_coreChart->refresh();
    m_counterChart->refresh();
    m_counterChart->setVisible(m_counterChart->hasData());
    m_queueChart->setVisible(m_queueChart->hasData());
    m_coreChart->setVisible(m_coreChart->hasData());
    const auto trace = m_model->trace();
    // An imported trace says nothing of cores.
    m_coreLanes->setVisible(trace && trace->run.importedFrom.empty());
    m_charts->setVisible(
        m_queueChart->isVisibleTo(m_charts) || m_coreChart->isVisibleTo(m_charts) ||
        m_counterChart->isVisibleTo(m_charts) || m_coreLanes->isVisibleTo(m_charts));
    m_coreLanes->setFixedHeight(m_coreLanes->sizeHint().height());
    m_coreLanes->update();
}

void MainWindow::updateStatusBar()
{
    QString state = "Ready";
    QString colour = m_theme->mutedText.name();
    const auto trace = m_model->trace();
    switch (m_run->state()) {
    case RunController::State::Idle: state = trace ? "Trace loaded" : "Ready"; break;
    case RunController::State::Running:
        state = "● Running";
        colour = "#009E73";
        break;
    case RunController::State::Stopping:
        state = "Stopping …";
        colour = "#E69F00";
        break;
    case RunController::State::Finished:
        if (trace) {
            std::shared_lock lock(trace->mutex());
            state =
                trace->run.outcome == "completed" ? "Finished" : "Run " + qs(trace->run.outcome);
            if (trace->run.outcome != "completed")
                colour = "#D55E00";
        }
        break;
    }
    setTextIfChanged(m_state,
                     QString("<span style='color:%1'><b>%2</b></span>").arg(colour, state));
    const bool recording = m_run->running() || m_run->state() == RunController::State::Finished;
    std::uint64_t elapsed = 0, events = 0, dropped = 0;
    if (recording && m_model->trace() == m_run->trace()) {
        elapsed = m_run->elapsedNs();
        events = m_run->events();
        dropped = m_run->dropped();
    } else if (trace) {
        std::shared_lock lock(trace->mutex());
        elapsed = trace->run.durationNs();
        events = trace->eventCount();
        dropped = trace->rings.dropped;
    }
    setTextIfChanged(m_elapsed, "elapsed " + qs(formatPrecise(elapsed)));
    setTextIfChanged(m_events, QString("%L1 events").arg(events));
    setTextIfChanged(m_rate, m_run->running()
                                 ? QString("%L1 events/s").arg(qint64(m_run->eventsPerSecond()))
                                 : QString("– events/s"));
    setTextIfChanged(m_dropped,
                     QString("<span style='color:%1'>dropped %2</span>")
                         .arg(dropped == 0 ? m_theme->mutedText.name() : QString("#D55E00"))
                         .arg(dropped));
}

void MainWindow::updateActions()
{
    const bool idleTrace = m_model->hasTrace() && !m_run->running();
    m_saveAction->setEnabled(idleTrace);
    m_saveAsAction->setEnabled(idleTrace);
    m_exportAction->setEnabled(idleTrace);
    m_noteAction->setEnabled(m_model->hasTrace());
    m_runAction->setEnabled(!m_run->running());
    m_stopAction->setEnabled(m_run->state() == RunController::State::Running);
}

void MainWindow::applyTheme(const QString& name)
{
    m_theme = &Theme::byName(name);
    (m_theme->kind == Theme::Kind::Dark      ? m_darkAction
     : m_theme->kind == Theme::Kind::Lecture ? m_lectureAction
                                             : m_lightAction)
        ->setChecked(true);
    // Qt's own widgets follow: Fusion with a palette from the theme.
    QPalette palette = QApplication::style()->standardPalette();
    if (m_theme->kind == Theme::Kind::Dark) {
        palette.setColor(QPalette::Window, m_theme->headerBackground);
        palette.setColor(QPalette::WindowText, m_theme->text);
        palette.setColor(QPalette::Base, m_theme->background);
        palette.setColor(QPalette::AlternateBase, m_theme->laneAlternate);
        palette.setColor(QPalette::Text, m_theme->text);
        palette.setColor(QPalette::Button, m_theme->groupBackground);
        palette.setColor(QPalette::ButtonText, m_theme->text);
        palette.setColor(QPalette::Highlight, m_theme->selectionEdge);
        palette.setColor(QPalette::ToolTipBase, m_theme->groupBackground);
        palette.setColor(QPalette::ToolTipText, m_theme->text);
        palette.setColor(QPalette::PlaceholderText, m_theme->mutedText);
        palette.setColor(QPalette::Disabled, QPalette::Text, m_theme->mutedText);
        palette.setColor(QPalette::Disabled, QPalette::ButtonText, m_theme->mutedText);
    }
    QApplication::setPalette(palette);
    m_timeline->setTheme(*m_theme);
    m_legend->setTheme(*m_theme);
    m_queueChart->setTheme(*m_theme);
    m_coreChart->setTheme(*m_theme);
    m_counterChart->setTheme(*m_theme);
    m_coreLanes->setTheme(*m_theme);
    m_consoleView->setTheme(*m_theme);
    m_barDelegate->setTheme(*m_theme);
    m_sweep->setTheme(*m_theme);
    QSettings().setValue("view/theme", m_theme->name);
    updateStatusBar();
}

} // namespace interleave
