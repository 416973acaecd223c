#include "mainwindow.h"

#include "scenario/registry.h"
#include "statepalette.h"

#include <QHeaderView>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTreeWidget>

namespace interleave {

namespace {
QString qt(const std::string& text)
{
    return QString::fromStdString(text);
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_scenarios(new QTreeWidget)
    , m_details(new QTextBrowser)
{
    setWindowTitle("Interleave");
    m_scenarios->setHeaderHidden(true);
    m_scenarios->setColumnCount(1);
    std::map<ScenarioGroup, QTreeWidgetItem*> groups;
    for (const Scenario* scenario : allScenarios()) {
        const ScenarioInfo& info = scenario->info();
        QTreeWidgetItem*& group = groups[info.group];
        if (group == nullptr) {
            group = new QTreeWidgetItem(m_scenarios, {scenarioGroupName(info.group)});
            group->setFlags(Qt::ItemIsEnabled);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group, {qt(info.id)});
        item->setData(0, Qt::UserRole, qt(info.id));
        item->setToolTip(0, qt(info.summary));
    }
    connect(m_scenarios, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(0, Qt::UserRole).isValid())
            showScenario(item->data(0, Qt::UserRole).toString());
    });

    auto* splitter = new QSplitter;
    splitter->addWidget(m_scenarios);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 900});
    setCentralWidget(splitter);
    statusBar()->showMessage("Pick a scenario; run it with: interleave run <id>");
    resize(1280, 800);
    if (!allScenarios().empty())
        showScenario(qt(allScenarios().front()->info().id));
}

void MainWindow::showScenario(const QString& id)
{
    const Scenario* scenario = findScenario(id.toStdString());
    if (scenario == nullptr)
        return;
    const ScenarioInfo& info = scenario->info();
    QString html = "<h2>" + qt(info.title).toHtmlEscaped() + "</h2><p><i>" +
                   qt(info.summary).toHtmlEscaped() + "</i></p><h3>What to look for</h3><p>" +
                   qt(info.whatToLookFor).toHtmlEscaped() + "</p><h3>Parameters</h3><ul>";
    for (const ParameterSpec& spec : info.parameters)
        html += "<li><b>" + qt(spec.name) + "</b> (" + qt(formatParameterValue(spec.defaultValue)) +
                ") — " + qt(spec.help).toHtmlEscaped() + "</li>";
    html += "</ul><h3>The same in Python</h3><pre>" + qt(info.pythonSource).toHtmlEscaped() +
            "</pre><h3>Legend</h3><p>";
    for (LaneState state : kAllLaneStates)
        html += "<span style='background:" + StatePalette::color(state).name() +
                "; color:" + StatePalette::textColor(state).name() + "'>&nbsp;" +
                StatePalette::label(state) + "&nbsp;</span> ";
    m_details->setHtml(html + "</p>");
}

} // namespace interleave
