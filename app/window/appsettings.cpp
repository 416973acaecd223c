#include "window/appsettings.h"

#include "qstrings.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QStringList>

namespace interleave::AppSettings {

bool restoreWindow(QMainWindow* window, const std::vector<QSplitter*>& splitters)
{
    QSettings settings;
    const bool restored = window->restoreGeometry(settings.value("window/geometry").toByteArray());
    window->restoreState(settings.value("window/state").toByteArray());
    for (QSplitter* splitter : splitters)
        splitter->restoreState(settings.value("window/" + splitter->objectName()).toByteArray());
    return restored;
}

void saveWindow(const QMainWindow* window, const std::vector<QSplitter*>& splitters)
{
    QSettings settings;
    settings.setValue("window/geometry", window->saveGeometry());
    settings.setValue("window/state", window->saveState());
    for (const QSplitter* splitter : splitters)
        settings.setValue("window/" + splitter->objectName(), splitter->saveState());
}

bool hasWindowGeometry()
{
    return QSettings().contains("window/geometry");
}

bool splitterPlaced()
{
    return QSettings().value("window/splitterPlaced", false).toBool();
}

void setSplitterPlaced(bool placed)
{
    QSettings().setValue("window/splitterPlaced", placed);
}

int laneNamesWidth()
{
    return QSettings().value("view/laneNamesWidth", 0).toInt();
}

void setLaneNamesWidth(int width)
{
    QSettings().setValue("view/laneNamesWidth", width);
}

QString lastScenario(const QString& fallback)
{
    return QSettings().value("scenario/last", fallback).toString();
}

void setLastScenario(const QString& id)
{
    QSettings().setValue("scenario/last", id);
}

Assignments parameters(const QString& scenario)
{
    return splitAssignments(QSettings().value("parameters/" + scenario).toString());
}

void setParameters(const QString& scenario, const Assignments& assignments)
{
    QSettings().setValue("parameters/" + scenario, joinAssignments(assignments));
}

QString joinAssignments(const Assignments& assignments)
{
    QStringList parts;
    for (const auto& [name, value] : assignments)
        parts << qs(name) + "=" + qs(value);
    return parts.join(';');
}

Assignments splitAssignments(const QString& text)
{
    Assignments out;
    for (const QString& part : text.split(';', Qt::SkipEmptyParts)) {
        const int eq = int(part.indexOf('='));
        if (eq > 0)
            out.emplace_back(part.left(eq).toStdString(), part.mid(eq + 1).toStdString());
    }
    return out;
}

} // namespace interleave::AppSettings
