#include "panels/resultview.h"

#include "timeline/timecoordinates.h"
#include "trace/tracestore.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
#include <sstream>

namespace interleave {

namespace {

QString valueText(const std::string& name, const ResultValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        if (name.size() > 3 && name.compare(name.size() - 3, 3, "_ns") == 0 && *i >= 0)
            return QString::fromStdString(formatPrecise(std::uint64_t(*i)));
        return QString::number(*i);
    }
    if (const auto* d = std::get_if<double>(&value))
        return QString::number(*d, 'g', 4);
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? "yes" : "no";
    return QString::fromStdString(std::get<std::string>(value));
}

} // namespace

QString resultLabel(const std::string& name)
{
    // The names `info --json` uses are for programs; people read these.
    static const std::map<std::string, const char*> labels = {
        {"single_ns", "One call alone"},
        {"parallel_ns", "All workers together"},
        {"ratio", "Together ÷ alone"},
        {"expected_ratio", "Expected ratio"},
        {"compute_overlap_ns", "Compute overlapping"},
        {"max_parallel_running", "Most running at once"},
        {"max_cores_busy", "Most cores busy at once"},
        {"max_cores_busy_processes", "Most cores busy (processes)"},
        {"max_threads_running_at_once", "Most threads running at once"},
        {"cores_used_by_processes", "Cores the processes used"},
        {"final_value", "Final value"},
        {"expected", "Expected"},
        {"lost_updates", "Updates lost"},
        {"overwrites_found", "Stale writes (✕ on the timeline)"},
        {"lock", "With a lock"},
        {"elapsed_ns", "Elapsed"},
        {"serial_ns", "One after another would take"},
        {"speedup_vs_serial", "Speedup over one after another"},
        {"longest_task_ns", "Longest task"},
        {"tasks_run", "Tasks run"},
        {"max_concurrent_tasks", "Most tasks at once"},
        {"median_latency_ns", "Median latency"},
        {"max_depth", "Deepest queue"},
        {"final_depth", "Depth at the end"},
        {"lost_items", "Items lost"},
        {"lock_wait_ns", "Time waiting for the lock"},
        {"holder_held_ns", "Held by the holder"},
        {"sections_overlap_ns", "Locked sections overlapping"},
        {"sleep_overlap_ns", "Sleeps overlapping"},
        {"thread_start_ns", "Thread start latency"},
        {"process_start_ns", "Process start latency"},
        {"joins_after_child_ended", "Joins that waited for their child"},
        {"distinct_pids", "Distinct pids"},
        {"stopped_at_sentinel", "Stopped at the sentinel"},
        {"in_input_order", "Results in input order"},
        {"workers_used", "Workers used"},
        {"output_lines", "Printed lines"},
    };
    if (const auto it = labels.find(name); it != labels.end())
        return QString::fromUtf8(it->second);
    // Otherwise: "thread_switches" -> "Thread switches".
    std::string text = name;
    if (text.size() > 3 && text.compare(text.size() - 3, 3, "_ns") == 0)
        text.resize(text.size() - 3);
    std::replace(text.begin(), text.end(), '_', ' ');
    QString label = QString::fromStdString(text);
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return label;
}

ResultView::ResultView(QWidget* parent)
    : QWidget(parent)
    , m_verdict(new QLabel)
    , m_outcome(new QLabel)
    , m_values(new QTableWidget(0, 2))
{
    m_verdict->setWordWrap(true);
    m_verdict->setObjectName("verdict");
    QFont font = m_verdict->font();
    font.setPointSizeF(font.pointSizeF() * 1.35);
    font.setBold(true);
    m_verdict->setFont(font);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setWordWrap(true);
    m_values->setHorizontalHeaderLabels({"Result", "Value"});
    m_values->verticalHeader()->hide();
    m_values->horizontalHeader()->setStretchLastSection(true);
    m_values->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_values->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_values->setAlternatingRowColors(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(m_outcome);
    layout->addWidget(m_values, 1);
    clear();
}

void ResultView::clear()
{
    m_verdict->setText("No run yet.");
    m_outcome->clear();
    m_values->setRowCount(0);
}

void ResultView::setRunning(const QString& title)
{
    m_verdict->setText("Running " + title + " …");
    m_outcome->setText("The verdict appears when the run ends.");
    m_values->setRowCount(0);
}

QString ResultView::verdict() const
{
    return m_verdict->text();
}

void ResultView::setTrace(const TraceStore& trace)
{
    const Results& results = trace.results;
    const bool completed = trace.run.outcome == "completed";
    const QString mark = !completed ? "⚠ " : results.lessonShown ? "✔ " : "✘ ";
    m_verdict->setText(mark + QString::fromStdString(results.verdict));
    QString outcome = QString("Run %1 after %2")
                          .arg(QString::fromStdString(trace.run.outcome),
                               QString::fromStdString(formatPrecise(trace.run.durationNs())));
    if (!trace.run.message.empty())
        outcome += ": " + QString::fromStdString(trace.run.message);
    outcome += completed ? (results.lessonShown ? ". The lesson showed."
                                                : ". The lesson did not show this time.")
                         : ".";
    m_outcome->setText(outcome);
    m_values->setRowCount(int(results.values.size()));
    int row = 0;
    for (const auto& [name, value] : results.values) {
        auto* label = new QTableWidgetItem(resultLabel(name));
        label->setToolTip(QString::fromStdString("results." + name + " in interleave info --json"));
        m_values->setItem(row, 0, label);
        m_values->setItem(row, 1, new QTableWidgetItem(valueText(name, value)));
        ++row;
    }
}

} // namespace interleave
