#include "panels/momentspanel.h"

#include "base/durationformat.h"
#include "trace/tracestore.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

MomentsPanel::MomentsPanel(QWidget* parent)
    : QWidget(parent)
    , m_list(new QTreeWidget)
    , m_empty(new QLabel)
    , m_explanation(new QLabel)
    , m_previous(new QPushButton("◀ Previous"))
    , m_next(new QPushButton("Next ▶"))
    , m_notes(new QPushButton("Add as notes"))
{
    setObjectName("momentsPanel");
    m_list->setObjectName("momentsList");
    // The lane is in each line's words: two columns leave the explanation room to wrap.
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({"Time", "What happens"});
    m_list->setUniformRowHeights(false);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setContentsMargins(8, 8, 8, 8);
    m_previous->setToolTip("The moment before the playhead (Page Up)");
    m_next->setToolTip("The moment after the playhead (Page Down)");
    m_notes->setToolTip("Turn the selected moments (or all of them) into notes on the trace");

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_notes);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);
    m_explanation->setObjectName("momentExplanation");
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setContentsMargins(6, 6, 6, 6);
    m_explanation->setMinimumHeight(70);
    m_explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_explanation);

    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        emit momentChosen(m_list->indexOfTopLevelItem(item));
    });
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        emit momentChosen(m_list->indexOfTopLevelItem(item));
    });
    connect(m_previous, &QPushButton::clicked, this, [this] { emit stepRequested(false); });
    connect(m_next, &QPushButton::clicked, this, [this] { emit stepRequested(true); });
    connect(m_notes, &QPushButton::clicked, this, [this] {
        std::vector<int> chosen;
        for (QTreeWidgetItem* item : m_list->selectedItems())
            chosen.push_back(m_list->indexOfTopLevelItem(item));
        if (chosen.size() < 2) { // one selected is the moment on show: all of them
            chosen.clear();
            for (int i = 0; i < count(); ++i)
                chosen.push_back(i);
        }
        std::sort(chosen.begin(), chosen.end());
        emit notesRequested(chosen);
    });
    setTrace(nullptr);
}

void MomentsPanel::setTheme(const Theme& theme)
{
    m_list->setFont(theme.font);
    m_explanation->setFont(theme.font);
    m_highlight = theme.playhead;
    m_highlight.setAlpha(50);
}

void MomentsPanel::setTrace(const TraceStore* trace)
{
    m_list->clear();
    m_moments.clear();
    m_current = -1;
    m_explanation->clear();
    if (trace != nullptr) {
        std::shared_lock lock(trace->mutex());
        m_moments = trace->moments;
        m_origin = trace->run.startNs;
        for (const Moment& m : m_moments) {
            auto* item = new QTreeWidgetItem(
                m_list, {QString::fromStdString(formatPrecise(m.t > m_origin ? m.t - m_origin : 0)),
                         QString::fromStdString(m.text)});
            item->setTextAlignment(0, Qt::AlignTop | Qt::AlignLeft);
            item->setToolTip(1, QString("<b>%1</b><br>%2")
                                    .arg(momentKindName(m.kind),
                                         QString::fromStdString(m.text).toHtmlEscaped()));
        }
    }
    const bool any = !m_moments.empty();
    m_list->setVisible(any);
    m_empty->setVisible(!any);
    m_empty->setText(trace == nullptr
                         ? "The lesson's moments appear here once a run has ended or a trace "
                           "is open."
                         : "No lesson moments in this trace: no lost update, GIL hand-over, "
                           "lock wait, queue build-up, sentinel or busy pool was recorded.");
    for (QPushButton* button : {m_previous, m_next, m_notes})
        button->setEnabled(any);
}

void MomentsPanel::setCurrent(int index)
{
    // The moment on show stands out even while the list has no focus: bold, tinted.
    for (int i : {m_current, index}) {
        QTreeWidgetItem* row = i >= 0 && i < count() ? m_list->topLevelItem(i) : nullptr;
        if (row == nullptr)
            continue;
        for (int column = 0; column < m_list->columnCount(); ++column) {
            QFont font = row->font(column);
            font.setBold(i == index);
            row->setFont(column, font);
            row->setBackground(column, i == index ? QBrush(m_highlight) : QBrush());
        }
    }
    m_current = index;
    m_explanation->setText(
        index >= 0 && index < count()
            ? QString("<b>%1</b> at %2<br>%3")
                  .arg(QString(momentKindName(moment(index).kind)),
                       m_list->topLevelItem(index)->text(0),
                       QString::fromStdString(moment(index).text).toHtmlEscaped())
            : QString());
    QTreeWidgetItem* item = index >= 0 && index < count() ? m_list->topLevelItem(index) : nullptr;
    if (item != nullptr) {
        m_list->setCurrentItem(item);
        m_list->scrollToItem(item);
    } else {
        m_list->clearSelection();
    }
}

} // namespace interleave
