#include "timeline/viewhistory.h"

#include "timeline/zoomcontrol.h"

namespace interleave {

ViewHistory::ViewHistory(ZoomControl* zoom, QObject* parent)
    : QObject(parent)
    , m_zoom(zoom)
{
    // Only what the user does: a live run's window follows the recording by itself.
    connect(m_zoom, &ZoomControl::changedByUser, this, &ViewHistory::record);
    // Following a growing trace changes the view the user is at, not the history.
    connect(m_zoom, &ZoomControl::followedTrace, this,
            [this] { m_states[m_position] = current(); });
    reset();
}

ViewHistory::State ViewHistory::current() const
{
    return State{m_zoom->windowStart(), m_zoom->windowEnd(), m_zoom->selectionStart(),
                 m_zoom->selectionEnd()};
}

void ViewHistory::reset()
{
    m_states = {current()};
    m_position = 0;
    m_sinceLast.invalidate();
    emit changed();
}

void ViewHistory::record()
{
    if (m_applying)
        return;
    const State now = current();
    if (now == m_states[m_position])
        return;
    m_states.resize(m_position + 1); // a new change drops what could have been redone
    const bool burst = m_sinceLast.isValid() && m_sinceLast.elapsed() < kBurstMs && m_position > 0;
    if (burst)
        m_states[m_position] = now;
    else {
        m_states.push_back(now);
        ++m_position;
    }
    m_sinceLast.start();
    emit changed();
}

void ViewHistory::apply(const State& state)
{
    m_applying = true;
    m_zoom->setWindow(state.start, state.end);
    m_zoom->setSelection(state.selectionStart, state.selectionEnd);
    m_applying = false;
    m_sinceLast.invalidate();
    emit changed();
}

void ViewHistory::undo()
{
    if (!canUndo())
        return;
    --m_position;
    apply(m_states[m_position]);
}

void ViewHistory::redo()
{
    if (!canRedo())
        return;
    ++m_position;
    apply(m_states[m_position]);
}

} // namespace interleave
