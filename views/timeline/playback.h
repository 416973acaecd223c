#pragma once

#include "trace/eventstep.h"

#include <QElapsedTimer>
#include <QObject>
#include <cstdint>
#include <vector>

class QTimer;

namespace interleave {

class TimelineModel;
class ZoomControl;

/// Replays a finished trace: a playhead that moves at a chosen speed (1/1000× to 1× real time;
/// by default the whole trace in about ten seconds), seeks, and steps event by event. Every
/// view shows the trace up to the playhead (TimelineModel::playhead); the window pans to keep
/// the playhead in sight. With no playhead the whole trace is shown, as before playback.
class Playback : public QObject {
    Q_OBJECT
public:
    Playback(TimelineModel* model, ZoomControl* zoom, QObject* parent = nullptr);

    /// Whether the trace on show can be played (it is final: a run that ended, a file).
    bool available() const;
    bool playing() const { return m_playing; }
    /// Whether a playhead is set (playing or paused mid-trace).
    bool active() const;
    /// Trace time per real time: 1 is real time.
    double speed() const { return m_speed; }
    void setSpeed(double speed);
    /// The offered speed nearest to playing the whole trace in about ten seconds.
    double defaultSpeed() const;
    /// The speeds offered, slowest first.
    static const std::vector<double>& offeredSpeeds();
    static constexpr double kSlowest = 0.001;
    static constexpr double kFastest = 1.0;

    /// The playhead (absolute ns), or the trace's end when none is set.
    std::uint64_t position() const;

    void play();
    void pause();
    void togglePlay();
    /// Puts the playhead at `t` (clamped to the trace), keeping it in view.
    void seek(std::uint64_t t);
    /// Ends playback: the whole trace again.
    void stop();
    /// Moves the playhead to the next / previous event of `scope`; false when there is none.
    bool stepForward(StepScope scope);
    bool stepBackward(StepScope scope);

signals:
    /// Playing, paused, stopped, or the speed changed.
    void stateChanged();

private:
    void tick();
    /// Pans the window so that the playhead stays in sight (zoom unchanged).
    void keepInView(std::uint64_t t);

    TimelineModel* m_model;
    ZoomControl* m_zoom;
    QTimer* m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = 0;
    double m_carryNs = 0; ///< Trace time not yet moved (slow speeds advance < 1 ns a frame).
    double m_speed = 0.1;
    bool m_playing = false;
    bool m_speedChosen = false; ///< The user set a speed: keep it for the next trace.
};

} // namespace interleave
