#pragma once

#include "trace/tracemodel.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QMimeData;
class QWidget;

namespace interleave {

class RecentFiles;
class TraceStore;
class TraceDocument;
class UserMessages;

/// Opening and saving traces: File > Open, Open Recent, Save, Save As and files dropped on the
/// window. Reading and writing run on a background job (progress, Cancel); a failure says why
/// in one line and leaves the trace on show and the file on disk as they were.
class TraceFiles : public QObject {
    Q_OBJECT
public:
    TraceFiles(TraceDocument* document, RecentFiles* recent, UserMessages* messages,
               QWidget* dialogParent, QObject* parent = nullptr);

    /// What the user is looking at, stored in the file so that it reopens there.
    void setViewCapture(std::function<SavedView()> capture) { m_captureView = std::move(capture); }

    /// Opens an .itrace or Chrome JSON file. False (and a message) if it could not be read.
    bool open(const QString& path);
    /// Reads a trace file without putting it on show (to compare with); null (and a message)
    /// if it could not be read.
    std::shared_ptr<TraceStore> load(const QString& path);
    /// Writes the trace on show with its notes and view; .itrace or .json by the name.
    bool saveAs(const QString& path);
    /// Saves to the document's .itrace, or asks where.
    void save();
    /// Asks for a file, then opens it.
    void promptOpen();
    /// Asks for a file name, then saves.
    void promptSaveAs();

    /// Whether a drag carries a file the window can take.
    static bool acceptsDrop(const QMimeData* data);
    /// Takes the first file of a drop, after the drop has returned (the source must not wait).
    void drop(const QMimeData* data);

private:
    TraceDocument* m_document;
    RecentFiles* m_recent;
    UserMessages* m_messages;
    QWidget* m_dialogParent;
    std::function<SavedView()> m_captureView;
};

} // namespace interleave
