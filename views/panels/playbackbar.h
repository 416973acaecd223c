#pragma once

#include "theme.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace interleave {

class Playback;
class TimelineModel;

/// Playback's controls above the timeline: play / pause, step back and forward, a scrubber
/// across the whole trace, the playhead's time, the speed, and "show all" to end playback.
class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    PlaybackBar(Playback* playback, TimelineModel* model, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// "1/100×", "1×": how a speed reads.
    static QString speedText(double speed);

signals:
    /// The step buttons: whoever knows the selection steps through it.
    void stepRequested(bool forward);

private:
    void update();
    void scrubTo(int value);

    Playback* m_playback;
    TimelineModel* m_model;
    QToolButton* m_play;
    QToolButton* m_back;
    QToolButton* m_forward;
    QToolButton* m_stop;
    QSlider* m_scrubber;
    QLabel* m_time;
    QComboBox* m_speed;
    bool m_updating = false;
};

} // namespace interleave
