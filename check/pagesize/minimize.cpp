#include "check/pagesize/minimize.h"

#include "check/minimizer.h"

namespace dmacheck::pagesize {

namespace {

// The page-size part of the one minimiser (check/minimizer.h): fewer operations, then fewer
// domains; extra domains are dropped one at a time.
struct Policy {
  using Scenario = pagesize::Scenario;
  using Factory = LogicFactory;
  static constexpr std::size_t kPairWindow = 0;
  static bool accepts(const Minimizer<Policy>& m, const Scenario& c, std::size_t, bool) {
    const Scenario& best = m.best();
    if (c.ops.size() != best.ops.size()) return c.ops.size() < best.ops.size();
    return c.config.domains.size() < best.config.domains.size();
  }
  static void prepare(Minimizer<Policy>&) {}
  static void simplify(Minimizer<Policy>& m) {
    for (std::size_t d = 0; m.best().config.domains.size() > 1 && d < m.best().config.domains.size(); ++d)
      m.tryEdit(
          [d](Scenario& c) { return c.config.domains.erase(c.config.domains.begin() + static_cast<long>(d)), true; });
  }
};

}  // namespace

Scenario minimizeScenario(const Scenario& scenario, const LogicFactory& make,
                          const std::optional<std::string>& invariant) {
  return Minimizer<Policy>(scenario, make, invariant).result();
}

}  // namespace dmacheck::pagesize
