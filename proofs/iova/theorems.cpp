#include "proofs/iova/theorems.h"

#include "check/iova/target.h"
#include "impl/iova/flush_rule.h"
#include "impl/iova/pfn_arith.h"

namespace dmacheck::proofs::iova {

using impl::iova::AllocatorKind;
using impl::iova::Rules;
using smt::implies;
namespace di = dmacheck::iova;

namespace {

// Pfns of a 64-bit DMA address with 4 KiB granules: the walk's sums cannot wrap below it.
// (A plain number: a Word belongs to the Z3 context of the thread that made it.)
constexpr std::uint64_t kPfnBound = 1ULL << 52;
// A witness domain: small enough to read, the 32-bit boundary above everything.
constexpr std::uint64_t kWitnessEndPfn = 0x3f;

// `align` is roundup_pow_of_two(size), stated without the implementation's fls: the
// smallest power of two that is at least size.
std::vector<Truth> isRoundedAlignment(const Word& align, const Word& size) {
  return {align != Word(0), (align & (align - Word(1))) == Word(0), align >= size,
          align == Word(1) || (align >> 1u) < size};
}

Truth alignedTo(const Word& pfn, const Word& align) { return (pfn & (align - Word(1))) == Word(0); }

Truth smallPowerOfTwo(const Word& size) {
  return size >= Word(1) && size <= Word(8) && (size & (size - Word(1))) == Word(0);
}

di::Config witnessDomain(std::uint64_t startPfn) {
  di::Config config;
  config.startPfn = startPfn;
  config.endPfn = kWitnessEndPfn;
  config.dma32Pfn = kWitnessEndPfn + 1;
  return config;
}

bool topDown(const Rules& r) { return r.allocator == AllocatorKind::RbTree && !r.inclusiveWalk; }
bool walk(const Rules& r) { return r.allocator == AllocatorKind::RbTree && r.inclusiveWalk; }
bool flushQueue(const Rules& r) { return r.allocator == AllocatorKind::RbTree; }

Statement sizeAlignedMaskTight(const Rules&) {
  const Word size = Word::variable("size"), high = Word::variable("high"), low = Word::variable("low");
  const Word align = Word::variable("align"), pfn = Word::variable("free_pfn");
  Statement s;
  s.assumptions = isRoundedAlignment(align, size);
  s.assumptions.insert(s.assumptions.end(), {size >= Word(1), size <= Word(1ULL << 63), alignedTo(pfn, align),
                                             pfn >= low, pfn + size <= high, pfn + size >= pfn});
  const Word candidate = impl::iova::topDownCandidate(high, size, impl::iova::placementMask(size, true));
  s.claim = impl::iova::topDownFits(high, size, candidate, low) && candidate >= pfn;
  return s;
}

Statement walkPadAligns(const Rules&) {
  const Word size = Word::variable("size"), limit = Word::variable("limit"), nodeHi = Word::variable("node_hi");
  const Word start = Word::variable("start_pfn"), align = Word::variable("align");
  const Word pad = impl::iova::walkPad(limit, size, true), lo = impl::iova::walkRangeLo(limit, size, pad);
  Statement s;
  s.assumptions = isRoundedAlignment(align, size);
  s.assumptions.insert(s.assumptions.end(), {size >= Word(1), size < Word(kPfnBound), limit < Word(kPfnBound),
                                             start < Word(kPfnBound), nodeHi <= limit});
  const Truth placed = impl::iova::walkGapFits(nodeHi, size, pad, limit) ||
                       impl::iova::walkFinalFits(start, size, pad, limit);
  s.claim = implies(placed, alignedTo(lo, align) && lo <= lo + size - Word(1) && lo + size - Word(1) <= limit);
  return s;
}

Statement walkRangeInBounds(const Rules&) {
  const Word size = Word::variable("size"), limit = Word::variable("limit"), nodeHi = Word::variable("node_hi");
  const Word start = Word::variable("start_pfn");
  const Word pad = impl::iova::walkPad(limit, size, true), lo = impl::iova::walkRangeLo(limit, size, pad);
  Statement s;
  s.assumptions = {size >= Word(1), size < Word(kPfnBound), limit < Word(kPfnBound), start >= Word(1), start < Word(kPfnBound),
                   nodeHi <= limit};
  s.claim = implies(impl::iova::walkGapFits(nodeHi, size, pad, limit) ||
                        impl::iova::walkFinalFits(start, size, pad, limit),
                    lo >= start && lo > nodeHi);
  // The node is a reserved range [0, node_hi]: the walk meets it first and takes the gap.
  s.witnessBounds = {limit <= Word(kWitnessEndPfn), smallPowerOfTwo(size), start + size - Word(1) <= limit,
                     impl::iova::walkGapFits(nodeHi, size, pad, limit)};
  s.witness = [=](const smt::Assignment& a) {
    di::Scenario scenario{witnessDomain(a.value(start)), {}};
    scenario.ops = {di::ReserveOp{0, a.value(nodeHi)}, di::MapOp{a.value(size), a.value(limit), true, 0}};
    return scenario;
  };
  return s;
}

Statement walkFinalCheckComplete(const Rules&) {
  const Word size = Word::variable("size"), limit = Word::variable("limit"), start = Word::variable("start_pfn");
  const Word align = Word::variable("align"), pfn = Word::variable("free_pfn");
  Statement s;
  s.assumptions = isRoundedAlignment(align, size);
  s.assumptions.insert(s.assumptions.end(),
                       {size >= Word(1), size < Word(kPfnBound), limit < Word(kPfnBound), start >= Word(1), start < Word(kPfnBound),
                        alignedTo(pfn, align), pfn >= start, pfn + size - Word(1) <= limit});
  s.claim = impl::iova::walkFinalFits(start, size, impl::iova::walkPad(limit, size, true), limit);
  // An empty domain: the walk has no node, so the final check alone decides.
  s.witnessBounds = {limit <= Word(kWitnessEndPfn), smallPowerOfTwo(size)};
  s.witness = [=](const smt::Assignment& a) {
    return di::Scenario{witnessDomain(a.value(start)), {di::MapOp{a.value(size), a.value(limit), true, 0}}};
  };
  return s;
}

Statement walkLimitBelowNode(const Rules& rules) {
  const Word nodeLo = Word::variable("node_lo"), limit = Word::variable("limit");
  Statement s;
  s.assumptions = {nodeLo <= limit, limit < Word(kPfnBound)};
  s.claim = impl::iova::walkLimitBelow(nodeLo, rules.underflowGuard) <= limit;
  // reserve [0, 0], fill [1, limit] one pfn at a time, then ask once more: the walk passes
  // the node at pfn 0.
  s.witnessBounds = {limit >= Word(1), limit <= Word(8)};
  s.witness = [=](const smt::Assignment& a) {
    di::Scenario scenario{witnessDomain(1), {di::ReserveOp{0, 0}}};
    for (std::uint64_t i = 0; i <= a.value(limit); ++i) scenario.ops.push_back(di::MapOp{1, a.value(limit), true, 0});
    return scenario;
  };
  return s;
}

Word implementationCounter(Word start, Word finish) { return impl::iova::queuedEntryCounter(start, finish); }
Truth implementationReclaim(Word counter, Word finish) { return impl::iova::entryReclaimable(counter, finish); }

Statement flushCounterRule(const Rules&) { return flushCounterStatement(implementationCounter, implementationReclaim); }

Statement sizeAlignedMask(const Rules&) { return sizeAlignedMaskStatement(true); }

}  // namespace

Statement sizeAlignedMaskStatement(bool sizeAligned) {
  const Word size = Word::variable("size"), high = Word::variable("high"), low = Word::variable("low");
  const Word align = Word::variable("align");
  Statement s;
  s.assumptions = isRoundedAlignment(align, size);
  s.assumptions.insert(s.assumptions.end(), {size >= Word(1), size <= Word(1ULL << 63)});
  const Word candidate = impl::iova::topDownCandidate(high, size, impl::iova::placementMask(size, sizeAligned));
  s.claim = impl::iova::sizeAlignShift(size) < Word(64) &&
            implies(impl::iova::topDownFits(high, size, candidate, low),
                    alignedTo(candidate, align) && candidate >= low && candidate <= candidate + size &&
                        candidate + size <= high);
  return s;
}

// Any number of flushes overlap. Each starts before it finishes, the entry is queued (its
// counter read after the PTE clear) before fq_ring_free looks at it, and atomics order
// every pair of events, so each flush falls in exactly one of six classes by where its
// start and finish lie relative to the queueing (q) and the reclaim (r). The counters are
// sums of class sizes; the claim holds for every size, that is for every interleaving.
Statement flushCounterStatement(CounterRule counterAtQueue, ReclaimRule reclaimable) {
  const Word beforeQ = Word::variable("flushes_done_before_q");           // start < finish < q
  const Word acrossQ = Word::variable("flushes_across_q_done_before_r");  // start < q < finish < r
  const Word acrossBoth = Word::variable("flushes_across_q_and_r");       // start < q, finish > r
  const Word betweenQR = Word::variable("flushes_within_q_r");            // q < start < finish < r
  const Word acrossR = Word::variable("flushes_from_q_across_r");         // q < start < r < finish
  const Word afterR = Word::variable("flushes_after_r");                  // r < start
  Statement s;
  // Counts of flushes, far from wrapping a 64-bit counter.
  for (const Word& n : {beforeQ, acrossQ, acrossBoth, betweenQR, acrossR, afterR})
    s.assumptions.push_back(n < Word(1ULL << 60));
  const Word startedAtQueue = beforeQ + acrossQ + acrossBoth;
  const Word finishedAtQueue = beforeQ;
  const Word finishedAtReclaim = beforeQ + acrossQ + betweenQR;
  const Word counter = counterAtQueue(startedAtQueue, finishedAtQueue);
  s.claim = implies(reclaimable(counter, finishedAtReclaim), betweenQR >= Word(1));
  return s;
}

const std::vector<Theorem>& iovaTheorems() {
  static const std::vector<Theorem> theorems = {
      {"size-aligned-mask", "I-ALIGN",
       "alloc_iova's fls mask gives a pfn_lo aligned to roundup_pow_of_two(size), inside [low, high), with a "
       "defined shift and no overflow, for every size up to 2^63 and every limit",
       {}, topDown, sizeAlignedMask},
      {"size-aligned-mask-tight", "I-COMPLETE",
       "the masked candidate is the highest aligned pfn that fits below high: a gap the mask rejects holds no "
       "aligned range",
       {}, topDown, sizeAlignedMaskTight},
      {"walk-pad-aligns", "I-ALIGN",
       "the pre-v4.15 walk's pad places a range aligned to roundup_pow_of_two(size) that ends at or below the "
       "limit, for pfns below 2^52",
       {}, walk, walkPadAligns},
      {"walk-range-in-bounds", "I-LIMIT",
       "a range the pre-v4.15 walk places starts at or above start_pfn and above the node it was placed over",
       {"IOVA-BELOW-START"}, walk, walkRangeInBounds},
      {"walk-final-check-complete", "I-COMPLETE",
       "when no node is in the way, the walk's last check accepts every request that has an aligned place at or "
       "above start_pfn",
       {"IOVA-START-PFN"}, walk, walkFinalCheckComplete},
      {"walk-limit-below-node", "I-LIMIT", "passing a node never raises the walk's limit (no wrap below pfn 0)",
       {"IOVA-UNDERFLOW"}, walk, walkLimitBelowNode},
      {"fq-counter-rule", "FQ-SAFE",
       "an entry the flush queue frees was covered by a flush that started after it was queued and has finished, "
       "for every interleaving of any number of concurrent flushes",
       {}, flushQueue, flushCounterRule},
  };
  return theorems;
}

}  // namespace dmacheck::proofs::iova

namespace dmacheck::iova {

std::vector<IovaTarget::Proof> IovaTarget::prove(const ProofRequest& request) {
  return proofs::BugTheoremProver<IovaTarget>::run(request, proofs::iova::iovaTheorems());
}

}  // namespace dmacheck::iova
