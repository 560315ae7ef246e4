// Every field of the IOVA Rules reaches a theorem's statement, or is listed with the
// reason none reads it (proofs/rules_mutation_testing.h).
#include <gtest/gtest.h>

#include "impl/iova/variant.h"
#include "proofs/iova/theorems.h"
#include "proofs/rules_mutation_testing.h"

namespace dmacheck::proofs::iova {
namespace {

using impl::iova::Rules;

std::string statements(const char*, const Rules& rules) {
  std::string text;
  for (const Theorem& t : iovaTheorems())
    if (t.applies(rules)) text += formulaText(t.id, t.state(rules));
  return text;
}

Rules rulesOf(const char* variant) { return impl::iova::findIovaVariant(variant)->rules; }

constexpr const char* kFixed = "proposal-checked-unmap";

// One entry per field (the structured binding below stops compiling when a field is added).
const std::vector<RuleMutation<Rules>> kMutations = {
    {"allocator", kFixed, [](Rules& r) { r.allocator = impl::iova::AllocatorKind::S390LazyBitmap; }},
    {"inclusiveWalk", kFixed, [](Rules& r) { r.inclusiveWalk = !r.inclusiveWalk; }},
    {"underflowGuard", "linux-4.12", [](Rules& r) { r.underflowGuard = !r.underflowGuard; }},
    {"max32Shortcut", kFixed, [](Rules& r) { r.max32Shortcut = !r.max32Shortcut; },
     "the max32_alloc_size shortcut is state over many calls; traces check it (I-COMPLETE)"},
    {"max32ResetOnAnyFree", kFixed, [](Rules& r) { r.max32ResetOnAnyFree = !r.max32ResetOnAnyFree; },
     "as max32Shortcut"},
    {"max32RemembersLimit", kFixed, [](Rules& r) { r.max32RemembersLimit = !r.max32RemembersLimit; },
     "as max32Shortcut"},
    {"retryAboveCached", kFixed, [](Rules& r) { r.retryAboveCached = !r.retryAboveCached; },
     "the cached-node retry is state over many calls; traces check it (I-COMPLETE)"},
    {"rcacheChecksRangeEnd", kFixed, [](Rules& r) { r.rcacheChecksRangeEnd = !r.rcacheChecksRangeEnd; },
     "the range caches have no theorem; traces check them"},
    {"flushDepotOnFailure", kFixed, [](Rules& r) { r.flushDepotOnFailure = !r.flushDepotOnFailure; },
     "the range caches have no theorem; traces check them"},
    {"warnOnUnknownPfn", kFixed, [](Rules& r) { r.warnOnUnknownPfn = !r.warnOnUnknownPfn; },
     "freeing has no theorem; traces check it (I-ROBUST)"},
    {"depotList", kFixed, [](Rules& r) { r.depotList = !r.depotList; },
     "the range caches have no theorem; traces check them"},
    {"singleQueue", kFixed, [](Rules& r) { r.singleQueue = !r.singleQueue; },
     "the flush-queue theorem states the counter rule of every queue; traces check which queue is used"},
    {"runtimeLazySwitch", kFixed, [](Rules& r) { r.runtimeLazySwitch = !r.runtimeLazySwitch; },
     "switching domains to lazy mode has no theorem; traces check it"},
    {"fqPublishedAfterInit", kFixed, [](Rules& r) { r.fqPublishedAfterInit = !r.fqPublishedAfterInit; },
     "the initialisation race has no theorem; traces check it"},
    {"freeOnlyIfUnmapped", kFixed, [](Rules& r) { r.freeOnlyIfUnmapped = !r.freeOnlyIfUnmapped; },
     "the unmap's accounting has no theorem; traces check it"},
};

TEST(IovaTheorems, StatementsFollowEveryRuleTheyRead) {
  Rules r;  // the binding stops compiling when a field is added
  [[maybe_unused]] auto& [allocator, inclusive, underflow, max32, max32Reset, max32Limit, retry, rcacheEnd, flushDepot,
                          warnUnknown, depotList, singleQueue, lazySwitch, fqPublished, freeIfUnmapped] = r;
  expectStatementsFollowEveryRule(kMutations, 15, rulesOf, statements);
}

}  // namespace
}  // namespace dmacheck::proofs::iova
