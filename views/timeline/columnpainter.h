#pragma once

#include "theme.h"
#include "trace/lanestate.h"

#include <QRect>
#include <array>
#include <vector>

class QPainter;

namespace interleave::render {

/// Folds spans into pixel columns: each column is painted in the state that covers most of it,
/// and runs of equal columns become one rectangle. Cost: spans in view + columns, whatever the
/// zoom. On a raster device without scaling, many solid runs go into one lane image, drawn in
/// one call: a zoomed-out lane has hundreds of one-pixel runs, and each rectangle costs the
/// raster engine far more than its pixels. Vector pictures (SVG, PDF) keep rectangles.
class ColumnPainter {
public:
    enum class Output {
        Automatic,  ///< A lane image where the painter maps pixels one to one, else rectangles.
        Rectangles, ///< One rectangle per run: what vector pictures get.
        LaneImage,  ///< Solid runs through one lane image (a raster device without scaling).
    };

    /// Paints into the row [top, top + height) between x = left and x = right. One painter
    /// at a time per thread: lane images share one buffer.
    ColumnPainter(QPainter& painter, const Theme& theme, int top, int height, double left,
                  double right, Output output = Output::Automatic);

    /// A span from x0 to x1 (in pixels, fractions allowed); spans come in time order.
    void add(double x0, double x1, LaneState state);
    /// Paints what was added: one batch of rectangles per state.
    void finish();
    /// Whether finish() drew the solid runs as one lane image.
    bool drewLaneImage() const { return m_drewLaneImage; }

private:
    void weigh(int column, LaneState state, double weight);
    void closeColumn();
    void extend(LaneState state, int from, int to);
    void drawRun();
    /// One drawRects() per state: far cheaper than one fillRect() per rectangle.
    void paintBatches();
    /// Draws the solid runs as one lane image (a first row copied down the lane's height), when
    /// allowed and there are enough of them to pay for its pixels; whether it did.
    bool paintLaneImage();

    static constexpr int kNone = -0x7FFFFFFF;
    QPainter& m_painter;
    const Theme& m_theme;
    int m_top;
    int m_height;
    double m_left;
    double m_right;
    int m_column = kNone;
    std::array<double, kLaneStateCount> m_weights{};
    LaneState m_best = LaneState::Running; ///< The state with the most weight in the column.
    double m_bestWeight = -1;
    bool m_runOpen = false;
    LaneState m_runState = LaneState::Running;
    int m_runFrom = 0;
    int m_runTo = 0;
    std::array<std::vector<QRect>, kLaneStateCount> m_batches;
    /// Below this many runs, rectangles cost less than copying and blending a lane's pixels.
    static constexpr std::size_t kMinRunsForLaneImage = 64;
    bool m_useImage = false; ///< The device maps pixels one to one (and the caller allows it).
    int m_imageLeft = 0;     ///< The lane image's first column.
    int m_imageWidth = 0;
    bool m_drewLaneImage = false;
};

} // namespace interleave::render
