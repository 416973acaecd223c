#include "panels/sweeppanel.h"

#include "charts/sweepchart.h"
#include "scenario/scenario.h"
#include "timeline/timecoordinates.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace interleave {

SweepPanel::SweepPanel(QWidget* parent)
    : QWidget(parent)
    , m_parameter(new QComboBox)
    , m_values(new QLineEdit)
    , m_repeat(new QSpinBox)
    , m_run(new QPushButton("Run sweep"))
    , m_status(new QLabel)
    , m_table(new QTableWidget(0, 4))
    , m_chart(new SweepChart)
{
    m_values->setPlaceholderText("values, e.g. 1,4,8,16");
    m_repeat->setRange(1, 20);
    m_repeat->setValue(1);
    m_repeat->setPrefix("× ");
    m_table->setHorizontalHeaderLabels({"Value", "Elapsed", "Speedup", "Verdict"});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip("Double-click a row to open that run's trace; right-click to compare it "
                        "(select two rows to compare them with each other)");

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel("Parameter"));
    controls->addWidget(m_parameter);
    controls->addWidget(new QLabel("Values"));
    controls->addWidget(m_values, 1);
    controls->addWidget(new QLabel("Runs each"));
    controls->addWidget(m_repeat);
    controls->addWidget(m_run);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, [this] { running() ? stop() : start(); });
    connect(m_parameter, &QComboBox::currentIndexChanged, this, &SweepPanel::suggestValues);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (const QString path = tracePathOf(row); !path.isEmpty())
            emit traceRequested(path);
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &SweepPanel::showRowMenu);
}

QString SweepPanel::tracePathOf(int row) const
{
    if (row < 0 || row >= int(m_result.rows.size()) || m_result.rows[std::size_t(row)].runs.empty())
        return {};
    return QString::fromStdString(m_result.rows[std::size_t(row)].runs.front().tracePath);
}

void SweepPanel::showRowMenu(QPoint position)
{
    const QString path = tracePathOf(m_table->rowAt(position.y()));
    if (path.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction("Open This Run", this, [this, path] { emit traceRequested(path); });
    menu.addAction("Compare With the Trace on Show", this,
                   [this, path] { emit compareRequested({}, path); });
    // Two rows selected: those two side by side (a pool of 1 against a pool of 8).
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    if (rows.size() == 2 && !tracePathOf(rows[0]).isEmpty() && !tracePathOf(rows[1]).isEmpty()) {
        const QString first = tracePathOf(rows[0]), second = tracePathOf(rows[1]);
        menu.addAction(QString("Compare Rows %1 and %2").arg(rows[0] + 1).arg(rows[1] + 1), this,
                       [this, first, second] { emit compareRequested(first, second); });
    }
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

SweepPanel::~SweepPanel()
{
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
}

void SweepPanel::setTheme(const Theme& theme)
{
    m_chart->setTheme(theme);
}

void SweepPanel::setScenario(const Scenario* scenario,
                             std::vector<std::pair<std::string, std::string>> assignments)
{
    m_assignments = std::move(assignments);
    if (scenario == m_scenario)
        return;
    // Another scenario: the last one's results would only mislead.
    if (running())
        stop();
    m_scenario = scenario;
    m_result = SweepResult();
    m_table->setRowCount(0);
    m_chart->clear();
    m_status->clear();
    m_parameter->clear();
    if (!scenario)
        return;
    for (const ParameterSpec& spec : scenario->info().parameters) {
        if (spec.type == ParameterType::Integer || spec.type == ParameterType::Real ||
            spec.type == ParameterType::Boolean)
            m_parameter->addItem(QString::fromStdString(spec.label),
                                 QString::fromStdString(spec.name));
    }
    // The parameter a lecturer most likely wants to sweep first.
    for (const char* preferred : {"pool_size", "workers", "processes", "threads"}) {
        const int index = m_parameter->findData(QString(preferred));
        if (index >= 0) {
            m_parameter->setCurrentIndex(index);
            break;
        }
    }
    suggestValues();
}

void SweepPanel::suggestValues()
{
    if (!m_scenario || m_parameter->currentIndex() < 0)
        return;
    const std::string name = m_parameter->currentData().toString().toStdString();
    for (const ParameterSpec& spec : m_scenario->info().parameters) {
        if (spec.name != name)
            continue;
        if (spec.type == ParameterType::Boolean)
            m_values->setText("false,true");
        else if (name == "pool_size")
            m_values->setText("1,4,8,16");
        else if (spec.type == ParameterType::Integer && spec.maximum <= 64)
            m_values->setText("1,2,3,4");
        else
            m_values->setText(QString::fromStdString(formatParameterValue(spec.defaultValue)));
    }
}

void SweepPanel::start()
{
    if (!m_scenario || running())
        return;
    SweepRequest request;
    request.scenario = m_scenario;
    request.parameter = m_parameter->currentData().toString().toStdString();
    for (const auto& assignment : m_assignments) {
        if (assignment.first != request.parameter)
            request.assignments.push_back(assignment);
    }
    request.repeat = m_repeat->value();
    const QString directory =
        QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
            .filePath("interleave-sweep-" +
                      QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss"));
    request.outputDirectory = directory.toStdString();
    try {
        request.values = splitValues(m_values->text().toStdString());
        // Reject bad values now, not after minutes of runs.
        for (const std::string& value : request.values) {
            auto assignments = request.assignments;
            assignments.emplace_back(request.parameter, value);
            resolveParameters(m_scenario->info().parameters, assignments);
        }
    } catch (const std::exception& e) {
        m_status->setText(QString("⚠ %1").arg(e.what()));
        return;
    }
    m_cancel = false;
    request.cancel = &m_cancel;
    m_run->setText("Stop sweep");
    m_status->setText("Sweeping …");
    m_table->setRowCount(0);
    m_thread = std::thread([this, request] {
        SweepResult result;
        QString error;
        try {
            result = runSweep(request, [this](const SweepRow& row, const SweepRun& run) {
                QMetaObject::invokeMethod(
                    this, [this, value = QString::fromStdString(row.valueText),
                           elapsed = run.elapsedNs] { showProgress(value, elapsed); });
            });
        } catch (const std::exception& e) {
            error = e.what();
        }
        QMetaObject::invokeMethod(this, [this, result, error] { showResult(result, error); });
    });
}

void SweepPanel::stop()
{
    m_cancel = true;
    m_status->setText("Stopping …");
}

void SweepPanel::showProgress(const QString& value, std::uint64_t elapsedNs)
{
    m_status->setText(QString("Sweeping … %1 = %2 took %3")
                          .arg(m_parameter->currentData().toString(), value,
                               QString::fromStdString(formatPrecise(elapsedNs))));
}

void SweepPanel::showResult(const SweepResult& result, const QString& error)
{
    if (m_thread.joinable())
        m_thread.join();
    m_run->setText("Run sweep");
    m_result = result;
    if (!error.isEmpty()) {
        m_status->setText("⚠ " + error);
        return;
    }
    m_table->setRowCount(int(result.rows.size()));
    int row = 0;
    for (const SweepRow& r : result.rows) {
        m_table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(r.valueText)));
        m_table->setItem(row, 1,
                         new QTableWidgetItem(QString::fromStdString(formatPrecise(r.elapsedNs))));
        m_table->setItem(row, 2, new QTableWidgetItem(QString::number(r.speedup, 'f', 2) + " ×"));
        m_table->setItem(row, 3, new QTableWidgetItem(QString::fromStdString(r.results.verdict)));
        ++row;
    }
    m_chart->setSweep(result);
    m_status->setText(
        result.cancelled ? "Sweep stopped."
                         : QString("Sweep done: %1 values × %2 runs. Traces in %3")
                               .arg(result.rows.size())
                               .arg(result.repeat)
                               .arg(result.rows.empty() || result.rows.front().runs.empty()
                                        ? QString()
                                        : QFileInfo(QString::fromStdString(
                                                        result.rows.front().runs.front().tracePath))
                                              .absolutePath()));
    emit sweepFinished();
}

} // namespace interleave
