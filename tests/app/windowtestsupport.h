#pragma once

#include "panels/parameterform.h"
#include "runcontroller.h"
#include "window/mainwindow.h"
#include "window/scenarioselection.h"

#include <QSignalSpy>
#include <string>
#include <utility>
#include <vector>

namespace interleave::test {

/// Selects scenario `id` in the window, sets `values` in its form (the rest at their
/// defaults), runs it and waits for the end; false if any step failed.
inline bool runScenario(MainWindow& window, const QString& id,
                        const std::vector<std::pair<std::string, std::string>>& values)
{
    if (!window.scenarios()->select(id))
        return false;
    window.parameterForm()->resetToDefaults();
    for (const auto& [name, value] : values) {
        if (!window.parameterForm()->setValue(name, value))
            return false;
    }
    QSignalSpy finished(window.runController(), &RunController::finished);
    window.scenarios()->run();
    return finished.wait(60'000);
}

} // namespace interleave::test
