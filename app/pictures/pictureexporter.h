#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace interleave {

class TimelineWidget;
class TraceDocument;
class UserMessages;
class ZoomControl;
struct PictureOptions;
struct Theme;

/// File > Export Picture: asks how (ExportDialog, with the current view and selection
/// offered), then draws the trace on show to PNG, SVG or PDF on the background job.
class PictureExporter : public QObject {
    Q_OBJECT
public:
    PictureExporter(TraceDocument* document, ZoomControl* zoom, TimelineWidget* timeline,
                    UserMessages* messages, QWidget* dialogParent, QObject* parent = nullptr);

    /// Writes the picture; false (and a message saying why) if it could not be written.
    bool exportTo(const QString& path, const PictureOptions& options);
    /// Shows the export dialog, offering `theme`'s look first, and exports what it says.
    void prompt(const Theme& theme);

private:
    TraceDocument* m_document;
    ZoomControl* m_zoom;
    TimelineWidget* m_timeline;
    UserMessages* m_messages;
    QWidget* m_dialogParent;
};

} // namespace interleave
