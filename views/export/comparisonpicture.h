#pragma once

#include "export/pictureexport.h"

#include <QSize>
#include <QString>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>

class QPainter;

namespace interleave {

class TraceStore;
struct Theme;

/// What a picture of two compared runs shows.
struct ComparisonOptions {
    QSize size{1600, 1000};
    double scale = 1.0;
    const Theme* theme = nullptr; ///< None: the lecture look.
    /// Both on one time scale from their starts (the longer one sets it), or each fitted to
    /// its own length.
    bool sharedScale = true;
    /// The window each side shows, relative to its own start; none: all of it.
    std::array<std::optional<std::uint64_t>, 2> rangeStart;
    std::array<std::optional<std::uint64_t>, 2> rangeEnd;
    /// What tells the runs apart ("lock = false"), before each one's title; empty: none.
    std::array<QString, 2> labels;
    bool legend = true;
};

/// Paints two runs stacked for comparison: the difference summary on top, then each run with
/// its title and verdict, lanes matched by name at the same height, on one time axis.
class ComparisonPainter {
public:
    ComparisonPainter(std::shared_ptr<TraceStore> first, std::shared_ptr<TraceStore> second,
                      const ComparisonOptions& options);

    void paint(QPainter& painter) const;
    /// The one-line difference summary the picture shows ("elapsed 629 ms → 380 ms ...").
    QString summary() const { return m_summary; }

private:
    std::array<std::shared_ptr<TraceStore>, 2> m_traces;
    ComparisonOptions m_options;
    QString m_summary;
};

/// The comparison as a drawing, for exportDrawing() and renderDrawing(). Throws
/// std::runtime_error for a size or range that cannot be drawn.
Drawing comparisonDrawing(std::shared_ptr<TraceStore> first, std::shared_ptr<TraceStore> second,
                          const ComparisonOptions& options);

} // namespace interleave
