#include "qstrings.h"
#include "timeline/lanearrangement.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "trace/tracestore.h"

#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <shared_mutex>

// The lane-name column: drag its edge to resize it, drag a lane's name to move the lane within
// its group, click a group's header to fold it, right-click a lane to pin, hide or move it.

namespace interleave {

namespace {

/// How close to the column's edge the mouse must be to drag it.
constexpr int kEdgeGrip = 4;
constexpr int kMinimumHeaderWidth = 110;

} // namespace

void TimelineWidget::setHeaderWidth(int width)
{
    m_chosenHeaderWidth = width <= 0 ? 0 : std::max(kMinimumHeaderWidth, width);
    fitHeaderWidth();
}

int TimelineWidget::fittedHeaderWidth() const
{
    // Wide enough for the longest lane name (imported traces name threads at length), but the
    // lanes keep most of the width.
    const QFontMetrics metrics(m_theme->font);
    const QFontMetrics small(m_theme->smallFont);
    int widest = 0;
    for (const LaneRow& row : m_model->layout().rows()) {
        if (row.header)
            continue;
        int needed = metrics.horizontalAdvance(QString::fromStdString(row.label)) + 44;
        if (row.process)
            needed += small.horizontalAdvance("pid 0000000") + 6;
        widest = std::max(widest, needed);
    }
    return std::clamp(widest, 190, std::max(190, width() / 3));
}

void TimelineWidget::fitHeaderWidth()
{
    int wanted = m_chosenHeaderWidth == 0 ? fittedHeaderWidth() : m_chosenHeaderWidth;
    wanted = std::clamp(wanted, kMinimumHeaderWidth, std::max(kMinimumHeaderWidth, width() / 2));
    if (wanted == m_headerWidth)
        return;
    m_headerWidth = wanted;
    resizeEvent(nullptr);
    updateDrawing();
}

const LaneRow* TimelineWidget::headerRowAt(QPoint position) const
{
    if (!m_model->trace() || !headerRect().contains(position))
        return nullptr;
    return m_model->layout().rowAt(position.y() - plotRect().top() + m_scrollY);
}

void TimelineWidget::arrange(const std::function<void(LaneArrangement&)>& change)
{
    LaneArrangement arrangement = m_model->arrangement();
    change(arrangement);
    m_model->setArrangement(arrangement);
}

void TimelineWidget::toggleGroup(const std::string& group)
{
    arrange([&](LaneArrangement& a) { a.setCollapsed(group, !a.collapsed(group)); });
}

bool TimelineWidget::headerPress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || event->pos().y() < m_rulerHeight)
        return false;
    if (std::abs(event->pos().x() - m_headerWidth) <= kEdgeGrip) {
        m_drag = Drag::ResizeHeader;
        return true;
    }
    const LaneRow* row = headerRowAt(event->pos());
    if (row == nullptr)
        return false;
    if (row->header) {
        toggleGroup(row->group);
        return true;
    }
    m_drag = Drag::MoveLane;
    m_movingLane = row->lane;
    m_dropRow = nullptr;
    return true;
}

bool TimelineWidget::headerMove(QMouseEvent* event)
{
    if (m_drag == Drag::ResizeHeader) {
        setHeaderWidth(event->pos().x());
        return true;
    }
    if (m_drag == Drag::MoveLane) {
        if (!m_moved)
            return true;
        setCursor(Qt::DragMoveCursor);
        // The lane goes before the row under the mouse, within its own group only.
        const LaneRow* moving = m_model->layout().laneRow(m_movingLane);
        const LaneRow* target =
            m_model->layout().rowAt(event->pos().y() - plotRect().top() + m_scrollY);
        const LaneRow* drop = nullptr;
        if (moving != nullptr && target != nullptr && !target->header &&
            target->group == moving->group)
            drop = target;
        if (drop != m_dropRow) {
            m_dropRow = drop;
            updateDrawing();
        }
        return true;
    }
    // Not dragging: show that the column's edge can be dragged.
    if (event->pos().y() >= m_rulerHeight &&
        std::abs(event->pos().x() - m_headerWidth) <= kEdgeGrip)
        setCursor(Qt::SplitHCursor);
    else if (cursor().shape() == Qt::SplitHCursor)
        unsetCursor();
    return false;
}

bool TimelineWidget::headerRelease(QMouseEvent* event)
{
    if (m_drag == Drag::ResizeHeader) {
        m_drag = Drag::None;
        emit headerWidthChosen(m_chosenHeaderWidth);
        return true;
    }
    if (m_drag != Drag::MoveLane)
        return false;
    m_drag = Drag::None;
    unsetCursor();
    const LaneRow* moving = m_model->layout().laneRow(m_movingLane);
    const LaneRow* drop = m_dropRow;
    m_dropRow = nullptr;
    if (m_moved && moving != nullptr && drop != nullptr && drop != moving) {
        // Dropped on the lower half of a row: after it, i.e. before the one below.
        const std::vector<std::uint16_t> lanes = m_model->layout().groupLanes(moving->group);
        std::vector<std::string> names;
        for (std::uint16_t lane : lanes)
            names.push_back(m_model->layout().laneRow(lane)->label);
        const int y = event->pos().y() - plotRect().top() + m_scrollY;
        std::string before = drop->label;
        if (y > drop->top + drop->height / 2) {
            const auto at = std::find(lanes.begin(), lanes.end(), drop->lane);
            before = at + 1 < lanes.end() ? m_model->layout().laneRow(*(at + 1))->label : "";
        }
        const std::string name = moving->label;
        const std::string group = moving->group;
        arrange([&](LaneArrangement& a) { a.move(name, before, names); });
    } else if (!m_moved && moving != nullptr) {
        pick(std::nullopt);
    }
    updateDrawing();
    return true;
}

void TimelineWidget::paintDropIndicator(QPainter& painter)
{
    if (m_drag != Drag::MoveLane || m_dropRow == nullptr)
        return;
    const int y = plotRect().top() + m_dropRow->top - m_scrollY;
    painter.setPen(QPen(m_theme->selectionEdge, 3));
    painter.drawLine(0, y, width(), y);
}

void TimelineWidget::showLaneMenu(QPoint globalPosition, const LaneRow& row)
{
    QMenu menu(this);
    const std::string name = row.label;
    const std::string group = row.group;
    const LaneArrangement& now = m_model->arrangement();
    if (row.header) {
        menu.addAction(now.collapsed(group) ? "&Expand Group" : "&Collapse Group", this,
                       [this, group] { toggleGroup(group); });
    } else {
        const QString label = QString::fromStdString(name);
        if (now.pinned(name))
            menu.addAction("&Unpin " + label, this, [this, name] {
                arrange([&](LaneArrangement& a) { a.setPinned(name, false); });
            });
        else
            menu.addAction("&Pin " + label + " to the Top", this, [this, name] {
                arrange([&](LaneArrangement& a) { a.setPinned(name, true); });
            });
        menu.addAction("&Hide " + label, this, [this, name] {
            arrange([&](LaneArrangement& a) { a.setHidden(name, true); });
        });
        const std::vector<std::uint16_t> lanes = m_model->layout().groupLanes(group);
        std::vector<std::string> names;
        for (std::uint16_t lane : lanes)
            names.push_back(m_model->layout().laneRow(lane)->label);
        const auto at = std::find(names.begin(), names.end(), name);
        if (at != names.begin() && group != LaneLayout::kPinnedGroup)
            menu.addAction("Move &Up", this, [this, name, names, at] {
                const std::string before = *(at - 1);
                arrange([&](LaneArrangement& a) { a.move(name, before, names); });
            });
        if (at + 1 < names.end() && group != LaneLayout::kPinnedGroup)
            menu.addAction("Move &Down", this, [this, name, names, at] {
                const std::string before = at + 2 < names.end() ? *(at + 2) : std::string();
                arrange([&](LaneArrangement& a) { a.move(name, before, names); });
            });
        menu.addSeparator();
        menu.addAction(now.collapsed(group) ? "&Expand Group" : "&Collapse Group", this,
                       [this, group] { toggleGroup(group); });
    }
    if (now.hiddenCount() > 0)
        menu.addAction(QString("&Show All Lanes (%1 hidden)").arg(now.hiddenCount()), this,
                       [this] { arrange([](LaneArrangement& a) { a.showAll(); }); });
    if (!now.empty())
        menu.addAction("&Reset Lane Arrangement", this,
                       [this] { arrange([](LaneArrangement& a) { a.clear(); }); });
    menu.addSeparator();
    menu.addAction(m_chosenHeaderWidth > 0 ? "Fit &Names Column" : "Names Column Fits Its Names",
                   this,
                   [this] {
                       setHeaderWidth(0);
                       emit headerWidthChosen(0);
                   })
        ->setEnabled(m_chosenHeaderWidth > 0);
    menu.exec(globalPosition);
}

QString TimelineWidget::laneTooltip(const LaneRow& row) const
{
    const auto trace = m_model->trace();
    if (row.header)
        return "<b>" + qs(row.label).toHtmlEscaped() + "</b>" +
               (row.pid > 0 ? QString(" · pid %1").arg(row.pid) : QString()) +
               QString("<br>%1 %2 — click to %3")
                   .arg(row.lanes)
                   .arg(row.lanes == 1 ? "lane" : "lanes", row.collapsed ? "open" : "fold");
    std::shared_lock lock(trace->mutex());
    if (row.lane >= trace->laneCount())
        return {};
    const WorkerInfo& info = trace->lane(row.lane).info;
    QString text = "<b>" + qs(info.name).toHtmlEscaped() + "</b><br>" +
                   qs(workerKindName(info.kind)) +
                   QString(" · pid %1 · tid %2").arg(info.pid).arg(info.tid);
    if (!info.role.empty())
        text += "<br>" + qs(info.role).toHtmlEscaped();
    if (info.fate != WorkerFate::Unknown)
        text += "<br>" + qs(workerFateName(info.fate)) +
                (info.kind == WorkerKind::Process && info.fate != WorkerFate::Returned
                     ? QString(" (exit %1)").arg(info.exitCode)
                     : QString());
    text += "<br><span style='color:gray'>drag to move · right-click to pin or hide</span>";
    return text;
}

} // namespace interleave
