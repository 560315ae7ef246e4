#pragma once
// A violation: which invariant broke, at which step of a trace, and why (with values).
// Shared by every target; the invariant is a stable id such as "S-DISJ".
#include <cstddef>
#include <string>

namespace dmacheck {

struct Violation {
  std::string invariant;
  std::size_t step = 0;  // 1-based index of the operation that exposed it
  std::string detail;
};

}  // namespace dmacheck
