#pragma once
// What a command needs from one target, under the same names for every target, so each
// command is written once (as a template over these traits) and picks the target at run
// time: from --target, or from a trace file's own 'target' line.
#include <string>
#include <vector>

#include "check/iova/byte_codec.h"
#include "check/iova/minimize.h"
#include "check/iova/report.h"
#include "check/iova/trace_codec.h"
#include "check/pagesize/byte_codec.h"
#include "check/pagesize/minimize.h"
#include "check/pagesize/report.h"
#include "check/pagesize/trace_codec.h"
#include "check/swiotlb/byte_codec.h"
#include "check/swiotlb/minimize.h"
#include "check/swiotlb/report.h"
#include "check/swiotlb/trace_codec.h"
#include "model/iova/invariants.h"
#include "model/pagesize/invariants.h"
#include "model/swiotlb/invariants.h"
#include "props/iova/property.h"
#include "props/pagesize/property.h"
#include "props/swiotlb/property.h"

namespace dmacheck::cli {

#define DMACHECK_TARGET_TRAITS(NS, PROPERTY)                                                              \
  using Scenario = NS::Scenario;                                                                        \
  using Implementation = NS::Implementation;                                                            \
  using CheckResult = NS::CheckResult;                                                                  \
  using TraceMeta = NS::TraceMeta;                                                                      \
  using PropertyBudget = NS::PropertyBudget;                                                            \
  using PropertyOutcome = NS::PropertyOutcome;                                                          \
  static std::optional<Implementation> find(const std::string& n) { return NS::findImplementation(n); } \
  static std::vector<Implementation> all() { return NS::allImplementations(); }                       \
  static std::string unknown(const std::string& n) { return NS::unknownImplementationMessage(n); }     \
  static CheckResult check(const Scenario& s, const Implementation& i, bool stopAtFirst, bool keep) {   \
    return NS::checkScenario(s, i.make, {.stopAtFirstViolation = stopAtFirst, .keepReports = keep});    \
  }                                                                                                     \
  static PropertyOutcome property(const Implementation& i, const PropertyBudget& b) { return PROPERTY(i, b); } \
  static Scenario minimize(const Scenario& s, const Implementation& i, const std::string& inv) {        \
    return NS::minimizeScenario(s, i.make, inv);                                                        \
  }                                                                                                     \
  static std::optional<Violation> firstOf(const Scenario& s, const Implementation& i, const std::string& inv) { \
    return NS::firstViolationOf(s, i.make, inv);                                                        \
  }                                                                                                     \
  static std::string trace(const Scenario& s, const TraceMeta& m, const CheckResult* r) { return NS::renderTrace(s, m, r); } \
  static std::string replay(const Scenario& s, const CheckResult& r) { return NS::renderReplay(s, r); } \
  static Scenario fromDocument(const TraceDocument& d) {                                               \
    Scenario s = NS::scenarioFromDocument(d);                                                           \
    NS::validateScenario(s);                                                                            \
    return s;                                                                                           \
  }                                                                                                     \
  static auto decode(const std::string& bytes) {                                                        \
    return NS::decodeInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());         \
  }                                                                                                     \
  static std::vector<std::uint8_t> encode(const Scenario& s) { return NS::encodeInput(s); }             \
  static std::vector<std::string> invariants() {                                                        \
    std::vector<std::string> ids;                                                                       \
    for (const auto& i : NS::kInvariants) ids.emplace_back(i.id);                                       \
    return ids;                                                                                         \
  }

struct SwiotlbTarget {
  static constexpr const char* name = "swiotlb";
  DMACHECK_TARGET_TRAITS(swiotlb, swiotlb::checkSwiotlbProperty)
  static const impl::Bug* findBug(std::string_view id) { return impl::findSwiotlbBug(id); }
};

struct IovaTarget {
  static constexpr const char* name = "iova";
  DMACHECK_TARGET_TRAITS(iova, iova::checkIovaProperty)
  static const impl::iova::Bug* findBug(std::string_view id) { return impl::iova::findIovaBug(id); }
};

struct PagesizeTarget {
  static constexpr const char* name = "pagesize";
  DMACHECK_TARGET_TRAITS(pagesize, pagesize::checkPagesizeProperty)
  static const impl::pagesize::Bug* findBug(std::string_view id) { return impl::pagesize::findPagesizeBug(id); }
};

#undef DMACHECK_TARGET_TRAITS

// Runs `body.template operator()<Target>()` for the named target; unknown names are bad input.
template <class Body>
auto withTarget(const std::string& target, Body&& body) {
  if (target == "swiotlb") return body.template operator()<SwiotlbTarget>();
  if (target == "iova") return body.template operator()<IovaTarget>();
  if (target == "pagesize") return body.template operator()<PagesizeTarget>();
  throw InputError(fmt::format("unknown target '{}' (known targets: swiotlb, iova, pagesize)", target));
}

}  // namespace dmacheck::cli
