#pragma once

#include <QObject>

class QWidget;

namespace interleave {

class DetailsPanel;
class FindBar;
class TimelineWidget;
class TraceDocument;
struct SearchHit;
struct TimelineTarget;

/// What the user points at and takes away: the Details tab follows every click on the
/// timeline (and its links go there), Find shows its matches there, and Copy takes the
/// selection's details, the rows of a table, or the view as a picture.
class Inspector : public QObject {
    Q_OBJECT
public:
    /// `picture` lists the widgets that make up "the view", top to bottom.
    Inspector(TraceDocument* document, TimelineWidget* timeline, DetailsPanel* details,
              FindBar* find, std::vector<QWidget*> picture, QObject* parent = nullptr);

    /// Ctrl+C: the rows selected in the table that has focus, else the selection's details.
    void copy();
    /// Ctrl+Shift+C: the timeline and its charts as they are on screen.
    void copyViewPicture();

signals:
    /// The selection changed and the details show it: the window brings them forward.
    void detailsShown();

private:
    void showSelection();
    void goTo(const TimelineTarget& target);
    void showHit(const SearchHit& hit);

    TraceDocument* m_document;
    TimelineWidget* m_timeline;
    DetailsPanel* m_details;
    FindBar* m_find;
    std::vector<QWidget*> m_picture;
};

} // namespace interleave
