#include "compare/linkedzoom.h"

#include "timeline/zoomcontrol.h"

#include <algorithm>
#include <cmath>

namespace interleave {

LinkedZoom::LinkedZoom(ZoomControl* first, ZoomControl* second, QObject* parent)
    : QObject(parent)
    , m_zoom{first, second}
{
    for (int side = 0; side < 2; ++side) {
        connect(m_zoom[side], &ZoomControl::windowChanged, this, [this, side] { follow(side); });
        connect(m_zoom[side], &ZoomControl::selectionChanged, this,
                [this, side] { followSelection(side); });
    }
}

void LinkedZoom::setTraces(std::uint64_t firstOrigin, std::uint64_t firstLength,
                           std::uint64_t secondOrigin, std::uint64_t secondLength)
{
    m_origin = {firstOrigin, secondOrigin};
    m_length = {std::max<std::uint64_t>(1, firstLength), std::max<std::uint64_t>(1, secondLength)};
    applyRanges();
}

void LinkedZoom::setScale(Scale scale)
{
    m_scale = scale;
    applyRanges();
}

void LinkedZoom::applyRanges()
{
    // On a shared scale both run as long as the longer trace, so that they line up.
    const std::uint64_t longest = std::max(m_length[0], m_length[1]);
    m_following = true;
    for (int side = 0; side < 2; ++side) {
        const std::uint64_t length = m_scale == Scale::Shared ? longest : m_length[side];
        m_zoom[side]->clearSelection();
        m_zoom[side]->setTraceRange(m_origin[side], m_origin[side] + length);
        m_zoom[side]->fitAll();
    }
    m_following = false;
}

void LinkedZoom::fitAll()
{
    m_zoom[0]->fitAll(); // the second follows
}

std::uint64_t LinkedZoom::map(int from, int to, std::uint64_t t) const
{
    const double offset = double(t) - double(m_origin[from]);
    const double scaled =
        m_scale == Scale::Shared ? offset : offset * double(m_length[to]) / double(m_length[from]);
    return std::uint64_t(std::max(0.0, std::round(double(m_origin[to]) + scaled)));
}

void LinkedZoom::follow(int from)
{
    if (m_following)
        return;
    m_following = true;
    const int to = 1 - from;
    const ZoomControl& source = *m_zoom[from];
    m_zoom[to]->setWindow(map(from, to, source.windowStart()), map(from, to, source.windowEnd()));
    m_following = false;
}

void LinkedZoom::followSelection(int from)
{
    if (m_following)
        return;
    m_following = true;
    const int to = 1 - from;
    const ZoomControl& source = *m_zoom[from];
    if (source.hasSelection())
        m_zoom[to]->setSelection(map(from, to, source.selectionStart()),
                                 map(from, to, source.selectionEnd()));
    else
        m_zoom[to]->clearSelection();
    m_following = false;
}

} // namespace interleave
