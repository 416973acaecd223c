#pragma once

#include "engine/sweep.h"
#include "theme.h"

#include <QWidget>
#include <atomic>
#include <memory>
#include <thread>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace interleave {

class Scenario;
class SweepChart;

/// Runs a scenario once per value of one parameter (in the background) and shows elapsed time
/// and speedup per value, as a table and a chart. Double-click a row to open that run's trace.
class SweepPanel : public QWidget {
    Q_OBJECT
public:
    explicit SweepPanel(QWidget* parent = nullptr);
    ~SweepPanel() override;

    /// The scenario to sweep and the values of its other parameters.
    void setScenario(const Scenario* scenario,
                     std::vector<std::pair<std::string, std::string>> assignments);
    void setTheme(const Theme& theme);
    bool running() const { return m_thread.joinable(); }
    /// Starts a sweep as the controls say (also the Sweep button's action).
    void start();
    void stop();
    const SweepResult& result() const { return m_result; }
    /// Shows a sweep's outcome (the sweep thread hands it over when done).
    void showResult(const SweepResult& result, const QString& error);

signals:
    void traceRequested(const QString& path);
    /// Compare two rows' runs; an empty `first` means the trace on show.
    void compareRequested(const QString& first, const QString& second);
    void sweepFinished();

private:
    void showProgress(const QString& value, std::uint64_t elapsedNs);
    void suggestValues();
    /// The trace file of a row's first run, or empty.
    QString tracePathOf(int row) const;
    void showRowMenu(QPoint position);

    const Scenario* m_scenario = nullptr;
    std::vector<std::pair<std::string, std::string>> m_assignments;
    QComboBox* m_parameter;
    QLineEdit* m_values;
    QSpinBox* m_repeat;
    QPushButton* m_run;
    QLabel* m_status;
    QTableWidget* m_table;
    SweepChart* m_chart;
    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    SweepResult m_result;
};

} // namespace interleave
