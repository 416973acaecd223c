#include "window/scenarioselection.h"

#include "panels/aboutpage.h"
#include "panels/parameterform.h"
#include "panels/pythonview.h"
#include "panels/scenariobrowser.h"
#include "panels/sweeppanel.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "trace/tracestore.h"
#include "window/appsettings.h"
#include "window/usermessages.h"

namespace interleave {

ScenarioSelection::ScenarioSelection(const Parts& parts, RunController* run, UserMessages* messages,
                                     QObject* parent)
    : QObject(parent)
    , m_parts(parts)
    , m_run(run)
    , m_messages(messages)
{
    connect(m_parts.browser, &ScenarioBrowser::scenarioSelected, this, &ScenarioSelection::show);
    connect(m_parts.browser, &ScenarioBrowser::scenarioActivated, this, [this](const QString& id) {
        show(id);
        this->run();
    });
    connect(m_parts.form, &ParameterForm::changed, this, &ScenarioSelection::rememberParameters);
    connect(m_parts.form, &ParameterForm::changed, this, &ScenarioSelection::parametersChanged);
}

bool ScenarioSelection::select(const QString& id)
{
    return m_parts.browser->select(id);
}

QString ScenarioSelection::currentId() const
{
    return m_parts.browser->currentId();
}

const Scenario* ScenarioSelection::current() const
{
    return findScenario(currentId().toStdString());
}

QString ScenarioSelection::prompt() const
{
    const Scenario* scenario = current();
    if (!scenario)
        return "Pick a scenario and press Run (F5)";
    return "<b>" + qs(scenario->info().title).toHtmlEscaped() + "</b> — press Run (F5)";
}

void ScenarioSelection::show(const QString& id)
{
    const Scenario* scenario = findScenario(id.toStdString());
    if (!scenario)
        return;
    const ScenarioInfo& info = scenario->info();
    m_parts.form->blockSignals(true);
    m_parts.form->setParameters(info.parameters);
    m_parts.form->setAssignments(AppSettings::parameters(id));
    m_parts.form->blockSignals(false);
    m_parts.about->showScenario(info);
    m_parts.python->setSource(qs(info.pythonSource));
    m_parts.sweep->setScenario(scenario, m_parts.form->assignments());
    AppSettings::setLastScenario(id);
    emit scenarioShown(id);
}

void ScenarioSelection::showNoScenario()
{
    m_parts.browser->clearSelection();
    m_parts.form->blockSignals(true);
    m_parts.form->setParameters({});
    m_parts.form->blockSignals(false);
}

void ScenarioSelection::showPage()
{
    if (const Scenario* scenario = current())
        m_parts.about->showScenario(scenario->info());
}

ParameterValues ScenarioSelection::currentValues() const
{
    const Scenario* scenario = current();
    return scenario ? resolveParameters(scenario->info().parameters, m_parts.form->assignments())
                    : ParameterValues();
}

void ScenarioSelection::run()
{
    const Scenario* scenario = current();
    if (!scenario || m_run->running())
        return;
    try {
        m_run->start(*scenario, currentValues());
    } catch (const std::exception& e) {
        m_messages->error("Cannot run", e.what());
    }
}

void ScenarioSelection::showRunOf(const TraceStore& trace)
{
    if (!findScenario(trace.run.scenario))
        return;
    select(qs(trace.run.scenario));
    m_parts.form->setAssignments(trace.run.parameters);
    rememberParameters();
}

void ScenarioSelection::prepareSweep()
{
    m_parts.sweep->setScenario(current(), m_parts.form->assignments());
}

void ScenarioSelection::rememberParameters()
{
    const QString id = currentId();
    if (id.isEmpty())
        return;
    AppSettings::setParameters(id, m_parts.form->assignments());
    m_parts.sweep->setScenario(current(), m_parts.form->assignments());
}

} // namespace interleave
