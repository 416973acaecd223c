#include "document/recentfiles.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace interleave {

namespace {
const char* const kKey = "files/recent";
}

RecentFiles::RecentFiles(QObject* parent)
    : QObject(parent)
{
}

QStringList RecentFiles::paths() const
{
    return QSettings().value(kKey).toStringList();
}

void RecentFiles::remember(const QString& path)
{
    QStringList recent = paths();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaximum)
        recent.removeLast();
    QSettings().setValue(kKey, recent);
}

void RecentFiles::clear()
{
    QSettings().remove(kKey);
}

void RecentFiles::fillMenu(QMenu* menu)
{
    menu->clear();
    const QStringList recent = paths();
    for (int i = 0; i < recent.size(); ++i) {
        const QString& path = recent[i];
        QAction* action =
            menu->addAction(QString("&%1  %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                            [this, path] { emit chosen(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        menu->addAction("No recent files")->setEnabled(false);
    menu->addSeparator();
    menu->addAction("&Clear List", this, &RecentFiles::clear);
}

} // namespace interleave
