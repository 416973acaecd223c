#pragma once

#include "export/pictureoptions.h"

#include <QSize>
#include <memory>

class QPainter;

namespace interleave {

class TraceStore;

/// Paints a picture of a trace for slides: title, legend, time ruler, lane labels, lanes with
/// everything the timeline shows, and the counter charts under them, all on one time axis.
/// The same code serves PNG, SVG and PDF. It takes the trace's read lock itself.
class PicturePainter {
public:
    PicturePainter(std::shared_ptr<TraceStore> trace, const PictureOptions& options);

    /// The size the picture will have in logical pixels.
    QSize size() const { return m_options.size; }
    void paint(QPainter& painter) const;

private:
    std::shared_ptr<TraceStore> m_trace;
    PictureOptions m_options;
};

} // namespace interleave
