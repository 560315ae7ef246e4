// GenerationStats counts operation kinds per line and per case, and each field's values,
// with header lines kept apart from operations.
#include "check/generation_stats.h"

#include <gtest/gtest.h>

#include <array>

namespace dmacheck {
namespace {

constexpr std::array<std::string_view, 1> kHeaders = {"arena"};

TraceDocument doc(const std::string& body) { return parseTraceDocument("# dmacheck trace v1\ntarget toy\n" + body); }

TEST(GenerationStats, CountsKindsCasesAndValues) {
  GenerationStats g;
  g.add(doc("arena capacity=0x4\nalloc size=0x1\nalloc size=0x2\nreset\n"), kHeaders);
  g.add(doc("arena capacity=0x8\nalloc size=0x1\n"), kHeaders);
  EXPECT_EQ(g.cases(), 2u);
  EXPECT_EQ(g.lengths(), (std::vector<std::size_t>{3, 1}));
  const auto& alloc = g.kinds().at("alloc");
  EXPECT_FALSE(alloc.header);
  EXPECT_EQ(alloc.lines, 3u);
  EXPECT_EQ(alloc.cases, 2u);
  EXPECT_EQ(alloc.fields.at("size").values.at("0x1"), 2u);
  EXPECT_TRUE(g.kinds().at("arena").header);
  EXPECT_EQ(g.kinds().at("reset").cases, 1u);
  const std::string text = g.render();
  EXPECT_NE(text.find("alloc size: 2 values: 0x1 67%, 0x2 33% (written on 100% of lines)"), std::string::npos) << text;
  EXPECT_NE(text.find("arena capacity: 2 values"), std::string::npos) << text;
  EXPECT_EQ(text.find("arena    "), std::string::npos) << "a header is no operation kind:\n" << text;
}

TEST(GenerationStats, CountsEachInvariantsPreconditionByCaseAndStep) {
  static constexpr InvariantInfo table[] = {{"A-ONE", ""}, {"A-TWO", ""}, {"A-NEVER", ""}};
  GenerationStats g;
  g.add(doc("arena capacity=0x4\nalloc size=0x1\n"), kHeaders);
  g.addPreconditions({3, 1, 0}, table);
  g.add(doc("arena capacity=0x4\n"), kHeaders);
  g.addPreconditions({2, 0, 0}, table);
  ASSERT_EQ(g.preconditions().size(), 3u);
  EXPECT_EQ(g.preconditions()[0].first, "A-ONE");
  EXPECT_EQ(g.preconditions()[0].second.steps, 5u);
  EXPECT_EQ(g.preconditions()[0].second.cases, 2u);
  EXPECT_EQ(g.preconditions()[1].second.cases, 1u);
  EXPECT_EQ(g.preconditions()[2].second.cases, 0u);
  const std::string text = g.render();
  EXPECT_NE(text.find("A-NEVER                                0.0%          0"), std::string::npos) << text;
}

TEST(GenerationStats, SaysWhenNothingWasGenerated) {
  EXPECT_EQ(GenerationStats().render(), "statistics: no case was generated\n");
}

}  // namespace
}  // namespace dmacheck
