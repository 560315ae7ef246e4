#include "check/swiotlb/checker.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/verify.h"
#include "check/swiotlb/slot_map.h"
#include "check/swiotlb/target.h"
#include "model/swiotlb/config_rules.h"
#include "model/swiotlb/dma_data_spec.h"
#include "model/swiotlb/invariants.h"
#include "model/swiotlb/slot_spec.h"

namespace dmacheck::swiotlb {

namespace {

struct Live {
  int modelId = 0;
  bool coherent = false;
  std::uint64_t orig = 0;
  std::uint64_t size = 0;
  std::uint32_t align = 0;     // streaming: the alloc_align_mask it was mapped with
  StreamingDma dma;            // streaming: its direction and attributes
  Placement placement;
  std::uint64_t pageAddr = 0;  // coherent: the page the caller received
};

int priorityOf(const std::string& invariant) {
  for (std::size_t i = 0; i < std::size(kInvariantPriority); ++i)
    if (kInvariantPriority[i] == invariant) return static_cast<int>(i);
  VERIFY(false, "unknown invariant id '{}'", invariant);
}

std::string slotRange(const Placement& p) {
  return fmt::format("slots {}-{} tlb={:#x}", p.firstSlot, p.firstSlot + p.slotCount, p.tlbAddr);
}

class Checker {
 public:
  static constexpr const char* kTerminationInvariant = "S-TERM";
  Checker(const Config& config, std::unique_ptr<SlotAllocator> allocator, bool keepLog)
      : config_(config), spec_(config), impl_(std::move(allocator)), keepLog_(keepLog),
        probeBudget_(4ULL * config.pool.slots + 1024) {}

  // Runs one operation; returns false when it had nothing to act on (no live allocation).
  // After a crash (S-ROBUST) the pool is gone, as the kernel would be: nothing more runs.
  std::optional<Op> step(const Op& op, StepReport& report) {
    if (crashed_) return std::nullopt;
    report.op = op;
    createdId_ = -1;
    try {
      met(report, invariantBit(kInvariants, "S-ROBUST"));  // a dropped step is not counted
      if (!std::visit([&](const auto& o) { return run(o, report); }, op)) return std::nullopt;
    } catch (const KernelBug& bug) {
      crashed_ = true;
      report.kernelLog.push_back(bug.what());
      report.outcome = "kernel BUG";
      flag(report, "S-ROBUST", bug.what());
    }
    if (keepLog_)
      for (const Live& l : live_) report.spans.push_back(spanOf(l));
    return report.op;
  }
  bool crashed() const { return crashed_; }

 private:
  // What a buffer's owner may touch, in slots: a map's slots; a swiotlb_alloc's whole page,
  // which it writes (S-DISJ: a page that starts in another buffer's slots shows as overlap).
  SpaceSpan spanOf(const Live& l) const {
    if (!l.coherent)
      return {l.placement.firstSlot, l.placement.slotCount, SpanKind::Live, fmt::format("#{}", l.modelId)};
    const std::uint64_t first = (l.pageAddr - config_.pool.start) / kSlotBytes;
    return {first, (l.size + kSlotBytes - 1) / kSlotBytes, SpanKind::Live, fmt::format("#{}", l.modelId)};
  }

  // The step met these invariants' preconditions: their judges were not vacuous (check --stats).
  static void met(StepReport& r, std::uint32_t bits) { r.met |= bits; }

  void flag(StepReport& r, std::string invariant, std::string detail) {
    r.violations.push_back({std::move(invariant), r.step, std::move(detail)});
  }

  void log(StepReport& r, std::string line) {
    if (keepLog_) r.kernelLog.push_back(fmt::format("{}: {}", config_.device.name, line));
  }

  void logSearch(StepReport& r, std::uint64_t orig, const MapResult& result) {
    if (!keepLog_) return;
    const SearchNote& n = result.note;
    std::string head = n.known ? fmt::format("orig_addr {:#x} alloc_size {:#x}, iotlb_align_mask {:#x} stride {:#x}",
                                             orig, n.allocSize, n.iotlbAlignMask, n.stride)
                               : fmt::format("orig_addr {:#x}", orig);
    if (result.status == MapResult::Status::Mapped)
      log(r, fmt::format("{}: got slot {}-{}/{} ({:#x})", head, result.placement.firstSlot,
                         result.placement.firstSlot + result.placement.slotCount, config_.pool.slots,
                         result.placement.tlbAddr));
    else if (result.status == MapResult::Status::NoSpace)
      log(r, n.known ? fmt::format("swiotlb buffer is full (sz: {} bytes), total {} (slots), used {} (slots)",
                                   n.allocSize, config_.pool.slots, usedCount())
                     : fmt::format("{}: swiotlb buffer is full, total {} (slots), used {} (slots)", head,
                                   config_.pool.slots, usedCount()));
    else
      log(r, fmt::format("{}: search still running {} in area {} (index {}), lock held", head,
                         n.known ? fmt::format("after {} probes", probeBudget_) : std::string("past the watchdog"),
                         n.area, impl_->areaIndex(n.area)));
  }

  // S-DISJ can only break when another allocation is live.
  std::uint32_t othersLive() const { return live_.empty() ? 0 : invariantBit(kInvariants, "S-DISJ"); }

  std::size_t usedCount() const {
    auto used = impl_->usedSlots();
    return static_cast<std::size_t>(std::count(used.begin(), used.end(), true));
  }

  void flagRefusalOrHang(StepReport& r, const MapResult& result, const std::optional<Placement>& witness) {
    if (result.status == MapResult::Status::NonTerminating) {
      const std::string spent = result.note.known ? fmt::format("probed {} candidates", probeBudget_)
                                                  : std::string("ran past the watchdog's CPU time");
      flag(r, "S-TERM", fmt::format("the slot search {} without finishing (area {}, index {}): "
                                    "the kernel spins here forever with the area lock held",
                                    spent, result.note.area, impl_->areaIndex(result.note.area)));
      r.outcome = "search does not terminate";
    } else {
      r.outcome = "no space";
      met(r, invariantBit(kInvariants, "S-COMPLETE"));
      if (witness) {
        flag(r, "S-COMPLETE", fmt::format("the allocator found no slot, but {} is free and meets every constraint",
                                          slotRange(*witness)));
        r.highlight = witness;
      }
    }
  }

  void checkMaxMappingPromise(StepReport& r, const MapRequest& request) {
    // The promise covers requests with A <= PAGE_SIZE - 1 from devices without a segment
    // boundary (a device with one cannot take a map larger than its window anyway), on
    // pools whose areas hold a whole segment.
    const std::uint64_t promised = impl_->maxMappingSize();
    if (request.size > promised || request.allocAlignMask >= config_.pool.pageSize || !spec_.areasHoldWholeSegment() ||
        config_.device.segBoundaryMask != ~0ULL)
      return;
    met(r, invariantBit(kInvariants, "S-COMPLETE"));
    if (!spec_.mapFitsEmptyPool(request))
      flag(r, "S-COMPLETE", fmt::format("swiotlb_max_mapping_size() promises {:#x} bytes, but a {:#x}-byte map of orig "
                                        "{:#x} cannot fit even an empty pool (a 128-slot segment is {:#x} bytes)",
                                        promised, request.size, request.orig, kSlotBytes * kSegmentSlots));
  }

  bool run(const MapOp& op, StepReport& r) {
    const MapRequest request{op.cpu, op.orig, op.size, op.align, op.dma};
    MapResult result = impl_->map(request, probeBudget_);
    met(r, invariantBit(kInvariants, "S-TERM"));
    logSearch(r, op.orig, result);
    checkMaxMappingPromise(r, request);
    if (result.status != MapResult::Status::Mapped) {
      flagRefusalOrHang(r, result, result.status == MapResult::Status::NoSpace ? spec_.mapWitness(request)
                                                                               : std::nullopt);
      return finish(r);
    }
    if (keepLog_) r.outcome = slotRange(result.placement);
    r.highlight = result.placement;
    met(r, spec_.mapPreconditions(request) | invariantBit(kInvariants, "S-DEVDATA") | othersLive());
    for (auto& f : spec_.judgeMapped(request, result.placement)) flag(r, f.invariant, f.detail);
    checkBounce(r, model::SlotSpec::expectedCopy(op.orig, result.placement.tlbAddr, 0, op.size, Direction::ToDevice),
                result.bounce, model::DmaDataSpec::mapMustBounce(op.dma));
    createdId_ = spec_.record(result.placement);
    live_.push_back({createdId_, false, op.orig, op.size, op.align, op.dma, result.placement, 0});
    data_.mapped(createdId_, r.step, op.orig, result.placement.tlbAddr, op.size, op.dma);
    if (result.bounce.copy) data_.copied(createdId_, *result.bounce.copy);
    return finish(r);
  }

  bool run(const AllocOp& op, StepReport& r) {
    const AllocRequest request{op.cpu, op.size};
    MapResult result = impl_->alloc(request, probeBudget_);
    met(r, invariantBit(kInvariants, "S-TERM"));
    logSearch(r, 0, result);
    if (!result.bounce.warning.empty()) log(r, "WARNING: " + result.bounce.warning);
    if (result.status != MapResult::Status::Mapped) {
      flagRefusalOrHang(r, result, result.status == MapResult::Status::NoSpace ? spec_.allocWitness(request)
                                                                               : std::nullopt);
      return finish(r);
    }
    const std::uint64_t page = result.placement.tlbAddr / config_.pool.pageSize * config_.pool.pageSize;
    if (keepLog_) r.outcome = fmt::format("{} page={:#x}", slotRange(result.placement), page);
    r.highlight = result.placement;
    r.pageShown = page;
    met(r, invariantBit(kInvariants, "S-BOUNDS") | invariantBit(kInvariants, "S-ALLOCALIGN") | othersLive());
    for (auto& f : spec_.judgeAllocated(request, result.placement)) flag(r, f.invariant, f.detail);
    createdId_ = spec_.record(result.placement);
    live_.push_back({createdId_, true, 0, op.size, 0, {}, result.placement, page});
    data_.allocated(r.step, page, op.size);
    return finish(r);
  }

  bool run(const UnmapOp& op, StepReport& r) {
    if (live_.empty()) return false;
    const std::size_t k = op.live % live_.size();
    r.op = UnmapOp{static_cast<std::uint32_t>(k)};
    const Live victim = live_[k];
    met(r, invariantBit(kInvariants, "S-FREE"));
    if (victim.coherent) impl_->free(victim.pageAddr, victim.size);
    else unmapStreaming(victim, r);
    spec_.release(victim.modelId);
    live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(k));
    if (keepLog_) r.outcome = fmt::format("released {}", slotRange(victim.placement));
    r.highlight = victim.placement;
    return finish(r, "S-FREE");
  }

  // The unmap's bounce back to the CPU is judged before the mapping is forgotten.
  void unmapStreaming(const Live& victim, StepReport& r) {
    BounceResult back = impl_->unmap(victim.placement.tlbAddr, victim.size, victim.align, victim.dma);
    if (!back.warning.empty()) log(r, "WARNING: " + back.warning);
    const BounceCopy expected =
        model::SlotSpec::expectedCopy(victim.orig, victim.placement.tlbAddr, 0, victim.size, Direction::ToCpu);
    checkBounce(r, expected, back, model::DmaDataSpec::unmapMustBounce(victim.dma));
    met(r, invariantBit(kInvariants, "S-CPUDATA"));
    data_.unmapped(victim.modelId);
    if (back.copy) data_.copied(victim.modelId, *back.copy);
    checkData(r);
    data_.released(victim.modelId);
  }

  // The part of a live streaming map that a sync or device write names: the map by index
  // modulo their count (k, as resolved), the offset modulo its size, at least one byte.
  struct Part {
    const Live* map;
    std::uint32_t k;
    std::uint64_t offset, bytes;
  };
  std::optional<Part> partOf(std::uint32_t liveOperand, std::uint64_t offset, std::uint64_t size) const {
    std::vector<const Live*> streaming;
    for (const Live& l : live_)
      if (!l.coherent) streaming.push_back(&l);
    if (streaming.empty()) return std::nullopt;
    const auto k = static_cast<std::uint32_t>(liveOperand % streaming.size());
    const Live* map = streaming[k];
    const std::uint64_t at = offset % map->size;
    return Part{map, k, at, std::clamp<std::uint64_t>(size, 1, map->size - at)};
  }

  bool run(const SyncOp& op, StepReport& r) {
    const auto part = partOf(op.live, op.offset, op.size);
    if (!part) return false;
    const Live& target = *part->map;
    r.op = SyncOp{part->k, part->offset, part->bytes, op.dir};
    BounceResult got = impl_->sync(target.placement.tlbAddr + part->offset, part->bytes, op.dir, target.dma);
    if (!got.warning.empty()) log(r, "WARNING: " + got.warning);
    if (keepLog_)
      r.outcome = got.copy ? fmt::format("copied {:#x} bytes orig {:#x} {} tlb {:#x}", got.copy->bytes,
                                         got.copy->origAddr, got.copy->way == Direction::ToDevice ? "->" : "<-",
                                         got.copy->tlbAddr)
                           : "nothing copied";
    checkBounce(r,
                model::SlotSpec::expectedCopy(target.orig, target.placement.tlbAddr, part->offset, part->bytes, op.dir),
                got, model::DmaDataSpec::syncMustBounce(op.dir, target.dma));
    data_.synced(target.modelId, op.dir, part->offset, part->bytes);
    met(r, op.dir == Direction::ToCpu ? invariantBit(kInvariants, "S-CPUDATA") : invariantBit(kInvariants, "S-DEVDATA"));
    if (got.copy) data_.copied(target.modelId, *got.copy);
    r.highlight = target.placement;
    return finish(r);
  }

  bool run(const DeviceWriteOp& op, StepReport& r) {
    const auto part = partOf(op.live, op.offset, op.size);
    if (!part) return false;
    const Live& target = *part->map;
    r.op = DeviceWriteOp{part->k, part->offset, part->bytes};
    data_.deviceWrote(target.modelId, r.step, part->offset, part->bytes);
    if (keepLog_)
      r.outcome =
          fmt::format("device wrote {:#x} bytes at tlb {:#x}", part->bytes, target.placement.tlbAddr + part->offset);
    r.highlight = target.placement;
    return finish(r);
  }

  void checkBounce(StepReport& r, const BounceCopy& expected, const BounceResult& got, bool due) {
    if (due || got.copy) met(r, invariantBit(kInvariants, "S-BOUNCE"));
    if (auto finding = model::SlotSpec::judgeBounce(expected, got, due)) flag(r, finding->invariant, finding->detail);
  }

  // S-DEVDATA and S-CPUDATA of every streaming map, each reported once per map.
  void checkData(StepReport& r) {
    for (int id : data_.mappings())
      for (auto& f : data_.judge(id))
        if (dataFlagged_.insert({id, f.invariant}).second) flag(r, f.invariant, f.detail);
  }

  // State checks after every step: the implementation's used slots must be the model's,
  // and its metadata self-consistent. After a release a mismatch is an S-FREE violation.
  // Per step only the slots either side changed are compared (untouched slots were equal
  // after the previous step); finishScenario() repeats the comparison over every slot.
  bool finish(StepReport& r, const char* mismatchInvariant = "S-MD") {
    checkData(r);
    auto [first, last] = impl_->takeChangedSlots();
    if (!initialStateChecked_) {  // the induction's base: the first step looks at every slot
      first = 0, last = config_.pool.slots;
      initialStateChecked_ = true;
    }
    if (r.highlight) {  // the model changed exactly this step's placement
      first = std::min(first, r.highlight->firstSlot);
      last = std::max<std::uint32_t>(last, r.highlight->firstSlot + r.highlight->slotCount);
    }
    last = std::min<std::uint32_t>(last, config_.pool.slots);
    if (first < last) {
      expected_.resize(last - first);
      for (std::uint32_t s = first; s < last; ++s) expected_[s - first] = spec_.slotHeld(s);
      if (auto s = impl_->firstUsageMismatch(first, last, expected_.data())) flagMismatch(r, mismatchInvariant, *s);
    }
    if (first < last) {
      met(r, invariantBit(kInvariants, "S-MD"));
      if (auto problem = impl_->metadataProblemAround(first, last)) flag(r, "S-MD", *problem);
    }
    return sortAndDraw(r);
  }

 public:
  std::uint32_t finishMet() const { return invariantBit(kInvariants, "S-MD"); }  // what finish() judges

  // Everything, once per scenario: every slot, and the per-area accounting.
  std::vector<Violation> finish(std::size_t opsRan) {
    StepReport r;
    r.step = opsRan;
    finishScenario(r);
    return r.violations;
  }

 private:
  void finishScenario(StepReport& r) {
    if (crashed_) return;
    expected_.resize(config_.pool.slots);
    for (std::uint32_t s = 0; s < config_.pool.slots; ++s) expected_[s] = spec_.slotHeld(s);
    if (auto s = impl_->firstUsageMismatch(0, config_.pool.slots, expected_.data())) flagMismatch(r, "S-MD", *s);
    if (auto problem = impl_->metadataProblem()) flag(r, "S-MD", *problem);
    sortAndDraw(r);
  }

 private:
  void flagMismatch(StepReport& r, const char* invariant, std::uint32_t s) {
    const std::uint64_t addr = config_.pool.start + std::uint64_t{s} * kSlotBytes;
    flag(r, invariant, spec_.slotHeld(s) ? fmt::format("slot {} ({:#x}) is marked free but a live allocation holds it", s, addr)
                                         : fmt::format("slot {} ({:#x}) is still marked in use but no live allocation "
                                                       "holds it", s, addr));
    if (!r.highlight) r.highlight = Placement{s, 1, 0};
  }

  bool sortAndDraw(StepReport& r) {
    std::stable_sort(r.violations.begin(), r.violations.end(), [](const Violation& a, const Violation& b) {
      return priorityOf(a.invariant) < priorityOf(b.invariant);
    });
    if (keepLog_ && r.highlight && !r.violations.empty()) {
      std::vector<SlotOwner> owners;
      for (const Live& l : live_) owners.push_back({l.placement, l.modelId == createdId_});
      r.slotMap = renderSlotMap(config_, owners, *r.highlight, r.pageShown);
    }
    return true;
  }

  Config config_;
  model::SlotSpec spec_;
  model::DmaDataSpec data_;
  std::set<std::pair<int, std::string>> dataFlagged_;
  std::unique_ptr<SlotAllocator> impl_;
  bool keepLog_;
  std::uint64_t probeBudget_;
  std::vector<Live> live_;
  int createdId_ = -1;  // the allocation made by the current step, if any
  std::vector<std::uint8_t> expected_;  // the model's used slots of the range being compared
  bool crashed_ = false;
  bool initialStateChecked_ = false;
};

}  // namespace

void validateScenario(const Scenario& scenario) {
  if (auto problem = model::configProblem(scenario.config)) throw InputError(*problem);
  for (std::size_t i = 0; i < scenario.ops.size(); ++i) {
    std::optional<std::string> problem;
    if (auto* m = std::get_if<MapOp>(&scenario.ops[i]))
      problem = model::mapRequestProblem(scenario.config, {m->cpu, m->orig, m->size, m->align, m->dma});
    else if (auto* a = std::get_if<AllocOp>(&scenario.ops[i])) {
      problem = model::allocRequestProblem(scenario.config, {a->cpu, a->size});
      if (!problem && a->size % scenario.config.pool.pageSize != 0)
        problem = fmt::format("alloc size must be a multiple of the page size {:#x} (dma_direct_alloc page-aligns "
                              "before calling swiotlb_alloc), got {:#x}", scenario.config.pool.pageSize, a->size);
    } else if (auto* s = std::get_if<SyncOp>(&scenario.ops[i]); s && s->size == 0)
      problem = "sync size must be at least 1";
    else if (auto* w = std::get_if<DeviceWriteOp>(&scenario.ops[i]); w && w->size == 0)
      problem = "device-write size must be at least 1";
    if (problem) throw InputError(fmt::format("operation {} ({}): {}", i + 1, opLine(scenario.ops[i]), *problem));
  }
}

CheckResult checkScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const CheckOptions& options, const CheckResult::Sink& sink) {
  Checker checker(scenario.config, makeAllocator(scenario.config), options.keepReports);
  return runSteps<CheckResult>(checker, scenario.ops, options, sink);
}

SpaceAxis spaceAxis(const Config& config) { return {0, config.pool.slots, "slot"}; }

}  // namespace dmacheck::swiotlb
