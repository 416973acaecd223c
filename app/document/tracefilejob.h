#pragma once

#include "base/progress.h"

#include <QString>
#include <functional>

class QWidget;

namespace interleave {

/// Runs a long load or save on a thread of its own while the window stays live: a progress
/// dialog appears if it takes more than a moment, and its Cancel button stops the work
/// (Progress::report() throws Cancelled there). Returns when the work is over.
class TraceFileJob {
public:
    enum class Outcome { Done, Cancelled, Failed };

    /// `work` runs on the job's thread; it must not touch widgets.
    TraceFileJob(QWidget* parent, QString label, std::function<void(const Progress&)> work);

    /// Runs the work to its end. On Failed, error() says why in one line.
    Outcome run();
    const QString& error() const { return m_error; }

private:
    QWidget* m_parent;
    QString m_label;
    std::function<void(const Progress&)> m_work;
    QString m_error;
};

} // namespace interleave
