#include "panels/consoleview.h"

#include "timeline/timecoordinates.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <algorithm>

namespace interleave {

int ConsoleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(shownCount());
}

std::size_t ConsoleModel::shownCount() const
{
    if (m_until == kEverything)
        return m_lines.size();
    const auto end = std::upper_bound(m_lines.begin(), m_lines.end(), m_until,
                                      [](std::uint64_t t, const Line& line) { return t < line.t; });
    return std::size_t(end - m_lines.begin());
}

int ConsoleModel::currentRow() const
{
    return m_until == kEverything ? -1 : int(shownCount()) - 1;
}

void ConsoleModel::showUntil(std::uint64_t t)
{
    if (t == m_until)
        return;
    const int before = int(shownCount());
    const int oldCurrent = currentRow();
    m_until = t;
    const int after = int(shownCount());
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, after, before - 1);
        endRemoveRows();
    }
    // The highlight moves from the old current line to the new one.
    for (const int row : {oldCurrent, currentRow()}) {
        if (row >= 0 && row < after)
            emit dataChanged(index(row), index(row), {CurrentRole});
    }
}

QVariant ConsoleModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(shownCount()))
        return {};
    const Line& line = m_lines[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return line.text;
    case Qt::ToolTipRole:
        return QString("%1 at %2")
            .arg(line.workerName, QString::fromStdString(formatPrecise(line.t)));
    case TimeRole: return QVariant::fromValue<qulonglong>(line.t);
    case WorkerRole: return line.worker;
    case WorkerNameRole: return line.workerName;
    case ErrorRole: return line.error;
    case CurrentRole: return index.row() == currentRow();
    default: return {};
    }
}

void ConsoleModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

void ConsoleModel::append(const std::vector<Line>& lines)
{
    if (lines.empty())
        return;
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size() + lines.size()) - 1);
    m_lines.insert(m_lines.end(), lines.begin(), lines.end());
    endInsertRows();
}

void ConsoleModel::setTrace(const TraceStore& trace)
{
    beginResetModel();
    m_lines.clear();
    for (const OutputLine& line : outputLines(trace)) {
        Line l;
        l.t = line.t >= trace.run.startNs ? line.t - trace.run.startNs : 0;
        l.worker = line.worker;
        l.workerName = QString::fromStdString(trace.lane(line.worker).info.name);
        l.text = QString::fromStdString(line.text);
        l.error = line.error;
        m_lines.push_back(std::move(l));
    }
    endResetModel();
}

namespace {

class ConsoleDelegate : public QStyledItemDelegate {
public:
    explicit ConsoleDelegate(const Theme** theme, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_theme(theme)
    {
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        const Theme& theme = **m_theme;
        painter->save();
        painter->fillRect(option.rect,
                          (option.state & QStyle::State_Selected)
                              ? theme.selection
                              : (index.row() % 2 ? theme.laneAlternate : theme.background));
        if (index.data(ConsoleModel::CurrentRole).toBool()) {
            // Playback's current line: tinted, with a bar at its left edge.
            QColor tint = theme.playhead;
            tint.setAlpha(60);
            painter->fillRect(option.rect, tint);
            painter->fillRect(option.rect.adjusted(0, 0, -option.rect.width() + 4, 0),
                              theme.playhead);
        }
        QFont mono("DejaVu Sans Mono", theme.font.pointSize());
        painter->setFont(mono);
        const QFontMetrics metrics(mono);
        QRect rect = option.rect.adjusted(6, 0, -4, 0);
        const auto t = index.data(ConsoleModel::TimeRole).toULongLong();
        const QString time = QString::asprintf("%9.3f s", double(t) / 1e9);
        painter->setPen(theme.mutedText);
        painter->drawText(rect, Qt::AlignVCenter | Qt::AlignLeft, time);
        rect.setLeft(rect.left() + metrics.horizontalAdvance("00000.000 s") + 12);
        const QString name = index.data(ConsoleModel::WorkerNameRole).toString();
        painter->setPen(theme.workerColor(index.data(ConsoleModel::WorkerRole).toInt()));
        QFont bold = mono;
        bold.setBold(true);
        painter->setFont(bold);
        const int nameWidth = std::max(metrics.horizontalAdvance("Thread-10"), 110);
        painter->drawText(rect, Qt::AlignVCenter | Qt::AlignLeft,
                          metrics.elidedText(name, Qt::ElideRight, nameWidth));
        rect.setLeft(rect.left() + nameWidth + 8);
        painter->setFont(mono);
        painter->setPen(index.data(ConsoleModel::ErrorRole).toBool() ? theme.lostUpdate
                                                                     : theme.text);
        painter->drawText(rect, Qt::AlignVCenter | Qt::AlignLeft,
                          index.data(Qt::DisplayRole).toString());
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        return QSize(
            400,
            QFontMetrics(QFont("DejaVu Sans Mono", (*m_theme)->font.pointSize())).height() + 4);
    }

private:
    const Theme** m_theme;
};

} // namespace

ConsoleView::ConsoleView(ConsoleModel* model, QWidget* parent)
    : QListView(parent)
    , m_theme(&Theme::light())
{
    setModel(model);
    setUniformItemSizes(true);
    setItemDelegate(new ConsoleDelegate(&m_theme, this));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setObjectName("console");
}

void ConsoleView::setTheme(const Theme& theme)
{
    m_theme = &theme;
    viewport()->update();
}

void ConsoleView::followNewLines()
{
    QScrollBar* bar = verticalScrollBar();
    if (bar->value() >= bar->maximum() - 2)
        scrollToBottom();
}

} // namespace interleave
