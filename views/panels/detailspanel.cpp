#include "panels/detailspanel.h"

#include "qstrings.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace interleave {

namespace {
constexpr int kRowRole = Qt::UserRole + 1;
}

DetailsPanel::DetailsPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_summary(new QLabel)
    , m_rows(new QTreeWidget)
    , m_theme(&Theme::light())
{
    m_title->setObjectName("detailsTitle");
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rows->setObjectName("detailsRows");
    m_rows->setColumnCount(2);
    m_rows->setHeaderLabels({"Field", "Value"});
    m_rows->setRootIsDecorated(false);
    m_rows->setAlternatingRowColors(true);
    m_rows->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_rows->header()->setStretchLastSection(true);
    m_rows->setToolTip("Double-click a linked row (→) to go there on the timeline");
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_rows, 1);
    connect(m_rows, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const int row = item->data(0, kRowRole).toInt();
        if (row >= 0 && std::size_t(row) < m_details.rows.size() &&
            m_details.rows[std::size_t(row)].link)
            emit targetRequested(*m_details.rows[std::size_t(row)].link);
    });
    clear();
}

void DetailsPanel::setTheme(const Theme& theme)
{
    m_theme = &theme;
    setDetails(m_details);
}

void DetailsPanel::clear()
{
    m_details = Details();
    m_title->setText("Nothing selected");
    m_summary->setText("Click a span, a marker or a slice on the timeline to see everything "
                       "about it here.");
    m_rows->clear();
}

void DetailsPanel::setDetails(const Details& details)
{
    if (details.title.empty() && details.rows.empty()) {
        clear();
        return;
    }
    m_details = details;
    m_title->setText(qs(details.title));
    m_summary->setText(qs(details.summary));
    m_rows->clear();
    for (std::size_t i = 0; i < details.rows.size(); ++i) {
        const DetailRow& row = details.rows[i];
        auto* item = new QTreeWidgetItem(m_rows);
        item->setText(0, qs(row.field));
        item->setText(1, row.link ? "→ " + qs(row.value) : qs(row.value));
        item->setData(0, kRowRole, int(i));
        item->setToolTip(1, qs(row.value));
        if (row.link) {
            QFont font = item->font(1);
            font.setUnderline(true);
            item->setFont(1, font);
            item->setForeground(1, m_theme->selectionEdge);
        }
    }
}

} // namespace interleave
