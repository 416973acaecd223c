#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace interleave {

/// The traces (and scripts) opened or saved lately, newest first, kept in the user's settings
/// across sessions; fills the Open Recent menu.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaximum = 10;

    explicit RecentFiles(QObject* parent = nullptr);

    QStringList paths() const;
    /// Puts `path` first (once).
    void remember(const QString& path);
    void clear();
    /// Rebuilds `menu`: one entry per file (missing ones disabled), then Clear List.
    void fillMenu(QMenu* menu);

signals:
    /// An entry of the menu was chosen.
    void chosen(const QString& path);
};

} // namespace interleave
