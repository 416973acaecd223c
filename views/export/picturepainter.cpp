#include "export/picturepainter.h"

#include "charts/counterstrips.h"
#include "qstrings.h"
#include "statepalette.h"
#include "theme.h"
#include "timeline/lanealignment.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinerenderer.h"
#include "trace/analysis.h"
#include "trace/slicestats.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <algorithm>
#include <array>
#include <shared_mutex>

namespace interleave {

namespace {

/// One swatch of the legend.
struct LegendItem {
    QColor color;
    QString label;
    bool line = false; ///< Drawn as a thin line (finished lanes).
};

/// Recorded traces: the states that occur in the shown lanes. Imported traces: the slice
/// names that take the most time.
std::vector<LegendItem> legendItems(const TraceStore& trace, const Theme& theme,
                                    const LaneLayout& layout)
{
    std::vector<LegendItem> items;
    if (!trace.run.importedFrom.empty()) {
        std::vector<std::uint16_t> shown;
        for (const LaneRow& row : layout.rows()) {
            if (!row.header)
                shown.push_back(row.lane);
        }
        for (const SliceNameTime& busy : busiestSliceNames(trace, shown, 10))
            items.push_back(
                LegendItem{theme.sliceColor(busy.name),
                           QFontMetrics(theme.font)
                               .elidedText(qs(trace.string(busy.name)), Qt::ElideMiddle, 360)});
        return items;
    }
    std::array<std::uint64_t, kLaneStateCount> totals{};
    for (const LaneRow& row : layout.rows()) {
        if (row.header || row.lane >= trace.laneCount())
            continue;
        const std::vector<std::uint64_t> lane = stateTotals(trace.lane(row.lane));
        for (std::size_t s = 0; s < lane.size() && s < totals.size(); ++s)
            totals[s] += lane[s];
    }
    for (LaneState state : kAllLaneStates) {
        if (totals[std::size_t(state)] == 0)
            continue;
        items.push_back(
            LegendItem{state == LaneState::Finished ? theme.grid : theme.stateColor(state),
                       StatePalette::label(state), state == LaneState::Finished});
    }
    return items;
}

/// Draws the legend's items left to right from `at`, wrapping at `right`; returns the height.
int paintLegend(QPainter& painter, const std::vector<LegendItem>& items, const Theme& theme,
                QPoint at, int right)
{
    const QFontMetrics metrics(theme.font);
    const int swatch = metrics.height() - 4;
    int x = at.x(), y = at.y();
    for (const LegendItem& item : items) {
        const int width = swatch + 6 + metrics.horizontalAdvance(item.label);
        if (x + width > right && x > at.x()) {
            x = at.x();
            y += metrics.height() + 6;
        }
        const QRect box(x, y + 2, swatch * 3 / 2, swatch);
        if (item.line)
            painter.fillRect(QRect(box.left(), box.center().y() - 1, box.width(), 3), item.color);
        else
            painter.fillRect(box, item.color);
        painter.setPen(theme.text);
        painter.setFont(theme.font);
        painter.drawText(QPoint(box.right() + 6, y + metrics.ascent()), item.label);
        x += width + swatch / 2 + 18;
    }
    return items.empty() ? 0 : y - at.y() + metrics.height() + 6;
}

QString defaultTitle(const TraceStore& trace)
{
    QString title = qs(trace.run.title.empty() ? trace.run.scenario : trace.run.title);
    if (!trace.results.verdict.empty())
        title += " — " + qs(trace.results.verdict);
    return title;
}

} // namespace

PicturePainter::PicturePainter(std::shared_ptr<TraceStore> trace, const PictureOptions& options)
    : m_trace(std::move(trace))
    , m_options(options)
{
    if (m_options.theme == nullptr)
        m_options.theme = &Theme::lecture();
}

void PicturePainter::paint(QPainter& painter) const
{
    const Theme& theme = *m_options.theme;
    // The timeline's model, for this picture only: its lanes, its metrics. It locks the trace
    // itself while it reads it.
    TimelineModel model;
    LaneMetrics lanes = render::laneMetrics(theme);
    model.setMetrics(lanes);
    model.setShownLanes(m_options.lanes);
    // A comparison: lanes lined up with the other trace's, laid out with the same metrics.
    LaneLayout partner;
    if (m_options.alignWith) {
        model.setLayoutAdjustment([&](LaneLayout& layout) {
            std::shared_lock<std::shared_mutex> other;
            if (m_options.alignWith != m_trace) // the same trace is locked already
                other = std::shared_lock(m_options.alignWith->mutex());
            partner.build(*m_options.alignWith, model.metrics());
            const LaneAlignment alignment = m_options.alignSide == 0 ? alignLanes(layout, partner)
                                                                     : alignLanes(partner, layout);
            alignment.apply(layout, m_options.alignSide);
        });
    }
    model.setTrace(m_trace, false);

    std::shared_lock lock(m_trace->mutex());
    const TraceStore& trace = *m_trace;
    const QRect all(QPoint(0, 0), m_options.size);
    painter.fillRect(all, theme.background);
    const int margin = 16;
    int y = margin / 2;

    // Title and a line saying what ran.
    const QString title = m_options.title.value_or(defaultTitle(trace));
    if (!title.isEmpty()) {
        QFont big = theme.boldFont;
        big.setPointSizeF(big.pointSizeF() * 1.45);
        painter.setFont(big);
        painter.setPen(theme.text);
        const QFontMetrics metrics = painter.fontMetrics();
        // "Title — verdict" on two lines when it does not fit on one.
        QStringList lines{title};
        const qsizetype dash = title.indexOf(" — ");
        if (metrics.horizontalAdvance(title) > all.width() - 2 * margin && dash > 0)
            lines = QStringList{title.left(dash), title.mid(dash + 3)};
        for (int i = 0; i < lines.size(); ++i) {
            if (i == 1) {
                QFont second = theme.boldFont;
                second.setPointSizeF(second.pointSizeF() * 1.15);
                painter.setFont(second);
            }
            const QFontMetrics lineMetrics = painter.fontMetrics();
            painter.drawText(
                QRect(margin, y, all.width() - 2 * margin, lineMetrics.height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                lineMetrics.elidedText(lines[i], Qt::ElideRight, all.width() - 2 * margin));
            y += lineMetrics.height() + 2;
        }
        QString about = qs(trace.run.commandLine());
        if (!trace.run.importedFrom.empty())
            about = "imported from " + qs(trace.run.importedFrom);
        if (!about.isEmpty()) {
            painter.setFont(theme.font);
            painter.setPen(theme.mutedText);
            const QFontMetrics small = painter.fontMetrics();
            painter.drawText(QRect(margin, y, all.width() - 2 * margin, small.height()),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             small.elidedText(about, Qt::ElideRight, all.width() - 2 * margin));
            y += small.height();
        }
        y += 8;
    }

    if (m_options.legend) {
        const std::vector<LegendItem> items = legendItems(trace, theme, model.layout());
        y += paintLegend(painter, items, theme, QPoint(margin, y), all.width() - margin);
    }

    // Charts take a fixed share at the bottom; the lanes stretch over what is left.
    const std::vector<CounterStrip> strips =
        m_options.charts ? counterStrips(trace) : std::vector<CounterStrip>{};
    int stripHeight = strips.empty() ? 0 : std::clamp(all.height() / 9, 70, 160);
    const int chartsHeight = stripHeight * int(strips.size());
    const int rulerHeight = render::rulerHeight(theme);
    const int lanesTop = y + rulerHeight;
    const int lanesHeight = std::max(40, all.height() - margin / 2 - chartsHeight - lanesTop);
    const int natural = model.layout().contentHeight();
    if (natural > 0) {
        // Fill the height without making lanes absurd: between half and three times normal.
        const double factor = std::clamp(double(lanesHeight) / natural, 0.5, 3.0);
        lanes.laneHeight = int(lanes.laneHeight * factor);
        lanes.headerHeight =
            std::max(lanes.headerHeight, int(lanes.headerHeight * std::min(factor, 1.3)));
        // Slice rows keep their text readable: lanes that do not fit are cut off below.
        lanes.sliceRowHeight = int(lanes.sliceRowHeight * std::clamp(factor, 1.0, 1.5));
        lock.unlock();
        model.setMetrics(lanes);
        lock.lock();
    }

    // Header column as wide as the longest lane name needs.
    const QFontMetrics font(theme.font);
    int headerWidth = 160;
    for (const LaneLayout* layout : {&model.layout(), static_cast<const LaneLayout*>(&partner)}) {
        for (const LaneRow& row : layout->rows()) {
            if (row.header)
                continue;
            // Swatch and icon, the name, and a process's pid on the right.
            int needed = font.horizontalAdvance(qs(row.label)) + 48;
            if (row.process)
                needed += QFontMetrics(theme.smallFont).horizontalAdvance("pid 0000000") + 6;
            headerWidth = std::max(headerWidth, needed);
        }
    }
    for (const CounterStrip& strip : strips)
        headerWidth =
            std::max(headerWidth, QFontMetrics(theme.boldFont).horizontalAdvance(strip.title) + 24);
    headerWidth = std::min(headerWidth, all.width() / 3);

    TimelineFrame f;
    f.model = &model;
    f.trace = &trace;
    f.theme = &theme;
    const int usedHeight = std::min(lanesHeight, model.layout().contentHeight());
    f.rulerRect = QRect(headerWidth, y, all.width() - headerWidth - margin, rulerHeight);
    f.plotRect = QRect(headerWidth, lanesTop, f.rulerRect.width(), usedHeight);
    f.headerRect = QRect(0, lanesTop, headerWidth, usedHeight);
    const std::uint64_t origin = model.origin();
    const std::uint64_t length = std::max<std::uint64_t>(1, model.end() - origin);
    const std::uint64_t limit = m_options.clampRange ? length : ~std::uint64_t(0) / 4;
    f.viewport.start = origin + std::min(m_options.rangeStart.value_or(0), limit - 1);
    f.viewport.end = origin + std::min(m_options.rangeEnd.value_or(length), limit);
    if (f.viewport.end <= f.viewport.start)
        f.viewport.end = f.viewport.start + 1;
    f.viewport.x0 = f.plotRect.left();
    f.viewport.width = f.plotRect.width();
    if (m_options.playhead)
        f.playhead = origin + std::min(*m_options.playhead, length);
    f.momentPoints = m_options.momentPoints;
    painter.save();
    render::frame(painter, f);
    painter.restore();
    painter.fillRect(QRect(0, y, headerWidth, rulerHeight), theme.headerBackground);
    painter.setPen(QPen(theme.grid, 1));
    painter.drawRect(QRect(0, y, all.width() - margin, rulerHeight + usedHeight));

    int stripTop = lanesTop + usedHeight;
    if (!strips.empty()) {
        // Lanes that need less than their share leave room for taller charts.
        const int room = all.height() - margin / 2 - stripTop;
        stripHeight = std::clamp(room / int(strips.size()), stripHeight, 3 * stripHeight);
    }
    // Charts too end at the playhead (their values after it are never drawn).
    const Viewport charted = render::viewportUntil(f.viewport, f.playhead);
    for (const CounterStrip& strip : strips) {
        const QRect plot(headerWidth, stripTop, f.plotRect.width(), stripHeight);
        if (charted.width > 0)
            paintCounterStrip(
                painter, strip, theme, charted, origin,
                QRect(0, stripTop, headerWidth, stripHeight),
                QRect(plot.left(), plot.top(), int(std::ceil(charted.width)), plot.height()));
        stripTop += stripHeight;
    }
    const int chartsTop = lanesTop + usedHeight;
    render::coverFuture(painter,
                        QRect(headerWidth, chartsTop, f.plotRect.width(), stripTop - chartsTop),
                        f.viewport, f.playhead, theme);
}

} // namespace interleave
