#pragma once

#include <QTextBrowser>

namespace interleave {

class TraceStore;
struct ScenarioInfo;

/// The "What to look for" page: a scenario's title, what its lesson is, what to watch for on
/// the timeline and its parameters; for an imported trace, what came in (lanes, slices, flows).
class AboutPage : public QTextBrowser {
    Q_OBJECT
public:
    explicit AboutPage(QWidget* parent = nullptr);

    void showScenario(const ScenarioInfo& info);
    /// The caller holds the trace's read lock.
    void showImported(const TraceStore& trace);
};

} // namespace interleave
