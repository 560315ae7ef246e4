#pragma once
// The iova target as the engines see it: its codecs (the trace lines and the fuzzer bytes)
// and its descriptor (IovaTarget: the Target concept of check/target.h).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/byte_fields.h"
#include "check/implementation.h"
#include "check/iova/checker.h"
#include "check/iova/minimize.h"
#include "check/iova/ops.h"
#include "check/iova/report.h"
#include "check/target.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"
#include "impl/iova/variant.h"
#include "model/iova/allocator.h"
#include "model/iova/invariants.h"

namespace dmacheck::iova {

// IOVA lines of the trace format: the domain header and one line per operation.
//
//   domain start_pfn=0x1 dma32_pfn=0x40 end_pfn=0xff granule=4K cpus=2 mag_size=127 depot_max=32
//   unmap_mode mode=lazy queue=percpu fq_size=256 fq_timeout_ms=10
//   map size=0x2 limit=0x3f aligned=1 cpu=0
//   unmap live=0 cpu=0
//   unmap-again dead=0 cpu=0
//   unmap-pfn pfn=0x0 size=0x1 cpu=0
//   reserve lo=0x0 hi=0x0
//   tick ms=10
//   cpu-dead cpu=1
//   lazy-switch race=0 cpu=1

// The lines of an iova trace (check/trace_reader.h); InputError names the line, the rule and
// the value.
struct TraceSyntax {
  using Scenario = iova::Scenario;
  static constexpr std::string_view target = "iova", aTrace = "an iova trace";
  static constexpr std::array<std::string_view, 2> headers = {"domain", "unmap_mode"};
  static constexpr std::string_view headerHint = "(start_pfn=, dma32_pfn=, end_pfn=, ...)";
  static void readHeader(const TraceLine& line, Config& config);
  static Op readOp(const TraceLine& line, const Config& config);
  static std::optional<std::string> configProblem(const Config& config);
};

std::vector<std::string> headerLines(const Config& config);
SpaceAxis spaceAxis(const Config& config);  // what replay --svg draws across
std::string opLine(const Op& op, const std::string& comment = "");

// The fuzzer's view of an IOVA scenario: a structure-aware byte encoding. Decoding never
// fails and uses every byte (missing bytes read as 0). Each field is one tag byte: below
// the field's table size it picks an interesting value (toy domains where dma_32bit_pfn
// is 16-128 pfns, magazine sizes of 1-4 that reach the depot, queue sizes of 2-8), 0xff
// escapes to an explicit LEB128 value, other bytes fold onto the table. Values are then
// nudged to valid ones, so a valid trace encodes to bytes that decode back to itself and
// the corpus of traces seeds the fuzzer.
//
//   header: start_pfn dma32_pfn end_pfn cpus mag_size depot_max mode queue fq_size fq_timeout variant
//   op:     kind(%8) then map: size limit aligned cpu | unmap: live cpu | unmap-again: dead cpu
//           | unmap-pfn: pfn size cpu | reserve: lo hi | tick: ms | cpu-dead: cpu | lazy-switch: race cpu

// The target's fields in the shared frame (check/fuzz_input.h).
void decodeConfig(ByteFieldReader& in, Config& config);
bool decodeOp(ByteFieldReader& in, Scenario& scenario);
void encodeConfig(std::vector<std::uint8_t>& out, const Config& config);
void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const Config& config);

using Implementation = dmacheck::Implementation<impl::iova::Variant, AllocatorFactory, Op>;

struct IovaTarget : TargetBase<IovaTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "iova";
  static constexpr std::string_view title =
      "IOVA lifecycle (drivers/iommu/iova.c + dma-iommu flush queues; s390 legacy bitmap)";
  static constexpr std::string_view fixedLogic = "proposal-checked-unmap";
  static constexpr std::string_view latestUpstream = "linux-6.12";
  static constexpr auto& invariants = kInvariants;
  static const auto& catalogue() { return impl::iova::iovaCatalogue(); }
  static Implementation implementationOf(const Variant& v);     // implementations.cpp
  static std::optional<Implementation> kernelImplementation();  // a tree's own code (implementations.cpp)
  using Syntax = TraceSyntax;
  static bool cheapToCheck(const Scenario& s) { return s.config.endPfn <= 4096; }
  static const kernel::TreeRecipe* treeRecipe();  // kernel/iova/tree_recipe.h (implementations.cpp)
  static PropertyOutcome property(const Implementation& impl, const PropertyBudget& budget);  // props/iova/property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);  // proofs/iova/theorems.cpp
};
static_assert(dmacheck::Target<IovaTarget>);

}  // namespace dmacheck::iova
