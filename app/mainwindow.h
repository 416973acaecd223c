#pragma once

#include <QMainWindow>

class QTextBrowser;
class QTreeWidget;

namespace interleave {

/// The application window. At this stage: the scenario catalogue with each scenario's
/// description, parameters and equivalent Python program.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    void showScenario(const QString& id);

    QTreeWidget* m_scenarios;
    QTextBrowser* m_details;
};

} // namespace interleave
