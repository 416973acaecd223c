#include "document/tracefiles.h"

#include "document/recentfiles.h"
#include "document/tracedocument.h"
#include "document/tracefilejob.h"
#include "format/chromejson.h"
#include "format/itracewriter.h"
#include "format/traceloader.h"
#include "trace/tracestore.h"
#include "window/usermessages.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QSettings>
#include <QTimer>
#include <QUrl>
#include <mutex>
#include <shared_mutex>

namespace interleave {

namespace {

bool isTraceFile(const QString& path)
{
    return path.endsWith(".itrace", Qt::CaseInsensitive) ||
           path.endsWith(".json", Qt::CaseInsensitive);
}

} // namespace

TraceFiles::TraceFiles(TraceDocument* document, RecentFiles* recent, UserMessages* messages,
                       QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_recent(recent)
    , m_messages(messages)
    , m_dialogParent(dialogParent)
{
}

bool TraceFiles::open(const QString& path)
{
    if (m_document->live()) {
        m_messages->error("Cannot open trace", "Stop the run first: it is still recording.");
        return false;
    }
    const std::shared_ptr<TraceStore> trace = load(path);
    if (!trace)
        return false;
    m_document->openFile(trace, path);
    m_recent->remember(m_document->path());
    m_messages->notice("Opened " + path);
    return true;
}

std::shared_ptr<TraceStore> TraceFiles::load(const QString& path)
{
    std::shared_ptr<TraceStore> trace;
    TraceFileJob job(
        m_dialogParent, "Opening " + QFileInfo(path).fileName() + " …",
        [&](const Progress& progress) { trace = loadTraceFile(path.toStdString(), progress); });
    switch (job.run()) {
    case TraceFileJob::Outcome::Cancelled:
        m_messages->notice("Opening cancelled; the trace on show is unchanged", 6000);
        return nullptr;
    case TraceFileJob::Outcome::Failed:
        m_messages->error("Cannot open trace", job.error());
        return nullptr;
    case TraceFileJob::Outcome::Done: break;
    }
    return trace;
}

bool TraceFiles::saveAs(const QString& path)
{
    const auto trace = m_document->trace();
    if (!trace || m_document->live()) {
        m_messages->error("Cannot save", trace ? "Stop the run first: it is still recording."
                                               : "There is no trace to save yet: run a scenario.");
        return false;
    }
    if (m_captureView) {
        // The view goes into the file, so that the trace reopens where it was left.
        const SavedView view = m_captureView();
        std::unique_lock lock(trace->mutex());
        trace->view = view;
    }
    const bool json = path.endsWith(".json", Qt::CaseInsensitive);
    TraceFileJob job(m_dialogParent, "Saving " + QFileInfo(path).fileName() + " …",
                     [&](const Progress& progress) {
                         std::shared_lock lock(trace->mutex());
                         if (json)
                             saveChromeJson(*trace, path.toStdString());
                         else
                             saveTrace(*trace, path.toStdString(), progress);
                     });
    switch (job.run()) {
    case TraceFileJob::Outcome::Cancelled:
        m_messages->notice("Saving cancelled; nothing was written", 6000);
        return false;
    case TraceFileJob::Outcome::Failed:
        m_messages->error("Cannot save trace", job.error());
        return false;
    case TraceFileJob::Outcome::Done: break;
    }
    m_document->savedTo(path);
    m_recent->remember(QFileInfo(path).absoluteFilePath());
    m_messages->notice("Saved " + path);
    return true;
}

void TraceFiles::save()
{
    const QString& path = m_document->path();
    if (!path.isEmpty() && path.endsWith(".itrace", Qt::CaseInsensitive))
        saveAs(path);
    else
        promptSaveAs();
}

void TraceFiles::promptOpen()
{
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, "Open trace", QString(),
                                                      "Traces (*.itrace *.json);;All files (*)");
    if (!path.isEmpty())
        open(path);
}

void TraceFiles::promptSaveAs()
{
    if (!m_document->hasTrace())
        return;
    QString suggested = m_document->path();
    if (!suggested.endsWith(".itrace", Qt::CaseInsensitive)) {
        const QString directory =
            QSettings().value("files/lastDirectory", QDir::homePath()).toString();
        suggested = QDir(directory).filePath(m_document->suggestedBaseName() + ".itrace");
    }
    const QString path = QFileDialog::getSaveFileName(
        m_dialogParent, "Save trace", suggested,
        "Interleave trace (*.itrace);;Chrome trace JSON for Perfetto UI (*.json)");
    if (path.isEmpty())
        return;
    QSettings().setValue("files/lastDirectory", QFileInfo(path).absolutePath());
    saveAs(path);
}

bool TraceFiles::acceptsDrop(const QMimeData* data)
{
    for (const QUrl& url : data->urls()) {
        if (isTraceFile(url.toLocalFile()))
            return true;
    }
    return false;
}

void TraceFiles::drop(const QMimeData* data)
{
    for (const QUrl& url : data->urls()) {
        const QString path = url.toLocalFile();
        if (!path.isEmpty()) {
            QTimer::singleShot(0, this, [this, path] { open(path); });
            return;
        }
    }
}

} // namespace interleave
