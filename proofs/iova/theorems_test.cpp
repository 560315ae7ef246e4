// Every field of the IOVA Rules reaches a theorem's statement, or is listed with the
// reason none reads it (proofs/rules_mutation_testing.h).
#include <gtest/gtest.h>

#include "impl/iova/variant.h"
#include "proofs/iova/theorems.h"
#include "proofs/rules_mutation_testing.h"

namespace dmacheck::proofs::iova {
namespace {

using impl::iova::Rules;

constexpr const char* kFixed = "proposal-checked-unmap";

// One entry per field (the structured binding below stops compiling when a field is added).
const std::vector<RuleMutation<Rules>> kMutations = {
    {"allocator", kFixed, [](Rules& r) { r.allocator = impl::iova::AllocatorKind::S390LazyBitmap; }},
    DMACHECK_FLIP(kFixed, inclusiveWalk),
    DMACHECK_FLIP("linux-4.12", underflowGuard),
    DMACHECK_FLIP(kFixed, max32Shortcut,
                  "the max32_alloc_size shortcut is state over many calls; traces check it (I-COMPLETE)"),
    DMACHECK_FLIP(kFixed, max32ResetOnAnyFree, "as max32Shortcut"),
    DMACHECK_FLIP(kFixed, max32RemembersLimit, "as max32Shortcut"),
    DMACHECK_FLIP(kFixed, retryAboveCached,
                  "the cached-node retry is state over many calls; traces check it (I-COMPLETE)"),
    DMACHECK_FLIP(kFixed, rcacheChecksRangeEnd, "the range caches have no theorem; traces check them"),
    DMACHECK_FLIP(kFixed, flushDepotOnFailure, "the range caches have no theorem; traces check them"),
    DMACHECK_FLIP(kFixed, warnOnUnknownPfn, "freeing has no theorem; traces check it (I-ROBUST)"),
    DMACHECK_FLIP(kFixed, depotList, "the range caches have no theorem; traces check them"),
    DMACHECK_FLIP(kFixed, singleQueue,
                  "the flush-queue theorem states the counter rule of every queue; traces check which queue is used"),
    DMACHECK_FLIP(kFixed, runtimeLazySwitch, "switching domains to lazy mode has no theorem; traces check it"),
    DMACHECK_FLIP(kFixed, fqPublishedAfterInit, "the initialisation race has no theorem; traces check it"),
    DMACHECK_FLIP(kFixed, freeOnlyIfUnmapped, "the unmap's accounting has no theorem; traces check it"),
};

TEST(IovaTheorems, StatementsFollowEveryRuleTheyRead) {
  Rules r;  // the binding stops compiling when a field is added
  [[maybe_unused]] auto& [allocator, inclusive, underflow, max32, max32Reset, max32Limit, retry, rcacheEnd, flushDepot,
                          warnUnknown, depotList, singleQueue, lazySwitch, fqPublished, freeIfUnmapped] = r;
  expectStatementsFollowEveryRule(kMutations, 15, impl::iova::iovaCatalogue(),
                                  [](const char*, const Rules& rules) { return statementsFor(iovaTheorems(), rules); });
}

}  // namespace
}  // namespace dmacheck::proofs::iova
