#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace interleave {

/// The scenario catalogue, grouped (threads, processes, locks & races, queues & pipes, pools,
/// GIL), with a filter box.
class ScenarioBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioBrowser(QWidget* parent = nullptr);

    QString currentId() const;
    /// Selects the scenario with this id; false if there is none.
    bool select(const QString& id);
    /// Nothing highlighted (a traced script or an imported trace is on show), without a signal.
    void clearSelection();

signals:
    void scenarioSelected(const QString& id);
    /// Double-click or Enter: run it.
    void scenarioActivated(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void filter(const QString& text);
    /// The first scenario the filter leaves shown, or null.
    QTreeWidgetItem* firstShown() const;

    QLineEdit* m_filter;
    QTreeWidget* m_tree;
};

} // namespace interleave
