#include "window/inspector.h"

#include "document/tracedocument.h"
#include "panels/detailspanel.h"
#include "panels/findbar.h"
#include "timeline/timelinewidget.h"
#include "trace/tracestore.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <algorithm>
#include <map>
#include <shared_mutex>

namespace interleave {

Inspector::Inspector(TraceDocument* document, TimelineWidget* timeline, DetailsPanel* details,
                     FindBar* find, std::vector<QWidget*> picture, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_timeline(timeline)
    , m_details(details)
    , m_find(find)
    , m_picture(std::move(picture))
{
    connect(m_timeline, &TimelineWidget::selectionChanged, this, &Inspector::showSelection);
    connect(m_details, &DetailsPanel::targetRequested, this, &Inspector::goTo);
    connect(m_find, &FindBar::hitChosen, this, &Inspector::showHit);
    connect(m_document, &TraceDocument::traceChanged, this, [this] {
        m_details->clear();
        const auto trace = m_document->trace();
        std::uint64_t origin = 0;
        if (trace) {
            std::shared_lock lock(trace->mutex());
            origin = trace->run.startNs;
        }
        m_find->setTrace(trace, origin);
    });
}

void Inspector::showSelection()
{
    const auto trace = m_document->trace();
    const TimelineItem& item = m_timeline->selected();
    if (!trace || !item.valid()) {
        m_details->clear();
        return;
    }
    {
        std::shared_lock lock(trace->mutex());
        m_details->setDetails(describe(*trace, item, trace->run.startNs));
    }
    emit detailsShown();
}

void Inspector::goTo(const TimelineTarget& target)
{
    m_timeline->goTo(target);
}

void Inspector::showHit(const SearchHit& hit)
{
    m_timeline->goTo(hit.target);
    if (hit.item.valid())
        m_timeline->select(hit.item);
}

void Inspector::copy()
{
    // A table with focus: its selected rows, tab-separated, as spreadsheets paste them.
    if (auto* view = qobject_cast<QAbstractItemView*>(QApplication::focusWidget());
        view != nullptr && view->model() != nullptr && view->selectionModel() != nullptr) {
        std::map<int, std::map<int, QString>> cells;
        for (const QModelIndex& index : view->selectionModel()->selectedIndexes())
            cells[index.row()][index.column()] = index.data(Qt::DisplayRole).toString();
        QStringList lines;
        for (const auto& [row, columns] : cells) {
            QStringList values;
            for (const auto& [column, text] : columns)
                values << text;
            lines << values.join('\t');
        }
        if (!lines.isEmpty()) {
            QApplication::clipboard()->setText(lines.join('\n') + '\n');
            return;
        }
    }
    if (!m_details->details().title.empty())
        QApplication::clipboard()->setText(QString::fromStdString(m_details->details().text()));
}

void Inspector::copyViewPicture()
{
    std::vector<QPixmap> parts;
    int width = 0, height = 0;
    for (QWidget* widget : m_picture) {
        if (!widget->isVisible())
            continue;
        parts.push_back(widget->grab());
        width = std::max(width, parts.back().width());
        height += parts.back().height();
    }
    if (parts.empty())
        return;
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    int y = 0;
    for (const QPixmap& part : parts) {
        painter.drawPixmap(0, y, part);
        y += part.height();
    }
    painter.end();
    QApplication::clipboard()->setImage(image);
}

} // namespace interleave
