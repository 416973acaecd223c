#include "compare/comparisonwindow.h"

#include "compare/comparisonview.h"
#include "export/comparisonpicture.h"
#include "theme.h"
#include "window/presenter.h"
#include "window/themeswitcher.h"
#include "window/usermessages.h"

#include <QActionGroup>
#include <QFileDialog>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

namespace interleave {

ComparisonWindow::ComparisonWindow(ThemeSwitcher* themes, QWidget* parent)
    : QMainWindow(parent, Qt::Window)
    , m_themes(themes)
    , m_view(new ComparisonView)
    , m_messages(new UserMessages(this, statusBar(), this))
{
    setObjectName("comparisonWindow");
    setWindowTitle("Comparison — Interleave");
    setCentralWidget(m_view);
    buildActions();
    statusBar()->showMessage("Both runs follow one zoom: W/S zoom, A/D pan, F fits, drag with "
                             "Shift to select; Tab moves to the other run");
    connect(m_themes, &ThemeSwitcher::themeChanged, this, &ComparisonWindow::applyTheme);
    applyTheme();
}

ComparisonWindow::~ComparisonWindow() = default;

void ComparisonWindow::buildActions()
{
    QMenu* menu = menuBar()->addMenu("&Comparison");
    QToolBar* bar = addToolBar("Comparison");
    bar->setObjectName("comparisonToolBar");
    bar->setMovable(false);

    auto* scales = new QActionGroup(this);
    m_sharedScale = menu->addAction("&Shared Time Scale");
    m_sharedScale->setToolTip("Both runs on one time axis from their starts (1)");
    m_sharedScale->setShortcut(Qt::Key_1);
    m_fitEach = menu->addAction("Fit &Each to Its Length");
    m_fitEach->setToolTip("Each run stretched over the whole width (2)");
    m_fitEach->setShortcut(Qt::Key_2);
    for (QAction* action : {m_sharedScale, m_fitEach}) {
        action->setCheckable(true);
        scales->addAction(action);
        bar->addAction(action);
    }
    m_sharedScale->setChecked(true);
    connect(m_sharedScale, &QAction::triggered, this,
            [this] { m_view->setScale(LinkedZoom::Scale::Shared); });
    connect(m_fitEach, &QAction::triggered, this,
            [this] { m_view->setScale(LinkedZoom::Scale::FitEach); });
    menu->addSeparator();
    bar->addSeparator();
    QAction* swap = menu->addAction("S&wap Upper and Lower", m_view, &ComparisonView::swap);
    swap->setShortcut(QKeySequence("Ctrl+Shift+X"));
    bar->addAction(swap);
    QAction* fit = menu->addAction("&Fit Both", m_view, &ComparisonView::fitAll);
    fit->setShortcut(QKeySequence("Ctrl+0"));
    bar->addAction(fit);
    menu->addSeparator();
    bar->addSeparator();
    QAction* picture = menu->addAction("&Export Picture…", this, &ComparisonWindow::promptExport);
    picture->setShortcut(QKeySequence("Ctrl+Shift+E"));
    picture->setToolTip("The comparison as shown, as PNG, SVG or PDF (Ctrl+Shift+E)");
    bar->addAction(picture);
    m_presenter = new Presenter(this, m_themes, {bar, statusBar()});
    menu->addAction(m_presenter->action());
    bar->addAction(m_presenter->action());
    menu->addSeparator();
    menu->addAction("&Close", QKeySequence::Close, this, &QWidget::close);
}

void ComparisonWindow::compare(std::array<std::shared_ptr<TraceStore>, 2> traces,
                               std::array<QString, 2> labels)
{
    m_view->setTraces(std::move(traces), std::move(labels));
    m_view->setScale(m_fitEach->isChecked() ? LinkedZoom::Scale::FitEach
                                            : LinkedZoom::Scale::Shared);
    if (!isVisible()) {
        // Over the main window, as large as the screen allows (a 1366x768 projector too).
        const QWidget* owner = parentWidget();
        const QScreen* where = owner != nullptr ? owner->screen() : screen();
        const QRect available = where->availableGeometry();
        const QSize wanted = QSize(1280, 860).boundedTo(available.size() * 0.94);
        resize(wanted);
        QRect frame(QPoint(0, 0), wanted);
        frame.moveCenter(owner != nullptr ? owner->geometry().center() : available.center());
        move(frame.intersected(available).topLeft());
    }
    show();
    raise();
    activateWindow();
    m_view->setFocus();
}

bool ComparisonWindow::exportTo(const QString& path)
{
    try {
        ComparisonOptions options = m_view->pictureOptions();
        // As shown, at least as large as a slide needs; PNG at twice the pixels.
        options.size = options.size.expandedTo(QSize(1200, 760));
        options.scale = path.endsWith(".png", Qt::CaseInsensitive) ? 2.0 : 1.0;
        exportDrawing(comparisonDrawing(m_view->trace(0), m_view->trace(1), options), path);
    } catch (const std::exception& e) {
        m_messages->error("Cannot export picture", QString::fromUtf8(e.what()));
        return false;
    }
    m_messages->notice("Wrote " + path);
    return true;
}

void ComparisonWindow::promptExport()
{
    const QString directory = QSettings().value("files/lastDirectory").toString();
    const QString path = QFileDialog::getSaveFileName(
        this, "Export comparison", directory + "/comparison.png",
        "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
    if (!path.isEmpty())
        exportTo(path);
}

void ComparisonWindow::applyTheme()
{
    m_view->setTheme(m_themes->current());
}

} // namespace interleave
