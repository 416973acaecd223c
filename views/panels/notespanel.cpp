#include "panels/notespanel.h"

#include "timeline/timecoordinates.h"
#include "trace/tracestore.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace interleave {

namespace {
constexpr int kNoteRole = Qt::UserRole + 1;
}

NotesPanel::NotesPanel(QWidget* parent)
    : QWidget(parent)
    , m_list(new QTreeWidget)
    , m_add(new QPushButton("Add Note…"))
    , m_edit(new QPushButton("Edit…"))
    , m_delete(new QPushButton("Delete"))
{
    m_list->setObjectName("notesList");
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({"When", "Lane", "Note"});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    auto* hint = new QLabel("Notes are saved with the trace. Right-click the timeline to pin "
                            "one to a moment, or select a range first (Shift+drag).");
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &NotesPanel::addRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (selectedNote() >= 0)
            emit editRequested(selectedNote());
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (selectedNote() >= 0)
            emit deleteRequested(selectedNote());
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        emit goToRequested(item->data(0, kNoteRole).toInt());
    });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &NotesPanel::updateButtons);
    updateButtons();
}

void NotesPanel::setNotes(const TraceStore& trace, std::uint64_t origin)
{
    const int selected = selectedNote();
    m_list->clear();
    // In time order, whatever order they were added in.
    std::vector<int> order(trace.annotations.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return trace.annotations[std::size_t(a)].start < trace.annotations[std::size_t(b)].start;
    });
    for (int index : order) {
        const Annotation& note = trace.annotations[std::size_t(index)];
        const auto since = [&](std::uint64_t t) {
            return QString::fromStdString(formatPrecise(t > origin ? t - origin : 0));
        };
        const QString when =
            note.isRange() ? since(note.start) + " – " + since(note.end) : since(note.start);
        const QString lane = note.lane < trace.laneCount()
                                 ? QString::fromStdString(trace.lane(note.lane).info.name)
                                 : QString("all lanes");
        auto* item = new QTreeWidgetItem({when, lane, QString::fromStdString(note.text)});
        item->setData(0, kNoteRole, index);
        m_list->addTopLevelItem(item);
        if (index == selected)
            item->setSelected(true);
    }
    updateButtons();
}

void NotesPanel::clear()
{
    m_list->clear();
    updateButtons();
}

int NotesPanel::selectedNote() const
{
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    return items.isEmpty() ? -1 : items.front()->data(0, kNoteRole).toInt();
}

int NotesPanel::count() const
{
    return m_list->topLevelItemCount();
}

void NotesPanel::updateButtons()
{
    m_edit->setEnabled(selectedNote() >= 0);
    m_delete->setEnabled(selectedNote() >= 0);
}

} // namespace interleave
