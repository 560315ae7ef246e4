#include "check/iova/minimize.h"

#include <algorithm>

#include "base/verify.h"

namespace dmacheck::iova {

namespace {

class Minimizer {
 public:
  Minimizer(const Scenario& scenario, const AllocatorFactory& make, std::optional<std::string> invariant)
      : make_(make), invariant_(std::move(invariant)) {
    best_ = scenario;
    const auto first = run(best_);
    VERIFY(first.has_value(), "minimizeScenario needs a failing scenario");
    target_ = *first;
    best_.ops = lastRan_;
  }

  Scenario result() {
    for (bool progress = true; progress;) {
      progress = deleteOps();
      progress = simplifyOps() || progress;
      progress = simplifyConfig() || progress;
    }
    return best_;
  }

 private:
  // The invariant the run fails with (the first, or the wanted one); keeps the ops that ran.
  std::optional<std::string> run(const Scenario& s) {
    const CheckResult r = checkScenario(s, make_, {.stopAtFirstViolation = !invariant_, .keepReports = true});
    lastRan_.clear();
    for (const StepReport& step : r.reports) {
      lastRan_.push_back(step.op);
      for (const Violation& v : step.violations)
        if (!invariant_ || v.invariant == *invariant_) return v.invariant;
    }
    for (const Violation& v : r.finalViolations)
      if (!invariant_ || v.invariant == *invariant_) return v.invariant;
    return std::nullopt;
  }

  bool tryAccept(Scenario candidate) {
    try {
      validateScenario(candidate);
    } catch (...) {
      return false;
    }
    const auto got = run(candidate);
    if (got != target_) return false;
    candidate.ops = lastRan_;
    if (!simpler(candidate, best_)) return false;
    best_ = std::move(candidate);
    return true;
  }

  // Fewer operations first; at equal length, smaller numbers (a limit at the aperture's end
  // counts as no limit). A strict order, so minimization always ends.
  static std::uint64_t weight(const Scenario& s) {
    std::uint64_t w = s.config.cpus + s.config.lazy + s.config.startPfn + s.config.endPfn +
                      (s.config.queue == QueueKind::Single);
    for (const Op& op : s.ops)
      std::visit(
          [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (requires { o.cpu; }) w += o.cpu;
            if constexpr (std::is_same_v<T, MapOp>) w += o.size + (o.limit == s.config.endPfn ? 0 : o.limit + 1);
            if constexpr (std::is_same_v<T, TickOp>) w += o.ms;
            if constexpr (std::is_same_v<T, LazySwitchOp>) w += o.raceLive.has_value();
          },
          op);
    return w;
  }
  static bool simpler(const Scenario& a, const Scenario& b) {
    if (a.ops.size() != b.ops.size()) return a.ops.size() < b.ops.size();
    return weight(a) < weight(b);
  }

  bool deleteOps() {
    bool progress = false;
    for (std::size_t i = best_.ops.size(); i-- > 0;) {
      if (i >= best_.ops.size()) continue;
      Scenario c = best_;
      c.ops.erase(c.ops.begin() + i);
      progress = tryAccept(std::move(c)) || progress;
    }
    // Pairs close together: a map and the unmap that frees it.
    for (std::size_t i = best_.ops.size(); i-- > 0;)
      for (std::size_t j = i + 1; j < std::min(best_.ops.size(), i + 6); ++j) {
        Scenario c = best_;
        c.ops.erase(c.ops.begin() + j);
        c.ops.erase(c.ops.begin() + i);
        if (tryAccept(std::move(c))) {
          progress = true;
          break;
        }
      }
    return progress;
  }

  // Each operand toward a simpler value: sizes down, limits to the aperture, CPUs to 0.
  bool simplifyOps() {
    bool progress = false;
    for (std::size_t i = 0; i < best_.ops.size(); ++i) {
      std::vector<Op> options;
      std::visit(
          [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            T c = o;
            if constexpr (requires { c.cpu; }) if (c.cpu) { T d = o; d.cpu = 0; options.push_back(d); }
            if constexpr (std::is_same_v<T, MapOp>) {
              for (std::uint64_t s : {std::uint64_t{1}, o.size / 2})
                if (s && s < o.size) { T d = o; d.size = s; options.push_back(d); }
              if (o.limit != best_.config.endPfn) { T d = o; d.limit = best_.config.endPfn; options.push_back(d); }
              for (std::uint64_t l : {o.limit / 2, o.limit - 1})
                if (l >= best_.config.startPfn && l < o.limit) { T d = o; d.limit = l; options.push_back(d); }
            }
            if constexpr (std::is_same_v<T, TickOp>)
              if (o.ms > 1) { T d = o; d.ms = best_.config.fqTimeoutMs; options.push_back(d); }
            if constexpr (std::is_same_v<T, LazySwitchOp>)
              if (o.raceLive) { T d = o; d.raceLive.reset(); options.push_back(d); }
          },
          best_.ops[i]);
      for (const Op& option : options) {
        if (i >= best_.ops.size()) break;
        Scenario c = best_;
        c.ops[i] = option;
        if (tryAccept(std::move(c))) progress = true;
      }
    }
    return progress;
  }

  bool simplifyConfig() {
    bool progress = false;
    const Config base = best_.config;
    std::vector<Config> options;
    if (base.cpus > 1) { Config c = base; c.cpus = 1; options.push_back(c); }
    if (base.lazy) { Config c = base; c.lazy = false; options.push_back(c); }
    if (base.queue == QueueKind::Single) { Config c = base; c.queue = QueueKind::PerCpu; options.push_back(c); }
    if (base.startPfn > 1) { Config c = base; c.startPfn = 1; options.push_back(c); }
    if (base.startPfn > 1) { Config c = base; c.startPfn = base.startPfn - 1; options.push_back(c); }
    for (const Config& config : options) {
      Scenario c = best_;
      c.config = config;
      if (tryAccept(std::move(c))) progress = true;
    }
    return tryAccept(halved(best_)) || progress;
  }

  // The whole scenario in half the space: aperture, limits, sizes and pfns halved. A bug
  // that needs the space filled then needs fewer maps, which deleteOps() can drop next.
  static Scenario halved(Scenario s) {
    auto half = [](std::uint64_t v) { return std::max<std::uint64_t>(v / 2, 1); };
    auto halfLimit = [](std::uint64_t inclusive) { return (inclusive + 1) / 2 - 1; };
    s.config.endPfn = halfLimit(s.config.endPfn);
    s.config.dma32Pfn = half(s.config.dma32Pfn);
    for (Op& op : s.ops)
      std::visit(
          [&](auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, MapOp>) o.size = half(o.size), o.limit = halfLimit(o.limit);
            if constexpr (std::is_same_v<T, ReserveOp>) o.lo /= 2, o.hi /= 2;
            if constexpr (std::is_same_v<T, UnmapPfnOp>) o.pfn /= 2;
          },
          op);
    return s;
  }

  const AllocatorFactory& make_;
  std::optional<std::string> invariant_;
  std::string target_;
  Scenario best_;
  std::vector<Op> lastRan_;
};

}  // namespace

Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& make,
                          const std::optional<std::string>& invariant) {
  return Minimizer(scenario, make, invariant).result();
}

std::optional<Violation> firstViolationOf(const Scenario& scenario, const AllocatorFactory& make,
                                          const std::string& invariant) {
  return firstViolationIn(checkScenario, scenario, make, invariant);
}

}  // namespace dmacheck::iova
