#include "proofs/swiotlb/theorems.h"

namespace dmacheck::proofs::swiotlb {

using namespace impl;
using smt::constant;
using smt::implies;

const std::vector<Theorem>& swiotlbTheorems() {
  static const std::vector<Theorem> theorems = {
      {"map-minalign", "S-MINALIGN", "a slot the search accepts gives a tlb with orig's min_align bits", false,
       WitnessShape::FirstProbe},
      {"map-allocalign", "S-ALLOCALIGN",
       "a slot the search accepts starts on alloc_align_mask + 1 and the run covers the granule of the last byte",
       false, WitnessShape::FirstProbe},
      {"map-page", "S-PAGE", "with M = A = 0, a map of >= PAGE_SIZE bytes gets a page-aligned tlb", false,
       WitnessShape::FirstProbe},
      {"alloc-whole-pages", "S-DISJ", "swiotlb_alloc hands out pages whose slots are all its own (or refuses)",
       true, WitnessShape::FirstProbe},
      {"alloc-page-order", "S-ALLOCALIGN",
       "swiotlb_alloc's buffer is aligned to the page order of its size, as dma_alloc_coherent promises", true,
       WitnessShape::FirstProbe},
      {"max-mapping-fits", "S-COMPLETE",
       "a map of at most swiotlb_max_mapping_size() with A < PAGE_SIZE needs at most one 128-slot segment", false,
       WitnessShape::EmptyPoolMaxMap},
      {"map-stride-skips-nothing", "S-COMPLETE",
       "a map's stride never jumps over a slot that passes the test and is a correctly aligned placement", false,
       WitnessShape::UnrolledSearch},
      {"alloc-stride-skips-nothing", "S-COMPLETE",
       "swiotlb_alloc's stride never jumps over a slot that passes the test and is a correctly aligned placement",
       true, WitnessShape::UnrolledSearch},
      {"map-test-accepts-valid", "S-COMPLETE",
       "the alignment test never rejects a slot whose placement would meet the spec (orig's min_align bits, "
       "alloc_align_mask, the page rule) inside the device's segment boundary", false, WitnessShape::UnrolledSearch},
      {"alloc-test-accepts-valid", "S-COMPLETE",
       "swiotlb_alloc's alignment test never rejects a slot whose page is aligned to the allocation's page order, "
       "inside the device's segment boundary",
       true, WitnessShape::UnrolledSearch},
      {"checked-counts-passed-slots", "S-COMPLETE",
       "slots_checked grows by no more than the slots a step really passed, so giving up means all were seen", false,
       WitnessShape::UnrolledSearch},
      {"search-stays-in-pool", "S-ROBUST",
       "every probe's next index lies inside the slot array: the wrap returns to slot 0 exactly at the end, so the "
       "search never reads io_tlb_mem's slots[] past its last entry",
       false, WitnessShape::UnrolledSearch},
      {"search-terminates", "S-TERM",
       "every probe brings the search closer to its exit (slots_checked, or the return to the start index)", false,
       WitnessShape::UnrolledSearch},
  };
  return theorems;
}

bool judgesTheTest(const Theorem& theorem) {
  return theorem.id == "map-test-accepts-valid" || theorem.id == "alloc-test-accepts-valid";
}

bool theoremApplies(const Theorem& theorem, const Variant& variant) {
  if (theorem.id == "checked-counts-passed-slots") return atLeast(variant.rules.search, SwState::Sw4);
  if (theorem.alloc) return atLeast(variant.rules.search, SwState::Sw1b);  // swiotlb_alloc: f4111e39a52a
  return true;
}

namespace {

Word tlbAt(const Variant& v, const Symbols& s, const SearchView& view, const Word& slot) {
  return mappedTlb<Word>(v.rules, s.poolStart, slot, view.offset);
}

Truth pageRuleApplies(const Symbols& s) {
  return s.minAlign == Word(0) && s.allocAlign == Word(0) && s.size >= s.pageSize();
}

// S-ALLOCALIGN's tail: the slots reach the end of the granule holding the last byte.
Truth coversLastGranule(const Variant& v, const Symbols& s, const SearchView& view, const Word& slot) {
  const Word end = tlbAt(v, s, view, slot) + s.size;
  const Word granuleEnd = select(s.allocAlign == Word(0), end, alignUpMask(end, s.allocAlign));
  return s.realAddr(slot) + (view.nslots << kSlotShift) >= granuleEnd;
}

}  // namespace

Truth placementAligned(const Variant& v, const Symbols& s, const SearchView& view, const Word& slot) {
  const Word addr = s.realAddr(slot);
  const Word pageMask = s.pageSize() - Word(1);
  if (view.alloc)
    return (addr & pageMask) == Word(0) && (addr & coherentAlignMask(s.pageSize(), s.size)) == Word(0);
  const Word tlb = tlbAt(v, s, view, slot);
  return (tlb & s.minAlign) == (s.orig & s.minAlign) && (addr & s.allocAlign) == Word(0) &&
         implies(pageRuleApplies(s), (tlb & pageMask) == Word(0));
}

namespace {

// The search takes a slot that passes the alignment test, whose run stays inside the
// device's segment boundary and one 128-slot segment.
Truth accepted(const Variant& v, const Symbols& s, const SearchView& view, const Word& slot) {
  return !view.rejects(slot, v.rules) && !crossesBoundary(s.segBoundary, s.poolStart, slot, view.nslots) &&
         view.nslots <= Word(kSegment);
}

// Which probes a search can make. Before SW-5 it starts at an index rounded up to the
// stride (a power of two) and jumps by the stride, so only a rejected probe (which steps
// by one) can leave the multiples of the stride; when the test cannot reject anything,
// every probe is a multiple. From SW-5 on any index can be probed.
Truth reachable(const Variant& v, const SearchView& view, const Word& slot) {
  if (atLeast(v.rules.search, SwState::Sw5)) return constant(true);
  const Truth canReject = view.params.compareMask != Word(0) &&
                          (constant(v.rules.search == SwState::Sw1) || view.orig != Word(0));
  return canReject || (slot & (view.params.stride - Word(1))) == Word(0);
}

Statement acceptedMap(const Variant& v, const Symbols& s, const SearchView& view) {
  Statement st{inputRules(s)};
  st.assumptions.push_back(s.orig != Word(0));
  st.assumptions.push_back(accepted(v, s, view, s.probe));
  st.assumptions.push_back(reachable(v, view, s.probe));
  return st;
}

Statement mapMinAlign(const Variant& v, const Symbols& s) {
  const SearchView view = mapView(v, s);
  Statement st = acceptedMap(v, s, view);
  st.claim = (tlbAt(v, s, view, s.probe) & s.minAlign) == (s.orig & s.minAlign);
  return st;
}

Statement mapAllocAlign(const Variant& v, const Symbols& s) {
  const SearchView view = mapView(v, s);
  Statement st = acceptedMap(v, s, view);
  st.claim = (s.realAddr(s.probe) & s.allocAlign) == Word(0) && coversLastGranule(v, s, view, s.probe);
  return st;
}

Statement mapPage(const Variant& v, const Symbols& s) {
  const SearchView view = mapView(v, s);
  Statement st = acceptedMap(v, s, view);
  st.assumptions.push_back(pageRuleApplies(s));
  st.claim = (tlbAt(v, s, view, s.probe) & (s.pageSize() - Word(1))) == Word(0);
  return st;
}

// dma_direct_alloc passes a page-aligned size. 823353b7cf0e's guard refuses (and WARNs)
// when the slot is not page aligned: a refusal is not a double allocation.
Statement acceptedAlloc(const Variant& v, const Symbols& s, const SearchView& view) {
  Statement st{inputRules(s)};
  st.assumptions.push_back((s.size & (s.pageSize() - Word(1))) == Word(0));
  st.assumptions.push_back(accepted(v, s, view, s.probe));
  st.assumptions.push_back(reachable(v, view, s.probe));
  return st;
}

Truth allocRefused(const Variant& v, const Symbols& s) {
  return constant(v.rules.pageGuardOnAlloc) && (s.realAddr(s.probe) & (s.pageSize() - Word(1))) != Word(0);
}

Statement allocWholePages(const Variant& v, const Symbols& s) {
  const SearchView view = allocView(v, s);
  Statement st = acceptedAlloc(v, s, view);
  st.claim = allocRefused(v, s) || (s.realAddr(s.probe) & (s.pageSize() - Word(1))) == Word(0);
  return st;
}

Statement allocPageOrder(const Variant& v, const Symbols& s) {
  const SearchView view = allocView(v, s);
  Statement st = acceptedAlloc(v, s, view);
  // The caller gets PFN_DOWN(tlb): the page holding the slot is what must be aligned.
  const Word page = s.realAddr(s.probe) & ~(s.pageSize() - Word(1));
  st.claim = allocRefused(v, s) || (page & coherentAlignMask(s.pageSize(), s.size)) == Word(0);
  return st;
}

Statement maxMappingFits(const Variant& v, const Symbols& s) {
  const SearchView view = mapView(v, s);
  Statement st{inputRules(s)};
  st.assumptions.push_back(s.orig != Word(0));
  st.assumptions.push_back(s.size <= maxMappingSize<Word>(v.rules, s.minAlign));
  st.assumptions.push_back(s.allocAlign < s.pageSize());
  st.claim = view.nslots <= Word(kSegment);
  return st;
}

}  // namespace

Truth stepClaim(const Theorem& theorem, const Variant& v, const Symbols& s, const SearchView& view, const Word& index,
                const Word& checked, const Word& start) {
  const SwState state = v.rules.search;
  const Truth rejected = view.rejects(index, v.rules);
  const Word stride = view.params.stride;
  const Step<Word> next = nextProbe<Word>(v.rules, rejected, index, checked, stride, s.poolSlots);
  if (theorem.id == "checked-counts-passed-slots") {
    const Word passed = select(rejected, Word(1), select(index + stride >= s.poolSlots, s.poolSlots - index, stride));
    return next.checked - checked <= passed;
  }
  if (theorem.id == "search-stays-in-pool") return next.index < s.poolSlots;  // from any index inside it
  if (theorem.id == "search-terminates") {
    if (atLeast(state, SwState::Sw4)) return next.checked > checked;
    // do..while (index != start): the circular distance back to the start must shrink.
    // Inductive: the index stays a multiple of the stride (as ALIGN made the start).
    auto distance = [&](const Word& x) { return select(x < start, start - x, start + s.poolSlots - x); };
    const Truth multiple = (next.index & (stride - Word(1))) == Word(0);
    return next.index == start || (multiple && distance(next.index) < distance(index));
  }
  // The completeness of the test itself: a slot the spec would accept is never rejected.
  if (judgesTheTest(theorem))
    return implies(
        placementAligned(v, s, view, index) && !crossesBoundary(s.segBoundary, s.poolStart, index, view.nslots),
        !rejected);
  // The stride theorems: from a probe that passed the test, no slot strictly inside the
  // jump both passes the test and would be a correctly aligned placement.
  const Word& j = s.other;
  const Truth jumpedOver = index < j && j < index + stride && j < s.poolSlots;
  return implies(!rejected, !(jumpedOver && !view.rejects(j, v.rules) && placementAligned(v, s, view, j)));
}

namespace {

Statement searchStep(const Theorem& theorem, const Variant& v, const Symbols& s) {
  const SearchView view = theorem.alloc ? allocView(v, s) : mapView(v, s);
  Statement st{inputRules(s)};
  if (!theorem.alloc) st.assumptions.push_back(s.orig != Word(0));
  if (theorem.alloc) st.assumptions.push_back((s.size & (s.pageSize() - Word(1))) == Word(0));
  st.assumptions.push_back(reachable(v, view, s.probe));
  const Word& start = s.areaIndex;
  if (theorem.id == "search-terminates" && !atLeast(v.rules.search, SwState::Sw4)) {
    // The loop starts at an index rounded up to the stride (a power of two); as long as the
    // index stays a multiple of it, the jumps lead back to the start.
    const Word strideMask = view.params.stride - Word(1);
    st.assumptions.push_back(smt::isLowMask(strideMask));
    st.assumptions.push_back((start & strideMask) == Word(0));
    st.assumptions.push_back((s.probe & strideMask) == Word(0));
  }
  st.claim = stepClaim(theorem, v, s, view, s.probe, s.checked, start);
  return st;
}

}  // namespace

Statement stateTheorem(const Theorem& theorem, const Variant& v, const Symbols& s) {
  if (theorem.id == "map-minalign") return mapMinAlign(v, s);
  if (theorem.id == "map-allocalign") return mapAllocAlign(v, s);
  if (theorem.id == "map-page") return mapPage(v, s);
  if (theorem.id == "alloc-whole-pages") return allocWholePages(v, s);
  if (theorem.id == "alloc-page-order") return allocPageOrder(v, s);
  if (theorem.id == "max-mapping-fits") return maxMappingFits(v, s);
  return searchStep(theorem, v, s);
}

}  // namespace dmacheck::proofs::swiotlb
