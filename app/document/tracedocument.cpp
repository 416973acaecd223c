#include "document/tracedocument.h"

#include "qstrings.h"
#include "trace/tracestore.h"

#include <QDateTime>
#include <QFileInfo>
#include <shared_mutex>

namespace interleave {

TraceDocument::TraceDocument(QObject* parent)
    : QObject(parent)
{
}

QString TraceDocument::windowTitle() const
{
    if (!m_trace)
        return "Interleave";
    QString name;
    if (!m_path.isEmpty()) {
        name = QFileInfo(m_path).fileName();
    } else {
        std::shared_lock lock(m_trace->mutex());
        name = qs(m_trace->run.title) + (live() ? " (recording)" : " (not saved)");
    }
    return name + "[*] — Interleave";
}

QString TraceDocument::headline() const
{
    if (!m_trace)
        return {};
    std::shared_lock lock(m_trace->mutex());
    QString text = "<b>" + qs(m_trace->run.title).toHtmlEscaped() + "</b> — ";
    if (live())
        return text + "recording …";
    const std::string& said =
        m_trace->results.verdict.empty() ? m_trace->run.message : m_trace->results.verdict;
    text += qs(said).toHtmlEscaped();
    if (!m_path.isEmpty())
        text += " <span style='color:gray'>(" + m_path.toHtmlEscaped() + ")</span>";
    return text;
}

QString TraceDocument::suggestedBaseName() const
{
    if (!m_path.isEmpty())
        return QFileInfo(m_path).completeBaseName();
    if (!m_trace)
        return "trace";
    std::shared_lock lock(m_trace->mutex());
    const QString scenario = qs(m_trace->run.scenario);
    return (scenario.isEmpty() ? QString("trace") : scenario) + "-" +
           QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

void TraceDocument::beginRecording(std::shared_ptr<TraceStore> trace)
{
    m_trace = std::move(trace);
    m_origin = Origin::Recording;
    m_path.clear();
    setModified(false);
    emit traceChanged();
    emit titleChanged();
}

void TraceDocument::endRecording()
{
    if (m_origin != Origin::Recording)
        return;
    m_origin = Origin::Recorded;
    emit recordingEnded();
    emit titleChanged();
}

void TraceDocument::openFile(std::shared_ptr<TraceStore> trace, const QString& path)
{
    m_trace = std::move(trace);
    m_origin = Origin::File;
    m_path = QFileInfo(path).absoluteFilePath();
    setModified(false);
    emit traceChanged();
    emit titleChanged();
}

void TraceDocument::savedTo(const QString& path)
{
    // Chrome JSON keeps lanes and spans but not notes: the .itrace stays the file to reopen.
    if (!path.endsWith(".itrace", Qt::CaseInsensitive))
        return;
    m_path = QFileInfo(path).absoluteFilePath();
    if (m_origin == Origin::Recorded)
        m_origin = Origin::File;
    setModified(false);
    emit titleChanged();
}

void TraceDocument::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

} // namespace interleave
