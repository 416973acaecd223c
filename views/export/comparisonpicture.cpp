#include "export/comparisonpicture.h"

#include "export/picturepainter.h"
#include "qstrings.h"
#include "theme.h"
#include "trace/comparison.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <algorithm>
#include <shared_mutex>
#include <stdexcept>

namespace interleave {

namespace {

/// "lock = false · Race between threads — the end value is 1 ...": the side's title line.
QString sideTitle(const TraceStore& trace, const QString& label)
{
    std::shared_lock lock(trace.mutex());
    QString title = qs(trace.run.title.empty() ? trace.run.scenario : trace.run.title);
    if (!label.isEmpty())
        title = label + " · " + title;
    if (!trace.results.verdict.empty())
        title += " — " + qs(trace.results.verdict);
    return title;
}

/// `text` in lines no wider than `width`, broken only at `separator`.
QStringList wrapAt(const QFontMetrics& metrics, const QString& text, const QString& separator,
                   int width)
{
    QStringList lines;
    QString line;
    for (const QString& part : text.split(separator)) {
        const QString longer = line.isEmpty() ? part : line + separator + part;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line + " " + separator.trimmed();
            line = part;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines;
}

} // namespace

ComparisonPainter::ComparisonPainter(std::shared_ptr<TraceStore> first,
                                     std::shared_ptr<TraceStore> second,
                                     const ComparisonOptions& options)
    : m_traces{std::move(first), std::move(second)}
    , m_options(options)
{
    if (m_options.theme == nullptr)
        m_options.theme = &Theme::lecture();
    m_summary = qs(differenceSummary(*m_traces[0], *m_traces[1]));
}

void ComparisonPainter::paint(QPainter& painter) const
{
    const Theme& theme = *m_options.theme;
    const QRect all(QPoint(0, 0), m_options.size);
    painter.fillRect(all, theme.background);
    const int margin = 16;

    // The difference, first → second, in a band across the top; its figures wrap between
    // them when the line is too long for the picture.
    QFont bold = theme.boldFont;
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    const QFontMetrics metrics(bold);
    const QStringList lines =
        wrapAt(metrics, "Difference: " + m_summary, " · ", all.width() - 2 * margin);
    const int band = int(lines.size()) * metrics.height() + 12;
    painter.fillRect(QRect(0, 0, all.width(), band), theme.headerBackground);
    painter.setPen(theme.text);
    painter.setFont(bold);
    for (int i = 0; i < lines.size(); ++i)
        painter.drawText(
            QRect(margin, 6 + i * metrics.height(), all.width() - 2 * margin, metrics.height()),
            Qt::AlignVCenter,
            metrics.elidedText(lines[i], Qt::ElideRight, all.width() - 2 * margin));

    std::array<std::uint64_t, 2> lengths{};
    for (int side = 0; side < 2; ++side) {
        std::shared_lock lock(m_traces[side]->mutex());
        lengths[side] = std::max<std::uint64_t>(1, m_traces[side]->run.durationNs());
    }
    const std::uint64_t longest = std::max(lengths[0], lengths[1]);
    const int half = (all.height() - band) / 2;
    for (int side = 0; side < 2; ++side) {
        PictureOptions options;
        options.size = QSize(all.width(), half);
        options.theme = &theme;
        options.title = sideTitle(*m_traces[side], m_options.labels[side]);
        options.legend = m_options.legend;
        options.charts = false;
        options.alignWith = m_traces[1 - side];
        options.alignSide = side;
        options.clampRange = !m_options.sharedScale;
        options.rangeStart = m_options.rangeStart[side];
        options.rangeEnd = m_options.rangeEnd[side];
        if (m_options.sharedScale && !options.rangeEnd)
            options.rangeEnd = longest; // the shorter run ends early on the shared axis
        const PicturePainter picture(m_traces[side], options);
        painter.save();
        painter.translate(0, band + side * half);
        painter.setClipRect(QRect(0, 0, all.width(), half));
        picture.paint(painter);
        painter.restore();
    }
    // A rule between the two runs.
    painter.setPen(QPen(theme.text, 2));
    painter.drawLine(0, band + half, all.width(), band + half);
}

Drawing comparisonDrawing(std::shared_ptr<TraceStore> first, std::shared_ptr<TraceStore> second,
                          const ComparisonOptions& options)
{
    validatePictureSize(options.size, options.scale);
    if (options.size.height() < 240)
        throw std::runtime_error("a comparison needs a picture at least 240 pixels high");
    for (int side = 0; side < 2; ++side) {
        if (options.rangeStart[side] && options.rangeEnd[side] &&
            *options.rangeEnd[side] <= *options.rangeStart[side])
            throw std::runtime_error("the range's end must come after its start");
    }
    auto painter =
        std::make_shared<ComparisonPainter>(std::move(first), std::move(second), options);
    return Drawing{options.size, options.scale, [painter](QPainter& p) { painter->paint(p); },
                   "Interleave comparison"};
}

} // namespace interleave
