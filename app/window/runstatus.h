#pragma once

#include <QObject>

class QLabel;
class QStatusBar;

namespace interleave {

class RunController;
class TraceDocument;
struct Theme;

/// The status bar's permanent part: whether a run is recording, finished or stopped, its elapsed
/// time, events, event rate and dropped events (always shown; 0 is good).
class RunStatus : public QObject {
    Q_OBJECT
public:
    RunStatus(QStatusBar* bar, RunController* run, TraceDocument* document,
              QObject* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Reads the run and the document again (every poll while recording).
    void update();

private:
    RunController* m_run;
    TraceDocument* m_document;
    const Theme* m_theme;
    QLabel* m_state;
    QLabel* m_elapsed;
    QLabel* m_events;
    QLabel* m_rate;
    QLabel* m_dropped;
};

} // namespace interleave
