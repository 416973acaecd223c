#pragma once

#include "theme.h"

#include <QStyledItemDelegate>
#include <QTableView>

namespace interleave {

/// Draws the Profile column of WorkerStatsModel: one bar per worker split by state, widths in
/// proportion to the time spent in each.
class StackedBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit StackedBarDelegate(QObject* parent = nullptr);
    void setTheme(const Theme& theme) { m_theme = &theme; }
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    const Theme* m_theme;
};

/// A read-only statistics table with sensible defaults (sortable, stretch last column).
class StatsTable : public QTableView {
    Q_OBJECT
public:
    explicit StatsTable(QAbstractItemModel* model, QWidget* parent = nullptr);
};

} // namespace interleave
