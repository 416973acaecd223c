#include "panels/aboutpage.h"

#include "qstrings.h"
#include "scenario/scenario.h"
#include "trace/tracestore.h"

namespace interleave {

AboutPage::AboutPage(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenExternalLinks(false);
}

void AboutPage::showScenario(const ScenarioInfo& info)
{
    QString about = "<h2>" + qs(info.title).toHtmlEscaped() + "</h2><p><i>" +
                    qs(info.summary).toHtmlEscaped() + "</i></p><p>" +
                    qs(info.whatToLookFor).toHtmlEscaped() + "</p>";
    if (!info.parameters.empty())
        about += "<h4>Parameters</h4><ul>";
    for (const ParameterSpec& spec : info.parameters)
        about += "<li><b>" + qs(spec.label).toHtmlEscaped() + "</b> <code>" + qs(spec.name) +
                 "</code> — " + qs(spec.help).toHtmlEscaped() + "</li>";
    if (!info.parameters.empty())
        about += "</ul>";
    const QString command =
        info.commandLine.empty() ? "interleave run " + qs(info.id) : qs(info.commandLine);
    about += "<p style='color:gray'>Command line: <code>" + command.toHtmlEscaped() + "</code></p>";
    setHtml(about);
}

void AboutPage::showImported(const TraceStore& trace)
{
    std::size_t slices = 0;
    QString lanes;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        slices += lane.slices.sliceCount();
        lanes += "<li>" + qs(lane.info.name).toHtmlEscaped() +
                 QString(" <span style='color:gray'>pid %1, tid %2: %3 slices, %4 deep</span></li>")
                     .arg(lane.info.pid)
                     .arg(lane.info.tid)
                     .arg(lane.slices.sliceCount())
                     .arg(lane.slices.depth());
    }
    const auto count = [](std::size_t n, const char* one, const char* many) {
        return QString::number(n) + " " + (n == 1 ? one : many);
    };
    setHtml("<h2>" + qs(trace.run.title).toHtmlEscaped() + "</h2><p>Imported from " +
            qs(trace.run.importedFrom).toHtmlEscaped() + ": " +
            qs(trace.run.message).toHtmlEscaped() + ".</p><p>" + QString::number(slices) +
            " slices on " + QString::number(trace.laneCount()) + " lanes, " +
            count(trace.flows.size(), "flow arrow", "flow arrows") + ", " +
            count(trace.counters().size(), "counter", "counters") + ".</p>" +
            "<p>Hover a slice for its name, duration and arguments. Lanes are grouped "
            "by process; rows inside a lane are nesting depths.</p><h4>Lanes</h4><ul>" +
            lanes + "</ul>");
}

} // namespace interleave
