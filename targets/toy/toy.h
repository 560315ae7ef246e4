#pragma once
// The toy target: a bump allocator with one invariant, built only in tests. It shows that a
// target plugs in through the registry and its own folder alone (docs/adding-a-target.md):
// every command (list, check, replay, corpus, fuzz inputs, zoo) runs on it in
// `dmacheck_toy`, the command built with it (targets/toy/toy_test.sh). Everything a real
// target spreads over model/, impl/ and check/ sits in this one folder, and, as everywhere,
// the model (ToySpec) shares no helper with the implementation (Bump).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "check/byte_fields.h"
#include "check/check_run.h"
#include "check/space_span.h"
#include "check/implementation.h"
#include "check/target.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"
#include "check/trace_render.h"
#include "impl/catalogue.h"
#include "model/invariant_info.h"

namespace dmacheck::toy {

inline constexpr InvariantInfo kInvariants[] = {
    {"B-TERM", "every allocation finishes within its step budget"},
    {"B-FIT", "an allocation lies inside the arena and overlaps no live allocation; the allocator refuses only "
              "when fewer bytes than asked are left above the highest live allocation"},
};

// The operation vocabulary: `alloc size=N` and `reset` (frees everything).
struct Config {
  std::uint64_t capacity = 16;  // arena bytes
};
struct AllocOp {
  std::uint64_t size = 1;
};
struct ResetOp {};
using Op = std::variant<AllocOp, ResetOp>;
struct Scenario {
  Config config;
  std::vector<Op> ops;
};

struct StepReport {
  std::size_t step = 0;
  Op op;
  std::string outcome;  // "offset 0x4", "refused", "reset"
  std::vector<Violation> violations;
  std::vector<SpaceSpan> spans;  // the arena's allocations after the step (replay --svg)
};
using CheckResult = CheckRun<Op, StepReport>;

// What an implementation offers the checker.
class BumpAllocator {
 public:
  virtual ~BumpAllocator() = default;
  virtual std::optional<std::uint64_t> alloc(std::uint64_t size) = 0;
  virtual void reset() = 0;
};
using Factory = std::function<std::unique_ptr<BumpAllocator>(const Config&)>;

struct Rules {
  bool fitsOneByteMore = false;  // the seeded bug TOY-OFF-BY-ONE: `top + size > capacity + 1`
  bool waitsForSpace = false;    // the seeded bug TOY-SPIN: a full arena is retried forever
};
using Variant = impl::VariantRecord<Rules>;
const impl::Catalogue<Rules>& toyCatalogue();
using Implementation = dmacheck::Implementation<Variant, Factory, Op>;

// The engine-facing functions every target names the same (check/target.h).
void validateScenario(const Scenario& s);
CheckResult checkScenario(const Scenario& s, const Factory& make, const CheckOptions& options = {},
                          const CheckResult::Sink& sink = {});
Scenario minimizeScenario(const Scenario& s, const Factory& make, const std::optional<std::string>& invariant);
std::vector<std::string> headerLines(const Config& config);
SpaceAxis spaceAxis(const Config& config);  // what replay --svg draws across
std::string opLine(const Op& op, const std::string& comment = "");

struct TraceSyntax {
  using Scenario = toy::Scenario;
  static constexpr std::string_view target = "toy", aTrace = "a toy trace";
  static constexpr std::array<std::string_view, 1> headers = {"arena"};
  static constexpr std::string_view headerHint = "(capacity=N)";
  static void readHeader(const TraceLine& line, Config& config);
  static Op readOp(const TraceLine& line, const Config& config);
  static std::optional<std::string> configProblem(const Config& config);
};
// One step of the replay report (the frame around it: TargetBase::replay).
std::string renderStep(const StepReport& report);

// Fuzzer bytes: [capacity - 1] [variant choice] then one byte per operation, 0 = reset,
// 1..7 = alloc of that many bytes (other values are taken modulo 8).
// The target's fields in the shared frame (check/fuzz_input.h).
void decodeConfig(ByteFieldReader& in, Config& config);
bool decodeOp(ByteFieldReader& in, Scenario& scenario);
void encodeConfig(std::vector<std::uint8_t>& out, const Config& config);
void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const Config& config);

// The descriptor (check/target.h). A test build adds it to the registry through
// DMACHECK_TEST_TARGETS_HEADER (targets/registry.h).
struct ToyTarget : TargetBase<ToyTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "toy";
  static constexpr std::string_view title = "a bump allocator with one invariant (test-only)";
  static constexpr std::string_view fixedLogic = "toy-1.1";
  static constexpr std::string_view latestUpstream = "toy-1.1";
  static constexpr auto& invariants = kInvariants;
  static const auto& catalogue() { return toyCatalogue(); }
  static Implementation implementationOf(const Variant& v);
  using Syntax = TraceSyntax;
  static bool cheapToCheck(const Scenario&) { return true; }
  static const dmacheck::kernel::TreeRecipe* treeRecipe() { return nullptr; }  // no harness of a tree's code
  static PropertyOutcome property(const Implementation& impl, const PropertyBudget& budget);  // property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);                               // toy.cpp
};
static_assert(dmacheck::Target<ToyTarget>);

}  // namespace dmacheck::toy

#define DMACHECK_TEST_TARGETS , dmacheck::toy::ToyTarget
