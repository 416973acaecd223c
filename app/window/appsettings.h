#pragma once

#include <QString>
#include <string>
#include <utility>
#include <vector>

class QMainWindow;
class QSplitter;

namespace interleave {

using Assignments = std::vector<std::pair<std::string, std::string>>;

/// What the app remembers between sessions, in the user's settings (QSettings): the window's
/// size and layout, the scenario last shown, and each scenario's parameters as last set.
namespace AppSettings {

/// Puts the window and its splitters where they were; false if nothing was saved yet.
bool restoreWindow(QMainWindow* window, const std::vector<QSplitter*>& splitters);
void saveWindow(const QMainWindow* window, const std::vector<QSplitter*>& splitters);
bool hasWindowGeometry();
/// Whether the user dragged the splitters (then their place stands).
bool splitterPlaced();
void setSplitterPlaced(bool placed);
/// The lane-name column's width as the user dragged it (0: fit the names).
int laneNamesWidth();
void setLaneNamesWidth(int width);

QString lastScenario(const QString& fallback);
void setLastScenario(const QString& id);

/// name=value pairs as --set spells them; empty if the scenario was never changed.
Assignments parameters(const QString& scenario);
void setParameters(const QString& scenario, const Assignments& assignments);

/// "a=1;b=2" and back: how parameters are kept in one settings value.
QString joinAssignments(const Assignments& assignments);
Assignments splitAssignments(const QString& text);

} // namespace AppSettings

} // namespace interleave
