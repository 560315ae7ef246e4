#pragma once
// One row of a target's invariant table: the stable id a violation carries ("S-DISJ") and
// the rule in one sentence. Every target's model/<target>/invariants.h is a table of these.
#include <string_view>

namespace dmacheck {

struct InvariantInfo {
  std::string_view id;
  std::string_view summary;
};

}  // namespace dmacheck
