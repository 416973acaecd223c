#include "window/lecturecontrols.h"

#include "notes/notescontroller.h"
#include "panels/consoleview.h"
#include "panels/momentspanel.h"
#include "panels/playbackbar.h"
#include "timeline/playback.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/moments.h"
#include "trace/tracestore.h"
#include "window/traceviews.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

namespace {

/// Whether keys typed now belong to a text field (Space, comma and full stop are text there).
bool typingText(const QWidget* focus)
{
    if (focus == nullptr)
        return false;
    if (qobject_cast<const QLineEdit*>(focus) || qobject_cast<const QTextEdit*>(focus) ||
        qobject_cast<const QPlainTextEdit*>(focus) || qobject_cast<const QAbstractSpinBox*>(focus))
        return true;
    const auto* combo = qobject_cast<const QComboBox*>(focus);
    return combo != nullptr && combo->isEditable();
}

/// The smallest window a moment is shown in: a few microseconds around a single event.
constexpr std::uint64_t kMomentMinimumWindow = 20'000;

} // namespace

LectureControls::LectureControls(const Parts& parts, QMainWindow* window)
    : QObject(window)
    , m_parts(parts)
    , m_window(window)
    , m_playback(new Playback(parts.model, parts.zoom, this))
    , m_bar(new PlaybackBar(m_playback, parts.model))
    , m_moments(new MomentsPanel)
    , m_dock(new QDockWidget("Moments"))
{
    m_dock->setObjectName("momentsDock");
    m_dock->setWidget(m_moments);
    m_moments->setMinimumWidth(180);
    m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);

    connect(m_bar, &PlaybackBar::stepRequested, this,
            [this](bool forward) { step(forward, false); });
    connect(m_moments, &MomentsPanel::momentChosen, this, &LectureControls::showMoment);
    connect(m_moments, &MomentsPanel::stepRequested, this,
            [this](bool forward) { forward ? nextMoment() : previousMoment(); });
    connect(m_moments, &MomentsPanel::notesRequested, this, &LectureControls::addMomentsAsNotes);
    connect(parts.views, &TraceViews::contentChanged, this, &LectureControls::followTrace);
    connect(parts.model, &TimelineModel::playheadChanged, this, &LectureControls::followPlayhead);
    qApp->installEventFilter(this);
    followTrace();
}

LectureControls::~LectureControls()
{
    qApp->removeEventFilter(this);
}

void LectureControls::fillMenu(QMenu* menu)
{
    // The keys are written into the texts, not set as shortcuts: as shortcuts, Space and the
    // stops would be taken from every text field too.
    menu->addAction("&Play / Pause\tSpace", m_playback, &Playback::togglePlay);
    menu->addAction("&Show the Whole Trace", m_playback, &Playback::stop);
    menu->addSeparator();
    menu->addAction("&Next Moment\tPage Down", this, &LectureControls::nextMoment);
    menu->addAction("P&revious Moment\tPage Up", this, &LectureControls::previousMoment);
    menu->addSeparator();
    menu->addAction("Next Event of the &Selection\t.", this, [this] { step(true, false); });
    menu->addAction("Previous Event of the S&election\t,", this, [this] { step(false, false); });
    menu->addAction("Next Event of &Any Lane\t>", this, [this] { step(true, true); });
    menu->addAction("Previous Event of Any &Lane\t<", this, [this] { step(false, true); });
    menu->addSeparator();
    QMenu* speeds = menu->addMenu("Spee&d");
    for (double speed : Playback::offeredSpeeds())
        speeds->addAction(PlaybackBar::speedText(speed) + " real time", m_playback,
                          [this, speed] { m_playback->setSpeed(speed); });
    menu->addAction(m_dock->toggleViewAction());
}

bool LectureControls::eventFilter(QObject* watched, QEvent* event)
{
    // Keys sent to this window only (not to a dialog over it), and not to a text field.
    auto* target = qobject_cast<QWidget*>(watched);
    if (event->type() != QEvent::KeyPress || target == nullptr || target->window() != m_window)
        return QObject::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (typingText(target) ||
        (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false;
    switch (key->key()) {
    case Qt::Key_Space: m_playback->togglePlay(); return true;
    case Qt::Key_PageDown: nextMoment(); return true;
    case Qt::Key_PageUp: previousMoment(); return true;
    case Qt::Key_Period: step(true, false); return true;
    case Qt::Key_Comma: step(false, false); return true;
    case Qt::Key_Greater: step(true, true); return true;
    case Qt::Key_Less: step(false, true); return true;
    default: return false;
    }
}

void LectureControls::followTrace()
{
    const auto trace = m_parts.model->trace();
    const bool live = m_parts.model->live();
    if (trace.get() == m_shownTrace && live == m_shownLive)
        return;
    m_shownTrace = trace.get();
    m_shownLive = live;
    m_playback->stop();
    m_moments->setTrace(trace && !live ? trace.get() : nullptr);
}

void LectureControls::followPlayhead()
{
    ConsoleModel* console = m_parts.console;
    const TimelineModel* model = m_parts.model;
    if (!model->hasPlayhead()) {
        console->showUntil(ConsoleModel::kEverything);
        return;
    }
    const std::uint64_t origin = model->origin();
    console->showUntil(model->playhead() > origin ? model->playhead() - origin : 0);
    if (console->currentRow() >= 0)
        m_parts.consoleView->scrollTo(console->index(console->currentRow()));
    // Moving the playhead elsewhere leaves the moment on show.
    if (!m_showingMoment && m_moments->current() >= 0 && model->playhead() != m_momentPlayhead) {
        m_moments->setCurrent(-1);
        m_parts.model->setMomentPoints({});
    }
}

void LectureControls::showMoment(int index)
{
    if (index < 0 || index >= m_moments->count() || !m_playback->available())
        return;
    const Moment& moment = m_moments->moment(index);
    const Interval extent = momentExtent(moment);
    const std::uint64_t span = std::max(extent.end - extent.start, kMomentMinimumWindow);
    const std::uint64_t margin = span / 2;
    m_showingMoment = true;
    m_playback->pause();
    m_parts.zoom->setWindow(extent.start > margin ? extent.start - margin : 0, extent.end + margin);
    // Everything the moment relates is shown: the playhead goes to its last event.
    m_momentPlayhead = std::min(std::max(moment.t, extent.end), m_parts.model->end());
    m_moments->setCurrent(index);
    m_parts.model->setMomentPoints(moment.points);
    m_playback->seek(m_momentPlayhead);
    m_showingMoment = false;
}

void LectureControls::nextMoment()
{
    const auto* trace = m_shownTrace;
    if (trace == nullptr || m_moments->count() == 0)
        return;
    int next = 0;
    if (m_moments->current() >= 0)
        next = m_moments->current() + 1;
    else if (m_playback->active())
        next = int(momentAfter(trace->moments, m_playback->position()));
    if (next < m_moments->count())
        showMoment(next);
}

void LectureControls::previousMoment()
{
    const auto* trace = m_shownTrace;
    if (trace == nullptr || m_moments->count() == 0)
        return;
    int previous = m_moments->count() - 1;
    if (m_moments->current() >= 0)
        previous = m_moments->current() - 1;
    else if (m_playback->active())
        previous = int(momentBefore(trace->moments, m_playback->position()));
    if (previous >= 0)
        showMoment(previous);
}

void LectureControls::step(bool forward, bool anyLane)
{
    const auto trace = m_parts.model->trace();
    if (!trace || !m_playback->available())
        return;
    StepScope scope;
    if (!anyLane) {
        std::shared_lock lock(trace->mutex());
        scope = stepScopeOf(*trace, m_parts.timeline->selected());
    }
    forward ? m_playback->stepForward(scope) : m_playback->stepBackward(scope);
}

void LectureControls::addMomentsAsNotes(const std::vector<int>& indices)
{
    for (int index : indices) {
        if (index < 0 || index >= m_moments->count())
            continue;
        const Moment& moment = m_moments->moment(index);
        m_parts.notes->add(moment.t, moment.t, moment.lane == kNoWorker ? -1 : moment.lane,
                           QString::fromStdString(moment.text));
    }
}

} // namespace interleave
