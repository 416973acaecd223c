#include "trace/spanpyramid.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"

#include <gtest/gtest.h>

using namespace interleave;

namespace {

SpanList alternating(std::size_t count, std::uint64_t length)
{
    SpanList spans;
    for (std::size_t i = 0; i < count; ++i)
        spans.push_back(StateSpan{i * length, (i + 1) * length,
                                  i % 3 == 2 ? LaneState::Sleeping : LaneState::Running, 0,
                                  kNoWorker});
    return spans;
}

} // namespace

TEST(SpanPyramid, LevelsCoverTheSameTimeWithLongEnoughSpans)
{
    const SpanList spans = alternating(200'000, 1'000); // 1 µs spans over 200 ms
    SpanPyramid pyramid;
    pyramid.rebuild(spans);
    for (int k = 1; k <= SpanPyramid::kLevels; ++k) {
        SCOPED_TRACE(k);
        const SpanList& level = pyramid.level(k);
        std::uint64_t previousEnd = 0;
        for (std::size_t i = 0; i < level.size(); ++i) {
            EXPECT_EQ(level[i].start, previousEnd) << "contiguous, in order";
            EXPECT_GE(level[i].duration(), SpanPyramid::resolution(k));
            previousEnd = level[i].end;
        }
        for (const StateSpan& open : pyramid.tail(k)) {
            EXPECT_EQ(open.start, previousEnd) << "the tail continues where the level stops";
            previousEnd = open.end;
        }
        EXPECT_EQ(previousEnd, spans.back().end);
        // Fewer spans the coarser the level: the point of the pyramid.
        EXPECT_LE(level.size(), spans.back().end / SpanPyramid::resolution(k) + 1);
    }
}

TEST(SpanPyramid, MergedSpansKeepTheDominantState)
{
    SpanList spans;
    // 30 µs running then 2 µs sleeping, repeated: running dominates every 32 µs merge.
    for (std::uint64_t t = 0; t < 3'200'000; t += 32'000) {
        spans.push_back(StateSpan{t, t + 30'000, LaneState::Running, 0, kNoWorker});
        spans.push_back(StateSpan{t + 30'000, t + 32'000, LaneState::Sleeping, 0, kNoWorker});
    }
    SpanPyramid pyramid;
    pyramid.rebuild(spans);
    for (const StateSpan& span : pyramid.level(2))
        EXPECT_EQ(span.state, LaneState::Running);
}

TEST(SpanPyramid, AppendingLiveEqualsRebuildingAtTheEnd)
{
    const SpanList spans = alternating(50'000, 3'000);
    SpanPyramid incremental, rebuilt;
    for (const StateSpan& span : spans)
        incremental.append(span);
    rebuilt.rebuild(spans);
    for (int k = 1; k <= SpanPyramid::kLevels; ++k) {
        ASSERT_EQ(incremental.level(k).size(), rebuilt.level(k).size());
        for (std::size_t i = 0; i < rebuilt.level(k).size(); ++i) {
            EXPECT_EQ(incremental.level(k)[i].start, rebuilt.level(k)[i].start);
            EXPECT_EQ(incremental.level(k)[i].state, rebuilt.level(k)[i].state);
        }
    }
}

TEST(SpanPyramid, LevelChoiceKeepsSpansAtMostAPixel)
{
    EXPECT_EQ(SpanPyramid::levelFor(1'000), 0); // 1 µs per pixel: the raw spans
    for (double nsPerPixel : {20'000.0, 1e6, 5e7, 1e9}) {
        const int k = SpanPyramid::levelFor(nsPerPixel);
        ASSERT_GE(k, 1);
        EXPECT_LE(double(SpanPyramid::resolution(k)), nsPerPixel);
        if (k < SpanPyramid::kLevels) {
            EXPECT_GT(double(SpanPyramid::resolution(k + 1)), nsPerPixel);
        }
    }
}
