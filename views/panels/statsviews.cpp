#include "panels/statsviews.h"

#include "panels/statsmodels.h"

#include <QHeaderView>
#include <QPainter>
#include <QSortFilterProxyModel>

namespace interleave {

namespace {
constexpr LaneState kBarStates[] = {LaneState::Running, LaneState::Runnable,  LaneState::LockWait,
                                    LaneState::GilWait, LaneState::QueueWait, LaneState::Sleeping,
                                    LaneState::Joining};
}

StackedBarDelegate::StackedBarDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_theme(&Theme::light())
{
}

void StackedBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    const QVariant states = index.data(WorkerStatsModel::StatesRole);
    if (!states.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QVariantList values = states.toList();
    double total = 0;
    for (const QVariant& value : values)
        total += double(value.toULongLong());
    const QRectF bar = QRectF(option.rect).adjusted(4, 4, -4, -4);
    painter->save();
    painter->fillRect(bar, m_theme->laneAlternate);
    if (total > 0) {
        double x = bar.left();
        for (int i = 0; i < values.size() && i < int(std::size(kBarStates)); ++i) {
            const double width = bar.width() * double(values[i].toULongLong()) / total;
            painter->fillRect(QRectF(x, bar.top(), width, bar.height()),
                              m_theme->stateColor(kBarStates[i]));
            x += width;
        }
    }
    painter->restore();
}

QSize StackedBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    const QVariant states = index.data(WorkerStatsModel::StatesRole);
    if (states.isValid())
        return QSize(260, QStyledItemDelegate::sizeHint(option, index).height());
    return QStyledItemDelegate::sizeHint(option, index);
}

StatsTable::StatsTable(QAbstractItemModel* model, QWidget* parent)
    : QTableView(parent)
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole);
    setModel(proxy);
    setSortingEnabled(false);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setWordWrap(false);
}

} // namespace interleave
