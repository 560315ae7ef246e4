#include "check/swiotlb/minimize.h"

#include <functional>

#include "base/verify.h"
#include "model/swiotlb/config_rules.h"

namespace dmacheck::swiotlb {

namespace {

bool sameGeometry(const Config& a, const Config& b) {
  return a.pool.start == b.pool.start && a.pool.slots == b.pool.slots && a.pool.areas == b.pool.areas &&
         a.pool.pageSize == b.pool.pageSize && a.device.minAlignMask == b.device.minAlignMask &&
         a.device.segBoundaryMask == b.device.segBoundaryMask;
}

class Minimizer {
 public:
  Minimizer(const Scenario& scenario, const AllocatorFactory& make, std::optional<std::string> invariant)
      : make_(make), invariant_(std::move(invariant)) {
    best_ = scenario;
    target_ = run(best_);
    bestNoise_ = lastNoise_;
    VERIFY(target_.firstViolation.has_value(), "minimizeScenario needs a failing scenario");
    best_.ops = target_.ranOps;
  }

  Scenario result() {
    quietGeometry();
    for (bool progress = true; progress;) {
      progress = deleteOps();
      progress = simplifyGeometry() || progress;
      progress = simplifyOps() || progress;
    }
    return best_;
  }

 private:
  // The run that counts: up to the first violation, or up to the first of `invariant_`.
  CheckResult run(const Scenario& s) const {
    if (!invariant_) return checkScenario(s, make_, {});
    CheckResult full = checkScenario(s, make_, {.stopAtFirstViolation = false, .keepReports = true});
    CheckResult cut;
    lastNoise_ = 0;  // violations of other invariants on the way: fewer is a clearer trace
    for (const StepReport& r : full.reports) {
      cut.ranOps.push_back(r.op);
      for (const Violation& v : r.violations) {
        if (v.invariant == *invariant_) return cut.firstViolation = v, cut;
        ++lastNoise_;
      }
    }
    for (const Violation& v : full.finalViolations)
      if (v.invariant == *invariant_) return cut.firstViolation = v, cut;
    return cut;  // no violation of the invariant: not a failure
  }

  // Accepts `candidate` if it is valid, fails the same way and is no noisier (with
  // `quieterOnly`, strictly quieter); keeps the ops that ran.
  bool tryAccept(Scenario candidate, bool quieterOnly = false) {
    if (model::configProblem(candidate.config)) return false;
    try {
      validateScenario(candidate);
    } catch (...) {
      return false;
    }
    CheckResult r = run(candidate);
    if (!sameFailure(r, target_) || lastNoise_ > bestNoise_ || (quieterOnly && lastNoise_ == bestNoise_)) return false;
    candidate.ops = r.ranOps;
    best_ = std::move(candidate);
    bestNoise_ = lastNoise_;
    return true;
  }

  // Deletes single operations, then pairs (a map and the unmap that frees it).
  bool deleteOps() {
    bool progress = false;
    for (std::size_t width : {1, 2}) {
      for (std::size_t i = best_.ops.size(); i-- > 0;) {
        for (std::size_t j = i + 1; width == 2 && j < best_.ops.size(); ++j) {
          Scenario candidate = best_;
          candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(j));
          candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
          if (tryAccept(std::move(candidate))) { progress = true; break; }
        }
        if (width == 1 && i < best_.ops.size()) {
          Scenario candidate = best_;
          candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
          progress = tryAccept(std::move(candidate)) || progress;
        }
      }
    }
    return progress;
  }

  bool tryEach(const std::vector<std::function<void(Config&)>>& edits) {
    bool progress = false;
    for (const auto& edit : edits) {
      Scenario candidate = best_;
      edit(candidate.config);
      if (sameGeometry(candidate.config, best_.config)) continue;  // an edit must change something
      progress = tryAccept(std::move(candidate)) || progress;
    }
    return progress;
  }

  // With a target invariant, a more ordinary geometry that drops the other violations on
  // the way (whole segments, an aligned start) is worth a larger pool.
  void quietGeometry() {
    if (!invariant_ || bestNoise_ == 0) return;
    for (auto edit : std::vector<std::function<void(Config&)>>{
             [](Config& c) { c.pool.slots = (c.pool.slots + kSegmentSlots - 1) / kSegmentSlots * kSegmentSlots; },
             [](Config& c) { c.pool.start = c.pool.start / (1ULL << 30) * (1ULL << 30); }}) {
      Scenario candidate = best_;
      edit(candidate.config);
      if (!sameGeometry(candidate.config, best_.config)) tryAccept(std::move(candidate), /*quieterOnly=*/true);
    }
  }

  bool simplifyGeometry() {
    std::vector<std::function<void(Config&)>> edits = {
        [](Config& c) { c.pool.areas = 1; },
        [](Config& c) { c.pool.pageSize = 4096; },
        [](Config& c) { c.device.minAlignMask = 0; },
        [](Config& c) { c.device.segBoundaryMask = ~0ULL; },
    };
    for (std::uint64_t alignment : {1ULL << 30, 1ULL << 20, 1ULL << 16})  // simpler pool starts
      edits.push_back([alignment](Config& c) { c.pool.start = c.pool.start / alignment * alignment; });
    for (std::uint32_t slots : {1u, 2u, 3u, 4u, 8u, 16u, 32u, 48u, 64u, 128u, 256u, 512u, 1024u})
      if (slots < best_.config.pool.slots) edits.push_back([slots](Config& c) { c.pool.slots = slots; });
    return tryEach(edits);
  }

  template <typename T, typename Edit>
  bool tryOp(std::size_t i, Edit edit) {
    Scenario candidate = best_;
    auto* op = std::get_if<T>(&candidate.ops[i]);
    if (!op || !edit(*op)) return false;
    return tryAccept(std::move(candidate));
  }

  bool simplifyOps() {
    bool progress = false;
    for (std::size_t i = 0; i < best_.ops.size(); ++i) {
      progress = tryOp<MapOp>(i, [](MapOp& m) { return m.cpu != 0 && (m.cpu = 0, true); }) || progress;
      progress = tryOp<MapOp>(i, [](MapOp& m) { return m.align != 0 && (m.align = 0, true); }) || progress;
      progress = tryOp<MapOp>(i, [](MapOp& m) { return m.size > 1 && (m.size = 1, true); }) || progress;
      progress = tryOp<MapOp>(i, [](MapOp& m) { return m.size > 1 && (m.size = (m.size + 1) / 2, true); }) || progress;
      progress = tryOp<AllocOp>(i, [](AllocOp& a) { return a.cpu != 0 && (a.cpu = 0, true); }) || progress;
      progress = tryOp<AllocOp>(i, [this](AllocOp& a) {
        return a.size > best_.config.pool.pageSize && (a.size = best_.config.pool.pageSize, true);
      }) || progress;
      progress = tryOp<SyncOp>(i, [](SyncOp& s) { return s.size > 1 && (s.size = (s.size + 1) / 2, true); }) || progress;
    }
    return progress;
  }

  const AllocatorFactory& make_;
  std::optional<std::string> invariant_;
  mutable std::size_t lastNoise_ = 0;
  std::size_t bestNoise_ = 0;
  Scenario best_;
  CheckResult target_;
};

}  // namespace

Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const std::optional<std::string>& invariant) {
  return Minimizer(scenario, makeAllocator, invariant).result();
}

std::optional<Violation> firstViolationOf(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                                          const std::string& invariant) {
  return firstViolationIn(checkScenario, scenario, makeAllocator, invariant);
}

}  // namespace dmacheck::swiotlb
