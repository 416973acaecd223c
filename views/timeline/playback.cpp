#include "timeline/playback.h"

#include "timeline/timelinemodel.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QTimer>
#include <algorithm>
#include <cmath>
#include <shared_mutex>

namespace interleave {

namespace {
/// A frame every 16 ms: 60 frames a second where painting keeps up.
constexpr int kFrameMs = 16;
constexpr double kDefaultSeconds = 10.0;
} // namespace

Playback::Playback(TimelineModel* model, ZoomControl* zoom, QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_zoom(zoom)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kFrameMs);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &Playback::tick);
    // Another trace: playback ends, and its speed fits the new trace unless the user chose one.
    connect(m_model, &TimelineModel::layoutChanged, this, [this] {
        if (!m_model->hasPlayhead() && m_playing)
            pause();
    });
}

bool Playback::available() const
{
    return m_model->hasTrace() && !m_model->live() && m_model->end() > m_model->origin();
}

bool Playback::active() const
{
    return m_model->hasPlayhead();
}

const std::vector<double>& Playback::offeredSpeeds()
{
    static const std::vector<double> all = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0};
    return all;
}

double Playback::defaultSpeed() const
{
    if (!available())
        return 0.1;
    const double seconds = double(m_model->end() - m_model->origin()) / 1e9;
    const double wanted = std::clamp(seconds / kDefaultSeconds, kSlowest, kFastest);
    double nearest = offeredSpeeds().front();
    for (double speed : offeredSpeeds()) {
        if (std::abs(std::log(speed / wanted)) < std::abs(std::log(nearest / wanted)))
            nearest = speed;
    }
    return nearest;
}

void Playback::setSpeed(double speed)
{
    m_speed = std::clamp(speed, kSlowest, kFastest);
    m_speedChosen = true;
    emit stateChanged();
}

std::uint64_t Playback::position() const
{
    return m_model->hasPlayhead() ? m_model->playhead() : m_model->end();
}

void Playback::play()
{
    if (!available() || m_playing)
        return;
    if (!m_speedChosen)
        m_speed = defaultSpeed();
    // From the start when nothing is playing or the end was reached.
    if (!m_model->hasPlayhead() || m_model->playhead() >= m_model->end())
        seek(m_model->origin());
    m_playing = true;
    m_clock.start();
    m_lastTickNs = 0;
    m_carryNs = 0;
    m_timer->start();
    emit stateChanged();
}

void Playback::pause()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_timer->stop();
    emit stateChanged();
}

void Playback::togglePlay()
{
    m_playing ? pause() : play();
}

void Playback::seek(std::uint64_t t)
{
    if (!available())
        return;
    t = std::clamp(t, m_model->origin(), m_model->end());
    m_model->setPlayhead(t);
    keepInView(t);
    emit stateChanged();
}

void Playback::stop()
{
    pause();
    m_model->setPlayhead(TimelineModel::kNoPlayhead);
    emit stateChanged();
}

bool Playback::stepForward(StepScope scope)
{
    if (!available())
        return false;
    pause();
    std::optional<std::uint64_t> next;
    {
        std::shared_lock lock(m_model->trace()->mutex());
        // Before playback, stepping starts from the beginning.
        const std::uint64_t from = active() ? position() : m_model->origin();
        next = nextEventTime(*m_model->trace(), from, scope);
    }
    if (next)
        seek(*next);
    return next.has_value();
}

bool Playback::stepBackward(StepScope scope)
{
    if (!available())
        return false;
    pause();
    std::optional<std::uint64_t> previous;
    {
        std::shared_lock lock(m_model->trace()->mutex());
        previous = previousEventTime(*m_model->trace(), position(), scope);
    }
    if (previous)
        seek(*previous);
    return previous.has_value();
}

void Playback::tick()
{
    if (!available()) {
        stop();
        return;
    }
    const qint64 now = m_clock.nsecsElapsed();
    m_carryNs += double(now - m_lastTickNs) * m_speed;
    m_lastTickNs = now;
    const auto advance = std::uint64_t(m_carryNs);
    m_carryNs -= double(advance);
    const std::uint64_t t = std::min(position() + advance, m_model->end());
    m_model->setPlayhead(t);
    keepInView(t);
    if (t >= m_model->end())
        pause();
}

void Playback::keepInView(std::uint64_t t)
{
    const std::uint64_t start = m_zoom->windowStart(), end = m_zoom->windowEnd();
    const std::uint64_t width = end - start;
    if (t >= start && t <= end - width / 10)
        return;
    // The playhead re-enters at a fifth of the window: what led up to it stays in sight.
    const std::uint64_t newStart = t > width / 5 ? t - width / 5 : 0;
    m_zoom->setWindow(newStart, newStart + width);
}

} // namespace interleave
