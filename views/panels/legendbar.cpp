#include "panels/legendbar.h"

#include "statepalette.h"

#include <QPainter>

namespace interleave {

LegendBar::LegendBar(QWidget* parent)
    : QWidget(parent)
    , m_theme(&Theme::light())
{
}

void LegendBar::setTheme(const Theme& theme)
{
    m_theme = &theme;
    update();
}

QSize LegendBar::sizeHint() const
{
    return QSize(900, heightForWidth(900));
}

int LegendBar::heightForWidth(int width) const
{
    return layOut(width, nullptr);
}

void LegendBar::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_theme->headerBackground);
    const int needed = layOut(width(), &painter);
    if (needed != height())
        updateGeometry();
}

void LegendBar::setSliceNames(std::vector<std::pair<std::uint32_t, QString>> names)
{
    m_sliceNames = std::move(names);
    updateGeometry();
    update();
}

int LegendBar::layOut(int width, QPainter* painter) const
{
    const QFontMetrics metrics(m_theme->smallFont);
    const int lineHeight = metrics.height() + 6;
    int x = 8, y = 3;
    auto place = [&](int itemWidth) {
        if (x + itemWidth > width - 8 && x > 8) {
            x = 8;
            y += lineHeight;
        }
        const QPoint at(x, y);
        x += itemWidth + 14;
        return at;
    };
    if (painter)
        painter->setFont(m_theme->smallFont);
    if (!m_sliceNames.empty()) {
        for (const auto& [hash, fullName] : m_sliceNames) {
            const QString name = metrics.elidedText(fullName, Qt::ElideMiddle, 320);
            const QPoint at = place(18 + metrics.horizontalAdvance(name));
            if (!painter)
                continue;
            painter->fillRect(QRect(at.x(), at.y() + 1, 14, metrics.height() - 2),
                              m_theme->sliceColor(hash));
            painter->setPen(m_theme->text);
            painter->drawText(QPoint(at.x() + 18, at.y() + metrics.ascent()), name);
        }
        return y + lineHeight;
    }
    for (LaneState state : kAllLaneStates) {
        const QString label = StatePalette::label(state);
        const QPoint at = place(18 + metrics.horizontalAdvance(label));
        if (!painter)
            continue;
        const QRect swatch(at.x(), at.y() + 1, 14, metrics.height() - 2);
        if (state == LaneState::Finished) // a thin line, as on the lanes after a worker ends
            painter->fillRect(QRect(swatch.left(), swatch.center().y() - 1, swatch.width(), 2),
                              m_theme->grid);
        else
            painter->fillRect(swatch, m_theme->stateColor(state));
        if (state == LaneState::Starting)
            painter->fillRect(swatch, QBrush(m_theme->startingHatch, Qt::BDiagPattern));
        if (state == LaneState::Runnable)
            painter->fillRect(swatch,
                              QBrush(m_theme->stateColor(LaneState::Running), Qt::Dense6Pattern));
        painter->setPen(m_theme->text);
        painter->drawText(QPoint(at.x() + 18, at.y() + metrics.ascent()), label);
    }
    // The bars under a lane: a lock held (the other side of a lock wait) and a pool task.
    for (const auto& [label, bar] : {std::pair{QString("holding a lock"), m_theme->lockHoldBar},
                                     {QString("pool task"), m_theme->workerColor(0)}}) {
        const QPoint at = place(18 + metrics.horizontalAdvance(label));
        if (!painter)
            continue;
        painter->fillRect(QRect(at.x(), at.y() + metrics.height() - 5, 14, 4), bar);
        if (label == "pool task") // each task has its own colour
            painter->fillRect(QRect(at.x() + 7, at.y() + metrics.height() - 5, 7, 4),
                              m_theme->workerColor(1));
        painter->setPen(m_theme->text);
        painter->drawText(QPoint(at.x() + 18, at.y() + metrics.ascent()), label);
    }
    for (const char* marker :
         {"● print", "▲ put", "▼ get", "▶ send", "◀ recv", "◇ read", "◆ write", "✕ lost update"}) {
        const QString label = QString::fromUtf8(marker);
        const QPoint at = place(metrics.horizontalAdvance(label));
        if (!painter)
            continue;
        painter->setPen(m_theme->mutedText);
        painter->drawText(QPoint(at.x(), at.y() + metrics.ascent()), label);
    }
    if (!m_gilSource.isEmpty()) {
        const QPoint at = place(metrics.horizontalAdvance(m_gilSource));
        if (painter) {
            painter->setPen(m_theme->text);
            painter->drawText(QPoint(at.x(), at.y() + metrics.ascent()), m_gilSource);
        }
    }
    return y + lineHeight;
}

void LegendBar::setGilSource(const QString& note)
{
    if (note == m_gilSource)
        return;
    m_gilSource = note;
    updateGeometry();
    update();
}

} // namespace interleave
