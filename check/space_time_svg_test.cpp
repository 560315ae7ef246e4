// The space-time picture: text is escaped, overlapping live buffers are marked, a sparse
// space is drawn with its boundaries, spans at the top of a 64-bit space do not wrap.
#include "check/space_time_svg.h"

#include <gtest/gtest.h>

namespace dmacheck {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SpaceTimeSvg, EscapesTextAndMarksTheBrokenStep) {
  SpaceTimePicture p{"a <b> & \"c\"", {0, 16, "slot"}, {{"map size=<1>", {{0, 4, SpanKind::Live, "#0"}}, {}},
                                                       {"alloc", {}, {"S-DISJ"}}}, {}};
  const std::string svg = renderSpaceTimeSvg(p);
  EXPECT_NE(svg.find("a &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
  EXPECT_NE(svg.find("map size=&lt;1&gt;"), std::string::npos);
  EXPECT_NE(svg.find("! S-DISJ  alloc"), std::string::npos);
  EXPECT_EQ(svg.rfind("</svg>\n"), svg.size() - 7);
}

TEST(SpaceTimeSvg, MarksOverlappingLiveBuffersOnly) {
  SpaceTimeRow row{"alloc", {{0, 4, SpanKind::Live, "#0"}, {3, 4, SpanKind::Live, "#1"}, {5, 1, SpanKind::Cached, ""}}, {}};
  const std::string svg = renderSpaceTimeSvg({"t", {0, 16, "slot"}, {row}, {}});
  EXPECT_EQ(count(svg, "overlap: "), 1u);
  EXPECT_NE(svg.find("#0 and #1 overlap: 0x3-0x4"), std::string::npos);
}

TEST(SpaceTimeSvg, FitsASparseSpaceToItsBoundaries) {
  const std::uint64_t top = ~0ULL - 0xfff;  // a page that ends at 2^64
  SpaceTimeRow row{"map", {{0, 0x1000, SpanKind::Live, ""}, {top, 0x1000, SpanKind::Live, ""}}, {}};
  const std::string svg = renderSpaceTimeSvg({"t", {0, 0, "byte"}, {row}, {}});
  EXPECT_NE(svg.find("each gap between boundaries drawn the same width"), std::string::npos);
  EXPECT_NE(svg.find(">0xfffffffffffff000<"), std::string::npos);
  EXPECT_EQ(count(svg, "overlap: "), 0u);  // the top page does not wrap onto the first
}

}  // namespace
}  // namespace dmacheck
