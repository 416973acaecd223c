#pragma once

#include <QObject>
#include <QString>
#include <memory>

namespace interleave {

class TraceStore;

/// The trace on show and what the window says about it: where it came from (a run being
/// recorded, a finished run, a file), the file it belongs to, whether it has changes that are
/// not saved, the window title and the headline above the lanes. Every part that needs to know
/// "which trace, which file" asks this one object (after Qt Creator's IDocument).
class TraceDocument : public QObject {
    Q_OBJECT
public:
    enum class Origin { None, Recording, Recorded, File };

    explicit TraceDocument(QObject* parent = nullptr);

    std::shared_ptr<TraceStore> trace() const { return m_trace; }
    bool hasTrace() const { return m_trace != nullptr; }
    Origin origin() const { return m_origin; }
    bool live() const { return m_origin == Origin::Recording; }
    /// The file the trace was opened from or last saved to as .itrace (absolute); empty for a
    /// run that was never saved.
    const QString& path() const { return m_path; }
    /// Notes or other changes made since it was opened, recorded or saved.
    bool isModified() const { return m_modified; }

    /// What the window's title bar says: "race.itrace[*] — Interleave", with Qt's placeholder
    /// for the unsaved mark.
    QString windowTitle() const;
    /// The line above the lanes (rich text): the trace's title, its verdict, and its file.
    QString headline() const;
    /// A file name to offer when saving: the file's own, or the scenario and the time.
    QString suggestedBaseName() const;

    /// A run starts recording into `trace`.
    void beginRecording(std::shared_ptr<TraceStore> trace);
    /// The recording run ended; its trace is final.
    void endRecording();
    /// A trace was read from `path`.
    void openFile(std::shared_ptr<TraceStore> trace, const QString& path);
    /// The trace was written to `path`: an .itrace becomes the document's file, and saved.
    void savedTo(const QString& path);
    void setModified(bool modified);

signals:
    /// Another trace is on show (or the same one went from recording to recorded).
    void traceChanged();
    void recordingEnded();
    /// The path, the headline or the window title changed.
    void titleChanged();
    void modifiedChanged(bool modified);

private:
    std::shared_ptr<TraceStore> m_trace;
    Origin m_origin = Origin::None;
    QString m_path;
    bool m_modified = false;
};

} // namespace interleave
