#pragma once

#include <functional>
#include <stdexcept>

namespace interleave {

/// The user cancelled a long load or save.
class Cancelled : public std::runtime_error {
public:
    Cancelled()
        : std::runtime_error("cancelled")
    {
    }
};

/// Where a long load or save has got to, for a progress bar with a Cancel button. The callback
/// gets the fraction done (0..1) and returns false to cancel; report() then throws Cancelled,
/// which unwinds the work without leaving anything half-written. Default-constructed, it
/// reports nowhere and never cancels.
class Progress {
public:
    using Callback = std::function<bool(double fraction)>;

    Progress() = default;
    explicit Progress(Callback callback)
        : m_callback(std::move(callback))
    {
    }

    /// `fraction` (0..1) of this stage is done. Throws Cancelled when the user said stop.
    void report(double fraction) const
    {
        if (m_callback && !m_callback(m_from + (m_to - m_from) * fraction))
            throw Cancelled();
    }
    /// The part [from, to) of this stage, for a step of the work.
    Progress stage(double from, double to) const
    {
        Progress part = *this;
        part.m_from = m_from + (m_to - m_from) * from;
        part.m_to = m_from + (m_to - m_from) * to;
        return part;
    }

private:
    Callback m_callback;
    double m_from = 0;
    double m_to = 1;
};

} // namespace interleave
