#include "check/pagesize/checker.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/input_error.h"
#include "model/pagesize/config_rules.h"
#include "model/pagesize/exposure_spec.h"
#include "model/pagesize/invariants.h"
#include "model/pagesize/page_split_spec.h"
#include "model/pagesize/sgtable_spec.h"
#include "model/pagesize/vfio_spec.h"

namespace dmacheck::pagesize {

namespace {

std::string describeRuns(const std::vector<PageRun>& runs) {
  std::string out;
  for (const PageRun& r : runs) out += fmt::format("{}{}x{:#x}", out.empty() ? "" : " ", r.count, r.pageSize);
  return out.empty() ? "no pages" : out;
}

std::string describeState(const std::vector<VfioMapping>& ms, std::uint64_t locked) {
  std::string out;
  for (const VfioMapping& m : ms)
    out += fmt::format("{}[{:#x}, +{:#x}] <- {:#x}", out.empty() ? "" : " ", m.iova, m.size, m.vaddr);
  return fmt::format("mappings {}; locked {} host pages", out.empty() ? "-" : out, locked);
}

// What a kernel developer asks of the round trip: did each step work, and is the result one
// DMA segment (the DCP driver assumes so) or several.
std::string describeRoundTrip(const SgtableRoundTrip& t) {
  if (!t.allocated) return "dma_alloc_coherent failed";
  if (t.tableRefused) return fmt::format("allocated {} range(s); dma_get_sgtable -ENXIO", t.buffer.size());
  std::string out = fmt::format("allocated {} range(s); table of {} entries; second device: {}", t.buffer.size(),
                                t.table.size(), mapOutcomeName(t.second));
  if (t.second == MapOutcome::Refused) return out;
  out += fmt::format(", {} DMA segment(s)", t.segments.size());
  if (t.segments.size() > 1) out += " (a caller assuming one contiguous range would be wrong)";
  if (auto exposure = model::roundTripExposure(t); exposure && *exposure) out += fmt::format(", exposes {:#x} bytes", *exposure);
  return out;
}

int priority(const std::string& id) {
  const auto* begin = std::begin(kInvariantPriority);
  return static_cast<int>(std::find(begin, std::end(kInvariantPriority), id) - begin);
}

class Run {
 public:
  static constexpr const char* kTerminationInvariant = "P-TERM";
  Run(const Scenario& s, const LogicFactory& make) : spec_(s.config), impl_(make(s.config)), config_(s.config) {}

  // Every operation runs; the trace keeps it as written.
  std::optional<Op> step(const Op& op, StepReport& report) {
    report = oneStep(report.step, op);
    return op;
  }
  bool crashed() const { return false; }
  std::vector<Violation> finish(std::size_t) { return {}; }

 private:
  StepReport oneStep(std::size_t index, const Op& op) {
    StepReport r{index, op, "", invariantBit(kInvariants, "P-TERM"), {}, ""};
    std::visit([&](const auto& o) { run(o, r); }, op);
    checkState(r);
    std::stable_sort(r.violations.begin(), r.violations.end(),
                     [](const Violation& a, const Violation& b) { return priority(a.invariant) < priority(b.invariant); });
    r.state = describeState(impl_->vfioMappings(), impl_->lockedPages());
    for (const VfioMapping& m : impl_->vfioMappings())
      r.spans.push_back({m.iova, m.size, SpanKind::Live, fmt::format("va {:#x}", m.vaddr)});
    return r;
  }

 private:
  // The step met these invariants' preconditions: their judges were not vacuous (check --stats).
  static void met(StepReport& r, std::uint32_t bits) { r.met |= bits; }

  void flag(StepReport& r, const char* invariant, std::string detail) {
    r.violations.push_back({invariant, r.step, std::move(detail)});
  }

  void run(const SplitOp& o, StepReport& r) {
    std::string outcome;
    met(r, invariantBit(kInvariants, "P-SPLIT"));
    for (PageSizes bitmap : config_.domains) {
      const auto runs = impl_->iommuMap(bitmap, o.iova, o.paddr, o.size);
      outcome += fmt::format("{}{:#x}: {}", outcome.empty() ? "" : "; ", bitmap, runs ? describeRuns(*runs) : "-EINVAL");
      const bool representable = model::representable(bitmap, o.iova, o.paddr, o.size);
      if (!runs) {
        if (representable)
          flag(r, "P-SPLIT", fmt::format("iommu_map refused a map the bitmap {:#x} can represent", bitmap));
        continue;
      }
      if (!representable) {
        flag(r, "P-SPLIT", fmt::format("iommu_map accepted a map that is not a multiple of the smallest page of {:#x}",
                                       bitmap));
        continue;
      }
      if (auto problem = model::splitProblem(bitmap, o.iova, o.paddr, o.size, *runs)) {
        flag(r, "P-SPLIT", *problem);
        continue;
      }
      const auto fewest = model::fewestPages(bitmap, o.iova, o.paddr, o.size);
      if (fewest) met(r, invariantBit(kInvariants, "P-FEWEST"));
      if (fewest && model::pageCount(*runs) != *fewest)
        flag(r, "P-FEWEST", fmt::format("{} pages ({}) where {} suffice under {:#x}", model::pageCount(*runs),
                                        describeRuns(*runs), *fewest, bitmap));
    }
    r.outcome = outcome;
  }

  void run(const VfioMapOp& o, StepReport& r) {
    const VfioMap request{o.iova, o.vaddr, o.size};
    const Errno expected = spec_.expectMap(request);
    const Errno got = impl_->vfioMap(request);
    met(r, invariantBit(kInvariants, "V-ACCEPT"));
    r.outcome = got == Errno::Ok ? "mapped" : errnoName(got);
    if (got != expected)
      flag(r, "V-ACCEPT", fmt::format("MAP_DMA [{:#x}, +{:#x}] <- {:#x} returned {}, the model says {} (unit {:#x})",
                                      o.iova, o.size, o.vaddr, errnoName(got), errnoName(expected), spec_.unit()));
    if (got == Errno::Ok) spec_.recordMap(request);  // follow the implementation, to judge what comes next
  }

  void run(const VfioUnmapOp& o, StepReport& r) { unmap({o.iova, o.size, o.all}, r); }

  void run(const DeviceMapOp& o, StepReport& r) {
    const DeviceMapResult got = impl_->deviceMap(o.phys, o.size, o.untrusted);
    const auto exposure = model::exposureOf(got, o.phys, o.size);
    if (got.kind == DeviceMapResult::Kind::Mapped)
      met(r, invariantBit(kInvariants, "G-ADDR") | invariantBit(kInvariants, "G-COVER") |
                 (o.untrusted ? invariantBit(kInvariants, "G-EXPOSE") : 0));
    r.outcome = fmt::format("{}{}", mapOutcomeName(got.kind),
                            got.kind != DeviceMapResult::Kind::Mapped ? ""
                            : fmt::format(" dma {:#x}, exposes {:#x} bytes", got.dma, exposure.value_or(0)));
    if (auto problem = model::deviceMapProblem(got, o.phys, o.size, o.untrusted))
      flag(r, problem->invariant, problem->detail);
  }

  void run(const SgtableOp& o, StepReport& r) {
    const SgtableRoundTrip got = impl_->sgtableRoundTrip(o.size, o.untrusted);
    r.outcome = describeRoundTrip(got);
    if (got.allocated && !got.tableRefused) met(r, invariantBit(kInvariants, "G-SGT"));
    if (got.allocated && !got.tableRefused && got.second != MapOutcome::Refused)
      met(r, invariantBit(kInvariants, "G-SGT-MAP"));
    if (auto problem = model::roundTripProblem(got, o.size, o.untrusted)) flag(r, problem->invariant, problem->detail);
  }

  void run(const UnmapLiveOp& o, StepReport& r) {
    const auto& live = spec_.mappings();
    if (live.empty()) {
      r.outcome = "no live mapping";
      return;
    }
    const VfioMapping& m = live[o.live % live.size()];
    unmap({m.iova, m.size, false}, r);
  }

  void unmap(const VfioUnmap& request, StepReport& r) {
    const VfioUnmapResult got = impl_->vfioUnmap(request);
    met(r, invariantBit(kInvariants, "V-UNMAP"));
    r.outcome = got.error == Errno::Ok ? fmt::format("unmapped {:#x} bytes", got.bytes) : errnoName(got.error);
    if (auto problem = spec_.judgeUnmap(request, got, impl_->vfioMappings())) flag(r, "V-UNMAP", *problem);
  }

  void checkState(StepReport& r) {
    const auto mappings = impl_->vfioMappings();
    if (!mappings.empty() || !spec_.mappings().empty()) met(r, invariantBit(kInvariants, "V-STATE"));
    if (mappings != spec_.mappings())
      flag(r, "V-STATE", fmt::format("the implementation holds {}, the model {}", describeState(mappings, 0),
                                     describeState(spec_.mappings(), 0)));
    const std::uint64_t pinned = spec_.pinnedHostPages();
    if (pinned != 0 || impl_->lockedPages() != 0) met(r, invariantBit(kInvariants, "V-ACCOUNT"));
    if (impl_->lockedPages() != pinned)
      flag(r, "V-ACCOUNT", fmt::format("locked_vm is charged {} host pages for {} distinct pinned host pages",
                                       impl_->lockedPages(), pinned));
  }

  model::VfioSpec spec_;
  std::unique_ptr<PageSizeLogic> impl_;
  VfioConfig config_;
};

}  // namespace


void validateScenario(const Scenario& s) {
  if (auto problem = model::configProblem(s.config)) throw InputError(*problem);
  for (std::size_t i = 0; i < s.ops.size(); ++i) {
    const std::string where = fmt::format("operation {}", i + 1);
    if (const auto* o = std::get_if<SplitOp>(&s.ops[i]))
      if (auto problem = model::splitProblem(o->iova, o->paddr, o->size)) throw InputError(where + ": " + *problem);
    if (const auto* o = std::get_if<VfioMapOp>(&s.ops[i]))
      if (auto problem = model::vfioMapProblem({o->iova, o->vaddr, o->size}))
        throw InputError(where + ": " + *problem);
    if (const auto* o = std::get_if<SgtableOp>(&s.ops[i]))
      if (auto problem = model::sgtableRequestProblem(o->size)) throw InputError(where + ": " + *problem);
    if (const auto* o = std::get_if<DeviceMapOp>(&s.ops[i]))
      if (auto problem = model::deviceMapRequestProblem(o->phys, o->size))
        throw InputError(where + ": " + *problem);
  }
}

CheckResult checkScenario(const Scenario& scenario, const LogicFactory& make, const CheckOptions& options,
                          const CheckResult::Sink& sink) {
  validateScenario(scenario);
  Run run(scenario, make);
  return runSteps<CheckResult>(run, scenario.ops, options, sink);
}

// VFIO's IOVA space is 64 bits wide: the picture fits itself to the mappings.
SpaceAxis spaceAxis(const VfioConfig&) { return {0, 0, "byte"}; }

}  // namespace dmacheck::pagesize
