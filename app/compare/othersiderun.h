#pragma once

#include "scenario/otherside.h"

#include <QObject>
#include <QString>
#include <array>
#include <memory>

namespace interleave {

class RunController;
class TraceDocument;
class TraceStore;
class UserMessages;

/// One click, two runs: the lesson's run as the form has it (unless that run is on show
/// already) and then its other side, one after the other in the window like any run. When
/// both completed, ready() hands both traces over to be compared. Stop, or a run that fails,
/// ends it with a one-line message.
class OtherSideRun : public QObject {
    Q_OBJECT
public:
    OtherSideRun(RunController* run, TraceDocument* document, UserMessages* messages,
                 QObject* parent = nullptr);

    void start(const LessonSides& sides);
    bool active() const { return m_step != Step::Idle; }

    /// Whether `trace` is a finished run of `scenario` with exactly `values`.
    static bool isRunOf(const TraceStore& trace, const Scenario& scenario,
                        const ParameterValues& values);

signals:
    void ready(std::array<std::shared_ptr<TraceStore>, 2> traces, std::array<QString, 2> labels);

private:
    enum class Step { Idle, First, Second };
    void runSecond();
    void finished();

    RunController* m_run;
    TraceDocument* m_document;
    UserMessages* m_messages;
    Step m_step = Step::Idle;
    LessonSides m_sides;
    std::shared_ptr<TraceStore> m_first;
};

} // namespace interleave
