#include "proofs/swiotlb/symbols.h"

namespace dmacheck::proofs::swiotlb {

using namespace impl;

std::vector<Truth> inputRules(const Symbols& s) {
  return {
      s.pageShift == Word(12) || s.pageShift == Word(14) || s.pageShift == Word(16),
      (s.poolStart & (s.pageSize() - Word(1))) == Word(0),
      s.poolStart < (Word(1) << 48u),
      s.poolSlots >= Word(1),
      s.poolSlots <= Word(1u << 20),
      smt::isLowMask(s.minAlign),
      s.minAlign < Word(1u << 18),
      smt::isLowMask(s.allocAlign),
      s.allocAlign < (Word(1) << 32u),
      smt::isLowMask(s.segBoundary),
      s.segBoundary >= Word(kSlotSize - 1),
      s.orig < (Word(1) << 52u),
      s.size >= Word(1),
      s.size <= Word(4u << 20),
      s.areaIndex < s.poolSlots,
      s.probe < s.poolSlots,
      s.other < s.poolSlots,
      s.checked < s.poolSlots,
  };
}

namespace {

SearchView view(const Variant& v, const Symbols& s, bool alloc, Word orig, Word allocAlign, Word offset,
                Word searchBytes) {
  SearchView out{alloc,
                 orig,
                 allocAlign,
                 offset,
                 searchBytes,
                 slotCount(searchBytes),
                 searchParams<Word>(v.rules, s.minAlign, allocAlign, searchBytes, s.pageShift, orig == Word(0)),
                 alignBase(v.rules, s.poolStart, s.segBoundary)};
  return out;
}

}  // namespace

SearchView mapView(const Variant& v, const Symbols& s) {
  const Word offset = mapOffset<Word>(v.rules, s.orig, s.minAlign, s.allocAlign);
  return view(v, s, false, s.orig, s.allocAlign, offset, searchSize<Word>(v.rules, s.size, offset, s.allocAlign));
}

SearchView allocView(const Variant& v, const Symbols& s) {
  const Word align = v.rules.coherent == CoherentRule::OrderAligned ? coherentAlignMask(s.pageSize(), s.size) : Word(0);
  return view(v, s, true, Word(0), align, Word(0), s.size);
}

}  // namespace dmacheck::proofs::swiotlb
