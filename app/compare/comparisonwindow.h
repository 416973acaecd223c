#pragma once

#include <QMainWindow>
#include <array>
#include <memory>

class QAction;

namespace interleave {

class ComparisonView;
class Presenter;
class ThemeSwitcher;
class TraceStore;
class UserMessages;

/// A window with two runs compared (ComparisonView), its own menu and toolbar: the time
/// scale (shared or each fitted), swap, fit, export of the picture as shown, and presenting
/// full screen. It follows the application's theme.
class ComparisonWindow : public QMainWindow {
    Q_OBJECT
public:
    ComparisonWindow(ThemeSwitcher* themes, QWidget* parent = nullptr);
    ~ComparisonWindow() override;

    ComparisonView* view() const { return m_view; }
    Presenter* presenter() const { return m_presenter; }
    /// Shows two traces (see ComparisonView::setTraces), raises the window and gives the
    /// upper timeline the keyboard.
    void compare(std::array<std::shared_ptr<TraceStore>, 2> traces,
                 std::array<QString, 2> labels = {});
    /// Writes the picture of the comparison as shown; false (and a message) if it failed.
    bool exportTo(const QString& path);

private:
    void buildActions();
    void promptExport();
    void applyTheme();

    ThemeSwitcher* m_themes;
    ComparisonView* m_view;
    UserMessages* m_messages;
    Presenter* m_presenter = nullptr;
    QAction* m_sharedScale = nullptr;
    QAction* m_fitEach = nullptr;
};

} // namespace interleave
