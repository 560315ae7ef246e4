#pragma once
// The symbolic inputs of one SWIOTLB search, and the rules every theorem assumes of them
// (the same limits config_rules.cpp enforces on traces, so a counterexample is always a
// valid trace). One area: an area's base is the pool start plus whole segments, so a
// symbolic page-aligned pool start covers every area's alignment.
#include <vector>

#include "impl/swiotlb/search_rules.h"
#include "impl/swiotlb/variant.h"
#include "proofs/smt/word.h"

namespace dmacheck::proofs::swiotlb {

using smt::Truth;
using smt::Word;

struct Symbols {
  Word orig = Word::variable("orig");                // phys address being mapped (0 for swiotlb_alloc)
  Word minAlign = Word::variable("min_align");       // M, dma_get_min_align_mask()
  Word allocAlign = Word::variable("align");         // A, the caller's alloc_align_mask
  Word size = Word::variable("size");                // mapping size (alloc: the coherent size)
  Word pageShift = Word::variable("page_shift");
  Word poolStart = Word::variable("pool_start");
  Word segBoundary = Word::variable("seg_boundary");
  Word poolSlots = Word::variable("slots");          // nslabs = area_nslabs (one area)
  Word areaIndex = Word::variable("area_index");     // area.index when the search begins
  Word probe = Word::variable("probe");              // the slot being probed
  Word other = Word::variable("other");              // a second slot (e.g. one jumped over)
  Word checked = Word::variable("slots_checked");

  Word pageSize() const { return Word(1) << pageShift; }
  Word realAddr(const Word& slot) const { return poolStart + (slot << impl::kSlotShift); }
};

// Page sizes 4K, 16K, 64K; page-aligned pool below 2^48 of at most 2^20 slots; M and A
// contiguous low-bit masks (M < 256K, A < 2^32, as dma-iommu's granule and the coherent
// page order give them; see proofs/README.md for arbitrary masks); a segment boundary
// 2^k - 1 with k >= 11; orig below 2^52; sizes 1 .. 4 MiB; indexes inside the pool.
std::vector<Truth> inputRules(const Symbols& s);

// What one search is asked, as the variant computes it from the request.
struct SearchView {
  bool alloc = false;
  Word orig, allocAlign, offset, searchBytes, nslots;
  impl::SearchParams<Word> params;
  Word alignBase;  // the address the alignment test looks at (pool start, maybe masked)

  Truth rejects(const Word& slot, const impl::Rules& rules) const {
    return impl::rejectsProbe(rules, params, alignBase + (slot << impl::kSlotShift), orig);
  }
};

SearchView mapView(const impl::Variant& v, const Symbols& s);
SearchView allocView(const impl::Variant& v, const Symbols& s);

}  // namespace dmacheck::proofs::swiotlb
