#pragma once

#include <QObject>
#include <cstdint>

namespace interleave {

/// The one place that knows what time range is shown: the trace's extent, the visible window,
/// the selected range and whether the view follows a live recording. The timeline, the charts
/// and the scroll bar all follow it (after Qt Creator's TimelineZoomControl).
class ZoomControl : public QObject {
    Q_OBJECT
public:
    /// How the window follows a trace that is still growing.
    enum class Follow { Fit, Tail, None };

    explicit ZoomControl(QObject* parent = nullptr);

    std::uint64_t traceStart() const { return m_traceStart; }
    std::uint64_t traceEnd() const { return m_traceEnd; }
    std::uint64_t windowStart() const { return m_windowStart; }
    std::uint64_t windowEnd() const { return m_windowEnd; }
    std::uint64_t windowDuration() const { return m_windowEnd - m_windowStart; }
    Follow follow() const { return m_follow; }

    /// A new or grown trace; a following window moves with it.
    void setTraceRange(std::uint64_t start, std::uint64_t end);
    void setWindow(std::uint64_t start, std::uint64_t end);
    /// factor > 1 zooms in, keeping `anchor` where it is on screen.
    void zoom(double factor, std::uint64_t anchor);
    void pan(std::int64_t deltaNs);
    /// Shows the whole trace (plus a sliver of room after its end) and follows it as it grows.
    void fitAll();

    bool hasSelection() const { return m_selectionEnd > m_selectionStart; }
    std::uint64_t selectionStart() const { return m_selectionStart; }
    std::uint64_t selectionEnd() const { return m_selectionEnd; }
    void setSelection(std::uint64_t start, std::uint64_t end);
    void clearSelection();
    void zoomToSelection();

    /// Narrowest window allowed: 200 ns.
    static constexpr std::uint64_t kMinimumWindow = 200;

signals:
    void windowChanged();
    void selectionChanged();
    /// The window or the selection changed because the user changed it (not because a live
    /// trace grew): what undo steps through.
    void changedByUser();
    /// The window moved by itself, following a trace that grew.
    void followedTrace();

private:
    std::uint64_t fitEnd() const;
    /// Applies a window the user chose: stops following unless it ends at the trace's end.
    void userWindow(std::uint64_t start, std::uint64_t end);
    /// Shows [start, end) (at least the minimum window); false if that is shown already.
    bool applyWindow(std::uint64_t start, std::uint64_t end);

    std::uint64_t m_traceStart = 0;
    std::uint64_t m_traceEnd = 1'000'000;
    std::uint64_t m_windowStart = 0;
    std::uint64_t m_windowEnd = 1'000'000;
    std::uint64_t m_selectionStart = 0;
    std::uint64_t m_selectionEnd = 0;
    Follow m_follow = Follow::Fit;
};

} // namespace interleave
