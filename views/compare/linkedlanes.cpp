#include "compare/linkedlanes.h"

#include "timeline/lanealignment.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"

#include <QTimer>

namespace interleave {

namespace {

bool sameShape(const LaneLayout& a, const LaneLayout& b)
{
    if (a.rows().size() != b.rows().size())
        return false;
    for (std::size_t i = 0; i < a.rows().size(); ++i) {
        const LaneRow& x = a.rows()[i];
        const LaneRow& y = b.rows()[i];
        if (x.header != y.header || x.label != y.label || x.height != y.height)
            return false;
    }
    return true;
}

} // namespace

LinkedLanes::LinkedLanes(std::array<TimelineModel*, 2> models, std::array<TimelineWidget*, 2> views,
                         QObject* parent)
    : QObject(parent)
    , m_models(models)
    , m_views(views)
{
    for (int side = 0; side < 2; ++side) {
        m_models[side]->setLayoutAdjustment(
            [this, side](LaneLayout& layout) { adjust(side, layout); });
        connect(m_models[side], &TimelineModel::layoutChanged, this,
                &LinkedLanes::matchHeaderWidths, Qt::QueuedConnection);
        connect(m_views[side], &TimelineWidget::scrolledVertically, this, [this, side](int y) {
            if (m_scrolling)
                return;
            m_scrolling = true;
            m_views[1 - side]->setScrollY(y);
            m_scrolling = false;
        });
        connect(m_views[side], &TimelineWidget::headerWidthChosen, this, [this](int width) {
            m_chosenWidth = width;
            matchHeaderWidths();
        });
    }
}

LinkedLanes::~LinkedLanes()
{
    for (TimelineModel* model : m_models)
        model->setLayoutAdjustment({});
}

void LinkedLanes::adjust(int side, LaneLayout& layout)
{
    const bool changed = !m_built[side] || !sameShape(m_natural[side], layout);
    m_natural[side] = layout;
    m_built[side] = true;
    const int other = 1 - side;
    if (!m_built[other])
        return;
    const LaneAlignment alignment = alignLanes(m_natural[0], m_natural[1]);
    alignment.apply(layout, side);
    // The other side lines up with this one as it is now; not from inside this rebuild,
    // which holds this trace's lock.
    if (changed)
        QTimer::singleShot(0, m_models[other], &TimelineModel::relayout);
}

void LinkedLanes::matchHeaderWidths()
{
    const int width = m_chosenWidth > 0 ? m_chosenWidth
                                        : std::max(m_views[0]->fittedHeaderWidth(),
                                                   m_views[1]->fittedHeaderWidth());
    for (TimelineWidget* view : m_views)
        view->setHeaderWidth(width);
}

} // namespace interleave
