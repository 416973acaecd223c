#include "window/mainwindow.h"

#include "charts/chartstack.h"
#include "compare/comparecontrols.h"
#include "document/programtracer.h"
#include "document/recentfiles.h"
#include "document/tracedocument.h"
#include "document/tracefiles.h"
#include "icons.h"
#include "notes/notescontroller.h"
#include "panels/aboutpage.h"
#include "panels/consoleview.h"
#include "panels/detailspanel.h"
#include "panels/findbar.h"
#include "panels/legendbar.h"
#include "panels/momentspanel.h"
#include "panels/notespanel.h"
#include "panels/parameterform.h"
#include "panels/playbackbar.h"
#include "panels/pythonview.h"
#include "panels/resultview.h"
#include "panels/scenariobrowser.h"
#include "panels/shortcutsdialog.h"
#include "panels/statsmodels.h"
#include "panels/statsviews.h"
#include "panels/sweeppanel.h"
#include "pictures/pictureexporter.h"
#include "python/pythonprogram.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "theme.h"
#include "timeline/overviewstrip.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/viewhistory.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"
#include "window/appsettings.h"
#include "window/inspector.h"
#include "window/lanespace.h"
#include "window/lecturecontrols.h"
#include "window/presenter.h"
#include "window/runstatus.h"
#include "window/scenarioselection.h"
#include "window/themeswitcher.h"
#include "window/timelinemenu.h"
#include "window/traceviews.h"
#include "window/usermessages.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <shared_mutex>

namespace interleave {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_model(new TimelineModel(this))
    , m_zoom(new ZoomControl(this))
    , m_timeline(new TimelineWidget(m_model, m_zoom))
    , m_browser(new ScenarioBrowser)
    , m_form(new ParameterForm)
    , m_legend(new LegendBar)
    , m_headline(new QLabel)
    , m_charts(new ChartStack(m_model, m_zoom))
    , m_chartsArea(new QScrollArea)
    , m_tabs(new QTabWidget)
    , m_about(new AboutPage)
    , m_python(new PythonView)
    , m_console(new ConsoleModel(this))
    , m_consoleView(new ConsoleView(m_console))
    , m_workerStats(new WorkerStatsModel(this))
    , m_lockStats(new LockStatsModel(this))
    , m_queueStats(new QueueStatsModel(this))
    , m_barDelegate(new StackedBarDelegate(this))
    , m_result(new ResultView)
    , m_sweep(new SweepPanel)
    , m_notesPanel(new NotesPanel)
    , m_details(new DetailsPanel)
    , m_find(new FindBar)
    , m_overview(new OverviewStrip(m_model, m_zoom))
    , m_splitter(new QSplitter(Qt::Vertical))
    , m_messages(new UserMessages(this, statusBar(), this))
    , m_themes(new ThemeSwitcher(this))
    , m_run(new RunController(this))
    , m_document(new TraceDocument(this))
    , m_recent(new RecentFiles(this))
    , m_files(new TraceFiles(m_document, m_recent, m_messages, this, this))
    , m_programs(new ProgramTracer({m_run, m_recent, m_messages, m_python, m_about}, this, this))
    , m_notes(new NotesController(m_document, m_zoom, m_notesPanel, this, this))
    , m_pictures(new PictureExporter(m_document, m_zoom, m_timeline, m_messages, this, this))
    , m_scenarios(new ScenarioSelection({m_browser, m_form, m_about, m_python, m_sweep}, m_run,
                                        m_messages, this))
    , m_views(
          new TraceViews(m_document, m_run,
                         {m_model, m_zoom, m_timeline, m_legend, m_charts, m_console, m_consoleView,
                          m_result, m_workerStats, m_lockStats, m_queueStats, m_about},
                         this))
    , m_status(new RunStatus(statusBar(), m_run, m_document, this))
    , m_history(new ViewHistory(m_zoom, this))
{
    setObjectName("mainWindow");
    setAcceptDrops(true);
    m_lecture = new LectureControls(
        {m_model, m_zoom, m_timeline, m_console, m_consoleView, m_notes, m_views}, this);
    m_compare = new CompareControls(
        {m_document, m_files, m_recent, m_run, m_scenarios, m_messages, m_themes}, this);
    buildMenus();
    buildToolBar();
    buildScenarioDock();
    buildCentre();
    m_presenter = new Presenter(
        this, m_themes, {findChild<QWidget*>("scenarioDock"), findChild<QWidget*>("mainToolBar")});
    m_presentMenu->addAction(m_presenter->action());
    connectParts();

    AppSettings::restoreWindow(this, {m_splitter});
    m_laneSpace->setUserPlaced(AppSettings::splitterPlaced());
    fitOnScreen();
    m_themes->apply(ThemeSwitcher::remembered());
    if (!m_scenarios->select(AppSettings::lastScenario("gil-cpu-threads")))
        m_scenarios->select("gil-cpu-threads");
    updateHeadline();
    updateActions();
    // Keys go to the timeline first (Space plays), not to the scenario filter.
    m_timeline->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu("&File");
    m_openAction = file->addAction("&Open Trace…", m_files, &TraceFiles::promptOpen);
    m_openAction->setShortcut(QKeySequence::Open);
    m_traceAction = file->addAction("&Trace Python Program…", m_programs, &ProgramTracer::prompt);
    m_traceAction->setShortcut(QKeySequence("Ctrl+Shift+T"));
    m_traceAction->setToolTip("Run your own Python script with the real interpreter and trace "
                              "its threads, locks, queues and GIL (Ctrl+Shift+T)");
    QMenu* recent = file->addMenu("Open &Recent");
    connect(recent, &QMenu::aboutToShow, this, [this, recent] { m_recent->fillMenu(recent); });
    m_saveAction = file->addAction("&Save", m_files, &TraceFiles::save);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAsAction = file->addAction("Save &As…", m_files, &TraceFiles::promptSaveAs);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    m_exportAction = file->addAction("&Export Picture…", this,
                                     [this] { m_pictures->prompt(m_themes->current()); });
    m_exportAction->setShortcut(QKeySequence("Ctrl+Shift+E"));
    m_exportAction->setToolTip("Export the timeline as PNG, SVG or PDF (Ctrl+Shift+E)");
    file->addMenu(m_compare->menu());
    file->addSeparator();
    file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);

    QMenu* run = menuBar()->addMenu("&Run");
    // Run repeats what is on show: the selected scenario, or the script traced last (edit it,
    // press F5, see the change).
    m_runAction = run->addAction(style()->standardIcon(QStyle::SP_MediaPlay), "&Run", this, [this] {
        if (m_programs->active())
            m_programs->retrace();
        else
            m_scenarios->run();
    });
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence("Ctrl+R")});
    m_runAction->setToolTip("Run the scenario, or trace the script on show again (F5)");
    m_stopAction =
        run->addAction(style()->standardIcon(QStyle::SP_MediaStop), "&Stop", this, [this] {
            m_run->stop();
            updateActions();
        });
    m_stopAction->setShortcuts({QKeySequence("Shift+F5"), QKeySequence("Ctrl+.")});
    m_stopAction->setToolTip("Stop every worker and child process (Shift+F5)");
    run->addSeparator();
    run->addAction("S&weep…", this, [this] {
        m_tabs->setCurrentWidget(m_sweep);
        m_scenarios->prepareSweep();
    });
    run->addAction(m_compare->otherSideAction());

    QMenu* edit = menuBar()->addMenu("&Edit");
    QAction* undo = edit->addAction("&Undo View Change", m_history, &ViewHistory::undo);
    undo->setShortcuts({QKeySequence::Undo, QKeySequence(Qt::Key_Backspace)});
    QAction* redo = edit->addAction("&Redo View Change", m_history, &ViewHistory::redo);
    redo->setShortcuts({QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")});
    connect(m_history, &ViewHistory::changed, this, [this, undo, redo] {
        undo->setEnabled(m_history->canUndo());
        redo->setEnabled(m_history->canRedo());
    });
    edit->addSeparator();
    edit->addAction("&Copy", QKeySequence::Copy, this, [this] { m_inspector->copy(); });
    edit->addAction("Copy View as &Picture", QKeySequence("Ctrl+Shift+C"), this,
                    [this] { m_inspector->copyViewPicture(); });
    edit->addSeparator();
    edit->addAction("&Find…", QKeySequence::Find, m_find, &FindBar::open);
    edit->addAction("Find &Next", QKeySequence::FindNext, m_find, &FindBar::next);
    edit->addAction("Find &Previous", QKeySequence::FindPrevious, m_find, &FindBar::previous);
    edit->addSeparator();
    m_noteAction = edit->addAction("Add &Note…", m_notes, &NotesController::promptAddAtView);
    m_noteAction->setShortcut(QKeySequence("Ctrl+M"));
    m_noteAction->setToolTip("Pin a note to the selection, or to the middle of the view");

    QMenu* view = menuBar()->addMenu("&View");
    m_fitAction = view->addAction("&Fit All", m_zoom, &ZoomControl::fitAll);
    m_fitAction->setShortcut(QKeySequence("Ctrl+0"));
    m_zoomInAction = view->addAction("Zoom &In", this, [this] {
        m_zoom->zoom(1.5, m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2);
    });
    m_zoomInAction->setShortcut(QKeySequence::ZoomIn);
    m_zoomOutAction = view->addAction("Zoom &Out", this, [this] {
        m_zoom->zoom(1 / 1.5, m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2);
    });
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    m_zoomToSelectionAction =
        view->addAction("Zoom to &Selection", m_zoom, &ZoomControl::zoomToSelection);
    m_zoomToSelectionAction->setShortcut(QKeySequence("Ctrl+E"));
    view->addSeparator();
    auto* themes = new QActionGroup(this);
    for (const auto& [name, label] : {std::pair{"light", "&Light theme"},
                                      {"lecture", "L&ecture theme (large, high contrast)"},
                                      {"dark", "&Dark theme"}}) {
        QAction* action =
            view->addAction(label, this, [this, name = QString(name)] { m_themes->apply(name); });
        action->setCheckable(true);
        action->setData(QString(name));
        themes->addAction(action);
        m_themeActions.push_back(action);
    }
    m_presentMenu = menuBar()->addMenu("&Playback");
    m_lecture->fillMenu(m_presentMenu);
    m_presentMenu->addSeparator(); // Present follows, once the docks it hides exist
    QMenu* help = menuBar()->addMenu("&Help");
    help->addAction("&Keyboard and Mouse", QKeySequence(Qt::Key_Question), this,
                    [this] { ShortcutsDialog(this).exec(); });
    help->addAction("&About Interleave", this, [this] {
        QMessageBox::about(this, "About Interleave",
                           QString("<b>Interleave %1</b><p>Concurrency made visible: Python's "
                                   "threading and multiprocessing lessons on real threads and "
                                   "processes.</p>")
                               .arg(INTERLEAVE_VERSION));
    });
}

void MainWindow::buildToolBar()
{
    QToolBar* bar = addToolBar("Main");
    bar->setObjectName("mainToolBar");
    bar->setMovable(false);
    bar->addAction(m_runAction);
    bar->addAction(m_stopAction);
    bar->addAction(m_compare->otherSideAction());
    bar->addSeparator();
    bar->addActions({m_fitAction, m_zoomInAction, m_zoomOutAction, m_zoomToSelectionAction});
    bar->addSeparator();
    bar->addActions({m_openAction, m_saveAction, m_exportAction});
    m_exportAction->setIconText("Export");
}

void MainWindow::buildScenarioDock()
{
    // The scenarios, their parameters, and Run / Stop.
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(m_browser, 3);
    sideLayout->addWidget(new QLabel("<b>Parameters</b>"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sideLayout->addWidget(scroll, 2);
    auto* buttons = new QHBoxLayout;
    for (auto [action, name] :
         {std::pair{m_runAction, "runButton"}, {m_stopAction, "stopButton"}}) {
        auto* button = new QPushButton(action->icon(), action->iconText());
        button->setObjectName(name);
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::changed, button, [button, action] {
            button->setEnabled(action->isEnabled());
            button->setIcon(action->icon());
        });
        buttons->addWidget(button, 2);
    }
    auto* defaults = new QPushButton("Defaults");
    defaults->setToolTip("Reset the parameters to the scenario's defaults");
    connect(defaults, &QPushButton::clicked, m_form, &ParameterForm::resetToDefaults);
    buttons->addWidget(defaults, 1);
    sideLayout->addLayout(buttons);
    auto* dock = new QDockWidget("Scenarios");
    dock->setObjectName("scenarioDock");
    dock->setWidget(side);
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    side->setMinimumWidth(250);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
}

void MainWindow::buildCentre()
{
    // The headline and legend, the timeline, the charts, the tabs.
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    m_headline->setContentsMargins(8, 4, 8, 4);
    m_headline->setTextFormat(Qt::RichText);
    // A long verdict wraps instead of widening the window past the screen.
    m_headline->setWordWrap(true);
    m_headline->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Maximum);
    topLayout->addWidget(m_headline);
    topLayout->addWidget(m_legend);
    topLayout->addWidget(m_find);
    topLayout->addWidget(m_lecture->bar());
    topLayout->addWidget(m_overview);
    topLayout->addWidget(m_timeline, 1);

    m_tabs->setObjectName("tabs");
    m_tabs->addTab(m_about, "What to look for");
    m_tabs->addTab(m_python, "Python");
    m_tabs->addTab(m_consoleView, "Console");
    auto* workers = new StatsTable(m_workerStats);
    workers->setItemDelegateForColumn(WorkerStatsModel::Profile, m_barDelegate);
    m_workersTable = workers;
    m_locksTable = new StatsTable(m_lockStats);
    m_queuesTable = new StatsTable(m_queueStats);
    m_tabs->addTab(m_workersTable, "Workers");
    m_tabs->addTab(m_locksTable, "Locks");
    m_tabs->addTab(m_queuesTable, "Queues");
    m_tabs->addTab(m_details, "Details");
    m_tabs->addTab(m_result, "Result");
    m_tabs->addTab(m_notesPanel, "Notes");
    m_tabs->addTab(m_sweep, "Sweep");

    // The charts scroll when the window is too short for all of them.
    m_chartsArea->setWidget(m_charts);
    m_chartsArea->setWidgetResizable(true);
    m_chartsArea->setFrameShape(QFrame::NoFrame);
    m_chartsArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chartsArea->setMinimumHeight(60);
    m_chartsArea->hide();
    m_tabs->setMinimumHeight(120);

    m_splitter->setObjectName("centralSplitter");
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_chartsArea);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 6);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({560, 200, 230});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    m_laneSpace = new LaneSpace(m_splitter, top, m_timeline, m_chartsArea, m_charts, this);
    // A verdict or a legend that wraps to another line takes height from the lanes: they are
    // fitted again.
    m_laneSpace->followHeight(m_headline);
    m_laneSpace->followHeight(m_legend);
    m_inspector =
        new Inspector(m_document, m_timeline, m_details, m_find, {top, m_chartsArea}, this);
}

void MainWindow::connectParts()
{
    m_files->setViewCapture([this] { return m_views->captureView(); });
    m_timelineMenu =
        new TimelineMenu(m_timeline, m_zoom, m_document, m_notes, m_exportAction, this);

    // A run records into the document; its end makes the trace final.
    connect(m_run, &RunController::started, this,
            [this] { m_document->beginRecording(m_run->trace()); });
    connect(m_run, &RunController::finished, m_document, &TraceDocument::endRecording);
    // Open Recent: a trace opens, a script is traced again.
    connect(m_recent, &RecentFiles::chosen, this, [this](const QString& path) {
        if (ProgramTracer::isScript(path))
            m_programs->trace(path);
        else
            m_files->open(path);
    });

    // What the window says about the trace on show.
    connect(m_document, &TraceDocument::titleChanged, this, &MainWindow::updateHeadline);
    connect(m_document, &TraceDocument::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_document, &TraceDocument::traceChanged, this, [this] {
        const auto trace = m_document->trace();
        if (trace && m_document->origin() == TraceDocument::Origin::File) {
            std::shared_lock lock(trace->mutex());
            if (!trace->run.parameter("script").empty()) {
                if (findScenario(trace->run.scenario))
                    m_scenarios->showRunOf(*trace); // one of the browser's lesson programs
                else
                    m_scenarios->showNoScenario();
                showTracedScript(QString::fromStdString(trace->run.parameter("script")));
                m_programs->setCurrent(QString::fromStdString(trace->run.parameter("script")),
                                       QString::fromStdString(trace->run.parameter("arguments")));
                m_about->showScenario(describeProgram(trace->run.parameter("script"),
                                                      trace->run.parameter("arguments")));
            } else if (trace->run.importedFrom.empty()) {
                m_scenarios->showRunOf(*trace);
                m_scenarios->showPage();
            } else {
                m_scenarios->showNoScenario();
            }
        }
        updateActions();
    });
    // Each trace has its own history of views (after the saved view was put back).
    connect(m_document, &TraceDocument::traceChanged, m_history, &ViewHistory::reset);
    connect(m_views, &TraceViews::contentChanged, this, &MainWindow::updateTabs);
    connect(m_views, &TraceViews::importedTraceShown, this,
            [this] { m_tabs->setCurrentWidget(m_about); });
    connect(m_scenarios, &ScenarioSelection::scenarioShown, this, &MainWindow::updateHeadline);
    connect(m_scenarios, &ScenarioSelection::scenarioShown, m_programs, &ProgramTracer::deactivate);
    connect(m_programs, &ProgramTracer::tracing, m_scenarios, &ScenarioSelection::showNoScenario);
    connect(m_notes, &NotesController::notesChanged, this, [this](int count) {
        m_tabs->setTabText(m_tabs->indexOf(m_notesPanel),
                           count > 0 ? QString("Notes (%1)").arg(count) : QString("Notes"));
        m_timeline->update();
    });
    for (auto signal : {&RunController::started, &RunController::finished})
        connect(m_run, signal, this, &MainWindow::updateActions);

    // The charts line up with the lanes; a sweep's row opens its trace.
    connect(m_timeline, &TimelineWidget::plotGeometryChanged, m_charts, &ChartStack::alignPlot);
    connect(m_timeline, &TimelineWidget::plotGeometryChanged, m_overview,
            &OverviewStrip::alignPlot);
    connect(m_inspector, &Inspector::detailsShown, this,
            [this] { m_tabs->setCurrentWidget(m_details); });
    connect(m_sweep, &SweepPanel::traceRequested, m_files, &TraceFiles::open);
    connect(m_sweep, &SweepPanel::compareRequested, m_compare, &CompareControls::compareFiles);
    connect(m_themes, &ThemeSwitcher::themeChanged, this, &MainWindow::applyTheme);

    // The lanes take the room their rows need; the name column keeps the width it was given.
    connect(m_charts, &ChartStack::hasChartsChanged, m_chartsArea, &QWidget::setVisible);
    connect(m_model, &TimelineModel::layoutChanged, m_laneSpace,
            [this] { QTimer::singleShot(0, m_laneSpace, &LaneSpace::fit); });
    connect(m_timeline, &TimelineWidget::headerWidthChosen, this, &AppSettings::setLaneNamesWidth);
    m_timeline->setHeaderWidth(AppSettings::laneNamesWidth());
}

void MainWindow::fitOnScreen()
{
    // A window larger than the screen hides Run, the tabs and the status bar: the first time,
    // and whenever the screen is smaller than where the window was left, it fits the screen.
    const QRect available = screen()->availableGeometry();
    // On a narrow screen the moments wait in the Playback menu: the lanes need the width.
    if (available.width() < 1200)
        m_lecture->momentsDock()->hide();
    const bool restored = AppSettings::hasWindowGeometry();
    if (restored && available.contains(frameGeometry()))
        return;
    const QSize room(available.width() * 96 / 100, available.height() * 94 / 100);
    resize((restored ? size() : QSize(1560, 960)).boundedTo(room));
    move(available.center() - QPoint(width() / 2, height() / 2));
}

void MainWindow::applyTheme()
{
    const Theme& theme = m_themes->current();
    for (auto [action, kind] : {std::pair{m_runAction, IconKind::Run},
                                {m_stopAction, IconKind::Stop},
                                {m_openAction, IconKind::Open},
                                {m_saveAction, IconKind::Save},
                                {m_exportAction, IconKind::Export}})
        action->setIcon(themedIcon(kind, theme));
    for (QAction* action : m_themeActions)
        action->setChecked(action->data().toString() == theme.name);
    m_timeline->setTheme(theme);
    m_legend->setTheme(theme);
    m_charts->setTheme(theme);
    m_overview->setTheme(theme);
    m_details->setTheme(theme);
    m_consoleView->setTheme(theme);
    m_lecture->bar()->setTheme(theme);
    m_lecture->moments()->setTheme(theme);
    m_barDelegate->setTheme(theme);
    m_sweep->setTheme(theme);
    m_status->setTheme(theme);
}

void MainWindow::updateHeadline()
{
    m_headline->setText(m_document->hasTrace() ? m_document->headline() : m_scenarios->prompt());
    setWindowTitle(m_document->windowTitle());
    setWindowModified(m_document->isModified());
}

void MainWindow::updateTabs()
{
    // Tabs with nothing for the trace on show are greyed out, not left to mislead.
    const TraceViews::Content c = m_views->content();
    for (auto [widget, has] : {std::pair<QWidget*, bool>{m_python, c.python},
                               {m_consoleView, c.console},
                               {m_workersTable, c.workers},
                               {m_locksTable, c.locks},
                               {m_queuesTable, c.queues},
                               {m_result, c.result}})
        m_tabs->setTabEnabled(m_tabs->indexOf(widget), has);
}

void MainWindow::updateActions()
{
    const bool idleTrace = m_document->hasTrace() && !m_run->running();
    m_saveAction->setEnabled(idleTrace);
    m_saveAsAction->setEnabled(idleTrace);
    m_exportAction->setEnabled(idleTrace);
    m_noteAction->setEnabled(m_document->hasTrace());
    m_runAction->setEnabled(!m_run->running());
    m_traceAction->setEnabled(!m_run->running());
    m_stopAction->setEnabled(m_run->state() == RunController::State::Running);
    m_status->update();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_document->isModified()) {
        const auto answer = QMessageBox::question(
            this, "Unsaved notes", "The notes on this trace are not saved. Save them first?",
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel ||
            (answer == QMessageBox::Save && (m_files->save(), m_document->isModified()))) {
            event->ignore();
            return;
        }
    }
    AppSettings::saveWindow(this, {m_splitter});
    AppSettings::setSplitterPlaced(m_laneSpace->userPlaced());
    if (m_run->running())
        m_run->stop();
    event->accept();
}

void MainWindow::showTracedScript(const QString& path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        m_python->setSource(QString::fromUtf8(file.read(512 * 1024)));
    else
        m_python->setSource("# " + path +
                            " is not on this machine: the trace keeps what it did, "
                            "not its text.\n");
}

/// A dropped .py file is traced; a dropped trace is opened.
static QString droppedScript(const QMimeData* data)
{
    for (const QUrl& url : data->urls()) {
        if (ProgramTracer::isScript(url.toLocalFile()))
            return url.toLocalFile();
    }
    return {};
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (TraceFiles::acceptsDrop(event->mimeData()) || !droppedScript(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    event->acceptProposedAction();
    const QString script = droppedScript(event->mimeData());
    if (!script.isEmpty()) {
        // After the drop has returned: the source must not wait for the run to start.
        QTimer::singleShot(0, this, [this, script] { m_programs->trace(script); });
        return;
    }
    m_files->drop(event->mimeData());
}

} // namespace interleave
