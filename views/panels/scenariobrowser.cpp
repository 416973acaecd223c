#include "panels/scenariobrowser.h"

#include "scenario/registry.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

namespace interleave {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

ScenarioBrowser::ScenarioBrowser(QWidget* parent)
    : QWidget(parent)
    , m_filter(new QLineEdit)
    , m_tree(new QTreeWidget)
{
    m_filter->setPlaceholderText("Filter scenarios");
    m_filter->setClearButtonEnabled(true);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setObjectName("scenarioTree");

    // Groups in teaching order.
    const ScenarioGroup order[] = {ScenarioGroup::Threads,       ScenarioGroup::Processes,
                                   ScenarioGroup::LocksAndRaces, ScenarioGroup::QueuesAndPipes,
                                   ScenarioGroup::Pools,         ScenarioGroup::Gil,
                                   ScenarioGroup::Python};
    std::map<ScenarioGroup, QTreeWidgetItem*> groups;
    for (ScenarioGroup group : order) {
        auto* item = new QTreeWidgetItem(m_tree, {scenarioGroupName(group)});
        item->setFlags(Qt::ItemIsEnabled);
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        groups[group] = item;
    }
    for (const Scenario* scenario : allScenarios()) {
        const ScenarioInfo& info = scenario->info();
        auto* item = new QTreeWidgetItem(groups[info.group], {QString::fromStdString(info.title)});
        item->setData(0, kIdRole, QString::fromStdString(info.id));
        item->setToolTip(0, QString::fromStdString(info.id + "\n" + info.summary));
    }
    m_tree->expandAll();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &ScenarioBrowser::filter);
    // Enter picks the first match (the only one, often); Down goes into the list.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (QTreeWidgetItem* first = firstShown())
            m_tree->setCurrentItem(first);
    });
    m_filter->installEventFilter(this);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(0, kIdRole).isValid())
            emit scenarioSelected(item->data(0, kIdRole).toString());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(0, kIdRole).isValid())
            emit scenarioActivated(item->data(0, kIdRole).toString());
    });
}

QString ScenarioBrowser::currentId() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, kIdRole).toString() : QString();
}

bool ScenarioBrowser::select(const QString& id)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, kIdRole).toString() == id) {
                m_tree->setCurrentItem(group->child(i));
                return true;
            }
        }
    }
    return false;
}

void ScenarioBrowser::clearSelection()
{
    const QSignalBlocker blocker(m_tree);
    m_tree->setCurrentItem(nullptr);
    m_tree->clearSelection();
}

QTreeWidgetItem* ScenarioBrowser::firstShown() const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; !group->isHidden() && i < group->childCount(); ++i) {
            if (!group->child(i)->isHidden())
                return group->child(i);
        }
    }
    return nullptr;
}

bool ScenarioBrowser::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down) {
        if (QTreeWidgetItem* first = firstShown()) {
            m_tree->setCurrentItem(first);
            m_tree->setFocus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ScenarioBrowser::filter(const QString& text)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match =
                text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
                item->data(0, kIdRole).toString().contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace interleave
