#pragma once

#include "trace/tracemodel.h"

#include <QObject>
#include <cstdint>

namespace interleave {

class AboutPage;
class ChartStack;
class ConsoleModel;
class ConsoleView;
class LegendBar;
class LockStatsModel;
class QueueStatsModel;
class ResultView;
class RunController;
class TimelineModel;
class TimelineWidget;
class TraceDocument;
class TraceStore;
class WorkerStatsModel;
class ZoomControl;

/// Keeps every view of the trace on show current: when another trace comes up (a run starts,
/// a file opens) each view is reset to it; while a run records, new spans, printed lines and
/// statistics flow in; when it ends, everything is rebuilt from the final trace.
class TraceViews : public QObject {
    Q_OBJECT
public:
    /// The views it keeps current; none is owned.
    struct Parts {
        TimelineModel* model = nullptr;
        ZoomControl* zoom = nullptr;
        TimelineWidget* timeline = nullptr;
        LegendBar* legend = nullptr;
        ChartStack* charts = nullptr;
        ConsoleModel* console = nullptr;
        ConsoleView* consoleView = nullptr;
        ResultView* result = nullptr;
        WorkerStatsModel* workerStats = nullptr;
        LockStatsModel* lockStats = nullptr;
        QueueStatsModel* queueStats = nullptr;
        AboutPage* about = nullptr;
    };

    TraceViews(TraceDocument* document, RunController* run, const Parts& parts,
               QObject* parent = nullptr);

    /// Where the user is looking (window, selection, scroll), to be saved with the trace.
    SavedView captureView() const;
    void updateStatistics();

    /// Which tabs have something to show for the trace on show.
    struct Content {
        bool python = true;
        bool console = true;
        bool workers = true;
        bool locks = true;
        bool queues = true;
        bool result = true;
    };
    Content content() const;

signals:
    /// An imported trace came up: its page says what came in.
    void importedTraceShown();
    /// What the trace has to show changed (another trace, its end, new statistics).
    void contentChanged();

private:
    void show();
    void followRecording();
    void recordingEnded();
    /// Puts the window, selection and scroll the trace was saved with back.
    void applySavedView();
    /// Imported traces: the slice names that take the most time, in the legend.
    /// The legend's note on where a traced program's GIL states come from.
    void showGilSource(const TraceStore& trace);
    void showImported(const TraceStore& trace);

    TraceDocument* m_document;
    RunController* m_run;
    Parts m_parts;
    std::int64_t m_lastStatisticsMs = 0;
};

} // namespace interleave
