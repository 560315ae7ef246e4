#pragma once
// The swiotlb target as the engines see it: its codecs (the trace lines and the fuzzer bytes)
// and its descriptor (SwiotlbTarget: the Target concept of check/target.h).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/byte_fields.h"
#include "check/implementation.h"
#include "check/swiotlb/checker.h"
#include "check/swiotlb/minimize.h"
#include "check/swiotlb/ops.h"
#include "check/swiotlb/report.h"
#include "check/target.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"
#include "impl/swiotlb/variant.h"
#include "model/swiotlb/invariants.h"

namespace dmacheck::swiotlb {

// SWIOTLB lines of the trace format: the pool/device header and one line per operation.
//
//   pool start=0x97ff0000 slots=7168 areas=1 page=4K
//   device min_align=0x0 seg_boundary=0xffffffffffffffff name="virtio-pci 0000:00:07.0"
//   map orig=0x40001000 size=0x800 align=0x0 cpu=0 dma=from-device skip_cpu_sync=1
//   alloc size=0x2000 cpu=0
//   unmap live=0
//   sync live=0 offset=0x900 size=0x100 dir=cpu
//   device-write live=0 offset=0x0 size=0x100
// A map's dma= (bidirectional, to-device, from-device) defaults to bidirectional, and its
// skip_cpu_sync= (DMA_ATTR_SKIP_CPU_SYNC, for the map and its unmap) to 0.
// Throws InputError naming the line, the rule and the value.

// The lines of a swiotlb trace (check/trace_reader.h); InputError names the line, the rule and
// the value.
struct TraceSyntax {
  using Scenario = swiotlb::Scenario;
  static constexpr std::string_view target = "swiotlb", aTrace = "a swiotlb trace";
  static constexpr std::array<std::string_view, 2> headers = {"pool", "device"};
  static constexpr std::string_view headerHint = "(start=, slots=, areas=, page=)";
  static void readHeader(const TraceLine& line, Config& config);
  static Op readOp(const TraceLine& line, const Config& config);
  static std::optional<std::string> configProblem(const Config& config);
};

std::vector<std::string> headerLines(const Config& config);
SpaceAxis spaceAxis(const Config& config);  // what replay --svg draws across
std::string opLine(const Op& op, const std::string& comment = "");

// The fuzzer's view of a scenario: a structure-aware byte encoding. Decoding never fails:
// every input, of any length, is a valid scenario, and every byte is used (missing bytes
// read as 0, so a truncated input is a shorter scenario, not a rejected one). Each field
// is one tag byte: below the table size it picks an interesting value (page sizes, masks,
// orig patterns, sizes near the segment limit), 0xff escapes to an explicit LEB128 value,
// and any other byte folds onto the table. Values are then nudged to the nearest valid one
// (a mask to 2^k-1, a start to the page), so every valid trace encodes to bytes that
// decode back to exactly the same scenario: the corpus of traces seeds the fuzzer. (The
// encoding covers pools of up to 8192 slots; traces may describe larger ones.)
//
//   header: page slots areas start min_align seg_boundary variant
//   op:     kind(%4) then  map: orig size align cpu | alloc: size cpu | unmap: live
//                          | sync: live offset size dir

// The target's fields in the shared frame (check/fuzz_input.h).
void decodeConfig(ByteFieldReader& in, Config& config);
bool decodeOp(ByteFieldReader& in, Scenario& scenario);
void encodeConfig(std::vector<std::uint8_t>& out, const Config& config);
void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const Config& config);

// A libFuzzer input (crash file, corpus entry) rather than a text trace?
bool looksLikeFuzzerInput(const std::string& fileContents);

using Implementation = dmacheck::Implementation<impl::Variant, AllocatorFactory, Op>;

struct SwiotlbTarget : TargetBase<SwiotlbTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "swiotlb";
  static constexpr std::string_view title = "SWIOTLB bounce-buffer slot allocator (kernel/dma/swiotlb.c)";
  static constexpr std::string_view fixedLogic = "proposal-wrap-distance";
  static constexpr std::string_view latestUpstream = "linux-6.10";
  static constexpr auto& invariants = kInvariants;
  static const auto& catalogue() { return impl::swiotlbCatalogue(); }
  static Implementation implementationOf(const Variant& v);     // implementations.cpp
  static std::optional<Implementation> kernelImplementation();  // a tree's own code (implementations.cpp)
  using Syntax = TraceSyntax;
  static bool cheapToCheck(const Scenario& s) { return s.config.pool.slots <= 4096; }
  static const kernel::TreeRecipe* treeRecipe();  // kernel/swiotlb/tree_recipe.h (implementations.cpp)
  static PropertyOutcome property(const Implementation& impl,
                                  const PropertyBudget& budget);  // props/swiotlb/property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);   // proofs/swiotlb/prover.cpp
};
static_assert(dmacheck::Target<SwiotlbTarget>);

}  // namespace dmacheck::swiotlb
