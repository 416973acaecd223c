#pragma once

#include <QDialog>

namespace interleave {

/// Every mouse gesture and key of the app, grouped, in one dialog (? or Help > Keyboard and
/// Mouse).
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* parent = nullptr);

    /// The table as (group, what, how) rows: the dialog shows them and the README lists them.
    struct Entry {
        const char* group;
        const char* what;
        const char* how;
    };
    static const std::vector<Entry>& entries();
};

} // namespace interleave
