#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <cstdint>
#include <vector>

namespace interleave {

class ZoomControl;

/// Undo and redo of view changes (zoom, pan, selection), like hotspot's filter-and-zoom stack:
/// every change the user makes to the zoom is a step; a burst of them (a wheel turn, a drag)
/// within a moment is one step. Another trace starts a new history.
class ViewHistory : public QObject {
    Q_OBJECT
public:
    /// Changes closer together than this form one step.
    static constexpr int kBurstMs = 600;

    explicit ViewHistory(ZoomControl* zoom, QObject* parent = nullptr);

    bool canUndo() const { return m_position > 0; }
    bool canRedo() const { return m_position + 1 < m_states.size(); }
    void undo();
    void redo();
    /// Forgets everything: the view as it is now is the first state.
    void reset();

signals:
    void changed();

private:
    struct State {
        std::uint64_t start, end, selectionStart, selectionEnd;
        bool operator==(const State&) const = default;
    };
    State current() const;
    void record();
    void apply(const State& state);

    ZoomControl* m_zoom;
    std::vector<State> m_states;
    std::size_t m_position = 0;
    bool m_applying = false;
    QElapsedTimer m_sinceLast;
};

} // namespace interleave
