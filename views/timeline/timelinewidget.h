#pragma once

#include "theme.h"
#include "timeline/timelinerenderer.h"
#include "trace/details.h"

#include <QWidget>
#include <functional>
#include <optional>

class QScrollBar;

namespace interleave {

class LaneArrangement;
class TimelineModel;
struct LaneRow;
class ZoomControl;

/// The timeline: lane headers on the left, a time ruler on top, one lane per worker. Zoom with
/// Ctrl+wheel, W/S or a pinch; pan by dragging, with A/D or the scroll bar; Shift+drag (or drag
/// on the ruler) selects a range and shows its duration and time per state; F fits all, Z zooms
/// to the selection. Hovering shows exact times and values; clicking a wait shows who let it go.
class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    TimelineWidget(TimelineModel* model, ZoomControl* zoom, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    const Theme& theme() const { return *m_theme; }
    /// Width of the lane-name column; charts below line up with the plot after it.
    int headerWidth() const { return m_headerWidth; }
    /// Sets the lane-name column's width as the user dragged it (0: fit the names again).
    void setHeaderWidth(int width);
    /// The width the user chose, or 0 when the column fits the names.
    int chosenHeaderWidth() const { return m_chosenHeaderWidth; }
    /// The width that fits the names on show.
    int fittedHeaderWidth() const;
    /// Lets the rows grow (up to 2.5 times) to fill the height when there are few of them.
    void setGrowRows(bool grow);
    /// Folds a group of lanes away or opens it again (a click on its header).
    void toggleGroup(const std::string& group);
    QRect plotRect() const;
    /// Height of all lane rows together at the theme's full row height (what the lanes need
    /// to be seen whole without squeezing or scrolling).
    int contentHeight() const;
    /// The span, event or slice the user clicked (or Find or a link went to).
    const TimelineItem& selected() const { return m_selected; }
    const std::optional<HandOver>& shownHandOver() const { return m_handOver; }
    /// The frame as it would be painted now (for export of the current view).
    TimelineFrame currentFrame() const;

    /// The span at a widget position (exact, finest level), if any.
    std::optional<SpanRef> spanAt(QPoint position) const;
    /// Picks a span as a click would (tests, keyboard navigation).
    void pick(const std::optional<SpanRef>& span);
    /// Selects anything on the timeline: draws its hand-over, tells the details panel.
    void select(const TimelineItem& item);
    /// Brings a place into view (keeping the zoom if it fits) and selects what is there: the
    /// span at its start on its lane, or the event at that instant.
    void goTo(const TimelineTarget& target);
    /// The imported slice under a widget position, as (depth, index in its row).
    std::optional<std::pair<int, std::size_t>> sliceAt(QPoint position) const;

    /// Vertical scroll of the lanes in pixels (saved with the trace's view).
    int scrollY() const { return m_scrollY; }
    void setScrollY(int y);
    /// Time and lane under a widget position: the lane is -1 outside worker rows.
    std::pair<std::uint64_t, int> timeAndLaneAt(QPoint position) const;

    QSize sizeHint() const override { return {1000, 420}; }

signals:
    void selectionChanged();
    /// The plot area moved: x of its left edge and its width (charts align to it).
    void plotGeometryChanged(int left, int width);
    /// Right click in the plot: the menu is the window's (notes, zoom).
    void contextMenuRequested(QPoint globalPosition, std::uint64_t time, int lane);
    /// The user dragged the lane-name column wider or narrower.
    void headerWidthChosen(int width);
    /// The lanes scrolled up or down (to `y` pixels from the top).
    void scrolledVertically(int y);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    Viewport viewport() const;
    QRect rulerRect() const;
    QRect headerRect() const;
    void updateScrollBars();
    /// Sizes the lane-name column to the names on show (or to the user's width).
    void fitHeaderWidth();
    /// Rows that do not all fit shrink (down to what their text needs) before the lanes scroll.
    void fitRows();
    // The lane names: drag the column's edge, drag a lane to move it, click a group, menu.
    bool headerPress(QMouseEvent* event);
    bool headerMove(QMouseEvent* event);
    bool headerRelease(QMouseEvent* event);
    void showLaneMenu(QPoint globalPosition, const LaneRow& row);
    QString laneTooltip(const LaneRow& row) const;
    /// The header row (group or lane) under a position in the name column, or null.
    const LaneRow* headerRowAt(QPoint position) const;
    void paintDropIndicator(QPainter& painter);
    /// Changes the lane arrangement and lays the lanes out again.
    void arrange(const std::function<void(LaneArrangement&)>& change);
    /// The worker lane row under `position`, or null (header rows, outside the plot).
    const LaneRow* laneRowAt(QPoint position) const;
    /// Schedules a repaint of the ruler, headers and lanes, not of the scroll bars.
    void updateDrawing();
    void onHorizontalScroll(int value);
    void updateSelectionSummary();
    void showTooltip(QPoint position);
    /// "holding lock for 12 ms": the locks `lane` held at `t` (its hold bar's tooltip).
    QString holdsHtml(std::uint16_t lane, std::uint64_t t) const;
    /// The outline of the selection (or of what the mouse is over) on screen.
    void paintOutline(QPainter& painter, const TimelineItem& item, double width);
    /// The event marker within a few pixels of a position, as (lane, event index).
    std::optional<std::pair<std::uint16_t, std::size_t>> eventAt(QPoint position) const;
    void zoomAt(double factor, double x);

    TimelineModel* m_model;
    ZoomControl* m_zoom;
    const Theme* m_theme;
    QScrollBar* m_horizontal;
    QScrollBar* m_vertical;
    int m_headerWidth = 190;
    int m_chosenHeaderWidth = 0;
    const LaneRow* m_dropRow = nullptr; ///< While moving a lane: the row it would go before.
    std::uint16_t m_movingLane = 0;
    int m_rulerHeight = 26;
    int m_scrollY = 0;
    bool m_updatingScrollBars = false;
    bool m_growRows = false;

    enum class Drag { None, Pan, Select, ResizeHeader, MoveLane };
    Drag m_drag = Drag::None;
    QPoint m_pressPosition;
    std::uint64_t m_pressTime = 0;
    std::uint64_t m_pressWindowStart = 0;
    bool m_moved = false;

    std::optional<SpanRef> m_hover;
    TimelineItem m_selected;
    std::optional<HandOver> m_handOver;
    QStringList m_selectionLines;
};

/// Details in brief, as rich text for a tooltip: title, summary, the rows that add to them.
QString detailsHtml(const Details& details);

} // namespace interleave
