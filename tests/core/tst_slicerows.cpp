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

TEST(SliceRows, LongSlicesStayAloneAndShortNeighboursFold)
{
    SliceRows rows;
    // Eight 1 µs slices 1 µs apart, then one 10 ms slice, then a 1 µs slice 5 ms later.
    std::vector<Slice> slices;
    for (std::uint64_t i = 0; i < 8; ++i)
        slices.push_back(slice(i * 2000, i * 2000 + 1000, 0, std::uint32_t(i + 1)));
    slices.push_back(slice(100'000, 10'100'000, 0, 99));
    slices.push_back(slice(15'100'000, 15'101'000, 0, 7));
    rows.assign(slices);
    // Level 1 (16 µs): the eight short slices (15 µs from first to last) fold into one, the
    // long slice passes through, the late short one is too far away to join anything.
    const auto& level1 = rows.folded(0, 1);
    ASSERT_EQ(level1.size(), 3u);
    EXPECT_EQ(level1[0].count, 8u);
    EXPECT_EQ(level1[0].start, 0u);
    EXPECT_EQ(level1[0].end, 15'000u);
    EXPECT_EQ(level1[1].count, 1u);
    EXPECT_EQ(rows.row(0)[level1[1].longest].name, 99u);
    EXPECT_EQ(level1[2].count, 1u);
    // Every level accounts for every slice.
    for (int k = 1; k <= SliceRows::kLevels; ++k) {
        std::uint32_t total = 0;
        for (const FoldedSlice& f : rows.folded(0, k))
            total += f.count;
        EXPECT_EQ(total, 10u) << "level " << k;
    }
}

TEST(SliceRows, AnyZoomDrawsAFewItemsPerPixel)
{
    // A million slices at random spacing over 10 s: at every zoom the chosen level holds at
    // most a few items per pixel column of a 2000-pixel window.
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
    for (std::uint64_t window : {t, t / 10, t / 100, t / 1000}) {
        const double nsPerPixel = double(window) / pixels;
        const int level = SliceRows::levelFor(nsPerPixel);
        const std::uint64_t start = t / 2 - window / 2, end = start + window;
        std::size_t items = 0;
        if (level == 0) {
            for (const Slice& s : rows.row(0))
                items += s.end > start && s.start < end;
        } else {
            for (const FoldedSlice& f : rows.folded(0, level))
                items += f.end > start && f.start < end;
        }
        EXPECT_LE(double(items), pixels * 6) << "window " << window << " level " << level;
    }
    EXPECT_EQ(SliceRows::levelFor(1000.0), 0);
    EXPECT_EQ(SliceRows::levelFor(16'000.0), 1);
}
