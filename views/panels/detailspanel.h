#pragma once

#include "theme.h"
#include "trace/details.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace interleave {

/// The selection in full: every field of the span, event or slice clicked on the timeline, its
/// object, an imported slice's args as a table, and links to the related events (the put of
/// this get, the release that ended this wait, the worker joined). A link goes there.
class DetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DetailsPanel(QWidget* parent = nullptr);

    void setDetails(const Details& details);
    void clear();
    const Details& details() const { return m_details; }
    void setTheme(const Theme& theme);

signals:
    /// A link was followed: show that place on the timeline.
    void targetRequested(const TimelineTarget& target);

private:
    QLabel* m_title;
    QLabel* m_summary;
    QTreeWidget* m_rows;
    Details m_details;
    const Theme* m_theme;
};

} // namespace interleave
