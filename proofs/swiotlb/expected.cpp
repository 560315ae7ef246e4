// Which theorem fails on which variant, and why. A theorem is expected to fail on a variant
// exactly when the variant has one of the bugs (impl/swiotlb/variants.cpp) that break the
// theorem's claim, apart from the few recorded exceptions below, each with its reason. The
// proof run checks every verdict against this, so a change in either shows up.
#include <algorithm>
#include <map>
#include <vector>

#include "proofs/swiotlb/prover.h"

namespace dmacheck::proofs::swiotlb {

namespace {

using impl::SwState;

const std::map<std::string, std::vector<std::string>>& falsifiedBy() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"map-minalign", {"SW-NO-MINALIGN", "SW-BRAINO", "SW-PREPAD", "SW-BOUNDARY-ALIGN"}},
      {"map-allocalign", {"SW-NOTALIGNED", "SW-GRANULE-TAIL"}},
      {"map-page", {"SW-PAGEALIGN-LOST"}},
      {"alloc-whole-pages", {"SW-DBLALLOC"}},
      {"alloc-page-order", {"SW-COHERENT-ORDER"}},
      {"max-mapping-fits", {"SW-MAXMAP-MINALIGN", "SW-GRANULE-TAIL"}},
      {"map-stride-skips-nothing", {"SW-STRIDE-PARITY", "SW-NOTALIGNED"}},
      {"alloc-stride-skips-nothing", {"SW-ALLOC-STRIDE"}},
      {"map-test-accepts-valid", {"SW-BOUNDARY-ALIGN", "SW-PAGEMASK-OFFSET", "SW-BOTHMASKS"}},
      {"alloc-test-accepts-valid", {}},
      {"checked-counts-passed-slots", {"SW-WRAP-SKIP"}},
      {"search-stays-in-pool", {}},
      {"search-terminates", {"SW-DEADLOCK"}},
  };
  return table;
}

// (theorem, variant) -> why a bug the variant has does not falsify this theorem there.
const std::map<std::pair<std::string, std::string>, std::string>& exceptions() {
  static const std::map<std::pair<std::string, std::string>, std::string> table = {
      {{"max-mapping-fits", "linux-5.11"},
       "SW-GRANULE-TAIL: before 1f221a0d0dbf no min_align offset is added to the size"},
      {{"map-stride-skips-nothing", "0eee5ae10256"},
       "SW-NOTALIGNED: from SW-5 the search starts anywhere and A's bits are compared, not strided over"},
      {{"map-stride-skips-nothing", "linux-6.3"}, "SW-NOTALIGNED: as for 0eee5ae10256"},
      {{"map-stride-skips-nothing", "linux-6.7"}, "SW-NOTALIGNED: as for 0eee5ae10256"},
      {{"map-test-accepts-valid", "0eee5ae10256"},
       "SW-BOUNDARY-ALIGN: SW-5's braino compares only min_align bits that alloc_align_mask covers too; a valid "
       "placement has them zero in orig and in the slot, and masking by the boundary only clears bits"},
      {{"alloc-stride-skips-nothing", "0eee5ae10256"},
       "SW-ALLOC-STRIDE: SW-5's braino masks the min_align bits with A = 0, so the stride is 1"},
  };
  return table;
}

}  // namespace

smt::Verdict expectedVerdict(const Theorem& theorem, const impl::Variant& variant, std::string& because) {
  because.clear();
  if (auto it = exceptions().find({theorem.id, variant.name}); it != exceptions().end()) {
    because = it->second;  // shown beside the verdict, so the exception is never silent
    return smt::Verdict::Proved;
  }
  for (const std::string& bug : falsifiedBy().at(theorem.id))
    if (std::find(variant.knownBugs.begin(), variant.knownBugs.end(), bug) != variant.knownBugs.end())
      because += (because.empty() ? "" : ", ") + bug;
  return because.empty() ? smt::Verdict::Proved : smt::Verdict::Counterexample;
}

// Counterexamples that need allocated slots around the skipped one have no witness shape
// yet (the witnesses use empty pools); the corpus holds a hand-made trace for them.
bool traceExpected(const Theorem& theorem, const impl::Variant& variant) {
  if (theorem.id == "alloc-stride-skips-nothing" && impl::atLeast(variant.rules.search, SwState::Sw8)) return false;
  if (theorem.id == "map-stride-skips-nothing" && variant.rules.search == SwState::Sw0) return false;
  return true;
}

}  // namespace dmacheck::proofs::swiotlb
