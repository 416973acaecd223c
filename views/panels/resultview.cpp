#include "panels/resultview.h"

#include "timeline/timecoordinates.h"
#include "trace/tracestore.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
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
        m_values->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
        m_values->setItem(row, 1, new QTableWidgetItem(valueText(name, value)));
        ++row;
    }
}

} // namespace interleave
