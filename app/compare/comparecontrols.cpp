#include "compare/comparecontrols.h"

#include "compare/comparisonwindow.h"
#include "compare/othersiderun.h"
#include "document/programtracer.h"
#include "document/recentfiles.h"
#include "document/tracedocument.h"
#include "document/tracefiles.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "scenario/scenario.h"
#include "window/scenarioselection.h"
#include "window/usermessages.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>

namespace interleave {

CompareControls::CompareControls(const Parts& parts, QMainWindow* window)
    : QObject(window)
    , m_parts(parts)
    , m_mainWindow(window)
    , m_menu(new QMenu("Compare &With"))
    , m_sidesMenu(new QMenu)
    , m_otherSide(new QAction("Compare", this))
    , m_run(new OtherSideRun(parts.run, parts.document, parts.messages, this))
{
    m_menu->setObjectName("compareMenu");
    m_otherSide->setObjectName("compareOtherSideAction");
    m_otherSide->setShortcut(QKeySequence("Ctrl+Shift+D"));
    m_otherSide->setMenu(m_sidesMenu);
    connect(m_menu, &QMenu::aboutToShow, this, &CompareControls::fillMenu);
    connect(m_otherSide, &QAction::triggered, this, [this] { compareWithOtherSide(0); });
    connect(m_run, &OtherSideRun::ready, this,
            [this](auto traces, auto labels) { compare(std::move(traces), std::move(labels)); });
    // The button names the other side of the scenario on show, with the form's values.
    connect(m_parts.scenarios, &ScenarioSelection::scenarioShown, this,
            &CompareControls::updateOtherSide);
    connect(m_parts.scenarios, &ScenarioSelection::parametersChanged, this,
            &CompareControls::updateOtherSide);
    connect(m_parts.run, &RunController::started, this, &CompareControls::updateOtherSide);
    connect(m_parts.run, &RunController::finished, this, &CompareControls::updateOtherSide);
    connect(m_sidesMenu, &QMenu::aboutToShow, this, &CompareControls::updateOtherSide);
    updateOtherSide();
}

CompareControls::~CompareControls()
{
    delete m_menu;
    delete m_sidesMenu;
}

ComparisonWindow* CompareControls::window()
{
    if (m_window == nullptr)
        m_window = new ComparisonWindow(m_parts.themes, m_mainWindow);
    return m_window;
}

std::vector<LessonSides> CompareControls::otherSides() const
{
    const Scenario* scenario = m_parts.scenarios->current();
    if (scenario == nullptr)
        return {};
    try {
        return interleave::otherSides(*scenario, m_parts.scenarios->currentValues());
    } catch (const std::exception&) {
        return {}; // a value the form will complain about when run
    }
}

void CompareControls::updateOtherSide()
{
    const std::vector<LessonSides> sides = otherSides();
    m_sidesMenu->clear();
    for (std::size_t i = 0; i < sides.size(); ++i)
        m_sidesMenu->addAction("Run and Compare: " + qs(sides[i].firstLabel) + "  ↔  " +
                                   qs(sides[i].secondLabel),
                               this, [this, i] { compareWithOtherSide(i); });
    const bool idle = !m_parts.run->running() && !m_run->active();
    m_otherSide->setEnabled(!sides.empty() && idle);
    // "Compare: lock = true" on the button; a sibling scenario's long title only in its menu.
    const QString other = sides.empty() ? QString() : qs(sides.front().secondLabel);
    m_otherSide->setText(other.isEmpty() || other.size() > 24 ? QString("Compare")
                                                               : "Compare: " + other);
    m_otherSide->setToolTip(
        sides.empty()
            ? QString("This scenario has no other side to compare with; File > Compare With "
                      "compares with any trace file")
            : "Run " + qs(sides.front().firstLabel) + " and " + qs(sides.front().secondLabel) +
                  ", then show both stacked (Ctrl+Shift+D)");
}

void CompareControls::compareWithOtherSide(std::size_t index)
{
    const std::vector<LessonSides> sides = otherSides();
    if (index >= sides.size()) {
        m_parts.messages->error("Cannot compare",
                                "The selected scenario has no other side to run; pick a "
                                "trace file with File > Compare With instead.");
        return;
    }
    if (m_parts.run->running()) {
        m_parts.messages->error("Cannot compare", "Stop the run first: it is still recording.");
        return;
    }
    m_run->start(sides[index]);
    updateOtherSide();
}

std::shared_ptr<TraceStore> CompareControls::traceOnShow()
{
    if (!m_parts.document->hasTrace() || m_parts.document->live()) {
        m_parts.messages->error("Cannot compare",
                                m_parts.document->live()
                                    ? "Stop the run first: it is still recording."
                                    : "Run a scenario or open a trace first, then compare "
                                      "it with another.");
        return nullptr;
    }
    return m_parts.document->trace();
}

void CompareControls::compareWithFile(const QString& path)
{
    compareFiles({}, path);
}

void CompareControls::compareFiles(const QString& first, const QString& second)
{
    const std::shared_ptr<TraceStore> upper =
        first.isEmpty() ? traceOnShow() : m_parts.files->load(first);
    if (!upper)
        return;
    const std::shared_ptr<TraceStore> lower = m_parts.files->load(second);
    if (!lower)
        return;
    m_parts.recent->remember(QFileInfo(second).absoluteFilePath());
    compare({upper, lower});
}

void CompareControls::compare(std::array<std::shared_ptr<TraceStore>, 2> traces,
                              std::array<QString, 2> labels)
{
    window()->compare(std::move(traces), std::move(labels));
    updateOtherSide();
}

void CompareControls::fillMenu()
{
    m_menu->clear();
    const bool shown = m_parts.document->hasTrace() && !m_parts.document->live();
    QAction* file = m_menu->addAction("Trace &File…", this, [this] {
        const QString directory = QSettings().value("files/lastDirectory").toString();
        const QString path =
            QFileDialog::getOpenFileName(m_mainWindow, "Compare with trace", directory,
                                         "Traces (*.itrace *.json);;All files (*)");
        if (!path.isEmpty())
            compareWithFile(path);
    });
    file->setEnabled(shown);
    const std::vector<LessonSides> sides = otherSides();
    if (!sides.empty()) {
        m_menu->addSection("The other side of the lesson");
        for (std::size_t i = 0; i < sides.size(); ++i) {
            QAction* action = m_menu->addAction("Run " + qs(sides[i].firstLabel) + "  ↔  " +
                                                    qs(sides[i].secondLabel),
                                                this, [this, i] { compareWithOtherSide(i); });
            action->setEnabled(!m_parts.run->running() && !m_run->active());
        }
    }
    QStringList recent;
    for (const QString& path : m_parts.recent->paths())
        if (!ProgramTracer::isScript(path) && QFileInfo::exists(path) &&
            path != m_parts.document->path())
            recent << path;
    if (!recent.isEmpty()) {
        m_menu->addSection("Recent traces");
        for (const QString& path : recent) {
            QAction* action = m_menu->addAction(QFileInfo(path).fileName(), this,
                                                [this, path] { compareWithFile(path); });
            action->setToolTip(path);
            action->setEnabled(shown);
        }
    }
}

} // namespace interleave
