#pragma once

#include <QObject>
#include <array>
#include <cstdint>

namespace interleave {

class ZoomControl;

/// Two stacked timelines follow one zoom: zoom, pan or select in either and the other shows
/// the same stretch of time counted from its own start (a shared time scale), or the same
/// share of its own length (each fitted to its length).
class LinkedZoom : public QObject {
    Q_OBJECT
public:
    enum class Scale { Shared, FitEach };

    LinkedZoom(ZoomControl* first, ZoomControl* second, QObject* parent = nullptr);

    /// The two traces' starts and lengths; both are fitted whole.
    void setTraces(std::uint64_t firstOrigin, std::uint64_t firstLength, std::uint64_t secondOrigin,
                   std::uint64_t secondLength);
    Scale scale() const { return m_scale; }
    /// Switches the scale; both are fitted whole again.
    void setScale(Scale scale);
    void fitAll();

private:
    void applyRanges();
    /// Moves the other side to what side `from` shows.
    void follow(int from);
    void followSelection(int from);
    /// Side `from`'s time `t` on side `to`.
    std::uint64_t map(int from, int to, std::uint64_t t) const;

    std::array<ZoomControl*, 2> m_zoom;
    std::array<std::uint64_t, 2> m_origin{0, 0};
    std::array<std::uint64_t, 2> m_length{1, 1};
    Scale m_scale = Scale::Shared;
    bool m_following = false;
};

} // namespace interleave
