#pragma once
// Termination, the same way for every target. Each loop of an implementation whose end
// depends on its arithmetic (a search, a split, a walk, a drain) charges one step per turn;
// the checker runs every operation under a StepBudget, and a turn past it throws
// NonTermination, which the checker reports as the target's termination invariant (the
// kernel would spin there forever, usually with a lock held). The kernel's own code cannot
// charge steps: its harness stops a call with a CPU-time watchdog instead.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace dmacheck {

struct NonTermination : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class StepBudget {
 public:
  // Four times what the longest valid operation takes (a 4 GiB split into 4K pages is 2^20
  // turns, a bitmap search over 2^20 granules at most 2^21), and small enough that
  // shrinking a hang costs little (2^26 made a 1.5 s find take 12 s).
  static constexpr std::uint64_t kPerOperation = std::uint64_t{1} << 23;

  // For this thread until destroyed; budgets do not nest (the innermost one counts).
  explicit StepBudget(std::uint64_t steps = kPerOperation) : saved_(left()) { left() = steps; }
  ~StepBudget() { left() = saved_; }
  StepBudget(const StepBudget&) = delete;
  StepBudget& operator=(const StepBudget&) = delete;

  // One turn of `loop` (a name for the report). Without a budget, nothing is counted.
  static void charge(const char* loop) {
    std::uint64_t& n = left();
    if (n == kUnlimited) return;
    if (n == 0) throw NonTermination(std::string(loop) + " ran past its step budget without finishing");
    --n;
  }

 private:
  static constexpr std::uint64_t kUnlimited = ~std::uint64_t{0};
  static std::uint64_t& left() {
    thread_local std::uint64_t steps = kUnlimited;
    return steps;
  }
  std::uint64_t saved_;
};

}  // namespace dmacheck
