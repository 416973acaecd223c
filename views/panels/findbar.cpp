#include "panels/findbar.h"

#include "qstrings.h"
#include "trace/tracestore.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <shared_mutex>

namespace interleave {

FindBar::FindBar(QWidget* parent)
    : QWidget(parent)
    , m_query(new QLineEdit)
    , m_count(new QLabel)
    , m_previous(new QToolButton)
    , m_next(new QToolButton)
    , m_list(new QListWidget)
    , m_debounce(new QTimer(this))
{
    setObjectName("findBar");
    m_query->setObjectName("findQuery");
    m_query->setPlaceholderText("Find a lane, lock, queue, printed text, phase or slice…");
    m_query->setClearButtonEnabled(true);
    m_query->installEventFilter(this);
    m_previous->setText("▲");
    m_previous->setToolTip("Previous match (Shift+Enter)");
    m_next->setText("▼");
    m_next->setToolTip("Next match (Enter)");
    auto* close = new QToolButton;
    close->setText("✕");
    close->setToolTip("Close (Esc)");
    m_list->setObjectName("findResults");
    m_list->setMaximumHeight(140);
    m_list->hide();
    auto* row = new QHBoxLayout;
    row->setContentsMargins(6, 3, 6, 3);
    row->addWidget(new QLabel("Find"));
    row->addWidget(m_query, 1);
    row->addWidget(m_count);
    row->addWidget(m_previous);
    row->addWidget(m_next);
    row->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(row);
    layout->addWidget(m_list);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(180);
    connect(m_debounce, &QTimer::timeout, this, &FindBar::search);
    connect(m_query, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_next, &QToolButton::clicked, this, &FindBar::next);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::previous);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { choose(m_list->row(item)); });
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { choose(m_list->row(item)); });
    hide();
}

void FindBar::setTrace(std::shared_ptr<const TraceStore> trace, std::uint64_t origin)
{
    m_trace = std::move(trace);
    m_origin = origin;
    if (!m_query->text().isEmpty())
        search();
}

void FindBar::open()
{
    show();
    m_query->setFocus();
    m_query->selectAll();
}

void FindBar::setQuery(const QString& query)
{
    m_query->setText(query);
    m_debounce->stop();
    search();
}

void FindBar::search()
{
    m_hits.clear();
    m_current = -1;
    m_list->clear();
    const QString query = m_query->text().trimmed();
    if (m_trace && !query.isEmpty()) {
        std::shared_lock lock(m_trace->mutex());
        m_hits = searchTrace(*m_trace, query.toStdString(), m_origin);
    }
    for (const SearchHit& hit : m_hits)
        m_list->addItem(qs(hit.label));
    m_list->setVisible(!m_hits.empty());
    m_count->setText(
        query.isEmpty() ? QString()
        : m_hits.empty()
            ? QString("no match")
            : QString("%1%2 matches").arg(m_hits.size()).arg(m_hits.size() >= 500 ? "+" : ""));
}

void FindBar::choose(int index)
{
    if (index < 0 || std::size_t(index) >= m_hits.size())
        return;
    m_current = index;
    m_list->setCurrentRow(index);
    m_count->setText(QString("%1 of %2").arg(index + 1).arg(m_hits.size()));
    emit hitChosen(m_hits[std::size_t(index)]);
}

void FindBar::next()
{
    if (m_debounce->isActive()) {
        m_debounce->stop();
        search();
    }
    if (!m_hits.empty())
        choose((m_current + 1) % int(m_hits.size()));
}

void FindBar::previous()
{
    if (m_debounce->isActive()) {
        m_debounce->stop();
        search();
    }
    if (!m_hits.empty())
        choose((m_current - 1 + int(m_hits.size())) % int(m_hits.size()));
}

void FindBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool FindBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            (key->modifiers() & Qt::ShiftModifier) ? previous() : next();
            return true;
        }
        if (key->key() == Qt::Key_Down && !m_hits.empty()) {
            next();
            return true;
        }
        if (key->key() == Qt::Key_Up && !m_hits.empty()) {
            previous();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            hide();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace interleave
