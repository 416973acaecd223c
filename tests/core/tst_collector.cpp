#include "engine/collector.h"
#include "runtime/recorder.h"
#include "shm/sharedsegment.h"

#include <gtest/gtest.h>
#include <memory>

using namespace interleave;

namespace {

std::uint32_t publishProcessLane(SharedSegment& segment)
{
    const std::uint32_t index = segment.reserveSlot();
    WorkerSlot& slot = segment.slot(index);
    slot.workerId = workerOfSlot(index);
    slot.kind = SlotKind::Process;
    slot.parentId = kNoWorker;
    slot.nameString = segment.strings().intern("lane " + std::to_string(index));
    slot.roleString = segment.strings().intern("process");
    slot.spawnNs = Clock::now();
    slot.state.store(std::uint32_t(SlotState::Running), std::memory_order_release);
    return index;
}

Recorder recorderOf(SharedSegment& segment, std::uint32_t index)
{
    return Recorder(segment.producer(index), workerOfSlot(index));
}

std::vector<EventKind> kindsOf(const Lane& lane)
{
    std::vector<EventKind> kinds;
    lane.events.forEach(0, lane.events.size(), lane.info.id,
                        [&](const Event& e) { kinds.push_back(e.kind); });
    return kinds;
}

} // namespace

// Regression: a traced interpreter records its child's exit on its own ring; draining the
// child's ring first reused the buffer the parent's events were being read from, so the exit
// was lost and the child's last events came twice.
TEST(Collector, AnExitRecordedOnAnotherLanesRingDrainsThatLaneFirstAndLosesNothing)
{
    SegmentConfig config;
    config.slotCapacity = 8;
    SharedSegment segment = SharedSegment::create(config);
    for (SlotKind engine : {SlotKind::Sampler, SlotKind::Reaper}) {
        WorkerSlot& slot = segment.slot(segment.reserveSlot());
        slot.workerId = kNoWorker;
        slot.kind = engine;
        slot.state.store(std::uint32_t(SlotState::Running), std::memory_order_release);
    }
    const std::uint32_t parent = publishProcessLane(segment);
    const std::uint32_t child = publishProcessLane(segment);
    Recorder parentRecorder = recorderOf(segment, parent);
    Recorder childRecorder = recorderOf(segment, child);

    childRecorder.record(EventKind::WorkerStart, 0, 0, 0);
    childRecorder.record(EventKind::SleepBegin, 0, 1000);
    childRecorder.record(EventKind::SleepEnd);
    childRecorder.record(EventKind::WorkerEnd);
    parentRecorder.record(EventKind::WorkerStart, 0, 0, 0);
    parentRecorder.recordFor(workerOfSlot(child), Clock::now(), EventKind::WorkerExit, 0, 3, 0,
                             std::uint8_t(ExitKind::Exited));
    parentRecorder.record(EventKind::SleepBegin, 0, 1000);
    parentRecorder.record(EventKind::SleepEnd);

    auto trace = std::make_shared<TraceStore>();
    Collector collector(segment, trace, {});
    collector.start();
    collector.stopAndDrain();
    ASSERT_EQ(trace->laneCount(), std::size_t(workerOfSlot(child)) + 1);

    const std::vector<EventKind> childKinds = kindsOf(trace->lane(workerOfSlot(child)));
    EXPECT_EQ(childKinds, (std::vector<EventKind>{EventKind::WorkerStart, EventKind::SleepBegin,
                                                  EventKind::SleepEnd, EventKind::WorkerEnd,
                                                  EventKind::WorkerExit}));
    EXPECT_EQ(trace->lane(workerOfSlot(child)).info.exitCode, 3);
    EXPECT_EQ(kindsOf(trace->lane(workerOfSlot(parent))),
              (std::vector<EventKind>{EventKind::WorkerStart, EventKind::SleepBegin,
                                      EventKind::SleepEnd}));
}
