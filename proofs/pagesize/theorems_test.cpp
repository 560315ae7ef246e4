// Every field of the page-size Rules reaches a theorem's statement, or is listed with the
// reason none reads it (proofs/rules_mutation_testing.h).
#include <gtest/gtest.h>

#include "impl/pagesize/variant.h"
#include "proofs/pagesize/theorems.h"
#include "proofs/rules_mutation_testing.h"

namespace dmacheck::proofs::pagesize {
namespace {

using impl::pagesize::GranuleRule;
using impl::pagesize::Rules;
using impl::pagesize::VfioBitmapRule;

constexpr const char* kFixed = "proposal-account-once";

// One entry per field (the structured binding below stops compiling when a field is added).
const std::vector<RuleMutation<Rules>> kMutations = {
    DMACHECK_FLIP(kFixed, mapPagesCount),
    {"vfioBitmap", kFixed, [](Rules& r) { r.vfioBitmap = VfioBitmapRule::PageMaskOnly; }},
    DMACHECK_FLIP(kFixed, accountHostPagesOnce,
                  "pinned-page accounting is state over many calls; traces check it (V-ACCOUNT)"),
    DMACHECK_FLIP(kFixed, countWithoutWrap),
    {"granule", kFixed, [](Rules& r) { r.granule = GranuleRule::RefuseAbovePage; }},
    DMACHECK_FLIP(kFixed, v2ProbeSizeZero),
    DMACHECK_FLIP(kFixed, searchByLastByte),
    DMACHECK_FLIP(kFixed, sgtableAboveGranule, "dma_get_sgtable has no theorem; traces check it (G-SGT)"),
};

TEST(PagesizeTheorems, StatementsFollowEveryRuleTheyRead) {
  Rules r;  // the binding stops compiling when a field is added
  [[maybe_unused]] auto& [count, bitmap, accountOnce, withoutWrap, granule, sizeZero, lastByte, sgtable] = r;
  expectStatementsFollowEveryRule(
      kMutations, 8, impl::pagesize::pagesizeCatalogue(),
      [](const char*, const Rules& rules) { return statementsFor(pagesizeTheorems(), rules); });
}

}  // namespace
}  // namespace dmacheck::proofs::pagesize
