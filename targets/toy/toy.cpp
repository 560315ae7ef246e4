#include "targets/toy/toy.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/step_budget.h"
#include "check/minimizer.h"

namespace dmacheck::toy {

namespace {

// The spec, written from the invariant: the live ranges since the last reset, plainly.
class ToySpec {
 public:
  explicit ToySpec(const Config& c) : capacity_(c.capacity) {}

  std::optional<std::string> judge(std::uint64_t size, const std::optional<std::uint64_t>& got) const {
    std::uint64_t highest = 0;
    for (const auto& [lo, hi] : live_) highest = std::max(highest, hi);
    if (!got) {
      if (capacity_ - highest >= size)
        return fmt::format("refused {:#x} bytes with {:#x} free above the highest allocation", size, capacity_ - highest);
      return std::nullopt;
    }
    if (*got > capacity_ || size > capacity_ - *got)
      return fmt::format("[{:#x}, {:#x}) ends past the arena's {:#x} bytes", *got, *got + size, capacity_);
    for (const auto& [lo, hi] : live_)
      if (*got < hi && lo < *got + size)
        return fmt::format("[{:#x}, {:#x}) overlaps the live [{:#x}, {:#x})", *got, *got + size, lo, hi);
    return std::nullopt;
  }
  void record(std::uint64_t offset, std::uint64_t size) { live_.push_back({offset, offset + size}); }
  void reset() { live_.clear(); }

 private:
  std::uint64_t capacity_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> live_;
};

// The implementation under test: a bump pointer.
class Bump : public BumpAllocator {
 public:
  Bump(const Config& c, Rules r) : capacity_(c.capacity), rules_(r) {}
  std::optional<std::uint64_t> alloc(std::uint64_t size) override {
    while (rules_.waitsForSpace && top_ + size > capacity_) StepBudget::charge("the wait for space");  // nobody frees
    if (top_ + size > capacity_ + (rules_.fitsOneByteMore ? 1 : 0)) return std::nullopt;
    const std::uint64_t offset = top_;
    top_ += size;
    return offset;
  }
  void reset() override { top_ = 0; }

 private:
  std::uint64_t capacity_, top_ = 0;
  Rules rules_;
};

// One step of the one checker loop (check/check_run.h).
class Steps {
 public:
  static constexpr const char* kTerminationInvariant = "B-TERM";
  Steps(const Config& c, const Factory& make) : spec_(c), impl_(make(c)) {}
  std::optional<Op> step(const Op& op, StepReport& r) {
    r.op = op;
    if (std::holds_alternative<ResetOp>(op)) {
      impl_->reset();
      spec_.reset();
      handedOut_.clear();
      r.outcome = "reset";
      return op;
    }
    const std::uint64_t size = std::get<AllocOp>(op).size;
    const auto got = impl_->alloc(size);
    r.outcome = got ? fmt::format("offset {:#x}", *got) : "refused";
    if (auto problem = spec_.judge(size, got)) r.violations.push_back({"B-FIT", r.step, *problem});
    if (got) spec_.record(*got, size);
    if (got) handedOut_.push_back({*got, size, SpanKind::Live, fmt::format("#{}", r.step)});
    r.spans = handedOut_;
    return op;
  }
  bool crashed() const { return false; }
  std::vector<Violation> finish(std::size_t) { return {}; }

 private:
  ToySpec spec_;
  std::unique_ptr<BumpAllocator> impl_;
  std::vector<SpaceSpan> handedOut_;  // since the last reset, for the picture
};

struct Policy {
  using Scenario = toy::Scenario;
  using Factory = toy::Factory;
  static constexpr std::size_t kPairWindow = 0;
  static bool accepts(const Minimizer<Policy>& m, const Scenario& c, std::size_t, bool) {
    return c.ops.size() < m.best().ops.size() || c.config.capacity < m.best().config.capacity;
  }
  static void prepare(Minimizer<Policy>&) {}
  static void simplify(Minimizer<Policy>& m) {
    m.tryEdit([](Scenario& c) { return c.config.capacity > 1 && (c.config.capacity /= 2, true); });
  }
};

std::vector<impl::BugRecord> toyBugs() {
  return {{"TOY-OFF-BY-ONE",
           "the fit test lets an allocation end one byte past the arena",
           "toy-1.0",
           "toy-1.1",
           {"B-FIT"},
           1,
           "capacity 1: alloc 2 bytes",
           false,
           "toy-1.0",
           "toy-1.1"},
          {"TOY-SPIN",
           "a request that does not fit waits for space that nothing will free",
           "toy-0.9",
           "toy-1.0",
           {"B-TERM"},
           1,
           "capacity 1: alloc 2 bytes",
           false,
           "toy-0.9",
           "toy-1.0"}};
}

std::vector<Variant> toyVariants() {
  return {
      {"toy-0.9", {"toy-spin"}, "TOY-0", "-", "-", "the seeded endless wait", {.waitsForSpace = true}, {"TOY-SPIN"}},
      {"toy-1.0",
       {"toy-buggy"},
       "TOY-1",
       "-",
       "-",
       "the seeded off-by-one",
       {.fitsOneByteMore = true},
       {"TOY-OFF-BY-ONE"}},
      {"toy-1.1", {}, "TOY-2", "-", "-", "the fixed fit test", {}, {}}};
}

}  // namespace

const impl::Catalogue<Rules>& toyCatalogue() { return impl::builtCatalogue<toyVariants, toyBugs>(); }

Implementation ToyTarget::implementationOf(const Variant& v) {
  return {v.name, &v, [rules = v.rules](const Config& c) { return std::make_unique<Bump>(c, rules); }};
}

void validateScenario(const Scenario& s) {
  if (s.config.capacity < 1 || s.config.capacity > (1u << 20))
    throw InputError(fmt::format("arena capacity {:#x} is outside 1..0x100000", s.config.capacity));
  for (std::size_t i = 0; i < s.ops.size(); ++i)
    if (const auto* a = std::get_if<AllocOp>(&s.ops[i]); a && (a->size < 1 || a->size > s.config.capacity + 1))
      throw InputError(fmt::format("operation {} ({}): size must be 1..capacity+1", i + 1, opLine(s.ops[i])));
}

CheckResult checkScenario(const Scenario& s, const Factory& make, const CheckOptions& options,
                          const CheckResult::Sink& sink) {
  Steps steps(s.config, make);
  return runSteps<CheckResult>(steps, s.ops, options, sink);
}

Scenario minimizeScenario(const Scenario& s, const Factory& make, const std::optional<std::string>& invariant) {
  return Minimizer<Policy>(s, make, invariant).result();
}

std::string opLine(const Op& op, const std::string& comment) {
  if (const auto* a = std::get_if<AllocOp>(&op))
    return formatTraceLine("alloc", {{"size", fmt::format("{:#x}", a->size)}}, comment);
  return formatTraceLine("reset", {}, comment);
}

SpaceAxis spaceAxis(const Config& c) { return {0, c.capacity, "byte"}; }

std::vector<std::string> headerLines(const Config& c) {
  return {formatTraceLine("arena", {{"capacity", fmt::format("{:#x}", c.capacity)}})};
}

void TraceSyntax::readHeader(const TraceLine& line, Config& config) {
  line.allowOnly({"capacity"});
  config.capacity = line.number("capacity");
}

Op TraceSyntax::readOp(const TraceLine& line, const Config&) {
  if (line.keyword == "alloc") {
    line.allowOnly({"size"});
    return AllocOp{line.number("size")};
  }
  if (line.keyword == "reset") {
    line.allowOnly({});
    return ResetOp{};
  }
  throw InputError(fmt::format("unknown toy line '{}' (known: arena, alloc, reset)", line.keyword), line.lineNo);
}

std::optional<std::string> TraceSyntax::configProblem(const Config&) { return std::nullopt; }

std::string renderStep(const StepReport& r) {
  std::string out;
  out += fmt::format("  {:>2} {:<24} -> {}\n", r.step, opLine(r.op), r.outcome);
  for (const Violation& v : r.violations) out += fmt::format("     ! {} violated: {}\n", v.invariant, v.detail);
  return out;
}

void decodeConfig(ByteFieldReader& in, Config& config) { config.capacity = 1 + in.byte() % 32; }

bool decodeOp(ByteFieldReader& in, Scenario& s) {
  const unsigned b = in.byte() % 8;
  if (b == 0)
    s.ops.push_back(ResetOp{});
  else
    s.ops.push_back(AllocOp{std::min<std::uint64_t>(b, s.config.capacity + 1)});
  return true;
}

void encodeConfig(std::vector<std::uint8_t>& out, const Config& c) {
  out.push_back(static_cast<std::uint8_t>((c.capacity - 1) % 32));
}

void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const Config&) {
  out.push_back(std::holds_alternative<ResetOp>(op) ? 0 : static_cast<std::uint8_t>(std::get<AllocOp>(op).size % 8));
}

}  // namespace dmacheck::toy

namespace dmacheck::toy {

// The toy has no theorems: `dmacheck prove --target toy` says so.
std::vector<ToyTarget::Proof> ToyTarget::prove(const ProofRequest&) { return {}; }

}  // namespace dmacheck::toy
