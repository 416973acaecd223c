#pragma once

#include "scenario/parameters.h"

#include <QObject>
#include <QString>

namespace interleave {

class AboutPage;
class ParameterForm;
class PythonView;
class RunController;
class Scenario;
class ScenarioBrowser;
class SweepPanel;
class TraceStore;
class UserMessages;

/// The scenario on show: what the browser selected, its parameter form (filled with the values
/// the user set last time, remembered as they change), its "what to look for" page and its
/// Python program; and Run, which starts it with the form's parameters.
class ScenarioSelection : public QObject {
    Q_OBJECT
public:
    struct Parts {
        ScenarioBrowser* browser = nullptr;
        ParameterForm* form = nullptr;
        AboutPage* about = nullptr;
        PythonView* python = nullptr;
        SweepPanel* sweep = nullptr;
    };

    ScenarioSelection(const Parts& parts, RunController* run, UserMessages* messages,
                      QObject* parent = nullptr);

    /// Selects a scenario by id; false if there is none.
    bool select(const QString& id);
    QString currentId() const;
    const Scenario* current() const;
    /// The form's values for the selected scenario; throws UsageError for a bad one.
    ParameterValues currentValues() const;
    /// "<b>title</b> — press Run (F5)": the headline while no trace is on show.
    QString prompt() const;

    /// Runs the selected scenario with the form's parameters (the Run action).
    void run();
    /// A trace of one of the scenarios came up: select it, with the run's own parameters in the
    /// form, so that Run repeats it. The caller holds the trace's read lock.
    void showRunOf(const TraceStore& trace);
    /// Something that is no scenario is on show (a traced script, an imported trace): the
    /// browser highlights nothing and the form is empty, so that choosing any scenario,
    /// the one highlighted before too, switches Run back to it.
    void showNoScenario();
    /// Shows the selected scenario's own page again (after an imported trace's page).
    void showPage();
    /// The sweep panel, set to the selected scenario and the form's values.
    void prepareSweep();

signals:
    void scenarioShown(const QString& id);
    /// The user changed a value in the form.
    void parametersChanged();

private:
    void show(const QString& id);
    void rememberParameters();

    Parts m_parts;
    RunController* m_run;
    UserMessages* m_messages;
};

} // namespace interleave
