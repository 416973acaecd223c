#include "panels/shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace interleave {

const std::vector<ShortcutsDialog::Entry>& ShortcutsDialog::entries()
{
    static const std::vector<Entry> table = {
        {"Timeline", "Zoom in / out at the mouse", "Ctrl+wheel, W / S, + / -, pinch"},
        {"Timeline", "Pan left / right", "drag, A / D, ← / →, Shift+wheel, sideways swipe"},
        {"Timeline", "Scroll the lanes", "wheel, the scroll bar"},
        {"Timeline", "Fit the whole trace", "F, Home, Ctrl+0"},
        {"Timeline", "Select a time range (measure)", "Shift+drag, or drag on the ruler"},
        {"Timeline", "Zoom to the selection", "Z, Ctrl+E"},
        {"Timeline", "Clear the selection", "Esc"},
        {"Timeline", "Details of a span, marker or slice", "click (the Details tab shows it)"},
        {"Timeline", "Zoom to a span", "double-click"},
        {"Timeline", "Undo / redo a view change", "Backspace or Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y"},
        {"Timeline", "Notes: add at the view or selection", "Ctrl+M, or right-click"},
        {"Lanes", "Resize the names column", "drag its right edge"},
        {"Lanes", "Move a lane within its group", "drag its name"},
        {"Lanes", "Fold or open a process group", "click its header"},
        {"Lanes", "Pin, hide, move, show all", "right-click a lane's name"},
        {"Overview", "Go to a place of the trace", "click the strip above the lanes"},
        {"Overview", "Pan / zoom", "drag the frame / wheel on the strip"},
        {"Find and copy", "Find lanes, locks, queues, text, slices", "Ctrl+F; Enter / Shift+Enter"},
        {"Find and copy", "Copy the selection's details or table rows", "Ctrl+C"},
        {"Find and copy", "Copy the view as a picture", "Ctrl+Shift+C"},
        {"Lecture", "Play / pause the trace", "Space"},
        {"Lecture", "Next / previous event of the selection's lane or object", ". / ,"},
        {"Lecture", "Next / previous event of any lane", "> / <"},
        {"Lecture", "Next / previous moment of the lesson", "Page Down / Page Up"},
        {"Lecture", "Present full screen / end it", "F11 / Esc"},
        {"Run", "Run / stop the scenario", "F5 or Ctrl+R / Shift+F5 or Ctrl+."},
        {"Compare", "Run the lesson's other side and compare", "Ctrl+Shift+D"},
        {"Compare", "Compare with a file, a recent trace", "File > Compare With"},
        {"Compare", "Compare sweep runs", "right-click a sweep row (two rows selected)"},
        {"Compare", "Zoom, pan, fit both runs", "W/S, A/D, F in either"},
        {"Compare", "Shared time scale / each fitted", "1 / 2 in the comparison window"},
        {"Compare", "Swap upper and lower", "Ctrl+Shift+X"},
        {"Files", "Open / save / save as", "Ctrl+O / Ctrl+S / Ctrl+Shift+S"},
        {"Files", "Export a picture", "Ctrl+Shift+E"},
        {"Help", "This list", "?"},
    };
    return table;
}

ShortcutsDialog::ShortcutsDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle("Keyboard and Mouse");
    setObjectName("shortcutsDialog");
    auto* tree = new QTreeWidget;
    tree->setColumnCount(2);
    tree->setHeaderLabels({"To", "Do"});
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    QTreeWidgetItem* group = nullptr;
    QString groupName;
    for (const Entry& entry : entries()) {
        if (groupName != entry.group) {
            groupName = entry.group;
            group = new QTreeWidgetItem(tree, {groupName});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(tree, {QString("   ") + entry.what, entry.how});
    }
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tree);
    layout->addWidget(buttons);
    resize(720, 620);
}

} // namespace interleave
