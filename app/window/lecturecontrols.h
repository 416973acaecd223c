#pragma once

#include <QObject>
#include <cstdint>
#include <memory>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace interleave {

class ConsoleModel;
class ConsoleView;
class MomentsPanel;
class NotesController;
class Playback;
class PlaybackBar;
class TimelineModel;
class TimelineWidget;
class TraceStore;
class TraceViews;
class ZoomControl;

/// Lecture mode: playback of the trace on show (its bar above the timeline), the lesson's
/// moments beside it, and the keys a lecturer uses — Space plays and pauses, Page Down / Up
/// go to the next / previous moment (a presenter's clicker sends those), . and , step through
/// the selection's events, > and < through every lane's. The keys work wherever the focus is
/// except in a text field.
class LectureControls : public QObject {
    Q_OBJECT
public:
    struct Parts {
        TimelineModel* model = nullptr;
        ZoomControl* zoom = nullptr;
        TimelineWidget* timeline = nullptr;
        ConsoleModel* console = nullptr;
        ConsoleView* consoleView = nullptr;
        NotesController* notes = nullptr;
        TraceViews* views = nullptr;
    };
    LectureControls(const Parts& parts, QMainWindow* window);
    ~LectureControls() override;

    Playback* playback() const { return m_playback; }
    PlaybackBar* bar() const { return m_bar; }
    MomentsPanel* moments() const { return m_moments; }
    QDockWidget* momentsDock() const { return m_dock; }
    /// The Playback menu's actions (their keys are handled here, not as shortcuts).
    void fillMenu(QMenu* menu);

    /// Puts the playhead on a moment, fits its events in view and rings them.
    void showMoment(int index);
    void nextMoment();
    void previousMoment();
    /// One event forward or back: of the selection, or of any lane.
    void step(bool forward, bool anyLane);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// Another trace, or the recording ended: the moments list follows.
    void followTrace();
    void followPlayhead();
    void addMomentsAsNotes(const std::vector<int>& indices);

    Parts m_parts;
    QMainWindow* m_window;
    Playback* m_playback;
    PlaybackBar* m_bar;
    MomentsPanel* m_moments;
    QDockWidget* m_dock;
    const TraceStore* m_shownTrace = nullptr;
    bool m_shownLive = false;
    std::uint64_t m_momentPlayhead = 0; ///< Where showMoment put the playhead.
    bool m_showingMoment = false;       ///< Inside showMoment: the playhead moves on purpose.
};

} // namespace interleave
