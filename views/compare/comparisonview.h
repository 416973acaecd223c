#pragma once

#include "compare/linkedzoom.h"
#include "export/comparisonpicture.h"

#include <QWidget>
#include <array>
#include <memory>

class QLabel;
class QSplitter;

namespace interleave {

class LinkedLanes;
class TimelineModel;
class TimelineWidget;
class TraceStore;
class ZoomControl;
struct Theme;

/// Two runs stacked for comparison: a one-line difference summary on top, then each run with
/// what tells it apart, its title and verdict, and its timeline. Both timelines follow one
/// zoom (a shared time scale from their starts, or each fitted to its length), lanes of the
/// same name sit at the same height, and scrolling one scrolls the other.
class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);
    ~ComparisonView() override;

    /// Shows two finished traces, the first above. `labels` say what tells them apart
    /// ("lock = false"); empty ones are filled with the parameters that differ.
    void setTraces(std::array<std::shared_ptr<TraceStore>, 2> traces,
                   std::array<QString, 2> labels = {});
    /// The second above, the first below.
    void swap();
    LinkedZoom::Scale scale() const { return m_zoom->scale(); }
    void setScale(LinkedZoom::Scale scale);
    void fitAll();
    void setTheme(const Theme& theme);

    std::shared_ptr<TraceStore> trace(int side) const { return m_traces[side]; }
    const QString& label(int side) const { return m_labels[side]; }
    /// "elapsed 24.8 ms → 43.3 ms (1.75× slower) · max parallel ...", first → second.
    const QString& summary() const { return m_summaryText; }
    TimelineModel* model(int side) const { return m_models[side]; }
    ZoomControl* zoom(int side) const { return m_zooms[side]; }
    TimelineWidget* timeline(int side) const { return m_timelines[side]; }

    /// What a picture of the view as it is shows: both windows, the scale, the labels.
    ComparisonOptions pictureOptions() const;

signals:
    /// Other traces are on show (or the same, swapped).
    void tracesChanged();

private:
    void showTitles();

    std::array<TimelineModel*, 2> m_models;
    std::array<ZoomControl*, 2> m_zooms;
    std::array<TimelineWidget*, 2> m_timelines;
    std::array<QLabel*, 2> m_titles;
    QLabel* m_summary;
    QSplitter* m_splitter;
    LinkedZoom* m_zoom;
    LinkedLanes* m_lanes;
    const Theme* m_theme;
    std::array<std::shared_ptr<TraceStore>, 2> m_traces;
    std::array<QString, 2> m_labels;
    QString m_summaryText;
};

} // namespace interleave
