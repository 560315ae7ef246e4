#pragma once
// A proof cannot be fooled by a rule its statement never reads. Shared by every target's
// theorems test: each field of the target's Rules is mutated on a variant where it matters;
// a field the theorems read must change at least one statement (the formula text the solver
// gets), and a field listed as unread (with its reason) must leave every statement alone, so
// the list stays true when a theorem grows. Test-only (gtest).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "proofs/smt/word.h"

namespace dmacheck::proofs {

template <class Rules>
struct RuleMutation {
  const char* field;
  const char* variant;  // where the field matters
  std::function<void(Rules&)> mutate;
  const char* unreadBecause = nullptr;  // set: no theorem reads the field, for this reason
};

// The mutation that negates the bool field `field` on `variant`, then optionally the reason
// no theorem reads it.
#define DMACHECK_FLIP(variant, field, ...) \
  { #field, variant, [](auto& r) { r.field = !r.field; } __VA_OPT__(, ) __VA_ARGS__ }

// A statement as the solver's formula text.
template <class Statement>
std::string formulaText(const std::string& theorem, const Statement& st) {
  std::string text = theorem + ": " + st.claim.formula().to_string();
  for (const smt::Truth& a : st.assumptions) text += "\n  " + a.formula().to_string();
  return text + "\n";
}

// Every theorem's statement for these rules, as text, where the theorem states itself from
// the rules alone (t.applies(rules), t.state(rules)).
template <class Theorems, class Rules>
std::string statementsFor(const Theorems& theorems, const Rules& rules) {
  std::string text;
  for (const auto& t : theorems)
    if (t.applies(rules)) text += formulaText(t.id, t.state(rules));
  return text;
}

// `fields` is how many fields Rules has (the caller's structured binding proves it);
// `catalogue` holds the variants the mutations name; `statements(variant, rules)` every
// theorem's statement for that variant with these rules, as text.
template <class Rules, class Catalogue, class Statements>
void expectStatementsFollowEveryRule(const std::vector<RuleMutation<Rules>>& mutations, std::size_t fields,
                                     const Catalogue& catalogue, Statements statements) {
  EXPECT_EQ(mutations.size(), fields) << "every field of Rules needs one mutation";
  for (const RuleMutation<Rules>& m : mutations) {
    const auto* variant = catalogue.findVariant(m.variant);
    ASSERT_NE(variant, nullptr) << m.variant;
    const Rules base = variant->rules;
    Rules mutated = base;
    m.mutate(mutated);
    const bool changed = statements(m.variant, base) != statements(m.variant, mutated);
    if (m.unreadBecause)
      EXPECT_FALSE(changed) << m.field << " is listed as read by no theorem (" << m.unreadBecause
                            << "), but a statement changes with it";
    else
      EXPECT_TRUE(changed) << m.field << " on " << m.variant << ": no theorem's statement reads it";
  }
}

}  // namespace dmacheck::proofs
