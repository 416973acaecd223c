#include "mainwindow.h"

#include "base/errors.h"
#include "charts/corelanes.h"
#include "charts/timechart.h"
#include "format/traceloader.h"
#include "panels/consoleview.h"
#include "panels/legendbar.h"
#include "panels/parameterform.h"
#include "panels/pythonview.h"
#include "panels/resultview.h"
#include "panels/scenariobrowser.h"
#include "panels/statsmodels.h"
#include "panels/statsviews.h"
#include "panels/sweeppanel.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "theme.h"
#include "timeline/timecoordinates.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/summary.h"
#include "trace/tracestore.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <shared_mutex>

namespace interleave {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

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
    , m_splitter(new QSplitter(Qt::Vertical))
    , m_theme(&Theme::light())
{
    setWindowTitle("Interleave");
    setObjectName("mainWindow");
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
        m_coreLanes->alignPlot(left, width);
    });
    connect(m_sweep, &SweepPanel::traceRequested, this,
            [this](const QString& path) { openTrace(path); });

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
    m_lightAction =
        view->addAction("&Light (lecture) theme", this, [this] { applyTheme("light"); });
    m_darkAction = view->addAction("&Dark theme", this, [this] { applyTheme("dark"); });
    for (QAction* action : {m_lightAction, m_darkAction}) {
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
    std::shared_ptr<TraceStore> trace;
    try {
        trace = loadTraceFile(path.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Cannot open trace", e.what());
        statusBar()->showMessage(QString("Could not open %1").arg(path), 8000);
        return false;
    }
    showTrace(trace, false);
    m_console->setTrace(*trace);
    m_result->setTrace(*trace);
    m_title->setText("<b>" + qs(trace->run.title).toHtmlEscaped() + "</b> — " +
                     qs(trace->results.verdict).toHtmlEscaped() + " <span style='color:gray'>(" +
                     path.toHtmlEscaped() + ")</span>");
    if (findScenario(trace->run.scenario))
        selectScenario(qs(trace->run.scenario));
    updateStatusBar();
    return true;
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
    m_queueChart->setVisible(m_queueChart->hasData());
    m_coreChart->setVisible(m_coreChart->hasData());
    m_coreLanes->setVisible(m_model->hasTrace());
    m_charts->setVisible(m_model->hasTrace());
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
    m_runAction->setEnabled(!m_run->running());
    m_stopAction->setEnabled(m_run->state() == RunController::State::Running);
}

void MainWindow::applyTheme(const QString& name)
{
    m_theme = &Theme::byName(name);
    (m_theme->kind == Theme::Kind::Dark ? m_darkAction : m_lightAction)->setChecked(true);
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
    m_coreLanes->setTheme(*m_theme);
    m_consoleView->setTheme(*m_theme);
    m_barDelegate->setTheme(*m_theme);
    m_sweep->setTheme(*m_theme);
    QSettings().setValue("view/theme", m_theme->name);
    updateStatusBar();
}

} // namespace interleave
