#pragma once

#include "theme.h"

#include <QAbstractListModel>
#include <QListView>
#include <vector>

namespace interleave {

class TraceStore;

/// What the workers printed, in time order.
class ConsoleModel : public QAbstractListModel {
    Q_OBJECT
public:
    struct Line {
        std::uint64_t t = 0; ///< Since the start of the run.
        int worker = 0;
        QString workerName;
        QString text;
        bool error = false;
    };
    enum Role { TimeRole = Qt::UserRole + 1, WorkerRole, WorkerNameRole, ErrorRole, CurrentRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    void clear();
    void append(const std::vector<Line>& lines);
    /// Every printed line of a finished or loaded trace.
    void setTrace(const TraceStore& trace);
    const Line& line(int row) const { return m_lines[std::size_t(row)]; }
    /// Playback: only the lines printed up to `t` (since the start) are rows, the last of them
    /// the current line; kEverything shows them all.
    void showUntil(std::uint64_t t);
    static constexpr std::uint64_t kEverything = ~std::uint64_t(0);
    /// The current line during playback, or -1.
    int currentRow() const;

private:
    std::size_t shownCount() const;

    std::vector<Line> m_lines;
    std::uint64_t m_until = kEverything;
};

/// The console: "  1.234 s  Thread-2 │ text", the worker's name in its colour, errors in red.
class ConsoleView : public QListView {
    Q_OBJECT
public:
    explicit ConsoleView(ConsoleModel* model, QWidget* parent = nullptr);
    void setTheme(const Theme& theme);
    /// Keeps the newest line in view while it is at the bottom already.
    void followNewLines();

private:
    const Theme* m_theme;
};

} // namespace interleave
