#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <vector>

class QAction;
class QDockWidget;
class QMainWindow;
class QWidget;

namespace interleave {

class ThemeSwitcher;

/// Presenting (F11): the window full screen with the scenario panel and toolbars hidden, the
/// lecture theme's large fonts, and a ring that follows the mouse pointer so the room sees
/// what the lecturer points at. F11 or Esc ends it and puts everything back as it was.
class Presenter : public QObject {
    Q_OBJECT
public:
    Presenter(QMainWindow* window, ThemeSwitcher* themes, std::vector<QWidget*> hidden);
    ~Presenter() override;

    QAction* action() const { return m_action; }
    bool presenting() const { return m_presenting; }
    void setPresenting(bool on);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QMainWindow* m_window;
    ThemeSwitcher* m_themes;
    std::vector<QWidget*> m_hidden;
    QAction* m_action;
    QWidget* m_pointer; ///< The ring, over the window, transparent to the mouse.
    bool m_presenting = false;
    QString m_themeBefore;
    std::vector<bool> m_visibleBefore;
    bool m_fullScreenBefore = false;
};

} // namespace interleave
