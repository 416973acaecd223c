#include "panels/consoleview.h"

#include "timeline/timecoordinates.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>

namespace interleave {

int ConsoleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant ConsoleModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_lines.size()))
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
