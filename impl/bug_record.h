#pragma once
// One row of a target's bug table: what went wrong, where it came and
// went, the invariants a generic property reports when it fires (the first is its defining
// one) and its minimal trigger.
#include <string>
#include <string_view>
#include <vector>

namespace dmacheck::impl {

struct BugRecord {
  std::string id;
  std::string summary;
  std::string introduced;
  std::string fixed;
  std::vector<std::string> invariants;
  int triggerOps = 0;  // operations in the minimal trigger
  std::string trigger;
  bool proofOnly = false;  // no trace can show it (outside the trace rules); only a theorem refutes it
  // Where a registry derives each variant's known bugs from the bug's range:
  std::string firstVariant;    // the first variant (in history order) that has it
  std::string fixedInVariant;  // the first that no longer has it ("" = none yet)
};

// The row `id` of a bug table, or null.
inline const BugRecord* findBugIn(const std::vector<BugRecord>& table, std::string_view id) {
  for (const BugRecord& b : table)
    if (b.id == id) return &b;
  return nullptr;
}

}  // namespace dmacheck::impl
