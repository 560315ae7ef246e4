#include "proofs/smt/solver.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace dmacheck::proofs::smt {

z3::context& context() {
  thread_local z3::context ctx;
  return ctx;
}

const char* verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::Proved: return "proved";
    case Verdict::Counterexample: return "counterexample";
    case Verdict::Unknown: return "unknown";
    case Verdict::Vacuous: return "vacuous";
  }
  return "?";
}

std::uint64_t Assignment::value(const Word& word) const {
  return model_.eval(word.term(), true).get_numeral_uint64();
}

bool Assignment::holds(const Truth& truth) const { return model_.eval(truth.formula(), true).is_true(); }

std::string Assignment::describe() const {
  std::vector<std::pair<std::string, std::uint64_t>> values;
  for (unsigned i = 0; i < model_.num_consts(); ++i) {
    const z3::func_decl decl = model_.get_const_decl(i);
    if (decl.range().is_bv()) values.emplace_back(decl.name().str(), model_.get_const_interp(decl).get_numeral_uint64());
  }
  std::sort(values.begin(), values.end());
  std::string out;
  for (const auto& [name, value] : values) out += fmt::format("{}{}={:#x}", out.empty() ? "" : " ", name, value);
  return out;
}

namespace {

z3::solver bitvectorSolver(unsigned timeoutMs) {
  z3::solver solver(context(), "QF_BV");
  z3::params params(context());
  params.set("timeout", timeoutMs);
  solver.set(params);
  return solver;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Decision decide(const std::vector<Truth>& assumptions, const Truth& claim, unsigned timeoutMs) {
  const auto start = std::chrono::steady_clock::now();
  Decision decision;
  z3::solver solver = bitvectorSolver(timeoutMs);
  for (const Truth& a : assumptions) solver.add(a.formula());
  switch (solver.check()) {
    case z3::unsat:
      decision.verdict = Verdict::Vacuous;
      decision.reason = "the assumptions contradict each other";
      decision.seconds = secondsSince(start);
      return decision;
    case z3::unknown:
      decision.reason = "assumptions: " + solver.reason_unknown();
      decision.seconds = secondsSince(start);
      return decision;
    case z3::sat: break;
  }
  solver.add(!claim.formula());
  switch (solver.check()) {
    case z3::unsat: decision.verdict = Verdict::Proved; break;
    case z3::sat:
      decision.verdict = Verdict::Counterexample;
      decision.counterexample.emplace(solver.get_model());
      break;
    case z3::unknown: decision.reason = solver.reason_unknown(); break;
  }
  decision.seconds = secondsSince(start);
  return decision;
}

std::optional<Assignment> findAssignment(const std::vector<Truth>& constraints, unsigned timeoutMs, double& seconds) {
  const auto start = std::chrono::steady_clock::now();
  z3::solver solver = bitvectorSolver(timeoutMs);
  for (const Truth& c : constraints) solver.add(c.formula());
  const z3::check_result result = solver.check();
  seconds = secondsSince(start);
  if (result != z3::sat) return std::nullopt;
  return Assignment(solver.get_model());
}

}  // namespace dmacheck::proofs::smt
