#include "trace/slicerows.h"

#include <gtest/gtest.h>
#include <random>

using namespace interleave;

namespace {

Slice slice(std::uint64_t start, std::uint64_t end, std::uint16_t depth = 0, std::uint32_t name = 1)
{
    return Slice{start, end, name, 0, 0, depth, 0};
}

} // namespace

TEST(SliceRows, SortsSlicesIntoRowsByDepth)
{
    SliceRows rows;
    rows.assign({slice(500, 900, 1), slice(0, 1000, 0), slice(100, 200, 1), slice(2000, 3000, 0)});
    ASSERT_EQ(rows.depth(), 2);
    EXPECT_EQ(rows.sliceCount(), 4u);
    ASSERT_EQ(rows.row(0).size(), 2u);
    ASSERT_EQ(rows.row(1).size(), 2u);
    EXPECT_EQ(rows.row(1)[0].start, 100u); // sorted by start within the row
    EXPECT_EQ(rows.all().size(), 4u);
}

std::vector<SliceRun> runsOf(const SliceRows& rows, int depth, std::uint64_t from, std::uint64_t to,
                             std::uint64_t minimum, const std::vector<HiddenRange>& hidden = {})
{
    std::vector<SliceRun> out;
    rows.runs(depth, from, to, minimum, hidden, out);
    return out;
}

TEST(SliceRows, LongSlicesStayAloneAndShortNeighboursMerge)
{
    SliceRows rows;
    // Eight 1 µs slices 1 µs apart, then one 10 ms slice, then a 1 µs slice 5 ms later.
    std::vector<Slice> slices;
    for (std::uint64_t i = 0; i < 8; ++i)
        slices.push_back(slice(i * 2000, i * 2000 + 1000, 0, std::uint32_t(i + 1)));
    slices.push_back(slice(100'000, 10'100'000, 0, 99));
    slices.push_back(slice(15'100'000, 15'101'000, 0, 7));
    rows.assign(slices);
    // Boxes of at least 16 µs: the eight short slices (15 µs from first to last) merge into
    // one, the long slice stays alone, the late short one is too far away to join anything.
    const auto runs = runsOf(rows, 0, 0, 20'000'000, 16'000);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].count, 8u);
    EXPECT_EQ(runs[0].start, 0u);
    EXPECT_EQ(runs[0].end, 15'000u);
    EXPECT_EQ(runs[1].count, 1u);
    EXPECT_EQ(rows.row(0)[runs[1].first].name, 99u);
    EXPECT_EQ(runs[2].count, 1u);
    // Zoomed in far enough, every slice is its own box.
    EXPECT_EQ(runsOf(rows, 0, 0, 20'000'000, 500).size(), 10u);
    // Only what is in view: the long slice alone.
    const auto middle = runsOf(rows, 0, 1'000'000, 2'000'000, 16'000);
    ASSERT_EQ(middle.size(), 1u);
    EXPECT_EQ(middle[0].start, 100'000u);
}

TEST(SliceRows, AnyZoomDrawsAtMostABoxPerPixel)
{
    // A million slices at random spacing over 10 s: at every zoom the boxes in a 2000-pixel
    // window are fewer than its pixels, and the whole trace's boxes stand for every slice.
    std::mt19937_64 random(5);
    std::vector<Slice> slices;
    std::uint64_t t = 0;
    for (int i = 0; i < 1'000'000; ++i) {
        const std::uint64_t gap = random() % 15'000;
        const std::uint64_t length = 100 + random() % 5'000;
        slices.push_back(slice(t + gap, t + gap + length));
        t += gap + length;
    }
    SliceRows rows;
    rows.assign(std::move(slices));
    const double pixels = 2000;
    for (std::uint64_t window : {t, t / 10, t / 100, t / 1000, t / 100'000}) {
        const auto minimum = std::uint64_t(3 * double(window) / pixels);
        const std::uint64_t start = t / 2 - window / 2, end = start + window;
        const auto runs = runsOf(rows, 0, start, end, minimum);
        EXPECT_LE(double(runs.size()), pixels) << "window " << window;
        EXPECT_GT(runs.size(), 0u);
        for (std::size_t i = 1; i < runs.size(); ++i)
            EXPECT_LE(runs[i - 1].end, runs[i].start);
        if (window == t) {
            std::uint64_t total = 0;
            for (const SliceRun& run : runs)
                total += run.count;
            EXPECT_EQ(total, 1'000'000u);
        }
    }
}

TEST(SliceRows, RowsUnderAMergedBoxAreHiddenUnderAWideOneShown)
{
    SliceRows rows;
    // Depth 0: a wide task (0..1 ms) and, later, ten 1 µs tasks close together; depth 1:
    // a child under each.
    std::vector<Slice> slices{slice(0, 1'000'000, 0), slice(100, 200'000, 1)};
    for (std::uint64_t i = 0; i < 10; ++i) {
        const std::uint64_t at = 5'000'000 + i * 2'000;
        slices.push_back(slice(at, at + 1'000, 0));
        slices.push_back(slice(at + 100, at + 900, 1));
    }
    rows.assign(slices);
    const auto top = runsOf(rows, 0, 0, 10'000'000, 50'000);
    ASSERT_EQ(top.size(), 2u);
    ASSERT_EQ(top[1].count, 10u);
    const std::vector<HiddenRange> hidden{{top[1].start, top[1].end}};
    const auto children = runsOf(rows, 1, 0, 10'000'000, 50'000, hidden);
    ASSERT_EQ(children.size(), 1u) << "the children of the merged tasks are not drawn";
    EXPECT_EQ(children[0].start, 100u);
    EXPECT_EQ(runsOf(rows, 1, 0, 10'000'000, 50'000).size(), 2u);
}

TEST(SliceRows, RowsOutOfOrderAreSorted)
{
    SliceRows rows;
    rows.assign({slice(3000, 4000), slice(0, 1000), slice(1500, 2000)});
    EXPECT_EQ(rows.row(0)[0].start, 0u);
    EXPECT_EQ(rows.row(0)[2].start, 3000u);
}

/// Slices of 4.3 s or more do not fit the packed 32-bit length: they keep their exact length,
/// also when the row had to be sorted, and merge and draw by it.
TEST(SliceRows, SlicesLongerThanFourSecondsKeepTheirLength)
{
    constexpr std::uint64_t hour = 3'600'000'000'000ull;
    SliceRows rows;
    rows.assign({slice(5 * hour, 5 * hour + 1'000, 0, 3), slice(0, hour, 0, 1),
                 slice(hour, hour + 4'294'967'295ull, 0, 2), slice(2 * hour, 3 * hour + 7, 0, 4)});
    const SliceRow& row = rows.row(0);
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row[0].end, hour);
    EXPECT_EQ(row[0].name, 1u);
    EXPECT_EQ(row[1].duration(), 4'294'967'295ull);
    EXPECT_EQ(row[1].name, 2u);
    EXPECT_EQ(row[2].end, 3 * hour + 7);
    EXPECT_EQ(row[2].name, 4u);
    EXPECT_EQ(row[3].duration(), 1'000u);
    const auto runs = runsOf(rows, 0, 0, 6 * hour, 1'000'000);
    ASSERT_EQ(runs.size(), 4u);
    EXPECT_EQ(runs[2].end, 3 * hour + 7);
    const std::vector<Slice> all = rows.all();
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[2].end, 3 * hour + 7);
}

TEST(SliceRows, ALoadedSliceTakesTwentyFourBytes)
{
    std::vector<Slice> slices;
    for (std::uint64_t i = 0; i < 100'000; ++i)
        slices.push_back(slice(i * 100, i * 100 + 50, std::uint16_t(i % 4)));
    SliceRows rows;
    rows.assign(std::move(slices));
    EXPECT_LE(rows.bytes(), 100'000u * 24 + 4 * sizeof(SliceRow));
}
