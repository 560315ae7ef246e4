#include "proofs/swiotlb/witness.h"

#include "proofs/smt/solver.h"

namespace dmacheck::proofs::swiotlb {

using namespace impl;
namespace ds = dmacheck::swiotlb;
using smt::constant;
using smt::implies;

namespace {

constexpr std::uint64_t kPrefixOrigHighBit = 1ULL << 44;  // a nonzero orig with slot 0's low bits

// The search could take `slot` on an empty pool: within the free run and the boundary.
Truth usable(const Variant& v, const Symbols& s, const SearchView& view, const Word& slot) {
  return !crossesBoundary(s.segBoundary, s.poolStart, slot, view.nslots) &&
         emptyRunLength(v.rules, slot, s.poolSlots) >= view.nslots;
}

// The spec's own run for a placement at `slot` (to the end of the granule holding the last
// byte) stays inside the pool, one segment and the device's boundary.
Truth specFits(const Variant& v, const Symbols& s, const SearchView& view, const Word& slot) {
  const Word end = (view.alloc ? s.realAddr(slot) : mappedTlb<Word>(v.rules, s.poolStart, slot, view.offset)) + s.size;
  const Word granuleEnd = select(view.allocAlign == Word(0), end, alignUpMask(end, view.allocAlign));
  const Word slots = maxOf(view.nslots, slotCount(Word(granuleEnd - s.realAddr(slot))));
  return slot + slots <= s.poolSlots && slots <= runToSegmentOrPoolEnd(slot, s.poolSlots) &&
         !crossesBoundary(s.segBoundary, s.poolStart, slot, slots);
}

// Readable numbers, and a prefix (map k slots at slot 0, unmap) that leaves area.index = k.
std::vector<Truth> poolShape(const Symbols& s, const Word& maxSlots) {
  const Word k = s.areaIndex;
  const Truth prefixLandsAtZero = s.segBoundary >= Word(0x3ffff) && s.segBoundary >= s.pageSize() - Word(1) &&
                                  !crossesBoundary(s.segBoundary, s.poolStart, Word(0), k);
  return {s.poolSlots <= maxSlots,      k <= Word(64),
          s.poolStart >= Word(1u << 30), s.poolStart < (Word(1) << 40u),
          s.orig < (Word(1) << 40u),    implies(k != Word(0), prefixLandsAtZero)};
}

void addAll(std::vector<Truth>& to, const std::vector<Truth>& from) { to.insert(to.end(), from.begin(), from.end()); }

std::vector<Truth> firstProbe(const Theorem& t, const Variant& v, const Symbols& s) {
  const SearchView view = t.alloc ? allocView(v, s) : mapView(v, s);
  std::vector<Truth> c = poolShape(s, Word(1024));
  c.push_back((s.poolSlots & Word(kSegment - 1)) == Word(0));  // whole segments: no pool-end artefacts
  c.push_back(s.probe == startIndex<Word>(v.rules, s.areaIndex, view.params.stride, s.poolSlots));
  c.push_back(usable(v, s, view, s.probe));
  c.push_back(view.nslots <= s.poolSlots);
  c.push_back(s.size <= Word(256u << 10));
  return c;
}

std::vector<Truth> emptyPoolMaxMap(const Symbols& s) {
  return {s.areaIndex == Word(0), (s.poolSlots & Word(kSegment - 1)) == Word(0), s.poolSlots <= Word(1024),
          s.segBoundary == Word(~0ULL), s.poolStart >= Word(1u << 30), s.poolStart < (Word(1) << 40u),
          s.orig < (Word(1) << 40u)};
}

// The whole search on a pool of at most 6 slots, unrolled: it never takes a slot, the
// theorem's step claim breaks on a step it really makes, and a slot that passes the test
// and is a correct placement was free all along (so the checker sees S-COMPLETE), or, for
// the do..while loops, the index never comes back to where it started (S-TERM).
std::vector<Truth> unrolledSearch(const Theorem& t, const Variant& v, const Symbols& s) {
  const SwState state = v.rules.search;
  const SearchView view = t.alloc ? allocView(v, s) : mapView(v, s);
  const unsigned maxSlots = 6;
  std::vector<Truth> c = poolShape(s, Word(maxSlots));
  if (!t.alloc) c.push_back(s.orig != Word(0));
  if (t.alloc) c.push_back((s.size & (s.pageSize() - Word(1))) == Word(0));
  c.push_back(view.nslots <= s.poolSlots);
  const Word start = startIndex<Word>(v.rules, s.areaIndex, view.params.stride, s.poolSlots);
  const bool boundedLoop = atLeast(state, SwState::Sw4);
  const bool deadlock = t.id == "search-terminates";
  Word index = start, checked = Word(0);
  Truth searching = constant(true), brokeClaim = constant(false);
  for (unsigned step = 0; step <= maxSlots + 1; ++step) {
    if (boundedLoop) searching = searching && checked < s.poolSlots;
    if (step > 0 && !boundedLoop) searching = searching && index != start;
    c.push_back(implies(searching, !(!view.rejects(index, v.rules) && usable(v, s, view, index))));
    brokeClaim = brokeClaim || (searching && !stepClaim(t, v, s, view, index, checked, start));
    const Step<Word> next = nextProbe<Word>(v.rules, view.rejects(index, v.rules), index, checked, view.params.stride,
                                            s.poolSlots);
    index = next.index;
    checked = next.checked;
  }
  searching = searching && (boundedLoop ? checked < s.poolSlots : index != start);
  if (deadlock) {
    c.push_back(searching);  // still searching after more probes than there are slots: a cycle
  } else {
    c.push_back(brokeClaim);
    // Free, inside the pool and a segment, and a correct placement: the model will see it.
    c.push_back(!searching);  // the search gave up cleanly within the unrolled steps
    // (For the stride theorems it also passes the test; for the test's own completeness it
    // need not: that the test rejects it is the point.)
    const Truth passes = judgesTheTest(t) ? constant(true) : !view.rejects(s.other, v.rules);
    c.push_back(passes && usable(v, s, view, s.other) && specFits(v, s, view, s.other) &&
                placementAligned(v, s, view, s.other));
  }
  return c;
}

ds::Scenario scenarioFrom(const Theorem& t, const smt::Assignment& a, const Symbols& s) {
  ds::Scenario scenario;
  ds::Config& config = scenario.config;
  config.pool.start = a.value(s.poolStart);
  config.pool.slots = static_cast<std::uint32_t>(a.value(s.poolSlots));
  config.pool.areas = 1;
  config.pool.pageSize = static_cast<std::uint32_t>(a.value(s.pageSize()));
  config.device.minAlignMask = static_cast<std::uint32_t>(a.value(s.minAlign));
  config.device.segBoundaryMask = a.value(s.segBoundary);
  if (const std::uint64_t k = a.value(s.areaIndex); k > 0) {
    scenario.ops.push_back(ds::MapOp{0, config.pool.start | kPrefixOrigHighBit, k << kSlotShift, 0});
    scenario.ops.push_back(ds::UnmapOp{0});
  }
  if (t.alloc)
    scenario.ops.push_back(ds::AllocOp{0, a.value(s.size)});
  else
    scenario.ops.push_back(
        ds::MapOp{0, a.value(s.orig), a.value(s.size), static_cast<std::uint32_t>(a.value(s.allocAlign))});
  return scenario;
}

}  // namespace

std::optional<Witness> findWitness(const Theorem& t, const Variant& v, unsigned timeoutMs,
                                   const std::vector<ds::Scenario>& refused) {
  const Symbols s;
  const Statement st = stateTheorem(t, v, s);
  std::vector<Truth> constraints = st.assumptions;
  switch (t.shape) {
    case WitnessShape::FirstProbe:
      constraints.push_back(!st.claim);
      addAll(constraints, firstProbe(t, v, s));
      break;
    case WitnessShape::EmptyPoolMaxMap:
      constraints.push_back(!st.claim);
      addAll(constraints, emptyPoolMaxMap(s));
      break;
    case WitnessShape::UnrolledSearch:
      // The general step claim quantifies over any probe; here the unrolled steps say which.
      constraints = inputRules(s);
      addAll(constraints, unrolledSearch(t, v, s));
      break;
  }
  for (const ds::Scenario& r : refused) {  // ask for a different one
    const auto* op = std::get_if<ds::MapOp>(&r.ops.back());
    Truth same = s.poolStart == Word(r.config.pool.start) && s.poolSlots == Word(r.config.pool.slots) &&
                 s.minAlign == Word(r.config.device.minAlignMask);
    if (op) same = same && s.orig == Word(op->orig) && s.size == Word(op->size);
    constraints.push_back(!same);
  }
  Witness witness;
  const auto assignment = smt::findAssignment(constraints, timeoutMs, witness.seconds);
  if (!assignment) return std::nullopt;
  witness.scenario = scenarioFrom(t, *assignment, s);
  return witness;
}

}  // namespace dmacheck::proofs::swiotlb
