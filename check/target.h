#pragma once
// A target: one allocator family (its operations, model, implementations, codecs and
// renderers) as one type that every engine and command is written against once.
//
// A target's folders (model/T, impl/T, check/T, props/T, targets/T, corpus/T, ...) name
// their functions the same way in namespace dmacheck::T (checkScenario, minimizeScenario,
// renderStep, headerLines, opLine, decodeOp, encodeOp, validateScenario, ..., found by
// argument-dependent lookup on T's types); check/T/target.h declares them and the
// descriptor, deriving from TargetBase, which supplies the engine-facing calls; the `Target`
// concept below is what every command and engine requires, checked where the descriptor is
// declared and where the registry (targets/registry.h) lists it.
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "check/check_options.h"
#include "check/fuzz_input.h"
#include "check/proof_outcome.h"
#include "check/property_outcome.h"
#include "check/space_time_svg.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"
#include "check/trace_render.h"
#include "check/violation.h"
#include "impl/bug_record.h"
#include "impl/variant_record.h"
#include "model/invariant_info.h"

namespace dmacheck {

namespace kernel {
struct TreeRecipe;  // kernel/tree_recipe.h: how `dmacheck kernel` builds a tree's code for a target
}

// The calls every engine makes, in terms of the target namespace's own functions. Derived
// provides the types, its catalogue (impl/catalogue.h) and how a variant is run (see the concept).
template <class Derived, class ScenarioT, class ImplementationT, class CheckResultT>
struct TargetBase {
  using Scenario = ScenarioT;
  using Implementation = ImplementationT;
  using CheckResult = CheckResultT;
  using Variant = typename Implementation::Variant;
  using Bug = impl::BugRecord;
  using TraceMeta = dmacheck::TraceMeta;
  using PropertyBudget = dmacheck::PropertyBudget;
  using PropertyOutcome = dmacheck::PropertyOutcome<Scenario>;
  using Proof = ProofOutcome<Scenario>;

  static CheckResult check(const Scenario& s, const Implementation& i, bool stopAtFirst, bool keepReports) {
    return checkScenario(s, i.make, CheckOptions{.stopAtFirstViolation = stopAtFirst, .keepReports = keepReports});
  }
  // Stopping at the first violation keeps no reports; a full run keeps them all.
  static CheckResult check(const Scenario& s, const Implementation& i, bool stopAtFirst) {
    return check(s, i, stopAtFirst, !stopAtFirst);
  }
  static Scenario minimize(const Scenario& s, const Implementation& i, const std::optional<std::string>& invariant) {
    return minimizeScenario(s, i.make, invariant);
  }
  // The first violation of `invariant` in a full run (every step, not stopping at the first).
  static std::optional<Violation> firstOf(const Scenario& s, const Implementation& i, const std::string& invariant) {
    const CheckOptions full{.stopAtFirstViolation = false, .keepReports = true};
    for (const Violation& v : checkScenario(s, i.make, full).allViolations())
      if (v.invariant == invariant) return v;
    return std::nullopt;
  }
  // The scenario as trace text; with a run's reports, each operation's outcome as a comment.
  static std::string trace(const Scenario& s, const TraceMeta& m, const CheckResult* r = nullptr) {
    const auto header = [](const auto& config) { return headerLines(config); };
    const auto line = [](const auto& op, const std::string& comment) { return opLine(op, comment); };
    return renderTraceText(Derived::name, s, m, r, header, line);
  }
  // Every step's report to `sink` as it is made (kept nowhere): a replay of a long trace.
  static CheckResult check(const Scenario& s, const Implementation& i, bool stopAtFirst,
                           const typename CheckResult::Sink& sink) {
    return checkScenario(s, i.make, CheckOptions{.stopAtFirstViolation = stopAtFirst, .keepReports = true}, sink);
  }
  // The replay report, one frame for every target: the header lines, each step as the
  // target renders it (renderStep), then what the whole-state check found at the end.
  static std::string replayHead(const Scenario& s) {
    std::string out;
    for (const std::string& line : headerLines(s.config)) out += "  " + line + "\n";
    return out;
  }
  static std::string replayStep(const typename CheckResult::Report& r) { return renderStep(r); }
  static std::string replayEnd(const CheckResult& r, std::size_t steps) {
    std::string out;
    for (const Violation& v : r.finalViolations)
      out += "     ! " + v.invariant + (steps == 0 ? " in the initial state: " : " after the last step: ") + v.detail +
             "\n";
    return out;
  }
  static std::string replay(const Scenario& s, const CheckResult& r) {
    std::string out = replayHead(s);
    for (const auto& report : r.reports) out += replayStep(report);
    return out + replayEnd(r, r.reports.size());
  }
  // The space-time picture's row for one step (replay --svg), and the picture of a run.
  static SpaceTimeRow pictureRow(const typename CheckResult::Report& r) {
    SpaceTimeRow row{opLine(r.op, ""), r.spans, {}};
    for (const Violation& v : r.violations) row.violations.push_back(v.invariant);
    return row;
  }
  static std::string svg(const Scenario& s, const std::string& title, std::vector<SpaceTimeRow> rows,
                         const std::vector<Violation>& finalViolations) {
    SpaceTimePicture picture{title, spaceAxis(s.config), std::move(rows), {}};
    for (const Violation& v : finalViolations) picture.finalViolations.push_back(v.invariant);
    return renderSpaceTimeSvg(picture);
  }
  static std::vector<std::uint8_t> encode(const Scenario& s, std::uint8_t variantChoice = 0) {
    return encodeScenario(s, variantChoice);
  }
  static void validate(const Scenario& s) { validateScenario(s); }
  // A trace's scenario, checked against the target's client rules (InputError if broken).
  static Scenario fromDocument(const TraceDocument& d) {
    Scenario s = readTraceLines<typename Derived::Syntax>(d);
    validateScenario(s);
    return s;
  }
  // The same from a trace's text, read line by line: `doc` gets the prologue, notes and
  // expect lines but not the target lines, so a long trace is held once, as operations.
  static Scenario fromText(std::string_view text, TraceDocument& doc) {
    std::optional<TraceReader<typename Derived::Syntax>> reader;
    parseTraceStream(text, doc, [&](TraceLine&& line) {
      if (!reader) reader.emplace(doc.target);
      reader->add(line);
    });
    if (!reader) reader.emplace(doc.target);
    Scenario s = std::move(*reader).finish();
    validateScenario(s);
    return s;
  }
  using DecodedInput = dmacheck::DecodedInput<Scenario>;
  static DecodedInput decode(const std::uint8_t* data, std::size_t size) { return decodeScenario<Scenario>(data, size); }
  static DecodedInput decode(const std::string& bytes) {
    return decode(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  static std::vector<std::string> invariantIds() {
    std::vector<std::string> ids;
    for (const InvariantInfo& i : Derived::invariants) ids.emplace_back(i.id);
    return ids;
  }
  static const std::vector<Variant>& variants() { return Derived::catalogue().variants; }
  static const std::vector<Bug>& bugs() { return Derived::catalogue().bugs; }
  static const Bug* findBug(std::string_view id) { return Derived::catalogue().findBug(id); }

  // Implementations by name: a variant (name, alias or commit id) or, under `dmacheck kernel`,
  // "kernel", the tree's own code (Derived::kernelImplementation; a target without: none).
  static std::optional<Implementation> find(const std::string& name) {
    if (const Variant* v = Derived::catalogue().findVariant(name)) return Derived::implementationOf(*v);
    if (name == "kernel") return Derived::kernelImplementation();
    return std::nullopt;
  }
  static std::optional<Implementation> kernelImplementation() { return std::nullopt; }
  static std::vector<Implementation> all() {
    std::vector<Implementation> out;
    for (const Variant& v : variants()) out.push_back(Derived::implementationOf(v));
    return out;
  }
  static std::string unknown(const std::string& name) {
    if (name == "kernel" && Derived::treeRecipe())
      return fmt::format("implementation 'kernel' is a tree's own code: run it through "
                         "`dmacheck kernel --src LINUX_TREE --target {} <command>`",
                         Derived::name);
    return fmt::format("unknown {0} implementation '{1}' (known: {2}; aliases and commit ids too: see "
                       "'dmacheck list --target {0}')",
                       Derived::name, name, impl::recordNames(variants()));
  }
};

// What a target must provide; nothing may be left out silently.
template <class T>
concept Target = requires(const typename T::Scenario& s, const typename T::Implementation& impl, const std::string& name,
                          const TraceDocument& doc, const typename T::CheckResult& result,
                          const PropertyBudget& budget, const ProofRequest& proofRequest) {
  // Identity: the --target name and trace 'target' line, a one-line title, and the variant
  // with every fix (CI campaigns and the PR fuzzers run it; it must hold every property).
  { T::name } -> std::convertible_to<std::string_view>;
  { T::title } -> std::convertible_to<std::string_view>;
  { T::fixedLogic } -> std::convertible_to<std::string_view>;
  { T::latestUpstream } -> std::convertible_to<std::string_view>;
  // The invariant table, the variant registry and the bug table.
  { std::span<const InvariantInfo>(T::invariants) };
  { T::variants() } -> std::same_as<const std::vector<typename T::Variant>&>;
  { T::bugs() } -> std::same_as<const std::vector<typename T::Bug>&>;
  // Implementations by name (variants, aliases, "kernel" under `dmacheck kernel`).
  { T::find(name) } -> std::same_as<std::optional<typename T::Implementation>>;
  { T::all() } -> std::same_as<std::vector<typename T::Implementation>>;
  { T::unknown(name) } -> std::same_as<std::string>;
  { impl.name } -> std::convertible_to<std::string>;
  // The checker, minimiser and renderers (TargetBase, over the namespace's functions).
  { T::check(s, impl, true, true) } -> std::same_as<typename T::CheckResult>;
  { result.firstViolation } -> std::convertible_to<std::optional<Violation>>;
  { result.allViolations() } -> std::same_as<std::vector<Violation>>;
  { T::minimize(s, impl, std::optional<std::string>{}) } -> std::same_as<typename T::Scenario>;
  { T::firstOf(s, impl, name) } -> std::same_as<std::optional<Violation>>;
  { T::trace(s, TraceMeta{}, &result) } -> std::same_as<std::string>;
  { T::replay(s, result) } -> std::same_as<std::string>;
  // The picture (replay --svg): each step's state as spans of the target's space.
  { result.reports.front().spans } -> std::convertible_to<std::vector<SpaceSpan>>;
  { spaceAxis(s.config) } -> std::same_as<SpaceAxis>;
  // The codecs: trace text (parsed by check/trace_document.h) and libFuzzer bytes.
  { T::fromDocument(doc) } -> std::same_as<typename T::Scenario>;
  { T::fromText(name, const_cast<TraceDocument&>(doc)) } -> std::same_as<typename T::Scenario>;
  { T::decode(name).scenario } -> std::convertible_to<typename T::Scenario>;
  { T::decode(name).variantChoice } -> std::convertible_to<std::uint8_t>;
  { T::encode(s) } -> std::same_as<std::vector<std::uint8_t>>;
  // Whether checking s takes well under a millisecond (small geometry): the parser fuzzer
  // runs the checker on those only.
  { T::cheapToCheck(s) } -> std::same_as<bool>;
  // How `dmacheck kernel` builds a tree's own code for this target (nullptr: it does not).
  { T::treeRecipe() } -> std::same_as<const kernel::TreeRecipe*>;
  // The generic RapidCheck property (defined in props/T/property.cpp) and the Z3 theorems
  // (defined in proofs/T/; a target without theorems returns none).
  { T::property(impl, budget) } -> std::same_as<PropertyOutcome<typename T::Scenario>>;
  { T::prove(proofRequest) } -> std::same_as<std::vector<ProofOutcome<typename T::Scenario>>>;
};

}  // namespace dmacheck
