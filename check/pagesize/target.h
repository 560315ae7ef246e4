#pragma once
// The pagesize target as the engines see it: its codecs (the trace lines and the fuzzer bytes)
// and its descriptor (PagesizeTarget: the Target concept of check/target.h).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/byte_fields.h"
#include "check/implementation.h"
#include "check/pagesize/checker.h"
#include "check/pagesize/minimize.h"
#include "check/pagesize/ops.h"
#include "check/pagesize/report.h"
#include "check/target.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"
#include "impl/pagesize/variant.h"
#include "model/pagesize/invariants.h"
#include "model/pagesize/page_size_logic.h"

namespace dmacheck::pagesize {

// Page-size lines of the trace format: the container header and one line per operation.
//
//   container host_page=64K domains=0x40201000,0x20010000 v2=1 dma_entry_limit=65535
//   split iova=0x1ff000 paddr=0x1ff000 size=0x402000     # iommu_map on every domain
//   vfio-map iova=0x10000 vaddr=0x10000 size=0x10000
//   vfio-unmap iova=0x0 size=0x20000                      # or: vfio-unmap all=1
//   unmap-live live=0
//   device-map phys=0x1000 size=0x1000 untrusted=1        # dma_map_page through the first domain
//   sgtable size=0x3000 untrusted=0                       # alloc, get_sgtable, map on the last domain's device
// Throws InputError naming the line, the rule and the value.

// The lines of a pagesize trace (check/trace_reader.h); InputError names the line, the rule and
// the value.
struct TraceSyntax {
  using Scenario = pagesize::Scenario;
  static constexpr std::string_view target = "pagesize", aTrace = "a pagesize trace";
  static constexpr std::array<std::string_view, 1> headers = {"container"};
  static constexpr std::string_view headerHint = "(host_page=, domains=, v2=)";
  static void readHeader(const TraceLine& line, VfioConfig& config);
  static Op readOp(const TraceLine& line, const VfioConfig& config);
  static std::optional<std::string> configProblem(const VfioConfig& config);
};

std::vector<std::string> headerLines(const VfioConfig& config);
SpaceAxis spaceAxis(const VfioConfig& config);  // what replay --svg draws across
std::string opLine(const Op& op, const std::string& comment = "");

// The fuzzer's view of a page-size scenario: a structure-aware byte encoding
// (check/byte_fields.h). Tables hold the values that matter: host pages 4K/16K/64K, real
// IOMMU page-size sets, addresses and sizes on host-page and IOMMU-page boundaries, user
// addresses from a small pool (so mappings alias). Values are nudged to valid ones, so a
// valid trace encodes to bytes that decode back to itself and the traces seed the fuzzer.
//
//   header: host_page domain1 has_domain2 domain2 v2 entry_limit variant
//   op:     kind(%6) then split: iova paddr size | vfio-map: iova vaddr size
//           | vfio-unmap: iova size all | unmap-live: live | device-map: phys size untrusted
//           | sgtable: size untrusted

// The target's fields in the shared frame (check/fuzz_input.h).
void decodeConfig(ByteFieldReader& in, VfioConfig& config);
bool decodeOp(ByteFieldReader& in, Scenario& scenario);
void encodeConfig(std::vector<std::uint8_t>& out, const VfioConfig& config);
void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const VfioConfig& config);

using Implementation = dmacheck::Implementation<impl::pagesize::Variant, LogicFactory, Op>;

struct PagesizeTarget : TargetBase<PagesizeTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "pagesize";
  static constexpr std::string_view title =
      "page-size rules (iommu_map's page split, VFIO type1 map/unmap and accounting)";
  static constexpr std::string_view fixedLogic = "proposal-account-once";
  static constexpr std::string_view latestUpstream = "linux-6.12";
  static constexpr auto& invariants = kInvariants;
  static const auto& catalogue() { return impl::pagesize::pagesizeCatalogue(); }
  static Implementation implementationOf(const Variant& v);  // implementations.cpp
  using Syntax = TraceSyntax;
  static bool cheapToCheck(const Scenario& s) {
    for (const Op& op : s.ops)  // a large map costs milliseconds
      if (const auto* m = std::get_if<VfioMapOp>(&op); m && m->size > (1u << 24)) return false;
    return true;
  }
  static const kernel::TreeRecipe* treeRecipe() { return nullptr; }  // no harness of a tree's code
  static PropertyOutcome property(const Implementation& impl,
                                  const PropertyBudget& budget);  // props/pagesize/property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);   // proofs/pagesize/theorems.cpp
};
static_assert(dmacheck::Target<PagesizeTarget>);

}  // namespace dmacheck::pagesize
