#include "pictures/pictureexporter.h"

#include "document/tracedocument.h"
#include "document/tracefilejob.h"
#include "export/pictureexport.h"
#include "pictures/exportdialog.h"
#include "qstrings.h"
#include "theme.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"
#include "window/usermessages.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <shared_mutex>

namespace interleave {

PictureExporter::PictureExporter(TraceDocument* document, ZoomControl* zoom,
                                 TimelineWidget* timeline, UserMessages* messages,
                                 QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_zoom(zoom)
    , m_timeline(timeline)
    , m_messages(messages)
    , m_dialogParent(dialogParent)
{
}

bool PictureExporter::exportTo(const QString& path, const PictureOptions& options)
{
    const auto trace = m_document->trace();
    if (!trace) {
        m_messages->error("Cannot export", "There is no trace to draw yet: run a scenario.");
        return false;
    }
    TraceFileJob job(m_dialogParent, "Drawing " + QFileInfo(path).fileName() + " …",
                     [&](const Progress&) { exportPicture(trace, options, path); });
    if (job.run() != TraceFileJob::Outcome::Done) {
        m_messages->error("Cannot export picture", job.error());
        return false;
    }
    m_messages->notice("Exported " + path, 6000);
    return true;
}

void PictureExporter::prompt(const Theme& theme)
{
    const auto trace = m_document->trace();
    if (!trace)
        return;
    ExportDialog::Context context;
    std::uint64_t origin = 0;
    {
        std::shared_lock lock(trace->mutex());
        for (std::size_t i = 0; i < trace->laneCount(); ++i)
            context.laneNames << qs(trace->lane(i).info.name);
        context.title = qs(trace->run.title);
        if (!trace->results.verdict.empty())
            context.title += " — " + qs(trace->results.verdict);
        origin = trace->run.startNs;
    }
    const auto since = [origin](std::uint64_t t) { return t - std::min(t, origin); };
    context.theme = theme.kind == Theme::Kind::Dark ? "dark" : "lecture";
    context.windowSize = m_timeline->size();
    context.viewStart = since(m_zoom->windowStart());
    context.viewEnd = since(m_zoom->windowEnd());
    context.hasSelection = m_zoom->hasSelection();
    context.selectionStart = since(m_zoom->selectionStart());
    context.selectionEnd = since(m_zoom->selectionEnd());
    const TimelineFrame frame = m_timeline->currentFrame();
    if (frame.playhead != 0)
        context.playhead = since(frame.playhead);
    context.momentPoints = frame.momentPoints;
    const QString directory =
        QSettings().value("files/lastPictureDirectory", QDir::homePath()).toString();
    context.suggestedPath = QDir(directory).filePath(m_document->suggestedBaseName() + ".png");
    ExportDialog dialog(context, m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QSettings().setValue("files/lastPictureDirectory", QFileInfo(dialog.path()).absolutePath());
    exportTo(dialog.path(), dialog.options());
}

} // namespace interleave
