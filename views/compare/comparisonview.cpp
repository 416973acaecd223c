#include "compare/comparisonview.h"

#include "compare/linkedlanes.h"
#include "qstrings.h"
#include "theme.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/comparison.h"
#include "trace/tracestore.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <shared_mutex>

namespace interleave {

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel)
    , m_splitter(new QSplitter(Qt::Vertical))
    , m_theme(&Theme::light())
{
    setObjectName("comparisonView");
    m_summary->setObjectName("comparisonSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setContentsMargins(8, 6, 8, 6);
    m_summary->setAutoFillBackground(true);
    for (int side = 0; side < 2; ++side) {
        m_models[side] = new TimelineModel(this);
        m_zooms[side] = new ZoomControl(this);
        m_timelines[side] = new TimelineWidget(m_models[side], m_zooms[side]);
        m_timelines[side]->setObjectName(side == 0 ? "firstTimeline" : "secondTimeline");
        m_timelines[side]->setGrowRows(true); // a few lanes each: the room is theirs
        m_titles[side] = new QLabel;
        m_titles[side]->setTextFormat(Qt::RichText);
        m_titles[side]->setWordWrap(true);
        m_titles[side]->setContentsMargins(8, 6, 8, 2);
        auto* pane = new QWidget;
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(m_titles[side]);
        layout->addWidget(m_timelines[side], 1);
        m_splitter->addWidget(pane);
    }
    m_splitter->setChildrenCollapsible(false);
    m_zoom = new LinkedZoom(m_zooms[0], m_zooms[1], this);
    m_lanes = new LinkedLanes(m_models, m_timelines, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(m_splitter, 1);
    setFocusProxy(m_timelines[0]);
}

ComparisonView::~ComparisonView()
{
    // The lanes' link goes before the models it adjusts.
    delete m_lanes;
    m_lanes = nullptr;
}

void ComparisonView::setTraces(std::array<std::shared_ptr<TraceStore>, 2> traces,
                               std::array<QString, 2> labels)
{
    m_traces = std::move(traces);
    if (labels[0].isEmpty() && labels[1].isEmpty() && m_traces[0] && m_traces[1]) {
        std::shared_lock first(m_traces[0]->mutex());
        std::shared_lock<std::shared_mutex> second;
        if (m_traces[1] != m_traces[0])
            second = std::shared_lock(m_traces[1]->mutex());
        const auto [a, b] = differingParameters(m_traces[0]->run, m_traces[1]->run);
        labels = {qs(a), qs(b)};
    }
    m_labels = std::move(labels);
    std::array<std::uint64_t, 2> origin{}, length{};
    for (int side = 0; side < 2; ++side) {
        m_models[side]->setTrace(m_traces[side], false);
        origin[side] = m_models[side]->origin();
        length[side] = m_models[side]->end() - m_models[side]->origin();
    }
    m_zoom->setTraces(origin[0], length[0], origin[1], length[1]);
    m_summaryText =
        m_traces[0] && m_traces[1] ? qs(differenceSummary(*m_traces[0], *m_traces[1])) : QString();
    showTitles();
    emit tracesChanged();
}

void ComparisonView::swap()
{
    setTraces({m_traces[1], m_traces[0]}, {m_labels[1], m_labels[0]});
}

void ComparisonView::setScale(LinkedZoom::Scale scale)
{
    m_zoom->setScale(scale);
}

void ComparisonView::fitAll()
{
    m_zoom->fitAll();
}

void ComparisonView::setTheme(const Theme& theme)
{
    m_theme = &theme;
    for (TimelineWidget* timeline : m_timelines)
        timeline->setTheme(theme);
    QPalette palette = m_summary->palette();
    palette.setColor(QPalette::Window, theme.headerBackground);
    palette.setColor(QPalette::WindowText, theme.text);
    m_summary->setPalette(palette);
    QFont big = theme.boldFont;
    big.setPointSizeF(big.pointSizeF() * 1.1);
    m_summary->setFont(big);
    for (QLabel* title : m_titles)
        title->setFont(theme.font);
    showTitles();
}

void ComparisonView::showTitles()
{
    m_summary->setText(m_summaryText.isEmpty()
                           ? QString()
                           : "<b>Difference</b> (upper → lower): " + m_summaryText.toHtmlEscaped());
    for (int side = 0; side < 2; ++side) {
        if (!m_traces[side]) {
            m_titles[side]->clear();
            continue;
        }
        std::shared_lock lock(m_traces[side]->mutex());
        const TraceStore& trace = *m_traces[side];
        // What tells the runs apart first (a sibling scenario's label is its title).
        const QString title = qs(trace.run.title.empty() ? trace.run.scenario : trace.run.title);
        QString text;
        if (!m_labels[side].isEmpty())
            text += "<span style='color:" + m_theme->playhead.name() + "'><b>" +
                    m_labels[side].toHtmlEscaped() + "</b></span>";
        if (m_labels[side] != title)
            text += (text.isEmpty() ? "" : " · ") + QString("<b>") + title.toHtmlEscaped() + "</b>";
        const std::string& said =
            trace.results.verdict.empty() ? trace.run.message : trace.results.verdict;
        if (!said.empty())
            text += " — " + qs(said).toHtmlEscaped();
        m_titles[side]->setText(text);
    }
}

ComparisonOptions ComparisonView::pictureOptions() const
{
    ComparisonOptions options;
    options.size = size();
    options.theme = m_theme;
    options.sharedScale = scale() == LinkedZoom::Scale::Shared;
    for (int side = 0; side < 2; ++side) {
        const std::uint64_t origin = m_models[side]->origin();
        const ZoomControl& zoom = *m_zooms[side];
        options.rangeStart[side] = zoom.windowStart() > origin ? zoom.windowStart() - origin : 0;
        options.rangeEnd[side] =
            std::max(*options.rangeStart[side] + 1,
                     zoom.windowEnd() > origin ? zoom.windowEnd() - origin : 1);
        options.labels[side] = m_labels[side];
    }
    return options;
}

} // namespace interleave
