// ByteContent keeps where bytes came from; these pin the run arithmetic the data
// invariants rest on (splits, shifted copies, copies within one map, merged differences).
#include "model/swiotlb/byte_content.h"

#include <gtest/gtest.h>

namespace dmacheck::model {
namespace {

using Kind = ByteSource::Kind;
const ByteSource kInit{Kind::PoolInit, 0}, kBuffer{Kind::Buffer, 1}, kWrite{Kind::DeviceWrite, 2};

TEST(ByteContent, EqualContentsHaveNoDifference) {
  ByteContent a(kInit), b(kInit);
  EXPECT_FALSE(a.firstDifference(0x1000, 0x800, b, 0x1000).has_value());
  // The same source at a different coordinate is different data.
  EXPECT_TRUE(a.firstDifference(0x1000, 0x800, b, 0x1001).has_value());
}

TEST(ByteContent, FillShowsWhereAndWhat) {
  ByteContent pool(kInit), view(kBuffer);
  pool.fill(0x1000, 0x1800, kBuffer, 0);
  EXPECT_FALSE(pool.firstDifference(0x1000, 0x800, view, 0).has_value());
  pool.fill(0x1100, 0x1200, kWrite, 0);
  auto d = pool.firstDifference(0x1000, 0x800, view, 0);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->offset, 0x100u);
  EXPECT_EQ(d->bytes, 0x100u);
  EXPECT_EQ(d->got, kWrite);
  EXPECT_EQ(d->want, kBuffer);
  EXPECT_EQ(d->wantOffset, 0x100u);
}

TEST(ByteContent, CopiesCarrySourceOffsets) {
  ByteContent buffer(kBuffer), pool(kInit);
  pool.copyFrom(buffer, 0x200, 0x40000000, 0x100);  // buffer bytes 0x200.. into the pool
  ByteContent expected(kInit);
  expected.fill(0x40000000, 0x40000100, kBuffer, 0x200);
  EXPECT_FALSE(pool.firstDifference(0x3ffff000, 0x2000, expected, 0x3ffff000).has_value());
}

TEST(ByteContent, CopyWithinOneContentReadsBeforeItWrites) {
  ByteContent c(kInit);
  c.fill(0, 0x100, kBuffer, 0);
  c.copyFrom(c, 0, 0x80, 0x100);  // overlapping: [0x80, 0x180) gets the old [0, 0x100)
  ByteContent expected(kInit);
  expected.fill(0, 0x80, kBuffer, 0);
  expected.fill(0x80, 0x180, kBuffer, 0);
  EXPECT_FALSE(c.firstDifference(0, 0x200, expected, 0).has_value());
}

TEST(ByteContent, ADifferenceSpanningPiecesIsReportedWhole) {
  ByteContent got(kInit), want(kBuffer);
  got.fill(0x10, 0x20, kInit, 0x10);  // split, same data
  auto d = got.firstDifference(0, 0x40, want, 0);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->offset, 0u);
  EXPECT_EQ(d->bytes, 0x40u);
}

}  // namespace
}  // namespace dmacheck::model
