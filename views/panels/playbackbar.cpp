#include "panels/playbackbar.h"

#include "base/durationformat.h"
#include "timeline/playback.h"
#include "timeline/timelinemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <cmath>

namespace interleave {

namespace {
constexpr int kScrubberSteps = 10000;
}

QString PlaybackBar::speedText(double speed)
{
    if (speed >= 0.999)
        return "1×";
    const double denominator = 1.0 / speed;
    return QString("1/%1×").arg(denominator >= 10 ? std::round(denominator) : denominator, 0, 'g',
                                4);
}

PlaybackBar::PlaybackBar(Playback* playback, TimelineModel* model, QWidget* parent)
    : QWidget(parent)
    , m_playback(playback)
    , m_model(model)
    , m_play(new QToolButton)
    , m_back(new QToolButton)
    , m_forward(new QToolButton)
    , m_stop(new QToolButton)
    , m_scrubber(new QSlider(Qt::Horizontal))
    , m_time(new QLabel)
    , m_speed(new QComboBox)
{
    setObjectName("playbackBar");
    m_play->setObjectName("playButton");
    m_play->setToolTip("Play / pause the trace (Space)");
    m_back->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_back->setToolTip("Previous event of the selection, or of any lane (, or <)");
    m_forward->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_forward->setToolTip("Next event of the selection, or of any lane (. or >)");
    m_stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_stop->setToolTip("End playback: show the whole trace");
    m_scrubber->setObjectName("scrubber");
    m_scrubber->setRange(0, kScrubberSteps);
    m_scrubber->setToolTip("Drag to move the playhead through the trace");
    m_time->setObjectName("playheadTime");
    m_time->setMinimumWidth(110);
    m_speed->setObjectName("speed");
    m_speed->setToolTip("Playback speed: trace time per real time");
    for (double speed : Playback::offeredSpeeds())
        m_speed->addItem(speedText(speed), speed);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->setSpacing(4);
    layout->addWidget(m_back);
    layout->addWidget(m_play);
    layout->addWidget(m_forward);
    layout->addWidget(m_stop);
    layout->addWidget(m_scrubber, 1);
    layout->addWidget(m_time);
    layout->addWidget(new QLabel("Speed"));
    layout->addWidget(m_speed);

    connect(m_play, &QToolButton::clicked, m_playback, &Playback::togglePlay);
    connect(m_stop, &QToolButton::clicked, m_playback, &Playback::stop);
    connect(m_back, &QToolButton::clicked, this, [this] { emit stepRequested(false); });
    connect(m_forward, &QToolButton::clicked, this, [this] { emit stepRequested(true); });
    connect(m_scrubber, &QSlider::valueChanged, this, &PlaybackBar::scrubTo);
    connect(m_speed, &QComboBox::activated, this,
            [this](int index) { m_playback->setSpeed(m_speed->itemData(index).toDouble()); });
    connect(m_playback, &Playback::stateChanged, this, &PlaybackBar::update);
    connect(m_model, &TimelineModel::playheadChanged, this, &PlaybackBar::update);
    connect(m_model, &TimelineModel::changed, this, &PlaybackBar::update);
    update();
}

void PlaybackBar::setTheme(const Theme& theme)
{
    m_time->setFont(theme.font);
}

void PlaybackBar::update()
{
    m_updating = true;
    const bool available = m_playback->available();
    for (QWidget* control :
         std::initializer_list<QWidget*>{m_play, m_back, m_forward, m_scrubber, m_speed})
        control->setEnabled(available);
    m_stop->setEnabled(available && m_playback->active());
    m_play->setIcon(style()->standardIcon(m_playback->playing() ? QStyle::SP_MediaPause
                                                                : QStyle::SP_MediaPlay));
    const std::uint64_t origin = m_model->origin();
    const std::uint64_t length = m_model->end() > origin ? m_model->end() - origin : 0;
    const std::uint64_t at = m_playback->position() - std::min(m_playback->position(), origin);
    m_scrubber->setValue(length > 0 ? int(double(at) / double(length) * kScrubberSteps)
                                    : kScrubberSteps);
    m_time->setText(available
                        ? QString::fromStdString(formatPrecise(at) + " / " + formatPrecise(length))
                        : QString("Playback: when the run has ended"));
    // The speed on show is the one playing (or that will play), the nearest offered.
    const double speed = m_playback->playing() || m_playback->active() ? m_playback->speed()
                                                                       : m_playback->defaultSpeed();
    int nearest = 0;
    for (int i = 0; i < m_speed->count(); ++i) {
        if (std::abs(std::log(m_speed->itemData(i).toDouble() / speed)) <
            std::abs(std::log(m_speed->itemData(nearest).toDouble() / speed)))
            nearest = i;
    }
    m_speed->setCurrentIndex(nearest);
    m_updating = false;
}

void PlaybackBar::scrubTo(int value)
{
    if (m_updating || !m_playback->available())
        return;
    const std::uint64_t origin = m_model->origin();
    const double length = double(m_model->end() - origin);
    m_playback->pause();
    m_playback->seek(origin + std::uint64_t(length * value / kScrubberSteps));
}

} // namespace interleave
