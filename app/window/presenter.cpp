#include "window/presenter.h"

#include "theme.h"
#include "window/themeswitcher.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMouseEvent>
#include <QPainter>

namespace interleave {

namespace {

/// A ring around the mouse pointer, drawn over the window while presenting.
class PointerRing : public QWidget {
public:
    static constexpr int kRadius = 26;

    explicit PointerRing(QWidget* parent)
        : QWidget(parent)
    {
        setObjectName("pointerRing");
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        resize(2 * kRadius + 8, 2 * kRadius + 8);
        hide();
    }

    void centreAt(QPoint windowPosition)
    {
        move(windowPosition - QPoint(width() / 2, height() / 2));
        raise();
        show();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor fill(255, 214, 0, 70);
        painter.setBrush(fill);
        painter.setPen(QPen(QColor(230, 160, 0, 220), 3));
        painter.drawEllipse(rect().center(), kRadius, kRadius);
    }
};

} // namespace

Presenter::Presenter(QMainWindow* window, ThemeSwitcher* themes, std::vector<QWidget*> hidden)
    : QObject(window)
    , m_window(window)
    , m_themes(themes)
    , m_hidden(std::move(hidden))
    , m_action(new QAction("&Present (Full Screen)", this))
    , m_pointer(new PointerRing(window))
{
    m_action->setObjectName("presentAction");
    m_action->setCheckable(true);
    m_action->setShortcut(Qt::Key_F11);
    m_action->setToolTip("Full screen, large fonts, the pointer ringed (F11; Esc ends it)");
    window->addAction(m_action);
    connect(m_action, &QAction::toggled, this, &Presenter::setPresenting);
    qApp->installEventFilter(this);
}

Presenter::~Presenter()
{
    qApp->removeEventFilter(this);
}

void Presenter::setPresenting(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    m_action->setChecked(on);
    if (on) {
        m_themeBefore = m_themes->current().name;
        m_fullScreenBefore = m_window->isFullScreen();
        m_visibleBefore.clear();
        for (QWidget* widget : m_hidden) {
            m_visibleBefore.push_back(widget->isVisible());
            widget->hide();
        }
        m_themes->apply("lecture", ThemeSwitcher::Remember::No);
        m_window->showFullScreen();
    } else {
        for (std::size_t i = 0; i < m_hidden.size(); ++i)
            m_hidden[i]->setVisible(m_visibleBefore[i]);
        m_themes->apply(m_themeBefore, ThemeSwitcher::Remember::No);
        if (!m_fullScreenBefore)
            m_window->showNormal();
        m_pointer->hide();
    }
}

bool Presenter::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_presenting)
        return false;
    if (event->type() == QEvent::MouseMove) {
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget != nullptr && widget->window() == m_window) {
            const auto* move = static_cast<QMouseEvent*>(event);
            static_cast<PointerRing*>(m_pointer)->centreAt(
                m_window->mapFromGlobal(move->globalPosition().toPoint()));
            m_pointer->update();
        }
    } else if (event->type() == QEvent::KeyPress &&
               static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget != nullptr && widget->window() == m_window) {
            setPresenting(false);
            return true;
        }
    }
    return false;
}

} // namespace interleave
