#include "check/iova/checker.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/verify.h"
#include "check/iova/iommu_sim.h"
#include "check/iova/target.h"
#include "model/iova/config_rules.h"
#include "model/iova/invariants.h"
#include "model/iova/lifecycle_spec.h"

namespace dmacheck::iova {

namespace {

int priorityOf(const std::string& invariant) {
  for (std::size_t i = 0; i < std::size(kInvariantPriority); ++i)
    if (kInvariantPriority[i] == invariant) return static_cast<int>(i);
  VERIFY(false, "unknown invariant id '{}'", invariant);
}

// Sorted, merged union of ranges: the set of pfns they cover.
std::vector<PfnRange> coverage(std::vector<PfnRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const PfnRange& a, const PfnRange& b) { return a.lo < b.lo; });
  std::vector<PfnRange> merged;
  for (const PfnRange& r : ranges) {
    if (!merged.empty() && r.lo <= merged.back().hi + 1 && merged.back().hi != ~0ULL)
      merged.back().hi = std::max(merged.back().hi, r.hi);
    else
      merged.push_back(r);
  }
  return merged;
}

// The first pfn of [lo, hi] not covered by `merged`, if any.
std::optional<std::uint64_t> firstUncovered(const std::vector<PfnRange>& merged, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t p = lo;
  for (const PfnRange& r : merged) {
    if (r.hi < p) continue;
    if (r.lo > p) return p;
    if (r.hi >= hi) return std::nullopt;
    p = r.hi + 1;
  }
  return p;
}

std::string rangesText(const std::vector<PfnRange>& ranges) {
  std::string out;
  for (const PfnRange& r : ranges)
    out += (out.empty() ? "" : " ") + (r.lo == r.hi ? fmt::format("{:#x}", r.lo) : fmt::format("{:#x}-{:#x}", r.lo, r.hi));
  return out.empty() ? "-" : out;
}

struct Live {
  int id;
  std::uint64_t lo, size;
  bool aligned;
};

void sortByPriority(std::vector<Violation>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const Violation& a, const Violation& b) { return priorityOf(a.invariant) < priorityOf(b.invariant); });
}

class Checker {
 public:
  static constexpr const char* kTerminationInvariant = "I-TERM";
  Checker(const Config& config, const AllocatorFactory& make, bool keepLog)
      : config_(config), spec_(config), impl_(make(config, iommu_)), keepLog_(keepLog) {}

  // Runs one operation; false when it had nothing to act on (it is then dropped).
  std::optional<Op> step(const Op& original, StepReport& r) {
    Op op = original;
    try {
      met(r, invariantBit(kInvariants, "I-ROBUST") | invariantBit(kInvariants, "I-TERM"));  // a dropped step is not counted
      const bool ran = std::visit([&](auto& o) { return run(o, r); }, op);
      if (ran) checkState(r);
      if (ran && keepLog_) r.spans = picture();
      r.op = op;
      if (!ran) return std::nullopt;
    } catch (const KernelBug& bug) {
      r.op = op;
      crashed_ = true;
      r.kernelLog.push_back(bug.what());
      flag(r, "I-ROBUST", bug.what());
    }
    sortByPriority(r.violations);
    return r.op;
  }

  bool crashed() const { return crashed_; }

  std::uint32_t finishMet() const { return invariantBit(kInvariants, "I-NOLEAK"); }  // what finish() judges

  // The whole-state check: tear the domain down, then nothing may stay allocated.
  std::vector<Violation> finish(std::size_t opsRan) {
    std::vector<Violation> found = teardown(opsRan + 1);
    sortByPriority(found);
    return found;
  }

  std::vector<Violation> teardown(std::size_t step) {
    StepReport r;
    r.step = step;
    if (crashed_) return {};
    try {
      impl_->teardown();
    } catch (const KernelBug& bug) {
      flag(r, "I-ROBUST", fmt::format("at teardown: {}", bug.what()));
      return r.violations;
    }
    std::vector<PfnRange> expected = spec_.liveRanges();
    for (const PfnRange& res : spec_.reservedRanges()) expected.push_back(res);
    const auto want = coverage(expected), have = coverage(impl_->busyRanges());
    if (want != have)
      flag(r, "I-NOLEAK", fmt::format("after teardown the allocator holds {} but the live and reserved ranges are {}",
                                      rangesText(have), rangesText(want)));
    if (!impl_->cachedPfns().empty() || !impl_->queuedRanges().empty())
      flag(r, "I-NOLEAK", "after teardown a range cache or flush queue is not empty");
    return r.violations;
  }

 private:
  // The step met these invariants' preconditions: their judges were not vacuous (check --stats).
  static void met(StepReport& r, std::uint32_t bits) { r.met |= bits; }

  // FQ-SAFE can only break when a grant reuses pfns of an earlier unmap.
  std::uint32_t reusesUnmapped(std::uint64_t lo, std::uint64_t size) const {
    for (const Live& d : dead_)
      if (d.lo < lo + size && lo < d.lo + d.size) return invariantBit(kInvariants, "FQ-SAFE");
    return 0;
  }

  void flag(StepReport& r, std::string invariant, std::string detail) {
    r.violations.push_back({std::move(invariant), r.step, std::move(detail)});
  }

  bool run(MapOp& o, StepReport& r) {
    const MapRequest request{o.size, o.limit, o.aligned, o.cpu};
    const auto pfn = impl_->map(request);
    for (std::uint64_t p : iommu_.takeCollisions())
      flag(r, "I-DISJ", fmt::format("iommu_map returned -EEXIST: the allocator handed out pfn {:#x}, which is still "
                                    "mapped", p));
    if (!pfn) {
      r.outcome = "refused";
      met(r, invariantBit(kInvariants, "I-COMPLETE"));
      if (auto f = spec_.judgeRefusal(request)) flag(r, f->invariant, f->detail);
      spec_.recordRefusal(request);
      return true;
    }
    const std::uint64_t granted = spec_.grantSize(request);
    met(r, invariantBit(kInvariants, "I-LIMIT") | reusesUnmapped(*pfn, o.size) |
               (o.aligned && o.size > 1 ? invariantBit(kInvariants, "I-ALIGN") : 0) |
               (live_.empty() && spec_.reservedRanges().empty() ? 0 : invariantBit(kInvariants, "I-DISJ")));
    r.outcome = fmt::format("pfn {:#x}-{:#x} (iova {:#x})", *pfn, *pfn + granted - 1, *pfn << config_.granuleShift);
    for (const auto& f : spec_.judgeGrant(request, *pfn)) flag(r, f.invariant, f.detail);
    if (auto stale = iommu_.firstStale(*pfn, *pfn + o.size - 1))
      flag(r, "FQ-SAFE", fmt::format("pfn {:#x} is handed out again while the IOTLB may still hold its old translation "
                                     "(no invalidation since its unmap)", *stale));
    spec_.recordGrant(nextId_, request, *pfn);
    live_.push_back({nextId_++, *pfn, o.size, o.aligned});
    return true;
  }

  bool run(UnmapOp& o, StepReport& r) {
    if (live_.empty()) return false;
    o.live %= live_.size();
    const Live victim = live_[o.live];
    live_.erase(live_.begin() + o.live);
    const auto result = impl_->unmap({victim.lo, victim.size, victim.aligned, o.cpu});
    met(r, invariantBit(kInvariants, "I-CLIENT"));
    r.outcome = fmt::format("unmapped #{} pfn {:#x}+{}", victim.id, victim.lo, victim.size);
    if (result.warned) flag(r, "I-CLIENT", fmt::format("the unmap of live allocation #{} was reported as an error", victim.id));
    spec_.recordUnmap(victim.id);
    dead_.push_back(victim);
    return true;
  }

  bool clientError(const UnmapRequest& request, StepReport& r) {
    if (spec_.classifyUnmap({request.size, 0, request.sizeAligned, 0}, request.pfn) != model::UnmapKind::ClientError)
      return false;
    met(r, invariantBit(kInvariants, "I-CLIENT"));
    const auto before = snapshot();
    const auto result = impl_->unmap(request);
    r.outcome = result.warned ? "warned" : "accepted";
    if (result.warned && !result.log.empty())
      r.kernelLog.push_back(result.log);
    else if (result.warned)
      r.kernelLog.push_back(fmt::format("WARNING: __iommu_dma_unmap: unmapped != size (pfn {:#x}, {} granules)",
                                        request.pfn, request.size));
    else
      flag(r, "I-CLIENT", fmt::format("the unmap of pfn {:#x}+{}, which is not mapped, was not reported", request.pfn,
                                      request.size));
    if (const auto after = snapshot(); after != before)
      flag(r, "I-CLIENT", fmt::format("the unmap of pfn {:#x}+{}, which is not mapped, changed the allocator: {} -> {}",
                                      request.pfn, request.size, before, after));
    return true;
  }

  bool run(UnmapAgainOp& o, StepReport& r) {
    if (dead_.empty()) return false;
    o.dead %= dead_.size();
    const Live& d = dead_[o.dead];
    return clientError({d.lo, d.size, d.aligned, o.cpu}, r);
  }

  bool run(UnmapPfnOp& o, StepReport& r) { return clientError({o.pfn, o.size, true, o.cpu}, r); }

  bool run(ReserveOp& o, StepReport& r) {
    impl_->reserve(o.lo, o.hi);
    spec_.recordReserve(o.lo, o.hi);
    r.outcome = "reserved";
    return true;
  }

  bool run(TickOp& o, StepReport& r) {
    iommu_.advance(o.ms);
    impl_->clockAdvanced();
    spec_.clockIs(iommu_.nowMs());
    r.outcome = fmt::format("now {} ms", iommu_.nowMs());
    return true;
  }

  bool run(CpuDeadOp& o, StepReport& r) {
    impl_->cpuDead(o.cpu);
    r.outcome = "magazines freed";
    return true;
  }

  bool run(LazySwitchOp& o, StepReport& r) {
    std::optional<UnmapRequest> racing;
    std::optional<Live> victim;
    if (o.raceLive) {
      if (live_.empty()) {
        o.raceLive.reset();
      } else {
        *o.raceLive %= live_.size();
        victim = live_[*o.raceLive];
        live_.erase(live_.begin() + *o.raceLive);
        racing = UnmapRequest{victim->lo, victim->size, victim->aligned, o.cpu};
      }
    }
    const auto result = impl_->switchToLazy(racing);
    spec_.recordSwitchToLazy();
    r.outcome = "domain is DMA_FQ";
    if (victim) {
      VERIFY(result.has_value(), "switchToLazy ran no racing unmap");
      if (result->warned) flag(r, "I-CLIENT", fmt::format("the racing unmap of live allocation #{} was reported", victim->id));
      spec_.recordUnmap(victim->id);
      dead_.push_back(*victim);
    }
    return true;
  }

  // The client's live IOVAs, what the range caches hold and what waits for a flush.
  std::vector<SpaceSpan> picture() const {
    std::vector<SpaceSpan> out;
    for (const Live& l : live_) out.push_back({l.lo, l.size, SpanKind::Live, fmt::format("#{}", l.id)});
    for (const CachedPfn& c : impl_->cachedPfns()) out.push_back({c.pfn, 1ULL << c.order, SpanKind::Cached, ""});
    for (const PfnRange& q : impl_->queuedRanges()) out.push_back({q.lo, q.hi - q.lo + 1, SpanKind::Queued, ""});
    return out;
  }

  std::string snapshot() const {
    std::vector<std::string> cached;
    for (const CachedPfn& c : impl_->cachedPfns()) cached.push_back(fmt::format("{:#x}", c.pfn));
    std::sort(cached.begin(), cached.end());
    std::string cachedText;
    for (const auto& c : cached) cachedText += (cachedText.empty() ? "" : " ") + c;
    return fmt::format("allocated {}; cached {}; queued {}", rangesText(coverage(impl_->busyRanges())),
                       cachedText.empty() ? "-" : cachedText, rangesText(impl_->queuedRanges()));
  }

  // Whole-state checks: every live allocation is allocated; every cached pfn is an
  // allocated range of its bin's size, not live, cached once; nothing else is allocated.
  void checkState(StepReport& r) {
    const auto busyNodes = impl_->busyRanges();
    const auto busy = coverage(busyNodes);
    const auto live = spec_.liveRanges();
    if (!live_.empty()) met(r, invariantBit(kInvariants, "I-DISJ"));
    if (!busyNodes.empty()) met(r, invariantBit(kInvariants, "I-NOLEAK"));
    for (const Live& l : live_)
      if (auto hole = firstUncovered(busy, l.lo, l.lo + l.size - 1))
        flag(r, "I-DISJ", fmt::format("live allocation #{} (pfn {:#x}+{}) is no longer allocated: pfn {:#x} is free",
                                      l.id, l.lo, l.size, *hole));
    std::map<std::uint64_t, std::uint64_t> nodes;
    for (const PfnRange& n : busyNodes) nodes[n.lo] = n.hi;
    std::map<std::uint64_t, int> seen;
    std::vector<PfnRange> accounted = live;
    for (const PfnRange& res : spec_.reservedRanges()) accounted.push_back(res);
    for (const PfnRange& q : impl_->queuedRanges()) {  // a queued unmap holds its whole allocation
      auto node = nodes.upper_bound(q.lo);
      const bool inNode = node != nodes.begin() && std::prev(node)->second >= q.lo;
      accounted.push_back(inNode ? PfnRange{std::prev(node)->first, std::prev(node)->second} : q);
    }
    for (const CachedPfn& c : impl_->cachedPfns()) {
      met(r, invariantBit(kInvariants, "I-RCACHE"));
      auto node = nodes.find(c.pfn);
      const std::uint64_t want = 1ULL << c.order;
      if (node == nodes.end() || node->second - node->first + 1 != want)
        flag(r, "I-RCACHE", fmt::format("bin {} caches pfn {:#x}, which is not an allocated range of {} granules", c.order,
                                        c.pfn, want));
      else
        accounted.push_back({node->first, node->second});
      if (++seen[c.pfn] == 2) flag(r, "I-RCACHE", fmt::format("pfn {:#x} is cached twice", c.pfn));
      for (const Live& l : live_)
        if (c.pfn >= l.lo && c.pfn < l.lo + l.size)
          flag(r, "I-RCACHE", fmt::format("pfn {:#x} is cached while live allocation #{} holds it", c.pfn, l.id));
    }
    const auto explained = coverage(accounted);
    for (const PfnRange& b : busy)
      if (auto lost = firstUncovered(explained, b.lo, b.hi)) {
        flag(r, "I-NOLEAK", fmt::format("pfn {:#x} is allocated but neither live, reserved, cached nor queued: it can "
                                        "never be freed", *lost));
        break;
      }
    if (keepLog_) r.state = snapshot();
  }

  Config config_;
  model::LifecycleSpec spec_;
  IommuSim iommu_;
  std::unique_ptr<IovaAllocator> impl_;
  bool keepLog_;
  bool crashed_ = false;
  int nextId_ = 0;
  std::vector<Live> live_, dead_;
};

}  // namespace

void validateScenario(const Scenario& s) {
  if (auto problem = model::configProblem(s.config)) throw InputError(*problem);
  bool mapped = false;
  for (std::size_t i = 0; i < s.ops.size(); ++i) {
    const std::string where = fmt::format("operation {} ({})", i + 1, opLine(s.ops[i]));
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, MapOp>) {
            mapped = true;
            if (auto p = model::requestProblem(s.config, {o.size, o.limit, o.aligned, o.cpu}))
              throw InputError(fmt::format("{}: {}", where, *p));
          } else if constexpr (std::is_same_v<T, ReserveOp>) {
            if (mapped) throw InputError(fmt::format("{}: reserve_iova is an init-time call: reserve before the first map", where));
            if (o.lo > o.hi || o.hi > s.config.endPfn)
              throw InputError(fmt::format("{}: reserve {:#x}-{:#x} is not a range within 0..end_pfn {:#x}", where, o.lo,
                                           o.hi, s.config.endPfn));
          } else if constexpr (std::is_same_v<T, UnmapPfnOp>) {
            if (o.size == 0 || o.pfn > s.config.endPfn || o.size > s.config.endPfn + 1 - o.pfn)
              throw InputError(fmt::format("{}: pfn {:#x}+{} is not within the aperture 0..{:#x}", where, o.pfn, o.size,
                                           s.config.endPfn));
          } else if constexpr (std::is_same_v<T, TickOp>) {
            if (o.ms == 0 || o.ms > 1000000) throw InputError(fmt::format("{}: ms {} is not in 1..1000000", where, o.ms));
          }
          // Every operation that names a CPU (found by the trace parser fuzzer: an unmap-pfn on
          // cpu 7 of 2 reached the range cache's per-CPU array).
          if constexpr (requires { o.cpu; })
            if (o.cpu >= s.config.cpus)
              throw InputError(fmt::format("{}: cpu {} is not below cpus={}", where, o.cpu, s.config.cpus));
        },
        s.ops[i]);
  }
}

CheckResult checkScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator, const CheckOptions& options,
                          const CheckResult::Sink& sink) {
  Checker checker(scenario.config, makeAllocator, options.keepReports);
  return runSteps<CheckResult>(checker, scenario.ops, options, sink);
}

SpaceAxis spaceAxis(const Config& config) { return {config.startPfn, config.endPfn + 1, "pfn"}; }

}  // namespace dmacheck::iova
